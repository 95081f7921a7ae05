"""The customer and product flows over the whole stack: screen -> RfcGateway -> sandbox SAP.

Records are found through the gateway at test time (the sandbox company is generated from a
seed; the README names 10023, the caller of scenario 1), so a data change in the sandbox does
not silently turn a test into a no-op: each discovery asserts it found what it needs.
"""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable, Input, Static

from ordertui.model import SalesArea, SalesStatus
from ordertui.sap.errors import NotFound
from ordertui.screens.customers import CustomerDetailScreen, CustomersScreen
from ordertui.screens.products import ProductQuoteScreen
from ordertui.widgets.customer_panels import DataPart

from .host import make, start

AREA = SalesArea("1000", "10", "00")
TODAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def sandbox():
    try:
        from ordertui.sap.connect import sandbox_gateway
        from ordertui.sap.sandbox import connect  # noqa: F401
    except ImportError as exc:  # pragma: no cover - until the sandbox lands
        pytest.skip(f"sandbox not available: {exc}")
    gw = sandbox_gateway(today=TODAY)
    yield gw
    gw.close()


async def settle(app, pilot):
    for _ in range(100):
        await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        if not any(w.is_running for w in app.workers):
            break
    await pilot.pause()


def calls(app, function: str) -> int:
    return sum(1 for e in app.call_log if e.function == function)


async def search(app, pilot, text: str) -> DataTable:
    screen = app.screen
    assert isinstance(screen, CustomersScreen)
    inp = screen.query_one("#customer-search", Input)
    inp.value = text
    inp.focus()
    await pilot.press("enter")
    await settle(app, pilot)
    return screen.query_one("#customer-results", DataTable)


def numbers(table: DataTable) -> list[str]:
    return [str(k.value) for k in table.rows]


@pytest.mark.parametrize("typed", ["10023", "0000010023", "miami valley", "+1 (937) 555-0142", "937.555.0142", "9375550142"])
async def test_find_the_caller_every_way(app_factory, typed):
    app = make(app_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        table = await search(app, pilot, typed)
        assert "10023" in numbers(table), typed
        assert app.errors == []


async def test_scenario_known_caller_detail_then_products(app_factory):
    app = make(app_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        table = await search(app, pilot, "10023")
        table.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        scr = app.screen
        assert isinstance(scr, CustomerDetailScreen)
        assert app.current_customer.number == "10023"
        states = {p.id: p.state for p in scr.query(DataPart)}
        assert set(states.values()) == {"ready"}, states
        # one call per part, in parallel workers
        for fm in ("BAPI_CUSTOMER_GETDETAIL2", "BAPI_CREDIT_ACCOUNT_GET_STATUS", "BAPI_SALESORDER_GETLIST", "BAPI_AR_ACC_GETOPENITEMS"):
            assert calls(app, fm) >= 1, fm
        await pilot.press("p")
        await pilot.pause()
        assert app.current_mode == "products"
        screen = app.screen
        assert "Prices for 10023" in str(screen.query_one("#product-customer", Static).render())
        screen.query_one("#product-search", Input).value = "HB-38-100"
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        quote = app.screen
        assert isinstance(quote, ProductQuoteScreen)
        sims = calls(app, "BAPI_SALESORDER_SIMULATE")
        quote.query_one("#quote-qty", Input).value = "40"
        quote.query_one("#quote-date", Input).value = "fri"
        quote.query_one("#quote-qty", Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert calls(app, "BAPI_SALESORDER_SIMULATE") == sims + 1  # one round trip re-quotes
        price = quote.query_one("#part-price", DataPart)
        assert price.state == "ready"
        rows = [" ".join(str(c) for c in t.get_row_at(i)) for t in price.query(DataTable) for i in range(t.row_count)]
        assert any("PR00" in r for r in rows) and any(r.startswith("Total") and "USD" in r for r in rows)
        assert quote.query_one("#part-atp", DataPart).state == "ready"
        assert app.errors == []


async def test_blocked_customer_is_marked(app_factory, sandbox):
    blocked = next((h for q in ("llc", "supply", "inc") for h in sandbox.find_customers(q, sales_area=AREA).hits if h.blocked), None)
    assert blocked is not None, "the sandbox should have blocked customers"
    app = make(app_factory)
    async with app.run_test() as pilot:
        await start(app, pilot)
        table = await search(app, pilot, blocked.number)
        assert str(table.get_row_at(0)[1]) == "BLOCKED"
        table.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert "BLOCKED" in str(app.screen.query_one("#customer-header", Static).render())


async def test_customer_not_in_sales_area_is_said_in_place(app_factory, sandbox):
    outsider = None
    for hit in sandbox.find_customers("gmbh", sales_area=AREA, limit=30).hits:
        try:
            sandbox.customer_sales_data(hit.number, AREA)
        except NotFound:
            outsider = hit
            break
    assert outsider is not None, "the sandbox should have customers outside sales area 1000/10/00"
    app = make(app_factory)
    async with app.run_test() as pilot:
        await start(app, pilot)
        table = await search(app, pilot, outsider.number)
        table.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        sales = app.screen.query_one("#part-sales", DataPart)
        assert sales.state == "error"
        assert "not defined in sales area 1000/10/00" in str(sales.query_one(Static).render())
        assert app.screen.query_one("#part-general", DataPart).state == "ready"


async def test_discontinued_material_says_so(app_factory, sandbox):
    found = None
    for q in ("nut", "bolt", "washer"):
        for hit in sandbox.find_materials(q, sales_area=AREA).hits[:120]:
            if sandbox.material(hit.number, sales_area=AREA).sales_status is SalesStatus.DISCONTINUED:
                found = hit
                break
        if found:
            break
    assert found is not None, "the sandbox should have a discontinued material"
    app = make(app_factory, area="products")
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        app.screen.query_one("#product-search", Input).value = found.number
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert "DISCONTINUED" in str(app.screen.query_one("#quote-header", Static).render())


@pytest.mark.parametrize("typed", ["50%", "*bolt*", "o'brien", "a_b"])
async def test_wildcards_and_quotes_reach_sap_safely(app_factory, typed):
    app = make(app_factory)
    async with app.run_test() as pilot:
        await start(app, pilot)
        await search(app, pilot, typed)
        msg = str(app.screen.query_one("#customer-search-msg", Static).render())
        assert "error" not in msg.lower() and "SAP" not in msg, msg
        assert app.errors == []


@pytest.mark.parametrize("qty", ["0", "-1", "x", "1.0001", "12345678901"])
async def test_bad_quantity_makes_no_sap_call(app_factory, qty):
    app = make(app_factory, area="products")
    async with app.run_test() as pilot:
        await start(app, pilot)
        from ordertui.model import CustomerHit

        app.current_customer = CustomerHit("10023", "Miami Valley Fastener Supply Inc.", "Springfield", "45502", "US", "", False)
        app.screen.query_one("#product-search", Input).value = "HB-38-100"
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        before = (calls(app, "BAPI_SALESORDER_SIMULATE"), calls(app, "BAPI_MATERIAL_AVAILABILITY"))
        app.screen.query_one("#quote-qty", Input).value = qty
        app.screen.query_one("#quote-qty", Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert (calls(app, "BAPI_SALESORDER_SIMULATE"), calls(app, "BAPI_MATERIAL_AVAILABILITY")) == before
        assert "Quantity:" in str(app.screen.query_one("#quote-msg", Static).render())
