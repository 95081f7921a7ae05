"""The desk: one running ordertui's SAP side, without any UI.

It opens the sandbox or logs on with a profile and a password, holds the ``Session`` (gateway,
system, user, sales area, clock, recent customers), keeps the call log (technical events only,
memory only) and the online state, and closes the session. The Textual app holds one ``Desk``
and mirrors its state into reactives for the widgets; screens read it through their typed base
(``ordertui.screens.base.SapScreen.desk``). Everything here can be driven by a test without a
terminal.

The blocking methods (``open_sandbox``, ``log_on``) make SAP round trips: call them from a
worker thread, never from the event loop. Nothing here is written to disk; a password passes
through ``log_on`` on its way to the RFC library and the keyring (when asked) and is not kept.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    # Typing only: the model and the SAP layer load in the session worker, after the first
    # paint (start-up budget).
    from ordertui.config import Profile
    from ordertui.model import CallEvent
    from ordertui.ordering.draft import EntryDraft
    from ordertui.sap.gateway import SapGateway
    from ordertui.session import Session

#: How many call events the call log keeps (memory only).
CALL_LOG_SIZE = 500

#: Call outcomes that mean SAP could not be reached (the desk is offline until a call succeeds).
UNREACHABLE_OUTCOMES = frozenset({"SapUnreachable", "SapTimeout"})

#: Seconds a logon may take when the profile does not say (``ordertui.config.DEFAULT_LOGON_TIMEOUT``).
DEFAULT_LOGON_TIMEOUT = 20.0

T = TypeVar("T")

GatewayFactory = Callable[[], "SapGateway"]
#: ``real_gateway(params, password, *, read_only)`` (``ordertui.sap.connect``); tests inject their own.
Connector = Callable[..., "SapGateway"]


@dataclass(frozen=True)
class LogonOutcome:
    """What a logon attempt came to: a session, or a title and reason in the user's words."""

    session: Session | None = None
    title: str = ""
    reason: str = ""
    #: the password reached SAP's logon check and was refused: clear the field
    clear_password: bool = False
    #: what happened to the keyring ("Password remembered in the OS keyring.")
    note: str = ""


class LogonAbandoned(Exception):
    """A logon was given up: it took longer than its timeout, or somebody cancelled it."""

    def __init__(self, *, timed_out: bool, seconds: float) -> None:
        super().__init__("timed out" if timed_out else "cancelled")
        self.timed_out = timed_out
        self.seconds = seconds


def within(
    work: Callable[[], T],
    *,
    timeout: float,
    stop: Callable[[], bool] = lambda: False,
    discard: Callable[[T], None] | None = None,
    poll: float = 0.05,
) -> T:
    """``work()`` on a daemon thread, waited for at most ``timeout`` seconds or until ``stop()``.

    A logon to a server that accepts the connection and never answers blocks inside the RFC
    library (erpl-pyrfc gives up after about 60 s) and cannot be interrupted. So the blocking
    call runs on its own daemon thread, and the caller stops waiting: ``LogonAbandoned`` is
    raised and the thread is left to end on its own. Nobody joins it, so quitting the app (or
    ``profile test``) exits at once; if it does finish later, its result goes to ``discard``
    (log the session off). An error of ``work`` is raised here, in the caller's thread.
    """
    lock = threading.Lock()
    done = threading.Event()
    box: dict[str, Any] = {}
    abandoned = False

    def run() -> None:
        try:
            value = work()
        except BaseException as error:  # handed to the waiting thread
            with lock:
                box["error"] = error
                done.set()
            return
        with lock:
            if not abandoned:
                box["value"] = value
                done.set()
                return
        if discard is not None:
            try:
                discard(value)
            except Exception:  # noqa: S110 — nobody is left to tell
                pass

    started = time.monotonic()
    threading.Thread(target=run, name="ordertui-logon", daemon=True).start()
    deadline = started + timeout
    while not done.wait(max(0.0, min(poll, deadline - time.monotonic()))):
        stopped = stop()
        if stopped or time.monotonic() >= deadline:
            with lock:
                if not done.is_set():
                    abandoned = True
                    raise LogonAbandoned(timed_out=not stopped, seconds=time.monotonic() - started)
    if "error" in box:
        error: BaseException = box.pop("error")
        raise error
    result: T = box.pop("value")
    return result


