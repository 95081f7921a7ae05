"""Messages the app and its screens pass each other (posted on the event loop)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from ordertui.session import Session


class SessionOpened(Message):
    """A session worker opened a session (sandbox or real system)."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session


class SessionFailed(Message):
    """Opening a session failed; the app routes the error to its one handler."""

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error


class CallRecorded(Message):
    """RFC calls finished: one, or a burst that ended before the event loop took the first. The
    app takes them from the desk (``Desk.take_calls``: technical events only, never a payload)."""


class LoginReasonChanged(Message):
    """Tell an open login screen that ``app.login_reason`` changed."""
