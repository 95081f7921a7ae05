"""RfcGateway over a scripted, catalogue-checking connection (independent of the sandbox)."""

from __future__ import annotations

import datetime as dt
import re
import time
from decimal import Decimal as D

import pytest

from ordertui.model import DraftLine, OrderDraft, SalesArea
from ordertui.sap.errors import NotAuthorized, NotFound, OrderOutcomeUnknown, SapBusinessError, SapUnreachable
from ordertui.sap.rfc import RfcGateway

from tests.conftest import TODAY
from tests.fakes.rfc_connection import CommunicationError, FakeConnection, ret2

AREA = SalesArea("1000", "10", "00")


def gateway(conn_or_factory, **kw):
    factory = conn_or_factory if callable(conn_or_factory) and not isinstance(conn_or_factory, FakeConnection) else (lambda: conn_or_factory)
    return RfcGateway(factory, user="DESK", client="100", today=lambda: TODAY, **kw)


def draft(po="4500-7781", lines=((("HB38100", D("40")), ("216", D("12.5"))))):
    return OrderDraft(
        sold_to="10023",
        sales_area=AREA,
        lines=tuple(DraftLine(material=m, quantity=q) for m, q in lines),
        ship_to="10024",
        customer_po=po,
        requested_date=dt.date(2026, 12, 4),
    )


# --------------------------------------------------------------------------- customers


def test_find_by_number_pads_and_strips():
    conn = FakeConnection(tables={"KNA1": [{"KUNNR": "0000010023", "NAME1": "Acme Tools", "ORT01": "Dayton",
                                            "PSTLZ": "45402", "LAND1": "US", "TELF1": "", "AUFSD": "", "SPERR": "", "LOEVM": ""}]})
    res = gateway(conn).find_customers("10023")
    assert res.hits[0].number == "10023" and res.hits[0].name == "Acme Tools"
    name, params = conn.log[0]
    assert name == "RFC_READ_TABLE" and params["OPTIONS"][0]["TEXT"] == "KUNNR = '0000010023'"


def test_find_by_name_uses_customer_find_with_match_codes():
    calls = []

    def find(params):
        calls.append(params["SELOPT_TAB"][0])
        return {"RESULT_TAB": [{"CUSTOMER": "0000010023"}, {"CUSTOMER": "0000010024"}], "RETURN": {}}

    conn = FakeConnection(answers={"BAPI_CUSTOMER_FIND": find},
                          tables={"KNA1": [{"KUNNR": "0000010023", "NAME1": "O'Acme*% Tools", "AUFSD": "01"},
                                           {"KUNNR": "0000010024", "NAME1": "O'Acme Tools"}]})
    res = gateway(conn).find_customers("o'acme*%", limit=5)
    assert sorted(c["FIELDNAME"] for c in calls) == ["MCOD1", "MCOD3"]
    # searched as typed: '*' escaped with SAP's '#', '%' a plain character of a CP pattern
    assert {c["FIELDVALUE"] for c in calls} == {"*O'ACME#*%*"}
    # a BAPI that still read '%' as a wildcard would bring 10024: hits must hold the whole text
    assert [h.number for h in res.hits] == ["10023"] and res.hits[0].blocked
    read = [p for n, p in conn.log if n == "RFC_READ_TABLE"][0]
    assert read["OPTIONS"][0]["TEXT"].startswith("KUNNR IN ( '0000010023' , '0000010024' )")


def test_a_name_longer_than_the_match_code_is_cut_and_narrowed_on_the_whole_name():
    calls = []

    def find(params):
        calls.append(params["SELOPT_TAB"][0]["FIELDVALUE"])
        hits = ["0000010023", "0000010024"] if params["SELOPT_TAB"][0]["FIELDNAME"] == "MCOD1" else []
        return {"RESULT_TAB": [{"CUSTOMER": n} for n in hits], "RETURN": {}}

    conn = FakeConnection(answers={"BAPI_CUSTOMER_FIND": find}, tables={"KNA1": [
        {"KUNNR": "0000010023", "NAME1": "Miami Valley Fastener Supply Inc."},
        {"KUNNR": "0000010024", "NAME1": "Miami Valley Fastener Supplements"}]})
    res = gateway(conn).find_customers("Miami Valley Fastener Supply", limit=5)
    assert set(calls) == {"*MIAMI VALLEY FASTENER SUP*"}  # MCOD1/MCOD3 hold 25 characters
    assert [h.number for h in res.hits] == ["10023"] and not res.note


