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

from pipeline import dedup, staging, store
from pipeline.batch import Finished
from pipeline.record import SeenAt
from pipeline.write import add_seen_at, atomic_write_chunks, atomic_write_text, dump_json

QUARANTINE_SAMPLE = 500  # quarantined inputs listed in run.json for the report (all are in the manifest)


def write_manifest(conn, runs_dir: Path, run_id: str) -> tuple[Path, dict]:
    """Write ``runs/<run_id>/manifest.json`` from the committed rows, mark it written; return path and totals."""
    path = runs_dir / run_id / "manifest.json"
    atomic_write_chunks(path, store.manifest_chunks(conn, run_id))
    store.mark_manifest_written(conn, run_id)
    return path, store._manifest_head(conn, run_id)["totals"]


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


def commit(
    *,
    stage_dir: Path,
    n_batches: int,
    seen_at: dict[str, list[SeenAt]],
    written_now: set[str],
    articles_dir: Path,
    runs_dir: Path,
    db_path: Path,
    run_id: str,
    started_at: str,
    finished_at: str,
    raw_dir: str,
    out_dir: str,
) -> tuple[Path, dict, Sums]:
    """Record the run; return the manifest path, the run's totals and the sums for ``run.json``."""
    for article_id, sources in seen_at.items():
        if article_id not in written_now:  # an article of an earlier run gained a new source
            add_seen_at(articles_dir / f"{article_id}.json", [_with_run(s, run_id) for s in sources])

    run_dir = runs_dir / run_id
    run_dir.mkdir(parents=True, exist_ok=True)
    sums = Sums()
    fd, blocks_tmp = tempfile.mkstemp(prefix=".blocks.jsonl.", suffix=".tmp", dir=run_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as blocks_fh:

            def parts() -> Iterator[tuple[list[store.Entry], list[dedup.Candidate]]]:
                for n in range(n_batches):
                    f: Finished = staging.load(staging.file(stage_dir, "finished", n))
                    sums.add(f)
                    blocks_fh.writelines(json.dumps(b, ensure_ascii=False) + "\n" for b in f.blocks)
                    yield f.entries, f.written

            conn = store.connect(db_path)
            try:
                store.commit_run(
                    conn, run_id=run_id, started_at=started_at, finished_at=finished_at,
                    raw_dir=raw_dir, out_dir=out_dir, parts=parts(),
                )
                manifest_path, totals = write_manifest(conn, runs_dir, run_id)
            finally:
                conn.close()
        os.chmod(blocks_tmp, 0o644)
        os.replace(blocks_tmp, run_dir / "blocks.jsonl")
    except BaseException:
        Path(blocks_tmp).unlink(missing_ok=True)
        raise
    return manifest_path, totals, sums


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
    totals: dict,
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
        "totals": totals,
        "quarantine_reasons": dict(stats.get("quarantine", Counter())),
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
