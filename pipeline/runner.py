"""Where a run's batch tasks execute: in this process, on every core, or on a Dask cluster.

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
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prefect.task_runners import TaskRunner

    from pipeline.config import Settings

DASK_ADDRESS_ENV = "PIPELINE_DASK_ADDRESS"


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
    from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

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
    return ProcessPoolTaskRunner(max_workers=min(n, n_batches))


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
