"""A time budget per document and stage, so that no input can stall a run.

Some inputs make some code slow (a 4 MB run of digits, a pathological page for
a regular expression). Every stage runs each document under :func:`limit`:
past its budget the document is stopped and quarantined ("took longer than
... in tag"), and the batch goes on. The budget grows with the input's size
(``run.doc_seconds_per_mb``, with a floor of ``run.doc_seconds_min``).

How a running stage is stopped: in a process's main thread (a process-pool
worker, the CLI) a ``SIGALRM`` timer raises :class:`OverBudget`; in any other
thread (Prefect's in-process runner, a Dask worker) a watchdog thread raises it
asynchronously in the working thread. Either way it lands between two Python
bytecodes, so one long call into C (a single regular expression) finishes
first; the per-stage size caps keep those calls bounded.
"""

from __future__ import annotations

import ctypes
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.config import RunSettings


class OverBudget(Exception):  # noqa: N818 - reads as the quarantine reason it becomes
    """A document took longer than its budget in a stage."""


def for_document(size_bytes: int, run: RunSettings) -> float:
    """Seconds one document of ``size_bytes`` may spend in one stage (0: no budget)."""
    if run.doc_seconds_per_mb <= 0:
        return 0.0
    return max(run.doc_seconds_min, run.doc_seconds_per_mb * size_bytes / 1e6)


@contextmanager
def limit(seconds: float, what: str) -> Iterator[None]:
    """Raise :class:`OverBudget` in the calling thread if the block runs longer than ``seconds``."""
    if seconds <= 0:
        yield
        return
    message = f"took longer than {seconds:g} s {what} (run.doc_seconds_per_mb): stopped"
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        def on_alarm(signum, frame):  # noqa: ANN001, ARG001
            raise OverBudget(message)

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return
    deadline = _WATCHDOG.arm(threading.get_ident(), seconds, message)
    try:
        yield
    except _OverBudgetHere:
        raise OverBudget(message) from None
    finally:
        _WATCHDOG.disarm(deadline)


class _Watchdog:
    """One thread per process that stops threads past their deadline (armed and disarmed in microseconds)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._armed: dict[int, tuple[int, float, str]] = {}  # token -> (thread id, deadline, message)
        self._next = 0
        self._thread: threading.Thread | None = None

    def arm(self, thread_id: int, seconds: float, message: str) -> int:
        with self._cond:
            self._next += 1
            self._armed[self._next] = (thread_id, time.monotonic() + seconds, message)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="pipeline-budget", daemon=True)
                self._thread.start()
            self._cond.notify()
            return self._next

    def disarm(self, token: int) -> None:
        with self._cond:
            fired = self._armed.pop(token, None) is None
        if fired:  # the watchdog fired as the block ended: drop an exception not delivered yet
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(threading.get_ident()), None)

    def _run(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                for token, (tid, deadline, _message) in list(self._armed.items()):
                    if deadline <= now:
                        del self._armed[token]
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), ctypes.py_object(_OverBudgetHere))
                wait = min((d for _t, d, _m in self._armed.values()), default=now + 3600) - now
                self._cond.wait(timeout=max(wait, 0.01))


_WATCHDOG = _Watchdog()


class _OverBudgetHere(OverBudget):
    """Raised asynchronously (it can carry no arguments); turned into a plain OverBudget with its message."""
