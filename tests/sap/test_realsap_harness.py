"""The realsap tests' own machinery, run on the sandbox so that it works on the day a company
runs it against its QA system: the read-only session completes and the shape comparison finds a
type that differs."""

from __future__ import annotations

from tests.realsap.test_real_system import (
    SANDBOX_CUSTOMER,
    SANDBOX_MATERIAL,
    SANDBOX_TODAY,
    Capture,
    field_shapes,
    read_only_session,
)


def test_read_only_session_and_shapes_on_the_sandbox():
    from ordertui.sap import connect
    from ordertui.sap.rfc import RfcGateway

    answers: dict = {}
    gw = RfcGateway(lambda: Capture(connect.open_sandbox(seed=1, today=SANDBOX_TODAY), answers), sandbox=True,
                    today=lambda: SANDBOX_TODAY, read_only=True)
    try:
        read_only_session(gw, SANDBOX_CUSTOMER, SANDBOX_MATERIAL, SANDBOX_TODAY)
    finally:
        gw.close()
    assert "BAPI_SALESORDER_CREATEFROMDAT2" not in answers and "BAPI_TRANSACTION_COMMIT" not in answers
    shapes = field_shapes(answers)
    assert shapes["BAPI_SALESORDER_SIMULATE.ORDER_ITEMS_OUT"] == "table"
    assert shapes["BAPI_SALESORDER_SIMULATE.ORDER_ITEMS_OUT-NET_VALUE1"] == "Decimal"
    assert shapes["RFC_READ_TABLE.DATA-WA"] == "str"
    # a system answering a packed field as text would show up
    size, answer = answers["BAPI_SALESORDER_SIMULATE"]
    changed = {**answer, "ORDER_ITEMS_OUT": [{**answer["ORDER_ITEMS_OUT"][0], "NET_VALUE1": "1.00"}]}
    other = field_shapes({"BAPI_SALESORDER_SIMULATE": (size, changed)})
    assert other["BAPI_SALESORDER_SIMULATE.ORDER_ITEMS_OUT-NET_VALUE1"] == "str"
