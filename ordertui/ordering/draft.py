"""The order being keyed: header and lines as typed, checked before any call, and what it is sent as.

A line keeps what the user typed (material, quantity, unit) next to what that text means and
what is wrong with it, so a line that cannot go to SAP yet is still shown exactly as typed and
its problem is said at its field. Only lines without problems go into the ``OrderDraft`` that is
simulated or created; the ids of those lines are returned with it, so SAP's answer (item 10, 20,
... in sending order) can be mapped back onto the lines it belongs to.

Each draft gets one reference when it is started (``new_reference``): "OTUI-" and 15 upper-case
hex digits, 20 characters, so it fits SAP's PURCH_NO_C (35) and the older PURCH_NO (20). The
adapter stores it where the order can be searched when no customer PO is typed, and the save
state machine looks the order up by it when the answer to a create was lost.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import secrets
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from ordertui import format as fmt
from ordertui.model import DraftLine, OrderDraft, Partner, SalesArea

if TYPE_CHECKING:
    from ordertui.ordering.paste import Unreadable
    from ordertui.ordering.pricing import Pricing
    from ordertui.ordering.save import SaveFlow

#: SAP's PURCH_NO_C (customer PO number) holds 35 characters and cuts the rest silently.
PO_MAX = 35
#: MATN1 material numbers as the adapter sends them (MATNR CHAR18).
MATERIAL_MAX = 18
#: Units of measure are CHAR3 (display code, e.g. PC, CAR, KG).
UNIT_MAX = 3
#: Customer numbers are KUNNR CHAR10 (typed without leading zeros).
CUSTOMER_MAX = 10
#: Shipping conditions are VSBED CHAR2.
SHIPPING_CONDITION_MAX = 2
#: Lines an order may have here. SAP numbers items 10, 20, ... in POSNR (NUMC6); an order desk
#: never needs more than this, and a paste beyond it is cut with a word to the user.
MAX_LINES = 999

REFERENCE_PREFIX = "OTUI-"
REFERENCE_HEX = 15

_material_chars = re.compile(r"[A-Z0-9][A-Z0-9\-_/.#+]*")
_customer_digits = re.compile(r"\d{1,10}")

_line_ids = itertools.count(1)
_draft_ids = itertools.count(1)


def new_reference() -> str:
    """A draft's own reference: ``OTUI-`` + 15 upper-case hex digits (20 characters)."""
    return REFERENCE_PREFIX + secrets.token_hex(8).upper()[:REFERENCE_HEX]


# --------------------------------------------------------------------------- field checks


def check_material(text: str) -> tuple[str, str]:
    """What was typed as a material -> (material number in display form, problem); problem "" = fine.

    A number with or without leading zeros (``000000000000100100`` and ``100100`` are the same),
    or an alphanumeric number (``HB-38-100``), upper-cased. Words are not a material number: the
    user is told that F4 searches by description.
    """
    cleaned, _ = fmt.clean_text(text)
    raw = cleaned.strip()
    if not raw:
        return "", "Enter a material (F4 searches)"
    if any(ch.isspace() for ch in raw):
        return "", f"“{raw[:24]}” is not a material number: F4 searches by description"
    upper = raw.upper()
    if upper.isdigit():
        number = upper.lstrip("0") or "0"
        if len(number) > MATERIAL_MAX:
            return "", f"A material number has at most {MATERIAL_MAX} digits"
        return number, ""
    if len(upper) > MATERIAL_MAX:
        return "", f"A material number has at most {MATERIAL_MAX} characters"
    if not _material_chars.fullmatch(upper):
        return "", f"“{raw[:24]}” is not a material number: F4 searches"
    return upper, ""


def check_quantity(text: str) -> tuple[Decimal | None, str]:
    """The quote screen's quantity rules (``format.parse_quantity``): SAP's QUAN 13,3, above 0."""
    cleaned, _ = fmt.clean_text(text)
    try:
        return fmt.parse_quantity(cleaned), ""
    except ValueError as error:
        return None, str(error)


def check_unit(text: str) -> tuple[str, str]:
    """A unit of measure as typed -> (display code, problem); "" = the material's sales unit."""
    cleaned, _ = fmt.clean_text(text)
    raw = cleaned.strip().upper()
    if not raw:
        return "", ""
    if len(raw) > UNIT_MAX or not raw.isalnum():
        return "", f"“{raw[:8]}” is not a unit (up to {UNIT_MAX} letters, F4 lists the material's units)"
    return raw, ""


