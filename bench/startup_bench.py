"""Start-up time and peak memory of ordertui on the sandbox (prints figures; not a test).

Budgets (issue "Foundation 2 of 2"):
- ``ordertui`` start to an interactive sandbox screen: at most 1.3x a bare Textual app that
  shows one Input, measured side by side in this run;
- peak memory of ordertui on the sandbox: at most 120 MiB.

Each measurement is a fresh interpreter (``python -c``), headless, interpreter start included
on both sides. The budget's figure is the time from spawning it to its **first frame** (the first
screen update Textual hands its driver: what the user first sees; ordertui's first frame is its
whole home screen, status bar and footer included). The time to the auto-pilot's start is printed
too: it was this benchmark's measure until 2026-11-30, and it is not the same milestone on both
sides (Textual starts the auto-pilot as a task once the app is mounted; the bare app's task ran
before its first frame, ordertui's after its first frames: the bare app was timed unpainted).

Both sides start from compiled bytecode, as after README's ``pip install .`` (pip compiles every
module it installs): the bytecode goes to a temporary ``PYTHONPYCACHEPREFIX``, never next to the
sources, and a shell's ``PYTHONDONTWRITEBYTECODE`` is lifted for the children. That shell setting
(set on this project's build machines) made an editable checkout compile all of ordertui at
every start while Textual, installed, had its bytecode: the ratio compared a compile with a load.
The same runs from source without bytecode are printed too, for reference. The memory run also opens the sandbox session and does a customer search (the
sandbox generates its company on first use), then reports the child's ru_maxrss.

    python bench/startup_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

import benchlib

BARE = r"""
from textual.app import App
from textual.widgets import Input
class Bare(App):
    def compose(self):
        yield Input(placeholder="type")
app = Bare()
""" + "{frames}" + r"""
app.run(headless=True, size=(120, 36), auto_pilot=pilot)
"""

ORDERTUI_FIRST_SCREEN = r"""
from ordertui.cli import make_app
app = make_app(sandbox=True)
""" + "{frames}" + r"""
app.run(headless=True, size=(120, 36), auto_pilot=pilot)
"""

# Both children: FRAME when Textual hands its driver the first screen update, READY when the
# auto-pilot starts; the app exits once both are said.
FRAMES = r"""
import time as _time
from textual.app import App as _App
_display = _App._display
_said = {}
def _say(what):
    if what not in _said:
        _said[what] = True
        print(f"{what} {_time.time():.6f}", flush=True)
def _first_frame(self, screen, renderable):
    if renderable is not None:
        _say("FRAME")
    return _display(self, screen, renderable)
_App._display = _first_frame
async def pilot(p):
    _say("READY")
    while "FRAME" not in _said:
        await p.pause(0.005)
    p.app.exit()
"""
BARE = BARE.replace("{frames}", FRAMES)
ORDERTUI_FIRST_SCREEN = ORDERTUI_FIRST_SCREEN.replace("{frames}", FRAMES)

ORDERTUI_SESSION = r"""
import time
t0 = time.perf_counter()
from ordertui.cli import make_app
app = make_app(sandbox=True)
async def pilot(p):
    while p.app.session is None and time.perf_counter() - t0 < 60:
        await p.pause(0.01)
    print(f"SESSION {time.perf_counter() - t0:.3f}")
    if __import__('os').environ.get('BENCH_SEARCH'):
        gw = p.app.session.gateway
        r = gw.find_customers("Dayton", sales_area=p.app.session.sales_area)
        print(f"HITS {len(r.hits)}")
    p.app.exit()
app.run(headless=True, size=(120, 36), auto_pilot=pilot)
"""


def run(code: str, env: dict) -> tuple[dict[str, float], float, str]:
    """Seconds from spawn to each milestone the child printed (FRAME, READY) and to its exit
    ("exit"), peak RSS MiB, stdout of one fresh interpreter."""
    spawned = time.time()
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    out = proc.stdout.read().decode()
    err = proc.stderr.read().decode()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark child failed ({proc.returncode}):\n{err[-2000:]}")
    times = {"exit": wall}
    for line in out.splitlines():
        what, _, stamp = line.partition(" ")
        if what in ("FRAME", "READY"):
            times.setdefault(what, float(stamp) - spawned)
    return times, usage.ru_maxrss / 1024, out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(benchlib.machine())
    with tempfile.TemporaryDirectory() as home:
        base = dict(os.environ, HOME=home, XDG_CONFIG_HOME=f"{home}/.config", ORDERTUI_CONFIG=f"{home}/none.toml",
                    TEXTUAL_ANIMATIONS="none")
        base.pop("PYTHONPYCACHEPREFIX", None)
        installed = dict(base, PYTHONPYCACHEPREFIX=os.path.join(home, "pycache"))
        installed.pop("PYTHONDONTWRITEBYTECODE", None)
        source = dict(base, PYTHONDONTWRITEBYTECODE="1")
        for label, env, budget in (("installed (bytecode)", installed, True), ("from source, no bytecode", source, False)):
            run(BARE, env), run(ORDERTUI_FIRST_SCREEN, env)  # compile (installed), warm the OS file cache
            bare, ours = [], []
            for _ in range(args.runs):  # interleaved, side by side
                bare.append(run(BARE, env)[0])
                ours.append(run(ORDERTUI_FIRST_SCREEN, env)[0])
            print(f"-- {label}")
            for milestone, title in (("FRAME", "first frame"), ("READY", "auto-pilot start (old measure)")):
                bs, os_ = [t[milestone] for t in bare], [t[milestone] for t in ours]
                b, o = statistics.median(bs), statistics.median(os_)
                print(f"   {title}")
                print(f"bare Textual app with one Input : median {b * 1000:6.0f} ms  (min {min(bs) * 1000:.0f}, n={args.runs})")
                print(f"ordertui --sandbox first screen : median {o * 1000:6.0f} ms  (min {min(os_) * 1000:.0f}, n={args.runs})")
                if budget and milestone == "FRAME":
                    print(f"ratio                           : {o / b:.2f}x   (budget 1.30x) {'OK' if o / b <= 1.3 else 'OVER BUDGET'}")
                    benchlib.record("startup", "first frame / bare Textual", o / b, "x", budget="<=1.30 (aim 1.15)",
                                    extra=f"{o * 1000:.0f} vs {b * 1000:.0f} ms, n={args.runs}, bytecode compiled")
                else:
                    print(f"ratio                           : {o / b:.2f}x   (for reference)")
        env = installed

        wall, rss, out = run(ORDERTUI_SESSION, env)
        session = next((line.split()[1] for line in out.splitlines() if line.startswith("SESSION")), "?")
        print(f"sandbox session ready after     : {float(session) * 1000:6.0f} ms after imports began (worker, after first paint)")
        wall, rss, out = run(ORDERTUI_SESSION, dict(env, BENCH_SEARCH="1"))
        hits = next((line.split()[1] for line in out.splitlines() if line.startswith("HITS")), "?")
        print(f"peak memory (session + search)  : {rss:6.1f} MiB (budget 120 MiB) {'OK' if rss <= 120 else 'OVER BUDGET'}; {hits} hits")
        benchlib.record("startup", "peak memory, session + search", rss, "MiB", budget="<=120")
        wall, rss_first, _ = run(ORDERTUI_FIRST_SCREEN, env)
        print(f"peak memory (first screen only) : {rss_first:6.1f} MiB")


if __name__ == "__main__":
    main()
