"""Context rules of the text segmenter: verdicts a line gets from the lines around it.

Each rule takes the lines and the kinds given so far (``None``: not decided) and marks
more of them: comments under a comment header, contact lines under a takedown line,
title lists under a related header, author names, image alt texts, tables of contents and
text tables (content). The rules for the chrome around a whole page's article (footer,
listings, short-line runs, the page's foot) are in :mod:`pipeline.extract.text_page`. The
order they all run in is :func:`pipeline.extract.text.segment_lines`.
"""

from __future__ import annotations

import re
from collections import Counter

from pipeline.extract.boilerplate import (
    LIST_HEADERS,
    classify_line,
    is_contact_line,
    is_list_title,
)
from pipeline.extract.byline import label_alone
from pipeline.extract.comments import parse_comments, parse_meta
from pipeline.extract.credit_lines import is_lawyer_name
from pipeline.extract.fold import fold
from pipeline.extract.line_shape import (
    _LEADING_NUMBER,
    _plain_len,
    _unnumbered,
    is_paragraph_like,
    near_duplicate,
)
from pipeline.extract.meta_line import thread_card_lines
from pipeline.extract.names import is_name_line, is_outlet
from pipeline.extract.sections import heading_level
from pipeline.extract.thread_lines import is_post_action
from pipeline.record import Comment

_MAX_LIST_ITEMS = 20
# one entry of a reference list: "[1]《…》，2020年…", "2. 某机构：《…》", "3、作者. 题名[J]."; a numbered
# step of advice under the header is not one: an entry names a work (《》, [J], a URL) or a year
_REFERENCE_ENTRY = re.compile(
    r"(?:\[\d{1,3}\]|\d{1,3}\s*[.、)])\s*(?=.{0,200}$)(?=.*(?:《|〈|\[[a-z/]{1,5}\]|https?://|(?:19|20)\d{2}\s*[年.,-]))"
)
_MAX_LIST_CHARS = 600
# the article's next section ("三、投诉渠道", "第二章"): a link list is never numbered so
_ARTICLE_SECTION = re.compile(r"[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十\d]+[章节部分]")


def _comment_end(line: str) -> bool:
    return classify_line(line) is not None or heading_level(line) is not None


def _comment_button(line: str) -> bool:
    return is_post_action(fold(line))


_DIGITS = re.compile(r"\d+")
# the same comment header this often on one page is each entry's link ("评论(3)" under every
# teaser of a list page), not the head of the page's one comment section
_ENTRY_HEADER_REPEATS = 3


def _mark_comments(lines: list[str], kinds: list[str | None], comments: list[Comment]) -> None:
    """Comments under a comment header, or from a line with an avatar and a meta line on.

    A header opens no section of one anonymous line when the same header stands under every
    entry of a list (three times or more). One that says there are no comments ("还没有评论，
    快来抢沙发吧！") still opens one: what follows it is the empty widget's furniture.
    """
    n = len(lines)
    header_keys = {i: _DIGITS.sub("0", fold(lines[i])) for i in range(n) if kinds[i] == "comment"}
    repeats = Counter(header_keys.values())
    i = 0
    prose_upto, prose_sum = 0, 0  # sentences no rule took above line i (lines above i keep their kinds)
    while i < n:
        start = None
        if kinds[i] == "comment":
            start, require_avatar = i + 1, False
        elif kinds[i] in (None, "dateline") and parse_meta(lines[i], require_avatar=True):
            start, require_avatar = i, True
        if start is None:
            i += 1
            continue
        found, consumed = parse_comments(lines, is_end=_comment_end, require_avatar=require_avatar,
                                         is_button=_comment_button, start=start)
        # Comments follow an article: a comment header above every sentence of the page (a
        # "发表评论" link under the title) opens no section. With no meta line at all, a section
        # must not outweigh the prose above it either (a body must never vanish into "comments").
        # Sentences, not long lines: a whole page's menus above read as long lines.
        anonymous = all(c.author is None and c.date is None for c in found)
        if (found and anonymous and not require_avatar and consumed == 1
                and repeats[header_keys.get(i, "")] >= _ENTRY_HEADER_REPEATS):
            i += 1  # one entry under each of them: an entry's link; several lines: the page's comments
            continue
        if found and (anonymous or not require_avatar):  # the prose above is read only when it decides
            for j in range(prose_upto, i):
                if kinds[j] is None and "。" in lines[j] and is_paragraph_like(lines[j]):
                    prose_sum += len(lines[j])
            prose_upto, prose_before = max(prose_upto, i), prose_sum
            if prose_before == 0 and not require_avatar or anonymous and (
                    sum(len(lines[j]) for j in range(start, start + consumed)) > prose_before):
                i = max(start, i + 1)
                continue
        comments.extend(found)
        for j in range(start, start + consumed):
            kinds[j] = "comment"
        i = max(start + consumed, i + 1)


