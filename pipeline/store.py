"""The run state under the output directory: one SQLite file (``OUT/index.sqlite``).

It holds what a later run must know about earlier ones - which inputs were
seen with which bytes and what became of them, every run's manifest - and the
dedup index tables (:mod:`pipeline.dedup` creates those). Everything a run
learns is committed in ONE transaction at its end, together with the dedup
index, so a run killed halfway leaves neither lost nor phantom entries; the
JSON manifest is then written from the committed rows, and a manifest that a
crash kept from being written is recovered at the start of the next run.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline import dedup

_SCHEMA = """
CREATE TABLE IF NOT EXISTS inputs (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    status TEXT NOT NULL,
    article_id TEXT,
    duplicate_of TEXT,
    reason TEXT,
    run_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    raw_dir TEXT NOT NULL,
    out_dir TEXT NOT NULL,
    manifest_written INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS manifest (
    run_id TEXT NOT NULL,
    path TEXT NOT NULL,
    status TEXT NOT NULL,
    article_id TEXT,
    duplicate_of TEXT,
    similarity REAL,
    reason TEXT,
    sha256 TEXT,
    PRIMARY KEY (run_id, path)
);
"""

STATUSES = ("written", "duplicate", "unchanged", "quarantined")


@dataclass(slots=True)
class Entry:
    """One input's fate in one run (a manifest row)."""

    path: str
    status: str
    sha256: str | None = None
    article_id: str | None = None
    duplicate_of: str | None = None
    similarity: float | None = None
    reason: str | None = None

    def as_json(self) -> dict:
        return {
            "status": self.status,
            "article_id": self.article_id,
            "duplicate_of": self.duplicate_of,
            "similarity": None if self.similarity is None else round(self.similarity, 4),
            "reason": self.reason,
            "sha256": self.sha256,
        }


@dataclass(slots=True)
class Seen:
    """What an earlier run recorded for an input path."""

    sha256: str
    status: str
    article_id: str | None
    duplicate_of: str | None
    reason: str | None


def connect(db_path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the state DB with every table in place."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db_path, timeout=60, isolation_level=None)  # explicit BEGIN/COMMIT below
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.executescript(_SCHEMA)
    dedup.ensure_schema(conn)
    return conn


def seen_inputs(conn: sqlite3.Connection) -> dict[str, Seen]:
    """Every input path an earlier run committed, with its bytes' hash and fate."""
    rows = conn.execute("SELECT path, sha256, status, article_id, duplicate_of, reason FROM inputs")
    return {r[0]: Seen(*r[1:]) for r in rows}


def commit_run(
    conn: sqlite3.Connection,
    *,
    run_id: str,
    started_at: str,
    finished_at: str,
    raw_dir: str,
    out_dir: str,
    entries: Iterable[Entry],
    written: list[dedup.Candidate],
) -> None:
    """Record a finished run atomically: manifest rows, input states and dedup index together."""
    entries = list(entries)
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "INSERT OR REPLACE INTO runs (run_id, started_at, finished_at, raw_dir, out_dir, manifest_written)"
            " VALUES (?, ?, ?, ?, ?, 0)",
            (run_id, started_at, finished_at, raw_dir, out_dir),
        )
        conn.executemany(
            "INSERT OR REPLACE INTO manifest VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (run_id, e.path, e.status, e.article_id, e.duplicate_of, e.similarity, e.reason, e.sha256)
                for e in entries
            ],
        )
        conn.executemany(
            "INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (e.path, e.sha256 or "", e.status, e.article_id, e.duplicate_of, e.reason, run_id)
                for e in entries
                if e.status != "unchanged"
            ],
        )
        dedup.index_articles(conn, written, run_id)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def manifest_of(conn: sqlite3.Connection, run_id: str) -> dict:
    """The manifest of a committed run, as written to ``runs/<run_id>/manifest.json``."""
    run = conn.execute(
        "SELECT started_at, finished_at, raw_dir, out_dir FROM runs WHERE run_id = ?", (run_id,)
    ).fetchone()
    if run is None:
        raise KeyError(run_id)
    rows = conn.execute(
        "SELECT path, status, article_id, duplicate_of, similarity, reason, sha256 FROM manifest"
        " WHERE run_id = ? ORDER BY path",
        (run_id,),
    ).fetchall()
    entries = {r[0]: Entry(r[0], r[1], r[6], r[2], r[3], r[4], r[5]).as_json() for r in rows}
    totals = {"inputs": len(entries)} | {s: 0 for s in STATUSES}
    for e in entries.values():
        totals[e["status"]] += 1
    return {
        "run_id": run_id,
        "started_at": run[0],
        "finished_at": run[1],
        "raw_dir": run[2],
        "out_dir": run[3],
        "totals": totals,
        "entries": entries,
    }


def pending_manifests(conn: sqlite3.Connection) -> list[str]:
    """Runs committed whose manifest.json was not written yet (the process died in between)."""
    return [r[0] for r in conn.execute("SELECT run_id FROM runs WHERE manifest_written = 0 ORDER BY run_id")]


def mark_manifest_written(conn: sqlite3.Connection, run_id: str) -> None:
    conn.execute("UPDATE runs SET manifest_written = 1 WHERE run_id = ?", (run_id,))
