"""The deep profile test: is this SAP system the one ordertui expects, and may the user do it all?

``run(factory, user=...)`` logs on (``factory()``), then for every function module ordertui
calls (``rfc.usage.FUNCTIONS``) asks the system for its interface (``get_function_description``)
and for every table it reads (``rfc.usage.TABLES``) asks RFC_READ_TABLE for the fields' metadata
(``NO_DATA='X'``), and holds both against what ordertui expects: the interface catalogue
(``ordertui/sap/interfaces.json``) for function modules, ``usage.TABLES`` for tables. Only what
ordertui uses is compared: a parameter or field it never touches may differ freely.

Then one harmless call per function module finds missing authorizations: reads with a key that
cannot match (``NO_SUCH``), BAPI_SALESORDER_SIMULATE (which never saves), CREATEFROMDAT2 with
``TESTRUN='X'`` for a sold-to that cannot exist, followed by a rollback; BAPI_TRANSACTION_COMMIT is
never called. A read-only profile skips the create calls. The table reads of the interface check
are the table authorization check too (RFC_READ_TABLE checks S_TABU_DIS / S_TABU_NAM before
anything else).

A key that cannot match proves the function module may be called (S_RFC) and that SAP's checks
before the database read pass; checks a BAPI makes on the record it found (sales area, account
group) are not reached. docs/sap-setup.md says which objects those are.

Nothing here imports a UI; ``Report.lines()`` is plain text for the CLI to print.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ordertui.sap import assumptions as A
from ordertui.sap.connection import RfcConnection
from ordertui.sap.errors import NotAuthorized, SapError
from ordertui.sap.rfc import map_rfc_error, messages_from
from ordertui.sap.rfc.usage import FUNCTIONS, TABLES, WRITE_FUNCTIONS, DdicField, alternatives

#: A key no customer, material, document or user can have (fits CHAR10 and up).
NO_SUCH = "#ORDERTUI#"
#: A plant or company code that cannot exist (CHAR4).
NO_SUCH_ORG = "#OT#"

AUTHORIZED, NOT_AUTHORIZED, FAILED, NOT_CHECKED = "authorized", "not authorized", "failed", "not checked"

_AUTH_TEXT = re.compile(r"authori[sz]|berechtigung|no authority", re.I)
_CATALOGUE = Path(__file__).resolve().parent / "interfaces.json"


@dataclass(frozen=True)
class Finding:
    """One difference between the system and ordertui's expectation. ``problem``: ordertui
    cannot work as it should; otherwise a note (e.g. a field longer than assumed)."""

    text: str
    problem: bool = True


@dataclass
class Check:
    """One line of the report: a function module or a table."""

    kind: str  # "function" | "table"
    name: str
    findings: list[Finding] = field(default_factory=list)
    access: str = NOT_CHECKED
    access_text: str = ""

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.problem]

    @property
    def ok(self) -> bool:
        return not self.problems and self.access in (AUTHORIZED, NOT_CHECKED)


@dataclass
class Report:
    system: str = ""
    release: str = ""
    client: str = ""
    user: str = ""
    library: str = ""
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    def lines(self, width: int = 100) -> list[str]:
        """The report as plain text: one row per function module / table, then a verdict."""
        import textwrap  # noqa: PLC0415

        head = f"system {self.system or '?'} release {self.release or '?'} client {self.client or '?'} user {self.user or '?'}"
        out = [head + (f"  ({self.library})" if self.library else ""), ""]
        name_w = max([len("FUNCTION MODULE / TABLE")] + [len(c.name) for c in self.checks]) + 2
        rows = []
        for c in self.checks:
            iface = [("" if f.problem else "note: ") + f.text for f in c.findings] or ["ok"]
            access = c.access.upper() if c.access in (NOT_AUTHORIZED, FAILED) else c.access
            rows.append((c.name, iface, access + (f": {c.access_text}" if c.access_text else "")))
        longest = max((len(t) for _, iface, _ in rows for t in iface), default=10)
        iface_w = max(20, min(longest + 2, (width - name_w) * 3 // 5))
        access_w = max(20, width - name_w - iface_w)
        out.append(f"{'FUNCTION MODULE / TABLE':<{name_w}}{'INTERFACE':<{iface_w}}AUTHORIZATION")
        for name, iface, access in rows:
            left = [w for text in iface for w in textwrap.wrap(text, iface_w - 2, subsequent_indent="  ")]
            right = textwrap.wrap(access, access_w, subsequent_indent="  ") or [""]
            for i in range(max(len(left), len(right))):
                a = left[i] if i < len(left) else ""
                b = right[i] if i < len(right) else ""
                out.append(f"{name if i == 0 else '':<{name_w}}{a:<{iface_w}}{b}".rstrip())
        out.append("")
        failed = self.failed
        if not failed:
            out.append(f"OK: all {len(self.checks)} function modules and tables as ordertui expects them, all authorized")
        else:
            out.append(f"{len(failed)} of {len(self.checks)} with problems: {', '.join(c.name for c in failed)}")
        return out


# --------------------------------------------------------------------------- expectations


@cache
def catalogue() -> dict[str, Any]:
    """The interface catalogue (what ordertui expects of each function module)."""
    with open(_CATALOGUE, encoding="utf-8") as fh:
        loaded: dict[str, Any] = json.load(fh)
    return loaded


def _expected_fields(param: Mapping[str, Any]) -> dict[str, Any]:
    struct = catalogue()["structures"].get(param.get("type") or "")
    if struct and struct.get("fields"):
        fields: dict[str, Any] = struct["fields"]
        return fields
    inline: dict[str, Any] = param.get("fields") or {}
    return inline


_RFC_CHAR = {"CHAR", "CUKY", "UNIT", "LANG", "CLNT", "ACCP"}
_RFC_TYPE = {"NUMC": "NUM", "DATS": "DATE", "TIMS": "TIME", "DEC": "BCD", "CURR": "BCD", "QUAN": "BCD",
             "INT4": "INT", "INT2": "INT2", "INT1": "INT1", "INT8": "INT8", "FLTP": "FLOAT", "STRING": "STRING",
             "SSTRING": "STRING", "RAW": "BYTE"}
_ABAP_OF = {"CHAR": "CHAR", "NUM": "NUMC", "DATE": "DATS", "TIME": "TIMS", "BCD": "DEC", "INT": "INT4",
            "FLOAT": "FLTP", "STRING": "STRING", "BYTE": "RAW", "STRUCTURE": "structure", "TABLE": "table"}


def _rfc_type(abap: str | None) -> str:
    if not abap or abap in _RFC_CHAR:
        return "CHAR"
    return _RFC_TYPE.get(abap, abap)


def _size(rfc_type: str, nuc_length: int, decimals: int) -> str:
    if rfc_type in ("CHAR", "NUM"):
        return f"{_ABAP_OF[rfc_type]} {nuc_length}"
    if rfc_type == "BCD":
        return f"DEC {2 * nuc_length - 1}.{decimals}" if decimals else f"DEC {2 * nuc_length - 1}"
    return _ABAP_OF.get(rfc_type, rfc_type)


def _compare_scalar(where: str, expected: Mapping[str, Any], rfc_type: str, nuc_length: int, decimals: int) -> list[Finding]:
    """What differs between an expected DDIC field/parameter and what the system describes."""
    want_type = _rfc_type(expected.get("abap"))
    length = expected.get("length")
    want_dec = int(expected.get("decimals") or 0)
    if want_type != rfc_type:
        want = f"{expected.get('abap')} {length}" if length else str(expected.get("abap"))
        return [Finding(f"{where} is {_size(rfc_type, nuc_length, decimals)}, ordertui expects {want}")]
    if not length:
        return []
    if rfc_type in ("CHAR", "NUM"):
        if nuc_length < length:
            return [Finding(f"{where} is {_size(rfc_type, nuc_length, 0)}, shorter than the {length} ordertui assumes")]
        if nuc_length > length:
            return [Finding(f"{where} is {_size(rfc_type, nuc_length, 0)}, longer than the {length} ordertui assumes", False)]
    if rfc_type == "BCD":  # packed: two digits a byte and a sign, so DEC 28 and DEC 29 take 15 bytes
        want_bytes = length // 2 + 1
        if decimals != want_dec or nuc_length < want_bytes:
            return [Finding(f"{where} is {_size(rfc_type, nuc_length, decimals)}, ordertui expects DEC {length}.{want_dec}")]
        if nuc_length > want_bytes:
            return [Finding(f"{where} is {_size(rfc_type, nuc_length, decimals)}, more digits than the {length} "
                            "ordertui assumes", False)]
    return []


# --------------------------------------------------------------------------- function modules


def _get(obj: Any, name: str) -> Any:
    """An attribute of pyrfc's description objects, or a key where a library answers with dicts."""
    if isinstance(obj, Mapping):
        return obj.get(name)
    return getattr(obj, name, None)


