"""Thread structure on the written HTML pages: ``python -m pipeline.eval.posts``.

Token F1 (:mod:`pipeline.eval.extraction`) says whether a thread's words were kept, not
whether its posts came out one by one with their author and date. This scores that
against an annotation of every post of the written forum and Q&A pages
(``tests/data/extraction/written_html_posts.jsonl``: per page, the posts in order with
their author, date and first words, made by an annotator who read the pages only):

* **post recall**: gold posts whose first words open a post of the output;
* **post precision**: output posts that open on a gold post's first words;
* **author** and **date**: of the matched posts, those with the author (exact) and the
  date (the same day, and the same minute where both give a time) of the gold.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

from pipeline.config import Settings
from pipeline.eval import extraction
from pipeline.eval.real import read_jsonl
from pipeline.extract import extract_document
from pipeline.record import Document

DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "extraction"
POSTS = DATA / "written_html_posts.jsonl"
CORPORA = ("written_html_tune", "written_html_tune2", "written_html_tune3", "written_html_tune4", "written_html_tune5",
           "written_html_tune6", "written_html_tune7", "written_html_tune8", "written_html_tune9", "written_html_tune10",
           "written_html_heldout", "written_html_heldout2",
           "written_html_heldout3", "written_html_heldout4")
_SPACE = re.compile(r"\s+")
_STAMP = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?")


def _squash(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def _stamp(value: str | None) -> tuple[str, str | None] | None:
    m = _STAMP.search(value or "")
    if not m:
        return None
    day = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    return day, (f"{int(m.group(4)):02d}:{m.group(5)}" if m.group(4) else None)


_CHINA = timezone(timedelta(hours=8))


def _local(iso: str | None) -> str | None:
    """An output date with its offset as the page shows it (China time); a bare day as it is."""
    try:
        when = datetime.fromisoformat(iso or "")
    except ValueError:
        return iso
    return when.astimezone(_CHINA).isoformat() if when.tzinfo else iso


def same_date(found: str | None, gold: str) -> bool:
    """The same day, and the same minute when both carry a time: in China time or in the
    output's own offset (a page may show the time in either)."""
    b = _stamp(gold)
    if b is None:
        return False
    for a in (_stamp(_local(found)), _stamp(found)):
        if a is not None and a[0] == b[0] and (a[1] is None or b[1] is None or a[1] == b[1]):
            return True
    return False


def output_posts(doc: Document) -> list[tuple[str | None, str | None, str]]:
    """(author, date, text) of each post of a thread; an article is one post without author."""
    out: list[tuple[str | None, str | None, str]] = []
    for s in doc.sections:
        text = "\n".join(([s.heading] if s.heading else []) + list(s.paragraphs))
        if s.post is not None or not out:
            out.append((s.post.author if s.post else None, s.post.date if s.post else None, text))
        else:
            a, d, t = out[-1]
            out[-1] = (a, d, f"{t}\n{text}")
    return out


def score_page(doc: Document, gold_posts: list[dict[str, str]]) -> Counter[str]:
    c: Counter[str] = Counter()
    found = output_posts(doc)
    starts = [_squash(t)[:40] for _a, _d, t in found]
    used: set[int] = set()
    c["gold"] += len(gold_posts)
    c["found"] += len(found)
    for g in gold_posts:
        key = _squash(g["first_words"])[:8]
        k = next((k for k, s in enumerate(starts) if k not in used and key and key in s[: len(key) + 12]), None)
        if k is None:
            continue
        used.add(k)
        c["matched"] += 1
        author, date, _text = found[k]
        c["author_gold"] += bool(g["author"])
        c["author_right"] += bool(g["author"]) and author == g["author"]
        c["date_gold"] += bool(_stamp(g["date"]))
        c["date_right"] += bool(_stamp(g["date"])) and same_date(date, g["date"])
    return c


def evaluate(corpora: list[Path], posts_file: Path = POSTS, out=sys.stdout,
             pages: bool = False) -> dict[str, dict[str, float]]:
    gold = {r["page"]: r["posts"] for r in read_jsonl(posts_file)}
    figures: dict[str, dict[str, float]] = {}
    settings = Settings()
    for corpus in corpora:
        total: Counter[str] = Counter()
        for row in extraction.load_manifest(corpus):
            if row["name"] not in gold:
                continue
            page = extraction.read_page(corpus, row)
            doc = Document(path=page.name, media_type="html", raw=page.html)
            extract_document(doc, settings)
            page_counts = score_page(doc, gold[row["name"]])
            total.update(page_counts)
            if pages:
                c = page_counts
                print(f"  {row['name']:<8} {doc.page_kind:<8} gold {c['gold']:3d} found {c['found']:3d} matched "
                      f"{c['matched']:3d} author {c['author_right']}/{c['author_gold']} date {c['date_right']}/{c['date_gold']}",
                      file=out)
            total["pages"] += 1
            total["threads"] += doc.page_kind == "thread"
        f = {
            "pages": total["pages"], "threads": total["threads"], "gold_posts": total["gold"],
            "post_recall": total["matched"] / total["gold"] if total["gold"] else float("nan"),
            "post_precision": total["matched"] / total["found"] if total["found"] else float("nan"),
            "author": total["author_right"] / total["author_gold"] if total["author_gold"] else float("nan"),
            "date": total["date_right"] / total["date_gold"] if total["date_gold"] else float("nan"),
        }
        figures[corpus.name] = f
        print(f"{corpus.name:<22} pages {f['pages']:2d} (threads {f['threads']:2d})  gold posts {f['gold_posts']:3d}  "
              f"post recall {f['post_recall']:.3f}  precision {f['post_precision']:.3f}  "
              f"author {f['author']:.3f}  date {f['date']:.3f}", file=out)
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="pipeline.eval.posts", description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, action="append", default=None,
                    help="a written-pages folder (repeatable; default: the tune, tune2 and heldout sets)")
    ap.add_argument("--posts", type=Path, default=POSTS, help="the post annotation (JSON lines)")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    ap.add_argument("--pages", action="store_true", help="also one line per page")
    args = ap.parse_args(argv)
    corpora = args.corpus or [DATA / c for c in CORPORA if (DATA / c / "MANIFEST.tsv").is_file()]
    figures = evaluate(corpora, args.posts, pages=args.pages)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
