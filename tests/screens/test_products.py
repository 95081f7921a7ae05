"""Pilot tests of the product screens with a scripted gateway."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from textual.widgets import DataTable, Input, Static

from ordertui.sap.errors import SapUnreachable
from ordertui.screens.products import ProductQuoteScreen, ProductsScreen
from ordertui.screens.quote_inputs import parse_plants
from ordertui.widgets.customer_panels import DataPart

from tests.conftest import TODAY, settle
from tests.fakes.gateway import AREA, HITS, FakeGateway

from .host import errors_shown, make, start


async def open_quote(app, pilot, query="hex"):
    await start(app, pilot)
    assert isinstance(app.screen, ProductsScreen)
    app.screen.query_one("#product-search", Input).value = query
    await pilot.press("enter")  # one hit opens at once; several go to the list
    await settle(app, pilot)
    if not isinstance(app.screen, ProductQuoteScreen):
        await pilot.press("down", "enter")
        await settle(app, pilot)
    assert isinstance(app.screen, ProductQuoteScreen)


def text_of(widget) -> str:
    return str(widget.render())


def part_text(screen, part: str) -> str:
    p = screen.query_one(f"#part-{part}", DataPart)
    if p.state == "error":
        return text_of(p.query_one(".part-error"))
    out = []
    for w in p.body:
        if isinstance(w, DataTable):
            for row in range(w.row_count):
                out.append(" | ".join(str(c) for c in w.get_row_at(row)))
        else:
            out.append(text_of(w))
    return "\n".join(out)


def test_parse_plants():
    assert parse_plants("1000, 1100 1000") == ("1000", "1100")
    with pytest.raises(ValueError):
        parse_plants("10000")
    with pytest.raises(ValueError):
        parse_plants("1000 ; DROP'")


async def test_without_customer_prices_need_one_but_availability_shows(app_factory):
    gw = FakeGateway()
    app = make(app_factory, gw, "products")
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        assert "Prices need a customer" in text_of(app.screen.query_one("#product-customer", Static))
        await open_quote(app, pilot)
        assert gw.called("simulate") == []
        assert "Prices need a customer" in part_text(app.screen, "price")
        assert app.screen.query_one("#part-atp", DataPart).state == "ready"
        # "c" offers the customer search
        app.set_focus(None)
        await pilot.press("c")
        await pilot.pause()
        assert app.current_mode == "customers"


async def test_quote_for_current_customer_with_breakdown_and_partial_confirmation(app_factory):
    gw = FakeGateway()
    app = make(app_factory, gw, "products", HITS[0])
    async with app.run_test(size=(120, 36)) as pilot:
        await open_quote(app, pilot)
        scr = app.screen
        # defaults: 1 in the sales unit, today
        assert scr.query_one("#quote-qty", Input).value == "1"
        assert scr.query_one("#quote-date", Input).value == TODAY.isoformat()
        assert scr.query_one("#quote-plants", Input).value == "1000 1100"  # the sales org's plants
        price = part_text(scr, "price")
        for word in ("List price PR00", "Customer discount K007", "Freight KF00", "Output tax MWST", "Net per PC", "Total", "USD 0.40", "in full"):
            assert word in price, word
        # 40 by Friday, and a second plant: one simulate plus one availability call per plant
        scr.query_one("#quote-qty", Input).value = "40"
        scr.query_one("#quote-date", Input).value = "fri"
        scr.query_one("#quote-plants", Input).value = "1000 1100"
        before = len(gw.called("simulate"))
        scr.query_one("#quote-qty", Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert len(gw.called("simulate")) == before + 1
        draft = gw.called("simulate")[-1][0]
        assert draft.lines[0].quantity == Decimal(40)
        assert draft.lines[0].requested_date == TODAY  # "fri": the frozen today is a Friday
        price = part_text(scr, "price")
        assert "USD 16.00" in price and "partial" in price
        atp = part_text(scr, "atp")
        assert "1000 Dayton | 25 PC" in atp and "partial 25/40" in atp
        assert "1100 Reno | 500 PC" in atp and "in full" in atp
        assert errors_shown(app) == []


async def test_plants_default_to_the_sales_orgs_delivering_plant_first(app_factory):
    gw = FakeGateway()
    listed = gw.plants(AREA)
    gw.plants = lambda area: (gw._enter("plants", area), tuple(reversed(listed)))[1]
    app = make(app_factory, gw, "products", HITS[0])
    async with app.run_test(size=(120, 36)) as pilot:
        await open_quote(app, pilot)
        assert app.screen.query_one("#quote-plants", Input).value == "1000 1100"  # 1000 delivers
        assert gw.called("plants")[-1][0] == app.session.sales_area
        atps = [c[1] for c in gw.called("availability")]
        assert sorted(atps) == ["1000", "1100"]
        assert "Deliv. plant 1000 Dayton" in part_text(app.screen, "material")
        assert errors_shown(app) == []


async def test_without_the_plant_list_the_quote_uses_the_delivering_plant(app_factory):
    gw = FakeGateway()
    gw.failures["plants"] = SapUnreachable("connection to SAP lost")
    app = make(app_factory, gw, "products", HITS[0])
    async with app.run_test(size=(120, 36)) as pilot:
        await open_quote(app, pilot)
        assert app.screen.query_one("#quote-plants", Input).value == "1000"
        assert "1000 | 25 PC" in part_text(app.screen, "atp")


async def test_tab_on_the_quote_goes_through_its_fields_to_the_body_not_to_its_tables(app_factory):
    """The quote's tables (price, availability, scales) have nothing to pick: with every row in
    view they are no Tab stops (two Tabs after the plants led to them and nothing happened)."""
    app = make(app_factory, FakeGateway(), "products", HITS[0])
    async with app.run_test(size=(120, 36)) as pilot:
        await open_quote(app, pilot)
        screen = app.screen
        assert len(screen.query(DataTable)) >= 2  # price and availability shown
        assert [w.id for w in screen.focus_chain] == ["quote-qty", "quote-unit", "quote-date", "quote-plants", "quote-body"]


async def test_the_scales_come_beside_the_quote_and_their_failure_stays_in_their_part(app_factory):
    """The quote does not wait for the price scales (two round trips of their own): the material
    is asked for without them and the scales apart; when they fail, only their part says so."""
    gw = FakeGateway()
    gw.failures["price_scales"] = SapUnreachable("connection to SAP lost")
    app = make(app_factory, gw, "products", HITS[0])
    async with app.run_test(size=(120, 36)) as pilot:
        await open_quote(app, pilot)
        assert "SAP" in part_text(app.screen, "scales")
        assert app.screen.query_one("#part-scales", DataPart).state == "error"
        assert "1000 Dayton | 25 PC" in part_text(app.screen, "atp")
        assert app.screen.query_one("#part-material", DataPart).state != "error"
        assert len(gw.called("simulate")) == 1


async def test_scales_that_fail_before_the_material_comes_say_so_once_it_has(app_factory):
    """The scales' failure can come first (its request starts beside the material's): their part
    shows it when the material is there, instead of spinning for ever."""
    gw = FakeGateway()
    gw.failures["price_scales"] = SapUnreachable("connection to SAP lost")
    gate = gw.gates["material"] = threading.Event()
    app = make(app_factory, gw, "products", HITS[0])
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        app.screen.query_one("#product-search", Input).value = "hex"
        await pilot.press("enter")
        for _ in range(300):
            if not isinstance(app.screen, ProductQuoteScreen) and app.screen.query_one(DataTable).row_count > 1:
                await pilot.press("down", "enter")
            if gw.called("price_scales"):
                break
            await pilot.pause(0.01)
        assert gw.called("price_scales") and not gate.is_set()
        await pilot.pause(0.2)  # the failure is delivered while the material still waits
        gate.set()
        await settle(app, pilot)
        assert isinstance(app.screen, ProductQuoteScreen)
        assert app.screen.query_one("#part-scales", DataPart).state == "error"
        assert "SAP" in part_text(app.screen, "scales")


async def test_the_scales_are_shown_when_they_come_after_the_material(app_factory):
    gw = FakeGateway()
    gate = threading.Event()
    gw.gates["price_scales"] = gate
    app = make(app_factory, gw, "products", HITS[0])
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        app.screen.query_one("#product-search", Input).value = "hex"
        await pilot.press("enter")
        for _ in range(200):  # the quote is asked while the scales are still held back
            await pilot.pause(0.02)
            if isinstance(app.screen, ProductQuoteScreen) and gw.called("simulate"):
                break
        assert gw.called("simulate"), "the quote waited for the scales"
        assert app.screen.query_one("#part-scales", DataPart).state == "loading"
        gate.set()
        await settle(app, pilot)
        assert "100 PC | USD 0.38 / PC" in part_text(app.screen, "scales")
        # stamped with when SAP answered, as every other part
        assert app.screen.query_one("#part-scales", DataPart).border_subtitle.startswith("fetched ")


@pytest.mark.parametrize(
    "field, value, expected",
    [
        ("#quote-qty", "0", "more than 0"),
        ("#quote-qty", "-5", "negative"),
        ("#quote-qty", "abc", "not a number"),
        ("#quote-qty", "1.2345", "3 decimals"),
        ("#quote-qty", "123456789012", "field limit"),
        ("#quote-date", "2026-11-01", "in the past"),
        ("#quote-date", "next blue moon", "not a date"),
        ("#quote-plants", "", "at least one plant"),
    ],
)
async def test_bad_quote_input_is_said_at_the_field_without_calling_sap(field, value, expected, app_factory):
    gw = FakeGateway()
    app = make(app_factory, gw, "products", HITS[0])
    async with app.run_test() as pilot:
        await open_quote(app, pilot)
        simulates, atps = len(gw.called("simulate")), len(gw.called("availability"))
        app.screen.query_one(field, Input).value = value
        app.screen.query_one(field, Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert expected in text_of(app.screen.query_one("#quote-msg", Static))
        assert app.focused is app.screen.query_one(field, Input)
        assert len(gw.called("simulate")) == simulates
        assert len(gw.called("availability")) == atps


async def test_material_not_in_sales_org_gets_no_quote(app_factory):
    gw = FakeGateway()
    app = make(app_factory, gw, "products", HITS[0])
    async with app.run_test() as pilot:
        await open_quote(app, pilot, "export")
        assert "Not sold in sales org 1000" in part_text(app.screen, "price")
        assert gw.called("simulate") == []
        assert "NOT IN SALES ORG" in text_of(app.screen.query_one("#quote-header", Static))


async def test_discontinued_material_says_so(app_factory):
    gw = FakeGateway()
    app = make(app_factory, gw, "products", HITS[0])
    async with app.run_test() as pilot:
        await open_quote(app, pilot, "washer")
        assert "DISCONTINUED" in text_of(app.screen.query_one("#quote-header", Static))
        assert "discontinued" in part_text(app.screen, "material")


async def test_stale_quote_is_dropped(app_factory):
    gw = FakeGateway()
    app = make(app_factory, gw, "products", HITS[0])
    async with app.run_test() as pilot:
        await open_quote(app, pilot)
        gate = threading.Event()
        gw.gates["simulate"] = gate
        scr = app.screen
        scr.query_one("#quote-qty", Input).value = "7"
        scr.query_one("#quote-qty", Input).focus()
        await pilot.press("enter")  # slow
        await pilot.pause(0.05)
        gw.gates.pop("simulate")
        scr.query_one("#quote-qty", Input).value = "3"
        await pilot.press("enter")
        await pilot.pause(0.1)
        gate.set()
        await settle(app, pilot)
        assert "Net value, 3 PC" in part_text(scr, "price")


async def test_choosing_a_customer_elsewhere_requotes(app_factory):
    gw = FakeGateway()
    app = make(app_factory, gw, "products")
    async with app.run_test() as pilot:
        await open_quote(app, pilot)
        assert gw.called("simulate") == []
        app.current_customer = HITS[0]
        await settle(app, pilot)
        assert len(gw.called("simulate")) == 1
        assert "Prices for 10023" in text_of(app.screen.query_one("#quote-header", Static))


async def test_a_requote_refills_the_tables_it_shows_and_mounts_none(app_factory):
    """Issue 12: Enter in Qty repaints price and availability in the widgets already shown (a new
    table per answer cost a mount and a restyle each); after "Not quoted" they are made anew."""
    from ordertui.widgets.fit_table import FitTable

    gw = FakeGateway()
    app = make(app_factory, gw, "products", HITS[0])
    async with app.run_test(size=(120, 36)) as pilot:
        await open_quote(app, pilot)
        scr = app.screen

        def shown(part: str) -> list:
            return list(scr.query_one(f"#part-{part}", DataPart).body)

        price_before, atp_before = shown("price"), shown("atp")
        assert isinstance(price_before[0], FitTable) and isinstance(atp_before[0], FitTable)
        qty = scr.query_one("#quote-qty", Input)
        qty.value = "40"
        qty.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert shown("price")[:2] == price_before[:2] and shown("atp") == atp_before
        assert "Net value, 40 PC" in part_text(scr, "price") and "partial 25/40" in part_text(scr, "atp")

        qty.value = "abc"
        await pilot.press("enter")
        await settle(app, pilot)
        assert "Not quoted" in part_text(scr, "price") and "Not quoted" in part_text(scr, "atp")
        qty.value = "3"
        await pilot.press("enter")
        await settle(app, pilot)
        assert "Net value, 3 PC" in part_text(scr, "price") and "1000 Dayton | 25 PC" in part_text(scr, "atp")
        assert shown("price")[0] is not price_before[0]


async def test_a_part_keeps_what_it_shows_again_and_replaces_the_rest(app_factory):
    app = make(app_factory, FakeGateway(), "products", HITS[0])
    async with app.run_test(size=(120, 36)) as pilot:
        await open_quote(app, pilot)
        part = app.screen.query_one("#part-material", DataPart)
        a, b, c = Static("a"), Static("b"), Static("c")
        part.show(a, b)
        await pilot.pause()
        part.show(c, a)  # a stays, c comes before it, b goes
        await pilot.pause()
        children = [w for w in part.children if w.has_class("part-body")]  # in the DOM's order
        assert children == [c, a] == list(part.body) and a.is_mounted and not b.is_attached
        with pytest.raises(ValueError):
            part.show(Static("d"), a, c)  # a shown again in another place


async def test_a_part_being_fetched_again_shows_no_fetched_time_of_the_figures_before(app_factory, monkeypatch):
    gw = FakeGateway()
    app = make(app_factory, gw, "products", HITS[0])
    async with app.run_test(size=(120, 36)) as pilot:
        await open_quote(app, pilot)
        scr = app.screen
        price = scr.query_one("#part-price", DataPart)
        assert price.border_subtitle.startswith("fetched")
        gate = gw.gates["simulate"] = threading.Event()
        qty = scr.query_one("#quote-qty", Input)
        qty.value = "7"
        qty.focus()
        monkeypatch.setattr(DataPart, "SPINNER_AFTER", 60.0)  # (still within it, whatever the load)
        await pilot.press("enter")
        await pilot.pause()
        # within the spinner's delay the figures before stay, with the time they were fetched
        assert price.state == "loading" and not price.spinning and price.border_subtitle.startswith("fetched")
        for part in scr.query(DataPart):  # the delay is over: what each waiting part's timer does
            if part._spinner_timer is not None:
                part._spinner_timer.stop()
                part._spin()
        await pilot.pause()
        # the spinner in their place: no "fetched" time beside it
        assert price.spinning and price.border_subtitle == ""
        gate.set()
        await settle(app, pilot)
        assert price.state == "ready" and price.border_subtitle.startswith("fetched")


async def test_the_quote_at_80x24_is_laid_out_beside_its_scrollbar_the_first_time(app_factory, monkeypatch):
    """Its panels are taller than 80x24: Textual laid them out at the full 80 columns, then
    showed the body's scrollbar and laid the screen out again at 78 (a first frame of the wrong
    width, and a second layout and frame). Every layout of the quote now has them at 78."""
    from textual.screen import Screen

    widths = []
    original = Screen._refresh_layout

    def noting(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if isinstance(self, ProductQuoteScreen):
            body = self.query_one("#quote-body")
            widths.append((body.show_vertical_scrollbar, body.query_one("#quote-grid").region.width))

    monkeypatch.setattr(Screen, "_refresh_layout", noting)
    app = make(app_factory, FakeGateway(), area="products")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quote(app, pilot)
        assert widths and all(w == (True, 78) for w in widths), widths
