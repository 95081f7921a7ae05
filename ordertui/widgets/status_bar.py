"""One line at the bottom of every screen: banner, system, user, online state, last call, customer.

Colours come from the theme through component classes, so dark, light, high-contrast and
NO_COLOR all work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Static

if TYPE_CHECKING:
    from ordertui.shell import Shell


class StatusBar(Static):
    COMPONENT_CLASSES = {
        "status--sandbox",
        "status--production",
        "status--read-only",
        "status--online",
        "status--offline",
        "status--customer",
        "status--muted",
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
    """

    def on_mount(self) -> None:
        for name in ("session", "online", "last_call", "current_customer", "connecting"):
            self.watch(self.app, name, self._changed, init=False)
        self.watch(self.app, "theme", self._changed, init=False)
        self._changed()

    def _changed(self, *_args) -> None:
        self.update(self.render_status())

    def _style(self, name: str):
        return self.get_component_rich_style(name, partial=True)

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
        last = app.last_call
        if last is not None:
            text.append(f"  last call {last.seconds * 1000:.0f} ms", style=self._style("status--muted"))
        customer = app.current_customer
        if customer is not None:
            text.append("  │ ", style=self._style("status--muted"))
            text.append(f"{customer.number} {customer.name}", style=self._style("status--customer"))
        return text


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

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Footer()
