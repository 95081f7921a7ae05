"""Every SAP fact ordertui relies on that the reference marks unconfirmed ([U]), in one place.

Both the RFC adapter and the sandbox read these names, so correcting one after a look at a
real system (``conn.get_function_description(NAME)``) fixes both. Each entry says where the
reference discusses it (shared/sap-rfc-reference.md section).
"""

from __future__ import annotations

# §1.5 / §2.7 — partner functions: internal (RFC) code -> English display code.
# AP (Ansprechpartner, contact person; KNVP-PARNR -> KNVK) shows as CP: not in the reference [U].
PARTNER_ROLE_EXTERNAL = {"AG": "SP", "WE": "SH", "RE": "BP", "RG": "PY", "AP": "CP"}  # SH/BP/PY are [U]
PARTNER_ROLE_INTERNAL = {v: k for k, v in PARTNER_ROLE_EXTERNAL.items()}

# §1.5 — order types: internal (RFC) -> English display.
ORDER_TYPE_EXTERNAL = {"TA": "OR"}
ORDER_TYPE_INTERNAL = {v: k for k, v in ORDER_TYPE_EXTERNAL.items()}

# ----------------------------------------------------------------------------------------------
# Added by the RFC adapter (ordertui/sap/rfc/). Append only; the sandbox reads these too.

# §1.5 CUNIT — internal unit of measure -> English display code (the CUNIT output conversion).
# Only the units whose English display differs matter; anything else is shown as stored. [U]
UNIT_EXTERNAL = {"ST": "PC", "KAR": "CAR", "PAK": "PAC", "TAG": "DAY", "STD": "HR", "MIN": "MIN"}
UNIT_INTERNAL = {v: k for k, v in UNIT_EXTERNAL.items()}

# Decimal places per currency (TCURX); 2 for every currency not listed.
CURRENCY_DECIMALS = {"JPY": 0, "KRW": 0, "HUF": 0, "KWD": 3, "BHD": 3}

# Sales organization -> country: default region for phone numbers typed without "+".
SALES_ORG_COUNTRY = {"1000": "US", "2000": "DE"}
DEFAULT_PHONE_REGION = "US"

# Sales organization -> credit control area (T001/TVKO-KKBER customizing). [U]
CREDIT_CONTROL_AREA = {"1000": "1000", "2000": "2000"}
# Sales organization -> company code (TVKO-BUKRS customizing). [U]
COMPANY_CODE = {"1000": "1000", "2000": "2000"}
DEFAULT_COMPANY_CODE = "1000"

# §8.4 — BAPI1010_1 (CREDIT_ACCOUNT_DETAIL) amount field names are [U]. The adapter takes the
# first name of each list that a row carries.
CREDIT_DETAIL_FIELDS = {
    "limit": ("CRED_LIMIT", "CREDIT_LIMIT"),
    "exposure": ("CRED_EXPOSURE", "SUM_OPNT", "CREDIT_EXPOSURE", "EXPOSURE"),
    "currency": ("CURRENCY", "CURR", "CRED_CURR"),
    "blocked": ("CRED_BLOCK", "BLOCKED", "CRBLB"),
    "risk_category": ("RISK_CATEG", "CTLPC"),
}

# §5 / §11 — credit check messages of the simulate and create calls: class V1, numbers 150-156
# (static limit, dynamic limit, blocked customer, max document value). Any of them = credit block.
CREDIT_MESSAGE_CLASS = "V1"
CREDIT_MESSAGE_NUMBERS = frozenset(str(n) for n in range(150, 157))

# §1.2 / §5 — implied decimals of the NUMC quantity/value fields of BAPIITEMIN / BAPIITEMEX.
ITEMIN_QTY_DECIMALS = 3  # REQ_QTY / TARGET_QTY: '0000000009001' = 9.001
ITEMEX_VALUE_DECIMALS = 2  # NET_VALUE / SUBTOTAL_x legacy NUMC: '00000901' = 9.01 [U]

