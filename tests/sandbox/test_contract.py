"""Every served function module answers with the catalogue's interface, like pyrfc would."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from ordertui.sap.sandbox import catalog, errors

from .conftest import TODAY

D = TODAY.strftime("%Y%m%d")

# minimal valid calls of every served function module
CALLS = {
    "RFC_PING": {},
    "RFC_SYSTEM_INFO": {},
    "STFC_CONNECTION": {"REQUTEXT": "hello"},
    "BAPI_USER_GET_DETAIL": {"USERNAME": "ORDERDESK"},
    "BAPI_CUSTOMER_FIND": {"MAX_CNT": 5, "PL_HOLD": "X", "SELOPT_TAB": [
        {"TABNAME": "KNA1", "FIELDNAME": "MCOD1", "FIELDVALUE": "*MIAMI*"}]},
    "BAPI_CUSTOMER_GETDETAIL2": {"CUSTOMERNO": "0000010023"},
    "BAPI_CUSTOMER_GETSALESAREAS": {"CUSTOMERNO": "0000010023"},
    "BAPI_CUSTOMER_GETLIST": {"IDRANGE": [{"SIGN": "I", "OPTION": "BT", "LOW": "0000010020",
                                           "HIGH": "0000010030"}], "MAXROWS": 5},
    "BAPI_CUSTOMER_EXISTENCECHECK": {"CUSTOMERNO": "0000010023"},
    "BAPI_MATERIAL_GETLIST": {"MAXROWS": 5, "MATERIALSHORTDESCSEL": [
        {"SIGN": "I", "OPTION": "CP", "DESCR_LOW": "*HEX BOLT*", "DESCR_HIGH": ""}]},
    "BAPI_MATERIAL_GET_DETAIL": {"MATERIAL": "HB-38-100"},
    "BAPI_MATERIAL_AVAILABILITY": {"PLANT": "1000", "MATERIAL": "000000000000100100",
                                   "UNIT": "KAR", "WMDVSX": [{"REQ_DATE": D,
                                                               "REQ_QTY": Decimal("12")}]},
    "BAPI_SALESORDER_SIMULATE": {
        "ORDER_HEADER_IN": {"DOC_TYPE": "TA", "SALES_ORG": "1000", "DISTR_CHAN": "10",
                            "DIVISION": "00"},
        "ORDER_ITEMS_IN": [{"ITM_NUMBER": "000010", "MATERIAL": "HB-38-100",
                            "REQ_QTY": "40000"}],
        "ORDER_PARTNERS": [{"PARTN_ROLE": "AG", "PARTN_NUMB": "0000010023"}]},
    "BAPI_SALESORDER_CREATEFROMDAT2": {
        "ORDER_HEADER_IN": {"DOC_TYPE": "TA", "SALES_ORG": "1000", "DISTR_CHAN": "10",
                            "DIVISION": "00", "PURCH_NO_C": "CONTRACT-TEST"},
        "ORDER_ITEMS_IN": [{"ITM_NUMBER": "000010", "MATERIAL": "HB-38-100",
                            "TARGET_QTY": Decimal("10")}],
        "ORDER_PARTNERS": [{"PARTN_ROLE": "AG", "PARTN_NUMB": "0000010023"}],
        "TESTRUN": "X"},
    "BAPI_TRANSACTION_COMMIT": {"WAIT": "X"},
    "BAPI_TRANSACTION_ROLLBACK": {},
    "BAPI_SALESORDER_GETLIST": {"CUSTOMER_NUMBER": "0000010023", "SALES_ORGANIZATION": "1000"},
    "BAPISDORDER_GETDETAILEDLIST": {"I_BAPI_VIEW": {"HEADER": "X", "ITEM": "X",
                                                    "SDSCHEDULE": "X", "PARTNER": "X",
                                                    "ADDRESS": "X", "STATUS_H": "X",
                                                    "STATUS_I": "X", "FLOW": "X"},
                                    "SALES_DOCUMENTS": [{"VBELN": "0000005000"}]},
    "BAPI_SALESORDER_GETSTATUS": {"SALESDOCUMENT": "0000005000"},
    "BAPI_DELIVERY_GETLIST": {"IS_DLV_DATA_CONTROL": {"ITEM": "X", "HEAD_PARTNER": "X",
                                                      "DOC_FLOW": "X"},
                              "IT_VBELN": [{"SIGN": "I", "OPTION": "BT",
                                            "DELIV_NUMB_LOW": "0080000000",
                                            "DELIV_NUMB_HIGH": "0080000005"}]},
    "BAPI_BILLINGDOC_GETDETAIL": {"BILLINGDOCUMENT": "0090000000"},
    "BAPI_AR_ACC_GETOPENITEMS": {"COMPANYCODE": "1000", "CUSTOMER": "0000010090",
                                 "KEYDATE": D},
    "BAPI_CREDIT_ACCOUNT_GET_STATUS": {"CREDITCONTROLAREA": "1000", "CUSTOMER": "0000010023"},
    "RFC_READ_TABLE": {"QUERY_TABLE": "KNA1", "DELIMITER": "|",
                       "FIELDS": [{"FIELDNAME": "KUNNR"}, {"FIELDNAME": "NAME1"}],
                       "OPTIONS": [{"TEXT": "KUNNR = '0000010023'"}]},
}


def _check_value(where: str, fdef: dict, value) -> None:
    abap = fdef.get("abap")
    if abap in catalog.CHAR_TYPES or abap is None:
        assert isinstance(value, str), where
        if fdef.get("length"):
            assert len(value) <= fdef["length"], where
        assert value == value.rstrip(), where
    elif abap == "NUMC":
        assert isinstance(value, str) and value.isdigit() and len(value) == fdef["length"], \
            (where, value)
    elif abap == "DATS":
        assert value == "" or (isinstance(value, str) and re.fullmatch(r"\d{8}", value)), \
            (where, value)
        if value:
            dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    elif abap == "TIMS":
        assert isinstance(value, str) and re.fullmatch(r"\d{6}", value), (where, value)
    elif abap in catalog.BCD_TYPES:
        assert isinstance(value, Decimal), (where, value)
        assert -value.as_tuple().exponent == (fdef.get("decimals") or 0), (where, value)
    elif abap in catalog.INT_TYPES:
        assert isinstance(value, int), where
    elif abap == "FLTP":
        assert isinstance(value, float), where


def _check_struct(where: str, pdef: dict, value: dict) -> None:
    assert isinstance(value, dict), where
    fields = catalog.fields_of(pdef)
    if fields is None:
        return
    assert set(fields) <= set(value), (where, set(fields) - set(value))
    if catalog.is_complete(pdef):
        assert set(value) == set(fields), (where, set(value) - set(fields))
    for name, fdef in fields.items():
        _check_value(f"{where}.{name}", fdef, value[name])


@pytest.mark.parametrize("name", sorted(CALLS))
def test_result_carries_every_export_changing_and_tables_parameter(conn, name):
    fdef = catalog.function(name)
    result = conn.call(name, **CALLS[name])
    expected = {p for p, d in fdef["params"].items() if d["direction"] != "IMPORT"}
    assert set(result) == expected
    for pname, pdef in fdef["params"].items():
        if pdef["direction"] == "IMPORT":
            continue
        value = result[pname]
        if pdef["kind"] == "scalar":
            _check_value(pname, pdef, value)
        elif pdef["kind"] == "structure":
            _check_struct(pname, pdef, value)
        else:
            assert isinstance(value, list), pname
            for i, row in enumerate(value):
                _check_struct(f"{pname}[{i}]", pdef, row)


def test_calls_return_data_not_just_shapes(conn):
    assert conn.call("RFC_PING") == {}
    assert conn.call("STFC_CONNECTION", REQUTEXT="hello")["ECHOTEXT"] == "hello"
    assert conn.call("BAPI_CUSTOMER_FIND", **CALLS["BAPI_CUSTOMER_FIND"])["RESULT_TAB"]
    assert conn.call("BAPISDORDER_GETDETAILEDLIST",
                     **CALLS["BAPISDORDER_GETDETAILEDLIST"])["ORDER_ITEMS_OUT"]
    assert conn.call("BAPI_DELIVERY_GETLIST",
                     **CALLS["BAPI_DELIVERY_GETLIST"])["ET_DELIVERY_HEADER"]
    assert conn.call("BAPI_AR_ACC_GETOPENITEMS", **CALLS["BAPI_AR_ACC_GETOPENITEMS"])[
        "LINEITEMS"]


RETURN_SHAPES = {
    "BAPI_SALESORDER_CREATEFROMDAT2": ("table", "BAPIRET2"),
    "BAPI_SALESORDER_SIMULATE": ("structure", "BAPIRETURN"),
    "BAPI_SALESORDER_GETLIST": ("structure", "BAPIRETURN"),
    "BAPI_SALESORDER_GETSTATUS": ("structure", "BAPIRETURN"),
    "BAPI_CUSTOMER_GETLIST": ("structure", "BAPIRETURN1"),
    "BAPI_CUSTOMER_FIND": ("structure", "BAPIRETURN1"),
    "BAPI_CUSTOMER_GETDETAIL2": ("structure", "BAPIRET1"),
    "BAPI_CUSTOMER_EXISTENCECHECK": ("structure", "BAPIRET1"),
    "BAPI_MATERIAL_GETLIST": ("table", "BAPIRET2"),
    "BAPI_MATERIAL_GET_DETAIL": ("structure", "BAPIRETURN"),
    "BAPI_MATERIAL_AVAILABILITY": ("structure", "BAPIRETURN"),
    "BAPI_AR_ACC_GETOPENITEMS": ("structure", "BAPIRETURN"),
    "BAPI_CREDIT_ACCOUNT_GET_STATUS": ("structure", "BAPIRETURN1"),
    "BAPI_DELIVERY_GETLIST": ("table", "BAPIRET2"),
    "BAPI_USER_GET_DETAIL": ("table", "BAPIRET2"),
    "BAPI_TRANSACTION_COMMIT": ("structure", "BAPIRET2"),
    "BAPI_TRANSACTION_ROLLBACK": ("structure", "BAPIRET2"),
}


@pytest.mark.parametrize("name", sorted(RETURN_SHAPES))
def test_return_shape_per_reference(conn, name):
    kind, struct = RETURN_SHAPES[name]
    ret = conn.call(name, **CALLS[name])["RETURN"]
    fields = set(catalog.structure(struct)["fields"])
    if kind == "table":
        assert isinstance(ret, list)
        rows = ret
    else:
        assert isinstance(ret, dict)
        rows = [ret]
    for row in rows:
        assert set(row) == fields
    assert ("CODE" in fields) == (struct == "BAPIRETURN")


def test_getdetailedlist_has_no_return(conn):
    assert "RETURN" not in conn.call("BAPISDORDER_GETDETAILEDLIST",
                                     **CALLS["BAPISDORDER_GETDETAILEDLIST"])


# ------------------------------------------------------------------ errors like pyrfc

def test_exceptions_are_pyrfcs_own_classes():
    pyrfc = pytest.importorskip("pyrfc")
    assert errors.error_classes()["ABAPApplicationError"] is pyrfc.ABAPApplicationError


def test_look_alike_classes_match_pyrfc_names_attributes_and_mro():
    e = errors.ABAPApplicationError("m", code=5, key="K", msg_class="FL", msg_type="E",
                                    msg_number="046", msg_v1="X")
    assert [c.__name__ for c in type(e).__mro__][:4] == [
        "ABAPApplicationError", "RFCLibError", "RFCError", "Exception"]
    assert (e.message, e.code, e.key, e.msg_class, e.msg_type, e.msg_number, e.msg_v1,
            e.msg_v2, e.msg_v3, e.msg_v4) == ("m", 5, "K", "FL", "E", "046", "X", None, None,
                                              None)
    assert errors.LogonError("bad").code == 2
    pyrfc = pytest.importorskip("pyrfc")
    for name in ("RFCError", "RFCLibError", "ABAPApplicationError", "ABAPRuntimeError",
                 "LogonError", "CommunicationError", "ExternalRuntimeError",
                 "ExternalApplicationError", "ExternalAuthorizationError"):
        ours, theirs = getattr(errors, name), getattr(pyrfc, name)
        assert [c.__name__ for c in ours.__mro__] == [c.__name__ for c in theirs.__mro__]


def test_concurrent_connections_share_one_database(connect):
    import threading

    results = []

    def work():
        c = connect()
        for _ in range(20):
            results.append(len(c.call("BAPI_SALESORDER_GETLIST", CUSTOMER_NUMBER="0000010023",
                                      SALES_ORGANIZATION="1000")["SALES_ORDERS"]) > 0)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [True] * 80


def test_unknown_function_module(conn):
    with pytest.raises(Exception) as ei:
        conn.call("Z_DOES_NOT_EXIST")
    e = ei.value
    assert type(e).__name__ == "ABAPApplicationError"
    assert (e.code, e.key, e.msg_class, e.msg_type, e.msg_number, e.msg_v1) == (
        5, "FU_NOT_FOUND", "FL", "E", "046", "Z_DOES_NOT_EXIST")


def test_unknown_parameter(conn):
    with pytest.raises(Exception) as ei:
        conn.call("BAPI_CUSTOMER_GETDETAIL2", CUSTOMER_NO="0000010023")
    e = ei.value
    assert type(e).__name__ == "ExternalRuntimeError"
    assert (e.code, e.key) == (20, "RFC_INVALID_PARAMETER")
    assert "field 'CUSTOMER_NO' not found" in e.message


def test_export_parameter_cannot_be_passed(conn):
    with pytest.raises(Exception) as ei:
        conn.call("BAPI_SALESORDER_CREATEFROMDAT2", SALESDOCUMENT="0000000001",
                  ORDER_HEADER_IN={}, ORDER_PARTNERS=[])
    assert ei.value.key == "RFC_INVALID_PARAMETER"


def test_unknown_field_in_complete_structure_is_rejected(conn):
    with pytest.raises(Exception) as ei:
        conn.call("BAPI_SALESORDER_SIMULATE",
                  ORDER_HEADER_IN={"DOC_TYPE": "TA", "SOLD_TO": "0000010023"},
                  ORDER_ITEMS_IN=[], ORDER_PARTNERS=[])
    assert (ei.value.code, ei.value.key) == (20, "RFC_INVALID_PARAMETER")
    assert "SOLD_TO" in ei.value.message
    with pytest.raises(Exception) as ei:
        conn.call("BAPI_SALESORDER_SIMULATE", ORDER_HEADER_IN={"DOC_TYPE": "TA"},
                  ORDER_ITEMS_IN=[{"ITM_NUMBER": "000010", "QUANTITY": "1"}], ORDER_PARTNERS=[])
    assert "QUANTITY" in ei.value.message


def test_unknown_field_in_partial_structure_passes(conn):
    # BAPI3007_2 is known to be partial: a real field the catalogue lacks must not be rejected
    res = conn.call("BAPI_AR_ACC_GETOPENITEMS", COMPANYCODE="1000", CUSTOMER="0000010090",
                    KEYDATE=D, LINEITEMS=[{"COMP_CODE": "1000", "PMNT_BLOCK": ""}])
    assert res["RETURN"]["TYPE"] == ""


@pytest.mark.parametrize("kwargs, field", [
    ({"CUSTOMERNO": 10023}, "CUSTOMERNO"),                                   # CHAR needs str
    ({"CUSTOMERNO": None}, "CUSTOMERNO"),
])
def test_char_type_errors(conn, kwargs, field):
    with pytest.raises(TypeError) as ei:
        conn.call("BAPI_CUSTOMER_GETDETAIL2", **kwargs)
    assert ei.value.args[-1] == field


@pytest.mark.parametrize("value", ["", "12a", 10, "１２"])
def test_numc_accepts_digit_strings_only(conn, value):
    with pytest.raises(TypeError) as ei:
        conn.call("BAPI_SALESORDER_SIMULATE", ORDER_HEADER_IN={"DOC_TYPE": "TA"},
                  ORDER_ITEMS_IN=[{"ITM_NUMBER": "000010", "REQ_QTY": value}],
                  ORDER_PARTNERS=[])
    assert ei.value.args[-1] == "REQ_QTY"


@pytest.mark.parametrize("value", [10, True, "ten", object()])
def test_bcd_rejects_int_and_junk(conn, value):
    with pytest.raises(TypeError) as ei:
        conn.call("BAPI_SALESORDER_CREATEFROMDAT2", ORDER_HEADER_IN={"DOC_TYPE": "TA"},
                  ORDER_ITEMS_IN=[{"ITM_NUMBER": "000010", "TARGET_QTY": value}],
                  ORDER_PARTNERS=[], TESTRUN="X")
    assert ei.value.args[-1] == "TARGET_QTY"


@pytest.mark.parametrize("value", [Decimal("2.5"), 2.5, "2.5"])
def test_bcd_accepts_decimal_float_and_numeric_str(conn, value):
    res = conn.call("BAPI_SALESORDER_CREATEFROMDAT2", ORDER_HEADER_IN=CALLS[
        "BAPI_SALESORDER_CREATEFROMDAT2"]["ORDER_HEADER_IN"],
        ORDER_ITEMS_IN=[{"ITM_NUMBER": "000010", "MATERIAL": "HB-38-100", "TARGET_QTY": value}],
        ORDER_PARTNERS=[{"PARTN_ROLE": "AG", "PARTN_NUMB": "0000010023"}], TESTRUN="X")
    assert not [m for m in res["RETURN"] if m["TYPE"] in "EA"]


@pytest.mark.parametrize("value", [TODAY.isoformat(), TODAY.strftime("%d%m%y"), int(D), "20261340"])
def test_dats_needs_date_or_8_digit_str(conn, value):
    with pytest.raises(TypeError) as ei:
        conn.call("BAPI_AR_ACC_GETOPENITEMS", COMPANYCODE="1000", CUSTOMER="0000010090",
                  KEYDATE=value)
    assert ei.value.args[-1] == "KEYDATE"


def test_dats_accepts_date_objects(conn):
    res = conn.call("BAPI_AR_ACC_GETOPENITEMS", COMPANYCODE="1000", CUSTOMER="0000010090",
                    KEYDATE=TODAY)
    assert res["LINEITEMS"]


@pytest.mark.parametrize("value", ["5", 5.0, Decimal(5)])
def test_int_accepts_int_only(conn, value):
    with pytest.raises(TypeError):
        conn.call("BAPI_CUSTOMER_FIND", MAX_CNT=value, SELOPT_TAB=[])


def test_structure_must_be_dict_and_table_list_of_dicts(conn):
    with pytest.raises(TypeError):
        conn.call("BAPI_SALESORDER_SIMULATE", ORDER_HEADER_IN=[("DOC_TYPE", "TA")],
                  ORDER_ITEMS_IN=[], ORDER_PARTNERS=[])
    with pytest.raises(TypeError):
        conn.call("BAPI_SALESORDER_SIMULATE", ORDER_HEADER_IN={}, ORDER_ITEMS_IN={},
                  ORDER_PARTNERS=[])
    with pytest.raises(TypeError):
        conn.call("BAPI_SALESORDER_SIMULATE", ORDER_HEADER_IN={}, ORDER_ITEMS_IN=["HB-38-100"],
                  ORDER_PARTNERS=[])


def test_over_long_char_is_truncated_silently(conn):
    res = conn.call("STFC_CONNECTION", REQUTEXT="x" * 300)
    assert res["ECHOTEXT"] == "x" * 255


def test_closed_connection_rejects_calls(connect):
    c = connect()
    c.close()
    assert not c.alive
    with pytest.raises(Exception) as ei:
        c.call("RFC_PING")
    assert type(ei.value).__name__ == "RFCError"
    assert "closed" in str(ei.value)


def test_not_requested_option_drops_parameters(conn):
    res = conn.call("BAPI_USER_GET_DETAIL", options={"not_requested": ["ADDRESS"]},
                    USERNAME="ORDERDESK")
    assert "ADDRESS" not in res and "PARAMETER" in res


def test_connection_attributes_and_context_manager(connect):
    with connect(user="jdoe", client="200", lang="EN") as c:
        attrs = c.get_connection_attributes()
        assert (attrs["user"], attrs["client"], attrs["language"], attrs["sysId"]) == (
            "JDOE", "200", "E", "SBX")
        assert c.alive
    assert not c.alive


def test_user_defaults_come_from_parameter_rows(conn):
    res = conn.call("BAPI_USER_GET_DETAIL", USERNAME="ORDERDESK")
    params = {r["PARID"]: r["PARVA"] for r in res["PARAMETER"]}
    assert {k: params[k] for k in ("VKO", "VTW", "SPA", "WRK")} == {
        "VKO": "1000", "VTW": "10", "SPA": "00", "WRK": "1000"}
    bad = conn.call("BAPI_USER_GET_DETAIL", USERNAME="NOBODY")
    assert [(m["TYPE"], m["ID"], m["NUMBER"]) for m in bad["RETURN"]] == [("E", "01", "124")]


def test_client_config_dtime_rstrip_and_return_import_params(connect):
    c = connect(config={"dtime": True, "rstrip": False, "return_import_params": True})
    res = c.call("BAPI_AR_ACC_GETOPENITEMS", COMPANYCODE="1000", CUSTOMER="0000010090",
                 KEYDATE=TODAY)
    item = res["LINEITEMS"][0]
    assert isinstance(item["PSTNG_DATE"], dt.date) and item["CLEAR_DATE"] is None
    assert len(item["CURRENCY"]) == 5 and item["CURRENCY"].rstrip() == "USD"
    assert res["KEYDATE"] == TODAY and res["CUSTOMER"] == "0000010090"
    plain = connect().call("BAPI_AR_ACC_GETOPENITEMS", COMPANYCODE="1000",
                           CUSTOMER="0000010090", KEYDATE=TODAY)
    assert "KEYDATE" not in plain and plain["LINEITEMS"][0]["CLEAR_DATE"] == ""


def test_a_sandbox_bug_surfaces_as_a_short_dump(conn, monkeypatch):
    from ordertui.sap.sandbox import fms

    def broken(conn, params):
        raise KeyError("oops")

    monkeypatch.setitem(fms.HANDLERS, "RFC_PING", broken)
    with pytest.raises(Exception) as ei:
        conn.call("RFC_PING")
    assert type(ei.value).__name__ == "ABAPRuntimeError" and ei.value.code == 3
    assert isinstance(ei.value.__cause__, KeyError)
