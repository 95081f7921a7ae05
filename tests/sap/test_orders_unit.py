"""orders.py piece by piece over scripted answers (issue 14, mutation testing): an order's one-word
status, what a failed rollback leaves in the log, and what the save path says and asks SAP."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal as D

import pytest

from ordertui.model import DraftLine, OrderDraft, SalesArea
from ordertui.sap import assumptions as A
from ordertui.sap.errors import OrderOutcomeUnknown, SapBusinessError
from ordertui.sap.rfc import RfcGateway, order_status_text

from tests.conftest import TODAY
from tests.fakes.rfc_connection import CommunicationError, FakeConnection, ret2


@pytest.mark.parametrize(
    ("letters", "text"),
    [
        ({}, "Open"),
        ({"PRC_STAT_H": "A"}, "Open"),
        ({"PRC_STAT_H": "B"}, "Open"),
        ({"PRC_STAT_H": "C"}, "Completed"),
        ({"DLV_STAT_H": "A", "PRC_STAT_H": "C"}, "Completed"),
        ({"DLV_STAT_H": "B", "PRC_STAT_H": "C"}, "Partly delivered"),
        ({"DLV_STAT_H": "C"}, "Delivered"),
        ({"BILLSTATUS": "A", "DLV_STAT_H": "C"}, "Delivered"),
        ({"BILLSTATUS": "B", "DLV_STAT_H": "C"}, "Partly billed"),
        ({"BILLSTATUS": "C", "DLV_STAT_H": "B"}, "Billed"),
        ({"OVERALLREJ": "B", "BILLSTATUS": "C"}, "Billed"),
        ({"OVERALLREJ": "C", "BILLSTATUS": "C"}, "Rejected"),
        ({"TOTSTATCCH": "A", "OVERALLREJ": "C"}, "Rejected"),
        ({"TOTSTATCCH": "B", "OVERALLREJ": "C", "BILLSTATUS": "C"}, A.CREDIT_STATUS_TEXT["B"]),
        ({"TOTSTATCCH": " B ", "DLV_STAT_H": " c "}, A.CREDIT_STATUS_TEXT["B"]),
    ],
)
def test_order_status_text_first_credit_then_rejection_billing_delivery_processing(letters, text):
    assert order_status_text(letters) == text


AREA = SalesArea("1000", "10", "00")


def draft(po: str = "4500-7781", reference: str = "") -> OrderDraft:
    return OrderDraft(sold_to="10023", sales_area=AREA, lines=(DraftLine(material="HB38100", quantity=D("40")),),
                      customer_po=po, reference=reference, requested_date=dt.date(2026, 12, 4))


def gateway(conn: FakeConnection) -> RfcGateway:
    """A gateway whose connections share ``conn``'s answers, log and failures: a connection the
    pool drops after a communication error is replaced by a fresh one, as pyrfc's would be."""

    def factory():
        if not conn.closed:
            return conn
        fresh = FakeConnection(answers=conn.answers, tables=conn.tables, log=conn.log)
        fresh.fail_on = conn.fail_on
        return fresh

    return RfcGateway(factory, user="DESK", client="100", today=lambda: TODAY)


def test_a_failed_rollback_is_logged_by_class_name_only(caplog):
    conn = FakeConnection(answers={
        "BAPI_SALESORDER_GETLIST": {"SALES_ORDERS": []},
        "BAPI_SALESORDER_CREATEFROMDAT2": {"SALESDOCUMENT": "", "RETURN": [ret2("E", "V1", "392", "Material not defined")]},
    })
    conn.fail_on["BAPI_TRANSACTION_ROLLBACK"] = CommunicationError("rollback lost; partner 10.0.0.1")
    caplog.set_level(logging.INFO, logger="ordertui.sap")
    with pytest.raises(SapBusinessError) as e:
        gateway(conn).create_order(draft())
    assert str(e.value) == "Material not defined"
    assert "rollback failed: SapUnreachable" in [r.getMessage() for r in caplog.records if r.name == "ordertui.sap"]
    assert "10.0.0.1" not in caplog.text


def test_the_po_lookup_asks_for_the_sold_tos_orders_with_the_po_since_yesterday():
    conn = FakeConnection(answers={
        "BAPI_SALESORDER_GETLIST": {"SALES_ORDERS": []},
        "BAPI_SALESORDER_CREATEFROMDAT2": {"SALESDOCUMENT": "0000412120", "RETURN": [ret2("S", "V1", "311", "saved")]},
        "BAPI_TRANSACTION_COMMIT": {"RETURN": {}},
    })
    created = gateway(conn).create_order(draft(po=" 4500-7781 "))
    assert created.number == "412120" and not created.recovered
    (name, params), = [c for c in conn.log if c[0] == "BAPI_SALESORDER_GETLIST"]
    assert params == {"CUSTOMER_NUMBER": "0000010023", "SALES_ORGANIZATION": "1000",
                      "PURCHASE_ORDER_NUMBER": "4500-7781", "DOCUMENT_DATE": "20261126"}


def test_a_lost_commit_answer_with_nothing_found_says_so_with_the_po_and_the_cause():
    conn = FakeConnection(answers={
        "BAPI_SALESORDER_GETLIST": {"SALES_ORDERS": []},
        "BAPI_SALESORDER_CREATEFROMDAT2": {"SALESDOCUMENT": "0000412120", "RETURN": [ret2("S", "V1", "311", "saved")]},
    })
    conn.fail_on["BAPI_TRANSACTION_COMMIT"] = CommunicationError("lost")
    with pytest.raises(OrderOutcomeUnknown) as e:
        gateway(conn).create_order(draft(po="", reference="OTUI-1"))
    assert str(e.value) == (
        "The save broke off (SAP unreachable). SAP has no order with PO OTUI-1 yet, but it may still be "
        "posting it: it is NOT known whether the order was saved. Check again before sending it again.")
    assert (e.value.customer_po, e.value.known_before, e.value.cause) == ("OTUI-1", frozenset(), "SAP unreachable")


