"""Command line: ``ordertui`` (the app) and ``ordertui profile ...`` (administration).

Only the standard library is imported at module level; Textual and the SAP layer load when
they are needed, so ``ordertui profile list`` and the app start stay quick.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ordertui.app import OrderTuiApp

#: The sandbox's fault ids (``ordertui.sap.sandbox.connection.FAULTS``; a test keeps them equal),
#: spelled out so that parsing the command line does not import the sandbox.
SANDBOX_FAULTS = (
    "refuse",
    "drop-before-commit",
    "drop-after-commit",
    "commit-lands-late",
    "dump-after-commit",
    "abap-dump",
    "logon-failure",
    "locked-user",
    "no-authorization",
    "down",
    "drop-next-call",
)


def make_app(
    *,
    sandbox: bool | None = None,
    profile: str | None = None,
    config_path=None,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    sandbox_latency: float = 0.0,
    sandbox_faults=(),
    seed: int = 1,
    gateway=None,
    theme: str | None = None,
    connector=None,
    start_area: str = "",
    idle_lock_seconds: float | None = None,
) -> OrderTuiApp:
    """The one factory for the app, used by ``main`` and by tests.

    No profile (or ``sandbox=True``) opens on the sandbox; ``profile=NAME`` opens the login for
    it; ``start_area`` is the area opened once the session is open (default: home). ``gateway`` replaces the sandbox gateway (tests); ``connector`` replaces
    ``ordertui.sap.connect.real_gateway`` for profile logons (tests).
    Raises ``ordertui.config.ConfigError`` for an unknown profile or a broken config file.
    """
    from ordertui.app import OrderTuiApp

    import os

    if theme and theme not in known_themes():
        # --theme names a theme: a typo is said, not silently replaced by the default
        from ordertui.config import ConfigError

        raise ConfigError(f"no theme named {theme!r} (themes: {', '.join(known_themes())})")

    chosen = None
    config_problem = ""
    if profile is None and not os.path.lexists(_config_file(config_path)):
        # A new user on the sandbox: no config to read (start-up budget: skip its module).
        profiles, theme_setting, keymap = {}, "", {}
        idle_minutes = 15.0  # ordertui.config.DEFAULT_IDLE_LOCK_MINUTES, without importing it
    else:
        from ordertui import config

        try:
            settings = config.load(config_path)
        except config.ConfigFileError as error:
            # A corrupt, unreadable or linked config: the app still starts, on the sandbox, and
            # says which file and why (issue 11). The message names keys, never values.
            settings, config_problem, sandbox = config.Settings(profiles={}, keymap={}), str(error), True
        profiles, theme_setting, keymap = settings.profiles, settings.theme, settings.keymap
        idle_minutes = settings.idle_lock_minutes
        if not sandbox:
            name = profile or (settings.default_profile if sandbox is None else "")
            if name:
                if name not in settings.profiles:
                    known = ", ".join(sorted(settings.profiles)) or "none"
                    raise config.ConfigError(f"no profile named {name!r} (profiles: {known})")
                chosen = settings.profiles[name]

    if gateway is not None:
        def sandbox_factory():
            return gateway
    else:
        faults = list(sandbox_faults)

        def sandbox_factory():
            from ordertui.sap.connect import ONE_SHOT_FAULTS, sandbox_gateway

            armed = tuple(faults)
            # --sandbox-fault is a knob of the run: a one-shot fault (abap-dump ...) fires once in
            # it, not again in every gateway a new logon opens (issue 8 item 20)
            faults[:] = [f for f in faults if f not in ONE_SHOT_FAULTS]
            return sandbox_gateway(seed=seed, today=today, latency=sandbox_latency, faults=armed)

    return OrderTuiApp(
        profiles=profiles,
        profile=chosen,
        sandbox_factory=sandbox_factory,
        connector=connector,
        today=today,
        now=now,
        theme=theme or theme_setting,
        keymap=keymap,
        config_path=config_path,
        start_area=start_area,
        config_problem=config_problem,
        idle_lock_seconds=idle_minutes * 60 if idle_lock_seconds is None else idle_lock_seconds,
    )


def known_themes() -> tuple[str, ...]:
    """Themes the app can show: ordertui's three first, then Textual's other built-in ones (the
    palette's Theme command offers them all)."""
    from textual.theme import BUILTIN_THEMES

    from ordertui.app import THEMES

    return (*THEMES, *(name for name in BUILTIN_THEMES if name not in THEMES))


def _config_file(path=None):
    """Where the config lives (same rule as ``ordertui.config.config_path``, without importing it)."""
    import os
    from pathlib import Path

    if path:
        return Path(path)
    if os.environ.get("ORDERTUI_CONFIG"):
        return Path(os.environ["ORDERTUI_CONFIG"])
    import platformdirs

    return Path(platformdirs.user_config_dir("ordertui", appauthor=False)) / "config.toml"


# --------------------------------------------------------------------------- argument parsing


def _parser():
    from ordertui import __version__
    from ordertui.quiet_args import QuietParser  # errors never repeat a typed value (issue 11)

    parser = QuietParser(
        prog="ordertui",
        description="Keyboard-first terminal order desk for SAP. With no profile it opens the sandbox company.",
        epilog="Administration: ordertui profile {add,list,remove,test,import,forget} --help",
    )
    parser.add_argument("--version", action="version", version=f"ordertui {__version__}")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--sandbox", action="store_true", help="use the simulated SAP company (no password)")
    target.add_argument("--profile", metavar="NAME", help="log on to the SAP system of profile NAME")
    parser.add_argument("--sandbox-latency", type=float, default=0.0, metavar="S", help="sandbox: seconds per RFC call")
    parser.add_argument(
        "--sandbox-fault", action="append", default=[], choices=SANDBOX_FAULTS, metavar="ID",
        help=f"sandbox: inject a fault ({', '.join(SANDBOX_FAULTS)}); repeatable",
    )
    parser.add_argument("--theme", help="textual-dark, textual-light, ordertui-high-contrast or another Textual theme; "
                        "a theme chosen in the app (Ctrl+P → Theme) is kept in the config file")
    parser.add_argument("--config", metavar="FILE", help="config file (default: $ORDERTUI_CONFIG or the user config dir)")
    return parser


def _profile_parser():
    import argparse

    from ordertui.quiet_args import QuietParser  # errors never repeat a typed value (issue 11)

    parser = QuietParser(prog="ordertui profile", description="Manage SAP connection profiles (no passwords).")
    parser.add_argument("--config", metavar="FILE", help="config file (default: $ORDERTUI_CONFIG or the user config dir)")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True)
    _add_parser = sub.add_parser

    def add_parser(*args, **kwargs):
        return _add_parser(*args, parents=[common], **kwargs)

    sub.add_parser = add_parser  # type: ignore[method-assign]

    add = sub.add_parser("add", help="create a profile from pyrfc-style connection parameters")
    add.add_argument("name")
    for flag, helptext in (
        ("--ashost", "application server host"),
        ("--sysnr", "system number, two digits"),
        ("--mshost", "message server host (load-balanced logon)"),
        ("--msserv", "message server service/port"),
        ("--sysid", "system id (with --mshost)"),
        ("--group", "logon group (with --mshost)"),
        ("--saprouter", "SAProuter string, e.g. /H/router.example.com/S/3299/H/"),
        ("--client", "client, three digits"),
        ("--user", "SAP user"),
        ("--lang", "logon language (default EN)"),
        ("--snc-partnername", "SNC partner name, e.g. p:CN=SAP01"),
        ("--snc-qop", "SNC quality of protection (1,2,3,8,9)"),
        ("--snc-myname", "own SNC name"),
        ("--snc-lib", "path of the SNC library"),
        ("--description", "free text shown in the profile list"),
    ):
        add.add_argument(flag, default="", help=helptext)
    add.add_argument("--logon-timeout", type=float, default=None, metavar="S",
                     help="seconds a logon may take before it is given up (default 20)")
    add.add_argument("--production", action="store_true", help="mark as production (red PRODUCTION banner)")
    add.add_argument("--read-only", action="store_true", help="never create documents through this profile")
    add.add_argument("--replace", action="store_true", help="overwrite an existing profile of that name")

    sub.add_parser("list", help="list profiles")

    remove = sub.add_parser("remove", help="remove a profile (and forget its remembered password)")
    remove.add_argument("name")

    test = sub.add_parser("test", help="log on and report system, release and round-trip time")
    test.add_argument("name", nargs="?", default="", help="the profile (not with --sandbox)")
    test.add_argument("--deep", action="store_true",
                      help="also check every function module and table ordertui uses and the user's authorizations")
    test.add_argument("--sandbox", action="store_true", help="run the deep test on the sandbox instead of a profile")
    test.add_argument("--user", default="", help="override the profile's user")
    test.add_argument("--remember", action="store_true", help="store the password in the OS keyring after a successful logon")

    imp = sub.add_parser("import", help="import destinations from a sapnwrfc.ini file")
    imp.add_argument("file")
    imp.add_argument("--replace", action="store_true", help="overwrite profiles of the same name")

    forget = sub.add_parser("forget", help="remove a remembered password from the OS keyring")
    forget.add_argument("name")
    forget.add_argument("--user", default="", help="override the profile's user")
    return parser


