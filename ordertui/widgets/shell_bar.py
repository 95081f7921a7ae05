"""The bottom of every SapScreen: the status bar above the footer.

Two widgets docked to the same edge would overlap, so one docked container holds both.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer

from ordertui.widgets.status_bar import StatusBar


class ShellBar(Vertical):
    DEFAULT_CSS = """
    ShellBar {
        dock: bottom;
        height: auto;
    }
    ShellBar > StatusBar, ShellBar > Footer {
        dock: none;
    }
    """

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Footer()
