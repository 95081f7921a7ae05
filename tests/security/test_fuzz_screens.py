"""Every input field of every screen, fed hostile text through Pilot over the sandbox (issue 11).

One app per test (``screen_fuzz.LiveApp``), ``PILOT_EXAMPLES`` Hypothesis examples within it, each
text entered as a value, a paste or typed keys, then Enter (or the field's own action: F4, the
palette). Every example: the app did not crash and showed no "Unexpected error"
(``LiveApp.run``), the screen is still the one the field belongs to (or the one Enter opens for a
hit: a customer, a quote, a document), and where the field kept the cursor — the input was
refused — a message says why (not empty, no Python error text).

Fields: the login (user, password), the lock screen (password), Customers (search, the command
palette), Products (search) and the quote (quantity, date, plants), Orders (number / PO / material
/ date range, with and without a customer), order entry (sold-to, PO, date, shipping condition,
material, quantity, unit, F4 search, a paste of lines). Customer detail, the document screens and
Open items have no input fields.
"""

from __future__ import annotations

from functools import partial

from hypothesis import given
from hypothesis import strategies as st
from textual.widgets import Input

from ordertui.model import CustomerHit
from ordertui.screens.customer_detail import CustomerDetailScreen
from ordertui.screens.customers import CustomersScreen
from ordertui.screens.delivery_detail import DeliveryDetailScreen
from ordertui.screens.invoice_detail import InvoiceDetailScreen
from ordertui.screens.order_detail import OrderDetailScreen
from ordertui.screens.order_entry import OrderEntryScreen
from ordertui.screens.order_fields import is_block
from ordertui.screens.orders import OrdersScreen
from ordertui.screens.product_quote import ProductQuoteScreen
from ordertui.screens.products import ProductsScreen
from ordertui.screens.search import SearchScreen
from tests.conftest import TODAY, settle
from tests.screens.host import make, start
from tests.security.fuzz import pilot_fuzz
from tests.security.screen_fuzz import LiveApp, assert_clear_message, back_to, enter_text, hostile_text, shown, ways

MARIA = CustomerHit("10023", "Miami Valley Fastener Supply Inc.", "Springfield", "45502", "US", "", False)


def screen_of(app, cls):
    found = [s for s in app.screen_stack if isinstance(s, cls)]
    assert found, f"no {cls.__name__} in {app.screen_stack}"
    return found[-1]


# --------------------------------------------------------------------------- search screens


async def search_step(cls, prefix: str, opens: tuple, text: str, how: str, pilot) -> None:
    app = pilot.app
    base = screen_of(app, cls)
    await back_to(pilot, base)
    await settle(pilot)
    field = base.query_one(f"#{prefix}-search", Input)
    await enter_text(pilot, field, text, how)
    await pilot.press("enter")
    await settle(pilot)
    assert app.screen is base or isinstance(app.screen, opens), f"on {type(app.screen).__name__}"
    if app.screen is base:
        assert_clear_message(shown(base.query_one(f"#{prefix}-search-msg")), f"#{prefix}-search-msg")


async def palette_step(text: str, pilot) -> None:
    from textual.command import CommandInput, CommandPalette

    app = pilot.app
    base = app.screen
    await pilot.press("ctrl+p")
    await settle(pilot)
    assert isinstance(app.screen, CommandPalette)
    field = app.screen.query_one(CommandInput)
    field.value = text
    await settle(pilot)
    await pilot.press("escape")  # not Enter: a fuzzy match may be "Quit" or "Log off"
    await settle(pilot)
    assert app.screen is base


def test_customer_search_and_the_palette(app_factory):
    with LiveApp(lambda: make(app_factory, area="customers"), start) as live:

        @pilot_fuzz
        @given(text=hostile_text("10023", "dayton", "937-555-0142", "45502", "Miami*", "MIAMI VALLEY"), how=ways,
               palette=st.booleans())
        def example(text, how, palette):
            if palette:
                live.run(partial(palette_step, text))
            live.run(partial(search_step, CustomersScreen, "customer", (CustomerDetailScreen,), text, how))

        example()


