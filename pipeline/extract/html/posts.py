"""The posts of a thread, one by one: each post's text with its author and date.

The container step (:mod:`.container`) finds a thread's posts as copies of one item
template: same-template siblings around the container, numbered-id twins such as Discuz's
``postmessage_N``, or copies below it (the container is the post list). Here each copy
gets its *frame*: the largest element around it that holds no other copy, which is where
the software prints the poster's name, profile card and date (a Discuz table row, a
vBulletin ``li``, a phpBB ``div.post``). The frame's kept blocks are the post's text; its
other blocks and attributes give the author (marked up, named by a class word or a
profile link, or written after ``作者：``) and the date (a ``<time>``, the first dated
line with a time, never a profile card's registration date). A page is read as posts
only when two or more frames, and at least half of them, carry both a name and a date:
FAQ boxes, timeline entries, review cards and live-blog items carry one or the other and
stay an article. :func:`read_posts` then takes out what the software prints around each
post's words: quotes of earlier posts, the post's own header line, profile and answerer
cards.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import islice

from lxml import etree

from pipeline.extract.comments import FLOOR_PREFIX
from pipeline.extract.dates import RELATIVE_DATE, attribute_date, find_date
from pipeline.extract.html.container import _ancestors
from pipeline.extract.html.cues import (
    _SENT_PUNCT,
    ANSWER_NAMES,
    NOT_A_NAME,
    PROFILE_HREF,
    _cue_words,
    is_quote_element,
    names_of,
)
from pipeline.extract.html.segment import _Blk
from pipeline.extract.meta_line import (
    is_answerer_card_line,
    is_profile_field_line,
    profile_card_lines,
    repeated_field_lines,
    thread_card_lines,
)
from pipeline.record import Post

# class/id words of the element holding a poster's name, in forum and Q&A templates
_AUTHOR_CUE = re.compile(
    r"\bauthor|\bauthi\b|user ?name|\buname\b|\bposter\b|\bnick|\bname\b|\bxw1\b|\bscreen ?name|\bmember ?name"
)
_MAX_NAME = 24
# a writer named an answerer or a replier ("wgt-replyer-all-uname"): the frame answers the question
_ANSWERER = re.compile(r"replyer|replier|answerer|answer[_-]?(?:user|author)", re.I)


def opens_with_answer(frame: etree._Element) -> bool:
    """The thread's first frame is an answer: it is named so, or it only wraps an element named so (a
    list's "List-item" around an "AnswerItem"), or its writer is named an answerer. A question's own
    "我来回答" bar or answer counter, one child among others, does not make it one."""
    children = [c for c in frame if isinstance(c.tag, str)]
    if any(ANSWER_NAMES.search(names_of(el))
           for el in (frame, *(children if len(children) == 1 else []))):
        return True
    return any(isinstance(el.tag, str) and _ANSWERER.search(names_of(el))
               for el in islice(frame.iter(), 300))


# a post's edit note left without its date (shown in a tooltip): "星河 最后由 编辑", "本帖最后由 星河 编辑"
_EDIT_NOTE = re.compile(r"\S{0,16}\s*(?:本帖)?最后由\s*\S{0,16}\s*(?:于\s*[\d\-/.: ]{6,20})?\s*编辑")
_EDIT_STAMP = re.compile(r"编辑|編輯|修改于|最后回复|最後回覆|edited", re.I)  # "本帖最后由 X 于 … 编辑"
_PROFILE_DATE = re.compile(r"\s*(?:注册|加入|最后登录|上次登录|上次访问|最后访问|生日|入驻|认证)")
_SPACES = re.compile(r"\s+")
_MIN_DATED = 2  # frames with an author and a date that make a thread


def _name(text: str) -> str | None:
    """A poster's name: short, one or two words, no sentence punctuation, not a date, not a label."""
    t = " ".join(unicodedata.normalize("NFKC", text).split()).strip(" :：@")  # "\n某某\n": markup's line breaks
    if not t or len(t) > _MAX_NAME or len(t.split()) > 2 or _SENT_PUNCT.search(t) or find_date(t) \
            or NOT_A_NAME.fullmatch(t):
        return None
    return t


