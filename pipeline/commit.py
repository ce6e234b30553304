"""Commit stage: a run's finished batches become its recorded state and its run files.

Batch by batch (one in memory at a time, whatever the run size): manifest rows,
input states and dedup index rows go into ONE SQLite transaction; the blocks of
written articles are copied to ``runs/<run_id>/blocks.jsonl``; counters are
summed. Then ``manifest.json`` is written from the committed rows (streamed) and
``run.json`` from the sums. What the commit keeps across batches is small per
document: the ids of written articles and the duplicate links for the run's
cluster list.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline import dedup, review, staging, store
from pipeline.batch import Finished
from pipeline.record import SeenAt
from pipeline.write import (
    add_seen_at,
    atomic_write_chunks,
    atomic_write_text,
    drop_seen_at,
    dump_json,
    rewrite,
)

QUARANTINE_SAMPLE = 500  # quarantined inputs listed in run.json for the report (all are in the manifest)


def write_manifest(conn, runs_dir: Path, run_id: str) -> tuple[Path, dict]:
    """Write ``runs/<run_id>/manifest.json`` from the committed rows, mark it written.

    Returns the path and the manifest's head: ``totals`` (inputs by fate),
    ``articles_changed`` (created / rewritten, by reason) and ``reviews_applied``.
    """
    path = runs_dir / run_id / "manifest.json"
    atomic_write_chunks(path, store.manifest_chunks(conn, run_id))
    store.mark_manifest_written(conn, run_id)
    return path, store.manifest_head(conn, run_id)


@dataclass
class Sums:
    """What the commit adds up over the batches of a run."""

    stats: dict[str, Counter] = field(default_factory=dict)
    cpu: Counter[str] = field(default_factory=Counter)
    written: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str, float | None]] = field(default_factory=list)  # path, canonical, similarity
    quarantined: list[dict[str, str]] = field(default_factory=list)

    def add(self, f: Finished) -> None:
        self.cpu.update(f.timings)
        for k, c in f.stats.items():
            self.stats.setdefault(k, Counter()).update(c)
        for e in f.entries:
            if e.status == "written" and e.article_id:
                self.written.append(e.article_id)
            elif e.status == "duplicate" and e.duplicate_of:
                self.duplicates.append((e.path, e.duplicate_of, e.similarity))
            elif e.status == "quarantined" and len(self.quarantined) < QUARANTINE_SAMPLE:
                self.quarantined.append({"path": e.path, "reason": e.reason or ""})


def _with_run(s: SeenAt, run_id: str) -> SeenAt:
    if s.run_id is None:
        s.run_id = run_id
    return s


def update_written(
    conn, *, seen_at: dict[str, list[SeenAt]], written_now: set[str], articles_dir: Path, reviews_dir: Path,
    run_id: str, now: str, names: dict[str, str], thresholds: dict[str, float],
    departed: list[tuple[str, str]] = (),
) -> tuple[list[store.Change], list[tuple[str, str, str, str, str]]]:
    """Bring articles written by earlier runs up to date; return the changes and the verdicts applied.

    Three things change an article whose input did not: a new input carrying a
    copy of it (its ``also_seen_at`` grows), an input listed there that now holds
    something else (it leaves the list), and a reviewer's verdict imported
    since the last run (applied to its JSON, no reprocessing needed). A new source
    is a change only when the file gained it: a copy already listed (an edited
    copy, one seen again after ``--reprocess`` or ``dedup rebuild``) changes
    nothing a consumer sees. What a killed run added without committing is taken
    out again at the next start (:func:`pipeline.housekeeping.restore_stale`), so
    it is added, and fed, once more.
    """
    changes: list[store.Change] = []
    for article_id, sources in seen_at.items():
        if article_id not in written_now:  # an article of an earlier run gained a new source
            path = articles_dir / f"{article_id}.json"
            why = add_seen_at(path, [_with_run(s, run_id) for s in sources], run_id, now)
            if why:
                changes.append((article_id, "rewritten", why))
    # then an input that was a copy of it and holds something else now leaves it (after the additions: a
    # copy that moved away from that path has taken its entry over already)
    gone: dict[str, set[str]] = {}
    for article_id, path in departed:
        if path not in {s.path for s in seen_at.get(article_id, ())}:
            gone.setdefault(article_id, set()).add(path)
    for article_id, paths in sorted(gone.items()):
        if drop_seen_at(articles_dir / f"{article_id}.json", paths, run_id, now):
            changes.append((article_id, "rewritten", "duplicate_source_gone"))
    records = review.load_verdict_records(reviews_dir) if reviews_dir.is_dir() else {}
    done = store.applied_reviews(conn) if records else {}
    pending: dict[str, list[dict]] = {}
    for (article_id, label), rec in records.items():
        state = review.applied_json(rec)
        if done.get((article_id, label)) != (state["verdict"], state["reviewer"], state["at"]):
            pending.setdefault(article_id, []).append(rec)
    applied: list[tuple[str, str, str, str, str]] = []
    for article_id, recs in pending.items():
        path = articles_dir / f"{article_id}.json"
        if article_id not in written_now:  # written now: the finish step applied them already
            try:
                obj = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # no such article (yet): applied when it is written
            if review.apply_to_json(obj, recs, names, thresholds):
                rewrite(path, obj, run_id, now)
        changes.append((article_id, "rewritten", "review_applied"))
        for r in recs:
            a = review.applied_json(r)
            applied.append((article_id, a["label"], a["verdict"], a["reviewer"], a["at"]))
    return changes, applied


def commit(
    *,
    stage_dir: Path,
    n_batches: int,
    seen_at: dict[str, list[SeenAt]],
    written_now: set[str],
    articles_dir: Path,
    reviews_dir: Path,
    runs_dir: Path,
    departed: list[tuple[str, str]] = (),
    db_path: Path,
    run_id: str,
    started_at: str,
    finished_at: str,
    raw_dir: str,
    out_dir: str,
    names: dict[str, str],
    thresholds: dict[str, float],
) -> tuple[Path, dict, Sums]:
    """Record the run; return the manifest path, the run's totals and the sums for ``run.json``."""

    run_dir = runs_dir / run_id
    run_dir.mkdir(parents=True, exist_ok=True)
    sums = Sums()
    fd, blocks_tmp = tempfile.mkstemp(prefix=".blocks.jsonl.", suffix=".tmp", dir=run_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as blocks_fh:

            def parts() -> Iterator[tuple[list[store.Entry], list[dedup.Candidate], list[store.Change]]]:
                for n in range(n_batches):
                    f: Finished = staging.load(staging.file(stage_dir, "finished", n))
                    sums.add(f)
                    blocks_fh.writelines(json.dumps(b, ensure_ascii=False) + "\n" for b in f.blocks)
                    yield f.entries, f.written, f.changes

            conn = store.connect(db_path)
            try:
                changes, applied = update_written(
                    conn, seen_at=seen_at, written_now=written_now, departed=departed, articles_dir=articles_dir,
                    reviews_dir=reviews_dir, run_id=run_id, now=finished_at, names=names, thresholds=thresholds,
                )
                store.commit_run(
                    conn, run_id=run_id, started_at=started_at, finished_at=finished_at,
                    raw_dir=raw_dir, out_dir=out_dir, parts=parts(), changes=changes, reviews=applied,
                )
                manifest_path, head = write_manifest(conn, runs_dir, run_id)
            finally:
                conn.close()
        os.chmod(blocks_tmp, 0o644)
        os.replace(blocks_tmp, run_dir / "blocks.jsonl")
    except BaseException:
        Path(blocks_tmp).unlink(missing_ok=True)
        raise
    return manifest_path, head, sums


def clusters(sums: Sums, seen_at: dict[str, list[SeenAt]]) -> list[dict]:
    """Duplicate clusters of this run: canonical id and the inputs that copied it."""
    by_id: dict[str, list[dict]] = {}
    for path, canonical, similarity in sums.duplicates:
        by_id.setdefault(canonical, []).append({"path": path, "similarity": similarity})
    sites = {s.path: s.site for v in seen_at.values() for s in v}
    return [
        {"canonical": cid, "copies": [c | {"site": sites.get(c["path"])} for c in copies]}
        for cid, copies in sorted(by_id.items())
    ]


def _seconds(a: str, b: str) -> float:
    parse = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))  # noqa: E731
    return round((parse(b) - parse(a)).total_seconds(), 2)


