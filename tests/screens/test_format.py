"""Display formatting and input parsing (ordertui/format.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ordertui import format as fmt
from tests.conftest import TODAY


def on_or_after(weekday: int) -> dt.date:
    """The next ``weekday`` (0 = Monday) from TODAY, TODAY itself included: what "mon" means."""
    return TODAY + dt.timedelta(days=(weekday - TODAY.weekday()) % 7)


@pytest.mark.parametrize(
    "amount, currency, expected",
    [
        (Decimal("12345.675"), "USD", "USD 12,345.68"),
        (Decimal("-0.5"), "EUR", "EUR -0.50"),
        (Decimal("1500"), "JPY", "JPY 1,500"),
        (Decimal("0"), "USD", "USD 0.00"),
        (None, "USD", "—"),
    ],
)
def test_money(amount, currency, expected):
    assert fmt.money(amount, currency) == expected


@pytest.mark.parametrize(
    "value, unit, expected",
    [(Decimal("40.000"), "PC", "40 PC"), (Decimal("1.500"), "KG", "1.5 KG"), (Decimal("12000"), "EA", "12,000 EA"), (Decimal("0.001"), "KG", "0.001 KG")],
)
def test_quantity(value, unit, expected):
    assert fmt.quantity(value, unit) == expected


def test_doc_number_drops_alpha_zeros_only_from_numbers():
    assert fmt.doc_number("0000010023") == "10023"
    assert fmt.doc_number("HB-38-100") == "HB-38-100"
    assert fmt.doc_number("0000") == "0"


@pytest.mark.parametrize("typed, expected", [("40", "40"), ("1,250", "1250"), ("2.5", "2.5"), (" 7 ", "7"), ("0.001", "0.001")])
def test_parse_quantity_accepts(typed, expected):
    assert fmt.parse_quantity(typed) == Decimal(expected)


@pytest.mark.parametrize(
    "typed, reason",
    [("", "Enter a quantity"), ("0", "more than 0"), ("-3", "negative"), ("abc", "not a number"), ("1e5", "not a number"), ("1.0001", "3 decimals"), ("10000000000", "field limit"), ("NaN", "not a number")],
)
def test_parse_quantity_rejects(typed, reason):
    with pytest.raises(ValueError, match=reason):
        fmt.parse_quantity(typed)


@given(st.decimals(min_value=Decimal("0.001"), max_value=fmt.QTY_MAX, places=3, allow_nan=False, allow_infinity=False))
def test_parse_quantity_round_trips_every_sap_quantity(value):
    assert fmt.parse_quantity(f"{value:f}") == value
    assert fmt.parse_quantity(fmt.number(value)) == value


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("", TODAY),
        ("today", TODAY),
        ("tomorrow", TODAY + dt.timedelta(days=1)),
        ("+3", TODAY + dt.timedelta(days=3)),
        ("fri", on_or_after(4)),
        ("mon", on_or_after(0)),
        ("2026-12-04", dt.date(2026, 12, 4)),
        ("20261204", dt.date(2026, 12, 4)),
        ("12/04/2026", dt.date(2026, 12, 4)),
        ("12/4", dt.date(TODAY.year, 12, 4)),  # still ahead this year
        ("1/15", dt.date(TODAY.year + 1, 1, 15)),  # already past: next year's
    ],
)
def test_parse_date_accepts(typed, expected):
    assert fmt.parse_date(typed, TODAY) == expected


@pytest.mark.parametrize("typed, reason", [((TODAY - dt.timedelta(days=1)).isoformat(), "in the past"), ("yesterday", "not a date"), ("2026-02-30", "not a date"), ("13/45", "not a date"), ("fr", "not a date")])
def test_parse_date_rejects(typed, reason):
    with pytest.raises(ValueError, match=reason):
        fmt.parse_date(typed, TODAY)


def test_clean_text_drops_control_characters():
    assert fmt.clean_text("a\x00b\tc\x1b[31m") == ("abc[31m", True)
    assert fmt.clean_text("plain") == ("plain", False)


@pytest.mark.parametrize(
    "function, department, expected",
    [
        ("Accounts payable", "Accounting", "Accounts payable (Accounting)"),
        ("Buyer", "", "Buyer"),
        ("", "Purchasing", "Purchasing"),
        ("Controller", "controller", "Controller"),
        ("", "", ""),
    ],
)
def test_contact_role(function, department, expected):
    assert fmt.contact_role(function, department) == expected


@pytest.mark.parametrize(
    "typed, country, home, expected",
    [
        ("937.555.8758", "US", "US", "(937) 555-8758"),
        ("1-937-555-8758", "US", "US", "(937) 555-8758"),
        ("+1 (937) 555-0142", "US", "US", "(937) 555-0142"),
        ("9375550142", "US", "US", "(937) 555-0142"),
        ("937-555-0143 ext. 12", "US", "US", "(937) 555-0143 ext. 12"),
        ("(416) 555-0199", "CA", "US", "(416) 555-0199"),  # same calling code: dialled nationally
        ("040 1234567", "DE", "US", "+49 40 1234567"),
        ("+49 40 1234567", "DE", "US", "+49 40 1234567"),
        ("040/1234567", "DE", "DE", "040 1234567"),
        ("(937) 555-0142", "US", "DE", "+1 937-555-0142"),
        ("+52 55 1234 5678", "MX", "US", "+52 55 1234 5678"),
        ("+1 (937) 555-014…", "US", "US", "+1 (937) 555-014…"),  # cut by SAP: shown as typed, marked
        ("+49 40 1234567…", "DE", "US", "+49 40 1234567"),  # a full field that is a whole number
        ("call Rosa", "US", "US", "call Rosa"),
        ("12", "US", "US", "12"),
        ("", "US", "US", ""),
        ("  ", "", "", ""),
    ],
)
def test_phone(typed, country, home, expected):
    assert fmt.phone(typed, country, home) == expected


@given(st.text(max_size=40), st.sampled_from(["US", "CA", "DE", "MX", "", "XX"]))
def test_phone_never_fails_and_keeps_unreadable_text(typed, country):
    shown = fmt.phone(typed, country, "US")
    assert isinstance(shown, str)
    if typed.strip() and not any(ch.isdigit() for ch in typed):
        assert shown == typed.strip()


def test_phone_reads_a_number_once_and_the_lock_forgets_it(monkeypatch):
    import phonenumbers

    fmt.phone.cache_clear()
    parsed = []
    parse = phonenumbers.parse
    monkeypatch.setattr(phonenumbers, "parse", lambda *a, **k: parsed.append(a) or parse(*a, **k))
    for _ in range(3):
        assert fmt.phone("937.555.0100", "US", "US") == "(937) 555-0100"
    assert fmt.phone("937.555.0100", "US", "DE") == "+1 937-555-0100"  # another home: read again
    assert len(parsed) == 2


async def test_locking_the_desk_forgets_the_formatted_phone_numbers(app_factory):
    from tests.conftest import settle

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        fmt.phone("937.555.0100", "US", "US")
        assert fmt.phone.cache_info().currsize > 0
        app.lock()
        assert fmt.phone.cache_info().currsize == 0
        await settle(pilot)


def test_format_imports_phonenumbers_only_when_a_phone_is_shown():
    import subprocess
    import sys

    code = ("import sys, ordertui.format as f, ordertui.screens.customers, ordertui.screens.customer_detail; a = 'phonenumbers' in sys.modules; "
            "f.phone('937.555.0100', 'US', 'US'); print(a, 'phonenumbers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]


@pytest.mark.parametrize("text, split", [
    ("11 CAR", ("11", "CAR")), ("3car", ("3", "CAR")), (" 1,250 pc ", ("1,250", "PC")),
    ("40", None), ("CAR", None), ("11 CARTON", None), ("1 2 PC", None),
])
def test_a_unit_said_after_the_quantity_is_split_from_it(text, split):
    """The quote's and the order's quantity fields both take "11 CAR" (format.quantity_and_unit)."""
    assert fmt.quantity_and_unit(text) == split
