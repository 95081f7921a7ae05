"""The interface catalogue (``ordertui/sap/interfaces.json``) and pyrfc-style marshalling.

Loaded lazily, once per process. Input values are checked the way pyrfc checks them before a
call leaves the client (§1.2 of the reference); outputs are shaped the way pyrfc returns them
with its default config (rstrip, ``dtime=False``): every EXPORT/CHANGING/TABLES parameter, every
structure with all its fields, NUMC as zero-padded digit strings, dates as ``'YYYYMMDD'``,
packed numbers as ``Decimal`` with the field's scale.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ordertui.sap.sandbox import errors

_CATALOG_PATH = Path(__file__).resolve().parent.parent / "interfaces.json"
_lock = threading.Lock()
_catalog: dict | None = None

CHAR_TYPES = frozenset({"CHAR", "CUKY", "UNIT", "LANG", "CLNT", "STRING", "SSTRING", "ACCP"})
BCD_TYPES = frozenset({"DEC", "CURR", "QUAN"})
INT_TYPES = frozenset({"INT1", "INT2", "INT4", "INT8"})


def catalog() -> dict:
    global _catalog
    if _catalog is None:
        with _lock:
            if _catalog is None:
                with open(_CATALOG_PATH, encoding="utf-8") as fh:
                    loaded = json.load(fh)
                _strip_prose(loaded)
                _catalog = loaded
    return _catalog


_PROSE = ("note", "source", "confidence", "release", "notes")


def _strip_prose(cat: dict) -> None:
    """Drop documentation strings the sandbox never reads (about 1 MiB of a ~3.5 MiB load)."""
    for group in ("functions", "structures"):
        for entry in cat[group].values():
            for key in _PROSE:
                entry.pop(key, None)
            for sub in (entry.get("params") or {}, entry.get("fields") or {}):
                for item in sub.values():
                    for key in _PROSE:
                        item.pop(key, None)
                    for f in (item.get("fields") or {}).values():
                        for key in _PROSE:
                            f.pop(key, None)


def function(name: str) -> dict | None:
    return catalog()["functions"].get(name)


def structure(name: str | None) -> dict | None:
    if not name:
        return None
    return catalog()["structures"].get(name)


# ---------------------------------------------------------------- initial (blank) values

def _scale(decimals: int) -> Decimal:
    return Decimal(1).scaleb(-decimals) if decimals else Decimal(1)


def initial(field: dict):
    abap = field.get("abap")
    if abap in BCD_TYPES:
        return Decimal(0).quantize(_scale(field.get("decimals") or 0))
    if abap == "NUMC":
        return "0" * (field.get("length") or 0)
    if abap in INT_TYPES:
        return 0
    if abap == "FLTP":
        return 0.0
    if abap == "TIMS":
        return "000000"
    if abap == "RAW":
        return b"\x00" * (field.get("length") or 0)
    return ""  # CHAR-like, DATS (initial date -> '' with dtime=False)


_templates: dict[str, dict] = {}


def fields_of(param_or_struct: dict) -> dict | None:
    """The field dict of a structure/table parameter, or None when the catalogue lacks it."""
    st = structure(param_or_struct.get("type"))
    if st is not None and st.get("fields"):
        return st["fields"]
    if param_or_struct.get("fields"):
        return param_or_struct["fields"]
    return None


def is_complete(param: dict) -> bool:
    st = structure(param.get("type"))
    return bool(st is not None and st.get("complete"))


def template(key: str, fields: dict) -> dict:
    tpl = _templates.get(key)
    if tpl is None:
        ordered = sorted(fields.items(), key=lambda kv: (kv[1].get("pos") or 10_000, kv[0]))
        tpl = {name: initial(f) for name, f in ordered}
        _templates[key] = tpl
    return tpl


# ---------------------------------------------------------------- input checks (pyrfc side)

def _type_error(what: str, value, name: str) -> TypeError:
    return TypeError(f"{what} required, received", value, "of type", type(value), "for field", name)


def check_value(name: str, field: dict, value):
    """Check a Python input like pyrfc and return the value as the server would hold it."""
    abap = field.get("abap")
    length = field.get("length")
    if abap in CHAR_TYPES or abap is None:
        if not isinstance(value, str):
            raise _type_error("a string is", value, name)
        return value[:length] if length else value  # SAP truncates over-long CHAR silently
    if abap == "NUMC":
        if not isinstance(value, str):
            raise _type_error("a numeric string is", value, name)
        if not value.isdigit() or not value.isascii():
            raise _type_error("a numeric string is", value, name)
        if length and len(value) > length:
            raise errors.lib_error("ExternalRuntimeError",
                                   f"field '{name}': value '{value}' exceeds length {length}",
                                   22, "RFC_CONVERSION_FAILURE")
        return value.zfill(length or 0)
    if abap == "DATS":
        if value is None or value == "":
            return ""
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value.strftime("%Y%m%d")
        if isinstance(value, str) and len(value) == 8 and value.isdigit():
            if value != "00000000":
                try:
                    dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
                except ValueError:
                    raise _type_error("a valid date is", value, name) from None
                return value
            return ""
        raise _type_error("a date or an 8-character string is", value, name)
    if abap == "TIMS":
        if value is None or value == "":
            return "000000"
        if isinstance(value, dt.time):
            return value.strftime("%H%M%S")
        if isinstance(value, str) and len(value) == 6 and value.isdigit():
            return value
        raise _type_error("a time or a 6-character string is", value, name)
    if abap in BCD_TYPES:
        if isinstance(value, bool) or isinstance(value, int) or not isinstance(
                value, (Decimal, float, str)):
            raise _type_error("a decimal value is", value, name)
        try:
            dec = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
        except InvalidOperation:
            raise _type_error("a decimal value is", value, name) from None
        if not dec.is_finite():
            raise _type_error("a decimal value is", value, name)
        return dec
    if abap in INT_TYPES:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _type_error("an integer is", value, name)
        return value
    if abap == "FLTP":
        if isinstance(value, bool) or not isinstance(value, (float, Decimal, str)):
            raise _type_error("a float is", value, name)
        try:
            return float(value)
        except ValueError:
            raise _type_error("a float is", value, name) from None
    if abap == "RAW":
        if not isinstance(value, (bytes, bytearray)):
            raise _type_error("bytes are", value, name)
        return bytes(value)
    return value


def check_struct(param_name: str, param: dict, value, *, row: bool = False) -> dict:
    if not isinstance(value, dict):
        raise TypeError("dictionary required for structure parameter, received", str(type(value)),
                        param_name)
    fields = fields_of(param)
    complete = is_complete(param)
    out = {}
    for fname, fvalue in value.items():
        fdef = fields.get(fname) if fields else None
        if fdef is None:
            if complete:
                raise errors.invalid_parameter(fname)
            out[fname] = fvalue  # partial structure: unknown fields pass (real field maybe)
            continue
        out[fname] = check_value(fname, fdef, fvalue)
    return out


def check_params(fm_name: str, fm: dict, params: dict) -> dict:
    """Validate the keyword arguments of a call; return {name: server-side value}."""
    checked = {}
    defs = fm["params"]
    for pname, value in params.items():
        pdef = defs.get(pname)
        if pdef is None:
            raise errors.invalid_parameter(pname)
        if pdef["direction"] == "EXPORT":
            # pyrfc can only fill IMPORT/CHANGING/TABLES parameters
            raise errors.lib_error("ExternalRuntimeError",
                                   f"field '{pname}' not found (EXPORT parameter cannot be set)",
                                   20, "RFC_INVALID_PARAMETER")
        kind = pdef["kind"]
        if kind == "scalar":
            checked[pname] = check_value(pname, pdef, value)
        elif kind == "structure":
            checked[pname] = check_struct(pname, pdef, value)
        else:
            if not isinstance(value, list):
                raise TypeError("list required for table parameter, received", str(type(value)),
                                pname)
            checked[pname] = [check_struct(pname, pdef, line, row=True) for line in value]
    return checked


# ---------------------------------------------------------------- output shaping (server side)

class OutConfig:
    """pyrfc client config that changes output types: dtime, rstrip."""

    __slots__ = ("dtime", "rstrip")

    def __init__(self, config: dict | None = None):
        config = config or {}
        self.dtime = bool(config.get("dtime", False))
        self.rstrip = bool(config.get("rstrip", True))


DEFAULT_OUT = OutConfig()


def out_value(field: dict, value, cfg: OutConfig = DEFAULT_OUT):
    abap = field.get("abap")
    if value is None:
        value = initial(field)
    length = field.get("length")
    if abap in BCD_TYPES:
        if not isinstance(value, Decimal):
            value = Decimal(str(value))
        return value.quantize(_scale(field.get("decimals") or 0))
    if abap == "NUMC":
        s = str(value)
        return s.zfill(length or 0)[-length:] if length else s
    if abap == "DATS":
        if isinstance(value, dt.date):
            value = value.strftime("%Y%m%d")
        if value in ("", "00000000"):
            return None if cfg.dtime else ""
        if cfg.dtime:
            return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
        return value
    if abap in INT_TYPES:
        return int(value)
    if abap == "FLTP":
        return float(value)
    if abap == "TIMS":
        if isinstance(value, dt.time):
            value = value.strftime("%H%M%S")
        value = value or "000000"
        if cfg.dtime:
            return dt.time(int(value[:2]), int(value[2:4]), int(value[4:]))
        return value
    if isinstance(value, str):
        value = value[:length] if length else value
        if cfg.rstrip:
            return value.rstrip()
        return value.ljust(length) if length else value
    return value


def shape_struct(key: str, param: dict, value: dict | None,
                 cfg: OutConfig = DEFAULT_OUT) -> dict:
    fields = fields_of(param)
    if fields is None:  # structure unknown to the catalogue: return what the handler gave
        return dict(value or {})
    tpl = template(key, fields)
    if cfg is DEFAULT_OUT:
        out = dict(tpl)
    else:
        out = {name: out_value(fields[name], None, cfg) for name in tpl}
    if value:
        complete = is_complete(param)
        for fname, fvalue in value.items():
            fdef = fields.get(fname)
            if fdef is None:
                if complete:
                    raise RuntimeError(f"sandbox bug: {key} has no field {fname}")
                out[fname] = fvalue
                continue
            out[fname] = out_value(fdef, fvalue, cfg)
    return out


def shape_result(fm_name: str, fm: dict, result: dict, cfg: OutConfig = DEFAULT_OUT,
                 imports: dict | None = None) -> dict:
    """Every EXPORT, CHANGING and TABLES parameter, fully shaped (IMPORTs too if given)."""
    out = {}
    for pname, pdef in fm["params"].items():
        direction = pdef["direction"]
        if direction == "IMPORT":
            if imports is None or pname not in imports:
                continue
            value = imports[pname]
        else:
            value = result.get(pname)
        kind = pdef["kind"]
        key = pdef.get("type") or f"{fm_name}.{pname}"
        if kind == "scalar":
            out[pname] = out_value(pdef, value, cfg)
        elif kind == "structure":
            out[pname] = shape_struct(key, pdef, value, cfg)
        else:
            out[pname] = [shape_struct(key, pdef, row, cfg) for row in (value or [])]
    return out
