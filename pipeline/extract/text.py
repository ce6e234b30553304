"""Plain-text scrape extraction: one visible block per line -> title, metadata, sections, comments.

The input is what a scraper saved from a page's visible text: site chrome
(greetings, breadcrumbs, counters, footers), the title (often two or three
times), sometimes a table of contents, the body, and a comment section. Every
non-empty line becomes one :class:`~pipeline.record.Block` with a verdict:

* kept: ``title``, ``heading``, ``paragraph``;
* moved: ``comment`` (comment headers and comments; the comments go to ``doc.comments``);
* removed: a boilerplate family (:mod:`pipeline.extract.boilerplate`) or a context family -
  ``title_repeat`` (the title again, in the header or inside the body), ``toc`` (a run of
  short lines that reappear later as headings), ``contact`` (the name/phone/e-mail line
  under a takedown line), the title list under a ``related`` / ``friend_links`` header,
  ``preamble`` (short unclassified lines before the title, and a run of them between the
  title and the first prose line), ``footer`` (short unclassified lines after the last
  prose line once a boilerplate line has closed the body, or a run of them), ``navigation``
  (a run of four or more short lines between two prose lines: a menu or a headline list).

The line labelling is :func:`segment_lines`, usable on any list of visible text
blocks: line rules first (:mod:`pipeline.extract.boilerplate`, :mod:`.line_rules` and its family modules),
then the title, then the context rules (:mod:`pipeline.extract.text_context`), with
the shape tests of :mod:`pipeline.extract.line_shape`; :func:`extract_text` applies it to
``doc.raw`` and fills the record. When unsure a line is kept: if nothing is
left, removed lines that read like prose are put back and the document is
flagged ``low_confidence``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.config import Settings
from pipeline.extract.boilerplate import classify_line
from pipeline.extract.byline import clean_name, parse_byline, writer_position
from pipeline.extract.credit_lines import is_photo_caption
from pipeline.extract.dates import leading_date, publication_date, without_leading_date
from pipeline.extract.fold import fold
from pipeline.extract.folded_line import is_bare_stamp
from pipeline.extract.html_meta import split_title
from pipeline.extract.line_shape import (
    _plain_len,
    _title_like,
    clean_line,
    is_paragraph_like,
    near_duplicate,
    question_title,
)
from pipeline.extract.meta_line import has_meta_field
from pipeline.extract.names import is_name_line, is_outlet
from pipeline.extract.news_credit import credit, dateline_source, reported_by
from pipeline.extract.sections import build_sections, heading_key, heading_level
from pipeline.extract.text_context import (
    _mark_author_names,
    _mark_comments,
    _mark_field_values,
    _mark_followers,
    _mark_image_alts,
    _mark_profile_cards,
    _mark_toc,
    mark_post_headers,
    table_rows,
    value_under_label,
)
from pipeline.extract.text_headings import refine_headings
from pipeline.extract.text_page import (
    _mark_footer,
    _mark_listings,
    _mark_page_end,
    _mark_short_runs,
    keep_signature,
    mark_promo_head,
)
from pipeline.extract.unwrap import continued
from pipeline.record import Block, Comment, Document

__all__ = ["KEPT_KINDS", "Segmentation", "clean_line", "extract_text", "is_paragraph_like", "near_duplicate",
           "segment_lines", "table_rows"]

KEPT_KINDS: frozenset[str] = frozenset({"title", "heading", "paragraph"})

_HEADER_ZONE_MAX = 25
# a title is among the page header's first title-like lines; a list of thousands of short lines
# with no prose (a table or a menu saved as text) would otherwise be scored line against line
_MAX_TITLE_CANDIDATES = 50
_TITLE_LABEL = re.compile(r"^(?:标题|標題|题目|題目)\s*[:：]\s*")
# a bracketed headline opening the first line, not an outlet's credit ("【某某网讯】") or a column name
# (9 characters or more, no label, date or list inside: "【防范电信网络诈骗】" is a campaign's name,
# "【本文来源：某某网】" and "【2024年3月5日 星期二】" are metadata)
_BRACKETED_TITLE = re.compile(r"^【(?![^】]*(?:[:：]|\d{4}年|星期))([^【】/|]{9,40}?)(?<![讯訊电電导導道])】(?=.{20,})")
_MAX_NEAR_REPEATS = 2
_MAX_PREAMBLE_LINES = 12
_NEAR_REPEAT_SPAN = 8
_QUESTION_WORD = re.compile(r"怎么|如何|怎样|什么|哪|吗|呢|[?？]")
_SITE_NAME = re.compile(r"(?:网|官网|网站|官方网站|首页|频道|平台|门户)$")
# the site's name and its slogan heading a page: "某某知识网 - 专注消费信贷知识分享", "某某网｜您身边的法律顾问"
_SITE_SLOGAN = re.compile(r"[^\s,。!?:]{2,10}(?:网|网站|官网|之家|百科|在线|社区|论坛|平台|门户)(?:\s[-—–]\s|\s*[|·]\s*)"
                          r"[^\s,。!?:]{2,20}")  # (a spaced dash or a bar: "进社区——民警上门" is a headline's)
_SITE_HEADER_LINES = 3
_TRAIL_STEP = re.compile(r"\s[›»>＞]\s")
_CHROME_WORD = re.compile(r"登录|注册|下载|客户端|反馈|无障碍|公开课|订阅|会员|[/|»>]")


@dataclass
class Segmentation:
    """The verdict for every line: ``kinds[i]`` and, for headings, ``levels[i]``."""

    lines: list[str]
    kinds: list[str]
    levels: list[int | None]
    title_index: int | None = None
    comments: list[Comment] = field(default_factory=list)
    restored: int = 0  # removed lines put back because nothing else was left
    title_text: str | None = None  # the title's words when its line holds more (a <title>'s site name)
    anonymous_comments: int = 0


def _block_copy(keys: list[str], i: int, j: int) -> bool:
    """Line ``j`` repeats line ``i`` as part of a repeated block (a share bar or menu shown
    at the top and again at the foot): a neighbour repeats with it. A title's copies stand
    among other lines."""
    n = len(keys)
    return (i > 0 and keys[j - 1] == keys[i - 1]) or (j + 1 < n and keys[j + 1] == keys[i + 1])


def _reworded_copy_after(i: int, zone_end: int, kinds: list[str | None], keys: list[str]) -> bool:
    """A reworded copy of line ``i`` stands after it in the header zone, and it is no list pattern:
    more than ``_MAX_NEAR_REPEATS`` look-alikes are one (the scan stops there)."""
    near, after = 0, False
    for j in range(zone_end):
        if j != i and kinds[j] is None and near_duplicate(keys[j], keys[i]):
            near += 1
            if near > _MAX_NEAR_REPEATS:
                return False
            after = after or j > i
    return after


# a section's number without its mark, before a short heading: "一明确催收行为的违法性", "二立即采取的应对措施"
_FIRST_SECTION = re.compile(r"^\s*一(?=[\u4e00-\u9fff]{3,30}$)")
_SECOND_SECTION = re.compile(r"^\s*二(?=[\u4e00-\u9fff]{3,30}$)")


_TITLE_SEPARATOR = re.compile(r"[_|｜–—]|\s-\s|-[^-\s]{2,12}$")  # what parts a <title>: "标题_站名", "标题 - 站名"


def _browser_title(lines: list[str], kinds: list[str | None], keys: list[str]) -> tuple[int, str] | None:
    """The page's ``<title>`` the scraper saved as a first line, ``<headline>_<site>`` (``… - 知乎``): its
    headline, restated as a line of the text below, is the title; the site's name goes with its line."""
    for i in range(min(len(lines), _SITE_HEADER_LINES)):
        if kinds[i] is not None or not _TITLE_SEPARATOR.search(lines[i]):
            continue
        headline, site = split_title(lines[i])
        key = heading_key(headline)
        if not site or _plain_len(key) < 6 or key == keys[i] or not lines[i].lstrip().startswith(headline):
            continue  # (the site's name first, "某某论坛 › 生活 › <title>", is a trail: the title stands below)
        if any(keys[j].startswith(key) for j in range(i + 1, len(lines))):
            return i, headline
    return None


