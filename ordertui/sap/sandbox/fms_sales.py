"""Function modules of sales document processing: BAPI_SALESORDER_SIMULATE,
BAPI_SALESORDER_CREATEFROMDAT2 and the LUW (BAPI_TRANSACTION_COMMIT / _ROLLBACK).

``evaluate`` checks and prices an order like SAP's sales document processing, for both calls;
``commit_luw`` posts what CREATEFROMDAT2 registered in a connection's LUW. Reading orders and
their follow-on documents is in ``fms_orders``.
"""

from __future__ import annotations

import datetime as dt
import time
import weakref
from decimal import ROUND_FLOOR, Decimal

from ordertui.sap.sandbox import engine, history
from ordertui.sap.sandbox.base import D0, SALES_ORG, d8, parse_d8
from ordertui.sap.sandbox.fms_master import fm
from ordertui.sap.sandbox.messages import as_bapireturn, bapiret2

CONVERT_ROLES = {"SP": "AG", "SH": "WE", "BP": "RE", "PY": "RG"}
CONVERT_TYPES = {"OR": "TA"}
DOC_TYPE_TEXT = {"TA": "Standard Order"}
Q3 = Decimal("0.001")


def _numc_qty(value: str) -> Decimal:
    """BAPIITEMIN REQ_QTY/TARGET_QTY: NUMC with 3 implied decimals."""
    return (Decimal(int(value or "0")) / 1000) if value else D0


def _numc_value(value: Decimal, digits: int) -> str:
    """BAPIITEMEX legacy NUMC value fields: 2 implied decimals."""
    return str(int((value * 100).to_integral_value())).zfill(digits)[-digits:]


class _Fatal(Exception):
    pass


