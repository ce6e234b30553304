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
  the first prose (an outline repeating the headings), not the sections themselves;
* a short point numbered as the sentence next to it (``1.`` a sentence, ``2.`` a phrase), a short
  bullet under a bullet's sentence and the points down a lead-in's run are a list's items;
* a line numbered as a heading of the text, over its text, is one too (:func:`_siblings_of_headings`).

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
_INNER_LABEL = re.compile(r"[:：]\s*\S")  # "2年内：申请房贷基本会被拒": a point's label and its explanation
_BARE_NUMBER = re.compile(r"^\s*0?\d{1,2}\s*$")  # a point's number alone on its line: "01"
_HAN_KEY = re.compile(r"[\u4e00-\u9fff]")  # a sibling key with a word in it: "陷阱#：", "第#步"
_MAX_LABEL = 10  # characters of a heading's label before its closing colon ("报警：")
_MAX_WITH_COMMA = 20  # a heading with a comma in it is short: "找对沟通渠道，别和催收纠缠"


def _words(line: str) -> str:
    """The heading's words: bullets, numbering and a bracket pair off."""
    f = _MARK.sub("", fold(line).strip())
    m = _BRACKETED.match(f)
    if m:
        return m.group(1)
    return _NUMBER.sub("", f, count=1).strip() or f


def heading_shape(line: str, label_max: int = _MAX_LABEL) -> bool:
    """Short, no sentence, no date, no address; a colon at its end only after a short label (``label_max``
    characters: a longer one is a lead-in, unless its siblings are headings)."""
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
        return _plain_len(label) <= label_max and not _LEAD_WORDS.search(label)
    return True


_NUMERAL = re.compile(r"[一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾貳參陸]+|\d+")
_SIBLING = re.compile(r"^(\D{0,3}?#\S?)")


def sibling_key(line: str) -> str | None:
    """What numbered siblings share: ``陷阱一：…`` and ``陷阱二：…`` give ``陷阱#：``, ``1. …`` gives ``#.``."""
    m = _SIBLING.match(_NUMERAL.sub("#", _MARK.sub("", fold(line).strip()), count=1))
    return m.group(1) if m else None


def _siblings_of_headings(lines: list[str], body: list[int], shaped: set[int], levels: list[int | None],
                          listed: set[int]) -> None:
    """A line numbered as a heading of the text is, shaped as one (its label before a closing colon may be
    longer) and over its text or its heading sibling, is one too, even under a lead-in ("…有以下几种形式："
    over "陷阱一：…", whose siblings 陷阱二 to 四 are). Points read as a list's items are not."""
    keys: dict[str, list[int]] = {}
    for i in body:
        if levels[i] is not None and (key := sibling_key(lines[i])):
            keys.setdefault(key, []).append(levels[i])
    if not keys:
        return
    for pos, i in reversed(list(enumerate(body))):  # from the end: a line over its sibling sees it promoted
        if levels[i] is not None or i in listed or (i not in shaped and len(lines[i]) > _MAX_LINE):
            continue  # (a line that long is no heading's shape, whatever its label: prose, skipped cheaply)
        key = sibling_key(lines[i])
        found = keys.get(key or "")
        if not found:
            continue
        if i not in shaped and not (heading_shape(lines[i], label_max=MAX_HEADING) and not is_paragraph_like(lines[i])):
            continue  # (a label longer than a heading's, "5. 监控银行账户和信用记录：", among "4. 报警：" siblings)
        nxt = body[pos + 1] if pos + 1 < len(body) else None
        over_text = _text_under(lines, i, nxt, shaped)
        over_sibling = nxt == i + 1 and levels[nxt] is not None and sibling_key(lines[nxt]) == key  # its text lost
        if over_text or over_sibling:
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


def _lead_in(line: str) -> bool:
    """A sentence ending in a colon: a list follows ("正文：" is a page's label, too short for one)."""
    f = fold(line).rstrip()
    return f.endswith((":", "：")) and _plain_len(f) > _MIN_LEAD_IN


