"""N ordertui sessions at once on this machine, each its own process, driven by a script for a
bounded time (prints figures; not a test).

    python bench/concurrent_sessions.py [--sessions 20] [--seconds 60] [--think 2] [--latency 0.05]

Each session is what one user runs: a separate Python process with the app headless (Textual's
``App.run_test``, 120x36), the real screens, ``RfcGateway`` and its connection pool, over its own
sandbox (the sandbox is in-process, so every session also holds a generated company; its share is
measured apart and taken off for a real SAP system). A session repeats one phone call of
scenario 1 (../shared/scenarios.md) from the customer screens: the account by number (detail,
6 parts), a name search and a customer from the list, a product and two quotes; then waits
``--think`` seconds. Every RFC call waits ``--latency`` s (the sandbox's knob, a LAN round trip).

Per session: phone calls done, key-to-painted p50/p95 under contention, RFC calls, CPU seconds,
resident memory (at session open before the sandbox built its company, and at the end), threads
(peak) and RFC connections open at the end. Then the totals and the machine before and after.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import threading
import time

import benchlib
from benchlib import Calls, Frames, machine, pct, record, send_key

TODAY_ARGS = dict(today="2026-11-27", now="2026-11-27T09:30")


def proc_status() -> dict:
    out = {}
    with open("/proc/self/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "Threads"):
                out[key] = int(value.split()[0])
    return out


async def child(seconds: float, think: float, latency: float) -> dict:
    import datetime as dt

    from textual.widgets import DataTable, Input

    from ordertui.cli import make_app
    from ordertui.screens.customers import CustomersScreen
    from ordertui.screens.products import ProductQuoteScreen, ProductsScreen
    from ordertui.widgets.customer_panels import DataPart
    from screens_bench import back_to, detail_painted, no_debounce, set_query

    Frames.install()
    peak_threads = [0]
    stop = threading.Event()

    def sample_threads() -> None:
        while not stop.wait(0.05):
            peak_threads[0] = max(peak_threads[0], threading.active_count())

    threading.Thread(target=sample_threads, daemon=True).start()
    app = make_app(sandbox=True, today=dt.date(2026, 11, 27), now=dt.datetime(2026, 11, 27, 9, 30), seed=1,
                   sandbox_latency=latency)
    times: list[float] = []
    calls = Calls()
    phone_calls = 0
    wall_start = cpu_start = ui_start = 0.0
    with no_debounce():
        async with app.run_test(size=(120, 36)) as pilot:
            while app.session is None:
                await pilot.pause(0.01)
            before = proc_status()
            cpu_open = time.process_time()
            app.session.gateway.add_listener(calls.listener)

            async def key(done) -> None:
                t0 = time.perf_counter()
                send_key(app, "enter")
                t1, _ = await Frames.shown(done, timeout=120)
                times.append(t1 - t0)
                await app.workers.wait_for_complete()

            def quote_ready() -> bool:
                q = app.screen
                return (isinstance(q, ProductQuoteScreen) and q.is_mounted
                        and all(p.state != "loading" for p in q.query(DataPart)) and len(q._atp) == len(q._atp_plants) > 0)

            deadline = time.monotonic() + seconds
            warm = True
            while warm or time.monotonic() < deadline:
                app.switch_mode("customers")
                await pilot.pause()
                await back_to(pilot, app, CustomersScreen)
                search = app.screen
                table = search.query_one("#customer-results", DataTable)
                await set_query(pilot, search, "10023")
                await key(lambda: detail_painted(app))
                await back_to(pilot, app, CustomersScreen)
                await set_query(pilot, search, "fastener")
                await key(lambda: search._shown_query == "fastener" and not search._searching and table.row_count > 1
                          and app.focused is table)
                await key(lambda: detail_painted(app))  # the first of the list: the caller
                app.switch_mode("products")
                await pilot.pause()
                await back_to(pilot, app, ProductsScreen)
                products = app.screen
                results = products.query_one("#product-results", DataTable)
                await set_query(pilot, products, "HB-38-100")
                await key(lambda: products._shown_query == "HB-38-100" and not products._searching and results.row_count > 0
                          and app.focused is results)
                await key(quote_ready)
                quote = app.screen
                qty = quote.query_one("#quote-qty", Input)
                qty.value = "40"
                qty.focus()
                await pilot.pause()
                price = quote.query_one("#part-price", DataPart)
                old = quote._quote  # the answer shown now: done when the next one is painted (a requote
                # refills the same widgets: not a sign of its own)
                await key(lambda: price.state == "ready" and quote._quote is not None and quote._quote is not old
                          and len(quote._atp) == len(quote._atp_plants))
                await back_to(pilot, app, ProductsScreen)
                if warm:  # the first call builds the sandbox company: not counted
                    warm = False
                    times.clear()
                    calls.clear()
                    cpu_start = time.process_time()
                    ui_start = time.thread_time()
                    wall_start = time.monotonic()
                    deadline = wall_start + seconds
                    continue
                phone_calls += 1
                await asyncio.sleep(think)
            wall = time.monotonic() - wall_start
            cpu = time.process_time() - cpu_start
            ui_cpu = time.thread_time() - ui_start
            end = proc_status()
            connections = app.session.gateway._rfc.pool.open_count
            stop.set()
    # The same SAP work without the UI (adapter + sandbox, latency 0): its CPU per phone call,
    # to tell the app's share from the sandbox's, which a real SAP system does elsewhere.
    sap_cpu = replay_cpu(max(1, min(phone_calls, 3)))
    return {
        "sap_cpu": sap_cpu, "ui_cpu": ui_cpu, "phone_calls": phone_calls, "keys": len(times), "p50": pct(times, 50),
        "p95": pct(times, 95), "rfc_calls": len(calls.calls), "cpu": cpu, "cpu_open": cpu_start - cpu_open,
        "wall": wall, "rss_open": before["VmRSS"] / 1024, "rss_end": end["VmRSS"] / 1024,
        "hwm": end["VmHWM"] / 1024, "threads_peak": max(peak_threads[0], end["Threads"]),
        "connections": connections,
    }


def replay_cpu(rounds: int) -> float:
    """CPU seconds per phone call of the gateway calls the screens make for one (no UI)."""
    import datetime as dt
    from decimal import Decimal

    from ordertui.model import DraftLine, OrderDraft, SalesArea
    from ordertui.sap.connect import sandbox_gateway

    today = dt.date(2026, 11, 27)
    area = SalesArea("1000", "10", "00")
    gw = sandbox_gateway(seed=1, today=today)

    def detail(number: str) -> None:
        gw.customer(number)
        gw.customer_sales_data(number, area)
        gw.credit_status(number, area)
        gw.find_orders(sales_area=area, customer=number, limit=10)
        gw.open_items(number, key_date=today)

    start = time.process_time()
    for _ in range(rounds):
        gw.find_customers("10023", sales_area=area)
        detail("10023")
        number = gw.find_customers("fastener", sales_area=area).hits[0].number
        detail(number)
        gw.find_materials("HB-38-100", sales_area=area)
        m = gw.material("HB-38-100", sales_area=area)
        plants = [p.number for p in gw.plants(area)][:2]
        for qty in (1, 40):
            gw.simulate(OrderDraft("10023", area, (DraftLine(m.number, Decimal(qty), "", "", today),), requested_date=today))
            for plant in plants:
                gw.availability(m.number, plant, m.sales_unit, Decimal(qty), today)
    gw.close()
    return (time.process_time() - start) / rounds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60.0, help="driving time per session after its first call")
    ap.add_argument("--think", type=float, default=2.0, help="seconds between two phone calls of a session")
    ap.add_argument("--latency", type=float, default=0.05, help="sandbox latency per RFC call")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        benchlib.isolated_home()
        print("RESULT " + json.dumps(asyncio.run(child(args.seconds, args.think, args.latency))), flush=True)
        return
    before = machine()
    print(f"{args.sessions} sessions, {args.seconds:g} s each after a warm-up call, think {args.think:g} s, "
          f"sandbox latency {args.latency:g} s; before: {before}")
    cmd = [sys.executable, os.path.abspath(__file__), "--child", "--seconds", str(args.seconds),
           "--think", str(args.think), "--latency", str(args.latency)]
    started = time.monotonic()
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(args.sessions)]
    results, failed = [], 0
    for p in procs:
        try:
            out, err = p.communicate(timeout=args.seconds + 600)
        except subprocess.TimeoutExpired:
            p.kill()
            out, err = p.communicate()
        line = next((x for x in out.splitlines() if x.startswith("RESULT ")), None)
        if line is None:
            failed += 1
            sys.stderr.write(err[-1500:])
            continue
        results.append(json.loads(line[7:]))
    elapsed = time.monotonic() - started
    after = machine()
    if not results:
        raise SystemExit("no session finished")
    n = len(results)
    total_calls = sum(r["phone_calls"] for r in results)
    cpu = sum(r["cpu"] for r in results)
    wall = max(r["wall"] for r in results)
    print(f"sessions finished {n} (failed {failed}); elapsed {elapsed:.0f} s")
    print(f"{'':2}{'session':>7} {'calls':>5} {'keys':>5} {'p50 ms':>7} {'p95 ms':>7} {'RFC':>5} {'CPU s':>6} "
          f"{'RSS open':>8} {'RSS end':>8} {'threads':>7} {'conns':>5}")
    for i, r in enumerate(results):
        print(f"  {i + 1:7d} {r['phone_calls']:5d} {r['keys']:5d} {r['p50'] * 1000:7.0f} {r['p95'] * 1000:7.0f} "
              f"{r['rfc_calls']:5d} {r['cpu']:6.1f} {r['rss_open']:8.1f} {r['rss_end']:8.1f} {r['threads_peak']:7d} "
              f"{r['connections']:5d}")
    all_p50 = pct([r["p50"] for r in results], 50) * 1000
    all_p95 = pct([r["p95"] for r in results], 95) * 1000
    cpu_per_call = cpu / max(1, total_calls)
    sap_cpu = statistics_mean([r["sap_cpu"] for r in results])
    ui_cpu = sum(r["ui_cpu"] for r in results) / max(1, total_calls)
    rfc_per_call = sum(r["rfc_calls"] for r in results) / max(1, total_calls)
    print(f"phone calls {total_calls} in {wall:.0f} s ({total_calls / wall * 60:.1f}/min over all sessions); "
          f"CPU {cpu:.1f} s = {cpu / wall:.2f} cores busy; CPU per phone call {cpu_per_call:.2f} s; "
          f"RFC calls per phone call {rfc_per_call:.0f}")
    print(f"  of which the adapter + sandbox (the same gateway calls without the UI, latency 0): "
          f"{sap_cpu:.2f} s; the app's own {cpu_per_call - sap_cpu:.2f} s per phone call, "
          f"{ui_cpu:.2f} s of it on the event-loop thread (the script driving it included)")
    print(f"key to painted under contention: median of p50s {all_p50:.0f} ms, p95 of p95s {all_p95:.0f} ms")
    rss_open = statistics_mean([r["rss_open"] for r in results])
    rss_end = statistics_mean([r["rss_end"] for r in results])
    print(f"memory per session: {rss_open:.0f} MiB at session open (before the sandbox builds its company), "
          f"{rss_end:.0f} MiB at the end; {sum(r['rss_end'] for r in results) / 1024:.1f} GiB for all")
    print(f"threads per session (peak) {max(r['threads_peak'] for r in results)}; RFC connections open at the end "
          f"{statistics_mean([r['connections'] for r in results]):.1f}")
    print(f"after: {after}")
    record("concurrent", f"{n} sessions: key to painted p95", all_p95, "ms", extra=f"p50 {all_p50:.0f}; {total_calls} phone calls")
    record("concurrent", "CPU per phone call", cpu_per_call, "s",
           extra=f"adapter+sandbox {sap_cpu:.2f} s; {rfc_per_call:.0f} RFC calls each")
    record("concurrent", "RSS per session at the end", rss_end, "MiB", extra=f"{rss_open:.0f} at session open")


def statistics_mean(values) -> float:
    return sum(values) / len(values) if values else float("nan")


if __name__ == "__main__":
    main()
