"""Display formatting and input parsing shared by every screen.

Values arrive here already in display form (``ordertui.model``: Decimal money and quantities,
``datetime.date``, numbers without ALPHA zeros) — SAP's internal formats are converted once, in
the adapter. This module only decides how a person reads them and how what a person types
becomes a value; it never talks to SAP and imports nothing from the UI toolkit.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from decimal import ROUND_HALF_UP, Context, Decimal, DivisionByZero, InvalidOperation, Overflow

#: Currencies whose amounts SAP keeps without decimals (TCURX); everything else has two.
_CURRENCY_DECIMALS = {"JPY": 0, "KRW": 0, "HUF": 2, "CLP": 0, "ISK": 0, "KWD": 3, "BHD": 3}

#: What SAP's quantity fields hold (QUAN 13,3: ten integer digits, three decimals).
QTY_INT_DIGITS = 10
QTY_DECIMALS = 3
QTY_MAX = Decimal("9999999999.999")

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


# --------------------------------------------------------------------------- numbers


def currency_decimals(currency: str) -> int:
    return _CURRENCY_DECIMALS.get(currency.upper(), 2)


#: What a display function shows for a value that is not a finite number in range (NaN, Infinity,
#: 1e999999): something that should never come from SAP, said plainly instead of crashing a screen.
INVALID = "invalid"
#: Display functions render numbers up to this decimal exponent (SAP's DEC fields: 31 digits).
_MAX_EXPONENT = 40
_CTX = Context(prec=80, traps=[InvalidOperation, Overflow, DivisionByZero])


def _displayable(value: object) -> Decimal | None:
    """``value`` as a finite Decimal within range, or None."""
    try:
        d = value if isinstance(value, Decimal) else Decimal(value)  # type: ignore[arg-type]
    except (ArithmeticError, ValueError, TypeError):
        return None
    if not d.is_finite() or (d and abs(d.adjusted()) > _MAX_EXPONENT):
        return None
    return d


def money(amount: Decimal | None, currency: str = "") -> str:
    """``USD 12,345.67``; negative amounts keep their sign in front of the digits."""
    if amount is None:
        return "—"
    places = currency_decimals(currency) if currency else 2
    q = Decimal(1).scaleb(-places)
    d = _displayable(amount)
    if d is None:
        return INVALID
    value = d.quantize(q, rounding=ROUND_HALF_UP, context=_CTX)
    text = f"{value:,.{places}f}"
    return f"{currency} {text}" if currency else text


def number(value: Decimal | int | None, decimals: int | None = None) -> str:
    """Thousands separators; without ``decimals`` trailing zeros are dropped (``1,234.5``)."""
    if value is None:
        return "—"
    d = _displayable(value)
    if d is None:
        return INVALID
    if decimals is not None:
        return f"{d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=_CTX):,.{decimals}f}"
    if d == d.to_integral_value(context=_CTX):
        return f"{d.to_integral_value(context=_CTX):,.0f}"
    text = f"{d.normalize(_CTX):,f}"
    return text


def quantity(value: Decimal | None, unit: str = "") -> str:
    """``40 PC``, ``1.5 KG``, ``12,000 EA``."""
    if value is None:
        return "—"
    text = number(value)
    return f"{text} {unit}".strip()


def quantity_whole(value: Decimal | None, unit: str, base_unit: str = "", base_per_unit: Decimal | None = None) -> str:
    """A quantity in a unit that comes in whole pieces: ``366 CAR + 8 PC`` rather than ``366.667 CAR``.

    SAP converts stock kept in the base unit (PC) into the sales unit (CAR of 12) and answers with
    a fraction; nobody ships two thirds of a case. With ``base_per_unit`` (base units in one
    ``unit``), a fraction is said as whole units plus the rest in the base unit; without it, or
    when the rest is not a whole number of base units either, as ``quantity`` says it.
    """
    if value is None:
        return "—"
    if value == value.to_integral_value() or not base_per_unit or not base_unit or base_unit == unit:
        return quantity(value, unit)
    whole = value.to_integral_value(rounding="ROUND_FLOOR")
    exact = (value - whole) * base_per_unit
    rest = exact.to_integral_value(rounding=ROUND_HALF_UP)
    # SAP keeps three decimals (QUAN 13,3): 366.667 CAR of 12 is 4,400 PC, 8.004 PC over 366 CAR.
    if abs(exact - rest) > base_per_unit * Decimal("0.0005"):
        return quantity(value, unit)
    if rest >= base_per_unit:  # 0.9999 CAR of 12 rounds up to a whole case
        whole, rest = whole + 1, rest - base_per_unit
    if not rest:
        return quantity(whole, unit)
    if not whole:
        return quantity(rest, base_unit)
    return f"{quantity(whole, unit)} + {quantity(rest, base_unit)}"


def percent(value: Decimal) -> str:
    text = number(value)
    return text if text == INVALID else f"{text} %"


def contact_role(function: str, department: str) -> str:
    """``Accounts payable (Accounting)``; either part alone when the other is missing."""
    function, department = (function or "").strip(), (department or "").strip()
    if function and department and function.casefold() != department.casefold():
        return f"{function} ({department})"
    return function or department


#: Phone numbers kept formatted (``phone``): a search's rows and a customer's contacts.
PHONES_KEPT = 2048


@lru_cache(PHONES_KEPT)
def phone(typed: str, country: str = "", home: str = "") -> str:
    """A phone number as someone typed it into SAP, in one readable form.

    National format when the number is in ``home`` (the sales area's country; numbers sharing its
    country calling code, e.g. US and CA, count as home): ``(937) 555-8758``; international
    otherwise: ``+49 40 1234567``. ``country`` (the customer's) decides how a number typed without
    a country code is read. What cannot be read as a valid number is shown as typed. A trailing
    ``…`` (the adapter's mark for a field SAP may have cut) stays only when the number is not whole.

    Kept for the last ``PHONES_KEPT`` numbers: reading one with phonenumbers takes 0.1-0.2 ms, a
    search's 200 rows 20-40 ms at every search (issue 12). Locking the desk forgets them
    (``phone.cache_clear()``, like the screens that showed them).
    """
    text = (typed or "").strip()
    bare = text.rstrip("…").strip()
    if not bare:
        return ""
    import phonenumbers  # noqa: PLC0415 — its metadata costs start-up time; needed only here

    region = (country or home or "US").upper()
    try:
        number = phonenumbers.parse(bare, region)
    except phonenumbers.NumberParseException:
        return text
    if not phonenumbers.is_valid_number(number):
        return text
    home_code = phonenumbers.country_code_for_region((home or region).upper())
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == home_code
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def doc_number(value: str) -> str:
    """A customer, material or document number without ALPHA zero padding (``0000010023`` → ``10023``).

    The adapter already delivers numbers this way; this is the belt for anything typed or pasted.
    """
    text = (value or "").strip()
    if text.isdigit():
        return text.lstrip("0") or "0"
    return text


# --------------------------------------------------------------------------- dates & times


def date(value: dt.date | None) -> str:
    """ISO dates read the same in every locale: ``2026-11-27``."""
    return value.isoformat() if value else "—"


def date_weekday(value: dt.date | None) -> str:
    """``Fri 2026-11-27`` — order takers promise days of the week."""
    return f"{value:%a} {value.isoformat()}" if value else "—"


def fetched_at(value: dt.datetime | None) -> str:
    """The "as of" stamp every screen shows for its live data."""
    return f"fetched {value:%H:%M:%S}" if value else "not fetched"


def days_overdue(days: int) -> str:
    if days <= 0:
        return "not due"
    return "1 day overdue" if days == 1 else f"{days} days overdue"


# --------------------------------------------------------------------------- input


def clean_text(text: str) -> tuple[str, bool]:
    """Drop control characters (a paste from a fax or e-mail may carry them).

    Returns the cleaned text and whether anything was dropped.
    """
    kept = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return kept, kept != text


#: a unit said after the quantity: "11 CAR", "3car", "40 pc"
_QUANTITY_AND_UNIT = re.compile(r"\s*([0-9.,_]+)\s*([A-Za-z]{1,3})\s*")


def quantity_and_unit(text: str) -> tuple[str, str] | None:
    """``"11 car"`` -> ``("11", "CAR")``: a quantity with the unit typed after it, as a caller says
    it (the quote's and the order's quantity fields take it); None when ``text`` is not that."""
    found = _QUANTITY_AND_UNIT.fullmatch(text)
    return None if found is None else (found.group(1), found.group(2).upper())


def parse_quantity(text: str) -> Decimal:
    """What a person typed as an order quantity → Decimal, or ValueError with the reason.

    Accepts ``40``, ``1,250``, ``2.5``; rejects 0, negatives, non-numbers, more than three
    decimals and anything beyond SAP's QUAN 13,3 field.
    """
    raw = text.strip().replace(",", "").replace("_", "")
    if not raw:
        raise ValueError("Enter a quantity")
    if len(raw) > 60:  # no quantity SAP can hold is this long (QUAN 13,3)
        raise ValueError(f"At most {number(QTY_MAX.to_integral_value(rounding='ROUND_DOWN'))} (SAP's field limit)")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", raw):
        raise ValueError(f"“{text.strip()[:20]}” is not a number")
    try:
        value = Decimal(raw)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only valid numbers
        raise ValueError(f"“{text.strip()[:20]}” is not a number") from None
    if value < 0:
        raise ValueError("The quantity cannot be negative")
    if value == 0:
        raise ValueError("The quantity must be more than 0")
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > QTY_DECIMALS:
        raise ValueError(f"At most {QTY_DECIMALS} decimals")
    if value > QTY_MAX:
        raise ValueError(f"At most {number(QTY_MAX.to_integral_value(rounding='ROUND_DOWN'))} (SAP's field limit)")
    return value


def parse_date(text: str, today: dt.date, *, allow_past: bool = False) -> dt.date:
    """What a person typed as a requested date → date, or ValueError with the reason.

    Accepts ``2026-12-04``, ``12/04/2026``, ``12/04`` (this year, or next if already past),
    ``today``, ``tomorrow``, ``+3`` (days from today) and weekday names (``fri`` = the next
    Friday, today if today is one).
    """
    raw = text.strip().lower()
    if not raw or raw == "today":
        return today
    if raw == "tomorrow":
        if today == dt.date.max:
            raise ValueError("tomorrow is past the last date there is")
        result = today + dt.timedelta(days=1)
    elif re.fullmatch(r"\+\d{1,3}", raw):
        try:
            result = today + dt.timedelta(days=int(raw[1:]))
        except OverflowError:  # past 9999-12-31
            raise ValueError(f"{raw} days from today is past the last date there is") from None
    elif len(raw) >= 3 and any(w.startswith(raw) for w in WEEKDAYS):
        target = next(i for i, w in enumerate(WEEKDAYS) if w.startswith(raw))
        try:
            result = today + dt.timedelta(days=(target - today.weekday()) % 7)
        except OverflowError:  # past 9999-12-31
            raise ValueError("that day is past the last date there is") from None
    else:
        result = _parse_calendar_date(raw, today)
    if result < today and not allow_past:
        raise ValueError(f"{result.isoformat()} is in the past")
    return result


def _parse_calendar_date(raw: str, today: dt.date) -> dt.date:
    bad = ValueError(f"“{raw[:20]}” is not a date (try 2026-12-04, 12/04, fri or +3)")
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", raw)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = re.fullmatch(r"(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?", raw)
        if not m:
            raise bad
        mo, d = int(m.group(1)), int(m.group(2))
        if m.group(3):
            y = int(m.group(3))
            y = y + 2000 if y < 100 else y
        else:
            y = today.year
            try:
                if dt.date(y, mo, d) < today:
                    y += 1
            except ValueError:
                raise bad from None
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise bad from None
