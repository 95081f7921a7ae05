"""The idle lock: what is on screen after ordertui was left alone (issue 11).

The app switches to this screen's mode and throws away every area's screens (their widgets held
the customers, prices and orders shown), so the business data is gone from the widgets, not just
hidden. Unlocking asks for the SAP password again, which SAP checks (``Desk.check_password``);
the sandbox unlocks with Enter. Orders being keyed live on the desk, not in widgets, and survive.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from ordertui.screens.base import SapScreen
from ordertui.widgets.type_ahead import OrderedInput


class LockScreen(SapScreen):
    NEEDS_SESSION = False
    HELP_TITLE = "Locked"
    HELP = "ordertui locked itself after it was left alone. Type your SAP password and Enter to go on."

    def compose(self) -> ComposeResult:
        with Vertical(id="lock-box") as box:
            box.border_title = "ordertui is locked"
            yield Static(id="lock-text")
            # Backspace acts where it was typed, not after the characters typed after it
            yield OrderedInput(id="lock-password", password=True, placeholder="SAP password", compact=True, max_length=40)
            yield Static(id="lock-error")

    def on_mount(self) -> None:
        sandbox = self.desk.profile is None
        user = ""
        session = self.shell.session
        if session is not None and session.system is not None:
            user = session.system.user
        text = "Left alone, so locked: what was on screen is gone. "
        text += "Press Enter to go on." if sandbox else f"Type the SAP password of {user or 'your user'} and Enter."
        self.query_one("#lock-text", Static).update(text)
        field = self.query_one("#lock-password", Input)
        field.display = not sandbox
        self.query_one("#lock-error", Static).display = False
        if sandbox:
            self.focus()
        else:
            field.focus()
        self._checking = False

    def key_enter(self) -> None:
        # the sandbox: Enter anywhere unlocks (there is no password field to submit)
        if self.desk.profile is None:
            self.shell.unlock()

    @on(Input.Submitted, "#lock-password")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._checking:
            return
        self._checking = True
        password = event.value
        event.input.value = ""  # the typed password leaves the widget at once
        self._say("Checking with SAP…")
        self.fetch(partial(self.desk.check_password, password), self._checked, group="unlock")

    def _checked(self, problem: str, _at: dt.datetime) -> None:
        self._checking = False
        if problem:
            self._say(problem)
            self.query_one("#lock-password", Input).focus()
            return
        self.shell.unlock()

    def _say(self, text: str) -> None:
        error = self.query_one("#lock-error", Static)
        error.update(text)
        error.display = bool(text)
