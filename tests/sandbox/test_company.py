"""The sandbox company: well-known records, pricing, availability, credit, determinism."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ordertui.sap.sandbox.company import Company
from ordertui.sap.sandbox.company_customers import EXTRA_CUSTOMERS
from ordertui.sap.sandbox.company_materials import EXTRA_MATERIALS

from .conftest import TODAY

AREA = {"DOC_TYPE": "TA", "SALES_ORG": "1000", "DISTR_CHAN": "10", "DIVISION": "00"}


def simulate(conn, sold_to, lines, header=None, **kw):
    items = [{"ITM_NUMBER": f"{(i + 1) * 10:06d}", "MATERIAL": m, "REQ_QTY": str(int(q * 1000))}
             | ({"SALES_UNIT": u} if u else {}) for i, (m, q, u) in enumerate(lines)]
    return conn.call("BAPI_SALESORDER_SIMULATE", ORDER_HEADER_IN=header or AREA,
                     ORDER_ITEMS_IN=items,
                     ORDER_PARTNERS=[{"PARTN_ROLE": "AG", "PARTN_NUMB": sold_to}], **kw)


def msg_ids(messages):
    return {(m["TYPE"], m["ID"], m["NUMBER"]) for m in messages}


def test_customer_10023_maria_and_her_ship_tos(conn):
    res = conn.call("RFC_READ_TABLE", QUERY_TABLE="KNVP", DELIMITER="|",
                    FIELDS=[{"FIELDNAME": "PARVW"}, {"FIELDNAME": "KUNN2"}],
                    OPTIONS=[{"TEXT": "KUNNR = '0000010023' AND VKORG = '1000'"},
                             {"TEXT": "AND PARVW = 'WE'"}])
    ship_tos = [r["WA"].split("|")[1] for r in res["DATA"]]
    assert len(ship_tos) == 4 and "0000010023" in ship_tos
    cities = conn.call("RFC_READ_TABLE", QUERY_TABLE="KNA1", DELIMITER="|",
                       FIELDS=[{"FIELDNAME": "ORT01"}, {"FIELDNAME": "KTOKD"}],
                       OPTIONS=[{"TEXT": "KUNNR IN ( " + ", ".join(
                           f"'{s}'" for s in ship_tos) + " )"}])["DATA"]
    assert ["Dayton", "0002"] in [[v.strip() for v in r["WA"].split("|")] for r in cities]
    contacts = conn.call("RFC_READ_TABLE", QUERY_TABLE="KNVK", DELIMITER="|",
                         FIELDS=[{"FIELDNAME": "NAMEV"}, {"FIELDNAME": "NAME1"}],
                         OPTIONS=[{"TEXT": "KUNNR = '0000010023'"}])["DATA"]
    assert contacts[0]["WA"].startswith("Maria")
    areas = conn.call("BAPI_CUSTOMER_GETSALESAREAS", CUSTOMERNO="0000010023")["SALESAREAS"]
    assert [a["SALESORG"] for a in areas] == ["1000"]


def _rows(conn, table, fields, where=""):
    res = conn.call("RFC_READ_TABLE", QUERY_TABLE=table, DELIMITER="|",
                    FIELDS=[{"FIELDNAME": f} for f in fields],
                    OPTIONS=[{"TEXT": where}] if where else [])
    return [tuple(v.strip() for v in r["WA"].split("|")) for r in res["DATA"]]


def test_every_contact_function_and_department_has_texts_in_english_and_german(system, conn):
    knvk = system.table("KNVK")
    functions = {knvk.get(r, "PAFKT") for r in knvk.rows}
    departments = {knvk.get(r, "ABTNR") for r in knvk.rows}
    assert functions and departments
    for table, field, used in (("TPFKT", "PAFKT", functions), ("TSABT", "ABTNR", departments)):
        for lang in ("E", "D"):
            texts = {code: text for _l, code, text in _rows(conn, table, ("SPRAS", field, "VTEXT"),
                                                             f"SPRAS = '{lang}'")}
            assert used <= set(texts) and all(texts.values())
    assert ("E", "05", "Accounts payable") in _rows(conn, "TPFKT", ("SPRAS", "PAFKT", "VTEXT"))
    assert ("E", "0004", "Accounting") in _rows(conn, "TSABT", ("SPRAS", "ABTNR", "VTEXT"))


def test_contact_person_partner_points_at_a_contact_of_the_customer(conn):
    (ap,) = _rows(conn, "KNVP", ("PARVW", "KUNN2", "PARNR"),
                  "KUNNR = '0000010023' AND VKORG = '1000' AND PARVW = 'AP'")
    assert ap[1] == "" and int(ap[2]) > 0
    (contact,) = _rows(conn, "KNVK", ("KUNNR", "NAMEV"), f"PARNR = '{ap[2]}'")
    assert contact == ("0000010023", "Maria")


def test_customer_find_is_case_sensitive_on_name1_upper_on_match_codes(conn):
    def find(field, value):
        return [r["CUSTOMER"] for r in conn.call(
            "BAPI_CUSTOMER_FIND", PL_HOLD="X", MAX_CNT=50,
            SELOPT_TAB=[{"TABNAME": "KNA1", "FIELDNAME": field, "FIELDVALUE": value}])[
            "RESULT_TAB"]]
    assert "0000010023" in find("MCOD1", "MIAMI VALLEY*")
    assert find("MCOD1", "miami valley*") == []
    assert "0000010023" in find("NAME1", "Miami Valley*")
    assert find("NAME1", "MIAMI VALLEY*") == []
    assert "0000010023" in find("MCOD3", "SPRINGFIELD")
    assert find("KUNNR", "10023") == ["0000010023"]
    assert len(find("MCOD3", "*")) == 50


def test_simulate_prices_confirms_and_shows_customer_price(conn):
    res = simulate(conn, "0000010023", [("HB-12-200", Decimal(200), "ST"),
                                        ("000000000000100100", Decimal(12), "KAR")])
    assert res["RETURN"]["TYPE"] == ""
    assert ("S", "V4", "233") in msg_ids(res["MESSAGETABLE"])
    conds = {(c["ITM_NUMBER"], c["COND_TYPE"]): c for c in res["ORDER_CONDITION_EX"]}
    assert conds[("000010", "ZPR1")]["CONDVALUE"] == Decimal("156.000000000")  # 0.78 per piece
    assert conds[("000010", "PR00")]["CONDISACTI"] == "X"
    assert conds[("000010", "MWST")]["COND_VALUE"] == Decimal("5.750000000")  # Ohio
    item = res["ORDER_ITEMS_OUT"][0]
    assert item["NET_VALUE1"] == item["SUBTOTAL4"]
    assert item["NET_VALUE"] == str(int(item["NET_VALUE1"] * 100)).zfill(15)
    sched = [(s["ITM_NUMBER"], s["REQ_DATE"], s["REQ_QTY"], s["CONFIR_QTY"])
             for s in res["ORDER_SCHEDULE_EX"]]
    today = TODAY.strftime("%Y%m%d")
    later = (TODAY + dt.timedelta(days=7)).strftime("%Y%m%d")
    assert ("000010", today, Decimal("200.000"), Decimal("200.000")) in sched
    # the blue adhesive: 8 cases now, 4 more a week later (scenario 1)
    assert [s for s in sched if s[0] == "000020"] == [
        ("000020", today, Decimal("12.000"), Decimal("8.000")),
        ("000020", later, Decimal("0.000"), Decimal("4.000"))]
    payer = res["BILLING_PARTY"]
    # CRED_LIAB is KNKK-SSOBL (special liabilities: none for 10023), one part of the exposure
    assert payer["CRED_LIMIT"] > payer["RCVBL_VALS"] + payer["ORDER_VALS"] > 0 and payer["CURRENCY"] == "USD"
    assert payer["CRED_LIAB"] == 0


def test_req_qty_has_three_implied_decimals(conn):
    res = conn.call("BAPI_SALESORDER_SIMULATE", ORDER_HEADER_IN=AREA,
                    ORDER_ITEMS_IN=[{"ITM_NUMBER": "000010", "MATERIAL": "HB-38-100",
                                     "REQ_QTY": "0000000009001", "SALES_UNIT": "ST"}],
                    ORDER_PARTNERS=[{"PARTN_ROLE": "AG", "PARTN_NUMB": "0000010140"}])
    assert res["ORDER_ITEMS_OUT"][0]["REQ_QTY"] == Decimal("9.001")


def test_external_codes_need_the_convert_flag(conn):
    header = dict(AREA, DOC_TYPE="OR")
    partners = [{"PARTN_ROLE": "SP", "PARTN_NUMB": "0000010023"}]
    items = [{"ITM_NUMBER": "000010", "MATERIAL": "HB-38-100", "REQ_QTY": "1000"}]
    bad = conn.call("BAPI_SALESORDER_SIMULATE", ORDER_HEADER_IN=header, ORDER_ITEMS_IN=items,
                    ORDER_PARTNERS=partners)
    assert bad["RETURN"]["TYPE"] == "E"
    good = conn.call("BAPI_SALESORDER_SIMULATE", ORDER_HEADER_IN=header, ORDER_ITEMS_IN=items,
                     ORDER_PARTNERS=partners, CONVERT_PARVW_AUART="X")
    assert good["RETURN"]["TYPE"] == "" and good["SOLD_TO_PARTY"]["SOLD_TO"] == "0000010023"


@pytest.mark.parametrize("sold_to, lines, expected", [
    ("0000010050", [("HB-38-100", Decimal(100000), "ST")], ("W", "V1", "150")),  # over limit
    ("0000010060", [("HB-38-100", Decimal(10), "ST")], ("E", "V1", "154")),      # credit block
    ("0000010070", [("HB-38-100", Decimal(10), "ST")], ("E", "V1", "462")),      # order block
    ("0000010120", [("HB-38-100", Decimal(10), "ST")], ("E", "V1", "462")),      # deleted
    ("0000099999", [("HB-38-100", Decimal(10), "ST")], ("E", "V1", "382")),      # no such
    ("0000010023", [("NOPE-1", Decimal(1), "")], ("E", "M3", "305")),
    ("0000010023", [("100100", Decimal(1), "")], ("E", "M3", "305")),  # not MATN1-padded
    ("0000010023", [("000000000000100200", Decimal(1), "")], ("E", "V1", "028")),
    ("0000010023", [("HB-38-100", Decimal(0), "ST")], ("E", "V1", "055")),
    ("0000010023", [("HB-38-100", Decimal(1), "KG")], ("E", "V1", "043")),
])
def test_simulate_messages(conn, sold_to, lines, expected):
    res = simulate(conn, sold_to, lines)
    assert expected in msg_ids(res["MESSAGETABLE"])
    if expected[0] == "E":
        assert res["RETURN"]["TYPE"] == "E"
        assert res["RETURN"]["CODE"] in {m["ID"] + m["NUMBER"] for m in res["MESSAGETABLE"]}


def test_customer_not_in_sales_area_and_material_not_listed(conn):
    res = simulate(conn, "0000010110", [("HB-38-100", Decimal(1), "ST")])
    assert ("E", "VS", "406") in msg_ids(res["MESSAGETABLE"])
    res = simulate(conn, "0000010140", [("000000000000100500", Decimal(1), "")],
                   header=dict(AREA, SALES_ORG="2000"))
    assert ("E", "V1", "141") in msg_ids(res["MESSAGETABLE"])
    eur = simulate(conn, "0000010140", [("HB-38-100", Decimal(100), "ST")],
                   header=dict(AREA, SALES_ORG="2000"))
    assert eur["ORDER_ITEMS_OUT"][0]["CURRENCY"] == "EUR"


def test_over_limit_order_can_be_saved_credit_blocked(connect):
    c = connect()
    res = c.call("BAPI_SALESORDER_CREATEFROMDAT2", ORDER_HEADER_IN=dict(AREA, PURCH_NO_C="CR-1"),
                 ORDER_ITEMS_IN=[{"ITM_NUMBER": "000010", "MATERIAL": "HB-38-100",
                                  "TARGET_QTY": Decimal(100000)}],
                 ORDER_PARTNERS=[{"PARTN_ROLE": "AG", "PARTN_NUMB": "0000010050"}])
    assert ("W", "V1", "150") in msg_ids(res["RETURN"]) and res["SALESDOCUMENT"]
    c.call("BAPI_TRANSACTION_COMMIT", WAIT="X")
    st = c.call("BAPISDORDER_GETDETAILEDLIST", I_BAPI_VIEW={"STATUS_H": "X"},
                SALES_DOCUMENTS=[{"VBELN": res["SALESDOCUMENT"]}])["ORDER_STATUSHEADERS_OUT"]
    assert st[0]["TOTSTATCCH"] == "B"


def test_duplicate_po_warns(conn):
    res = conn.call("BAPI_SALESORDER_CREATEFROMDAT2",
                    ORDER_HEADER_IN=dict(AREA, PURCH_NO_C="4500-7700"),
                    ORDER_ITEMS_IN=[{"ITM_NUMBER": "000010", "MATERIAL": "HB-38-100",
                                     "TARGET_QTY": Decimal(1)}],
                    ORDER_PARTNERS=[{"PARTN_ROLE": "AG", "PARTN_NUMB": "0000010023"}],
                    TESTRUN="X")
    assert ("W", "V4", "115") in msg_ids(res["RETURN"])


def test_where_is_my_order_scenario(conn):
    orders = conn.call("BAPI_SALESORDER_GETLIST", CUSTOMER_NUMBER="0000010023",
                       SALES_ORGANIZATION="1000", PURCHASE_ORDER_NUMBER="4500-7700")["SALES_ORDERS"]
    vbeln = orders[0]["SD_DOC"]
    flow = conn.call("BAPISDORDER_GETDETAILEDLIST", I_BAPI_VIEW={"FLOW": "X"},
                     SALES_DOCUMENTS=[{"VBELN": vbeln}])["ORDER_FLOWS_OUT"]
    deliveries = sorted({f["SUBSSDDOC"] for f in flow if f["DOCCATEGOR"] == "J"})
    invoices = sorted({f["SUBSSDDOC"] for f in flow if f["DOCCATEGOR"] == "M"})
    assert len(deliveries) == 2 and len(invoices) == 1
    likp = conn.call("RFC_READ_TABLE", QUERY_TABLE="LIKP", DELIMITER="|",
                     FIELDS=[{"FIELDNAME": "VBELN"}, {"FIELDNAME": "BOLNR"},
                             {"FIELDNAME": "WADAT_IST"}],
                     OPTIONS=[{"TEXT": f"VBELN IN ( '{deliveries[0]}', '{deliveries[1]}' )"}])
    rows = [[v.strip() for v in r["WA"].split("|")] + [""] * 2 for r in likp["DATA"]]
    yesterday = (TODAY - dt.timedelta(days=1)).strftime("%Y%m%d")
    assert rows[0][1] and rows[0][2] == yesterday
    assert rows[1][1] == "" and rows[1][2] == ""
    items = conn.call("BAPI_AR_ACC_GETOPENITEMS", COMPANYCODE="1000", CUSTOMER="0000010023",
                      KEYDATE=TODAY)["LINEITEMS"]
    item = next(i for i in items if i["REF_DOC_NO"] == invoices[0])
    due = dt.datetime.strptime(item["BLINE_DATE"], "%Y%m%d").date() + dt.timedelta(
        days=int(item["NETTERMS"]))
    assert due == TODAY + dt.timedelta(days=30)
    inv = conn.call("BAPI_BILLINGDOC_GETDETAIL", BILLINGDOCUMENT=invoices[0])
    assert inv["BILLINGDOCUMENTDETAIL"]["NET_VALUE"] > 0


def test_overdue_invoices_for_10090(conn):
    items = conn.call("BAPI_AR_ACC_GETOPENITEMS", COMPANYCODE="1000", CUSTOMER="0000010090",
                      KEYDATE=TODAY)["LINEITEMS"]
    overdue = [i for i in items if dt.datetime.strptime(i["BLINE_DATE"], "%Y%m%d").date()
               + dt.timedelta(days=int(i["NETTERMS"])) < TODAY]
    assert len(overdue) >= 2


def test_availability_bapi(conn):
    res = conn.call("BAPI_MATERIAL_AVAILABILITY", PLANT="1000", MATERIAL="000000000000100100",
                    UNIT="KAR", WMDVSX=[{"REQ_DATE": TODAY, "REQ_QTY": Decimal(12)}])
    assert res["DIALOGFLAG"] == "X"
    assert sum(r["COM_QTY"] for r in res["WMDVEX"]) >= Decimal(12)
    none = conn.call("BAPI_MATERIAL_AVAILABILITY", PLANT="1000", MATERIAL="000000000000100400",
                     UNIT="ST", WMDVSX=[{"REQ_DATE": TODAY, "REQ_QTY": Decimal(1)}])
    assert none["AV_QTY_PLT"] == 0 and none["WMDVEX"][0]["COM_QTY"] == 0
    assert none["ENDLEADTME"] == (TODAY + dt.timedelta(days=45)).strftime("%Y%m%d")


def test_material_getlist_by_description_and_number(conn):
    hits = conn.call("BAPI_MATERIAL_GETLIST", MAXROWS=20, MATERIALSHORTDESCSEL=[
        {"SIGN": "I", "OPTION": "CP", "DESCR_LOW": "*hex bolt 3/8*", "DESCR_HIGH": ""}],
        SALESORGANISATIONSELECTION=[{"SIGN": "I", "OPTION": "EQ", "SALESORG_LOW": "1000",
                                     "SALESORG_HIGH": ""}])["MATNRLIST"]
    assert "HB-38-100" in [h["MATERIAL"] for h in hits]
    one = conn.call("BAPI_MATERIAL_GETLIST", MATNRSELECTION=[
        {"SIGN": "I", "OPTION": "EQ", "MATNR_LOW": "000000000000100100", "MATNR_HIGH": ""}])
    assert [h["MATL_DESC"] for h in one["MATNRLIST"]] == ["ADHESIVE BLUE MEDIUM STRENGTH 50ML"]


def test_company_size(system):
    assert len(system.table("KNA1").rows) >= 5000
    assert len(system.table("MARA").rows) == 10000 + len(EXTRA_MATERIALS)
    numeric = sum(1 for r in system.table("MARA").rows if r[1].isdigit())
    assert 4000 < numeric < 8000
    assert {r[system.table("KNA1").pos["LAND1"]] for r in system.table("KNA1").rows} >= {
        "US", "DE", "CA", "MX"}


def test_deterministic_per_seed_and_relative_to_today():
    a, b, c = Company(5, TODAY), Company(5, TODAY), Company(6, TODAY)
    for co in (a, b, c):
        co.ensure("customers")
        co.ensure("materials")
    assert a.table("KNA1").rows == b.table("KNA1").rows
    assert a.table("MARA").rows == b.table("MARA").rows
    assert a.table("KNA1").rows != c.table("KNA1").rows
    later = Company(5, TODAY + dt.timedelta(days=10))
    later.ensure("customers")
    p = a.table("KNA1").pos["ERDAT"]
    shift = [(dt.datetime.strptime(y[p], "%Y%m%d") - dt.datetime.strptime(x[p], "%Y%m%d")).days
             for x, y in zip(a.table("KNA1").rows[:50], later.table("KNA1").rows[:50])]
    assert set(shift) == {10}


def test_extra_records_come_last_and_have_no_history(system):
    kna1, vbak, knkk = system.table("KNA1"), system.table("VBAK"), system.table("KNKK")
    extra = [f"{n:010d}" for n in EXTRA_CUSTOMERS]
    assert [kna1.get(r, "KUNNR") for r in kna1.rows if kna1.get(r, "KUNNR") in extra] == extra
    assert not any(vbak.get(r, "KUNNR") in extra for r in vbak.rows)
    ssobl = {knkk.get(r, "KUNNR"): knkk.get(r, "SSOBL") for r in knkk.rows}
    assert ssobl["0000015000"] == Decimal("2500.00") and ssobl["0000015001"] == Decimal("1200.00")
    assert ssobl["0000010023"] == 0  # generated accounts have none
    # match codes keep accents and umlauts, in capitals (assumptions.MATCHCODE_KEEPS_DIACRITICS)
    row = kna1.as_dict(kna1.first("KUNNR", "0000015000"))
    assert (row["MCOD1"], row["MCOD3"]) == ("MÜLLER PRÄZISIONSTEILE GM", "KÖLN")
    assert system.extra_material_numbers == list(EXTRA_MATERIALS)
    assert not set(system.extra_material_numbers) & set(system.material_numbers)


def test_cp_patterns_take_hash_as_the_escape(connect):
    conn = connect()

    def descriptions(pattern):
        res = conn.call("BAPI_MATERIAL_GETLIST", MATERIALSHORTDESCSEL=[
            {"SIGN": "I", "OPTION": "CP", "DESCR_LOW": pattern, "DESCR_HIGH": ""}])
        return sorted(r["MATL_DESC"] for r in res["MATNRLIST"])

    assert descriptions("*##10 SCREW*") == ["#10 SCREW ASSORTMENT WOOD 100PC"]
    assert "M10 SCREW HEX SOCKET 50MM ZINC" in descriptions("*#10 SCREW*")  # '#1' is a plain '1'
    assert descriptions("*HB-38##*") == ["SPARE KIT FOR HB-38# BOLT SERIES"]
    assert descriptions("#*10 SCREW*") == []  # '#*' is a star, not a wildcard
    assert descriptions("##10 SCREW ASSORTMENT WOOD 100PC") == ["#10 SCREW ASSORTMENT WOOD 100PC"]  # no wildcard: EQ

    def customers(pattern):
        res = conn.call("BAPI_CUSTOMER_FIND", MAX_CNT=0, PL_HOLD="X",
                        SELOPT_TAB=[{"TABNAME": "KNA1", "FIELDNAME": "MCOD1", "FIELDVALUE": pattern}])
        return [r["CUSTOMER"] for r in res["RESULT_TAB"]]

    assert customers("*O'BRIEN INDUSTRIAL*") == ["0000015002"]
    assert customers("*O'BRIEN INDUSTRIAL#*") == []

