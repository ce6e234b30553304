"""Step 6, structure: what the page is made of once the body is chosen.

Comments from comment-named regions outside the body (a meta line, then the text),
threads (a page whose address reads like a forum or Q&A thread, or whose opening post
is too short to be an article, turns its replies into posts of the body), metadata
from the head and the blocks near the title, and the confidence that the kept body is
the article.
"""

from __future__ import annotations

import re

from lxml import etree

from pipeline.extract import html_meta
from pipeline.extract.byline import clean_name
from pipeline.extract.comments import parse_meta as _parse_comment_meta
from pipeline.extract.dates import RELATIVE_DATE, attribute_date, posted_date, publication_date
from pipeline.extract.html.authors import ASKS, HeaderLinks, linked_account, marked_author
from pipeline.extract.html.cues import (
    _SENT_PUNCT,
    NOT_A_NAME,
    _squash,
    classify_line,
    comment_ui,
    is_quote_element,
)
from pipeline.extract.html.segment import _Blk
from pipeline.extract.html_meta import REPLY_SUBJECT
from pipeline.extract.line_shape import FUNCTION_CHARS
from pipeline.extract.meta_line import PROVINCES
from pipeline.extract.names import is_outlet
from pipeline.extract.news_credit import credit, reported_by
from pipeline.record import Comment, Document, Post, Section

# Addresses of forum and Q&A threads: the words thread software puts in its URLs (Discuz
# forum.php?mod=viewthread, phpBB viewtopic, /topic/, /thread/, bbs., /question/, Flarum's /d/123;
# not /p/123: column articles use it as much as Tieba's threads).
_THREAD_URL = re.compile(
    r"thread|topic|forum|bbs|question|answer|/d/\d+(?=$|[/?#.-])|(?<![a-z])board|showannounce|dispbbs|archiver"
    r"|message/read",
    re.I,
)


_SPACE = re.compile(r"\s")


def _reads_as_thread(doc: Document, settings) -> bool:  # noqa: ANN001 - Settings (import cycle)
    """A thread by its shape, whatever its address: an opening post too short to be an article.

    Asked only of a page with replies (the caller checks). Such a page would otherwise be
    quarantined for its short body (the same measure as the quarantine: non-space characters
    of the body, headings included) while its discussion is the content. An empty body is
    not a post: that page goes to the text fallback, which may find the article the main
    path missed. Replies outweighing a real article are not enough: a short news item can
    draw long comments (a page of the ``extraction`` corpus does), so a body of article
    length keeps its comments apart unless the address names a thread.
    """
    body = len(_SPACE.sub("", doc.text))
    return 0 < body < settings.extract.min_body_chars


# the label a thread's software puts on its starter's replies: articles have no starter
_STARTER_LABEL = re.compile(r"[\[【(（]?(?:楼主|樓主|OP)[\]】)）]?")  # "[楼主]" too
_LABEL_TAGS = ("span", "em", "i", "b", "strong", "label", "div", "font", "small")


def _starter_replies(blocks: list[_Blk], keep_set: set[int], comments: list[Comment]) -> bool:
    """The page labels its thread starter (``楼主``, ``OP``): the role read from a reply's meta
    line, a label block among the replies, or a ``楼主`` element of its own anywhere."""
    if any(c.role and _STARTER_LABEL.fullmatch(c.role.strip()) for c in comments):
        return True
    # a label on its own, never words of a reply ("这个角色太 OP 了", "谢谢 楼主"): a block among the
    # replies, or an element of its own anywhere ("<span>楼主</span>" beside the opening post's name)
    if any(b.family == "comment" and _STARTER_LABEL.fullmatch(b.text.strip()) for b in blocks):
        return True
    # a label element inside a reply's meta line ("name<span>OP</span>• 1y ago"); answers labelled
    # by their source ("律师回复") twice or more: one such label is an article's comment answered
    if any(b.family == "comment" and _has_label(b.owner, _STARTER_LABEL) for b in blocks):
        return True
    if sum(1 for b in blocks if b.family == "comment" and _has_label(b.owner, _ANSWER_LABEL)) >= _MIN_ANSWERS:
        return True
    if not blocks:
        return False
    root = blocks[0].owner.getroottree().getroot()
    return any(len(el) == 0 and (el.text or "").strip() in ("楼主", "樓主") for el in root.iter(*_LABEL_TAGS))


