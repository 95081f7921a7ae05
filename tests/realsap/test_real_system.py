"""Against a real SAP system (marker ``realsap``): the deep profile test, then the gateway's
read-only calls, whose answers must have the shapes the sandbox's have.

Run once against a QA system (docs/sap-setup.md, "Checking ordertui against your QA system")::

    ordertui profile test QAS --remember            # the password goes to the OS keyring
    ORDERTUI_REAL_PROFILE=QAS ORDERTUI_REAL_CUSTOMER=10023 ORDERTUI_REAL_MATERIAL=100100 \\
        python -m pytest -m realsap -rs tests/realsap

The password is taken from the OS keyring only (never the environment). Without
ORDERTUI_REAL_PROFILE, or without a remembered password, every test is skipped with the reason.
Nothing is created: the gateway is opened read-only, and BAPI_SALESORDER_SIMULATE never saves.
ORDERTUI_REAL_CUSTOMER and ORDERTUI_REAL_MATERIAL name a customer and a material of the user's sales
area that may be read; tests that need them are skipped without them.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

import pytest

from ordertui.model import DraftLine, OrderDraft
from ordertui.sap.rfc.usage import FUNCTIONS, alternatives
from tests.conftest import TODAY

pytestmark = pytest.mark.realsap

PROFILE = os.environ.get("ORDERTUI_REAL_PROFILE", "")
CUSTOMER = os.environ.get("ORDERTUI_REAL_CUSTOMER", "")
MATERIAL = os.environ.get("ORDERTUI_REAL_MATERIAL", "")

SANDBOX_TODAY = TODAY
SANDBOX_CUSTOMER, SANDBOX_MATERIAL = "10023", "100100"


@pytest.fixture(scope="module")
def real():
    """(profile, password) of ORDERTUI_REAL_PROFILE, or a skip that says what is missing."""
    if not PROFILE:
        pytest.skip("no real SAP system: set ORDERTUI_REAL_PROFILE to a profile name (docs/sap-setup.md)")
    from ordertui import config, secrets

    profile = config.load().profiles.get(PROFILE)
    if profile is None:
        pytest.skip(f"ORDERTUI_REAL_PROFILE={PROFILE}: no such profile in {config.config_path()}")
    try:
        password = secrets.load(profile.name, profile.client, profile.user)
    except secrets.KeyringUnavailable as error:
        pytest.skip(f"no usable keyring ({error.reason}); the password is read from the keyring only")
    if not password:
        pytest.skip(f"no remembered password: run 'ordertui profile test {PROFILE} --remember' once")
    return profile, password


class Capture:
    """A connection that keeps each function module's answer with the most rows."""

    def __init__(self, conn, answers):
        self.conn, self.answers = conn, answers

    def __getattr__(self, name):
        return getattr(self.conn, name)

    def call(self, func_name, options=None, **params):
        answer = self.conn.call(func_name, options=options, **params)
        size = sum(len(v) for v in answer.values() if isinstance(v, list))
        if func_name not in self.answers or size > self.answers[func_name][0]:
            self.answers[func_name] = (size, answer)
        return answer


@pytest.fixture(scope="module")
def real_gateway(real):
    from ordertui.sap import connect

    profile, password = real
    answers: dict = {}
    clean = connect.check_params({**profile.rfc_params(), "user": profile.user})
    from ordertui.sap.rfc import RfcGateway

    gateway = RfcGateway(lambda: Capture(connect.open_real(clean, password), answers), user=profile.user,
                         client=profile.client, language=clean.get("lang", "E"), pool_size=1,
                         call_timeout=connect.REAL_CALL_TIMEOUT, read_only=True, secrets=(password,))
    gateway.answers = answers
    yield gateway
    gateway.close()


@pytest.fixture(scope="module")
def sandbox_gateway():
    from ordertui.sap import connect
    from ordertui.sap.rfc import RfcGateway

    answers: dict = {}
    gateway = RfcGateway(lambda: Capture(connect.open_sandbox(seed=1, today=SANDBOX_TODAY), answers),
                         sandbox=True, today=lambda: SANDBOX_TODAY, read_only=True)
    gateway.answers = answers
    yield gateway
    gateway.close()


