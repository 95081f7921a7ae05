"""Customers: find the caller, see who they are (``customer_detail.py``), make them the current
customer.

Every figure comes live from SAP through the session's gateway, always through
``SapScreen.fetch`` (a thread worker; an answer for a request that is no longer current is
dropped). Nothing here is kept once the screen is gone, except the session's list of
recent customers, which lives in memory only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, on
from textual.binding import Binding

from ordertui import format as fmt
from ordertui.model import CustomerHit, SalesArea, SearchResult
from ordertui.screens.customer_detail import home_country, prepare_detail, show_detail
from ordertui.screens.search import SearchScreen
from ordertui.widgets.fit_table import Column
from ordertui.widgets.themed import Cell

if TYPE_CHECKING:
    from ordertui.sap.gateway import SapGateway


SEARCH_HINT = "Customer number, name, city, postal code or phone number"


def blocked_cell(blocked: bool, ship_to_only: bool = False) -> Text | Cell:
    """What stops or limits an order, in a word: BLOCKED, and a ship-to that cannot order itself."""
    if blocked and ship_to_only:
        return Cell("BLOCKED", "bold $error").plus(" ship-to", "bold $warning")
    if blocked:
        return Cell("BLOCKED", "bold $error")
    if ship_to_only:
        return Cell("ship-to", "bold $warning")
    return Text("")


# =========================================================================== search screen


class CustomersScreen(SearchScreen):
    """Search as you type; Enter on a hit opens its detail and makes it the current customer."""

    HELP_TITLE = "Customers"
    HELP = "Type a customer number, a name, a city, a postal code or a phone number; Enter on a customer opens it and makes it the caller."
    ID_PREFIX = "customer"
    SEARCH_HINT = SEARCH_HINT
    # At 80 columns: number, name, city, phone (a block mark goes in front of the name).
    # Which columns show is decided on the SAP fields' usual widths (KUNNR 10, NAME1 35 ...),
    # so a narrow terminal always shows the same four whatever the search found.
    COLUMNS = (
        Column("Number", "number", expect=10),
        Column("Note", "block", drop=3, fold_into="name", expect=7),
        Column("Name", "name", flex=True, min_width=16, expect=35),
        Column("City", "city", flex=True, drop=2, cut_first=True, expect=16, min_width=8),
        Column("Postal code", "postal", drop=4, expect=11),
        Column("Ctry", "country", drop=5, expect=4),
        Column("Phone", "phone", drop=1, cut_first=True, expect=16),
    )
    HITS_HINT = "Down or Enter: to the list · Enter on a customer: open it"

    BINDINGS = [
        Binding("slash", "focus_search", "Search", id="customers.search"),
        Binding("escape", "back_to_search", "Search", show=False, id="customers.back"),
    ]

    @on(events.ScreenResume)
    def _detail_ahead(self) -> None:
        # the caller's detail, made while they say who they are (``customer_detail.SPARE_AFTER``)
        prepare_detail(self)

    def action_back_to_search(self) -> None:
        self.action_focus_search()

    def find(self, gateway: SapGateway, sales_area: SalesArea, query: str, limit: int) -> SearchResult:
        return gateway.find_customers(query, sales_area=sales_area, limit=limit)

    def row_maker(self) -> Callable[[CustomerHit], tuple[Text | Cell, ...]]:
        home = home_country(self.session.sales_area)

        def row(hit: CustomerHit) -> tuple[Text | Cell, ...]:
            # a phone search that matched a contact shows who, and the number that matched
            name: Text | Cell = Cell(hit.name).plus(f" · {hit.matched_contact}", "$text-muted") if hit.matched_contact else Text(hit.name)
            return (
                Text(fmt.doc_number(hit.number)),
                blocked_cell(hit.blocked, hit.ship_to_only),
                name,
                Text(hit.city),
                Text(hit.postal_code),
                Text(hit.country),
                Text(fmt.phone(hit.matched_phone or hit.phone, hit.country, home)),
            )

        return row

    def no_hits(self, query: str, why: Any) -> tuple[str, str]:
        return f"No customer found for “{query[:40]}”", "warning"

    def open_hit(self, hit: CustomerHit) -> None:
        # A ship-to account cannot order: it is not made the caller (prices would be for nobody);
        # its detail names the sold-to(s) it belongs to, to take instead.
        if not hit.ship_to_only:
            self.shell.set_current_customer(hit)
        show_detail(self.app, hit)
