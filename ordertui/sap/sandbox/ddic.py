"""Transparent tables of the sandbox SAP system: real DDIC names, types and lengths, in one place.

Rows are tuples in DDIC field order (compact: ~100k rows fit in a few tens of MiB) holding values in
SAP's internal format: CHAR/NUMC as str (ALPHA/MATN1 padded), DATS as ``'YYYYMMDD'`` or ``''``,
packed numbers as ``Decimal``. RFC_READ_TABLE and the BAPIs read the same rows, so what one
shows the other shows. Equality indexes are built lazily per (table, field) and kept current
when rows are appended (committed orders).
"""

from __future__ import annotations

from decimal import Decimal

# field spec: NAME TYPE[LEN[.DEC]] text.  Types: C char, N numc, D dats, T tims, P packed, I int4
_DEFS = """
KNA1 General Data in Customer Master
 MANDT C3 Client|KUNNR C10 Customer|LAND1 C3 Country|NAME1 C35 Name|NAME2 C35 Name 2
 ORT01 C35 City|PSTLZ C10 Postal Code|REGIO C3 Region|SORTL C10 Search term|STRAS C35 Street
 TELF1 C16 Telephone 1|TELFX C31 Fax Number|TELF2 C16 Telephone 2|ADRNR C10 Address
 MCOD1 C25 Search term for name|MCOD2 C25 Search term 2|MCOD3 C25 Search term for city
 ERDAT D8 Created on|ERNAM C12 Created by|KTOKD C4 Account group|AUFSD C2 Central order block
 LIFSD C2 Central delivery block|FAKSD C2 Central billing block|SPERR C1 Central posting block
 LOEVM C1 Central deletion flag|SPRAS C1 Language|STCEG C20 VAT Registration No.|BRSCH C4 Industry
KNB1 Customer Master (Company Code)
 MANDT C3 Client|KUNNR C10 Customer|BUKRS C4 Company Code|AKONT C10 Reconciliation acct
 ZTERM C4 Terms of payment|SPERR C1 Posting block|LOEVM C1 Deletion flag|ZWELS C10 Payment methods
KNVV Customer Master Sales Data
 MANDT C3 Client|KUNNR C10 Customer|VKORG C4 Sales Organization|VTWEG C2 Distribution Channel
 SPART C2 Division|ERDAT D8 Created on|ERNAM C12 Created by|AUFSD C2 Order block
 LIFSD C2 Delivery block|FAKSD C2 Billing block|ZTERM C4 Terms of payment|INCO1 C3 Incoterms
 INCO2 C28 Incoterms (Part 2)|VSBED C2 Shipping Conditions|WAERS C5 Currency|KONDA C2 Price group
 KDGRP C2 Customer group|KALKS C1 Cust.pric.procedure|VWERK C4 Delivering Plant
 VKBUR C4 Sales Office|VKGRP C3 Sales group|BZIRK C6 Sales district|KTGRD C2 Acct assignment grp
 LOEVM C1 Deletion flag
KNVP Customer Master Partner Functions
 MANDT C3 Client|KUNNR C10 Customer|VKORG C4 Sales Organization|VTWEG C2 Distribution Channel
 SPART C2 Division|PARVW C2 Partner Function|PARZA N3 Partner counter|KUNN2 C10 Customer
 LIFNR C10 Vendor|PERNR N8 Personnel Number|PARNR N10 Contact person|KNREF C30 Description
 DEFPA C1 Default Partner
KNVK Customer Master Contact Partner
 MANDT C3 Client|PARNR N10 Contact person|KUNNR C10 Customer|NAMEV C35 First name
 NAME1 C35 Name|ANRED C30 Title|ABTNR C4 Department|PAFKT C2 Function|TELF1 C16 Telephone 1
 SORTL C10 Search term|PRSNR C10 Person number|ERDAT D8 Created on
ADR2 Telephone Numbers (Business Address Services)
 CLIENT C3 Client|ADDRNUMBER C10 Address number|PERSNUMBER C10 Person number
 DATE_FROM D8 Valid From|CONSNUMBER N3 Sequence number|COUNTRY C3 Country|FLGDEFAULT C1 Standard No.
 FLG_NOUSE C1 Do not use|HOME_FLAG C1 Home address|TEL_NUMBER C30 Telephone
 TEL_EXTENS C10 Extension|TELNR_LONG C30 Complete number|TELNR_CALL C30 Caller number
 DFT_RECEIV C1 SMS-enabled|R3_USER C1 Mobile phone
ADR6 E-Mail Addresses (Business Address Services)
 CLIENT C3 Client|ADDRNUMBER C10 Address number|PERSNUMBER C10 Person number
 DATE_FROM D8 Valid From|CONSNUMBER N3 Sequence number|FLGDEFAULT C1 Standard address
 FLG_NOUSE C1 Do not use|HOME_FLAG C1 Home address|SMTP_ADDR C241 E-Mail Address
 SMTP_SRCH C20 E-Mail Address Search Field
KNKK Customer master credit management: Control area data
 MANDT C3 Client|KUNNR C10 Customer|KKBER C4 Credit control area|KLIMK P15.2 Credit limit
 KNKLI C10 Credit account|SAUFT P15.2 Sales value|SKFOR P15.2 Total receivables
 SSOBL P15.2 Special liabilities|CTLPC C3 Risk category|CRBLB C1 Blocked|SBGRP C3 Credit rep group
 DTREV D8 Last internal review|NXTRV D8 Next review|ERDAT D8 Created on
MARA General Material Data
 MANDT C3 Client|MATNR C18 Material|ERSDA D8 Created on|MTART C4 Material type
 MBRSH C1 Industry sector|MATKL C9 Material group|MEINS C3 Base Unit of Measure
 BRGEW P13.3 Gross weight|NTGEW P13.3 Net weight|GEWEI C3 Weight unit|VOLUM P13.3 Volume
 VOLEH C3 Volume unit|SPART C2 Division|LVORM C1 Deletion flag|MSTAE C2 X-plant matl status
 MSTAV C2 X-distr.chain status|EAN11 C18 EAN/UPC|PRDHA C18 Product hierarchy
MAKT Material Descriptions
 MANDT C3 Client|MATNR C18 Material|SPRAS C1 Language|MAKTX C40 Material description
 MAKTG C40 Material description (upper case)
MVKE Sales Data for Material
 MANDT C3 Client|MATNR C18 Material|VKORG C4 Sales Organization|VTWEG C2 Distribution Channel
 LVORM C1 Deletion flag|VMSTA C2 Distr-chain status|VMSTD D8 Valid from|VRKME C3 Sales unit
 AUMNG P13.3 Minimum order qty|LFMNG P13.3 Min. delivery qty|DWERK C4 Delivering Plant
 KONDM C2 Material pricing group|KTGRM C2 Acct assignment grp|MTPOS C4 Item category group
 PRODH C18 Product hierarchy
MARM Units of Measure for Material
 MANDT C3 Client|MATNR C18 Material|MEINH C3 Alternative Unit of Measure
 UMREZ P5.0 Numerator|UMREN P5.0 Denominator|EAN11 C18 EAN/UPC|BRGEW P13.3 Gross weight
 GEWEI C3 Weight unit
T001W Plants/Branches
 MANDT C3 Client|WERKS C4 Plant|NAME1 C30 Name|BWKEY C4 Valuation area|KUNNR C10 Customer no. of plant
 LIFNR C10 Vendor number of plant|STRAS C30 Street|PSTLZ C10 Postal Code|ORT01 C25 City
 REGIO C3 Region|LAND1 C3 Country|VKORG C4 Sales org. intercompany|VTWEG C2 Distr. channel
 SPART C2 Division|SPRAS C1 Language
A004 Material (pricing condition records key)
 MANDT C3 Client|KAPPL C2 Application|KSCHL C4 Condition type|VKORG C4 Sales Organization
 VTWEG C2 Distribution Channel|MATNR C18 Material|DATBI D8 Valid To|DATAB D8 Valid From
 KNUMH C10 Condition record no.
A005 Customer/Material (pricing condition records key)
 MANDT C3 Client|KAPPL C2 Application|KSCHL C4 Condition type|VKORG C4 Sales Organization
 VTWEG C2 Distribution Channel|KUNNR C10 Customer|MATNR C18 Material|DATBI D8 Valid To
 DATAB D8 Valid From|KNUMH C10 Condition record no.
KONP Conditions (Item)
 MANDT C3 Client|KNUMH C10 Condition record no.|KOPOS N2 Sequent.no. of cond.|KAPPL C2 Application
 KSCHL C4 Condition type|STFKZ C1 Scale Type|KZBZG C1 Scale basis indicator|KONMS C3 Scale unit
 KBETR P11.2 Amount|KONWA C5 Rate unit|KPEIN P5.0 Pricing unit|KMEIN C3 Unit of measure
 KRECH C1 Calculation type|LOEVM_KO C1 Deletion indicator
KONM Conditions (1-Dimensional Quantity Scale)
 MANDT C3 Client|KNUMH C10 Condition record no.|KOPOS N2 Sequent.no. of cond.|KLFN1 N4 Current number
 KSTBM P15.3 Scale quantity|KBETR P11.2 Amount
LFA1 Vendor Master (General Section)
 MANDT C3 Client|LIFNR C10 Vendor|LAND1 C3 Country|NAME1 C35 Name|ORT01 C35 City
 PSTLZ C10 Postal Code|REGIO C3 Region|STRAS C35 Street|TELF1 C16 Telephone 1|KTOKK C4 Account group
TVZBT Customers: Terms of Payment Texts
 MANDT C3 Client|SPRAS C1 Language|ZTERM C4 Terms of payment|VTEXT C30 Description
TVSBT Shipping Conditions: Texts
 MANDT C3 Client|SPRAS C1 Language|VSBED C2 Shipping Conditions|VTEXT C20 Description
TPFKT Texts for Contact Person Functions
 MANDT C3 Client|SPRAS C1 Language|PAFKT C2 Function|VTEXT C20 Description
TSABT Texts for Contact Person Departments
 MANDT C3 Client|SPRAS C1 Language|ABTNR C4 Department|VTEXT C20 Description
TVKWZ Org. Unit: Allowed Plants per Sales Organization
 MANDT C3 Client|VKORG C4 Sales Organization|VTWEG C2 Distribution Channel|WERKS C4 Plant
TVLST Deliveries: Blocking Reasons/Criteria: Texts
 MANDT C3 Client|SPRAS C1 Language|LIFSP C2 Delivery block|VTEXT C20 Description
TVFST Billing: Blocking Reason Texts
 MANDT C3 Client|SPRAS C1 Language|FAKSP C2 Billing block|VTEXT C20 Description
VBAK Sales Document: Header Data
 MANDT C3 Client|VBELN C10 Sales Document|ERDAT D8 Created on|ERZET T6 Time|ERNAM C12 Created by
 AUDAT D8 Document Date|VBTYP C1 SD document categ.|TRVOG C1 Transaction group|AUART C4 Sales Doc. Type
 AUGRU C3 Order reason|NETWR P15.2 Net Value|WAERK C5 Document Currency|VKORG C4 Sales Organization
 VTWEG C2 Distribution Channel|SPART C2 Division|VKGRP C3 Sales group|VKBUR C4 Sales office
 VDATU D8 Requested deliv.date|VSBED C2 Shipping Conditions|BSTNK C35 Customer Reference
 BSTDK D8 Customer Reference Date|BSARK C4 PO type|KUNNR C10 Sold-to party|KKBER C4 Credit control area
 KNKLI C10 Credit account|CMGST C1 Overall credit status|GBSTK C1 Overall status
 ABSTK C1 Rejection status|LFSTK C1 Delivery status|LFGSK C1 Overall delivery status
 FKSAK C1 Billing status|LIFSK C2 Delivery block|FAKSK C2 Billing block|ZTERM C4 Terms of payment
 INCO1 C3 Incoterms|INCO2 C28 Incoterms (Part 2)
VBAP Sales Document: Item Data
 MANDT C3 Client|VBELN C10 Sales Document|POSNR N6 Item|MATNR C18 Material|MATWA C18 Material entered
 ARKTX C40 Description|PSTYV C4 Item category|ABGRU C2 Reason for rejection|KWMENG P15.3 Order Quantity
 VRKME C3 Sales unit|MEINS C3 Base Unit|UMVKZ P5.0 Numerator|UMVKN P5.0 Denominator
 NETWR P15.2 Net value|NETPR P11.2 Net price|KPEIN P5.0 Pricing unit|KMEIN C3 Condition unit
 WAERK C5 Doc. currency|WERKS C4 Plant|LGORT C4 Storage location|VSTEL C4 Shipping point
 ROUTE C6 Route|MWSBP P13.2 Tax amount|BRGEW P15.3 Gross weight|GEWEI C3 Weight unit
 ERDAT D8 Created on|ABSTA C1 Rejection status|LFSTA C1 Delivery status|LFGSA C1 Overall dlv.status
 FKSAA C1 Billing status|GBSTA C1 Overall status|KWMENG_CF P15.3 Confirmed quantity
VBEP Sales Document: Schedule Line Data
 MANDT C3 Client|VBELN C10 Sales Document|POSNR N6 Item|ETENR N4 Schedule line|ETTYP C2 Sched.line cat.
 EDATU D8 Schedule line date|WMENG P15.3 Order quantity|BMENG P15.3 Confirmed quantity
 VRKME C3 Sales unit|MBDAT D8 Mat.avail.date|WADAT D8 Goods issue date|LDDAT D8 Loading date
 TDDAT D8 Transptn plang date|LIFSP C2 Delivery block
VBPA Sales Document: Partner
 MANDT C3 Client|VBELN C10 SD document|POSNR N6 Item|PARVW C2 Partner Function|KUNNR C10 Customer
 LIFNR C10 Vendor|PERNR N8 Personnel Number|PARNR N10 Contact person|ADRNR C10 Address|LAND1 C3 Country
VBFA Sales Document Flow
 MANDT C3 Client|VBELV C10 Preceding sales doc.|POSNV N6 Preceding item|VBELN C10 Subseq. sales doc.
 POSNN N6 Subsequent item|VBTYP_N C1 Subseq.doc.categ.|RFMNG P15.3 Referenced quantity
 MEINS C3 Base Unit|RFWRT P15.2 Reference value|WAERS C5 Currency|VBTYP_V C1 Prec.doc.categ.
 ERDAT D8 Created on|ERZET T6 Time
LIKP SD Document: Delivery Header Data
 MANDT C3 Client|VBELN C10 Delivery|ERDAT D8 Created on|ERZET T6 Time|VSTEL C4 Shipping point
 VKORG C4 Sales Organization|LFART C4 Delivery Type|WADAT D8 Planned GI date|LDDAT D8 Loading date
 KODAT D8 Picking date|LFDAT D8 Delivery date|KUNNR C10 Ship-to party|KUNAG C10 Sold-to party
 BOLNR C35 Bill of lading|TRAID C20 Means of Trans. ID|TRATY C4 Means-of-Transport Type
 LIFEX C35 External Delivery ID|WADAT_IST D8 Act. goods mvmnt date|WBSTK C1 Total gds mvt stat.
 ROUTE C6 Route|VSBED C2 Shipping Conditions|BTGEW P15.3 Total Weight|GEWEI C3 Weight unit
 ANZPK N5 No. of packages|LIFSK C2 Delivery block|GBSTK C1 Overall status
LIPS SD document: Delivery: Item data
 MANDT C3 Client|VBELN C10 Delivery|POSNR N6 Item|MATNR C18 Material|ARKTX C40 Description
 LFIMG P13.3 Delivery quantity|VRKME C3 Sales unit|MEINS C3 Base Unit|WERKS C4 Plant
 LGORT C4 Storage location|VGBEL C10 Reference document|VGPOS N6 Reference item|CHARG C10 Batch
 BRGEW P15.3 Gross weight|GEWEI C3 Weight unit
VBRK Billing Document: Header Data
 MANDT C3 Client|VBELN C10 Billing Document|FKART C4 Billing Type|FKTYP C1 Billing category
 VBTYP C1 SD document categ.|WAERK C5 Document Currency|VKORG C4 Sales Organization
 VTWEG C2 Distribution Channel|SPART C2 Division|FKDAT D8 Billing date|KUNRG C10 Payer
 KUNAG C10 Sold-to party|NETWR P15.2 Net value|MWSBK P13.2 Tax amount|ZTERM C4 Terms of payment
 FKSTO C1 Cancelled|RFBSK C1 Posting status|BUKRS C4 Company code|LAND1 C3 Tax country
 XBLNR C16 Reference|BELNR C10 Accounting document|GJAHR N4 Fiscal year|ERDAT D8 Created on
 ERZET T6 Time|ERNAM C12 Created by
VBRP Billing Document: Item Data
 MANDT C3 Client|VBELN C10 Billing Document|POSNR N6 Item|FKIMG P13.3 Billed quantity
 VRKME C3 Sales unit|MEINS C3 Base Unit|NETWR P15.2 Net value|MWSBP P13.2 Tax amount
 MATNR C18 Material|ARKTX C40 Description|AUBEL C10 Sales document|AUPOS N6 Sales document item
 VGBEL C10 Reference document|VGPOS N6 Reference item|WERKS C4 Plant
BSID Accounting: Secondary Index for Customers
 MANDT C3 Client|BUKRS C4 Company Code|KUNNR C10 Customer|GJAHR N4 Fiscal year|BELNR C10 Document
 BUZEI N3 Line item|BUDAT D8 Posting date|BLDAT D8 Document date|WAERS C5 Currency
 XBLNR C16 Reference|BLART C2 Document type|SHKZG C1 Debit/credit|DMBTR P13.2 Amount in LC
 WRBTR P13.2 Amount|ZFBDT D8 Baseline date|ZTERM C4 Terms of payment|ZBD1T P3.0 Days 1
 ZBD2T P3.0 Days 2|ZBD3T P3.0 Net days|ZBD1P P5.3 Cash discount %|SGTXT C50 Text
 VBELN C10 Billing document|MANST N1 Dunning level|MADAT D8 Last dunned
"""

