"""F1: the keys that apply on the screen underneath, and how to reach everything else."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

if TYPE_CHECKING:
    from ordertui.shell import Shell


def screen_title(cls: type) -> str:
    """A screen without HELP_TITLE still gets words, not a class name: CustomerDetailScreen ->
    "Customer detail"."""
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", cls.__name__.removesuffix("Screen"))
    return " ".join(words).capitalize() if words else "This screen"


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,question_mark,q", "close", "Close", id="help.close")]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under
        # Taken now, while ``under`` is still the top screen (Esc "back" applies or not).
        self._rows = self._active_rows()

    def rows(self) -> list[tuple[str, str]]:
        """(key, description) of every binding active on the screen underneath, in order."""
        return list(self._rows)

    def _active_rows(self) -> list[tuple[str, str]]:
        app = self.under.app
        seen: set[str] = set()
        rows: list[tuple[str, str]] = []
        for key, active in self.under.active_bindings.items():
            binding = active.binding
            if not active.enabled or not binding.description:
                continue
            # Textual's own scrolling/focus keys (no id, hidden in the footer) are not news.
            if not binding.show and not binding.id:
                continue
            if binding.action in ("help", "command_palette"):
                continue
            label = (binding.tooltip or binding.description)
            ident = f"{binding.action}|{label}"
            display = app.get_key_display(binding)
            if ident in seen:
                continue
            seen.add(ident)
            rows.append((display, label))
        return rows

    def compose(self) -> ComposeResult:
        app = self.app
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        table.add_row(cast("Shell", app).key_display_for("help"), "this help")
        table.add_row(app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, "")), "command palette: every area and action by name")
        for key, description in self.rows():
            table.add_row(key, description)
        title = getattr(self.under, "HELP_TITLE", "") or screen_title(type(self.under))
        with VerticalScroll():
            yield Static(f"Keys — {title}", id="help-title", markup=False)
            yield Static(table)
            extra = getattr(self.under, "HELP", "")
            if extra:
                yield Static(Text(extra))
            yield Static("Keys can be remapped in the [keymap] section of the config file.", classes="hint", markup=False)
            yield Static("Esc closes this help.", classes="hint", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
