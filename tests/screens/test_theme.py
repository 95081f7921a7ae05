"""Colours follow a theme switch: no table cell keeps a colour taken from the theme it was drawn in.

DataTable cells are Rich Text with styles fixed when the row is added; a colour read from the theme
at that moment (``app.get_css_variables()``) used to stay after Ctrl+P → Theme. Each scenario opens a
screen whose tables colour cells by state (blocked, overdue, confirmed / partial / none), switches
theme, and looks for any old-theme colour left in any table on screen.
"""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.widgets import DataTable

from ordertui.model import CustomerHit
from tests.conftest import settle

from .flows import quote_for, search
from .host import make, start

CALLER = CustomerHit("10023", "Miami Valley Fastener Supply Inc.", "Springfield", "45502", "US", "", False)
STATE_COLOURS = ("error", "warning", "success", "text-muted")


def table_styles(screen) -> set[str]:
    styles: set[str] = set()
    for table in screen.query(DataTable):
        for index in range(table.row_count):
            for cell in table.get_row_at(index):
                if isinstance(cell, Text):
                    styles.add(str(cell.style))
                    styles.update(str(span.style) for span in cell.spans)
    return styles


def colours(app) -> dict[str, str]:
    variables = app.get_css_variables()
    return {name: variables[name].lower() for name in STATE_COLOURS}


async def switch_theme_and_check(app, pilot) -> None:
    before = colours(app)
    assert any(value in style.lower() for style in table_styles(app.screen) for value in before.values()), (
        "the scenario should show coloured cells"
    )
    app.theme = "ordertui-high-contrast"  # other colours than textual-dark (textual-light shares them)
    await settle(pilot)
    after = colours(app)
    stale = {name: value for name, value in before.items() if value != after[name]}
    left = [style for style in table_styles(app.screen) for value in stale.values() if value in style.lower()]
    assert left == [], f"cells still in the old theme's colours: {left}"
    assert any(value in style.lower() for style in table_styles(app.screen) for value in after.values())


@pytest.mark.parametrize("query", ["norfolk"])  # with 10070 Harbor Point Marine Hardware: BLOCKED
async def test_results_follow_theme(app_factory, query):
    app = make(app_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await search(app, pilot, query)
        await switch_theme_and_check(app, pilot)


async def test_overdue_items_follow_theme(app_factory):
    app = make(app_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        table = await search(app, pilot, "10090")  # three items past due
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        await switch_theme_and_check(app, pilot)


async def test_quote_and_availability_follow_theme(app_factory):
    app = make(app_factory, area="products", customer=CALLER)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await quote_for(app, pilot, "100100", "12")  # partial in 1000, statistical conditions
        await switch_theme_and_check(app, pilot)
