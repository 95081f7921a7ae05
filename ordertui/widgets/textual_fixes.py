"""Two memory leaks of Textual 8.2 that ordertui works around (docs/performance.md, "Memory").

Both keep removed widgets alive with everything they rendered, so a session's memory and its
garbage collector's work grew with every screen shown (bench/screens_bench.py: +3,700 objects and
about 0.6 MiB per customer looked up; gen-2 collections of 0.3-0.9 s, the p95 of every action):

1. ``StylesCache.get_inner_outer`` is an ``lru_cache``'d method, so its cache holds up to 1,024
   ``StylesCache`` objects of removed widgets and their rendered lines (Textualize/textual#6665).
   ``install`` caches it by its two colours alone.
2. A watcher (``watch``, ``data_bind``) of a removed widget stays in the watched object's list
   until that reactive next changes: the footer's keys, bound to ``Footer.compact``, which never
   changes (the footer recomposes its keys at every focus change), and every status bar and
   themed table, watching the app's theme. ``prune_watchers`` drops them (Textual's own rule: the
   watching node is closing); ``install`` runs it every ``PRUNE_EVERY`` seconds.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from textual.app import App
from textual.dom import DOMNode

#: Seconds between two prunes of removed widgets' watchers (a walk of the DOM, about a millisecond).
PRUNE_EVERY = 30.0

_installed = False


def _fix_styles_cache() -> None:
    global _installed
    if _installed:
        return
    from textual._styles_cache import StylesCache

    original = getattr(StylesCache.get_inner_outer, "__wrapped__", None)
    if original is None:  # not an lru_cache'd method any more: nothing to fix
        _installed = True
        return

    @lru_cache(1024)
    def inner_outer(base_background: Any, background: Any) -> Any:
        return original(None, base_background, background)  # the body never uses its first argument

    def get_inner_outer(self: StylesCache, base_background: Any, background: Any) -> Any:
        return inner_outer(base_background, background)

    StylesCache.get_inner_outer = get_inner_outer  # type: ignore[method-assign,assignment]  # replacing Textual's lru_cache on purpose (see above)
    _installed = True


def prune_watchers(*nodes: DOMNode) -> int:
    """Drop watchers of closed widgets from the watcher lists of ``nodes``; how many."""
    dropped = 0
    for node in nodes:
        watchers: dict[str, list[tuple[Any, Any]]] = getattr(node, "__watchers", {})
        for watching in watchers.values():
            kept = [(reactable, callback) for reactable, callback in watching if not reactable._closing]
            dropped += len(watching) - len(kept)
            watching[:] = kept
    return dropped


def prune_app(app: App[Any]) -> int:
    """``prune_watchers`` over the app and every widget of the screens on its stack."""
    nodes: list[DOMNode] = [app]
    for screen in app.screen_stack:
        nodes.extend(screen.walk_children(with_self=True))
    return prune_watchers(*nodes)


def install(app: App[Any]) -> None:
    """Both fixes, for ``app`` (call from its ``on_mount``)."""
    _fix_styles_cache()
    app.set_interval(PRUNE_EVERY, lambda: prune_app(app), name="prune-watchers")
