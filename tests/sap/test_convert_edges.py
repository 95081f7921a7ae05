"""convert.py at its edges: the boundaries and messages mutation testing found untested (issue 14).

Each test pins one behaviour a plausible wrong edit would change: the limits of NUMC values with
implied decimals, all-zero and zero-padded values, the exact refusals, and codes that no table
knows (shown as SAP stores them, never replaced by nothing).
"""

from __future__ import annotations

from decimal import Decimal as D

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
