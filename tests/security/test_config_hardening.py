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
        (_toml('ashost2 = "x"\n', f'password = "{SECRET}"\n'), "password"),
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


# --------------------------------------------------------------------------- reading and writing, edge by edge
# (written for the survivors of a mutation run of ordertui/config.py, docs/testing.md)


@pytest.fixture
def umask_022():
    """The usual umask, so that a mode the code asks for shows (under 077 every mode looks private)."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def _link_message(path) -> str:
    return (f"{path} is a symbolic link; ordertui does not read or write its config through a link "
            "(one planted there could point it at another file). Replace the link with the file itself.")


def test_the_link_refusal_says_what_to_do(tmp_path):
    link = tmp_path / "config.toml"
    link.symlink_to(tmp_path / "elsewhere.toml")
    with pytest.raises(config.ConfigFileError) as info:
        config.load(link)
    assert str(info.value) == _link_message(link)


def test_a_config_folder_is_created_private_however_deep(tmp_path, umask_022):
    cfg = tmp_path / "home" / ".config" / "ordertui" / "config.toml"
    config.save_setting("theme", "textual-light", cfg)
    assert stat.S_IMODE(cfg.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(cfg.stat().st_mode) == 0o600
    assert config.load(cfg).theme == "textual-light"


def test_the_temporary_file_is_private_from_the_moment_it_exists(tmp_path, monkeypatch, umask_022):
    """Not only after the fchmod: the text is written into it before that."""
    created = []
    real_open = os.open

    def spy(path, flags, mode=0o777, *args, **kwargs):
        fd = real_open(path, flags, mode, *args, **kwargs)
        if str(path).endswith(".tmp"):
            created.append((os.fstat(fd).st_size, stat.S_IMODE(os.fstat(fd).st_mode)))
        return fd

    monkeypatch.setattr(os, "open", spy)
    config.save_profile(config.Profile(name="QAS", **GOOD), tmp_path / "config.toml")
    assert created == [(0, 0o600)]


def _plant_after_the_read(monkeypatch, plant):
    """What another process could do between ordertui reading the file and writing it back."""
    real = config._read_document

    def read_then_plant(file):
        doc = real(file)
        file.unlink()
        plant(file)
        return doc

    monkeypatch.setattr(config, "_read_document", read_then_plant)


def test_a_link_planted_between_the_read_and_the_write_is_refused_not_replaced(tmp_path, monkeypatch):
    victim = tmp_path / "victim"
    victim.write_text("precious")
    cfg = tmp_path / "config.toml"
    cfg.write_text(_toml('user = "JDOE"'))
    _plant_after_the_read(monkeypatch, lambda file: file.symlink_to(victim))
    with pytest.raises(config.ConfigFileError) as info:
        config.save_profile(config.Profile(name="DEV", **GOOD), cfg)
    assert str(info.value) == _link_message(cfg)
    assert cfg.is_symlink() and victim.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_fifo_planted_between_the_read_and_the_write_is_refused(tmp_path, monkeypatch):
    cfg = tmp_path / "config.toml"
    cfg.write_text(_toml('user = "JDOE"'))
    _plant_after_the_read(monkeypatch, os.mkfifo)
    with pytest.raises(config.ConfigFileError) as info:
        config.save_setting("theme", "textual-light", cfg)
    assert str(info.value) == f"{cfg} is not a regular file; ordertui writes its config only as one"
    assert stat.S_ISFIFO(os.lstat(cfg).st_mode)


def test_when_every_temporary_name_is_taken_nothing_is_written(tmp_path, monkeypatch):
    cfg = tmp_path / "config.toml"
    monkeypatch.setattr(os, "urandom", lambda n: b"\x07" * n)
    taken = tmp_path / f".config.toml.{'07' * 8}.tmp"
    taken.write_text("someone else's")
    with pytest.raises(config.ConfigFileError) as info:
        config.save_setting("theme", "textual-light", cfg)
    assert str(info.value) == f"cannot create a temporary file next to {cfg}"
    assert not cfg.exists() and taken.read_text() == "someone else's"


@pytest.mark.parametrize("flag", ["O_NOFOLLOW", "O_NONBLOCK", "O_CLOEXEC", "O_DIRECTORY"])
def test_a_system_without_an_open_flag_still_reads_writes_and_syncs(tmp_path, monkeypatch, flag):
    """Windows has none of these; the config is read and written all the same (and on POSIX, where
    the write's folder fsync needs O_DIRECTORY's absence handled, the folder is still synced)."""
    monkeypatch.delattr(os, flag)
    synced_dirs = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced_dirs.append(stat.S_ISDIR(os.fstat(fd).st_mode)) or real_fsync(fd))
    cfg = tmp_path / "config.toml"
    cfg.write_text(_toml('user = "JDOE"'))
    assert config.load(cfg).profiles["QAS"].user == "JDOE"
    config.save_setting("theme", "textual-light", cfg)
    assert config.load(cfg).theme == "textual-light"
    assert synced_dirs == [False, True], "the file, then its folder"


def test_without_o_nofollow_a_dangling_link_is_still_refused(tmp_path, monkeypatch):
    monkeypatch.delattr(os, "O_NOFOLLOW")
    link = tmp_path / "config.toml"
    link.symlink_to(tmp_path / "nowhere.toml")
    with pytest.raises(config.ConfigFileError) as info:
        config.load(link)
    assert str(info.value) == _link_message(link)


def test_a_file_that_cannot_be_opened_or_read_is_named_with_the_reason(tmp_path, monkeypatch):
    (tmp_path / "plain").write_text("")
    cfg = tmp_path / "plain" / "config.toml"
    with pytest.raises(config.ConfigFileError) as info:
        config.load(cfg)
    assert str(info.value) == f"cannot read {cfg}: Not a directory"

    import errno

    cfg = tmp_path / "config.toml"
    cfg.write_text(_toml(""))

    def failing_read(fd, n):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "read", failing_read)
    with pytest.raises(config.ConfigFileError) as info:
        config.load(cfg)
    assert str(info.value) == f"cannot read {cfg}: Input/output error"


def test_a_config_of_exactly_one_mib_is_read_whole_and_one_byte_more_is_refused(tmp_path):
    """Read in many chunks (every 64 KiB boundary falls inside a key line), joined as they were."""
    line = 'b0000000 = "x"\n'
    count = (config.MAX_CONFIG_BYTES - len("[keymap]\n") - 2) // len(line)
    body = "[keymap]\n" + "".join(f'b{i:07d} = "x"\n' for i in range(count))
    cfg = tmp_path / "config.toml"
    cfg.write_text(body + "#" * (config.MAX_CONFIG_BYTES - len(body) - 1) + "\n")
    assert cfg.stat().st_size == config.MAX_CONFIG_BYTES == 1 << 20
    assert config.load(cfg).keymap == {f"b{i:07d}": "x" for i in range(count)}
    cfg.write_text(body + "#" * (config.MAX_CONFIG_BYTES - len(body)) + "\n")
    with pytest.raises(config.ConfigFileError) as info:
        config.load(cfg)
    assert str(info.value) == f"{cfg} is larger than 1024 KiB; that is not a config file"


def test_the_file_is_written_as_utf8_whatever_the_locale(tmp_path):
    """TOML is UTF-8; a desk in a C/ASCII locale (or Windows' cp1252) must still write it so."""
    import subprocess
    import sys
    from pathlib import Path

    description = "Müller – Düsseldorf"
    cfg = tmp_path / "config.toml"
    config.save_profile(config.Profile(name="QAS", **GOOD, description=description), cfg)
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0",
           "PYTHONPATH": str(Path(config.__file__).resolve().parents[1])}
    encoding = subprocess.run([sys.executable, "-c", "import locale; print(locale.getpreferredencoding(False))"],
                              env=env, capture_output=True, text=True, check=True).stdout.strip()
    if encoding.lower().replace("-", "") in ("utf8", ""):
        pytest.skip(f"no non-UTF-8 locale here (C gives {encoding})")
    code = ("import sys; from ordertui import config; config.save_profile(config.Profile(name='DEV', "
            "ashost='h', sysnr='00', client='100', description='M\\u00fcller \\u2013 D\\u00fcsseldorf'), sys.argv[1])")
    subprocess.run([sys.executable, "-c", code, str(cfg)], env=env, capture_output=True, check=True)
    profiles = config.load(cfg).profiles
    assert profiles["QAS"].description == profiles["DEV"].description == description
