"""An order is created once (issue 9, "Save, exactly once"; issue 14 classes 1-3), over the sandbox.

Each duplicate-order path the probe found, and each gap the mutation run found, is driven through
``RfcGateway`` over sandbox connections, and every test ends by counting the orders that carry the
PO (or the draft's reference) in SAP: exactly one, or none when nothing was saved.

Where a sandbox fault cannot place a failure at the right moment (the recovery lookup fails too, a
commit times out, a lookup answer is widened), ``Rigged`` wraps the sandbox connections and lets a
test decide what one call does; everything else is the sandbox answering.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections.abc import Callable
from decimal import Decimal as D
from typing import Any

import pytest

from ordertui.model import DraftLine, OrderDraft, SalesArea
from ordertui.sap.connect import sandbox_gateway
from ordertui.sap.errors import OrderOutcomeUnknown, SapBusinessError, SapSystemError, SapUnreachable
from ordertui.sap.rfc import RfcGateway
from ordertui.sap.rfc.orders import PO_LENGTH
from ordertui.sap.sandbox import connect as sandbox_connect
from ordertui.sap.sandbox import errors as sandbox_errors
from tests.conftest import TODAY, eventually

US = SalesArea("1000", "10", "00")
SOLD_TO = "10023"
_refs = itertools.count(1)


def draft(po: str = "", reference: str = "") -> OrderDraft:
    return OrderDraft(
        sold_to=SOLD_TO,
        sales_area=US,
        customer_po=po,
        reference=reference,
        requested_date=TODAY + dt.timedelta(days=3),
        lines=(DraftLine(material="HB-38-100", quantity=D(100)),),
    )


def new_reference() -> str:
    return f"OTUI-TEST{next(_refs):06d}{time.monotonic_ns() % 100000:05d}"[:20]


def orders_with(po: str) -> list[str]:
    """Numbers of the sold-to's orders whose PO, as SAP stores it, is ``po`` — read afresh."""
    g = sandbox_gateway(seed=1, today=TODAY)
    try:
        hits = g.find_orders(sales_area=US, customer=SOLD_TO, customer_po=po).hits
        return sorted(h.number for h in hits if h.customer_po == po)
    finally:
        g.close()


class Rigged:
    """Sandbox connections whose calls a test can steer, and a log of every call made."""

    def __init__(self, **knobs: Any) -> None:
        self.knobs = {"seed": 1, "today": TODAY, **knobs}
        self.log: list[tuple[int, str]] = []  # (connection, function module)
        self.refuse = False
        #: function module -> hook(connection, params, call_the_sandbox) -> result
        self.hooks: dict[str, Callable[[Any, dict, Callable[[], dict]], dict]] = {}
        self._ids = itertools.count(1)

    def factory(self) -> _Proxy:
        if self.refuse:
            raise sandbox_errors.communication_error("Connection refused: partner not reached")
        return _Proxy(self, sandbox_connect(**self.knobs), next(self._ids))

    def gateway(self, **options: Any) -> RfcGateway:
        return RfcGateway(self.factory, sandbox=True, today=lambda: TODAY, **options)

    def names(self) -> list[str]:
        return [name for _, name in self.log]


class _Proxy:
    def __init__(self, rig: Rigged, conn: Any, ident: int) -> None:
        self.rig, self.conn, self.ident = rig, conn, ident

    def call(self, func_name: str, *, options: dict | None = None, **params: Any) -> dict:
        self.rig.log.append((self.ident, func_name))
        hook = self.rig.hooks.get(func_name)

        def real() -> dict:
            return self.conn.call(func_name, options=options, **params)

        return hook(self, params, real) if hook else real()

    def close(self) -> None:
        self.conn.close()


# --------------------------------------------------------------------------- the contract


def test_the_reference_is_the_po_when_none_is_typed_and_finds_the_order():
    ref = new_reference()
    g = sandbox_gateway(seed=1, today=TODAY)
    created = g.create_order(draft(reference=ref))
    assert orders_with(ref) == [created.number]
    found = g.find_created_order(draft(reference=ref), known_before=())
    assert found is not None and found.number == created.number and found.recovered
    assert g.find_created_order(draft(reference=new_reference()), known_before=()) is None


def test_a_typed_po_wins_over_the_reference():
    ref = new_reference()
    created = sandbox_gateway(seed=1, today=TODAY).create_order(draft(po="PO-TYPED-1", reference=ref))
    assert orders_with("PO-TYPED-1") == [created.number] and orders_with(ref) == []


