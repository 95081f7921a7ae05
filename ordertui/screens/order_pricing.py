"""Pricing steps of the order screen: ONE debounced BAPI_SALESORDER_SIMULATE for the whole draft
after each settled edit (a newer edit supersedes the call in flight; retried on a timer while SAP
is unreachable), and the F4 lookups of materials and units. Mixed into ``OrderEntryScreen``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any

from textual.widgets import Input

from ordertui.ordering.draft import EntryDraft, check_material
from ordertui.ordering.pricing import price_quote
from ordertui.sap.errors import SapError, SapTimeout, SapUnreachable
from ordertui.screens.order_parts import OrderScreenParts
from ordertui.screens.order_views import NO_ANSWER
from ordertui.screens.search import error_text
from ordertui.widgets.order_dialogs import MaterialLookup, UnitChooser

#: Pause after the last settled edit before the simulate is sent: a burst of edits (Enter, Delete,
#: Ctrl+Z in quick succession) costs one call.
SIMULATE_DEBOUNCE = 0.3
#: Seconds between simulate retries while SAP is unreachable (then stays at the last).
OFFLINE_RETRY = (3.0, 5.0, 10.0, 15.0)


class PricingSteps(OrderScreenParts):
    """The pricing steps of ``OrderEntryScreen`` (mixed into it)."""

    def _schedule_simulate(self, delay: float = SIMULATE_DEBOUNCE) -> None:
        if self._sim_timer is not None:
            self._sim_timer.stop()
        # never 0: Textual's timer divides by its interval when it wakes late (ZeroDivisionError)
        self._sim_timer = self.set_timer(max(0.01, delay), self._simulate)

    def _simulate(self) -> None:
        self._sim_timer = None
        if self._offline_timer is not None:
            self._offline_timer.stop()
            self._offline_timer = None
        draft = self.draft
        if not draft.editable:
            return
        try:
            order, ids = draft.order_draft()
        except ValueError:
            if not draft.ready_lines():
                draft.pricing = None
            self._pricing_note = ""
            self._paint_totals()
            if self._save_after_pricing:
                self._save_after_pricing = False
                self._open_save_dialog()
            return
        signatures = {line.id: line.signature() for line in draft.lines if line.id in set(ids)}
        self._pricing_note = "pricing"
        self._paint_totals()
        self.fetch(
            partial(self.gateway.simulate, order),
            partial(self._priced, draft, draft.version, ids, signatures, order.requested_date),
            group="order-simulate",
            on_error=partial(self._price_failed, draft),
        )

    def _priced(self, draft: EntryDraft, version: int, ids: tuple[int, ...], signatures: dict[int, Any],
                requested: dt.date | None, quote: Any, at: dt.datetime) -> None:
        if draft is not self._draft:
            return
        draft.previous_pricing = draft.pricing
        draft.pricing = price_quote(quote, ids, signatures, version=version, at=at, requested_date=requested)
        self._pricing_note = ""
        self._offline_tries = 0
        self._paint()
        if self._save_after_pricing:
            self._save_after_pricing = False
            self._open_save_dialog()

    def _price_failed(self, draft: EntryDraft, error: Exception, _at: dt.datetime) -> None:
        if draft is not self._draft:
            return
        if isinstance(error, SapUnreachable):
            # The status bar says offline (the call log saw it); typing goes on, nothing is lost.
            # A timeout is said as one: SAP may only be busy (order_views.NO_ANSWER).
            self._pricing_note = "late" if isinstance(error, SapTimeout) else "offline"
            delay = OFFLINE_RETRY[min(self._offline_tries, len(OFFLINE_RETRY) - 1)]
            self._offline_tries += 1
            if self._offline_timer is not None:
                self._offline_timer.stop()
            self._offline_timer = self.set_timer(delay, self._simulate)
        else:
            self._pricing_note = error_text(error) if isinstance(error, SapError) else str(error)
        if self._save_after_pricing:
            self._save_after_pricing = False
            why = NO_ANSWER[self._pricing_note][2] if self._pricing_note in NO_ANSWER else self._pricing_note
            self._message(f"Not saved: SAP could not price the order ({why})", "error")
        self._paint()

    def action_reprice(self) -> None:
        if self.draft.editable:
            self._schedule_simulate(0)

    # ------------------------------------------------------------------ other actions
    def action_lookup(self) -> None:
        focused = self.focused
        if not self.draft.editable:
            return
        if isinstance(focused, Input) and focused.id == "oe-unit":
            material = check_material(self.query_one("#oe-mat", Input).value)[0]
            if not material:
                self._entry_hint("Unit: key the material first, then F4 lists its units", error=True)
                return
            self._dialog_open = True
            self.app.push_screen(UnitChooser(material, partial(self._load_units, material)), self._unit_chosen)
            return
        query = self.query_one("#oe-mat", Input).value
        self._dialog_open = True
        self.app.push_screen(MaterialLookup(query, self._search_materials), self._material_chosen)

    def _search_materials(self, query: str, answer: Callable[[Any], None]) -> None:
        session = self.session
        self.fetch(
            partial(session.gateway.find_materials, query, sales_area=session.sales_area, limit=100),
            lambda result, _at: answer(result),
            group="order-f4",
            on_error=lambda error, _at: answer(error),
        )

    def _material_chosen(self, hit: Any) -> None:
        self._dialog_open = False
        if hit is None:
            self.query_one("#oe-mat").focus()
            return
        self._set_value("#oe-mat", hit.number)
        self._entry_hint(hit.description)
        self.query_one("#oe-qty").focus()

    def _load_units(self, material: str, answer: Callable[[Any], None]) -> None:
        session = self.session
        self.fetch(
            # the units only: one round trip, without the price record and its scales
            partial(session.gateway.material, material, sales_area=session.sales_area, scales=False),
            lambda m, _at: answer((m.sales_unit or m.base_unit, m.base_unit, m.units)),
            group="order-units",
            on_error=lambda error, _at: answer(error),
        )

    def _unit_chosen(self, unit: str | None) -> None:
        self._dialog_open = False
        if unit:
            self._set_value("#oe-unit", unit)
        self.query_one("#oe-unit").focus()
