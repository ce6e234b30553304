"""Section headings of a text scrape read from their place, not only from their numbering.

:func:`pipeline.extract.sections.heading_level` knows the numbered forms (``一、``, ``（二）``, ``1.1``,
``#``) and refuses a numbered line with ``label: explanation`` in it, the shape of a list item. On real
pages of this genre most headings carry no number at all (``催收的原理``, ``常见误区与法律底线``,
``問題摘要：``), or a number and a phrase after a colon (``第一招：核实号码``, ``1. 盘点债务：用Excel列出
明细``), and a scraper keeps no ``<h2>``. What marks them is where they stand: a short line that is no
sentence, alone between the text's lines, with prose right under it.

:func:`refine_headings` runs on the body lines the line rules left (``kinds[i] is None``):

* **promote** a heading-shaped line (:func:`heading_shape`) whose next body line is prose (or a
  bullet under it), unless the line before it is a lead-in ending in a colon (then it is a list's
  item) or it stands in a run of such lines with no prose between (a list, or an outline at the top);
* **demote** numbered headings that stand three or more in a row with no prose between them, when
  three of them are numbered alike (``1.`` ``2.`` ``3.``: a list of points) or the run comes before
  the first prose (an outline repeating the headings), not the sections themselves.

Measured by ``pipeline eval headings`` against lines annotators marked from written guidelines.
"""

from __future__ import annotations

import re

from pipeline.chars import LIST_BULLETS
from pipeline.extract.dates import find_date
from pipeline.extract.fold import fold
from pipeline.extract.line_shape import SENTENCE_INSIDE, _plain_len, is_paragraph_like
from pipeline.extract.sections import SCHEME_LEVEL, heading_level, numbering_scheme

MAX_HEADING = 40  # characters of a heading's words, its number and marks aside
_MAX_LINE = 2 * MAX_HEADING  # a line longer than this holds more than a heading's words and marks
MIN_RUN_LIST = 3
_MIN_LEAD_IN = 5  # characters of a lead-in sentence: "正文：" is a page's label, not one
_MIN_TEXT = 10  # characters of a line under a heading that is the section's text  # numbered headings in a row with nothing between them: a list or an outline
# a bullet, an arrow or a check mark before a point: "▶ 套路 1", "• 第一步", "✅ 法律保障"
_MARK = re.compile(rf"^\s*(?:[{LIST_BULLETS}]+\s*)")
_NUMBER = re.compile(
    r"^\s*(?:第?[一二三四五六七八九十\d]{1,3}\s*[、.．:：)）]?\s*(?=\S)|[（(][一二三四五六七八九十\d]{1,3}[)）]\s*"
    r"|第[一二三四五六七八九十\d]{1,3}\s*[步招章节条点部分]|[一二三四五六七八九十]{1,3}(?=[\u4e00-\u9fff]{2}))"
)
_BRACKETED = re.compile(r"^【([^】]{2,20})】$")  # "【案情简介】"
_BAD_END = re.compile(r"[，,、（(《“]$")
# a lead-in's words: the list follows ("需要准备以下材料：", "具体如下：")
_LEAD_WORDS = re.compile(r"以下|如下|下列|下面|包括|几点|几个|几种|这些|這些|哪些|步骤如下|方法有|例如|比如")
_URL = re.compile(r"https?://|www\.|\.com\b", re.I)
_PAGE_LABEL = re.compile(r"^(?:标题|標題|正文|内容|內容)\s*[:：]")
_MAX_WITH_COMMA = 20  # a heading with a comma in it is short: "找对沟通渠道，别和催收纠缠"


def _words(line: str) -> str:
    """The heading's words: bullets, numbering and a bracket pair off."""
    f = _MARK.sub("", fold(line).strip())
    m = _BRACKETED.match(f)
    if m:
        return m.group(1)
    return _NUMBER.sub("", f, count=1).strip() or f


def heading_shape(line: str) -> bool:
    """Short, no sentence, no date, no address; a colon at its end only after a short label."""
    if len(line) > _MAX_LINE:
        return False  # most lines of a text: prose, too long to be a heading whatever its marks
    f = fold(line).strip()
    words = _words(line)
    n = _plain_len(words)
    if not 2 <= n <= MAX_HEADING or SENTENCE_INSIDE.search(f) or _BAD_END.search(f) or is_paragraph_like(line):
        return False
    if find_date(f) or _URL.search(f) or f.count("|") >= 2 or _PAGE_LABEL.match(f):
        return False  # a date, an address, a table's row, the page's "标题：" / "正文：" labels
    if ("，" in f or "," in f) and n > _MAX_WITH_COMMA:
        return False  # a clause and a long one after it: a sentence without its full stop
    if f.count(":") + f.count("：") >= 2:
        return False  # "准备材料：1：截图 2：身份 3：说明": an inline list
    if f.endswith((":", "：")):
        label = words.rstrip(":：")
        return _plain_len(label) <= 10 and not _LEAD_WORDS.search(label)
    return True


_NUMERAL = re.compile(r"[一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾貳參陸]+|\d+")
_SIBLING = re.compile(r"^(\D{0,3}?#\S?)")


def sibling_key(line: str) -> str | None:
    """What numbered siblings share: ``陷阱一：…`` and ``陷阱二：…`` give ``陷阱#：``, ``1. …`` gives ``#.``."""
    m = _SIBLING.match(_NUMERAL.sub("#", _MARK.sub("", fold(line).strip()), count=1))
    return m.group(1) if m else None


