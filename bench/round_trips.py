"""SAP round trips per action: calls made, most in flight at once, and the critical path (calls
one after another) at sandbox latency L, next to the fewest that can serve it (prints figures;
not a test).

    python bench/round_trips.py [--latency 0.5] [--runs 2] [--pool N]

Each action runs through the app (Textual's ``run_test``, headless 120x36, the real screens,
``RfcGateway`` and sandbox connections, every call delayed by L like a network round trip), from
the key to the frame that shows the last part. The gateway's call listener times every RFC call:

* calls — how many RFC calls the action made;
* peak — the most calls in flight at once (what the pool must hold to run them side by side);
* chain — the longest chain of calls each starting after the one before it ended: the round
  trips on the critical path, whatever the wall time;
* wall/L — key to painted over the latency (the app's own time adds a little).

The fewest round trips are the data's own dependencies (docs/performance.md says which call
needs which answer): customer by number 1 (the KNA1 read) + detail 2 (GETDETAIL2, KNA1, KNVK,
KNVV, KNVP, VBAK, the credit payer, the sales areas; then ADR2/ADR6, texts, partner names, credit
status, open items); name search 2 (BAPI_CUSTOMER_FIND MCOD1 || MCOD3, then the KNA1 read); opening a
quote 2 (material || plants, then simulate || availability per plant); a requote 1; an order
simulate 1; an order detail 1 (BAPISDORDER_GETDETAILEDLIST with the flow).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import time

import benchlib
from benchlib import Calls, Frames, machine, record, send_key, until
from screens_bench import back_to
from screens_bench import set_query as typed_query

TODAY = dt.date(2026, 11, 27)
NOW = dt.datetime(2026, 11, 27, 9, 30)

#: action -> (fewest round trips, target in round trips or None)
FEWEST = {
    "customer by number -> detail painted": (3, 3),
    "name search 'fastener' -> rows painted": (2, 2),
    "detail from the list (6 parts)": (2, None),
    "open a quote (material, plants, price, ATP)": (2, 2),
    "requote (Enter in Qty: price + ATP)": (1, 2),
    "order entry simulate (10 lines)": (1, None),
    "order detail 7105 (50 items, flow)": (1, None),
}


def build_app(latency: float, pool: int | None):
    from ordertui.cli import make_app

    gateway = None
    if pool is not None:
        from ordertui.sap.connect import sandbox_gateway

        gateway = sandbox_gateway(seed=1, today=TODAY, latency=latency, pool_size=pool)
    return make_app(sandbox=True, today=TODAY, now=NOW, seed=1, sandbox_latency=latency,
                    **({"gateway": gateway} if gateway is not None else {}))


def detail_painted(app) -> bool:
    from ordertui.screens.customer_detail import CustomerDetailScreen
    from ordertui.widgets.customer_panels import DataPart

    screen = app.screen
    if not isinstance(screen, CustomerDetailScreen):
        return False
    parts = screen.query(DataPart)
    return len(parts) == 6 and all(p.state != "loading" for p in parts)


async def set_query(pilot, screen, text: str) -> None:
    """The search field holds ``text`` and no search is pending (Enter starts it)."""
    await typed_query(pilot, screen, text)
    screen._stop_debounce()


async def measure(app, calls: Calls, action, done) -> tuple[float, list]:
    await app.workers.wait_for_complete()
    calls.clear()
    t0 = time.perf_counter()
    action()
    t1 = await until(done, timeout=120)
    await app.workers.wait_for_complete()  # calls whose answers are not shown still count
    return t1 - t0, calls.between(t0, time.perf_counter())


async def app_actions(latency: float, runs: int, pool: int | None) -> dict[str, list]:
    from textual.widgets import DataTable, Input

    from ordertui.screens.customers import CustomersScreen
    from ordertui.screens.products import ProductQuoteScreen, ProductsScreen
    from ordertui.widgets.customer_panels import DataPart

    Frames.install()
    Calls.name_tables()
    from ordertui.screens import search as search_screen

    # Only Enter starts a search here: a debounce firing during a pause under load would start
    # it before the key is timed
    search_screen.SEARCH_DEBOUNCE = 3600.0
    out: dict[str, list] = {k: [] for k in FEWEST}
    app = build_app(latency, pool)
    async with app.run_test(size=(120, 36)) as pilot:
        while app.session is None:
            await pilot.pause(0.01)
        calls = Calls()
        app.session.gateway.add_listener(calls.listener)
        app.switch_mode("customers")
        await pilot.pause()
        # warm-up: the sandbox generates its company on first use (not counted)
        await set_query(pilot, app.screen, "10023")
        send_key(app, "enter")
        await until(lambda: detail_painted(app), timeout=120)
        await back_to(pilot, app, CustomersScreen)
        for _ in range(runs):
            search = app.screen
            await set_query(pilot, search, "10023")
            out["customer by number -> detail painted"].append(
                await measure(app, calls, lambda: send_key(app, "enter"), lambda: detail_painted(app)))
            await back_to(pilot, app, CustomersScreen)

            await set_query(pilot, search, "fastener")
            table = search.query_one("#customer-results", DataTable)
            out["name search 'fastener' -> rows painted"].append(await measure(
                app, calls, lambda: send_key(app, "enter"),
                lambda: search._shown_query == "fastener" and not search._searching and table.row_count > 1))
            table.focus()
            await pilot.pause()
            out["detail from the list (6 parts)"].append(
                await measure(app, calls, lambda: send_key(app, "enter"), lambda: detail_painted(app)))
            await back_to(pilot, app, CustomersScreen)

        app.switch_mode("products")
        await pilot.pause()
        products = app.screen

        def quote_ready() -> bool:
            q = app.screen
            if not isinstance(q, ProductQuoteScreen):
                return False
            parts = [p for p in q.query(DataPart) if p.id in ("part-price", "part-atp", "part-material")]
            if len(parts) < 3:
                return False  # not composed yet
            return all(p.state != "loading" for p in parts) and len(q._atp) == len(q._atp_plants) > 0

        results = products.query_one("#product-results", DataTable)
        for _ in range(runs):
            await set_query(pilot, products, "HB-38-100")
            send_key(app, "enter")  # several hits: Enter puts the cursor on the first
            await until(lambda: products._shown_query == "HB-38-100" and results.row_count > 0
                        and app.focused is results, painted=False)
            out["open a quote (material, plants, price, ATP)"].append(
                await measure(app, calls, lambda: send_key(app, "enter"), quote_ready))
            quote = app.screen
            qty = quote.query_one("#quote-qty", Input)
            for n in (7, 12):
                qty.value = str(n)
                qty.focus()
                await pilot.pause()
                price = quote.query_one("#part-price", DataPart)
                old = quote._quote  # the answer shown now: done when the next one is painted
                # (not the part's widgets: a requote fills the same ones again)

                def requoted() -> bool:
                    return (price.state == "ready" and quote._quote is not None and quote._quote is not old
                            and len(quote._atp) == len(quote._atp_plants))

                out["requote (Enter in Qty: price + ATP)"].append(
                    await measure(app, calls, lambda: send_key(app, "enter"), requoted))
            await back_to(pilot, app, ProductsScreen)
    return out


def gateway_actions(latency: float, runs: int, pool: int | None) -> dict[str, list]:
    """Actions whose screen makes exactly one gateway call (one fetch): timed at the gateway."""
    from decimal import Decimal

    from ordertui.model import DraftLine, OrderDraft, SalesArea
    from ordertui.sap.connect import sandbox_gateway

    area = SalesArea("1000", "10", "00")
    kwargs = {"pool_size": pool} if pool is not None else {}
    warm = sandbox_gateway(seed=1, today=TODAY)
    materials = [h.number for h in warm.find_materials("HEX BOLT", sales_area=area, limit=40).hits][:10]
    warm.order("7105")
    warm.close()
    gw = sandbox_gateway(seed=1, today=TODAY, latency=latency, **kwargs)
    Calls.name_tables()
    calls = Calls()
    gw.add_listener(calls.listener)
    draft = OrderDraft(sold_to="10023", sales_area=area, customer_po="BENCH",
                       lines=tuple(DraftLine(material=m, quantity=Decimal(5)) for m in materials))
    out: dict[str, list] = {"order entry simulate (10 lines)": [], "order detail 7105 (50 items, flow)": []}
    for _ in range(runs):
        for label, fn in (("order entry simulate (10 lines)", lambda: gw.simulate(draft)),
                          ("order detail 7105 (50 items, flow)", lambda: gw.order("7105"))):
            calls.clear()
            t0 = time.perf_counter()
            fn()
            t1 = time.perf_counter()
            out[label].append((t1 - t0, calls.between(t0, t1)))
    gw.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--latency", type=float, default=0.5)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--pool", type=int, default=None, help="pool size (default: the product's)")
    ap.add_argument("--calls", default="", help="list the calls of these actions (comma-separated beginnings)")
    args = ap.parse_args()
    benchlib.isolated_home()
    from ordertui.sap.pool import DEFAULT_POOL_SIZE

    pool = args.pool or DEFAULT_POOL_SIZE
    L = args.latency
    print(f"SAP round trips at sandbox latency L = {L:g} s, pool of {pool} connections, "
          f"{args.runs} runs each (median); {machine()}")
    results = asyncio.run(app_actions(L, args.runs, args.pool))
    results.update(gateway_actions(L, args.runs, args.pool))
    print(f"{'action':<46} {'calls':>5} {'peak':>4} {'chain':>5} {'wall/L':>6} {'fewest':>6} {'target':>6}")
    for label, (fewest, target) in FEWEST.items():
        runs = results.get(label) or []
        if not runs:
            continue
        n_calls = statistics.median(len(c) for _, c in runs)
        peak = statistics.median(Calls.peak(c) for _, c in runs)
        chain = statistics.median(Calls.chain(c) for _, c in runs)
        wall = statistics.median(w for w, _ in runs) / L
        verdict = "" if target is None else ("ok" if chain <= target else "OVER")
        print(f"{label:<46} {n_calls:5.0f} {peak:4.0f} {chain:5.0f} {wall:6.1f} {fewest:6d} "
              f"{'' if target is None else f'<={target}L':>6} {verdict}")
        record("round_trips", f"{label}: critical path", chain, "trips",
               budget=f"<={target}" if target else f"fewest {fewest}", extra=f"{n_calls:.0f} calls, wall {wall:.1f}L, pool {pool}")
    if args.calls:
        for label in args.calls.split(","):
            label = next(k for k in results if k.startswith(label))
            last = results[label][-1][1]
            print(f"\ncalls of the last '{label}' (start .. end in L, from the first call):")
            t0 = min(c.start for c in last)
            for c in sorted(last, key=lambda c: (c.start, c.function)):
                print(f"  {(c.start - t0) / L:5.1f} .. {(c.end - t0) / L:5.1f}  {c.function}")
    print(f"load average after: {benchlib.loadavg()}")


if __name__ == "__main__":
    main()
