"""The connection pool at its edges (issue 14, mutation testing of pool.py): its size, a factory
that fails without a mapping, what close() does to idle, checked-out and waiting callers, and
connections that fail to close."""

from __future__ import annotations

import logging
import threading
import time

import pytest

from ordertui.sap.errors import SapBusinessError, SapError, SapTimeout, SapUnreachable
from ordertui.sap.pool import DEFAULT_POOL_SIZE, ConnectionPool, breaks_connection


class Conn:
    def __init__(self, fail_close: bool = False):
        self.closed = False
        self.fail_close = fail_close

    def close(self):
        if self.fail_close:
            raise OSError("socket already gone")
        self.closed = True


class ABAPRuntimeError(Exception):
    """Named like pyrfc's."""


class CommunicationError(Exception):
    pass


class LinkDown(CommunicationError):
    """A subclass of a breaking class breaks too (checked along the MRO)."""


def test_size_has_a_default_and_must_be_at_least_one():
    assert DEFAULT_POOL_SIZE >= 2
    assert ConnectionPool(Conn).size == DEFAULT_POOL_SIZE
    assert ConnectionPool(Conn, size=1).size == 1
    for size in (0, -1):
        with pytest.raises(ValueError, match=r"^pool size must be at least 1$"):
            ConnectionPool(Conn, size=size)


def test_connections_open_up_to_the_size_and_no_further():
    made = []
    pool = ConnectionPool(lambda: made.append(Conn()) or made[-1], size=2, checkout_timeout=0.05)
    with pool.connection() as a, pool.connection() as b:
        assert a is not b and pool.open_count == 2
        with pytest.raises(SapTimeout, match=r"^All SAP connections are busy; try again$"):
            with pool.connection():
                pass
    assert len(made) == 2 and pool.open_count == 2


def test_a_waiting_caller_gets_the_connection_handed_back():
    pool = ConnectionPool(Conn, size=1, checkout_timeout=5)
    got = []
    with pool.connection() as first:
        t = threading.Thread(target=lambda: got.append(pool._acquire()))
        t.start()
        time.sleep(0.05)
        assert got == []  # still waiting
    t.join(5)
    assert got == [first]


def test_without_a_timeout_a_caller_waits_until_one_is_free():
    pool = ConnectionPool(Conn, size=1, checkout_timeout=None)
    got = []
    with pool.connection() as first:
        t = threading.Thread(target=lambda: got.append(pool._acquire()))
        t.start()
        time.sleep(0.05)
    t.join(5)
    assert got == [first]


def test_a_factory_error_without_a_mapping_is_raised_as_it_is_and_frees_the_slot():
    boom = CommunicationError("refused")

    def factory():
        raise boom

    pool = ConnectionPool(factory, size=1)
    with pytest.raises(CommunicationError) as e:
        with pool.connection():
            pass
    assert e.value is boom and pool.open_count == 0


def test_a_mapped_factory_error_does_not_chain_the_original():
    def factory():
        raise CommunicationError("refused; partner 10.0.0.1")

    pool = ConnectionPool(factory, size=1, map_error=lambda e: SapUnreachable("SAP unreachable"))
    with pytest.raises(SapUnreachable) as e:
        with pool.connection():
            pass
    assert e.value.__context__ is None and e.value.__cause__ is None


def test_a_mapping_that_keeps_the_error_raises_the_original():
    boom = CommunicationError("refused")

    def factory():
        raise boom

    pool = ConnectionPool(factory, size=1, map_error=lambda e: e)
    with pytest.raises(CommunicationError) as e:
        with pool.connection():
            pass
    assert e.value is boom and pool.open_count == 0


def test_close_closes_idle_ones_now_and_checked_out_ones_when_handed_back():
    made = []
    pool = ConnectionPool(lambda: made.append(Conn()) or made[-1], size=2)
    with pool.connection():
        pass  # one idle
    with pool.connection() as busy:
        assert pool.open_count == 1
        with pool.connection() as other:
            pass
        assert pool.open_count == 2
        pool.close()
        assert other.closed and other is not busy
        assert not busy.closed and pool.open_count == 1
    assert busy.closed and pool.open_count == 0 and other.closed


def test_after_close_no_connection_is_handed_out():
    pool = ConnectionPool(Conn, size=1)
    pool.close()
    with pytest.raises(SapError, match=r"^The SAP connection was closed$"):
        with pool.connection():
            pass


def test_close_wakes_a_waiting_caller_with_the_closed_error():
    pool = ConnectionPool(Conn, size=1, checkout_timeout=10)
    errors = []

    def wait():
        try:
            pool._acquire()
        except SapError as exc:
            errors.append(exc)

    with pool.connection():
        t = threading.Thread(target=wait)
        t.start()
        time.sleep(0.05)
        pool.close()
        t.join(5)
        assert not t.is_alive()
    assert [str(e) for e in errors] == ["The SAP connection was closed"]


