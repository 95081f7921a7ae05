"""Screens paint what changed at the first idle moment (``ordertui/widgets/prompt_frames.py``),
not at the next tick of Textual's clock, and what changed together in one frame. Textual's clock
is switched off here, so every frame counted is one the screen started itself."""

from __future__ import annotations

import asyncio
from typing import Any

from textual import events
from textual.app import App, ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from ordertui.widgets.prompt_frames import PromptFrames


class Nudge(Message):
    pass


class Prompt(PromptFrames):
    def compose(self) -> ComposeResult:
        yield Static("net USD 13.10", id="net")
        yield Static("tax USD 0.75", id="tax")


class Plain(Screen[Any]):
    def compose(self) -> ComposeResult:
        yield Static("net USD 13.10", id="net")
        yield Static("tax USD 0.75", id="tax")


class Host(App[None]):
    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.first = screen
        self.frames = 0

    def on_mount(self) -> None:
        self.push_screen(self.first)

    def _display(self, screen: Screen[Any], renderable: Any) -> None:
        self.frames += 1
        super()._display(screen, renderable)


async def frames_after(app: Host, at_least: int, seconds: float = 5.0) -> int:
    """The frames painted, once there are ``at_least`` (or ``seconds`` have passed), and a moment
    more in which a second frame would show. (pilot.pause would paint a frame itself.)"""
    for _ in range(int(seconds / 0.01)):
        if app.frames >= at_least:
            break
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.05)
    return app.frames


async def frames_for_an_answer(screen: Screen[Any], wait: float = 5.0) -> tuple[int, Host]:
    """Frames painted, Textual's clock off, after one handler changed two figures."""
    app = Host(screen)
    async with app.run_test(size=(60, 10)) as pilot:
        for _ in range(3):
            await pilot.pause()
        screen._update_timer.resume = lambda: None  # type: ignore[method-assign]
        app.frames = 0
        screen.query_one("#net", Static).update("net USD 774.44")
        screen.query_one("#tax", Static).update("tax USD 44.53")
        painted = await frames_after(app, 1, wait)
        lines = [screen.query_one(f"#{name}", Static).render_line(0).text.rstrip() for name in ("net", "tax")]
        assert lines == ["net USD 774.44", "tax USD 44.53"]
    return painted, app


async def test_a_change_is_painted_without_textuals_clock_in_one_frame():
    painted, _ = await frames_for_an_answer(Prompt())
    assert painted == 1  # both figures, together


async def test_a_plain_screen_waits_for_textuals_clock():
    """The other half of the comparison: without PromptFrames, nothing is painted with the clock off."""
    painted, _ = await frames_for_an_answer(Plain(), wait=0.3)
    assert painted == 0


async def test_a_screen_under_another_leaves_its_frames_to_textual():
    app = Host(Prompt())
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        beneath = app.screen
        app.push_screen(Plain())
        await pilot.pause()
        beneath.query_one("#net", Static).update("net USD 1.00")
        await asyncio.sleep(0.1)
        assert not beneath._wants_frame()  # not the top screen: Textual's to paint
        assert beneath._frame_due is None


async def test_a_screen_in_no_stack_paints_nothing_even_when_no_screen_is_shown(monkeypatch):
    """A screen made ahead of its use (the customer detail's) is started but in no stack: it gets
    Idle events, also while the current mode has no screen at all (the app closing), when
    ``app.screen`` raises. It leaves painting to whichever screen is shown, and does not fail."""
    app = Host(Prompt())
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        ahead = Prompt()
        app._register(app, ahead)  # what the desk does with a screen made ahead
        await pilot.pause()
        assert ahead.is_mounted and app.screen is not ahead
        ahead.query_one("#net", Static).update("net USD 1.00")
        assert not ahead._wants_frame()
        monkeypatch.setitem(app._screen_stacks, app.current_mode, [])  # no screen shown
        ahead.refresh()
        assert not ahead._wants_frame()
        await ahead._on_idle(events.Idle())
        assert ahead._frame_due is None
        monkeypatch.undo()
        await pilot.pause()


async def test_a_frame_waits_for_messages_on_their_way_and_for_work_ready_to_run():
    """What changes together is painted together: the parts of an answer each ask for their
    repaint in turn (a message to the screen each), so the frame waits until none is on its way
    and no other work is ready to run first."""
    screen = Prompt()
    app = Host(screen)
    async with app.run_test(size=(60, 10)) as pilot:
        for _ in range(3):
            await pilot.pause()
        screen._update_timer.resume = lambda: None  # type: ignore[method-assign]
        app.frames = 0
        screen.MAX_TURNS = 0  # (the other rule off: this part is about the messages)
        screen.refresh()
        screen.post_message(Nudge())  # on its way: the screen has not handled it yet
        screen._frame_now()
        assert app.frames == 0
        del screen.MAX_TURNS
        assert await frames_after(app, 1) == 1  # handled; the idle moment after it paints

        screen._repaint_required = True  # changed, and no message on its way
        asyncio.get_running_loop().call_soon(lambda: None)  # other work ready to run
        screen._frame_now()
        assert app.frames == 1 and screen._frame_due is not None  # a turn later
        assert await frames_after(app, 2) == 2


async def test_textuals_clock_is_not_started_for_a_frame_the_screen_paints_itself():
    """A tick of Textual's clock could come while the change is still on its way and paint half
    of it (a search's rows, then the focus on them in another frame)."""
    screen = Prompt()
    app = Host(screen)
    async with app.run_test(size=(60, 10)) as pilot:
        for _ in range(3):
            await pilot.pause()
        started = []
        resume = screen._update_timer.resume
        screen._update_timer.resume = lambda: (started.append(True), resume())  # type: ignore[method-assign]
        app.frames = 0
        screen.query_one("#net", Static).update("net USD 774.44")
        assert await frames_after(app, 1) == 1 and started == []
