"""The customer detail: everything SAP knows about the caller on one screen, each part fetched in
parallel and painted as it comes (``customers.py`` finds the caller; this shows them). Also how
any screen opens a customer (``open_customer``) or hands typing to the search (``search_customers``).

Every figure comes live from SAP through the session's gateway, always through
``SapScreen.fetch``; nothing here is kept once the screen is gone.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from ordertui import format as fmt
from ordertui.model import (
    CreditStatus,
    Customer,
    CustomerHit,
    CustomerOpenItems,
    CustomerSalesData,
    SalesArea,
    SearchResult,
)
from ordertui.sap.errors import NotFound
from ordertui.screens.base import SapScreen, area_root
from ordertui.screens.customer_tables import items_table, orders_table, partners_table
from ordertui.screens.search import SearchScreen, error_text
from ordertui.widgets.customer_panels import Arrivals, DataPart, PartsBody, update_if_changed
from ordertui.widgets.fields import typed_character
from ordertui.widgets.fit_table import Column, FitTable
from ordertui.widgets.themed import Cell

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from ordertui.shell import Shell

#: How many of the customer's last orders the detail shows.
LAST_ORDERS = 10

#: partner functions by display code, in the order the Partners panel lists them
PARTNER_NAMES = {"SP": "Sold-to", "SH": "Ship-to", "BP": "Bill-to", "PY": "Payer", "CP": "Contact"}
DEFAULT_MARK = "✓"
PARTNER_ORDER = {code: i for i, code in enumerate(PARTNER_NAMES)}


def home_country(area: SalesArea | None) -> str:
    """The sales area's country: its phone numbers read nationally, all others internationally."""
    from ordertui.sap.assumptions import DEFAULT_PHONE_REGION, SALES_ORG_COUNTRY  # noqa: PLC0415

    return SALES_ORG_COUNTRY.get(area.sales_org if area else "", DEFAULT_PHONE_REGION)


def open_customer(app: App[Any], hit: CustomerHit) -> None:
    """Make ``hit`` the current customer and show its detail (from anywhere, e.g. the palette)."""
    shell = cast("Shell", app)
    shell.set_current_customer(hit)
    if app.current_mode != "customers" and shell.go("customers"):
        app.call_later(show_detail, app, hit)
    else:
        show_detail(app, hit)


def search_customers(app: App[Any], text: str = "", *, submit: bool = False, append: bool = False) -> None:
    """Open the customer search (from anywhere) with ``text`` typed into it: the next caller's
    number typed on the detail, on Home, or before SAP even answered."""
    screen = area_root(app, "customers", SearchScreen)  # the customers area's first screen: its search
    if screen is not None:
        screen.type_in(text, submit=submit, append=append)


def show_detail(app: App[Any], hit: CustomerHit) -> None:
    screen = _take_spare(app, hit) or CustomerDetailScreen(hit)
    if isinstance(app.screen, CustomerDetailScreen):
        app.switch_screen(screen)  # replace, do not stack details
    else:
        app.push_screen(screen)
    prepare_detail(screen)  # the next caller's


# ---------------------------------------------------------------------------- made ahead
# An empty detail (no customer, no call made) is composed and mounted while the desk waits for
# the caller; opening a customer fills it and pushes it, so its making (9-15 ms of the event
# loop) is not between the key and the figures (docs/performance.md, "Tenth pass"). Used once,
# then removed as any popped screen is.

#: Seconds after the customer search was shown or a detail was opened before the next detail is
#: made ahead: once that screen's answers and frames are done with at SAP's usual speed (a key
#: typed while it is made waits behind one step of its 9-15 ms).
SPARE_AFTER = 0.25

_spares: weakref.WeakKeyDictionary[App[Any], CustomerDetailScreen] = weakref.WeakKeyDictionary()


def prepare_detail(screen: Screen[Any]) -> None:
    """Have an empty customer detail ready for the next customer opened, ``SPARE_AFTER`` after
    ``screen`` (the search, or the detail just opened) asked: a timer of that screen, which goes
    with it."""
    screen.set_timer(SPARE_AFTER, partial(_make_spare, screen.app), name="customer-detail-ahead")


