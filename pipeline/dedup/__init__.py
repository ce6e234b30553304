"""Dedup stage: repeated blocks inside an article, exact copies, near-duplicates, across runs.

Contract used by :mod:`pipeline.flows` / :mod:`pipeline.batch` / :mod:`pipeline.store`:

* ``prepare_document(doc, settings)`` / ``prepare_batch(docs, settings)`` - per
  document, pure: drop repeated paragraphs and lines (:mod:`.inner`, counted in
  ``doc.removed['repeat']``), set ``doc.body_hash`` (SHA-256 of the comparison
  key), ``doc.id`` (its first 16 hex digits: stable, content-derived) and
  ``doc.signature`` (a :class:`Fingerprint`: MinHash, LSH band keys, packed
  shingle set).
* ``candidate(doc) -> Candidate`` - the small picklable key used globally.
* ``resolve(cands, conn, settings, moved) -> Resolution`` - global and read-only:
  which candidates are copies of each other or of articles indexed by earlier
  runs (:mod:`.resolver`), and which are an indexed article's own input moved
  to another path (``moved``, a :data:`MoveCheck`: the caller knows what each input holds).
* ``index_articles(conn, cands, run_id)`` - add written articles to the index,
  inside the caller's transaction (:mod:`.index`).
* ``ensure_schema(conn)`` - create the index tables.
* ``rebuild(conn, articles_dir, settings)`` - recreate the index from the
  written article JSON files (``pipeline dedup rebuild``).

Decision rules
--------------
* Comparison form: NFKC, lower case, whitespace/punctuation/symbols dropped
  (:func:`body_key`). Titles are never compared: only bodies decide.
* Exact copy: same SHA-256 of the comparison form -> ``method='exact'``, similarity 1.
* Near copy: character ``ngram``-shingles of the comparison form, one-permutation
  MinHash with ``num_perm`` bins, LSH with ``bands`` bands of ``num_perm // bands``
  rows; every LSH pair is verified on the real shingle sets. Duplicate when
  Jaccard >= ``threshold`` (``method='near'``, similarity = Jaccard) or when the
  smaller body is contained in the larger at >= ``containment_threshold``
  (``method='containment'``, similarity = containment; a clipped copy, or a
  copy with added header/footer lines).
* Canonical: an article written by an earlier run always stays canonical (its id
  is public); within a run the most complete body (longest comparison key),
  then the earliest ``published_at``, then the smallest id, then the path. A
  copy joins a cluster when verified against its canonical or against a member
  that was (``Decision.via``): at most two links, no long chains.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from pipeline.chars import HAN_BMP, QUESTION_WORDS
from pipeline.config import Settings
from pipeline.dedup import minhash as mh
from pipeline.dedup.index import IndexMismatch, ensure_schema, index_articles, rebuild, stats
from pipeline.dedup.inner import drop_repeats, line_key
from pipeline.dedup.minhash import body_key
from pipeline.record import Document, SeenAt

__all__ = [
    "Candidate",
    "Decision",
    "Fingerprint",
    "IndexMismatch",
    "MoveCheck",
    "Resolution",
    "body_key",
    "candidate",
    "candidate_from_text",
    "drop_repeats",
    "ensure_schema",
    "fingerprint",
    "index_articles",
    "line_key",
    "prepare_batch",
    "prepare_document",
    "rebuild",
    "resolve",
    "shingles_of",
    "spill",
    "stats",
]


@dataclass(slots=True)
class Fingerprint:
    """What prepare computes once per document (stored in ``doc.signature``)."""

    minhash: np.ndarray  # uint32[num_perm]
    band_keys: np.ndarray  # int64[bands + OPENING_KEYS]: the LSH bands, then the opening keys
    shingles: bytes  # packed sorted set of 32-bit shingle hashes
    nshingles: int
    key_len: int
    ngram: int
    bands: int


@dataclass(slots=True)
class Candidate:
    """What the global resolution needs to know about one written-to-be article (~3-5 KB pickled)."""

    path: str
    id: str
    body_hash: str
    length: int  # len(doc.text)
    url: str | None = None
    site: str | None = None
    date: str | None = None
    key_len: int = 0  # length of the comparison form: "most complete body"
    nshingles: int = 0  # 0: too short for near-duplicate search (exact only)
    ngram: int = 0
    num_perm: int = 0
    bands: int = 0
    minhash: bytes = b""  # uint32 little-endian
    band_keys: bytes = b""  # int64 little-endian
    shingles: bytes = b""  # see minhash.pack_shingles; empty once spilled to a file (see :func:`spill`)
    spilled: tuple[str, int, int] | None = None  # (file, offset, length) of the packed shingles
    input_sha256: str = ""  # the input's bytes: tells a moved input from a copy (see :func:`resolve`)
    damaged: bool = False  # garbled, undecodable or lost characters: gives way to a clean copy near its length
    titled: bool = False  # the page states a title: among complete copies, the one that does is published


MoveCheck = Callable[["Candidate", str, str], bool]
"""``moved(candidate, article_id, indexed_path)``: is this candidate the input that produced the
indexed article, now at another path (the same bytes, which the old path no longer holds)?"""


def spill(cands: list[Candidate], path: str | Path) -> list[Candidate]:
    """Write the candidates' packed shingle sets to ``path``; return copies that only point at them.

    A run keeps one candidate per document until its global dedup step. The shingle sets are
    most of a candidate's size (~2 bytes per character of body) and are only read for the few
    pairs LSH proposes, so they wait on disk: what a run holds per document stays ~1 KB.
    """
    light: list[Candidate] = []
    name = str(path)  # one string for the whole file, not one per candidate
    with open(path, "wb") as fh:
        for c in cands:
            offset = fh.tell()
            fh.write(c.shingles)
            light.append(replace(c, shingles=b"", spilled=(name, offset, len(c.shingles))))
    return light


def shingles_of(c: Candidate) -> bytes:
    """The packed shingle set of a candidate, read back from its spill file when it was spilled."""
    if c.shingles or c.spilled is None:
        return c.shingles
    path, offset, length = c.spilled
    with open(path, "rb") as fh:
        fh.seek(offset)
        data = fh.read(length)
    if len(data) != length:
        raise OSError(f"spill file {path} is truncated")
    return data


@dataclass(slots=True)
class Decision:
    """``duplicate_of`` is None for an article that will be written.

    ``method``: ``exact`` (same body hash), ``near`` (Jaccard >= threshold) or
    ``containment`` (clipped / framed copy); ``similarity`` is the measure that
    decided (1.0, the Jaccard, or the containment). A copy is verified against
    the canonical when possible, else against another verified member of the
    same cluster (``via``; e.g. a clipped copy of an original whose longer,
    expanded republication became canonical).
    """

    duplicate_of: str | None = None
    similarity: float | None = None
    jaccard: float | None = None
    containment: float | None = None
    method: str | None = None
    via: str | None = None  # path of the cluster member the copy was verified against, when not the canonical
    moved_from: str | None = None  # this input was at that path before (an article's source, or a copy, moved)


@dataclass(slots=True)
class Resolution:
    decisions: dict[str, Decision] = field(default_factory=dict)
    seen_at: dict[str, list[SeenAt]] = field(default_factory=dict)
    stats: dict[str, int] = field(default_factory=dict)


# A copy cut to its opening (an excerpt ending in "阅读全文") shares too few shingles with the whole
# article for LSH to propose the pair (Jaccard about 0.3 for a quarter: found about half the time), although
# the article contains it whole. Such a copy keeps the article's opening paragraphs word for word, so
# two more keys stand beside the LSH bands: the opening paragraphs hashed in consecutive pairs
# (paragraphs of OPENING_MIN comparison characters or more: not headings). A pair, not one paragraph,
# so that articles spun from one template, which share a lead paragraph, do not all land in one
# bucket; an added header paragraph on either copy still leaves one pair in common. A document with
# fewer long paragraphs repeats its first band key (no new bucket). Proposed pairs are verified as
# any other, so the keys add candidates, never duplicates.
OPENING_MIN = 40
OPENING_KEYS = 2


def opening_keys(text: str) -> list[int]:
    """Keys of the body's opening paragraphs (their comparison forms), in consecutive pairs (at most
    :data:`OPENING_KEYS`)."""
    paras = mh.long_line_keys(text, OPENING_MIN, OPENING_KEYS + 1)
    return [
        int.from_bytes(hashlib.blake2b(paras[i] + b"\n" + paras[i + 1], digest_size=8, person=b"dedup-opening")
                       .digest(), "little", signed=True)
        for i in range(len(paras) - 1)
    ]


def fingerprint(key: str, settings: Settings, text: str = "") -> Fingerprint:
    """Fingerprint of a comparison key (see :mod:`.minhash`); ``text``, the body it was made of, gives
    the opening keys (:func:`opening_keys`)."""
    ds = settings.dedup
    hashes = mh.shingle_hashes(key, ds.ngram)
    if hashes.size == 0:
        sig = np.zeros(ds.num_perm, dtype=np.uint32)
        return Fingerprint(sig, np.empty(0, dtype=np.int64), b"", 0, len(key), ds.ngram, ds.bands)
    sig, sset = mh.sketch(hashes, ds.num_perm)
    bands = mh.band_keys(sig, ds.bands)
    opening = opening_keys(text)
    keys = np.concatenate([bands, np.array(opening, dtype=np.int64), np.full(OPENING_KEYS - len(opening), bands[0])])
    return Fingerprint(sig, keys, mh.pack_shingles(sset), int(sset.size), len(key), ds.ngram, ds.bands)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def prepare_document(doc: Document, settings: Settings) -> None:
    """Drop repeated blocks, then set ``doc.body_hash``, ``doc.id`` and ``doc.signature``."""
    drop_repeats(doc)
    key = body_key(doc.text)
    doc.body_hash = _hash(key)
    doc.id = doc.body_hash[:16]
    doc.signature = fingerprint(key, settings, doc.text)


def prepare_batch(docs: list[Document], settings: Settings) -> list[Document]:
    for doc in docs:
        if not doc.done:
            prepare_document(doc, settings)
    return docs


def _candidate(
    fp: Fingerprint, *, path, article_id, body_hash, length, url, site, date, num_perm, input_sha256: str = "",
    damaged: bool = False, titled: bool = False,
) -> Candidate:
    return Candidate(
        path=path,
        id=article_id,
        body_hash=body_hash,
        length=length,
        url=url,
        site=site,
        date=date,
        key_len=fp.key_len,
        nshingles=fp.nshingles,
        ngram=fp.ngram,
        num_perm=num_perm,
        bands=fp.bands,
        minhash=fp.minhash.astype("<u4").tobytes() if fp.nshingles else b"",
        band_keys=fp.band_keys.astype("<i8").tobytes(),
        shingles=fp.shingles,
        input_sha256=input_sha256,
        damaged=damaged,
        titled=titled,
    )


DAMAGE_FLAGS = frozenset({"mojibake", "decode_errors", "lost_characters"})


# A character lost before the crawl often survives as a bare '?' inside a word ("协?还款"), which no
# stage can tell from a question mark (normalisation writes it '？'). One such mark proves nothing: a
# rhetorical question needs no question word ("逾期了？别慌"), and real pages hold up to three of those
# in 700 characters. A text loses characters at random, so its marks come densely: at least
# LOST_MARKS_MIN of them, one per LOST_MARK_SPAN characters or more.
_MID_WORD_MARK = re.compile(f"(?<=[{HAN_BMP}])[?？](?=[{HAN_BMP}])")
_CLAUSE_START = re.compile(r"[。！!？?；;，,、：:\s]")
_ASKS = re.compile("|".join(QUESTION_WORDS))
LOST_MARKS_MIN = 4
LOST_MARK_SPAN = 200
_CLAUSE_REACH = 30


def lost_marks(text: str) -> int:
    """Question marks between two Han characters that close no question: characters lost as '?'."""
    n = 0
    for m in _MID_WORD_MARK.finditer(text):
        start = max(0, m.start() - _CLAUSE_REACH)
        for p in _CLAUSE_START.finditer(text, start, m.start()):
            start = p.end()
        if not _ASKS.search(text, start, m.start()):
            n += 1
    return n


def damaged(doc: Document) -> bool:
    """The text carries damage a clean copy of it would not: garbling, undecodable bytes, lost characters.

    Characters lost as bare '?' carry no flag (normalisation cannot tell them from question marks), so
    they count here by their density (:func:`lost_marks`): the copy that still has them wins.
    """
    if not DAMAGE_FLAGS.isdisjoint(doc.flags):
        return True
    n = lost_marks(doc.text) if "?" in doc.text or "？" in doc.text else 0
    return n >= LOST_MARKS_MIN and n * LOST_MARK_SPAN >= len(doc.text)


def candidate(doc: Document) -> Candidate:
    """The candidate of a prepared document."""
    assert doc.id and doc.body_hash, "prepare_document must run first"
    fp = doc.signature
    if not isinstance(fp, Fingerprint):  # prepared elsewhere without a fingerprint: exact-only
        return Candidate(doc.path, doc.id, doc.body_hash, len(doc.text), doc.url or doc.canonical_url, doc.site_name,
                         doc.published_at, input_sha256=doc.sha256, damaged=damaged(doc), titled=bool(doc.title))
    return _candidate(
        fp,
        path=doc.path,
        article_id=doc.id,
        body_hash=doc.body_hash,
        length=len(doc.text),
        url=doc.url or doc.canonical_url,  # where the copy was fetched, else where it says it lives
        site=doc.site_name,
        date=doc.published_at,
        num_perm=int(fp.minhash.size),
        input_sha256=doc.sha256,
        damaged=damaged(doc),
        titled=bool(doc.title),
    )


def candidate_from_text(
    text: str,
    settings: Settings,
    *,
    path: str,
    url: str | None = None,
    site: str | None = None,
    date: str | None = None,
    article_id: str | None = None,
) -> Candidate:
    """A candidate straight from a body text (rebuild, benchmarks); no inner dedup."""
    key = body_key(text)
    h = _hash(key)
    fp = fingerprint(key, settings, text)
    return _candidate(
        fp,
        path=path,
        article_id=article_id or h[:16],
        body_hash=h,
        length=len(text),
        url=url,
        site=site,
        date=date,
        num_perm=settings.dedup.num_perm,
    )


def resolve(
    cands: list[Candidate], conn: sqlite3.Connection, settings: Settings, moved: MoveCheck | None = None
) -> Resolution:
    """Decide which candidates are copies (see :mod:`pipeline.dedup.resolver`). Read-only."""
    from pipeline.dedup.resolver import resolve as _resolve

    return _resolve(cands, conn, settings, moved)
