"""An order draft as sales-document BAPI input, shared by SIMULATE and CREATEFROMDAT2.

BAPI_SALESORDER_SIMULATE and BAPI_SALESORDER_CREATEFROMDAT2 take the same draft in look-alike
but different structures, so the draft is converted ONCE here, with each difference spelled out:

============  =======================  ===============================  ============================
parameter     SIMULATE                 CREATEFROMDAT2                   what differs
============  =======================  ===============================  ============================
header        ORDER_HEADER_IN          ORDER_HEADER_IN                  the fields ordertui fills are
              (BAPISDHEAD)             (BAPISDHD1)                      in both (``HEADER_FIELDS``);
                                                                        only the PO number's value
                                                                        differs (``order_header``)
items         ORDER_ITEMS_IN           ORDER_ITEMS_IN (BAPISDITM)       quantity: REQ_QTY NUMC with
              (BAPIITEMIN)                                              implied decimals + REQ_DATE
                                                                        vs TARGET_QTY QUAN +
                                                                        TARGET_QU
partners      ORDER_PARTNERS           ORDER_PARTNERS (BAPIPARNR)       nothing (PARTN_ROLE,
              (BAPIPARTNR)                                              PARTN_NUMB in both)
schedules     ORDER_SCHEDULE_IN        ORDER_SCHEDULES_IN (BAPISCHDL)   only the parameter name
              (BAPISCHDL)
============  =======================  ===============================  ============================

``schedule_line`` reads a schedule line back (BAPISDHEDU), for SIMULATE's ORDER_SCHEDULE_EX and
BAPISDORDER_GETDETAILEDLIST's ORDER_SCHEDULES_OUT alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ordertui.model import DraftLine, OrderDraft, ScheduleLine
from ordertui.sap import assumptions as A
from ordertui.sap import convert as C

#: One row of a BAPI structure or table parameter as sent: field name -> value.
Fields = dict[str, Any]

#: The ORDER_HEADER_IN fields ordertui fills. BAPISDHEAD (SIMULATE) and BAPISDHD1
#: (CREATEFROMDAT2) both have each of them, same name, type and length (docs/sap-calls.md,
#: ordertui/sap/interfaces.json). Neither structure is a subset of the other, so a field
#: outside this set must be checked against both before it is added here: e.g. BAPISDHEAD has
#: PURCH_NO (CHAR 20, the old PO field) and BAPISDHD1 does not; BAPISDHD1 has DOC_DATE and
#: BAPISDHEAD does not. The PO number therefore always travels in PURCH_NO_C (CHAR 35).
HEADER_FIELDS = frozenset(
    {"DOC_TYPE", "SALES_ORG", "DISTR_CHAN", "DIVISION", "REQ_DATE_H", "PURCH_NO_C", "PURCH_DATE", "SHIP_COND"}
)


def order_header(draft: OrderDraft, *, purch_no_c: str) -> Fields:
    """ORDER_HEADER_IN for SIMULATE (BAPISDHEAD) and for CREATEFROMDAT2 (BAPISDHD1).

    The two calls differ only in the customer PO number, so the caller passes it:
    SIMULATE sends the PO as typed (``draft.customer_po``; none when blank), CREATEFROMDAT2 the
    PO it will find the order by if the answer is lost (typed and trimmed, or generated; never
    blank). Optional dates and the shipping condition are sent only when set.
    """
    header: Fields = {
        "DOC_TYPE": C.order_type_in(draft.order_type),
        "SALES_ORG": draft.sales_area.sales_org,
        "DISTR_CHAN": draft.sales_area.distr_chan,
        "DIVISION": draft.sales_area.division,
    }
    if purch_no_c:
        header["PURCH_NO_C"] = purch_no_c
    if draft.requested_date:
        header["REQ_DATE_H"] = C.date_in(draft.requested_date)
    if draft.po_date:
        header["PURCH_DATE"] = C.date_in(draft.po_date)
    if draft.shipping_condition:
        header["SHIP_COND"] = draft.shipping_condition
    return header


@dataclass(frozen=True)
class DraftItem:
    """One validated draft line: the item fields both item structures share, and its quantity."""

    fields: Fields  # ITM_NUMBER, MATERIAL, PLANT?, SALES_UNIT?
    quantity: Decimal
    line: DraftLine


@dataclass(frozen=True)
class DraftInput:
    """The draft's lines, partners and schedule lines, validated, in SAP's internal forms."""

    item_numbers: list[str]  # display item numbers ('10', '20', ...), for BAPIRET2 ROW -> item
    items: list[DraftItem]
    partners: list[Fields]  # BAPIPARTNR (SIMULATE) = BAPIPARNR (CREATEFROMDAT2) here
    schedules: list[Fields]  # BAPISCHDL, one per item


def draft_input(draft: OrderDraft) -> DraftInput:
    """Item numbers, items, partners, schedule lines; quantities validated before any call."""
    if not draft.lines:
        raise ValueError("The order has no lines")
    item_numbers: list[str] = []
    items: list[DraftItem] = []
    schedules: list[Fields] = []
    for i, line in enumerate(draft.lines, start=1):
        qty = C.validate_quantity(line.quantity, field=f"Quantity in line {i}")
        posnr = C.item_in(i * 10)
        item_numbers.append(C.item_out(posnr))
        item: Fields = {"ITM_NUMBER": posnr, "MATERIAL": C.matn1_in(line.material)}
        if line.plant:
            item["PLANT"] = line.plant
        if line.unit:
            item["SALES_UNIT"] = C.unit_in(line.unit)
        items.append(DraftItem(item, qty, line))
        req_date = line.requested_date or draft.requested_date
        sched: Fields = {"ITM_NUMBER": posnr, "SCHED_LINE": "0001", "REQ_QTY": qty}
        if req_date:
            sched["REQ_DATE"] = C.date_in(req_date)
        schedules.append(sched)
    sold_to = C.alpha_in(draft.sold_to)
    ship_to = C.alpha_in(draft.ship_to) if draft.ship_to else sold_to
    partners: list[Fields] = [
        {"PARTN_ROLE": C.role_in("SP"), "PARTN_NUMB": sold_to},
        {"PARTN_ROLE": C.role_in("SH"), "PARTN_NUMB": ship_to},
    ]
    return DraftInput(item_numbers, items, partners, schedules)


def simulate_items(parts: DraftInput) -> list[Fields]:
    """ORDER_ITEMS_IN of SIMULATE (BAPIITEMIN): REQ_QTY is NUMC with implied decimals."""
    rows = []
    for it in parts.items:
        row = dict(it.fields)
        row["REQ_QTY"] = C.numc_implied_in(it.quantity, 13, A.ITEMIN_QTY_DECIMALS)
        if it.line.requested_date:
            row["REQ_DATE"] = C.date_in(it.line.requested_date)
        rows.append(row)
    return rows


def create_items(parts: DraftInput) -> list[Fields]:
    """ORDER_ITEMS_IN of CREATEFROMDAT2 (BAPISDITM): TARGET_QTY (QUAN) in TARGET_QU."""
    rows = []
    for it in parts.items:
        row = dict(it.fields)
        row["TARGET_QTY"] = it.quantity
        if "SALES_UNIT" in row:
            row["TARGET_QU"] = row["SALES_UNIT"]
        rows.append(row)
    return rows


def schedule_line(r: dict[str, Any], item: str) -> ScheduleLine:
    """A BAPISDHEDU row (SIMULATE's ORDER_SCHEDULE_EX, GETDETAILEDLIST's ORDER_SCHEDULES_OUT)."""
    return ScheduleLine(
        item=item,
        line=int(C.dec(r.get("SCHED_LINE"))),
        requested_date=C.date_out(r.get("REQ_DATE")),
        requested_qty=C.dec(r.get("REQ_QTY")),
        confirmed_qty=C.dec(r.get("CONFIR_QTY")),
        delivery_date=C.date_out(r.get("REQ_DATE")) if C.dec(r.get("CONFIR_QTY")) > 0 else None,
        goods_issue_date=C.date_out(r.get("GI_DATE")),
        unit=C.unit_out(C.text(r.get("SALES_UNIT"))),
    )
