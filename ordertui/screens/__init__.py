"""The areas of ordertui and the base class of every screen that talks to SAP.

``AREAS`` is the registry the app builds its modes, F-key bindings and "Go to ..." palette
commands from. Each screen is named by a dotted path and imported only when its area is first
opened, so start-up stays cheap. An area that is not built yet is simply not listed here.

Screens that call SAP derive from ``SapScreen``:

- ``self.gateway`` is the session's ``SapGateway`` (raises ``RuntimeError`` before login);
- every gateway call runs in ``@work(thread=True, exclusive=True, group=..., exit_on_error=False)``
  and posts its result back as a message carrying a token from ``self.new_token(group)``; the
  handler drops it unless ``self.is_current(group, token)``;
- a worker that ends in error is handed to the app's one central handler
  (``OrderTuiApp.handle_sap_error``). A screen that wants to handle a failure itself defines
  ``on_worker_state_changed`` and calls ``event.prevent_default()`` for the errors it took care of;
- the status bar and footer (``ShellBar``) are mounted by the base class: do not yield a
  Footer or StatusBar yourself.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from ordertui.app import OrderTuiApp
    from ordertui.sap.gateway import SapGateway


@dataclass(frozen=True)
class Area:
    id: str  # mode name and binding id ("area_<id>")
    title: str  # shown in help and as "Go to <title>"
    key: str  # F-key, e.g. "f2"
    screen: str  # "package.module:ClassName", imported lazily
    help: str = ""  # one line for the palette and the help screen


#: In F-key order. Other areas join as they are built (never listed before they exist).
AREAS: tuple[Area, ...] = (
    Area("customers", "Customers", "f2", "ordertui.screens.customers:CustomersScreen", "Find the caller: number, name, city, postal code or phone"),
    Area("products", "Products", "f3", "ordertui.screens.products:ProductsScreen", "Price and availability of a material for the current customer"),
)


def load_screen_class(dotted: str) -> type[Screen]:
    module_name, _, class_name = dotted.partition(":")
    import importlib

    module = importlib.import_module(module_name)
    return getattr(module, class_name)


_tokens = itertools.count(1)


class SapScreen(Screen):
    """A screen whose data comes from SAP, with the shell's status bar and footer."""

    #: Whether this screen needs a logged-on session (the area keys are refused before).
    NEEDS_SESSION = True

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._current_tokens: dict[str, int] = {}

    # ------------------------------------------------------------------ helpers for screens
    @property
    def ordertui(self) -> OrderTuiApp:
        return self.app  # type: ignore[return-value]

    @property
    def gateway(self) -> SapGateway:
        session = self.ordertui.session
        if session is None:
            raise RuntimeError("no SAP session yet")
        return session.gateway

    def new_token(self, group: str) -> int:
        """A fresh request token for ``group``; results carrying an older token are stale."""
        token = next(_tokens)
        self._current_tokens[group] = token
        return token

    def is_current(self, group: str, token: int) -> bool:
        return self._current_tokens.get(group) == token

    # ------------------------------------------------------------------ shell furniture
    def on_mount(self) -> None:
        from ordertui.widgets.status_bar import ShellBar

        if not self.query(ShellBar):
            self.mount(ShellBar())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.ordertui.handle_sap_error(event.worker.error, group=event.worker.group)
