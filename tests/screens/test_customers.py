"""Pilot tests of the customer screens with a scripted gateway (timing and failures on demand)."""

from __future__ import annotations

import asyncio
import threading

import pytest
from textual.widgets import DataTable, Input, Static

from ordertui.screens.customer_detail import CustomerDetailScreen
from ordertui.screens.customers import CustomersScreen
from ordertui.screens.search import check_query
from ordertui.sap.errors import SapUnreachable
from ordertui.widgets.customer_panels import DataPart

from tests.conftest import palette_offers, settle, waited
from tests.fakes.gateway import FakeGateway

from .host import errors_shown, make, start


def msg_text(app) -> str:
    return str(app.screen.query_one("#customer-search-msg", Static).render())


@pytest.mark.parametrize(
    "typed, problem",
    [
        ("", ""),
        ("a", "at least 2"),
        ("*", "as typed"),
        ("%%", "as typed"),
        ("x" * 201, "Too long"),
        ("\x00\x07", ""),
    ],
)
def test_check_query_stops_what_sap_would_reject(typed, problem):
    query, said = check_query(typed)
    assert query == ""
    assert problem in said


def test_check_query_passes_real_queries_and_drops_control_chars():
    assert check_query("  10023 ") == ("10023", "")
    assert check_query("buck\x07eye") == ("buckeye", "Control characters were ignored")
    assert check_query("50%")[0] == "50%"


async def test_search_as_you_type_then_detail_and_back(app_factory):
    gw = FakeGateway()
    app = make(app_factory, gw)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        assert isinstance(app.screen, CustomersScreen)
        assert app.focused.id == "customer-search"
        await pilot.press(*"buck")
        await settle(app, pilot)
        # debounced: only the complete word reached SAP
        assert [c[0] for c in gw.called("find_customers")] == ["buck"]
        table = app.screen.query_one("#customer-results", DataTable)
        assert table.row_count == 1
        await pilot.press("down")
        assert app.focused is table
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerDetailScreen)
        assert app.current_customer.number == "10023"
        assert app.session.recent_customers[0].number == "10023"
        for part in ("general", "sales", "partners", "credit", "orders", "items"):
            assert app.screen.query_one(f"#part-{part}", DataPart).state == "ready", part
        header = str(app.screen.query_one("#customer-header", Static).render())
        assert "10023" in header and "fetched 09:30:00" in header and "may order" in header
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CustomersScreen)
        assert app.screen.query_one("#customer-search", Input).value == "buck"
        assert app.screen.query_one("#customer-results", DataTable).row_count == 1
        assert errors_shown(app) == []


async def _open_detail(app, pilot, number="10023"):
    await start(app, pilot)
    app.screen.query_one("#customer-search", Input).value = number
    await pilot.press("enter")
    await settle(app, pilot)
    await pilot.press("enter", "enter")
    await settle(app, pilot)
    assert isinstance(app.screen, CustomerDetailScreen)


