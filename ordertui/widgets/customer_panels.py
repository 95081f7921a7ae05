"""A titled panel that shows one live part of a screen: loading, an error, or its content.

The customer detail fetches its parts in parallel; each part paints as it arrives, with its
own spinner and its own error, so a slow credit check never hides the address.

A part that is loading shows its spinner only once SAP has kept it waiting ``SPINNER_AFTER``
seconds: an answer that comes sooner replaces what the part showed in the same frame, with no
spinner flashed in between (at SAP's usual speed a spinner frame was a whole extra layout and
paint of the screen; issue 12). Until then nothing on the screen changes: the part shows what it
showed, with its "fetched" stamp (true of those figures); the stamp goes when the spinner comes,
and the screen's header says "fetching…" from then on (``StateChanged``). An answer within the
delay is thus the only frame a refresh costs (a requote drew a frame of "fetching…" headers
first, 7-12 ms, which the answer's frame then waited behind: docs/performance.md, "Fourth pass").

The spinner is mounted when the part first spins (at SAP's usual speed most parts never do)
and then shown or hidden, the error line when the part first has an error to show; only new
content is mounted (mounting costs a stylesheet pass per widget, which adds up on a busy
screen): a screen that shows the same widget again, updated in place, mounts nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import LoadingIndicator, Static


class DataPart(Vertical):
    """One part: a border title, then a spinner, an error line, or the content widgets."""

    class StateChanged(Message):
        """The part shows it is loading (its spinner, once SAP has kept it waiting), or got its
        answer or its error (the screen's header says "fetched" only when no part is loading)."""

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
    DataPart .part-body { height: auto; }
    DataPart.-error { border: round $error; }
    """

    #: seconds a part waits for its answer before it shows its spinner
    SPINNER_AFTER = 0.15

    def __init__(
        self, title: str, *, id: str | None = None, classes: str | None = None, asked: bool = True,
        held: Sequence[Widget] = (),
    ) -> None:
        """``held``: content widgets mounted with the part, hidden, for its first ``show`` (a
        screen whose answers come as it is shown mounts nothing then: ``show`` of widgets the
        part holds shows them)."""
        super().__init__(id=id, classes=classes)
        self.border_title = title
        #: "loading", "ready" or "error"; "empty" for a part nobody asked anything yet (made
        #: ahead of its screen's use, ``asked=False``: no spinner until ``show_loading``)
        self.state = "loading" if asked else "empty"
        self._spinner_timer: Timer | None = None
        # kept, not queried: a query walks the part's widgets and matches selectors each time
        # (three per state change, on every part of every screen that shows parts)
        #: the spinner, mounted when SAP first keeps the part waiting (``_spin``)
        self._spinner: LoadingIndicator | None = None
        #: the error line, mounted when there is first an error to show (most parts never have
        #: one: six widgets fewer to mount and style on a customer detail)
        self._error: Static | None = None
        #: the content widgets shown now (``show``), the part's last children. They have no
        #: container of their own: one per part was 6 of the 19 widgets a customer detail
        #: mounted, styled, laid out and drew each time it opened.
        self._body: list[Widget] = list(held)
        self._body_shown = False
        for widget in held:
            widget.add_class("part-body", update=False)
            widget.display = False

    def compose(self) -> ComposeResult:
        yield from self._body  # (held: hidden until shown)

    def on_mount(self) -> None:
        if self.state == "loading" and self._spinner_timer is None:
            # made loading (as every part starts): the spinner shows if no answer comes first
            self._spinner_timer = self.set_timer(self.SPINNER_AFTER, self._spin, name="part-spinner")

    def _switch(self, state: str) -> None:
        changed = state != self.state
        self.state = state
        if changed:
            self.post_message(self.StateChanged(self))
        if self._spinner_timer is not None:
            self._spinner_timer.stop()
            self._spinner_timer = None
        self.set_class(state == "error", "-error")
        if self._spinner is not None:
            self._spinner.display = False
        if self._error is not None:
            self._error.display = state == "error"
        self._show_body(state == "ready")

    def _show_body(self, shown: bool) -> None:
        if not shown and any(widget.has_focus or widget.has_focus_within for widget in self._body):
            # A hidden widget gives its focus up and nothing takes it: Tab, the arrows and
            # PageDown did nothing until the screen was left and shown again (a last order
            # opened with Tab and Enter, F2 back, the detail's refresh spinning at SAP's pace).
            # The part's scrolling ancestor takes it, as the screen gives it when it opens.
            holder = next((node for node in self.ancestors if isinstance(node, Widget) and node.focusable), None)
            if holder is not None:
                holder.focus(scroll_visible=False)
        self._body_shown = shown
        for widget in self._body:
            widget.display = shown

    def show_loading(self) -> None:
        """Wait for an answer: what the part shows stays for ``SPINNER_AFTER`` seconds, stamp and
        all, then the spinner takes its place (``spinning``) and the part says it is loading
        (``StateChanged``); ``state`` is "loading" at once."""
        if not self.is_mounted:
            self.state = "loading"  # made loading before it is shown: its timer starts when it mounts
            return
        if self.state == "loading" and (self._spinner_timer is not None or self.spinning):
            return  # waiting already: the spinner keeps its time
        self.state = "loading"
        self._spinner_timer = self.set_timer(self.SPINNER_AFTER, self._spin, name="part-spinner")

    def _spin(self) -> None:
        self._spinner_timer = None
        if self.state != "loading":
            return
        self.border_subtitle = ""  # no "fetched" time of figures that are not shown any more
        self.post_message(self.StateChanged(self))
        self.set_class(False, "-error")
        if self._spinner is None:
            self._spinner = LoadingIndicator()
            self.mount(self._spinner, before=0)
        else:
            self._spinner.display = True
        if self._error is not None:
            self._error.display = False
        self._show_body(False)

    @property
    def body(self) -> tuple[Widget, ...]:
        """The content widgets (``show``), shown or hidden."""
        return tuple(self._body)

    @property
    def body_shown(self) -> bool:
        """Whether the content is shown (not yet, or hidden by the spinner or an error)."""
        return self._body_shown

    @property
    def spinning(self) -> bool:
        """Whether the spinner shows (the part has waited ``SPINNER_AFTER`` seconds and more)."""
        return self.state == "loading" and self._spinner is not None and self._spinner.display

    def show_error(self, text: str) -> None:
        if self._error is None:
            self._error = Static(Content(text), classes="part-error")
            self.mount(self._error, before=self._body[0] if self._body else None)
        else:
            self._error.update(Content(text))
        self._switch("error")

    def show(self, *widgets: Widget) -> None:
        """Show ``widgets`` as the content. Those shown already stay mounted where they are (a
        screen that repaints a part with the same table, refilled, pays no mount and no
        restyle for it), in the same order; the others replace what is not shown any more."""
        current = self._body
        kept = [w for w in widgets if any(w is c for c in current)]
        if kept != [c for c in current if any(c is w for w in widgets)]:
            raise ValueError("a widget shown again keeps its place among the part's widgets")
        for widget in widgets:
            # a new widget is styled as it mounts: a class given with a style pass before that
            # matched the whole style sheet against it for nothing (3 ms per customer detail for
            # the partners' table alone; pyinstrument, docs/performance.md "Sixth pass")
            widget.add_class("part-body", update=widget.is_mounted)
        gone = [c for c in current if not any(c is k for k in kept)]
        if gone:
            self.remove_children(gone)
        if not kept:
            self.mount_all(widgets)  # after the spinner and the error line, if they were made
        else:
            for i, widget in enumerate(widgets):
                if not any(widget is k for k in kept):
                    following = next((w for w in widgets[i + 1:] if any(w is k for k in kept)), None)
                    self.mount(widget, before=following)  # (None: at the end)
        self._body = list(widgets)
        self._switch("ready")


class PartsBody(VerticalScroll):
    """The scrolling body that holds a screen's parts (the customer detail's, the quote's; it takes
    the focus so that the arrow keys and PageUp/PageDown scroll them).

    Textual restyles a widget and every widget under it when its focus changes, in case a rule
    styles the children by the parent's focus. None does here (the parts, their tables and
    texts have their own focus rules or none), so the body restyles itself alone: on a customer
    detail it takes the focus as it opens, and that restyled all 26 widgets under it (5 ms).
    ``tests/screens/test_caller_desk.py`` checks that the styles come out the same as Textual's."""

    def watch_has_focus(self, _has_focus: bool) -> None:
        self.app.stylesheet.update_nodes([self], animate=True)

    #: whether the parts were taller than the body the last time a body with this id was laid
    #: out without its scrollbar: the width they are tried in first (``_get_scrollable_region``)
    _taller_last: dict[str | None, bool] = {}

    def _get_scrollable_region(self, region: Region) -> Region:
        """The region the parts are laid out in: ``region`` less the vertical scrollbar when
        the parts will not fit.

        Textual lays the parts out in the width the scrollbar left them last time, shows the
        scrollbar once it sees they are taller than the body and then lays the whole screen out
        again, two columns narrower: a customer whose parts are taller than the screen was
        drawn once in a frame of the wrong width and a second time right, 22-26 ms later (a quote
        at 80x24 too; docs/performance.md, "Ninth pass"). Here the parts are arranged first, and when they
        are taller the scrollbar is shown before the layout rather than after it. Textual keeps
        that arrangement for the layout when it was made in the width the layout gives them, so
        they are tried in the width the last body with this id needed: beside the scrollbar
        after a customer whose parts were taller (if they fit there, they fit in the whole width
        too), in the whole width after one whose parts fitted (if they are taller there, they
        are taller beside the scrollbar too). Either way the answer is exact; a wrong guess costs
        one arrangement more. It never hides the scrollbar: a body that gets shorter loses it as
        in Textual.
        """
        bar = self.styles.scrollbar_size_vertical
        if not self.show_vertical_scrollbar and self.styles.overflow_y == "auto" and 0 < bar < region.width:
            size = region.size
            guess = PartsBody._taller_last.get(self.id, True)
            taller = self.arrange(size.with_width(size.width - bar) if guess else size).total_region.bottom > size.height
            PartsBody._taller_last[self.id] = taller
            if taller:
                self.set_reactive(Widget.show_vertical_scrollbar, True)
                # shown as Textual's ``_refresh_scrollbars`` shows it, but without asking for a
                # layout (this is one) or counting as a change among the body's children (which
                # threw away the arrangement just made)
                self.vertical_scrollbar.styles.set_rule("display", "block")
        return super()._get_scrollable_region(region)


