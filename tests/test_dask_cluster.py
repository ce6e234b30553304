"""The flow on a real Dask cluster: a scheduler and two workers started as an operator starts them.

``dask scheduler`` and two ``dask worker`` processes on loopback (the workers
preload :mod:`tests.faults`, which can kill a worker in the middle of a
batch). The run must give the same output as a local run, its workers must not
start Prefect servers of their own, and a worker killed mid-run must cost a
retry on the other worker, not the run.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from tests.flowkit import comparable_output, manifest, run

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]

HERE = Path(__file__).resolve().parent
DASK = str(Path(sys.executable).parent / "dask")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory):
    """(scheduler address, kill-marker path); torn down after the module's tests."""
    marker = tmp_path_factory.mktemp("dask") / "kill-one-worker"
    env = dict(os.environ, PIPELINE_TEST_KILL_MARKER=str(marker))
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        for _ in range(2):
            procs.append(subprocess.Popen(
                [DASK, "worker", address, "--nthreads", "1", "--no-dashboard", "--memory-limit", "0",
                 "--preload", str(HERE / "faults.py")],
                env=env, cwd=HERE.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        from distributed import Client

        deadline = time.monotonic() + 120
        while True:
            try:
                with Client(address, timeout=10) as client:
                    client.wait_for_workers(2, timeout=120)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)
        yield address, marker
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


def _small_batches(tmp_path: Path) -> str:
    cfg = tmp_path / "small-batches.yaml"
    cfg.write_text("run:\n  batch_size: 3\nreport:\n  enabled: false\n", encoding="utf-8")
    return str(cfg)


def _prefect_servers() -> int:
    """Prefect servers among this test session's processes (the Dask workers are its children).

    Other sessions on the machine (a second checkout's tests) have servers of their own.
    """
    n = 0
    for p in psutil.Process().children(recursive=True):
        try:
            if "prefect.server.api.server:create_app" in " ".join(p.cmdline()):
                n += 1
        except psutil.Error:
            continue
    return n


def test_cluster_run_matches_a_local_run(cluster, raw_copy: Path, tmp_path: Path) -> None:
    address, _ = cluster
    servers = _prefect_servers()
    cfg = _small_batches(tmp_path)
    on_dask = manifest(run(raw_copy, tmp_path / "dask", config=cfg, dask_address=address, engine="dask"))
    local = manifest(run(raw_copy, tmp_path / "local", config=cfg, workers=1))
    assert on_dask["totals"] == local["totals"] and on_dask["totals"]["written"] >= 12
    assert comparable_output(tmp_path / "dask") == comparable_output(tmp_path / "local")
    assert _prefect_servers() == servers  # no worker started a Prefect server of its own
    run_json = next((tmp_path / "dask" / "runs").glob("*/run.json")).read_text(encoding="utf-8")
    assert address in run_json  # the run says where it ran


def test_worker_killed_mid_run_costs_a_retry_not_the_run(cluster, raw_copy: Path, tmp_path: Path) -> None:
    address, marker = cluster
    cfg = _small_batches(tmp_path)
    marker.write_text("kill")
    on_dask = manifest(run(raw_copy, tmp_path / "dask", config=cfg, dask_address=address, engine="dask"))
    assert not marker.exists(), "no worker died: the fault was never injected"
    local = manifest(run(raw_copy, tmp_path / "local", config=cfg, workers=1))
    assert comparable_output(tmp_path / "dask") == comparable_output(tmp_path / "local")
    assert on_dask["totals"] == local["totals"]


def test_relative_paths_reach_the_clusters_workers(cluster, raw_copy: Path, tmp_path: Path, monkeypatch) -> None:
    """The workers run in a folder of their own (the checkout here): ``raw`` and ``out`` given relative to the
    run's folder must still be this run's (they were resolved against the workers' folder and the run failed)."""
    address, _ = cluster
    cfg = _small_batches(tmp_path)
    monkeypatch.chdir(tmp_path)
    on_dask = manifest(run(Path("raw"), Path("out-relative"), config=cfg, dask_address=address, engine="dask"))
    assert on_dask["totals"]["written"] >= 12
    assert not (HERE.parent / "out-relative").exists()  # nothing written in the workers' folder
