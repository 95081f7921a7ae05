"""A minimal host app with the shell's contract (session, current_customer, modes by area id),
for driving the screens with a scripted gateway. Flows over the whole stack use the shell's
``app_factory`` instead."""

from __future__ import annotations

import datetime as dt

from textual.app import App
from textual.reactive import reactive

from ordertui.model import CustomerHit
from ordertui.session import Session
from .fakes import AREA, TODAY, FakeGateway

NOW = dt.datetime(2026, 11, 27, 9, 30, 0)


def _load(module: str, name: str):
    import importlib

    return getattr(importlib.import_module(module), name)()


class HostApp(App):
    MODES = {
        "customers": lambda: _load("ordertui.screens.customers", "CustomersScreen"),
        "products": lambda: _load("ordertui.screens.products", "ProductsScreen"),
    }
    current_customer: reactive[CustomerHit | None] = reactive(None)
    # what the shell's status bar watches
    session = reactive(None, init=False)
    online = reactive(True, init=False)
    last_call = reactive(None, init=False)
    connecting = reactive(False, init=False)

    def __init__(self, gateway=None, mode="customers"):
        super().__init__()
        self.session = Session(gateway=gateway or FakeGateway(), sales_area=AREA, today=lambda: TODAY, now=lambda: NOW, sandbox=True)
        self._first_mode = mode
        self.errors: list[BaseException] = []

    def on_mount(self) -> None:
        self.switch_mode(self._first_mode)

    def banners(self):
        return [("SANDBOX", "sandbox")]

    def handle_sap_error(self, error, *, group=""):
        self.errors.append(error)

    def on_worker_state_changed(self, event) -> None:
        if event.worker.error is not None:
            self.errors.append(event.worker.error)