def check_po(text: str) -> tuple[str, str]:
    """The customer PO number: at most 35 characters, SAP would cut the rest without a word."""
    cleaned, _ = fmt.clean_text(text)
    po = cleaned.strip()
    if len(po) > PO_MAX:
        return po, f"At most {PO_MAX} characters ({len(po)} typed): SAP would cut the rest"
    return po, ""


def check_customer(text: str) -> tuple[str, str]:
    """A sold-to as typed: a customer number, with or without leading zeros."""
    cleaned, _ = fmt.clean_text(text)
    raw = cleaned.strip()
    if not raw:
        return "", "Enter the sold-to customer number (F2 finds a customer)"
    if not raw.isdigit():
        return "", f"“{raw[:20]}” is not a customer number (F2 finds a customer by name)"
    number = raw.lstrip("0") or "0"
    if not _customer_digits.fullmatch(number):
        return "", f"A customer number has at most {CUSTOMER_MAX} digits"
    return number, ""


def check_shipping_condition(text: str) -> tuple[str, str]:
    cleaned, _ = fmt.clean_text(text)
    raw = cleaned.strip().upper()
    if not raw:
        return "", ""
    if len(raw) > SHIPPING_CONDITION_MAX or not raw.isalnum():
        return "", f"A shipping condition is a code of up to {SHIPPING_CONDITION_MAX} characters"
    return raw, ""


# --------------------------------------------------------------------------- lines


@dataclass(eq=False)
class EntryLine:
    """One order line as keyed: the text of each field, what it means, what is wrong with it.

    ``id`` is stable for the life of the line (deleting and undoing keep it), so SAP's answer and
    the problem list can point at it while lines move. ``source`` is the pasted text it came from.
    """

    material_text: str = ""
    quantity_text: str = ""
    unit_text: str = ""
    source: str = ""
    id: int = field(default_factory=lambda: next(_line_ids))
    material: str = field(default="", init=False)
    quantity: Decimal | None = field(default=None, init=False)
    unit: str = field(default="", init=False)
    #: field name ("material", "quantity", "unit") -> what is wrong, in the user's words
    problems: dict[str, str] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.check()

    def check(self) -> None:
        self.problems = {}
        self.material, problem = check_material(self.material_text)
        if problem:
            self.problems["material"] = problem
        self.quantity, problem = check_quantity(self.quantity_text)
        if problem:
            self.problems["quantity"] = problem
        self.unit, problem = check_unit(self.unit_text)
        if problem:
            self.problems["unit"] = problem

    @property
    def ready(self) -> bool:
        """Whether the line can go to SAP (nothing wrong with what was typed)."""
        return not self.problems

    def signature(self) -> tuple[str, Decimal | None, str]:
        """What SAP prices: a line whose signature is unchanged should keep its price."""
        return (self.material, self.quantity, self.unit)

    def draft_line(self) -> DraftLine:
        assert self.quantity is not None
        return DraftLine(self.material, self.quantity, self.unit)


# --------------------------------------------------------------------------- the sold-to as SAP knows it


@dataclass(frozen=True)
class SoldTo:
    """What SAP said about the sold-to: who it is, whether it may order here, its ship-tos."""

    number: str
    name: str = ""
    city: str = ""
    #: why this customer cannot order in the sales area ("" = it can): order block, deletion flag
    blocked: str = ""
    #: the customer is not defined in the session's sales area
    not_in_area: bool = False
    ship_tos: tuple[Partner, ...] = ()
    shipping_condition: str = ""
    shipping_condition_text: str = ""
    currency: str = ""

    @property
    def default_ship_to(self) -> str:
        chosen = next((p for p in self.ship_tos if p.is_default), None)
        if chosen is None and self.ship_tos:
            chosen = next((p for p in self.ship_tos if p.number == self.number), self.ship_tos[0])
        return chosen.number if chosen is not None else self.number


# --------------------------------------------------------------------------- the draft


