"""The idle lock: after the configured idle time the desk locks, the business data shown is
removed from the widgets (the screens that held it are thrown away), and unlocking asks for the
SAP password again — checked by SAP — or, on the sandbox, a key."""

from __future__ import annotations

import time

import pytest
from textual.widgets import DataTable, Input, Static

from ordertui import config
from ordertui.sap.errors import LogonFailed
from tests.app.test_login import add_profile
from tests.conftest import burst, settle


def _all_screens(app):
    screens = []
    for stack in app._screen_stacks.values():
        screens.extend(stack)
    return screens


def _texts(app) -> str:
    """Everything the widgets of every screen of every mode hold as text."""
    out = []
    for screen in _all_screens(app):
        for widget in screen.walk_children(with_self=False):
            if isinstance(widget, DataTable):
                for index in range(widget.row_count):
                    out.extend(str(c) for c in widget.get_row_at(index))
            elif isinstance(widget, Static):
                out.append(str(widget.render()))
            elif isinstance(widget, Input):
                out.append(widget.value)
    return "\n".join(out)


async def _search_and_pick(pilot) -> set[str]:
    app = pilot.app
    await pilot.press("f2")
    await settle(pilot)
    await pilot.press(*"Dayton")
    await pilot.pause(0.6)
    await settle(pilot)
    table = app.screen.query_one("#customer-results", DataTable)
    seen = set()
    for index in range(table.row_count):
        number, _block, name, *_ = (str(c).strip() for c in table.get_row_at(index))
        seen.update({number, name})
    table.focus()
    await pilot.press("enter")
    await settle(pilot)
    assert app.current_customer is not None
    return {s for s in seen if len(s) >= 4}


async def _idle_until_locked(pilot, limit: float = 5.0) -> None:
    started = time.monotonic()
    while not pilot.app.locked and time.monotonic() - started < limit:
        await pilot.pause(0.1)
    await settle(pilot)


async def test_sandbox_locks_when_idle_removes_the_data_and_unlocks_with_a_key(app_factory):
    app = app_factory(idle_lock_seconds=3600)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        seen = await _search_and_pick(pilot)
        app.idle_lock_seconds = 0.5  # (the search above takes longer than a short idle time)
        customers_screen = app.screen
        assert any(name in _texts(app) for name in seen), "the data is on screen before the lock"
        await _idle_until_locked(pilot)
        assert app.locked and app.current_mode == "lock"
        assert app.current_customer is None
        assert customers_screen not in _all_screens(app) and not customers_screen.is_attached
        leaks = [name for name in seen if name in _texts(app)]
        assert leaks == [], "business data left in a widget"
        # locked: the area keys do nothing
        await pilot.press("f2", "f3")
        await settle(pilot)
        assert app.current_mode == "lock"
        app.idle_lock_seconds = 3600  # (a slow machine must not lock again while the test goes on)
        await pilot.press("enter")
        await settle(pilot)
        assert not app.locked and app.current_mode == "home"
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen is not customers_screen
        assert app.screen.query_one("#customer-results", DataTable).row_count == 0


def _checking_connector(right: str, seen: list):
    def connect(params, password, *, read_only=False):
        from ordertui.sap.connect import sandbox_gateway

        seen.append((params.get("user"), read_only))
        if password != right:
            raise LogonFailed("Name or password is incorrect (repeat logon)")
        return sandbox_gateway(seed=1, user=params.get("user", ""))

    return connect


async def test_a_profile_unlocks_only_with_the_password_sap_accepts(app_factory):
    add_profile(app_factory)
    seen: list = []
    app = app_factory(profile="QAS", connector=_checking_connector("right-Secret", seen), idle_lock_seconds=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#login-password", Input).value = "right-Secret"
        app.screen.query_one("#login-password", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.session is not None and not app.locked
        app.idle_lock_seconds = 0.5
        await _idle_until_locked(pilot)
        assert app.current_mode == "lock"
        field = app.screen.query_one("#lock-password", Input)
        assert field.has_focus
        await pilot.press(*"wrong", "enter")
        await settle(pilot)
        assert app.locked and field.value == ""
        assert "not the password" in str(app.screen.query_one("#lock-error", Static).render())
        app.idle_lock_seconds = 3600
        # typed fast, with a typo put right: Backspace acts where it was typed, before the "t"
        await burst(pilot, *"right-Secrex", "backspace", "t", "enter")
        assert not app.locked and app.current_mode == "home"
        assert field.value == ""
        assert [user for user, _ in seen] == ["JDOE"] * 3 and all(read_only for _, read_only in seen[1:])


async def test_input_keeps_the_desk_unlocked(app_factory):
    app = app_factory(idle_lock_seconds=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("shift")
        app.idle_lock_seconds = 1.0
        for _ in range(8):
            await pilot.press("shift")
            await pilot.pause(0.3)
        assert not app.locked
        await _idle_until_locked(pilot)
        assert app.locked


def test_idle_lock_minutes_is_a_setting(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text("idle_lock_minutes = 5\n")
    assert config.load(cfg).idle_lock_minutes == 5.0
    assert config.load(tmp_path / "missing.toml").idle_lock_minutes == config.DEFAULT_IDLE_LOCK_MINUTES
    for bad in ('"5"', "-1", "true", "nan", "100000"):
        cfg.write_text(f"idle_lock_minutes = {bad}\n")
        with pytest.raises(config.ConfigFileError, match="idle_lock_minutes"):
            config.load(cfg)
