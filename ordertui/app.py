"""The Textual application: modes, global keys, command palette, status state, error handling.

The app builds no SAP session itself: it holds one ``Desk`` (``ordertui.desk``, no Textual),
runs the desk's blocking open/logon calls in thread workers and mirrors the desk's state into
reactives the widgets watch (``session``, ``online``, ``last_call``, ``connecting``,
``current_customer``). Screens run their own SAP calls (``ordertui.screens.base.SapScreen.fetch``).
Failed workers end up in ``handle_sap_error``.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import deque
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive, var
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import Worker, WorkerState

from ordertui.areas import AREAS, Area, load_screen_class
from ordertui.desk import Connector, Desk, GatewayFactory
from ordertui.idle_gc import CHECK_EVERY, IdleCollector
from ordertui.messages import CallRecorded, LoginReasonChanged, SessionFailed, SessionOpened

if TYPE_CHECKING:
    # Typing only: the model, session and SAP layer load in the session worker, after the
    # first paint (start-up budget).
    from rich.console import RenderableType
    from textual.command import Provider

    from ordertui.config import Profile
    from ordertui.model import CallEvent, CustomerHit
    from ordertui.sap.gateway import SapGateway
    from ordertui.session import Session

HIGH_CONTRAST = Theme(
    name="ordertui-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FF00FF",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#262626",
    boost="#333333",
    success="#00FF00",
    warning="#FFD700",
    error="#FF4040",
    dark=True,
    variables={
        "text-muted": "#FFFFFF",
        "footer-key-foreground": "#FFFF00",
        "input-selection-background": "#FFFF00 50%",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-background": "#808000",
        "block-cursor-blurred-foreground": "#FFFFFF",
    },
)

#: Themes offered in the palette; the first is the default.
THEMES = ("textual-dark", "textual-light", HIGH_CONTRAST.name)


def _area_mode(area: Area) -> Callable[[], Screen]:
    def make() -> Screen:
        screen: Screen = load_screen_class(area.screen)()
        return screen

    return make


def _home() -> Screen:
    from ordertui.screens.home import HomeScreen

    return HomeScreen()


def _login() -> Screen:
    from ordertui.screens.login import LoginScreen

    return LoginScreen()


def _lock() -> Screen:
    from ordertui.screens.lock import LockScreen

    return LockScreen()


def _recent_customers() -> type[Provider]:
    from ordertui.screens.recent_customers import RecentCustomersProvider

    return RecentCustomersProvider


class OrderTuiApp(App[None]):
    TITLE = "ordertui"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {_recent_customers}  # the session's recent customers (memory only)
    DEFAULT_MODE = "home"
    MODES = {"home": _home, "login": _login, "lock": _lock, **{a.id: _area_mode(a) for a in AREAS}}
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="help"),
        Binding("escape", "back", "Back", id="back"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("f12", "call_log", "Calls", id="call_log"),
        Binding("f10", "home", "Home", id="home", show=False),
        *[Binding(a.key, f"go('{a.id}')", a.title, id=f"area_{a.id}") for a in AREAS],
    ]

    #: The logged-on SAP session (None before login / while the sandbox starts); mirrors the desk.
    session: var[Session | None] = var(None, init=False)
    #: The customer on the phone; screens watch it (``self.watch(self.app, "current_customer", cb)``).
    current_customer: reactive[CustomerHit | None] = reactive(None, init=False)
    #: None = unknown yet, True after a successful call, False after SapUnreachable.
    online: var[bool | None] = var(None, init=False)
    #: (set once per burst of calls; watchers read the rest from ``desk.calls_recorded``)
    last_call: var[CallEvent | None] = var(None, init=False, always_update=True)
    connecting: var[bool] = var(False, init=False)

    def __init__(
        self,
        *,
        profiles: dict[str, Profile] | None = None,
        profile: Profile | None = None,
        sandbox_factory: GatewayFactory | None = None,
        connector: Connector | None = None,
        today: dt.date | None = None,
        now: dt.datetime | None = None,
        theme: str = "",
        keymap: dict[str, str] | None = None,
        config_path: object = None,
        start_area: str = "",
        config_problem: str = "",
        idle_lock_seconds: float = 0.0,
    ) -> None:
        super().__init__()
        self.register_theme(HIGH_CONTRAST)
        #: a theme named in the config file that this version does not know (said on start)
        self.unknown_theme = theme if theme and theme not in self.available_themes else ""
        self.theme = theme if theme in self.available_themes else THEMES[0]
        # Textual made the style sheet with its default theme's variables; the rules are parsed
        # when first needed, so with these they come out in this theme from the first parse on
        # (``refresh_css``: no second parse of every source at start-up).
        self.stylesheet.set_variables(self.get_css_variables())
        #: the theme the config file holds; a different one chosen in the palette is saved
        self._kept_theme = self.theme
        self.desk = Desk(
            profiles=profiles, profile=profile, sandbox_factory=sandbox_factory,
            connector=connector, today=today, now=now,
        )
        self.desk.call_listener = self._heard_call
        # The sandbox opens after the first paint (on_ready); what is pressed before then waits
        # for it (issue 8 item 10a), and the first frame already says so (set in on_mount, it
        # came a frame late: "Not logged on" painted, then "Connecting…").
        self.connecting = self.desk.profile is None
        self.config_path = config_path
        #: The area to open once the first session is open (tests, ``ordertui --area``).
        self.start_area = start_area
        #: Why the login screen was opened (e.g. "SAP unreachable: ..."); read by the login.
        self.login_reason: tuple[str, str] | None = None
        #: Why the config file was not used (it is corrupt, unreadable or a link); said on start.
        self.config_problem = config_problem
        #: Lock after this many seconds without a key or mouse event (0: never). Issue 11.
        self.idle_lock_seconds = idle_lock_seconds
        self.locked = False
        self._last_input = time.monotonic()
        #: full garbage collections when no key comes and no request runs (issue 12)
        self.idle_gc = IdleCollector(busy=self._requests_running, last_input=lambda: self._last_input)
        self.keymap: dict[str, str] = dict(keymap or {})
        if keymap:
            self.set_keymap(keymap)

    # ------------------------------------------------------------------ the desk, for screens and tests
    @property
    def profiles(self) -> dict[str, Profile]:
        return self.desk.profiles

    @property
    def profile(self) -> Profile | None:
        return self.desk.profile

    @property
    def call_log(self) -> deque[CallEvent]:
        return self.desk.call_log

    def today(self) -> dt.date:
        return self.desk.today()

    def now(self) -> dt.datetime:
        return self.desk.now()

    def banners(self) -> list[tuple[str, str]]:
        return self.desk.banners()

    # ------------------------------------------------------------------ start
    def on_mount(self) -> None:
        # Thread workers on daemon threads that quitting does not wait for (issue 11: a worker
        # blocked in an RFC call kept the process alive up to the call timeout after Ctrl+Q).
        import asyncio

        from ordertui.desk import AbandoningExecutor

        asyncio.get_running_loop().set_default_executor(AbandoningExecutor())
        # Textual 8.2 keeps removed widgets alive (ordertui/widgets/textual_fixes.py; issue 12)
        from ordertui.widgets import textual_fixes

        textual_fixes.install(self)
        self.idle_gc.start()
        self.set_interval(CHECK_EVERY, self.idle_gc.tick, name="idle-gc")
        if self.idle_lock_seconds > 0:
            self.set_interval(min(1.0, self.idle_lock_seconds / 4), self._check_idle, name="idle-lock")
        if self.desk.profile is not None:
            self.switch_mode("login")

    # ------------------------------------------------------------------ the theme, kept
    def refresh_css(self, animate: bool = True) -> None:
        from ordertui.widgets.textual_fixes import rules_kept

        if self.get_css_variables() == self.stylesheet._variables:
            # the same theme: the rules and the parse cache stay; every widget is still restyled
            with rules_kept(self.stylesheet):
                super().refresh_css(animate)
        else:
            super().refresh_css(animate)
        #: Textual's count of style-sheet changes when the style sheet was last brought up to date
        #: (a new screen made at that count is styled right without another refresh:
        #: ``screens.base.SapScreen``)
        self.css_refreshed_at = self._css_update_count

    def watch_theme(self, theme: str) -> None:
        """A theme chosen in the palette is kept for the next start: a setting in the config
        file (tomlkit keeps the rest of the file as written), never business data."""
        if self.is_running and theme != self._kept_theme:
            self._kept_theme = theme
            self._keep_theme(theme)

    @work(thread=True, group="settings", exit_on_error=False)
    def _keep_theme(self, theme: str) -> None:
        from ordertui import config

        try:
            config.save_setting("theme", theme, self.config_path)  # type: ignore[arg-type]
        except (config.ConfigError, OSError) as error:
            self.call_from_thread(self.notify, f"The theme is used, but not kept for next time: {error}", severity="warning")

    def on_ready(self) -> None:
        if self.unknown_theme:
            self.notify(f"The config file names a theme ordertui does not know ({self.unknown_theme}); using {self.theme}.",
                        severity="warning")
        if self.config_problem:
            self.notify(self.config_problem, title="Config file not used", severity="error", timeout=30)
        # The first screen is painted and takes keys; only now does a worker import the SAP
        # layer and open the sandbox (start-up budget: the import would compete for the GIL).
        if self.desk.profile is None and self.session is None:
            self.open_sandbox()

    def open_sandbox(self) -> None:
        self.connecting = True
        self._open_sandbox_worker()

    @work(thread=True, exclusive=True, group="session", exit_on_error=False)
    def _open_sandbox_worker(self) -> None:
        try:
            session = self.desk.open_sandbox()
        except Exception as error:
            self.post_message(SessionFailed(error))
            return
        self.post_message(SessionOpened(session))

    def on_session_opened(self, message: SessionOpened) -> None:
        self.open_session(message.session, profile=None)

    def on_session_failed(self, message: SessionFailed) -> None:
        self.connecting = False
        self.start_area = ""
        from ordertui.sap.errors import SapError

        error = message.error
        if isinstance(error, SapError):
            # No session: the login says what happened and what to do, and opens it again from
            # there; F2/F3 lead there too instead of doing nothing (issue 8 item 20).
            from ordertui.widgets.error_dialog import explain

            self.show_login(error.title, explain(error))
        else:
            self.handle_sap_error(error, group="session")

    def open_session(self, session: Session, profile: Profile | None) -> None:
        """Make ``session`` (opened for ``profile``, None = sandbox) the app's session."""
        old_gateway = self.desk.install(session, profile)
        self.login_reason = None
        self.connecting = False
        self.current_customer = None
        self.session = session
        self.online = True
        self.refresh_bindings()  # the area keys apply from now on
        if not session.defaults or not session.defaults.sales_area:
            self.notify(
                "Your SAP user has no sales area parameters (VKO/VTW/SPA); searches need one.",
                severity="warning",
            )
        if old_gateway is not None:
            self.idle_gc.thaw()  # what the old session loaded may go
            self.close_gateway(old_gateway)
        # start-up is done: collect once and freeze what is alive, after the next frame
        self.call_after_refresh(self.idle_gc.started_up)
        first = self.start_area
        self.start_area = ""
        self.switch_mode(first if first and self.has_area(first) else "home")
        # Screens of the previous session must not show its data: rebuild the area modes.
        for area in AREAS:
            if self.current_mode != area.id:
                self.remove_mode(area.id)
                self.add_mode(area.id, _area_mode(area))

    @work(thread=True, group="close", exit_on_error=False)
    def close_gateway(self, gateway: SapGateway) -> None:
        """Log a superseded gateway off, off the event loop."""
        self.desk.close_gateway(gateway)

    def on_unmount(self) -> None:
        """Log off from SAP on the way out (in a thread: a real close is a network round trip)."""
        self.idle_gc.stop()
        self.desk.close()

    # ------------------------------------------------------------------ call events
    def _heard_call(self, event: CallEvent) -> None:
        """Desk listener; called on the worker thread that made the call, once per burst."""
        self.post_message(CallRecorded())

    def on_call_recorded(self, _message: CallRecorded) -> None:
        events = self.desk.take_calls()
        for event in events:
            self.desk.record_call(event)
            # each change seen, as the calls came (a var: its watchers run only when it changes;
            # order entry prices again when SAP answers after it did not)
            self.online = self.desk.online
        if events:
            self.last_call = events[-1]

    # ------------------------------------------------------------------ current customer
    def watch_current_customer(self, customer: CustomerHit | None) -> None:
        if customer is not None and self.session is not None:
            self.session.remember_customer(customer)

    def set_current_customer(self, customer: CustomerHit) -> None:
        """The caller on the phone: status bar, palette's recent customers, every screen."""
        self.current_customer = customer
        if self.session is not None:
            # The watcher remembers it too; remembering twice is harmless (it de-duplicates).
            self.session.remember_customer(customer)

    # ------------------------------------------------------------------ errors
    def handle_sap_error(self, error: BaseException, *, group: str = "") -> None:
        """The one place failed workers end up."""
        from ordertui.sap.errors import LogonFailed, PyrfcMissing, SapUnreachable

        if isinstance(error, SapUnreachable):
            self.online = False
            if self.session is None:
                self.show_login(error.title, str(error))
            else:
                self.notify(str(error), title=error.title, severity="error", timeout=8)
        elif isinstance(error, LogonFailed | PyrfcMissing):
            self.show_login(error.title, str(error))
        else:
            from ordertui.widgets.error_dialog import ErrorDialog

            self.push_screen(ErrorDialog(error, group=group, when=self.now()))

    def show_login(self, title: str = "", reason: str = "") -> None:
        self.login_reason = (title, reason) if title or reason else None
        if self.current_mode == "login":
            self.screen.post_message(LoginReasonChanged())
        else:
            self.switch_mode("login")

    # ------------------------------------------------------------------ crash report (issue 11)
    # Textual prints a crash as a Rich traceback with local variables (a typed password, the
    # customer on screen) and the exception's message. ordertui prints ordertui.crash.report:
    # exception types and file:line in function, nothing else.
    def _handle_exception(self, error: Exception) -> None:
        from rich.text import Text
        from textual.worker import WorkerFailed

        from ordertui.crash import report

        self._return_code = 1
        if self._exception is None:  # run_test re-raises it for the test framework
            self._exception = error
            self._exception_event.set()
        self.bell()
        shown = error.error if isinstance(error, WorkerFailed) else error  # the worker's own error
        self._exit_renderables.append(Text(report(shown)))
        self._close_messages_no_wait()

    def _fatal_error(self) -> None:
        import sys

        error = sys.exc_info()[1]
        self._handle_exception(error if isinstance(error, Exception) else RuntimeError())

    def panic(self, *renderables: RenderableType) -> None:
        """Textual's own panics (its input thread's) hand a Rich ``Traceback``: print it safely."""
        from rich.text import Text
        from rich.traceback import Traceback

        from ordertui.crash import report_stacks, short_path

        safe: list[RenderableType] = []
        for renderable in renderables:
            if isinstance(renderable, Traceback):
                stacks = [
                    (stack.exc_type, [(short_path(f.filename), f.lineno, f.name) for f in stack.frames])
                    for stack in renderable.trace.stacks
                ]
                safe.append(Text(report_stacks(list(reversed(stacks)))))
            else:
                safe.append(renderable)
        super().panic(*safe)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.handle_sap_error(event.worker.error, group=event.worker.group)

    # ------------------------------------------------------------------ idle lock (issue 11)
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and not event.is_forwarded:
            self._last_input = time.monotonic()
        await super().on_event(event)

    def _requests_running(self) -> bool:
        """Whether a worker (an SAP request, the session opening) is still running."""
        return any(not worker.is_finished for worker in self.workers)

    def _check_idle(self) -> None:
        if not self.locked and time.monotonic() - self._last_input >= self.idle_lock_seconds:
            self.lock()

    def lock(self) -> None:
        """Lock the desk: switch to the lock screen and throw away every area's screens (and
        with them every widget that showed business data); drafts live on the desk and stay."""
        if self.locked or self.session is None:
            return
        self.locked = True
        self.current_customer = None
        self.idle_gc.thaw()  # no frozen widget of this session may outlive the lock
        from ordertui import format as fmt

        fmt.phone.cache_clear()  # the phone numbers formatted for the screens thrown away below
        self.clear_notifications()
        self.switch_mode("lock")
        for mode in ("home", *(area.id for area in AREAS)):
            self.remove_mode(mode)
            self.add_mode(mode, _home if mode == "home" else _area_mode(next(a for a in AREAS if a.id == mode)))
        self.refresh_bindings()

    def unlock(self) -> None:
        """Called by the lock screen once SAP accepted the password (the sandbox: a key)."""
        if not self.locked:
            return
        self.locked = False
        self._last_input = time.monotonic()
        self.switch_mode("home")
        self.remove_mode("lock")  # a fresh lock screen next time
        self.add_mode("lock", _lock)
        self.refresh_bindings()

    # ------------------------------------------------------------------ areas
    def has_area(self, area_id: str) -> bool:
        """Whether ``area_id`` can be opened in this session (a read-only profile has no writers)."""
        found = next((a for a in AREAS if a.id == area_id), None)
        if found is None:
            return False
        return not (found.writes and self.desk.profile is not None and self.desk.profile.read_only)

    def go(self, area_id: str) -> bool:
        """Open an area (its own screen stack); False, with a word to the user, when it cannot be."""
        if self.session is None:
            if self.connecting:
                # Pressed while SAP is still answering: opened as soon as the session is.
                self.start_area = area_id
                return False
            title, reason = self.login_reason or ("Not logged on", "Choose the sandbox or a profile and log on.")
            self.show_login(title, reason)
            return False
        if self.locked:
            return False
        if not self.has_area(area_id):
            self.notify("Not available with this profile.", severity="warning")
            return False
        self.switch_mode(area_id)
        return True

    # ------------------------------------------------------------------ actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.locked and action in ("go", "home", "call_log", "login", "back"):
            return False
        if action == "back":
            return len(self.screen_stack) > 1
        if action == "go":
            # while the sandbox opens, an area key is remembered (go); with no session at all the
            # user is on the login, which says why
            return self.session is not None or self.connecting
        if action == "home":
            return self.session is not None
        return True

    def action_go(self, area_id: str) -> None:
        self.go(area_id)

    def action_home(self) -> None:
        self.switch_mode("home")

    def action_help(self) -> None:
        from ordertui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_call_log(self) -> None:
        from ordertui.screens.calllog import CallLogScreen

        if not isinstance(self.screen, CallLogScreen):
            self.push_screen(CallLogScreen())

    def action_login(self) -> None:
        self.show_login()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("Go to Home", "The start screen (F10)", self.action_home)
        for area in AREAS:
            if not self.has_area(area.id):
                continue
            yield SystemCommand(
                f"Go to {area.title}",
                area.help or f"Open {area.title} ({area.key.upper()})",
                lambda area_id=area.id: self.action_go(area_id),
            )
        yield SystemCommand("Show call log", "Every SAP call: function, duration, outcome", self.action_call_log)
        yield SystemCommand("Help", "Keys that apply here (F1)", self.action_help)
        yield SystemCommand("Log on / switch profile", "Open the login screen", self.action_login)
        yield SystemCommand("Open sandbox", "The simulated SAP company, no password", self.open_sandbox)
        for command in super().get_system_commands(screen):
            # Not "Screenshot": a screenshot file would put business data on disk.
            if command.title in ("Theme", "Maximize", "Minimize"):
                yield command
        yield SystemCommand("Quit", "Quit ordertui (Ctrl+Q)", self.action_quit)

    # ------------------------------------------------------------------ quitting (order entry, issue 9)
    async def action_quit(self) -> None:
        """Quit; orders keyed but not saved live in memory only, so ask first when there are any."""
        from ordertui.ordering.draft import unsaved_drafts
        from ordertui.widgets.confirm import ConfirmDialog

        drafts = unsaved_drafts(self.desk.drafts)
        if not drafts:
            self.exit()
            return
        if isinstance(self.screen, ConfirmDialog):
            return
        uncertain = [d for d in drafts if d.save.uncertain]
        text = f"{len(drafts)} order{'s are' if len(drafts) != 1 else ' is'} keyed and not saved in SAP: quitting loses {'them' if len(drafts) != 1 else 'it'}."
        if uncertain:
            text += f" For {len(uncertain)} of them it is not yet known whether SAP saved it — check SAP first (F9 in order entry)."

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(ConfirmDialog("Quit ordertui?", text, yes="quit and lose " + ("them" if len(drafts) != 1 else "it"), no="stay", default=False), answered)

    def key_display_for(self, binding_id: str) -> str:
        """How the key bound to ``binding_id`` is shown, honouring the user's [keymap]."""
        defaults = {b.id: b.key for b in self.BINDINGS if isinstance(b, Binding) and b.id}
        keys = self.keymap.get(binding_id) or defaults.get(binding_id, "")
        first = keys.split(",")[0].strip()
        return self.get_key_display(Binding(first, "")) if first else ""

    @property
    def available_theme_names(self) -> tuple[str, ...]:
        return THEMES


__all__ = ["OrderTuiApp", "SessionOpened", "SessionFailed", "CallRecorded", "THEMES", "HIGH_CONTRAST"]
