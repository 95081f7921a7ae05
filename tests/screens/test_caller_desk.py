"""Issue 8, the screen side: what a new order taker at a phone desk ran into, over the sandbox.

Each test is the user's sequence that broke (keys as typed, in bursts where a typist's keys
arrive faster than the screen reacts) on the well-known records of the sandbox company
(ordertui/sap/sandbox/README.md).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from textual.widgets import DataTable, Input, Static

from ordertui import format as fmt
from ordertui.model import CustomerHit
from ordertui.screens.customer_detail import CustomerDetailScreen, open_customer
from ordertui.screens.customers import CustomersScreen
from ordertui.screens.help import HelpScreen
from ordertui.screens.products import ProductQuoteScreen, ProductsScreen
from ordertui.widgets.customer_panels import DataPart
from ordertui.widgets.fit_table import FitTable
from tests.conftest import burst, settle, waited

from .flows import calls, open_detail, open_quote, quote_for, search
from .host import make, start


def slow_sandbox(latency: float):
    """A sandbox gateway whose every call takes ``latency`` seconds (SAP on a slow line)."""
    from ordertui.sap.connect import sandbox_gateway
    from tests.conftest import TODAY

    return sandbox_gateway(today=TODAY, latency=latency)

CALLER = CustomerHit("10023", "Miami Valley Fastener Supply Inc.", "Springfield", "45502", "US", "", False)
SUNBELT = CustomerHit("10090", "Sunbelt Industrial Distributors", "Atlanta", "30303", "US", "", False)


async def keyed(pilot, keys: list[str], *, fast: bool) -> None:
    """``keys`` in a ``burst`` (``fast``), or one at a time, each handled before the next."""
    if fast:
        await burst(pilot, *keys)
    else:
        await pilot.press(*keys)
        await settle(pilot)


def typed(text: str) -> list[str]:
    return [{" ": "space", "-": "minus", "+": "plus"}.get(ch, ch) for ch in text]


def text_of(widget) -> str:
    return str(widget.render())


def part_text(screen, part: str) -> str:
    widget = screen.query_one(f"#part-{part}", DataPart)
    out = []
    for child in widget.query(".part-error, .part-body"):
        if isinstance(child, DataTable):
            out += [" | ".join(str(c) for c in child.get_row_at(i)) for i in range(child.row_count)]
        else:
            out.append(text_of(child))
    return "\n".join(out)


# --------------------------------------------------------------------------- wrong results


async def test_discontinued_material_has_one_answer(app_factory):
    """Item 4: 100200 is discontinued; the price says SAP confirms nothing (V1 028), so
    availability must not promise it 'in full'."""
    app = make(app_factory, area="products", customer=CALLER)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        quote = await quote_for(app, pilot, "100200", "40")
        assert "V1 028" in part_text(quote, "price")
        atp = part_text(quote, "atp")
        assert "in full" not in atp and "partial" not in atp, atp
        assert "not orderable" in atp and "discontinued" in atp, atp


# --------------------------------------------------------------------------- dead keys, lost input


@pytest.mark.parametrize("fast", [False, True], ids=["typed", "burst"])
async def test_typing_on_a_customer_detail_searches_the_next_caller(app_factory, fast):
    """Item 6: the next call comes in while a customer is on screen; its number is typed at once."""
    app = make(app_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await open_detail(app, pilot, "10023")
        keys = [*typed("10090"), "enter"]
        await keyed(pilot, keys, fast=fast)
        assert isinstance(app.screen, CustomerDetailScreen)
        assert app.screen.hit.number == "10090"
        assert app.current_customer.number == "10090"


@pytest.mark.parametrize("fast", [False, True], ids=["typed", "burst"])
async def test_typing_on_the_results_list_goes_on_in_the_search(app_factory, fast):
    """Typing while the list has the focus goes on with the search text, and Enter searches it:
    every key of a burst lands in the field, though the first one moved the focus there while
    the others were already on their way to the list (they were lost: "dayton" then " inc" typed
    fast gave "dayton " and a search for it)."""
    app = make(app_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        table = await search(app, pilot, "dayton")
        screen = app.screen
        assert isinstance(screen, CustomersScreen) and table.row_count > 1
        table.focus()
        await settle(pilot)
        keys = [*typed(" inc"), "enter"]
        await keyed(pilot, keys, fast=fast)
        field = screen.query_one("#customer-search", Input)
        assert app.screen is screen  # Enter searched; it did not open the row under the cursor
        assert field.value == "dayton inc"
        assert screen._shown_query == "dayton inc"
        table.focus()
        await settle(pilot)
        field.focus()  # given the focus again, the field selects its text as ever
        await settle(pilot)
        assert field.selection.start == 0 and field.selection.end == len("dayton inc")


@pytest.mark.parametrize("fast", [False, True], ids=["typed", "burst"])
async def test_editing_keys_in_the_search_keep_their_place_among_the_characters(app_factory, fast):
    """Ctrl+U, Backspace and the arrows act where they were typed, not after the characters typed
    after them: "Ctrl+U 10090" in one burst left the field empty (Textual ran the Ctrl+U only once
    it had bubbled up to the app, after the digits were in; Textual issue 6605)."""
    app = make(app_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await search(app, pilot, "dayton")
        field = app.screen.query_one("#customer-search", Input)
        field.focus()
        await settle(pilot)
        field.selection = type(field.selection).cursor(len(field.value))  # cursor at the end, nothing selected
        await keyed(pilot, ["ctrl+u", *typed("10x90"), "left", "left", "backspace", "0"], fast=fast)
        assert field.value == "10090"


async def test_keys_of_the_detail_still_act(app_factory):
    """Typing goes to the search, but the detail's own keys (r, p) keep their meaning."""
    app = make(app_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await open_detail(app, pilot, "10023")
        before = calls(app, "BAPI_CUSTOMER_GETDETAIL2")
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, CustomerDetailScreen)
        assert calls(app, "BAPI_CUSTOMER_GETDETAIL2") == before + 1


