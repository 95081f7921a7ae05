"""The password never leaks through an error text, the argument parser or the password prompt.

Probe findings: scrubbing was case-sensitive and stopped at a quote inside the password; a
mistyped ``--passwd X`` was echoed back by argparse; Ctrl+C / Ctrl+D at the ``profile test``
prompt (and running it without a terminal) printed Python tracebacks.
"""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ordertui import config
from ordertui.cli import main
from ordertui.sap.rfc.transport import MASK, _scrub, map_rfc_error
from tests.conftest import REPO
from tests.security.fuzz import fuzz

PASSWORD = "Pa'ss\"w0rd-X"

passwords = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="*"), min_size=3, max_size=40
).filter(lambda p: p.strip() == p and p.strip())


# --------------------------------------------------------------------------- scrubbing


@fuzz
@given(password=passwords, user=st.from_regex(r"[A-Z][A-Z0-9]{0,11}", fullmatch=True))
def test_a_known_password_is_scrubbed_in_every_rendering(password, user):
    renderings = [
        f"logon failed for {user} with {password}",
        f"passwd={password} user={user}",
        repr({"user": user, "passwd": password}),
        json.dumps({"user": user, "passwd": password}),
        f"Connection(ashost='h', passwd='{password}', user='{user}')",
    ]
    if password.isascii():
        renderings.append(f"NEWPASSWORD {password.upper()} rejected")
        renderings.append(f"password {password.swapcase()} rejected")
    for text in renderings:
        scrubbed = _scrub(text, (password,))
        assert password.casefold() not in scrubbed.casefold() or password.casefold() in MASK.casefold(), (text, scrubbed)


@fuzz
@given(password=st.text(st.characters(blacklist_categories=("Cs", "Zs", "Cc"), blacklist_characters="*,;)}]"),
                        min_size=4, max_size=30))
def test_an_unknown_password_in_a_parameter_is_scrubbed_whole(password):
    """No secrets handed over (a library rendered its parameters): the passwd= value still goes, quotes and all."""
    assume("\\" not in password)
    templates = (
        lambda p: f"open failed: {{'ashost': 'h', 'passwd': {p!r}, 'user': 'JDOE'}}",
        lambda p: f"open failed: passwd={p!r}, user=JDOE",
        lambda p: f"open failed: PASSWD=\"{p}\" USER=JDOE",
        lambda p: f"Password: {p}",
    )
    # a password the words around it hold ("word" in "Password: ********") proves nothing
    assume(all(password not in template(MASK) for template in templates))
    texts = [template(password) for template in templates]
    for text in texts:
        scrubbed = _scrub(text, ())
        assert password not in scrubbed, (text, scrubbed)
        assert "JDOE" in scrubbed or text.startswith("Password")


def test_probe_cases():
    # case: SAP upper-cases old-style passwords in its messages
    assert "GEHEIM" not in _scrub("Password GEHEIM123 is wrong", ("Geheim123",)).upper().replace(MASK, "")
    # a quote inside the password no longer ends the masked part early
    assert _scrub("passwd='ab'cd', user='X'", ()) == "passwd=********, user='X'"
    assert _scrub('{"passwd": "ab\\"cd", "user": "X"}', ()) == '{"passwd": ********, "user": "X"}'

    class CommunicationError(Exception):
        pass

    mapped = map_rfc_error(CommunicationError(f"connect to {{'PASSWD': '{PASSWORD}'}} failed: {PASSWORD.upper()}"),
                           secrets=(PASSWORD,))
    assert PASSWORD.casefold() not in str(mapped).casefold() and "Pa'ss" not in str(mapped)


# --------------------------------------------------------------------------- argparse


@pytest.mark.parametrize(
    "argv",
    [
        ["--passwd", "hunter2-Secret"],
        ["--passwd=hunter2-Secret"],
        ["--password", "hunter2-Secret", "--sandbox"],
        ["--sandbox-fault", "hunter2-Secret"],
        ["--sandbox-latency", "hunter2-Secret"],
        ["--sand=hunter2-Secret"],
        ["profile", "add", "QAS", "--passwd", "hunter2-Secret"],
        ["profile", "hunter2-Secret"],
        ["profile", "test", "QAS", "--pass", "hunter2-Secret"],
    ],
)
def test_argument_errors_never_repeat_what_was_typed(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    captured = capsys.readouterr()
    assert "hunter2" not in captured.err + captured.out
    assert "error:" in captured.err


# --------------------------------------------------------------------------- the profile test prompt


def _profile_config(tmp_path):
    cfg = tmp_path / "config.toml"
    config.save_profile(config.Profile(name="QAS", ashost="127.0.0.1", sysnr="00", client="100", user="JDOE"), cfg)
    return cfg


def _env(tmp_path):
    return dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", HOME=str(tmp_path),
                PYTHONPATH=str(REPO))


