"""Open SQL through RFC_READ_TABLE: literals, WHERE rows, IN lists, reading and parsing rows.

RFC_READ_TABLE takes the WHERE clause as RFC_DB_OPT rows of at most 72 characters and answers
each row as one delimited string (``DATA-WA``) described by ``FIELDS`` (name, offset, length).
User text only ever enters a clause through ``literal``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any

from ordertui.sap import convert as C
from ordertui.sap.connection import RfcResult
from ordertui.sap.rfc.transport import Transport
from ordertui.sap.rfc.usage import check_read

OPTIONS_ROW = 72  # RFC_DB_OPT-TEXT
_IN_CHUNK = 100  # values per "IN ( ... )" in one RFC_READ_TABLE call

#: One table row as RFC_READ_TABLE answers it: field name -> value, trimmed.
Row = dict[str, str]


def literal(value: str) -> str:
    """An Open SQL string literal: quotes doubled, control characters dropped."""
    clean = "".join(ch for ch in value if ch.isprintable())
    return "'" + clean.replace("'", "''") + "'"


def options_rows(where: str) -> list[dict[str, str]]:
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


def _first(row: dict[str, Any], names: Iterable[str], default: Any = "") -> Any:
    """The value of the first of ``names`` the row has (field names differ between releases)."""
    for name in names:
        if name in row:
            return row[name]
    return default


def _offsets(meta: Sequence[dict[str, Any]]) -> list[tuple[int, int]] | None:
    """(offset, length) of each field of ``FIELDS``, or None when any is missing or not a number."""
    found = []
    for f in meta:
        offset, length = C.text(f.get("OFFSET")), C.text(f.get("LENGTH")) or "0"
        if not (offset.isascii() and offset.isdigit() and length.isascii() and length.isdigit()):
            return None
        found.append((int(offset), int(length)))
    return found


def _parse_read_table(result: RfcResult, wanted: Sequence[str]) -> list[Row]:
    """The rows of an RFC_READ_TABLE answer, each with every field of ``wanted`` (blank when the
    answer did not have it: a FIELDS row missing or renamed, a short WA line)."""
    meta = [f for f in result.get("FIELDS") or [] if isinstance(f, dict)]
    names = [C.text(f.get("FIELDNAME")) for f in meta] or list(wanted)
    offsets = _offsets(meta) if meta else None
    out = []
    for row in result.get("DATA") or []:
        wa = row.get("WA") if isinstance(row, dict) else row
        wa = wa if isinstance(wa, str) else C.text(wa)
        parts = wa.split("|")
        if len(parts) != len(names) and offsets is not None:
            parts = [wa[start : start + length] for start, length in offsets]
        parts += [""] * (len(names) - len(parts))
        parsed = dict.fromkeys(wanted, "")
        parsed.update((n, p.strip()) for n, p in zip(names, parts))
        out.append(parsed)
    return out


def read_table(
    rfc: Transport,
    table: str,
    fields: Sequence[str],
    where: str = "",
    *,
    rowcount: int = 0,
) -> list[Row]:
    """RFC_READ_TABLE: ``fields`` of ``table`` where ``where`` (at most ``rowcount`` rows).

    Only fields listed in ``usage.TABLES`` may be read (``UndeclaredRead`` otherwise): that list
    is what ``profile test --deep`` checks and the administrator grants.
    """
    check_read(table, fields)
    params: dict[str, Any] = {
        "QUERY_TABLE": table,
        "DELIMITER": "|",
        "FIELDS": [{"FIELDNAME": f} for f in fields],
        "OPTIONS": options_rows(where) if where else [],
    }
    if rowcount:
        params["ROWCOUNT"] = rowcount
    return _parse_read_table(rfc.call("RFC_READ_TABLE", **params), fields)


def read_in(
    rfc: Transport, table: str, fields: Sequence[str], field: str, values: Sequence[str], extra: str = ""
) -> list[Row]:
    """Rows whose ``field`` is one of ``values``: one read per 100 values, side by side."""
    unique = list(dict.fromkeys(v for v in values if v))
    reads = []
    for i in range(0, len(unique), _IN_CHUNK):
        where = _in_list(field, unique[i : i + _IN_CHUNK])
        if extra:
            where = f"{where} AND {extra}"
        reads.append(partial(read_table, rfc, table, fields, where))
    return [row for rows in rfc.concurrently(reads) for row in rows]