def test_order_search_with_and_without_a_customer(app_factory):
    with LiveApp(lambda: make(app_factory, area="orders"), start) as live:

        @pilot_fuzz
        @given(text=hostile_text("5007", "0000005007", "4500-7700", "HB-38-100", "2026-11-01..2026-11-27",
                                 "11/01 - 11/27", "12/15-1/15", "80000017", "90000005"),
               how=ways, customer=st.booleans())
        def example(text, how, customer):
            async def step(pilot):
                if customer and pilot.app.current_customer is None:
                    pilot.app.set_current_customer(MARIA)
                    await settle(pilot)
                opens = (OrderDetailScreen, DeliveryDetailScreen, InvoiceDetailScreen)
                await search_step(OrdersScreen, "order", opens, text, how, pilot)

            live.run(step)

        example()


# --------------------------------------------------------------------------- products and the quote


async def open_quote(app, pilot) -> None:
    await start(app, pilot)
    app.set_current_customer(MARIA)
    await settle(pilot)
    await back_to(pilot, screen_of(app, ProductsScreen))
    field = app.screen.query_one("#product-search", Input)
    field.value = "HB-38-100"
    await pilot.press("enter")  # one hit opens at once; several go to the list
    await settle(pilot)
    if not isinstance(app.screen, ProductQuoteScreen):
        await pilot.press("down", "enter")
        await settle(pilot)
    assert isinstance(app.screen, ProductQuoteScreen)


QUOTE_VALID = {"#quote-qty": ("1", "40", "12 PC", "0.5", "1,000"), "#quote-date": ("fri", "+3", "12/04", TODAY.isoformat()),
               "#quote-plants": ("1000", "1000 1100", "1000, 1100")}


def test_product_search_and_the_quote_fields(app_factory):
    with LiveApp(lambda: make(app_factory, area="products"), open_quote) as live:

        @pilot_fuzz
        @given(data=st.data(), field=st.sampled_from(["search", *QUOTE_VALID]), how=ways)
        def example(data, field, how):
            if field == "search":
                text = data.draw(hostile_text("HB-38-100", "hex bolt", "100100", "adhesive*"), "text")
                live.run(partial(search_step, ProductsScreen, "product", (ProductQuoteScreen,), text, how))
                return
            text = data.draw(hostile_text(*QUOTE_VALID[field]), "text")

            async def step(pilot):
                app = pilot.app
                if not any(isinstance(s, ProductQuoteScreen) for s in app.screen_stack):
                    await open_quote(app, pilot)  # a search example went back to the list
                quote = screen_of(app, ProductQuoteScreen)
                await back_to(pilot, quote)
                for other, valid in QUOTE_VALID.items():
                    quote.query_one(other, Input).value = valid[0] if other != "#quote-date" else TODAY.isoformat()
                input_ = quote.query_one(field, Input)
                await enter_text(pilot, input_, text, how)
                await pilot.press("enter")
                await settle(pilot)
                assert app.screen is quote, f"on {type(app.screen).__name__}"
                assert_clear_message(shown(quote.query_one("#quote-msg")), "#quote-msg")

            live.run(step)

        example()


# --------------------------------------------------------------------------- order entry

HEADER = {
    "oe-soldto": ("10023", "10050", "0000010023", "99999", "80003"),
    "oe-po": ("4500-7700", "PO-88120", "A" * 35),
    "oe-date": ("fri", "+3", "12/04", "2026-12-04"),
    "oe-ship": ("01", "02", "1"),
}
EDITOR = {
    "oe-mat": ("HB-38-100", "100100", "HB-12-200"),
    "oe-qty": ("4", "12.5", "1,000", "0.001", "40 PC"),
    "oe-unit": ("PC", "EA", "CAR", "BOX"),
}
FAX_LINES = ("HB-38-100  40  EA", "40 x HB-12-200", "100100;12", "HB-58-125\t75", "PO 4500-7790", "Tel 937-555-0142")


