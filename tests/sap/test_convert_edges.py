"""convert.py at its edges: the boundaries and messages mutation testing found untested (issue 14).

Each test pins one behaviour a plausible wrong edit would change: the limits of NUMC values with
implied decimals, all-zero and zero-padded values, the exact refusals, and codes that no table
knows (shown as SAP stores them, never replaced by nothing).
"""

from __future__ import annotations

from decimal import Decimal as D

import datetime as dt

import pytest

from ordertui.sap import convert as C


# --------------------------------------------------------------------------- NUMC with implied decimals


def test_numc_all_zeros_is_zero():
    assert C.numc_implied_out("0000000000000", 3) == 0
    assert C.numc_implied_out("0", 2) == 0


def test_numc_with_no_decimals_and_with_the_most():
    assert C.numc_implied_out("000123", 0) == D("123")
    assert C.numc_implied_out("1", C.MAX_EXPONENT) == D("1e-40")


@pytest.mark.parametrize("decimals", [-1, C.MAX_EXPONENT + 1])
def test_numc_decimals_outside_the_range_are_refused(decimals):
    with pytest.raises(ValueError, match=r"^not a NUMC value: '123'$"):
        C.numc_implied_out("123", decimals)


def test_numc_leading_zeros_do_not_count_towards_the_range():
    assert C.numc_implied_out("0" * 60 + "9001", 3) == D("9.001")


def test_numc_of_forty_digits_is_read_and_forty_one_refused():
    forty = "9" * C.MAX_EXPONENT
    assert C.numc_implied_out(forty, 0) == D(forty)
    with pytest.raises(ValueError, match=r"^NUMC value out of range$"):
        C.numc_implied_out("1" + forty, 0)


def test_numc_refusal_quotes_at_most_twenty_characters():
    text = "12345678901234567890ABCDE"
    with pytest.raises(ValueError) as e:
        C.numc_implied_out(text, 2)
    assert str(e.value) == "not a NUMC value: '12345678901234567890'"


@pytest.mark.parametrize("text", ["80.00", "12a", "-5", "1 2", "٣"])
def test_numc_refuses_anything_but_ascii_digits_with_its_own_message(text):
    with pytest.raises(ValueError, match=r"^not a NUMC value: "):
        C.numc_implied_out(text, 2)


# --------------------------------------------------------------------------- codes without a table entry


@pytest.mark.parametrize("blank", ["", None, "  "])
def test_blank_codes_stay_blank(blank):
    assert C.role_out(blank) == ""
    assert C.role_in(blank) == ""
    assert C.order_type_out(blank) == ""
    assert C.order_type_in(blank) == ""
    assert C.unit_out(blank) == ""
    assert C.unit_in(blank) == ""


def test_unknown_codes_are_shown_as_stored_in_capitals():
    assert C.role_out("zz") == "ZZ"
    assert C.role_in("zz") == "ZZ"
    assert C.order_type_out("zor ") == "ZOR"
    assert C.order_type_in("zor") == "ZOR"
    assert C.unit_out(" kg") == "KG"
    assert C.unit_in("kg") == "KG"


def test_known_codes_both_ways_trimmed_and_in_capitals():
    assert (C.role_out(" ag "), C.role_in("sh")) == ("SP", "WE")
    assert (C.order_type_out("ta"), C.order_type_in(" or ")) == ("OR", "TA")
    assert (C.unit_out("kar"), C.unit_in(" pc ")) == ("CAR", "ST")
    # an internal code given where the external one is expected passes through
    assert (C.role_in("AG"), C.order_type_in("TA"), C.unit_in("ST")) == ("AG", "TA", "ST")


# --------------------------------------------------------------------------- dec and its range


def test_dec_refuses_text_that_is_no_number_quoting_twenty_characters():
    with pytest.raises(ValueError) as e:
        C.dec("twelve dollars and fifty cents")
    assert str(e.value) == "not a number: 'twelve dollars and f'"


def test_dec_trailing_minus_and_blank_text():
    assert C.dec(" 7.25- ") == D("-7.25")
    assert C.dec("   ") == 0
    assert C.dec(D("-0.00")) == 0 and str(C.dec(D("-0.00"))) == "0"


@pytest.mark.parametrize("text", ["-", "--1", "1-2-"])
def test_dec_refuses_minus_signs_in_the_wrong_place(text):
    with pytest.raises(ValueError, match=r"^not a number: "):
        C.dec(text)


def test_dec_range_is_forty_orders_of_magnitude_either_way():
    assert C.dec("1e40") == D("1e40") and C.dec("1e-40") == D("1e-40")
    assert C.dec(D("9.99e40")) == D("9.99e40")
    for text in ("1e41", "1e-41", "-1e41"):
        with pytest.raises(ValueError, match=r"^number out of range$"):
            C.dec(text)


def test_a_zero_of_any_exponent_is_zero():
    assert C.dec(D("0E+1000")) == 0 and str(C.dec(D("0E+1000"))) == "0"
    assert C.dec(D("0E-1000")) == 0


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", D("sNaN"), float("inf")])
def test_dec_refuses_what_is_not_finite(value):
    with pytest.raises(ValueError, match=r"^not a finite number$"):
        C.dec(value)


