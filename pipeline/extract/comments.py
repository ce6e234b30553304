"""Comment sections of scraped pages -> :class:`~pipeline.record.Comment`.

A comment section starts at a header line (``精彩评论``, ``网友评论(12)``,
``发表评论`` - see :func:`pipeline.extract.boilerplate.classify_line`, family
``comment``) or at a meta line carrying an avatar marker. Each comment is a
*meta line* - ``[头像] name[-role] date [发表/说][:] [text]`` - followed by
its text on the same line or on the next line(s)::

    头像 张三-律师 2024-12-08
    comment text ...

The section ends at the first line that is boilerplate of another family or a
heading (the caller decides with ``is_end``), or at the end of the input. A comment's
buttons (``回复``, ``赞(3) 举报``; the caller decides with ``is_button``) are the section's
furniture under a signed comment; after them only the section's own shapes go on (see
:func:`parse_comments`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

from pipeline.extract.dates import find_date
from pipeline.record import Comment

_AVATAR = re.compile(r"^(?:用户头像|用戶頭像|头像|頭像|avatar|图像|圖像)\s*[::]?\s*", re.IGNORECASE)
# name-role separators; a hyphen only outside a Latin user name ("张三-律师", not "Sufficient-Tea-4410")
_ROLE_SEP = re.compile(r"\s*(?:[—–|·/]+|(?<![A-Za-z0-9_])-+|-+(?![A-Za-z0-9_]))\s*")
_AFTER_DATE = re.compile(
    r"^\s*(?:发表于|發表於|发表|發表|评论|評論|回复|回覆|说|說|留言|写道|寫道|said|wrote|says)?\s*[::]?\s*", re.I
)
# the word between the name and the date: "某某 於 2015/11/20 10:05 說：", "Tom on 2024-01-01", "某某 发表于 …"
_BEFORE_DATE = re.compile(r"\s+(?:(?:发表|發表|发布|發佈|回复|回覆|写|寫)?[于於]|posted\s+on|on|at)$", re.I)
# a name of Latin words ("Sheila Teng"): its space parts no role
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z.'-]*(?:\s+[A-Za-z][A-Za-z.'-]*)+")
# a floor number opening a reply's header ("2楼蓝色星期八", "#3 张三", "第5楼")
FLOOR_PREFIX = re.compile(r"^(?:第?\s*\d{1,5}\s*(?:楼|樓|#|F)|#\s*\d{1,5}\s*(?:楼|樓|F)?)\s*")
# what a blog's comment header puts where other boards put the name: its anchor and a subject quoting
# the post ("# re: 很高兴入住博客堂 2004-12-27 12:46 某某"), or the poster's badge ("#3楼 [楼主] … 某某");
# the name then follows the date
_SUBJECT = re.compile(r"^#?\s*(?:re|回复|回覆)\s*[:：]", re.I)
_BADGE = re.compile(r"^[\[【(（](楼主|樓主|博主|作者|版主)[\]】)）]$")
_ANCHORED_FLOOR = re.compile(r"#\s*\d{1,5}\s*[楼樓]")
# a date's label where a name would stand ("发布时间 2005/05/17 22:11:42 by 某某", "Posted on …"): no name
_DATE_LABEL = re.compile(r"(?:发布|發佈|發布|发表|發表|回复|回覆|更新|留言)(?:时间|時間|日期|于|於)|时间|時間|日期"
                         r"|posted(?:\s+on)?", re.I)  # (a 于 alone is a surname)
_NAME = r"[^\s,，。;；!?！？:：、“”\"()（）]{1,20}"  # one name, alone after the date
# the name after the date, under its label: "… by 某某", "… 作者：某某"
_NAMED_AFTER = re.compile(rf"(?:by|作者|发布者|發佈者|发表者|發表者)\s*[:：]?\s*({_NAME})", re.I)
# alone after an anchor: one name, a Latin name of words ("Eric Lliu"), or a name with its nick or badge in
# brackets ("buaaytt(Nicholas)", "JGTM'2004 [MVP]")
_NAME_ALONE = re.compile(rf"{_NAME}(?:\s*[\[(（【][^\])）】]{{1,12}}[\])）】])?|{_LATIN_NAME.pattern}")
_PROSE = re.compile(r"[。,,!?;]")


def parse_meta(line: str, *, require_avatar: bool = False) -> tuple[str | None, str | None, str, str] | None:
    """Split a comment meta line into ``(author, role, iso_date, trailing_text)``, or ``None``.

    ``require_avatar``: only accept lines that start with an avatar marker
    (used outside a comment section, where ``name date`` alone is too weak).
    """
    text = unicodedata.normalize("NFKC", line).strip()
    avatar = _AVATAR.match(text)
    if require_avatar and not avatar:
        return None
    found = find_date(text)
    if not found:
        return None
    iso, (start, end) = found
    who = text[:start]
    if avatar:
        who = who[avatar.end() :] if avatar.end() <= start else ""
    who = _BEFORE_DATE.sub("", who.strip(" :：")).strip(" :：")
    floor = FLOOR_PREFIX.match(who)  # "2楼蓝色星期八": the floor is no part of the name
    if floor:
        who = who[floor.end():].strip(" :：")
    badge = _BADGE.match(who)
    subject = who == "#" or _SUBJECT.match(who)
    labelled = _DATE_LABEL.fullmatch(who)
    if badge or subject or labelled:
        who = ""
    if len(who) > 30 or _PROSE.search(who) or len(who.split()) > 3:
        return None
    if not who and not avatar and not floor and not subject and not labelled:
        return None
    trailing = _AFTER_DATE.sub("", text[end:], count=1).strip()
    author: str | None = None
    role: str | None = badge.group(1) if badge else None
    if not who:  # the name after the date: under its label, or alone after an anchor or a badge
        # (a floor alone says nothing of where the name is: "2楼 2024-01-01 10:00 顶" is a reply's word)
        anchored = subject or badge or (floor and _ANCHORED_FLOOR.match(floor.group(0)))
        if named := _NAMED_AFTER.fullmatch(trailing):
            return named.group(1), role, iso, ""
        if anchored and _NAME_ALONE.fullmatch(trailing):
            return trailing, role, iso, ""
    if who:
        parts = _ROLE_SEP.split(who, maxsplit=1)
        if len(parts) == 1 and not _LATIN_NAME.fullmatch(who):
            parts = who.split(None, 1)
        author = parts[0].strip() or None
        role = parts[1].strip() if len(parts) > 1 and parts[1].strip() else None
    return author, role, iso, trailing


# a reply under a comment, its writer named before a colon: "李四：会的，但比一直逾期好。", "作者回复：…"
# (two characters or more: "问：" / "答：" open a Q&A, and no URL: "https://…")
_NAMED_REPLY = re.compile(r"([^\s:：,，。!?！？/]{2,12})\s*[:：]\s*(?!//)(\S.*)")
_LOOKAHEAD = 4  # lines a buttoned comment's words may take before its buttons


def parse_comments(
    lines: Sequence[str],
    *,
    is_end: Callable[[str], bool] | None = None,
    require_avatar: bool = False,
    is_button: Callable[[str], bool] | None = None,
    start: int = 0,
) -> tuple[list[Comment], int]:
    """Parse the comments at the start of ``lines[start:]``; return them and how many lines were consumed.

    The section starts right after its header (or at the first meta line). A page's lines are
    read from ``start`` and only as far as the section goes: a long page with a header under
    every entry costs each section its own lines.
    Text lines not under a meta line become anonymous comments (one per line);
    further text lines after a comment's text are appended to it
    (multi-paragraph comment).
    Consumption stops before the first line for which ``is_end`` is true, except
    right after a meta line without text: that line is the comment's text
    whatever it looks like (``1. 先核实身份`` is a comment, not a heading).

    A line for which ``is_button`` is true (``回复``, ``赞(3) 举报``) under a comment with its
    meta line is consumed as the section's furniture, no end and no comment's words. After
    such buttons the section goes on only in its own shape: a reply named before a colon
    (``李四：会的``) with more of the section after it, or the next meta line whose comment has
    its buttons too; anything else ends it (an update's ``最新进展 2024年3月8日`` with the
    article's text under it is no comment; a section's last reply, with nothing of the section
    after it, is left to the body's rules). Under an anonymous comment a button ends the
    section as before: with no meta line to mark where each comment starts, a section that
    ran on past its buttons could swallow the page.
    """
    metas: dict[int, tuple[str | None, str | None, str, str] | None] = {}

    def meta_at(k: int) -> tuple[str | None, str | None, str, str] | None:
        """The meta line at ``k``, parsed once and only when asked."""
        if k not in metas:
            text = lines[k].strip()
            metas[k] = parse_meta(text, require_avatar=require_avatar) if text else None
        return metas[k]

    def button(text: str) -> bool:
        return is_button is not None and is_button(text)

    def ends(text: str) -> bool:
        return is_end is not None and is_end(text)

    def reply(text: str) -> re.Match[str] | None:
        return None if ends(text) else _NAMED_REPLY.fullmatch(text)  # "责任编辑：王五" is the page's

    def section_goes_on(at: int, need_button: bool, words_below: bool = False) -> bool:
        """After line ``at``: the section's next line (a meta line, a button, a named reply), or,
        with ``need_button`` (``at`` is a meta line), a button under its comment's words before
        the next meta line within ``_LOOKAHEAD`` lines (``words_below``: the line under the meta
        line is its words, whatever they look like)."""
        seen = 0
        for k in range(at + 1, len(lines)):
            text = lines[k].strip()
            if not text:
                continue
            seen += 1
            if words_below and seen == 1:
                continue
            if button(text):
                return True
            if meta_at(k) is not None or seen > _LOOKAHEAD:
                return not need_button and meta_at(k) is not None
            if not need_button:
                return reply(text) is not None
        return False

    comments: list[Comment] = []
    current: Comment | None = None
    consumed = 0
    closed = False  # the last comment, with its meta line, ended at its buttons
    for at in range(start, len(lines)):
        stripped = lines[at].strip()
        if not stripped:
            consumed += 1
            continue
        meta = meta_at(at)
        awaiting_text = current is not None and not current.text
        signed = current is not None and (current.author is not None or current.date is not None)
        if meta is None and not awaiting_text and signed and button(stripped):
            consumed += 1
            closed = True
            continue
        if closed:
            named = reply(stripped) if meta is None else None
            if named and section_goes_on(at, need_button=False):
                consumed += 1
                current = Comment(text=named.group(2), author=named.group(1))
                comments.append(current)
                closed = False  # the section's shape goes on: the next line is a meta line, a button or a reply
                continue
            if meta is None or not section_goes_on(at, need_button=True, words_below=not meta[3]):
                break
        elif meta is None and not awaiting_text and ends(stripped):
            break
        closed = False
        consumed += 1
        if meta is not None:
            author, role, iso, trailing = meta
            current = Comment(text=trailing, author=author, role=role, date=iso)
            comments.append(current)
            continue
        if current is None or (current.author is None and current.date is None):
            # No meta line yet (or an anonymous list): one line, one comment.
            current = Comment(text=stripped)
            comments.append(current)
        elif current.text:
            current.text = f"{current.text}\n{stripped}"
        else:
            current.text = stripped
    return [c for c in comments if c.text or c.author], consumed
