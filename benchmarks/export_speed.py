"""Speed and memory of ``pipeline export`` (the change feed) at 10,000 and 100,000 articles.

The output directory is synthesised, not produced by runs (a 100,000-article run
takes ~12 minutes and the export does not care where its articles came from):
the articles a run writes from the bundled ``raw/`` are cloned under fresh ids,
and the index records them as created over ``--runs`` runs, with a tenth of
them rewritten by the last run. Then, in a fresh process each, it measures the
full export and ``--since`` the next-to-last run, as JSONL and as Parquet:
articles/s, MB/s of output and the process's peak RSS (flat memory: the same
at 10k and 100k).

    python benchmarks/export_speed.py --sizes 10000 100000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline import store  # noqa: E402
from pipeline.write import dump_json  # noqa: E402


def templates(work: Path) -> list[dict]:
    """The articles a run writes from the bundled raw/."""
    out = work / "seed-run"
    env = dict(os.environ, PREFECT_HOME=str(work / "prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    subprocess.run([sys.executable, "-m", "pipeline", "run", "--raw", str(REPO / "raw"), "--out", str(out),
                    "--workers", "1"], check=True, env=env, cwd=REPO, capture_output=True)
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((out / "articles").glob("*.json"))]


def synthesise(out: Path, n: int, runs: int, arts: list[dict]) -> list[str]:
    """``out`` with ``n`` articles written over ``runs`` runs; returns the run ids in commit order."""
    rng = random.Random(n)
    (out / "articles").mkdir(parents=True)
    conn = store.connect(out / "index.sqlite")
    run_ids = [f"20260101T{h:02d}0000Z-{h:04x}" for h in range(runs)]
    conn.execute("BEGIN")
    for i, rid in enumerate(run_ids):
        conn.execute("INSERT INTO runs VALUES (?, ?, ?, ?, ?, 1)", (rid, rid, rid, "raw", str(out)))
        del i
    ids = []
    for k in range(n):
        art = dict(arts[k % len(arts)])
        art["id"] = f"{rng.getrandbits(64):016x}"
        rid = run_ids[k * runs // n]
        art["pipeline"] = art["pipeline"] | {"run_id": rid}
        (out / "articles" / f"{art['id']}.json").write_text(dump_json(art), encoding="utf-8")
        conn.execute("INSERT INTO dedup_articles (id, body_hash, run_id) VALUES (?, ?, ?)", (art["id"], art["id"], rid))
        conn.execute("INSERT INTO changes VALUES (?, ?, 'created', 'new')", (rid, art["id"]))
        ids.append(art["id"])
    for aid in rng.sample(ids, n // 10):  # the last run rewrote a tenth of them
        conn.execute("INSERT OR IGNORE INTO changes VALUES (?, ?, 'rewritten', 'new_duplicate_source')",
                     (run_ids[-1], aid))
    conn.execute("COMMIT")
    conn.close()
    return run_ids


_MEASURE = """
import resource, subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stderr=subprocess.DEVNULL)
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""


def measure(out: Path, dest: Path, *extra: str) -> dict:
    cmd = [sys.executable, "-m", "pipeline", "export", "--dir", str(out), "--out", str(dest), *extra]
    res = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], check=True, capture_output=True, text=True, cwd=REPO)
    seconds, peak = map(float, res.stdout.split())
    if dest.suffix == ".jsonl":
        lines = sum(1 for _ in dest.open("rb"))
    else:
        import pyarrow.parquet as pq

        lines = pq.read_metadata(dest).num_rows
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(peak, 1), "bytes": dest.stat().st_size, "lines": lines}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--work", type=Path, default=None, help="scratch directory (default: a temporary one)")
    args = ap.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="export-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        import pyarrow  # noqa: F401

        formats = ["jsonl", "parquet"]
    except ImportError:
        formats = ["jsonl"]
    arts = templates(work)
    results = []
    for n in args.sizes:
        out = work / f"out-{n}"
        shutil.rmtree(out, ignore_errors=True)
        t = time.perf_counter()
        run_ids = synthesise(out, n, args.runs, arts)
        print(f"{n:,} articles synthesised in {time.perf_counter() - t:.0f} s", flush=True)
        for fmt in formats:
            for since in (None, run_ids[-2]):
                dest = work / f"feed-{n}.{fmt}"
                extra = ["--format", fmt] + (["--since", since] if since else [])
                r = measure(out, dest, *extra)
                rate = f"{r['lines'] / r['seconds']:,.0f} articles/s"
                row = {"articles": n, "format": fmt, "since": since, **r}
                results.append(row)
                print(f"  {fmt:7} {'since ' + since if since else 'all':32} {r['seconds']:7.1f} s  {rate:>18}  "
                      f"{r['bytes'] / 1e6 / r['seconds']:6.1f} MB/s out  peak RSS {r['peak_rss_mb']:.0f} MB"
                      f"  ({r['lines']} articles)", flush=True)
                dest.unlink()
        shutil.rmtree(out, ignore_errors=True)
    (REPO / "benchmarks" / "out").mkdir(exist_ok=True)
    (REPO / "benchmarks" / "out" / "export_speed.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