_TYPE_OF = {"C": "C", "N": "N", "D": "D", "T": "T", "P": "P", "I": "I"}


class Field:
    __slots__ = ("name", "type", "length", "decimals", "text", "out_length")

    def __init__(self, name: str, spec: str, text: str):
        self.name = name
        self.type = spec[0]
        size = spec[1:]
        if "." in size:
            length, dec = size.split(".")
            self.length, self.decimals = int(length), int(dec)
        else:
            self.length, self.decimals = int(size), 0
        self.text = text
        # width in RFC_READ_TABLE's work area: packed numbers as text with sign and point
        if self.type == "P":
            self.out_length = self.length + 1 + (1 if self.decimals else 0)
        else:
            self.out_length = self.length

    def initial(self):
        if self.type == "P":
            return Decimal(0)
        if self.type == "N":
            return "0" * self.length
        if self.type == "T":
            return "000000"
        if self.type == "I":
            return 0
        return ""

    def text_of(self, value) -> str:
        """The value as RFC_READ_TABLE writes it into the work area (internal format)."""
        if self.type == "P":
            if not value:
                s = format(Decimal(0), f".{self.decimals}f")
            else:
                s = format(abs(value), f".{self.decimals}f") + ("-" if value < 0 else "")
            return s.rjust(self.out_length)
        if self.type == "I":
            return str(value).rjust(self.out_length)
        s = value if value else ""
        return s.ljust(self.out_length)


