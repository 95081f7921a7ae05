"""What the benchmarks share: percentiles, the machine line, keys sent like a terminal, "painted"
(the frame after the data arrived), the RFC calls an action made, and one result file for
``bench/run_all.py``.

Not a test helper: nothing here asserts. Every figure is printed with the machine it came from
(``machine()``): nproc, memory, and the load average, which on a shared machine moves every
figure.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# --------------------------------------------------------------------------- figures


def pct(values, p: float) -> float:
    """The p-th percentile (nearest rank) of ``values``; NaN for none."""
    values = sorted(values)
    if not values:
        return float("nan")
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def machine() -> str:
    """nproc, memory and the load average now (1, 5, 15 min): printed next to every figure."""
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                    break
    except OSError:
        pass
    return f"nproc {os.cpu_count()}, memory {mem}, load average {loadavg()}"


def record(bench: str, measure: str, value: float, unit: str, *, budget: str = "", extra: str = "") -> None:
    """One figure for ``run_all.py``'s table (appended to $BENCH_RESULTS when it is set)."""
    path = os.environ.get("BENCH_RESULTS")
    if not path:
        return
    row = {"bench": bench, "measure": measure, "value": value, "unit": unit, "budget": budget,
           "extra": extra, "load": loadavg()}
    with open(path, "a") as f:
        f.write(json.dumps(row) + "\n")


def isolated_home() -> str:
    """A temporary HOME and config path: benchmarks never read or write the user's profiles."""
    import atexit
    import shutil
    import tempfile

    home = tempfile.mkdtemp(prefix="ordertui-bench-")
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    os.environ.update(HOME=home, XDG_CONFIG_HOME=home, ORDERTUI_CONFIG=os.path.join(home, "config.toml"))
    return home


# --------------------------------------------------------------------------- the app


def send_key(app, key: str) -> None:
    """Deliver a key the way the terminal driver does (``Pilot.press`` also waits for idle CPU,
    which would be counted)."""
    from textual import events

    char = key if len(key) == 1 else ("\r" if key == "enter" else None)
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


def drawn(screen) -> bool:
    """Whether the screen's last frame drew every widget it displays as it is now:
    - every one was placed by the last layout (Textual leaves a widget out of the layouts made
      before its Mount event is handled; it is drawn from the next layout on);
    - no table waits to measure its new rows (a DataTable does that when it is next idle: a
      layout before that gives it the height of the rows it had);
    - every FitTable is laid out for the width it was given (``fit`` runs when the table is
      resized: a frame before that drew its columns at their natural widths)."""
    compositor = screen._compositor
    # (its ``widgets`` has every widget the layout arranged, mounted or not; its map the placed)
    placed = compositor._visible_map if compositor._visible_map is not None else compositor._full_map
    waiting = list(screen._nodes)
    while waiting:
        widget = waiting.pop()
        if not widget.display:
            continue
        if widget not in placed or getattr(widget, "_require_update_dimensions", False):
            return False
        if hasattr(widget, "layout_for") and hasattr(widget, "_fit_layout"):
            available = widget._available()
            if available and widget.layout_for(available) != widget._fit_layout:
                return False
        waiting.extend(widget._nodes)
    return True


