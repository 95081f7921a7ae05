"""Cells of SECURITY.md's fault matrix in the login / keyring / crash area that had no test.

Each: no crash, a clear message, nothing typed lost (the user and profile stay on the login).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import keyring
import pytest
from keyring.errors import KeyringError
from textual.widgets import Checkbox, Input

from ordertui import config
from ordertui.desk import Desk
from tests.app.test_login import add_profile, sandbox_connector
from tests.conftest import REPO, settle

PASSWORD = "matrix-Secret-9"


class RefusingKeyring:
    """A keyring that is there (reads work) but refuses to store: a locked or read-only collection.

    A plain class, not a KeyringBackend subclass: every subclass registers itself with keyring when
    its module is imported (at collection, before any test runs), and keyring's own backend choice in
    tests/keyring then chains it with the Secret Service (CI failed on exactly that).
    """

    name = "refusing keyring"

    def get_password(self, service, username):
        return None

    def set_password(self, service, username, password):
        raise KeyringError("the collection is locked")

    def delete_password(self, service, username):
        raise KeyringError("the collection is locked")


async def test_keyring_refuses_to_store_the_logon_still_works_and_says_so(app_factory, monkeypatch):
    add_profile(app_factory)
    app = app_factory(profile="QAS", connector=sandbox_connector())
    monkeypatch.setattr(keyring.core, "_keyring_backend", RefusingKeyring())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        remember = app.screen.query_one("#login-remember", Checkbox)
        assert not remember.disabled, "the keyring answers reads, so remembering is offered"
        remember.value = True
        app.screen.query_one("#login-password", Input).value = PASSWORD
        app.screen.query_one("#login-password", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.session is not None, "a keyring that refuses does not stop the logon"
        notes = [n.message for n in app._notifications]
        assert any(m.startswith("Password not remembered: the OS keyring refused") for m in notes), notes
        assert all(PASSWORD not in m for m in notes)


def test_keyring_unavailable_for_a_remembered_password_asks_for_it(no_keyring):
    profile = config.Profile(name="QAS", ashost="h", sysnr="00", client="100", user="JDOE")
    desk = Desk(connector=sandbox_connector())
    outcome = desk.log_on(profile, "JDOE", "", remember=False)
    assert outcome.session is None and outcome.title == "No usable keyring"
    assert outcome.reason.endswith("Type the password.")


def test_a_crash_mid_session_leaves_no_business_data_in_redirected_stderr_or_any_file(tmp_path):
    """The zero-data-at-rest promise on the crash path: a customer search, then an exception in a
    handler whose locals hold the customer; stderr goes to a file, HOME/TMPDIR/cwd are empty folders."""
    home, tmp, cwd = tmp_path / "home", tmp_path / "tmp", tmp_path / "cwd"
    for folder in (home, tmp, cwd):
        folder.mkdir()
    script = textwrap.dedent(
        """
        import json, sys
        from textual.widgets import DataTable
        from ordertui.cli import make_app

        app = make_app(sandbox=True)
        seen = []

        async def drive(pilot):
            for _ in range(100):
                await pilot.pause(0.1)
                if app.session is not None:
                    break
            await pilot.press("f2")
            await pilot.pause(0.3)
            await pilot.press(*"Dayton")
            for _ in range(100):
                await pilot.pause(0.1)
                tables = app.screen.query("#customer-results")
                if tables and tables.first(DataTable).row_count:
                    break
            table = app.screen.query_one("#customer-results", DataTable)
            for index in range(table.row_count):
                seen.extend(str(c).strip() for c in table.get_row_at(index))
            print(json.dumps(seen), flush=True)

            def explode(customer=seen[2], rows=list(seen)):
                raise RuntimeError("cannot show " + customer)

            app.call_later(explode)
            await pilot.pause(1.0)

        app.run(headless=True, size=(120, 36), auto_pilot=drive)
        sys.exit(app.return_code or 0)
        """
    )
    env = dict(os.environ, HOME=str(home), TMPDIR=str(tmp), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_CACHE_HOME=str(home / ".cache"), XDG_DATA_HOME=str(home / ".local/share"),
               XDG_STATE_HOME=str(home / ".local/state"), ORDERTUI_CONFIG=str(home / "none.toml"),
               PYTHONPATH=str(REPO), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    env.pop("TEXTUAL_LOG", None)
    log = cwd / "stderr.log"
    with log.open("wb") as err:
        done = subprocess.run([sys.executable, "-c", script], cwd=cwd, env=env, stdout=subprocess.PIPE,
                              stderr=err, timeout=120)
    assert done.returncode == 1, log.read_text("utf-8", "replace")
    seen = {s for s in json.loads(done.stdout.decode().splitlines()[0]) if len(s) >= 4}
    assert len(seen) > 10
    text = log.read_text("utf-8", "replace")
    assert "ordertui stopped on an unexpected error" in text and "RuntimeError" in text
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert [p.name for p in files] == ["stderr.log"], files
    leaks = [(p.name, s) for p in files for s in seen if s.encode() in p.read_bytes()]
    assert leaks == []