def _err(message: str) -> None:
    print(f"ordertui: {message}", file=sys.stderr)


def profile_main(argv: list[str]) -> int:
    from ordertui import config

    args = _profile_parser().parse(argv)
    try:
        if args.command == "add":
            profile = config.Profile(
                name=args.name,
                ashost=args.ashost,
                sysnr=args.sysnr,
                mshost=args.mshost,
                msserv=args.msserv,
                sysid=args.sysid,
                group=args.group,
                saprouter=args.saprouter,
                client=args.client,
                user=args.user.upper(),
                lang=(args.lang or "EN").upper(),
                snc_partnername=args.snc_partnername,
                snc_qop=args.snc_qop,
                snc_myname=args.snc_myname,
                snc_lib=args.snc_lib,
                production=args.production,
                read_only=args.read_only,
                description=args.description,
                **({"logon_timeout": args.logon_timeout} if args.logon_timeout is not None else {}),
            )
            file = config.save_profile(profile, args.config, replace=args.replace)
            print(f"profile {profile.name} saved in {file}")
            return 0
        if args.command == "list":
            settings = config.load(args.config)
            if not settings.profiles:
                print("no profiles (ordertui opens the sandbox)")
                return 0
            for p in sorted(settings.profiles.values(), key=lambda p: p.name):
                flags = " ".join(f for f, on in (("PRODUCTION", p.production), ("READ-ONLY", p.read_only)) if on)
                print(f"{p.name}\t{p.target}\tclient {p.client}\tuser {p.user or '-'}\t{flags}".rstrip())
            return 0
        if args.command == "remove":
            settings = config.load(args.config)
            profile = settings.profiles.get(args.name)
            file = config.remove_profile(args.name, args.config)
            print(f"profile {args.name} removed from {file}")
            if profile is not None and profile.user:
                from ordertui import secrets

                try:
                    if secrets.forget(profile.name, profile.client, profile.user):
                        print("its remembered password was removed from the keyring")
                except secrets.KeyringUnavailable:
                    pass
            return 0
        if args.command == "import":
            text = open(args.file, encoding="utf-8", errors="replace").read()
            profiles, warnings = config.parse_sapnwrfc_ini(text)
            for warning in warnings:
                _err(f"warning: {warning}")
            if not profiles:
                _err(f"nothing to import from {args.file}" if warnings else f"no DEST= entries in {args.file}")
                return 1
            failed = 0
            for profile in profiles:
                try:
                    config.save_profile(profile, args.config, replace=args.replace)
                    print(f"imported {profile.name}")
                except config.ConfigError as error:
                    failed += 1
                    _err(f"{profile.name}: {error}")
            return 1 if failed else 0
        if args.command == "forget":
            return _forget(args)
        if args.command == "test":
            return _test(args)
    except config.ConfigError as error:
        _err(str(error))
        return 2
    except OSError as error:
        _err(f"{getattr(error, 'filename', '') or ''} {error.strerror or error}".strip())
        return 2
    return 2  # pragma: no cover


