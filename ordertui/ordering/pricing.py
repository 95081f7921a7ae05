"""SAP's answer to one simulate, mapped back onto the draft lines it priced.

The adapter numbers the items of an ``OrderDraft`` 10, 20, 30 ... in the order of its lines
(``ordertui.sap.rfc.salesdoc.draft_input``); ``OrderDraft`` lines are the draft's ready lines in
order, so item ``(i + 1) * 10`` answers the i-th id sent. Items SAP adds on its own (free goods,
sub-items: numbers that were not sent) are kept as SAP returned them and shown after the line
whose item precedes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ordertui.model import ZERO, CreditCheck, Quote, QuoteLine, SapMessage

#: Pricing condition types that are freight (SAP standard: KF00 item freight, HD00 header freight).
FREIGHT_CONDITION_TYPES = frozenset({"KF00", "HD00"})

Signature = tuple[str, "Decimal | None", str]


def item_number(index: int) -> str:
    """The item number SAP gives the ``index``-th line sent (0-based): 10, 20, 30 ..."""
    return str((index + 1) * 10)


def _item_key(item: str) -> int:
    return int(item) if item.isdigit() else 0


@dataclass(frozen=True)
class Pricing:
    """One simulate answer for one version of a draft."""

    version: int
    quote: Quote
    line_ids: tuple[int, ...]
    #: line id -> SAP's line for it
    by_line: Mapping[int, QuoteLine]
    #: line id -> lines SAP added after it (0 = before the first line sent)
    added: Mapping[int, tuple[QuoteLine, ...]]
    #: line id -> (material, quantity, unit) as sent
    signatures: Mapping[int, Signature]
    at: dt.datetime | None = None
    #: the requested date the lines were sent with (for "on time")
    requested_date: dt.date | None = None
    extra: dict[str, object] = field(default_factory=dict)

    # ------------------------------------------------------------------ totals
    @property
    def currency(self) -> str:
        return self.quote.currency

    @property
    def net_total(self) -> Decimal:
        return self.quote.net_total

    @property
    def tax_total(self) -> Decimal:
        return self.quote.tax_total

    @property
    def grand_total(self) -> Decimal:
        return self.quote.gross_total

    @property
    def freight(self) -> Decimal:
        """Freight inside the net value (SAP's net value includes the freight conditions)."""
        total = ZERO
        for line in self.quote.lines:
            if line.rejected:
                continue
            total += sum(
                (c.value for c in line.conditions if c.type in FREIGHT_CONDITION_TYPES and not c.inactive and not c.statistical),
                ZERO,
            )
        total += sum(
            (c.value for c in self.quote.header_conditions if c.type in FREIGHT_CONDITION_TYPES and not c.inactive and not c.statistical),
            ZERO,
        )
        return total

    @property
    def credit(self) -> CreditCheck | None:
        return self.quote.credit

    @property
    def header_messages(self) -> tuple[SapMessage, ...]:
        """SAP's header messages worth reading (success notes like "VBAKKOM processed" left out)."""
        return tuple(m for m in self.quote.messages if m.type != "S")

    def line(self, line_id: int) -> QuoteLine | None:
        return self.by_line.get(line_id)

    def first_delivery(self) -> dt.date | None:
        dates = [
            s.delivery_date
            for line in self.quote.lines
            if not line.rejected
            for s in line.schedule
            if s.confirmed_qty > 0 and s.delivery_date is not None
        ]
        return min(dates) if dates else None


def price_quote(
    quote: Quote,
    line_ids: tuple[int, ...],
    signatures: Mapping[int, Signature],
    *,
    version: int,
    at: dt.datetime | None = None,
    requested_date: dt.date | None = None,
) -> Pricing:
    """Map ``quote`` (the answer for the lines ``line_ids``, in sending order) onto those lines."""
    by_item = {item_number(i): line_id for i, line_id in enumerate(line_ids)}
    by_line: dict[int, QuoteLine] = {}
    added: dict[int, list[QuoteLine]] = {}
    after = 0
    for qline in sorted(quote.lines, key=lambda q: _item_key(q.item)):
        line_id = by_item.get(qline.item)
        if line_id is not None:
            by_line[line_id] = qline
            after = line_id
        else:
            added.setdefault(after, []).append(qline)
    return Pricing(
        version=version,
        quote=quote,
        line_ids=line_ids,
        by_line=by_line,
        added={k: tuple(v) for k, v in added.items()},
        signatures=dict(signatures),
        at=at,
        requested_date=requested_date,
    )


# --------------------------------------------------------------------------- one line's confirmation


@dataclass(frozen=True)
class Confirmation:
    """The confirmation as SAP gave it: ``30 on 12/04, 10 on 12/19``, and what that means.

    ``state``: ``full`` (all of it by the requested date), ``partial`` (some by the date, the rest
    later or not at all), ``later`` (confirmed, but after the date), ``none`` (nothing confirmed).
    """

    text: str
    state: str
    confirmed: Decimal
    on_time: Decimal


def short_date(value: dt.date, today: dt.date | None = None) -> str:
    """``12/04``; with the year when it is not this year's (``01/05/27``)."""
    if today is not None and value.year != today.year:
        return f"{value:%m/%d/%y}"
    return f"{value:%m/%d}"


def confirmation(qline: QuoteLine, requested: dt.date | None, today: dt.date | None = None) -> Confirmation:
    from ordertui import format as fmt

    confirmed = [s for s in qline.schedule if s.confirmed_qty > 0]
    total = sum((s.confirmed_qty for s in confirmed), ZERO)
    due = requested or today
    on_time = sum(
        (s.confirmed_qty for s in confirmed if s.delivery_date is None or due is None or s.delivery_date <= due),
        ZERO,
    )
    chunks = [
        f"{fmt.number(s.confirmed_qty)} on {short_date(s.delivery_date, today)}" if s.delivery_date else fmt.number(s.confirmed_qty)
        for s in confirmed
    ]
    if not confirmed:
        return Confirmation("none confirmed", "none", ZERO, ZERO)
    if on_time >= qline.quantity:
        state = "full"
    elif on_time > 0:
        state = "partial"
    else:
        state = "later"
    return Confirmation(", ".join(chunks), state, total, on_time)


# --------------------------------------------------------------------------- what SAP says about a material


def _codes() -> dict[str, tuple[str, str]]:
    from ordertui.sap.assumptions import SANDBOX_MESSAGES

    return SANDBOX_MESSAGES


def line_flags(qline: QuoteLine, sales_org: str = "") -> tuple[str, ...]:
    """Short words for the line's state SAP reported: discontinued, not sold here, unknown."""
    codes = _codes()
    found = []
    for m in qline.messages:
        key = (m.id, m.number)
        if key == codes.get("material_sales_status"):
            found.append("discontinued")
        elif key == codes.get("material_not_in_sales_org"):
            found.append(f"not sold in sales org {sales_org}".strip())
        elif key == codes.get("material_unknown"):
            found.append("unknown material")
        elif key == codes.get("unit_not_defined"):
            found.append("unit not defined")
    return tuple(dict.fromkeys(found))


def line_messages(qline: QuoteLine) -> tuple[SapMessage, ...]:
    """SAP's messages for a line, worth reading (success notes left out), errors first."""
    rank = {"E": 0, "A": 0, "X": 0, "W": 1, "I": 2}
    kept = [m for m in qline.messages if m.type != "S"]
    return tuple(sorted(kept, key=lambda m: rank.get(m.type, 3)))


# --------------------------------------------------------------------------- prices that moved


@dataclass(frozen=True)
class PriceChange:
    line_id: int
    before: Decimal
    after: Decimal
    currency: str


def price_changes(before: Pricing | None, after: Pricing) -> list[PriceChange]:
    """Lines sent unchanged in both answers whose net price per unit differs."""
    if before is None:
        return []
    changes = []
    for line_id, new in after.by_line.items():
        old = before.by_line.get(line_id)
        if old is None or old.rejected or new.rejected:
            continue
        if before.signatures.get(line_id) != after.signatures.get(line_id):
            continue
        if old.net_price.quantize(Decimal("0.01")) != new.net_price.quantize(Decimal("0.01")):
            changes.append(PriceChange(line_id, old.net_price, new.net_price, new.currency or after.currency))
    return changes
