"""The sandbox company's customers: accounts, addresses, phone numbers, contacts, sales data.

Part of the company (``company.py`` builds the group "customers" with :func:`build_customers`);
it draws from the company's seeded random stream for the group, so the same seed always yields
the same customers. It does not import ``company.py`` (which imports it).
"""

from __future__ import annotations

import random
from decimal import Decimal

from ordertui.sap.sandbox import names
from ordertui.sap.sandbox.base import CLIENT, SALES_ORG, Rec

N_SOLD_TO = 5000
FIRST_SOLD_TO = 10000


# ------------------------------------------------------------------ well-known records
# (documented in README.md; tests and training rely on them)
WELL_KNOWN_CUSTOMERS = {
    10023: dict(name="Miami Valley Fastener Supply Inc.", country="US",
                city=("Springfield", "OH", "45502", "937"), street="1840 Commerce Park Dr",
                phone="937.555.0100", areas=("1000",), shiptos=[
                    ("Miami Valley Fastener Dayton Plant", ("Dayton", "OH", "45404", "937"),
                     "2200 Valley St"),
                    ("Miami Valley Fastener Columbus Whse",
                     ("Columbus", "OH", "43228", "614"), "4150 Fisher Rd"),
                    ("Miami Valley Fastener Cincinnati",
                     ("Cincinnati", "OH", "45216", "513"), "7300 Vine St")],
                contacts=[("Maria", "Alvarez", "+1 (937) 555-0142", "PURCH"),
                          ("Tom", "Becker", "937-555-0143", "RECV")]),
    10050: dict(name="Great Lakes Machine Works LLC", city=("Toledo", "OH", "43604", "419"),
                phone="(419) 555-0150", areas=("1000",), over_limit=True),
    10060: dict(name="Ridgeline Construction Supply Co.", city=("Denver", "CO", "80202", "303"),
                phone="303-555-0160", areas=("1000",), credit_blocked=True),
    10070: dict(name="Harbor Point Marine Hardware", city=("Norfolk", "VA", "23510", "757"),
                phone="+1 757 555 0170", areas=("1000",), central_order_block="01"),
    10080: dict(name="Prairie State Tool & Die", city=("Peoria", "IL", "61602", "309"),
                phone="3095550180", areas=("1000", "2000"), area_order_block=("1000", "01")),
    10090: dict(name="Sunbelt Industrial Distributors", city=("Atlanta", "GA", "30303", "404"),
                phone="(404) 555-0187", areas=("1000",), overdue=True),
    10100: dict(name="Keystone Facilities Group", city=("Pittsburgh", "PA", "15222", "412"),
                phone="412.555.0110", areas=("1000",), payer="Keystone Holdings Accounts Payable"),
    10110: dict(name="Hanse Befestigungstechnik GmbH", country="DE",
                city=("Hamburg", "02", "20457", "40"), street="Am Sandtorkai 5",
                phone="040 5550 1110", areas=("2000",)),
    10120: dict(name="Old Mill Hardware Co.", city=("Akron", "OH", "44308", "330"),
                phone="330-555-0120", areas=("1000",), deleted=True),
    10130: dict(name="Cascade Equipment Rental LLC", city=("Portland", "OR", "97204", "503"),
                phone="503.555.0130", areas=("1000",), posting_block=True),
    10140: dict(name="Atlas Global Industrial Corp.", city=("Chicago", "IL", "60606", "312"),
                phone="+1 (312) 555-0140", areas=("1000", "2000")),
    10150: dict(name="Maple Leaf Fasteners Ltd.", country="CA",
                city=("Toronto", "ON", "M5V 2T6", "416"), phone="416-555-0155", areas=("1000",)),
}


