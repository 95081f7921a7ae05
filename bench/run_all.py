"""Every benchmark, one table (prints figures; asserts nothing).

    python bench/run_all.py            # quick: small n, a few minutes
    python bench/run_all.py --full     # each benchmark's own defaults (20 sessions, n=30 ...)
    python bench/run_all.py --only round_trips screens

Each benchmark runs in its own process, one after another (never side by side: they would time
each other). Figures come from the result lines the benchmarks write (``benchlib.record``), or,
for a benchmark that writes none, from its printed "p50 ... p95 ..." lines. Every row carries
the load average when it was taken: on a shared machine the load moves every figure. Each
benchmark's whole output goes to a log directory, named at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import benchlib

HERE = Path(__file__).resolve().parent

#: name -> (script, quick arguments, full arguments)
BENCHES: dict[str, tuple[str, list[str], list[str]]] = {
    "startup": ("startup_bench.py", ["--runs", "5"], []),
    "gateway": ("gateway_bench.py", ["--rounds", "10"], []),
    "sandbox": ("sandbox_bench.py", ["--repeat", "10"], []),
    "name_search": ("name_search_latency.py", ["--latency", "0.5", "--rounds", "2"], []),
    "round_trips": ("round_trips.py", ["--latency", "0.5", "--runs", "1"], ["--runs", "3"]),
    "screens": ("screens_bench.py", ["--runs", "8", "--latency", "1"], []),
    "order_entry": ("order_entry_bench.py", ["--rounds", "5", "--echo-keys", "20"], []),
    "after_sales": ("after_sales_bench.py", ["--runs", "5"], []),
    "concurrent": ("concurrent_sessions.py", ["--sessions", "4", "--seconds", "20"], []),
}

_P50_P95 = re.compile(r"^\s*(?P<label>.+?)\s+p50\s+(?P<p50>[\d.]+)\s*(?:ms)?\s+p95\s+(?P<p95>[\d.]+)")
_OWN_TABLE = re.compile(r"^\s+(?P<lines>\d+)\s+(?P<p50>[\d.]+)\s+(?P<p95>[\d.]+)\s+[\d.]+\s+[\d.]+\s*$")
_TRIPS = re.compile(r"^(?P<label>\S.{20,}?)\s+(?P<trips>[\d.]+)\s+(?P<fewest>\d+)\s+\S")


def scrape(bench: str, text: str) -> list[dict]:
    """Rows from a benchmark's printed lines (for benchmarks that write no result lines)."""
    rows = []
    section = ""
    for line in text.splitlines():
        if re.match(r"^\d\.", line.strip()):
            section = line.strip()
        m = _P50_P95.match(line)
        if m:
            label = m["label"].strip() or section[3:60]  # a figure on a line of its own: its section's title
            rows.append({"bench": bench, "measure": f"{label} p95", "value": float(m["p95"]),
                         "unit": "ms", "budget": "", "extra": f"p50 {m['p50']}"})
            continue
        m = _OWN_TABLE.match(line)
        if m and section.startswith("3"):  # order entry: reprice N lines, the app's own time
            rows.append({"bench": bench, "measure": f"reprice {m['lines']} lines, app's own p95",
                         "value": float(m["p95"]), "unit": "ms", "budget": "<100 at 50 lines" if m["lines"] == "50" else "",
                         "extra": f"p50 {m['p50']}"})
            continue
        m = _TRIPS.match(line)
        if m and "trips" not in line:
            rows.append({"bench": bench, "measure": f"{m['label'].strip()}: round trips", "value": float(m["trips"]),
                         "unit": "L", "budget": f"fewest {m['fewest']}", "extra": ""})
    return rows


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--full", action="store_true", help="each benchmark's own defaults (takes much longer)")
    ap.add_argument("--only", nargs="+", choices=sorted(BENCHES), help="run only these")
    ap.add_argument("--timeout", type=float, default=900, help="seconds one benchmark may take")
    args = ap.parse_args()
    logs = Path(tempfile.mkdtemp(prefix="ordertui-bench-logs-"))
    results_file = logs / "results.jsonl"
    env = dict(os.environ, BENCH_RESULTS=str(results_file), PYTHONUNBUFFERED="1")
    print(f"ordertui benchmarks, {'full' if args.full else 'quick'}; {benchlib.machine()}", flush=True)
    rows: list[dict] = []
    failed: list[str] = []
    started = time.monotonic()
    for name, (script, quick, full) in BENCHES.items():
        if args.only and name not in args.only:
            continue
        if not (HERE / script).exists():
            print(f"  {name:12} skipped: {script} not here")
            continue
        before = results_file.read_text().count("\n") if results_file.exists() else 0
        t0 = time.monotonic()
        cmd = [sys.executable, str(HERE / script), *(full if args.full else quick)]
        try:
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=args.timeout, cwd=HERE.parent)
            out, code = proc.stdout + proc.stderr, proc.returncode
        except subprocess.TimeoutExpired as exc:
            out = (exc.stdout or b"").decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
            code = "timeout"
        (logs / f"{name}.log").write_text(out)
        lines = results_file.read_text().splitlines()[before:] if results_file.exists() else []
        found = [json.loads(line) for line in lines]
        if not found:
            found = scrape(name, out)
            for row in found:
                row["load"] = benchlib.loadavg()
        rows += found
        status = "ok" if code == 0 else f"FAILED ({code}; see {logs / (name + '.log')})"
        if code != 0:
            failed.append(name)
        print(f"  {name:12} {time.monotonic() - t0:6.0f} s  {len(found):3d} figures  {status}", flush=True)
    print()
    width = max((len(r["measure"]) for r in rows), default=20)
    width = min(width, 64)
    print(f"{'bench':12} {'measure':<{width}} {'value':>9} {'unit':<4} {'budget':<18} {'load (1/5/15 min)':<17} detail")
    for r in rows:
        print(f"{r['bench']:12} {r['measure'][:width]:<{width}} {r['value']:9.2f} {r['unit']:<4} {r.get('budget', ''):<18} "
              f"{r.get('load', ''):<17} {r.get('extra', '')}")
    print(f"\n{len(rows)} figures in {time.monotonic() - started:.0f} s; {benchlib.machine()}; logs in {logs}")
    if failed:  # a benchmark that broke is said, and the command fails: its figures are missing
        print(f"FAILED: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
