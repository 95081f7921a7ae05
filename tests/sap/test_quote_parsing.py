"""Reading BAPI_SALESORDER_SIMULATE's answer into a Quote, over scripted answers (issue 14 class 4).

The sandbox always sends NET_VALUE1 and never a reason for rejection, so these answers are the only
ones that exercise: a rejected line (REASON_REJ) whose value must stay out of the totals; the older
NUMC field NET_VALUE, read when NET_VALUE1 is absent or blank, with its implied decimals
(assumptions.ITEMEX_VALUE_DECIMALS: '000000000008000' is 80.00, not 8.000); and the rest of what a
quote is made of (messages per line and for the header, conditions and schedule lines in SAP's
order, lines SAP did not return, the currency and the credit data).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from ordertui.model import DraftLine, OrderDraft, SalesArea
from ordertui.sap import assumptions as A
from ordertui.sap.rfc import RfcGateway

from tests.conftest import TODAY
from tests.fakes.rfc_connection import FakeConnection, ret2

AREA = SalesArea("1000", "10", "00")


def draft(*materials: str) -> OrderDraft:
    return OrderDraft(
        sold_to="10023",
        sales_area=AREA,
        lines=tuple(DraftLine(material=m, quantity=D("10")) for m in materials),
        customer_po="PO-1",
        requested_date=dt.date(2026, 12, 4),
    )


def item(no: str, **fields) -> dict:
    row = {"ITM_NUMBER": no, "MATERIAL": f"M{no}", "SHORT_TEXT": f"Item {no}", "CURRENCY": "USD",
           "REQ_QTY": D("10.000"), "SALES_UNIT": "ST", "PLANT": "1000", "TX_DOC_CUR": D("0"), "REASON_REJ": ""}
    row.update(fields)
    return row


def quote(answer: dict, *materials: str):
    conn = FakeConnection(answers={"BAPI_SALESORDER_SIMULATE": answer})
    gw = RfcGateway(lambda: conn, user="DESK", client="100", today=lambda: TODAY)
    return gw.simulate(draft(*(materials or ("M000010", "M000020", "M000030"))))


# --------------------------------------------------------------------------- totals and rejected lines


def test_a_rejected_line_is_kept_but_stays_out_of_the_totals():
    q = quote({"ORDER_ITEMS_OUT": [
        item("000010", NET_VALUE1=D("100.00"), TX_DOC_CUR=D("8.00")),
        item("000020", NET_VALUE1=D("50.00"), TX_DOC_CUR=D("4.00"), REASON_REJ="Z1"),
        item("000030", NET_VALUE1=D("25.50"), TX_DOC_CUR=D("2.04")),
    ]})
    assert [(line.item, line.rejected) for line in q.lines] == [("10", False), ("20", True), ("30", False)]
    rejected = q.lines[1]
    # the line still shows what SAP priced it at
    assert rejected.net_value == D("50.00") and rejected.tax == D("4.00")
    assert q.net_total == D("125.50")
    assert q.tax_total == D("10.04")
    assert q.gross_total == D("135.54")


def test_only_rejected_lines_make_zero_totals():
    q = quote({"ORDER_ITEMS_OUT": [item("000010", NET_VALUE1=D("100.00"), TX_DOC_CUR=D("8.00"), REASON_REJ="00")]},
              "M000010")
    assert q.lines[0].rejected
    assert q.net_total == 0 and q.tax_total == 0


def test_a_blank_reason_is_not_a_rejection():
    q = quote({"ORDER_ITEMS_OUT": [item("000010", NET_VALUE1=D("1.00"), REASON_REJ="  ")]}, "M000010")
    assert not q.lines[0].rejected and q.net_total == D("1.00")


# --------------------------------------------------------------------------- NET_VALUE1 and the older NET_VALUE


def test_without_net_value1_the_numc_net_value_has_two_implied_decimals():
    assert A.ITEMEX_VALUE_DECIMALS == 2
    no_field = item("000010", NET_VALUE="000000000008000")
    blank = item("000020", NET_VALUE1="", NET_VALUE="000000000000901")
    none = item("000030", NET_VALUE1=None, NET_VALUE="000000001234567")
    q = quote({"ORDER_ITEMS_OUT": [no_field, blank, none]})
    assert "NET_VALUE1" not in no_field
    assert [line.net_value for line in q.lines] == [D("80.00"), D("9.01"), D("12345.67")]
    assert q.net_total == D("12434.68")
    # the net price is the line's value over its quantity (10)
    assert q.lines[0].net_price == D("8")


def test_net_value1_wins_over_net_value_even_when_zero():
    q = quote({"ORDER_ITEMS_OUT": [
        item("000010", NET_VALUE1=D("80.0000"), NET_VALUE="000000000999999"),
        item("000020", NET_VALUE1=D("0"), NET_VALUE="000000000005000"),
    ]}, "M000010", "M000020")
    assert [line.net_value for line in q.lines] == [D("80"), D("0")]
    assert q.net_total == D("80")


def test_neither_value_is_a_zero_line():
    q = quote({"ORDER_ITEMS_OUT": [item("000010")]}, "M000010")
    assert q.lines[0].net_value == 0 and q.net_total == 0


def test_a_net_value_that_is_not_numc_is_refused():
    with pytest.raises(ValueError, match="not a NUMC value"):
        quote({"ORDER_ITEMS_OUT": [item("000010", NET_VALUE="80.00")]}, "M000010")


def test_a_rejected_line_read_from_net_value_stays_out_of_the_totals_too():
    q = quote({"ORDER_ITEMS_OUT": [
        item("000010", NET_VALUE="000000000010000", TX_DOC_CUR=D("7.00")),
        item("000020", NET_VALUE="000000000002500", TX_DOC_CUR=D("1.75"), REASON_REJ="Z2"),
    ]}, "M000010", "M000020")
    assert [line.net_value for line in q.lines] == [D("100.00"), D("25.00")]
    assert q.net_total == D("100.00") and q.tax_total == D("7.00")


# --------------------------------------------------------------------------- the rest of a line


def test_a_line_carries_what_sap_answered_for_it():
    q = quote({
        "ORDER_ITEMS_OUT": [item("000010", MATERIAL="000000000000000216", SHORT_TEXT="Thread sealant",
                                 REQ_QTY=D("0"), TARGET_QTY=D("12.500"), SALES_UNIT="KAR", PLANT="1200",
                                 NET_VALUE1=D("40"), CURRENCY="EUR")],
        "ORDER_CONDITION_EX": [
            {"ITM_NUMBER": "000010", "COND_ST_NO": "900", "COND_COUNT": "01", "COND_TYPE": "MWST",
             "COND_VALUE": D("19"), "CURRENCY": "EUR", "CONDVALUE": D("7.6"), "CALCTYPCON": "A"},
            {"ITM_NUMBER": "000010", "COND_ST_NO": "010", "COND_COUNT": "02", "COND_TYPE": "K007",
             "COND_VALUE": D("-5"), "CURRENCY": "EUR", "CONDVALUE": D("-2"), "CALCTYPCON": "A",
             "STAT_CON": "X"},
            {"ITM_NUMBER": "000010", "COND_ST_NO": "010", "COND_COUNT": "01", "COND_TYPE": "PR00",
             "COND_VALUE": D("3.36"), "CURRENCY": "EUR", "COND_UNIT": "KAR", "COND_P_UNT": D("1"),
             "CONDVALUE": D("42"), "CALCTYPCON": "C", "CONDISACTI": "X", "CURRENCY_2": "USD"},
            {"ITM_NUMBER": "000000", "COND_ST_NO": "800", "COND_COUNT": "01", "COND_TYPE": "HB00",
             "COND_VALUE": D("10"), "CURRENCY": "EUR", "CONDVALUE": D("10"), "CALCTYPCON": "B"},
        ],
        "ORDER_SCHEDULE_EX": [
            {"ITM_NUMBER": "000010", "SCHED_LINE": "0002", "REQ_DATE": "20261219", "REQ_QTY": D("0"),
             "CONFIR_QTY": D("4.5"), "SALES_UNIT": "KAR"},
            {"ITM_NUMBER": "000010", "SCHED_LINE": "0001", "REQ_DATE": "20261204", "REQ_QTY": D("12.5"),
             "CONFIR_QTY": D("8"), "SALES_UNIT": "KAR"},
        ],
    }, "216")
    (line,) = q.lines
    assert (line.item, line.material, line.description) == ("10", "216", "Thread sealant")
    assert (line.quantity, line.unit, line.plant, line.currency) == (D("12.500"), "CAR", "1200", "EUR")
    assert q.currency == "EUR"
    # conditions in SAP's order: step, then counter; a header condition is the quote's
    assert [(c.type, c.step, c.counter) for c in line.conditions] == [("PR00", 10, 1), ("K007", 10, 2), ("MWST", 900, 1)]
    pr00, k007, mwst = line.conditions
    assert (pr00.name, pr00.rate, pr00.rate_unit, pr00.per, pr00.uom, pr00.value) == (
        "List price", D("3.36"), "EUR", D("1"), "CAR", D("42"))
    assert pr00.currency == "USD" and pr00.inactive and not pr00.statistical
    assert k007.statistical and not k007.inactive and k007.rate_unit == "%" and k007.currency == "EUR"
    assert mwst.name == "Tax" and mwst.rate_unit == "%"
    assert [(c.item, c.type) for c in q.header_conditions] == [("", "HB00")]
    assert [(s.line, s.requested_date, s.confirmed_qty) for s in line.schedule] == [
        (1, dt.date(2026, 12, 4), D("8")), (2, dt.date(2026, 12, 19), D("4.5"))]
    assert line.confirmed_qty == D("12.5") and line.fully_confirmed


def test_lines_come_in_item_order_whatever_order_sap_answers_in():
    q = quote({"ORDER_ITEMS_OUT": [item("000030"), item("000010"), item("000020")]})
    assert [line.item for line in q.lines] == ["10", "20", "30"]


# --------------------------------------------------------------------------- messages


def test_messages_go_to_their_line_or_to_the_header_once_each():
    q = quote({
        "ORDER_ITEMS_OUT": [item("000010", NET_VALUE1=D("5")), item("000020", NET_VALUE1=D("6"))],
        "MESSAGETABLE": [
            ret2("W", "V1", "555", "Price is a manual price", row=2),
            ret2("I", "V4", "233", "Item 10 copied", ITM_NUMBER="000010"),
            ret2("S", "V1", "000", "Document simulated"),
        ],
        # RETURN repeats a MESSAGETABLE message without its item: shown once, on the line
        "RETURN": {"TYPE": "W", "CODE": "V1555", "MESSAGE": "Price is a manual price", "LOG_NO": "",
                   "LOG_MSG_NO": "000000", "MESSAGE_V1": "", "MESSAGE_V2": "", "MESSAGE_V3": "", "MESSAGE_V4": ""},
    }, "M000010", "M000020")
    first, second = q.lines
    assert [m.code for m in first.messages] == ["V4 233"]
    assert [(m.code, m.item) for m in second.messages] == [("V1 555", "20")]
    assert [m.code for m in q.messages] == ["V1 000"]
    assert not q.has_errors


def test_the_same_text_with_another_type_or_number_is_not_a_repeat():
    q = quote({
        "ORDER_ITEMS_OUT": [item("000010", NET_VALUE1=D("5"))],
        "MESSAGETABLE": [ret2("W", "V1", "100", "Check the price"), ret2("E", "V1", "100", "Check the price"),
                         ret2("W", "V1", "101", "Check the price"), ret2("W", "V2", "100", "Check the price"),
                         ret2("W", "V1", "100", "Check the prices")],
    }, "M000010")
    assert [(m.type, m.code, m.text) for m in q.messages] == [
        ("W", "V1 100", "Check the price"), ("E", "V1 100", "Check the price"), ("W", "V1 101", "Check the price"),
        ("W", "V2 100", "Check the price"), ("W", "V1 100", "Check the prices")]
    assert q.has_errors


def test_a_line_sap_did_not_return_is_listed_from_the_draft_as_rejected_with_its_messages():
    d_lines = ("M000010", "216", "M000030")
    q = quote({
        "ORDER_ITEMS_OUT": [item("000030", NET_VALUE1=D("7"), CURRENCY="CAD"), item("000010", NET_VALUE1=D("3"))],
        "MESSAGETABLE": [ret2("E", "V1", "392", "Material 216 not defined", row=2),
                         ret2("E", "V1", "393", "Item 50 unknown", ITM_NUMBER="000050")],
    }, *d_lines)
    assert [line.item for line in q.lines] == ["10", "20", "30", "50"]
    missing = q.lines[1]
    assert (missing.material, missing.quantity, missing.net_value, missing.tax) == ("216", D("10"), 0, 0)
    assert missing.rejected and missing.description == "" and missing.currency == "CAD"
    assert [m.code for m in missing.messages] == ["V1 392"]
    # an item the draft does not have is still listed, with nothing from the draft
    unknown = q.lines[3]
    assert (unknown.material, unknown.quantity, unknown.unit, unknown.plant) == ("", 0, "", "")
    assert unknown.rejected and [m.code for m in unknown.messages] == ["V1 393"]
    assert q.net_total == D("10") and q.currency == "CAD"
    assert q.has_errors


# --------------------------------------------------------------------------- currency, credit, incompletion


def test_the_currency_comes_from_the_sold_to_then_the_payer_when_no_line_has_one():
    q = quote({"ORDER_ITEMS_OUT": [item("000010", CURRENCY="")], "SOLD_TO_PARTY": {"CURRENCY": "CHF"},
               "BILLING_PARTY": {"CURRENCY": "EUR"}}, "M000010")
    assert q.currency == "CHF"
    q = quote({"ORDER_ITEMS_OUT": [], "BILLING_PARTY": {"CURRENCY": "EUR"}}, "M000010")
    assert q.currency == "EUR" and q.lines == ()


def test_no_payer_and_no_credit_message_is_no_credit_check():
    q = quote({"ORDER_ITEMS_OUT": [item("000010")], "BILLING_PARTY": {"PAYER": "", "CRED_ACCNT": ""}}, "M000010")
    assert q.credit is None


def test_the_credit_account_or_the_payer_is_the_account():
    q = quote({"ORDER_ITEMS_OUT": [item("000010")], "BILLING_PARTY": {"PAYER": "0000010023"}}, "M000010")
    assert q.credit.account == "10023" and not q.credit.blocked
    q = quote({"ORDER_ITEMS_OUT": [item("000010")],
               "BILLING_PARTY": {"PAYER": "", "CRED_ACCNT": "0000010099"}}, "M000010")
    assert q.credit.account == "10099"
    q = quote({"ORDER_ITEMS_OUT": [item("000010")],
               "BILLING_PARTY": {"PAYER": "0000010023", "CRED_ACCNT": "0000010099"}}, "M000010")
    assert q.credit.account == "10099"


def test_credit_data_and_a_credit_message_block():
    credit_no = sorted(A.CREDIT_MESSAGE_NUMBERS)[0]
    q = quote({
        "ORDER_ITEMS_OUT": [item("000010", NET_VALUE1=D("100"))],
        "MESSAGETABLE": [ret2("W", A.CREDIT_MESSAGE_CLASS, credit_no, "Credit limit exceeded"),
                         ret2("W", A.CREDIT_MESSAGE_CLASS, "999", "Something else")],
        "BILLING_PARTY": {"PAYER": "0000010023", "CRED_ACCNT": "0000010023", "C_CTR_AREA": "1000",
                          "CRED_LIMIT": D("5000.00"), "RCVBL_VALS": D("3000.00"), "ORDER_VALS": D("1500.00"),
                          "CRED_LIAB": D("250.00"), "CURRENCY": "USD"},
    }, "M000010")
    c = q.credit
    assert (c.account, c.credit_control_area, c.currency) == ("10023", "1000", "USD")
    assert (c.limit, c.receivables, c.open_orders, c.liabilities) == (D("5000"), D("3000"), D("1500"), D("250"))
    assert c.exposure == D("4750") and c.headroom == D("250")
    assert c.blocked and [m.number for m in c.messages] == [credit_no]


def test_a_credit_message_alone_makes_a_blocked_credit_check():
    credit_no = sorted(A.CREDIT_MESSAGE_NUMBERS)[-1]
    q = quote({"ORDER_ITEMS_OUT": [item("000010")],
               "MESSAGETABLE": [ret2("E", A.CREDIT_MESSAGE_CLASS, credit_no, "Credit block")]}, "M000010")
    assert q.credit is not None and q.credit.blocked and q.credit.account == ""


def test_incompletion_log_texts_or_field_names():
    q = quote({"ORDER_ITEMS_OUT": [item("000010")],
               "ORDER_INCOMPLETE": [{"FIELD_TEXT": "Purchase order date", "FIELD_NAME": "PURCH_DATE"},
                                    {"FIELD_TEXT": "", "FIELD_NAME": "SHIP_COND"},
                                    {"FIELD_TEXT": "", "FIELD_NAME": ""}]}, "M000010")
    assert q.incomplete == ("Purchase order date", "SHIP_COND")


def test_schedule_lines_carry_their_item_quantities_dates_and_unit():
    q = quote({
        "ORDER_ITEMS_OUT": [item("000010", NET_VALUE1=D("1"))],
        "ORDER_SCHEDULE_EX": [
            {"ITM_NUMBER": "000010", "SCHED_LINE": "0001", "REQ_DATE": "20261204", "REQ_QTY": D("12.500"),
             "CONFIR_QTY": D("8.000"), "SALES_UNIT": "KAR", "GI_DATE": "20261202"},
            {"ITM_NUMBER": "000010", "SCHED_LINE": "0002", "REQ_DATE": "20261219", "REQ_QTY": D("0"),
             "CONFIR_QTY": D("0"), "SALES_UNIT": "ST", "GI_DATE": "00000000"},
            {"ITM_NUMBER": "000010", "SCHED_LINE": "0003", "REQ_DATE": "20261230", "REQ_QTY": D("0"),
             "CONFIR_QTY": D("0.5"), "SALES_UNIT": "KAR"},
        ],
    }, "M000010")
    first, second, half = q.lines[0].schedule
    assert half.delivery_date == dt.date(2026, 12, 30)  # any confirmed quantity has a date
    assert (first.item, first.line, first.requested_date, first.requested_qty, first.confirmed_qty) == (
        "10", 1, dt.date(2026, 12, 4), D("12.5"), D("8"))
    assert (first.delivery_date, first.goods_issue_date, first.unit) == (dt.date(2026, 12, 4), dt.date(2026, 12, 2), "CAR")
    # nothing confirmed: no delivery date
    assert (second.item, second.requested_qty, second.delivery_date, second.goods_issue_date, second.unit) == (
        "10", 0, None, None, "PC")
