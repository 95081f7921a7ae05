"""Removed widgets are not kept alive (ordertui/widgets/textual_fixes.py; issue 12, memory)."""

from __future__ import annotations

import collections
import gc
import weakref

from textual.app import App, ComposeResult
from textual.color import Color
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Footer, Static

from ordertui.widgets import textual_fixes


def test_styles_cache_is_not_kept_by_the_inner_outer_cache():
    from textual._styles_cache import StylesCache

    textual_fixes._fix_styles_cache()
    cache = StylesCache()
    inner, outer = cache.get_inner_outer(Color(10, 20, 30), Color(40, 50, 60, 0.5))
    assert (inner, outer) == StylesCache().get_inner_outer(Color(10, 20, 30), Color(40, 50, 60, 0.5))
    gone = weakref.ref(cache)
    del cache
    gc.collect()
    assert gone() is None


class Watching(Static):
    def on_mount(self) -> None:
        self.watch(self.app, "theme", lambda *_: None, init=False)


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Footer()


async def test_watchers_of_removed_widgets_are_pruned_and_the_widgets_freed():
    app = Host()
    async with app.run_test() as pilot:
        removed = []
        for _ in range(3):
            widget = Watching("x")
            await app.screen.mount(widget)
            await pilot.pause()
            removed.append(weakref.ref(widget))
            await widget.remove()
            del widget
        await app.screen.mount(Static("after"))  # whatever refers to the last one removed moves on
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        await footer.recompose()  # new keys: the old ones stay bound to Footer.compact
        await pilot.pause()
        held = len(getattr(app, "__watchers")["theme"])
        assert textual_fixes.prune_app(app) >= 3
        assert len(getattr(app, "__watchers")["theme"]) == held - 3
        assert all(not node._closing for watching in getattr(footer, "__watchers", {}).values()
                   for node, _ in watching)
        gc.collect()
        assert [ref() for ref in removed] == [None, None, None]


class PaletteHost(App[None]):
    BINDINGS = [("f2", "bell", "Ring"), ("f3", "quit", "Leave")]

    def compose(self) -> ComposeResult:
        from textual.widgets import Input

        yield Input(id="one")
        yield Input(id="two")
        yield Footer()


async def test_footer_keys_start_with_their_footers_compact_and_are_restyled_once(monkeypatch):
    from textual.widgets._footer import FooterKey

    textual_fixes._fix_footer_key_compact()
    toggled: list[tuple[str, bool]] = []
    set_class = FooterKey.set_class

    def spy(self, add, *names, update=True):
        if "-compact" in names and self.has_class("-compact") != add:
            toggled.append((self.key, add))  # the class changes: the key is restyled
        return set_class(self, add, *names, update=update)

    monkeypatch.setattr(FooterKey, "set_class", spy)
    app = PaletteHost()
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        await pilot.press("tab")  # the footer composes its keys again at every focus change
        await pilot.pause()
        keys = list(footer.query(FooterKey))
        bound = [k for k in keys if not k.has_class("-command-palette")]
        palette = [k for k in keys if k.has_class("-command-palette")]
        assert {k.key for k in bound} >= {"f2", "f3"} and len(palette) == 1
        assert all(not k.compact and not k.has_class("-compact") for k in bound)
        # the command palette's key is not bound to the footer: Textual's default, compact
        assert palette[0].compact and palette[0].has_class("-compact")
        assert all(key == palette[0].key for key, _ in toggled), toggled
        footer.compact = True  # still follows its footer
        await pilot.pause()
        assert all(k.compact and k.has_class("-compact") for k in bound)


