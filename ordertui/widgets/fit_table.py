"""A table that fits the width it has: no column cut at the edge, no horizontal scrolling.

A plain ``DataTable`` sizes each column to its widest cell and lets the rest run off the right
edge (a customer's name cut mid-word beside empty space on one screen, a PO cut at the panel's
border on another). ``FitTable`` is told which columns matter:

- ``Column(drop=N)``: may be left out when the columns do not fit at their natural width,
  highest ``N`` first (at 80 columns the customer list keeps number, name, city and phone);
  with ``cut_first=True`` only when cutting the flex columns to their minimum is not enough;
- ``Column(flex=True)``: may be narrowed when room is still short; its text is then cut at the
  end with "…" (the full text is on the row's detail), or wrapped onto more lines (``wrap``);
- ``Column(fold_into=KEY)``: when dropped, a non-empty cell is put in front of column KEY's
  cell instead (a BLOCKED mark stays visible next to the name).

Columns keep their natural width (widest cell) when there is room. The layout is worked out again
when the table's width changes or wider rows arrive; rows keep their keys and the cursor its row.
Cells may be ``Cell`` (theme-coloured, ``widgets.themed``), Rich ``Text`` or ``str``; a cell may
hold several lines (``add_row(..., height=None)``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Self

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Region, Size
from textual.widgets.data_table import RowKey

from ordertui.widgets.themed import Cell, ThemedTable


@dataclass(frozen=True)
class Column:
    label: str
    key: str
    #: may be narrowed (text cut with "…") when the row does not fit
    flex: bool = False
    #: 0 = always shown; else left out when room is short, highest first
    drop: int = 0
    #: a dropped column's non-empty cell goes in front of this column's cell
    fold_into: str = ""
    #: with ``drop``: flex columns are cut before this one is left out
    cut_first: bool = False
    #: the width its cells usually reach (an SAP field's length): which columns are shown is
    #: decided with it, so the columns do not come and go with each search's data
    expect: int = 0
    #: a flex column whose text wraps onto more lines instead of being cut (rows grow)
    wrap: bool = False
    #: a flex column is never narrowed below this
    min_width: int = 8
    justify: Literal["left", "right"] = "left"


def cell_width(cell: Any) -> int:
    text = cell.plain if isinstance(cell, (Cell, Text)) else str(cell)
    return max((cell_len(line) for line in text.split("\n")), default=0)


def _as_text(cell: Any) -> Text | Cell:
    if isinstance(cell, (Cell, Text)):
        return cell
    return Text(str(cell))


def _joined(front: Any, cell: Any) -> Text | Cell:
    """``front`` then ``cell`` in one cell (a folded column's mark before the name)."""
    front, cell = _as_text(front), _as_text(cell)
    if isinstance(front, Cell) and isinstance(cell, Cell):
        joined = Cell(front.text, front.style, cell.justify, front.more)
        joined = joined.plus(" ", "").plus(cell.text, cell.style)
        for piece, style in cell.more:
            joined = joined.plus(piece, style)
        return joined
    if isinstance(front, Cell):
        head = Cell(front.text, front.style, None, front.more).plus(" ")
        return head.plus(cell.plain, str(cell.style) if isinstance(cell, Text) else "")
    text = Text()
    text.append_text(front if isinstance(front, Text) else Text(front.plain))
    text.append(" ")
    text.append_text(cell if isinstance(cell, Text) else Text(cell.plain))
    return text


def _cut(cell: Text | Cell) -> Text | Cell:
    """The cell as it is shown in a fitted column: one line per line, cut with "…"."""
    if isinstance(cell, Cell):
        return cell  # ThemedTable cuts it when it turns it into Text (CUT_CELLS)
    text = cell.copy()
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


class FitTable(ThemedTable):
    """A DataTable laid out to its width: columns narrowed or left out in the order they say."""

    CUT_CELLS = True

    #: being fitted and measured within a layout (``get_content_height``)
    _in_layout = False

    def __init__(self, columns: Sequence[Column], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spec: tuple[Column, ...] = tuple(columns)
        self._wraps = frozenset(c.key for c in self.spec if c.wrap)
        self._widest = {c.key: cell_width(c.label) for c in self.spec}
        self._rows_kept: dict[str, tuple[tuple[Any, ...], int | None]] = {}
        self._row_serial = 0
        #: (visible column keys, widths) the table is built with
        self._fit_layout: tuple[tuple[str, ...], tuple[int | None, ...]] | None = None
        self._fit_pending = False
        #: the widest cell shown in each column (by column key), as the rows were added
        self._shown_widths: dict[str, int] = {}
        self._build(self._initial_layout())

    # ------------------------------------------------------------------ rows
    def add_row(self, *cells: Any, height: int | None = 1, key: str | None = None, label: Any = None) -> RowKey:
        if len(cells) != len(self.spec):
            raise ValueError(f"{len(self.spec)} cells expected, got {len(cells)}")
        if key is None:
            self._row_serial += 1
            key = f"\x00row{self._row_serial}"
        self._rows_kept[key] = (cells, height)
        grew = False
        widest = self._widest
        widths = [cell_width(cell) for cell in cells]
        for column, width in zip(self.spec, widths):
            if width > widest[column.key]:
                widest[column.key] = width
                grew = True
        row_key = self._add_shown(key, cells, height, widths)
        if grew:
            self._schedule_fit()
        return row_key

    def clear(self, columns: bool = False) -> FitTable:
        self._rows_kept.clear()
        self._shown_widths.clear()
        self._widest = {c.key: cell_width(c.label) for c in self.spec}
        super().clear(columns)
        if columns:
            self._fit_layout = None
            self._build(self._initial_layout())
        else:
            self._schedule_fit()  # narrower rows may come: the columns need not stay narrowed
        return self

    def remove_row(self, row_key: RowKey | str) -> None:
        self._rows_kept.pop(str(row_key.value) if isinstance(row_key, RowKey) else row_key, None)
        super().remove_row(row_key)

    def cells_of(self, key: str) -> tuple[Any, ...]:
        """The cells a row was added with, all columns (shown or not)."""
        return self._rows_kept[key][0]

    @property
    def shown_columns(self) -> tuple[str, ...]:
        return self._fit_layout[0] if self._fit_layout else ()

    # ------------------------------------------------------------------ layout
    def on_mount(self) -> None:
        # Measured as it mounts, not when it is first idle: a layout made right after the mount
        # (a screen's first, with the answers it had by then: ``SapScreen``) gives the table
        # its height, where it would have been laid out with none and drawn a layout later.
        self._measure_pending()

    def on_resize(self) -> None:
        self.fit()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The table's height (``height: auto``) once it is laid out for ``width``, the width
        this layout gives it. Fitted only after the layout (at its Resize), the table was drawn
        first with its columns at their natural widths, then rebuilt and measured, and the
        whole screen laid out and drawn again: a second frame, 20 ms on a customer detail."""
        if self._in_layout:
            return super().get_content_height(container, viewport, width)  # (asked again within)
        # The height the last layout gave it (none before its first), and no ``self.size``,
        # ``self.region`` or refresh while it is rebuilt and measured: each looks the table up in
        # the layout still being made, and Textual makes a whole layout for it (12-15 ms on a
        # customer detail), which asked this table for its height again, within its rebuild.
        drawn_before = bool(self.outer_size.area)
        available = self._available_in(width, max(self.outer_size.height - self.styles.gutter.height, 0))
        self._in_layout = True
        try:
            changed = False
            if available:
                layout = self.layout_for(available)
                if layout != self._fit_layout:
                    self._build(layout)
                    changed = True
            changed = self._measure_pending() or changed
        finally:
            self._in_layout = False
        if changed and drawn_before:
            self.call_later(self.refresh)  # what it showed is drawn again (never drawn: it will be)
        return super().get_content_height(container, viewport, width)

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        if self._in_layout:
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    @property
    def region(self) -> Region:
        if self._in_layout:
            return Region()  # (see get_content_height)
        return super().region

    def _measure_pending(self) -> bool:
        """Measure the rows added since the last measure now; whether there were any. (Within a
        layout the new size is set quietly: the layout takes it as it goes, and another one is
        not asked for.)"""
        if not self._require_update_dimensions:
            return False
        self._require_update_dimensions = False
        new_rows = list(self._new_rows)
        self._new_rows.clear()
        self._update_dimensions(new_rows)
        return True

    def _schedule_fit(self) -> None:
        if not self._fit_pending and self.is_mounted:
            self._fit_pending = True
            self.call_after_refresh(self.fit)

    def _available(self) -> int:
        size = self.size
        return self._available_in(size.width, size.height)

    def _available_in(self, width: int, height: int) -> int:
        """The room for the columns in ``width``: less a vertical scrollbar's when the rows are
        more than ``height``, the table's."""
        if not width:
            return 0
        if self.row_count + (1 if self.show_header else 0) > height and height:
            width -= self.styles.scrollbar_size_vertical
        return width

    def _initial_layout(self) -> tuple[tuple[str, ...], tuple[int | None, ...]]:
        keys = tuple(c.key for c in self.spec)
        return keys, tuple(None for _ in keys)

    def layout_for(self, available: int) -> tuple[tuple[str, ...], tuple[int | None, ...]]:
        """Which columns to show and how wide, for ``available`` cells."""
        pad = 2 * self.cell_padding
        natural = dict(self._widest)
        shown = list(self.spec)

        def total(columns: list[Column]) -> int:
            return sum(max(folded_width(c, columns), c.expect) + pad for c in columns)

        def folded_width(column: Column, columns: list[Column]) -> int:
            """A column's widest cell, with the cells of dropped columns folded into it."""
            folds = [c for c in self.spec if c.fold_into == column.key and c not in columns]
            if not folds:
                return natural[column.key]
            index = {c.key: i for i, c in enumerate(self.spec)}
            widest = natural[column.key]
            for cells, _height in self._rows_kept.values():
                extra = sum(cell_width(cells[index[f.key]]) + 1 for f in folds if cell_width(cells[index[f.key]]))
                widest = max(widest, cell_width(cells[index[column.key]]) + extra)
            return widest

        def least(columns: list[Column]) -> int:
            return sum(
                (min(max(folded_width(c, columns), c.expect), c.min_width) if c.flex else max(folded_width(c, columns), c.expect)) + pad
                for c in columns
            )

        def drop_worst(candidates: list[Column]) -> None:
            shown.remove(max(candidates, key=lambda c: (c.drop, shown.index(c))))

        # Optional columns give way before any text is cut: at 80 columns the customer list
        # shows number, name, city and phone rather than seven columns cut short; columns that
        # matter more than whole text (``cut_first``) go only when cutting is not enough.
        while total(shown) > available and (optional := [c for c in shown if c.drop and not c.cut_first]):
            drop_worst(optional)
        while least(shown) > available and (droppable := [c for c in shown if c.drop]):
            drop_worst(droppable)
        wanted = {c.key: folded_width(c, shown) for c in shown}
        widths = dict(wanted)
        excess = sum(widths[c.key] + pad for c in shown) - available
        while excess > 0:
            narrowable = [c for c in shown if c.flex and widths[c.key] > c.min_width]
            if not narrowable:
                break
            widest = max(narrowable, key=lambda c: widths[c.key])  # the widest gives first
            widths[widest.key] -= 1
            excess -= 1
        keys = tuple(c.key for c in shown)
        return keys, tuple(widths[c.key] if widths[c.key] < wanted[c.key] else None for c in shown)

    def fit(self) -> None:
        """Lay the table out for its width now (after a resize or wider rows)."""
        self._fit_pending = False
        available = self._available()
        if not available:
            return
        layout = self.layout_for(available)
        if layout != self._fit_layout:
            self._build(layout)

    def _build(self, layout: tuple[tuple[str, ...], tuple[int | None, ...]]) -> None:
        cursor = self.cursor_row if self._fit_layout is not None else 0
        self._fit_layout = layout
        self._shown_widths.clear()
        super().clear(columns=True)
        by_key = {c.key: c for c in self.spec}
        for key, width in zip(*layout):
            column = by_key[key]
            label = Text(column.label, justify=column.justify)
            self.add_column(label, key=key, width=width)
        for row_key, (cells, height) in self._rows_kept.items():
            self._add_shown(row_key, cells, height)
        if self.row_count and cursor:
            self.move_cursor(row=min(cursor, self.row_count - 1), animate=False)

    def _add_shown(self, key: str, cells: tuple[Any, ...], height: int | None, widths: list[int] | None = None) -> RowKey:
        """Add a row's shown cells; ``widths``: each cell's width, when the caller has them."""
        assert self._fit_layout is not None
        shown_keys = self._fit_layout[0]
        if widths is None:
            widths = [cell_width(cell) for cell in cells]
        by_key = {c.key: cell for c, cell in zip(self.spec, cells)}
        width_of = {c.key: width for c, width in zip(self.spec, widths)}
        for column, cell, width in zip(self.spec, cells, widths):
            if width and column.key not in shown_keys and column.fold_into in shown_keys:
                joined = by_key[column.fold_into] = _joined(cell, by_key[column.fold_into])
                width_of[column.fold_into] = cell_width(joined)
        wraps = self._wraps
        shown = [_as_text(by_key[k]) if k in wraps else _cut(_as_text(by_key[k])) for k in shown_keys]
        if not wraps.isdisjoint(shown_keys):
            height = None  # as many lines as the wrapped text needs
        shown_widths = self._shown_widths
        for k in shown_keys:
            if width_of[k] > shown_widths.get(k, 0):
                shown_widths[k] = width_of[k]
        return super().add_row(*shown, height=height, key=key)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """Textual's DataTable measures every cell of the new rows once the app is idle, each
        measure asking the console for the terminal's size (a system call): 40 % of what a
        search's 200 rows cost before they were painted (pyinstrument, docs/performance.md).
        This table knows its cells' widths from ``add_row``; rows of one line without a label
        take them from there. Rows that wrap (their height is worked out by rendering them) and
        labelled rows go Textual's way.

        A frame drawn between the rows' arrival and this measure drew the header and the cells
        at the columns' old widths, and DataTable keeps each drawing under a key without the
        width: a quote requoted to a wider amount kept "USD 856.…" beside free room, and the
        availability's header its old spacing. Columns that widen here are drawn again."""
        before = [column.content_width for column in self.ordered_columns]
        self._measure(list(new_rows))
        if [column.content_width for column in self.ordered_columns] != before:
            self._clear_caches()
            self.refresh()

    def _measure(self, new_rows: list[RowKey]) -> None:
        for row_key in new_rows:
            row = self.rows.get(row_key)
            if row is not None and (row.auto_height or row.label is not None):
                super()._update_dimensions(new_rows)
                return
        widths = self._shown_widths
        for column in self.ordered_columns:
            column.content_width = max(column.content_width, widths.get(str(column.key.value), 0))
        header = self.header_height if self.show_header else 0
        width = sum(column.get_render_width(self) for column in self.columns.values()) + self._row_label_column_width
        size = Size(width, self._total_row_height + header)
        if self._in_layout:
            self.set_reactive(FitTable.virtual_size, size)
        else:
            self.virtual_size = size

    def cut_cells_of(self, column_key: str) -> bool:
        return column_key not in self._wraps


class ReadOnlyTable(FitTable):
    """A FitTable with nothing to pick: no cursor, so a Tab stop only while rows are out of view
    (``ThemedTable.allow_focus``)."""

    def __init__(self, columns: Sequence[Column], **kwargs: Any) -> None:
        kwargs.setdefault("cursor_type", "none")
        kwargs.setdefault("show_cursor", False)
        super().__init__(columns, **kwargs)
