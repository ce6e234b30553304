"""HTML main-content extraction.

Pipeline of one page (all on one ``lxml`` tree, parsed once):

1. **Prepare** (:mod:`.prepare`) - strip a crawl-dump wrapper (``<text id=URL title=...>`` with no
   ``<html>``; its title and URL are kept as fallbacks), an XML declaration and
   control characters; parse with ``lxml.etree.HTMLParser`` (comments and
   processing instructions dropped by the parser).
2. **Metadata** (:mod:`pipeline.extract.html_meta`) - meta tags, Open Graph, JSON-LD, canonical
   link, ``<time>``, ``<h1>``/``<title>`` - read before the head is dropped.
3. **Segment** (:mod:`.segment`) - drop non-content elements (script, style, form controls,
   hidden elements ...) and cut the visible text into *blocks* at block-level
   tags and ``<br>``. Each block knows its text, its token count (Han
   characters + Latin words, as the benchmark counts), how much of it is link
   text, its sentence-punctuation count (full-width ``，。！？；``) and the
   element that owns it.
4. **Choose the container** (:mod:`.container`) - every block gets a value: positive for prose
   (tokens outside links; full value with sentence punctuation, half without,
   slightly negative for short unpunctuated lines), negative for link text and
   for text under boilerplate-named elements (``comment``, ``related``,
   ``footer``, ``nav`` ... in class/id, ``<nav>``/``<footer>``/``<aside>``,
   or a boilerplate line). Values are summed up the ancestor chain; the best
   element is the main content - a maximum-subtree search: adding a menu or a
   comment list to the article costs more than it brings. A class/id cue is
   ignored when its region holds the title or most of the page's prose (a
   comment-list page's comments *are* its content). The top candidates are
   compared after a readability-style sibling merge (table layouts put the
   paragraphs straight into a cell full of link tables); repeated same-class
   siblings (the posts of a thread) are taken together.
5. **Clean inside** (:mod:`.clean`) - a leading byline/dateline strip, blocks under
   boilerplate-named sub-regions, link lists, share bars, captions like
   ``资料图片仅供参考``, boilerplate lines, everything after a closing header line
   (``相关新闻``, ``参考资料`` ...) in the second half, and a repeated copy of the
   body are removed with their family as ``kind`` (and counted in ``doc.removed``).
6. **Structure** (:mod:`.structure`, and :func:`extract_html` here) - headings (``<h1>``-``<h6>`` inside the body, bold-only
   paragraphs, ``一、`` lines) open sections; a thread's posts each open a section
   with their author and date (:mod:`.posts`); a comment region outside the body
   becomes ``doc.comments``; every block of the page is kept in ``doc.blocks``
   with its verdict. JSON-LD ``articleBody`` replaces the DOM body when it is
   clearly more complete. When no container is found the page keeps every
   prose-like block and is flagged ``low_confidence`` - never an empty body for
   a page with text.

The vocabulary every step shares (tag sets, class/id cues, line patterns) is :mod:`.cues`;
the bs4 fallback is :mod:`.fallback`.

The hot path uses ``lxml`` directly, not BeautifulSoup: one parse plus one
Python pass over the tree; building a bs4 tree of a 200 KB page alone costs
several times the whole extraction, and the scoring pass must visit every
element. bs4 (with Python's ``html.parser``) is the fallback for the pages
libxml2 cannot use - no tree, or a tree without text (nesting deeper than 256
levels loses everything below; content only inside ``<noscript>``): their
visible lines are kept and flagged ``low_confidence`` instead of a quarantine.
"""

from __future__ import annotations

import re

from pipeline.config import Settings
from pipeline.extract import html_meta
from pipeline.extract.dates import find_date
from pipeline.extract.html.authors import settle_author
from pipeline.extract.html.clean import _clean_inside, _removed_kind
from pipeline.extract.html.container import (
    _ancestors,
    _choose_container,
    _family_of,
    _make_cache,
    _members,
    _prose,
    _title_block,
)
from pipeline.extract.html.cues import (
    _SCORING_LINE_KINDS,
    MAX_BLOCKS,
    _heading_of,
    _norm,
    _ntok,
    _squash,
    classify_line,
)
from pipeline.extract.html.fallback import _no_body, _text_fallback
from pipeline.extract.html.headline import GREETING, headline_above_body
from pipeline.extract.html.posts import read_posts
from pipeline.extract.html.prepare import _drop_invisible, _parse, _prepare
from pipeline.extract.html.segment import _Blk, _visible_blocks
from pipeline.extract.html.structure import (
    _THREAD_URL,
    _as_thread,
    _comments,
    _confidence,
    _fill_metadata,
    _reads_as_thread,
    _starter_replies,
)
from pipeline.record import Block, Document, Section

