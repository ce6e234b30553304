"""Scale of the global step: resolve() and index_articles() on N candidates of ~4 KB, one subprocess per size.

    .venv/bin/python benchmarks/dedup_resolve.py --sizes 10000 50000

Candidates are built from generated text (10 % of them near copies of others) and
kept in memory as the flow keeps them; reported: seconds for resolve against an
empty index (run 1), seconds for indexing the written ones into a SQLite file,
seconds for resolving a second run of N/10 copies against that index, peak RSS (the
candidates of the run are held in memory, as the flow's global task holds them),
pickled candidate size and index size on disk.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def child(n: int, seed: int) -> dict:
    from pipeline import dedup
    from pipeline.config import Settings
    from pipeline.eval.dedup_corpus import load_texts, sentence_pool

    settings = Settings()
    _, clauses = sentence_pool(load_texts())
    rng = random.Random(seed)

    def text() -> str:
        parts, nbytes = [], 0
        while nbytes < 4096:
            c = rng.choice(clauses) + rng.choice("，，，。")
            parts.append(c)
            nbytes += len(c.encode("utf-8"))
        return "".join(parts)

    def edit(t: str) -> str:
        chars = list(t)
        for _ in range(len(chars) // 100):
            chars[rng.randrange(len(chars))] = rng.choice(clauses)[0]
        return "来源：某网站\n" + "".join(chars)

    start = time.perf_counter()
    cands, bodies = [], []
    for i in range(n):
        t = edit(bodies[rng.randrange(len(bodies))]) if bodies and rng.random() < 0.1 else text()
        if len(bodies) < 2000:
            bodies.append(t)
        cands.append(dedup.candidate_from_text(t, settings, path=f"run1/{i}.txt"))
    t_prep = time.perf_counter() - start
    cand_bytes = len(pickle.dumps(cands[:200])) / min(n, 200)  # a sample: pickling all would double the peak
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "index.sqlite"
        conn = sqlite3.connect(db, isolation_level=None)
        dedup.ensure_schema(conn)
        start = time.perf_counter()
        res = dedup.resolve(cands, conn, settings)
        t_res = time.perf_counter() - start
        written = [c for c in cands if res.decisions[c.path].duplicate_of is None]
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        dedup.index_articles(conn, written, "run-1")
        conn.execute("COMMIT")
        t_idx = time.perf_counter() - start
        second = [
            dedup.candidate_from_text(edit(bodies[rng.randrange(len(bodies))]), settings, path=f"run2/{i}.txt")
            for i in range(n // 10)
        ]
        start = time.perf_counter()
        res2 = dedup.resolve(second, conn, settings)
        t_res2 = time.perf_counter() - start
        conn.close()
        db_mb = db.stat().st_size / 2**20
    return {
        "candidates": n,
        "fingerprint_s": round(t_prep, 1),
        "resolve_run1_s": round(t_res, 2),
        "duplicates_run1": res.stats["duplicates"],
        "index_articles_s": round(t_idx, 2),
        "resolve_run2_s": round(t_res2, 2),
        "run2_found": sum(1 for d in res2.decisions.values() if d.duplicate_of),
        "run2_size": len(second),
        "candidate_pickled_bytes": round(cand_bytes),
        "index_mb": round(db_mb, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.seed)))
        return 0
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--child", str(n), "--seed", str(args.seed)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, env={**os.environ, "OMP_NUM_THREADS": "1"})
        print(out.stdout.strip().splitlines()[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
