"""Context rules of the text segmenter: verdicts a line gets from the lines around it.

Each rule takes the lines and the kinds given so far (``None``: not decided) and marks
more of them: comments under a comment header, contact lines under a takedown line,
title lists under a related header, author names, image alt texts, tables of contents,
text tables (content), the footer, and runs of short lines around the prose. The
order they run in is :func:`pipeline.extract.text.segment_lines`.
"""

from __future__ import annotations

import re

from pipeline.extract.boilerplate import (
    LIST_HEADERS,
    classify_line,
    is_contact_line,
    is_list_title,
)
from pipeline.extract.comments import parse_comments, parse_meta
from pipeline.extract.fold import fold
from pipeline.extract.line_rules import is_bare_stamp
from pipeline.extract.line_shape import (
    _LEADING_NUMBER,
    FUNCTION_CHARS,
    _plain_len,
    _unnumbered,
    is_paragraph_like,
    near_duplicate,
)
from pipeline.extract.meta_line import thread_card_lines
from pipeline.extract.names import is_name_line
from pipeline.extract.sections import heading_level
from pipeline.record import Comment

_MAX_LIST_ITEMS = 20
# one entry of a reference list: "[1]《…》，2020年…", "2. 某机构：《…》", "3、作者. 题名[J]."; a numbered
# step of advice under the header is not one: an entry names a work (《》, [J], a URL) or a year
_REFERENCE_ENTRY = re.compile(
    r"(?:\[\d{1,3}\]|\d{1,3}\s*[.、)])\s*(?=.{0,200}$)(?=.*(?:《|\[[a-z/]{1,5}\]|https?://|(?:19|20)\d{2}\s*[年.,-]))"
)
_MAX_LIST_CHARS = 600


def _comment_end(line: str) -> bool:
    return classify_line(line) is not None or heading_level(line) is not None


def _mark_comments(lines: list[str], kinds: list[str | None], comments: list[Comment]) -> None:
    n = len(lines)
    i = 0
    while i < n:
        start = None
        if kinds[i] == "comment":
            start, require_avatar = i + 1, False
        elif kinds[i] in (None, "dateline") and parse_meta(lines[i], require_avatar=True):
            start, require_avatar = i, True
        if start is None:
            i += 1
            continue
        found, consumed = parse_comments(lines[start:], is_end=_comment_end, require_avatar=require_avatar)
        if found and all(c.author is None and c.date is None for c in found):
            # No meta line at all: only believe it is a comment section if it does not
            # outweigh the prose above it (a body must never vanish into "comments").
            prose_before = sum(
                len(lines[j]) for j in range(i) if kinds[j] is None and is_paragraph_like(lines[j])
            )
            if sum(len(lines[j]) for j in range(start, start + consumed)) > prose_before:
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
            while j < n and kinds[j] is None and (
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


def _mark_author_names(lines: list[str], kinds: list[str | None]) -> None:
    """An author's name on a line of its own, in the first or last lines, next to prose or a date line."""
    n = len(lines)
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
        and kinds[i + 1] in ("dateline", "byline") and _CLOCK.search(lines[i + 1])
        and _POSTER.fullmatch(fold(lines[i])) and not _LEADING_NUMBER.match(fold(lines[i]))
        and kinds[i + 2] is None and is_paragraph_like(lines[i + 2])
    ]  # the post's text follows its date; where the date follows the text, the short line is a reply
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
        twin = i + 1 < n and keys[i + 1] == keys[i] and _plain_len(keys[i]) <= 80 and kinds[i + 1] is None
        if twin:
            kinds[i] = kinds[i + 1] = "caption"
        elif short[i] and i >= first_body and _alt_like(keys[i], counts.get(keys[i], 0), title_key):
            kinds[i] = "caption"


_TABLE_SEPARATOR = re.compile(r"[\s|:\-]*\|[\s|:\-]*")


def _cells(line: str) -> int:
    return len(line.strip().strip("|").split("|")) if line.count("|") >= 2 else 0


