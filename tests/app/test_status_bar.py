"""The status bar is built when painted, once for many changes, in the colours of the theme shown
(ordertui/widgets/status_bar.py; issue 12)."""

from __future__ import annotations

import io

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
            app.desk._heard_call(CallEvent("RFC_READ_TABLE", (i + 1) / 1000, "ok", NOW))
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


def bottom_rows(app) -> str:
    """The two bottom rows of the frame the terminal would get now (status bar, footer)."""
    from rich.console import Console

    console = Console(width=app.size.width, record=True, file=io.StringIO(), color_system=None)
    console.print(app.screen._compositor.render_update(full=True, simplify=True))
    return "\n".join(console.export_text().splitlines()[-2:])


async def test_a_hidden_screens_bar_is_repainted_when_its_screen_is_shown_again(app_factory):
    """A bar under a hidden screen only notes that what it shows changed (every RFC call changes
    all bars); when its screen comes back, the first frame already shows the change."""
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        home = app.current_mode
        home_bar = app.screen.query_one(StatusBar)
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen.query_one(StatusBar) is not home_bar
        refreshed = []
        home_bar.refresh = lambda *a, **k: refreshed.append(a) or StatusBar.refresh(home_bar, *a, **k)
        app.desk._heard_call(CallEvent("RFC_READ_TABLE", 0.042, "ok", NOW))
        await settle(pilot)
        assert "last call 42 ms" in bottom_rows(app)  # the shown bar at once
        assert refreshed == [], "the hidden bar was repainted"
        app.switch_mode(home)
        await pilot.pause()
        assert app.screen.query_one(StatusBar) is home_bar
        assert "last call 42 ms" in bottom_rows(app)  # in the first frame, not one later
        assert len(refreshed) == 1
        app.switch_mode("customers")
        await settle(pilot)
        app.switch_mode(home)  # nothing changed meanwhile: no repaint
        await settle(pilot)
        assert len(refreshed) == 1


def as_shown(widget, monkeypatch, textuals: bool) -> list:
    """The widget's lines as the screen gets them (with its background and padding), drawn by
    its own ``render_line`` or by Textual's."""
    from textual.widget import Widget

    if textuals:
        monkeypatch.setattr(type(widget), "render_line", Widget.render_line)
    try:
        widget._styles_cache.clear()
        widget._dirty_regions.add(widget.size.region)
        return widget.render_lines(widget.size.region)
    finally:
        monkeypatch.undo()
        widget._styles_cache.clear()


def drawn(strip) -> list[tuple]:
    """A line as a user sees it, cell by cell: character, colours and attributes."""
    cells = []
    for segment in strip:
        style = segment.style
        look = (style.color, style.bgcolor, style.bold, style.dim, style.italic, style.underline, style.reverse) if style else ()
        cells.extend((char, look) for char in segment.text)
    return cells


async def test_the_footer_keys_line_is_drawn_as_textual_draws_it(monkeypatch):
    """``FooterKeys.render_line`` makes its segments straight from its Text; Textual's own
    ``Widget.render_line`` (through ``Content``) gives the same cells in the same colours, for
    enabled, disabled and hovered keys, in a dark and a light theme, whole or cut by a narrow
    terminal."""
    from textual.app import App, ComposeResult
    from textual.widget import Widget

    from ordertui.widgets.status_bar import FooterKeys, ShownKey

    keys = (
        ShownKey("escape", "esc", "Back", "back", True, ""),
        ShownKey("p", "p", "Products", "products", False, "not for a ship-to"),
        ShownKey("o", "o", "Order", "order", True, ""),
        ShownKey("r", "r", "Refresh", "refresh", True, ""),
        ShownKey("f8", "F8", "", "items", True, ""),
    )

    class Keys(App[None]):
        def compose(self) -> ComposeResult:
            yield FooterKeys(keys)

    compared = 0
    for theme, width, hover in [("textual-dark", 100, None), ("textual-light", 100, 2), ("textual-dark", 20, 0),
                                ("textual-light", 30, 1)]:
        app = Keys()
        async with app.run_test(size=(width, 5)) as pilot:
            app.theme = theme
            line = app.query_one(FooterKeys)
            line._hover = hover
            line.refresh()
            await pilot.pause()
            [ours] = as_shown(line, monkeypatch, textuals=False)
            [theirs] = as_shown(line, monkeypatch, textuals=True)
            # measured for its ``width: auto`` as Textual measures it
            measure = (app.screen.size, app.screen.size)
            line._content_width_cache = (None, 0)
            assert line.get_content_width(*measure) == Widget.get_content_width(line, *measure) > 0
            assert ours.cell_length == theirs.cell_length == line.size.width
            assert drawn(ours) == drawn(theirs), (theme, width, hover)
            if width == 100:
                assert "Products" in ours.text and "Refresh" in ours.text  # every key, whole
            else:
                assert ours.text.startswith(" esc ")  # cut at the terminal's edge, from the left
            compared += 1
    assert compared == 4


