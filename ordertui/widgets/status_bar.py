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
from typing import TYPE_CHECKING, Any, Protocol, cast

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Static

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
        # repainted with the next frame (``render``); the bar's size never depends on its text
        self.refresh()

    def render(self) -> Text:
        return self.render_status()

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


class ShellFooter(Footer):
    """Textual's footer, composed again only when what it shows changes.

    Textual's footer mounts empty, composes its keys after the screen's first frame, and composes
    them anew (ten or so widgets mounted, styled and rendered) at every change of the screen's
    bindings: each screen opened and each focus change, even when the keys shown stay the same (a
    customer detail's body taking the focus). This one composes with the screen's keys as it
    mounts, and afterwards only when the keys, their descriptions or whether they are enabled
    differ from what it shows.
    """

    def __init__(self) -> None:
        super().__init__()
        self.set_reactive(Footer._bindings_ready, True)
        #: what the keys shown were composed from
        self._shown: tuple[Any, ...] | None = None

    @staticmethod
    def _what_shows(screen: Screen[Any]) -> tuple[Any, ...]:
        active = screen.active_bindings
        palette = active.get(screen.app.COMMAND_PALETTE_BINDING)  # shown on the right
        return tuple(
            (binding.key, binding.action, binding.description, binding.group, binding.tooltip, enabled, tooltip)
            for (_node, binding, enabled, tooltip) in active.values()
            if binding.show or palette is not None and binding is palette[1]
        )

    def compose(self) -> ComposeResult:
        self._shown = self._what_shows(self.screen)
        yield from super().compose()

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if self._shown is not None and screen is self.screen and self._what_shows(screen) == self._shown:
            return  # the same keys: nothing to compose
        super().bindings_changed(screen)


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
