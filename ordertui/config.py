"""Connection profiles and user settings: a small TOML file, never a password.

The file lives in the user config dir (``platformdirs``) or wherever ``ORDERTUI_CONFIG`` points.
Nothing is created at import time; the file is written only by ``save_profile`` /
``remove_profile`` / ``save_settings``, always with 0600 permissions and through ``tomlkit`` so
an administrator's comments survive.

Layout::

    theme = "textual-dark"          # optional
    [keymap]                        # binding id -> keys, e.g. help = "f1"
    [profiles.PRD]
    ashost = "sap01.example.com"
    sysnr = "00"
    client = "100"
    user = "JDOE"
    lang = "EN"
    production = true
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

ENV_CONFIG = "ORDERTUI_CONFIG"

#: Keys that are never accepted in a profile: secrets belong in the keyring.
SECRET_KEYS = frozenset({"passwd", "password", "x509cert", "mysapsso2", "bearer", "token"})
#: A key anywhere in the file that contains one of these is refused (``db_password``, ``apiToken``).
_SECRET_KEY_PARTS = ("passw", "pwd", "secret", "token", "mysapsso", "x509", "bearer")
#: A value that carries ``PASSWD=…`` / ``password: …`` (a pasted sapnwrfc.ini line) is refused.
_SECRET_IN_VALUE = re.compile(r"(?i)(passw(or)?d|pwd)\s*[:=]")

#: Seconds a logon may take before the login says it timed out (profile key ``logon_timeout``).
DEFAULT_LOGON_TIMEOUT = 20.0
#: The range a profile's ``logon_timeout`` may take.
LOGON_TIMEOUT_RANGE = (1.0, 600.0)
#: Minutes without a key or mouse event before the desk locks (top-level ``idle_lock_minutes``;
#: 0 turns the lock off).
DEFAULT_IDLE_LOCK_MINUTES = 15.0
IDLE_LOCK_RANGE = (0.0, 1440.0)

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")

_HOST = r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252})|\[?[0-9A-Fa-f:.]{2,45}\]?"
_ROUTE = r"(?:/[HhSs]/[^/\s]+)+"
_LINE = r"[^\x00-\x1f\x7f-\x9f]"  # one printable character (no control characters, no line breaks)

#: What each text field of a profile may hold (a regular expression the whole value must match)
#: and how the rule is said to a user. Messages name the field and the rule, never the value.
FIELD_RULES: dict[str, tuple[re.Pattern[str], str]] = {
    name: (re.compile(pattern), rule)
    for name, pattern, rule in (
        ("ashost", rf"{_HOST}|{_ROUTE}/[Hh]/(?:{_HOST})", "a host name or IP address, e.g. sap01.example.com"),
        ("mshost", _HOST, "a host name or IP address, e.g. ms.example.com"),
        ("sysnr", r"\d{2}", "two digits, e.g. 00"),
        ("client", r"\d{3}", "three digits, e.g. 100"),
        ("user", r"[!-<>-~]{1,12}", "an SAP user: at most 12 characters, no spaces"),
        ("lang", r"[A-Za-z0-9]{1,2}", "a one- or two-letter SAP language, e.g. EN"),
        ("msserv", r"[A-Za-z0-9_.-]{1,32}", "a port or service name, e.g. 3600 or sapmsPRD"),
        ("sysid", r"[A-Za-z][A-Za-z0-9]{2}", "a three-character system id, e.g. PRD"),
        ("group", r"[!-<>-~]{1,20}", "a logon group: at most 20 characters, no spaces"),
        ("saprouter", rf"{_ROUTE}(?:/[Hh]/?)?", "a SAProuter string, e.g. /H/router.example.com/S/3299/H/"),
        ("snc_partnername", rf"{_LINE}{{1,256}}", "an SNC name on one line, e.g. p:CN=SAP01"),
        ("snc_myname", rf"{_LINE}{{1,256}}", "an SNC name on one line"),
        ("snc_qop", r"[1-9]", "one digit: 1, 2, 3, 8 or 9"),
        ("snc_lib", rf"{_LINE}{{1,1024}}", "the path of the SNC library, on one line"),
        ("snc_mode", r"[01]", "0 or 1"),
        ("description", rf"{_LINE}{{0,200}}", "one line of at most 200 characters"),
    )
}


def secret_key(key: str) -> bool:
    """Does a config key name a secret (``passwd``, ``Password``, ``db_pwd``, ``token`` ...)?"""
    lowered = key.lower()
    return lowered in SECRET_KEYS or any(part in lowered for part in _SECRET_KEY_PARTS)


def value_problem(key: str, value: object) -> str | None:
    """Why ``value`` cannot be the profile field ``key``, in words that do not repeat it; None if fine."""
    if key in ("production", "read_only"):
        return None if isinstance(value, bool) else "must be true or false"
    if key == "logon_timeout":
        low, high = LOGON_TIMEOUT_RANGE
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
            return f"must be a number of seconds from {low:g} to {high:g}"
        return None
    if not isinstance(value, str):
        kind = "a table" if isinstance(value, dict) else "a list" if isinstance(value, list) else "not text"
        return f"must be text in quotes (it is {kind})"
    if _SECRET_IN_VALUE.search(value):
        return "holds what looks like a password (passwords belong in the OS keyring)"
    if key in ("saprouter", "ashost") and re.search(r"/[PpWw]/", value):
        return "holds a route password (/P/ or /W/); passwords belong in the OS keyring"
    rule = FIELD_RULES.get(key)
    if rule is not None and value and not rule[0].fullmatch(value):
        return f"must be {rule[1]}"
    return None


class ConfigError(Exception):
    """The config file or a profile is not usable; the message says what to fix."""


class ConfigFileError(ConfigError):
    """The config file itself cannot be used (unreadable, not TOML, a link, a refused value)."""


@dataclass(frozen=True)
class Profile:
    """One SAP system to log on to. Field names follow pyrfc's connection parameters."""

    name: str
    ashost: str = ""
    sysnr: str = ""
    mshost: str = ""
    msserv: str = ""
    sysid: str = ""
    group: str = ""
    saprouter: str = ""
    client: str = ""
    user: str = ""
    lang: str = "EN"
    snc_partnername: str = ""
    snc_qop: str = ""
    snc_myname: str = ""
    snc_lib: str = ""
    #: "1" = SNC on. Optional: ``ordertui.sap.connect`` sets it when snc_partnername is given.
    snc_mode: str = ""
    production: bool = False
    read_only: bool = False
    description: str = ""
    #: Seconds the logon may take (a server that accepts and never answers would block ~60 s).
    logon_timeout: float = DEFAULT_LOGON_TIMEOUT

    #: Fields that are ordertui's own, not pyrfc connection parameters.
    APP_FIELDS = ("name", "production", "read_only", "description", "logon_timeout")

    @property
    def load_balanced(self) -> bool:
        return bool(self.mshost)

    @property
    def target(self) -> str:
        """Where this profile points, for lists and the login screen (never a secret)."""
        if self.load_balanced:
            return f"{self.mshost} {self.sysid or self.msserv} group {self.group or 'PUBLIC'}"
        return f"{self.ashost} sysnr {self.sysnr}"

    def problems(self) -> list[str]:
        """What is wrong with this profile, one sentence each, naming options — never a value."""
        found = []
        if not _NAME.match(self.name):
            found.append("the profile name: use letters, digits, '_', '.', '-' (max 40)")
        if self.ashost and self.mshost:
            found.append("give either --ashost (application server) or --mshost (message server), not both")
        elif not self.ashost and not self.mshost:
            found.append("missing --ashost (with --sysnr) or --mshost (with --msserv or --sysid, and --group)")
        if self.ashost and not re.fullmatch(r"\d{2}", self.sysnr):
            found.append("--sysnr must be two digits, e.g. 00")
        if self.mshost and not (self.msserv or self.sysid):
            found.append("a message server logon needs --msserv or --sysid")
        if not re.fullmatch(r"\d{3}", self.client):
            found.append("--client must be three digits, e.g. 100")
        said = {"sysnr", "client"}
        for f in fields(self):
            if f.name in said or f.name == "name":
                continue
            problem = value_problem(f.name, getattr(self, f.name))
            if problem:
                found.append(f"--{f.name.replace('_', '-')} {problem}")
        return found

    def rfc_params(self) -> dict[str, str]:
        """pyrfc connection parameters (no password: the caller adds it in memory)."""
        params = {}
        for f in fields(self):
            if f.name in self.APP_FIELDS:
                continue
            value = getattr(self, f.name)
            if value:
                params[f.name] = str(value)
        return params

    def to_toml(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name == "name":
                continue
            value = getattr(self, f.name)
            if f.name == "logon_timeout":
                if value != DEFAULT_LOGON_TIMEOUT:
                    out[f.name] = int(value) if float(value).is_integer() else float(value)
            elif isinstance(value, bool):
                if value:
                    out[f.name] = True
            elif value:
                out[f.name] = value
        return out

    @classmethod
    def from_mapping(cls, name: str, data: dict[str, Any]) -> Profile:
        """A profile from its TOML table (or a sapnwrfc.ini destination). Every value is checked for
        type and form; a refused value is named by its key, never printed."""
        if not _NAME.match(str(name)):
            raise ConfigError("a profile name must be letters, digits, '_', '.', '-' (max 40); one is not")
        lowered = {str(k).lower(): v for k, v in data.items()}
        secret = sorted(k for k in lowered if secret_key(k))
        if secret:
            raise ConfigError(
                f"profile {name!r} contains {', '.join(secret)}: secrets belong in the "
                "OS keyring, not in the config file; remove it"
            )
        known = {f.name for f in fields(cls)} - {"name"}
        unknown = lowered.keys() - known
        if unknown:
            raise ConfigError(f"profile {name!r}: unknown key(s) {', '.join(sorted(unknown))}")
        kwargs: dict[str, Any] = {}
        for key, value in lowered.items():
            problem = value_problem(key, value.strip() if isinstance(value, str) else value)
            if problem:
                raise ConfigError(f"profile {name!r}: {key} {problem}")
            if key in ("production", "read_only"):
                kwargs[key] = value
            elif key == "logon_timeout":
                kwargs[key] = float(value)
            else:
                kwargs[key] = value.strip()
        if kwargs.get("lang"):
            kwargs["lang"] = kwargs["lang"].upper()
        if kwargs.get("user"):
            kwargs["user"] = kwargs["user"].upper()
        profile = cls(name=name, **kwargs)
        if profile.ashost and profile.mshost:
            raise ConfigError(f"profile {name!r}: give either ashost or mshost, not both")
        return profile


@dataclass(frozen=True)
class Settings:
    profiles: dict[str, Profile]
    theme: str = ""
    keymap: dict[str, str] | None = None
    default_profile: str = ""
    idle_lock_minutes: float = DEFAULT_IDLE_LOCK_MINUTES


def config_path(path: str | os.PathLike | None = None) -> Path:
    if path:
        return Path(path)
    env = os.environ.get(ENV_CONFIG)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_config_dir("ordertui", appauthor=False)) / "config.toml"