async def test_the_status_bar_is_drawn_as_textual_draws_it(app_factory, monkeypatch):
    """``StatusBar.render_line`` makes its segments straight from its Text; Textual's own
    ``Widget.render_line`` gives the same cells in the same colours: logged off and on, with the
    banner, online and offline, in both themes, and cut with "…" when the terminal is narrow."""
    compared = 0
    for size in [(120, 30), (80, 24), (40, 20), (24, 20)]:
        app = app_factory()
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            for step in ("start", "online", "offline", "light"):
                if step == "online":
                    app.desk._heard_call(CallEvent("BAPI_CUSTOMER_GETDETAIL2", 0.004, "ok", NOW))
                elif step == "offline":
                    app.online = False
                elif step == "light":
                    app.theme = "textual-light"
                await settle(pilot)
                bar = app.screen.query_one(StatusBar)
                [ours] = as_shown(bar, monkeypatch, textuals=False)
                [theirs] = as_shown(bar, monkeypatch, textuals=True)
                assert ours.cell_length == theirs.cell_length == bar.size.width
                assert drawn(ours) == drawn(theirs), (size, step, ours.text, theirs.text)
                compared += 1
            if size[0] <= 40:
                assert ours.text.rstrip().endswith("…"), ours.text
    assert compared == 16


def test_calls_ended_before_the_event_loop_took_the_last_ones_join_them():
    """``Desk._heard_call`` tells its listener (the app, which posts a message) once per burst;
    ``take_calls`` hands every call over, in order, and none twice."""
    import threading

    from ordertui.desk import Desk

    desk = Desk()
    told: list[CallEvent] = []
    desk.call_listener = told.append
    burst = [CallEvent(f"F{i}", i / 1000, "ok", NOW) for i in range(18)]
    for event in burst:
        desk._heard_call(event)
    assert told == burst[:1]
    assert desk.take_calls() == burst
    assert desk.take_calls() == []
    desk._heard_call(burst[0])  # the next burst is told again
    assert len(told) == 2 and desk.take_calls() == [burst[0]]

    # from many threads at once, the event loop taking meanwhile: each call logged exactly once
    told.clear()
    taken: list[CallEvent] = []
    go = threading.Barrier(8)

    def calls(worker: int) -> None:
        go.wait()
        for i in range(200):
            desk._heard_call(CallEvent(f"W{worker}", i / 1000, "ok", NOW))
            if i % 50 == 0:
                taken.extend(desk.take_calls())

    threads = [threading.Thread(target=calls, args=(w,)) for w in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    taken.extend(desk.take_calls())
    assert len(taken) == 1600
    for worker in range(8):  # each thread's calls in the order they ended
        assert [e.seconds for e in taken if e.function == f"W{worker}"] == [i / 1000 for i in range(200)]
    assert 1 <= len(told) < 1600


async def test_a_burst_in_which_sap_went_away_and_came_back_is_seen_as_both(app_factory):
    """The app logs a burst's calls one by one: watchers of ``online`` see each change (order
    entry prices again when SAP answers after it did not)."""
    from ordertui.desk import UNREACHABLE_OUTCOMES

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.online is True
        seen: list[bool | None] = []
        def changed(online: bool | None) -> None:
            seen.append(online)

        app.watch(app, "online", changed, init=False)
        lost = CallEvent("BAPI_SALESORDER_SIMULATE", 0.5, sorted(UNREACHABLE_OUTCOMES)[0], NOW)
        back = CallEvent("BAPI_SALESORDER_SIMULATE", 0.01, "ok", NOW)
        app.desk._heard_call(lost)
        app.desk._heard_call(back)  # before the event loop took the first: one message
        await settle(pilot)
        assert seen == [False, True]
        assert list(app.call_log)[-2:] == [lost, back] and app.last_call is back
