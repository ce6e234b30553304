"""``pipeline serve``: schedules on a local Prefect server, in one command.

The embedded (ephemeral) server that ``pipeline run`` starts runs no
scheduler, so schedules need a real one. This starts ``prefect server start``
on HOST:PORT, waits for ``/api/health``, creates the ``process`` work pool if
it is missing, deploys everything in ``prefect.yaml`` and starts a worker on
the pool. Ctrl-C stops the worker and the server.

A flow run caught by that stop would stay ``Running`` on the server for good, holding the
deployment's one concurrency slot, so every later run (the nightly one too) would wait
without a word. The worker stops first, then the flow runs of the pool still in progress are
marked ``Crashed``, then the server stops; a start marks those a hard kill left behind the
same way, before the worker starts (:func:`crash_leftover_runs`).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

POOL = "process"


def _prefect() -> str:
    exe = Path(sys.executable).with_name("prefect")
    return str(exe) if exe.exists() else (shutil.which("prefect") or "prefect")


def wait_healthy(api_url: str, timeout: float = 180.0, proc: subprocess.Popen | None = None) -> None:
    """Poll ``/api/health`` until it answers 200; fail early if the server process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"prefect server exited with status {proc.returncode}; see .prefect/server.log")
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as resp:  # noqa: S310 - loopback
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(1)
    raise RuntimeError(f"prefect server did not become healthy at {api_url} within {timeout:.0f} s")