async def test_partners_in_reading_order_default_ship_to_marked_no_empty_rows(app_factory):
    app = make(app_factory, FakeGateway())
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_detail(app, pilot)
        table = app.screen.query_one("#part-partners", DataPart).query_one(DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert [r[0] for r in rows] == ["Sold-to", "Ship-to ✓", "Ship-to", "Bill-to", "Payer", "Contact"]
        assert rows[1][1] == "10031" and rows[2][1] == "10032"
        assert rows[-1][1:] == ["7", "", "Rosa Coleman"]
        assert "✓ default ship-to" in str(app.screen.query_one("#part-partners", DataPart).border_title)


async def test_result_phones_read_in_one_national_format(app_factory):
    gw = FakeGateway()
    app = make(app_factory, gw)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        search = app.screen
        search.query_one("#customer-search", Input).value = "buck"  # "+1 937 555 0142" as typed
        await pilot.press("enter")
        await settle(app, pilot)
        table = search.query_one("#customer-results", DataTable)
        assert str(table.get_cell("10023", "phone")) == "(937) 555-0142"


async def test_contact_reads_name_function_and_department(app_factory):
    app = make(app_factory, FakeGateway())
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_detail(app, pilot)
        general = str(app.screen.query_one("#part-general .part-body", Static).render())
        assert "Maria Lopez, Buyer (Purchasing)" in general


async def test_enter_in_search_skips_the_debounce_and_acts_on_the_answer(app_factory):
    """Enter searches at once and acts on the answer when it comes: several hits -> the list,
    one hit -> it opens (issue 8 item 10a: the same whether the typing pause had run out or not)."""
    gw = FakeGateway()
    app = make(app_factory, gw)
    async with app.run_test() as pilot:
        await start(app, pilot)
        search = app.screen
        search.query_one("#customer-search", Input).value = "1002"  # 10023, 10024, 10025
        await pilot.press("enter")
        await settle(app, pilot)
        assert search.query_one("#customer-results", DataTable).row_count == 3
        assert isinstance(app.focused, DataTable)
        search.query_one("#customer-search", Input).value = "10023"
        search.query_one("#customer-search", Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerDetailScreen) and app.screen.hit.number == "10023"
        assert len(gw.called("find_customers")) == 2


async def test_newest_query_wins_over_a_slow_older_answer(app_factory):
    gw = FakeGateway()
    gate = threading.Event()
    gw.gates["find_customers"] = gate
    app = make(app_factory, gw)
    async with app.run_test() as pilot:
        await start(app, pilot)
        search = app.screen
        inp = search.query_one("#customer-search", Input)
        inp.value = "akron"
        await pilot.press("enter")  # slow call for "akron" is now in flight
        await pilot.pause(0.05)
        gw.gates.pop("find_customers")
        inp.value = "dayton"
        await pilot.press("enter")
        await pilot.pause(0.1)
        gate.set()  # the old answer arrives last
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = search.query_one("#customer-results", DataTable)
        assert list(table.rows) and [k.value for k in table.rows] == ["10023"]
        assert app.screen.hit.number == "10023"  # Enter opened the one hit of the newest query


@pytest.mark.parametrize(
    "typed, expected",
    [("a", "at least 2"), ("*", "as typed"), ("%", "as typed"), ("y" * 250, "Too long")],
)
async def test_bad_searches_are_said_at_the_field_without_calling_sap(typed, expected, app_factory):
    gw = FakeGateway()
    app = make(app_factory, gw)
    async with app.run_test() as pilot:
        await start(app, pilot)
        app.screen.query_one("#customer-search", Input).value = typed
        await pilot.press("enter")
        await settle(app, pilot)
        assert expected in msg_text(app)
        assert gw.called("find_customers") == []


async def test_sap_error_in_search_is_shown_and_app_survives(app_factory):
    gw = FakeGateway()
    gw.failures["find_customers"] = SapUnreachable("connection refused")
    app = make(app_factory, gw)
    async with app.run_test() as pilot:
        await start(app, pilot)
        app.screen.query_one("#customer-search", Input).value = "dayton"
        await pilot.press("enter")
        await settle(app, pilot)
        assert "SAP unreachable" in msg_text(app)
        assert errors_shown(app) == []


async def test_detail_parts_fail_alone_and_not_in_sales_area_is_said(app_factory):
    gw = FakeGateway()
    gw.failures["credit_status"] = SapUnreachable("network down")
    app = make(app_factory, gw)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        app.screen.query_one("#customer-search", Input).value = "toledo"
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        scr = app.screen
        assert scr.query_one("#part-credit", DataPart).state == "error"
        assert scr.query_one("#part-general", DataPart).state == "ready"
        sales = scr.query_one("#part-sales", DataPart)
        assert sales.state == "error"
        assert "not defined in sales area 1000/10/00" in str(sales.query_one(Static).render())


async def test_blocked_customer_is_marked_with_a_word(app_factory):
    gw = FakeGateway()
    app = make(app_factory, gw)
    async with app.run_test() as pilot:
        await start(app, pilot)
        search = app.screen
        search.query_one("#customer-search", Input).value = "akron"
        await pilot.press("enter")  # one hit: Enter opens it
        await settle(app, pilot)
        table = search.query_one("#customer-results", DataTable)
        # at 80 columns the block mark goes in front of the name; markup-looking names as typed
        assert str(table.get_row_at(0)[1]) == "BLOCKED Blocked [Bold] Tools Inc"
        header = str(app.screen.query_one("#customer-header", Static).render())
        assert "BLOCKED" in header and "CREDIT BLOCKED" in header and "may order" not in header


async def test_reentering_detail_refetches(app_factory):
    gw = FakeGateway()
    app = make(app_factory, gw)
    async with app.run_test() as pilot:
        await start(app, pilot)
        app.screen.query_one("#customer-search", Input).value = "dayton"
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        await pilot.press("escape")
        await pilot.press("enter")
        await settle(app, pilot)
        assert len(gw.called("customer")) == 2
        assert len(gw.called("credit_status")) == 2


async def detail_ahead(app, pilot) -> CustomerDetailScreen:
    """The empty customer detail made ahead for this app, once it is ready to be opened."""
    from ordertui.screens.customer_detail import _spares

    assert await waited(pilot, lambda: (spare := _spares.get(app)) is not None and spare.ready_for(app.size))
    return _spares[app]


@pytest.mark.parametrize("ahead", [False, True], ids=["made-when-opened", "made-ahead"])
async def test_the_detail_asks_sap_before_it_is_shown(app_factory, monkeypatch, ahead):
    """Issue 12: the detail's calls start before it is shown: when it is composed, or, made ahead
    while the desk waited for the caller, when it is opened (then nothing is composed between the
    key and its figures). Not once its widgets are mounted and it is shown (20-35 ms later at the
    sandbox's speed); opening it asks each part once, and its answers are painted all the same."""
    import ordertui.screens.customer_detail as detail_module

    if not ahead:
        monkeypatch.setattr(detail_module, "_make_spare", lambda app: None)  # none made ahead
    gw = FakeGateway()
    started: list[tuple[str, bool]] = []
    composed: list[CustomerDetailScreen] = []
    real_fetch, real_compose = CustomerDetailScreen.fetch, CustomerDetailScreen.compose

    def fetch(self, call, on_done, **kwargs):
        started.append((kwargs["group"], self._resumed))
        return real_fetch(self, call, on_done, **kwargs)

    def compose(self):
        composed.append(self)
        return real_compose(self)

    monkeypatch.setattr(CustomerDetailScreen, "fetch", fetch)
    monkeypatch.setattr(CustomerDetailScreen, "compose", compose)
    app = make(app_factory, gw)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        if ahead:
            spare = await detail_ahead(app, pilot)
            assert composed == [spare] and not started  # made, and nobody asked after
        composed.clear()
        app.screen.query_one("#customer-search", Input).value = "dayton"
        await pilot.press("enter")  # its one hit opens
        await settle(app, pilot)
        detail = app.screen
        assert isinstance(detail, CustomerDetailScreen)
        assert (detail is spare) if ahead else (composed[0] is detail)
        assert detail not in composed[1:]  # (the next one made ahead is another)
        groups = sorted(f"customer-{part}" for part in ("general", "sales", "credit", "orders", "items"))
        assert sorted(group for group, _ in started) == groups
        assert not any(shown for _, shown in started), started
        assert len(gw.called("customer")) == 1
        assert all(part.state == "ready" for part in detail.parts)
        assert "fetched" in str(detail.query_one("#customer-header", Static).render())
        started.clear()
        await pilot.press("r")  # a refresh of the shown screen asks again
        await settle(app, pilot)
        assert sorted(group for group, _ in started) == groups and all(shown for _, shown in started)
        assert len(gw.called("customer")) == 2 and all(part.state == "ready" for part in detail.parts)


async def test_a_detail_made_ahead_shows_what_one_made_when_opened_shows(app_factory, monkeypatch):
    """The same customer opened in a detail made ahead and in one made when opened: the same
    screen, line for line, from its first frame (header, parts, their tables, the footer's keys)."""
    import ordertui.screens.customer_detail as detail_module
    from textual.screen import Screen

    def drawn(screen) -> list:
        """Each line's text and styles as drawn (a key shown disabled differs in its style only)."""
        return [[(segment.text, str(segment.style)) for segment in strip] for strip in screen._compositor.render_strips()]

    first_frames: dict[int, list] = {}
    rendered = Screen._compositor_refresh

    def refresh(screen):
        rendered(screen)
        if isinstance(screen, CustomerDetailScreen) and screen is screen.app.screen:
            first_frames.setdefault(id(screen), drawn(screen))

    monkeypatch.setattr(Screen, "_compositor_refresh", refresh)
    shown: dict[bool, tuple[list, list]] = {}
    for ahead in (True, False):
        if not ahead:
            monkeypatch.setattr(detail_module, "_make_spare", lambda app: None)  # none made ahead
        app = make(app_factory, FakeGateway())
        async with app.run_test(size=(120, 36)) as pilot:
            await start(app, pilot)
            if ahead:
                await detail_ahead(app, pilot)
            else:
                await settle(app, pilot)
            app.screen.query_one("#customer-search", Input).value = "10023"
            await pilot.press("enter")
            await settle(app, pilot)
            detail = app.screen
            assert isinstance(detail, CustomerDetailScreen) and all(part.state == "ready" for part in detail.parts)
            assert (detail_module._spares.get(app) is not None) is ahead
            shown[ahead] = (first_frames[id(detail)], drawn(detail))
    text = "\n".join("".join(t for t, _ in line) for line in shown[True][0])
    assert "10023" in text and "esc Back" in text
    assert shown[True][0] == shown[False][0]  # the first frame
    assert shown[True][1] == shown[False][1]  # and once all is quiet


async def test_a_detail_made_ahead_mounts_nothing_on_the_way_to_its_first_frame(app_factory, monkeypatch):
    """Its parts hold the texts and tables a customer fills: opening it mounts no widget before
    its figures are drawn (mounting, styling and waiting for the Mount events was 5-8 ms)."""
    from textual.app import App
    from textual.screen import Screen

    registered: list[str] = []
    drawn: list[CustomerDetailScreen] = []
    register, rendered = App._register, Screen._compositor_refresh

    def spy(self, parent, *widgets, **kwargs):
        if not drawn:
            registered.extend(type(w).__name__ for w in widgets)
        return register(self, parent, *widgets, **kwargs)

    def refresh(screen):
        rendered(screen)
        if isinstance(screen, CustomerDetailScreen) and screen is screen.app.screen and all(p.state == "ready" for p in screen.parts):
            drawn.append(screen)

    monkeypatch.setattr(App, "_register", spy)
    monkeypatch.setattr(Screen, "_compositor_refresh", refresh)
    app = make(app_factory, FakeGateway())
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        spare = await detail_ahead(app, pilot)
        registered.clear()
        app.screen.query_one("#customer-search", Input).value = "10023"
        await pilot.press("enter")
        await settle(app, pilot)
        assert drawn and drawn[0] is spare
        assert registered == []
        shown = [type(w).__name__ for part in spare.parts for w in part.body if w.display]
        assert shown == ["Static", "Static", "Static", "ReadOnlyTable", "LastOrdersTable", "Static", "ReadOnlyTable"]
        assert all(t.row_count for t in spare.query("DataPart > DataTable"))


async def test_a_part_that_failed_first_shows_its_figures_after_a_refresh(app_factory):
    """A part's held widgets are hidden by its error; r then shows the figures in them."""
    gw = FakeGateway()
    gw.failures["open_items"] = SapUnreachable("SAP not reachable")
    app = make(app_factory, gw)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await detail_ahead(app, pilot)
        app.screen.query_one("#customer-search", Input).value = "10023"
        await pilot.press("enter")
        await settle(app, pilot)
        detail = app.screen
        items = next(p for p in detail.parts if p.id == "part-items")
        assert items.state == "error" and not items.body_shown
        del gw.failures["open_items"]
        await pilot.press("r")
        await settle(app, pilot)
        assert items.state == "ready" and items.body_shown
        summary, table = items.body
        assert isinstance(table, DataTable) and table.display and table.row_count
        assert isinstance(summary, Static) and summary.display and "open" in str(summary.render())


async def test_a_detail_made_ahead_holds_nobody_until_opened(app_factory):
    """Made ahead, a detail shows no one and asks SAP nothing; the one opened and left goes as a
    popped screen goes, and the next one made ahead holds nothing of that customer."""
    gw = FakeGateway()
    app = make(app_factory, gw)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        spare = await detail_ahead(app, pilot)

        def empty(detail: CustomerDetailScreen) -> None:
            assert detail._hit is None and detail.requests_running() == (0, None) and not detail.workers
            # its parts hold the widgets they will show, hidden and empty
            assert all(part.state == "empty" and not part.body_shown for part in detail.parts)
            for widget in detail.query("DataPart > *"):
                assert not widget.display and widget in [w for part in detail.parts for w in part.body]
                if isinstance(widget, DataTable):
                    assert widget.row_count == 0
                else:
                    assert isinstance(widget, Static) and str(widget.render()) == ""
            assert str(detail.query_one("#customer-header", Static).render()) == ""
            with pytest.raises(RuntimeError):
                detail.hit

        empty(spare)
        await pilot.pause(0.3)
        assert not any(gw.called(f) for f in ("customer", "customer_sales_data", "credit_status", "find_orders", "customer_open_items"))
        app.screen.query_one("#customer-search", Input).value = "dayton"
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is spare and spare.hit.name and spare.is_running
        with pytest.raises(RuntimeError):
            spare.open(spare.hit)  # one customer per detail
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, CustomersScreen) and not spare.is_running  # removed
        following = await detail_ahead(app, pilot)
        assert following is not spare
        empty(following)
        # one made ahead at a time, whatever asked for it (the search's return, the detail opened)
        assert [s for s in app._registry if isinstance(s, CustomerDetailScreen)] == [following]


