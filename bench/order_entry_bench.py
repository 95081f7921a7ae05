"""Order entry figures (issue 9): printed, not asserted.

Run:  python bench/order_entry_bench.py [--rounds 20] [--echo-keys 40]

1. Keystrokes to key a 5-line order for a known customer (every key counted, data included),
   against the aim: the characters of the data + 2 per line + 6.
2. SAP round trips for that order, by function module (aim: one simulate per settled edit, plus
   create and commit).
3. The app's own time to reprice 1, 10, 50 and 200 lines at sandbox latency 0: from the settled
   edit (the debounced simulate starting) to the grid repainted, minus the time SAP (the sandbox)
   spent on the call; p50 and p95 (aim for 50 lines: p95 < 100 ms).
4. Key to echo while a simulate is under way that takes 2 s (the sandbox's latency, in the worker
   thread): from a key posted to the app to the line editor holding it; p50 and p95 (aim: p95
   < 50 ms).

Everything runs headless through Textual's ``App.run_test`` on the sandbox company, the same
code path as the app (screen -> RfcGateway -> sandbox connection).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ordertui.cli import make_app  # noqa: E402
from ordertui.model import CustomerHit  # noqa: E402

TODAY = dt.date(2026, 11, 27)
NOW = dt.datetime(2026, 11, 27, 9, 30)
MARIA = CustomerHit("10023", "Miami Valley Fastener Supply Inc.", "Springfield", "45502", "US", "", False)

#: the order of scenario 1, grown to five lines: (material, quantity)
FIVE = [("HB-38-100", "40"), ("100100", "12"), ("HB-12-200", "250"), ("100300", "2"), ("HB-58-125", "75")]
PO, DATE = "4500-7781", "fri"
MATERIALS = ["HB-38-100", "HB-12-200", "HB-58-125", "100100", "100300", "HB-M10-300"]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def new_app(latency: float = 0.0, area: str = "order"):
    config = Path(tempfile.mkdtemp(prefix="ordertui-bench-")) / "config.toml"
    os.environ["ORDERTUI_CONFIG"] = str(config)
    return make_app(sandbox=True, today=TODAY, now=NOW, seed=1, config_path=config, start_area=area, sandbox_latency=latency)


async def wait_until(pilot, condition, timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there")
        await pilot.pause(0.01)


async def quiet(pilot) -> None:
    app = pilot.app
    for _ in range(400):
        await pilot.pause(0.02)
        if not any(not w.is_finished for w in app.workers):
            screen = order_screen(app)
            if screen is None or screen._sim_timer is None:
                return


def order_screen(app):
    from ordertui.screens.order_entry import OrderEntryScreen

    return next((s for s in reversed(app.screen_stack) if isinstance(s, OrderEntryScreen)), None)


async def opened(app, pilot):
    await wait_until(pilot, lambda: app.session is not None and order_screen(app) is not None and order_screen(app)._draft is not None)
    app.current_customer = MARIA
    await wait_until(pilot, lambda: order_screen(app).draft.customer is not None)
    await quiet(pilot)
    return order_screen(app)


# --------------------------------------------------------------------------- 1 + 2


async def keystrokes_and_round_trips() -> None:
    app = new_app(area="customers")
    async with app.run_test(size=(120, 36)) as pilot:
        # the known caller was found on the customer screen and is the current customer; order
        # entry is one key (F6) away and opens on the PO field
        await wait_until(pilot, lambda: app.session is not None and app.current_mode == "customers")
        app.current_customer = MARIA
        await quiet(pilot)
        app.call_log.clear()
        keys: list[str] = ["f6", *PO, "enter", *DATE, "enter"]
        for material, qty in FIVE:
            keys += [*material, "tab", *qty, "enter"]
        keys += ["f9"]
        for key in keys:
            await pilot.press(key)
        screen = order_screen(app)
        from ordertui.widgets.order_dialogs import SaveDialog

        await wait_until(pilot, lambda: isinstance(app.screen, SaveDialog))
        await pilot.press("enter")  # confirm the save dialog
        keys.append("enter")
        try:
            await wait_until(pilot, lambda: screen.draft.save.saved)
        except TimeoutError:
            print("   not saved:", screen.draft.save.state, screen.draft.header_problems, [l.problems for l in screen.draft.lines])
            raise
        await quiet(pilot)
        data = len(PO) + len(DATE) + sum(len(m) + len(q) for m, q in FIVE)
        aim = data + 2 * len(FIVE) + 6
        print("1. keystrokes to key and save a 5-line order for a known customer")
        print(f"   keys pressed: {len(keys)}  (data characters {data}; aim <= data + 2/line + 6 = {aim})")
        print(f"   order {screen.draft.save.order.number}: {len(screen.draft.lines)} lines; keys: F6, PO, Enter, date, Enter,"
              " 5 x (material, Tab, qty, Enter), F9, Enter")
        counted = Counter(e.function for e in app.call_log)
        print("2. SAP round trips for that order (from F6 to the saved number)")
        for function, n in sorted(counted.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"   {n:3d}  {function}")
        print(f"   total {sum(counted.values())}; settled edits: PO, date, 5 lines = 7 "
              f"(edits within the 0.3 s pause share one simulate)")


# --------------------------------------------------------------------------- 3


async def reprice(rounds: int) -> None:
    from textual.geometry import Region

    from ordertui.widgets.line_grid import LineGrid

    app = new_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        grid = screen.query_one("#oe-grid", LineGrid)
        gateway = app.session.gateway
        real_simulate = gateway.simulate
        marks: dict[str, float] = {}

        def timed_simulate(draft):
            marks["sap0"] = time.perf_counter()
            try:
                return real_simulate(draft)
            finally:
                marks["sap1"] = time.perf_counter()

        gateway.simulate = timed_simulate
        real_priced = screen._priced

        def timed_priced(*args, **kwargs):
            real_priced(*args, **kwargs)
            # the frame the user sees: every visible row of the grid rendered
            grid.render_lines(Region(0, 0, grid.size.width, grid.size.height))
            marks["painted"] = time.perf_counter()

        screen._priced = timed_priced
        print(f"3. the app's own time to reprice (sandbox latency 0, {rounds} rounds; ms)")
        print("   from the settled edit to the grid repainted, minus the time inside SAP (the sandbox)")
        print("   lines   own p50   own p95   SAP p50   total p50")
        for n in (1, 10, 50, 200):
            draft = screen.draft
            draft.lines.clear()
            draft.add_lines([(MATERIALS[i % len(MATERIALS)], str(1 + i % 9), "", "") for i in range(n)])
            screen._paint()
            await quiet(pilot)
            own, total, sap = [], [], []
            for _ in range(rounds):
                draft.touch()
                marks.clear()
                started = time.perf_counter()
                screen._simulate()  # what the debounce timer calls when the edit has settled
                while "painted" not in marks:
                    await asyncio.sleep(0.0005)
                elapsed = marks["painted"] - started
                in_sap = marks["sap1"] - marks["sap0"]
                total.append(elapsed * 1000)
                sap.append(in_sap * 1000)
                own.append((elapsed - in_sap) * 1000)
                await quiet(pilot)
            print(f"   {n:5d}  {statistics.median(own):8.1f}  {pct(own, 0.95):8.1f}  {statistics.median(sap):8.1f}  {statistics.median(total):10.1f}")


# --------------------------------------------------------------------------- 4


async def key_to_echo(keys: int) -> None:
    from textual import events

    app = new_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(app, pilot)
        # SAP answers the simulate after 2 s, as a sandbox with latency 2 does (the connection sleeps
        # in the worker thread); only the simulate is slowed, so the customer reads stay quick
        gateway = app.session.gateway
        real_simulate = gateway.simulate

        def slow_simulate(draft):
            time.sleep(2.0)
            return real_simulate(draft)

        gateway.simulate = slow_simulate
        mat = screen.query_one("#oe-mat")
        screen.set_focus(mat)
        echoes, during = [], 0
        typed = ""
        text = ("HB38100" * 40)[:keys]
        screen.draft.add_line("HB-38-100", "40")
        screen._simulate()  # a simulate is under way for the next 2 s
        await asyncio.sleep(0.05)
        for ch in text:
            busy = any(not w.is_finished for w in app.workers)
            started = time.perf_counter()
            app.post_message(events.Key(ch, ch))
            typed += ch
            while mat.value != typed:
                await asyncio.sleep(0)
            echoes.append((time.perf_counter() - started) * 1000)
            during += busy
            if len(typed) >= 18:
                screen._set_value("#oe-mat", "")
                typed = ""
            await asyncio.sleep(0.02)  # a fast typist: 50 keys a second
        print(f"4. key to echo while a simulate takes 2 s: {len(echoes)} keys at 50/s, {during} of them during the simulate")
        print(f"   p50 {statistics.median(echoes):.2f} ms   p95 {pct(echoes, 0.95):.2f} ms   max {max(echoes):.2f} ms")
        gateway.simulate = real_simulate
        await quiet(pilot)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--echo-keys", type=int, default=90)
    args = ap.parse_args()
    asyncio.run(keystrokes_and_round_trips())
    asyncio.run(reprice(args.rounds))
    asyncio.run(key_to_echo(args.echo_keys))


if __name__ == "__main__":
    main()
