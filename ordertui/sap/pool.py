"""A small pool of RFC connections: one call at a time per connection, thread-safe checkout.

pyrfc connections are not thread-safe and each one is a stateful ABAP session, so:

* a connection is checked out by exactly one thread at a time (``with pool.connection() as c``);
* a BAPI and its ``BAPI_TRANSACTION_COMMIT`` run inside ONE checkout (the LUW lives in that
  session; handing the connection back in between would let another thread's call run in it);
* a connection that broke (communication error, short dump: the session is gone) is closed and
  dropped; the next checkout opens a fresh one.

Connections are opened lazily, on first demand, up to ``size``.
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

DEFAULT_POOL_SIZE = 2

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
        checkout_timeout: float | None = 60.0,
        map_error: Callable[[BaseException], BaseException] | None = None,
    ) -> None:
        if size < 1:
            raise ValueError("pool size must be at least 1")
        self._factory = factory
        self._size = size
        self._checkout_timeout = checkout_timeout
        self._map_error = map_error
        self._cond = threading.Condition()
        self._idle: list[RfcConnection] = []
        self._open = 0  # connections in existence (idle + checked out + being opened)
        self._closed = False

    @property
    def size(self) -> int:
        return self._size

    @property
    def open_count(self) -> int:
        with self._cond:
            return self._open

    # ------------------------------------------------------------------ checkout
    def _acquire(self) -> RfcConnection:
        deadline = None if self._checkout_timeout is None else time.monotonic() + self._checkout_timeout
        with self._cond:
            while True:
                if self._closed:
                    raise SapError("The SAP connection was closed")
                if self._idle:
                    return self._idle.pop()
                if self._open < self._size:
                    self._open += 1
                    break  # open a new one outside the lock
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    raise SapTimeout("All SAP connections are busy; try again")
                self._cond.wait(remaining)
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
            self._idle.append(conn)
            self._cond.notify()

    @contextmanager
    def connection(self) -> Iterator[RfcConnection]:
        """Check out one connection for the duration of the block (one caller at a time)."""
        conn = self._acquire()
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
        for conn in idle:
            _close_quietly(conn)


def _close_quietly(conn: RfcConnection) -> None:
    try:
        conn.close()
    except Exception as exc:  # a broken connection may fail to close; nothing to do about it
        log.debug("closing an SAP connection failed: %s", type(exc).__name__)
