"""The one screen state the sandbox cannot produce by itself: one part of the customer detail
failing while the others answer (a scripted gateway fails only the credit call). Every other
look of these screens is snapshotted over the sandbox in test_screens_sandbox_snapshots.py."""

from __future__ import annotations

import pytest

from ordertui.sap.errors import SapUnreachable

from tests.fakes.gateway import FakeGateway
from .host import make, scenario, typed

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


@pytest.mark.parametrize("size", SIZES)
def test_customer_detail_part_errors(snap_compare, app_factory, size):
    gw = FakeGateway()
    gw.failures["credit_status"] = SapUnreachable("connection to SAP lost")
    app = make(app_factory, gw)
    assert snap_compare(app, terminal_size=size, run_before=scenario(typed("toledo"), ("enter",), ("enter",), ("enter",)))
