"""Fixtures for the sandbox contract tests: one sandbox system per test session."""

from __future__ import annotations

import pytest

from ordertui.sap import sandbox
from tests.conftest import TODAY  # every date in the company is relative to it

SEED = 1


@pytest.fixture
def system():
    # Function scope: a test that committed documents gets its system dropped afterwards
    # (tests/conftest.py sandbox_isolation); the next test then sees a freshly generated one.
    co = sandbox.system(SEED, TODAY)
    for group in ("config", "customers", "materials", "pricing", "history", "credit"):
        co.ensure(group)
    return co


@pytest.fixture
def connect(system):
    opened = []

    def make(**kw):
        kw.setdefault("seed", SEED)
        kw.setdefault("today", TODAY)
        kw.setdefault("user", "orderdesk")
        kw.setdefault("passwd", "secret")
        conn = sandbox.connect(**kw)
        opened.append(conn)
        return conn

    yield make
    for conn in opened:
        conn.close()


@pytest.fixture
def conn(connect):
    return connect()


@pytest.fixture(autouse=True)
def _clear_knobs():
    yield
    sandbox.configure(latency=0.0, faults=set())
