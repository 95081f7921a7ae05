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


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def _burst(pool, n):
    """Check out ``n`` connections at once and hand them back (the newest last)."""
    held = [pool._acquire() for _ in range(n)]
    for conn in held:
        pool._release(conn, broken=False)
    return held


def test_unused_connections_beyond_keep_are_closed_after_idle_close():
    clock = Clock()
    pool = ConnectionPool(FakeConn, size=6, keep=2, idle_close=600, clock=clock)
    held = _burst(pool, 6)
    assert pool.open_count == 6
    clock.now = 599
    assert pool.close_unused() == 0 and pool.open_count == 6
    clock.now = 600
    assert pool.close_unused() == 4 and pool.open_count == 2
    # the oldest idle ones went; the two handed back last stay open and are used next
    assert [c.closed for c in held] == [True, True, True, True, False, False]
    with pool.connection() as c:
        assert c is held[5]
    pool.close()


def test_a_connection_used_again_is_not_closed():
    clock = Clock()
    pool = ConnectionPool(FakeConn, size=4, keep=1, idle_close=10, clock=clock)
    held = _burst(pool, 3)
    clock.now = 9
    with pool.connection() as c:  # the newest: its idle time starts again
        pass
    assert c is held[2]
    clock.now = 12
    assert pool.close_unused() == 2 and pool.open_count == 1
    assert not c.closed and held[0].closed and held[1].closed
    pool.close()


def test_a_timer_closes_them_without_further_calls():
    pool = ConnectionPool(FakeConn, size=4, keep=1, idle_close=0.05)
    held = _burst(pool, 3)
    deadline = time.monotonic() + 5
    while pool.open_count > 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert pool.open_count == 1 and sum(c.closed for c in held) == 2
    assert pool._timer is None  # no thread left waiting once only `keep` remain
    pool.close()


def test_idle_close_none_keeps_everything_and_close_stops_the_timer():
    pool = ConnectionPool(FakeConn, size=3, keep=1, idle_close=None)
    _burst(pool, 3)
    assert pool.close_unused() == 0 and pool.open_count == 3 and pool._timer is None
    pool.close()
    timed = ConnectionPool(FakeConn, size=3, keep=1, idle_close=60)
    held = _burst(timed, 3)
    assert timed._timer is not None
    timed.close()
    assert timed._timer is None and all(c.closed for c in held)


def test_the_default_pool_serves_the_widest_burst_side_by_side():
    """The customer detail reads 10 things at once in its second round (docs/performance.md)."""
    from ordertui.sap.pool import DEFAULT_KEEP, DEFAULT_POOL_SIZE

    assert DEFAULT_POOL_SIZE >= 10 and 1 <= DEFAULT_KEEP < DEFAULT_POOL_SIZE
    pool = ConnectionPool(FakeConn)
    barrier = threading.Barrier(10, timeout=5)

    def worker():
        with pool.connection():
            barrier.wait()  # breaks (and fails the test) unless all 10 hold a connection at once

    threads = [threading.Thread(target=worker) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not barrier.broken and pool.open_count == 10
    pool.close()