def evaluate(conn, header: dict, items: list[dict], partners: list[dict], convert: bool
             ) -> dict:
    """Check and price an order like SAP's sales document processing.

    items: [{itm, material, entered, qty, unit, plant, req_date, short_text}] (qty in sales
    unit, may be None). Returns a dict with 'messages' (BAPIRET2), 'errors', 'order', 'items',
    'parties', 'credit'."""
    co = conn.company
    msgs: list[dict] = []
    result = {"messages": msgs, "errors": False, "items": [], "order": None, "parties": {},
              "credit": None}

    def err(*args, **kw):
        msgs.append(bapiret2("E", *args, **kw))
        result["errors"] = True

    try:
        doc_type = header.get("DOC_TYPE", "")
        if convert:
            doc_type = CONVERT_TYPES.get(doc_type, doc_type)
        if doc_type != "TA":
            err("V1", "010", header.get("DOC_TYPE", ""), parameter="SALES_HEADER_IN",
                field="DOC_TYPE")
            raise _Fatal
        roles = {}
        for prt in partners:
            role = prt.get("PARTN_ROLE", "")
            if convert:
                role = CONVERT_ROLES.get(role, role)
            if prt.get("ITM_NUMBER", "000000").strip("0") == "":
                roles.setdefault(role, prt.get("PARTN_NUMB", ""))
        kna1 = co.table("KNA1")
        sold_to = roles.get("AG", "")
        if not sold_to:
            err("VP", "112", parameter="PARTNERS")
            raise _Fatal
        sold_row = kna1.first("KUNNR", sold_to)
        if sold_row is None:
            err("V1", "382", sold_to.lstrip("0"), parameter="PARTNERS")
            raise _Fatal
        sold = kna1.as_dict(sold_row)
        knvv = co.table("KNVV")
        areas = [knvv.as_dict(r) for r in knvv.lookup("KUNNR", sold_to)]
        vkorg = header.get("SALES_ORG", "")
        vtweg = header.get("DISTR_CHAN", "")
        spart = header.get("DIVISION", "")
        if not (vkorg and vtweg and spart) and len(areas) == 1:
            vkorg = vkorg or areas[0]["VKORG"]
            vtweg = vtweg or areas[0]["VTWEG"]
            spart = spart or areas[0]["SPART"]
        area = next((a for a in areas if (a["VKORG"], a["VTWEG"], a["SPART"]) ==
                     (vkorg, vtweg, spart)), None)
        if area is None or vkorg not in SALES_ORG:
            err("VS", "406", sold_to.lstrip("0"), vkorg, vtweg, spart, parameter="PARTNERS")
            raise _Fatal
        if sold["AUFSD"] or area["AUFSD"] or sold["LOEVM"]:
            err("V1", "462", sold_to.lstrip("0"),
                sold["AUFSD"] or area["AUFSD"] or "LOEVM", parameter="PARTNERS")
            raise _Fatal
        knvp = co.table("KNVP")
        kp = knvp.pos
        partner_rows = [r for r in knvp.lookup("KUNNR", sold_to) if r[kp["VKORG"]] == vkorg]
        ship_to = roles.get("WE") or next((r[kp["KUNN2"]] for r in partner_rows
                                           if r[kp["PARVW"]] == "WE" and r[kp["DEFPA"]]),
                                          sold_to)
        ship_row = kna1.first("KUNNR", ship_to)
        if ship_row is None:
            err("V1", "382", ship_to.lstrip("0"), parameter="PARTNERS")
            raise _Fatal
        ship = kna1.as_dict(ship_row)
        payer = roles.get("RG") or next((r[kp["KUNN2"]] for r in partner_rows
                                         if r[kp["PARVW"]] == "RG"), sold_to)
        bill_to = roles.get("RE") or next((r[kp["KUNN2"]] for r in partner_rows
                                           if r[kp["PARVW"]] == "RE"), sold_to)
        payer_row = kna1.first("KUNNR", payer)
        payer_d = kna1.as_dict(payer_row) if payer_row else sold
        result["parties"] = {"sold": sold, "ship": ship, "payer": payer_d, "area": area}
        msgs.append(bapiret2("S", "V4", "233", "VBAKKOM", parameter="SALES_HEADER_IN"))
    except _Fatal:
        return result

    currency = SALES_ORG[vkorg]["currency"]
    vsbed = header.get("SHIP_COND") or area["VSBED"]
    req_date_h = parse_d8(header.get("REQ_DATE_H", "")) or co.today
    mara, mvke, makt = co.table("MARA"), co.table("MVKE"), co.table("MAKT")
    mp = mvke.pos
    order_items = []
    total_net = total_tax = D0
    for row_no, it in enumerate(items, start=1):
        itm = it["itm"] or f"{row_no * 10:06d}"
        matnr = it["material"]
        label = matnr.lstrip("0") if matnr.isdigit() else matnr
        if not mara.first("MATNR", matnr):
            err("M3", "305", label, parameter="SALES_ITEM_IN", row=row_no, field="MATERIAL")
            continue
        mv = next((r for r in mvke.lookup("MATNR", matnr)
                   if r[mp["VKORG"]] == vkorg and r[mp["VTWEG"]] == vtweg), None)
        if mv is None:
            err("V1", "141", label, vkorg, vtweg, conn.language, parameter="SALES_ITEM_IN",
                row=row_no, field="MATERIAL")
            continue
        if mv[mp["VMSTA"]]:
            err("V1", "028", label, mv[mp["VMSTA"]], parameter="SALES_ITEM_IN", row=row_no,
                field="MATERIAL")
            continue
        qty = it["qty"]
        if qty is None or qty <= 0:
            err("V1", "055", str(int(itm)), parameter="SALES_ITEM_IN", row=row_no,
                field="REQ_QTY")
            continue
        info = co.mat_info[matnr]
        unit = it["unit"] or mv[mp["VRKME"]] or info["base"]
        conv = engine.units(co, matnr).get(unit)
        if conv is None:
            err("V1", "043", unit, label, parameter="SALES_ITEM_IN", row=row_no,
                field="SALES_UNIT")
            continue
        factor = conv[0] / conv[1]
        qty_base = qty * factor
        plant = it["plant"] or mv[mp["DWERK"]] or area["VWERK"]
        pr = engine.price_item(co, vkorg, sold_to, matnr, qty_base, ship["LAND1"],
                               ship["REGIO"], vsbed)
        if pr is None:
            err("V1", "141", label, vkorg, vtweg, conn.language, parameter="SALES_ITEM_IN",
                row=row_no)
            continue
        req_date = it["req_date"] or req_date_h
        confs, end_lead = engine.atp(co, matnr, plant, qty_base, req_date)
        if factor != 1:  # confirm whole sales units only
            confs = [(d, (q / factor).to_integral_value(ROUND_FLOOR) * factor) for d, q in confs]
            confs = [(d, q) for d, q in confs if q > 0]
        sched = []
        first_conf = confs[0][1] if confs and confs[0][0] <= req_date else D0
        sched.append((d8(req_date), qty, (first_conf / factor).quantize(Q3)))
        for d, q in confs:
            if d > req_date:
                sched.append((d8(d), D0, (q / factor).quantize(Q3)))
        cf_qty = sum((s[2] for s in sched), D0)
        mk = makt.first("MATNR", matnr)
        desc = it.get("short_text") or (makt.get(mk, "MAKTX") if mk else "")
        order_items.append(dict(
            posnr=itm, matnr=matnr, matwa=it.get("entered") or matnr, arktx=desc, qty=qty,
            vrkme=unit, meins=info["base"], umvkz=conv[0], umvkn=conv[1], netwr=pr["net"],
            netpr=pr["net_price"], kpein=pr["per"], kmein=pr["price_unit"], werks=plant,
            mwsbp=pr["tax"], brgew=pr["weight"].quantize(Q3), cf_qty=cf_qty, schedules=sched,
            price=pr, qty_base=qty_base, confs=confs, end_lead=end_lead, row=row_no,
            req_date=req_date))
        msgs.append(bapiret2("S", "V4", "233", "VBAPKOM", itm, parameter="SALES_ITEM_IN",
                             row=row_no))
        total_net += pr["net"]
        total_tax += pr["tax"]
    result["items"] = order_items

    # credit check against the payer's credit account
    kkber = SALES_ORG[vkorg]["kkber"]
    limit, rcvbl, order_vals, liab = engine.exposure(co, payer, kkber)
    acct = engine.credit_account(co, payer, kkber)
    result["credit"] = {"kkber": kkber, "limit": limit, "rcvbl": rcvbl, "order_vals": order_vals,
                        "liab": engine.special_liabilities(co, payer, kkber), "currency": currency,
                        "risk": acct["CTLPC"] if acct else "", "account": payer}
    cmgst = "A" if acct else ""
    if acct and acct["CRBLB"]:
        err("V1", "154", parameter="SALES_HEADER_IN")
        cmgst = "B"
    elif acct and order_items and liab + total_net + total_tax > limit:
        over = liab + total_net + total_tax - limit
        msgs.append(bapiret2("W", "V1", "150", str(engine.r2(over)), currency,
                             parameter="SALES_HEADER_IN"))
        cmgst = "B"
    po = header.get("PURCH_NO_C") or header.get("PURCH_NO", "")
    if po:
        vbak = co.table("VBAK")
        vp = vbak.pos
        for r in vbak.lookup("KUNNR", sold_to):
            if r[vp["BSTNK"]] == po:
                msgs.append(bapiret2("W", "V4", "115", po, r[vp["VBELN"]].lstrip("0"),
                                     parameter="SALES_HEADER_IN"))
                break
    if not items:
        err("V1", "055", "000000", parameter="SALES_ITEM_IN")
    result["order"] = dict(
        vbeln="", erdat=d8(co.today), erzet=dt.datetime.now().strftime("%H%M%S"),
        ernam=conn.user[:12], vkorg=vkorg, vtweg=vtweg, spart=spart, kunnr=sold_to,
        ship_to=ship_to, bill_to=bill_to, payer=payer, currency=currency, vdatu=d8(req_date_h),
        vsbed=vsbed, bstnk=po, bstdk=header.get("PURCH_DATE", ""),
        zterm=header.get("PMNTTRMS") or area["ZTERM"],
        inco1=header.get("INCOTERMS1") or area["INCO1"],
        inco2=header.get("INCOTERMS2") or area["INCO2"], kkber=kkber, cmgst=cmgst,
        land1=ship["LAND1"], netwr=total_net, tax=total_tax, items=order_items)
    return result


