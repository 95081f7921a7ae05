"""Opening connections to SAP: a real one through pyrfc, or one to the in-process sandbox.

``pyrfc`` is imported here and nowhere else, lazily, only when a real profile is used. Both
``pyrfcx`` (SAP's NW RFC SDK at run time) and ``erpl-pyrfc`` (no SDK) provide it.

The password lives only in memory: in the closure of the connection factory, from where it is
handed to ``pyrfc.Connection`` each time a connection is (re)opened. It is never stored on the
gateway, never logged and scrubbed from every exception text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ordertui.sap.connection import ConnectionFactory, RfcConnection
from ordertui.sap.errors import PyrfcMissing, RfcSdkMissing
from ordertui.sap.pool import DEFAULT_POOL_SIZE
from ordertui.sap.rfc import RfcGateway, map_rfc_error

if TYPE_CHECKING:
    from ordertui.sap import probe

#: pyrfc connection parameter names ordertui passes through from a profile.
CONNECTION_PARAMS = frozenset(
    {
        "ashost", "sysnr", "mshost", "msserv", "sysid", "group", "r3name", "saprouter", "client",
        "user", "lang", "snc_partnername", "snc_qop", "snc_myname", "snc_lib", "snc_mode", "trace",
        "gwhost", "gwserv", "dest", "codepage",
    }
)

#: Sandbox faults that describe one event rather than a state (see ``sandbox_gateway``).
ONE_SHOT_FAULTS = frozenset(
    {"drop-before-commit", "drop-after-commit", "commit-lands-late", "dump-after-commit", "abap-dump",
     "drop-next-call"}
)

#: Per-call timeout for real systems (and the sandbox, by default), in seconds (pyrfc
#: ``options={"timeout": s}``).
REAL_CALL_TIMEOUT = 60.0


#: The libraries that provide ``import pyrfc`` (``rfc_library`` tells them apart).
PYRFCX, ERPL_PYRFC, SAP_PYRFC = "pyrfcx", "erpl-pyrfc", "pyrfc"

#: The connection parameter names erpl-pyrfc accepts (``pyrfc._connection.KNOWN_PARAMS`` of
#: erpl-pyrfc 2026.9.3, less its WebSocket-RFC and server extensions, which ordertui never
#: passes). It rejects any other name with ExternalRuntimeError RFC_INVALID_PARAMETER: it has no
#: SDK, so no sapnwrfc.ini (``dest``), no ``r3name`` alias, no ``trace``/``codepage``/gateway.
ERPL_PARAMS = frozenset(
    {
        "ashost", "sysnr", "client", "user", "passwd", "lang", "mshost", "msserv", "group", "sysid",
        "saprouter", "snc_mode", "snc_qop", "snc_myname", "snc_partnername", "snc_lib",
    }
)

#: pyrfcx (like SAP's PyRFC) hands every parameter to the SDK's RfcOpenConnection unchanged, and
#: the SDK reads the names of sapnwrfc.ini case-insensitively: ordertui's names are those.
SDK_PARAMS = CONNECTION_PARAMS


def _sdk_missing(exc: BaseException) -> bool:
    """pyrfcx's SdkNotFoundError, or SAP PyRFC's ImportError for libsapnwrfc."""
    if any(cls.__name__ == "SdkNotFoundError" for cls in type(exc).__mro__):
        return True
    return isinstance(exc, ImportError) and "sapnwrfc" in str(exc).lower()


def _import_pyrfc() -> Any:
    try:
        import pyrfc  # noqa: PLC0415 — lazily, only for real profiles
    except ImportError as exc:
        if _sdk_missing(exc):
            raise RfcSdkMissing(str(exc)) from None
        raise PyrfcMissing() from None
    return pyrfc


def rfc_library(module: Any) -> str:
    """Which distribution provides this ``pyrfc`` module: ``PYRFCX``, ``ERPL_PYRFC`` or ``SAP_PYRFC``.

    erpl-pyrfc's ``pyrfc`` imports its Rust core as ``pyrfc._erpl_pyrfc``; pyrfcx's ``pyrfc`` is a
    facade that imports the ``pyrfcx`` package; SAP's archived PyRFC has neither.
    """
    if hasattr(module, "_erpl_pyrfc"):
        return ERPL_PYRFC
    if hasattr(module, "pyrfcx"):
        return PYRFCX
    return SAP_PYRFC


def library_params(library: str, clean: Mapping[str, str]) -> dict[str, str]:
    """Checked connection parameters as ``library`` expects them (no password in here).

    Both libraries take pyrfc's lower-case names. The SDK (pyrfcx) and erpl-pyrfc both use SNC
    only with ``snc_mode=1``: a profile that names an SNC partner gets it, so it is never silently
    sent in plain text. erpl-pyrfc takes fewer names than the SDK: ``r3name`` becomes ``sysid``;
    the others it does not know are refused here with a message instead of by the library.
    """
    out = dict(clean)
    if out.get("snc_partnername") and not out.get("snc_mode"):
        out["snc_mode"] = "1"
    if library == ERPL_PYRFC:
        if "r3name" in out:
            out.setdefault("sysid", out["r3name"])
            del out["r3name"]
        unsupported = sorted(set(out) - ERPL_PARAMS)
        if unsupported:
            raise ValueError(
                f"erpl-pyrfc does not take the connection parameter(s) {', '.join(unsupported)} "
                "(it has no SAP NW RFC SDK and reads no sapnwrfc.ini); use pyrfcx with the SDK, "
                "or give ashost + sysnr, or mshost + group"
            )
    return out


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
    """One real ``pyrfc.Connection``. Raises PyrfcMissing, RfcSdkMissing, LogonFailed, SapUnreachable ..."""
    pyrfc = _import_pyrfc()
    kwargs = library_params(rfc_library(pyrfc), check_params(params))
    try:
        conn: RfcConnection = pyrfc.Connection(**kwargs, passwd=password)  # pyrfc has no type hints
        return conn
    except Exception as exc:
        if _sdk_missing(exc):
            mapped: BaseException = RfcSdkMissing(str(exc))
        else:
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
    params: Mapping[str, Any], password: str, *, read_only: bool = False, pool_size: int = DEFAULT_POOL_SIZE
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
    pool_size: int = DEFAULT_POOL_SIZE,
    update_delay: float | None = None,
    call_timeout: float | None = REAL_CALL_TIMEOUT,
) -> RfcGateway:
    """A gateway over sandbox connections. Cheap: nothing is generated before the first call.

    ``call_timeout``: the per-call timeout, passed as pyrfc's ``options={"timeout": s}`` as for a
    real profile (the same default, ``REAL_CALL_TIMEOUT``): a sandbox call slower than that is
    cancelled and raises what pyrfc raises (``RFC_CANCELED``), so the desk meets a slow sandbox
    the way it meets a slow SAP. ``latency``: seconds per call; 0 leaves it to the sandbox's
    process-wide knob (``sandbox.configure(latency=…)``, 0 unless set), which tests turn on and
    off during a session. ``update_delay``: seconds until an order committed under
    ``commit-lands-late`` is posted (None: the sandbox's default). Faults that describe one
    event (``ONE_SHOT_FAULTS``) fire once per gateway, on whichever of its connections meets the
    event first (one set shared by them), so a retry after the event behaves like SAP after a
    glitch. Faults that describe a state (``refuse``, ``down``,
    ``logon-failure``, ``locked-user``, ``no-authorization``) apply to every connection.
    """
    wanted = tuple(faults)
    one_shot = [f for f in wanted if f in ONE_SHOT_FAULTS]
    lasting = tuple(f for f in wanted if f not in ONE_SHOT_FAULTS)
    knobs: dict[str, Any] = {"seed": seed}
    if latency:
        knobs["latency"] = latency
    if today is not None:
        knobs["today"] = today
    if user:
        knobs["user"] = user
    if update_delay is not None:
        knobs["update_delay"] = update_delay
    shared = set(one_shot)

    def factory() -> RfcConnection:
        return open_sandbox(**knobs, faults=lasting, shared_faults=shared)

    return RfcGateway(
        factory,
        user=user,
        pool_size=pool_size,
        call_timeout=call_timeout,
        sandbox=True,
        today=(lambda: today) if today is not None else None,
    )


# --------------------------------------------------------------------------- deep profile test


def deep_test_real(
    params: Mapping[str, Any], password: str, *, read_only: bool = False, today: dt.date | None = None
) -> probe.Report:
    """``profile test --deep`` against a real system (``ordertui.sap.probe``); one connection.

    Raises PyrfcMissing / RfcSdkMissing / LogonFailed / SapUnreachable when it cannot log on.
    """
    from ordertui.sap import probe  # noqa: PLC0415 — admin command only

    pyrfc = _import_pyrfc()
    clean = check_params(params)
    return probe.run(
        lambda: open_real(clean, password),
        user=clean.get("user", ""),
        client=clean.get("client", ""),
        read_only=read_only,
        call_timeout=REAL_CALL_TIMEOUT,
        secrets=(password,),
        today=today,
        library=rfc_library(pyrfc),
    )


def deep_test_sandbox(
    *,
    seed: int = 1,
    today: dt.date | None = None,
    user: str = "ORDERDESK",
    read_only: bool = False,
    interface_changes: Mapping[str, Any] | None = None,
    unauthorized: Iterable[str] = (),
) -> probe.Report:
    """``profile test --deep`` against the sandbox, optionally a variant of it that differs from
    the catalogue (``interface_changes``) or lacks authorizations (``unauthorized``); see
    ``ordertui.sap.sandbox.describe``."""
    from ordertui.sap import probe  # noqa: PLC0415 — admin command only

    knobs: dict[str, Any] = {"seed": seed, "user": user}
    if today is not None:
        knobs["today"] = today
    if interface_changes:
        knobs["interface_changes"] = dict(interface_changes)
    if unauthorized:
        knobs["unauthorized"] = frozenset(unauthorized)
    return probe.run(
        lambda: open_sandbox(**knobs), user=user, client="100", read_only=read_only, today=today, library="sandbox"
    )
