"""Rules for the page around a whole-page scrape's article: where the article ends and chrome begins.

A scraper that saves a page's whole visible text gives, around the article, menus, lists of
other articles, short lines of chrome and a foot of teasers and links. Each rule takes the
lines and the kinds given so far (``None``: not decided) and marks more of them: the footer
of short lines after the body, listings of headlines with their dates, runs of short lines
around the prose, and the page's foot. The order they run in is
:func:`pipeline.extract.text.segment_lines`.
"""

from __future__ import annotations

import re

from pipeline.chars import LIST_BULLETS
from pipeline.extract.ad_lines import CALL_LINK
from pipeline.extract.fold import fold
from pipeline.extract.folded_line import is_bare_stamp
from pipeline.extract.line_shape import FUNCTION_CHARS, _plain_len, is_paragraph_like
from pipeline.extract.names import is_name_line
from pipeline.extract.sections import heading_level
from pipeline.extract.text_context import is_post_header

# a BBS push: "推 kevin0812: 先找法扶吧… 03/10 22:20", "→ user: …", "嘘 user: …"
_PUSH = re.compile(r"\s*(?:推|→|噓|嘘)\s+[A-Za-z0-9_.-]{2,20}\s*[:：]\s*\S")
# a sentence the scrape cut mid-word: clauses with their commas, no end ("…李女士才惊觉：债务分文未减，征")
_CUT_CLAUSE = re.compile(r".{6,}[，,：:].*[，,].*[\u4e00-\u9fff]")
_HEADS = re.compile(r"[A-Za-z\u3400-\u9fff]|^\s*[1-9]\d?\s*$")  # words, or a step's number
_LETTER_CLOSE = re.compile(r"\s*(?:此致|敬礼|此致敬礼|此致\s*敬礼|特此(?:声明|通知|公告|通告|函告|说明|证明)|谨启|谨上)[!！。,，]?\s*")


_PROMO_ZONE = 12  # lines at the text's top a platform's promotion may fill
_PROMO_LINKS_AFTER = 6  # lines after its last call that may still hold its "详情：<link>"
_LINK_LINE = re.compile(r"^\W{0,3}[^\s:：]{1,6}\s*[:：]\s*(?:https?://|www\.)\S+$")  # "详情：https://…"


def mark_promo_head(lines: list[str], kinds: list[str | None]) -> None:
    """A platform's promotion printed above the article it carries: a campaign's headline, its rewards,
    "立即报名：<link>", "详情：<link>". From the text's top down to its last call or link, when two of
    its lines are marketing, one of them a call with its link, and the article follows: its headline
    (no sentence) and then its prose."""
    n = len(lines)
    zone = range(min(n, _PROMO_ZONE))
    calls = [i for i in zone if kinds[i] == "marketing" and CALL_LINK.match(fold(lines[i]))]
    if not calls:
        return
    end = max(i for i in range(calls[-1], min(n, calls[-1] + _PROMO_LINKS_AFTER + 1))
              if kinds[i] == "marketing" or _LINK_LINE.match(fold(lines[i])))
    if sum(1 for i in range(end + 1) if kinds[i] == "marketing") < 2:
        return
    after = [j for j in range(end + 1, n) if kinds[j] is None]
    if len(after) < 3 or is_paragraph_like(lines[after[0]]) or sum(is_paragraph_like(lines[j]) for j in after) < 2:
        return
    for i in range(end + 1):
        if kinds[i] is None:
            kinds[i] = "marketing"


def _cut_last_line(lines: list[str], k: int) -> bool:
    """Line ``k`` is the text's last and a sentence the scrape cut (ending in a comma, or clauses cut mid-word):
    the article went on past the scrape."""
    line = lines[k]
    return k == len(lines) - 1 and (line.rstrip().endswith(("，", ",", "、")) or _CUT_CLAUSE.fullmatch(fold(line)) is not None)


