"""RETURN parsing for every shape, error mapping by class name, WHERE building, query kinds."""

from __future__ import annotations

import logging

import pytest

from ordertui.sap import errors as E
from ordertui.sap.query_text import check_query, cp_escape, cp_pattern, fold, sap_upper, search_fragment, unaccent
from ordertui.sap.rfc import (
    clean_query,
    literal,
    local_number,
    map_rfc_error,
    messages_from,
    normalize_phone,
    options_rows,
    query_kinds,
    raise_for_errors,
)

RET2_BLANK = {"TYPE": "", "ID": "", "NUMBER": "000", "MESSAGE": "", "LOG_NO": "", "LOG_MSG_NO": "000000",
              "MESSAGE_V1": "", "MESSAGE_V2": "", "MESSAGE_V3": "", "MESSAGE_V4": "", "PARAMETER": "",
              "ROW": 0, "FIELD": "", "SYSTEM": ""}


def test_bapiret2_table_with_rows_and_items():
    rows = [
        dict(RET2_BLANK, TYPE="S", ID="V4", NUMBER="233", MESSAGE="SALES_HEADER_IN processed", PARAMETER="SALES_HEADER_IN"),
        dict(RET2_BLANK, TYPE="E", ID="V1", NUMBER="392", MESSAGE="Material 9 not defined", ROW=2, FIELD="MATERIAL"),
    ]
    msgs = messages_from(rows, item_by_row=["10", "20"])
    assert [m.code for m in msgs] == ["V4 233", "V1 392"]
    assert msgs[1].item == "20" and msgs[1].row == 2 and msgs[1].field == "MATERIAL" and msgs[1].is_error
    assert msgs[0].item == "" and msgs[0].parameter == "SALES_HEADER_IN"


def test_blank_structures_mean_success():
    assert messages_from(RET2_BLANK) == ()
    assert messages_from({"TYPE": "", "CODE": "", "MESSAGE": ""}) == ()
    assert messages_from(None) == () and messages_from([]) == ()


def test_bapireturn_code_split():
    (m,) = messages_from({"TYPE": "E", "CODE": "QC160", "MESSAGE": "No sales data", "LOG_NO": "",
                          "LOG_MSG_NO": "000000", "MESSAGE_V1": "", "MESSAGE_V2": "", "MESSAGE_V3": "", "MESSAGE_V4": ""})
    assert (m.type, m.id, m.number, m.text) == ("E", "QC", "160", "No sales data")


@pytest.mark.parametrize("shape", ["BAPIRETURN1", "BAPIRET1"])
def test_bapireturn1_and_bapiret1(shape):
    row = {"TYPE": "W", "ID": "F2", "NUMBER": "156", "MESSAGE": "not in sales area", "LOG_NO": "",
           "LOG_MSG_NO": "000000", "MESSAGE_V1": "", "MESSAGE_V2": "", "MESSAGE_V3": "", "MESSAGE_V4": ""}
    (m,) = messages_from(row)
    assert m.code == "F2 156" and m.is_warning and not m.is_error


def test_itm_number_wins_over_row():
    (m,) = messages_from([{"TYPE": "W", "ID": "X", "NUMBER": "001", "MESSAGE": "m", "ITM_NUMBER": "000030", "ROW": 1}],
                         item_by_row=["10"])
    assert m.item == "30"


def test_raise_for_errors():
    raise_for_errors(messages_from([dict(RET2_BLANK, TYPE="W", ID="V4", NUMBER="555", MESSAGE="incomplete")]))
    with pytest.raises(E.SapBusinessError) as info:
        raise_for_errors(messages_from([dict(RET2_BLANK, TYPE="A", ID="V1", NUMBER="154", MESSAGE="blocked")]))
    assert str(info.value) == "blocked" and info.value.messages[0].code == "V1 154"
    with pytest.raises(E.NotFound):
        raise_for_errors(messages_from({"TYPE": "E", "CODE": "F2502", "MESSAGE": "nope"}), not_found=True)


# --------------------------------------------------------------------------- error mapping


