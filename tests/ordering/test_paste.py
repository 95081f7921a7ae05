"""The paste parser: fax and e-mail lines as order takers paste them (scenario 3)."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from ordertui.ordering.paste import MAX_PASTE_CHARS, parse_paste, read_line

FAX = """\
From: Miami Valley Fastener Supply — purchasing
PO 4500-7781

Material        Qty   Unit
HB-38-100       40    EA
40 x HB38100
HB38100;40
100100\t12\tCS
HB-12-200, 250
blue adhesive, twelve cases
10  HB-58-125  75
HB-38-100 HEX BOLT 3/8-16 X 1 GR5 ZINC 40 PC
40EA HB-M10-300
Tel 937-555-0142

Thanks, Maria
"""


def test_the_three_shapes_of_scenario_3():
    assert read_line("HB-38-100  40 EA") == ("HB-38-100", "40", "PC")
    assert read_line("40 x HB38100") == ("HB38100", "40", "")
    assert read_line("HB38100;40") == ("HB38100", "40", "")


def test_a_fax_with_headers_blank_lines_and_two_unreadable_lines():
    result = parse_paste(FAX)
    assert [(l.material, l.quantity, l.unit) for l in result.lines] == [
        ("HB-38-100", "40", "PC"),
        ("HB38100", "40", ""),
        ("HB38100", "40", ""),
        ("100100", "12", "CAR"),
        ("HB-12-200", "250", ""),
        ("HB-58-125", "75", ""),  # the 10 in front is a position number
        ("HB-38-100", "40", "PC"),  # the 1 in "X 1" is part of the description
        ("HB-M10-300", "40", "PC"),
    ]
    assert [(u.source, u.reason) for u in result.unreadable] == [
        ("blue adhesive, twelve cases", "no material number"),
        ("Tel 937-555-0142", "no quantity for 937-555-0142"),
    ]
    assert result.po == "4500-7781"
    # every line of the fax is accounted for: a line, unreadable, or skipped (headers, blanks)
    rows = FAX.split("\n")
    assert len(result.lines) + len(result.unreadable) + result.skipped == len(rows)
    assert result.lines[0].row == 5 and result.lines[0].source == "HB-38-100       40    EA"


def test_thousands_separators_and_decimals():
    assert read_line("HB-38-100 1,250 EA") == ("HB-38-100", "1250", "PC")
    assert read_line("HB-38-100 2.5 KG") == ("HB-38-100", "2.5", "KG")
    assert read_line("HB-38-100;40;32.00") == ("HB-38-100", "40", "")  # qty, then price columns
    assert read_line("HB-38-100,40,32.00") == ("HB-38-100", "40", "")  # 32.00 looks like money


def test_ambiguous_numbers_are_not_guessed():
    assert read_line("100100,1,250") == "several numbers: which is the quantity?"
    assert read_line("HB-38-100 12 40") == "several numbers: which is the quantity?"


def test_bad_quantities_are_unreadable_with_the_reason():
    assert read_line("HB-12-200 x 0") == "quantity: The quantity must be more than 0"
    assert read_line("HB-12-200 1.2345") == "quantity: At most 3 decimals"
    assert str(read_line("HB-12-200 99999999999")).startswith("quantity: At most")


def test_lines_without_digits_are_skipped_not_reported():
    assert read_line("Material   Quantity") is None
    result = parse_paste("Material;Quantity\n\n  \nKind regards")
    assert result.lines == () and result.unreadable == () and result.skipped == 4


def test_control_characters_are_stripped():
    result = parse_paste("HB-38-100\x00 4\x1b[31m0\x07\r\n\x85HB-12-200;5\x9b2K")
    assert result.cleaned
    assert [(l.material, l.quantity) for l in result.lines] == [("HB-38-100", "40"), ("HB-12-200", "5")]
    for line in result.lines:
        assert all(ord(ch) >= 32 for ch in line.source)


def test_max_lines_leaves_the_rest_unreadable():
    text = "\n".join(f"HB-38-100 {n}" for n in range(1, 11))
    result = parse_paste(text, max_lines=7)
    assert len(result.lines) == 7
    assert [u.reason for u in result.unreadable] == ["the order has no room for more lines"] * 3


def test_a_10000_character_paste_is_quick_and_a_huge_one_is_cut():
    block = ("HB-38-100  40 EA\n40 x HB38100\nsomething 12/04/2026\n" * 250)[:10_000]
    started = time.perf_counter()
    result = parse_paste(block)
    assert time.perf_counter() - started < 0.5
    assert len(result.lines) > 300
    huge = parse_paste("x" * (MAX_PASTE_CHARS + 10))
    assert huge.truncated and huge.lines == ()


# --------------------------------------------------------------------------- properties

materials = st.sampled_from(["HB-38-100", "HB-12-200", "100100", "100300", "HB38100", "W-14-AWG-500"])
quantities = st.integers(min_value=1, max_value=99_999)
shapes = st.sampled_from(["{m}  {q} EA", "{q} x {m}", "{m};{q}", "{m}\t{q}", "{m}, {q}", "{q}EA {m}", "{m} {q}"])


@given(st.lists(st.tuples(materials, quantities, shapes), min_size=1, max_size=30), st.lists(st.sampled_from(["", "Material Qty", "  ", "Regards"]), max_size=5))
@settings(max_examples=150, deadline=None)
def test_well_formed_lines_read_back_exactly(rows, noise):
    text_rows = [shape.format(m=m, q=f"{q:,}" if "EA" in shape and q >= 1000 else q) for m, q, shape in rows]
    text = "\n".join(noise + text_rows)
    result = parse_paste(text)
    assert result.unreadable == ()
    assert [(l.material, int(l.quantity)) for l in result.lines] == [(m, q) for m, q, _ in rows]


@given(st.text(max_size=2_000))
@settings(max_examples=300, deadline=None)
def test_any_text_is_safe(text):
    result = parse_paste(text)
    rows = text.replace("\r\n", "\n").replace("\r", "\n")
    for item in (*result.lines, *result.unreadable):
        assert item.source
        assert not any(ord(ch) < 32 and ch != "\t" for ch in item.source)
    for line in result.lines:
        assert line.material == line.material.upper()
        assert line.quantity and line.quantity[0].isdigit() or line.quantity.startswith(".")
    assert len(result.lines) + len(result.unreadable) <= max(1, len(rows.split("\n"))) * 2


@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=1_000))
@settings(max_examples=20, deadline=None)
def test_10000_characters_of_anything(chunk):
    # hypothesis draws at most a few thousand characters at once: repeat a drawn chunk to 10,000
    text = (chunk * (10_000 // len(chunk) + 1))[:10_000]
    started = time.perf_counter()
    parse_paste(text)
    assert time.perf_counter() - started < 2
