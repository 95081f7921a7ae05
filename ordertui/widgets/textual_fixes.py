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

And: 6. A widget with component classes (a DataTable has 9, an Input 4) has each matched against
the whole style sheet whenever it is styled (``Stylesheet._process_component_classes``: a node
made for the class under the widget, and ``apply`` on it), with no cache: Textual caches only
widget rules, and only within one batch. A customer detail styled about 43 of those per opening,
7 % of its event loop (docs/performance.md, "Eighth pass"). ``_fix_component_styles`` remembers
the rules each class matched, by what the match can see: the class and, for every node from the
app down to the widget, its type, id, classes and pseudo-classes; a new style sheet (a theme
switch, a widget class's CSS added) starts afresh. What is set on the class's node is what
``apply`` would have set: the same rules, by the same ``replace_rules``.

And: 7. Two requests for a layout that the layout running, or one already done, has met
(docs/performance.md, "Ninth pass"). Each full layout gives every widget its size through
``Widget._size_updated``, which sets ``virtual_size``, a reactive that asks for a layout: every
widget a layout placed for the first time asked for the next one. And ``AwaitMount`` asks the
parent for a layout once the Mount events of the widgets it mounted are handled, even when a
layout since has placed them (a screen built with its first answers: ``SapScreen``). A customer
detail was laid out and drawn twice more after its painted frame (about 8 ms of event loop, on
top of the 22-26 ms the body's scrollbar cost, ``PartsBody``). ``_fix_layout_after_layout``
sets the sizes without that request (as Textual's own layout of a scroll does) and lets
``AwaitMount`` ask only when a widget it mounted is not placed yet. A widget whose size
changes what it draws is still repainted (``_size_updated`` marks it), scrollbars that come
or go still ask for their layout, and a widget mounted after the last layout still gets one.

And: 8. Every ``Strip`` (a line of a widget, and each piece the compositor cuts it into) makes
seven small caches as it is made (``Strip.__init__``: divide, crop, style, filter, line length,
crop-and-extend, offsets), though most strips use one or none of them: a customer detail's first
frame made about 1,100 strips and 7,500 caches, each one more object for the garbage collector
to track (27 collections of its youngest generation per opening, 10 with the fix).
``_fix_strip_caches`` makes each cache on its first use, the same cache of the same size; a
strip that never crops, divides or styles itself makes none (docs/performance.md, "Eleventh
pass").
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


def _path_key(node: DOMNode, pseudo: tuple[str, ...]) -> tuple[Any, ...]:
    """What a selector can see of ``node`` and every node above it: type, id, classes and the
    pseudo-classes ``pseudo`` (the ones the rules in question test: Textual works out each of
    them, some by walking the siblings or the ancestors)."""
    return tuple(
        (type(n), n._id, frozenset(n._classes), tuple(n.has_pseudo_class(name) for name in pseudo))
        for n in node.css_path_nodes
    )


def _tested_pseudo_classes(stylesheet: Stylesheet, components: frozenset[str]) -> tuple[str, ...]:
    """The pseudo-classes named anywhere in the selectors of the rules that can match a node made
    for one of ``components`` (the rules ``Stylesheet.apply`` would look at for it; a rule's
    ``pseudo_classes`` are those of all its selectors)."""
    rules_map = stylesheet.rules_map
    found: set[str] = set()
    for component in components:
        for name in rules_map.keys() & DOMNode(classes=component)._selector_names:
            for rule in rules_map[name]:
                found |= rule.pseudo_classes
    return tuple(sorted(found))


class _ComponentRules:
    """What the component classes matched, for one version of a style sheet's rules."""

    #: no rule gives the class a value at that place (``apply`` changes nothing then)
    NONE: dict[str, Any] = {}

    def __init__(self, rules: list[Any]) -> None:
        self.rules = rules
        #: component classes -> the pseudo-classes their rules test
        self.tested: dict[frozenset[str], tuple[str, ...]] = {}
        #: component class -> whether its rules test a node's siblings (nothing kept then)
        self.by_siblings: dict[str, bool] = {}
        #: (path key, component class) -> the rules it matched there
        self.matched: dict[tuple[Any, ...], Any] = {}

    @classmethod
    def of(cls, stylesheet: Stylesheet) -> _ComponentRules:
        rules = stylesheet.rules
        kept: _ComponentRules | None = stylesheet.__dict__.get("_ordertui_components")
        if kept is None or kept.rules is not rules:  # parsed again: a theme, a widget class's CSS
            kept = stylesheet.__dict__["_ordertui_components"] = cls(rules)
        return kept

    def tests_siblings(self, stylesheet: Stylesheet, component: str) -> bool:
        found = self.by_siblings.get(component)
        if found is None:
            tested = _tested_pseudo_classes(stylesheet, frozenset({component}))
            found = self.by_siblings[component] = not Stylesheet._EXCLUDE_PSEUDO_CLASSES_FROM_CACHE.isdisjoint(tested)
        return found


def _fix_component_styles() -> None:
    original = Stylesheet.__dict__["_process_component_classes"]
    if getattr(original, "_ordertui_fix", False):
        return

    def _process_component_classes(self: Stylesheet, node: DOMNode) -> None:
        component_classes = node._get_component_classes()
        if not component_classes:
            return
        kept = _ComponentRules.of(self)
        tested = kept.tested.get(component_classes)
        if tested is None:
            tested = kept.tested[component_classes] = _tested_pseudo_classes(self, component_classes)
        path = _path_key(node, tested)
        refresh_node = False
        old_component_styles = node._component_styles.copy()
        node._component_styles.clear()
        for component in sorted(component_classes):
            virtual_node = DOMNode(classes=component)
            virtual_node._attach(node)
            key = (path, component)
            matched = kept.matched.get(key)
            if matched is None:
                # Textual's own apply; given a cache it leaves there the rules it matched unless
                # they may depend on the node's siblings (then they are not kept here either)
                caught: dict[tuple[Any, ...], Any] = {}
                self.apply(virtual_node, animate=False, cache=caught)
                if caught:
                    kept.matched[key] = next(iter(caught.values()))
                elif not kept.tests_siblings(self, component):
                    kept.matched[key] = _ComponentRules.NONE
            elif matched is not _ComponentRules.NONE:
                self.replace_rules(virtual_node, matched, animate=False)
            if not refresh_node and old_component_styles.get(component) != virtual_node.styles:
                refresh_node = True
            node._component_styles[component] = virtual_node.styles
        if refresh_node:
            node.refresh()

    _process_component_classes._ordertui_fix = True  # type: ignore[attr-defined]
    _process_component_classes.__wrapped__ = original  # type: ignore[attr-defined]
    Stylesheet._process_component_classes = _process_component_classes  # type: ignore[method-assign]


def _fix_layout_after_layout() -> None:
    from asyncio import Task, create_task, wait

    from textual.dom import NoScreen
    from textual.widget import AwaitMount, Widget

    # Both are Textual's code (textual/widget.py, 8.2) with one change each, marked.

    original_size_updated = Widget.__dict__["_size_updated"]
    if getattr(original_size_updated, "_ordertui_fix", False):
        return

    def _size_updated(self: Widget, size: Any, virtual_size: Any, container_size: Any, layout: bool = True) -> bool:
        # changed: the sizes come from the layout that is running; nothing to lay out for them
        return original_size_updated(self, size, virtual_size, container_size, layout=False)

    _size_updated._ordertui_fix = True  # type: ignore[attr-defined]
    _size_updated.__wrapped__ = original_size_updated  # type: ignore[attr-defined]
    Widget._size_updated = _size_updated  # type: ignore[method-assign]

    original_await = AwaitMount.__await__

    def __await__(self: AwaitMount) -> Any:
        async def await_mount() -> None:
            if self._widgets:
                aws: list[Task[Any]] = [
                    create_task(widget._mounted_event.wait(), name="await mount") for widget in self._widgets
                ]
                if aws:
                    await wait(aws)
                    parent = self._parent
                    try:
                        placed = parent.screen._compositor.widgets
                    except NoScreen:
                        placed = set()
                    # changed: only if a widget is not placed yet (Textual asks always). The
                    # widgets the last layout placed: not ``in compositor``, which can lay the
                    # screen out afresh to answer, with the new widgets in it.
                    if not all(widget in placed for widget in self._widgets):
                        parent.refresh(layout=True)
                    try:
                        parent.app._update_mouse_over(parent.screen)
                    except NoScreen:
                        pass

        return await_mount().__await__()

    __await__._ordertui_fix = True  # type: ignore[attr-defined]
    __await__.__wrapped__ = original_await  # type: ignore[attr-defined]
    AwaitMount.__await__ = __await__  # type: ignore[method-assign]


class _CacheOnFirstUse:
    """A ``Strip`` cache slot that makes its ``FIFOCache`` when it is first read (item 8)."""

    __slots__ = ("_slot", "_maxsize", "_make")

    def __init__(self, slot: Any, maxsize: int, make: Any) -> None:
        self._slot = slot  # the slot's own descriptor, which holds the cache once made
        self._maxsize = maxsize
        self._make = make

    def __get__(self, strip: Any, owner: Any = None) -> Any:
        if strip is None:
            return self
        try:
            return self._slot.__get__(strip, owner)
        except AttributeError:
            cache = self._make(self._maxsize)
            self._slot.__set__(strip, cache)
            return cache

    def __set__(self, strip: Any, value: Any) -> None:
        self._slot.__set__(strip, value)


def _fix_strip_caches() -> None:
    from textual.cache import FIFOCache
    from textual.strip import Strip

    if getattr(Strip.__init__, "_ordertui_fix", False):
        return
    # What Textual's own ``__init__`` makes, read from a strip it made: the caches and their
    # sizes, and the other slots' starting values; anything else and the fix is left out.
    made = Strip([], 0)
    caches = {name: getattr(made, name)._maxsize for name in Strip.__slots__
              if isinstance(getattr(made, name, None), FIFOCache)}
    others = {name for name in Strip.__slots__ if name not in caches and name not in ("_segments", "_cell_length")}
    if not caches or others != {"_render_cache", "_link_ids", "_cell_count"} or any(
        getattr(made, name, 0) is not None for name in others
    ):
        return
    original_init = Strip.__init__

    def __init__(self: Strip, segments: Any, cell_length: int | None = None) -> None:
        self._segments = list(segments)
        self._cell_length = cell_length
        self._render_cache = None
        self._link_ids = None
        self._cell_count = None

    for name, maxsize in caches.items():
        setattr(Strip, name, _CacheOnFirstUse(Strip.__dict__[name], maxsize, FIFOCache))
    __init__._ordertui_fix = True  # type: ignore[attr-defined]
    __init__.__wrapped__ = original_init  # type: ignore[attr-defined]
    Strip.__init__ = __init__  # type: ignore[method-assign]


def install(app: App[Any]) -> None:
    """The fixes, for ``app`` (call from its ``on_mount``)."""
    _fix_styles_cache()
    _fix_footer_key_compact()
    _fix_same_size_relayout()
    _fix_component_styles()
    _fix_layout_after_layout()
    _fix_strip_caches()
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
