"""Function descriptions the way pyrfc reports them, and interface variants of the sandbox system.

``function_description(name)`` answers ``Connection.get_function_description`` from the
catalogue with pyrfc's shapes (SAP PyRFC 3.4, kept by pyrfcx and erpl-pyrfc): an object with
``name`` and ``parameters``, a list of dicts with ``name``, ``parameter_type`` (``RFCTYPE_CHAR``,
``RFCTYPE_STRUCTURE``, ``RFCTYPE_TABLE`` ...), ``direction`` (``RFC_IMPORT`` ...), ``nuc_length``,
``uc_length`` (bytes in a one- and a two-byte-per-character system), ``decimals``,
``default_value``, ``parameter_text``, ``optional`` and ``type_description`` (``name``,
``nuc_length``, ``uc_length`` and ``fields``: dicts with ``name``, ``field_type``, lengths,
offsets, ``decimals`` and ``type_description``).

The catalogue lacks a few lengths and structures; what this sandbox returns anyway is described
from ``EXTRA_FIELDS`` (fields its handlers fill beyond the catalogue, in their DDIC types) and a
length the catalogue does not know is described as ``UNKNOWN_LENGTH`` characters.

``Variant`` makes this system differ from the catalogue the way another release, a modification
or a missing authorization would (for ``profile test --deep`` and its tests)::

    connect(interface_changes={"KNA1-MCOD1": {"length": 20},            # a shorter table field
                               "LIKP-TRAID": None,                      # a table field removed
                               "BAPI_CUSTOMER_FIND.RESULT_TAB-CUSTOMER": {"name": "KUNNR"},
                               "BAPI_MATERIAL_AVAILABILITY": None},     # a function module missing
            unauthorized={"BAPI_SALESORDER_SIMULATE", "KNVK"})          # S_RFC / S_TABU_* missing

Keys: ``FM`` (None: not there), ``FM.PARAM`` and ``FM.PARAM-FIELD`` (None: removed; or a dict
of ``name``, ``abap``, ``length``, ``decimals`` that differ), ``TABLE`` and ``TABLE-FIELD`` (the
same, with ``type`` as RFC_READ_TABLE writes it: C N D T P). ``unauthorized`` names function
modules (refused like a missing S_RFC) and tables (RFC_READ_TABLE raises NOT_AUTHORIZED).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ordertui.sap.sandbox import catalog, errors

#: Characters the description gives a CHAR whose length the catalogue does not know.
UNKNOWN_LENGTH = 132

#: Fields the sandbox's handlers return beyond the catalogue (its structures are partial there):
#: structure (or FM.PARAM when the catalogue has no structure name) -> field -> (abap, length, decimals).
EXTRA_FIELDS: dict[str, dict[str, tuple[str, int, int]]] = {
    "BAPICUSTOMER_04": {"NAME_2": ("CHAR", 40, 0), "REGION": ("CHAR", 3, 0), "E_MAIL": ("CHAR", 241, 0),
                        "LANGU_P": ("LANG", 1, 0)},
    "BAPI1010_1": {"CURRENCY": ("CUKY", 5, 0), "CRED_LIMIT": ("CURR", 15, 2), "RCVBL_VALS": ("CURR", 15, 2),
                   "ORDER_VALS": ("CURR", 15, 2), "CRED_EXPOSURE": ("CURR", 15, 2), "CRED_LIAB": ("CURR", 15, 2),
                   "CRED_LIM_USED": ("DEC", 5, 2), "CRED_BLOCK": ("CHAR", 1, 0), "RISK_CATEG": ("CHAR", 3, 0)},
    "BAPIMATDOA": {"GROSS_WT": ("QUAN", 13, 3), "NET_WEIGHT": ("QUAN", 13, 3), "UNIT_OF_WT": ("UNIT", 3, 0),
                   "DEL_FLAG": ("CHAR", 1, 0)},
    "BAPIDLVHDR": {"KUNNR": ("CHAR", 10, 0), "KUNAG": ("CHAR", 10, 0), "WADAT_IST": ("DATS", 8, 0),
                   "BOLNR": ("CHAR", 35, 0), "TRAID": ("CHAR", 20, 0), "BTGEW": ("QUAN", 15, 3),
                   "GEWEI": ("UNIT", 3, 0), "VSBED": ("CHAR", 2, 0)},
    "BAPIDLVITEM": {"ARKTX": ("CHAR", 40, 0), "VRKME": ("UNIT", 3, 0), "WERKS": ("CHAR", 4, 0),
                    "VGBEL": ("CHAR", 10, 0), "VGPOS": ("NUMC", 6, 0)},
    "BAPIDOCFLOW": {"VBELV": ("CHAR", 10, 0), "POSNV": ("NUMC", 6, 0), "POSNN": ("NUMC", 6, 0),
                    "VBTYP_V": ("CHAR", 1, 0)},
    "BAPI_DELIVERY_GETLIST.ET_DELIVERY_PARTNER": {
        "VBELN": ("CHAR", 10, 0), "PARVW": ("CHAR", 2, 0), "KUNNR": ("CHAR", 10, 0), "LIFNR": ("CHAR", 10, 0),
        "ADRNR": ("CHAR", 10, 0)},
}

_RFC_TYPE = {
    **dict.fromkeys(("CHAR", "CUKY", "UNIT", "LANG", "CLNT", "ACCP"), "RFCTYPE_CHAR"),
    "NUMC": "RFCTYPE_NUM", "DATS": "RFCTYPE_DATE", "TIMS": "RFCTYPE_TIME",
    **dict.fromkeys(("DEC", "CURR", "QUAN"), "RFCTYPE_BCD"),
    "INT4": "RFCTYPE_INT", "INT2": "RFCTYPE_INT2", "INT1": "RFCTYPE_INT1", "INT8": "RFCTYPE_INT8",
    "FLTP": "RFCTYPE_FLOAT", "STRING": "RFCTYPE_STRING", "SSTRING": "RFCTYPE_STRING", "RAW": "RFCTYPE_BYTE",
}
_DIRECTION = {"IMPORT": "RFC_IMPORT", "EXPORT": "RFC_EXPORT", "CHANGING": "RFC_CHANGING", "TABLES": "RFC_TABLES"}


class TypeDescription:
    """pyrfc's TypeDescription: a structure or table line type."""

    def __init__(self, name: str, nuc_length: int, uc_length: int):
        self.name = name
        self.nuc_length = nuc_length
        self.uc_length = uc_length
        self.fields: list[dict[str, Any]] = []

    def __repr__(self) -> str:
        return f"<TypeDescription '{self.name}' with {len(self.fields)} fields (n/uclength={self.nuc_length}/{self.uc_length})>"


