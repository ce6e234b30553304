"""The typed record every stage reads and writes.

One :class:`Document` per input article (one file, or one record of a crawl
``.jsonl``). Stages fill in their part and never reach back: ingest sets the
``source`` fields, extract the structure and metadata, normalize rewrites the
text in place and counts what it changed, dedup sets identity and duplicate
links, tag sets topics, keywords and redactions, write turns it into JSON.

A document whose ``status`` is terminal (``quarantined``, ``duplicate``,
``unchanged``) is passed through untouched by later stages: that is how every
input ends in exactly one state without any stage raising.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["pending", "written", "duplicate", "unchanged", "quarantined"]
TERMINAL: frozenset[str] = frozenset({"duplicate", "unchanged", "quarantined"})


@dataclass(slots=True)
class Block:
    """One visible block of the input, in reading order, with the extractor's verdict.

    Kept for the report's raw-vs-clean view: ``kind`` is ``title``, ``heading``,
    ``paragraph``, ``comment`` or the boilerplate family that removed it
    (``breadcrumb``, ``dateline``, ``footer``, ``disclaimer`` ...).
    """

    text: str
    kind: str
    kept: bool


@dataclass(slots=True)
class Post:
    """Who wrote one post of a forum thread, and when; the post's text is its section(s) of the body."""

    author: str | None = None
    role: str | None = None
    date: str | None = None


@dataclass(slots=True)
class Section:
    """A heading and the paragraphs under it; the lead before any heading has ``heading=None``.

    In a forum thread (``Document.page_kind == "thread"``) a section with ``post`` set starts
    a post: the post runs to the next section that starts one.
    """

    heading: str | None
    paragraphs: list[str] = field(default_factory=list)
    level: int = 0
    post: Post | None = None


@dataclass(slots=True)
class Comment:
    """A reader or expert comment, kept apart from the body."""

    text: str
    author: str | None = None
    role: str | None = None
    date: str | None = None


@dataclass(slots=True)
class Evidence:
    """Why a tag was assigned: which paragraph, which sentence, which lexicon terms."""

    paragraph: int
    sentence: str
    terms: list[str]
    score: float = 0.0


@dataclass(slots=True)
class TopicTag:
    """One topic's verdict for a document. ``source`` is ``model`` or ``review``."""

    label: str
    name: str
    score: float
    threshold: float
    assigned: bool
    evidence: list[Evidence] = field(default_factory=list)
    source: str = "model"
    model_score: float | None = None


@dataclass(slots=True)
class SeenAt:
    """Another input that carried the same article (exact or near copy)."""

    path: str
    url: str | None = None
    site: str | None = None
    date: str | None = None
    similarity: float = 1.0
    run_id: str | None = None
    replaces: str | None = None  # the same copy's earlier path (moved since): its entry is replaced, never written


@dataclass(slots=True)
class Document:
    """An article on its way through the pipeline."""

    # --- ingest ---------------------------------------------------------
    path: str  # relative to the raw directory; "file.jsonl#3" for the 3rd record of a crawl file
    sha256: str = ""
    size: int = 0
    media_type: str = "text"  # "html" or "text"
    encoding: str | None = None
    raw: str = ""  # decoded input (HTML source or plain text)
    url: str | None = None
    fetched_at: str | None = None

    # --- extract --------------------------------------------------------
    title: str | None = None
    published_at: str | None = None
    author: str | None = None
    source_name: str | None = None  # the "来源:" line: who the page says wrote or supplied it
    site_name: str | None = None
    canonical_url: str | None = None
    page_kind: str = "article"  # "article", or "thread": a forum thread whose replies are posts of the body
    sections: list[Section] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    removed: dict[str, dict[str, int]] = field(default_factory=dict)  # kind -> {"count", "chars"}
    extraction_confidence: float = 1.0

    # --- normalize ------------------------------------------------------
    original_script: str = "zh-Hans"  # zh-Hans | zh-Hant | mixed | other
    normalize_changes: Counter[str] = field(default_factory=Counter)

    # --- dedup ----------------------------------------------------------
    id: str | None = None
    body_hash: str | None = None
    signature: Any = None  # dedup.Fingerprint (MinHash, band keys, shingle hashes); never written out
    duplicate_of: str | None = None
    similarity: float | None = None
    also_seen_at: list[SeenAt] = field(default_factory=list)

    # --- tag / redact ---------------------------------------------------
    topics: list[TopicTag] = field(default_factory=list)
    keywords: list[tuple[str, float]] = field(default_factory=list)
    redactions: Counter[str] = field(default_factory=Counter)
    reviews: list[dict[str, str]] = field(default_factory=list)  # verdicts applied: label, verdict, reviewer, at

    # --- bookkeeping ----------------------------------------------------
    flags: list[str] = field(default_factory=list)
    status: str = "pending"
    reason: str | None = None
    reprocessed: bool = False  # same bytes as recorded, processed again (its article was missing, damaged or old)
    moved_from: str | None = None  # this input was at that path before (same bytes, which that path holds no more)
    was_duplicate_of: str | None = None  # an earlier run filed this input's former bytes as a copy of that article
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def done(self) -> bool:
        """True once the document has reached a terminal state and later stages must skip it."""
        return self.status in TERMINAL

    @property
    def text(self) -> str:
        """The clean body in reading order: headings and paragraphs, one per line."""
        lines: list[str] = []
        for section in self.sections:
            if section.heading:
                lines.append(section.heading)
            lines.extend(section.paragraphs)
        return "\n".join(lines)

    @property
    def paragraphs(self) -> list[str]:
        """Body paragraphs only (no headings), in order."""
        return [p for s in self.sections for p in s.paragraphs]

    def quarantine(self, reason: str) -> None:
        """Mark the document as quarantined with a human-readable reason."""
        self.status = "quarantined"
        self.reason = reason

    def flag(self, name: str) -> None:
        """Add a flag once."""
        if name not in self.flags:
            self.flags.append(name)

    def count_removed(self, kind: str, chars: int) -> None:
        """Record one removed block of boilerplate of ``kind`` with ``chars`` characters."""
        entry = self.removed.get(kind)
        if entry is None:
            entry = self.removed[kind] = {"count": 0, "chars": 0}
        entry["count"] += 1
        entry["chars"] += chars