class Frames:
    """Frames the current screen renders (Textual's compositor refresh: layout and render of the
    dirty widgets; headless it skips only the terminal write), and the first frame after which a
    condition holds: the frame that shows the answer. Checking the condition only when a frame
    has been rendered costs the event loop nothing between frames (polling every half
    millisecond would compete with the app for its thread).

    A frame shows the answer only if it drew every widget the screen displays (``drawn``): a
    part's data can be in place (its state "ready") in a frame that leaves out the table it was
    put in, because that table was mounted after the frame's layout."""

    last = 0.0
    _installed = False
    _waiting: list = []

    @classmethod
    def install(cls) -> None:
        if cls._installed:
            return
        from textual.screen import Screen

        original = Screen._compositor_refresh

        def refresh(self):
            original(self)
            if self is self.app.screen:
                cls.last = time.perf_counter()
                for waiter in list(cls._waiting):
                    cond, future = waiter
                    if not future.done() and cond() and drawn(self):
                        future.set_result((cls.last, time.thread_time()))
                        cls._waiting.remove(waiter)

        Screen._compositor_refresh = refresh
        cls._installed = True

    @classmethod
    async def shown(cls, cond, timeout: float = 60.0) -> tuple[float, float]:
        """(perf_counter, this thread's CPU time) at the end of the first frame rendered while
        ``cond()`` holds."""
        cls.install()
        future = asyncio.get_running_loop().create_future()
        waiter = (cond, future)
        cls._waiting.append(waiter)
        try:
            return await asyncio.wait_for(future, timeout)
        finally:
            if waiter in cls._waiting:
                cls._waiting.remove(waiter)


async def until(cond, timeout: float = 30.0, *, painted: bool = True) -> float:
    """``painted``: the end of the first frame rendered while ``cond()`` holds (``Frames.shown``);
    else poll every 0.5 ms until ``cond()``. Returns ``time.perf_counter()`` at that point."""
    if painted:
        return (await Frames.shown(cond, timeout))[0]
    start = time.perf_counter()
    while not cond():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("condition not reached")
        await asyncio.sleep(0.0005)
    return time.perf_counter()


# --------------------------------------------------------------------------- RFC calls


_current = threading.local()


@dataclass
class Call:
    function: str
    start: float
    end: float


@dataclass
class Calls:
    """Every RFC call through a gateway (its call listener), with start and end times."""

    calls: list[Call] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def listener(self, event) -> None:
        end = time.perf_counter()
        name = event.function
        table = getattr(_current, "table", "")
        if table:
            name += f" {table}"
        with self.lock:
            self.calls.append(Call(name, end - event.seconds, end))

    @staticmethod
    def name_tables() -> None:
        """Name RFC_READ_TABLE calls by their table ("RFC_READ_TABLE KNA1"): the bench wraps
        ``Transport.invoke`` to note the table on the calling thread, which the listener reads."""
        from ordertui.sap.rfc.transport import Transport

        if getattr(Transport.invoke, "_names_tables", False):
            return
        original = Transport.invoke

        def invoke(self, conn, function, **params):
            _current.table = params.get("QUERY_TABLE", "")
            try:
                return original(self, conn, function, **params)
            finally:
                _current.table = ""

        invoke._names_tables = True
        Transport.invoke = invoke

    def clear(self) -> None:
        with self.lock:
            self.calls.clear()

    def between(self, t0: float, t1: float) -> list[Call]:
        with self.lock:
            return [c for c in self.calls if c.start >= t0 - 1e-4 and c.end <= t1 + 1e-4]

    @staticmethod
    def union(calls: list[Call]) -> float:
        """Seconds during which at least one of ``calls`` was running (SAP's share of the wall time)."""
        total, last = 0.0, float("-inf")
        for c in sorted(calls, key=lambda c: c.start):
            if c.end > last:
                total += c.end - max(c.start, last)
                last = c.end
        return total

    @staticmethod
    def chain(calls: list[Call], slack: float = 0.02) -> int:
        """Round trips one after another: the longest chain of calls each starting after the one
        before it ended (``slack`` seconds of overlap tolerated)."""
        best: dict[int, int] = {}
        ordered = sorted(calls, key=lambda c: c.end)
        for i, c in enumerate(ordered):
            best[i] = 1 + max((best[j] for j in range(i) if ordered[j].end <= c.start + slack), default=0)
        return max(best.values(), default=0)

    @staticmethod
    def peak(calls: list[Call]) -> int:
        """Most calls in flight at once."""
        points = sorted([(c.start, 1) for c in calls] + [(c.end, -1) for c in calls])
        now = best = 0
        for _, d in points:
            now += d
            best = max(best, now)
        return best
