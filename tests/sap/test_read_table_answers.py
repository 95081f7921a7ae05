"""RFC_READ_TABLE answers that do not match what was asked (found by
tests/security/test_fuzz_sap_answers.py): every row still has every requested field.

A system whose table lacks a field (another release, a field cut from FIELDS), a FIELDS row
whose OFFSET is blank, a DATA row without WA: the parsers read ``row["KUNNR"]``, ``row["LIFNR"]``,
``row["KNUMH"]`` by name, and raised KeyError, AttributeError or ``int(' ')``'s ValueError from
deep inside a search, shown as "Unexpected error".
"""

from __future__ import annotations

from ordertui.model import SalesArea
from ordertui.sap.rfc import RfcGateway
from ordertui.sap.rfc.opensql import _parse_read_table, read_table
from tests.conftest import TODAY
from tests.fakes.rfc_connection import FakeConnection

AREA = SalesArea("1000", "10", "00")


class Answering:
    """Just enough of a transport for ``read_table``: one canned RFC_READ_TABLE answer."""

    def __init__(self, answer):
        self.answer = answer

    def call(self, name, **params):
        assert name == "RFC_READ_TABLE"
        return self.answer


def test_a_field_missing_from_fields_is_blank_in_every_row():
    answer = {"FIELDS": [{"FIELDNAME": "NAME1", "OFFSET": "000000", "LENGTH": "000035"}],
              "DATA": [{"WA": "Miami Valley"}]}
    assert read_table(Answering(answer), "KNA1", ("KUNNR", "NAME1")) == [{"KUNNR": "", "NAME1": "Miami Valley"}]


def test_an_offset_that_is_not_a_number_falls_back_to_the_delimiter():
    fields = [{"FIELDNAME": "KUNNR", "OFFSET": " ", "LENGTH": "000010"}, {"FIELDNAME": "NAME1", "OFFSET": "1O", "LENGTH": "35"}]
    rows = _parse_read_table({"FIELDS": fields, "DATA": [{"WA": "0000010023|Acme|extra"}]}, ["KUNNR", "NAME1"])
    assert rows == [{"KUNNR": "0000010023", "NAME1": "Acme"}]


def test_a_row_without_a_line_is_a_blank_row():
    rows = _parse_read_table({"FIELDS": [], "DATA": [{}, {"WA": None}, {"WA": "0000010023|Acme"}]}, ["KUNNR", "NAME1"])
    assert rows == [{"KUNNR": "", "NAME1": ""}, {"KUNNR": "", "NAME1": ""}, {"KUNNR": "0000010023", "NAME1": "Acme"}]


def test_order_search_names_when_kna1_answers_without_the_customer_number():
    """after_sales._names read ``r["KUNNR"]`` of the KNA1 rows: KeyError when FIELDS lacked it."""

    class NoKunnr(FakeConnection):
        def _read_table(self, params):
            answer = super()._read_table(params)
            if params["QUERY_TABLE"] == "KNA1":
                answer["FIELDS"] = [f for f in answer["FIELDS"] if f["FIELDNAME"] != "KUNNR"]
                answer["DATA"] = [{"WA": row["WA"].split("|", 1)[-1]} for row in answer["DATA"]]
            return answer

    conn = NoKunnr(tables={
        "VBAK": [{"VBELN": "0000005007", "AUDAT": "20261120", "KUNNR": "0000010023", "BSTNK": "4500-7700", "VKORG": "1000",
                  "VTWEG": "10", "SPART": "00", "VBTYP": "C", "NETWR": "10.00", "WAERK": "USD", "GBSTK": "A"}],
        "KNA1": [{"KUNNR": "0000010023", "NAME1": "Miami Valley Fastener Supply Inc."}],
    })
    gw = RfcGateway(lambda: conn, user="DESK", client="100", today=lambda: TODAY)
    result = gw.search_orders("5007", sales_area=AREA)
    assert [hit.number for hit in result.hits] == ["5007"]
    assert result.hits[0].sold_to_name == ""  # not known from that answer; no crash
