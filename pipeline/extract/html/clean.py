"""Step 5, clean inside the container: bylines at the edges, boilerplate-named sub-regions,
link lists, share bars, captions, closing related/reference sections, a second copy of the body.
"""

from __future__ import annotations

import re

from lxml import etree

from pipeline.extract.fold import fold
from pipeline.extract.html.container import _ancestors, _block_value, _family_of, _prose
from pipeline.extract.html.cues import (
    _DATETIME,
    _HEADING_TAGS,
    _REPLY_CUE,
    _STRONG_FAMILIES,
    _TAIL_KINDS,
    _squash,
    classify_line,
)
from pipeline.extract.html.segment import _Blk
from pipeline.extract.text_context import mark_post_headers
from pipeline.extract.thread_lines import is_post_action


def _clean_inside(blocks: list[_Blk], members: list[int], container, cache: dict,
                  items: frozenset | set = frozenset()) -> list[int]:
    """Indices of the kept blocks among the container's members; removed ones get their family.

    Removed: a leading byline strip, blocks under boilerplate-named sub-regions (when
    those are a minor part of the container), link lists, boilerplate lines (local and
    shared classifiers), everything after a closing header line (相关新闻, 参考资料 ...) in
    the second half or before a feed of teasers, everything after a platform's upload
    statement, the comments from their first run of dated reply lines (pages without class
    names; under a readers' comment header they end where their shape does, and the article
    goes on after them), and a repeated copy of the body. ``items`` are the container's repeated items (a
    thread's posts, a Q&A page's answers): dated reply lines inside one of them, with more
    items after it, are that post's own follow-ups, not the comments under an article.
    """
    if not members:
        return []
    total = sum(max(0.0, blocks[i].value) for i in members) or 1.0
    # boilerplate-named sub-regions inside the container (only when they are a minor part of it)
    region_value: dict[etree._Element, float] = {}
    for i in members:
        b = blocks[i]
        fam, el = _family_of(b.owner, container, cache)
        b.family, b.family_el = fam, el
        if el is not None:
            region_value[el] = region_value.get(el, 0.0) + max(
                0.0, _block_value(_Blk(b.text, b.owner, b.ntok, b.link_tok, b.punct, 0, 0))
            )
    # a signature is a thread's, repeated under its posts: one "sign" box is a notice's 落款 or a pledge
    signatures = {blocks[i].family_el for i in members if blocks[i].family == "signature"}
    if len(signatures) < 2:
        for i in members:
            if blocks[i].family == "signature":
                blocks[i].family, blocks[i].family_el = None, None
    members = _trim_edges(blocks, members)
    kept: list[int] = []
    member_prose = sum(_prose(blocks[i]) for i in members) or 1
    seen_prose = 0
    cut, cut_kind = False, "related"
    comment_cut = False
    listing = False  # right after a related-reading label: its linked headlines follow
    replies_at, replies_end = _replies_start(blocks, members)
    if replies_at is not None and items and _inside_earlier_item(blocks, members, items, replies_at, cache["anc"]):
        replies_at = replies_end = None
    closed_at = _closing_statement(blocks, members)
    for i in members:
        b = blocks[i]
        if i == replies_at:
            comment_cut = not cut  # (a cut begun earlier, a closing header's, is not the comments' to end)
            cut, cut_kind = True, "comment"
        elif i == replies_end and comment_cut and cut_kind == "comment":
            cut = False  # a headed comment section ends where its shape does
        if closed_at is not None and i > closed_at and not cut:
            cut, cut_kind = True, "related"  # whatever follows the article's closing statement
        if cut:  # everything after a closing 'related' / 'copyright' / 'comments' header line
            b.family = b.family or cut_kind
            continue
        seen_prose += _prose(b)
        if b.family_el is not None:
            limit = 0.7 if b.family in _STRONG_FAMILIES else 0.3
            if region_value.get(b.family_el, 0.0) < limit * total:
                continue
        b.family, b.family_el = None, None
        ld = b.link_tok / b.ntok if b.ntok else 0.0
        if ld > 0.5 and not (b.punct and b.ntok >= 20):
            b.family = "nav"
            continue
        if listing and ld >= _LISTED_LINK:
            b.family = "related"  # a linked headline under a "延伸阅读" label inside the article
            continue
        listing = False
        kind = classify_line(b.text)
        if kind is None and not b.punct and b.ntok <= 30 and _DATETIME.search(b.text):
            kind = "dateline"  # a byline / post-meta strip: "用户名 2024-04-09 09:36:18 浙江"
        if kind:
            b.family = kind
            listing = kind == "related"
            if kind in _TAIL_KINDS and 4 <= b.ntok <= 20 and (
                seen_prose >= 0.5 * member_prose or (kind == "related" and _teaser_feed(blocks, members, i))
            ) and not (kind in _STATEMENT_KINDS and _paragraph_follows(blocks, members, i)) and not (
                kind == "related" and (_ONE_TEASER.match(b.text) and _paragraph_follows(blocks, members, i)
                                       or _box_inside(blocks, members, i))
            ):
                cut, cut_kind = True, kind
            continue
        if b.ntok == 0:
            b.family = "noise"
            continue
        if _BARE_COUNT.fullmatch(b.text):
            b.family = "widget"  # a vote or reply count left alone on its line ("12", "0")
            continue
        kept.append(i)
    _poster_names(blocks, members, kept)
    # the same paragraph twice (print/mobile copies of the body in one template) is kept once
    # (a repeated *sequence* of different paragraphs; one caption under several photos stays)
    keys = [_squash(blocks[i].text) if blocks[i].ntok >= 8 else f"#{i}" for i in kept]
    first: dict[str, int] = {}
    for k, key in enumerate(keys):
        first.setdefault(key, k)
    # a whole second copy opens with the page's title again: whatever in it came before, short lines
    # too (posters' names, one-line replies), is the copy's (a FAQ's repeated "问题现象" heading is no
    # title, and the copy must come after the title block itself)
    title_at, title_key = cache.get("title_at"), cache.get("title_key")
    copy_at = next((k for k, i in enumerate(kept) if title_key and title_at is not None and i > title_at
                    and _squash(blocks[i].text) == title_key), None)
    before = {_squash(blocks[i].text) for i in kept[:copy_at]} if copy_at else set()
    unique: list[int] = []
    for k, i in enumerate(kept):
        p = first[keys[k]]
        dup = False
        if p != k:
            nxt = k + 1 < len(keys) and p + 1 < k and keys[k + 1] == keys[p + 1] and keys[k + 1] != keys[k]
            prv = k > 0 and p > 0 and keys[k - 1] == keys[p - 1] and keys[k - 1] != keys[k]
            dup = nxt or prv
        if copy_at and k > copy_at and _squash(blocks[i].text) in before:
            dup = True
        if dup:
            blocks[i].family = "duplicate"
        else:
            unique.append(i)
    return unique


