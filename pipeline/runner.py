"""Where and how a run's batch tasks execute: in this process, on every core, or on a Dask cluster.

One choice, made when a run starts (not when the flow is defined), from the
settings and the CLI:

* ``engine: local`` with ``workers: 1`` (or a run of one batch) - Prefect's
  thread runner with one thread: everything in this process, nothing to spawn.
* ``engine: local`` with ``workers: N`` (default: the machine's cores) -
  Prefect's ``ProcessPoolTaskRunner``: N worker processes, so N cores work
  (the stages are CPU-bound Python; threads would share one core under the GIL).
* ``engine: dask`` - prefect-dask's ``DaskTaskRunner``: an existing cluster
  (``run.dask_address`` / ``--dask-address`` / ``PIPELINE_DASK_ADDRESS``, workers
  started with ``dask scheduler`` and ``dask worker``) or a ``LocalCluster`` of
  ``workers`` single-threaded processes.

Workers never start a Prefect server of their own: :func:`prefect_api` gives
the run one API (the operator's server, or one embedded server started here)
and exports its URL, so spawned processes, local Dask workers and the task
context shipped to remote Dask workers all report to it.

Batches stream (:func:`stream`): never more in flight than the workers plus a
small queue, progress lines at least every ``run.progress_seconds``, and a
local worker process that dies is replaced (:class:`Workers`).
"""

from __future__ import annotations

import functools
import logging
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from prefect.task_runners import TaskRunner

    from pipeline.config import Settings

DASK_ADDRESS_ENV = "PIPELINE_DASK_ADDRESS"


class FatalError(Exception):
    """A problem that stops the whole run (bad config, unwritable output); shown as one line."""


def progress(logger, msg: str, *args: Any) -> None:
    """Tell the operator how far the run is: in the Prefect UI (run logger) and on the CLI (``pipeline.progress``)."""
    logger.info(msg, *args)
    logging.getLogger("pipeline.progress").info(msg, *args)


