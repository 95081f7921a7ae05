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

#: Seconds a logon may take before the login says it timed out (profile key ``logon_timeout``).
DEFAULT_LOGON_TIMEOUT = 20.0
#: The range a profile's ``logon_timeout`` may take.
LOGON_TIMEOUT_RANGE = (1.0, 600.0)

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")


class ConfigError(Exception):
    """The config file or a profile is not usable; the message says what to fix."""


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
        found = []
        if not _NAME.match(self.name):
            found.append(f"profile name {self.name!r}: use letters, digits, '_', '.', '-' (max 40)")
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
        if self.lang and not re.fullmatch(r"[A-Za-z0-9]{1,2}", self.lang):
            found.append("--lang must be a one- or two-letter SAP language, e.g. EN")
        low, high = LOGON_TIMEOUT_RANGE
        if not low <= self.logon_timeout <= high:
            found.append(f"--logon-timeout must be {low:g} to {high:g} seconds")
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
        lowered = {str(k).lower(): v for k, v in data.items()}
        secret = SECRET_KEYS & lowered.keys()
        if secret:
            raise ConfigError(
                f"profile {name!r} contains {', '.join(sorted(secret))}: secrets belong in the "
                "OS keyring, not in the config file; remove it"
            )
        known = {f.name for f in fields(cls)} - {"name"}
        unknown = lowered.keys() - known
        if unknown:
            raise ConfigError(f"profile {name!r}: unknown key(s) {', '.join(sorted(unknown))}")
        kwargs: dict[str, Any] = {}
        for key, value in lowered.items():
            if key in ("production", "read_only"):
                if not isinstance(value, bool):
                    raise ConfigError(f"profile {name!r}: {key} must be true or false")
                kwargs[key] = value
            elif key == "logon_timeout":
                low, high = LOGON_TIMEOUT_RANGE
                if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
                    raise ConfigError(f"profile {name!r}: logon_timeout must be {low:g} to {high:g} seconds")
                kwargs[key] = float(value)
            else:
                kwargs[key] = str(value)
        if kwargs.get("lang"):
            kwargs["lang"] = kwargs["lang"].upper()
        if kwargs.get("user"):
            kwargs["user"] = kwargs["user"].upper()
        return cls(name=name, **kwargs)


@dataclass(frozen=True)
class Settings:
    profiles: dict[str, Profile]
    theme: str = ""
    keymap: dict[str, str] | None = None
    default_profile: str = ""


def config_path(path: str | os.PathLike | None = None) -> Path:
    if path:
        return Path(path)
    env = os.environ.get(ENV_CONFIG)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_config_dir("ordertui", appauthor=False)) / "config.toml"


def load(path: str | os.PathLike | None = None) -> Settings:
    """Read the settings; a missing file means no profiles (the sandbox)."""
    file = config_path(path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        return Settings(profiles={}, keymap={})
    except OSError as error:
        raise ConfigError(f"cannot read {file}: {error.strerror}") from None
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{file} is not valid TOML: {error}") from None
    profiles_raw = data.get("profiles", {})
    if not isinstance(profiles_raw, dict):
        raise ConfigError(f"{file}: [profiles] must be a table")
    profiles = {}
    for name, body in profiles_raw.items():
        if not isinstance(body, dict):
            raise ConfigError(f"{file}: profiles.{name} must be a table")
        profiles[name] = Profile.from_mapping(name, body)
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict) or not all(isinstance(v, str) for v in keymap.values()):
        raise ConfigError(f'{file}: [keymap] maps binding ids to keys, e.g. help = "f1"')
    return Settings(
        profiles=profiles,
        theme=str(data.get("theme", "")),
        keymap=dict(keymap),
        default_profile=str(data.get("default_profile", "")),
    )


def _read_document(file: Path):
    import tomlkit

    try:
        return tomlkit.parse(file.read_text("utf-8"))
    except FileNotFoundError:
        return tomlkit.document()


def _write_private(file: Path, text: str) -> None:
    """Write ``text`` so that only the owner can ever read it (0600, atomic replace)."""
    file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o600)
        os.replace(tmp, file)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


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
    """Destinations of a ``sapnwrfc.ini`` as profiles, plus warnings (skipped keys).

    A destination starts at ``DEST=NAME``; ``KEY=VALUE`` lines follow. Passwords found in the
    file are never copied (a warning says so).
    """
    blocks: list[tuple[str, dict[str, str]]] = []
    warnings: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith(("#", ";", "*")):
            continue
        key, sep, value = line.partition("=")
        if not sep:
            warnings.append(f"line {number}: not KEY=VALUE, skipped")
            continue
        key, value = key.strip().upper(), value.strip()
        if key == "DEST":
            blocks.append((value, {}))
        elif not blocks:
            warnings.append(f"line {number}: {key} before the first DEST=, skipped")
        elif key in ("PASSWD", "PASSWORD"):
            warnings.append(f"{blocks[-1][0]}: password not imported (it belongs in the keyring)")
        elif key in _INI_KEYS:
            blocks[-1][1][_INI_KEYS[key]] = value
        else:
            warnings.append(f"{blocks[-1][0]}: {key} not supported, skipped")
    return [Profile.from_mapping(name, body) for name, body in blocks], warnings
