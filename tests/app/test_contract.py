"""The shell's contract for screens: areas registry, app reactives, central error handling."""

from __future__ import annotations

from tests.conftest import settle

from ordertui.model import CustomerHit


def test_areas_are_real_screens():
    from ordertui.areas import AREAS, load_screen_class

    keys = [a.key for a in AREAS]
    assert len(set(keys)) == len(keys)
    assert len({a.id for a in AREAS}) == len(AREAS)
    for area in AREAS:
        assert area.key.startswith("f") and area.key not in ("f1", "f10", "f12")
        cls = load_screen_class(area.screen)
        from textual.screen import Screen

        assert issubclass(cls, Screen)


async def test_unexpected_worker_error_opens_dialog_without_payload(app_factory):
    from ordertui.widgets.error_dialog import ErrorDialog

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        while len(app.screen_stack) > 1:
            app.pop_screen()
        app.handle_sap_error(KeyError("0000012345 ACME"), group="customers")
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert "KeyError" in app.screen.details
        assert "12345" not in app.screen.details and "ACME" not in app.screen.details
        await pilot.press("escape")
        assert not isinstance(app.screen, ErrorDialog)


def _all_binding_owners():
    from ordertui.app import OrderTuiApp
    from ordertui.areas import AREAS, load_screen_class
    from ordertui.screens.calllog import CallLogScreen
    from ordertui.screens.help import HelpScreen
    from ordertui.screens.home import HomeScreen
    from ordertui.screens.login import LoginScreen
    from ordertui.widgets.error_dialog import ErrorDialog

    owners = [OrderTuiApp, HomeScreen, LoginScreen, HelpScreen, CallLogScreen, ErrorDialog]
    owners += [load_screen_class(a.screen) for a in AREAS]
    return owners


def test_every_binding_has_an_id_and_avoids_swallowed_keys():
    from textual.binding import Binding

    swallowed = {"ctrl+enter", "ctrl+j", "ctrl+s", "ctrl+o"}
    for owner in _all_binding_owners():
        for binding in owner.__dict__.get("BINDINGS", []):  # ours, not Textual's inherited ones
            assert isinstance(binding, Binding), (owner, binding)
            assert binding.id, f"{owner.__name__}: {binding.key} -> {binding.action} has no id"
            keys = {k.strip() for k in binding.key.split(",")}
            assert not keys & swallowed, f"{owner.__name__}: {binding.key}"


def test_sap_layer_imports_no_ui():
    import subprocess
    import sys

    code = (
        "import sys, ordertui.sap.connect, ordertui.sap.rfc, ordertui.sap.sandbox, ordertui.session, ordertui.desk, ordertui.areas, "
        "ordertui.config, ordertui.secrets\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich') or m.startswith('ordertui.screens')]\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
