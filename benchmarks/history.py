"""Does history slow a run? The same 1,000-page run with an empty index and with 1,000,000 inputs recorded.

    .venv/bin/python benchmarks/history.py [--rows 1000000] [--docs 1000] [--repeat 2]

The recorded history is generated straight into ``index.sqlite`` (what a long
life of nightly runs leaves there): ``--rows`` inputs with their manifest rows
under 1,000 past runs, and as many indexed articles with their MinHash
signatures, shingle sets and 32 LSH band keys each. The raw directory is the
scale benchmark's (see :mod:`corpus_gen`). Each measurement copies the prepared
index into a fresh output directory and runs the real CLI; the figure is the
ratio of the wall times (target: at most 1.2).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from corpus_gen import DEFAULT_CORPUS  # noqa: E402
from scale import BIN, raw_for  # noqa: E402

from pipeline import store  # noqa: E402
from pipeline.config import Settings  # noqa: E402
from pipeline.dedup import index as ix  # noqa: E402


def build_history(db: Path, rows: int, seed: int = 3) -> None:
    """``rows`` recorded inputs and indexed articles, in the tables and format the pipeline writes."""
    if db.is_file():
        return
    tmp = db.with_suffix(".building")
    tmp.unlink(missing_ok=True)
    conn = store.connect(tmp)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("INSERT INTO dedup_meta (k, v) VALUES ('params', ?)", (json.dumps(ix.params_of(Settings().dedup)),))
    rng = np.random.default_rng(seed)
    runs = 1000
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO runs VALUES (?, ?, ?, ?, ?, 1)",
        [(f"20250101T{r:06d}Z-hist", "2025-01-01T00:00:00Z", "2025-01-01T00:10:00Z", "raw", "processed")
         for r in range(runs)],
    )
    chunk = 20_000
    for lo in range(0, rows, chunk):
        n = min(chunk, rows - lo)
        sigs = rng.integers(0, 2**32, size=(n, 128), dtype=np.uint32)
        keys = ix.mh.band_keys(sigs, 32)
        shingles = [ix.mh.pack_shingles(np.unique(rng.integers(0, 2**24, size=300, dtype=np.uint32)))
                    for _ in range(n)]
        inputs, manifest, articles, bands = [], [], [], []
        for k in range(n):
            i = lo + k
            aid = f"{i:016x}"
            run_id = f"20250101T{i % runs:06d}Z-hist"
            path = f"history/{i // 1000:04d}/page{i:07d}.html"
            sha = f"{i:064x}"
            inputs.append((path, sha, "written", aid, None, None, run_id))
            manifest.append((run_id, path, "written", aid, None, None, None, sha))
            articles.append((aid, f"{i:064x}", path, f"https://example.com/{i}", "历史站点", "2025-01-01", 4000, 300,
                             sigs[k].astype("<u4").tobytes(), shingles[k], run_id))
            bands.extend((int(key), aid) for key in keys[k])
        conn.executemany("INSERT INTO inputs VALUES (?, ?, ?, ?, ?, ?, ?)", inputs)
        conn.executemany("INSERT INTO manifest VALUES (?, ?, ?, ?, ?, ?, ?, ?)", manifest)
        conn.executemany("INSERT INTO dedup_articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", articles)
        conn.executemany("INSERT OR IGNORE INTO dedup_bands VALUES (?, ?)", bands)
        print(f"  history rows {lo + n:,}/{rows:,}", end="\r", file=sys.stderr, flush=True)
    conn.execute("COMMIT")
    conn.close()
    os.replace(tmp, db)
    print(file=sys.stderr)


def timed_run(raw: Path, out: Path, db: Path | None, env: dict) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    if db is not None:
        shutil.copyfile(db, out / "index.sqlite")
    t = time.monotonic()
    proc = subprocess.run([str(BIN / "pipeline"), "run", "--raw", str(raw), "--out", str(out)], env=env,
                          capture_output=True, text=True)
    wall = time.monotonic() - t
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-3000:])
    info = json.loads(sorted((out / "runs").glob("*/run.json"))[-1].read_text())
    return {"wall": wall, "flow": info["wall"]["flow"], "phases": info["wall"]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--work", type=Path, default=REPO / "benchmarks" / "out" / "scale")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PREFECT_HOME=str(args.work / ".prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    env.pop("PREFECT_API_URL", None)
    raw, _ = raw_for(args.work, args.docs, args.seed, args.corpus)
    db = args.work / f"history-{args.rows}.sqlite"
    t = time.monotonic()
    build_history(db, args.rows)
    print(f"history: {args.rows:,} inputs and indexed articles in {db} "
          f"({db.stat().st_size / 2**20:,.0f} MB; built or found in {time.monotonic() - t:.0f} s)")
    best: dict[str, dict] = {}
    for r in range(args.repeat):
        for label, history in (("empty index", None), (f"{args.rows:,} rows", db)):
            res = timed_run(raw, args.work / "out-history", history, env)
            print(f"round {r + 1}, {label:>16}: {res['wall']:6.1f} s wall, flow {res['flow']:6.1f} s "
                  f"({', '.join(f'{k} {v:.1f}' for k, v in res['phases'].items() if k != 'flow')})", flush=True)
            if label not in best or res["wall"] < best[label]["wall"]:
                best[label] = res
    (empty, full) = best.values()
    print(f"\n{args.docs:,}-page run: {empty['wall']:.1f} s with an empty index, {full['wall']:.1f} s with "
          f"{args.rows:,} inputs recorded: ratio {full['wall'] / empty['wall']:.2f} (flow only "
          f"{full['flow'] / empty['flow']:.2f}; target <= 1.2)")
    shutil.rmtree(args.work / "out-history", ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
