"""The deep profile test (ordertui.sap.probe) over the sandbox, as it is and as variants that differ
from what ordertui expects: a field shorter, renamed or gone, a function module missing, a
parameter of another type, authorizations missing for a function module or a table."""

from __future__ import annotations

import pytest

from ordertui.sap import connect, probe
from ordertui.sap.rfc import usage
from ordertui.sap.sandbox import connect as sandbox_connect
from tests.conftest import TODAY


def by_name(report):
    return {c.name: c for c in report.checks}


def texts(check):
    return [f.text for f in check.findings]


@pytest.fixture(scope="module")
def plain():
    return connect.deep_test_sandbox(today=TODAY)


def test_the_sandbox_is_what_ordertui_expects(plain):
    assert plain.ok, "\n".join(plain.lines())
    assert [c.name for c in plain.checks] == [*usage.FUNCTIONS, *usage.TABLES]
    checks = by_name(plain)
    assert checks["BAPI_TRANSACTION_COMMIT"].access == probe.NOT_CHECKED  # never called: it would commit
    assert all(c.access == probe.AUTHORIZED for name, c in checks.items() if name != "BAPI_TRANSACTION_COMMIT")
    assert (plain.system, plain.release, plain.user) == ("SBX", "758", "ORDERDESK")
    assert plain.lines()[-1] == f"OK: all {len(plain.checks)} function modules and tables as ordertui expects them, all authorized"


CHANGES = {
    "KNA1-MCOD1": {"length": 20},  # the name search field shorter than ordertui assumes
    "KNA1-TELF1": {"length": 30},  # longer: only a note
    "LIKP-TRAID": None,  # the tracking number field gone
    "BAPI_CUSTOMER_FIND.RESULT_TAB-CUSTOMER": {"name": "KUNNR"},  # a field renamed
    "BAPI_MATERIAL_AVAILABILITY": None,  # a function module missing
    "BAPI_SALESORDER_GETLIST.CUSTOMER_NUMBER": {"abap": "NUMC"},  # another type
    "BAPISDORDER_GETDETAILEDLIST.ORDER_HEADERS_OUT-NET_VAL_HD": {"length": 15, "decimals": 2},
}


@pytest.fixture(scope="module")
def variant():
    return connect.deep_test_sandbox(today=TODAY, interface_changes=CHANGES,
                                     unauthorized={"BAPI_SALESORDER_SIMULATE", "KNVK"})


def test_a_changed_interface_is_reported(variant):
    checks = by_name(variant)
    assert not variant.ok
    assert texts(checks["KNA1"]) == ["TELF1 is CHAR 30, longer than the 16 ordertui assumes",
                                     "MCOD1 is CHAR 20, shorter than the 25 ordertui assumes"]
    assert [f.problem for f in checks["KNA1"].findings] == [False, True]
    assert texts(checks["LIKP"]) == ["TRAID missing"]
    assert texts(checks["BAPI_CUSTOMER_FIND"]) == ["RESULT_TAB-CUSTOMER missing"]
    assert texts(checks["BAPI_MATERIAL_AVAILABILITY"]) == ["not in this system"]
    assert "CUSTOMER_NUMBER is NUMC 10, ordertui expects CHAR 10" in texts(checks["BAPI_SALESORDER_GETLIST"])
    assert "ORDER_HEADERS_OUT-NET_VAL_HD is DEC 15.2, ordertui expects DEC 28.9" in texts(
        checks["BAPISDORDER_GETDETAILEDLIST"])


def test_missing_authorizations_are_reported_with_what_sap_said(variant):
    checks = by_name(variant)
    simulate, knvk = checks["BAPI_SALESORDER_SIMULATE"], checks["KNVK"]
    assert simulate.access == probe.NOT_AUTHORIZED and "no RFC authorization" in simulate.access_text
    assert not simulate.problems  # its interface is fine
    assert knvk.access == probe.NOT_AUTHORIZED and "S_TABU_DIS or S_TABU_NAM for KNVK" in knvk.access_text
    # everything else still checked and fine
    assert checks["KNA1"].access == checks["BAPI_CUSTOMER_GETDETAIL2"].access == probe.AUTHORIZED
    assert {c.name for c in variant.failed} == {
        "KNA1", "LIKP", "KNVK", "BAPI_CUSTOMER_FIND", "BAPI_MATERIAL_AVAILABILITY", "BAPI_SALESORDER_SIMULATE",
        "BAPI_SALESORDER_GETLIST", "BAPISDORDER_GETDETAILEDLIST"}


def test_the_report_is_a_table_that_names_the_problems(variant):
    lines = variant.lines(width=120)
    assert lines[0].startswith("system SBX release 758 client 100 user ORDERDESK")
    assert lines[2].split() == ["FUNCTION", "MODULE", "/", "TABLE", "INTERFACE", "AUTHORIZATION"]
    row = next(line for line in lines if line.startswith("KNVK "))
    assert "ok" in row and "NOT AUTHORIZED" in row
    assert lines[-1].startswith(f"8 of {len(variant.checks)} with problems: ")


