"""The order screen's own fields: they move focus at once on Tab / Enter so that keys typed ahead
keep their order (``widgets.type_ahead``), and a pasted block of lines goes to the order."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.containers import Vertical
from textual.message import Message

from ordertui.ordering.paste import read_line
from ordertui.widgets.fields import TypeAheadSelect
from ordertui.widgets.type_ahead import OrderedInput, reroute_key

#: keys the order screen handles itself, at once, in order with what is typed after them
TYPE_AHEAD_KEYS = frozenset({"tab", "shift+tab", "enter", "up"})


class OrderInput(OrderedInput):
    """An input of the order screen: Tab / Enter move on at once (keys typed ahead stay in order,
    ``widgets.type_ahead``), and a pasted block of lines goes to the order, not into the field."""

    class BlockPasted(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # the screen marks a field -invalid itself (its checks need SAP's answers too); Input's
        # own validation on blur would clear the mark
        kwargs.setdefault("validate_on", ())
        super().__init__(*args, **kwargs)

    async def _on_key(self, event: events.Key) -> None:
        if reroute_key(self, event):
            return
        typed_key = getattr(self.screen, "typed_key", None)
        if event.key in TYPE_AHEAD_KEYS and typed_key is not None and typed_key(self, event.key):
            event.prevent_default()
            event.stop()
        # anything else: OrderedInput runs the field's own keys at once, then Input inserts
        # characters (Textual calls each class's _on_key along the MRO)

    def _on_paste(self, event: events.Paste) -> None:
        if is_block(event.text, material_field=self.id == "oe-mat"):
            event.prevent_default()
            event.stop()
            self.post_message(self.BlockPasted(event.text))
            return
        line = event.text.strip()
        if line != event.text:
            # One line with line breaks or spaces around it (a cell copied from a sheet ends in a
            # line break, a line from a mail may start with one): Input would paste its first
            # line, which can be empty, and the paste was lost. The line, as typed.
            event.prevent_default()
            event.stop()
            if self.selection.is_empty:
                self.insert_text_at_cursor(line)
            else:
                self.replace(line, *self.selection)


class OrderSelect(TypeAheadSelect):
    """The ship-to list: Tab moves on at once, keys typed ahead follow the focus (the quote's unit
    list does the same: ``widgets.fields.TypeAheadSelect``)."""


class SavedPanel(Vertical, can_focus=True):
    """The saved order: focusable, so n / c / Ctrl+N reach the screen with no field in the way."""


def is_block(text: str, *, material_field: bool = False) -> bool:
    """Several lines, or (in the material field) one whole line with material and quantity."""
    stripped = text.strip()
    if "\n" in stripped or "\r" in stripped:
        return True
    if material_field and any(sep in stripped for sep in (" ", "\t", ";", ",")):
        return isinstance(read_line(stripped), tuple)
    return False
