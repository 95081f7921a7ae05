"""Both RFC libraries: a profile's parameters reach pyrfcx and erpl-pyrfc under the names each
expects, timeouts reach them as each takes them, and pyrfcx without the SDK says what to do.

erpl-pyrfc is installed in the test environment: its own Python facade (``pyrfc.Connection``)
validates what ordertui passes, and only its Rust core (``pyrfc._erpl_pyrfc.Connection``, which
would open a socket) is replaced by a recorder.

pyrfcx cannot be installed beside it (both own the ``pyrfc`` import name), so its side is
tested against a recorded signature: the facade of pyrfcx 0.2.0 (``pyrfc/__init__.py`` of the
wheel) takes ``Connection(config=None, **params)`` with string values only, config keys
rstrip/return_import_params/dtime/check_date/check_time/timeout, passes every parameter to the
SAP NW RFC SDK unchanged, imports without the SDK and raises ``pyrfcx.SdkNotFoundError``
("Failed to load SAP NW RFC SDK library. ... Set SAPNWRFC_HOME ...") when the first connection
is opened. ``test_real_pyrfcx_wheel_without_sdk`` checks that last fact against the real wheel
when ``ORDERTUI_PYRFCX_SITE`` points at an unpacked one (``pip download pyrfcx``; unzip).
"""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from ordertui import config
from ordertui.sap import connect
from ordertui.sap.errors import PyrfcMissing, RfcSdkMissing, SapTimeout

PASSWORD = "S3cret-Pa55word!"

DIRECT = config.Profile(name="QAS", ashost="sapqas.example.com", sysnr="00", client="100", user="DESK", lang="EN")
BALANCED = config.Profile(
    name="PRD", mshost="sapms.example.com", msserv="3601", sysid="PRD", group="ORDERDESK",
    client="100", user="DESK", lang="DE",
)
ROUTED_SNC = config.Profile(
    name="PRD-SNC", ashost="10.1.2.3", sysnr="01", client="200", user="DESK", lang="EN",
    saprouter="/H/router.example.com/S/3299/H/", snc_partnername="p:CN=PRD, O=Example, C=DE",
    snc_qop="9", snc_myname="p:CN=DESK, O=Example, C=DE", snc_lib="/usr/sap/lib/libsapcrypto.so",
)

EXPECTED = {
    "QAS": {"ashost": "sapqas.example.com", "sysnr": "00", "client": "100", "user": "DESK", "lang": "EN"},
    "PRD": {"mshost": "sapms.example.com", "msserv": "3601", "sysid": "PRD", "group": "ORDERDESK",
            "client": "100", "user": "DESK", "lang": "DE"},
    "PRD-SNC": {"ashost": "10.1.2.3", "sysnr": "01", "client": "200", "user": "DESK", "lang": "EN",
                "saprouter": "/H/router.example.com/S/3299/H/", "snc_partnername": "p:CN=PRD, O=Example, C=DE",
                "snc_qop": "9", "snc_myname": "p:CN=DESK, O=Example, C=DE",
                "snc_lib": "/usr/sap/lib/libsapcrypto.so", "snc_mode": "1"},
}

#: Connection parameter names the SAP NW RFC SDK reads (sapnwrfc.ini's, case-insensitive), of
#: those ordertui may pass. pyrfcx and SAP's PyRFC hand them to RfcOpenConnection unchanged.
SDK_NAMES = {
    "ashost", "sysnr", "client", "user", "passwd", "lang", "mshost", "msserv", "sysid", "r3name", "group",
    "saprouter", "snc_mode", "snc_qop", "snc_myname", "snc_partnername", "snc_lib", "trace", "dest",
    "gwhost", "gwserv", "codepage",
}


# --------------------------------------------------------------------------- erpl-pyrfc


@pytest.fixture
def erpl(monkeypatch):
    """The installed erpl-pyrfc with its socket-opening core replaced by a recorder."""
    pyrfc = pytest.importorskip("pyrfc")
    if connect.rfc_library(pyrfc) != connect.ERPL_PYRFC:
        pytest.skip("the installed pyrfc is not erpl-pyrfc")
    opened: list[dict] = []

    class Core:
        def __init__(self, params, config):
            opened.append({"params": dict(params), "config": dict(config), "calls": [], "cancelled": 0})
            self.record = opened[-1]
            self.alive = True

        def call(self, func_name, params, options):
            self.record["calls"].append((func_name, dict(params), dict(options)))
            return {}

        def cancel(self):
            self.record["cancelled"] += 1

        def close(self):
            self.alive = False

    monkeypatch.setattr(pyrfc._erpl_pyrfc, "Connection", Core)
    return opened