_MIN_REPLIES = 3  # dated name lines, each over its words, that make a run of comments
_MAX_REPLY_GAP = 4
_MIN_POST_PROSE = 40  # prose tokens an article has before its comments


def _closing_statement(blocks: list[_Blk], members: list[int]) -> int | None:
    """A platform's statement that the content above was posted by a user ("以上内容为用户上传并
    发布，本平台仅提供信息存储服务"), after an article's worth of the container's prose: the
    article ends there, whatever the container holds after it (platforms append the next
    article, a feed or comments). The statement itself may have been left out of the
    container already. A note such as "以上内容仅供参考", which a Q&A page puts under each
    answer, says nothing about who posted it and ends nothing."""
    if not members:
        return None
    member_set = set(members)
    prose = 0
    for i in range(members[0], members[-1]):
        b = blocks[i]
        if prose >= _MIN_POST_PROSE and b.ntok <= 120 and _UPLOADED_BY_USER.search(b.text) and (
            classify_line(b.text) in ("copyright", "disclaimer")
        ) and not _paragraph_follows(blocks, members, i):
            return i  # (a note under each answer of a Q&A page is followed by the next answer)
        if i in member_set:
            prose += _prose(b)
    return None


def _poster_names(blocks: list[_Blk], members: list[int], kept: list[int]) -> None:
    """Posters' names right above their posts' date lines ("國立臺北科技大學 / B1 · 3月6日 20:58 / …").

    Where no template names the posts (hashed class names), the shape the text path reads in a
    thread scrape still holds: a short name over a dated line with a time, then the post's
    words, twice or more (:func:`pipeline.extract.text_context.mark_post_headers`).
    """
    own = {i for i in kept if blocks[i].owner.tag not in _HEADING_TAGS}  # a sender's heading over a quoted text stays
    kinds = [None if i in own else blocks[i].family or "" for i in members]
    mark_post_headers([blocks[i].text for i in members], kinds)
    names = {i for i, kind in zip(members, kinds, strict=True) if kind == "byline" and i in own}
    for i in names:
        blocks[i].family = "byline"
    kept[:] = [i for i in kept if i not in names]