def test_widened_read_asks_for_other_spellings_and_cut_match_codes():
    conn = FakeConnection(answers={"BAPI_CUSTOMER_FIND": {"RESULT_TAB": [], "RETURN": {}}}, tables={"KNA1": [
        {"KUNNR": "0000010023", "NAME1": "Miami Valley Fastener Supply Inc.", "ORT01": "Springfield"},
        {"KUNNR": "0000010030", "NAME1": "Müller Maschinenbau GmbH", "ORT01": "Köln"},
        {"KUNNR": "0000010031", "NAME1": "Valley Tools", "ORT01": "Montréal"}]})
    gw = gateway(conn)
    res = gw.find_customers("Valley Fastener Supply", limit=5)
    (read,) = [p for n, p in conn.log if n == "RFC_READ_TABLE"]
    where = " ".join(o["TEXT"] for o in read["OPTIONS"])
    assert "MCOD1 LIKE '%V_LL__ F_ST_N_R S_PPL_%'" in where and "MCOD3 LIKE '%V_LL__ F_ST_N_R S_PPL_%'" in where
    assert "MCOD1 LIKE '______V_LL__ F_ST_N_R S_P'" in where  # 'MIAMI VALLEY FASTENER SUP'
    assert read["ROWCOUNT"] > 0
    assert [h.number for h in res.hits] == ["10023"] and "25" in res.note  # the others narrowed away
    conn.log.clear()
    res = gw.find_customers("Mueller")
    where = " ".join(o["TEXT"] for n, p in conn.log if n == "RFC_READ_TABLE" for o in p["OPTIONS"])
    assert "MCOD1 LIKE '%M__LL_R%'" in where and "MCOD1 LIKE '%M_LL_R%'" in where  # MUELLER and MÜLLER
    assert [h.number for h in res.hits] == ["10030"] and "accents and umlauts" in res.note
    assert [h.number for h in gw.find_customers("montreal").hits] == ["10031"]


def test_enough_hits_need_no_widened_read():
    found = {"RESULT_TAB": [{"CUSTOMER": f"{n:010d}"} for n in range(10001, 10005)], "RETURN": {}}
    conn = FakeConnection(answers={"BAPI_CUSTOMER_FIND": found},
                          tables={"KNA1": lambda p: [{"KUNNR": k, "NAME1": "Dayton Tools"}
                                                      for k in re.findall(r"'(\d{10})'", _where(p))]})
    res = gateway(conn).find_customers("dayton", limit=3)
    assert len(res) == 3 and res.truncated and not res.note
    (read,) = [p for n, p in conn.log if n == "RFC_READ_TABLE"]
    assert "LIKE" not in _where(read) and "ROWCOUNT" not in read


def _find_answers(by_field, barrier=None):
    def find(params):
        field = params["SELOPT_TAB"][0]["FIELDNAME"]
        if barrier is not None:
            barrier.wait()  # both finds must be in flight at once, or this times out
        return {"RESULT_TAB": [{"CUSTOMER": n} for n in by_field[field][: params["MAX_CNT"]]], "RETURN": {}}

    return find


def pooled(answers, tables, log):
    return lambda: FakeConnection(answers=answers, tables=tables, log=log)


def test_name_and_city_finds_run_at_the_same_time_and_merge_name_first():
    import threading

    by_field = {"MCOD1": ["0000010002", "0000010001"], "MCOD3": ["0000010001", "0000010003"]}
    kna1 = [{"KUNNR": f"00000{n}", "NAME1": name} for n, name in (("10001", "B"), ("10002", "A"), ("10003", "C"))]
    log: list = []
    gw = gateway(pooled({"BAPI_CUSTOMER_FIND": _find_answers(by_field, threading.Barrier(2, timeout=5))},
                        {"KNA1": kna1}, log), pool_size=2)
    res = gw.find_customers("dayton")
    assert [h.number for h in res.hits] == ["10002", "10001", "10003"]  # sorted by name for the list
    read = [p for n, p in log if n == "RFC_READ_TABLE"][0]
    # name hits first, once each; fewer than the list holds, so the same read widens (see below)
    assert _where(read).startswith("KUNNR IN ( '0000010002' , '0000010001' , '0000010003' ) OR ( MCOD1 LIKE")


def test_merged_finds_keep_the_hit_limit():
    by_field = {"MCOD1": [f"{n:010d}" for n in range(10001, 10005)], "MCOD3": [f"{n:010d}" for n in range(10003, 10009)]}
    kna1 = lambda params: [{"KUNNR": k, "NAME1": k} for k in re.findall(r"'(\d{10})'", _where(params))]  # noqa: E731
    log: list = []
    gw = gateway(pooled({"BAPI_CUSTOMER_FIND": _find_answers(by_field)}, {"KNA1": kna1}, log), pool_size=2)
    res = gw.find_customers("dayton", limit=5)
    assert len(res.hits) == 5 and res.truncated
    assert {p["MAX_CNT"] for n, p in log if n == "BAPI_CUSTOMER_FIND"} == {6}
    (read,) = [p for n, p in log if n == "RFC_READ_TABLE"]
    assert _where(read).count("'") == 10  # the 5 shown; the 6th found only says there are more
    res = gw.find_customers("dayton", limit=8)
    assert len(res.hits) == 8 and not res.truncated  # 8 different customers between both finds


def test_a_long_list_is_read_in_chunks_side_by_side():
    import threading

    numbers = [f"{n:010d}" for n in range(10001, 10201)]
    by_field = {"MCOD1": numbers, "MCOD3": []}
    barrier = threading.Barrier(2, timeout=5)

    def kna1(params):
        barrier.wait()  # the two 100-number reads must be in flight together
        return [{"KUNNR": k, "NAME1": k} for k in re.findall(r"'(\d{10})'", _where(params))]

    log: list = []
    gw = gateway(pooled({"BAPI_CUSTOMER_FIND": _find_answers(by_field)}, {"KNA1": kna1}, log), pool_size=2)
    res = gw.find_customers("dayton", limit=200)
    assert [h.number for h in res.hits] == [n.lstrip("0") for n in numbers] and not res.truncated
    assert len([p for n, p in log if n == "RFC_READ_TABLE"]) == 2