def test_a_parameter_the_system_refuses_fails_the_call(tmp_path):
    report = connect.deep_test_sandbox(today=TODAY, interface_changes={"BAPI_CUSTOMER_FIND.PL_HOLD": None})
    find = by_name(report)["BAPI_CUSTOMER_FIND"]
    assert texts(find) == ["parameter PL_HOLD missing"]
    assert find.access == probe.FAILED and "PL_HOLD" in find.access_text


def test_without_any_rfc_authorization_nothing_but_the_logon_works():
    def factory():
        return sandbox_connect(seed=1, today=TODAY, faults={"no-authorization"})

    report = probe.run(factory, user="ORDERDESK", today=TODAY)
    checks = by_name(report)
    assert checks["RFC_PING"].access == probe.AUTHORIZED
    assert checks["BAPI_CUSTOMER_FIND"].access == probe.NOT_AUTHORIZED
    assert texts(checks["KNA1"]) == ["not checked: RFC_READ_TABLE is not usable (see above)"]
    assert not report.ok


class Spy:
    """A sandbox connection that notes every call and can answer one BAPI with a RETURN message."""

    def __init__(self, calls, answer_with=None, **knobs):
        self.conn = sandbox_connect(seed=1, today=TODAY, **knobs)
        self.calls, self.answer_with = calls, answer_with or {}

    def __getattr__(self, name):
        return getattr(self.conn, name)

    def call(self, func_name, options=None, **params):
        self.calls.append((func_name, params))
        if func_name in self.answer_with:
            return self.answer_with[func_name]
        return self.conn.call(func_name, options=options, **params)


def test_create_is_a_test_run_for_a_customer_that_cannot_exist_and_nothing_is_committed():
    calls = []
    report = probe.run(lambda: Spy(calls), user="ORDERDESK", today=TODAY)
    assert report.ok
    names = [name for name, _ in calls]
    assert "BAPI_TRANSACTION_COMMIT" not in names
    create = [p for name, p in calls if name == "BAPI_SALESORDER_CREATEFROMDAT2"]
    assert len(create) == 1 and create[0]["TESTRUN"] == "X"
    assert create[0]["ORDER_PARTNERS"] == [{"PARTN_ROLE": "AG", "PARTN_NUMB": probe.NO_SUCH}]
    assert names.index("BAPI_TRANSACTION_ROLLBACK") == names.index("BAPI_SALESORDER_CREATEFROMDAT2") + 1
    # reads only ever ask for keys that cannot match
    assert all(probe.NO_SUCH in str(p) for name, p in calls
               if name.startswith("BAPI_CUSTOMER_GET") or name == "BAPI_MATERIAL_GET_DETAIL")
    # the sales area of the user's parameters is what the order calls use
    simulate = next(p for name, p in calls if name == "BAPI_SALESORDER_SIMULATE")
    assert simulate["ORDER_HEADER_IN"]["SALES_ORG"] == "1000"


def test_a_read_only_profile_never_calls_the_create_functions():
    calls = []
    report = probe.run(lambda: Spy(calls), user="ORDERDESK", today=TODAY, read_only=True)
    assert report.ok
    assert not {name for name, _ in calls} & usage.WRITE_FUNCTIONS
    create = by_name(report)["BAPI_SALESORDER_CREATEFROMDAT2"]
    assert create.access == probe.NOT_CHECKED and "read-only" in create.access_text


def test_an_authorization_message_in_return_is_a_missing_authorization():
    denied = {"RETURN": {"TYPE": "E", "ID": "F2", "NUMBER": "543", "MESSAGE": "No authorization to display customers",
                         "LOG_NO": "", "LOG_MSG_NO": "000000", "MESSAGE_V1": "", "MESSAGE_V2": "", "MESSAGE_V3": "",
                         "MESSAGE_V4": ""}}
    not_found = {"RETURN": {**denied["RETURN"], "NUMBER": "502", "MESSAGE": "Customer #ORDERTUI# does not exist"}}
    report = probe.run(lambda: Spy([], {"BAPI_CUSTOMER_GETDETAIL2": denied, "BAPI_CUSTOMER_GETSALESAREAS": not_found}),
                       user="ORDERDESK", today=TODAY)
    checks = by_name(report)
    assert checks["BAPI_CUSTOMER_GETDETAIL2"].access == probe.NOT_AUTHORIZED
    assert checks["BAPI_CUSTOMER_GETDETAIL2"].access_text == "E F2 543 No authorization to display customers"
    assert checks["BAPI_CUSTOMER_GETSALESAREAS"].access == probe.AUTHORIZED  # "does not exist" is the expected answer


def test_a_description_given_as_plain_dicts_is_read_too():
    """A library may answer get_function_description with dicts (SAP PyRFC's test dumps are)."""
    fd = sandbox_connect(seed=1, today=TODAY).get_function_description("BAPI_CUSTOMER_FIND")
    as_dicts = {"name": fd.name, "parameters": [
        {**p, "type_description": None if p["type_description"] is None else
         {"name": p["type_description"].name, "fields": p["type_description"].fields}} for p in fd.parameters]}
    assert probe.check_interface("BAPI_CUSTOMER_FIND", as_dicts) == probe.check_interface("BAPI_CUSTOMER_FIND", fd) == []
