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
blocks (the HTML extractor may reuse it); :func:`extract_text` applies it to
``doc.raw`` and fills the record. When unsure a line is kept: if nothing is
left, removed lines that read like prose are put back and the document is
flagged ``low_confidence``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.config import Settings
from pipeline.extract.boilerplate import (
    LIST_HEADERS,
    classify_line,
    dateline_source,
    fold,
    is_contact_line,
    is_list_title,
    parse_byline,
)
from pipeline.extract.comments import parse_comments, parse_meta
from pipeline.extract.dates import parse_date
from pipeline.extract.line_rules import is_name_line, is_photo_caption
from pipeline.extract.sections import build_sections, heading_key, heading_level
from pipeline.record import Block, Comment, Document

KEPT_KINDS: frozenset[str] = frozenset({"title", "heading", "paragraph"})

_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
_PROSE_END = re.compile(r"[。!?;…]")
_FULL_STOP = re.compile(r"[。;…]")
_BAD_TITLE_END = re.compile(r"[。;,、::]$")
_LEADING_NUMBER = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇两\d]+[章节篇部分]+|[一二三四五六七八九十]+[、.]|[(][一二三四五六七八九十\d]+[)]|\d+(?:\.\d+)*[.、]?)\s*"
)
_HEADER_ZONE_MAX = 25
_MAX_LIST_ITEMS = 20
_MAX_NEAR_REPEATS = 2
_MAX_PREAMBLE_LINES = 12
_NEAR_REPEAT_SPAN = 8
_MAX_LIST_CHARS = 600
_SITE_NAME = re.compile(r"(?:网|官网|网站|官方网站|首页|频道|平台|门户)$")
_CHROME_WORD = re.compile(r"登录|注册|下载|客户端|反馈|无障碍|公开课|订阅|会员|[/|»>]")
_HAN = re.compile(r"[\u3400-\u9fff]")


def _plain_len(text: str) -> int:
    return sum(1 for c in text if c.isalnum())


def clean_line(line: str) -> str:
    """A scraped line without invisible characters and surrounding space (empty: not a block)."""
    return _INVISIBLE.sub("", line).strip()


def is_paragraph_like(line: str) -> bool:
    """A line that reads like body prose (long, or a sentence with a full stop)."""
    f = fold(line)
    n = _plain_len(f)
    if n >= 50 or (n >= 15 and _FULL_STOP.search(f)):
        return True
    # "?"/"!" alone also end titles ("遇到X怎么办？这几招管用"); only a longer line is prose.
    return n >= 30 and bool(_PROSE_END.search(f))


def _title_like(line: str) -> bool:
    f = fold(line)
    n = _plain_len(f)
    if n < 4 or n > 80 or _BAD_TITLE_END.search(f) or "。" in f[:-1]:
        return False
    if len(_HAN.findall(f)) < 2:
        return False  # "MAIL", "VR/AR": a Chinese article title has Chinese in it
    level = heading_level(line)
    if level is None:
        return True
    # "# Title" / "## Title" may be the page title; numbered or deeper headings are sections.
    return line.lstrip().startswith("#") and level <= 2


def _bigrams(key: str) -> set[str]:
    return {key[i : i + 2] for i in range(len(key) - 1)} if len(key) > 1 else {key}


def near_duplicate(a: str, b: str, threshold: float = 0.7) -> bool:
    """Dice coefficient of character bigrams of two keys >= ``threshold`` (both at least 6 characters)."""
    if len(a) < 6 or len(b) < 6:
        return a == b and bool(a)
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) >= threshold


def _unnumbered(key: str) -> str:
    return _LEADING_NUMBER.sub("", key, count=1)


