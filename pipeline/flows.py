"""Prefect orchestration: wires the pure stages of :mod:`pipeline.batch` into one flow.

Tasks work on batches of input paths (``run.batch_size``, hundreds of files),
never one task per document, and hand each other staging-file paths instead
of big objects (Prefect hashes and serialises task arguments; a path costs
nothing). Tasks that touch the disk retry. The flow runs the same on the
default in-process runner and on Dask (:mod:`pipeline.flows_dask`).

Run order: recover -> prepare (per batch, parallel) -> resolve (global dedup)
-> finish (per batch, parallel) -> commit (one SQLite transaction, then the
manifest) -> report -> Prefect artifacts.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import pickle
import secrets
import shutil
import time
from collections import Counter
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed

from pipeline import batch, dedup, ingest, store
from pipeline.config import Settings, load_settings
from pipeline.dedup.index import IndexMismatch, check_params
from pipeline.tag.taxonomy import load_taxonomy
from pipeline.write import add_seen_at, atomic_write_text, dump_json

log = logging.getLogger("pipeline")


class FatalError(Exception):
    """A problem that stops the whole run (bad config, unwritable output); shown as one line."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_run_id() -> str:
    """Sortable and unique: UTC time plus a short random suffix."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(2)


def _logger() -> logging.Logger | logging.LoggerAdapter:
    try:
        return get_run_logger()
    except Exception:  # noqa: BLE001 - outside a run context (plain function call)
        return log


def progress(logger, msg: str, *args: Any) -> None:
    """Tell the operator how far the run is: in the Prefect UI (run logger) and on the CLI (``pipeline.progress``)."""
    logger.info(msg, *args)
    logging.getLogger("pipeline.progress").info(msg, *args)


def _dump(obj: Any, path: Path) -> str:
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    return str(path)


def _load(path: str) -> Any:
    with open(path, "rb") as fh:
        return pickle.load(fh)  # noqa: S301 - our own staging files


def _paths(out_dir: Path, settings: Settings) -> dict[str, Path]:
    return {
        "articles": out_dir / "articles",
        "runs": out_dir / "runs",
        "staging": out_dir / ".staging",
        "db": Path(settings.dedup.index_path) if settings.dedup.index_path else out_dir / "index.sqlite",
        "reviews": out_dir / "reviews",
    }


@contextmanager
def run_lock(out_dir: Path):
    """One run at a time per output directory: a scheduled run never interleaves with a manual one."""
    out_dir.mkdir(parents=True, exist_ok=True)
    fh = (out_dir / ".lock").open("w")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        raise FatalError(f"another run is writing to {out_dir} (lock {out_dir / '.lock'} is held)") from None
    try:
        yield
    finally:
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()


def write_manifest(conn, runs_dir: Path, run_id: str) -> tuple[Path, dict]:
    """Write ``runs/<run_id>/manifest.json`` from the committed rows, mark it written; return path and content."""
    path = runs_dir / run_id / "manifest.json"
    manifest = store.manifest_of(conn, run_id)
    atomic_write_text(path, dump_json(manifest))
    store.mark_manifest_written(conn, run_id)
    return path, manifest


@task(name="prepare-batch", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def prepare_task(
    batch_no: int, rels: list[str], raw_dir: str, out_dir: str, settings_json: dict, stage_dir: str, reprocess: bool
) -> str:
    """Ingest -> extract -> normalize -> fingerprint one batch; returns the staging file."""
    settings = Settings.model_validate(settings_json)
    paths = _paths(Path(out_dir), settings)
    conn = store.connect(paths["db"])
    try:
        seen = {} if reprocess else store.seen_inputs(conn)
    finally:
        conn.close()
    prepared = batch.prepare(rels, Path(raw_dir), settings, seen, paths["articles"])
    return _dump(prepared, Path(stage_dir) / f"prepared-{batch_no:05d}.pkl")


@task(name="resolve-duplicates", retries=1, cache_policy=NO_CACHE)
def resolve_task(prepared_paths: list[str], out_dir: str, settings_json: dict, stage_dir: str) -> str:
    """Global dedup over every candidate of the run and the persistent index."""
    settings = Settings.model_validate(settings_json)
    cands: list[dedup.Candidate] = []
    for p in prepared_paths:
        cands.extend(_load(p).candidates)
    conn = store.connect(_paths(Path(out_dir), settings)["db"])
    try:
        resolution = dedup.resolve(cands, conn, settings)
    finally:
        conn.close()
    return _dump(resolution, Path(stage_dir) / "resolution.pkl")


@task(name="finish-batch", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def finish_task(
    prepared_path: str, resolution_path: str, out_dir: str, settings_json: dict, run_id: str, processed_at: str
) -> str:
    """Redact -> tag -> apply reviews -> write one batch; returns the staging file of its results."""
    settings = Settings.model_validate(settings_json)
    paths = _paths(Path(out_dir), settings)
    finished = batch.finish(
        _load(prepared_path),
        _load(resolution_path),
        settings,
        run_id=run_id,
        processed_at=processed_at,
        articles_dir=paths["articles"],
        reviews_dir=paths["reviews"],
    )
    return _dump(finished, Path(prepared_path).with_name(Path(prepared_path).name.replace("prepared", "finished")))


@task(name="commit-run", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def commit_task(
    finished_paths: list[str],
    resolution_path: str,
    raw_dir: str,
    out_dir: str,
    settings_json: dict,
    run_id: str,
    started_at: str,
    global_timings: dict[str, float],
) -> dict:
    """Commit the run in one transaction, then write its manifest, run statistics and blocks."""
    settings = Settings.model_validate(settings_json)
    paths = _paths(Path(out_dir), settings)
    resolution: dedup.Resolution = _load(resolution_path)
    entries: list[store.Entry] = []
    written: list[dedup.Candidate] = []
    blocks: list[dict] = []
    stats: dict[str, Counter] = {}
    timings: Counter[str] = Counter(global_timings)
    for p in finished_paths:
        f: batch.Finished = _load(p)
        entries.extend(f.entries)
        written.extend(f.written)
        blocks.extend(f.blocks)
        timings.update(f.timings)
        for k, c in f.stats.items():
            stats.setdefault(k, Counter()).update(c)

    start = time.perf_counter()
    written_now = {c.id for c in written}
    for article_id, sources in resolution.seen_at.items():
        if article_id not in written_now:  # an article of an earlier run gained a new source
            add_seen_at(paths["articles"] / f"{article_id}.json", [_with_run(s, run_id) for s in sources])
    finished_at = _now()
    conn = store.connect(paths["db"])
    try:
        store.commit_run(
            conn,
            run_id=run_id,
            started_at=started_at,
            finished_at=finished_at,
            raw_dir=raw_dir,
            out_dir=out_dir,
            entries=entries,
            written=written,
        )
        run_dir = paths["runs"] / run_id
        manifest_path, manifest = write_manifest(conn, paths["runs"], run_id)
    finally:
        conn.close()
    timings["commit"] += time.perf_counter() - start

    clusters = _clusters(entries, resolution)
    run_info = {
        "run_id": run_id,
        "started_at": started_at,
        "finished_at": finished_at,
        "seconds": round((datetime.fromisoformat(finished_at.replace("Z", "+00:00"))
                          - datetime.fromisoformat(started_at.replace("Z", "+00:00"))).total_seconds(), 2),
        "timings": {k: round(v, 3) for k, v in sorted(timings.items())},
        "totals": manifest["totals"],
        "quarantine_reasons": dict(stats.get("quarantine", Counter())),
        "removed": {
            k: {"count": stats["removed_count"][k], "chars": stats["removed_chars"][k]}
            for k in sorted(stats.get("removed_count", {}))
        },
        "normalize": dict(sorted(stats.get("normalize", Counter()).items())),
        "scripts": dict(stats.get("scripts", Counter())),
        "redactions": dict(stats.get("redactions", Counter())),
        "topics": dict(stats.get("topics", Counter())),
        "flags": dict(stats.get("flags", Counter())),
        "thresholds": _thresholds(settings),
        "topic_names": _topic_names(settings),
        "clusters": clusters,
        "articles": sorted(written_now),
    }
    atomic_write_text(run_dir / "run.json", dump_json(run_info))
    atomic_write_text(run_dir / "blocks.jsonl", "".join(_jsonl(b) for b in blocks))
    return {"run_id": run_id, "manifest": str(manifest_path), "run": run_info}


def _jsonl(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False) + "\n"


def _with_run(s, run_id: str):
    if s.run_id is None:
        s.run_id = run_id
    return s


def _clusters(entries: list[store.Entry], resolution: dedup.Resolution) -> list[dict]:
    """Duplicate clusters of this run: canonical id and the inputs that copied it."""
    by_id: dict[str, list[dict]] = {}
    for e in entries:
        if e.status == "duplicate" and e.duplicate_of:
            by_id.setdefault(e.duplicate_of, []).append({"path": e.path, "similarity": e.similarity})
    sites = {s.path: s.site for v in resolution.seen_at.values() for s in v}
    return [
        {"canonical": cid, "copies": [c | {"site": sites.get(c["path"])} for c in copies]}
        for cid, copies in sorted(by_id.items())
    ]


def _thresholds(settings: Settings) -> dict[str, float]:
    return {t.label: t.threshold for t in load_taxonomy(settings.tag.topics_file).topics}


def _topic_names(settings: Settings) -> dict[str, str]:
    return {t.label: t.name for t in load_taxonomy(settings.tag.topics_file).topics}


def _batches(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or []


@flow(name="clean-articles", log_prints=True)
def clean_articles(
    raw_dir: str = "raw",
    out_dir: str = "processed",
    config: str | None = None,
    reprocess: bool = False,
) -> dict:
    """Clean every file under ``raw_dir`` into ``out_dir`` (articles, manifest, report).

    ``reprocess`` ignores what earlier runs recorded and processes every input
    again (use it after changing the configuration or upgrading the pipeline).
    """
    logger = _logger()
    settings = load_settings(config)
    raw, out = Path(raw_dir), Path(out_dir)
    if not raw.is_dir():
        raise FatalError(f"raw directory not found: {raw}")
    started_at = _now()
    run_id = new_run_id()
    paths = _paths(out, settings)
    try:
        for key in ("articles", "runs", "staging"):
            paths[key].mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FatalError(f"output directory {out} is not writable: {exc.strerror or exc}") from None
    if not os.access(out, os.W_OK):
        raise FatalError(f"output directory {out} is not writable")

    with run_lock(out):
        conn = store.connect(paths["db"])
        try:
            try:
                check_params(conn, settings.dedup)
            except IndexMismatch as exc:
                raise FatalError(str(exc)) from None
            for pending in store.pending_manifests(conn):  # a crash between commit and manifest last time
                write_manifest(conn, paths["runs"], pending)
                logger.info("recovered the manifest of run %s", pending)
        finally:
            conn.close()

        settings_json = settings.model_dump()
        files = ingest.discover(raw, settings)
        stage_dir = paths["staging"] / run_id
        stage_dir.mkdir(parents=True, exist_ok=True)
        batches = _batches(files, settings.run.batch_size)
        progress(logger, "run %s: %d input files in %d batches from %s", run_id, len(files), len(batches), raw)

        global_timings: dict[str, float] = {}
        futures = [
            prepare_task.submit(i, b, str(raw), str(out), settings_json, str(stage_dir), reprocess)
            for i, b in enumerate(batches)
        ]
        prepared_paths: list[str] = []
        for done, fut in enumerate(as_completed(futures), 1):
            prepared_paths.append(fut.result())
            progress(logger, "extracted and normalised batch %d/%d", done, len(batches))
        prepared_paths.sort()

        start = time.perf_counter()
        resolution_path = resolve_task(prepared_paths, str(out), settings_json, str(stage_dir))
        global_timings["dedup_resolve"] = time.perf_counter() - start

        processed_at = _now()
        futures = [
            finish_task.submit(p, resolution_path, str(out), settings_json, run_id, processed_at) for p in prepared_paths
        ]
        finished_paths: list[str] = []
        for done, fut in enumerate(as_completed(futures), 1):
            finished_paths.append(fut.result())
            progress(logger, "tagged and wrote batch %d/%d", done, len(batches))
        finished_paths.sort()

        result = commit_task(
            finished_paths, resolution_path, str(raw), str(out), settings_json, run_id, started_at, global_timings
        )
        shutil.rmtree(stage_dir, ignore_errors=True)

    result["report"] = _report(out, run_id, settings, logger)
    _publish_artifacts(result)
    return result


def _report(out: Path, run_id: str, settings: Settings, logger) -> str | None:
    """Build the HTML report; a report failure is logged, never fails a committed run."""
    if not settings.run.report:
        return None
    try:
        from pipeline.report import build_report

        return str(build_report(out, run_id))
    except Exception as exc:  # noqa: BLE001
        logger.warning("report for run %s not built: %s: %s", run_id, type(exc).__name__, exc)
        return None


def _publish_artifacts(result: dict) -> None:
    """Markdown summary, tables and a link to the report in the Prefect UI (no-op outside a run)."""
    try:
        from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact
        from prefect.context import FlowRunContext

        if FlowRunContext.get() is None:
            return
        run = result["run"]
        totals = run["totals"]
        md = [f"# Run {run['run_id']}", "", f"{totals['inputs']} inputs in {run['seconds']} s", ""]
        md += ["| fate | count |", "|---|---|"] + [f"| {k} | {v} |" for k, v in totals.items() if k != "inputs"]
        if run["quarantine_reasons"]:
            md += ["", "**Quarantined:** " + ", ".join(f"{k} ({v})" for k, v in run["quarantine_reasons"].items())]
        if run["topics"]:
            md += ["", "**Topics:** " + ", ".join(f"{k} {v}" for k, v in sorted(run["topics"].items()))]
        create_markdown_artifact("\n".join(md), key="run-summary", description="What this run did")
        create_table_artifact(
            [{"kind": "fate", "name": k, "count": v} for k, v in totals.items() if k != "inputs"]
            + [{"kind": "topic", "name": k, "count": v} for k, v in sorted(run["topics"].items())],
            key="run-counts",
            description="Inputs by fate and articles per topic",
        )
        if result.get("report"):
            create_link_artifact(
                Path(result["report"]).resolve().as_uri(), link_text="Review report", key="run-report"
            )
    except Exception as exc:  # noqa: BLE001 - artifacts are a convenience, never a failure
        log.warning("artifacts not published: %s", exc)
