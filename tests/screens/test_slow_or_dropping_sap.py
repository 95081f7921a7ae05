"""SAP on a bad line, seen from the screens (issue 11, SECURITY.md's fault matrix): a lookup whose
connection drops is sent again and answers without an error shown; a call slower than the per-call
timeout is given up with the clear message, while keys typed meanwhile are handled and kept.

Over the whole stack (screen -> RfcGateway -> sandbox connection) with the sandbox's process-wide
knobs, turned on after the session is open and reset after every test.
"""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input

from ordertui.model import CustomerHit
from ordertui.screens.customer_detail import CustomerDetailScreen
from ordertui.screens.products import ProductQuoteScreen
from ordertui.sap.rfc.transport import RETRIED
from ordertui.widgets.customer_panels import DataPart
from tests.conftest import TODAY, settle

from .flows import open_quote, search
from .host import errors_shown, make, start

MARIA = CustomerHit("10023", "Miami Valley Fastener Supply Inc.", "Springfield", "45502", "US", "", False)

#: SAP's answer time in the timeout test (the fault matrix's "slow SAP") and the per-call timeout
#: that gives up before it (real profiles: 60 s). The timeout leaves a margin for the keys typed
#: meanwhile to be handled on a loaded machine; the test waits for it once.
LATENCY = 5.0
CALL_TIMEOUT = 2.0


@pytest.fixture(autouse=True)
def sandbox_knobs():
    from ordertui.sap.sandbox import connection as sandbox

    before = sandbox.defaults()
    yield sandbox.configure
    sandbox.configure(latency=before["latency"], faults=before["faults"])


def part_text(screen, part: str) -> str:
    widget = screen.query_one(f"#part-{part}", DataPart)
    if widget.state == "error":
        return str(widget.query_one(".part-error").render())
    out = []
    for child in widget.query(".part-body"):
        if isinstance(child, DataTable):
            out += [" | ".join(str(c) for c in child.get_row_at(i)) for i in range(child.row_count)]
        else:
            out.append(str(child.render()))
    return "\n".join(out)


async def test_a_customer_lookup_survives_one_dropped_connection_without_an_error_shown(app_factory, sandbox_knobs):
    app = make(app_factory, area="customers")
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await settle(pilot)
        before = len(app.call_log)
        sandbox_knobs(faults={"drop-next-call"})  # the search's call meets it
        await search(app, pilot, "10023")  # one hit: Enter opens it
        await settle(pilot)
        assert isinstance(app.screen, CustomerDetailScreen) and app.screen.hit.number == "10023"
        assert errors_shown(app) == []
        assert "Miami Valley" in part_text(app.screen, "general")
        assert not any(part.state == "error" for part in app.screen.query(DataPart))
        events = list(app.call_log)[before:]
        retried = [e for e in events if e.outcome == RETRIED]
        # the call log shows the dropped try, said as retried, and the try after it answered (the
        # search reads tables side by side: another read of the same function may end first)
        assert len(retried) == 1
        outcomes = [e.outcome for e in events if e.function == retried[0].function]
        assert "ok" in outcomes[outcomes.index(RETRIED) + 1:]
        assert all(e.outcome in ("ok", RETRIED) for e in events)
        assert app.online is True  # a drop that was retried never made the desk look offline


async def test_a_customer_lookup_that_meets_two_drops_says_sap_unreachable(app_factory, sandbox_knobs):
    app = make(app_factory, area="customers")
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await settle(pilot)

        def drop_again(event):  # the retry meets a second drop
            if event.outcome == RETRIED:
                sandbox_knobs(faults={"drop-next-call"})

        app.session.gateway.add_listener(drop_again)
        sandbox_knobs(faults={"drop-next-call"})
        await search(app, pilot, "10023")
        await settle(pilot)
        message = str(app.screen.query_one("#customer-search-msg").render())
        assert "SAP unreachable" in message and "Connection reset by peer" in message
        outcomes = [e.outcome for e in app.call_log]
        # the read that met the drops was sent twice, not three times (the search's other reads ran beside it)
        assert outcomes.count(RETRIED) == 1 and outcomes.count("SapUnreachable") == 1
        assert set(outcomes) == {"ok", RETRIED, "SapUnreachable"}
        assert errors_shown(app) == []  # said at the field


async def test_a_call_past_its_timeout_is_given_up_clearly_while_keys_typed_are_handled_and_kept(app_factory, sandbox_knobs):
    """SAP answers in 5 s, the per-call timeout is 2 s: the sandbox gateway passes it as pyrfc's
    ``options={"timeout": s}``, the same code path as a real profile. The quote is re-asked for 40
    pieces; while SAP keeps it waiting, the next date is typed; the timeout is said where the price
    goes, and the quantity and the date typed are still there for the next quote."""
    from ordertui.sap.connect import sandbox_gateway

    gateway = sandbox_gateway(today=TODAY, call_timeout=CALL_TIMEOUT)
    app = make(app_factory, gateway=gateway, area="products", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await settle(pilot)
        quote = await open_quote(app, pilot, "HB-38-100")
        assert isinstance(quote, ProductQuoteScreen) and "USD" in part_text(quote, "price")
        before = len(app.call_log)

        sandbox_knobs(latency=LATENCY)
        qty = quote.query_one("#quote-qty", Input)
        qty.focus()
        qty.value = ""
        await pilot.press(*"40", "enter")  # asks SAP: simulate and availability
        await pilot.press("tab", *"+3")  # typed while SAP has not answered
        date = quote.query_one("#quote-date", Input)
        # the keys were handled at once: the date is in its field while the quote is still asked
        assert app.focused is date and date.value == "+3"
        assert any(w.group == "product-simulate" and not w.is_finished for w in app.workers)
        assert not [e for e in list(app.call_log)[before:] if e.function == "BAPI_SALESORDER_SIMULATE"]

        await settle(pilot, timers=False)
        said = part_text(quote, "price")
        assert "SAP did not answer in time; the call may still complete in SAP" in said
        assert "SAP did not answer in time" in part_text(quote, "atp")
        timed_out = [e for e in list(app.call_log)[before:] if e.function == "BAPI_SALESORDER_SIMULATE"]
        assert [e.outcome for e in timed_out] == ["SapTimeout"]  # given up, and not sent again
        assert errors_shown(app) == []  # said in its place, no dialog
        # nothing typed is lost
        assert qty.value == "40" and date.value == "+3" and app.focused is date

        sandbox_knobs(latency=0.0)  # SAP answers again: Enter quotes what was typed
        await pilot.press("enter")
        await settle(pilot)
        assert "did not answer" not in part_text(quote, "price") and "USD" in part_text(quote, "price")
        assert quote._quantity == 40 and str(quote._date) == "2026-11-30"
