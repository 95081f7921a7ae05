"""Helpers for shell tests."""

from __future__ import annotations

import dataclasses
from collections import deque

from tests.conftest import NOW, settle


def status_text(app) -> str:
    from ordertui.widgets.status_bar import StatusBar

    return str(app.screen.query_one(StatusBar).render_status())


def freeze_timings(app) -> None:
    """Call durations are real measurements; screenshots pin them so they compare stably."""
    app.desk.call_log = deque(
        (dataclasses.replace(e, seconds=0.012 + 0.001 * (i % 7), at=NOW) for i, e in enumerate(app.call_log)),
        maxlen=app.call_log.maxlen,
    )
    if app.call_log:
        app.last_call = app.call_log[-1]


def count_reparses(monkeypatch) -> list[int]:
    """A list that grows by one each time Textual re-parses the whole style sheet."""
    from textual.css.stylesheet import Stylesheet

    reparsed: list[int] = []
    original = Stylesheet.reparse

    def counted(self):
        reparsed.append(1)
        return original(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    return reparsed


async def settled(pilot) -> None:
    await settle(pilot)
    freeze_timings(pilot.app)
    await pilot.pause()
