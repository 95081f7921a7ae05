"""Every benchmark still runs to its end (README's `bench/run_all.py`): with the smallest n, no
latency to speak of, and nothing asserted about its figures (timing belongs in the benchmarks).

Two of them once waited for a sign of a requote the quote no longer gave (new widgets in its price
part) and failed after 120 s each, unnoticed until the benchmarks were run by hand.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

from run_all import BENCHES  # noqa: E402  (bench/ is not a package)

#: script -> the smallest run that still goes through every action it times
SMOKE: dict[str, list[str]] = {
    "startup_bench.py": ["--runs", "1"],
    "gateway_bench.py": ["--rounds", "1"],
    "sandbox_bench.py": ["--repeat", "1"],
    "name_search_latency.py": ["--latency", "0.01", "--rounds", "1"],
    "round_trips.py": ["--latency", "0.01", "--runs", "1"],
    "screens_bench.py": ["--runs", "2", "--latency", "0.2"],
    "order_entry_bench.py": ["--rounds", "1", "--echo-keys", "5"],
    "after_sales_bench.py": ["--runs", "1", "--latency", "0.01"],
    "concurrent_sessions.py": ["--sessions", "1", "--seconds", "2", "--think", "0.2", "--latency", "0"],
}


def test_every_benchmark_of_run_all_has_a_smoke_run():
    assert sorted(script for script, _quick, _full in BENCHES.values()) == sorted(SMOKE)


@pytest.mark.parametrize("script", sorted(SMOKE))
def test_the_benchmark_runs_to_its_end(script, tmp_path):
    env = dict(os.environ, TEXTUAL_ANIMATIONS="none", BENCH_RESULTS=str(tmp_path / "results.jsonl"))
    proc = subprocess.run([sys.executable, str(BENCH / script), *SMOKE[script]], env=env, cwd=BENCH.parent,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.stdout.strip(), "it printed its figures"
