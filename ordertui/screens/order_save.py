"""Saving an order exactly once, as the order screen does it: F9, the problem list and the summary,
the create, and — when its outcome is unknown — "check SAP" until SAP has answered
(``ordertui.ordering.save`` is the state machine; this is the screen's half of it)."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING

from ordertui.model import CreatedOrder, OrderDraft
from ordertui.ordering.draft import EntryDraft
from ordertui.ordering.problems import Problem, Target, problems_before_save
from ordertui.ordering.save import State
from ordertui.sap.errors import OrderOutcomeUnknown, SapError
from ordertui.screens import order_views as views
from ordertui.screens.order_parts import OrderScreenParts
from ordertui.screens.search import error_text
from ordertui.widgets.line_grid import LineGrid
from ordertui.widgets.order_dialogs import SaveChoice, SaveDialog

if TYPE_CHECKING:
    from ordertui.sap.gateway import SapGateway

#: A quote older than this is asked again before the save dialog opens (prices move).
QUOTE_FRESH_SECONDS = 120
HEADER_FIELDS = {"sold_to": "#oe-soldto", "ship_to": "#oe-shipto", "po": "#oe-po", "date": "#oe-date", "shipping_condition": "#oe-ship"}


class CreateCrashed(SapError):
    """Something other than SAP failed while a create was under way: its outcome is unknown."""

    title = "Unexpected error while saving"


def outcome_unknown(error: BaseException) -> bool:
    """Whether a failed create may nevertheless have been saved by SAP."""
    return isinstance(error, OrderOutcomeUnknown | CreateCrashed)


def create_once(gateway: SapGateway, draft: OrderDraft) -> CreatedOrder:
    """The create call as the worker runs it: anything but SAP's own errors becomes 'unknown'."""
    try:
        return gateway.create_order(draft)
    except (SapError, ValueError):
        raise
    except Exception as error:  # a bug after the send: SAP may have the order
        raise CreateCrashed(f"{type(error).__name__} while saving: the order may or may not be in SAP") from None