def _pick_title(lines: list[str], kinds: list[str | None], keys: list[str], hint: str | None) -> int | None:
    n = len(lines)
    if hint:
        hint_key = heading_key(hint)
        for i in range(n):
            if kinds[i] is None and keys[i] == hint_key:
                return i
        return None
    # The page header: up to the first prose line, at most _HEADER_ZONE_MAX substantive
    # lines (one-word menu items do not count, so a long menu does not hide the title).
    zone_end, substantive = n, 0
    for i in range(n):
        if kinds[i] is None and is_paragraph_like(lines[i]):
            zone_end = i
            break
        if _plain_len(keys[i]) >= 6:
            substantive += 1
            if substantive > _HEADER_ZONE_MAX:
                zone_end = i
                break
    candidates = [
        i for i in range(zone_end)
        if kinds[i] is None and _title_like(lines[i])
        # "中国青年报" alone: the source's line (not "社保断缴怎么补报", "如何退出合作社")
        and not (_plain_len(keys[i]) <= 12 and is_outlet(lines[i]) and not _QUESTION_WORD.search(lines[i]))
    ]
    first = next((i for i in range(n) if kinds[i] is None), n)  # the first line no rule took
    if first == zone_end < n - 1 and question_title(lines[first]) and is_paragraph_like(lines[first + 1]):
        candidates = [first]  # "X是什么?收到了怎么办?": a headline of questions, long enough to pass for prose
    if candidates:
        goes_on = continued(lines)  # a hard-wrapped paragraph's first line reads like a headline, and is none
        candidates = [i for i in candidates if not goes_on[i]]
    if any(_FIRST_SECTION.match(lines[i]) for i in candidates) and any(map(_SECOND_SECTION.match, lines)):
        # "一明确催收行为的违法性" over a later "二立即采取的应对措施": the first section's heading, its 、 lost
        candidates = [i for i in candidates if not _FIRST_SECTION.match(lines[i])]
    if not candidates:
        return None
    candidates = candidates[:_MAX_TITLE_CANDIDATES]
    copies: dict[str, list[int]] = {}  # each key's lines no rule took, in order
    for j in range(n):
        if kinds[j] is None:
            copies.setdefault(keys[j], []).append(j)
    best, best_score = None, float("-inf")
    for rank, i in enumerate(candidates):
        score = -min(0.5, 0.1 * rank)
        if _plain_len(keys[i]) >= 8:
            score += 0.5
        if any(j > i and not _block_copy(keys, i, j) for j in copies[keys[i]]):
            score += 2
        elif _reworded_copy_after(i, zone_end, kinds, keys):
            score += 1
        if any(kinds[j] in ("dateline", "byline") for j in range(max(0, i - 2), min(n, i + 3))):
            score += 0.5  # titles sit next to their date / source line
        if _SITE_NAME.search(keys[i]) and _plain_len(keys[i]) <= 12:
            score -= 0.5  # "某某网", "某某官方网站": the site's name, not the article's
        if _CHROME_WORD.search(keys[i]) and _plain_len(keys[i]) <= 12:
            score -= 1  # "登录/注册", "客户端下载": page chrome
        if "___" in lines[i]:
            score -= 2  # "甲方（债权人）：____": a template's blank field, not a title
        if len(_TRAIL_STEP.findall(lines[i])) >= 2:
            score -= 2  # "某某论坛 › 生活 › 社会新闻 › <title>": a trail ending in the title, which stands below
        if has_meta_field(fold(lines[i])):
            score -= 1  # a post header or profile line: "提问时间：09-18 14:22", "阅读 2,311"
        if score > best_score:
            best, best_score = i, score
    return best


