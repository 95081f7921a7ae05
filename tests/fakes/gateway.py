"""A scripted SapGateway for screen tests that need to control SAP's timing or answers exactly
(stale results, a part that fails while the others succeed). Flows are also tested over the
sandbox stack (see tests/screens/test_*_sandbox.py); this fake only stands in where the test needs
a lever. tests/sap/test_gateway_contract.py holds it to the sandbox's contract.
"""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

from ordertui.model import (
    Address,
    Availability,
    AvailabilityLine,
    Condition,
    Contact,
    CreditStatus,
    Customer,
    CustomerHit,
    CustomerSalesData,
    Material,
    MaterialHit,
    OpenItem,
    OrderSummary,
    Partner,
    Plant,
    PriceScale,
    Quote,
    QuoteLine,
    SalesArea,
    SalesStatus,
    ScheduleLine,
    SearchResult,
    SystemInfo,
    UserDefaults,
)
from ordertui.sap.errors import NotFound, SapBusinessError
from ordertui.sap.gateway import SapGateway
from tests.conftest import TODAY

D = Decimal
AREA = SalesArea("1000", "10", "00")

HITS = (
    CustomerHit("10023", "Buckeye Fastener Supply", "Dayton", "45402", "US", "+1 937 555 0142", False),
    CustomerHit("10024", "Blocked [Bold] Tools Inc", "Akron", "44308", "US", "330-555-0100", True),
    CustomerHit("10025", "Nowhere Not-In-Area LLC", "Toledo", "43604", "US", "", False),
)


