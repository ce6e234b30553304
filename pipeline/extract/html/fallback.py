"""The fallback for pages libxml2 cannot use (no tree, or a tree without text): bs4 with
Python's ``html.parser`` recovers the visible lines, which go through the text extractor's
line rules and are flagged ``low_confidence`` instead of a quarantine.
"""

from __future__ import annotations

from pipeline.config import Settings
from pipeline.extract import html_meta
from pipeline.extract.html.cues import _BLOCK_TAGS, MAX_BLOCKS, _norm, _ntok, classify_line
from pipeline.record import Block, Document, Section


def _no_body(doc: Document) -> None:
    doc.extraction_confidence = 0.0
    doc.quarantine("no article body found in HTML")
# What the fallback parse drops: never text a reader sees. <noscript> stays: some pages (single-page
# forums) put their whole server-rendered content there.
_SOUP_DROP = ["head", "script", "style", "template", "svg", "canvas", "iframe", "object", "embed", "select",
              "option", "button", "textarea", "math", "audio", "video"]


def _soup_lines(raw: str) -> tuple[list[str], str | None]:
    """Visible lines and ``<title>`` of a page, through bs4 with Python's ``html.parser``.

    libxml2 gives up on some pages (nesting deeper than it keeps: every element
    past depth 256 is lost, often the whole body; markup it cannot recover);
    ``html.parser`` is slower but keeps going, so a broken page yields its text.
    """
    from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

    soup = BeautifulSoup(raw, "html.parser")
    title = _norm(soup.title.get_text()) if soup.title else None
    for el in soup(_SOUP_DROP):
        el.decompose()
    parts: list[str] = []
    for node in soup.descendants:
        if isinstance(node, Tag):
            if node.name in _BLOCK_TAGS or node.name == "br":
                parts.append("\n")
        elif isinstance(node, NavigableString) and not isinstance(
            node, Comment | Declaration | Doctype | ProcessingInstruction
        ):
            parts.append(str(node))
    return [_norm(x) for x in "".join(parts).splitlines()], title or None


def _text_fallback(doc: Document, raw: str, pm: html_meta.PageMeta | None, settings: Settings) -> None:
    """Last resort when lxml yields no text: the lines bs4 recovers, boilerplate lines left out."""
    lines, soup_title = _soup_lines(raw)
    lines = [x for x in lines if _ntok(x) >= 2 and not classify_line(x, False)]
    if pm is not None:
        title, site = html_meta.meta_title(pm)
        doc.title = title or doc.title
        doc.site_name = html_meta.meta_site(pm) or site or doc.site_name
        doc.canonical_url = html_meta.canonical_url(pm, doc.url)
        doc.published_at = html_meta.meta_date(pm) or doc.published_at
    doc.title = doc.title or soup_title
    if not lines:
        _no_body(doc)
        return
    doc.sections = [Section(heading=None, paragraphs=lines, level=0)]
    doc.blocks = (
        [Block(text=x, kind="paragraph", kept=True) for x in lines[:MAX_BLOCKS]]
        if settings.extract.keep_blocks
        else []
    )
    doc.extraction_confidence = 0.2
    doc.flag("low_confidence")
