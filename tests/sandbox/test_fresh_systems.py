"""``fresh_after_commits``: what tests/conftest.py's sandbox_isolation stands on."""

from __future__ import annotations

from decimal import Decimal

from ordertui.model import DraftLine, OrderDraft, SalesArea
from ordertui.sap.connect import sandbox_gateway
from ordertui.sap.sandbox.connection import fresh_after_commits, system
from tests.conftest import TODAY


def test_a_system_committed_to_is_regenerated_and_an_untouched_one_kept():
    with fresh_after_commits():
        touched, untouched = system(1, TODAY), system(7, TODAY)
        gateway = sandbox_gateway(seed=1, today=TODAY)
        try:
            gateway.create_order(OrderDraft(sold_to="10023", sales_area=SalesArea("1000", "10", "00"),
                                            lines=(DraftLine("100100", Decimal(2)),), customer_po="FRESH-1"))
        finally:
            gateway.close()
        assert touched.commits and not untouched.commits
    assert system(1, TODAY) is not touched  # generated afresh on next use
    assert system(7, TODAY) is untouched  # generation costs time: kept
