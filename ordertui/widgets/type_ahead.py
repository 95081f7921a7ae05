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
    ("1001⌫0" became "100" instead of "1000"; Textual issue 6605). Keys that reach it after focus
    moved on are handed to the widget that has focus (``reroute_key``).

    Only the bindings an Input declares are run here: the scroll keys every widget inherits (Down,
    Page Down …) go on to the screen, which gives them their meaning (Down from a search to its
    list); so does a key whose action declines (``SkipAction``)."""

    async def _on_key(self, event: events.Key) -> None:
        if reroute_key(self, event):
            return
        if event.is_printable:
            return  # Input inserts it (MRO dispatch continues)
        if event.key not in _editing_keys(type(self)):
            return
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if binding.action in ("submit",):
                continue  # Enter: the field's owner decides (bubbles as usual)
            if await self.app.run_action(binding.action, self):
                event.prevent_default()
                event.stop()
            return


_EDITING_KEYS: dict[type, frozenset[str]] = {}


def _editing_keys(cls: type[Input]) -> frozenset[str]:
    """The keys bound by ``Input`` and its subclasses up to ``cls`` (not the scroll keys of Widget)."""
    keys = _EDITING_KEYS.get(cls)
    if keys is None:
        found: set[str] = set()
        for klass in cls.__mro__:
            if issubclass(klass, Input):
                for binding in klass.__dict__.get("BINDINGS", ()):
                    key = binding.key if hasattr(binding, "key") else binding[0]
                    found.update(part.strip() for part in key.split(","))
        keys = _EDITING_KEYS[cls] = frozenset(found)
    return keys
