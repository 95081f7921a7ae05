"""Hypothesis through Pilot: one running app, many examples, real shrinking.

Hypothesis's ``@given`` runs synchronous test functions; a Pilot needs the app's own event loop.
``LiveApp`` runs the app under ``run_test`` on a loop in a thread of its own, and each example hands
it a coroutine (``live.run(step)``) and waits for its result: one app start for a whole property
test, and Hypothesis shrinks a failing example over the same app. When an example crashed the
app, the next example gets a fresh one (a dead app would fail every example after it, and
shrinking would end on an input that did nothing).

After each step, ``LiveApp.run`` asserts what every example must keep true: the app did not stop
on an exception (``app._exception``, what ``run_test`` would re-raise) and no error dialog for a
failure inside ordertui (the central handler's "Unexpected error"; SAP's own refusals are
messages, allowed).

``hostile_text(valid)`` is what the fields are fed: pieces of any Unicode (no surrogates: a
terminal cannot send them), control characters, bidi and zero-width marks, numbers and dates in
odd forms, strings up to 10,000 characters, and the field's own valid values among them so that
the paths past the first check (SAP calls, lines, pricing) are reached too.
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import Awaitable, Callable
from typing import Any

from hypothesis import strategies as st
from textual import events
from textual.keys import _character_to_key
from textual.widgets import Input


CONTROL = "".join(chr(c) for c in range(32)) + "\x7f" + "".join(chr(c) for c in range(0x80, 0xA0))
#: bidi overrides and isolates, zero-width and joiners, BOM, NBSP, line/paragraph separators,
#: a combining accent, the replacement character, an emoji and a flag, Arabic-Indic and
#: full-width digits, CJK, Hebrew, Arabic, a ligature and a character whose upper case is longer
ODD = ("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00a0"
       "\u2028\u2029\u0301\ufffd\U0001f600\U0001f1fa\U0001f1f8\u0663\uff11\u4e2d\u05d0\u0627\ufb01\u00df\u0130")
ODD_FORMS = [
    "1e999999999", "-1e999999999", "1e-999999999", "-0", "+0", "NaN", "sNaN", "-Infinity", "inf", "0x1F",
    "1_000", "1,5", "1.2.3", " 12- ", "12.50-", "--1", "٣", "１２", "9" * 40, "0." + "0" * 60 + "1",
    "0000-00-00", "00000000", "2026-13-45", "2026-02-30", "9999-12-31", "0001-01-01", "+999", "-999",
    "+" + "9" * 30, "99/99", "2/29", "12/31/99", "tomorrow", "fri",
    "'; DROP TABLE KNA1; --", "' OR '1'='1", "%", "*", "_", "\\", "\\\\'", "{x}", "[b]x[/b]", "[/]",
    "$(id)", "\x1b[31mred\x1b[0m", "\x1b]52;c;SGVsbG8=\x07", "\r\n", "\t", "\x00", " ",
]

_any_char = st.characters(exclude_categories=("Cs",))
pieces = st.one_of(
    st.text(_any_char, max_size=20),
    st.text(st.sampled_from(CONTROL + ODD), min_size=1, max_size=8),
    st.sampled_from(ODD_FORMS),
)


def long_text() -> st.SearchStrategy[str]:
    """One piece repeated up to 10,000 characters (a paste of a whole document)."""
    return st.tuples(pieces.filter(bool), st.integers(1, 10_000)).map(lambda t: (t[0] * t[1])[: t[1]])


def hostile_text(*valid: str) -> st.SearchStrategy[str]:
    """Text for a field: hostile pieces, joined, long, or around the field's own valid values."""
    parts = st.one_of(pieces, st.sampled_from(valid)) if valid else pieces
    joined = st.lists(parts, max_size=4).map("".join)
    options = [joined, long_text()]
    if valid:
        options.insert(0, st.sampled_from(valid))
        # a valid value with something odd before or after it (a paste from a mail, a stray key)
        options.append(st.tuples(pieces, st.sampled_from(valid), pieces).map("".join))
    return st.one_of(*options)


#: how the text reaches the field: set as its value (what a paste of one line leaves), a
#: bracketed paste event, or typed key by key (printable characters only: a control character
#: typed is a Ctrl key, a binding, not field content)
ways = st.sampled_from(["value", "paste", "typed"])


async def enter_text(pilot, field: Input, text: str, how: str) -> None:
    """``text`` into ``field`` (focused, emptied first) the way ``how`` says."""
    field.focus()
    field.value = ""
    await pilot.pause()
    if how == "paste" and text:
        field.post_message(events.Paste(text))
    elif how == "typed":
        driver = pilot.app._driver
        for char in text[:60]:
            if char.isprintable():
                key = events.Key(_character_to_key(char), char)
                key.set_sender(pilot.app)
                driver.send_message(key)
    else:
        field.value = text
    await pilot.pause()


