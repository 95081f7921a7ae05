"""What the adapter really uses of SAP, recorded while the gateway runs over the sandbox.

``Recorder.factory`` wraps sandbox connections: every call records the function module, the
parameters and fields it sends, and every parameter and field the adapter then looks at in the
answer (``get``, ``[]``, ``in``). RFC_READ_TABLE calls record the table, the FIELDS asked for and
the fields named in the WHERE clause; BAPI_CUSTOMER_FIND records the DDIC fields it searches.
``scenario(gateway)`` calls every gateway method on the sandbox's well-known records.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal as D

from ordertui.model import DraftLine, OrderDraft, SalesArea
from tests.conftest import TODAY

_WORD = re.compile(r"'(?:[^']|'')*'|[A-Za-z_][A-Za-z0-9_]*")
_KEYWORDS = {"AND", "OR", "NOT", "IN", "LIKE", "BETWEEN", "IS", "NULL", "EQ", "NE", "GT", "GE", "LT", "LE",
             "ESCAPE"}


def where_fields(where: str) -> set[str]:
    """Field names in an Open SQL WHERE clause (literals and keywords skipped)."""
    return {w for w in _WORD.findall(where) if not w.startswith("'") and w.upper() not in _KEYWORDS}


class Seen(dict):
    """A result dict that notes which of its keys the adapter looks at.

    Only keys the answer has are noted: the adapter also asks for names a shape does not have
    (``"CODE" in row`` tells BAPIRETURN from BAPIRET2), which is not a use of them."""

    def __init__(self, data, note):
        super().__init__(data)
        self._note = note

    def _seen(self, key):
        if dict.__contains__(self, key):
            self._note(key)

    def get(self, key, default=None):
        self._seen(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self._seen(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self._seen(key)
        return super().__contains__(key)


class Recorder:
    def __init__(self):
        #: function module -> parameter -> fields (empty for a scalar)
        self.functions: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        #: table -> fields read, searched or filtered on
        self.tables: dict[str, set[str]] = defaultdict(set)

    def wrap(self, conn):
        recorder = self

        class Recording:
            def __getattr__(self, name):
                return getattr(conn, name)

            def call(self, func_name, options=None, **params):
                recorder.sent(func_name, params)
                result = conn.call(func_name, options=options, **params)
                return recorder.answer(func_name, result)

        return Recording()

    def sent(self, fm, params):
        used = self.functions[fm]
        for name, value in params.items():
            fields = used[name]
            rows = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
            for row in rows:
                fields.update(row)
        if fm == "RFC_READ_TABLE":
            table = params["QUERY_TABLE"]
            self.tables[table].update(f["FIELDNAME"] for f in params.get("FIELDS") or [])
            where = " ".join(o["TEXT"] for o in params.get("OPTIONS") or [])
            self.tables[table].update(where_fields(where))
        if fm == "BAPI_CUSTOMER_FIND":
            for row in params.get("SELOPT_TAB") or []:
                self.tables[row["TABNAME"]].add(row["FIELDNAME"])

    def answer(self, fm, result):
        used = self.functions[fm]

        def top(key):
            used[key]  # noqa: B018 - touching the defaultdict records the parameter

        out = Seen({}, top)
        for pname, value in result.items():
            def note(key, pname=pname):
                used[pname].add(key)

            if isinstance(value, dict):
                value = Seen(value, note)
            elif isinstance(value, list):
                value = [Seen(row, note) if isinstance(row, dict) else row for row in value]
            dict.__setitem__(out, pname, value)
        return out


US = SalesArea("1000", "10", "00")


def scenario(gw) -> None:
    """Every gateway method, on the sandbox's well-known records (see tests/sap/test_gateway_sandbox.py)."""
    gw.ping()
    gw.system_info()
    gw.user_defaults()
    for text in ("10023", "miami valley", "45502", "+1 (937) 555-0142"):
        gw.find_customers(text, sales_area=US)
    gw.customer("10023")
    gw.customer_sales_areas("10023")
    gw.customer_sales_data("10023", US)
    gw.credit_status("10050", US)
    gw.find_materials("hex bolt", sales_area=US, limit=5)
    gw.find_materials("HB-38-100", sales_area=US)
    gw.material("HB-38-100", sales_area=US)
    gw.plants(US)
    gw.availability("100100", "1000", "PC", D(8), TODAY)
    draft = OrderDraft(sold_to="10023", sales_area=US, customer_po="", requested_date=TODAY + dt.timedelta(days=3),
                       lines=(DraftLine(material="100100", quantity=D(2)), DraftLine(material="100200", quantity=D(1))))
    gw.simulate(draft)
    gw.simulate(OrderDraft(sold_to="10060", sales_area=US, customer_po="", requested_date=None,
                           lines=(DraftLine(material="100100", quantity=D(1)),)))
    ok = OrderDraft(sold_to="10023", sales_area=US, customer_po="USAGE-1", requested_date=None,
                    lines=(DraftLine(material="100100", quantity=D(1)),))
    gw.create_order(ok)
    bad = OrderDraft(sold_to="10023", sales_area=US, customer_po="USAGE-2", requested_date=None,
                     lines=(DraftLine(material="ZZ-NOPE-1", quantity=D(1)),))
    try:
        gw.create_order(bad)  # refused: rolled back
    except Exception:  # noqa: BLE001 - only the calls matter here
        pass
    orders = gw.find_orders(sales_area=US, customer="10023", limit=50)
    for hit in orders.hits:
        order = gw.order(hit.number)
        if order.deliveries:
            gw.deliveries(order.deliveries)
            break
    invoices = gw.invoices_for("10023", sales_area=US, limit=5)
    gw.invoice(invoices[0].number)
    gw.open_items("10090", key_date=TODAY)
    gw.open_items("10085", key_date=TODAY)
