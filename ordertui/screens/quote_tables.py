"""The quote's price and availability tables and its order-simulation line, built without a
screen (``ordertui.screens.product_quote`` fills them; it keeps the tables and refills them at
each requote)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from textual.content import Content

from ordertui import format as fmt
from ordertui.model import QuoteLine
from ordertui.widgets.fit_table import Column, ReadOnlyTable


def price_table() -> ReadOnlyTable:
    """Conditions, net, tax and total of one quoted line."""
    return ReadOnlyTable(
        (
            Column("Condition", "condition", flex=True, min_width=10),
            Column("Per unit", "rate", justify="right"),
            Column("Amount", "amount", justify="right"),
        ),
    )


def atp_table() -> ReadOnlyTable:
    """Availability, a row per plant."""
    return ReadOnlyTable(
        (
            Column("Plant", "plant", flex=True, min_width=4),
            Column("Avail. now", "stock", justify="right"),
            Column("Status", "status"),
            # wraps rather than cuts: "12 CAR Fri 2026-12-04" is read whole on a narrow panel
            Column("Confirmed", "confirmed", flex=True, min_width=10, wrap=True),
        ),
    )


def schedule_content(line: QuoteLine, requested: Decimal, date: dt.date | None, qty: Callable[[Decimal, str], str]) -> Content:
    """What SAP's order check confirmed for ``requested`` by ``date``: each delivery, then "in
    full", "partial …" or "later than requested" (``qty`` says a quantity in the screen's units)."""
    confirmed = [s for s in line.schedule if s.confirmed_qty > 0]
    head = f"Order simulation, plant {line.plant}: " if line.plant else "Order simulation: "
    if not confirmed:
        return Content.assemble(head, ("nothing confirmed", "bold $error"))
    on_time = sum((s.confirmed_qty for s in confirmed if s.delivery_date is None or date is None or s.delivery_date <= date), Decimal(0))
    parts: list[Any] = [head]
    chunks = [f"{qty(s.confirmed_qty, line.unit)} {fmt.date_weekday(s.delivery_date)}" for s in confirmed]
    parts.append(" · ".join(chunks))
    if on_time >= requested:
        parts += ["  ", ("in full", "bold $success")]
    elif on_time > 0:
        parts += ["  ", (f"partial: {fmt.number(on_time)} of {fmt.quantity(requested, line.unit)} by {fmt.date_weekday(date)}", "bold $warning")]
    else:
        parts += ["  ", ("later than requested", "bold $warning")]
    return Content.assemble(*parts)
