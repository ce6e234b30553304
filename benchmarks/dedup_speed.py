"""Speed and memory of the dedup fingerprints: signatures + LSH on 4 KB documents, one core.

    .venv/bin/python benchmarks/dedup_speed.py                 # 10k and 100k, one subprocess each
    .venv/bin/python benchmarks/dedup_speed.py --sizes 10000 --full

Each size runs in a fresh subprocess (so peak RSS is per size). Documents are
generated on the fly from the real-text clause pool of the eval generator
(``pipeline.eval.dedup``) and dropped after fingerprinting: what the run keeps
is what a run of the pipeline keeps per document for LSH - its band keys
(``bands`` int64) - so the memory that grows with the corpus is measured.

Timed (``sig+lsh``): comparison key, n-gram hashing, one-permutation MinHash,
band keys, and the sort-based LSH pairing of the whole corpus
(:func:`pipeline.dedup.resolver.lsh_pairs`). Not timed: generating the text.
``--full`` also times everything ``prepare`` computes per document (adds the
packed shingle set used for verification).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(n: int, size: int, full: bool, seed: int) -> dict:
    import numpy as np

    from pipeline import dedup
    from pipeline.config import Settings
    from pipeline.dedup import minhash as mh
    from pipeline.dedup.resolver import lsh_pairs
    from pipeline.eval.dedup_corpus import load_texts, sentence_pool

    settings = Settings()
    ds = settings.dedup
    _, clauses = sentence_pool(load_texts())
    rng = random.Random(seed)

    def text() -> str:
        parts, nbytes = [], 0
        while nbytes < size:
            c = rng.choice(clauses) + rng.choice("，，，。")
            if c.endswith("。") and rng.random() < 0.4:
                c += "\n"  # paragraphs, for the opening keys
            parts.append(c)
            nbytes += len(c.encode("utf-8"))
        if rng.random() < 0.5:
            parts.append(rng.choice(clauses))
        return "".join(parts)

    base_rss = rss_mb()
    keys = np.empty((n, ds.bands + dedup.OPENING_KEYS), dtype=np.int64)
    t_sig = 0.0
    cpu_sig = 0.0
    t_full = 0.0
    nbytes = 0
    for i in range(n):
        t = text()
        nbytes += len(t.encode("utf-8"))
        start, cpu = time.perf_counter(), time.process_time()
        h = mh.shingle_hashes(mh.key_codepoints(t), ds.ngram)
        bands = mh.band_keys(mh.minhash(h, ds.num_perm), ds.bands)
        opening = dedup.opening_keys(t)
        keys[i] = [*bands.tolist(), *opening, *[int(bands[0])] * (dedup.OPENING_KEYS - len(opening))]
        t_sig += time.perf_counter() - start
        cpu_sig += time.process_time() - cpu
        if full:
            start = time.perf_counter()
            dedup.candidate_from_text(t, settings, path=f"d{i}")
            t_full += time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    pairs = lsh_pairs(keys)
    t_lsh = time.perf_counter() - start
    cpu_lsh = time.process_time() - cpu
    total = t_sig + t_lsh
    return {
        "documents": n,
        "avg_bytes": round(nbytes / n),
        "params": {"ngram": ds.ngram, "num_perm": ds.num_perm, "bands": ds.bands},
        "signature_s": round(t_sig, 2),
        "lsh_pairing_s": round(t_lsh, 2),
        "docs_per_s_sig_lsh": round(n / total),
        "docs_per_cpu_s_sig_lsh": round(n / (cpu_sig + cpu_lsh)),
        "load_avg_1min": round(os.getloadavg()[0], 2),
        "docs_per_s_full_fingerprint": round(n / t_full) if full else None,
        "candidate_pairs": int(len(pairs)),
        "rss_after_imports_mb": round(base_rss, 1),
        "peak_rss_mb": round(peak_mb(), 1),
        "band_key_array_mb": round(keys.nbytes / 2**20, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--bytes", type=int, default=4096, help="document size in UTF-8 bytes")
    ap.add_argument("--full", action="store_true", help="also time the full per-document fingerprint")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.bytes, args.full, args.seed)))
        return 0
    rows = []
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--child", str(n), "--bytes", str(args.bytes), "--seed", str(args.seed)]
        if args.full:
            cmd.append("--full")
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, env={**os.environ, "OMP_NUM_THREADS": "1"})
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False))
    print()
    print(
        "| documents | avg bytes | docs/s wall (sig+LSH) | docs per CPU-second (sig+LSH) | full fingerprint docs/s"
        " | LSH pairs | RSS after imports | peak RSS | load avg |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['documents']:,} | {r['avg_bytes']} | {r['docs_per_s_sig_lsh']:,} | {r['docs_per_cpu_s_sig_lsh']:,} | "
            f"{r['docs_per_s_full_fingerprint'] or '-'} | {r['candidate_pairs']} | "
            f"{r['rss_after_imports_mb']} MB | {r['peak_rss_mb']} MB | {r['load_avg_1min']} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
