"""What ordertui uses of an SAP system, in one place: function modules and table fields.

``FUNCTIONS``: every function module the adapter calls, with the parameters it passes or reads
and, for structures and tables, the fields it fills or looks at. The types and lengths ordertui
expects of them are those of the interface catalogue (``ordertui/sap/interfaces.json``).

``TABLES``: every table read through RFC_READ_TABLE (or searched by field name, as
BAPI_CUSTOMER_FIND searches KNA1-MCOD1), with each field read, filtered on or searched and the
DDIC type and length ordertui assumes for it. ``opensql.read_table`` refuses a field that is
not listed here, so this list cannot fall behind the adapter; ``tests/sap/test_usage.py``
records a gateway session over the sandbox and checks that everything it used is listed, and
docs/sap-calls.md shows the same table list.

``ordertui profile test NAME --deep`` (``ordertui.sap.probe``) holds both against a real system.

Field notation in ``FUNCTIONS``: ``"A|B"`` means ordertui reads whichever of A and B the system
has (field names that differ between releases, see ``assumptions``); a trailing ``"?"`` means
ordertui reads the field when it is there and manages without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: Function modules that change data (the create LUW). A read-only profile never calls them,
#: and none of them is ever sent twice by the adapter (``READ_FUNCTIONS``).
WRITE_FUNCTIONS = frozenset({"BAPI_SALESORDER_CREATEFROMDAT2", "BAPI_TRANSACTION_COMMIT", "BAPI_TRANSACTION_ROLLBACK"})
#: Function modules that only read (a simulate prices and checks, and saves nothing): the ONE list
#: of calls ``Transport.call`` may send again, once, on a fresh connection when the connection
#: dropped under the first try. A module on neither list is never retried;
#: ``tests/sap/test_read_retry.py`` keeps every module of ``FUNCTIONS`` on exactly one of them.
READ_FUNCTIONS = frozenset(
    {
        "RFC_PING", "RFC_SYSTEM_INFO", "BAPI_USER_GET_DETAIL", "RFC_READ_TABLE",
        "BAPI_CUSTOMER_FIND", "BAPI_CUSTOMER_GETDETAIL2", "BAPI_CUSTOMER_GETSALESAREAS",
        "BAPI_CREDIT_ACCOUNT_GET_STATUS", "BAPI_MATERIAL_GETLIST", "BAPI_MATERIAL_GET_DETAIL",
        "BAPI_MATERIAL_AVAILABILITY", "BAPI_SALESORDER_SIMULATE", "BAPI_SALESORDER_GETLIST",
        "BAPISDORDER_GETDETAILEDLIST", "BAPI_DELIVERY_GETLIST", "BAPI_AR_ACC_GETOPENITEMS",
    }
)

#: How ``ordertui.sap.rfc.messages`` reads any RETURN shape (BAPIRETURN has CODE, the others ID
#: and NUMBER).
RETURN = ("TYPE", "MESSAGE", "ID|CODE", "NUMBER|CODE")
#: BAPIRET2 rows whose ROW points at an item of the request.
RETURN_ROWS = (*RETURN, "ROW", "PARAMETER?", "FIELD?")
#: A SELECT-OPTIONS row: SIGN, OPTION and the LOW/HIGH fields named.
RANGE = ("SIGN", "OPTION")

_SCHEDULE_OUT = ("ITM_NUMBER", "SCHED_LINE", "REQ_DATE", "REQ_QTY", "CONFIR_QTY", "GI_DATE", "SALES_UNIT")

FUNCTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "RFC_PING": {},
    "RFC_SYSTEM_INFO": {"RFCSI_EXPORT": ("RFCSYSID", "RFCSAPRL", "RFCHOST")},
    "BAPI_USER_GET_DETAIL": {
        "USERNAME": (),
        "ADDRESS": ("FULLNAME", "FIRSTNAME", "LASTNAME"),
        "DEFAULTS": ("LANGU", "DATFM"),
        "PARAMETER": ("PARID", "PARVA"),
        "RETURN": RETURN,
    },
    "RFC_READ_TABLE": {
        "QUERY_TABLE": (),
        "DELIMITER": (),
        "NO_DATA": (),
        "ROWCOUNT": (),
        "OPTIONS": ("TEXT",),
        "FIELDS": ("FIELDNAME", "OFFSET", "LENGTH", "TYPE"),
        "DATA": ("WA",),
    },
    "BAPI_CUSTOMER_FIND": {
        "MAX_CNT": (),
        "PL_HOLD": (),
        "SELOPT_TAB": ("TABNAME", "FIELDNAME", "FIELDVALUE"),
        "RESULT_TAB": ("CUSTOMER",),
        "RETURN": RETURN,
    },
    "BAPI_CUSTOMER_GETDETAIL2": {
        "CUSTOMERNO": (),
        "CUSTOMERADDRESS": ("NAME", "STREET", "POSTL_COD1", "CITY", "COUNTRY", "TELEPHONE1"),
        "RETURN": RETURN,
    },
    "BAPI_CUSTOMER_GETSALESAREAS": {
        "CUSTOMERNO": (),
        "SALESAREAS": ("SALESORG", "DISTRCHANN", "DIVISION"),
        "RETURN": RETURN,
    },
    "BAPI_CREDIT_ACCOUNT_GET_STATUS": {
        "CREDITCONTROLAREA": (),
        "CUSTOMER": (),
        # field names of BAPI1010_1 are not confirmed: ordertui takes whichever exists
        "CREDIT_ACCOUNT_DETAIL": (
            "CRED_LIMIT|CREDIT_LIMIT", "CRED_EXPOSURE|SUM_OPNT|CREDIT_EXPOSURE|EXPOSURE", "CURRENCY|CURR|CRED_CURR",
            "CRED_BLOCK|BLOCKED|CRBLB", "RISK_CATEG|CTLPC",
            # the parts of the exposure, added when the row has no total (assumptions.CREDIT_EXPOSURE_PARTS)
            "RCVBL_VALS?", "ORDER_VALS?", "CRED_LIAB?",
        ),
        "CREDIT_ACCOUNT_OPEN_ITEMS": ("OPEN_ITEMS", "NET_ARRERS", "CURRENCY"),
        "RETURN": RETURN,
    },
    "BAPI_MATERIAL_GETLIST": {
        "MAXROWS": (),
        "MATNRSELECTION": (*RANGE, "MATNR_LOW", "MATNR_HIGH"),
        "MATERIALSHORTDESCSEL": (*RANGE, "DESCR_LOW", "DESCR_HIGH"),
        "SALESORGANISATIONSELECTION": (*RANGE, "SALESORG_LOW", "SALESORG_HIGH"),
        "MATNRLIST": ("MATERIAL", "MATL_DESC"),
        "RETURN": RETURN,
    },
    "BAPI_MATERIAL_GET_DETAIL": {
        "MATERIAL": (),
        "MATERIAL_GENERAL_DATA": (
            "MATL_DESC", "BASE_UOM", "MATL_TYPE", "MATL_GROUP", "DIVISION", "GROSS_WT?", "NET_WEIGHT?", "UNIT_OF_WT?",
        ),
        "RETURN": RETURN,
    },
    "BAPI_MATERIAL_AVAILABILITY": {
        "PLANT": (),
        "MATERIAL": (),
        "UNIT": (),
        "CHECK_RULE": (),
        "WMDVSX": ("REQ_DATE", "REQ_QTY"),
        "WMDVEX": ("COM_DATE", "COM_QTY"),
        "AV_QTY_PLT": (),
        "ENDLEADTME": (),
        "RETURN": RETURN,
    },
    "BAPI_SALESORDER_SIMULATE": {
        "ORDER_HEADER_IN": (
            "DOC_TYPE", "SALES_ORG", "DISTR_CHAN", "DIVISION", "REQ_DATE_H", "PURCH_NO_C", "PURCH_DATE", "SHIP_COND",
        ),
        "ORDER_ITEMS_IN": ("ITM_NUMBER", "MATERIAL", "PLANT", "SALES_UNIT", "REQ_QTY", "REQ_DATE"),
        "ORDER_PARTNERS": ("PARTN_ROLE", "PARTN_NUMB"),
        "ORDER_SCHEDULE_IN": ("ITM_NUMBER", "SCHED_LINE", "REQ_DATE", "REQ_QTY"),
        "ORDER_ITEMS_OUT": (
            "ITM_NUMBER", "MATERIAL", "SHORT_TEXT", "PLANT", "NET_VALUE1", "NET_VALUE", "TX_DOC_CUR", "CURRENCY",
            "REQ_QTY", "TARGET_QTY", "SALES_UNIT", "REASON_REJ",
        ),
        "ORDER_SCHEDULE_EX": _SCHEDULE_OUT,
        "ORDER_CONDITION_EX": (
            "ITM_NUMBER", "COND_ST_NO", "COND_COUNT", "COND_TYPE", "COND_VALUE", "CURRENCY", "COND_UNIT",
            "COND_P_UNT", "CONDVALUE", "STAT_CON", "CONDISACTI", "CALCTYPCON?", "CURRENCY_2?",
        ),
        "ORDER_INCOMPLETE": ("FIELD_NAME", "FIELD_TEXT"),
        "BILLING_PARTY": (
            "PAYER", "CRED_ACCNT", "C_CTR_AREA", "CURRENCY", "CRED_LIMIT", "RCVBL_VALS", "ORDER_VALS", "CRED_LIAB",
        ),
        "SOLD_TO_PARTY": ("CURRENCY",),
        "MESSAGETABLE": RETURN_ROWS,
        "RETURN": RETURN,
    },
    "BAPI_SALESORDER_CREATEFROMDAT2": {
        "ORDER_HEADER_IN": (
            "DOC_TYPE", "SALES_ORG", "DISTR_CHAN", "DIVISION", "REQ_DATE_H", "PURCH_NO_C", "PURCH_DATE", "SHIP_COND",
        ),
        "ORDER_ITEMS_IN": ("ITM_NUMBER", "MATERIAL", "PLANT", "SALES_UNIT", "TARGET_QTY", "TARGET_QU"),
        "ORDER_PARTNERS": ("PARTN_ROLE", "PARTN_NUMB"),
        "ORDER_SCHEDULES_IN": ("ITM_NUMBER", "SCHED_LINE", "REQ_DATE", "REQ_QTY"),
        "TESTRUN": (),
        "SALESDOCUMENT": (),
        "RETURN": RETURN_ROWS,
    },
    "BAPI_TRANSACTION_COMMIT": {"WAIT": (), "RETURN": RETURN},
    "BAPI_TRANSACTION_ROLLBACK": {"RETURN": RETURN},
    "BAPI_SALESORDER_GETLIST": {
        "CUSTOMER_NUMBER": (),
        "SALES_ORGANIZATION": (),
        "PURCHASE_ORDER_NUMBER": (),
        "DOCUMENT_DATE": (),
        "DOCUMENT_DATE_TO": (),
        "MATERIAL": (),
        "SALES_ORDERS": (
            "SD_DOC", "DOC_TYPE", "DOC_DATE", "PURCH_NO", "PURCH_NO_C", "CREATION_DATE?", "SOLD_TO?", "NET_VAL_HD?",
            "NET_VALUE?", "CURRENCY?", "DOC_STATUS?",
        ),
        "RETURN": RETURN,
    },
    "BAPISDORDER_GETDETAILEDLIST": {
        "I_BAPI_VIEW": ("HEADER", "ITEM", "SDSCHEDULE", "PARTNER", "ADDRESS", "STATUS_H", "STATUS_I", "FLOW"),
        "SALES_DOCUMENTS": ("VBELN",),
        "ORDER_HEADERS_OUT": (
            "DOC_NUMBER", "DOC_TYPE", "REC_DATE", "DOC_DATE", "SOLD_TO", "PURCH_NO", "SALES_ORG", "DISTR_CHAN",
            "DIVISION", "REQ_DATE_H", "NET_VAL_HD", "CURRENCY", "DLV_BLOCK", "BILL_BLOCK", "PURCH_DATE",
        ),
        "ORDER_ITEMS_OUT": (
            "ITM_NUMBER", "MATERIAL", "SHORT_TEXT", "REQ_QTY", "TARGET_QTY", "CUM_CF_QTY", "SALES_UNIT", "NET_VALUE",
            "NET_PRICE", "CURRENCY", "PLANT", "REA_FOR_RE",
        ),
        "ORDER_SCHEDULES_OUT": _SCHEDULE_OUT,
        "ORDER_PARTNERS_OUT": ("PARTN_ROLE", "ITM_NUMBER", "CUSTOMER", "ADDRESS"),
        "ORDER_ADDRESS_OUT": (
            "ADDRESS", "NAME", "NAME_2", "STREET", "POSTL_CODE", "CITY", "REGION", "COUNTRY", "TELEPHONE",
        ),
        "ORDER_STATUSHEADERS_OUT": ("SD_DOC", "TOTSTATCCH", "OVERALLREJ", "BILLSTATUS", "DLV_STAT_H", "PRC_STAT_H"),
        "ORDER_STATUSITEMS_OUT": ("ITM_NUMBER", "DLV_STAT_I", "BILLSTATIT", "REJSTATIT"),
        "ORDER_FLOWS_OUT": ("PRECSDDOC", "PREDITDOC", "SUBSSDDOC", "SUBSITDOC", "DOCCATEGOR", "REF_QTY", "CREAT_DATE"),
    },
    "BAPI_DELIVERY_GETLIST": {
        "IS_DLV_DATA_CONTROL": ("BYPASSING_BUFFER", "HEAD_STATUS", "HEAD_PARTNER", "ITEM", "DOC_FLOW"),
        "IT_VBELN": (*RANGE, "DELIV_NUMB_LOW", "DELIV_NUMB_HIGH"),
        "ET_DELIVERY_HEADER": ("VBELN", "ERDAT", "VSTEL", "WADAT", "LFDAT", "KUNNR?", "KUNAG?", "WADAT_IST?"),
        "ET_DELIVERY_ITEM": ("VBELN", "POSNR", "MATNR", "ARKTX", "LFIMG", "VRKME|MEINS", "VGBEL", "VGPOS"),
        "ET_DELIVERY_PARTNER": (
            "PARVW|PARTN_ROLE", "LIFNR|PARTNER_NO|PARTN_NUMB|PARTNER|KUNNR", "VBELN|DELIV_NUMB",
        ),
        "ET_DOCUMENT_FLOW": ("VBELV", "POSNV", "VBELN", "POSNN", "VBTYP_N", "RFMNG?", "ERDAT?"),
        "RETURN": RETURN,
    },
    "BAPI_AR_ACC_GETOPENITEMS": {
        "COMPANYCODE": (),
        "CUSTOMER": (),
        "KEYDATE": (),
        "LINEITEMS": (
            "DOC_NO", "FISC_YEAR", "ITEM_NUM", "DOC_TYPE", "REF_DOC_NO", "ALLOC_NMBR", "PSTNG_DATE", "DOC_DATE",
            "BLINE_DATE", "NETTERMS", "AMT_DOCCUR", "DB_CR_IND", "CURRENCY", "ITEM_TEXT", "DUNN_LEVEL",
        ),
        "RETURN": RETURN,
    },
}


@dataclass(frozen=True)
class DdicField:
    """A table field as ordertui assumes it: ABAP internal type (C N D T P I) and DDIC length.

    For packed numbers (P) the length is the number of digits and ``decimals`` the places after
    the point; RFC_READ_TABLE writes them as text of ``digits + 1 (+1 with decimals)`` characters.
    """

    name: str
    type: str
    length: int
    decimals: int = 0

    @property
    def read_width(self) -> int:
        """Characters the field takes in an RFC_READ_TABLE row (assumptions.py: [U] for P)."""
        if self.type == "P":
            return self.length + 1 + (1 if self.decimals else 0)
        return self.length


def _fields(spec: str) -> dict[str, DdicField]:
    out = {}
    for item in spec.split():
        name, _, kind = item.partition(":")
        size = kind[1:]
        length, _, decimals = size.partition(".")
        out[name] = DdicField(name, kind[0], int(length), int(decimals or 0))
    return out


#: Table -> field -> what ordertui assumes (real DDIC names; types and lengths as in ECC 6.0 /
#: S/4HANA with 18-character material numbers).
TABLES: dict[str, dict[str, DdicField]] = {
    name: _fields(spec)
    for name, spec in {
        "KNA1": "KUNNR:C10 LAND1:C3 NAME1:C35 NAME2:C35 ORT01:C35 PSTLZ:C10 REGIO:C3 STRAS:C35 TELF1:C16 "
                "TELFX:C31 ADRNR:C10 MCOD1:C25 MCOD3:C25 AUFSD:C2 SPERR:C1 LOEVM:C1 SPRAS:C1 KTOKD:C4",
        "KNVV": "KUNNR:C10 VKORG:C4 VTWEG:C2 SPART:C2 AUFSD:C2 LIFSD:C2 FAKSD:C2 ZTERM:C4 INCO1:C3 INCO2:C28 "
                "VSBED:C2 WAERS:C5 VWERK:C4 LOEVM:C1",
        "KNVP": "KUNNR:C10 VKORG:C4 VTWEG:C2 SPART:C2 PARVW:C2 PARZA:N3 KUNN2:C10 LIFNR:C10 PARNR:N10 DEFPA:C1",
        "KNVK": "PARNR:N10 KUNNR:C10 NAMEV:C35 NAME1:C35 ABTNR:C4 PAFKT:C2 TELF1:C16 PRSNR:C10",
        "ADR2": "ADDRNUMBER:C10 PERSNUMBER:C10 FLGDEFAULT:C1 TEL_NUMBER:C30 TEL_EXTENS:C10 TELNR_LONG:C30",
        "ADR6": "ADDRNUMBER:C10 PERSNUMBER:C10 FLGDEFAULT:C1 SMTP_ADDR:C241",
        "MVKE": "MATNR:C18 VKORG:C4 VTWEG:C2 LVORM:C1 VMSTA:C2 VMSTD:D8 VRKME:C3 AUMNG:P13.3 DWERK:C4",
        "MARM": "MATNR:C18 MEINH:C3 UMREZ:P5 UMREN:P5 BRGEW:P13.3 GEWEI:C3",
        "A004": "KAPPL:C2 KSCHL:C4 VKORG:C4 VTWEG:C2 MATNR:C18 DATBI:D8 DATAB:D8 KNUMH:C10",
        "KONP": "KNUMH:C10 KOPOS:N2 KBETR:P11.2 KONWA:C5 KPEIN:P5 KMEIN:C3",
        "KONM": "KNUMH:C10 KOPOS:N2 KLFN1:N4 KSTBM:P15.3 KBETR:P11.2",
        "TVKWZ": "VKORG:C4 VTWEG:C2 WERKS:C4",
        "T001W": "WERKS:C4 NAME1:C30 ORT01:C25",
        "LIKP": "VBELN:C10 ERDAT:D8 VSTEL:C4 WADAT:D8 LFDAT:D8 KUNNR:C10 KUNAG:C10 BOLNR:C35 TRAID:C20 TRATY:C4 "
                "WADAT_IST:D8 BTGEW:P15.3 GEWEI:C3",
        "VBAK": "VBELN:C10 ERDAT:D8 AUDAT:D8 VBTYP:C1 AUART:C4 NETWR:P15.2 WAERK:C5 VKORG:C4 KUNNR:C10 BSTNK:C35 "
                "GBSTK:C1 ABSTK:C1 LFGSK:C1 FKSAK:C1 CMGST:C1 LIFSK:C2",
        "LFA1": "LIFNR:C10 NAME1:C35",
        "VBRK": "VBELN:C10 FKART:C4 VBTYP:C1 WAERK:C5 VKORG:C4 VTWEG:C2 SPART:C2 FKDAT:D8 KUNRG:C10 KUNAG:C10 "
                "NETWR:P15.2 MWSBK:P13.2 ZTERM:C4 FKSTO:C1 RFBSK:C1 BUKRS:C4 ERDAT:D8",
        "VBRP": "VBELN:C10 POSNR:N6 FKIMG:P13.3 VRKME:C3 NETWR:P15.2 MWSBP:P13.2 MATNR:C18 ARKTX:C40 AUBEL:C10 "
                "AUPOS:N6 VGBEL:C10 VGPOS:N6",
        "TVZBT": "SPRAS:C1 ZTERM:C4 VTEXT:C30",
        "TVSBT": "SPRAS:C1 VSBED:C2 VTEXT:C20",
        "TPFKT": "SPRAS:C1 PAFKT:C2 VTEXT:C20",
        "TSABT": "SPRAS:C1 ABTNR:C4 VTEXT:C20",
        "TVLST": "SPRAS:C1 LIFSP:C2 VTEXT:C20",
        "TVFST": "SPRAS:C1 FAKSP:C2 VTEXT:C20",
    }.items()
}


class UndeclaredRead(ValueError):
    """The adapter reads a table field that ``TABLES`` does not list (a bug in ordertui)."""


def check_read(table: str, fields: Sequence[str]) -> None:
    """Raise ``UndeclaredRead`` unless every field of ``table`` is listed in ``TABLES``."""
    known = TABLES.get(table)
    missing = [f for f in fields if known is None or f not in known]
    if missing:
        raise UndeclaredRead(
            f"RFC_READ_TABLE {table}: {', '.join(missing)} not listed in ordertui/sap/rfc/usage.py TABLES "
            "(what 'ordertui profile test --deep' checks and docs/sap-setup.md asks authorizations for); add it there"
        )


def alternatives(spec: str) -> tuple[tuple[str, ...], bool]:
    """``"A|B?"`` -> (("A", "B"), optional)."""
    optional = spec.endswith("?")
    return tuple(spec.rstrip("?").split("|")), optional