#: A config file larger than this is not a config file (and is not read into memory).
MAX_CONFIG_BYTES = 1 << 20


def read_private(file: Path) -> bytes | None:
    """The bytes of ``file``, or None when it does not exist. Refuses (``ConfigFileError``, the
    message naming the file) a symbolic link, anything but a regular file, and an oversized file.

    A link is refused rather than followed: ordertui reads and writes its config only as the
    regular file it names, so a link planted in the config folder cannot point it elsewhere.
    """
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(file, flags)
    except FileNotFoundError:
        if file.is_symlink():  # a dangling link
            raise ConfigFileError(_link_message(file)) from None
        return None
    except OSError as error:
        if file.is_symlink():  # O_NOFOLLOW on a link: ELOOP
            raise ConfigFileError(_link_message(file)) from None
        raise ConfigFileError(f"cannot read {file}: {error.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ConfigFileError(f"{file} is not a regular file; ordertui reads its config only from one")
        if info.st_size > MAX_CONFIG_BYTES:
            raise ConfigFileError(f"{file} is larger than {MAX_CONFIG_BYTES // 1024} KiB; that is not a config file")
        chunks = []
        while chunk := os.read(fd, 65536):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as error:
        raise ConfigFileError(f"cannot read {file}: {error.strerror}") from None
    finally:
        os.close(fd)


def _link_message(file: Path) -> str:
    return (
        f"{file} is a symbolic link; ordertui does not read or write its config through a link "
        "(one planted there could point it at another file). Replace the link with the file itself."
    )


def _secrets_in(data: object, where: str = "") -> list[str]:
    """Dotted paths of every key naming a secret and every value carrying one, anywhere in ``data``."""
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            path = f"{where}.{key}" if where else str(key)
            if secret_key(str(key)):
                found.append(path)
            else:
                found += _secrets_in(value, path)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _secrets_in(value, f"{where}[{index}]")
    elif isinstance(data, str) and _SECRET_IN_VALUE.search(data):
        found.append(where)
    return found


def load(path: str | os.PathLike | None = None) -> Settings:
    """Read the settings; a missing file means no profiles (the sandbox).

    Raises ``ConfigFileError`` (naming the file and the key, never a value) for a file that cannot
    be used: unreadable, a link, not TOML, a secret anywhere in it, a value of the wrong type or form.
    """
    file = config_path(path)
    raw = read_private(file)
    if raw is None:
        return Settings(profiles={}, keymap={})
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        # tomllib's messages say where ("at line 3, column 9"), not what was there
        where = str(error) if isinstance(error, tomllib.TOMLDecodeError) else "not UTF-8"
        raise ConfigFileError(f"{file} is not valid TOML: {where}") from None
    secret = _secrets_in(data)
    if secret:
        raise ConfigFileError(
            f"{file}: {', '.join(secret[:5])}: looks like a password; secrets belong in the OS keyring, "
            "not in the config file; remove it"
        )
    profiles_raw = data.get("profiles", {})
    if not isinstance(profiles_raw, dict):
        raise ConfigFileError(f"{file}: [profiles] must be a table")
    profiles = {}
    for name, body in profiles_raw.items():
        if not isinstance(body, dict):
            raise ConfigFileError(f"{file}: a profile must be a table ([profiles.NAME]); one is not")
        try:
            profiles[name] = Profile.from_mapping(name, body)
        except ConfigFileError:
            raise
        except ConfigError as error:
            raise ConfigFileError(f"{file}: {error}") from None
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict) or not all(isinstance(v, str) for v in keymap.values()):
        raise ConfigFileError(f'{file}: [keymap] maps binding ids to keys, e.g. help = "f1"')
    for key in ("theme", "default_profile"):
        if not isinstance(data.get(key, ""), str):
            raise ConfigFileError(f"{file}: {key} must be text in quotes")
    idle = data.get("idle_lock_minutes", DEFAULT_IDLE_LOCK_MINUTES)
    low, high = IDLE_LOCK_RANGE
    if isinstance(idle, bool) or not isinstance(idle, int | float) or not low <= idle <= high:
        raise ConfigFileError(f"{file}: idle_lock_minutes must be a number of minutes from {low:g} to {high:g} (0: never)")
    return Settings(
        profiles=profiles,
        theme=str(data.get("theme", "")),
        keymap=dict(keymap),
        default_profile=str(data.get("default_profile", "")),
        idle_lock_minutes=float(idle),
    )