def _mark_followers(lines: list[str], kinds: list[str | None]) -> None:
    """Context rules: contact lines under takedown lines, title lists under related/link headers."""
    n = len(lines)
    for i in range(n):
        kind = kinds[i]
        if kind in ("takedown", "contact"):
            j = i + 1
            while j < n and kinds[j] is None and is_contact_line(lines[j]):
                kinds[j] = "contact"
                j += 1
        elif kind in LIST_HEADERS:
            j = i + 1
            while j < n and kinds[j] is None and not _ARTICLE_SECTION.match(fold(lines[j])) and (
                is_list_title(lines[j]) or (kind == "references" and _REFERENCE_ENTRY.match(fold(lines[j])))
            ):
                j += 1
            listed = range(i + 1, j)
            # A link list is a handful of titles; a longer run of short lines is content
            # (captions, verse, a list) under a header that lost its own items. A reference
            # list is as long as its works, each entry shaped like one.
            entries = kind == "references" and all(_REFERENCE_ENTRY.match(fold(lines[k])) for k in listed)
            if entries or (len(listed) <= _MAX_LIST_ITEMS and sum(len(lines[k]) for k in listed) <= _MAX_LIST_CHARS):
                for k in listed:
                    kinds[k] = kind


def _mark_toc(lines: list[str], kinds: list[str | None], levels: list[int | None], keys: list[str]) -> None:
    """A run of short lines that reappear later as headings (or follow a ``目录`` header) is a table of contents.

    "Later as headings": a later line with the same key (numbering ignored) that
    is a detected heading or a short standalone line; such a short line is
    promoted to a heading, since the table of contents proves what it is.
    """
    n = len(lines)
    later: dict[str, int] = {}  # key -> last index where it stands as a heading-like line
    for j in range(n):
        if kinds[j] is not None:
            continue
        if levels[j] is not None or (_plain_len(keys[j]) <= 40 and not is_paragraph_like(lines[j])):
            for k in {keys[j], _unnumbered(keys[j])}:
                if len(k) >= 2:
                    later[k] = j
    if not later:
        return
    match: list[int | None] = [None] * n
    for i in range(n):
        if kinds[i] is not None or _plain_len(keys[i]) > 40 or is_paragraph_like(lines[i]):
            continue
        for k in {keys[i], _unnumbered(keys[i])}:
            j = later.get(k, -1)
            if len(k) >= 2 and j > i:
                match[i] = j
                break
    i = 0
    while i < n:
        if match[i] is None:
            i += 1
            continue
        end = i
        while end < n and match[end] is not None:
            end += 1
        after_header = i > 0 and kinds[i - 1] == "toc"
        if end - i >= 2 or after_header:
            for k in range(i, end):
                kinds[k] = "toc"
                j = match[k]
                if j is not None and levels[j] is None:
                    levels[j] = heading_level(lines[k]) or 2
        i = end


_MAX_ALT_CHARS = 40


# a sentence's end: a full stop, an exclamation or a semicolon closing the line
_SAYING = re.compile(r"[。！!；;]\s*$")
# a heading's or a list item's number ("1.1 ", "2、", "(三)", "第二章"), not a date or a figure ("3月15日", "12315")
_LIST_NUMBER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})+(?![\d亿万千百元%％])\s*|\d{1,2}\s*[.、)）](?!\d)\s*|[(（][一二三四五六七八九十\d]{1,3}[)）]"
                          r"|[一二三四五六七八九十]{1,3}\s*[、.]|第[一二三四五六七八九十百\d]+[章节條条款部分篇步])")


