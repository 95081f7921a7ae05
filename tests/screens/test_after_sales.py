"""Where is my order, my shipment, my invoice (issue 10, scenarios 5 and 6) over the whole stack:
Orders (F7) and Open items (F8) -> RfcGateway -> sandbox SAP.

Records are the sandbox README's: order 5007 (PO 4500-7700, one delivery shipped and billed, one
open), 5019 (credit block), 7106 (delivery block 02), 7105 (50 items), 10090 (overdue invoices),
10100 (paid for by payer 80003).
"""

from __future__ import annotations

import re

import datetime as dt

import pytest
from textual.widgets import DataTable, Input, Static

from ordertui.areas import area
from ordertui.model import CustomerHit
from ordertui.screens.delivery_detail import DeliveryDetailScreen
from ordertui.screens.invoice_detail import InvoiceDetailScreen
from ordertui.screens.open_items import OpenItemsScreen
from ordertui.screens.order_detail import OrderDetailScreen
from ordertui.screens.orders import OrdersScreen, open_order, parse_date_range
from ordertui.widgets.customer_panels import DataPart
from tests.conftest import TODAY, settle

from .host import errors_shown, make, start

MARIA = CustomerHit("10023", "Miami Valley Fastener Supply Inc.", "Springfield", "45502", "US", "", False)
SUNBELT = CustomerHit("10090", "Sunbelt Industrial Distributors", "Atlanta", "30303", "US", "", False)
KEYSTONE = CustomerHit("10100", "Keystone Facilities Group", "Pittsburgh", "15222", "US", "", False)


