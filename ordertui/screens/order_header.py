"""The header of an order as the order screen keys it: sold-to, PO, date and shipping condition
committed from their fields (checked at the field, before any call), and what SAP says about the
sold-to (who it is, blocks, ship-tos) and about the PO (an order of this sold-to already has it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any

from textual.widgets import Input

from ordertui.model import Customer, CustomerHit, CustomerSalesData
from ordertui.ordering.draft import EntryDraft, SoldTo
from ordertui.sap.errors import NotFound, SapTimeout, SapUnreachable
from ordertui.screens.order_parts import OrderScreenParts
from ordertui.screens.search import error_text


#: What the message line says on a new order (Ctrl+N), until the order has a sold-to.
NEW_ORDER_HINT = "New order: sold-to first (F2 finds the caller). Ctrl+R lists the open orders."


class HeaderSteps(OrderScreenParts):
    """The header steps of ``OrderEntryScreen`` (mixed into it)."""

    def _sold_to_known(self) -> None:
        """The order has a sold-to now: the new order's hint asking for one goes."""
        if self._shown_message[0] == NEW_ORDER_HINT:
            self._message("")

    def _header_fixed(self, label: str) -> None:
        """The field the message line says is wrong ("Date: …") is right now: the message goes."""
        text, kind = self._shown_message
        if kind == "error" and text.startswith(f"{label}: "):
            self._message("")

    def _commit_sold_to(self) -> bool:
        draft = self.draft
        if not draft.editable:
            return False
        field = self.query_one("#oe-soldto", Input)
        before = draft.sold_to
        problem = draft.set_sold_to(field.value)
        field.set_class("sold_to" in draft.header_problems, "-invalid")
        if problem:
            self._message(f"Sold-to: {problem}", "error")
            self._paint()
            return False
        self._header_fixed("Sold-to")
        self._sold_to_known()
        if draft.sold_to != before or (draft.customer is None and self._checking != draft.sold_to):
            self._check_customer()
            self._paint_ship_tos()
            self._schedule_simulate()
            self._paint()
        return True

    def _commit_po(self) -> None:
        draft = self.draft
        if not draft.editable:
            return
        field = self.query_one("#oe-po", Input)
        before = draft.customer_po
        problem = draft.set_po(field.value)
        field.set_class(bool(problem), "-invalid")
        if problem:
            self._message(f"PO: {problem}", "error")
        else:
            self._header_fixed("PO")
        if not problem and draft.customer_po != before:
            self._check_po()
            self._schedule_simulate()
        self._paint()

    def _commit_date(self) -> bool:
        draft = self.draft
        if not draft.editable:
            return False
        field = self.query_one("#oe-date", Input)
        before = draft.requested_date
        problem = draft.set_requested_date(field.value, self.session.today())
        field.set_class(bool(problem), "-invalid")
        if problem:
            self._message(f"Date: {problem}", "error")
            self._paint()
            return False
        self._header_fixed("Date")
        if draft.requested_date is not None:
            self._set_value("#oe-date", draft.requested_date.isoformat())
        if draft.requested_date != before:
            self._schedule_simulate()
        self._paint()
        return True

    def _commit_ship(self) -> bool:
        draft = self.draft
        if not draft.editable:
            return False
        field = self.query_one("#oe-ship", Input)
        before = draft.shipping_condition
        problem = draft.set_shipping_condition(field.value)
        field.set_class(bool(problem), "-invalid")
        if problem:
            self._message(f"Shipping condition: {problem}", "error")
            return False
        self._header_fixed("Shipping condition")
        if draft.shipping_condition != before:
            self._schedule_simulate()
        self._paint()
        return True

    def _took_changes(self) -> None:
        """The draft on screen was changed from another area (an order started from a quote or a
        customer's detail fills the empty draft shown here: its sold-to, a line): show what it
        holds now. Coming back to the screen reads the customer and prices the order
        (``on_screen_resume``), whichever of the two comes first."""
        draft = self.draft
        self._set_value("#oe-soldto", draft.sold_to)
        if draft.sold_to:
            self._sold_to_known()
        self._paint_ship_tos()
        self._paint()
        self._focus_start()

    # ------------------------------------------------------------------ SAP: the customer and the PO
    def _check_customer(self) -> None:
        draft = self.draft
        number = draft.sold_to
        if not number:
            return
        self._checking = number
        session = self.session
        token = self.new_token("order-customer")
        self._customer_parts[token.serial] = {}
        gw, area = session.gateway, session.sales_area
        calls: tuple[tuple[str, Callable[[], Any]], ...] = (
            ("general", partial(gw.customer, number)),
            ("sales", partial(gw.customer_sales_data, number, area)),
        )
        for part, call in calls:
            # an answer and an error alike go to _customer_part: the two parts decide together
            answer = partial(self._customer_part, draft, number, token.serial, part)
            self.fetch(call, answer, group=f"order-customer-{part}", token=token, on_error=answer)

    def _customer_part(self, draft: EntryDraft, number: str, serial: int, part: str, value: Any, _at: dt.datetime) -> None:
        parts = self._customer_parts.setdefault(serial, {})
        parts[part] = value
        if len(parts) < 2:
            return
        del self._customer_parts[serial]
        if self._checking == number:
            self._checking = ""
        general, sales = parts["general"], parts["sales"]
        for answer in (general, sales):
            if isinstance(answer, SapUnreachable):
                why = "SAP did not answer in time" if isinstance(answer, SapTimeout) else "SAP is unreachable"
                self._message(f"Customer {number} not checked yet: {why} (kept as typed)", "warning")
                return
        if isinstance(general, NotFound):
            draft.set_sold_to_unknown(number, f"Customer {number} does not exist")
        elif isinstance(general, Exception):
            draft.set_sold_to_unknown(number, f"Customer {number}: {error_text(general)}")
        else:
            draft.set_customer(self._sold_to(number, general, sales))
            # the sold-to typed here is the caller on the phone: every other screen follows
            if draft is self._draft and number != self._current_customer_number():
                self.shell.set_current_customer(self._hit(general))
        if draft is self._draft:
            self._paint_ship_tos()
            self._set_value("#oe-ship", draft.shipping_condition)
            self.query_one("#oe-soldto", Input).set_class("sold_to" in draft.header_problems, "-invalid")
            self._schedule_simulate()
            self._paint()

    def _sold_to(self, number: str, general: Customer, sales: Any) -> SoldTo:
        address = general.address
        blocked = ""
        if general.deletion_flag:
            blocked = f"Customer {number} is marked for deletion: no orders"
        elif general.order_block:
            blocked = f"Customer {number} is blocked for orders (order block {general.order_block})"
        if isinstance(sales, CustomerSalesData):
            if not blocked and sales.order_block:
                blocked = f"Customer {number} is blocked for orders in sales area {sales.sales_area} (order block {sales.order_block})"
            return SoldTo(
                number, address.name, address.city, blocked, False, sales.partners_in("SH"),
                sales.shipping_condition, sales.shipping_condition_text, sales.currency,
            )
        not_in_area = isinstance(sales, NotFound)
        return SoldTo(number, address.name, address.city, blocked, not_in_area)

    @staticmethod
    def _hit(general: Customer) -> CustomerHit:
        a = general.address
        blocked = bool(general.order_block or general.deletion_flag or general.posting_block)
        return CustomerHit(general.number, a.name, a.city, a.postal_code, a.country, a.phone, blocked)

    def _check_po(self) -> None:
        draft = self.draft
        po = draft.customer_po
        if not po or not draft.sold_to:
            return
        session = self.session
        self.fetch(
            partial(session.gateway.find_orders, sales_area=session.sales_area, customer=draft.sold_to, customer_po=po),
            partial(self._po_checked, draft, po),
            group="order-po",
            on_error=lambda error, at: None,  # the simulate says V4 115 as well; nothing is lost
        )

    def _po_checked(self, draft: EntryDraft, po: str, result: Any, _at: dt.datetime) -> None:
        if draft.customer_po != po:
            return
        draft.po_duplicates = tuple((h.number, h.created) for h in result.hits if not h.customer_po or h.customer_po == po)
        if draft is self._draft:
            self._paint()