def shown(widget) -> str:
    """The text a Static (or any widget) shows."""
    return str(widget.render()).strip()


def assert_clear_message(text: str, where: str) -> None:
    """A message for the user: not empty, and no Python error in it."""
    assert text, f"{where}: no message"
    for word in ("Traceback", "Error(", "Exception", "object at 0x", "decimal.", "<class"):
        assert word not in text, f"{where}: {text[:200]!r}"


def unexpected_errors(app) -> list[str]:
    """Error dialogs for failures inside ordertui (not SAP's refusals)."""
    from ordertui.sap.errors import SapError
    from ordertui.widgets.error_dialog import ErrorDialog

    return [
        f"{type(s.error).__module__}.{type(s.error).__qualname__}\n{s.details}"
        for s in app.screen_stack
        if isinstance(s, ErrorDialog) and not isinstance(s.error, SapError)
    ]


class LiveApp:
    """An app running under ``run_test`` on its own thread; ``run(step)`` runs ``step(pilot)`` there."""

    def __init__(self, make_app: Callable[[], Any], start: Callable[[Any, Any], Awaitable[None]], size=(120, 36)):
        self._make_app = make_app
        self._start = start
        self._size = size
        self.app: Any = None
        self.starts = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._pilot: Any = None
        self._ended: BaseException | None = None
        self._context: contextvars.Context | None = None

    def __enter__(self) -> LiveApp:
        self._launch()
        return self

    def __exit__(self, *exc: object) -> None:
        self._shut()

    def _launch(self) -> None:
        ready = threading.Event()
        self.app = self._make_app()
        self.starts += 1
        self._ended = None

        async def main() -> None:
            self._loop = asyncio.get_running_loop()
            self._stop = asyncio.Event()
            try:
                async with self.app.run_test(size=self._size) as pilot:
                    await self._start(self.app, pilot)
                    self._pilot = pilot
                    # the steps run in this task's context: Textual's active_app is set in it
                    self._context = contextvars.copy_context()
                    ready.set()
                    await self._stop.wait()
            except BaseException as error:  # noqa: BLE001 — handed to the test thread
                self._ended = error
            finally:
                ready.set()

        self._thread = threading.Thread(target=lambda: asyncio.run(main()), name="live-app", daemon=True)
        self._thread.start()
        ready.wait()
        if self._ended is not None:
            raise AssertionError("the app did not start") from self._ended

    def _shut(self) -> None:
        if self._thread is None:
            return
        if self._loop is not None and self._stop is not None and not self._loop.is_closed():
            try:
                self._loop.call_soon_threadsafe(self._stop.set)
            except RuntimeError:  # the loop has already closed
                pass
        self._thread.join(timeout=60)  # a wedged app is left to its daemon thread, not waited for
        self._thread = None

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and self.app._exception is None

    def run(self, step: Callable[[Any], Awaitable[Any]]) -> Any:
        """``step(pilot)`` on the app's loop; then the app must not have crashed nor shown a bug."""
        if not self.alive:
            self._shut()
            self._launch()
        assert self._loop is not None
        try:
            result = self._call(step)
        except BaseException:
            self._raise_crash()  # a crash is what went wrong, not what the step then saw
            raise
        self._raise_crash()
        bugs = unexpected_errors(self.app)
        if bugs:
            # the dialog goes, so that the next example starts clean
            self._call(_close_dialogs)
        assert not bugs, f"an unexpected error was shown: {bugs[0]}"
        return result

    def _raise_crash(self) -> None:
        crash = self.app._exception
        if crash is not None:
            from ordertui.crash import report

            raise AssertionError(f"the app crashed:\n{report(crash)}") from crash

    def _call(self, step: Callable[[Any], Awaitable[Any]]) -> Any:
        assert self._loop is not None and self._context is not None
        context = self._context

        async def in_app_context() -> Any:
            return await asyncio.get_running_loop().create_task(step(self._pilot), context=context.copy())

        return asyncio.run_coroutine_threadsafe(in_app_context(), self._loop).result()


async def _close_dialogs(pilot) -> None:
    from ordertui.widgets.error_dialog import ErrorDialog

    while isinstance(pilot.app.screen, ErrorDialog):
        pilot.app.pop_screen()
        await pilot.pause()


async def back_to(pilot, screen) -> None:
    """Pop whatever was opened over ``screen`` (a detail, a dialog) until it is on top again."""
    app = pilot.app
    while app.screen is not screen and screen in app.screen_stack and len(app.screen_stack) > 1:
        app.pop_screen()
        await pilot.pause()
