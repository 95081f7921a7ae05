"""RFC_READ_TABLE: Open SQL WHERE clauses, field metadata, work areas and its exceptions."""

from __future__ import annotations

import pytest

from ordertui.sap.sandbox import ddic, where


def read(conn, table, fields, clause="", **kw):
    rows = [clause[i:i + 72] for i in range(0, len(clause), 72)] if clause else []
    # split only at blanks, like a caller must (tokens may not be cut)
    if clause and len(clause) > 72:
        rows, line = [], ""
        for word in clause.split(" "):
            if len(line) + len(word) + 1 > 72:
                rows.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        rows.append(line)
    res = conn.call("RFC_READ_TABLE", QUERY_TABLE=table, DELIMITER=kw.pop("delimiter", "|"),
                    FIELDS=[{"FIELDNAME": f} for f in fields],
                    OPTIONS=[{"TEXT": r} for r in rows], **kw)
    return res


def values(res):
    return [[v.strip() for v in r["WA"].split("|")] for r in res["DATA"]]


def test_equality_on_key(conn):
    res = read(conn, "KNA1", ["KUNNR", "NAME1", "ORT01"], "KUNNR = '0000010023'")
    assert values(res) == [["0000010023", "Miami Valley Fastener Supply Inc.", "Springfield"]]
    f = {r["FIELDNAME"]: r for r in res["FIELDS"]}
    assert (f["KUNNR"]["OFFSET"], f["KUNNR"]["LENGTH"], f["KUNNR"]["TYPE"]) == (
        "000000", "000010", "C")
    assert f["NAME1"]["OFFSET"] == "000011" and f["NAME1"]["FIELDTEXT"] == "Name"


def test_fixed_width_without_delimiter(conn):
    res = read(conn, "KNA1", ["KUNNR", "LAND1", "PSTLZ"], "KUNNR EQ '0000010023'",
               delimiter="")
    wa = res["DATA"][0]["WA"]
    assert wa[:10] == "0000010023" and wa[10:13].strip() == "US" and wa[13:].strip() == "45502"
    assert res["FIELDS"][1]["OFFSET"] == "000010"


def test_phone_search_then_address_join(conn):
    res = read(conn, "ADR2", ["ADDRNUMBER", "PERSNUMBER", "TEL_NUMBER"],
               "TELNR_LONG = '+19375550142'")
    rows = values(res)
    assert len(rows) == 1 and rows[0][2] == "+1 (937) 555-0142"
    kna1 = read(conn, "KNA1", ["KUNNR"], f"ADRNR IN ( '{rows[0][0]}', 'NONE' )")
    assert values(kna1) == [["0000010023"]]


def test_like_not_like_and_or_not_parentheses_across_rows(conn):
    clause = ("MCOD1 LIKE '%MIAMI VALLEY%' AND ( KTOKD = '0002' OR KTOKD = '0001' ) "
              "AND NOT ORT01 = 'Columbus' AND NAME1 NOT LIKE '%Cincinnati' AND LAND1 <> 'DE'")
    assert len(clause) > 72
    got = {r[1] for r in values(read(conn, "KNA1", ["KUNNR", "ORT01"], clause))}
    assert got == {"Springfield", "Dayton"}


def test_like_underscore_and_postal_code_prefix(conn):
    got = values(read(conn, "KNA1", ["PSTLZ"], "PSTLZ LIKE '4550_' AND KUNNR = '0000010023'"))
    assert got == [["45502"]]
    assert all(r[0].startswith("454") for r in values(read(conn, "KNA1", ["PSTLZ"],
                                                           "PSTLZ LIKE '454%'")))


def test_comparisons_on_dates_and_packed_numbers(conn):
    rows = values(read(conn, "BSID", ["BUDAT", "DMBTR"],
                       "KUNNR = '0000010090' AND DMBTR > 100 AND BUDAT >= '20250101'"))
    assert rows and all(float(r[1]) > 100 and r[0] >= "20250101" for r in rows)


def test_rowcount_and_rowskips(conn):
    all_rows = values(read(conn, "KNA1", ["KUNNR"], "LAND1 = 'DE'"))
    assert len(all_rows) > 10
    page = values(read(conn, "KNA1", ["KUNNR"], "LAND1 = 'DE'", ROWSKIPS=3, ROWCOUNT=4))
    assert page == all_rows[3:7]


def test_no_data_returns_field_metadata_only(conn):
    res = read(conn, "VBAK", ["VBELN", "NETWR", "ERDAT"], NO_DATA="X")
    assert res["DATA"] == []
    assert [(f["TYPE"], f["LENGTH"]) for f in res["FIELDS"]] == [
        ("C", "000010"), ("P", "000017"), ("D", "000008")]


def test_packed_values_are_right_aligned_text(conn):
    res = read(conn, "KONP", ["KNUMH", "KBETR", "KONWA"], "KSCHL = 'ZPR1'", ROWCOUNT=1)
    raw = res["DATA"][0]["WA"].split("|")[1]
    assert len(raw) == 13 and raw.strip().replace(".", "").isdigit()


@pytest.mark.parametrize("table", ["KNA1", "KNVV", "KNVP", "KNVK", "ADR2", "ADR6", "MVKE",
                                   "MARM", "A004", "KONP", "KONM", "LIKP", "LFA1", "VBRK",
                                   "VBRP", "TVZBT", "TVSBT", "MARA", "MAKT", "KNKK", "T001W",
                                   "VBAK", "VBAP", "VBPA"])
def test_tables_of_the_call_plan_are_served(conn, table):
    fields = [f.name for f in ddic.TABLE_DEFS[table][1]][:6]
    res = read(conn, table, fields, ROWCOUNT=3)
    assert len(res["DATA"]) == 3


