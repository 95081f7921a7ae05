"""mypy over ordertui/sap, the desk and the screen base: the files and settings in pyproject.toml's
[tool.mypy] (the adapter and the desk strictly; the sandbox analysed, its errors not yet held)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import REPO


def test_sap_layer_desk_and_screen_base_type_check(tmp_path):
    # The cache goes to a temporary folder, not .mypy_cache/ in the working tree.
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy-cache")],
        cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"mypy found errors:\n{proc.stdout}\n{proc.stderr}"