def test_lookup_without_po_or_reference_is_refused():
    with pytest.raises(ValueError, match="reference"):
        sandbox_gateway(seed=1, today=TODAY).find_created_order(draft(), known_before=())


# --------------------------------------------------------------------------- path 1: PO over 35


def test_po_over_35_characters_is_refused_before_anything_is_sent():
    po = "PO-" + "7" * 40  # SAP would keep the first 35 and a lookup by all 43 would find nothing
    rig = Rigged()
    with pytest.raises(ValueError, match="35"):
        rig.gateway().create_order(draft(po=po))
    assert rig.log == []  # not even a connection was opened
    with pytest.raises(ValueError, match="35"):
        rig.gateway().create_order(draft(reference="R" * 36))
    assert orders_with(po[:PO_LENGTH]) == []


def test_po_of_35_with_a_lost_answer_is_found_and_saved_once():
    po = "PO-35-" + "8" * 29
    assert len(po) == PO_LENGTH
    created = sandbox_gateway(seed=1, today=TODAY, faults=("drop-after-commit",)).create_order(draft(po=po))
    assert created.recovered
    assert orders_with(po) == [created.number]


def test_the_lookup_compares_what_sap_stores_the_first_35_characters():
    po = "PO-35-" + "9" * 29
    created = sandbox_gateway(seed=1, today=TODAY).create_order(draft(po=po))
    # a draft still holding the longer PO the user typed first finds the order SAP stored
    found = sandbox_gateway(seed=1, today=TODAY).find_created_order(draft(po=po + "-EXTRA"), known_before=())
    assert found is not None and found.number == created.number
    assert orders_with(po) == [created.number]


# --------------------------------------------------------------------------- path 2: uncertain outcome


def test_commit_lands_late_is_not_known_then_found_once():
    """The order is booked a moment after the connection broke: never "NOT saved"."""
    ref = new_reference()
    g = sandbox_gateway(seed=1, today=TODAY, faults=("commit-lands-late",), update_delay=0.4)
    with pytest.raises(OrderOutcomeUnknown) as info:
        g.create_order(draft(reference=ref))
    err = info.value
    assert "NOT known" in str(err) and "was NOT saved" not in str(err)
    assert err.customer_po == ref and err.known_before == frozenset()
    assert err.title == "Not known whether saved"
    # SAP answers "none" while the update task is still posting: proves nothing yet
    assert g.find_created_order(draft(reference=ref), known_before=err.known_before) is None
    found = eventually(lambda: g.find_created_order(draft(reference=ref), known_before=err.known_before))
    assert found is not None and found.recovered
    assert orders_with(ref) == [found.number]


def test_commit_lands_late_with_a_reused_po_takes_the_new_order_not_the_old():
    po = "PO-REUSED-LATE"
    g = sandbox_gateway(seed=1, today=TODAY)
    older = g.create_order(draft(po=po))
    late = sandbox_gateway(seed=1, today=TODAY, faults=("commit-lands-late",), update_delay=0.3)
    with pytest.raises(OrderOutcomeUnknown) as info:
        late.create_order(draft(po=po))
    assert info.value.known_before == {older.number}
    # the older order with the same PO is not taken for this one
    assert late.find_created_order(draft(po=po), known_before=info.value.known_before) is None
    found = eventually(lambda: late.find_created_order(draft(po=po), known_before=info.value.known_before))
    assert found is not None and found.number != older.number
    assert orders_with(po) == sorted([older.number, found.number])  # one each, no third


def test_commit_timed_out_and_the_lookup_failed_too_is_not_known_then_found_once():
    ref = new_reference()
    rig = Rigged()

    def slow_commit(conn, params, real):
        conn.conn.latency = 0.3  # slower than the call timeout: pyrfc cancels, SAP has done the work
        try:
            return real()
        finally:
            rig.refuse = True  # and SAP cannot be reached for the lookup either

    rig.hooks["BAPI_TRANSACTION_COMMIT"] = slow_commit
    g = rig.gateway(call_timeout=0.1)
    with pytest.raises(OrderOutcomeUnknown) as info:
        g.create_order(draft(reference=ref))
    assert info.value.cause == "SAP did not answer in time"
    assert "was NOT saved" not in str(info.value)
    rig.refuse = False
    del rig.hooks["BAPI_TRANSACTION_COMMIT"]
    found = g.find_created_order(draft(reference=ref), known_before=info.value.known_before)
    assert found is not None
    assert orders_with(ref) == [found.number]


