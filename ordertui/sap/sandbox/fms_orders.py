"""Function modules for sales orders (simulate, create, LUW), order lookup, deliveries,
invoices, open items and credit."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_FLOOR, Decimal

from ordertui.sap.sandbox import engine, history
from ordertui.sap.sandbox.base import CLIENT, D0, SALES_ORG, d8, parse_d8
from ordertui.sap.sandbox.fms_master import BadRange, fm, range_matcher
from ordertui.sap.sandbox.messages import bapiret1, bapiret2, bapireturn, as_bapireturn

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
                        "liab": liab, "currency": currency,
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


def commit_luw(conn) -> None:
    co = conn.company
    with co.lock:
        co.ensure("credit")
        if conn.luw:
            co.commits += 1
        for order in conn.luw:
            history.post_order(co, order)
            for it in order["items"]:
                for _d, q in it["confs"]:
                    engine.allocate(co, it["matnr"], it["werks"], q)
            key = (order["payer"], order["kkber"])
            co.new_order_value[key] = co.new_order_value.get(key, D0) + order["netwr"] + \
                order["tax"]
    conn.luw.clear()


@fm("BAPI_TRANSACTION_COMMIT")
def bapi_transaction_commit(conn, p):
    commit_luw(conn)
    return {"RETURN": {}}


@fm("BAPI_TRANSACTION_ROLLBACK")
def bapi_transaction_rollback(conn, p):
    conn.luw.clear()
    return {"RETURN": {}}


# ------------------------------------------------------------------ order lookup

def _order(co, vbeln: str):
    vbak = co.table("VBAK")
    row = vbak.first("VBELN", vbeln)
    return vbak.as_dict(row) if row else None


def _items(co, vbeln: str) -> list[dict]:
    vbap = co.table("VBAP")
    return [vbap.as_dict(r) for r in vbap.lookup("VBELN", vbeln)]


def _schedules(co, vbeln: str) -> list[dict]:
    vbep = co.table("VBEP")
    return [vbep.as_dict(r) for r in vbep.lookup("VBELN", vbeln)]


@fm("BAPI_SALESORDER_GETLIST")
def bapi_salesorder_getlist(conn, p):
    co = conn.company
    kunnr = p.get("CUSTOMER_NUMBER", "")
    vkorg = p.get("SALES_ORGANIZATION", "")
    vbak = co.table("VBAK")
    vp = vbak.pos
    kna1 = co.table("KNA1")
    sold = kna1.first("KUNNR", kunnr)
    if sold is None:
        return {"RETURN": bapireturn("E", "V1", "382", kunnr.lstrip("0")), "SALES_ORDERS": []}
    name = kna1.get(sold, "NAME1")
    date_from = p.get("DOCUMENT_DATE", "")
    date_to = p.get("DOCUMENT_DATE_TO", "")
    po20 = p.get("PURCHASE_ORDER", "")
    po35 = p.get("PURCHASE_ORDER_NUMBER", "")
    material = p.get("MATERIAL", "") or p.get("MATERIAL_LONG", "")
    out = []
    for r in vbak.lookup("KUNNR", kunnr):
        if r[vp["VKORG"]] != vkorg:
            continue
        audat = r[vp["AUDAT"]]
        if date_from and audat < date_from:
            continue
        if date_to and audat > date_to:
            continue
        if po20 and r[vp["BSTNK"]][:20] != po20:
            continue
        if po35 and r[vp["BSTNK"]] != po35:
            continue
        h = vbak.as_dict(r)
        for it in _items(co, h["VBELN"]):
            if material and it["MATNR"] != material:
                continue
            sched = _schedules(co, h["VBELN"])
            req_date = next((s["EDATU"] for s in sched if s["POSNR"] == it["POSNR"]),
                            h["VDATU"])
            out.append({"SD_DOC": h["VBELN"], "ITM_NUMBER": it["POSNR"],
                        "MATERIAL": it["MATNR"], "MATERIAL_LONG": it["MATNR"],
                        "SHORT_TEXT": it["ARKTX"], "DOC_TYPE": h["AUART"],
                        "DOC_DATE": h["AUDAT"], "REQ_QTY": it["KWMENG"], "REQ_DATE": req_date,
                        "PURCH_NO": h["BSTNK"][:20], "PURCH_NO_C": h["BSTNK"],
                        "SALES_ORG": h["VKORG"], "DISTR_CHAN": h["VTWEG"],
                        "DIVISION": h["SPART"], "SOLD_TO": h["KUNNR"], "NAME": name,
                        "NET_PRICE": it["NETPR"], "NET_VAL_HD": h["NETWR"],
                        "CURRENCY": h["WAERK"], "SALES_UNIT": it["VRKME"],
                        "PLANT": it["WERKS"], "DOC_STATUS": h["GBSTK"],
                        "CREATION_DATE": h["ERDAT"]})
    out.sort(key=lambda r: (r["SD_DOC"], r["ITM_NUMBER"]), reverse=False)
    return {"RETURN": {}, "SALES_ORDERS": out}


def _flows(co, vbeln: str) -> list[dict]:
    vbfa = co.table("VBFA")
    rows = [vbfa.as_dict(r) for r in vbfa.lookup("VBELV", vbeln)]
    subsequent = {r["VBELN"] for r in rows if r["VBTYP_N"] == "J"}
    for d in sorted(subsequent):
        rows.extend(vbfa.as_dict(r) for r in vbfa.lookup("VBELV", d))
    return rows


@fm("BAPISDORDER_GETDETAILEDLIST")
def bapisdorder_getdetailedlist(conn, p):
    co = conn.company
    view = p.get("I_BAPI_VIEW") or {}
    out = {k: [] for k in ("ORDER_HEADERS_OUT", "ORDER_ITEMS_OUT", "ORDER_SCHEDULES_OUT",
                           "ORDER_PARTNERS_OUT", "ORDER_ADDRESS_OUT", "ORDER_STATUSHEADERS_OUT",
                           "ORDER_STATUSITEMS_OUT", "ORDER_FLOWS_OUT")}
    kna1 = co.table("KNA1")
    vbpa = co.table("VBPA")
    for key in p.get("SALES_DOCUMENTS") or []:
        vbeln = key.get("VBELN", "")
        h = _order(co, vbeln)
        if h is None:
            continue
        items = _items(co, vbeln)
        if view.get("HEADER"):
            out["ORDER_HEADERS_OUT"].append({
                "DOC_NUMBER": vbeln, "REC_DATE": h["ERDAT"], "REC_TIME": h["ERZET"],
                "CREATED_BY": h["ERNAM"], "DOC_DATE": h["AUDAT"], "SD_DOC_CAT": "C",
                "TRAN_GROUP": "0", "DOC_TYPE": h["AUART"], "DLV_BLOCK": h["LIFSK"],
                "BILL_BLOCK": h["FAKSK"], "NET_VAL_HD": h["NETWR"], "CURRENCY": h["WAERK"],
                "SALES_ORG": h["VKORG"], "DISTR_CHAN": h["VTWEG"], "DIVISION": h["SPART"],
                "SALES_GRP": h["VKGRP"], "SALES_OFF": h["VKBUR"], "REQ_DATE_H": h["VDATU"],
                "SHIP_COND": h["VSBED"], "PURCH_NO": h["BSTNK"][:20],
                "PURCH_DATE": h["BSTDK"], "SOLD_TO": h["KUNNR"], "C_CTR_AREA": h["KKBER"],
                "CRED_ACCNT": h["KNKLI"], "CURR_CRED": h["WAERK"],
                "COMP_CODE": SALES_ORG.get(h["VKORG"], {}).get("bukrs", ""),
                "DOC_CAT_SD": "C", "CH_ON": h["ERDAT"]})
        if view.get("ITEM"):
            for it in items:
                out["ORDER_ITEMS_OUT"].append({
                    "DOC_NUMBER": vbeln, "ITM_NUMBER": it["POSNR"], "MATERIAL": it["MATNR"],
                    "MAT_ENTRD": it["MATWA"], "SHORT_TEXT": it["ARKTX"],
                    "ITEM_CATEG": it["PSTYV"], "REA_FOR_RE": it["ABGRU"],
                    "TARGET_QTY": it["KWMENG"], "TARGET_QU": it["VRKME"],
                    "REQ_QTY": it["KWMENG"], "CUM_REQ_DE": it["KWMENG"],
                    "CUM_CF_QTY": it["KWMENG_CF"], "SALES_UNIT": it["VRKME"],
                    "BASE_UOM": it["MEINS"], "SALES_QTY1": it["UMVKZ"],
                    "SALES_QTY2": it["UMVKN"], "NET_VALUE": it["NETWR"],
                    "NET_PRICE": it["NETPR"], "COND_P_UNT": it["KPEIN"],
                    "COND_UNIT": it["KMEIN"], "CURRENCY": it["WAERK"], "PLANT": it["WERKS"],
                    "STGE_LOC": it["LGORT"], "SHIP_POINT": it["VSTEL"],
                    "TAX_AMOUNT": it["MWSBP"], "GROSS_VAL": it["NETWR"] + it["MWSBP"],
                    "GROSS_WEIG": it["BRGEW"], "UNIT_OF_WT": it["GEWEI"],
                    "CREAT_DATE": it["ERDAT"], "DIVISION": h["SPART"],
                    "MATERIAL_LONG": it["MATNR"], "MAT_ENTRD_LONG": it["MATWA"]})
        if view.get("SDSCHEDULE"):
            for s in _schedules(co, vbeln):
                out["ORDER_SCHEDULES_OUT"].append({
                    "DOC_NUMBER": vbeln, "ITM_NUMBER": s["POSNR"], "SCHED_LINE": s["ETENR"],
                    "SCHED_TYPE": s["ETTYP"], "REQ_DATE": s["EDATU"], "REQ_QTY": s["WMENG"],
                    "CONFIR_QTY": s["BMENG"], "SALES_UNIT": s["VRKME"], "TP_DATE": s["TDDAT"],
                    "MS_DATE": s["MBDAT"], "LOAD_DATE": s["LDDAT"], "GI_DATE": s["WADAT"],
                    "DOC_CAT": "C", "REQ_DLV_BL": s["LIFSP"]})
        if view.get("PARTNER") or view.get("ADDRESS"):
            for r in vbpa.lookup("VBELN", vbeln):
                prt = vbpa.as_dict(r)
                cust = kna1.first("KUNNR", prt["KUNNR"]) if prt["KUNNR"] else None
                adrnr = kna1.get(cust, "ADRNR") if cust else ""
                if view.get("PARTNER"):
                    out["ORDER_PARTNERS_OUT"].append({
                        "SD_DOC": vbeln, "ITM_NUMBER": prt["POSNR"], "PARTN_ROLE": prt["PARVW"],
                        "CUSTOMER": prt["KUNNR"], "VENDOR_NO": prt["LIFNR"],
                        "ADDRESS": adrnr, "COUNTRY": kna1.get(cust, "LAND1") if cust else "",
                        "COUNTRYISO": kna1.get(cust, "LAND1") if cust else ""})
                if view.get("ADDRESS") and cust and not any(
                        a["ADDRESS"] == adrnr for a in out["ORDER_ADDRESS_OUT"]):
                    c = kna1.as_dict(cust)
                    out["ORDER_ADDRESS_OUT"].append({
                        "DOC_NUMBER": vbeln, "ADDRESS": adrnr, "NAME": c["NAME1"],
                        "NAME_2": c["NAME2"], "STREET": c["STRAS"], "COUNTRY": c["LAND1"],
                        "COUNTRYISO": c["LAND1"], "POSTL_CODE": c["PSTLZ"], "CITY": c["ORT01"],
                        "REGION": c["REGIO"], "TELEPHONE": c["TELF1"], "LANGU": c["SPRAS"],
                        "STREETNA": c["STRAS"]})
        if view.get("STATUS_H"):
            gm = "C" if h["LFSTK"] == "C" else ("B" if h["LFSTK"] == "B" else "A")
            out["ORDER_STATUSHEADERS_OUT"].append({
                "SD_DOC": vbeln, "DELIV_STAT": h["LFSTK"], "DLV_STAT_H": h["LFGSK"],
                "TOTGOODSMV": gm, "BILLSTATUS": h["FKSAK"], "BILLINGSTA": "",
                "OVERALLREJ": h["ABSTK"], "PRC_STAT_H": h["GBSTK"], "TOTINCOMPL": "C",
                "GENINCOMHD": "C", "CONFIRSTAT": "C", "SD_DOC_CAT": "C",
                "TOTSTATCCH": h["CMGST"], "STATCREDCH": h["CMGST"], "CH_ON": h["ERDAT"]})
        if view.get("STATUS_I"):
            for it in items:
                out["ORDER_STATUSITEMS_OUT"].append({
                    "SD_DOC": vbeln, "ITM_NUMBER": it["POSNR"], "DELIV_STAT": it["LFSTA"],
                    "DLV_STAT_I": it["LFGSA"], "GOODSMVSTA": it["LFSTA"],
                    "BILLSTATIT": it["FKSAA"], "REJSTATIT": it["ABSTA"],
                    "OVRPROCSTA": it["GBSTA"], "CONFSTATIT": "C" if it["KWMENG_CF"] >=
                    it["KWMENG"] else "B"})
        if view.get("FLOW"):
            for f in _flows(co, vbeln):
                out["ORDER_FLOWS_OUT"].append({
                    "SD_DOC": vbeln, "PRECSDDOC": f["VBELV"], "PREDITDOC": f["POSNV"],
                    "SUBSSDDOC": f["VBELN"], "SUBSITDOC": f["POSNN"],
                    "DOCCATEGOR": f["VBTYP_N"], "DOC_CAT_SD": f["VBTYP_V"],
                    "REF_QTY": f["RFMNG"], "BASE_UOM": f["MEINS"], "REFERENVAL": f["RFWRT"],
                    "STATISCURR": f["WAERS"], "CREAT_DATE": f["ERDAT"],
                    "REC_TIME": f["ERZET"]})
    return out


@fm("BAPI_SALESORDER_GETSTATUS")
def bapi_salesorder_getstatus(conn, p):
    co = conn.company
    vbeln = p.get("SALESDOCUMENT", "")
    h = _order(co, vbeln)
    if h is None:
        return {"RETURN": bapireturn("E", "V1", "302", vbeln.lstrip("0")), "STATUSINFO": []}
    lips, likp = co.table("LIPS"), co.table("LIKP")
    deliveries: dict[str, list[dict]] = {}
    for r in lips.lookup("VGBEL", vbeln):
        d = lips.as_dict(r)
        deliveries.setdefault(d["VGPOS"], []).append(d)
    sched = _schedules(co, vbeln)
    rows = []
    for it in _items(co, vbeln):
        base = {"DOC_NUMBER": vbeln, "DOC_DATE": h["AUDAT"], "PURCH_NO": h["BSTNK"][:20],
                "PURCH_NO_C": h["BSTNK"], "PRC_STAT_H": h["GBSTK"], "DLV_STAT_H": h["LFGSK"],
                "REQ_DATE_H": h["VDATU"], "DLV_BLOCK": h["LIFSK"], "ITM_NUMBER": it["POSNR"],
                "MATERIAL": it["MATNR"], "MATERIAL_LONG": it["MATNR"],
                "SHORT_TEXT": it["ARKTX"],
                "REQ_DATE": next((s["EDATU"] for s in sched if s["POSNR"] == it["POSNR"]), ""),
                "REQ_QTY": it["KWMENG"], "CUM_CF_QTY": it["KWMENG_CF"],
                "SALES_UNIT": it["VRKME"], "NET_VALUE": it["NETWR"], "CURRENCY": it["WAERK"],
                "NET_PRICE": it["NETPR"], "COND_P_UNT": it["KPEIN"], "COND_UNIT": it["KMEIN"],
                "DLV_STAT_I": it["LFGSA"], "REA_FOR_RE": it["ABGRU"],
                "CREATION_DATE": h["ERDAT"], "CREATION_TIME": h["ERZET"]}
        dl = deliveries.get(it["POSNR"]) or []
        if not dl:
            rows.append(base)
        for d in dl:
            hd = likp.first("VBELN", d["VBELN"])
            row = dict(base)
            row.update({"DELIV_NUMB": d["VBELN"], "DELIV_ITEM": d["POSNR"],
                        "DELIV_DATE": (likp.get(hd, "WADAT_IST") or likp.get(hd, "LFDAT"))
                        if hd else "", "DLV_QTY": d["LFIMG"], "REF_QTY": d["LFIMG"],
                        "S_UNIT_DLV": d["VRKME"]})
            rows.append(row)
    return {"RETURN": {}, "STATUSINFO": rows}


# ------------------------------------------------------------------ deliveries, billing, FI

@fm("BAPI_DELIVERY_GETLIST")
def bapi_delivery_getlist(conn, p):
    co = conn.company
    likp, lips, vbpa, vbfa = (co.table("LIKP"), co.table("LIPS"), co.table("VBPA"),
                              co.table("VBFA"))
    control = p.get("IS_DLV_DATA_CONTROL") or {}
    ranges = p.get("IT_VBELN") or []
    org_ranges = p.get("IT_VKORG") or []
    if not ranges and not org_ranges:
        return {"RETURN": []}
    try:
        match = range_matcher(ranges, "DELIV_NUMB_LOW", "DELIV_NUMB_HIGH")
        org_match = range_matcher(org_ranges, "SALESORG_LOW", "SALESORG_HIGH")
    except BadRange as exc:
        r = exc.msg
        return {"RETURN": [bapiret2("E", r["CODE"][:2], r["CODE"][2:], r["MESSAGE_V1"])]}
    from ordertui.sap.sandbox.fms_master import eq_values  # noqa: PLC0415
    eq = eq_values(ranges, "DELIV_NUMB_LOW")
    rows = [r for v in sorted(eq) for r in likp.lookup("VBELN", v)] if eq is not None \
        else likp.rows
    headers, items, partners, flows = [], [], [], []
    lp = likp.pos
    for r in rows:
        if not match(r[lp["VBELN"]]) or not org_match(r[lp["VKORG"]]):
            continue
        h = likp.as_dict(r)
        headers.append({"MANDT": CLIENT, "VBELN": h["VBELN"], "ERNAM": "SHIPPING",
                        "ERZET": h["ERZET"], "ERDAT": h["ERDAT"], "VSTEL": h["VSTEL"],
                        "VKORG": h["VKORG"], "LFART": h["LFART"], "WADAT": h["WADAT"],
                        "LDDAT": h["LDDAT"], "LFDAT": h["LFDAT"], "KODAT": h["KODAT"],
                        "ROUTE": h["ROUTE"], "LIFSK": h["LIFSK"], "VBTYP": "J",
                        "KUNNR": h["KUNNR"], "KUNAG": h["KUNAG"], "WADAT_IST": h["WADAT_IST"],
                        "BOLNR": h["BOLNR"], "TRAID": h["TRAID"], "BTGEW": h["BTGEW"],
                        "GEWEI": h["GEWEI"], "VSBED": h["VSBED"]})
        if control.get("ITEM"):
            for it in lips.lookup("VBELN", h["VBELN"]):
                d = lips.as_dict(it)
                items.append({"VBELN": d["VBELN"], "POSNR": d["POSNR"], "MATNR": d["MATNR"],
                              "LFIMG": d["LFIMG"], "MEINS": d["MEINS"], "CHARG": d["CHARG"],
                              "ARKTX": d["ARKTX"], "VRKME": d["VRKME"], "WERKS": d["WERKS"],
                              "VGBEL": d["VGBEL"], "VGPOS": d["VGPOS"]})
        if control.get("HEAD_PARTNER"):
            for pr in vbpa.lookup("VBELN", h["VBELN"]):
                d = vbpa.as_dict(pr)
                partners.append({"VBELN": d["VBELN"], "PARVW": d["PARVW"], "KUNNR": d["KUNNR"],
                                 "LIFNR": d["LIFNR"], "ADRNR": d["ADRNR"]})
        if control.get("DOC_FLOW"):
            for f in vbfa.lookup("VBELN", h["VBELN"]):
                d = vbfa.as_dict(f)
                flows.append({"VBELN": d["VBELN"], "VBTYP_N": d["VBTYP_N"],
                              "VBELV": d["VBELV"], "POSNV": d["POSNV"], "POSNN": d["POSNN"],
                              "VBTYP_V": d["VBTYP_V"]})
            for f in vbfa.lookup("VBELV", h["VBELN"]):
                d = vbfa.as_dict(f)
                flows.append({"VBELN": d["VBELN"], "VBTYP_N": d["VBTYP_N"],
                              "VBELV": d["VBELV"], "POSNV": d["POSNV"], "POSNN": d["POSNN"],
                              "VBTYP_V": d["VBTYP_V"]})
    return {"ET_DELIVERY_HEADER": headers, "ET_DELIVERY_ITEM": items,
            "ET_DELIVERY_PARTNER": partners, "ET_DOCUMENT_FLOW": flows, "RETURN": []}


@fm("BAPI_BILLINGDOC_GETDETAIL")
def bapi_billingdoc_getdetail(conn, p):
    co = conn.company
    vbeln = p.get("BILLINGDOCUMENT", "")
    vbrk = co.table("VBRK")
    row = vbrk.first("VBELN", vbeln)
    if row is None:
        return {"RETURN": bapiret2("E", "VF", "011", vbeln.lstrip("0"))}
    h = vbrk.as_dict(row)
    return {"BILLINGDOCUMENTDETAIL": {
        "BILLINGDOC": vbeln, "BILL_TYPE": h["FKART"], "BILLCATEG": h["FKTYP"],
        "SD_DOC_CAT": h["VBTYP"], "CURRENCY": h["WAERK"], "CURRENCY_ISO": h["WAERK"],
        "ACCTSTATUS": h["RFBSK"], "NET_VALUE": h["NETWR"], "TAX_VALUE": h["MWSBK"],
        "CANCELLED": h["FKSTO"]},
        "RETURN": {"TYPE": "", "ID": "", "NUMBER": "000", "MESSAGE": "", "LOG_NO": "",
                   "LOG_MSG_NO": "000000", "MESSAGE_V1": "", "MESSAGE_V2": "", "MESSAGE_V3": "",
                   "MESSAGE_V4": "", "PARAMETER": "", "ROW": 0, "FIELD": "", "SYSTEM": ""}}


@fm("BAPI_AR_ACC_GETOPENITEMS")
def bapi_ar_acc_getopenitems(conn, p):
    co = conn.company
    bukrs, kunnr = p.get("COMPANYCODE", ""), p.get("CUSTOMER", "")
    keydate = p.get("KEYDATE", "") or d8(co.today)
    knb1 = co.table("KNB1")
    if not any(knb1.get(r, "BUKRS") == bukrs for r in knb1.lookup("KUNNR", kunnr)):
        return {"RETURN": bapireturn("E", "F2", "503", kunnr.lstrip("0"), bukrs),
                "LINEITEMS": []}
    bsid = co.table("BSID")
    items = []
    for r in bsid.lookup("KUNNR", kunnr):
        b = bsid.as_dict(r)
        if b["BUKRS"] != bukrs or b["BUDAT"] > keydate:
            continue
        items.append({"COMP_CODE": bukrs, "CUSTOMER": kunnr, "SP_GL_IND": "",
                      "CLEAR_DATE": "", "ALLOC_NMBR": b["VBELN"], "FISC_YEAR": b["GJAHR"],
                      "DOC_NO": b["BELNR"], "ITEM_NUM": b["BUZEI"], "PSTNG_DATE": b["BUDAT"],
                      "DOC_DATE": b["BLDAT"], "CURRENCY": b["WAERS"],
                      "REF_DOC_NO": b["XBLNR"], "DOC_TYPE": b["BLART"],
                      "POST_KEY": "01" if b["SHKZG"] == "S" else "11",
                      "DB_CR_IND": b["SHKZG"], "LC_AMOUNT": b["DMBTR"],
                      "AMT_DOCCUR": b["WRBTR"], "ITEM_TEXT": b["SGTXT"],
                      "BLINE_DATE": b["ZFBDT"], "NETTERMS": b["ZBD3T"],
                      "DSCT_DAYS1": b["ZBD1T"], "DSCT_DAYS2": b["ZBD2T"],
                      "DUNN_LEVEL": b["MANST"], "LAST_DUNN": b["MADAT"]})
    return {"RETURN": {}, "LINEITEMS": items}


@fm("BAPI_CREDIT_ACCOUNT_GET_STATUS")
def bapi_credit_account_get_status(conn, p):
    co = conn.company
    kkber, kunnr = p.get("CREDITCONTROLAREA", ""), p.get("CUSTOMER", "")
    acct = engine.credit_account(co, kunnr, kkber)
    if acct is None:
        return {"RETURN": bapiret1("E", "F2", "152", kunnr.lstrip("0"), kkber),
                "CREDIT_ACCOUNT_DETAIL": [], "CREDIT_ACCOUNT_OPEN_ITEMS": []}
    limit, rcvbl, order_vals, liab = engine.exposure(co, kunnr, kkber)
    currency = next((o["currency"] for o in SALES_ORG.values() if o["kkber"] == kkber), "")
    bsid = co.table("BSID")
    bukrs = next((o["bukrs"] for o in SALES_ORG.values() if o["kkber"] == kkber), "")
    oldest_overdue = 0
    open_total = D0
    for r in bsid.lookup("KUNNR", kunnr):
        b = bsid.as_dict(r)
        if b["BUKRS"] != bukrs:
            continue
        open_total += b["DMBTR"]
        due = parse_d8(b["ZFBDT"]) + dt.timedelta(days=int(b["ZBD3T"]))
        oldest_overdue = max(oldest_overdue, (co.today - due).days)
    stamp = d8(co.today) + "120000"
    return {
        "RETURN": {},
        "CREDIT_ACCOUNT_DETAIL": [{
            "LOGICAL_SYS": "SBXCLNT100", "CUSTMR_NO": kunnr, "C_CTR_AREA": kkber,
            "CURRENT_PAYER_ONLY": "", "TIMESTAMP": stamp, "CURRENCY": currency,
            "CRED_LIMIT": limit, "RCVBL_VALS": rcvbl, "ORDER_VALS": order_vals,
            "CRED_EXPOSURE": liab, "CRED_LIAB": liab,
            "CRED_LIM_USED": (liab / limit * 100).quantize(Decimal("0.01")) if limit else D0,
            "CRED_BLOCK": acct["CRBLB"], "RISK_CATEG": acct["CTLPC"]}],
        "CREDIT_ACCOUNT_OPEN_ITEMS": [{
            "LOGICAL_SYS": "SBXCLNT100", "CUSTMR_NO": kunnr, "C_CTR_AREA": kkber,
            "CURRENT_PAYER_ONLY": "", "NET_ARRERS": Decimal(max(0, oldest_overdue)),
            "TIMESTAMP": stamp, "OPEN_ITEMS": open_total, "CURRENCY": currency}],
    }