# the label on the answer a complaint platform, message board or consultation site prints under the
# question: the answer is content
_MIN_ANSWERS = 2
_ANSWER_LABEL = re.compile(r"(?:官方|商家|企业|單位|单位|律师|律師)(?:回复|回覆|答复|答覆|回應|回应|解答)")


def _has_label(owner: etree._Element, label: re.Pattern[str]) -> bool:
    """A leaf element of the block that is the label alone (``<span>OP</span>``, ``<span>律师回复</span>``)."""
    return any(
        isinstance(el.tag, str) and len(el) == 0 and label.fullmatch((el.text or "").strip())
        for el in owner.iter(*_LABEL_TAGS)
    )


def _as_thread(doc: Document) -> None:
    """A thread page: its replies are posts of the body, in order, not comments under an article."""
    doc.page_kind = "thread"
    if doc.sections and doc.sections[0].post is None:  # the opening post, found as the article body
        doc.sections[0].post = Post(author=doc.author, date=doc.published_at)
    for c in doc.comments:
        doc.sections.append(Section(heading=None, paragraphs=[c.text], post=Post(c.author, c.role, c.date)))
    doc.comments = []


def _spaced_meta(b: _Blk):  # noqa: ANN202 - parse_meta's tuple
    """Re-read a comment meta line with its inline elements apart.

    Blocks join inline text without spaces (right for prose), which glues
    ``<span>name</span><span>role</span>`` into one word; the owner's text
    pieces, when they make up exactly this block, keep name and role apart.
    """
    target = b.text.replace(" ", "")
    pieces: list[str] = []
    joined = ""
    for t in b.owner.itertext():  # the block may be the first part of its owner (meta spans, then <p>)
        t = t.strip()
        if not t:
            continue
        pieces.append(t)
        joined += t.replace(" ", "")
        if not target.startswith(joined) or joined == target:
            break
    if len(pieces) < 2 or joined != target:
        return None
    try:
        parsed = _parse_comment_meta(" ".join(pieces))
    except Exception:  # noqa: BLE001
        return None
    return parsed if parsed is not None and parsed[1] is not None else None


def _parse_meta_safely(text: str):  # noqa: ANN202 - parse_meta's tuple
    try:
        return _parse_comment_meta(text)
    except Exception:  # noqa: BLE001 - a sibling module's bug must not lose the page
        return None


def _name_like(b: _Blk) -> bool:
    """A block that can be a commenter's name on its own: short, no sentence, no function word."""
    return 0 < b.ntok <= 8 and not _SENT_PUNCT.search(b.text) and not any(c in FUNCTION_CHARS for c in b.text)


def _is_sentence(b: _Blk, text: str) -> bool:
    return b.ntok >= 6 and bool(_SENT_PUNCT.search(text))


_MAX_META_TAIL = 12
_PLACE_BLOCK = re.compile(rf"(?:IP属地\s*[:：]?\s*|来自)?(?:{PROVINCES})(?:省|市|自治区)?")
_ENDS_SENTENCE = re.compile(r"[。！？!?…]$")  # not "~": "来自华为客户端~" is a device line
_QUOTE_DEPTH = 3  # a quote sits inside its comment item, a few levels up at most


def _quoted(el) -> bool:  # noqa: ANN001 - an lxml element
    """Inside a quote of another comment (``div.reply-quote``): that comment's words. A comment's
    own text set in a ``<blockquote>`` is not one, nor is a page-wide "quote" wrapper."""
    for _ in range(_QUOTE_DEPTH):
        if el is None:
            return False
        if el.tag != "blockquote" and is_quote_element(el):
            return True
        el = el.getparent()
    return False


_MAX_ATTR_META = 20
_BULLETS = re.compile(r"[\s•·|｜]+")


def _attribute_dated_meta(b: _Blk):  # noqa: ANN202 - parse_meta's tuple
    """A meta line showing a relative date ("Sufficient-Tea-4410 • 1y ago", "阿May 3 日前") whose
    element keeps the full date in an attribute (``<time datetime=…>``, ``data-tip``): read as
    the name and that date."""
    for el in b.owner.iter():
        if not isinstance(el.tag, str):
            continue
        shown = "".join(el.itertext()).strip()
        if shown and shown in b.text and RELATIVE_DATE.fullmatch(shown) and (found := attribute_date(el.attrib)):
            # the owner's text pieces keep a name and its label apart ("Pin_8812" "OP"), bullets left out
            pieces = [t.strip() for t in b.owner.itertext() if t.strip()]
            if "".join(pieces).replace(" ", "") != b.text.replace(" ", ""):
                pieces = [b.text]
            words = [p for p in pieces if p != shown and not _BULLETS.fullmatch(p)]
            name = " ".join(words).replace(shown, " ").strip(" •·|")
            return _parse_meta_safely(f"{name} {found[1]}") if name else None
    return None


