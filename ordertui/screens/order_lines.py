"""Line steps of the order screen: the one line editor under the grid (material, Tab, quantity,
Enter: next line; Enter on a grid line edits it, Delete removes it) and pasted faxes (one simulate
for the whole paste, unreadable lines listed with their text). Mixed into ``OrderEntryScreen``."""

from __future__ import annotations

from typing import cast

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, Static

from ordertui import format as fmt
from ordertui.ordering.draft import MAX_LINES, check_material, check_quantity, check_unit
from ordertui.ordering.paste import parse_paste
from ordertui.screens.order_parts import OrderScreenParts


def split_unit(quantity: str, unit: str) -> tuple[str, str]:
    """``("11 CAR", "")`` -> ``("11", "CAR")``: the unit typed in the quantity field goes to the
    unit field when that is empty (as the caller says it, and as the quote screen takes it)."""
    found = fmt.quantity_and_unit(quantity)
    if found is None or unit.strip():
        return quantity, unit
    return found


class LineSteps(OrderScreenParts):
    """The line steps of ``OrderEntryScreen`` (mixed into it)."""

    def _editor(self) -> tuple[str, str, str]:
        return cast(tuple[str, str, str], tuple(self.query_one(f"#oe-{n}", Input).value for n in ("mat", "qty", "unit")))

    def _editor_has_text(self) -> bool:
        return any(v.strip() for v in self._editor())

    def _material_entered(self) -> None:
        mat, qty, _unit = self._editor()
        if not mat.strip() and not qty.strip():
            if self._editing:
                self.action_cancel_edit()
            return
        _, problem = check_material(mat)
        if problem:
            self._entry_hint(f"Material: {problem}", error=True)
            return
        self.set_focus(self.query_one("#oe-qty"))

    def _commit_editor(self) -> bool:
        """The editor's line into the draft (checked first); the editor opens the next line."""
        draft = self.draft
        if not draft.editable:
            return False
        mat, typed_qty, typed_unit = self._editor()
        if not any(v.strip() for v in (mat, typed_qty, typed_unit)):
            return True
        qty, unit = split_unit(typed_qty, typed_unit)
        if (qty, unit) != (typed_qty, typed_unit):
            self._set_value("#oe-qty", qty)
            self._set_value("#oe-unit", unit)
        for name, check, text in (("mat", check_material, mat), ("qty", check_quantity, qty), ("unit", check_unit, unit)):
            problem = check(text)[1]
            if problem:
                label = {"mat": "Material", "qty": "Quantity", "unit": "Unit"}[name]
                self._entry_hint(f"{label}: {problem}", error=True)
                self.set_focus(self.query_one(f"#oe-{name}"))
                return False
        if self._editing and draft.line(self._editing) is not None:
            line = draft.update_line(self._editing, mat, qty, unit)
        else:
            if len(draft.lines) >= MAX_LINES:
                self._entry_hint(f"An order here has at most {MAX_LINES} lines", error=True)
                return False
            line = draft.add_line(mat, qty, unit)
        self._editing = 0
        for name in ("mat", "qty", "unit"):
            self._set_value(f"#oe-{name}", "")
        self.set_focus(self.query_one("#oe-mat"))
        self._paint(select=line.id if line else None)
        self._schedule_simulate()
        return True

    def _edit_line(self, line_id: int, field: str = "quantity") -> None:
        draft = self.draft
        line = draft.line(line_id)
        if line is None or not draft.editable:
            return
        if self._editor_has_text() and self._editing != line_id and not self._commit_editor():
            return
        self._editing = line_id
        self._set_value("#oe-mat", line.material_text)
        self._set_value("#oe-qty", line.quantity_text)
        self._set_value("#oe-unit", line.unit_text)
        self._paint_editor()
        target = {"material": "#oe-mat", "quantity": "#oe-qty", "unit": "#oe-unit"}.get(field, "#oe-qty")
        self.set_focus(self.query_one(target, Input))
        problem = line.problems.get(field) or next(iter(line.problems.values()), "")
        self._entry_hint(problem, error=bool(problem))

    def _entry_hint(self, text: str, *, error: bool = False) -> None:
        hint = self.query_one("#oe-entry-hint", Static)
        if not text:
            text = "Enter: change the line · Esc: leave it" if self._editing else "F4 search · Enter: next line"
            error = False
        hint.update(Content(text))
        hint.set_class(error, "-error")
        # what the fields held when it was said: typing that came before the Enter (its Changed
        # messages handled after it, keys typed ahead) does not take the error away
        self._hint_about = self._editor() if error else None

    def _grid_choose(self, key: int) -> None:
        if key < 0:
            self._message("SAP added this line (free goods or a sub-item): change the line above it", "warning")
            return
        self._edit_line(key)

    def _grid_delete_line(self, key: int) -> None:
        draft = self.draft
        if key < 0 or not draft.editable:
            return
        index = draft.index_of(key)
        line = draft.delete_line(key)
        if line is None:
            return
        if self._editing == key:
            self._editing = 0
            for name in ("mat", "qty", "unit"):
                self._set_value(f"#oe-{name}", "")
        keys = self.app.get_key_display(Binding("ctrl+z", ""))
        self._message(f"Line {index + 1} {line.material_text or ''} deleted — {keys} brings it back", "info")
        self._paint()
        self._schedule_simulate()
        if not draft.lines:
            self.set_focus(self.query_one("#oe-mat"))

    # ------------------------------------------------------------------ paste
    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        if event.text.strip():
            self._apply_paste(event.text)

    def _apply_paste(self, text: str) -> None:
        draft = self.draft
        if not draft.editable:
            self._message("This order has been sent: nothing can be added", "warning")
            return
        result = parse_paste(text, max_lines=MAX_LINES - len(draft.lines))
        added = draft.add_lines([(l.material, l.quantity, l.unit, l.source) for l in result.lines])
        draft.unreadable.extend(result.unreadable)
        words = [f"{len(added)} line{'s' if len(added) != 1 else ''} pasted"]
        if result.unreadable:
            words.append(f"{len(result.unreadable)} unreadable (below)")
        if result.po and not draft.customer_po:
            draft.set_po(result.po)
            self._set_value("#oe-po", draft.customer_po)
            self._check_po()
            words.append(f"PO {draft.customer_po} from the text")
        if result.cleaned:
            words.append("control characters dropped")
        if result.truncated:
            words.append("the text was cut")
        self._message(" · ".join(words), "warning" if result.unreadable else "info")
        self._paint(select=added[0].id if added else None)
        if added:
            self._schedule_simulate()

