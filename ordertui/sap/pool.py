"""A small pool of RFC connections: one call at a time per connection, thread-safe checkout.

pyrfc connections are not thread-safe and each one is a stateful ABAP session, so:

* a connection is checked out by exactly one thread at a time (``with pool.connection() as c``);
* a BAPI and its ``BAPI_TRANSACTION_COMMIT`` run inside ONE checkout (the LUW lives in that
  session; handing the connection back in between would let another thread's call run in it);
* a connection that broke (communication error, short dump: the session is gone) is closed and
  dropped; the next checkout opens a fresh one. A read that met a dropped connection asks for a
  fresh one (``connection(fresh=True)``: not an idle one, which may have gone with it) and is
  sent once more (``ordertui.sap.rfc.transport.Transport.call``).

Connections are opened lazily, on first demand, up to ``size``. Those beyond ``keep`` that stay
unused for ``idle_close`` seconds are closed again (the oldest first).

How many connections one desk opens, and why (docs/performance.md, "RFC connections"): each is
one logon, one ABAP user session on an application server (a line in SM04, one of
``rdisp/tm_max_no`` logons; RFC logons stop at ``rdisp/rfc_max_login``, 90 % of them by default).
The customer detail is the widest burst: 18 reads in two rounds of 8 and 10 independent calls,
so ``DEFAULT_POOL_SIZE`` = 10 serves it in two round trips (at 2 it took 9-10, at 6 three). A
desk that goes quiet (no call for ``DEFAULT_IDLE_CLOSE``) falls back to ``DEFAULT_KEEP``
sessions, so 200 desks hold about 400 sessions when idle, and up to 2,000 at their busiest.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from ordertui.sap.connection import ConnectionFactory, RfcConnection
from ordertui.sap.errors import SapError, SapTimeout

log = logging.getLogger("ordertui.sap")

#: Most connections one desk opens at once (the widest burst of independent reads; see above).
DEFAULT_POOL_SIZE = 10
#: Connections kept open however long they stay unused (the logon's, and one more).
DEFAULT_KEEP = 2
#: Seconds a connection beyond ``keep`` may stay unused before it is closed: long enough that
#: a desk taking calls keeps its sessions from one call to the next (a new one costs a logon,
#: on the critical path and in SAP), short enough that a desk left alone gives them back.
DEFAULT_IDLE_CLOSE = 600.0

#: pyrfc exception class names after which a connection must not be used again.
_BREAKING_CLASS_NAMES = frozenset({"CommunicationError", "ABAPRuntimeError"})


def breaks_connection(exc: BaseException) -> bool:
    """True when ``exc`` means the connection's session is gone (or may be)."""
    if isinstance(exc, SapError):
        return bool(exc.luw_lost)
    return any(cls.__name__ in _BREAKING_CLASS_NAMES for cls in type(exc).__mro__)