#: Records added after the generated ones (numbers from 15000 on) so that adding them changed no
#: other record: they draw from the customers' random stream only after every generated customer,
#: get no order history (``SoldToInfo.extra``) and their credit accounts are made last. Each shows
#: what a search must do: a name with umlauts (15000) and a city with an accent (15001) found as
#: typed without them, an apostrophe in a name and a contact's name (15002); 15000 and 15001
#: carry special liabilities (KNKK-SSOBL, BAPIPAYER-CRED_LIAB) on their credit accounts.
EXTRA_CUSTOMERS = {
    15000: dict(name="Müller Präzisionsteile GmbH", country="DE",
                city=("Köln", "05", "50667", "221"), street="Industriestraße 12",
                phone="0221 5550 1500", areas=("2000",), contacts=[("Jürgen", "Müller", None, "PURCH")],
                special_liabilities="2500.00"),
    15001: dict(name="Boulons Métropole Inc.", country="CA",
                city=("Montréal", "QC", "H2Y 1C6", "514"), street="360 rue Saint-Jacques",
                phone="(514) 555-1501", areas=("1000",),
                contacts=[("Chloé", "Lefèvre", "514-555-1502", "PURCH")], special_liabilities="1200.00"),
    15002: dict(name="O'Brien Industrial Supply LLC", city=("Boston", "MA", "02110", "617"),
                street="88 Atlantic Ave", phone="617-555-1503", areas=("1000",),
                contacts=[("Siobhan", "O'Brien", "617-555-1504", "ACCT")]),
}


def match_code(text: str) -> str:
    """KNA1-MCOD1/MCOD3 from NAME1/ORT01: capitals as ABAP's TRANSLATE TO UPPER CASE makes them
    (accents and umlauts kept, one character stays one: 'ß' stays), cut to 25 characters
    (assumptions.MATCHCODE_KEEPS_DIACRITICS)."""
    return "".join(up if len(up := ch.upper()) == 1 else ch for ch in text)[:25]


class SoldToInfo(Rec):
    __slots__ = ("areas", "shiptos", "payer", "country", "region", "zterm", "over_limit",
                 "credit_blocked", "overdue", "well_known", "contacts", "extra",
                 "special_liabilities")


def _phone(rnd: random.Random, country: str, area: str, line: str | None = None,
           style: int | None = None) -> tuple[str, str, str]:
    """(as typed, TELNR_LONG, TELNR_CALL)."""
    if country in ("US", "CA"):
        line = line or f"{rnd.randrange(10000):04d}"
        x = "555"
        style = rnd.randrange(6) if style is None else style
        typed = [f"+1 ({area}) {x}-{line}", f"{area}.{x}.{line}", f"{area}{x}{line}",
                 f"({area}) {x}-{line}", f"{area}-{x}-{line}", f"1-{area}-{x}-{line}"][style]
        return typed, f"+1{area}{x}{line}", f"{area}{x}{line}"
    if country == "MX":
        num = line or f"{rnd.randrange(10000000):07d}"
        num = num.rjust(10 - len(area), "5")
        typed = rnd.choice([f"+52 {area} {num[:4]} {num[4:]}", f"({area}) {num}",
                            f"{area}{num}"])
        return typed, f"+52{area}{num}", f"{area}{num}"
    num = line or f"555{rnd.randrange(10000):04d}"
    typed = rnd.choice([f"0{area} {num}", f"0{area}/{num}", f"+49 {area} {num}",
                        f"0{area}-{num}"])
    return typed, f"+49{area}{num.replace(' ', '')}", f"0{area}{num.replace(' ', '')}"