class SaveSteps(OrderScreenParts):
    """The save and "check SAP" steps of ``OrderEntryScreen`` (mixed into it)."""

    # ------------------------------------------------------------------ save
    def action_save(self) -> None:
        draft = self.draft
        if not (draft.save.can_save or draft.save.needs_resend_confirmation):
            return
        if self._editor_has_text() and not self._commit_editor():
            return
        for name, commit in (("#oe-soldto", self._commit_sold_to), ("#oe-po", self._commit_po), ("#oe-date", self._commit_date)):
            if self.focused is self.query_one(name):
                commit()
        pricing = draft.pricing
        fresh = (
            pricing is not None
            and pricing.version == draft.version
            and pricing.at is not None
            and (self.session.now() - pricing.at).total_seconds() < QUOTE_FRESH_SECONDS
        )
        if not fresh and draft.sold_to and draft.ready_lines():
            self._save_after_pricing = True
            self._message("Checking prices and stock with SAP before saving…", "info")
            if self._sim_timer is not None:
                self._sim_timer.stop()
            self._simulate()
            return
        self._open_save_dialog()

    def _problems(self) -> list[Problem]:
        draft = self.draft
        return problems_before_save(draft, draft.pricing, previous=draft.previous_pricing, today=self.session.today())

    def _open_save_dialog(self) -> None:
        draft = self.draft
        problems = self._problems()
        blocking = any(p.blocks for p in problems)
        resend = draft.save.needs_resend_confirmation
        if blocking:
            label = None
        elif resend:
            label = f"Send again — SAP has no order {draft.lookup_po} ({draft.save.reason})"
        elif any(p.kind == "credit" for p in problems):
            label = "Save — SAP will block it for credit release"
        else:
            label = "Save order"
        title = "Send the order again?" if resend else ("Problems before save" if blocking else "Save order")
        self._dialog_open = True
        self.app.push_screen(
            SaveDialog(title, views.summary(draft), label, [(p.severity, p.text, p.target) for p in problems]),
            self._save_chosen,
        )

    def _save_chosen(self, choice: SaveChoice | None) -> None:
        if choice is None:
            self._focus_start()
            return
        if choice.target is not None:
            self._go_to(choice.target)
            return
        if choice.save:
            self._send()

    def _go_to(self, target: Target) -> None:
        if target.kind == "header":
            self.query_one(HEADER_FIELDS.get(target.field, "#oe-soldto")).focus()
            label = views.HEADER_LABELS.get(target.field, "")
            problem = self.draft.header_problems.get(target.field, "")
            if problem:
                self._message(f"{label}: {problem}", "error")
        elif target.line_id:
            self.query_one("#oe-grid", LineGrid).select_key(target.line_id)
            self._edit_line(target.line_id, target.field)
        else:
            self.query_one("#oe-mat").focus()

    def _send(self) -> None:
        draft = self.draft
        try:
            order, _ids = draft.order_draft()
        except ValueError as error:
            self._message(f"Not saved: {error}", "error")
            return
        draft.save.send(order, self.clock(), resend_confirmed=draft.save.needs_resend_confirmation)
        self._message("Saving in SAP…", "info")
        self._paint()
        self.query_one("#oe-grid").focus()
        self.fetch(
            partial(create_once, self.gateway, order),
            partial(self._created, draft),
            group=f"order-create-{draft.id}",
            on_error=partial(self._create_failed, draft),
        )

    def _created(self, draft: EntryDraft, order: CreatedOrder, _at: dt.datetime) -> None:
        draft.save.created(order)
        self._after_save(draft)

    def _create_failed(self, draft: EntryDraft, error: Exception, _at: dt.datetime) -> None:
        text = error_text(error) if isinstance(error, SapError) else str(error)
        if outcome_unknown(error):
            # the orders that carried this PO before the send are not this draft's order
            self._known_before[draft.id] = getattr(error, "known_before", frozenset())
            # the banner says the rest (SAP may have it, the lookup, F9): the reason says only why
            cause = getattr(error, "cause", "")
            draft.save.unknown(f"the save broke off ({cause})" if cause else "the answer to the save was lost", self.clock())
            self._message("The connection broke while saving: NOT known whether SAP saved it. Checking SAP…", "warning")
            self._schedule_check(draft)
        else:
            draft.save.refused(text)
            first = ""
            if isinstance(error, SapError):
                errors = [m for m in error.messages if m.is_error]
                if errors:
                    first = f" ({errors[0].code})" if errors[0].code else ""
            self._message(f"SAP did not save the order: {getattr(error, 'message', text)}{first}. Fix it and press F9 again.", "error")
        if draft is self._draft:
            self._paint()
            self._focus_start()

    def _after_save(self, draft: EntryDraft) -> None:
        order = draft.save.order
        if draft is not self._draft:
            if order is not None:
                self.app.notify(f"Order {order.number} saved ({draft.sold_to})", title="Saved")
            return
        self._message("", "info")
        self._paint()
        self._focus_start()

    def action_check_sap(self) -> None:
        self._check(self.draft)

    def _schedule_check(self, draft: EntryDraft) -> None:
        delay = draft.save.next_check_in(self.clock())
        timer = self._check_timers.pop(draft.id, None)
        if timer is not None:
            timer.stop()
        if delay is None:
            return
        self._check_timers[draft.id] = self.set_timer(max(0.05, delay), partial(self._check, draft))

    def _check(self, draft: EntryDraft) -> None:
        if not draft.save.can_check:
            return
        timer = self._check_timers.pop(draft.id, None)
        if timer is not None:
            timer.stop()
        sent = draft.save.sent
        if sent is None:
            return
        draft.save.check_started(self.clock())
        known = self._known_before.get(draft.id, frozenset())
        if draft is self._draft:
            self._paint()
        self.fetch(
            partial(self.gateway.find_created_order, sent, known_before=known),
            partial(self._looked_up, draft),
            group=f"order-check-{draft.id}",
            on_error=partial(self._lookup_failed, draft),
        )

    def _looked_up(self, draft: EntryDraft, found: CreatedOrder | None, _at: dt.datetime) -> None:
        if found is not None:
            draft.save.found(found)
            self._after_save(draft)
            return
        draft.save.not_found(self.clock())
        if draft.save.state is State.NOT_FOUND:
            self._message("Not in SAP, so not saved: F9 sends it again (you confirm).", "warning")  # the banner names the PO
        self._schedule_check(draft)
        if draft is self._draft:
            self._paint()
            self._focus_start()

    def _lookup_failed(self, draft: EntryDraft, error: Exception, _at: dt.datetime) -> None:
        draft.save.check_failed(error_text(error) if isinstance(error, SapError) else str(error), self.clock())
        self._schedule_check(draft)
        if draft is self._draft:
            self._paint()