_REPLY_SUBJECT = html_meta.REPLY_SUBJECT
# a thread's or a post's type as boards and blogs print it before the subject: "[求助]", "[债务求助]", "[转载]"
_THREAD_TYPE = re.compile(r"^\s*\[[^\]]{0,6}(?:求助|求教|讨论|討論|分享|问题|問題|提问|提問|心得|经验|經驗|吐槽|闲聊|閒聊|灌水|公告"
                          r"|转载|轉載|转帖|轉帖|原创|原創|新闻|新聞|情报|情報|请教|請教)\]\s*")
_MIN_BODY_TOK = 10  # a kept body under this many tokens means the container choice failed


def _too_small(blocks: list[_Blk], kept_idx: list[int], title_at: int | None = None) -> bool:
    """A body of under ten tokens besides the title: the container choice went wrong (or the page
    has no text)."""
    return sum(blocks[i].ntok for i in kept_idx if i != title_at) < _MIN_BODY_TOK


def _misleading_family(blocks: list[_Blk]) -> frozenset[str]:
    """The cue family to disregard on a retry: the one holding most of the page's prose (a
    message board's own text in ``replyContent``, a thread under a ``comments`` id)."""
    prose: dict[str, int] = {}
    for b in blocks:
        if b.family:
            prose[b.family] = prose.get(b.family, 0) + _prose(b)
    return frozenset((max(prose, key=prose.__getitem__),)) if prose else frozenset()


# a piece of a date line printed one element each: "2021", "12/09", "03月15日", "11:36"
_DATE_PIECE = re.compile(r"\s*(?:(?:19|20)\d{2}\s*年?|\d{1,2}\s*[/月.-]\s*\d{1,2}\s*日?|\d{1,2}\s*:\s*\d{2}(?::\d{2})?)\s*")


def _without_date_pieces(blocks: list[_Blk], kept_idx: list[int], ti: int | None) -> list[int]:
    """The body without the pieces of a date line it opens with, under the headline (``<div class="year">2021
    </div><div class="md">12/09</div><div class="time">11:36</div>``): the page's date, read as such by the
    metadata, never the first lines of the article."""
    if ti is None:
        return kept_idx
    pieces = []
    for i in kept_idx:
        if i == ti:
            continue
        if blocks[i].heading or not _DATE_PIECE.fullmatch(blocks[i].text):
            break
        pieces.append(i)
    # together (with the pieces the line rules took between them) they make a date, and the body holds no
    # other such line: a timeline's entries ("2021年" over "3月15日" over its paragraph, again for 2022) are
    # no pieces of one
    rest = kept_idx[kept_idx.index(pieces[-1]) + 1 :] if pieces else []
    if not pieces or not find_date(" ".join(b.text for b in blocks[pieces[0] : pieces[-1] + 1])) \
            or any(_DATE_PIECE.fullmatch(blocks[i].text) for i in rest):
        return kept_idx
    for i in pieces:
        blocks[i].family = "dateline"
    return [i for i in kept_idx if i not in pieces]