async def order_step(field: str, text: str, how: str, pilot) -> None:
    from ordertui.widgets.order_dialogs import MaterialLookup

    app = pilot.app
    screen = screen_of(app, OrderEntryScreen)
    await back_to(pilot, screen)
    await settle(pilot)
    # every example on a fresh draft for the caller: what one example keyed does not decide the next
    screen._show(screen._new_draft(MARIA.number))
    await settle(pilot)
    for name, values in EDITOR.items():  # the line editor: a valid material and quantity before
        screen._set_value(f"#{name}", {"oe-mat": values[0], "oe-qty": values[0]}.get(name, ""))
    if field == "lines":  # a paste of several lines (a fax, a mail) into the line editor
        material = screen.query_one("#oe-mat", Input)
        material.focus()
        screen._set_value("#oe-mat", "")
        screen._message("")  # (what the last example said does not count)
        await enter_text(pilot, material, text, "paste")
        await settle(pilot)
        assert app.screen is screen
        if is_block(text, material_field=True):
            assert_clear_message(shown(screen.query_one("#oe-msg")), "#oe-msg")
        elif text.strip():  # one line that is not an order line ("PO 4500-7790\n"): in the field, as typed
            assert material.value and material.value in text, repr(material.value)
        return
    if field == "f4":
        input_ = screen.query_one("#oe-mat", Input)
        await enter_text(pilot, input_, text, how)
        await pilot.press("f4")
        await settle(pilot)
        lookup = app.screen
        assert isinstance(lookup, MaterialLookup), f"on {type(lookup).__name__}"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen in (lookup, screen)
        if app.screen is lookup:
            assert_clear_message(shown(lookup.query_one("#lookup-info")), "#lookup-info")
            await pilot.press("escape")
            await settle(pilot)
        assert app.screen is screen
        return
    input_ = screen.query_one(f"#{field}", Input)
    await enter_text(pilot, input_, text, how)
    await pilot.press("enter")
    await settle(pilot)
    assert app.screen is screen, f"on {type(app.screen).__name__}"
    if app.focused is input_ and input_.value.strip():  # refused: said why
        if field in HEADER and not screen.query_one("#oe-msg").has_class("-error"):
            # said under the header with the draft's other header problems
            assert_clear_message(shown(screen.query_one("#oe-info")), "#oe-info")
        else:
            where = "#oe-msg" if field in HEADER else "#oe-entry-hint"
            message = screen.query_one(where)
            assert message.has_class("-error"), f"{where} is no error: {shown(message)[:200]!r}"
            assert_clear_message(shown(message), where)


def test_order_entry_fields(app_factory):
    with LiveApp(lambda: make(app_factory, area="order", customer=MARIA), start) as live:

        @pilot_fuzz
        @given(data=st.data(), field=st.sampled_from([*HEADER, *EDITOR, "f4", "lines"]), how=ways)
        def example(data, field, how):
            if field == "lines":
                text = data.draw(st.lists(hostile_text(*FAX_LINES), min_size=2, max_size=6).map("\n".join), "text")
            else:
                text = data.draw(hostile_text(*{**HEADER, **EDITOR, "f4": ("adhesive blue", "HB-38", "*")}[field]), "text")
            live.run(partial(order_step, field, text, how))

        example()


# --------------------------------------------------------------------------- the login and the lock


def test_login_fields(app_factory):
    from tests.app.test_login import add_profile, sandbox_connector

    add_profile(app_factory)

    async def ready(app, pilot):
        await settle(pilot)
        assert app.current_mode == "login"

    with LiveApp(lambda: app_factory(profile="QAS", connector=sandbox_connector("logon-failure")), ready) as live:

        @pilot_fuzz
        @given(user=hostile_text("JDOE", "jdoe", "DEVELOPER"), password=hostile_text("correct horse", "Secret!1"),
               how=ways, field=st.sampled_from(["#login-user", "#login-password"]))
        def example(user, password, how, field):
            async def step(pilot):
                app = pilot.app
                screen = app.screen
                other = "#login-password" if field == "#login-user" else "#login-user"
                screen.query_one(other, Input).value = password if other == "#login-password" else user
                await enter_text(pilot, screen.query_one(field, Input), user if field == "#login-user" else password, how)
                await pilot.press("enter")
                await settle(pilot)
                assert app.current_mode == "login" and app.session is None
                assert_clear_message(shown(app.screen.query_one("#login-error")), "#login-error")

            live.run(step)

        example()