@dataclass(eq=False)
class EntryDraft:
    """An order being keyed, in memory until SAP confirms it."""

    sales_area: SalesArea
    #: which SAP session the draft belongs to (profile | system | client): a draft is only ever
    #: sent to the system it was keyed for
    origin: str = ""
    order_type: str = "OR"
    sold_to: str = ""
    ship_to: str = ""
    customer_po: str = ""
    requested_date: dt.date | None = None
    requested_date_text: str = ""
    shipping_condition: str = ""
    reference: str = field(default_factory=lambda: new_reference())  # looked up at call time: tests fix it
    id: int = field(default_factory=lambda: next(_draft_ids))
    lines: list[EntryLine] = field(default_factory=list)
    #: what SAP said about ``sold_to`` (None = not asked yet / being asked)
    customer: SoldTo | None = None
    #: header field name -> problem ("sold_to", "po", "date", "shipping_condition")
    header_problems: dict[str, str] = field(default_factory=dict)
    #: bumped on every edit that changes what SAP would be sent
    version: int = 0
    #: SAP's last answer for this draft, and the one before it (for "prices changed")
    pricing: Pricing | None = None
    previous_pricing: Pricing | None = None
    #: orders of this sold-to that already carry the typed PO (number, created) — from SAP
    po_duplicates: tuple[tuple[str, dt.date | None], ...] = ()
    #: pasted lines that could not be read, for the user to key (``paste.Unreadable``)
    unreadable: list[Unreadable] = field(default_factory=list)
    #: the line editor's text when the user left this draft: (material, quantity, unit, line id or 0)
    editor: tuple[str, str, str, int] = ("", "", "", 0)
    #: lines taken out, newest last: (position, line) — Undo puts them back
    _deleted: list[tuple[int, EntryLine]] = field(default_factory=list)
    _save: SaveFlow | None = None

    # ------------------------------------------------------------------ state
    @property
    def save(self) -> SaveFlow:
        if self._save is None:
            from ordertui.ordering.save import SaveFlow

            self._save = SaveFlow()
        return self._save

    @property
    def editable(self) -> bool:
        """Lines and header can change only while nothing has been sent (or SAP said no)."""
        return self.save.can_edit

    @property
    def empty(self) -> bool:
        return not self.lines

    @property
    def unsaved(self) -> bool:
        """Whether quitting would lose something: keyed lines not yet saved, or an unknown outcome."""
        return (bool(self.lines) and not self.save.saved) or self.save.uncertain

    def touch(self) -> None:
        self.version += 1

    def line(self, line_id: int) -> EntryLine | None:
        return next((line for line in self.lines if line.id == line_id), None)

    def index_of(self, line_id: int) -> int:
        return next((i for i, line in enumerate(self.lines) if line.id == line_id), -1)

    # ------------------------------------------------------------------ header edits
    def set_sold_to(self, text: str) -> str:
        """Set the sold-to as typed; returns the problem with what was typed ("" = a well-formed
        number). The same number typed again keeps what SAP said about it."""
        number, problem = check_customer(text)
        if problem:
            self._header_problem("sold_to", problem)
            return problem
        if number != self.sold_to:
            self.sold_to = number
            self.customer = None
            self.ship_to = ""
            self.po_duplicates = ()
            self.touch()
        self._header_problem("sold_to", self._customer_verdict())
        return ""

    def _customer_verdict(self) -> str:
        """Why SAP will not take an order from the sold-to ("" = it will, or not asked yet)."""
        customer = self.customer
        if customer is None or customer.number != self.sold_to:
            return ""
        if customer.blocked:
            return customer.blocked
        if customer.not_in_area:
            return f"Customer {customer.number} is not defined in sales area {self.sales_area}"
        return ""

    def set_customer(self, customer: SoldTo) -> None:
        """SAP's word on the sold-to: the default ship-to and shipping condition come with it."""
        if customer.number != self.sold_to:
            return
        self.customer = customer
        self._header_problem("sold_to", self._customer_verdict())
        numbers = {p.number for p in customer.ship_tos}
        if not self.ship_to or (numbers and self.ship_to not in numbers):
            self.ship_to = customer.default_ship_to
        if not self.shipping_condition and customer.shipping_condition:
            self.shipping_condition = customer.shipping_condition
        self.touch()

    def set_sold_to_unknown(self, number: str, problem: str) -> None:
        if number == self.sold_to:
            self.customer = SoldTo(number, blocked=problem)
            self._header_problem("sold_to", problem)

    def set_ship_to(self, number: str) -> None:
        if number != self.ship_to:
            self.ship_to = number
            self.touch()

    def set_po(self, text: str) -> str:
        po, problem = check_po(text)
        self._header_problem("po", problem)
        if po != self.customer_po:
            self.customer_po = po
            self.po_duplicates = ()
            self.touch()
        return problem

    def set_requested_date(self, text: str, today: dt.date) -> str:
        cleaned, _ = fmt.clean_text(text)
        self.requested_date_text = cleaned.strip()
        try:
            value: dt.date | None = fmt.parse_date(cleaned, today) if cleaned.strip() else None
        except ValueError as error:
            self._header_problem("date", str(error))
            return str(error)
        self._header_problem("date", "")
        if value != self.requested_date:
            self.requested_date = value
            self.touch()
        return ""

    def set_shipping_condition(self, text: str) -> str:
        code, problem = check_shipping_condition(text)
        self._header_problem("shipping_condition", problem)
        if not problem and code != self.shipping_condition:
            self.shipping_condition = code
            self.touch()
        return problem

    def _header_problem(self, name: str, problem: str) -> None:
        if problem:
            self.header_problems[name] = problem
        else:
            self.header_problems.pop(name, None)

    # ------------------------------------------------------------------ line edits
    def add_line(self, material: str, quantity: str, unit: str = "", *, source: str = "", at: int | None = None) -> EntryLine:
        """A new line as typed (checked at once); ``at`` = position, default the end."""
        if len(self.lines) >= MAX_LINES:
            raise ValueError(f"An order here has at most {MAX_LINES} lines")
        line = EntryLine(material, quantity, unit, source)
        if at is None or at >= len(self.lines):
            self.lines.append(line)
        else:
            self.lines.insert(max(0, at), line)
        self.touch()
        return line

    def add_lines(self, rows: list[tuple[str, str, str, str]]) -> list[EntryLine]:
        """Several lines at once (a paste): (material, quantity, unit, source) each; one version bump."""
        room = MAX_LINES - len(self.lines)
        added = [EntryLine(m, q, u, s) for m, q, u, s in rows[:room]]
        self.lines.extend(added)
        if added:
            self.touch()
        return added

    def update_line(self, line_id: int, material: str, quantity: str, unit: str) -> EntryLine | None:
        line = self.line(line_id)
        if line is None:
            return None
        if (line.material_text, line.quantity_text, line.unit_text) != (material, quantity, unit):
            line.material_text, line.quantity_text, line.unit_text = material, quantity, unit
            line.check()
            self.touch()
        return line

    def delete_line(self, line_id: int) -> EntryLine | None:
        index = self.index_of(line_id)
        if index < 0:
            return None
        line = self.lines.pop(index)
        self._deleted.append((index, line))
        self.touch()
        return line

    @property
    def can_undo(self) -> bool:
        return bool(self._deleted)

    def undo_delete(self) -> EntryLine | None:
        """Put the line deleted last back where it was (same id, same text)."""
        if not self._deleted or len(self.lines) >= MAX_LINES:
            return None
        index, line = self._deleted.pop()
        self.lines.insert(min(index, len(self.lines)), line)
        self.touch()
        return line

    # ------------------------------------------------------------------ what goes to SAP
    def ready_lines(self) -> list[EntryLine]:
        return [line for line in self.lines if line.ready]

    def order_draft(self) -> tuple[OrderDraft, tuple[int, ...]]:
        """The immutable ``OrderDraft`` of the lines that can go to SAP, and their ids in item order
        (item 10 is the first id, 20 the second, ...). Raises ValueError when nothing can be sent."""
        if not self.sold_to:
            raise ValueError("No sold-to customer")
        lines = self.ready_lines()
        if not lines:
            raise ValueError("No line is ready to send")
        draft = OrderDraft(
            sold_to=self.sold_to,
            sales_area=self.sales_area,
            lines=tuple(line.draft_line() for line in lines),
            ship_to=self.ship_to,
            customer_po=self.customer_po,
            requested_date=self.requested_date,
            shipping_condition=self.shipping_condition,
            order_type=self.order_type,
            # the adapter's PURCH_NO_C when no PO is typed: what a lost answer is looked up by
            reference=self.reference,
        )
        return draft, tuple(line.id for line in lines)

    @property
    def lookup_po(self) -> str:
        """What SAP stores in PURCH_NO_C for this draft: the typed PO, else the reference."""
        return self.customer_po or self.reference

    # ------------------------------------------------------------------ one line for lists
    def label(self) -> str:
        who = self.sold_to or "no customer"
        if self.customer is not None and self.customer.name:
            who = f"{self.sold_to} {self.customer.name}"
        lines = f"{len(self.lines)} line" + ("" if len(self.lines) == 1 else "s")
        parts = [who, lines]
        if self.pricing is not None and self.pricing.currency:
            parts.append(fmt.money(self.pricing.grand_total, self.pricing.currency))
        parts.append(self.save.label)
        return " · ".join(parts)


# --------------------------------------------------------------------------- the open drafts (memory only)


def unsaved_drafts(drafts: list[EntryDraft]) -> list[EntryDraft]:
    return [d for d in drafts if d.unsaved]


def forget_finished(drafts: list[EntryDraft], keep: EntryDraft | None = None) -> None:
    """Drop drafts that hold nothing worth keeping — saved, or without a customer or a line —
    except ``keep`` (the one on screen)."""
    drafts[:] = [d for d in drafts if d is keep or d.unsaved or (d.sold_to and not d.save.saved)]
