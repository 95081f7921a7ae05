"""Start the real app (``app_factory`` → ``make_app``) with a gateway of the test's choosing, opening
on one area (``make_app(start_area=...)``) once the session is open.

Nothing of the app is replaced: what reached its central error handler is read from what the user
was shown (``errors_shown``), and waiting is ``tests.conftest.settle``.
"""

from __future__ import annotations

import dataclasses
import weakref

from tests.conftest import settle
from tests.fakes.gateway import FakeGateway

# The caller on the phone when the test starts, per app, until ``start`` sets it.
_callers: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_started: weakref.WeakSet = weakref.WeakSet()


def make(app_factory, gateway=None, area: str = "customers", customer=None):
    """The app as ``ordertui`` builds it, opening on ``area``; ``customer`` is on the phone."""
    kwargs = {"gateway": gateway} if gateway is not None else {}
    app = app_factory(start_area=area, **kwargs)
    if customer is not None:
        _callers[app] = customer
    return app


async def start(app, pilot) -> None:
    """Wait for the session to open and the test's area to show (idempotent)."""
    if app in _started:
        await pilot.pause()
        return
    for _ in range(500):
        if app.session is not None and app.current_mode != "home":
            break
        await pilot.pause(0.02)
    assert app.session is not None, "the session did not open"
    customer = _callers.pop(app, None)
    if customer is not None:
        app.set_current_customer(customer)
    _started.add(app)
    await pilot.pause()


def errors_shown(app) -> list[str]:
    """What the app's central error handler showed the user, in the user's words: an error dialog
    on the stack, an error toast on the screen, the login screen's reason. ``[]``: nothing."""
    from textual.widgets import Static

    from ordertui.widgets.error_dialog import ErrorDialog

    shown = [f"error dialog: {s.query_one('.title', Static).render()}" for s in app.screen_stack if isinstance(s, ErrorDialog)]
    shown += [f"error toast: {toast.render()}" for toast in app.screen.query("Toast.-error")]
    if app.current_mode == "login" and app.login_reason:
        shown.append("login: " + ": ".join(app.login_reason))
    return shown


# --------------------------------------------------------------------------- snapshot scenarios


def scenario(*steps):
    """run_before: open the area, then type/press/do the steps, settling after each.

    Keys of one step come at typing speed, and the next step before the screen's typing pause
    ends (``settle(timers=False)``): ``typed("dayton"), ("enter",)`` is "dayton⏎", a search at
    once, the field keeping the focus."""

    async def run(pilot):
        await start(pilot.app, pilot)
        await settle(pilot, timers=False)
        for step in steps:
            if callable(step):
                step(pilot.app)
            else:
                await pilot.press(*step)
            await settle(pilot, timers=False)
        steady_call_duration(pilot.app)
        await pilot.pause()

    return run


def steady_call_duration(app) -> None:
    """The status bar shows the last call's measured duration, which varies run to run; the
    screenshot shows a fixed one (the call log and the figures in bench/ measure the real ones)."""
    if app.last_call is not None:
        app.last_call = dataclasses.replace(app.last_call, seconds=0.004)


def typed(text):
    return tuple(text)


__all__ = ["FakeGateway", "errors_shown", "make", "scenario", "settle", "start", "typed"]
