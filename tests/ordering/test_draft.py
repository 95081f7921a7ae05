"""The editable draft: lines as typed, checks at the field, undo, what goes to SAP, the reference."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from decimal import Decimal

import pytest

from ordertui.model import OrderDraft, Partner, SalesArea
from ordertui.ordering import draft as d
from ordertui.ordering.draft import EntryDraft, SoldTo, check_material, check_po, new_reference
from tests.conftest import TODAY

AREA = SalesArea("1000", "10", "00")


def make() -> EntryDraft:
    draft = EntryDraft(AREA, origin="sandbox")
    draft.set_sold_to("0000010023")
    return draft


def test_core_imports_no_ui():
    code = (
        "import sys, ordertui.ordering.draft, ordertui.ordering.paste, ordertui.ordering.pricing, "
        "ordertui.ordering.problems, ordertui.ordering.save\n"
        "print([m for m in sys.modules if m.split('.')[0] in ('textual', 'rich') or m.startswith('ordertui.screens')])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_reference_is_made_once_per_draft_fits_sap_and_is_searchable():
    draft = make()
    ref = draft.reference
    assert re.fullmatch(r"OTUI-[0-9A-F]{15}", ref) and len(ref) == 20 <= 35
    draft.add_line("HB-38-100", "40")
    draft.set_po("")
    assert draft.reference == ref and draft.lookup_po == ref
    assert len({new_reference() for _ in range(1000)}) == 1000
    assert EntryDraft(AREA).reference != ref


def test_material_rules():
    assert check_material("000000000000100100") == ("100100", "")
    assert check_material(" hb-38-100 ") == ("HB-38-100", "")
    assert check_material("")[1].startswith("Enter a material")
    assert "F4 searches by description" in check_material("blue adhesive")[1]
    assert "at most 18" in check_material("X" * 19)[1]
    assert check_material("HB\x00-38-100") == ("HB-38-100", "")


def test_a_line_keeps_what_was_typed_and_says_what_is_wrong_at_the_field():
    draft = make()
    line = draft.add_line("HB-38-100", "1.2345", "pieces")
    assert line.material_text == "HB-38-100" and line.quantity_text == "1.2345"
    assert line.problems == {"quantity": "At most 3 decimals", "unit": "“PIECES” is not a unit (up to 3 letters, F4 lists the material's units)"}
    assert not line.ready
    draft.update_line(line.id, "HB-38-100", "1,250", "car")
    assert line.ready and line.quantity == Decimal(1250) and line.unit == "CAR"
    too_big = draft.add_line("HB-38-100", "99999999999")
    assert "SAP's field limit" in too_big.problems["quantity"]


def test_same_material_twice_is_two_lines_and_only_ready_lines_are_sent():
    draft = make()
    a = draft.add_line("HB-38-100", "40")
    bad = draft.add_line("HB-38-100", "x")
    b = draft.add_line("HB-38-100", "10")
    order, ids = draft.order_draft()
    assert isinstance(order, OrderDraft)
    assert [(l.material, l.quantity) for l in order.lines] == [("HB-38-100", Decimal(40)), ("HB-38-100", Decimal(10))]
    assert ids == (a.id, b.id) and bad.id not in ids
    assert order.sold_to == "10023" and order.sales_area == AREA


def test_delete_and_undo_put_the_line_back_where_it_was():
    draft = make()
    lines = [draft.add_line(m, "1") for m in ("A1", "B2", "C3", "D4")]
    v = draft.version
    draft.delete_line(lines[1].id)
    draft.delete_line(lines[3].id)
    assert [l.material for l in draft.lines] == ["A1", "C3"] and draft.version == v + 2
    assert draft.undo_delete() is lines[3]
    assert draft.undo_delete() is lines[1]
    assert [l.material for l in draft.lines] == ["A1", "B2", "C3", "D4"]
    assert draft.undo_delete() is None and not draft.can_undo


def test_header_checks():
    draft = make()
    assert draft.set_po("X" * 36).startswith("At most 35 characters (36 typed)")
    assert draft.header_problems["po"]
    assert draft.set_po("4500-7781") == "" and "po" not in draft.header_problems
    assert check_po("  4500\x07-7781 ") == ("4500-7781", "")
    assert draft.set_requested_date("fri", TODAY) == "" and draft.requested_date == dt.date(2026, 11, 27)
    assert draft.set_requested_date("12/04", TODAY) == "" and draft.requested_date == dt.date(2026, 12, 4)
    assert draft.set_requested_date("+3", TODAY) == "" and draft.requested_date == dt.date(2026, 11, 30)
    assert "is in the past" in draft.set_requested_date("2026-11-01", TODAY)
    assert draft.set_sold_to("acme").startswith("“acme” is not a customer number")
    assert draft.set_shipping_condition("toolong")


def test_customer_answer_sets_default_ship_to_and_says_blocks():
    draft = make()
    ship_tos = (
        Partner("SH", "10023", "Miami Valley", "Springfield"),
        Partner("SH", "60018", "Dayton Plant", "Dayton", is_default=True),
    )
    draft.set_customer(SoldTo("10023", "Miami Valley", "Springfield", ship_tos=ship_tos, shipping_condition="01"))
    assert draft.ship_to == "60018" and draft.shipping_condition == "01" and not draft.header_problems
    draft.set_sold_to("10070")
    assert draft.ship_to == "" and draft.customer is None
    draft.set_customer(SoldTo("10070", "Harbor Point", blocked="Customer 10070 is blocked for orders (order block 01)"))
    assert draft.header_problems["sold_to"].startswith("Customer 10070 is blocked")
    draft.set_customer(SoldTo("99999", "late answer for another number"))
    assert draft.customer.number == "10070"


def test_reference_travels_in_the_order_draft():
    draft = make()
    draft.add_line("HB-38-100", "40")
    order, _ = draft.order_draft()
    assert order.reference == draft.reference and order.customer_po == ""
    draft.set_po("4500-7781")
    order, _ = draft.order_draft()
    assert order.customer_po == "4500-7781" and order.reference == draft.reference


def test_max_lines():
    draft = make()
    added = draft.add_lines([("HB-38-100", "1", "", "")] * (d.MAX_LINES + 5))
    assert len(added) == d.MAX_LINES == len(draft.lines)
    with pytest.raises(ValueError):
        draft.add_line("HB-38-100", "1")


def test_unsaved_and_labels():
    draft = make()
    assert not draft.unsaved
    draft.add_line("HB-38-100", "40")
    assert draft.unsaved and draft.label() == "10023 · 1 line · not saved yet"
    nobody = EntryDraft(AREA)
    drafts = [draft, make(), nobody]
    d.forget_finished(drafts)
    assert drafts[0] is draft and len(drafts) == 2  # the one without customer or line is gone


def test_the_same_sold_to_typed_again_keeps_what_sap_said():
    draft = make()
    draft.set_sold_to("99999")
    draft.set_sold_to_unknown("99999", "Customer 99999 does not exist")
    assert draft.set_sold_to("99999") == ""  # the field left again: still what SAP said
    assert draft.header_problems["sold_to"] == "Customer 99999 does not exist"
    assert draft.set_sold_to("acme").startswith("“acme”")
    assert draft.set_sold_to("99999") == "" and draft.header_problems["sold_to"] == "Customer 99999 does not exist"
    draft.set_sold_to("10023")
    assert "sold_to" not in draft.header_problems and draft.customer is None
