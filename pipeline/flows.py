"""Prefect orchestration: wires the pure stages of :mod:`pipeline.batch` into one flow.

Tasks work on batches of input paths (``run.batch_size``, hundreds of files),
never one task per document, and hand each other staging-file paths
(:mod:`pipeline.staging`) instead of big objects. Batches stream: never more
are in flight than the workers plus a small queue (:func:`pipeline.runner.in_flight_limit`),
and what the flow itself keeps per document is a dedup candidate of about 1 KB
(signatures, no text), so a run's memory does not grow with its size. Where the
batches run - this process, a process per core, a Dask cluster - is chosen when
the run starts (:mod:`pipeline.runner`).

Run order: recover -> prepare (per batch, parallel) -> resolve (global dedup,
from signatures and the index) -> finish (per batch, parallel) -> commit (one
SQLite transaction, batch by batch) -> report -> Prefect artifacts.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import resource
import secrets
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from pipeline import batch, commit, crawl_parts, dedup, housekeeping, ingest, runner, staging, store
from pipeline.config import Settings, load_settings
from pipeline.runner import FatalError, progress
from pipeline.tag.taxonomy import load_taxonomy

log = logging.getLogger("pipeline")


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


# ----------------------------------------------------------------------------- tasks
@task(name="prepare-batch", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def prepare_task(
    batch_no: int, rels: list[str], shown: list[str], raw_dir: str, out_dir: str, settings_json: dict,
    stage_dir: str, reprocess: bool, parts: list | None = None,
) -> dict:
    """Ingest -> extract -> normalize -> fingerprint one batch into its staging files; returns counts.

    ``parts``: for each input, the part of a large crawl file to read (None: the whole file);
    ``files`` in the counts counts a file split in parts once, with its last part.
    """
    cpu = time.process_time()
    settings = Settings.model_validate(settings_json)
    paths = housekeeping.paths_of(Path(out_dir), settings)

    def lookup(keys: list[str]) -> dict[str, store.Seen]:
        conn = store.connect(paths["db"])
        try:
            return store.seen_inputs(conn, keys)
        finally:
            conn.close()

    parts = [None if p is None else crawl_parts.Part(*p) for p in parts or [None] * len(rels)]
    prepared = batch.prepare(rels, Path(raw_dir), settings, lookup, paths["articles"], shown, parts, reprocess)
    # what each input holds now (unchanged and quarantined ones too): tells a moved input from a copy
    staging.dump({d.path: d.sha256 for d in prepared.docs}, staging.file(stage_dir, "bytes", batch_no))
    light = dedup.spill(prepared.candidates, staging.file(stage_dir, "shingles", batch_no))
    staging.dump(light, staging.file(stage_dir, "cands", batch_no))
    staging.dump(prepared, staging.file(stage_dir, "prepared", batch_no))
    return {"batch": batch_no, "files": sum(p is None or p.last for p in parts), "docs": len(prepared.docs),
            "bytes": sum(d.size for d in prepared.docs), "cpu": time.process_time() - cpu}


@task(name="resolve-duplicates", retries=1, cache_policy=NO_CACHE)
def resolve_task(n_batches: int, stage_dir: str, db_path: str, settings_json: dict, articles_dir: str | None = None) -> dict:
    """Global dedup over the run's candidates and the persistent index; one decision file per batch.

    With ``articles_dir``, an article's input moved to another path is told from a copy
    (:func:`pipeline.batch.move_check`; what each input holds now is in the staging folder).
    """
    cpu = time.process_time()
    settings = Settings.model_validate(settings_json)
    cands: list[dedup.Candidate] = []
    batch_of: list[int] = []
    for n in range(n_batches):
        part = staging.load(staging.file(stage_dir, "cands", n))
        cands.extend(part)
        batch_of.extend([n] * len(part))
    current: dict[str, str] | None = None
    if articles_dir is not None:
        current = {}
        for n in range(n_batches):
            current.update(staging.load(staging.file(stage_dir, "bytes", n)))
    conn = store.connect(Path(db_path))
    try:
        moved = None if current is None else batch.move_check(current, Path(articles_dir), conn)
        res = dedup.resolve(cands, conn, settings, moved)
        if current is not None:
            batch.mark_moved_copies(res, cands, conn, current)
    finally:
        conn.close()
    parts = [dedup.Resolution() for _ in range(n_batches)]
    for c, n in zip(cands, batch_of, strict=True):
        if (d := res.decisions.get(c.path)) is not None:
            parts[n].decisions[c.path] = d
        if (s := res.seen_at.get(c.id)) is not None:
            parts[n].seen_at[c.id] = s
    for n, part in enumerate(parts):
        staging.dump(part, staging.file(stage_dir, "resolution", n))
    seen_at = staging.dump(res.seen_at, Path(stage_dir) / "seen_at.pkl")
    return {"seen_at": seen_at, "stats": res.stats, "cpu": time.process_time() - cpu}


@task(name="finish-batch", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def finish_task(
    batch_no: int, stage_dir: str, out_dir: str, settings_json: dict, run_id: str, processed_at: str,
    reprocess: bool = False,
) -> dict:
    """Redact -> tag -> apply reviews -> write one batch; its results go to a staging file for the commit."""
    cpu = time.process_time()
    settings = Settings.model_validate(settings_json)
    paths = housekeeping.paths_of(Path(out_dir), settings)
    finished = batch.finish(
        staging.load(staging.file(stage_dir, "prepared", batch_no)),
        staging.load(staging.file(stage_dir, "resolution", batch_no)),
        settings,
        run_id=run_id,
        processed_at=processed_at,
        articles_dir=paths["articles"],
        reviews_dir=paths["reviews"],
        reprocess=reprocess,
    )
    staging.dump(finished, staging.file(stage_dir, "finished", batch_no))
    written = [e.article_id for e in finished.entries if e.status == "written" and e.article_id]
    return {"batch": batch_no, "docs": len(finished.entries), "written": written, "departed": finished.departed,
            "cpu": time.process_time() - cpu}


# ------------------------------------------------------------------------------- flow
@flow(name="clean-articles", log_prints=True)
def clean_articles(
    raw_dir: str = "raw",
    out_dir: str = "processed",
    config: str | None = None,
    reprocess: bool = False,
    workers: int | None = None,
    engine: str | None = None,
    dask_address: str | None = None,
    lock_wait: float = 0.0,
) -> dict:
    """Clean every file under ``raw_dir`` into ``out_dir`` (articles, manifest, report).

    ``reprocess`` ignores what earlier runs recorded and processes every input
    again (use it after changing the configuration or upgrading the pipeline).
    ``workers``, ``engine`` and ``dask_address`` override the ``run`` settings.
    ``lock_wait``: seconds to wait while another run writes ``out_dir`` (the deployments
    wait for a manual run; the CLI refuses at once).
    """
    logger = _logger()
    settings = load_settings(config)
    overrides = {k: v for k, v in (("workers", workers), ("engine", engine), ("dask_address", dask_address))
                 if v is not None}
    if overrides:
        settings = settings.model_copy(update={"run": settings.run.model_copy(update=overrides)})
        settings = Settings.model_validate(settings.model_dump())
    raw, out = Path(raw_dir), Path(out_dir)
    if not raw.is_dir():
        raise FatalError(f"raw directory not found: {raw}")
    if problem := ingest.dirs_problem(raw, out):
        raise FatalError(problem)
    started_at = _now()
    t_start = time.monotonic()
    run_id = new_run_id()
    # the tasks get absolute paths: a Dask cluster's workers resolve a relative one against their own folder
    raw_abs, out_abs = raw.resolve(), out.resolve()
    paths = housekeeping.paths_of(out_abs, settings)
    try:
        for key in ("articles", "runs", "staging"):
            paths[key].mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FatalError(f"output directory {out} is not writable: {exc.strerror or exc}") from None
    if not os.access(out, os.W_OK):
        raise FatalError(f"output directory {out} is not writable")

    def waiting() -> None:
        logger.warning("another run is writing to %s: waiting up to %.0f s for it to finish", out, lock_wait)

    with housekeeping.run_lock(out, wait=lock_wait, on_wait=waiting):
        recovered = _recover(paths, settings, logger)
        settings_json = settings.model_dump()
        files = ingest.discover(raw, settings, exclude=out)
        if not files:  # an unmounted share looks just like this: say so, a quiet success would hide it
            logger.warning("raw directory %s holds no inputs: nothing to do (is it the right folder, mounted?)", raw)
        if raw.resolve() in out.resolve().parents:
            progress(logger, "the output folder %s is inside the raw folder: it is not read as input", out)
        names = ingest.public_paths(files)  # what outputs call each input: no personal data in a file name
        stage_dir = paths["staging"] / run_id
        stage_dir.mkdir(parents=True, exist_ok=True, mode=0o700)  # private: only this run reads it
        wall: dict[str, float] = {}
        peak: dict[str, float] = {}  # the flow process's RSS high-water mark after each phase
        try:
            units = crawl_parts.plan(  # a large crawl file in parts: a batch's memory each
                files, raw, settings, stage_dir / "inflated",
                lambda rel, size: progress(logger, "inflating %s (%.0f MB) to cut it in parts", rel, size / 1e6))
            bounds = runner.plan_batches([1 if p is None else p.records for _, p in units], settings.run.batch_size,
                                         runner.worker_count(settings))
            batches = [units[a:b] for a, b in bounds]
            n = len(batches)
            limit = runner.in_flight_limit(settings, n)
            where = "1 process" if n <= 1 and settings.run.engine == "local" else runner.describe(settings)
            progress(logger, "run %s: %d input files in %d batches from %s, on %s", run_id, len(files), n, raw, where)
            with runner.Workers(settings, n, logger) as workers:
                t = time.monotonic()
                meter = runner.Progress(logger, "prepare", len(files), "files", settings.run.progress_seconds)
                runner.stream(workers, prepare_task, lambda i: {
                    "batch_no": i, "rels": [files[f] for f, _ in batches[i]], "shown": [names[f] for f, _ in batches[i]],
                    "parts": [p for _, p in batches[i]], "raw_dir": str(raw_abs),
                    "out_dir": str(out_abs),
                    "settings_json": settings_json, "stage_dir": str(stage_dir), "reprocess": reprocess,
                }, range(n), limit, lambda r: meter.add(r["files"], r["docs"]), meter)
                wall["prepare"] = time.monotonic() - t
                peak["prepare"] = _peak_mb()

                t = time.monotonic()
                resolved = resolve_task(n, str(stage_dir), str(paths["db"]), settings_json, str(paths["articles"]))
                wall["resolve"] = time.monotonic() - t
                peak["resolve"] = _peak_mb()
                progress(logger, "resolved duplicates in %.1f s: %s", wall["resolve"], resolved["stats"])

                t = time.monotonic()
                processed_at = _now()
                written_now: set[str] = set()
                departed: list[tuple[str, str]] = []

                def finished(r: dict) -> None:
                    written_now.update(r["written"])
                    departed.extend(tuple(d) for d in r["departed"])
                    meter.add(1, r["docs"])

                meter = runner.Progress(logger, "finish", n, "batches", settings.run.progress_seconds)
                runner.stream(workers, finish_task, lambda i: {
                    "batch_no": i, "stage_dir": str(stage_dir), "out_dir": str(out_abs), "settings_json": settings_json,
                    "run_id": run_id, "processed_at": processed_at, "reprocess": reprocess,
                }, range(n), limit, finished, meter)
                wall["finish"] = time.monotonic() - t
                peak["finish"] = _peak_mb()

            t = time.monotonic()
            seen_at = staging.load(resolved["seen_at"])
            finished_at = _now()
            manifest_path, head, sums = commit.commit(
                stage_dir=stage_dir, n_batches=n, seen_at=seen_at, written_now=written_now, departed=departed,
                articles_dir=paths["articles"], reviews_dir=paths["reviews"], runs_dir=paths["runs"],
                db_path=paths["db"], run_id=run_id, started_at=started_at, finished_at=finished_at,
                raw_dir=ingest.public_name(str(raw)), out_dir=ingest.public_name(str(out)), names=_topic_names(settings),
                thresholds=_thresholds(settings),
            )
            wall["commit"] = time.monotonic() - t
            peak["commit"] = _peak_mb()
        finally:
            shutil.rmtree(stage_dir, ignore_errors=True)  # staging holds text before redaction: never left behind
            with contextlib.suppress(OSError):
                paths["staging"].rmdir()  # and no empty folder either (under the run lock no other run uses it)

        sums.cpu["resolve"] += resolved["cpu"]
        info = commit.run_info(
            run_id=run_id, raw_dir=ingest.public_name(str(raw)), started_at=started_at, finished_at=finished_at, head=head, sums=sums,
            seen_at=seen_at, wall=wall | {"flow": time.monotonic() - t_start},
            workers=1 if where == "1 process" else runner.worker_count(settings), runner=where, thresholds=_thresholds(settings), topic_names=_topic_names(settings),
        )
        info["flow_peak_rss_mb"] = peak
        info["tag_model"] = _tag_model(settings)
        _model_notices(paths["runs"], run_id, info, reprocess)
        info["notices"] += [f"recovered from an interrupted run: {note}" for note in recovered]
        if not files:
            info["notices"].append(f"raw directory {ingest.public_name(str(raw))} holds no inputs: nothing was done "
                                   "(is it the right folder, and mounted?)")
        commit.write_run_info(paths["runs"], run_id, info)

    t = time.monotonic()
    result = {"run_id": run_id, "manifest": str(manifest_path), "run": info}
    result["report"] = _report(out, run_id, settings, logger)
    if info.get("reviews_applied"):
        _refresh_reviewed(out, paths["db"], run_id, settings, logger)
    result["report_seconds"] = round(time.monotonic() - t, 3)
    log.debug("flow process peak RSS after the report: %.0f MB", _peak_mb())
    _publish_artifacts(result)
    return result


def _tag_model(settings: Settings) -> str:
    from pipeline.tag import model_digest

    return model_digest(settings)


def _model_notices(runs_dir: Path, run_id: str, info: dict, reprocess: bool) -> None:
    """Record which tagging models wrote the articles, and say so when one of them is not this run's.

    A refit (``python -m pipeline.tag.learn --write``) or an edited taxonomy changes the tags of
    what a run processes, never of articles whose inputs are unchanged: those keep their old tags
    (and thresholds) until ``--reprocess``. ``tag_models_written`` carries the models that wrote
    the articles since the last ``--reprocess`` from run to run, so only the previous run is read.
    """
    model, wrote = info["tag_model"], info["totals"].get("written", 0)
    before: set[str] = set()
    if not reprocess and runs_dir.is_dir():
        for prev in sorted((d.name for d in runs_dir.iterdir() if d.is_dir() and d.name < run_id), reverse=True):
            try:
                earlier = json.loads((runs_dir / prev / "run.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # a killed run: no run.json
            before = set(earlier.get("tag_models_written") or []) if isinstance(earlier, dict) else set()
            break
    info["tag_models_written"] = sorted(before | ({model} if wrote else set()))
    stale = before - {model}
    info["notices"] = [
        "articles written by runs with another tagging model (a refit or an edited taxonomy) keep their old "
        "tags and thresholds; `pipeline run --reprocess` retags them"
    ] if stale else []


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class _Notes:
    """A logger's ``info`` that also keeps each message: what recovery did becomes the run's notices."""

    def __init__(self, logger) -> None:  # noqa: ANN001 - a logger or Prefect's adapter
        self.logger, self.said = logger, []

    def info(self, msg: str, *args: object) -> None:
        self.logger.info(msg, *args)
        self.said.append(msg % args if args else msg)


def _recover(paths: dict[str, Path], settings: Settings, logger) -> list[str]:
    """Check what the run depends on and finish what a killed run left behind, before any work; return
    what it did, for the run's notices (the summary and run.json say it, not only the logs).

    A malformed index or review store stops the run here, with one line, not
    after articles were written.
    """
    notes = _Notes(logger)
    killed = staging.remove_stale(paths["staging"])  # runs that never finished: their staging goes first
    if killed:
        notes.info("removed staging files of interrupted runs: %s", ", ".join(killed))
    housekeeping.preflight(paths["runs"].parent, settings)
    conn = store.connect(paths["db"])
    try:
        pending = store.pending_manifests(conn, paths["runs"])
        for run_id in pending:  # a crash between commit and manifest last time, or a manifest lost since
            commit.write_manifest(conn, paths["runs"], run_id)
            notes.info("recovered the manifest of run %s", run_id)
        housekeeping.clean_after(killed, paths, conn, notes)
    finally:
        conn.close()
    if settings.report.enabled:  # a run killed before or while building its report, or a recovered one
        from pipeline.report import report_intact

        recent = sorted(d.name for d in paths["runs"].glob("*") if (d / "run.json").is_file() or d.name in pending)
        for run_id in recent[-min(3, settings.report.keep_runs):]:
            if not report_intact(paths["runs"].parent / "reports" / run_id / "index.html"):
                _report(paths["runs"].parent, run_id, settings, logger)
    return notes.said


def _refresh_reviewed(out: Path, db: Path, run_id: str, settings: Settings, logger) -> None:
    """Rebuild the kept reports of the runs whose articles this run applied verdicts to.

    A run that only applied verdicts writes no article of its own; its report sends the
    analyst to the run that wrote them, whose report must show the verdicts, not the
    tags as they were before them.
    """
    if not settings.report.enabled:
        return
    conn = store.connect(db)
    try:
        runs = store.runs_with_reviewed_articles(conn, run_id)
    finally:
        conn.close()
    for earlier in runs:
        if (out / "reports" / earlier / "index.html").is_file():  # pruned reports stay pruned
            _report(out, earlier, settings, logger)
            logger.info("report of run %s rebuilt: it shows articles reviewed since", earlier)


def _thresholds(settings: Settings) -> dict[str, float]:
    from pipeline.tag import thresholds

    return thresholds(settings)


def _topic_names(settings: Settings) -> dict[str, str]:
    return {t.label: t.name for t in load_taxonomy(settings.tag.topics_file).topics}


def _report(out: Path, run_id: str, settings: Settings, logger) -> str | None:
    """Build the HTML report and prune old ones; a report failure is logged, never fails a committed run."""
    if not settings.report.enabled:
        return None
    try:
        from pipeline.report import build_report, prune_reports

        path = str(build_report(out, run_id))
        prune_reports(out, settings.report.keep_runs)
        return path
    except Exception as exc:  # noqa: BLE001
        progress(logger, "warning: report for run %s not built: %s: %s", run_id, type(exc).__name__, exc)
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
