"""Extraction stage: raw HTML or plain text -> title, metadata, sections, comments.

``extract_document`` dispatches on ``doc.media_type`` to :mod:`.html` or
:mod:`.text`; both fill the same fields of the record (title, published_at,
author, source_name, site_name, canonical_url, sections, comments, blocks,
removed, extraction_confidence, flags).
"""

from __future__ import annotations

import re

from pipeline.chars import HAN_BMP_RE, HANGUL_RE, KANA_RE
from pipeline.config import Settings
from pipeline.extract.unwrap import unwrap
from pipeline.record import Document

_LATIN = re.compile(r"[A-Za-z]")
_SPACE = re.compile(r"\s+")


def check_body(doc: Document, settings: Settings) -> None:
    """Quarantine a document whose extracted body is too short or not Chinese.

    Runs after either extractor, so both input kinds get the same gate and the
    same wording in the manifest.
    """
    if doc.done:
        return
    body = _SPACE.sub("", doc.text)
    if len(body) > settings.extract.max_body_chars:
        doc.quarantine(
            f"oversized body: {len(body):,} characters of text after extraction "
            f"(maximum {settings.extract.max_body_chars:,}, extract.max_body_chars)"
        )
        return
    if len(body) < settings.extract.min_body_chars:
        doc.quarantine(
            f"no article body: {len(body)} characters of text after extraction "
            f"(minimum {settings.extract.min_body_chars}, extract.min_body_chars)"
        )
        return
    han = len(HAN_BMP_RE.findall(body))
    letters = han + len(_LATIN.findall(body)) + len(HANGUL_RE.findall(body))
    if letters == 0:
        doc.quarantine("not Chinese: the extracted text has no letters (no Han, Latin or Hangul)")
        return
    if han / letters < settings.ingest.min_han_ratio:
        doc.quarantine(
            f"not Chinese: {round(100 * han / letters)}% of the letters in the extracted text are Han characters "
            f"(minimum {round(100 * settings.ingest.min_han_ratio)}%, ingest.min_han_ratio)"
        )
        return
    kana = len(KANA_RE.findall(body))
    if kana and kana / (han + kana) > settings.ingest.max_kana_ratio:
        doc.quarantine(
            f"not Chinese: Japanese, {round(100 * kana / (han + kana))}% of the Han and kana characters are kana "
            f"(maximum {round(100 * settings.ingest.max_kana_ratio)}%, ingest.max_kana_ratio)"
        )


def extract_document(doc: Document, settings: Settings) -> None:
    """Fill ``doc``'s structure from ``doc.raw``; quarantine it when no article body is found."""
    if doc.media_type == "html":
        from pipeline.extract.html import extract_html

        extract_html(doc, settings)
    else:
        from pipeline.extract.text import extract_text

        extract_text(doc, settings)
    for section in doc.sections:  # lines broken at a fixed width (old pages, text posts) back into paragraphs
        section.paragraphs = unwrap(section.paragraphs)
    limit = settings.extract.max_title_chars
    if doc.title and len(doc.title) > limit:  # no headline is that long; a stuffed <title> would swell every output
        doc.title = doc.title[: limit - 1].rstrip() + "…"
    check_body(doc, settings)


def extract_batch(docs: list[Document], settings: Settings) -> list[Document]:
    """Run :func:`extract_document` on every pending document of the batch."""
    for doc in docs:
        if not doc.done:
            extract_document(doc, settings)
    return docs
