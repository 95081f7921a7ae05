"""Order entry over the whole stack (screen -> RfcGateway -> sandbox SAP): keying, pricing, paste,
drafts, the problem list and the save (issue 9; scenarios 1, 3, 4). The save faults are in
test_order_entry_faults.py, the looks in test_order_entry_snapshots.py.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList, Select

from ordertui import format as fmt
from ordertui.model import CustomerHit
from ordertui.screens.order_entry import OrderEntryScreen, start_order
from ordertui.widgets.line_grid import LineGrid
from ordertui.widgets.order_dialogs import DraftList, MaterialLookup, SaveDialog, UnitChooser

from tests.conftest import settle, waited

from .host import errors_shown, make, start

MARIA = CustomerHit("10023", "Miami Valley Fastener Supply Inc.", "Springfield", "45502", "US", "", False)
GREAT_LAKES = CustomerHit("10050", "Great Lakes Machine Works LLC", "Toledo", "43604", "US", "", False)
RIDGELINE = CustomerHit("10060", "Ridgeline Construction Supply Co.", "Denver", "80202", "US", "", False)


def screen_of(app) -> OrderEntryScreen:
    for screen in reversed(app.screen_stack):
        if isinstance(screen, OrderEntryScreen):
            return screen
    raise AssertionError(f"no order screen in {app.screen_stack}")


def calls(app, function: str) -> int:
    return sum(1 for e in app.call_log if e.function == function)


def rows(app) -> list:
    return screen_of(app).query_one("#oe-grid", LineGrid).rows


def text_of(app, selector: str) -> str:
    return str(screen_of(app).query_one(selector).render())


async def opened(app, pilot) -> OrderEntryScreen:
    await start(app, pilot)
    await settle(pilot)
    return screen_of(app)


async def key_line(pilot, material: str, quantity: str) -> None:
    await pilot.press(*material, "tab", *quantity, "enter")


async def new_after_a_line(app, pilot) -> OrderEntryScreen:
    """The order screen with a line keyed, then Ctrl+N: the screen, holding a new, empty draft."""
    screen = await opened(app, pilot)
    screen.set_focus(screen.query_one("#oe-mat"))
    await key_line(pilot, "HB-38-100", "40")
    await pilot.press("ctrl+n")
    await settle(pilot)
    return screen


def orders_with_po(app, customer: str, po: str) -> list:
    session = app.session
    return list(session.gateway.find_orders(sales_area=session.sales_area, customer=customer, customer_po=po).hits)


# --------------------------------------------------------------------------- scenario 1


async def test_scenario_1_known_caller_keys_two_lines_and_saves_once(app_factory):
    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        draft = screen.draft
        assert draft.sold_to == "10023" and draft.customer is not None
        assert draft.customer.name.startswith("Miami Valley")
        # the default ship-to is preselected; the Dayton plant is one of the choices, city shown
        select = screen.query_one("#oe-shipto", Select)
        labels = {value: str(label) for label, value in select._options if value is not Select.BLANK}
        assert labels["60018"].startswith("60018 Dayton") and draft.ship_to in labels
        assert app.focused is screen.query_one("#oe-po")  # a known caller: the PO comes first
        simulates = calls(app, "BAPI_SALESORDER_SIMULATE")

        await pilot.press(*"4500-7781", "enter", *"fri", "enter")
        await key_line(pilot, "HB-38-100", "40")
        await key_line(pilot, "100100", "12")
        await settle(pilot)
        assert draft.customer_po == "4500-7781" and str(draft.requested_date) == "2026-11-27"
        lines = rows(app)
        assert [(r.material, r.quantity, r.unit) for r in lines] == [("HB-38-100", "40", "PC"), ("100100", "12", "CAR")]
        assert lines[0].state == "full" and lines[0].price and lines[0].value
        # the adhesive: 8 cases now, 4 more later — a partial confirmation reads as SAP gave it
        assert lines[1].state == "partial" and lines[1].confirmation.startswith("8 on 11/27, 4 on ")
        assert "Total USD" in text_of(app, "#oe-totals") and "Credit" in text_of(app, "#oe-info")
        # SAP's net value includes the freight: the line says so, and Net + Tax is the Total
        pricing = draft.pricing
        assert pricing.freight > 0 and pricing.net_total + pricing.tax_total == pricing.grand_total
        assert (f"Net {fmt.money(pricing.net_total, 'USD')} incl. freight {fmt.money(pricing.freight)}  "
                f"Tax {fmt.money(pricing.tax_total)}  Total {fmt.money(pricing.grand_total, 'USD')}") in text_of(app, "#oe-totals")
        # nothing waited on SAP while typing; one simulate per settled edit (at most: the PO, the
        # date and two lines, debounced — edits in one burst share a call)
        assert 1 <= calls(app, "BAPI_SALESORDER_SIMULATE") - simulates <= 4

        await pilot.press("f9")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SaveDialog)
        assert dialog._save_label == "Save order"
        assert any("only 8 of 12 CAR" in text for _, text, _ in dialog._problems)
        await pilot.press("enter")
        await settle(pilot)
        assert draft.save.saved and not errors_shown(app)
        number = draft.save.order.number
        assert number in text_of(app, "#oe-saved-readback") and "2 lines" in text_of(app, "#oe-saved-readback")
        assert [o.number for o in orders_with_po(app, "10023", "4500-7781") if o.created] [:1] == [number]
        assert len([o for o in orders_with_po(app, "10023", "4500-7781") if o.number == number]) == 1
        assert calls(app, "BAPI_SALESORDER_CREATEFROMDAT2") == 1 and calls(app, "BAPI_TRANSACTION_COMMIT") == 1

        # copyable read-back (OSC 52), and one key starts the next order for the same customer
        await pilot.press("c")
        assert app.clipboard.startswith(f"Order {number} · 2 lines · USD ")
        await pilot.press("n")
        await settle(pilot)
        assert screen.draft is not draft and screen.draft.sold_to == "10023" and not screen.draft.lines
        assert draft not in app.desk.drafts  # a saved draft is done


async def test_keys_typed_during_a_slow_simulate_land_in_order(app_factory):
    import time

    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        gateway = app.session.gateway
        real = gateway.simulate

        def slow(draft):  # SAP takes a second to answer, in the worker thread
            time.sleep(1.0)
            return real(draft)

        gateway.simulate = slow
        await pilot.press("tab", "tab", "tab")  # PO -> date -> ship -> material
        assert app.focused is screen.query_one("#oe-mat")
        await key_line(pilot, "HB-38-100", "40")
        # the typing pause ends (a timer: late on a busy machine): the simulate is on its way
        assert await waited(pilot, lambda: any(w.group == "order-simulate" and not w.is_finished for w in app.workers))
        for material, qty in (("HB-12-200", "25"), ("100300", "2"), ("HB-58-125", "7")):
            await key_line(pilot, material, qty)
        assert [(l.material, l.quantity_text) for l in screen.draft.lines] == [
            ("HB-38-100", "40"), ("HB-12-200", "25"), ("100300", "2"), ("HB-58-125", "7"),
        ]
        await settle(pilot)
        assert all(r.state in ("full", "partial", "later", "none") for r in rows(app))


async def test_a_burst_of_keys_keeps_its_order_across_fields(app_factory):
    """A burst of keys (typed ahead while the loop was busy) is read before focus moves: each key
    still lands in the field it was typed for."""
    from textual import events

    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        # a typo corrected on the way: Backspace is the field's binding, run in order too
        burst = [*"4500-7781", "enter", *"fri", "enter", *"HB-38-100", "tab", *"40", "enter", *"100100X", "backspace", "tab", *"12", "enter"]
        specials = {"enter": "\r", "tab": "\t", "backspace": "\x7f"}
        for key in burst:  # all queued on the focused widget at once, as a burst arrives
            character = key if len(key) == 1 else specials[key]
            app.post_message(events.Key(key, character))
        await settle(pilot)
        draft = screen.draft
        assert draft.customer_po == "4500-7781"
        assert [(l.material, l.quantity_text) for l in draft.lines] == [("HB-38-100", "40"), ("100100", "12")]


# --------------------------------------------------------------------------- header


@pytest.mark.parametrize(
    "number, said",
    [
        ("10070", "is blocked for orders"),
        ("10120", "marked for deletion"),
        ("99999", "does not exist"),
        ("10110", "not defined in sales area 1000/10/00"),
        ("acme", "is not a customer number"),
    ],
)
async def test_sold_to_typed_says_at_once_what_is_wrong(app_factory, number, said):
    app = make(app_factory, area="order")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        assert app.focused is screen.query_one("#oe-soldto")
        await pilot.press(*number, "enter")
        await settle(pilot)
        assert said in text_of(app, "#oe-customer") + text_of(app, "#oe-msg")
        assert screen.query_one("#oe-soldto").has_class("-invalid")


async def test_a_caller_found_while_the_sold_to_waits_puts_the_cursor_in_the_po(app_factory):
    """Order entry opened before the caller was found: once they are (another screen, the palette),
    the empty draft takes them and the next keys go to the PO, not after the number in the sold-to."""
    app = make(app_factory, area="order")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        assert app.focused is screen.query_one("#oe-soldto")
        app.set_current_customer(MARIA)
        await pilot.press(*"4500-1")
        await settle(pilot)
        assert screen.query_one("#oe-soldto", Input).value == "10023"
        assert screen.query_one("#oe-po", Input).value == "4500-1"


async def test_po_over_35_is_said_at_the_field_and_blocks_the_save(app_factory):
    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        await opened(app, pilot)
        await pilot.press(*("P" * 36), "enter")
        await settle(pilot)
        assert "at most 35 characters (36 typed)" in text_of(app, "#oe-msg").lower()
        await pilot.press("shift+tab")  # back in the PO field: the line editor keys a line
        await pilot.press("tab", "tab", "tab", "tab")
        await key_line(pilot, "HB-38-100", "40")
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SaveDialog) and dialog._save_label is None  # nothing may be saved
        assert any(severity == "error" and "At most 35" in text for severity, text, _ in dialog._problems)
        await pilot.press("enter")  # Enter on the problem goes to the PO field
        await settle(pilot)
        assert app.focused is screen_of(app).query_one("#oe-po")
        assert calls(app, "BAPI_SALESORDER_CREATEFROMDAT2") == 0


async def test_a_po_already_used_by_this_sold_to_is_shown_before_save(app_factory):
    # order 5007 of 10023 carries PO 4500-7700 (sandbox README)
    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        await pilot.press(*"4500-7700", "enter")
        await settle(pilot)
        assert [n for n, _ in screen.draft.po_duplicates] == ["5007"]
        assert "order 5007" in text_of(app, "#oe-info")


async def test_requested_date_is_parsed_like_the_quote_screen(app_factory):
    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("tab", *"12/04", "enter")
        assert str(screen.draft.requested_date) == "2026-12-04"
        assert screen.query_one("#oe-date", Input).value == "2026-12-04"
        screen.set_focus(screen.query_one("#oe-date"))
        await pilot.press(*"+3", "enter")  # the field's text is selected on focus: typing replaces it
        assert str(screen.draft.requested_date) == "2026-11-30"
        screen.set_focus(screen.query_one("#oe-date"))
        await pilot.press("ctrl+u", *"yesterday", "enter")
        assert "not a date" in text_of(app, "#oe-msg")


async def test_a_header_error_goes_once_the_field_is_right(app_factory):
    """Seen in tmux: "Date: “7” is not a date" stayed under the order after the date was fixed."""
    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(app, pilot)
        screen.set_focus(screen.query_one("#oe-date"))
        await pilot.press(*"7", "enter")
        assert "not a date" in text_of(app, "#oe-msg")
        await pilot.press("ctrl+u", *"+3", "enter")
        assert screen.draft.requested_date is not None and "date" not in screen.draft.header_problems
        assert "not a date" not in text_of(app, "#oe-msg")
        screen._message("Line 1 HB-38-100 is back", "info")  # another message is not taken away
        screen.set_focus(screen.query_one("#oe-date"))
        await pilot.press(*"+4", "enter")
        assert "is back" in text_of(app, "#oe-msg")


# --------------------------------------------------------------------------- lines


async def test_a_unit_typed_after_the_quantity_is_taken_as_on_the_quote(app_factory):
    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        screen.set_focus(screen.query_one("#oe-mat"))
        await key_line(pilot, "HB-38-100", "11 car")
        await key_line(pilot, "HB-38-100", "2")
        await settle(pilot)
        first, second = screen.draft.lines
        assert (first.quantity_text, first.unit_text) == ("11", "CAR")
        assert (second.quantity_text, second.unit_text) == ("2", "")  # the material's sales unit
        assert "11 CAR" in " ".join(screen.query_one("#oe-grid", LineGrid).row_text(0).split())


async def test_a_long_error_under_the_line_editor_is_shown_whole_at_80_columns(app_factory):
    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(app, pilot)
        screen.set_focus(screen.query_one("#oe-mat"))
        await key_line(pilot, "HB-38-100", "99999999999")
        await pilot.pause()
        hint = screen.query_one("#oe-entry-hint")
        shown = " ".join(" ".join(hint.render_line(y).text.split()) for y in range(hint.size.height))
        assert hint.size.height > 1 and "SAP's field limit" in shown, shown
        assert screen.query_one("#oe-entry").size.height >= hint.size.height  # all of it on the screen


async def test_an_error_said_on_enter_stays_when_the_typing_before_it_is_handled_after(app_factory):
    """Keys typed ahead: Enter is handled at once, the Changed messages of the typing before it
    after it. Seen in tmux: the first Enter after "0" showed nothing."""
    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        screen.set_focus(screen.query_one("#oe-mat"))
        await pilot.press(*"HB-38-100", "tab")
        qty = screen.query_one("#oe-qty", Input)
        qty.value = "0"  # its Changed message waits in the queue
        screen.typed_key(qty, "enter")
        await pilot.pause()
        assert "more than 0" in text_of(app, "#oe-entry-hint")
        await pilot.press("ctrl+u", *"5")  # typing after it takes it away
        assert "more than 0" not in text_of(app, "#oe-entry-hint")


async def test_every_field_is_checked_before_any_call(app_factory):
    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        screen.set_focus(screen.query_one("#oe-mat"))
        before = calls(app, "BAPI_SALESORDER_SIMULATE")
        await key_line(pilot, "HB-38-100", "99999999999")  # beyond SAP's QUAN 13,3
        assert "SAP's field limit" in text_of(app, "#oe-entry-hint")
        assert app.focused is screen.query_one("#oe-qty") and not screen.draft.lines
        await pilot.press("ctrl+u", *"1.2345", "enter")
        assert "At most 3 decimals" in text_of(app, "#oe-entry-hint")
        await pilot.press("ctrl+u", *"0", "enter")
        assert "more than 0" in text_of(app, "#oe-entry-hint")
        await settle(pilot)
        assert calls(app, "BAPI_SALESORDER_SIMULATE") == before
        await pilot.press("ctrl+u", *"5", "enter")
        await settle(pilot)
        assert calls(app, "BAPI_SALESORDER_SIMULATE") == before + 1


async def test_unknown_and_discontinued_materials_are_said_on_the_line(app_factory):
    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        screen.set_focus(screen.query_one("#oe-mat"))
        await key_line(pilot, "100200", "1")
        await key_line(pilot, "NOSUCH-1", "1")
        await key_line(pilot, "HB-38-100", "40")
        await settle(pilot)
        discontinued, unknown, good = rows(app)
        assert discontinued.flags == ("discontinued",) and discontinued.state == "error"
        assert any("V1 028" in text for text, _ in discontinued.notes)
        assert unknown.flags == ("unknown material",)
        assert good.state == "full"
        grid = screen.query_one("#oe-grid", LineGrid)
        assert "DISCONTINUED" in grid.row_text(0)


async def test_same_material_twice_is_two_lines_delete_and_undo(app_factory):
    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        screen.set_focus(screen.query_one("#oe-mat"))
        await key_line(pilot, "HB-38-100", "40")
        await key_line(pilot, "HB-38-100", "10")
        await key_line(pilot, "HB-12-200", "5")
        await settle(pilot)
        assert [r.quantity for r in rows(app)] == ["40", "10", "5"]
        await pilot.press("up")  # from the line editor into the lines: the last one
        grid = screen.query_one("#oe-grid", LineGrid)
        assert app.focused is grid
        await pilot.press("up", "delete")
        await settle(pilot)
        assert [r.quantity for r in rows(app)] == ["40", "5"]
        assert "ctrl+z brings it back" in text_of(app, "#oe-msg").lower() or "^z brings it back" in text_of(app, "#oe-msg")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert [r.quantity for r in rows(app)] == ["40", "10", "5"]


async def test_enter_on_a_line_edits_it(app_factory):
    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        screen.set_focus(screen.query_one("#oe-mat"))
        await key_line(pilot, "HB-38-100", "40")
        await key_line(pilot, "100100", "12")
        await settle(pilot)
        await pilot.press("up", "up", "enter")  # line 1, edit: the quantity is selected
        assert app.focused is screen.query_one("#oe-qty")
        assert "Edit 1" in text_of(app, "#oe-entry-label")
        await pilot.press(*"500", "enter")
        await settle(pilot)
        assert [(r.material, r.quantity) for r in rows(app)] == [("HB-38-100", "500"), ("100100", "12")]
        assert len(screen.draft.lines) == 2


async def material_lookup(app, pilot, typed: str):
    """The order screen with F4 pressed in the material field after ``typed``: (screen, lookup)."""
    screen = await opened(app, pilot)
    screen.set_focus(screen.query_one("#oe-mat"))
    await pilot.press(*typed, "f4")
    await settle(pilot)
    lookup = app.screen
    assert isinstance(lookup, MaterialLookup)
    return screen, lookup


async def test_f4_finds_a_material_by_description_and_lists_units(app_factory):
    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        screen, lookup = await material_lookup(app, pilot, "adhesive blue")
        hits = lookup.query_one("#lookup-hits", OptionList)
        assert hits.option_count >= 1 and any(h.number == "100100" for h in lookup._hits)
        index = next(i for i, h in enumerate(lookup._hits) if h.number == "100100")
        hits.highlighted = index
        hits.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert screen.query_one("#oe-mat", Input).value == "100100"
        assert app.focused is screen.query_one("#oe-qty")
        await pilot.press(*"24", "tab", "f4")
        await settle(pilot)
        chooser = app.screen
        assert isinstance(chooser, UnitChooser) and chooser._units[0] == "CAR"  # the sales unit first
        await pilot.press("down", "enter")
        await settle(pilot)
        assert screen.query_one("#oe-unit", Input).value == "PC"
        await pilot.press("enter")
        await settle(pilot)
        assert [(r.material, r.quantity, r.unit) for r in rows(app)] == [("100100", "24", "PC")]


async def test_down_in_the_material_lookup_goes_to_the_list(app_factory):
    """The dialog says "Down to the list": the field runs its editing keys itself (in order with
    typing) but leaves Down, which it only scrolls by, to the dialog (it did nothing)."""
    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        _screen, lookup = await material_lookup(app, pilot, "adhesive")
        assert app.focused is lookup.query_one("#lookup-query")
        assert lookup.query_one("#lookup-hits", OptionList).option_count >= 1
        await pilot.press("end", "left", "backspace", "down")
        await settle(pilot)
        assert lookup.query_one("#lookup-query", Input).value == "adhesie"  # Left and Backspace edited
        assert app.focused is lookup.query_one("#lookup-hits", OptionList)


# --------------------------------------------------------------------------- paste (scenario 3)

FAX = """\
PO 4500-7790
Material        Qty   Unit
HB-38-100       40    EA
40 x HB-12-200
100100;12
HB-58-125\t75
blue adhesive, twelve cases
100300, 2
Tel 937-555-0142
"""


async def test_scenario_3_a_pasted_fax_becomes_lines_priced_in_one_simulate(app_factory):
    from textual import events

    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        screen.set_focus(screen.query_one("#oe-mat"))
        before = calls(app, "BAPI_SALESORDER_SIMULATE")
        screen.query_one("#oe-mat").post_message(events.Paste(FAX))
        await settle(pilot)
        assert [(r.material, r.quantity) for r in rows(app)] == [
            ("HB-38-100", "40"), ("HB-12-200", "40"), ("100100", "12"), ("HB-58-125", "75"), ("100300", "2"),
        ]
        assert calls(app, "BAPI_SALESORDER_SIMULATE") == before + 1
        assert screen.draft.customer_po == "4500-7790"
        unreadable = screen.query_one("#oe-unreadable", OptionList)
        assert unreadable.display and unreadable.option_count == 2
        assert [u.source for u in screen.draft.unreadable] == ["blue adhesive, twelve cases", "Tel 937-555-0142"]
        # Enter on an unreadable line puts its text into the line editor, to search with F4
        unreadable.focus()
        unreadable.highlighted = 0
        await pilot.press("enter")
        assert screen.query_one("#oe-mat", Input).value == "blue adhesive, twelve cases"
        assert len(screen.draft.unreadable) == 1


async def test_a_paste_of_control_characters_and_10000_characters_is_safe(app_factory):
    from textual import events

    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        junk = ("HB-38-100\x1b[31m 4\x07\n\x00garbage ;;; \t\n" * 400)[:10_000]
        screen.query_one("#oe-mat").post_message(events.Paste(junk))
        await settle(pilot)
        assert screen.draft.lines and all(l.material == "HB-38-100" and l.quantity_text == "4" for l in screen.draft.lines)
        assert not errors_shown(app)


# --------------------------------------------------------------------------- credit (scenario 4)


async def test_scenario_4_over_the_credit_limit_the_save_is_an_explicit_choice(app_factory):
    app = make(app_factory, area="order", customer=GREAT_LAKES)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        screen.set_focus(screen.query_one("#oe-mat"))
        await key_line(pilot, "HB-38-100", "4000")
        await settle(pilot)
        info = text_of(app, "#oe-info")
        assert "CREDIT LIMIT EXCEEDED" in info and "headroom" in info and "exposure" in info
        await pilot.press("f9")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SaveDialog)
        assert dialog._save_label == "Save — SAP will block it for credit release"
        await pilot.press("enter")
        await settle(pilot)
        draft = screen_of(app).draft
        assert draft.save.saved
        assert "blocked for credit release" in text_of(app, "#oe-saved-title")


async def test_a_blocked_credit_account_cannot_be_saved(app_factory):
    app = make(app_factory, area="order", customer=RIDGELINE)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        screen.set_focus(screen.query_one("#oe-mat"))
        await key_line(pilot, "HB-38-100", "40")
        await settle(pilot)
        assert "CREDIT BLOCKED" in text_of(app, "#oe-info")
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, SaveDialog) and app.screen._save_label is None
        await pilot.press("escape")
        assert calls(app, "BAPI_SALESORDER_CREATEFROMDAT2") == 0


# --------------------------------------------------------------------------- drafts


async def test_a_second_draft_and_back_to_the_first(app_factory):
    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        first = screen.draft
        screen.set_focus(screen.query_one("#oe-mat"))
        await key_line(pilot, "HB-38-100", "40")
        await pilot.press(*"100100", "tab", *"3")  # half a line in the editor, kept with the draft
        await pilot.press("ctrl+n")
        await settle(pilot)
        second = screen.draft
        assert second is not first and not second.sold_to and app.focused is screen.query_one("#oe-soldto")
        await pilot.press(*"10050", "enter")
        await settle(pilot)
        assert second.sold_to == "10050"
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, DraftList)
        assert [label.split(" · ")[0] for _, label in app.screen._drafts] == ["10023 Miami Valley Fastener Supply Inc.", "10050 Great Lakes Machine Works LLC"]
        await pilot.press("up", "enter")
        await settle(pilot)
        assert screen.draft is first
        assert screen.query_one("#oe-mat", Input).value == "100100" and screen.query_one("#oe-qty", Input).value == "3"
        assert [r.material for r in rows(app)] == ["HB-38-100"]
        # leaving the area keeps the drafts; coming back shows the same one
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert screen_of(app).draft is first and len(app.desk.drafts) == 2


async def test_open_drafts_are_in_the_command_palette(app_factory):
    from ordertui.screens.order_entry import OpenDraftsProvider

    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        screen.set_focus(screen.query_one("#oe-mat"))
        await key_line(pilot, "HB-38-100", "40")
        await settle(pilot)
        provider = OpenDraftsProvider(app.screen)
        found = [hit.text async for hit in provider.discover()]
        assert found[0].startswith("Order draft: 10023 Miami Valley Fastener Supply Inc. · 1 line · USD")
        assert "New order" in found


async def test_quitting_with_an_unsaved_draft_asks_first(app_factory):
    from ordertui.widgets.confirm import ConfirmDialog

    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        screen.set_focus(screen.query_one("#oe-mat"))
        await key_line(pilot, "HB-38-100", "40")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # Enter stays: quitting would lose the order
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, OrderEntryScreen)
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
    assert app.return_code == 0 or app.return_code is None


# --------------------------------------------------------------------------- entry points


async def test_o_from_a_quote_starts_an_order_with_that_material(app_factory):
    app = make(app_factory, area="products", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        await settle(pilot)
        assert start_order(app, material="100100", quantity=12)
        await settle(pilot)
        screen = screen_of(app)
        assert app.current_mode == "order"
        assert screen.draft.sold_to == "10023"
        assert [(l.material, l.quantity_text) for l in screen.draft.lines] == [("100100", "12")]
        assert rows(app)[0].state in ("full", "partial")


async def test_an_order_started_elsewhere_into_the_draft_on_screen_shows_its_sold_to_and_line(app_factory):
    """Ctrl+N leaves an empty draft on the order screen; an order started from a quote (F6) fills
    that very draft. Coming back, the screen shows the sold-to it now has (it showed the empty
    field, "number", beside the customer's name) and its line, reads the customer once, and the
    cursor waits for the next line. Found in tmux at latency 1."""
    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await new_after_a_line(app, pilot)
        empty = screen.draft
        assert not empty.sold_to and screen.query_one("#oe-soldto", Input).value == ""
        await pilot.press("f3")
        await settle(pilot)
        reads = calls(app, "BAPI_CUSTOMER_GETDETAIL2")
        assert start_order(app, material="100100", quantity=12)
        await settle(pilot)
        assert screen_of(app) is screen and screen.draft is empty
        assert screen.query_one("#oe-soldto", Input).value == "10023"
        assert [(l.material, l.quantity_text) for l in empty.lines] == [("100100", "12")]
        assert [r.material for r in rows(app)] == ["100100"] and rows(app)[0].state in ("full", "partial")
        assert calls(app, "BAPI_CUSTOMER_GETDETAIL2") == reads + 1
        assert app.focused is screen.query_one("#oe-mat")
        assert "sold-to first" not in text_of(app, "#oe-msg")  # the new order's hint went with it


async def test_the_new_order_hint_goes_once_a_sold_to_is_keyed(app_factory):
    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await new_after_a_line(app, pilot)
        assert "sold-to first" in text_of(app, "#oe-msg")
        await pilot.press(*"10050", "enter")
        await settle(pilot)
        assert screen.draft.sold_to == "10050" and "sold-to first" not in text_of(app, "#oe-msg")


async def test_order_this_on_a_quote_orders_the_quantity_in_the_unit_it_was_quoted_in(app_factory):
    """Found in tmux (80x24, latency 1): a quote of 2 CAR (USD 65.51) became an order line of 2 PC
    (USD 0.66): F6 passed the quantity and not its unit. The same figure on both screens now."""
    from .flows import quote_for
    from .test_caller_desk import part_text

    app = make(app_factory, area="products", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(app, pilot)
        quote = await quote_for(app, pilot, "100100", "40 pc")  # its sales unit is CAR
        quoted = next(line for line in part_text(quote, "price").splitlines() if line.startswith("Net value"))
        assert "40 PC" in quoted
        await pilot.press("f6")
        await settle(pilot)
        screen = screen_of(app)
        assert [(l.material, l.quantity_text, l.unit) for l in screen.draft.lines] == [("100100", "40", "PC")]
        row = rows(app)[0]
        assert (row.quantity, row.unit) == ("40", "PC") and row.value and row.value in quoted, (row, quoted)


async def test_read_only_profile_has_no_order_entry(app_factory):
    from ordertui.cli import main

    assert main([
        "profile", "add", "RO", "--config", str(app_factory.config_path), "--ashost", "127.0.0.1",
        "--sysnr", "00", "--client", "100", "--user", "JDOE", "--read-only",
    ]) == 0

    def connect(params, password, *, read_only=False):
        from ordertui.sap.connect import sandbox_gateway

        return sandbox_gateway(seed=1)

    app = app_factory(profile="RO", connector=connect)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.screen.query_one("#login-password", Input).value = "secret"
        app.screen.query_one("#login-password", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.session is not None and app.session.read_only
        assert not app.has_area("order")
        assert "area_order" not in {b.binding.id for b in app.active_bindings.values()} or not app.go("order")
        assert not start_order(app)
        assert app.current_mode != "order"
        # reached anyway (a stale key, a test): the screen refuses
        screen = OrderEntryScreen()
        await app.push_screen(screen)
        await settle(pilot)
        assert "not available with this profile" in str(screen.query_one("#oe-msg").render())
        assert not screen.query_one("#oe-grid").display


# --------------------------------------------------------------------------- size and SAP's own lines


async def test_999_lines_work_with_one_simulate_and_no_more_fit(app_factory):
    from textual import events

    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        before = calls(app, "BAPI_SALESORDER_SIMULATE")
        block = "\n".join(f"{('HB-38-100', 'HB-12-200', '100100', '100300')[i % 4]} {1 + i % 7}" for i in range(999))
        screen.query_one("#oe-mat").post_message(events.Paste(block))
        await settle(pilot, timeout=120)
        assert len(screen.draft.lines) == 999 == len(rows(app))
        assert calls(app, "BAPI_SALESORDER_SIMULATE") == before + 1
        assert all(r.state in ("full", "partial", "later", "none") for r in rows(app))
        grid = screen.query_one("#oe-grid", LineGrid)
        screen.set_focus(grid)
        await pilot.press("end")
        assert grid.cursor == 998 and grid.row_text(998).lstrip().startswith("999 100100")
        screen.query_one("#oe-mat").post_message(events.Paste("HB-38-100 1\nHB-38-100 2"))
        await settle(pilot, timeout=120)
        assert len(screen.draft.lines) == 999
        assert [u.reason for u in screen.draft.unreadable] == ["the order has no room for more lines"] * 2


async def test_lines_sap_adds_are_shown_as_returned(app_factory):
    import dataclasses
    from decimal import Decimal

    from ordertui.model import QuoteLine

    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        gateway = app.session.gateway
        real = gateway.simulate

        def with_free_goods(draft):
            quote = real(draft)
            free = QuoteLine("11", "HB-38-100", "HEX BOLT 3/8-16 X 1 GR5 ZINC", Decimal(4), "PC", "1000", Decimal(0), Decimal(0), "USD")
            return dataclasses.replace(quote, lines=(*quote.lines, free))

        gateway.simulate = with_free_goods
        screen.set_focus(screen.query_one("#oe-mat"))
        await key_line(pilot, "HB-38-100", "40")
        await key_line(pilot, "HB-12-200", "5")
        await settle(pilot)
        shown = rows(app)
        assert [(r.number, r.material, r.state) for r in shown] == [
            ("1", "HB-38-100", "full"), ("+", "HB-38-100", "added"), ("2", "HB-12-200", "full"),
        ]
        assert "added by SAP, item 11" in shown[1].description
        assert len(screen.draft.lines) == 2  # SAP's line is not the user's to save


async def test_one_line_pasted_with_line_breaks_around_it_is_the_line_not_nothing(app_factory):
    """A cell copied from a sheet ends in a line break, a line from a mail may start with one:
    the field gets the line (Textual's Input pasted the first line, which was empty)."""
    from textual import events

    app = make(app_factory, area="order", customer=MARIA)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        material = screen.query_one("#oe-mat", Input)
        for pasted in ("\r\nHB-38-100\r\n", "\nHB 38\n", "PO 4500-7790\n"):
            material.focus()
            material.value = ""
            await pilot.pause()
            material.post_message(events.Paste(pasted))
            await settle(pilot)
            assert material.value == pasted.strip()
        assert not screen.draft.lines and not errors_shown(app)
