"""What the after-sales detail screens share: one SD document on a screen, fetched live, with the
documents before and after it one key (Enter) away.

``DocumentScreen`` fetches its document through ``SapScreen.fetch`` whenever it is shown (live
data: coming back to it fetches again), paints a header and its parts, and says SAP's refusals
in words at the top ("No authorization for sales organization 1000 — SAP: …", "Order 1 does
not exist"), never as an empty screen. ``LinksTable`` is the table of related documents;
``open_document`` shows one, going back down the screen stack when it is already there instead
of stacking the same document twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from ordertui import format as fmt
from ordertui.sap.errors import NotAuthorized, NotFound, SapUnreachable
from ordertui.screens.base import SapScreen
from ordertui.screens.search import error_text
from ordertui.widgets.customer_panels import DataPart
from ordertui.widgets.fit_table import Column, FitTable

if TYPE_CHECKING:
    from textual.app import App

    from ordertui.model import Address
    from ordertui.sap.gateway import SapGateway

#: document kind -> (title, screen class path)
#: from this screen width on, headers have room for the keys line
WIDE = 110

KINDS = {
    "order": ("Order", "ordertui.screens.order_detail:OrderDetailScreen"),
    "delivery": ("Delivery", "ordertui.screens.delivery_detail:DeliveryDetailScreen"),
    "invoice": ("Invoice", "ordertui.screens.invoice_detail:InvoiceDetailScreen"),
}


def open_document(app: App[Any], kind: str, number: str) -> None:
    """Show document ``number`` of ``kind`` on the current area's stack: back down to it when it
    is already there (order -> delivery -> order does not stack a second order), else on top."""
    from ordertui.areas import load_screen_class  # noqa: PLC0415

    number = fmt.doc_number(number)
    stack = app.screen_stack
    for depth, screen in enumerate(reversed(stack)):
        if isinstance(screen, DocumentScreen) and screen.KIND == kind and screen.number == number:
            for _ in range(depth):
                app.pop_screen()
            return
    app.push_screen(load_screen_class(KINDS[kind][1])(number))


def refusal(error: BaseException, *, what: str, sales_org: str) -> str:
    """One line for why SAP did not give the document, in the user's words."""
    if isinstance(error, NotAuthorized):
        return f"No authorization for sales organization {sales_org} ({what}) — SAP: {error.message}"
    if isinstance(error, NotFound | ValueError):
        return str(error)
    return error_text(error)


def address_line(number: str, name: str, address: Address | None, *, short: bool = False) -> str:
    """``60018 Miami Valley Fastener Dayton Plant, 2200 Valley St, 45404 Dayton OH, US``;
    ``short``: ``60018 Miami Valley Fastener Dayton Plant, Dayton OH`` (what fits 80 columns)."""
    parts = [p for p in (fmt.doc_number(number), name) if p]
    text = " ".join(parts)
    if address is not None and short:
        where = " ".join(p for p in (address.city, address.region) if p)
        return f"{text}, {where}" if where else text
    if address is not None:
        where = ", ".join(p for p in (
            address.street,
            " ".join(p for p in (address.postal_code, address.city, address.region) if p),
            address.country,
        ) if p)
        if where:
            text += ", " + where
    return text


class LinksTable(FitTable):
    """Related documents, one per row keyed ``kind:number``; Enter opens the one under the cursor.

    Its columns are the document, its number, its date (``dated``) and a note; the note is cut with
    "…" to the room the part leaves, its scrollbar included (at 80x24 an order's flow of six rows
    scrolls in a part of six lines, and its longest note ran under a horizontal scrollbar)."""

    def __init__(self, *, dated: bool = False, **kwargs: Any) -> None:
        columns = [Column("Document", "kind"), Column("Number", "number")]
        if dated:
            columns.append(Column("Date", "date"))
        columns.append(Column("", "note", flex=True, min_width=12))
        super().__init__(columns, cursor_type="row", zebra_stripes=False, **kwargs)

    def link(self, kind: str, number: str, *cells: Any, via: str = "") -> None:
        """A row opening document ``number`` of ``kind``; ``via`` tells apart two rows that open
        the same document (a delivery and its goods issue)."""
        key = f"{kind}:{number}" + (f":{via}" if via else "")
        if key in self.rows:  # a document shows once (the flow names an invoice per item)
            return
        self.add_row(*cells, key=key)


@contextmanager
def theme_variables_once(app: App[Any]) -> Iterator[None]:
    """While painting: the theme's variables worked out once, not once per table row.

    ``ThemedTable.add_row`` asks ``app.get_css_variables()`` for every row holding a theme-
    coloured cell, and Textual builds the whole design anew each time (~2 ms): 50 items cost
    100 ms. Within this block the app answers with the variables of the theme it has now."""
    variables = app.get_css_variables()
    app.get_css_variables = lambda: variables  # type: ignore[method-assign]
    try:
        yield
    finally:
        del app.get_css_variables


def show_links(part: DataPart, table: LinksTable) -> None:
    """Put ``table`` into ``part`` in place of the one shown before, keeping its cursor's row
    (coming back from a delivery leaves the cursor on that delivery), and focus it."""
    before = part.query(LinksTable)
    row = before.first().cursor_row if before else 0
    part.show(table)
    if 0 < row < table.row_count:
        table.move_cursor(row=row)
    table.focus()


