"""ordertui/sap/rfc/usage.py is the one list of what ordertui uses of SAP, and it is complete.

A whole gateway session runs over the sandbox through a recording connection
(``tests/sap/usage_recorder.py``); everything the adapter sent, read, filtered on or searched must
be listed. The list agrees with the interface catalogue, the sandbox's DDIC and
docs/sap-calls.md, and RFC_READ_TABLE refuses a field that is not on it.
"""

from __future__ import annotations

import re

import pytest

from ordertui.sap.rfc import RfcGateway, Transport, opensql, usage
from ordertui.sap.sandbox import catalog, ddic
from ordertui.sap.sandbox import connect as sandbox_connect
from tests.conftest import REPO, TODAY

from .usage_recorder import Recorder, scenario


@pytest.fixture(scope="module")
def recorded():
    rec = Recorder()
    gw = RfcGateway(lambda: rec.wrap(sandbox_connect(seed=1, today=TODAY)), sandbox=True, today=lambda: TODAY)
    try:
        scenario(gw)
    finally:
        gw.close()
    return rec


def declared_names(specs: tuple[str, ...]) -> set[str]:
    return {name for spec in specs for name in usage.alternatives(spec)[0]}


def test_every_function_module_called_is_listed(recorded):
    assert set(recorded.functions) <= set(usage.FUNCTIONS)


def test_every_parameter_and_field_used_is_listed(recorded):
    missing = []
    for fm, params in recorded.functions.items():
        known = catalog.function(fm)["params"]
        for pname, fields in params.items():
            if pname not in known:
                continue  # the transport looks for RETURN/MESSAGETABLE in every answer
            declared = usage.FUNCTIONS[fm].get(pname)
            if declared is None:
                missing.append(f"{fm}.{pname}")
                continue
            missing += [f"{fm}.{pname}-{f}" for f in sorted(fields - declared_names(declared))]
    assert not missing, "used but not in usage.FUNCTIONS: " + ", ".join(missing)


def test_every_function_module_named_in_the_adapter_is_listed():
    source = "\n".join(p.read_text("utf-8") for p in (REPO / "ordertui/sap/rfc").glob("*.py") if p.name != "usage.py")
    named = set(re.findall(r'"((?:BAPI_|BAPISD|RFC_)[A-Z0-9_]+)"', source))
    assert named <= set(usage.FUNCTIONS)


def test_the_list_matches_the_catalogue():
    wrong = []
    for fm, params in usage.FUNCTIONS.items():
        fdef = catalog.function(fm)
        assert fdef is not None, fm
        for pname, specs in params.items():
            pdef = fdef["params"].get(pname)
            if pdef is None:
                wrong.append(f"{fm}.{pname}")
                continue
            fields = catalog.fields_of(pdef)
            if pdef["kind"] == "scalar":
                assert specs == (), f"{fm}.{pname} is a scalar"
                continue
            if fields is None or not catalog.is_complete(pdef):
                continue  # a partial structure: names beyond the catalogue are the probe's to check
            for spec in specs:
                names, optional = usage.alternatives(spec)
                if not optional and not set(names) & set(fields):
                    wrong.append(f"{fm}.{pname}-{spec}")
    assert not wrong, "listed but not in the catalogue: " + ", ".join(wrong)


def test_every_table_field_read_filtered_or_searched_is_listed(recorded):
    missing = [f"{t}-{f}" for t, fields in recorded.tables.items() for f in sorted(fields - set(usage.TABLES.get(t, {})))]
    assert not missing, "not in usage.TABLES: " + ", ".join(missing)


def test_the_tables_agree_with_the_sandbox_ddic():
    for table, fields in usage.TABLES.items():
        _, sandbox_fields = ddic.TABLE_DEFS[table]
        by_name = {f.name: f for f in sandbox_fields}
        for name, f in fields.items():
            s = by_name[name]
            assert (s.type, s.length, s.decimals) == (f.type, f.length, f.decimals), f"{table}-{name}"
            assert s.out_length == f.read_width


def test_docs_list_the_same_tables_and_fields():
    text = (REPO / "docs/sap-calls.md").read_text("utf-8")
    section = text.split("Tables and the fields", 1)[1]
    rows = dict(re.findall(r"^\| ([A-Z0-9_]+) \| ([A-Z0-9_ ]+) \|$", section, re.M))
    assert {t: set(f.split()) for t, f in rows.items()} == {t: set(f) for t, f in usage.TABLES.items()}


class Conn:
    def call(self, func_name, options=None, **params):
        return {"FIELDS": [], "DATA": []}

    def close(self):
        pass


def test_read_table_refuses_a_field_not_listed():
    rfc = Transport(Conn)
    assert opensql.read_table(rfc, "KNA1", ("KUNNR", "NAME1")) == []
    with pytest.raises(usage.UndeclaredRead, match="KNA1: STCEG not listed"):
        opensql.read_table(rfc, "KNA1", ("KUNNR", "STCEG"))
    with pytest.raises(usage.UndeclaredRead, match="T005T"):
        opensql.read_table(rfc, "T005T", ("LAND1",))
    rfc.close()