def test_a_failing_city_find_fails_the_search_after_both_finished():
    finished = []

    def find(params):
        field = params["SELOPT_TAB"][0]["FIELDNAME"]
        if field == "MCOD3":
            raise CommunicationError()
        time.sleep(0.2)  # the other find is still running when the city find fails
        finished.append(field)
        return {"RESULT_TAB": [{"CUSTOMER": "0000010001"}], "RETURN": {}}

    gw = gateway(pooled({"BAPI_CUSTOMER_FIND": find}, {}, []), pool_size=2)
    with pytest.raises(SapUnreachable):
        gw.find_customers("dayton")
    assert finished == ["MCOD1"]


def test_find_by_phone_goes_through_adr2():
    conn = FakeConnection(tables={
        "ADR2": [{"ADDRNUMBER": "0000004711", "PERSNUMBER": ""}],
        "KNA1": [{"KUNNR": "0000010023", "NAME1": "Acme"}],
    })
    res = gateway(conn).find_customers("+1 (937) 555-0142", sales_area=AREA)
    adr2 = [p for n, p in conn.log if n == "RFC_READ_TABLE" and p["QUERY_TABLE"] == "ADR2"][0]
    assert adr2["OPTIONS"][0]["TEXT"] == "TELNR_LONG = '+19375550142'"
    assert res.hits[0].number == "10023"


def test_a_number_without_area_code_matches_the_ends_of_numbers_and_says_who():
    conn = FakeConnection(tables={
        "ADR2": [{"ADDRNUMBER": "0000004711", "PERSNUMBER": "0000300001", "TEL_NUMBER": "+1 (937) 555-0142"}],
        "KNA1": [{"KUNNR": "0000010023", "NAME1": "Acme", "ADRNR": "0000004711", "TELF1": "937.555.0100"}],
        "KNVK": [{"PARNR": "0000000001", "KUNNR": "0000010023", "NAMEV": "Maria", "NAME1": "Alvarez",
                  "ABTNR": "0003", "PAFKT": "02", "PRSNR": "0000300001"}],
        "TSABT": [{"SPRAS": "E", "ABTNR": "0003", "VTEXT": "Purchasing"}],
        "TPFKT": [{"SPRAS": "E", "PAFKT": "02", "VTEXT": "Buyer"}],
    })
    res = gateway(conn).find_customers("555-0142", sales_area=AREA)
    adr2 = [p for n, p in conn.log if n == "RFC_READ_TABLE" and p["QUERY_TABLE"] == "ADR2"][0]
    assert _where(adr2) == "TELNR_LONG LIKE '+1%5550142'"
    (hit,) = res.hits
    assert hit.matched_contact == "Maria Alvarez, Purchasing" and hit.matched_phone == "+1 (937) 555-0142"
    assert "no area code" in res.note and "+1" in res.note


def test_a_german_number_is_read_in_germany():
    conn = FakeConnection(tables={"ADR2": [], "KNA1": []})
    gw = gateway(conn)
    gw.find_customers("040 5550 1110", sales_area=SalesArea("2000", "10", "00"))
    gw.find_customers("5550 1110", sales_area=SalesArea("2000", "10", "00"))
    adr2 = [_where(p) for n, p in conn.log if n == "RFC_READ_TABLE" and p["QUERY_TABLE"] == "ADR2"]
    assert adr2 == ["TELNR_LONG = '+494055501110'", "TELNR_LONG LIKE '+49%55501110'"]


def test_sold_tos_of_a_ship_to_come_from_knvp():
    conn = FakeConnection(tables={
        "KNVP": [{"KUNNR": "0000010023", "PARVW": "WE", "KUNN2": "0000060018"},
                 {"KUNNR": "0000060018", "PARVW": "WE", "KUNN2": "0000060018"}],
        "KNA1": [{"KUNNR": "0000010023", "NAME1": "Acme", "KTOKD": "0001"}],
    })
    (sold,) = gateway(conn).sold_tos_of("60018", AREA)
    assert sold.number == "10023" and not sold.ship_to_only
    knvp = [p for n, p in conn.log if n == "RFC_READ_TABLE" and p["QUERY_TABLE"] == "KNVP"][0]
    assert " ".join(o["TEXT"] for o in knvp["OPTIONS"]) == (
        "KUNN2 = '0000060018' AND PARVW = 'WE' AND VKORG = '1000' AND VTWEG = '10' AND SPART = '00'")


def test_ship_to_accounts_are_marked():
    conn = FakeConnection(tables={"KNA1": [{"KUNNR": "0000060018", "NAME1": "Acme plant", "KTOKD": "0002"}]})
    (hit,) = gateway(conn).find_customers("60018").hits
    assert hit.ship_to_only


def test_credit_status_adds_the_parts_when_sap_gives_no_total():
    detail = {"LOGICAL_SYS": "", "CUSTMR_NO": "0000010023", "C_CTR_AREA": "1000", "CURRENT_PAYER_ONLY": "",
              "TIMESTAMP": "", "CRED_LIMIT": D("1000.00"), "RCVBL_VALS": D("300.00"), "ORDER_VALS": D("200.00"),
              "CRED_LIAB": D("50.00"), "CURRENCY": "USD"}
    conn = FakeConnection(answers={"BAPI_CREDIT_ACCOUNT_GET_STATUS": {
        "RETURN": {}, "CREDIT_ACCOUNT_DETAIL": [detail], "CREDIT_ACCOUNT_OPEN_ITEMS": []}}, tables={"KNVP": []})
    status = gateway(conn).credit_status("10023", AREA)
    assert status.exposure == D("550.00") and status.headroom == D("450.00")
    conn.answers["BAPI_CREDIT_ACCOUNT_GET_STATUS"]["CREDIT_ACCOUNT_DETAIL"] = [dict(detail, CRED_EXPOSURE=D("600.00"))]
    assert gateway(conn).credit_status("10023", AREA).exposure == D("600.00")  # a total wins


