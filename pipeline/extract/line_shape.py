"""The shape of a scraped line: prose or not, title-like or not, and near copies of a line.

Shared by the segmenter (:mod:`pipeline.extract.text`) and its context rules
(:mod:`pipeline.extract.text_context`), which both judge a line by these tests.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.chars import LIST_BULLETS
from pipeline.extract.fold import fold
from pipeline.extract.sections import heading_level

_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
_PROSE_END = re.compile(r"[。!?;…]")
_FULL_STOP = re.compile(r"[。;…]")
_ANY_PUNCT = re.compile(r"[,.;:!?、。…()\"'“”‘’《》【】\[\]\-—]")
_BAD_TITLE_END = re.compile(r"[。;,、::]$")
_LEADING_NUMBER = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇两\d]+[章节篇部分]+|[一二三四五六七八九十]+[、.]|[(][一二三四五六七八九十\d]+[)]|\d+(?:\.\d+)*[.、]?)\s*"
)
_HAN = re.compile(r"[\u3400-\u9fff]")
# a full stop, or two commas: the line holds a sentence, so it heads nothing (text and HTML headings alike)
SENTENCE_INSIDE = re.compile(r"[。；;]|[，,].*[，,]")
# a line opening with a section's number or bullet ("一、", "第一步：", "壹、", "2.", "- ") or a section's
# label ("引言：", "案件摘要") heads a part of the article, never the article itself
_SECTION_START = re.compile(
    r"^(?:第[一二三四五六七八九十百零两\d]+[章节篇部步条点]|[一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾]{1,3}[、.](?![一二三四五六七八九十])"
    r"|[(][一二三四五六七八九十\d]{1,3}[)]|\d{1,2}[.、](?!\d)|[>" + LIST_BULLETS + r"]\s?"
    r"|(?:引言|前言|摘要|案件摘要|案情简介|案例简介|概述|导语|导读|简介|问题简介|问题摘要|内容提要)(?:\s*[:]|$))"
)

# Function words that are words on their own; characters that are as often part of nouns
# (如/果/因/为/所/以: 苹果, 行为, 研究所) are left out. Headlines, menu items and names rarely
# have one; sentences and a story told one short line at a time do.
FUNCTION_CHARS = frozenset("的了是在和有就不也都被把这那我你他她们会要能说对与及或而但吗呢吧啊着过很还再又才让给从向已没")


def _plain_len(text: str) -> int:
    return sum(map(str.isalnum, text))


def clean_line(line: str) -> str:
    """A scraped line without invisible characters and surrounding space (empty: not a block)."""
    return _INVISIBLE.sub("", line).strip()


@lru_cache(maxsize=65536)
def is_paragraph_like(line: str) -> bool:
    """A line that reads like body prose (long, or a sentence with a full stop).

    Cached: the context rules ask it of the same lines many times over.
    """
    f = fold(line)
    n = _plain_len(f)
    if (n >= 50 and " " not in f and not _ANY_PUNCT.search(f) and not any(c in FUNCTION_CHARS for c in f)
            and 2 * len(_HAN.findall(f)) >= n):
        return False  # channel names run together ("首页时政财经国际…"); a post spaced into phrases is prose
    if n >= 50 or (n >= 15 and _FULL_STOP.search(f)):
        return True
    # "?"/"!" alone also end titles ("遇到X怎么办？这几招管用"); only a longer line is prose.
    return n >= 30 and bool(_PROSE_END.search(f))


def _title_like(line: str) -> bool:
    f = fold(line)
    n = _plain_len(f)
    if n < 4 or n > 80 or _BAD_TITLE_END.search(f) or "。" in f[:-1]:
        return False
    if len(_HAN.findall(f)) < 2:
        return False  # "MAIL", "VR/AR": a Chinese article title has Chinese in it
    if _SECTION_START.match(f):
        return False
    level = heading_level(line)
    if level is None:
        return True
    # "# Title" / "## Title" may be the page title; numbered or deeper headings are sections.
    return line.lstrip().startswith("#") and level <= 2


# a question and more headline after it, or two questions: one question alone may be a lead sentence
_QUESTION_TITLE = re.compile(r"[^,，。;；:：?？]{6,}[?？][^,，。;；?？]*[^,，。;；?？!！\s][^,，。;；]*")


def question_title(line: str) -> bool:
    """A headline made of questions ("X是什么?收到了怎么办?", "X?专家拆解Y"): 12-60 characters, a
    question with more after it, no comma or full stop. Long enough to pass for prose, so the title
    guess asks this of a first line; a single question ending the line may be the lead's first
    sentence ("你是否也曾……？") and is left to the usual rules."""
    f = fold(line)
    return 12 <= _plain_len(f) <= 60 and _title_like(line) and bool(_QUESTION_TITLE.fullmatch(f))


def _bigrams(key: str) -> set[str]:
    return {key[i : i + 2] for i in range(len(key) - 1)} if len(key) > 1 else {key}


def near_duplicate(a: str, b: str, threshold: float = 0.7) -> bool:
    """Dice coefficient of character bigrams of two keys >= ``threshold`` (both at least 6 characters)."""
    if len(a) < 6 or len(b) < 6:
        return a == b and bool(a)
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) >= threshold


def _unnumbered(key: str) -> str:
    return _LEADING_NUMBER.sub("", key, count=1)
