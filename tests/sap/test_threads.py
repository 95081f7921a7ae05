"""Daemon threads kept for the next job (ordertui.sap.threads): the workers of the screens' SAP
calls and the helpers of side-by-side reads."""

from __future__ import annotations

import threading
import time

import pytest

from ordertui.sap.threads import DaemonThreads


def test_daemon_threads_are_kept_for_the_next_job_and_end_when_idle():
    pool = DaemonThreads("test-threads", idle=0.3)
    names, done = [], threading.Semaphore(0)

    def job():
        names.append(threading.current_thread().ident)
        done.release()

    pool.submit(job)
    assert done.acquire(timeout=5)
    for _ in range(50):
        if pool.waiting == 1:
            break
        time.sleep(0.01)
    pool.submit(job)
    assert done.acquire(timeout=5)
    assert pool.started == 1 and len(set(names)) == 1  # the second job ran on the first thread
    deadline = time.monotonic() + 5
    while pool.waiting and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pool.waiting == 0  # idle past its time: the thread ended
    assert not [t for t in threading.enumerate() if t.name == "test-threads"]


def test_daemon_threads_run_jobs_side_by_side_and_survive_a_failing_job():
    pool = DaemonThreads("test-threads-2", idle=5)
    barrier = threading.Barrier(3, timeout=5)
    ok = threading.Semaphore(0)

    def together():
        barrier.wait()  # three jobs in flight at once: three threads
        ok.release()

    for _ in range(3):
        pool.submit(together)
    for _ in range(3):
        assert ok.acquire(timeout=5)

    def fails():
        raise RuntimeError("job's own error")

    pool.submit(fails)
    time.sleep(0.1)
    pool.submit(lambda: ok.release())
    assert ok.acquire(timeout=5)
    assert pool.started == 3
    assert all(t.daemon for t in threading.enumerate() if t.name == "test-threads-2")


@pytest.mark.parametrize("idle", [0.0, 0.001])
def test_no_job_is_lost_when_a_thread_stops_waiting_just_as_it_is_given_one(idle):
    """A thread whose wait ends as a job is handed to it takes the job (the hand-over is under a
    lock): thousands of jobs at idle times of 0-1 ms all run."""
    pool = DaemonThreads("test-threads-3", idle=idle)
    ran = threading.Semaphore(0)
    for _ in range(2000):
        pool.submit(ran.release)
    for _ in range(2000):
        assert ran.acquire(timeout=5)