def _type_name(kind: str) -> str:
    return {"scalar": "a single value", "structure": "a structure", "table": "a table"}[kind]


def check_interface(fm: str, description: Any) -> list[Finding]:
    """``description`` (pyrfc's FunctionDescription) against what ordertui uses of ``fm``."""
    expected = catalogue()["functions"][fm]["params"]
    params = {str(_get(p, "name")): p for p in _get(description, "parameters") or []}
    findings: list[Finding] = []
    for pname, specs in FUNCTIONS[fm].items():
        want = expected.get(pname, {})
        got = params.get(pname)
        if got is None:
            findings.append(Finding(f"parameter {pname} missing"))
            continue
        ptype = str(_get(got, "parameter_type") or "").removeprefix("RFCTYPE_")
        kind = "table" if ptype == "TABLE" else "structure" if ptype == "STRUCTURE" else "scalar"
        if want and want.get("kind") and want["kind"] != kind:
            findings.append(Finding(f"{pname} is {_type_name(kind)}, ordertui expects {_type_name(want['kind'])}"))
            continue
        if kind == "scalar":
            if want:
                findings += _compare_scalar(pname, want, ptype, int(_get(got, "nuc_length") or 0),
                                            int(_get(got, "decimals") or 0))
            continue
        td = _get(got, "type_description")
        fields = {str(_get(f, "name")): f for f in (_get(td, "fields") or [])}
        known = _expected_fields(want)
        for spec in specs:
            names, optional = alternatives(spec)
            present = [n for n in names if n in fields]
            if not present:
                what = " or ".join(names)
                findings.append(Finding(f"{pname}-{what} missing", problem=not optional))
                continue
            for n in present:
                if n in known:
                    f = fields[n]
                    findings += _compare_scalar(f"{pname}-{n}", known[n], str(_get(f, "field_type") or "").removeprefix("RFCTYPE_"),
                                                int(_get(f, "nuc_length") or 0), int(_get(f, "decimals") or 0))
    return findings