def test_deep_profile_test(real):
    from ordertui.sap import connect

    profile, password = real
    report = connect.deep_test_real({**profile.rfc_params(), "user": profile.user}, password,
                                    read_only=profile.read_only)
    assert report.ok, "\n".join(report.lines())


def read_only_session(gateway, customer: str, material: str, today: dt.date) -> None:
    """The gateway's read-only calls, each on real data where there is some."""
    defaults = gateway.user_defaults()
    gateway.system_info()
    area = defaults.sales_area
    assert area is not None, "the user has no sales area parameters (VKO, VTW, SPA in SU3)"
    gateway.find_customers(customer, sales_area=area)
    gateway.customer(customer)
    areas = gateway.customer_sales_areas(customer)
    area = area if area in areas else (areas[0] if areas else area)
    gateway.customer_sales_data(customer, area)
    gateway.credit_status(customer, area)
    gateway.find_materials(material, sales_area=area)
    m = gateway.material(material, sales_area=area)
    plants = gateway.plants(area)
    plant = m.delivering_plant or (plants[0].number if plants else "")
    if plant:
        gateway.availability(material, plant, m.sales_unit, Decimal(1), today)
    gateway.simulate(OrderDraft(sold_to=customer, sales_area=area, customer_po="", requested_date=None,
                                lines=(DraftLine(material=material, quantity=Decimal(1)),)))
    orders = gateway.find_orders(sales_area=area, customer=customer, limit=20)
    for hit in orders.hits[:5]:
        order = gateway.order(hit.number)
        if order.deliveries:
            gateway.deliveries(order.deliveries)
            break
    invoices = gateway.invoices_for(customer, sales_area=area, limit=5)
    if invoices:
        gateway.invoice(invoices[0].number)
    gateway.open_items(customer, key_date=today)


def shape(value) -> str:
    if isinstance(value, dict):
        return "structure"
    if isinstance(value, list):
        return "table"
    return type(value).__name__


def field_shapes(answers) -> dict[str, str]:
    """``FM.PARAM[-FIELD]`` -> the Python type pyrfc gave, for what ordertui uses."""
    out = {}
    for fm, (_, answer) in answers.items():
        for pname, specs in FUNCTIONS.get(fm, {}).items():
            if pname not in answer:
                continue
            value = answer[pname]
            out[f"{fm}.{pname}"] = shape(value)
            rows = [value] if isinstance(value, dict) else value if isinstance(value, list) else []
            for row in rows[:1]:
                for spec in specs:
                    for name in alternatives(spec)[0]:
                        if name in row:
                            out[f"{fm}.{pname}-{name}"] = shape(row[name])
    return out


def test_read_only_calls_have_the_sandboxs_shapes(real_gateway, sandbox_gateway):
    if not (CUSTOMER and MATERIAL):
        pytest.skip("set ORDERTUI_REAL_CUSTOMER and ORDERTUI_REAL_MATERIAL to a customer and a material to read")
    read_only_session(real_gateway, CUSTOMER, MATERIAL, dt.date.today())
    read_only_session(sandbox_gateway, SANDBOX_CUSTOMER, SANDBOX_MATERIAL, SANDBOX_TODAY)
    real, sandbox = field_shapes(real_gateway.answers), field_shapes(sandbox_gateway.answers)
    differ = {k: (real[k], sandbox[k]) for k in real.keys() & sandbox.keys() if real[k] != sandbox[k]}
    assert not differ, "real vs sandbox: " + ", ".join(f"{k} {r} / {s}" for k, (r, s) in sorted(differ.items()))
    only_sandbox = sorted(k for k in sandbox.keys() - real.keys() if "-" in k)
    assert not only_sandbox, "the sandbox answers fields the real system does not: " + ", ".join(only_sandbox)