def calls(app, function: str) -> int:
    return sum(1 for e in app.call_log if e.function == function)


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def rows(table: DataTable) -> list[str]:
    return [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


async def search(app, pilot, typed: str) -> DataTable:
    """``typed`` in the Orders field, searched after the typing pause (Enter would also open a
    single hit); the results table."""
    screen = app.screen
    assert isinstance(screen, OrdersScreen)
    field = screen.query_one("#order-search", Input)
    field.value = typed
    field.focus()
    await settle(pilot)
    return screen.query_one("#order-results", DataTable)


async def open_document(app, pilot, typed: str) -> None:
    """``typed`` searched in Orders and its one hit opened with Enter."""
    await search(app, pilot, typed)
    await pilot.press("enter")
    await settle(pilot)


@pytest.fixture
def no_authorization():
    """SAP refuses every call from now on (a missing authorization), for connections already open."""
    from ordertui.sap import sandbox

    def arm():
        sandbox.configure(faults={"no-authorization"})

    yield arm
    sandbox.configure(faults=set())


# --------------------------------------------------------------------------- scenario 5


async def test_where_is_my_order_by_po_alone(app_factory):
    """Scenario 5: the PO, the order, its deliveries (one shipped with carrier and tracking number,
    one open) and the invoice for the shipped part, due in 30 days."""
    app = make(app_factory, area="orders")
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        table = await search(app, pilot, "4500-7700")
        assert [str(k.value) for k in table.rows] == ["5007"]
        assert "Miami Valley Fastener Supply Inc." in rows(table)[0] and "Being delivered" in rows(table)[0]
        assert "Enter opens order 5007" in text(app, "#order-search-msg")
        await pilot.press("enter")  # the only hit: Enter in the field opens it
        await settle(pilot)
        order = app.screen
        assert isinstance(order, OrderDetailScreen)
        header = text(app, "#doc-header")
        assert "Being delivered" in header and "PO 4500-7700" in header and "Dayton" in header
        flow = order.query_one(".order-flow-table", DataTable)
        lines = rows(flow)
        assert [line.split()[0] for line in lines] == ["Order", "└", "└", "└", "└"]
        assert "shipped" in lines[1] and "Goods issue" in lines[2] and "Invoice" in lines[3] and "not shipped yet" in lines[4]
        items = rows(order.query_one(".order-items-table", DataTable))
        assert "Billed" in items[0] and "Being delivered" in items[1]
        assert calls(app, "BAPISDORDER_GETDETAILEDLIST") == 1

        await pilot.press("down", "enter")  # the shipped delivery
        await settle(pilot)
        delivery = app.screen
        assert isinstance(delivery, DeliveryDetailScreen)
        header = text(app, "#doc-header")
        shipped = (TODAY - dt.timedelta(days=1)).isoformat()
        assert f"SHIPPED {shipped}" in header and delivery.document.carrier in header
        tracking = delivery.document.tracking_number
        assert tracking and tracking in header
        await pilot.press("c")
        assert app.clipboard == tracking
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is order and calls(app, "BAPISDORDER_GETDETAILEDLIST") == 2  # live: read again

        assert order.query_one(".order-flow-table", DataTable).cursor_row == 1  # still on that delivery
        await pilot.press("down", "down", "enter")  # the invoice
        await settle(pilot)
        assert isinstance(app.screen, InvoiceDetailScreen)
        due = (TODAY + dt.timedelta(days=30)).isoformat()
        assert f"due {due} (in 30 days)" in text(app, "#doc-header") and "OPEN" in text(app, "#doc-header")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("down", "enter")  # the open delivery
        await settle(pilot)
        assert "NOT SHIPPED" in text(app, "#doc-header") and "not shipped yet" in text(app, "#doc-header")
        assert errors_shown(app) == []


async def test_the_same_document_is_not_stacked_twice(app_factory):
    app = make(app_factory, area="orders")
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await open_document(app, pilot, "5007")
        await pilot.press("down", "enter")  # delivery
        await settle(pilot)
        depth = len(app.screen_stack)
        links = app.screen.query_one(".delivery-links-table", DataTable)
        assert str(links.get_row_at(0)[0]) == "Order"
        links.focus()
        await pilot.press("enter")  # back to the order it delivers: the same screen, not a new one
        await settle(pilot)
        assert isinstance(app.screen, OrderDetailScreen) and len(app.screen_stack) == depth - 1


@pytest.mark.parametrize("typed", ["5007", "0000005007"])
async def test_order_number_with_or_without_zeros(app_factory, typed):
    app = make(app_factory, area="orders")
    async with app.run_test() as pilot:
        await start(app, pilot)
        table = await search(app, pilot, typed)
        assert [str(k.value) for k in table.rows] == ["5007"]


async def test_a_delivery_number_is_said_and_opened(app_factory):
    app = make(app_factory, area="orders")
    async with app.run_test() as pilot:
        await start(app, pilot)
        gw = app.session.gateway
        delivery = gw.order("5007").deliveries[0]
        await search(app, pilot, delivery)
        assert f"{delivery} is a delivery" in text(app, "#order-search-msg") and "not an order" in text(app, "#order-search-msg")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DeliveryDetailScreen) and app.screen.number == delivery


async def test_an_invoice_number_is_said_too(app_factory):
    app = make(app_factory, area="orders")
    async with app.run_test() as pilot:
        await start(app, pilot)
        invoice = app.session.gateway.order("5007").invoices[0]
        await search(app, pilot, invoice)
        assert f"{invoice} is an invoice" in text(app, "#order-search-msg")


async def test_unknown_number(app_factory):
    app = make(app_factory, area="orders")
    async with app.run_test() as pilot:
        await start(app, pilot)
        table = await search(app, pilot, "99999")
        assert table.row_count == 0 and "No order with number or PO “99999”" in text(app, "#order-search-msg")


# --------------------------------------------------------------------------- the current customer


async def test_the_customers_orders_list_at_once_newest_first(app_factory):
    app = make(app_factory, area="orders", customer=MARIA)
    async with app.run_test() as pilot:
        await start(app, pilot)
        await settle(pilot)
        table = app.screen.query_one("#order-results", DataTable)
        numbers = [str(k.value) for k in table.rows]
        assert numbers[:3] == ["5010", "5011", "5007"] and "Orders of 10023" in text(app, "#order-scope")
        assert calls(app, "RFC_READ_TABLE") == 1  # one read for the whole list


