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


# --------------------------------------------------------------------------- an order read back (_order_from)


def _detail() -> dict:
    return {
        "ORDER_HEADERS_OUT": [{"DOC_NUMBER": "0000412120", "DOC_TYPE": "TA", "REC_DATE": "20261127",
                               "DOC_DATE": "20261126", "SOLD_TO": "", "PURCH_NO": "4500-7781",
                               "SALES_ORG": "1000", "DISTR_CHAN": "10", "DIVISION": "00", "REQ_DATE_H": "20261204",
                               "NET_VAL_HD": D("180.00"), "CURRENCY": "USD", "DLV_BLOCK": "01", "BILL_BLOCK": ""}],
        "ORDER_ITEMS_OUT": [
            {"ITM_NUMBER": "000020", "MATERIAL": "000000000000000216", "SHORT_TEXT": "Sealant", "REQ_QTY": D("0"),
             "TARGET_QTY": D("12.000"), "CUM_CF_QTY": D("8.000"), "SALES_UNIT": "KAR", "NET_VALUE": D("100.00"),
             "NET_PRICE": D("8.3333"), "CURRENCY": "USD", "PLANT": "1200", "REA_FOR_RE": "Z1"},
            {"ITM_NUMBER": "000010", "MATERIAL": "HB38100", "SHORT_TEXT": "Hex bolt", "REQ_QTY": D("40.000"),
             "TARGET_QTY": D("1"), "CUM_CF_QTY": D("40.000"), "SALES_UNIT": "ST", "NET_VALUE": D("80.00"),
             "NET_PRICE": D("2.00"), "CURRENCY": "USD", "PLANT": "1000", "REA_FOR_RE": ""},
        ],
        "ORDER_STATUSHEADERS_OUT": [
            {"SD_DOC": "0000999999", "DLV_STAT_H": "C", "BILLSTATUS": "C", "TOTSTATCCH": "A", "OVERALLREJ": "C"},
            {"SD_DOC": "0000412120", "DLV_STAT_H": "B", "BILLSTATUS": "A", "TOTSTATCCH": "D", "OVERALLREJ": "B",
             "PRC_STAT_H": "B"},
        ],
        "ORDER_STATUSITEMS_OUT": [
            {"ITM_NUMBER": "000010", "DLV_STAT_I": "C", "BILLSTATIT": "B"},
            {"ITM_NUMBER": "000020", "DLV_STAT_I": "A", "BILLSTATIT": "A"},
        ],
        "ORDER_PARTNERS_OUT": [
            {"PARTN_ROLE": "WE", "CUSTOMER": "0000019999", "ITM_NUMBER": "000010"},  # an item's ship-to
            {"PARTN_ROLE": "AG", "CUSTOMER": "0000010023", "ITM_NUMBER": "000000"},
            {"PARTN_ROLE": "WE", "CUSTOMER": "0000010024", "ITM_NUMBER": "000000"},
            {"PARTN_ROLE": "RG", "CUSTOMER": "0000010025", "ITM_NUMBER": ""},
        ],
        "ORDER_SCHEDULES_OUT": [
            {"ITM_NUMBER": "000010", "SCHED_LINE": "0001", "REQ_DATE": "20261204", "REQ_QTY": D("40"),
             "CONFIR_QTY": D("40"), "SALES_UNIT": "ST"},
            {"ITM_NUMBER": "000020", "SCHED_LINE": "0001", "REQ_DATE": "20261209", "REQ_QTY": D("12"),
             "CONFIR_QTY": D("8"), "SALES_UNIT": "KAR"},
        ],
        "ORDER_FLOWS_OUT": [
            {"PRECSDDOC": "0000412120", "PREDITDOC": "000010", "SUBSSDDOC": "0080001234", "SUBSITDOC": "000010",
             "DOCCATEGOR": "J", "REF_QTY": D("40.000"), "CREAT_DATE": "20261128"},
            {"PRECSDDOC": "0080001234", "PREDITDOC": "000010", "SUBSSDDOC": "0090000001", "SUBSITDOC": "000010",
             "DOCCATEGOR": "M", "REF_QTY": D("40"), "CREAT_DATE": "20261129"},
            {"PRECSDDOC": "0000400000", "PREDITDOC": "000010", "SUBSSDDOC": "0000412120", "SUBSITDOC": "000010",
             "DOCCATEGOR": "C", "REF_QTY": D("40"), "CREAT_DATE": "20261127"},  # this order itself: left out
            {"PRECSDDOC": "0000412120", "PREDITDOC": "000020", "SUBSSDDOC": "", "DOCCATEGOR": "J"},  # no document
            {"PRECSDDOC": "0000412120", "PREDITDOC": "000020", "SUBSSDDOC": "0070000001", "SUBSITDOC": "000001",
             "DOCCATEGOR": "Q", "REF_QTY": D("1"), "CREAT_DATE": ""},
        ],
    }


