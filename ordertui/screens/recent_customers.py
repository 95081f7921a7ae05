"""Customers chosen in this session (memory only), offered in the command palette on every screen."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ordertui import format as fmt
from ordertui.model import CustomerHit
from ordertui.screens.customer_detail import open_customer

if TYPE_CHECKING:
    from ordertui.shell import Shell


class RecentCustomersProvider(Provider):
    """Customers chosen in this session (memory only), offered in the command palette."""

    def _recent(self) -> list[CustomerHit]:
        session = cast("Shell", self.app).session
        return list(session.recent_customers) if session is not None else []

    @staticmethod
    def _label(hit: CustomerHit) -> str:
        city = f" — {hit.city}" if hit.city else ""
        return f"Customer {fmt.doc_number(hit.number)} {hit.name}{city}"

    async def discover(self) -> Hits:
        for hit in self._recent():
            yield DiscoveryHit(self._label(hit), partial(open_customer, self.app, hit), help="Recent customer: open its detail")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for hit in self._recent():
            label = self._label(hit)
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(open_customer, self.app, hit), text=label, help="Recent customer: open its detail")