# Pricing condition types -> names shown to users.
CONDITION_NAMES = {
    "PR00": "List price",
    "PR01": "Customer price",
    "ZPR1": "Customer price",
    "K004": "Material discount",
    "K005": "Customer/material discount",
    "K007": "Customer discount",
    "RA00": "Discount %",
    "RB00": "Discount",
    "KF00": "Freight",
    "HB00": "Header surcharge",
    "SKTO": "Cash discount",
    "VPRS": "Cost",
    "MWST": "Tax",
    "UTXJ": "Tax",
}
TAX_CONDITIONS = frozenset({"MWST", "UTXJ", "JR1", "JR2", "JR3", "JR4"})

# §7.2 BAPISDHDST / BAPISDITST status values (VBUK/VBUP): ' ' not relevant, A, B, C. [U]
DELIVERY_STATUS_TEXT = {"": "", "A": "Not delivered", "B": "Partly delivered", "C": "Delivered"}
BILLING_STATUS_TEXT = {"": "", "A": "Not billed", "B": "Partly billed", "C": "Billed"}
PROCESSING_STATUS_TEXT = {"": "", "A": "Open", "B": "In process", "C": "Completed"}
CREDIT_STATUS_TEXT = {
    "": "Not checked",
    "A": "Credit OK",
    "B": "Credit blocked",
    "C": "Credit released",
    "D": "Credit released",
}
REJECTION_STATUS_TEXT = {"": "", "A": "", "B": "Partly rejected", "C": "Rejected"}

# §8.3 — open-item due date = BLINE_DATE + NETTERMS days. [U]
DUE_DATE_FROM_BASELINE_PLUS_NETTERMS = True
# §8.3 — DB_CR_IND 'H' (credit) items are shown negative; amounts are taken as absolute values
# first, so this holds whether AMT_DOCCUR arrives signed or not. [U]
CREDIT_INDICATOR = "H"

# §9 — delivery partner that carries the forwarding agent (carrier): internal PARVW 'SP'
# (Spediteur; displayed CR in English). ET_DELIVERY_PARTNER's structure is [U]: the adapter
# takes the first present field of each list.
CARRIER_PARTNER_ROLE = "SP"
DELIVERY_PARTNER_FIELDS = {
    "role": ("PARVW", "PARTN_ROLE"),
    "number": ("LIFNR", "PARTNER_NO", "PARTN_NUMB", "PARTNER", "KUNNR"),
    "delivery": ("VBELN", "DELIV_NUMB"),
}

# Customer PO reference generated when an order is created without one, so that a create whose
# answer was lost can be found again by BAPI_SALESORDER_GETLIST PURCHASE_ORDER_NUMBER.
GENERATED_PO_PREFIX = "OTUI-"

# Net days of payment terms (T052 customizing), used for an invoice's due date when FI has no
# open item for it (paid, or not looked up). Keys not listed: NTnn -> nn days, else unknown. [U]
PAYMENT_TERMS_NET_DAYS = {"0001": 0}

# ----------------------------------------------------------------------------------------------
# Added by the sandbox (ordertui/sap/sandbox). Append only. Where the reference has no message
# number (§11 "[U]"), the sandbox issues these; fix them here after a look at a real system.

