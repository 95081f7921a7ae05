"""Profiles in the TOML config and the `ordertui profile` administration commands."""

from __future__ import annotations

import socket
import stat
import tomllib

import pytest

from ordertui import config
from ordertui.cli import main


def _add(cfg, name="QAS", *extra):
    return main(["profile", "add", name, "--config", str(cfg), "--ashost", "qas.example.com", "--sysnr", "00",
                 "--client", "100", "--user", "jdoe", *extra])


def test_profile_add_writes_0600_toml_without_password(tmp_path, capsys):
    cfg = tmp_path / "sub" / "config.toml"
    assert _add(cfg, "QAS", "--production", "--saprouter", "/H/router/S/3299/H/") == 0
    assert stat.S_IMODE(cfg.stat().st_mode) == 0o600
    data = tomllib.loads(cfg.read_text())
    assert data["profiles"]["QAS"] == {
        "ashost": "qas.example.com", "sysnr": "00", "saprouter": "/H/router/S/3299/H/", "client": "100",
        "user": "JDOE", "lang": "EN", "production": True,
    }
    assert "passwd" not in cfg.read_text()
    loaded = config.load(cfg).profiles["QAS"]
    assert loaded.production and not loaded.read_only
    assert loaded.rfc_params() == {"ashost": "qas.example.com", "sysnr": "00", "saprouter": "/H/router/S/3299/H/",
                                   "client": "100", "user": "JDOE", "lang": "EN"}


def test_profile_add_message_server_and_list(tmp_path, capsys):
    cfg = tmp_path / "config.toml"
    assert main(["profile", "add", "PRD", "--config", str(cfg), "--mshost", "ms.example.com", "--sysid", "PRD",
                 "--group", "SALES", "--client", "200", "--read-only", "--snc-partnername", "p:CN=PRD"]) == 0
    assert _add(cfg) == 0
    capsys.readouterr()
    assert main(["profile", "list", "--config", str(cfg)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("PRD\tms.example.com PRD group SALES\tclient 200")
    assert out[0].endswith("READ-ONLY")
    assert out[1].startswith("QAS\tqas.example.com sysnr 00")
    prd = config.load(cfg).profiles["PRD"]
    assert prd.load_balanced and prd.read_only and prd.snc_partnername == "p:CN=PRD"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--sysnr", "00", "--client", "100"], "missing --ashost"),
        (["--ashost", "h", "--sysnr", "0", "--client", "100"], "--sysnr must be two digits"),
        (["--ashost", "h", "--sysnr", "00", "--client", "1"], "--client must be three digits"),
        (["--ashost", "h", "--mshost", "m", "--sysnr", "00", "--client", "100"], "not both"),
        (["--mshost", "m", "--group", "G", "--client", "100"], "needs --msserv or --sysid"),
    ],
)
def test_profile_add_rejects_incomplete_parameters(tmp_path, capsys, args, message):
    cfg = tmp_path / "config.toml"
    assert main(["profile", "add", "X", "--config", str(cfg), *args]) == 2
    assert message in capsys.readouterr().err
    assert not cfg.exists()


def test_profile_add_refuses_to_overwrite_without_replace(tmp_path, capsys):
    cfg = tmp_path / "config.toml"
    assert _add(cfg) == 0
    assert _add(cfg) == 2
    assert "exists" in capsys.readouterr().err
    assert _add(cfg, "QAS", "--replace") == 0


def test_comments_survive_and_remove(tmp_path, capsys):
    cfg = tmp_path / "config.toml"
    cfg.write_text('# my settings\ntheme = "textual-light"\n\n[keymap]\nhelp = "f1"\n')
    assert _add(cfg) == 0
    assert _add(cfg, "DEV") == 0
    assert main(["profile", "remove", "QAS", "--config", str(cfg)]) == 0
    text = cfg.read_text()
    assert text.startswith("# my settings\n") and "QAS" not in text and "DEV" in text
    assert stat.S_IMODE(cfg.stat().st_mode) == 0o600
    assert main(["profile", "remove", "QAS", "--config", str(cfg)]) == 2
    assert "no profile named 'QAS'" in capsys.readouterr().err


