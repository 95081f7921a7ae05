"""Typed errors of the SAP layer. Each has a short user-facing ``title``.

No message here may carry a password or any other secret; business data (numbers, names)
may appear in messages shown on screen, but callers never log ``str(error)`` — only the
class name (see ``ordertui.sap.rfc`` call events).
"""

from __future__ import annotations

from ordertui.model import SapMessage


class SapError(Exception):
    title = "SAP error"
    #: True when the connection's session state (an open LUW) must be considered lost.
    luw_lost = False

    def __init__(self, message: str = "", *, messages: tuple[SapMessage, ...] = ()):
        super().__init__(message or self.title)
        self.message = message or self.title
        self.messages = tuple(messages)

    def __str__(self) -> str:
        return self.message


class SapUnreachable(SapError):
    """No connection could be made, or the connection broke during a call."""

    title = "SAP unreachable"
    luw_lost = True


class SapTimeout(SapUnreachable):
    """A call did not answer within its timeout; the call may still complete on SAP's side."""

    title = "SAP did not answer in time"


class LogonFailed(SapError):
    """SAP refused the logon: wrong password, locked user, expired password ..."""

    title = "Logon failed"


class NotAuthorized(SapError):
    title = "Not authorized"


class SapSystemError(SapError):
    """An ABAP runtime error (short dump) or an uncaught ABAP message: the session is gone."""

    title = "SAP runtime error"
    luw_lost = True


class SapBusinessError(SapError):
    """SAP processed the call and said no: carries SAP's messages."""

    title = "SAP rejected the request"

    def __init__(self, message: str = "", *, messages: tuple[SapMessage, ...] = ()):
        if not message and messages:
            errors = [m for m in messages if m.is_error] or list(messages)
            message = errors[0].text
        super().__init__(message, messages=messages)


class NotFound(SapBusinessError):
    title = "Not found"


class OrderOutcomeUnknown(SapError):
    """A create was sent and it is not known whether SAP saved the order.

    Raised only by ``SapGateway.create_order``, when the commit was sent (or may have been) and
    its answer was lost — a communication error, a timeout, an ABAP runtime error — and SAP
    has not answered a lookup that finds the order. Every other ``SapError`` from
    ``create_order`` means the order was certainly NOT saved.

    While this stands, the draft must not be sent again: look it up with
    ``SapGateway.find_created_order(draft, known_before=error.known_before)`` until SAP answers;
    an answered "none" counts only once SAP's update task has had time to post the order
    (``assumptions.UPDATE_TASK_GRACE_SECONDS`` after the send).

    ``customer_po``: what SAP stores as the order's PO (PURCH_NO_C: the typed PO, or the draft's
    reference), what a lookup finds it by. ``known_before``: the orders (numbers without zeros)
    of this sold-to that carried that PO before the create was sent — not this draft's order.
    ``cause``: the title of the error that broke the save.
    """

    title = "Not known whether saved"
    luw_lost = True

    def __init__(
        self,
        message: str = "",
        *,
        customer_po: str = "",
        known_before: frozenset[str] = frozenset(),
        cause: str = "",
        messages: tuple[SapMessage, ...] = (),
    ):
        super().__init__(message, messages=messages)
        self.customer_po = customer_po
        self.known_before = frozenset(known_before)
        self.cause = cause


class PyrfcMissing(SapError):
    title = "No SAP RFC library installed"

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message
            or "No pyrfc library is installed. Install one of:  pip install 'ordertui[rfc]'  "
            "(pyrfcx, needs SAP's NW RFC SDK)  or  pip install 'ordertui[rfc-nosdk]'  "
            "(erpl-pyrfc, no SDK, BUSL-1.1 licence)."
        )


class RfcSdkMissing(PyrfcMissing):
    """pyrfcx (or SAP's PyRFC) is installed but cannot load SAP's NW RFC SDK (libsapnwrfc).

    pyrfcx imports without the SDK and fails when the first connection is opened
    (``pyrfcx.SdkNotFoundError``); SAP's PyRFC fails on ``import pyrfc`` (ImportError naming
    libsapnwrfc). Either way the user has two ways out, and the message names both.
    """

    title = "SAP NW RFC SDK missing"

    def __init__(self, detail: str = "") -> None:
        text = (
            "pyrfc (pyrfcx) needs SAP's NW RFC SDK, which was not found. Either install the SDK "
            "(SAP Support Portal, 'SAP NW RFC SDK 7.50'; an S-user is needed) and set SAPNWRFC_HOME "
            "to its directory, or use the library that needs no SDK:  pip uninstall pyrfcx && "
            "pip install 'ordertui[rfc-nosdk]'  (erpl-pyrfc, BUSL-1.1 licence)."
        )
        first = detail.strip().splitlines()[0] if detail.strip() else ""
        super().__init__(f"{text} ({first})" if first else text)
