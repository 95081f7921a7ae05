"""Materials and pricing: search, material master, price scales, plants, availability, simulate.

Each function takes the gateway's ``Transport`` as ``rfc`` and holds its call's request and the
parsing of the answer together. ``simulate`` prices, confirms and credit-checks a whole draft in
one BAPI_SALESORDER_SIMULATE; the draft becomes BAPI input in ``salesdoc`` (shared with
CREATEFROMDAT2) and the answer becomes a ``Quote`` in ``_quote_from``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import Any

from ordertui.model import (
    ZERO,
    Availability,
    AvailabilityLine,
    Condition,
    CreditCheck,
    Material,
    MaterialHit,
    OrderDraft,
    Plant,
    PriceScale,
    Quote,
    QuoteLine,
    SalesArea,
    SalesStatus,
    SapMessage,
    ScheduleLine,
    SearchResult,
    UnitOfMeasure,
)
from ordertui.sap import assumptions as A
from ordertui.sap import convert as C
from ordertui.sap.connection import RfcResult
from ordertui.sap.gateway import DEFAULT_HIT_LIMIT
from ordertui.sap.query_text import clean_query, cp_escape, cp_pattern, sap_upper, search_fragment
from ordertui.sap.rfc.messages import messages_from, raise_for_errors
from ordertui.sap.rfc.opensql import Row, literal, read_table
from ordertui.sap.rfc.salesdoc import draft_input, order_header, schedule_line, simulate_items
from ordertui.sap.rfc.transport import Transport, _now, answer, attempt

# --------------------------------------------------------------------------- materials


#: MATNRSELECTION-MATNR_LOW is CHAR 18 (MATN1); MATERIALSHORTDESCSEL-DESCR_LOW CHAR 40, the length
#: of a description (MAKT-MAKTX and its upper-case search field MAKTG are CHAR 40).
MATNR_LENGTH = 18
DESCRIPTION_LENGTH = 40


def find_materials(
    rfc: Transport, query: str, *, sales_area: SalesArea | None = None, limit: int = DEFAULT_HIT_LIMIT
) -> SearchResult:
    """By material number or description, every character as typed (``query_text``).

    A description holds at most 40 characters: a longer text can match none, and the result says
    so (``note``) instead of asking SAP. A text whose escaped pattern does not fit the 40 of
    DESCR_LOW is cut for the pattern and the hits narrowed on the whole description.
    """
    text = clean_query(query)
    fragment = search_fragment(text, upper=True)  # the BAPI matches the upper-case field MAKTG
    if len(fragment) > DESCRIPTION_LENGTH:
        return SearchResult(hits=(), limit=limit, truncated=False, note=(
            f"No material found: descriptions hold at most {DESCRIPTION_LENGTH} characters and "
            f"this text has {len(fragment)}."))
    want = limit + 1
    common: dict[str, Any] = {"MAXROWS": want}
    if sales_area is not None:
        common["SALESORGANISATIONSELECTION"] = [
            {"SIGN": "I", "OPTION": "EQ", "SALESORG_LOW": sales_area.sales_org, "SALESORG_HIGH": ""}
        ]
    found: dict[str, str] = {}
    number_pattern, held = cp_pattern(fragment, room=MATNR_LENGTH)
    if " " not in fragment and held == fragment:  # '*frag*' must fit MATNR_LOW CHAR18
        if fragment.isdigit():
            sel = {"SIGN": "I", "OPTION": "EQ", "MATNR_LOW": C.matn1_in(fragment), "MATNR_HIGH": ""}
        else:
            sel = {"SIGN": "I", "OPTION": "CP", "MATNR_LOW": number_pattern, "MATNR_HIGH": ""}
        res = rfc.call("BAPI_MATERIAL_GETLIST", MATNRSELECTION=[sel], **common)
        for r in res.get("MATNRLIST") or []:
            found.setdefault(C.text(r.get("MATERIAL")), C.text(r.get("MATL_DESC")))
    if len(found) < want:
        patterns = _description_patterns(fragment)
        res = rfc.call(
            "BAPI_MATERIAL_GETLIST",
            MATERIALSHORTDESCSEL=[{"SIGN": "I", "OPTION": "CP", "DESCR_LOW": p, "DESCR_HIGH": ""} for p in patterns],
            **common,
        )
        narrow = _narrow(fragment)
        for r in res.get("MATNRLIST") or []:
            desc = C.text(r.get("MATL_DESC"))
            if not narrow or fragment in sap_upper(desc):
                found.setdefault(C.text(r.get("MATERIAL")), desc)
    items = list(found.items())
    hits = tuple(MaterialHit(C.matn1_out(n), d) for n, d in items[:limit])
    return SearchResult(hits=hits, limit=limit, truncated=len(items) > limit)


def _description_patterns(fragment: str) -> list[str]:
    """CP patterns for descriptions that contain ``fragment``, each at most 40 characters.

    ``*frag*`` when it fits; a text of 39 or 40 characters (or one whose escapes make it longer)
    cannot carry both stars: it is at the start or the end of the description, ``frag*`` or
    ``*frag`` — or, cut further, ``*fra*`` narrowed on the whole text by the caller.
    """
    pattern, held = cp_pattern(fragment, room=DESCRIPTION_LENGTH)
    if held == fragment:
        return [pattern]
    escaped = cp_escape(fragment)
    if len(escaped) + 1 <= DESCRIPTION_LENGTH:
        return [f"{escaped}*", f"*{escaped}"]
    if len(escaped) <= DESCRIPTION_LENGTH:
        return [escaped]
    return [pattern]


def _narrow(fragment: str) -> bool:
    """Whether description hits must be checked for the whole text: the pattern said less (cut)
    or a BAPI might read one of its characters as a wildcard (``assumptions.CP_ESCAPE_CHARACTER``)."""
    return cp_pattern(fragment, room=DESCRIPTION_LENGTH)[1] != fragment or any(ch in fragment for ch in "*+#%_")


def material(rfc: Transport, number: str, *, sales_area: SalesArea, scales: bool = True) -> Material:
    matnr = C.matn1_in(number)
    # Two round trips: the BAPI, MVKE, MARM and the price record (A004) need only the material
    # and the sales area and go side by side; the price and its scale (KONP, KONM, by A004's
    # condition record) follow side by side. Errors are raised in the order the reads would be
    # made one after another; the price record counts only for a material of the sales org.
    # Without ``scales`` one round trip (no A004, KONP, KONM): ``price_scales`` reads them apart.
    reads: list[Callable[[], Any]] = [
        partial(rfc.call, "BAPI_MATERIAL_GET_DETAIL", MATERIAL=matnr),
        partial(attempt, partial(
            read_table, rfc, "MVKE", ("MATNR", "VKORG", "VTWEG", "VMSTA", "VMSTD", "VRKME", "AUMNG", "DWERK", "LVORM"),
            f"MATNR = {literal(matnr)} AND VKORG = {literal(sales_area.sales_org)} "
            f"AND VTWEG = {literal(sales_area.distr_chan)}",
        )),
        partial(attempt, partial(
            read_table, rfc, "MARM", ("MATNR", "MEINH", "UMREZ", "UMREN", "BRGEW", "GEWEI"), f"MATNR = {literal(matnr)}")),
    ]
    if scales:
        reads.append(partial(attempt, partial(_price_record, rfc, matnr, sales_area)))
    res, mvke, marm_rows, *price_record = rfc.concurrently(reads)
    raise_for_errors(messages_from(res.get("RETURN")), not_found=True)
    g = res.get("MATERIAL_GENERAL_DATA") or {}
    mvke = answer(mvke)
    base = C.unit_out(C.text(g.get("BASE_UOM")))
    marm: list[Row] = answer(marm_rows)
    units = tuple(
        UnitOfMeasure(C.unit_out(r.get("MEINH", "")), C.dec(r.get("UMREZ") or 1), C.dec(r.get("UMREN") or 1))
        for r in marm
    )
    weight_row = next((r for r in marm if C.unit_out(r.get("MEINH", "")) == base), {})
    if mvke:
        m = mvke[0]
        if C.flag(m.get("LVORM")):
            status = SalesStatus.BLOCKED
        elif C.text(m.get("VMSTA")):
            status = SalesStatus.DISCONTINUED
        else:
            status = SalesStatus.ACTIVE
        status_code = C.text(m.get("VMSTA"))
        sales_unit = C.unit_out(m.get("VRKME", "")) or base
        min_qty = C.dec(m.get("AUMNG"))
        plant = C.text(m.get("DWERK"))
    else:
        status, status_code, sales_unit, min_qty, plant = SalesStatus.NOT_IN_SALES_ORG, "", base, ZERO, ""
    return Material(
        number=C.matn1_out(matnr),
        description=C.text(g.get("MATL_DESC")),
        base_unit=base,
        sales_unit=sales_unit,
        material_type=C.text(g.get("MATL_TYPE")),
        material_group=C.text(g.get("MATL_GROUP")),
        division=C.text(g.get("DIVISION")),
        gross_weight=C.dec(weight_row.get("BRGEW") or g.get("GROSS_WT")),
        net_weight=C.dec(g.get("NET_WEIGHT")),
        weight_unit=C.unit_out(weight_row.get("GEWEI") or C.text(g.get("UNIT_OF_WT"))),
        sales_status=status,
        sales_status_code=status_code,
        minimum_order_qty=min_qty,
        delivering_plant=plant,
        units=units,
        scales=_price_scales(rfc, answer(price_record[0])) if scales and mvke else (),
    )


def price_scales(rfc: Transport, number: str, *, sales_area: SalesArea) -> tuple[PriceScale, ...]:
    """The material's list price and its quantity scale valid today (A004, then KONP and KONM):
    two round trips, which a screen can run beside ``material(..., scales=False)``."""
    return _price_scales(rfc, _price_record(rfc, C.matn1_in(number), sales_area))


def _price_record(rfc: Transport, matnr: str, area: SalesArea) -> list[Row]:
    """The material's price condition record valid today (A004, PR00)."""
    today = C.date_in(rfc.today())
    return read_table(
        rfc, "A004", ("KNUMH", "DATAB", "DATBI"),
        f"KAPPL = 'V' AND KSCHL = 'PR00' AND VKORG = {literal(area.sales_org)} "
        f"AND VTWEG = {literal(area.distr_chan)} AND MATNR = {literal(matnr)} "
        f"AND DATBI >= {literal(today)} AND DATAB <= {literal(today)}",
    )