def test_password_in_config_is_refused(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text('[profiles.QAS]\nashost = "h"\nsysnr = "00"\nclient = "100"\npasswd = "x"\n')
    with pytest.raises(config.ConfigError, match="secrets belong in the OS keyring"):
        config.load(cfg)


def test_import_sapnwrfc_ini(tmp_path, capsys):
    ini = tmp_path / "sapnwrfc.ini"
    ini.write_text(
        "# destinations\n"
        "DEST=QAS\nASHOST=qas.example.com\nSYSNR=01\nCLIENT=100\nUSER=jdoe\nPASSWD=hunter2\nLANG=de\n\n"
        "DEST=PRD\nMSHOST=ms.example.com\nR3NAME=PRD\nGROUP=PUBLIC\nCLIENT=200\nTRACE=3\n"
    )
    cfg = tmp_path / "config.toml"
    assert main(["profile", "import", str(ini), "--config", str(cfg)]) == 0
    captured = capsys.readouterr()
    assert "QAS: password not imported" in captured.err
    assert "PRD: TRACE not supported" in captured.err
    assert "hunter2" not in cfg.read_text()
    profiles = config.load(cfg).profiles
    assert profiles["QAS"].sysnr == "01" and profiles["QAS"].lang == "DE" and profiles["QAS"].user == "JDOE"
    assert profiles["PRD"].mshost == "ms.example.com" and profiles["PRD"].sysid == "PRD"


def _closed_sysnr() -> str:
    """A system number whose gateway port 33NN nothing listens on, here and now."""
    for nr in range(99, 0, -1):
        with socket.socket() as s:
            s.settimeout(0.2)
            if s.connect_ex(("127.0.0.1", 3300 + nr)) != 0:
                return f"{nr:02d}"
    pytest.skip("every port 3301-3399 is in use")


def test_profile_test_reports_unreachable_without_prompting_argv(tmp_path, capsys, monkeypatch):
    """`profile test` asks for the password with getpass (not argv/env) and reports SAP unreachable."""
    cfg = tmp_path / "config.toml"
    assert main(["profile", "add", "LOCAL", "--config", str(cfg), "--ashost", "127.0.0.1", "--sysnr", _closed_sysnr(),
                 "--client", "100", "--user", "jdoe"]) == 0
    import keyring
    from keyring.backends import fail

    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())
    asked = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "typed-secret")
    capsys.readouterr()
    assert main(["profile", "test", "LOCAL", "--config", str(cfg)]) == 1
    err = capsys.readouterr().err
    assert asked and "JDOE" in asked[0]
    assert "no usable keyring" in err
    assert "SAP unreachable" in err
    assert "typed-secret" not in err


def test_unknown_profile_on_start_is_a_clear_error(tmp_path, capsys):
    assert main(["--profile", "NOPE", "--config", str(tmp_path / "c.toml")]) == 2
    assert "no profile named 'NOPE'" in capsys.readouterr().err


def test_profile_test_reports_system_release_and_round_trip(tmp_path, capsys, monkeypatch):
    """The success path, with the sandbox standing in for the SAP system behind real_gateway."""
    import keyring
    from keyring.backends import fail

    import ordertui.sap.connect as connect

    cfg = tmp_path / "config.toml"
    assert _add(cfg) == 0
    seen = []

    def fake_real_gateway(params, password, *, read_only=False):
        seen.append((params, password, read_only))
        return connect.sandbox_gateway(seed=1, user=params["user"])

    monkeypatch.setattr(connect, "real_gateway", fake_real_gateway)
    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())
    monkeypatch.setattr("getpass.getpass", lambda prompt: "typed-secret")
    capsys.readouterr()
    assert main(["profile", "test", "QAS", "--config", str(cfg)]) == 0
    out = capsys.readouterr().out
    assert seen == [({"ashost": "qas.example.com", "sysnr": "00", "client": "100", "user": "JDOE", "lang": "EN"},
                     "typed-secret", False)]
    first, second = out.splitlines()[:2]
    assert first.startswith("system SBX release ") and "client 100 user JDOE" in first
    assert second.startswith("logon ") and " ms, round trip " in second
    assert "typed-secret" not in out
