"""The headline a page prints above its body when its ``<title>`` names only the site.

Old portals, boards and blogs give every page the same ``<title>``: the site's or the blog's name
(``网易娱乐``, ``洞庭一叶``) or a greeting (``谢谢您访问〖…〗``), and print the article's headline in a
bold or enlarged line right above the body. The metadata reader cannot see that from the head alone;
once the body is found, the line above it can be read. Only a title that looks like a name (a
greeting, or a few characters the page does not print near its body) is replaced, and only by a line
that looks like a headline: short, no sentence inside it, no date or label, and marked as one (an
``<h1>``-``<h3>``, bold, or repeated - the body restating it, a reply's ``Re: 标题``).
"""

from __future__ import annotations

import re

from pipeline.chars import WELCOME
from pipeline.extract.dates import find_date
from pipeline.extract.html.cues import _squash, classify_line
from pipeline.extract.html.segment import _Blk
from pipeline.extract.html_meta import REPLY_SUBJECT
from pipeline.extract.line_shape import SENTENCE_INSIDE

# "谢谢您访问〖某某中心〗", "欢迎光临某某网": a greeting is never an article's title
GREETING = re.compile(r"^\s*" + WELCOME)
_NAME_CHARS = 8  # a <title> this short, printed nowhere near the body, is the site's name
_BEFORE, _AFTER = 5, 2  # how far above and into the body the headline is looked for
_MIN_CHARS, _MAX_CHARS = 4, 40


def names_site(title: str | None, blocks: list[_Blk], body_start: int) -> bool:
    """The <title> is a greeting, or a short name the page prints neither near its body nor as a heading."""
    if not title:
        return True
    if GREETING.match(title):
        return True
    sq = _squash(title)
    if len(sq) > _NAME_CHARS:
        return False
    lo, hi = body_start - _BEFORE - 1, body_start + _AFTER
    return not any(
        _squash(b.text) == sq and (lo <= i <= hi or b.heading in (1, 2)) for i, b in enumerate(blocks)
    )


def _bare(text: str) -> str:
    """The line without a reply's ``Re:`` or a category's ``[湖湘文化]`` before it."""
    return REPLY_SUBJECT.sub("", text).strip()


def _looks_like_headline(text: str) -> bool:
    sq = _squash(text)
    return (
        _MIN_CHARS <= len(sq) <= _MAX_CHARS
        and not SENTENCE_INSIDE.search(text)
        and find_date(text) is None
        and classify_line(text) is None
    )


def headline_above_body(blocks: list[_Blk], kept_idx: list[int], title: str | None) -> str | None:
    """The headline printed right above the body when the <title> only names the site, else None."""
    if not kept_idx:
        return None
    first = kept_idx[0]
    if not names_site(title, blocks, first):
        return None
    keys: dict[str, int] | None = None  # the body's lines as compared, counted once, when a candidate needs them
    for i in range(max(0, first - _BEFORE), min(len(blocks), first + _AFTER + 1)):
        b = blocks[i]
        text = _bare(b.text)
        if not _looks_like_headline(text):
            continue
        if keys is None:
            keys = {}
            for o in blocks[first:]:
                key = _squash(_bare(o.text))
                keys[key] = keys.get(key, 0) + 1
        # another line from the body's start on says it again (the candidate itself counts when it is there)
        repeated = keys.get(_squash(text), 0) > (1 if i >= first else 0)
        marked = b.heading in (1, 2, 3) or (b.ntok > 0 and 2 * b.bold_tok >= b.ntok)
        linked = 2 * b.link_tok >= b.ntok
        if repeated or (marked and not linked):
            return text
    return None
