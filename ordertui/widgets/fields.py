"""Input fields that keep up with a fast typist.

Textual hands a key to the widget focused when the app reads it; Tab is acted on later, as a
binding. So in "40⇥2026-12-04" typed in one burst, the "2" can reach the quantity field before
the Tab has moved focus, and the date field (which selects its text on focus) then loses it:
"026-12-04" (issue 8 item 10). ``TypeAheadInput`` moves focus itself, at once, in its own key
handler, and hands keys that reach it after focus moved on to the field that has it
(``widgets.type_ahead.reroute_key``, order entry's fix of the same problem). Its editing keys
(Backspace, Ctrl+U, arrows …) run at once too (``OrderedInput``): "Ctrl+U 10090" typed in one burst
into a search that held a name cleared the field *after* the digits had landed, leaving it empty
(Textual issue 6605).
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.screen import Screen
from textual.widgets import Select

from ordertui.widgets.type_ahead import OrderedInput, reroute_key


class TypeAheadInput(OrderedInput):
    """An Input whose Tab / Shift+Tab move focus at once; keys typed after them follow the focus,
    and whose editing keys run in order with the characters typed around them (``OrderedInput``).

    ``tab_to`` / ``back_to``: selectors of the fields Tab / Shift+Tab go to, when that is not
    simply the next / previous one (a list between two fields that has its own key).
    """

    def __init__(self, *args: Any, tab_to: str = "", back_to: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tab_to = tab_to
        self.back_to = back_to

    async def _on_key(self, event: events.Key) -> None:
        if reroute_key(self, event):
            return
        if event.key in ("tab", "shift+tab"):
            event.prevent_default()
            event.stop()
            target = self.tab_to if event.key == "tab" else self.back_to
            if target:
                # set_focus, not focus(): focus() waits for the next loop turn, and the keys
                # typed after the Tab must already find the new field focused
                self.screen.set_focus(self.screen.query_one(target))
            elif event.key == "tab":
                self.screen.focus_next()
            else:
                self.screen.focus_previous()
        # anything else: OrderedInput's, then Input's own handling (Textual dispatches along the MRO)


def typed_character(screen: Screen, event: events.Key) -> bool:
    """Whether ``event`` is a character typed (a digit, a letter, ``+`` ...) that no key binding
    active on ``screen`` claims: on a screen without a field, such keys are the start of a search
    rather than lost (a phone desk types the next caller's number wherever it is)."""
    if not event.is_printable or not event.character:
        return False
    binding = screen.active_bindings.get(event.key)
    return binding is None or not binding.enabled


class TypeAheadSelect(Select[str]):
    """A compact Select that moves focus on Tab at once; keys typed after the Tab follow it."""

    async def _on_key(self, event: events.Key) -> None:
        if reroute_key(self, event):
            return
        if event.key in ("tab", "shift+tab") and not self.expanded:
            event.prevent_default()
            event.stop()
            if event.key == "tab":
                self.screen.focus_next()
            else:
                self.screen.focus_previous()
