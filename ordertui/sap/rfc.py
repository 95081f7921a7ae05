"""RfcGateway: SapGateway over any pyrfc-compatible connection (real pyrfc or the sandbox).

It calls the real function modules with their real parameter and field names (docs/sap-calls.md,
ordertui/sap/interfaces.json). SAP formats are converted in ``ordertui.sap.convert``; SAP's
RETURN messages become ``SapMessage`` in ``messages_from``; pyrfc exceptions become typed
errors in ``map_rfc_error`` — by class name, so pyrfc itself is never imported here.

Nothing here keeps business data beyond the call: no cache, no file, and log records and call
events carry function names, durations and error class names only.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from functools import partial
from typing import Any

from ordertui.model import (
    ZERO,
    Address,
    Availability,
    AvailabilityLine,
    CallEvent,
    Condition,
    Contact,
    CreatedOrder,
    CreditCheck,
    CreditStatus,
    Customer,
    CustomerHit,
    CustomerSalesData,
    Delivery,
    DeliveryItem,
    DocumentFlow,
    Invoice,
    InvoiceItem,
    Material,
    MaterialHit,
    OpenItem,
    Order,
    OrderDraft,
    OrderItem,
    OrderSummary,
    Partner,
    Plant,
    PriceScale,
    Quote,
    QuoteLine,
    SalesArea,
    SalesStatus,
    SapMessage,
    ScheduleLine,
    SearchResult,
    SystemInfo,
    UnitOfMeasure,
    UserDefaults,
)
from ordertui.sap import assumptions as A
from ordertui.sap import convert as C
from ordertui.sap.errors import (
    LogonFailed,
    NotAuthorized,
    NotFound,
    SapBusinessError,
    SapError,
    SapSystemError,
    SapTimeout,
    SapUnreachable,
)
from ordertui.sap.gateway import DEFAULT_HIT_LIMIT, CallListener, SapGateway
from ordertui.sap.pool import ConnectionPool

log = logging.getLogger("ordertui.sap")

OPTIONS_ROW = 72  # RFC_DB_OPT-TEXT
MAX_QUERY = 200
_IN_CHUNK = 100  # values per "IN ( ... )" in one RFC_READ_TABLE call

# --------------------------------------------------------------------------- messages


def _split_code(code: str) -> tuple[str, str]:
    """BAPIRETURN CODE 'QC160' -> ('QC', '160'): class and number run together."""
    code = (code or "").strip()
    m = re.match(r"^(.*?)(\d{3})$", code)
    if m:
        return m.group(1).strip(), m.group(2)
    return code, ""


def messages_from(value: Any, *, item_by_row: Sequence[str] = ()) -> tuple[SapMessage, ...]:
    """Any RETURN shape -> SapMessages: BAPIRETURN (CODE), BAPIRETURN1, BAPIRET1, BAPIRET2.

    ``value`` is a structure (dict) or a table (list of dicts). All-blank rows (an unfilled
    structure means success for the old BAPIs) are skipped. ``item_by_row`` maps BAPIRET2 ROW
    (1-based position in the items table) to the display item number.
    """
    if not value:
        return ()
    rows = [value] if isinstance(value, dict) else list(value)
    out = []
    for row in rows:
        typ = C.text(row.get("TYPE")).upper()
        text = C.text(row.get("MESSAGE"))
        if "CODE" in row and "ID" not in row:
            msg_id, number = _split_code(C.text(row.get("CODE")))
        else:
            msg_id = C.text(row.get("ID"))
            number = C.text(row.get("NUMBER"))
            if number and set(number) == {"0"} and not msg_id:
                number = ""
        if not typ and not text and not msg_id:
            continue
        row_no = row.get("ROW") or 0
        try:
            row_no = int(row_no)
        except (TypeError, ValueError):
            row_no = 0
        item = ""
        if "ITM_NUMBER" in row:
            item = C.item_out(row.get("ITM_NUMBER"))
        if not item and row_no and 0 < row_no <= len(item_by_row):
            item = item_by_row[row_no - 1]
        out.append(
            SapMessage(
                type=typ,
                id=msg_id,
                number=number,
                text=text,
                parameter=C.text(row.get("PARAMETER")),
                row=row_no,
                field=C.text(row.get("FIELD")),
                item=item,
            )
        )
    return tuple(out)


def raise_for_errors(messages: Iterable[SapMessage], *, not_found: bool = False) -> None:
    msgs = tuple(messages)
    if any(m.is_error for m in msgs):
        raise (NotFound if not_found else SapBusinessError)(messages=msgs)


# --------------------------------------------------------------------------- errors


def _class_names(exc: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(exc).__mro__}


def _scrub(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "********")
    # connection parameters rendered into a message: passwd=..., 'passwd': '...'
    text = re.sub(r"(?i)(passwd|password|pwd)(['\"]?\s*[:=]\s*)(['\"]?)[^'\",\s)}]*", r"\1\2\3********", text)
    return text


def _rfc_message(exc: BaseException) -> str:
    msg = getattr(exc, "message", None)
    if isinstance(msg, str) and msg.strip():
        return msg.strip()
    return str(exc).strip()


def map_rfc_error(exc: BaseException, *, secrets: Iterable[str] = ()) -> BaseException:
    """pyrfc (or sandbox look-alike) exception -> typed ``SapError``, matched by class name.

    Already-typed errors pass through. Texts are scrubbed of the password and of any
    ``passwd=`` connection parameter.
    """
    if isinstance(exc, SapError):
        return exc
    names = _class_names(exc)
    key = str(getattr(exc, "key", "") or "").upper()
    text = _scrub(_rfc_message(exc), secrets)
    if "TIMEOUT" in key or "CANCEL" in key or isinstance(exc, TimeoutError):
        return SapTimeout("SAP did not answer in time; the call may still complete in SAP")
    if "LogonError" in names:
        return LogonFailed(text or "SAP refused the logon")
    if "CommunicationError" in names:
        return SapUnreachable(f"SAP unreachable: {text}" if text else "SAP unreachable")
    if "ExternalAuthorizationError" in names:
        return NotAuthorized(text or "Not authorized")
    # a missing S_RFC (or other) authorization arrives as an ABAP message or a classic exception
    if ("ABAPApplicationError" in names or "ABAPRuntimeError" in names) and (
        "AUTH" in key or re.search(r"no (rfc )?authori[sz]ation|not authori[sz]ed", text, re.I)
    ):
        return NotAuthorized(text or "Not authorized")
    if "ABAPApplicationError" in names:
        return SapBusinessError(f"{key}: {text}" if key else text)
    if "ABAPRuntimeError" in names:
        return SapSystemError(f"SAP runtime error {key}: {text}".strip() if key else text)
    if "ExternalRuntimeError" in names or "ExternalApplicationError" in names:
        return SapSystemError(f"RFC call rejected: {text}")
    if "RFCError" in names:
        if "closed" in text.lower():
            return SapUnreachable("The SAP connection is closed")
        return SapSystemError(text or "RFC error")
    return exc


# --------------------------------------------------------------------------- WHERE clauses


def literal(value: str) -> str:
    """An Open SQL string literal: quotes doubled, control characters dropped."""
    clean = "".join(ch for ch in value if ch.isprintable())
    return "'" + clean.replace("'", "''") + "'"


_WILDCARDS = "*%_+"


def strip_wildcards(value: str) -> str:
    """User text is never a pattern: '*', '%', '_' and '+' are removed before building one."""
    return "".join(ch for ch in value if ch not in _WILDCARDS)


def options_rows(where: str) -> list[dict]:
    """Split a WHERE clause into RFC_DB_OPT rows of at most 72 characters, never inside a literal."""
    tokens = re.findall(r"'(?:[^']|'')*'|[^\s']+", where)
    rows: list[str] = []
    cur = ""
    for tok in tokens:
        if len(tok) > OPTIONS_ROW:
            raise ValueError("search text too long")
        cand = f"{cur} {tok}" if cur else tok
        if len(cand) > OPTIONS_ROW:
            rows.append(cur)
            cur = tok
        else:
            cur = cand
    if cur:
        rows.append(cur)
    return [{"TEXT": r} for r in rows]


def _in_list(field: str, values: Sequence[str]) -> str:
    return f"{field} IN ( " + " , ".join(literal(v) for v in values) + " )"


def _first(row: dict, names: Iterable[str], default: Any = "") -> Any:
    for name in names:
        if name in row:
            return row[name]
    return default


# --------------------------------------------------------------------------- query kinds

_PHONE = re.compile(r"^\+?[\d\s().\-/]+$")
_POSTAL = re.compile(
    r"^(\d{5}-\d{4}|[A-Z]{1,2}-\d{4,5}|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d)$"
)


def clean_query(query: str) -> str:
    """Validate a search text the way SAP would reject it anyway; return it trimmed."""
    text = "".join(ch if ch.isprintable() else " " for ch in (query or ""))
    text = " ".join(text.split())
    if not text:
        raise ValueError("Type a customer number, name, city, postal code or phone number")
    if len(text) > MAX_QUERY:
        raise ValueError(f"Search text is too long (at most {MAX_QUERY} characters)")
    if len(text) < 2:
        raise ValueError("Type at least 2 characters")
    return text


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
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# --------------------------------------------------------------------------- the gateway


def _now() -> dt.datetime:
    return dt.datetime.now()


class RfcGateway(SapGateway):
    """SapGateway over ``factory()`` connections, pooled (``pool_size``, one call at a time each).

    Timeouts: with ``call_timeout`` set (real systems: ``connect.REAL_CALL_TIMEOUT``) every call
    passes pyrfc's ``options={"timeout": s}``; pyrfc then cancels the call and raises
    ``CommunicationError`` key ``RFC_CANCELED`` -> ``SapTimeout`` (the connection is dropped, its
    session is gone). No watchdog thread is added on top: a connection whose ``call`` ignores
    the option (the sandbox) is not timed out — its calls are local and cannot hang on a network.
    """

    capabilities = frozenset({"create"})

    def __init__(
        self,
        factory: Callable[[], Any],
        *,
        user: str = "",
        client: str = "",
        language: str = "E",
        pool_size: int = 2,
        call_timeout: float | None = None,
        read_only: bool = False,
        sandbox: bool = False,
        today: Callable[[], dt.date] | None = None,
        secrets: Iterable[str] = (),
    ) -> None:
        kept = tuple(s for s in secrets if s)

        def map_error(exc: BaseException) -> BaseException:
            # the secrets live in this closure only, not as an attribute of the gateway
            return map_rfc_error(exc, secrets=kept)

        self._map = map_error
        self._pool = ConnectionPool(factory, size=pool_size, map_error=map_error)
        self._pool_size = max(1, pool_size)
        self._listeners: list[CallListener] = []
        self._listeners_lock = threading.Lock()
        self._user = (user or "").upper()
        self._client = client or ""
        self._lang = (language or "E")[:1].upper()
        self._call_timeout = call_timeout
        self._sandbox = sandbox
        self._today = today or dt.date.today
        self.read_only = read_only
        if read_only:
            self.capabilities = frozenset(self.capabilities - {"create"})

    # ------------------------------------------------------------------ plumbing
    def add_listener(self, listener: CallListener) -> None:
        with self._listeners_lock:
            self._listeners.append(listener)

    def _emit(self, function: str, seconds: float, outcome: str) -> None:
        event = CallEvent(function=function, seconds=seconds, outcome=outcome, at=_now())
        with self._listeners_lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception as exc:  # a listener must never break a call
                log.debug("call listener failed: %s", type(exc).__name__)

    def _invoke(self, conn: Any, function: str, **params: Any) -> dict:
        """One RFC call on a checked-out connection, timed and reported, errors mapped."""
        start = time.perf_counter()
        outcome = "ok"
        mapped: BaseException | None = None
        try:
            if self._call_timeout:
                result = conn.call(function, options={"timeout": self._call_timeout}, **params)
            else:
                result = conn.call(function, **params)
            if _has_error_message(result):
                outcome = "business-error"
        except BaseException as exc:
            mapped = self._map(exc)
            outcome = type(mapped).__name__
            if mapped is exc:
                raise
        finally:
            seconds = time.perf_counter() - start
            log.info("rfc %s %.3fs %s", function, seconds, outcome)
            self._emit(function, seconds, outcome)
        if mapped is not None:
            # raised outside the except block: the original pyrfc exception (whose text is
            # SAP's, unscrubbed) is not chained as __context__
            raise mapped
        return result

    def _call(self, function: str, **params: Any) -> dict:
        with self._pool.connection() as conn:
            return self._invoke(conn, function, **params)

    def _read_table(
        self,
        table: str,
        fields: Sequence[str],
        where: str = "",
        *,
        rowcount: int = 0,
        conn: Any = None,
    ) -> list[dict]:
        params: dict[str, Any] = {
            "QUERY_TABLE": table,
            "DELIMITER": "|",
            "FIELDS": [{"FIELDNAME": f} for f in fields],
            "OPTIONS": options_rows(where) if where else [],
        }
        if rowcount:
            params["ROWCOUNT"] = rowcount
        if conn is not None:
            result = self._invoke(conn, "RFC_READ_TABLE", **params)
        else:
            result = self._call("RFC_READ_TABLE", **params)
        return _parse_read_table(result, fields)

    def _read_in(self, table: str, fields: Sequence[str], field: str, values: Sequence[str], extra: str = "") -> list[dict]:
        """Rows whose ``field`` is one of ``values``: one read per 100 values, side by side."""
        unique = list(dict.fromkeys(v for v in values if v))
        reads = []
        for i in range(0, len(unique), _IN_CHUNK):
            where = _in_list(field, unique[i : i + _IN_CHUNK])
            if extra:
                where = f"{where} AND {extra}"
            reads.append(partial(self._read_table, table, fields, where))
        return [row for rows in self._concurrently(reads) for row in rows]

    def _concurrently(self, calls: Sequence[Callable[[], Any]]) -> list[Any]:
        """Run independent calls on the pool's connections at the same time; results in order.

        This thread takes part; up to ``pool_size - 1`` helper threads take the rest, one call
        at a time each (a helper waits for a free connection like any caller). All calls have
        finished when this returns or raises; the first error in call order is raised.
        """
        if len(calls) <= 1:
            return [call() for call in calls]
        results: list[Any] = [None] * len(calls)
        errors: list[BaseException | None] = [None] * len(calls)
        pending = iter(range(len(calls)))
        lock = threading.Lock()

        def work() -> None:
            while True:
                with lock:
                    i = next(pending, None)
                if i is None:
                    return
                try:
                    results[i] = calls[i]()
                except BaseException as exc:  # handed to the calling thread below
                    errors[i] = exc

        helpers = [
            threading.Thread(target=work, name="ordertui-rfc-helper", daemon=True)
            for _ in range(min(self._pool_size, len(calls)) - 1)
        ]
        for helper in helpers:
            helper.start()
        try:
            work()
        finally:
            for helper in helpers:
                helper.join()
        for error in errors:
            if error is not None:
                raise error
        return results

    def close(self) -> None:
        self._pool.close()

    def ping(self) -> float:
        start = time.perf_counter()
        self._call("RFC_PING")
        return time.perf_counter() - start

    # ------------------------------------------------------------------ session
    def _learn_session(self, conn: Any) -> None:
        """Take user and client from the connection when the gateway was not told them."""
        if self._user and self._client:
            return
        getter = getattr(conn, "get_connection_attributes", None)
        if getter is None:
            return
        try:
            attrs = getter() or {}
        except Exception as exc:  # attributes are a nicety; the call itself worked
            log.debug("get_connection_attributes failed: %s", type(exc).__name__)
            return
        self._user = self._user or C.text(attrs.get("user")).upper()
        self._client = self._client or C.text(attrs.get("client"))

    def system_info(self) -> SystemInfo:
        with self._pool.connection() as conn:
            res = self._invoke(conn, "RFC_SYSTEM_INFO")
            self._learn_session(conn)
        si = res.get("RFCSI_EXPORT") or {}
        return SystemInfo(
            system_id=C.text(si.get("RFCSYSID")),
            release=C.text(si.get("RFCSAPRL")),
            host=C.text(si.get("RFCHOST")),
            client=self._client,
            user=self._user,
            sandbox=self._sandbox,
        )

    def user_defaults(self) -> UserDefaults:
        if not self._user:
            with self._pool.connection() as conn:
                self._learn_session(conn)
        res = self._call("BAPI_USER_GET_DETAIL", USERNAME=self._user)
        raise_for_errors(messages_from(res.get("RETURN")), not_found=True)
        params = {C.text(p.get("PARID")).upper(): C.text(p.get("PARVA")) for p in res.get("PARAMETER") or []}
        addr = res.get("ADDRESS") or {}
        defaults = res.get("DEFAULTS") or {}
        area = None
        if params.get("VKO"):
            area = SalesArea(params["VKO"], params.get("VTW", ""), params.get("SPA", ""))
        full = C.text(addr.get("FULLNAME")) or " ".join(
            p for p in (C.text(addr.get("FIRSTNAME")), C.text(addr.get("LASTNAME"))) if p
        )
        return UserDefaults(
            user=self._user,
            full_name=full,
            language=C.text(defaults.get("LANGU")) or self._lang,
            sales_area=area,
            plant=params.get("WRK", ""),
            date_format=C.text(defaults.get("DATFM")),
        )

    # ------------------------------------------------------------------ customers
    _HIT_FIELDS = ("KUNNR", "NAME1", "ORT01", "PSTLZ", "LAND1", "TELF1", "AUFSD", "SPERR", "LOEVM")

    def find_customers(
        self, query: str, *, sales_area: SalesArea | None = None, limit: int = DEFAULT_HIT_LIMIT
    ) -> SearchResult:
        text = clean_query(query)
        kinds = query_kinds(text)
        want = limit + 1
        numbers: list[str] = []  # ordered, unique customer numbers (internal form)
        more = False  # a name search found more than ``limit``
        rows_by_number: dict[str, dict] = {}

        def add_rows(rows: list[dict]) -> None:
            for r in rows:
                n = r.get("KUNNR", "")
                if n and n not in rows_by_number:
                    rows_by_number[n] = r
                    numbers.append(n)

        for kind in kinds:
            if len(numbers) >= want:
                break
            if kind == "number":
                add_rows(self._read_table("KNA1", self._HIT_FIELDS, f"KUNNR = {literal(C.alpha_in(text))}", rowcount=want))
            elif kind == "postal":
                pattern = strip_wildcards(text.upper())
                if len(pattern) >= 2:
                    add_rows(self._read_table("KNA1", self._HIT_FIELDS, f"PSTLZ LIKE {literal(pattern + '%')}", rowcount=want))
            elif kind == "phone":
                region = A.SALES_ORG_COUNTRY.get(sales_area.sales_org if sales_area else "", A.DEFAULT_PHONE_REGION)
                e164 = normalize_phone(text, region)
                if e164:
                    adr = self._read_table("ADR2", ("ADDRNUMBER", "PERSNUMBER"), f"TELNR_LONG = {literal(e164)}", rowcount=want * 2)
                    addrs = [r["ADDRNUMBER"] for r in adr if r.get("ADDRNUMBER")]
                    if addrs:
                        add_rows(self._read_in("KNA1", self._HIT_FIELDS, "ADRNR", addrs))
            else:
                fragment = strip_wildcards(text).upper().strip()
                if len(fragment) < 2:
                    raise ValueError("Type at least 2 characters (wildcards are not needed)")
                found: list[str] = []
                for res in self._find_by_match_codes(fragment, want):
                    for r in res.get("RESULT_TAB") or []:
                        n = C.text(r.get("CUSTOMER"))
                        if n and n not in found:
                            found.append(n)
                # the list shows ``limit`` customers; a found number past it only says "there are more"
                more = more or len(found) > limit
                rows = self._read_in("KNA1", self._HIT_FIELDS, "KUNNR", found[:limit])
                rows.sort(key=lambda r: (C.text(r.get("NAME1")).upper(), r.get("KUNNR", "")))
                add_rows(rows)
        hits = tuple(_hit(rows_by_number[n]) for n in numbers[:limit])
        return SearchResult(hits=hits, limit=limit, truncated=more or len(numbers) > limit)

    def _find_by_match_codes(self, fragment: str, want: int) -> tuple[dict, dict]:
        """BAPI_CUSTOMER_FIND on the name (MCOD1) and on the city (MCOD3) at the same time.

        The two calls are independent, so they run side by side on the pool's connections: one
        round trip instead of two (with a pool of one the second waits for the connection). Both
        answers come back, name first; an error in either is raised after both have finished.
        """

        def find(field: str) -> dict:
            return self._call(
                "BAPI_CUSTOMER_FIND",
                MAX_CNT=want,
                PL_HOLD="X",
                SELOPT_TAB=[{"TABNAME": "KNA1", "FIELDNAME": field, "FIELDVALUE": f"*{fragment}*"}],
            )

        by_name, by_city = self._concurrently([partial(find, "MCOD1"), partial(find, "MCOD3")])
        return by_name, by_city

    def customer(self, number: str) -> Customer:
        kunnr = C.alpha_in(number)
        res = self._call("BAPI_CUSTOMER_GETDETAIL2", CUSTOMERNO=kunnr)
        raise_for_errors(messages_from(res.get("RETURN")), not_found=True)
        kna1 = self._read_table(
            "KNA1",
            ("KUNNR", "NAME1", "NAME2", "STRAS", "PSTLZ", "ORT01", "REGIO", "LAND1", "TELF1", "TELFX",
             "ADRNR", "AUFSD", "SPERR", "LOEVM", "SPRAS"),
            f"KUNNR = {literal(kunnr)}",
        )
        if not kna1:
            raise NotFound(f"Customer {C.alpha_out(kunnr)} does not exist")
        k = kna1[0]
        a = res.get("CUSTOMERADDRESS") or {}
        adrnr = k.get("ADRNR", "")
        phones: dict[str, str] = {}
        emails: dict[str, str] = {}
        if adrnr:
            for r in self._read_table("ADR2", ("ADDRNUMBER", "PERSNUMBER", "TEL_NUMBER", "TEL_EXTENS", "FLGDEFAULT"),
                                      f"ADDRNUMBER = {literal(adrnr)}"):
                tel = r.get("TEL_NUMBER", "") + (f" ext. {r['TEL_EXTENS']}" if r.get("TEL_EXTENS") else "")
                if r.get("PERSNUMBER", "") not in phones or r.get("FLGDEFAULT"):
                    phones[r.get("PERSNUMBER", "")] = tel
            for r in self._read_table("ADR6", ("ADDRNUMBER", "PERSNUMBER", "SMTP_ADDR", "FLGDEFAULT"),
                                      f"ADDRNUMBER = {literal(adrnr)}"):
                if r.get("PERSNUMBER", "") not in emails or r.get("FLGDEFAULT"):
                    emails[r.get("PERSNUMBER", "")] = r.get("SMTP_ADDR", "")
        knvk = self._read_table("KNVK", ("PARNR", "KUNNR", "NAMEV", "NAME1", "ABTNR", "PAFKT", "TELF1", "PRSNR"),
                                f"KUNNR = {literal(kunnr)}")
        functions, departments = self._contact_texts(knvk)
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

    def _contact_texts(self, knvk: Sequence[dict]) -> tuple[dict[str, str], dict[str, str]]:
        """Texts of the contact functions (TPFKT) and departments (TSABT) these KNVK rows use,
        in the logon language; one read each (side by side), only for the codes present."""

        def texts(table: str, field: str) -> dict[str, str]:
            codes = [r.get(field, "") for r in knvk if r.get(field)]
            if not codes:
                return {}
            rows = self._read_in(table, ("SPRAS", field, "VTEXT"), field, codes, extra=f"SPRAS = {literal(self._lang)}")
            return {r.get(field, ""): r.get("VTEXT", "") for r in rows if r.get("VTEXT")}

        functions, departments = self._concurrently([partial(texts, "TPFKT", "PAFKT"), partial(texts, "TSABT", "ABTNR")])
        return functions, departments

    def customer_sales_areas(self, number: str) -> tuple[SalesArea, ...]:
        res = self._call("BAPI_CUSTOMER_GETSALESAREAS", CUSTOMERNO=C.alpha_in(number))
        areas = []
        for r in res.get("SALESAREAS") or []:
            area = SalesArea(C.text(r.get("SALESORG")), C.text(r.get("DISTRCHANN")), C.text(r.get("DIVISION")))
            if area.sales_org and area not in areas:
                areas.append(area)
        return tuple(areas)

    def _area_where(self, kunnr: str, area: SalesArea) -> str:
        return (
            f"KUNNR = {literal(kunnr)} AND VKORG = {literal(area.sales_org)} "
            f"AND VTWEG = {literal(area.distr_chan)} AND SPART = {literal(area.division)}"
        )

    def customer_sales_data(self, number: str, sales_area: SalesArea) -> CustomerSalesData:
        kunnr = C.alpha_in(number)
        where = self._area_where(kunnr, sales_area)
        # independent reads run side by side on the pool (see _concurrently)
        knvv, knvp = self._concurrently([
            partial(self._read_table, "KNVV",
                    ("KUNNR", "VKORG", "VTWEG", "SPART", "AUFSD", "LIFSD", "FAKSD", "ZTERM", "INCO1", "INCO2",
                     "VSBED", "WAERS", "VWERK", "LOEVM"), where),
            partial(self._read_table, "KNVP", ("PARVW", "PARZA", "KUNN2", "LIFNR", "PARNR", "DEFPA"), where),
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
            t = self._read_table(table, ("SPRAS", field, "VTEXT"), f"SPRAS = {literal(self._lang)} AND {field} = {literal(code)}")
            return t[0].get("VTEXT", "") if t else ""

        name_rows, contact_rows, terms_text, ship_text = self._concurrently([
            partial(self._read_in, "KNA1", ("KUNNR", "NAME1", "ORT01", "STRAS", "PSTLZ", "LAND1", "REGIO"), "KUNNR", partner_numbers),
            partial(self._read_in, "KNVK", ("PARNR", "NAMEV", "NAME1"), "PARNR", contact_numbers),
            partial(text, "TVZBT", "ZTERM", v.get("ZTERM", "")),
            partial(text, "TVSBT", "VSBED", v.get("VSBED", "")),
        ])
        names = {r["KUNNR"]: r for r in name_rows}
        contacts = {r["PARNR"]: r for r in contact_rows}
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

    def credit_status(self, number: str, sales_area: SalesArea) -> CreditStatus:
        kunnr = C.alpha_in(number)
        knvp = self._read_table(
            "KNVP", ("PARVW", "KUNN2", "DEFPA"), self._area_where(kunnr, sales_area) + " AND PARVW = 'RG'"
        )
        payers = sorted(knvp, key=lambda r: not C.flag(r.get("DEFPA")))
        payer = payers[0].get("KUNN2", "") if payers else kunnr
        area = A.CREDIT_CONTROL_AREA.get(sales_area.sales_org, sales_area.sales_org)
        res = self._call("BAPI_CREDIT_ACCOUNT_GET_STATUS", CREDITCONTROLAREA=area, CUSTOMER=payer)
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
            exposure=C.dec(_first(detail, f["exposure"], 0)),
            blocked=C.flag(_first(detail, f["blocked"])),
            risk_category=C.text(_first(detail, f["risk_category"])),
            open_items=open_items,
            days_in_arrears=arrears,
        )

    # ------------------------------------------------------------------ materials
    def find_materials(
        self, query: str, *, sales_area: SalesArea | None = None, limit: int = DEFAULT_HIT_LIMIT
    ) -> SearchResult:
        text = clean_query(query)
        fragment = strip_wildcards(text).strip()
        if len(fragment) < 2:
            raise ValueError("Type at least 2 characters (wildcards are not needed)")
        want = limit + 1
        common: dict[str, Any] = {"MAXROWS": want}
        if sales_area is not None:
            common["SALESORGANISATIONSELECTION"] = [
                {"SIGN": "I", "OPTION": "EQ", "SALESORG_LOW": sales_area.sales_org, "SALESORG_HIGH": ""}
            ]
        found: dict[str, str] = {}
        if " " not in fragment and len(fragment) <= 16:  # '*frag*' must fit MATNR_LOW CHAR18
            if fragment.isdigit():
                sel = {"SIGN": "I", "OPTION": "EQ", "MATNR_LOW": C.matn1_in(fragment), "MATNR_HIGH": ""}
            else:
                sel = {"SIGN": "I", "OPTION": "CP", "MATNR_LOW": f"*{fragment.upper()}*", "MATNR_HIGH": ""}
            res = self._call("BAPI_MATERIAL_GETLIST", MATNRSELECTION=[sel], **common)
            for r in res.get("MATNRLIST") or []:
                found.setdefault(C.text(r.get("MATERIAL")), C.text(r.get("MATL_DESC")))
        if len(found) < want and len(fragment) <= 38:
            res = self._call(
                "BAPI_MATERIAL_GETLIST",
                # upper case: the BAPI matches the upper-case search field MAKTG
                MATERIALSHORTDESCSEL=[{"SIGN": "I", "OPTION": "CP", "DESCR_LOW": f"*{fragment.upper()}*", "DESCR_HIGH": ""}],
                **common,
            )
            for r in res.get("MATNRLIST") or []:
                found.setdefault(C.text(r.get("MATERIAL")), C.text(r.get("MATL_DESC")))
        items = list(found.items())
        hits = tuple(MaterialHit(C.matn1_out(n), d) for n, d in items[:limit])
        return SearchResult(hits=hits, limit=limit, truncated=len(items) > limit)

    def material(self, number: str, *, sales_area: SalesArea) -> Material:
        matnr = C.matn1_in(number)
        res = self._call("BAPI_MATERIAL_GET_DETAIL", MATERIAL=matnr)
        raise_for_errors(messages_from(res.get("RETURN")), not_found=True)
        g = res.get("MATERIAL_GENERAL_DATA") or {}
        mvke = self._read_table(
            "MVKE", ("MATNR", "VKORG", "VTWEG", "VMSTA", "VMSTD", "VRKME", "AUMNG", "DWERK", "LVORM"),
            f"MATNR = {literal(matnr)} AND VKORG = {literal(sales_area.sales_org)} "
            f"AND VTWEG = {literal(sales_area.distr_chan)}",
        )
        base = C.unit_out(C.text(g.get("BASE_UOM")))
        marm = self._read_table("MARM", ("MATNR", "MEINH", "UMREZ", "UMREN", "BRGEW", "GEWEI"), f"MATNR = {literal(matnr)}")
        units = tuple(
            UnitOfMeasure(C.unit_out(r.get("MEINH", "")), C.dec(r.get("UMREZ") or 1), C.dec(r.get("UMREN") or 1))
            for r in marm
        )
        weight_row = next((r for r in marm if C.unit_out(r.get("MEINH", "")) == base), {})
        if mvke:
            m = mvke[0]
            if C.flag(m.get("LVORM")):
                status = SalesStatus.BLOCKED
            elif C.text(m.get("VMSTA")):
                status = SalesStatus.DISCONTINUED
            else:
                status = SalesStatus.ACTIVE
            status_code = C.text(m.get("VMSTA"))
            sales_unit = C.unit_out(m.get("VRKME", "")) or base
            min_qty = C.dec(m.get("AUMNG"))
            plant = C.text(m.get("DWERK"))
        else:
            status, status_code, sales_unit, min_qty, plant = SalesStatus.NOT_IN_SALES_ORG, "", base, ZERO, ""
        return Material(
            number=C.matn1_out(matnr),
            description=C.text(g.get("MATL_DESC")),
            base_unit=base,
            sales_unit=sales_unit,
            material_type=C.text(g.get("MATL_TYPE")),
            material_group=C.text(g.get("MATL_GROUP")),
            division=C.text(g.get("DIVISION")),
            gross_weight=C.dec(weight_row.get("BRGEW") or g.get("GROSS_WT")),
            net_weight=C.dec(g.get("NET_WEIGHT")),
            weight_unit=C.unit_out(weight_row.get("GEWEI") or C.text(g.get("UNIT_OF_WT"))),
            sales_status=status,
            sales_status_code=status_code,
            minimum_order_qty=min_qty,
            delivering_plant=plant,
            units=units,
            scales=self._price_scales(matnr, sales_area) if mvke else (),
        )

    def _price_scales(self, matnr: str, area: SalesArea) -> tuple[PriceScale, ...]:
        today = C.date_in(self._today())
        a004 = self._read_table(
            "A004", ("KNUMH", "DATAB", "DATBI"),
            f"KAPPL = 'V' AND KSCHL = 'PR00' AND VKORG = {literal(area.sales_org)} "
            f"AND VTWEG = {literal(area.distr_chan)} AND MATNR = {literal(matnr)} "
            f"AND DATBI >= {literal(today)} AND DATAB <= {literal(today)}",
        )
        if not a004:
            return ()
        knumh = a004[0]["KNUMH"]
        konp = self._read_table("KONP", ("KNUMH", "KOPOS", "KBETR", "KONWA", "KPEIN", "KMEIN"), f"KNUMH = {literal(knumh)}")
        if not konp:
            return ()
        p = konp[0]
        per, unit, cur = C.dec(p.get("KPEIN") or 1), C.unit_out(p.get("KMEIN", "")), p.get("KONWA", "")
        konm = self._read_table("KONM", ("KNUMH", "KOPOS", "KLFN1", "KSTBM", "KBETR"), f"KNUMH = {literal(knumh)}")
        if not konm:  # no scale: one price from any quantity
            return (PriceScale(ZERO, C.dec(p.get("KBETR")), cur, per, unit),)
        # with a scale, its rows are the prices (the first row usually starts at 1)
        return tuple(
            PriceScale(C.dec(r.get("KSTBM")), C.dec(r.get("KBETR")), cur, per, unit)
            for r in sorted(konm, key=lambda r: C.dec(r.get("KSTBM")))
        )

    def plants(self, sales_area: SalesArea) -> tuple[Plant, ...]:
        allowed = self._read_table(
            "TVKWZ", ("VKORG", "VTWEG", "WERKS"),
            f"VKORG = {literal(sales_area.sales_org)} AND VTWEG = {literal(sales_area.distr_chan)}",
        )
        numbers = list(dict.fromkeys(r.get("WERKS", "") for r in allowed if r.get("WERKS")))
        if not numbers:
            return ()
        by_number = {r.get("WERKS", ""): r for r in self._read_in("T001W", ("WERKS", "NAME1", "ORT01"), "WERKS", numbers)}
        return tuple(
            Plant(number=w, name=by_number.get(w, {}).get("NAME1", ""), city=by_number.get(w, {}).get("ORT01", ""))
            for w in numbers
        )

    def availability(self, material: str, plant: str, unit: str, quantity: Decimal, date: dt.date) -> Availability:
        qty = C.validate_quantity(quantity)
        res = self._call(
            "BAPI_MATERIAL_AVAILABILITY",
            PLANT=plant,
            MATERIAL=C.matn1_in(material),
            UNIT=C.unit_in(unit),
            CHECK_RULE="A",
            WMDVSX=[{"REQ_DATE": C.date_in(date), "REQ_QTY": qty}],
        )
        msgs = messages_from(res.get("RETURN"))
        raise_for_errors(msgs)
        lines = []
        for r in res.get("WMDVEX") or []:
            d = C.date_out(r.get("COM_DATE"))
            q = C.dec(r.get("COM_QTY"))
            if d is not None and q > 0:
                lines.append(AvailabilityLine(d, q))
        return Availability(
            material=C.matn1_out(C.matn1_in(material)),
            plant=plant,
            unit=C.unit_out(unit),
            requested_quantity=qty,
            requested_date=date,
            available_at_plant=C.dec(res.get("AV_QTY_PLT")),
            confirmations=tuple(lines),
            end_of_lead_time=C.date_out(res.get("ENDLEADTME")),
            messages=msgs,
        )

    # ------------------------------------------------------------------ simulate / create
    def _draft_parts(self, draft: OrderDraft) -> tuple[list[str], list[dict], list[dict], list[dict]]:
        """Item numbers, items (BAPIITEMIN-style keys), partners, schedule lines, validated."""
        if not draft.lines:
            raise ValueError("The order has no lines")
        item_numbers, items, schedules = [], [], []
        for i, line in enumerate(draft.lines, start=1):
            qty = C.validate_quantity(line.quantity, field=f"Quantity in line {i}")
            posnr = C.item_in(i * 10)
            item_numbers.append(C.item_out(posnr))
            item = {"ITM_NUMBER": posnr, "MATERIAL": C.matn1_in(line.material)}
            if line.plant:
                item["PLANT"] = line.plant
            if line.unit:
                item["SALES_UNIT"] = C.unit_in(line.unit)
            items.append((item, qty, line))
            req_date = line.requested_date or draft.requested_date
            sched = {"ITM_NUMBER": posnr, "SCHED_LINE": "0001", "REQ_QTY": qty}
            if req_date:
                sched["REQ_DATE"] = C.date_in(req_date)
            schedules.append(sched)
        sold_to = C.alpha_in(draft.sold_to)
        ship_to = C.alpha_in(draft.ship_to) if draft.ship_to else sold_to
        partners = [
            {"PARTN_ROLE": C.role_in("SP"), "PARTN_NUMB": sold_to},
            {"PARTN_ROLE": C.role_in("SH"), "PARTN_NUMB": ship_to},
        ]
        return item_numbers, items, partners, schedules

    def simulate(self, draft: OrderDraft) -> Quote:
        item_numbers, items, partners, schedules = self._draft_parts(draft)
        header = {
            "DOC_TYPE": C.order_type_in(draft.order_type),
            "SALES_ORG": draft.sales_area.sales_org,
            "DISTR_CHAN": draft.sales_area.distr_chan,
            "DIVISION": draft.sales_area.division,
        }
        if draft.requested_date:
            header["REQ_DATE_H"] = C.date_in(draft.requested_date)
        if draft.customer_po:
            header["PURCH_NO_C"] = draft.customer_po
        if draft.po_date:
            header["PURCH_DATE"] = C.date_in(draft.po_date)
        if draft.shipping_condition:
            header["SHIP_COND"] = draft.shipping_condition
        items_in = []
        for item, qty, line in items:
            row = dict(item)
            row["REQ_QTY"] = C.numc_implied_in(qty, 13, A.ITEMIN_QTY_DECIMALS)
            if line.requested_date:
                row["REQ_DATE"] = C.date_in(line.requested_date)
            items_in.append(row)
        res = self._call(
            "BAPI_SALESORDER_SIMULATE",
            ORDER_HEADER_IN=header,
            ORDER_ITEMS_IN=items_in,
            ORDER_PARTNERS=partners,
            ORDER_SCHEDULE_IN=schedules,
        )
        return _quote_from(res, item_numbers, draft, fetched_at=_now())

    def _orders_with_po(self, draft: OrderDraft, po: str, since: dt.date | None) -> set[str]:
        params: dict[str, Any] = {
            "CUSTOMER_NUMBER": C.alpha_in(draft.sold_to),
            "SALES_ORGANIZATION": draft.sales_area.sales_org,
            "PURCHASE_ORDER_NUMBER": po,
        }
        if since:
            params["DOCUMENT_DATE"] = C.date_in(since)
        res = self._call("BAPI_SALESORDER_GETLIST", **params)
        return {
            C.text(r.get("SD_DOC"))
            for r in res.get("SALES_ORDERS") or []
            if C.text(r.get("SD_DOC")) and C.text(r.get("PURCH_NO_C") or po) == po
        }

    def create_order(self, draft: OrderDraft) -> CreatedOrder:
        if self.read_only:
            raise NotAuthorized("read-only profile")
        item_numbers, items, partners, schedules = self._draft_parts(draft)
        # a generated reference fits BAPISDHD-PURCH_NO (CHAR20), so the order screen shows it whole
        po = draft.customer_po.strip() or (
            A.GENERATED_PO_PREFIX + uuid.uuid4().hex.upper()[: 20 - len(A.GENERATED_PO_PREFIX)]
        )
        header = {
            "DOC_TYPE": C.order_type_in(draft.order_type),
            "SALES_ORG": draft.sales_area.sales_org,
            "DISTR_CHAN": draft.sales_area.distr_chan,
            "DIVISION": draft.sales_area.division,
            "PURCH_NO_C": po,
        }
        if draft.requested_date:
            header["REQ_DATE_H"] = C.date_in(draft.requested_date)
        if draft.po_date:
            header["PURCH_DATE"] = C.date_in(draft.po_date)
        if draft.shipping_condition:
            header["SHIP_COND"] = draft.shipping_condition
        items_in = []
        for item, qty, _line in items:
            row = dict(item)
            row["TARGET_QTY"] = qty
            if "SALES_UNIT" in row:
                row["TARGET_QU"] = row["SALES_UNIT"]
            items_in.append(row)
        today = self._today()
        since = today - dt.timedelta(days=1)
        # Orders that already carry this PO: a lookup after a lost answer must not mistake them
        # for the one we are creating.
        before = self._orders_with_po(draft, po, since)
        sent = False
        try:
            with self._pool.connection() as conn:
                sent = True
                res = self._invoke(
                    conn,
                    "BAPI_SALESORDER_CREATEFROMDAT2",
                    ORDER_HEADER_IN=header,
                    ORDER_ITEMS_IN=items_in,
                    ORDER_PARTNERS=partners,
                    ORDER_SCHEDULES_IN=schedules,
                )
                msgs = messages_from(res.get("RETURN"), item_by_row=item_numbers)
                number = C.text(res.get("SALESDOCUMENT"))
                if any(m.is_error for m in msgs) or not number:
                    self._rollback(conn)
                    raise SapBusinessError(messages=msgs) if msgs else SapBusinessError("SAP did not create the order")
                commit = self._invoke(conn, "BAPI_TRANSACTION_COMMIT", WAIT="X")
                cmsgs = messages_from(commit.get("RETURN"))
                if any(m.is_error for m in cmsgs):
                    self._rollback(conn)
                    raise SapBusinessError(messages=msgs + cmsgs)
                return CreatedOrder(number=C.alpha_out(number), messages=msgs + cmsgs)
        except SapUnreachable as exc:
            if not sent:
                raise
            return self._recover(draft, po, since, before, exc)

    def _rollback(self, conn: Any) -> None:
        try:
            self._invoke(conn, "BAPI_TRANSACTION_ROLLBACK")
        except SapError as exc:
            log.info("rollback failed: %s", type(exc).__name__)

    def _recover(self, draft: OrderDraft, po: str, since: dt.date, before: set[str], cause: SapUnreachable) -> CreatedOrder:
        """The answer to a create (or its commit) was lost: find out whether SAP saved it."""
        try:
            after = self._orders_with_po(draft, po, since)
        except SapError:
            raise SapUnreachable(
                f"SAP went away while saving. It is NOT known whether the order was saved: "
                f"look up customer PO {po} before sending it again."
            ) from None
        new = sorted(after - before)
        if new:
            return CreatedOrder(
                number=C.alpha_out(new[-1]),
                messages=(SapMessage("W", "", "", "The connection broke while saving; the order was found in SAP."),),
                recovered=True,
            )
        raise SapUnreachable(
            f"SAP went away while saving ({cause.title}). The order was NOT saved; the draft can be sent again."
        ) from None

    # ------------------------------------------------------------------ orders
    def find_orders(
        self,
        *,
        sales_area: SalesArea,
        customer: str = "",
        customer_po: str = "",
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        limit: int = DEFAULT_HIT_LIMIT,
    ) -> SearchResult:
        if not customer.strip():
            raise ValueError("Choose a customer first: SAP lists orders per customer")
        params: dict[str, Any] = {
            "CUSTOMER_NUMBER": C.alpha_in(customer),
            "SALES_ORGANIZATION": sales_area.sales_org,
        }
        if customer_po.strip():
            params["PURCHASE_ORDER_NUMBER"] = customer_po.strip()
        if date_from:
            params["DOCUMENT_DATE"] = C.date_in(date_from)
        if date_to:
            params["DOCUMENT_DATE_TO"] = C.date_in(date_to)
        res = self._call("BAPI_SALESORDER_GETLIST", **params)
        msgs = messages_from(res.get("RETURN"))
        orders: dict[str, dict] = {}
        for r in res.get("SALES_ORDERS") or []:
            n = C.text(r.get("SD_DOC"))
            if not n:
                continue
            o = orders.setdefault(n, {"row": r, "items": 0, "net": ZERO})
            o["items"] += 1
            o["net"] += C.dec(r.get("NET_VALUE") or 0)
        if not orders and any(m.is_error for m in msgs):
            raise SapBusinessError(messages=msgs)
        summaries = []
        for n, o in orders.items():
            r = o["row"]
            net = C.dec(r.get("NET_VAL_HD")) if r.get("NET_VAL_HD") not in (None, "") else o["net"]
            summaries.append(
                OrderSummary(
                    number=C.alpha_out(n),
                    order_type=C.order_type_out(C.text(r.get("DOC_TYPE"))),
                    created=C.date_out(r.get("CREATION_DATE")) or C.date_out(r.get("DOC_DATE")),
                    sold_to=C.alpha_out(C.text(r.get("SOLD_TO")) or params["CUSTOMER_NUMBER"]),
                    customer_po=C.text(r.get("PURCH_NO_C")) or C.text(r.get("PURCH_NO")),
                    net_value=net,
                    currency=C.text(r.get("CURRENCY")),
                    items=o["items"],
                    status=A.PROCESSING_STATUS_TEXT.get(C.text(r.get("DOC_STATUS")), C.text(r.get("DOC_STATUS"))),
                )
            )
        summaries.sort(key=lambda s: (s.created or dt.date.min, s.number.zfill(10)), reverse=True)
        return SearchResult(hits=tuple(summaries[:limit]), limit=limit, truncated=len(summaries) > limit)

    def order(self, number: str) -> Order:
        vbeln = C.alpha_in(number)
        view = {k: "X" for k in ("HEADER", "ITEM", "SDSCHEDULE", "PARTNER", "STATUS_H", "STATUS_I", "FLOW")}
        res = self._call("BAPISDORDER_GETDETAILEDLIST", I_BAPI_VIEW=view, SALES_DOCUMENTS=[{"VBELN": vbeln}])
        headers = res.get("ORDER_HEADERS_OUT") or []
        if not headers:
            raise NotFound(f"Order {C.alpha_out(vbeln)} does not exist")
        return _order_from(res, headers[0], fetched_at=_now())

    # ------------------------------------------------------------------ shipping & billing
    def deliveries(self, numbers: tuple[str, ...]) -> tuple[Delivery, ...]:
        vbelns = [C.alpha_in(n) for n in numbers if n and n.strip()]
        if not vbelns:
            return ()
        res = self._call(
            "BAPI_DELIVERY_GETLIST",
            IS_DLV_DATA_CONTROL={"BYPASSING_BUFFER": "X", "HEAD_STATUS": "X", "HEAD_PARTNER": "X", "ITEM": "X"},
            IT_VBELN=[{"SIGN": "I", "OPTION": "EQ", "DELIV_NUMB_LOW": v, "DELIV_NUMB_HIGH": ""} for v in vbelns],
        )
        raise_for_errors(messages_from(res.get("RETURN")))
        headers = res.get("ET_DELIVERY_HEADER") or []
        if not headers:
            return ()
        likp = {
            r["VBELN"]: r
            for r in self._read_in(
                "LIKP", ("VBELN", "KUNNR", "BOLNR", "TRAID", "TRATY", "WADAT_IST", "LFDAT", "WADAT", "VSTEL"),
                "VBELN", [C.text(h.get("VBELN")) for h in headers],
            )
        }
        pf = A.DELIVERY_PARTNER_FIELDS
        carrier_of: dict[str, str] = {}
        for p in res.get("ET_DELIVERY_PARTNER") or []:
            if C.text(_first(p, pf["role"])) == A.CARRIER_PARTNER_ROLE:
                carrier_of.setdefault(C.text(_first(p, pf["delivery"])), C.text(_first(p, pf["number"])))
        names = {r["LIFNR"]: r.get("NAME1", "") for r in self._read_in("LFA1", ("LIFNR", "NAME1"), "LIFNR", list(carrier_of.values()))}
        items_of: dict[str, list[DeliveryItem]] = {}
        for it in res.get("ET_DELIVERY_ITEM") or []:
            items_of.setdefault(C.text(it.get("VBELN")), []).append(
                DeliveryItem(
                    item=C.item_out(it.get("POSNR")),
                    material=C.matn1_out(it.get("MATNR")),
                    description=C.text(it.get("ARKTX")),
                    quantity=C.dec(it.get("LFIMG")),
                    unit=C.unit_out(C.text(it.get("VRKME") or it.get("MEINS"))),
                    order=C.alpha_out(it.get("VGBEL")),
                    order_item=C.item_out(it.get("VGPOS")),
                )
            )
        out = []
        for h in headers:
            v = C.text(h.get("VBELN"))
            lk = likp.get(v, {})
            carrier_no = carrier_of.get(v, "")
            out.append(
                Delivery(
                    number=C.alpha_out(v),
                    created=C.date_out(h.get("ERDAT")),
                    shipping_point=C.text(h.get("VSTEL")) or lk.get("VSTEL", ""),
                    ship_to=C.alpha_out(lk.get("KUNNR", "")),
                    planned_goods_issue=C.date_out(h.get("WADAT") or lk.get("WADAT")),
                    actual_goods_issue=C.date_out(lk.get("WADAT_IST")),
                    delivery_date=C.date_out(h.get("LFDAT") or lk.get("LFDAT")),
                    carrier=names.get(carrier_no) or C.alpha_out(carrier_no),
                    tracking_number=lk.get("BOLNR", "") or lk.get("TRAID", ""),
                    means_of_transport=lk.get("TRATY", ""),
                    items=tuple(items_of.get(v, ())),
                )
            )
        return tuple(out)

    _VBRK_FIELDS = ("VBELN", "FKART", "VBTYP", "WAERK", "VKORG", "VTWEG", "SPART", "FKDAT", "KUNRG", "KUNAG",
                    "NETWR", "MWSBK", "ZTERM", "FKSTO", "RFBSK", "BUKRS", "ERDAT")

    def invoice(self, number: str) -> Invoice:
        vbeln = C.alpha_in(number)
        rows = self._read_table("VBRK", self._VBRK_FIELDS, f"VBELN = {literal(vbeln)}")
        if not rows:
            raise NotFound(f"Invoice {C.alpha_out(vbeln)} does not exist")
        k = rows[0]
        items = tuple(
            InvoiceItem(
                item=C.item_out(r.get("POSNR")),
                material=C.matn1_out(r.get("MATNR")),
                description=r.get("ARKTX", ""),
                quantity=C.dec(r.get("FKIMG")),
                unit=C.unit_out(r.get("VRKME", "")),
                net_value=C.dec(r.get("NETWR")),
                tax=C.dec(r.get("MWSBP")),
                order=C.alpha_out(r.get("AUBEL")),
                delivery=C.alpha_out(r.get("VGBEL")),
            )
            for r in sorted(
                self._read_table("VBRP", ("VBELN", "POSNR", "FKIMG", "VRKME", "NETWR", "MWSBP", "MATNR", "ARKTX",
                                          "AUBEL", "AUPOS", "VGBEL", "VGPOS"), f"VBELN = {literal(vbeln)}"),
                key=lambda r: r.get("POSNR", ""),
            )
        )
        inv = _invoice_from(k, items)
        if inv.posted and k.get("KUNRG"):
            open_ = self.open_items(C.alpha_out(k["KUNRG"]), key_date=self._today(), company_code=k.get("BUKRS", ""))
            inv = _with_open_items(inv, open_)
        return inv

    def invoices_for(self, customer: str, *, sales_area: SalesArea, limit: int = 50) -> tuple[Invoice, ...]:
        kunnr = C.alpha_in(customer)
        rows = self._read_table(
            "VBRK", self._VBRK_FIELDS,
            f"KUNAG = {literal(kunnr)} AND VKORG = {literal(sales_area.sales_org)} "
            f"AND VTWEG = {literal(sales_area.distr_chan)}",
        )
        rows.sort(key=lambda r: (r.get("FKDAT", ""), r.get("VBELN", "")), reverse=True)
        invoices = [_invoice_from(r, ()) for r in rows[:limit]]
        if any(i.posted for i in invoices):
            payers = {r.get("KUNRG", "") for r in rows[:limit] if r.get("KUNRG")}
            open_all: list[OpenItem] = []
            for payer in sorted(payers):
                company = A.COMPANY_CODE.get(sales_area.sales_org, A.DEFAULT_COMPANY_CODE)
                open_all.extend(self.open_items(C.alpha_out(payer), key_date=self._today(), company_code=company))
            invoices = [_with_open_items(i, open_all) if i.posted else i for i in invoices]
        return tuple(invoices)

    def open_items(self, customer: str, *, key_date: dt.date, company_code: str = "") -> tuple[OpenItem, ...]:
        if not company_code:
            # the company code of the customer's (first) sales organization
            areas = self.customer_sales_areas(customer)
            company_code = A.COMPANY_CODE.get(areas[0].sales_org, "") if areas else ""
        res = self._call(
            "BAPI_AR_ACC_GETOPENITEMS",
            COMPANYCODE=company_code or A.DEFAULT_COMPANY_CODE,
            CUSTOMER=C.alpha_in(customer),
            KEYDATE=C.date_in(key_date),
        )
        msgs = messages_from(res.get("RETURN"))
        raise_for_errors(msgs)
        out = []
        for r in res.get("LINEITEMS") or []:
            amount = abs(C.dec(r.get("AMT_DOCCUR")))
            if C.text(r.get("DB_CR_IND")) == A.CREDIT_INDICATOR:
                amount = -amount
            baseline = C.date_out(r.get("BLINE_DATE"))
            days = int(C.dec(r.get("NETTERMS")))
            due = baseline + dt.timedelta(days=days) if baseline else None
            out.append(
                OpenItem(
                    document=C.alpha_out(r.get("DOC_NO")),
                    fiscal_year=C.text(r.get("FISC_YEAR")),
                    item=C.item_out(r.get("ITEM_NUM")),
                    doc_type=C.text(r.get("DOC_TYPE")),
                    reference=C.alpha_out(C.text(r.get("REF_DOC_NO")) or C.text(r.get("ALLOC_NMBR"))),
                    posting_date=C.date_out(r.get("PSTNG_DATE")),
                    document_date=C.date_out(r.get("DOC_DATE")),
                    baseline_date=baseline,
                    due_date=due,
                    amount=amount,
                    currency=C.text(r.get("CURRENCY")),
                    text=C.text(r.get("ITEM_TEXT")),
                    dunning_level=int(C.dec(r.get("DUNN_LEVEL"))),
                )
            )
        out.sort(key=lambda i: (i.due_date or dt.date.max, i.document))
        return tuple(out)


# --------------------------------------------------------------------------- parsing helpers


def _has_error_message(result: Any) -> bool:
    if not isinstance(result, dict):
        return False
    for key in ("RETURN", "MESSAGETABLE"):
        val = result.get(key)
        rows = [val] if isinstance(val, dict) else (val or [])
        if any(C.text(r.get("TYPE")).upper() in ("E", "A", "X") for r in rows if isinstance(r, dict)):
            return True
    return False


def _parse_read_table(result: dict, wanted: Sequence[str]) -> list[dict]:
    meta = result.get("FIELDS") or []
    names = [C.text(f.get("FIELDNAME")) for f in meta] or list(wanted)
    out = []
    for row in result.get("DATA") or []:
        wa = row.get("WA", "") if isinstance(row, dict) else str(row)
        parts = wa.split("|")
        if len(parts) != len(names) and meta and all(f.get("OFFSET") not in (None, "") for f in meta):
            parts = [wa[int(f["OFFSET"]): int(f["OFFSET"]) + int(f.get("LENGTH") or 0)] for f in meta]
        parts += [""] * (len(names) - len(parts))
        out.append({n: p.strip() for n, p in zip(names, parts)})
    return out


#: partner functions in the order a caller reads them: sold-to, ship-to(s), bill-to, payer
_ROLE_ORDER = {"AG": 0, "WE": 1, "RE": 2, "RG": 3}


def _contact_name(r: dict) -> str:
    return " ".join(p for p in (r.get("NAMEV", ""), r.get("NAME1", "")) if p)


#: KNA1-TELF1 is CHAR 16: SAP cuts a longer number typed in the address (ADR2) to fit
_TELF1_LENGTH = 16


def _telf1(value: str) -> str:
    """KNA1-TELF1 for display; a full field may be a cut number and says so with a trailing '…'
    (``format.phone`` drops the mark again when the 16 characters are a whole number)."""
    return value + "…" if len(value) >= _TELF1_LENGTH else value


def _hit(r: dict) -> CustomerHit:
    return CustomerHit(
        number=C.alpha_out(r.get("KUNNR")),
        name=r.get("NAME1", ""),
        city=r.get("ORT01", ""),
        postal_code=r.get("PSTLZ", ""),
        country=r.get("LAND1", ""),
        phone=_telf1(r.get("TELF1", "")),
        blocked=bool(r.get("AUFSD") or C.flag(r.get("SPERR")) or C.flag(r.get("LOEVM"))),
    )


def _condition(r: dict, item: str) -> Condition:
    ctype = C.text(r.get("COND_TYPE"))
    unit = C.text(r.get("CURRENCY"))
    calc = C.text(r.get("CALCTYPCON"))
    rate_unit = "%" if calc == "A" else unit
    return Condition(
        item=item,
        step=int(C.dec(r.get("COND_ST_NO"))),
        counter=int(C.dec(r.get("COND_COUNT"))),
        type=ctype,
        name=A.CONDITION_NAMES.get(ctype, ctype),
        rate=C.dec(r.get("COND_VALUE")),
        rate_unit=rate_unit,
        per=C.dec(r.get("COND_P_UNT")),
        uom=C.unit_out(C.text(r.get("COND_UNIT"))),
        value=C.dec(r.get("CONDVALUE")),
        currency=C.text(r.get("CURRENCY_2")) or unit,
        statistical=C.flag(r.get("STAT_CON")),
        inactive=C.flag(r.get("CONDISACTI")),
    )


def _is_credit_message(m: SapMessage) -> bool:
    return m.id == A.CREDIT_MESSAGE_CLASS and m.number in A.CREDIT_MESSAGE_NUMBERS


def _quote_from(res: dict, item_numbers: list[str], draft: OrderDraft, *, fetched_at: dt.datetime) -> Quote:
    msgs = messages_from(res.get("MESSAGETABLE"), item_by_row=item_numbers) + messages_from(res.get("RETURN"))
    # de-duplicate: RETURN repeats a MESSAGETABLE message (without its item); keep the first,
    # which carries the item
    seen, unique = set(), []
    for m in msgs:
        key = (m.type, m.id, m.number, m.text)
        if key not in seen:
            seen.add(key)
            unique.append(m)
    per_item: dict[str, list[SapMessage]] = {}
    header_msgs = []
    for m in unique:
        if m.item:
            per_item.setdefault(m.item, []).append(m)
        else:
            header_msgs.append(m)
    conds: dict[str, list[Condition]] = {}
    for r in res.get("ORDER_CONDITION_EX") or []:
        item = C.item_out(r.get("ITM_NUMBER"))
        conds.setdefault(item, []).append(_condition(r, item))
    sched: dict[str, list[ScheduleLine]] = {}
    for r in res.get("ORDER_SCHEDULE_EX") or []:
        item = C.item_out(r.get("ITM_NUMBER"))
        sched.setdefault(item, []).append(_schedule(r, item))
    lines = []
    currency = ""
    net_total = tax_total = ZERO
    for r in res.get("ORDER_ITEMS_OUT") or []:
        item = C.item_out(r.get("ITM_NUMBER"))
        cur = C.text(r.get("CURRENCY"))
        currency = currency or cur
        if r.get("NET_VALUE1") not in (None, ""):
            net = C.dec(r.get("NET_VALUE1"))
        else:
            net = C.numc_implied_out(r.get("NET_VALUE"), A.ITEMEX_VALUE_DECIMALS)
        tax = C.dec(r.get("TX_DOC_CUR"))
        rejected = bool(C.text(r.get("REASON_REJ")))
        if not rejected:
            net_total += net
            tax_total += tax
        qty = C.dec(r.get("REQ_QTY")) or C.dec(r.get("TARGET_QTY"))
        lines.append(
            QuoteLine(
                item=item,
                material=C.matn1_out(r.get("MATERIAL")),
                description=C.text(r.get("SHORT_TEXT")),
                quantity=qty,
                unit=C.unit_out(C.text(r.get("SALES_UNIT"))),
                plant=C.text(r.get("PLANT")),
                net_value=net,
                tax=tax,
                currency=cur,
                conditions=tuple(sorted(conds.get(item, ()), key=lambda c: (c.step, c.counter))),
                schedule=tuple(sorted(sched.get(item, ()), key=lambda s: s.line)),
                messages=tuple(per_item.get(item, ())),
                rejected=rejected,
            )
        )
    # lines SAP did not return (e.g. unknown material) still carry their messages
    returned = {line.item for line in lines}
    for item, item_msgs in per_item.items():
        if item not in returned:
            idx = item_numbers.index(item) if item in item_numbers else -1
            dl = draft.lines[idx] if idx >= 0 else None
            lines.append(
                QuoteLine(
                    item=item,
                    material=dl.material if dl else "",
                    description="",
                    quantity=C.dec(dl.quantity) if dl else ZERO,
                    unit=dl.unit if dl else "",
                    plant=dl.plant if dl else "",
                    net_value=ZERO,
                    tax=ZERO,
                    currency=currency,
                    messages=tuple(item_msgs),
                    rejected=True,
                )
            )
    lines.sort(key=lambda line: int(line.item) if line.item.isdigit() else 0)
    payer = res.get("BILLING_PARTY") or {}
    credit_msgs = tuple(m for m in unique if _is_credit_message(m))
    credit = None
    if C.text(payer.get("PAYER")) or C.text(payer.get("CRED_ACCNT")) or credit_msgs:
        credit = CreditCheck(
            account=C.alpha_out(payer.get("CRED_ACCNT") or payer.get("PAYER")),
            credit_control_area=C.text(payer.get("C_CTR_AREA")),
            currency=C.text(payer.get("CURRENCY")),
            limit=C.dec(payer.get("CRED_LIMIT")),
            receivables=C.dec(payer.get("RCVBL_VALS")),
            open_orders=C.dec(payer.get("ORDER_VALS")),
            liabilities=C.dec(payer.get("CRED_LIAB")),
            blocked=bool(credit_msgs),
            messages=credit_msgs,
        )
    sold = res.get("SOLD_TO_PARTY") or {}
    incomplete = tuple(
        C.text(r.get("FIELD_TEXT")) or C.text(r.get("FIELD_NAME")) for r in res.get("ORDER_INCOMPLETE") or []
    )
    return Quote(
        lines=tuple(lines),
        currency=currency or C.text(sold.get("CURRENCY")) or C.text(payer.get("CURRENCY")),
        net_total=net_total,
        tax_total=tax_total,
        messages=tuple(header_msgs),
        credit=credit,
        header_conditions=tuple(conds.get("", ())),
        incomplete=tuple(i for i in incomplete if i),
        fetched_at=fetched_at,
    )


def _schedule(r: dict, item: str) -> ScheduleLine:
    return ScheduleLine(
        item=item,
        line=int(C.dec(r.get("SCHED_LINE"))),
        requested_date=C.date_out(r.get("REQ_DATE")),
        requested_qty=C.dec(r.get("REQ_QTY")),
        confirmed_qty=C.dec(r.get("CONFIR_QTY")),
        delivery_date=C.date_out(r.get("REQ_DATE")) if C.dec(r.get("CONFIR_QTY")) > 0 else None,
        goods_issue_date=C.date_out(r.get("GI_DATE")),
        unit=C.unit_out(C.text(r.get("SALES_UNIT"))),
    )


_FLOW_CATEGORY = {
    "C": "Order", "J": "Delivery", "M": "Invoice", "N": "Invoice cancellation", "O": "Credit memo",
    "P": "Debit memo", "H": "Returns", "T": "Returns delivery", "R": "Goods movement", "U": "Pro forma invoice",
    "8": "Shipment",
}


def order_status_text(st: dict) -> str:
    """One word for where an order stands, from its header status letters."""
    if C.text(st.get("TOTSTATCCH")) == "B":
        return A.CREDIT_STATUS_TEXT["B"]
    if C.text(st.get("OVERALLREJ")) == "C":
        return A.REJECTION_STATUS_TEXT["C"]
    bill = C.text(st.get("BILLSTATUS"))
    if bill in ("B", "C"):
        return A.BILLING_STATUS_TEXT[bill]
    dlv = C.text(st.get("DLV_STAT_H"))
    if dlv in ("B", "C"):
        return A.DELIVERY_STATUS_TEXT[dlv]
    prc = C.text(st.get("PRC_STAT_H"))
    if prc == "C":
        return A.PROCESSING_STATUS_TEXT["C"]
    return A.PROCESSING_STATUS_TEXT["A"]


def _order_from(res: dict, h: dict, *, fetched_at: dt.datetime) -> Order:
    number = C.text(h.get("DOC_NUMBER"))
    st = next((s for s in res.get("ORDER_STATUSHEADERS_OUT") or [] if C.text(s.get("SD_DOC")) in (number, "")), {})
    ist = {C.item_out(s.get("ITM_NUMBER")): s for s in res.get("ORDER_STATUSITEMS_OUT") or []}
    partners = res.get("ORDER_PARTNERS_OUT") or []

    def partner(role: str) -> str:
        for p in partners:
            if C.text(p.get("PARTN_ROLE")) == role and C.item_out(p.get("ITM_NUMBER")) == "":
                return C.alpha_out(p.get("CUSTOMER"))
        return ""

    items = []
    for r in res.get("ORDER_ITEMS_OUT") or []:
        item = C.item_out(r.get("ITM_NUMBER"))
        s = ist.get(item, {})
        items.append(
            OrderItem(
                item=item,
                material=C.matn1_out(r.get("MATERIAL")),
                description=C.text(r.get("SHORT_TEXT")),
                quantity=C.dec(r.get("REQ_QTY")) or C.dec(r.get("TARGET_QTY")),
                confirmed_qty=C.dec(r.get("CUM_CF_QTY")),
                unit=C.unit_out(C.text(r.get("SALES_UNIT"))),
                net_value=C.dec(r.get("NET_VALUE")),
                net_price=C.dec(r.get("NET_PRICE")),
                currency=C.text(r.get("CURRENCY")),
                plant=C.text(r.get("PLANT")),
                delivery_status=A.DELIVERY_STATUS_TEXT.get(C.text(s.get("DLV_STAT_I")), ""),
                billing_status=A.BILLING_STATUS_TEXT.get(C.text(s.get("BILLSTATIT")), ""),
                rejection_reason=C.text(r.get("REA_FOR_RE")),
            )
        )
    schedule = tuple(
        _schedule(r, C.item_out(r.get("ITM_NUMBER")))
        for r in res.get("ORDER_SCHEDULES_OUT") or []
    )
    flow = tuple(
        DocumentFlow(
            preceding=C.alpha_out(r.get("PRECSDDOC")),
            preceding_item=C.item_out(r.get("PREDITDOC")),
            subsequent=C.alpha_out(r.get("SUBSSDDOC")),
            subsequent_item=C.item_out(r.get("SUBSITDOC")),
            category=C.text(r.get("DOCCATEGOR")),
            category_text=_FLOW_CATEGORY.get(C.text(r.get("DOCCATEGOR")), C.text(r.get("DOCCATEGOR"))),
            quantity=C.dec(r.get("REF_QTY")),
            created=C.date_out(r.get("CREAT_DATE")),
        )
        for r in res.get("ORDER_FLOWS_OUT") or []
        if C.text(r.get("SUBSSDDOC")) and C.text(r.get("SUBSSDDOC")) != number
    )
    return Order(
        number=C.alpha_out(number),
        order_type=C.order_type_out(C.text(h.get("DOC_TYPE"))),
        created=C.date_out(h.get("REC_DATE")) or C.date_out(h.get("DOC_DATE")),
        sold_to=C.alpha_out(h.get("SOLD_TO")) or partner("AG"),
        ship_to=partner("WE"),
        payer=partner("RG"),
        customer_po=C.text(h.get("PURCH_NO")),
        sales_area=SalesArea(C.text(h.get("SALES_ORG")), C.text(h.get("DISTR_CHAN")), C.text(h.get("DIVISION"))),
        requested_date=C.date_out(h.get("REQ_DATE_H")),
        net_value=C.dec(h.get("NET_VAL_HD")),
        currency=C.text(h.get("CURRENCY")),
        items=tuple(sorted(items, key=lambda i: int(i.item) if i.item.isdigit() else 0)),
        schedule=schedule,
        flow=flow,
        overall_status=order_status_text(st),
        delivery_status=A.DELIVERY_STATUS_TEXT.get(C.text(st.get("DLV_STAT_H")), ""),
        billing_status=A.BILLING_STATUS_TEXT.get(C.text(st.get("BILLSTATUS")), ""),
        credit_status=A.CREDIT_STATUS_TEXT.get(C.text(st.get("TOTSTATCCH")), ""),
        rejection_status=A.REJECTION_STATUS_TEXT.get(C.text(st.get("OVERALLREJ")), ""),
        delivery_block=C.text(h.get("DLV_BLOCK")),
        billing_block=C.text(h.get("BILL_BLOCK")),
        fetched_at=fetched_at,
    )


def net_days(terms: str) -> int | None:
    """Net days of a payment terms key: the assumptions table, else the NTnn convention."""
    terms = (terms or "").strip().upper()
    if terms in A.PAYMENT_TERMS_NET_DAYS:
        return A.PAYMENT_TERMS_NET_DAYS[terms]
    m = re.match(r"^NT(\d+)$", terms)
    return int(m.group(1)) if m else None


def _invoice_from(k: dict, items: tuple[InvoiceItem, ...]) -> Invoice:
    cur = k.get("WAERK", "")
    billed = C.date_out(k.get("FKDAT"))
    days = net_days(k.get("ZTERM", ""))
    return Invoice(
        number=C.alpha_out(k.get("VBELN")),
        billing_type=k.get("FKART", ""),
        date=C.date_out(k.get("FKDAT")),
        payer=C.alpha_out(k.get("KUNRG")),
        sold_to=C.alpha_out(k.get("KUNAG")),
        net_value=C.dec(k.get("NETWR")),
        tax=C.dec(k.get("MWSBK")),
        currency=cur,
        payment_terms=k.get("ZTERM", ""),
        cancelled=C.flag(k.get("FKSTO")),
        posted=k.get("RFBSK", "") == "C",
        items=items,
        due_date=billed + dt.timedelta(days=days) if billed and days is not None else None,
    )


def _with_open_items(inv: Invoice, open_items: Iterable[OpenItem]) -> Invoice:
    """Due date and open amount of an invoice from the payer's FI open items (0 open = paid)."""
    mine = [i for i in open_items if i.reference == inv.number]
    if not mine:
        return _replace(inv, open_amount=ZERO)
    due = min((i.due_date for i in mine if i.due_date), default=inv.due_date)
    return _replace(inv, open_amount=sum((i.amount for i in mine), ZERO), due_date=due)


def _replace(obj: Any, **changes: Any) -> Any:
    import dataclasses

    return dataclasses.replace(obj, **changes)