def _forget(args) -> int:
    from ordertui import config, secrets

    profile = config.load(args.config).profiles.get(args.name)
    if profile is None:
        raise config.ConfigError(f"no profile named {args.name!r}")
    user = (args.user or profile.user).upper()
    try:
        removed = secrets.forget(profile.name, profile.client, user)
    except secrets.KeyringUnavailable as error:
        _err(f"no usable keyring: {error.reason}")
        return 1
    print("password forgotten" if removed else "no password was remembered")
    return 0


def _ask_password(prompt: str) -> str | None:
    """The password from the terminal (never argv or env); None, with a word why, when there is none.

    Ctrl+C and Ctrl+D at the prompt end quietly; without a terminal (no /dev/tty: cron, a pipe,
    a CI job) getpass would read stdin with echo on: refused instead.
    """
    import getpass
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", getpass.GetPassWarning)
            return getpass.getpass(prompt)
    except getpass.GetPassWarning:
        _err("no terminal to ask for the password on; run this in a terminal "
             "(or log on once with 'remember' so the OS keyring has it)")
    except (KeyboardInterrupt, EOFError):
        print(file=sys.stderr)  # end the prompt's line
        _err("cancelled; nothing was sent to SAP")
    return None


def _test(args) -> int:
    import time

    from ordertui import config, secrets
    from ordertui.desk import LogonAbandoned, within
    from ordertui.sap.errors import SapError

    if args.sandbox:
        from ordertui.sap.connect import deep_test_sandbox

        return _print_report(deep_test_sandbox())
    if not args.name:
        raise config.ConfigError("name the profile to test (or pass --sandbox)")
    profile = config.load(args.config).profiles.get(args.name)
    if profile is None:
        raise config.ConfigError(f"no profile named {args.name!r}")
    user = (args.user or profile.user).upper()
    if not user:
        raise config.ConfigError(f"profile {profile.name} has no user; pass --user")
    password = None
    try:
        password = secrets.load(profile.name, profile.client, user)
    except secrets.KeyringUnavailable as error:
        _err(f"no usable keyring ({error.reason}); asking for the password")
    if not password:
        password = _ask_password(f"SAP password for {user} in client {profile.client} of {profile.name}: ")
        if password is None:
            return 1
    params = profile.rfc_params()
    params["user"] = user
    from ordertui.sap.connect import real_gateway

    def probe():
        started = time.perf_counter()
        gateway = real_gateway(params, password, read_only=profile.read_only)
        logon = time.perf_counter() - started
        try:
            return gateway.system_info(), logon, gateway.ping()
        finally:
            gateway.close()

    try:
        # on its own daemon thread: a server that accepts and never answers is abandoned after
        # the profile's logon_timeout, and the process exits without waiting for it
        info, logon, rtt = within(probe, timeout=profile.logon_timeout)
    except LogonAbandoned:
        _err(f"Logon timed out: {profile.target} did not answer within {profile.logon_timeout:g} s "
             "(logon_timeout in the profile)")
        return 1
    except KeyboardInterrupt:
        _err("cancelled")
        return 130
    except SapError as error:
        text = str(error)
        # Most errors already start with their title ("SAP unreachable: ..."); say it once.
        _err(text if text.startswith(error.title) else f"{error.title}: {text}")
        return 1
    except ValueError as error:  # the profile's parameters do not add up (no secret in here)
        _err(f"profile {profile.name}: {error}")
        return 2
    print(f"system {info.system_id} release {info.release} client {info.client} user {info.user}")
    print(f"logon {logon * 1000:.0f} ms, round trip {rtt * 1000:.1f} ms")
    if args.remember:
        try:
            secrets.store(profile.name, profile.client, user, password)
            print("password remembered in the OS keyring")
        except secrets.KeyringUnavailable as error:
            _err(f"password not remembered: {error.reason}")
    if args.deep:
        from ordertui.sap.connect import deep_test_real

        try:
            report = deep_test_real(params, password, read_only=profile.read_only)
        except SapError as error:
            _err(f"{error.title}: {error}")
            return 1
        return _print_report(report)
    return 0


def _print_report(report) -> int:
    """The deep test's table (``ordertui.sap.probe.Report``); exit code 1 on any problem."""
    import shutil

    for line in report.lines(width=shutil.get_terminal_size((100, 24)).columns):
        print(line)
    return 0 if report.ok else 1


def main(argv: list[str] | None = None) -> int:
    from ordertui import crash

    crash.install()  # a crash prints types and frames only: no locals, no message (issue 11)
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["profile"]:
        return profile_main(argv[1:])
    args = _parser().parse(argv)
    from ordertui import config

    try:
        app = make_app(
            sandbox=True if args.sandbox else None,
            profile=args.profile,
            config_path=args.config,
            sandbox_latency=args.sandbox_latency,
            sandbox_faults=tuple(args.sandbox_fault),
            theme=args.theme,
        )
    except config.ConfigError as error:
        _err(str(error))
        return 2
    app.run()
    return app.return_code or 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

