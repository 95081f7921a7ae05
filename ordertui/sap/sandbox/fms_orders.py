"""Function modules that read sales documents and what follows them: order lookup
(BAPI_SALESORDER_GETLIST, BAPISDORDER_GETDETAILEDLIST, BAPI_SALESORDER_GETSTATUS), deliveries,
invoices, open items and credit. Simulate, create and the LUW are in ``fms_sales``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ordertui.sap.sandbox import engine
from ordertui.sap.sandbox.base import CLIENT, D0, SALES_ORG, d8, parse_d8
from ordertui.sap.sandbox.fms_master import BadRange, fm, range_matcher
from ordertui.sap.sandbox.messages import bapiret1, bapiret2, bapireturn

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
    limit, rcvbl, order_vals, total = engine.exposure(co, kunnr, kkber)
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
            "CRED_EXPOSURE": total, "CRED_LIAB": engine.special_liabilities(co, kunnr, kkber),
            "CRED_LIM_USED": (total / limit * 100).quantize(Decimal("0.01")) if limit else D0,
            "CRED_BLOCK": acct["CRBLB"], "RISK_CATEG": acct["CTLPC"]}],
        "CREDIT_ACCOUNT_OPEN_ITEMS": [{
            "LOGICAL_SYS": "SBXCLNT100", "CUSTMR_NO": kunnr, "C_CTR_AREA": kkber,
            "CURRENT_PAYER_ONLY": "", "NET_ARRERS": Decimal(max(0, oldest_overdue)),
            "TIMESTAMP": stamp, "OPEN_ITEMS": open_total, "CURRENCY": currency}],
    }
