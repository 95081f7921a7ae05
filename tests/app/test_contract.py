"""The shell's contract for screens: areas registry, app reactives, central error handling."""

from __future__ import annotations

from tests.conftest import settle

from ordertui.model import CustomerHit


def test_areas_are_real_screens():
    from ordertui.screens import AREAS, load_screen_class

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