def _party_structs(res: dict) -> dict:
    parties = res["parties"]
    if not parties:
        return {}
    sold, ship, payer, area = parties["sold"], parties["ship"], parties["payer"], parties["area"]
    credit = res["credit"] or {}
    return {
        "SOLD_TO_PARTY": {"SOLD_TO": sold["KUNNR"], "NAME": sold["NAME1"],
                          "STREET": sold["STRAS"], "POSTL_CODE": sold["PSTLZ"],
                          "CITY": sold["ORT01"], "LANGU": sold["SPRAS"],
                          "COUNTRY": sold["LAND1"], "TELEPHONE": sold["TELF1"],
                          "ORDER_BLCK": sold["AUFSD"] or area["AUFSD"], "PRC_PROCED": "1",
                          "CUST_GROUP": area["KDGRP"], "PRICE_GRP": area["KONDA"],
                          "INCOTERMS1": area["INCO1"], "INCOTERMS2": area["INCO2"],
                          "CURRENCY": area["WAERS"], "SHIP_COND": area["VSBED"],
                          "DLV_BLOCK": area["LIFSD"], "SALES_OFF": area["VKBUR"],
                          "SALES_GRP": area["VKGRP"], "SALES_DIST": area["BZIRK"]},
        "SHIP_TO_PARTY": {"SHIP_TO": ship["KUNNR"], "NAME": ship["NAME1"],
                          "STREET": ship["STRAS"], "POSTL_CODE": ship["PSTLZ"],
                          "CITY": ship["ORT01"], "LANGU": ship["SPRAS"],
                          "DEST_CNTRY": ship["LAND1"], "REGION": ship["REGIO"],
                          "TELEPHONE": ship["TELF1"], "DLV_PLANT": area["VWERK"],
                          "ORDER_BLCK": ship["AUFSD"], "SHIP_COND": area["VSBED"],
                          "ACCNT_GRP": ship["KTOKD"]},
        "BILLING_PARTY": {"PAYER": payer["KUNNR"], "NAME": payer["NAME1"],
                          "STREET": payer["STRAS"], "POSTL_CODE": payer["PSTLZ"],
                          "CITY": payer["ORT01"], "LANGU": payer["SPRAS"],
                          "COUNTRY": payer["LAND1"], "TELEPHONE": payer["TELF1"],
                          "C_CTR_AREA": credit.get("kkber", ""),
                          "CRED_ACCNT": credit.get("account", ""),
                          "CRED_LIMIT": credit.get("limit", D0),
                          "ORDER_VALS": credit.get("order_vals", D0),
                          "RCVBL_VALS": credit.get("rcvbl", D0),
                          "CRED_LIAB": credit.get("liab", D0),
                          "CURRENCY": credit.get("currency", ""),
                          "RISK_CATEG": credit.get("risk", ""), "PMNTTRMS": area["ZTERM"],
                          "ORDER_BLCK": payer["AUFSD"], "BILL_BLOCK": payer["FAKSD"]},
    }