def _comments(blocks: list[_Blk], keep_set: set[int]) -> list[Comment]:
    """Comments from comment-family blocks outside the body: a meta line (name, role, date) then the text.

    A comment's text is a sentence; or, as the first block under its meta line, any
    words ("羡慕！！！" is a reply), unless a sentence follows it before the next meta line
    (then the short block was the poster's device or level, and the sentence is the
    reply) - but a short block that ends a sentence ("谢谢楼主！") is the reply's first
    paragraph, and under a reply such a block ("加油！") is its last. The name and the
    date may stand in blocks of their own ("鹿小町" / "2021-01-01 10:34"), when the name
    block reads as a name; a short block after a whole meta line is read as its place or
    floor only when more follows before the next meta line (alone, it is the reply).
    """
    comment_blocks = [i for i, b in enumerate(blocks)
                      if i not in keep_set and b.family == "comment" and not _quoted(b.owner)]
    parsed_at: dict[int, tuple | None] = {}
    for i in comment_blocks:
        b = blocks[i]
        parsed = _parse_meta_safely(b.text) if b.ntok <= 40 else None
        if parsed is not None and parsed[1] is None:
            parsed = _spaced_meta(b) or parsed
        if parsed is None and b.ntok <= _MAX_ATTR_META:
            parsed = _attribute_dated_meta(b)
        parsed_at[i] = parsed
    out: list[Comment] = []
    meta: tuple[str | None, str | None, str] | None = None
    fresh = False  # the block just under the meta line has not been seen yet
    prev: int | None = None
    used: set[int] = set()  # blocks taken as a comment's text
    continues = False  # the last comment had its meta line: a paragraph without one is more of it
    for pos, i in enumerate(comment_blocks):
        b = blocks[i]
        if prev is not None and any(k in keep_set for k in range(prev + 1, i)):
            meta, prev, continues = None, None, False  # the body came between: a new region
        parsed = parsed_at[i]
        nxt = comment_blocks[pos + 1] if pos + 1 < len(comment_blocks) else None
        if (parsed is None and prev is not None and prev not in used and _name_like(blocks[prev]) and b.ntok <= 20
                # after a whole meta line, words with nothing else before the next one are its reply,
                # unless they name a place ("广东", "IP属地：浙江")
                and (parsed_at[prev] is None or (nxt is not None and parsed_at[nxt] is None)
                     or _PLACE_BLOCK.fullmatch(b.text.strip()) is not None)):
            joined = _parse_meta_safely(f"{blocks[prev].text} {b.text}")
            # the date may be followed by the poster's place or floor ("浙江 1楼"), never by words
            parsed = joined if joined is not None and (
                not joined[3] or (len(joined[3]) <= _MAX_META_TAIL and not _SENT_PUNCT.search(joined[3]))) else None
        prev = i
        text = b.text
        if parsed is not None:
            author, role, date, trailing = parsed
            meta, fresh, continues = (author, role, date), True, False
            if not (trailing and _SENT_PUNCT.search(trailing)):
                continue
            text = trailing
        short_reply = False
        alone = nxt is None or parsed_at[nxt] is not None  # nothing else before the next meta line
        if fresh and meta is not None and (b.ntok >= 2 or alone) and text.strip() and not _is_sentence(b, text):
            # the first words under the meta line, however short ("哇", ":)" when nothing else follows),
            # unless a sentence follows
            short_reply = (alone or _ENDS_SENTENCE.search(text) is not None
                           or not _is_sentence(blocks[nxt], blocks[nxt].text))
        fresh = False
        # a short paragraph that ends a sentence ("加油！") is more of the reply above it, never a device line
        more = meta is None and continues and b.ntok >= 1 and _ENDS_SENTENCE.search(text) is not None
        if (
            (_is_sentence(b, text) or short_reply or more)
            and b.link_tok * 2 < max(b.ntok, 1)
            and not comment_ui(text)
            and not classify_line(text)
        ):
            if meta is None and continues:  # the next paragraph of a reply whose meta line was read
                out[-1].text += "\n" + text
            else:
                author, role, date = meta if meta else (None, None, None)
                if author and NOT_A_NAME.fullmatch(author):  # "追问 2023-05-08 10:40": a label, not a name
                    author, role = None, role or author
                out.append(Comment(text=text, author=author, role=role, date=date))
                continues = meta is not None
            used.add(i)
            meta = None
    return out