async def test_a_detail_made_for_another_terminal_size_is_not_used(app_factory):
    """It was styled with the breakpoint classes of the size it was made for, and would be styled
    again as it opens (5 ms on the way to the figures): after a resize the customer opens in a
    detail made then, and the other one is removed."""
    app = make(app_factory, FakeGateway())
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        spare = await detail_ahead(app, pilot)
        assert spare.has_class("-wide")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        app.screen.query_one("#customer-search", Input).value = "dayton"
        await pilot.press("enter")
        await settle(app, pilot)
        detail = app.screen
        assert isinstance(detail, CustomerDetailScreen) and detail is not spare
        assert detail.has_class("-narrow") and not detail.has_class("-wide")
        assert not spare.is_running


async def test_an_opening_detail_says_fetching_before_any_answer(app_factory, monkeypatch):
    """Its header says "fetching…" from its first frame, not "not fetched", while SAP is asked."""
    import threading

    monkeypatch.setattr(DataPart, "SPINNER_AFTER", 60.0)  # no spinner's StateChanged to repaint it
    gw = FakeGateway()
    app = make(app_factory, gw)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        gw.gates["customer"] = gate = threading.Event()  # the address waits
        app.screen.query_one("#customer-search", Input).value = "dayton"
        await pilot.press("enter")  # its one hit opens
        assert await waited(pilot, lambda: isinstance(app.screen, CustomerDetailScreen) and app.screen.is_mounted)
        header = app.screen.query_one("#customer-header", Static)
        assert "fetching…" in str(header.render()) and "not fetched" not in str(header.render())
        gate.set()
        await settle(app, pilot)
        assert "fetched " in str(header.render()) and "fetching" not in str(header.render())


