"""The RFC adapter's parsers of SAP's answers, fed mutated answers (issue 11, hostile input).

Each example makes one gateway call over the sandbox, whose answers pass through
``MutatingConnection``: Hypothesis picks fields anywhere in the answer (parameters, structure
fields, table rows, RFC_READ_TABLE's WA lines) and drops them or replaces them with what a
misconfigured or differently released SAP might send — blank and garbage dates ("00000000", "",
"2026-13-45"), odd decimals ("1.2.3", " 12- ", NaN, 1E+999999, 40 digits), over-long CHAR values,
None, empty tables and structures.

The call must end in a parsed result whose numbers are finite ``Decimal`` (no float, no NaN), or
in an ``ordertui.sap.errors.SapError`` or the adapter's ``ValueError`` — both of which a screen
shows as a message (``SapScreen.fetch``) — with a message a user can read. Never ``KeyError``,
``TypeError``, ``AttributeError``, ``IndexError`` or a ``decimal`` signal: those are bugs, and a
screen shows them as "Unexpected error".
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from decimal import Decimal
from functools import partial
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ordertui.model import DraftLine, OrderDraft, SalesArea
from ordertui.sap import convert as C
from ordertui.sap.connect import open_sandbox
from ordertui.sap.errors import SapError
from ordertui.sap.rfc import RfcGateway
from tests.conftest import TODAY
from tests.security.fuzz import EXAMPLES

AREA = SalesArea("1000", "10", "00")
DROP = object()  # the field is not in the answer at all

ODD_TEXT = [
    "", " ", "00000000", "0000-00-00", "2026-13-45", "20261345", "99999999", "2026113", "202611270", "1.2.3",
    " 12- ", "12-", "-", "--1", "NaN", "Infinity", "-0", "1e999999999", "9" * 40, "0.000000000000000000000000000000001",
    "\x00", "\t", "ÄÖÜ", "*", "X" * 300, "٣", "１２", "\u202e", "|", "||", "000000",
]
odd_decimal = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal("1E+999999"),
                     Decimal("-1E-999999"), Decimal("-0"), Decimal("9" * 40), Decimal("0.00000000000000000000000000000001")]),
)


#: One change to an answer: which call (by its function module, and table for RFC_READ_TABLE,
#: hashed into 0..3: not by order, since the adapter makes some reads side by side), how, where
#: (modulo what there is) and what instead. Drawn before the call, so that what Hypothesis draws
#: does not depend on how many calls the adapter makes or how big the answers are.
#: How: "one" value anywhere in the answer; "every" value of one field name in every row;
#: "column" one column of every RFC_READ_TABLE line (a field of the table, as SAP stores it).
change = st.tuples(
    st.integers(0, 3),
    st.sampled_from(["one", "every", "column"]),
    st.one_of(st.integers(0, 40), st.integers(0, 2**16)),
    st.one_of(st.just(DROP), st.none(), st.just("LONG"), st.just("EMPTY"), st.sampled_from(ODD_TEXT), odd_decimal,
              st.integers(), st.text(max_size=40)),
)
changes = st.lists(change, max_size=10)


def call_key(name: str, params: dict) -> int:
    return zlib.crc32(f"{name}:{params.get('QUERY_TABLE', '')}".encode()) % 4


def instead(original: object, value: object) -> object:
    """``value`` as pyrfc could hand it where ``original`` was (DROP: the field is missing)."""
    if value is DROP:
        return value
    # a table is a list of rows and a structure a dict whatever SAP puts in them: pyrfc never
    # hands None (or text) for either; it may hand an empty one
    if isinstance(original, list):
        return [] if value in ("EMPTY", None) else [copy.deepcopy(r) for r in original * 3] if value == "LONG" else original[::-1]
    if isinstance(original, dict):
        return {} if value in ("EMPTY", None) else original
    if value is None or isinstance(original, bool):
        return value
    if value == "LONG":  # an over-long CHAR value, a number of 40 digits
        if isinstance(original, str):
            return (original or "X") * (300 // max(len(original), 1) + 1)
        return Decimal("9" * 40)
    if value == "EMPTY":
        return "" if not isinstance(original, int) else 0
    if isinstance(original, str):
        return value if isinstance(value, str) else str(value)
    if isinstance(original, Decimal):
        return Decimal(value) if isinstance(value, int) else value  # an odd Decimal, or odd text
    if isinstance(original, int):
        if isinstance(value, Decimal):
            return int(value) if value.is_finite() and abs(value) < 10**30 else None
        return value
    return value


def places(value: object) -> list[tuple[object, object]]:
    """(container, key) of every value in an answer, outermost first."""
    found: list[tuple[object, object]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, child in node.items():
                found.append((node, key))
                walk(child)
        elif isinstance(node, list):
            for index, child in enumerate(node):
                found.append((node, index))
                walk(child)

    walk(value)
    return found


def _set(container, key, value) -> None:
    if value is DROP:
        del container[key]
    else:
        container[key] = value


def mutate(answer: dict, plan: list) -> dict:
    answer = copy.deepcopy(answer)
    for how, where, value in plan:
        spots = places(answer)
        if how == "one" and spots:
            container, key = spots[where % len(spots)]
            _set(container, key, instead(container[key], value))  # type: ignore[index]
        elif how == "every":
            names = sorted({key for container, key in spots if isinstance(key, str)})
            if names:
                name = names[where % len(names)]
                for container in [c for c, k in spots if k == name]:
                    _set(container, name, instead(container[name], value))  # type: ignore[index]
        elif how == "column":
            for row in answer.get("DATA") or []:
                if isinstance(row, dict) and isinstance(row.get("WA"), str):
                    parts = row["WA"].split("|")
                    column = where % len(parts)
                    parts[column] = C.text(instead(parts[column], value)) if value is not DROP else ""
                    row["WA"] = "|".join(parts)
    return answer


class Holder:
    """The current example's changes."""

    plan: list = []