def _in_a_terminal(tmp_path, keys: bytes) -> tuple[int, str]:
    """Run ``ordertui profile test QAS`` on a pseudo-terminal, type ``keys`` at the prompt."""
    cfg = _profile_config(tmp_path)
    argv = [sys.executable, "-m", "ordertui", "profile", "test", "QAS", "--config", str(cfg)]
    pid, fd = pty.fork()
    if pid == 0:  # the child: the pty is its controlling terminal
        os.chdir(REPO)
        os.execve(sys.executable, argv, _env(tmp_path))
    output = b""
    typed = False
    deadline = time.monotonic() + 30
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
            if not typed and b"SAP password for JDOE" in output:
                time.sleep(0.2)
                os.write(fd, keys)
                typed = True
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", "replace")


@pytest.mark.parametrize("key", [b"\x03", b"\x04"], ids=["ctrl-c", "ctrl-d"])
def test_ctrl_c_and_ctrl_d_at_the_password_prompt_end_cleanly(tmp_path, key):
    exit_code, output = _in_a_terminal(tmp_path, key)
    assert "Traceback" not in output and "KeyboardInterrupt" not in output and "EOFError" not in output, output
    assert "cancelled; nothing was sent to SAP" in output, output
    assert exit_code == 1  # both: nothing was tested


def test_profile_test_without_a_terminal_refuses_to_read_the_password(tmp_path):
    cfg = _profile_config(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "ordertui", "profile", "test", "QAS", "--config", str(cfg)],
        input="piped-Secret\n", capture_output=True, text=True, timeout=30, env=_env(tmp_path), cwd=REPO,
        start_new_session=True,  # no controlling terminal: /dev/tty cannot be opened
    )
    assert done.returncode == 1
    assert "no terminal to ask for the password on" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "Warning" not in done.stderr
    assert "piped-Secret" not in done.stdout + done.stderr


# --------------------------------------------------------------------------- command line and environment


def _option_names(parser) -> set[str]:
    import argparse

    names = set()
    for action in parser._actions:
        names.update(action.option_strings)
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                names |= _option_names(sub)
    return names


def test_no_command_line_option_and_no_environment_variable_takes_a_password():
    import ast
    import re

    from ordertui.cli import _parser, _profile_parser

    options = _option_names(_parser()) | _option_names(_profile_parser())
    assert options and not [o for o in options if re.search(r"(?i)pass|pwd|secret|token", o)]
    read = set()
    for path in (REPO / "ordertui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("get", "getenv"):
                owner = ast.unparse(node.func)
                if "environ" in owner or owner.endswith("getenv"):
                    if node.args and isinstance(node.args[0], ast.Constant):
                        read.add(node.args[0].value)
            if isinstance(node, ast.Subscript) and "environ" in ast.unparse(node.value):
                if isinstance(node.slice, ast.Constant):
                    read.add(node.slice.value)
    assert read, "the scan finds the environment variables ordertui reads"
    assert not [name for name in read if re.search(r"(?i)pass|pwd|secret|token", str(name))], read


async def test_after_a_logon_the_password_is_in_no_widget_environment_or_call_log(app_factory):
    from textual.widgets import Input

    from tests.app.test_login import add_profile, sandbox_connector
    from tests.conftest import settle

    add_profile(app_factory)
    app = app_factory(profile="QAS", connector=sandbox_connector())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        login = app.screen
        login.query_one("#login-password", Input).value = PASSWORD
        login.query_one("#login-password", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.session is not None
        assert login.query_one("#login-password", Input).value == ""
        assert all(PASSWORD not in value for value in os.environ.values())
        assert PASSWORD not in repr(list(app.call_log))
        assert PASSWORD not in open("/proc/self/cmdline", "rb").read().decode("utf-8", "replace")
        assert PASSWORD not in repr(vars(app.desk)) and PASSWORD not in repr(vars(app.session))
