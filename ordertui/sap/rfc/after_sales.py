"""After sales: where is my order, my shipment, my invoice — the reads behind the Orders and
Open items screens, each in the fewest round trips that can serve it.

Each function takes the gateway's ``Transport`` as ``rfc`` and holds its requests and the parsing
of the answers together. Reads that do not depend on each other run side by side on the pool
(``Transport.concurrently``); a "wave" below is one round trip of such reads.

=====================  =======================================================  ==============
read                   waves                                                    fewest
=====================  =======================================================  ==============
orders of a customer   VBAK (+ BAPI_SALESORDER_GETLIST for a material)          1
order number / PO      VBAK (number OR PO prefix) + LIKP; KNA1 names            2
  delivery / invoice   … a number that is no order: LIKP (with the first), VBRK  2-3
order detail           BAPISDORDER_GETDETAILEDLIST (flow incl. goods issue);     1
                       only when blocked or a 20-char PO: TVLST/TVFST/VBAK       (2)
delivery detail        BAPI_DELIVERY_GETLIST + LIKP; LFA1 carrier + KNA1 ship-to  2
invoice detail         VBRK + VBRP; BAPI_AR_ACC_GETOPENITEMS + KNA1 names        2
customer's open items  KNVP payer + BAPI_AR_ACC_GETOPENITEMS; the payer's when    1 (2)
                       another account pays
=====================  =======================================================  ==============

Where an order stands is one word from its status letters (``order_status``), the same for a
list row read from VBAK and for the detail read through the BAPI, so no two screens disagree.
What is unconfirmed about these reads lives in ``ordertui.sap.assumptions`` (issue 10 entries).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from ordertui.model import (
    Address,
    CustomerOpenItems,
    Delivery,
    DeliveryItem,
    DocumentFlow,
    DocumentRef,
    Invoice,
    InvoiceItem,
    Order,
    OrderSummary,
    SalesArea,
    SearchResult,
)
from ordertui.sap import assumptions as A
from ordertui.sap import convert as C
from ordertui.sap.errors import NotFound
from ordertui.sap.gateway import DEFAULT_HIT_LIMIT
from ordertui.sap.rfc.billing import VBRK_FIELDS, _invoice_from, _with_open_items, open_items
from ordertui.sap.rfc.messages import messages_from, raise_for_errors
from ordertui.sap.rfc.opensql import Row, _first, literal, read_in, read_table
from ordertui.sap.rfc.orders import _FLOW_CATEGORY, _order_from
from ordertui.sap.rfc.transport import Transport, _now

# --------------------------------------------------------------------------- status words


def order_status(
    *, delivery: str, billing: str, credit: str = "", rejection: str = "", processing: str = "", delivery_block: str = ""
) -> str:
    """Where an order stands, in one word, from its header status letters (A not yet, B partly,
    C completely; VBAK-LFGSK/FKSAK/CMGST/ABSTK/GBSTK or BAPISDHDST DLV_STAT_H/BILLSTATUS/
    TOTSTATCCH/OVERALLREJ/PRC_STAT_H) and its header delivery block (LIFSK / DLV_BLOCK)."""
    if credit == "B":
        return "Blocked (credit)"
    if rejection == "C":
        return "Rejected"
    if delivery_block and delivery != "C":
        return "Blocked (delivery)"
    if delivery == "C":
        return {"C": "Billed", "B": "Partly billed"}.get(billing, "Delivered")
    if delivery == "B":
        return "Being delivered"
    if processing == "C":
        return "Completed"
    return "Open"


def item_status(*, delivery: str, billing: str, rejected: bool) -> str:
    """An item's word, in the order's vocabulary (item letters: DLV_STAT_I, BILLSTATIT)."""
    if rejected:
        return "Rejected"
    return order_status(delivery=delivery, billing=billing)


# --------------------------------------------------------------------------- order lists

#: VBAK fields of a list row. The status letters are VBAK fields on S/4HANA (on ECC they are
#: in VBUK: see assumptions.ORDER_STATUS_IN_VBAK).
VBAK_LIST = ("VBELN", "AUDAT", "ERDAT", "AUART", "NETWR", "WAERK", "VKORG", "KUNNR", "BSTNK",
             "GBSTK", "ABSTK", "LFGSK", "FKSAK", "CMGST", "LIFSK")
#: Rows one list read may bring (RFC_READ_TABLE answers in key order, oldest first; the list
#: shows the newest, so it reads this many and sorts).
LIST_READ_CAP = 2000


def _summary(r: Row, names: dict[str, str]) -> OrderSummary:
    return OrderSummary(
        number=C.alpha_out(r.get("VBELN")),
        order_type=C.order_type_out(r.get("AUART", "")),
        created=C.date_out(r.get("AUDAT")) or C.date_out(r.get("ERDAT")),
        sold_to=C.alpha_out(r.get("KUNNR")),
        customer_po=r.get("BSTNK", ""),
        net_value=C.dec(r.get("NETWR")),
        currency=r.get("WAERK", ""),
        status=order_status(
            delivery=r.get("LFGSK", ""), billing=r.get("FKSAK", ""), credit=r.get("CMGST", ""),
            rejection=r.get("ABSTK", ""), processing=r.get("GBSTK", ""), delivery_block=r.get("LIFSK", ""),
        ),
        sold_to_name=names.get(r.get("KUNNR", ""), ""),
        sales_org=r.get("VKORG", ""),
    )


def _newest_first(rows: list[Row], limit: int, names: dict[str, str]) -> SearchResult:
    rows = sorted(rows, key=lambda r: (r.get("AUDAT", ""), r.get("VBELN", "").zfill(10)), reverse=True)
    hits = tuple(_summary(r, names) for r in rows[:limit])
    return SearchResult(hits=hits, limit=limit, truncated=len(rows) > limit)


def _names(rfc: Transport, rows: Sequence[Row]) -> dict[str, str]:
    """Sold-to names of the rows (KNA1), one read per 100 customers, side by side."""
    found = read_in(rfc, "KNA1", ("KUNNR", "NAME1"), "KUNNR", [r.get("KUNNR", "") for r in rows])
    return {r["KUNNR"]: r.get("NAME1", "") for r in found}


def _customer_where(customer: str, area: SalesArea, date_from: dt.date | None, date_to: dt.date | None) -> str:
    where = f"KUNNR = {literal(C.alpha_in(customer))} AND VKORG = {literal(area.sales_org)} AND VBTYP = 'C'"
    if date_from:
        where += f" AND AUDAT >= {literal(C.date_in(date_from))}"
    if date_to:
        where += f" AND AUDAT <= {literal(C.date_in(date_to))}"
    return where


def _orders_with_material(rfc: Transport, customer: str, area: SalesArea, material: str) -> set[str]:
    """Order numbers (internal) of ``customer`` with an item of ``material`` (GETLIST reads SAP's
    material index for that). A material SAP does not know simply matches nothing."""
    res = rfc.call(
        "BAPI_SALESORDER_GETLIST",
        CUSTOMER_NUMBER=C.alpha_in(customer),
        SALES_ORGANIZATION=area.sales_org,
        MATERIAL=C.matn1_in(material),
    )
    return {C.text(r.get("SD_DOC")) for r in res.get("SALES_ORDERS") or [] if C.text(r.get("SD_DOC"))}


def find_orders(
    rfc: Transport,
    *,
    sales_area: SalesArea,
    customer: str = "",
    customer_po: str = "",
    material: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int = DEFAULT_HIT_LIMIT,
) -> SearchResult:
    """Orders by customer (and PO, material, document dates), or by exact PO alone; newest first."""
    po = customer_po.strip()
    if not customer.strip() and not po:
        raise ValueError("Choose a customer first, or give a customer PO number")
    if material and not customer.strip():
        raise ValueError("Choose a customer first: SAP finds orders by material per customer")
    if customer.strip():
        where = _customer_where(customer, sales_area, date_from, date_to)
        if po:
            where += f" AND BSTNK = {literal(po)}"
        calls: list[Callable[[], Any]] = [partial(read_table, rfc, "VBAK", VBAK_LIST, where, rowcount=LIST_READ_CAP)]
        if material:
            calls.append(partial(_orders_with_material, rfc, customer, sales_area, material))
        answers = rfc.concurrently(calls)
        rows = answers[0]
        if material:
            rows = [r for r in rows if r.get("VBELN") in answers[1]]
        return _newest_first(rows, limit, {})
    where = f"BSTNK = {literal(po)} AND VKORG = {literal(sales_area.sales_org)} AND VBTYP = 'C'"
    if date_from:
        where += f" AND AUDAT >= {literal(C.date_in(date_from))}"
    if date_to:
        where += f" AND AUDAT <= {literal(C.date_in(date_to))}"
    rows = read_table(rfc, "VBAK", VBAK_LIST, where, rowcount=LIST_READ_CAP)
    return _newest_first(rows, limit, _names(rfc, rows))


_MATERIAL_SHAPE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/._-]{0,17}$")


def search_orders(
    rfc: Transport,
    query: str,
    *,
    sales_area: SalesArea,
    customer: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int = DEFAULT_HIT_LIMIT,
) -> SearchResult:
    """The Orders search field: see ``SapGateway.search_orders``."""
    q = query.strip()
    if (date_from or date_to) and not customer.strip():
        raise ValueError("Choose a customer first (F2): a date range lists the current customer's orders")
    if not q:
        return find_orders(rfc, sales_area=sales_area, customer=customer, date_from=date_from,
                           date_to=date_to, limit=limit)
    if len(q) > A.PO_NUMBER_LENGTH:
        raise ValueError(f"Too long ({len(q)} characters): a PO has at most {A.PO_NUMBER_LENGTH}, "
                         f"an order number 10 digits")
    number = C.alpha_in(q) if q.isdigit() and len(q) <= 10 else ""
    if customer.strip():
        # All of the customer's orders in one read (and, for a material, SAP's index beside it):
        # the number, the PO prefix (any case) and the material are then matched here.
        calls: list[Callable[[], Any]] = [partial(read_table, rfc, "VBAK", VBAK_LIST,
                                                  _customer_where(customer, sales_area, date_from, date_to),
                                                  rowcount=LIST_READ_CAP)]
        if _MATERIAL_SHAPE.match(q):
            calls.append(partial(_orders_with_material, rfc, customer, sales_area, q))
        answers = rfc.concurrently(calls)
        by_material = answers[1] if len(answers) > 1 else set()
        folded = q.casefold()
        rows = [r for r in answers[0] if r.get("VBELN") == number or r.get("VBELN") in by_material
                or r.get("BSTNK", "").casefold().startswith(folded)]
        if rows or not number:
            return _newest_first(rows, limit, {})
        # a number that is none of this customer's orders: whatever it is, say so
        return _identify(rfc, number, limit)
    po_terms = f"BSTNK LIKE {literal(_like_prefix(q))}"
    if q.upper() != q:
        po_terms = f"( {po_terms} OR BSTNK LIKE {literal(_like_prefix(q.upper()))} )"
    where = f"VKORG = {literal(sales_area.sales_org)} AND VBTYP = 'C' AND {po_terms}"
    if number:
        where = f"VBELN = {literal(number)} OR ( {where} )"
    calls = [partial(read_table, rfc, "VBAK", VBAK_LIST, where, rowcount=LIST_READ_CAP)]
    if number:  # speculative, beside it on the pool's second connection: is it a delivery?
        calls.append(partial(read_table, rfc, "LIKP", LIKP_REF, f"VBELN = {literal(number)}"))
    answers = rfc.concurrently(calls)
    # LIKE's _ and % match more than typed: keep what starts with the PO as typed (or upper)
    rows = [r for r in answers[0] if r.get("VBELN") == number
            or r.get("BSTNK", "").startswith(q) or r.get("BSTNK", "").startswith(q.upper())]
    if rows:
        return _newest_first(rows, limit, _names(rfc, rows))
    if number:
        return _identify(rfc, number, limit, likp=answers[1])
    return SearchResult(hits=(), limit=limit, truncated=False)


def _like_prefix(text: str) -> str:
    return text + "%"


# --------------------------------------------------------------------------- what a number is

LIKP_REF = ("VBELN", "KUNNR", "WADAT", "WADAT_IST", "LFDAT")
VBRK_REF = ("VBELN", "KUNRG", "FKDAT", "NETWR", "MWSBK", "WAERK", "FKSTO")


def _identify(rfc: Transport, number: str, limit: int, likp: list[Row] | None = None) -> SearchResult:
    """A number that is no order in the list: an order of someone else, a delivery, an invoice?"""
    if likp is None:
        vbak, likp = rfc.concurrently([
            partial(read_table, rfc, "VBAK", VBAK_LIST, f"VBELN = {literal(number)}"),
            partial(read_table, rfc, "LIKP", LIKP_REF, f"VBELN = {literal(number)}"),
        ])
        if vbak:
            return _newest_first(vbak, limit, _names(rfc, vbak))
    hit: DocumentRef | None = None
    if likp:
        r = likp[0]
        shipped = C.date_out(r.get("WADAT_IST"))
        planned = C.date_out(r.get("WADAT"))
        text = f"shipped {shipped.isoformat()}" if shipped else (
            f"not shipped, goods issue planned {planned.isoformat()}" if planned else "not shipped")
        hit = DocumentRef("delivery", C.alpha_out(number), C.date_out(r.get("LFDAT")),
                          C.alpha_out(r.get("KUNNR")), text)
    else:
        vbrk = read_table(rfc, "VBRK", VBRK_REF, f"VBELN = {literal(number)}")
        if vbrk:
            r = vbrk[0]
            total = C.dec(r.get("NETWR")) + C.dec(r.get("MWSBK"))
            cancelled = ", cancelled" if C.flag(r.get("FKSTO")) else ""
            hit = DocumentRef("invoice", C.alpha_out(number), C.date_out(r.get("FKDAT")),
                              C.alpha_out(r.get("KUNRG")), f"{r.get('WAERK', '')} {total:,.2f}{cancelled}")
    return SearchResult(hits=(hit,) if hit else (), limit=limit, truncated=False)


# --------------------------------------------------------------------------- order detail

ORDER_VIEW = ("HEADER", "ITEM", "SDSCHEDULE", "PARTNER", "ADDRESS", "STATUS_H", "STATUS_I", "FLOW")


def _address(a: dict[str, Any]) -> Address:
    return Address(
        name=C.text(a.get("NAME")), name2=C.text(a.get("NAME_2")), street=C.text(a.get("STREET")),
        postal_code=C.text(a.get("POSTL_CODE")), city=C.text(a.get("CITY")), region=C.text(a.get("REGION")),
        country=C.text(a.get("COUNTRY")), phone=C.text(a.get("TELEPHONE")),
    )


def order(rfc: Transport, number: str) -> Order:
    vbeln = C.alpha_in(number)
    res = rfc.call("BAPISDORDER_GETDETAILEDLIST", I_BAPI_VIEW={k: "X" for k in ORDER_VIEW},
                   SALES_DOCUMENTS=[{"VBELN": vbeln}])
    headers = res.get("ORDER_HEADERS_OUT") or []
    if not headers:
        raise NotFound(f"Order {C.alpha_out(vbeln)} does not exist")
    h = headers[0]
    o = _order_from(res, h, fetched_at=_now())
    st: dict[str, Any] = next(iter(res.get("ORDER_STATUSHEADERS_OUT") or []), {})
    letters = {C.item_out(s.get("ITM_NUMBER")): s for s in res.get("ORDER_STATUSITEMS_OUT") or []}
    items = tuple(
        dataclasses.replace(i, status=item_status(
            delivery=C.text(letters.get(i.item, {}).get("DLV_STAT_I")),
            billing=C.text(letters.get(i.item, {}).get("BILLSTATIT")),
            rejected=bool(i.rejection_reason) or C.text(letters.get(i.item, {}).get("REJSTATIT")) == "C"))
        for i in o.items
    )
    addresses = {C.text(a.get("ADDRESS")): _address(a) for a in res.get("ORDER_ADDRESS_OUT") or []}
    partner_address: dict[str, Address] = {}
    for p in res.get("ORDER_PARTNERS_OUT") or []:
        if C.item_out(p.get("ITM_NUMBER")) == "" and C.text(p.get("ADDRESS")) in addresses:
            partner_address.setdefault(C.text(p.get("PARTN_ROLE")), addresses[C.text(p.get("ADDRESS"))])
    # What the BAPI does not carry: block reason texts, and a PO longer than PURCH_NO's 20
    # characters (only read when it is exactly 20 long, i.e. may have been cut).
    dlv_block, bill_block, po = o.delivery_block, o.billing_block, o.customer_po
    lang = literal(rfc.language)
    extra: dict[str, Callable[[], list[Row]]] = {}
    if dlv_block:
        extra["dlv"] = partial(read_table, rfc, "TVLST", ("LIFSP", "VTEXT"), f"SPRAS = {lang} AND LIFSP = {literal(dlv_block)}")
    if bill_block:
        extra["bill"] = partial(read_table, rfc, "TVFST", ("FAKSP", "VTEXT"), f"SPRAS = {lang} AND FAKSP = {literal(bill_block)}")
    if len(po) == A.BAPISDHD_PURCH_NO_LENGTH:
        extra["po"] = partial(read_table, rfc, "VBAK", ("VBELN", "BSTNK"), f"VBELN = {literal(vbeln)}")
    got = dict(zip(extra, rfc.concurrently(list(extra.values()))))
    return dataclasses.replace(
        o,
        items=items,
        overall_status=order_status(
            delivery=C.text(st.get("DLV_STAT_H")), billing=C.text(st.get("BILLSTATUS")),
            credit=C.text(st.get("TOTSTATCCH")), rejection=C.text(st.get("OVERALLREJ")),
            processing=C.text(st.get("PRC_STAT_H")), delivery_block=dlv_block,
        ),
        sold_to_name=partner_address["AG"].name if "AG" in partner_address else "",
        ship_to_name=partner_address["WE"].name if "WE" in partner_address else "",
        ship_to_address=partner_address.get("WE"),
        delivery_block_text=next((r.get("VTEXT", "") for r in got.get("dlv", [])), ""),
        billing_block_text=next((r.get("VTEXT", "") for r in got.get("bill", [])), ""),
        customer_po=next((r.get("BSTNK", "") for r in got.get("po", [])), "") or po,
        customer_po_date=C.date_out(h.get("PURCH_DATE")),
    )


# --------------------------------------------------------------------------- delivery detail

LIKP_DETAIL = ("VBELN", "ERDAT", "VSTEL", "KUNNR", "KUNAG", "BOLNR", "TRAID", "TRATY", "WADAT",
               "WADAT_IST", "LFDAT", "BTGEW", "GEWEI")


def delivery(rfc: Transport, number: str) -> Delivery:
    vbeln = C.alpha_in(number)
    first: list[Callable[[], Any]] = [
        partial(rfc.call, "BAPI_DELIVERY_GETLIST",
                IS_DLV_DATA_CONTROL={"BYPASSING_BUFFER": "X", "HEAD_STATUS": "X", "HEAD_PARTNER": "X",
                                     "ITEM": "X", "DOC_FLOW": "X"},
                IT_VBELN=[{"SIGN": "I", "OPTION": "EQ", "DELIV_NUMB_LOW": vbeln, "DELIV_NUMB_HIGH": ""}]),
        partial(read_table, rfc, "LIKP", LIKP_DETAIL, f"VBELN = {literal(vbeln)}"),
    ]
    res, likp_rows = rfc.concurrently(first)
    raise_for_errors(messages_from(res.get("RETURN")))
    headers = [h for h in res.get("ET_DELIVERY_HEADER") or [] if C.text(h.get("VBELN")) == vbeln]
    if not headers:
        raise NotFound(f"Delivery {C.alpha_out(vbeln)} does not exist")
    h = headers[0]
    lk = likp_rows[0] if likp_rows else {}
    pf = A.DELIVERY_PARTNER_FIELDS
    carrier_no, ship_to = "", C.text(lk.get("KUNNR") or h.get("KUNNR"))
    for p in res.get("ET_DELIVERY_PARTNER") or []:
        if C.text(_first(p, pf["delivery"])) not in ("", vbeln):
            continue
        role = C.text(_first(p, pf["role"]))
        if role == A.CARRIER_PARTNER_ROLE and not carrier_no:
            carrier_no = C.text(_first(p, pf["number"]))
        elif role == "WE" and not ship_to:
            ship_to = C.text(p.get("KUNNR"))
    later: list[Callable[[], list[Row]]] = [
        partial(read_table, rfc, "LFA1", ("LIFNR", "NAME1"), f"LIFNR = {literal(carrier_no)}") if carrier_no else list,
        partial(read_table, rfc, "KNA1", KNA1_ADDRESS, f"KUNNR = {literal(ship_to)}") if ship_to else list,
    ]
    carrier_rows, ship_rows = rfc.concurrently(later)
    items = tuple(
        DeliveryItem(
            item=C.item_out(it.get("POSNR")), material=C.matn1_out(it.get("MATNR")),
            description=C.text(it.get("ARKTX")), quantity=C.dec(it.get("LFIMG")),
            unit=C.unit_out(C.text(it.get("VRKME") or it.get("MEINS"))),
            order=C.alpha_out(it.get("VGBEL")), order_item=C.item_out(it.get("VGPOS")),
        )
        for it in res.get("ET_DELIVERY_ITEM") or [] if C.text(it.get("VBELN")) == vbeln
    )
    flow = tuple(dict.fromkeys(
        DocumentFlow(
            preceding=C.alpha_out(f.get("VBELV")), preceding_item=C.item_out(f.get("POSNV")),
            subsequent=C.alpha_out(f.get("VBELN")), subsequent_item=C.item_out(f.get("POSNN")),
            category=C.text(f.get("VBTYP_N")), category_text=_FLOW_CATEGORY.get(C.text(f.get("VBTYP_N")), ""),
            quantity=C.dec(f.get("RFMNG")), created=C.date_out(f.get("ERDAT")),
        )
        for f in res.get("ET_DOCUMENT_FLOW") or []
    ))
    address = _kna1_address(ship_rows[0]) if ship_rows else None
    return Delivery(
        number=C.alpha_out(vbeln),
        created=C.date_out(h.get("ERDAT") or lk.get("ERDAT")),
        shipping_point=C.text(h.get("VSTEL") or lk.get("VSTEL")),
        ship_to=C.alpha_out(ship_to),
        planned_goods_issue=C.date_out(h.get("WADAT") or lk.get("WADAT")),
        actual_goods_issue=C.date_out(lk.get("WADAT_IST") or h.get("WADAT_IST")),
        delivery_date=C.date_out(h.get("LFDAT") or lk.get("LFDAT")),
        carrier=(carrier_rows[0].get("NAME1", "") if carrier_rows else "") or C.alpha_out(carrier_no),
        tracking_number=lk.get("BOLNR", "") or lk.get("TRAID", ""),
        means_of_transport=lk.get("TRATY", ""),
        items=items,
        sold_to=C.alpha_out(lk.get("KUNAG") or h.get("KUNAG")),
        ship_to_name=address.name if address else "",
        ship_to_address=address,
        carrier_number=C.alpha_out(carrier_no),
        weight=C.dec(lk.get("BTGEW")),
        weight_unit=lk.get("GEWEI", ""),
        flow=flow,
        fetched_at=_now(),
    )


KNA1_ADDRESS = ("KUNNR", "NAME1", "NAME2", "STRAS", "PSTLZ", "ORT01", "REGIO", "LAND1", "TELF1")


def _kna1_address(r: Row) -> Address:
    return Address(name=r.get("NAME1", ""), name2=r.get("NAME2", ""), street=r.get("STRAS", ""),
                   postal_code=r.get("PSTLZ", ""), city=r.get("ORT01", ""), region=r.get("REGIO", ""),
                   country=r.get("LAND1", ""), phone=r.get("TELF1", ""))


# --------------------------------------------------------------------------- invoice detail

VBRP_FIELDS = ("VBELN", "POSNR", "FKIMG", "VRKME", "NETWR", "MWSBP", "MATNR", "ARKTX", "AUBEL", "AUPOS",
               "VGBEL", "VGPOS")


def invoice(rfc: Transport, number: str) -> Invoice:
    vbeln = C.alpha_in(number)
    where = f"VBELN = {literal(vbeln)}"
    head, rows = rfc.concurrently([
        partial(read_table, rfc, "VBRK", VBRK_FIELDS, where),
        partial(read_table, rfc, "VBRP", VBRP_FIELDS, where),
    ])
    if not head:
        raise NotFound(f"Invoice {C.alpha_out(vbeln)} does not exist")
    k = head[0]
    items = tuple(
        InvoiceItem(
            item=C.item_out(r.get("POSNR")), material=C.matn1_out(r.get("MATNR")), description=r.get("ARKTX", ""),
            quantity=C.dec(r.get("FKIMG")), unit=C.unit_out(r.get("VRKME", "")), net_value=C.dec(r.get("NETWR")),
            tax=C.dec(r.get("MWSBP")), order=C.alpha_out(r.get("AUBEL")), delivery=C.alpha_out(r.get("VGBEL")),
        )
        for r in sorted(rows, key=lambda r: r.get("POSNR", ""))
    )
    inv = _invoice_from(k, items)
    payer, sold_to = k.get("KUNRG", ""), k.get("KUNAG", "")
    later: list[Callable[[], Any]] = [
        partial(read_in, rfc, "KNA1", ("KUNNR", "NAME1"), "KUNNR", [payer, sold_to]),
    ]
    if inv.posted and payer:
        later.append(partial(open_items, rfc, C.alpha_out(payer), key_date=rfc.today(), company_code=k.get("BUKRS", "")))
    answers = rfc.concurrently(later)
    names = {r["KUNNR"]: r.get("NAME1", "") for r in answers[0]}
    if len(answers) > 1:
        inv = _with_open_items(inv, answers[1])
    return dataclasses.replace(inv, payer_name=names.get(payer, ""), sold_to_name=names.get(sold_to, ""),
                               fetched_at=_now())


# --------------------------------------------------------------------------- open items


def customer_open_items(rfc: Transport, customer: str, *, sales_area: SalesArea, key_date: dt.date) -> CustomerOpenItems:
    kunnr = C.alpha_in(customer)
    company = A.COMPANY_CODE.get(sales_area.sales_org, A.DEFAULT_COMPANY_CODE)
    knvp_where = (f"KUNNR = {literal(kunnr)} AND VKORG = {literal(sales_area.sales_org)} AND "
                  f"VTWEG = {literal(sales_area.distr_chan)} AND SPART = {literal(sales_area.division)} AND PARVW = 'RG'")
    # the customer's own items beside its payer lookup: most customers pay for themselves
    first: list[Callable[[], Any]] = [
        partial(read_table, rfc, "KNVP", ("KUNNR", "PARVW", "KUNN2"), knvp_where),
        partial(open_items, rfc, C.alpha_out(kunnr), key_date=key_date, company_code=company),
    ]
    payers, own = rfc.concurrently(first)
    payer = next((r.get("KUNN2", "") for r in payers if r.get("KUNN2")), "") or kunnr
    items, payer_name = own, ""
    if payer != kunnr:
        second: list[Callable[[], Any]] = [
            partial(open_items, rfc, C.alpha_out(payer), key_date=key_date, company_code=company),
            partial(read_table, rfc, "KNA1", ("KUNNR", "NAME1"), f"KUNNR = {literal(payer)}"),
        ]
        items, names = rfc.concurrently(second)
        payer_name = names[0].get("NAME1", "") if names else ""
    return CustomerOpenItems(
        customer=C.alpha_out(kunnr), payer=C.alpha_out(payer), company_code=company, key_date=key_date,
        items=tuple(sorted(items, key=lambda i: (i.due_date or dt.date.max, i.document))),
        payer_name=payer_name, fetched_at=_now(),
    )
