"""The base of every ordertui screen: the typed app and desk, and the one way to call SAP.

What a screen may touch:

- ``self.shell`` is the app as ordertui's ``Shell`` protocol (``ordertui.shell``, typed): ``go``,
  ``has_area``, ``handle_sap_error``, ``show_login``, ``set_current_customer`` … and the
  reactives ``session``, ``current_customer``, ``online``, ``last_call``, ``connecting``; Textual's
  own API (``push_screen``, ``notify``, ``switch_mode``) stays on ``self.app``. Screens never
  import ``ordertui.app``: the app sits above them;
- ``self.desk`` is the UI-free ``Desk`` (profiles, call log, clock, banners);
- ``self.session`` / ``self.gateway``: the logged-on session and its ``SapGateway`` (raise
  ``RuntimeError`` before logon).

Every SAP call goes through ``fetch``: the call starts at once on a thread of the event loop's
executor and a worker awaits it (exclusive in its group, so a newer request supersedes an older
one), the answer comes back to the event loop as
a message and is delivered to ``on_done`` only while its request token is still current;
SAP errors go to ``on_error`` or, without one, to the app's one central handler. A bug in the
call (any other exception) fails the worker and ends up in the same central handler.
Answers to what a screen asks before it is first shown (in ``compose``, ``on_mount`` or its first
``on_screen_resume``) are painted in its first layout: see ``FIRST_FRAME_HOLD``.

The status bar and footer (``ShellBar``) are composed by the base class: do not yield a Footer
or StatusBar yourself.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from textual import events, on
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from ordertui.widgets.prompt_frames import PromptFrames

if TYPE_CHECKING:
    from textual.app import App

    from ordertui.desk import Desk
    from ordertui.sap.gateway import SapGateway
    from ordertui.session import Session
    from ordertui.shell import Shell

T = TypeVar("T")
S = TypeVar("S", bound=Screen[Any])

_serials = itertools.count(1)


def area_root(app: App[Any], area: str, cls: type[S]) -> S | None:
    """Switch to ``area`` and close what is stacked on its first screen: that screen, if it is a
    ``cls`` (None when the area cannot be opened)."""
    if app.current_mode != area and not cast("Shell", app).go(area):
        return None
    while len(app.screen_stack) > 1 and not isinstance(app.screen, cls):
        app.pop_screen()
    screen = app.screen
    return screen if isinstance(screen, cls) else None


def _running_app() -> App[Any] | None:
    """The app whose handler is running (None for a screen built outside one, in a test)."""
    from textual._context import active_app

    try:
        return active_app.get()
    except LookupError:
        return None


def _css_count(app: App[Any] | None) -> int | None:
    """Textual's count of style-sheet changes (a new theme adds one), None when unknown."""
    count = getattr(app, "_css_update_count", None)
    return count if isinstance(count, int) else None


def _retrieved(future: asyncio.Future[Any]) -> None:
    """A fetch's failure is the worker's to report; one whose worker was cancelled first (a newer
    request superseded it) is looked at here, so asyncio does not log it as never retrieved."""
    if not future.cancelled():
        future.exception()


#: How long (seconds) a new screen's first layout waits for the answers to the calls it started
#: before it was shown (in compose, on_mount, its first on_screen_resume), counted from the
#: first. Answers in by then are painted in that layout; later ones as they come, as ever.
#: Without it a customer detail was laid out and drawn twice: once with empty parts (its answers
#: waited in the screen's queue behind its ScreenResume, though SAP had answered) and again at
#: least a frame's interval later with the figures (docs/performance.md, "Sixth pass"). Short
#: enough that a slow SAP's spinners are not noticeably late.
FIRST_FRAME_HOLD = 0.05

#: How long (seconds) that first layout waits, after the early answers were painted, for the
#: widgets they put on the screen to be mounted (a few milliseconds; ``SapScreen._mounted``).
MOUNT_WAIT = 0.25