def test_a_lost_commit_answer_and_a_failed_lookup_says_sap_could_not_be_asked():
    calls = []

    def getlist(params):
        calls.append(params)
        if len(calls) == 1:
            return {"SALES_ORDERS": [{"SD_DOC": "0000400001", "PURCH_NO_C": "PO-9", "SOLD_TO": "0000010023"}]}
        raise CommunicationError("lookup lost too")

    conn = FakeConnection(answers={
        "BAPI_SALESORDER_GETLIST": getlist,
        "BAPI_SALESORDER_CREATEFROMDAT2": {"SALESDOCUMENT": "0000412120", "RETURN": []},
    })
    conn.fail_on["BAPI_TRANSACTION_COMMIT"] = CommunicationError("lost")
    with pytest.raises(OrderOutcomeUnknown) as e:
        gateway(conn).create_order(draft(po="PO-9"))
    assert str(e.value) == (
        "The save broke off (SAP unreachable) and SAP could not be asked afterwards. It is NOT known whether "
        "the order was saved: do not send it again before SAP has been checked for PO PO-9.")
    assert e.value.known_before == frozenset({"400001"}) and e.value.__cause__ is None


def test_a_found_order_after_a_lost_answer_is_the_newest_new_one():
    calls = []

    def getlist(params):
        calls.append(params)
        rows = [{"SD_DOC": "0000400001", "PURCH_NO_C": "PO-9", "SOLD_TO": "0000010023"}]
        if len(calls) > 1:
            rows += [{"SD_DOC": "0000099999", "PURCH_NO_C": "PO-9", "SOLD_TO": "0000010023"},
                     {"SD_DOC": "0000412121", "PURCH_NO_C": "PO-9", "SOLD_TO": ""},
                     {"SD_DOC": "0000412120", "PURCH_NO_C": "PO-9", "SOLD_TO": "10023"},
                     {"SD_DOC": "0000999999", "PURCH_NO_C": "PO-9X", "SOLD_TO": "0000010023"},
                     {"SD_DOC": "", "PURCH_NO_C": "PO-9"}]
        return {"SALES_ORDERS": rows}

    conn = FakeConnection(answers={
        "BAPI_SALESORDER_GETLIST": getlist,
        "BAPI_SALESORDER_CREATEFROMDAT2": {"SALESDOCUMENT": "0000412121", "RETURN": []},
    })
    conn.fail_on["BAPI_TRANSACTION_COMMIT"] = CommunicationError("lost")
    created = gateway(conn).create_order(draft(po="PO-9"))
    assert created.number == "412121" and created.recovered
    assert [(m.type, m.text) for m in created.messages] == [
        ("W", "The answer to the save was lost; the order was found in SAP.")]


def test_find_created_order_says_where_it_was_found_and_skips_known_ones():
    conn = FakeConnection(answers={"BAPI_SALESORDER_GETLIST": {"SALES_ORDERS": [
        {"SD_DOC": "0000400001", "PURCH_NO_C": "PO-9", "SOLD_TO": "0000010023"},
        {"SD_DOC": "0000412120", "PURCH_NO_C": "PO-9", "SOLD_TO": "0000010023"}]}})
    gw = gateway(conn)
    found = gw.find_created_order(draft(po="PO-9"), known_before=["400001", " "])
    assert found.number == "412120" and found.recovered
    assert [(m.type, m.text) for m in found.messages] == [("I", "Found in SAP by PO PO-9.")]
    assert gw.find_created_order(draft(po="PO-9"), known_before=["400001", "412120"]) is None
    with pytest.raises(ValueError, match=r"^The draft has neither a customer PO number nor a reference to look it up by$"):
        gw.find_created_order(draft(po=" ", reference=""), known_before=[])


def test_a_po_sap_would_cut_is_refused_naming_what_and_how_long():
    gw = gateway(FakeConnection())
    with pytest.raises(ValueError) as e:
        gw.create_order(draft(po="P" * 36))
    assert str(e.value) == "The customer PO number has 36 characters; SAP keeps only 35. Shorten it before saving."
    with pytest.raises(ValueError) as e:
        gw.create_order(draft(po="", reference="R" * 40))
    assert str(e.value) == "The draft reference has 40 characters; SAP keeps only 35. Shorten it before saving."


def test_a_generated_po_fits_purch_no_and_says_it_was_made_up():
    conn = FakeConnection(answers={
        "BAPI_SALESORDER_CREATEFROMDAT2": {"SALESDOCUMENT": "0000412120", "RETURN": []},
    })
    conn.fail_on["BAPI_TRANSACTION_COMMIT"] = CommunicationError("lost")
    conn.answers["BAPI_SALESORDER_GETLIST"] = {"SALES_ORDERS": []}
    with pytest.raises(OrderOutcomeUnknown) as e:
        gateway(conn).create_order(draft(po="", reference=""))
    po = e.value.customer_po
    assert len(po) == 20 and po.startswith(A.GENERATED_PO_PREFIX) and po == po.upper()
    assert f"PO {po} (made up for this save) yet" in str(e.value)
    # no lookup before the create: a made-up PO is on no order yet
    assert [c[0] for c in conn.log].count("BAPI_SALESORDER_GETLIST") == 1
