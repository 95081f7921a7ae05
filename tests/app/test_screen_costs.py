"""What opening a screen costs the event loop (issue 12): the SAP call starts at once and a new
screen is styled once. Behaviour, not timing: each test counts what happened; the figures are in
bench/screens_bench.py and docs/performance.md."""

from __future__ import annotations

import threading
from typing import Any

from textual.containers import Vertical
from textual.widgets import DataTable, Static

from ordertui.screens.base import SapScreen
from tests.app.helpers import count_reparses
from tests.conftest import settle, waited


class Wide(SapScreen):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    def compose(self):
        for i in range(5):
            yield Static(f"line {i}")


def count_whole_screen_restyles(monkeypatch, app) -> list:
    """Every restyle that walked a whole SapScreen (Textual's update_styles on the screen)."""
    seen: list = []
    original = type(app).update_styles

    def update_styles(self, node, animate=True):
        if isinstance(node, SapScreen):
            seen.append(type(node).__name__)
        return original(self, node, animate=animate)

    monkeypatch.setattr(type(app), "update_styles", update_styles)
    return seen


async def test_a_pushed_screen_is_styled_once_with_its_breakpoint_classes(app_factory, monkeypatch):
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        seen = count_whole_screen_restyles(monkeypatch, app)
        screen = Wide()
        assert screen.has_class("-wide", "-tall") and not screen.has_class("-narrow")
        app.push_screen(screen)
        await settle(pilot)
        assert app.screen is screen
        assert seen == []  # no restyle at the first resume, none at the first resize
        assert screen.has_class("-wide", "-tall")


async def test_breakpoints_still_follow_the_terminal(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = Wide()
        assert screen.has_class("-narrow", "-short")
        app.push_screen(screen)
        await settle(pilot)
        await pilot.resize_terminal(120, 36)
        await settle(pilot)
        assert screen.has_class("-wide", "-tall") and not screen.has_class("-narrow", "-short")


async def test_only_the_first_resume_skips_textuals_restyle(app_factory, monkeypatch):
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        mode = app.current_mode
        screen = Wide()
        app.push_screen(screen)
        await settle(pilot)
        seen = count_whole_screen_restyles(monkeypatch, app)
        app.switch_mode("customers")
        await settle(pilot)
        seen.clear()
        app.switch_mode(mode)  # the screen comes back: Textual's resume restyles it, as ever
        await settle(pilot)
        assert app.screen is screen and "Wide" in seen


async def test_a_new_screen_made_before_a_theme_change_is_restyled_at_its_first_resume(app_factory, monkeypatch):
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = Wide()  # made now, shown after the style sheet changed
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await settle(pilot)
        seen = count_whole_screen_restyles(monkeypatch, app)
        app.push_screen(screen)
        await settle(pilot)
        assert seen


async def test_a_fetch_starts_its_call_before_the_event_loop_runs_again(app_factory):
    """The call is on its thread when ``fetch`` returns: the loop thread can wait for it to
    start without giving the loop a turn (a worker task would only start it at its first turn)."""
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SapScreen)
        started, release, answers = threading.Event(), threading.Event(), []

        def call():
            started.set()
            release.wait(5)
            return 42

        screen.fetch(call, lambda value, at: answers.append(value), group="probe")
        assert started.wait(5)  # blocks the event loop: only a thread started already can set it
        release.set()
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert answers == [42]