async def test_recent_customers_in_the_palette_reopen_the_detail(app_factory):
    from textual.command import CommandPalette

    gw = FakeGateway()
    app = make(app_factory, gw)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        for query in ("akron", "dayton"):
            await pilot.press("slash")
            app.screen.query_one("#customer-search", Input).value = query
            await pilot.press("enter")
            await settle(app, pilot)
            await pilot.press("down", "enter")
            await settle(app, pilot)
            await pilot.press("escape")
            await pilot.pause()
        assert [c.number for c in app.session.recent_customers] == ["10023", "10024"]
        app.switch_mode("products")
        await pilot.pause()
        await pilot.press("ctrl+p")
        assert await waited(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"10024")
        assert await waited(pilot, lambda: palette_offers(app, "10024"))
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.current_mode == "customers"
        assert isinstance(app.screen, CustomerDetailScreen)
        assert app.screen.hit.number == "10024"
        assert app.current_customer.number == "10024"


async def test_hit_limit_is_respected_and_said(app_factory):
    from ordertui.model import CustomerHit

    gw = FakeGateway()
    gw.search_hits["springfield"] = tuple(
        CustomerHit(str(20000 + i), f"Customer {i}", "Springfield", "45502", "US", "", False) for i in range(250)
    )
    app = make(app_factory, gw)
    async with app.run_test() as pilot:
        await start(app, pilot)
        app.screen.query_one("#customer-search", Input).value = "springfield"
        await pilot.press("enter")
        await settle(app, pilot)
        assert gw.called("find_customers")[-1] == ("springfield", 200)
        # rows arrive in chunks, each after a frame
        assert await waited(pilot, lambda: app.screen.query_one("#customer-results", DataTable).row_count == 200)
        assert "first 200 hits — refine the search" in str(app.screen.query_one("#customer-results-info", Static).render())


