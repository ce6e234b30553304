"""Extraction stage: raw HTML or plain text -> title, metadata, sections, comments.

Placeholder wiring; the real extractor lives in the modules of this package.
"""

from __future__ import annotations

import re

from pipeline.config import Settings
from pipeline.record import Document, Section


def extract_document(doc: Document, settings: Settings) -> None:
    """Fill ``doc``'s structure from ``doc.raw``."""
    if doc.media_type == "html":
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(doc.raw, "lxml")
        for tag in soup(["script", "style", "noscript"]):
            tag.decompose()
        doc.title = soup.title.get_text(strip=True) if soup.title else None
        lines = [ln.strip() for ln in soup.get_text("\n").splitlines()]
    else:
        lines = [ln.strip() for ln in doc.raw.splitlines()]
    lines = [ln for ln in lines if ln and re.search(r"[\u4e00-\u9fff]", ln)]
    if doc.title is None and lines:
        doc.title = lines[0]
    doc.sections = [Section(heading=None, paragraphs=lines)]


def extract_batch(docs: list[Document], settings: Settings) -> list[Document]:
    """Run :func:`extract_document` on every pending document of the batch."""
    for doc in docs:
        if not doc.done:
            extract_document(doc, settings)
    return docs