def _read_document(file: Path):
    import tomlkit

    raw = read_private(file)
    if raw is None:
        return tomlkit.document()
    try:
        return tomlkit.parse(raw.decode("utf-8"))
    except Exception:  # tomlkit's parse errors; a value is never quoted in the message
        raise ConfigFileError(f"{file} is not valid TOML; fix it before ordertui changes it") from None


def _write_private(file: Path, text: str) -> None:
    """Write ``text`` to ``file`` so that only the owner can ever read it, atomically and safely.

    A temporary file with a random name is created exclusively (``O_EXCL``: a file or link planted
    under that name makes the create fail rather than be followed; ``O_NOFOLLOW`` besides) with
    0600, written, fsynced, and renamed over ``file`` (a rename replaces the name itself, never a
    link's target); the folder is fsynced so the rename survives a crash. A ``file`` that is a
    symbolic link is refused (``ConfigFileError`` naming it), not replaced.
    """
    import stat

    file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        mode = os.lstat(file).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISLNK(mode):
        raise ConfigFileError(_link_message(file))
    if mode is not None and not stat.S_ISREG(mode):
        raise ConfigFileError(f"{file} is not a regular file; ordertui writes its config only as one")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(10):
        tmp = file.with_name(f".{file.name}.{os.urandom(8).hex()}.tmp")
        try:
            fd = os.open(tmp, flags, 0o600)
            break
        except FileExistsError:
            continue
    else:  # pragma: no cover - ten random 64-bit names taken
        raise ConfigFileError(f"cannot create a temporary file next to {file}")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fchmod(handle.fileno(), 0o600)
            os.fsync(handle.fileno())
        os.replace(tmp, file)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(file.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on a folder
        pass
    finally:
        os.close(fd)


def save_profile(profile: Profile, path: str | os.PathLike | None = None, *, replace: bool = False) -> Path:
    problems = profile.problems()
    if problems:
        raise ConfigError("; ".join(problems))
    import tomlkit

    file = config_path(path)
    doc = _read_document(file)
    profiles = doc.get("profiles")
    if profiles is None:
        profiles = tomlkit.table(is_super_table=True)
        doc["profiles"] = profiles
    if profile.name in profiles and not replace:
        raise ConfigError(f"profile {profile.name!r} exists; use --replace to overwrite it")
    table = tomlkit.table()
    for key, value in profile.to_toml().items():
        table[key] = value
    profiles[profile.name] = table
    _write_private(file, tomlkit.dumps(doc))
    return file


def remove_profile(name: str, path: str | os.PathLike | None = None) -> Path:
    file = config_path(path)
    doc = _read_document(file)
    profiles = doc.get("profiles")
    if profiles is None or name not in profiles:
        raise ConfigError(f"no profile named {name!r} in {file}")
    del profiles[name]
    _write_private(file, doc.as_string())
    return file



#: Top-level settings the app itself writes (the user's choices in the app, never business data).
APP_SETTINGS = frozenset({"theme"})


def save_setting(key: str, value: str, path: str | os.PathLike | None = None) -> Path:
    """Set one top-level setting the user chose in the app (the theme) in the config file,
    keeping everything else in it — profiles, keymap, comments — as written."""
    if key not in APP_SETTINGS:
        raise ConfigError(f"{key!r} is not a setting the app keeps")
    import tomlkit

    file = config_path(path)
    doc = _read_document(file)
    doc[key] = value
    _write_private(file, tomlkit.dumps(doc))
    return file

# --------------------------------------------------------------------------- sapnwrfc.ini

_INI_KEYS = {
    "ASHOST": "ashost",
    "SYSNR": "sysnr",
    "MSHOST": "mshost",
    "MSSERV": "msserv",
    "SYSID": "sysid",
    "R3NAME": "sysid",
    "GROUP": "group",
    "SAPROUTER": "saprouter",
    "CLIENT": "client",
    "USER": "user",
    "LANG": "lang",
    "SNC_PARTNERNAME": "snc_partnername",
    "SNC_QOP": "snc_qop",
    "SNC_MYNAME": "snc_myname",
    "SNC_LIB": "snc_lib",
    "SNC_MODE": "snc_mode",
}


def parse_sapnwrfc_ini(text: str) -> tuple[list[Profile], list[str]]:
    """Destinations of a ``sapnwrfc.ini`` as profiles, plus warnings (skipped keys and destinations).

    A destination starts at ``DEST=NAME``; ``KEY=VALUE`` lines follow. Passwords found in the
    file are never copied (a warning says so). Every value is checked like a config value; a
    destination with a refused value is skipped whole, and no warning repeats a value (a
    malformed ``USER=JSMITH PASSWD=…`` line would otherwise print the password).
    """
    blocks: list[tuple[str, dict[str, str]]] = []
    warnings: list[str] = []
    skipping = False  # inside a destination whose DEST= name was refused
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith(("#", ";", "*")):
            continue
        key, sep, value = line.partition("=")
        key, value = key.strip().upper(), value.strip()
        if not sep or not re.fullmatch(r"[A-Z0-9_]{1,32}", key):
            warnings.append(f"line {number}: not KEY=VALUE, skipped")
            continue
        if key == "DEST":
            skipping = not _NAME.match(value)
            if skipping:
                warnings.append(f"line {number}: DEST= is not a usable profile name "
                                "(letters, digits, '_', '.', '-'); that destination is skipped")
            else:
                blocks.append((value, {}))
        elif skipping:
            continue
        elif not blocks:
            warnings.append(f"line {number}: {key} before the first DEST=, skipped")
        elif secret_key(key):
            warnings.append(f"{blocks[-1][0]}: password not imported (it belongs in the keyring)")
        elif key in _INI_KEYS:
            blocks[-1][1][_INI_KEYS[key]] = value
        else:
            warnings.append(f"{blocks[-1][0]}: {key} not supported, skipped")
    profiles = []
    for name, body in blocks:
        try:
            profiles.append(Profile.from_mapping(name, body))
        except ConfigError as error:
            warnings.append(f"{name}: not imported: {error}")
    return profiles, warnings
