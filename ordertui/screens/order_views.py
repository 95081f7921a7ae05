"""What the order entry screen shows of a draft: the grid's lines, the header's notes, totals, the
save state banner, the summary read before saving and the read-back after. Pure functions of the
draft (and SAP's last answer held in it): no widget, no SAP call, so each can be tested alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from textual.content import Content

from ordertui import format as fmt
from ordertui.ordering.draft import EntryDraft
from ordertui.ordering.pricing import Pricing, confirmation, line_flags, line_messages, price_changes
from ordertui.ordering.save import State
from ordertui.widgets.line_grid import LineView

FIELD_NAMES = {"material": "Material", "quantity": "Quantity", "unit": "Unit"}
HEADER_LABELS = {"sold_to": "Sold-to", "ship_to": "Ship-to", "po": "PO", "date": "Date", "shipping_condition": "Shipping condition"}


def unit_price(value: Decimal) -> str:
    """A net price per unit: cents, or four decimals for cheap parts priced per 100 (0.3275)."""
    four = value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    two = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if four == two or abs(value) >= 10:
        return fmt.money(value)
    return f"{four:,.4f}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# --------------------------------------------------------------------------- header


def customer_label(draft: EntryDraft) -> Content:
    """Beside the sold-to field: who it is, or what is wrong with it."""
    customer = draft.customer
    if not draft.sold_to:
        return Content.assemble(("no customer — type a number, or F2 to find the caller", "$text-muted"))
    if "sold_to" in draft.header_problems:
        return Content.assemble((draft.header_problems["sold_to"], "bold $text-error"))
    if customer is None:
        return Content.assemble(("checking…", "$text-muted"))
    parts: list[Any] = [(customer.name, "bold")]
    if customer.city:
        parts.append(f", {customer.city}")
    return Content.assemble(*parts)


def header_notes(draft: EntryDraft) -> list[Content]:
    """Under the header: field problems, a PO used before, credit as the simulate gave it, and
    SAP's header messages."""
    pricing = draft.pricing
    lines: list[Content] = []
    for name, text in draft.header_problems.items():
        if name != "sold_to":  # said beside the field
            lines.append(Content.assemble((f"{HEADER_LABELS.get(name, name)}: ", "bold $text-error"), (text, "$text-error")))
    for number, created in draft.po_duplicates:
        when = f" of {fmt.date(created)}" if created else ""
        lines.append(Content.assemble(("PO already used: ", "bold $text-warning"), f"order {number}{when} has PO {draft.customer_po}"))
    if pricing is None:
        return lines
    cc = pricing.credit
    if cc is not None:
        cur = cc.currency
        figures = f"limit {fmt.money(cc.limit, cur)} · exposure {fmt.money(cc.exposure, cur)} · headroom {fmt.money(cc.headroom, cur)}"
        if cc.blocked:
            worst = next((m for m in cc.messages if m.is_error), None) or (cc.messages[0] if cc.messages else None)
            code = f" ({worst.code})" if worst is not None else ""
            if worst is not None and worst.is_error:
                lines.append(Content.assemble(("CREDIT BLOCKED", "bold $text-error"), f"{code}: SAP will not save orders · {figures}"))
            else:
                lines.append(Content.assemble(("CREDIT LIMIT EXCEEDED", "bold $text-warning"), f"{code} · {figures} · SAP saves it blocked for credit release"))
        else:
            lines.append(Content.assemble(("Credit ", "$text-muted"), (figures, "$text-muted")))
    credit_msgs = set(cc.messages) if cc is not None else set()
    for m in pricing.header_messages:
        if m in credit_msgs or ((m.id, m.number) == ("V4", "115") and draft.po_duplicates):
            continue
        style = "$text-error" if m.is_error else "$text-warning" if m.is_warning else "$text-muted"
        lines.append(Content.assemble((f"{m.type} {m.code}  ", style), m.text))
    return lines


# --------------------------------------------------------------------------- lines


#: Why SAP's prices are not there (the screen's pricing note) -> what the totals line, a line not
#: priced yet and a refused save say. A timeout is not an outage: SAP may be busy, and is asked
#: again either way.
NO_ANSWER = {
    "offline": ("SAP unreachable: prices when SAP is back", "SAP unreachable: kept", "SAP is unreachable"),
    "late": ("SAP did not answer in time: asking again", "no answer yet: kept", "SAP did not answer in time"),
}


