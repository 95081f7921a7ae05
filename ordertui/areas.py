"""The areas of ordertui: the registry the app builds its modes, F-key bindings and "Go to ..."
palette commands from.

Each screen is named by a dotted path and imported only when its area is first opened, so
start-up stays cheap. An area that is not built yet is simply not listed here. No Textual import.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Area:
    id: str  # mode name and binding id ("area_<id>")
    title: str  # shown in help and as "Go to <title>"
    key: str  # F-key, e.g. "f2"
    screen: str  # "package.module:ClassName", imported lazily
    help: str = ""  # one line for the palette and the help screen
    #: the area writes to SAP: a read-only profile does not offer it
    writes: bool = False


#: In F-key order. Other areas join as they are built (never listed before they exist).
AREAS: tuple[Area, ...] = (
    Area("customers", "Customers", "f2", "ordertui.screens.customers:CustomersScreen", "Find the caller: number, name, city, postal code or phone"),
    Area("products", "Products", "f3", "ordertui.screens.products:ProductsScreen", "Price and availability of a material for the current customer"),
    Area("order", "Order entry", "f6", "ordertui.screens.order_entry:OrderEntryScreen", "Key an order for the current customer: live price, stock and credit", writes=True),
    Area("orders", "Orders", "f7", "ordertui.screens.orders:OrdersScreen", "Where is my order: by order number, customer PO, or the current customer's orders"),
    Area("items", "Open items", "f8", "ordertui.screens.open_items:OpenItemsScreen", "Why is my invoice overdue: the current customer's open items, aged, oldest first"),
)


def area(area_id: str) -> Area | None:
    return next((a for a in AREAS if a.id == area_id), None)


def load_screen_class(dotted: str) -> Any:
    """The screen class named ``package.module:ClassName`` (imported on first use)."""
    module_name, _, class_name = dotted.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, class_name)
