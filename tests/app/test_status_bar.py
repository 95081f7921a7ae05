"""The status bar is built when painted, once for many changes, in the colours of the theme shown
(ordertui/widgets/status_bar.py; issue 12)."""

from __future__ import annotations

from ordertui.messages import CallRecorded
from ordertui.model import CallEvent
from ordertui.widgets.status_bar import StatusBar
from tests.app.helpers import status_text
from tests.conftest import NOW, settle


async def test_a_burst_of_rfc_calls_builds_the_bar_once_and_it_shows_the_last(app_factory, monkeypatch):
    built = []
    render_status = StatusBar.render_status

    def counting(self):
        built.append(self)
        return render_status(self)

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(StatusBar, "render_status", counting)
        for i in range(18):  # a customer detail's calls, arriving together
            app.post_message(CallRecorded(CallEvent("RFC_READ_TABLE", (i + 1) / 1000, "ok", NOW)))
        await pilot.pause()
        await pilot.pause()
        assert len(app.call_log) >= 18 and app.last_call.seconds == 18 / 1000
        bars = list(app.screen.query(StatusBar))
        assert len(bars) == 1
        assert 1 <= len(built) <= 2, f"built {len(built)} times for 18 calls"
        monkeypatch.undo()
        assert "last call 18 ms" in status_text(app)


async def test_the_bar_takes_the_new_themes_colours(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(StatusBar)
        dark = bar._style("status--sandbox")
        app.theme = "textual-light"
        await settle(pilot)
        light = bar._style("status--sandbox")
        assert light != dark
        assert light == bar.get_component_rich_style("status--sandbox", partial=True)
        # what is painted uses it
        spans = [span.style for span in bar.render_status().spans]
        assert light in spans and dark not in spans