class Pushed(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Static("a pushed screen")
        yield Footer()


def count_layouts(monkeypatch) -> collections.Counter[str]:
    """Layouts of each screen class from now on."""
    layouts: collections.Counter[str] = collections.Counter()
    original = Screen._refresh_layout

    def counting(self: Screen[None], *args: object, **kwargs: object) -> None:
        layouts[type(self).__name__] += 1
        original(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counting)
    return layouts


async def layouts_of_a_push(monkeypatch, screen_resized) -> tuple[int, int, App[None]]:
    """(layouts of the pushed screen, layouts of the screen beneath) while a screen is pushed."""
    monkeypatch.setattr(Screen, "_screen_resized", screen_resized)
    layouts = count_layouts(monkeypatch)
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        layouts.clear()
        await app.push_screen(Pushed())
        for _ in range(3):
            await pilot.pause()
        pushed, beneath = layouts["Pushed"], layouts["Screen"]
        await pilot.resize_terminal(100, 30)
        for _ in range(3):
            await pilot.pause()
        assert [screen._compositor.size for screen in app.screen_stack] == [Size(100, 30)] * 2
    return pushed, beneath, app


async def test_a_pushed_screen_is_not_laid_out_again_at_the_same_size(monkeypatch):
    """Textual lays a pushed screen out when it resumes, then again (and every screen beneath it)
    on the Resize that first layout sends it, at the same size (item 5). A resize of the terminal
    still reaches every screen."""
    textual_fixes._fix_same_size_relayout()
    fixed = Screen._screen_resized
    pushed, beneath, _ = await layouts_of_a_push(monkeypatch, fixed.__wrapped__)  # Textual's own
    assert beneath == 1  # what the fix is for (when Textual stops doing it, the fix can go)
    pushed_fixed, beneath, _ = await layouts_of_a_push(monkeypatch, fixed)
    assert (pushed_fixed, beneath) == (pushed - 1, 0)


class Tables(App[None]):
    CSS = """
    #box:focus-within .datatable--header { color: red; }
    DataTable:focus > .datatable--cursor { background: green; }
    .loud .datatable--hover { text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical
        from textual.widgets import DataTable, Input

        with Vertical(id="box"):
            yield DataTable(id="one")
            yield DataTable(id="two", classes="loud")
        yield Input(id="field")


def component_rules(node) -> dict:
    return {name: dict(styles.base._rules) for name, styles in node._component_styles.items()}


async def test_component_styles_come_out_as_textuals_and_are_matched_once_per_place(monkeypatch):
    """Item 6: a component class's rules are remembered by what a selector can see of the path to
    it; what each widget gets is what Textual's own matching gives, focused or not, in its parent's
    :focus-within or not, with a class or not — and a widget in a place seen before is not matched
    again."""
    from textual.css.stylesheet import Stylesheet
    from textual.dom import DOMNode
    from textual.widgets import DataTable

    textual_fixes._fix_component_styles()
    textuals = Stylesheet._process_component_classes.__wrapped__
    matched: list[str] = []
    apply = Stylesheet.apply

    def spy(self, node, **kwargs):
        if type(node) is DOMNode:  # the node made for a component class
            matched.append(next(iter(node._classes)))
        return apply(self, node, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", spy)
    app = Tables()
    async with app.run_test() as pilot:
        await pilot.pause()
        one, two, field = app.query_one("#one"), app.query_one("#two"), app.query_one("#field")

        def same_as_textuals() -> None:
            for node in (one, two, field):
                ours = component_rules(node)
                textuals(app.stylesheet, node)
                assert component_rules(node) == ours, node
                app.stylesheet.update_nodes([node])  # ours again (the cache)

        for focus in (one, two, field, one):
            focus.focus()
            await pilot.pause()
            app.stylesheet.update_nodes([one, two, field])
            same_as_textuals()
            # the rules that depend on the focus: the table's own, and its parent's :focus-within
            cursor = one._component_styles["datatable--cursor"].background
            assert (cursor.rgb == (0, 128, 0)) is (focus is one)
            red = one._component_styles["datatable--header"].color.rgb == (255, 0, 0)
            assert red is (focus is not field)
        app.query_one("#box").mount(DataTable(id="three", classes="loud"))
        await pilot.pause()
        matched.clear()
        app.stylesheet.update_nodes([app.query_one("#three"), two])
        # the same place and classes as #two: nothing matched again, but the header, whose rules
        # test :focus-within (Textual keeps nothing for rules that look at the neighbours either)
        assert matched == ["datatable--header"] * 2, matched
        app.theme = "textual-light" if app.current_theme.dark else "textual-dark"
        await pilot.pause()
        matched.clear()
        app.stylesheet.update_nodes([two])
        assert matched, "a new style sheet (the theme's) is matched afresh"
        same_as_textuals()


class Growing(Screen[None]):
    """Lines in a scrolling box, more of them mounted later (as a part's answer is)."""

    def compose(self) -> ComposeResult:
        from textual.containers import VerticalScroll

        with VerticalScroll(id="box"):
            for i in range(3):
                yield Static(f"line {i}")
        yield Footer()


def placed(screen: Screen[None]) -> dict:
    return {w: (w.region, w.virtual_size, w.container_size) for w in screen.walk_children()}


async def layouts_of_growing(monkeypatch, size_updated, await_mount) -> tuple[int, int, bool]:
    """(layouts after the push, layouts after a mount of 30 lines, whether what the layouts
    left is what a layout done afresh gives)."""
    from textual.widget import AwaitMount, Widget

    monkeypatch.setattr(Widget, "_size_updated", size_updated)
    monkeypatch.setattr(AwaitMount, "__await__", await_mount)
    layouts = count_layouts(monkeypatch)
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = Growing()
        layouts.clear()
        await app.push_screen(screen)
        for _ in range(4):
            await pilot.pause(0.05)  # past the screen's update timer: every layout asked for is done
        pushed = layouts["Growing"]
        layouts.clear()
        box = screen.query_one("#box")
        box.mount_all(Static(f"more {i}") for i in range(30))  # taller than the screen: a scrollbar
        for _ in range(4):
            await pilot.pause(0.05)  # past the screen's update timer: every layout asked for is done
        mounted = layouts["Growing"]
        before = placed(screen)
        assert box.show_vertical_scrollbar and len(screen.query(Static)) == 33
        assert all(before[w][0].width for w in screen.query(Static))  # every line placed
        screen._refresh_layout()  # a layout done afresh (after the counts were taken)
        return pushed, mounted, placed(screen) == before


async def test_what_a_layout_set_or_placed_is_not_laid_out_again(monkeypatch):
    """Item 7: Textual lays a screen out again for the sizes its layout just set, and for
    widgets a layout placed already once their Mount is handled. Fixed, a screen is laid out
    fewer times and what the layouts leave is what a layout done afresh gives."""
    from textual.widget import AwaitMount, Widget

    textual_fixes._fix_layout_after_layout()
    size_updated, await_mount = Widget._size_updated, AwaitMount.__await__
    own = await layouts_of_growing(monkeypatch, size_updated.__wrapped__, await_mount.__wrapped__)
    fixed = await layouts_of_growing(monkeypatch, size_updated, await_mount)
    assert own[2] and fixed[2]
    assert fixed[0] < own[0] and fixed[1] < own[1], (own, fixed)


def cache_slots_made(strip: object) -> list[str]:
    """The names of the strip's caches that have been made (read past the fix's descriptor)."""
    from textual.strip import Strip

    made = []
    for name, descriptor in vars(Strip).items():
        slot = getattr(descriptor, "_slot", descriptor)
        if name.endswith("_cache") and name != "_render_cache":
            try:
                slot.__get__(strip, Strip)
            except AttributeError:
                continue
            made.append(name)
    return made


def test_a_strip_makes_its_caches_when_it_first_uses_them_and_draws_what_textual_draws():
    """Item 8: Textual's ``Strip`` makes seven caches as it is made, each one more object for
    the garbage collector. Fixed, a strip makes none until it uses one; what it gives, and how it
    caches it (the same object for the same question), are as before."""
    from rich.console import Console
    from rich.segment import Segment
    from rich.style import Style
    from textual.cache import FIFOCache
    from textual.color import Color
    from textual.filter import DimFilter
    from textual.strip import Strip

    segments = [Segment("order ", Style(bold=True)), Segment("5010", Style(color="red")), Segment("  USD 909.21")]

    def asked(strip: Strip) -> list[object]:
        return [
            strip.crop(2, 9).text, strip.divide([3, 8, 30])[1].text, strip.apply_style(Style(italic=True))._segments,
            strip.adjust_cell_length(30).text, strip.crop_extend(1, 25, None).text, strip.apply_offsets(2, 3)._segments,
            strip.apply_filter(DimFilter(), Color(0, 0, 0))._segments, strip.render(Console()),
        ]

    textual_fixes._fix_strip_caches()
    textual_fixes._fix_strip_caches()  # once only
    assert getattr(Strip.__init__, "_ordertui_fix", False)
    own = Strip.__new__(Strip)
    Strip.__init__.__wrapped__(own, segments)  # as Textual's own __init__ makes it: every cache at once
    fixed = Strip(segments)
    assert len(cache_slots_made(own)) == 7
    assert cache_slots_made(fixed) == []
    assert fixed.text == own.text and fixed.cell_length == own.cell_length == 22
    assert asked(fixed) == asked(own)
    assert sorted(cache_slots_made(fixed)) == sorted(cache_slots_made(own))
    assert fixed.crop(2, 9) is fixed.crop(2, 9)  # cached, as before
    assert all(isinstance(getattr(fixed, name), FIFOCache) and getattr(fixed, name)._maxsize == getattr(own, name)._maxsize
               for name in cache_slots_made(own))