def _price_scales(rfc: Transport, a004: list[Row]) -> tuple[PriceScale, ...]:
    if not a004:
        return ()
    knumh = a004[0]["KNUMH"]
    reads: list[Callable[[], Any]] = [
        partial(read_table, rfc, "KONP", ("KNUMH", "KOPOS", "KBETR", "KONWA", "KPEIN", "KMEIN"), f"KNUMH = {literal(knumh)}"),
        partial(attempt, partial(read_table, rfc, "KONM", ("KNUMH", "KOPOS", "KLFN1", "KSTBM", "KBETR"), f"KNUMH = {literal(knumh)}")),
    ]
    konp, konm = rfc.concurrently(reads)
    if not konp:
        return ()
    p = konp[0]
    per, unit, cur = C.dec(p.get("KPEIN") or 1), C.unit_out(p.get("KMEIN", "")), p.get("KONWA", "")
    konm = answer(konm)
    if not konm:  # no scale: one price from any quantity
        return (PriceScale(ZERO, C.dec(p.get("KBETR")), cur, per, unit),)
    # with a scale, its rows are the prices (the first row usually starts at 1)
    return tuple(
        PriceScale(C.dec(r.get("KSTBM")), C.dec(r.get("KBETR")), cur, per, unit)
        for r in sorted(konm, key=lambda r: C.dec(r.get("KSTBM")))
    )


