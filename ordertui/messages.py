"""Messages the app and its screens pass each other (posted on the event loop)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from ordertui.model import CallEvent
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
    """One RFC call finished (technical event only, never a payload). ``gathered``: the first of
    a burst; the calls that end before it is handled go with it (``Desk.take_calls``)."""

    def __init__(self, event: CallEvent, *, gathered: bool = False) -> None:
        super().__init__()
        self.event = event
        self.gathered = gathered


class LoginReasonChanged(Message):
    """Tell an open login screen that ``app.login_reason`` changed."""
