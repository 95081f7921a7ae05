"""Plain, immutable data the UI renders. No I/O, no SAP formats.

Every value here is already in *display* form: numbers without ALPHA zero padding, partner
functions and order types in their external (English) codes, dates as ``datetime.date``,
money and quantities as ``Decimal``. The RFC adapter (``ordertui.sap.rfc``) converts SAP's
internal formats into these, once, at the edge.

These objects live in memory only. Nothing in ordertui writes them anywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

ZERO = Decimal("0")


# --------------------------------------------------------------------------- messages


@dataclass(frozen=True)
class SapMessage:
    """One message from any of SAP's RETURN shapes (BAPIRETURN, BAPIRETURN1, BAPIRET1, BAPIRET2).

    ``type`` is SAP's: S success, I info, W warning, E error, A abort.
    ``id``/``number`` are the message class and number (``V1``/``311``); for the oldest
    BAPIRETURN shape they are split out of its ``CODE`` field.
    ``row`` (1-based item row, 0 = header) and ``field``/``parameter`` say what it concerns.
    """

    type: str
    id: str
    number: str
    text: str
    parameter: str = ""
    row: int = 0
    field: str = ""
    item: str = ""  # order item number without zeros, when SAP names one

    @property
    def is_error(self) -> bool:
        return self.type in ("E", "A", "X")

    @property
    def is_warning(self) -> bool:
        return self.type == "W"

    @property
    def code(self) -> str:
        """``V1 311`` — how SAP users quote a message."""
        return f"{self.id} {self.number}".strip()


# --------------------------------------------------------------------------- system / user


@dataclass(frozen=True)
class SalesArea:
    sales_org: str
    distr_chan: str
    division: str

    def __str__(self) -> str:
        return f"{self.sales_org}/{self.distr_chan}/{self.division}"


@dataclass(frozen=True)
class SystemInfo:
    system_id: str
    release: str
    host: str
    client: str
    user: str
    sandbox: bool = False


@dataclass(frozen=True)
class UserDefaults:
    """From BAPI_USER_GET_DETAIL: the user's name and SET/GET parameters VKO/VTW/SPA/WRK."""

    user: str
    full_name: str
    language: str
    sales_area: SalesArea | None
    plant: str = ""
    date_format: str = ""


@dataclass(frozen=True)
class CallEvent:
    """A technical record of one RFC call, for the call log and the status bar.

    Holds the function module name, duration and outcome class only — never a payload.
    """

    function: str
    seconds: float
    outcome: str  # "ok", "business-error", or the error class name
    at: dt.datetime


# --------------------------------------------------------------------------- customers


@dataclass(frozen=True)
class CustomerHit:
    number: str
    name: str
    city: str
    postal_code: str
    country: str
    phone: str
    blocked: bool  # central order block, posting block or deletion flag
    #: the account is a ship-to only (account group of goods recipients): it takes deliveries but
    #: cannot order; ``gateway.sold_tos_of(number, sales_area)`` gives the sold-to(s) it serves
    ship_to_only: bool = False
    #: a phone search matched a contact person's number, not the company's: "Maria Alvarez,
    #: Purchasing" (name, then department or function); "" when the company's number matched
    matched_contact: str = ""
    #: the number that matched a phone search, as SAP holds it (ADR2-TEL_NUMBER); "" otherwise
    matched_phone: str = ""


@dataclass(frozen=True)
class SearchResult:
    """Hits of a search, and whether SAP stopped at the hit limit."""

    hits: tuple
    limit: int
    truncated: bool
    #: what the search did beyond the text as typed, in a sentence for the user ("555-0142 has no
    #: area code: numbers in +1 that end in 5550142"); "" when it searched just what was typed
    note: str = ""

    def __len__(self) -> int:
        return len(self.hits)


@dataclass(frozen=True)
class Address:
    name: str
    name2: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    region: str = ""
    country: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""

    def one_line(self) -> str:
        parts = [self.street, " ".join(p for p in (self.postal_code, self.city) if p), self.country]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class Contact:
    number: str
    name: str
    department: str = ""
    function: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Plant:
    """A plant a sales organization may deliver from (TVKWZ), with its name and city (T001W)."""

    number: str
    name: str
    city: str = ""


