"""SAP internal formats <-> display formats. The one place where converting happens.

RFC carries SAP's *internal* forms (conversion exits are not applied over RFC, reference §1.5):
ALPHA zero padding, MATN1 padding to 18, ``YYYYMMDD`` dates, NUMC fields with implied decimals,
internal (German) partner functions, order types and units. Everything the gateway returns is
converted here, once; everything it sends is converted back here.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Context, Decimal, DivisionByZero, InvalidOperation, Overflow

from ordertui.model import ZERO
from ordertui.sap import assumptions as A

_DIGITS = re.compile(r"[0-9]+\Z")  # ASCII digits only: SAP NUMC/ALPHA hold no other

#: QUAN13.3: 13 digits of which 3 are decimals.
QUAN_INT_DIGITS = 10
QUAN_DECIMALS = 3

#: The largest magnitude any SAP number here can have (DEC fields hold at most 31 digits): a
#: value whose decimal exponent is beyond this either way is refused with ValueError, before
#: any arithmetic could raise decimal.Overflow / InvalidOperation ("1e999999999").
MAX_EXPONENT = 40
#: Arithmetic on SAP numbers: precise enough for 31-digit DEC fields plus decimals, bounded, and
#: every arithmetic problem trapped (and turned into ValueError by the callers).
_CTX = Context(prec=80, Emax=MAX_EXPONENT * 2, Emin=-MAX_EXPONENT * 2, traps=[InvalidOperation, Overflow, DivisionByZero])


# --------------------------------------------------------------------------- ALPHA / MATN1


def alpha_in(value: str, length: int = 10) -> str:
    """ALPHA input: numeric values right-aligned and zero-padded; others upper-cased as typed."""
    text = (value or "").strip()
    if not text:
        return ""
    if _DIGITS.match(text):
        stripped = text.lstrip("0") or "0"
        if len(stripped) > length:
            raise ValueError(f"{text} is longer than {length} digits")
        return stripped.zfill(length)
    if len(text) > length:
        raise ValueError(f"{text} is longer than {length} characters")
    return text.upper()


def alpha_out(value: str | None) -> str:
    """ALPHA output: leading zeros of numeric values removed ('' stays '', all zeros -> '')."""
    text = (value or "").strip()
    if _DIGITS.match(text):
        return text.lstrip("0")
    return text


def matn1_in(value: str) -> str:
    """MATN1 input: numeric material numbers zero-padded to 18; others upper-cased."""
    return alpha_in(value, 18)


def matn1_out(value: str | None) -> str:
    return alpha_out(value)


def item_in(value: int | str) -> str:
    """Order item number (POSNR, NUMC6)."""
    return str(int(value)).zfill(6)


def item_out(value: str | int | None) -> str:
    """'000010' -> '10'; '000000' / '' -> ''."""
    text = str(value or "").strip()
    return text.lstrip("0") if _DIGITS.match(text) else text


# --------------------------------------------------------------------------- dates


def date_in(value: dt.date | None) -> str:
    """date -> 'YYYYMMDD'; None -> '' (initial)."""
    if value is None:
        return ""
    # not strftime: glibc writes year 7 as '7', not '0007' — a 5-character DATS SAP would misread
    return f"{value.year:04d}{value.month:02d}{value.day:02d}"


def date_out(value: str | dt.date | None) -> dt.date | None:
    """'YYYYMMDD' (or a date when pyrfc runs with dtime=True) -> date; '', '00000000' -> None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text or text == "00000000" or set(text) == {"0"}:
        return None
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        return None


# --------------------------------------------------------------------------- numbers


def dec(value: object) -> Decimal:
    """Any BCD/number/str from pyrfc -> Decimal, normalised: no exponent, no trailing zeros.

    ``Decimal('1.000')`` and ``Decimal('1')`` both become ``Decimal('1')``; ``'1.50'`` ->
    ``Decimal('1.5')``; ``''``/None -> 0. Floats go through ``str`` so no binary noise enters.
    Anything that is not a finite number within ``MAX_EXPONENT`` raises ``ValueError`` (never a
    ``decimal`` signal or ``OverflowError``).
    """
    if value is None or value == "":
        return ZERO
    if isinstance(value, Decimal):
        d = value
    else:
        text = str(value).strip()
        if not text:
            return ZERO
        # SAP sometimes renders a trailing minus: '12.50-'
        if text.endswith("-"):
            text = "-" + text[:-1]
        try:
            d = Decimal(text)
        except (InvalidOperation, ValueError) as exc:
            raise ValueError(f"not a number: {text[:20]!r}") from exc
    _check_range(d)
    if d == 0:
        return ZERO
    try:
        d = d.normalize(_CTX)
        exponent = d.as_tuple().exponent  # an int: NaN and infinity were refused above
        if isinstance(exponent, int) and exponent > 0:
            d = d.quantize(Decimal(1), context=_CTX)
    except ArithmeticError:  # pragma: no cover - the range check keeps this from happening
        raise ValueError("number out of range") from None
    return d


