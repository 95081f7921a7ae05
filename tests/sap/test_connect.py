"""connect.py: real pyrfc connections, parameter checks, missing pyrfc, secrets never leak."""

from __future__ import annotations

import logging
import sys

import pytest

from ordertui.model import CallEvent
from ordertui.sap import connect
from ordertui.sap.errors import LogonFailed, PyrfcMissing, SapUnreachable
from ordertui.sap.rfc import RfcGateway

PASSWORD = "S3cret-Pa55word!"


def test_real_pyrfc_communication_error_becomes_unreachable(caplog):
    pytest.importorskip("pyrfc")
    caplog.set_level(logging.DEBUG)
    params = {"ashost": "127.0.0.1", "sysnr": "99", "client": "100", "user": "DESK", "lang": "EN"}
    with pytest.raises(SapUnreachable) as info:
        connect.real_gateway(params, PASSWORD)
    assert PASSWORD not in str(info.value)
    assert all(PASSWORD not in r.getMessage() for r in caplog.records)


def test_open_real_maps_too():
    pytest.importorskip("pyrfc")
    with pytest.raises(SapUnreachable):
        connect.open_real({"ashost": "127.0.0.1", "sysnr": "99", "client": "100", "user": "U"}, PASSWORD)


def test_pyrfc_missing_names_both_extras(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyrfc", None)  # makes `import pyrfc` raise ImportError
    with pytest.raises(PyrfcMissing) as info:
        connect.real_gateway({"ashost": "h", "sysnr": "00", "client": "100", "user": "U"}, PASSWORD)
    assert "ordertui[rfc]" in str(info.value) and "ordertui[rfc-nosdk]" in str(info.value)


@pytest.mark.parametrize(
    "params",
    [
        {"ashost": "h"},
        {"mshost": "m", "group": "PUBLIC"},
        {"mshost": "m", "sysid": "PRD"},
        {"client": "100", "user": "U"},
        {"ashost": "h", "sysnr": "00", "passwd": "x"},
        {"ashost": "h", "sysnr": "00", "bogus": "1"},
        {"ashost": "h", "sysnr": "00", "client": "1x"},
    ],
)
def test_bad_params_rejected(params):
    with pytest.raises(ValueError):
        connect.check_params(params)


def test_good_params():
    assert connect.check_params({"ashost": "h", "sysnr": "00", "client": "5", "saprouter": "/H/r/S/3299/H/"})["client"] == "005"
    ok = {"mshost": "m", "msserv": "3600", "sysid": "PRD", "group": "PUBLIC", "snc_partnername": "p:CN=x",
          "snc_qop": "9", "snc_lib": "/usr/lib/libsapcrypto.so", "snc_myname": "p:CN=me"}
    assert connect.check_params(ok) == ok


class LogonError(Exception):
    """Shaped like pyrfc's: a message that (badly) echoes the password."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
        self.key = "RFC_LOGON_FAILURE"


def test_password_never_in_exception_or_log_on_logon_failure(caplog):
    caplog.set_level(logging.DEBUG)

    def factory():
        raise LogonError(f"Name or password is incorrect (repeat logon) passwd={PASSWORD}")

    events: list[CallEvent] = []
    gw = RfcGateway(factory, user="DESK", secrets=(PASSWORD,))
    gw.add_listener(events.append)
    with pytest.raises(LogonFailed) as info:
        gw.ping()
    err = info.value
    assert "incorrect" in str(err)
    assert err.__cause__ is None and err.__context__ is None  # the unscrubbed original is not chained
    for text in (str(err), repr(err), err.message):
        assert PASSWORD not in text
    assert all(PASSWORD not in r.getMessage() for r in caplog.records)
    assert all(PASSWORD not in repr(e) for e in events)
    assert PASSWORD not in repr(vars(gw)) and PASSWORD not in repr(vars(gw._pool))


def test_read_only_gateway_drops_create():
    gw = RfcGateway(lambda: None, read_only=True)
    assert "create" not in gw.capabilities
    assert "create" in RfcGateway(lambda: None).capabilities


def test_sandbox_gateway_is_cheap():
    import time

    t = time.perf_counter()
    gw = connect.sandbox_gateway(seed=1)
    assert time.perf_counter() - t < 0.5
    assert isinstance(gw, RfcGateway)
    gw.close()
