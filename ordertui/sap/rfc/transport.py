"""Transport: calls on pooled connections, timed and reported, with pyrfc errors mapped by class.

``Transport`` is the small typed object every domain module's functions take as ``rfc``: it
calls a function module (``call``; ``invoke`` on a connection already checked out, for an LUW),
runs independent calls side by side (``concurrently``), tells listeners of every call (function
name, duration, outcome class; never payloads) and knows the logon language and today's date,
which reads need. It keeps no business data.

A read (``usage.READ_FUNCTIONS``) whose connection dropped under it is sent once more, on a
fresh connection (``call``); nothing else is ever sent twice: not a write, not a call made with
``invoke`` (the create LUW), not one that timed out.

``map_rfc_error`` turns pyrfc's exceptions (or the sandbox's look-alikes) into typed
``SapError``s by class name, so pyrfc itself is never imported here; texts are scrubbed of the
password.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Any, TypeVar

from ordertui.model import CallEvent
from ordertui.sap.connection import ConnectionFactory, RfcConnection, RfcResult
from ordertui.sap.errors import (
    LogonFailed,
    NotAuthorized,
    SapBusinessError,
    SapError,
    SapSystemError,
    SapTimeout,
    SapUnreachable,
)
from ordertui.sap.gateway import CallListener
from ordertui.sap.pool import DEFAULT_POOL_SIZE, ConnectionPool
from ordertui.sap.rfc.messages import _has_error_message
from ordertui.sap.rfc.usage import READ_FUNCTIONS
from ordertui.sap.threads import DaemonThreads

#: The helper threads of ``concurrently``, shared by every transport of the process.
RFC_HELPERS = DaemonThreads("ordertui-rfc-helper")

log = logging.getLogger("ordertui.sap")

T = TypeVar("T")

# --------------------------------------------------------------------------- errors


def _class_names(exc: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(exc).__mro__}


#: Names under which a secret travels in connection parameters and library messages.
_SECRET_NAMES = r"(?:passwd|password|passphrase|pwd|mysapsso2|x509cert)"
#: ``passwd=…``, ``'passwd': '…'``, ``PASSWORD: "…"`` — the value up to where it ends: an unquoted
#: value at white space or , ; ) } ]; a quoted one at the quote that is followed by one of those,
#: the end, or the next ``name=`` (so a quote *inside* the password does not end it).
_END = r"(?:\s*(?:[,;)}\]]|$)|\s+[\w.-]+\s*[:=])"
_SECRET_PARAM = re.compile(
    rf"(?i)({_SECRET_NAMES}['\"]?\s*[:=]\s*)"
    rf"(?:'(?:[^'\\]|\\.|'(?!{_END}))*'?"
    rf"|\"(?:[^\"\\]|\\.|\"(?!{_END}))*\"?"
    r"|[^\s,;)}\]]*)"
)
MASK = "********"


def _scrub(text: str, secrets: Iterable[str]) -> str:
    """``text`` without any of ``secrets`` (in any letter case, also as ``repr``/JSON escape it)
    and without the value of any ``passwd=``-like parameter rendered into it."""
    import json

    variants: set[str] = set()
    for secret in secrets:
        if secret:
            variants.update({secret, repr(secret)[1:-1], json.dumps(secret)[1:-1]})
    # longest first: a variant that contains another is replaced whole
    for variant in sorted(variants, key=len, reverse=True):
        text = re.sub(re.escape(variant), MASK, text, flags=re.IGNORECASE)
    return _SECRET_PARAM.sub(lambda m: m.group(1) + MASK, text)


def _rfc_message(exc: BaseException) -> str:
    msg = getattr(exc, "message", None)
    if isinstance(msg, str) and msg.strip():
        return msg.strip()
    return str(exc).strip()


def map_rfc_error(exc: BaseException, *, secrets: Iterable[str] = ()) -> BaseException:
    """pyrfc (or sandbox look-alike) exception -> typed ``SapError``, matched by class name.

    Already-typed errors pass through. Texts are scrubbed of the password and of any
    ``passwd=`` connection parameter.
    """
    if isinstance(exc, SapError):
        return exc
    names = _class_names(exc)
    key = str(getattr(exc, "key", "") or "").upper()
    text = _scrub(_rfc_message(exc), secrets)
    if "TIMEOUT" in key or "CANCEL" in key or isinstance(exc, TimeoutError):
        return SapTimeout("SAP did not answer in time; the call may still complete in SAP")
    if "LogonError" in names:
        return LogonFailed(text or "SAP refused the logon")
    if "CommunicationError" in names:
        return SapUnreachable(f"SAP unreachable: {text}" if text else "SAP unreachable")
    if "ExternalAuthorizationError" in names:
        return NotAuthorized(text or "Not authorized")
    # a missing S_RFC (or other) authorization arrives as an ABAP message or a classic exception
    if ("ABAPApplicationError" in names or "ABAPRuntimeError" in names) and (
        "AUTH" in key or re.search(r"no (rfc )?authori[sz]ation|not authori[sz]ed", text, re.I)
    ):
        return NotAuthorized(text or "Not authorized")
    if "ABAPApplicationError" in names:
        return SapBusinessError(f"{key}: {text}" if key else text)
    if "ABAPRuntimeError" in names:
        return SapSystemError(f"SAP runtime error {key}: {text}".strip() if key else text)
    if "ExternalRuntimeError" in names or "ExternalApplicationError" in names:
        return SapSystemError(f"RFC call rejected: {text}")
    if "RFCError" in names:
        if "closed" in text.lower():
            return SapUnreachable("The SAP connection is closed")
        return SapSystemError(text or "RFC error")
    return exc


# --------------------------------------------------------------------------- calls


def attempt(call: Callable[[], Any]) -> Any:
    """``call()``'s answer, or the SapError it raised. For reads run side by side
    (``Transport.concurrently``) whose errors should surface in the order the reads would be made
    one after another: each is raised by ``answer`` where its read used to be."""
    try:
        return call()
    except SapError as exc:
        return exc


def answer(value: Any) -> Any:
    """The answer ``attempt`` kept, or raise the error it kept."""
    if isinstance(value, SapError):
        raise value
    return value


def _now() -> dt.datetime:
    return dt.datetime.now()


def dropped(error: BaseException) -> bool:
    """True when ``error`` says the connection went away under a call (a communication error, a
    closed connection) — not a timeout: a call that timed out may still be running in SAP, and
    SAP being slow is no reason to ask it twice."""
    return isinstance(error, SapUnreachable) and not isinstance(error, SapTimeout)


#: The outcome a call event gives a read whose connection dropped and that is sent again.
RETRIED = "SapUnreachable, retried"


class Transport:
    """Calls on ``factory()`` connections, pooled (``pool_size``, one call at a time each).

    Timeouts: with ``call_timeout`` set every call passes pyrfc's ``options={"timeout": s}``
    (see ``RfcGateway``). ``language`` is the logon language (one letter) that text tables are
    read in; ``today`` is the clock that dated reads (prices, open items) use.
    """

    def __init__(
        self,
        factory: ConnectionFactory,
        *,
        pool_size: int = DEFAULT_POOL_SIZE,
        call_timeout: float | None = None,
        language: str = "E",
        today: Callable[[], dt.date] = dt.date.today,
        secrets: Iterable[str] = (),
    ) -> None:
        kept = tuple(s for s in secrets if s)

        def map_error(exc: BaseException) -> BaseException:
            # the secrets live in this closure only, not as an attribute of any object
            return map_rfc_error(exc, secrets=kept)

        self.map_error = map_error
        self.pool = ConnectionPool(factory, size=pool_size, map_error=map_error)
        self.pool_size = max(1, pool_size)
        self.call_timeout = call_timeout
        self.language = (language or "E")[:1].upper()
        self.today = today
        self._listeners: list[CallListener] = []
        self._listeners_lock = threading.Lock()

    # ------------------------------------------------------------------ listeners
    def add_listener(self, listener: CallListener) -> None:
        with self._listeners_lock:
            self._listeners.append(listener)

    def _emit(self, function: str, seconds: float, outcome: str) -> None:
        event = CallEvent(function=function, seconds=seconds, outcome=outcome, at=_now())
        with self._listeners_lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception as exc:  # a listener must never break a call
                log.debug("call listener failed: %s", type(exc).__name__)

    # ------------------------------------------------------------------ calls
    def invoke(self, conn: RfcConnection, function: str, **params: Any) -> RfcResult:
        """One RFC call on a checked-out connection, timed and reported, errors mapped. Never
        repeated, whatever happens: this is how the create LUW calls."""
        return self._invoke(conn, function, params, retry_follows=False)

    def _invoke(self, conn: RfcConnection, function: str, params: dict[str, Any], *, retry_follows: bool) -> RfcResult:
        start = time.perf_counter()
        outcome = "ok"
        mapped: BaseException | None = None
        try:
            if self.call_timeout:
                result = conn.call(function, options={"timeout": self.call_timeout}, **params)
            else:
                result = conn.call(function, **params)
            if _has_error_message(result):
                outcome = "business-error"
        except BaseException as exc:
            mapped = self.map_error(exc)
            outcome = RETRIED if retry_follows and dropped(mapped) else type(mapped).__name__
            if mapped is exc:
                raise
        finally:
            seconds = time.perf_counter() - start
            log.info("rfc %s %.3fs %s", function, seconds, outcome)
            self._emit(function, seconds, outcome)
        if mapped is not None:
            # raised outside the except block: the original pyrfc exception (whose text is
            # SAP's, unscrubbed) is not chained as __context__
            raise mapped
        return result

    def call(self, function: str, **params: Any) -> RfcResult:
        """One RFC call on whichever pooled connection is free.

        A read (``READ_FUNCTIONS``) whose connection drops under it is sent once more, on a
        freshly opened connection; the dropped try is reported as ``RETRIED``. When the second
        try drops too, or no connection can be opened for it, its error is raised: "SAP
        unreachable: …". A connection that cannot be opened in the first place is not a drop
        (no second logon is tried), and no other function module is ever sent twice.
        """
        retry = function in READ_FUNCTIONS
        sent = False
        try:
            with self.pool.connection() as conn:
                sent = True
                return self._invoke(conn, function, params, retry_follows=retry)
        except SapUnreachable as exc:
            if not (retry and sent and dropped(exc)):
                raise
        # outside the except block: the first error is not chained to the second try's
        log.info("rfc %s: the connection dropped; sent once more on a fresh connection", function)
        start, sent = time.perf_counter(), False
        try:
            with self.pool.connection(fresh=True) as conn:
                sent = True
                return self._invoke(conn, function, params, retry_follows=False)
        except SapError as exc:
            if not sent:  # no connection for the second try: the call log (and the desk's online state) hears it
                self._emit(function, time.perf_counter() - start, type(exc).__name__)
            raise

    def connection(self) -> AbstractContextManager[RfcConnection]:
        """Hold one connection for several calls (an LUW: a BAPI and its commit; see the pool)."""
        return self.pool.connection()

    def concurrently(self, calls: Sequence[Callable[[], T]]) -> list[T]:
        """Run independent calls on the pool's connections at the same time; results in order.

        This thread takes part; up to ``pool_size - 1`` helper threads take the rest, one call
        at a time each (a helper waits for a free connection like any caller). The helpers are
        kept for the next burst (``ordertui.sap.threads``). All calls have
        finished when this returns or raises; the first error in call order is raised.
        """
        if len(calls) <= 1:
            return [call() for call in calls]
        results: dict[int, T] = {}
        errors: list[BaseException | None] = [None] * len(calls)
        pending = iter(range(len(calls)))
        lock = threading.Lock()

        def work() -> None:
            while True:
                with lock:
                    i = next(pending, None)
                if i is None:
                    return
                try:
                    results[i] = calls[i]()
                except BaseException as exc:  # handed to the calling thread below
                    errors[i] = exc

        finished = threading.Semaphore(0)

        def helper() -> None:
            try:
                work()
            finally:
                finished.release()

        helpers = min(self.pool_size, len(calls)) - 1
        for _ in range(helpers):
            RFC_HELPERS.submit(helper)
        try:
            work()
        finally:
            for _ in range(helpers):
                finished.acquire()
        for error in errors:
            if error is not None:
                raise error
        return [results[i] for i in range(len(calls))]

    def close(self) -> None:
        self.pool.close()
