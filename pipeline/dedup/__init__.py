"""Dedup stage: repeated blocks inside an article, exact copies, near-duplicates, across runs.

Placeholder wiring (exact copies only); the real stage lives in this package.

Contract used by :mod:`pipeline.flows`:

* ``prepare_batch(docs, settings)`` - per document, pure: drop repeated
  paragraphs, set ``doc.body_hash``, ``doc.id`` (stable, content-derived) and
  ``doc.signature``.
* ``candidate(doc) -> Candidate`` - the small picklable key used globally.
* ``resolve(cands, conn, settings) -> Resolution`` - global: decide which
  candidates are copies of each other or of articles indexed by earlier runs.
* ``index_articles(conn, cands, run_id)`` - add written articles to the index,
  inside the caller's transaction.
* ``ensure_schema(conn)`` - create the index tables.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass, field

from pipeline.config import Settings
from pipeline.record import Document, SeenAt

_KEY_DROP = re.compile(r"[\W_]+", re.UNICODE)


def body_key(text: str) -> str:
    """Comparison form of a body: no whitespace or punctuation."""
    return _KEY_DROP.sub("", text)


@dataclass(slots=True)
class Candidate:
    """What the global resolution needs to know about one written-to-be article."""

    path: str
    id: str
    body_hash: str
    length: int
    url: str | None = None
    site: str | None = None
    date: str | None = None


@dataclass(slots=True)
class Decision:
    """``duplicate_of`` is None for an article that will be written."""

    duplicate_of: str | None = None
    similarity: float | None = None


@dataclass(slots=True)
class Resolution:
    decisions: dict[str, Decision] = field(default_factory=dict)
    seen_at: dict[str, list[SeenAt]] = field(default_factory=dict)


def prepare_document(doc: Document, settings: Settings) -> None:
    key = body_key(doc.text)
    doc.body_hash = hashlib.sha256(key.encode("utf-8")).hexdigest()
    doc.id = doc.body_hash[:16]


def prepare_batch(docs: list[Document], settings: Settings) -> list[Document]:
    for doc in docs:
        if not doc.done:
            prepare_document(doc, settings)
    return docs


def candidate(doc: Document) -> Candidate:
    assert doc.id and doc.body_hash
    return Candidate(doc.path, doc.id, doc.body_hash, len(doc.text), doc.url, doc.site_name, doc.published_at)


def ensure_schema(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, body_hash TEXT, path TEXT, run_id TEXT)")


def resolve(cands: list[Candidate], conn: sqlite3.Connection, settings: Settings) -> Resolution:
    res = Resolution()
    seen: dict[str, str] = {}
    for c in cands:
        row = conn.execute("SELECT id FROM articles WHERE body_hash = ?", (c.body_hash,)).fetchone()
        first = row[0] if row else seen.get(c.body_hash)
        if first is None:
            seen[c.body_hash] = c.id
            res.decisions[c.path] = Decision()
        else:
            res.decisions[c.path] = Decision(duplicate_of=first, similarity=1.0)
            res.seen_at.setdefault(first, []).append(SeenAt(path=c.path, url=c.url, site=c.site, date=c.date))
    return res


def index_articles(conn: sqlite3.Connection, cands: list[Candidate], run_id: str) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO articles (id, body_hash, path, run_id) VALUES (?, ?, ?, ?)",
        [(c.id, c.body_hash, c.path, run_id) for c in cands],
    )
