"""The sandbox answers get_function_description the way pyrfc does, and can differ from the
catalogue like another release or a user without some authorization (``describe.Variant``).

The recorded facts below are from SAP/PyRFC's live-system dump
``tests/data/func_desc_BAPISDORDER_GETDETAILEDLIST.py`` (names, types, lengths as pyrfc reports
them). Compared in full when this was written, the sandbox's description of that function
module agreed with the dump on every parameter (type, direction, optional) and every field of
every structure (type, nuc/uc length, decimals).
"""

from __future__ import annotations

import pytest

PARAM_KEYS = {"name", "parameter_type", "direction", "nuc_length", "uc_length", "decimals", "default_value",
              "parameter_text", "optional", "type_description"}
FIELD_KEYS = {"name", "field_type", "nuc_length", "nuc_offset", "uc_length", "uc_offset", "decimals", "type_description"}

# (parameter, parameter_type, direction, optional, type name) as SAP PyRFC's dump has them
RECORDED_PARAMS = [
    ("I_BAPI_VIEW", "RFCTYPE_STRUCTURE", "RFC_IMPORT", False, "ORDER_VIEW"),
    ("I_MEMORY_READ", "RFCTYPE_CHAR", "RFC_IMPORT", True, None),
    ("SALES_DOCUMENTS", "RFCTYPE_TABLE", "RFC_TABLES", False, "SALES_KEY"),
    ("ORDER_HEADERS_OUT", "RFCTYPE_TABLE", "RFC_TABLES", True, "BAPISDHD"),
    ("ORDER_ITEMS_OUT", "RFCTYPE_TABLE", "RFC_TABLES", True, "BAPISDIT"),
]
# (parameter, field, field_type, nuc_length, uc_length, decimals)
RECORDED_FIELDS = [
    ("I_BAPI_VIEW", "HEADER", "RFCTYPE_CHAR", 1, 2, 0),
    ("SALES_DOCUMENTS", "VBELN", "RFCTYPE_CHAR", 10, 20, 0),
    ("ORDER_HEADERS_OUT", "DOC_DATE", "RFCTYPE_DATE", 8, 16, 0),
    ("ORDER_HEADERS_OUT", "NET_VAL_HD", "RFCTYPE_BCD", 15, 15, 9),
    ("ORDER_ITEMS_OUT", "ITM_NUMBER", "RFCTYPE_NUM", 6, 12, 0),
    ("ORDER_ITEMS_OUT", "REQ_QTY", "RFCTYPE_BCD", 8, 8, 3),
]


def params_of(fd):
    return {p["name"]: p for p in fd.parameters}


def test_description_has_pyrfcs_shape(conn):
    fd = conn.get_function_description("bapisdorder_getdetailedlist")  # pyrfc upper-cases the name
    assert fd.name == "BAPISDORDER_GETDETAILEDLIST"
    for p in fd.parameters:
        assert set(p) == PARAM_KEYS
        td = p["type_description"]
        if td is not None:
            assert td.name and td.nuc_length > 0 and td.uc_length >= td.nuc_length
            assert all(set(f) == FIELD_KEYS for f in td.fields)


@pytest.mark.parametrize("name, ptype, direction, optional, type_name", RECORDED_PARAMS)
def test_parameters_as_pyrfc_reported_them(conn, name, ptype, direction, optional, type_name):
    p = params_of(conn.get_function_description("BAPISDORDER_GETDETAILEDLIST"))[name]
    assert (p["parameter_type"], p["direction"], p["optional"]) == (ptype, direction, optional)
    assert (p["type_description"].name if p["type_description"] else None) == type_name


@pytest.mark.parametrize("param, field, ftype, nuc, uc, decimals", RECORDED_FIELDS)
def test_fields_as_pyrfc_reported_them(conn, param, field, ftype, nuc, uc, decimals):
    td = params_of(conn.get_function_description("BAPISDORDER_GETDETAILEDLIST"))[param]["type_description"]
    f = {f["name"]: f for f in td.fields}[field]
    assert (f["field_type"], f["nuc_length"], f["uc_length"], f["decimals"]) == (ftype, nuc, uc, decimals)


def test_unknown_function_module(conn):
    with pytest.raises(Exception) as info:
        conn.get_function_description("Z_NOT_THERE")
    assert type(info.value).__name__ == "ABAPApplicationError" and info.value.key == "FU_NOT_FOUND"


def test_fields_the_sandbox_returns_beyond_the_catalogue_are_described(conn):
    td = params_of(conn.get_function_description("BAPI_DELIVERY_GETLIST"))["ET_DELIVERY_ITEM"]["type_description"]
    assert {"ARKTX", "VGBEL", "VGPOS"} <= {f["name"] for f in td.fields}