def test_drop_before_commit_is_not_known_and_an_answered_none_allows_one_resend():
    ref = new_reference()
    g = sandbox_gateway(seed=1, today=TODAY, faults=("drop-before-commit",))
    with pytest.raises(OrderOutcomeUnknown) as info:
        g.create_order(draft(reference=ref))
    assert g.find_created_order(draft(reference=ref), known_before=info.value.known_before) is None
    created = g.create_order(draft(reference=ref))  # the UI resends after the grace, with consent
    assert orders_with(ref) == [created.number]


# --------------------------------------------------------------------------- path 3: ABAP error after the commit


def test_abap_dump_after_the_commit_went_through_is_recovered_by_lookup_once():
    ref = new_reference()
    g = sandbox_gateway(seed=1, today=TODAY, faults=("dump-after-commit",))
    created = g.create_order(draft(reference=ref))
    assert created.recovered
    assert orders_with(ref) == [created.number]


def test_abap_dump_during_the_commit_with_nothing_found_is_not_known():
    ref = new_reference()
    rig = Rigged()

    def dump(conn, params, real):
        raise sandbox_errors.runtime_error("MESSAGE_TYPE_X", "termination in the commit")

    rig.hooks["BAPI_TRANSACTION_COMMIT"] = dump
    g = rig.gateway()
    with pytest.raises(OrderOutcomeUnknown) as info:
        g.create_order(draft(reference=ref))
    assert info.value.cause == "SAP runtime error"
    assert rig.names()[-1] == "BAPI_SALESORDER_GETLIST"  # it asked SAP before giving up
    assert orders_with(ref) == []


def test_abap_dump_in_the_create_itself_is_certainly_not_saved():
    ref = new_reference()
    rig = Rigged()

    def dump(conn, params, real):
        raise sandbox_errors.runtime_error("COMPUTE_INT_ZERODIVIDE", "Division by 0")

    rig.hooks["BAPI_SALESORDER_CREATEFROMDAT2"] = dump
    with pytest.raises(SapSystemError, match="NOT saved") as info:
        rig.gateway().create_order(draft(reference=ref))
    assert not isinstance(info.value, OrderOutcomeUnknown)
    assert "BAPI_TRANSACTION_COMMIT" not in rig.names()
    assert orders_with(ref) == []


# --------------------------------------------------------------------------- issue 14, class 1


def test_a_failing_lookup_during_recovery_does_not_say_not_saved():
    ref = new_reference()
    rig = Rigged(faults="drop-after-commit")  # the order is saved, the answer lost

    def commit_then_sap_away(conn, params, real):
        try:
            return real()
        finally:
            rig.refuse = True

    rig.hooks["BAPI_TRANSACTION_COMMIT"] = commit_then_sap_away
    g = rig.gateway()
    with pytest.raises(OrderOutcomeUnknown) as info:
        g.create_order(draft(reference=ref))
    assert "was NOT saved" not in str(info.value) and "could not be asked" in str(info.value)
    with pytest.raises(SapUnreachable):  # "check SAP" while SAP is still away: no answer, no None
        g.find_created_order(draft(reference=ref), known_before=info.value.known_before)
    rig.refuse = False
    rig.knobs["faults"] = ""
    found = g.find_created_order(draft(reference=ref), known_before=info.value.known_before)
    assert found is not None
    assert orders_with(ref) == [found.number]


def _widen_getlist(extra_rows: list[dict]):
    def hook(conn, params, real):
        res = real()
        res["SALES_ORDERS"] = list(res["SALES_ORDERS"]) + extra_rows
        return res

    return hook


def _row_of_another_order() -> dict:
    """A real GETLIST row of 10023's order 5007 (PO 4500-7700), as SAP sends it."""
    c = sandbox_connect(seed=1, today=TODAY)
    try:
        rows = c.call("BAPI_SALESORDER_GETLIST", CUSTOMER_NUMBER="0000010023", SALES_ORGANIZATION="1000",
                      PURCHASE_ORDER_NUMBER="4500-7700")["SALES_ORDERS"]
    finally:
        c.close()
    assert rows and rows[0]["PURCH_NO_C"] == "4500-7700"
    return dict(rows[0])