def test_hit_limit_truncates():
    rows = [{"KUNNR": f"{n:010d}", "NAME1": f"N{n}"} for n in range(1, 5)]
    conn = FakeConnection(tables={"KNA1": rows})
    res = gateway(conn).find_customers("45402-1234", limit=3)
    assert len(res) == 3 and res.truncated
    read = conn.log[0][1]
    assert read["ROWCOUNT"] == 4


def test_customer_not_found():
    conn = FakeConnection(answers={"BAPI_CUSTOMER_GETDETAIL2": {"RETURN": ret2("E", "F2", "502", "does not exist")}})
    with pytest.raises(NotFound):
        gateway(conn).customer("99999")


def test_customer_sales_data_not_in_area():
    with pytest.raises(NotFound):
        gateway(FakeConnection()).customer_sales_data("10023", AREA)


def test_customer_sales_data_partners_external_roles():
    conn = FakeConnection(tables={
        "KNVV": [{"KUNNR": "0000010023", "ZTERM": "NT30", "WAERS": "USD", "VSBED": "01"}],
        "KNVP": [{"PARVW": "AG", "PARZA": "000", "KUNN2": "0000010023", "DEFPA": ""},
                 {"PARVW": "WE", "PARZA": "001", "KUNN2": "0000010024", "DEFPA": "X"}],
        "KNA1": [{"KUNNR": "0000010024", "NAME1": "Acme Dayton plant", "ORT01": "Dayton"}],
        "TVZBT": [{"VTEXT": "Net 30 days"}],
        "TVSBT": [{"VTEXT": "Standard"}],
    })
    data = gateway(conn).customer_sales_data("10023", AREA)
    assert data.payment_terms_text == "Net 30 days"
    (sh,) = data.partners_in("SH")
    assert sh.number == "10024" and sh.name == "Acme Dayton plant" and sh.is_default


def _where(params) -> str:
    return "".join(o["TEXT"] for o in params.get("OPTIONS", []))


def test_contacts_carry_function_and_department_texts_in_the_logon_language():
    conn = FakeConnection(tables={
        "KNA1": [{"KUNNR": "0000010023", "NAME1": "Acme"}],
        "KNVK": [{"PARNR": "0000000007", "KUNNR": "0000010023", "NAMEV": "Rosa", "NAME1": "Coleman",
                  "ABTNR": "0004", "PAFKT": "05"},
                 {"PARNR": "0000000008", "KUNNR": "0000010023", "NAMEV": "Ed", "NAME1": "Ruiz",
                  "ABTNR": "0004", "PAFKT": "99"}],
        "TPFKT": [{"SPRAS": "D", "PAFKT": "05", "VTEXT": "Kreditorenbuchhalt."}],
        "TSABT": [{"SPRAS": "D", "ABTNR": "0004", "VTEXT": "Buchhaltung"}],
    })
    c = gateway(conn, language="D").customer("10023")
    rosa, ed = c.contacts
    assert (rosa.name, rosa.function, rosa.department) == ("Rosa Coleman", "Kreditorenbuchhalt.", "Buchhaltung")
    assert (ed.function, ed.department) == ("99", "Buchhaltung")  # no text: the code, not a blank
    reads = {p["QUERY_TABLE"]: p for n, p in conn.log if n == "RFC_READ_TABLE"}
    texts = [p["QUERY_TABLE"] for n, p in conn.log if n == "RFC_READ_TABLE" and p["QUERY_TABLE"] in ("TPFKT", "TSABT")]
    assert texts == ["TPFKT", "TSABT"]  # one read each
    assert _where(reads["TPFKT"]) == "PAFKT IN ( '05' , '99' ) AND SPRAS = 'D'"
    assert _where(reads["TSABT"]) == "ABTNR IN ( '0004' ) AND SPRAS = 'D'"


def test_customer_without_contacts_reads_no_texts():
    conn = FakeConnection(tables={"KNA1": [{"KUNNR": "0000010023", "NAME1": "Acme"}]})
    assert gateway(conn).customer("10023").contacts == ()
    assert not [p for n, p in conn.log if n == "RFC_READ_TABLE" and p["QUERY_TABLE"] in ("TPFKT", "TSABT")]


