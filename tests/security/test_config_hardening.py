"""Profile values are validated, secrets are refused anywhere in the file, and the config is
written without following links — each refusal names the file and the key, never the value.

Probe findings: a malformed sapnwrfc.ini line ``USER=JSMITH PASSWD=…`` was imported as a user
name containing the password and printed by ``profile list``; a table value
(``ashost = { passwd = "…" }``) was accepted and printed; a top-level ``password`` key was
ignored; the temporary file had a predictable name and was opened without O_EXCL/O_NOFOLLOW;
a ``config.toml`` that was a symlink was silently replaced.
"""

from __future__ import annotations

import os
import stat

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ordertui import config
from ordertui.cli import main
from tests.conftest import settle
from tests.security.fuzz import fuzz

SECRET = "hunter2-Secret"
GOOD = {"ashost": "sap01.example.com", "sysnr": "00", "client": "100", "user": "JDOE"}


def _toml(body: str, extra: str = "") -> str:
    return f'{extra}[profiles.QAS]\nashost = "sap01.example.com"\nsysnr = "00"\nclient = "100"\n{body}\n'


def _refused(tmp_path, text: str) -> str:
    cfg = tmp_path / "config.toml"
    cfg.write_text(text)
    with pytest.raises(config.ConfigFileError) as info:
        config.load(cfg)
    message = str(info.value)
    assert str(cfg) in message, "the message names the file"
    return message


# --------------------------------------------------------------------------- secrets anywhere


@pytest.mark.parametrize(
    "text, names",
    [
        (_toml(f'ashost2 = "x"\n', f'password = "{SECRET}"\n'), "password"),
        (_toml("", f'passwd = "{SECRET}"\n'), "passwd"),
        (f'[profiles.QAS]\nashost = {{ passwd = "{SECRET}" }}\nsysnr = "00"\nclient = "100"\n', "profiles.QAS.ashost.passwd"),
        (_toml(f'PassWord = "{SECRET}"'), "profiles.QAS.PassWord"),
        (_toml(f'description = "PASSWD={SECRET}"'), "profiles.QAS.description"),
        (_toml("") + f'[keymap]\nhelp = "f1"\nsap_pwd = "{SECRET}"\n', "keymap.sap_pwd"),
        (_toml("") + f'[extra.deep.er]\ntoken = "{SECRET}"\n', "extra.deep.er.token"),
    ],
    ids=["top-level password", "top-level passwd", "table value", "mixed case", "in a value", "keymap", "deep"],
)
def test_a_secret_anywhere_in_the_file_is_refused_and_not_printed(tmp_path, text, names):
    message = _refused(tmp_path, text)
    assert names in message and "OS keyring" in message
    assert SECRET not in message


# --------------------------------------------------------------------------- type and form of every value


@pytest.mark.parametrize(
    "key, value, rule",
    [
        ("ashost", '{ host = "sap01" }', "must be text in quotes (it is a table)"),
        ("ashost", '["sap01"]', "must be text in quotes (it is a list)"),
        ("ashost", '"sap01 example"', "host name"),
        ("sysnr", '"0"', "two digits"),
        ("sysnr", "0", "must be text"),
        ("client", '"1000"', "three digits"),
        ("user", '"JSMITH HUNTER2X"', "at most 12 characters, no spaces"),
        ("user", '"JSMITHHUNTER2X"', "at most 12 characters"),
        ("lang", '"ENG"', "one- or two-letter"),
        ("sysid", '"PRODX"', "three-character"),
        ("msserv", '"36 00"', "port or service"),
        ("saprouter", '"/H/router/W/hunter2x/H/"', "route password"),
        ("saprouter", '"router.example.com"', "SAProuter string"),
        ("snc_qop", '"12"', "one digit"),
        ("description", '"two\\nlines"', "one line"),
        ("production", '"yes"', "true or false"),
        ("logon_timeout", '"20"', "number of seconds"),
        ("logon_timeout", "0", "number of seconds"),
        ("logon_timeout", "inf", "number of seconds"),
        ("logon_timeout", "nan", "number of seconds"),
        ("logon_timeout", "true", "number of seconds"),
    ],
)
def test_every_value_is_checked_for_type_and_form(tmp_path, key, value, rule):
    body = {k: f'"{v}"' for k, v in GOOD.items() if k != key}
    body[key] = value
    text = "[profiles.QAS]\n" + "".join(f"{k} = {v}\n" for k, v in body.items())
    message = _refused(tmp_path, text)
    assert f"{key} " in message and rule in message, message
    for secretish in ("HUNTER2", "hunter2", "sap01 example", "PRODX", "JSMITH"):
        assert secretish not in message


