"""The draft as BAPI input, field by field (salesdoc.py; issue 14, mutation testing).

SIMULATE and CREATEFROMDAT2 take the same draft in look-alike structures; these tests pin what
each field becomes, including the optional ones that are sent only when set.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from ordertui.model import DraftLine, OrderDraft, SalesArea
from ordertui.sap.rfc.messages import messages_from
from ordertui.sap.rfc.salesdoc import HEADER_FIELDS, create_items, draft_input, order_header, simulate_items

AREA = SalesArea("2000", "20", "05")


def full_draft(**kw) -> OrderDraft:
    base = dict(
        sold_to="10023",
        sales_area=AREA,
        lines=(
            DraftLine(material="216", quantity=D("12.5"), unit="car", plant="1200",
                      requested_date=dt.date(2026, 12, 9)),
            DraftLine(material="hb-38-100", quantity=D("40")),
        ),
        ship_to="10024",
        customer_po="PO-77",
        requested_date=dt.date(2026, 12, 4),
        shipping_condition="02",
        po_date=dt.date(2026, 11, 26),
    )
    base.update(kw)
    return OrderDraft(**base)


def test_the_header_carries_every_field_that_is_set():
    header = order_header(full_draft(), purch_no_c="PO-77")
    assert header == {
        "DOC_TYPE": "TA", "SALES_ORG": "2000", "DISTR_CHAN": "20", "DIVISION": "05",
        "PURCH_NO_C": "PO-77", "REQ_DATE_H": "20261204", "PURCH_DATE": "20261126", "SHIP_COND": "02",
    }
    assert set(header) <= HEADER_FIELDS


def test_the_header_leaves_out_what_is_not_set():
    draft = full_draft(requested_date=None, po_date=None, shipping_condition="", order_type="ZOR")
    assert order_header(draft, purch_no_c="") == {
        "DOC_TYPE": "ZOR", "SALES_ORG": "2000", "DISTR_CHAN": "20", "DIVISION": "05"}


def test_items_partners_and_schedule_lines_in_sap_forms():
    parts = draft_input(full_draft())
    assert parts.item_numbers == ["10", "20"]
    assert [it.fields for it in parts.items] == [
        {"ITM_NUMBER": "000010", "MATERIAL": "000000000000000216", "PLANT": "1200", "SALES_UNIT": "KAR"},
        {"ITM_NUMBER": "000020", "MATERIAL": "HB-38-100"},
    ]
    assert [it.quantity for it in parts.items] == [D("12.5"), D("40")]
    assert parts.partners == [{"PARTN_ROLE": "AG", "PARTN_NUMB": "0000010023"},
                              {"PARTN_ROLE": "WE", "PARTN_NUMB": "0000010024"}]
    # a line's own date wins over the header's
    assert parts.schedules == [
        {"ITM_NUMBER": "000010", "SCHED_LINE": "0001", "REQ_QTY": D("12.5"), "REQ_DATE": "20261209"},
        {"ITM_NUMBER": "000020", "SCHED_LINE": "0001", "REQ_QTY": D("40"), "REQ_DATE": "20261204"},
    ]


def test_without_a_ship_to_the_sold_to_receives_and_without_dates_none_is_sent():
    parts = draft_input(full_draft(ship_to="", requested_date=None,
                                   lines=(DraftLine(material="216", quantity=D("1")),)))
    assert parts.partners[1] == {"PARTN_ROLE": "WE", "PARTN_NUMB": "0000010023"}
    assert parts.schedules == [{"ITM_NUMBER": "000010", "SCHED_LINE": "0001", "REQ_QTY": D("1")}]


def test_a_draft_without_lines_or_with_a_bad_quantity_is_refused():
    with pytest.raises(ValueError, match=r"^The order has no lines$"):
        draft_input(full_draft(lines=()))
    with pytest.raises(ValueError, match=r"^Quantity in line 2 must be greater than zero$"):
        draft_input(full_draft(lines=(DraftLine(material="1", quantity=D("1")), DraftLine(material="2", quantity=D("0")))))


def test_simulate_items_send_the_quantity_as_numc_with_the_line_date():
    rows = simulate_items(draft_input(full_draft()))
    assert rows == [
        {"ITM_NUMBER": "000010", "MATERIAL": "000000000000000216", "PLANT": "1200", "SALES_UNIT": "KAR",
         "REQ_QTY": "0000000012500", "REQ_DATE": "20261209"},
        {"ITM_NUMBER": "000020", "MATERIAL": "HB-38-100", "REQ_QTY": "0000000040000"},
    ]


def test_create_items_send_the_quantity_in_its_unit():
    rows = create_items(draft_input(full_draft()))
    assert rows == [
        {"ITM_NUMBER": "000010", "MATERIAL": "000000000000000216", "PLANT": "1200", "SALES_UNIT": "KAR",
         "TARGET_QTY": D("12.5"), "TARGET_QU": "KAR"},
        {"ITM_NUMBER": "000020", "MATERIAL": "HB-38-100", "TARGET_QTY": D("40")},
    ]


def test_a_bapireturn_code_without_a_number_is_all_class():
    (m,) = messages_from({"TYPE": "E", "CODE": "XYZ", "MESSAGE": "odd"})
    assert (m.id, m.number, m.code) == ("XYZ", "", "XYZ")
    (m,) = messages_from({"TYPE": "E", "CODE": " V1 392 ", "MESSAGE": "m"})
    assert (m.id, m.number) == ("V1", "392")


# --------------------------------------------------------------------------- RETURN rows (messages.py)


def test_a_row_with_both_id_and_code_is_read_by_id_and_number():
    (m,) = messages_from({"TYPE": "W", "ID": "F2", "NUMBER": "156", "CODE": "XX999", "MESSAGE": "m"})
    assert (m.id, m.number) == ("F2", "156")


def test_an_all_zero_number_without_a_class_is_no_number():
    (m,) = messages_from({"TYPE": "S", "ID": "", "NUMBER": "000", "MESSAGE": "Done"})
    assert (m.id, m.number, m.code) == ("", "", "")
    (m,) = messages_from({"TYPE": "S", "ID": "V1", "NUMBER": "000", "MESSAGE": "Done"})
    assert m.number == "000" and m.code == "V1 000"
    (m,) = messages_from({"TYPE": "S", "ID": "", "NUMBER": "010", "MESSAGE": "Done"})
    assert m.number == "010"


def test_a_row_is_kept_when_any_of_type_text_or_class_is_there():
    rows = [
        {"TYPE": "", "ID": "", "NUMBER": "000", "MESSAGE": ""},  # blank: skipped, and reading goes on
        {"TYPE": "S", "ID": "", "NUMBER": "000", "MESSAGE": ""},
        {"TYPE": "", "ID": "", "NUMBER": "000", "MESSAGE": "only a text"},
        {"TYPE": "", "ID": "V1", "NUMBER": "000", "MESSAGE": ""},
    ]
    msgs = messages_from(rows)
    assert [(m.type, m.text, m.id) for m in msgs] == [("S", "", ""), ("", "only a text", ""), ("", "", "V1")]


def test_row_numbers_map_to_items_from_the_first_and_bad_ones_to_none():
    items = ["10", "20"]
    first, bad, beyond, text_row = messages_from([
        {"TYPE": "E", "ID": "V1", "NUMBER": "392", "MESSAGE": "a", "ROW": 1},
        {"TYPE": "E", "ID": "V1", "NUMBER": "392", "MESSAGE": "b", "ROW": "x"},
        {"TYPE": "E", "ID": "V1", "NUMBER": "392", "MESSAGE": "c", "ROW": 3},
        {"TYPE": "E", "ID": "V1", "NUMBER": "392", "MESSAGE": "d", "ROW": "2"},
    ], item_by_row=items)
    assert (first.row, first.item) == (1, "10")
    assert (bad.row, bad.item) == (0, "")
    assert (beyond.row, beyond.item) == (3, "")
    assert (text_row.row, text_row.item) == (2, "20")