def test_partners_in_reading_order_contact_person_named_and_no_empty_rows():
    conn = FakeConnection(tables={
        "KNVV": [{"KUNNR": "0000010023", "WAERS": "USD"}],
        "KNVP": [{"PARVW": "RG", "PARZA": "000", "KUNN2": "0000080001"},
                 {"PARVW": "AP", "PARZA": "000", "KUNN2": "", "PARNR": "0000000007"},
                 {"PARVW": "ZM", "PARZA": "000", "KUNN2": "", "PARNR": "0000000000"},
                 {"PARVW": "WE", "PARZA": "001", "KUNN2": "0000060001"},
                 {"PARVW": "RE", "PARZA": "000", "KUNN2": "0000010023"},
                 {"PARVW": "WE", "PARZA": "000", "KUNN2": "0000010023", "DEFPA": "X"},
                 {"PARVW": "AG", "PARZA": "000", "KUNN2": "0000010023"}],
        "KNA1": [{"KUNNR": "0000010023", "NAME1": "Acme"}, {"KUNNR": "0000060001", "NAME1": "Acme plant"},
                 {"KUNNR": "0000080001", "NAME1": "Acme AP"}],
        "KNVK": [{"PARNR": "0000000007", "NAMEV": "Rosa", "NAME1": "Coleman", "ABTNR": "0004", "PAFKT": "05"}],
        "TPFKT": [{"SPRAS": "E", "PAFKT": "05", "VTEXT": "Accounts payable"}],
    })
    data = gateway(conn).customer_sales_data("10023", AREA)
    assert [(p.role, p.number) for p in data.partners] == [
        ("SP", "10023"), ("SH", "10023"), ("SH", "60001"), ("BP", "10023"), ("PY", "80001"), ("CP", "7")]
    assert data.partners[1].is_default and not data.partners[2].is_default
    assert data.partners[-1].name == "Rosa Coleman"
    knvk = [p for n, p in conn.log if n == "RFC_READ_TABLE" and p["QUERY_TABLE"] == "KNVK"]
    assert _where(knvk[0]) == "PARNR IN ( '0000000007' )"


def test_plants_read_tvkwz_beside_all_plant_names_in_one_round_trip():
    conn = FakeConnection(tables={
        "TVKWZ": [{"VKORG": "1000", "VTWEG": "10", "WERKS": "1000"}, {"VKORG": "1000", "VTWEG": "10", "WERKS": "1100"}],
        "T001W": [{"WERKS": "1100", "NAME1": "Reno Distribution Center", "ORT01": "Reno"},
                  {"WERKS": "2000", "NAME1": "Plant of another sales org", "ORT01": "Elsewhere"}],
    })
    plants = gateway(conn).plants(AREA)
    # the area's plants in TVKWZ's order, named where T001W has them; other plants left out
    assert [(p.number, p.name, p.city) for p in plants] == [("1000", "", ""), ("1100", "Reno Distribution Center", "Reno")]
    reads = [p for n, p in conn.log if n == "RFC_READ_TABLE"]
    assert sorted(r["QUERY_TABLE"] for r in reads) == ["T001W", "TVKWZ"]
    by_table = {r["QUERY_TABLE"]: r for r in reads}
    assert _where(by_table["TVKWZ"]) == "VKORG = '1000' AND VTWEG = '10'"
    assert _where(by_table["T001W"]) == ""  # read whole, beside TVKWZ: no second round trip


def test_no_plants_allowed_means_no_plants_whatever_t001w_holds():
    conn = FakeConnection(tables={"T001W": [{"WERKS": "1100", "NAME1": "Reno Distribution Center", "ORT01": "Reno"}]})
    assert gateway(conn).plants(AREA) == ()


def test_plant_names_refused_fails_plants_after_tvkwz():
    """T001W's error counts only when TVKWZ was read (errors keep the order of one read after the other)."""
    from ordertui.sap.errors import SapError
    from tests.fakes.rfc_connection import ExternalRuntimeError

    def refused(_params):
        raise ExternalRuntimeError("table T001W not readable")

    conn = FakeConnection(tables={"TVKWZ": [{"VKORG": "1000", "VTWEG": "10", "WERKS": "1000"}], "T001W": refused})
    with pytest.raises(SapError):
        gateway(conn).plants(AREA)
    # no plant allowed: T001W's answer is not needed, so its error is not raised either
    assert gateway(FakeConnection(tables={"T001W": refused})).plants(AREA) == ()


# --------------------------------------------------------------------------- simulate


def _simulate_answer(params):
    items = params["ORDER_ITEMS_IN"]
    assert items[0]["REQ_QTY"] == "0000000040000" and items[1]["REQ_QTY"] == "0000000012500"
    assert items[0]["MATERIAL"] == "HB38100" and items[1]["MATERIAL"] == "000000000000000216"
    assert {p["PARTN_ROLE"] for p in params["ORDER_PARTNERS"]} == {"AG", "WE"}
    assert params["ORDER_HEADER_IN"]["DOC_TYPE"] == "TA"
    return {
        "ORDER_ITEMS_OUT": [
            {"ITM_NUMBER": "000010", "MATERIAL": "HB38100", "SHORT_TEXT": "Hex bolt", "NET_VALUE1": D("80.0000"),
             "NET_VALUE": "000000000008000", "CURRENCY": "USD", "REQ_QTY": D("40.000"), "SALES_UNIT": "ST",
             "PLANT": "1000", "TX_DOC_CUR": D("6.4000"), "REASON_REJ": ""},
        ],
        "ORDER_CONDITION_EX": [
            {"ITM_NUMBER": "000010", "COND_ST_NO": "010", "COND_COUNT": "01", "COND_TYPE": "PR00",
             "COND_VALUE": D("2.000000000"), "CURRENCY": "USD", "COND_UNIT": "ST", "COND_P_UNT": D("1"),
             "CONDVALUE": D("80.000000000"), "STAT_CON": "", "CONDISACTI": "", "CALCTYPCON": "C"},
            {"ITM_NUMBER": "000010", "COND_ST_NO": "900", "COND_COUNT": "01", "COND_TYPE": "MWST",
             "COND_VALUE": D("8"), "CURRENCY": "USD", "CONDVALUE": D("6.4"), "CALCTYPCON": "A"},
        ],
        "ORDER_SCHEDULE_EX": [
            {"ITM_NUMBER": "000010", "SCHED_LINE": "0001", "REQ_DATE": "20261204", "REQ_QTY": D("40"),
             "CONFIR_QTY": D("8"), "SALES_UNIT": "ST"},
            {"ITM_NUMBER": "000010", "SCHED_LINE": "0002", "REQ_DATE": "20261219", "REQ_QTY": D("0"),
             "CONFIR_QTY": D("32"), "SALES_UNIT": "ST"},
        ],
        "MESSAGETABLE": [
            ret2("E", "V1", "392", "Material 216 not defined", row=2),
            ret2("W", "V1", "150", "Credit limit exceeded"),
        ],
        "RETURN": {"TYPE": "E", "CODE": "V1392", "MESSAGE": "Material 216 not defined", "LOG_NO": "", "LOG_MSG_NO": "000000",
                   "MESSAGE_V1": "", "MESSAGE_V2": "", "MESSAGE_V3": "", "MESSAGE_V4": ""},
        "BILLING_PARTY": {"PAYER": "0000010023", "CRED_ACCNT": "0000010023", "C_CTR_AREA": "1000",
                          "CRED_LIMIT": D("1000.00"), "RCVBL_VALS": D("900.00"), "ORDER_VALS": D("150.00"),
                          "CRED_LIAB": D("40.00"), "CURRENCY": "USD"},
    }


