"""Business logic of the sandbox SAP system: pricing, availability (ATP) and credit exposure.

Used by the history generator and by BAPI_SALESORDER_SIMULATE/CREATEFROMDAT2, so a new order is
priced exactly like the history is.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from ordertui.sap.sandbox import names
from ordertui.sap.sandbox.base import CENT, D0, SALES_ORG
from ordertui.sap.sandbox.company import Company

FREIGHT_PER_KG = {"USD": Decimal("0.45"), "EUR": Decimal("0.38")}
FREIGHT_FACTOR = {"01": Decimal(1), "02": Decimal("2.5"), "10": D0}


def r2(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def units(co: Company, matnr: str) -> dict[str, tuple[Decimal, Decimal]]:
    marm = co.table("MARM")
    pz, pn, pu = marm.pos["UMREZ"], marm.pos["UMREN"], marm.pos["MEINH"]
    return {r[pu]: (r[pz], r[pn]) for r in marm.lookup("MATNR", matnr)}


def to_base(co: Company, matnr: str, qty: Decimal, unit: str) -> Decimal | None:
    u = units(co, matnr).get(unit)
    if u is None:
        return None
    return qty * u[0] / u[1]


def from_base(co: Company, matnr: str, qty_base: Decimal, unit: str) -> Decimal:
    u = units(co, matnr).get(unit) or (Decimal(1), Decimal(1))
    return (qty_base * u[1] / u[0]).quantize(Decimal("0.001"))


def tax_rate(country: str, region: str) -> Decimal:
    if country == "US":
        return Decimal(names.US_TAX.get(region, "6"))
    if country == "CA":
        return Decimal(names.CA_TAX.get(region, "5"))
    if country == "MX":
        return Decimal(16)
    if country == "DE":
        return Decimal(19)
    return D0


def _condition_record(co: Company, table: str, vkorg: str, matnr: str, kunnr: str = ""):
    tab = co.table(table)
    p = tab.pos
    for row in tab.lookup("MATNR", matnr):
        if row[p["VKORG"]] != vkorg or row[p["VTWEG"]] != "10":
            continue
        if kunnr and row[p["KUNNR"]] != kunnr:
            continue
        return row[p["KNUMH"]]
    return None


def _rate(co: Company, knumh: str, qty_base: Decimal) -> tuple[Decimal, Decimal, str, str]:
    """(rate, pricing unit, unit, currency) of a condition record, scale applied."""
    konp = co.table("KONP")
    row = konp.first("KNUMH", knumh)
    p = konp.pos
    rate = row[p["KBETR"]]
    if row[p["STFKZ"]]:
        konm = co.table("KONM")
        pk, pr = konm.pos["KSTBM"], konm.pos["KBETR"]
        for s in sorted(konm.lookup("KNUMH", knumh), key=lambda r: r[pk]):
            if s[pk] <= qty_base:
                rate = s[pr]
    return rate, row[p["KPEIN"]], row[p["KMEIN"]], row[p["KONWA"]]


def price_item(co: Company, vkorg: str, kunnr: str, matnr: str, qty_base: Decimal,
               ship_country: str, ship_region: str, vsbed: str) -> dict | None:
    """Condition breakdown of one item, or None when there is no list price (PR00)."""
    co.ensure("pricing")
    currency = SALES_ORG[vkorg]["currency"]
    list_knumh = _condition_record(co, "A004", vkorg, matnr)
    if list_knumh is None:
        return None
    conds = []
    rate, per, unit, cur = _rate(co, list_knumh, qty_base)
    gross = r2(rate * qty_base / per)
    cust_knumh = _condition_record(co, "A005", vkorg, matnr, kunnr) if kunnr else None
    if cust_knumh:
        conds.append(dict(type="PR00", rate=rate, per=per, unit=unit, currency=cur, value=gross,
                          inactive="X", cls="B"))
        rate, per, unit, cur = _rate(co, cust_knumh, qty_base)
        gross = r2(rate * qty_base / per)
        conds.append(dict(type="ZPR1", rate=rate, per=per, unit=unit, currency=cur,
                          value=gross, cls="B"))
    else:
        conds.append(dict(type="PR00", rate=rate, per=per, unit=unit, currency=cur, value=gross,
                          cls="B"))
    net = gross
    mat_pct = co.mat_discount.get((matnr, vkorg))
    if mat_pct:
        value = -r2(gross * mat_pct / 100)
        conds.append(dict(type="K004", rate=-mat_pct, per=Decimal(0), unit="", currency="%",
                          value=value, cls="A"))
        net += value
    cust_pct = co.cust_discount.get((kunnr, vkorg))
    if cust_pct:
        value = -r2(gross * cust_pct / 100)
        conds.append(dict(type="K007", rate=-cust_pct, per=Decimal(0), unit="", currency="%",
                          value=value, cls="A"))
        net += value
    weight = co.mat_info[matnr]["weight"] * qty_base
    freight_rate = FREIGHT_PER_KG[currency] * FREIGHT_FACTOR.get(vsbed, Decimal(1))
    freight = r2(weight * freight_rate)
    if freight:
        conds.append(dict(type="KF00", rate=freight_rate, per=Decimal(1), unit="KG",
                          currency=currency, value=freight, cls="F"))
    net_value = net + freight
    pct = tax_rate(ship_country, ship_region)
    tax = r2(net_value * pct / 100)
    conds.append(dict(type="MWST", rate=pct, per=Decimal(0), unit="", currency="%", value=tax,
                      cls="D"))
    return {"conditions": conds, "gross": gross, "discounted": net, "freight": freight,
            "net": net_value, "tax": tax, "currency": currency, "weight": weight,
            "net_price": r2(net_value / qty_base * per) if qty_base else D0, "per": per,
            "price_unit": unit}


def atp(co: Company, matnr: str, werks: str, qty_base: Decimal, req_date: dt.date
        ) -> tuple[list[tuple[dt.date, Decimal]], dt.date]:
    """Confirmations [(date, qty)] for qty on/after req_date, and the end of replenishment lead
    time. Stock already confirmed to committed orders is not available again."""
    stock, receipts, lead = co.stock(matnr, werks)
    allocated = co.allocated.get((matnr, werks), D0)
    supply = [(co.today, stock)] + sorted(receipts)
    out: list[tuple[dt.date, Decimal]] = []
    remaining = qty_base
    for date, qty in supply:
        take_from_alloc = min(qty, allocated)
        allocated -= take_from_alloc
        qty -= take_from_alloc
        if qty <= 0 or remaining <= 0:
            continue
        give = min(qty, remaining)
        when = max(date, req_date)
        if out and out[-1][0] == when:
            out[-1] = (when, out[-1][1] + give)
        else:
            out.append((when, give))
        remaining -= give
    return out, co.today + dt.timedelta(days=lead)


def allocate(co: Company, matnr: str, werks: str, qty_base: Decimal) -> None:
    key = (matnr, werks)
    co.allocated[key] = co.allocated.get(key, D0) + qty_base


def credit_account(co: Company, payer: str, kkber: str) -> dict | None:
    knkk = co.table("KNKK")
    p = knkk.pos
    for row in knkk.lookup("KUNNR", payer):
        if row[p["KKBER"]] == kkber:
            return knkk.as_dict(row)
    return None


def exposure(co: Company, payer: str, kkber: str) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """(credit limit, receivables, open order values, total exposure) incl. committed orders.

    The total is what classic credit management checks against the limit: receivables (KNKK-SKFOR)
    + sales values (SAUFT, here with the orders committed since generation) + special liabilities
    (SSOBL). BAPIPAYER carries the three parts, not the total (see :func:`special_liabilities`).
    """
    acct = credit_account(co, payer, kkber)
    if acct is None:
        return D0, D0, D0, D0
    extra = co.new_order_value.get((payer, kkber), D0)
    order_vals = acct["SAUFT"] + extra
    return acct["KLIMK"], acct["SKFOR"], order_vals, acct["SKFOR"] + order_vals + acct["SSOBL"]


def special_liabilities(co: Company, payer: str, kkber: str) -> Decimal:
    """KNKK-SSOBL, the special liabilities relevant for the credit check: what BAPIPAYER-CRED_LIAB
    holds (its data element is SSOBL, as ORDER_VALS' is SAUFT and RCVBL_VALS' is SKFOR)."""
    acct = credit_account(co, payer, kkber)
    return acct["SSOBL"] if acct is not None else D0
