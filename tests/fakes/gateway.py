"""A scripted SapGateway for screen tests that need to control SAP's timing or answers exactly
(stale results, a part that fails while the others succeed). Flows are also tested over the
sandbox stack (see tests/screens/test_*_sandbox.py); this fake only stands in where the test needs
a lever.

It answers like the real adapter over the sandbox does — tests/sap/test_gateway_contract.py runs
the same assertions on both: numbers with or without ALPHA zeros, a search text SAP would refuse
is a ValueError, an unknown number is one of ``ordertui.sap.errors``, partners come in reading
order and only with a partner, a simulate prices every line and says what is wrong at its line.

Its world: customers 10023 (in the sales area), 10024 (blocked, over its credit limit) and 10025
(not in the sales area); materials HB38100, ADH-BLUE-5, OLD-1 (discontinued) and FOREIGN-1 (not
sold in the sales org); plants 1000 Dayton (25 on hand) and 1100 Reno (500); orders 5012 and 4988.
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
    CustomerOpenItems,
    CustomerSalesData,
    Material,
    MaterialHit,
    OpenItem,
    Order,
    OrderItem,
    OrderSummary,
    Partner,
    Plant,
    PriceScale,
    Quote,
    QuoteLine,
    SalesArea,
    SalesStatus,
    SapMessage,
    ScheduleLine,
    SearchResult,
    SystemInfo,
    UserDefaults,
)
from ordertui.sap.errors import NotFound, SapBusinessError
from ordertui.sap.gateway import SapGateway
from ordertui.sap.query_text import clean_query, search_fragment
from tests.conftest import TODAY

D = Decimal
AREA = SalesArea("1000", "10", "00")

HITS = (
    CustomerHit("10023", "Buckeye Fastener Supply", "Dayton", "45402", "US", "+1 937 555 0142", False),
    CustomerHit("10024", "Blocked [Bold] Tools Inc", "Akron", "44308", "US", "330-555-0100", True),
    CustomerHit("10025", "Nowhere Not-In-Area LLC", "Toledo", "43604", "US", "", False),
)
NOT_IN_AREA = "10025"

MATERIALS = (
    MaterialHit("HB38100", "HEX BOLT 3/8 X 1 ZINC"),
    MaterialHit("ADH-BLUE-5", "ADHESIVE BLUE 5 KG CASE"),
    MaterialHit("OLD-1", "DISCONTINUED WASHER"),
    MaterialHit("FOREIGN-1", "EXPORT ONLY NUT"),
)
SALES_STATUS = {"OLD-1": SalesStatus.DISCONTINUED, "FOREIGN-1": SalesStatus.NOT_IN_SALES_ORG}
STOCK = {"1000": D(25), "1100": D(500)}  # per plant, any material

SCALES = (PriceScale(D(1), D("0.42"), "USD", D(1), "PC"), PriceScale(D(100), D("0.38"), "USD", D(1), "PC"))

#: (number, days before TODAY, customer PO, net value, items, status)
ORDERS = (
    ("5012", 3, "4500-7781", D("1234.5"), 2, "Open"),
    ("4988", 40, "4500-7700", D("98765.43"), 5, "Billed"),
)


def unpadded(number: str) -> str:
    """A number as the adapter gives it back: ALPHA zeros dropped from an all-digit number."""
    number = number.strip()
    return (number.lstrip("0") or "0") if number.isdigit() else number.upper()


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
        pass  # no call events: the status bar of a fake-backed screenshot shows no last call

    def close(self):
        pass

    def ping(self):
        return 0.0

    # customers
    def _hit(self, number: str) -> CustomerHit:
        hit = next((h for h in HITS if h.number == unpadded(number)), None)
        if hit is None:
            raise NotFound(f"Customer {unpadded(number)} does not exist")
        return hit

    def find_customers(self, query, *, sales_area=None, limit=200):
        text = clean_query(query)  # what SAP would refuse is a ValueError before any call
        search_fragment(text)
        self._enter("find_customers", query, limit)
        if text in self.search_hits:
            hits = self.search_hits[text]
        else:
            q = text.lower().lstrip("0")
            hits = tuple(h for h in HITS if q in h.name.lower() or q in h.number or q in h.city.lower())
        return SearchResult(hits[:limit], limit, len(hits) > limit)

    def customer(self, number):
        self._enter("customer", number)
        hit = self._hit(number)
        return Customer(
            hit.number,
            Address(hit.name, street="1200 Webster St", postal_code=hit.postal_code, city=hit.city, country="US", phone=hit.phone, email="orders@example.com"),
            contacts=(Contact("1", "Maria Lopez", "Purchasing", "Buyer", "+1 937 555 0143", "maria@example.com"),),
            order_block="01" if hit.blocked else "",
        )

    def customer_sales_areas(self, number):
        return () if self._hit(number).number == NOT_IN_AREA else (AREA,)

    def customer_sales_data(self, number, sales_area):
        self._enter("customer_sales_data", number)
        number = unpadded(number)
        if number == NOT_IN_AREA:
            raise NotFound(f"Customer {number} is not defined in sales area {sales_area}")
        self._hit(number)
        if sales_area != AREA:
            raise NotFound(f"Customer {number} is not created in sales area {sales_area}")
        return CustomerSalesData(
            number, sales_area, "USD", "NT30", "Net 30 days", "01", "Standard", "FOB", "Dayton", "1000",
            order_block="01" if number == "10024" else "",
            partners=(  # reading order, as the adapter sorts them: SP, SH (default first), BP, PY, CP
                Partner("SP", number, "Buckeye Fastener Supply", "Dayton", True),
                Partner("SH", "10031", "Buckeye Dayton Plant", "Dayton", True),
                Partner("SH", "10032", "Buckeye Springfield", "Springfield"),
                Partner("BP", number, "Buckeye Fastener Supply", "Dayton", True),
                Partner("PY", number, "Buckeye Fastener Supply", "Dayton", True),
                Partner("CP", "7", "Rosa Coleman"),
            ),
        )

    def credit_status(self, number, sales_area):
        self._enter("credit_status", number)
        number = unpadded(number)
        if self._hit(number).number == NOT_IN_AREA or sales_area != AREA:
            raise NotFound(f"Customer {number} has no credit account in credit control area {sales_area.sales_org}")
        return CreditStatus(number, "1000", "USD", D("50000"), D("61234.5") if number == "10024" else D("12345.67"), number == "10024", "B01")

    # materials
    def _material(self, number: str) -> MaterialHit | None:
        return next((m for m in MATERIALS if m.number == unpadded(number)), None)

    def find_materials(self, query, *, sales_area=None, limit=200):
        text = clean_query(query)
        search_fragment(text)
        self._enter("find_materials", query, limit)
        q = text.lower()
        hits = tuple(h for h in MATERIALS if q in h.number.lower() or q in h.description.lower())
        return SearchResult(hits[:limit], limit, len(hits) > limit)

    def material(self, number, *, sales_area, scales=True):
        self._enter("material", number)
        hit = self._material(number)
        if hit is None:
            raise NotFound(f"Material {unpadded(number)} does not exist")
        return Material(hit.number, hit.description, "PC", "PC", sales_status=SALES_STATUS.get(hit.number, SalesStatus.ACTIVE),
                        delivering_plant="1000", scales=SCALES if scales else ())

    def price_scales(self, number, *, sales_area):
        self._enter("price_scales", number)
        if self._material(number) is None:
            raise NotFound(f"Material {unpadded(number)} does not exist")
        return SCALES

    def plants(self, sales_area):
        self._enter("plants", sales_area)
        if sales_area != AREA:
            return ()  # the sales org delivers from no plant in another channel
        return (Plant("1000", "Dayton Distribution Center", "Dayton"), Plant("1100", "Reno Distribution Center", "Reno"))

    def availability(self, material, plant, unit, quantity, date):
        self._enter("availability", material, plant, quantity, date)
        hit = self._material(material)
        if hit is None or plant not in STOCK:
            raise SapBusinessError(f"Material {unpadded(material)} does not exist")  # the sandbox's words for both
        stock = STOCK[plant]
        lines = (AvailabilityLine(date, min(stock, quantity)),)
        if stock < quantity:
            lines += (AvailabilityLine(date + dt.timedelta(days=14), quantity - stock),)
        return Availability(hit.number, plant, unit, quantity, date, stock, lines, date + dt.timedelta(days=14))

    def simulate(self, draft):
        self._enter("simulate", draft)
        sold_to = unpadded(draft.sold_to)
        if sold_to not in {h.number for h in HITS}:
            return Quote((), "", D(0), D(0), (SapMessage("E", "V1", "382", f"Sold-to party {sold_to} does not exist", "PARTNERS"),))
        if sold_to == NOT_IN_AREA or draft.sales_area != AREA:
            area = draft.sales_area
            return Quote((), "", D(0), D(0), (SapMessage(
                "E", "VS", "406", f"Customer {sold_to} is not created in sales area {area.sales_org} {area.distr_chan} {area.division}"),))
        lines = tuple(self._quote_line(f"{10 * i}", line, draft) for i, line in enumerate(draft.lines, start=1))
        return Quote(lines, "USD", sum((q.net_value for q in lines), D(0)), sum((q.tax for q in lines), D(0)), ())

    def _quote_line(self, item: str, line, draft) -> QuoteLine:
        hit = self._material(line.material)
        problem = None
        if hit is None:
            problem = SapMessage("E", "M3", "305", f"Material {unpadded(line.material)} does not exist", row=int(item) // 10, item=item)
        elif hit.number in SALES_STATUS:
            problem = SapMessage("E", "V1", "028", f"Material {hit.number} is blocked for sales", row=int(item) // 10, item=item)
        if problem is not None:
            return QuoteLine(item, unpadded(line.material), hit.description if hit else "", line.quantity, "", "", D(0), D(0), "USD",
                             messages=(problem,), rejected=True)
        qty = line.quantity
        net = (D("0.40") * qty).quantize(D("0.01"))
        tax = (net * D("0.0725")).quantize(D("0.01"))
        req = line.requested_date or draft.requested_date or TODAY
        conf_now = min(qty, STOCK["1000"])
        sched = (ScheduleLine(item, 1, req, qty, conf_now, req),)
        if qty > conf_now:
            sched += (ScheduleLine(item, 2, req, D(0), qty - conf_now, req + dt.timedelta(days=14)),)
        conds = (
            Condition(item, 10, 1, "PR00", "List price", D("0.42"), "USD", D(1), "PC", D("0.42") * qty, "USD"),
            Condition(item, 20, 1, "K007", "Customer discount", D("-5"), "%", D(1), "", -(D("0.02") * qty), "USD"),
            Condition(item, 30, 1, "KF00", "Freight", D("0"), "USD", D(1), "PC", D("0"), "USD"),
            Condition(item, 40, 1, "MWST", "Output tax", D("7.25"), "%", D(1), "", tax, "USD"),
        )
        return QuoteLine(item, hit.number, hit.description, qty, line.unit or "PC", line.plant or "1000", net, tax, "USD", conds, sched)

    def create_order(self, draft):
        raise NotImplementedError

    # orders
    def find_orders(self, *, sales_area, customer="", customer_po="", date_from=None, date_to=None, limit=200, material=""):
        self._enter("find_orders", customer)
        if not customer.strip() and not customer_po.strip():
            raise ValueError("Choose a customer first, or give a customer PO number")
        sold_to = unpadded(customer) if customer.strip() else "10023"
        if sold_to not in {h.number for h in HITS}:
            return SearchResult((), limit, False)  # as BAPI_SALESORDER_GETLIST: nothing for no one
        # (every known customer has the same two orders, 10025 too: a screenshot shows them)
        hits = tuple(
            OrderSummary(number, "OR", TODAY - dt.timedelta(days=age), sold_to, po, net, "USD", items, status)
            for number, age, po, net, items, status in ORDERS
            if (not customer_po.strip() or po == customer_po.strip())
            and (date_from is None or TODAY - dt.timedelta(days=age) >= date_from)
            and (date_to is None or TODAY - dt.timedelta(days=age) <= date_to)
        )
        return SearchResult(hits[:limit], limit, len(hits) > limit)

    def order(self, number):
        self._enter("order", number)
        found = next((o for o in ORDERS if o[0] == unpadded(number)), None)
        if found is None:
            raise NotFound(f"Order {unpadded(number)} does not exist")
        number, age, po, net, items, status = found
        created = TODAY - dt.timedelta(days=age)
        lines = tuple(
            OrderItem(f"{10 * i}", "HB38100", "HEX BOLT 3/8 X 1 ZINC", D(10), D(10), "PC", value, value / 10, "USD", "1000",
                      status=status)
            for i, value in enumerate(self._split(net, items), start=1)
        )
        schedule = tuple(ScheduleLine(line.item, 1, created, line.quantity, line.confirmed_qty, created, unit="PC") for line in lines)
        return Order(number, "OR", created, "10023", "10031", "10023", po, AREA, created, net, "USD", lines, schedule, (),
                     overall_status=status, delivery_status="", billing_status="", credit_status="Credit OK")

    @staticmethod
    def _split(total: Decimal, parts: int) -> list[Decimal]:
        share = (total / parts).quantize(D("0.01"))
        return [share] * (parts - 1) + [total - share * (parts - 1)]

    # shipping & billing
    def deliveries(self, numbers):
        return ()

    def invoice(self, number):
        raise NotImplementedError

    def invoices_for(self, customer, *, sales_area, limit=50):
        return ()

    def customer_open_items(self, customer, *, sales_area, key_date):
        """The fake's customers all pay for themselves."""
        items = self.open_items(customer, key_date=key_date, company_code="1000")
        return CustomerOpenItems(unpadded(customer), unpadded(customer), "1000", key_date, items)

    def open_items(self, customer, *, key_date, company_code=""):
        self._enter("open_items", customer)
        number = unpadded(customer)
        if number not in {h.number for h in HITS}:
            raise SapBusinessError(f"Customer {number} has not been created for company code {company_code or '1000'}")
        return (
            OpenItem("1400000012", "2026", "1", "RV", "90036612", TODAY - dt.timedelta(days=50), None, TODAY - dt.timedelta(days=50), TODAY - dt.timedelta(days=20), D("4200.00"), "USD"),
            OpenItem("1400000013", "2026", "1", "RV", "90036650", TODAY - dt.timedelta(days=5), None, TODAY - dt.timedelta(days=5), TODAY + dt.timedelta(days=25), D("810.10"), "USD"),
        )


def fail(exc_cls=SapBusinessError, text="boom"):
    return exc_cls(text)