def test_simulate_builds_quote():
    conn = FakeConnection(answers={"BAPI_SALESORDER_SIMULATE": _simulate_answer})
    q = gateway(conn).simulate(draft())
    first, second = q.lines
    assert first.net_value == D("80") and first.tax == D("6.4") and first.unit == "PC"
    assert [c.name for c in first.conditions] == ["List price", "Tax"]
    assert first.conditions[1].rate_unit == "%"
    assert first.confirmed_qty == D("40") and not first.schedule[0].confirmed_qty == 40
    assert second.item == "20" and second.rejected and second.messages[0].code == "V1 392"
    assert q.net_total == D("80") and q.tax_total == D("6.4") and q.currency == "USD"
    # exposure = receivables + sales values + special liabilities (CRED_LIAB is KNKK-SSOBL, a part)
    assert q.credit.liabilities == D("40") and q.credit.exposure == D("1090") and q.credit.headroom == D("-90")
    assert q.credit.blocked
    assert any(m.code == "V1 150" for m in q.messages)
    assert q.has_errors


def test_simulate_rejects_bad_quantity_before_calling():
    conn = FakeConnection()
    with pytest.raises(ValueError, match="line 1"):
        gateway(conn).simulate(draft(lines=(("HB38100", D("1.0001")),)))
    assert conn.log == []


# --------------------------------------------------------------------------- create


def _create_ok(params):
    assert params["ORDER_HEADER_IN"]["PURCH_NO_C"]
    assert params["ORDER_ITEMS_IN"][0]["TARGET_QTY"] == D("40")
    return {"SALESDOCUMENT": "0000412120", "RETURN": [ret2("S", "V1", "311", "Standard Order 412120 has been saved")]}


def test_create_commits_on_the_same_connection():
    opened = []

    def factory():
        c = FakeConnection(answers={"BAPI_SALESORDER_CREATEFROMDAT2": _create_ok,
                                    "BAPI_TRANSACTION_COMMIT": {"RETURN": ret2()}}, log=[])
        opened.append(c)
        return c

    created = gateway(factory).create_order(draft())
    assert created.number == "412120" and not created.recovered
    luw = [c for c in opened if any(n == "BAPI_SALESORDER_CREATEFROMDAT2" for n, _ in c.log)][0]
    names = [n for n, _ in luw.log]
    assert names[names.index("BAPI_SALESORDER_CREATEFROMDAT2") + 1] == "BAPI_TRANSACTION_COMMIT"
    assert [p for n, p in luw.log if n == "BAPI_TRANSACTION_COMMIT"][0] == {"WAIT": "X"}


def test_create_error_rolls_back():
    conn = FakeConnection(answers={"BAPI_SALESORDER_CREATEFROMDAT2": {"SALESDOCUMENT": "", "RETURN": [
        ret2("E", "V1", "154", "credit customer blocked")]}, "BAPI_TRANSACTION_ROLLBACK": {"RETURN": ret2()}})
    with pytest.raises(SapBusinessError) as info:
        gateway(conn).create_order(draft())
    assert info.value.messages[0].code == "V1 154"
    names = [n for n, _ in conn.log]
    assert "BAPI_TRANSACTION_ROLLBACK" in names and "BAPI_TRANSACTION_COMMIT" not in names


class Shared:
    """State shared by the connections of one fake system: committed orders by PO."""

    def __init__(self, drop_on):
        self.orders: dict[str, list[str]] = {}
        self.drop_on = drop_on
        self.pending = {}

    def factory(self):
        conn = FakeConnection(log=[])
        state = {}

        def create(params):
            state["po"] = params["ORDER_HEADER_IN"]["PURCH_NO_C"]
            return {"SALESDOCUMENT": "0000500001", "RETURN": [ret2("S", "V1", "311", "saved")]}

        def commit(params):
            self.orders.setdefault(state["po"], []).append("0000500001")
            if self.drop_on == "after-commit":
                raise CommunicationError()
            return {"RETURN": ret2()}

        def getlist(params):
            po = params["PURCHASE_ORDER_NUMBER"]
            return {"SALES_ORDERS": [{"SD_DOC": n, "PURCH_NO_C": po} for n in self.orders.get(po, [])],
                    "RETURN": {"TYPE": "", "CODE": "", "MESSAGE": ""}}

        conn.answers.update({"BAPI_SALESORDER_CREATEFROMDAT2": create, "BAPI_TRANSACTION_COMMIT": commit,
                             "BAPI_SALESORDER_GETLIST": getlist})
        if self.drop_on == "before-commit":
            conn.fail_on["BAPI_TRANSACTION_COMMIT"] = CommunicationError()
        return conn


