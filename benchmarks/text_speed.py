"""Speed of the text-scrape extractor (a benchmark, not a test).

Runs :func:`pipeline.extract.extract_document` over texts a scraper saved, one
core, and reports texts/s and MB/s of input per CPU-second (``time.process_time``,
so other load on the machine does not count; best of ``--repeat`` runs, each one
pass over distinct texts with the line caches emptied first, so a line is only
found in a cache when another text of the run has it too, as in a real crawl):

* the real page texts of ``../shared/corpus/pages/pages.jsonl`` (page beginnings,
  read there by path), and
* whole-page scrapes made from the HTML extraction corpora (each page's visible
  blocks one per line, as ``pipeline eval scrapes --from-html`` builds them), which
  are longer and hold the menus and footers the beginnings leave out.

    .venv/bin/python benchmarks/text_speed.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.config import Settings  # noqa: E402
from pipeline.eval import extraction, real  # noqa: E402
from pipeline.eval.scrapes_html import scraped_pages  # noqa: E402
from pipeline.extract import extract_document  # noqa: E402
from pipeline.record import Document  # noqa: E402


def whole_pages() -> list[str]:
    return ["\n".join(lines) for _c, _r, _p, lines, _t in scraped_pages(extraction.default_corpora())]


def _clear_caches() -> None:
    from pipeline.extract import fold, line_shape

    for fn in (fold.fold, getattr(line_shape, "is_paragraph_like", None)):
        if hasattr(fn, "cache_clear"):
            fn.cache_clear()


def measure(texts: list[str], repeat: int) -> tuple[float, float]:
    settings = Settings()
    extract_document(Document(path="warmup.txt", raw="预热。"), settings)
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    best = float("inf")
    for _ in range(repeat):
        _clear_caches()
        c0 = time.process_time()
        for t in texts:
            extract_document(Document(path="x.txt", media_type="text", raw=t), settings)
        best = min(best, time.process_time() - c0)
    return len(texts) / best, size / best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path, default=real.DEFAULT_PAGES, help="the real page texts (pages.jsonl)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs (the best counts)")
    args = ap.parse_args(argv)
    sets = {}
    if args.pages.is_file():
        sets["page beginnings (pages.jsonl)"] = list(real.load_texts(args.pages).values())
    else:
        print(f"no page texts at {args.pages} (pass --pages); skipping them", file=sys.stderr)
    pages = whole_pages()
    if pages:
        sets["whole-page scrapes (HTML corpora)"] = pages
    else:
        print("no HTML corpora under ../shared/corpus/: skipping whole-page scrapes", file=sys.stderr)
    if not sets:
        return 2
    for name, texts in sets.items():
        docs, mb = measure(texts, args.repeat)
        kb = sum(len(t.encode("utf-8")) for t in texts) / len(texts) / 1e3
        print(f"{name:36s} {len(texts):4d} texts, {kb:5.1f} KB each: {docs:7.0f} texts/s  {mb:6.2f} MB/s per core")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
