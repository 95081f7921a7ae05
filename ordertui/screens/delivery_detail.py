"""One delivery: shipped or not (planned and actual goods issue), carrier and tracking number
(``c`` copies it, OSC 52, which works over SSH), where it goes, its items, and the order it
delivers and the invoice that bills it, each one Enter away."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding

from ordertui import format as fmt
from ordertui.model import Delivery
from ordertui.screens.documents import DocumentScreen, LinksTable, address_line, cell, clip, room, show_links, widest
from ordertui.widgets.customer_panels import DataPart
from ordertui.widgets.themed import ThemedTable

if TYPE_CHECKING:
    from ordertui.sap.gateway import SapGateway


class DeliveryDetailScreen(DocumentScreen):
    KIND = "delivery"
    WHAT = "deliveries"
    HELP_TITLE = "Delivery"
    HELP = (
        "Whether the goods have left (goods issue, planned and actual), the carrier and tracking "
        "number — c copies the tracking number to the clipboard — the ship-to address and the items. "
        "Enter on the order or invoice opens it."
    )

    BINDINGS = [
        *DocumentScreen.BINDINGS,
        Binding("c", "copy_tracking", "Copy tracking no.", id="delivery.copy_tracking"),
    ]

    def parts(self) -> ComposeResult:
        yield DataPart("Documents", id="delivery-links")
        yield DataPart("Items", id="delivery-items")

    def read(self, gateway: SapGateway, number: str) -> Delivery:
        return gateway.delivery(number)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "copy_tracking":
            return isinstance(self.document, Delivery) and bool(self.document.tracking_number)
        return True

    def paint(self, d: Delivery) -> None:
        title: list[Any] = [(f"Delivery {d.number}", "bold"), "  "]
        if d.shipped:
            title += [(f" SHIPPED {fmt.date(d.actual_goods_issue)} ", "bold $success reverse")]
        else:
            title += [(" NOT SHIPPED ", "bold $warning reverse"), "  goods issue planned ",
                      (fmt.date(d.planned_goods_issue), "bold")]
        carrier: list[Any] = [("Carrier ", "$text-muted"), d.carrier or "—", ("   tracking ", "$text-muted")]
        carrier += [(d.tracking_number, "bold"), ("  (c copies it)", "$text-muted")] if d.tracking_number else ["— (not shipped yet)" if not d.shipped else "—"]
        ship: list[Any] = [("Ship-to ", "$text-muted"), address_line(d.ship_to, d.ship_to_name, None)]
        a = d.ship_to_address
        street: list[Any] = []
        if a is not None:  # where it goes, on a line of its own: never cut at 80 columns
            street = ["        ", ", ".join(p for p in (a.street, " ".join(p for p in (a.postal_code, a.city, a.region) if p),
                                                     a.country) if p)]
        dates: list[Any] = [("Goods issue planned ", "$text-muted"), fmt.date(d.planned_goods_issue),
                            ("   actual ", "$text-muted"), fmt.date(d.actual_goods_issue),
                            ("   delivery date ", "$text-muted"), fmt.date(d.delivery_date)]
        where: list[Any] = [("Shipping point ", "$text-muted"), d.shipping_point or "—"]
        if d.weight:
            where += [("   weight ", "$text-muted"), fmt.quantity(d.weight, d.weight_unit)]
        self.paint_header(title, carrier, ship, street, dates, where)
        self._paint_links(d)
        self._paint_items(d)

    def keys_hint(self) -> str:
        return f"{fmt.fetched_at(self.fetched_at)} · Enter opens a document · c copy tracking no. · r refresh · Esc back"

    def _paint_links(self, d: Delivery) -> None:
        table = LinksTable(classes="delivery-links-table")
        for order in d.orders:
            items = ", ".join(i.order_item for i in d.items if i.order == order)
            table.link("order", order, cell("Order"), cell(order), cell(f"items {items}" if "," in items else f"item {items}"))
        if d.goods_movement:
            table.link("delivery", d.number, cell("Goods issue"), cell(d.goods_movement),
                       cell(f"posted {fmt.date(d.actual_goods_issue)}"), via=d.goods_movement)
        for invoice in d.invoices:
            table.link("invoice", invoice, cell("Invoice"), cell(invoice), cell("bills this delivery"))
        part = self.query_one("#delivery-links", DataPart)
        part.border_subtitle = fmt.fetched_at(self.fetched_at)
        show_links(part, table)

    def _paint_items(self, d: Delivery) -> None:
        table = ThemedTable(classes="delivery-items-table", cursor_type="row", zebra_stripes=True)
        for label, key in (("Item", "item"), ("Material", "material"), ("Description", "description"),
                           ("Quantity", "quantity"), ("Order item", "order_item")):
            table.add_column(label, key=key)
        widths = [widest("Item", (i.item for i in d.items)), widest("Material", (i.material for i in d.items)),
                  widest("Quantity", (fmt.quantity(i.quantity, i.unit) for i in d.items)),
                  widest("Order item", (f"{i.order} / {i.order_item}" for i in d.items))]
        described = room((self.app.size.width, self.app.size.height), widths, len(d.items))
        for item in d.items:
            table.add_row(cell(item.item, right=True), cell(item.material), cell(clip(item.description, described)),
                          cell(fmt.quantity(item.quantity, item.unit), right=True),
                          cell(f"{item.order} / {item.order_item}" if item.order else "—"), key=item.item)
        part = self.query_one("#delivery-items", DataPart)
        part.border_title = f"Items ({len(d.items)})"
        part.show(table)

    def action_copy_tracking(self) -> None:
        if isinstance(self.document, Delivery) and self.document.tracking_number:
            self.app.copy_to_clipboard(self.document.tracking_number)
            self.notify(f"Tracking number {self.document.tracking_number} copied", timeout=3)