def _reply_meta(b: _Blk) -> bool:
    """A comment's meta line: a date and time, a name, and a reply word ("re:", 回复, 举报, 3楼 ...).

    The reply word is what tells it from a live blog's or a timeline's dated line
    ("2024-05-20 10:30 北京"), which also has words beside its date.
    """
    return (
        b.ntok <= 30 and not b.punct and bool(_DATETIME.search(b.text)) and bool(_REPLY_CUE.search(b.text))
        and bool(_NAME_BESIDE.search(_REPLY_CUE.sub(" ", _DATETIME.sub(" ", b.text))))
    )


def _dated_name(b: _Blk) -> bool:
    """A name and then its date and time, a place at most after them: a comment's meta line when a
    comment header stands over a run of them ("用户0 2024-01-01 12:00"), a timeline's entry when
    nothing does. Not a date that comes first ("2024-03-01 10:00 客服回复": a log of one's own
    correspondence)."""
    if b.ntok > 30 or b.punct:
        return False
    m = _DATETIME.search(b.text)
    return bool(m and _NAME_BESIDE.search(b.text[: m.start()]) and len(b.text[m.end() :].strip()) <= 8)


def _meta_runs(positions: list[int]) -> list[int]:
    """Where ``_MIN_REPLIES`` meta lines in a row start, each 2 to ``_MAX_REPLY_GAP`` blocks after the last."""
    runs = [positions[a : a + _MIN_REPLIES] for a in range(len(positions) - _MIN_REPLIES + 1)]
    return [run[0] for run in runs if all(1 < y - x <= _MAX_REPLY_GAP for x, y in zip(run, run[1:], strict=False))]


# 专家评论 / 律师留言 head the article's own commentary, quoted with its speakers' names and times
_OWN_COMMENTARY = re.compile(r"专家|律师")


def _under_comment_header(blocks: list[_Blk], members: list[int], k: int) -> bool:
    """A block between member ``k`` and the member before it (that one included) is the header of
    readers' comments (``网友评论``): a member, or a block the container's trim left out."""
    lo = members[k - 1] if k > 0 else max(0, members[k] - 1)
    return any(blocks[j].ntok <= 20 and classify_line(blocks[j].text) == "comment"
               and not _OWN_COMMENTARY.search(blocks[j].text) for j in range(lo, members[k]))


def _headed_end(blocks: list[_Blk], members: list[int], k: int, metas: set[int]) -> int | None:
    """The member after a headed comment section that starts at member ``k``: its comments go on
    while each meta line follows the last within ``_MAX_REPLY_GAP`` blocks and no heading stands
    between them; the last comment is its meta line, as many blocks of words as the longest
    comment before it (one at least) and its buttons. What follows is the article's again (a news
    item quoting readers goes on under its next heading)."""
    def button(j: int) -> bool:
        return is_post_action(fold(blocks[members[j]].text))

    last, words, longest = k, 0, 1
    stop = len(members)  # a heading, or the container's end
    for j in range(k + 1, len(members)):
        if blocks[members[j]].owner.tag in _HEADING_TAGS:
            stop = j
            break
        if j in metas:
            last, longest, words = j, max(longest, words), 0
        elif j - last >= _MAX_REPLY_GAP:
            break
        elif not button(j):
            words += 1
    end, words = last + 1, 0
    while end < stop and (button(end) or words < longest):
        words += 0 if button(end) else 1
        end += 1
    return end if end < len(members) else None


def _article_before(blocks: list[_Blk], members: list[int], k: int) -> bool:
    """An article's worth of prose stands before member ``k`` (``_MIN_POST_PROSE`` tokens)."""
    return sum(_prose(blocks[i]) for i in members[:k]) >= _MIN_POST_PROSE


