"""p50/p95 of gateway calls over the sandbox at latency 0 — the adapter's (and sandbox's) own cost.

Run:  python bench/gateway_bench.py [--rounds 30] [--seed 1]

The first round is a warm-up (it generates the sandbox company lazily) and is not counted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from decimal import Decimal

import benchlib
from ordertui.model import DraftLine, OrderDraft, SalesArea
from ordertui.sap.connect import sandbox_gateway

TODAY = dt.date(2026, 11, 27)
AREA = SalesArea("1000", "10", "00")


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    gw = sandbox_gateway(seed=args.seed, today=TODAY)
    materials = [h.number for h in gw.find_materials("HEX BOLT", sales_area=AREA, limit=40).hits][:10]
    orders = gw.find_orders(sales_area=AREA, customer="10023", limit=5).hits
    order_no = orders[0].number if orders else ""
    draft = OrderDraft(
        sold_to="10023", sales_area=AREA, customer_po="BENCH",
        lines=tuple(DraftLine(material=m, quantity=Decimal(5)) for m in materials),
    )

    cases = {
        "find_customers number": lambda: gw.find_customers("10023", sales_area=AREA),
        "find_customers name": lambda: gw.find_customers("fastener", sales_area=AREA),
        "find_customers phone": lambda: gw.find_customers("+1 (937) 555-0142", sales_area=AREA),
        "customer": lambda: gw.customer("10023"),
        "customer_sales_data": lambda: gw.customer_sales_data("10023", AREA),
        "credit_status": lambda: gw.credit_status("10023", AREA),
        f"simulate {len(draft.lines)} lines": lambda: gw.simulate(draft),
    }
    if order_no:
        cases["order detail"] = lambda: gw.order(order_no)

    timings: dict[str, list[float]] = {name: [] for name in cases}
    for rnd in range(args.rounds + 1):
        for name, fn in cases.items():
            t = time.perf_counter()
            fn()
            if rnd:  # round 0 warms up
                timings[name].append((time.perf_counter() - t) * 1000)

    print(f"gateway over the sandbox, latency 0, {args.rounds} rounds (ms); {benchlib.machine()}")
    print(f"{'call':32} {'p50':>8} {'p95':>8} {'mean':>8}")
    for name, vals in timings.items():
        print(f"{name:32} {pct(vals, 50):8.2f} {pct(vals, 95):8.2f} {statistics.fmean(vals):8.2f}")
        benchlib.record("gateway", f"{name} p95", pct(vals, 95), "ms", extra=f"p50 {pct(vals, 50):.2f}")
    gw.close()


if __name__ == "__main__":
    main()
