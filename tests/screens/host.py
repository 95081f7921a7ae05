"""Start the real app (``app_factory`` → ``make_app``) with a gateway of the test's choosing, opening
on one area (``make_app(start_area=...)``) once the session is open."""

from __future__ import annotations

import dataclasses

from tests.fakes.gateway import FakeGateway


def make(app_factory, gateway=None, area: str = "customers", customer=None):
    """The app as ``ordertui`` builds it; ``app.errors`` records what reached the central handler."""
    kwargs = {"gateway": gateway} if gateway is not None else {}
    app = app_factory(start_area=area, **kwargs)
    app.start_customer = customer
    app.errors = []
    central = app.handle_sap_error

    def record(error, *, group=""):
        app.errors.append(error)
        central(error, group=group)

    app.handle_sap_error = record
    return app


async def start(app, pilot) -> None:
    """Wait for the session to open, then go to the test's area (idempotent)."""
    if getattr(app, "_started", False):
        await pilot.pause()
        return
    for _ in range(500):
        if app.session is not None and app.current_mode != "home":
            break
        await pilot.pause(0.02)
    assert app.session is not None, "the session did not open"
    if app.start_customer is not None:
        app.current_customer = app.start_customer
    app._started = True
    await pilot.pause()


# --------------------------------------------------------------------------- snapshot scenarios


async def settle(pilot):
    app = pilot.app
    for _ in range(40):
        await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        if not any(w.is_running for w in app.workers):
            break
    await pilot.pause()


def scenario(*steps):
    """run_before: open the area, then type/press/do the steps, settling after each."""

    async def run(pilot):
        await start(pilot.app, pilot)
        await settle(pilot)
        for step in steps:
            if callable(step):
                step(pilot.app)
            else:
                await pilot.press(*step)
            await settle(pilot)
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


__all__ = ["FakeGateway", "make", "scenario", "settle", "start", "typed"]