class ConnectionPool:
    def __init__(
        self,
        factory: ConnectionFactory,
        *,
        size: int = DEFAULT_POOL_SIZE,
        keep: int = DEFAULT_KEEP,
        idle_close: float | None = DEFAULT_IDLE_CLOSE,
        checkout_timeout: float | None = 60.0,
        map_error: Callable[[BaseException], BaseException] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if size < 1:
            raise ValueError("pool size must be at least 1")
        self._factory = factory
        self._size = size
        self._keep = max(1, keep)
        self._idle_close = idle_close
        self._checkout_timeout = checkout_timeout
        self._map_error = map_error
        self._clock = clock
        self._cond = threading.Condition()
        #: idle connections with when each was handed back, oldest first (checkout takes the newest)
        self._idle: list[tuple[RfcConnection, float]] = []
        self._open = 0  # connections in existence (idle + checked out + being opened)
        self._closed = False
        self._timer: threading.Timer | None = None

    @property
    def size(self) -> int:
        return self._size

    @property
    def open_count(self) -> int:
        with self._cond:
            return self._open

    # ------------------------------------------------------------------ checkout
    def _acquire(self, fresh: bool = False) -> RfcConnection:
        deadline = None if self._checkout_timeout is None else time.monotonic() + self._checkout_timeout
        stale: RfcConnection | None = None
        with self._cond:
            while True:
                if self._closed:
                    raise SapError("The SAP connection was closed")
                if self._idle and not fresh:
                    return self._idle.pop()[0]
                if self._open < self._size:
                    self._open += 1
                    break  # open a new one outside the lock
                if self._idle:  # fresh, and no room: the oldest idle one makes way (its slot is reused)
                    stale = self._idle.pop(0)[0]
                    break
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    raise SapTimeout("All SAP connections are busy; try again")
                self._cond.wait(remaining)
        if stale is not None:
            _close_quietly(stale)
        mapped: BaseException | None = None
        try:
            return self._factory()
        except BaseException as exc:
            with self._cond:
                self._open -= 1
                self._cond.notify()
            mapped = self._map_error(exc) if self._map_error is not None else exc
            if mapped is exc:
                raise
        # raised outside the except block so the unmapped original is not chained
        raise mapped

    def _release(self, conn: RfcConnection, *, broken: bool) -> None:
        if broken or self._closed:
            _close_quietly(conn)
            with self._cond:
                self._open -= 1
                self._cond.notify()
            if broken:
                log.info("dropped a broken SAP connection; the next call opens a fresh one")
            return
        with self._cond:
            self._idle.append((conn, self._clock()))
            self._cond.notify()
            self._arm_timer()

    # ------------------------------------------------------------------ giving sessions back
    def _expired(self) -> list[RfcConnection]:
        """Under the lock: take out the idle connections beyond ``keep`` unused for ``idle_close``."""
        if self._idle_close is None:
            return []
        now, out = self._clock(), []
        while self._open > self._keep and self._idle and now - self._idle[0][1] >= self._idle_close:
            out.append(self._idle.pop(0)[0])
            self._open -= 1
        return out

    def _arm_timer(self) -> None:
        """Under the lock: when connections beyond ``keep`` are idle, close them once they expire
        (one daemon timer at a time, only while there are such connections)."""
        if self._idle_close is None or self._timer is not None or self._closed:
            return
        if self._open <= self._keep or not self._idle:
            return
        due = max(0.0, self._idle[0][1] + self._idle_close - self._clock())
        self._timer = threading.Timer(due + 0.01, self.close_unused)
        self._timer.daemon = True
        self._timer.start()

    def close_unused(self) -> int:
        """Close the connections beyond ``keep`` that have been idle for ``idle_close``; how many."""
        with self._cond:
            self._timer = None
            expired = self._expired()
            self._arm_timer()
        for conn in expired:
            _close_quietly(conn)
        if expired:
            log.info("closed %d unused SAP connection(s); %d open", len(expired), self._open)
        return len(expired)

    @contextmanager
    def connection(self, *, fresh: bool = False) -> Iterator[RfcConnection]:
        """Check out one connection for the duration of the block (one caller at a time);
        ``fresh``: a newly opened one, not one that was idle in the pool."""
        conn = self._acquire(fresh)
        broken = False
        try:
            yield conn
        except BaseException as exc:
            broken = breaks_connection(exc)
            raise
        finally:
            self._release(conn, broken=broken)

    def close(self) -> None:
        """Close idle connections now; checked-out ones are closed when handed back."""
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
            self._open -= len(idle)
            self._cond.notify_all()
            timer, self._timer = self._timer, None
        if timer is not None:
            timer.cancel()
        for conn, _ in idle:
            _close_quietly(conn)


def _close_quietly(conn: RfcConnection) -> None:
    try:
        conn.close()
    except Exception as exc:  # a broken connection may fail to close; nothing to do about it
        log.debug("closing an SAP connection failed: %s", type(exc).__name__)
