"""The change feed: every article, or those changed since a run, streamed as JSON lines.

``pipeline export [--since RUN_ID] [--out FILE]`` writes one line per article::

    {"id": "...", "run_id": "...", "change": "created" | "rewritten" | null,
     "reasons": ["new", ...], "article": {... the article JSON ...}}

``run_id`` is the last committed run that changed the article, ``change`` and
``reasons`` summarise what the runs after ``--since`` did to it (see
:data:`pipeline.vocabulary.CHANGE_REASONS`; ``null`` and ``[]`` for an article
written before the feed existed). Lines come in the order the runs were
committed, so a consumer keeps the ``run_id`` of the last line it read and
passes it as ``--since`` next time: it then gets every article created or
rewritten since, at least once, without listing ``articles/``.

The database is read in one snapshot and the article files as they are now; an
article rewritten by a run that is still going is exported in its newer form
(and again by the next export). Memory stays flat: rows stream from SQLite, one
article is in memory at a time, and ``--out FILE`` is written to a temporary
file renamed when complete.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from pipeline import store
from pipeline.write import atomic_write_chunks

FORMATS = ("jsonl", "parquet")


class ExportError(ValueError):
    """Shown to the operator as one line."""


@dataclass(slots=True)
class Counts:
    exported: int = 0
    missing: int = 0  # indexed but the file is gone (deleted by hand)
    last_run: str | None = None


def rows(conn: sqlite3.Connection, since: str | None) -> Iterator[tuple[str, str | None, str | None, list[str]]]:
    """``(article_id, run_id, change, reasons)`` in feed order: changed since ``since``, or every article."""
    if since is not None:
        order = store.run_order(conn, since)
        if order is None:
            raise ExportError(f"no committed run {since!r} in this output directory (see OUT/runs/)")
        yield from store.changed_since(conn, order)
        return
    runs = dict(conn.execute("SELECT rowid, run_id FROM runs"))
    query = (
        "SELECT a.id, a.run_id, COALESCE(MAX(r.rowid), 0) AS last, MIN(c.change), GROUP_CONCAT(c.reasons)"
        " FROM dedup_articles a LEFT JOIN changes c ON c.article_id = a.id LEFT JOIN runs r ON r.run_id = c.run_id"
        " GROUP BY a.id ORDER BY last, a.id"
    )
    for article_id, indexed_run, last, change, reasons in conn.execute(query):
        yield article_id, runs.get(last, indexed_run), change, sorted(set(reasons.split(","))) if reasons else []


def records(conn: sqlite3.Connection, articles_dir: Path, since: str | None, counts: Counts) -> Iterator[dict]:
    """The feed's records, each with its article read from ``articles_dir``."""
    for article_id, run_id, change, reasons in rows(conn, since):
        try:
            article = json.loads((articles_dir / f"{article_id}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            counts.missing += 1
            continue
        counts.exported += 1
        counts.last_run = run_id or counts.last_run
        yield {"id": article_id, "run_id": run_id, "change": change, "reasons": reasons, "article": article}


def _jsonl(recs: Iterator[dict]) -> Iterator[str]:
    for rec in recs:
        yield json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n"


def export(db_path: Path, articles_dir: Path, *, since: str | None = None, fmt: str = "jsonl",
           out: Path | None = None, stream: IO[str] | None = None) -> Counts:
    """Write the feed to ``out`` (atomically) or to ``stream`` (stdout by default); return the counts."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    if not db_path.is_file():
        raise ExportError(f"no index database at {db_path}: nothing has been run into this directory yet")
    counts = Counts()
    conn = store.connect(db_path)  # creates the feed's tables in an index older than the feed
    try:
        conn.execute("BEGIN")  # one snapshot of the feed, whatever a running run commits meanwhile
        recs = records(conn, articles_dir, since, counts)
        if fmt == "parquet":
            from pipeline.export_parquet import write_parquet

            if out is None:
                raise ExportError("--format parquet needs --out FILE")
            write_parquet(recs, out)
        elif out is not None:
            atomic_write_chunks(out, _jsonl(recs))
        else:
            target = stream or sys.stdout
            for line in _jsonl(recs):
                target.write(line)
            target.flush()
    finally:
        conn.close()
    return counts
