"""`ordertui profile test NAME --deep` and `ordertui profile test --sandbox`: the CLI only prints
ordertui.sap.probe's report and exits non-zero on any problem (the checks are tested in
tests/sap/test_probe.py)."""

from __future__ import annotations

import pytest

from ordertui.cli import main
from tests.conftest import TODAY


@pytest.fixture
def no_keyring_typed_password(monkeypatch):
    import keyring
    from keyring.backends import fail

    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())
    monkeypatch.setattr("getpass.getpass", lambda prompt: "typed-secret")


def test_deep_test_of_the_sandbox_prints_the_table(capsys, monkeypatch):
    import ordertui.sap.connect as connect

    real = connect.deep_test_sandbox
    monkeypatch.setattr(connect, "deep_test_sandbox", lambda: real(today=TODAY))
    assert main(["profile", "test", "--sandbox"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("system SBX release 758")
    assert any(line.startswith("BAPI_SALESORDER_SIMULATE ") and line.endswith("authorized") for line in out)
    assert out[-1].startswith("OK: all ")


def test_deep_test_of_a_profile_reports_problems_and_exits_1(tmp_path, capsys, monkeypatch, no_keyring_typed_password):
    import ordertui.sap.connect as connect

    cfg = tmp_path / "config.toml"
    assert main(["profile", "add", "QAS", "--config", str(cfg), "--ashost", "qas.example.com", "--sysnr", "00",
                 "--client", "100", "--user", "jdoe", "--read-only"]) == 0
    seen = []

    def fake_real_gateway(params, password, *, read_only=False):
        return connect.sandbox_gateway(seed=1, today=TODAY, user=params["user"])

    def fake_deep_test_real(params, password, *, read_only=False):
        seen.append((params["user"], password, read_only))
        return connect.deep_test_sandbox(today=TODAY, user=params["user"], read_only=read_only,
                                         interface_changes={"KNA1-MCOD1": {"length": 20}}, unauthorized={"KNVK"})

    monkeypatch.setattr(connect, "real_gateway", fake_real_gateway)
    monkeypatch.setattr(connect, "deep_test_real", fake_deep_test_real)
    capsys.readouterr()
    assert main(["profile", "test", "QAS", "--deep", "--config", str(cfg)]) == 1
    out = capsys.readouterr().out
    assert seen == [("JDOE", "typed-secret", True)]
    lines = out.splitlines()
    assert lines[0].startswith("system SBX") and lines[1].startswith("logon ")  # the plain test first
    assert any(line.startswith("KNA1 ") and "MCOD1 is CHAR 20, shorter than the 25" in line for line in lines)
    assert any(line.startswith("KNVK ") and "NOT AUTHORIZED" in line for line in lines)
    assert any(line.startswith("BAPI_SALESORDER_CREATEFROMDAT2 ") and "not needed" in line for line in lines)
    assert lines[-1].startswith("2 of ") and lines[-1].endswith("KNA1, KNVK")
    assert "typed-secret" not in out


def test_profile_test_needs_a_profile_or_the_sandbox(tmp_path, capsys):
    assert main(["profile", "test", "--config", str(tmp_path / "c.toml")]) == 2
    assert "name the profile to test (or pass --sandbox)" in capsys.readouterr().err
