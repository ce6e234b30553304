"""Plain-text scrape extraction (placeholder: every line is content)."""

from __future__ import annotations

from pipeline.config import Settings
from pipeline.record import Document, Section


def extract_text(doc: Document, settings: Settings) -> None:
    lines = [ln.strip() for ln in doc.raw.splitlines() if ln.strip()]
    doc.title = lines[0] if lines else None
    doc.sections = [Section(heading=None, paragraphs=lines[1:])]
