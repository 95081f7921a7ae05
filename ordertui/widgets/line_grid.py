"""The order line grid: every line of a draft, priced and confirmed as SAP answered, cheap at 999 lines.

A Line API widget (``ScrollView`` + ``render_line``): only the rows on screen are rendered, each
row's strips are cached until the row changes, so a 999-line order scrolls and repaints as fast
as a 5-line one and no widget is mounted per line. The grid lays its columns out for its width:
from ``WIDE`` columns on the description sits in the line, narrower it moves to a second row.
Under a line go its notes (SAP's messages, what is wrong with what was typed), full width.

The grid shows ``LineView`` rows it is given; it knows nothing of SAP. Keys: Up/Down/PageUp/
PageDown/Home/End move, Enter asks to edit the line (``LineGrid.Chosen``), Delete asks to delete
it (``LineGrid.DeleteRequested``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ordertui.widgets.type_ahead import reroute_key

#: From this width on, the description sits in the line itself.
WIDE = 100

#: tag -> component class (colours come from the theme)
TAGS = {
    "error": "line-grid--error",
    "warning": "line-grid--warning",
    "success": "line-grid--success",
    "muted": "line-grid--muted",
    "bold": "line-grid--bold",
}

#: confirmation state -> tag of the confirmation cell
STATE_TAGS = {"full": "success", "partial": "warning", "later": "warning", "none": "error", "pending": "muted", "offline": "muted"}


@dataclass(frozen=True)
class LineView:
    """What the grid shows for one line; ``key`` is the draft line id (SAP-added rows: negative)."""

    key: int
    number: str
    material: str
    description: str = ""
    quantity: str = ""
    unit: str = ""
    price: str = ""
    value: str = ""
    confirmation: str = ""
    #: full | partial | later | none | pending | offline | invalid | error | added | ""
    state: str = ""
    flags: tuple[str, ...] = ()
    #: (text, tag) lines under the row
    notes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class _Column:
    title: str
    width: int
    justify: str = "left"
    field: str = ""


class LineGrid(ScrollView, can_focus=True):
    """Order lines, one or more terminal rows each, with a fixed column header."""

    COMPONENT_CLASSES = {
        "line-grid--header",
        "line-grid--cursor",
        "line-grid--error",
        "line-grid--warning",
        "line-grid--success",
        "line-grid--muted",
        "line-grid--bold",
        "line-grid--added",
    }
    DEFAULT_CSS = """
    LineGrid { background: $surface; }
    LineGrid > .line-grid--header { text-style: bold; color: $text-muted; background: $panel; }
    LineGrid > .line-grid--cursor { background: $block-cursor-blurred-background; }
    LineGrid:focus > .line-grid--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    LineGrid > .line-grid--error { color: $text-error; }
    LineGrid > .line-grid--warning { color: $text-warning; }
    LineGrid > .line-grid--success { color: $text-success; }
    LineGrid > .line-grid--muted { color: $text-muted; }
    LineGrid > .line-grid--bold { text-style: bold; }
    LineGrid > .line-grid--added { color: $text-muted; text-style: italic; }
    """

    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False, id="line_grid.up"),
        Binding("down", "move(1)", "Down", show=False, id="line_grid.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="line_grid.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="line_grid.page_down"),
        Binding("home", "jump(0)", "First line", show=False, id="line_grid.home"),
        Binding("end", "jump(-1)", "Last line", show=False, id="line_grid.end"),
        Binding("enter", "choose", "Edit line", id="line_grid.edit"),
        Binding("delete", "delete", "Delete line", id="line_grid.delete"),
    ]

    cursor: reactive[int] = reactive(0, init=False)

    class Chosen(Message):
        def __init__(self, key: int) -> None:
            super().__init__()
            self.key = key

    class DeleteRequested(Message):
        def __init__(self, key: int) -> None:
            super().__init__()
            self.key = key

    class LeftAtBottom(Message):
        """Down on the last line: the caller may move focus on (to the line editor)."""

    def __init__(self, *, currency: str = "", placeholder: str = "", id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        #: shown (muted) under the header while there is no line
        self.placeholder = placeholder
        #: called at once (not through a message) for Enter / Delete / Down past the last line, so
        #: the screen moves focus before the next typed-ahead key is read (see widgets/type_ahead)
        self.on_choose: Callable[[int], None] | None = None
        self.on_delete: Callable[[int], None] | None = None
        self.on_leave: Callable[[], None] | None = None
        self.rows: list[LineView] = []
        self.currency = currency
        self._tops: list[int] = [0]  # first content row of each line; last entry = total height
        #: rendered rows: (line index, width, selected, focused) -> one strip per terminal row
        self._cache: dict[tuple[int, int, bool, bool], list[Strip]] = {}
        self._styles: dict[str, Style] = {}

    # ------------------------------------------------------------------ data
    def set_rows(self, rows: list[LineView], *, currency: str | None = None, keep_key: int | None = None) -> None:
        """Show ``rows``; the cursor stays on the line it was on (or ``keep_key``)."""
        current = keep_key if keep_key is not None else self.cursor_key
        self.rows = list(rows)
        if currency is not None:
            self.currency = currency
        self._cache.clear()
        self._relayout()
        index = next((i for i, r in enumerate(self.rows) if r.key == current), None)
        if index is None:
            index = min(self.cursor, max(0, len(self.rows) - 1))
        self.set_reactive(LineGrid.cursor, index)
        self.refresh()

    @property
    def cursor_key(self) -> int | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor].key
        return None

    def select_key(self, key: int) -> None:
        index = next((i for i, r in enumerate(self.rows) if r.key == key), None)
        if index is not None:
            self.cursor = index
            self.scroll_to_cursor()

    def row_text(self, index: int) -> str:
        """The plain text of a row as laid out now (tests, screen readers)."""
        lines = self._row_lines(self.rows[index], self._width())
        return "\n".join(t.plain.rstrip() for t in lines)

    # ------------------------------------------------------------------ layout
    def _width(self) -> int:
        return max(20, self.scrollable_content_region.width or self.size.width or 80)

    def _wide(self, width: int) -> bool:
        return width >= WIDE

    def _columns(self, width: int) -> list[_Column]:
        cur = f" {self.currency}" if self.currency else ""
        if self._wide(width):
            fixed = [
                _Column("#", 3, "right", "number"),
                _Column("Material", 14, "left", "material"),
                _Column("Description", 0, "left", "description"),
                _Column("Qty", 9, "right", "quantity"),
                _Column("Un", 3, "left", "unit"),
                _Column("Price", 10, "right", "price"),
                _Column(f"Value{cur}", 12, "right", "value"),
                _Column("Confirmed", 24, "left", "confirmation"),
            ]
        else:
            fixed = [
                _Column("#", 3, "right", "number"),
                _Column("Material", 12, "left", "material"),
                _Column("Qty", 8, "right", "quantity"),
                _Column("Un", 3, "left", "unit"),
                _Column("Price", 9, "right", "price"),
                _Column(f"Value{cur}", 11, "right", "value"),
                _Column("Confirmed", 0, "left", "confirmation"),
            ]
        used = sum(c.width for c in fixed) + (len(fixed) - 1)
        rest = max(8, width - used)
        return [_Column(c.title, c.width or rest, c.justify, c.field) for c in fixed]

    def _row_height(self, row: LineView, wide: bool) -> int:
        return 1 + (0 if wide else 1) + len(row.notes)

    def _relayout(self) -> None:
        wide = self._wide(self._width())
        tops = [0]
        for row in self.rows:
            tops.append(tops[-1] + self._row_height(row, wide))
        self._tops = tops
        self.virtual_size = Size(self._width(), tops[-1] + 1)  # + the header

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self._relayout()
        self.scroll_to_cursor()

    # ------------------------------------------------------------------ rendering
    def _style(self, tag: str) -> Style:
        """The theme's style for ``tag`` (cached: every visible cell asks, every frame)."""
        found = self._styles.get(tag)
        if found is None:
            name = TAGS.get(tag, tag)
            found = self.get_component_rich_style(name, partial=True) if name else Style()
            self._styles[tag] = found
        return found

    def _base(self) -> Style:
        found = self._styles.get("")
        if found is None:
            found = self._styles[""] = self.rich_style
        return found

    def notify_style_update(self) -> None:
        super().notify_style_update()  # a theme switch or :focus: styles and rendered rows change
        self._styles = {}
        self._cache.clear()

    def _cells(self, row: LineView, columns: list[_Column]) -> Text:
        line = Text(no_wrap=True, end="")
        for i, col in enumerate(columns):
            value = getattr(row, col.field) if col.field else ""
            tag = ""
            if col.field == "confirmation":
                tag = STATE_TAGS.get(row.state, "")
            elif col.field in ("price", "value") and row.state in ("pending", "offline"):
                tag = "muted"
            elif col.field == "material" and row.state in ("invalid", "error"):
                tag = "error"
            cell = Text(str(value), style=self._style(tag), no_wrap=True, end="")
            if col.field == "description" and row.flags:
                cell.append(("  " if value else "") + " · ".join(f.upper() for f in row.flags), style=self._style("error"))
            cell.truncate(col.width, overflow="ellipsis")
            if col.justify == "right":
                cell.pad_left(col.width - cell.cell_len)
            else:
                cell.pad_right(col.width - cell.cell_len)
            if i:
                line.append(" ")
            line.append_text(cell)
        if row.state == "added":
            line.stylize(self._style("line-grid--added"))
        return line

    def _row_lines(self, row: LineView, width: int) -> list[Text]:
        wide = self._wide(width)
        lines = [self._cells(row, self._columns(width))]
        if not wide:
            second = Text(" " * 4, no_wrap=True, end="")
            second.append(row.description or "", style=self._style("muted"))
            if row.flags:
                second.append(("  " if row.description else "") + " · ".join(f.upper() for f in row.flags), style=self._style("error"))
            lines.append(second)
        for text, tag in row.notes:
            note = Text(" " * 4, no_wrap=True, end="")
            note.append(text, style=self._style(tag))
            lines.append(note)
        return lines

    def _header(self, width: int) -> Text:
        line = Text(no_wrap=True, end="")
        for i, col in enumerate(self._columns(width)):
            cell = Text(col.title, no_wrap=True, end="")
            cell.truncate(col.width, overflow="ellipsis")
            if col.justify == "right":
                cell.pad_left(col.width - cell.cell_len)
            else:
                cell.pad_right(col.width - cell.cell_len)
            if i:
                line.append(" ")
            line.append_text(cell)
        return line

    def _strip(self, text: Text, width: int, base: Style) -> Strip:
        text.truncate(width, overflow="ellipsis")
        segments = [Segment(s.text, base + s.style if s.style else base) for s in text.render(self.app.console)]
        return Strip(segments).extend_cell_length(width, base).crop(0, width)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        base = self._base()
        if y == 0:
            return self._strip(self._header(width), width, base + self._style("line-grid--header"))
        content_y = int(self.scroll_offset.y) + y - 1
        if not self.rows and content_y == 1 and self.placeholder:
            return self._strip(Text("    " + self.placeholder, style=self._style("muted")), width, base)
        if content_y < 0 or content_y >= self._tops[-1]:
            return Strip.blank(width, base)
        # which line holds this content row: binary search over the tops
        lo, hi = 0, len(self.rows) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._tops[mid] <= content_y:
                lo = mid
            else:
                hi = mid - 1
        index = lo
        selected = index == self.cursor
        key = (index, width, selected, self.has_focus)
        strips = self._cache.get(key)
        if strips is None:
            style = base + self._style("line-grid--cursor") if selected else base
            strips = [self._strip(text, width, style) for text in self._row_lines(self.rows[index], width)]
            if len(self._cache) > 2000:
                self._cache.clear()
            self._cache[key] = strips
        sub = content_y - self._tops[index]
        return strips[sub] if sub < len(strips) else Strip.blank(width, base)

    # ------------------------------------------------------------------ keys
    #: keys handled here, in order with the keys typed after them (bindings would run later)
    _KEYS = {
        "up": ("move", -1), "down": ("move", 1), "pageup": ("page", -1), "pagedown": ("page", 1),
        "home": ("jump", 0), "end": ("jump", -1), "enter": ("choose", None), "delete": ("delete", None),
    }

    async def _on_key(self, event: events.Key) -> None:
        if reroute_key(self, event):
            return
        found = self._KEYS.get(event.key)
        if found is None:
            return
        event.prevent_default()
        event.stop()
        name, arg = found
        method = getattr(self, f"action_{name}")
        method() if arg is None else method(arg)

    # ------------------------------------------------------------------ cursor
    def watch_cursor(self, old: int, new: int) -> None:
        self.scroll_to_cursor()
        self.refresh()

    def on_focus(self) -> None:
        self._styles = {}  # the cursor's colour follows :focus
        self.refresh()

    def on_blur(self) -> None:
        self._styles = {}
        self.refresh()

    def scroll_to_cursor(self) -> None:
        if not self.rows or len(self._tops) <= self.cursor + 1:
            return
        top, bottom = self._tops[self.cursor], self._tops[self.cursor + 1]
        visible = max(1, self.scrollable_content_region.height - 1)
        y = self.scroll_offset.y
        if top < y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif bottom > y + visible:
            self.scroll_to(y=bottom - visible, animate=False, immediate=True)

    def action_move(self, delta: int) -> None:
        if not self.rows:
            return
        target = self.cursor + delta
        if target >= len(self.rows):
            if self.on_leave is not None:
                self.on_leave()
            else:
                self.post_message(self.LeftAtBottom())
            return
        self.cursor = max(0, target)

    def action_page(self, direction: int) -> None:
        if not self.rows:
            return
        visible = max(1, self.scrollable_content_region.height - 1)
        target_y = self._tops[self.cursor] + direction * visible
        index = max(0, min(len(self.rows) - 1, next((i for i in range(len(self.rows)) if self._tops[i + 1] > target_y), len(self.rows) - 1)))
        self.cursor = index

    def action_jump(self, index: int) -> None:
        if self.rows:
            self.cursor = index if index >= 0 else len(self.rows) - 1

    def action_choose(self) -> None:
        key = self.cursor_key
        if key is None:
            return
        if self.on_choose is not None:
            self.on_choose(key)
        else:
            self.post_message(self.Chosen(key))

    def action_delete(self) -> None:
        key = self.cursor_key
        if key is None:
            return
        if self.on_delete is not None:
            self.on_delete(key)
        else:
            self.post_message(self.DeleteRequested(key))

    def on_click(self, event: events.Click) -> None:
        y = event.y
        if y <= 0:
            return
        content_y = int(self.scroll_offset.y) + y - 1
        for i in range(len(self.rows)):
            if self._tops[i] <= content_y < self._tops[i + 1]:
                self.cursor = i
                if event.chain >= 2:
                    self.action_choose()
                break
