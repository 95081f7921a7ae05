"""One invoice: paid, open or overdue (from the payer's FI open items), net, tax and total, its
items, and the order and delivery it bills, each one Enter away."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text

from textual.app import ComposeResult

from ordertui import format as fmt
from ordertui.model import Invoice
from ordertui.screens.documents import DocumentScreen, LinksTable, cell, clip, room, show_links, widest
from ordertui.widgets.customer_panels import DataPart
from ordertui.widgets.themed import ThemedTable

if TYPE_CHECKING:
    from ordertui.sap.gateway import SapGateway


def standing(inv: Invoice, today: Any) -> tuple[str, str, str]:
    """(chip, chip style, after it): where the invoice stands on ``today``."""
    if inv.cancelled:
        return " CANCELLED ", "bold $text-muted reverse", ""
    if not inv.posted:
        return " NOT POSTED ", "bold $warning reverse", "  not yet passed to accounting: nothing is due"
    if inv.paid:
        return " PAID ", "bold $success reverse", ""
    days = inv.days_overdue(today)
    open_ = fmt.money(inv.open_amount, inv.currency)
    if days > 0:
        return f" OVERDUE {fmt.days_overdue(days).removesuffix(' overdue')} ", "bold $error reverse", f"  {open_} open, due {fmt.date(inv.due_date)}"
    to_go = (inv.due_date - today).days if inv.due_date else None
    due = f", due {fmt.date(inv.due_date)}" + (f" (in {to_go} days)" if to_go and to_go > 0 else " (today)" if to_go == 0 else "")
    return " OPEN ", "bold $warning reverse", f"  {open_} open{due}"


class InvoiceDetailScreen(DocumentScreen):
    KIND = "invoice"
    WHAT = "billing documents"
    HELP_TITLE = "Invoice"
    HELP = (
        "Whether the invoice is paid, open or overdue (from the payer's open items in accounting), "
        "its amounts and items. Enter on the order or delivery it bills opens it."
    )

    def parts(self) -> ComposeResult:
        yield DataPart("Bills", id="invoice-links")
        yield DataPart("Items", id="invoice-items")

    def read(self, gateway: SapGateway, number: str) -> Invoice:
        return gateway.invoice(number)

    def paint(self, inv: Invoice) -> None:
        chip, style, after = standing(inv, self.session.today())
        title: list[Any] = [(f"Invoice {inv.number}", "bold"), f"  {inv.billing_type}  {fmt.date(inv.date)}  ", (chip, style)]
        state: list[Any] = [(after.strip(), "bold")] if after else []
        who: list[Any] = [("Payer ", "$text-muted"), f"{inv.payer} {inv.payer_name}".strip()]
        if inv.sold_to and inv.sold_to != inv.payer:
            who += [("   sold-to ", "$text-muted"), f"{inv.sold_to} {inv.sold_to_name}".strip()]
        money: list[Any] = [("Net ", "$text-muted"), fmt.money(inv.net_value, inv.currency),
                            ("   tax ", "$text-muted"), fmt.money(inv.tax, inv.currency),
                            ("   total ", "$text-muted"), (fmt.money(inv.gross_value, inv.currency), "bold"),
                            ("   terms ", "$text-muted"), inv.payment_terms or "—"]
        self.paint_header(title, state, who, money)
        self._paint_links(inv)
        self._paint_items(inv)

    def _paint_links(self, inv: Invoice) -> None:
        table = LinksTable(classes="invoice-links-table")
        for order in inv.orders:
            table.link("order", order, cell("Order"), cell(order), cell(self._items_of("order", order, inv)))
        for delivery in inv.deliveries:
            table.link("delivery", delivery, cell("Delivery"), cell(delivery), cell(self._items_of("delivery", delivery, inv)))
        part = self.query_one("#invoice-links", DataPart)
        part.border_subtitle = fmt.fetched_at(self.fetched_at)
        show_links(part, table)

    @staticmethod
    def _items_of(kind: str, number: str, inv: Invoice) -> str:
        items = [i.item for i in inv.items if (i.order if kind == "order" else i.delivery) == number]
        return f"billed in item{'s' if len(items) > 1 else ''} {', '.join(items)}"

    def _paint_items(self, inv: Invoice) -> None:
        table = ThemedTable(classes="invoice-items-table", cursor_type="row", zebra_stripes=True)
        for label, key in (("Item", "item"), ("Material", "material"), ("Description", "description"),
                           ("Quantity", "quantity"), ("Net", "net"), ("Tax", "tax")):
            table.add_column(Text(label, justify="right") if key in ("net", "tax", "quantity") else label, key=key)
        widths = [widest("Item", (i.item for i in inv.items)), widest("Material", (i.material for i in inv.items)),
                  widest("Quantity", (fmt.quantity(i.quantity, i.unit) for i in inv.items)),
                  widest("Net", (fmt.money(i.net_value) for i in inv.items)),
                  widest("Tax", (fmt.money(i.tax) for i in inv.items))]
        described = room((self.app.size.width, self.app.size.height), widths, len(inv.items))
        for item in inv.items:
            table.add_row(cell(item.item, right=True), cell(item.material), cell(clip(item.description, described)),
                          cell(fmt.quantity(item.quantity, item.unit), right=True),
                          cell(fmt.money(item.net_value), right=True), cell(fmt.money(item.tax), right=True), key=item.item)
        part = self.query_one("#invoice-items", DataPart)
        part.border_title = f"Items ({len(inv.items)})"
        part.border_subtitle = f"{inv.currency} · total {fmt.money(inv.gross_value, inv.currency)}"
        part.show(table)