@dataclass
class Segmentation:
    """The verdict for every line: ``kinds[i]`` and, for headings, ``levels[i]``."""

    lines: list[str]
    kinds: list[str]
    levels: list[int | None]
    title_index: int | None = None
    comments: list[Comment] = field(default_factory=list)
    restored: int = 0  # removed lines put back because nothing else was left
    anonymous_comments: int = 0


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
            while j < n and kinds[j] in (None, kind) and is_list_title(lines[j]):
                j += 1
            listed = range(i + 1, j)
            # A link list is a handful of titles; a longer run of short lines is content
            # (captions, verse, a list) under a header that lost its own items.
            if len(listed) <= _MAX_LIST_ITEMS and sum(len(lines[k]) for k in listed) <= _MAX_LIST_CHARS:
                for k in listed:
                    kinds[k] = kind


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
    candidates = [i for i in range(zone_end) if kinds[i] is None and _title_like(lines[i])]
    if not candidates:
        return None
    best, best_score = None, float("-inf")
    for rank, i in enumerate(candidates):
        score = -min(0.5, 0.1 * rank)
        if _plain_len(keys[i]) >= 8:
            score += 0.5
        if any(keys[j] == keys[i] for j in range(i + 1, n) if kinds[j] is None):
            score += 2
        else:
            near = [
                j for j in range(zone_end) if j != i and kinds[j] is None and near_duplicate(keys[j], keys[i])
            ]
            # a reworded copy after it supports a title; many look-alikes are a list pattern
            if len(near) <= _MAX_NEAR_REPEATS and any(j > i for j in near):
                score += 1
        if any(kinds[j] in ("dateline", "byline") for j in range(max(0, i - 2), min(n, i + 3))):
            score += 0.5  # titles sit next to their date / source line
        if _SITE_NAME.search(keys[i]) and _plain_len(keys[i]) <= 12:
            score -= 0.5  # "某某网", "某某官方网站": the site's name, not the article's
        if _CHROME_WORD.search(keys[i]) and _plain_len(keys[i]) <= 12:
            score -= 1  # "登录/注册", "客户端下载": page chrome
        if score > best_score:
            best, best_score = i, score
    return best


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


_MIN_LINK_RUN = 4  # short lines in a row, between two prose lines, that make a menu or a headline list
_MIN_EDGE_RUN = 3
_FUNCTION_CHARS = frozenset("的了是在和有就不也都被把这那我你他她们会要能说对与及或而但如果因为所以吗呢吧啊着过很还再又才让给从向已没")
_MIN_FUNCTION = 1
_LEAD_IN = re.compile(r"[::]$")
_LIST_MARK = re.compile(r"^(?:[-*+•·●○◆◇▪■□►▶✓✔]|\(?\d{1,2}[).、]|[①-⑳])")
_INNER_SENTENCE = re.compile(r"[。;!?,、]|[^\s::]{2}[::]\s*\S")


def _protected(line: str) -> bool:
    """A short line that is content by its shape: a numbered heading, a list item, a lead-in, a clause."""
    f = fold(line)
    if _MIN_FUNCTION and sum(1 for c in f if c in _FUNCTION_CHARS) >= _MIN_FUNCTION:
        return True
    return bool(
        _LEADING_NUMBER.match(f) or _LIST_MARK.match(f.lstrip()) or _LEAD_IN.search(f)
        or _INNER_SENTENCE.search(f) or heading_level(line) is not None
    )


def _mark_short_runs(lines: list[str], kinds: list[str | None]) -> None:
    """Runs of short lines around the prose: menus, headline lists and chrome of a whole-page scrape.

    The body is where the prose lines are. Outside it (between the title, or the page top,
    and the first prose line, and after the last one) a short line is chrome unless its
    shape says content (numbered, a list item, a lead-in ending in a colon, a clause with a
    comma or a ``label:`` value); between two prose lines a run of ``_MIN_LINK_RUN`` or more
    such lines is a menu or a list of other articles' headlines, while one to three are
    headings and captions. Always kept: a list under a lead-in ("需要准备:"), the line just
    before a prose line (the heading of what follows), and the last line of a text that
    ends right after prose (a page cut off mid-paragraph).
    """
    n = len(lines)
    prose = [i for i in range(n) if kinds[i] is None and is_paragraph_like(lines[i])]
    if not prose:
        return
    title = next((i for i in range(n) if kinds[i] == "title"), None)
    i = title + 1 if title is not None else prose[0]
    while i < n:
        if kinds[i] is not None or is_paragraph_like(lines[i]):
            i += 1
            continue
        j = i  # the run: unclassified short lines and boilerplate lines, up to the next prose line or title
        while j < n and kinds[j] != "title" and not (kinds[j] is None and is_paragraph_like(lines[j])):
            j += 1
        run = [k for k in range(i, j) if kinds[k] is None]
        tail, head = i > prose[-1], j <= prose[0]
        lead = _LEAD_IN.search(fold(lines[i - 1])) is not None if i > 0 else False
        free = [k for k in run if not _protected(lines[k])]
        if j < n and free and free[-1] == j - 1:
            free.pop()  # the heading of the prose that follows
        if tail and j == n and run and run[-1] == n - 1 and run[0] == prose[-1] + 1 and len(run) == 1:
            free = []  # a page cut off mid-paragraph: its last line is the rest of the prose
        size = len(free) + (j - i - len(run))  # chrome already named by the line rules counts too
        if not lead and ((tail or head) and size >= _MIN_EDGE_RUN or size >= _MIN_LINK_RUN):
            family = "preamble" if head else "footer" if tail else "navigation"
            for k in free:
                kinds[k] = family
        i = max(j, i + 1)


