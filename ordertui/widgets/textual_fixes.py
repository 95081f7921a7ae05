"""Leaks and extra work of Textual 8.2 that ordertui works around
(docs/performance.md, section 2).

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

Not a leak, a cost: 3. ``FooterKey.compact`` defaults to True while ``Footer.compact`` defaults to
False (textual/widgets/_footer.py). Each key the footer composes is bound to the footer's value
(``data_bind(compact=Footer.compact)``), so when it mounts it first takes its own default (adds
the ``-compact`` class: a restyle) and then the footer's (removes it: another), for every key, at
every focus change (the footer recomposes then): 1.8 s of 27 s of the event loop in a profile of a
scripted session. ``_fix_footer_key_compact`` lets a bound key start with its footer's value; a
key not bound (the command palette's, which Textual leaves compact) keeps Textual's default.

Another cost: 4. ``App.refresh_css`` sets the style sheet's variables and re-parses every source
(fresh, without the parse cache) even when the variables are the ones it has: at start-up, when
the first screen opens, and setting them also empties the parse cache, so the next widget class's
CSS had every source parsed again (app.tcss alone: ~8 ms). ``rules_kept`` makes both a no-op for
the length of one refresh; ``OrderTuiApp.refresh_css`` uses it while the theme is unchanged.

And: 5. A screen pushed onto the stack is laid out when it resumes, at the terminal's size; that
layout sends the screen itself a ``Resize``, and ``Screen._on_resize`` lays it out again at the
same size, and then every screen beneath it (``_screen_resized``). Every screen opened cost two
more layouts than it needs (a customer detail: 7-11 ms of its ~80, docs/performance.md "Fourth
pass"). ``_fix_same_size_relayout`` lets ``_screen_resized`` lay a screen out only when the size
differs from the one its compositor was last laid out at; a layout asked for meanwhile is done at
the next frame as before (``_layout_required``), and a real resize of the terminal still reaches
every screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from textual.app import App
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.reactive import Initialize, Reactive

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


def _footer_key_compact(key: DOMNode) -> bool:
    """The first value of a ``FooterKey``'s ``compact``: its footer's, when it is bound to it."""
    bound = (key._reactive_connect or {}).get("compact")
    if bound is not None:
        parent, reactive = bound
        if isinstance(reactive, Reactive):
            return bool(getattr(parent, reactive.name))
    return True  # Textual's own default


def _fix_footer_key_compact() -> None:
    from textual.widgets._footer import FooterKey

    descriptor = FooterKey.__dict__.get("compact")
    if not isinstance(descriptor, Reactive) or isinstance(descriptor._default, Initialize):
        return  # not the reactive it was in 8.2, or fixed already
    descriptor._default = Initialize(_footer_key_compact)


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


def _fix_same_size_relayout() -> None:
    from textual.screen import Screen

    original = Screen.__dict__["_screen_resized"]
    if getattr(original, "_ordertui_fix", False):
        return

    def _screen_resized(self: Screen[Any], size: Any) -> None:
        if self._compositor.size == size:
            return  # laid out at this size already (item 5 above)
        original(self, size)

    _screen_resized._ordertui_fix = True  # type: ignore[attr-defined]
    _screen_resized.__wrapped__ = original  # type: ignore[attr-defined]
    Screen._screen_resized = _screen_resized  # type: ignore[method-assign]


def install(app: App[Any]) -> None:
    """The fixes, for ``app`` (call from its ``on_mount``)."""
    _fix_styles_cache()
    _fix_footer_key_compact()
    _fix_same_size_relayout()
    app.set_interval(PRUNE_EVERY, lambda: prune_app(app), name="prune-watchers")


def _parsed_already() -> None:
    """``Stylesheet.reparse`` inside ``rules_kept``."""


def _same_variables(_variables: dict[str, str]) -> None:
    """``Stylesheet.set_variables`` inside ``rules_kept``."""


@contextmanager
def rules_kept(stylesheet: Stylesheet) -> Iterator[None]:
    """Within: the style sheet keeps its variables, rules and parse cache (item 4 above)."""
    stylesheet.reparse = _parsed_already  # type: ignore[method-assign]
    stylesheet.set_variables = _same_variables  # type: ignore[method-assign, assignment]
    try:
        yield
    finally:
        del stylesheet.reparse
        del stylesheet.set_variables