def table_rows(lines: list[str]) -> set[int]:
    """Lines of a text table: two or more consecutive rows of three or more ``|`` cells
    (counts within one of each other), with their ``---|---`` separator rows.

    A table is content however short its cells are, so these lines are never
    boilerplate (a menu strip is one line, not a run of rows).
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
        if len(real) >= 2:
            rows.update(range(i, j))
            if i > 0 and _TABLE_SEPARATOR.fullmatch(lines[i - 1]):
                rows.add(i - 1)
        i = max(j, i + 1)
    return rows


def _mark_footer(lines: list[str], kinds: list[str | None]) -> None:
    """Short unclassified lines after the body has ended (past the last prose line *and* a boilerplate line)."""
    last_prose = max(
        (i for i, line in enumerate(lines) if kinds[i] is None and is_paragraph_like(line)), default=-1
    )
    if last_prose < 0:
        return
    tail = next((j for j in range(last_prose + 1, len(lines)) if kinds[j] not in (None, "title")), None)
    if tail is None:
        return
    footer = [k for k in range(tail + 1, len(lines)) if kinds[k] is None and not is_paragraph_like(lines[k])]
    # Page chrome after the article is a few short lines; when there is more of it than
    # article prose, these short lines are more likely content (captions, a list) - keep them.
    prose = sum(len(lines[i]) for i in range(last_prose + 1) if kinds[i] is None)
    if sum(len(lines[k]) for k in footer) > max(300, prose // 2):
        return
    for k in footer:
        kinds[k] = "footer"


_MIN_LISTING_ITEMS = 3
_MAX_ITEM_CHARS = 60
_MAX_LISTING_GAP = 4  # a headline, its source and its counter: up to three lines per entry


def _listing_item(line: str, kind: str | None) -> bool:
    """A line that can be one entry of a list of other articles: short, not a paragraph of prose."""
    return kind is None and len(line) <= _MAX_ITEM_CHARS and not is_paragraph_like(line) and "。" not in line


def _mark_listings(lines: list[str], kinds: list[str | None]) -> None:
    """Lists of other articles: short lines that each come with their own date or counter line.

    "headline / 2019-04-12 16:11 / headline / 2019-04-12 13:32 / ..." or "headline / 56
    跟贴 56 / ...": when date or counter lines, or bare numbers (already removed by the
    line rules), follow each other every two to ``_MAX_LISTING_GAP`` lines,
    ``_MIN_LISTING_ITEMS`` times or more, with nothing but short lines between them, those
    lines are the entries of a listing, whatever their words (an entry may also carry a
    source line the rules removed). An article's own text does not put a date line after
    every sentence, and a thread's posts are not a listing: their authors' names recur
    (also when the author-name rule already took them as bylines).
    """
    n = len(lines)
    meta = [i for i in range(n) if kinds[i] is not None and is_bare_stamp(fold(lines[i]))]

    def entries_between(a: int, b: int) -> list[int] | None:
        """The open lines between two meta lines when they are all listing entries, else None."""
        if not 2 <= b - a <= _MAX_LISTING_GAP:
            return None
        open_ = [k for k in range(a + 1, b) if kinds[k] is None]
        return open_ if open_ and all(_listing_item(lines[k], None) for k in open_) else None

    start = 0
    while start < len(meta) - 1:
        group: list[int] = []
        end = start
        while end + 1 < len(meta) and (found := entries_between(meta[end], meta[end + 1])) is not None:
            group += found
            end += 1
        texts = [lines[k] for k in group]
        # a thread's posts come with dates too, but their authors recur (or stand as names);
        # a timeline under its lead-in ("事件经过:") is the article's
        span = range(max(0, meta[start] - 2), meta[end] + 1)
        taken = [k for k in span if kinds[k] == "byline" and is_name_line(fold(lines[k]))]
        thread = len(set(texts)) < len(texts) or any(is_name_line(fold(t)) for t in texts) or bool(taken)
        announced = any(
            k >= 0 and kinds[k] is None and _LEAD_IN.search(fold(lines[k])) is not None
            for k in (meta[start] - 1, meta[start] - 2)
        )  # an open lead-in: "相关文章:" (already removed) announces a listing, not a timeline
        if end - start + 1 >= _MIN_LISTING_ITEMS and not thread and not announced:
            # the entry before the first date ("headline, date") or after the last ("date, headline")
            lead = entries_between(max(-1, meta[start] - 2), meta[start]) if meta[start] > 0 else None
            tail = entries_between(meta[end], min(n, meta[end] + 2)) if lead is None else None
            for k in group + (lead or tail or []):
                kinds[k] = "related"
        start = max(end, start + 1)


_MIN_LINK_RUN = 4  # short lines in a row, between two prose lines, that make a menu or a headline list
_MIN_EDGE_RUN = 3  # short lines in a row between the title and the prose, or after the prose
_LEAD_IN = re.compile(r"[::]$")
_NUMBERED = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇两\d]+[章节篇部分步条点]|[一二三四五六七八九十]+[、.]"
    r"|[(][一二三四五六七八九十\d]+[)]|\d+(?:\.\d+)*(?:[.、)]|\s))"
)  # a number with its separator: "24小时热点" and "5G专题" are not numbered
_LIST_MARK = re.compile(r"^(?:[-*+•·●○◆◇▪■□►▶✓✔]|\(?\d{1,2}[).、]|[①-⑳])")
_INNER_SENTENCE = re.compile(r"[。;!?,、]|[^\s::]{2}[::]\s*\S")


def _protected(line: str) -> bool:
    """A short line that is content by its shape: numbered, a list item, a lead-in, a clause, a function word."""
    f = fold(line)
    return bool(
        any(c in FUNCTION_CHARS for c in f)
        or _NUMBERED.match(f) or _LIST_MARK.match(f.lstrip()) or _LEAD_IN.search(f)
        or _INNER_SENTENCE.search(f) or heading_level(line) is not None
    )


def _mark_short_runs(lines: list[str], kinds: list[str | None], keys: list[str]) -> None:
    """Runs of short lines around the prose: menus, headline lists and chrome of a whole-page scrape.

    The body is where the prose lines are. Before the first prose line (on either side of
    the title: a wrong title guess must not shelter the menu above it) and after the last
    prose line, a run of ``_MIN_EDGE_RUN`` or more short lines (counting lines the line
    rules already removed) is chrome; between two prose lines a run of ``_MIN_LINK_RUN`` or
    more is a menu or a list of other articles' headlines, while one to three are headings
    and captions. The title itself ends a run. In a run, these lines are kept:

    * a line whose shape says content (:func:`_protected`);
    * a line that stands again later as the heading of prose (a table of contents, which
      :func:`_mark_toc` judges afterwards; a share bar repeated at the page's foot recurs
      among chrome, so it is not sheltered);
    * every line after a lead-in ending in a colon ("需要准备的材料:"), in the run or just
      before it: a list, however short its items;
    * the line just before a prose line: the heading of what follows.
    """
    n = len(lines)
    prose = [i for i in range(n) if kinds[i] is None and is_paragraph_like(lines[i])]
    if not prose:
        return
    prose_set = set(prose)
    # key -> the last line standing right before prose (a heading's place)
    heads_later = {keys[k]: k for k in range(n) if kinds[k] is None and k + 1 in prose_set}
    i = 0
    while i < n:
        if kinds[i] is not None or is_paragraph_like(lines[i]):
            i += 1
            continue
        j = i  # the run: unclassified short lines and removed lines, up to the next prose line or the title
        while j < n and kinds[j] != "title" and not (kinds[j] is None and is_paragraph_like(lines[j])):
            j += 1
        listed = i > 0 and _LEAD_IN.search(fold(lines[i - 1])) is not None
        free, removed = [], 0
        for k in range(i, j):
            if kinds[k] is not None:
                removed += 1
            elif not listed and not _protected(lines[k]) and heads_later.get(keys[k], -1) <= k:
                free.append(k)
            listed = listed or (kinds[k] is None and _LEAD_IN.search(fold(lines[k])) is not None)
        if j < n and kinds[j] is None and free and free[-1] == j - 1:
            free.pop()  # the heading of the prose that follows
        tail, head = i > prose[-1], j <= prose[0]
        size = len(free) + removed  # chrome already named by the line rules counts too
        if (tail or head) and size >= _MIN_EDGE_RUN or size >= _MIN_LINK_RUN:
            family = "preamble" if head else "footer" if tail else "navigation"
            for k in free:
                kinds[k] = family
        i = max(j, i + 1)


_CHROME_WEIGHT = 40  # what one line the rules named as chrome costs the body region, in characters of prose
_WEIGHTLESS = frozenset({"title", "title_repeat", "comment", "caption", "byline", "dateline"})
_MIN_END_CHROME = 6  # chrome lines after the body that show a whole page's foot, not a stray widget
_MIN_KEPT_PASSAGE = 150  # prose characters, in two lines or more, that make a passage of the article in the foot


def _mark_page_end(lines: list[str], kinds: list[str | None], title_index: int | None) -> None:
    """The foot of a whole-page scrape: other articles' teasers after the article's end.

    A scraper that saves a page's whole visible text puts, after the article, lists of
    other articles whose summaries read like prose, among dates, counters, share bars and
    link lists; the short-run rule cannot take them, since they are prose. The body is
    found as in Body Text Extraction (Finn et al., 2001), on lines instead of tags: the
    contiguous region that maximises the prose characters it holds less
    ``_CHROME_WEIGHT`` for each line the rules named as chrome (undecided short lines,
    headings and captions cost nothing). The foot starts at the first chrome line after
    that region (short lines before it carry the article on: dialogue, a closing list).
    Its undecided lines are dropped only when the foot is chrome-dense (at least
    ``_MIN_END_CHROME`` chrome lines, and at least half of its lines), which a page
    beginning cut off in the middle of an article, or a stray widget inside one, is not;
    and never when the title comes after the region (the region is then a sidebar).
    """
    n = len(lines)
    best, start, total = 0, 0, 0
    region = None
    for i, line in enumerate(lines):
        kind = kinds[i]
        if kind is None:
            weight = _plain_len(fold(line)) if is_paragraph_like(line) else 0
        else:
            weight = 0 if kind in _WEIGHTLESS else -_CHROME_WEIGHT
        if total <= 0:
            total, start = 0, i
        total += weight
        if total > best:
            best, region = total, (start, i)
    if region is None or (title_index is not None and title_index > region[1]):
        return
    foot = next((j for j in range(region[1] + 1, n) if kinds[j] is not None and kinds[j] not in _WEIGHTLESS), n)
    tail = [j for j in range(foot, n) if kinds[j] not in _WEIGHTLESS]
    chrome = sum(1 for j in tail if kinds[j] is not None)
    if chrome < _MIN_END_CHROME or 2 * chrome < len(tail):
        return
    j = foot
    while j < n:
        if kinds[j] is not None:
            j += 1
            continue
        k = j  # a run of undecided lines in the foot
        while k < n and kinds[k] is None:
            k += 1
        prose = [_plain_len(fold(lines[m])) for m in range(j, k) if is_paragraph_like(lines[m])]
        if len(prose) < 2 or sum(prose) < _MIN_KEPT_PASSAGE:
            for m in range(j, k):
                kinds[m] = "footer"
        j = k