def test_drop_after_commit_is_recovered_by_lookup():
    system = Shared("after-commit")
    created = gateway(system.factory).create_order(draft())
    assert created.recovered and created.number == "500001"
    assert system.orders["4500-7781"] == ["0000500001"]


def test_drop_before_commit_is_not_known_not_not_saved():
    # the desk cannot tell a commit lost on the way from an answer lost on the way back
    system = Shared("before-commit")
    with pytest.raises(OrderOutcomeUnknown, match="NOT known"):
        gateway(system.factory).create_order(draft())
    assert system.orders == {}


def test_existing_order_with_same_po_is_not_mistaken_for_ours():
    system = Shared("before-commit")
    system.orders["4500-7781"] = ["0000400000"]  # an older order with the same PO
    with pytest.raises(OrderOutcomeUnknown) as info:
        gateway(system.factory).create_order(draft())
    assert info.value.known_before == {"400000"}
    assert gateway(system.factory).find_created_order(draft(), known_before=info.value.known_before) is None


def test_generated_po_when_none_given():
    system = Shared("after-commit")
    created = gateway(system.factory).create_order(draft(po=""))
    assert created.recovered
    (po,) = system.orders
    assert po.startswith("OTUI-") and len(po) == 20


def test_read_only_refuses_create():
    with pytest.raises(NotAuthorized, match="read-only"):
        gateway(FakeConnection(), read_only=True).create_order(draft())


# --------------------------------------------------------------------------- orders, billing


def test_order_detail_and_not_found():
    with pytest.raises(NotFound):
        gateway(FakeConnection()).order("412120")
    ans = {
        "ORDER_HEADERS_OUT": [{"DOC_NUMBER": "0000412120", "DOC_TYPE": "TA", "REC_DATE": "20261127", "SOLD_TO": "0000010023",
                               "PURCH_NO": "4500-7781", "SALES_ORG": "1000", "DISTR_CHAN": "10", "DIVISION": "00",
                               "NET_VAL_HD": D("80.000000000"), "CURRENCY": "USD"}],
        "ORDER_ITEMS_OUT": [{"ITM_NUMBER": "000010", "MATERIAL": "000000000000000216", "REQ_QTY": D("12.000"),
                             "CUM_CF_QTY": D("12.000"), "SALES_UNIT": "ST", "NET_VALUE": D("80"), "NET_PRICE": D("6.6667")}],
        "ORDER_PARTNERS_OUT": [{"PARTN_ROLE": "WE", "CUSTOMER": "0000010024", "ITM_NUMBER": "000000"}],
        "ORDER_STATUSHEADERS_OUT": [{"SD_DOC": "0000412120", "DLV_STAT_H": "B", "BILLSTATUS": "A", "TOTSTATCCH": "A"}],
        "ORDER_FLOWS_OUT": [{"PRECSDDOC": "0000412120", "PREDITDOC": "000010", "SUBSSDDOC": "0080001234",
                             "SUBSITDOC": "000010", "DOCCATEGOR": "J", "REF_QTY": D("8"), "CREAT_DATE": "20261127"}],
    }
    conn = FakeConnection(answers={"BAPISDORDER_GETDETAILEDLIST": ans})
    o = gateway(conn).order("412120")
    assert o.number == "412120" and o.order_type == "OR" and o.ship_to == "10024"
    assert o.items[0].material == "216" and o.items[0].unit == "PC"
    assert o.overall_status == "Being delivered" and o.deliveries == ("80001234",)
    assert o.credit_status == "Credit OK"


def test_open_items_due_date_and_sign():
    ans = {"LINEITEMS": [
        {"DOC_NO": "1800000001", "FISC_YEAR": "2026", "ITEM_NUM": "001", "REF_DOC_NO": "0090000001",
         "BLINE_DATE": "20261001", "NETTERMS": D("30"), "AMT_DOCCUR": D("100.00"), "DB_CR_IND": "S", "CURRENCY": "USD"},
        {"DOC_NO": "1400000001", "FISC_YEAR": "2026", "ITEM_NUM": "001", "BLINE_DATE": "20261101",
         "NETTERMS": D("0"), "AMT_DOCCUR": D("20.00"), "DB_CR_IND": "H", "CURRENCY": "USD"},
    ], "RETURN": {"TYPE": "", "CODE": "", "MESSAGE": ""}}
    items = gateway(FakeConnection(answers={"BAPI_AR_ACC_GETOPENITEMS": ans})).open_items("10023", key_date=TODAY)
    inv = [i for i in items if i.reference == "90000001"][0]
    assert inv.due_date == dt.date(2026, 10, 31) and inv.days_overdue(TODAY) == 27 and inv.amount == D("100")
    assert [i for i in items if i.amount < 0][0].amount == D("-20")


