"""How Orders (F7), the order / delivery / invoice details and Open items (F8) look over the
sandbox SAP system (seeded data, frozen clock), at 80x24 and 120x36: an order found by its PO
alone, the customer's list, a delivery number typed as an order, bad input, the partly delivered
order 5007 and its shipped delivery, the delivery-blocked order 7106, the 50-item order 7105,
10090's open items and its overdue invoice, and a missing authorization.
"""

from __future__ import annotations

import pytest

from ordertui.model import CustomerHit

from .host import make, scenario, settle, start, steady_call_duration, typed

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]

MARIA = CustomerHit("10023", "Miami Valley Fastener Supply Inc.", "Springfield", "45502", "US", "", False)
SUNBELT = CustomerHit("10090", "Sunbelt Industrial Distributors", "Atlanta", "30303", "US", "", False)


def paste(text: str):
    def fill(app):
        field = app.screen.query_one("#order-search")
        field.value = text
        field.focus()

    return fill


def typed_and_searched(text: str):
    """run_before: ``text`` typed, searched after the typing pause (Enter would open one hit)."""

    async def run(pilot):
        await start(pilot.app, pilot)
        await settle(pilot)
        await pilot.press(*text)
        await settle(pilot)  # timers too: the search starts after the pause
        steady_call_duration(pilot.app)
        await pilot.pause()

    return run


@pytest.fixture
def no_authorization():
    from ordertui.sap import sandbox

    yield lambda _app: sandbox.configure(faults={"no-authorization"})
    sandbox.configure(faults=set())


@pytest.mark.parametrize("size", SIZES)
def test_orders_by_po_alone(snap_compare, app_factory, size):
    app = make(app_factory, area="orders")
    assert snap_compare(app, terminal_size=size, run_before=typed_and_searched("4500-77"))


@pytest.mark.parametrize("size", SIZES)
def test_orders_of_the_current_customer(snap_compare, app_factory, size):
    app = make(app_factory, area="orders", customer=MARIA)
    assert snap_compare(app, terminal_size=size, run_before=scenario())


@pytest.mark.parametrize("size", SIZES)
def test_orders_delivery_number_typed(snap_compare, app_factory, size):
    app = make(app_factory, area="orders")
    assert snap_compare(app, terminal_size=size, run_before=typed_and_searched("80000006"))


@pytest.mark.parametrize("size", SIZES)
def test_orders_reversed_date_range(snap_compare, app_factory, size):
    app = make(app_factory, area="orders", customer=MARIA)
    assert snap_compare(app, terminal_size=size, run_before=scenario(typed("2026-11-27..2026-11-01"), ("enter",)))


@pytest.mark.parametrize("size", SIZES)
def test_orders_long_paste(snap_compare, app_factory, size):
    app = make(app_factory, area="orders")
    assert snap_compare(app, terminal_size=size, run_before=scenario(paste("4500-7700 " * 20), ("enter",)))


@pytest.mark.parametrize("size", SIZES)
def test_order_partly_delivered(snap_compare, app_factory, size):
    app = make(app_factory, area="orders")
    assert snap_compare(app, terminal_size=size, run_before=scenario(typed("4500-7700"), ("enter",), ("enter",)))


@pytest.mark.parametrize("size", SIZES)
def test_order_delivery_blocked(snap_compare, app_factory, size):
    app = make(app_factory, area="orders")
    assert snap_compare(app, terminal_size=size, run_before=scenario(typed("7106"), ("enter",), ("enter",)))


@pytest.mark.parametrize("size", SIZES)
def test_order_fifty_items(snap_compare, app_factory, size):
    app = make(app_factory, area="orders")
    assert snap_compare(app, terminal_size=size, run_before=scenario(typed("7105"), ("enter",), ("enter",)))


@pytest.mark.parametrize("size", SIZES)
def test_delivery_shipped(snap_compare, app_factory, size):
    app = make(app_factory, area="orders")
    assert snap_compare(
        app, terminal_size=size, run_before=scenario(typed("4500-7700"), ("enter",), ("enter",), ("down", "enter"))
    )


@pytest.mark.parametrize("size", SIZES)
def test_open_items_aged(snap_compare, app_factory, size):
    app = make(app_factory, area="items", customer=SUNBELT)
    assert snap_compare(app, terminal_size=size, run_before=scenario())


@pytest.mark.parametrize("size", SIZES)
def test_invoice_overdue(snap_compare, app_factory, size):
    app = make(app_factory, area="items", customer=SUNBELT)
    assert snap_compare(app, terminal_size=size, run_before=scenario(("enter",)))


@pytest.mark.parametrize("size", SIZES)
def test_orders_no_authorization(snap_compare, app_factory, size, no_authorization):
    app = make(app_factory, area="orders")
    assert snap_compare(app, terminal_size=size, run_before=scenario(no_authorization, typed("4500-7700"), ("enter",)))
