"""The connection pool: one call at a time per connection, thread-safe, reconnect, LUW checkout."""

from __future__ import annotations

import threading
import time

import pytest

from ordertui.sap.errors import SapSystemError, SapTimeout, SapUnreachable
from ordertui.sap.pool import ConnectionPool, breaks_connection


class CommunicationError(Exception):
    """Named like pyrfc's; the pool recognises it by name."""


class FakeConn:
    opened = 0

    def __init__(self):
        FakeConn.opened += 1
        self.id = FakeConn.opened
        self.busy = False
        self.closed = False
        self.overlaps = 0
        self.calls = 0

    def call(self, name, **params):
        if self.busy:
            self.overlaps += 1
        self.busy = True
        try:
            time.sleep(0.002)
            self.calls += 1
            return {}
        finally:
            self.busy = False

    def close(self):
        self.closed = True


def test_one_call_at_a_time_per_connection_under_threads():
    conns = []

    def factory():
        c = FakeConn()
        conns.append(c)
        return c

    pool = ConnectionPool(factory, size=3)
    errors = []

    def worker():
        try:
            for _ in range(20):
                with pool.connection() as c:
                    c.call("RFC_PING")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert 1 <= len(conns) <= 3
    assert sum(c.calls for c in conns) == 160
    assert all(c.overlaps == 0 for c in conns)


def test_lazy_open_and_reuse():
    made = []
    pool = ConnectionPool(lambda: made.append(FakeConn()) or made[-1], size=2)
    assert made == []
    with pool.connection() as a:
        pass
    with pool.connection() as b:
        pass
    assert a is b and len(made) == 1


def test_luw_holds_one_connection_for_the_whole_block():
    pool = ConnectionPool(FakeConn, size=2)
    with pool.connection() as c:
        c.call("BAPI_SALESORDER_CREATEFROMDAT2")
        # another thread cannot get this connection while the LUW is open
        got = []
        t = threading.Thread(target=lambda: got.append(pool._acquire()))
        t.start()
        t.join()
        assert got and got[0] is not c
        pool._release(got[0], broken=False)
        c.call("BAPI_TRANSACTION_COMMIT")


@pytest.mark.parametrize("exc", [CommunicationError("down"), SapUnreachable("x"), SapSystemError("dump")])
def test_broken_connection_is_dropped_and_reopened(exc):
    made = []

    def factory():
        made.append(FakeConn())
        return made[-1]

    pool = ConnectionPool(factory, size=1)
    with pytest.raises(type(exc)):
        with pool.connection():
            raise exc
    assert made[0].closed and pool.open_count == 0
    with pool.connection() as c:
        assert c is made[1]


def test_business_errors_keep_the_connection():
    pool = ConnectionPool(FakeConn, size=1)
    with pytest.raises(ValueError):
        with pool.connection() as first:
            raise ValueError("not a connection problem")
    with pool.connection() as again:
        assert again is first and not first.closed


def test_factory_error_is_mapped_and_frees_the_slot():
    calls = []

    def factory():
        calls.append(1)
        raise CommunicationError("refused")

    pool = ConnectionPool(factory, size=1, map_error=lambda e: SapUnreachable("mapped"))
    for _ in range(2):
        with pytest.raises(SapUnreachable, match="mapped"):
            with pool.connection():
                pass
    assert len(calls) == 2 and pool.open_count == 0


def test_checkout_timeout_when_all_busy():
    pool = ConnectionPool(FakeConn, size=1, checkout_timeout=0.05)
    with pool.connection():
        with pytest.raises(SapTimeout):
            with pool.connection():
                pass


def test_close_closes_idle_connections():
    pool = ConnectionPool(FakeConn, size=2)
    with pool.connection() as c:
        pass
    pool.close()
    assert c.closed


def test_breaks_connection_by_name():
    assert breaks_connection(CommunicationError())
    assert not breaks_connection(ValueError())