def segment_lines(lines: list[str], *, title_hint: str | None = None) -> Segmentation:
    """Label every (non-empty, stripped) line with its kind; see the module docstring for the kinds."""
    n = len(lines)
    kinds: list[str | None] = [classify_line(line) for line in lines]
    comments: list[Comment] = []
    _mark_comments(lines, kinds, comments)
    _mark_followers(lines, kinds)

    for i in range(min(n, _SITE_HEADER_LINES)):
        if kinds[i] is None and _SITE_SLOGAN.fullmatch(fold(lines[i])):
            kinds[i] = "navigation"
    _mark_field_values(lines, kinds)
    _mark_author_names(lines, kinds)
    mark_post_headers(lines, kinds)
    _mark_profile_cards(lines, kinds)
    for i, line in enumerate(lines):
        if kinds[i] is None and is_photo_caption(fold(line)):
            kinds[i] = "caption"
    mark_promo_head(lines, kinds)
    keys = [heading_key(line) for line in lines]
    browser = None if title_hint else _browser_title(lines, kinds, keys)
    if browser:
        title_index, title_text = browser
        keys[title_index] = heading_key(title_text)
    else:
        title_index, title_text = _pick_title(lines, kinds, keys, title_hint), None
    title_key = (
        heading_key(title_hint) if title_hint else (keys[title_index] if title_index is not None else None)
    )
    if title_index is not None:
        kinds[title_index] = "title"
    first_body = next((i for i in range(n) if kinds[i] is None and is_paragraph_like(lines[i])), n)
    if title_key:
        near_left = _MAX_NEAR_REPEATS
        for j in range(n):
            if kinds[j] is not None:
                continue
            if keys[j] == title_key:
                kinds[j] = "title_repeat"
            elif (
                near_left
                and j < first_body
                and (title_index is None or abs(j - title_index) <= _NEAR_REPEAT_SPAN)
                and near_duplicate(keys[j], title_key)
            ):
                # a reworded copy of the title in the page header ("### <title variant>")
                kinds[j] = "title_repeat"
                near_left -= 1
    _mark_image_alts(lines, kinds, keys, title_key, first_body)
    if title_index is not None:
        before = [j for j in range(title_index) if kinds[j] is None and not is_paragraph_like(lines[j])]
        # Chrome before a title is menus and names; many substantive lines there mean
        # the title guess is doubtful, so they are kept rather than lost.
        if sum(1 for j in before if _plain_len(keys[j]) >= 6) <= _MAX_PREAMBLE_LINES:
            for j in before:
                kinds[j] = "preamble"

    _mark_listings(lines, kinds)
    _mark_footer(lines, kinds)
    _mark_short_runs(lines, kinds, keys)
    _mark_page_end(lines, kinds, title_index)
    keep_signature(lines, kinds)
    for i in table_rows(lines, kinds):
        kinds[i] = None

    levels: list[int | None] = [
        heading_level(line) if kinds[i] is None else None for i, line in enumerate(lines)
    ]
    _mark_toc(lines, kinds, levels, keys)
    refine_headings(lines, kinds, levels)

    final: list[str] = []
    for i in range(n):
        kind = kinds[i]
        if kind is None:
            kind = "heading" if levels[i] is not None else "paragraph"
        else:
            levels[i] = None
        final.append(kind)

    seg = Segmentation(lines=lines, kinds=final, levels=levels, title_index=title_index, comments=comments,
                       title_text=title_text)
    seg.anonymous_comments = sum(1 for c in comments if c.author is None)
    if not any(k in ("heading", "paragraph") for k in final):
        # Never lose an article to an over-eager rule: put back removed lines that read like prose.
        for i in range(n):
            if final[i] not in ("comment", "title", "title_repeat") and is_paragraph_like(lines[i]):
                final[i] = "paragraph"
                seg.restored += 1
    return seg


