"""The sandbox company's materials and their pricing: material master, descriptions, sales data,
units, list prices with scales, customer-specific prices and discounts.

Part of the company (``company.py`` builds the groups "materials" and "pricing" with
:func:`build_materials` and :func:`build_pricing`); each group draws from its own seeded random
stream. It does not import ``company.py`` (which imports it).
"""

from __future__ import annotations

from decimal import Decimal

from ordertui.sap.sandbox.base import CLIENT, SALES_ORG, Rec, matn1, money
from ordertui.sap.sandbox.company_customers import FIRST_SOLD_TO, N_SOLD_TO

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

#: Materials added after the generated ones so that adding them changed no other record: they come
#: last in the materials' random stream, sort after every generated number (so the pricing stream
#: reaches them last too), get their list price after all customer prices, stay out of
#: ``co.material_numbers`` (``co.extra_material_numbers``) and out of the order history. They hold
#: the '#' a search must find as typed ("#10 SCREW", "HB-38#") and a near miss ("M10 SCREW").
EXTRA_MATERIALS = {
    "WS-10-ASST": ("#10 SCREW ASSORTMENT WOOD 100PC", "fastener"),
    "WS-10-075": ("WOOD SCREW #10 X 3/4 ZINC", "fastener"),
    "WS-M10-050": ("M10 SCREW HEX SOCKET 50MM ZINC", "fastener"),
    "WS-HB38-KIT": ("SPARE KIT FOR HB-38# BOLT SERIES", "fastener"),
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

class MatInfo(Rec):
    __slots__ = ("cat", "price", "base", "alt", "weight", "desc")


ONE, HUNDRED = Decimal(1), Decimal(100)


def build_materials(co) -> None:
    """Group "materials": MARA, MAKT, MVKE, MARM and ``co.mat_info`` / ``co.material_numbers``
    (``co.extra_material_numbers`` for ``EXTRA_MATERIALS``)."""
    rnd = co.rng("materials")
    t = co.tables
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
    specs += [(number, desc, cat) for number, (desc, cat) in EXTRA_MATERIALS.items()]
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
        co.mat_info[matnr] = MatInfo(cat=catname, price=price, base=base, alt=alt,
                                       weight=brgew, desc=desc)
        (co.extra_material_numbers if matnr in EXTRA_MATERIALS else co.material_numbers).append(matnr)
        mara.append(mk_mara(CLIENT, matnr, co.days(-rnd.randint(300, 6000)), "HAWA", "M",
                            matkl, base, brgew, brgew, "KG", "00", ""))
        upper = desc.upper()
        makt.append(mk_makt(CLIENT, matnr, "E", desc, desc if upper == desc else upper))
        marm.append(mk_marm(CLIENT, matnr, base, ONE, ONE, brgew, "KG"))
        if alt:
            marm.append(mk_marm(CLIENT, matnr, alt[0], co.dec(alt[1]), ONE,
                                (brgew * alt[1]).quantize(Decimal("0.001")), "KG"))
        sales_unit = alt[0] if alt and (catname in ("adhesive",) or bare == "100500") else ""
        r = rnd.random()
        vmsta = "Z1" if (bare == "100200" or (idx > 20 and r < 0.01)) else ""
        for vkorg in ("1000", "2000"):
            if vkorg == "2000" and (bare == "100500" or (idx > 20 and rnd.random() < 0.35)):
                continue  # not listed in sales org 2000
            dwerk = "2000" if vkorg == "2000" else ("1100" if idx % 5 == 4 else "1000")
            mvke.append(mk_mvke(CLIENT, matnr, vkorg, "10", vmsta if vkorg == "1000" else "",
                                co.days(-30) if vmsta else "", sales_unit,
                                Decimal(0), dwerk, "01", "01", mtpos))


def build_pricing(co) -> None:
    """Group "pricing": list prices with scales (A004, KONP, KONM), customer prices (A005) and discounts."""
    co.ensure("materials")
    rnd = co.rng("pricing")
    t = co.tables
    a004, a005, konp, konm = t["A004"], t["A005"], t["KONP"], t["KONM"]
    mk_a004 = a004.maker("MANDT", "KAPPL", "KSCHL", "VKORG", "VTWEG", "MATNR", "DATBI",
                         "DATAB", "KNUMH")
    mk_konp = konp.maker("MANDT", "KNUMH", "KOPOS", "KAPPL", "KSCHL", "STFKZ", "KZBZG",
                         "KONMS", "KBETR", "KONWA", "KPEIN", "KMEIN", "KRECH")
    mk_konm = konm.maker("MANDT", "KNUMH", "KOPOS", "KLFN1", "KSTBM", "KBETR")
    datab, datbi = co.days(-rnd.randint(30, 200)), "99991231"
    mvke = co.table("MVKE")
    p_vkorg, p_matnr = mvke.pos["VKORG"], mvke.pos["MATNR"]
    extra = set(co.extra_material_numbers)

    def list_price(matnr: str, vkorg: str, scaled_if_not_fastener) -> None:
        """PR00 (A004, KONP, KONM scales); ``scaled_if_not_fastener()`` decides for the others."""
        info = co.mat_info[matnr]
        price = info["price"]
        currency = SALES_ORG[vkorg]["currency"]
        if vkorg == "2000":
            price = money(price * Decimal("0.93"))
        per = HUNDRED if info["cat"] == "fastener" else ONE
        kbetr = money(price * per)
        knumh = co.new_knumh()
        scaled = vkorg == "1000" and (info["cat"] == "fastener" or scaled_if_not_fastener())
        a004.append(mk_a004(CLIENT, "V", "PR00", vkorg, "10", matnr, datbi, datab, knumh))
        konp.append(mk_konp(CLIENT, knumh, "01", "V", "PR00", "A" if scaled else "",
                            "C" if scaled else "", info["base"] if scaled else "", kbetr,
                            currency, per, info["base"], "C"))
        if scaled:
            steps = ([1, 500, 1000, 5000] if info["cat"] == "fastener" else [1, 10, 50])
            factor = [Decimal(1), Decimal("0.95"), Decimal("0.90"), Decimal("0.85")]
            for n, (qty, f) in enumerate(zip(steps, factor)):
                konm.append(mk_konm(CLIENT, knumh, "01", f"{n + 1:04d}", co.dec(qty),
                                    money(kbetr * f)))

    for row in mvke.rows:
        matnr, vkorg = row[p_matnr], row[p_vkorg]
        if matnr in extra:
            continue  # priced last, below
        list_price(matnr, vkorg, lambda: rnd.random() < 0.15)
        if rnd.random() < 0.08:
            co.mat_discount[(matnr, vkorg)] = Decimal(rnd.choice(["3", "5", "8", "10"]))
    # customer-specific prices (condition type ZPR1, access A005 customer/material)
    specials: list[tuple[str, str, str, Decimal]] = [
        ("0000010023", "1000", matn1("HB-12-200"), Decimal("0.78")),
        ("0000010023", "1000", matn1("100100"), Decimal("5.95")),
        ("0000010140", "1000", matn1("HB-38-100"), Decimal("0.29")),
    ]
    numbers = co.material_numbers
    for i in range(N_SOLD_TO):
        if rnd.random() < 0.03:
            kunnr = f"{FIRST_SOLD_TO + i:010d}"
            for _ in range(rnd.randint(1, 5)):
                matnr = numbers[rnd.randrange(len(numbers))]
                price = money(co.mat_info[matnr]["price"] * Decimal(
                    str(round(rnd.uniform(0.82, 0.95), 2))))
                if price > 0:
                    specials.append((kunnr, "1000", matnr, price))
    mk_a005 = a005.maker("MANDT", "KAPPL", "KSCHL", "VKORG", "VTWEG", "KUNNR", "MATNR",
                         "DATBI", "DATAB", "KNUMH")
    for kunnr, vkorg, matnr, price in specials:
        info = co.mat_info[matnr]
        per = HUNDRED if info["cat"] == "fastener" else ONE
        knumh = co.new_knumh()
        a005.append(mk_a005(CLIENT, "V", "ZPR1", vkorg, "10", kunnr, matnr, datbi, datab,
                            knumh))
        konp.append(mk_konp(CLIENT, knumh, "01", "V", "ZPR1", "", "", "", money(price * per),
                            SALES_ORG[vkorg]["currency"], per, info["base"], "C"))
    for row in mvke.rows:  # the extra materials: list price only, no random draw
        if row[p_matnr] in extra:
            list_price(row[p_matnr], row[p_vkorg], lambda: False)
