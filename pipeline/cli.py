"""The ``pipeline`` command (also ``python -m pipeline``).

Sub-commands: ``run``, ``serve``, ``validate``, ``report``, ``review import``,
``export``, ``dedup rebuild`` and ``eval {extraction,scrapes,metadata,tagging,dedup,conversion}``. Every fatal problem
ends in one ``error:`` line and exit status 2, never a traceback; bad input
files are not fatal (they are quarantined and the run exits 0).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
import time
from pathlib import Path


def _check_reachable(address: str, timeout: float = 5.0) -> None:
    """A Dask scheduler that does not answer is a problem before any work (exit 2), not after Prefect
    started and the cluster client gave up (30 s, exit 1)."""
    import socket

    m = re.fullmatch(r"(?:tcp|tls|ws|wss)://([^\s:/]+):(\d{1,5})", address)
    if not m:
        return  # ucx, inproc: nothing a socket can try
    try:
        socket.create_connection((m.group(1), int(m.group(2))), timeout=timeout).close()
    except OSError as exc:
        raise CliError(f"the Dask scheduler {address} does not answer ({exc.strerror or exc}): start it, or run "
                       "without --dask-address") from None


def _prefect_env() -> None:
    """Defaults that make Prefect's embedded (ephemeral) mode work out of the box.

    Set before Prefect is imported. ``PREFECT_HOME`` is the project's gitignored
    ``.prefect/`` (``PIPELINE_PROJECT_DIR``, else the checkout this package runs from,
    else the working directory), wherever the command is started from (a cron job in
    ``$HOME`` would otherwise start a database of its own, and migrate it, each place), unless
    the operator points elsewhere or at a server (``PREFECT_API_URL``). The first ephemeral start migrates a
    fresh SQLite database, which has been seen to take ~20 s on a cold machine,
    hence the generous start-up timeout.
    """
    if "PREFECT_API_URL" not in os.environ:
        checkout = Path(__file__).resolve().parents[1]
        project = os.environ.get("PIPELINE_PROJECT_DIR") or (
            str(checkout) if (checkout / "prefect.yaml").is_file() else str(Path.cwd()))
        os.environ.setdefault("PREFECT_HOME", str(Path(project) / ".prefect"))
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_LEVEL", "WARNING")
    # the terminal gets the run's own lines (progress, summary, one `error:` line); Prefect's records,
    # tracebacks included, still go to its API and show in the UI
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")


class CliError(Exception):
    """Fatal, shown as one line."""


def _fail(msg: str) -> int:
    print(f"error: {msg}", file=sys.stderr)
    return 2


# --------------------------------------------------------------------------- run
def cmd_run(args: argparse.Namespace) -> int:
    from pipeline.config import load_settings

    settings = load_settings(args.config)  # ConfigError surfaces as one line before Prefect starts
    from pipeline.tag.taxonomy import TaxonomyError, load_taxonomy

    try:
        load_taxonomy(settings.tag.topics_file)
    except TaxonomyError as exc:
        raise CliError(str(exc)) from None
    raw, out = Path(args.raw), Path(args.out)
    if not raw.is_dir():
        raise CliError(f"raw directory not found: {raw}")
    from pipeline.ingest import dirs_problem

    if problem := dirs_problem(raw, out):  # before anything is written there: the index would become an input
        raise CliError(problem)
    try:
        out.mkdir(parents=True, exist_ok=True)
        import tempfile

        with tempfile.NamedTemporaryFile(dir=out, prefix=".write-test-", suffix=".tmp"):
            pass  # a name of its own: two runs started together must not trip over each other's probe
    except OSError as exc:
        if out.exists() and not out.is_dir():
            raise CliError(f"output directory {out} is a file: give --out a folder") from None
        raise CliError(f"output directory {out} is not writable: {exc.strerror or exc}") from None
    overrides = {k: v for k, v in (("engine", args.engine), ("workers", args.workers),
                                   ("dask_address", args.dask_address)) if v is not None}
    if args.dask_address and not args.engine:
        overrides["engine"] = "dask"
    if args.dask_address and args.engine == "local":
        raise CliError("--dask-address runs on a Dask cluster: drop --engine local (or give --engine dask)")
    if args.dask_address and not re.fullmatch(r"(?:tcp|tls|ucx|inproc|ws|wss)://[^\s:/]+:\d{1,5}", args.dask_address):
        raise CliError(f"--dask-address {args.dask_address!r} is not a scheduler address like tcp://HOST:8786")
    if overrides:
        from pipeline.config import Settings

        settings = Settings.model_validate(settings.model_dump() | {"run": settings.run.model_dump() | overrides})
    if settings.run.engine == "dask" and settings.run.dask_address:
        _check_reachable(settings.run.dask_address)

    _prefect_env()
    from pipeline import runner
    from pipeline.housekeeping import preflight, run_lock
    from pipeline.run_summary import describe_failure, print_summary
    from pipeline.runner import FatalError

    lock = contextlib.ExitStack()
    try:  # the lock and the state files first: one line, before Prefect spends seconds starting
        lock.enter_context(run_lock(out))
        preflight(out, settings)
    except FatalError as exc:
        lock.close()
        raise CliError(str(exc)) from None
    with lock:
        home = os.environ.get("PREFECT_HOME")
        first = "PREFECT_API_URL" not in os.environ and home is not None and not (Path(home) / "prefect.db").exists()
        note = "; first start migrates Prefect's database" if first else ""
        print(f"pipeline run: {raw} -> {out} (starting Prefect{note})",
              file=sys.stderr, flush=True)
        start = time.perf_counter()

        import logging

        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
        progress_log = logging.getLogger("pipeline.progress")
        progress_log.addHandler(handler)
        progress_log.setLevel(logging.INFO)
        progress_log.propagate = False

        import signal

        def stop(signum, frame):  # noqa: ANN001, ARG001 - SIGTERM unwinds like Ctrl-C: workers and server stop too
            raise KeyboardInterrupt(signal.Signals(signum).name)

        signal.signal(signal.SIGTERM, stop)
        result = None
        try:
            with runner.prefect_api():
                from pipeline.flows import clean_articles

                result = clean_articles(
                    raw_dir=str(raw), out_dir=str(out), config=args.config, reprocess=args.reprocess,
                    **{k: v for k, v in overrides.items()},
                )
        except FatalError as exc:
            raise CliError(str(exc)) from None
        except KeyboardInterrupt as exc:
            signal_name = str(exc).strip("()'\", ") or "SIGINT"  # Prefect may re-raise it with empty args: "()"
            if result is not None:  # the run had committed; only Prefect's shutdown was cut short
                print_summary(result, time.perf_counter() - start, out)
                print(f"note: interrupted ({signal_name}) while Prefect shut down, after the run committed",
                      file=sys.stderr)
                return 0
            print(f"error: interrupted ({signal_name}); the next run processes again what this one did not commit",
                  file=sys.stderr)
            return 130
        except Exception as exc:  # noqa: BLE001 - a failed run is one line; its details are in the Prefect logs
            print(f"error: the run failed: {describe_failure(exc, out)}; the next run processes again what this one did "
                  "not commit", file=sys.stderr)
            return 1
        print_summary(result, time.perf_counter() - start, out)
    return 0


# ---------------------------------------------------------------------- validate
def cmd_validate(args: argparse.Namespace) -> int:
    from pipeline.validate import UnusableIndex, debris_of, validate_dir

    directory = Path(args.dir)
    if not directory.is_dir():
        raise CliError(f"{directory} is not a directory (give an output directory or an articles directory)")
    if args.repair:
        from pipeline.housekeeping import run_lock
        from pipeline.runner import FatalError

        try:
            with run_lock(directory):  # never while a run writes
                debris = debris_of(directory)
                n = debris.remove()
        except (FatalError, UnusableIndex) as exc:
            raise CliError(str(exc)) from None
        print(f"removed {n} leftovers of interrupted runs ({len(debris.staging)} staging folders, "
              f"{len(debris.temp)} temporary files, {len(debris.orphans)} uncommitted articles)")
    try:
        problems, checked = validate_dir(directory)
    except UnusableIndex as exc:
        raise CliError(str(exc)) from None
    if checked.get("live"):
        print(f"a run is writing to {directory} now: its staging and uncommitted articles are not checked")
    for p in problems[:50]:
        print(p)
    if len(problems) > 50:
        print(f"... and {len(problems) - 50} more")
    orphans = f" (and {_count(checked['orphans'], 'orphan article')}, listed above)" if checked.get("orphans") else ""
    print(f"{_count(checked['articles'], 'article')}{orphans} and {_count(checked['manifests'], 'manifest')} checked: "
          f"{'all valid' if not problems else _count(len(problems), 'problem')}")
    return 1 if problems else 0


def _count(n: int, noun: str) -> str:
    """``1 manifest``, ``2 manifests``: the counts an operator reads at the end of a command."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


