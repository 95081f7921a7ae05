"""What the product screens say and do about the caller (the current customer)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.content import Content

from ordertui import format as fmt
from ordertui.model import CustomerHit

if TYPE_CHECKING:
    from ordertui.shell import Shell


def customer_banner(customer: CustomerHit | None, key: str = "F2") -> Content:
    """Whose prices these are; without a customer, how to find one: ``key`` is the key shown
    to the user, one that works wherever the hint is shown (the area key, even while typing)."""
    if customer is None:
        return Content.assemble(
            ("Prices need a customer", "bold $warning"),
            " — press ",
            (key, "bold"),
            " to find the caller; availability works without one",
        )
    parts: list[Any] = ["Prices for ", (f"{fmt.doc_number(customer.number)} {customer.name}", "bold")]
    if customer.city:
        parts.append(f" — {customer.city}")
    if customer.blocked:
        parts += ["  ", (" BLOCKED ", "bold $text-error on $error-muted")]
    return Content.assemble(*parts)


def go_to_customers(shell: Shell) -> None:
    shell.go("customers")


def find_key(shell: Shell) -> str:
    """The key that opens Customers from anywhere (F2, or what the user's keymap says)."""
    shown = shell.key_display_for("area_customers") or "f2"
    return shown.upper() if len(shown) <= 3 and shown[:1] == "f" else shown