class MutatingConnection:
    """A sandbox connection whose answers are changed by the current example's plan."""

    def __init__(self, holder: Holder) -> None:
        self._inner = open_sandbox(seed=1, today=TODAY)
        self._holder = holder

    def call(self, name, options=None, **params):
        answer = self._inner.call(name, **params) if options is None else self._inner.call(name, options=options, **params)
        key = call_key(name, params)
        return mutate(answer, [(how, where, value) for call, how, where, value in self._holder.plan if call == key])

    def __getattr__(self, name):
        return getattr(self._inner, name)


def assert_readable(result: object, path: str = "result") -> None:
    """Numbers in a parsed result are finite Decimals (or ints), never floats."""
    if isinstance(result, Decimal):
        assert result.is_finite(), f"{path} = {result}"
    elif isinstance(result, float):
        raise AssertionError(f"{path} is a float: {result}")
    elif dataclasses.is_dataclass(result) and not isinstance(result, type):
        for field in dataclasses.fields(result):
            assert_readable(getattr(result, field.name), f"{path}.{field.name}")
    elif isinstance(result, (tuple, list, frozenset, set)):
        for index, item in enumerate(result):
            assert_readable(item, f"{path}[{index}]")
    elif isinstance(result, dict):
        for key, item in result.items():
            assert_readable(item, f"{path}[{key!r}]")


#: Python's own messages: a ValueError that says one of these was not meant for a user
PYTHON_WORDING = ("invalid literal", "could not convert", "must be in", "out of range for", "unconverted data",
                  "does not match format", "time data", "day is out of range", "year ", "not enough values",
                  "too many values", "substring not found", "is not in list")


def call_and_check(call) -> None:
    try:
        result = call()
    except SapError as error:
        assert str(error).strip(), f"{type(error).__name__} without a message"
        return
    except ValueError as error:
        if type(error).__module__.startswith(("decimal", "json")):
            raise
        text = str(error)
        assert text.strip() and not any(w in text for w in PYTHON_WORDING), f"ValueError in Python's words: {text!r}"
        return
    assert_readable(result)


# --------------------------------------------------------------------------- the calls


def _draft() -> OrderDraft:
    return OrderDraft(sold_to="10023", sales_area=AREA, customer_po="FUZZ-1", requested_date=TODAY + dt.timedelta(days=7),
                      lines=(DraftLine(material="HB-38-100", quantity=Decimal("40")),
                             DraftLine(material="100100", quantity=Decimal("12"), unit="PC")))


