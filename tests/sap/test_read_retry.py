"""A read whose connection drops under it is sent once more on a fresh connection; nothing else is
ever sent twice (issue 11, "Reads reconnect and retry once").

Over the sandbox (``drop-next-call``: the next call, on whichever connection makes it, loses its
connection before SAP did anything) and, where a fault must hit an exact place, a connection
factory of the test's own.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from ordertui.model import DraftLine, OrderDraft, SalesArea
from ordertui.sap.connect import sandbox_gateway
from ordertui.sap.errors import SapTimeout, SapUnreachable
from ordertui.sap.rfc import usage
from ordertui.sap.rfc.transport import RETRIED, Transport
from ordertui.sap.sandbox import connection as sandbox
from tests.conftest import TODAY

US = SalesArea("1000", "10", "00")


@pytest.fixture(autouse=True)
def clear_faults():
    yield
    sandbox.configure(faults=set())


def opened(**kwargs):
    """A sandbox gateway with its first connection open, and the events of every call after that."""
    gw = sandbox_gateway(seed=1, today=TODAY, **kwargs)
    gw.ping()
    events: list = []
    gw.add_listener(events.append)
    return gw, events


def seen(events) -> list[tuple[str, str]]:
    return [(e.function, e.outcome) for e in events]


# --------------------------------------------------------------------------- what may be retried


def test_every_function_module_is_either_a_read_or_a_write():
    """The one list of what may be sent twice: a new function module must be put on one side."""
    assert not usage.READ_FUNCTIONS & usage.WRITE_FUNCTIONS
    assert usage.READ_FUNCTIONS | usage.WRITE_FUNCTIONS == set(usage.FUNCTIONS)
    assert {"BAPI_SALESORDER_CREATEFROMDAT2", "BAPI_TRANSACTION_COMMIT", "BAPI_TRANSACTION_ROLLBACK"} <= usage.WRITE_FUNCTIONS


# --------------------------------------------------------------------------- over the sandbox


def test_a_read_that_meets_one_drop_answers_on_a_fresh_connection():
    gw, events = opened()
    first = next(iter(gw._pool._idle))[0]
    sandbox.configure(faults={"drop-next-call"})
    areas = gw.customer_sales_areas("10023")
    assert US in areas
    # the dropped try is in the call log, said as retried; the second try answered
    assert seen(events) == [("BAPI_CUSTOMER_GETSALESAREAS", RETRIED), ("BAPI_CUSTOMER_GETSALESAREAS", "ok")]
    assert not first.alive  # the broken connection was dropped, not used again
    assert all(conn is not first for conn, _ in gw._pool._idle)
    gw.close()


def test_a_customer_detail_meets_a_drop_in_its_burst_of_reads_and_answers():
    """The customer detail reads side by side on several connections: the one read that met the
    drop is sent again, the others once."""
    gw, events = opened()
    sandbox.configure(faults={"drop-next-call"})
    customer = gw.customer("10023")
    assert customer.address.name.startswith("Miami Valley")
    retried = [e.function for e in events if e.outcome == RETRIED]
    assert len(retried) == 1
    assert [e.outcome for e in events if e.function == retried[0]][-1] == "ok"
    assert all(e.outcome in ("ok", RETRIED) for e in events)
    gw.close()


def test_a_read_that_meets_two_drops_fails_with_the_clear_message():
    gw, events = opened()

    def drop_again(event):  # the retry meets a second drop
        if event.outcome == RETRIED:
            sandbox.configure(faults={"drop-next-call"})

    gw.add_listener(drop_again)
    sandbox.configure(faults={"drop-next-call"})
    with pytest.raises(SapUnreachable) as info:
        gw.customer_sales_areas("10023")
    assert not isinstance(info.value, SapTimeout)
    assert str(info.value) == "SAP unreachable: Connection reset by peer"
    assert info.value.__context__ is None and info.value.__cause__ is None  # nothing of the first try chained
    # sent twice, not three times
    assert seen(events) == [("BAPI_CUSTOMER_GETSALESAREAS", RETRIED), ("BAPI_CUSTOMER_GETSALESAREAS", "SapUnreachable")]
    # and the gateway works again once the line holds
    assert US in gw.customer_sales_areas("10023")
    gw.close()


def test_a_create_that_meets_a_drop_is_not_sent_again():
    gw, events = opened()
    reference = "RETRY-NOT-RESENT"
    draft = OrderDraft(
        sold_to="10023", sales_area=US, reference=reference, requested_date=TODAY + dt.timedelta(days=3),
        lines=(DraftLine(material="100100", quantity=D(2)),),
    )
    sandbox.configure(faults={"drop-next-call"})  # no PO typed: the create is the save's first call
    with pytest.raises(SapUnreachable, match="The order was NOT saved"):
        gw.create_order(draft)
    assert seen(events) == [("BAPI_SALESORDER_CREATEFROMDAT2", "SapUnreachable")]
    hits = gw.find_orders(sales_area=US, customer="10023", customer_po=reference).hits
    assert [h for h in hits if h.customer_po == reference] == []
    gw.close()


# --------------------------------------------------------------------------- the exact places


class CommunicationError(Exception):
    """Named like pyrfc's (the adapter maps errors by class name)."""

    def __init__(self, message: str = "Connection reset by peer", key: str = "RFC_COMMUNICATION_FAILURE"):
        super().__init__(message)
        self.message, self.key = message, key


