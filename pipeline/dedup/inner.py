"""Repeated blocks inside one article.

Scraped pages repeat themselves: the title again as the first paragraph (or as
an image caption further down), a block pasted twice, a table of contents that
lists the headings the body has anyway, a teaser paragraph that the full
paragraph repeats. :func:`drop_repeats` keeps the first FULL occurrence of
every block, in body order, and counts each dropped block in
``doc.removed['repeat']``.

Blocks are compared by :func:`line_key`: numbering such as ``二、``, ``1.``,
``1.1``, ``(三)``, ``第二章`` and list or markdown markers are stripped, then
whitespace and punctuation are dropped (:func:`pipeline.dedup.minhash.body_key`).

Rules, per block in reading order (paragraph lines are blocks of their own
when a paragraph spans several lines):

1. a paragraph equal to the title is dropped (the title is its first occurrence);
2. a paragraph equal to a heading of the article is dropped (a table of
   contents entry, or the heading repeated as text); so is a paragraph made of
   two or more headings and at most a few other characters (``目录``);
3. a paragraph equal to an earlier kept one is dropped (key of >= 6
   characters; shorter keys only when the repeat immediately follows), except a
   short list item alone among items of its own: two lists that share an item
   (the materials two procedures both need, ``1. 身份证原件及复印件``) keep it in
   both, while a list pasted twice repeats its neighbours too and goes;
4. a paragraph of >= 20 characters contained in another paragraph is dropped
   when the other one is longer (the longer is the full occurrence) - this
   handles teasers/ledes that the body repeats in full, with their label
   (``摘要：``, ``导读：``) or without;
5. a section whose heading equals the title, or that repeats an earlier
   section's heading while all of its paragraphs were dropped, loses its
   heading; a heading-only section whose heading also heads a section with
   content (a heading list / TOC) is dropped.
"""

from __future__ import annotations

import bisect
import re

from pipeline.chars import LIST_BULLETS
from pipeline.dedup.minhash import body_key
from pipeline.record import Document, Section

_NUMBERING = re.compile(
    rf"""^\s*(?:
        第[一二三四五六七八九十百千零〇两\d]+[章节條条部分点點篇回讲講步]\s*[、.．:：]?
      | [(（\[【]\s*(?:[一二三四五六七八九十百千零〇]+|\d+)\s*[)）\]】]\s*[、.．]?
      | (?:[一二三四五六七八九十百千零〇]+|\d+(?:[.．]\d+)*)\s*(?:[、.．:：)）]|\s)
      | [#>{LIST_BULLETS}]+\s*
    )""",
    re.VERBOSE,
)
_LIST_NUMBERS = re.compile(r"[\d一二三四五六七八九十第章节]+")
TOC_LABELS = frozenset({"目录", "目錄", "本文目录", "文章目录", "内容目录", "导读", "本文导读", "contents", "toc"})
# the label a teaser carries before the body's opening words: on its line, then its colon or a space
# (_LEDE_LINE), and in its key, which has no punctuation (_LEDE_LABEL)
_LEDE_WORDS = "内容摘要|本文摘要|文章摘要|摘要|内容提要|提要|本文导读|导读|导语|核心提示"
_LEDE_LABEL = re.compile(f"^(?:{_LEDE_WORDS})")
_LEDE_LINE = re.compile(rf"^\s*[【\[]?(?:{_LEDE_WORDS})[】\]]?\s*(?:[:：]|\s)")
MIN_EXACT = 6  # key length from which an exact repeat anywhere is dropped
MIN_CONTAINED = 20  # key length from which a block contained in a longer one is dropped
MAX_SHARED_ITEM = 30  # key length up to which a list item may stand in two lists
MAX_TOC_REST = 4  # characters a heading list may carry besides the headings ("目录")
MAX_TOC_HEADINGS = 200  # headings considered for heading-list detection
MAX_CONTAINED_UNITS = 1000  # rule 4 (quadratic in the worst case) only for bodies with fewer blocks


def line_key(text: str) -> str:
    """Comparison key of one block: numbering and markers stripped, then :func:`body_key`."""
    s = text
    for _ in range(3):
        m = _NUMBERING.match(s)
        if not m or m.end() == 0:
            break
        s = s[m.end() :]
    return body_key(s)


def _is_heading_list(key: str, heading_keys: list[str]) -> bool:
    """True when ``key`` is two or more of the article's headings (longest first) plus at most a label."""
    rest = key
    found = 0
    for h in heading_keys:
        if len(h) >= 2 and h in rest:
            found += rest.count(h)
            rest = rest.replace(h, "")
    if found < 2:
        return False
    rest = _LIST_NUMBERS.sub("", rest)  # the numbers of the list items
    return len(rest) <= MAX_TOC_REST or rest in TOC_LABELS


def _mark_blocks(doc: Document, units: list, dropped: list[bool]) -> None:
    """Show the dropped repeats in the report's raw-vs-clean view: their kept block becomes ``repeat``.

    Units are matched to kept blocks of the same text in order (a short look-ahead); a unit whose
    text the normaliser rewrote simply finds no block and changes nothing.
    """
    blocks = [b for b in doc.blocks if b.kept and b.kind in ("paragraph", "heading")]
    if not blocks or not any(dropped):
        return
    at = 0
    for (_, _, _, line, _), d in zip(units, dropped, strict=True):
        text = line.strip()
        for k in range(at, min(at + 50, len(blocks))):
            if blocks[k].text.strip() == text:
                if d:
                    blocks[k].kept = False
                    blocks[k].kind = "repeat"
                at = k + 1
                break


