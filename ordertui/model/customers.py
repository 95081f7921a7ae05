"""Customers: hits, addresses, contacts, partners, sales data, credit.

Part of ``ordertui.model`` (import from there). Plain, immutable, display form; memory only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from ordertui.model.common import SalesArea, ZERO


# --------------------------------------------------------------------------- customers


@dataclass(frozen=True)
class CustomerHit:
    number: str
    name: str
    city: str
    postal_code: str
    country: str
    phone: str
    blocked: bool  # central order block, posting block or deletion flag
    #: the account is a ship-to only (account group of goods recipients): it takes deliveries but
    #: cannot order; ``gateway.sold_tos_of(number, sales_area)`` gives the sold-to(s) it serves
    ship_to_only: bool = False
    #: a phone search matched a contact person's number, not the company's: "Maria Alvarez,
    #: Purchasing" (name, then department or function); "" when the company's number matched
    matched_contact: str = ""
    #: the number that matched a phone search, as SAP holds it (ADR2-TEL_NUMBER); "" otherwise
    matched_phone: str = ""


@dataclass(frozen=True)
class SearchResult:
    """Hits of a search, and whether SAP stopped at the hit limit."""

    hits: tuple
    limit: int
    truncated: bool
    #: what the search did beyond the text as typed, in a sentence for the user ("555-0142 has no
    #: area code: numbers in +1 that end in 5550142"); "" when it searched just what was typed
    note: str = ""

    def __post_init__(self) -> None:
        # Each number once, the first as SAP answered it: an answer can hold a row twice (a read
        # over items, a row repeated) and a screen keys its rows by the number.
        seen: set[object] = set()
        unique = []
        for hit in self.hits:
            number = getattr(hit, "number", None)
            if number is None or number not in seen:
                seen.add(number)
                unique.append(hit)
        if len(unique) != len(self.hits):
            object.__setattr__(self, "hits", tuple(unique))

    def __len__(self) -> int:
        return len(self.hits)


@dataclass(frozen=True)
class Address:
    name: str
    name2: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    region: str = ""
    country: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""

    def one_line(self) -> str:
        parts = [self.street, " ".join(p for p in (self.postal_code, self.city) if p), self.country]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class Contact:
    number: str
    name: str
    department: str = ""
    function: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Plant:
    """A plant a sales organization may deliver from (TVKWZ), with its name and city (T001W)."""

    number: str
    name: str
    city: str = ""


@dataclass(frozen=True)
class Partner:
    """A partner function of a customer in a sales area. ``role`` is external: SP SH BP PY, or CP
    for a contact person (then ``number`` is the contact's KNVK number and ``name`` the person's)."""

    role: str
    number: str
    name: str
    city: str = ""
    is_default: bool = False
    address: Address | None = None


@dataclass(frozen=True)
class Customer:
    """General data of a customer (BAPI_CUSTOMER_GETDETAIL2 + KNA1)."""

    number: str
    address: Address
    contacts: tuple[Contact, ...] = ()
    order_block: str = ""  # central order block (KNA1-AUFSD); code, "" = none
    posting_block: bool = False
    deletion_flag: bool = False
    language: str = ""


@dataclass(frozen=True)
class CustomerSalesData:
    """Sales-area data of a customer (KNVV, KNVP) in one sales area."""

    customer: str
    sales_area: SalesArea
    currency: str
    payment_terms: str
    payment_terms_text: str = ""
    shipping_condition: str = ""
    shipping_condition_text: str = ""
    incoterms1: str = ""
    incoterms2: str = ""
    delivering_plant: str = ""
    order_block: str = ""
    delivery_block: str = ""
    billing_block: str = ""
    partners: tuple[Partner, ...] = ()

    def partners_in(self, role: str) -> tuple[Partner, ...]:
        return tuple(p for p in self.partners if p.role == role)


@dataclass(frozen=True)
class CreditStatus:
    """Credit account of the payer (BAPI_CREDIT_ACCOUNT_GET_STATUS)."""

    account: str
    credit_control_area: str
    currency: str
    limit: Decimal
    exposure: Decimal
    blocked: bool
    risk_category: str = ""
    open_items: Decimal = ZERO
    days_in_arrears: int = 0

    @property
    def headroom(self) -> Decimal:
        return self.limit - self.exposure

    @property
    def over_limit(self) -> bool:
        return self.exposure > self.limit
