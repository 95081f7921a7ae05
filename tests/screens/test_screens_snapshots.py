"""How the customer and product screens look: empty, results, detail, quote and error states,
at 80x24 and 120x36, over a scripted gateway (fixed data) and the frozen clock."""

from __future__ import annotations

import pytest

from ordertui.sap.errors import SapUnreachable

from .fakes import HITS, FakeGateway
from .host import make, start

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


async def settle(pilot):
    app = pilot.app
    for _ in range(20):
        await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        if not any(w.is_running for w in app.workers):
            break
    await pilot.pause()


def scenario(*steps):
    """run_before: open the area, then type/press the steps, settling after each."""

    async def run(pilot):
        await start(pilot.app, pilot)
        for step in steps:
            if callable(step):
                step(pilot.app)
            else:
                await pilot.press(*step)
            await settle(pilot)

    return run


def typed(text):
    return tuple(text)


@pytest.mark.parametrize("size", SIZES)
def test_customers_empty(snap_compare, app_factory, size):
    app = make(app_factory, FakeGateway())
    assert snap_compare(app, terminal_size=size, run_before=scenario())


@pytest.mark.parametrize("size", SIZES)
def test_customers_results_with_blocked(snap_compare, app_factory, size):
    gw = FakeGateway()
    gw.search_hits["us"] = HITS
    app = make(app_factory, gw)
    assert snap_compare(app, terminal_size=size, run_before=scenario(typed("us"), ("enter",)))


@pytest.mark.parametrize("size", SIZES)
def test_customers_bad_search(snap_compare, app_factory, size):
    app = make(app_factory, FakeGateway())
    assert snap_compare(app, terminal_size=size, run_before=scenario(("asterisk",), ("enter",)))


@pytest.mark.parametrize("size", SIZES)
def test_customer_detail(snap_compare, app_factory, size):
    app = make(app_factory, FakeGateway())
    assert snap_compare(app, terminal_size=size, run_before=scenario(typed("dayton"), ("enter",), ("enter",), ("enter",)))


@pytest.mark.parametrize("size", SIZES)
def test_customer_detail_part_errors(snap_compare, app_factory, size):
    gw = FakeGateway()
    gw.failures["credit_status"] = SapUnreachable("connection to SAP lost")
    app = make(app_factory, gw)
    assert snap_compare(app, terminal_size=size, run_before=scenario(typed("toledo"), ("enter",), ("enter",), ("enter",)))


@pytest.mark.parametrize("size", SIZES)
def test_products_without_customer(snap_compare, app_factory, size):
    app = make(app_factory, FakeGateway(), "products")
    assert snap_compare(app, terminal_size=size, run_before=scenario(typed("bolt"), ("enter",)))


@pytest.mark.parametrize("size", SIZES)
def test_product_quote_partial(snap_compare, app_factory, size):
    app = make(app_factory, FakeGateway(), "products", HITS[0])

    def forty_by_friday(app):
        app.screen.query_one("#quote-qty").value = "40"
        app.screen.query_one("#quote-date").value = "fri"
        app.screen.query_one("#quote-plants").value = "1000 1100"
        app.screen.query_one("#quote-qty").focus()

    assert snap_compare(
        app,
        terminal_size=size,
        run_before=scenario(typed("hex"), ("enter",), ("enter",), ("enter",), forty_by_friday, ("enter",)),
    )


@pytest.mark.parametrize("size", SIZES)
def test_product_quote_bad_quantity(snap_compare, app_factory, size):
    app = make(app_factory, FakeGateway(), "products", HITS[0])

    def bad(app):
        app.screen.query_one("#quote-qty").value = "1.2345"
        app.screen.query_one("#quote-qty").focus()

    assert snap_compare(app, terminal_size=size, run_before=scenario(typed("hex"), ("enter",), ("enter",), ("enter",), bad, ("enter",)))