@dataclass(frozen=True)
class Partner:
    """A partner function of a customer in a sales area. ``role`` is external: SP SH BP PY, or CP
    for a contact person (then ``number`` is the contact's KNVK number and ``name`` the person's)."""

    role: str
    number: str
    name: str
    city: str = ""
    is_default: bool = False
    address: Address | None = None


@dataclass(frozen=True)
class Customer:
    """General data of a customer (BAPI_CUSTOMER_GETDETAIL2 + KNA1)."""

    number: str
    address: Address
    contacts: tuple[Contact, ...] = ()
    order_block: str = ""  # central order block (KNA1-AUFSD); code, "" = none
    posting_block: bool = False
    deletion_flag: bool = False
    language: str = ""


@dataclass(frozen=True)
class CustomerSalesData:
    """Sales-area data of a customer (KNVV, KNVP) in one sales area."""

    customer: str
    sales_area: SalesArea
    currency: str
    payment_terms: str
    payment_terms_text: str = ""
    shipping_condition: str = ""
    shipping_condition_text: str = ""
    incoterms1: str = ""
    incoterms2: str = ""
    delivering_plant: str = ""
    order_block: str = ""
    delivery_block: str = ""
    billing_block: str = ""
    partners: tuple[Partner, ...] = ()

    def partners_in(self, role: str) -> tuple[Partner, ...]:
        return tuple(p for p in self.partners if p.role == role)


@dataclass(frozen=True)
class CreditStatus:
    """Credit account of the payer (BAPI_CREDIT_ACCOUNT_GET_STATUS)."""

    account: str
    credit_control_area: str
    currency: str
    limit: Decimal
    exposure: Decimal
    blocked: bool
    risk_category: str = ""
    open_items: Decimal = ZERO
    days_in_arrears: int = 0

    @property
    def headroom(self) -> Decimal:
        return self.limit - self.exposure

    @property
    def over_limit(self) -> bool:
        return self.exposure > self.limit


# --------------------------------------------------------------------------- materials


class SalesStatus(str, Enum):
    ACTIVE = "active"
    DISCONTINUED = "discontinued"
    BLOCKED = "blocked"
    NOT_IN_SALES_ORG = "not in sales org"


@dataclass(frozen=True)
class MaterialHit:
    number: str
    description: str


@dataclass(frozen=True)
class PriceScale:
    from_quantity: Decimal
    price: Decimal
    currency: str
    per: Decimal
    unit: str


@dataclass(frozen=True)
class UnitOfMeasure:
    unit: str
    numerator: Decimal  # alternative unit = numerator/denominator base units
    denominator: Decimal


@dataclass(frozen=True)
class Material:
    number: str
    description: str
    base_unit: str
    sales_unit: str
    material_type: str = ""
    material_group: str = ""
    division: str = ""
    gross_weight: Decimal = ZERO
    net_weight: Decimal = ZERO
    weight_unit: str = ""
    sales_status: SalesStatus = SalesStatus.ACTIVE
    sales_status_code: str = ""
    minimum_order_qty: Decimal = ZERO
    delivering_plant: str = ""
    units: tuple[UnitOfMeasure, ...] = ()
    scales: tuple[PriceScale, ...] = ()


@dataclass(frozen=True)
class AvailabilityLine:
    date: dt.date
    quantity: Decimal


@dataclass(frozen=True)
class Availability:
    """BAPI_MATERIAL_AVAILABILITY for one plant and one requested quantity/date."""

    material: str
    plant: str
    unit: str
    requested_quantity: Decimal
    requested_date: dt.date
    available_at_plant: Decimal
    confirmations: tuple[AvailabilityLine, ...]
    end_of_lead_time: dt.date | None
    messages: tuple[SapMessage, ...] = ()

    @property
    def confirmed_quantity(self) -> Decimal:
        return sum((c.quantity for c in self.confirmations), ZERO)

    @property
    def confirmed_on_requested_date(self) -> Decimal:
        return sum((c.quantity for c in self.confirmations if c.date <= self.requested_date), ZERO)

    @property
    def fully_confirmed(self) -> bool:
        return self.confirmed_on_requested_date >= self.requested_quantity


# --------------------------------------------------------------------------- orders: draft & quote


