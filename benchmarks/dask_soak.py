"""Consecutive runs on one Dask cluster: does the distributed path hold up run after run?

    .venv/bin/python benchmarks/dask_soak.py [--runs 20] [--raw raw]

Starts ``dask scheduler`` and two ``dask worker`` processes on loopback (as an
operator would), then runs ``pipeline run --dask-address ...`` ``--runs`` times,
each into a fresh output directory with small batches (so every run has many
tasks), and checks each one: exit status 0, no traceback, every input in the
manifest, and the same fates as the first run. Prints one line per run and a
summary; exits 1 if any run failed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scale import BIN, LoopbackCluster  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--raw", type=Path, default=HERE.parent / "raw")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="dask-soak-"))
    env = dict(os.environ, PREFECT_HOME=str(work / ".prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    env.pop("PREFECT_API_URL", None)
    cfg = work / "small.yaml"
    cfg.write_text("run:\n  batch_size: 3\n", encoding="utf-8")
    cluster = LoopbackCluster(2, env)
    failures, first, times = 0, None, []
    try:
        for i in range(1, args.runs + 1):
            out = work / f"out-{i}"
            t = time.monotonic()
            p = subprocess.run([str(BIN / "pipeline"), "run", "--raw", str(args.raw), "--out", str(out),
                                "--config", str(cfg), "--dask-address", cluster.address],
                               env=env, capture_output=True, text=True)
            times.append(time.monotonic() - t)
            problem = ""
            if p.returncode != 0 or "Traceback" in p.stderr:
                problem = f"exit {p.returncode}: {p.stderr.strip().splitlines()[-1] if p.stderr.strip() else ''}"
            else:
                m = json.loads(next((out / "runs").glob("*/manifest.json")).read_text())
                fates = {k: e["status"] for k, e in m["entries"].items()}
                first = first or fates
                if fates != first:
                    problem = "fates differ from the first run"
            failures += bool(problem)
            print(f"run {i:2d}: {times[-1]:5.1f} s  {'OK' if not problem else 'FAILED ' + problem}", flush=True)
            shutil.rmtree(out, ignore_errors=True)
    finally:
        cluster.close()
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{args.runs - failures}/{args.runs} consecutive Dask runs succeeded "
          f"(median {sorted(times)[len(times) // 2]:.1f} s per run)")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