async def test_switching_areas_and_back_refetches_the_detail(app_factory):
    gw = FakeGateway()
    app = make(app_factory, gw)
    async with app.run_test() as pilot:
        await start(app, pilot)
        app.screen.query_one("#customer-search", Input).value = "dayton"
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert len(gw.called("customer")) == 1
        await pilot.press("f3")
        await settle(app, pilot)
        assert app.current_mode == "products"
        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerDetailScreen)
        assert len(gw.called("customer")) == 2
        assert len(gw.called("open_items")) == 2


@pytest.mark.parametrize("size", [(80, 24), (120, 110)])
async def test_a_long_answer_paints_a_screenful_first_and_the_rest_of_its_page_right_after(app_factory, size):
    """Issue 12: the frame with the answer does not wait for 200 rows to be added; the rest of
    the first page follows after it, and the count line never says "showing" meanwhile. The
    first rows fill the table, however tall the terminal."""
    from ordertui.model import CustomerHit
    from ordertui.screens import search as search_module

    gw = FakeGateway()
    gw.search_hits["many"] = tuple(CustomerHit(str(30000 + i), f"Customer {i}", "Reno", "89501", "US", "", False) for i in range(150))
    app = make(app_factory, gw)
    async with app.run_test(size=size) as pilot:
        await start(app, pilot)
        screen = app.screen
        table = screen.query_one("#customer-results", DataTable)
        info = screen.query_one("#customer-results-info", Static)
        seen = []
        original = screen._rest_of_first_page
        frames = {"painted": 0, "answered": None}
        display = app._display

        def counting(*args):
            frames["painted"] += 1
            display(*args)

        def answered(*args):
            frames["answered"] = frames["painted"]
            show(*args)

        def rest(token, hits):
            # a frame with the first rows is on the screen before the rest go in
            seen.append((table.row_count, str(info.render()), frames["painted"] > frames["answered"]))
            original(token, hits)

        app._display = counting
        show, screen._show_results = screen._show_results, answered
        screen._rest_of_first_page = rest
        screen.query_one("#customer-search", Input).value = "many"
        gate = gw.gates["find_customers"] = threading.Event()
        await pilot.press("enter")
        await pilot.pause()
        gate.set()  # the answer comes while the app runs on its own (the pilot paints frames itself)
        for _ in range(100):
            if seen:
                break
            await asyncio.sleep(0.02)
        await settle(app, pilot)
        # as many rows as the table shows (at 80x24 the look-ahead's minimum, 41), not 150
        assert seen and seen[0][0] == max(table.size.height, search_module.LOAD_AHEAD + 1) < 150
        assert "150 hits" in seen[0][1] and "showing" not in seen[0][1]
        assert seen[0][2], "the rest of the page went in before the first rows were painted"
        assert table.row_count == 150 and "showing" not in str(info.render())
        assert [str(k.value) for k in table.rows] == [str(30000 + i) for i in range(150)]