def plants(rfc: Transport, sales_area: SalesArea) -> tuple[Plant, ...]:
    # One round trip: the plants of the area (TVKWZ) beside every plant's name (T001W, read
    # whole: a company has tens to a few thousand plants, three short fields each). Read by the
    # numbers TVKWZ gave, the names would be a second trip that the quote has to wait for.
    reads: list[Callable[[], Any]] = [
        partial(
            read_table, rfc, "TVKWZ", ("VKORG", "VTWEG", "WERKS"),
            f"VKORG = {literal(sales_area.sales_org)} AND VTWEG = {literal(sales_area.distr_chan)}",
        ),
        partial(attempt, partial(read_table, rfc, "T001W", ("WERKS", "NAME1", "ORT01"), "")),
    ]
    allowed, names = rfc.concurrently(reads)
    numbers = list(dict.fromkeys(r.get("WERKS", "") for r in allowed if r.get("WERKS")))
    if not numbers:
        return ()
    by_number = {r.get("WERKS", ""): r for r in answer(names)}
    return tuple(
        Plant(number=w, name=by_number.get(w, {}).get("NAME1", ""), city=by_number.get(w, {}).get("ORT01", ""))
        for w in numbers
    )


def availability(rfc: Transport, material: str, plant: str, unit: str, quantity: Decimal, date: dt.date) -> Availability:
    qty = C.validate_quantity(quantity)
    res = rfc.call(
        "BAPI_MATERIAL_AVAILABILITY",
        PLANT=plant,
        MATERIAL=C.matn1_in(material),
        UNIT=C.unit_in(unit),
        CHECK_RULE="A",
        WMDVSX=[{"REQ_DATE": C.date_in(date), "REQ_QTY": qty}],
    )
    msgs = messages_from(res.get("RETURN"))
    raise_for_errors(msgs)
    lines = []
    for r in res.get("WMDVEX") or []:
        d = C.date_out(r.get("COM_DATE"))
        q = C.dec(r.get("COM_QTY"))
        if d is not None and q > 0:
            lines.append(AvailabilityLine(d, q))
    return Availability(
        material=C.matn1_out(C.matn1_in(material)),
        plant=plant,
        unit=C.unit_out(unit),
        requested_quantity=qty,
        requested_date=date,
        available_at_plant=C.dec(res.get("AV_QTY_PLT")),
        confirmations=tuple(lines),
        end_of_lead_time=C.date_out(res.get("ENDLEADTME")),
        messages=msgs,
    )