class FakeGateway(SapGateway):
    capabilities = frozenset({"create"})

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple]] = []
        self.gates: dict[str, threading.Event] = {}  # method name -> event the call waits for
        self.failures: dict[str, Exception] = {}
        self.search_hits: dict[str, tuple] = {}
        self._lock = threading.Lock()

    def _enter(self, name: str, *args) -> None:
        with self._lock:
            self.calls.append((name, args))
        gate = self.gates.get(name)
        if gate is not None:
            gate.wait(5)
        if name in self.failures:
            raise self.failures[name]

    def called(self, name: str) -> list[tuple]:
        return [a for n, a in self.calls if n == name]

    # session
    def system_info(self):
        return SystemInfo("SBX", "750", "sandbox", "100", "ORDERDESK", True)

    def user_defaults(self):
        return UserDefaults("ORDERDESK", "Order Desk", "E", AREA, "1000")

    def add_listener(self, listener):
        pass

    def close(self):
        pass

    def ping(self):
        return 0.0

    # customers
    def find_customers(self, query, *, sales_area=None, limit=200):
        self._enter("find_customers", query, limit)
        if query in self.search_hits:
            hits = self.search_hits[query]
        else:
            q = query.lower().lstrip("0")
            hits = tuple(h for h in HITS if q in h.name.lower() or q in h.number or q in h.city.lower())
        return SearchResult(hits[:limit], limit, len(hits) > limit)

    def customer(self, number):
        self._enter("customer", number)
        hit = next((h for h in HITS if h.number == number), None)
        if hit is None:
            raise NotFound(f"Customer {number} does not exist")
        return Customer(
            number,
            Address(hit.name, street="1200 Webster St", postal_code=hit.postal_code, city=hit.city, country="US", phone=hit.phone, email="orders@example.com"),
            contacts=(Contact("1", "Maria Lopez", "Purchasing", "Buyer", "+1 937 555 0143", "maria@example.com"),),
            order_block="01" if hit.blocked else "",
        )

    def customer_sales_areas(self, number):
        return (AREA,)

    def customer_sales_data(self, number, sales_area):
        self._enter("customer_sales_data", number)
        if number == "10025":
            raise NotFound("Customer 10025 is not defined in sales area 1000/10/00")
        return CustomerSalesData(
            number, sales_area, "USD", "NT30", "Net 30 days", "01", "Standard", "FOB", "Dayton", "1000",
            order_block="01" if number == "10024" else "",
            partners=(  # out of reading order on purpose: the screen orders them
                Partner("PY", number, "Buckeye Fastener Supply", "Dayton", True),
                Partner("CP", "7", "Rosa Coleman"),
                Partner("SH", "10032", "Buckeye Springfield", "Springfield"),
                Partner("ZM", "", ""),  # a partner function without a partner
                Partner("BP", number, "Buckeye Fastener Supply", "Dayton", True),
                Partner("SH", "10031", "Buckeye Dayton Plant", "Dayton", True),
                Partner("SP", number, "Buckeye Fastener Supply", "Dayton", True),
            ),
        )

    def credit_status(self, number, sales_area):
        self._enter("credit_status", number)
        return CreditStatus(number, "1000", "USD", D("50000"), D("61234.5") if number == "10024" else D("12345.67"), number == "10024", "B01")

    # materials
    def find_materials(self, query, *, sales_area=None, limit=200):
        self._enter("find_materials", query, limit)
        hits = (MaterialHit("HB38100", "HEX BOLT 3/8 X 1 ZINC"), MaterialHit("ADH-BLUE-5", "ADHESIVE BLUE 5 KG CASE"), MaterialHit("OLD-1", "DISCONTINUED WASHER"), MaterialHit("FOREIGN-1", "EXPORT ONLY NUT"))
        q = query.lower()
        hits = tuple(h for h in hits if q in h.number.lower() or q in h.description.lower())
        return SearchResult(hits[:limit], limit, len(hits) > limit)

    def material(self, number, *, sales_area):
        self._enter("material", number)
        status = {"OLD-1": SalesStatus.DISCONTINUED, "FOREIGN-1": SalesStatus.NOT_IN_SALES_ORG}.get(number, SalesStatus.ACTIVE)
        return Material(number, "HEX BOLT 3/8 X 1 ZINC", "PC", "PC", sales_status=status, delivering_plant="1000",
                        scales=(PriceScale(D(1), D("0.42"), "USD", D(1), "PC"), PriceScale(D(100), D("0.38"), "USD", D(1), "PC")))

    def plants(self, sales_area):
        self._enter("plants", sales_area)
        return (Plant("1000", "Dayton Distribution Center", "Dayton"), Plant("1100", "Reno Distribution Center", "Reno"))

    def availability(self, material, plant, unit, quantity, date):
        self._enter("availability", material, plant, quantity, date)
        stock = {"1000": D(25), "1100": D(500)}.get(plant, D(0))
        lines = (AvailabilityLine(date, min(stock, quantity)),)
        if stock < quantity:
            lines += (AvailabilityLine(date + dt.timedelta(days=14), quantity - stock),)
        return Availability(material, plant, unit, quantity, date, stock, lines, date + dt.timedelta(days=14))

    def simulate(self, draft):
        self._enter("simulate", draft)
        line = draft.lines[0]
        qty = line.quantity
        net = (D("0.40") * qty).quantize(D("0.01"))
        tax = (net * D("0.0725")).quantize(D("0.01"))
        req = line.requested_date or TODAY
        conf_now = min(qty, D(25))
        sched = (ScheduleLine("10", 1, req, qty, conf_now, req),)
        if qty > conf_now:
            sched += (ScheduleLine("10", 2, req, D(0), qty - conf_now, req + dt.timedelta(days=14)),)
        conds = (
            Condition("10", 10, 1, "PR00", "List price", D("0.42"), "USD", D(1), "PC", D("0.42") * qty, "USD"),
            Condition("10", 20, 1, "K007", "Customer discount", D("-5"), "%", D(1), "", -(D("0.02") * qty), "USD"),
            Condition("10", 30, 1, "KF00", "Freight", D("0"), "USD", D(1), "PC", D("0"), "USD"),
            Condition("10", 40, 1, "MWST", "Output tax", D("7.25"), "%", D(1), "", tax, "USD"),
        )
        ql = QuoteLine("10", line.material, "HEX BOLT 3/8 X 1 ZINC", qty, "PC", "1000", net, tax, "USD", conds, sched)
        return Quote((ql,), "USD", net, tax, ())

    def create_order(self, draft):
        raise NotImplementedError

    def find_orders(self, *, sales_area, customer="", customer_po="", date_from=None, date_to=None, limit=200):
        self._enter("find_orders", customer)
        hits = (
            OrderSummary("5012", "OR", TODAY - dt.timedelta(days=3), customer, "4500-7781", D("1234.5"), "USD", 2, "Open"),
            OrderSummary("4988", "OR", TODAY - dt.timedelta(days=40), customer, "4500-7700", D("98765.43"), "USD", 5, "Billed"),
        )
        return SearchResult(hits, limit, False)

    def order(self, number):
        raise NotImplementedError

    def deliveries(self, numbers):
        return ()

    def invoice(self, number):
        raise NotImplementedError

    def invoices_for(self, customer, *, sales_area, limit=50):
        return ()

    def open_items(self, customer, *, key_date, company_code=""):
        self._enter("open_items", customer)
        return (
            OpenItem("1400000012", "2026", "1", "RV", "90036612", TODAY - dt.timedelta(days=50), None, TODAY - dt.timedelta(days=50), TODAY - dt.timedelta(days=20), D("4200.00"), "USD"),
            OpenItem("1400000013", "2026", "1", "RV", "90036650", TODAY - dt.timedelta(days=5), None, TODAY - dt.timedelta(days=5), TODAY + dt.timedelta(days=25), D("810.10"), "USD"),
        )


def fail(exc_cls=SapBusinessError, text="boom"):
    return exc_cls(text)
