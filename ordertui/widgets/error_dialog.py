"""The dialog for unexpected failures: what happened and what to do, the technical detail behind a key.

A user needs to know what went wrong in their words and what to do next; where in ordertui it
happened (module, line, function) is for whoever fixes it, so it is shown on ``d`` and copied on
``c``. The details name the error class, SAP's message codes and where in ordertui it happened —
never a payload (no field values) and never a secret.
"""

from __future__ import annotations

import datetime as dt
import platform
import traceback

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


def technical_details(error: BaseException, *, group: str = "", when: dt.datetime | None = None) -> str:
    from ordertui import __version__

    lines = [f"error: {type(error).__module__}.{type(error).__qualname__}"]
    title = getattr(error, "title", "")
    if title:
        lines.append(f"title: {title}")
    for message in getattr(error, "messages", ()) or ():
        lines.append(f"sap message: {message.type} {message.code}".rstrip())
    if group:
        lines.append(f"worker: {group}")
    if when is not None:
        lines.append(f"time: {when:%Y-%m-%d %H:%M:%S}")
    lines.append(f"ordertui {__version__}, python {platform.python_version()}")
    frames = traceback.extract_tb(error.__traceback__) if error.__traceback__ else []
    for frame in frames[-8:]:
        # File, line and function only: the source line and locals could hold data.
        filename = frame.filename.replace("\\", "/").rsplit("/ordertui/", 1)[-1]
        lines.append(f"  at {filename}:{frame.lineno} in {frame.name}")
    return "\n".join(lines)


def user_message(error: BaseException) -> str:
    """What happened, in the user's words (SAP's own messages with their ids)."""
    from ordertui.sap.errors import SapError

    if isinstance(error, SapError):
        text = str(error)
        for message in error.messages[:5]:
            text += f"\n{message.type} {message.code}  {message.text}"
        return text
    return "Something went wrong inside ordertui (not in SAP). Nothing was sent to SAP twice."


def what_to_do(error: BaseException) -> str:
    """The next step for the user, by kind of failure."""
    from ordertui.sap.errors import (
        LogonFailed,
        NotAuthorized,
        OrderOutcomeUnknown,
        PyrfcMissing,
        SapBusinessError,
        SapSystemError,
        SapTimeout,
        SapUnreachable,
    )

    if isinstance(error, SapTimeout):
        return "Try again in a moment; if SAP stays this slow, tell your SAP team."
    if isinstance(error, SapUnreachable):
        return "Check the network or VPN connection, then try again."
    if isinstance(error, NotAuthorized):
        return "Your SAP user lacks an authorization for this: ask your SAP administrator for it."
    if isinstance(error, SapSystemError):
        return ("SAP stopped with a program error (a short dump); nothing was saved by it. Try again; "
                "if it happens again, give the details to your SAP team (transaction ST22 shows the dump).")
    if isinstance(error, LogonFailed):
        return "Log on again (Ctrl+P → Log on)."
    if isinstance(error, PyrfcMissing):
        return "Install an SAP RFC library (see the README), or use the sandbox."
    if isinstance(error, OrderOutcomeUnknown):
        return "Do not key the order again: look it up first (Orders, by the customer's PO)."
    if isinstance(error, SapBusinessError):
        return "Correct what SAP's message names and try again."
    return "Try again; if it happens again, copy the details (c) and report them."


def explain(error: BaseException) -> str:
    """What happened and what to do, in one paragraph (the login's reason)."""
    said = str(error).strip()
    stop = "" if said.endswith((".", "!", "?")) else "."
    return f"{said}{stop} {what_to_do(error)}"


class ErrorDialog(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,enter", "dismiss", "Close", id="error.close"),
        Binding("d", "details", "Details", id="error.details"),
        Binding("c", "copy", "Copy details", id="error.copy"),
    ]

    def __init__(self, error: BaseException, *, group: str = "", when: dt.datetime | None = None) -> None:
        super().__init__()
        self.error = error
        self.details = technical_details(error, group=group, when=when)

    def compose(self) -> ComposeResult:
        title = getattr(self.error, "title", "") or "Unexpected error"
        with Vertical():
            yield Static(title, classes="title", markup=False)
            yield Static(user_message(self.error), classes="what", markup=False)
            yield Static(what_to_do(self.error), classes="todo", markup=False)
            details = Static(self.details, classes="details", markup=False)
            details.display = False
            yield details
            yield Static("d technical details · c copy them · Esc close", classes="hint", markup=False)

    def action_details(self) -> None:
        details = self.query_one(".details", Static)
        details.display = not details.display

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.details)
        self.notify("Technical details copied to the clipboard.")

    async def action_dismiss(self, result=None) -> None:
        self.dismiss(None)
