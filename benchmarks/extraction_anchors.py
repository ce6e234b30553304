"""Anchor extractors on the extraction corpora, scored exactly as ``pipeline eval extraction`` scores the pipeline.

    .venv/bin/pip install -c constraints.txt -e '.[bench]'     # trafilatura, readability-lxml
    python benchmarks/extraction_anchors.py [--corpus DIR ...]

For every page of each corpus (default: ``../shared/corpus/extraction`` and
``../shared/corpus/extraction-dev``, read there by path) it runs trafilatura's
``extract`` (default settings and ``favor_precision``) and readability-lxml's
``Document.summary``, decodes the bytes with the pipeline's own decoder, and scores
each output with the same token-bag F1 - giving the anchor the better of its body
and title + body, as the corpora's own anchor figures do. Per-page F1 go to
``pipeline/eval/anchors.json``, which ``pipeline eval extraction`` prints beside the
pipeline's figures per corpus, kind and script. magic-html needs Python >= 3.12, so
its figures are the ones the corpora publish (quoted, not measured here).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.eval.extraction import (  # noqa: E402
    ANCHORS_FILE,
    default_corpora,
    load_manifest,
    page_kind,
    prf,
    read_page,
    tokens,
)


def _trafilatura(html: str, precision: bool) -> tuple[str, str]:
    import trafilatura

    body = trafilatura.extract(html, favor_precision=precision, include_comments=False) or ""
    meta = trafilatura.extract_metadata(html)
    return body, (meta.title if meta and meta.title else "")


def _readability(html: str) -> tuple[str, str]:
    import lxml.html
    from readability import Document

    doc = Document(html)
    summary = doc.summary(html_partial=True)
    body = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
    return body, doc.short_title() or ""


TOOLS = {
    "trafilatura": lambda h: _trafilatura(h, False),
    "trafilatura-precision": lambda h: _trafilatura(h, True),
    "readability-lxml": _readability,
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, action="append", default=None)
    ap.add_argument("--out", type=Path, default=ANCHORS_FILE)
    args = ap.parse_args(argv)
    corpora = args.corpus or default_corpora()
    if not corpora:
        print("no extraction corpus here: pass --corpus DIR (a folder with MANIFEST.tsv)", file=sys.stderr)
        return 2
    stored = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    for corpus in corpora:
        pages: dict[str, dict[str, float]] = {}
        seconds = dict.fromkeys(TOOLS, 0.0)
        for row in load_manifest(corpus):
            page = read_page(corpus, row)
            if page.gold is None:
                continue
            gold = tokens(page.gold)
            scores: dict[str, float] = {}
            for name, tool in TOOLS.items():
                t = time.process_time()
                try:
                    body, title = tool(page.html)
                except Exception:  # noqa: BLE001 - an anchor that crashes on a page scores 0 there
                    body, title = "", ""
                seconds[name] += time.process_time() - t
                scores[name] = round(max(prf(tokens(body), gold)[2], prf(tokens(title + "\n" + body), gold)[2]), 4)
            pages[page.name] = {"kind": page_kind(row), "script": row.get("script", ""), **scores}
        n = len(pages)
        stored[corpus.name] = {
            "measured": {name: {"pages_per_cpu_second": round(n / seconds[name], 1) if seconds[name] else None}
                         for name in TOOLS},
            "pages": pages,
        }
        for name in TOOLS:
            mean = sum(p[name] for p in pages.values()) / n if n else 0.0
            print(f"{corpus.name:16} {name:22} mean F1 {mean:.3f} over {n} pages, "
                  f"{n / seconds[name] if seconds[name] else 0:.0f} pages/CPU-s")
    args.out.write_text(json.dumps(stored, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
