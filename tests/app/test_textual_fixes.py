"""Removed widgets are not kept alive (ordertui/widgets/textual_fixes.py; issue 12, memory)."""

from __future__ import annotations

import gc
import weakref

from textual.app import App, ComposeResult
from textual.color import Color
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
