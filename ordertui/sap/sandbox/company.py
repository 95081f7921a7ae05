"""The sandbox company: master data, pricing, stock and history, generated from a seed.

Generation is lazy per group of tables (customers, materials, pricing, history, credit) so a
process that only logs on pays for nothing; each group uses its own seeded ``random.Random``
so the same seed always yields the same company whatever order the groups are built in.
Dates are relative to ``today`` so the company always looks current.

This module builds the master data (config, customers, materials, pricing) and stock. History
and credit are built by ``history.py``, which builds on this module; the system
(``connection.system``) hands those builders in, so this module never imports ``history``.
"""

from __future__ import annotations

import datetime as dt
import random
import threading
from collections.abc import Callable, Mapping
from decimal import Decimal

from ordertui.sap.sandbox import ddic, names
from ordertui.sap.sandbox.base import (
    CLIENT,
    D0,
    PLANTS,
    SALES_ORG,
    SALES_ORG_PLANTS,
    d8,
    matn1,
    money,
)

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
                phone="412.555.0110", areas=("1000",), payer="Keystone Holdings - Accounts Payable"),
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
# numeric material numbers are stored MATN1-padded
WELL_KNOWN_MATERIALS = {
    "HB-38-100": ("HEX BOLT 3/8-16 X 1 GR5 ZINC", "fastener"),
    "HB-12-200": ("HEX BOLT 1/2-13 X 2 GR5 ZINC", "fastener"),
    "100100": ("ADHESIVE BLUE MEDIUM STRENGTH 50ML", "adhesive"),
    "100200": ("SAFETY GLASSES CLEAR ANTI-FOG", "safety"),
    "100300": ("TORQUE WRENCH 1/2 DR 20-150 FT-LB", "tool"),
    "100400": ("HYDRAULIC HAND PUMP 10000 PSI", "tool"),
    "100500": ("NITRILE GLOVES BLACK L 100/BOX", "safety"),
}

FASTENER_FAMILIES = [("HB", "HEX BOLT", True), ("HN", "HEX NUT", False),
                     ("FW", "FLAT WASHER", False), ("LW", "LOCK WASHER", False),
                     ("SC", "SOCKET CAP SCREW", True), ("MS", "MACHINE SCREW", True),
                     ("CA", "CONCRETE ANCHOR", True), ("TR", "THREADED ROD", True),
                     ("CB", "CARRIAGE BOLT", True), ("LS", "LAG SCREW", True)]
FASTENER_SIZES = [("14", "1/4-20"), ("516", "5/16-18"), ("38", "3/8-16"), ("716", "7/16-14"),
                  ("12", "1/2-13"), ("58", "5/8-11"), ("34", "3/4-10"), ("M6", "M6X1.0"),
                  ("M8", "M8X1.25"), ("M10", "M10X1.5"), ("M12", "M12X1.75")]
FASTENER_LENGTHS = ["050", "075", "100", "125", "150", "200", "250", "300", "400"]
FASTENER_FINISH = [("", "GR5 ZINC"), ("SS", "STAINLESS 18-8"), ("YZ", "GR8 YELLOW ZINC"),
                   ("HDG", "HOT-DIP GALV")]

