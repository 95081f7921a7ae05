"""RfcGateway: the ``SapGateway`` screens see, over any pyrfc-compatible connection.

It holds the session (transport, logon, flags) and hands every call to the domain module that
holds its request and its parser: ``customers``, ``materials`` (and pricing), ``orders``,
``billing`` (shipping and billing), ``session``. Nothing here keeps business data beyond a call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from decimal import Decimal

from ordertui.model import (
    Availability,
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
    Plant,
    PriceScale,
    Quote,
    SalesArea,
    SearchResult,
    SystemInfo,
    UserDefaults,
)
from ordertui.sap.connection import ConnectionFactory
from ordertui.sap.errors import NotAuthorized
from ordertui.sap.gateway import DEFAULT_HIT_LIMIT, CallListener, SapGateway
from ordertui.sap.rfc import after_sales, billing, customer_search, customers, materials, orders, session
from ordertui.sap.rfc.transport import Transport


class RfcGateway(SapGateway):
    """SapGateway over ``factory()`` connections, pooled (``pool_size``, one call at a time each).

    Timeouts: with ``call_timeout`` set (real systems, and the sandbox by default:
    ``connect.REAL_CALL_TIMEOUT``) every call passes pyrfc's ``options={"timeout": s}``; pyrfc
    (and the sandbox, the same way) then cancels the call and raises ``CommunicationError`` key
    ``RFC_CANCELED`` -> ``SapTimeout`` (the connection is dropped, its session is gone; the call
    is not sent again). No watchdog thread is added on top: a connection whose ``call`` ignored
    the option would not be timed out.
    """

    capabilities = frozenset({"create"})

    def __init__(
        self,
        factory: ConnectionFactory,
        *,
        user: str = "",
        client: str = "",
        language: str = "E",
        pool_size: int = 2,
        call_timeout: float | None = None,
        read_only: bool = False,
        sandbox: bool = False,
        today: Callable[[], dt.date] | None = None,
        secrets: Iterable[str] = (),
    ) -> None:
        # the secrets go into the transport's error mapping (a closure), not onto any attribute
        self._rfc = Transport(
            factory,
            pool_size=pool_size,
            call_timeout=call_timeout,
            language=language,
            today=today or dt.date.today,
            secrets=secrets,
        )
        self._pool = self._rfc.pool
        self._logon = session.Logon(user=(user or "").upper(), client=client or "")
        self._sandbox = sandbox
        self.read_only = read_only
        if read_only:
            self.capabilities = frozenset(self.capabilities - {"create"})

    # ------------------------------------------------------------------ session
    def add_listener(self, listener: CallListener) -> None:
        self._rfc.add_listener(listener)

    def close(self) -> None:
        self._rfc.close()

    def ping(self) -> float:
        return session.ping(self._rfc)

    def system_info(self) -> SystemInfo:
        return session.system_info(self._rfc, self._logon, sandbox=self._sandbox)

    def user_defaults(self) -> UserDefaults:
        return session.user_defaults(self._rfc, self._logon)

    # ------------------------------------------------------------------ customers
    def find_customers(
        self, query: str, *, sales_area: SalesArea | None = None, limit: int = DEFAULT_HIT_LIMIT
    ) -> SearchResult:
        return customer_search.find_customers(self._rfc, query, sales_area=sales_area, limit=limit)

    def sold_tos_of(self, ship_to: str, sales_area: SalesArea) -> tuple[CustomerHit, ...]:
        return customer_search.sold_tos_of(self._rfc, ship_to, sales_area)

    def customer(self, number: str) -> Customer:
        return customers.customer(self._rfc, number)

    def customer_sales_areas(self, number: str) -> tuple[SalesArea, ...]:
        return customers.customer_sales_areas(self._rfc, number)

    def customer_sales_data(self, number: str, sales_area: SalesArea) -> CustomerSalesData:
        return customers.customer_sales_data(self._rfc, number, sales_area)

    def credit_status(self, number: str, sales_area: SalesArea) -> CreditStatus:
        return customers.credit_status(self._rfc, number, sales_area)

    # ------------------------------------------------------------------ materials and pricing
    def find_materials(
        self, query: str, *, sales_area: SalesArea | None = None, limit: int = DEFAULT_HIT_LIMIT
    ) -> SearchResult:
        return materials.find_materials(self._rfc, query, sales_area=sales_area, limit=limit)

    def material(self, number: str, *, sales_area: SalesArea, scales: bool = True) -> Material:
        return materials.material(self._rfc, number, sales_area=sales_area, scales=scales)

    def price_scales(self, number: str, *, sales_area: SalesArea) -> tuple[PriceScale, ...]:
        return materials.price_scales(self._rfc, number, sales_area=sales_area)

    def plants(self, sales_area: SalesArea) -> tuple[Plant, ...]:
        return materials.plants(self._rfc, sales_area)

    def availability(self, material: str, plant: str, unit: str, quantity: Decimal, date: dt.date) -> Availability:
        return materials.availability(self._rfc, material, plant, unit, quantity, date)

    def simulate(self, draft: OrderDraft) -> Quote:
        return materials.simulate(self._rfc, draft)

    # ------------------------------------------------------------------ orders
    def create_order(self, draft: OrderDraft) -> CreatedOrder:
        if self.read_only:
            raise NotAuthorized("read-only profile")
        return orders.create_order(self._rfc, draft)

    def find_created_order(self, draft: OrderDraft, *, known_before: Collection[str]) -> CreatedOrder | None:
        return orders.find_created_order(self._rfc, draft, known_before=known_before)

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
        return after_sales.find_orders(
            self._rfc,
            sales_area=sales_area,
            customer=customer,
            customer_po=customer_po,
            material=material,
            date_from=date_from,
            date_to=date_to,
            limit=limit,
        )

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
        return after_sales.search_orders(
            self._rfc, query, sales_area=sales_area, customer=customer, date_from=date_from, date_to=date_to, limit=limit
        )

    def order(self, number: str) -> Order:
        return after_sales.order(self._rfc, number)

    # ------------------------------------------------------------------ shipping and billing
    def deliveries(self, numbers: tuple[str, ...]) -> tuple[Delivery, ...]:
        return billing.deliveries(self._rfc, numbers)

    def delivery(self, number: str) -> Delivery:
        return after_sales.delivery(self._rfc, number)

    def invoice(self, number: str) -> Invoice:
        return after_sales.invoice(self._rfc, number)

    def customer_open_items(self, customer: str, *, sales_area: SalesArea, key_date: dt.date) -> CustomerOpenItems:
        return after_sales.customer_open_items(self._rfc, customer, sales_area=sales_area, key_date=key_date)

    def invoices_for(self, customer: str, *, sales_area: SalesArea, limit: int = 50) -> tuple[Invoice, ...]:
        return billing.invoices_for(self._rfc, customer, sales_area=sales_area, limit=limit)

    def open_items(self, customer: str, *, key_date: dt.date, company_code: str = "") -> tuple[OpenItem, ...]:
        return billing.open_items(self._rfc, customer, key_date=key_date, company_code=company_code)
