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

import asyncio
import datetime as dt
import time
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


def eventually(get, seconds: float = 5.0):
    """What ``get()`` returns once it is truthy (polled for up to ``seconds``): the update task is a
    timer thread, late on a busy machine, never early."""
    deadline = time.monotonic() + seconds
    while not (value := get()) and time.monotonic() < deadline:
        time.sleep(0.02)
    return value


async def waited(pilot, condition, seconds: float = 5.0) -> bool:
    """Whether ``condition()`` came true within ``seconds``: a timer fires late on a busy machine,
    never early, so the checks wait for what it does rather than for a fixed time."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


def palette_offers(app, text: str) -> bool:
    """Whether the command palette is open with an option saying ``text`` highlighted (its search
    runs in the background: Enter before it has found anything selects nothing)."""
    from textual.command import CommandList, CommandPalette

    screen = app.screen
    if not isinstance(screen, CommandPalette):
        return False
    options = screen.query_one(CommandList)
    index = options.highlighted
    return index is not None and text.lower() in str(options.get_option_at_index(index).prompt).lower()


async def settle(pilot, app=None, *, timers: bool = True, timeout: float = 30.0) -> None:
    """Wait until the app is quiet, then for the screen to be repainted: THE settle of the suite.

    Quiet means, checked again after each wait because one thing starts the next:
    - no one-shot timer pending in the current screen stack (a search typed into a field starts
      after the screen's typing pause, ``SEARCH_DEBOUNCE``; Textual's own short effects too) —
      unless ``timers=False``: the next keys come before the pause ends, as when a scenario
      types a query and presses Enter (Enter searches at once and cancels the pause);
    - no screen still being built (a customer detail made ahead composes in its own task);
    - no worker running (SAP calls; a finished one may post a message that starts another);
    - no animation scheduled.
    Toasts are not waited for: their timer is how long a notification stays on screen.
    Raises AssertionError naming what is still busy after ``timeout`` seconds.
    ``settle(app, pilot)`` is accepted too (the screen tests' old helpers took that order).
    """
    from textual.app import App

    if isinstance(pilot, App):
        pilot, app = app, pilot
    app = app or pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        await pilot.pause()
        pending = pending_timers(app) if timers else []
        running = [w for w in app.workers if not w.is_finished]
        if building_screens(app):
            await pilot.pause(0.01)
            if loop.time() < deadline:
                continue
            raise AssertionError(f"a screen was still being built after {timeout} s: {building_screens(app)}")
        if not pending and not running:
            await pilot.wait_for_scheduled_animations()
            if all(w.is_finished for w in app.workers) and not (timers and pending_timers(app)):
                break
            continue
        left = deadline - loop.time()
        if left <= 0:
            busy = [f"worker {w.name or w.group}" for w in running] + [f"timer {t.name}" for t in pending]
            raise AssertionError(f"the app did not settle in {timeout} s: {', '.join(busy)}")
        if pending:
            await asyncio.wait([t._task for t in pending], timeout=left)
        else:
            # A failed worker is the central handler's business (see what the user was shown);
            # here it only has to be over.
            waits = asyncio.gather(*(w.wait() for w in running), return_exceptions=True)
            try:
                await asyncio.wait_for(waits, timeout=left)
            except asyncio.TimeoutError:
                pass
    await pilot.pause()


async def burst(pilot, *keys: str) -> None:
    """Keys typed faster than the screen reacts: all queued before any is handled (a fast typist
    while the loop was busy, tmux, a password manager's auto-type)."""
    from textual import events

    app = pilot.app
    specials = {"enter": "\r", "tab": "\t", "space": " ", "minus": "-", "plus": "+", "backspace": "\x7f", "ctrl+u": "\x15"}
    for key in keys:
        character = key if len(key) == 1 else specials.get(key)
        app.post_message(events.Key(key, character))
    await settle(pilot)


def building_screens(app) -> list:
    """Screens started (composing, mounting) but not yet mounted: one pushed a moment ago, or one
    made ahead of its use (``customer_detail.prepare_detail``)."""
    from textual.screen import Screen

    return [node for node in list(app._registry) if isinstance(node, Screen) and node.is_running and not node.is_mounted]


def pending_timers(app) -> list:
    """One-shot timers not yet fired on any widget or screen of the current screen stack.

    Textual offers no public list of a node's timers: this reads ``_timers``, ``_repeat`` and
    ``_task`` (textual is pinned exactly; an upgrade that renames them fails here loudly).
    """
    found = []
    for screen in app.screen_stack:
        for node in screen.walk_children(with_self=True):
            if type(node).__name__ == "Toast":
                continue
            for timer in list(node._timers):
                task = timer._task
                if timer._repeat == 0 and task is not None and not task.done() and timer.name != "tooltip-timer":
                    found.append(timer)
    return found


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
    from ordertui.sap.sandbox.connection import fresh_after_commits

    with fresh_after_commits():
        yield


@pytest.fixture(autouse=True, scope="module")
def sandbox_isolation_per_module():
    """The same around a whole module, for what a module-scoped fixture commits before the first
    test's own isolation starts (tests/sap/test_usage.py records a gateway session that creates
    an order): without it that order stays in the shared system for every later module."""
    from ordertui.sap.sandbox.connection import fresh_after_commits

    with fresh_after_commits():
        yield