STEP = {"PR00": "010", "ZPR1": "011", "K004": "020", "K007": "030", "KF00": "100",
        "MWST": "900"}
CALC = {"PR00": "C", "ZPR1": "C", "K004": "A", "K007": "A", "KF00": "D", "MWST": "A"}


def _simulate_outputs(res: dict, header: dict) -> dict:
    items_out, sched_out, cond_out = [], [], []
    po = header.get("PURCH_NO_C") or header.get("PURCH_NO", "")
    for it in res["items"]:
        pr = it["price"]
        gross, disc, freight = pr["gross"], pr["discounted"], pr["freight"]
        subtotals = [gross, disc, freight, pr["net"], pr["tax"], pr["net"] + pr["tax"]]
        first_conf = it["schedules"][0][2]
        out = {"ITM_NUMBER": it["posnr"], "MATERIAL": it["matnr"], "MAT_ENTRD": it["matwa"],
               "SHORT_TEXT": it["arktx"], "NET_VALUE": _numc_value(pr["net"], 15),
               "CURRENCY": pr["currency"], "SALES_UNIT": it["vrkme"],
               "QTY_REQ_DT": str(int(first_conf * 1000)).zfill(13),
               "DLV_DATE": d8(it["confs"][0][0]) if it["confs"] else d8(it["end_lead"]),
               "REPL_TIME": str(max(0, (it["end_lead"] - it["req_date"]).days)).zfill(3)[-3:],
               "PURCH_NO_C": po, "NET_VALUE1": pr["net"], "REQ_QTY": it["qty"],
               "PLANT": it["werks"], "TX_DOC_CUR": pr["tax"], "TARGET_QTY": it["qty"],
               "TARGET_QU": it["vrkme"], "ITEM_CATEG": "TAN", "SHIP_POINT": it["werks"],
               "MATERIAL_LONG": it["matnr"], "MAT_ENTRD_LONG": it["matwa"]}
        for n, v in enumerate(subtotals, start=1):
            out[f"SUBTOTAL_{n}"] = _numc_value(v, 15)
            out[f"SUBTOTAL{n}"] = v
        items_out.append(out)
        for n, (date, req, conf) in enumerate(it["schedules"], start=1):
            sched_out.append({"ITM_NUMBER": it["posnr"], "SCHED_LINE": f"{n:04d}",
                              "SCHED_TYPE": "CP", "REQ_DATE": date, "REQ_QTY": req,
                              "CONFIR_QTY": conf, "SALES_UNIT": it["vrkme"],
                              "BASE_UOM": it["meins"], "REQ_QTY1": req,
                              "TP_DATE": date, "MS_DATE": date, "LOAD_DATE": date,
                              "GI_DATE": date, "DOC_CAT": "C", "REQ_TYPE": "041",
                              "AVAIL_CON": "X" if conf else ""})
        for c in pr["conditions"]:
            base = {"PR00": it["qty_base"], "ZPR1": it["qty_base"], "K004": gross,
                    "K007": gross, "KF00": pr["weight"], "MWST": pr["net"]}[c["type"]]
            cond_out.append({
                "ITM_NUMBER": it["posnr"], "COND_ST_NO": STEP[c["type"]], "COND_COUNT": "01",
                "COND_TYPE": c["type"], "COND_VALUE": c["rate"], "CURRENCY": c["currency"],
                "COND_UNIT": c["unit"], "COND_P_UNT": c["per"], "APPLICATIO": "V",
                "CONPRICDAT": d8(it["req_date"]), "CALCTYPCON": CALC[c["type"]],
                "CONBASEVAL": base, "NUMCONVERT": Decimal(1), "DENOMINATO": Decimal(1),
                "CONDVALUE": c["value"], "CURRENCY_2": pr["currency"],
                "CONDISACTI": c.get("inactive", ""), "CONDCLASS": c["cls"],
                "CONDCNTRL": "A", "CONDORIGIN": "A", "ACCESS_SEQ": "01",
                "CURRENCKEY": pr["currency"]})
    return {"ORDER_ITEMS_OUT": items_out, "ORDER_SCHEDULE_EX": sched_out,
            "ORDER_CONDITION_EX": cond_out}


