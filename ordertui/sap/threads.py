"""Daemon threads kept for the next job instead of started anew for each.

Every SAP call of a screen runs off the event loop, and a burst of independent reads (the
customer detail's) runs on several threads at once. Starting a thread costs the starter a hand-off
of the interpreter lock to the new thread and back (0.1-3 ms each, measured on the 2-core machine
with the event loop busy: ``bench/screens_bench.py``, docs/performance.md); a customer detail
started 15. Here a thread that has finished its job waits ``idle`` seconds for the next one, so a
desk taking calls starts its threads once.

The threads are daemons and nobody joins them: a job blocked in an RFC call (up to the call
timeout) never keeps the process alive after quitting, as with one thread per job. A job must
handle its own errors (an escaping exception is dropped so that the thread lives on).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

#: Seconds a thread with nothing to do waits for the next job before it ends.
DEFAULT_IDLE = 30.0


class DaemonThreads:
    """Runs each job on an idle thread of its own kind, or on a new daemon thread if none is idle."""

    def __init__(self, name: str, *, idle: float = DEFAULT_IDLE) -> None:
        self.name = name
        self.idle = idle
        self._jobs: queue.SimpleQueue[Callable[[], object]] = queue.SimpleQueue()
        self._lock = threading.Lock()
        #: threads waiting for a job; a submitter that takes one puts its job while holding the lock
        self._waiting = 0
        #: threads started so far (for the benchmarks and tests)
        self.started = 0

    def submit(self, job: Callable[[], object]) -> None:
        """Run ``job()`` now on another thread; never waits for it."""
        with self._lock:
            if self._waiting:
                self._waiting -= 1
                self._jobs.put(job)
                return
            self.started += 1
        threading.Thread(target=self._run, args=(job,), name=self.name, daemon=True).start()

    def _run(self, job: Callable[[], object]) -> None:
        while True:
            try:
                job()
            except BaseException:  # noqa: S110 — the job reports its own errors; the thread lives on
                pass
            del job  # a finished job's closure (and what it answered) is not kept while waiting
            with self._lock:
                self._waiting += 1
            try:
                job = self._jobs.get(timeout=self.idle)
            except queue.Empty:
                with self._lock:
                    # a submitter may have counted on this thread just as the wait ended: its
                    # job is in the queue already (it was put under the lock)
                    try:
                        job = self._jobs.get_nowait()
                    except queue.Empty:
                        self._waiting -= 1
                        return

    @property
    def waiting(self) -> int:
        """Threads idle now."""
        with self._lock:
            return self._waiting