_MAX_POSITION_LINE = 30  # "王某某／某地院法官": a name and a position


def _fill_metadata(doc: Document, lines: list[str], kinds: list[str]) -> None:
    """Date, source and author from the removed meta lines and the body's news credits (never from comments).

    Labelled fields of a byline come first, then a credit the body opens with (its first
    kept lines: ``某某报讯（记者 …）``) or closes with (``（评论员 …）``), then the unlabelled
    outlet of a dateline. An editor is never taken for the author.
    """
    # a panel's list ("與談人：" over "陳某／執業律師", "李某／某地院法官") names speakers, not the writer (known
    # limit: entries apart, with a bio line between them, are each read as a writer)
    positions = {i for i, line in enumerate(lines) if len(line) <= _MAX_POSITION_LINE and ("/" in line or "／" in line)
                 and writer_position(line)}
    panel = {i for i in positions if i - 1 in positions or i + 1 in positions}
    meta = [line + (lines[i + 1] if value_under_label(lines, kinds, i) else "")
            for i, (line, kind) in enumerate(zip(lines, kinds, strict=True))  # "来源：" over "某某日报": one field
            if kind in ("dateline", "byline", "correction") and i not in panel]
    kept = [line for line, kind in zip(lines, kinds, strict=True) if kind in KEPT_KINDS]
    if doc.published_at is None:
        dated = [(i, line) for i, (line, kind) in enumerate(zip(lines, kinds, strict=True))
                 if kind in ("dateline", "byline", "correction", "widget", "preamble")]
        first_body = next((i for i, kind in enumerate(kinds) if kind in ("paragraph", "heading")), len(lines))
        # the header's date first: a labelled date after the body is a reply's or another article's
        doc.published_at = (publication_date([line for i, line in dated if i < first_body])
                            or publication_date([line for _, line in dated]))
    opening = next((line for line, kind in zip(lines, kinds, strict=True) if kind == "paragraph"), None)
    if doc.published_at is None and opening:
        doc.published_at = leading_date(opening)  # " date 2026-01-23 年近岁晚……", under the title or not
    if doc.published_at is None and len(kept) >= 2 and is_bare_stamp(fold(kept[-1])):
        doc.published_at = publication_date(kept[-1:])  # a notice's signature date, kept as its text
    for fields in [parse_byline(line) for line in meta] + [credit(line) for line in meta + kept[:3] + kept[-1:]]:
        doc.source_name = doc.source_name or fields.get("source")
        doc.author = doc.author or clean_name(fields.get("author"))
        doc.published_at = doc.published_at or fields.get("date")
    if doc.source_name is None:
        doc.source_name = next((s for line in meta if (s := dateline_source(line))), None)
    if doc.source_name is None:  # "据某某晚报报道，…" opening the body: the report it retells
        doc.source_name = reported_by(opening, meta) if opening else None
    if doc.author is None:  # a name alone on its line above the body ("魏某" over the first paragraph): the writer,
        # unless it is the value of the label above it ("责任编辑：" / "魏某": read with its label, or not at all)
        first_body = next((i for i, kind in enumerate(kinds) if kind in ("paragraph", "heading")), len(lines))
        doc.author = next((clean_name(fold(lines[i])) for i in range(first_body) if kinds[i] == "byline"
                           and is_name_line(fold(lines[i])) and not (i and value_under_label(lines, kinds, i - 1))),
                          None)