def _confidence(
    kept_prose: int, total_prose: int, blocks: list[_Blk], kept_idx: list[int], low: bool
) -> float:
    if low or not kept_idx:
        return 0.2
    share = kept_prose / total_prose if total_prose else 0.0
    n_par = sum(1 for i in kept_idx if blocks[i].punct)
    size = min(1.0, kept_prose / 150)
    conf = 0.45 * share + 0.35 * size + 0.2 * min(1.0, n_par / 3)
    return max(0.0, min(1.0, conf))


# blocks the extractor already named something else: a comment's header, a list's item, a menu's link
_NOT_A_FOOTER = frozenset({"comment", "related", "nav", "navigation"})


def _post_footer_date(blocks: list[_Blk], end: int) -> str | None:
    """The date of a blog post's or an answer's footer, right under its text (``发表于 2004年12月27日 12:40
    - (阅读:3727)``), when the page dates nothing else so: a board that heads every message with
    ``发布时间 …`` shows the last message's header there."""
    footer = posted_date([b.text for b in blocks[end : end + 1] if b.ntok <= 40 and b.family not in _NOT_A_FOOTER])
    if footer is None:
        return None
    dated = sum(1 for b in blocks if b.ntok <= 40 and posted_date([b.text]))
    return footer if dated == 1 else None


def _split_date(header: list[_Blk]) -> str | None:
    """A date line printed in pieces between the headline and the body, one element each (``<div
    class="year">2021</div><div class="md">12/09</div><div class="time">11:36</div>``): read joined."""
    pieces = [b.text for b in header if b.ntok <= 6 and b.family not in _NOT_A_FOOTER]
    return publication_date([" ".join(pieces)]) if len(pieces) >= 2 else None


def _finer(meta: str | None, shown: str | None) -> str | None:
    """The meta tag's date, or the page's date line when it gives the same day with its time
    (``<meta name="publishdate" content="2017-03-10">`` beside ``2017-03-10 09:58``)."""
    day_only = meta is not None and (len(meta) == 10 or meta[11:19] == "00:00:00")
    if day_only and shown and len(shown) > 10 and meta[:10] == shown[:10]:
        return shown
    return meta


