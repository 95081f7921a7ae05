"""What the step mixins of the order screen (``order_header``, ``order_lines``, ``order_pricing``,
``order_save``) use of it.

For the type checker only: at run time the mixins are plain classes and ``OrderEntryScreen``
(``order_entry``) provides all of this; the checker sees them as screens with these members.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.timer import Timer

    from ordertui.ordering.draft import EntryDraft
    from ordertui.screens.base import SapScreen

    class OrderScreenParts(SapScreen):
        _draft: EntryDraft | None
        _sim_timer: Timer | None
        _save_after_pricing: bool
        _dialog_open: bool
        _known_before: dict[int, frozenset[str]]
        _check_timers: dict[int, Timer]
        _customer_parts: dict[int, dict[str, Any]]
        _checking: str
        _editing: int
        _offline_timer: Timer | None
        _offline_tries: int
        _pricing_note: str
        _shown_message: tuple[str, str]
        _hint_about: tuple[str, str, str] | None
        clock: Callable[[], float]

        @property
        def draft(self) -> EntryDraft:
            raise NotImplementedError

        def _paint(self, select: int | None = None) -> None:
            raise NotImplementedError

        def _message(self, text: str, kind: str = "info") -> None:
            raise NotImplementedError

        def _focus_start(self) -> None:
            raise NotImplementedError

        def _schedule_simulate(self, delay: float = ...) -> None:
            raise NotImplementedError

        def _simulate(self) -> None:
            raise NotImplementedError

        def _set_value(self, selector: str, value: str) -> None:
            raise NotImplementedError

        def _paint_ship_tos(self) -> None:
            raise NotImplementedError

        def _current_customer_number(self) -> str:
            raise NotImplementedError

        def _editor_has_text(self) -> bool:
            raise NotImplementedError

        def _commit_editor(self) -> bool:
            raise NotImplementedError

        def _edit_line(self, line_id: int, field: str = "quantity") -> None:
            raise NotImplementedError

        def _commit_sold_to(self) -> bool:
            raise NotImplementedError

        def _commit_po(self) -> None:
            raise NotImplementedError

        def _commit_date(self) -> bool:
            raise NotImplementedError

        def _check_po(self) -> None:
            raise NotImplementedError

        def _paint_totals(self) -> None:
            raise NotImplementedError

        def _paint_editor(self) -> None:
            raise NotImplementedError

        def _open_save_dialog(self) -> None:
            raise NotImplementedError

        def _entry_hint(self, text: str, *, error: bool = False) -> None:
            raise NotImplementedError

        def action_cancel_edit(self) -> None:
            raise NotImplementedError

else:
    OrderScreenParts = object
