"""Shipping and billing: deliveries, invoices (with what is still open), open items, net days.

Each function takes the gateway's ``Transport`` as ``rfc`` and holds its call's request and the
parsing of the answer together. An invoice's due date and open amount come from the payer's FI
open items (BAPI_AR_ACC_GETOPENITEMS): none open means paid.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable

from ordertui.model import ZERO, Delivery, DeliveryItem, Invoice, InvoiceItem, OpenItem, SalesArea
from ordertui.sap import assumptions as A
from ordertui.sap import convert as C
from ordertui.sap.errors import NotFound
from ordertui.sap.rfc.customers import customer_sales_areas
from ordertui.sap.rfc.messages import messages_from, raise_for_errors
from ordertui.sap.rfc.opensql import Row, _first, literal, read_in, read_table
from ordertui.sap.rfc.transport import Transport

# --------------------------------------------------------------------------- deliveries


def deliveries(rfc: Transport, numbers: tuple[str, ...]) -> tuple[Delivery, ...]:
    vbelns = [C.alpha_in(n) for n in numbers if n and n.strip()]
    if not vbelns:
        return ()
    res = rfc.call(
        "BAPI_DELIVERY_GETLIST",
        IS_DLV_DATA_CONTROL={"BYPASSING_BUFFER": "X", "HEAD_STATUS": "X", "HEAD_PARTNER": "X", "ITEM": "X"},
        IT_VBELN=[{"SIGN": "I", "OPTION": "EQ", "DELIV_NUMB_LOW": v, "DELIV_NUMB_HIGH": ""} for v in vbelns],
    )
    raise_for_errors(messages_from(res.get("RETURN")))
    headers = res.get("ET_DELIVERY_HEADER") or []
    if not headers:
        return ()
    likp = {
        r["VBELN"]: r
        for r in read_in(
            rfc, "LIKP", ("VBELN", "KUNNR", "BOLNR", "TRAID", "TRATY", "WADAT_IST", "LFDAT", "WADAT", "VSTEL"),
            "VBELN", [C.text(h.get("VBELN")) for h in headers],
        )
    }
    pf = A.DELIVERY_PARTNER_FIELDS
    carrier_of: dict[str, str] = {}
    for p in res.get("ET_DELIVERY_PARTNER") or []:
        if C.text(_first(p, pf["role"])) == A.CARRIER_PARTNER_ROLE:
            carrier_of.setdefault(C.text(_first(p, pf["delivery"])), C.text(_first(p, pf["number"])))
    names = {r["LIFNR"]: r.get("NAME1", "") for r in read_in(rfc, "LFA1", ("LIFNR", "NAME1"), "LIFNR", list(carrier_of.values()))}
    items_of: dict[str, list[DeliveryItem]] = {}
    for it in res.get("ET_DELIVERY_ITEM") or []:
        items_of.setdefault(C.text(it.get("VBELN")), []).append(
            DeliveryItem(
                item=C.item_out(it.get("POSNR")),
                material=C.matn1_out(it.get("MATNR")),
                description=C.text(it.get("ARKTX")),
                quantity=C.dec(it.get("LFIMG")),
                unit=C.unit_out(C.text(it.get("VRKME") or it.get("MEINS"))),
                order=C.alpha_out(it.get("VGBEL")),
                order_item=C.item_out(it.get("VGPOS")),
            )
        )
    out = []
    for h in headers:
        v = C.text(h.get("VBELN"))
        lk = likp.get(v, {})
        carrier_no = carrier_of.get(v, "")
        out.append(
            Delivery(
                number=C.alpha_out(v),
                created=C.date_out(h.get("ERDAT")),
                shipping_point=C.text(h.get("VSTEL")) or lk.get("VSTEL", ""),
                ship_to=C.alpha_out(lk.get("KUNNR", "")),
                planned_goods_issue=C.date_out(h.get("WADAT") or lk.get("WADAT")),
                actual_goods_issue=C.date_out(lk.get("WADAT_IST")),
                delivery_date=C.date_out(h.get("LFDAT") or lk.get("LFDAT")),
                carrier=names.get(carrier_no) or C.alpha_out(carrier_no),
                tracking_number=lk.get("BOLNR", "") or lk.get("TRAID", ""),
                means_of_transport=lk.get("TRATY", ""),
                items=tuple(items_of.get(v, ())),
            )
        )
    return tuple(out)


# --------------------------------------------------------------------------- invoices and open items

VBRK_FIELDS = ("VBELN", "FKART", "VBTYP", "WAERK", "VKORG", "VTWEG", "SPART", "FKDAT", "KUNRG", "KUNAG",
               "NETWR", "MWSBK", "ZTERM", "FKSTO", "RFBSK", "BUKRS", "ERDAT")


def invoice(rfc: Transport, number: str) -> Invoice:
    vbeln = C.alpha_in(number)
    rows = read_table(rfc, "VBRK", VBRK_FIELDS, f"VBELN = {literal(vbeln)}")
    if not rows:
        raise NotFound(f"Invoice {C.alpha_out(vbeln)} does not exist")
    k = rows[0]
    items = tuple(
        InvoiceItem(
            item=C.item_out(r.get("POSNR")),
            material=C.matn1_out(r.get("MATNR")),
            description=r.get("ARKTX", ""),
            quantity=C.dec(r.get("FKIMG")),
            unit=C.unit_out(r.get("VRKME", "")),
            net_value=C.dec(r.get("NETWR")),
            tax=C.dec(r.get("MWSBP")),
            order=C.alpha_out(r.get("AUBEL")),
            delivery=C.alpha_out(r.get("VGBEL")),
        )
        for r in sorted(
            read_table(rfc, "VBRP", ("VBELN", "POSNR", "FKIMG", "VRKME", "NETWR", "MWSBP", "MATNR", "ARKTX",
                                     "AUBEL", "AUPOS", "VGBEL", "VGPOS"), f"VBELN = {literal(vbeln)}"),
            key=lambda r: r.get("POSNR", ""),
        )
    )
    inv = _invoice_from(k, items)
    if inv.posted and k.get("KUNRG"):
        open_ = open_items(rfc, C.alpha_out(k["KUNRG"]), key_date=rfc.today(), company_code=k.get("BUKRS", ""))
        inv = _with_open_items(inv, open_)
    return inv


def invoices_for(rfc: Transport, customer: str, *, sales_area: SalesArea, limit: int = 50) -> tuple[Invoice, ...]:
    kunnr = C.alpha_in(customer)
    rows = read_table(
        rfc, "VBRK", VBRK_FIELDS,
        f"KUNAG = {literal(kunnr)} AND VKORG = {literal(sales_area.sales_org)} "
        f"AND VTWEG = {literal(sales_area.distr_chan)}",
    )
    rows.sort(key=lambda r: (r.get("FKDAT", ""), r.get("VBELN", "")), reverse=True)
    invoices = [_invoice_from(r, ()) for r in rows[:limit]]
    if any(i.posted for i in invoices):
        payers = {r.get("KUNRG", "") for r in rows[:limit] if r.get("KUNRG")}
        open_all: list[OpenItem] = []
        for payer in sorted(payers):
            company = A.COMPANY_CODE.get(sales_area.sales_org, A.DEFAULT_COMPANY_CODE)
            open_all.extend(open_items(rfc, C.alpha_out(payer), key_date=rfc.today(), company_code=company))
        invoices = [_with_open_items(i, open_all) if i.posted else i for i in invoices]
    return tuple(invoices)


def open_items(rfc: Transport, customer: str, *, key_date: dt.date, company_code: str = "") -> tuple[OpenItem, ...]:
    if not company_code:
        # the company code of the customer's (first) sales organization
        areas = customer_sales_areas(rfc, customer)
        company_code = A.COMPANY_CODE.get(areas[0].sales_org, "") if areas else ""
    res = rfc.call(
        "BAPI_AR_ACC_GETOPENITEMS",
        COMPANYCODE=company_code or A.DEFAULT_COMPANY_CODE,
        CUSTOMER=C.alpha_in(customer),
        KEYDATE=C.date_in(key_date),
    )
    msgs = messages_from(res.get("RETURN"))
    raise_for_errors(msgs)
    out = []
    for r in res.get("LINEITEMS") or []:
        amount = abs(C.dec(r.get("AMT_DOCCUR")))
        if C.text(r.get("DB_CR_IND")) == A.CREDIT_INDICATOR:
            amount = -amount
        baseline = C.date_out(r.get("BLINE_DATE"))
        days = int(C.dec(r.get("NETTERMS")))
        if abs(days) > 999:  # NETTERMS is DEC 3: more is no answer SAP gives
            raise ValueError(f"SAP sent an open item with a payment term of {days} days, which cannot be read")
        due = baseline + dt.timedelta(days=days) if baseline else None
        out.append(
            OpenItem(
                document=C.alpha_out(r.get("DOC_NO")),
                fiscal_year=C.text(r.get("FISC_YEAR")),
                item=C.item_out(r.get("ITEM_NUM")),
                doc_type=C.text(r.get("DOC_TYPE")),
                reference=C.alpha_out(C.text(r.get("REF_DOC_NO")) or C.text(r.get("ALLOC_NMBR"))),
                posting_date=C.date_out(r.get("PSTNG_DATE")),
                document_date=C.date_out(r.get("DOC_DATE")),
                baseline_date=baseline,
                due_date=due,
                amount=amount,
                currency=C.text(r.get("CURRENCY")),
                text=C.text(r.get("ITEM_TEXT")),
                dunning_level=int(C.dec(r.get("DUNN_LEVEL"))),
            )
        )
    out.sort(key=lambda i: (i.due_date or dt.date.max, i.document))
    return tuple(out)


# --------------------------------------------------------------------------- parsing


def net_days(terms: str) -> int | None:
    """Net days of a payment terms key: the assumptions table, else the NTnn convention."""
    terms = (terms or "").strip().upper()
    if terms in A.PAYMENT_TERMS_NET_DAYS:
        return A.PAYMENT_TERMS_NET_DAYS[terms]
    m = re.match(r"^NT(\d+)$", terms)
    return int(m.group(1)) if m else None


def _invoice_from(k: Row, items: tuple[InvoiceItem, ...]) -> Invoice:
    cur = k.get("WAERK", "")
    billed = C.date_out(k.get("FKDAT"))
    days = net_days(k.get("ZTERM", ""))
    return Invoice(
        number=C.alpha_out(k.get("VBELN")),
        billing_type=k.get("FKART", ""),
        date=C.date_out(k.get("FKDAT")),
        payer=C.alpha_out(k.get("KUNRG")),
        sold_to=C.alpha_out(k.get("KUNAG")),
        net_value=C.dec(k.get("NETWR")),
        tax=C.dec(k.get("MWSBK")),
        currency=cur,
        payment_terms=k.get("ZTERM", ""),
        cancelled=C.flag(k.get("FKSTO")),
        posted=k.get("RFBSK", "") == "C",
        items=items,
        due_date=billed + dt.timedelta(days=days) if billed and days is not None else None,
    )


def _with_open_items(inv: Invoice, items: Iterable[OpenItem]) -> Invoice:
    """Due date and open amount of an invoice from the payer's FI open items (0 open = paid)."""
    mine = [i for i in items if i.reference == inv.number]
    if not mine:
        return dataclasses.replace(inv, open_amount=ZERO)
    due = min((i.due_date for i in mine if i.due_date), default=inv.due_date)
    return dataclasses.replace(inv, open_amount=sum((i.amount for i in mine), ZERO), due_date=due)
