"""Numbers out of range raise ValueError (or show a placeholder) — never a decimal signal or OverflowError.

Probe findings: ``decimal.InvalidOperation`` / ``Overflow`` / ``OverflowError`` from
``convert.dec``, ``convert.money``, ``numc_implied_out``, ``validate_quantity("1e999999999")``,
``format.parse_date("+999")`` and ``format.money/number/percent`` (NaN, Infinity).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ordertui import format as fmt
from ordertui.sap import convert
from tests.security.fuzz import fuzz

HOSTILE = [
    "1e999999999", "-1e999999999", "1e-999999999", "9" * 5000, "0." + "0" * 5000 + "1", "NaN", "sNaN", "-Infinity",
    "inf", "1e40", "1e41", "12.50-", "--1", "1_000", "٣", "１２", "", " ", "0e999999999", "1e+999999999999999999",
]

numbers_as_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.from_regex(r"[+-]?\d{0,12}(\.\d{0,6})?([eE][+-]?\d{1,12})?-?", fullmatch=True),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(str),
)
any_decimal = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([Decimal(t) for t in HOSTILE if t.strip() and t not in ("--1", "12.50-", "٣", "１２")] +
                    [Decimal("1E+999999"), Decimal("-1E-999999")]),
)


def _value_error_or_result(call, *args, **kwargs):
    try:
        return call(*args, **kwargs)
    except ValueError:
        return None


@fuzz
@given(value=st.one_of(numbers_as_text, any_decimal, st.integers(), st.floats()))
def test_dec_and_money_raise_only_value_error(value):
    result = _value_error_or_result(convert.dec, value)
    assert result is None or (result.is_finite() and abs(result.adjusted()) <= convert.MAX_EXPONENT)
    for currency in ("USD", "JPY", "KWD", ""):
        amount = _value_error_or_result(convert.money, value, currency)
        assert amount is None or amount.is_finite()


@fuzz
@given(text=st.one_of(st.text(max_size=60), st.from_regex(r"\d{1,80}", fullmatch=True), st.sampled_from(HOSTILE)),
       decimals=st.integers(-5, 60))
def test_numc_implied_out_raises_only_value_error(text, decimals):
    result = _value_error_or_result(convert.numc_implied_out, text, decimals)
    if result is not None and text.strip().isascii() and text.strip().isdigit() and 0 <= decimals <= 3 and len(text.strip().lstrip("0")) <= 28:
        assert convert.numc_implied_in(result, length=max(len(text.strip()), 1), decimals=decimals).lstrip("0") == \
            text.strip().lstrip("0")


@fuzz
@given(value=st.one_of(numbers_as_text, any_decimal, st.floats(), st.integers()))
def test_validate_quantity_raises_only_value_error(value):
    result = _value_error_or_result(convert.validate_quantity, value)
    assert result is None or (0 < result < 10**convert.QUAN_INT_DIGITS)
    if result is not None:
        assert convert.numc_implied_in(result) == convert.numc_implied_in(result)  # fits QUAN 13,3
    _value_error_or_result(convert.numc_implied_in, value if isinstance(value, Decimal) else Decimal(0))


@fuzz
@given(value=st.one_of(any_decimal, st.integers(), st.none()), currency=st.sampled_from(["USD", "JPY", "KWD", ""]),
       decimals=st.one_of(st.none(), st.integers(0, 6)))
def test_display_functions_never_raise(value, currency, decimals):
    for text in (fmt.money(value, currency), fmt.number(value, decimals), fmt.quantity(value, "PC")):
        assert isinstance(text, str) and text
    if value is not None:
        assert isinstance(fmt.percent(value), str)
    if isinstance(value, Decimal) and not value.is_finite():
        assert fmt.money(value, currency) == fmt.INVALID and fmt.percent(value) == fmt.INVALID


@fuzz
@given(text=st.one_of(st.text(max_size=30), st.from_regex(r"\+\d{1,4}", fullmatch=True), st.sampled_from(
    ["+999", "+0", "tomorrow", "fri", "12/31", "9999-12-31", "12/31/99", "2/29", "0000-00-00", "+" + "9" * 3000])),
       today=st.one_of(st.just(dt.date(2026, 11, 27)), st.dates(min_value=dt.date(9990, 1, 1)), st.dates()))
def test_parse_date_raises_only_value_error(text, today):
    result = _value_error_or_result(fmt.parse_date, text, today)
    assert result is None or isinstance(result, dt.date)


@fuzz
@given(text=st.one_of(st.text(max_size=80), st.sampled_from(HOSTILE), st.from_regex(r"\d{1,200}(\.\d{1,200})?",
                                                                                       fullmatch=True)))
def test_parse_quantity_raises_only_value_error(text):
    result = _value_error_or_result(fmt.parse_quantity, text)
    assert result is None or 0 < result <= fmt.QTY_MAX


@pytest.mark.parametrize(
    "call, args",
    [
        (convert.dec, ("1e999999999",)),
        (convert.money, ("1e999999999", "USD")),
        (convert.money, ("1e30", "USD")),  # 33 digits: more than the default 28-digit precision
        (convert.numc_implied_out, ("9" * 5000,)),
        (convert.validate_quantity, ("1e999999999",)),
        (convert.validate_quantity, ("1e-999999999",)),
        (fmt.parse_date, ("+999", dt.date(9999, 12, 1))),
        (fmt.parse_date, ("tomorrow", dt.date.max)),
        (fmt.parse_quantity, ("9" * 10000,)),
    ],
)
def test_the_probe_cases(call, args):
    try:
        call(*args)
    except ValueError:
        pass


def test_display_placeholders():
    assert fmt.money(Decimal("NaN"), "USD") == "invalid"
    assert fmt.number(Decimal("Infinity")) == "invalid"
    assert fmt.percent(Decimal("-Infinity")) == "invalid"
    assert fmt.money(Decimal("1E+999999"), "USD") == "invalid"
    assert fmt.money(Decimal("1234.5"), "USD") == "USD 1,234.50"
    assert fmt.percent(Decimal("12.5")) == "12.5 %"
    assert convert.money("1e30", "USD") == Decimal("1000000000000000000000000000000.00")
