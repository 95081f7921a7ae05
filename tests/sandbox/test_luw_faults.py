"""One LUW per connection, and every fault knob."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from ordertui.sap import sandbox
from tests.conftest import eventually

HEADER = {"DOC_TYPE": "TA", "SALES_ORG": "1000", "DISTR_CHAN": "10", "DIVISION": "00"}
PARTNERS = [{"PARTN_ROLE": "AG", "PARTN_NUMB": "0000010140"}]
_po_counter = iter(range(1, 10_000))


def create(conn, po=None, **extra):
    po = po or f"LUW-TEST-{next(_po_counter)}-{time.monotonic_ns()}"
    res = conn.call("BAPI_SALESORDER_CREATEFROMDAT2",
                    ORDER_HEADER_IN=dict(HEADER, PURCH_NO_C=po),
                    ORDER_ITEMS_IN=[{"ITM_NUMBER": "000010", "MATERIAL": "HB-38-100"}],
                    ORDER_SCHEDULES_IN=[{"ITM_NUMBER": "000010", "SCHED_LINE": "0001",
                                         "REQ_QTY": Decimal("100")}],
                    ORDER_PARTNERS=PARTNERS, **extra)
    return po, res


def find(conn, po):
    res = conn.call("BAPI_SALESORDER_GETLIST", CUSTOMER_NUMBER="0000010140",
                    SALES_ORGANIZATION="1000", PURCHASE_ORDER_NUMBER=po)
    return {r["SD_DOC"] for r in res["SALES_ORDERS"]}


def detail(conn, vbeln):
    return conn.call("BAPISDORDER_GETDETAILEDLIST",
                     I_BAPI_VIEW={"HEADER": "X", "ITEM": "X", "STATUS_H": "X"},
                     SALES_DOCUMENTS=[{"VBELN": vbeln}])


def test_commit_on_same_connection_is_visible_to_others(connect):
    a, b = connect(), connect()
    po, res = create(a)
    number = res["SALESDOCUMENT"]
    assert number.isdigit() and len(number) == 10 and int(number) >= 12000
    assert ("S", "V1", "311") in {(m["TYPE"], m["ID"], m["NUMBER"]) for m in res["RETURN"]}
    assert find(b, po) == set() and not detail(b, number)["ORDER_HEADERS_OUT"]
    assert a.call("BAPI_TRANSACTION_COMMIT", WAIT="X")["RETURN"]["TYPE"] == ""
    assert find(b, po) == {number}
    head = detail(b, number)["ORDER_HEADERS_OUT"][0]
    assert head["PURCH_NO"] == po[:20] and head["SOLD_TO"] == "0000010140"
    status = b.call("BAPI_SALESORDER_GETSTATUS", SALESDOCUMENT=number)
    assert status["RETURN"]["TYPE"] == "" and status["STATUSINFO"][0]["PRC_STAT_H"] == "A"


def test_rollback_discards(connect):
    a = connect()
    po, res = create(a)
    a.call("BAPI_TRANSACTION_ROLLBACK")
    a.call("BAPI_TRANSACTION_COMMIT", WAIT="X")
    assert find(a, po) == set()


def test_close_without_commit_discards(connect):
    a = connect()
    po, _ = create(a)
    a.close()
    assert find(connect(), po) == set()


def test_commit_on_another_connection_commits_nothing(connect):
    a, b = connect(), connect()
    po, _ = create(a)
    b.call("BAPI_TRANSACTION_COMMIT", WAIT="X")
    assert find(b, po) == set()
    a.call("BAPI_TRANSACTION_COMMIT", WAIT="X")
    assert len(find(b, po)) == 1


def test_testrun_saves_nothing(connect):
    a = connect()
    po, res = create(a, TESTRUN="X")
    assert res["SALESDOCUMENT"] == ""
    assert not [m for m in res["RETURN"] if m["TYPE"] in "EA"]
    a.call("BAPI_TRANSACTION_COMMIT", WAIT="X")
    assert find(a, po) == set()


def test_one_system_per_seed_other_seed_is_another_system(connect, system):
    assert connect().company is system
    assert sandbox.system(1, system.today) is system
    assert sandbox.system(2, system.today) is not system


# ------------------------------------------------------------------ faults

def test_refuse_and_logon_faults_at_connect(connect):
    for fault, cls, key in (("refuse", "CommunicationError", None),
                            ("logon-failure", "LogonError", "RFC_LOGON_FAILURE"),
                            ("locked-user", "LogonError", "RFC_LOGON_FAILURE")):
        with pytest.raises(Exception) as ei:
            connect(faults={fault})
        assert type(ei.value).__name__ == cls
        if key:
            assert (ei.value.code, ei.value.key) == (2, key)
    with pytest.raises(Exception) as ei:
        connect(faults="logon-failure")
    assert "Name or password is incorrect" in ei.value.message
    with pytest.raises(Exception) as ei:
        connect(faults="locked-user")
    assert "locked" in ei.value.message
    with pytest.raises(Exception) as ei:
        connect(faults="refuse")
    assert "Connection refused" in ei.value.message


def test_unknown_fault_name_is_an_error(connect):
    with pytest.raises(ValueError):
        connect(faults="drop-everything")


def test_global_configure_applies_to_new_and_open_connections(connect):
    open_conn = connect()
    sandbox.configure(faults="refuse")
    with pytest.raises(Exception) as ei:
        connect()
    assert type(ei.value).__name__ == "CommunicationError"
    sandbox.configure(faults="down")
    with pytest.raises(Exception) as ei:
        open_conn.call("RFC_PING")
    assert type(ei.value).__name__ == "CommunicationError"
    assert not open_conn.alive
    sandbox.configure(faults=set())
    assert connect().call("RFC_PING") == {}


def test_down_breaks_open_connections_and_clears(connect):
    c = connect()
    po, _ = create(c)
    c.faults.add("down")
    with pytest.raises(Exception) as ei:
        c.call("BAPI_TRANSACTION_COMMIT", WAIT="X")
    assert type(ei.value).__name__ == "CommunicationError"
    with pytest.raises(Exception):
        c.ping()
    c.faults.clear()
    with pytest.raises(Exception) as ei:  # the broken link stays broken: reconnect
        c.call("RFC_PING")
    assert type(ei.value).__name__ == "CommunicationError"
    assert find(connect(), po) == set()


def test_drop_before_commit_loses_the_order(connect):
    c = connect()
    po, _ = create(c)
    c.faults.add("drop-before-commit")
    with pytest.raises(Exception) as ei:
        c.call("BAPI_TRANSACTION_COMMIT", WAIT="X")
    assert type(ei.value).__name__ == "CommunicationError"
    assert find(connect(), po) == set()


def test_drop_after_commit_saves_but_loses_the_answer(connect):
    c = connect()
    po, res = create(c)
    sandbox.configure(faults={"drop-after-commit"})
    with pytest.raises(Exception) as ei:
        c.call("BAPI_TRANSACTION_COMMIT", WAIT="X")
    assert type(ei.value).__name__ == "CommunicationError"
    assert "drop-after-commit" not in sandbox.defaults()["faults"]  # one-shot
    assert find(connect(), po) == {res["SALESDOCUMENT"]}


def test_abap_dump_fires_once_and_loses_the_luw(connect):
    c = connect(faults="abap-dump")
    with pytest.raises(Exception) as ei:
        c.call("RFC_PING")
    e = ei.value
    assert type(e).__name__ == "ABAPRuntimeError" and e.code == 3
    assert c.call("RFC_PING") == {}
    po, _ = create(c)
    c.faults.add("abap-dump")
    with pytest.raises(Exception):
        c.call("BAPI_TRANSACTION_COMMIT", WAIT="X")
    c.call("BAPI_TRANSACTION_COMMIT", WAIT="X")
    assert find(c, po) == set()


def test_no_authorization(connect):
    c = connect(faults="no-authorization")
    assert c.call("RFC_PING") == {}
    with pytest.raises(Exception) as ei:
        c.call("BAPI_CUSTOMER_GETDETAIL2", CUSTOMERNO="0000010023")
    e = ei.value
    assert type(e).__name__ == "ABAPRuntimeError"
    assert (e.code, e.key) == (4, "RFC_ABAP_MESSAGE")
    assert "no RFC authorization" in e.message
    c.faults.discard("no-authorization")
    assert c.call("BAPI_CUSTOMER_GETDETAIL2", CUSTOMERNO="0000010023")["RETURN"]["TYPE"] == ""


def test_latency_per_connection_and_global(connect):
    c = connect(latency=0.05)
    t = time.perf_counter()
    c.call("RFC_PING")
    assert time.perf_counter() - t >= 0.05
    d = connect()
    sandbox.configure(latency=0.05)
    t = time.perf_counter()
    d.call("RFC_PING")
    assert time.perf_counter() - t >= 0.05
    assert c.latency == 0.05 and d.latency is None


def test_timeout_option_cancels_a_slow_call(connect):
    c = connect(latency=0.2)
    assert c.call("RFC_PING", options={"timeout": 1}) == {}
    t = time.perf_counter()
    with pytest.raises(Exception) as ei:
        c.call("RFC_PING", options={"timeout": 0.05})
    assert time.perf_counter() - t < 0.2
    assert type(ei.value).__name__ == "CommunicationError" and ei.value.key == "RFC_CANCELED"
    assert not c.alive


def test_commit_lands_late_is_seen_only_after_the_update_task(connect):
    c = connect(faults="commit-lands-late", update_delay=0.3)
    other = connect()
    po, res = create(c)
    with pytest.raises(Exception) as ei:
        c.call("BAPI_TRANSACTION_COMMIT", WAIT="X")
    assert type(ei.value).__name__ == "CommunicationError" and not c.alive
    assert "commit-lands-late" not in c.faults  # one-shot
    assert find(other, po) == set()  # the update task has not posted it yet
    assert eventually(lambda: find(other, po)) == {res["SALESDOCUMENT"]}
    assert find(connect(), po) == {res["SALESDOCUMENT"]}  # posted once, seen by all


def test_commit_lands_late_delay_is_a_process_wide_knob_too(connect):
    sandbox.configure(update_delay=0.2)
    try:
        c = connect(faults="commit-lands-late")
        po, res = create(c)
        with pytest.raises(Exception):
            c.call("BAPI_TRANSACTION_COMMIT", WAIT="X")
        assert find(connect(), po) == set()
        assert eventually(lambda: find(connect(), po)) == {res["SALESDOCUMENT"]}
    finally:
        sandbox.configure(update_delay=sandbox.connection.DEFAULT_UPDATE_DELAY)


def test_dump_after_commit_saves_but_the_caller_sees_a_dump(connect):
    c = connect(faults="dump-after-commit")
    po, res = create(c)
    with pytest.raises(Exception) as ei:
        c.call("BAPI_TRANSACTION_COMMIT", WAIT="X")
    e = ei.value
    assert type(e).__name__ == "ABAPRuntimeError" and (e.code, e.key) == (3, "MESSAGE_TYPE_X")
    assert "dump-after-commit" not in c.faults
    assert find(connect(), po) == {res["SALESDOCUMENT"]}


def test_the_command_line_offers_every_fault():
    from ordertui.cli import SANDBOX_FAULTS

    assert set(SANDBOX_FAULTS) == sandbox.connection.FAULTS
    assert len(SANDBOX_FAULTS) == len(set(SANDBOX_FAULTS))
