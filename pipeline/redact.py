"""Redaction stage: personal data out of title, body and comments before anything is written.

Placeholder wiring; the real redactor replaces this module.
"""

from __future__ import annotations

import re

from pipeline.config import Settings
from pipeline.record import Document

_PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def redact_text(text: str) -> tuple[str, dict[str, int]]:
    counts: dict[str, int] = {}
    for kind, pat, repl in (("phone", _PHONE, "[电话]"), ("email", _EMAIL, "[邮箱]")):
        text, n = pat.subn(repl, text)
        if n:
            counts[kind] = counts.get(kind, 0) + n
    return text, counts


def redact_document(doc: Document, settings: Settings) -> None:
    def apply(s: str) -> str:
        out, counts = redact_text(s)
        doc.redactions.update(counts)
        return out

    if doc.title:
        doc.title = apply(doc.title)
    for sec in doc.sections:
        if sec.heading:
            sec.heading = apply(sec.heading)
        sec.paragraphs = [apply(p) for p in sec.paragraphs]
    for c in doc.comments:
        c.text = apply(c.text)


def redact_batch(docs: list[Document], settings: Settings) -> list[Document]:
    for doc in docs:
        if not doc.done:
            redact_document(doc, settings)
    return docs