def test_an_order_read_back_field_by_field():
    from ordertui.sap.rfc.orders import _order_from

    res = _detail()
    at = dt.datetime(2026, 11, 27, 9, 30)
    o = _order_from(res, res["ORDER_HEADERS_OUT"][0], fetched_at=at)
    assert (o.number, o.order_type, o.created, o.fetched_at) == ("412120", "OR", dt.date(2026, 11, 27), at)
    # no SOLD_TO in the header: the header-level AG partner; an item's WE is not the order's
    assert (o.sold_to, o.ship_to, o.payer) == ("10023", "10024", "10025")
    assert (o.customer_po, o.sales_area, o.requested_date) == ("4500-7781", SalesArea("1000", "10", "00"), dt.date(2026, 12, 4))
    assert (o.net_value, o.currency, o.delivery_block, o.billing_block) == (D("180"), "USD", "01", "")
    # the status row of this order, not of another
    assert (o.delivery_status, o.billing_status, o.rejection_status) == ("Partly delivered", "Not billed", "Partly rejected")
    assert o.credit_status == A.CREDIT_STATUS_TEXT["D"] and o.overall_status == "Partly delivered"

    first, second = o.items
    assert (first.item, first.material, first.description, first.quantity, first.confirmed_qty) == (
        "10", "HB38100", "Hex bolt", D("40"), D("40"))
    assert (first.unit, first.net_value, first.net_price, first.currency, first.plant) == ("PC", D("80"), D("2"), "USD", "1000")
    assert (first.delivery_status, first.billing_status, first.rejection_reason) == ("Delivered", "Partly billed", "")
    assert (second.item, second.material, second.description, second.quantity, second.confirmed_qty) == (
        "20", "216", "Sealant", D("12"), D("8"))
    assert (second.unit, second.net_value, second.net_price, second.plant) == ("CAR", D("100"), D("8.3333"), "1200")
    assert (second.delivery_status, second.billing_status, second.rejection_reason) == ("Not delivered", "Not billed", "Z1")

    assert [(s.item, s.line, s.confirmed_qty) for s in o.schedule] == [("10", 1, D("40")), ("20", 1, D("8"))]

    assert [(f.preceding, f.preceding_item, f.subsequent, f.subsequent_item, f.category, f.category_text,
             f.quantity, f.created) for f in o.flow] == [
        ("412120", "10", "80001234", "10", "J", "Delivery", D("40"), dt.date(2026, 11, 28)),
        ("80001234", "10", "90000001", "10", "M", "Invoice", D("40"), dt.date(2026, 11, 29)),
        ("412120", "20", "70000001", "1", "Q", "Q", D("1"), None),
    ]
    assert o.deliveries == ("80001234",)


def test_an_order_without_status_rows_or_partners():
    from ordertui.sap.rfc.orders import _order_from

    res = _detail()
    h = dict(res["ORDER_HEADERS_OUT"][0], SOLD_TO="0000010023", REC_DATE="", DOC_DATE="20261126")
    res.update(ORDER_STATUSHEADERS_OUT=[{"SD_DOC": "", "DLV_STAT_H": "C"}], ORDER_STATUSITEMS_OUT=[],
               ORDER_PARTNERS_OUT=[])
    o = _order_from(res, h, fetched_at=dt.datetime(2026, 11, 27))
    assert (o.sold_to, o.ship_to, o.payer, o.created) == ("10023", "", "", dt.date(2026, 11, 26))
    # a status row without a document number is this order's
    assert o.delivery_status == "Delivered" and o.credit_status == "Not checked"
    assert [(i.delivery_status, i.billing_status) for i in o.items] == [("", ""), ("", "")]
    res.pop("ORDER_STATUSHEADERS_OUT")
    o = _order_from(res, h, fetched_at=None)
    assert (o.delivery_status, o.billing_status, o.overall_status) == ("", "", "Open")


