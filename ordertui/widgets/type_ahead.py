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
