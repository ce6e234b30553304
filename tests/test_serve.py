"""serve's health wait: succeeds on a healthy server, fails fast and clearly otherwise."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from pipeline.serve import serve, wait_healthy


class _Health(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server API
        self.send_response(200 if self.path == "/api/health" else 404)
        self.end_headers()
        self.wfile.write(b"true")

    def log_message(self, *args) -> None:
        pass


@contextmanager
def _fake_api(answer: Callable[[str], object], calls: list[tuple[str, dict]] | None = None) -> Iterator[str]:
    """A stand-in for Prefect's REST API: each POST is recorded (path, body) and answered with ``answer(path)``
    as JSON; yields the API's base URL."""

    class _Api(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server API
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            if calls is not None:
                calls.append((self.path, body))
            data = json.dumps(answer(self.path)).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args) -> None:
            pass

    httpd = HTTPServer(("127.0.0.1", 0), _Api)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/api"
    finally:
        httpd.shutdown()


def test_wait_healthy_returns_once_health_answers() -> None:
    httpd = HTTPServer(("127.0.0.1", 0), _Health)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    try:
        wait_healthy(f"http://127.0.0.1:{httpd.server_address[1]}/api", timeout=10)
    finally:
        httpd.shutdown()


def test_wait_healthy_fails_fast_when_the_server_died() -> None:
    dead = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    dead.wait()
    with pytest.raises(RuntimeError, match="exited with status 3"):
        wait_healthy("http://127.0.0.1:9/api", timeout=30, proc=dead)


def test_serve_refuses_a_directory_without_prefect_yaml(tmp_path, capsys) -> None:
    assert serve(project_dir=tmp_path) == 2
    assert "no prefect.yaml" in capsys.readouterr().err


def test_a_port_in_use_or_out_of_range_is_refused_before_the_server_starts(tmp_path, capsys) -> None:
    import socket

    (tmp_path / "prefect.yaml").write_text("deployments: []\n", encoding="utf-8")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert serve(port=port, project_dir=tmp_path) == 2
    assert f"port {port} on 127.0.0.1 is in use" in capsys.readouterr().err
    assert serve(port=99999, project_dir=tmp_path) == 2
    assert "is not a TCP port" in capsys.readouterr().err
    assert not (tmp_path / ".prefect").exists()  # refused before anything started


def test_stop_all_stops_the_groups_together_and_kills_what_ignores_sigterm() -> None:
    import time

    from pipeline.serve import stop_all

    slow = [subprocess.Popen([sys.executable, "-c", "import time, signal; signal.signal(signal.SIGTERM, "
                              "lambda *a: (time.sleep(1), exit(0))); time.sleep(60)"], start_new_session=True)
            for _ in range(3)]
    stubborn = subprocess.Popen([sys.executable, "-c", "import signal, time; signal.signal(signal.SIGTERM, "
                                 "signal.SIG_IGN); time.sleep(60)"], start_new_session=True)
    time.sleep(0.5)  # let them install their handlers
    start = time.monotonic()
    stop_all([*slow, stubborn], grace=2.5)
    took = time.monotonic() - start
    assert all(p.returncode == 0 for p in slow) and stubborn.returncode == -9
    assert took < 5  # together: about the grace, not three seconds plus the grace


def test_runs_a_stopped_worker_left_in_progress_are_marked_crashed() -> None:
    """A run shown Running after its worker stopped holds the deployment's one slot for good: it is marked."""
    from pipeline.serve import crash_leftover_runs

    calls: list[tuple[str, dict]] = []

    def answer(path: str) -> object:
        return [{"id": "run-a"}, {"id": "run-b"}] if path.endswith("/flow_runs/filter") else {"status": "ACCEPT"}

    with _fake_api(answer, calls) as api:
        assert crash_leftover_runs(api, "stopped") == 2
    (path, query), *marks = calls
    assert path == "/api/flow_runs/filter"
    assert query["work_pools"] == {"name": {"any_": ["process"]}}
    assert set(query["flow_runs"]["state"]["type"]["any_"]) == {"PENDING", "RUNNING", "CANCELLING"}
    assert [p for p, _ in marks] == ["/api/flow_runs/run-a/set_state", "/api/flow_runs/run-b/set_state"]
    assert all(b["state"]["type"] == "CRASHED" and b["force"] is True for _, b in marks)
    # no server: nothing to mark, and no error
    assert crash_leftover_runs("http://127.0.0.1:9/api", "stopped") == 0


def test_the_deployments_are_summed_up_one_line_each() -> None:
    """Prefect's deploy output told the operator to start a worker that serve starts itself; one line each instead."""
    from pipeline.serve import deployments

    def answer(path: str) -> object:
        return [{"id": "f1", "name": "clean-articles"}] if path.endswith("/flows/filter") else [
            {"name": "nightly", "flow_id": "f1", "paused": False,
             "schedules": [{"active": True, "schedule": {"cron": "30 2 * * *", "timezone": "Asia/Shanghai"}}]},
            {"name": "hourly-dask", "flow_id": "f1", "paused": True,
             "schedules": [{"active": False, "schedule": {"cron": "0 * * * *", "timezone": "Asia/Shanghai"}}]},
            {"name": "by-hand", "flow_id": "gone", "schedules": []},
        ]

    with _fake_api(answer) as api:
        lines = deployments(api)
    assert lines == [
        "by-hand: no schedule",
        "clean-articles/hourly-dask: '0 * * * *' Asia/Shanghai (inactive) - paused",
        "clean-articles/nightly: '30 2 * * *' Asia/Shanghai",
    ]
    assert deployments("http://127.0.0.1:9/api") == []  # no server: nothing to say, and no error


def test_a_failed_deploy_shows_prefects_own_words(tmp_path, capsys) -> None:
    from pipeline.serve import deploy_all

    fake = tmp_path / "prefect"
    fake.write_text("#!/bin/sh\necho 'Deploying nightly'\necho 'entrypoint not found' >&2\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    with pytest.raises(subprocess.CalledProcessError):
        deploy_all(str(fake), {"PATH": "/usr/bin:/bin"}, tmp_path)
    err = capsys.readouterr().err
    assert "Deploying nightly" in err and "entrypoint not found" in err
