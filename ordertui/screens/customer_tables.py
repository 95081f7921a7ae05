"""The customer detail's tables, built without a screen (``ordertui.screens.customer_detail``
makes them with its parts, hidden, and fills them with the answers): its partners, its last
orders and its open invoices."""

from __future__ import annotations

from textual.binding import Binding

from ordertui.widgets.fit_table import Column, FitTable, ReadOnlyTable


class LastOrdersTable(FitTable):
    """The customer's last orders: Enter opens the one under the cursor in Orders (F7); Esc
    there goes back to the Orders area's list (``orders.open_order``), F2 back to this detail."""

    BINDINGS = [Binding("enter", "open_order", "Open order", id="customer_detail.open_order")]

    def action_open_order(self) -> None:
        if not self.row_count:
            return
        from ordertui.screens.orders import open_order  # noqa: PLC0415 — loaded with its area

        open_order(self.app, str(self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value))


def partners_table() -> FitTable:
    # the city tells ship-tos apart and is short; a long name is cut with "…" at the panel's edge
    return ReadOnlyTable(
        (
            Column("Role", "role"),
            Column("Number", "number"),
            Column("City", "city", flex=True, min_width=8),
            Column("Name", "name", flex=True, min_width=12),
        ),
    )


def orders_table() -> FitTable:
    return LastOrdersTable(
        (
            Column("Order", "order"),
            Column("Created", "created"),
            Column("Status", "status", flex=True, min_width=8),
            Column("Net value", "value", justify="right"),
            Column("Customer PO", "po", flex=True, min_width=8),
        ),
        cursor_type="row",
    )


def items_table() -> FitTable:
    return ReadOnlyTable(
        (
            Column("Invoice", "invoice"),
            Column("Due", "due"),
            Column("Amount", "amount", justify="right"),
            Column("Overdue", "overdue", flex=True, min_width=8),
        ),
    )
