"""One order: where it stands, what is blocked and why, its items (ordered against confirmed) and
its document flow — deliveries, their goods issue, invoices — each one Enter away.

One SAP call (BAPISDORDER_GETDETAILEDLIST) fetches it all; see ``ordertui.sap.rfc.after_sales``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.content import Content

from ordertui import format as fmt
from ordertui.model import ZERO, DocumentFlow, Order, OrderItem, ScheduleLine
from ordertui.screens.documents import DocumentScreen, LinksTable, address_line, cell, clip, room, show_links, widest
from ordertui.widgets.customer_panels import DataPart
from ordertui.widgets.themed import Cell, ThemedTable

if TYPE_CHECKING:
    from ordertui.sap.gateway import SapGateway

#: how a status word looks, wherever an order or item shows one
STATUS_STYLE = {
    "Blocked (credit)": "bold $error",
    "Blocked (delivery)": "bold $error",
    "Rejected": "$error",
    "Being delivered": "$warning",
    "Delivered": "$success",
    "Partly billed": "$success",
    "Billed": "$success",
    "Completed": "$text-muted",
}

#: from this screen width on, the items table shows descriptions and requested dates
WIDE = 110


def status_cell(word: str) -> Cell:
    return Cell(word, STATUS_STYLE.get(word, ""))


FlowRow = tuple[int, str, str, "dt.date | None", str, str]


def flow_tree(order: Order) -> list[FlowRow]:
    """The flow as rows (depth, kind, number, date, note, opens): each delivery with its goods
    issue and the invoices that bill it under it; invoices of the order itself under the order.
    ``opens`` is the delivery for a goods issue (the movement has no screen of its own)."""
    units = {i.item: i.unit for i in order.items}
    rows: list[FlowRow] = [(0, "order", order.number, order.created, order.overall_status, order.number)]
    by_kind: dict[str, list[DocumentFlow]] = {}
    for f in order.flow:
        by_kind.setdefault(f.category, []).append(f)
    billed_via_delivery: set[str] = set()
    for delivery in order.deliveries:
        lines = [f for f in by_kind.get("J", []) if f.subsequent == delivery and f.preceding == order.number]
        if len(lines) <= 2:
            note = ("items " if len(lines) > 1 else "item ") + ", ".join(
                f"{f.preceding_item} ({fmt.quantity(f.quantity, units.get(f.preceding_item, ''))})" for f in lines)
        else:
            note = f"{len(lines)} items, {lines[0].preceding_item} to {lines[-1].preceding_item}"
        gi = order.goods_issue_of(delivery)
        note += " · shipped" if gi is not None else " · not shipped yet"
        rows.append((1, "delivery", delivery, min((f.created for f in lines if f.created), default=None), note, delivery))
        if gi is not None:
            rows.append((2, "goods issue", gi.subsequent, gi.created, "goods left the plant", delivery))
        for inv in dict.fromkeys(f.subsequent for f in by_kind.get("M", []) if f.preceding == delivery):
            billed_via_delivery.add(inv)
            date = next((f.created for f in by_kind["M"] if f.subsequent == inv and f.created), None)
            rows.append((2, "invoice", inv, date, f"bills delivery {delivery}", inv))
    for inv in order.invoices:
        if inv not in billed_via_delivery:
            date = next((f.created for f in by_kind["M"] if f.subsequent == inv and f.created), None)
            rows.append((1, "invoice", inv, date, "bills the order", inv))
    return rows


def requested_and_confirmed(
    order: Order, item: OrderItem, schedule: dict[str, list[ScheduleLine]] | None = None
) -> tuple[dt.date | None, list[tuple[dt.date | None, Decimal]]]:
    """The item's requested date and its confirmed (date, quantity) lines (``schedule``: the
    order's schedule lines by item, when the caller has them grouped already)."""
    if schedule is None:
        schedule = schedule_by_item(order)
    lines = schedule.get(item.item, [])
    requested = next((s.requested_date for s in lines if s.requested_qty > 0), None) or order.requested_date
    confirmed = [(s.delivery_date or s.requested_date, s.confirmed_qty) for s in lines if s.confirmed_qty > 0]
    return requested, confirmed


def schedule_by_item(order: Order) -> dict[str, list[ScheduleLine]]:
    grouped: dict[str, list[ScheduleLine]] = {}
    for s in sorted(order.schedule, key=lambda s: (s.item, s.line)):
        grouped.setdefault(s.item, []).append(s)
    return grouped