def test_a_connection_that_fails_to_close_is_dropped_quietly(caplog):
    pool = ConnectionPool(lambda: Conn(fail_close=True), size=1)
    caplog.set_level(logging.DEBUG, logger="ordertui.sap")
    with pytest.raises(SapUnreachable):
        with pool.connection():
            raise SapUnreachable("down")
    assert pool.open_count == 0
    messages = [r.getMessage() for r in caplog.records if r.name == "ordertui.sap"]
    assert "closing an SAP connection failed: OSError" in messages
    assert "dropped a broken SAP connection; the next call opens a fresh one" in messages
    assert not any("socket already gone" in m for m in messages)
    with pool.connection():
        pass
    pool.close()  # idle and failing to close: still quiet


def test_a_kept_connection_logs_nothing(caplog):
    pool = ConnectionPool(Conn, size=1)
    caplog.set_level(logging.DEBUG, logger="ordertui.sap")
    with pytest.raises(SapBusinessError):
        with pool.connection():
            raise SapBusinessError("no")
    assert [r for r in caplog.records if r.name == "ordertui.sap"] == []


def test_what_breaks_a_connection():
    assert breaks_connection(ABAPRuntimeError())
    assert breaks_connection(CommunicationError())
    assert breaks_connection(LinkDown())
    assert breaks_connection(SapUnreachable()) and breaks_connection(SapTimeout())
    assert not breaks_connection(SapBusinessError()) and not breaks_connection(SapError())
    assert not breaks_connection(RuntimeError("CommunicationError"))


# --------------------------------------------------------------------------- giving unused sessions back


def test_connections_beyond_keep_are_closed_oldest_first_once_unused_for_idle_close(caplog):
    now = [1000.0]
    made = []
    pool = ConnectionPool(lambda: made.append(Conn()) or made[-1], size=3, keep=1, idle_close=10,
                          clock=lambda: now[0])
    try:
        with pool.connection() as a, pool.connection() as b:
            with pool.connection() as c:
                pass  # c handed back first: the oldest idle one
            now[0] += 5
        assert pool.open_count == 3
        caplog.set_level(logging.INFO, logger="ordertui.sap")
        now[0] += 4.9  # c idle 9.9 s, a and b 4.9 s
        assert pool.close_unused() == 0 and pool.open_count == 3
        now[0] += 0.1  # c idle exactly 10 s
        assert pool.close_unused() == 1 and c.closed and not (a.closed or b.closed)
        now[0] += 5  # a and b idle 10 s; one is kept
        assert pool.close_unused() == 1 and pool.open_count == 1
        assert sum(x.closed for x in (a, b)) == 1
        assert [r.getMessage() for r in caplog.records if r.name == "ordertui.sap"] == [
            "closed 1 unused SAP connection(s); 2 open", "closed 1 unused SAP connection(s); 1 open"]
        now[0] += 1000
        assert pool.close_unused() == 0 and pool.open_count == 1
    finally:
        pool.close()


def test_a_daemon_timer_closes_them_when_they_are_due():
    now = [0.0]
    pool = ConnectionPool(Conn, size=3, keep=1, idle_close=10, clock=lambda: now[0])
    try:
        with pool.connection(), pool.connection():
            pass
        timer = pool._timer
        assert timer is not None and timer.daemon and timer.interval == pytest.approx(10.01)
        now[0] = 9.5
        assert pool.close_unused() == 0
        # re-armed for what is left of the 10 s, plus a hundredth
        assert pool._timer is not timer and pool._timer.daemon
        assert pool._timer.interval == pytest.approx(0.51)
        now[0] = 30
        assert pool.close_unused() == 1 and pool._timer is None  # only the kept one left: no timer
    finally:
        pool.close()
    assert pool._timer is None


def test_no_timer_within_keep_without_idle_close_or_after_close():
    pool = ConnectionPool(Conn, size=3, keep=2, idle_close=10)
    with pool.connection(), pool.connection():
        pass
    assert pool._timer is None  # two open, two kept
    pool.close()
    assert pool.close_unused() == 0 and pool._timer is None

    never = ConnectionPool(Conn, size=3, keep=1, idle_close=None)
    with never.connection(), never.connection():
        pass
    assert never._timer is None and never.close_unused() == 0 and never.open_count == 2
    never.close()

    closing = ConnectionPool(Conn, size=3, keep=1, idle_close=10)
    with closing.connection(), closing.connection():
        pass
    timer = closing._timer
    closing.close()
    assert closing._timer is None and not timer.is_alive() or timer.finished.is_set()


def test_close_counts_only_the_idle_ones_out():
    pool = ConnectionPool(Conn, size=3, idle_close=None)
    with pool.connection(), pool.connection():
        with pool.connection():
            pass
        pool.close()
        assert pool.open_count == 2  # two still checked out
    assert pool.open_count == 0
