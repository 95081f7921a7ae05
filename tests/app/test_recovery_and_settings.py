"""Issue 8 items 20 and 21: a sandbox that fails to open leaves a way on, errors say what to do,
and the theme chosen is kept for the next start."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from ordertui.widgets.error_dialog import ErrorDialog
from tests.conftest import settle


async def wait_for(pilot, condition, tries: int = 200) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


def login_error(app) -> str:
    return str(app.screen.query_one("#login-error", Static).render())


@pytest.mark.parametrize(
    "fault, says",
    [("abap-dump", "ST22"), ("no-authorization", "SAP administrator")],
)
async def test_a_sandbox_that_does_not_open_says_what_to_do_and_f2_leads_there(app_factory, fault, says):
    app = app_factory(sandbox_faults=(fault,))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: app.current_mode == "login")
        await settle(pilot)
        text = login_error(app)
        assert says in text, text
        assert ".py" not in text and " line " not in text, text  # no module paths for the user
        # F2 is not silently dead: it leads to where the problem is said
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert app.current_mode == "login"


async def test_logging_on_again_after_a_dump_works(app_factory):
    """The one-shot dump fired when the sandbox first opened; opening it again must not dump again."""
    app = app_factory(sandbox_faults=("abap-dump",))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: app.current_mode == "login")
        await settle(pilot)
        app.screen.action_logon()  # the sandbox is the choice shown
        await wait_for(pilot, lambda: app.session is not None)
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert app.current_mode == "customers"


async def test_the_error_dialog_says_what_happened_and_what_to_do_details_behind_a_key(app_factory):
    from ordertui.sap.errors import SapSystemError

    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: app.session is not None)
        await settle(pilot)
        try:
            raise SapSystemError("ABAP runtime error COMPUTE_INT_ZERODIVIDE")
        except SapSystemError as error:
            app.handle_sap_error(error, group="customer-search")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ErrorDialog)
        shown = [str(s.render()) for s in dialog.query(Static) if s.display]
        assert any("ST22" in line for line in shown), shown
        assert not any(" at " in line and ".py:" in line for line in shown), shown
        await pilot.press("d")
        await settle(pilot)
        assert dialog.query_one(".details", Static).display
        assert ".py:" in str(dialog.query_one(".details", Static).render())


async def test_the_theme_chosen_is_kept_for_the_next_start(app_factory):
    from ordertui import config

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.session is not None)
        app.theme = "textual-light"
        await settle(pilot)
    assert config.load(app_factory.config_path).theme == "textual-light"
    again = app_factory()
    assert again.theme == "textual-light"


def test_an_unknown_theme_on_the_command_line_is_said(app_factory, capsys):
    from ordertui import cli

    assert cli.main(["--sandbox", "--theme", "bogus", "--config", str(app_factory.config_path)]) == 2
    err = capsys.readouterr().err
    assert "bogus" in err and "textual-dark" in err