def build_customers(co) -> None:
    """Group "customers": KNA1, KNB1, KNVV, KNVP, KNVK, ADR2, ADR6 and ``co.sold_to_info``."""
    rnd = co.rng("customers")
    t = co.tables
    kna1, knb1, knvv, knvp = t["KNA1"], t["KNB1"], t["KNVV"], t["KNVP"]
    knvk, adr2, adr6 = t["KNVK"], t["ADR2"], t["ADR6"]
    mk_kna1 = kna1.maker("MANDT", "KUNNR", "LAND1", "NAME1", "NAME2", "ORT01", "PSTLZ",
                         "REGIO", "SORTL", "STRAS", "TELF1", "ADRNR", "MCOD1", "MCOD2",
                         "MCOD3", "ERDAT", "ERNAM", "KTOKD", "AUFSD", "SPERR", "LOEVM",
                         "SPRAS")
    mk_knvv = knvv.maker("MANDT", "KUNNR", "VKORG", "VTWEG", "SPART", "ERDAT", "ERNAM",
                         "AUFSD", "ZTERM", "INCO1", "INCO2", "VSBED", "WAERS", "KONDA",
                         "KDGRP", "KALKS", "VWERK", "VKBUR", "VKGRP", "BZIRK", "KTGRD")
    mk_knvp = knvp.maker("MANDT", "KUNNR", "VKORG", "VTWEG", "SPART", "PARVW", "PARZA",
                         "KUNN2", "PARNR", "DEFPA")
    mk_adr2 = adr2.maker("CLIENT", "ADDRNUMBER", "PERSNUMBER", "DATE_FROM", "CONSNUMBER",
                         "COUNTRY", "FLGDEFAULT", "TEL_NUMBER", "TEL_EXTENS", "TELNR_LONG",
                         "TELNR_CALL")
    mk_adr6 = adr6.maker("CLIENT", "ADDRNUMBER", "PERSNUMBER", "DATE_FROM", "CONSNUMBER",
                         "FLGDEFAULT", "SMTP_ADDR", "SMTP_SRCH")
    mk_knvk = knvk.maker("MANDT", "PARNR", "KUNNR", "NAMEV", "NAME1", "ANRED", "ABTNR",
                         "PAFKT", "TELF1", "SORTL", "PRSNR", "ERDAT")
    date_from = "00010101"
    counters = {"adrnr": 100000, "parnr": 1, "prsnr": 300000, "shipto": 60001,
                "payer": 80001}
    used_phones: set[str] = set()
    upper_city: dict[str, str] = {}

    def new_phone(country, area, line=None, style=None):
        for _ in range(20):
            typed, long, call = _phone(rnd, country, area, line, style)
            if long not in used_phones or line:
                used_phones.add(long)
                return typed, long, call
            line = None
        return typed, long, call

    def pick_city(country):
        return rnd.choice({"US": names.US_CITIES, "CA": names.CA_CITIES,
                           "MX": names.MX_CITIES, "DE": names.DE_CITIES}[country])

    def street_for(country):
        if country == "DE":
            return f"{rnd.choice(names.DE_STREETS)} {rnd.randint(1, 180)}"
        return (f"{rnd.randint(100, 9899)} {rnd.choice(names.STREET_NAMES)} "
                f"{rnd.choice(names.STREET_KINDS)}")

    def company_name(country):
        if country == "DE":
            first = rnd.choice(names.DE_PREFIXES if rnd.random() < 0.5 else names.DE_SURNAMES)
            return f"{first} {rnd.choice(names.DE_INDUSTRIES)} {rnd.choice(names.DE_SUFFIXES)}"
        first = rnd.choice(names.US_PREFIXES if rnd.random() < 0.6 else names.SURNAMES)
        if rnd.random() < 0.12:
            first = f"{first} & {rnd.choice(names.SURNAMES)}"
        suffix = {"CA": "Ltd.", "MX": "S.A. de C.V."}.get(country) or rnd.choice(
            names.US_SUFFIXES)
        return f"{first} {rnd.choice(names.US_INDUSTRIES)} {suffix}"

    def add_account(kunnr, ktokd, name, country, city, street, phone_typed, long, call,
                    erdat, aufsd="", sperr="", loevm="", name2=""):
        counters["adrnr"] += 1
        adrnr = f"{counters['adrnr']:010d}"
        cityname, region, pstlz, _area = city
        kna1.append(mk_kna1(CLIENT, kunnr, country, name[:35], name2, cityname, pstlz,
                            region, name[:10].upper(), street, phone_typed[:16], adrnr,
                            match_code(name), match_code(name2),
                            upper_city.setdefault(cityname, match_code(cityname)),
                            erdat, "MIGRATION", ktokd, aufsd, sperr, loevm,
                            "D" if country == "DE" else "E"))
        adr2.append(mk_adr2(CLIENT, adrnr, "", date_from, "001", country, "X", phone_typed,
                            "", long, call))
        return adrnr

    def add_sales_data(kunnr, vkorg, country, region, zterm, vsbed, aufsd=""):
        currency = SALES_ORG[vkorg]["currency"]
        if vkorg == "1000":
            vwerk = "1100" if region in names.WEST_STATES else "1000"
            inco = rnd.choice([("FOB", "Shipping Point"), ("FOB", "Destination"),
                               ("CPT", "Destination")])
        else:
            vwerk = "2000"
            inco = rnd.choice([("EXW", "Hamburg"), ("DAP", "Bestimmungsort")])
        knvv.append(mk_knvv(CLIENT, kunnr, vkorg, "10", "00", co.days(-rnd.randint(400, 4000)),
                            "MIGRATION", aufsd, zterm, inco[0], inco[1], vsbed, currency,
                            rnd.choice(["01", "02", "03"]), rnd.choice(["01", "02"]), "1",
                            vwerk, vkorg, f"{rnd.randint(1, 5):03d}",
                            f"{vkorg[0]}000{rnd.randint(1, 9):02d}", "01"))
        bukrs = SALES_ORG[vkorg]["bukrs"]
        if not knb1.first("KUNNR", kunnr) or all(
                knb1.get(r, "BUKRS") != bukrs for r in knb1.lookup("KUNNR", kunnr)):
            knb1.append(knb1.row(MANDT=CLIENT, KUNNR=kunnr, BUKRS=bukrs, AKONT="0000120000",
                                 ZTERM=zterm, ZWELS="CT"))

    for number in [*range(FIRST_SOLD_TO, FIRST_SOLD_TO + N_SOLD_TO), *EXTRA_CUSTOMERS]:
        kunnr = f"{number:010d}"
        wk = WELL_KNOWN_CUSTOMERS.get(number) or EXTRA_CUSTOMERS.get(number, {})
        if wk:
            country = wk.get("country", "US")
        else:
            r = rnd.random()
            country = "US" if r < 0.80 else "CA" if r < 0.84 else "MX" if r < 0.87 else "DE"
        city = wk.get("city") or pick_city(country)
        name = wk.get("name") or company_name(country)
        street = wk.get("street") or street_for(country)
        if "phone" in wk:
            typed = wk["phone"]
            digits = "".join(ch for ch in typed if ch.isdigit())
            if country in ("US", "CA"):
                digits = digits[-10:]
                long, call = "+1" + digits, digits
            else:
                digits = digits.lstrip("0")
                if digits.startswith("49"):
                    digits = digits[2:]
                long, call = "+49" + digits, "0" + digits
            used_phones.add(long)
        else:
            typed, long, call = new_phone(country, city[3])
        if wk:
            areas = wk["areas"]
        elif country == "DE":
            areas = ("2000", "1000") if rnd.random() < 0.15 else ("2000",)
        else:
            areas = ("1000", "2000") if country == "US" and rnd.random() < 0.06 else ("1000",)
        aufsd = wk.get("central_order_block", "01" if not wk and rnd.random() < 0.003 else "")
        loevm = "X" if wk.get("deleted") or (not wk and rnd.random() < 0.002) else ""
        sperr = "X" if wk.get("posting_block") or (not wk and rnd.random() < 0.002) else ""
        erdat = co.days(-rnd.randint(200, 5000))
        adrnr = add_account(kunnr, "0001", name, country, city, street, typed, long, call,
                            erdat, aufsd, sperr, loevm)
        domain = "".join(ch for ch in name.split(" ")[0].lower() if ch.isalnum()) or "mail"
        domain = f"{domain}{number % 97}.example.com"
        adr6.append(mk_adr6(CLIENT, adrnr, "", date_from, "001", "X", f"orders@{domain}",
                            f"ORDERS@{domain.upper()}"[:20]))
        zterm = rnd.choices(["NT30", "NT45", "NT60", "0001", "Z210"], [55, 10, 10, 10, 15])[0]
        vsbed = rnd.choices(["01", "02", "10"], [80, 12, 8])[0]
        # contacts
        contacts = wk.get("contacts") or []
        if not contacts:
            for _ in range(rnd.choices([0, 1, 2, 3], [10, 45, 30, 15])[0]):
                first = rnd.choice(names.DE_FIRST if country == "DE" else names.FIRST_NAMES)
                last = rnd.choice(names.DE_SURNAMES if country == "DE" else names.SURNAMES)
                contacts.append((first, last, None, rnd.choice(["PURCH", "ACCT", "RECV",
                                                                 "MAINT"])))
        parnrs = []
        for first, last, phone, role in contacts:
            parnr = f"{counters['parnr']:010d}"
            counters["parnr"] += 1
            counters["prsnr"] += 1
            prsnr = f"{counters['prsnr']:010d}"
            if phone:
                digits = "".join(ch for ch in phone if ch.isdigit())[-10:]
                ctyped, clong, ccall = phone, "+1" + digits, digits
                used_phones.add(clong)
            else:
                ctyped, clong, ccall = new_phone(country, city[3])
            abtnr, pafkt = {"PURCH": ("0003", "02"), "ACCT": ("0004", "05"),
                            "RECV": ("0007", "09"), "MAINT": ("0008", "10")}[role]
            knvk.append(mk_knvk(CLIENT, parnr, kunnr, first, last,
                                "Frau" if country == "DE" and first in ("Anna", "Julia",
                                                                         "Katrin", "Sabine",
                                                                         "Petra", "Claudia")
                                else "", abtnr, pafkt, ctyped[:16], last.upper()[:10],
                                prsnr, erdat))
            adr2.append(mk_adr2(CLIENT, adrnr, prsnr, date_from, "001", country, "X", ctyped,
                                "", clong, ccall))
            adr6.append(mk_adr6(CLIENT, adrnr, prsnr, date_from, "001", "X",
                                f"{first.lower()}.{last.lower()}@{domain}",
                                f"{first}.{last}@{domain}".upper()[:20]))
            parnrs.append(parnr)
        # ship-to accounts
        shiptos = []
        wk_shiptos = wk.get("shiptos")
        n_ship = len(wk_shiptos) if wk_shiptos else (
            0 if wk else rnd.choices([0, 1, 2, 3, 4], [72, 14, 8, 4, 2])[0])
        for k in range(n_ship):
            s_kunnr = f"{counters['shipto']:010d}"
            counters["shipto"] += 1
            if wk_shiptos:
                s_name, s_city, s_street = wk_shiptos[k]
            else:
                s_city = pick_city(country) if rnd.random() < 0.5 else city
                s_name = f"{name.split(' ')[0]} {s_city[0]} Warehouse"
                s_street = street_for(country)
            s_typed, s_long, s_call = new_phone(country, s_city[3])
            add_account(s_kunnr, "0002", s_name, country, s_city, s_street, s_typed, s_long,
                        s_call, erdat)
            shiptos.append((s_kunnr, s_city))
        payer = None
        if wk.get("payer") or (not wk and rnd.random() < 0.04):
            payer = f"{counters['payer']:010d}"
            counters["payer"] += 1
            p_name = wk.get("payer") or f"{name.split(' ')[0]} Holdings Accounts Payable"
            p_typed, p_long, p_call = new_phone(country, city[3])
            add_account(payer, "0003", p_name, country, city, street_for(country), p_typed,
                        p_long, p_call, erdat)
        info = SoldToInfo(
            areas=areas, shiptos=tuple(s for s, _ in shiptos), payer=payer or kunnr,
            country=country, region=city[1], zterm=zterm,
            over_limit=bool(wk.get("over_limit")) or (not wk and rnd.random() < 0.03),
            credit_blocked=bool(wk.get("credit_blocked")) or (
                not wk and rnd.random() < 0.005),
            overdue=bool(wk.get("overdue")) or (not wk and rnd.random() < 0.06),
            well_known=bool(wk), contacts=tuple(parnrs), extra=number in EXTRA_CUSTOMERS,
            special_liabilities=Decimal(wk.get("special_liabilities", "0")))
        co.sold_to_info[kunnr] = info
        for vkorg in areas:
            block = ""
            if wk.get("area_order_block") and wk["area_order_block"][0] == vkorg:
                block = wk["area_order_block"][1]
            elif not wk and rnd.random() < 0.01:
                block = rnd.choice(["01", "02"])
            add_sales_data(kunnr, vkorg, country, city[1], zterm, vsbed, block)
            parza = 0
            for parvw, partner in (("AG", kunnr), ("WE", kunnr), ("RE", kunnr),
                                   ("RG", payer or kunnr)):
                knvp.append(mk_knvp(CLIENT, kunnr, vkorg, "10", "00", parvw, "000", partner,
                                    "0000000000", "X" if parvw == "WE" else ""))
            if parnrs:  # the first contact is the contact person partner (AP) of the area
                knvp.append(mk_knvp(CLIENT, kunnr, vkorg, "10", "00", "AP", "000", "",
                                    parnrs[0], ""))
            for s_kunnr, s_city in shiptos:
                parza += 1
                knvp.append(mk_knvp(CLIENT, kunnr, vkorg, "10", "00", "WE", f"{parza:03d}",
                                    s_kunnr, "0000000000", ""))
                add_sales_data(s_kunnr, vkorg, country, s_city[1], zterm, vsbed)
                knvp.append(mk_knvp(CLIENT, s_kunnr, vkorg, "10", "00", "WE", "000",
                                    s_kunnr, "0000000000", "X"))
            if payer:
                add_sales_data(payer, vkorg, country, city[1], zterm, vsbed)
                for parvw in ("RE", "RG"):
                    knvp.append(mk_knvp(CLIENT, payer, vkorg, "10", "00", parvw, "000",
                                        payer, "0000000000", ""))
            disc_r = rnd.random()
            if disc_r < 0.3:
                co.cust_discount[(kunnr, vkorg)] = Decimal(rnd.choice(["2", "3", "5"]))