def _alt_like(key: str, count: int, title_key: str | None) -> bool:
    """Three copies in the body; or two that echo the title; or one that nearly is the title
    (a piece of the title is as often a section heading as an image's alt, so it stays)."""
    if count >= 3:
        return True
    if not title_key:
        return False
    if count >= 2 and near_duplicate(key, title_key, 0.4):
        return True
    return near_duplicate(key, title_key, 0.85)


_NAME_ZONE = 4
_POSTER = re.compile(r"(?:#\s?\d{1,4}\s+)?[^\s,。;!?:、“”\"()]{1,16}")  # a user name, maybe after its floor: one token
_CLOCK = re.compile(r"\d{1,2}[:：]\d{2}")  # a post's date line has a time
_FLOOR = re.compile(r"^(?:楼主|沙发|板凳|地板|\d{1,4}\s?[#楼]|#\s?\d{1,4})(?:\s|$)")  # a post's floor opening its date line
_FIRM = re.compile(r"律师事务所|律師事務所|律所|法律服务所|法律服務所")
_CHROME_BETWEEN = 2  # chrome lines (a "只看该作者" link, a firm and help count) between a name and its text


def is_post_header(line: str) -> bool:
    """A post's date line with its time, or its floor ("沙发 发表于 …", "2#"): what opens a post."""
    return bool(_CLOCK.search(line) or _FLOOR.search(fold(line)))


def _poster_like(line: str) -> bool:
    """One token that can be a user's name (maybe after its floor), not a numbered line."""
    f = fold(line)
    return bool(_POSTER.fullmatch(f)) and not _LEADING_NUMBER.match(f)


def _text_after(kinds: list[str | None], j: int) -> int | None:
    """The first undecided line from ``j`` on, past at most :data:`_CHROME_BETWEEN` chrome lines."""
    for k in range(j, min(len(kinds), j + _CHROME_BETWEEN + 1)):
        if kinds[k] is None:
            return k
        if kinds[k] in ("title", "title_repeat", "comment"):
            return None
    return None


_MAX_FIELD_VALUE = 24  # a source's or an author's name, not a sentence
# a button where the value would be: "作者：" over "关注某某" (the author's follow button, not a name)
_BUTTON_VALUE = re.compile(r"(?:关注|關注|点击|點擊|查看|登录|登錄|注册|註冊|订阅|訂閱|下载|下載|分享|收藏|进入|進入)")
# a value is one token: no clause, list number, heading mark, quote or label ("一、…", "1. …", "《民法典》…", "目的：")
_VALUE_TOKEN = re.compile(rf"[^\s,，。?？!！;；:：、《》“”\"()（）\[\]【】]{{2,{_MAX_FIELD_VALUE}}}")
_HANDLE = re.compile(r"(?=[0-9_.\-]*[a-z])[a-z0-9_.\-]{2,20}")  # an account's handle, with a letter: "admin", "li_ming88"
# how an organisation's name ends, beside the media outlets of is_outlet: "国家统计局", "某某律师事务所", "中国人民银行"
_ORGANISATION_END = re.compile(r"(?:局|部|委|厅|署|院|所|会|行|办|中心|公司|集团|平台)$")  # (协会, 研究院, 委员会 end so)


def field_value(field: str | None, value: str) -> bool:
    """The line under a label left alone (:func:`label_alone`) is that field's value: a writer's or
    editor's name or handle, a source's name (an outlet's, an organisation's or a handle); never a
    button ("关注某某"), a heading ("前言", "一、…"), a number or a sentence ("记者：" over an interview's
    question)."""
    value = value.strip()
    if field is None or not _VALUE_TOKEN.fullmatch(value) or _BUTTON_VALUE.match(value):
        return False
    key = fold(value)
    if _HANDLE.fullmatch(key):
        return True
    if field == "source":
        return is_outlet(value) or bool(_ORGANISATION_END.search(key))
    return is_name_line(key)


def value_under_label(lines: list[str], kinds: list[str | None], i: int) -> bool:
    """Line ``i + 1`` is the value of the byline label left alone on line ``i`` ("来源：" / "某某日报")."""
    return (i + 1 < len(lines) and kinds[i] == "byline" and kinds[i + 1] in (None, "byline")
            and field_value(label_alone(lines[i]), lines[i + 1]))


