"""Function modules for system info, users, customers, materials and RFC_READ_TABLE."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from ordertui.sap.sandbox import ddic, engine, errors, where
from ordertui.sap.sandbox.base import SALES_ORG, d8, parse_d8
from ordertui.sap.sandbox.messages import bapiret1, bapiret2, bapireturn

SYSID = "SBX"
RELEASE = "758"

HANDLERS = {}


def fm(name):
    def register(func):
        HANDLERS[name] = func
        return func
    return register


# ------------------------------------------------------------------ ranges and patterns

def sap_pattern(pattern: str, single: str = "+") -> re.Pattern:
    """An SAP CP pattern ('*' any string, '+' one character, '#' the escape: '#*' is a '*', '##'
    a '#') as a regex. A '#' at the very end stands for itself."""
    out = []
    chars = iter(pattern)
    for ch in chars:
        if ch == "#":
            out.append(re.escape(next(chars, "#")))
        elif ch == "*":
            out.append(".*")
        elif ch == single:
            out.append(".")
        else:
            out.append(re.escape(ch))
    return re.compile("".join(out) + r"\Z", re.S)


def has_wildcard(pattern: str) -> bool:
    """Whether a CP pattern holds an unescaped '*' or '+' (without one, CP compares like EQ)."""
    chars = iter(pattern)
    for ch in chars:
        if ch == "#":
            next(chars, None)
        elif ch in "*+":
            return True
    return False


class BadRange(Exception):
    def __init__(self, msg):
        super().__init__(msg)
        self.msg = msg


def range_matcher(rows: list[dict], low: str, high: str, conv=lambda s: s):
    """A predicate for SELECT-OPTIONS style ranges (SIGN/OPTION/LOW/HIGH)."""
    incl, excl = [], []
    for r in rows:
        sign = r.get("SIGN", "I") or "I"
        option = r.get("OPTION", "EQ") or "EQ"
        if sign not in ("I", "E"):
            raise BadRange(bapireturn("E", "S&", "026", sign))
        if option not in ("EQ", "NE", "GT", "GE", "LT", "LE", "BT", "NB", "CP", "NP"):
            raise BadRange(bapireturn("E", "S&", "027", option))
        lo, hi = r.get(low, ""), r.get(high, "")
        if option in ("CP", "NP"):  # without a wildcard CP compares like EQ, escapes still apply
            rx = sap_pattern(lo)
            test = (lambda v, rx=rx: rx.match(v) is not None) if option == "CP" else (
                lambda v, rx=rx: rx.match(v) is None)
        else:
            lo_c, hi_c = conv(lo), conv(hi)
            test = {
                "EQ": lambda v, a=lo_c: v == a, "NE": lambda v, a=lo_c: v != a,
                "GT": lambda v, a=lo_c: v > a, "GE": lambda v, a=lo_c: v >= a,
                "LT": lambda v, a=lo_c: v < a, "LE": lambda v, a=lo_c: v <= a,
                "BT": lambda v, a=lo_c, b=hi_c: a <= v <= b,
                "NB": lambda v, a=lo_c, b=hi_c: not a <= v <= b,
            }[option]
        (incl if sign == "I" else excl).append(test)

    def match(value: str) -> bool:
        if incl and not any(t(value) for t in incl):
            return False
        return not any(t(value) for t in excl)

    return match


def eq_values(rows: list[dict], low: str) -> set[str] | None:
    """The values when every range row is 'I EQ' (so an index can be used), else None."""
    if rows and all((r.get("SIGN") or "I") == "I" and (r.get("OPTION") or "EQ") == "EQ"
                    for r in rows):
        return {r.get(low, "") for r in rows}
    return None


# ------------------------------------------------------------------ basis

@fm("RFC_PING")
def rfc_ping(conn, p):
    return {}


@fm("RFC_SYSTEM_INFO")
def rfc_system_info(conn, p):
    return {"RFCSI_EXPORT": {
        "RFCPROTO": "011", "RFCCHARTYP": "4103", "RFCINTTYP": "LIT", "RFCFLOTYP": "IE3",
        "RFCDEST": f"sapsbx_{SYSID}_00", "RFCHOST": "sapsbx", "RFCSYSID": SYSID,
        "RFCDBHOST": "sapsbxdb", "RFCDBSYS": "HDB", "RFCSAPRL": RELEASE, "RFCMACH": "  390",
        "RFCOPSYS": "Linux", "RFCTZONE": "     0", "RFCDAYST": "", "RFCIPADDR": "10.0.0.10",
        "RFCKERNRL": "793", "RFCIPV6ADDR": "::ffff:10.0.0.10"},
        "CURRENT_RESOURCES": 8, "MAXIMAL_RESOURCES": 10, "RECOMMENDED_DELAY": 0}


@fm("STFC_CONNECTION")
def stfc_connection(conn, p):
    now = dt.datetime.now()
    return {"ECHOTEXT": p.get("REQUTEXT", ""),
            "RESPTEXT": f"SAP R/3 Rel. {RELEASE}   Sysid: {SYSID}      "
                        f"Date: {d8(conn.company.today)}   Time: {now:%H%M%S}   "
                        f"Logon_Data: {conn.client}/{conn.user}/{conn.language}"}


USER_DEFAULTS = {"VKO": ("1000", "Sales Organization"), "VTW": ("10", "Distribution Channel"),
                 "SPA": ("00", "Division"), "WRK": ("1000", "Plant"),
                 "VKB": ("1000", "Sales Office")}
HAMBURG_DEFAULTS = {"VKO": ("2000", "Sales Organization"), "VTW": ("10", "Distribution Channel"),
                    "SPA": ("00", "Division"), "WRK": ("2000", "Plant"),
                    "VKB": ("2000", "Sales Office")}


def known_user(conn, name: str) -> bool:
    return name == conn.user or name in ("ORDERDESK", "DEVELOPER", "HAMBURG", "TRAINEE")


@fm("BAPI_USER_GET_DETAIL")
def bapi_user_get_detail(conn, p):
    user = p.get("USERNAME", "")
    if not known_user(conn, user):
        return {"RETURN": [bapiret2("E", "01", "124", user)]}
    params = HAMBURG_DEFAULTS if user == "HAMBURG" else USER_DEFAULTS
    first, last = {"HAMBURG": ("Jens", "Krüger")}.get(user, ("Order", "Desk"))
    return {
        "ADDRESS": {"FIRSTNAME": first, "LASTNAME": last, "FULLNAME": f"{first} {last}",
                    "DEPARTMENT": "Inside Sales", "FUNCTION": "Order taker",
                    "E_MAIL": f"{user.lower()}@sandbox.example.com", "TEL1_NUMBR": "937-555-0199",
                    "COUNTRY": "DE" if user == "HAMBURG" else "US", "LANGU": conn.language},
        "DEFAULTS": {"LANGU": conn.language, "DATFM": "2", "DCPFM": "X", "TIMEFM": "0",
                     "SPLD": "LOCL", "START_MENU": ""},
        "LOGONDATA": {"GLTGV": "20200101", "GLTGB": "", "USTYP": "A", "CLASS": "SALES",
                      "TZONE": "EST"},
        "COMPANY": {"COMPANY": "SANDBOX"},
        "PARAMETER": [{"PARID": k, "PARVA": v, "PARTXT": t} for k, (v, t) in params.items()],
        "RETURN": [],
    }


# ------------------------------------------------------------------ customers

def _kna1(conn, kunnr: str) -> dict | None:
    t = conn.company.table("KNA1")
    row = t.first("KUNNR", kunnr)
    return t.as_dict(row) if row else None


def _areas(conn, kunnr: str) -> list[dict]:
    t = conn.company.table("KNVV")
    return [t.as_dict(r) for r in t.lookup("KUNNR", kunnr)]


@fm("BAPI_CUSTOMER_FIND")
def bapi_customer_find(conn, p):
    sel = p.get("SELOPT_TAB") or []
    placeholders = p.get("PL_HOLD", "") == "X"
    max_cnt = p.get("MAX_CNT", 0)
    co = conn.company
    kna1 = co.table("KNA1")
    tests = []
    candidates = None
    comp_code = ""
    for row in sel:
        tab = row.get("TABNAME", "") or "KNA1"
        field = row.get("FIELDNAME", "")
        value = row.get("FIELDVALUE", "")
        comp_code = row.get("COMP_CODE", "") or comp_code
        if tab != "KNA1" or field not in kna1.pos:
            return {"RETURN": bapiret1("E", "BC", "001", field, tab), "RESULT_TAB": []}
        pos = kna1.pos[field]
        if placeholders and has_wildcard(value):
            rx = sap_pattern(value)
            tests.append(lambda r, pos=pos, rx=rx: rx.match(r[pos]) is not None)
        else:
            stored = value.rstrip()
            if field == "KUNNR":
                stored = stored.zfill(10) if stored.isdigit() else stored
            found = kna1.lookup(field, stored)
            if candidates is None:
                candidates = found
            else:
                keep = {id(r) for r in found}
                candidates = [r for r in candidates if id(r) in keep]
    rows = kna1.rows if candidates is None else candidates
    hits = []
    for r in rows:
        if all(t(r) for t in tests):
            hits.append(r)
            if max_cnt and len(hits) >= max_cnt:
                break
    first = sel[0] if sel else {}
    knb1 = co.table("KNB1")
    out = []
    p_k, p_sperr, p_loevm = kna1.pos["KUNNR"], kna1.pos["SPERR"], kna1.pos["LOEVM"]
    for r in hits:
        blk_c = del_c = ""
        if comp_code:
            for b in knb1.lookup("KUNNR", r[p_k]):
                if knb1.get(b, "BUKRS") == comp_code:
                    blk_c, del_c = knb1.get(b, "SPERR"), knb1.get(b, "LOEVM")
        out.append({"COMP_CODE": comp_code, "TABNAME": first.get("TABNAME", "KNA1"),
                    "FIELDNAME": first.get("FIELDNAME", ""),
                    "FIELDVALUE": first.get("FIELDVALUE", ""), "CUSTOMER": r[p_k],
                    "PSTG_BLK_G": r[p_sperr], "PSTG_BLK_C": blk_c, "DEL_FLAG_G": r[p_loevm],
                    "DEL_FLAG_C": del_c})
    return {"RESULT_TAB": out, "RETURN": {}}


@fm("BAPI_CUSTOMER_GETDETAIL2")
def bapi_customer_getdetail2(conn, p):
    kunnr = p.get("CUSTOMERNO", "")
    row = _kna1(conn, kunnr)
    if row is None:
        return {"RETURN": bapiret1("E", "F2", "502", kunnr.lstrip("0"))}
    adr6 = conn.company.table("ADR6")
    email = ""
    for r in adr6.lookup("ADDRNUMBER", row["ADRNR"]):
        if not adr6.get(r, "PERSNUMBER"):
            email = adr6.get(r, "SMTP_ADDR")
    if p.get("COMPANYCODE"):
        knb1 = conn.company.table("KNB1")
        if not any(knb1.get(b, "BUKRS") == p["COMPANYCODE"] for b in knb1.lookup("KUNNR",
                                                                                   kunnr)):
            return {"RETURN": bapiret1("E", "F2", "503", kunnr.lstrip("0"), p["COMPANYCODE"])}
    return {"CUSTOMERADDRESS": {"CUSTOMER": kunnr, "NAME": row["NAME1"], "NAME_2": row["NAME2"],
                                "CITY": row["ORT01"], "POSTL_COD1": row["PSTLZ"],
                                "STREET": row["STRAS"], "COUNTRY": row["LAND1"],
                                "REGION": row["REGIO"], "TELEPHONE1": row["TELF1"],
                                "E_MAIL": email, "LANGU_P": row["SPRAS"]},
            "RETURN": {}}


@fm("BAPI_CUSTOMER_GETSALESAREAS")
def bapi_customer_getsalesareas(conn, p):
    kunnr = p.get("CUSTOMERNO", "")
    areas = _areas(conn, kunnr)
    if not areas:
        return {"RETURN": bapireturn("E", "QC", "160", kunnr.lstrip("0")), "SALESAREAS": []}
    ret = bapireturn("S", "", "")
    ret.update(CODE="", MESSAGE="")
    return {"RETURN": ret, "SALESAREAS": [
        {"CUSTOMER": kunnr, "SALESORG": a["VKORG"], "DISTRCHANN": a["VTWEG"],
         "DIVISION": a["SPART"]} for a in areas]}


@fm("BAPI_CUSTOMER_GETLIST")
def bapi_customer_getlist(conn, p):
    try:
        match = range_matcher(p.get("IDRANGE") or [], "LOW", "HIGH")
    except BadRange as exc:
        r = exc.msg
        return {"RETURN": bapiret1(r["TYPE"], r["CODE"][:2], r["CODE"][2:], r["MESSAGE_V1"]),
                "ADDRESSDATA": [], "SPECIALDATA": []}
    kna1 = conn.company.table("KNA1")
    values = eq_values(p.get("IDRANGE") or [], "LOW")
    rows = [r for v in values for r in kna1.lookup("KUNNR", v)] if values is not None \
        else kna1.rows
    pk = kna1.pos["KUNNR"]
    hits = [kna1.as_dict(r) for r in rows if match(r[pk])]
    if p.get("CPDONLY") == "X":
        hits = [h for h in hits if h["KTOKD"] == "CPD"]
    hits.sort(key=lambda h: h["KUNNR"])
    if p.get("MAXROWS"):
        hits = hits[:p["MAXROWS"]]
    if not hits:
        return {"RETURN": bapiret1("E", "F2", "718"), "ADDRESSDATA": [], "SPECIALDATA": []}
    return {"RETURN": {}, "ADDRESSDATA": [
        {"CUSTOMER": h["KUNNR"], "NAME": h["NAME1"], "CITY": h["ORT01"],
         "POSTL_COD1": h["PSTLZ"], "STREET": h["STRAS"], "COUNTRY": h["LAND1"]} for h in hits]}


@fm("BAPI_CUSTOMER_EXISTENCECHECK")
def bapi_customer_existencecheck(conn, p):
    kunnr = p.get("CUSTOMERNO", "")
    bare = kunnr.lstrip("0")
    if _kna1(conn, kunnr) is None:
        return {"RETURN": bapiret1("I", "F2", "502", bare)}
    bukrs = p.get("COMPANYCODE", "")
    if bukrs:
        knb1 = conn.company.table("KNB1")
        if not any(knb1.get(b, "BUKRS") == bukrs for b in knb1.lookup("KUNNR", kunnr)):
            return {"RETURN": bapiret1("I", "F2", "503", bare, bukrs)}
    area = (p.get("SALES_ORGANIZATION", ""), p.get("DISTRIBUTION_CHANNEL", ""),
            p.get("DIVISION", ""))
    if any(area) and not all(area):
        return {"RETURN": bapiret1("I", "F2", "267")}
    if all(area) and not any((a["VKORG"], a["VTWEG"], a["SPART"]) == area
                             for a in _areas(conn, kunnr)):
        return {"RETURN": bapiret1("I", "F2", "156", bare, *area)}
    return {"RETURN": {}}


# ------------------------------------------------------------------ materials

@fm("BAPI_MATERIAL_GETLIST")
def bapi_material_getlist(conn, p):
    co = conn.company
    mara, makt, mvke = co.table("MARA"), co.table("MAKT"), co.table("MVKE")
    try:
        m_sel = p.get("MATNRSELECTION") or []
        d_sel = [dict(r, DESCR_LOW=r.get("DESCR_LOW", "").upper(),
                      DESCR_HIGH=r.get("DESCR_HIGH", "").upper())
                 for r in p.get("MATERIALSHORTDESCSEL") or []]
        o_sel = p.get("SALESORGANISATIONSELECTION") or []
        c_sel = p.get("DISTRIBUTIONCHANNELSELECTION") or []
        w_sel = p.get("PLANTSELECTION") or []
        m_match = range_matcher(m_sel, "MATNR_LOW", "MATNR_HIGH")
        d_match = range_matcher(d_sel, "DESCR_LOW", "DESCR_HIGH")
        o_match = range_matcher(o_sel, "SALESORG_LOW", "SALESORG_HIGH")
        c_match = range_matcher(c_sel, "DISTR_CHAN_LOW", "DISTR_CHAN_HIGH")
        w_match = range_matcher(w_sel, "PLANT_LOW", "PLANT_HIGH")
    except BadRange as exc:
        r = exc.msg
        return {"RETURN": [bapiret2("E", r["CODE"][:2], r["CODE"][2:], r["MESSAGE_V1"])]}
    eq = eq_values(m_sel, "MATNR_LOW")
    numbers = sorted(eq) if eq is not None else co.material_numbers + co.extra_material_numbers
    pm = mvke.pos
    out = []
    maxrows = p.get("MAXROWS", 0)
    for matnr in numbers:
        if not mara.first("MATNR", matnr) or not m_match(matnr):
            continue
        mk = makt.first("MATNR", matnr)
        desc = makt.get(mk, "MAKTX") if mk else ""
        if d_sel and not d_match(makt.get(mk, "MAKTG") if mk else ""):
            continue
        if o_sel or c_sel or w_sel:
            areas = mvke.lookup("MATNR", matnr)
            if not any(o_match(a[pm["VKORG"]]) and c_match(a[pm["VTWEG"]]) and (
                    not w_sel or any(w_match(w) for w in SALES_ORG[a[pm["VKORG"]]]["plants"]))
                       for a in areas):
                continue
        out.append({"MATERIAL": matnr, "MATL_DESC": desc,
                    "MATERIAL_EXTERNAL": matnr.lstrip("0") if matnr.isdigit() else matnr})
        if maxrows and len(out) >= maxrows:
            break
    return {"MATNRLIST": out, "RETURN": []}


@fm("BAPI_MATERIAL_GET_DETAIL")
def bapi_material_get_detail(conn, p):
    co = conn.company
    matnr = p.get("MATERIAL", "")
    mara = co.table("MARA")
    row = mara.first("MATNR", matnr)
    if row is None:
        return {"RETURN": bapireturn("E", "M3", "305", matnr.lstrip("0"))}
    m = mara.as_dict(row)
    mk = co.table("MAKT").first("MATNR", matnr)
    return {"MATERIAL_GENERAL_DATA": {
        "MATL_DESC": co.table("MAKT").get(mk, "MAKTX") if mk else "", "MATL_TYPE": m["MTART"],
        "MATL_GROUP": m["MATKL"], "BASE_UOM": m["MEINS"], "DIVISION": m["SPART"],
        "GROSS_WT": m["BRGEW"], "NET_WEIGHT": m["NTGEW"], "UNIT_OF_WT": m["GEWEI"],
        "DEL_FLAG": m["LVORM"]},
        "RETURN": {}}


@fm("BAPI_MATERIAL_AVAILABILITY")
def bapi_material_availability(conn, p):
    co = conn.company
    matnr, werks, unit = p.get("MATERIAL", ""), p.get("PLANT", ""), p.get("UNIT", "")
    if not co.table("MARA").first("MATNR", matnr):
        return {"RETURN": bapireturn("E", "M3", "305", matnr.lstrip("0"))}
    if werks not in co.plants():
        return {"RETURN": bapireturn("E", "M3", "305", matnr.lstrip("0"))}
    per = engine.units(co, matnr).get(unit)
    if per is None:
        return {"RETURN": bapireturn("E", "V1", "043", unit, matnr.lstrip("0"))}
    factor = per[0] / per[1]
    stock, receipts, lead = co.stock(matnr, werks)
    end_lead = co.today + dt.timedelta(days=lead)
    rows = p.get("WMDVSX") or []
    out = []
    flag = ""
    if rows and rows[0].get("REQ_QTY"):
        n = 0
        wanted_total = Decimal(0)
        for req in rows:
            req_date = parse_d8(req.get("REQ_DATE", "")) or co.today
            qty_base = Decimal(req["REQ_QTY"]) * factor
            wanted_total += qty_base
            confs, _ = engine.atp(co, matnr, werks, qty_base, req_date)
            on_time = sum((q for d, q in confs if d <= req_date), Decimal(0))
            if on_time < qty_base:  # not (fully) available on the requested date
                flag = "X"
            if not confs:
                n += 1
                out.append({"BDCNT": n, "REQ_DATE": d8(req_date), "REQ_QTY": req["REQ_QTY"],
                            "COM_DATE": d8(end_lead), "COM_QTY": Decimal(0)})
            for i, (date, qty) in enumerate(confs):
                n += 1
                out.append({"BDCNT": n, "REQ_DATE": d8(req_date),
                            "REQ_QTY": req["REQ_QTY"] if i == 0 else Decimal(0),
                            "COM_DATE": d8(date), "COM_QTY": (qty / factor).quantize(
                                Decimal("0.001"))})
    else:
        start = parse_d8(rows[0].get("REQ_DATE", "")) if rows else None
        start = start or co.today
        allocated = co.allocated.get((matnr, werks), Decimal(0))
        supply = [(co.today, stock)] + sorted(receipts)
        n = 0
        for date, qty in supply:
            take = min(qty, allocated)
            allocated -= take
            qty -= take
            if qty <= 0:
                continue
            n += 1
            out.append({"BDCNT": n, "REQ_DATE": d8(max(date, start)), "REQ_QTY": Decimal(0),
                        "COM_DATE": d8(max(date, start)),
                        "COM_QTY": (qty / factor).quantize(Decimal("0.001"))})
    available = max(Decimal(0), stock - co.allocated.get((matnr, werks), Decimal(0)))
    return {"AV_QTY_PLT": (available / factor).quantize(Decimal("0.001")),
            "ENDLEADTME": d8(end_lead), "DIALOGFLAG": flag, "WMDVEX": out, "RETURN": {}}


# ------------------------------------------------------------------ RFC_READ_TABLE

@fm("RFC_READ_TABLE")
def rfc_read_table(conn, p):
    name = p.get("QUERY_TABLE", "")
    if name not in ddic.TABLE_DEFS:
        raise errors.abap_exception("TABLE_NOT_AVAILABLE", "SV", "029", name)
    table = conn.company.table(name)
    delimiter = p.get("DELIMITER", "").strip()  # space = fixed width, as in SAP
    wanted = [f.get("FIELDNAME", "") for f in (p.get("FIELDS") or [])]
    if not wanted:
        chosen = list(table.fields)
    else:
        chosen = []
        for fname in wanted:
            if fname not in table.pos:
                raise errors.abap_exception("FIELD_NOT_VALID", message=f"FIELD_NOT_VALID {fname}")
            chosen.append(table.fields[table.pos[fname]])
    offset = 0
    fields_out = []
    for i, f in enumerate(chosen):
        if i and delimiter:
            offset += len(delimiter)
        fields_out.append({"FIELDNAME": f.name, "OFFSET": f"{offset:06d}",
                           "LENGTH": f"{f.out_length:06d}", "TYPE": f.type,
                           "FIELDTEXT": f.text})
        offset += f.out_length
    if offset > 512 or (not wanted and name in ddic.WIDER_THAN_512):
        raise errors.abap_exception("DATA_BUFFER_EXCEEDED", "AD", "559",
                                    message="DATA_BUFFER_EXCEEDED")
    clause = " ".join((o.get("TEXT", "") for o in (p.get("OPTIONS") or []))).strip()
    try:
        node = where.parse(clause, table.pos)
        pred = where.compile_predicate(node, table)
        ids = where.candidates(node, table)
    except where.OptionNotValid as exc:
        raise errors.abap_exception("OPTION_NOT_VALID", message=f"OPTION_NOT_VALID {exc}") \
            from None
    if p.get("NO_DATA") == "X":
        return {"FIELDS": fields_out, "DATA": [], "OPTIONS": p.get("OPTIONS") or []}
    rows = table.rows if ids is None else ids
    skip = p.get("ROWSKIPS", 0) or 0
    count = p.get("ROWCOUNT", 0) or 0
    positions = [(table.pos[f.name], f) for f in chosen]
    data = []
    for row in rows:
        if not pred(row):
            continue
        if skip:
            skip -= 1
            continue
        data.append({"WA": delimiter.join(f.text_of(row[pos]) for pos, f in positions)
                     .rstrip()})
        if count and len(data) >= count:
            break
    return {"FIELDS": fields_out, "DATA": data, "OPTIONS": p.get("OPTIONS") or []}