# (message class, number) of SD checks the reference leaves open [U]
SANDBOX_MESSAGES = {
    "order_block": ("V1", "462"),  # sold-to has an order block (KNA1/KNVV-AUFSD) or LOEVM
    "sold_to_unknown": ("V1", "382"),
    "material_unknown": ("M3", "305"),  # reference: material BAPIs; SD use assumed
    "material_not_in_sales_org": ("V1", "141"),
    "material_sales_status": ("V1", "028"),  # MVKE-VMSTA set (Z1 discontinued)
    "quantity_not_positive": ("V1", "055"),
    "unit_not_defined": ("V1", "043"),
    "doc_type_unknown": ("V1", "010"),  # e.g. 'OR' passed without CONVERT
    "no_sold_to": ("VP", "112"),
    "duplicate_po": ("V4", "115"),  # type W (customizing "check PO number": warning)
    "document_not_found": ("V1", "302"),  # BAPI_SALESORDER_GETSTATUS RETURN
    "create_failed": ("V4", "219"),  # last RETURN row when CREATEFROMDAT2 saves nothing
    "billing_doc_unknown": ("VF", "011"),
    "no_credit_account": ("F2", "152"),
    "customer_find_bad_field": ("BC", "001"),
}
# Credit: over the limit -> W V1 150 in SIMULATE and CREATE, the order is saved with credit
# status (VBAK-CMGST / BAPISDHDST-TOTSTATCCH) 'B'; credit account blocked (KNKK-CRBLB) ->
# E V1 154, nothing saved. Credit value of an order = net value + tax. [U]
# Customer-specific prices: condition type ZPR1 (access A005 customer/material); the list price
# PR00 is still returned, flagged CONDISACTI 'X'. [U]
CUSTOMER_PRICE_CONDITION = "ZPR1"
# BAPIITEMEX SUBTOTAL1..6 as the sandbox's pricing procedure fills them [U]:
# 1 gross (PR00/ZPR1), 2 after discounts, 3 freight (KF00), 4 net value (= NET_VALUE1),
# 5 tax (MWST), 6 net value + tax.
ITEMEX_SUBTOTALS = ("gross", "discounted", "freight", "net", "tax", "total")
# Missing S_RFC authorization (fault "no-authorization"): ABAPRuntimeError code 4,
# key RFC_ABAP_MESSAGE, message "User X has no RFC authorization for function module Y." [U]
NO_RFC_AUTH_KEY = "RFC_ABAP_MESSAGE"
NO_RFC_AUTH_TEXT = "no RFC authorization"
# BAPI1010_1 extra fields the sandbox returns (names [U]; see CREDIT_DETAIL_FIELDS above):
# CURRENCY, CRED_LIMIT, RCVBL_VALS, ORDER_VALS, CRED_EXPOSURE, CRED_LIAB, CRED_LIM_USED,
# CRED_BLOCK, RISK_CATEG. CRED_EXPOSURE is the total (SKFOR + SAUFT + SSOBL); CRED_LIAB is KNKK-SSOBL
# alone, as in BAPIPAYER (see CREDIT_EXPOSURE_PARTS).
# RFC_READ_TABLE writes packed numbers into WA as plain text right-aligned in digits+2 chars
# (sign trailing, no thousands separators) [U].

# ----------------------------------------------------------------------------------------------
# Added by order entry (ordertui/ordering/). Append only.

# How long after a create whose outcome is unknown an answered "no such order" lookup is
# believed. CREATEFROMDAT2 + BAPI_TRANSACTION_COMMIT(WAIT) normally posts synchronously, but
# when the commit's answer is lost, SAP's update task (V1) may still be posting the order for a
# while; a lookup in that window finds nothing although the order is coming. 10 s is a guess for
# an unloaded system [U] — unconfirmed; a busy update queue (SM13) can take far longer.
UPDATE_TASK_GRACE_SECONDS = 10

# ----------------------------------------------------------------------------------------------
# Added by customer search and credit (issue 8, SAP side). Append only.

# §5 / §8.4 — what the credit amounts of BAPIPAYER (SIMULATE's BILLING_PARTY) are. Confirmed by
# their data elements in a live-system type dump of BAPI_SALESORDER_SIMULATE (abapGit interface,
# manu02323/ZOTC src/zif_bapi_salesorder_simulate.intf.abap): CRED_LIMIT KLIMK, ORDER_VALS SAUFT,
# RCVBL_VALS SKFOR, CRED_LIAB SSOBL — the KNKK fields; SAP/fundamental-tools
# api/salesOrder/bapi_salesorder_simulate.js names CRED_LIAB "Relevant special liabilities for
# credit limit check". So CRED_LIAB is one part of the exposure, not its total, and
# exposure = receivables + sales values + special liabilities (classic credit management, FD32).
# Both the quote (CreditCheck.exposure) and the detail (credit_status, when its row has no total)
# add these three.
CREDIT_EXPOSURE_PARTS = ("RCVBL_VALS", "ORDER_VALS", "CRED_LIAB")
# Still [U]: whether SAUFT in BAPIPAYER already includes open deliveries and billing documents
# (KNKK-SAUFT does in FD32) or only open orders; and what BAPI_CREDIT_ACCOUNT_GET_STATUS puts in
# BAPI1010_1 at all — one public answer (SAP Community, 2007, "BAPI" thread on
# BAPI_CREDIT_ACCOUNT_GET_STATUS) says its rows come from KNKKF1 with FI document numbers, so a real
# system may carry no limit or exposure there (CREDIT_DETAIL_FIELDS are guesses; the detail then
# shows 0). Check with conn.get_function_description("BAPI_CREDIT_ACCOUNT_GET_STATUS").

