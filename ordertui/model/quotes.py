"""Orders being keyed: the draft, and what SIMULATE answers (conditions, schedule lines, credit).

Part of ``ordertui.model`` (import from there). Plain, immutable, display form; memory only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from ordertui.model.common import SalesArea, SapMessage, ZERO
from ordertui.model.customers import CreditStatus


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
