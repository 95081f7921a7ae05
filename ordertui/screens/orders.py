"""Orders: "where is my order?" — found by order number (with or without zeros), by the caller's
PO number alone, or among the current customer's orders (also by material or a date range).

One field, searched as you type (``SearchScreen``). With a current customer and nothing typed,
the list shows that customer's orders, newest first. A delivery or invoice number typed here is
said to be one, and Enter opens it. ``open_order(app, number)`` shows an order from anywhere
(the customer detail's "Last orders").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, Static

from ordertui import format as fmt
from ordertui.model import CustomerHit, DocumentRef, OrderSummary, SalesArea, SearchResult
from ordertui.sap.errors import NotAuthorized
from ordertui.screens.documents import KINDS, cell, open_document
from ordertui.screens.order_detail import status_cell
from ordertui.sap.query_text import check_query
from ordertui.screens.search import SearchScreen

if TYPE_CHECKING:
    from textual.app import App

    from ordertui.sap.gateway import SapGateway
    from ordertui.shell import Shell

HINT_ANY = "Order number or customer PO number"
HINT_CUSTOMER = "Order number, PO, material or dates 2026-11-01..2026-11-27"
#: the longest range one search lists (a year of a customer's orders reads fast; more, narrow it)
MAX_RANGE_DAYS = 366
#: from this screen width on, the list shows the sold-to's number beside its name
WIDE = 110


def open_order(app: App[Any], number: str) -> None:
    """Show order ``number`` in the Orders area (F7), from anywhere — e.g. a row of the customer
    detail's "Last orders". Esc goes back to where the Orders area was."""
    shell = cast("Shell", app)
    if app.current_mode != "orders":
        if not shell.go("orders"):
            return
        app.call_later(open_document, app, "order", number)
    else:
        open_document(app, "order", number)


# --------------------------------------------------------------------------- date ranges

_DATE = r"(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?)"
_RANGE = re.compile(rf"^{_DATE}\s*(?:\.\.|–|—|\bto\b|\s-\s|-(?=\d{{1,2}}/))\s*{_DATE}$", re.I)
_ONE = re.compile(rf"^{_DATE}$")


def _date(text: str, today: dt.date) -> dt.date:
    bad = ValueError(f"“{text}” is not a date (2026-11-01 or 11/01/2026)")
    if "-" in text:
        y, m, d = (int(p) for p in text.split("-"))
    else:
        parts = [int(p) for p in text.split("/")]
        m, d = parts[0], parts[1]
        y = parts[2] if len(parts) == 3 else today.year
        y = y + 2000 if y < 100 else y
        if len(parts) == 2:
            try:
                if dt.date(y, m, d) > today:  # 12/15 in November means last December
                    y -= 1
            except ValueError:
                raise bad from None
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise bad from None


