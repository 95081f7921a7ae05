"""The pop-ups of order entry: F4 material search, unit choice, the save confirmation with the
problem list, the list of open drafts, and a yes/no question.

They call SAP only through a function the order screen hands them (its ``fetch``), so every call
still runs on a worker thread and stale answers are still dropped by the screen's tokens. Their
CSS lives in ``ordertui/app.tcss`` (order entry section).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ordertui.model import MaterialHit, SearchResult, UnitOfMeasure
from ordertui.widgets.type_ahead import OrderedInput

#: Pause after the last keystroke in the F4 search before SAP is asked.
LOOKUP_DEBOUNCE = 0.25

#: (query, answer callback) -> None; the callback gets a SearchResult or the error
Searcher = Callable[[str, Callable[[Any], None]], None]


class MaterialLookup(ModalScreen["MaterialHit | None"]):
    """F4 on the material field: search by number or description, Enter takes the material."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="material_lookup.cancel"),
        Binding("down", "to_list", "To the list", show=False, id="material_lookup.down"),
    ]

    def __init__(self, query: str, search: Searcher) -> None:
        super().__init__()
        self._query = query
        self._search = search
        self._timer: Timer | None = None
        self._hits: list[MaterialHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="lookup-box") as box:
            box.border_title = "Find material (F4)"
            yield OrderedInput(self._query, placeholder="Material number or description", id="lookup-query", compact=True)
            yield OptionList(id="lookup-hits", compact=True)
            yield Static("Type to search · Down to the list · Enter takes · Esc cancels", id="lookup-info", markup=False)

    def on_mount(self) -> None:
        self.query_one("#lookup-query", Input).focus()
        if len(self._query.strip()) >= 2:
            self._run(self._query)

    @on(Input.Changed, "#lookup-query")
    def _typed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        text = event.value
        self._timer = self.set_timer(LOOKUP_DEBOUNCE, lambda: self._run(text))

    @on(Input.Submitted, "#lookup-query")
    def _submitted(self, event: Input.Submitted) -> None:
        hits = self.query_one("#lookup-hits", OptionList)
        if hits.option_count:
            self.dismiss(self._hits[hits.highlighted or 0])
        else:
            self._run(event.value)

    def _run(self, text: str) -> None:
        if len(text.strip()) < 2:
            self._info("Type at least 2 characters")
            return
        self._info("Searching…")
        self._search(text.strip(), self._answer)

    def _answer(self, result: Any) -> None:
        if not self.is_attached:
            return
        hits = self.query_one("#lookup-hits", OptionList)
        hits.clear_options()
        if isinstance(result, BaseException):
            self._hits = []
            self._info(f"{getattr(result, 'title', 'Error')}: {result}", error=True)
            return
        assert isinstance(result, SearchResult)
        self._hits = list(result.hits)
        hits.add_options([Option(f"{hit.number:<18} {hit.description}") for hit in self._hits])
        if self._hits:
            hits.highlighted = 0
            more = " (more: refine the search)" if result.truncated else ""
            self._info(f"{len(self._hits)} found{more} · Down to the list · Enter takes · Esc cancels")
        else:
            self._info("Nothing found in this sales org")

    def _info(self, text: str, *, error: bool = False) -> None:
        info = self.query_one("#lookup-info", Static)
        info.update(Content(text))
        info.set_class(error, "-error")

    def action_to_list(self) -> None:
        hits = self.query_one("#lookup-hits", OptionList)
        if hits.option_count:
            hits.focus()

    @on(OptionList.OptionSelected, "#lookup-hits")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._hits[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)


