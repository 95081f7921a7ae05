"""A server that accepts and never answers: the logon times out, can be cancelled, and quitting exits at once.

The probe: "Logging on to …" for ~60 s with no way out; Ctrl+Q blanked the screen but the process
lingered ~55 s on the blocked thread; ``profile test`` ended after 62 s with "Resource temporarily
unavailable (os error 11)". These tests run erpl-pyrfc (the real RFC library, ``import pyrfc``)
against ``HangingServer`` on 127.0.0.1.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import textwrap
import threading
import time

import pytest
from textual.widgets import Button, Input, Static

from ordertui import config
from ordertui.desk import Desk, LogonAbandoned, within
from tests.conftest import REPO, settle

pytest.importorskip("pyrfc")

PASSWORD = "hanging-Secret-7"


def _profile(server, timeout=1.5) -> config.Profile:
    return config.Profile(name="HANG", ashost="127.0.0.1", sysnr=server.sysnr, client="100", user="JDOE",
                          logon_timeout=timeout)


# --------------------------------------------------------------------------- the desk


def test_logon_to_a_hanging_server_times_out_after_the_profile_timeout(hanging_sap):
    desk = Desk()  # the real connector: ordertui.sap.connect.real_gateway over erpl-pyrfc
    started = time.monotonic()
    outcome = desk.log_on(_profile(hanging_sap, 1.5), "JDOE", PASSWORD, remember=False)
    took = time.monotonic() - started
    assert hanging_sap.accepted >= 1, "the RFC library did connect, and then waited for an answer"
    assert outcome.session is None and outcome.title == "Logon timed out"
    assert "did not answer within 1.5 s" in outcome.reason and "127.0.0.1" in outcome.reason
    assert PASSWORD not in outcome.reason
    assert 1.4 <= took < 3.0, took


def test_cancel_and_close_stop_waiting_at_once(hanging_sap):
    desk = Desk()
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    outcome = desk.log_on(_profile(hanging_sap, 30), "JDOE", PASSWORD, remember=False, cancel=cancel)
    assert outcome.title == "Logon cancelled" and time.monotonic() - started < 1.5

    threading.Timer(0.3, desk.close).start()  # what quitting the app does
    started = time.monotonic()
    outcome = desk.log_on(_profile(hanging_sap, 30), "JDOE", PASSWORD, remember=False)
    assert outcome.session is None and time.monotonic() - started < 1.5


def test_within_hands_a_late_result_to_discard_and_errors_to_the_caller():
    release = threading.Event()
    discarded = []
    with pytest.raises(LogonAbandoned) as info:
        within(lambda: release.wait(5) and "late session", timeout=0.2, discard=discarded.append)
    assert info.value.timed_out
    release.set()
    for _ in range(50):
        if discarded:
            break
        time.sleep(0.02)
    assert discarded == ["late session"]

    def fails():
        raise ValueError("the profile's parameters do not add up")

    with pytest.raises(ValueError):
        within(fails, timeout=2)
    assert within(lambda: 42, timeout=2) == 42


# --------------------------------------------------------------------------- the login screen


async def test_login_screen_says_timed_out_and_esc_cancels(app_factory, hanging_sap):
    from ordertui.cli import main

    assert main(["profile", "add", "HANG", "--config", str(app_factory.config_path), "--ashost", "127.0.0.1",
                 "--sysnr", hanging_sap.sysnr, "--client", "100", "--user", "jdoe", "--logon-timeout", "1.5"]) == 0
    app = app_factory(profile="HANG")  # the real connector
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        error = screen.query_one("#login-error", Static)
        # 1. a logon that times out
        screen.query_one("#login-password", Input).value = PASSWORD
        screen.query_one("#login-password", Input).focus()
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert "Logging on to HANG" in str(screen.query_one("#login-status", Static).render())
        assert screen.query_one("#login-cancel", Button).display
        await pilot.press(*"10023")  # typed while SAP is silent: never into the password
        await settle(pilot)
        assert str(error.render()).startswith("Logon timed out"), str(error.render())
        assert "did not answer within 1.5 s" in str(error.render())
        assert not screen.query_one("#login-cancel", Button).display
        password = screen.query_one("#login-password", Input)
        assert password.value == PASSWORD and app.focused is password  # Enter tries the same again
        assert app.session is None and app.is_running
        # 2. Esc while "Logging on…": the screen is usable at once (a long timeout now, so that
        # on a loaded machine a timeout cannot pass for the cancel)
        app.desk.profiles["HANG"] = dataclasses.replace(app.desk.profiles["HANG"], logon_timeout=60)
        screen.query_one("#login-password", Input).value = PASSWORD
        screen.query_one("#login-password", Input).focus()
        await pilot.press("enter")
        await pilot.pause(0.2)
        started = time.monotonic()
        await pilot.press("escape")
        await pilot.pause()
        assert time.monotonic() - started < 2.0  # one frame when the machine is idle
        assert str(error.render()).startswith("Logon cancelled")
        assert not screen.query_one("#login-button", Button).disabled
        await settle(pilot)  # the desk's worker stops waiting within its poll interval
        assert app.current_mode == "login" and app.session is None
        # 3. the Cancel button does the same
        await pilot.press("enter")
        await pilot.pause(0.2)
        await pilot.click("#login-cancel")
        await pilot.pause()
        assert str(error.render()).startswith("Logon cancelled")
        assert PASSWORD not in str(error.render())


# --------------------------------------------------------------------------- whole processes


def _run(script: str, timeout: float) -> tuple[subprocess.CompletedProcess, float]:
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], cwd=REPO, capture_output=True,
                          text=True, timeout=timeout, env=env)
    return done, time.monotonic() - started


def test_quitting_while_logging_on_exits_at_once(hanging_sap, tmp_path):
    """The app, headless in a child process: log on (timeout 60 s), quit after 1 s; the process ends."""
    cfg = tmp_path / "config.toml"
    config.save_profile(_profile(hanging_sap, 60), cfg)
    done, took = _run(
        f"""
        from textual.widgets import Input, Static
        from ordertui.cli import make_app

        app = make_app(profile="HANG", config_path={str(cfg)!r})
        seen = []

        async def drive(pilot):
            await pilot.pause(0.5)
            app.screen.query_one("#login-password", Input).value = {PASSWORD!r}
            app.screen.action_logon()
            await pilot.pause(1.0)
            seen.append(str(app.screen.query_one("#login-status", Static).render()))
            app.exit()

        app.run(headless=True, size=(80, 24), auto_pilot=drive)
        print("status:", seen)
        """,
        timeout=40,
    )
    assert done.returncode == 0, done.stderr
    assert "Logging on to HANG" in done.stdout
    assert hanging_sap.accepted >= 1
    assert took < 12, f"the process lingered {took:.1f} s on the blocked logon thread"


def test_profile_test_times_out_and_exits(hanging_sap, tmp_path):
    cfg = tmp_path / "config.toml"
    config.save_profile(_profile(hanging_sap, 2), cfg)
    done, took = _run(
        f"""
        import getpass
        getpass.getpass = lambda prompt: {PASSWORD!r}
        from ordertui.cli import main
        raise SystemExit(main(["profile", "test", "HANG", "--config", {str(cfg)!r}]))
        """,
        timeout=40,
    )
    assert done.returncode == 1
    assert "Logon timed out: 127.0.0.1 sysnr" in done.stderr and "within 2 s" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and PASSWORD not in done.stderr + done.stdout
    assert took < 12, took


def test_quitting_during_a_blocked_lookup_exits_at_once(tmp_path):
    """Not only the logon: a worker blocked in any SAP call (here a customer search whose call
    blocks for 30 s, as one on a hung connection does until the call timeout) no longer holds the
    process after quitting (ordertui.desk.AbandoningExecutor; asyncio's default pool waited for
    it — 7.7 s of an 8 s sandbox call, measured before the change)."""
    done, took = _run(
        f"""
        import threading, time
        from ordertui.cli import make_app

        app = make_app(sandbox=True, config_path={str(tmp_path / 'none.toml')!r})
        marks = {{}}
        entered = threading.Event()

        def hung(*args, **kwargs):
            entered.set()
            time.sleep(30)

        async def drive(pilot):
            for _ in range(300):
                await pilot.pause(0.1)
                if app.session is not None:
                    break
            app.session.gateway.find_customers = hung
            await pilot.press("f2")
            await pilot.pause(0.2)
            await pilot.press(*"Dayton")
            for _ in range(50):
                await pilot.pause(0.1)
                if entered.is_set():
                    break
            marks["blocked"] = int(entered.is_set())
            marks["exit"] = time.monotonic()
            app.exit()

        app.run(headless=True, size=(80, 24), auto_pilot=drive)
        print("blocked", marks["blocked"], "returned after", round(time.monotonic() - marks["exit"], 2))
        """,
        timeout=90,
    )
    assert done.returncode == 0, done.stderr
    words = done.stdout.split()
    assert words[:2] == ["blocked", "1"], done.stdout
    assert float(words[-1]) < 1.5, done.stdout
    assert took < 20, took
