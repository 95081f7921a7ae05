"""Full garbage collections when the desk is idle, not in the middle of a key (ordertui/idle_gc.py;
issue 12). Driven by an injected clock, input time and request state, and a recording stand-in for
the ``gc`` module: no timing."""

from __future__ import annotations

import gc

from ordertui.idle_gc import (
    DUE_AFTER,
    MAX_FREEZES,
    OUT_OF_REACH,
    REFREEZE_GROWTH,
    YOUNG_AT_IDLE,
    YOUNG_QUIET,
    YOUNG_THRESHOLD,
    IdleCollector,
)
from tests.conftest import settle


class FakeGc:
    def __init__(self) -> None:
        self.threshold = (700, 10, 10)
        self.count = [0, 0, 0]
        self.calls: list[str] = []
        self.alive = 1000  # objects in generation 2 after a collection (not frozen)
        self.frozen = 0

    def collect(self, generation: int = 2) -> int:
        self.calls.append(f"collect {generation}")
        # as CPython counts: the generations collected start again, the next one counts this
        for younger in range(generation + 1):
            self.count[younger] = 0
        if generation < 2:
            self.count[generation + 1] += 1
        return 0

    def freeze(self) -> None:
        self.calls.append("freeze")
        self.frozen += self.alive
        self.alive = 0

    def unfreeze(self) -> None:
        self.calls.append("unfreeze")
        self.alive += self.frozen
        self.frozen = 0

    def get_count(self) -> tuple[int, int, int]:
        return tuple(self.count)  # type: ignore[return-value]

    def get_threshold(self) -> tuple[int, int, int]:
        return self.threshold

    def set_threshold(self, *threshold: int) -> None:
        self.threshold = threshold  # type: ignore[assignment]

    def get_objects(self, generation=None) -> list:
        return [None] * self.alive


class Desk:
    """The clock, the last key and whether a request runs, as the app would report them."""

    def __init__(self) -> None:
        self.now = 100.0
        self.last_key = 100.0
        self.requests = 0
        self.gc = FakeGc()
        self.collector = IdleCollector(busy=lambda: self.requests > 0, last_input=lambda: self.last_key,
                                       clock=lambda: self.now, gc_api=self.gc)
        self.collector.start()

    def due(self) -> None:
        self.gc.count[2] = DUE_AFTER

    def collections(self) -> int:
        return sum(call.startswith("collect") for call in self.gc.calls)


def test_start_puts_automatic_full_collections_out_of_reach_and_stop_gives_them_back():
    desk = Desk()
    assert desk.gc.threshold == (YOUNG_THRESHOLD, 10, OUT_OF_REACH)
    desk.collector.stop()
    assert desk.gc.threshold == (700, 10, 10)
    desk.collector.stop()  # twice: harmless
    assert desk.gc.threshold == (700, 10, 10)
    assert desk.collector.tick() == "" and desk.gc.calls == []  # stopped: no collections


def test_a_due_collection_runs_once_no_key_came_for_a_second_and_no_request_runs():
    desk = Desk()
    desk.due()
    desk.now = desk.last_key + 0.5  # typed half a second ago
    assert desk.collector.tick() == ""
    desk.now = desk.last_key + 1.0
    assert desk.collector.tick() == "idle"
    assert desk.gc.calls == ["collect 2"]
    assert desk.collector.tick() == ""  # collected: nothing due any more
    assert desk.collections() == 1


def test_nothing_is_collected_while_a_request_runs_however_long_no_key_came():
    desk = Desk()
    desk.due()
    desk.requests = 1
    desk.now = desk.last_key + 5
    assert desk.collector.tick() == ""
    desk.requests = 0
    assert desk.collector.tick() == "idle"


def test_an_idle_desk_with_nothing_due_is_left_alone():
    desk = Desk()
    desk.gc.count[2] = DUE_AFTER - 1
    desk.now += 60
    assert desk.collector.tick() == ""
    assert desk.gc.calls == []


def test_the_safety_net_collects_a_desk_that_is_never_idle_after_max_wait():
    desk = Desk()
    desk.due()
    desk.requests = 1
    assert desk.collector.tick() == ""  # due from now on
    for _ in range(int(desk.collector.max_wait / 0.5) - 1):
        desk.now += 0.5
        desk.last_key = desk.now  # a key at every check
        assert desk.collector.tick() == ""
    desk.now += 0.5
    assert desk.collector.tick() == "forced"
    assert desk.collections() == 1 and desk.collector.forced_collections == 1
    # due again: the wait starts again
    desk.due()
    assert desk.collector.tick() == ""
    desk.now += desk.collector.max_wait - 0.5
    assert desk.collector.tick() == ""
    desk.now += 0.5
    assert desk.collector.tick() == "forced"


def test_the_young_generations_are_collected_between_keys_not_in_their_middle():
    desk = Desk()
    assert YOUNG_THRESHOLD >= 12_000  # one key's work (a name search allocates about 12,000)
    desk.gc.count[0] = 5_000
    desk.now = desk.last_key + YOUNG_QUIET / 2  # the user is typing
    assert desk.collector.tick() == ""
    desk.requests = 1  # an answer is on its way: its screen is about to paint it
    desk.now = desk.last_key + YOUNG_QUIET
    assert desk.collector.tick() == ""
    desk.requests = 0
    assert desk.collector.tick() == "young"
    assert desk.gc.calls == ["collect 1"] and desk.collector.young_collections == 1
    assert desk.collector.tick() == ""  # collected
    desk.gc.count[0] = YOUNG_AT_IDLE - 1  # too few to be worth a walk
    assert desk.collector.tick() == ""
    assert desk.gc.calls == ["collect 1"]


