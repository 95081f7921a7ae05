"""A scripted pyrfc-compatible connection that checks every call against the interface catalogue.

It answers from canned data (per function module, and RFC_READ_TABLE rows per table) and
rejects — like a real system — unknown function modules, unknown parameter names, fields that a
complete structure does not have, and RFC_READ_TABLE tables/fields docs/sap-calls.md does not
list. It lets the adapter's parsing be tested independently of the sandbox.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CATALOG = json.loads((REPO / "ordertui/sap/interfaces.json").read_text())
FUNCTIONS = CATALOG["functions"]
STRUCTURES = CATALOG["structures"]


def _doc_tables() -> dict[str, set[str]]:
    text = (REPO / "docs/sap-calls.md").read_text()
    tables = {}
    for m in re.finditer(r"^\| ([A-Z0-9]+) \| ([A-Z0-9_ ]+) \|$", text, re.M):
        tables[m.group(1)] = set(m.group(2).split())
    return tables


DOC_TABLES = _doc_tables()


class CommunicationError(Exception):
    def __init__(self, message="connection reset"):
        super().__init__(message)
        self.message = message
        self.key = "RFC_COMMUNICATION_FAILURE"


class ExternalRuntimeError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message
        self.key = "RFC_INVALID_PARAMETER"


def _check_fields(fm: str, pname: str, spec: dict, value) -> None:
    stype = spec.get("type")
    struct = STRUCTURES.get(stype) if stype else None
    fields = set(struct["fields"]) if struct and struct.get("complete") else None
    if fields is None and spec.get("fields") and spec.get("complete"):
        fields = set(spec["fields"])
    rows = [value] if isinstance(value, dict) else value
    if spec["kind"] == "structure" and not isinstance(value, dict):
        raise TypeError(f"{fm}.{pname} must be a dict")
    if spec["kind"] == "table" and not isinstance(value, list):
        raise TypeError(f"{fm}.{pname} must be a list")
    if fields is None:
        return
    for row in rows:
        for name, v in row.items():
            if name not in fields:
                raise ExternalRuntimeError(f"field '{name}' not found in {fm}.{pname}")
            ftype = (struct or {}).get("fields", {}).get(name, {}).get("abap") if struct else None
            if ftype in ("DEC", "CURR", "QUAN") and isinstance(v, int):
                raise TypeError(f"{fm}.{pname}.{name}: int is rejected for BCD")
            if ftype == "NUMC" and not (isinstance(v, str) and v.isdigit()):
                raise TypeError(f"{fm}.{pname}.{name}: NUMC needs digits")


class FakeConnection:
    """``answers[FM]`` = dict result or callable(params) -> dict; ``tables[TABLE]`` = list of rows."""

    def __init__(self, answers=None, tables=None, log=None):
        self.answers = answers if answers is not None else {}
        self.tables = tables if tables is not None else {}
        self.log = log if log is not None else []
        self.closed = False
        self.fail_on: dict[str, Exception] = {}

    def call(self, name, options=None, **params):
        if self.closed:
            raise CommunicationError("closed")
        if name not in FUNCTIONS:
            raise ExternalRuntimeError(f"function {name} not found")
        spec = FUNCTIONS[name]["params"]
        for pname, value in params.items():
            if pname not in spec or spec[pname]["direction"] == "EXPORT":
                raise ExternalRuntimeError(f"field '{pname}' not found")
            if spec[pname]["kind"] != "scalar":
                _check_fields(name, pname, spec[pname], value)
        self.log.append((name, params))
        if name in self.fail_on:
            raise self.fail_on.pop(name)
        if name == "RFC_READ_TABLE":
            return self._read_table(params)
        ans = self.answers.get(name, {})
        return ans(params) if callable(ans) else ans

    def _read_table(self, params):
        table = params["QUERY_TABLE"]
        names = [f["FIELDNAME"] for f in params.get("FIELDS", [])]
        if table not in DOC_TABLES:
            raise ExternalRuntimeError(f"table {table} not in docs/sap-calls.md")
        bad = set(names) - DOC_TABLES[table]
        if bad:
            raise ExternalRuntimeError(f"fields {sorted(bad)} of {table} not in docs/sap-calls.md")
        assert all(len(o["TEXT"]) <= 72 for o in params.get("OPTIONS", []))
        rows = self.tables.get(table, [])
        if callable(rows):
            rows = rows(params)
        data = [{"WA": "|".join(str(r.get(n, "")) for n in names).rstrip()} for r in rows]
        return {"FIELDS": [{"FIELDNAME": n} for n in names], "DATA": data, "OPTIONS": params.get("OPTIONS", [])}

    def close(self):
        self.closed = True


def ret2(typ="", id_="", number="000", message="", row=0, **kw):
    base = {"TYPE": typ, "ID": id_, "NUMBER": number, "MESSAGE": message, "LOG_NO": "", "LOG_MSG_NO": "000000",
            "MESSAGE_V1": "", "MESSAGE_V2": "", "MESSAGE_V3": "", "MESSAGE_V4": "", "PARAMETER": "", "ROW": row,
            "FIELD": "", "SYSTEM": ""}
    base.update(kw)
    return base


D = Decimal