def line_views(draft: EntryDraft, today: dt.date, *, no_answer: str = "") -> list[LineView]:
    """One ``LineView`` per draft line (and per line SAP added), as typed or as SAP priced it;
    ``no_answer``: why SAP's last prices are missing (a ``NO_ANSWER`` key), else ""."""
    pricing = draft.pricing
    org = draft.sales_area.sales_org
    changes = {c.line_id: c for c in price_changes(draft.previous_pricing, pricing)} if pricing else {}
    views: list[LineView] = []
    if pricing is not None:
        views += added_views(pricing, 0, today)
    for number, line in enumerate(draft.lines, start=1):
        if not line.ready:
            notes = tuple((f"{FIELD_NAMES[f]}: {t}", "error") for f, t in line.problems.items())
            if line.source:
                notes += ((f"pasted: {line.source}", "muted"),)
            views.append(LineView(
                line.id, str(number), line.material_text.strip()[:40] or "—", quantity=line.quantity_text.strip()[:12],
                unit=line.unit_text.strip(), confirmation="not sent: Enter to fix", state="invalid", notes=notes,
            ))
            continue
        qline = pricing.line(line.id) if pricing is not None else None
        if qline is None or pricing is None or pricing.signatures.get(line.id) != line.signature():
            views.append(LineView(
                line.id, str(number), line.material, quantity=fmt.number(line.quantity), unit=line.unit,
                price="…", value="…", confirmation=NO_ANSWER[no_answer][1] if no_answer else "pricing…",
                state="offline" if no_answer else "pending",
            ))
            continue
        flags = line_flags(qline, org)
        notes = tuple(
            (f"{m.type} {m.code}  {m.text}", "error" if m.is_error else "warning" if m.is_warning else "muted")
            for m in line_messages(qline)
        )
        change = changes.get(line.id)
        if change is not None:
            notes += ((f"price changed: was {unit_price(change.before)}, now {unit_price(change.after)}", "warning"),)
        if qline.rejected or any(m.is_error for m in qline.messages):
            views.append(LineView(
                line.id, str(number), line.material, qline.description, fmt.number(line.quantity), qline.unit or line.unit,
                confirmation="not priced", state="error", flags=flags, notes=notes,
            ))
        else:
            conf = confirmation(qline, pricing.requested_date, today)
            views.append(LineView(
                line.id, str(number), qline.material or line.material, qline.description, fmt.number(qline.quantity),
                qline.unit, unit_price(qline.net_price), fmt.money(qline.net_value), conf.text, conf.state, flags, notes,
            ))
        views += added_views(pricing, line.id, today)
    return views


def added_views(pricing: Pricing, after: int, today: dt.date) -> list[LineView]:
    """The lines SAP added after line ``after`` (free goods, sub-items), as SAP returned them."""
    views = []
    for n, qline in enumerate(pricing.added.get(after, ()), start=1):
        conf = confirmation(qline, pricing.requested_date, today)
        notes = tuple((f"{m.type} {m.code}  {m.text}", "muted") for m in line_messages(qline))
        views.append(LineView(
            -(after * 1000 + n), "+", qline.material, f"{qline.description} (added by SAP, item {qline.item})",
            fmt.number(qline.quantity), qline.unit, unit_price(qline.net_price), fmt.money(qline.net_value),
            conf.text, "added", (), notes,
        ))
    return views


def unreadable_title(draft: EntryDraft) -> str:
    return f"Could not read {plural(len(draft.unreadable), 'pasted line')} — Enter keys one"


def unreadable_option(source: str, reason: str) -> Content:
    return Content.assemble(("✖ ", "$text-error"), (source, "bold"), (f"  — {reason}", "$text-muted"))


# --------------------------------------------------------------------------- totals and state


def totals(draft: EntryDraft, note: str) -> Content:
    """``5 lines  Net … incl. freight …  Tax … Total …`` and where SAP's answer stands (``note``: "",
    "pricing", a ``NO_ANSWER`` key, or why SAP could not price)."""
    pricing = draft.pricing
    parts: list[Any] = [(plural(len(draft.lines), "line"), "bold")]
    if pricing is not None and (draft.ready_lines() or pricing.quote.lines):
        cur = pricing.currency
        # SAP's net value includes the freight: "incl." so that Net + Tax = Total reads right
        parts += [("  Net ", "$text-muted"), fmt.money(pricing.net_total, cur), (" incl. freight ", "$text-muted"), fmt.money(pricing.freight),
                  ("  Tax ", "$text-muted"), fmt.money(pricing.tax_total), ("  Total ", "$text-muted"), (fmt.money(pricing.grand_total, cur), "bold")]
    if note == "pricing":
        parts += ["  ", ("pricing…", "$text-muted")]
    elif note in NO_ANSWER:
        parts += ["  ", (NO_ANSWER[note][0], "bold $text-warning")]
    elif note:
        parts += ["  ", (note, "$text-error")]
    elif pricing is not None and pricing.at is not None and pricing.version != draft.version:
        parts += ["  ", ("changes not priced yet", "$text-muted")]
    return Content.assemble(*parts)