def _replies_start(blocks: list[_Blk], members: list[int]) -> tuple[int | None, int | None]:
    """Where the comments under an article start, when no class name says so, and where they end
    (None: with the container).

    Comments repeat one shape: a meta line (:func:`_reply_meta`: "# re: 标题 2004-12-27
    12:46 张三"), then the words. ``_MIN_REPLIES`` such meta lines at most
    ``_MAX_REPLY_GAP`` blocks apart, after an article's worth of prose, start the comments
    (at the comment header just before them, when there is one), to the container's end.
    Right under a comment header (``网友评论``) a name before its date is meta line enough
    (:func:`_dated_name`): the header says what a timeline's dated lines could not. Such a
    section ends where its shape does (:func:`_headed_end`).
    """
    runs = _meta_runs([k for k, i in enumerate(members) if _reply_meta(blocks[i])])  # positions in members
    start = runs[0] if runs else None
    dated = [k for k, i in enumerate(members) if _dated_name(blocks[i])]
    headed = next((k for k in _meta_runs(dated)
                   if (start is None or k <= start) and _under_comment_header(blocks, members, k)
                   and _article_before(blocks, members, k)), None)
    end = None
    if headed is not None:
        start = headed  # (a header right under the title, "发表评论", heads no comments: no article before it)
        end = _headed_end(blocks, members, headed, set(dated))
    elif start is None or not _article_before(blocks, members, start):
        return None, None  # no article before the first run: the page is the discussion itself
    if start > 0 and classify_line(blocks[members[start - 1]].text) == "comment":
        start -= 1
    return members[start], (members[end] if end is not None else None)


# "延伸阅读：某篇文章的标题": one teaser with its label, inside the article when prose follows it
_ONE_TEASER = re.compile(r"\s*[^:：]{2,8}[:：]\s*\S.{3,}")
_BARE_COUNT = re.compile(r"\s*\d{1,3}\s*")  # (a year heading, "2014", is no count)
_LISTED_LINK = 0.8  # the share of a line's words in links that makes it a listed headline
_STATEMENT_KINDS = frozenset(("disclaimer",))
_PARAGRAPH_TOKENS = 20


_BOX_ITEMS = 6  # linked headlines a related box inside an article may hold


def _inside_earlier_item(blocks: list[_Blk], members: list[int], items, at: int, anc: dict) -> bool:
    """Block ``at`` lies inside one of the container's items, after that item's own words, and
    another item's blocks follow it (an answer's follow-up questions, not a comment section)."""
    def item_of(i: int):
        return next((a for a in _ancestors(blocks[i].owner, anc) if a in items), None)

    here = item_of(at)
    if here is None or not any(item_of(i) is here and _prose(blocks[i]) >= _PARAGRAPH_TOKENS for i in members if i < at):
        return False  # the dated line opens its item (after a name at most): the items are the replies
    return any((it := item_of(i)) is not None and it is not here for i in members if i > at)


def _box_inside(blocks: list[_Blk], members: list[int], at: int) -> bool:
    """A "延伸阅读" box inside the article: linked headlines under the label, then the article's
    prose again (maybe under a heading). Its links go (the listing rule); what follows stays."""
    after = [i for i in members if i > at]
    k = 0
    while k < min(len(after), _BOX_ITEMS) and _link_share(blocks[after[k]]) >= _LISTED_LINK:
        k += 1
    if k == 0 or _teaser_feed(blocks, members, at):
        return False  # a feed of other articles' teasers (headline, summary, headline ...) is no box
    return any(
        _prose(blocks[i]) >= _PARAGRAPH_TOKENS and _link_share(blocks[i]) < 0.3 and not classify_line(blocks[i].text)
        for i in after[k : k + 2]
    )


def _link_share(b: _Blk) -> float:
    return b.link_tok / b.ntok if b.ntok else 0.0


def _paragraph_follows(blocks: list[_Blk], members: list[int], at: int) -> bool:
    """A paragraph of prose right after the line at ``at``: a statement there ("以上内容仅供参考",
    under each answer of a Q&A page) closes one part, not the article."""
    following = [i for i in members if i > at][:2]  # the next answer may open with its author's name
    # a paragraph that is itself boilerplate (the statement again, in English) does not count
    return any(
        _prose(blocks[i]) >= _PARAGRAPH_TOKENS and not classify_line(blocks[i].text)
        and not _UPLOADED_BY_USER.search(blocks[i].text)
        for i in following
    )