class DocumentScreen(SapScreen):
    """One document, its header and parts; subclasses fetch and paint it."""

    #: "order", "delivery", "invoice" (``KINDS``)
    KIND: ClassVar[str] = ""
    #: what SAP is asked for, for the authorization sentence ("orders", "deliveries", ...)
    WHAT: ClassVar[str] = ""

    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    BINDINGS = [
        Binding("escape", "back", "Back", id="document.back"),
        Binding("r", "refresh", "Refresh", id="document.refresh"),
    ]

    def __init__(self, number: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.number = fmt.doc_number(number)
        self.document: Any = None
        self.fetched_at: dt.datetime | None = None
        self.problem = ""

    # ------------------------------------------------------------------ for subclasses

    def read(self, gateway: SapGateway, number: str) -> Any:
        """The gateway call (worker thread)."""
        raise NotImplementedError

    def parts(self) -> ComposeResult:
        """The DataParts under the header."""
        raise NotImplementedError

    def paint(self, document: Any) -> None:
        """Fill the parts from the document (event loop)."""
        raise NotImplementedError

    def header(self) -> Content:
        """The header while nothing has arrived (subclasses paint their own once it has)."""
        title = KINDS[self.KIND][0]
        line: list[Any] = [(f"{title} {self.number}", "bold")]
        if self.problem:
            line += ["  ", (self.problem, "bold $error")]
        else:
            line += ["  ", ("fetching…", "$text-muted")]
        return Content.assemble(*line, "\n", (self.keys_hint(), "$text-muted"))

    def keys_hint(self) -> str:
        return f"{fmt.fetched_at(self.fetched_at)} · Enter opens a document · r refresh · Esc back"

    # ------------------------------------------------------------------ compose and fetch

    def compose(self) -> ComposeResult:
        yield Static(self.header(), id="doc-header")
        with Vertical(id="doc-body"):
            yield from self.parts()

    def on_screen_resume(self) -> None:
        # Live data: showing the document (again) always fetches it afresh.
        self.action_refresh()

    def action_refresh(self) -> None:
        self.problem = ""
        for part in self.query(DataPart):
            part.display = True
            part.show_loading()
        self.fetch(partial(self.read, self.gateway, self.number), self._arrived,
                   group=f"{self.KIND}-detail", on_error=self._failed)

    def _arrived(self, document: Any, at: dt.datetime) -> None:
        self.document, self.fetched_at = document, at
        with theme_variables_once(self.app):
            self.paint(document)

    def on_resize(self) -> None:
        # the tables and header are laid out for the width: lay them out again, no new read
        if self.document is not None and not self.problem:
            with theme_variables_once(self.app):
                self.paint(self.document)

    def _failed(self, error: Exception, at: dt.datetime) -> None:
        if isinstance(error, SapUnreachable):
            self.shell.handle_sap_error(error, group=f"{self.KIND}-detail")  # status bar, toast
        self.fetched_at = at
        self.problem = refusal(error, what=self.WHAT, sales_org=self.session.sales_area.sales_org)
        self.query_one("#doc-header", Static).update(self.header())
        for part in self.query(DataPart):
            part.display = False  # the header says why; no empty parts under it

    def paint_header(self, *lines: Any) -> None:
        """The header: the given lines (each a list of Content parts, cut to the screen's width,
        never wrapped), then on a wide screen the keys line (a narrow one has them in the footer)."""
        width = max(20, self.app.size.width - 2)
        shown = [Content.assemble(*line).truncate(width, ellipsis=True) for line in lines if line]
        if self.app.size.width >= WIDE:
            shown.append(Content.styled(self.keys_hint(), "$text-muted").truncate(width, ellipsis=True))
        self.query_one("#doc-header", Static).update(Content("\n").join(shown))

    # ------------------------------------------------------------------ keys

    def action_back(self) -> None:
        self.app.pop_screen()

    @on(DataTable.RowSelected)
    def _open_link(self, event: DataTable.RowSelected) -> None:
        if not isinstance(event.data_table, LinksTable):
            return
        kind, number = (str(event.row_key.value).split(":") + [""])[:2]
        if kind in KINDS and not (kind == self.KIND and number == self.number):
            open_document(self.app, kind, number)


def room(screen: tuple[int, int], widths: list[int], rows: int) -> int:
    """Characters left for one flexible column of a table in a bordered part at the bottom of a
    ``screen`` (width, height): the width minus the part's border, a scrollbar when ``rows`` will
    not fit (a table in the lower part of the screen shows about height - 16 rows), the other
    columns' ``widths`` and every column's two cells of padding (the flexible one's too)."""
    width, height = screen
    frame = 2 + (2 if rows > height - 16 else 0)
    return width - frame - sum(widths) - 2 * (len(widths) + 1)


def widest(label: str, values: Any) -> int:
    """A column's width: its label or its longest value."""
    return max([len(label), *(len(v) for v in values)])


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` with an ellipsis (only ever where there is no more room)."""
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def cell(text: str, *, right: bool = False) -> Text:
    return Text(text, justify="right" if right else "left", no_wrap=True, overflow="ellipsis")