def test_unknown_status_letters_read_as_no_status_and_blocks_are_kept():
    from ordertui.sap.rfc.orders import _order_from

    res = _detail()
    h = dict(res["ORDER_HEADERS_OUT"][0], BILL_BLOCK="02")
    res["ORDER_STATUSHEADERS_OUT"] = [{"SD_DOC": "0000412120", "DLV_STAT_H": "Z", "BILLSTATUS": "Z",
                                       "TOTSTATCCH": "Z", "OVERALLREJ": "Z"}]
    res["ORDER_STATUSITEMS_OUT"] = [{"ITM_NUMBER": "000010", "DLV_STAT_I": "Z", "BILLSTATIT": "Z"}]
    o = _order_from(res, h, fetched_at=None)
    assert (o.delivery_status, o.billing_status, o.credit_status, o.rejection_status) == ("", "", "", "")
    assert (o.items[0].delivery_status, o.items[0].billing_status) == ("", "")
    assert (o.delivery_block, o.billing_block) == ("01", "02")


def test_items_with_numbers_come_in_number_order_others_first():
    from ordertui.sap.rfc.orders import _order_from

    res = _detail()
    res["ORDER_ITEMS_OUT"] = [dict(res["ORDER_ITEMS_OUT"][1], ITM_NUMBER=n) for n in ("000020", "000001", "A1", "000010")]
    o = _order_from(res, res["ORDER_HEADERS_OUT"][0], fetched_at=None)
    assert [i.item for i in o.items] == ["A1", "1", "10", "20"]


def test_find_created_order_looks_since_yesterday_and_its_message_has_no_code():
    conn = FakeConnection(answers={"BAPI_SALESORDER_GETLIST": {"SALES_ORDERS": [
        {"SD_DOC": "0000412120", "PURCH_NO_C": "PO-9", "SOLD_TO": "0000010023"}]}})
    found = gateway(conn).find_created_order(draft(po="PO-9"), known_before=[])
    (m,) = found.messages
    assert (m.type, m.id, m.number, m.code) == ("I", "", "", "")
    (_, params), = conn.log
    assert params["DOCUMENT_DATE"] == "20261126" and params["PURCHASE_ORDER_NUMBER"] == "PO-9"


def test_a_lost_commit_answer_names_a_cause_that_is_no_sap_error_by_its_class():
    class Glitch(Exception):
        pass

    conn = FakeConnection(answers={
        "BAPI_SALESORDER_GETLIST": {"SALES_ORDERS": []},
        "BAPI_SALESORDER_CREATEFROMDAT2": {"SALESDOCUMENT": "0000412120", "RETURN": []},
    })
    conn.fail_on["BAPI_TRANSACTION_COMMIT"] = Glitch("odd")
    with pytest.raises(OrderOutcomeUnknown) as e:
        gateway(conn).create_order(draft(po="PO-9"))
    assert e.value.cause == "Glitch"
    assert str(e.value).startswith("The save broke off (Glitch). SAP has no order with PO PO-9 yet")


def test_a_po_lookup_refused_by_sap_stops_the_save_before_the_create():
    conn = FakeConnection(answers={"BAPI_SALESORDER_GETLIST": {
        "SALES_ORDERS": [], "RETURN": [ret2("E", "V4", "219", "No authorization for sales organization 1000")]}})
    with pytest.raises(SapBusinessError) as e:
        gateway(conn).create_order(draft(po="PO-9"))
    assert str(e.value) == "No authorization for sales organization 1000"
    assert [m.code for m in e.value.messages] == ["V4 219"]
    assert [c[0] for c in conn.log] == ["BAPI_SALESORDER_GETLIST"]


def test_rows_with_an_error_message_still_count_and_rows_are_read_past_a_blank_one():
    calls = []

    def getlist(params):
        calls.append(params)
        rows = [{"SD_DOC": "", "PURCH_NO_C": "PO-9"},
                {"SD_DOC": "0000400001", "PURCH_NO_C": "PO-9", "SOLD_TO": "0000010023"}]
        return {"SALES_ORDERS": rows, "RETURN": [ret2("E", "V4", "001", "Some rows could not be read")]}

    conn = FakeConnection(answers={
        "BAPI_SALESORDER_GETLIST": getlist,
        "BAPI_SALESORDER_CREATEFROMDAT2": {"SALESDOCUMENT": "0000412120", "RETURN": []},
    })
    conn.fail_on["BAPI_TRANSACTION_COMMIT"] = CommunicationError("lost")
    with pytest.raises(OrderOutcomeUnknown) as e:
        gateway(conn).create_order(draft(po="PO-9"))
    assert e.value.known_before == frozenset({"400001"})
    # the recovery lookup asks for the same days as the first one
    assert [c["DOCUMENT_DATE"] for c in calls] == ["20261126", "20261126"]


