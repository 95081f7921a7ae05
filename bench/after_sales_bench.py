"""Where is my order, my shipment, my invoice: how fast the after-sales screens answer, and how
many SAP round trips each read takes (prints figures; not a test).

    python bench/after_sales_bench.py [--runs 30] [--latency 0.2]

1. The app's own time, keypress to rendered detail, at sandbox latency 0 (p50 / p95): Enter on
   the order with 50 items and its flow (7105: two deliveries, a goods issue, an invoice), on a
   delivery (5007's shipped one) and on an invoice (10090's overdue one). Each Enter is sent the
   way the terminal driver sends it, in the Orders search field holding the number (a single hit
   opens at once); "rendered" is the first frame Textual renders once every part of the detail
   holds its new content (``benchlib.Frames``). Until 2026-11-30 it ended when the parts held it,
   before their layout and frame: a screen that paints its answer before its first layout
   (``SapScreen`` FIRST_FRAME_HOLD) then looked slower while it was painted sooner.
2. SAP round trips at sandbox latency ``--latency`` per call: each read through the gateway,
   its calls, the round trips it took (its wall time over the latency: calls side by side on
   the pool's two connections count once) and the fewest that can serve it.

Runs over the sandbox SAP system (the real adapter and connection path). Isolated HOME and config
in a temp dir; prints timings only.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TODAY = dt.date(2026, 11, 27)
NOW = dt.datetime(2026, 11, 27, 9, 30)


def pct(values, p):
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def show(label, seconds):
    ms = [s * 1000 for s in seconds]
    print(f"{label:<52} p50 {pct(ms, 50):7.1f} ms   p95 {pct(ms, 95):7.1f} ms   (n={len(ms)})")


def send_key(app, key: str) -> None:
    """A key as the terminal driver delivers it (Pilot.press also waits for idle, which would count)."""
    from textual import events

    char = key if len(key) == 1 else ("\r" if key == "enter" else None)
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


async def until(cond, timeout=30.0):
    start = time.perf_counter()
    while not cond():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("condition not reached")
        await asyncio.sleep(0.0005)


async def bench_keypress(runs: int) -> None:
    from textual.widgets import Input

    from benchlib import Frames
    from ordertui.cli import make_app
    from ordertui.screens.documents import DocumentScreen
    from ordertui.widgets.customer_panels import DataPart

    app = make_app(sandbox=True, today=TODAY, now=NOW, seed=1, start_area="orders")
    async with app.run_test(size=(120, 36)) as pilot:
        while app.session is None or app.current_mode != "orders" or not app.screen.query("#order-search"):
            await pilot.pause(0.01)
        gw = app.session.gateway
        order = gw.order("5007")
        sunbelt = gw.customer_open_items("10090", sales_area=app.session.sales_area, key_date=TODAY)
        cases = [
            ("order 7105: 50 items and its flow", "7105"),
            ("delivery (5007's shipped one)", order.deliveries[0]),
            ("invoice (10090's overdue one)", sunbelt.items[0].reference),
        ]
        for label, number in cases:
            times = []
            for _ in range(runs):
                search = app.screen
                field = search.query_one("#order-search", Input)
                if search._shown_query != number:
                    field.value = number
                    field.focus()
                    await pilot.press("enter")
                    await until(lambda: search._shown_query == number and len(search._all_hits) == 1)
                    # the one hit opened (untimed): back to the search, whose Enter is timed
                    await app.workers.wait_for_complete()
                    while app.screen is not search:
                        await pilot.press("escape")
                        await pilot.pause()
                field.focus()
                await pilot.pause()
                t0 = time.perf_counter()
                send_key(app, "enter")
                painted, _cpu = await Frames.shown(
                    lambda: isinstance(app.screen, DocumentScreen)
                    and app.screen.document is not None
                    and all(p.state == "ready" for p in app.screen.query(DataPart)),
                    timeout=30,
                )
                times.append(painted - t0)
                await app.workers.wait_for_complete()
                await pilot.press("escape")
                await pilot.pause()
            show(f"Enter -> {label}", times)


def bench_round_trips(latency: float) -> None:
    from ordertui.model import SalesArea
    from ordertui.sap.connect import sandbox_gateway

    area = SalesArea("1000", "10", "00")
    warm = sandbox_gateway(seed=1, today=TODAY)
    order = warm.order("5007")
    overdue = warm.customer_open_items("10090", sales_area=area, key_date=TODAY).items[0].reference
    warm.close()
    gw = sandbox_gateway(seed=1, today=TODAY, latency=latency)
    calls: list[str] = []
    gw.add_listener(lambda e: calls.append(e.function if e.function != "RFC_READ_TABLE" else "READ_TABLE"))
    reads = [
        ("order 7105 (50 items, flow with goods issue)", lambda: gw.order("7105"), 1),
        ("order 7106 (delivery block: + reason text)", lambda: gw.order("7106"), 2),
        ("delivery (carrier, tracking, ship-to address)", lambda: gw.delivery(order.deliveries[0]), 2),
        ("invoice (items, open amount, names)", lambda: gw.invoice(overdue), 2),
        ("customer's orders (10023)", lambda: gw.search_orders("", sales_area=area, customer="10023"), 1),
        ("customer's orders by material", lambda: gw.search_orders("HB-38-100", sales_area=area, customer="10023"), 1),
        ("PO alone (4500-7700), with sold-to names", lambda: gw.search_orders("4500-7700", sales_area=area), 2),
        ("a delivery number typed as an order", lambda: gw.search_orders(order.deliveries[0], sales_area=area), 1),
        ("open items of 10090 (pays for itself)", lambda: gw.customer_open_items("10090", sales_area=area, key_date=TODAY), 1),
        ("open items of 10100 (payer 80003)", lambda: gw.customer_open_items("10100", sales_area=area, key_date=TODAY), 2),
    ]
    # The pool opens its connections at the first call: that logon is a round trip of its own, not
    # the read's (the first read timed here showed 2 trips for its one call).
    reads[0][1]()
    print(f"\nSAP round trips at sandbox latency {latency:.2f} s per call (two pooled connections)")
    print(f"{'read':<48} {'trips':>5} {'fewest':>6}  calls")
    for label, read, fewest in reads:
        calls.clear()
        t0 = time.perf_counter()
        read()
        trips = (time.perf_counter() - t0) / latency
        print(f"{label:<48} {trips:5.1f} {fewest:>6}  {', '.join(calls)}")
    gw.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--latency", type=float, default=0.2)
    args = ap.parse_args()
    home = tempfile.mkdtemp(prefix="ordertui-bench-")
    os.environ.update(HOME=home, XDG_CONFIG_HOME=home, ORDERTUI_CONFIG=os.path.join(home, "config.toml"))
    print(f"keypress -> rendered detail at sandbox latency 0, 120x36, {args.runs} runs each")
    asyncio.run(bench_keypress(args.runs))
    bench_round_trips(args.latency)


if __name__ == "__main__":
    main()
