"""SAP's answer mapped onto the lines, the confirmation as SAP gave it, and the problem list."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal as D

from ordertui.model import Condition, CreditCheck, Quote, QuoteLine, SalesArea, SapMessage, ScheduleLine
from ordertui.ordering.draft import EntryDraft
from ordertui.ordering.pricing import confirmation, line_flags, price_quote
from ordertui.ordering.problems import ERROR, WARNING, problems_before_save
from tests.conftest import TODAY

AREA = SalesArea("1000", "10", "00")
DEC4 = dt.date(2026, 12, 4)


def qline(item, material, qty, net, schedule=(), messages=(), rejected=False, conditions=()):
    return QuoteLine(
        item=item, material=material, description=f"desc {material}", quantity=D(qty), unit="PC", plant="1000",
        net_value=D(net), tax=D(net) * D("0.07"), currency="USD",
        schedule=tuple(ScheduleLine(item, i + 1, DEC4, D(qty), D(c), d) for i, (c, d) in enumerate(schedule)),
        messages=tuple(messages), rejected=rejected, conditions=tuple(conditions),
    )


def freight(item, value):
    return Condition(item, 100, 1, "KF00", "Freight", D(value), "USD", D(1), "KG", D(value), "USD")


def quote(*lines, messages=(), credit=None, incomplete=()):
    net = sum((l.net_value for l in lines if not l.rejected), D(0))
    tax = sum((l.tax for l in lines if not l.rejected), D(0))
    return Quote(tuple(lines), "USD", net, tax, tuple(messages), credit=credit, incomplete=tuple(incomplete))


def draft_with(*rows) -> EntryDraft:
    draft = EntryDraft(AREA)
    draft.set_sold_to("10023")
    for material, qty in rows:
        draft.add_line(material, qty)
    draft.set_requested_date("12/04", TODAY)
    return draft


def priced(draft: EntryDraft, q: Quote):
    order, ids = draft.order_draft()
    sigs = {line.id: line.signature() for line in draft.lines}
    return price_quote(q, ids, sigs, version=draft.version, requested_date=draft.requested_date)


def test_items_map_back_to_line_ids_and_added_lines_follow_their_item():
    draft = draft_with(("HB-38-100", "40"), ("bad qty", "x"), ("100100", "12"))
    a, bad, b = draft.lines
    p = priced(draft, quote(
        qline("10", "HB-38-100", 40, "13.10", [(40, DEC4)], conditions=[freight("10", "0.56")]),
        qline("11", "FREE-1", 1, "0"),  # a line SAP added (free goods)
        qline("20", "100100", 12, "844.84", [(8, DEC4), (4, dt.date(2026, 12, 19))], conditions=[freight("20", "5.18")]),
    ))
    assert p.line(a.id).material == "HB-38-100" and p.line(b.id).material == "100100"
    assert p.line(bad.id) is None
    assert [l.material for l in p.added[a.id]] == ["FREE-1"]
    assert p.freight == D("5.74") and p.net_total == D("857.94") and p.grand_total == p.net_total + p.tax_total
    assert p.first_delivery() == DEC4


def test_confirmation_reads_as_sap_gave_it():
    full = qline("10", "A", 40, "1", [(40, DEC4)])
    partial = qline("20", "B", 40, "1", [(30, DEC4), (10, dt.date(2026, 12, 19))])
    later = qline("30", "C", 2, "1", [(0, DEC4), (2, dt.date(2026, 12, 18))])
    none = qline("40", "D", 1, "1", [(0, DEC4)])
    assert confirmation(full, DEC4, TODAY).text == "40 on 12/04"
    c = confirmation(partial, DEC4, TODAY)
    assert (c.text, c.state, c.on_time) == ("30 on 12/04, 10 on 12/19", "partial", D(30))
    assert confirmation(later, DEC4, TODAY).state == "later"
    assert (confirmation(none, DEC4, TODAY).text, confirmation(none, DEC4, TODAY).state) == ("none confirmed", "none")
    next_year = qline("50", "E", 1, "1", [(1, dt.date(2027, 1, 5))])
    assert confirmation(next_year, DEC4, TODAY).text == "1 on 01/05/27"


def test_line_flags_from_sap_messages():
    disc = qline("10", "100200", 1, "0", messages=[SapMessage("E", "V1", "028", "Material 100200 is blocked for sales (status Z1)")], rejected=True)
    assert line_flags(disc) == ("discontinued",)
    unknown = qline("20", "XYZ", 1, "0", messages=[SapMessage("E", "M3", "305", "Material XYZ does not exist")], rejected=True)
    assert line_flags(unknown) == ("unknown material",)
    not_here = qline("30", "100500", 1, "0", messages=[SapMessage("E", "V1", "141", "not in sales org")], rejected=True)
    assert line_flags(not_here, "2000") == ("not sold in sales org 2000",)


def test_the_problem_list_names_every_reason_and_where_to_fix_it():
    draft = draft_with(("HB-38-100", "40"), ("100100", "12"), ("100200", "1"), ("100400", "1"), ("HB-12-200", "0"))
    a, b, disc, none, zero = draft.lines
    credit = CreditCheck("10050", "1000", "USD", D(700), D(697), D(189), D(0), True,
                         (SapMessage("W", "V1", "150", "Static credit check: credit limit exceeded 1463.99 USD"),))
    q = quote(
        qline("10", "HB-38-100", 40, "13.10", [(40, DEC4)]),
        qline("20", "100100", 12, "844.84", [(8, DEC4), (4, dt.date(2026, 12, 19))]),
        qline("30", "100200", 1, "0", messages=[SapMessage("E", "V1", "028", "Material 100200 is blocked for sales (status Z1)")], rejected=True),
        qline("40", "100400", 1, "100", [(0, DEC4)]),
        messages=[SapMessage("S", "V4", "233", "VBAKKOM has been processed successfully"), credit.messages[0]],
        credit=credit,
        incomplete=["Purchase order number"],
    )
    p = priced(draft, q)
    found = problems_before_save(draft, p, today=TODAY)
    kinds = [(pr.severity, pr.kind, pr.target.field, pr.target.line_id) for pr in found]
    assert (ERROR, "line-input", "quantity", zero.id) in kinds
    assert (ERROR, "discontinued", "material", disc.id) in kinds
    assert (WARNING, "credit", "sold_to", 0) in kinds
    assert (WARNING, "po-missing", "po", 0) in kinds
    assert (WARNING, "partial", "quantity", b.id) in kinds
    assert (WARNING, "unconfirmed", "quantity", none.id) in kinds
    assert all(pr.target.line_id != a.id for pr in found)  # the good line has nothing to say
    assert [pr.severity for pr in found] == sorted((pr.severity for pr in found), key=[ERROR, WARNING].index)
    partial = next(pr for pr in found if pr.kind == "partial")
    assert partial.text == "Line 2 100100: only 8 of 12 PC by the date (8 on 12/04, 4 on 12/19)"
    credit_text = next(pr.text for pr in found if pr.kind == "credit")
    assert "blocked for credit release" in credit_text


def test_credit_account_blocked_is_an_error():
    draft = draft_with(("HB-38-100", "40"))
    msg = SapMessage("E", "V1", "154", "Credit account blocked")
    credit = CreditCheck("10060", "1000", "USD", D(100), D(0), D(0), D(0), True, (msg,))
    p = priced(draft, quote(qline("10", "HB-38-100", 40, "13.10", [(40, DEC4)]), messages=[msg], credit=credit))
    found = problems_before_save(draft, p, today=TODAY)
    assert [(pr.severity, pr.kind) for pr in found] == [(ERROR, "credit")]


def test_prices_changed_since_the_last_simulate():
    draft = draft_with(("HB-38-100", "40"), ("100100", "12"))
    a, b = draft.lines
    before = priced(draft, quote(qline("10", "HB-38-100", 40, "13.10", [(40, DEC4)]), qline("20", "100100", 12, "844.84", [(12, DEC4)])))
    after = priced(draft, quote(qline("10", "HB-38-100", 40, "14.00", [(40, DEC4)]), qline("20", "100100", 12, "844.84", [(12, DEC4)])))
    found = problems_before_save(draft, after, previous=before, today=TODAY)
    assert [(pr.kind, pr.target.line_id) for pr in found] == [("price-changed", a.id)]
    assert "USD 0.33 → USD 0.35" in found[0].text
    # a line whose quantity changed is re-priced, not "changed"
    draft.update_line(a.id, "HB-38-100", "500", "")
    moved = dataclasses.replace(after, signatures={a.id: a.signature(), b.id: b.signature()}, version=draft.version)
    assert problems_before_save(draft, moved, previous=before, today=TODAY) == []


def test_no_pricing_or_outdated_pricing_blocks():
    draft = draft_with(("HB-38-100", "40"))
    assert [pr.kind for pr in problems_before_save(draft, None)] == ["not-priced"]
    p = priced(draft, quote(qline("10", "HB-38-100", 40, "13.10", [(40, DEC4)])))
    draft.add_line("HB-12-200", "5")
    kinds = [pr.kind for pr in problems_before_save(draft, p, today=TODAY)]
    assert "not-priced" in kinds


def test_po_too_long_and_duplicate_po():
    draft = draft_with(("HB-38-100", "40"))
    draft.set_po("P" * 40)
    draft.po_duplicates = (("5007", dt.date(2026, 11, 21)),)
    p = priced(draft, quote(qline("10", "HB-38-100", 40, "13.10", [(40, DEC4)])))
    found = problems_before_save(draft, p, today=TODAY)
    assert (ERROR, "header-po", "po") in [(pr.severity, pr.kind, pr.target.field) for pr in found]
    dup = next(pr for pr in found if pr.kind == "po-duplicate")
    assert dup.severity == WARNING and "order 5007 of 2026-11-21" in dup.text