# --------------------------------------------------------------------------- pricing


def simulate(rfc: Transport, draft: OrderDraft) -> Quote:
    parts = draft_input(draft)
    res = rfc.call(
        "BAPI_SALESORDER_SIMULATE",
        ORDER_HEADER_IN=order_header(draft, purch_no_c=draft.customer_po),  # BAPISDHEAD
        ORDER_ITEMS_IN=simulate_items(parts),
        ORDER_PARTNERS=parts.partners,
        ORDER_SCHEDULE_IN=parts.schedules,
    )
    return _quote_from(res, parts.item_numbers, draft, fetched_at=_now())


def _condition(r: dict[str, Any], item: str) -> Condition:
    ctype = C.text(r.get("COND_TYPE"))
    unit = C.text(r.get("CURRENCY"))
    calc = C.text(r.get("CALCTYPCON"))
    rate_unit = "%" if calc == "A" else unit
    return Condition(
        item=item,
        step=int(C.dec(r.get("COND_ST_NO"))),
        counter=int(C.dec(r.get("COND_COUNT"))),
        type=ctype,
        name=A.CONDITION_NAMES.get(ctype, ctype),
        rate=C.dec(r.get("COND_VALUE")),
        rate_unit=rate_unit,
        per=C.dec(r.get("COND_P_UNT")),
        uom=C.unit_out(C.text(r.get("COND_UNIT"))),
        value=C.dec(r.get("CONDVALUE")),
        currency=C.text(r.get("CURRENCY_2")) or unit,
        statistical=C.flag(r.get("STAT_CON")),
        inactive=C.flag(r.get("CONDISACTI")),
    )


def _is_credit_message(m: SapMessage) -> bool:
    return m.id == A.CREDIT_MESSAGE_CLASS and m.number in A.CREDIT_MESSAGE_NUMBERS