def _author_cue(el: etree._Element) -> bool:
    attrs = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(attrs.strip()) and _AUTHOR_CUE.search(_cue_words(attrs)) is not None


def _in_quote(el: etree._Element, frame: etree._Element) -> bool:
    """Inside a quoted earlier post: its name and date are the quoted post's."""
    while el is not None and el is not frame:
        if is_quote_element(el):
            return True
        el = el.getparent()
    return False


_LABELLED_AUTHOR = re.compile(
    r"(?:作者|楼主|发帖人|回复人|发表人|用户名|回帖人)\s*[:：]\s*([^\s|·,，:：]{1,20}?)"
    r"(?=$|[\s|·,，]|(?:时间|日期|发表|回复|来自|IP)\s*[:：于]?)"  # labels glued to the name end it
)


def _author(frame: etree._Element, texts: list[str] = ()) -> str | None:
    """The poster's name: marked up as the author, named by a class word or a profile link,
    or written after a label ("作者：过客匆匆A")."""
    name = _marked_author(frame)
    if name:
        return name
    for text in texts:
        m = _LABELLED_AUTHOR.search(text)
        if m and (name := _name(m.group(1))):
            return name
    return None


def _marked_author(frame: etree._Element) -> str | None:
    for el in frame.iter():
        if not isinstance(el.tag, str):
            continue
        if el.get("itemprop") in ("author", "creator"):
            name_el = next((c for c in el.iter() if isinstance(c.tag, str) and c.get("itemprop") == "name"), el)
            name = _name("".join(name_el.itertext()))
            if name:
                return name
    for el in frame.iter():
        if not (isinstance(el.tag, str) and _author_cue(el)):
            continue
        # the innermost named element: "div.author-info > span.name" is the name, not "name + LV3"
        inner = next((d for d in el.iterdescendants() if isinstance(d.tag, str) and _author_cue(d)), None)
        el = inner if inner is not None else el
        link = next((a for a in el.iter("a") if "".join(a.itertext()).strip()), None)
        name = _name("".join((link if link is not None else el).itertext()))
        if name:
            return name
    for a in frame.iter("a"):
        if PROFILE_HREF.search(a.get("href") or ""):
            name = _name("".join(a.itertext()))
            if name:
                return name
    return None


_TITLED = re.compile(r"(.+?)\s*((?:金牌|银牌|铜牌|资深|认证|签约|执业|专职|兼职|实习|首席|主任)?律师)")


# the starter's label before the name: "楼主：无奈的小张", "[楼主] 某某", "OP: someone"
_STARTER_FIRST = re.compile(r"[\[【(（]?(楼主|樓主|OP)(?:[\]】)）]\s*[:：]?\s*|\s*[:：]\s*|\s+)(\S.*)")


def _role_apart(name: str | None) -> tuple[str | None, str | None]:
    """"王建峰金牌律师" -> ("王建峰", "金牌律师"): an answerer's title is the post's role; so is the
    starter's label written before the name ("楼主：无奈的小张" -> ("无奈的小张", "楼主"))."""
    if m := _STARTER_FIRST.fullmatch((name or "").strip()):
        return m.group(2).strip(), m.group(1)
    m = _TITLED.fullmatch(name or "")
    return (m.group(1), m.group(2)) if m else (name, None)


