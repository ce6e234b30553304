"""Build the domain IDF table for keyword extraction: ``python -m pipeline.tag.build_idf``.

Reads a corpus of articles of this genre (JSONL records with ``title`` and
``text``, e.g. the labelled set ``tests/data/tagging/gold.jsonl``, and/or plain
``.txt`` files), segments them with the tagger's tokenizer and writes
``word idf`` lines, idf = ln((N + 1) / (df + 1)) + 1, for words seen in at
least ``--min-df`` documents. :mod:`pipeline.tag.keywords` blends it with
jieba's general table. Rebuild it when a larger crawl of the genre is at hand.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from pathlib import Path

from pipeline.tag import segment
from pipeline.tag.keywords import DOMAIN_IDF, candidate

REPO = Path(__file__).resolve().parents[2]


def read_corpus(paths: list[Path]) -> list[str]:
    docs: list[str] = []
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            if f.suffix == ".jsonl":
                for line in f.read_text(encoding="utf-8").splitlines():
                    if line.strip():
                        row = json.loads(line)
                        docs.append(f"{row.get('title') or ''}\n{row.get('text') or ''}")
            elif f.suffix == ".txt" and f.is_file():
                docs.append(f.read_text(encoding="utf-8", errors="replace"))
    return docs


def build(docs: list[str], min_df: int = 2) -> dict[str, float]:
    df: Counter[str] = Counter()
    for text in docs:
        df.update({w for w in segment.cut(text) if candidate(w)})
    n = len(docs)
    return {w: math.log((n + 1) / (c + 1)) + 1 for w, c in df.items() if c >= min_df}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="pipeline.tag.build_idf", description=__doc__.splitlines()[0])
    ap.add_argument(
        "corpus", nargs="*", type=Path, default=[REPO / "tests" / "data" / "tagging" / "gold.jsonl"]
    )
    ap.add_argument("--out", type=Path, default=DOMAIN_IDF)
    ap.add_argument("--min-df", type=int, default=2)
    args = ap.parse_args(argv)
    docs = read_corpus(args.corpus)
    if not docs:
        print("no documents read")
        return 2
    table = build(docs, args.min_df)
    lines = [f"{w} {v:.4f}" for w, v in sorted(table.items(), key=lambda x: (x[1], x[0]))]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(docs)} documents, {len(table)} words -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
