"""What an order taker does, as steps for screen tests over the sandbox: search, open, quote.

Waiting is ``tests.conftest.settle``; starting the app is ``host.make`` / ``host.start``.
"""

from __future__ import annotations

from textual.widgets import DataTable, Input

from ordertui.screens.customer_detail import CustomerDetailScreen
from ordertui.screens.customers import CustomersScreen
from ordertui.screens.products import ProductQuoteScreen
from tests.conftest import settle


async def search(app, pilot, text: str) -> DataTable:
    """Type ``text`` into the customer search and press Enter; the results table."""
    if isinstance(app.screen, CustomerDetailScreen):  # the area was left on a detail: back to its search
        await pilot.press("escape")
        await settle(pilot)
    screen = app.screen
    assert isinstance(screen, CustomersScreen)
    field = screen.query_one("#customer-search", Input)
    field.value = text
    field.focus()
    await pilot.press("enter")
    await settle(pilot)
    return screen.query_one("#customer-results", DataTable)


async def open_detail(app, pilot, number: str) -> CustomerDetailScreen:
    """Find customer ``number`` and open its detail."""
    table = await search(app, pilot, number)
    if not isinstance(app.screen, CustomerDetailScreen):
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
    assert isinstance(app.screen, CustomerDetailScreen)
    return app.screen


async def open_quote(app, pilot, material: str) -> ProductQuoteScreen:
    """Find ``material`` on the products screen and open its quote."""
    screen = app.screen
    field = screen.query_one("#product-search", Input)
    field.value = material
    field.focus()
    await pilot.press("enter")
    await settle(pilot)
    if not isinstance(app.screen, ProductQuoteScreen):
        await pilot.press("down", "enter")
        await settle(pilot)
    assert isinstance(app.screen, ProductQuoteScreen)
    return app.screen


async def quote_for(app, pilot, material: str, qty: str, date: str = "") -> ProductQuoteScreen:
    """Open ``material``'s quote, type the quantity (and date) and press Enter."""
    quote = await open_quote(app, pilot, material)
    quote.query_one("#quote-qty", Input).value = qty
    if date:
        quote.query_one("#quote-date", Input).value = date
    quote.query_one("#quote-qty", Input).focus()
    await pilot.press("enter")
    await settle(pilot)
    return quote


def calls(app, function: str) -> int:
    return sum(1 for e in app.call_log if e.function == function)