@dataclass(frozen=True)
class DraftLine:
    material: str
    quantity: Decimal
    unit: str = ""  # "" = the material's sales unit
    plant: str = ""
    requested_date: dt.date | None = None


@dataclass(frozen=True)
class OrderDraft:
    """An order being keyed. Lives in memory until SAP confirms it."""

    sold_to: str
    sales_area: SalesArea
    lines: tuple[DraftLine, ...]
    ship_to: str = ""
    customer_po: str = ""
    requested_date: dt.date | None = None
    shipping_condition: str = ""
    order_type: str = "OR"  # external code; TA internally
    po_date: dt.date | None = None
    #: The draft's own reference, generated ONCE per draft by the UI (e.g. "OTUI-" + 15 hex
    #: digits; at most 35 characters, 20 shows whole everywhere). When no customer PO is typed,
    #: create_order stores it as the order's PO (PURCH_NO_C), so an order whose answer was lost
    #: can be found by it (``SapGateway.find_created_order``). The UI must set it: when it is
    #: empty the adapter generates a new one per call, which no later lookup of this draft knows.
    reference: str = ""


@dataclass(frozen=True)
class Condition:
    item: str  # "" for header conditions
    step: int
    counter: int
    type: str  # PR00, K007, KF00, MWST ...
    name: str
    rate: Decimal  # price per unit or percentage
    rate_unit: str  # currency code or "%"
    per: Decimal
    uom: str
    value: Decimal  # amount in document currency
    currency: str
    statistical: bool = False
    inactive: bool = False


@dataclass(frozen=True)
class ScheduleLine:
    item: str
    line: int
    requested_date: dt.date | None
    requested_qty: Decimal
    confirmed_qty: Decimal
    delivery_date: dt.date | None  # date the confirmed quantity reaches the customer
    goods_issue_date: dt.date | None = None
    unit: str = ""


@dataclass(frozen=True)
class QuoteLine:
    item: str
    material: str
    description: str
    quantity: Decimal
    unit: str
    plant: str
    net_value: Decimal
    tax: Decimal
    currency: str
    conditions: tuple[Condition, ...] = ()
    schedule: tuple[ScheduleLine, ...] = ()
    messages: tuple[SapMessage, ...] = ()
    rejected: bool = False

    @property
    def net_price(self) -> Decimal:
        return (self.net_value / self.quantity) if self.quantity else ZERO

    @property
    def confirmed_qty(self) -> Decimal:
        return sum((s.confirmed_qty for s in self.schedule), ZERO)

    @property
    def fully_confirmed(self) -> bool:
        return self.confirmed_qty >= self.quantity


@dataclass(frozen=True)
class CreditCheck:
    """Credit data of the payer as the simulate call returns it (BAPIPAYER)."""

    account: str
    credit_control_area: str
    currency: str
    limit: Decimal
    receivables: Decimal  # BAPIPAYER-RCVBL_VALS (KNKK-SKFOR)
    open_orders: Decimal  # BAPIPAYER-ORDER_VALS (KNKK-SAUFT: sales values)
    liabilities: Decimal  # BAPIPAYER-CRED_LIAB (KNKK-SSOBL: special liabilities), not the total
    blocked: bool  # an order would be blocked for credit (V1 15x message)
    messages: tuple[SapMessage, ...] = ()

    @property
    def exposure(self) -> Decimal:
        """Receivables + sales values + special liabilities, as classic credit management adds
        them (the detail's ``CreditStatus.exposure`` is the same figure)."""
        return self.receivables + self.open_orders + self.liabilities

    @property
    def headroom(self) -> Decimal:
        return self.limit - self.exposure


@dataclass(frozen=True)
class Quote:
    """The result of one BAPI_SALESORDER_SIMULATE over a whole draft."""

    lines: tuple[QuoteLine, ...]
    currency: str
    net_total: Decimal
    tax_total: Decimal
    messages: tuple[SapMessage, ...]  # header messages (and all messages without an item)
    credit: CreditCheck | None = None
    header_conditions: tuple[Condition, ...] = ()
    incomplete: tuple[str, ...] = ()  # incompletion log texts
    fetched_at: dt.datetime | None = None

    @property
    def gross_total(self) -> Decimal:
        return self.net_total + self.tax_total

    @property
    def has_errors(self) -> bool:
        return any(m.is_error for m in self.messages) or any(
            m.is_error for line in self.lines for m in line.messages
        )