class AbandoningExecutor(ThreadPoolExecutor):
    """The event loop's default executor (Textual's thread workers run on it): every call on a
    daemon thread of its own, and ``shutdown`` never waits.

    asyncio's default pool joins its threads when the loop closes, and Python joins them again at
    exit: a worker blocked in an RFC call (up to the 60 s call timeout) kept the process alive
    after quitting. These threads are abandoned instead — nothing they hold is kept (no business
    data at rest), and a blocked call's connection dies with the process. A thread that has
    finished waits a while for the next call (``ordertui.sap.threads.DaemonThreads``) rather than
    each call starting one: a customer detail's fetches no longer pay a thread start each.
    """

    def __init__(self) -> None:
        super().__init__()
        from ordertui.sap.threads import DaemonThreads

        self.threads = DaemonThreads("ordertui-worker")

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                result = fn(*args, **kwargs)
            except BaseException as error:  # handed to whoever awaits the future
                future.set_exception(error)
            else:
                future.set_result(result)

        self.threads.submit(run)
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Nothing to wait for: the threads are daemons and are left to end on their own."""


class Desk:
    """The SAP session of one ordertui, its call log and its online state."""

    def __init__(
        self,
        *,
        profiles: dict[str, Profile] | None = None,
        profile: Profile | None = None,
        sandbox_factory: GatewayFactory | None = None,
        connector: Connector | None = None,
        today: dt.date | None = None,
        now: dt.datetime | None = None,
    ) -> None:
        self.profiles: dict[str, Profile] = dict(profiles or {})
        #: The profile in use or about to be logged on to; None = the sandbox.
        self.profile: Profile | None = profile
        self._sandbox_factory = sandbox_factory
        self._connector = connector
        self._today = today
        self._now = now
        self.session: Session | None = None
        self.call_log: deque[CallEvent] = deque(maxlen=CALL_LOG_SIZE)
        #: calls logged since start (the log keeps the last ``CALL_LOG_SIZE``)
        self.calls_recorded = 0
        #: calls ended on worker threads, not yet taken by the event loop (``take_calls``)
        self._heard: list[CallEvent] = []
        self._heard_lock = threading.Lock()
        #: None = unknown yet, True after a successful call, False after SAP was unreachable.
        self.online: bool | None = None
        #: Told of every call, on the thread that made it (the app posts it to the event loop).
        self.call_listener: Callable[[CallEvent], None] | None = None
        #: Orders being keyed (order entry), in memory only until SAP confirms them; they outlive
        #: the order screen and a logon to another system (each draft says which one it is for).
        self.drafts: list[EntryDraft] = []
        #: Set by ``close``: a logon still waiting gives up at once, so the process can exit.
        self.closing = threading.Event()

    # ------------------------------------------------------------------ clock
    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def now(self) -> dt.datetime:
        return self._now or dt.datetime.now()

    # ------------------------------------------------------------------ what the status bar says
    @property
    def sandbox(self) -> bool:
        return self.profile is None

    def banners(self) -> list[tuple[str, str]]:
        """(label, kind) for the status bar: kind is sandbox / production / read-only."""
        if self.profile is None:
            return [("SANDBOX", "sandbox")]
        found = []
        if self.profile.production:
            found.append(("PRODUCTION", "production"))
        if self.profile.read_only:
            found.append(("READ-ONLY", "read-only"))
        return found

    # ------------------------------------------------------------------ opening (worker thread)
    def open_sandbox(self) -> Session:
        """Open the sandbox company and ask it who we are (blocking)."""
        factory = self._sandbox_factory
        if factory is None:
            from ordertui.sap.connect import sandbox_gateway

            factory = sandbox_gateway
        return self.build_session(factory(), profile=None)

    def connector(self) -> Connector:
        if self._connector is None:
            from ordertui.sap.connect import real_gateway

            self._connector = real_gateway
        return self._connector

    def log_on(
        self,
        profile: Profile,
        user: str,
        password: str,
        *,
        remember: bool,
        forget: bool = False,
        cancel: threading.Event | None = None,
    ) -> LogonOutcome:
        """Log on to ``profile`` as ``user`` (blocking). An empty password takes the remembered one.

        Never raises for what a user can cause (wrong password, host down, no keyring, an
        incomplete profile): the outcome says what happened. The password is not kept.
        Waits at most the profile's ``logon_timeout``; gives up at once when ``cancel`` is set or
        the desk closes (``within``: the blocked RFC thread is abandoned, never joined).
        """
        from ordertui import secrets
        from ordertui.sap.errors import LogonFailed, SapError

        typed = bool(password)
        if not typed:
            try:
                password = secrets.load(profile.name, profile.client, user) or ""
            except secrets.KeyringUnavailable as error:
                return LogonOutcome(title="No usable keyring", reason=f"{error.reason}. Type the password.")
            if not password:
                return LogonOutcome(title="Password missing", reason="Nothing is remembered for this user; type the password.")
        params = profile.rfc_params()
        params["user"] = user
        connector = self.connector()
        timeout = profile.logon_timeout or DEFAULT_LOGON_TIMEOUT

        def connect() -> Session:
            gateway = connector(params, password, read_only=profile.read_only)
            try:
                return self.build_session(gateway, profile)
            except BaseException:
                gateway.close()
                raise

        def stop() -> bool:
            return self.closing.is_set() or (cancel is not None and cancel.is_set())

        try:
            session = within(connect, timeout=timeout, stop=stop, discard=lambda late: late.gateway.close())
        except LogonAbandoned as gave_up:
            if gave_up.timed_out:
                return LogonOutcome(
                    title="Logon timed out",
                    reason=f"{profile.target} did not answer within {timeout:g} s. Check the host and "
                    "system number (or ask whether SAP is up), then try again.",
                )
            return LogonOutcome(title="Logon cancelled", reason="Nothing was logged on.")
        except SapError as error:
            return LogonOutcome(title=error.title, reason=str(error), clear_password=isinstance(error, LogonFailed))
        except ValueError as error:  # the profile's parameters do not add up (no secret in here)
            return LogonOutcome(title="Profile incomplete", reason=str(error))
        except Exception as error:  # a bug or an unexpected library error: name it, no payload
            return LogonOutcome(title="Logon failed", reason=f"unexpected {type(error).__name__}")
        note = ""
        if remember and typed:
            try:
                secrets.store(profile.name, profile.client, user, password)
                note = "Password remembered in the OS keyring."
            except secrets.KeyringUnavailable as error:
                note = f"Password not remembered: {error.reason}."
        elif forget:
            try:
                secrets.forget(profile.name, profile.client, user)
                note = "The remembered password was removed from the OS keyring."
            except secrets.KeyringUnavailable as error:
                note = f"Could not forget the password: {error.reason}."
        return LogonOutcome(session=session, note=note)

    def check_password(self, password: str) -> str:
        """Unlocking after the idle lock (blocking): '' when ``password`` is the session user's
        SAP password, else why not, in the user's words. SAP checks it: one logon with it, logged
        off at once, bounded by the profile's ``logon_timeout``. The sandbox takes any key."""
        from ordertui.sap.errors import LogonFailed, SapError

        profile, session = self.profile, self.session
        if profile is None or session is None:
            return ""
        if not password:
            return "Type your SAP password."
        params = profile.rfc_params()
        params["user"] = (session.system.user if session.system else "") or profile.user
        connector = self.connector()
        timeout = profile.logon_timeout or DEFAULT_LOGON_TIMEOUT
        try:
            within(lambda: connector(params, password, read_only=True).close(), timeout=timeout,
                   stop=self.closing.is_set, discard=lambda _none: None)
        except LogonAbandoned:
            return f"SAP did not answer within {timeout:g} s; try again, or quit."
        except LogonFailed:
            return "That is not the password (SAP refused it)."
        except SapError as error:
            return f"The password cannot be checked: {error.title}. Try again, or quit."
        except Exception as error:  # a bug or an unexpected library error: name it, no payload
            return f"The password cannot be checked (unexpected {type(error).__name__})."
        return ""

    def build_session(self, gateway: SapGateway, profile: Profile | None) -> Session:
        """Ask SAP who we are: two round trips (blocking)."""
        from ordertui.model import SalesArea
        from ordertui.session import Session

        gateway.add_listener(self._heard_call)
        info = gateway.system_info()
        defaults = gateway.user_defaults()
        area = defaults.sales_area or SalesArea("", "", "")
        today, now = self._today, self._now
        return Session(
            gateway=gateway,
            sales_area=area,
            system=info,
            defaults=defaults,
            profile_name=profile.name if profile else "",
            production=bool(profile and profile.production),
            read_only=bool(profile and profile.read_only),
            sandbox=profile is None,
            today=(lambda: today) if today else dt.date.today,
            now=(lambda: now) if now else dt.datetime.now,
        )

    # ------------------------------------------------------------------ installing (event loop)
    def install(self, session: Session, profile: Profile | None) -> SapGateway | None:
        """Make ``session`` the desk's session; returns the previous gateway, to be closed
        off the event loop (``close_gateway``), or None."""
        old = self.session
        self.profile = profile
        self.session = session
        self.online = True
        if old is not None and old.gateway is not session.gateway:
            return old.gateway
        return None

    @staticmethod
    def close_gateway(gateway: SapGateway) -> None:
        """Log off (blocking: a real close is a network round trip)."""
        gateway.close()

    def close(self, timeout: float = 2.0) -> None:
        """Log off from SAP on the way out, waiting at most ``timeout`` seconds.

        A logon still in progress is given up at once (its thread is abandoned, not joined)."""
        self.closing.set()
        session = self.session
        if session is None:
            return
        closer = threading.Thread(target=session.gateway.close, name="ordertui-close", daemon=True)
        closer.start()
        closer.join(timeout=timeout)

    # ------------------------------------------------------------------ calls
    def _heard_call(self, event: CallEvent) -> None:
        """Gateway listener; runs on the worker thread that made the call. The listener is told
        once per burst: a call that ends before the event loop took the ones before it joins
        them (``take_calls``). A customer detail's 18 calls were 18 messages, each logged,
        each changing every status bar (issue 12)."""
        listener = self.call_listener
        if listener is None:
            return
        with self._heard_lock:
            self._heard.append(event)
            if len(self._heard) > 1:
                return  # the listener was told of the first; that message takes this one too
        listener(event)

    def take_calls(self) -> list[CallEvent]:
        """(Event loop.) The calls heard since they were last taken, in order (to ``record_call``)."""
        with self._heard_lock:
            events, self._heard = self._heard, []
        return events

    def record_call(self, event: CallEvent) -> None:
        """Log one call and learn from it whether SAP is reachable (event loop)."""
        self.call_log.append(event)
        self.calls_recorded += 1
        self.online = event.outcome not in UNREACHABLE_OUTCOMES