def _schedule_totals(schedules) -> tuple[dict[str, Decimal], dict[str, dt.date]]:
    """Requested quantity (summed) and first requested date per item from schedule-line rows."""
    sched_qty: dict[str, Decimal] = {}
    sched_date: dict[str, dt.date] = {}
    for s in schedules or []:
        k = s.get("ITM_NUMBER", "000000")
        if s.get("REQ_QTY") is not None:
            sched_qty[k] = sched_qty.get(k, D0) + s["REQ_QTY"]
        if parse_d8(s.get("REQ_DATE", "")):
            sched_date.setdefault(k, parse_d8(s["REQ_DATE"]))
    return sched_qty, sched_date


def _items_from_itemin(rows, schedules) -> list[dict]:
    sched_qty, sched_date = _schedule_totals(schedules)
    items = []
    for r in rows:
        itm = r.get("ITM_NUMBER", "")
        itm = "" if not itm.strip("0") else itm
        if itm in sched_qty:
            qty = sched_qty[itm]
        elif r.get("REQ_QTY"):
            qty = _numc_qty(r["REQ_QTY"])
        elif r.get("TARGET_QTY"):
            qty = _numc_qty(r["TARGET_QTY"])
        else:
            qty = None
        items.append({"itm": itm, "material": r.get("MATERIAL") or r.get("MATERIAL_LONG", ""),
                      "entered": r.get("MATERIAL") or r.get("MATERIAL_LONG", ""), "qty": qty,
                      "unit": r.get("SALES_UNIT", ""), "plant": r.get("PLANT", ""),
                      "req_date": parse_d8(r.get("REQ_DATE", "")) or sched_date.get(itm),
                      "short_text": r.get("SHORT_TEXT", "")})
    return items


@fm("BAPI_SALESORDER_SIMULATE")
def bapi_salesorder_simulate(conn, p):
    header = p.get("ORDER_HEADER_IN") or {}
    items = _items_from_itemin(p.get("ORDER_ITEMS_IN") or [], p.get("ORDER_SCHEDULE_IN"))
    res = evaluate(conn, header, items, p.get("ORDER_PARTNERS") or [],
                   p.get("CONVERT_PARVW_AUART") == "X")
    out = {"MESSAGETABLE": res["messages"], "SALESDOCUMENT": ""}
    errors = [m for m in res["messages"] if m["TYPE"] in ("E", "A")]
    out["RETURN"] = as_bapireturn(errors[0]) if errors else {}
    out.update(_party_structs(res))
    if res["order"] is not None:
        out.update(_simulate_outputs(res, header))
    return out