# ------------------------------------------------------------------------- serve
def cmd_serve(args: argparse.Namespace) -> int:
    from pipeline.serve import serve

    return serve(host=args.host, port=args.port, worker=not args.no_worker)


# ------------------------------------------------------------------------ report
def cmd_report(args: argparse.Namespace) -> int:
    from pipeline.report import build_report

    out = Path(args.out)
    if not (out / "runs").is_dir():
        raise CliError(f"no runs under {out}: run `pipeline run` first")
    warnings: list[str] = []
    try:
        path = build_report(out, args.run, warnings=warnings)
    except (FileNotFoundError, ValueError) as exc:
        raise CliError(str(exc).splitlines()[0]) from None
    print(path)
    if warnings:  # the report was still written: it lists them, and the operator must hear of them
        more = f" (and {len(warnings) - 1} more, listed in the report)" if len(warnings) > 1 else ""
        print(f"warning: {warnings[0]}{more}; run `pipeline validate {out}`", file=sys.stderr)
        return 1
    return 0


# ------------------------------------------------------------------------ review
def cmd_review_import(args: argparse.Namespace) -> int:
    from pipeline.review import import_verdicts

    f = Path(args.file)
    if not f.is_file():
        raise CliError(f"verdict file not found: {f}")
    if not (Path(args.out) / "articles").is_dir():  # checked first: otherwise every verdict reads as wrong
        raise CliError(f"no articles under {args.out}: --out must be the folder `pipeline run` wrote")
    reviews = Path(args.out) / "reviews"  # where runs and reports look for them
    from pipeline.config import load_settings
    from pipeline.tag.taxonomy import load_taxonomy

    labels = {t.label for t in load_taxonomy(load_settings(args.config).tag.topics_file).topics}
    try:
        result = import_verdicts(f, reviews, labels=labels, articles_dir=Path(args.out) / "articles")
    except (ValueError, KeyError, json.JSONDecodeError) as exc:
        raise CliError(str(exc)) from None  # each message names the file and the entry
    print(result.message(reviews))
    return 0