_FEED_ITEMS = 2  # linked headlines, each with its summary, that make a feed of other articles
_FEED_GAP = 2  # blocks allowed before a teaser (a source line "某某财经·", an ad label)
_FEED_LABEL_TOKENS = 12


def _is_teaser(blocks: list[_Blk], a: int, b: int) -> bool:
    head, summary = blocks[a], blocks[b]
    return 0 < head.ntok <= 40 and head.link_tok == head.ntok and summary.link_tok == 0 and _prose(summary) > 0


def _teaser_feed(blocks: list[_Blk], members: list[int], at: int) -> bool:
    """Right after the header at ``at``: other articles' teasers, a linked headline and its summary each.

    A related header early in a short article closes it only when such a feed follows it
    at once and goes on (without class names to say so, the summaries read as prose):
    ``_FEED_ITEMS`` teasers in a row, each at most ``_FEED_GAP`` blocks after the one
    before. A "相关阅读" box inside an article, one link and then the article again, is
    not a feed.
    """
    after = [i for i in members if i > at]
    k, teasers = 0, 0
    while teasers < _FEED_ITEMS:
        found = None
        for j in range(k, min(k + _FEED_GAP + 1, len(after) - 1)):
            if _is_teaser(blocks, after[j], after[j + 1]):
                found = j
                break
            if _prose(blocks[after[j]]) or blocks[after[j]].ntok > _FEED_LABEL_TOKENS:
                return False  # only a short label ("某某财经·") may stand before a teaser
        if found is None:
            return False
        teasers += 1
        k = found + 2
    return True


# a platform's statement that what it just showed was posted by a user or creator, not by it
# ("…用户上传并发布，本平台仅提供信息存储服务", "本内容来自…创作者，不代表…的观点和立场")
_UPLOADED_BY_USER = re.compile(
    r"(?:以上|上述|本)(?:内容|作品|文章).{0,40}(?:用户|创作者|自媒体).{0,20}(?:上传|发布)"
    r"|仅提供信息存储|不代表.{0,16}(?:平台|本站|网)的?(?:观点|立场)|content above.{0,80}uploaded",
    re.IGNORECASE,
)
_NAME_BESIDE = re.compile(r"[A-Za-z\u4e00-\u9fff]{2,}")
_DATELINE = re.compile(
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|来源[:：]|來源[:：]|作者[:：]|编辑[:：]|发布时间|發布時間|阅读[:：(（]?\s*\d|浏览"
)


# the body's first paragraph opening with its news credit: "【某某2005年07月03日报道】一九八九年四月，我…"
_CREDIT_THEN_PROSE = re.compile(r"\s*[【\[（(][^】\]）)]{2,40}(?:报道|報導|报导|电|電|讯|訊)[】\]）)]\s*[^\s【\[（(]{8,}")


def _trim_edges(blocks: list[_Blk], kept: list[int]) -> list[int]:
    """Drop a leading byline / dateline strip: a run of short unpunctuated lines holding a date or 来源/作者."""
    last = -1
    for k, i in enumerate(kept[:10]):
        b = blocks[i]
        if b.heading == 1:  # the title itself (handled by the caller) may sit inside the strip
            continue
        if _CREDIT_THEN_PROSE.match(b.text):
            # the body starts here: the short lines between a dated header line and it are the header's too
            # (a subtitle, the author's name)
            last = k - 1 if last >= 0 else last
            break
        if b.ntok > 40 or b.punct > 1 or b.heading:
            break
        if _DATELINE.search(b.text):
            last = k
    strip = {i for i in kept[: last + 1] if blocks[i].heading != 1}
    for i in strip:
        blocks[i].family = blocks[i].family or "dateline"
    return [i for i in kept if i not in strip]


def _removed_kind(b: _Blk) -> str:
    """The family a removed block is counted under."""
    if b.family:
        return b.family
    kind = classify_line(b.text, False)
    if kind:
        return kind
    if _DATELINE.search(b.text) and b.ntok <= 40:
        return "dateline"
    if b.ntok and b.link_tok * 2 >= b.ntok:
        return "nav"
    return "boilerplate"
