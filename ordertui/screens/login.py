"""Log on: pick a profile, type user and password, optionally remember it in the OS keyring.

The logon runs in a thread worker; every failure (wrong password, locked user, unreachable
host, no authorization, no pyrfc) is shown here and the screen stays. The typed password lives
in the Input and the worker's stack only; it is cleared from the Input after every attempt
that reached SAP's logon check.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Select, Static

from ordertui.messages import LoginReasonChanged
from ordertui.screens.base import SapScreen
from ordertui.widgets.fields import TypeAheadInput

if TYPE_CHECKING:
    from textual.widget import Widget

    from ordertui.config import Profile
    from ordertui.desk import LogonOutcome

SANDBOX = "\x00sandbox"


@dataclass(frozen=True)
class KeyringStatus:
    available: bool
    reason: str
    stored: bool


def keyring_status(profile: str, client: str, user: str) -> KeyringStatus:
    """Is there a usable keyring, and does it hold a password for this logon? (blocking: D-Bus)"""
    from ordertui import secrets

    try:
        secrets.check()
        stored = bool(user) and secrets.load(profile, client, user) is not None
    except secrets.KeyringUnavailable as error:
        return KeyringStatus(False, error.reason, False)
    return KeyringStatus(True, "", stored)


class LoginScreen(SapScreen):
    NEEDS_SESSION = False
    HELP_TITLE = "Log on"
    HELP = "Tab moves between fields; Enter in the password field logs on."
    BINDINGS = [
        Binding("ctrl+l", "logon", "Log on", id="login.logon"),
        Binding("escape", "cancel_logon", "Cancel", id="login.cancel_logon"),
        Binding("escape", "cancel", "Back", id="login.cancel"),
    ]

    #: A logon is under way (set by ``action_logon``; Esc / the Cancel button give it up).
    _busy = False
    _cancel_event: threading.Event | None = None
    #: the fields made read-only while a logon runs, given back when it ends
    _held: tuple[Widget, ...] = ()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_logon":
            return self._busy
        if action == "cancel":
            return not self._busy and self.shell.session is not None  # back to the session this came from
        return True

    def action_cancel(self) -> None:
        if self.shell.session is not None:
            self.app.switch_mode("home")

    # ------------------------------------------------------------------ cancel a logon (issue 11)
    @on(Button.Pressed, "#login-cancel")
    def action_cancel_logon(self) -> None:
        """Give up the logon under way: the screen is usable at once; the desk stops waiting and
        abandons the blocked RFC thread; a session that still arrives is logged off (on_stale)."""
        if not self._busy:
            return
        if self._cancel_event is not None:
            self._cancel_event.set()
        self.forget("logon")
        self._logon_done()
        self._set_error("Logon cancelled", "nothing was logged on")
        self.query_one("#login-password", Input).focus()

    #: what the user keys a logon with: read-only while it runs (``_logon_started``)
    LOGON_FIELDS = ("#login-profile", "#login-user", "#login-password", "#login-remember")

    def _logon_started(self) -> threading.Event:
        self._busy = True
        self._cancel_event = threading.Event()
        # Keys typed while SAP answers must not land in the password (the focus was there): the
        # retry after a timeout would send a wrong one, and SAP locks a user after a few.
        self._held = tuple(w for w in map(self.query_one, self.LOGON_FIELDS) if not w.disabled)
        for widget in self._held:
            widget.disabled = True
        self.query_one("#login-button", Button).disabled = True
        self.query_one("#login-cancel", Button).display = True
        self.refresh_bindings()
        return self._cancel_event

    def _logon_done(self) -> None:
        self._busy = False
        self._cancel_event = None
        for widget in self._held:  # (the keyring's checkbox stays off when there is no keyring)
            widget.disabled = False
        self._held = ()
        self.query_one("#login-button", Button).disabled = False
        self.query_one("#login-cancel", Button).display = False
        self._set_status("")
        self.refresh_bindings()

    def compose(self) -> ComposeResult:
        desk = self.desk
        options = [(name, name) for name in sorted(desk.profiles)]
        options.append(("Sandbox company (no password)", SANDBOX))
        initial = desk.profile.name if desk.profile is not None else (options[0][1] if len(options) > 1 else SANDBOX)
        with Vertical(id="login-box") as box:
            box.border_title = "Log on to SAP"
            with Horizontal(classes="login-row"):
                yield Static("Profile", classes="login-label")
                yield Select(options, value=initial, allow_blank=False, id="login-profile", compact=True)
            yield Static(id="login-profile-info")
            with Horizontal(classes="login-row secret"):
                yield Static("User", classes="login-label")
                # Tab and the editing keys act at once: a burst ("{USERNAME}{TAB}{PASSWORD}{ENTER}"
                # from a password manager) puts every key in the field it was typed for
                yield TypeAheadInput(id="login-user", placeholder="SAP user", compact=True, max_length=12)
            with Horizontal(classes="login-row secret"):
                yield Static("Password", classes="login-label")
                yield TypeAheadInput(id="login-password", password=True, placeholder="password", compact=True, max_length=40)
            with Horizontal(classes="login-row secret"):
                yield Static("", classes="login-label")
                yield Checkbox("Remember in the OS keyring", id="login-remember", compact=True)
            with Horizontal(classes="login-row"):
                yield Static("", classes="login-label")
                yield Button("Log on", id="login-button", variant="primary", compact=True)
                cancel = Button("Cancel", id="login-cancel", compact=True)
                cancel.display = False  # shown while a logon is under way
                yield cancel
            yield Static(id="login-status")
            yield Static(id="login-error")
            yield Static(id="login-keyring", classes="secret")

    def on_mount(self) -> None:
        self._keyring_available = False
        self._stored = False
        self._set_status("")
        self._set_error("", "")
        self._profile_changed()
        self._show_reason()
        self._focus_first_empty()
        self.watch(self.app, "theme", self._paint_profile_info, init=False)

    def _focus_first_empty(self) -> None:
        if self.selected_profile() is None:
            self.query_one("#login-button", Button).focus()
        elif not self.query_one("#login-user", Input).value:
            self.query_one("#login-user", Input).focus()
        else:
            self.query_one("#login-password", Input).focus()

    # ------------------------------------------------------------------ profile and keyring
    def selected_profile(self) -> Profile | None:
        value = self.query_one("#login-profile", Select).value
        if value == SANDBOX:
            return None
        return self.desk.profiles.get(str(value))

    @on(Select.Changed, "#login-profile")
    def _on_profile(self, _event: Select.Changed) -> None:
        self._profile_changed()

    def _profile_changed(self) -> None:
        profile = self.selected_profile()
        self.set_class(profile is None, "-sandbox")
        if profile is not None:
            self.query_one("#login-user", Input).value = profile.user
        self._paint_profile_info()
        self._check_keyring()

    def _paint_profile_info(self, *_args: object) -> None:
        """What the chosen profile points at; repainted on a theme switch (its badge colour)."""
        profile = self.selected_profile()
        info = Text()
        if profile is None:
            info.append("A simulated SAP company for training and trying things out.")
        else:
            if profile.production:
                info.append(" PRODUCTION ", style=f"bold on {self.app.current_theme.error}")
                info.append(" ")
            if profile.read_only:
                info.append("READ-ONLY ", style="bold")
            info.append(f"{profile.target}, client {profile.client}, language {profile.lang}")
            if profile.saprouter:
                info.append(", via SAProuter")
        self.query_one("#login-profile-info", Static).update(info)

    @on(Input.Changed, "#login-user")
    def _on_user(self, _event: Input.Changed) -> None:
        self._check_keyring()

    def _check_keyring(self) -> None:
        profile = self.selected_profile()
        if profile is None:
            return
        user = self.query_one("#login-user", Input).value.strip().upper()
        self.fetch(partial(keyring_status, profile.name, profile.client, user), self._keyring_checked, group="keyring")

    def _keyring_checked(self, message: KeyringStatus, _at: dt.datetime) -> None:
        self._keyring_available = message.available
        self._stored = message.stored
        remember = self.query_one("#login-remember", Checkbox)
        remember.disabled = not message.available
        note = self.query_one("#login-keyring", Static)
        password = self.query_one("#login-password", Input)
        if not message.available:
            remember.value = False
            note.update(f"No usable keyring: {message.reason}. The password is asked each session, kept in memory only.")
            password.placeholder = "password"
        elif message.stored:
            note.update("A password is remembered in the OS keyring: leave the field empty to use it.")
            password.placeholder = "remembered — Enter to use it"
            remember.value = True
        else:
            note.update("")
            password.placeholder = "password"

    # ------------------------------------------------------------------ logon
    @on(Input.Submitted, "#login-password")
    @on(Input.Submitted, "#login-user")
    @on(Button.Pressed, "#login-button")
    def _submit(self, _event=None) -> None:
        self.action_logon()

    def action_logon(self) -> None:
        if self._busy:
            return
        profile = self.selected_profile()
        self._set_error("", "")
        if profile is None:
            self.shell.open_sandbox()
            self._set_status("Opening the sandbox…")
            return
        user = self.query_one("#login-user", Input).value.strip().upper()
        password = self.query_one("#login-password", Input).value
        if not user:
            self._set_error("User missing", "Type your SAP user.")
            self.query_one("#login-user", Input).focus()
            return
        if not password and not self._stored:
            self._set_error("Password missing", "Type your SAP password.")
            self.query_one("#login-password", Input).focus()
            return
        remember = self.query_one("#login-remember", Checkbox).value and self._keyring_available
        # Unticking "remember" while a password is remembered means: forget it (after logon).
        forget = self._keyring_available and self._stored and not remember
        cancel = self._logon_started()
        self._set_status(f"Logging on to {profile.name}… (Esc cancels)")
        self.fetch(
            partial(self.desk.log_on, profile, user, password, remember=remember, forget=forget, cancel=cancel),
            partial(self._logged_on, profile),
            group="logon",
            on_stale=self._superseded,
        )

    def _superseded(self, outcome: LogonOutcome) -> None:
        """A logon overtaken by a newer attempt: log its session off."""
        if outcome.session is not None:
            self.shell.close_gateway(outcome.session.gateway)

    def _logged_on(self, profile: Profile, outcome: LogonOutcome, _at: dt.datetime) -> None:
        self._logon_done()
        password = self.query_one("#login-password", Input)
        if outcome.session is None:
            if outcome.clear_password:
                password.value = ""
            self._set_error(outcome.title, outcome.reason)
            password.focus()
            return
        password.value = ""
        self.shell.open_session(outcome.session, profile)
        if outcome.note:
            self.app.notify(outcome.note)

    # ------------------------------------------------------------------ messages
    def on_login_reason_changed(self, _message: LoginReasonChanged) -> None:
        self._show_reason()

    def on_screen_resume(self) -> None:
        self._show_reason()

    def _show_reason(self) -> None:
        reason = self.shell.login_reason
        if reason:
            self._set_error(*reason)
            self._set_status("")

    def _set_status(self, text: str) -> None:
        status = self.query_one("#login-status", Static)
        status.update(text)
        status.display = bool(text)

    def _set_error(self, title: str, reason: str) -> None:
        error = Text()
        if title:
            error.append(title, style="bold")
            if reason.startswith(title):
                reason = reason[len(title):].lstrip(": ")
            if reason:
                error.append(f": {reason}")
        widget = self.query_one("#login-error", Static)
        widget.update(error)
        widget.display = bool(title)
        self.set_class(bool(title), "-error")