def test_errors(conn):
    with pytest.raises(Exception) as ei:
        read(conn, "ZZZZ", ["X"])
    e = ei.value
    assert (type(e).__name__, e.code, e.key, e.msg_class, e.msg_number, e.msg_v1) == (
        "ABAPApplicationError", 5, "TABLE_NOT_AVAILABLE", "SV", "029", "ZZZZ")
    with pytest.raises(Exception) as ei:
        read(conn, "KNA1", ["KUNNR", "NOPE"])
    assert ei.value.key == "FIELD_NOT_VALID"
    with pytest.raises(Exception) as ei:
        read(conn, "KNA1", ["kunnr"])
    assert ei.value.key == "FIELD_NOT_VALID"
    for bad in ("KUNNR = ", "KUNNR == '1'", "NOPE = '1'", "KUNNR = '1' AND", "( KUNNR = '1'",
                "KUNNR LIKE", "KUNNR IN ( '1' ", "'1' = KUNNR", "KUNNR = '1' ORDER BY KUNNR"):
        with pytest.raises(Exception) as ei:
            read(conn, "KNA1", ["KUNNR"], bad)
        assert ei.value.key == "OPTION_NOT_VALID", bad
    with pytest.raises(Exception) as ei:
        read(conn, "KNA1", [])  # all KNA1 fields are wider than 512
    assert ei.value.key == "DATA_BUFFER_EXCEEDED"
    with pytest.raises(Exception) as ei:
        read(conn, "ADR6", ["SMTP_ADDR", "SMTP_ADDR", "SMTP_ADDR"])
    assert ei.value.key == "DATA_BUFFER_EXCEEDED"
    assert len(read(conn, "TVSBT", [])["FIELDS"]) == 4  # narrow tables: all fields


def test_where_parser_units():
    t = ddic.new_table("TVSBT")
    for row in (("100", "E", "01", "Standard"), ("100", "E", "02", "Express"),
                ("100", "D", "01", "Standard DE"), ("100", "E", "10", "Customer's truck")):
        t.append(t.row(MANDT=row[0], SPRAS=row[1], VSBED=row[2], VTEXT=row[3]))

    def hits(clause):
        node = where.parse(clause, t.pos)
        pred = where.compile_predicate(node, t)
        return [r[3] for r in t.rows if pred(r)]

    assert hits("SPRAS = 'E'") == ["Standard", "Express", "Customer's truck"]
    assert hits("spras eq 'E' and not vsbed ne '01'") == ["Standard"]
    assert hits("VSBED IN ('01','02') AND SPRAS = 'D'") == ["Standard DE"]
    assert hits("VSBED NOT IN ( '01' )") == ["Express", "Customer's truck"]
    assert hits("VTEXT LIKE 'Standard%' OR VSBED >= '02'") == ["Standard", "Express",
                                                              "Standard DE", "Customer's truck"]
    assert hits("VTEXT LIKE 'Standar_'") == ["Standard"]
    assert hits("VSBED BETWEEN '01' AND '01'") == ["Standard", "Standard DE"]
    # a doubled quote inside a literal is one quote: only un-doubling finds the row that holds one
    assert hits("VTEXT = 'Customer''s truck'") == ["Customer's truck"]
    assert hits("VTEXT LIKE '%''s%'") == ["Customer's truck"]
    assert hits("VTEXT = 'Customer" + "'" * 4 + "s truck'") == []  # two doubled quotes are two quotes
    assert hits("VTEXT = 'it''s'") == []
    assert hits("") == ["Standard", "Express", "Standard DE", "Customer's truck"]
    assert where.candidates(where.parse("SPRAS = 'E' AND VSBED = '02'", t.pos), t) is not None
    assert where.candidates(where.parse("VTEXT LIKE 'S%'", t.pos), t) is None


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TOKENS = ["SPRAS", "VSBED", "VTEXT", "=", "<>", "<", ">=", "EQ", "NE", "LIKE", "NOT", "IN",
           "AND", "OR", "(", ")", ",", "'E'", "'0%'", "'x''y'", "BETWEEN", "12", "'", "NOPE",
           "==", ";", "ORDER", "BY"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=12))
def test_where_parser_never_fails_other_than_option_not_valid(tokens):
    t = ddic.new_table("TVSBT")
    t.append(t.row(MANDT="100", SPRAS="E", VSBED="01", VTEXT="Standard"))
    try:
        node = where.parse(" ".join(tokens), t.pos)
        pred = where.compile_predicate(node, t)
        [pred(r) for r in t.rows]
        where.candidates(node, t)
    except where.OptionNotValid:
        pass


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab%_", max_size=6), st.text(alphabet="ab", max_size=6))
def test_like_matches_sql_semantics(pattern, value):
    import re as _re

    t = ddic.new_table("TVSBT")
    t.append(t.row(MANDT="100", SPRAS="E", VSBED="01", VTEXT=value))
    pred = where.compile_predicate(where.parse(f"VTEXT LIKE '{pattern}'", t.pos), t)
    expected = _re.fullmatch(pattern.replace("%", ".*").replace("_", "."), value) is not None
    assert pred(t.rows[0]) is expected


def test_a_quote_in_a_literal_reaches_the_row_that_holds_it(conn):
    # sandbox extra record 15002: a customer and its contact person with an apostrophe
    res = read(conn, "KNVK", ["KUNNR", "NAMEV", "NAME1"], "NAME1 = 'O''Brien'")
    assert values(res) == [["0000015002", "Siobhan", "O'Brien"]]
    res = read(conn, "KNA1", ["KUNNR"], "MCOD1 LIKE '%O''BRIEN%' AND NAME1 <> 'O''Brien'")
    assert values(res) == [["0000015002"]]