def port_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on HOST:PORT, or None.

    Checked before the server starts: Prefect's own failure is a bare exit status
    in its log, and a Prefect server already listening there would answer the
    health check and take this command's deployments.
    """
    if not 0 < port < 65536:
        return f"port {port} is not a TCP port (1-65535)"
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        return f"cannot listen on {host}: {exc.strerror or exc}"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does: TIME_WAIT is no obstacle
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return f"port {port} on {host} is in use (another `pipeline serve`?); choose another with --port"
            return f"cannot listen on {host}:{port}: {exc.strerror or exc}"
    return None


def serve(host: str = "127.0.0.1", port: int = 4200, worker: bool = True, project_dir: Path | None = None) -> int:
    project = (project_dir or Path.cwd()).resolve()
    if not (project / "prefect.yaml").is_file():
        print(f"error: no prefect.yaml in {project}; run from the repository root", file=sys.stderr)
        return 2
    problem = port_problem(host, port)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    api_url = f"http://{host}:{port}/api"
    env = dict(os.environ)
    env.setdefault("PREFECT_HOME", str(project / ".prefect"))
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    env["PREFECT_API_URL"] = api_url
    env["PIPELINE_PROJECT_DIR"] = str(project)
    Path(env["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)
    prefect = _prefect()

    log_path = Path(env["PREFECT_HOME"]) / "server.log"
    print(f"starting Prefect server on {host}:{port} (log: {log_path})", flush=True)
    with log_path.open("ab") as log:
        server = subprocess.Popen(
            [prefect, "server", "start", "--host", host, "--port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    procs = [server]

    def _stop(signum, frame):  # SIGTERM (systemd, kill) stops children like Ctrl-C does
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop)
    try:
        wait_healthy(api_url, proc=server)
        print(f"Prefect UI: http://{host}:{port}", flush=True)
        inspect = subprocess.run([prefect, "work-pool", "inspect", POOL], env=env, capture_output=True, text=True)
        if inspect.returncode != 0:
            subprocess.run([prefect, "work-pool", "create", POOL, "--type", "process"], env=env, check=True)
            # one flow run at a time on the pool: the two deployments write the same output directory
            subprocess.run([prefect, "work-pool", "set-concurrency-limit", POOL, "1"], env=env, check=True)
        deploy_all(prefect, env, project)
        for line in deployments(api_url):
            print(f"deployed {line}", flush=True)
        if n := crash_leftover_runs(api_url, "its worker stopped while it ran (found by `pipeline serve` at start)"):
            print(f"marked {n} flow run(s) a stopped worker left 'Running' as Crashed", flush=True)
        if not worker:
            print("deployed; no worker started (--no-worker). Server keeps running; Ctrl-C to stop.", flush=True)
        else:
            print(f"starting a worker on pool '{POOL}'; scheduled runs appear in the UI. Ctrl-C to stop.", flush=True)
            procs.append(subprocess.Popen([prefect, "worker", "start", "--pool", POOL], env=env, cwd=project,
                                          start_new_session=True))
        while all(p.poll() is None for p in procs):
            time.sleep(1)
        dead = next(p for p in procs if p.poll() is not None)
        print(f"error: {'server' if dead is server else 'worker'} exited with status {dead.returncode}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stopping", flush=True)
        return 0
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        # the worker (and the flow run it started) first, so that what it ran is marked before the server goes
        stop_all(procs[1:])
        if server.poll() is None and len(procs) > 1:
            crash_leftover_runs(api_url, "`pipeline serve` stopped while it ran")
        stop_all(procs[:1])


def deploy_all(prefect: str, env: dict[str, str], project: Path) -> None:
    """``prefect deploy --all``, its output kept back unless it fails.

    Prefect ends each deployment with advice to start a worker in another terminal,
    which this command does itself: two boxes and six lines per deployment that
    would tell the operator to do what is already done.
    """
    done = subprocess.run([prefect, "--no-prompt", "deploy", "--all"], env=env, cwd=project,
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise subprocess.CalledProcessError(done.returncode, done.args)


def deployments(api_url: str) -> list[str]:
    """One line per deployment on the server: its name and schedules, and whether it is paused."""
    try:
        found = _post(f"{api_url}/deployments/filter", {"limit": 200})
    except (OSError, ValueError):
        return []
    try:
        flows = {f["id"]: f["name"] for f in _post(f"{api_url}/flows/filter", {"limit": 200})}
    except (OSError, ValueError, TypeError, KeyError):
        flows = {}
    lines = []
    for d in found if isinstance(found, list) else []:
        when = []
        for s in d.get("schedules") or []:
            rule = s.get("schedule") or {}
            text = rule.get("cron") or rule.get("rrule") or (f"every {rule['interval']} s" if "interval" in rule else "?")
            zone = f" {rule['timezone']}" if rule.get("timezone") else ""
            when.append(f"'{text}'{zone}{'' if s.get('active', True) else ' (inactive)'}")
        paused = " - paused" if d.get("paused") else ""
        name = f"{flows[d['flow_id']]}/{d.get('name')}" if d.get("flow_id") in flows else d.get("name")
        lines.append(f"{name}: {', '.join(when) or 'no schedule'}{paused}")
    return sorted(lines)


IN_PROGRESS = ("PENDING", "RUNNING", "CANCELLING")


def _post(url: str, body: dict) -> object:
    req = urllib.request.Request(url, data=json.dumps(body).encode("utf-8"), method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310 - the local server's own URL
        return json.loads(resp.read() or b"null")


def crash_leftover_runs(api_url: str, reason: str, pool: str = POOL) -> int:
    """Mark the pool's flow runs still shown in progress as ``Crashed``; return how many.

    Called when no worker of this command runs (before it starts one, after it stopped it),
    so no run of the pool can be alive: one shown ``Running`` was cut off with its worker and
    would otherwise hold the deployment's concurrency slot for good.
    """
    try:
        runs = _post(f"{api_url}/flow_runs/filter", {
            "flow_runs": {"state": {"type": {"any_": list(IN_PROGRESS)}}},
            "work_pools": {"name": {"any_": [pool]}},
            "limit": 200,
        })
    except (OSError, ValueError):
        return 0
    n = 0
    for run in runs if isinstance(runs, list) else []:
        with contextlib.suppress(OSError, ValueError):
            _post(f"{api_url}/flow_runs/{run['id']}/set_state",
                  {"state": {"type": "CRASHED", "name": "Crashed", "message": reason}, "force": True})
            n += 1
    return n


def stop_all(procs: list[subprocess.Popen], grace: float = 15.0) -> None:
    """SIGTERM every process group at once, then SIGKILL what is left after ``grace`` seconds.

    At once, not one after another: each stops in its own time (the worker's takes
    seconds), and the operator waits for the slowest, not for the sum.
    """
    for p in procs:
        if p.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    for p in procs:
        try:
            p.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGKILL)
            p.wait()
