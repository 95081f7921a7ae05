"""mypy over ordertui/sap, with the settings in pyproject.toml's [tool.mypy]."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import REPO


@pytest.mark.xfail(strict=False, reason="ordertui/sap is not mypy-clean yet (most errors are in "
                   "sap/sandbox); the rfc split of issue 7 is making it clean: drop this mark then")
def test_sap_layer_type_checks(tmp_path):
    # The cache goes to a temporary folder, not .mypy_cache/ in the working tree.
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy-cache"), "ordertui/sap"],
        cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"mypy found errors:\n{proc.stdout}\n{proc.stderr}"
