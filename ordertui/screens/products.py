"""Products: find a material, then price and promise it to the current customer.

"What's my price for this part, and can you ship 40 by Friday?" — the quote screen answers with
one BAPI_SALESORDER_SIMULATE (condition breakdown, confirmed schedule, credit) and, alongside it,
availability per plant. Changing the quantity, date or plants and pressing Enter quotes again.
Every call runs in a thread worker; answers for an older quote are dropped (request tokens).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from ordertui import format as fmt
from ordertui.model import CustomerHit, MaterialHit, SalesArea, SalesStatus, SearchResult
from ordertui.sap.errors import SapError
from ordertui.screens.base import area_root
from ordertui.screens.caller import customer_banner, find_key, go_to_customers
from ordertui.screens.product_quote import ProductQuoteScreen
from ordertui.screens.search import SearchScreen
from ordertui.widgets.fit_table import Column

if TYPE_CHECKING:
    from textual.app import App

    from ordertui.sap.gateway import SapGateway

SEARCH_HINT = "Material number or description"


# =========================================================================== search screen


class ProductsScreen(SearchScreen):
    """Find a material by number or description; Enter opens its quote for the current customer."""

    HELP_TITLE = "Products"
    HELP = "Type a material number or words of its description; Enter on a material prices it for the current customer."
    ID_PREFIX = "product"
    SEARCH_HINT = SEARCH_HINT
    COLUMNS = (Column("Material", "number"), Column("Description", "description", flex=True, min_width=16))
    HITS_HINT = "Down or Enter: to the list · Enter on a material: price and availability"

    BINDINGS = [
        Binding("slash", "focus_search", "Search", id="products.search"),
        Binding("escape", "focus_search", "Search", show=False, id="products.back"),
        Binding("c", "customers", "Find customer", id="products.customers"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(customer_banner(None, find_key(self.shell)), id="product-customer")
        yield from self.compose_search()

    def on_mount(self) -> None:
        self.watch(self.app, "current_customer", self._customer_changed, init=True)

    def _customer_changed(self, customer: CustomerHit | None) -> None:
        self.query_one("#product-customer", Static).update(customer_banner(customer, find_key(self.shell)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "customers" and isinstance(self.focused, Input):
            return False  # "c" is a letter while typing
        return True

    def action_customers(self) -> None:
        go_to_customers(self.shell)

    def find(self, gateway: SapGateway, sales_area: SalesArea, query: str, limit: int) -> SearchResult:
        return gateway.find_materials(query, sales_area=sales_area, limit=limit)

    def why_no_hits(self, gateway: SapGateway, sales_area: SalesArea, query: str) -> bool:
        """Typed a whole material number that the search did not list: say why, if the reason is
        that this sales org does not sell it (one more round trip, only here)."""
        if " " in query.strip() or len(query.strip()) > 40:
            return False
        try:
            material = gateway.material(query.strip(), sales_area=sales_area, scales=False)  # one round trip
            return material.sales_status is SalesStatus.NOT_IN_SALES_ORG
        except SapError:
            return False

    def row_maker(self) -> Callable[[MaterialHit], tuple[Text, ...]]:
        return lambda hit: (Text(fmt.doc_number(hit.number)), Text(hit.description))

    def no_hits(self, query: str, why: Any) -> tuple[str, str]:
        sales_org = self.session.sales_area.sales_org
        if why:
            return f"Material {query.strip()} is not sold in sales org {sales_org}", "error"
        return f"No material found for “{query[:40]}” in sales org {sales_org}", "warning"

    def open_hit(self, hit: MaterialHit) -> None:
        self.app.push_screen(ProductQuoteScreen(hit))


def open_product_search(app: App[Any]) -> None:
    """The product search for the current customer, ready for typing: never the quote of a
    material looked up before (that one is closed), whichever screen the area was left on."""
    screen = area_root(app, "products", ProductsScreen)
    if screen is not None and screen.is_mounted:
        screen.new_search()
