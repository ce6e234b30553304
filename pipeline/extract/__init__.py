"""Extraction stage: raw HTML or plain text -> title, metadata, sections, comments.

``extract_document`` dispatches on ``doc.media_type`` to :mod:`.html` or
:mod:`.text`; both fill the same fields of the record (title, published_at,
author, source_name, site_name, canonical_url, sections, comments, blocks,
removed, extraction_confidence, flags).
"""

from __future__ import annotations

from pipeline.config import Settings
from pipeline.record import Document


def extract_document(doc: Document, settings: Settings) -> None:
    """Fill ``doc``'s structure from ``doc.raw``; quarantine it when no article body is found."""
    if doc.media_type == "html":
        from pipeline.extract.html import extract_html

        extract_html(doc, settings)
    else:
        from pipeline.extract.text import extract_text

        extract_text(doc, settings)


def extract_batch(docs: list[Document], settings: Settings) -> list[Document]:
    """Run :func:`extract_document` on every pending document of the batch."""
    for doc in docs:
        if not doc.done:
            extract_document(doc, settings)
    return docs