def _check_range(d: Decimal) -> None:
    if not d.is_finite():
        raise ValueError("not a finite number")
    if d and abs(d.adjusted()) > MAX_EXPONENT:
        raise ValueError("number out of range")


def money(value: object, currency: str = "") -> Decimal:
    """An amount, quantised to the currency's decimals (2 unless assumptions say otherwise)."""
    places = A.CURRENCY_DECIMALS.get((currency or "").upper(), 2)
    try:
        return dec(value).quantize(Decimal(1).scaleb(-places), context=_CTX)
    except ArithmeticError:  # pragma: no cover - dec's range check keeps this from happening
        raise ValueError("amount out of range") from None


def numc_implied_in(value: Decimal, length: int = 13, decimals: int = 3) -> str:
    """Decimal -> NUMC with implied decimals: 9.001 -> '0000000009001' (length 13, 3 decimals)."""
    try:
        d = Decimal(value)
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise ValueError("not a number") from exc
    _check_range(d)
    if d < 0:
        raise ValueError("a NUMC field cannot hold a negative value")
    scaled = d.scaleb(decimals, context=_CTX)
    if scaled != scaled.to_integral_value(context=_CTX):
        raise ValueError(f"{value} has more than {decimals} decimals")
    digits = str(int(scaled))
    if len(digits) > length:
        raise ValueError(f"{value} does not fit {length} digits")
    return digits.zfill(length)


def numc_implied_out(value: str | None, decimals: int = 3) -> Decimal:
    """NUMC with implied decimals -> Decimal: '0000000009001' -> 9.001; '' -> 0."""
    text = str(value or "").strip()
    if not text:
        return ZERO
    if not _DIGITS.match(text) or not 0 <= decimals <= MAX_EXPONENT:
        raise ValueError(f"not a NUMC value: {text[:20]!r}")
    digits = text.lstrip("0") or "0"
    if len(digits) > MAX_EXPONENT:
        raise ValueError("NUMC value out of range")
    # exact: built from its digits, no context rounding
    return dec(Decimal((0, tuple(int(c) for c in digits), -decimals)))


def validate_quantity(value: object, *, field: str = "Quantity") -> Decimal:
    """Check a quantity fits SAP's QUAN13.3 and is positive; return it as Decimal.

    Raises ``ValueError`` with a message the screen can show at the field, before any call.
    """
    if isinstance(value, float):
        value = str(value)
    try:
        d = Decimal(str(value).strip().replace(",", "")) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError):
        raise ValueError(f"{field} must be a number") from None
    if not d.is_finite():
        raise ValueError(f"{field} must be a number")
    if d <= 0:
        raise ValueError(f"{field} must be greater than zero")
    # magnitude first, from the digits alone: normalize() of 1e999999999 would overflow
    if d.adjusted() >= QUAN_INT_DIGITS:
        raise ValueError(f"{field} can have at most {QUAN_INT_DIGITS} digits before the decimal point")
    if d.adjusted() < -QUAN_DECIMALS:
        raise ValueError(f"{field} can have at most {QUAN_DECIMALS} decimals")
    exponent = d.normalize(_CTX).as_tuple().exponent  # an int: d is finite
    if isinstance(exponent, int) and exponent < -QUAN_DECIMALS:
        raise ValueError(f"{field} can have at most {QUAN_DECIMALS} decimals")
    return dec(d)


# --------------------------------------------------------------------------- codes


def role_out(internal: str) -> str:
    """Partner function AG/WE/RE/RG -> SP/SH/BP/PY; unknown codes shown as stored."""
    code = (internal or "").strip().upper()
    return A.PARTNER_ROLE_EXTERNAL.get(code, code)


def role_in(external: str) -> str:
    """SP/SH/BP/PY -> AG/WE/RE/RG; an internal code passes through."""
    code = (external or "").strip().upper()
    if code in A.PARTNER_ROLE_EXTERNAL:
        return code
    return A.PARTNER_ROLE_INTERNAL.get(code, code)


def order_type_out(internal: str) -> str:
    code = (internal or "").strip().upper()
    return A.ORDER_TYPE_EXTERNAL.get(code, code)


def order_type_in(external: str) -> str:
    code = (external or "").strip().upper()
    if code in A.ORDER_TYPE_EXTERNAL:
        return code
    return A.ORDER_TYPE_INTERNAL.get(code, code)


def unit_out(internal: str) -> str:
    """Internal unit (CUNIT) -> English display: ST -> PC."""
    code = (internal or "").strip().upper()
    return A.UNIT_EXTERNAL.get(code, code)


def unit_in(external: str) -> str:
    """Display unit -> internal: PC -> ST; an internal code passes through."""
    code = (external or "").strip().upper()
    if code in A.UNIT_EXTERNAL:
        return code
    return A.UNIT_INTERNAL.get(code, code)


def flag(value: object) -> bool:
    """CHAR1 flag: 'X' (or any non-blank) = True."""
    return bool(str(value or "").strip())


def text(value: object) -> str:
    return str(value or "").strip()