def run_info(
    *,
    run_id: str,
    raw_dir: str,
    started_at: str,
    finished_at: str,
    head: dict,
    sums: Sums,
    seen_at: dict[str, list[SeenAt]],
    wall: dict[str, float],
    workers: int,
    runner: str,
    thresholds: dict[str, float],
    topic_names: dict[str, str],
) -> dict[str, Any]:
    """The content of ``runs/<run_id>/run.json``.

    ``timings``: CPU seconds per stage, summed over every worker (the stages of
    different batches overlap in time, so their wall times do not add up);
    ``wall``: wall seconds per phase of the run, which do.
    """
    stats = sums.stats
    return {
        "run_id": run_id,
        "raw_dir": raw_dir,
        "started_at": started_at,
        "finished_at": finished_at,
        "seconds": _seconds(started_at, finished_at),
        "timings": {k: round(v, 3) for k, v in sorted(sums.cpu.items())},
        "timings_kind": "cpu_seconds_summed_over_workers",
        "wall": {k: round(v, 3) for k, v in wall.items()},
        "workers": workers,
        "runner": runner,
        "totals": head["totals"],
        "articles_changed": head["articles_changed"],
        "reviews_applied": head["reviews_applied"],
        "quarantine_reasons": dict(stats.get("quarantine", Counter())),
        # unchanged inputs an earlier run quarantined: still not articles, by reason family
        "still_quarantined": dict(stats.get("still_quarantined", Counter())),
        "quarantined": sums.quarantined,
        "removed": {
            k: {"count": stats["removed_count"][k], "chars": stats["removed_chars"][k]}
            for k in sorted(stats.get("removed_count", {}))
        },
        "normalize": dict(sorted(stats.get("normalize", Counter()).items())),
        "scripts": dict(stats.get("scripts", Counter())),
        "redactions": dict(stats.get("redactions", Counter())),
        "topics": dict(stats.get("topics", Counter())),
        "flags": dict(stats.get("flags", Counter())),
        "thresholds": thresholds,
        "topic_names": topic_names,
        "clusters": clusters(sums, seen_at),
        "articles": sorted(set(sums.written)),
    }


def write_run_info(runs_dir: Path, run_id: str, info: dict) -> None:
    atomic_write_text(runs_dir / run_id / "run.json", dump_json(info))
