"""Opening connections to SAP: a real one through pyrfc, or one to the in-process sandbox.

``pyrfc`` is imported here and nowhere else, lazily, only when a real profile is used. Both
``pyrfcx`` (SAP's NW RFC SDK at run time) and ``erpl-pyrfc`` (no SDK) provide it.

The password lives only in memory: in the closure of the connection factory, from where it is
handed to ``pyrfc.Connection`` each time a connection is (re)opened. It is never stored on the
gateway, never logged and scrubbed from every exception text.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Mapping
from typing import Any

from ordertui.sap.connection import ConnectionFactory, RfcConnection
from ordertui.sap.errors import PyrfcMissing
from ordertui.sap.rfc import RfcGateway, map_rfc_error

#: pyrfc connection parameter names ordertui passes through from a profile.
CONNECTION_PARAMS = frozenset(
    {
        "ashost", "sysnr", "mshost", "msserv", "sysid", "group", "r3name", "saprouter", "client",
        "user", "lang", "snc_partnername", "snc_qop", "snc_myname", "snc_lib", "snc_mode", "trace",
        "gwhost", "gwserv", "dest", "codepage",
    }
)

#: Sandbox faults that describe one event rather than a state (see ``sandbox_gateway``).
ONE_SHOT_FAULTS = frozenset({"drop-before-commit", "drop-after-commit", "abap-dump"})

#: Default per-call timeout for real systems, in seconds (pyrfc ``options={"timeout": s}``).
REAL_CALL_TIMEOUT = 60.0


def _import_pyrfc() -> Any:
    try:
        import pyrfc  # noqa: PLC0415 — lazily, only for real profiles
    except ImportError:
        raise PyrfcMissing() from None
    return pyrfc


def check_params(params: Mapping[str, Any]) -> dict[str, str]:
    """Validate and normalise pyrfc connection parameters (no password in here)."""
    clean = {str(k).lower(): str(v).strip() for k, v in params.items() if v not in (None, "")}
    if "passwd" in clean:
        raise ValueError("the password does not belong in the connection parameters")
    unknown = sorted(set(clean) - CONNECTION_PARAMS)
    if unknown:
        raise ValueError(f"unknown connection parameter(s): {', '.join(unknown)}")
    if "ashost" in clean:
        if "sysnr" not in clean:
            raise ValueError("an application server (ashost) needs a system number (sysnr)")
    elif "mshost" in clean:
        if not ("msserv" in clean or "sysid" in clean or "r3name" in clean):
            raise ValueError("a message server (mshost) needs msserv or sysid")
        if "group" not in clean:
            raise ValueError("a message server (mshost) needs a logon group (group)")
    elif "dest" not in clean:
        raise ValueError("give an application server (ashost + sysnr) or a message server (mshost + group)")
    if "client" in clean and not (clean["client"].isdigit() and len(clean["client"]) <= 3):
        raise ValueError("the client is a number of up to 3 digits")
    if "client" in clean:
        clean["client"] = clean["client"].zfill(3)
    return clean


def open_real(params: Mapping[str, Any], password: str) -> RfcConnection:
    """One real ``pyrfc.Connection``. Raises PyrfcMissing, LogonFailed, SapUnreachable ..."""
    pyrfc = _import_pyrfc()
    clean = check_params(params)
    try:
        conn: RfcConnection = pyrfc.Connection(**clean, passwd=password)  # pyrfc has no type hints
        return conn
    except Exception as exc:
        mapped = map_rfc_error(exc, secrets=(password,))
        if mapped is exc:
            raise
    # raised outside the except block so pyrfc's own exception is not chained as __context__
    raise mapped


def open_sandbox(**knobs: Any) -> RfcConnection:
    """One connection to the in-process sandbox SAP system (``ordertui.sap.sandbox.connect``)."""
    from ordertui.sap.sandbox import connect  # noqa: PLC0415 — the sandbox is big; load on use

    return connect(**knobs)


def make_gateway(factory: ConnectionFactory, **options: Any) -> RfcGateway:
    """An RfcGateway over any factory returning pyrfc-compatible connections."""
    return RfcGateway(factory, **options)


def real_gateway(
    params: Mapping[str, Any], password: str, *, read_only: bool = False, pool_size: int = 2
) -> RfcGateway:
    """A gateway over a real SAP system. Logs on at once, so failures surface here.

    Raises PyrfcMissing / LogonFailed / SapUnreachable / NotAuthorized.
    """
    clean = check_params(params)
    _import_pyrfc()

    def factory() -> RfcConnection:
        return open_real(clean, password)

    gateway = RfcGateway(
        factory,
        user=clean.get("user", ""),
        client=clean.get("client", ""),
        language=clean.get("lang", "E"),
        pool_size=pool_size,
        call_timeout=REAL_CALL_TIMEOUT,
        read_only=read_only,
        secrets=(password,),
    )
    try:
        gateway.ping()  # eager logon: opens the first pooled connection
    except BaseException:
        gateway.close()
        raise
    return gateway


def sandbox_gateway(
    *,
    seed: int = 1,
    today: dt.date | None = None,
    latency: float = 0.0,
    faults: Iterable[str] = (),
    user: str = "",
    pool_size: int = 2,
) -> RfcGateway:
    """A gateway over sandbox connections. Cheap: nothing is generated before the first call.

    Faults that describe one event (``drop-before-commit``, ``drop-after-commit``, ``abap-dump``)
    fire once per gateway: they arm only the first connection opened, so a retry after the
    event behaves like SAP after a glitch. Faults that describe a state (``refuse``, ``down``,
    ``logon-failure``, ``locked-user``, ``no-authorization``) apply to every connection.
    """
    wanted = tuple(faults)
    one_shot = [f for f in wanted if f in ONE_SHOT_FAULTS]
    lasting = tuple(f for f in wanted if f not in ONE_SHOT_FAULTS)
    knobs: dict[str, Any] = {"seed": seed, "latency": latency}
    if today is not None:
        knobs["today"] = today
    if user:
        knobs["user"] = user
    lock = threading.Lock()

    def factory() -> RfcConnection:
        with lock:
            armed = lasting + tuple(one_shot)
            one_shot.clear()
        return open_sandbox(**knobs, faults=armed)

    return RfcGateway(
        factory,
        user=user,
        pool_size=pool_size,
        sandbox=True,
        today=(lambda: today) if today is not None else None,
    )