async def test_thousands_of_hits_are_paged_in_as_the_cursor_nears_the_end(app_factory):
    from ordertui.model import CustomerHit

    gw = FakeGateway()
    gw.search_hits["many"] = tuple(CustomerHit(str(30000 + i), f"Customer {i}", "Reno", "89501", "US", "", False) for i in range(450))
    app = make(app_factory, gw)
    async with app.run_test() as pilot:
        await start(app, pilot)
        app.screen.hit_limit = 1000
        app.screen.query_one("#customer-search", Input).value = "many"
        await pilot.press("enter")
        await settle(app, pilot)
        table = app.screen.query_one("#customer-results", DataTable)
        info = app.screen.query_one("#customer-results-info", Static)
        assert table.row_count == 200
        assert "450 hits · showing 200, more as you scroll" in str(info.render())
        table.focus()
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.row_count == 400
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.row_count == 450
        assert "showing" not in str(info.render())
        # the last row is a real hit and opens like any other
        await pilot.press("ctrl+end", "enter")
        await settle(app, pilot)
        assert app.current_customer.number == "30449"
        assert isinstance(app.screen, CustomerDetailScreen)


def test_error_text_says_the_title_once():
    from ordertui.sap.errors import NotFound, SapTimeout, SapUnreachable
    from ordertui.screens.search import error_text

    # the adapter's messages already start with what happened: not "SAP unreachable: SAP unreachable: …"
    assert error_text(SapUnreachable("SAP unreachable: Connection reset by peer")) == "SAP unreachable: Connection reset by peer"
    assert error_text(SapTimeout("SAP did not answer in time; the call may still complete in SAP")) == (
        "SAP did not answer in time; the call may still complete in SAP")
    # a message that does not say it gets the title in front
    assert error_text(NotFound("Customer 99999 does not exist")) == "Not found: Customer 99999 does not exist"
    assert error_text(SapUnreachable("The SAP connection is closed")) == "SAP unreachable: The SAP connection is closed"