# --------------------------------------------------------------------------- tables


def compare_table(table: str, meta: Sequence[Mapping[str, Any]]) -> list[Finding]:
    """RFC_READ_TABLE's FIELDS answer (NO_DATA) against ``usage.TABLES[table]``."""
    got = {str(m.get("FIELDNAME", "")).strip(): m for m in meta}
    findings: list[Finding] = []
    for name, want in TABLES[table].items():
        m = got.get(name)
        if m is None:
            findings.append(Finding(f"{name} missing"))
            continue
        findings += _compare_table_field(name, want, str(m.get("TYPE", "")).strip(), int(str(m.get("LENGTH") or 0)))
    return findings


def _compare_table_field(name: str, want: DdicField, type_: str, length: int) -> list[Finding]:
    label = {"C": "CHAR", "N": "NUMC", "D": "DATS", "T": "TIMS", "P": "packed", "I": "INT"}
    if type_ and type_ != want.type:
        return [Finding(f"{name} is {label.get(type_, type_)} {length}, ordertui expects {label.get(want.type)} {want.length}")]
    if want.type == "P":
        if length and length != want.read_width:  # how RFC_READ_TABLE sizes packed fields is [U]
            return [Finding(f"{name} takes {length} characters in a row, ordertui assumes {want.read_width}", False)]
        return []
    if length < want.length:
        return [Finding(f"{name} is {label[want.type]} {length}, shorter than the {want.length} ordertui assumes")]
    if length > want.length:
        return [Finding(f"{name} is {label[want.type]} {length}, longer than the {want.length} ordertui assumes", False)]
    return []


# --------------------------------------------------------------------------- the harmless calls


@dataclass
class Context:
    """What the harmless calls need: who is logged on, the user's sales area and today."""

    user: str
    today: dt.date
    sales_org: str = ""
    distr_chan: str = ""
    division: str = ""
    plant: str = ""