def drop_repeats(doc: Document) -> int:
    """Drop repeated blocks of ``doc`` in place; return the number of dropped blocks."""
    title_key = line_key(doc.title or "")
    sections = doc.sections
    heading_keys = [line_key(s.heading) for s in sections if s.heading]
    heading_set = {k for k in heading_keys if k}

    # every paragraph line, in order, with its key
    units: list[tuple[int, int, int, str, str]] = []  # (section, paragraph, line, text, key)
    for si, sec in enumerate(sections):
        for pi, para in enumerate(sec.paragraphs):
            lines = para.split("\n") if "\n" in para else [para]
            for li, line in enumerate(lines):
                units.append((si, pi, li, line, line_key(line)))

    # rule 4 needs to know whether a later unit contains this one: one joined string of all keys
    offsets: list[int] = []
    parts: list[str] = []
    pos = 0
    for u in units:
        offsets.append(pos)
        parts.append(u[4])
        pos += len(u[4]) + 1
    joined = "\x00".join(parts)

    def contained_in_longer(i: int, key: str, as_long: bool = False) -> bool:
        """Another kept unit holds ``key`` and is longer (``as_long``: at least as long: a labelled teaser's
        words repeat the full paragraph, which then stays)."""
        start = 0
        while True:
            at = joined.find(key, start)
            if at < 0:
                return False
            j = bisect.bisect_right(offsets, at) - 1
            if j != i and (len(units[j][4]) >= len(key) if as_long else len(units[j][4]) > len(key)) and not dropped[j]:
                return True
            start = at + 1

    dropped = [False] * len(units)
    # bounds that keep a huge page (a forum thread of thousands of posts) near-linear
    toc_headings = sorted(heading_set, key=len, reverse=True)[:MAX_TOC_HEADINGS] if len(heading_set) >= 2 else []
    toc_max = sum(len(h) for h in toc_headings) + 3 * len(toc_headings) + MAX_TOC_REST if toc_headings else 0
    check_contained = len(units) <= MAX_CONTAINED_UNITS

    def shared_item(i: int, key: str) -> bool:
        """A short list item repeated alone: neither the unit before it nor the one after it repeats."""
        line = units[i][3]
        if len(key) > MAX_SHARED_ITEM or not (m := _NUMBERING.match(line)) or not m.group(0).strip():
            return False
        before = i > 0 and dropped[i - 1]
        after = i + 1 < len(units) and units[i + 1][4] in seen
        return not before and not after

    def is_repeat(i: int, key: str) -> bool:
        if len(key) >= 4 and key == title_key:  # rule 1
            return True
        if key in heading_set:  # rule 2
            return True
        if key == last_kept:  # rule 3, right after itself
            return True
        if len(key) >= MIN_EXACT and key in seen:  # rule 3
            return not shared_item(i, key)
        if 4 <= len(key) <= toc_max and _is_heading_list(key, toc_headings):  # rule 2, heading list
            return True
        if not check_contained:
            return False
        if _LEDE_LINE.match(units[i][3]):  # "摘要：" + the body's opening, or the whole first paragraph: a teaser
            lede = _LEDE_LABEL.sub("", key, count=1)
            return len(lede) >= MIN_CONTAINED and contained_in_longer(i, lede, as_long=True)
        return len(key) >= MIN_CONTAINED and contained_in_longer(i, key)  # rule 4

    seen: set[str] = set()
    last_kept = ""
    for i, (_, _, _, _, key) in enumerate(units):
        if not key:
            continue
        if is_repeat(i, key):
            dropped[i] = True
        else:
            seen.add(key)
            last_kept = key

    _mark_blocks(doc, units, dropped)
    removed = 0
    # rebuild paragraphs
    kept_lines: dict[tuple[int, int], list[str]] = {}
    for (si, pi, _, line, _), d in zip(units, dropped, strict=True):
        if d:
            doc.count_removed("repeat", len(line))
            removed += 1
        else:
            kept_lines.setdefault((si, pi), []).append(line)
    had_paragraphs = [bool(s.paragraphs) for s in sections]
    for si, sec in enumerate(sections):
        sec.paragraphs = ["\n".join(kept_lines[(si, pi)]) for pi in range(len(sec.paragraphs)) if (si, pi) in kept_lines]

    # headings
    content_headings = {line_key(s.heading) for s in sections if s.heading and s.paragraphs}
    out: list[Section] = []
    seen_headings: set[str] = set()
    for si, sec in enumerate(sections):
        if sec.heading:
            hk = line_key(sec.heading)
            drop_heading = False
            if hk and len(hk) >= 4 and hk == title_key:
                drop_heading = True
            elif not sec.paragraphs:
                if had_paragraphs[si] and (hk in seen_headings or hk in TOC_LABELS):
                    drop_heading = True  # a whole section that repeats an earlier one, or an emptied TOC
                elif hk and (hk in content_headings or hk in seen_headings):
                    drop_heading = True  # heading list entry; the heading with its content is kept
            if drop_heading:
                doc.count_removed("repeat", len(sec.heading))
                removed += 1
                sec.heading = None
            elif hk:
                seen_headings.add(hk)
        if sec.heading is None and not sec.paragraphs:
            continue
        out.append(sec)
    doc.sections = out
    return removed
