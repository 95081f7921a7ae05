"""The dialog for unexpected failures, with technical details the user can copy.

The details name the error class, SAP's message codes and where in ordertui it happened —
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
    from ordertui.sap.errors import SapError

    if isinstance(error, SapError):
        text = str(error)
        for message in error.messages[:5]:
            text += f"\n{message.type} {message.code}  {message.text}"
        return text
    return "Something went wrong inside ordertui. Nothing was sent to SAP twice; you can retry."


class ErrorDialog(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,enter", "dismiss", "Close", id="error.close"),
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
            yield Static(user_message(self.error), markup=False)
            yield Static(self.details, classes="details", markup=False)
            yield Static("c copy details · Esc close", classes="hint", markup=False)

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.details)
        self.notify("Technical details copied to the clipboard.")

    async def action_dismiss(self, result=None) -> None:
        self.dismiss(None)