@dataclass(frozen=True)
class CreatedOrder:
    number: str
    messages: tuple[SapMessage, ...]
    recovered: bool = False  # True when found by lookup after a communication error


# --------------------------------------------------------------------------- orders: history


class Status(str, Enum):
    """SAP processing status values (VBUK/VBUP style)."""

    NOT_RELEVANT = ""
    NOT_PROCESSED = "A"
    PARTLY = "B"
    COMPLETE = "C"


@dataclass(frozen=True)
class OrderSummary:
    number: str
    order_type: str  # external, e.g. OR
    created: dt.date | None
    sold_to: str
    customer_po: str
    net_value: Decimal
    currency: str
    items: int = 0  # 0 = not counted (a list read from order headers does not count items)
    #: where it stands, in one of the words every screen uses for orders: Open, Being delivered,
    #: Delivered, Partly billed, Billed, Blocked (credit), Blocked (delivery), Rejected, Completed
    status: str = ""
    sold_to_name: str = ""  # "" when the search was for one customer (the caller knows it)
    sales_org: str = ""


@dataclass(frozen=True)
class OrderItem:
    item: str
    material: str
    description: str
    quantity: Decimal
    confirmed_qty: Decimal
    unit: str
    net_value: Decimal
    net_price: Decimal
    currency: str
    plant: str
    delivery_status: str = ""
    billing_status: str = ""
    rejection_reason: str = ""
    status: str = ""  # one word for where the item stands, in the words the order's status uses


@dataclass(frozen=True)
class DocumentFlow:
    preceding: str
    preceding_item: str
    subsequent: str
    subsequent_item: str
    category: str  # VBTYP of the subsequent document: J delivery, M invoice, ...
    category_text: str
    quantity: Decimal
    created: dt.date | None


@dataclass(frozen=True)
class Order:
    number: str
    order_type: str
    created: dt.date | None
    sold_to: str
    ship_to: str
    payer: str
    customer_po: str
    sales_area: SalesArea
    requested_date: dt.date | None
    net_value: Decimal
    currency: str
    items: tuple[OrderItem, ...]
    schedule: tuple[ScheduleLine, ...]
    flow: tuple[DocumentFlow, ...]
    overall_status: str
    delivery_status: str
    billing_status: str
    credit_status: str
    rejection_status: str = ""
    delivery_block: str = ""
    billing_block: str = ""
    fetched_at: dt.datetime | None = None
    sold_to_name: str = ""
    ship_to_name: str = ""
    ship_to_address: Address | None = None
    delivery_block_text: str = ""  # the block's reason (TVLST), "" when unknown or not blocked
    billing_block_text: str = ""  # (TVFST)
    customer_po_date: dt.date | None = None

    @property
    def deliveries(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.subsequent for f in self.flow if f.category == "J"))

    def goods_issue_of(self, delivery: str) -> DocumentFlow | None:
        """The goods movement (category R) that shipped ``delivery``, when the flow has it."""
        return next((f for f in self.flow if f.category == "R" and f.preceding == delivery), None)

    @property
    def invoices(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.subsequent for f in self.flow if f.category == "M"))


@dataclass(frozen=True)
class DeliveryItem:
    item: str
    material: str
    description: str
    quantity: Decimal
    unit: str
    order: str = ""
    order_item: str = ""


@dataclass(frozen=True)
class Delivery:
    number: str
    created: dt.date | None
    shipping_point: str
    ship_to: str
    planned_goods_issue: dt.date | None
    actual_goods_issue: dt.date | None  # None = not shipped yet
    delivery_date: dt.date | None
    carrier: str  # forwarding agent name (or number when no name)
    tracking_number: str
    means_of_transport: str
    items: tuple[DeliveryItem, ...] = ()
    sold_to: str = ""
    ship_to_name: str = ""
    ship_to_address: Address | None = None
    carrier_number: str = ""
    weight: Decimal = ZERO
    weight_unit: str = ""
    #: documents before and after it: the orders (C), its goods movement (R), invoices (M)
    flow: tuple[DocumentFlow, ...] = ()
    fetched_at: dt.datetime | None = None

    @property
    def shipped(self) -> bool:
        return self.actual_goods_issue is not None

    @property
    def orders(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i.order for i in self.items if i.order))

    @property
    def invoices(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.subsequent for f in self.flow if f.category == "M" and f.preceding == self.number))

    @property
    def goods_movement(self) -> str:
        return next((f.subsequent for f in self.flow if f.category == "R" and f.preceding == self.number), "")


