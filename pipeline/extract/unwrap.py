"""Join the lines of hard-wrapped paragraphs back into paragraphs.

Old pages and plain-text posts were typed or converted with a line break every 76 columns (38 Han
characters, the width of a terminal or a mail client), so one paragraph arrives as a run of lines of
the same display width, broken mid-word, and only its last line is shorter. Kept line by line, the
article reads as dozens of broken paragraphs and the dedup, the tags' evidence sentences and the
report all see half-sentences.

A section is read as wrapped only when the shape is unmistakable: at least :data:`MIN_FULL` lines of
one width (within :data:`SLACK` columns: a double-width character that does not fit moves down), a
wide one (:data:`MIN_WIDTH` columns), half the lines or more at that width and few past it, and two
in three of the full lines ending mid-sentence - a poem's or a list's lines of one width end with
their punctuation, and stay.
"""

from __future__ import annotations

import re
from collections import Counter

from pipeline.chars import LIST_BULLETS

MIN_WIDTH = 40  # columns: a wrap narrower than 20 Han characters is a layout of short lines, not a wrap
MIN_FULL = 3  # full-width lines in a row it takes to call a run wrapped
SLACK = 2  # columns a full line may fall short of the width (a double-width character moved down)
_MAX_WRAP = 200  # characters: a line longer than this is a paragraph, never one line of a wrap
_LONG = 4 * _MAX_WRAP  # the width given a paragraph's line: past any wrap
INDENT = 8  # columns a paragraph's first line may fall short by: its indent, removed with the spaces
_END_PUNCT = "，。！？；：、,.!?;:”’」』）)》…"
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
# a list item's or a step's opening: a line of its own in any text, wrapped or not
_ITEM = re.compile(
    rf"^\s*(?:[{LIST_BULLETS}]\s*"
    r"|\d{1,2}\s*[.、．)）]|[（(]\s*\d{1,2}\s*[)）]"
    r"|[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十\d]{1,3}[步条点章节])"
)


def columns(line: str) -> int:
    """Width as the wrapping counted it: the line's bytes in GB18030 (GBK's two bytes a character, quotes
    and dashes included; ASCII one). Encoding is a C loop, as fast as counting."""
    return len(line.encode("gb18030", errors="replace"))


def _wrap_width(widths: list[int]) -> int | None:
    """The width the lines were wrapped at, if they were: the widest common width with enough lines near it."""
    counts = Counter(w for w in widths if MIN_WIDTH <= w < _LONG)
    for width in sorted(counts, reverse=True):
        if sum(counts[w] for w in range(width - SLACK, width + 1)) >= MIN_FULL:
            return width
    return None


def _join(a: str, b: str) -> str:
    """Two pieces of one paragraph: a space only between two Latin words or numbers."""
    if a and b and _ASCII_WORD.match(a[-1]) and _ASCII_WORD.match(b[0]):
        return a + " " + b
    return a + b


def continued(lines: list[str]) -> list[bool]:
    """For each line, whether the next line continues its paragraph (all False when the lines are no wrap)."""
    no = [False] * len(lines)
    # a full line is MIN_WIDTH columns or more (half as many characters at least) and one line of a wrap,
    # never a paragraph (a wrap is at most 200 columns): most texts have too few such lines to look further
    if len(lines) < MIN_FULL + 1 or sum(1 for p in lines if MIN_WIDTH // 2 <= len(p) <= _MAX_WRAP) < MIN_FULL:
        return no
    widths = [columns(p) if len(p) <= _MAX_WRAP else _LONG for p in lines]
    width = _wrap_width(widths)
    if width is None:
        return no
    full = [width - SLACK <= w <= width for w in widths]
    items = [bool(_ITEM.match(p)) for p in lines]
    if sum(1 for f, i in zip(full, items, strict=True) if f and not i) < MIN_FULL:
        return no  # lines of one width that are list items are a list
    within = sum(1 for w in widths if w <= width)
    if 2 * sum(full) < within or 5 * within < 3 * len(widths):
        return no  # a wrapped text is mostly full lines, and hardly a line runs past the width
    mid_sentence = sum(1 for p, f in zip(lines, full, strict=True) if f and p[-1] not in _END_PUNCT)
    if 3 * mid_sentence < 2 * sum(full):  # two in three full lines must break mid-sentence
        return no
    # a paragraph's first line was indented (two to four full-width spaces, gone in normalisation): it
    # stops short of the width by its indent, and still goes on
    goes_on = []
    for k, w in enumerate(widths):
        opening = k == 0 or not goes_on[-1]
        goes_on.append(full[k] or (opening and width - INDENT <= w <= width))
    return [g and k + 1 < len(lines) and not items[k + 1] for k, g in enumerate(goes_on)]


def unwrap(paragraphs: list[str]) -> list[str]:
    """The paragraphs with every hard-wrapped run joined; anything else as it was."""
    out: list[str] = []
    joined = False  # the last paragraph in ``out`` goes on in the next one
    for p, goes_on in zip(paragraphs, continued(paragraphs), strict=True):
        if joined:
            out[-1] = _join(out[-1], p)
        else:
            out.append(p)
        joined = goes_on
    return out