class FunctionDescription:
    """pyrfc's FunctionDescription: ``name`` and ``parameters`` (a list of dicts)."""

    def __init__(self, name: str):
        self.name = name
        self.parameters: list[dict[str, Any]] = []

    def __repr__(self) -> str:
        return f"<FunctionDescription '{self.name}' with {len(self.parameters)} params>"


def lengths(abap: str | None, length: int | None) -> tuple[str, int, int]:
    """(RFC type, nuc_length, uc_length) of a scalar of DDIC type ``abap`` and ``length``."""
    rfc_type = _RFC_TYPE.get(abap or "CHAR", "RFCTYPE_CHAR")
    if rfc_type in ("RFCTYPE_CHAR", "RFCTYPE_NUM"):
        n = length or UNKNOWN_LENGTH
        return rfc_type, n, 2 * n
    if rfc_type == "RFCTYPE_DATE":
        return rfc_type, 8, 16
    if rfc_type == "RFCTYPE_TIME":
        return rfc_type, 6, 12
    if rfc_type == "RFCTYPE_BCD":
        n = (length or 15) // 2 + 1  # digits and sign, two to a byte
        return rfc_type, n, n
    if rfc_type == "RFCTYPE_BYTE":
        return rfc_type, length or 16, length or 16
    size = {"RFCTYPE_INT": 4, "RFCTYPE_INT2": 2, "RFCTYPE_INT1": 1}.get(rfc_type, 8)
    return rfc_type, size, size