@dataclass(frozen=True)
class Banner:
    text: Content
    kind: str  # info | warning | error


def banner(draft: EntryDraft, next_check: float | None) -> Banner | None:
    """The save state above the lines, when there is one to tell (sending, uncertain, not found,
    not saved); ``next_check``: seconds to the next automatic lookup."""
    save = draft.save
    state = save.state
    if state is State.SENDING:
        return Banner(Content.assemble(("Saving in SAP… ", "bold"), "the order cannot be changed until SAP answers"), "info")
    if state in (State.UNCERTAIN, State.CHECKING):
        when = "Checking SAP now…" if state is State.CHECKING else (f"Next check in {next_check:.0f} s" if next_check is not None else "")
        return Banner(Content.assemble(
            ("SAVE UNCERTAIN", "bold"),
            f" — {(save.reason or 'the answer was lost').rstrip('.')}. SAP may have the order: ordertui looks it up "
            f"({draft.lookup_po}) before anything is sent again. {when + ' · ' if when else ''}F9 checks now. Do not key this order again.",
        ), "warning")
    if state is State.NOT_FOUND:
        return Banner(Content.assemble(
            ("NOT IN SAP", "bold"),
            f" — SAP answered that it has no order {draft.lookup_po} after waiting for its update task. "
            "F9 sends it again (you confirm).",
        ), "warning")
    if state is State.NOT_SAVED:
        return Banner(Content.assemble(("NOT SAVED", "bold"), f" — {save.reason}. Correct the order and press F9."), "error")
    return None


# --------------------------------------------------------------------------- save


def summary(draft: EntryDraft) -> Content:
    """What the save dialog reads back: who, where, PO, date, lines, money, first delivery."""
    pricing = draft.pricing
    customer = draft.customer
    who = f"{draft.sold_to} {customer.name}".strip() if customer else draft.sold_to
    if customer is not None and customer.city:
        who += f", {customer.city}"
    ship = draft.ship_to
    if customer is not None:
        partner = next((p for p in customer.ship_tos if p.number == draft.ship_to), None)
        if partner is not None and partner.city:
            ship = f"{draft.ship_to} {partner.city}"
    po = draft.customer_po or f"none (reference {draft.reference})"
    parts: list[Any] = [("Sold-to ", "$text-muted"), who, "\n", ("Ship-to ", "$text-muted"), ship or "—", ("  PO ", "$text-muted"), po, "\n"]
    parts += [("Date ", "$text-muted"), fmt.date_weekday(draft.requested_date), ("  Lines ", "$text-muted"), str(len(draft.lines))]
    if pricing is not None:
        cur = pricing.currency
        parts += ["\n", ("Net ", "$text-muted"), fmt.money(pricing.net_total, cur), ("  Tax ", "$text-muted"), fmt.money(pricing.tax_total, cur),
                  ("  Total ", "$text-muted"), (fmt.money(pricing.grand_total, cur), "bold")]
        first = pricing.first_delivery()
        if first:
            parts += ["\n", ("First delivery ", "$text-muted"), fmt.date_weekday(first)]
    return Content.assemble(*parts)


def readback(draft: EntryDraft) -> str:
    """``Order 12000 · 3 lines · USD 1,121.50 · first delivery Fri 2026-12-04`` — read to the caller."""
    order = draft.save.order
    pricing = draft.pricing
    parts = [f"Order {order.number if order else '?'}", plural(len(draft.lines), "line")]
    if pricing is not None:
        parts.append(fmt.money(pricing.grand_total, pricing.currency))
        first = pricing.first_delivery()
        if first:
            parts.append(f"first delivery {fmt.date_weekday(first)}")
    return " · ".join(parts)


def saved_title(draft: EntryDraft) -> Content:
    order = draft.save.order
    recovered = " (found in SAP after the connection broke)" if order and order.recovered else ""
    credit = draft.pricing.credit if draft.pricing else None
    blocked = credit is not None and credit.blocked and not any(m.is_error for m in credit.messages)
    return Content.assemble(("ORDER SAVED", "bold $text-success"), recovered + (" — blocked for credit release" if blocked else ""))


def saved_keys(draft: EntryDraft) -> Content:
    return Content.assemble(
        ("n", "bold"), f" next order for {draft.sold_to} · ", ("c", "bold"), " copy · ",
        ("ctrl+n", "bold"), " new order · ", ("ctrl+r", "bold"), " drafts",
    )
