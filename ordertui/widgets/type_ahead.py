"""Keys typed ahead land where they were meant, in order.

Textual hands each key to the widget that has focus *when the app reads it* and lets keys that
widget does not handle (Tab, Enter) bubble up to the app's bindings later. When keys arrive in a
burst — a fast typist while the loop was busy for a moment, a paste of keystrokes, tmux — the keys
after a Tab are already queued on the old widget before the Tab moves focus: "HB-38-100⇥40⏎" would
put the 40 into the material field. Order entry cannot lose or reorder keys (issue 9), so its
widgets move focus themselves, synchronously, in their own key handler, and hand on every key that
reaches them after focus has moved away (``reroute_key``): the new widget gets them in the order
they were typed.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget
from textual.widgets import Input


def reroute_key(widget: Widget, event: events.Key) -> bool:
    """If ``widget`` no longer has focus on its screen, give ``event`` to the widget that has."""
    try:
        screen = widget.screen
    except Exception:  # not mounted (any more)
        return False
    focused = screen.focused
    if focused is None or focused is widget:
        return False
    event.prevent_default()
    event.stop()
    focused.post_message(events.Key(event.key, event.character))
    return True


class OrderedInput(Input):
    """An Input that runs its own key bindings (Backspace, Delete, Ctrl+U, arrows, Home, End …) at
    once, in order with the characters typed around them: Textual would run them only after the
    key has bubbled up to the app, by which time the characters typed after them are in the field
    ("1001⌫0" became "100" instead of "1000"). Keys that reach it after focus moved on are handed
    to the widget that has focus (``reroute_key``)."""

    async def _on_key(self, event: events.Key) -> None:
        if reroute_key(self, event):
            return
        if event.is_printable:
            return  # Input inserts it (MRO dispatch continues)
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if binding.action in ("submit",):
                continue  # Enter: the field's owner decides (bubbles as usual)
            event.prevent_default()
            event.stop()
            await self.run_action(binding.action)
            return