def _mark_field_values(lines: list[str], kinds: list[str | None]) -> None:
    """The value under a byline's label left alone on its line ("来源：" / "某某日报", "作者：" / "李明"):
    the page printed label and value in two elements, so the value is the byline's too."""
    for i in range(len(lines) - 1):
        if kinds[i + 1] is None and value_under_label(lines, kinds, i):
            kinds[i + 1] = "byline"


def _mark_author_names(lines: list[str], kinds: list[str | None]) -> None:
    """An author's name on a line of its own, in the first or last lines, next to prose or a date line;
    anywhere, a lawyer's name right above prose (a Q&A page's answer card, not a letter's signature)."""
    n = len(lines)
    for i in range(n - 1):
        if kinds[i] is not None:
            continue
        firm = _FIRM.search(lines[i + 1]) is not None and not is_paragraph_like(lines[i + 1])
        nxt = _text_after(kinds, i + 2 if firm else i + 1)  # past the card's firm line, the answer
        if nxt is not None and is_paragraph_like(lines[nxt]) and is_lawyer_name(fold(lines[i]), firm_below=firm):
            kinds[i] = "byline"
    zone = set(range(min(n, _NAME_ZONE))) | set(range(max(0, n - _NAME_ZONE + 1), n))
    for i in sorted(zone):
        if kinds[i] is not None or not is_name_line(fold(lines[i])):
            continue
        near = [j for j in (i - 1, i + 1) if 0 <= j < n]
        if any(kinds[j] in ("dateline", "byline") or (kinds[j] is None and is_paragraph_like(lines[j]))
               for j in near):
            kinds[i] = "byline"


def mark_post_headers(lines: list[str], kinds: list[str | None]) -> None:
    """The posters' names of a thread: a short name-like line right above a date line, when the pair recurs.

    A thread scrape shows each post as ``name / 发表于 date time / text``. One such triple
    could be a heading over a dated paragraph, and a timeline's dates carry no time
    ("借款 / 2021年6月15日 / …"); two or more with times are posts, and their
    names (``债海孤舟``, ``momo酱``) are bylines, never headings or the title.
    """
    posters = [
        i for i in range(len(lines) - 2)
        if (kinds[i] is None or (kinds[i] == "byline" and is_name_line(fold(lines[i]))))  # a name rule's already
        and (kinds[i + 1] in ("dateline", "byline") or (kinds[i + 1] == "navigation" and i > 0 and kinds[i - 1] is not None))
        and is_post_header(lines[i + 1])  # ("楼主" under a thread's title is no poster's header)
        and _poster_like(lines[i])
        and (j := _text_after(kinds, i + 2)) is not None
        and (is_paragraph_like(lines[j])
             or (_FLOOR.search(fold(lines[i + 1])) and not (j + 1 < len(lines) and _CLOCK.search(lines[j + 1]))))
    ]  # the post's text follows its date (a one-line reply under a floor label: "沙发 发表于 …" / "加油");
    # where the date follows the text, the short line is a reply
    # "… / 1楼 · 2024-06-11 23:08 / <name> / <text> / 2楼 · …": where each post's header follows its text,
    # the name opening the next post stands between a header with its floor and prose (a bare time
    # over "不会坐牢" or "专家解读" is an answer's or a live blog's, whose short line is its own)
    posters += [
        i for i in range(1, len(lines) - 1)
        if kinds[i] is None and kinds[i - 1] in ("dateline", "byline") and _FLOOR.search(fold(lines[i - 1]))
        and _poster_like(lines[i]) and kinds[i + 1] is None and is_paragraph_like(lines[i + 1])
        and _plain_len(lines[i]) <= 12
    ]
    if len(posters) >= 2:
        for i in posters:
            kinds[i] = "byline"


def _mark_profile_cards(lines: list[str], kinds: list[str | None]) -> None:
    """Posters' profile cards of a thread scrape (``主题 / 帖子 / 积分 / 注册时间 …``), once per post.

    One such run alone may be an article's own list (a game character's ``等级：60 / 经验：… /
    金币：…``, a person's ``性别 / 生日 / 来自``); a thread prints a card beside every post,
    so two runs or more are needed, each with a label only forum software prints (a court
    notice lists two persons' ``性别 / 生日 / 所在地``): :func:`thread_card_lines`.
    """
    for i in thread_card_lines([fold(x) for x in lines]):
        if kinds[i] is None:
            kinds[i] = "byline"