# category: (share, description parts, base unit, alt unit (unit, base per alt) or None,
#            price range per base unit, weight range kg per base unit)
CATEGORIES = [
    ("adhesive", 0.12, ["ADHESIVE", "THREADLOCKER", "EPOXY", "SILICONE SEALANT",
                        "CONSTRUCTION ADHESIVE", "INSTANT GLUE"],
     ["BLUE", "RED", "CLEAR", "GREY", "BLACK", "WHITE"], ["10ML", "50ML", "250ML", "300ML",
                                                          "1L"], "ST", ("KAR", 12), (3, 45),
     (0.02, 1.2)),
    ("tool", 0.16, ["SCREWDRIVER", "WRENCH SET", "SOCKET SET", "PLIERS", "HAMMER", "TAPE MEASURE",
                    "DRILL BIT SET", "HEX KEY SET", "UTILITY KNIFE", "LEVEL", "TORQUE WRENCH"],
     ["PRO", "HD", "METRIC", "SAE", "COMPACT", "XL", "IMPACT"], ["6PC", "12PC", "24IN", "16OZ",
                                                                  "1/4 DR", "3/8 DR", "1/2 DR"],
     "ST", None, (6, 420), (0.1, 4.0)),
    ("safety", 0.12, ["NITRILE GLOVES", "SAFETY GLASSES", "EAR PLUGS", "HARD HAT", "HI-VIS VEST",
                      "DUST MASK N95", "CUT GLOVES", "FACE SHIELD"],
     ["BLACK", "CLEAR", "ORANGE", "YELLOW", "BLUE", "GREY"], ["S", "M", "L", "XL", "ONE SIZE"],
     "ST", ("KAR", 10), (1, 60), (0.02, 0.6)),
    ("lubricant", 0.07, ["CUTTING OIL", "HYDRAULIC OIL ISO 46", "MULTI-PURPOSE GREASE",
                         "PENETRATING OIL", "GEAR OIL 80W-90", "CHAIN LUBE"],
     ["SYNTHETIC", "FOOD GRADE", "HEAVY DUTY", "BIO"], ["1L", "5L", "20L"], "L", None,
     (4, 18), (0.9, 1.0)),
    ("abrasive", 0.08, ["CUT-OFF WHEEL", "FLAP DISC", "SANDING BELT", "GRINDING WHEEL",
                        "WIRE BRUSH"], ["4-1/2IN", "5IN", "7IN", "2X72", "6IN"],
     ["40 GRIT", "60 GRIT", "80 GRIT", "120 GRIT", "TYPE 27"], "ST", ("KAR", 25), (2, 25),
     (0.05, 0.8)),
    ("wire", 0.06, ["STEEL CHAIN", "WIRE ROPE", "ELECTRICAL WIRE", "NYLON ROPE", "SS CABLE"],
     ["GR30", "GR70", "7X19", "12 AWG", "3/8IN", "1/4IN"], ["GALV", "BLACK", "RED", "BRIGHT"],
     "M", None, (1, 14), (0.05, 1.8)),
    ("chemical", 0.05, ["DEGREASER", "ABSORBENT GRANULES", "ICE MELT", "CLEANER CONCENTRATE"],
     ["INDUSTRIAL", "CITRUS", "HEAVY DUTY"], ["BULK"], "KG", None, (1, 9), (1.0, 1.0)),
    ("electrical", 0.04, ["CABLE TIES", "HEAT SHRINK KIT", "TERMINAL KIT", "ELECTRICAL TAPE",
                          "WIRE CONNECTORS"], ["BLACK", "ASSORTED", "RED", "CLEAR"],
     ["100PK", "8IN", "14IN", "500PC"], "ST", ("KAR", 20), (2, 40), (0.05, 1.0)),
]


class Rec:
    """A compact record (``__slots__``) read like a dict: ``rec["price"]``."""

    __slots__ = ()

    def __init__(self, **values):
        for k, v in values.items():
            setattr(self, k, v)

    def __getitem__(self, key):
        return getattr(self, key)

    def get(self, key, default=None):
        return getattr(self, key, default)


class MatInfo(Rec):
    __slots__ = ("cat", "price", "base", "alt", "weight", "desc")


class SoldToInfo(Rec):
    __slots__ = ("areas", "shiptos", "payer", "country", "region", "zterm", "over_limit",
                 "credit_blocked", "overdue", "well_known", "contacts")


ONE, HUNDRED = Decimal(1), Decimal(100)

#: generates one group of tables (``ddic.TABLE_GROUP``) into a company
Builder = Callable[["Company"], None]