def _confidence(doc: Document, seg: Segmentation, body_chars: int, total_chars: int) -> float:
    """A 0..1 estimate that the kept body is the article: penalties for the signals of a poor extraction."""
    score = 1.0
    if seg.title_index is None and not doc.title:
        score -= 0.2
    if body_chars < 80:
        score -= 0.3
    elif body_chars < 200:
        score -= 0.1
    share = body_chars / total_chars if total_chars else 0.0
    if share < 0.15:
        score -= 0.2
    elif share < 0.3:
        score -= 0.1
    if seg.restored:
        score -= 0.4
    if seg.anonymous_comments:
        score -= 0.1
    score -= min(0.1, 0.05 * seg.kinds.count("preamble"))
    return round(max(0.0, min(1.0, score)), 2)


def extract_text(doc: Document, settings: Settings) -> None:
    """Fill ``doc`` from the plain-text scrape in ``doc.raw`` (one visible block per line)."""
    doc.removed = {}
    lines = [ln for ln in (clean_line(raw) for raw in doc.raw.splitlines()) if ln]
    seg = segment_lines(lines, title_hint=doc.title or None)

    if seg.title_index is not None:
        doc.title = seg.title_text or _TITLE_LABEL.sub("", lines[seg.title_index].lstrip("#").strip()) or None
    elif not doc.title and (m := _BRACKETED_TITLE.match(lines[0] if lines else "")):
        doc.title = m.group(1)  # "【标题】正文……": the headline set in brackets before the first sentence

    blocks: list[Block] = []
    items: list[tuple[str, int | None]] = []
    for i, (line, kind) in enumerate(zip(lines, seg.kinds, strict=True)):
        kept = kind in KEPT_KINDS
        blocks.append(Block(text=line, kind=kind, kept=kept))
        if not kept:
            doc.count_removed(kind, len(line))
        elif kind == "heading":
            items.append((line, seg.levels[i]))
        elif kind == "paragraph":
            items.append((without_leading_date(line) if not items else line, None))
    if settings.extract.keep_blocks:
        doc.blocks = blocks
    doc.sections = build_sections(items)
    doc.comments = seg.comments

    _fill_metadata(doc, lines, seg.kinds)

    body_chars = sum(
        len(re.sub(r"\s", "", p)) for s in doc.sections for p in ([s.heading or ""] + s.paragraphs)
    )
    total_chars = sum(len(re.sub(r"\s", "", ln)) for ln in lines)
    doc.extraction_confidence = _confidence(doc, seg, body_chars, total_chars)
    if seg.restored or doc.extraction_confidence < 0.6:
        doc.flag("low_confidence")
    if not doc.paragraphs and not any(s.heading for s in doc.sections):
        doc.quarantine("no article body found in text")
