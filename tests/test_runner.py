"""Where batches run: one Prefect API for the run and its worker processes."""

from __future__ import annotations

import os
from pathlib import Path

import psutil
import pytest

from pipeline import runner
from pipeline.config import Settings

pytestmark = pytest.mark.flow


def _servers_started_by(pid: int) -> list[psutil.Process]:
    out = []
    for p in psutil.Process(pid).children(recursive=True):
        try:
            if "prefect.server.api.server:create_app" in " ".join(p.cmdline()):
                out.append(p)
        except psutil.Error:
            continue
    return out


def test_a_run_on_worker_processes_has_exactly_one_prefect_server(raw_copy: Path, tmp_path: Path,
                                                                    monkeypatch) -> None:
    """Worker processes and Prefect's own event thread report to the run's server; none starts another."""
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect-home"))
    cfg = tmp_path / "c.yaml"
    cfg.write_text("run:\n  batch_size: 5\n  workers: 2\nreport:\n  enabled: false\n", encoding="utf-8")
    before = {p.pid for p in _servers_started_by(os.getpid())}  # e.g. the session's test harness
    with runner.prefect_api() as url:
        assert url and os.environ["PREFECT_API_URL"] == url
        from pipeline.flows import clean_articles

        result = clean_articles(raw_dir=str(raw_copy), out_dir=str(tmp_path / "out"), config=str(cfg))
        assert result["run"]["runner"] == "2 worker processes"
        assert len({p.pid for p in _servers_started_by(os.getpid())} - before) == 1
    assert "PREFECT_API_URL" not in os.environ


def test_worker_count_and_in_flight_bound() -> None:
    s = Settings.model_validate({"run": {"workers": 3, "queue": 1}})
    assert runner.worker_count(s) == 3
    assert runner.in_flight_limit(s, 100) == 6  # workers plus one queued each, not the number of batches
    assert runner.in_flight_limit(s, 2) == 2
    assert runner.worker_count(Settings()) == runner.cores()


def test_plan_batches_covers_every_input_once_and_shrinks_the_tail() -> None:
    from pipeline.runner import plan_batches

    for n, size, workers in [(10_000, 200, 2), (1000, 200, 4), (401, 200, 2), (30, 200, 2), (10_000, 200, 1), (0, 5, 2)]:
        bounds = plan_batches(n, size, workers)
        covered = [i for a, b in bounds for i in range(a, b)]
        assert covered == list(range(n))  # every input once, in order
        assert all(0 < b - a <= size for a, b in bounds)
    bounds = plan_batches(10_000, 200, 2)
    assert bounds[0] == (0, 200) and all(b - a == 50 for a, b in bounds[-8:])  # the last 400 in quarters
    assert plan_batches(30, 200, 2) == [(0, 30)]  # a small run stays one batch (and in-process)
    # weights: a part of a large crawl file weighs its records and makes a batch of its own
    assert plan_batches([1, 1, 200, 200, 1, 1], 200, 1) == [(0, 2), (2, 3), (3, 4), (4, 6)]
    assert plan_batches([1] * 737, 50, 3) == plan_batches(737, 50, 3)


def test_process_pool_closes_its_message_queue_when_prefect_gives_up_on_the_forwarder() -> None:
    """Prefect leaves the queue open when its forwarder outlives a 5 s join; then exit would hang."""
    import multiprocessing

    class StuckThread:  # a forwarder that does not stop in time
        def join(self, timeout: float | None = None) -> None:
            return None

        def is_alive(self) -> bool:
            return True

    pool = runner.task_runner(Settings(run={"workers": 2}), n_batches=4)
    assert type(pool).__name__ == "SafeProcessPoolTaskRunner"
    queue = multiprocessing.get_context("spawn").Queue()
    pool._subprocess_message_queue, pool._message_forwarding_thread = queue, StuckThread()
    pool._stop_message_forwarding()
    assert pool._subprocess_message_queue is None
    assert queue._joincancelled and queue._closed  # the feeder is never joined at exit


def test_process_pool_queue_never_holds_up_exit_even_if_never_stopped() -> None:
    """A runner entered and never stopped must not leave a feeder thread for exit to wait on."""
    pool = runner.task_runner(Settings(run={"workers": 2}), n_batches=4)
    with pool:
        queue = pool._subprocess_message_queue
        assert queue is not None and queue._joincancelled


def test_a_worker_exits_when_its_parent_is_gone() -> None:
    """kill -9 of a run left its pool workers (300 MB each) waiting for ever; they now follow the parent."""
    import subprocess
    import sys

    code = "import time\nfrom pipeline.runner import _exit_with_parent\n_exit_with_parent({pid}, 0.05)\ntime.sleep({s})\n"
    gone = subprocess.run([sys.executable, "-c", code.format(pid=-1, s=30)], timeout=20)  # not our parent: exit at once
    assert gone.returncode == 1
    alive = subprocess.run([sys.executable, "-c", code.format(pid="__import__('os').getppid()", s=0.3)], timeout=20)
    assert alive.returncode == 0


def test_the_final_progress_line_never_repeats_the_periodic_one(monkeypatch) -> None:
    lines: list[str] = []
    monkeypatch.setattr(runner, "progress", lambda _logger, fmt, *args: lines.append(fmt % args))
    meter = runner.Progress(None, "prepare", 10, "files", every=0.0)
    meter.add(10, 12)
    meter.tick()  # the periodic line falls on the phase's end
    meter.tick(force=True)
    assert len(lines) == 1 and lines[0].startswith("prepare: 10/10 files (100%), 12 documents")
    meter.tick(force=True)
    assert len(lines) == 1