def extract_html(doc: Document, settings: Settings) -> None:
    """Fill title, metadata, sections, comments, blocks, removed and confidence from ``doc.raw``."""
    raw, wrapper = _prepare(doc.raw or "")
    if not raw.strip():
        _no_body(doc)
        return
    root = _parse(raw)
    if root is None:  # libxml2 could not make a tree at all
        _text_fallback(doc, raw, None, settings)
        return
    pm = html_meta.read_meta(root)
    if not pm.title_tag and wrapper.get("title", "").strip():
        pm.title_tag = _norm(wrapper["title"])
    if not pm.canonical and wrapper.get("id", "").startswith(("http://", "https://")):
        pm.canonical = wrapper["id"]
    _drop_invisible(root)
    blocks = _visible_blocks(root)
    if not any(b.ntok for b in blocks):
        _text_fallback(doc, raw, pm, settings)
        return

    cache = _make_cache(blocks)
    title, title_site = html_meta.meta_title(pm)
    ti = _title_block(blocks, title)
    cache["title_at"], cache["title_key"] = ti, (_squash(blocks[ti].text) if ti is not None else None)
    if ti is not None:
        cache["title_anc"] = set(_ancestors(blocks[ti].owner, cache["anc"]))
        cache["title_prose"] = _prose(blocks[ti])
    for b in blocks:
        b.family, b.family_el = _family_of(b.owner, None, cache)
        if b.family is None and b.ntok <= 200:
            line_kind = classify_line(b.text, shared=False)
            if line_kind in _SCORING_LINE_KINDS:
                b.family = line_kind
    container, scores = _choose_container(blocks, cache)
    if container is not None:
        in_container, items = _members(blocks, container, scores, cache)
        kept_idx = _clean_inside(blocks, in_container, container, cache, items)
    if container is None or _too_small(blocks, kept_idx, ti):
        # cues may be wrong (the whole page under a 'comment' id, a message board's own text in
        # "replyContent"): retry without the family holding most of the prose; when that finds
        # no body holding half the page's prose, the first reading stands (and the fallbacks
        # below take the page)
        first = (container, scores, [(b.family, b.family_el) for b in blocks],
                 None if container is None else (in_container, items, kept_idx))
        cache["ignored"] = _misleading_family(blocks)
        for b in blocks:
            b.family, b.family_el = None, None
        container, scores = _choose_container(blocks, cache)
        in_container, items = _members(blocks, container, scores, cache)
        kept_idx = _clean_inside(blocks, in_container, container, cache, items)
        found = container is not None and 2 * sum(_prose(blocks[i]) for i in kept_idx) >= cache["total_prose"]
        if not found and first[0] is not None:
            container, scores, families, (in_container, items, kept_idx) = first
            cache["ignored"] = ()
            for b, (family, family_el) in zip(blocks, families, strict=True):
                b.family, b.family_el = family, family_el

    # a <title> naming only the site (or greeting the reader): the headline is the line printed above the body
    headline = headline_above_body(blocks, kept_idx, title) if container is not None else None
    if headline:
        if title and title_site is None and not GREETING.match(title):
            title_site = title
        title = headline
    # a thread's type before the headline ("[求助] ", a blog's "[转载]") is the board's, not the headline's
    # words; a label in 【】 may be either (a column's, a fandom's), and stays
    bare = _THREAD_TYPE.sub("", title or "")
    doc.title = (bare if len(bare) >= 4 else title) or doc.title
    kept_idx = _without_date_pieces(blocks, kept_idx, ti)

    # confidence: how much prose was dropped *without* a named reason (a boilerplate cue or line family)
    kept_prose = sum(blocks[i].ntok - blocks[i].link_tok for i in kept_idx if blocks[i].punct)
    kept_set0 = set(kept_idx)
    unexplained = sum(_prose(b) for i, b in enumerate(blocks) if i not in kept_set0 and b.family is None)
    total_prose = kept_prose + unexplained
    low = False
    if _too_small(blocks, kept_idx):
        # never return an empty body for a page with text: keep every prose-like block
        kept_idx = [
            i
            for i, b in enumerate(blocks)
            if b.ntok >= 5 and b.link_tok * 2 < b.ntok and not classify_line(b.text, False)
        ]
        low = True

    # JSON-LD articleBody when it is clearly more complete than what the DOM gave
    ld_body = pm.article_body
    ld_paragraphs: list[str] | None = None
    kept_tok = sum(blocks[i].ntok for i in kept_idx)
    if ld_body and len(ld_body) <= settings.extract.max_body_chars \
            and _ntok(ld_body) > 1.5 * max(kept_tok, 1) and _ntok(ld_body) >= 50:  # an absurd body is no body
        ld_paragraphs = [_norm(p) for p in re.split(r"\n+", ld_body) if _norm(p)]
        doc.flag("body_from_json_ld")
        low = False
        kept_prose = total_prose = max(kept_prose, 1)  # the publisher's own body: trust it

    header = _fill_metadata(doc, pm, title_site, blocks, kept_idx)
    title_norm = _squash(doc.title or "")
    title_tok = _ntok(doc.title or "")
    bare_title = _REPLY_SUBJECT.sub("", doc.title or "")  # the title without a "[求助]" tag
    bare_title_norm, bare_title_tok = _squash(bare_title), _ntok(bare_title)

    def is_title(b: _Blk) -> bool:
        """The title, or a post's subject line repeating it (``Re: 标题``, ``回复：标题``: forum software)."""
        if not title_norm:
            return False
        if abs(b.ntok - title_tok) <= 2 and _squash(b.text) == title_norm:
            return True
        text = _REPLY_SUBJECT.sub("", b.text)
        return abs(_ntok(text) - bare_title_tok) <= 2 and _squash(text) == bare_title_norm

    # leading lines of the body that are pieces of the title (title / subtitle split over two elements)
    title_parts: set[int] = set()
    for i in kept_idx[:3]:
        sq = _squash(blocks[i].text)
        if not (
            title_norm and blocks[i].ntok <= 60 and len(sq) >= 0.3 * len(title_norm) and sq in title_norm
        ):
            break
        title_parts.add(i)

    keep_set = set(kept_idx)
    # -- sections (a thread: one post after another, each opening a section with its author and date)
    posts, answer_first = None, False
    if ld_paragraphs is None and not low:
        kept_idx, posts, answer_first = read_posts(blocks, kept_idx, items, cache)
        keep_set = set(kept_idx)
    post_at = {own[0]: post for post, own in posts or []}
    sections: list[Section] = [Section(heading=None, paragraphs=[], level=0)]
    if ld_paragraphs is not None:
        sections[0].paragraphs.extend(ld_paragraphs)
    else:
        for i in kept_idx:
            b = blocks[i]
            if i in post_at:
                sections.append(Section(heading=None, paragraphs=[], level=0, post=post_at[i]))
            if is_title(b) or i in title_parts:
                continue
            lvl = _heading_of(b)
            if lvl and i not in post_at:  # a post's first line, bold or not, is the post's
                sections.append(Section(heading=b.text, paragraphs=[], level=lvl))
            else:
                sections[-1].paragraphs.append(b.text)
    doc.sections = [s for s in sections if s.heading or s.paragraphs or s.post]
    if posts:
        doc.page_kind = "thread"

    # -- comments: a comment-named region outside the body holding prose
    doc.comments = _comments(blocks, keep_set)
    if doc.comments and (
        doc.page_kind == "thread"  # its posts were found: the comment region holds more of them
        or _THREAD_URL.search(doc.url or html_meta.canonical_url(pm, None) or "")
        or _reads_as_thread(doc, settings)
        or _starter_replies(blocks, keep_set, doc.comments)
    ):
        _as_thread(doc)
    settle_author(doc, header, answer_first,
                  (blocks[posts[0][1][0]].owner, blocks[posts[1][1][0]].owner) if posts and len(posts) > 1 else None)

    # -- blocks with verdicts, removed counters
    out_blocks: list[Block] = []
    for i, b in enumerate(blocks):
        if i in keep_set:
            kind = (
                "title" if is_title(b) or i in title_parts else "heading" if _heading_of(b) else "paragraph"
            )
            if len(out_blocks) < MAX_BLOCKS:
                out_blocks.append(Block(text=b.text, kind=kind, kept=True))
            continue
        if is_title(b):
            if len(out_blocks) < MAX_BLOCKS:
                out_blocks.append(Block(text=b.text, kind="title", kept=True))
            continue
        kind = _removed_kind(b)
        doc.count_removed(kind, len(b.text))
        if len(out_blocks) < MAX_BLOCKS:
            out_blocks.append(Block(text=b.text, kind=kind, kept=False))
    doc.blocks = out_blocks if settings.extract.keep_blocks else []

    # -- confidence
    body_chars = len(re.sub(r"\s", "", doc.text))
    conf = _confidence(kept_prose, total_prose, blocks, kept_idx, low)
    doc.extraction_confidence = round(conf, 3)
    if body_chars < settings.extract.min_body_chars:
        if body_chars == 0:  # nothing the main path could use: what bs4 recovers, or a quarantine
            doc.removed, doc.comments = {}, []
            _text_fallback(doc, raw, pm, settings)
            return
        doc.flag("low_confidence")
        doc.extraction_confidence = min(doc.extraction_confidence, 0.3)
    if doc.extraction_confidence < 0.5 or low:
        doc.flag("low_confidence")
