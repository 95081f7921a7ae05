"""Messages, system and user: what every part of the model shares.

Part of ``ordertui.model`` (import from there). Plain, immutable, display form; memory only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum


ZERO = Decimal("0")


# --------------------------------------------------------------------------- messages


@dataclass(frozen=True)
class SapMessage:
    """One message from any of SAP's RETURN shapes (BAPIRETURN, BAPIRETURN1, BAPIRET1, BAPIRET2).

    ``type`` is SAP's: S success, I info, W warning, E error, A abort.
    ``id``/``number`` are the message class and number (``V1``/``311``); for the oldest
    BAPIRETURN shape they are split out of its ``CODE`` field.
    ``row`` (1-based item row, 0 = header) and ``field``/``parameter`` say what it concerns.
    """

    type: str
    id: str
    number: str
    text: str
    parameter: str = ""
    row: int = 0
    field: str = ""
    item: str = ""  # order item number without zeros, when SAP names one

    @property
    def is_error(self) -> bool:
        return self.type in ("E", "A", "X")

    @property
    def is_warning(self) -> bool:
        return self.type == "W"

    @property
    def code(self) -> str:
        """``V1 311`` — how SAP users quote a message."""
        return f"{self.id} {self.number}".strip()


# --------------------------------------------------------------------------- system / user


@dataclass(frozen=True)
class SalesArea:
    sales_org: str
    distr_chan: str
    division: str

    def __str__(self) -> str:
        return f"{self.sales_org}/{self.distr_chan}/{self.division}"


@dataclass(frozen=True)
class SystemInfo:
    system_id: str
    release: str
    host: str
    client: str
    user: str
    sandbox: bool = False


@dataclass(frozen=True)
class UserDefaults:
    """From BAPI_USER_GET_DETAIL: the user's name and SET/GET parameters VKO/VTW/SPA/WRK."""

    user: str
    full_name: str
    language: str
    sales_area: SalesArea | None
    plant: str = ""
    date_format: str = ""


@dataclass(frozen=True)
class CallEvent:
    """A technical record of one RFC call, for the call log and the status bar.

    Holds the function module name, duration and outcome class only — never a payload.
    """

    function: str
    seconds: float
    outcome: str  # "ok", "business-error", or the error class name
    at: dt.datetime