class Arrivals:
    """The answers to one refresh of a screen's parts, painted together.

    Answers that come within ``WINDOW`` seconds of each other are painted in one go, the moment
    the last expected one is in or the window closes: a screen whose parts answered a few
    milliseconds apart was laid out and drawn once per answer the event loop happened to pick
    up between two frames (three full layouts for one customer detail at SAP's usual speed;
    issue 12). A slow part still never holds the others back by more than the window.
    """

    WINDOW = 0.1

    def __init__(self, owner: Widget, expected: int) -> None:
        self._owner = owner
        self._expected = expected
        self._waiting: list[Callable[[], None]] = []
        self._timer: Timer | None = None

    def add(self, paint: Callable[[], None]) -> None:
        """``paint`` an answer, with the others that come soon."""
        self._waiting.append(paint)
        self._expected -= 1
        if self._expected <= 0:
            self.flush()
        elif self._timer is None:
            self._timer = self._owner.set_timer(self.WINDOW, self.flush, name="part-arrivals")

    def later(self, paint: Callable[..., None], *first: object) -> Callable[..., None]:
        """A fetch's ``on_done``/``on_error`` that hands ``paint(*first, *answer)`` to ``add``."""
        return lambda *answer: self.add(partial(paint, *first, *answer))

    def flush(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        waiting, self._waiting = self._waiting, []
        for paint in waiting:
            paint()

    def drop(self) -> None:
        """A newer refresh started: what waits here is not painted."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._waiting = []


def update_if_changed(static: Static, content: Content) -> None:
    """Show ``content`` in ``static`` unless it shows it already, text and styles alike (every
    part's answer and state change asks the screen's header again, and most leave it as it was:
    each ``update`` lays the screen out again). ``Content ==`` compares the text only."""
    shown = static.visual
    if not (isinstance(shown, Content) and shown.plain == content.plain and shown.spans == content.spans):
        static.update(content)