def _date(frame: etree._Element, texts: list[str]) -> str | None:
    for el in frame.iter("time"):
        for value in (el.get("datetime"), el.get("title"), "".join(el.itertext())):
            found = find_date(value or "")
            if found:
                return found[0]
    # a post's date has its time; a profile card's "注册时间 2019-7-22" or "最后登录" is the poster's, not the post's
    dated = [(found[0], text) for text in texts
             if not _PROFILE_DATE.match(text) and not _EDIT_STAMP.search(text) and (found := find_date(text))]
    for iso, _text in dated:
        if "T" in iso:
            return iso
    for el in frame.iter():  # a date only in an attribute: <span title="2023-9-14 22:40">3 小时前</span>,
        if not isinstance(el.tag, str):  # <span data-tip="2023-11-08 23:21">3 日前</span>, created="2024-…"
            continue
        if found := attribute_date(el.attrib):
            return found[0]
    # a date alone last: a card's "注册时间 / 2022-6-18" on lines of their own is the poster's
    return dated[0][0] if dated else None


def _frames(items: set[etree._Element], anc_cache: dict) -> list[etree._Element]:
    """Each item's frame: climb while the parent holds no other item."""
    holders: dict[etree._Element, int] = {}
    for it in items:
        for a in _ancestors(it, anc_cache):
            holders[a] = holders.get(a, 0) + 1
    frames = []
    for it in items:
        frame = it
        parent = frame.getparent()
        while parent is not None and holders.get(parent, 0) == 1 and parent.tag not in ("body", "html"):
            frame, parent = parent, parent.getparent()
        frames.append(frame)
    return frames


def thread_posts(
    blocks: list[_Blk], kept_idx: list[int], items: set[etree._Element], cache: dict
) -> tuple[list[tuple[Post, list[int]]] | None, bool]:
    """``(post, kept block indices)`` per post in page order, or None when the items are not posts;
    and whether the first of them is an answer (:func:`opens_with_answer`).

    Kept blocks outside every frame (the thread's title or question box above the first
    post) are left to the caller.
    """
    if len(items) < 2:
        return None, False
    frames = _frames(items, cache["anc"])
    frame_set = {f: k for k, f in enumerate(frames)}
    in_frame: dict[int, list[int]] = {}  # frame -> its blocks, in page order
    for i, b in enumerate(blocks):
        for a in _ancestors(b.owner, cache["anc"]):
            k = frame_set.get(a)
            if k is not None:
                in_frame.setdefault(k, []).append(i)
                break
    kept = set(kept_idx)
    out: list[tuple[Post, list[int]]] = []
    marked = 0
    answer_first = False
    for k in sorted(in_frame, key=lambda k: in_frame[k][0]):
        own = [i for i in in_frame[k] if i in kept]
        if not own:
            continue
        if not out:  # a Q&A page whose question shows no asker opens with an answer, named so
            answer_first = opens_with_answer(frames[k])
        meta_texts = [blocks[i].text for i in in_frame[k]
                      if i not in kept and blocks[i].ntok <= 40 and not _in_quote(blocks[i].owner, frames[k])]
        author, role = _role_apart(_author(frames[k], meta_texts))
        post = Post(author=author, role=role, date=_date(frames[k], meta_texts))
        marked += bool(post.author and post.date)
        out.append((post, own))
    # posts carry their poster and date, most of them: FAQ boxes, timeline entries, review cards and
    # live-blog items carry one or the other, and stay an article
    if len(out) < 2 or marked < max(_MIN_DATED, len(out) / 2):
        return None, False
    return out, answer_first


_MIN_QUOTED = 20  # characters of an earlier paragraph that make a quote of it (not "感谢楼主分享")
_MIN_QUOTED_IN_QUOTE = 6  # inside a <blockquote>: one sentence picked from an earlier post ("破產會唔會俾公司炒？")
_QUOTE_LEVELS = 4