async def test_a_table_hidden_by_its_parts_refresh_hands_the_focus_to_the_body(app_factory):
    """Tab on "Last orders", then a refresh that keeps SAP waiting: the spinner hides the table,
    and the keys still scroll the detail (the focus went to nothing: Tab, the arrows and
    PageDown did nothing until the screen was left and shown again)."""
    from ordertui.screens.customer_tables import LastOrdersTable
    from ordertui.widgets.customer_panels import PartsBody

    gw = FakeGateway()
    app = make(app_factory, gw)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        app.screen.query_one("#customer-search", Input).value = "10023"
        await pilot.press("enter")
        await settle(app, pilot)
        detail = app.screen
        assert isinstance(detail, CustomerDetailScreen)
        await pilot.press("tab")
        await settle(app, pilot)
        assert isinstance(app.focused, LastOrdersTable)
        gw.gates["find_orders"] = gate = threading.Event()  # the last orders wait
        await pilot.press("r")
        orders = next(p for p in detail.parts if p.id == "part-orders")
        assert await waited(pilot, lambda: orders.spinning)
        await pilot.pause()
        body = detail.query_one("#customer-body", PartsBody)
        assert app.focused is body
        await pilot.press("pageup")
        await pilot.pause()
        top = body.scroll_y
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > top
        gate.set()
        await settle(app, pilot)
        assert orders.body_shown and app.focused is body