def segment_lines(lines: list[str], *, title_hint: str | None = None) -> Segmentation:
    """Label every (non-empty, stripped) line with its kind; see the module docstring for the kinds."""
    n = len(lines)
    kinds: list[str | None] = [classify_line(line) for line in lines]
    comments: list[Comment] = []
    _mark_comments(lines, kinds, comments)
    _mark_followers(lines, kinds)

    _mark_author_names(lines, kinds)
    for i, line in enumerate(lines):
        if kinds[i] is None and is_photo_caption(fold(line)):
            kinds[i] = "caption"
    keys = [heading_key(line) for line in lines]
    title_index = _pick_title(lines, kinds, keys, title_hint)
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

    _mark_footer(lines, kinds)
    _mark_short_runs(lines, kinds)
    for i in table_rows(lines):
        kinds[i] = None

    levels: list[int | None] = [
        heading_level(line) if kinds[i] is None else None for i, line in enumerate(lines)
    ]
    _mark_toc(lines, kinds, levels, keys)

    final: list[str] = []
    for i in range(n):
        kind = kinds[i]
        if kind is None:
            kind = "heading" if levels[i] is not None else "paragraph"
        else:
            levels[i] = None
        final.append(kind)

    seg = Segmentation(lines=lines, kinds=final, levels=levels, title_index=title_index, comments=comments)
    seg.anonymous_comments = sum(1 for c in comments if c.author is None)
    if not any(k in ("heading", "paragraph") for k in final):
        # Never lose an article to an over-eager rule: put back removed lines that read like prose.
        for i in range(n):
            if final[i] not in ("comment", "title", "title_repeat") and is_paragraph_like(lines[i]):
                final[i] = "paragraph"
                seg.restored += 1
    return seg


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
        doc.title = lines[seg.title_index].lstrip("#").strip()

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
            items.append((line, None))
    if settings.extract.keep_blocks:
        doc.blocks = blocks
    doc.sections = build_sections(items)
    doc.comments = seg.comments

    # Metadata from the removed meta lines (never from comments).
    for line, kind in zip(lines, seg.kinds, strict=True):
        if kind in ("dateline", "byline", "correction", "widget", "preamble") and doc.published_at is None:
            doc.published_at = parse_date(line)
        if kind in ("dateline", "byline", "correction"):
            fields = parse_byline(line)
            doc.source_name = doc.source_name or fields.get("source")
            doc.author = doc.author or fields.get("author")
    if doc.source_name is None:
        for line, kind in zip(lines, seg.kinds, strict=True):
            if kind == "dateline":
                doc.source_name = dateline_source(line)
                if doc.source_name:
                    break
    if doc.author is None:
        for line, kind in zip(lines, seg.kinds, strict=True):
            if kind in ("dateline", "byline", "correction"):
                editor = parse_byline(line).get("editor")
                if editor:
                    doc.author = editor
                    break

    body_chars = sum(
        len(re.sub(r"\s", "", p)) for s in doc.sections for p in ([s.heading or ""] + s.paragraphs)
    )
    total_chars = sum(len(re.sub(r"\s", "", ln)) for ln in lines)
    doc.extraction_confidence = _confidence(doc, seg, body_chars, total_chars)
    if seg.restored or doc.extraction_confidence < 0.6:
        doc.flag("low_confidence")
    if not doc.paragraphs and not any(s.heading for s in doc.sections):
        doc.quarantine("no article body found in text")
