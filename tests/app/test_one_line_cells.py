"""The one-line cell drawing (``ordertui.widgets.one_line_cells``) draws what Textual's DataTable
draws, segment for segment: the text, its styles and the mouse meta (row, column) Textual puts on
each cell. Compared with Rich's general path as DataTable calls it, and inside a live table with
Textual's own ``_render_cell`` (cursor, hover, header, zebra stripes, rows of several lines)."""

from __future__ import annotations

import itertools

import pytest
from rich.console import Console
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import App
from textual.renderables.styled import Styled
from textual.widgets import DataTable

from ordertui.widgets import one_line_cells
from ordertui.widgets.fit_table import Column, FitTable
from ordertui.widgets.one_line_cells import one_line
from ordertui.widgets.themed import Cell, ThemedTable


def shape(lines) -> list[list[tuple]]:
    """Segments as a user sees them: text, style (without Rich's random link id), meta, control."""
    return [[(s.text, str(s.style) if s.style else "", s.style._meta if s.style else None, s.control) for s in line] for line in lines]


def textual_drawing(console, options, cell, width, padding, pre, post):
    """What DataTable._render_cell hands Rich for a row of height 1 (textual/widgets/_data_table.py)."""
    options = options.update_dimensions(width, 1).update(no_wrap=True)
    return console.render_lines(Styled(Padding(cell, (0, padding)), pre_style=pre, post_style=post), options)


def texts():
    plain = ["", "x", "Fastener Supply Co.", "USD 1,234.56", "東京 Trading 株式会社", "🙂 ok", "   spaced   ", "a" * 40]
    for words, justify, overflow, no_wrap in itertools.product(
        plain, [None, "left", "right", "center", "full", "default"], [None, "ellipsis", "fold", "crop"], [None, True]
    ):
        yield Text(words, justify=justify, overflow=overflow, no_wrap=no_wrap)
    styled = Text("BLOCKED", style="bold red")
    styled.append(" Dayton Fastener", style="italic #88aaff")
    yield styled
    yield Text("on its own style", style="reverse", end="")
    spans = Text("12 CAR available 2026-12-01")
    spans.stylize("bold", 0, 6)
    spans.stylize("underline", 4, 20)
    yield spans
    yield Text.from_markup("[b]PO[/b] 4711-[i]A[/i]", end="")
    yield Cell("BLOCKED", "bold #ff0000").plus(" Dayton", "italic").to_text({}, cut=True)
    # styles and spans in a text padded on either side, and one that ends in a space
    for justify in ("left", "right", "default"):
        for text in (styled, spans, Cell("USD", "bold").plus(" 909.21 ", "italic").to_text({}, cut=True)):
            padded = text.copy()
            padded.justify = justify
            yield padded


@pytest.mark.parametrize("padding", [0, 1, 2])
def test_one_line_draws_what_textuals_data_table_draws(padding):
    console = Console(width=120, height=36, color_system="truecolor", legacy_windows=False)
    options = console.options
    pre = Style(color="#e0e0e0", bgcolor="#1c1c1c") + Style.from_meta({"row": 3, "column": 1})
    posts = [Style.null(), Style(bgcolor="#0178d4"), Style(color="#ffffff", bgcolor="#0178d4")]
    compared = 0
    for cell in texts():
        for width, post in itertools.product([1, 2, 3, 5, 8, 13, 30, 60], posts):
            fast = one_line(console, options, cell, width, padding, pre, post)
            if width - 2 * padding < 1:
                assert fast is None, (cell, width)
                continue
            assert fast is not None, (cell, width)
            assert shape(fast) == shape(textual_drawing(console, options, cell, width, padding, pre, post)), (
                repr(cell), cell.justify, cell.overflow, width, padding, post)
            compared += 1
    assert compared > 5000


def test_cells_it_cannot_draw_the_same_way_are_left_to_textual():
    console = Console(width=80)
    style = Style(color="red")
    for cell in [Text("two\nlines"), Text("a\ttab"), Text("may wrap", no_wrap=False), "a str", Padding("x", 1)]:
        assert one_line(console, console.options, cell, 20, 1, style, Style.null()) is None, repr(cell)


