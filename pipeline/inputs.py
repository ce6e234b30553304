"""What every reader of inputs shares: a quarantined entry, the oversized reason, the empty-text
check and a crawl's fetch time.

Files (:mod:`pipeline.ingest`), JSON crawl files (:mod:`pipeline.crawl_records`) and WARC
archives (:mod:`pipeline.warc`) each turn bytes into documents their own way; they say what went
wrong in the same words, so the manifest reads alike whatever the input was.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from pipeline.record import Document


def quarantined(rel: str, reason: str, data: bytes = b"", sha256: str | None = None) -> Document:
    """The entry of an input that cannot become an article: its key, digest, size and reason."""
    doc = Document(path=rel, sha256=sha256 or hashlib.sha256(data).hexdigest(), size=len(data))
    doc.quarantine(reason)
    return doc


def oversized(size: int, cap: int, what: str, setting: str) -> str:
    """The quarantine reason of an input over its cap, in bytes (the unit of the setting), both exact."""
    return f"oversized: {what} of {size:,} bytes is over the {cap:,}-byte cap ({setting})"


def check_text(doc: Document) -> None:
    """Quarantine a decoded document with nothing but whitespace in it."""
    if not doc.raw.strip():
        doc.quarantine("empty: no text after decoding")


def timestamp(value: object) -> str | None:
    """A crawl's fetch time (a record's ``fetched_at``, a ``WARC-Date``) if it is a real ISO 8601
    date or date-time, else None."""
    if not isinstance(value, str) or not 10 <= len(value.strip()) <= 40:
        return None
    v = value.strip()
    try:
        datetime.fromisoformat(v[:-1] + "+00:00" if v.endswith(("Z", "z")) else v)
    except ValueError:
        return None
    return v
