"""Tag stage: topics with scores and evidence, and top keywords.

Placeholder wiring; the real tagger lives in this package.
"""

from __future__ import annotations

from pipeline.config import Settings
from pipeline.record import Document


def tag_document(doc: Document, settings: Settings) -> None:
    """Set ``doc.topics`` (every topic, assigned or not) and ``doc.keywords``."""


def tag_batch(docs: list[Document], settings: Settings) -> list[Document]:
    for doc in docs:
        if not doc.done:
            tag_document(doc, settings)
    return docs
