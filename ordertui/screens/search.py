"""Search as you type: the one machinery behind the Customers and Products search screens.

A subclass names its widgets (``ID_PREFIX``), its columns, the gateway call, how a hit becomes a
row and what Enter on a row does; this base does the rest the same way for both:

- the field message under the input (hint, "Searching…", a typed query SAP would refuse, errors);
- a pause after the last keystroke (``SEARCH_DEBOUNCE``) before the search, Enter searches at once;
- the search runs in a thread worker; its answer carries a request token and is dropped when a
  newer query has been typed since;
- the results table is filled a page at a time (``ROWS_PER_CHUNK``) as the cursor nears the end,
  the first page in two steps (a screenful with the answer, the rest after that frame);
- the line under the table: hit count, or SAP's hit limit ("first 200 hits — refine the search"),
  and when the figures were fetched;
- focus: Down or Enter from the field into the list, ``/`` (and Esc) back to the field;
- Enter in the field acts on the results of what is typed, whenever they arrive: one hit opens,
  several go to the list (Enter while "Searching…" waits for the answer instead of being lost or
  searching again);
- typing while the list has focus types into the field (``type_in`` does it from other screens).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events, on
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
from ordertui.widgets.fields import TypeAheadInput, typed_character
from ordertui.widgets.fit_table import Column, FitTable
from ordertui.widgets.themed import Cell

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
#: Rows of the first page put in with the answer while the table has no size yet (a search
#: typed before the screen was first shown): more than any terminal shows at once. Once it has
#: one, the first rows are those it shows (``first_rows``). The rest of the page follows as soon
#: as that frame is painted (200 rows cost 15-25 ms to add, which the first frame of the answer
#: need not wait for; issue 12, docs/performance.md).
FIRST_ROWS = 80


def error_text(error: BaseException) -> str:
    """One line for an SAP error, in the user's words, with SAP's message id when there is one."""
    if isinstance(error, SapError):
        first = next((m for m in error.messages if m.is_error), None) or (error.messages[0] if error.messages else None)
        code = f" ({first.code})" if first is not None and first.code else ""
        # "SAP unreachable: Connection reset" is said once, not after the title again
        said = error.message if error.message.lower().startswith(error.title.lower()) else f"{error.title}: {error.message}"
        return f"{said}{code}"
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
    #: results table columns, in order (``widgets.fit_table.Column``: which give way when narrow)
    COLUMNS: ClassVar[Sequence[Column | tuple[str, str]]] = ()
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
        #: the query a search is running for ("" = none)
        self._searching = ""
        #: Enter was pressed for this query: act on its results when they are shown
        self._act_on = ""
        #: text typed in from elsewhere before this screen was mounted (``type_in``)
        self._typed_in: tuple[str, bool] | None = None
        #: the first page's rows beyond ``FIRST_ROWS`` come after the next frame
        self._first_page_pending = False

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
    def results_table(self) -> FitTable:
        return self.query_one(f"#{self.ID_PREFIX}-results", FitTable)

    def compose_search(self) -> ComposeResult:
        """The field, its message line, the results table and the line under it."""
        prefix = self.ID_PREFIX
        yield TypeAheadInput(placeholder=self.SEARCH_HINT + "   ( / )", id=f"{prefix}-search")
        yield Static(self.SEARCH_HINT, id=f"{prefix}-search-msg", classes="field-msg")
        columns = [c if isinstance(c, Column) else Column(*c) for c in self.COLUMNS]  # (label, key) too
        yield FitTable(columns, id=f"{prefix}-results", classes="search-results", cursor_type="row", zebra_stripes=True)
        yield Static("", id=f"{prefix}-results-info", classes="search-results-info")

    def compose(self) -> ComposeResult:
        yield from self.compose_search()

    def on_mount(self) -> None:
        self.search_input.focus()
        if self._typed_in is not None:
            text, submit = self._typed_in
            self._typed_in = None
            self._type_in_now(text, submit=submit, append=False)

    def action_focus_search(self) -> None:
        self.search_input.focus()

    def new_search(self) -> None:
        """Focus the field with its text selected: what is typed next replaces it."""
        field = self.search_input
        self.set_focus(field)
        field.select_all()

    def type_in(self, text: str, *, submit: bool = False, append: bool = False) -> None:
        """``text`` typed into the field as if here (a phone desk types the next caller's number
        wherever it is): it replaces the field's text, or follows it with ``append``; ``submit``
        presses Enter after it. Before the screen is mounted, it is kept until it is."""
        if not self.is_mounted:
            before = self._typed_in[0] if (self._typed_in and append) else ""
            self._typed_in = (before + text, submit)
            return
        self._type_in_now(text, submit=submit, append=append)

    def _type_in_now(self, text: str, *, submit: bool, append: bool) -> None:
        field = self.search_input
        if self.focused is not field and field.select_on_focus:
            # The field selects its text when it gets the focus (its Focus handler runs after
            # this): the next key typed would replace what was just typed in ("dayton" then
            # " inc" typed on the list gave "inc"). Not this time; after that Focus, as ever.
            field.select_on_focus = False
            self.set_focus(field)
            field.call_later(setattr, field, "select_on_focus", True)  # queued behind the Focus
        else:
            self.set_focus(field)  # now: keys typed right after must find the field focused
        if append:
            field.insert_text_at_cursor(text)
        else:
            field.value = text
            field.cursor_position = len(text)
        if submit:
            # after the Changed message of the new value, as if Enter followed the typing
            field.post_message(Input.Submitted(field, field.value))

    # ------------------------------------------------------------------ typing

    def _say(self, text: str, kind: str = "") -> None:
        msg = self.query_one(f"#{self.ID_PREFIX}-search-msg", Static)
        msg.update(Content(text))
        msg.set_class(kind == "error", "-error")
        msg.set_class(kind == "warning", "-warning")

    def _stop_debounce(self) -> bool:
        """Stop a pending search; whether one was pending."""
        if self._debounce is None:
            return False
        self._debounce.stop()
        self._debounce = None
        return True

    @on(Input.Changed)
    def _query_changed(self, event: Input.Changed) -> None:
        if event.input.id != f"{self.ID_PREFIX}-search":
            return
        self._stop_debounce()
        token = self._token = self.new_token(self._group)  # whatever is in flight is now stale
        self._searching = self._act_on = ""
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
        query, problem = check_query(event.value)
        if not query:
            if problem:
                self._say(problem, "error")
            return
        # Enter acts on the results of this query — now if they are shown, else when they come:
        # the same whether or not the pause after typing had run out (issue 8 item 10a).
        self._act_on = query
        if query == self._shown_query and not self._searching:
            self._act()
            return
        pending = self._stop_debounce()
        if pending or self._searching != query:
            self._token = self.new_token(self._group)
            self._start_search(query, self._token)
        # else: the search for exactly this query is on its way; its answer acts

    def _act(self) -> None:
        """What Enter in the field does with the results shown: one hit opens, several go to the list."""
        self._act_on = ""
        table = self.results_table
        if len(self._all_hits) == 1:
            self.open_hit(self._all_hits[0])
        elif table.row_count:
            table.focus()

    def on_key(self, event: events.Key) -> None:
        if event.key == "down" and self.focused is self.search_input:
            table = self.results_table
            if table.row_count:
                event.stop()
                table.focus()
        elif self.focused in (self.results_table, self.search_input) and typed_character(self, event):
            # Typing while the list has focus types into the field. A character that reaches the
            # screen while the field has the focus was typed on the list too (the field takes
            # every character it is given): keys typed in one burst all go to the list, and
            # bubble here after the first one has moved the focus (" inc" typed fast gave " ").
            event.stop()
            event.prevent_default()
            self.type_in(event.character or "", append=True)

    # ------------------------------------------------------------------ SAP

    def _start_search(self, query: str, token: Token) -> None:
        if not self.is_wanted(token):
            return
        self._debounce = None
        self._searching = query
        session = self.session
        call = partial(self._search, session.gateway, session.sales_area, query, self.hit_limit)
        self.fetch(call, partial(self._search_done, query), group=self._group, token=token, on_error=self._search_failed)

    def _search(self, gateway: SapGateway, sales_area: SalesArea, query: str, limit: int) -> tuple[SearchResult, Any]:
        """The search and, when it found nothing, why (worker thread)."""
        result = self.find(gateway, sales_area, query, limit)
        why = None if result.hits else self.why_no_hits(gateway, sales_area, query)
        return result, why

    def _search_failed(self, error: Exception, _at: dt.datetime) -> None:
        self._searching = self._act_on = ""
        # ValueError: the adapter's own check of what SAP would reject
        self._say(str(error) if isinstance(error, ValueError) else error_text(error), "error")

    def _search_done(self, query: str, answer: tuple[SearchResult, Any], at: dt.datetime) -> None:
        self._searching = ""
        result, why = answer
        self._show_results(query, result, at, why)
        if self._act_on == query:
            self._act()

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
        first = self.first_rows()
        self._first_page_pending = len(result.hits) > first
        self._add_rows(self._token, result.hits, 0, first)
        if self._first_page_pending:
            self.after_frame(self._rest_of_first_page, self._token, result.hits)
        self._shown_query = query
        note = result.note  # what SAP was asked beyond the text as typed ("no area code: …")
        if result.hits:
            self._say(f"{note} · {self.HITS_HINT}" if note else self.HITS_HINT, "warning" if note else "")
        else:
            text, kind = self.no_hits(query, why)
            self._say(f"{text} ({note})" if note else text, kind)

    def first_rows(self) -> int:
        """How many rows go in with the answer: as many as the table shows (at 120x36, 41 rows
        instead of 80: 3-4 ms less before the first frame), at least one more than the cursor's
        look-ahead (or the cursor on the first row would page the next ones in at once)."""
        height = self.results_table.size.height
        return max(height, LOAD_AHEAD + 1) if height else FIRST_ROWS

    def _rest_of_first_page(self, token: Token | None, hits: tuple) -> None:
        if token is None or not self.is_wanted(token):
            return  # a newer search replaced these results (and says what it shows)
        self._first_page_pending = False
        start = self.results_table.row_count  # the cursor may have paged some in already
        self._add_rows(token, hits, start, max(0, ROWS_PER_CHUNK - start))

    def _add_rows(self, token: Token | None, hits: tuple, start: int, count: int = ROWS_PER_CHUNK) -> None:
        """Add ``count`` hits from ``start``. A DataTable measures and re-renders on every growth,
        which costs tens of milliseconds per page; paging on demand keeps that off the typing path."""
        if token is None or not self.is_wanted(token):
            return  # a newer search replaced these results
        table = self.results_table
        row = self.row_maker()
        for hit in hits[start : start + count]:
            table.add_row(*row(hit), key=hit.number)
        table.fit()  # once per page, now, not after the next repaint
        self._paint_count()

    def _paint_count(self) -> None:
        shown, count = self.results_table.row_count, len(self._all_hits)
        info = self.query_one(f"#{self.ID_PREFIX}-results-info", Static)
        noun = "hit" if count == 1 else "hits"
        text = f"{fmt.number(count)} {noun}"
        if self._truncated:
            text = f"first {fmt.number(self._limit)} hits — refine the search"
        if shown < count and not self._first_page_pending:
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
