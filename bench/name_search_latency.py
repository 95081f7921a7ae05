"""Wall time of a customer name search over the sandbox with network latency added.

Run:  python bench/name_search_latency.py [--latency 2.0] [--rounds 3] [--query fastener]

A name search is BAPI_CUSTOMER_FIND on MCOD1 and on MCOD3 (run at the same time on two of the pool's
connections) and then one KNA1 read: about two latencies, not three. Prints each round's seconds
and the RFC calls it made.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

import benchlib
from ordertui.model import SalesArea
from ordertui.sap.connect import sandbox_gateway

TODAY = dt.date(2026, 11, 27)
AREA = SalesArea("1000", "10", "00")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--latency", type=float, default=2.0)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--query", default="fastener")
    args = ap.parse_args()

    warm = sandbox_gateway(seed=1, today=TODAY)
    warm.find_customers(args.query, sales_area=AREA)  # generates the sandbox company once
    warm.close()
    gw = sandbox_gateway(seed=1, today=TODAY, latency=args.latency)
    calls: list[str] = []
    gw.add_listener(lambda event: calls.append(event.function))
    try:
        print(f"name search {args.query!r}, sandbox latency {args.latency:.2f} s per call; {benchlib.machine()}")
        for i in range(args.rounds):
            calls.clear()
            t = time.perf_counter()
            result = gw.find_customers(args.query, sales_area=AREA)
            seconds = time.perf_counter() - t
            print(f"round {i + 1}: {seconds:6.2f} s  {len(result)} hits  calls: {', '.join(calls)}")
            if i == args.rounds - 1:
                benchlib.record("name_search", f"{args.query!r} wall time", seconds / args.latency, "L",
                                budget="<=2", extra=f"{len(calls)} calls at L={args.latency:g} s")
    finally:
        gw.close()


if __name__ == "__main__":
    main()