def _make_spare(app: App[Any]) -> None:
    # (one at a time: it is kept here from its making until it is opened or removed)
    if app in _spares or not app.is_running or cast("Shell", app).session is None:
        return
    spare = _spares[app] = CustomerDetailScreen(None)
    # what Textual does with a screen pushed for the first time (``App._get_screen``): its
    # compose and mount run now, in its own task; its layout and frame come when it is pushed
    app._register(app, spare)


def _take_spare(app: App[Any], hit: CustomerHit) -> CustomerDetailScreen | None:
    """The detail made ahead, opened on ``hit``; None if there is none ready for the terminal as
    it is now (a detail made for another size has other breakpoint classes: it is removed)."""
    spare = _spares.pop(app, None)
    if spare is None:
        return None
    if not spare.ready_for(app.size):
        if spare.is_running:
            spare.remove()
        return None
    spare.open(hit)
    return spare


class CustomerDetailScreen(SapScreen):
    """Everything about the caller on one screen; each part fetched in parallel, painted as it comes."""

    HELP_TITLE = "Customer detail"
    HELP = (
        "Everything SAP knows about the caller, fetched afresh each time you open it. Tab moves to "
        "a part's list: Enter on a last order opens it (Orders, F7); on a ship-to account, Enter on "
        "one of its sold-to parties takes that as the caller. Typing a number or name here starts "
        "the next search."
    )
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    BINDINGS = [
        Binding("escape", "back", "Back", id="customer_detail.back"),
        Binding("p", "products", "Products", id="customer_detail.products"),
        Binding("o", "order", "Order", id="customer_detail.order"),
        Binding("r", "refresh", "Refresh", id="customer_detail.refresh"),
    ]

    PARTS = ("general", "sales", "credit", "orders", "items")

    def __init__(self, hit: CustomerHit | None, **kwargs: Any) -> None:
        """The detail of ``hit``; with None, an empty one made ahead (``open`` gives it its customer)."""
        super().__init__(**kwargs)
        self._hit = hit
        #: the terminal's size when made: its breakpoint classes are that size's
        self._made_for = self.app.size if hit is None else None
        self._fetched_at: dt.datetime | None = None
        self._customer: Customer | None = None
        self._sales: CustomerSalesData | None = None
        self._credit: CreditStatus | None = None
        #: typing here went to the search (see ``on_key``)
        self._handed_over = False
        #: the parts by name, made in ``compose``
        self._parts: dict[str, DataPart] = {}
        #: the content widgets made with the parts, until first shown (``_take_held``)
        self._held: dict[str, Widget] = {}
        #: the answers of the latest refresh, painted together (``Arrivals``)
        self._arrivals = Arrivals(self, 0)
        #: composed, its calls started, not yet shown (``on_screen_resume``)
        self._opening = False

    def compose(self) -> ComposeResult:
        asked = self._hit is not None
        # What each part shows for a customer, mounted with the screen, hidden: the answers fill
        # and show them; mounting them then, and waiting for their Mount events, was 5-8 ms of
        # each opening (docs/performance.md, "Tenth pass"). "items-table": the items' second.
        self._held = {
            "general": Static(), "sales": Static(), "partners": partners_table(), "credit": Static(),
            "orders": orders_table(), "items": Static(), "items-table": items_table(),
        }
        # kept by name: the header asks after every part at each answer (a query walks the screen)
        self._parts = {
            name: DataPart(title, id=f"part-{name}", asked=asked,
                           held=[widget for key, widget in self._held.items() if key.split("-")[0] == name])
            for name, title in (("general", "Address & contacts"), ("credit", "Credit"), ("sales", "Sales area"),
                                ("partners", "Partners"), ("orders", "Last orders"), ("items", "Open invoices"))
        }
        if asked:
            # The calls start now, while the screen is still being built: its widgets' mounting
            # and ScreenResume come after compose (20-35 ms at the sandbox's speed,
            # docs/performance.md); the answers in by then are painted in its first layout
            # (``SapScreen`` FIRST_FRAME_HOLD). ``on_screen_resume`` knows this first refresh is asked.
            self._opening = True
            self.action_refresh()
        yield Static(self._header_content(), id="customer-header")  # "fetching…" from the start
        # the body lays the parts out in a grid itself: a Grid inside it was one more widget to
        # mount, style, arrange and draw (32 blank lines) at every opening
        with PartsBody(id="customer-body"):
            yield from self._parts.values()

    def on_mount(self) -> None:
        # Arrow keys and PageUp/PageDown scroll the parts right away (80x24 stacks them).
        self.query_one("#customer-body", PartsBody).focus()

    @property
    def hit(self) -> CustomerHit:
        """The customer shown."""
        if self._hit is None:
            raise RuntimeError("this customer detail was made ahead and not opened yet")
        return self._hit

    def _take_held(self, key: str) -> Widget | None:
        """The widget made with the screen for ``key``, the first time it is asked for, if its
        part still holds it (an error or a "none" shown instead removes it)."""
        held = self._held.pop(key, None)
        part = self._parts[key.split("-")[0]]
        return held if held is not None and any(held is widget for widget in part.body) else None

    def _text(self, key: str, content: Content) -> Static:
        """A part's text: in the widget made with the screen the first time, in a new one after."""
        held = self._take_held(key)
        if isinstance(held, Static):
            held.update(content)
            return held
        return Static(content)

    def _table(self, key: str, make: Callable[[], FitTable]) -> FitTable:
        """A part's table, empty: the one made with the screen the first time, a new one after."""
        held = self._take_held(key)
        return held if isinstance(held, FitTable) else make()

    def ready_for(self, size: Size) -> bool:
        """(Made ahead.) Whether it can be opened now: composed and mounted, for this size."""
        return (self._hit is None and self.is_mounted and self._made_for == size
                and all(part.is_mounted for part in self._parts.values()))

    def open(self, hit: CustomerHit) -> None:
        """(Made ahead.) Show ``hit``: its calls start now, before the screen is pushed, as a new
        detail starts them in compose; their answers are painted in its first layout."""
        if self._hit is not None:
            raise RuntimeError("a customer detail shows one customer")
        self._hit = hit
        self._opening = True
        self.action_refresh()
        self._paint_header()

    # ------------------------------------------------------------------ header

    def _verdict(self) -> list[str]:
        """What stops a sale, in words, from whatever parts have arrived."""
        c, sales, credit = self._customer, self._sales, self._credit
        stops = []
        if self.hit.blocked or (c is not None and (c.order_block or c.posting_block or c.deletion_flag)):
            stops.append("BLOCKED")
        if sales is not None and sales.order_block and "BLOCKED" not in stops:
            stops.append("ORDER BLOCK")
        if credit is not None and credit.blocked:
            stops.append("CREDIT BLOCKED")
        elif credit is not None and credit.over_limit:
            stops.append("OVER CREDIT LIMIT")
        return stops

    def _header_content(self) -> Content:
        hit = self._hit
        if hit is None:
            return Content("")  # (made ahead: nobody yet)
        parts: list[Any] = [(fmt.doc_number(hit.number), "bold"), "  ", (hit.name, "bold")]
        if hit.city:
            parts += ["  ", hit.city]
        stops = self._verdict()
        for stop in stops:
            parts += ["  ", (f" {stop} ", "bold $text-error on $error-muted")]
        if hit.ship_to_only:
            parts += ["  ", (" SHIP-TO ONLY ", "bold $text-warning on $warning-muted"), ("  orders go through a sold-to", "$text-muted")]
        elif not stops and None not in (self._customer, self._sales, self._credit):
            parts += ["  ", (" may order ", "bold $text-success on $success-muted")]
        stamp = "fetching…" if self._loading() else fmt.fetched_at(self._fetched_at)
        parts += ["\n", (f"{stamp} · Esc back · p products for this customer · r refresh", "$text-muted")]
        return Content.assemble(*parts)

    @property
    def parts(self) -> tuple[DataPart, ...]:
        """The six parts, in the order they are shown."""
        return tuple(self._parts.values())

    def _loading(self) -> bool:
        """Whether any part still waits for SAP (the header says "fetched" only once all answered)."""
        # (a part is "loading" from its making: before the screen is shown, only once asked)
        return (self.is_mounted or self._opening) and any(part.state == "loading" for part in self._parts.values())

    def on_data_part_state_changed(self, _event: DataPart.StateChanged) -> None:
        self._paint_header()

    def _paint_header(self) -> None:
        update_if_changed(self.query_one("#customer-header", Static), self._header_content())

    def _part_arrived(self, painter: Callable[[Any, str], None], value: Any, at: dt.datetime) -> None:
        painter(value, fmt.fetched_at(at))
        self._arrived(at)

    def _arrived(self, at: dt.datetime) -> None:
        """A part's answer came: the header's stamp is the time of the last one."""
        if self._fetched_at is None or at > self._fetched_at:
            self._fetched_at = at
        self._paint_header()

    # ------------------------------------------------------------------ fetching

    def on_screen_resume(self) -> None:
        # Live data: entering (or coming back to) the detail always fetches afresh — but closing
        # help or the palette over it is no coming back.
        if self.returning_from_overlay():
            return
        if self._opening:  # the screen's first showing: compose started its calls
            self._opening = False
            return
        self.action_refresh()

    def action_refresh(self) -> None:
        session = self.session
        token = self.new_token("customer-detail")  # one token for all parts: answers of an older visit are dropped
        self._fetched_at = None
        self._customer = self._sales = self._credit = None
        gw, area, number = session.gateway, session.sales_area, self.hit.number
        today = session.today()
        self._parts["sales"].border_title = f"Sales area {area}"
        if self.hit.ship_to_only:
            self._parts["credit"].border_title = "Ships for"
        calls: dict[str, Callable[[], Any]] = {
            "general": partial(gw.customer, number),
            "sales": partial(gw.customer_sales_data, number, area),
            # a ship-to has no credit account (SAP says "Not found"): whom it belongs to instead
            "credit": partial(gw.sold_tos_of, number, area) if self.hit.ship_to_only else partial(gw.credit_status, number, area),
            "orders": partial(gw.find_orders, sales_area=area, customer=number, limit=LAST_ORDERS),
            # the same read as the Open items screen (F8): the payer's items when another pays
            "items": partial(gw.customer_open_items, number, sales_area=area, key_date=today),
        }
        for part in ("general", "sales", "partners", "credit", "orders", "items"):
            self._parts[part].show_loading()
        self._arrivals.drop()  # answers to an older refresh that wait to be painted
        self._arrivals = arrivals = Arrivals(self, len(calls))
        # The header stays as it is until the answers come or the parts spin (their StateChanged
        # repaints it then, "fetching…"): a quick answer is the refresh's only frame.
        for part, call in calls.items():
            painter = getattr(self, "_paint_sold_tos" if part == "credit" and self.hit.ship_to_only else f"_paint_{part}")
            self.fetch(
                call,
                arrivals.later(self._part_arrived, painter),
                group=f"customer-{part}",
                token=token,
                on_error=arrivals.later(self._part_failed, part),
            )

    def _part_failed(self, part: str, error: Exception, _at: dt.datetime) -> None:
        text = error_text(error)
        if part == "sales" and isinstance(error, NotFound):
            text = f"Customer {fmt.doc_number(self.hit.number)} is not defined in sales area {self.session.sales_area}"
        else:
            text += " · r to retry"
        targets = ("sales", "partners") if part == "sales" else (part,)
        for target in targets:
            self._parts[target].show_error(text)
        self._paint_header()

    # ------------------------------------------------------------------ painting

    def _paint_general(self, customer: Customer, stamp: str) -> None:
        self._customer = customer
        self._paint_header()
        a = customer.address
        parts: list[Any] = [(a.name, "bold")]
        if a.name2:
            parts += ["\n", a.name2]
        for line in (a.street, " ".join(p for p in (a.postal_code, a.city, a.region) if p), a.country):
            if line:
                parts += ["\n", line]
        home = home_country(self.session.sales_area)
        for label, value in (("Phone", fmt.phone(a.phone, a.country, home)), ("Fax", fmt.phone(a.fax, a.country, home)),
                             ("E-mail", a.email)):
            if value:
                parts += ["\n", (f"{label}: ", "$text-muted"), value]
        blocks = []
        if customer.order_block:
            blocks.append(f"order block {customer.order_block}")
        if customer.posting_block:
            blocks.append("posting block")
        if customer.deletion_flag:
            blocks.append("marked for deletion")
        if blocks:
            parts += ["\n", ("BLOCKED: " + ", ".join(blocks), "bold $error")]
        if customer.contacts:
            parts += ["\n", ("Contacts", "bold")]
            for c in customer.contacts:
                role = fmt.contact_role(c.function, c.department)
                reach = " · ".join(p for p in (fmt.phone(c.phone, a.country, home), c.email) if p)
                parts += ["\n", c.name]
                if role:
                    parts += [", " + role]
                if reach:
                    parts += ["\n  ", (reach, "$text-muted")]
        part = self._parts["general"]
        part.border_subtitle = stamp
        part.show(self._text("general", Content.assemble(*parts)))

    def _paint_sales(self, data: CustomerSalesData, stamp: str) -> None:
        self._sales = data
        self._paint_header()
        rows: list[tuple[str, str, str]] = [
            ("Currency", data.currency, ""),
            ("Payment terms", " ".join(p for p in (data.payment_terms, data.payment_terms_text) if p), ""),
            ("Shipping cond.", " ".join(p for p in (data.shipping_condition, data.shipping_condition_text) if p), ""),
            ("Incoterms", " ".join(p for p in (data.incoterms1, data.incoterms2) if p), ""),
            ("Deliv. plant", data.delivering_plant, ""),
        ]
        for label, code in (("Order block", data.order_block), ("Delivery block", data.delivery_block), ("Billing block", data.billing_block)):
            if code:
                rows.append((label, f"BLOCKED ({code})", "bold $error"))
        parts: list[Any] = []
        for label, value, style in rows:
            if parts:
                parts.append("\n")
            parts += [(f"{label:<15}", "$text-muted"), (value or "—", style) if style else (value or "—")]
        sales = self._parts["sales"]
        sales.border_subtitle = stamp
        sales.show(self._text("sales", Content.assemble(*parts)))

        table = self._table("partners", partners_table)
        for p in sorted(data.partners, key=lambda p: (PARTNER_ORDER.get(p.role, len(PARTNER_ORDER)), not p.is_default)):
            if not (p.number or p.name):
                continue  # a partner function without a partner: never an empty row
            role = PARTNER_NAMES.get(p.role, p.role)
            if p.role == "SH" and p.is_default:
                role += " " + DEFAULT_MARK
            table.add_row(Text(role), Text(fmt.doc_number(p.number)), Text(p.city), Text(p.name))
        partners = self._parts["partners"]
        several = sum(p.role == "SH" for p in data.partners) > 1
        partners.border_title = f"Partners  {DEFAULT_MARK} default ship-to" if several else "Partners"
        partners.border_subtitle = stamp
        if data.partners:
            partners.show(table)
        else:
            partners.show(Static(Content("No partners maintained"), classes="muted"))

    def _paint_sold_tos(self, sold_tos: tuple[CustomerHit, ...], stamp: str) -> None:
        part = self._parts["credit"]
        part.border_title = "Ships for  (Tab, Enter takes one as the caller)"
        part.border_subtitle = stamp
        if not sold_tos:
            part.show(Static(Content(f"No sold-to party in sales area {self.session.sales_area} delivers to this ship-to"), classes="muted"))
            return
        part.show(
            Static(Content.assemble(
                ("A ship-to account takes deliveries but does not order: ", "bold"),
                "orders, prices and credit are its sold-to's.",
            )),
            SoldTosTable(sold_tos),
        )

    def _paint_credit(self, credit: CreditStatus, stamp: str) -> None:
        self._credit = credit
        self._paint_header()
        cur = credit.currency
        headroom_style = "bold $error" if credit.over_limit else ("$success" if credit.headroom > 0 else "$warning")
        headroom = fmt.money(credit.headroom, cur)
        parts: list[Any] = [
            ("Limit          ", "$text-muted"), fmt.money(credit.limit, cur), "\n",
            ("Exposure       ", "$text-muted"), fmt.money(credit.exposure, cur), "\n",
            ("Headroom       ", "$text-muted"), (headroom + ("  OVER LIMIT" if credit.over_limit else ""), headroom_style),
        ]
        if credit.blocked:
            parts += ["\n", ("CREDIT BLOCKED: new orders go to credit release", "bold $error")]
        extra = []
        if credit.risk_category:
            extra.append(f"risk category {credit.risk_category}")
        if credit.days_in_arrears:
            extra.append(f"{credit.days_in_arrears} days in arrears")
        if credit.account and credit.account != self.hit.number:
            extra.append(f"payer {fmt.doc_number(credit.account)}")
        if extra:
            parts += ["\n", (" · ".join(extra), "$text-muted")]
        part = self._parts["credit"]
        part.border_subtitle = stamp
        part.show(self._text("credit", Content.assemble(*parts)))

    def _paint_orders(self, result: SearchResult, stamp: str) -> None:
        part = self._parts["orders"]
        part.border_subtitle = stamp
        if not result.hits:
            part.show(Static(Content("No orders in this sales area"), classes="muted"))
            return
        table = self._table("orders", orders_table)
        for o in result.hits:
            table.add_row(
                Text(fmt.doc_number(o.number)),
                Text(fmt.date(o.created)),
                Text(o.status),
                Text(fmt.money(o.net_value, o.currency), justify="right"),
                Text(o.customer_po),
                key=fmt.doc_number(o.number),
            )
        part.border_title = "Last orders  (Tab, Enter opens one)"
        part.show(table)

    def _paint_items(self, open_items: CustomerOpenItems, stamp: str) -> None:
        part = self._parts["items"]
        part.border_subtitle = stamp
        today = self.session.today()
        items = open_items.items
        paid_by = ""
        if open_items.payer and open_items.payer != open_items.customer:
            paid_by = f"paid by {open_items.payer} {open_items.payer_name}".rstrip() + ": the payer's items"
        if not items:
            part.show(Static(Content("No open items" + (f" ({paid_by})" if paid_by else "")), classes="muted"))
            return
        table = self._table("items-table", items_table)
        totals: dict[str, list] = {}
        for item in sorted(items, key=lambda i: (i.due_date or dt.date.max)):
            days = item.days_overdue(today)
            table.add_row(
                Text(fmt.doc_number(item.reference or item.document)),
                Text(fmt.date(item.due_date)),
                Text(fmt.money(item.amount, item.currency), justify="right"),
                Cell(fmt.days_overdue(days), "bold $error" if days > 0 else ""),
            )
            t = totals.setdefault(item.currency, [Decimal(0), Decimal(0)])
            t[0] += item.amount
            if days > 0:
                t[1] += item.amount
        summary = " · ".join(
            f"open {fmt.money(open_, cur)}" + (f", overdue {fmt.money(over, cur)}" if over else "")
            for cur, (open_, over) in totals.items()
        )
        part.show(self._text("items", Content(summary + (f"\n{paid_by}" if paid_by else ""))), table)

    # ------------------------------------------------------------------ keys

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_order(self) -> None:
        """o: an order for this customer (order entry, issue 9)."""
        from ordertui.screens.order_entry import start_order

        start_order(self.app)

    def action_products(self) -> None:
        if self.hit.ship_to_only:
            self.notify(f"{fmt.doc_number(self.hit.number)} is a ship-to: take one of its sold-to parties as the caller "
                        "(Tab, Enter) to price for it.", severity="warning")
            return
        from ordertui.screens.products import open_product_search  # noqa: PLC0415 — loaded with its area

        open_product_search(self.app)

    def on_key(self, event: events.Key) -> None:
        # The next call comes in while this one is on screen: what is typed is the next search.
        # Keys typed in the same burst may still reach this screen after it gave way to the
        # search: they follow the first ones there.
        if typed_character(self, event):
            event.stop()
            event.prevent_default()
            search_customers(self.app, event.character or "", append=self._handed_over)
            self._handed_over = True
        elif self._handed_over and event.key in ("enter", "backspace"):
            event.stop()
            event.prevent_default()
            if event.key == "enter":
                search_customers(self.app, "", submit=True, append=True)
            elif isinstance(self.app.screen, SearchScreen):
                self.app.screen.search_input.action_delete_left()


class SoldTosTable(FitTable):
    """The sold-to parties a ship-to account belongs to: Enter takes one as the caller."""

    BINDINGS = [Binding("enter", "take", "Take as caller", id="customer_detail.take_sold_to")]

    def __init__(self, hits: tuple[CustomerHit, ...], **kwargs: Any) -> None:
        super().__init__(
            (Column("Sold-to", "number"), Column("Name", "name", flex=True, min_width=12), Column("City", "city", flex=True)),
            cursor_type="row", **kwargs,
        )
        self.hits = {h.number: h for h in hits}
        for hit in hits:
            self.add_row(Text(fmt.doc_number(hit.number)), Text(hit.name), Text(hit.city), key=hit.number)

    def action_take(self) -> None:
        if self.row_count:
            hit = self.hits[str(self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value)]
            open_customer(self.app, hit)
