"""Whole-pipeline throughput: MB/s, docs/s and peak memory on generated data.

Generates N distinct documents from the bundled ``raw/`` samples (paragraphs
shuffled and recombined across articles with a fixed seed, so dedup does not
collapse them), writes them to a scratch raw directory, and runs the pure core
(:mod:`pipeline.batch` + ``dedup.resolve``, no Prefect) over it, batch by
batch, timing every stage. ``--flow`` runs the Prefect flow instead
(``--engine dask`` for prefect-dask with a LocalCluster).

    .venv/bin/python benchmarks/bench_pipeline.py --docs 2000
    .venv/bin/python benchmarks/bench_pipeline.py --docs 2000 --flow --engine dask

A benchmark, not a test: nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline import batch, dedup, ingest, store  # noqa: E402
from pipeline.config import Settings  # noqa: E402


def corpus_paragraphs(settings: Settings) -> tuple[list[list[str]], list[str]]:
    """Paragraph lists of every written-quality sample in raw/ (via the real extractor), and HTML shells."""
    raw = REPO / "raw"
    docs = ingest.load_all(ingest.discover(raw, settings), raw, settings)
    articles: list[list[str]] = []
    shells: list[str] = []
    for d in docs:
        if d.done:
            continue
        html = d.raw if d.media_type == "html" else None
        from pipeline.extract import extract_document

        extract_document(d, settings)
        if not d.done and len(d.paragraphs) >= 3:
            articles.append([p for p in d.text.split("\n") if p.strip()])
            if html and len(html) < 40_000:
                shells.append(html)
    return articles, shells


def generate(n: int, out: Path, seed: int = 7) -> int:
    """Write ``n`` distinct documents (about a third HTML in page chrome); return total bytes."""
    settings = Settings()
    articles, _ = corpus_paragraphs(settings)
    pool = [p for a in articles for p in a]
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        base = rng.choice(articles)
        body = base[:1] + rng.sample(pool, k=min(len(pool), rng.randint(8, 18)))
        title = f"{base[0][:20]}（第{i}篇）"
        if i % 3 == 0:
            paras = "".join(f"<p>{p}</p>" for p in body)
            data = (
                f"<html><head><meta charset='utf-8'><title>{title}_示例财经网</title></head><body>"
                f"<div class='nav'><a href='/'>首页</a> &gt; <a href='/l'>理财</a> &gt; 正文</div>"
                f"<div class='article'><h1>{title}</h1><div class='info'>2024-12-0{1 + i % 9} 10:00 来源：示例</div>"
                f"<div class='content'>{paras}</div></div>"
                f"<div class='footer'>Copyright © 2024 示例 京ICP备00000000号-1</div></body></html>"
            ).encode()
            path = out / f"gen_{i:06d}.html"
        else:
            data = ("\n\n".join([title, "2024-12-08 11:31:43", "来源:示例", *body, "Copyright © 2024 All Rights Reserved."])).encode("utf-8")
            path = out / f"gen_{i:06d}.txt"
        path.write_bytes(data)
        total += len(data)
    return total


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_core(raw: Path, out: Path, settings: Settings) -> dict:
    """The flow's work without Prefect: prepare per batch, resolve, finish per batch, commit."""
    files = ingest.discover(raw, settings)
    conn = store.connect(out / "index.sqlite")
    timings: Counter[str] = Counter()
    start = time.perf_counter()
    prepared = []
    for i in range(0, len(files), settings.run.batch_size):
        p = batch.prepare(files[i : i + settings.run.batch_size], raw, settings, {}, out / "articles")
        prepared.append(p)
    t = time.perf_counter()
    resolution = dedup.resolve([c for p in prepared for c in p.candidates], conn, settings)
    timings["dedup_resolve"] += time.perf_counter() - t
    fates: Counter[str] = Counter()
    written = []
    for p in prepared:
        f = batch.finish(p, resolution, settings, run_id="bench", processed_at="bench", articles_dir=out / "articles")
        timings.update(f.timings)
        fates.update(e.status for e in f.entries)
        written.extend(f.written)
    t = time.perf_counter()
    store.commit_run(conn, run_id="bench", started_at="", finished_at="", raw_dir=str(raw), out_dir=str(out),
                     parts=[([], written)])
    timings["commit"] += time.perf_counter() - t
    conn.close()
    return {"seconds": time.perf_counter() - start, "timings": dict(timings), "fates": dict(fates)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--batch-size", type=int, default=200)
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="bench-pipeline-"))
    try:
        raw, out = work / "raw", work / "out"
        t = time.perf_counter()
        nbytes = generate(args.docs, raw)
        print(f"generated {args.docs} documents, {nbytes / 1e6:.1f} MB in {time.perf_counter() - t:.1f} s", flush=True)
        settings = Settings.model_validate({"run": {"batch_size": args.batch_size}, "report": {"enabled": False}})
        result = run_core(raw, out, settings)
        secs = result["seconds"]
        figures = {
            "docs": args.docs,
            "mb": round(nbytes / 1e6, 2),
            "seconds": round(secs, 2),
            "docs_per_s": round(args.docs / secs, 1),
            "mb_per_s": round(nbytes / 1e6 / secs, 3),
            "peak_rss_mb": round(peak_rss_mb(), 1),
            "mode": "core",
            "timings": {k: round(v, 2) for k, v in sorted(result["timings"].items())},
            "fates": result["fates"],
        }
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
