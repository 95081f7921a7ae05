"""A table cell of one line drawn without Rich's general machinery: the same segments, for
less.

Textual's ``DataTable`` draws every cell through Rich's general path: the cell is wrapped in a
``Padding`` inside a ``Styled`` and handed to ``console.render_lines``, which renders the
padding, which renders the text through a second ``render_lines``; each level makes generators,
splits the result into lines and crops and pads it again. For the tables here (one line per row,
a ``Text`` per cell) that is two thirds of drawing a table: a search's first frame of rows spent
12-16 of its 18-20 ms in it; drawn here, the same rows take 12-14 ms (docs/performance.md,
"Fourth pass").

``one_line`` draws such a cell with the same Rich steps that decide what a user sees — the
text's own ``wrap`` (justify, overflow, "…"), ``join`` and ``render``, and
``Segment.split_and_crop_lines`` (cut or padded to the cell's width) — and puts the padding
and the before and after styles on as Textual's ``Styled`` does, without the generic layers in
between. What it cannot draw the same way (a cell of several lines or with a tab, a text that
may wrap, a renderable that is not ``Text``, a cell too narrow for its padding) it leaves to
Textual: it returns ``None``.

``tests/app/test_one_line_cells.py`` holds it to Textual's own drawing, segment for
segment, across justifications, overflows, styles and spans, wide characters, empty and cut
texts; the snapshot tests hold the screens to what they drew before.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, JustifyMethod, OverflowMethod
from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text

#: Rich's defaults where neither the text nor the console's options say (rich/text.py).
DEFAULT_JUSTIFY: JustifyMethod = "default"
DEFAULT_OVERFLOW: OverflowMethod = "fold"

_NEW_LINE = Text("\n")

#: the justifications whose fitting text ``_fitting`` makes as Rich does
_FITS = frozenset({"default", "left", "right"})


def one_line(
    console: Console,
    options: ConsoleOptions,
    cell: object,
    width: int,
    padding: int,
    pre_style: Style,
    post_style: Style,
) -> list[list[Segment]] | None:
    """The one line of segments Textual would draw for ``cell`` at ``width`` (padding included),
    or ``None`` where only Textual's general path can draw it.

    ``options`` are the console options Textual renders cells with (for their justify and
    overflow); ``pre_style`` goes under the cell's own styles, ``post_style`` over them."""
    if type(cell) is not Text:
        return None
    inner = width - 2 * padding
    plain = cell.plain
    if inner < 1 or cell.no_wrap is False or "\n" in plain or "\t" in plain:
        return None
    justify = cell.justify or options.justify or DEFAULT_JUSTIFY
    overflow = cell.overflow or options.overflow or DEFAULT_OVERFLOW
    room = inner - cell_len(plain)
    if room >= 0 and overflow != "ignore" and justify in _FITS and not (justify == "right" and plain[-1:].isspace()):
        # a text that fits: what ``wrap`` and ``join`` below make of it, made directly (two
        # thirds of a cell's drawing, for the text most cells hold)
        joined = _fitting(cell, plain, room, justify)
    else:
        lines = cell.wrap(console, inner, justify=justify, overflow=overflow, tab_size=8, no_wrap=True)
        if len(lines) != 1:
            return None
        # The text's own style goes on as a span, as Rich's join puts it (render alone leaves it off).
        joined = _NEW_LINE.join(lines)
    rendered = joined.render(console)
    null = Style.null()
    line = next(iter(Segment.split_and_crop_lines(rendered, inner, style=null, pad=True, include_new_lines=False)), None)
    if line is None:
        line = [Segment(" " * inner, null)]
    if padding:
        edge = Segment(" " * padding, null)
        line = [edge, *line, edge]
    return [[_styled(segment, pre_style, post_style) for segment in line]]


def _fitting(cell: Text, plain: str, room: int, justify: str) -> Text:
    """What ``_NEW_LINE.join(cell.wrap(...))`` gives for a text that fits with ``room`` cells to
    spare: Rich's ``Lines.justify`` pads "left" on the right and "right" on the left (after
    ``rstrip``, so a text ending in a space goes the long way), inside the text's own style, and
    leaves "default" as it is; ``join`` puts that style on as a span in front of the text's."""
    spans = list(cell.spans)
    if justify == "left" and room:
        plain = plain + " " * room
    elif justify == "right" and room:
        plain = " " * room + plain
        spans = [span.move(room) for span in spans]
    if cell.style:
        spans.insert(0, Span(0, len(plain), cell.style))
    return Text(plain, style=_NEW_LINE.style, end=_NEW_LINE.end, spans=spans)


def _styled(segment: Segment, pre_style: Style, post_style: Style) -> Segment:
    """``pre_style + segment's style + post_style``, as Textual's ``Styled`` (through Rich's
    ``Segment.apply_style``) puts them on."""
    text, style, control = segment
    if control:
        return Segment(text, None, control)
    if pre_style:
        style = pre_style + style
    if post_style:
        style = style + post_style if style else post_style
    return Segment(text, style)
