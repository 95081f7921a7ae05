"""Passwords in a real Secret Service (gnome-keyring), keyed by profile, client and user."""

from __future__ import annotations

import os
import secrets as pysecrets
import subprocess
import sys

import pytest

from ordertui import config, secrets

pytestmark = pytest.mark.keyring


def _password() -> str:
    return "pw-" + pysecrets.token_urlsafe(16)


def test_store_load_forget_roundtrip(real_keyring):
    password = _password()
    secrets.store("QAS", "100", "jdoe", password)
    try:
        assert secrets.load("QAS", "100", "JDOE") == password
        # keyed by client and user as well as profile
        assert secrets.load("QAS", "200", "JDOE") is None
        assert secrets.load("QAS", "100", "OTHER") is None
        assert secrets.load("PRD", "100", "JDOE") is None
    finally:
        assert secrets.forget("QAS", "100", "JDOE") is True
    assert secrets.load("QAS", "100", "JDOE") is None
    assert secrets.forget("QAS", "100", "JDOE") is False


def test_password_is_in_the_secret_service_not_in_files(real_keyring, tmp_path):
    import secretstorage

    password = _password()
    cfg = tmp_path / "config.toml"
    config.save_profile(config.Profile(name="QAS", ashost="qas.example.com", sysnr="00", client="100", user="JDOE"), cfg)
    secrets.store("QAS", "100", "JDOE", password)
    try:
        connection = secretstorage.dbus_init()
        try:
            items = list(secretstorage.search_items(connection, {"service": secrets.SERVICE, "username": "QAS/100/JDOE"}))
            assert len(items) == 1
            assert items[0].get_secret().decode() == password
        finally:
            connection.close()
        assert password not in cfg.read_text()
        assert password not in "".join(f"{k}={v}" for k, v in os.environ.items())
    finally:
        secrets.forget("QAS", "100", "JDOE")


def test_check_names_the_backend(real_keyring):
    assert "SecretService" in secrets.check() or "Secret" in secrets.check()


def test_no_secret_service_is_reported_with_a_reason(secret_service, tmp_path):
    """A session without any Secret Service (headless SSH): a clear reason, not a crash."""
    env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path}/no-bus", HOME=str(tmp_path))
    code = (
        "from ordertui import secrets\n"
        "try:\n"
        "    secrets.load('QAS','100','JDOE')\n"
        "except secrets.KeyringUnavailable as e:\n"
        "    print('UNAVAILABLE', e.reason)\n"
        "else:\n"
        "    print('AVAILABLE')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert out.stdout.startswith("UNAVAILABLE"), out.stdout + out.stderr
    assert "Secret Service" in out.stdout or "keyring" in out.stdout.lower(), out.stdout


def test_profile_remove_forgets_the_password(real_keyring, tmp_path, capsys):
    from ordertui.cli import main

    cfg = str(tmp_path / "config.toml")
    assert main(["profile", "add", "QAS", "--config", cfg, "--ashost", "qas.example.com", "--sysnr", "00",
                 "--client", "100", "--user", "jdoe"]) == 0
    password = _password()
    secrets.store("QAS", "100", "JDOE", password)
    assert main(["profile", "remove", "QAS", "--config", cfg]) == 0
    assert "removed from the keyring" in capsys.readouterr().out
    assert secrets.load("QAS", "100", "JDOE") is None
