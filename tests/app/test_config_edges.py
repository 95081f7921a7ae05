"""The config file's edges, value by value: what ``load`` returns for each setting, the exact
words of each refusal, the profile checks, the file as written, the app's own setting and the
sapnwrfc.ini import. Written for the survivors of a mutation run of ``ordertui/config.py``
(docs/testing.md): each test names the behaviour, not the mutant.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from ordertui import config

QAS = '[profiles.QAS]\nashost = "qas.example.com"\nsysnr = "00"\nclient = "100"\n'
KEYRING_HINT = "secrets belong in the OS keyring, not in the config file; remove it"


def _write(tmp_path: Path, text: str | bytes) -> Path:
    cfg = tmp_path / "config.toml"
    if isinstance(text, bytes):
        cfg.write_bytes(text)
    else:
        cfg.write_text(text, encoding="utf-8")
    return cfg


def _refusal(tmp_path: Path, text: str | bytes) -> tuple[Path, str]:
    cfg = _write(tmp_path, text)
    with pytest.raises(config.ConfigFileError) as info:
        config.load(cfg)
    return cfg, str(info.value)


# --------------------------------------------------------------------------- where the file is


def test_the_file_is_where_ordertui_config_points(isolated_home, tmp_path, monkeypatch):
    elsewhere = tmp_path / "team" / "ordertui.toml"
    monkeypatch.setenv("ORDERTUI_CONFIG", str(elsewhere))
    assert config.config_path() == elsewhere
    assert config.config_path(tmp_path / "given.toml") == tmp_path / "given.toml", "an explicit path wins"
    elsewhere.parent.mkdir()
    elsewhere.write_text('theme = "from-env"\n')
    assert config.load().theme == "from-env"


def test_without_ordertui_config_the_file_is_in_the_user_config_folder(isolated_home, monkeypatch):
    monkeypatch.delenv("ORDERTUI_CONFIG")
    xdg = Path(os.environ["XDG_CONFIG_HOME"])
    assert config.config_path() == xdg / "ordertui" / "config.toml"


# --------------------------------------------------------------------------- what load returns


def test_a_missing_file_is_no_profiles_and_every_default(tmp_path):
    settings = config.load(tmp_path / "none.toml")
    assert settings == config.Settings(profiles={}, theme="", keymap={}, default_profile="", idle_lock_minutes=15.0)


def test_a_file_without_settings_gives_the_defaults(tmp_path):
    settings = config.load(_write(tmp_path, "# nothing set yet\n"))
    assert settings == config.Settings(profiles={}, theme="", keymap={}, default_profile="", idle_lock_minutes=15.0)


def test_every_top_level_setting_is_read(tmp_path):
    cfg = _write(
        tmp_path,
        'theme = "textual-light"\ndefault_profile = "QAS"\nidle_lock_minutes = 5\n'
        '[keymap]\nhelp = "f1"\nquit = "ctrl+q"\n' + QAS,
    )
    settings = config.load(cfg)
    assert settings == config.Settings(
        profiles={"QAS": config.Profile(name="QAS", ashost="qas.example.com", sysnr="00", client="100")},
        theme="textual-light",
        keymap={"help": "f1", "quit": "ctrl+q"},
        default_profile="QAS",
        idle_lock_minutes=5.0,
    )
    assert type(settings.idle_lock_minutes) is float


@pytest.mark.parametrize("minutes, expected", [(0, 0.0), (1440, 1440.0), (7.5, 7.5), (0.0, 0.0)])
def test_idle_lock_minutes_from_zero_to_a_day_inclusive(tmp_path, minutes, expected):
    assert config.load(_write(tmp_path, f"idle_lock_minutes = {minutes}\n")).idle_lock_minutes == expected


@pytest.mark.parametrize("value", ["-1", "1440.5", "1441", "true", '"15"', "inf", "nan"])
def test_idle_lock_minutes_outside_the_range_is_refused(tmp_path, value):
    cfg, message = _refusal(tmp_path, f"idle_lock_minutes = {value}\n")
    assert message == f"{cfg}: idle_lock_minutes must be a number of minutes from 0 to 1440 (0: never)"


@pytest.mark.parametrize("key", ["theme", "default_profile"])
@pytest.mark.parametrize("value", ["1", "true", '["a"]'])
def test_theme_and_default_profile_must_be_text(tmp_path, key, value):
    cfg, message = _refusal(tmp_path, f"{key} = {value}\n")
    assert message == f"{cfg}: {key} must be text in quotes"


@pytest.mark.parametrize("text", ['keymap = "f1"\n', "[keymap]\nhelp = 1\n", '[keymap]\nhelp = ["f1"]\n'])
def test_a_keymap_that_is_not_names_to_keys_is_refused(tmp_path, text):
    cfg, message = _refusal(tmp_path, text)
    assert message == f'{cfg}: [keymap] maps binding ids to keys, e.g. help = "f1"'


def test_profiles_that_are_not_a_table_are_refused(tmp_path):
    cfg, message = _refusal(tmp_path, "profiles = 3\n")
    assert message == f"{cfg}: [profiles] must be a table"
    cfg, message = _refusal(tmp_path, '[profiles]\nQAS = "qas.example.com"\n')
    assert message == f"{cfg}: a profile must be a table ([profiles.NAME]); one is not"


def test_a_file_that_is_not_utf8_is_named_as_such(tmp_path):
    cfg, message = _refusal(tmp_path, b'theme = "caf\xe9"\n')
    assert message == f"{cfg} is not valid TOML: not UTF-8"


def test_a_toml_error_says_where(tmp_path):
    cfg, message = _refusal(tmp_path, "[profiles.QAS\nashost = \n")
    assert message == f"{cfg} is not valid TOML: Expected ']' at the end of a table declaration (at line 1, column 14)"


# --------------------------------------------------------------------------- secrets: where, in full


def test_a_top_level_secret_is_named_by_its_key(tmp_path):
    cfg, message = _refusal(tmp_path, 'password = "hunter2"\n')
    assert message == f"{cfg}: password: looks like a password; {KEYRING_HINT}"


def test_a_secret_in_a_list_is_named_by_its_index(tmp_path):
    cfg, message = _refusal(tmp_path, '[extra]\nnotes = ["fine", "pwd=hunter2", "also fine"]\n')
    assert message == f"{cfg}: extra.notes[1]: looks like a password; {KEYRING_HINT}"
    cfg, message = _refusal(tmp_path, 'notes = [["pwd=hunter2"], "fine"]\n')
    assert message == f"{cfg}: notes[0][0]: looks like a password; {KEYRING_HINT}"


def test_at_most_five_secrets_are_listed(tmp_path):
    text = "".join(f'{name}_password = "x"\n' for name in "abcdef")
    cfg, message = _refusal(tmp_path, text)
    listed = "a_password, b_password, c_password, d_password, e_password"
    assert message == f"{cfg}: {listed}: looks like a password; {KEYRING_HINT}"


# --------------------------------------------------------------------------- profile values


def _profile_refusal(tmp_path, body: str) -> str:
    cfg, message = _refusal(tmp_path, "[profiles.QAS]\n" + body)
    prefix = f"{cfg}: profile 'QAS': "
    assert message.startswith(prefix), message
    return message[len(prefix):]


@pytest.mark.parametrize(
    "body, reason",
    [
        ('ashost = "h"\nsysnr = "00"\nclient = "100"\nproduction = "yes"\n', "production must be true or false"),
        ('ashost = "h"\nsysnr = 0\nclient = "100"\n', "sysnr must be text in quotes (it is not text)"),
        ('ashost = "h"\nsysnr = "00"\nclient = 100.5\n', "client must be text in quotes (it is not text)"),
        ('ashost = "h"\nsysnr = ["00"]\nclient = "100"\n', "sysnr must be text in quotes (it is a list)"),
        ('ashost = "/H/router/P/opensesame/H/sap01"\nsysnr = "00"\nclient = "100"\n',
         "ashost holds a route password (/P/ or /W/); passwords belong in the OS keyring"),
        ('ashost = "h"\nsysnr = "00"\nclient = "100"\nsaprouter = "/H/router/w/opensesame/H/"\n',
         "saprouter holds a route password (/P/ or /W/); passwords belong in the OS keyring"),
        ('ashost = "h"\nsysnr = "00"\nclient = "100"\nlogon_timeout = 0.5\n',
         "logon_timeout must be a number of seconds from 1 to 600"),
        ('ashost = "h"\nsysnr = "00"\nclient = "100"\nlogon_timeout = 600.5\n',
         "logon_timeout must be a number of seconds from 1 to 600"),
        ('ashost = "h"\nmshost = "m"\nsysid = "PRD"\nclient = "100"\n', "give either ashost or mshost, not both"),
        ('ashost = "h"\nsysnr = "00"\nclient = "100"\ntrace = "3"\nzz = 1\n', "unknown key(s) trace, zz"),
        ('name = "OTHER"\nashost = "h"\nsysnr = "00"\nclient = "100"\n', "unknown key(s) name"),
    ],
    ids=["bool", "number", "float", "list", "ashost route pw", "saprouter route pw lower case",
         "timeout low", "timeout high", "both hosts", "unknown", "name is not a key"],
)
def test_each_refused_profile_value_says_why_in_full(tmp_path, body, reason):
    assert _profile_refusal(tmp_path, body) == reason


@pytest.mark.parametrize("seconds", [1, 600, 1.0, 600.0])
def test_logon_timeout_range_is_inclusive(tmp_path, seconds):
    cfg = _write(tmp_path, QAS + f"logon_timeout = {seconds}\n")
    assert config.load(cfg).profiles["QAS"].logon_timeout == float(seconds)


def test_values_are_read_without_surrounding_spaces(tmp_path):
    cfg = _write(tmp_path, '[profiles.QAS]\nashost = " qas.example.com "\nsysnr = " 00"\nclient = "100 "\nuser = " jdoe "\n')
    profile = config.load(cfg).profiles["QAS"]
    assert (profile.ashost, profile.sysnr, profile.client, profile.user) == ("qas.example.com", "00", "100", "JDOE")


def test_from_mapping_refuses_a_bad_name_and_secrets_in_its_own_words():
    with pytest.raises(config.ConfigError) as info:
        config.Profile.from_mapping("two words", {"ashost": "h", "sysnr": "00", "client": "100"})
    assert str(info.value) == "a profile name must be letters, digits, '_', '.', '-' (max 40); one is not"
    with pytest.raises(config.ConfigError) as info:
        config.Profile.from_mapping("QAS", {"ashost": "h", "Token": "x", "PASSWD": "y"})
    assert str(info.value) == f"profile 'QAS' contains passwd, token: {KEYRING_HINT}"


# --------------------------------------------------------------------------- Profile.problems


def test_problems_lists_each_fault_once_in_order():
    profile = config.Profile(name="two words", client="1")
    assert profile.problems() == [
        "the profile name: use letters, digits, '_', '.', '-' (max 40)",
        "missing --ashost (with --sysnr) or --mshost (with --msserv or --sysid, and --group)",
        "--client must be three digits, e.g. 100",
    ]
    profile = config.Profile(name="QAS", ashost="h", mshost="m", sysnr="0", client="100")
    assert profile.problems() == [
        "give either --ashost (application server) or --mshost (message server), not both",
        "--sysnr must be two digits, e.g. 00",
        "a message server logon needs --msserv or --sysid",
    ]


def test_problems_name_options_with_dashes():
    profile = config.Profile(name="QAS", ashost="h", sysnr="00", client="100", snc_qop="12", snc_mode="2")
    assert profile.problems() == ["--snc-qop must be one digit: 1, 2, 3, 8 or 9", "--snc-mode must be 0 or 1"]


def test_a_bad_name_is_reported_once_whatever_it_holds():
    profile = config.Profile(name="x pwd:1", ashost="h", sysnr="00", client="100")
    assert profile.problems() == ["the profile name: use letters, digits, '_', '.', '-' (max 40)"]


# --------------------------------------------------------------------------- the file as written


def test_a_new_file_has_one_table_per_profile_and_whole_seconds_without_a_point(tmp_path):
    cfg = tmp_path / "config.toml"
    config.save_profile(config.Profile(name="QAS", ashost="qas.example.com", sysnr="00", client="100",
                                       user="JDOE", logon_timeout=45.0), cfg)
    config.save_profile(config.Profile(name="DEV", ashost="dev.example.com", sysnr="00", client="100",
                                       logon_timeout=2.5, read_only=True), cfg)
    config.save_profile(config.Profile(name="SBX", ashost="sbx.example.com", sysnr="00", client="100"), cfg)
    assert cfg.read_text(encoding="utf-8") == (
        '[profiles.QAS]\nashost = "qas.example.com"\nsysnr = "00"\nclient = "100"\nuser = "JDOE"\nlang = "EN"\n'
        "logon_timeout = 45\n\n"
        '[profiles.DEV]\nashost = "dev.example.com"\nsysnr = "00"\nclient = "100"\nlang = "EN"\nread_only = true\n'
        "logon_timeout = 2.5\n\n"
        '[profiles.SBX]\nashost = "sbx.example.com"\nsysnr = "00"\nclient = "100"\nlang = "EN"\n'
    )
    profiles = config.load(cfg).profiles
    assert (profiles["QAS"].logon_timeout, profiles["DEV"].logon_timeout, profiles["SBX"].logon_timeout) == (45.0, 2.5, 20.0)


def test_save_profile_does_not_overwrite_unless_asked(tmp_path):
    cfg = tmp_path / "config.toml"
    first = config.Profile(name="QAS", ashost="qas.example.com", sysnr="00", client="100")
    config.save_profile(first, cfg)
    second = config.Profile(name="QAS", ashost="other.example.com", sysnr="00", client="100")
    with pytest.raises(config.ConfigError) as info:
        config.save_profile(second, cfg)
    assert str(info.value) == "profile 'QAS' exists; use --replace to overwrite it"
    assert config.load(cfg).profiles["QAS"] == first
    config.save_profile(second, cfg, replace=True)
    assert config.load(cfg).profiles["QAS"] == second


def test_save_profile_says_every_problem(tmp_path):
    cfg = tmp_path / "config.toml"
    with pytest.raises(config.ConfigError) as info:
        config.save_profile(config.Profile(name="QAS", client="1"), cfg)
    assert str(info.value) == (
        "missing --ashost (with --sysnr) or --mshost (with --msserv or --sysid, and --group); "
        "--client must be three digits, e.g. 100"
    )
    assert not cfg.exists()


def test_a_file_that_is_not_toml_is_not_changed(tmp_path):
    for broken in (b"[profiles.QAS\n", b'theme = "caf\xe9"\n'):
        cfg = _write(tmp_path, broken)
        with pytest.raises(config.ConfigFileError) as info:
            config.save_profile(config.Profile(name="DEV", ashost="h", sysnr="00", client="100"), cfg)
        assert str(info.value) == f"{cfg} is not valid TOML; fix it before ordertui changes it"
        assert cfg.read_bytes() == broken


# --------------------------------------------------------------------------- the app's own setting


def test_save_setting_keeps_everything_else(tmp_path):
    original = '# kept by hand\ntheme = "textual-dark"  # the team\'s\n[keymap]\nhelp = "f1"\n\n' + QAS
    cfg = _write(tmp_path, original)
    assert config.save_setting("theme", "textual-light", cfg) == cfg
    assert cfg.read_text(encoding="utf-8") == original.replace('"textual-dark"', '"textual-light"')
    settings = config.load(cfg)
    assert settings.theme == "textual-light" and settings.keymap == {"help": "f1"} and set(settings.profiles) == {"QAS"}
    assert stat.S_IMODE(cfg.stat().st_mode) == 0o600


def test_save_setting_creates_the_file_at_the_configured_place(isolated_home):
    cfg = isolated_home
    assert not cfg.exists()
    assert config.save_setting("theme", "textual-light") == cfg
    assert cfg.read_text(encoding="utf-8") == 'theme = "textual-light"\n'
    assert config.load().theme == "textual-light"


def test_save_setting_refuses_anything_but_the_app_settings(tmp_path):
    cfg = _write(tmp_path, QAS)
    with pytest.raises(config.ConfigError) as info:
        config.save_setting("default_profile", "QAS", cfg)
    assert str(info.value) == "'default_profile' is not a setting the app keeps"
    assert cfg.read_text(encoding="utf-8") == QAS


# --------------------------------------------------------------------------- sapnwrfc.ini


def test_import_warns_line_by_line_and_reads_on_after_each_skip():
    ini = (
        "USER=early\n"                         # 1
        "# a comment\n"                        # 2
        "; another\n"                          # 3
        "* and the third kind\n"               # 4
        "\n"                                   # 5
        "DEST=QAS\n"                           # 6
        "ASHOST=qas.example.com\n"             # 7
        "SYSNR=00\n"                           # 8
        "JUNK\n"                               # 9
        "CLIENT=100\n"                         # 10
        "TRACE=3\n"                            # 11
        "DEST=BAD NAME\n"                      # 12
        "ASHOST=bad.example.com\n"             # 13
        "DEST=DEV\n"                           # 14
        "ASHOST=dev.example.com\n"             # 15
        "SYSNR=01\n"                           # 16
        "CLIENT=200\n"                         # 17
        "DEST=LEAK\n"                          # 18
        "ASHOST=leak.example.com\nSYSNR=00\nCLIENT=100\nUSER=JSMITH PASSWD=opensesame\n"
    )
    profiles, warnings = config.parse_sapnwrfc_ini(ini)
    assert warnings == [
        "line 1: USER before the first DEST=, skipped",
        "line 9: not KEY=VALUE, skipped",
        "QAS: TRACE not supported, skipped",
        "line 12: DEST= is not a usable profile name (letters, digits, '_', '.', '-'); that destination is skipped",
        "LEAK: not imported: profile 'LEAK': user holds what looks like a password "
        "(passwords belong in the OS keyring)",
    ]
    assert profiles == [
        config.Profile(name="QAS", ashost="qas.example.com", sysnr="00", client="100"),
        config.Profile(name="DEV", ashost="dev.example.com", sysnr="01", client="200"),
    ]
