"""Materials: hits, scales, units, availability.

Part of ``ordertui.model`` (import from there). Plain, immutable, display form; memory only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from ordertui.model.common import SapMessage, ZERO


# --------------------------------------------------------------------------- materials


class SalesStatus(str, Enum):
    ACTIVE = "active"
    DISCONTINUED = "discontinued"
    BLOCKED = "blocked"
    NOT_IN_SALES_ORG = "not in sales org"


@dataclass(frozen=True)
class MaterialHit:
    number: str
    description: str


@dataclass(frozen=True)
class PriceScale:
    from_quantity: Decimal
    price: Decimal
    currency: str
    per: Decimal
    unit: str


@dataclass(frozen=True)
class UnitOfMeasure:
    unit: str
    numerator: Decimal  # alternative unit = numerator/denominator base units
    denominator: Decimal


@dataclass(frozen=True)
class Material:
    number: str
    description: str
    base_unit: str
    sales_unit: str
    material_type: str = ""
    material_group: str = ""
    division: str = ""
    gross_weight: Decimal = ZERO
    net_weight: Decimal = ZERO
    weight_unit: str = ""
    sales_status: SalesStatus = SalesStatus.ACTIVE
    sales_status_code: str = ""
    minimum_order_qty: Decimal = ZERO
    delivering_plant: str = ""
    units: tuple[UnitOfMeasure, ...] = ()
    scales: tuple[PriceScale, ...] = ()


@dataclass(frozen=True)
class AvailabilityLine:
    date: dt.date
    quantity: Decimal


@dataclass(frozen=True)
class Availability:
    """BAPI_MATERIAL_AVAILABILITY for one plant and one requested quantity/date."""

    material: str
    plant: str
    unit: str
    requested_quantity: Decimal
    requested_date: dt.date
    available_at_plant: Decimal
    confirmations: tuple[AvailabilityLine, ...]
    end_of_lead_time: dt.date | None
    messages: tuple[SapMessage, ...] = ()

    @property
    def confirmed_quantity(self) -> Decimal:
        return sum((c.quantity for c in self.confirmations), ZERO)

    @property
    def confirmed_on_requested_date(self) -> Decimal:
        return sum((c.quantity for c in self.confirmations if c.date <= self.requested_date), ZERO)

    @property
    def fully_confirmed(self) -> bool:
        return self.confirmed_on_requested_date >= self.requested_quantity
