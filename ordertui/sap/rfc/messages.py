"""SAP's RETURN messages: every shape (BAPIRETURN, BAPIRETURN1, BAPIRET1, BAPIRET2) -> ``SapMessage``.

Old BAPIs answer in a RETURN structure whose all-blank form means success; newer ones in a
RETURN (or MESSAGETABLE) table of BAPIRET2 rows. ``messages_from`` reads them all;
``raise_for_errors`` turns an error among them into ``SapBusinessError`` / ``NotFound``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from ordertui.model import SapMessage
from ordertui.sap import convert as C
from ordertui.sap.errors import NotFound, SapBusinessError

#: message types that mean the call did not do what was asked
ERROR_TYPES = ("E", "A", "X")


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
    rows: list[dict[str, Any]] = [value] if isinstance(value, dict) else list(value)
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
        try:
            row_no = int(row.get("ROW") or 0)
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


def _has_error_message(result: Any) -> bool:
    """Whether an answer carries an error in RETURN or MESSAGETABLE (for the call event's outcome)."""
    if not isinstance(result, dict):
        return False
    for key in ("RETURN", "MESSAGETABLE"):
        val = result.get(key)
        rows = [val] if isinstance(val, dict) else (val or [])
        if any(C.text(r.get("TYPE")).upper() in ERROR_TYPES for r in rows if isinstance(r, dict)):
            return True
    return False
