"""Search as you type: the one machinery behind the Customers and Products search screens.

A subclass names its widgets (``ID_PREFIX``), its columns, the gateway call, how a hit becomes a
row and what Enter on a row does; this base does the rest the same way for both:

- the field message under the input (hint, "Searching…", a typed query SAP would refuse, errors);
- a pause after the last keystroke (``SEARCH_DEBOUNCE``) before the search, Enter searches at once;
- the search runs in a thread worker; its answer carries a request token and is dropped when a
  newer query has been typed since;
- the results table is filled a page at a time (``ROWS_PER_CHUNK``) as the cursor nears the end;
- the line under the table: hit count, or SAP's hit limit ("first 200 hits — refine the search"),
  and when the figures were fetched;
- focus: Down or Enter from the field into the list, ``/`` (and Esc) back to the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

from ordertui import format as fmt
from ordertui.model import SalesArea, SearchResult
from ordertui.sap.errors import SapError
from ordertui.sap.gateway import DEFAULT_HIT_LIMIT
from ordertui.sap.query_text import check_query
from ordertui.screens.base import SapScreen, Token
from ordertui.widgets.themed import Cell, ThemedTable

if TYPE_CHECKING:
    from ordertui.sap.gateway import SapGateway

#: Pause after the last keystroke before searching: long enough to skip the letters of a word
#: typed at speed, short enough that the list seems to follow the typing.
SEARCH_DEBOUNCE = 0.25

#: Rows put into the results table at a time: the first page at once, the next ones when the
#: cursor comes near the end (see ``_add_rows``), so thousands of hits never stall typing.
ROWS_PER_CHUNK = 200
#: How close to the last loaded row the cursor may come before the next page is added.
LOAD_AHEAD = 40


def error_text(error: BaseException) -> str:
    """One line for an SAP error, in the user's words, with SAP's message id when there is one."""
    if isinstance(error, SapError):
        first = next((m for m in error.messages if m.is_error), None) or (error.messages[0] if error.messages else None)
        code = f" ({first.code})" if first is not None and first.code else ""
        return f"{error.title}: {error.message}{code}"
    return str(error)


class SearchScreen(SapScreen):
    """Base of a search-as-you-type screen: a field, its message line, a results table, a count.

    Subclasses set ``ID_PREFIX``, ``SEARCH_HINT``, ``COLUMNS`` and ``HITS_HINT`` and implement
    ``find``, ``row_maker``, ``no_hits`` and ``open_hit``; ``why_no_hits`` is optional.
    Widget ids are ``<prefix>-search``, ``<prefix>-search-msg``, ``<prefix>-results`` and
    ``<prefix>-results-info``; the request-token and worker group is ``<prefix>-search``.
    """

    #: "customer" → #customer-search, #customer-search-msg, #customer-results, #customer-results-info
    ID_PREFIX: ClassVar[str] = ""
    #: shown in the empty field (with the "/" key) and under it
    SEARCH_HINT: ClassVar[str] = ""
    #: results table columns: (label, key)
    COLUMNS: ClassVar[Sequence[tuple[str, str]]] = ()
    #: said under the field when there are hits
    HITS_HINT: ClassVar[str] = "Down or Enter: to the list"

    #: SAP's hit limit for one search (a benchmark raises it to render thousands of rows).
    hit_limit: int = DEFAULT_HIT_LIMIT

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._debounce: Timer | None = None
        self._shown_query = ""
        self._hits: dict[str, Any] = {}
        self._all_hits: tuple = ()
        self._truncated = False
        self._limit = DEFAULT_HIT_LIMIT
        self._fetched: dt.datetime | None = None
        self._token: Token | None = None

    # ------------------------------------------------------------------ for subclasses

    def find(self, gateway: SapGateway, sales_area: SalesArea, query: str, limit: int) -> SearchResult:
        """The gateway search (runs on a worker thread)."""
        raise NotImplementedError

    def why_no_hits(self, gateway: SapGateway, sales_area: SalesArea, query: str) -> Any:
        """When a search finds nothing: anything worth one more call to explain why (worker thread)."""
        return None

    def row_maker(self) -> Callable[[Any], tuple[Text | Cell, ...]]:
        """A function turning one hit into the cells of its row (made once per page of rows)."""
        raise NotImplementedError

    def no_hits(self, query: str, why: Any) -> tuple[str, str]:
        """The field message (text, kind) when nothing was found."""
        raise NotImplementedError

    def open_hit(self, hit: Any) -> None:
        """Enter on a row."""
        raise NotImplementedError

    # ------------------------------------------------------------------ widgets

    @property
    def _group(self) -> str:
        return f"{self.ID_PREFIX}-search"

    @property
    def search_input(self) -> Input:
        return self.query_one(f"#{self.ID_PREFIX}-search", Input)

    @property
    def results_table(self) -> DataTable:
        return self.query_one(f"#{self.ID_PREFIX}-results", DataTable)

    def compose_search(self) -> ComposeResult:
        """The field, its message line, the results table and the line under it."""
        prefix = self.ID_PREFIX
        yield Input(placeholder=self.SEARCH_HINT + "   ( / )", id=f"{prefix}-search")
        yield Static(self.SEARCH_HINT, id=f"{prefix}-search-msg", classes="field-msg")
        table = ThemedTable(id=f"{prefix}-results", classes="search-results", cursor_type="row", zebra_stripes=True)
        for label, key in self.COLUMNS:
            table.add_column(label, key=key)
        yield table
        yield Static("", id=f"{prefix}-results-info", classes="search-results-info")

    def compose(self) -> ComposeResult:
        yield from self.compose_search()

    def on_mount(self) -> None:
        self.search_input.focus()

    def action_focus_search(self) -> None:
        self.search_input.focus()

    # ------------------------------------------------------------------ typing

    def _say(self, text: str, kind: str = "") -> None:
        msg = self.query_one(f"#{self.ID_PREFIX}-search-msg", Static)
        msg.update(Content(text))
        msg.set_class(kind == "error", "-error")
        msg.set_class(kind == "warning", "-warning")

    def _stop_debounce(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None

    @on(Input.Changed)
    def _query_changed(self, event: Input.Changed) -> None:
        if event.input.id != f"{self.ID_PREFIX}-search":
            return
        self._stop_debounce()
        token = self._token = self.new_token(self._group)  # whatever is in flight is now stale
        query, problem = check_query(event.value)
        if not query:
            if problem:
                self._say(problem, "error")
            else:
                self._say(self.SEARCH_HINT)
                self._clear_results()
            return
        self._say(problem or "Searching…", "warning" if problem else "")
        self._debounce = self.set_timer(SEARCH_DEBOUNCE, partial(self._start_search, query, token))

    @on(Input.Submitted)
    def _query_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != f"{self.ID_PREFIX}-search":
            return
        table = self.results_table
        query, problem = check_query(event.value)
        if query and query == self._shown_query and table.row_count:
            table.focus()
            return
        if not query:
            if problem:
                self._say(problem, "error")
            return
        self._stop_debounce()  # Enter: search now, no need to wait for the pause
        self._token = self.new_token(self._group)
        self._start_search(query, self._token)

    def on_key(self, event: Any) -> None:
        if event.key == "down" and self.focused is self.search_input:
            table = self.results_table
            if table.row_count:
                event.stop()
                table.focus()

    # ------------------------------------------------------------------ SAP

    def _start_search(self, query: str, token: Token) -> None:
        if not self.is_wanted(token):
            return
        session = self.session
        call = partial(self._search, session.gateway, session.sales_area, query, self.hit_limit)
        self.fetch(call, partial(self._search_done, query), group=self._group, token=token, on_error=self._search_failed)

    def _search(self, gateway: SapGateway, sales_area: SalesArea, query: str, limit: int) -> tuple[SearchResult, Any]:
        """The search and, when it found nothing, why (worker thread)."""
        result = self.find(gateway, sales_area, query, limit)
        why = None if result.hits else self.why_no_hits(gateway, sales_area, query)
        return result, why

    def _search_failed(self, error: Exception, _at: dt.datetime) -> None:
        # ValueError: the adapter's own check of what SAP would reject
        self._say(str(error) if isinstance(error, ValueError) else error_text(error), "error")

    def _search_done(self, query: str, answer: tuple[SearchResult, Any], at: dt.datetime) -> None:
        result, why = answer
        self._show_results(query, result, at, why)

    # ------------------------------------------------------------------ results

    def _clear_results(self) -> None:
        self._shown_query = ""
        self._hits = {}
        self._all_hits = ()
        self.results_table.clear()
        self.query_one(f"#{self.ID_PREFIX}-results-info", Static).update("")

    def _show_results(self, query: str, result: SearchResult, at: dt.datetime | None, why: Any = None) -> None:
        self.results_table.clear()
        self._hits = {hit.number: hit for hit in result.hits}
        self._all_hits = result.hits
        self._truncated, self._limit, self._fetched = result.truncated, result.limit, at
        self._add_rows(self._token, result.hits, 0)
        self._shown_query = query
        if result.hits:
            self._say(self.HITS_HINT)
        else:
            self._say(*self.no_hits(query, why))

    def _add_rows(self, token: Token | None, hits: tuple, start: int) -> None:
        """Add one page of hits. A DataTable measures and re-renders on every growth, which
        costs tens of milliseconds per page; paging on demand keeps that off the typing path."""
        if token is None or not self.is_wanted(token):
            return  # a newer search replaced these results
        table = self.results_table
        row = self.row_maker()
        for hit in hits[start : start + ROWS_PER_CHUNK]:
            table.add_row(*row(hit), key=hit.number)
        self._paint_count()

    def _paint_count(self) -> None:
        shown, count = self.results_table.row_count, len(self._all_hits)
        info = self.query_one(f"#{self.ID_PREFIX}-results-info", Static)
        noun = "hit" if count == 1 else "hits"
        text = f"{fmt.number(count)} {noun}"
        if self._truncated:
            text = f"first {fmt.number(self._limit)} hits — refine the search"
        if shown < count:
            text += f" · showing {fmt.number(shown)}, more as you scroll"
        info.update(Content(f"{text} · {fmt.fetched_at(self._fetched)}"))
        info.set_class(self._truncated, "-warning")

    @on(DataTable.RowHighlighted)
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        table = event.data_table
        if table is not self.results_table:
            return
        if table.row_count < len(self._all_hits) and event.cursor_row >= table.row_count - LOAD_AHEAD:
            self._add_rows(self._token, self._all_hits, table.row_count)

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        if event.data_table is not self.results_table:
            return
        hit = self._hits.get(str(event.row_key.value))
        if hit is not None:
            self.open_hit(hit)
