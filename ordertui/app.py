"""The Textual application: modes, global keys, command palette, status state, error handling.

The app makes no SAP call on its own thread. Opening a session (sandbox or real system) runs
in a thread worker after the first paint; screens run their own workers (see
``ordertui.screens.SapScreen``). Failed workers end up in ``handle_sap_error``.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive, var
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import Worker, WorkerState

from ordertui.screens import AREAS, load_screen_class

if TYPE_CHECKING:
    # Typing only: the model, session and SAP layer load in the session worker, after the
    # first paint (start-up budget).
    from ordertui.config import Profile
    from ordertui.model import CallEvent, CustomerHit
    from ordertui.sap.gateway import SapGateway
    from ordertui.session import Session

#: How many call events the call log keeps (memory only).
CALL_LOG_SIZE = 500

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

_UNREACHABLE_OUTCOMES = {"SapUnreachable", "SapTimeout"}


def _area_mode(area) -> Callable[[], Screen]:
    def make() -> Screen:
        return load_screen_class(area.screen)()

    return make


def _home() -> Screen:
    from ordertui.screens.home import HomeScreen

    return HomeScreen()


def _login() -> Screen:
    from ordertui.screens.login import LoginScreen

    return LoginScreen()


class SessionOpened(Message):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session


class SessionFailed(Message):
    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error


class CallRecorded(Message):
    def __init__(self, event: CallEvent) -> None:
        super().__init__()
        self.event = event


def _recent_customers():
    from ordertui.screens.customers import RecentCustomersProvider

    return RecentCustomersProvider


class OrderTuiApp(App):
    TITLE = "ordertui"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {_recent_customers}  # the session's recent customers (memory only)
    DEFAULT_MODE = "home"
    MODES = {"home": _home, "login": _login, **{a.id: _area_mode(a) for a in AREAS}}
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="help"),
        Binding("escape", "back", "Back", id="back"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("f12", "call_log", "Calls", id="call_log"),
        Binding("f10", "home", "Home", id="home", show=False),
        *[Binding(a.key, f"go('{a.id}')", a.title, id=f"area_{a.id}") for a in AREAS],
    ]

    #: The logged-on SAP session (None before login / while the sandbox starts).
    session: var[Session | None] = var(None, init=False)
    #: The customer on the phone; screens watch it (``self.watch(self.app, "current_customer", cb)``).
    current_customer: reactive[CustomerHit | None] = reactive(None, init=False)
    #: None = unknown yet, True after a successful call, False after SapUnreachable.
    online: var[bool | None] = var(None, init=False)
    last_call: var[CallEvent | None] = var(None, init=False)
    connecting: var[bool] = var(False, init=False)

    def __init__(
        self,
        *,
        profiles: dict[str, Profile] | None = None,
        profile: Profile | None = None,
        sandbox_factory: Callable[[], SapGateway] | None = None,
        connector: Callable[..., SapGateway] | None = None,
        today: dt.date | None = None,
        now: dt.datetime | None = None,
        theme: str = "",
        keymap: dict[str, str] | None = None,
        config_path=None,
    ) -> None:
        super().__init__()
        self.register_theme(HIGH_CONTRAST)
        self.theme = theme if theme in self.available_themes else THEMES[0]
        self.profiles: dict[str, Profile] = dict(profiles or {})
        #: The profile being used or about to be logged on to; None = the sandbox.
        self.profile: Profile | None = profile
        self.sandbox_factory = sandbox_factory
        self._connector = connector
        self.config_path = config_path
        self._today = today
        self._now = now
        self.call_log: deque[CallEvent] = deque(maxlen=CALL_LOG_SIZE)
        #: Why the login screen was opened (e.g. "SAP unreachable: ..."); read by the login.
        self.login_reason: tuple[str, str] | None = None
        if keymap:
            self.set_keymap(keymap)

    # ------------------------------------------------------------------ clock
    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def now(self) -> dt.datetime:
        return self._now or dt.datetime.now()

    # ------------------------------------------------------------------ start
    def on_mount(self) -> None:
        if self.profile is not None:
            self.switch_mode("login")

    def on_ready(self) -> None:
        # The first screen is painted and takes keys; only now does a worker import the SAP
        # layer and open the sandbox (start-up budget: the import would compete for the GIL).
        if self.profile is None and self.session is None:
            self.open_sandbox()

    def open_sandbox(self) -> None:
        self.profile = None
        self.connecting = True
        self._open_sandbox_worker()

    @work(thread=True, exclusive=True, group="session", exit_on_error=False)
    def _open_sandbox_worker(self) -> None:
        try:
            factory = self.sandbox_factory
            if factory is None:
                from ordertui.sap.connect import sandbox_gateway

                factory = sandbox_gateway
            gateway = factory()
            session = self.build_session(gateway, profile=None)
        except Exception as error:
            self.post_message(SessionFailed(error))
            return
        self.post_message(SessionOpened(session))

    def connector(self) -> Callable[..., SapGateway]:
        """``real_gateway(params, password, *, read_only)``; tests inject their own."""
        if self._connector is None:
            from ordertui.sap.connect import real_gateway

            self._connector = real_gateway
        return self._connector

    def build_session(self, gateway: SapGateway, profile: Profile | None) -> Session:
        """Ask SAP who we are (runs in a worker thread: two round trips)."""
        from ordertui.model import SalesArea
        from ordertui.session import Session

        gateway.add_listener(self._record_call)
        info = gateway.system_info()
        defaults = gateway.user_defaults()
        area = defaults.sales_area or SalesArea("", "", "")
        today, now = self._today, self._now
        return Session(
            gateway=gateway,
            sales_area=area,
            system=info,
            defaults=defaults,
            profile_name=profile.name if profile else "",
            production=bool(profile and profile.production),
            read_only=bool(profile and profile.read_only),
            sandbox=profile is None,
            today=(lambda: today) if today else dt.date.today,
            now=(lambda: now) if now else dt.datetime.now,
        )

    def on_session_opened(self, message: SessionOpened) -> None:
        self.open_session(message.session)

    def on_session_failed(self, message: SessionFailed) -> None:
        self.connecting = False
        self.handle_sap_error(message.error, group="session")

    def open_session(self, session: Session) -> None:
        old = self.session
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
        if old is not None and old.gateway is not session.gateway:
            self._close_gateway(old.gateway)
        self.switch_mode("home")
        # Screens of the previous session must not show its data: rebuild the area modes.
        for area in AREAS:
            if area.id in self._screen_stacks and self.current_mode != area.id:
                self.remove_mode(area.id)
                self.add_mode(area.id, _area_mode(area))

    @work(thread=True, group="close", exit_on_error=False)
    def _close_gateway(self, gateway: SapGateway) -> None:
        gateway.close()

    def on_unmount(self) -> None:
        """Log off from SAP on the way out (in a thread: a real close is a network round trip)."""
        session = self.session
        if session is None:
            return
        import threading

        closer = threading.Thread(target=session.gateway.close, name="ordertui-close", daemon=True)
        closer.start()
        closer.join(timeout=2.0)

    # ------------------------------------------------------------------ call events
    def _record_call(self, event: CallEvent) -> None:
        """Gateway listener; called on the worker thread that made the call."""
        self.post_message(CallRecorded(event))

    def on_call_recorded(self, message: CallRecorded) -> None:
        event = message.event
        self.call_log.append(event)
        self.last_call = event
        self.online = event.outcome not in _UNREACHABLE_OUTCOMES

    # ------------------------------------------------------------------ status
    def watch_current_customer(self, customer: CustomerHit | None) -> None:
        if customer is not None and self.session is not None:
            self.session.remember_customer(customer)

    def banners(self) -> list[tuple[str, str]]:
        """(label, kind) for the status bar: kind is sandbox / production / read-only."""
        if self.profile is None:
            return [("SANDBOX", "sandbox")]
        found = []
        if self.profile.production:
            found.append(("PRODUCTION", "production"))
        if self.profile.read_only:
            found.append(("READ-ONLY", "read-only"))
        return found

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

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.handle_sap_error(event.worker.error, group=event.worker.group)

    # ------------------------------------------------------------------ actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return len(self.screen_stack) > 1
        if action == "go" or action == "home":
            return self.session is not None
        return True

    def action_go(self, area_id: str) -> None:
        if self.session is None:
            self.notify("Log on first.", severity="warning")
            return
        self.switch_mode(area_id)

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
        yield SystemCommand("Quit", "Quit ordertui (Ctrl+Q)", self.exit)

    def key_display_for(self, binding_id: str) -> str:
        """How the key bound to ``binding_id`` is shown, honouring the user's [keymap]."""
        defaults = {b.id: b.key for b in self.BINDINGS if isinstance(b, Binding) and b.id}
        keys = (getattr(self, "_keymap", None) or {}).get(binding_id) or defaults.get(binding_id, "")
        first = keys.split(",")[0].strip()
        return self.get_key_display(Binding(first, "")) if first else ""

    @property
    def available_theme_names(self) -> tuple[str, ...]:
        return THEMES


class LoginReasonChanged(Message):
    """Tell an open login screen that ``app.login_reason`` changed."""


__all__ = ["OrderTuiApp", "SessionOpened", "SessionFailed", "CallRecorded", "THEMES", "HIGH_CONTRAST"]
_ = Any
