"""The start screen: which system this is, and where to go from here."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ordertui.areas import AREAS
from ordertui.screens.base import SapScreen


class HomeScreen(SapScreen):
    NEEDS_SESSION = False
    HELP_TITLE = "Home"
    HELP = "Typing a customer number, name or phone number here starts a customer search — even before SAP has answered."

    def __init__(self) -> None:
        super().__init__()
        #: keys typed for a customer search before the session was open, and whether Enter followed
        self._typed = ""
        self._submit = False

    def compose(self) -> ComposeResult:
        # Few widgets on purpose: this is the first screen (start-up budget).
        with VerticalScroll(id="home"):
            yield Static(id="home-system")
            yield Static(id="home-guide")

    def on_mount(self) -> None:
        self.watch(self.app, "session", self._session_changed, init=False)
        for name in ("connecting", "online"):
            self.watch(self.app, name, self._refresh_info, init=False)
        self._refresh_info()

    def on_key(self, event: events.Key) -> None:
        # The first call comes in while ordertui starts: the number typed is the search, run as
        # soon as SAP answers (issue 8 item 10a).
        from ordertui.widgets.fields import typed_character  # noqa: PLC0415 — not on the start-up path

        if typed_character(self, event):
            self._typed += event.character or ""
        elif self._typed and event.key == "enter":
            self._submit = True
        elif self._typed and event.key == "backspace":
            self._typed = self._typed[:-1]
        else:
            return
        event.stop()
        event.prevent_default()
        self._hand_over()

    def _hand_over(self) -> None:
        """Give what was typed to the customer search once there is a session to search with."""
        if not self._typed:
            return
        if self.shell.session is None:
            self._refresh_info()
            return
        from ordertui.screens.customer_detail import search_customers  # noqa: PLC0415 — loaded with its area

        text, submit = self._typed, self._submit
        self._typed, self._submit = "", False
        search_customers(self.app, text, submit=submit)

    def _session_changed(self, *_args: object) -> None:
        self._refresh_info()
        if self.shell.session is not None and self._typed:
            self.app.call_later(self._hand_over)  # after the app has opened the area it was asked for

    def _refresh_info(self, *_args) -> None:
        app = self.app
        shell = self.shell
        session = shell.session
        system = Text()
        system.append("ordertui\n\n", style="bold")
        if session is not None and session.system is not None:
            info = session.system
            if session.sandbox:
                system.append("Sandbox company ", style="bold")
                system.append("— a simulated SAP system to train and try things out.\n")
            else:
                system.append(f"{info.system_id}", style="bold")
                system.append(f" release {info.release}\n")
            system.append(f"Client {info.client}, user {info.user}")
            if session.defaults and session.defaults.full_name:
                system.append(f" ({session.defaults.full_name})")
            system.append(f", sales area {session.sales_area}")
        elif shell.connecting:
            system.append("Connecting to the sandbox company…")
            if self._typed:
                system.append(f"\nSearching for “{self._typed}” as soon as SAP answers.", style="bold")
        else:
            system.append("Not logged on. Ctrl+P → “Log on / switch profile”.")
        self.query_one("#home-system", Static).update(system)

        areas = Table.grid(padding=(0, 2))
        areas.add_column(style="bold", no_wrap=True, min_width=6)
        areas.add_column(style="bold", no_wrap=True)
        areas.add_column()
        for area in AREAS:
            if not shell.has_area(area.id):
                continue
            areas.add_row(shell.key_display_for(f"area_{area.id}"), area.title, area.help)
        if not AREAS:
            areas.add_row("", "No order-desk areas are installed yet.", "")

        keys = Table.grid(padding=(0, 2))
        keys.add_column(style="bold", no_wrap=True, min_width=6)
        keys.add_column()
        for key, what in (
            (shell.key_display_for("help"), "help for the screen you are on"),
            (app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, "")), "command palette: every area and action by name"),
            (shell.key_display_for("call_log"), "call log: each SAP call with its duration"),
            (shell.key_display_for("back"), "back"),
            (shell.key_display_for("quit"), "quit"),
        ):
            keys.add_row(key, what)
        self.query_one("#home-guide", Static).update(
            Group(Text("Areas", style="bold"), areas, Text(""), Text("Keys", style="bold"), keys)
        )
