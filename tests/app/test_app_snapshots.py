"""How the shell looks at 80x24 and 120x36 (SVGs in snapshots/test_snapshots/)."""

from __future__ import annotations

from collections import deque

import pytest
from textual.widgets import Input

from tests.app.helpers import freeze_timings, settled
from tests.conftest import settle
from tests.app.test_login import add_profile, sandbox_connector

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


@pytest.mark.parametrize("size", SIZES)
def test_sandbox_start(snap_compare, app_factory, size):
    assert snap_compare(app_factory(), terminal_size=size, run_before=settled)


@pytest.mark.parametrize("size", SIZES)
def test_login(snap_compare, app_factory, size):
    add_profile(app_factory, "QAS", "00", "--production")
    app = app_factory(profile="QAS", connector=sandbox_connector())
    assert snap_compare(app, terminal_size=size, run_before=settled)


def _failing(error_cls, *args):
    def connect(params, password, *, read_only=False):
        raise error_cls(*args)

    return connect


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("case", ["wrong-password", "locked-user", "unreachable", "no-authorization", "no-pyrfc"])
def test_login_error(snap_compare, app_factory, size, case):
    from ordertui.sap.errors import PyrfcMissing

    connectors = {
        "wrong-password": sandbox_connector("logon-failure"),
        "locked-user": sandbox_connector("locked-user"),
        "unreachable": sandbox_connector("down"),
        "no-authorization": sandbox_connector("no-authorization"),
        "no-pyrfc": _failing(PyrfcMissing),
    }
    add_profile(app_factory)
    app = app_factory(profile="QAS", connector=connectors[case])

    async def logon(pilot):
        await settled(pilot)
        field = pilot.app.screen.query_one("#login-password", Input)
        field.value = "not-shown"
        field.focus()
        await pilot.press("enter")
        await settled(pilot)

    assert snap_compare(app, terminal_size=size, run_before=logon)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, app_factory, size):
    assert snap_compare(app_factory(), terminal_size=size, press=["f1"], run_before=settled)


@pytest.mark.parametrize("size", SIZES)
def test_call_log(snap_compare, app_factory, size):
    async def open_log(pilot):
        await settled(pilot)
        app = pilot.app
        session = app.session
        session.gateway.find_customers("Dayton", sales_area=session.sales_area)
        await settle(pilot)
        # A name search makes three reads side by side (name, name again, city), whose answers
        # reach the log in any order; the picture pins them by function name.
        opened, search = list(app.call_log)[:2], list(app.call_log)[2:]
        assert sorted(e.function for e in search) == ["BAPI_CUSTOMER_FIND", "BAPI_CUSTOMER_FIND", "RFC_READ_TABLE"]
        app.desk.call_log = deque(opened + sorted(search, key=lambda e: e.function), maxlen=app.call_log.maxlen)
        freeze_timings(app)
        await pilot.press("f12")
        await settled(pilot)

    assert snap_compare(app_factory(), terminal_size=size, run_before=open_log)
