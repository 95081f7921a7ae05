""""Why is my invoice overdue?" — the current customer's open items: totals, aging buckets
(current, 1-30, 31-60, 61-90, over 90 days past due), the items oldest first; Enter opens the
invoice, and from there the delivery and order it billed.

An area of its own (F8) rather than a part of Orders: the call starts from the money, not from an
order, the customer is already the current one, and the Orders stack stays where it was. When
another account pays for the customer (KNVP payer), these are the payer's items, and the header
says so.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from ordertui import format as fmt
from ordertui.model import ZERO, CustomerHit, CustomerOpenItems, aging
from ordertui.sap.errors import NotAuthorized, SapUnreachable
from ordertui.screens.base import SapScreen
from ordertui.screens.documents import cell, open_document, theme_variables_once
from ordertui.screens.search import error_text
from ordertui.widgets.customer_panels import DataPart
from ordertui.widgets.themed import Cell, ThemedTable

if TYPE_CHECKING:
    from ordertui.sap.gateway import SapGateway


def totals(items: Any, key_date: dt.date) -> tuple[dict[str, Decimal], dict[str, Decimal], int]:
    """(open per currency, overdue per currency, number of overdue items)."""
    open_: dict[str, Decimal] = {}
    overdue: dict[str, Decimal] = {}
    late = 0
    for item in items:
        open_[item.currency] = open_.get(item.currency, ZERO) + item.amount
        if item.days_overdue(key_date) > 0:
            late += 1
            overdue[item.currency] = overdue.get(item.currency, ZERO) + item.amount
    return open_, overdue, late


def amounts(sums: dict[str, Decimal] | tuple[tuple[str, Decimal], ...]) -> str:
    pairs = sums.items() if isinstance(sums, dict) else sums
    return " + ".join(fmt.money(v, c) for c, v in sorted(pairs)) or "—"


class OpenItemsTable(ThemedTable):
    """The open items. Enter opens the invoice under the cursor, and the footer says so: the
    header has room to say it only at 110 columns or wider, and DataTable's own Enter is not
    shown, so at 80x24 nothing told the agent."""

    BINDINGS = [Binding("enter", "select_cursor", "Open invoice", id="open_items.open_invoice")]


class OpenItemsScreen(SapScreen):
    HELP_TITLE = "Open items"
    HELP = (
        "What the current customer owes: the total, how much is overdue, the aging buckets and every "
        "open item, oldest first. Enter opens the invoice (and from it the delivery and order it billed). "
        "F2 chooses another customer."
    )

    BINDINGS = [
        Binding("r", "refresh", "Refresh", id="open_items.refresh"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.account: CustomerOpenItems | None = None
        self._reading = ""  # the customer whose items are being read now
        self._fetched: dt.datetime | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="items-header")
        with Vertical(id="items-body"):
            yield DataPart("Aging", id="items-aging")
            yield DataPart("Open items, oldest first", id="items-list")

    def on_mount(self) -> None:
        self.watch(self.app, "current_customer", self._customer_changed, init=False)

    def on_screen_resume(self) -> None:
        # Live data: every visit reads the items again (the customer may have paid since).
        self.action_refresh()

    def _customer_changed(self, _customer: CustomerHit | None) -> None:
        if self.app.screen is self:
            self.action_refresh()

    # ------------------------------------------------------------------ fetching

    def action_refresh(self) -> None:
        customer = self.shell.current_customer
        header = self.query_one("#items-header", Static)
        parts = list(self.query(DataPart))
        if customer is None:
            self.forget("open-items")
            self.account, self._reading = None, ""
            header.update(Content.assemble(("No current customer", "bold"),
                                           (" — pick the caller in Customers (F2)", "$text-muted")))
            for part in parts:
                part.display = False
            return
        if self._reading == customer.number:
            return  # already reading this customer's items (a screen is resumed twice at start)
        self._reading = customer.number
        header.update(Content.assemble(("Open items ", "bold"), (f"{customer.number} {customer.name}", "bold"),
                                       ("  fetching…", "$text-muted")))
        for part in parts:
            part.display = True
            part.show_loading()
        session = self.session
        call = partial(self._read, session.gateway, customer.number, session.sales_area, session.today())
        self.fetch(call, partial(self._arrived, customer), group="open-items", on_error=partial(self._failed, customer))

    @staticmethod
    def _read(gateway: SapGateway, customer: str, sales_area: Any, key_date: dt.date) -> CustomerOpenItems:
        return gateway.customer_open_items(customer, sales_area=sales_area, key_date=key_date)

    def _failed(self, customer: CustomerHit, error: Exception, _at: dt.datetime) -> None:
        self._reading = ""
        if isinstance(error, SapUnreachable):
            self.shell.handle_sap_error(error, group="open-items")
        if isinstance(error, NotAuthorized):
            area = self.session.sales_area
            text = f"No authorization for sales organization {area.sales_org} (open items) — SAP: {error.message}"
        else:
            text = error_text(error) + " · r to retry"
        self.query_one("#items-header", Static).update(Content.assemble(
            ("Open items ", "bold"), (f"{customer.number} {customer.name}", "bold"), "\n", (text, "bold $error")))
        for part in self.query(DataPart):
            part.display = False

    def _arrived(self, customer: CustomerHit, account: CustomerOpenItems, at: dt.datetime) -> None:
        self._reading = ""
        self.account, self._fetched = account, at
        with theme_variables_once(self.app):
            self._paint_header(customer, account)
            self._paint_aging(account)
            self._paint_items(account)

    # ------------------------------------------------------------------ painting

    def _paint_header(self, customer: CustomerHit, account: CustomerOpenItems) -> None:
        open_, overdue, late = totals(account.items, account.key_date)
        lines: list[list[Any]] = [[("Open items ", "bold"), (f"{customer.number} {customer.name}", "bold")],
                                  [("Key date ", "$text-muted"), fmt.date(account.key_date),
                                   ("   company code ", "$text-muted"), account.company_code]]
        if account.payer != account.customer:
            lines.append([("Paid by ", "$text-muted"), (f"{account.payer} {account.payer_name}".strip(), "bold"),
                          (" — the payer's items, for all it pays for", "$text-muted")])
        money: list[Any] = [("Open ", "$text-muted"), (amounts(open_), "bold")]
        if late:
            money += [("   overdue ", "$text-muted"), (f"{amounts(overdue)} in {late} item{'s' if late > 1 else ''}", "bold $error")]
        elif account.items:
            money += ["   ", ("nothing overdue", "$success")]
        lines.append(money)
        if self.app.size.width >= 110:
            lines.append([(f"{fmt.fetched_at(self._fetched)} · Enter opens the invoice · r refresh · F2 another customer", "$text-muted")])
        width = max(20, self.app.size.width - 2)
        shown = [Content.assemble(*line).truncate(width, ellipsis=True) for line in lines]
        self.query_one("#items-header", Static).update(Content("\n").join(shown))

    def _paint_aging(self, account: CustomerOpenItems) -> None:
        buckets = aging(account.items, account.key_date)
        table = ThemedTable(classes="items-aging-table", cursor_type="none", show_cursor=False)
        table.add_column("Days past due", key="label")
        for b in buckets:
            table.add_column(Text(b.label, justify="right"), key=b.label)
        currencies = sorted({c for b in buckets for c, _v in b.amounts}) or [""]
        for currency in currencies:
            row: list[Any] = [cell(currency or "—")]
            for b in buckets:
                value = dict(b.amounts).get(currency)
                style = "bold $error" if value and b.label != "Current" else ""
                row.append(Cell(fmt.money(value) if value is not None else "—", style, justify="right"))
            table.add_row(*row, key=currency or "none")
        table.add_row(cell("items"), *(cell(str(b.count) if b.count else "—", right=True) for b in buckets), key="count")
        part = self.query_one("#items-aging", DataPart)
        part.border_subtitle = fmt.fetched_at(self._fetched)
        part.show(table)

    def _paint_items(self, account: CustomerOpenItems) -> None:
        part = self.query_one("#items-list", DataPart)
        part.border_title = f"Open items, oldest first ({len(account.items)})"
        if not account.items:
            part.show(Static(Content("Nothing open: every invoice is paid"), classes="muted"))
            return
        table = OpenItemsTable(classes="items-table", cursor_type="row", zebra_stripes=True)
        for label, key in (("Invoice", "invoice"), ("Dated", "dated"), ("Due", "due"), ("Past due", "late"),
                           ("Amount", "amount"), ("Dunning", "dunning")):
            table.add_column(label, key=key)
        for item in account.items:
            days = item.days_overdue(account.key_date)
            table.add_row(
                cell(item.reference or item.document),
                cell(fmt.date(item.document_date or item.posting_date)),
                cell(fmt.date(item.due_date)),
                Cell(fmt.days_overdue(days), "bold $error" if days > 0 else "$text-muted"),
                Cell(fmt.money(item.amount, item.currency), "bold" if days > 0 else "", justify="right"),
                cell(f"level {item.dunning_level}" if item.dunning_level else ""),
                key=f"{item.document}/{item.fiscal_year}/{item.item}",
            )
        part.show(table)
        table.focus()

    # ------------------------------------------------------------------ keys

    @on(DataTable.RowSelected, ".items-table")
    def _open_invoice(self, event: DataTable.RowSelected) -> None:
        if self.account is None:
            return
        key = str(event.row_key.value)
        item = next((i for i in self.account.items if f"{i.document}/{i.fiscal_year}/{i.item}" == key), None)
        if item is not None and item.reference:
            open_document(self.app, "invoice", item.reference)
        elif item is not None:
            self.notify(f"Accounting document {item.document} has no billing document behind it", timeout=4)
