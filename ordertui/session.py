"""What one running ordertui knows about its SAP session — in memory only, never written.

No textual import here: the app holds one ``Session``; screens reach it as ``self.app.session``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from ordertui.model import CustomerHit, SalesArea, SystemInfo, UserDefaults
from ordertui.sap.gateway import SapGateway

RECENT_CUSTOMERS = 10


def _today() -> dt.date:
    return dt.date.today()


def _now() -> dt.datetime:
    return dt.datetime.now()


@dataclass
class Session:
    gateway: SapGateway
    sales_area: SalesArea
    system: SystemInfo | None = None
    defaults: UserDefaults | None = None
    profile_name: str = ""  # "" = sandbox
    production: bool = False
    read_only: bool = False
    sandbox: bool = False
    #: Injectable clock: tests freeze it so screens and snapshots are stable.
    today: Callable[[], dt.date] = _today
    now: Callable[[], dt.datetime] = _now
    #: Customers chosen in this session, newest first (memory only, never persisted).
    recent_customers: list[CustomerHit] = field(default_factory=list)

    def remember_customer(self, hit: CustomerHit) -> None:
        self.recent_customers = [hit] + [c for c in self.recent_customers if c.number != hit.number]
        del self.recent_customers[RECENT_CUSTOMERS:]
