"""mypy over ordertui/sap, the desk, the screens, the widgets and the app: the files and settings in
pyproject.toml's [tool.mypy] (the adapter and the desk strictly; the sandbox analysed, its errors
not yet held). Every module is named there, so the result is the same in a fresh clone as in a
tree installed in editable mode (where modules mypy only reaches by import count as installed)."""

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
