"""The garbage collector's full collections, moved off the keyboard's path (issue 12).

CPython starts a full (generation 2) collection by itself after ten collections of generation 1,
in the middle of whatever allocates next: a key's handler, a table being filled. A full collection
walks every object the collector tracks; with the sandbox's company in the process that took
0.2-0.9 s each, about one a second while keys were being timed, and it was the p95 of every
action (docs/performance.md, section 2).

``IdleCollector`` does four things instead:

1. **Full collections when the desk is idle**: no key or mouse event for ``QUIET`` seconds and no
   SAP request running (``busy``). Automatic full collections are switched off while it runs
   (generation 2's threshold set out of reach); generations 0 and 1, which walk only young
   objects, stay automatic.
2. **A safety net**: a full collection that is due (``DUE_AFTER`` generation-1 collections since
   the last one, CPython's own rule) and has waited ``MAX_WAIT`` seconds without an idle moment
   runs anyway, at the next check. Cyclic garbage therefore lives at most about ``MAX_WAIT``
   seconds longer than it would have, whatever the user does: memory cannot grow without bound
   (a benchmark that never pauses peaks at 250 MiB instead of 165; at a person's pace 154
   instead of 142).
3. **Freezing what start-up loaded** (``gc.freeze()``): once a session is open, the modules,
   Textual and the session are moved to the permanent generation, which no collection walks. When
   an idle collection finds that much more has stayed alive since (``REFREEZE_GROWTH`` objects:
   the sandbox generates its company on first use, the screens fill their caches), that is frozen
   too, at most ``MAX_FREEZES`` times in all. A frozen object is still freed by reference
   counting; only one that later becomes part of unreachable cycles (a widget of a screen closed
   since) is kept, so what can be kept is bounded by those few snapshots of the live heap. Not
   after a forced collection: in the middle of work more of the live heap is about to go (in a
   benchmark that never pauses, freezing then kept 260k objects, most of them soon garbage).
   ``thaw`` (on lock and on a new session) hands every frozen object back to the collector.
4. **The young generations collected between keys too**: at CPython's threshold of 700 net
   allocations, opening a customer (about 6,000) ran 10 collections of generation 0 and, in four
   openings of five, one of generation 1: about 2 ms of each opening, and twice that in the
   slowest. While the collector runs, generation 0's threshold is ``YOUNG_THRESHOLD``, above what
   one key's work allocates (a name search about 12,000), and a check that finds at least
   ``YOUNG_AT_IDLE`` young objects ``YOUNG_QUIET`` seconds after the last key, with no request
   running, collects them then: generations 0 and 1 together (2-3 ms). Generation 1 is not left
   to fill up: collected after ten such collections, as CPython would, it held ten keys' worth
   of objects, 20 ms a walk, and kept a run's peak memory 20 MiB higher, since the full
   collections that free closed screens are due after ten of generation 1 (``due``). A key that
   comes during a collection waits for it; a desk that never pauses gets automatic
   collections, fewer and larger.

No Textual here: the app wires it (``OrderTuiApp.on_mount`` calls ``tick`` every ``CHECK_EVERY``
seconds, tells it the input time and whether a request runs); tests drive it with their own
clock and a recording stand-in for the ``gc`` module.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any, Protocol

#: Seconds without a key or mouse event (and no request running) that count as idle.
QUIET = 1.0
#: Seconds between two checks (one timer on the event loop; a check costs microseconds).
CHECK_EVERY = 0.25
#: Seconds a due full collection may wait for an idle moment before it runs anyway.
MAX_WAIT = 10.0
#: Generation-1 collections after which a full one is due (CPython's default third threshold).
DUE_AFTER = 10
#: Objects alive after a full collection and not frozen yet: from this many on they are frozen too.
REFREEZE_GROWTH = 50_000
#: Most freezes between two thaws (the first one, at session open, included).
MAX_FREEZES = 3
#: Generation 0's threshold while the collector runs (CPython's is 700): more than one key's work
#: allocates, so its young objects are collected between keys (``tick``), not in its middle.
YOUNG_THRESHOLD = 20_000
#: Young objects that make a collection between keys worth it (CPython's own threshold).
YOUNG_AT_IDLE = 700
#: Seconds without a key or mouse event (and no request running) before the young generations
#: are collected: the answer to the last key painted, the next key most likely not yet typed.
YOUNG_QUIET = 0.25
#: Generation 2's threshold while the collector runs: never reached (its counter counts
#: generation-1 collections, about 13 a second at the busiest: years).
OUT_OF_REACH = 1 << 30


class GcApi(Protocol):
    """What of the ``gc`` module is used (tests hand in a recording stand-in)."""

    def collect(self, generation: int = 2) -> int: ...
    def freeze(self) -> None: ...
    def unfreeze(self) -> None: ...
    def get_count(self) -> tuple[int, int, int]: ...
    def get_threshold(self) -> tuple[int, int, int]: ...
    def set_threshold(self, threshold0: int, threshold1: int = ..., threshold2: int = ..., /) -> None: ...
    def get_objects(self, generation: int | None = None) -> list[Any]: ...


class IdleCollector:
    def __init__(
        self,
        *,
        busy: Callable[[], bool],
        last_input: Callable[[], float],
        clock: Callable[[], float] = time.monotonic,
        gc_api: GcApi | None = None,
        quiet: float = QUIET,
        max_wait: float = MAX_WAIT,
    ) -> None:
        self._busy = busy
        self._last_input = last_input
        self._clock = clock
        self._gc: GcApi = gc_api if gc_api is not None else gc
        self.quiet = quiet
        self.max_wait = max_wait
        self._saved: tuple[int, int, int] | None = None
        #: when a full collection became due (``clock``), None while none is
        self._due_since: float | None = None
        #: freezes since the last thaw
        self.freezes = 0
        #: what the checks did, for the curious (and the tests): full collections, idle and forced
        self.idle_collections = 0
        self.forced_collections = 0
        self.young_collections = 0

    # ------------------------------------------------------------------ on and off
    def start(self) -> None:
        """Switch automatic full collections off and the young ones mostly (the checks run them
        instead)."""
        if self._saved is not None:
            return
        self._saved = self._gc.get_threshold()
        first, second, _third = self._saved
        self._gc.set_threshold(max(first, YOUNG_THRESHOLD), second, OUT_OF_REACH)

    def stop(self) -> None:
        """CPython's own thresholds back, and every frozen object handed back to the collector."""
        if self._saved is None:
            return
        self._gc.set_threshold(*self._saved)
        self._saved = None
        self.thaw()

    @property
    def running(self) -> bool:
        return self._saved is not None

    # ------------------------------------------------------------------ freezing
    def started_up(self) -> None:
        """A session is open: collect once and freeze what is alive (what start-up loaded).

        Called once the first screen of the session is painted; the collection is over the
        start-up heap, before any business data is on screen."""
        if not self.running:
            return
        self._collect()
        self._freeze(force=True)

    def thaw(self) -> None:
        """Hand every frozen object back to the collector (the next full collection frees what
        became garbage); called when the desk is locked and when a session replaces another."""
        if self.freezes:
            self._gc.unfreeze()
        self.freezes = 0

    def _freeze(self, *, force: bool = False) -> bool:
        if self.freezes >= MAX_FREEZES:
            return False
        # right after a full collection generation 2 holds every object alive and not frozen:
        # what has stayed alive since the last freeze
        if not force and len(self._gc.get_objects(2)) < REFREEZE_GROWTH:
            return False
        self._gc.freeze()
        self.freezes += 1
        return True

    # ------------------------------------------------------------------ the check
    def due(self) -> bool:
        """Whether CPython would have run a full collection by now (generation-1 collections)."""
        return self._gc.get_count()[2] >= DUE_AFTER

    def idle(self) -> bool:
        return self._clock() - self._last_input() >= self.quiet and not self._busy()

    def tick(self) -> str:
        """One check; what it did: "" (nothing), "idle" or "forced" (a full collection), or
        "young" (generations 0 and 1)."""
        if not self.running:
            return ""
        now = self._clock()
        if not self.due():
            self._due_since = None
            return self._young()
        if self._due_since is None:
            self._due_since = now
        if self.idle():
            self.idle_collections += 1
            self._collect()
            self._freeze()
            return "idle"
        if now - self._due_since >= self.max_wait:
            self.forced_collections += 1
            self._collect()
            return "forced"
        return self._young()

    def _young(self) -> str:
        young = self._gc.get_count()[0]
        if young < YOUNG_AT_IDLE or self._busy() or self._clock() - self._last_input() < YOUNG_QUIET:
            return ""
        # both young generations: what outlives a key goes on to generation 2 at once (and the
        # collection counts towards the next full one, ``due``)
        self._gc.collect(1)
        self.young_collections += 1
        return "young"

    def _collect(self) -> None:
        self._gc.collect(2)
        self._due_since = None
