"""Pilot tests of the login: success and each failure; a failure always stays on the login."""

from __future__ import annotations

import socket

import pytest
from textual.widgets import Checkbox, Input, Select, Static

from tests.conftest import burst, settle

PROFILE = ["--ashost", "127.0.0.1", "--client", "100", "--user", "jdoe"]


def _closed_sysnr() -> str:
    for nr in range(98, 0, -1):
        with socket.socket() as s:
            s.settimeout(0.2)
            if s.connect_ex(("127.0.0.1", 3300 + nr)) != 0:
                return f"{nr:02d}"
    pytest.skip("every port 3301-3398 is in use")


def add_profile(app_factory, name="QAS", sysnr="00", *extra):
    from ordertui.cli import main

    assert main(["profile", "add", name, "--config", str(app_factory.config_path), "--sysnr", sysnr, *PROFILE, *extra]) == 0


def sandbox_connector(*faults, seen=None):
    """Stands in for real_gateway: the same adapter over the sandbox, with a logon fault."""

    def connect(params, password, *, read_only=False):
        from ordertui.sap.connect import sandbox_gateway

        if seen is not None:
            seen.append((params, password, read_only))
        return sandbox_gateway(seed=1, faults=faults, user=params.get("user", ""))

    return connect


def error_text(app) -> str:
    return str(app.screen.query_one("#login-error", Static).render())


async def type_password_and_logon(pilot, password="correct horse"):
    app = pilot.app
    app.screen.query_one("#login-password", Input).value = password
    app.screen.query_one("#login-password", Input).focus()
    await pilot.press("enter")
    await settle(pilot)


async def test_login_success_opens_home_with_session(app_factory):
    from ordertui.screens.home import HomeScreen

    add_profile(app_factory, "QAS", "00", "--production")
    seen = []
    app = app_factory(profile="QAS", connector=sandbox_connector(seen=seen))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.current_mode == "login"
        assert app.screen.query_one("#login-user", Input).value == "JDOE"
        # no keyring in this session: remember is disabled and the screen says why
        assert app.screen.query_one("#login-remember", Checkbox).disabled
        assert "No usable keyring" in str(app.screen.query_one("#login-keyring", Static).render())
        await type_password_and_logon(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.session is not None and app.session.production and not app.session.sandbox
        assert app.banners() == [("PRODUCTION", "production")]
        assert seen[0][0]["user"] == "JDOE" and seen[0][0]["ashost"] == "127.0.0.1" and seen[0][1] == "correct horse"
        assert app.online is True and app.call_log, "the logon's calls are in the call log"


async def test_user_tab_password_enter_typed_in_one_burst_logs_on(app_factory):
    """A password manager's auto-type ("{USERNAME}{TAB}{PASSWORD}{ENTER}") or a fast typist: every
    key lands in the field it was typed for, in order — with a typo put right by Backspace."""
    add_profile(app_factory)
    seen = []
    app = app_factory(profile="QAS", connector=sandbox_connector(seen=seen))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        user = app.screen.query_one("#login-user", Input)
        user.value = ""
        user.focus()
        await settle(pilot)
        await burst(pilot, *"jsmitx", "backspace", "h", "tab", *"pw-1x", "backspace", "2", "enter")
        assert seen and seen[0][0]["user"] == "JSMITH" and seen[0][1] == "pw-12"
        assert app.session is not None


@pytest.mark.parametrize(
    "fault, title",
    [
        ("logon-failure", "Logon failed"),
        ("locked-user", "Logon failed"),
        ("no-authorization", "Not authorized"),
        ("down", "SAP unreachable"),
    ],
)
async def test_login_failure_stays_on_login(app_factory, fault, title):
    add_profile(app_factory)
    app = app_factory(profile="QAS", connector=sandbox_connector(fault))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_password_and_logon(pilot)
        assert app.current_mode == "login" and app.session is None
        assert error_text(app).startswith(title), error_text(app)
        if fault == "locked-user":
            assert "lock" in error_text(app).lower()
        assert app.is_running


async def test_wrong_password_clears_the_field(app_factory):
    add_profile(app_factory)
    app = app_factory(profile="QAS", connector=sandbox_connector("logon-failure"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_password_and_logon(pilot)
        assert app.screen.query_one("#login-password", Input).value == ""


async def test_closed_port_through_erpl_pyrfc_shows_sap_unreachable(app_factory):
    """The real adapter and erpl-pyrfc against a local port nothing listens on."""
    pytest.importorskip("pyrfc")
    add_profile(app_factory, "LOCAL", _closed_sysnr())
    app = app_factory(profile="LOCAL")  # the real connector: ordertui.sap.connect.real_gateway
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_password_and_logon(pilot)
        assert app.current_mode == "login" and app.session is None
        assert error_text(app).startswith("SAP unreachable"), error_text(app)
        assert "correct horse" not in error_text(app)
        # still usable: a second try gives the same answer, the app did not exit
        await type_password_and_logon(pilot)
        assert error_text(app).startswith("SAP unreachable")


async def test_no_pyrfc_installed_is_explained(app_factory):
    from ordertui.sap.errors import PyrfcMissing

    def connector(params, password, *, read_only=False):
        raise PyrfcMissing()

    add_profile(app_factory)
    app = app_factory(profile="QAS", connector=connector)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_password_and_logon(pilot)
        assert error_text(app).startswith("No SAP RFC library installed")
        assert "pip install" in error_text(app)


async def test_missing_password_and_user_are_checked_before_calling_sap(app_factory):
    calls = []
    add_profile(app_factory)
    app = app_factory(profile="QAS", connector=lambda *a, **k: calls.append(a))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_password_and_logon(pilot, password="")
        assert error_text(app).startswith("Password missing")
        app.screen.query_one("#login-user", Input).value = ""
        await type_password_and_logon(pilot, password="x")
        assert error_text(app).startswith("User missing")
        assert calls == []


async def test_sandbox_choice_on_login_opens_the_sandbox(app_factory):
    from ordertui.screens.login import SANDBOX

    add_profile(app_factory)
    app = app_factory(profile="QAS", connector=sandbox_connector("down"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#login-profile", Select).value = SANDBOX
        await pilot.pause()
        app.screen.query_one("#login-button").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.session is not None and app.session.sandbox
        assert app.banners() == [("SANDBOX", "sandbox")]
