"""The SAP layer loads neither textual nor rich nor pyrfc (checked in a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys

CODE = """
import json, sys
import ordertui.sap, ordertui.sap.rfc, ordertui.sap.gateway, ordertui.sap.connect, ordertui.sap.pool
print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'pyrfc')
                        or m.startswith('ordertui.screens'))))
"""


def test_sap_layer_imports_no_ui_and_no_pyrfc():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_probe_detects_a_loaded_module():
    # the probe can fail: importing rich shows up
    code = CODE.replace("import json, sys", "import json, sys, rich")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "rich" in json.loads(out.stdout.strip().splitlines()[-1])
