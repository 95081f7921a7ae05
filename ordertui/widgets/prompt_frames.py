"""Screens that paint what changed as soon as the app is idle, not at the next tick of a clock.

Textual paints a screen from a 60-per-second clock (``Screen._update_timer``) that it pauses when
nothing changes. The first frame after a pause comes at once; the clock then counts its ticks
from the time it first started, and after a pause its catch-up step (``Timer._run``, ``skip``)
lands one tick too far: the next frame waits 17-33 ms after the last one ended, not 0-17. So an
answer that comes a few milliseconds after a small frame (the "pricing…" header of a requote, a
blink of the cursor in the quantity field) waited up to 33 ms to be painted: a product quote's
own time was 30 ms at the median in one run of the benchmark and 50 ms in the next. And a tick
that comes while a change is still on its way paints half of it: a search's rows in one frame,
the focus moving to them in the next (docs/performance.md, "Fourth pass").

``PromptFrames`` paints the top screen itself. Once the screen's message queue is empty (Textual's
``Idle``) and something waits to be painted, the frame is due at the next event-loop turn, or
``GAP`` after the last frame ended. When it is due it waits a turn more while other work is ready
to run or the app has messages to handle (a widget's own task about to ask for its repaint, the
app about to move the focus), and gives way to the next idle moment while the screen itself has
messages: what changes together is painted together. It paints with Textual's own step
(``_on_timer_update``: the layout if needed, then the changed widgets); Textual's clock is not
started for such a frame. A screen beneath another one, a batch update and a recompose are left
to Textual as before.

``after_frame`` runs work once the next frame is on the screen (what can wait for it: the rows
of a search beyond the first screenful).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from time import monotonic
from typing import Any

from textual import events
from textual.screen import Screen


class PromptFrames(Screen[Any]):
    """A screen that paints at the first idle moment (see the module's docstring)."""

    #: The least time from the end of one frame to the start of the next one this screen starts.
    GAP = 0.004
    #: Event-loop turns a frame waits at most for other ready work (widgets asking for their repaint).
    MAX_TURNS = 20

    _painted_at = 0.0
    _turns = 0
    _frame_due: asyncio.Handle | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._after_frame: list[Callable[[], Any]] = []

    def after_frame(self, callback: Callable[..., Any], *args: Any) -> None:
        """Call ``callback(*args)`` once this screen has painted its next frame. Textual's
        ``call_after_refresh`` runs it at the screen's first idle moment with nothing to paint,
        which can come before the frame: a widget's repaint reaches the screen a message later
        (a search's rest of the first page went in before its first rows were painted)."""
        self._after_frame.append(partial(callback, *args))

    def _compositor_refresh(self) -> None:
        try:
            super()._compositor_refresh()
        finally:
            self._painted_at = monotonic()
        if self._after_frame and self._on_top():  # (a screen beneath paints nothing itself)
            callbacks, self._after_frame = self._after_frame, []
            for callback in callbacks:
                self.call_next(callback)

    async def _on_idle(self, event: events.Idle) -> None:
        # Runs before Screen._on_idle (Textual calls each class's handler along the MRO).
        if not self._wants_frame():
            return  # nothing to paint, or not this screen's to paint: Textual's handler as ever
        if self._frame_due is None:
            self._turns = 0
            loop = asyncio.get_running_loop()
            delay = self._painted_at + self.GAP - monotonic()
            self._frame_due = loop.call_later(delay, self._frame_now) if delay > 0 else loop.call_soon(self._frame_now)
        # The frame is this screen's: Textual's handler would only start its clock for it (which
        # then paints when its tick comes, whether or not the rest of the change has arrived).
        event.prevent_default()

    def _wants_frame(self) -> bool:
        return (
            self.is_attached
            and not self._closing
            and self._on_top()  # the top screen; one beneath (under a dialog) is Textual's to paint
            and not self.app._batch_count
            and bool(self._layout_required or self._scroll_required or self._repaint_required or self._dirty_widgets)
        )

    def _on_top(self) -> bool:
        """Whether this is the screen shown. (Not ``app.screen``, which raises when the current
        mode has no screen: the app closing, while a screen made ahead of its use, in no stack,
        still gets its Idle events.)"""
        try:
            stack = self.app.screen_stack
        except KeyError:  # (no current mode)
            return False
        return bool(stack) and stack[-1] is self

    def _frame_now(self) -> None:
        self._frame_due = None
        if not self._message_queue.empty():
            return  # more is on its way: the next idle moment paints it with the rest
        loop = asyncio.get_running_loop()
        busy = getattr(loop, "_ready", None) or not self.app._message_queue.empty()
        if busy and self._turns < self.MAX_TURNS:
            # Other work is ready to run first (a widget's own task about to ask for its repaint,
            # the app about to move the focus): one more turn, so that what changed together is
            # painted together.
            self._turns += 1
            self._frame_due = loop.call_soon(self._frame_now)
            return
        if self._wants_frame():
            self._on_timer_update()