async def test_a_superseded_fetch_drops_its_answer_and_a_failing_one_reaches_the_handler(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        answers, errors = [], []
        handled = []
        app.handle_sap_error = lambda error, group="": handled.append((type(error).__name__, group))  # type: ignore[method-assign]
        gate = threading.Event()
        screen.fetch(lambda: (gate.wait(5), "old")[1], lambda v, at: answers.append(v), group="g")
        screen.fetch(lambda: "new", lambda v, at: answers.append(v), group="g")
        gate.set()
        await settle(pilot)
        assert answers == ["new"]

        def broken():
            raise KeyError("a bug, not SAP")

        screen.fetch(broken, lambda v, at: answers.append(v), group="bug", on_error=lambda e, at: errors.append(e))
        await settle(pilot)
        assert handled == [("KeyError", "bug")] and errors == []


async def test_opening_an_area_reads_the_style_sheet_again_only_after_a_theme_change(app_factory, monkeypatch):
    """Textual re-parsed every CSS source (app.tcss and each widget's) twice when an area was
    first opened; a screen made with the style sheet up to date skips that. A theme change still
    re-reads it once, and an area first opened after it is in the new theme."""
    from ordertui.areas import AREAS

    reparsed = count_reparses(monkeypatch)
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        # start-up parses the style sheet once, in the app's theme (not in Textual's default
        # theme first and again when the first screen opens)
        assert reparsed == []
        from textual.color import Color

        assert app.screen.styles.background == Color.parse(app.get_css_variables()["background"])
        first, *_, last = [a.id for a in AREAS]
        reparsed.clear()
        app.switch_mode(first)
        await settle(pilot)
        assert reparsed == []
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await settle(pilot)
        assert len(reparsed) == 1
        reparsed.clear()
        app.switch_mode(last)
        await settle(pilot)
        assert reparsed == []

        # the area first opened after the change is styled in the new theme
        assert app.screen.styles.background == Color.parse(app.get_css_variables()["background"])


async def test_a_css_refresh_with_the_same_theme_parses_nothing_again(app_factory, monkeypatch):
    """At start-up Textual refreshes the CSS when the first screen opens; with the theme the
    style sheet already has, that re-parsed app.tcss (9 KB, ~8 ms) and every widget's CSS, and
    emptied the parse cache so the next widget class had them all parsed once more."""
    import textual.css.stylesheet as stylesheet_module

    parsed: list[str] = []
    parse = stylesheet_module.parse

    def counted(scope, css, read_from, *args, **kwargs):
        parsed.append(f"{read_from[0].rsplit('/', 1)[-1]}:{read_from[1]}")
        return parse(scope, css, read_from, *args, **kwargs)

    monkeypatch.setattr(stylesheet_module, "parse", counted)
    app = app_factory(theme="textual-light")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert parsed.count("app.tcss:") == 1, parsed
        parsed.clear()
        app.refresh_css()  # what Textual does as a new area's first screen opens
        app.stylesheet.add_source("Static.probe { color: red; }", read_from=("probe", ""))
        app.stylesheet.parse()  # as when a new widget class brings its CSS
        assert parsed == ["probe:"]
        app.theme = "textual-dark"  # another theme: everything is parsed with its colours
        await settle(pilot)
        assert "app.tcss:" in parsed


class Asks(SapScreen):
    """A screen that asks SAP (``call``) while it is built and shows the answer in a line;
    it notes what that line said at each of its layouts."""

    def __init__(self, call) -> None:
        super().__init__()
        self.call = call
        self.at_layouts: list[str] = []

    def compose(self):
        self.fetch(self.call, lambda value, at: self.line.update(value), group="probe")
        self.line = Static("waiting", id="line")
        yield self.line

    def _refresh_layout(self, size=None, scroll=False):
        self.at_layouts.append(str(self.line.visual))
        return super()._refresh_layout(size, scroll)


async def test_answers_to_calls_started_while_a_screen_is_built_are_in_its_first_layout(app_factory, monkeypatch):
    """One layout and one frame with the figures, not a frame of empty parts first and a second
    full layout for the answers (which SAP gave while the screen was being built)."""
    import ordertui.screens.base as base

    monkeypatch.setattr(base, "FIRST_FRAME_HOLD", 30.0)  # however loaded the machine: the answer is awaited
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = Asks(lambda: "the answer")
        app.push_screen(screen)
        await settle(pilot)
        assert app.screen is screen
        assert screen.at_layouts and screen.at_layouts[0] == "the answer"
        assert str(screen.line.visual) == "the answer"


async def test_a_slow_answer_does_not_hold_a_new_screen_back(app_factory):
    """SAP keeps the screen's call waiting: the screen is laid out and shown (with "waiting")
    within the hold, and the answer painted when it comes."""
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        release = threading.Event()
        screen = Asks(lambda: (release.wait(10), "late")[1])
        app.push_screen(screen)
        try:
            assert await waited(pilot, lambda: app.screen is screen and screen.at_layouts)
            assert screen.at_layouts[0] == "waiting" and not release.is_set()
        finally:
            release.set()
        assert await waited(pilot, lambda: str(screen.line.visual) == "late")
        await settle(pilot)


async def test_answers_after_the_screen_is_shown_come_through_its_queue_as_ever(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = Asks(lambda: "first")
        app.push_screen(screen)
        await settle(pilot)
        answers = []
        screen.fetch(lambda: "later", lambda value, at: answers.append(value), group="other")
        screen.fetch(lambda: "old", lambda value, at: answers.append(value), group="probe")  # superseded below
        screen.fetch(lambda: "new", lambda value, at: answers.append(value), group="probe")
        await settle(pilot)
        assert sorted(answers) == ["later", "new"]


class ShowsInNew(SapScreen):
    """A screen that asks SAP while it is built and shows the answer in a widget it makes for
    it, as a part does (``DataPart.show`` mounts a new text or table); it notes, at the end of
    each of its layouts, the height that layout gave each widget in the box and, for a table,
    its columns' widths."""

    def __init__(self, call, make) -> None:
        super().__init__()
        self.call, self.make = call, make
        self.at_layouts: list[list[tuple[Any, ...]]] = []

    def compose(self):
        self.box = Vertical(id="box")
        self.box.styles.width = 30
        self.fetch(self.call, lambda value, at: self.box.mount(self.make(value)), group="probe")
        yield self.box

    def _refresh_layout(self, size=None, scroll=False):
        super()._refresh_layout(size, scroll)
        self.at_layouts.append([  # (a widget the layout left out has no region)
            (type(w).__name__, w.region.height) + ((widths(w),) if isinstance(w, DataTable) else ())
            for w in self.box.children
        ])


def widths(table: DataTable) -> list[int]:
    return [column.get_render_width(table) for column in table.ordered_columns]


async def test_a_widget_an_early_answer_puts_on_the_screen_is_in_its_first_layout(app_factory, monkeypatch):
    """Textual leaves out of a layout the widgets whose Mount it has not handled yet: the texts
    and tables a customer detail's answers put in its parts were left out of its first frame,
    which showed the parts' frames, empty, and a layout later their figures."""
    import ordertui.screens.base as base

    monkeypatch.setattr(base, "FIRST_FRAME_HOLD", 30.0)  # however loaded the machine: the answer is awaited
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = ShowsInNew(lambda: "the answer", lambda value: Static(value))
        app.push_screen(screen)
        await settle(pilot)
        assert app.screen is screen
        assert screen.at_layouts[0] == [("Static", 1)]


async def test_a_table_an_early_answer_puts_on_the_screen_is_fitted_and_measured_in_its_first_layout(app_factory, monkeypatch):
    """A FitTable is measured as it mounts and fitted to the width the layout gives it, within
    that layout: the first frame shows it as it stays (a DataTable measures its rows when it is
    next idle, and a FitTable fitted its columns when resized, each asking for a layout and a
    frame more)."""
    import ordertui.screens.base as base
    from rich.text import Text

    from ordertui.widgets.fit_table import Column, FitTable

    def table(names):
        made = FitTable((Column("No", "number"), Column("Name", "name", flex=True, min_width=8)))
        for i, name in enumerate(names):
            made.add_row(Text(str(10000 + i)), Text(name))
        return made

    monkeypatch.setattr(base, "FIRST_FRAME_HOLD", 30.0)
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        names = ["Dayton Industrial Fasteners Incorporated", "Sunbelt Supply", "Ace"]
        screen = ShowsInNew(lambda: names, table)
        app.push_screen(screen)
        await settle(pilot)
        made = screen.box.children[0]
        assert isinstance(made, FitTable)
        fitted = widths(made)
        assert sum(fitted) <= 30  # cut to the box's width: the long name did not fit
        assert screen.at_layouts[0] == [("FitTable", 4, fitted)]  # header and three rows, fitted
        made.fit()  # what a resize would do: nothing left to do
        assert widths(made) == fitted


async def test_a_table_in_its_first_layout_does_not_make_textual_lay_the_screen_out_again(app_factory, monkeypatch):
    """Asking a widget's size or place while the screen is being laid out (a refresh does, and
    a table with a cursor highlights its first row as it is rebuilt for its width) makes
    Textual lay the whole screen out again inside that layout to answer: 12-15 ms on a
    customer detail. A FitTable in its first layout asks for neither."""
    import ordertui.screens.base as base
    from rich.text import Text
    from textual._compositor import Compositor

    from ordertui.widgets.fit_table import Column, FitTable

    def table(names):
        made = FitTable((Column("No", "number"), Column("Name", "name", flex=True, min_width=8)), cursor_type="row")
        for i, name in enumerate(names):
            made.add_row(Text(str(10000 + i)), Text(name), key=str(i))
        return made

    depth, nested = [0], []
    original = Compositor._arrange_root

    def arrange_root(self, *args, **kwargs):
        depth[0] += 1
        if depth[0] > 1:
            nested.append(depth[0])
        try:
            return original(self, *args, **kwargs)
        finally:
            depth[0] -= 1

    monkeypatch.setattr(Compositor, "_arrange_root", arrange_root)
    monkeypatch.setattr(base, "FIRST_FRAME_HOLD", 30.0)
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = ShowsInNew(lambda: ["Dayton Industrial Fasteners Incorporated", "Sunbelt Supply"], table)
        app.push_screen(screen)
        await settle(pilot)
        made = screen.box.children[0]
        assert screen.at_layouts[0] == [("FitTable", 3, widths(made))]
        assert nested == []


class TallParts(SapScreen):
    """Parts in a ``PartsBody``, ``lines`` lines each; notes at the end of each of its layouts
    whether the body showed its scrollbar, how wide the parts were, and how many times the
    body's parts had been arranged by then."""

    def __init__(self, lines: int, arranged: list[int]) -> None:
        super().__init__()
        self.lines = lines
        self.arranged = arranged
        self.at_layouts: list[tuple[bool, tuple[int, ...], int]] = []

    def compose(self):
        from ordertui.widgets.customer_panels import DataPart, PartsBody

        self.parts = [DataPart(f"part {i}") for i in range(3)]
        with PartsBody(id="test-body"):
            yield from self.parts

    def on_mount(self) -> None:
        for part in self.parts:
            part.show(Static("\n".join(f"line {n}" for n in range(self.lines))))

    def _refresh_layout(self, size=None, scroll=False):
        self.arranged.clear()
        super()._refresh_layout(size, scroll)
        body = self.query_one("#test-body")
        self.at_layouts.append((body.show_vertical_scrollbar, tuple(p.region.width for p in self.parts), len(self.arranged)))


async def test_parts_taller_than_the_screen_are_laid_out_beside_their_scrollbar_the_first_time(app_factory, monkeypatch):
    """Textual laid the parts out full width, found them taller than the body, showed its
    scrollbar and laid the whole screen out again two columns narrower: a first frame of the
    wrong width, and a second layout and frame (22-26 ms on a customer detail). Parts that fit
    are laid out in the whole width without a scrollbar, as before; whichever the last body
    needed, the parts are arranged once when this one needs the same."""
    import textual.widget

    from ordertui.widgets.customer_panels import PartsBody

    arranged: list[int] = []
    original = textual.widget.arrange

    def arrange(widget, *args, **kwargs):
        if isinstance(widget, PartsBody):
            arranged.append(1)
        return original(widget, *args, **kwargs)

    monkeypatch.setattr(textual.widget, "arrange", arrange)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        seen = []
        for lines in (12, 12, 1, 1, 12, 1):
            screen = TallParts(lines, arranged)
            app.push_screen(screen)
            await settle(pilot)
            shown = (True, (78, 78, 78)) if lines == 12 else (False, (80, 80, 80))  # 80 less the scrollbar, at once
            placed = [at for at in screen.at_layouts if all(at[1])]
            assert placed and all(at[:2] == shown for at in placed), (lines, screen.at_layouts)
            seen.append(placed[0][2])
            bar = screen.query_one("#test-body").vertical_scrollbar
            assert (bar.display, bar.region.width) == ((True, 2) if lines == 12 else (False, 0))  # drawn beside the parts
            app.pop_screen()
            await settle(pilot)
        # as the last one: arranged once in the layout that placed them first; else twice
        assert seen[1:] == [1, 2, 1, 2, 2], seen
