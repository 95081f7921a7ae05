"""Customers: master data, contacts, sales areas, sales data, credit.

Each function takes the gateway's ``Transport`` as ``rfc`` and holds its call's request and the
parsing of the answer together. Finding a customer (by number, postal code, phone, name or city)
is ``customer_search.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import partial
from typing import Any

from ordertui.model import (
    ZERO,
    Address,
    Contact,
    CreditStatus,
    Customer,
    CustomerSalesData,
    Partner,
    SalesArea,
)
from ordertui.sap import assumptions as A
from ordertui.sap import convert as C
from ordertui.sap.errors import NotFound, SapError
from ordertui.sap.rfc.messages import messages_from, raise_for_errors
from ordertui.sap.rfc.opensql import Row, _first, literal, read_in, read_table
from ordertui.sap.rfc.transport import Transport, answer, attempt

# --------------------------------------------------------------------------- rows -> model

#: partner functions in the order a caller reads them: sold-to, ship-to(s), bill-to, payer
_ROLE_ORDER = {"AG": 0, "WE": 1, "RE": 2, "RG": 3}

#: KNA1-TELF1 is CHAR 16: SAP cuts a longer number typed in the address (ADR2) to fit
_TELF1_LENGTH = 16


def _contact_name(r: Row) -> str:
    return " ".join(p for p in (r.get("NAMEV", ""), r.get("NAME1", "")) if p)


def _telf1(value: str) -> str:
    """KNA1-TELF1 for display; a full field may be a cut number and says so with a trailing '…'
    (``format.phone`` drops the mark again when the 16 characters are a whole number)."""
    return value + "…" if len(value) >= _TELF1_LENGTH else value


def _area_where(kunnr: str, area: SalesArea) -> str:
    return (
        f"KUNNR = {literal(kunnr)} AND VKORG = {literal(area.sales_org)} "
        f"AND VTWEG = {literal(area.distr_chan)} AND SPART = {literal(area.division)}"
    )


# --------------------------------------------------------------------------- calls


def customer(rfc: Transport, number: str) -> Customer:
    kunnr = C.alpha_in(number)
    # Two round trips: what is read by the customer number side by side, then what needs its
    # answers (the address number, the contacts' codes) side by side. Errors are raised in the
    # order the reads would be made one after another: the BAPI, KNA1, ADR2, ADR6, KNVK, texts.
    res, kna1, knvk = rfc.concurrently([
        partial(rfc.call, "BAPI_CUSTOMER_GETDETAIL2", CUSTOMERNO=kunnr),
        partial(attempt, partial(
            read_table, rfc, "KNA1",
            ("KUNNR", "NAME1", "NAME2", "STRAS", "PSTLZ", "ORT01", "REGIO", "LAND1", "TELF1", "TELFX",
             "ADRNR", "AUFSD", "SPERR", "LOEVM", "SPRAS"),
            f"KUNNR = {literal(kunnr)}",
        )),
        partial(attempt, partial(
            read_table, rfc, "KNVK", ("PARNR", "KUNNR", "NAMEV", "NAME1", "ABTNR", "PAFKT", "TELF1", "PRSNR"),
            f"KUNNR = {literal(kunnr)}",
        )),
    ])
    raise_for_errors(messages_from(res.get("RETURN")), not_found=True)
    kna1 = answer(kna1)
    if not kna1:
        raise NotFound(f"Customer {C.alpha_out(kunnr)} does not exist")
    k = kna1[0]
    a = res.get("CUSTOMERADDRESS") or {}
    adrnr = k.get("ADRNR", "")
    reads: list[Callable[[], Any]] = []
    if adrnr:
        reads += [
            partial(attempt, partial(
                read_table, rfc, "ADR2", ("ADDRNUMBER", "PERSNUMBER", "TEL_NUMBER", "TEL_EXTENS", "FLGDEFAULT"),
                f"ADDRNUMBER = {literal(adrnr)}")),
            partial(attempt, partial(
                read_table, rfc, "ADR6", ("ADDRNUMBER", "PERSNUMBER", "SMTP_ADDR", "FLGDEFAULT"),
                f"ADDRNUMBER = {literal(adrnr)}")),
        ]
    if not isinstance(knvk, SapError):
        reads.append(partial(attempt, partial(_contact_texts, rfc, knvk)))
    answers = rfc.concurrently(reads)
    phones: dict[str, str] = {}
    emails: dict[str, str] = {}
    if adrnr:
        for r in answer(answers[0]):
            tel = r.get("TEL_NUMBER", "") + (f" ext. {r['TEL_EXTENS']}" if r.get("TEL_EXTENS") else "")
            if r.get("PERSNUMBER", "") not in phones or r.get("FLGDEFAULT"):
                phones[r.get("PERSNUMBER", "")] = tel
        for r in answer(answers[1]):
            if r.get("PERSNUMBER", "") not in emails or r.get("FLGDEFAULT"):
                emails[r.get("PERSNUMBER", "")] = r.get("SMTP_ADDR", "")
    knvk = answer(knvk)
    functions, departments = answer(answers[-1])
    contacts = []
    for r in knvk:
        prs = r.get("PRSNR", "")
        pafkt, abtnr = r.get("PAFKT", ""), r.get("ABTNR", "")
        contacts.append(
            Contact(
                number=C.alpha_out(r.get("PARNR")),
                name=_contact_name(r),
                department=departments.get(abtnr, abtnr),
                function=functions.get(pafkt, pafkt),
                phone=(phones.get(prs, "") if prs else "") or r.get("TELF1", ""),
                email=emails.get(prs, "") if prs else "",
            )
        )
    address = Address(
        name=C.text(a.get("NAME")) or k.get("NAME1", ""),
        name2=k.get("NAME2", ""),
        street=C.text(a.get("STREET")) or k.get("STRAS", ""),
        postal_code=C.text(a.get("POSTL_COD1")) or k.get("PSTLZ", ""),
        city=C.text(a.get("CITY")) or k.get("ORT01", ""),
        region=k.get("REGIO", ""),
        country=C.text(a.get("COUNTRY")) or k.get("LAND1", ""),
        # ADR2 holds the whole number; BAPI TELEPHONE1 and KNA1-TELF1 may be cut to 16 characters
        phone=phones.get("", "") or C.text(a.get("TELEPHONE1")) or _telf1(k.get("TELF1", "")),
        fax=k.get("TELFX", ""),
        email=emails.get("", ""),
    )
    return Customer(
        number=C.alpha_out(kunnr),
        address=address,
        contacts=tuple(contacts),
        order_block=k.get("AUFSD", ""),
        posting_block=C.flag(k.get("SPERR")),
        deletion_flag=C.flag(k.get("LOEVM")),
        language=k.get("SPRAS", ""),
    )


def _contact_texts(rfc: Transport, knvk: Sequence[Row]) -> tuple[dict[str, str], dict[str, str]]:
    """Texts of the contact functions (TPFKT) and departments (TSABT) these KNVK rows use,
    in the logon language; one read each (side by side), only for the codes present."""

    def texts(table: str, field: str) -> dict[str, str]:
        codes = [r.get(field, "") for r in knvk if r.get(field)]
        if not codes:
            return {}
        rows = read_in(rfc, table, ("SPRAS", field, "VTEXT"), field, codes, extra=f"SPRAS = {literal(rfc.language)}")
        return {r.get(field, ""): r.get("VTEXT", "") for r in rows if r.get("VTEXT")}

    functions, departments = rfc.concurrently([partial(texts, "TPFKT", "PAFKT"), partial(texts, "TSABT", "ABTNR")])
    return functions, departments


def customer_sales_areas(rfc: Transport, number: str) -> tuple[SalesArea, ...]:
    res = rfc.call("BAPI_CUSTOMER_GETSALESAREAS", CUSTOMERNO=C.alpha_in(number))
    areas = []
    for r in res.get("SALESAREAS") or []:
        area = SalesArea(C.text(r.get("SALESORG")), C.text(r.get("DISTRCHANN")), C.text(r.get("DIVISION")))
        if area.sales_org and area not in areas:
            areas.append(area)
    return tuple(areas)


def customer_sales_data(rfc: Transport, number: str, sales_area: SalesArea) -> CustomerSalesData:
    kunnr = C.alpha_in(number)
    where = _area_where(kunnr, sales_area)
    # independent reads run side by side on the pool (see Transport.concurrently)
    knvv, knvp = rfc.concurrently([
        partial(read_table, rfc, "KNVV",
                ("KUNNR", "VKORG", "VTWEG", "SPART", "AUFSD", "LIFSD", "FAKSD", "ZTERM", "INCO1", "INCO2",
                 "VSBED", "WAERS", "VWERK", "LOEVM"), where),
        partial(read_table, rfc, "KNVP", ("PARVW", "PARZA", "KUNN2", "LIFNR", "PARNR", "DEFPA"), where),
    ])
    if not knvv:
        raise NotFound(f"Customer {C.alpha_out(kunnr)} is not created in sales area {sales_area}")
    v = knvv[0]
    partner_numbers = [r.get("KUNN2", "") for r in knvp if r.get("KUNN2")]
    # contact person partners (AP) point at KNVK by PARNR (NUMC 10) instead of a customer
    contact_numbers = [r.get("PARNR", "") for r in knvp if not r.get("KUNN2") and C.alpha_out(r.get("PARNR"))]

    def text(table: str, field: str, code: str) -> str:
        if not code:
            return ""
        t = read_table(rfc, table, ("SPRAS", field, "VTEXT"), f"SPRAS = {literal(rfc.language)} AND {field} = {literal(code)}")
        return t[0].get("VTEXT", "") if t else ""

    reads: list[Callable[[], Any]] = [  # rows and texts: answers of two types
        partial(read_in, rfc, "KNA1", ("KUNNR", "NAME1", "ORT01", "STRAS", "PSTLZ", "LAND1", "REGIO"), "KUNNR", partner_numbers),
        partial(read_in, rfc, "KNVK", ("PARNR", "NAMEV", "NAME1"), "PARNR", contact_numbers),
        partial(text, "TVZBT", "ZTERM", v.get("ZTERM", "")),
        partial(text, "TVSBT", "VSBED", v.get("VSBED", "")),
    ]
    name_rows, contact_rows, terms_text, ship_text = rfc.concurrently(reads)
    names: dict[str, Row] = {r["KUNNR"]: r for r in name_rows}
    contacts: dict[str, Row] = {r["PARNR"]: r for r in contact_rows}
    partners = []
    for r in sorted(knvp, key=lambda r: (_ROLE_ORDER.get(r.get("PARVW", ""), 9), r.get("PARVW", ""),
                                       not C.flag(r.get("DEFPA")), r.get("PARZA", ""))):
        n = r.get("KUNN2") or r.get("LIFNR", "")
        if not n and r.get("PARNR") in contacts:
            partners.append(
                Partner(
                    role=C.role_out(r.get("PARVW", "")),
                    number=C.alpha_out(r.get("PARNR")),
                    name=_contact_name(contacts[r["PARNR"]]),
                    is_default=C.flag(r.get("DEFPA")),
                )
            )
            continue
        if not C.alpha_out(n):
            continue  # a partner row without a partner (e.g. an employee role): nothing to show
        k = names.get(n, {})
        partners.append(
            Partner(
                role=C.role_out(r.get("PARVW", "")),
                number=C.alpha_out(n),
                name=k.get("NAME1", ""),
                city=k.get("ORT01", ""),
                is_default=C.flag(r.get("DEFPA")),
                address=Address(
                    name=k.get("NAME1", ""), street=k.get("STRAS", ""), postal_code=k.get("PSTLZ", ""),
                    city=k.get("ORT01", ""), region=k.get("REGIO", ""), country=k.get("LAND1", ""),
                ) if k else None,
            )
        )
    return CustomerSalesData(
        customer=C.alpha_out(kunnr),
        sales_area=sales_area,
        currency=v.get("WAERS", ""),
        payment_terms=v.get("ZTERM", ""),
        payment_terms_text=terms_text,
        shipping_condition=v.get("VSBED", ""),
        shipping_condition_text=ship_text,
        incoterms1=v.get("INCO1", ""),
        incoterms2=v.get("INCO2", ""),
        delivering_plant=v.get("VWERK", ""),
        order_block=v.get("AUFSD", ""),
        delivery_block=v.get("LIFSD", ""),
        billing_block=v.get("FAKSD", ""),
        partners=tuple(partners),
    )


def _exposure(detail: Row | dict[str, Any]) -> Decimal:
    """The credit exposure of a CREDIT_ACCOUNT_DETAIL row: its exposure total when it has one,
    else the sum of the parts it has (receivables + sales values + special liabilities, the same
    three BAPIPAYER gives the quote; see ``assumptions.CREDIT_EXPOSURE_PARTS``)."""
    total = _first(detail, A.CREDIT_DETAIL_FIELDS["exposure"], None)
    if total is not None:
        return C.dec(total)
    return sum((C.dec(detail[name]) for name in A.CREDIT_EXPOSURE_PARTS if name in detail), ZERO)


def credit_status(rfc: Transport, number: str, sales_area: SalesArea) -> CreditStatus:
    kunnr = C.alpha_in(number)
    knvp = read_table(rfc, "KNVP", ("PARVW", "KUNN2", "DEFPA"), _area_where(kunnr, sales_area) + " AND PARVW = 'RG'")
    payers = sorted(knvp, key=lambda r: not C.flag(r.get("DEFPA")))
    payer = payers[0].get("KUNN2", "") if payers else kunnr
    area = A.CREDIT_CONTROL_AREA.get(sales_area.sales_org, sales_area.sales_org)
    res = rfc.call("BAPI_CREDIT_ACCOUNT_GET_STATUS", CREDITCONTROLAREA=area, CUSTOMER=payer)
    raise_for_errors(messages_from(res.get("RETURN")), not_found=True)
    detail = (res.get("CREDIT_ACCOUNT_DETAIL") or [{}])[0]
    items = res.get("CREDIT_ACCOUNT_OPEN_ITEMS") or []
    f = A.CREDIT_DETAIL_FIELDS
    currency = C.text(_first(detail, f["currency"])) or (C.text(items[0].get("CURRENCY")) if items else "")
    open_items = sum((C.dec(i.get("OPEN_ITEMS")) for i in items), ZERO)
    arrears = max((int(C.dec(i.get("NET_ARRERS"))) for i in items), default=0)
    return CreditStatus(
        account=C.alpha_out(payer),
        credit_control_area=area,
        currency=currency,
        limit=C.dec(_first(detail, f["limit"], 0)),
        exposure=_exposure(detail),
        blocked=C.flag(_first(detail, f["blocked"])),
        risk_category=C.text(_first(detail, f["risk_category"])),
        open_items=open_items,
        days_in_arrears=arrears,
    )
