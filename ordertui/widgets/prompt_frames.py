"""Screens that paint what changed as soon as the app is idle, not at the next tick of a clock.

Textual paints a screen from a 60-per-second clock (``Screen._update_timer``) that it pauses when
nothing changes. The first frame after a pause comes at once; the clock then counts its ticks
from the time it first started, and after a pause its catch-up step (``Timer._run``, ``skip``)
lands one tick too far: the next frame waits 17-33 ms after the last one ended, not 0-17. So an
answer that comes a few milliseconds after a small frame (the "pricing…" header of a requote, a
blink of the cursor in the quantity field) waits up to 33 ms to be painted: a product quote's own
time was 30 ms at the median in one run of the benchmark and 50 ms in the next
(docs/performance.md, "Fourth pass").

``PromptFrames`` paints when the screen has nothing left to handle: once its message queue is
empty (Textual's ``Idle``) and something waits to be painted, it paints at one event-loop turn
later, or, when it painted less than ``GAP`` ago, at ``GAP`` after that frame (never more than
Textual's 60 frames a second). It paints with Textual's own step (``_on_timer_update``: layout if
needed, then the changed widgets), and Textual's clock goes on beside it: whichever comes first
paints, the other finds nothing to do. Messages still on their way when the time comes (the parts
of one answer each ask for their repaint in turn) defer the frame to the next idle moment, so
what arrives together is painted together, as before.
"""

from __future__ import annotations

import asyncio
from time import monotonic
from typing import Any

from textual import events
from textual.screen import UPDATE_PERIOD, Screen


class PromptFrames(Screen[Any]):
    """A screen that paints at the first idle moment (see the module's docstring)."""

    #: The least time from the end of one frame to the start of the next one this screen starts.
    GAP = 0.004
    #: Event-loop turns a frame waits at most for other ready work (widgets asking for their repaint).
    MAX_TURNS = 20

    _painted_at = 0.0
    _turns = 0
    _frame_due: asyncio.Handle | None = None

    def _compositor_refresh(self) -> None:
        try:
            super()._compositor_refresh()
        finally:
            self._painted_at = monotonic()

    async def _on_idle(self, event: events.Idle) -> None:
        # Runs before Screen._on_idle (Textual calls each class's handler along the MRO), which
        # resumes Textual's clock for the same frame.
        if self._frame_due is None and self._wants_frame():
            self._turns = 0
            loop = asyncio.get_running_loop()
            delay = self._painted_at + self.GAP - monotonic()
            self._frame_due = loop.call_later(delay, self._frame_now) if delay > 0 else loop.call_soon(self._frame_now)

    def _wants_frame(self) -> bool:
        return (
            self.is_attached
            and not self._closing
            and self.app.screen is self  # the top screen; one beneath (under a dialog) is Textual's to paint
            and not self.app._batch_count
            and bool(self._layout_required or self._scroll_required or self._repaint_required or self._dirty_widgets)
        )

    def _frame_now(self) -> None:
        self._frame_due = None
        if not self._message_queue.empty():
            return  # more is on its way: the next idle moment paints it with the rest
        loop = asyncio.get_running_loop()
        if getattr(loop, "_ready", None) and self._turns < self.MAX_TURNS:
            # Other work is ready to run first (a widget's own task about to ask for its repaint):
            # one more turn, so that what changed together is painted together.
            self._turns += 1
            self._frame_due = loop.call_soon(self._frame_now)
            return
        if self._wants_frame():
            self._on_timer_update()