@pytest.mark.parametrize("profile", [DIRECT, BALANCED, ROUTED_SNC], ids=lambda p: p.name)
def test_erpl_pyrfc_gets_the_profile_under_its_own_names(erpl, profile):
    conn = connect.open_real(profile.rfc_params(), PASSWORD)
    assert type(conn).__module__.startswith("pyrfc")  # erpl's facade validated the names
    assert erpl[-1]["params"] == {**EXPECTED[profile.name], "passwd": PASSWORD}
    assert set(erpl[-1]["params"]) <= connect.ERPL_PARAMS


def test_erpl_pyrfc_rejects_what_it_cannot_do_before_connecting(erpl):
    with pytest.raises(ValueError, match="erpl-pyrfc does not take the connection parameter.*dest"):
        connect.open_real({"dest": "PRD", "client": "100", "user": "U"}, PASSWORD)
    with pytest.raises(ValueError, match="trace"):
        connect.open_real({**DIRECT.rfc_params(), "trace": "3"}, PASSWORD)
    assert erpl == []
    # the SDK's alias for the system id becomes the name erpl-pyrfc knows
    connect.open_real({"mshost": "m", "r3name": "PRD", "group": "PUBLIC", "client": "100"}, PASSWORD)
    assert erpl[-1]["params"]["sysid"] == "PRD" and "r3name" not in erpl[-1]["params"]


def test_every_name_ordertui_passes_is_one_erpl_knows():
    pyrfc = pytest.importorskip("pyrfc")
    known = getattr(getattr(pyrfc, "_connection", None), "KNOWN_PARAMS", None)
    if known is None:
        pytest.skip("not erpl-pyrfc")
    assert connect.ERPL_PARAMS <= known


def test_erpl_pyrfc_gets_the_call_timeout_and_can_cancel(erpl):
    gw = connect.real_gateway(DIRECT.rfc_params(), PASSWORD, pool_size=1)
    try:
        record = erpl[-1]
        assert record["calls"][0] == ("RFC_PING", {}, {"timeout": connect.REAL_CALL_TIMEOUT})
        gw.system_info()
        assert record["calls"][-1][2] == {"timeout": connect.REAL_CALL_TIMEOUT}
        # Connection.cancel() reaches the core (from another thread, in real use)
        with gw._pool.connection() as conn:
            conn.cancel()
        assert record["cancelled"] == 1
    finally:
        gw.close()


def test_a_cancelled_call_is_a_timeout_for_both_libraries():
    from ordertui.sap.rfc import map_rfc_error

    class CommunicationError(Exception):
        def __init__(self, message, key):
            super().__init__(message)
            self.message, self.key = message, key

    # pyrfcx (like PyRFC 3.4): "Connection was canceled: ..."; erpl-pyrfc: "the call was cancelled"
    for text in ("Connection was canceled: 1. New handle: 2", "the call was cancelled; the conversation is closed"):
        assert isinstance(map_rfc_error(CommunicationError(text, "RFC_CANCELED")), SapTimeout)


# --------------------------------------------------------------------------- pyrfcx


class SdkNotFoundError(Exception):
    """Shaped like ``pyrfcx.SdkNotFoundError`` (a PyrfcxError, not a pyrfc.RFCError)."""


def fake_pyrfcx_facade(*, sdk: bool) -> tuple[types.ModuleType, list[dict]]:
    """A ``pyrfc`` module with the recorded signature of pyrfcx 0.2.0's facade."""
    opened: list[dict] = []
    module = types.ModuleType("pyrfc")
    module.pyrfcx = types.ModuleType("pyrfcx")  # the facade imports its engine
    config_keys = {"rstrip", "return_import_params", "dtime", "check_date", "check_time", "timeout"}

    class RFCError(Exception):
        pass

    class Connection:
        def __init__(self, config=None, **params):
            for key in config or {}:
                if key not in config_keys:
                    raise RFCError(f"Connection configuration option '{key}' is not supported")
            if not params:
                raise RFCError("Connection parameters missing")
            for name, value in params.items():
                if not isinstance(value, str):
                    raise RFCError(f"Connection parameter '{name}' value is not string")
            if not sdk:
                raise SdkNotFoundError(
                    "Failed to load SAP NW RFC SDK library.\nLibrary: libsapnwrfc.so\nPath tried: libsapnwrfc.so\n"
                    "SAPNWRFC_HOME: not set\nOS error: libsapnwrfc.so: cannot open shared object file: "
                    "No such file or directory\nSet SAPNWRFC_HOME to the SDK root directory.")
            opened.append(dict(params))

        def call(self, func_name, options=None, **params):
            return {}

        def close(self):
            pass

    module.RFCError = RFCError
    module.Connection = Connection
    return module, opened