def cores() -> int:
    """CPUs this process may use (the affinity mask, not the machine's total when they differ)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def worker_count(settings: Settings) -> int:
    """``run.workers``, or every core when it is 0."""
    return settings.run.workers if settings.run.workers > 0 else cores()


def dask_address(settings: Settings) -> str | None:
    return os.environ.get(DASK_ADDRESS_ENV) or settings.run.dask_address


def describe(settings: Settings) -> str:
    """One line for the operator: where the batches will run."""
    n = worker_count(settings)
    if settings.run.engine == "dask":
        addr = dask_address(settings)
        return f"dask cluster at {addr}" if addr else f"dask LocalCluster of {n} workers"
    return "1 process" if n == 1 else f"{n} worker processes"


def task_runner(settings: Settings, n_batches: int) -> TaskRunner:
    """The Prefect task runner for a run of ``n_batches`` batches (see the module docstring)."""
    from prefect.task_runners import ThreadPoolTaskRunner

    n = worker_count(settings)
    if settings.run.engine == "dask":
        from prefect_dask import DaskTaskRunner

        addr = dask_address(settings)
        if addr:
            return DaskTaskRunner(address=addr)
        return DaskTaskRunner(
            cluster_kwargs={"n_workers": n, "threads_per_worker": 1, "processes": True, "dashboard_address": None}
        )
    if n <= 1 or n_batches <= 1:
        return ThreadPoolTaskRunner(max_workers=1)
    return _process_pool_class()(max_workers=min(n, n_batches))


def _exit_with_parent(parent_pid: int, interval: float = 1.0) -> None:
    """In a worker process: end it when the run's process is gone (``kill -9`` leaves no one to stop it).

    A worker waits on its task queue for ever; when the parent is killed outright no
    shutdown message comes, and the orphan (with its ~300 MB of loaded models) would
    outlive the run. A daemon thread sees the parent change (the orphan is adopted by
    PID 1 or a subreaper) and exits the process.
    """

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
    # A terminal's Ctrl-C reaches the whole foreground group: the run decides, and stops its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _init_worker(parent_pid: int, initializer: Callable[..., Any] | None = None, initargs: tuple = ()) -> None:
    """A pool worker's start: follow the parent (:func:`_exit_with_parent`), then the caller's initializer."""
    _exit_with_parent(parent_pid)
    if initializer is not None:
        initializer(*initargs)


@functools.cache
def _process_pool_class() -> type:
    """Prefect's process pool, whose message queue can never hold up the interpreter's exit.

    When Prefect's thread that forwards the workers' log and event messages does not stop
    within its 5 s join (a loaded machine), Prefect leaves the multiprocessing queue open, and
    at exit Python waits forever for that queue's feeder thread: a finished run whose process
    never ends (seen once in a full test session). Closing the queue without joining its
    feeder ends the forwarder (its read fails) and lets the process exit.

    The same wait happened once more with a runner whose stop was never reached at all (a
    test session hung after its summary, py-spy showing ``Queue._finalize_join``). So the
    queue is also told at once never to join its feeder at exit: in this process the feeder
    only ever carries Prefect's shutdown marker (the workers put their messages from their
    own processes), so nothing can be lost by not waiting for it.
    """

    from prefect.task_runners import ProcessPoolTaskRunner

    class SafeProcessPoolTaskRunner(ProcessPoolTaskRunner):
        def __enter__(self):  # noqa: ANN204 - Self of the Prefect class
            # Prefect's initializer hook: our guard first, then the caller's own initializer, if any
            own = getattr(self, "_initializer", None), getattr(self, "_initargs", ())
            if own[0] is not _init_worker:  # entered again (or a duplicate of a runner entered before)
                self._initializer, self._initargs = _init_worker, (os.getpid(), *own)
            entered = super().__enter__()
            if self._subprocess_message_queue is not None:
                self._subprocess_message_queue.cancel_join_thread()
            return entered

        def _stop_message_forwarding(self) -> None:
            mq = self._subprocess_message_queue
            super()._stop_message_forwarding()
            if mq is not None and self._subprocess_message_queue is not None:  # Prefect gave up
                mq.cancel_join_thread()
                with suppress(Exception):
                    mq.close()
                self._subprocess_message_queue = None

    return SafeProcessPoolTaskRunner


def in_flight_limit(settings: Settings, n_batches: int) -> int:
    """Batches submitted but not finished: the workers plus a queue of ``run.queue`` per worker.

    This, not the number of batches, bounds what a run holds in memory at once.
    """
    n = worker_count(settings)
    return max(1, min(n_batches, n * (1 + settings.run.queue)))


@contextmanager
def prefect_api(timeout: int = 180) -> Iterator[str | None]:
    """Make sure the run and every worker it starts talk to ONE Prefect API.

    With ``PREFECT_API_URL`` set (a server the operator runs, or a Prefect worker
    running a deployment) nothing is started. Otherwise one embedded server is
    started for the run and its URL exported, so process-pool and Dask workers
    report to it instead of each starting an ephemeral server of its own.
    """
    if os.environ.get("PREFECT_API_URL"):
        yield os.environ["PREFECT_API_URL"]
        return
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_API_URL, temporary_settings

    server = _embedded_server()
    # Prefect code that finds no API URL in its context (its events worker thread) asks for
    # SubprocessASGIServer(): it must get this server, not start a second one (as Prefect's own
    # test harness does)
    prior = SubprocessASGIServer._instances.get(None)
    SubprocessASGIServer._instances[None] = server
    server.start(timeout=timeout)
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            try:
                yield server.api_url
            finally:
                _flush_prefect_workers()  # logs and events still queued, before the server goes away
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        server.stop()
        if prior is None:
            SubprocessASGIServer._instances.pop(None, None)
        else:
            SubprocessASGIServer._instances[None] = prior


def _die_with_parent() -> None:
    """In a child, before exec: the kernel sends SIGTERM when the parent dies (even by ``kill -9``)."""
    import ctypes
    import signal

    with suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _embedded_server():  # noqa: ANN202 - a prefect SubprocessASGIServer
    """Prefect's embedded server, started so that it never outlives the run that started it."""
    import subprocess

    from prefect.server.api.server import SubprocessASGIServer

    class Server(SubprocessASGIServer):
        _instances: dict = {}  # noqa: RUF012 - Prefect's own per-port registry, kept apart from the base class's

        def _run_uvicorn_command(self):  # noqa: ANN202
            popen = subprocess.Popen

            def popen_dying_with_parent(*args, **kwargs):  # noqa: ANN202
                kwargs.setdefault("preexec_fn", _die_with_parent)
                # a session of its own: a terminal's Ctrl-C (SIGINT to the whole foreground group) must reach
                # the run, which then stops its server, not kill the server under a run still talking to it
                kwargs.setdefault("start_new_session", True)
                return popen(*args, **kwargs)

            subprocess.Popen = popen_dying_with_parent  # only for this call, in this (the main) thread
            try:
                return super()._run_uvicorn_command()
            finally:
                subprocess.Popen = popen

    return Server()


def _flush_prefect_workers() -> None:
    """Send the logs and events still queued before the embedded server goes away."""
    try:
        from prefect.events.worker import EventsWorker
        from prefect.logging.handlers import APILogWorker

        APILogWorker.drain_all(timeout=10)
        EventsWorker.drain_all(timeout=10)
    except Exception:  # noqa: BLE001 - best effort: the run itself is already committed
        pass


