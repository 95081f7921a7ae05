"""SandboxConnection: a pyrfc-compatible Connection to the in-process sandbox SAP system."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import threading
import time
from collections.abc import Iterator

from ordertui.sap.sandbox import catalog, describe, errors, history
from ordertui.sap.sandbox.company import Company

FAULTS = frozenset({"refuse", "drop-before-commit", "drop-after-commit", "commit-lands-late",
                    "dump-after-commit", "abap-dump", "logon-failure", "locked-user",
                    "no-authorization", "down", "drop-next-call"})

#: Seconds the update task takes to post an order under ``commit-lands-late`` (``update_delay``).
DEFAULT_UPDATE_DELAY = 5.0

_registry_lock = threading.Lock()
_systems: dict[tuple[int, dt.date], Company] = {}
_defaults = {"latency": 0.0, "faults": set(), "update_delay": DEFAULT_UPDATE_DELAY}
_conv_ids = itertools.count(1)
#: Taking a one-shot fault that any connection may meet is one step (``_take``).
_faults_lock = threading.Lock()


def _fault_set(faults) -> set[str]:
    if faults is None:
        return set()
    if isinstance(faults, str):
        faults = {f.strip() for f in faults.split(",") if f.strip()}
    faults = set(faults)
    unknown = faults - FAULTS
    if unknown:
        raise ValueError(f"unknown sandbox fault(s): {', '.join(sorted(unknown))}; "
                         f"known: {', '.join(sorted(FAULTS))}")
    return faults


def configure(latency: float | None = None, faults=None, update_delay: float | None = None) -> None:
    """Process-wide knobs, used by later connect() calls and by connections already open.

    ``faults`` replaces the process-wide fault set (pass ``set()`` or ``""`` to clear);
    ``update_delay``: seconds until a ``commit-lands-late`` order is posted."""
    if latency is not None:
        _defaults["latency"] = float(latency)
    if faults is not None:
        _defaults["faults"] = _fault_set(faults)
    if update_delay is not None:
        _defaults["update_delay"] = float(update_delay)


def defaults() -> dict:
    return {"latency": _defaults["latency"], "faults": set(_defaults["faults"]),
            "update_delay": _defaults["update_delay"]}


def system(seed: int = 1, today: dt.date | None = None) -> Company:
    """The one sandbox system of this process for (seed, today)."""
    today = today or dt.date.today()
    key = (seed, today)
    with _registry_lock:
        co = _systems.get(key)
        if co is None:
            co = _systems[key] = Company(seed, today, history.BUILDERS)
        return co


def reset_systems() -> None:
    """Forget every sandbox system (tests only)."""
    with _registry_lock:
        _systems.clear()


@contextlib.contextmanager
def fresh_after_commits() -> Iterator[None]:
    """Forget, when the block ends, every system that committed documents inside it (tests only).

    One system per (seed, today) and process is the product's behaviour: every connection sees
    what another committed. A test suite wants each test to start from the generated company:
    the next ``system()`` call regenerates a forgotten one. Systems nothing was committed to are
    kept, since generating one costs about a second.
    """
    with _registry_lock:
        before = {key: co.commits for key, co in _systems.items()}
    try:
        yield
    finally:
        with _registry_lock:
            for key, co in list(_systems.items()):
                if co.commits != before.get(key, 0):
                    del _systems[key]


class SandboxConnection:
    """Answers ``call(name, **params)`` like ``pyrfc.Connection`` against a live SAP system."""

    def __init__(self, *, seed: int = 1, today: dt.date | None = None,
                 latency: float | None = None, faults=None, update_delay: float | None = None,
                 shared_faults: set[str] | None = None, **params):
        self._params = {k: v for k, v in params.items() if k not in ("passwd", "password")}
        self.config = dict(params.get("config") or {})
        self._out_config = (catalog.OutConfig(self.config)
                            if {"dtime", "rstrip"} & set(self.config) else catalog.DEFAULT_OUT)
        self.user = str(params.get("user") or "ORDERDESK").upper()[:12]
        self.client = str(params.get("client") or "100")
        lang = str(params.get("lang") or "E").upper()
        self.language = {"EN": "E", "DE": "D"}.get(lang, lang[:1])
        self.host = str(params.get("ashost") or params.get("mshost") or "sapsbx")
        self.sysnr = str(params.get("sysnr") or "00")
        self.company = system(seed, today)
        self.seed = seed
        self.latency = latency  # None = use the process-wide default
        self.update_delay = update_delay  # None = use the process-wide default
        self.faults: set[str] = _fault_set(faults)
        #: one-shot faults armed for every connection of one gateway (the same set object): the
        #: first connection to meet the event fires it, whichever of the pool's connections it is
        self.shared_faults: set[str] = shared_faults if shared_faults is not None else set()
        self.luw: list[dict] = []
        self._open = True
        self._broken = False
        self._lock = threading.Lock()
        self._conv_id = f"{next(_conv_ids):08d}"
        # how this system differs from the catalogue (another release, a missing authorization)
        self.variant = describe.Variant(params.get("interface_changes"), params.get("unauthorized") or ())
        active = self._active_faults()
        if "refuse" in active or "down" in active:
            raise errors.communication_error(
                f"Connection refused: partner '{self.host}:33{self.sysnr}' not reached")
        if "logon-failure" in active:
            raise errors.logon_error("Name or password is incorrect (repeat logon)")
        if "locked-user" in active:
            raise errors.logon_error("User is locked. Please notify the person responsible")

    # -------------------------------------------------------------- knobs
    def _active_faults(self) -> set[str]:
        return self.faults | self.shared_faults | _defaults["faults"]

    def _consume(self, fault: str) -> None:
        """One-shot faults fire once, wherever they were set."""
        self.faults.discard(fault)
        self.shared_faults.discard(fault)
        _defaults["faults"].discard(fault)

    def _take(self, fault: str) -> bool:
        """Whether this call meets one-shot ``fault``, taking it: of calls made at the same time
        on several connections, exactly one does."""
        with _faults_lock:
            if fault not in self._active_faults():
                return False
            self._consume(fault)
            return True

    def _latency(self) -> float:
        return _defaults["latency"] if self.latency is None else self.latency

    def _update_delay(self) -> float:
        return _defaults["update_delay"] if self.update_delay is None else self.update_delay

    def _sleep(self) -> None:
        latency = self._latency()
        if latency > 0:
            time.sleep(latency)

    # -------------------------------------------------------------- pyrfc surface
    @property
    def alive(self) -> bool:
        return self._open and not self._broken

    def _check_open(self) -> None:
        if not self._open:
            raise errors.rfc_error("RFC invocation rejected because the connection is closed")
        if self._broken:
            raise errors.communication_error("Connection to partner broken")
        if "down" in self._active_faults():
            self._break()
            raise errors.communication_error("Connection reset by peer: partner not reachable")

    def _break(self) -> None:
        self._broken = True
        self.luw.clear()

    def ping(self) -> None:
        self._check_open()
        self._sleep()

    def close(self) -> None:
        self.luw.clear()  # closing without commit discards the LUW
        self._open = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def reset_server_context(self) -> None:
        self._check_open()
        self.luw.clear()

    def cancel(self) -> None:
        """Not supported by the sandbox (calls are not interruptible); kept for API parity."""

    def get_connection_attributes(self) -> dict:
        self._check_open()
        return {"dest": "", "host": "localhost", "partnerHost": self.host, "sysNumber": self.sysnr,
                "sysId": "SBX", "client": self.client, "user": self.user,
                "language": self.language, "trace": "0",
                "isoLanguage": {"E": "EN", "D": "DE"}.get(self.language, "EN"),
                "codepage": "4103", "partnerCodepage": "4103", "rfcRole": "C", "type": "E",
                "partnerType": "3", "rel": "758", "partnerRel": "758", "kernelRel": "793",
                "cpicConvId": self._conv_id, "progName": "SAPLSYST", "partnerBytesPerChar": "2",
                "partnerSystemCodepage": "4103", "partnerIP": "10.0.0.10",
                "partnerIPv6": "", "reserved": ""}

    def get_function_description(self, name: str) -> describe.FunctionDescription:
        """The interface of a function module as pyrfc describes it (``describe``), from the catalogue."""
        self._check_open()
        self._sleep()
        name = name.upper()
        fd = describe.function_description(name, self.variant.changes)
        if fd is None:
            raise errors.abap_exception("FU_NOT_FOUND", "FL", "046", name,
                                        message=f"ID:FL Type:E Number:046 {name}")
        return fd

    def call(self, func_name: str, options: dict | None = None, **params) -> dict:
        with self._lock:  # one call at a time per connection, like an RFC session
            return self._call(func_name, options or {}, params)

    def _call(self, name: str, options: dict, params: dict) -> dict:
        from ordertui.sap.sandbox import fms, fms_sales  # noqa: PLC0415 - handlers load on first call

        self._check_open()
        fms_sales.post_due_updates(self.company)  # what the update task has posted by now
        timeout = options.get("timeout")
        timed_out = bool(timeout) and self._latency() > timeout
        # the next call made meets the drop, not one already on its way when the fault was set
        # (a test arming it after a slow call had started saw that call dropped instead)
        dropped = self._take("drop-next-call")
        if timed_out:
            time.sleep(timeout)
        else:
            self._sleep()
        if dropped:  # the line breaks under this call: nothing reached SAP
            self._break()
            raise errors.communication_error("Connection reset by peer")
        active = self._active_faults()
        if "abap-dump" in active and self._take("abap-dump"):  # one of calls made at once dumps
            self.luw.clear()  # a short dump rolls back the session's LUW
            raise errors.runtime_error("COMPUTE_INT_ZERODIVIDE",
                                       "Division by 0 (type I or INT8)")
        if "no-authorization" in active and name != "RFC_PING":
            raise errors.lib_error(
                "ABAPRuntimeError",
                f"User {self.user} has no RFC authorization for function module {name}.",
                4, "RFC_ABAP_MESSAGE", "00", "E", "000", f"User {self.user} has no RFC "
                f"authorization for function module {name}.")
        self.variant.before_call(self.user, name, params)
        fdef = catalog.function(name)
        handler = fms.HANDLERS.get(name)
        if fdef is None or handler is None:
            raise errors.abap_exception("FU_NOT_FOUND", "FL", "046", name,
                                        message=f"ID:FL Type:E Number:046 {name}")
        checked = catalog.check_params(name, fdef, params)
        try:
            return self._run(name, fdef, handler, checked, active, options,
                             timeout if timed_out else None)
        except Exception as exc:
            if isinstance(exc, tuple(errors.error_classes().values())):
                raise
            # a bug in the sandbox surfaces like a short dump in SAP: typed, LUW lost
            self.luw.clear()
            raise errors.runtime_error(
                "SANDBOX_INTERNAL_ERROR", f"Sandbox failure in {name}: "
                f"{type(exc).__name__}: {exc}") from exc

    def _run(self, name, fdef, handler, checked, active, options, cancelled_after) -> dict:
        if name == "BAPI_TRANSACTION_COMMIT":
            if "drop-before-commit" in active:
                self._consume("drop-before-commit")
                self._break()
                raise errors.communication_error("Connection reset by peer (before commit)")
            if "commit-lands-late" in active:
                # the update task posts the order a while later; the answer never comes back
                from ordertui.sap.sandbox import fms_sales  # noqa: PLC0415

                self._consume("commit-lands-late")
                fms_sales.commit_luw(self, update_delay=self._update_delay())
                self._break()
                raise errors.communication_error("Connection reset by peer (answer lost)")
            with self.company.lock:
                result = handler(self, checked)
            if "drop-after-commit" in active:
                self._consume("drop-after-commit")
                self._break()
                raise errors.communication_error("Connection reset by peer (answer lost)")
            if "dump-after-commit" in active:
                self._consume("dump-after-commit")  # the order is saved, the caller gets a dump
                raise errors.runtime_error(
                    "MESSAGE_TYPE_X", "The current application triggered a termination with a short dump.")
        else:
            with self.company.lock:  # one database: calls of all connections serialise here
                result = handler(self, checked)
        for pname, pdef in fdef["params"].items():  # tables come back as the server holds them
            if pdef["direction"] in ("TABLES", "CHANGING") and pname not in result \
                    and pname in checked:
                result[pname] = checked[pname]
        if cancelled_after:  # pyrfc cancels the call; the server may still have done the work
            self._break()
            raise errors.lib_error("CommunicationError",
                                   f"Connection was canceled: timeout {cancelled_after}s", 7,
                                   "RFC_CANCELED")
        cfg = self._out_config
        imports = checked if self.config.get("return_import_params") else None
        out = catalog.shape_result(name, fdef, result, cfg, imports)
        out = self.variant.answer(name, out, checked)
        for pname in (options.get("not_requested") or ()):
            out.pop(pname, None)
        return out


def connect(**params) -> SandboxConnection:
    """``pyrfc.Connection(**params)`` for the sandbox (plus seed, today, latency, faults)."""
    return SandboxConnection(**params)