# ----------------------------------------------------------------------------------------------
# Added by the after-sales reads (ordertui/sap/rfc/after_sales.py, issue 10). Append only.

# How SAP finds orders by customer PO without a customer: SAP's own sales-document matchcode
# (view VMVA, search "a", =a.<PO> in VA03) reads VBKD-BSTKD (CHAR35) and the partner index
# VAKPA-BSTNK. ordertui reads VBAK-BSTNK with RFC_READ_TABLE: on S/4HANA (and in the sandbox)
# it is CHAR35 and holds the header PO whole, so one read gives the PO hit and the whole list
# row. [U] On ECC VBAK-BSTNK is CHAR20: a PO of 21-35 characters is then found by its first 20
# only — read VBKD (BSTKD, POSNR '000000') there. Neither field has a database index in a
# standard system: the read scans VBAK (restricted to the sales org and VBTYP 'C'). BSTNK is
# case-sensitive: without a customer, the PO is searched as typed and in capitals; with one,
# all of the customer's orders are read and matched in any case.
PO_SEARCH_FIELD = ("VBAK", "BSTNK")
PO_NUMBER_LENGTH = 35  # BSTKD / PURCH_NO_C; a longer text cannot be a PO
BAPISDHD_PURCH_NO_LENGTH = 20  # BAPISDHD-PURCH_NO: a PO of exactly 20 may have been cut (§7.2)
# The status letters of an order list row (GBSTK overall, ABSTK rejection, LFGSK overall
# delivery, FKSAK billing, CMGST credit) are VBAK fields on S/4HANA; on ECC they are in VBUK
# (one more read by VBELN IN (...)). [U] Same letters as BAPISDHDST PRC_STAT_H, OVERALLREJ,
# DLV_STAT_H, BILLSTATUS, TOTSTATCCH (the sandbox fills both from the same row).
ORDER_STATUS_IN_VBAK = True
# BAPISDORDER_GETDETAILEDLIST ORDER_FLOWS_OUT carries the whole flow as VA03 shows it (as
# RV_ORDER_FLOW_INFORMATION builds it): the deliveries, THEIR goods movements (category R,
# the material document, CREAT_DATE = goods issue posting) and the invoices — not only the
# order's direct successors. [U] If it carries direct successors only, the order screen shows
# goods issue on the delivery's own screen (LIKP-WADAT_IST) and not in the order's flow.
ORDER_FLOW_HAS_GOODS_MOVEMENTS = True
# BAPI_SALESORDER_GETLIST with MATERIAL finds a customer's orders with an item of that material
# (SAP's material index VAPMA); an unknown material matches nothing, without an error. [U]
# ET_DELIVERY_ITEM (BAPIDLVITEM) carries VGBEL/VGPOS (the order item) and ARKTX, and
# ET_DOCUMENT_FLOW (BAPIDOCFLOW) rows VBELV/POSNV/VBELN/POSNN/VBTYP_N/VBTYP_V in both
# directions from the delivery (its orders, goods movement, invoices). [U]
# Aging buckets (days past due on the key date): current (not due), 1-30, 31-60, 61-90, over 90
# — the usual SAP FI-AR aging (S_ALR_87012178 defaults) [U]; see ordertui.model.AGING_BUCKETS.
# The ship-to address of a delivery is the ship-to's master address (KNA1); an address changed
# in the delivery itself (VBPA-ADRNR -> ADRC) is not read. [U]

