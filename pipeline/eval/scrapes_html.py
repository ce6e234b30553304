"""Text scrapes made from the HTML corpora: ``pipeline eval scrapes --from-html``.

The labelled real scrapes (:mod:`pipeline.eval.scrapes`) are the beginnings of pages,
a few hundred characters each. A scraper that saves a whole page's visible text gives
the rest too: long menus, related-headline lists, footers, comments. The extraction
corpora hold such pages with human gold main text, so they make a second test for the
text path on pages it was not written for:

* each page's visible text is cut into lines the way the HTML extractor cuts it into
  blocks (block-level tags and ``<br>``), which is what a scraper's "one visible block
  per line" text looks like;
* a line is **content** when the gold holds it (its space-free text is a substring of
  the space-free gold, at least 6 characters, or equals a gold line) or when it is the
  page's title (an ``<h1>``, or a part of ``<title>`` between separators: the labelled
  scrapes count the title as content, while many golds leave it out; of ``<title>`` only its
  longest part, since the others are the site's name and channel), otherwise
  **boilerplate**;
* the joined lines go through the extraction a scraped ``.txt`` goes through, and are
  scored as the labelled scrapes are (boilerplate lines removed, content characters kept).

The labels are automatic, so a few are wrong (a caption the gold left out, a menu word
that also occurs in the text); the figures compare versions of the text path, they are
not an annotation. The pages are read by path from the corpora (``--corpus``), never copied.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Collection, Iterator
from pathlib import Path

from pipeline.config import Settings
from pipeline.eval import extraction
from pipeline.eval.scrapes import _chars, verdicts
from pipeline.extract.html.prepare import _drop_invisible, _parse, _prepare
from pipeline.extract.html.segment import _visible_blocks
from pipeline.extract.text import KEPT_KINDS

_SPACE = re.compile(r"\s+")
_MIN_SUBSTRING = 6


_TITLE_SEP = re.compile(r"\s*(?:[_|｜]|\s[-–—]\s|——)\s*")


def page_lines(html: str) -> tuple[list[str], set[str]]:
    """The visible text of a page, one block per line (what a text scraper saves), and its title texts."""
    raw, _ = _prepare(html)
    root = _parse(raw)
    if root is None:
        return [], set()
    titles = {_SPACE.sub("", "".join(h.itertext())) for h in root.iter("h1")}
    for t in root.iter("title"):
        parts = [_SPACE.sub("", part) for part in _TITLE_SEP.split("".join(t.itertext()))]
        titles.add(max(parts, key=len))
    _drop_invisible(root)
    out = []
    for b in _visible_blocks(root):
        line = _SPACE.sub(" ", b.text).strip()
        if line:
            out.append(line)
    return out, {t for t in titles if len(t) >= 4}


def scraped_pages(corpora: list[Path]) -> Iterator[tuple[Path, dict[str, str], extraction.Page, list[str], set[str]]]:
    """Each page of the corpora that has visible text: (corpus, manifest row, page, lines, title texts)."""
    for corpus in corpora:
        for row in extraction.load_manifest(corpus):
            page = extraction.read_page(corpus, row)
            if not page.html:
                continue
            lines, titles = page_lines(page.html)
            if lines:
                yield corpus, row, page, lines, titles


def label_lines(lines: list[str], gold: str, titles: Collection[str] = ()) -> list[bool]:
    """True for a content line: the gold holds it, or it is the page's title."""
    squashed = _SPACE.sub("", gold)
    gold_lines = {_SPACE.sub("", g) for g in gold.split("\n")}
    out = []
    for line in lines:
        s = _SPACE.sub("", line)
        out.append((len(s) >= _MIN_SUBSTRING and s in squashed) or s in gold_lines or s in titles)
    return out


def line_verdicts(lines: list[str], labels: list[bool], settings: Settings) -> list[bool]:
    """Per line: True when the extraction got it right (content kept, boilerplate removed)."""
    kinds, status = verdicts("\n".join(lines), settings)
    out = []
    for i in range(len(lines)):
        kind = kinds.get(i, "missing")
        in_body = kind in KEPT_KINDS and status != "quarantined"
        out.append((in_body or (kind == "title_copy" and status != "quarantined")) if labels[i] else not in_body)
    return out


def score_page(lines: list[str], labels: list[bool], rights: list[bool]) -> Counter[str]:
    """Boilerplate lines and those removed, content characters and those kept, of one page."""
    c: Counter[str] = Counter()
    for line, content, right in zip(lines, labels, rights, strict=True):
        if content:
            c["content_chars"] += _chars(line)
            c["kept_chars"] += _chars(line) if right else 0
        else:
            c["boilerplate"] += 1
            c["removed"] += 1 if right else 0
    return c


def evaluate(corpora: list[Path], settings: Settings | None = None, show: bool = False,
             out=None) -> dict[str, dict[str, float]]:
    """Figures per corpus and per page kind, over the pages with full gold."""
    settings = settings or Settings()
    out = out or sys.stdout
    totals: dict[str, Counter[str]] = {}
    for corpus, row, page, lines, titles in scraped_pages(corpora):
        if page.gold is None:
            continue
        labels = label_lines(lines, page.gold, titles)
        rights = line_verdicts(lines, labels, settings)
        c = score_page(lines, labels, rights)
        if show:
            for i, right in enumerate(rights):
                if not right:
                    print(f"  {'LOST   ' if labels[i] else 'LEFT IN'} {page.name}:{i} {lines[i][:90]}", file=out)
        c["pages"] = 1
        for key in ("all", corpus.name, extraction.page_kind(row)):
            totals.setdefault(key, Counter()).update(c)
    figures = {}
    for key, c in totals.items():
        figures[key] = {"pages": c["pages"], "boilerplate_lines": c["boilerplate"],
                        "removed": c["removed"] / c["boilerplate"] if c["boilerplate"] else float("nan"),
                        "content_kept": c["kept_chars"] / c["content_chars"] if c["content_chars"] else float("nan")}
    print("text scrapes made from the HTML corpora (whole pages, labels from the gold main text):", file=out)
    print(f"  {'group':<16} {'pages':>5} {'boilerplate lines':>18} {'removed':>8} {'content kept':>13}", file=out)
    for key, f in figures.items():
        print(f"  {key:<16} {f['pages']:5d} {f['boilerplate_lines']:18d} {f['removed']:8.3f} {f['content_kept']:13.3f}",
              file=out)
    return figures