def test_a_lookup_answer_with_an_order_of_a_different_po_does_not_count():
    ref = new_reference()
    other = _row_of_another_order()
    rig = Rigged(faults="drop-before-commit")  # nothing is saved
    rig.hooks["BAPI_SALESORDER_GETLIST"] = _widen_getlist([other])
    g = rig.gateway()
    with pytest.raises(OrderOutcomeUnknown):  # not "recovered" as 5007
        g.create_order(draft(reference=ref))
    assert g.find_created_order(draft(reference=ref), known_before=()) is None
    # a release that sends only the 20-character PURCH_NO: compared on that, still not ours
    short = {k: v for k, v in other.items() if k != "PURCH_NO_C"}
    rig.hooks["BAPI_SALESORDER_GETLIST"] = _widen_getlist([short])
    assert g.find_created_order(draft(reference=ref), known_before=()) is None
    assert orders_with(ref) == []


def test_a_lookup_answer_with_another_sold_tos_order_does_not_count():
    ref = new_reference()
    other = dict(_row_of_another_order(), PURCH_NO_C=ref, PURCH_NO=ref[:20], SOLD_TO="0000010050")
    rig = Rigged()
    rig.hooks["BAPI_SALESORDER_GETLIST"] = _widen_getlist([other])
    assert rig.gateway().find_created_order(draft(reference=ref), known_before=()) is None


# --------------------------------------------------------------------------- issue 14, class 2


def test_a_commit_whose_return_carries_an_error_is_rolled_back_and_a_retry_saves_once():
    ref = new_reference()
    rig = Rigged()
    failed = []

    def posting_failed(conn, params, real):
        # COMMIT WORK AND WAIT came back with "posting could not be carried out" (S& 101); the
        # session still holds the order, so only a ROLLBACK keeps it out of the next commit
        failed.append(conn.ident)
        del rig.hooks["BAPI_TRANSACTION_COMMIT"]  # the next commit works
        return {"RETURN": {"TYPE": "E", "ID": "S&", "NUMBER": "101", "MESSAGE": "Posting could not be carried out",
                           "LOG_NO": "", "LOG_MSG_NO": "000000", "MESSAGE_V1": "", "MESSAGE_V2": "",
                           "MESSAGE_V3": "", "MESSAGE_V4": "", "PARAMETER": "", "ROW": 0, "FIELD": "",
                           "SYSTEM": ""}}

    rig.hooks["BAPI_TRANSACTION_COMMIT"] = posting_failed
    g = rig.gateway(pool_size=1)  # the retry runs on the same session
    with pytest.raises(SapBusinessError) as info:
        g.create_order(draft(reference=ref))
    assert not isinstance(info.value, OrderOutcomeUnknown)
    assert info.value.messages[-1].code == "S& 101"
    assert rig.log[-2:] == [(failed[0], "BAPI_TRANSACTION_COMMIT"), (failed[0], "BAPI_TRANSACTION_ROLLBACK")]
    assert orders_with(ref) == []
    created = g.create_order(draft(reference=ref))  # SapBusinessError: certainly not saved, resend
    assert orders_with(ref) == [created.number]


# --------------------------------------------------------------------------- issue 14, class 3


def test_a_checkout_that_fails_before_the_create_was_sent_goes_through_no_recovery():
    rig = Rigged()
    rig.refuse = True
    with pytest.raises(SapUnreachable) as info:
        rig.gateway().create_order(draft(reference=new_reference()))
    assert not isinstance(info.value, OrderOutcomeUnknown)
    assert rig.log == []  # no lookup was attempted: there is nothing to recover


def test_a_failing_po_lookup_before_the_create_is_certainly_not_saved():
    po = "PO-CHECK-FIRST"
    rig = Rigged()

    def dump(conn, params, real):
        raise sandbox_errors.runtime_error("TSV_TNEW_PAGE_ALLOC_FAILED", "No more storage space")

    rig.hooks["BAPI_SALESORDER_GETLIST"] = dump
    with pytest.raises(SapSystemError) as info:
        rig.gateway().create_order(draft(po=po))
    assert not isinstance(info.value, OrderOutcomeUnknown)
    assert rig.names() == ["BAPI_SALESORDER_GETLIST"]  # the create was never sent
    assert orders_with(po) == []