def _mark_image_alts(lines: list[str], kinds: list[str | None], keys: list[str], title_key: str | None,
                     first_body: int) -> None:
    """Image alt texts and captions left in the text: short lines (no sentence) that are

    * repeated inside the body (an image's alt text, usually the page's keyword, at each image):
      three times, or twice when it echoes the title (a heading like 典型案例 may come twice),
    * or a near copy of the title after the body has started (the title as an image's alt),
    * or the same line twice in a row (alt text then caption of one image).

    Headings are never repeated word for word, and a table of contents was marked before.
    """
    n = len(lines)
    short = [
        kinds[i] is None and 2 <= _plain_len(keys[i]) <= _MAX_ALT_CHARS and not is_paragraph_like(lines[i])
        and not _LEADING_NUMBER.match(keys[i])
        for i in range(n)
    ]
    counts: dict[str, int] = {}
    for i in range(first_body, n):
        if short[i]:
            counts[keys[i]] = counts.get(keys[i], 0) + 1
    for i in range(n):
        if kinds[i] is not None:
            continue
        # a numbered line twice ("1.1 什么是花呗") is a heading or a list item pasted twice, never an image's
        # alt and caption: the repeat is dropped later, one copy stays
        twin = (i + 1 < n and keys[i + 1] == keys[i] and _plain_len(keys[i]) <= 80 and kinds[i + 1] is None
                and not _LIST_NUMBER.match(keys[i]))
        if twin:
            kinds[i] = kinds[i + 1] = "caption"
        elif short[i] and i >= first_body:
            # a short sentence said three times ("欠债还钱，天经地义。") is a refrain, not an alt: it counts
            # as an alt only when it echoes the title
            count = counts.get(keys[i], 0)
            if _alt_like(keys[i], min(count, 2) if _SAYING.search(lines[i]) else count, title_key):
                kinds[i] = "caption"


_TABLE_SEPARATOR = re.compile(r"[\s|:\-]*\|[\s|:\-]*")


def _cells(line: str) -> int:
    line = line.replace("｜", "|")  # full-width bars
    return len(line.strip().strip("|").split("|")) if line.count("|") >= 2 else 0


_FIELD_KINDS = frozenset({"widget", "byline"})  # (dated rows, "2024-01-15 10:30 | 还款 | 1050元", are a table)
_TABLE_CAPTION = re.compile(r"\s*(?:表|表格|附表|表\s*\d{1,2})\s*[:：]\s*\S")


def table_rows(lines: list[str], kinds: list[str | None] | None = None) -> set[int]:
    """Lines of a text table: two or more consecutive rows of three or more ``|`` (or ``｜``) cells
    (counts within one of each other), with their ``---|---`` separator rows.

    A table is content however short its cells are, so these lines are never
    boilerplate (a menu strip is one line, not a run of rows). With ``kinds``, rows that
    field rules all took (a document's card: ``共 24 页 | 3.6mb | ppt`` over ``0 积分 | 下载 36
    次 | 浏览 1,520 次``) are a strip of fields, not a table; rows a menu's shape took stay one.
    """
    rows: set[int] = set()
    i, n = 0, len(lines)
    while i < n:
        j = i
        while j < n and (_cells(lines[j]) >= 3 or (j > i and _TABLE_SEPARATOR.fullmatch(lines[j]))):
            if j > i and _cells(lines[j]) and abs(_cells(lines[j]) - _cells(lines[i])) > 1:
                break
            j += 1
        real = [k for k in range(i, j) if not _TABLE_SEPARATOR.fullmatch(lines[k])]
        # (two-column rows are no table: "栏目 | 标题" teaser lists and "[1] | 作者. 题名" references look the same)
        if len(real) >= 2 and not (kinds is not None and all(kinds[k] in _FIELD_KINDS for k in real)
                                   and any(kinds[k] == "widget" for k in real)):
            rows.update(range(i, j))
            if i > 0 and (_TABLE_SEPARATOR.fullmatch(lines[i - 1]) or _TABLE_CAPTION.match(lines[i - 1])):
                rows.add(i - 1)  # its separator, or its caption ("表：部分借贷App权限申请情况")
        i = max(j, i + 1)
    return rows