def _changed(field: dict[str, Any], change: Mapping[str, Any] | None) -> dict[str, Any]:
    return {**field, **change} if change else field


def _type_description(key: str, param: dict[str, Any], prefix: str, changes: Mapping[str, Any]) -> TypeDescription:
    fields = dict(catalog.fields_of(param) or {})
    for name, (abap, length, decimals) in EXTRA_FIELDS.get(key, {}).items():
        fields.setdefault(name, {"abap": abap, "length": length, "decimals": decimals, "pos": 10_000})
    td = TypeDescription(param.get("type") or "", 0, 0)
    nuc = uc = 0
    for name, f in sorted(fields.items(), key=lambda kv: (kv[1].get("pos") or 10_000, kv[0])):
        change_key = f"{prefix}-{name}"
        if change_key in changes and changes[change_key] is None:
            continue
        f = _changed(f, changes.get(change_key))
        rfc_type, n, u = lengths(f.get("abap"), f.get("length"))
        td.fields.append({"name": f.get("name", name), "field_type": rfc_type, "nuc_length": n, "nuc_offset": nuc,
                          "uc_length": u, "uc_offset": uc, "decimals": f.get("decimals") or 0,
                          "type_description": None})
        nuc, uc = nuc + n, uc + u
    td.nuc_length, td.uc_length = nuc, uc
    return td


def function_description(name: str, changes: Mapping[str, Any] | None = None) -> FunctionDescription | None:
    """The catalogue entry of ``name`` as pyrfc describes it (with the variant's changes)."""
    changes = changes or {}
    fdef = catalog.function(name)
    if fdef is None or (name in changes and changes[name] is None):
        return None
    fd = FunctionDescription(name)
    for pname, p in fdef["params"].items():
        key = f"{name}.{pname}"
        if key in changes and changes[key] is None:
            continue
        p = _changed(p, changes.get(key))
        entry: dict[str, Any] = {
            "name": p.get("name", pname), "direction": _DIRECTION[p["direction"]], "decimals": p.get("decimals") or 0,
            "default_value": str(p.get("default") or "").strip(), "parameter_text": "",
            "optional": bool(p.get("optional")), "type_description": None,
        }
        if p["kind"] == "scalar":
            entry["parameter_type"], entry["nuc_length"], entry["uc_length"] = lengths(p.get("abap"), p.get("length"))
        else:
            td = _type_description(p.get("type") or key, p, key, changes)
            entry["parameter_type"] = "RFCTYPE_STRUCTURE" if p["kind"] == "structure" else "RFCTYPE_TABLE"
            entry["nuc_length"], entry["uc_length"] = td.nuc_length, td.uc_length
            entry["type_description"] = td
        fd.parameters.append(entry)
    return fd


