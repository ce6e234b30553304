"""Whole chain vs trafilatura's extraction alone, per CPU-second, on the same real-size HTML.

    .venv/bin/python benchmarks/throughput.py [--pages 200] [--rounds 3]

Builds ``--pages`` real-size pages (150 KB or more; see :mod:`corpus_gen`: real
pages of ``../shared/corpus/extraction*/`` with their prose swapped, or
generated pages without the corpus), then, in one process and alternating
rounds so that machine load hits both alike:

* trafilatura ``extract`` on every page's bytes (trafilatura is a benchmark-only
  extra: ``pip install -e .[bench]``, never a runtime dependency);
* the pipeline's whole core on the same files: ingest -> extract -> normalize ->
  dedup -> redact -> tag -> write (:func:`pipeline.batch.prepare`,
  :func:`pipeline.dedup.resolve`, :func:`pipeline.batch.finish`), writing real
  article files into a scratch directory.

Prints MB of HTML per CPU-second for each (best round), the ratio, and where the
chain's CPU goes by stage. Resource loading is warmed up first and not counted.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import DEFAULT_CORPUS, REAL_SIZE, Generator  # noqa: E402

from pipeline import batch, dedup  # noqa: E402
from pipeline.config import Settings  # noqa: E402


def build(pages: int, seed: int, corpus: Path, mode: str = "real-size") -> tuple[Path, list[bytes]]:
    """``mode``: ``real-size`` (corpus pages of 150 KB or more, prose swapped at the same length),
    ``sentences`` (every page of ``extraction/``, prose swapped for whole sentences: more text per
    page) or ``dense`` (the same with three times as much prose: text-heavy pages)."""
    gen = Generator(seed, corpus)
    pool = gen.big if mode == "real-size" else [t for t in gen.templates if t.name.startswith("extraction/")]
    stretch = 3.0 if mode == "dense" else 1.0
    if not pool:
        print(f"note: no corpus pages under {corpus}; using generated pages", file=sys.stderr)
    raw = Path(tempfile.mkdtemp(prefix="throughput-raw-"))
    data = []
    for i in range(pages):
        html = gen.swap_prose(gen.rng.choice(pool), sentences=mode != "real-size", stretch=stretch) if pool else gen.synthetic_page(
            gen.rng.randint(REAL_SIZE, 260_000))
        b = html.encode("utf-8")
        (raw / f"p{i:05d}.html").write_bytes(b)
        data.append(b)
    return raw, data


def run_chain(raw: Path, settings: Settings) -> tuple[float, Counter]:
    """CPU seconds of the whole core over every file of ``raw`` (fresh output each time)."""
    out = Path(tempfile.mkdtemp(prefix="throughput-out-"))
    files = sorted(p.name for p in raw.iterdir())
    conn = sqlite3.connect(":memory:")
    dedup.ensure_schema(conn)
    cpu = time.process_time()
    timings: Counter = Counter()
    prepared = []
    for i in range(0, len(files), settings.run.batch_size):
        p = batch.prepare(files[i : i + settings.run.batch_size], raw, settings, {}, out / "articles")
        prepared.append(p)
    t = time.process_time()
    res = dedup.resolve([c for p in prepared for c in p.candidates], conn, settings)
    timings["dedup_resolve"] += time.process_time() - t
    for p in prepared:
        f = batch.finish(p, res, settings, run_id="bench", processed_at="2026-01-01T00:00:00Z",
                         articles_dir=out / "articles")
        timings.update(f.timings)
    return time.process_time() - cpu, timings


def run_trafilatura(data: list[bytes]) -> float:
    import trafilatura

    cpu = time.process_time()
    for b in data:
        trafilatura.extract(b)
    return time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                    help="folder holding extraction*/ (default ../shared/corpus)")
    ap.add_argument("--mode", choices=["real-size", "sentences", "dense"], default="real-size",
                    help="real-size: corpus pages of 150 KB+ with same-length prose; sentences: every page of "
                         "extraction/ with its prose swapped for whole sentences (more text per page); dense: "
                         "three times as much prose again")
    ap.add_argument("--no-trafilatura", action="store_true", help="time the chain only")
    args = ap.parse_args(argv)
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        if not args.no_trafilatura:
            print("trafilatura is not installed: pip install -e '.[bench]' (or pass --no-trafilatura)",
                  file=sys.stderr)
            return 2
    settings = Settings()
    raw, data = build(args.pages, args.seed, args.corpus, args.mode)
    mb = sum(map(len, data)) / 1e6
    print(f"{args.pages} pages, {mb:.1f} MB of HTML ({mb * 1e3 / args.pages:.0f} KB per page)")
    # warm-up: resource loading (dictionaries, OpenCC, schema) and trafilatura's imports, not counted
    run_chain(Path(build(3, args.seed + 1, args.corpus)[0]), settings)
    if not args.no_trafilatura:
        run_trafilatura(data[:3])
    best_chain, best_traf, stages = float("inf"), float("inf"), Counter()
    for r in range(args.rounds):
        cpu, timings = run_chain(raw, settings)
        if cpu < best_chain:
            best_chain, stages = cpu, timings
        line = f"round {r + 1}: chain {mb / cpu:6.2f} MB/CPU-s"
        if not args.no_trafilatura:
            t = run_trafilatura(data)
            best_traf = min(best_traf, t)
            line += f"   trafilatura {mb / t:6.2f} MB/CPU-s"
        print(line, flush=True)
    print(f"\nwhole chain (ingest -> write): {mb / best_chain:6.2f} MB of HTML per CPU-second "
          f"({args.pages / best_chain:.1f} pages/s per core)")
    if not args.no_trafilatura:
        print(f"trafilatura.extract alone:     {mb / best_traf:6.2f} MB of HTML per CPU-second "
              f"({args.pages / best_traf:.1f} pages/s per core)")
        print(f"ratio chain / trafilatura:     {best_traf / best_chain:6.2f}x  (target >= 2.0x)")
    total = sum(stages.values()) or 1
    print("chain CPU by stage: " + ", ".join(f"{k} {v:.2f}s ({100 * v / total:.0f}%)"
                                             for k, v in stages.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
