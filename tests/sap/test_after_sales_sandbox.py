"""Where is my order, my shipment, my invoice (issue 10): RfcGateway over the sandbox SAP system,
for every function module and table the after-sales reads use (ordertui/sap/rfc/after_sales.py).

Records are the sandbox README's well-known ones: order 5007 (10023, PO 4500-7700, partly
delivered: one delivery shipped and billed, one open), 5019 (10050, credit-blocked), 7106 (10150,
delivery block 02), 5009 (a 35-character PO), 7105 (10140, 50 items), 10090's overdue invoices,
10100 paid for by payer 80003.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ordertui.model import DocumentRef, OrderSummary, SalesArea, aging
from ordertui.sap.errors import NotAuthorized, NotFound

pytest.importorskip("ordertui.sap.sandbox")

from ordertui.sap.connect import sandbox_gateway  # noqa: E402
from tests.conftest import TODAY  # noqa: E402

US = SalesArea("1000", "10", "00")


@pytest.fixture(scope="module")
def gw():
    g = sandbox_gateway(seed=1, today=TODAY)
    yield g
    g.close()


@pytest.fixture
def calls(gw):
    log: list[str] = []
    gw.add_listener(lambda e: log.append(e.function))
    yield log
    log.clear()


def numbers(result):
    return [h.number for h in result.hits]


# --------------------------------------------------------------------------- finding orders


def test_po_alone_finds_the_order_without_a_customer(gw):
    # scenario 5: the caller has only the PO
    (hit,) = gw.search_orders("4500-7700", sales_area=US).hits
    assert isinstance(hit, OrderSummary)
    assert (hit.number, hit.sold_to, hit.sold_to_name) == ("5007", "10023", "Miami Valley Fastener Supply Inc.")
    assert hit.customer_po == "4500-7700" and hit.currency == "USD" and hit.net_value > 0
    assert hit.status == "Being delivered" and hit.created == TODAY - dt.timedelta(days=6)


def test_po_prefix_as_typed_or_in_capitals(gw):
    assert set(numbers(gw.search_orders("po-88", sales_area=US))) >= {"5049", "5050", "5051"}
    assert numbers(gw.search_orders("po-88", sales_area=US)) == numbers(gw.search_orders("PO-88", sales_area=US))


@pytest.mark.parametrize("typed", ["5007", "0000005007", " 5007 "])
def test_order_number_with_or_without_zeros(gw, typed):
    assert numbers(gw.search_orders(typed, sales_area=US)) == ["5007"]


def test_a_delivery_number_says_what_it_is(gw):
    delivery = gw.order("5007").deliveries[0]
    (hit,) = gw.search_orders(delivery, sales_area=US).hits
    assert isinstance(hit, DocumentRef) and hit.kind == "delivery" and hit.number == delivery
    assert hit.partner and hit.text.startswith("shipped ")


def test_an_invoice_number_says_what_it_is(gw):
    invoice = gw.order("5007").invoices[0]
    (hit,) = gw.search_orders(invoice, sales_area=US).hits
    assert isinstance(hit, DocumentRef) and hit.kind == "invoice" and hit.text.startswith("USD ")


def test_unknown_number_finds_nothing(gw):
    assert gw.search_orders("99999", sales_area=US).hits == ()


def test_a_long_paste_is_refused_before_sap(gw, calls):
    with pytest.raises(ValueError, match="35"):
        gw.search_orders("x" * 200, sales_area=US)
    assert calls == []


def test_dates_need_a_customer(gw):
    with pytest.raises(ValueError, match="customer"):
        gw.search_orders("", sales_area=US, date_from=TODAY - dt.timedelta(days=30), date_to=TODAY)


def test_the_customers_orders_newest_first_in_one_round_trip(gw, calls):
    res = gw.search_orders("", sales_area=US, customer="10023")
    dates = [h.created for h in res.hits]
    assert "5007" in numbers(res) and dates == sorted(dates, reverse=True)
    assert calls == ["RFC_READ_TABLE"]


def test_with_a_customer_a_material_or_any_case_of_the_po(gw):
    assert numbers(gw.search_orders("hb-38-100", sales_area=US, customer="10023")) == ["5007"]
    assert "5007" in numbers(gw.search_orders("4500-77", sales_area=US, customer="10023"))
    assert "5009" in numbers(gw.search_orders("blanket", sales_area=US, customer="10023"))


def test_with_a_customer_a_date_range(gw):
    week = gw.search_orders("", sales_area=US, customer="10023", date_from=TODAY - dt.timedelta(days=7), date_to=TODAY)
    assert set(numbers(week)) == {"5007", "5010", "5011"}


def test_an_order_of_another_customer_is_still_found_by_number(gw):
    assert numbers(gw.search_orders("5049", sales_area=US, customer="10023")) == ["5049"]


def test_find_orders_speaks_the_same_words_as_the_detail(gw):
    listed = {h.number: h.status for h in gw.find_orders(sales_area=US, customer="10023", limit=10).hits}
    for number, status in listed.items():
        assert gw.order(number).overall_status == status
    assert gw.find_orders(sales_area=US, customer_po="GL-77901").hits[0].status == "Blocked (credit)"


def test_find_orders_by_material_needs_a_customer(gw):
    with pytest.raises(ValueError):
        gw.find_orders(sales_area=US, material="HB-38-100")


# --------------------------------------------------------------------------- order detail


def test_partly_delivered_order_with_its_flow_in_one_call(gw, calls):
    o = gw.order("5007")
    assert calls == ["BAPISDORDER_GETDETAILEDLIST"]
    assert o.overall_status == "Being delivered" and o.sold_to_name == "Miami Valley Fastener Supply Inc."
    assert o.ship_to and o.ship_to_name and o.ship_to_address and o.ship_to_address.city
    assert [(i.item, i.status) for i in o.items] == [("10", "Billed"), ("20", "Being delivered")]
    shipped, open_ = o.deliveries
    gi = o.goods_issue_of(shipped)
    assert gi is not None and gi.created == TODAY - dt.timedelta(days=1) and o.goods_issue_of(open_) is None
    assert len(o.invoices) == 1


def test_credit_blocked_order(gw):
    o = gw.order("5019")
    assert o.overall_status == "Blocked (credit)" and o.credit_status == "Credit blocked"


def test_delivery_blocked_order_says_why(gw):
    o = gw.order("7106")
    assert o.overall_status == "Blocked (delivery)"
    assert (o.delivery_block, o.delivery_block_text) == ("02", "Export papers missing")


def test_a_po_cut_at_20_by_the_bapi_is_read_whole(gw, calls):
    o = gw.order("5009")
    assert o.customer_po == "BLANKET-2026-MAINTENANCE-REPAIR-OPS"
    assert calls == ["BAPISDORDER_GETDETAILEDLIST", "RFC_READ_TABLE"]


def test_fifty_items(gw):
    o = gw.order("7105")
    assert len(o.items) == 50 and o.overall_status == "Being delivered"
    words = [i.status for i in o.items]
    assert words.count("Billed") == 30 and words.count("Being delivered") == 15 and words.count("Open") == 5


def test_unknown_order(gw):
    with pytest.raises(NotFound, match="1 does not exist"):
        gw.order("1")


# --------------------------------------------------------------------------- delivery and invoice


def test_shipped_delivery_in_two_round_trips(gw, calls):
    number = gw.order("5007").deliveries[0]
    calls.clear()
    d = gw.delivery(number)
    assert calls[:2] == ["BAPI_DELIVERY_GETLIST", "RFC_READ_TABLE"] and len(calls) == 4
    assert d.shipped and d.actual_goods_issue == TODAY - dt.timedelta(days=1)
    assert d.carrier and d.carrier_number and d.tracking_number
    assert d.ship_to_address is not None and d.ship_to_address.city and d.ship_to_name
    assert d.orders == ("5007",) and len(d.invoices) == 1 and d.goods_movement.startswith("49")
    assert d.items and d.items[0].order == "5007"


def test_open_delivery_is_not_shipped(gw):
    d = gw.delivery(gw.order("5007").deliveries[1])
    assert not d.shipped and d.planned_goods_issue == TODAY + dt.timedelta(days=3)
    assert d.tracking_number == "" and d.invoices == () and d.goods_movement == ""


def test_unknown_delivery(gw):
    with pytest.raises(NotFound):
        gw.delivery("80999999")


def test_overdue_invoice(gw, calls):
    items = gw.customer_open_items("10090", sales_area=US, key_date=TODAY).items
    oldest = items[0]
    calls.clear()
    inv = gw.invoice(oldest.reference)
    assert sorted(calls) == ["BAPI_AR_ACC_GETOPENITEMS", "RFC_READ_TABLE", "RFC_READ_TABLE", "RFC_READ_TABLE"]
    assert inv.days_overdue(TODAY) == 42 and inv.open_amount == inv.gross_value and not inv.paid
    assert inv.payer == "10090" and inv.payer_name.startswith("Sunbelt")
    assert inv.orders and inv.deliveries and inv.tax > 0


def test_paid_invoice(gw):
    paid = next(i for i in gw.invoices_for("10023", sales_area=US, limit=20) if i.open_amount == 0)
    inv = gw.invoice(paid.number)
    assert inv.paid and inv.days_overdue(TODAY) == 0


def test_unknown_invoice(gw):
    with pytest.raises(NotFound):
        gw.invoice("90999999")


# --------------------------------------------------------------------------- open items


def test_open_items_aged_oldest_first(gw, calls):
    account = gw.customer_open_items("10090", sales_area=US, key_date=TODAY)
    assert sorted(calls) == ["BAPI_AR_ACC_GETOPENITEMS", "RFC_READ_TABLE"]
    assert account.payer == "10090" and account.company_code == "1000"
    assert [i.days_overdue(TODAY) for i in account.items] == [42, 17, 3, 0]
    buckets = {b.label: b.count for b in aging(account.items, TODAY)}
    assert buckets == {"Current": 1, "1-30": 2, "31-60": 1, "61-90": 0, ">90": 0}


def test_open_items_of_a_customer_another_account_pays_for(gw):
    account = gw.customer_open_items("10100", sales_area=US, key_date=TODAY)
    assert account.payer == "80003" and account.payer_name and account.items


# --------------------------------------------------------------------------- authorization


def test_no_authorization_is_said_as_such_never_an_empty_list():
    g = sandbox_gateway(seed=1, today=TODAY, faults=("no-authorization",))
    with pytest.raises(NotAuthorized):
        g.search_orders("4500-7700", sales_area=US)
    with pytest.raises(NotAuthorized):
        g.order("5007")
    g.close()
