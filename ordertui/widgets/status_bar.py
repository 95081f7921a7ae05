"""One line at the bottom of every screen: banner, system, user, online state, the SAP request
running (and for how long) or the last call's duration, customer.

Colours come from the theme through component classes, so dark, light, high-contrast and
NO_COLOR all work.

The line is built when Textual paints it, not when something it shows changes: the app records
every RFC call (18 for one customer detail) and each changed the bar, which rebuilt its text and
laid the screen out again every time (issue 12). Now a change only marks the bar for repaint, so
it is built at most once per frame, and its component styles are looked up once per style sheet
(Textual forgets its own cache of them at every repaint).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, cast

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.timer import Timer

    from ordertui.shell import Shell


class WaitsForSap(Protocol):
    """The screen under the bar (``SapScreen``): what it is waiting for."""

    def requests_running(self) -> tuple[int, float | None]: ...


class StatusBar(Static):
    COMPONENT_CLASSES = {
        "status--sandbox",
        "status--production",
        "status--read-only",
        "status--online",
        "status--offline",
        "status--customer",
        "status--muted",
        "status--busy",
    }
    DEFAULT_CSS = """
    StatusBar {
        dock: bottom;
        height: 1;
        background: $panel;
        color: $text;
        /* what its Text says (no wrap, "…"), which Textual's drawing ignores: the last word went
           onto a hidden second line, leaving blank cells where the bar was cut */
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    StatusBar > .status--sandbox { background: $warning; color: $background; text-style: bold; }
    StatusBar > .status--production { background: $error; color: $background; text-style: bold; }
    StatusBar > .status--read-only { background: $accent; color: $background; text-style: bold; }
    StatusBar > .status--online { color: $success; }
    StatusBar > .status--offline { background: $error; color: $background; text-style: bold; }
    StatusBar > .status--customer { color: $text; text-style: bold; }
    StatusBar > .status--muted { color: $text-muted; }
    StatusBar > .status--busy { color: $warning; }
    """

    _ticker: Timer | None = None
    #: something it shows changed while its screen was hidden
    _stale = False

    #: a line of status, not text to copy (its segments carry no offsets for a mouse selection)
    ALLOW_SELECT = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        #: component class -> (the styles Textual holds for it, the Rich style made of them)
        self._rich_styles: dict[str, tuple[object, Style]] = {}

    def on_mount(self) -> None:
        for name in ("session", "online", "last_call", "current_customer", "connecting"):
            self.watch(self.app, name, self._changed, init=False)
        self.watch(self.app, "theme", self._changed, init=False)
        self.requests_changed()  # a screen's first requests may have started before the bar mounted

    def _changed(self, *_args) -> None:
        # repainted with the next frame (``render``); the bar's size never depends on its text.
        # A bar whose screen is not shown only notes it: every RFC call changes what all bars
        # show, and each repaint is a round of messages through its screen (27 of the 72 per
        # customer opened were for hidden screens, issue 12). ``catch_up`` repaints it when its
        # screen is shown again, before that screen's first frame.
        if self.screen.is_current:
            self.refresh()
        else:
            self._stale = True

    def catch_up(self) -> None:
        """Its screen is shown again: repaint what changed while it was hidden."""
        if self._stale:
            self._stale = False
            self.refresh()

    def render(self) -> Text:
        return self.render_status()

    def render_line(self, y: int) -> Strip:
        # The line straight from its segments, as ``FooterKeys`` draws its own: the bar's style
        # under its text, cut with "…" at its width (Textual's way through ``Content``: 0.6 ms
        # a line, every screen's first frame; tests/app/test_status_bar.py compares the two).
        width = self.size.width
        base = self.rich_style
        if y or not width:
            return Strip.blank(width, base)
        text = self.render_status()
        text.stylize_before(base)
        text.truncate(width, overflow="ellipsis")
        return Strip(text.render(self.app.console))  # (padded to the width beneath, as Textual's)

    def requests_changed(self) -> None:
        """The screen started or finished an SAP request: count the seconds while one runs."""
        count, _since = self._waiting()
        if count and self._ticker is None:
            self._ticker = self.set_interval(0.5, self._changed, name="sap-request-clock")
        elif not count and self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        self._changed()

    def _waiting(self) -> tuple[int, float | None]:
        screen = self.screen
        if hasattr(screen, "requests_running"):
            return cast("WaitsForSap", screen).requests_running()
        return 0, None

    def _style(self, name: str) -> Style:
        # Textual replaces a component's styles object whenever it applies the style sheet to
        # the bar again (a new theme, a class); the same object means the same style.
        source = self._component_styles.get(name)
        kept = self._rich_styles.get(name)
        if kept is None or kept[0] is not source:
            kept = self._rich_styles[name] = (source, self.get_component_rich_style(name, partial=True))
        return kept[1]

    def render_status(self) -> Text:
        app = cast("Shell", self.app)
        session = app.session
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        for label, kind in app.desk.banners():
            text.append(f" {label} ", style=self._style(f"status--{kind}"))
            text.append(" ")
        if session is not None and session.system is not None:
            info = session.system
            text.append(f"{info.system_id} client {info.client} {info.user}")
        elif app.connecting:
            text.append("connecting…", style=self._style("status--muted"))
        else:
            text.append("not logged on", style=self._style("status--muted"))
        online = app.online
        if online is True:
            text.append("  ● online", style=self._style("status--online"))
        elif online is False:
            text.append("  ", style="")
            text.append(" OFFLINE ", style=self._style("status--offline"))
        count, since = self._waiting() if self.is_attached else (0, None)
        last = app.last_call
        if count and since is not None:
            # a request is on its way: say so, and for how long (not the last one's duration)
            waited = time.monotonic() - since
            what = "SAP working" if count == 1 else f"SAP working ({count} requests)"
            text.append(f"  {what} {waited:.1f} s", style=self._style("status--busy"))
        elif last is not None:
            text.append(f"  last call {last.seconds * 1000:.0f} ms", style=self._style("status--muted"))
        customer = app.current_customer
        if customer is not None:
            text.append("  │ ", style=self._style("status--muted"))
            text.append(f"{customer.number} {customer.name}", style=self._style("status--customer"))
        return text


@dataclass(frozen=True)
class ShownKey:
    """One key in the footer, as Textual's footer takes it from the screen's active bindings."""

    key: str
    display: str
    description: str
    action: str
    enabled: bool
    tooltip: str


class FooterKeys(Widget):
    """The screen's keys on one line, each drawn as Textual's ``FooterKey`` draws itself (its
    styles, padding and dimming), in one widget instead of one per key.

    A key is a widget in Textual's footer: about ten per screen, each mounted, styled, laid out
    and rendered in every full frame (a customer detail's opening rendered 36 of them, 11 ms).
    A click on a key presses it, as on Textual's; the pointer over a key highlights it.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer-key--key", "footer-key--description", "footer-keys--hover"}
    DEFAULT_CSS = """
    FooterKeys {
        width: auto;
        height: 1;
        text-wrap: nowrap;
        background: $footer-item-background;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
            padding: 0 1;
        }
        .footer-key--description {
            padding: 0 1 0 0;
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer-keys--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
    }
    """

    def __init__(self, keys: tuple[ShownKey, ...]) -> None:
        super().__init__()
        self.keys = keys
        #: the key under the pointer (index), None when none is
        self._hover: int | None = None
        #: where each key is on the line (start, end), from the last render
        self._spans: list[tuple[int, int]] = []

    def show(self, keys: tuple[ShownKey, ...]) -> None:
        """Show other keys: the line is drawn again, and laid out again only when its width
        changes (a layout of the screen costs more than drawing one line)."""
        if keys != self.keys:
            width = self._width(self.keys)
            self.keys = keys
            self._hover = None
            self.refresh(layout=self._width(keys) != width)

    def _width(self, keys: tuple[ShownKey, ...]) -> int:
        return sum(self._label(key).cell_len for key in keys)

    def _label(self, key: ShownKey) -> Text:
        """One key as ``FooterKey.render`` draws it, in its key and description styles."""
        key_padding = self.get_component_styles("footer-key--key").padding
        description_padding = self.get_component_styles("footer-key--description").padding
        key_style = self.get_component_rich_style("footer-key--key")
        if not key.description:
            return Text.assemble((key.display, key_style))
        return Text.assemble(
            (" " * key_padding.left + key.display + " " * key_padding.right, key_style),
            (" " * description_padding.left + key.description + " " * description_padding.right,
             self.get_component_rich_style("footer-key--description")),
        )

    def render(self) -> Text:
        base = self.rich_style
        line = Text(no_wrap=True, end="")
        spans = []
        for index, key in enumerate(self.keys):
            label = self._label(key)
            style = base
            if index == self._hover:
                style += self.get_component_rich_style("footer-keys--hover")
            if not key.enabled:
                style += Style(dim=True)  # FooterKey.-disabled
            label.stylize_before(style)
            start = line.cell_len
            line.append_text(label)
            spans.append((start, line.cell_len))
        self._spans = spans
        return line

    def get_content_width(self, container: Size, viewport: Size) -> int:
        # (``width: auto``) its labels' width, what ``render`` joins, at most its container's, as
        # Textual measures it; Textual's own measure renders the line through ``Content`` at
        # every layout that places a new footer
        return min(self._width(self.keys), container.width)

    def render_line(self, y: int) -> Strip:
        # The line straight from its segments: Textual's own way turns the Text into ``Content``
        # (each span's style converted), lays that out and turns it back into segments, 1.3 ms
        # of every screen's first frame for one line; the styles and cells are the same
        # (tests/app/test_status_bar.py compares them with Textual's drawing).
        width = self.size.width
        if y or not width:
            return Strip.blank(width, self.rich_style)
        return Strip(self.render().render(self.app.console)).crop(0, width)

    def key_at(self, x: int) -> ShownKey | None:
        for (start, end), key in zip(self._spans, self.keys):
            if start <= x < end:
                return key
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self.key_at(event.x)
        hover = None if key is None else self.keys.index(key)
        if hover != self._hover:
            self._hover = hover
            self.tooltip = key.tooltip if key is not None and key.tooltip else None
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self.key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()


class ShellFooter(Footer):
    """Textual's footer, with the keys drawn by one widget and composed only when they change.

    Textual's footer mounts empty, composes its keys after the screen's first frame, and composes
    them anew (ten or so widgets mounted, styled and rendered) at every change of the screen's
    bindings: each screen opened and each focus change, even when the keys shown stay the same (a
    customer detail's body taking the focus). This one composes with the screen's keys as it
    mounts, as two widgets: ``FooterKeys`` (every key but the palette's) and the palette's key on
    the right, Textual's own. When the keys change, ``FooterKeys`` is shown the new ones (nothing
    is mounted); the footer composes again only when the palette's key changes. Keys in a binding
    group (none in ordertui) are left to Textual's way.
    """

    def __init__(self) -> None:
        super().__init__()
        self.set_reactive(Footer._bindings_ready, True)
        #: the line of keys (None before compose, and for keys in a binding group)
        self._keys: FooterKeys | None = None
        #: what the palette's key showed when composed
        self._palette_shown: tuple[Any, ...] | None = None

    def _shown_keys(self, screen: Screen[Any]) -> tuple[ShownKey, ...] | None:
        """The keys on the line, as Textual's footer picks them (the first binding of each
        action); None when a binding group is among them."""
        keys: dict[str, ShownKey] = {}
        for _node, binding, enabled, tooltip in screen.active_bindings.values():
            if not binding.show:
                continue
            if binding.group is not None:
                return None
            if binding.action not in keys:
                keys[binding.action] = ShownKey(
                    binding.key, self.app.get_key_display(binding), binding.description, binding.action, enabled, tooltip
                )
        return tuple(keys.values())

    def _palette(self, screen: Screen[Any]) -> Any:
        if not (self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE):
            return None
        return screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)

    def _palette_key(self, screen: Screen[Any]) -> tuple[Any, ...] | None:
        """What the palette's key shows (it changes: the footer composes again)."""
        palette = self._palette(screen)
        if palette is None:
            return None
        _node, binding, enabled, tooltip = palette
        return (binding.key, binding.description, binding.tooltip, enabled, tooltip)

    def compose(self) -> ComposeResult:
        screen = self.screen
        self._palette_shown = self._palette_key(screen)
        keys = self._shown_keys(screen)
        if keys is None:
            self._keys = None
            yield from super().compose()
            return
        self._keys = FooterKeys(keys)
        yield self._keys
        palette = self._palette(screen)
        if palette is not None:
            _node, binding, enabled, tooltip = palette
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                classes="-command-palette",
                disabled=not enabled,
                tooltip=binding.tooltip or binding.description,
            )

    def bindings_changed(self, screen: Screen[Any]) -> None:
        keys = None if self._keys is None or screen is not self.screen else self._shown_keys(screen)
        if self._keys is None or keys is None or self._palette_key(screen) != self._palette_shown:
            super().bindings_changed(screen)  # composed again (after the next frame, as Textual does)
            return
        self._keys.show(keys)  # the same keys: nothing; others: the line redrawn, nothing mounted


class ShellBar(Vertical):
    """The bottom of every SapScreen: the status bar above the footer.

    Two widgets docked to the same edge would overlap, so one docked container holds both.
    """

    DEFAULT_CSS = """
    ShellBar {
        dock: bottom;
        height: auto;
    }
    ShellBar > StatusBar, ShellBar > Footer {
        dock: none;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.status = StatusBar()

    def compose(self) -> ComposeResult:
        yield self.status
        yield ShellFooter()
