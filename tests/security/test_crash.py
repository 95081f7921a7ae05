"""A crash prints what happened — exception types and file:line in function — never locals or values.

Textual's handler printed a Rich traceback with ``show_locals=True``: an exception in the logon
path printed ``password = '…'``. These tests crash the app (and the command line, and a thread)
with a password and a customer name in local variables and in the exception message, and read
everything written to stderr.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

import pytest
from textual.widgets import Input

from ordertui import crash
from tests.conftest import REPO, settle

PASSWORD = "Tr0ub4dor&3-secret"
CUSTOMER = "Dayton Plumbing Supply"


def _leaks(text: str) -> list[str]:
    return [s for s in (PASSWORD, CUSTOMER, "password =", "customer =", "Tr0ub", "Dayton") if s in text]


def test_report_has_types_and_frames_but_no_message_or_locals():
    def parse(password: str, customer: str) -> None:
        try:
            int(customer)
        except ValueError as inner:
            raise RuntimeError(f"cannot log on {customer} with {password}") from inner

    try:
        parse(PASSWORD, CUSTOMER)
    except RuntimeError as error:
        text = crash.report(error)
    assert _leaks(text) == []
    assert "RuntimeError" in text and "ValueError" in text
    assert "tests/security/test_crash.py:" in text.replace("\\", "/") or "test_crash.py:" in text
    assert " in parse" in text
    # the cause comes first, as Python prints it
    assert text.index("ValueError") < text.index("RuntimeError")


async def test_crash_in_the_logon_path_prints_no_password(app_factory, capsys, monkeypatch):
    """The probe's case: an exception in LoginScreen.action_logon, whose frame holds the password."""
    from ordertui.cli import main
    from ordertui.screens import login

    assert main(["profile", "add", "QAS", "--config", str(app_factory.config_path), "--ashost", "127.0.0.1",
                 "--sysnr", "00", "--client", "100", "--user", "jdoe"]) == 0

    def broken_status(self, text: str) -> None:
        if text.startswith("Logging on"):
            raise RuntimeError(f"status broke while logging on with {PASSWORD}")
        original(self, text)

    original = login.LoginScreen._set_status
    monkeypatch.setattr(login.LoginScreen, "_set_status", broken_status)
    app = app_factory(profile="QAS", connector=lambda *a, **k: pytest.fail("must not connect"))
    capsys.readouterr()
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.screen.query_one("#login-password", Input).value = PASSWORD
            app.screen.query_one("#login-password", Input).focus()
            await pilot.press("enter")
            await settle(pilot)
    err = capsys.readouterr().err
    assert crash.HEADER in err, err
    assert "RuntimeError" in err and "in action_logon" in err and "ordertui/screens/login.py:" in err
    assert _leaks(err) == [], err
    assert app.return_code == 1


def test_crash_of_a_real_app_run_prints_no_locals_to_stderr(tmp_path):
    """End to end in a child process: ``app.run(headless=True)``, stderr redirected to a file."""
    script = textwrap.dedent(
        f"""
        import sys
        from ordertui.cli import make_app

        app = make_app(sandbox=True, config_path={str(tmp_path / 'none.toml')!r})

        def explode():
            password = {PASSWORD!r}
            customer = {CUSTOMER!r}
            raise ValueError("bad value " + customer + " " + password)

        app.call_later(explode)
        app.run(headless=True, size=(80, 24))
        sys.exit(app.return_code or 0)
        """
    )
    log = tmp_path / "stderr.txt"
    with log.open("wb") as err:
        done = subprocess.run([sys.executable, "-c", script], cwd=REPO, stdout=subprocess.DEVNULL, stderr=err,
                              timeout=60)
    text = log.read_text("utf-8", "replace")
    assert done.returncode == 1
    assert crash.HEADER in text and "ValueError" in text and "in explode" in text, text
    assert _leaks(text) == [], text


def test_command_line_and_thread_hooks_print_the_same_report(capsys):
    crash.install()
    try:
        try:
            password = PASSWORD  # noqa: F841 — a local the report must not show
            raise KeyError(CUSTOMER)
        except KeyError as error:
            sys.excepthook(type(error), error, error.__traceback__)

        def worker():
            secret = PASSWORD  # noqa: F841
            raise OSError(f"write {CUSTOMER}")

        thread = threading.Thread(target=worker, name="probe")
        thread.start()
        thread.join()
    finally:
        sys.excepthook = sys.__excepthook__
        threading.excepthook = threading.__excepthook__
    err = capsys.readouterr().err
    assert err.count(crash.HEADER) == 2
    assert "KeyError" in err and "In thread probe" in err and "OSError" in err
    assert _leaks(err) == [], err