async def test_with_a_customer_a_material_or_a_date_range(app_factory):
    app = make(app_factory, area="orders", customer=MARIA)
    async with app.run_test() as pilot:
        await start(app, pilot)
        assert [str(k.value) for k in (await search(app, pilot, "HB-38-100")).rows] == ["5007"]
        week = (TODAY - dt.timedelta(days=7)).isoformat()
        numbers = {str(k.value) for k in (await search(app, pilot, f"{week}..{TODAY}")).rows}
        assert numbers == {"5007", "5010", "5011"}


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("2026-11-27..2026-11-01", "runs backwards"),
        ("2025-01-01..2026-11-27", "At most a year"),
        ("2026-02-30..2026-03-01", "is not a date"),
    ],
)
async def test_bad_date_ranges_are_said_at_the_field_without_asking_sap(app_factory, typed, said):
    app = make(app_factory, area="orders", customer=MARIA)
    async with app.run_test() as pilot:
        await start(app, pilot)
        await settle(pilot)
        before = len(app.call_log)
        await search(app, pilot, typed)
        msg = app.screen.query_one("#order-search-msg", Static)
        assert said in str(msg.render()) and msg.has_class("-error")
        assert len(app.call_log) == before


async def test_a_date_range_needs_a_customer(app_factory):
    app = make(app_factory, area="orders")
    async with app.run_test() as pilot:
        await start(app, pilot)
        await search(app, pilot, "2026-11-01..2026-11-27")
        assert "choose the customer first (F2)" in text(app, "#order-search-msg")


async def test_a_long_paste_and_control_characters(app_factory):
    app = make(app_factory, area="orders")
    async with app.run_test() as pilot:
        await start(app, pilot)
        await search(app, pilot, "4" * 200)
        msg = app.screen.query_one("#order-search-msg", Static)
        assert "a PO has at most 35" in str(msg.render()) and msg.has_class("-error")
        await search(app, pilot, "x" * 250)
        assert "Too long (250 characters)" in text(app, "#order-search-msg")
        table = await search(app, pilot, "4500-\x077700\x1b")
        assert [str(k.value) for k in table.rows] == ["5007"]


def test_date_ranges():
    assert parse_date_range("2026-11-01..2026-11-27", TODAY) == (dt.date(2026, 11, 1), TODAY)
    assert parse_date_range("11/01 - 11/27", TODAY) == (dt.date(2026, 11, 1), TODAY)
    assert parse_date_range("12/15/2025 to 1/15/2026", TODAY) == (dt.date(2025, 12, 15), dt.date(2026, 1, 15))
    assert parse_date_range("12/15-1/15", TODAY) == (dt.date(2025, 12, 15), dt.date(2026, 1, 15))
    assert parse_date_range("2026-11-21", TODAY) == (dt.date(2026, 11, 21),) * 2
    assert parse_date_range("4500-7700", TODAY) is None and parse_date_range("PO-88120", TODAY) is None


# --------------------------------------------------------------------------- blocked orders, 50 items


async def test_blocked_orders_say_why(app_factory):
    app = make(app_factory, area="orders")
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await open_document(app, pilot, "7106")
        header = text(app, "#doc-header")
        assert "Blocked (delivery)" in header and "DELIVERY BLOCK 02 Export papers missing" in header
        await pilot.press("escape")
        await settle(pilot)
        await open_document(app, pilot, "GL-77901")
        assert "Blocked (credit)" in text(app, "#doc-header") and "CREDIT BLOCK" in text(app, "#doc-header")