class UnitChooser(ModalScreen["str | None"]):
    """F4 on the unit field: the units the material can be sold in."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="unit_chooser.cancel")]

    def __init__(self, material: str, load: Callable[[Callable[[Any], None]], None]) -> None:
        super().__init__()
        self._material = material
        self._load = load
        self._units: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="units-box") as box:
            box.border_title = f"Units of {self._material}"
            yield OptionList(id="units-list", compact=True)
            yield Static("Reading the material…", id="units-info", markup=False)

    def on_mount(self) -> None:
        self._load(self._answer)

    def _answer(self, result: Any) -> None:
        if not self.is_attached:
            return
        info = self.query_one("#units-info", Static)
        if isinstance(result, BaseException):
            info.update(f"{getattr(result, 'title', 'Error')}: {result}")
            return
        sales_unit, base_unit, units = result
        options = self.query_one("#units-list", OptionList)
        self._units = []
        for uom in sorted(units, key=lambda u: (u.unit != sales_unit, u.unit)):
            self._units.append(uom.unit)
            options.add_option(Option(unit_label(uom, sales_unit, base_unit)))
        if self._units:
            options.highlighted = 0
            options.focus()
            info.update("Enter takes the unit · Esc cancels")
        else:
            info.update("SAP lists no units for this material")

    @on(OptionList.OptionSelected, "#units-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._units[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)


def unit_label(uom: UnitOfMeasure, sales_unit: str, base_unit: str) -> str:
    from ordertui import format as fmt

    label = uom.unit
    if uom.unit != base_unit and uom.denominator:
        label += f"  = {fmt.number(uom.numerator / uom.denominator)} {base_unit}"
    if uom.unit == sales_unit:
        label += "  (sales unit)"
    return label


# --------------------------------------------------------------------------- save


@dataclass(frozen=True)
class SaveChoice:
    """What the save dialog ended with: save, or go to a problem's field (``target``)."""

    save: bool = False
    target: Any = None


class SaveDialog(ModalScreen["SaveChoice | None"]):
    """The summary read back before saving, and every problem; Enter on "Save" saves,
    Enter on a problem goes to its field, Esc goes back to the order."""

    BINDINGS = [Binding("escape", "cancel", "Back to the order", id="save_dialog.cancel")]

    def __init__(self, title: str, summary: Content, save_label: str | None, problems: Sequence[tuple[str, str, Any]]) -> None:
        """``problems``: (severity, text, target); ``save_label`` None = nothing may be saved."""
        super().__init__()
        self._title = title
        self._summary = summary
        self._save_label = save_label
        self._problems = list(problems)

    def compose(self) -> ComposeResult:
        with Vertical(id="save-box") as box:
            box.border_title = self._title
            yield Static(self._summary, id="save-summary")
            options: list[Option] = []
            if self._save_label is not None:
                options.append(Option(Content.assemble((f"▶ {self._save_label}", "bold $text-success")), id="save"))
            marks = {"error": ("✖ ", "$text-error"), "warning": ("⚠ ", "$text-warning"), "info": ("· ", "$text-muted")}
            for i, (severity, text, _target) in enumerate(self._problems):
                mark, style = marks.get(severity, ("· ", ""))
                options.append(Option(Content.assemble((mark, style), text), id=f"p{i}"))
            yield OptionList(*options, id="save-options", compact=True)
            if self._save_label is None:
                hint = "Fix the problems marked ✖ first · Enter on a problem goes to its field · Esc back"
            elif self._problems:
                hint = "Enter on the first line saves · Enter on a problem goes to its field · Esc back"
            else:
                hint = "Enter saves · Esc back to the order"
            yield Static(hint, id="save-hint", markup=False)

    def on_mount(self) -> None:
        options = self.query_one("#save-options", OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected, "#save-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id == "save":
            self.dismiss(SaveChoice(save=True))
        elif option_id.startswith("p"):
            self.dismiss(SaveChoice(target=self._problems[int(option_id[1:])][2]))

    def action_cancel(self) -> None:
        self.dismiss(None)


# --------------------------------------------------------------------------- drafts


class DraftList(ModalScreen["int | None"]):
    """The open drafts of this session: Enter returns to one."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="draft_list.cancel")]

    def __init__(self, drafts: Sequence[tuple[int, str]], current: int | None) -> None:
        super().__init__()
        self._drafts = list(drafts)
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="drafts-box") as box:
            box.border_title = "Open orders (drafts in memory)"
            options = [
                Option(("▸ " if draft_id == self._current else "  ") + label, id=f"d{draft_id}")
                for draft_id, label in self._drafts
            ]
            yield OptionList(*options, id="drafts-list", compact=True)
            yield Static("Enter opens the draft · Esc back", id="drafts-hint", markup=False)

    def on_mount(self) -> None:
        options = self.query_one("#drafts-list", OptionList)
        index = next((i for i, (d, _) in enumerate(self._drafts) if d == self._current), 0)
        options.highlighted = index if self._drafts else None
        options.focus()

    @on(OptionList.OptionSelected, "#drafts-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int((event.option.id or "d0")[1:]))

    def action_cancel(self) -> None:
        self.dismiss(None)