class OrderDetailScreen(DocumentScreen):
    KIND = "order"
    WHAT = "orders"
    HELP_TITLE = "Order"
    HELP = (
        "Where the order stands, its blocks and why, its items (ordered against confirmed, with the "
        "confirmed dates) and its document flow. Enter on a delivery, goods issue or invoice opens it; "
        "Tab moves between the flow and the items."
    )

    def parts(self) -> ComposeResult:
        yield DataPart("Document flow", id="order-flow")
        yield DataPart("Items", id="order-items")

    def read(self, gateway: SapGateway, number: str) -> Order:
        return gateway.order(number)

    def paint(self, order: Order) -> None:
        self._paint_header(order)
        self._paint_flow(order)
        self._paint_items(order)

    # ------------------------------------------------------------------ header

    def _paint_header(self, o: Order) -> None:
        title: list[Any] = [(f"Order {o.number}", "bold"), f"  {o.order_type}  ",
                            (f" {o.overall_status} ", STATUS_STYLE.get(o.overall_status, "bold") + " reverse"),
                            ("   net ", "$text-muted"), (fmt.money(o.net_value, o.currency), "bold")]
        if o.sales_area.sales_org and o.sales_area != self.session.sales_area:
            title += ["  ", (f"sales area {o.sales_area}", "$warning")]
        who: list[Any] = [("PO ", "$text-muted"), (o.customer_po or "—", "bold"), ("   sold-to ", "$text-muted"),
                          f"{o.sold_to} {o.sold_to_name}".strip()]
        ship: list[Any] = [("Ship-to ", "$text-muted"), address_line(o.ship_to, o.ship_to_name, o.ship_to_address,
                                                                     short=self.app.size.width < WIDE)]
        dates: list[Any] = [("Ordered ", "$text-muted"), fmt.date(o.created), ("   requested ", "$text-muted"),
                            fmt.date(o.requested_date)]
        if o.customer_po_date:
            dates += [("   PO dated ", "$text-muted"), fmt.date(o.customer_po_date)]
        blocks: list[Any] = []
        if o.credit_status == "Credit blocked" or o.overall_status == "Blocked (credit)":
            blocks += [("CREDIT BLOCK", "bold $error"), " — waiting for credit release; nothing ships before   "]
        if o.delivery_block:
            blocks += [("DELIVERY BLOCK ", "bold $error"), (f"{o.delivery_block} {o.delivery_block_text}".strip(), "$error"), "   "]
        if o.billing_block:
            blocks += [("BILLING BLOCK ", "bold $error"), (f"{o.billing_block} {o.billing_block_text}".strip(), "$error")]
        if o.rejection_status:
            blocks += [(o.rejection_status, "$error")]
        self.paint_header(title, who, ship, dates, blocks)

    def keys_hint(self) -> str:
        return f"{fmt.fetched_at(self.fetched_at)} · Enter opens a document · Tab to the items · r refresh · Esc back"

    # ------------------------------------------------------------------ flow

    def _paint_flow(self, o: Order) -> None:
        table = LinksTable(dated=True, classes="order-flow-table")
        titles = {"order": "Order", "delivery": "Delivery", "goods issue": "Goods issue", "invoice": "Invoice"}
        for depth, kind, number, date, note, opens in flow_tree(o):
            label = "  " * depth + ("└ " if depth else "") + titles[kind]
            row = (cell(label), cell(number), cell(fmt.date(date)), status_cell(note) if kind == "order" else cell(note))
            if kind == "goods issue":  # opens its delivery, where the goods issue is told in full
                table.link("delivery", opens, *row, via=number)
            else:
                table.link(kind, number, *row)
        part = self.query_one("#order-flow", DataPart)
        part.border_subtitle = fmt.fetched_at(self.fetched_at)
        deliveries, invoices = len(o.deliveries), len(o.invoices)
        if not deliveries and not invoices:
            part.border_title = "Document flow — nothing delivered yet"
        else:
            part.border_title = (f"Document flow — {deliveries} deliver{'y' if deliveries == 1 else 'ies'}, "
                                 f"{invoices or 'no'} invoice{'' if invoices == 1 else 's'}")
        show_links(part, table)

    # ------------------------------------------------------------------ items

    def _paint_items(self, o: Order) -> None:
        wide = self.app.size.width >= WIDE
        table = ThemedTable(classes="order-items-table", cursor_type="row", zebra_stripes=True)
        columns = [("Item", "item"), ("Material", "material")]
        if wide:
            columns.append(("Description", "description"))
        columns += [("Ordered", "ordered")]
        if wide:
            columns.append(("Requested", "requested"))
        columns += [("Confirmed", "confirmed"), ("Conf. date", "conf_date"), ("Status", "status")]
        for label, key in columns:
            table.add_column(label, key=key)
        short = late = 0
        described = 0
        if wide:  # the description takes what the other columns leave
            quantities = [fmt.quantity(i.quantity, i.unit) for i in o.items]
            widths = [widest("Item", (i.item for i in o.items)), widest("Material", (i.material for i in o.items)),
                      widest("Ordered", quantities), 10, widest("Confirmed", quantities),
                      13 if any(sum(1 for s in lines if s.confirmed_qty > 0) > 1 for lines in schedule_by_item(o).values()) else 10,
                      widest("Status", (i.status for i in o.items))]
            described = room((self.app.size.width, self.app.size.height), widths, len(o.items))
        schedule = schedule_by_item(o)
        for item in o.items:
            requested, confirmed = requested_and_confirmed(o, item, schedule)
            conf_qty = sum((q for _d, q in confirmed), ZERO) or item.confirmed_qty
            dates = [d for d, _q in confirmed]
            when = fmt.date(dates[0]) + (f" +{len(dates) - 1}" if len(dates) > 1 else "") if dates else "—"
            if conf_qty < item.quantity and not item.rejection_reason:
                short += 1
            elif requested and any(d and d > requested for d in dates):
                late += 1
            row: list[Any] = [cell(item.item, right=True), cell(item.material)]
            if wide:
                row.append(cell(clip(item.description, described)))
            row.append(cell(fmt.quantity(item.quantity, item.unit), right=True))
            if wide:
                row.append(cell(fmt.date(requested)))
            row += [
                Cell(fmt.quantity(conf_qty, item.unit), "$warning" if conf_qty < item.quantity else "", justify="right"),
                cell(when),
                status_cell(item.status),
            ]
            table.add_row(*row, key=item.item)
        part = self.query_one("#order-items", DataPart)
        title = f"Items ({len(o.items)})"
        if short or late:
            title += " — " + ", ".join(p for p in (f"{short} not fully confirmed" if short else "",
                                                   f"{late} confirmed later than requested" if late else "") if p)
        part.border_title = title
        part.border_subtitle = f"net {fmt.money(o.net_value, o.currency)}"
        part.show(table)


def summary_status(word: str) -> Content:
    return Content.styled(word, STATUS_STYLE.get(word, ""))
