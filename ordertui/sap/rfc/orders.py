"""Orders: create (exactly once, with recovery), find, detail, status.

Each function takes the gateway's ``Transport`` as ``rfc`` and holds its call's request and the
parsing of the answer together. The draft becomes BAPI input in ``salesdoc`` (shared with
SIMULATE).

Saving exactly once
-------------------
``create_order`` runs BAPI_SALESORDER_CREATEFROMDAT2 and BAPI_TRANSACTION_COMMIT (WAIT) on ONE
connection (the LUW lives in that session). The order carries a PO SAP can be searched by
(PURCH_NO_C, CHAR 35): the typed customer PO, else the draft's own ``reference`` (generated once
per draft by the UI). What is known about the outcome depends on how far the save got:

==============================================  ===========================================
what happened                                   outcome
==============================================  ===========================================
failed before CREATEFROMDAT2 was sent           that error (certainly not saved)
(bad draft, checkout, the PO lookup)
CREATEFROMDAT2 answered with errors             rolled back, ``SapBusinessError`` (not saved)
CREATEFROMDAT2 itself broke (communication,     that error: a BAPI commits nothing itself and
timeout, ABAP runtime error)                    the broken session is rolled back (not saved)
commit answered, RETURN without error           ``CreatedOrder``
commit answered with an error (S& 101)          rolled back, ``SapBusinessError`` (not saved)
commit sent, answer lost (any ``SapError``:     looked up at once (sold-to + PO): found ->
communication, timeout, ABAP runtime error)     ``CreatedOrder(recovered=True)``; otherwise
                                                ``OrderOutcomeUnknown`` — also when SAP
                                                answered "none", because its update task may
                                                still be posting the order
==============================================  ===========================================

Which order with the PO is this draft's (``find_created_order``): a reference is unique per
draft, so any order carrying it is; a typed PO may have been used before, so the orders that
carried it before the create was sent (``known_before``, looked up before sending and handed
back in ``OrderOutcomeUnknown``) are not, and of the rest the newest is. Only orders dated since
yesterday are looked at (a save that straddles midnight is still found).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Collection
from typing import Any

from ordertui.model import (
    CreatedOrder,
    DocumentFlow,
    Order,
    OrderDraft,
    OrderItem,
    SalesArea,
    SapMessage,
)
from ordertui.sap import assumptions as A
from ordertui.sap import convert as C
from ordertui.sap.connection import RfcConnection, RfcResult
from ordertui.sap.errors import OrderOutcomeUnknown, SapBusinessError, SapError
from ordertui.sap.rfc.messages import messages_from
from ordertui.sap.rfc.salesdoc import create_items, draft_input, order_header, schedule_line
from ordertui.sap.rfc.transport import Transport

log = logging.getLogger("ordertui.sap")

#: BAPISDHD1-PURCH_NO_C / VBKD-BSTKD: SAP keeps 35 characters of a PO and cuts the rest silently.
PO_LENGTH = 35

# --------------------------------------------------------------------------- create


def stored_po(draft: OrderDraft) -> str:
    """The PO SAP stores for this draft: the typed PO, else its reference (first 35 characters)."""
    return (draft.customer_po.strip() or draft.reference.strip())[:PO_LENGTH]


def _po_to_send(draft: OrderDraft) -> str:
    """PURCH_NO_C for CREATEFROMDAT2: the typed PO, else the draft's reference, else a new one.

    Refuses (``ValueError``) a PO or reference SAP would cut: an order saved with a cut PO
    cannot be found by the PO the user typed.
    """
    for value, what in ((draft.customer_po, "customer PO number"), (draft.reference, "draft reference")):
        text = value.strip()
        if len(text) > PO_LENGTH:
            raise ValueError(
                f"The {what} has {len(text)} characters; SAP keeps only {PO_LENGTH}. Shorten it before saving."
            )
        if text:
            return text
    # Fallback only: the UI sets draft.reference once per draft. A reference made up here is
    # new on every call, so no later lookup of this draft knows it (OrderOutcomeUnknown says it).
    # It fits BAPISDHD-PURCH_NO (CHAR 20), so the order screen shows it whole.
    return A.GENERATED_PO_PREFIX + uuid.uuid4().hex.upper()[: 20 - len(A.GENERATED_PO_PREFIX)]


def _orders_with_po(rfc: Transport, draft: OrderDraft, po: str, since: dt.date) -> set[str]:
    """Numbers (internal, zero-padded) of the sold-to's orders whose stored PO is ``po``.

    Only rows whose PO as SAP returns it equals ``po`` count (PURCH_NO_C, or the first 20
    characters in PURCH_NO when a release sends no PURCH_NO_C), whatever the selection let
    through. Raises ``SapError`` when SAP did not answer, or answered with an error and no rows.
    """
    sold_to = C.alpha_in(draft.sold_to)
    res = rfc.call(
        "BAPI_SALESORDER_GETLIST",
        CUSTOMER_NUMBER=sold_to,
        SALES_ORGANIZATION=draft.sales_area.sales_org,
        PURCHASE_ORDER_NUMBER=po,
        DOCUMENT_DATE=C.date_in(since),
    )
    rows = res.get("SALES_ORDERS") or []
    msgs = messages_from(res.get("RETURN"))
    if not rows and any(m.is_error for m in msgs):
        raise SapBusinessError(messages=msgs)
    found = set()
    for r in rows:
        number = C.text(r.get("SD_DOC"))
        if not number:
            continue
        if "PURCH_NO_C" in r:
            same_po = C.text(r.get("PURCH_NO_C")) == po
        else:
            same_po = C.text(r.get("PURCH_NO")) == po[:20]
        row_sold_to = C.text(r.get("SOLD_TO"))
        if same_po and (not row_sold_to or C.alpha_in(row_sold_to) == sold_to):
            found.add(C.alpha_in(number))
    return found


def _newest(numbers: set[str]) -> str:
    return C.alpha_out(max(numbers, key=lambda n: (len(n), n)))


def create_order(rfc: Transport, draft: OrderDraft) -> CreatedOrder:
    parts = draft_input(draft)  # ValueError before any call
    po = _po_to_send(draft)
    header = order_header(draft, purch_no_c=po)  # BAPISDHD1; the PO is what a lost answer is found by
    items_in = create_items(parts)
    since = rfc.today() - dt.timedelta(days=1)
    # A typed PO may be on older orders already: a lookup after a lost answer must not mistake
    # them for this one. A reference is new per draft, so nothing carries it yet.
    before = _orders_with_po(rfc, draft, po, since) if draft.customer_po.strip() else set()
    phase = "checkout"  # -> "create" -> "commit" (sent: outcome unknown until answered) -> "answered"
    try:
        with rfc.connection() as conn:
            phase = "create"
            res = rfc.invoke(
                conn,
                "BAPI_SALESORDER_CREATEFROMDAT2",
                ORDER_HEADER_IN=header,
                ORDER_ITEMS_IN=items_in,
                ORDER_PARTNERS=parts.partners,
                ORDER_SCHEDULES_IN=parts.schedules,
            )
            msgs = messages_from(res.get("RETURN"), item_by_row=parts.item_numbers)
            number = C.text(res.get("SALESDOCUMENT"))
            if any(m.is_error for m in msgs) or not number:
                phase = "answered"
                _rollback(rfc, conn)
                raise SapBusinessError(messages=msgs) if msgs else SapBusinessError("SAP did not create the order")
            phase = "commit"
            commit = rfc.invoke(conn, "BAPI_TRANSACTION_COMMIT", WAIT="X")
            phase = "answered"
            cmsgs = messages_from(commit.get("RETURN"))
            if any(m.is_error for m in cmsgs):
                _rollback(rfc, conn)
                raise SapBusinessError(messages=msgs + cmsgs)
            return CreatedOrder(number=C.alpha_out(number), messages=msgs + cmsgs)
    except Exception as exc:
        if phase == "commit":  # whatever broke the commit's answer, SAP may have saved it
            return _recover(rfc, draft, po, since, before, exc)
        if phase == "create" and isinstance(exc, SapError):
            # the create alone commits nothing, and a broken session is rolled back
            exc.message = f"{exc.message} The order was NOT saved; the draft can be sent again."
            exc.args = (exc.message,)
        raise


def _rollback(rfc: Transport, conn: RfcConnection) -> None:
    try:
        rfc.invoke(conn, "BAPI_TRANSACTION_ROLLBACK")
    except SapError as exc:
        log.info("rollback failed: %s", type(exc).__name__)


def _recover(
    rfc: Transport, draft: OrderDraft, po: str, since: dt.date, before: set[str], error: Exception
) -> CreatedOrder:
    """The commit was sent and its answer lost: ask SAP at once whether it saved the order."""
    cause = error.title if isinstance(error, SapError) else type(error).__name__
    known_before = frozenset(C.alpha_out(n) for n in before)
    fallback = "" if (draft.customer_po.strip() or draft.reference.strip()) else " (made up for this save)"
    try:
        after = _orders_with_po(rfc, draft, po, since) - before
    except SapError:
        raise OrderOutcomeUnknown(
            f"The save broke off ({cause}) and SAP could not be asked afterwards. It is NOT "
            f"known whether the order was saved: do not send it again before SAP has been checked for "
            f"PO {po}{fallback}.",
            customer_po=po,
            known_before=known_before,
            cause=cause,
        ) from None
    if after:
        return CreatedOrder(
            number=_newest(after),
            messages=(SapMessage("W", "", "", "The answer to the save was lost; the order was found in SAP."),),
            recovered=True,
        )
    raise OrderOutcomeUnknown(
        f"The save broke off ({cause}). SAP has no order with PO {po}{fallback} yet, but "
        f"it may still be posting it: it is NOT known whether the order was saved. Check again before "
        f"sending it again.",
        customer_po=po,
        known_before=known_before,
        cause=cause,
    ) from None


def find_created_order(rfc: Transport, draft: OrderDraft, *, known_before: Collection[str]) -> CreatedOrder | None:
    """See ``SapGateway.find_created_order``: an answered lookup by sold-to + stored PO."""
    po = stored_po(draft)
    if not po:
        raise ValueError("The draft has neither a customer PO number nor a reference to look it up by")
    since = rfc.today() - dt.timedelta(days=1)
    known = {C.alpha_in(n) for n in known_before if n.strip()}
    new = _orders_with_po(rfc, draft, po, since) - known
    if not new:
        return None
    return CreatedOrder(
        number=_newest(new),
        messages=(SapMessage("I", "", "", f"Found in SAP by PO {po}."),),
        recovered=True,
    )


# --------------------------------------------------------------------------- read back (after_sales reads orders)


_FLOW_CATEGORY = {
    "C": "Order", "J": "Delivery", "M": "Invoice", "N": "Invoice cancellation", "O": "Credit memo",
    "P": "Debit memo", "H": "Returns", "T": "Returns delivery", "R": "Goods movement", "U": "Pro forma invoice",
    "8": "Shipment",
}


def order_status_text(st: dict[str, Any]) -> str:
    """One word for where an order stands, from its header status letters."""
    if C.text(st.get("TOTSTATCCH")) == "B":
        return A.CREDIT_STATUS_TEXT["B"]
    if C.text(st.get("OVERALLREJ")) == "C":
        return A.REJECTION_STATUS_TEXT["C"]
    bill = C.text(st.get("BILLSTATUS"))
    if bill in ("B", "C"):
        return A.BILLING_STATUS_TEXT[bill]
    dlv = C.text(st.get("DLV_STAT_H"))
    if dlv in ("B", "C"):
        return A.DELIVERY_STATUS_TEXT[dlv]
    prc = C.text(st.get("PRC_STAT_H"))
    if prc == "C":
        return A.PROCESSING_STATUS_TEXT["C"]
    return A.PROCESSING_STATUS_TEXT["A"]


def _order_from(res: RfcResult, h: dict[str, Any], *, fetched_at: dt.datetime) -> Order:
    number = C.text(h.get("DOC_NUMBER"))
    st: dict[str, Any] = next(
        (s for s in res.get("ORDER_STATUSHEADERS_OUT") or [] if C.text(s.get("SD_DOC")) in (number, "")), {}
    )
    ist = {C.item_out(s.get("ITM_NUMBER")): s for s in res.get("ORDER_STATUSITEMS_OUT") or []}
    partners = res.get("ORDER_PARTNERS_OUT") or []

    def partner(role: str) -> str:
        for p in partners:
            if C.text(p.get("PARTN_ROLE")) == role and C.item_out(p.get("ITM_NUMBER")) == "":
                return C.alpha_out(p.get("CUSTOMER"))
        return ""

    items = []
    for r in res.get("ORDER_ITEMS_OUT") or []:
        item = C.item_out(r.get("ITM_NUMBER"))
        s = ist.get(item, {})
        items.append(
            OrderItem(
                item=item,
                material=C.matn1_out(r.get("MATERIAL")),
                description=C.text(r.get("SHORT_TEXT")),
                quantity=C.dec(r.get("REQ_QTY")) or C.dec(r.get("TARGET_QTY")),
                confirmed_qty=C.dec(r.get("CUM_CF_QTY")),
                unit=C.unit_out(C.text(r.get("SALES_UNIT"))),
                net_value=C.dec(r.get("NET_VALUE")),
                net_price=C.dec(r.get("NET_PRICE")),
                currency=C.text(r.get("CURRENCY")),
                plant=C.text(r.get("PLANT")),
                delivery_status=A.DELIVERY_STATUS_TEXT.get(C.text(s.get("DLV_STAT_I")), ""),
                billing_status=A.BILLING_STATUS_TEXT.get(C.text(s.get("BILLSTATIT")), ""),
                rejection_reason=C.text(r.get("REA_FOR_RE")),
            )
        )
    schedule = tuple(
        schedule_line(r, C.item_out(r.get("ITM_NUMBER")))
        for r in res.get("ORDER_SCHEDULES_OUT") or []
    )
    flow = tuple(
        DocumentFlow(
            preceding=C.alpha_out(r.get("PRECSDDOC")),
            preceding_item=C.item_out(r.get("PREDITDOC")),
            subsequent=C.alpha_out(r.get("SUBSSDDOC")),
            subsequent_item=C.item_out(r.get("SUBSITDOC")),
            category=C.text(r.get("DOCCATEGOR")),
            category_text=_FLOW_CATEGORY.get(C.text(r.get("DOCCATEGOR")), C.text(r.get("DOCCATEGOR"))),
            quantity=C.dec(r.get("REF_QTY")),
            created=C.date_out(r.get("CREAT_DATE")),
        )
        for r in res.get("ORDER_FLOWS_OUT") or []
        if C.text(r.get("SUBSSDDOC")) and C.text(r.get("SUBSSDDOC")) != number
    )
    return Order(
        number=C.alpha_out(number),
        order_type=C.order_type_out(C.text(h.get("DOC_TYPE"))),
        created=C.date_out(h.get("REC_DATE")) or C.date_out(h.get("DOC_DATE")),
        sold_to=C.alpha_out(h.get("SOLD_TO")) or partner("AG"),
        ship_to=partner("WE"),
        payer=partner("RG"),
        customer_po=C.text(h.get("PURCH_NO")),
        sales_area=SalesArea(C.text(h.get("SALES_ORG")), C.text(h.get("DISTR_CHAN")), C.text(h.get("DIVISION"))),
        requested_date=C.date_out(h.get("REQ_DATE_H")),
        net_value=C.dec(h.get("NET_VAL_HD")),
        currency=C.text(h.get("CURRENCY")),
        items=tuple(sorted(items, key=lambda i: int(i.item) if i.item.isdigit() else 0)),
        schedule=schedule,
        flow=flow,
        overall_status=order_status_text(st),
        delivery_status=A.DELIVERY_STATUS_TEXT.get(C.text(st.get("DLV_STAT_H")), ""),
        billing_status=A.BILLING_STATUS_TEXT.get(C.text(st.get("BILLSTATUS")), ""),
        credit_status=A.CREDIT_STATUS_TEXT.get(C.text(st.get("TOTSTATCCH")), ""),
        rejection_status=A.REJECTION_STATUS_TEXT.get(C.text(st.get("OVERALLREJ")), ""),
        delivery_block=C.text(h.get("DLV_BLOCK")),
        billing_block=C.text(h.get("BILL_BLOCK")),
        fetched_at=fetched_at,
    )
