"""What screens and widgets may ask of the app: the ``Shell`` protocol.

``OrderTuiApp`` (``ordertui.app``) implements it; screens reach it as ``self.shell``
(``ordertui.screens.base.SapScreen``) and never import the app module, so the app sits above
its screens and no import goes back up. Textual's own ``App`` API (``push_screen``, ``notify``,
``switch_mode`` …) stays on ``self.app``. Anything a screen needs from ordertui's app that is not
here is a change to this protocol, made on purpose.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ordertui.config import Profile
    from ordertui.desk import Desk
    from ordertui.model import CallEvent, CustomerHit
    from ordertui.sap.gateway import SapGateway
    from ordertui.session import Session


class Shell(Protocol):
    #: the UI-free SAP side: profiles, clock, call log, banners
    desk: Desk
    #: reactives (watch them with ``self.watch(self.app, name, callback)``)
    session: Session | None
    current_customer: CustomerHit | None
    online: bool | None
    last_call: CallEvent | None
    connecting: bool
    #: why the login screen was opened: (title, reason)
    login_reason: tuple[str, str] | None

    def go(self, area_id: str) -> bool:
        """Open an area; False (and a word to the user) when it cannot be opened."""
        ...

    def has_area(self, area_id: str) -> bool: ...

    def set_current_customer(self, customer: CustomerHit) -> None: ...

    def handle_sap_error(self, error: BaseException, *, group: str = "") -> None: ...

    def show_login(self, title: str = "", reason: str = "") -> None: ...

    def open_sandbox(self) -> None: ...

    def open_session(self, session: Session, profile: Profile | None) -> None: ...

    def close_gateway(self, gateway: SapGateway) -> object: ...

    def key_display_for(self, binding_id: str) -> str: ...

    def unlock(self) -> None:
        """End the idle lock (the lock screen calls it once the password is checked)."""
        ...