def _items_from_sditm(rows, schedules) -> list[dict]:
    sched_qty, sched_date = _schedule_totals(schedules)
    items = []
    for r in rows:
        itm = r.get("ITM_NUMBER", "")
        itm = "" if not itm.strip("0") else itm
        qty = sched_qty.get(itm)
        if qty is None:
            qty = r.get("TARGET_QTY")
        items.append({"itm": itm, "material": r.get("MATERIAL") or r.get("MATERIAL_LONG", ""),
                      "entered": r.get("MAT_ENTRD") or r.get("MATERIAL") or "",
                      "qty": qty, "unit": r.get("SALES_UNIT") or r.get("TARGET_QU", ""),
                      "plant": r.get("PLANT", ""), "req_date": sched_date.get(itm),
                      "short_text": r.get("SHORT_TEXT", "")})
    return items


@fm("BAPI_SALESORDER_CREATEFROMDAT2")
def bapi_salesorder_createfromdat2(conn, p):
    header = dict(p.get("ORDER_HEADER_IN") or {})
    items = _items_from_sditm(p.get("ORDER_ITEMS_IN") or [], p.get("ORDER_SCHEDULES_IN"))
    res = evaluate(conn, header, items, p.get("ORDER_PARTNERS") or [], p.get("CONVERT") == "X")
    msgs = res["messages"]
    if res["errors"] or res["order"] is None:
        msgs.append(bapiret2("E", "V4", "219", parameter="SALES_HEADER_IN"))
        return {"RETURN": msgs, "SALESDOCUMENT": ""}
    if p.get("TESTRUN") == "X":
        return {"RETURN": msgs, "SALESDOCUMENT": ""}
    co = conn.company
    with co.lock:
        co.ensure("history")
        number = co.next_order
        co.next_order += 1
    vbeln = f"{number:010d}"
    order = res["order"]
    order["vbeln"] = vbeln
    for it in order["items"]:
        it["lfsta"] = "A"
        it["fksaa"] = "A"
        it["gbsta"] = "A"
    order["gbstk"] = "A"
    conn.luw.append(order)
    msgs.append(bapiret2("S", "V1", "311", DOC_TYPE_TEXT["TA"], str(number),
                         parameter="SALES_HEADER_IN"))
    return {"RETURN": msgs, "SALESDOCUMENT": vbeln}


def _post(co, orders: list[dict]) -> None:
    """Write committed orders to the database: tables, stock allocations, credit exposure."""
    for order in orders:
        history.post_order(co, order)
        for it in order["items"]:
            for _d, q in it["confs"]:
                engine.allocate(co, it["matnr"], it["werks"], q)
        key = (order["payer"], order["kkber"])
        co.new_order_value[key] = co.new_order_value.get(key, D0) + order["netwr"] + \
            order["tax"]


#: Orders committed but not yet posted by the update task, per system: [(due, orders)].
_update_queue: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def commit_luw(conn, *, update_delay: float = 0.0) -> None:
    """COMMIT WORK for the connection's LUW.

    ``update_delay`` > 0 hands the orders to the "update task" instead (fault
    ``commit-lands-late``): they reach the database — and every connection's view — only
    ``update_delay`` seconds later, when the next call of any connection finds them due
    (``post_due_updates``)."""
    co = conn.company
    with co.lock:
        co.ensure("credit")
        if conn.luw:
            co.commits += 1  # counted at once: tests drop a system with updates still queued
            if update_delay > 0:
                due = time.monotonic() + update_delay
                _update_queue.setdefault(co, []).append((due, list(conn.luw)))
            else:
                _post(co, conn.luw)
    conn.luw.clear()


def post_due_updates(co) -> None:
    """Post the queued updates whose time has come (called before every call is served)."""
    queue = _update_queue.get(co)
    if not queue:
        return
    now = time.monotonic()
    with co.lock:
        due = [orders for at, orders in queue if at <= now]
        queue[:] = [(at, orders) for at, orders in queue if at > now]
        for orders in due:
            _post(co, orders)


@fm("BAPI_TRANSACTION_COMMIT")
def bapi_transaction_commit(conn, p):
    commit_luw(conn)
    return {"RETURN": {}}


@fm("BAPI_TRANSACTION_ROLLBACK")
def bapi_transaction_rollback(conn, p):
    conn.luw.clear()
    return {"RETURN": {}}
