"""The quote: price (one BAPI_SALESORDER_SIMULATE: condition breakdown, confirmed schedule,
credit) and availability per plant of one material for the current customer, for a quantity,
unit and date. Changing them and pressing Enter quotes again; answers for an older quote are
dropped (request tokens). Opened from the product search (``ordertui.screens.products``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal
from textual.content import Content
from textual.widgets import Input, Label, Select, Static

from ordertui import format as fmt
from ordertui.model import (
    Availability,
    CustomerHit,
    DraftLine,
    Material,
    MaterialHit,
    OrderDraft,
    Plant,
    PriceScale,
    Quote,
    SalesStatus,
)
from ordertui.screens.base import SapScreen
from ordertui.screens.caller import customer_banner, find_key, go_to_customers
from ordertui.screens.quote_inputs import MAX_PLANTS, base_per_unit, parse_plants
from ordertui.screens.quote_tables import atp_table, price_table, schedule_content
from ordertui.screens.search import error_text
from ordertui.widgets.customer_panels import Arrivals, DataPart, PartsBody, update_if_changed
from ordertui.widgets.fields import TypeAheadInput, TypeAheadSelect
from ordertui.widgets.fit_table import Column, FitTable, ReadOnlyTable
from ordertui.widgets.themed import Cell


QUOTE_HINT = "Enter quotes again · a unit after the quantity (12 PC) or F4 · Esc back"


# =========================================================================== quote screen


class ProductQuoteScreen(SapScreen):
    """Price (one simulate call) and availability per plant for a quantity and date."""

    HELP_TITLE = "Price and availability"
    HELP = "Change quantity, date or plants and press Enter to quote again; every figure comes from SAP when asked."
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    BINDINGS = [
        Binding("escape", "back", "Back", id="product_quote.back"),
        Binding("f5", "requote", "Quote again", id="product_quote.requote"),
        Binding("f4", "choose_unit", "Unit", id="product_quote.unit"),
        Binding("c", "customers", "Find customer", id="product_quote.customers"),
        Binding("f6,o", "order", "Order this", id="product_quote.order"),
        Binding("pagedown", "scroll_body(1)", "Scroll", show=False, id="product_quote.page_down"),
        Binding("pageup", "scroll_body(-1)", "Scroll", show=False, id="product_quote.page_up"),
    ]

    def __init__(self, hit: MaterialHit, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.hit = hit
        self.material: Material | None = None
        self._material_at: dt.datetime | None = None
        self._quote_at: dt.datetime | None = None
        self._atp_at: dt.datetime | None = None
        self._atp: dict[str, Availability | BaseException] = {}
        #: the sales org's plants (gateway.plants), None until they are known for this screen
        self._plants: dict[str, Plant] | None = None
        #: the material's price scales (gateway.price_scales), None until SAP answered
        self._scales: tuple[PriceScale, ...] | None = None
        #: or why SAP did not give them (kept until the material is there to be shown beside)
        self._scales_error: Exception | None = None
        self._scales_at: dt.datetime | None = None
        self._quantity = Decimal(1)
        self._date: dt.date | None = None
        self._atp_plants: tuple[str, ...] = ()
        #: why the last requote was not sent (what the field message says)
        self._input_problem = ""
        #: SAP's answer to the current quote (None while asked, or without a customer)
        self._quote: Quote | None = None
        #: the unit the last quote asked for
        self._asked_unit = ""
        #: the price and availability tables and the schedule line, refilled at each requote:
        #: the parts keep them mounted (a new table each time cost a mount and a restyle, and
        #: availability was built anew for each plant's answer)
        self._price_table: FitTable | None = None
        self._schedule: Static | None = None
        self._atp_table: FitTable | None = None
        #: the four parts, made in ``compose``; the answers of the latest quote, painted together
        self._parts: tuple[DataPart, ...] = ()
        self._arrivals = Arrivals(self, 0)

    def compose(self) -> ComposeResult:
        yield Static(self._header(), id="quote-header")
        with Horizontal(id="quote-inputs"):
            yield Label("Qty")
            yield TypeAheadInput("1", id="quote-qty", select_on_focus=True, tab_to="#quote-date")
            # Tab goes qty -> date -> plants: a unit is typed after the quantity ("12 PC") or chosen with F4
            yield TypeAheadSelect([], id="quote-unit", prompt="unit", compact=True, allow_blank=True)
            yield Label("Date")
            yield TypeAheadInput("", id="quote-date", placeholder="YYYY-MM-DD, fri, +3", select_on_focus=True, back_to="#quote-qty")
            yield Label("Plants")
            yield TypeAheadInput("", id="quote-plants", placeholder="1000 1100", select_on_focus=False)
        yield Static(Content(QUOTE_HINT), id="quote-msg")
        with PartsBody(id="quote-body"):  # its scrollbar in its first layout at 80x24
            with Grid(id="quote-grid"):
                # kept: the header asks each part whether it is loading at every answer (a query
                # walks the whole screen)
                self._parts = (
                    DataPart("Price", id="part-price"),
                    DataPart("Availability", id="part-atp"),
                    DataPart("Material", id="part-material"),
                    DataPart("Quantity scales", id="part-scales"),
                )
                yield from self._parts

    def on_mount(self) -> None:
        self.query_one("#quote-date", Input).value = self.session.today().isoformat()
        self.watch(self.app, "current_customer", self._customer_changed, init=False)
        self.query_one("#quote-qty", Input).focus()

    def _header(self) -> Content:
        customer = self.shell.current_customer if self.is_attached else None
        parts: list[Any] = [(fmt.doc_number(self.hit.number), "bold"), "  ", self.hit.description]
        if self.material is not None and self.material.sales_status is not SalesStatus.ACTIVE:
            parts += ["  ", (f" {self.material.sales_status.value.upper()} ", "bold $text-error on $error-muted")]
        parts += ["\n", customer_banner(customer, find_key(self.shell) if self.is_attached else "F2")]
        stamps = [at for at in (self._quote_at, self._material_at, self._atp_at) if at is not None]
        loading = self.is_mounted and any(part.state == "loading" for part in self._parts)
        # "fetched" only once every part has its answer: a stamp beside spinners would claim data
        # that has not arrived (issue 8 item 19)
        parts += ["\n", ("fetching…" if loading or not stamps else fmt.fetched_at(max(stamps)), "$text-muted")]
        return Content.assemble(*parts)

    def on_data_part_state_changed(self, _event: DataPart.StateChanged) -> None:
        self._paint_header()

    def _paint_header(self) -> None:
        update_if_changed(self.query_one("#quote-header", Static), self._header())

    def _customer_changed(self, customer: CustomerHit | None) -> None:
        self._paint_header()
        if self.material is not None:
            self.action_requote()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "customers" and isinstance(self.focused, Input):
            return False
        return True

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_order(self) -> None:
        """F6 (or o outside a field): an order for the current customer with this material and
        quantity, in the unit it was quoted in, as line 1 (order entry, issue 9)."""
        from ordertui.screens.order_entry import start_order

        start_order(self.app, material=self.hit.number, quantity=self._quantity, unit=self._asked_unit)

    def action_customers(self) -> None:
        go_to_customers(self.shell)

    def action_scroll_body(self, direction: int) -> None:
        """PageUp/PageDown scroll the panels even while the cursor is in an input (80x24)."""
        body = self.query_one("#quote-body", PartsBody)
        if direction > 0:
            body.scroll_page_down()
        else:
            body.scroll_page_up()

    # ------------------------------------------------------------------ fetching

    def on_screen_resume(self) -> None:
        # Live data: every visit reads the material again and quotes afresh; closing help or the
        # palette is no visit (nothing the quote depends on changed).
        if self.returning_from_overlay():
            return
        self._load_material()

    def _load_material(self) -> None:
        session = self.session
        token = self.new_token("material")  # material and plants: the first quote waits for both
        self._scales = self._scales_error = self._scales_at = None
        for part in ("material", "scales", "price", "atp"):
            self.query_one(f"#part-{part}", DataPart).show_loading()
        # Two round trips to the first quote: the material without its price scales and the
        # plants take one each, side by side, and the quote follows; the scales (A004, then
        # KONP and KONM) take two and are painted when they come, beside the quote.
        self.fetch(
            partial(session.gateway.material, self.hit.number, sales_area=session.sales_area, scales=False),
            self._material_loaded, group="product-material", token=token, on_error=self._material_failed,
        )
        self.fetch(
            partial(session.gateway.price_scales, self.hit.number, sales_area=session.sales_area),
            self._scales_loaded, group="product-scales", token=token, on_error=self._scales_failed,
        )
        if self._plants is None:  # alongside the material
            self.fetch(
                partial(session.gateway.plants, session.sales_area),
                self._plants_loaded, group="product-plants", token=token,
                # Without the list the quote falls back to the delivering and the user's plant.
                on_error=lambda _error, _at: self._plants_loaded((), _at),
            )

    def _inputs(self) -> tuple[Decimal, dt.date, tuple[str, ...]] | None:
        """Read quantity, date and plants; say what is wrong at the field and return None."""
        msg = self.query_one("#quote-msg", Static)
        today = self.session.today()
        checks: list[tuple[str, str, Callable[[str], Any]]] = [
            ("#quote-qty", "Quantity", self._parse_quantity),
            ("#quote-date", "Date", partial(fmt.parse_date, today=today)),
            ("#quote-plants", "Plants", parse_plants),
        ]
        values = []
        for selector, label, parse in checks:
            field = self.query_one(selector, Input)
            try:
                values.append(parse(field.value))
            except ValueError as exc:
                self._input_problem = f"{label}: {exc}"
                msg.update(Content(self._input_problem))
                msg.add_class("-error")
                field.focus()
                return None
        quantity, date, plants = values
        if not plants:
            self._input_problem = "Plants: name at least one plant"
            msg.update(Content(self._input_problem))
            msg.add_class("-error")
            self.query_one("#quote-plants", Input).focus()
            return None
        msg.remove_class("-error")
        update_if_changed(msg, Content(QUOTE_HINT))  # the same hint at every requote: no layout for it
        return quantity, date, plants

    @on(Input.Submitted, "#quote-qty, #quote-date, #quote-plants")
    def _submitted(self, event: Input.Submitted) -> None:
        self.action_requote()

    def action_requote(self) -> None:
        material = self.material
        if material is None:
            return
        read = self._inputs()
        if read is None:
            # Nothing is asked of SAP, so nothing may keep spinning, and figures for the inputs
            # before do not belong beside these.
            problem = self._input_problem
            self._price_table = self._schedule = self._atp_table = None  # replaced below
            for part in ("price", "atp"):
                widget = self.query_one(f"#part-{part}", DataPart)
                widget.border_subtitle = ""  # no "fetched" stamp over figures that are not there
                widget.show(Static(Content.assemble(("Not quoted", "bold"), f" — {problem}. Fix it and press Enter."), classes="muted"))
            return
        quantity, date, plants = read
        unit = self._asked_unit = self.unit()
        self._quantity, self._date = quantity, date
        self.query_one("#quote-date", Input).value = date.isoformat()
        session = self.session
        gw = session.gateway
        token = self.new_token("quote")
        self._quote = None
        price = self.query_one("#part-price", DataPart)
        customer = self.shell.current_customer
        self._arrivals.drop()
        self._arrivals = arrivals = Arrivals(self, len(plants) + (customer is not None))
        if material.sales_status is SalesStatus.NOT_IN_SALES_ORG:
            text = f"Not sold in sales org {session.sales_area.sales_org}: no price and no order possible"
            price.show_error(text)
            self.query_one("#part-atp", DataPart).show_error(text)
            return
        if customer is None:
            self._price_table = self._schedule = None  # replaced by the banner
            price.show(Static(customer_banner(None, find_key(self.shell))))
        else:
            price.show_loading()
            draft = OrderDraft(
                sold_to=customer.number,
                sales_area=session.sales_area,
                lines=(DraftLine(material.number, quantity, unit, "", date),),
                requested_date=date,
            )
            self.fetch(partial(gw.simulate, draft), arrivals.later(self._quote_loaded), group="product-simulate", token=token,
                       on_error=arrivals.later(self._quote_failed))
        # Availability per plant runs alongside the simulate call, one worker per plant.
        self._atp = {}
        self.query_one("#part-atp", DataPart).show_loading()
        self._atp_plants = plants
        for plant in plants:
            self.fetch(
                partial(gw.availability, material.number, plant, unit, quantity, date),
                arrivals.later(self._atp_loaded, plant), group=f"product-atp-{plant}", token=token,
                on_error=arrivals.later(self._atp_loaded, plant),
            )

    # ------------------------------------------------------------------ painting

    def _material_failed(self, error: Exception, _at: dt.datetime) -> None:
        for part in ("material", "scales", "price", "atp"):
            self.query_one(f"#part-{part}", DataPart).show_error(error_text(error))

    def _material_loaded(self, m: Material, at: dt.datetime) -> None:
        self.material = m
        self._material_at = at
        self._paint_header()
        self._offer_units(m)
        self._paint_material()
        if self._scales is not None:
            self._paint_scales(self._scales)
        elif self._scales_error is not None:  # the scales failed before the material came
            self.query_one("#part-scales", DataPart).show_error(error_text(self._scales_error))
        self._default_plants_then_quote()

    def _scales_loaded(self, scales: tuple[PriceScale, ...], at: dt.datetime) -> None:
        self._scales = scales
        self._scales_at = at
        if self.material is not None:  # a material SAP refused shows that error here instead
            self._paint_scales(scales)

    def _scales_failed(self, error: Exception, _at: dt.datetime) -> None:
        self._scales, self._scales_error = None, error
        if self.material is not None:
            self.query_one("#part-scales", DataPart).show_error(error_text(error))

    def _paint_scales(self, scales: tuple[PriceScale, ...]) -> None:
        m = self.material
        part = self.query_one("#part-scales", DataPart)
        if m is not None and m.sales_status is SalesStatus.NOT_IN_SALES_ORG:
            scales = ()  # a price record of a material the sales org does not sell is not shown
        if scales:
            table = ReadOnlyTable((Column("From", "from"), Column("Price", "price", justify="right")))
            for s in scales:
                table.add_row(
                    # KSTBM 0 (or no scale at all): the price holds from any quantity.
                    Text(fmt.quantity(s.from_quantity, s.unit) if s.from_quantity else "any quantity"),
                    # always per what: "USD 6.40 / PC" for a material sold in cases
                    Text(f"{fmt.money(s.price, s.currency)} / {fmt.quantity(s.per, s.unit) if s.per != 1 else s.unit}", justify="right"),
                )
            part.show(table)
        else:
            part.show(Static(Content("No quantity scales"), classes="muted"))
        # when SAP said it, as on the other parts (SAP's answer "no scales" is a figure too)
        part.border_subtitle = fmt.fetched_at(self._scales_at) if self._scales_at is not None else ""

    def _paint_material(self) -> None:
        m = self.material
        if m is None:
            return
        status_style = "" if m.sales_status is SalesStatus.ACTIVE else "bold $error"
        status_text = m.sales_status.value + (f" ({m.sales_status_code})" if m.sales_status_code else "")
        rows: list[tuple[str, Any]] = [
            ("Description", m.description),
            ("Sales unit", m.sales_unit + (f" (base {m.base_unit})" if m.base_unit != m.sales_unit else "")),
            ("Sales status", (status_text, status_style) if status_style else status_text),
        ]
        if m.minimum_order_qty:
            rows.append(("Min. order", fmt.quantity(m.minimum_order_qty, m.sales_unit)))
        if m.gross_weight:
            rows.append(("Gross weight", fmt.quantity(m.gross_weight, m.weight_unit)))
        if m.delivering_plant:
            rows.append(("Deliv. plant", self.plant_label(m.delivering_plant)))
        if m.material_group:
            rows.append(("Group", m.material_group))
        for u in m.units:
            if u.unit != m.base_unit:
                rows.append((f"1 {u.unit}", fmt.quantity(u.numerator / u.denominator, m.base_unit)))
        parts: list[Any] = []
        for label, value in rows:
            if parts:
                parts.append("\n")
            parts += [(f"{label:<13}", "$text-muted"), value]
        part = self.query_one("#part-material", DataPart)
        part.border_subtitle = fmt.fetched_at(self._material_at)
        part.show(Static(Content.assemble(*parts)))

    def _plants_loaded(self, plants: tuple[Plant, ...], _at: dt.datetime) -> None:
        self._plants = {p.number: p for p in plants}
        self._paint_material()  # the delivering plant gets its name
        self._default_plants_then_quote()

    def _default_plants_then_quote(self) -> None:
        """Once material and plants are known: fill an empty plants field and quote."""
        m = self.material
        if m is None or self._plants is None:
            return
        plants_input = self.query_one("#quote-plants", Input)
        if not plants_input.value.strip():
            session = self.session
            default_plant = session.defaults.plant if session.defaults is not None else ""
            candidates = (m.delivering_plant, *self._plants, default_plant)
            plants_input.value = " ".join(list(dict.fromkeys(p for p in candidates if p))[:MAX_PLANTS])
        self.action_requote()

    def _offer_units(self, m: Material) -> None:
        """The units this material is sold in (MARM), its sales unit first; SAP converts."""
        options = self._unit_options(m)
        units = [u for u, _label in options]
        select = self.query_one("#quote-unit", TypeAheadSelect)
        keep = select.value if select.value in units else units[0]
        with select.prevent(Select.Changed):
            select.set_options([(label, u) for u, label in options])
            select.value = keep

    @staticmethod
    def unit_label(m: Material, unit: str) -> str:
        """The unit's code; what it holds in the base unit is in the Material part (1 CAR 12 PC)."""
        return unit

    def _parse_quantity(self, text: str) -> Decimal:
        """``40``, or ``40 PC`` / ``3car``: a unit typed after the number chooses it (the unit list
        is F4), as an order taker hears it from the caller."""
        m = self.material
        found = fmt.quantity_and_unit(text)
        if found and m is not None:
            number, typed_unit = found
            units = [u for u, _label in self._unit_options(m)]
            unit = next((u for u in units if u.casefold() == typed_unit.casefold()), None)
            if unit is None:
                raise ValueError(f"{typed_unit} is not a unit of this material ({', '.join(units)})")
            select = self.query_one("#quote-unit", TypeAheadSelect)
            if select.value != unit:
                with select.prevent(Select.Changed):
                    select.value = unit
            return fmt.parse_quantity(number)
        return fmt.parse_quantity(text)

    def _unit_options(self, m: Material) -> list[tuple[str, str]]:
        units = list(dict.fromkeys(u for u in (m.sales_unit or m.base_unit, *(u.unit for u in m.units), m.base_unit) if u))
        return [(u, self.unit_label(m, u)) for u in units]

    def action_choose_unit(self) -> None:
        select = self.query_one("#quote-unit", TypeAheadSelect)
        select.focus()
        select.expanded = True

    def unit(self) -> str:
        """The unit the quantity is typed in: the one chosen, else the material's sales unit."""
        value = self.query_one("#quote-unit", TypeAheadSelect).value
        if isinstance(value, str) and value:
            return value
        m = self.material
        return (m.sales_unit or m.base_unit) if m is not None else ""

    @on(Select.Changed, "#quote-unit")
    def _unit_changed(self, _event: Select.Changed) -> None:
        # another unit is another quantity: quote it (not when the list was only filled in)
        if self._asked_unit and self.unit() != self._asked_unit:
            self.action_requote()

    def qty(self, value: Decimal, unit: str) -> str:
        """A quantity of this material: whole cases and loose pieces, never 366.667 CAR."""
        m = self.material
        if m is None:
            return fmt.quantity(value, unit)
        return fmt.quantity_whole(value, unit, m.base_unit, base_per_unit(m, unit))

    def plant_label(self, number: str) -> str:
        """``1000 Dayton``: the plant with its city (or name) when the sales org's list has it."""
        plant = (self._plants or {}).get(number)
        where = (plant.city or plant.name) if plant is not None else ""
        return f"{number} {where}" if where else number

    def _quote_failed(self, error: Exception, _at: dt.datetime) -> None:
        self.query_one("#part-price", DataPart).show_error(error_text(error))

    def _quote_loaded(self, quote: Quote, at: dt.datetime) -> None:
        self._quote = quote
        if self._atp_plants and self._atp:
            self._paint_atp(self._atp_at)  # availability follows what SAP's order check said
        price = self.query_one("#part-price", DataPart)
        self._quote_at = at
        self._paint_header()
        price.border_subtitle = fmt.fetched_at(at)
        widgets: list[Any] = []
        line = quote.lines[0] if quote.lines else None
        if line is not None:
            cur = line.currency or quote.currency
            if self._price_table is None:
                self._price_table = price_table()
            table = self._price_table
            table.clear()
            for c in line.conditions:
                if c.inactive:
                    continue
                if c.rate_unit == "%":
                    rate = fmt.percent(c.rate)
                else:
                    same_unit = c.per == 1 and (not c.uom or c.uom == line.unit)
                    per = c.uom if c.per == 1 else fmt.quantity(c.per, c.uom)
                    rate = fmt.money(c.rate, c.rate_unit) + ("" if same_unit else f"/{per}")
                style = "$text-muted" if c.statistical else ""
                name = Cell(c.name or c.type, style).plus(f" {c.type}" + (" stat." if c.statistical else ""), "$text-muted")
                table.add_row(
                    name,
                    Cell(rate, style, justify="right"),
                    Cell(fmt.money(c.value, c.currency or cur), style, justify="right"),
                )
            bold = "bold"
            table.add_row(Text(f"Net per {line.unit}", style=bold), Text(fmt.money(line.net_price, cur), justify="right", style=bold), Text(""))
            table.add_row(Text(f"Net value, {fmt.quantity(line.quantity, line.unit)}", style=bold), Text(""), Text(fmt.money(line.net_value, cur), justify="right", style=bold))
            table.add_row(Text("Tax"), Text(""), Text(fmt.money(line.tax, cur), justify="right"))
            table.add_row(Text("Total", style=bold), Text(""), Text(fmt.money(line.net_value + line.tax, cur), justify="right", style=bold))
            widgets.append(table)
            if self._schedule is None:
                self._schedule = Static()
            self._schedule.update(schedule_content(line, self._quantity, self._date, self.qty))
            widgets.append(self._schedule)
        else:
            widgets.append(Static(Content("SAP returned no item for this material"), classes="part-error"))
            self._price_table = self._schedule = None  # removed from the part below: never shown again
        # SAP's success notes ("VBAKKOM has been processed") say nothing to the caller.
        messages = [m for m in list(quote.messages) + (list(line.messages) if line is not None else []) if m.type != "S"]
        if quote.credit is not None and quote.credit.blocked:
            cc = quote.credit
            widgets.append(
                Static(
                    Content.assemble(
                        ("Credit block: ", "bold $error"),
                        f"exposure {fmt.money(cc.exposure, cc.currency)} of limit {fmt.money(cc.limit, cc.currency)}, headroom {fmt.money(cc.headroom, cc.currency)}",
                    )
                )
            )
        for m in messages:
            style = "$error" if m.is_error else ("$warning" if m.is_warning else "$text-muted")
            widgets.append(Static(Content.assemble((f"{m.type} {m.code}  ", style), m.text)))
        price.show(*widgets)

    def _atp_loaded(self, plant: str, answer: Availability | Exception, at: dt.datetime) -> None:
        self._atp[plant] = answer
        self._atp_at = at
        self._paint_atp(at)
        self._paint_header()

    def _paint_atp(self, at: dt.datetime | None) -> None:
        part = self.query_one("#part-atp", DataPart)
        if self._atp_table is None:
            self._atp_table = atp_table()
        table = self._atp_table
        table.clear()
        for plant in self._atp_plants:
            got = self._atp.get(plant)
            if got is None:
                table.add_row(Text(self.plant_label(plant)), Text("…"), Text("checking…"), Text(""))
            elif isinstance(got, BaseException):
                table.add_row(Text(self.plant_label(plant)), Text(""), Cell("error", "$error"), Cell(error_text(got), "$error"))
            else:
                # one delivery per line: a second one is never cut off at the panel's edge
                table.add_row(*self._atp_row(got))
        part.border_subtitle = fmt.fetched_at(at)
        part.show(table)

    def not_orderable(self) -> str:
        """Why SAP will not take an order for this material now ("" = it will): its sales status,
        or an error SAP's order check gave for the line. Availability then says so instead of
        promising stock that cannot be sold (one answer per screen, issue 8 item 4)."""
        m = self.material
        if m is not None and m.sales_status in (SalesStatus.DISCONTINUED, SalesStatus.BLOCKED):
            return m.sales_status.value + (f" ({m.sales_status_code})" if m.sales_status_code else "")
        line = self._quote.lines[0] if self._quote is not None and self._quote.lines else None
        refused = next((msg for msg in line.messages if msg.is_error), None) if line is not None else None
        if refused is not None:
            return f"SAP: {refused.type} {refused.code}".strip()
        return ""

    def _atp_row(self, a: Availability) -> tuple[Text | Cell, ...]:
        confirmed = [c for c in a.confirmations if c.quantity > 0]
        refused = self.not_orderable()
        if refused:
            return (Text(self.plant_label(a.plant)), Text(self.qty(a.available_at_plant, a.unit), justify="right"),
                    Cell("not orderable", "bold $error"), Cell(refused, "$text-muted"))
        text = "\n".join(f"{self.qty(c.quantity, a.unit)} {fmt.date_weekday(c.date)}" for c in confirmed) or "none"
        if a.fully_confirmed:
            status = Cell("in full", "bold $success")
        elif a.confirmed_on_requested_date > 0:
            status = Cell(f"partial {fmt.number(a.confirmed_on_requested_date)}/{fmt.number(a.requested_quantity)}", "bold $warning")
        elif a.confirmed_quantity > 0:
            status = Cell("later", "bold $warning")
        else:
            status = Cell("none", "bold $error")
        return (Text(self.plant_label(a.plant)), Text(self.qty(a.available_at_plant, a.unit), justify="right"), status, Text(text))