def test_young_collections_between_keys_make_the_next_full_collection_due():
    desk = Desk()
    for _ in range(DUE_AFTER):
        desk.now += 0.5
        desk.last_key = desk.now - YOUNG_QUIET
        desk.gc.count[0] = 5_000
        assert desk.collector.tick() == "young"
    assert desk.collector.due()
    desk.now = desk.last_key + 1.0
    assert desk.collector.tick() == "idle" and desk.gc.calls[-1] == "collect 2"


def test_a_due_full_collection_goes_first_and_the_young_ones_do_not_wait_for_it():
    desk = Desk()
    desk.due()
    desk.gc.count[0] = 5_000
    desk.now = desk.last_key + YOUNG_QUIET  # not idle for a full one yet
    assert desk.collector.tick() == "young" and desk.gc.calls == ["collect 1"]
    desk.due()
    desk.gc.count[0] = 5_000
    desk.now = desk.last_key + 1.0
    assert desk.collector.tick() == "idle" and desk.gc.calls[-1] == "collect 2"


def test_a_forced_collection_freezes_nothing():
    desk = Desk()
    desk.collector.started_up()
    desk.gc.alive = REFREEZE_GROWTH * 2  # in the middle of work: much of it is about to go
    desk.due()
    desk.collector.tick()
    desk.now += desk.collector.max_wait
    desk.last_key = desk.now
    assert desk.collector.tick() == "forced"
    assert desk.gc.calls == ["collect 2", "freeze", "collect 2"] and desk.collector.freezes == 1


def test_the_wait_counts_from_when_the_collection_became_due():
    desk = Desk()
    desk.now += 1000  # nothing due for a long time
    desk.last_key = desk.now
    assert desk.collector.tick() == ""
    desk.due()
    desk.now += 1
    desk.last_key = desk.now
    assert desk.collector.tick() == ""  # due since just now, not since the start


def test_start_up_collects_and_freezes_what_is_alive_then_only_a_large_growth_is_frozen():
    desk = Desk()
    desk.collector.started_up()
    assert desk.gc.calls == ["collect 2", "freeze"]
    assert desk.collector.freezes == 1
    # a little more stays alive: collected when idle, not frozen
    desk.gc.alive = REFREEZE_GROWTH - 1
    desk.due()
    desk.now += 2
    assert desk.collector.tick() == "idle"
    assert desk.gc.calls[-1] == "collect 2" and desk.collector.freezes == 1
    # the sandbox generated its company: frozen at the next full collection
    desk.gc.alive = REFREEZE_GROWTH
    desk.due()
    assert desk.collector.tick() == "idle"
    assert desk.gc.calls[-2:] == ["collect 2", "freeze"] and desk.collector.freezes == 2


def test_at_most_max_freezes_until_thawed_and_stop_thaws():
    desk = Desk()
    desk.collector.started_up()
    for _ in range(MAX_FREEZES + 2):
        desk.gc.alive = REFREEZE_GROWTH * 2
        desk.due()
        desk.now += 2
        desk.collector.tick()
    assert desk.gc.calls.count("freeze") == MAX_FREEZES
    desk.collector.thaw()
    assert desk.gc.calls[-1] == "unfreeze" and desk.gc.frozen == 0 and desk.collector.freezes == 0
    desk.due()
    desk.collector.tick()
    assert desk.gc.calls[-1] == "freeze"
    desk.collector.stop()
    assert desk.gc.calls[-1] == "unfreeze" and desk.gc.frozen == 0


def test_thaw_without_a_freeze_does_not_unfreeze_what_others_froze():
    desk = Desk()
    desk.collector.thaw()
    desk.collector.stop()
    assert "unfreeze" not in desk.gc.calls


def test_started_up_does_nothing_when_the_collector_is_not_running():
    desk = Desk()
    desk.collector.stop()
    desk.collector.started_up()
    assert desk.gc.calls == []


async def test_the_app_runs_it_freezes_at_session_open_and_gives_everything_back_on_exit(app_factory):
    import threading

    before = gc.get_threshold()
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert gc.get_threshold()[2] == OUT_OF_REACH and gc.get_threshold()[0] == YOUNG_THRESHOLD
        assert app.idle_gc.freezes == 1 and gc.get_freeze_count() > 0
        assert not app._requests_running()
        release = threading.Event()
        worker = app.run_worker(lambda: release.wait(30), thread=True)
        assert app._requests_running()  # a request on its way: not idle
        release.set()
        await worker.wait()
        assert not app._requests_running()
        typed = app._last_input
        await pilot.press("f12")  # a key starts the quiet time again
        assert app._last_input > typed and app.idle_gc._last_input() == app._last_input
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


async def test_locking_hands_the_frozen_objects_back(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.idle_gc.freezes == 1
        app.lock()
        await settle(pilot)
        assert app.idle_gc.freezes == 0 and gc.get_freeze_count() == 0