# §2.2 / §2.8 — customer search (issue 8 items 2, 3, 18). KNA1-MCOD1 (name) and MCOD3 (city) are
# CHAR 25 (data elements MCDK1 / MCDK3; usage.TABLES; issue 8 saw 25 characters find and 26 not). SAP fills
# them from NAME1 / ORT01 in capitals; whether it also drops accents and umlauts is [U]: ABAP's
# TRANSLATE ... TO UPPER CASE keeps them ('ü' -> 'Ü', 'é' -> 'É', 'ß' stays), and that is what the
# sandbox stores. The adapter does not depend on it: it searches the text as typed first and then
# (one read, the same round trip) the spellings with accents and umlauts ignored, narrowing on the
# folded name (query_text.fold: 'Müller' = 'Mueller' = 'Muller'), so it finds either way.
MATCHCODE_KEEPS_DIACRITICS = True
# §2.2 — SAP's CP patterns (BAPI_CUSTOMER_FIND with PL_HOLD='X', BAPI_MATERIAL_GETLIST ranges with
# OPTION 'CP'): '*' any string, '+' one character, '#' escapes the next character [C: ABAP keyword
# documentation, glossary "wildcard character" (CP/NP) and SAP Community answers quoting the F1
# help of CP; that the BAPIs keep '#' when they turn a CP range into SQL is [U]]. '%' and '_' are
# plain characters in CP patterns; a BAPI that passes the pattern to LIKE might read them as
# wildcards [U], so hits of a text with any of * + # % _ are narrowed on the whole name.
CP_ESCAPE_CHARACTER = "#"

# Issue 8 item 5 — account groups (KNA1-KTOKD) of accounts that are ship-to parties only (goods
# recipients: they take deliveries but cannot order). 0002 is the account group SAP delivers for
# ship-to parties (0001 sold-to, 0003 payer, 0004 bill-to) [U: customizing; companies define
# their own groups — add them here]. The sandbox uses 0002 for ship-tos, 0003 for payers.
SHIP_TO_ACCOUNT_GROUPS = frozenset({"0002"})

# Issue 8 item 17 — a phone number typed without its area code. In countries whose national
# numbers are dialled with the trunk prefix 0 (DE, AT, CH, GB, FR ...), a number typed without a
# leading 0 and without '+' is taken as a local number (no area code); elsewhere (the US) a number
# too short for a whole number is (phonenumbers: IS_POSSIBLE_LOCAL_ONLY). Either way the search
# looks for numbers of the sales area's country that END in its digits (ADR2-TELNR_LONG LIKE
# '+1%5550142') and says so [decision; a full scan of ADR2 on a real system]. The sales area's
# own area codes are not known to SAP master data, so they cannot be tried instead.
PHONE_TRUNK_PREFIX_MEANS_AREA_CODE = True

# ----------------------------------------------------------------------------------------------
# Added by the save path (ordertui/sap/rfc/orders.py create_order / find_created_order, issue 9).
# Append only.

# §1.4 [C] — a BAPI only registers its changes; nothing is posted before BAPI_TRANSACTION_COMMIT
# in the same session, and a session that breaks (communication error, timeout, short dump) is
# rolled back. So a create that breaks before its commit was sent is certainly NOT saved, and
# only a lost commit answer leaves the outcome unknown. [U] that no customer exit in
# CREATEFROMDAT2 commits on its own.
# §7.1 — BAPI_SALESORDER_GETLIST PURCHASE_ORDER_NUMBER selects the sold-to's orders by the PO as
# stored (VBKD-BSTKD, case-sensitive, as typed) and DOCUMENT_DATE by VBAK-AUDAT, which is the
# creation date when no DOC_DATE is sent; SALES_ORDERS rows carry PURCH_NO_C (35) and SOLD_TO.
# [U] for the selection semantics and SOLD_TO. The adapter compares the returned PO (and the
# sold-to, when sent) itself, so a wider answer does no harm; a narrower one (e.g. a release
# that matched PURCHASE_ORDER_NUMBER on 20 characters only) would make a saved order look
# unsaved.
# Lookups look at orders dated since yesterday by the desk's clock: one day of margin for a save
# around midnight or an application server in another time zone. [U]
# The sandbox posts a "commit-lands-late" order 5 s after the break by default (its
# update_delay), inside UPDATE_TASK_GRACE_SECONDS, so order entry's "check SAP" finds it.