async def test_fifty_items_scroll_in_their_part(app_factory):
    app = make(app_factory, area="orders")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        await open_document(app, pilot, "7105")
        items = app.screen.query_one(".order-items-table", DataTable)
        assert items.row_count == 50
        assert "2 confirmed later than requested" in app.screen.query_one("#order-items", DataPart).border_title
        await pilot.press("tab")
        assert app.focused is items
        await pilot.press(*["down"] * 49)
        await settle(pilot)
        assert items.cursor_row == 49 and items.scroll_y > 0


async def test_the_flow_fits_its_part_at_80_columns(app_factory):
    """7105's flow has five rows, the last with a long note: at 80x24 the part shows them all,
    the note cut with "…" to the room left, and no horizontal scrollbar under the table (its
    note ran under one, which took a line and pushed the last row out of sight)."""
    app = make(app_factory, area="orders")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        await open_document(app, pilot, "7105")
        flow = app.screen.query_one(".order-flow-table", DataTable)
        assert flow.row_count == 5
        assert not flow.show_horizontal_scrollbar and flow.virtual_size.width <= flow.size.width
        shown = flow.render_line(flow.row_count).text  # the last row as drawn (line 0: the header)
        assert "80002026" in shown and "15 items, 310 to 450" in shown and "…" in shown


# --------------------------------------------------------------------------- scenario 6


async def test_why_is_my_invoice_overdue(app_factory):
    """Scenario 6: the customer's open items, aging buckets, the overdue invoice, its items and
    the delivery it billed."""
    app = make(app_factory, area="items", customer=SUNBELT)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OpenItemsScreen)
        header = text(app, "#items-header")
        assert "Open USD 7,094.28" in header and "overdue USD 6,453.54 in 3 items" in header
        aging = rows(screen.query_one(".items-aging-table", DataTable))
        assert aging[0].split()[1:] == ["640.74", "3,191.08", "3,262.46", "—", "—"]
        listed = rows(screen.query_one(".items-table", DataTable))
        assert ["42 days overdue" in listed[0], "17 days" in listed[1], "3 days" in listed[2], "not due" in listed[3]] == [True] * 4
        await pilot.press("enter")  # the oldest
        await settle(pilot)
        invoice = app.screen
        assert isinstance(invoice, InvoiceDetailScreen)
        assert "OVERDUE 42 days" in text(app, "#doc-header")
        assert rows(invoice.query_one(".invoice-items-table", DataTable))
        links = rows(invoice.query_one(".invoice-links-table", DataTable))
        assert links[0].startswith("Order") and links[1].startswith("Delivery")
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DeliveryDetailScreen) and "SHIPPED" in text(app, "#doc-header")
        assert errors_shown(app) == []


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_the_aging_table_is_a_tab_stop_only_when_part_of_it_is_out_of_view(app_factory, size):
    """It has no cursor: Tab stops there only to scroll to what does not fit (a narrow terminal)."""
    app = make(app_factory, area="items", customer=SUNBELT)
    async with app.run_test(size=size) as pilot:
        await start(app, pilot)
        await settle(pilot)
        screen = app.screen
        aging = screen.query_one(".items-aging-table", DataTable)
        items = screen.query_one(".items-table", DataTable)
        chain = screen.focus_chain
        assert items in chain
        assert (aging in chain) is (aging.max_scroll_x > 0 or aging.max_scroll_y > 0)
        if size == (120, 36):
            assert aging not in chain


async def test_open_items_of_a_customer_another_account_pays_for(app_factory):
    app = make(app_factory, area="items", customer=KEYSTONE)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await settle(pilot)
        assert "Paid by 80003" in text(app, "#items-header")


