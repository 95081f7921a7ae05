"""How fast the customer and product screens answer the keyboard (prints figures; not a test).

    python bench/screens_bench.py [--runs 30] [--fake]

1. Keypress to rendered results at sandbox latency 0 — the app's own overhead on top of SAP:
   customer search (Enter in the search field, so the typing debounce is not counted), customer
   detail (Enter on a hit until all six parts painted) and a product quote (Enter in the quantity
   field until price and availability painted). p50 / p95 in milliseconds.
2. A search with 5,000 hits: how long the UI thread is busy painting them, and how late a key
   typed right then is echoed.
3. Sandbox latency 2 s per call: delay from each typed key to its echo in the search field
   (p95 must stay under 50 ms) and from the last key to the results on screen.

Runs over the sandbox SAP system (the real adapter + connection path) unless --fake is given or
the sandbox is not importable. Isolated HOME/config in a temp dir; prints timings only.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TODAY = dt.date(2026, 11, 27)
NOW = dt.datetime(2026, 11, 27, 9, 30)


def pct(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def show(label, seconds):
    ms = [s * 1000 for s in seconds]
    print(f"{label:<48} p50 {pct(ms, 50):7.1f} ms   p95 {pct(ms, 95):7.1f} ms   (n={len(ms)})")


def sandbox_available() -> bool:
    try:
        from ordertui.sap.sandbox import connect  # noqa: F401
    except Exception:
        return False
    return True


def build_app(*, fake: bool, latency: float = 0.0, gateway=None):
    from ordertui.cli import make_app

    if gateway is None and fake:
        from tests.fakes.gateway import FakeGateway

        gateway = LatencyGateway(FakeGateway(), latency) if latency else FakeGateway()
    kwargs = dict(sandbox=True, today=TODAY, now=NOW, seed=1, sandbox_latency=latency)
    if gateway is not None:
        kwargs["gateway"] = gateway
    return make_app(**kwargs)


class LatencyGateway:
    """Wraps a gateway: every method sleeps ``latency`` first (only for --fake)."""

    def __init__(self, inner, latency):
        self._inner, self._latency = inner, latency

    def __getattr__(self, name):
        attr = getattr(self._inner, name)
        if not callable(attr) or name in ("add_listener", "close"):
            return attr

        def slow(*a, **k):
            time.sleep(self._latency)
            return attr(*a, **k)

        return slow


async def until(pilot, cond, timeout=30.0):
    """Poll every 0.5 ms until ``cond()``: the widgets hold the new data (Textual paints it on
    its next frame, at most 1/60 s later; that frame time is not included)."""
    start = time.perf_counter()
    while not cond():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("condition not reached")
        await asyncio.sleep(0.0005)


def send_key(app, key: str) -> None:
    """Deliver a key the way the terminal driver does (Pilot.press also waits for idle CPU,
    which would be counted)."""
    from textual import events

    char = key if len(key) == 1 else ("\r" if key == "enter" else None)
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


async def open_area(app, pilot, area):
    for _ in range(2000):
        if app.session is not None and app.current_mode == "home":
            break
        await pilot.pause(0.01)
    app.switch_mode(area)
    await pilot.pause()


async def bench_latency0(fake: bool, runs: int, queries: dict) -> None:
    from textual.widgets import DataTable, Input

    from ordertui.screens.customers import CustomerDetailScreen
    from ordertui.screens.products import ProductQuoteScreen
    from ordertui.widgets.customer_panels import DataPart

    app = build_app(fake=fake)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_area(app, pilot, "customers")
        search_times, detail_times = [], []
        for i in range(runs):
            screen = app.screen
            inp = screen.query_one("#customer-search", Input)
            table = screen.query_one("#customer-results", DataTable)
            query = queries["customer"][i % len(queries["customer"])]
            inp.value = query
            await pilot.pause()
            inp.focus()
            before = screen._token
            t0 = time.perf_counter()
            send_key(app, "enter")
            await until(pilot, lambda: screen._shown_query == query and screen._token != before and table.row_count > 0)
            search_times.append(time.perf_counter() - t0)
            table.focus()
            await pilot.pause()
            t0 = time.perf_counter()
            send_key(app, "enter")
            await until(
                pilot,
                lambda: isinstance(app.screen, CustomerDetailScreen)
                and len(parts := app.screen.query(DataPart)) == 6
                and all(p.state != "loading" for p in parts),
            )
            detail_times.append(time.perf_counter() - t0)
            await pilot.press("escape")
            await pilot.pause()
        show("customer search (Enter -> rows painted)", search_times)
        show("customer detail (Enter -> 6 parts painted)", detail_times)
        # the same SAP work without the UI, to tell the app's overhead from the backend's time
        gw, area = app.session.gateway, app.session.sales_area
        direct_search, direct_detail = [], []
        for i in range(runs):
            query = queries["customer"][i % len(queries["customer"])]
            t0 = time.perf_counter()
            hits = gw.find_customers(query, sales_area=area).hits
            direct_search.append(time.perf_counter() - t0)
            number = hits[0].number
            t0 = time.perf_counter()
            gw.customer(number)
            for part in (gw.customer_sales_data, gw.credit_status):
                try:
                    part(number, area)
                except Exception:
                    pass
            gw.find_orders(sales_area=area, customer=number, limit=10)
            gw.open_items(number, key_date=TODAY)
            direct_detail.append(time.perf_counter() - t0)
        show("  gateway alone: find_customers", direct_search)
        show("  gateway alone: 5 detail calls one after another", direct_detail)

        # product quote for the current customer
        app.switch_mode("products")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#product-search", Input).value = queries["material"]
        screen.query_one("#product-search", Input).focus()
        await pilot.press("enter")
        await until(pilot, lambda: screen.query_one("#product-results", DataTable).row_count > 0)
        screen.query_one("#product-results", DataTable).focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ProductQuoteScreen) and app.screen.query_one("#part-price", DataPart).state != "loading" and app.screen.query_one("#part-atp", DataPart).state == "ready")
        quote = app.screen
        await app.workers.wait_for_complete()
        quote_times = []
        qty = quote.query_one("#quote-qty", Input)
        for i in range(runs):
            qty.value = str(1 + i % 50)
            qty.focus()
            await pilot.pause()
            price = quote.query_one("#part-price", DataPart)
            content = price.query_one(".part-content")
            old = list(content.children)
            t0 = time.perf_counter()
            send_key(app, "enter")
            await until(
                pilot,
                lambda: price.state != "loading"
                and content.children
                and content.children[0] not in old
                and len(quote._atp) == len(quote._atp_plants),
            )
            quote_times.append(time.perf_counter() - t0)
            await app.workers.wait_for_complete()
        show("product quote (Enter -> price + availability)", quote_times)
        from ordertui.model import DraftLine, OrderDraft

        direct = []
        m = quote.material
        for i in range(runs):
            q = 1 + i % 50
            t0 = time.perf_counter()
            gw.simulate(OrderDraft(app.current_customer.number, area, (DraftLine(m.number, Decimal(q), "", "", TODAY),), requested_date=TODAY))
            for plant in quote._atp_plants:
                gw.availability(m.number, plant, m.sales_unit, Decimal(q), TODAY)
            direct.append(time.perf_counter() - t0)
        show("  gateway alone: simulate + availability", direct)


async def bench_5000(runs: int) -> None:
    """5,000 hits (synthetic rows; the sandbox search stops at SAP's hit limit of 200)."""
    from textual.widgets import DataTable, Input

    from ordertui.model import CustomerHit
    from ordertui.screens.customers import CustomersScreen
    from tests.fakes.gateway import FakeGateway

    hits = tuple(
        CustomerHit(str(100000 + i), f"Synthetic Customer {i:05d}", "Springfield", f"{45000 + i % 900}", "US", f"+1 937 555 {i % 10000:04d}", i % 37 == 0)
        for i in range(5000)
    )
    gw = FakeGateway()
    gw.search_hits["many"] = hits
    CustomersScreen.hit_limit = 5000
    app = build_app(fake=True, gateway=gw)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await open_area(app, pilot, "customers")
            paint, echo, pages = [], [], []
            for _ in range(max(3, runs // 10)):
                screen = app.screen
                inp = screen.query_one("#customer-search", Input)
                table = screen.query_one("#customer-results", DataTable)
                inp.value = ""
                await pilot.pause()
                inp.value = "many"
                await pilot.pause()
                inp.focus()
                await pilot.pause()
                t0 = time.perf_counter()
                send_key(app, "enter")
                await until(pilot, lambda: table.row_count > 0 and len(screen._all_hits) == 5000)
                paint.append(time.perf_counter() - t0)
                # keys typed right after: cursor moves in the search field
                inp.cursor_position = 2
                for step in range(10):
                    key = "left" if step % 2 == 0 else "right"
                    expected = inp.cursor_position + (-1 if key == "left" else 1)
                    t1 = time.perf_counter()
                    send_key(app, key)
                    await until(pilot, lambda: inp.cursor_position == expected)
                    echo.append(time.perf_counter() - t1)
                # paging through all 5,000 with Ctrl+End: a page is added when the cursor nears it
                table.focus()
                await pilot.pause()
                while table.row_count < 5000:
                    before = table.row_count
                    t1 = time.perf_counter()
                    send_key(app, "ctrl+end")
                    await until(pilot, lambda: table.row_count > before)
                    pages.append(time.perf_counter() - t1)
                    await pilot.pause()
                await app.workers.wait_for_complete()
            show("5,000 hits: Enter -> first 200 rows shown", paint)
            show("5,000 hits: key echo right after", echo)
            show("5,000 hits: Ctrl+End -> next 200 rows added", pages)
    finally:
        CustomersScreen.hit_limit = 200


async def bench_slow_sap(fake: bool, latency: float, queries: dict) -> None:
    from textual.widgets import DataTable, Input

    app = build_app(fake=fake, latency=latency)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_area(app, pilot, "customers")
        screen = app.screen
        inp = screen.query_one("#customer-search", Input)
        table = screen.query_one("#customer-results", DataTable)
        inp.focus()
        echo = []
        fill = []
        for word in queries["customer"][:3]:
            inp.value = ""
            await pilot.pause()
            for ch in word:
                expected = inp.value + ch
                t0 = time.perf_counter()
                send_key(app, ch)
                await until(pilot, lambda: inp.value == expected)
                echo.append(time.perf_counter() - t0)
                await asyncio.sleep(0.08)  # a fast typist
            t_last = time.perf_counter()
            await until(pilot, lambda: screen._shown_query == word and table.row_count > 0, timeout=latency * 10 + 10)
            fill.append(time.perf_counter() - t_last)
        show(f"SAP latency {latency:g} s: key -> echo", echo)
        show(f"SAP latency {latency:g} s: last key -> results", fill)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--fake", action="store_true", help="scripted gateway instead of the sandbox")
    parser.add_argument("--latency", type=float, default=2.0)
    args = parser.parse_args()
    fake = args.fake or not sandbox_available()
    with tempfile.TemporaryDirectory() as home:
        os.environ["HOME"] = home
        os.environ["ORDERTUI_CONFIG"] = str(Path(home) / "config.toml")
        if fake:
            queries = {"customer": ["buckeye", "dayton", "akron"], "material": "hex"}
        else:
            queries = {"customer": ["10023", "dayton", "supply"], "material": "HB-38-100"}
        print(f"backend: {'scripted gateway' if fake else 'sandbox SAP via RfcGateway'}; Textual headless 120x36")
        asyncio.run(bench_latency0(fake, args.runs, queries))
        asyncio.run(bench_5000(args.runs))
        asyncio.run(bench_slow_sap(fake, args.latency, queries))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