class Variant:
    """How this system's interfaces and authorizations differ from the catalogue (module docstring)."""

    def __init__(self, changes: Mapping[str, Any] | None = None, unauthorized: Iterable[str] = ()):
        self.changes = dict(changes or {})
        self.unauthorized = frozenset(unauthorized)
        self.tables: dict[str, dict[str, Any]] = {}
        for key, change in self.changes.items():
            table, _, field = key.partition("-")
            if "." not in table and catalog.function(table) is None:
                self.tables.setdefault(table, {})[field] = change

    def __bool__(self) -> bool:
        return bool(self.changes or self.unauthorized)

    # ------------------------------------------------------------------ calls
    @staticmethod
    def _gone(change: Any, name: str) -> bool:
        """Whether a name with this change is unknown to the system (removed, or renamed away)."""
        return change is None or (isinstance(change, Mapping) and change.get("name", name) != name)

    def before_call(self, user: str, name: str, params: dict[str, Any]) -> None:
        """Refuse the call the way the changed system would; may rename RFC_READ_TABLE fields."""
        if name in self.unauthorized:
            text = f"User {user} has no RFC authorization for function module {name}."
            raise errors.lib_error("ABAPRuntimeError", text, 4, "RFC_ABAP_MESSAGE", "00", "E", "000", text)
        if name in self.changes and self.changes[name] is None:
            raise errors.abap_exception("FU_NOT_FOUND", "FL", "046", name, message=f"ID:FL Type:E Number:046 {name}")
        for pname, value in params.items():
            key = f"{name}.{pname}"
            if key in self.changes and self._gone(self.changes[key], pname):
                raise errors.invalid_parameter(pname)
            rows = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
            for row in rows:
                for fname in row:
                    if f"{key}-{fname}" in self.changes and self._gone(self.changes[f"{key}-{fname}"], fname):
                        raise errors.invalid_parameter(fname)
        if name == "RFC_READ_TABLE":
            self._before_read(params)

    def _before_read(self, params: dict[str, Any]) -> None:
        table = params.get("QUERY_TABLE", "")
        if table in self.unauthorized:
            raise errors.abap_exception("NOT_AUTHORIZED", message="NOT_AUTHORIZED")
        changes = self.tables.get(table, {})
        if "" in changes and changes[""] is None:
            raise errors.abap_exception("TABLE_NOT_AVAILABLE", "SV", "029", table)
        renamed = {c["name"]: old for old, c in changes.items() if c and c.get("name")}
        fields = []
        for row in params.get("FIELDS") or []:
            fname = row.get("FIELDNAME", "")
            if fname in changes and self._gone(changes[fname], fname):
                raise errors.abap_exception("FIELD_NOT_VALID", message=f"FIELD_NOT_VALID {fname}")
            fields.append({**row, "FIELDNAME": renamed.get(fname, fname)})
        params["FIELDS"] = fields

    def answer(self, name: str, out: dict[str, Any], params: Mapping[str, Any]) -> dict[str, Any]:
        """The shaped answer with the variant's parameter and field names (``params``: the call's)."""
        if not self.changes:
            return out
        if name == "RFC_READ_TABLE":
            return self._read_answer(self.tables.get(str(params.get("QUERY_TABLE", "")), {}), out)
        result: dict[str, Any] = {}
        for pname, value in out.items():
            key = f"{name}.{pname}"
            if key in self.changes and self.changes[key] is None:
                continue
            new = (self.changes.get(key) or {}).get("name", pname)
            if isinstance(value, dict):
                value = self._row(key, value)
            elif isinstance(value, list):
                value = [self._row(key, row) if isinstance(row, dict) else row for row in value]
            result[new] = value
        return result

    def _row(self, key: str, row: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for fname, value in row.items():
            change_key = f"{key}-{fname}"
            if change_key in self.changes and self.changes[change_key] is None:
                continue
            out[(self.changes.get(change_key) or {}).get("name", fname)] = value
        return out

    @staticmethod
    def _read_answer(changes: Mapping[str, Any], out: dict[str, Any]) -> dict[str, Any]:
        rows = []
        for row in out.get("FIELDS") or []:
            change = changes.get(row.get("FIELDNAME", ""))
            if change:
                row = dict(row)
                if change.get("name"):
                    row["FIELDNAME"] = change["name"]
                if change.get("length"):
                    row["LENGTH"] = f"{int(change['length']):06d}"
                if change.get("type"):
                    row["TYPE"] = change["type"]
            rows.append(row)
        return {**out, "FIELDS": rows}