def _area_header(ctx: Context) -> dict[str, str]:
    header = {"DOC_TYPE": "TA", "SALES_ORG": ctx.sales_org or NO_SUCH_ORG}
    if ctx.distr_chan:
        header["DISTR_CHAN"] = ctx.distr_chan
    if ctx.division:
        header["DIVISION"] = ctx.division
    return header


def _order_input(ctx: Context) -> dict[str, Any]:
    return {
        "ORDER_HEADER_IN": _area_header(ctx),
        "ORDER_PARTNERS": [{"PARTN_ROLE": "AG", "PARTN_NUMB": NO_SUCH}],
    }


#: Function module -> its harmless call (parameters), or None when the test never calls it.
HARMLESS: dict[str, Callable[[Context], dict[str, Any]] | None] = {
    "RFC_PING": lambda ctx: {},
    "RFC_SYSTEM_INFO": lambda ctx: {},
    "BAPI_USER_GET_DETAIL": lambda ctx: {"USERNAME": ctx.user},
    "RFC_READ_TABLE": lambda ctx: {"QUERY_TABLE": next(iter(TABLES)), "NO_DATA": "X",
                                   "FIELDS": [{"FIELDNAME": next(iter(TABLES[next(iter(TABLES))]))}]},
    "BAPI_CUSTOMER_FIND": lambda ctx: {"MAX_CNT": 1, "PL_HOLD": "X", "SELOPT_TAB": [
        {"TABNAME": "KNA1", "FIELDNAME": "MCOD1", "FIELDVALUE": NO_SUCH + "*"}]},
    "BAPI_CUSTOMER_GETDETAIL2": lambda ctx: {"CUSTOMERNO": NO_SUCH},
    "BAPI_CUSTOMER_GETSALESAREAS": lambda ctx: {"CUSTOMERNO": NO_SUCH},
    "BAPI_CREDIT_ACCOUNT_GET_STATUS": lambda ctx: {
        "CREDITCONTROLAREA": A.CREDIT_CONTROL_AREA.get(ctx.sales_org, ctx.sales_org) or NO_SUCH_ORG, "CUSTOMER": NO_SUCH},
    "BAPI_MATERIAL_GETLIST": lambda ctx: {"MAXROWS": 1, "MATNRSELECTION": [
        {"SIGN": "I", "OPTION": "EQ", "MATNR_LOW": NO_SUCH, "MATNR_HIGH": ""}]},
    "BAPI_MATERIAL_GET_DETAIL": lambda ctx: {"MATERIAL": NO_SUCH},
    "BAPI_MATERIAL_AVAILABILITY": lambda ctx: {"PLANT": ctx.plant or NO_SUCH_ORG, "MATERIAL": NO_SUCH, "UNIT": "ST",
                                               "CHECK_RULE": "A"},
    "BAPI_SALESORDER_SIMULATE": lambda ctx: {**_order_input(ctx), "ORDER_ITEMS_IN": [
        {"ITM_NUMBER": "000010", "MATERIAL": NO_SUCH, "REQ_QTY": "1000"}]},
    "BAPI_SALESORDER_CREATEFROMDAT2": lambda ctx: {**_order_input(ctx), "TESTRUN": "X", "ORDER_ITEMS_IN": [
        {"ITM_NUMBER": "000010", "MATERIAL": NO_SUCH, "TARGET_QTY": "1"}]},
    "BAPI_TRANSACTION_ROLLBACK": lambda ctx: {},
    "BAPI_TRANSACTION_COMMIT": None,
    "BAPI_SALESORDER_GETLIST": lambda ctx: {"CUSTOMER_NUMBER": NO_SUCH, "SALES_ORGANIZATION": ctx.sales_org or NO_SUCH_ORG},
    "BAPISDORDER_GETDETAILEDLIST": lambda ctx: {"I_BAPI_VIEW": {"HEADER": "X"}, "SALES_DOCUMENTS": [{"VBELN": NO_SUCH}]},
    "BAPI_DELIVERY_GETLIST": lambda ctx: {"IS_DLV_DATA_CONTROL": {"HEAD_STATUS": "X"}, "IT_VBELN": [
        {"SIGN": "I", "OPTION": "EQ", "DELIV_NUMB_LOW": NO_SUCH, "DELIV_NUMB_HIGH": ""}]},
    "BAPI_AR_ACC_GETOPENITEMS": lambda ctx: {
        "COMPANYCODE": A.COMPANY_CODE.get(ctx.sales_org, A.DEFAULT_COMPANY_CODE), "CUSTOMER": NO_SUCH,
        "KEYDATE": ctx.today.strftime("%Y%m%d")},
}

