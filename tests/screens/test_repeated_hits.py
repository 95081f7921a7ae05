"""A search or a list whose answer holds the same document twice shows it once (found by
tests/security/test_fuzz_screens.py::test_screens_over_changed_sap_answers).

SAP can answer a row twice (a read over items, a table row repeated); the results table keys its
rows by number, and the second ``add_row`` raised Textual's DuplicateKey: the app stopped.
"""

from __future__ import annotations

from textual.widgets import DataTable, Input

from ordertui.model import CustomerHit, SearchResult
from ordertui.sap.connect import open_sandbox
from ordertui.sap.rfc import RfcGateway
from tests.conftest import TODAY, settle

from .host import errors_shown, make, start


class VbakTwice:
    """A sandbox connection that answers every VBAK row twice."""

    def __init__(self) -> None:
        self._inner = open_sandbox(seed=1, today=TODAY)

    def call(self, name, **params):
        answer = self._inner.call(name, **params)
        if name == "RFC_READ_TABLE" and params.get("QUERY_TABLE") == "VBAK":
            answer = {**answer, "DATA": list(answer.get("DATA") or []) * 2}
        return answer

    def __getattr__(self, name):
        return getattr(self._inner, name)


def test_a_search_result_holds_each_number_once():
    a = CustomerHit("10023", "Miami Valley", "Springfield", "45502", "US", "", False)
    b = CustomerHit("10050", "Great Lakes", "Toledo", "43604", "US", "", False)
    result = SearchResult(hits=(a, b, a), limit=200, truncated=False)
    assert result.hits == (a, b) and len(result) == 2


async def test_an_order_answered_twice_is_listed_once(app_factory):
    gw = RfcGateway(VbakTwice, user="ORDERDESK", client="100", today=lambda: TODAY, sandbox=True)
    app = make(app_factory, gateway=gw, area="orders")
    async with app.run_test() as pilot:
        await start(app, pilot)
        field = app.screen.query_one("#order-search", Input)
        field.value = "4500-7700"
        field.focus()
        await settle(pilot)
        table = app.screen.query_one("#order-results", DataTable)
        assert [str(k.value) for k in table.rows] == ["5007"]
        assert errors_shown(app) == []


class OpenItemsTwice(VbakTwice):
    """A sandbox connection whose open-item answer holds every line twice."""

    def call(self, name, **params):
        answer = self._inner.call(name, **params)
        if name == "BAPI_AR_ACC_GETOPENITEMS":
            answer = {**answer, "LINEITEMS": list(answer.get("LINEITEMS") or []) * 2}
        return answer


async def test_open_items_answered_twice_do_not_stop_the_app(app_factory):
    gw = RfcGateway(OpenItemsTwice, user="ORDERDESK", client="100", today=lambda: TODAY, sandbox=True)
    app = make(app_factory, gateway=gw, area="items",
               customer=CustomerHit("10090", "Sunbelt Industrial Distributors", "Atlanta", "30303", "US", "", False))
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await settle(pilot)
        table = app.screen.query_one(".items-table", DataTable)
        keys = [str(k.value) for k in table.rows]
        assert keys and len(keys) == len(set(keys))
        assert errors_shown(app) == [] and app.return_code is None