# --------------------------------------------------------------------------- variants


def test_a_missing_function_module(connect):
    conn = connect(interface_changes={"BAPI_MATERIAL_AVAILABILITY": None})
    for attempt in (lambda: conn.get_function_description("BAPI_MATERIAL_AVAILABILITY"),
                    lambda: conn.call("BAPI_MATERIAL_AVAILABILITY", PLANT="1000", MATERIAL="X", UNIT="ST")):
        with pytest.raises(Exception) as info:
            attempt()
        assert info.value.key == "FU_NOT_FOUND"


def test_a_renamed_and_a_shortened_field(connect):
    conn = connect(interface_changes={"BAPI_CUSTOMER_FIND.RESULT_TAB-CUSTOMER": {"name": "KUNNR"},
                                      "BAPI_CUSTOMER_FIND.SELOPT_TAB-FIELDVALUE": {"length": 40}})
    p = params_of(conn.get_function_description("BAPI_CUSTOMER_FIND"))
    result = {f["name"] for f in p["RESULT_TAB"]["type_description"].fields}
    assert "KUNNR" in result and "CUSTOMER" not in result
    value = {f["name"]: f for f in p["SELOPT_TAB"]["type_description"].fields}["FIELDVALUE"]
    assert (value["nuc_length"], value["uc_length"]) == (40, 80)
    answer = conn.call("BAPI_CUSTOMER_FIND", MAX_CNT=5, PL_HOLD="X",
                       SELOPT_TAB=[{"TABNAME": "KNA1", "FIELDNAME": "MCOD1", "FIELDVALUE": "*MIAMI*"}])
    assert answer["RESULT_TAB"] and all("KUNNR" in r and "CUSTOMER" not in r for r in answer["RESULT_TAB"])


def test_a_removed_parameter_is_refused_by_its_old_name(connect):
    conn = connect(interface_changes={"BAPI_CUSTOMER_FIND.PL_HOLD": None})
    assert "PL_HOLD" not in params_of(conn.get_function_description("BAPI_CUSTOMER_FIND"))
    with pytest.raises(Exception) as info:
        conn.call("BAPI_CUSTOMER_FIND", PL_HOLD="X")
    assert info.value.key == "RFC_INVALID_PARAMETER"


def read(conn, table, *fields, **kw):
    return conn.call("RFC_READ_TABLE", QUERY_TABLE=table, NO_DATA="X",
                     FIELDS=[{"FIELDNAME": f} for f in fields], **kw)


def test_table_field_shorter_removed_renamed(connect):
    conn = connect(interface_changes={"KNA1-MCOD1": {"length": 20}, "LIKP-TRAID": None,
                                      "KNVK-PAFKT": {"name": "FUNKT"}})
    meta = {f["FIELDNAME"]: f for f in read(conn, "KNA1", "KUNNR", "MCOD1")["FIELDS"]}
    assert meta["MCOD1"]["LENGTH"] == "000020" and meta["KUNNR"]["LENGTH"] == "000010"
    for table, field in (("LIKP", "TRAID"), ("KNVK", "PAFKT")):
        with pytest.raises(Exception) as info:
            read(conn, table, "VBELN" if table == "LIKP" else "PARNR", field)
        assert info.value.key == "FIELD_NOT_VALID"
    assert [f["FIELDNAME"] for f in read(conn, "KNVK", "PARNR", "FUNKT")["FIELDS"]] == ["PARNR", "FUNKT"]


def test_a_missing_table(connect):
    with pytest.raises(Exception) as info:
        read(connect(interface_changes={"TVKWZ": None}), "TVKWZ", "WERKS")
    assert info.value.key == "TABLE_NOT_AVAILABLE"


def test_missing_authorizations_per_function_module_and_table(connect):
    conn = connect(unauthorized={"BAPI_SALESORDER_SIMULATE", "KNVK"})
    with pytest.raises(Exception) as info:
        conn.call("BAPI_SALESORDER_SIMULATE", ORDER_HEADER_IN={"DOC_TYPE": "TA"})
    assert type(info.value).__name__ == "ABAPRuntimeError" and "no RFC authorization" in info.value.message
    with pytest.raises(Exception) as info:
        read(conn, "KNVK", "PARNR")
    assert type(info.value).__name__ == "ABAPApplicationError" and info.value.key == "NOT_AUTHORIZED"
    assert read(conn, "KNA1", "KUNNR")["FIELDS"]  # everything else as before
    assert conn.get_function_description("BAPI_SALESORDER_SIMULATE").parameters  # metadata stays readable
