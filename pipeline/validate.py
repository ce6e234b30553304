"""``pipeline validate DIR``: check outputs against the published contract.

Articles are checked against ``pipeline/schema/article.schema.json``; each
run manifest is checked for the invariants downstream apps rely on: every
entry has exactly one known status, a quarantined entry says why, a
duplicate names its canonical article, and a written entry's article exists.
Debris of interrupted runs (staging, temporary files, articles no committed
run wrote: :mod:`pipeline.housekeeping`) is a problem too; ``--repair``
removes it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from pipeline import housekeeping, store
from pipeline.housekeeping import Debris
from pipeline.store import STATUSES
from pipeline.write import schema_errors


def validate_article_file(path: Path) -> list[str]:
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"{path}: not readable JSON: {exc}"]
    problems = [f"{path}: {e}" for e in schema_errors(obj)]
    if isinstance(obj, dict) and obj.get("id") and path.stem != obj["id"]:
        problems.append(f"{path}: file name does not match id {obj['id']}")
    if isinstance(obj, dict) and not problems:
        problems.extend(f"{path}: {p}" for p in evidence_problems(obj))
    return problems


def evidence_problems(obj: dict) -> list[str]:
    """Evidence that does not point where the README promises: ``text[start:end] == sentence``, and
    ``line`` the line of ``text.split("\n")`` that holds it (the schema cannot say this)."""
    text = obj.get("text") or ""
    starts = [0]
    at = text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    out = []
    for topic in obj.get("topics") or []:
        for k, ev in enumerate(topic.get("evidence") or []):
            where = f"topics[{topic.get('label')}].evidence[{k}]"
            start, end, sentence, line = ev.get("start"), ev.get("end"), ev.get("sentence"), ev.get("line")
            if start is None or end is None:
                continue  # an article of schema 1.0: no offsets
            if text[start:end] != sentence:
                out.append(f"{where}: text[{start}:{end}] is not its sentence")
            elif line is not None and not (0 <= line < len(starts) and starts[line] <= start
                                           and (line + 1 == len(starts) or end < starts[line + 1])):
                out.append(f"{where}: line {line} does not hold the sentence at {start}")
    return out


def validate_manifest_file(path: Path, articles_dir: Path) -> list[str]:
    try:
        m = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"{path}: not readable JSON: {exc}"]
    problems: list[str] = []
    entries = m.get("entries")
    if not isinstance(entries, dict):
        return [f"{path}: 'entries' must be an object keyed by input path"]
    counts = dict.fromkeys(STATUSES, 0)
    for key, e in entries.items():
        status = e.get("status")
        if status not in STATUSES:
            problems.append(f"{path}: {key}: unknown status {status!r}")
            continue
        counts[status] += 1
        if status == "quarantined" and not e.get("reason"):
            problems.append(f"{path}: {key}: quarantined without a reason")
        if status == "duplicate" and not e.get("duplicate_of"):
            problems.append(f"{path}: {key}: duplicate without duplicate_of")
        if status == "written" and not (articles_dir / f"{e.get('article_id')}.json").is_file():
            problems.append(f"{path}: {key}: written article {e.get('article_id')} is missing")
    totals = m.get("totals", {})
    if totals.get("inputs") != len(entries) or any(totals.get(s) != n for s, n in counts.items()):
        problems.append(f"{path}: totals do not match the entries")
    return problems


def debris_of(directory: Path) -> Debris:
    """Leftovers of interrupted runs under an output directory (none for a bare articles directory)."""
    db = directory / "index.sqlite"
    if not (directory / "articles").is_dir() or not db.is_file():
        return Debris()
    try:
        conn = store.look(db)  # looking never writes (not even a schema)
        try:
            return housekeeping.find(directory, conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise UnusableIndex(f"{db} is not usable ({exc}): move it away and run `pipeline dedup rebuild`") from None


class UnusableIndex(Exception):
    """The output's index.sqlite cannot be read (not a database, damaged)."""


def lost_manifests(directory: Path) -> list[str]:
    """Committed runs whose manifest.json is missing or cut short (the next run writes it again)."""
    db = directory / "index.sqlite"
    if not db.is_file() or not (directory / "runs").is_dir():
        return []
    conn = store.look(db)
    try:
        return store.pending_manifests(conn, directory / "runs")
    except sqlite3.OperationalError:  # no runs table: an emptied index, reported by debris_of
        return []
    finally:
        conn.close()


def damaged_reports(directory: Path) -> list[Path]:
    """Reports that exist but do not end as a report ends (written whole, so damaged since).

    A missing report is no problem: old ones are pruned (``report.keep_runs``).
    """
    from pipeline.report import report_intact

    reports = directory / "reports"
    if not reports.is_dir():
        return []
    return [p for p in sorted(reports.glob("*/index.html")) if not report_intact(p)]


def validate_dir(directory: Path) -> tuple[list[str], dict[str, int]]:
    """Validate an output directory (or a bare articles directory); return problems and counts."""
    debris = debris_of(directory)
    live = housekeeping.run_in_progress(directory)
    # a run writing now has its staging, temporary files and uncommitted articles: work, not debris
    problems = [] if live else debris.describe()
    problems += [f"{directory / 'runs' / r / 'manifest.json'}: committed run without its manifest (missing or cut "
                 "short; the next run writes it again from the index)" for r in lost_manifests(directory)]
    problems += [f"{r}: report cut short (`pipeline report --run {r.parent.name}` writes it again)"
                 for r in damaged_reports(directory)]
    orphans = set(debris.orphans)
    articles_dir = directory / "articles" if (directory / "articles").is_dir() else directory
    article_files = sorted(p for p in articles_dir.glob("*.json") if p not in orphans)
    for f in article_files:
        problems.extend(validate_article_file(f))
    manifests = sorted((directory / "runs").glob("*/manifest.json")) if (directory / "runs").is_dir() else []
    for f in manifests:
        problems.extend(validate_manifest_file(f, articles_dir))
    if not article_files and not manifests and not (directory / "index.sqlite").is_file():
        problems.append(f"{directory}: no articles or manifests found")  # (an output whose first run never
        # committed has its index and nothing else: empty, and valid once its leftovers are gone)
    return problems, {"articles": len(article_files), "manifests": len(manifests),
                      "orphans": 0 if live else len(orphans), "live": int(live)}
