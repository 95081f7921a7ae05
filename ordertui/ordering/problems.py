"""Every reason not to save yet, in one list, each pointing at the field it concerns.

``error`` problems stop the save (SAP would refuse the order, or what was typed cannot be sent);
``warning`` problems are read to the user and the save goes on only when they confirm it
(an order over the credit limit is saved and blocked for credit release — that is the user's
choice to make, not ordertui's). ``info`` entries are worth knowing and ask nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ordertui import format as fmt
from ordertui.ordering.draft import EntryDraft
from ordertui.ordering.pricing import Pricing, confirmation, line_flags, price_changes

ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True)
class Target:
    """Where a problem is fixed: a header field, or a field of one line."""

    kind: str  # "header" | "line"
    field: str  # header: sold_to, ship_to, po, date, shipping_condition; line: material, quantity, unit
    line_id: int = 0


@dataclass(frozen=True)
class Problem:
    severity: str
    kind: str
    text: str
    target: Target

    @property
    def blocks(self) -> bool:
        return self.severity == ERROR


def _line_label(draft: EntryDraft, line_id: int) -> str:
    index = draft.index_of(line_id)
    line = draft.lines[index] if index >= 0 else None
    name = (line.material or line.material_text.strip()[:18]) if line else ""
    return f"Line {index + 1}" + (f" {name}" if name else "")


def _mentions_po(text: str) -> bool:
    lowered = text.lower()
    return "purchase order" in lowered or "po number" in lowered or "bstkd" in lowered or "purch_no" in lowered


def problems_before_save(
    draft: EntryDraft,
    pricing: Pricing | None = None,
    *,
    previous: Pricing | None = None,
    today: dt.date | None = None,
) -> list[Problem]:
    """The problem list of ``draft`` against SAP's latest answer ``pricing`` (errors first).

    ``previous`` is the answer the user last saw before ``pricing`` was fetched for the save: a
    line whose price moved between the two is listed.
    """
    found: list[Problem] = []
    add = found.append
    sales_org = draft.sales_area.sales_org

    # ---------------------------------------------------------------- header
    for name, text in draft.header_problems.items():
        add(Problem(ERROR, f"header-{name}", text, Target("header", name)))
    if not draft.sold_to and "sold_to" not in draft.header_problems:
        add(Problem(ERROR, "header-sold_to", "No sold-to customer", Target("header", "sold_to")))
    for number, created in draft.po_duplicates:
        when = f" of {fmt.date(created)}" if created else ""
        add(Problem(WARNING, "po-duplicate", f"PO {draft.customer_po} is already on order {number}{when}", Target("header", "po")))

    # ---------------------------------------------------------------- lines as typed
    if not draft.lines:
        add(Problem(ERROR, "no-lines", "The order has no lines", Target("line", "material")))
    for line in draft.lines:
        for field_name, text in line.problems.items():
            add(Problem(ERROR, "line-input", f"{_line_label(draft, line.id)}: {text}", Target("line", field_name, line.id)))

    # ---------------------------------------------------------------- SAP's answer
    if pricing is None:
        if draft.ready_lines():
            add(Problem(ERROR, "not-priced", "SAP has not priced this order yet", Target("line", "material")))
        return _ordered(found)
    if pricing.version != draft.version:
        add(Problem(ERROR, "not-priced", "SAP has not priced the latest changes yet", Target("line", "material")))

    credit = pricing.credit
    credit_errors = [m for m in (credit.messages if credit else ()) if m.is_error]
    for m in pricing.header_messages:
        if credit is not None and m in credit.messages:
            continue
        severity = ERROR if m.is_error else WARNING if m.is_warning else INFO
        if m.id == "V4" and m.number == "115" and draft.po_duplicates:
            continue  # said above, with the order number
        field_name = "po" if (m.id, m.number) == ("V4", "115") else "sold_to"
        add(Problem(severity, "sap-header", f"{m.text} ({m.code})", Target("header", field_name)))
    if credit is not None and credit.blocked:
        figures = (
            f"exposure {fmt.money(credit.exposure, credit.currency)} of limit "
            f"{fmt.money(credit.limit, credit.currency)}"
        )
        if credit_errors:
            text = f"Credit: {credit_errors[0].text} ({credit_errors[0].code}) — SAP will not save it; {figures}"
            add(Problem(ERROR, "credit", text, Target("header", "sold_to")))
        else:
            add(Problem(WARNING, "credit", f"Credit limit exceeded: {figures} — SAP saves the order blocked for credit release", Target("header", "sold_to")))
    for text in pricing.quote.incomplete:
        field_name = "po" if _mentions_po(text) else "sold_to"
        kind = "po-missing" if field_name == "po" else "incomplete"
        add(Problem(WARNING, kind, f"Incomplete: {text}", Target("header", field_name)))

    for line in draft.lines:
        if not line.ready:
            continue
        qline = pricing.line(line.id)
        label = _line_label(draft, line.id)
        if qline is None:
            if pricing.version == draft.version:
                add(Problem(ERROR, "sap-line", f"{label}: SAP returned nothing for this line", Target("line", "material", line.id)))
            continue
        flags = line_flags(qline, sales_org)
        errors = [m for m in qline.messages if m.is_error]
        if errors:
            kind = "discontinued" if "discontinued" in flags else "not-in-area" if any(f.startswith("not sold") for f in flags) else "sap-line"
            field_name = "unit" if "unit not defined" in flags else "quantity" if any(m.field.upper() in ("REQ_QTY", "TARGET_QTY") for m in errors) else "material"
            add(Problem(ERROR, kind, f"{label}: {errors[0].text} ({errors[0].code})", Target("line", field_name, line.id)))
            continue
        for m in qline.messages:
            if m.is_warning:
                add(Problem(WARNING, "sap-line", f"{label}: {m.text} ({m.code})", Target("line", "material", line.id)))
        if qline.rejected:
            continue
        conf = confirmation(qline, pricing.requested_date, today)
        if conf.state == "none":
            add(Problem(WARNING, "unconfirmed", f"{label}: nothing confirmed", Target("line", "quantity", line.id)))
        elif conf.state == "partial":
            add(Problem(WARNING, "partial", f"{label}: only {fmt.number(conf.on_time)} of {fmt.quantity(qline.quantity, qline.unit)} by the date ({conf.text})", Target("line", "quantity", line.id)))
        elif conf.state == "later":
            add(Problem(WARNING, "partial", f"{label}: confirmed later than requested ({conf.text})", Target("line", "quantity", line.id)))

    for change in price_changes(previous, pricing):
        add(Problem(
            WARNING, "price-changed",
            f"{_line_label(draft, change.line_id)}: price changed since it was quoted, "
            f"{fmt.money(change.before, change.currency)} → {fmt.money(change.after, change.currency)}",
            Target("line", "quantity", change.line_id),
        ))
    return _ordered(found)


def _ordered(found: list[Problem]) -> list[Problem]:
    rank = {ERROR: 0, WARNING: 1, INFO: 2}
    unique = list(dict.fromkeys(found))
    return sorted(unique, key=lambda p: rank.get(p.severity, 3))