def _fill_metadata(
    doc: Document, pm: html_meta.PageMeta, title_site: str | None, blocks: list[_Blk], kept_idx: list[int]
) -> HeaderLinks:
    """Title's neighbours, meta tags and the body's ends -> date, author, source, site and address.

    Returns the accounts the lines under the headline link to (:class:`~.authors.HeaderLinks`): the
    author of a page that names none otherwise, which the caller gives once it knows whether the
    page is a thread."""
    # short lines near the title / at the top of the body carry 来源 / 作者 / date
    start = kept_idx[0] if kept_idx else 0
    title_sq = _squash(doc.title or "")
    ti = None
    if title_sq:  # the headline itself (its thread type aside) before a line that quotes it ("原文地址：标题 作者：…")
        exact = contained = None
        for i, b in enumerate(blocks[: start + 1]):
            sq = _squash(b.text)
            if sq == title_sq or _squash(REPLY_SUBJECT.sub("", b.text)) == title_sq:
                exact = i
            elif len(title_sq) >= 6 and title_sq in sq and b.ntok < 80:
                contained = i
        ti = exact if exact is not None else contained
    lo = ti if ti is not None else max(0, start - 12)
    kept = set(kept_idx)
    # a title kept as the body's first block is not its first paragraph: the byline under it still counts
    under = [i for i in kept_idx if i != ti]
    first = under[0] if under else start
    near = [(i, b.text) for i, b in enumerate(blocks[lo : max(start, first) + 3], lo) if b.ntok <= 80]
    # a date from the lines around the title, not from the body's own sentences ("2023年12月5日，我…")
    cues = html_meta.text_cues([text for _, text in near], date_lines=[text for i, text in near if i not in kept])
    if ti is not None:  # what the title and the lines under it leave open, from just above the title:
        # forum archives print the date between the breadcrumb and the title
        for key, value in html_meta.text_cues([b.text for b in blocks[max(0, ti - 3) : ti] if b.ntok <= 80]).items():
            cues.setdefault(key, value)
    # the body's first paragraphs open with a news credit ("某某报讯（记者 …）"), its last ones
    # close with one ("（评论员 …）"); the lines right after the body hold "作者：" / "责任编辑：" tables
    opening: dict[str, str] = {}  # the body's own first lines give a credit, never a date line ("2023年12月5日，我…")
    for i in under[:2]:
        for key, value in credit(blocks[i].text).items():
            opening.setdefault(key, value)
    tail = [blocks[i].text for i in kept_idx[-5:]] if kept_idx else []
    end = kept_idx[-1] + 1 if kept_idx else len(blocks)
    # after the body, only byline lines: a related list's "标题 作者：某某" or a comment's header is no byline
    # ... and the notice right under the body, which credits the piece as it claims its rights
    # ("某某网专稿，未经授权请勿转载")
    after = [b.text for k, b in enumerate(blocks[end : end + 8]) if b.ntok <= 80
             and classify_line(b.text) in (("byline", "dateline", "disclaimer") if k == 0 else ("byline", "dateline"))]
    tail_cues = html_meta.text_cues(tail + after)

    site = html_meta.meta_site(pm) or title_site
    editors = {_squash(c["editor"]) for c in (cues, tail_cues) if c.get("editor")}
    meta_author = html_meta.meta_author(pm)
    site_sq = _squash(site or "").removesuffix("网").removesuffix("網")  # "法律快车网" and its brand "法律快车"
    # the editor, also under the desk's name ("青网校园崔宁宁" beside "责任编辑：崔宁宁"), the site or an outlet
    # ("某某网", "某某日报") filed as the author
    if meta_author and (any(_squash(meta_author).endswith(e) for e in editors if len(e) >= 2)
                        or _squash(meta_author).removesuffix("网") == site_sq or is_outlet(meta_author)):
        meta_author = None
    # a blog's or an answer's footer dates the post under its text when nothing above does
    shown = cues.get("date") or opening.get("date") or _post_footer_date(blocks, end) \
        or (_split_date(blocks[ti + 1 : first]) if ti is not None else None)
    doc.published_at = _finer(html_meta.meta_date(pm), shown) or shown or doc.published_at
    # an element marked as the author: near the headline, an account's name too; under the body a person's
    marked = marked_author([blocks[i] for i, _ in near]) or marked_author(
        [blocks[i] for i in kept_idx[-5:]] + blocks[end : end + 8], accounts=False)
    # the first that is a name (a shown "作者：佚名" leaves the meta tag's name standing)
    doc.author = next((name for name in map(clean_name, (cues.get("author"), opening.get("author"), marked,
                                                        tail_cues.get("author"), meta_author, doc.author)) if name),
                      None)
    # last, "据某某报道，…" opening the body: the report the article retells, when nothing names a source and
    # the page does not call itself its own ("来源：本站原创")
    doc.source_name = (
        cues.get("source") or opening.get("source") or html_meta.meta_source(pm) or tail_cues.get("source")
        or (reported_by(blocks[under[0]].text, [t for _, t in near] + tail + after) if under else None)
        or doc.source_name
    )
    doc.site_name = html_meta.meta_site(pm) or title_site or doc.site_name
    doc.canonical_url = html_meta.canonical_url(pm, doc.url)
    if ti is None:
        return HeaderLinks()
    return _header_links(doc, blocks, kept_idx, ti, under, first)


# a question's own line under its text: dated, or saying it asks ("夏天不吃冰 | 2021-03-08 | 浏览2741次")
_ASKER_LINE = re.compile(r"\d{4}[-/.年]\d{1,2}|\d{1,2}[-/月]\d{1,2}|提问|提問|咨询|諮詢|发布|發布|浏览|瀏覽|阅读|閱讀")


def _header_links(doc: Document, blocks: list[_Blk], kept_idx: list[int], ti: int, under: list[int],
                  first: int) -> HeaderLinks:
    """The accounts linked between the headline and the body's first block, and on a question's own
    line under its text (when the page asks; never an answerer's card, at most one line past the
    body's end)."""
    kept = set(kept_idx)
    last = kept_idx[-1] if kept_idx else first
    asks = ASKS.search(doc.title or "") or any(ASKS.search(blocks[i].text) for i in under[:3])
    below = next(((i, name) for i in range(first, min(first + 3, last + 2, len(blocks)) if asks else first)
                  if i not in kept and _ASKER_LINE.search(blocks[i].text) and (name := linked_account([blocks[i]]))),
                 (None, None))
    return HeaderLinks(above=linked_account(blocks[ti + 1 : first]), below=below[1],
                       below_el=blocks[below[0]].owner if below[0] is not None else None,
                       below_body=below[0] is not None and below[0] > last)