_NOT_CALLED = {
    "BAPI_TRANSACTION_COMMIT": "never called by the test (it would commit); same function group (BAPT) as "
                               "BAPI_TRANSACTION_ROLLBACK",
}


def _key(exc: BaseException) -> str:
    return str(getattr(exc, "key", "") or "").upper()


def _class_names(exc: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(exc).__mro__}


class Probe:
    """One logged-on connection and the running report (``run`` drives it)."""

    def __init__(self, factory: Callable[[], RfcConnection], *, call_timeout: float | None, secrets: Iterable[str]):
        self.factory = factory
        self.call_timeout = call_timeout
        self.secrets = tuple(s for s in secrets if s)
        self.conn: Any = factory()

    def reopen(self) -> None:
        """A new session after an error that may have ended this one."""
        try:
            self.conn.close()
        except Exception:  # noqa: BLE001 - it may be gone already
            pass
        self.conn = self.factory()

    def close(self) -> None:
        self.conn.close()

    def text(self, exc: BaseException) -> str:
        mapped = map_rfc_error(exc, secrets=self.secrets)
        text = str(mapped if isinstance(mapped, SapError) else exc) or type(exc).__name__
        return text.splitlines()[0][:200]

    def call(self, fm: str, **params: Any) -> dict[str, Any]:
        options = {"timeout": self.call_timeout} if self.call_timeout else None
        result: dict[str, Any] = self.conn.call(fm, options=options, **params)
        return result

    def describe(self, fm: str) -> Any:
        return self.conn.get_function_description(fm)

    def harmless(self, fm: str, params: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
        """(access, text, answer) of one harmless call."""
        try:
            answer = self.call(fm, **params)
        except Exception as exc:  # noqa: BLE001 - every failure is a line of the report
            names, key = _class_names(exc), _key(exc)
            text = self.text(exc)
            if fm == "RFC_READ_TABLE" and "ABAPApplicationError" in names:
                return AUTHORIZED, "", {}  # NOT_AUTHORIZED here is a table's (S_TABU_*), see the tables
            if isinstance(map_rfc_error(exc), NotAuthorized):
                if "ABAPApplicationError" not in names:
                    self.reopen()
                return NOT_AUTHORIZED, text, {}
            if "ABAPApplicationError" in names:  # a classic exception: the function module ran
                return AUTHORIZED, f"answered {key}", {}
            if key == "RFC_INVALID_PARAMETER" or isinstance(exc, TypeError):
                return FAILED, f"refused ordertui's parameters: {text}", {}
            self.reopen()
            return FAILED, text, {}
        msgs = [m for key in ("RETURN", "MESSAGETABLE") for m in messages_from(answer.get(key))]
        denied = [m for m in msgs if m.is_error and _AUTH_TEXT.search(m.text)]
        if denied:
            m = denied[0]
            return NOT_AUTHORIZED, f"{m.type} {m.id} {m.number} {m.text}".replace("  ", " ").strip(), answer
        return AUTHORIZED, "", answer


def run(
    factory: Callable[[], RfcConnection],
    *,
    user: str,
    client: str = "",
    read_only: bool = False,
    call_timeout: float | None = None,
    secrets: Iterable[str] = (),
    today: dt.date | None = None,
    library: str = "",
) -> Report:
    """Log on with ``factory`` and check every function module and table ordertui uses.

    Logon errors (LogonFailed, SapUnreachable, PyrfcMissing ...) are raised, mapped, as the
    factory raises them; everything after the logon becomes a line of the report.
    """
    probe = Probe(factory, call_timeout=call_timeout, secrets=secrets)
    ctx = Context(user=user.upper(), today=today or dt.date.today())
    report = Report(user=ctx.user, client=client, library=library)
    try:
        for fm in FUNCTIONS:
            report.checks.append(_check_function(probe, fm, ctx, report, read_only))
        reader = next(c for c in report.checks if c.name == "RFC_READ_TABLE")
        for table in TABLES:
            report.checks.append(_check_table(probe, table, reader))
    finally:
        probe.close()
    return report


def _check_function(probe: Probe, fm: str, ctx: Context, report: Report, read_only: bool) -> Check:
    check = Check("function", fm)
    try:
        check.findings = check_interface(fm, probe.describe(fm))
    except Exception as exc:  # noqa: BLE001 - every failure is a line of the report
        if _key(exc) == "FU_NOT_FOUND":
            check.findings = [Finding("not in this system")]
            return check
        check.findings = [Finding(f"interface not readable: {probe.text(exc)}")]
        if "ABAPApplicationError" not in _class_names(exc):
            probe.reopen()
    if read_only and fm in WRITE_FUNCTIONS:
        check.findings = [Finding(f.text, False) for f in check.findings]
        check.access_text = "not needed: read-only profile"
        return check
    make = HARMLESS.get(fm)
    if make is None:
        check.access_text = _NOT_CALLED.get(fm, "")
        return check
    check.access, check.access_text, answer = probe.harmless(fm, make(ctx))
    if fm == "RFC_SYSTEM_INFO":
        si = answer.get("RFCSI_EXPORT") or {}
        report.system, report.release = str(si.get("RFCSYSID", "")).strip(), str(si.get("RFCSAPRL", "")).strip()
    if fm == "BAPI_USER_GET_DETAIL":
        params = {str(p.get("PARID", "")).strip().upper(): str(p.get("PARVA", "")).strip()
                  for p in answer.get("PARAMETER") or []}
        ctx.sales_org, ctx.distr_chan = params.get("VKO", ""), params.get("VTW", "")
        ctx.division, ctx.plant = params.get("SPA", ""), params.get("WRK", "")
    return check


def _check_table(probe: Probe, table: str, reader: Check) -> Check:
    check = Check("table", table)
    if reader.problems or reader.access != AUTHORIZED:
        check.findings = [Finding("not checked: RFC_READ_TABLE is not usable (see above)")]
        return check
    fields = list(TABLES[table])
    try:
        meta = _field_metadata(probe, table, fields)
    except _TableRefused as refused:
        if refused.key == "NOT_AUTHORIZED":
            check.access = NOT_AUTHORIZED
            check.access_text = f"RFC_READ_TABLE answers NOT_AUTHORIZED (S_TABU_DIS or S_TABU_NAM for {table})"
        elif refused.key == "TABLE_NOT_AVAILABLE":
            check.findings = [Finding("table not available in this system")]
        else:
            check.findings = [Finding(f"not readable: {refused.text}")]
        return check
    check.findings = compare_table(table, meta)
    check.access = AUTHORIZED
    return check


class _TableRefused(Exception):
    def __init__(self, key: str, text: str):
        super().__init__(text)
        self.key, self.text = key, text


def _field_metadata(probe: Probe, table: str, fields: list[str]) -> list[dict[str, Any]]:
    """FIELDS of an RFC_READ_TABLE with NO_DATA for ``fields``; fields the table lacks are left out.

    FIELD_NOT_VALID does not say which field: then each is asked alone. A too wide row
    (DATA_BUFFER_EXCEEDED, 512 characters) is asked in halves.
    """
    try:
        answer = probe.call("RFC_READ_TABLE", QUERY_TABLE=table, NO_DATA="X",
                            FIELDS=[{"FIELDNAME": f} for f in fields])
        meta: list[dict[str, Any]] = list(answer.get("FIELDS") or [])
        return meta
    except Exception as exc:  # noqa: BLE001 - sorted out below
        key = _key(exc)
        if "ABAPApplicationError" not in _class_names(exc):
            probe.reopen()
            raise _TableRefused(key, probe.text(exc)) from None
        if key == "FIELD_NOT_VALID" and len(fields) > 1:
            out: list[dict[str, Any]] = []
            for f in fields:
                try:
                    out += _field_metadata(probe, table, [f])
                except _TableRefused as refused:
                    if refused.key != "FIELD_NOT_VALID":
                        raise
            return out
        if key == "FIELD_NOT_VALID":
            raise _TableRefused(key, probe.text(exc)) from None
        if key == "DATA_BUFFER_EXCEEDED" and len(fields) > 1:
            half = len(fields) // 2
            return _field_metadata(probe, table, fields[:half]) + _field_metadata(probe, table, fields[half:])
        raise _TableRefused(key, probe.text(exc)) from None