def _list_items(lines: list[str], body: list[int], shaped: set[int]) -> set[int]:
    """Heading-shaped lines that are a list's items by their neighbours: a point numbered as the line next
    to it is (``1.`` over ``2.``, ``(1)`` over ``(2)``) where one of the two is a sentence, and a bullet
    right under another bullet that is a sentence ("- 逾期≠失信：银行通常给…" over "- 暂时困难≠终身污点：…")."""
    out: set[int] = set()
    schemes: dict[int, str | None] = {}

    def scheme_of(i: int) -> str | None:
        if i not in schemes:
            schemes[i] = numbering_scheme(lines[i])
        return schemes[i]

    for a, b in zip(body, body[1:], strict=False):
        if b != a + 1 or (a in shaped) == (b in shaped):
            continue
        short, other = (a, b) if a in shaped else (b, a)
        if _bullet(lines[a]) and _bullet(lines[b]):
            if short == b:  # a bullet's sentence over a short bullet; a short bullet over its sentence heads it
                out.add(short)
        elif (scheme := scheme_of(short)) and scheme_of(other) == scheme:
            out.add(short)
    if not out:
        return out
    # and the points numbered alike next to those, both ways along the run ("1." a sentence, "2." "3." short)
    pairs = [(a, b) for a, b in zip(body, body[1:], strict=False)
             if b == a + 1 and (s := scheme_of(a)) and scheme_of(b) == s]
    for a, b in pairs:
        if a in out:
            out.add(b)
    for a, b in reversed(pairs):
        if b in out:
            out.add(a)
    return out


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
    in_list = _list_items(lines, body, shaped)
    lead_run: set[int] = set()
    for pos, i in enumerate(body):
        if i not in shaped:
            continue
        nxt = body[pos + 1] if pos + 1 < len(body) else None
        prev = body[pos - 1] if pos > 0 else None
        # under a lead-in ending in a colon (no heading's short label: a sentence) the line is a list's item,
        # and so are the lines of its run below it: unnumbered ones, or a bare number's "label：explanation"
        # ("2. 2年后：…"; points named with a word, "陷阱一" over "陷阱二", go by their siblings)
        item_like = numbering_scheme(lines[i]) is None or (
            _INNER_LABEL.search(_words(lines[i])) is not None and not _HAN_KEY.search(sibling_key(lines[i]) or ""))
        under_lead_in = (prev is not None and prev not in shaped and _lead_in(lines[prev])) or (
            prev in lead_run and run_of.get(prev) == run_of[i] and item_like)
        if under_lead_in and levels[i] is None and item_like:
            lead_run.add(i)
        if i in in_list:
            levels[i] = None
            listed.add(i)
            continue
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
        if nxt == i + 1 and _BARE_NUMBER.match(lines[nxt]) and pos + 2 < len(body) and body[pos + 2] == i + 2:
            nxt, i_under = i + 2, i + 1  # a point's bare number ("01") between the heading and its text
        else:
            i_under = i
        opens = nxt == i_under + 1 and (nxt in prose or _text_under(lines, i_under, nxt, shaped)
                                        or (_bullet(lines[nxt]) and not _bullet(lines[i])))
        # a section's heading right over its first sub-heading ("二、违法情形" over "时间与频率的违法性")
        opens = opens or (nxt == i + 1 and nxt in shaped and run_of[i] == 2 and pos + 2 < len(body)
                          and body[pos + 2] == i + 2 and body[pos + 2] in prose)
        if opens:
            levels[i] = _level(lines[i])
    _siblings_of_headings(lines, body, shaped, levels, listed)
    _nest_decimal(lines, levels)


_DECIMAL = re.compile(r"^\s*(\d{1,2})\s*(?:\.(\d{1,2})(?![\d.])|[.、](?!\d))")  # "1." / "1、" or "1.1"


def _nest_decimal(lines: list[str], levels: list[int | None]) -> None:
    """A decimal outline's sub-section sits under its section: "1.1" one level below the "1." it follows
    (each numbering's fixed level puts "1." at 3, for "一、 / （一） / 1." outlines, and "1.1" at 2)."""
    section: dict[str, int] = {}  # a section's number -> its heading's level
    for i, level in enumerate(levels):
        if level is None or not (m := _DECIMAL.match(_MARK.sub("", fold(lines[i])))):
            continue
        if m.group(2) is None:
            section[m.group(1)] = level
        elif (parent := section.get(m.group(1))) is not None and level <= parent:
            levels[i] = min(parent + 1, 6)
