"""convert.py: the one place SAP formats become display formats and back."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ordertui.sap import convert as C


# --------------------------------------------------------------------------- ALPHA / MATN1


@pytest.mark.parametrize(
    ("typed", "internal"),
    [("10023", "0000010023"), ("0000010023", "0000010023"), ("  10023 ", "0000010023"),
     ("abc-1", "ABC-1"), ("", ""), ("0", "0000000000")],
)
def test_alpha_in(typed, internal):
    assert C.alpha_in(typed) == internal


def test_alpha_in_rejects_too_long():
    with pytest.raises(ValueError):
        C.alpha_in("12345678901")


def test_alpha_out_strips_zeros_of_numbers_only():
    assert C.alpha_out("0000010023") == "10023"
    assert C.alpha_out("CUST-01") == "CUST-01"
    assert C.alpha_out("") == ""
    assert C.alpha_out(None) == ""


def test_matn1_pads_numeric_to_18():
    assert C.matn1_in("216") == "000000000000000216"
    assert C.matn1_in("hb-38-100") == "HB-38-100"
    assert C.matn1_out("000000000000000216") == "216"


@given(st.integers(min_value=1, max_value=9_999_999_999))
def test_alpha_round_trip(n):
    assert C.alpha_out(C.alpha_in(str(n))) == str(n)
    assert len(C.alpha_in(str(n))) == 10


@given(st.integers(min_value=1, max_value=10**18 - 1))
def test_matn1_round_trip(n):
    assert C.matn1_out(C.matn1_in(str(n))) == str(n)


def test_item_numbers():
    assert C.item_in(10) == "000010"
    assert C.item_out("000010") == "10"
    assert C.item_out("000000") == ""


# --------------------------------------------------------------------------- dates


def test_dates():
    assert C.date_in(dt.date(2026, 11, 27)) == "20261127"
    assert C.date_in(None) == ""
    assert C.date_out("20261127") == dt.date(2026, 11, 27)
    assert C.date_out("") is None
    assert C.date_out("00000000") is None
    assert C.date_out(None) is None
    assert C.date_out(dt.date(2026, 1, 2)) == dt.date(2026, 1, 2)  # pyrfc dtime=True


@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_date_round_trip(d):
    assert len(C.date_in(d)) == 8  # DATS is always eight digits
    assert C.date_out(C.date_in(d)) == d


# --------------------------------------------------------------------------- numbers


def test_implied_decimals():
    assert C.numc_implied_in(Decimal("9.001")) == "0000000009001"
    assert C.numc_implied_in(Decimal("1")) == "0000000001000"
    assert C.numc_implied_out("0000000009001") == Decimal("9.001")
    assert C.numc_implied_out("00000901", decimals=2) == Decimal("9.01")
    assert C.numc_implied_out("") == 0
    with pytest.raises(ValueError):
        C.numc_implied_in(Decimal("1.0001"))
    with pytest.raises(ValueError):
        C.numc_implied_in(Decimal("-1"))


@given(st.decimals(min_value=Decimal("0.001"), max_value=Decimal("9999999999.999"), places=3))
def test_implied_round_trip(q):
    assert C.numc_implied_out(C.numc_implied_in(q)) == q
    assert len(C.numc_implied_in(q)) == 13


def test_dec_normalises_bcd():
    assert str(C.dec(Decimal("1.000"))) == "1"
    assert str(C.dec(Decimal("100"))) == "100"
    assert str(C.dec(Decimal("1E+2"))) == "100"
    assert str(C.dec("12.50")) == "12.5"
    assert C.dec("12.50-") == Decimal("-12.5")
    assert C.dec(None) == 0 and C.dec("") == 0
    assert C.dec(0.1) == Decimal("0.1")  # via str, no binary noise


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-10**12, max_value=10**12))
def test_dec_keeps_value(d):
    assert C.dec(d) == d
    assert C.dec(str(d)) == d


def test_money_quantises_to_currency():
    assert str(C.money(Decimal("12.5"), "USD")) == "12.50"
    assert str(C.money(Decimal("1200"), "JPY")) == "1200"


@pytest.mark.parametrize("q", ["1", "0.001", "9999999999.999", Decimal("40"), 12])
def test_quantity_valid(q):
    assert C.validate_quantity(q) == Decimal(str(q))


@pytest.mark.parametrize(
    ("q", "words"),
    [("0", "greater than zero"), ("-1", "greater than zero"), ("1.0001", "3 decimals"),
     ("10000000000", "10 digits"), ("abc", "number"), ("NaN", "number")],
)
def test_quantity_invalid_says_why(q, words):
    with pytest.raises(ValueError, match=words):
        C.validate_quantity(q)


# --------------------------------------------------------------------------- codes


def test_roles_order_types_units():
    assert C.role_out("AG") == "SP" and C.role_out("WE") == "SH"
    assert C.role_out("RE") == "BP" and C.role_out("RG") == "PY"
    assert C.role_in("SP") == "AG" and C.role_in("AG") == "AG"
    assert C.order_type_out("TA") == "OR" and C.order_type_in("OR") == "TA"
    assert C.unit_out("ST") == "PC" and C.unit_in("pc") == "ST" and C.unit_in("ST") == "ST"
    assert C.unit_out("KG") == "KG" and C.unit_in("KG") == "KG"


@given(st.sampled_from(["AG", "WE", "RE", "RG"]))
def test_role_round_trip(code):
    assert C.role_in(C.role_out(code)) == code


def test_net_days_of_payment_terms():
    from ordertui.sap.rfc import net_days

    assert net_days("NT30") == 30 and net_days("0001") == 0
    assert net_days("Z210") is None and net_days("") is None