def parse_date_range(text: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """``2026-11-01..2026-11-27`` (or ``11/01 - 11/27``, ``… to …``, one date for one day) →
    (from, to); None when the text is no date range; ``ValueError`` saying what is wrong with one
    (not a date, the wrong way round, longer than a year)."""
    text = text.strip()
    m = _RANGE.match(text)
    if m:
        start, end = _date(m.group(1), today), _date(m.group(2), today)
    elif _ONE.match(text) and ("/" in text or text.count("-") == 2):
        start = end = _date(text, today)
    else:
        return None
    if end < start:
        raise ValueError(f"The range runs backwards — did you mean {end}..{start}?")
    if (end - start).days >= MAX_RANGE_DAYS:
        raise ValueError(f"At most a year at a time: that range is {(end - start).days + 1} days — narrow it")
    return start, end


# --------------------------------------------------------------------------- the search screen


class OrdersScreen(SearchScreen):
    """Search as you type; Enter on an order opens it (a delivery or invoice found instead, too)."""

    ID_PREFIX = "order"
    SEARCH_HINT = HINT_ANY
    HITS_HINT = "Down or Enter: to the list · Enter on an order opens it"
    HELP_TITLE = "Orders"
    HELP = (
        "Type an order number (with or without zeros) or the caller's PO number — the PO alone is "
        "enough, no customer needed. With a current customer (F2) the list starts with that "
        "customer's orders, newest first, and also finds them by material or by a date range "
        "(2026-11-01..2026-11-27, at most a year). A delivery or invoice number is said to be one; "
        "Enter opens it."
    )

    BINDINGS = [
        Binding("slash", "focus_search", "Search", id="orders.search"),
        Binding("escape", "back_to_search", "Search", show=False, id="orders.back"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._layout: tuple[str, ...] = ()
        self._rooms = (30, 20)
        self._scope: CustomerHit | None = None  # the customer the shown list was searched for
        self._set_up_for = ""  # the caller the field and hint are set up for

    def compose(self) -> ComposeResult:
        yield Static("", id="order-scope")
        yield from self.compose_search()

    def on_mount(self) -> None:
        # (Textual also runs SearchScreen.on_mount, which focuses the field)
        self.watch(self.app, "current_customer", self._new_caller, init=False)
        self._customer_changed(self.shell.current_customer)

    def action_back_to_search(self) -> None:
        self.action_focus_search()

    # ------------------------------------------------------------------ the current customer

    def _new_caller(self, customer: CustomerHit | None) -> None:
        """Another caller: what was typed for the last one goes; the new one's orders list."""
        if (customer.number if customer else "") == self._set_up_for:
            return  # the screen was set up for this caller already (it came while mounting)
        field = self.search_input
        self._customer_changed(customer, search=not field.value)
        field.value = ""  # (Input.Changed lists the new customer's orders)

    def _customer_changed(self, customer: CustomerHit | None, *, search: bool = True) -> None:
        self._set_up_for = customer.number if customer else ""
        self.SEARCH_HINT = HINT_CUSTOMER if customer is not None else HINT_ANY  # type: ignore[misc]
        self.search_input.placeholder = self.SEARCH_HINT + "   ( / )"
        scope = self.query_one("#order-scope", Static)
        if customer is None:
            scope.update(Content.assemble(("No current customer", "bold"), (
                ": any order by number or PO · F2 picks the caller", "$text-muted")))
        else:
            scope.update(Content.assemble(("Orders of ", "$text-muted"), (f"{customer.number} {customer.name}", "bold"),
                                          ("  · F2 another customer", "$text-muted")))
        if search:  # nothing typed lists the customer's orders; anything typed is searched for it
            self.search_input.post_message(Input.Changed(self.search_input, self.search_input.value))

    def _clear_results(self) -> None:
        super()._clear_results()
        if self.shell.current_customer is not None and self._token is not None:
            self._say("Listing the customer's orders…")
            self._start_search("", self._token)

    # ------------------------------------------------------------------ searching

    def find(self, gateway: SapGateway, sales_area: SalesArea, query: str, limit: int) -> SearchResult:
        customer = self.shell.current_customer
        self._scope = customer
        number = customer.number if customer is not None else ""
        dates = parse_date_range(query, self.session.today()) if query else None
        if dates is not None:
            if customer is None:
                raise ValueError("A date range lists the current customer's orders: choose the customer first (F2)")
            return gateway.search_orders("", sales_area=sales_area, customer=number, date_from=dates[0],
                                         date_to=dates[1], limit=limit)
        return gateway.search_orders(query, sales_area=sales_area, customer=number, limit=limit)

    def _search_failed(self, error: Exception, at: dt.datetime) -> None:
        if isinstance(error, NotAuthorized):
            org = self.session.sales_area.sales_org
            self._say(f"No authorization for sales organization {org} (orders) — SAP: {error.message}", "error")
            return
        if isinstance(error, ValueError):
            # what was typed cannot be searched: no list under it that would seem to match it
            SearchScreen._clear_results(self)
        super()._search_failed(error, at)

    def no_hits(self, query: str, why: Any) -> tuple[str, str]:
        customer = self._scope
        if not query:
            return (f"No orders of {customer.number} in sales area {self.session.sales_area}", "warning") if customer else (HINT_ANY, "")
        if customer is not None:
            return f"No order of {customer.number} matches “{query[:40]}” (number, PO, material or dates)", "warning"
        return f"No order with number or PO “{query[:40]}” in sales organization {self.session.sales_area.sales_org}", "warning"

    def _search_done(self, query: str, answer: Any, at: dt.datetime) -> None:
        if not query:
            # the customer's list, which no Enter asked for: the base must not act on it (its
            # "act on the results of the query Enter was pressed for" would match the empty one)
            self._act_on = "\x00listing"
        super()._search_done(query, answer, at)

    def _show_results(self, query: str, result: SearchResult, at: dt.datetime | None, why: Any = None) -> None:
        typing = self.focused is self.search_input
        self._arrange_columns()
        # a table that fits itself cuts what does not fit; a plain one gets cells cut to fit
        self._rooms = (10**4, 10**4) if hasattr(self.results_table, "spec") else self._fit(result.hits[:200])
        super()._show_results(query, result, at, why)
        if not query and typing:
            self.search_input.focus()  # a list nobody asked for by Enter does not take the keys
        ref = next((h for h in result.hits if isinstance(h, DocumentRef)), None)
        if ref is not None:
            title = KINDS[ref.kind][0].lower()
            self._say(f"{ref.number} is {'an' if title[0] in 'aeiou' else 'a'} {title} ({ref.text}), not an order: "
                      f"Enter opens it", "warning")
        elif len(result.hits) == 1 and query:
            self._say(f"Enter opens order {result.hits[0].number}")
        elif result.hits and not query and self._scope is not None:
            self._say("Newest first · a number, PO, material or dates narrows the list")

    # ------------------------------------------------------------------ the list

    def _arrange_columns(self) -> None:
        """Columns for who the list is for and how wide the screen is (before rows are added)."""
        wide = self.app.size.width >= WIDE
        layout = ("Order", "Date") + (() if self._scope is not None else ("Sold-to",)) + ("Customer PO", "Net value", "Status")
        key = (*layout, "wide" if wide else "narrow")
        if key == self._layout:
            return
        self._layout = key
        table = self.results_table
        keys = [label.lower().replace(" ", "_").replace("-", "_") for label in layout]
        if hasattr(table, "spec"):
            # the table that fits its width itself (widgets.fit_table): name, PO give way first
            from ordertui.widgets.fit_table import Column  # noqa: PLC0415

            table.spec = tuple(
                Column(label, key, flex=key in ("sold_to", "customer_po"), min_width=10,
                       justify="right" if key == "net_value" else "left")
                for label, key in zip(layout, keys)
            )
            table.clear(columns=True)
            return
        table.clear(columns=True)
        for label, column in zip(layout, keys):
            table.add_column(label, key=column)

    def _fit(self, hits: tuple) -> tuple[int, int]:
        """Room for the sold-to and the PO: what the screen has left beside the other columns
        (each with its 2 cells of padding), split between them; never cut beside empty space."""
        orders = [h for h in hits if isinstance(h, OrderSummary)]
        wide = self.app.size.width >= WIDE
        longest = {
            "order": max((len(h.number) for h in hits), default=5),
            "net": max((len(fmt.money(h.net_value, h.currency)) for h in orders), default=9),
            "status": max((len(h.status) for h in orders), default=6),
            "po": max((len(h.customer_po) for h in orders), default=11),
            "name": max([len(f"{h.sold_to} {h.sold_to_name}" if wide else h.sold_to_name or h.sold_to) for h in orders]
                        + [len(self._partner(h)) for h in hits if isinstance(h, DocumentRef)], default=7),
        }
        columns = 6 if self._scope is None else 5
        left = self.app.size.width - 2 - 2 * columns - max(longest["order"], 5) - 10 - max(longest["net"], 9) - max(longest["status"], 6)
        if self._scope is not None:
            return 0, max(11, min(longest["po"], left))
        po = min(longest["po"], max(11, left // 3))
        return max(7, min(longest["name"], left - po)), po

    def row_maker(self) -> Callable[[Any], tuple[Any, ...]]:
        wide = self.app.size.width >= WIDE
        with_sold_to = self._scope is None
        name_room, po_room = self._rooms

        def clip(text: str, room: int) -> str:
            return text if len(text) <= room else text[: room - 1] + "…"

        def row(hit: OrderSummary | DocumentRef) -> tuple[Any, ...]:
            if isinstance(hit, DocumentRef):
                cells: list[Any] = [cell(hit.number), cell(fmt.date(hit.date))]
                if with_sold_to:
                    cells.append(cell(clip(self._partner(hit), name_room)))
                cells += [cell(""), cell(""), status_cell(f"{KINDS[hit.kind][0]} ›")]
                return tuple(cells)
            cells = [cell(hit.number), cell(fmt.date(hit.created))]
            if with_sold_to:
                who = f"{hit.sold_to} {hit.sold_to_name}" if wide else (hit.sold_to_name or hit.sold_to)
                cells.append(cell(clip(who, name_room)))
            cells += [cell(clip(hit.customer_po, po_room)), cell(fmt.money(hit.net_value, hit.currency), right=True),
                      status_cell(hit.status)]
            return tuple(cells)

        return row

    @staticmethod
    def _partner(ref: DocumentRef) -> str:
        return f"{'ship-to' if ref.kind == 'delivery' else 'payer'} {ref.partner}"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter on a number whose search found just one document opens it at once (runs before
        the base's handler, which would only move to the list)."""
        if event.input is not self.search_input or len(self._all_hits) != 1:
            return
        query, _problem = check_query(event.value)
        if query and query == self._shown_query:
            event.prevent_default()
            self.open_hit(self._all_hits[0])

    def open_hit(self, hit: OrderSummary | DocumentRef) -> None:
        kind = hit.kind if isinstance(hit, DocumentRef) else "order"
        open_document(self.app, kind, hit.number)