class Tables(App[None]):
    def compose(self):
        yield ThemedTable(id="plain", cursor_type="row", zebra_stripes=True)
        yield FitTable(
            (Column("Number", "n"), Column("Name", "name", flex=True), Column("Amount", "a", justify="right")),
            id="fit", cursor_type="cell",
        )
        yield ThemedTable(id="labelled", fixed_columns=1, fixed_rows=1, zebra_stripes=True)


async def test_a_live_table_draws_each_cell_as_textual_would(monkeypatch):
    drawn_here = []
    original = one_line_cells.one_line

    def counting(*args, **kwargs):
        result = original(*args, **kwargs)
        drawn_here.append(result is not None)
        return result

    monkeypatch.setattr("ordertui.widgets.themed.one_line", counting)
    app = Tables()
    async with app.run_test(size=(100, 40)) as pilot:
        plain = app.query_one("#plain", ThemedTable)
        plain.add_columns("Order", "PO", "Net")
        plain.add_row("5010", Cell("BLOCKED", "bold $error").plus(" 4711"), Text("USD 909.21", justify="right"))
        plain.add_row("5011", "wraps\nonto two lines", "USD 1.00", height=None)
        plain.add_row("5012", "", Text("EUR 12,345,678.90", justify="right"), height=1)
        fit = app.query_one("#fit", FitTable)
        fit.add_row("10023", "Dayton Fastener Supply Corporation of Ohio", Text("USD 818.97"))
        fit.add_row("10024", Cell("東京 Trading", "italic"), "USD 5.18")
        labelled = app.query_one("#labelled", ThemedTable)
        labelled.add_columns("Plant", "Free", "Date")
        labelled.add_row("1000", "12 CAR", "2026-12-01", label="one")
        labelled.add_row("1100", "0 CAR", "2026-12-04")
        await pilot.pause()
        fit.move_cursor(row=1, column=1)
        await pilot.pause()
        drawn_here.clear()
        checked = 0
        for table in (plain, fit, labelled):
            table._clear_caches()
            rows = [-1, *range(table.row_count)]
            columns = [*range(len(table.columns))] + ([-1] if table.show_row_labels else [])
            for row, column, cursor, hover in itertools.product(rows, columns, [False, True], [False, True]):
                width = table.ordered_columns[column].get_render_width(table) if column >= 0 else table._row_label_column_width
                base = Style(bgcolor="#272727") if row % 2 else Style(bgcolor="#1c1c1c")
                ours = table._render_cell(row, column, base, width, cursor, hover)
                table._clear_caches()
                theirs = DataTable._render_cell(table, row, column, base, width, cursor, hover)
                table._clear_caches()
                assert shape(ours) == shape(theirs), (table.id, row, column, cursor, hover)
                checked += 1
        used = list(drawn_here)
        # the same rows drawn whole, as the screen draws them: with what the table works out
        # once per render (its size, columns, colours, styles) and as Textual works each out
        for table in (plain, fit, labelled):
            region = table.size.region
            table._clear_caches()
            table._styles_cache.clear()
            ours = table.render_lines(region)
            assert table._styles_now is None  # let go of once the render is done
            table._clear_caches()
            table._styles_cache.clear()
            theirs = DataTable.render_lines(table, region)
            assert any(line.text.strip() for line in ours)
            assert shape(ours) == shape(theirs), table.id
    assert checked > 100
    assert sum(used) > 50, "the one-line drawing was not used"
    assert len(used) < checked, "row labels and rows of several lines are Textual's to draw"


def test_segments_kept_apart_where_textual_keeps_them():
    """Widths are the sum of segment lengths: a wide character cut at the edge is padded as Rich does."""
    console = Console(width=40)
    drawn = one_line(console, console.options, Text("東京東京"), 5, 1, Style(bold=True), Style.null())
    assert drawn is not None
    assert sum(Segment.get_line_length(line) for line in drawn) == 5