@dataclass(frozen=True)
class Token:
    """One request: an answer carrying an older token of the same group is stale."""

    group: str
    serial: int


@dataclass
class Fetched(Message, Generic[T]):
    """The answer of one ``fetch`` (posted from the worker thread to the screen)."""

    token: Token
    value: T | None
    error: Exception | None
    at: dt.datetime
    on_done: Callable[[T, dt.datetime], None]
    on_error: Callable[[Exception, dt.datetime], None] | None
    on_stale: Callable[[T], None] | None = None


class SapScreen(PromptFrames):
    """A screen of ordertui, with the shell's status bar and footer."""

    #: Whether this screen needs a logged-on session (the area keys are refused before).
    NEEDS_SESSION = True
    #: The title help shows for this screen ("Keys — <HELP_TITLE>").
    HELP_TITLE = ""
    #: One paragraph help shows under the keys.
    HELP = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._current_tokens: dict[str, int] = {}
        self._under_overlay = False
        #: fetches running now (by id of their worker: workers do not hash), with when each
        #: started (time.monotonic), for the status bar
        self._requests: dict[int, tuple[Worker[Any], float]] = {}
        app = _running_app()
        #: the style sheet's generation this screen is styled with (its widgets mount with it)
        self._css_generation = _css_count(app)
        if self._css_generation is not None and getattr(app, "css_refreshed_at", None) == self._css_generation:
            # The style sheet was brought up to date at this generation (``OrderTuiApp.refresh_css``):
            # Textual would otherwise re-read every source of it (app.tcss and each widget's CSS,
            # parsed afresh) and restyle every widget of the app when a new screen first opens an
            # area, twice (~25 ms each on the 2-core machine, docs/performance.md). Not before
            # the first refresh at start-up: that one brings in the theme. A theme chosen later
            # restyles everything, as ever.
            self._css_update_count = self._css_generation
        self._resumed = False
        #: answers to fetches started before the first ScreenResume, kept for its layout
        #: (``_show_early_answers``); None once the screen has been shown. Filled from workers'
        #: threads, under the lock.
        self._early: list[Fetched[Any]] | None = []
        self._early_lock = threading.Lock()
        #: those fetches' calls, and when the first of them started (``time.monotonic``)
        self._early_calls: list[asyncio.Future[Any]] = []
        self._early_since: float | None = None
        if app is not None:
            self._take_breakpoint_classes(*app.size)

    # ------------------------------------------------------------------ styles, once
    def _take_breakpoint_classes(self, width: int, height: int) -> None:
        """Start with the breakpoint classes of today's terminal size. Textual sets them at the
        screen's first Resize, after its widgets were mounted and styled, and a class that
        changes then restyles every widget of the screen again (5 ms on a customer detail)."""
        for dimension, breakpoints in (
            (width, self.HORIZONTAL_BREAKPOINTS or []),
            (height, self.VERTICAL_BREAKPOINTS or []),
        ):
            chosen = [name for at, name in sorted(breakpoints, reverse=True) if dimension >= at][:1]
            if chosen:
                self.add_class(*chosen, update=False)

    @on(events.ScreenResume)
    def _styles_are_fresh(self, event: events.ScreenResume) -> None:
        """A new screen's first resume restyles nothing: its widgets were styled as they mounted,
        moments ago. Textual restyles the whole screen at every resume (for a screen coming back
        after the theme changed); that second pass cost 5 ms per opened customer detail. Only
        when the style sheet changed since this screen was made does the first resume restyle."""
        if not self._resumed:
            self._resumed = True
            if self._css_generation is not None and self._css_generation == _css_count(self.app):
                event.refresh_styles = False

    @on(events.ScreenResume)
    def _bar_catches_up(self) -> None:
        """The status bar repaints what changed while this screen was hidden (it only noted it)."""
        from ordertui.widgets.status_bar import ShellBar

        for shell_bar in self.query_children(ShellBar):
            shell_bar.status.catch_up()

    # ------------------------------------------------------------------ what a screen reaches
    @property
    def shell(self) -> Shell:
        return cast("Shell", self.app)

    @property
    def desk(self) -> Desk:
        return self.shell.desk

    @property
    def session(self) -> Session:
        session = self.shell.session
        if session is None:
            raise RuntimeError("no SAP session yet")
        return session

    @property
    def gateway(self) -> SapGateway:
        return self.session.gateway

    # ------------------------------------------------------------------ requests
    def new_token(self, group: str) -> Token:
        """A fresh request token for ``group``; answers carrying an older one are dropped."""
        token = Token(group, next(_serials))
        self._current_tokens[group] = token.serial
        return token

    def is_wanted(self, token: Token) -> bool:
        return self._current_tokens.get(token.group) == token.serial

    def forget(self, group: str) -> None:
        """Whatever is in flight for ``group`` is no longer wanted."""
        self._current_tokens.pop(group, None)

    def fetch(
        self,
        call: Callable[[], T],
        on_done: Callable[[T, dt.datetime], None],
        *,
        group: str,
        token: Token | None = None,
        on_error: Callable[[Exception, dt.datetime], None] | None = None,
        on_stale: Callable[[T], None] | None = None,
    ) -> Token:
        """Run ``call`` (a gateway call) off the event loop; hand its answer to ``on_done(value, at)``
        if ``token`` (default: a new one for ``group``) is still current when it arrives.

        ``group`` is also the worker group: a newer fetch in it cancels the older worker.
        SAP errors (and ``ValueError``, the adapter's refusal of what SAP would refuse) go to
        ``on_error(error, at)``, or to the app's central handler without one. ``on_stale(value)``
        is given an answer nobody wants any more (e.g. to log off a superseded logon's session).
        """
        if token is None:
            token = self.new_token(group)
        now = self.desk.now

        def work() -> None:
            from ordertui.sap.errors import SapError

            try:
                value = call()
            except (SapError, ValueError) as error:
                self._fetch_answered(Fetched(token, None, error, now(), on_done, on_error))
            else:
                self._fetch_answered(Fetched(token, value, None, now(), on_done, on_error, on_stale))

        # The call starts on its thread now, not when the worker's task first runs: that task
        # waits behind the messages and frames already queued (the new screen's restyle, layout
        # and first frame: 20-30 ms on a customer detail, docs/performance.md). The worker awaits
        # it, so groups, cancelling, the status bar and failures work as for a thread worker.
        pending = asyncio.get_running_loop().run_in_executor(None, work)
        pending.add_done_callback(_retrieved)
        if self._early is not None:
            self._early_calls.append(pending)
            if self._early_since is None:
                self._early_since = time.monotonic()
        worker = self.run_worker(pending, name=group, group=group, exclusive=True, exit_on_error=False)
        self._requests = {key: (w, t) for key, (w, t) in self._requests.items() if not (w.is_finished or w.is_cancelled)}
        self._requests[id(worker)] = (worker, time.monotonic())
        self._requests_changed()
        return token

    def requests_running(self) -> tuple[int, float | None]:
        """How many SAP requests this screen is waiting for, and since when (``time.monotonic``)."""
        # a superseded fetch is cancelled: its answer will be dropped, nobody waits for it
        running = [started for worker, started in self._requests.values() if not (worker.is_finished or worker.is_cancelled)]
        return len(running), (min(running) if running else None)

    def _requests_changed(self) -> None:
        from ordertui.widgets.status_bar import ShellBar

        # the screen's own children only: a query of the whole screen walked every widget at
        # each request started and ended (ten on a customer detail)
        for shell_bar in self.query_children(ShellBar):
            if shell_bar.status.is_mounted:  # (not yet while the screen mounts)
                shell_bar.status.requests_changed()

    def _fetch_answered(self, message: Fetched[Any]) -> None:
        """(On a worker's thread.) The answer goes to the screen's queue, or, before the screen
        was first shown, to the answers its first layout paints."""
        with self._early_lock:
            if self._early is not None:
                self._early.append(message)
                return
        self.post_message(message)

    @on(events.ScreenResume)
    async def _show_early_answers(self, _event: events.ScreenResume) -> None:
        """Before the first layout (Textual's own ScreenResume handler, which runs after this
        one, lays the screen out and draws it): paint the answers to the calls started while the
        screen was built, waiting for them up to ``FIRST_FRAME_HOLD`` after the first started.
        While this waits, keys queue; none are lost. (A screen closed before it was ever shown
        drops them, as its closed queue drops any answer.)"""
        if self._early is None:
            return
        calls, self._early_calls = self._early_calls, []
        if calls and self._early_since is not None:
            left = FIRST_FRAME_HOLD - (time.monotonic() - self._early_since)
            if left > 0:
                await asyncio.wait(calls, timeout=left)
        self._stop_early()
        await self._mounted(MOUNT_WAIT)

    async def _mounted(self, timeout: float) -> None:
        """Wait (up to ``timeout`` seconds) until every widget on the screen is mounted. Textual
        leaves a widget out of any layout made before its Mount event is handled: the tables and
        texts the early answers just put in their parts would have been left out of the first
        layout, drawn as empty parts, and only drawn a layout later."""
        pending = [widget for widget in self.walk_children(Widget, with_self=False) if not widget.is_mounted]
        if not pending:
            return
        waits: list[asyncio.Future[Any]] = [asyncio.ensure_future(widget._mounted_event.wait()) for widget in pending]
        _done, late = await asyncio.wait(waits, timeout=timeout)
        for wait in late:
            wait.cancel()  # (a widget removed before it mounted never will be)

    def _stop_early(self) -> None:
        """From now on answers go through the screen's queue; those kept until now are delivered."""
        with self._early_lock:
            early, self._early = self._early, None
        for message in early or ():
            self._deliver(message)

    @on(Fetched)
    def _deliver(self, message: Fetched[Any]) -> None:
        message.stop()
        if not self.is_wanted(message.token):
            # a newer request was made since, or the screen moved on
            if message.on_stale is not None and message.error is None:
                message.on_stale(message.value)
            return
        if message.error is None:
            message.on_done(message.value, message.at)
        elif message.on_error is not None:
            message.on_error(message.error, message.at)
        else:
            self.shell.handle_sap_error(message.error, group=message.token.group)

    # ------------------------------------------------------------------ coming back
    @on(events.ScreenSuspend)
    def _note_what_covers(self, _event: events.ScreenSuspend) -> None:
        # Posted before the cover is on top and handled after: app.screen is the cover now.
        top = self.app.screen
        self._under_overlay = top is not self and isinstance(top, ModalScreen)

    def returning_from_overlay(self) -> bool:
        """In ``on_screen_resume``: whether what just closed was an overlay on this screen (help,
        the command palette, a dialog) rather than another screen or area the user went to.

        Live data is fetched afresh when the user comes back to a screen, not when an overlay
        that changed nothing closes (issue 8 item 11).
        """
        return self._under_overlay

    # ------------------------------------------------------------------ shell furniture
    def _extend_compose(self, widgets: list[Widget]) -> None:
        # Textual's hook for what a screen adds to its own compose (its tooltip, its toasts): the
        # shell bar is mounted with the screen's widgets. Mounted afterwards, in on_mount, it
        # cost every screen a second mount pass and a second layout before its first full
        # frame (9 ms of the start-up's first screen).
        from ordertui.widgets.status_bar import ShellBar

        super()._extend_compose(widgets)
        if not any(isinstance(widget, ShellBar) for widget in widgets):
            widgets.append(ShellBar())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.is_finished and self._requests.pop(id(event.worker), None) is not None:
            self._requests_changed()
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.shell.handle_sap_error(event.worker.error, group=event.worker.group)