def _siblings_of_headings(lines: list[str], body: list[int], shaped: set[int], levels: list[int | None],
                          listed: set[int]) -> None:
    """A line numbered as two or more headings of the text are, shaped as one and over its text, is one
    too, even under a lead-in ("…有以下几种形式：" over "陷阱一：…", whose siblings 陷阱二 to 四 are)."""
    keys: dict[str, list[int]] = {}
    for i in body:
        if levels[i] is not None and (key := sibling_key(lines[i])):
            keys.setdefault(key, []).append(levels[i])
    if not keys:
        return
    for pos, i in enumerate(body):
        if levels[i] is not None or i not in shaped or i in listed:
            continue
        key = sibling_key(lines[i])
        found = keys.get(key or "")
        nxt = body[pos + 1] if pos + 1 < len(body) else None
        over_text = _text_under(lines, i, nxt, shaped)
        over_sibling = nxt == i + 1 and levels[nxt] is not None and sibling_key(lines[nxt]) == key  # its text lost
        if found and len(found) >= 2 and (over_text or over_sibling):
            levels[i] = max(set(found), key=found.count)


def _level(line: str) -> int:
    """A promoted heading's level: its numbering's (``一、`` 1, ``1.`` 3, as :func:`heading_level` gives it, the
    phrase after its colon notwithstanding), else 2."""
    bare = _MARK.sub("", line)
    return heading_level(bare) or SCHEME_LEVEL.get(numbering_scheme(bare) or "", 2)


def _text_under(lines: list[str], i: int, nxt: int | None, shaped: set[int]) -> bool:
    """The very next line is the text's words, not another heading-shaped line: ten characters or more,
    no date."""
    if nxt != i + 1 or nxt in shaped:
        return False
    f = fold(lines[nxt])
    return _plain_len(f) >= _MIN_TEXT and find_date(f) is None


def _bullet(line: str) -> bool:
    return _MARK.match(fold(line)) is not None


def refine_headings(lines: list[str], kinds: list[str | None], levels: list[int | None]) -> None:
    """Promote headings known by their place, demote numbered runs that are lists (``levels`` in place)."""
    body = [i for i, kind in enumerate(kinds) if kind is None]
    prose = {i for i in body if is_paragraph_like(lines[i])}
    shaped = {i for i in body if i not in prose and (levels[i] is not None or heading_shape(lines[i]))}
    # a run of heading-shaped lines with no prose between them (a list of points, an outline)
    run_of: dict[int, int] = {}
    siblings: dict[int, int] = {}  # lines of the run numbered as this one is
    k = 0
    while k < len(body):
        if body[k] not in shaped:
            k += 1
            continue
        end = k
        bullet = _bullet(lines[body[k]])  # a heading's bullets under it are its list, not its siblings
        while end < len(body) and body[end] in shaped and _bullet(lines[body[end]]) == bullet:
            end += 1
        schemes = [numbering_scheme(lines[body[m]]) for m in range(k, end)] if end - k >= MIN_RUN_LIST else []
        alike: dict[str | None, int] = {}  # counted once per run: a list of thousands of lines stays linear
        for scheme in schemes:
            alike[scheme] = alike.get(scheme, 0) + 1
        for m in range(k, end):
            run_of[body[m]] = end - k
            scheme = schemes[m - k] if schemes else None
            siblings[body[m]] = alike[scheme] if scheme else 0
        k = end
    first_prose = min(prose, default=len(lines))
    listed: set[int] = set()  # numbered lines read as a list's items
    for pos, i in enumerate(body):
        if i not in shaped:
            continue
        nxt = body[pos + 1] if pos + 1 < len(body) else None
        prev = body[pos - 1] if pos > 0 else None
        # under a lead-in ending in a colon (no heading's short label: a sentence) the line is a list's item
        under_lead_in = (prev is not None and prev not in shaped and fold(lines[prev]).rstrip().endswith((":", "："))
                         and _plain_len(fold(lines[prev])) > _MIN_LEAD_IN)  # ("正文：" is a page's label)
        if run_of[i] >= MIN_RUN_LIST or under_lead_in:
            if levels[i] is not None and run_of[i] >= MIN_RUN_LIST and (i < first_prose or siblings[i] >= MIN_RUN_LIST):
                levels[i] = None  # numbered, but a list's item ("1." "2." "3." in a row) or an outline's line
                listed.add(i)
            continue
        if levels[i] is not None:
            continue
        # what follows, on the very next line, is text (prose, or a line too long or too full of clauses to be
        # a heading; no date), or the heading's own bullets; a line the rules removed between them (a poster's
        # name, a date) says the two are not heading and section
        opens = nxt == i + 1 and (nxt in prose or _text_under(lines, i, nxt, shaped)
                                  or (_bullet(lines[nxt]) and not _bullet(lines[i])))
        # a section's heading right over its first sub-heading ("二、违法情形" over "时间与频率的违法性")
        opens = opens or (nxt == i + 1 and nxt in shaped and run_of[i] == 2 and pos + 2 < len(body)
                          and body[pos + 2] == i + 2 and body[pos + 2] in prose)
        if opens:
            levels[i] = _level(lines[i])
    _siblings_of_headings(lines, body, shaped, levels, listed)
