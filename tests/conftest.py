"""Shared test fixtures: an isolated app factory and top-level snapshot folders.

- ``TODAY`` / ``NOW``: the one fixed date and clock of the test suite (2026-11-27 09:30).
- ``app_factory(**kwargs)`` calls ``ordertui.cli.make_app`` with the frozen clock (``NOW``), the
  sandbox, and HOME / XDG dirs / ORDERTUI_CONFIG under ``tmp_path``.
  Keyword arguments override (``profile=...``, ``sandbox_faults=...``, ``connector=...``).
- ``snap_compare`` (pytest-textual-snapshot) writes to ``snapshots/<test module name>/`` at the
  repository root instead of ``__snapshots__`` next to the test (see ``snapshot`` below).
- The keyring backend is pinned to "none" for app tests so that what the login says about the
  keyring does not depend on the machine; tests in tests/keyring/ use a real Secret Service.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytest_textual_snapshot import SVGImageExtension
from syrupy.assertion import SnapshotAssertion

REPO = Path(__file__).resolve().parent.parent
SNAPSHOTS = REPO / "snapshots"

#: The one "today" of every test, snapshot and fake (import it; never write another). The sandbox
#: company is generated relative to it, so the snapshot SVGs are pinned to it. A Friday late in
#: November: "fri" means today, "12/4" is still ahead this year and "1/15" is next year's.
TODAY = dt.date(2026, 11, 27)
#: The frozen clock: TODAY, mid-morning.
NOW = dt.datetime.combine(TODAY, dt.time(9, 30))


# --------------------------------------------------------------------------- snapshots


class TopLevelSVGExtension(SVGImageExtension):
    """SVG snapshots in ``snapshots/<test module>/<test name>.svg`` at the repository root."""

    @classmethod
    def dirname(cls, *, test_location) -> str:
        return str(SNAPSHOTS / test_location.basename)


class _TopLevelSnapshotAssertion(SnapshotAssertion):
    # snap_compare calls ``snapshot.use_extension(SVGImageExtension)``; keep our subclass.
    def use_extension(self, extension_class=None):
        if extension_class is SVGImageExtension:
            extension_class = TopLevelSVGExtension
        return super().use_extension(extension_class)


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return _TopLevelSnapshotAssertion(
        update_snapshots=snapshot.update_snapshots,
        extension_class=snapshot.extension_class,
        test_location=snapshot.test_location,
        session=snapshot.session,
    )


# --------------------------------------------------------------------------- isolation


@pytest.fixture
def isolated_home(tmp_path, monkeypatch) -> Path:
    """HOME, XDG dirs, TMPDIR and ORDERTUI_CONFIG under tmp_path; returns the config file path."""
    home = tmp_path / "home"
    for sub in ("", ".config", ".cache", ".local/share", ".local/state", "tmp"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local/state"))
    config = home / ".config" / "ordertui" / "config.toml"
    monkeypatch.setenv("ORDERTUI_CONFIG", str(config))
    return config


@pytest.fixture
def no_keyring(monkeypatch):
    """No keyring backend: what a headless SSH session has."""
    import keyring
    from keyring.backends import fail

    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())
    yield


@pytest.fixture
def app_factory(isolated_home, no_keyring):
    """Build the app the way ``ordertui`` does, with a frozen clock and an empty home."""
    from ordertui.cli import make_app

    def factory(**overrides):
        kwargs = dict(sandbox=None, config_path=isolated_home, today=TODAY, now=NOW, seed=1)
        kwargs.update(overrides)
        return make_app(**kwargs)

    factory.config_path = isolated_home
    return factory


async def settle(pilot, app=None) -> None:
    """Wait until all workers finished and the screen is repainted."""
    app = app or pilot.app
    for _ in range(50):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in app.workers):
            break
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch):
    """A blinking cursor makes screenshots depend on timing: every Input/TextArea starts steady."""
    from textual.widgets import Input, TextArea

    for cls in (Input, TextArea):
        original = cls.__init__

        def init(self, *args, __original=original, __cls=cls, **kwargs):
            __original(self, *args, **kwargs)
            self.set_reactive(__cls.cursor_blink, False)

        monkeypatch.setattr(cls, "__init__", init)


@pytest.fixture(autouse=True)
def sandbox_isolation():
    """A test that commits orders in a sandbox system leaves a fresh system for the next test.

    One sandbox system per process is the product's behaviour (every connection sees what another
    committed); in tests it would let an order created by one test use up the stock or credit that
    a later test reads. Systems whose documents did not change are kept (generation costs ~1 s).
    """
    from ordertui.sap.sandbox import connection as sandbox

    before = {key: co.commits for key, co in sandbox._systems.items()}
    yield
    with sandbox._registry_lock:
        for key, co in list(sandbox._systems.items()):
            if co.commits != before.get(key, 0):
                del sandbox._systems[key]