class Company:
    """All tables of one sandbox system, built lazily; plus the non-table generation state."""

    def __init__(self, seed: int, today: dt.date, builders: Mapping[str, Builder] | None = None):
        """``builders`` adds the groups generated outside this module (history and credit)."""
        self.seed = seed
        self.today = today
        self.lock = threading.RLock()
        self.tables: dict[str, ddic.Table] = {}
        self._done: set[str] = set()
        self._builders: dict[str, Builder] = {
            "config": Company._build_config, "customers": Company._build_customers,
            "materials": Company._build_materials, "pricing": Company._build_pricing,
            **(builders or {})}
        self.cust_discount: dict[tuple[str, str], Decimal] = {}
        self.mat_discount: dict[tuple[str, str], Decimal] = {}
        self.mat_info: dict[str, dict] = {}  # MATNR -> category, base price, weight
        self.material_numbers: list[str] = []
        self.sold_to_info: dict[str, dict] = {}  # KUNNR -> flags used by history/credit
        self.allocated: dict[tuple[str, str], Decimal] = {}
        self.new_order_value: dict[tuple[str, str], Decimal] = {}  # committed since generation
        self._stock: dict[tuple[str, str], tuple] = {}
        self.next_order = 12000
        self.commits = 0  # LUWs with documents committed since generation (tests isolate on it)
        self.next_delivery = 80_000_000
        self.next_invoice = 90_000_000
        self.next_fi_doc = 100_000_000
        self.next_goods_movement = 4_900_000_000  # material documents of goods issues (VBFA 'R')
        self.next_knumh = 1
        self._days: dict[int, str] = {}
        self._decimals: dict = {}

    # -------------------------------------------------------------- access
    def table(self, name: str) -> ddic.Table:
        group = ddic.TABLE_GROUP[name]
        if group not in self._done:
            self.ensure(group)
        return self.tables[name]

    def ensure(self, group: str) -> None:
        with self.lock:
            if group in self._done:
                return
            builder = self._builders.get(group)
            if builder is None:
                raise LookupError(f"no builder for table group {group!r}: build the company "
                                  "with sandbox.system(), which adds history and credit")
            for name, g in ddic.TABLE_GROUP.items():
                if g == group and name not in self.tables:
                    self.tables[name] = ddic.new_table(name)
            builder(self)
            for name, g in ddic.TABLE_GROUP.items():
                if g == group:  # like a database: rows in primary-key order
                    self.tables[name].sort_by_key()
            self._done.add(group)

    def dec(self, value) -> Decimal:
        """A shared Decimal object per value (many rows hold the same few numbers)."""
        d = self._decimals.get(value)
        if d is None:
            d = self._decimals[value] = Decimal(value)
        return d

    def plants(self) -> tuple[str, ...]:
        return tuple(PLANTS)

    def rng(self, group: str) -> random.Random:
        return random.Random(f"ordertui-sandbox:{self.seed}:{group}")

    def days(self, n: int) -> str:
        hit = self._days.get(n)
        if hit is None:
            hit = self._days[n] = d8(self.today + dt.timedelta(days=n))
        return hit

    # -------------------------------------------------------------- config
    def _build_config(self) -> None:
        t = self.tables
        for werks, (name, city, region, pstlz, land, vkorg, street) in PLANTS.items():
            t["T001W"].append(t["T001W"].row(
                MANDT=CLIENT, WERKS=werks, NAME1=name, BWKEY=werks, STRAS=street, PSTLZ=pstlz,
                ORT01=city, REGIO=region, LAND1=land, VKORG=vkorg, VTWEG="10", SPART="00",
                SPRAS="E" if land == "US" else "D"))
        for zterm, text, _days in names.PAYMENT_TERMS:
            t["TVZBT"].append(t["TVZBT"].row(MANDT=CLIENT, SPRAS="E", ZTERM=zterm, VTEXT=text))
        for vsbed, text in names.SHIPPING_CONDITIONS:
            t["TVSBT"].append(t["TVSBT"].row(MANDT=CLIENT, SPRAS="E", VSBED=vsbed, VTEXT=text))
        for pafkt, en, de in names.CONTACT_FUNCTIONS:
            for spras, text in (("D", de), ("E", en)):
                t["TPFKT"].append(t["TPFKT"].row(MANDT=CLIENT, SPRAS=spras, PAFKT=pafkt, VTEXT=text))
        for abtnr, en, de in names.DEPARTMENTS:
            for spras, text in (("D", de), ("E", en)):
                t["TSABT"].append(t["TSABT"].row(MANDT=CLIENT, SPRAS=spras, ABTNR=abtnr, VTEXT=text))
        for vkorg, werks in SALES_ORG_PLANTS:
            t["TVKWZ"].append(t["TVKWZ"].row(MANDT=CLIENT, VKORG=vkorg, VTWEG="10", WERKS=werks))
        for table, field, texts in (("TVLST", "LIFSP", names.DELIVERY_BLOCKS),
                                    ("TVFST", "FAKSP", names.BILLING_BLOCKS)):
            for code, en, de in texts:
                for spras, text in (("D", de), ("E", en)):
                    t[table].append(t[table].row(MANDT=CLIENT, SPRAS=spras, VTEXT=text,
                                                 **{field: code}))
        for lifnr, name, city, region, _pfx in names.CARRIERS_US + names.CARRIERS_DE:
            land = "DE" if region.isdigit() else "US"
            t["LFA1"].append(t["LFA1"].row(MANDT=CLIENT, LIFNR=lifnr, LAND1=land, NAME1=name,
                                           ORT01=city, REGIO=region, KTOKK="0005"))

    # -------------------------------------------------------------- customers
    def _phone(self, rnd: random.Random, country: str, area: str, line: str | None = None,
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

    def _build_customers(self) -> None:
        rnd = self.rng("customers")
        t = self.tables
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
                typed, long, call = self._phone(rnd, country, area, line, style)
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
                                name.upper()[:25], name2.upper()[:25],
                                upper_city.setdefault(cityname, cityname.upper()[:25]),
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
            knvv.append(mk_knvv(CLIENT, kunnr, vkorg, "10", "00", self.days(-rnd.randint(400, 4000)),
                                "MIGRATION", aufsd, zterm, inco[0], inco[1], vsbed, currency,
                                rnd.choice(["01", "02", "03"]), rnd.choice(["01", "02"]), "1",
                                vwerk, vkorg, f"{rnd.randint(1, 5):03d}",
                                f"{vkorg[0]}000{rnd.randint(1, 9):02d}", "01"))
            bukrs = SALES_ORG[vkorg]["bukrs"]
            if not knb1.first("KUNNR", kunnr) or all(
                    knb1.get(r, "BUKRS") != bukrs for r in knb1.lookup("KUNNR", kunnr)):
                knb1.append(knb1.row(MANDT=CLIENT, KUNNR=kunnr, BUKRS=bukrs, AKONT="0000120000",
                                     ZTERM=zterm, ZWELS="CT"))

        for i in range(N_SOLD_TO):
            number = FIRST_SOLD_TO + i
            kunnr = f"{number:010d}"
            wk = WELL_KNOWN_CUSTOMERS.get(number, {})
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
            erdat = self.days(-rnd.randint(200, 5000))
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
                well_known=bool(wk), contacts=tuple(parnrs))
            self.sold_to_info[kunnr] = info
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
                    self.cust_discount[(kunnr, vkorg)] = Decimal(rnd.choice(["2", "3", "5"]))

    # -------------------------------------------------------------- materials
    def _build_materials(self) -> None:
        rnd = self.rng("materials")
        t = self.tables
        mara, makt, mvke, marm = t["MARA"], t["MAKT"], t["MVKE"], t["MARM"]
        mk_mara = mara.maker("MANDT", "MATNR", "ERSDA", "MTART", "MBRSH", "MATKL", "MEINS",
                             "BRGEW", "NTGEW", "GEWEI", "SPART", "MSTAV")
        mk_makt = makt.maker("MANDT", "MATNR", "SPRAS", "MAKTX", "MAKTG")
        mk_mvke = mvke.maker("MANDT", "MATNR", "VKORG", "VTWEG", "VMSTA", "VMSTD", "VRKME",
                             "AUMNG", "DWERK", "KONDM", "KTGRM", "MTPOS")
        mk_marm = marm.maker("MANDT", "MATNR", "MEINH", "UMREZ", "UMREN", "BRGEW", "GEWEI")
        seen: set[str] = set()
        specs: list[tuple] = []  # (matnr, desc, category)
        for number, (desc, cat) in WELL_KNOWN_MATERIALS.items():
            specs.append((matn1(number), desc, cat))
            seen.add(matn1(number))
        # fasteners: alphanumeric numbers, 40 %
        fam_combos = [(f, s, ln, fin) for f in FASTENER_FAMILIES for s in FASTENER_SIZES
                      for ln in FASTENER_LENGTHS for fin in FASTENER_FINISH]
        rnd.shuffle(fam_combos)
        for (fcode, fname, has_len), (scode, sname), length, (fin, fin_text) in fam_combos:
            if len(specs) >= 4000:
                break
            if has_len:
                number = f"{fcode}-{scode}-{length}" + (f"-{fin}" if fin else "")
                inches = int(length) / 100
                ltxt = f"{inches:g}" if inches != int(inches) else str(int(inches))
                desc = f"{fname} {sname} X {ltxt} {fin_text}"
            else:
                number = f"{fcode}-{scode}" + (f"-{fin}" if fin else "")
                desc = f"{fname} {sname} {fin_text}"
            if number in seen:
                continue
            seen.add(number)
            specs.append((number, desc[:40], "fastener"))
        # everything else: numeric numbers 100000+
        weights = [c[1] for c in CATEGORIES]
        next_no = 100001
        while len(specs) < 10000:
            cat = rnd.choices(CATEGORIES, weights)[0]
            number = matn1(next_no)
            next_no += 1
            if next_no in (100100, 100200, 100300, 100400, 100500):
                next_no += 1
            if number in seen:
                continue
            seen.add(number)
            desc = f"{rnd.choice(cat[2])} {rnd.choice(cat[3])} {rnd.choice(cat[4])}"
            specs.append((number, desc[:40], cat[0]))
        cat_by_name = {c[0]: c for c in CATEGORIES}
        for idx, (matnr, desc, catname) in enumerate(specs):
            if catname == "fastener":
                base, alt, weight = "ST", ("KAR", rnd.choice([25, 50, 100])), rnd.uniform(
                    0.005, 0.25)
                price = Decimal(str(round(rnd.uniform(0.08, 2.5), 2)))  # per piece
                matkl, mtpos = "FAST", "NORM"
            else:
                cat = cat_by_name[catname]
                base, alt = cat[5], cat[6]
                price = Decimal(str(round(rnd.uniform(*cat[7]), 2)))
                weight = rnd.uniform(*cat[8])
                matkl, mtpos = catname[:4].upper(), "NORM"
            bare = matnr.lstrip("0")
            if bare == "100100":
                alt, price, weight = ("KAR", 12), Decimal("6.40"), 0.08
            elif bare == "100500":
                alt, price = ("KAR", 10), Decimal("11.90")
            elif bare == "HB-38-100":
                alt, price, weight = ("KAR", 100), Decimal("0.32"), 0.031
            elif bare == "HB-12-200":
                alt, price, weight = ("KAR", 50), Decimal("0.86"), 0.102
            brgew = Decimal(str(round(weight, 3)))
            self.mat_info[matnr] = MatInfo(cat=catname, price=price, base=base, alt=alt,
                                           weight=brgew, desc=desc)
            self.material_numbers.append(matnr)
            mara.append(mk_mara(CLIENT, matnr, self.days(-rnd.randint(300, 6000)), "HAWA", "M",
                                matkl, base, brgew, brgew, "KG", "00", ""))
            upper = desc.upper()
            makt.append(mk_makt(CLIENT, matnr, "E", desc, desc if upper == desc else upper))
            marm.append(mk_marm(CLIENT, matnr, base, ONE, ONE, brgew, "KG"))
            if alt:
                marm.append(mk_marm(CLIENT, matnr, alt[0], self.dec(alt[1]), ONE,
                                    (brgew * alt[1]).quantize(Decimal("0.001")), "KG"))
            sales_unit = alt[0] if alt and (catname in ("adhesive",) or bare == "100500") else ""
            r = rnd.random()
            vmsta = "Z1" if (bare == "100200" or (idx > 20 and r < 0.01)) else ""
            for vkorg in ("1000", "2000"):
                if vkorg == "2000" and (bare == "100500" or (idx > 20 and rnd.random() < 0.35)):
                    continue  # not listed in sales org 2000
                dwerk = "2000" if vkorg == "2000" else ("1100" if idx % 5 == 4 else "1000")
                mvke.append(mk_mvke(CLIENT, matnr, vkorg, "10", vmsta if vkorg == "1000" else "",
                                    self.days(-30) if vmsta else "", sales_unit,
                                    Decimal(0), dwerk, "01", "01", mtpos))

    # -------------------------------------------------------------- pricing
    def _knumh(self) -> str:
        k = f"{self.next_knumh:010d}"
        self.next_knumh += 1
        return k

    def _build_pricing(self) -> None:
        self.ensure("materials")
        rnd = self.rng("pricing")
        t = self.tables
        a004, a005, konp, konm = t["A004"], t["A005"], t["KONP"], t["KONM"]
        mk_a004 = a004.maker("MANDT", "KAPPL", "KSCHL", "VKORG", "VTWEG", "MATNR", "DATBI",
                             "DATAB", "KNUMH")
        mk_konp = konp.maker("MANDT", "KNUMH", "KOPOS", "KAPPL", "KSCHL", "STFKZ", "KZBZG",
                             "KONMS", "KBETR", "KONWA", "KPEIN", "KMEIN", "KRECH")
        mk_konm = konm.maker("MANDT", "KNUMH", "KOPOS", "KLFN1", "KSTBM", "KBETR")
        datab, datbi = self.days(-rnd.randint(30, 200)), "99991231"
        mvke = self.table("MVKE")
        p_vkorg, p_matnr = mvke.pos["VKORG"], mvke.pos["MATNR"]
        for row in mvke.rows:
            matnr, vkorg = row[p_matnr], row[p_vkorg]
            info = self.mat_info[matnr]
            price = info["price"]
            currency = SALES_ORG[vkorg]["currency"]
            if vkorg == "2000":
                price = money(price * Decimal("0.93"))
            per = HUNDRED if info["cat"] == "fastener" else ONE
            kbetr = money(price * per)
            knumh = self._knumh()
            scaled = vkorg == "1000" and (info["cat"] == "fastener" or rnd.random() < 0.15)
            a004.append(mk_a004(CLIENT, "V", "PR00", vkorg, "10", matnr, datbi, datab, knumh))
            konp.append(mk_konp(CLIENT, knumh, "01", "V", "PR00", "A" if scaled else "",
                                "C" if scaled else "", info["base"] if scaled else "", kbetr,
                                currency, per, info["base"], "C"))
            if scaled:
                steps = ([1, 500, 1000, 5000] if info["cat"] == "fastener" else [1, 10, 50])
                factor = [Decimal(1), Decimal("0.95"), Decimal("0.90"), Decimal("0.85")]
                for n, (qty, f) in enumerate(zip(steps, factor)):
                    konm.append(mk_konm(CLIENT, knumh, "01", f"{n + 1:04d}", self.dec(qty),
                                        money(kbetr * f)))
            if rnd.random() < 0.08:
                self.mat_discount[(matnr, vkorg)] = Decimal(rnd.choice(["3", "5", "8", "10"]))
        # customer-specific prices (condition type ZPR1, access A005 customer/material)
        specials: list[tuple[str, str, str, Decimal]] = [
            ("0000010023", "1000", matn1("HB-12-200"), Decimal("0.78")),
            ("0000010023", "1000", matn1("100100"), Decimal("5.95")),
            ("0000010140", "1000", matn1("HB-38-100"), Decimal("0.29")),
        ]
        numbers = self.material_numbers
        for i in range(N_SOLD_TO):
            if rnd.random() < 0.03:
                kunnr = f"{FIRST_SOLD_TO + i:010d}"
                for _ in range(rnd.randint(1, 5)):
                    matnr = numbers[rnd.randrange(len(numbers))]
                    price = money(self.mat_info[matnr]["price"] * Decimal(
                        str(round(rnd.uniform(0.82, 0.95), 2))))
                    if price > 0:
                        specials.append((kunnr, "1000", matnr, price))
        mk_a005 = a005.maker("MANDT", "KAPPL", "KSCHL", "VKORG", "VTWEG", "KUNNR", "MATNR",
                             "DATBI", "DATAB", "KNUMH")
        for kunnr, vkorg, matnr, price in specials:
            info = self.mat_info[matnr]
            per = HUNDRED if info["cat"] == "fastener" else ONE
            knumh = self._knumh()
            a005.append(mk_a005(CLIENT, "V", "ZPR1", vkorg, "10", kunnr, matnr, datbi, datab,
                                knumh))
            konp.append(mk_konp(CLIENT, knumh, "01", "V", "ZPR1", "", "", "", money(price * per),
                                SALES_ORG[vkorg]["currency"], per, info["base"], "C"))

    # -------------------------------------------------------------- stock (lazy per key)
    def stock(self, matnr: str, werks: str) -> tuple[Decimal, list[tuple[dt.date, Decimal]],
                                                      int]:
        """(unrestricted stock, planned receipts [(date, qty)], lead time days), base unit."""
        key = (matnr, werks)
        hit = self._stock.get(key)
        if hit is None:
            rnd = random.Random(f"ordertui-sandbox:{self.seed}:stock:{matnr}:{werks}")
            bare = matnr.lstrip("0")
            info = self.mat_info.get(matnr) or {"cat": "tool", "alt": None}
            unit = Decimal(info["alt"][1]) if info.get("alt") else Decimal(1)
            big = Decimal(5000) if info["cat"] == "fastener" else Decimal(200)
            lead = rnd.choice([7, 10, 14, 21, 28])
            today = self.today
            if bare == "100100" and werks == "1000":
                hit = (Decimal(96), [(today + dt.timedelta(days=7), Decimal(48))], 14)
            elif bare == "100300":
                hit = (D0, [(today + dt.timedelta(days=21), Decimal(40))], 21)
            elif bare == "100400":
                hit = (D0, [], 45)
            elif bare in ("HB-38-100", "HB-12-200"):
                hit = (Decimal(250000), [(today + dt.timedelta(days=10), Decimal(100000))], 10)
            else:
                r = rnd.random()
                if r < 0.55:
                    qty, rec = big * rnd.randint(2, 40), []
                elif r < 0.75:
                    qty = unit * rnd.randint(1, 30)
                    rec = [(today + dt.timedelta(days=rnd.randint(3, 20)),
                            unit * rnd.randint(10, 60))]
                elif r < 0.87:
                    qty = D0
                    rec = [(today + dt.timedelta(days=rnd.randint(5, 35)),
                            unit * rnd.randint(5, 80))]
                elif r < 0.93:
                    qty, rec = D0, []
                else:
                    qty = unit * rnd.randint(1, 10)
                    rec = [(today + dt.timedelta(days=rnd.randint(2, 9)), unit * rnd.randint(2, 20)),
                           (today + dt.timedelta(days=rnd.randint(15, 40)),
                            unit * rnd.randint(20, 90))]
                hit = (qty, rec, lead)
            self._stock[key] = hit
        return hit
