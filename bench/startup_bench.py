"""Start-up time and peak memory of ordertui on the sandbox (prints figures; not a test).

Budgets (issue "Foundation 2 of 2"):
- ``ordertui`` start to an interactive sandbox screen: at most 1.3x a bare Textual app that
  shows one Input, measured side by side in this run;
- peak memory of ordertui on the sandbox: at most 120 MiB.

Each measurement is a fresh interpreter (``python -c``), headless; the time is from spawning
it to its auto-pilot starting (Textual runs the auto-pilot once the first screen is composed,
painted and ready for keys), interpreter start included on both sides, so the ratio is fair. The memory run also opens the sandbox session and does a customer search (the
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
async def pilot(p):
    print(f"READY {__import__('time').time():.6f}", flush=True)
    p.app.exit()
Bare().run(headless=True, size=(120, 36), auto_pilot=pilot)
"""

ORDERTUI_FIRST_SCREEN = r"""
from ordertui.cli import make_app
app = make_app(sandbox=True)
async def pilot(p):
    print(f"READY {__import__('time').time():.6f}", flush=True)
    p.app.exit()
app.run(headless=True, size=(120, 36), auto_pilot=pilot)
"""

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


def run(code: str, env: dict) -> tuple[float, float, str]:
    """Seconds from spawn to READY (else to exit), peak RSS MiB, stdout of one fresh interpreter."""
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
    ready = [line.split()[1] for line in out.splitlines() if line.startswith("READY")]
    if ready:
        wall = float(ready[0]) - spawned
    return wall, usage.ru_maxrss / 1024, out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(benchlib.machine())
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=f"{home}/.config", ORDERTUI_CONFIG=f"{home}/none.toml",
                   TEXTUAL_ANIMATIONS="none")
        run(BARE, env), run(ORDERTUI_FIRST_SCREEN, env)  # warm the OS file cache for both
        bare, ours = [], []
        for _ in range(args.runs):  # interleaved, side by side
            bare.append(run(BARE, env)[0])
            ours.append(run(ORDERTUI_FIRST_SCREEN, env)[0])
        b, o = statistics.median(bare), statistics.median(ours)
        print(f"bare Textual app with one Input : median {b * 1000:6.0f} ms  (min {min(bare) * 1000:.0f}, n={args.runs})")
        print(f"ordertui --sandbox first screen : median {o * 1000:6.0f} ms  (min {min(ours) * 1000:.0f}, n={args.runs})")
        print(f"ratio                           : {o / b:.2f}x   (budget 1.30x) {'OK' if o / b <= 1.3 else 'OVER BUDGET'}")
        benchlib.record("startup", "first screen / bare Textual", o / b, "x", budget="<=1.30 (aim 1.15)",
                        extra=f"{o * 1000:.0f} vs {b * 1000:.0f} ms, n={args.runs}")

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
