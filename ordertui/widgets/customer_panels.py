"""A titled panel that shows one live part of a screen: loading, an error, or its content.

The customer detail fetches its parts in parallel; each part paints as it arrives, with its
own spinner and its own error, so a slow credit check never hides the address.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import LoadingIndicator, Static


class DataPart(Vertical):
    """One part: a border title, then a spinner, an error line, or the content widgets."""

    DEFAULT_CSS = """
    DataPart {
        height: auto;
        border: round $primary 50%;
        border-title-color: $text;
        padding: 0;
    }
    DataPart > Static { padding: 0 1; }
    DataPart > LoadingIndicator { height: 1; min-height: 1; }
    DataPart > .part-error { color: $error; }
    DataPart > .part-body { height: auto; }
    DataPart.-error { border: round $error; }
    """

    def __init__(self, title: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = title
        self.state = "loading"

    def compose(self) -> ComposeResult:
        yield LoadingIndicator()

    def show_loading(self) -> None:
        self.state = "loading"
        self.remove_class("-error")
        self.remove_children()
        self.mount(LoadingIndicator())

    def show_error(self, text: str) -> None:
        self.state = "error"
        self.add_class("-error")
        self.remove_children()
        self.mount(Static(Content(text), classes="part-error"))

    def show(self, *widgets: Widget) -> None:
        self.state = "ready"
        self.remove_class("-error")
        self.remove_children()
        for widget in widgets:
            widget.add_class("part-body")
        self.mount_all(widgets)
