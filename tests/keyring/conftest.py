"""A real Secret Service for keyring tests: gnome-keyring on a private D-Bus session bus.

If the current session bus already offers org.freedesktop.secrets nothing is started. Otherwise
a session-scoped fixture starts ``dbus-daemon --session --fork`` with HOME / XDG_RUNTIME_DIR in a
temp dir, then ``gnome-keyring-daemon --foreground --unlock --components=secrets`` with an empty
unlock password on stdin (never argv, env or a file), and stops both afterwards. Tests are
skipped, with the reason, only when the binaries are missing or the daemon cannot start.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest


def _has_secret_service(address: str | None) -> bool:
    if not address:
        return False
    try:
        import secretstorage

        connection = secretstorage.dbus_init()
        try:
            return secretstorage.check_service_availability(connection)
        finally:
            connection.close()
    except Exception:
        return False


@pytest.fixture(scope="session")
def secret_service(tmp_path_factory):
    """Yield the D-Bus address of a usable, unlocked Secret Service."""
    existing = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    if _has_secret_service(existing):
        yield existing
        return
    missing = [b for b in ("dbus-daemon", "gnome-keyring-daemon") if shutil.which(b) is None]
    if missing:
        pytest.skip(
            f"no Secret Service: {' and '.join(missing)} not installed "
            "(apt-get install dbus gnome-keyring; .ci/run does this)"
        )
    base = tmp_path_factory.mktemp("secret-service")
    home, runtime = base / "home", base / "run"
    home.mkdir(mode=0o700)
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, HOME=str(home), XDG_RUNTIME_DIR=str(runtime), XDG_DATA_HOME=str(home / "data"))
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    started = subprocess.run(
        ["dbus-daemon", "--session", "--fork", "--nopidfile", "--print-address=1", "--print-pid=1"],
        capture_output=True, text=True, env=env, timeout=20,
    )
    if started.returncode != 0:
        pytest.skip(f"dbus-daemon could not start: {started.stderr.strip()[:200]}")
    address, bus_pid = started.stdout.split()[:2]
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    keyring_daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    keyring_daemon.stdin.write(b"\n")  # the empty unlock password of this throw-away keyring
    keyring_daemon.stdin.close()
    saved = {k: os.environ.get(k) for k in ("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR")}
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
    os.environ["XDG_RUNTIME_DIR"] = str(runtime)
    try:
        deadline = time.monotonic() + 15
        while not _has_secret_service(address):
            if keyring_daemon.poll() is not None or time.monotonic() > deadline:
                pytest.skip("gnome-keyring-daemon did not offer org.freedesktop.secrets")
            time.sleep(0.1)
        yield address
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        keyring_daemon.terminate()
        try:
            keyring_daemon.wait(timeout=5)
        except subprocess.TimeoutExpired:
            keyring_daemon.kill()
        try:
            os.kill(int(bus_pid), 15)
        except (ProcessLookupError, ValueError):
            pass


@pytest.fixture
def real_keyring(secret_service, monkeypatch):
    """keyring's own backend choice, made fresh against the private Secret Service."""
    import keyring.backend
    import keyring.core

    def forget_detection():
        # keyring detects viable backends once per process; earlier tests ran without a bus.
        if hasattr(keyring.backend.get_all_keyring, "saved_result"):
            keyring.backend.get_all_keyring.reset()

    forget_detection()
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    keyring.core.init_backend()
    backend = keyring.core.get_keyring()
    assert "SecretService" in type(backend).__module__, f"keyring chose {backend!r}"
    yield backend
    forget_detection()