@pytest.mark.parametrize("profile", [DIRECT, BALANCED, ROUTED_SNC], ids=lambda p: p.name)
def test_pyrfcx_gets_the_profile_under_the_sdk_names(monkeypatch, profile):
    module, opened = fake_pyrfcx_facade(sdk=True)
    monkeypatch.setitem(sys.modules, "pyrfc", module)
    assert connect.rfc_library(module) == connect.PYRFCX
    connect.open_real(profile.rfc_params(), PASSWORD)
    assert opened[-1] == {**EXPECTED[profile.name], "passwd": PASSWORD}
    assert set(opened[-1]) <= SDK_NAMES


def test_pyrfcx_passes_sdk_only_parameters_through(monkeypatch):
    module, opened = fake_pyrfcx_facade(sdk=True)
    monkeypatch.setitem(sys.modules, "pyrfc", module)
    connect.open_real({"dest": "PRD", "client": "100", "user": "U", "trace": "1"}, PASSWORD)
    assert opened[-1] == {"dest": "PRD", "client": "100", "user": "U", "trace": "1", "passwd": PASSWORD}


def test_pyrfcx_without_the_sdk_says_install_it_or_use_the_other_extra(monkeypatch):
    module, _ = fake_pyrfcx_facade(sdk=False)
    monkeypatch.setitem(sys.modules, "pyrfc", module)
    with pytest.raises(RfcSdkMissing) as info:
        connect.real_gateway(DIRECT.rfc_params(), PASSWORD)
    text = str(info.value)
    assert "SAPNWRFC_HOME" in text and "ordertui[rfc-nosdk]" in text and "SDK" in text
    assert PASSWORD not in text
    assert isinstance(info.value, PyrfcMissing)  # the login screen treats it like a missing library


def test_sap_pyrfc_import_error_for_the_sdk_says_the_same(monkeypatch):
    class NoSdk:
        """A meta path finder: ``import pyrfc`` fails the way SAP's PyRFC does without the SDK."""

        def find_spec(self, name, path=None, target=None):
            if name == "pyrfc":
                raise ImportError("libsapnwrfc.so: cannot open shared object file: No such file or directory")
            return None

    monkeypatch.delitem(sys.modules, "pyrfc", raising=False)
    monkeypatch.setattr(sys, "meta_path", [NoSdk(), *sys.meta_path])
    with pytest.raises(RfcSdkMissing, match="ordertui\\[rfc-nosdk\\]"):
        connect.open_real(DIRECT.rfc_params(), PASSWORD)


def test_real_pyrfcx_wheel_without_sdk():
    site = os.environ.get("ORDERTUI_PYRFCX_SITE", "")
    if not site or not (Path(site) / "pyrfcx").is_dir():
        pytest.skip("set ORDERTUI_PYRFCX_SITE to an unpacked pyrfcx wheel (pip download pyrfcx; unzip) to run")
    code = (
        "from ordertui.sap import connect\n"
        "from ordertui.sap.errors import RfcSdkMissing\n"
        "import pyrfc\n"
        "assert connect.rfc_library(pyrfc) == connect.PYRFCX, pyrfc.__file__\n"
        "try:\n"
        "    connect.open_real({'ashost': 'h', 'sysnr': '00', 'client': '100', 'user': 'U'}, 'pw')\n"
        "except RfcSdkMissing as e:\n"
        "    print('OK', e)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([site, str(Path(__file__).resolve().parents[2])]),
           "SAPNWRFC_HOME": ""}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert proc.stdout.startswith("OK"), proc.stdout + proc.stderr
    assert "ordertui[rfc-nosdk]" in proc.stdout