def test_lock_password(app_factory):
    from tests.app.test_login import add_profile
    from tests.security.test_idle_lock import _checking_connector

    add_profile(app_factory)

    async def locked(app, pilot):
        await settle(pilot)
        app.screen.query_one("#login-password", Input).value = "right-Secret"
        app.screen.query_one("#login-password", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.session is not None
        app.lock()
        await settle(pilot)
        assert app.current_mode == "lock"

    make_app = partial(app_factory, profile="QAS", connector=_checking_connector("right-Secret", []), idle_lock_seconds=3600)
    with LiveApp(make_app, locked) as live:

        @pilot_fuzz
        @given(password=hostile_text("right-Secret", "wrong").filter(lambda p: p != "right-Secret"), how=ways)
        def example(password, how):
            async def step(pilot):
                app = pilot.app
                field = app.screen.query_one("#lock-password", Input)
                await enter_text(pilot, field, password, how)
                if field.value == "right-Secret":
                    # what reached the field is the right password (a control character typed is
                    # a key, not text): it unlocks, and the desk is locked again for what follows
                    await pilot.press("enter")
                    await settle(pilot)
                    assert not app.locked
                    app.lock()
                    await settle(pilot)
                    return
                await pilot.press("enter")
                await settle(pilot)
                assert app.locked and app.current_mode == "lock" and field.value == ""
                assert_clear_message(shown(app.screen.query_one("#lock-error")), "#lock-error")

            live.run(step)

        example()


# --------------------------------------------------------------------------- the screens over changed SAP answers

SUNBELT = CustomerHit("10090", "Sunbelt Industrial Distributors", "Atlanta", "30303", "US", "", False)
#: (area, what is typed into its search and entered: one hit opens its screen)
OPENED = [("customers", "10023"), ("customers", "dayton"), ("products", "HB-38-100"), ("orders", "5007"),
          ("orders", "7106"), ("orders", "4500-7700"), ("orders", "delivery"), ("orders", "invoice"), ("items", ""),
          ("order", "HB-38-100"), ("order", "100100")]


def test_screens_over_changed_sap_answers(app_factory):
    """What a screen shows of an answer the adapter read (over-long names, 40-digit amounts, no
    dates, empty tables): no crash and no "Unexpected error"; SAP's own refusals are dialogs."""
    from ordertui.sap.rfc import RfcGateway
    from ordertui.widgets.error_dialog import ErrorDialog
    from tests.security.test_fuzz_sap_answers import Holder, MutatingConnection, changes

    holder = Holder()
    documents: dict[str, str] = {}

    def make_app():
        gw = RfcGateway(lambda: MutatingConnection(holder), user="ORDERDESK", client="100", today=lambda: TODAY, sandbox=True)
        order = gw.order("5007")
        documents.update(delivery=order.deliveries[0], invoice=order.invoices[0])
        return make(app_factory, gateway=gw, area="customers")

    with LiveApp(make_app, start) as live:

        @pilot_fuzz
        @given(target=st.sampled_from(OPENED), plan=changes)
        def example(target, plan):
            area, typed = target

            async def step(pilot):
                app = pilot.app
                holder.plan = plan
                try:
                    if area == "items":
                        app.set_current_customer(SUNBELT)
                    app.go(area)
                    await settle(pilot)
                    if area == "order":  # a line keyed on a fresh draft for the caller: priced by the simulate
                        screen = screen_of(app, OrderEntryScreen)
                        await back_to(pilot, screen)
                        screen._show(screen._new_draft(MARIA.number))
                        await settle(pilot)
                        screen.set_focus(screen.query_one("#oe-mat"))
                        await pilot.press(*typed, "tab", "4", "0", "enter")
                        await settle(pilot)
                    elif area != "items":
                        base = next(s for s in app.screen_stack if isinstance(s, SearchScreen))
                        await back_to(pilot, base)
                        base.type_in(documents.get(typed, typed), submit=True)
                        await settle(pilot)
                finally:
                    holder.plan = []
                while isinstance(app.screen, ErrorDialog):  # SAP's refusal, said (LiveApp failed on any other)
                    app.pop_screen()
                    await pilot.pause()

            live.run(step)

        example()