async def test_p_opens_the_product_search_for_the_current_customer(app_factory):
    """Item 7: a quote was open for the previous caller; p on the new caller opens the search,
    and what is typed next is a search, not a quantity."""
    app = make(app_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await open_detail(app, pilot, "10023")
        await pilot.press("p")
        await settle(pilot)
        await open_quote(app, pilot, "HB-38-100")
        await pilot.press("f2")
        await settle(pilot)
        await open_detail(app, pilot, "10090")
        await pilot.press("p")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProductsScreen), screen
        assert "10090" in text_of(screen.query_one("#product-customer", Static))
        await burst(pilot, *typed("40HB-38-100"))
        assert isinstance(app.screen, ProductsScreen)
        assert screen.query_one("#product-search", Input).value == "40HB-38-100"


@pytest.mark.parametrize("where", ["search", "quote"])
async def test_the_find_the_caller_hint_names_a_key_that_works_there(app_factory, where):
    """Item 8: 'press c (or F2)' was shown where c types a letter. Whatever key the hint names
    must open Customers from where the hint is shown, with the cursor in the field."""
    app = make(app_factory, area="products")
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        if where == "quote":
            await open_quote(app, pilot, "HB-38-100")
            hint = text_of(app.screen.query_one("#quote-header", Static))
            assert isinstance(app.focused, Input)
        else:
            hint = text_of(app.screen.query_one("#product-customer", Static))
            assert isinstance(app.focused, Input)
        key = re.search(r"press (\S+) to find the caller", hint)
        assert key, hint
        await pilot.press(key.group(1).lower())
        await settle(pilot)
        assert app.current_mode == "customers"


async def test_a_bad_quantity_then_a_new_caller_leaves_nothing_spinning(app_factory):
    """Item 9: an invalid quantity stays in Qty while the caller changes: no part may spin for ever."""
    app = make(app_factory, area="products", customer=CALLER)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        quote = await quote_for(app, pilot, "HB-38-100", "x")
        await pilot.press("f2")
        await settle(pilot)
        open_customer(app, SUNBELT)
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert app.screen is quote
        states = {p.id: p.state for p in quote.query(DataPart)}
        assert "loading" not in states.values(), states
        assert "Not quoted" in part_text(quote, "price")
        assert "fetching" not in text_of(quote.query_one("#quote-header", Static))