@dataclass(frozen=True)
class InvoiceItem:
    item: str
    material: str
    description: str
    quantity: Decimal
    unit: str
    net_value: Decimal
    tax: Decimal
    order: str = ""
    delivery: str = ""


@dataclass(frozen=True)
class Invoice:
    number: str
    billing_type: str
    date: dt.date | None
    payer: str
    sold_to: str
    net_value: Decimal
    tax: Decimal
    currency: str
    payment_terms: str
    cancelled: bool
    posted: bool  # accounting document created (RFBSK = C)
    items: tuple[InvoiceItem, ...] = ()
    due_date: dt.date | None = None
    open_amount: Decimal | None = None  # from FI open items; None = not looked up
    payer_name: str = ""
    sold_to_name: str = ""
    fetched_at: dt.datetime | None = None

    @property
    def gross_value(self) -> Decimal:
        return self.net_value + self.tax

    @property
    def orders(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i.order for i in self.items if i.order))

    @property
    def deliveries(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i.delivery for i in self.items if i.delivery))

    @property
    def paid(self) -> bool:
        """Posted to accounting and nothing of it open any more."""
        return self.posted and self.open_amount is not None and self.open_amount <= 0

    def days_overdue(self, today: dt.date) -> int:
        if self.due_date is None or not self.open_amount or self.open_amount <= 0:
            return 0
        return max(0, (today - self.due_date).days)


@dataclass(frozen=True)
class OpenItem:
    """A customer's open FI item (BAPI_AR_ACC_GETOPENITEMS)."""

    document: str
    fiscal_year: str
    item: str
    doc_type: str
    reference: str  # billing document number (REF_DOC_NO / ALLOC_NMBR)
    posting_date: dt.date | None
    document_date: dt.date | None
    baseline_date: dt.date | None
    due_date: dt.date | None
    amount: Decimal  # signed: debit positive, credit negative
    currency: str
    text: str = ""
    dunning_level: int = 0

    def days_overdue(self, today: dt.date) -> int:
        if self.due_date is None or self.amount <= 0:
            return 0
        return max(0, (today - self.due_date).days)


#: Aging buckets of open items by days past due on the key date: (label, first day, last day).
AGING_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("Current", -(10**6), 0),
    ("1-30", 1, 30),
    ("31-60", 31, 60),
    ("61-90", 61, 90),
    (">90", 91, None),
)


@dataclass(frozen=True)
class AgingBucket:
    label: str
    count: int
    amounts: tuple[tuple[str, Decimal], ...]  # (currency, amount) — one customer may owe in two


def aging(items: tuple[OpenItem, ...], key_date: dt.date) -> tuple[AgingBucket, ...]:
    """Open items summed per ``AGING_BUCKETS`` bucket (credits count as current)."""
    out = []
    for label, first, last in AGING_BUCKETS:
        sums: dict[str, Decimal] = {}
        count = 0
        for item in items:
            days = item.days_overdue(key_date)
            if days >= first and (last is None or days <= last):
                count += 1
                sums[item.currency] = sums.get(item.currency, ZERO) + item.amount
        out.append(AgingBucket(label, count, tuple(sorted(sums.items()))))
    return tuple(out)


@dataclass(frozen=True)
class CustomerOpenItems:
    """A customer's open FI items: those of its payer when another account pays for it."""

    customer: str
    payer: str
    company_code: str
    key_date: dt.date
    items: tuple[OpenItem, ...]
    payer_name: str = ""
    fetched_at: dt.datetime | None = None


@dataclass(frozen=True)
class DocumentRef:
    """What an SD document number is, when it is not what was asked for (a delivery or an
    invoice number typed where an order is expected)."""

    kind: str  # "order", "delivery", "invoice"
    number: str
    date: dt.date | None
    partner: str  # ship-to (delivery), payer (invoice), sold-to (order)
    text: str = ""  # one line: "shipped 2026-11-26", "USD 312.72"