def _text_after_body(lines: list[str], kinds: list[str | None], k: int, thread: bool) -> bool:
    """A short line after the body that is still the text's: a letter's "此致 / 敬礼", a BBS push, the
    text's cut-off last line (ending in a comma, or clauses cut mid-word), and on a thread without a comment section, a
    one-line reply beside its post's header."""
    line = lines[k]
    if _LETTER_CLOSE.fullmatch(fold(line)) or _PUSH.match(line):
        return True
    if _cut_last_line(lines, k):
        return True
    return thread and any(0 <= j < len(lines) and kinds[j] in ("byline", "dateline") and is_post_header(lines[j])
                          for j in (k - 1, k + 1))


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
    thread = "comment" not in kinds
    footer = [k for k in range(tail + 1, len(lines))
              if kinds[k] is None and not is_paragraph_like(lines[k]) and not _text_after_body(lines, kinds, k, thread)]
    # Page chrome after the article is a few short lines; when there is more of it than
    # article prose, these short lines are more likely content (captions, a list) - keep them.
    prose = sum(len(lines[i]) for i in range(last_prose + 1) if kinds[i] is None)
    if sum(len(lines[k]) for k in footer) > max(300, prose // 2):
        return
    for k in footer:
        kinds[k] = "footer"


# a notice's issuer at its foot: "江某市某某区人民法院", "某某银行信用卡中心", "臺灣○○地方法院　啟"
_ISSUER = re.compile(
    r"[\u4e00-\u9fff○?·()（）\s]{2,30}(?:法院|检察院|银行|公司|中心|局|委员会|协会|派出所|支队|大队|办公室|政府|厅|处"
    r"|分行|支行|集团|事务所|研究院|学院|管理部|工作部)(?:\s*(?:启|啟|谨启|敬启|敬啟|宣|印))?")
_NEWSROOM = re.compile(r"(?:融媒体|新闻|传媒|报业|媒体)中心|报社|电视台|广播")  # a news credit, not an issuer
_ROC_DATE = re.compile(r"中[华華]民[国國]\s*\d{2,3}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?")


def keep_signature(lines: list[str], kinds: list[str | None]) -> None:
    """A notice's signature after its text (the issuer, then the date) is the notice's, not the page's.

    "特此公告。 / 某某区人民法院 / 2024年3月18日": the issuer and the date close an official notice,
    a letter or a statement; the footer and date rules took them for the page's. Both lines come
    back when the issuer's line names an organisation, stands right after the text (a prose line
    or a close like 特此公告), and the next line is a bare date.
    """
    n = len(lines)
    for i in range(1, n - 1):
        above = i - 1
        if not (kinds[above] is None and (is_paragraph_like(lines[above]) or _LETTER_CLOSE.fullmatch(fold(lines[above])))):
            continue
        if kinds[i] not in (None, "footer", "navigation", "title_repeat") or not _ISSUER.fullmatch(fold(lines[i])) \
                or _NEWSROOM.search(fold(lines[i])):
            continue
        date = fold(lines[i + 1])
        if kinds[i + 1] in (None, "dateline", "footer") and (is_bare_stamp(date) or _ROC_DATE.fullmatch(date)):
            kinds[i] = kinds[i + 1] = None


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
_LIST_MARK = re.compile(rf"^(?:[{LIST_BULLETS}]" + r"|\(?\d{1,2}[).、]|[①-⑳])")
_INNER_SENTENCE = re.compile(r"[。;!?,、]|[^\s::]{2}[::]\s*\S")


def _protected(line: str) -> bool:
    """A short line that is content by its shape: numbered, a list item, a lead-in, a clause, a function word,
    a letter's close ("此致 / 敬礼")."""
    f = fold(line)
    return bool(
        any(c in FUNCTION_CHARS for c in f) or _LETTER_CLOSE.fullmatch(f)
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
        if j < n and kinds[j] is None and free and free[-1] == j - 1 and _HEADS.search(lines[j - 1]):
            free.pop()  # the heading of the prose that follows (a step's number too; a counter's "0" heads nothing)
        tail, head = i > prose[-1], j <= prose[0]
        if tail and j == n and kinds[n - 1] is None and _cut_last_line(lines, n - 1):
            tail = False  # the article goes on to the scrape's cut: its headings and a step's number, not a foot
        size = len(free) + removed  # chrome already named by the line rules counts too
        if (tail or head) and size >= _MIN_EDGE_RUN or size >= _MIN_LINK_RUN:
            family = "preamble" if head else "footer" if tail else "navigation"
            for k in free:
                kinds[k] = family
        i = max(j, i + 1)


_CHROME_WEIGHT = 40  # what one line the rules named as chrome costs the body region, in characters of prose
_WEIGHTLESS = frozenset({"title", "title_repeat", "comment", "caption", "byline", "dateline"})
_SITE_FOOT = frozenset({"friend_links", "copyright", "licence"})  # the site's own foot
_PAGE_END = frozenset({"related"}) | _SITE_FOOT  # kinds only a page's end holds
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
    headings, captions, bylines and datelines cost nothing). The foot starts at the first
    line after that region that only a page's end holds: a related list's header, friend
    links, the copyright or the licence (``_PAGE_END``). Chrome alone is no end: a Q&A
    page's other answers, a forum's replies and an article's second half after a
    calculator or an ad sit between widgets, profile cards and post buttons, and stay.
    Its undecided lines are dropped only when the foot is chrome-dense (at least
    ``_MIN_END_CHROME`` chrome lines, and at least half of its lines) and reaches the site's
    own foot (copyright, licence or friend links: a related box inside an article, with the
    article going on after it, does not), and never when the title comes after the region
    (the region is then a sidebar); a passage of two prose lines or more
    (``_MIN_KEPT_PASSAGE`` characters) in the foot stays.
    """
    n = len(lines)
    best, total = 0, 0
    region_end = None  # the last line of the best region (Kadane's maximum subarray)
    for i, line in enumerate(lines):
        kind = kinds[i]
        if kind is None:
            weight = _plain_len(fold(line)) if is_paragraph_like(line) else 0
        else:
            weight = 0 if kind in _WEIGHTLESS else -_CHROME_WEIGHT
        total = max(total, 0) + weight
        if total > best:
            best, region_end = total, i
    if region_end is None or (title_index is not None and title_index > region_end):
        return
    foot = next((j for j in range(region_end + 1, n) if kinds[j] in _PAGE_END), n)
    tail = [j for j in range(foot, n) if kinds[j] not in _WEIGHTLESS]
    chrome = sum(1 for j in tail if kinds[j] is not None)
    if chrome < _MIN_END_CHROME or 2 * chrome < len(tail) or not any(kinds[j] in _SITE_FOOT for j in tail):
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