async def test_enter_while_searching_acts_on_the_answer(app_factory):
    """Item 10: Enter pressed while 'Searching…' (SAP slow) opens the one hit once it comes, and
    does not search a second time."""
    app = make(app_factory, slow_sandbox(1.0))
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await pilot.press(*typed("10023"))
        # the pause after typing ends (a timer: late on a busy machine), and the search is on its way
        assert await waited(pilot, lambda: "Searching" in text_of(app.screen.query_one("#customer-search-msg", Static)))
        finds = calls(app, "BAPI_CUSTOMER_FIND") + calls(app, "BAPI_CUSTOMER_GETLIST")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CustomerDetailScreen)
        assert calls(app, "BAPI_CUSTOMER_FIND") + calls(app, "BAPI_CUSTOMER_GETLIST") <= finds + 1


@pytest.mark.parametrize("pause", [0.0, 0.4], ids=["before-the-pause", "after-the-pause"])
async def test_a_number_with_one_hit_opens_on_enter_whatever_the_timing(app_factory, pause):
    """Item 10a: Enter after an account number opens it, whether or not the search that starts
    after the typing pause had finished."""
    app = make(app_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await pilot.press(*typed("10023"))
        if pause:
            await pilot.pause(pause)
            await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CustomerDetailScreen)
        assert app.screen.hit.number == "10023"


async def test_a_date_typed_right_after_tab_keeps_its_first_digit(app_factory):
    """Item 10: '12⇥2026-12-04⏎' typed in one go: 12 in Qty, the whole date in Date."""
    app = make(app_factory, area="products", customer=CALLER)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        quote = await open_quote(app, pilot, "100100")
        await burst(pilot, *typed("12"), "tab", *typed("2026-12-04"), "enter")
        assert quote.query_one("#quote-qty", Input).value == "12"
        assert quote.query_one("#quote-date", Input).value == "2026-12-04"
        assert "Fri 2026-12-04" in part_text(quote, "price")


async def test_keys_typed_while_the_sandbox_opens_act_once_it_is_open(app_factory):
    """Item 10a: the first call comes in while ordertui starts; the number typed on the first
    screen is searched (and Enter acts) as soon as SAP answers."""
    app = app_factory(gateway=slow_sandbox(0.5))  # the session takes two calls to open
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.session is None
        await pilot.press(*typed("10023"), "enter")
        for _ in range(200):
            if isinstance(app.screen, CustomerDetailScreen):
                break
            await pilot.pause(0.05)
        await settle(pilot)
        assert isinstance(app.screen, CustomerDetailScreen)
        assert app.screen.hit.number == "10023"


async def test_f2_before_the_session_is_ready_opens_customers_once_it_is(app_factory):
    """Item 10a: F2 the moment the first screen shows is not lost."""
    app = app_factory(gateway=slow_sandbox(0.5))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.session is None
        await pilot.press("f2")
        for _ in range(200):
            if app.session is not None and app.current_mode == "customers":
                break
            await pilot.pause(0.05)
        assert app.current_mode == "customers"


@pytest.mark.parametrize("overlay", ["f1", "ctrl+p"])
async def test_closing_an_overlay_does_not_quote_again(app_factory, overlay):
    """Item 11: help or the palette opened and closed over the quote asks SAP nothing; going to
    another area and back does (live data)."""
    app = make(app_factory, area="products", customer=CALLER)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await quote_for(app, pilot, "HB-38-100", "40")
        before = len(app.call_log)
        await pilot.press(overlay)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ProductQuoteScreen)
        assert len(app.call_log) == before, [e.function for e in list(app.call_log)[before:]]
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert calls(app, "BAPI_SALESORDER_SIMULATE") > 0 and len(app.call_log) > before