def _fake(name, bases=(Exception,), **attrs):
    """A class with the given name — the mapper must work on names, not on pyrfc's classes."""
    cls = type(name, bases, {})
    exc = cls(attrs.pop("message", ""))
    for k, v in attrs.items():
        setattr(exc, k, v)
    exc.message = str(exc)
    return exc


def test_mapping_by_class_name():
    rfc = type("RFCError", (Exception,), {})
    lib = type("RFCLibError", (rfc,), {})

    def make(name, **kw):
        return _fake(name, (lib,), **kw)

    assert isinstance(map_rfc_error(make("CommunicationError", message="refused")), E.SapUnreachable)
    logon = map_rfc_error(make("LogonError", message="Name or password is incorrect (repeat logon)"))
    assert isinstance(logon, E.LogonFailed) and "incorrect" in str(logon)
    assert isinstance(map_rfc_error(make("ExternalAuthorizationError", message="x")), E.NotAuthorized)
    assert isinstance(map_rfc_error(make("ABAPApplicationError", key="NOT_AUTHORIZED", message="x")), E.NotAuthorized)
    app = map_rfc_error(make("ABAPApplicationError", key="TABLE_NOT_AVAILABLE", message="SV 029"))
    assert type(app) is E.SapBusinessError
    dump = map_rfc_error(make("ABAPRuntimeError", key="COMPUTE_INT_ZERODIVIDE", message="dump"))
    assert isinstance(dump, E.SapSystemError) and dump.luw_lost
    assert isinstance(map_rfc_error(make("CommunicationError", key="RFC_CANCELED", message="t")), E.SapTimeout)
    assert isinstance(map_rfc_error(make("ExternalRuntimeError", key="RFC_INVALID_PARAMETER", message="field")), E.SapSystemError)
    assert isinstance(map_rfc_error(_fake("RFCError", message="invocation rejected because the connection is closed")), E.SapUnreachable)
    other = ValueError("x")
    assert map_rfc_error(other) is other


def test_mapping_with_real_pyrfc_classes():
    pyrfc = pytest.importorskip("pyrfc")
    assert isinstance(map_rfc_error(pyrfc.CommunicationError("down")), E.SapUnreachable)
    assert isinstance(map_rfc_error(pyrfc.LogonError("bad")), E.LogonFailed)
    assert isinstance(map_rfc_error(pyrfc.ABAPRuntimeError("dump")), E.SapSystemError)


def test_password_scrubbed_from_error_text():
    exc = _fake("LogonError", message="logon failed for passwd=Geheim123 user=X 'passwd': 'Geheim123' pw Geheim123")
    mapped = map_rfc_error(exc, secrets=("Geheim123",))
    assert "Geheim123" not in str(mapped) and "Geheim123" not in mapped.message
    mapped2 = map_rfc_error(_fake("LogonError", message="params passwd=Other99!"))
    assert "Other99" not in str(mapped2)


# --------------------------------------------------------------------------- WHERE


def test_literal_escapes_quotes_and_controls():
    assert literal("O'Brien") == "'O''Brien'"
    assert literal("a\x00b\nc") == "'abc'"


def test_options_rows_split_at_72_outside_literals():
    where = "KUNNR IN ( " + " , ".join(f"'{n:010d}'" for n in range(30)) + " ) AND NAME1 = 'A B  C'"
    rows = options_rows(where)
    assert all(len(r["TEXT"]) <= 72 for r in rows) and len(rows) > 5
    assert " ".join(r["TEXT"] for r in rows) == where.replace("  C", "  C")
    assert any("'A B  C'" in r["TEXT"] for r in rows)


# --------------------------------------------------------------------------- one rule for search text


@pytest.mark.parametrize("typed", ["A+B", "50%", "a_b", "*bolt*", "HB-38#", "#10 SCREW", "what?", "o'brien"])
def test_every_character_is_searched_as_typed(typed):
    assert clean_query(typed) == typed
    assert check_query(typed) == (typed, "")
    assert search_fragment(typed, upper=True) == sap_upper(typed)


