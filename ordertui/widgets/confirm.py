"""A yes/no question: y answers yes, n or Esc no, Enter the default answer. (CSS: ordertui/app.tcss.)"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmDialog(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("escape,n", "answer(False)", "No", id="confirm.no"),
        Binding("enter", "default", "Default answer", show=False, id="confirm.default"),
    ]

    def __init__(self, title: str, text: str, yes: str = "Yes", no: str = "No", *, default: bool = True) -> None:
        """``default``: what Enter answers (a question whose yes loses work defaults to no)."""
        super().__init__()
        self._title = title
        self._text = text
        self._yes = yes
        self._no = no
        self._default = default

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self._title
            yield Static(self._text, id="confirm-text", markup=False)
            enter_yes, enter_no = ("Enter or ", "") if self._default else ("", "Enter or ")
            yield Static(f"{enter_yes}y: {self._yes} · {enter_no}Esc: {self._no}", id="confirm-keys", markup=False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_default(self) -> None:
        self.dismiss(self._default)