def _quote_from(res: RfcResult, item_numbers: list[str], draft: OrderDraft, *, fetched_at: dt.datetime) -> Quote:
    msgs = messages_from(res.get("MESSAGETABLE"), item_by_row=item_numbers) + messages_from(res.get("RETURN"))
    # de-duplicate: RETURN repeats a MESSAGETABLE message (without its item); keep the first,
    # which carries the item
    seen, unique = set(), []
    for m in msgs:
        key = (m.type, m.id, m.number, m.text)
        if key not in seen:
            seen.add(key)
            unique.append(m)
    per_item: dict[str, list[SapMessage]] = {}
    header_msgs = []
    for m in unique:
        if m.item:
            per_item.setdefault(m.item, []).append(m)
        else:
            header_msgs.append(m)
    conds: dict[str, list[Condition]] = {}
    for r in res.get("ORDER_CONDITION_EX") or []:
        item = C.item_out(r.get("ITM_NUMBER"))
        conds.setdefault(item, []).append(_condition(r, item))
    sched: dict[str, list[ScheduleLine]] = {}
    for r in res.get("ORDER_SCHEDULE_EX") or []:
        item = C.item_out(r.get("ITM_NUMBER"))
        sched.setdefault(item, []).append(schedule_line(r, item))
    lines = []
    currency = ""
    net_total = tax_total = ZERO
    for r in res.get("ORDER_ITEMS_OUT") or []:
        item = C.item_out(r.get("ITM_NUMBER"))
        cur = C.text(r.get("CURRENCY"))
        currency = currency or cur
        if r.get("NET_VALUE1") not in (None, ""):
            net = C.dec(r.get("NET_VALUE1"))
        else:
            net = C.numc_implied_out(r.get("NET_VALUE"), A.ITEMEX_VALUE_DECIMALS)
        tax = C.dec(r.get("TX_DOC_CUR"))
        rejected = bool(C.text(r.get("REASON_REJ")))
        if not rejected:
            net_total += net
            tax_total += tax
        qty = C.dec(r.get("REQ_QTY")) or C.dec(r.get("TARGET_QTY"))
        lines.append(
            QuoteLine(
                item=item,
                material=C.matn1_out(r.get("MATERIAL")),
                description=C.text(r.get("SHORT_TEXT")),
                quantity=qty,
                unit=C.unit_out(C.text(r.get("SALES_UNIT"))),
                plant=C.text(r.get("PLANT")),
                net_value=net,
                tax=tax,
                currency=cur,
                conditions=tuple(sorted(conds.get(item, ()), key=lambda c: (c.step, c.counter))),
                schedule=tuple(sorted(sched.get(item, ()), key=lambda s: s.line)),
                messages=tuple(per_item.get(item, ())),
                rejected=rejected,
            )
        )
    # lines SAP did not return (e.g. unknown material) still carry their messages
    returned = {line.item for line in lines}
    for item, item_msgs in per_item.items():
        if item not in returned:
            idx = item_numbers.index(item) if item in item_numbers else -1
            dl = draft.lines[idx] if idx >= 0 else None
            lines.append(
                QuoteLine(
                    item=item,
                    material=dl.material if dl else "",
                    description="",
                    quantity=C.dec(dl.quantity) if dl else ZERO,
                    unit=dl.unit if dl else "",
                    plant=dl.plant if dl else "",
                    net_value=ZERO,
                    tax=ZERO,
                    currency=currency,
                    messages=tuple(item_msgs),
                    rejected=True,
                )
            )
    lines.sort(key=lambda line: int(line.item) if line.item.isdigit() else 0)
    payer = res.get("BILLING_PARTY") or {}
    credit_msgs = tuple(m for m in unique if _is_credit_message(m))
    credit = None
    if C.text(payer.get("PAYER")) or C.text(payer.get("CRED_ACCNT")) or credit_msgs:
        credit = CreditCheck(
            account=C.alpha_out(payer.get("CRED_ACCNT") or payer.get("PAYER")),
            credit_control_area=C.text(payer.get("C_CTR_AREA")),
            currency=C.text(payer.get("CURRENCY")),
            limit=C.dec(payer.get("CRED_LIMIT")),
            receivables=C.dec(payer.get("RCVBL_VALS")),
            open_orders=C.dec(payer.get("ORDER_VALS")),
            liabilities=C.dec(payer.get("CRED_LIAB")),
            blocked=bool(credit_msgs),
            messages=credit_msgs,
        )
    sold = res.get("SOLD_TO_PARTY") or {}
    incomplete = tuple(
        C.text(r.get("FIELD_TEXT")) or C.text(r.get("FIELD_NAME")) for r in res.get("ORDER_INCOMPLETE") or []
    )
    return Quote(
        lines=tuple(lines),
        currency=currency or C.text(sold.get("CURRENCY")) or C.text(payer.get("CURRENCY")),
        net_total=net_total,
        tax_total=tax_total,
        messages=tuple(header_msgs),
        credit=credit,
        header_conditions=tuple(conds.get("", ())),
        incomplete=tuple(i for i in incomplete if i),
        fetched_at=fetched_at,
    )
