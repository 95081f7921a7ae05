"""Table cells coloured by the theme, that follow a theme switch.

A ``DataTable`` cell is a Rich ``Text`` whose style is fixed when the row is added: a colour taken
from the theme then (``app.get_css_variables()['error']``) stays the old theme's colour after the
user switches theme. A ``Cell`` names theme variables instead (``Cell("BLOCKED", "bold $error")``);
``ThemedTable`` resolves them when the row is added and again whenever the app's theme changes.
Plain ``Text`` and ``str`` cells pass through unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rich.console import JustifyMethod
from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import CellKey, RowKey

_VARIABLE = re.compile(r"\$([A-Za-z0-9_-]+)")


def resolve_style(style: str, variables: Mapping[str, str]) -> str:
    """``"bold $error"`` → ``"bold #B93C5B"`` with the current theme's variables."""
    if "$" not in style:
        return style
    return _VARIABLE.sub(lambda m: variables.get(m.group(1), ""), style)


@dataclass(frozen=True)
class Cell:
    """A cell's text with a style that may name theme variables, plus appended styled pieces."""

    text: str
    style: str = ""
    justify: JustifyMethod | None = None
    more: tuple[tuple[str, str], ...] = ()

    def plus(self, text: str, style: str = "") -> Cell:
        """This cell with ``text`` appended in ``style``."""
        return Cell(self.text, self.style, self.justify, (*self.more, (text, style)))

    def to_text(self, variables: Mapping[str, str]) -> Text:
        text = Text(self.text, style=resolve_style(self.style, variables), justify=self.justify)
        for piece, style in self.more:
            text.append(piece, style=resolve_style(style, variables))
        return text

    @property
    def plain(self) -> str:
        return self.text + "".join(piece for piece, _ in self.more)


class ThemedTable(DataTable[Any]):
    """A DataTable whose ``Cell`` cells are repainted in the new theme's colours on a theme switch."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._themed: dict[CellKey, Cell] = {}

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def add_row(self, *cells: Any, height: int | None = 1, key: str | None = None, label: Any = None) -> RowKey:
        variables = self.app.get_css_variables() if any(isinstance(c, Cell) for c in cells) else {}
        shown = [c.to_text(variables) if isinstance(c, Cell) else c for c in cells]
        row_key = super().add_row(*shown, height=height, key=key, label=label)
        columns = self.ordered_columns
        for index, cell in enumerate(cells):
            if isinstance(cell, Cell) and index < len(columns):
                self._themed[CellKey(row_key, columns[index].key)] = cell
        return row_key

    def clear(self, columns: bool = False) -> ThemedTable:
        self._themed.clear()
        super().clear(columns)
        return self

    def remove_row(self, row_key: RowKey | str) -> None:
        key = row_key if isinstance(row_key, RowKey) else RowKey(row_key)
        self._themed = {k: v for k, v in self._themed.items() if k.row_key != key}
        super().remove_row(row_key)

    def _theme_changed(self, *_args: object) -> None:
        variables = self.app.get_css_variables()
        for (row_key, column_key), cell in self._themed.items():
            self.update_cell(row_key, column_key, cell.to_text(variables))