async def test_closing_help_over_the_detail_does_not_fetch_again(app_factory):
    app = make(app_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await open_detail(app, pilot, "10023")
        before = len(app.call_log)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert len(app.call_log) == before


# --------------------------------------------------------------------------- cut text, wasted space


def no_table_runs_past_its_edge(screen) -> None:
    for table in screen.query(FitTable):
        if table.display and table.size.width:
            assert table.virtual_size.width <= table.size.width, (table.id, table.virtual_size, table.size)


def rendered_rows(table: FitTable) -> list[str]:
    return [table.render_line(y).text for y in range(min(table.size.height, table.virtual_size.height))]


async def test_names_are_whole_where_there_is_room(app_factory):
    """Item 13: at 120 columns no name is cut while there is room to its right."""
    app = make(app_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        table = await search(app, pilot, "capitol")
        await settle(pilot)
        no_table_runs_past_its_edge(app.screen)
        lines = rendered_rows(table)
        for key in list(table.rows)[:20]:
            name = table.cells_of(str(key.value))[2].plain
            assert any(name in line for line in lines), name


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
async def test_detail_and_quote_tables_fit_their_panels(app_factory, size):
    """Item 13: partners, last orders, open invoices, price and availability never run past the
    panel's edge; what must be cut ends in '…'."""
    app = make(app_factory)
    async with app.run_test(size=size) as pilot:
        await start(app, pilot)
        detail = await open_detail(app, pilot, "10023")
        no_table_runs_past_its_edge(detail)
        for table in detail.query(FitTable):
            for line in rendered_rows(table):
                assert "…" in line or len(line.rstrip()) <= table.size.width
        await pilot.press("p")
        await settle(pilot)
        quote = await quote_for(app, pilot, "100100", "12")
        no_table_runs_past_its_edge(quote)
        atp = quote.query_one("#part-atp", DataPart).query_one(FitTable)
        text = "\n".join(rendered_rows(atp))
        assert "4 CAR" in text and "2026-12-0" in text, text  # the second delivery, whole


async def test_at_80_columns_the_customer_list_keeps_number_name_city_phone(app_factory):
    """Item 14: at 80x24 the list chooses its columns instead of cutting the last ones."""
    app = make(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        table = await search(app, pilot, "harbor")  # 10070 is blocked
        await settle(pilot)
        assert table.shown_columns == ("number", "name", "city", "phone")
        no_table_runs_past_its_edge(app.screen)
        assert any("BLOCKED" in line and "Harbor Point" in line for line in rendered_rows(table))


# --------------------------------------------------------------------------- odd figures


def test_fractions_of_a_case_are_said_in_whole_cases_and_pieces():
    assert fmt.quantity_whole(Decimal("366.667"), "CAR", "PC", Decimal(12)) == "366 CAR + 8 PC"
    assert fmt.quantity_whole(Decimal("8"), "CAR", "PC", Decimal(12)) == "8 CAR"
    assert fmt.quantity_whole(Decimal("0.5"), "CAR", "PC", Decimal(12)) == "6 PC"
    assert fmt.quantity_whole(Decimal("2.5"), "KG", "G", None) == "2.5 KG"


async def test_stock_in_cases_and_prices_per_unit_read_as_figures(app_factory):
    """Item 15: 100137 has stock that is no whole number of cases; a scale price says per what."""
    app = make(app_factory, area="products", customer=CALLER)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        quote = await quote_for(app, pilot, "100137", "1")
        atp = part_text(quote, "atp")
        assert not re.search(r"\d\.\d+ CAR", atp), atp
        assert re.search(r"\d+ CAR \+ \d+ PC", atp), atp
        scales = part_text(quote, "scales")
        assert re.search(r"USD [\d.,]+ / (PC|CAR|\d)", scales), scales


async def test_help_is_titled_in_words(app_factory):
    """Item 15: 'Keys — CustomerDetail' was a class name."""
    app = make(app_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await open_detail(app, pilot, "10023")
        await pilot.press("f1")
        await settle(pilot)
        assert text_of(app.screen.query_one("#help-title", Static)) == "Keys — Customer detail"


def test_every_screen_has_a_help_title():
    """Every screen a user can stand on (not the bases others build on) names itself in words."""
    import importlib
    import pkgutil

    import ordertui.screens
    from ordertui.screens.base import SapScreen

    screens: set[type] = set()
    for info in pkgutil.iter_modules(ordertui.screens.__path__):
        module = importlib.import_module(f"ordertui.screens.{info.name}")
        screens |= {v for v in vars(module).values() if isinstance(v, type) and issubclass(v, SapScreen)}
    leaves = [s for s in screens if not any(o is not s and issubclass(o, s) for o in screens)]
    assert leaves
    assert sorted(s.__qualname__ for s in leaves if not s.HELP_TITLE) == []


# --------------------------------------------------------------------------- what a phone desk expects


async def test_the_unit_can_be_chosen_and_sap_converts(app_factory):
    """Item 16: '40' of 100100 was always 40 cases; '40 PC' quotes forty pieces."""
    app = make(app_factory, area="products", customer=CALLER)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        quote = await quote_for(app, pilot, "100100", "40 pc")
        assert quote.unit() == "PC"
        price = part_text(quote, "price")
        assert "Net value, 40 PC" in price, price
        assert "PC" in part_text(quote, "atp")
        quote.query_one("#quote-qty", Input).value = "4"
        quote.query_one("#quote-unit").value = "CAR"
        await settle(pilot)
        assert "Net value, 4 CAR" in part_text(quote, "price")


async def test_fetched_is_said_only_when_the_data_is_there_and_a_running_call_is_shown(app_factory):
    """Item 19: with a slow SAP the header said 'fetched' beside spinners, and the status bar only
    the last call's duration."""
    from ordertui.widgets.status_bar import StatusBar

    app = make(app_factory, slow_sandbox(1.0))
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await search(app, pilot, "10023")
        detail = app.screen
        if not isinstance(detail, CustomerDetailScreen):
            await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, CustomerDetailScreen)
        await pilot.press("r")  # fetched afresh, as when it opens

        # each part's call takes a second: they are all still on their way, and past the
        # spinner's delay (a timer: late on a busy machine, never early) every part shows its spinner
        def all_spinning() -> bool:
            header = text_of(detail.query_one("#customer-header", Static))
            return all(p.state == "loading" and p.spinning for p in detail.query(DataPart)) and "fetching" in header

        assert await waited(pilot, all_spinning)
        header = text_of(detail.query_one("#customer-header", Static))
        assert "fetching" in header and "fetched" not in header, header
        assert "SAP working" in str(detail.query_one(StatusBar).render_status())
        assert detail.query_one(StatusBar)._ticker is not None  # the seconds count up
        await settle(pilot)
        assert "fetched" in text_of(detail.query_one("#customer-header", Static))
        assert "SAP working" not in str(detail.query_one(StatusBar).render_status())
        assert detail.query_one(StatusBar)._ticker is None


# --------------------------------------------------------------------------- the SAP side's answers, shown


@pytest.mark.parametrize("number", ["10050", "10060"])  # over its limit; credit account blocked
async def test_detail_and_quote_say_the_same_exposure(app_factory, number):
    """Item 1 (screen side): the exposure the detail shows is the one the quote's credit check names."""
    app = make(app_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        detail = await open_detail(app, pilot, number)
        credit = part_text(detail, "credit")
        exposure = re.search(r"Exposure\s+(USD [\d,.]+)", credit).group(1)
        await pilot.press("p")
        await settle(pilot)
        quote = await quote_for(app, pilot, "HB-38-100", "40")
        price = part_text(quote, "price")
        assert f"exposure {exposure}" in price, (exposure, price)


async def test_a_ship_to_account_is_marked_and_offers_its_sold_to(app_factory):
    """Item 5: 60018 is a ship-to of 10023: marked in the list, never made the caller, its detail
    names the sold-to, and Enter on it takes that as the caller."""
    app = make(app_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        search_screen = app.screen
        table = await search(app, pilot, "60018")
        assert "ship-to" in str(table.get_row_at(0)[1])
        detail = app.screen
        assert isinstance(detail, CustomerDetailScreen) and detail.hit.number == "60018"
        assert app.current_customer is None
        assert "SHIP-TO ONLY" in text_of(detail.query_one("#customer-header", Static))
        ships_for = part_text(detail, "credit")
        assert "10023" in ships_for and "Not found" not in ships_for, ships_for
        await pilot.press("p")  # no prices for a ship-to
        await settle(pilot)
        assert app.screen is detail
        sold_tos = detail.query_one("SoldTosTable")
        sold_tos.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_customer.number == "10023"
        assert isinstance(app.screen, CustomerDetailScreen) and app.screen.hit.number == "10023"
        assert search_screen in app.screen_stack


async def test_an_order_of_the_last_orders_opens(app_factory):
    """Item 12: Last orders rows open the order; F1 names the key."""
    from ordertui.screens.customer_tables import LastOrdersTable
    from ordertui.screens.order_detail import OrderDetailScreen

    app = make(app_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        detail = await open_detail(app, pilot, "10023")
        orders = detail.query_one(LastOrdersTable)
        orders.focus()
        await pilot.press("down")
        number = str(orders.coordinate_to_cell_key(orders.cursor_coordinate).row_key.value)
        await pilot.press("f1")
        await settle(pilot)
        assert any(label == "Open order" for _key, label in app.screen.rows())
        await pilot.press("escape")
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "orders"
        assert isinstance(app.screen, OrderDetailScreen)
        assert app.screen.number == number


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_tab_on_the_detail_goes_to_the_last_orders_and_enter_opens_one(app_factory, size):
    """"Last orders  (Tab, Enter opens one)": the first Tab went to the partners' table, which has
    nothing to pick (Enter did nothing there). Tables without a cursor are Tab stops only when
    they hold rows they cannot show at once."""
    from ordertui.screens.customer_tables import LastOrdersTable
    from ordertui.screens.order_detail import OrderDetailScreen

    app = make(app_factory)
    async with app.run_test(size=size) as pilot:
        await start(app, pilot)
        detail = await open_detail(app, pilot, "10023")
        await pilot.press("tab")
        await settle(pilot)
        orders = detail.query_one(LastOrdersTable)
        assert app.focused is orders
        number = str(orders.coordinate_to_cell_key(orders.cursor_coordinate).row_key.value)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OrderDetailScreen) and app.screen.number == number


async def test_a_table_without_a_cursor_is_a_tab_stop_only_with_rows_out_of_view():
    from textual.app import App

    from ordertui.widgets.fit_table import Column, ReadOnlyTable
    from ordertui.widgets.themed import ThemedTable

    class Host(App[None]):
        CSS = "ReadOnlyTable, ThemedTable { height: auto; max-height: 6; }"

        def compose(self):
            yield ReadOnlyTable((Column("A", "a"),), id="few")
            yield ReadOnlyTable((Column("A", "a"),), id="many")
            yield ThemedTable(id="wide", cursor_type="none")
            yield ThemedTable(id="picks", cursor_type="row")

    app = Host()
    async with app.run_test(size=(40, 30)) as pilot:
        app.query_one("#few", ReadOnlyTable).add_rows([(str(i),) for i in range(3)])
        app.query_one("#many", ReadOnlyTable).add_rows([(str(i),) for i in range(30)])
        wide = app.query_one("#wide", ThemedTable)
        wide.add_columns(*(f"column {i}" for i in range(12)))  # wider than the terminal
        wide.add_row(*(str(i) for i in range(12)))
        app.query_one("#picks", ThemedTable).add_columns("A")
        await pilot.pause()
        await pilot.pause()
        # out of view below, out of view to the right, and a table with a cursor, which is a Tab
        # stop whatever it holds
        assert [w.id for w in app.screen.focus_chain] == ["many", "wide", "picks"]
        await pilot.press("tab")
        assert app.focused.id == "many"
        await pilot.press("down")
        await pilot.pause()
        assert app.focused.scroll_y > 0  # the arrow keys show the rows below


async def test_a_phone_number_without_area_code_says_what_it_searched_and_who_matched(app_factory):
    """Item 17 (screen side): '555-0142' is searched without area code and says so; the row shows
    the contact whose number matched, with that number."""
    app = make(app_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await pilot.press(*typed("555-0142"))
        await settle(pilot)
        screen = app.screen
        msg = text_of(screen.query_one("#customer-search-msg", Static))
        assert "no area code" in msg, msg
        table = screen.query_one("#customer-results", FitTable)
        row = " | ".join(str(c) for c in table.get_row_at(0))
        assert "Maria Alvarez, Purchasing" in row and "(937) 555-0142" in row, row


async def test_umlauts_and_accents_are_found_and_said(app_factory):
    """Item 18 (screen side): 'Muller' finds 'Müller' and the field says how it matched."""
    app = make(app_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await pilot.press(*typed("Muller"))
        await settle(pilot)
        screen = app.screen
        assert "accents" in text_of(screen.query_one("#customer-search-msg", Static))
        table = screen.query_one("#customer-results", FitTable)
        assert any("Müller" in str(table.get_row_at(i)[2]) for i in range(table.row_count))


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
async def test_tables_measure_their_rows_as_textual_would(app_factory, size):
    """FitTable takes its column widths from the cells it was given instead of Textual measuring
    each cell again (issue 12): the widths and the scroll size are what Textual's own measuring
    gives, on each table as it is first filled: the search list (cut and folded columns), the
    detail's tables and the quote's (availability wraps: Textual's way). Refilled, a column
    keeps its widest as Textual's does (``DataTable.clear`` keeps the widths)."""
    from textual.widgets import DataTable

    def check(tables) -> int:
        for table in tables:
            ours = (tuple(c.content_width for c in table.ordered_columns), table.virtual_size)
            for column in table.ordered_columns:
                column.content_width = column.label.cell_len  # as Textual's add_column starts it
            DataTable._update_dimensions(table, list(table.rows))
            assert ours == (tuple(c.content_width for c in table.ordered_columns), table.virtual_size), table.id
        return len(tables)

    app = make(app_factory)
    async with app.run_test(size=size) as pilot:
        await start(app, pilot)
        assert (await search(app, pilot, "fastener")).row_count > 100
        checked = check([app.screen.query_one("#customer-results", FitTable)])
        app.screen.query_one("#customer-search", Input).value = ""
        await settle(pilot)
        checked += check((await open_detail(app, pilot, "10023")).query(FitTable))
        await pilot.press("p")
        await settle(pilot)
        checked += check((await open_quote(app, pilot, "100100")).query(FitTable))
        assert checked >= 5


async def test_the_detail_body_takes_the_focus_without_restyling_the_parts_and_styles_come_out_the_same(app_factory, monkeypatch):
    """Issue 12: the detail's body restyles itself alone when it takes the focus (Textual would
    restyle the 26 widgets under it); what every widget under it looks like is what Textual's
    full restyle gives, focused and not."""
    from ordertui.widgets.customer_panels import PartsBody

    app = make(app_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        restyled: list[int] = []
        original = app.stylesheet.update_nodes

        def update_nodes(nodes, animate=False):
            nodes = list(nodes)
            restyled.append(len(nodes))
            return original(nodes, animate=animate)

        detail = await open_detail(app, pilot, "10023")
        body = detail.query_one(PartsBody)
        assert app.focused is body

        def looks() -> list:
            return [(w.id, type(w).__name__, w.styles.css, str(w.rich_style)) for w in body.walk_children(with_self=True)]

        for focused in (True, False):
            if not focused:
                monkeypatch.setattr(app.stylesheet, "update_nodes", update_nodes)
                detail.set_focus(None)
                await pilot.pause()
                assert restyled and max(restyled) == 1  # the body alone
            ours = looks()
            app.update_styles(body)  # Textual's way: the body and all under it
            await pilot.pause()
            assert looks() == ours


async def test_the_footer_shows_its_keys_from_the_first_frame_and_composes_again_only_when_they_change(app_factory, monkeypatch):
    """Issue 12: Textual's footer mounted empty, composed its keys after the first frame and again
    at every focus change, one widget per key; ordertui's composes as it mounts, draws the keys
    in one widget, and shows other keys without composing again. (Its screen may have been made
    ahead, before it was shown: it composes once all the same.)"""
    from textual.screen import Screen
    from textual.widgets import Footer

    from ordertui.widgets.status_bar import FooterKeys, ShellFooter

    composed: list[Screen] = []  # the screens whose footer composed
    original = ShellFooter.compose

    def compose(self):
        composed.append(self.screen)
        return original(self)

    monkeypatch.setattr(ShellFooter, "compose", compose)

    keys_per_frame: list[int] = []  # footer keys in each frame the detail renders
    rendered = Screen._compositor_refresh

    def refresh(screen):
        rendered(screen)
        if isinstance(screen, CustomerDetailScreen) and screen is screen.app.screen:
            keys_per_frame.append(sum(len(line.keys) for line in screen.query(FooterKeys)))

    monkeypatch.setattr(Screen, "_compositor_refresh", refresh)
    app = make(app_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        table = await search(app, pilot, "fastener")  # the list takes the focus: its keys differ
        assert app.focused is table
        table.focus()
        await pilot.pause()
        await pilot.press("enter")  # the detail: composed once, with its keys; its body's focus adds none
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, CustomerDetailScreen)
        assert composed.count(detail) == 1
        since = len(composed)
        assert keys_per_frame and keys_per_frame[0] >= 5  # the keys are in the detail's first frame
        line = app.screen.query_one(Footer).query_one(FooterKeys)
        assert {"escape", "p", "o", "r"} <= {k.key for k in line.keys}
        # drawn as Textual draws them: " key description " each, one after the other
        assert str(line.render()).startswith(" esc Back  p Products  o Order  r Refresh ")
        assert line._width(line.keys) == line.render().cell_len  # (laid out again only when it changes)

        def shown_now() -> set:
            return {b.action for (_n, b, _e, _t) in app.screen.active_bindings.values() if b.show}

        for _ in range(3):  # through the parts' lists: the footer always shows the keys that apply
            await pilot.press("tab")
            await settle(pilot)
            assert {k.action for k in app.screen.query_one(FooterKeys).keys} == shown_now(), app.focused
        await pilot.press("escape")  # back to the list, whose keys differ from the detail's
        await settle(pilot)
        assert {k.action for k in app.screen.query_one(FooterKeys).keys} == shown_now()
        # other keys shown, nothing composed again (but the next detail, made ahead)
        assert all(isinstance(s, CustomerDetailScreen) and s is not detail for s in composed[since:])


async def test_a_click_on_a_footer_key_presses_it(app_factory):
    from ordertui.widgets.status_bar import FooterKeys

    app = make(app_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        detail = await open_detail(app, pilot, "10023")
        line = detail.query_one(FooterKeys)
        products = next(i for i, k in enumerate(line.keys) if k.key == "p")
        start_x, end_x = line._spans[products]
        assert line.key_at(start_x - 1) is not line.keys[products]
        await pilot.click(FooterKeys, offset=(end_x - 2, 0))
        await settle(pilot)
        assert isinstance(app.screen, ProductsScreen)


@pytest.mark.parametrize("wrap", [False, True], ids=["cut", "wrapped"])
async def test_a_column_widened_after_a_frame_shows_its_cells_whole(wrap):
    """A snapshot of the quote (12 CAR of 100100) now and then showed "USD 856.…" in a column
    with room, or the availability's header at its old spacing: a frame drawn between a wider
    row's arrival and the table's measure of it kept what it drew at the old width. Here that
    frame is forced, for a table of one-line rows and one whose rows wrap (Textual measures those)."""
    from textual.app import App

    from ordertui.widgets.fit_table import Column

    class One(App[None]):
        def compose(self):
            yield FitTable((Column("Condition", "c", flex=True, wrap=wrap), Column("Amount", "a", justify="right")))

    app = One()
    async with app.run_test(size=(60, 10)) as pilot:
        table = app.query_one(FitTable)
        table.add_row("Freight", "USD 5.18")
        await pilot.pause()
        table.clear()
        table.add_row("Customer price", "USD 856.80")
        drawn = [table.render_line(y).text for y in (0, 1)]  # a frame before the idle measure
        await pilot.pause()
        header, row = (table.render_line(y).text for y in (0, 1))
        assert "USD 856.80" in row, (drawn, row)
        table._clear_caches()  # drawn afresh: what the table shows must not differ
        assert [table.render_line(y).text for y in (0, 1)] == [header, row], drawn