def quoted_blocks(blocks: list[_Blk], posts: list[tuple[Post, list[int]]]) -> set[int]:
    """Blocks of a later post made mostly of an earlier post's paragraph: the reply quotes it.

    Forum software prints the quoted words inside the reply (a ``blockquote`` with
    "某某 写了：", a ``[quote]`` left as raw UBB); the words are the earlier post's, so they
    stay there only. A reply's own words around a short quote keep the block.
    """
    earlier: list[str] = []
    said = ""  # every earlier post's words, for a fragment quoted inside a quote element
    out: set[int] = set()
    for _post, own in posts:
        mine, quoted = [], set()
        for k, i in enumerate(own):
            sq = _SPACES.sub("", blocks[i].text)
            longest = max((len(e) for e in earlier if e in sq), default=0)
            cut = _CUT_SHORT.sub("", sq)  # a quote cut short: with an ellipsis ("……两个选项……"), or
            # without one at the head of a reply ("@name 3楼" then the first sentence it answers); a
            # paragraph further down that opens like an earlier one (a statute cited again) stays
            opens = cut != sq or k == 0
            whole = longest >= _MIN_QUOTED and 2 * longest >= len(sq)
            if whole or (opens and len(cut) >= _MIN_QUOTED and any(e.startswith(cut) for e in earlier)) \
                    or (len(cut) >= _MIN_QUOTED_IN_QUOTE and cut in said and _quote_around(blocks[i].owner)):
                quoted.add(i)
            elif len(sq) >= _MIN_QUOTED:
                mine.append(sq)
        if len(quoted) < len(own):  # a post is never only a quote: then it says it again, and stays
            out |= quoted
        earlier.extend(mine)
        said += "\n" + "\n".join(_SPACES.sub("", blocks[i].text) for i in own)
    return out


def _quote_around(el: etree._Element) -> bool:
    """The block sits in a quote element (a few levels up at most: inside its own post)."""
    for _ in range(_QUOTE_LEVELS):
        if el is None:
            return False
        if is_quote_element(el):
            return True
        el = el.getparent()
    return False


_CUT_SHORT = re.compile(r"(?:…+|\.{3,}|。{3,})$")  # the ellipsis software puts after a cut quote
_MAX_META = 60
# the line a quote of an earlier post opens with: "阿德123 wrote:", "某某 写道：", "引用 @某某 发表的："
_QUOTE_HEADER = re.compile(r"[^\s，。]{1,24}\s*(?:wrote|写道|寫道|写了|寫了)\s*[:：]|引用\s*.{1,30}?(?:发表|發表|的帖子)?的?\s*[:：]")
_CLAUSE_PUNCT = re.compile(r"[。！？；，]")  # a sentence in Chinese; a date's "2, 2023," is no clause
_CLOCK = re.compile(r"\d{1,2}:\d{2}")


def meta_blocks(blocks: list[_Blk], posts: list[tuple[Post, list[int]]]) -> set[int]:
    """A post's own header line kept with its text: its author's name alone, or with the date (a
    relative one too, after a floor number or not) and no sentence.

    ``wuyu_cc 十一月 2, 2023, 8:41上午 1``: a date in a form the date reader does not know
    leaves the line in the post; the post's author already names it.
    """
    out: set[int] = set()
    for post, own in posts:
        if not post.author:
            continue
        for i in own[:2]:
            text = FLOOR_PREFIX.sub("", blocks[i].text.strip())  # "#1窮到燶•3 日前"
            rest = text[len(post.author):]
            if text == post.author or (
                text.startswith(post.author) and len(text) <= _MAX_META and not _CLAUSE_PUNCT.search(text)
                and (_CLOCK.search(rest) or find_date(rest) or RELATIVE_DATE.search(rest))
            ):
                out.add(i)
    return out


_WORDS_TOKENS = 15  # a block of the post's own words: a sentence or more
_INLINE_OR_PARAGRAPH = frozenset(("p", "span", "font", "b", "strong", "em", "i", "u", "a", "li", "br", "label"))


