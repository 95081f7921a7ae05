"""The save state machine: an order is created once, even when SAP's answer is lost."""

from __future__ import annotations

import pytest

from ordertui.model import CreatedOrder, OrderDraft, SalesArea
from ordertui.ordering.save import LOOKUP_BACKOFF, SaveFlow, SaveRefused, State

DRAFT = OrderDraft("10023", SalesArea("1000", "10", "00"), ())
ORDER = CreatedOrder("12000", ())


def sent(grace: float = 10.0, at: float = 100.0) -> SaveFlow:
    flow = SaveFlow(grace=grace)
    flow.send(DRAFT, at)
    return flow


def test_happy_path():
    flow = sent()
    assert flow.state is State.SENDING and flow.uncertain and not flow.can_edit and not flow.can_save
    flow.created(ORDER)
    assert flow.saved and flow.order is ORDER and flow.label == "saved as 12000"
    with pytest.raises(SaveRefused):
        flow.send(DRAFT, 101)


def test_sap_said_no_the_draft_can_be_fixed_and_sent_again():
    flow = sent()
    flow.refused("Material 100200 is blocked for sales")
    assert flow.state is State.NOT_SAVED and flow.can_edit and flow.can_save and not flow.uncertain
    flow.send(DRAFT, 200)
    assert flow.attempts == 2


def test_uncertain_offers_no_save_only_check():
    flow = sent()
    flow.unknown("connection lost after commit", 101)
    assert flow.uncertain and not flow.can_save and not flow.can_edit and flow.can_check
    assert flow.next_check_in(101) == 0
    with pytest.raises(SaveRefused):
        flow.send(DRAFT, 102)


def test_lookup_finds_the_order():
    flow = sent()
    flow.unknown("lost", 101)
    flow.check_started(101)
    flow.found(CreatedOrder("12001", (), recovered=True))
    assert flow.saved and flow.order.number == "12001"


def test_not_found_within_the_grace_period_is_not_believed():
    flow = sent(grace=10, at=100)
    flow.unknown("lost", 101)
    flow.check_started(101)
    flow.not_found(101)
    assert flow.state is State.UNCERTAIN and not flow.can_save
    assert flow.next_check_in(101) == pytest.approx(9)  # looked at again when the grace is over
    flow.check_started(110)
    flow.not_found(110)
    assert flow.state is State.NOT_FOUND and flow.needs_resend_confirmation and flow.can_edit
    with pytest.raises(SaveRefused):
        flow.send(DRAFT, 111)  # not without the user's confirmation
    flow.send(DRAFT, 111, resend_confirmed=True)
    assert flow.state is State.SENDING and flow.attempts == 2


def test_failed_lookups_back_off_and_stay_uncertain():
    flow = sent()
    flow.unknown("lost", 100)
    delays = []
    now = 100.0
    for _ in range(len(LOOKUP_BACKOFF) + 2):
        flow.check_started(now)
        flow.check_failed("SAP unreachable", now)
        delays.append(flow.next_check_in(now))
        assert flow.uncertain and not flow.can_save
    assert delays == list(LOOKUP_BACKOFF) + [LOOKUP_BACKOFF[-1]] * 2
    # SAP answers again; a found order ends it
    flow.check_started(now)
    flow.found(ORDER)
    assert flow.saved


def test_a_failed_lookup_then_not_found_after_the_grace():
    flow = sent(grace=10, at=0)
    flow.unknown("lost", 0)
    flow.check_started(0)
    flow.check_failed("down", 0)
    flow.check_started(30)
    flow.not_found(30)
    assert flow.state is State.NOT_FOUND


def test_steps_out_of_order_are_refused():
    flow = SaveFlow()
    with pytest.raises(SaveRefused):
        flow.created(ORDER)
    with pytest.raises(SaveRefused):
        flow.check_started(0)
    flow.send(DRAFT, 0)
    with pytest.raises(SaveRefused):
        flow.not_found(0)


def test_grace_defaults_to_the_assumption():
    from ordertui.sap.assumptions import UPDATE_TASK_GRACE_SECONDS

    flow = SaveFlow()
    flow.send(DRAFT, 0)
    flow.unknown("lost", 0)
    flow.check_started(UPDATE_TASK_GRACE_SECONDS - 1)
    flow.not_found(UPDATE_TASK_GRACE_SECONDS - 1)
    assert flow.state is State.UNCERTAIN
    flow.check_started(UPDATE_TASK_GRACE_SECONDS)
    flow.not_found(UPDATE_TASK_GRACE_SECONDS)
    assert flow.state is State.NOT_FOUND
