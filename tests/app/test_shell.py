"""The shell with the sandbox: start, status bar, keys, palette, call log, central error handling."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from textual.widgets import DataTable, Static

from ordertui.model import CustomerHit
from tests.app.helpers import count_reparses, status_text
from tests.conftest import palette_offers, settle, waited

HIT = CustomerHit(number="10023", name="Maria's Bolts", city="Dayton", postal_code="45402", country="US",
                  phone="+1 937 555 0142", blocked=False)


async def test_no_profile_opens_the_sandbox_with_banner(app_factory):
    from ordertui.screens.home import HomeScreen

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.session is not None and app.session.sandbox
        assert app.session.today().isoformat() == "2026-11-27"
        text = status_text(app)
        assert text.startswith(" SANDBOX ") and "online" in text and " ms" in text
        assert "Sandbox company" in str(app.screen.query_one("#home-system", Static).render())


async def test_the_first_frame_says_the_sandbox_is_connecting(app_factory, monkeypatch):
    """The home screen's first frame said "Not logged on", the next "Connecting…": the app only
    said it was connecting once it was mounted, after the home screen had been composed."""
    from textual.app import App

    from ordertui.screens.home import HomeScreen

    app = app_factory()
    first: list[str] = []
    display = App._display

    def frame(self, screen, renderable):  # the first screen update handed to the driver
        if renderable is not None and not first and isinstance(screen, HomeScreen):
            first.append(str(screen.query_one("#home-system", Static).render()))
        return display(self, screen, renderable)

    monkeypatch.setattr(App, "_display", frame)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    assert first and "Connecting to the sandbox" in first[0], first


async def test_area_keys_open_the_areas(app_factory):
    from ordertui.areas import AREAS

    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for area in AREAS:
            await pilot.press(area.key)
            await settle(pilot)
            assert app.current_mode == area.id
        await pilot.press("f10")
        assert app.current_mode == "home"


async def test_f1_help_lists_the_keys_that_apply(app_factory):
    from ordertui.screens.help import HelpScreen

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = dict((d, k) for k, d in app.screen.rows())
        assert rows["Quit"] == "^q" and rows["Calls"] == "f12"
        assert "Back" not in rows, "Esc does nothing on the home screen, so help does not list it"
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_keymap_section_remaps_bindings(app_factory):
    from ordertui.screens.calllog import CallLogScreen
    from ordertui.screens.help import HelpScreen

    app_factory.config_path.parent.mkdir(parents=True, exist_ok=True)
    app_factory.config_path.write_text('[keymap]\nhelp = "f5"\ncall_log = "f11"\n')
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("f11")
        await pilot.pause()
        assert isinstance(app.screen, CallLogScreen)


async def test_palette_reaches_every_area_and_main_action(app_factory):
    from ordertui.areas import AREAS
    from ordertui.screens.calllog import CallLogScreen

    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for area in AREAS:
            assert f"Go to {area.title}" in titles
        assert {"Go to Home", "Show call log", "Help", "Log on / switch profile", "Theme", "Quit"} <= titles
        assert "Screenshot" not in titles, "a screenshot file would put business data on disk"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"call log")
        assert await waited(pilot, lambda: palette_offers(app, "call log"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CallLogScreen)


async def test_call_log_shows_function_duration_outcome_only(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.call_log, "opening the session made RFC calls"
        await pilot.press("f12")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == len(app.call_log)
        functions = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert all(f.replace("_", "").replace("/", "").isalnum() and f.upper() == f for f in functions), functions
        before = table.row_count
        # a burst, as a customer detail makes: its calls are told to the event loop together
        gateway, area = app.session.gateway, app.session.sales_area
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda name: gateway.find_customers(name, sales_area=area), ["Dayton", "Akron", "Supply", "Buckeye"]))
        await settle(pilot)
        assert table.row_count >= before + 4, "the open call log grows live"
        assert [str(table.get_row_at(i)[1]) for i in range(table.row_count)] == [e.function for e in app.call_log]
        assert f"{len(app.call_log)} calls" in str(app.screen.query_one("#calllog-summary").render())
        await pilot.press("escape")
        assert app.current_mode == "home"


async def test_unreachable_mid_session_marks_offline_and_toasts(app_factory):
    from ordertui.sap.errors import SapUnreachable

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        app.handle_sap_error(SapUnreachable("SAP unreachable: connection reset"))
        await pilot.pause()
        assert app.online is False and app.screen is screen
        assert "OFFLINE" in status_text(app)
        assert any("connection reset" in n.message for n in app._notifications)


async def test_logon_failed_mid_session_returns_to_login_with_reason(app_factory):
    from ordertui.sap.errors import LogonFailed

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.handle_sap_error(LogonFailed("Password has expired"))
        await settle(pilot)
        assert app.current_mode == "login"
        assert "Password has expired" in str(app.screen.query_one("#login-error", Static).render())


async def test_sandbox_down_opens_login_with_reason(app_factory):
    app = app_factory(sandbox_faults=("down",))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.current_mode == "login" and app.session is None and app.is_running
        assert str(app.screen.query_one("#login-error", Static).render()).startswith("SAP unreachable")


async def test_current_customer_reaches_status_bar_and_session(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        seen = []
        app.screen.watch(app, "current_customer", lambda hit: seen.append(hit), init=False)
        app.current_customer = HIT
        await pilot.pause()
        assert "10023 Maria's Bolts" in status_text(app)
        assert app.session.recent_customers[0] == HIT
        assert seen == [HIT]


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "ordertui-high-contrast"])
async def test_themes(app_factory, theme, monkeypatch):
    from textual.color import Color

    from ordertui.widgets.status_bar import StatusBar

    reparsed = count_reparses(monkeypatch)
    app = app_factory(theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == theme
        # styled in this theme from the first screen on (the style sheet is parsed once, with
        # this theme's colours: OrderTuiApp.refresh_css)
        colours = app.get_css_variables()
        assert app.screen.styles.background == Color.parse(colours["background"])
        assert app.screen.query_one(StatusBar).styles.background == Color.parse(colours["panel"])
        assert reparsed == []  # (Textual parsed every source again when the first screen opened)


async def test_no_color_is_respected(app_factory, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        from textual.filter import Monochrome, NoColor

        assert app.no_color
        assert any(isinstance(f, NoColor | Monochrome) and f.enabled for f in app.get_line_filters())
        assert "SANDBOX" in status_text(app), "the banner is text, not only colour"


async def test_login_from_a_session_and_back_with_escape(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_login()
        await settle(pilot)
        assert app.current_mode == "login"
        await pilot.press("escape")
        await settle(pilot)
        assert app.current_mode == "home" and app.session is not None
