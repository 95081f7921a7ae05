"""SapGateway: the one interface the UI uses to reach SAP.

Screens call these methods from worker threads only (they block for a round trip). Every
method returns immutable ``ordertui.model`` objects in display form, or raises one of
``ordertui.sap.errors``. Implementations never keep business data beyond the call: no
cache, no file, no log payload.

The one implementation is ``ordertui.sap.rfc.RfcGateway`` over a pyrfc-compatible
connection — a real ``pyrfc.Connection`` or the sandbox's ``SandboxConnection``.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection
from decimal import Decimal

from ordertui.model import (
    Availability,
    CallEvent,
    CreatedOrder,
    CreditStatus,
    Customer,
    CustomerHit,
    CustomerOpenItems,
    CustomerSalesData,
    Delivery,
    Invoice,
    Material,
    OpenItem,
    Order,
    OrderDraft,
    OrderSummary,
    Plant,
    PriceScale,
    Quote,
    SalesArea,
    SearchResult,
    SystemInfo,
    UserDefaults,
)

#: SAP's usual hit limit for search helps; searches say when they stopped at it.
DEFAULT_HIT_LIMIT = 200

CallListener = Callable[[CallEvent], None]


class SapGateway(ABC):
    #: What this backend can do, e.g. {"cancel", "create"}; read_only profiles drop "create".
    capabilities: frozenset[str] = frozenset()

    # ------------------------------------------------------------------ session
    @abstractmethod
    def system_info(self) -> SystemInfo: ...

    @abstractmethod
    def user_defaults(self) -> UserDefaults: ...

    @abstractmethod
    def add_listener(self, listener: CallListener) -> None:
        """Be told of every RFC call (name, duration, outcome class; never payloads)."""

    @abstractmethod
    def close(self) -> None: ...

    def ping(self) -> float:
        """Round trip to SAP (RFC_PING) in seconds; raises ``SapUnreachable`` when SAP is away."""
        raise NotImplementedError

    # ------------------------------------------------------------------ customers
    @abstractmethod
    def find_customers(
        self, query: str, *, sales_area: SalesArea | None = None, limit: int = DEFAULT_HIT_LIMIT
    ) -> SearchResult:
        """Search by number (with or without zeros), name fragment, city, postal code or phone.

        Returns ``SearchResult`` of ``CustomerHit``. Every character is searched as typed
        (``* % _ + ? #`` are no wildcards; ``query_text``). A name or city also matches with
        accents and umlauts ignored and past SAP's 25-character match code; a phone number
        without area code matches the end of the numbers in the sales area's country; the
        result's ``note`` says when either happened. ``CustomerHit.ship_to_only`` marks accounts
        that cannot order (see ``sold_tos_of``); a phone hit names the contact whose number
        matched (``matched_contact``). Raises ``ValueError`` for a query SAP would reject anyway
        (fewer than 2 letters or digits, over 200 characters).
        """

    def sold_tos_of(self, ship_to: str, sales_area: SalesArea) -> tuple[CustomerHit, ...]:
        """The sold-to parties that have ``ship_to`` as a ship-to partner in the sales area (KNVP
        PARVW 'WE'), by name: whom the caller of a ship-to-only account can order for. Empty when
        none does.

        (Not abstract only so that test doubles written before it need no change.)
        """
        raise NotImplementedError

    @abstractmethod
    def customer(self, number: str) -> Customer: ...

    @abstractmethod
    def customer_sales_areas(self, number: str) -> tuple[SalesArea, ...]: ...

    @abstractmethod
    def customer_sales_data(self, number: str, sales_area: SalesArea) -> CustomerSalesData:
        """Terms, blocks and partners (sold-to/ship-to/bill-to/payer) in one sales area.

        Raises ``NotFound`` when the customer is not defined in that sales area.
        """

    @abstractmethod
    def credit_status(self, number: str, sales_area: SalesArea) -> CreditStatus:
        """Credit account of the customer's payer in the sales area's credit control area."""

    # ------------------------------------------------------------------ materials
    @abstractmethod
    def find_materials(
        self, query: str, *, sales_area: SalesArea | None = None, limit: int = DEFAULT_HIT_LIMIT
    ) -> SearchResult:
        """Search by material number or description; ``SearchResult`` of ``MaterialHit``."""

    @abstractmethod
    def material(self, number: str, *, sales_area: SalesArea, scales: bool = True) -> Material:
        """The material as sold in ``sales_area``; without ``scales`` its ``scales`` stay empty
        and it takes fewer round trips (``price_scales`` reads them apart)."""

    @abstractmethod
    def price_scales(self, number: str, *, sales_area: SalesArea) -> tuple[PriceScale, ...]:
        """The material's list price and quantity scale valid today (empty: none)."""

    @abstractmethod
    def plants(self, sales_area: SalesArea) -> tuple[Plant, ...]:
        """Plants the sales organization may deliver from in the area's distribution channel."""

    @abstractmethod
    def availability(
        self, material: str, plant: str, unit: str, quantity: Decimal, date: dt.date
    ) -> Availability: ...

    # ------------------------------------------------------------------ orders
    @abstractmethod
    def simulate(self, draft: OrderDraft) -> Quote:
        """Price, confirm and credit-check a whole draft in one call. Never saves."""

    @abstractmethod
    def create_order(self, draft: OrderDraft) -> CreatedOrder:
        """Create the order exactly once.

        CREATEFROMDAT2 and BAPI_TRANSACTION_COMMIT(WAIT) run on the same connection. The order's
        PO (PURCH_NO_C) is the typed customer PO, else the draft's own ``reference``. When the
        commit's answer is lost, the order is looked up by sold-to + that PO at once; a found
        order comes back with ``recovered=True``.

        Raises ``ValueError`` before anything is sent for a draft SAP cannot hold (no lines, a
        quantity out of range, a PO or reference over 35 characters — SAP would cut it).
        Raises ``OrderOutcomeUnknown`` when the create was sent and it is not known whether SAP
        saved it: do not send it again, look it up (``find_created_order``). Any other
        ``SapError`` means the order was certainly NOT saved (nothing was sent; SAP answered
        with errors and was rolled back; or the connection broke before the commit was sent).
        """

    def find_created_order(self, draft: OrderDraft, *, known_before: Collection[str]) -> CreatedOrder | None:
        """The order SAP saved for ``draft``, found by sold-to + PO; None when SAP has none.

        An ANSWERED lookup (BAPI_SALESORDER_GETLIST) among the sold-to's orders with the draft's
        PO as SAP stores it (PURCH_NO_C: the typed PO's first 35 characters, else the draft's
        ``reference``) dated since yesterday. Which of them is this draft's order:

        - orders in ``known_before`` are not (pass ``OrderOutcomeUnknown.known_before``: the
          orders that carried this PO before the create was sent — a typed PO may be reused);
        - of the rest, the newest (highest number) is; the reference is unique per draft, so
          for a draft without a typed PO there is at most one.

        Returns it with ``recovered=True``, or None when SAP answered and has none (which proves
        nothing until SAP's update task has had time to post: ``UPDATE_TASK_GRACE_SECONDS``
        after the send). Raises ``SapError`` when the lookup could not be answered, and
        ``ValueError`` for a draft with neither PO nor reference.

        (Not abstract only so that test doubles written before it need no change.)
        """
        raise NotImplementedError

    @abstractmethod
    def find_orders(
        self,
        *,
        sales_area: SalesArea,
        customer: str = "",
        customer_po: str = "",
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        limit: int = DEFAULT_HIT_LIMIT,
        material: str = "",
    ) -> SearchResult:
        """``SearchResult`` of ``OrderSummary``, newest first: a customer's orders in the sales
        area (with an exact PO, a material, document dates), or the orders with an exact PO.

        ``OrderSummary.status`` is the word every screen shows. Raises ``ValueError`` with neither
        customer nor PO, or a material without a customer.
        """

    def search_orders(
        self,
        query: str,
        *,
        sales_area: SalesArea,
        customer: str = "",
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        limit: int = DEFAULT_HIT_LIMIT,
    ) -> SearchResult:
        """What the Orders search field finds for ``query``, newest first.

        ``query``: an order number (with or without zeros), or the start of a customer PO number
        (as typed or in capitals); with ``customer`` also a material, and any case of the PO.
        Empty with ``customer``: the customer's orders (between ``date_from`` and ``date_to``).
        Hits are ``OrderSummary``; when a number is no order but a delivery or an invoice, the one
        hit is a ``DocumentRef`` saying so. Raises ``ValueError`` for what SAP cannot hold (a PO
        over 35 characters) and for dates without a customer.

        (Not abstract only so that test doubles written before it need no change.)
        """
        raise NotImplementedError

    @abstractmethod
    def order(self, number: str) -> Order:
        """Header, items with schedule lines and status, and the document flow (deliveries, their
        goods issue, invoices). Raises ``NotFound``."""

    # ------------------------------------------------------------------ shipping & billing
    @abstractmethod
    def deliveries(self, numbers: tuple[str, ...]) -> tuple[Delivery, ...]: ...

    def delivery(self, number: str) -> Delivery:
        """One delivery in full: items, goods issue, carrier and tracking number, ship-to address,
        flow (its orders, goods movement, invoices). Raises ``NotFound``.

        (Not abstract only so that test doubles written before it need no change.)
        """
        raise NotImplementedError

    @abstractmethod
    def invoice(self, number: str) -> Invoice:
        """Header, items (with the order and delivery they bill), payer and sold-to names, due
        date and open amount from the payer's FI open items. Raises ``NotFound``."""

    def customer_open_items(self, customer: str, *, sales_area: SalesArea, key_date: dt.date) -> CustomerOpenItems:
        """The open items a customer owes on ``key_date``: its payer's (KNVP) when another account
        pays for it, in the sales organization's company code.

        (Not abstract only so that test doubles written before it need no change.)
        """
        raise NotImplementedError

    @abstractmethod
    def invoices_for(self, customer: str, *, sales_area: SalesArea, limit: int = 50) -> tuple[Invoice, ...]: ...

    @abstractmethod
    def open_items(self, customer: str, *, key_date: dt.date, company_code: str = "") -> tuple[OpenItem, ...]: ...


# Keep a reference so linters see the type used in the public signature.
_ = OrderSummary
