"""How the customer and product screens look over the sandbox SAP system (seeded data, frozen
clock), at 80x24 and 120x36: empty search, results with blocked customers, bad input, the
well-known customer 10023's detail, products without a customer, a partial confirmation and a bad
quantity. The screens reach the sandbox through the real adapter, exactly as in production.

(tests/screens/test_screens_snapshots.py keeps the one state the sandbox cannot produce on its
own: a single detail part failing while the others answer.)
"""

from __future__ import annotations

import pytest

from ordertui.model import CustomerHit

from .host import make, scenario, typed

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]

# Well-known records of the sandbox company (ordertui/sap/sandbox/README.md).
MARIA = CustomerHit("10023", "Miami Valley Fastener Supply", "Dayton", "45402", "US", "", False)


def quote_inputs(qty: str, date: str = ""):
    def fill(app):
        app.screen.query_one("#quote-qty").value = qty
        if date:
            app.screen.query_one("#quote-date").value = date
        app.screen.query_one("#quote-qty").focus()

    return fill


@pytest.mark.parametrize("size", SIZES)
def test_customers_empty(snap_compare, app_factory, size):
    app = make(app_factory)
    assert snap_compare(app, terminal_size=size, run_before=scenario())


@pytest.mark.parametrize("size", SIZES)
def test_customers_results(snap_compare, app_factory, size):
    app = make(app_factory)
    assert snap_compare(app, terminal_size=size, run_before=scenario(typed("dayton"), ("enter",)))


@pytest.mark.parametrize("size", SIZES)
def test_customers_results_blocked(snap_compare, app_factory, size):
    # "marine" lists 13913 Coleman and 10117 Continental Marine Hardware, both with an order
    # block, a page down ("harbor" alone is one hit, which Enter opens).
    app = make(app_factory)
    assert snap_compare(app, terminal_size=size, run_before=scenario(typed("marine"), ("enter",), ("pagedown",)))


@pytest.mark.parametrize("size", SIZES)
def test_customers_bad_search(snap_compare, app_factory, size):
    app = make(app_factory)
    assert snap_compare(app, terminal_size=size, run_before=scenario(("percent_sign",), ("enter",)))


@pytest.mark.parametrize("size", SIZES)
def test_customer_detail_10023(snap_compare, app_factory, size):
    app = make(app_factory)
    assert snap_compare(
        app, terminal_size=size, run_before=scenario(typed("10023"), ("enter",), ("enter",), ("enter",))
    )


@pytest.mark.parametrize("size", SIZES)
def test_customer_detail_blocked_10070(snap_compare, app_factory, size):
    app = make(app_factory)
    assert snap_compare(
        app, terminal_size=size, run_before=scenario(typed("10070"), ("enter",), ("enter",), ("enter",))
    )


@pytest.mark.parametrize("size", SIZES)
def test_products_without_customer(snap_compare, app_factory, size):
    app = make(app_factory, area="products")
    assert snap_compare(app, terminal_size=size, run_before=scenario(typed("hex bolt"), ("enter",)))


@pytest.mark.parametrize("size", SIZES)
def test_quote_adhesive_partial(snap_compare, app_factory, size):
    # Scenario 1: twelve cases of the blue adhesive — 8 now, 4 more later.
    app = make(app_factory, area="products", customer=MARIA)
    assert snap_compare(
        app,
        terminal_size=size,
        run_before=scenario(typed("100100"), ("enter",), ("enter",), ("enter",), quote_inputs("12"), ("enter",)),
    )


@pytest.mark.parametrize("size", SIZES)
def test_quote_bad_quantity(snap_compare, app_factory, size):
    app = make(app_factory, area="products", customer=MARIA)
    assert snap_compare(
        app,
        terminal_size=size,
        run_before=scenario(typed("HB-38-100"), ("enter",), ("enter",), ("enter",), quote_inputs("1.2345"), ("enter",)),
    )
