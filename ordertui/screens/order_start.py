"""Reaching order entry from elsewhere: one key from a customer or a quote starts an order, the
palette lists the open drafts, quitting asks about unsaved ones. Drafts live on the desk
(``Desk.drafts``, memory only); each knows the SAP system it was keyed for."""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ordertui import format as fmt
from ordertui.ordering.draft import EntryDraft

if TYPE_CHECKING:
    from textual.app import App

    from ordertui.shell import Shell


def origin_of(shell: Shell) -> str:
    session = shell.session
    if session is None:
        return ""
    system = session.system
    return f"{session.profile_name or 'sandbox'}|{system.system_id if system else ''}|{system.client if system else ''}"


def start_order(app: App[Any], material: str | None = None, quantity: Any = None, unit: str = "") -> bool:
    """Start an order for the current customer (from the customer detail or a product quote),
    with ``material`` x ``quantity`` ``unit`` (empty: the material's sales unit) as line 1. An
    empty draft for that customer is reused."""
    shell = cast("Shell", app)
    if not shell.has_area("order"):
        app.notify("Order entry is not available with this profile.", severity="warning")
        return False
    session = shell.session
    if session is None:
        return False
    customer = shell.current_customer
    origin = origin_of(shell)
    draft = next(
        (d for d in reversed(shell.desk.drafts) if d.origin == origin and d.editable and not d.lines and not d.save.attempts),
        None,
    )
    if draft is None:
        draft = EntryDraft(session.sales_area, origin=origin)
        draft.set_requested_date(session.today().isoformat(), session.today())
        shell.desk.drafts.append(draft)
    else:  # to the end: it is the one to show
        shell.desk.drafts.remove(draft)
        shell.desk.drafts.append(draft)
    if customer is not None:
        draft.set_sold_to(customer.number)
    if material:
        qty = fmt.number(quantity) if isinstance(quantity, Decimal) else str(quantity or "1")
        draft.add_line(material, qty, unit)
    if app.current_mode == "order":
        _show_latest(app, draft.id)
    elif shell.go("order"):
        app.call_later(_show_latest, app, draft.id)
    return True


def _show_latest(app: App[Any], draft_id: int) -> None:
    """Ask the order screen (the top one of the order area) to show ``draft_id``. It is found by
    what it can do, not by class: this module is imported by the screen's own module."""
    for screen in [app.screen, *reversed(app.screen_stack)]:
        show = getattr(screen, "show_draft", None)
        if callable(show):
            show(draft_id)
            return


def open_draft(app: App[Any], draft_id: int) -> None:
    shell = cast("Shell", app)
    if app.current_mode == "order":
        _show_latest(app, draft_id)
    elif shell.go("order"):
        app.call_later(_show_latest, app, draft_id)


def unsaved_drafts(app: App[Any]) -> list[EntryDraft]:
    """Drafts whose loss would matter (for the question before quitting)."""
    desk = cast("Shell", app).desk
    return [d for d in getattr(desk, "drafts", []) if d.unsaved]


class OpenDraftsProvider(Provider):
    """The open order drafts of this session (memory only), in the command palette."""

    def _drafts(self) -> list[EntryDraft]:
        shell = cast("Shell", self.app)
        origin = origin_of(shell)
        return [d for d in getattr(shell.desk, "drafts", []) if d.origin == origin and (d.lines or d.sold_to)]

    @staticmethod
    def _label(draft: EntryDraft) -> str:
        return f"Order draft: {draft.label()}"

    async def discover(self) -> Hits:
        for draft in self._drafts():
            yield DiscoveryHit(self._label(draft), partial(open_draft, self.app, draft.id), help="Return to this order (in memory)")
        if cast("Shell", self.app).has_area("order"):
            yield DiscoveryHit("New order", partial(start_order, self.app), help="Start an order for the current customer")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for draft in self._drafts():
            label = self._label(draft)
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(open_draft, self.app, draft.id), text=label, help="Return to this order (in memory)")
        if cast("Shell", self.app).has_area("order"):
            label = "New order"
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(start_order, self.app), text=label, help="Start an order for the current customer")