class Table:
    __slots__ = ("name", "text", "fields", "pos", "rows", "_indexes", "_defaults", "_makers")

    def __init__(self, name: str, text: str, fields: list[Field]):
        self.name = name
        self.text = text
        self.fields = fields
        self.pos = {f.name: i for i, f in enumerate(fields)}
        self.rows: list[tuple] = []
        self._indexes: dict[str, dict] = {}
        self._defaults = [f.initial() for f in fields]
        self._makers: dict[tuple, object] = {}

    def maker(self, *names: str):
        """A fast row builder taking positional values for ``names`` (others initial)."""
        args = {self.pos[n]: f"a{i}" for i, n in enumerate(names)}
        consts = {"_d": _SHARED_NUMBERS.setdefault, "_t": _SHARED_TEXTS.setdefault}
        parts = []
        for p, default in enumerate(self._defaults):
            if p in args and self.fields[p].name in SHARED_NUMBER_FIELDS:
                parts.append(f"_d({args[p]}, {args[p]})")
            elif p in args and self.fields[p].name in SHARED_TEXT_FIELDS:
                parts.append(f"_t({args[p]}, {args[p]})")
            elif p in args:
                parts.append(args[p])
            else:
                consts[f"d{p}"] = default
                parts.append(f"d{p}")
        src = f"lambda {', '.join(args[self.pos[n]] for n in names)}: ({', '.join(parts)},)"
        return eval(src, consts)  # noqa: S307 - generated from our own field names only

    def row(self, **values) -> tuple:
        key = tuple(values)
        make = self._makers.get(key)
        if make is None:
            make = self._makers[key] = self.maker(*key)
        return make(*values.values())

    def sort_by_key(self) -> None:
        """Order rows like the primary key (key fields lead each definition); drop indexes."""
        self.rows.sort()
        self._indexes.clear()

    def append(self, row: tuple) -> None:
        self.rows.append(row)
        for fname, index in self._indexes.items():
            _add(index, row[self.pos[fname]], row)

    def index(self, field: str) -> dict:
        """value -> the row (a tuple) when unique, else a list of rows (saves memory)."""
        ix = self._indexes.get(field)
        if ix is None:
            ix = {}
            p = self.pos[field]
            for r in self.rows:
                _add(ix, r[p], r)
            self._indexes[field] = ix
        return ix

    def lookup(self, field: str, value) -> list[tuple]:
        hit = self.index(field).get(value)
        if hit is None:
            return []
        return [hit] if isinstance(hit, tuple) else hit

    def first(self, field: str, value) -> tuple | None:
        hit = self.index(field).get(value)
        if hit is None or isinstance(hit, tuple):
            return hit
        return hit[0]

    def get(self, row: tuple, field: str):
        return row[self.pos[field]]

    def as_dict(self, row: tuple) -> dict:
        return {f.name: v for f, v in zip(self.fields, row)}


