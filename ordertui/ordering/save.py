"""Saving an order exactly once: the save state machine.

::

    editing ──send──▶ sending ──created──▶ saved
       ▲                 │ ╲──refused (SAP said no: certainly not saved)──▶ not-saved ──▶ (edit, send)
       │                 ╰──outcome unknown──▶ uncertain ◀──────────────╮
       │                                          │ check                │ lookup failed (backoff)
       │                                          ▼                      │ or "none" within the grace
       │                                       checking ──found──▶ saved │
       │                                          ╰──────────────────────╯
       │                                          │ "none", answered, after the grace period
       ╰───── edit ◀──── not-found ◀──────────────╯     (a resend needs the user's confirmation)

Once a create has been sent, nothing may send it again until SAP has *answered* a lookup for it:
a lookup that could not be made (SAP away again) keeps the draft uncertain and is retried with
backoff; a lookup answered "no such order" counts only once SAP's update task has had time to
post the order (``UPDATE_TASK_GRACE_SECONDS``), and even then the resend is the user's decision.

Times are ``time.monotonic()`` seconds passed in by the caller, so tests drive the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from ordertui.model import CreatedOrder, OrderDraft

#: Seconds between automatic lookups after a lookup could not be made (then it stays at the last).
LOOKUP_BACKOFF = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0)


def grace_seconds() -> float:
    from ordertui.sap.assumptions import UPDATE_TASK_GRACE_SECONDS

    return float(UPDATE_TASK_GRACE_SECONDS)


class State(str, Enum):
    EDITING = "editing"
    SENDING = "sending"
    SAVED = "saved"
    NOT_SAVED = "not-saved"
    UNCERTAIN = "uncertain"
    CHECKING = "checking"
    NOT_FOUND = "not-found"


class SaveRefused(RuntimeError):
    """The state machine does not allow this step now (a programming error in the caller)."""


@dataclass
class SaveFlow:
    state: State = State.EDITING
    #: seconds an answered "not found" must be away from the send to count (None = the assumption)
    grace: float | None = None
    #: monotonic time the last create was sent
    sent_at: float | None = None
    #: creates sent for this draft
    attempts: int = 0
    #: lookups in a row that could not be made (backoff index)
    failed_lookups: int = 0
    #: lookups answered "none" since the last send
    answered_lookups: int = 0
    next_check_at: float | None = None
    order: CreatedOrder | None = None
    #: the last thing that went wrong, in the user's words
    reason: str = ""
    #: what was sent last (a resend after "not found" sends the draft as it is then)
    sent: OrderDraft | None = None
    history: list[str] = field(default_factory=list)

    # ------------------------------------------------------------------ what is allowed now
    @property
    def can_edit(self) -> bool:
        return self.state in (State.EDITING, State.NOT_SAVED, State.NOT_FOUND)

    @property
    def can_save(self) -> bool:
        """Save without asking more than the usual confirmation."""
        return self.state in (State.EDITING, State.NOT_SAVED)

    @property
    def needs_resend_confirmation(self) -> bool:
        return self.state is State.NOT_FOUND

    @property
    def can_check(self) -> bool:
        return self.state in (State.UNCERTAIN, State.NOT_FOUND)

    @property
    def uncertain(self) -> bool:
        """Sent, and SAP has not told whether it saved it (no save is offered, only "check SAP")."""
        return self.state in (State.SENDING, State.UNCERTAIN, State.CHECKING)

    @property
    def saved(self) -> bool:
        return self.state is State.SAVED

    def _grace(self) -> float:
        return grace_seconds() if self.grace is None else self.grace

    # ------------------------------------------------------------------ sending
    def send(self, draft: OrderDraft, now: float, *, resend_confirmed: bool = False) -> OrderDraft:
        if self.state is State.NOT_FOUND and not resend_confirmed:
            raise SaveRefused("a resend after an unknown outcome needs the user's confirmation")
        if self.state not in (State.EDITING, State.NOT_SAVED, State.NOT_FOUND):
            raise SaveRefused(f"cannot send while {self.state.value}")
        self.state = State.SENDING
        self.sent = draft
        self.sent_at = now
        self.attempts += 1
        self.failed_lookups = 0
        self.answered_lookups = 0
        self.next_check_at = None
        self.reason = ""
        self.history.append("sent" if self.attempts == 1 else "sent again")
        return draft

    def created(self, order: CreatedOrder) -> None:
        self._expect(State.SENDING)
        self.state = State.SAVED
        self.order = order
        self.history.append(f"saved {order.number}" + (" (found after a lost answer)" if order.recovered else ""))

    def refused(self, reason: str) -> None:
        """SAP answered and did not save it: the draft can be corrected and sent again."""
        self._expect(State.SENDING)
        self.state = State.NOT_SAVED
        self.reason = reason
        self.history.append("not saved")

    def unknown(self, reason: str, now: float) -> None:
        """Sent, but it is not known whether SAP saved it: only "check SAP" from here."""
        self._expect(State.SENDING)
        self.state = State.UNCERTAIN
        self.reason = reason
        self.next_check_at = now  # look at once
        self.history.append("outcome unknown")

    # ------------------------------------------------------------------ checking
    def check_started(self, now: float) -> None:
        if self.state not in (State.UNCERTAIN, State.NOT_FOUND):
            raise SaveRefused(f"nothing to check while {self.state.value}")
        self.state = State.CHECKING
        self.next_check_at = None

    def found(self, order: CreatedOrder) -> None:
        """A lookup found the order: it is saved (once)."""
        if self.state not in (State.CHECKING, State.UNCERTAIN, State.NOT_FOUND):
            raise SaveRefused(f"found an order while {self.state.value}")
        self.state = State.SAVED
        self.order = order
        self.reason = ""
        self.history.append(f"found {order.number} in SAP")

    def not_found(self, now: float) -> None:
        """SAP answered: no such order (yet). Believed only after the grace period."""
        self._expect(State.CHECKING)
        self.failed_lookups = 0
        self.answered_lookups += 1
        waited = now - (self.sent_at if self.sent_at is not None else now)
        if waited >= self._grace():
            self.state = State.NOT_FOUND
            self.next_check_at = None
            self.reason = "SAP has no such order"
            self.history.append("not in SAP")
        else:
            self.state = State.UNCERTAIN
            assert self.sent_at is not None
            self.next_check_at = self.sent_at + self._grace()

    def check_failed(self, reason: str, now: float) -> None:
        """The lookup could not be made (SAP away): still uncertain, try again later."""
        self._expect(State.CHECKING)
        self.state = State.UNCERTAIN
        self.reason = reason
        delay = LOOKUP_BACKOFF[min(self.failed_lookups, len(LOOKUP_BACKOFF) - 1)]
        self.failed_lookups += 1
        self.next_check_at = now + delay

    def next_check_in(self, now: float) -> float | None:
        """Seconds until the next automatic lookup (None: none is due in this state)."""
        if self.state is not State.UNCERTAIN or self.next_check_at is None:
            return None
        return max(0.0, self.next_check_at - now)

    def _expect(self, state: State) -> None:
        if self.state is not state:
            raise SaveRefused(f"expected {state.value}, is {self.state.value}")

    # ------------------------------------------------------------------ words
    @property
    def label(self) -> str:
        return {
            State.EDITING: "not saved yet",
            State.SENDING: "saving…",
            State.SAVED: f"saved as {self.order.number}" if self.order else "saved",
            State.NOT_SAVED: "not saved",
            State.UNCERTAIN: "SAVE UNCERTAIN",
            State.CHECKING: "SAVE UNCERTAIN",
            State.NOT_FOUND: "not in SAP",
        }[self.state]