def customer_calls(gw: RfcGateway) -> dict:
    return {
        "find_customers number": partial(gw.find_customers, "10023", sales_area=AREA),
        "find_customers name": partial(gw.find_customers, "dayton", sales_area=AREA),
        "find_customers phone": partial(gw.find_customers, "937-555-0142", sales_area=AREA),
        "sold_tos_of": partial(gw.sold_tos_of, "10023", AREA),
        "customer": partial(gw.customer, "10023"),
        "customer_sales_areas": partial(gw.customer_sales_areas, "10023"),
        "customer_sales_data": partial(gw.customer_sales_data, "10023", AREA),
        "credit_status": partial(gw.credit_status, "10060", AREA),
        "system_info": gw.system_info,
        "user_defaults": gw.user_defaults,
    }


def material_calls(gw: RfcGateway) -> dict:
    return {
        "find_materials": partial(gw.find_materials, "HB", sales_area=AREA),
        "find_materials text": partial(gw.find_materials, "adhesive", sales_area=AREA),
        "material": partial(gw.material, "HB-38-100", sales_area=AREA),
        "price_scales": partial(gw.price_scales, "HB-38-100", sales_area=AREA),
        "plants": partial(gw.plants, AREA),
        "availability": partial(gw.availability, "HB-38-100", "1000", "PC", Decimal("40"), TODAY),
        "simulate": partial(gw.simulate, _draft()),
    }


def after_sales_calls(gw: RfcGateway, delivery: str, invoice: str) -> dict:
    return {
        "search_orders number": partial(gw.search_orders, "5007", sales_area=AREA),
        "search_orders po": partial(gw.search_orders, "4500-7700", sales_area=AREA),
        "find_orders customer": partial(gw.find_orders, sales_area=AREA, customer="10023"),
        "find_orders dates": partial(gw.find_orders, sales_area=AREA, customer="10023",
                                     date_from=TODAY - dt.timedelta(days=60), date_to=TODAY),
        "order": partial(gw.order, "5007"),
        "order blocked": partial(gw.order, "7106"),
        "delivery": partial(gw.delivery, delivery),
        "deliveries": partial(gw.deliveries, (delivery,)),
        "invoice": partial(gw.invoice, invoice),
        "customer_open_items": partial(gw.customer_open_items, "10090", sales_area=AREA, key_date=TODAY),
        "invoices_for": partial(gw.invoices_for, "10090", sales_area=AREA),
        "open_items": partial(gw.open_items, "10090", key_date=TODAY),
        "find_created_order": partial(gw.find_created_order, _draft(), known_before=()),
    }


@pytest.fixture(scope="module")
def gateway():
    holder = Holder()
    gw = RfcGateway(lambda: MutatingConnection(holder), user="ORDERDESK", client="100", today=lambda: TODAY, sandbox=True)
    order = gw.order("5007")
    gw.close()
    return holder, order.deliveries[0], order.invoices[0]


answers_fuzz = settings(max_examples=EXAMPLES, deadline=None,
                        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                               HealthCheck.data_too_large])


def _fuzz(gateway, calls_of, data) -> None:
    holder, delivery, invoice = gateway
    # a gateway per example: no pooled connection or cached answer carries over
    gw = RfcGateway(lambda: MutatingConnection(holder), user="ORDERDESK", client="100", today=lambda: TODAY, sandbox=True)
    try:
        calls = calls_of(gw, delivery, invoice) if calls_of is after_sales_calls else calls_of(gw)
        name = data.draw(st.sampled_from(sorted(calls)), "call")
        holder.plan = data.draw(changes, "changes")
        call_and_check(calls[name])
    finally:
        holder.plan = []
        gw.close()


@answers_fuzz
@given(data=st.data())
def test_customer_answers(gateway, data):
    _fuzz(gateway, customer_calls, data)


@answers_fuzz
@given(data=st.data())
def test_material_and_quote_answers(gateway, data):
    _fuzz(gateway, material_calls, data)


@answers_fuzz
@given(data=st.data())
def test_order_delivery_invoice_and_open_item_answers(gateway, data):
    _fuzz(gateway, after_sales_calls, data)
