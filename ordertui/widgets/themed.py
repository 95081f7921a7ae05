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
from typing import Any, cast

from rich.console import JustifyMethod
from rich.style import Style
from rich.text import Text
from textual._types import SegmentLines
from textual.css.styles import RenderStyles
from textual.color import Color
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets.data_table import CellKey, RowKey
from textual.widgets.data_table import Column as DataTableColumn

from ordertui.widgets.one_line_cells import one_line

_VARIABLE = re.compile(r"\$([A-Za-z0-9_-]+)")

#: what ``ThemedTable`` works out once per render, beside its components' styles (whose names
#: are never empty)
_BACKGROUNDS, _COLUMNS, _SIZE, _OPTIONS = ("", "backgrounds"), ("", "columns"), ("", "size"), ("", "options")
_SETTINGS = ("", "settings")
_UNSET = object()


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

    def to_text(self, variables: Mapping[str, str], *, cut: bool = False) -> Text:
        """Rich Text in the current theme; ``cut``: one line, "…" where the column ends."""
        text = Text(self.text, style=resolve_style(self.style, variables), justify=self.justify)
        if cut:
            text.no_wrap = True
            text.overflow = "ellipsis"
        for piece, style in self.more:
            text.append(piece, style=resolve_style(style, variables))
        return text

    @property
    def plain(self) -> str:
        return self.text + "".join(piece for piece, _ in self.more)


