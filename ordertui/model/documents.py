"""Orders, deliveries, invoices and open items as SAP has them (after-sales).

Part of ``ordertui.model`` (import from there). Plain, immutable, display form; memory only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from ordertui.model.common import SalesArea, ZERO
from ordertui.model.customers import Address
from ordertui.model.quotes import ScheduleLine


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
