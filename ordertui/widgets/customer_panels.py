"""A titled panel that shows one live part of a screen: loading, an error, or its content.

The customer detail fetches its parts in parallel; each part paints as it arrives, with its
own spinner and its own error, so a slow credit check never hides the address.

The spinner is mounted once and shown or hidden, the error line when the part first has an
error to show; only new content is mounted (mounting costs a stylesheet pass per widget, which
adds up on a busy screen): a screen that shows the same widget again, updated in place, mounts
nothing.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import LoadingIndicator, Static


class DataPart(Vertical):
    """One part: a border title, then a spinner, an error line, or the content widgets."""

    class StateChanged(Message):
        """The part started loading, or got its answer or its error (the screen's header says
        "fetched" only when no part is loading)."""

        def __init__(self, part: DataPart) -> None:
            super().__init__()
            self.part = part

    DEFAULT_CSS = """
    DataPart {
        height: auto;
        border: round $primary 50%;
        border-title-color: $text;
        padding: 0;
    }
    DataPart Static { padding: 0 1; }
    DataPart > LoadingIndicator { height: 1; min-height: 1; }
    DataPart > .part-error { color: $error; }
    DataPart > .part-content { height: auto; }
    DataPart .part-body { height: auto; }
    DataPart.-error { border: round $error; }
    """

    def __init__(self, title: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = title
        self.state = "loading"

    def compose(self) -> ComposeResult:
        # kept, not queried: a query walks the part's widgets and matches selectors each time
        # (three per state change, on every part of every screen that shows parts)
        self._spinner = LoadingIndicator()
        yield self._spinner
        #: the error line, mounted when there is first an error to show (most parts never have
        #: one: six widgets fewer to mount and style on a customer detail)
        self._error: Static | None = None
        self._content = Vertical(classes="part-content")
        self._content.display = False
        yield self._content

    def _switch(self, state: str) -> None:
        changed = state != self.state
        self.state = state
        if changed:
            self.post_message(self.StateChanged(self))
        self.set_class(state == "error", "-error")
        self._spinner.display = state == "loading"
        if self._error is not None:
            self._error.display = state == "error"
        self._content.display = state == "ready"

    def show_loading(self) -> None:
        self.border_subtitle = ""  # no "fetched" time of the figures before beside the spinner
        self._switch("loading")

    def show_error(self, text: str) -> None:
        if self._error is None:
            self._error = Static(Content(text), classes="part-error")
            self.mount(self._error, before=self._content)
        else:
            self._error.update(Content(text))
        self._switch("error")

    def show(self, *widgets: Widget) -> None:
        """Show ``widgets`` as the content. Those shown already stay mounted where they are (a
        screen that repaints a part with the same table, refilled, pays no mount and no
        restyle for it), in the same order; the others replace what is not shown any more."""
        content = self._content
        current = list(content.children)
        kept = [w for w in widgets if any(w is c for c in current)]
        if kept != [c for c in current if any(c is w for w in widgets)]:
            raise ValueError("a widget shown again keeps its place among the part's widgets")
        for widget in widgets:
            widget.add_class("part-body")
        if not kept:
            content.remove_children()
            content.mount_all(widgets)
        else:
            gone = [c for c in current if not any(c is k for k in kept)]
            if gone:
                content.remove_children(gone)
            for i, widget in enumerate(widgets):
                if not any(widget is k for k in kept):
                    following = next((w for w in widgets[i + 1:] if any(w is k for k in kept)), None)
                    content.mount(widget, before=following)
        self._switch("ready")


class PartsBody(VerticalScroll):
    """The scrolling body that holds a screen's parts (it takes the focus so that the arrow keys
    and PageUp/PageDown scroll them).

    Textual restyles a widget and every widget under it when its focus changes, in case a rule
    styles the children by the parent's focus. None does here (the parts, their tables and
    texts have their own focus rules or none), so the body restyles itself alone: on a customer
    detail it takes the focus as it opens, and that restyled all 26 widgets under it (5 ms).
    ``tests/screens/test_caller_desk.py`` checks that the styles come out the same as Textual's."""

    def watch_has_focus(self, _has_focus: bool) -> None:
        self.app.stylesheet.update_nodes([self], animate=True)