class ThemedTable(DataTable[Any]):
    """A DataTable whose ``Cell`` cells are repainted in the new theme's colours on a theme switch."""

    #: Cells are cut with "…" at the column's edge (FitTable narrows columns).
    CUT_CELLS = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._themed: dict[CellKey, Cell] = {}

    #: (app id, theme name) -> that theme's variables: Textual works the whole design out anew on
    #: each ``get_css_variables()`` (~2 ms), too slow to ask once per row
    _variables: tuple[tuple[int, str], dict[str, str]] | None = None

    #: while one render runs (``render_lines``): the table's Rich style and its components'
    _styles_now: dict[tuple[str, ...], Any] | None = None

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def allow_focus(self) -> bool:
        """A table with nothing to pick (no cursor) is a Tab stop only while it holds rows or
        columns out of view, which the arrow keys then scroll to: Tab goes on to what can be
        opened (the customer detail's partners took the first Tab, though "Last orders" says
        "Tab, Enter opens one", and Enter did nothing there)."""
        if self.cursor_type == "none" and not (self.max_scroll_y > 0 or self.max_scroll_x > 0):
            return False
        return super().allow_focus()

    def render_lines(self, crop: Region) -> list[Strip]:
        # DataTable asks for the table's Rich style on every line it draws, and for a
        # component's (the header's, a row's) on every line or row; each answer walks the
        # table's ancestors and blends their colours anew, 2-3 times a line. So do its
        # background colours (once a row), its columns in order (a new list, three times a row),
        # its size (through the layout's region, twice a line) and the console's options (new
        # ones for every cell). Nothing they depend on changes while one render runs: each is
        # worked out once per render (a customer detail's three tables: about a third of their
        # drawing, docs/performance.md "Eleventh pass").
        self._styles_now = {}
        try:
            return super().render_lines(crop)
        finally:
            self._styles_now = None

    def _now(self, key: tuple[str, ...], work: Any) -> Any:
        """``work()``, once per render while one runs (``render_lines``)."""
        now = self._styles_now
        if now is None:
            return work()
        value = now.get(key, _UNSET)
        if value is _UNSET:
            value = now[key] = work()
        return value

    @property
    def rich_style(self) -> Style:
        return cast(Style, self._now((), lambda: super(ThemedTable, self).rich_style))

    @property
    def background_colors(self) -> tuple[Color, Color]:
        return cast("tuple[Color, Color]", self._now(_BACKGROUNDS, lambda: super(ThemedTable, self).background_colors))

    @property
    def ordered_columns(self) -> list[DataTableColumn]:
        return cast("list[DataTableColumn]", self._now(_COLUMNS, lambda: super(ThemedTable, self).ordered_columns))

    @property
    def size(self) -> Size:
        return cast(Size, self._now(_SIZE, lambda: super(ThemedTable, self).size))

    def get_component_styles(self, *names: str) -> RenderStyles:
        now = self._styles_now
        if now is None:
            return super().get_component_styles(*names)
        styles = now.get(names)
        if styles is None:
            styles = now[names] = _StylesOfOneRender(super().get_component_styles(*names))
        return cast(RenderStyles, styles)

    def theme_variables(self) -> dict[str, str]:
        """The current theme's variables, worked out once per theme."""
        app = self.app
        key = (id(app), app.theme)
        cached = ThemedTable._variables
        if cached is None or cached[0] != key:
            cached = ThemedTable._variables = (key, app.get_css_variables())
        return cached[1]

    def add_row(self, *cells: Any, height: int | None = 1, key: str | None = None, label: Any = None) -> RowKey:
        if key is not None and key in self.rows:
            # A row keyed by what SAP numbers it (a document, an item) that SAP's answer holds twice
            # is shown once, the first as it came: Textual raises DuplicateKey for the second, and
            # a screen's handler would end the app (the screen fuzzing met it on Open items).
            return RowKey(key)
        if not any(isinstance(c, Cell) for c in cells):
            return super().add_row(*cells, height=height, key=key, label=label)
        variables = self.theme_variables()
        columns = self.ordered_columns
        shown = [
            c.to_text(variables, cut=self.CUT_CELLS and i < len(columns) and self.cut_cells_of(str(columns[i].key.value)))
            if isinstance(c, Cell) else c
            for i, c in enumerate(cells)
        ]
        row_key = super().add_row(*shown, height=height, key=key, label=label)
        for index, cell in enumerate(cells):
            if isinstance(cell, Cell) and index < len(columns):
                self._themed[CellKey(row_key, columns[index].key)] = cell
        return row_key

    def cut_cells_of(self, column_key: str) -> bool:
        """Whether cells of this column are cut with "…" (else they wrap)."""
        return True

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> SegmentLines:
        """A cell of one line (a header's, or a row's of height 1) drawn by ``one_line``, under
        DataTable's own cache key and with its own styles; any other cell as DataTable draws it."""
        is_header = row_index == -1
        # the table's settings (reactives: each read is a lookup and three ``hasattr``), once a render
        header_height, fixed_rows, fixed_columns, show_cursor, show_hover, css_fore, css_back, padding = self._now(
            _SETTINGS, self._settings)
        if column_index < 0 or (is_header and header_height != 1):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._header_row_key if is_header else self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        row = None if is_header or row_key is None else self.rows.get(row_key)
        if row_key is None or column_key is None or (not is_header and (row is None or row.height != 1)):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        cache = self._cell_render_cache
        cache_key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            show_hover,
            self._update_count,
            self._pseudo_class_state,
        )
        lines = cache.get(cache_key)
        if lines is not None:
            return lines
        cell = self._get_row_renderables(row_index).cells[column_index]
        fixed = not is_header and (row_index < fixed_rows or column_index < fixed_columns)
        component_style, post_style = self._get_styles_to_render_cell(
            is_header, False, fixed, hover, cursor, show_cursor, show_hover, css_fore, css_back,
        )
        pre_style = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component_style
        app = self.app
        options = self._now(_OPTIONS, lambda: app.console_options)
        drawn = one_line(app.console, options, cell, width, padding, pre_style, post_style)
        if drawn is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        cache[cache_key] = drawn
        return drawn

    def _settings(self) -> tuple[int, int, int, bool, bool, bool, bool, int]:
        """What ``_render_cell`` reads of the table's settings."""
        return (self.header_height, self.fixed_rows, self.fixed_columns, self.show_cursor, self._show_hover_cursor,
                self.cursor_foreground_priority == "css", self.cursor_background_priority == "css", self.cell_padding)

    def clear(self, columns: bool = False) -> ThemedTable:
        self._themed.clear()
        super().clear(columns)
        return self

    def remove_row(self, row_key: RowKey | str) -> None:
        key = row_key if isinstance(row_key, RowKey) else RowKey(row_key)
        self._themed = {k: v for k, v in self._themed.items() if k.row_key != key}
        super().remove_row(row_key)

    def _theme_changed(self, *_args: object) -> None:
        variables = self.theme_variables()
        for (row_key, column_key), cell in self._themed.items():
            cut = self.CUT_CELLS and self.cut_cells_of(str(column_key.value))
            self.update_cell(row_key, column_key, cell.to_text(variables, cut=cut))


class _StylesOfOneRender:
    """A component's styles while one render runs: its Rich style worked out once."""

    __slots__ = ("_styles", "rich_style")

    def __init__(self, styles: RenderStyles) -> None:
        self._styles = styles
        self.rich_style = styles.rich_style

    def __getattr__(self, name: str) -> Any:
        return getattr(self._styles, name)