def test_a_valid_file_still_loads(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text(
        'theme = "textual-light"\n[profiles.PRD]\nmshost = "ms.example.com"\nsysid = "PRD"\ngroup = "SALES"\n'
        'client = "200"\nuser = "jdoe"\nlang = "de"\nsaprouter = "/H/router.example.com/S/3299/H/"\n'
        'snc_partnername = "p:CN=PRD, O=Example"\nsnc_qop = "9"\nlogon_timeout = 45\nproduction = true\n'
        '[profiles.ROUTED]\nashost = "/H/router.example.com/S/3299/H/sap01"\nsysnr = "00"\nclient = "100"\n'
        '[profiles.V6]\nashost = "fe80::1"\nsysnr = "01"\nclient = "001"\n'
    )
    settings = config.load(cfg)
    prd = settings.profiles["PRD"]
    assert (prd.user, prd.lang, prd.logon_timeout, prd.production) == ("JDOE", "DE", 45.0, True)
    assert set(settings.profiles) == {"PRD", "ROUTED", "V6"}


rules_fields = sorted(config.FIELD_RULES)


@fuzz
@given(key=st.sampled_from(rules_fields), value=st.text(min_size=6, max_size=60))
def test_a_refused_value_is_never_printed(tmp_path_factory, key, value):
    """Any text in any field: it loads (and then is exactly what its rule allows) or is refused
    with a message that does not contain it."""
    import tomlkit

    fixed = " ".join(rule for _, rule in config.FIELD_RULES.values())
    assume(value not in fixed and value.strip() == value)
    cfg = tmp_path_factory.mktemp("fuzz") / "config.toml"
    body = dict(GOOD)
    body[key] = value
    if key in ("mshost",):
        body.pop("ashost")
        body["sysid"] = "PRD"
        body["group"] = "G"
    cfg.write_text(tomlkit.dumps({"profiles": {"QAS": body}}))
    try:
        settings = config.load(cfg)
    except config.ConfigFileError as error:
        assert value not in str(error).replace(str(cfg), "")
    else:
        loaded = getattr(settings.profiles["QAS"], key)
        assert config.FIELD_RULES[key][0].fullmatch(value) and loaded in (value, value.upper())


def test_profile_add_refuses_a_user_with_a_password_and_does_not_echo_it(tmp_path, capsys):
    cfg = tmp_path / "config.toml"
    assert main(["profile", "add", "QAS", "--config", str(cfg), "--ashost", "h", "--sysnr", "00", "--client", "100",
                 "--user", f"JSMITH PASSWD={SECRET}"]) == 2
    err = capsys.readouterr().err
    assert "--user" in err and SECRET not in err and not cfg.exists()


# --------------------------------------------------------------------------- sapnwrfc.ini


def test_malformed_ini_line_does_not_import_a_user_holding_the_password(tmp_path, capsys):
    ini = tmp_path / "sapnwrfc.ini"
    ini.write_text(
        "DEST=QAS\nASHOST=qas.example.com\nSYSNR=01\nCLIENT=100\nUSER=JSMITH PASSWD=" + SECRET + "\n\n"
        "DEST=DEV\nASHOST=dev.example.com\nSYSNR=00\nCLIENT=200\nUSER=jdoe\npassword=" + SECRET + "\n"
        "DEST=BAD " + SECRET + "\nASHOST=x\n"
        + SECRET + "\n"
    )
    cfg = tmp_path / "config.toml"
    assert main(["profile", "import", str(ini), "--config", str(cfg)]) == 0
    captured = capsys.readouterr()
    assert "QAS: not imported" in captured.err and "user holds what looks like a password" in captured.err
    assert "DEV: password not imported" in captured.err
    assert "DEST= is not a usable profile name" in captured.err
    assert SECRET not in captured.err + captured.out
    assert SECRET not in cfg.read_text()
    assert set(config.load(cfg).profiles) == {"DEV"}
    assert main(["profile", "list", "--config", str(cfg)]) == 0
    listed = capsys.readouterr().out
    assert "DEV" in listed and "JSMITH" not in listed and SECRET not in listed


# --------------------------------------------------------------------------- writing safely


def test_a_symlinked_config_is_refused_for_reading_and_writing(tmp_path, capsys):
    target = tmp_path / "elsewhere.toml"
    target.write_text(_toml('user = "JDOE"'))
    before = target.read_bytes()
    link = tmp_path / "config.toml"
    link.symlink_to(target)
    with pytest.raises(config.ConfigFileError, match="is a symbolic link"):
        config.load(link)
    assert main(["profile", "add", "DEV", "--config", str(link), "--ashost", "h", "--sysnr", "00",
                 "--client", "100"]) == 2
    err = capsys.readouterr().err
    assert str(link) in err and "symbolic link" in err
    assert link.is_symlink() and target.read_bytes() == before
    # a dangling link too
    target.unlink()
    with pytest.raises(config.ConfigFileError, match="is a symbolic link"):
        config.load(link)


def test_the_write_never_follows_a_planted_link(tmp_path, monkeypatch):
    victim = tmp_path / "victim"
    victim.write_text("precious")
    cfg = tmp_path / "config.toml"
    # the old, predictable temporary name
    (tmp_path / f".config.toml.{os.getpid()}.tmp").symlink_to(victim)
    # and the first random name drawn (as if an attacker guessed it): O_EXCL fails, a new name is drawn
    draws = iter([b"\x00" * 8, b"\x01" * 8, b"\x02" * 8])
    monkeypatch.setattr(os, "urandom", lambda n: next(draws))
    (tmp_path / f".config.toml.{'00' * 8}.tmp").symlink_to(victim)
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    config.save_profile(config.Profile(name="QAS", **GOOD), cfg)
    assert victim.read_text() == "precious"
    assert not cfg.is_symlink() and stat.S_IMODE(cfg.stat().st_mode) == 0o600
    assert "QAS" in config.load(cfg).profiles
    assert len(synced) >= 2, "the file and its folder are fsynced"
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp") and not p.is_symlink())
    assert leftovers == []


def test_a_fifo_is_not_read_and_does_not_block(tmp_path):
    cfg = tmp_path / "config.toml"
    os.mkfifo(cfg)
    with pytest.raises(config.ConfigFileError, match="not a regular file"):
        config.load(cfg)


# --------------------------------------------------------------------------- the app still starts


@pytest.mark.parametrize(
    "kind",
    ["corrupt", "symlink", "unreadable", "secret"],
)
async def test_a_config_that_cannot_be_used_is_named_and_the_app_starts_on_the_sandbox(app_factory, tmp_path, kind):
    cfg = app_factory.config_path
    cfg.parent.mkdir(parents=True, exist_ok=True)
    if kind == "corrupt":
        cfg.write_text("[profiles.QAS\nashost = \n")
    elif kind == "symlink":
        target = tmp_path / "real.toml"
        target.write_text(_toml(""))
        cfg.symlink_to(target)
    elif kind == "unreadable":
        cfg.mkdir()  # (running as root, a chmod 000 file would still be readable)
    else:
        cfg.write_text(_toml(f'passwd = "{SECRET}"'))
    app = app_factory(profile="QAS" if kind != "corrupt" else None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.session is not None and app.session.sandbox
        notes = [n for n in app._notifications if n.title == "Config file not used"]
        assert notes and str(cfg) in notes[0].message, [n.message for n in app._notifications]
        assert SECRET not in notes[0].message