async def test_the_customer_detail_and_open_items_show_the_same_open_amount(app_factory):
    """Figures shown on two screens agree: the detail's "Open invoices" read the sold-to's own
    items (none for 10100, whose bills 80003 pays) while Open items showed USD 3,897.01."""
    from ordertui.screens.customer_detail import CustomerDetailScreen

    from .flows import open_detail

    app = make(app_factory, area="customers")
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await settle(pilot)
        detail = await open_detail(app, pilot, "10100")
        assert isinstance(detail, CustomerDetailScreen)
        part = detail.query_one("#part-items")
        shown = " ".join(str(w.render()) for w in part.query(Static))
        await pilot.press("f8")
        await settle(pilot)
        header = text(app, "#items-header")
        open_amount = re.search(r"Open (USD [\d,.]+)", header)
        assert open_amount, header
        assert f"open {open_amount.group(1)}" in shown, (shown, header)
        assert "paid by 80003" in shown


async def test_open_items_without_a_customer_and_when_one_is_chosen(app_factory):
    app = make(app_factory, area="items")
    async with app.run_test() as pilot:
        await start(app, pilot)
        await settle(pilot)
        assert "No current customer" in text(app, "#items-header")
        assert calls(app, "BAPI_AR_ACC_GETOPENITEMS") == 0
        app.set_current_customer(SUNBELT)
        await settle(pilot)
        assert "10090" in text(app, "#items-header") and calls(app, "BAPI_AR_ACC_GETOPENITEMS") == 1


# --------------------------------------------------------------------------- read-only, authorization


def test_the_after_sales_areas_write_nothing():
    assert area("orders").writes is False and area("items").writes is False  # a read-only desk has them


async def test_no_authorization_reads_as_one(app_factory, no_authorization):
    app = make(app_factory, area="orders", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await settle(pilot)
        no_authorization()
        await search(app, pilot, "4500-7700")
        msg = app.screen.query_one("#order-search-msg", Static)
        assert str(msg.render()).startswith("No authorization for sales organization 1000") and msg.has_class("-error")
        open_order(app, "5007")
        await settle(pilot)
        assert "No authorization for sales organization 1000" in text(app, "#doc-header")
        assert not any(p.display for p in app.screen.query(DataPart))  # no empty parts under it
        app.switch_mode("items")
        await settle(pilot)
        assert "No authorization for sales organization 1000" in text(app, "#items-header")
        assert errors_shown(app) == []


async def test_open_order_from_another_area(app_factory):
    """What the customer detail's "Last orders" rows call."""
    app = make(app_factory, area="customers")
    async with app.run_test() as pilot:
        await start(app, pilot)
        open_order(app, "5007")
        await settle(pilot)
        assert app.current_mode == "orders" and isinstance(app.screen, OrderDetailScreen)
        assert app.screen.number == "5007" and "Order 5007" in text(app, "#doc-header")
        await pilot.press("escape")
        assert isinstance(app.screen, OrdersScreen)


async def test_unknown_order_opened_by_number(app_factory):
    app = make(app_factory, area="orders")
    async with app.run_test() as pilot:
        await start(app, pilot)
        open_order(app, "1")
        await settle(pilot)
        assert "Order 1 does not exist" in text(app, "#doc-header") and errors_shown(app) == []


async def test_a_new_caller_clears_the_field_and_lists_their_orders(app_factory):
    app = make(app_factory, area="orders")
    async with app.run_test() as pilot:
        await start(app, pilot)
        await search(app, pilot, "PO-88")
        app.set_current_customer(MARIA)
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#order-search", Input).value == ""
        assert "5007" in [str(k.value) for k in screen.query_one("#order-results", DataTable).rows]


async def test_a_detail_lays_itself_out_again_when_the_terminal_is_resized(app_factory):
    app = make(app_factory, area="orders")
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        open_order(app, "5007")
        await settle(pilot)
        columns = lambda: [str(c.label) for c in app.screen.query_one(".order-items-table", DataTable).columns.values()]  # noqa: E731
        assert "Description" in columns()
        reads = calls(app, "BAPISDORDER_GETDETAILEDLIST")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert "Description" not in columns() and calls(app, "BAPISDORDER_GETDETAILEDLIST") == reads