# --------------------------------------------------------------------------- streaming batches
def plan_batches(weights: int | Sequence[int], size: int, workers: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each batch of the inputs: about ``size`` documents each, the last ones smaller.

    ``weights`` are the inputs' documents (an int ``n``: n inputs of one each): a part of a
    large crawl file weighs its records, so it makes a batch of its own. With several workers
    a phase ends when its last batch does; cutting the final ``size * workers`` documents into
    quarter-size batches keeps every worker busy until nearly the end instead of one
    finishing a full batch alone.
    """
    if isinstance(weights, int):
        weights = [1] * weights
    total = sum(weights)
    tail_start = total - size * workers if workers > 1 and total > size * workers else total
    bounds: list[tuple[int, int]] = []
    start, done, acc = 0, 0, 0  # batch start index, documents before it, documents in it
    for i, w in enumerate(weights):
        if w >= size and acc:  # a part of a large crawl file starts a batch of its own
            bounds.append((start, i))
            start, done, acc = i, done + acc, 0
        acc += w
        target = size if done < tail_start else max(1, size // 4)
        if acc >= target or done < tail_start <= done + acc:
            bounds.append((start, i + 1))
            start, done, acc = i + 1, done + acc, 0
    if start < len(weights):
        bounds.append((start, len(weights)))
    return bounds


class Progress:
    """Progress lines for a phase: done/total, rate and ETA, at least every ``every`` seconds."""

    def __init__(self, logger, phase: str, total: int, unit: str, every: float) -> None:
        self.logger, self.phase, self.total, self.unit, self.every = logger, phase, total, unit, every
        self.start = self.last = time.monotonic()
        self.done = 0
        self.docs = 0
        self.shown: tuple[int, int] | None = None  # what the last line said (the final line never repeats it)

    def add(self, units: int, docs: int) -> None:
        self.done += units
        self.docs += docs

    def tick(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < self.every:
            return
        if force and self.shown == (self.done, self.docs):
            return  # the periodic line just said it (its tick fell on the phase's end)
        self.last, self.shown = now, (self.done, self.docs)
        elapsed = max(now - self.start, 1e-9)
        rate = self.done / elapsed
        eta = (self.total - self.done) / rate if rate > 0 else float("nan")
        progress(
            self.logger, "%s: %d/%d %s (%.0f%%), %d documents, %.1f docs/s, %s, ETA %s",
            self.phase, self.done, self.total, self.unit, 100 * self.done / max(self.total, 1), self.docs,
            self.docs / elapsed, _clock(elapsed) + " elapsed", "-" if eta != eta else _clock(eta),
        )


def _clock(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else f"{s // 60}m{s % 60:02d}s"


class Workers:
    """The run's task runner; replaced by a fresh one when a local worker process dies.

    A process pool whose worker was killed (out of memory, a signal) fails every
    batch it holds. Those batches are submitted again on a new pool, at most
    ``MAX_RESTARTS`` times per run; a Dask cluster reschedules a lost worker's
    batch by itself.
    """

    MAX_RESTARTS = 3

    def __init__(self, settings: Settings, n_batches: int, logger) -> None:
        self.settings, self.n_batches, self.logger = settings, n_batches, logger
        self.restarts = 0
        self.runner: Any = None

    def __enter__(self) -> Workers:
        self.runner = task_runner(self.settings, self.n_batches).__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        if exc[0] is not None:  # failing or interrupted: stop the worker processes now, not after their batch
            pool = getattr(self.runner, "_executor", None)
            for proc in list(getattr(pool, "_processes", {}).values()):
                with suppress(Exception):
                    proc.terminate()
        self.runner.__exit__(*exc)

    def submit(self, task_fn: Any, params: dict) -> Any:
        return self.runner.submit(task_fn, params)

    def restart(self, cause: BaseException) -> None:
        self.restarts += 1
        if self.restarts > self.MAX_RESTARTS:
            raise FatalError(f"worker processes keep dying ({cause}); stopped after {self.MAX_RESTARTS} restarts")
        progress(self.logger, "a worker process died (%s); restarting the pool and resubmitting its batches", cause)
        with suppress(Exception):  # the broken pool may complain while shutting down
            self.runner.__exit__(None, None, None)
        self.runner = task_runner(self.settings, self.n_batches).__enter__()


def stream(
    workers: Workers, task_fn: Any, params: Callable[[int], dict], items: Iterable[int], limit: int,
    on_done: Callable[[dict], None], meter: Progress,
) -> None:
    """Submit ``task_fn`` for ``items`` with at most ``limit`` in flight; ``on_done`` gets each result.

    Wakes up at least every ``meter.every`` seconds to print progress, so a long
    batch never leaves the operator without news. Batches lost with a dead worker
    process are submitted again on a new pool (:class:`Workers`).
    """
    todo = deque(items)
    inflight: dict[Any, int] = {}
    finished: queue.Queue = queue.Queue()  # futures put themselves here when done (no signal-based timeouts)
    while todo or inflight:
        while todo and len(inflight) < limit:
            i = todo.popleft()
            fut = workers.submit(task_fn, params(i))
            inflight[fut] = i
            fut.add_done_callback(finished.put)
        try:
            fut = finished.get(timeout=meter.every)
        except queue.Empty:
            meter.tick()
            continue
        if fut not in inflight:  # a future of a pool that was replaced
            continue
        i = inflight.pop(fut)
        try:
            result = fut.result()
        except BrokenProcessPool as exc:
            todo.extendleft(sorted([i, *inflight.values()], reverse=True))
            inflight.clear()
            workers.restart(exc)
            continue
        on_done(result)
        meter.tick()
    meter.tick(force=True)