def test_invoice_with_open_amount():
    conn = FakeConnection(
        tables={"VBRK": [{"VBELN": "0090000001", "FKART": "F2", "FKDAT": "20261001", "KUNRG": "0000010023",
                          "KUNAG": "0000010023", "NETWR": "100.00", "MWSBK": "8.00", "WAERK": "USD", "ZTERM": "NT30",
                          "RFBSK": "C", "BUKRS": "1000"}],
                "VBRP": [{"VBELN": "0090000001", "POSNR": "000010", "FKIMG": "12.000", "VRKME": "ST", "NETWR": "100.00",
                          "MWSBP": "8.00", "MATNR": "000000000000000216", "AUBEL": "0000412120", "VGBEL": "0080001234"}]},
        answers={"BAPI_AR_ACC_GETOPENITEMS": {"LINEITEMS": [
            {"DOC_NO": "1800000001", "REF_DOC_NO": "0090000001", "BLINE_DATE": "20261001", "NETTERMS": D("30"),
             "AMT_DOCCUR": D("108.00"), "DB_CR_IND": "S"}], "RETURN": {}}},
    )
    inv = gateway(conn).invoice("90000001")
    assert inv.posted and inv.gross_value == D("108") and inv.open_amount == D("108")
    assert inv.due_date == dt.date(2026, 10, 31)
    assert inv.items[0].order == "412120" and inv.items[0].delivery == "80001234" and inv.items[0].unit == "PC"


def test_call_events_carry_no_payload():
    events = []
    gw = gateway(FakeConnection(tables={"KNA1": [{"KUNNR": "0000010023", "NAME1": "Secret Customer Name"}]}))
    gw.add_listener(events.append)
    gw.find_customers("10023")
    assert events and events[0].function == "RFC_READ_TABLE" and events[0].outcome == "ok"
    # The event's only fields are the technical ones; its text fields hold no payload. (Not repr(events):
    # a duration such as 2.0801002392545342e-05 holds the digits 10023 by chance — CI failed on that.)
    assert all(sorted(vars(e)) == ["at", "function", "outcome", "seconds"] for e in events)
    texts = [e.function + " " + e.outcome for e in events]
    assert not any("Secret" in t or "10023" in t for t in texts)


def _material_connection() -> FakeConnection:
    return FakeConnection(
        answers={"BAPI_MATERIAL_GET_DETAIL": {"MATERIAL_GENERAL_DATA": {"MATL_DESC": "HEX BOLT", "BASE_UOM": "ST"}, "RETURN": {}}},
        tables={
            "MVKE": [{"MATNR": "HB38100", "VKORG": "1000", "VTWEG": "10", "VRKME": "ST", "DWERK": "1000"}],
            "MARM": [{"MATNR": "HB38100", "MEINH": "ST", "UMREZ": "1", "UMREN": "1"}],
            "A004": [{"KNUMH": "0000004711", "DATAB": "20260101", "DATBI": "99991231"}],
            "KONP": [{"KNUMH": "0000004711", "KOPOS": "01", "KBETR": "0.42", "KONWA": "USD", "KPEIN": "1", "KMEIN": "ST"}],
            "KONM": [{"KNUMH": "0000004711", "KOPOS": "01", "KLFN1": "0001", "KSTBM": "1", "KBETR": "0.42"},
                     {"KNUMH": "0000004711", "KOPOS": "01", "KLFN1": "0002", "KSTBM": "100", "KBETR": "0.38"}],
        },
    )


def _tables_read(conn) -> list[str]:
    return [p["QUERY_TABLE"] for n, p in conn.log if n == "RFC_READ_TABLE"]


def test_material_without_scales_reads_no_price_record():
    conn = _material_connection()
    bare = gateway(conn).material("HB38100", sales_area=AREA, scales=False)
    assert bare.scales == () and bare.sales_unit == "PC" and bare.delivering_plant == "1000"
    assert sorted(_tables_read(conn)) == ["MARM", "MVKE"]


def test_price_scales_read_the_record_then_its_price_and_scale():
    conn = _material_connection()
    scales = gateway(conn).price_scales("HB38100", sales_area=AREA)
    assert [(s.from_quantity, s.price, s.currency) for s in scales] == [(D(1), D("0.42"), "USD"), (D(100), D("0.38"), "USD")]
    reads = _tables_read(conn)
    assert reads[0] == "A004" and sorted(reads[1:]) == ["KONM", "KONP"]
    whole = _material_connection()
    assert gateway(whole).material("HB38100", sales_area=AREA).scales == scales


def test_an_open_item_with_a_payment_term_beyond_three_digits_is_refused_in_words():
    """NETTERMS is DEC 3; a larger value (a fuzzed answer found it) made a Python OverflowError."""
    from ordertui.sap.rfc import billing
    from ordertui.sap.rfc.transport import Transport

    class Answer:
        def call(self, name, **params):
            return {"RETURN": {}, "LINEITEMS": [{"DOC_NO": "0090000001", "AMT_DOCCUR": "10.00", "DB_CR_IND": "S",
                                                  "BLINE_DATE": "20261101", "NETTERMS": "99999999999999999999"}]}

    class OneConnection(Transport):
        def __init__(self):
            pass

        def call(self, name, **params):
            return Answer().call(name, **params)

    with pytest.raises(ValueError, match="payment term"):
        billing.open_items(OneConnection(), "10023", key_date=TODAY, company_code="1000")