#: Packed fields whose values repeat a lot (quantities, factors): rows share one Decimal object
#: per value instead of 104 bytes each.
SHARED_NUMBER_FIELDS = frozenset({
    "KWMENG", "KWMENG_CF", "UMVKZ", "UMVKN", "KPEIN", "WMENG", "BMENG", "LFIMG", "FKIMG",
    "RFMNG", "UMREZ", "UMREN", "KSTBM", "ZBD1T", "ZBD2T", "ZBD3T", "ZBD1P", "AUMNG", "LFMNG",
    "SSOBL", "KLIMK", "BRGEW", "NTGEW", "KBETR", "BTGEW", "NETPR"})
_SHARED_NUMBERS: dict = {}

#: Text fields with few distinct values that the generators write as new strings each time
#: (item and schedule line numbers, scale lines, years, codes): rows share one str per value
#: (the sandbox's peak 78.3 -> 73.9 MiB, bench/sandbox_bench.py).
SHARED_TEXT_FIELDS = frozenset({
    "POSNR", "POSNN", "POSNV", "ETENR", "KLFN1", "KOPOS", "PARZA", "GJAHR", "BUZEI", "BZIRK",
    "VKGRP", "VKBUR", "MATKL", "SORTL", "PRODH", "KDGRP", "ERNAM", "UEPOS"})
