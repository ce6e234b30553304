"""Heading detection for plain-text lines and grouping of blocks into sections.

:func:`heading_level` recognises the numbering schemes of Chinese articles and
markdown markers, with guards so a numbered list item that is a full sentence
(``1. 请求出示证件:须要对方……``) stays a paragraph:

=====================================  =====
form                                   level
=====================================  =====
``#`` .. ``######`` (markdown)         number of ``#`` (an explicit marker wins)
``第一章`` / ``第一篇`` / ``第一部分``    1
``一、``                                1
``第一节``                              2
``（一）``                              2
``1.1`` (two parts)                    2
``1.`` / ``1、`` / ``1.1.1``            3
``（1）`` / ``1)`` / ``①``              4
=====================================  =====

:func:`build_sections` groups ``(text, level)`` items (``level=None`` for a
paragraph) into :class:`~pipeline.record.Section` objects.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from pipeline.extract.dates import find_date
from pipeline.extract.fold import fold
from pipeline.record import Block, Section

_CN_NUM = "一二三四五六七八九十百零〇两"
# "## 标题" or "##标题" (no space only before a Han character: "#1" is a comment number, not a heading)
_MD = re.compile(r"^(#{1,6})(?:\s+|(?=[\u3400-\u9fff]))(.*?)\s*#*\s*$")
_CHAPTER = re.compile(rf"^第\s*[{_CN_NUM}\d]{{1,4}}\s*(章|篇|部分|部|编|卷|节|讲|课)(?:\s+|[::、.]\s*|$)")
_CN_ENUM = re.compile(rf"^[{_CN_NUM}壹贰叁肆伍陆柒捌玖拾貳參陸]{{1,3}}\s*[、.]\s*")  # (壹、贰、: a legal text's)
_CN_PAREN = re.compile(rf"^[(]\s*[{_CN_NUM}]{{1,3}}\s*[)]\s*")
_AR_MULTI = re.compile(r"^(\d{1,2})((?:\.\d{1,2}){2,3})(?:\s+|[、.]\s*|(?=[^\d.\s]))")
_AR_TWO = re.compile(r"^(\d{1,2})\.(\d{1,2})(?:\s+|[、]\s*)")
_AR_ONE = re.compile(r"^(\d{1,2})\s*(?:[、]|\.(?!\d))\s*")
_AR_PAREN = re.compile(r"^(?:[(]\s*\d{1,2}\s*[)]|\d{1,2}\s*[)])\s*")
_CIRCLED = re.compile(r"^[\u2460-\u2473\u2776-\u277f]\s*")

_END_BAD = re.compile(r"[。;,、::…]$")
_INNER_COLON = re.compile(r"[::]\s*\S")
_ALNUM = re.compile(r"\w")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def strip_heading_marker(line: str) -> str:
    """``line`` without markdown heading markers (``#### 一、总结`` -> ``一、总结``); other text untouched."""
    text = line.strip()
    m = _MD.match(text)
    if m and m.group(2):
        return m.group(2)
    return text


def heading_key(line: str) -> str:
    """Comparison key of a heading (markers, spaces, dot leaders and page numbers removed, folded)."""
    key = fold(strip_heading_marker(line))
    key = re.sub(r"(?:\.{2,}|…+|-{2,}|·{2,})\s*\d*$", "", key)
    return re.sub(r"\s+", "", key)


def _guarded(rest: str, max_len: int, *, allow_colon: bool = False, max_commas: int = 1) -> bool:
    """True when ``rest`` (a heading's text after its number) reads like a heading, not a sentence."""
    rest = rest.strip()
    if not rest or not _ALNUM.search(rest):
        return False
    if len(rest) > max_len or "。" in rest or _END_BAD.search(rest):
        return False
    if not allow_colon and _INNER_COLON.search(rest):
        return False
    commas = rest.count(",") + rest.count(";")
    return commas <= max_commas


_SCHEMES = (("chapter", _CHAPTER), ("cn", _CN_ENUM), ("cn_paren", _CN_PAREN), ("multi", _AR_MULTI),
            ("two", _AR_TWO), ("one", _AR_ONE), ("paren", _AR_PAREN))


# the level each numbering gives, as heading_level gives it (a chapter's 节 aside)
SCHEME_LEVEL = {"chapter": 1, "cn": 1, "cn_paren": 2, "two": 2, "multi": 3, "one": 3, "paren": 4, "circled": 4}


def numbering_scheme(line: str) -> str | None:
    """Which numbering a line opens with (``"cn"`` for ``一、``, ``"one"`` for ``1.``, ...), guards aside:
    lines of one scheme are siblings."""
    text = line.strip()
    if _CIRCLED.match(text):
        return "circled"
    text = _nfkc(text)
    if _MD.match(text):
        return "md"
    return next((name for name, rx in _SCHEMES if rx.match(text)), None)


def heading_level(line: str) -> int | None:
    """The heading level of a plain-text line, or ``None`` when it is not a heading.

    Guards: a heading is short, has no full stop, does not end with a comma,
    colon or enumeration mark, and (numbered forms) has no ``label: explanation``
    inside it - that shape is a list item of the body.
    """
    if len(line) > 120:  # every heading form below is far shorter; spare long paragraphs the NFKC pass
        return None
    circled = _CIRCLED.match(line.strip())  # before NFKC, which turns ① into 1
    if circled:
        return 4 if _guarded(_nfkc(line.strip()[circled.end() :]), 25, max_commas=0) else None
    text = _nfkc(line)
    if not text:
        return None
    md = _MD.match(text)
    if md:
        inner = md.group(2)
        if not inner or len(inner) > 60 or inner.endswith("。") or inner.count("。") > 0:
            return None
        return len(md.group(1))
    m = _CHAPTER.match(text)
    if m:
        level = 2 if m.group(1) in ("节", "讲", "课") else 1
        rest = text[m.end() :]
        return level if (not rest or _guarded(rest, 40, max_commas=1)) else None
    m = _CN_ENUM.match(text)
    if m:
        return 1 if _guarded(text[m.end() :], 40) else None
    m = _CN_PAREN.match(text)
    if m:
        return 2 if _guarded(text[m.end() :], 40) else None
    if find_date(text):
        return None
    m = _AR_MULTI.match(text)
    if m:
        return 3 if _guarded(text[m.end() :], 30, max_commas=0) else None
    m = _AR_TWO.match(text)
    if m:
        return 2 if _guarded(text[m.end() :], 30, max_commas=1) else None
    m = _AR_ONE.match(text)
    if m:
        return 3 if _guarded(text[m.end() :], 25, max_commas=0) else None
    m = _AR_PAREN.match(text)
    if m:
        return 4 if _guarded(text[m.end() :], 25, max_commas=0) else None
    return None


def build_sections(items: Iterable[tuple[str, int | None] | Block]) -> list[Section]:
    """Group body items into sections.

    ``items`` are ``(text, level)`` pairs in reading order, ``level=None`` for a
    paragraph, or :class:`Block` objects (only kept ``heading``/``paragraph``
    blocks are used; a heading block's level comes from :func:`heading_level`,
    default 1). Paragraphs before the first heading form a lead section with
    ``heading=None``; a heading with nothing under it still gets its section.
    Markdown markers are stripped from heading text.
    """
    sections: list[Section] = []
    current: Section | None = None
    for item in items:
        if isinstance(item, Block):
            if not item.kept or item.kind not in ("heading", "paragraph"):
                continue
            text = item.text
            level = (heading_level(text) or 1) if item.kind == "heading" else None
        else:
            text, level = item
        text = text.strip()
        if not text:
            continue
        if level is not None:
            current = Section(heading=strip_heading_marker(text), paragraphs=[], level=level)
            sections.append(current)
            continue
        if current is None:
            current = Section(heading=None, paragraphs=[], level=0)
            sections.append(current)
        current.paragraphs.append(text)
    return sections