def test_dec_writes_whole_numbers_without_an_exponent():
    for value, text in ((D("1E+1"), "10"), (D("2.50E+3"), "2500"), ("1e2", "100"), (D("-3E+4"), "-30000")):
        d = C.dec(value)
        assert str(d) == text and d.as_tuple().exponent == 0
    assert str(C.dec(D("0.50"))) == "0.5" and str(C.dec(D("12.0"))) == "12"


def test_money_defaults_to_two_places_and_knows_the_exceptions():
    assert str(C.money("12.345")) == "12.34"  # banker's rounding, as the context
    assert str(C.money(D("3"), "")) == "3.00"
    assert str(C.money(D("3"), "usd")) == "3.00"
    assert str(C.money(D("3.1"), "jpy")) == "3"
    assert str(C.money(D("3"), "KWD")) == "3.000"


# --------------------------------------------------------------------------- quantities


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "Quantity must be a number"),
        ("", "Quantity must be a number"),
        ("NaN", "Quantity must be a number"),
        (D("Infinity"), "Quantity must be a number"),
        ("0", "Quantity must be greater than zero"),
        (D("-0.001"), "Quantity must be greater than zero"),
        ("10000000000", "Quantity can have at most 10 digits before the decimal point"),
        ("0.0001", "Quantity can have at most 3 decimals"),
        ("1.0001", "Quantity can have at most 3 decimals"),
        (D("1E-4"), "Quantity can have at most 3 decimals"),
    ],
)
def test_quantity_refusals_word_for_word(value, message):
    with pytest.raises(ValueError) as e:
        C.validate_quantity(value)
    assert str(e.value) == message


def test_quantity_refusals_name_the_field():
    with pytest.raises(ValueError) as e:
        C.validate_quantity("0", field="Quantity in line 3")
    assert str(e.value) == "Quantity in line 3 must be greater than zero"
    with pytest.raises(ValueError) as e:
        C.validate_quantity("x", field="Qty")
    assert str(e.value) == "Qty must be a number"


def test_quantity_limits_are_inclusive():
    assert C.validate_quantity("9999999999") == D("9999999999")
    assert C.validate_quantity("0.001") == D("0.001")
    assert C.validate_quantity("1.0010") == D("1.001")  # trailing zeros are no decimals
    assert C.validate_quantity(" 1,250.5 ") == D("1250.5")
    assert C.validate_quantity(2.5) == D("2.5")
    assert str(C.validate_quantity(D("4.000"))) == "4"


# --------------------------------------------------------------------------- ALPHA / MATN1, items, dates, text


def test_alpha_in_lengths_and_their_refusals():
    assert C.alpha_in("1234567890") == "1234567890"
    assert C.alpha_in("000") == "0000000000"
    assert C.alpha_in("00000000000000012345") == "0000012345"  # zeros do not count
    with pytest.raises(ValueError) as e:
        C.alpha_in("12345678901")
    assert str(e.value) == "12345678901 is longer than 10 digits"
    assert C.alpha_in("abcdefghij") == "ABCDEFGHIJ"
    with pytest.raises(ValueError) as e:
        C.alpha_in("abcdefghijk")
    assert str(e.value) == "abcdefghijk is longer than 10 characters"
    assert C.alpha_in("12", 4) == "0012"
    assert C.alpha_in(None) == ""


def test_matn1_holds_eighteen():
    assert C.matn1_in("1" * 18) == "1" * 18
    assert C.matn1_in("A" * 18) == "A" * 18
    with pytest.raises(ValueError, match="longer than 18 digits"):
        C.matn1_in("1" * 19)
    with pytest.raises(ValueError, match="longer than 18 characters"):
        C.matn1_in("A" * 19)


def test_item_numbers_from_any_shape():
    assert C.item_in("20") == "000020" and C.item_in(900000) == "900000"
    assert C.item_out(10) == "10" and C.item_out(None) == "" and C.item_out(0) == ""
    assert C.item_out(" 000030 ") == "30"
    assert C.item_out("A00010") == "A00010"
    assert C.item_out("00A1") == "00A1"  # zeros are stripped from numbers only
    assert C.item_out("") == ""


def test_dates_both_ways_exactly():
    assert C.date_in(dt.date(2026, 1, 2)) == "20260102"
    assert C.date_in(dt.datetime(2026, 3, 4, 23, 59)) == "20260304"
    assert C.date_in(dt.date(7, 1, 2)) == "00070102"  # strftime gave '70102'
    assert C.date_out(dt.datetime(2026, 3, 4, 23, 59)) == dt.date(2026, 3, 4)
    assert C.date_out(" 20260304 ") == dt.date(2026, 3, 4)
    assert C.date_out("0000") is None
    assert C.date_out("20261340") is None  # not a date: as if blank


def test_flags_and_text():
    assert C.flag("X") and C.flag(" x ") and not C.flag(" ") and not C.flag(None) and not C.flag("")
    assert C.text("  a b  ") == "a b" and C.text(None) == "" and C.text(0) == "" and C.text(12) == "12"


def test_a_quantity_with_a_far_decimal_is_refused_however_many_digits():
    # 29 significant digits: more than Python's default context keeps
    with pytest.raises(ValueError, match=r"^Quantity can have at most 3 decimals$"):
        C.validate_quantity("1.0000000000000000000000000001")
