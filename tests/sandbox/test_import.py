import subprocess
import sys


def test_importing_the_sandbox_loads_no_ui_library():
    code = ("import sys, ordertui.sap.sandbox as s; c = s.connect(); c.call('RFC_PING'); "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich') "
            "or m.startswith('ordertui.screens')]; print(bad); sys.exit(1 if bad else 0)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_import_is_cheap_catalogue_and_company_load_lazily():
    code = ("import ordertui.sap.sandbox as s; from ordertui.sap.sandbox import catalog, connection; "
            "assert catalog._catalog is None and connection._systems == {}; "
            "c = s.connect(); assert catalog._catalog is None; "
            "assert not c.company._done, c.company._done; print('ok')")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0 and "ok" in proc.stdout, proc.stderr
