"""The login with a real Secret Service: remember is opt-in, a remembered password is used, and
unticking "remember" forgets it."""

from __future__ import annotations

import secrets as pysecrets

import pytest
from textual.widgets import Checkbox, Input, Static

from ordertui import secrets
from tests.app.test_login import add_profile, sandbox_connector
from tests.conftest import NOW, TODAY, settle

pytestmark = pytest.mark.keyring


@pytest.fixture
def keyring_app_factory(isolated_home, real_keyring):
    from ordertui.cli import make_app

    def factory(**overrides):
        kwargs = dict(sandbox=None, config_path=isolated_home, today=TODAY, now=NOW, seed=1)
        kwargs.update(overrides)
        return make_app(**kwargs)

    factory.config_path = isolated_home
    yield factory
    secrets.forget("QAS", "100", "JDOE")


async def logon(pilot, password: str, remember: bool | None = None) -> None:
    screen = pilot.app.screen
    if remember is not None:
        screen.query_one("#login-remember", Checkbox).value = remember
    field = screen.query_one("#login-password", Input)
    field.value = password
    field.focus()
    await pilot.press("enter")
    await settle(pilot)


async def test_remember_forget_cycle_through_the_login(keyring_app_factory):
    add_profile(keyring_app_factory)
    password = "pw-" + pysecrets.token_urlsafe(12)
    seen = []

    # 1. not ticked: nothing is stored
    app = keyring_app_factory(profile="QAS", connector=sandbox_connector(seen=seen))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        remember = app.screen.query_one("#login-remember", Checkbox)
        assert not remember.disabled and not remember.value, "remember is offered, and opt-in"
        await logon(pilot, password)
        assert app.session is not None
    assert secrets.load("QAS", "100", "JDOE") is None

    # 2. ticked: stored after a successful logon
    app = keyring_app_factory(profile="QAS", connector=sandbox_connector(seen=seen))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await logon(pilot, password, remember=True)
        assert app.session is not None
    assert secrets.load("QAS", "100", "JDOE") == password

    # 3. next session: the login says so, and an empty field uses the remembered password
    app = keyring_app_factory(profile="QAS", connector=sandbox_connector(seen=seen))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "remembered in the OS keyring" in str(app.screen.query_one("#login-keyring", Static).render())
        await logon(pilot, "")
        assert app.session is not None
    assert seen[-1][1] == password

    # 4. untick remember: logged on, and the password is forgotten
    app = keyring_app_factory(profile="QAS", connector=sandbox_connector(seen=seen))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await logon(pilot, "", remember=False)
        assert app.session is not None
    assert secrets.load("QAS", "100", "JDOE") is None


async def test_wrong_password_is_not_remembered(keyring_app_factory):
    add_profile(keyring_app_factory)
    app = keyring_app_factory(profile="QAS", connector=sandbox_connector("logon-failure"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await logon(pilot, "wrong-" + pysecrets.token_urlsafe(8), remember=True)
        assert app.session is None
    assert secrets.load("QAS", "100", "JDOE") is None