@pytest.mark.parametrize("typed", ["  A+B  ", "buck\x07eye", "Mü\u00a0ller", "a\tb", "x" * 200, "**", "%%", "a", ""])
def test_screens_and_adapter_follow_one_rule(typed):
    query, problem = check_query(typed)
    if query:
        assert clean_query(typed) == query
    elif problem:
        with pytest.raises(ValueError, match=problem[:20].replace("*", r"\*").replace("?", r"\?").replace("+", r"\+")):
            clean_query(typed)
    else:
        with pytest.raises(ValueError):
            clean_query(typed)


def test_search_text_normalisation():
    assert check_query("buck\x07eye") == ("buckeye", "Control characters were ignored")
    assert clean_query("Mü\u00a0ller  GmbH") == "Mü ller GmbH"  # a no-break space is a space
    assert "as typed" in check_query("**")[1] and "as typed" in check_query("%_")[1]
    with pytest.raises(ValueError, match="letters or digits"):
        search_fragment("-+")


def test_sap_patterns_escape_with_hash():
    assert cp_escape("HB-38#") == "HB-38##"
    assert cp_escape("A*B+C") == "A#*B#+C"
    assert cp_pattern("#10 SCREW", room=40) == ("*##10 SCREW*", "#10 SCREW")
    assert cp_pattern("ABCDEFGHIJKLMNO#P", room=18) == ("*ABCDEFGHIJKLMNO*", "ABCDEFGHIJKLMNO")  # never half an escape
    assert sap_upper("Straße") == "STRAßE" and sap_upper("Müller") == "MÜLLER"  # one character stays one


def test_fold_reads_like_a_person():
    assert fold("Müller") == fold("Mueller") == fold("MULLER") == "MULLER"
    assert fold("Montréal") == fold("MONTREAL")
    assert fold("Straße") == "STRASSE"
    assert fold("Querétaro") == fold("QUERETARO") and unaccent("Querétaro") == "QUERETARO"


# --------------------------------------------------------------------------- queries


@pytest.mark.parametrize("bad", ["", " ", "a", "\x00\x01", "x" * 201])
def test_queries_sap_would_reject(bad):
    with pytest.raises(ValueError):
        clean_query(bad)


@pytest.mark.parametrize(
    ("q", "kinds"),
    [("10023", ["number", "postal"]), ("0000010023", ["number", "phone"]), ("4711", ["number"]),
     ("9375550142", ["number", "phone"]), ("+1 (937) 555-0142", ["phone"]), ("937.555.0142", ["phone"]),
     ("45402-1234", ["postal"]), ("D-69190", ["postal"]), ("acme", ["name"]), ("Dayton", ["name"]),
     ("+49 6227 747474", ["phone"])],
)
def test_query_kinds(q, kinds):
    assert query_kinds(clean_query(q)) == kinds


def test_phone_normalisation():
    assert normalize_phone("+1 (937) 555-0142", "US") == "+19375550142"
    assert normalize_phone("937.555.0142", "US") == "+19375550142"
    assert normalize_phone("06227 747474", "DE") == "+496227747474"
    assert normalize_phone("12", "US") == ""


def test_logger_name():
    assert logging.getLogger("ordertui.sap").name == "ordertui.sap"


def test_read_table_rows_split_by_offsets_when_a_value_holds_the_delimiter():
    from ordertui.sap.rfc import _parse_read_table

    fields = [
        {"FIELDNAME": "KUNNR", "OFFSET": "000000", "LENGTH": "000010"},
        {"FIELDNAME": "NAME1", "OFFSET": "000011", "LENGTH": "000035"},
        {"FIELDNAME": "ORT01", "OFFSET": "000047", "LENGTH": "000035"},
    ]
    wa = "0000010023|" + "A|B Tools".ljust(35) + "|Dayton"
    rows = _parse_read_table({"FIELDS": fields, "DATA": [{"WA": wa}]}, ["KUNNR", "NAME1", "ORT01"])
    assert rows == [{"KUNNR": "0000010023", "NAME1": "A|B Tools", "ORT01": "Dayton"}]
    plain = _parse_read_table({"FIELDS": fields, "DATA": [{"WA": "0000010023|Acme|"}]}, [])
    assert plain == [{"KUNNR": "0000010023", "NAME1": "Acme", "ORT01": ""}]
