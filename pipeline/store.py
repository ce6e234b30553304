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

import json
import sqlite3
from collections.abc import Iterable, Iterator
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
CREATE INDEX IF NOT EXISTS inputs_sha256 ON inputs (sha256);
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
CREATE TABLE IF NOT EXISTS changes (
    run_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    change TEXT NOT NULL,
    reasons TEXT NOT NULL,
    PRIMARY KEY (run_id, article_id)
);
CREATE INDEX IF NOT EXISTS changes_article ON changes (article_id);
CREATE TABLE IF NOT EXISTS reviews_applied (
    article_id TEXT NOT NULL,
    label TEXT NOT NULL,
    verdict TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL,
    run_id TEXT NOT NULL,
    PRIMARY KEY (article_id, label)
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
    moved_from: str | None = None  # the path this input (written or a copy) was at before it moved; in the reason only

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


def look(db_path: Path) -> sqlite3.Connection:
    """Open an existing state DB only to read it (``validate``).

    ``mode=rw`` never creates a missing file and ``query_only`` refuses every write, yet the
    connection may still checkpoint on close. A ``mode=ro`` connection cannot, so it left the
    WAL's ``-wal`` and ``-shm`` files beside the index after every look.
    """
    conn = sqlite3.connect(f"file:{db_path}?mode=rw", uri=True, timeout=60)
    conn.execute("PRAGMA query_only=ON")
    return conn


def seen_inputs(conn: sqlite3.Connection, paths: Iterable[str] | None = None) -> dict[str, Seen]:
    """What earlier runs committed for ``paths`` (every input ever seen when ``paths`` is None).

    A batch asks only for its own paths, so its set-up costs the same whether the
    index remembers a thousand inputs or millions.
    """
    cols = "SELECT path, sha256, status, article_id, duplicate_of, reason FROM inputs"
    if paths is None:
        return {r[0]: Seen(*r[1:]) for r in conn.execute(cols)}
    out: dict[str, Seen] = {}
    wanted = sorted(set(paths))
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        for r in conn.execute(f"{cols} WHERE path IN ({','.join('?' * len(chunk))})", chunk):
            out[r[0]] = Seen(*r[1:])
    return out


def moved_copies(
    conn: sqlite3.Connection, copies: Iterable[tuple[str, str, str]], current: dict[str, str]
) -> dict[str, str]:
    """``{path: earlier path}`` for copies that are an earlier copy of the same article, moved.

    ``copies`` are ``(path, input sha256, article id)`` of this run's duplicates. A copy moved
    when an input recorded as a duplicate of the same article had the same bytes at a path that
    holds them no more (``current``: what each input of the run holds now). Each earlier path
    is claimed once, by the first copy in path order.
    """
    wanted = sorted(c for c in copies if c[1])
    found: dict[tuple[str, str], list[str]] = {}
    shas = sorted({sha for _path, sha, _aid in wanted})
    for i in range(0, len(shas), 500):
        chunk = shas[i : i + 500]
        q = (f"SELECT sha256, duplicate_of, path FROM inputs WHERE status = 'duplicate'"
             f" AND sha256 IN ({','.join('?' * len(chunk))}) ORDER BY path")
        for sha, aid, path in conn.execute(q, chunk):
            if current.get(path) != sha:
                found.setdefault((sha, aid), []).append(path)
    out: dict[str, str] = {}
    for path, sha, aid in wanted:
        olds = [old for old in found.get((sha, aid), []) if old != path]
        if olds:
            out[path] = olds[0]
            found[(sha, aid)].remove(olds[0])
    return out


def recorded_sha256(conn: sqlite3.Connection, path: str) -> str | None:
    """The bytes' hash the index recorded for an input path, or None."""
    row = conn.execute("SELECT sha256 FROM inputs WHERE path = ?", (path,)).fetchone()
    return row[0] if row else None


def restore_inputs(conn: sqlite3.Connection, articles_dir: Path) -> int:
    """Remember the input of every article file the index has forgotten; return how many.

    After the index was lost and ``pipeline dedup rebuild`` made a new one, an
    article's ``source`` (path and input hash) is all that is left of its input's
    record. Restoring it lets the next run find that input unchanged instead of
    processing, rewriting and feeding every article again. Inputs the index still
    knows are left alone, and quarantined ones cannot be restored (no article
    names them): the next run judges them afresh.
    """
    known = {r[0] for r in conn.execute("SELECT path FROM inputs")}
    # as in the dedup rebuild: when runs are on record, a file no run committed is a killed run's leftover
    committed = {r[0] for r in conn.execute("SELECT DISTINCT article_id FROM manifest WHERE article_id IS NOT NULL")}
    rows = []
    for path in sorted(Path(articles_dir).glob("*.json")):
        try:
            obj = json.loads(path.read_text(encoding="utf-8"))
            src, aid = obj["source"], str(obj["id"])
            rel, sha = str(src["path"]), str(src["sha256"])
        except (OSError, ValueError, KeyError, TypeError):
            continue  # validate reports such files
        if rel in known or aid != path.stem or (committed and aid not in committed):
            continue
        known.add(rel)
        rows.append((rel, sha, "written", aid, None, None, str((obj.get("pipeline") or {}).get("run_id") or "rebuild")))
    conn.executemany("INSERT INTO inputs (path, sha256, status, article_id, duplicate_of, reason, run_id) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


Change = tuple[str, str, str]  # (article id, "created" | "rewritten", reason)


def _record_changes(conn: sqlite3.Connection, run_id: str, changes: Iterable[Change]) -> None:
    """One row per article and run: ``created`` wins over ``rewritten``, reasons accumulate."""
    conn.executemany(
        "INSERT INTO changes VALUES (?, ?, ?, ?) ON CONFLICT (run_id, article_id) DO UPDATE SET"
        " change = CASE WHEN change = 'created' OR excluded.change = 'created' THEN 'created' ELSE 'rewritten' END,"
        " reasons = CASE WHEN instr(',' || reasons || ',', ',' || excluded.reasons || ',') > 0 THEN reasons"
        " ELSE reasons || ',' || excluded.reasons END",
        [(run_id, aid, change, reason) for aid, change, reason in changes],
    )


def applied_reviews(conn: sqlite3.Connection) -> dict[tuple[str, str], tuple[str, str, str]]:
    """``{(article_id, label): (verdict, reviewer, at)}`` of every verdict already applied to its article."""
    return {(r[0], r[1]): (r[2], r[3], r[4])
            for r in conn.execute("SELECT article_id, label, verdict, reviewer, at FROM reviews_applied")}


def commit_run(
    conn: sqlite3.Connection,
    *,
    run_id: str,
    started_at: str,
    finished_at: str,
    raw_dir: str,
    out_dir: str,
    parts: Iterable[tuple[list[Entry], list[dedup.Candidate], list[Change]]],
    changes: Iterable[Change] = (),
    reviews: Iterable[tuple[str, str, str, str, str]] = (),
) -> None:
    """Record a finished run atomically: manifest rows, input states, dedup index and change feed together.

    ``parts`` yields ``(entries, written candidates, changes)`` batch by batch, so a run of any
    size is committed in one transaction while only one batch is in memory. ``changes`` are the
    run's changes to articles written by earlier runs, ``reviews`` the verdicts it applied
    (``article_id, label, verdict, reviewer, at``).
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "INSERT OR REPLACE INTO runs (run_id, started_at, finished_at, raw_dir, out_dir, manifest_written)"
            " VALUES (?, ?, ?, ?, ?, 0)",
            (run_id, started_at, finished_at, raw_dir, out_dir),
        )
        for entries, written, batch_changes in parts:
            _record_changes(conn, run_id, batch_changes)
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
            moves = [(e.path, e.article_id, e.moved_from) for e in entries if e.moved_from]  # see batch.move_check
            # the old path's record goes, unless this run recorded that path anew (records that shifted)
            conn.executemany("DELETE FROM inputs WHERE path = ? AND run_id != ?", [(old, run_id) for _n, _a, old in moves])
            conn.executemany("UPDATE dedup_articles SET path = ? WHERE id = ? AND path = ?",
                             [m for m in moves if m[1] is not None])
            dedup.index_articles(conn, written, run_id)
        _record_changes(conn, run_id, changes)
        conn.executemany("INSERT OR REPLACE INTO reviews_applied VALUES (?, ?, ?, ?, ?, ?)",
                         [(*r, run_id) for r in reviews])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def manifest_head(conn: sqlite3.Connection, run_id: str) -> dict:
    run = conn.execute(
        "SELECT started_at, finished_at, raw_dir, out_dir FROM runs WHERE run_id = ?", (run_id,)
    ).fetchone()
    if run is None:
        raise KeyError(run_id)
    totals = {"inputs": 0} | {s: 0 for s in STATUSES}
    for status, n in conn.execute("SELECT status, COUNT(*) FROM manifest WHERE run_id = ? GROUP BY status", (run_id,)):
        totals[status] = totals.get(status, 0) + n
        totals["inputs"] += n
    changes = {"created": 0, "rewritten": 0, "reasons": {}}
    for change, reasons, n in conn.execute(
        "SELECT change, reasons, COUNT(*) FROM changes WHERE run_id = ? GROUP BY change, reasons", (run_id,)
    ):
        changes[change] = changes.get(change, 0) + n
        for reason in reasons.split(","):
            changes["reasons"][reason] = changes["reasons"].get(reason, 0) + n
    changes["reasons"] = dict(sorted(changes["reasons"].items()))
    (reviews,) = conn.execute("SELECT COUNT(*) FROM reviews_applied WHERE run_id = ?", (run_id,)).fetchone()
    return {"run_id": run_id, "started_at": run[0], "finished_at": run[1], "raw_dir": run[2], "out_dir": run[3],
            "totals": totals, "articles_changed": changes, "reviews_applied": reviews}


def runs_with_reviewed_articles(conn: sqlite3.Connection, run_id: str) -> list[str]:
    """Earlier runs whose written articles had verdicts applied by ``run_id``: their reports show them."""
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT m.run_id FROM manifest m JOIN reviews_applied r ON m.article_id = r.article_id "
        "WHERE r.run_id = ? AND m.status = 'written' AND m.run_id != ? ORDER BY m.run_id", (run_id, run_id))]


def _manifest_entries(conn: sqlite3.Connection, run_id: str) -> Iterator[tuple[str, dict]]:
    rows = conn.execute(
        "SELECT path, status, article_id, duplicate_of, similarity, reason, sha256 FROM manifest"
        " WHERE run_id = ? ORDER BY path",
        (run_id,),
    )
    for r in rows:
        yield r[0], Entry(r[0], r[1], r[6], r[2], r[3], r[4], r[5]).as_json()


def manifest_of(conn: sqlite3.Connection, run_id: str) -> dict:
    """The manifest of a committed run as one dict (small runs, tests; files use :func:`manifest_chunks`)."""
    return manifest_head(conn, run_id) | {"entries": dict(_manifest_entries(conn, run_id))}


def manifest_chunks(conn: sqlite3.Connection, run_id: str) -> Iterator[str]:
    """``runs/<run_id>/manifest.json`` as text pieces, entry by entry, in bounded memory.

    The text is exactly ``json.dumps(manifest_of(...), ensure_ascii=False, indent=2) + "\n"``.
    """
    head = json.dumps(manifest_head(conn, run_id) | {"entries": {}}, ensure_ascii=False, indent=2)
    assert head.endswith('"entries": {}\n}')
    yield head[: -len("{}\n}")]
    first = True
    for path, entry in _manifest_entries(conn, run_id):
        body = json.dumps(entry, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        yield ("{\n" if first else ",\n") + "    " + json.dumps(path, ensure_ascii=False) + ": " + body
        first = False
    yield "{}\n}\n" if first else "\n  }\n}\n"


def run_order(conn: sqlite3.Connection, run_id: str) -> int | None:
    """Position of a committed run in commit order (``None`` for an unknown run)."""
    row = conn.execute("SELECT rowid FROM runs WHERE run_id = ?", (run_id,)).fetchone()
    return None if row is None else int(row[0])


def changed_since(conn: sqlite3.Connection, after: int) -> Iterator[tuple[str, str, str, list[str]]]:
    """``(article_id, run_id, change, reasons)`` of every article changed by runs committed after ``after``.

    One row per article, in the order of the last run that changed it: ``change``
    is ``created`` if any of those runs created it, reasons are the union. Streamed
    from SQLite (the grouping spills to disk), so memory does not grow with the count.
    """
    runs = dict(conn.execute("SELECT rowid, run_id FROM runs WHERE rowid > ?", (after,)))
    rows = conn.execute(
        "SELECT c.article_id, MAX(r.rowid) AS last, MIN(c.change), GROUP_CONCAT(c.reasons)"
        " FROM changes c JOIN runs r ON r.run_id = c.run_id WHERE r.rowid > ?"
        " GROUP BY c.article_id ORDER BY last, c.article_id",
        (after,),
    )
    for article_id, last, change, reasons in rows:
        yield article_id, runs[last], change, sorted(set(reasons.split(",")))


def all_articles(conn: sqlite3.Connection) -> Iterator[tuple[str, str | None]]:
    """``(article_id, run_id)`` of every indexed article, in id order (streamed)."""
    yield from conn.execute("SELECT id, run_id FROM dedup_articles ORDER BY id")


def pending_manifests(conn: sqlite3.Connection, runs_dir: Path | None = None) -> list[str]:
    """Runs committed whose manifest.json was not written yet (the process died in between), and,
    with ``runs_dir``, those whose manifest has since gone missing or been cut short."""
    pending = [r[0] for r in conn.execute("SELECT run_id FROM runs WHERE manifest_written = 0 ORDER BY run_id")]
    if runs_dir is None:
        return pending
    written = [r[0] for r in conn.execute("SELECT run_id FROM runs WHERE manifest_written = 1 ORDER BY run_id")]
    return sorted(pending + [r for r in written if not manifest_intact(runs_dir / r / "manifest.json")])


def manifest_intact(path: Path) -> bool:
    """The manifest exists and ends as every manifest ends (a few bytes read: runs pile up)."""
    from pipeline.write import written_whole

    return written_whole(path, b"}\n")


def mark_manifest_written(conn: sqlite3.Connection, run_id: str) -> None:
    conn.execute("UPDATE runs SET manifest_written = 1 WHERE run_id = ?", (run_id,))
