"""How fast the customer and product screens answer the keyboard (prints figures; not a test).

    python bench/screens_bench.py [--runs 30] [--fake] [--latency 2] [--profile DIR] [--only ...]

1. Key to painted at sandbox latency 0, and the app's own part of it: customer search (Enter in
   the field with a name, rows painted), customer by number (Enter with "10023": the one hit
   opens, all six parts painted), customer detail (Enter on a hit in the list, six parts painted)
   and a product quote (Enter in the quantity field, price and availability painted). "Painted" is
   the first frame Textual renders after the widgets hold the answer (bench/benchlib.py Frames).
   The app's own time is key to painted minus the time SAP (the sandbox, over the RFC adapter's
   connections) was busy with at least one of the action's calls: the screens, Textual, the
   adapter's parsing and the thread hand-offs; beside it, the event loop's CPU to the painted
   frame and to ``SETTLE`` s after it (the layouts and frames that follow the painted one: a key
   typed then waits behind them). The first use after start is a figure of its own
   (the sandbox generates its company then, so only the app's own time is shown for it).
2. A search with 5,000 hits: how long until the first rows are painted, and the whole first page
   of 200 (it follows the first frame), and how late a key typed right then is echoed.
3. Sandbox latency ``--latency`` s per call: delay from each typed key to its echo in the search
   field (p95 must stay under 50 ms) and from the last key to the results on screen.

``--profile DIR`` runs section 1 under pyinstrument (the event-loop thread, where the app's own
time is spent; worker threads wait for SAP) and writes each action's profile to DIR as text.
Runs over the sandbox SAP system (the real adapter + connection path) unless --fake is given or
the sandbox is not importable. Isolated HOME/config in a temp dir; prints timings only.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import time
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import benchlib
from benchlib import Calls, Frames, machine, pct, record, send_key, until

TODAY = dt.date(2026, 11, 27)
NOW = dt.datetime(2026, 11, 27, 9, 30)
TARGET_MS = 50.0


def show(label, seconds, *, target: float | None = None):
    ms = [s * 1000 for s in seconds]
    verdict = ""
    if target is not None and ms:
        verdict = "  ok" if pct(ms, 95) < target else f"  over {target:g} ms"
    print(f"{label:<52} p50 {pct(ms, 50):7.1f} ms   p95 {pct(ms, 95):7.1f} ms   (n={len(ms)}){verdict}")
    return ms


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


@contextmanager
def no_debounce():
    """Only Enter starts a search (a debounce firing during a pause would start it untimed)."""
    from ordertui.screens import search

    saved, search.SEARCH_DEBOUNCE = search.SEARCH_DEBOUNCE, 3600.0
    try:
        yield
    finally:
        search.SEARCH_DEBOUNCE = saved


async def set_query(pilot, screen, text: str) -> None:
    from textual.widgets import Input

    field = screen.query_one(f"#{screen.ID_PREFIX}-search", Input)
    field.value = ""
    await pilot.pause()
    field.value = text
    field.focus()
    await pilot.pause()


async def back_to(pilot, app, cls) -> None:
    while not isinstance(app.screen, cls):
        await pilot.press("escape")
        await pilot.pause()
    await app.workers.wait_for_complete()


async def open_area(app, pilot, area):
    for _ in range(6000):
        if app.session is not None and app.current_mode == "home":
            break
        await pilot.pause(0.01)
    app.switch_mode(area)
    await pilot.pause()


def detail_painted(app) -> bool:
    from ordertui.screens.customer_detail import CustomerDetailScreen

    screen = app.screen
    if not isinstance(screen, CustomerDetailScreen):
        return False
    parts = screen.parts  # (a query of the screen in every frame would count in the app's time)
    return len(parts) == 6 and all(p.state != "loading" for p in parts)


class GcLog:
    """Collections of the garbage collector while the actions run (gen 2 walks every object), and
    those inside the timed keys, by generation."""

    def __init__(self) -> None:
        import gc

        self.started: float | None = None
        self.times: dict[int, list[float]] = {0: [], 1: [], 2: []}
        self.in_key = False  # set by timed() between a timed key and its frame
        self.in_keys: dict[int, list[float]] = {0: [], 1: [], 2: []}  # collections inside those
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self.started = time.perf_counter()
        elif self.started is not None:
            self.times[info["generation"]].append(time.perf_counter() - self.started)
            if self.in_key:
                self.in_keys[info["generation"]].append(self.times[info["generation"]][-1])

    def summary(self) -> str:
        import gc
        import resource

        def seen(times: list[float]) -> str:
            return f"{len(times)} x, {sum(times) * 1000:.0f} ms"

        g2 = self.times[2]
        inside = ", ".join(f"gen-{g} {seen(self.in_keys[g])}" for g in (0, 1, 2))
        return (f"gen-2 {seen(g2)} in all, longest {max(g2, default=0) * 1000:.0f} ms; "
                f"gen-1 {seen(self.times[1])}; gen-0 {seen(self.times[0])}; inside timed keys: {inside}; "
                f"objects tracked at the end {len(gc.get_objects())}; "
                f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")

    def close(self) -> None:
        import gc

        gc.callbacks.remove(self._callback)


def idle_gc_report(app) -> str:
    """What ordertui/idle_gc.py did (nothing for versions before it)."""
    import gc

    idle = getattr(app, "idle_gc", None)
    if idle is None:
        return ""
    young = getattr(idle, "young_collections", None)  # (not before the young ones moved there)
    return (f"idle collector: {idle.idle_collections} idle and {idle.forced_collections} forced full collections, "
            + (f"{young} of the young generations between keys, " if young is not None else "")
            + f"{idle.freezes} freezes, {gc.get_freeze_count()} objects frozen")


class Action:
    """Times of one action: key to painted, SAP's busy time inside it, the app's own."""

    def __init__(self, label: str):
        self.label = label
        self.total: list[float] = []
        self.sap: list[float] = []
        self.cpu: list[float] = []
        #: the event loop's CPU from the key to SETTLE s after the painted frame: the layouts
        #: and frames that follow it too (a key typed then waits behind them)
        self.cpu_settled: list[float] = []
        self.first: float | None = None
        self.profile = None

    @property
    def own(self) -> list[float]:
        return [t - s for t, s in zip(self.total, self.sap)]


class Profiles:
    """One pyinstrument profiler per action, started and stopped around each timed key."""

    def __init__(self, directory: str | None):
        self.dir = Path(directory) if directory else None
        self.profilers = {}

    @contextmanager
    def around(self, label: str):
        if self.dir is None:
            yield
            return
        from pyinstrument import Profiler

        profiler = self.profilers.get(label)
        if profiler is None:
            profiler = self.profilers[label] = Profiler(interval=0.001, async_mode="disabled")
        profiler.start()
        try:
            yield
        finally:
            profiler.stop()

    def write(self) -> None:
        if self.dir is None:
            return
        self.dir.mkdir(parents=True, exist_ok=True)
        for label, profiler in self.profilers.items():
            name = "".join(c if c.isalnum() else "-" for c in label.split("(")[0].strip()).strip("-")
            text = profiler.output_text(unicode=False, color=False, show_all=False, timeline=False)
            (self.dir / f"{name}.txt").write_text(text)
        print(f"profiles written to {self.dir}/")


#: The collector's log while section 1 runs.
GC_LOG: GcLog | None = None
#: Seconds after the painted frame that the event loop's CPU is still counted (``cpu_settled``).
SETTLE = 0.3
#: Seconds the "user" reads before each timed key (``--think``; 0: keys back to back).
THINK = 0.0


async def timed(app, calls: Calls, action: Action, key_action, done, profiles: Profiles) -> None:
    await app.workers.wait_for_complete()
    calls.clear()
    planned = None
    if THINK:
        # The user reads, then presses. Were the event loop busy when the key was due (a garbage
        # collection while idle), the key would have waited: it is timed from when it was due.
        planned = time.perf_counter() + THINK
        await asyncio.sleep(THINK)
    with profiles.around(action.label):
        cpu0 = time.thread_time()
        t0 = time.perf_counter() if planned is None else min(time.perf_counter(), planned)
        if GC_LOG is not None:
            GC_LOG.in_key = True
        key_action()
        t1, cpu1 = await Frames.shown(done, timeout=120)
        if GC_LOG is not None:
            GC_LOG.in_key = False
    await app.workers.wait_for_complete()  # answers not shown still count as SAP's time
    await asyncio.sleep(max(0.0, t1 + SETTLE - time.perf_counter()))
    cpu2 = time.thread_time()
    sap = Calls.union([c for c in calls.between(t0, time.perf_counter()) if c.start <= t1])
    sap = min(sap, t1 - t0)
    if action.first is None:
        action.first = (t1 - t0) - sap
        return
    action.total.append(t1 - t0)
    action.sap.append(sap)
    action.cpu.append(cpu1 - cpu0)
    action.cpu_settled.append(cpu2 - cpu0)


async def bench_latency0(fake: bool, runs: int, queries: dict, profiles: Profiles) -> None:
    from textual.widgets import DataTable, Input

    from ordertui.screens.customers import CustomersScreen
    from ordertui.screens.products import ProductQuoteScreen, ProductsScreen
    from ordertui.widgets.customer_panels import DataPart

    global GC_LOG
    Frames.install()
    gc_log = GC_LOG = GcLog()
    search = Action("customer search (Enter -> rows painted)")
    by_number = Action("customer by number (Enter -> 6 parts painted)")
    detail = Action("customer detail (Enter on a hit -> 6 parts)")
    quote = Action("product quote (Enter in Qty -> price + ATP)")
    app = build_app(fake=fake)
    with no_debounce():
        async with app.run_test(size=(120, 36)) as pilot:
            await open_area(app, pilot, "customers")
            calls = Calls()
            if hasattr(app.session.gateway, "add_listener"):
                app.session.gateway.add_listener(calls.listener)
            screen = app.screen
            table = screen.query_one("#customer-results", DataTable)
            for i in range(runs + 1):  # the first of each is the first use after start
                query = queries["names"][i % len(queries["names"])]
                await set_query(pilot, screen, query)
                await timed(app, calls, search, lambda: send_key(app, "enter"),
                            lambda: screen._shown_query == query and not screen._searching and table.row_count > 1
                            and app.focused is table, profiles)
                await pilot.pause()
                await timed(app, calls, detail, lambda: send_key(app, "enter"), lambda: detail_painted(app), profiles)
                await back_to(pilot, app, CustomersScreen)
                await set_query(pilot, screen, queries["number"])
                await timed(app, calls, by_number, lambda: send_key(app, "enter"), lambda: detail_painted(app), profiles)
                await back_to(pilot, app, CustomersScreen)

            # product quote for the current customer
            app.switch_mode("products")
            await pilot.pause()
            products = app.screen
            await set_query(pilot, products, queries["material"])
            results = products.query_one("#product-results", DataTable)
            send_key(app, "enter")
            await until(lambda: results.row_count > 0 and not products._searching, painted=False)
            results.focus()
            await pilot.pause()
            send_key(app, "enter")
            await until(lambda: isinstance(app.screen, ProductQuoteScreen) and app.screen.is_mounted
                        and app.screen.query_one("#part-price", DataPart).state != "loading"
                        and app.screen.query_one("#part-atp", DataPart).state == "ready", painted=False)
            q = app.screen
            await app.workers.wait_for_complete()
            qty = q.query_one("#quote-qty", Input)
            price = q.query_one("#part-price", DataPart)
            for i in range(runs + 1):
                qty.value = str(2 + i % 50)
                qty.focus()
                await pilot.pause()
                old = q._quote  # the answer shown now: done when the next one is painted
                await timed(app, calls, quote, lambda: send_key(app, "enter"),
                            lambda: price.state == "ready" and q._quote is not None and q._quote is not old
                            and len(q._atp) == len(q._atp_plants), profiles)
            await back_to(pilot, app, ProductsScreen)

            gw, area = app.session.gateway, app.session.sales_area
            direct = {"find_customers": [], "detail calls": [], "simulate + availability": []}
            for i in range(runs):
                query = queries["names"][i % len(queries["names"])]
                t0 = time.perf_counter()
                number = gw.find_customers(query, sales_area=area).hits[0].number
                direct["find_customers"].append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                gw.customer(number)
                for part in (gw.customer_sales_data, gw.credit_status):
                    try:
                        part(number, area)
                    except Exception:
                        pass
                gw.find_orders(sales_area=area, customer=number, limit=10)
                gw.open_items(number, key_date=TODAY)
                direct["detail calls"].append(time.perf_counter() - t0)
                from ordertui.model import DraftLine, OrderDraft

                m = q.material
                t0 = time.perf_counter()
                gw.simulate(OrderDraft(app.current_customer.number, area,
                                       (DraftLine(m.number, Decimal(2 + i % 50), "", "", TODAY),), requested_date=TODAY))
                for plant in q._atp_plants:
                    gw.availability(m.number, plant, m.sales_unit, Decimal(2 + i % 50), TODAY)
                direct["simulate + availability"].append(time.perf_counter() - t0)
            idle_gc_said = idle_gc_report(app)

    think = f"; {THINK:g} s of reading before each key" if THINK else ""
    print(f"1. key to painted at sandbox latency 0 (ms){think}; app's own = total - SAP busy; {machine()}")
    for action in (search, by_number, detail, quote):
        total = show(f"{action.label}", action.total)
        own = show("  app's own time", action.own, target=TARGET_MS)
        show("  event-loop thread CPU (load-independent)", action.cpu)
        show(f"  event-loop CPU to {SETTLE * 1000:.0f} ms after painted", action.cpu_settled)
        print(f"  {'first use after start, app own':<50} {action.first * 1000:7.1f} ms")
        record("screens", f"{action.label}: app own p95", pct(own, 95), "ms", budget=f"<{TARGET_MS:g}",
               extra=f"p50 {pct(own, 50):.1f}; UI CPU p50 {pct(action.cpu, 50) * 1000:.1f}, to settled {pct(action.cpu_settled, 50) * 1000:.1f}; total p50 {pct(total, 50):.1f} p95 {pct(total, 95):.1f}; first {action.first * 1000:.0f}")
    for label, values in direct.items():
        show(f"  gateway alone: {label} (one after another)", values)
    print(f"  garbage collector over the run: {gc_log.summary()}")
    if idle_gc_said:
        print(f"  {idle_gc_said}")
    gc_log.close()
    profiles.write()


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
    Frames.install()
    app = build_app(fake=True, gateway=gw)
    try:
        with no_debounce():
            async with app.run_test(size=(120, 36)) as pilot:
                await open_area(app, pilot, "customers")
                paint, page, echo = [], [], []
                for _ in range(max(3, runs // 10)):
                    screen = app.screen
                    inp = screen.query_one("#customer-search", Input)
                    table = screen.query_one("#customer-results", DataTable)
                    await set_query(pilot, screen, "many")
                    t0 = time.perf_counter()
                    send_key(app, "enter")
                    t1 = await until(lambda: table.row_count > 0 and len(screen._all_hits) == 5000)
                    paint.append(t1 - t0)
                    # the rest of the first page comes after that frame (search.FIRST_ROWS)
                    page_done = asyncio.ensure_future(until(lambda: table.row_count >= 200))
                    # keys typed right after: cursor moves in the search field
                    inp.focus()
                    await pilot.pause()
                    inp.cursor_position = 2
                    for step in range(10):
                        key = "left" if step % 2 == 0 else "right"
                        expected = inp.cursor_position + (-1 if key == "left" else 1)
                        t1 = time.perf_counter()
                        send_key(app, key)
                        await until(lambda: inp.cursor_position == expected, painted=False)
                        echo.append(time.perf_counter() - t1)
                    page.append(await page_done - t0)
                    await app.workers.wait_for_complete()
        show("2. 5,000 hits: Enter -> first rows painted", paint)
        show("   5,000 hits: Enter -> first page (200 rows) painted", page)
        ms = show("   5,000 hits: key echo right after", echo)
        record("screens", "5,000 hits: key echo p95", pct(ms, 95), "ms", budget="<50")
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
        for word in queries["names"][:3]:
            inp.value = ""
            await pilot.pause()
            for ch in word:
                expected = inp.value + ch
                t0 = time.perf_counter()
                send_key(app, ch)
                await until(lambda: inp.value == expected, painted=False)
                echo.append(time.perf_counter() - t0)
                await asyncio.sleep(0.08)  # a fast typist
            t_last = time.perf_counter()
            await until(lambda: screen._shown_query == word and table.row_count > 0, timeout=latency * 10 + 10)
            fill.append(time.perf_counter() - t_last)
        ms = show(f"3. SAP latency {latency:g} s: key -> echo", echo, target=TARGET_MS)
        show(f"   SAP latency {latency:g} s: last key -> results", fill)
        record("screens", f"latency {latency:g} s: key echo p95", pct(ms, 95), "ms", budget="<50")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--fake", action="store_true", help="scripted gateway instead of the sandbox")
    parser.add_argument("--latency", type=float, default=2.0)
    parser.add_argument("--profile", metavar="DIR", help="pyinstrument profiles of section 1 into DIR")
    parser.add_argument("--only", choices=("keys", "5000", "slow"), action="append",
                        help="run only these sections (default: all)")
    parser.add_argument("--think", type=float, default=0.0, metavar="S",
                        help="seconds of reading before each timed key in section 1 (default 0: back to back)")
    parser.add_argument("--without-textual-fixes", action="store_true",
                        help="leave out ordertui/widgets/textual_fixes.py (to see what it buys)")
    args = parser.parse_args()
    if args.without_textual_fixes:
        from ordertui.widgets import textual_fixes

        textual_fixes.install = lambda app: None
    global THINK
    THINK = args.think
    fake = args.fake or not sandbox_available()
    benchlib.isolated_home()
    if fake:
        queries = {"names": ["buckeye", "dayton", "akron"], "number": "10023", "material": "hex"}
    else:
        queries = {"names": ["dayton", "supply", "fastener"], "number": "10023", "material": "HB-38-100"}
    only = set(args.only or ("keys", "5000", "slow"))
    print(f"backend: {'scripted gateway' if fake else 'sandbox SAP via RfcGateway'}; Textual headless 120x36; {machine()}")
    if "keys" in only:
        asyncio.run(bench_latency0(fake, args.runs, queries, Profiles(args.profile)))
    if "5000" in only:
        asyncio.run(bench_5000(args.runs))
    if "slow" in only:
        asyncio.run(bench_slow_sap(fake, args.latency, queries))
    print(f"load average after: {benchlib.loadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
