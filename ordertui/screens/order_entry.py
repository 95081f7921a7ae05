"""Order entry: key a phone or fax order at full speed, with live price, stock and credit, and save
it exactly once (issue 9; scenarios 1, 3, 4 and 7).

The rules live in ``ordertui.ordering`` (no UI); this screen shows a draft and sends it:

- Header: sold-to (the current customer, or a number typed; blocked / not in the sales area /
  unknown said at once), ship-to from the customer's partners (default preselected, city shown),
  customer PO (35 at most, said at the field; an order of this sold-to with the same PO is looked
  up), requested date (``format.parse_date``: 2026-12-04, 12/04, +3, fri), shipping condition;
  order type and sales area from the session; credit from the simulate.
- Lines in a ``LineGrid`` (one Line API widget, cheap at 999 lines) and ONE line editor under it:
  material, Tab, quantity, Enter opens the next line; F4 searches materials (and lists units in the
  unit field); Enter on a grid line edits it, Delete removes it, Ctrl+Z brings it back.
- After each settled edit one BAPI_SALESORDER_SIMULATE for the whole draft, debounced; a newer
  edit supersedes the call in flight (``fetch`` tokens). Typing never waits on SAP; when SAP is
  away the lines keep what was typed and the simulate is retried on the next edit and on a timer.
- A pasted fax (bracketed paste) becomes lines in one go; unreadable lines are listed with their
  text. One simulate for the whole paste.
- F9 saves (SAP's Ctrl+S is swallowed by terminals): the problem list and the summary, Enter
  confirms. Once sent, the draft is uncertain until SAP answers: "check SAP" looks it up, and a
  resend is possible only after an answered lookup found nothing past the update-task grace, and
  only when the user confirms it (``ordertui.ordering.save``).
- Drafts live on the desk (memory only): Ctrl+N starts another, Ctrl+R or the palette returns to one (F8 is Open items).

Beside this module: ``order_fields`` (the fields that keep typed-ahead keys in order),
``order_header`` (header steps and the sold-to / PO checks), ``order_lines`` (the line editor
and pastes), ``order_pricing`` (the simulate,
F4 material and unit lookups), ``order_save`` (save and "check SAP"),
``order_views`` (what is shown of a draft, as pure functions) and ``order_start`` (reaching order
entry from elsewhere: ``start_order``, the palette's drafts, unsaved drafts at quit).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Digits, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from ordertui.model import CustomerHit
from ordertui.ordering.draft import EntryDraft, forget_finished
from ordertui.ordering.save import State
from ordertui.screens import order_views as views
from ordertui.screens.base import SapScreen
from ordertui.screens.order_fields import OrderInput, OrderSelect, SavedPanel
from ordertui.screens.order_header import NEW_ORDER_HINT, HeaderSteps
from ordertui.screens.order_lines import LineSteps
from ordertui.screens.order_pricing import PricingSteps
from ordertui.screens.order_save import SaveSteps
from ordertui.screens.order_start import OpenDraftsProvider, open_draft, origin_of, start_order, unsaved_drafts
from ordertui.widgets.line_grid import LineGrid
from ordertui.widgets.order_dialogs import DraftList



class OrderEntryScreen(HeaderSteps, LineSteps, PricingSteps, SaveSteps, SapScreen):
    """One order draft at a time; the others wait on the desk."""

    HELP_TITLE = "Order entry"
    HELP = (
        "Material, Tab, quantity, Enter: the line is added and the next one opens. F4 searches a "
        "material (or, in the unit field, lists the material's units). Up from the line editor goes "
        "into the lines: Enter edits one, Delete removes it, Ctrl+Z brings it back. Paste a fax or an "
        "e-mail (your terminal's paste) and every readable line becomes an order line. Prices, stock "
        "and credit come from one SAP simulate after each edit. F9 saves (SAP's Ctrl+S): every problem "
        "is listed first. If the connection breaks while saving, ordertui looks the order up in SAP "
        "before it would ever send it again. Ctrl+N starts another order; Ctrl+R or the palette returns to one."
    )

    COMMANDS = {OpenDraftsProvider}

    BINDINGS = [
        Binding("f9", "save", "Save", id="order.save"),
        Binding("f9", "check_sap", "Check SAP", id="order.check_sap"),
        Binding("f4", "lookup", "Search", id="order.lookup"),
        Binding("ctrl+z", "undo", "Undo delete", id="order.undo"),
        Binding("f5", "reprice", "Reprice", id="order.reprice"),
        Binding("ctrl+n", "new_draft", "New order", id="order.new"),
        Binding("ctrl+r", "drafts", "Drafts", id="order.drafts"),
        Binding("escape", "cancel_edit", "Cancel edit", id="order.cancel_edit"),
        Binding("n", "new_same_customer", "New order, same customer", id="order.new_same"),
        Binding("c", "copy", "Copy", id="order.copy"),
    ]

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    #: the screen sets focus itself (``_focus_start``): no first field focused and left at once
    AUTO_FOCUS = None

    #: monotonic clock of the save state machine (tests replace it)
    clock: Callable[[], float] = staticmethod(time.monotonic)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._draft: EntryDraft | None = None
        self._editing = 0  # line id in the editor, 0 = a new line
        self._sim_timer: Timer | None = None
        self._offline_timer: Timer | None = None
        self._offline_tries = 0
        self._pricing_note = ""  # "", "pricing", "offline", "late" (views.NO_ANSWER), or why SAP could not price
        self._save_after_pricing = False
        self._check_timers: dict[int, Timer] = {}
        self._known_before: dict[int, frozenset[str]] = {}
        self._customer_parts: dict[int, dict[str, Any]] = {}
        self._dialog_open = False
        self._refused = False
        self._wanted = 0  # a draft asked for before the screen was mounted
        self._away = False  # suspended by another screen or area (not an overlay)
        self._checking = ""  # the sold-to whose check with SAP is under way
        self._shown_message: tuple[str, str] = ("", "")  # what the message line says, and its kind
        self._hint_about: tuple[str, str, str] | None = None  # the editor's text an error hint is about

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        with Vertical(id="oe-head"):
            with Horizontal(classes="oe-row"):
                yield Label("Sold-to", classes="oe-label")
                yield OrderInput(id="oe-soldto", placeholder="number", compact=True, select_on_focus=True, max_length=12)
                yield Static("", id="oe-customer")
                yield Static("", id="oe-area")
            with Horizontal(classes="oe-row"):
                yield Label("Ship-to", classes="oe-label")
                yield OrderSelect([], id="oe-shipto", prompt="ship-to", allow_blank=True, compact=True)
                yield Label("PO", classes="oe-label-short")
                yield OrderInput(id="oe-po", compact=True, select_on_focus=True)
                yield Label("Date", classes="oe-label-short")
                yield OrderInput(id="oe-date", placeholder="fri, +3", compact=True, select_on_focus=True)
                yield Label("Ship", classes="oe-label-short")
                yield OrderInput(id="oe-ship", compact=True, select_on_focus=True, max_length=2)
            yield Static("", id="oe-info")
        yield Static("", id="oe-banner")
        with SavedPanel(id="oe-saved"):
            yield Static("", id="oe-saved-title")
            yield Digits("", id="oe-saved-number")
            yield Static("", id="oe-saved-readback")
            yield Static("", id="oe-saved-keys")
        yield LineGrid(id="oe-grid", placeholder="No lines yet: material, Tab, quantity, Enter — or paste a fax")
        with Horizontal(id="oe-entry"):
            yield Static("", id="oe-entry-label")
            yield OrderInput(id="oe-mat", placeholder="material (F4)", compact=True, max_length=60)
            yield OrderInput(id="oe-qty", placeholder="qty", compact=True, select_on_focus=True, max_length=20)
            yield OrderInput(id="oe-unit", placeholder="un", compact=True, select_on_focus=True, max_length=8)
            yield Static("", id="oe-entry-hint")
        yield OptionList(id="oe-unreadable", compact=True)
        yield Static("", id="oe-totals")
        yield Static("", id="oe-msg")

    def on_mount(self) -> None:
        self.query_one("#oe-saved").display = False
        self.query_one("#oe-unreadable").display = False
        self.query_one("#oe-banner").display = False
        if not self.shell.has_area("order") or self.session.read_only:
            self._refuse()
            return
        grid = self.query_one("#oe-grid", LineGrid)
        grid.on_choose = self._grid_choose
        grid.on_delete = self._grid_delete_line
        grid.on_leave = lambda: self.set_focus(self.query_one("#oe-mat"))
        self.watch(self.app, "current_customer", self._customer_changed, init=False)
        self.watch(self.app, "online", self._online_changed, init=False)
        mine = self._my_drafts()
        wanted = next((d for d in mine if d.id == self._wanted), None)
        self._show(wanted or (mine[-1] if mine else self._new_draft(self._current_customer_number())))

    def _refuse(self) -> None:
        self._refused = True
        for widget in self.query("#oe-head, #oe-grid, #oe-entry, #oe-totals"):
            widget.display = False
        self._message("Order entry is not available with this profile (read-only): nothing can be saved to SAP.", "error")

    # ------------------------------------------------------------------ drafts
    @property
    def draft(self) -> EntryDraft:
        assert self._draft is not None
        return self._draft

    def _my_drafts(self) -> list[EntryDraft]:
        origin = origin_of(self.shell)
        return [d for d in self.desk.drafts if d.origin == origin]

    def _new_draft(self, sold_to: str = "") -> EntryDraft:
        session = self.session
        draft = EntryDraft(session.sales_area, origin=origin_of(self.shell))
        draft.set_requested_date(session.today().isoformat(), session.today())
        if sold_to:
            draft.set_sold_to(sold_to)
        self.desk.drafts.append(draft)
        return draft

    def _current_customer_number(self) -> str:
        customer = self.shell.current_customer
        return customer.number if customer is not None else ""

    def _stash_editor(self) -> None:
        if self._draft is None:
            return
        mat, qty, unit = (self.query_one(f"#oe-{n}", Input).value for n in ("mat", "qty", "unit"))
        self._draft.editor = (mat, qty, unit, self._editing)

    def show_draft(self, draft_id: int) -> None:
        """Bring the draft ``draft_id`` (of this session's system) to the screen."""
        if self._draft is None:  # not mounted yet: on_mount shows it
            self._wanted = draft_id
            return
        found = next((d for d in self._my_drafts() if d.id == draft_id), None)
        if found is None:
            self._message("That draft belongs to another SAP system or is gone.", "warning")
            return
        if found is not self._draft:
            self._show(found)
        else:
            self._took_changes()

    def _show(self, draft: EntryDraft) -> None:
        if self._draft is not None and self._draft is not draft:
            self._stash_editor()
            self.forget("order-simulate")
            self._save_after_pricing = False
        self._draft = draft
        forget_finished(self.desk.drafts, keep=draft)
        mat, qty, unit, editing = draft.editor
        self._editing = editing if editing and draft.line(editing) else 0
        self._set_value("#oe-mat", mat)
        self._set_value("#oe-qty", qty)
        self._set_value("#oe-unit", unit)
        self._load_fields()
        self._pricing_note = ""
        self._paint()
        self._focus_start()
        self._refresh_from_sap()

    def _focus_start(self) -> None:
        draft = self.draft
        if draft.save.saved:
            self.query_one("#oe-saved").focus()
        elif not draft.editable:
            self.query_one("#oe-grid").focus()
        elif not draft.sold_to:
            self.query_one("#oe-soldto").focus()
        elif not draft.lines and not draft.customer_po:
            self.query_one("#oe-po").focus()
        else:
            self.query_one("#oe-mat").focus()

    def _refresh_from_sap(self) -> None:
        """Live data: the customer read again, the order priced afresh."""
        draft = self.draft
        if draft.sold_to and draft.editable:
            self._check_customer()
        if draft.editable and draft.ready_lines():
            self._schedule_simulate(0)
        if draft.save.uncertain and draft.save.state is State.UNCERTAIN:
            self._schedule_check(draft)

    def on_screen_suspend(self) -> None:
        # Posted before the cover is on top and handled after: app.screen is what covers this one.
        # An overlay (a pop-up, help, the palette) changes nothing shown here; another area does.
        self._away = not isinstance(self.app.screen, ModalScreen)

    def on_screen_resume(self) -> None:
        if self._refused or self._draft is None:
            return
        away, self._away = self._away, False
        self._dialog_open = False
        if away:
            # Back from another area: what is shown must be fetched again (live data).
            self._refresh_from_sap()

    def _customer_changed(self, customer: CustomerHit | None) -> None:
        """The caller changed: an empty draft follows; a draft with lines keeps its sold-to."""
        draft = self.draft
        if customer is None or not draft.editable or draft.lines or customer.number == draft.sold_to:
            return
        draft.set_sold_to(customer.number)
        self._set_value("#oe-soldto", customer.number)
        if self.focused is self.query_one("#oe-soldto"):
            # the caller is known now: the cursor goes on to the PO, as for a draft opened for them
            self._focus_start()
        self._check_customer()
        self._paint()

    def _online_changed(self, online: bool | None) -> None:
        if online and self._pricing_note in views.NO_ANSWER and self._draft is not None and self.draft.editable:
            self._schedule_simulate(0)

    # ------------------------------------------------------------------ fields
    def _set_value(self, selector: str, value: str) -> None:
        field = self.query_one(selector, Input)
        with field.prevent(Input.Changed):
            field.value = value

    def _load_fields(self) -> None:
        draft = self.draft
        self._set_value("#oe-soldto", draft.sold_to)
        self._set_value("#oe-po", draft.customer_po)
        self._set_value("#oe-date", draft.requested_date.isoformat() if draft.requested_date else draft.requested_date_text)
        self._set_value("#oe-ship", draft.shipping_condition)
        self._paint_ship_tos()

    def _paint_ship_tos(self) -> None:
        draft = self.draft
        select: Select[str] = self.query_one("#oe-shipto", Select)
        partners = draft.customer.ship_tos if draft.customer is not None else ()
        options = []
        for p in partners:
            place = p.city
            if p.address is not None and p.address.region:
                place = f"{p.city} {p.address.region}".strip()
            options.append((f"{p.number} {place}".strip(), p.number))
        if draft.ship_to and draft.ship_to not in {value for _, value in options}:
            options.insert(0, (draft.ship_to, draft.ship_to))
        try:
            with select.prevent(Select.Changed):
                select.set_options(options)
                if draft.ship_to:
                    select.value = draft.ship_to
        except NoMatches:  # the Select's own parts are not mounted yet (the screen just mounted)
            self.call_after_refresh(self._paint_ship_tos)

    def typed_key(self, field: Input, key: str) -> bool:
        """Tab, Shift+Tab, Enter and Up in one of the screen's inputs, handled at once (the next
        typed-ahead key must already find the new focus). Returns whether the key was used."""
        name = field.id or ""
        if key == "tab":
            if name == "oe-ship":  # from the header to the line editor (the lines: Up from there)
                self.set_focus(self.query_one("#oe-mat"))
            else:
                self.focus_next()
            return True
        if key == "shift+tab":
            self.focus_previous()
            return True
        if key == "up":
            if name in ("oe-mat", "oe-qty", "oe-unit") and self.draft.lines:
                grid = self.query_one("#oe-grid", LineGrid)
                self.set_focus(grid)
                if self._editing:
                    grid.select_key(self._editing)
                else:
                    grid.action_jump(-1)
                return True
            return False
        # enter
        if name == "oe-soldto":
            if self._commit_sold_to():
                self.set_focus(self.query_one("#oe-shipto"))
        elif name == "oe-po":
            self._commit_po()
            if "po" not in self.draft.header_problems:
                self.set_focus(self.query_one("#oe-date"))
        elif name == "oe-date":
            if self._commit_date():
                self.set_focus(self.query_one("#oe-mat"))
        elif name == "oe-ship":
            if self._commit_ship():
                self.set_focus(self.query_one("#oe-mat"))
        elif name == "oe-mat":
            self._material_entered()
        elif name in ("oe-qty", "oe-unit"):
            self._commit_editor()
        else:
            return False
        return True

    @on(Input.Blurred, "#oe-soldto")
    def _sold_to_left(self) -> None:
        self._commit_sold_to()

    @on(Input.Blurred, "#oe-po")
    def _po_left(self) -> None:
        self._commit_po()

    @on(Input.Blurred, "#oe-date")
    def _date_left(self) -> None:
        self._commit_date()

    @on(Input.Blurred, "#oe-ship")
    def _ship_left(self) -> None:
        self._commit_ship()

    @on(Input.Changed, "#oe-po")
    def _po_typed(self, event: Input.Changed) -> None:
        # said while typing: SAP's PURCH_NO_C holds 35 and would cut the rest without a word
        too_long = len(event.value.strip()) > 35
        event.input.set_class(too_long, "-invalid")
        if too_long:
            self._message(f"PO: at most 35 characters ({len(event.value.strip())} typed): SAP would cut the rest", "error")

    @on(Select.Changed, "#oe-shipto")
    def _ship_to_chosen(self, event: Select.Changed) -> None:
        draft = self.draft
        value = event.value
        if not draft.editable or not isinstance(value, str) or value == draft.ship_to:
            return
        draft.set_ship_to(value)
        self._schedule_simulate()
        self._paint()

    # ------------------------------------------------------------------ events of the line editor
    # (Textual registers @on handlers only on its own classes, not on a plain mixin like LineSteps)
    @on(Input.Changed, "#oe-mat, #oe-qty, #oe-unit")
    def _editor_typed(self) -> None:
        if self._hint_about != self._editor():  # (an error about this text stays)
            self._entry_hint("")

    @on(OrderInput.BlockPasted)
    def _block_pasted(self, event: OrderInput.BlockPasted) -> None:
        self._apply_paste(event.text)

    @on(OptionList.OptionSelected, "#oe-unreadable")
    def _unreadable_chosen(self, event: OptionList.OptionSelected) -> None:
        """Enter on an unreadable line: its text goes into the line editor to be keyed."""
        draft = self.draft
        index = event.option_index
        if not (0 <= index < len(draft.unreadable)) or not draft.editable:
            return
        item = draft.unreadable.pop(index)
        if self._editor_has_text() and not self._commit_editor():
            draft.unreadable.insert(index, item)
            return
        self._editing = 0
        self._set_value("#oe-mat", item.source[:60])
        self._paint()
        self.query_one("#oe-mat", Input).focus()
        self._entry_hint(f"From the paste ({item.reason}): F4 searches this text", error=True)

    def action_undo(self) -> None:
        draft = self.draft
        line = draft.undo_delete()
        if line is None:
            return
        self._message(f"Line {draft.index_of(line.id) + 1} {line.material_text} is back", "info")
        self._paint(select=line.id)
        self._schedule_simulate()

    def action_cancel_edit(self) -> None:
        if not self._editing:
            return
        line_id = self._editing
        self._editing = 0
        for name in ("mat", "qty", "unit"):
            self._set_value(f"#oe-{name}", "")
        self._paint_editor()
        grid = self.query_one("#oe-grid", LineGrid)
        grid.select_key(line_id)
        grid.focus()

    def action_new_draft(self) -> None:
        self._show(self._new_draft())
        self._message(NEW_ORDER_HINT, "info")

    def action_new_same_customer(self) -> None:
        sold_to = self.draft.sold_to
        self._show(self._new_draft(sold_to))

    def action_copy(self) -> None:
        text = views.readback(self.draft)
        self.app.copy_to_clipboard(text)
        self.app.notify(text, title="Copied")

    def action_drafts(self) -> None:
        drafts = self._my_drafts()
        self._dialog_open = True
        self.app.push_screen(DraftList([(d.id, d.label()) for d in drafts], self.draft.id), self._draft_chosen)

    def _draft_chosen(self, draft_id: int | None) -> None:
        self._dialog_open = False
        if draft_id is not None:
            self.show_draft(draft_id)
        else:
            self._focus_start()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._refused or self._draft is None:
            return False
        draft = self.draft
        save = draft.save
        if action == "save":
            return save.can_save or save.needs_resend_confirmation
        if action == "check_sap":
            return save.can_check or save.state is State.CHECKING
        if action == "lookup":
            return draft.editable and isinstance(self.focused, Input) and self.focused.id in ("oe-mat", "oe-qty", "oe-unit")
        if action == "undo":
            return draft.editable and draft.can_undo
        if action == "reprice":
            return draft.editable and bool(draft.lines)
        if action == "cancel_edit":
            return bool(self._editing)
        if action in ("new_same_customer", "copy"):
            return save.saved
        return True

    # ------------------------------------------------------------------ painting
    def _message(self, text: str, kind: str = "info") -> None:
        self._shown_message = (text, kind)
        msg = self.query_one("#oe-msg", Static)
        msg.update(Content(text))
        for name in ("error", "warning", "info"):
            msg.set_class(kind == name, f"-{name}")

    def _paint(self, select: int | None = None) -> None:
        if self._draft is None:
            return
        self._paint_customer()
        self._paint_info()
        self._paint_grid(select)
        self._paint_unreadable()
        self._paint_editor()
        self._paint_totals()
        self._paint_state()
        self.refresh_bindings()

    def _paint_customer(self) -> None:
        draft = self.draft
        customer = draft.customer
        self.query_one("#oe-customer", Static).update(views.customer_label(draft))
        self.query_one("#oe-area", Static).update(Content.assemble((f"{draft.order_type} {draft.sales_area}", "$text-muted")))
        self.query_one("#oe-ship", Input).tooltip = customer.shipping_condition_text if customer and customer.shipping_condition_text else None

    def _paint_info(self) -> None:
        lines = views.header_notes(self.draft)
        info = self.query_one("#oe-info", Static)
        info.update(Content("\n").join(lines[:3]) if lines else Content(""))
        info.display = bool(lines)

    def _paint_grid(self, select: int | None = None) -> None:
        grid = self.query_one("#oe-grid", LineGrid)
        pricing = self.draft.pricing
        views_ = views.line_views(self.draft, self.session.today(), no_answer=self._pricing_note if self._pricing_note in views.NO_ANSWER else "")
        grid.set_rows(views_, currency=pricing.currency if pricing else "", keep_key=select)
        if select is not None:
            grid.select_key(select)

    def _paint_unreadable(self) -> None:
        draft = self.draft
        box = self.query_one("#oe-unreadable", OptionList)
        box.clear_options()
        if draft.unreadable:
            box.add_options([Option(views.unreadable_option(u.source, u.reason)) for u in draft.unreadable])
            box.border_title = views.unreadable_title(draft)
        box.display = bool(draft.unreadable)

    def _paint_editor(self) -> None:
        draft = self.draft
        label = self.query_one("#oe-entry-label", Static)
        if self._editing and draft.line(self._editing) is not None:
            label.update(Content.assemble((f"Edit {draft.index_of(self._editing) + 1}", "bold $text-warning")))
        else:
            self._editing = 0
            label.update(Content.assemble((f"Line {len(draft.lines) + 1}", "bold")))
        editable = draft.editable and not draft.save.saved
        for name in ("mat", "qty", "unit"):
            self.query_one(f"#oe-{name}", Input).disabled = not editable
        self._entry_hint("")

    def _paint_totals(self) -> None:
        self.query_one("#oe-totals", Static).update(views.totals(self.draft, self._pricing_note))

    def _paint_state(self) -> None:
        draft = self.draft
        save = draft.save
        banner = self.query_one("#oe-banner", Static)
        saved_box = self.query_one("#oe-saved")
        saved = save.saved
        saved_box.display = saved
        self.query_one("#oe-entry").display = not saved  # the lines stay, to be read back
        if saved:
            self.query_one("#oe-unreadable").display = False
        for selector in ("#oe-soldto", "#oe-po", "#oe-date", "#oe-ship", "#oe-shipto"):
            self.query_one(selector).disabled = not draft.editable
        banner.remove_class("-error", "-warning", "-info")
        told = views.banner(draft, save.next_check_in(self.clock()))
        banner.display = told is not None
        if told is not None:
            banner.update(told.text)
            banner.add_class(f"-{told.kind}")
        if saved:
            self.query_one("#oe-saved-title", Static).update(views.saved_title(draft))
            self.query_one("#oe-saved-number", Digits).update(save.order.number if save.order else "")
            self.query_one("#oe-saved-readback", Static).update(Content.assemble((views.readback(draft), "bold")))
            self.query_one("#oe-saved-keys", Static).update(views.saved_keys(draft))


__all__ = ["OrderEntryScreen", "OpenDraftsProvider", "start_order", "open_draft", "unsaved_drafts"]