_SHARED_TEXTS: dict = {}


def _add(index: dict, value, row: tuple) -> None:
    hit = index.get(value)
    if hit is None:
        index[value] = row
    elif isinstance(hit, tuple):
        index[value] = [hit, row]
    else:
        hit.append(row)


def _parse() -> dict[str, tuple[str, list[Field]]]:
    defs: dict[str, tuple[str, list[Field]]] = {}
    current = None
    for line in _DEFS.strip("\n").splitlines():
        if not line.startswith(" "):
            name, text = line.split(" ", 1)
            current = (text, [])
            defs[name] = current
            continue
        for chunk in line.strip().split("|"):
            fname, spec, text = chunk.split(" ", 2)
            current[1].append(Field(fname, spec, text))
    return defs


TABLE_DEFS = _parse()

#: which group of generated data fills each table (see company.py and history.py)
TABLE_GROUP = {
    **dict.fromkeys(("KNA1", "KNB1", "KNVV", "KNVP", "KNVK", "ADR2", "ADR6"), "customers"),
    **dict.fromkeys(("MARA", "MAKT", "MVKE", "MARM"), "materials"),
    **dict.fromkeys(("A004", "A005", "KONP", "KONM"), "pricing"),
    **dict.fromkeys(("T001W", "TVZBT", "TVSBT", "TPFKT", "TSABT", "TVKWZ", "LFA1", "TVLST", "TVFST"),
                     "config"),
    **dict.fromkeys(("VBAK", "VBAP", "VBEP", "VBPA", "VBFA", "LIKP", "LIPS", "VBRK", "VBRP",
                     "BSID"), "history"),
    "KNKK": "credit",
}


#: The sandbox holds a subset of each table's fields; these real tables are wider than 512
#: characters, so RFC_READ_TABLE without a field list fails on them with DATA_BUFFER_EXCEEDED.
WIDER_THAN_512 = frozenset({"KNA1", "KNB1", "KNVV", "KNVK", "MARA", "MVKE", "LFA1", "VBAK",
                            "VBAP", "VBEP", "LIKP", "LIPS", "VBRK", "VBRP", "BSID", "KONP",
                            "T001W", "KNKK"})


def new_table(name: str) -> Table:
    text, fields = TABLE_DEFS[name]
    return Table(name, text, fields)