class Line:
    """A connection whose next calls fail as scripted (an exception), or answer ``{}``."""

    def __init__(self, script: list):
        self.script = script
        self.calls: list[str] = []
        self.closed = False

    def call(self, func_name, options=None, **params):
        self.calls.append(func_name)
        if self.script:
            raise self.script.pop(0)
        return {}

    def close(self):
        self.closed = True


def transport_over(script: list, *, refuse_after: int | None = None):
    made: list[Line] = []

    def factory():
        if refuse_after is not None and len(made) >= refuse_after:
            raise CommunicationError("Connection refused: partner not reached", "RFC_COMMUNICATION_FAILURE")
        made.append(Line(script))
        return made[-1]

    rfc = Transport(factory, pool_size=1)
    events: list = []
    rfc.add_listener(events.append)
    return rfc, made, events


@pytest.mark.parametrize("function", sorted(usage.WRITE_FUNCTIONS))
def test_no_write_is_ever_sent_twice_not_even_through_call(function):
    rfc, made, events = transport_over([CommunicationError()])
    with pytest.raises(SapUnreachable):
        rfc.call(function)
    assert [c for line in made for c in line.calls] == [function]
    assert seen(events) == [(function, "SapUnreachable")]


def test_a_read_on_an_idle_connection_that_went_stale_is_retried_on_a_newly_opened_one():
    """The retry takes no idle connection (it may have gone with the first): it opens a new one."""
    made: list[Line] = []

    def factory():
        made.append(Line([]))
        return made[-1]

    rfc = Transport(factory, pool_size=2)
    with rfc.connection(), rfc.connection():
        pass  # two idle connections now
    made[0].script.append(CommunicationError())  # the newest idle one, which the next call takes, is dead
    assert rfc.call("RFC_PING") == {}
    assert made[0].calls == ["RFC_PING"] and made[0].closed
    assert len(made) == 3 and made[2].calls == ["RFC_PING"]
    assert made[1].calls == [] and not made[1].closed  # the other idle one was not taken
    assert rfc.pool.open_count == 2


def test_a_fresh_connection_in_a_full_pool_takes_the_place_of_the_oldest_idle_one():
    from ordertui.sap.pool import ConnectionPool

    made: list[Line] = []
    pool = ConnectionPool(lambda: made.append(Line([])) or made[-1], size=1)
    with pool.connection():
        pass
    with pool.connection(fresh=True) as conn:
        assert conn is made[1] and made[0].closed
    assert pool.open_count == 1


def test_a_timeout_is_not_retried():
    """SAP is slow, not gone: the call may still be running there, and a second one would only
    double the wait."""
    rfc, made, events = transport_over([CommunicationError("Connection was canceled: timeout 1s", "RFC_CANCELED")])
    with pytest.raises(SapTimeout, match="SAP did not answer in time"):
        rfc.call("BAPI_CUSTOMER_GETDETAIL2", CUSTOMERNO="0000010023")
    assert seen(events) == [("BAPI_CUSTOMER_GETDETAIL2", "SapTimeout")]


def test_a_connection_that_cannot_be_opened_is_not_a_drop_and_the_retry_that_cannot_reconnect_says_unreachable():
    rfc, made, events = transport_over([], refuse_after=0)
    with pytest.raises(SapUnreachable, match="Connection refused"):
        rfc.call("RFC_PING")
    assert made == [] and events == []  # no call was made, and no second logon tried

    rfc, made, events = transport_over([CommunicationError()], refuse_after=1)
    with pytest.raises(SapUnreachable, match="^SAP unreachable: Connection refused"):
        rfc.call("RFC_PING")
    # the second try that found no connection is in the call log too: the desk goes offline
    assert seen(events) == [("RFC_PING", RETRIED), ("RFC_PING", "SapUnreachable")]


def test_an_abap_runtime_error_is_not_retried():
    class ABAPRuntimeError(Exception):
        key, message = "COMPUTE_INT_ZERODIVIDE", "Division by 0"

    rfc, made, events = transport_over([ABAPRuntimeError()])
    with pytest.raises(Exception, match="SAP runtime error"):
        rfc.call("RFC_READ_TABLE", QUERY_TABLE="KNA1")
    assert seen(events) == [("RFC_READ_TABLE", "SapSystemError")]


def test_the_sandbox_drop_hits_exactly_one_of_the_calls_made_at_once():
    import threading

    from ordertui.sap.sandbox import connect

    conns = [connect(seed=1, today=TODAY) for _ in range(4)]
    start = threading.Barrier(len(conns))
    outcomes: list[str] = []

    def ping(conn):
        start.wait()
        try:
            conn.call("RFC_PING")
            outcomes.append("ok")
        except Exception as exc:  # the sandbox's CommunicationError
            outcomes.append(type(exc).__name__)

    sandbox.configure(faults={"drop-next-call"})
    threads = [threading.Thread(target=ping, args=(c,)) for c in conns]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["CommunicationError", "ok", "ok", "ok"]
    assert sum(not c.alive for c in conns) == 1
    assert "drop-next-call" not in sandbox.defaults()["faults"]