# ------------------------------------------------------------------------- dedup
def cmd_dedup_rebuild(args: argparse.Namespace) -> int:
    from pipeline import dedup, store
    from pipeline.config import load_settings

    settings = load_settings(args.config)
    out = Path(args.out)
    articles = out / "articles"
    if not articles.is_dir():
        raise CliError(f"no articles under {out}")
    db = Path(settings.dedup.index_path) if settings.dedup.index_path else out / "index.sqlite"
    from pipeline.housekeeping import run_lock
    from pipeline.runner import FatalError

    try:
        with run_lock(out):  # a run in progress would index articles it has not committed
            conn = store.connect(db)
            try:
                n = dedup.rebuild(conn, articles, settings)
                restored = store.restore_inputs(conn, articles)
            finally:
                conn.close()
    except FatalError as exc:
        raise CliError(str(exc)) from None
    print(f"dedup index rebuilt from {n} articles in {db}"
          + (f"; the inputs of {restored} articles restored from their files" if restored else ""))
    return 0


# ------------------------------------------------------------------------ export
def cmd_export(args: argparse.Namespace) -> int:
    from pipeline.config import load_settings
    from pipeline.export import ExportError, export
    from pipeline.housekeeping import paths_of

    paths = paths_of(Path(args.out_dir), load_settings(args.config))
    out = None if args.out in (None, "-") else Path(args.out)
    if out is None and sys.stdout is None:
        raise CliError("standard output is closed: give --out FILE")
    if out is not None and out.is_dir():
        raise CliError(f"--out {out} is a directory: give a file name")
    t = time.monotonic()
    try:
        counts = export(paths["db"], paths["articles"], since=args.since, fmt=args.format, out=out)
    except ExportError as exc:
        raise CliError(str(exc)) from None
    except BrokenPipeError:  # `pipeline export | head`: the reader has what it wanted
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep Python's exit flush quiet
        return 0
    what = f"changed since {args.since}" if args.since else "all articles"
    missing = (f"; error: {counts.missing} indexed articles have no readable file (run `pipeline validate`); "
               "exit status 1, so a consumer keeps its cursor" if counts.missing else "")
    print(f"exported {counts.exported} articles ({what}) in {time.monotonic() - t:.1f} s"
          f"{'; last run ' + counts.last_run if counts.last_run else ''}{' to ' + str(out) if out else ''}{missing}",
          file=sys.stderr)
    return 1 if counts.missing else 0  # never let a consumer advance past an article it did not get