def test_without_purch_no_c_the_first_20_characters_in_purch_no_count():
    po = "PO-2026-11-27-CALLER-0042"  # 25 characters: PURCH_NO keeps 20
    conn = FakeConnection(answers={"BAPI_SALESORDER_GETLIST": {"SALES_ORDERS": [
        {"SD_DOC": "0000412120", "PURCH_NO": po[:20], "SOLD_TO": "0000010023"},
        {"SD_DOC": "0000412121", "PURCH_NO": po[:19], "SOLD_TO": "0000010023"}]}})
    found = gateway(conn).find_created_order(draft(po=po), known_before=[])
    assert found.number == "412120"


def test_the_create_sends_the_schedule_lines_and_a_recovered_order_says_so_without_a_code():
    conn = FakeConnection(answers={
        "BAPI_SALESORDER_GETLIST": lambda p: {"SALES_ORDERS": [
            {"SD_DOC": "0000412120", "PURCH_NO_C": "OTUI-7", "SOLD_TO": "0000010023"}]} if len(
                [c for c in conn.log if c[0] == "BAPI_SALESORDER_GETLIST"]) > 0 else {"SALES_ORDERS": []},
        "BAPI_SALESORDER_CREATEFROMDAT2": {"SALESDOCUMENT": "0000412120", "RETURN": []},
    })
    conn.fail_on["BAPI_TRANSACTION_COMMIT"] = CommunicationError("lost")
    created = gateway(conn).create_order(draft(po="", reference="OTUI-7"))
    (_, create), = [c for c in conn.log if c[0] == "BAPI_SALESORDER_CREATEFROMDAT2"]
    assert create["ORDER_SCHEDULES_IN"] == [{"ITM_NUMBER": "000010", "SCHED_LINE": "0001", "REQ_QTY": D("40"),
                                             "REQ_DATE": "20261204"}]
    assert created.number == "412120" and created.recovered
    (m,) = created.messages
    assert (m.type, m.id, m.number, m.code) == ("W", "", "", "")


def test_an_unanswered_lookup_keeps_the_po_to_look_for():
    def getlist(params):
        raise CommunicationError("lookup lost")

    conn = FakeConnection(answers={
        "BAPI_SALESORDER_GETLIST": getlist,
        "BAPI_SALESORDER_CREATEFROMDAT2": {"SALESDOCUMENT": "0000412120", "RETURN": []},
    })
    conn.fail_on["BAPI_TRANSACTION_COMMIT"] = CommunicationError("lost")
    with pytest.raises(OrderOutcomeUnknown) as e:
        gateway(conn).create_order(draft(po="", reference="OTUI-8"))
    assert (e.value.customer_po, e.value.known_before, e.value.cause) == ("OTUI-8", frozenset(), "SAP unreachable")


def test_a_create_without_a_document_number_is_rolled_back_and_said_plainly():
    conn = FakeConnection(answers={"BAPI_SALESORDER_GETLIST": {"SALES_ORDERS": []},
                                   "BAPI_SALESORDER_CREATEFROMDAT2": {"SALESDOCUMENT": "", "RETURN": []}})
    with pytest.raises(SapBusinessError) as e:
        gateway(conn).create_order(draft())
    assert str(e.value) == "SAP did not create the order" and e.value.messages == ()
    assert [c[0] for c in conn.log] == ["BAPI_SALESORDER_GETLIST", "BAPI_SALESORDER_CREATEFROMDAT2",
                                        "BAPI_TRANSACTION_ROLLBACK"]


def test_create_messages_name_their_line_and_a_saved_order_carries_all_messages():
    conn = FakeConnection(answers={"BAPI_SALESORDER_GETLIST": {"SALES_ORDERS": []},
                                   "BAPI_SALESORDER_CREATEFROMDAT2": {"SALESDOCUMENT": "", "RETURN": [
                                       ret2("E", "V1", "392", "Material not defined", row=1)]}})
    with pytest.raises(SapBusinessError) as e:
        gateway(conn).create_order(draft())
    assert [(m.code, m.item) for m in e.value.messages] == [("V1 392", "10")]

    conn = FakeConnection(answers={
        "BAPI_SALESORDER_GETLIST": {"SALES_ORDERS": []},
        "BAPI_SALESORDER_CREATEFROMDAT2": {"SALESDOCUMENT": "0000412120", "RETURN": [
            ret2("S", "V1", "311", "Standard Order 412120 has been saved"), ret2("W", "V1", "555", "Manual price", row=1)]},
        "BAPI_TRANSACTION_COMMIT": {"RETURN": ret2("S", "", "000", "Committed")},
    })
    created = gateway(conn).create_order(draft())
    assert [(m.code, m.item, m.text) for m in created.messages] == [
        ("V1 311", "", "Standard Order 412120 has been saved"), ("V1 555", "10", "Manual price"), ("", "", "Committed")]
