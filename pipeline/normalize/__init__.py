"""Normalisation stage: Traditional -> Simplified, pinyin, mojibake, width and punctuation.

Placeholder wiring; the real steps live in the modules of this package.
"""

from __future__ import annotations

from pipeline.config import Settings
from pipeline.record import Document


def normalize_document(doc: Document, settings: Settings) -> None:
    """Rewrite ``doc``'s title, headings, paragraphs and comments in place."""


def normalize_batch(docs: list[Document], settings: Settings) -> list[Document]:
    """Run :func:`normalize_document` on every pending document of the batch."""
    for doc in docs:
        if not doc.done:
            normalize_document(doc, settings)
    return docs