# -------------------------------------------------------------------------- eval
def cmd_eval(args: argparse.Namespace) -> int:
    import importlib

    module = importlib.import_module(f"pipeline.eval.{args.name}")
    try:
        return int(module.main(args.rest) or 0)
    except BrokenPipeError:  # `pipeline eval ... | head`
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep Python's exit flush quiet
        return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="pipeline",
        description="Clean scraped Chinese web articles: raw/ -> processed/ (validated JSON, manifest, report).",
    )
    from pipeline import __version__

    p.add_argument("--version", action="version", version=f"pipeline {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    r = sub.add_parser("run", help="run the cleaning flow once (embedded Prefect, no server needed)",
                       description="Run the cleaning flow once over RAW into OUT. Re-running on the same input "
                                   "writes nothing new and reports every file unchanged.")
    r.add_argument("--raw", default="raw", help="input directory (default: raw/)")
    r.add_argument("--out", default="processed", help="output directory (default: processed/)")
    r.add_argument("--config", default=None, help="YAML settings file (default: built-in defaults)")
    r.add_argument("--workers", type=int, default=None, metavar="N",
                   help="worker processes (default: run.workers, 0 = one per core); 1 runs in this process")
    r.add_argument("--engine", choices=["local", "dask"], default=None,
                   help="local (default): this machine's cores; dask: prefect-dask on a Dask cluster")
    r.add_argument("--dask-address", default=None, metavar="tcp://HOST:PORT",
                   help="run the batches on an existing Dask cluster (implies --engine dask)")
    r.add_argument("--reprocess", action="store_true",
                   help="ignore earlier runs' records and process every input again")
    r.set_defaults(func=cmd_run)

    s = sub.add_parser("serve", help="start a local Prefect server, deploy prefect.yaml and a worker (schedules)",
                       description="Start `prefect server` on HOST:PORT, wait for /api/health, create the "
                                   "'process' work pool, deploy every deployment of prefect.yaml and start a worker. "
                                   "Ctrl-C stops everything.")
    s.add_argument("--host", default="127.0.0.1", help="address the Prefect server listens on (default: 127.0.0.1)")
    s.add_argument("--port", type=int, default=4200, help="port of the Prefect server and its UI (default: 4200)")
    s.add_argument("--no-worker", action="store_true", help="deploy only; start no worker")
    s.set_defaults(func=cmd_serve)

    v = sub.add_parser("validate", help="check every article (and manifest) under DIR against the schema",
                       description="Check every article and manifest under DIR against the published schemas, "
                                   "and look for what interrupted runs left (staging, temporary files, articles "
                                   "no committed run wrote, manifests gone missing). Exit 0 when all is valid, "
                                   "1 when there are problems (listed), 2 when DIR cannot be read.")
    v.add_argument("dir", help="an output directory (processed/) or its articles/ directory")
    v.add_argument("--repair", action="store_true",
                   help="first remove what interrupted runs left (staging, temporary files, uncommitted articles)")
    v.set_defaults(func=cmd_validate)

    rep = sub.add_parser("report", help="(re)build the HTML review report of a run",
                         description="Build OUT/reports/RUN/index.html again from what the run wrote (its run.json, "
                                     "manifest and articles) and the stored review verdicts.")
    rep.add_argument("--out", default="processed", help="output directory (default: processed/)")
    rep.add_argument("--run", default=None, help="run id (default: the newest run)")
    rep.set_defaults(func=cmd_report)

    rv = sub.add_parser("review", help="review verdicts exported from the report",
                        description="Reviewers mark tags correct, wrong or missing in the report and export a "
                                    "JSON file; `review import FILE` checks it and stores the verdicts, and the next "
                                    "`pipeline run` applies them to the articles.")
    rvs = rv.add_subparsers(dest="review_command", required=True, metavar="ACTION")
    ri = rvs.add_parser("import", help="store a verdict export; later runs apply it")
    ri.add_argument("file", metavar="FILE", help="a verdicts file exported from the report "
                                                 "(format: pipeline/schema/verdicts.schema.json)")
    ri.add_argument("--out", default="processed", help="output directory; verdicts go to OUT/reviews/")
    ri.add_argument("--config", default=None, help="YAML settings (the taxonomy whose labels verdicts may use)")
    ri.set_defaults(func=cmd_review_import)

    d = sub.add_parser("dedup", help="maintain the cross-run dedup index",
                       description="The index (OUT/index.sqlite) remembers every article's fingerprint, so a copy "
                                   "found in a later run is a duplicate; `dedup rebuild` recreates it from the "
                                   "articles when it was lost or the dedup.* parameters changed.")
    ds = d.add_subparsers(dest="dedup_command", required=True, metavar="ACTION")
    db = ds.add_parser("rebuild", help="recreate the index from OUT/articles/")
    db.add_argument("--out", default="processed", help="output directory (default: processed/)")
    db.add_argument("--config", default=None, help="YAML settings (the dedup.* fingerprint parameters)")
    db.set_defaults(func=cmd_dedup_rebuild)

    x = sub.add_parser("export", help="stream the articles (all, or changed since a run) as JSON lines",
                       description="Write one JSON line per article: {id, run_id, change, reasons, article}. "
                                   "Lines come in commit order; pass the run_id of the last line you read as "
                                   "--since next time to get only what was created or rewritten since.")
    x.add_argument("--since", default=None, metavar="RUN_ID", help="only articles changed by runs after RUN_ID")
    x.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl",
                   help="jsonl (default) or parquet (needs pyarrow and --out)")
    x.add_argument("--out", default=None, metavar="FILE", help="write to FILE atomically (default: stdout)")
    x.add_argument("--dir", dest="out_dir", default="processed", help="output directory (default: processed/)")
    x.add_argument("--config", default=None, help="YAML settings (where the index lives)")
    x.set_defaults(func=cmd_export)

    e = sub.add_parser("eval", help="measure quality: extraction, scrapes, headings, metadata, tagging, dedup or conversion",
                       description="Run an evaluation; arguments after NAME go to it (try `pipeline eval NAME --help`).")
    e.add_argument("name", choices=["extraction", "scrapes", "headings", "metadata", "tagging", "dedup", "conversion"])
    e.add_argument("rest", nargs=argparse.REMAINDER, metavar="ARGS", help="options of that evaluation")
    e.set_defaults(func=cmd_eval)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    import sqlite3

    from pydantic import ValidationError

    from pipeline.config import ConfigError

    try:
        return int(args.func(args) or 0)
    except (CliError, ConfigError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("interrupted")
    except ValidationError as exc:  # an option on the command line that the settings refuse
        first = exc.errors()[0]
        return _fail(f"{'.'.join(str(x) for x in first['loc'])}: {first['msg']}")
    except sqlite3.DatabaseError as exc:
        return _fail(f"a database of the output directory is not usable ({exc}): move index.sqlite away "
                     "and run `pipeline dedup rebuild`")
    except OSError as exc:  # a path that cannot be written or read: the OS says why
        where = f": {exc.filename}" if exc.filename else ""
        return _fail(f"{exc.strerror or exc}{where}")
