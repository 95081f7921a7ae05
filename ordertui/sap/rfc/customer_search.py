"""Finding a caller: by number, postal code, phone number, name or city; and a ship-to's sold-tos.

What a typed text may be is decided here (``query_kinds``); the text itself is checked by
``ordertui.sap.query_text`` (one rule for screens and adapter: every character is searched as
typed). The result says in ``SearchResult.note`` when the search did more than look for the text
as typed:

* **name or city** — first as SAP's own search helps do: BAPI_CUSTOMER_FIND on the upper-case
  match codes KNA1-MCOD1 (name) and MCOD3 (city), side by side. The match codes hold 25
  characters, so a longer text is cut to 25 for the pattern and the hits are narrowed on the
  whole name or city. When that finds fewer than the list holds, the read of the list columns
  also asks KNA1 for the match codes that the text matches with accents and umlauts ignored
  ("Muller", "Mueller" -> "MÜLLER"; "Montreal" -> "MONTRÉAL") and for names whose match code
  ends in the text's beginning (a word past the 25th character: "Valley Fastener Supply" ->
  "MIAMI VALLEY FASTENER SUP"); those candidates are kept only when the whole name or city
  contains the text (``query_text.fold``). One read, as before: no extra round trip.
* **phone** — SAP's normalized ``ADR2-TELNR_LONG`` (E.164) in the sales area's country; a number
  typed without its area code ("555-0142") is looked for as the end of every number in the
  country, and the note says so. A hit says which contact person's number matched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial

from ordertui.model import CustomerHit, SalesArea, SearchResult
from ordertui.sap import assumptions as A
from ordertui.sap import convert as C
from ordertui.sap.connection import RfcResult
from ordertui.sap.gateway import DEFAULT_HIT_LIMIT
from ordertui.sap.query_text import clean_query, cp_escape, fold, sap_upper, search_fragment, unaccent
from ordertui.sap.rfc.customers import _contact_name, _contact_texts, _telf1
from ordertui.sap.rfc.opensql import _IN_CHUNK, Row, _in_list, literal, read_in, read_table
from ordertui.sap.rfc.transport import Transport

# --------------------------------------------------------------------------- query kinds

_PHONE = re.compile(r"^\+?[\d\s().\-/]+$")
_POSTAL = re.compile(
    r"^(\d{5}-\d{4}|[A-Z]{1,2}-\d{4,5}|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d)$"
)


def query_kinds(text: str) -> list[str]:
    """What a cleaned search text may be, most specific first."""
    digits = re.sub(r"\D", "", text)
    kinds: list[str] = []
    if text.isdigit():
        if len(text) <= 10:
            kinds.append("number")
            if len(text) == 5:
                kinds.append("postal")
        if len(text) >= 7:
            kinds.append("phone")
        if not kinds:
            kinds.append("phone")
        return kinds
    if _POSTAL.match(text.upper()):
        return ["postal"]
    if _PHONE.match(text) and len(digits) >= 7:
        return ["phone"]
    return ["name"]


def normalize_phone(text: str, region: str) -> str:
    """A phone number as typed -> E.164 (ADR2-TELNR_LONG form); '' when it cannot be one."""
    import phonenumbers  # noqa: PLC0415 — 12 ms of metadata, needed only for a phone search

    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def local_number(text: str, region: str) -> tuple[str, str]:
    """(country calling code, digits) when ``text`` is a number typed without its area code in
    ``region`` ("555-0142" in the US, "5550 1110" in Germany); ("", "") otherwise.

    Without area code means: no international prefix, and either too short for a whole number of
    the region (phonenumbers: possible as a local number only) or, where national numbers are
    dialled with a trunk prefix 0 (DE, AT, CH, GB, FR ...), typed without it
    (``assumptions.PHONE_TRUNK_PREFIX_MEANS_AREA_CODE``).
    """
    import phonenumbers  # noqa: PLC0415

    digits = re.sub(r"\D", "", text)
    if text.lstrip().startswith("+") or digits.startswith("00"):
        return "", ""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return "", ""
    reason = phonenumbers.is_possible_number_with_reason(number)
    local_only = reason == phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    trunk = meta.national_prefix if meta is not None else None
    if local_only or (A.PHONE_TRUNK_PREFIX_MEANS_AREA_CODE and trunk == "0" and not digits.startswith("0")):
        return str(number.country_code), digits
    return "", ""


# --------------------------------------------------------------------------- rows -> hits

HIT_FIELDS = ("KUNNR", "NAME1", "ORT01", "PSTLZ", "LAND1", "TELF1", "AUFSD", "SPERR", "LOEVM", "KTOKD")


def _hit(r: Row, matched: tuple[str, str] = ("", "")) -> CustomerHit:
    return CustomerHit(
        number=C.alpha_out(r.get("KUNNR")),
        name=r.get("NAME1", ""),
        city=r.get("ORT01", ""),
        postal_code=r.get("PSTLZ", ""),
        country=r.get("LAND1", ""),
        phone=_telf1(r.get("TELF1", "")),
        blocked=bool(r.get("AUFSD") or C.flag(r.get("SPERR")) or C.flag(r.get("LOEVM"))),
        ship_to_only=r.get("KTOKD", "") in A.SHIP_TO_ACCOUNT_GROUPS,
        matched_contact=matched[0],
        matched_phone=matched[1],
    )


def _by_name(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (C.text(r.get("NAME1")).upper(), r.get("KUNNR", "")))


# --------------------------------------------------------------------------- the search


def find_customers(
    rfc: Transport, query: str, *, sales_area: SalesArea | None = None, limit: int = DEFAULT_HIT_LIMIT
) -> SearchResult:
    text = clean_query(query)
    want = limit + 1
    numbers: list[str] = []  # ordered, unique customer numbers (internal form)
    rows_by_number: dict[str, Row] = {}
    matched: dict[str, tuple[str, str]] = {}  # number -> (contact, phone) of a phone hit
    more = False  # a search found more than it shows
    notes: list[str] = []

    def add_rows(rows: list[Row]) -> None:
        for r in rows:
            n = r.get("KUNNR", "")
            if n and n not in rows_by_number:
                rows_by_number[n] = r
                numbers.append(n)

    def by_kind(kind: str) -> tuple[list[Row], dict[str, tuple[str, str]], bool, str]:
        """(rows, number -> (contact, phone) of a phone hit, whether more were found, a note)."""
        if kind == "number":
            return read_table(rfc, "KNA1", HIT_FIELDS, f"KUNNR = {literal(C.alpha_in(text))}", rowcount=want), {}, False, ""
        if kind == "postal":
            # a postal code is letters, digits, '-' and a space (_POSTAL): no LIKE wildcard in it
            rows = read_table(rfc, "KNA1", HIT_FIELDS, f"PSTLZ LIKE {literal(sap_upper(text) + '%')}", rowcount=want)
            return rows, {}, False, ""
        if kind == "phone":
            rows, who, note = _find_by_phone(rfc, text, sales_area, want)
            return rows, who, False, note
        rows, cut, note = _find_by_name(rfc, text, want, limit)
        return rows, {}, cut, note

    # What the text may be is looked for side by side: digits typed are a customer number and a
    # postal code (or a phone number) at once, one round trip for both. A text of two kinds
    # starts with a number (one row at most), so no kind is read that used to be skipped.
    for rows, who, cut, note in rfc.concurrently([partial(by_kind, kind) for kind in query_kinds(text)]):
        if len(numbers) >= want:
            break
        add_rows(rows)
        matched.update(who)
        more = more or cut
        notes += [note] if note else []
    hits = tuple(_hit(rows_by_number[n], matched.get(n, ("", ""))) for n in numbers[:limit])
    return SearchResult(hits=hits, limit=limit, truncated=more or len(numbers) > limit, note=" ".join(notes))


# --------------------------------------------------------------------------- by name or city

#: KNA1-MCOD1 / MCOD3 (search terms for the match code search: NAME1 / ORT01 in capitals) are CHAR 25
MATCHCODE_LENGTH = 25
#: A name cut by its match code is looked for by the end of the match code from this many
#: characters of the text on (fewer match too much to be worth reading).
_SHORTEST_TAIL = 3
#: Candidates the widened read may bring beyond the customers already found, before narrowing.
_WIDENED_ROWS = 500
#: Letters whose accented or umlaut forms fold to them: one character ('_') in the widened pattern.
_FOLDABLE = frozenset("AEIOUY")
#: A widened pattern needs this many letters or digits: fewer select too much.
_FIRM = 3


def _find_by_name(rfc: Transport, text: str, want: int, limit: int) -> tuple[list[Row], bool, str]:
    """(rows sorted by name, whether more were found than shown, a note for the user)."""
    fragment = search_fragment(text, upper=True)
    held = fragment[:MATCHCODE_LENGTH]
    found: list[str] = []
    for res in _find_by_match_codes(rfc, f"*{cp_escape(held)}*", want):
        for r in res.get("RESULT_TAB") or []:
            n = C.text(r.get("CUSTOMER"))
            if n and n not in found:
                found.append(n)
    # the pattern said less than the text (cut to the match code), or holds characters a BAPI
    # might still read as wildcards: SAP's hits are narrowed on the whole name or city
    narrow = held != fragment or any(ch in fragment for ch in "*+#%_")
    widened = _widened_where(fragment) if len(found) < want else ""
    rows, capped = _read_hits(rfc, found[:limit], widened)
    exact = set(found)
    target = fold(fragment)
    kept: list[Row] = []
    added = 0
    for r in rows:
        if r.get("KUNNR", "") in exact and not narrow:
            kept.append(r)
        elif target in fold(r.get("NAME1", "")) or target in fold(r.get("ORT01", "")):
            kept.append(r)
            added += r.get("KUNNR", "") not in exact
    note = ""
    if added:
        note = (f"{added} found with accents and umlauts ignored or past the 25 characters SAP's "
                "name search holds.")
    return _by_name(kept), len(found) > limit or (capped and added > 0), note


def _find_by_match_codes(rfc: Transport, pattern: str, want: int) -> tuple[RfcResult, RfcResult]:
    """BAPI_CUSTOMER_FIND on the name (MCOD1) and on the city (MCOD3) at the same time.

    The two calls are independent, so they run side by side on the pool's connections: one
    round trip instead of two (with a pool of one the second waits for the connection). Both
    answers come back, name first; an error in either is raised after both have finished.
    """

    def find(field: str) -> RfcResult:
        return rfc.call(
            "BAPI_CUSTOMER_FIND",
            MAX_CNT=want,
            PL_HOLD="X",
            SELOPT_TAB=[{"TABNAME": "KNA1", "FIELDNAME": field, "FIELDVALUE": pattern}],
        )

    by_name, by_city = rfc.concurrently([partial(find, "MCOD1"), partial(find, "MCOD3")])
    return by_name, by_city


def _skeleton(text: str) -> str:
    """A LIKE pattern body for ``text`` (folded) that also matches its accented spellings: every
    foldable letter and every LIKE wildcard of the text becomes '_' (any one character)."""
    return "".join("_" if ch in _FOLDABLE or ch in "%_" else ch for ch in text)


def _widened_where(fragment: str) -> str:
    """KNA1 match codes that may hold ``fragment`` spelled otherwise or cut off (see module doc).

    Spelled otherwise: the text without accents (``unaccent``) with each vowel any one character,
    and, when it has one, with ``AE OE UE`` read as one letter (``fold``: "Mueller" -> "MÜLLER").
    """
    terms = []
    for spelling in dict.fromkeys((unaccent(fragment), fold(fragment))):
        body = _skeleton(spelling[:MATCHCODE_LENGTH])
        if _firm(body):
            terms += [f"MCOD1 LIKE {literal('%' + body + '%')}", f"MCOD3 LIKE {literal('%' + body + '%')}"]
    # a match code cut at the field's end by a name that goes on: it ends in the text's beginning
    spelling = unaccent(fragment)
    for m in range(min(len(spelling), MATCHCODE_LENGTH) - 1, _SHORTEST_TAIL - 1, -1):
        body = _skeleton(spelling[:m])
        if _firm(body):
            terms.append(f"MCOD1 LIKE {literal('_' * (MATCHCODE_LENGTH - m) + body)}")
    return " OR ".join(terms)


def _firm(body: str) -> bool:
    return sum(ch.isalnum() for ch in body) >= _FIRM


def _read_hits(rfc: Transport, numbers: Sequence[str], widened: str) -> tuple[list[Row], bool]:
    """KNA1 rows of ``numbers`` (100 a read, side by side), the first read also bringing the
    rows ``widened`` selects. Returns the rows and whether the widened part was cut short."""
    chunks = [list(numbers[i : i + _IN_CHUNK]) for i in range(0, len(numbers), _IN_CHUNK)] or [[]]
    reads = []
    for i, chunk in enumerate(chunks):
        parts = [_in_list("KUNNR", chunk)] if chunk else []
        rowcount = 0
        if i == 0 and widened:
            parts.append(f"( {widened} )")
            rowcount = len(chunk) + _WIDENED_ROWS
        if parts:
            reads.append(partial(read_table, rfc, "KNA1", HIT_FIELDS, " OR ".join(parts), rowcount=rowcount))
    results: list[list[Row]] = rfc.concurrently(reads) if reads else []
    rows = [row for part in results for row in part]
    capped = bool(widened) and bool(results) and len(results[0]) >= len(chunks[0]) + _WIDENED_ROWS
    if capped:  # the cut may have dropped some of the customers SAP found: read those again
        got = {r.get("KUNNR", "") for r in rows}
        rows += read_in(rfc, "KNA1", HIT_FIELDS, "KUNNR", [n for n in chunks[0] if n not in got])
    return rows, capped


# --------------------------------------------------------------------------- by phone


def _find_by_phone(
    rfc: Transport, text: str, sales_area: SalesArea | None, want: int
) -> tuple[list[Row], dict[str, tuple[str, str]], str]:
    """(KNA1 rows, number -> (contact, phone) that matched, a note for the user)."""
    region = A.SALES_ORG_COUNTRY.get(sales_area.sales_org if sales_area else "", A.DEFAULT_PHONE_REGION)
    fields = ("ADDRNUMBER", "PERSNUMBER", "TEL_NUMBER")
    country, digits = local_number(text, region)
    note = ""
    if country:
        where = f"TELNR_LONG LIKE {literal(f'+{country}%{digits}')}"
        note = f"“{text}” has no area code: numbers in +{country} that end in {digits}."
    else:
        e164 = normalize_phone(text, region)
        if not e164:
            return [], {}, ""
        where = f"TELNR_LONG = {literal(e164)}"
    adr = read_table(rfc, "ADR2", fields, where, rowcount=want * 2)
    addrs = list(dict.fromkeys(r["ADDRNUMBER"] for r in adr if r.get("ADDRNUMBER")))
    if not addrs:
        return [], {}, note
    persons = [r.get("PERSNUMBER", "") for r in adr if r.get("PERSNUMBER")]
    reads = [partial(read_in, rfc, "KNA1", (*HIT_FIELDS, "ADRNR"), "ADRNR", addrs)]
    if persons:
        reads.append(partial(read_in, rfc, "KNVK", ("PARNR", "KUNNR", "NAMEV", "NAME1", "ABTNR", "PAFKT", "PRSNR"),
                             "PRSNR", persons))
    answers = rfc.concurrently(reads)
    kna1, knvk = answers[0], (answers[1] if persons else [])
    who = _contact_names(rfc, knvk)
    by_address: dict[str, tuple[str, str]] = {}
    for r in adr:  # the company's own number first: then the hit is the company, not a person
        addr, person = r.get("ADDRNUMBER", ""), r.get("PERSNUMBER", "")
        if addr not in by_address or (not person and by_address[addr][0]):
            by_address[addr] = (who.get(person, "") if person else "", r.get("TEL_NUMBER", ""))
    matched = {k.get("KUNNR", ""): by_address.get(k.get("ADRNR", ""), ("", "")) for k in kna1}
    return kna1, matched, note


def _contact_names(rfc: Transport, knvk: Sequence[Row]) -> dict[str, str]:
    """PRSNR -> "Maria Alvarez, Purchasing": the contact's name and department (else function)."""
    if not knvk:
        return {}
    functions, departments = _contact_texts(rfc, knvk)
    out = {}
    for r in knvk:
        what = departments.get(r.get("ABTNR", ""), "") or functions.get(r.get("PAFKT", ""), "")
        out[r.get("PRSNR", "")] = ", ".join(p for p in (_contact_name(r), what) if p)
    return out


# --------------------------------------------------------------------------- a ship-to's sold-tos


def sold_tos_of(rfc: Transport, ship_to: str, sales_area: SalesArea) -> tuple[CustomerHit, ...]:
    """The sold-to parties that have ``ship_to`` as a ship-to partner (KNVP PARVW 'WE') in the
    sales area, sorted by name: whom a ship-to-only account's caller can order for."""
    kunn2 = C.alpha_in(ship_to)
    knvp = read_table(
        rfc, "KNVP", ("KUNNR", "PARVW", "KUNN2"),
        f"KUNN2 = {literal(kunn2)} AND PARVW = 'WE' AND VKORG = {literal(sales_area.sales_org)} "
        f"AND VTWEG = {literal(sales_area.distr_chan)} AND SPART = {literal(sales_area.division)}",
    )
    sold = [r.get("KUNNR", "") for r in knvp if r.get("KUNNR") and r.get("KUNNR") != kunn2]
    if not sold:
        return ()
    return tuple(_hit(r) for r in _by_name(read_in(rfc, "KNA1", HIT_FIELDS, "KUNNR", sold)))