def _beside_words(blocks: list[_Blk], own: list[int], anc: dict) -> list[int]:
    """The post's blocks outside the element holding its words (the nearest element around all
    its sentences): where the software prints the poster's card. None when it has no sentence."""
    words = [blocks[i].owner for i in own if blocks[i].punct and blocks[i].ntok >= _WORDS_TOKENS]
    if not words:
        return []
    common = list(reversed(_ancestors(words[0], anc)))  # root first
    for el in words[1:]:
        chain = list(reversed(_ancestors(el, anc)))
        k = 0
        while k < min(len(common), len(chain)) and common[k] is chain[k]:
            k += 1
        common = common[:k]
    if not common:
        return []
    message = common[-1]
    while message.tag in _INLINE_OR_PARAGRAPH and message.getparent() is not None:
        message = message.getparent()  # one sentence's <p>: its message is the element holding it
    return [i for i in own if message not in _ancestors(blocks[i].owner, anc)]


def _without_cards(blocks: list[_Blk], kept_idx: list[int]) -> list[int]:
    """A thread whose posts no template names still prints a profile card beside each post: two
    cards or more go (one alone may be an article's own list, as in the text path). The cards are
    read over every block of the body's span, the fields line rules already took included."""
    if not kept_idx:
        return kept_idx
    span = range(kept_idx[0], kept_idx[-1] + 1)
    kept_set = set(kept_idx)  # (a court notice's two persons, 性别 / 生日 / 所在地, are no posters' cards)
    gone = {span[k] for k in thread_card_lines([blocks[i].text.strip() for i in span])} & kept_set
    for i in gone:
        blocks[i].family = "profile"
    return [i for i in kept_idx if i not in gone]


def read_posts(
    blocks: list[_Blk], kept_idx: list[int], items: set[etree._Element], cache: dict
) -> tuple[list[int], list[tuple[Post, list[int]]] | None, bool]:
    """The body's kept blocks and, for a thread, its posts with the blocks of each, and whether the
    first of them is an answer (a Q&A page whose question shows no asker).

    In a thread, what the software prints around each post's words leaves the body with
    its family: a reply's quote of an earlier post, the post's own header line, posters'
    profile cards and answerer cards. A post left with no words of its own is dropped.
    """
    posts, answer_first = thread_posts(blocks, kept_idx, items, cache)
    if not posts:
        return _without_cards(blocks, kept_idx), None, False
    gone: dict[int, str] = dict.fromkeys(quoted_blocks(blocks, posts), "duplicate")
    gone.update(dict.fromkeys(meta_blocks(blocks, posts), "dateline"))
    gone.update({i: "duplicate" for _post, own in posts for i in own if _QUOTE_HEADER.fullmatch(blocks[i].text.strip())})
    # cards read over the kept blocks, and over every block of the thread, the ones line rules
    # already took included: a card's rank left alone ("等级：老山民") is told by the fields around it
    span = range(kept_idx[0], kept_idx[-1] + 1)
    cards = {kept_idx[k] for k in profile_card_lines([blocks[i].text for i in kept_idx])}
    cards |= {span[k] for k in profile_card_lines([blocks[i].text for i in span])} & set(kept_idx)
    cards |= {i for _post, own in posts for i in own
              if is_answerer_card_line(blocks[i].text) or is_profile_field_line(blocks[i].text)}
    # a card of the board's own labels is printed beside the post's words, never inside them: a
    # "晒负债" thread's posts may all open with "总负债：23万 / 信用卡：6张", and those are the words
    beside = [_beside_words(blocks, own, cache["anc"]) for _post, own in posts]
    for side, mine in zip(beside, repeated_field_lines([[blocks[i].text for i in side] for side in beside]),
                          strict=True):
        cards.update(side[k] for k in mine)
    gone.update({i: "dateline" for _post, own in posts for i in own if _EDIT_NOTE.fullmatch(blocks[i].text.strip())})
    gone.update(dict.fromkeys(cards, "profile"))
    for i, family in gone.items():
        blocks[i].family = family
    kept = [i for i in kept_idx if i not in gone]
    return kept, [(post, mine) for post, own in posts if (mine := [i for i in own if i not in gone])], answer_first
