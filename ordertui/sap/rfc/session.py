"""The session: who is logged on where (RFC_SYSTEM_INFO, BAPI_USER_GET_DETAIL), and ping.

The user and client are known from the profile, or learned from the first connection
(``Logon.learn``) when the gateway was not told them; nothing else is kept.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from ordertui.model import SalesArea, SystemInfo, UserDefaults
from ordertui.sap import convert as C
from ordertui.sap.connection import HasConnectionAttributes, RfcConnection
from ordertui.sap.rfc.messages import messages_from, raise_for_errors
from ordertui.sap.rfc.transport import Transport

log = logging.getLogger("ordertui.sap")


@dataclass
class Logon:
    """The SAP user (upper case) and client of the session; '' until known."""

    user: str = ""
    client: str = ""

    def learn(self, conn: RfcConnection) -> None:
        """Take user and client from the connection when the gateway was not told them."""
        if self.user and self.client:
            return
        if not isinstance(conn, HasConnectionAttributes):
            return
        try:
            attrs = conn.get_connection_attributes() or {}
        except Exception as exc:  # attributes are a nicety; the call itself worked
            log.debug("get_connection_attributes failed: %s", type(exc).__name__)
            return
        self.user = self.user or C.text(attrs.get("user")).upper()
        self.client = self.client or C.text(attrs.get("client"))


def ping(rfc: Transport) -> float:
    start = time.perf_counter()
    rfc.call("RFC_PING")
    return time.perf_counter() - start


def system_info(rfc: Transport, logon: Logon, *, sandbox: bool) -> SystemInfo:
    with rfc.connection() as conn:
        res = rfc.invoke(conn, "RFC_SYSTEM_INFO")
        logon.learn(conn)
    si = res.get("RFCSI_EXPORT") or {}
    return SystemInfo(
        system_id=C.text(si.get("RFCSYSID")),
        release=C.text(si.get("RFCSAPRL")),
        host=C.text(si.get("RFCHOST")),
        client=logon.client,
        user=logon.user,
        sandbox=sandbox,
    )


def user_defaults(rfc: Transport, logon: Logon) -> UserDefaults:
    if not logon.user:
        with rfc.connection() as conn:
            logon.learn(conn)
    res = rfc.call("BAPI_USER_GET_DETAIL", USERNAME=logon.user)
    raise_for_errors(messages_from(res.get("RETURN")), not_found=True)
    params = {C.text(p.get("PARID")).upper(): C.text(p.get("PARVA")) for p in res.get("PARAMETER") or []}
    addr = res.get("ADDRESS") or {}
    defaults = res.get("DEFAULTS") or {}
    area = None
    if params.get("VKO"):
        area = SalesArea(params["VKO"], params.get("VTW", ""), params.get("SPA", ""))
    full = C.text(addr.get("FULLNAME")) or " ".join(
        p for p in (C.text(addr.get("FIRSTNAME")), C.text(addr.get("LASTNAME"))) if p
    )
    return UserDefaults(
        user=logon.user,
        full_name=full,
        language=C.text(defaults.get("LANGU")) or rfc.language,
        sales_area=area,
        plant=params.get("WRK", ""),
        date_format=C.text(defaults.get("DATFM")),
    )
