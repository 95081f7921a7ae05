"""What every part of the sandbox shares: the client, the organisation (sales organizations and
plants) and SAP's conversions (ALPHA, MATN1, dates as YYYYMMDD, amounts to the cent).

It imports nothing of the sandbox, so the company generator, the history generator, the business
engine and the function modules all build on it without importing one another for a constant.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

D0 = Decimal(0)
CENT = Decimal("0.01")
CLIENT = "100"

SALES_AREAS = {("1000", "10", "00"): "USD", ("2000", "10", "00"): "EUR"}
SALES_ORG = {"1000": {"currency": "USD", "bukrs": "1000", "kkber": "1000", "country": "US",
                      "plants": ("1000", "1100")},
             "2000": {"currency": "EUR", "bukrs": "2000", "kkber": "2000", "country": "DE",
                      "plants": ("2000",)}}
PLANTS = {"1000": ("Dayton Distribution Center", "Dayton", "OH", "45414", "US", "1000",
                   "4800 Webster St"),
          "1100": ("Reno Distribution Center", "Reno", "NV", "89502", "US", "1000",
                   "1250 Mill St"),
          "2000": ("Lager Hamburg", "Hamburg", "02", "21107", "DE", "2000",
                   "Veddeler Damm 12")}
#: TVKWZ: plants allowed per sales organization (distribution channel 10)
SALES_ORG_PLANTS = (("1000", "1000"), ("1000", "1100"), ("2000", "2000"))


def alpha(number) -> str:
    """ALPHA conversion: purely numeric values right-aligned and zero-padded to 10."""
    s = str(number).strip()
    return s.zfill(10) if s.isdigit() else s.upper()


def matn1(number) -> str:
    """MATN1 conversion: numeric material numbers zero-padded to 18."""
    s = str(number).strip()
    return s.zfill(18) if s.isdigit() else s.upper()


_D8: dict[dt.date, str] = {}


def d8(date: dt.date) -> str:
    s = _D8.get(date)
    if s is None:
        s = _D8[date] = f"{date.year:04d}{date.month:02d}{date.day:02d}"
    return s


def parse_d8(s: str) -> dt.date | None:
    if not s or s == "00000000":
        return None
    return dt.date(int(s[:4]), int(s[4:6]), int(s[6:]))


def money(x) -> Decimal:
    return Decimal(x).quantize(CENT)


class Rec:
    """A compact record (``__slots__``) read like a dict: ``rec["price"]``."""

    __slots__ = ()

    def __init__(self, **values):
        for k, v in values.items():
            setattr(self, k, v)

    def __getitem__(self, key):
        return getattr(self, key)

    def get(self, key, default=None):
        return getattr(self, key, default)
