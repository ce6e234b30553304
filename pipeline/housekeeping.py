"""Housekeeping of an output directory: its layout, its lock, its checks before a run, and
what killed or failed runs leave behind, found and removed.

* **staging** - ``OUT/.staging/<run_id>/`` of a run that never finished (removed
  by :func:`pipeline.staging.remove_stale` at every start);
* **temporary files** of atomic writes (``.<name>.<random>.tmp``) in
  ``articles/``, ``runs/<id>/``, ``reports/<id>/`` and ``reviews/``;
* **orphan articles** - files in ``articles/`` that no committed run wrote: a
  run killed after writing some articles and before its commit. The index
  (``inputs`` and ``dedup_articles``) is the authority on what was committed.

The next run cleans what a killed run left (it knows when that run started from
its staging folder, so it only looks at files written since); ``pipeline
validate`` reports debris as problems and ``pipeline validate --repair`` removes
all of it. Nothing here touches a committed article.
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import store
from pipeline.dedup.index import IndexMismatch, check_params
from pipeline.runner import FatalError

if TYPE_CHECKING:
    from pipeline.config import Settings


def paths_of(out_dir: Path, settings: Settings) -> dict[str, Path]:
    """Where everything lives under an output directory."""
    return {
        "articles": out_dir / "articles",
        "runs": out_dir / "runs",
        "staging": out_dir / ".staging",
        "db": Path(settings.dedup.index_path) if settings.dedup.index_path else out_dir / "index.sqlite",
        "reviews": out_dir / "reviews",
    }


_HELD: dict[str, int] = {}  # output directories whose lock this process holds (the CLI, then its flow)


LOCK_POLL_SECONDS = 5.0


@contextmanager
def run_lock(out_dir: Path, wait: float = 0.0, on_wait=None):  # noqa: ANN001 - on_wait: () -> None
    """One run at a time per output directory: a scheduled run never interleaves with a manual one.

    Re-entrant within a process: the CLI takes the lock before Prefect starts and
    the flow it runs takes it again. ``wait``: seconds to wait for the lock another run
    holds (a scheduled run that finds a manual one going waits for it; the CLI refuses at
    once); ``on_wait`` is called once when the waiting starts.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    key = str(out_dir.resolve())
    if key in _HELD:
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    fh = (out_dir / ".lock").open("w")
    deadline = time.monotonic() + max(0.0, wait)
    while True:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                fh.close()
                waited = f" after waiting {wait:.0f} s" if wait > 0 else ""
                raise FatalError(f"another run is writing to {out_dir} (lock {out_dir / '.lock'} is held){waited}") from None
            if on_wait is not None:
                on_wait()
                on_wait = None
            time.sleep(min(LOCK_POLL_SECONDS, max(0.0, deadline - time.monotonic())))
    _HELD[key] = 1
    try:
        yield
    finally:
        del _HELD[key]
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()


def run_in_progress(out_dir: Path) -> bool:
    """Another process holds ``out_dir``'s run lock now: a run is writing there (its staging is no debris)."""
    lock = out_dir / ".lock"
    if str(out_dir.resolve()) in _HELD or not lock.is_file():
        return False
    with lock.open("a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fh, fcntl.LOCK_UN)
    return False


def preflight(out: Path, settings: Settings) -> None:
    """Stop with one line now, before any work, if the index or the review store cannot be used."""
    paths = paths_of(out, settings)
    if paths["reviews"].is_dir():
        from pipeline.review import ReviewImportError, load_verdict_records

        try:
            load_verdict_records(paths["reviews"])
        except (ReviewImportError, ValueError) as exc:
            raise FatalError(f"{exc}; fix or move it away (reviews are re-imported with `pipeline review import`)") \
                from None
    unusable = (f"the index {paths['db']} is not usable ({{}}); move it away and run `pipeline dedup rebuild` "
                "to recreate it from the articles")
    try:
        conn = store.connect(paths["db"])
    except sqlite3.DatabaseError as exc:
        raise FatalError(unusable.format(exc)) from None
    try:
        check_params(conn, settings.dedup)
        store.pending_manifests(conn)
    except IndexMismatch as exc:
        raise FatalError(str(exc)) from None
    except sqlite3.DatabaseError as exc:
        raise FatalError(unusable.format(exc)) from None
    finally:
        conn.close()


@dataclass
class Debris:
    staging: list[Path] = field(default_factory=list)
    temp: list[Path] = field(default_factory=list)
    orphans: list[Path] = field(default_factory=list)
    unindexed: int = 0  # articles beside an index that lists no committed run (never debris: never removed)
    stale: list[Path] = field(default_factory=list)  # committed articles a killed run rewrote (never removed)

    def __bool__(self) -> bool:
        return bool(self.staging or self.temp or self.orphans)

    def describe(self) -> list[str]:
        lost = ([f"index.sqlite lists no committed run, but articles/ holds {self.unindexed} articles: the index "
                 "was lost or replaced (restore it, or `pipeline dedup rebuild` rebuilds what it can); "
                 "--repair removes none of them"] if self.unindexed else [])
        return ([f"{p}: staging of a run that did not finish" for p in self.staging]
                + [f"{p}: temporary file of an interrupted write" for p in self.temp]
                + [f"{p}: orphan article (no committed run wrote it)" for p in self.orphans]
                + [f"{p}: rewritten by a run that never committed (the next run processes its input again)"
                   for p in self.stale] + lost)

    def remove(self) -> int:
        import shutil

        n = 0
        for p in self.staging:
            shutil.rmtree(p, ignore_errors=True)
            n += 1
        for p in [*self.temp, *self.orphans]:
            try:
                p.unlink()
                n += 1
            except FileNotFoundError:
                pass
        return n


def run_started(run_id: str) -> datetime | None:
    """The UTC start time encoded in a run id (``20261206T041532Z-7ea1``), or None."""
    try:
        return datetime.strptime(run_id.split("-")[0], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def _is_temp(name: str) -> bool:
    return name.startswith(".") and name.endswith(".tmp")


def _scan(directory: Path, since: float | None = None) -> Iterator[os.DirEntry]:
    try:
        with os.scandir(directory) as it:
            for entry in it:
                if since is None:
                    yield entry
                else:
                    try:
                        if entry.stat(follow_symlinks=False).st_mtime >= since:
                            yield entry
                    except OSError:
                        continue
    except FileNotFoundError:
        return


def temp_files(out_dir: Path, since: float | None = None, runs: list[str] | None = None,
               articles: bool = True) -> list[Path]:
    """Temporary files of interrupted atomic writes (``runs``: only those runs' folders; ``articles``:
    also in ``articles/``, the one folder that grows with history)."""
    found = [Path(e.path) for e in _scan(out_dir / "articles", since) if _is_temp(e.name)] if articles else []
    found += [Path(e.path) for e in _scan(out_dir / "reviews") if _is_temp(e.name)]
    for sub in ("runs", "reports"):
        names = runs if runs is not None else [e.name for e in _scan(out_dir / sub) if e.is_dir()]
        for name in names:
            found += [Path(e.path) for e in _scan(out_dir / sub / name) if _is_temp(e.name)]
    return sorted(found)


def committed(conn: sqlite3.Connection, ids: list[str]) -> set[str]:
    """Which of ``ids`` some committed run wrote (the index's articles and the runs' manifests)."""
    out: set[str] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        out.update(r[0] for r in conn.execute(f"SELECT id FROM dedup_articles WHERE id IN ({marks})", chunk))
        out.update(r[0] for r in conn.execute(
            f"SELECT article_id FROM manifest WHERE article_id IN ({marks})", chunk))
    return out


def article_files(out_dir: Path, since: float | None = None) -> dict[str, Path]:
    """Article id -> file, of those modified at or after ``since`` (every one without it)."""
    return {e.name[:-5]: Path(e.path) for e in _scan(out_dir / "articles", since)
            if e.name.endswith(".json") and not e.name.startswith(".")}


def orphan_articles(out_dir: Path, conn: sqlite3.Connection, since: float | None = None,
                    files: dict[str, Path] | None = None) -> list[Path]:
    """Article files no committed run wrote (only those modified at or after ``since``, when given;
    ``files``: those already listed by :func:`article_files`)."""
    files = article_files(out_dir, since) if files is None else files
    known = committed(conn, sorted(files))
    return sorted(p for aid, p in files.items() if aid not in known)


def never_committed(out_dir: Path) -> tuple[list[Path], int]:
    """Beside an index that lists no committed run: the articles of runs that never committed, and how
    many others there are.

    Either the first run of the directory was interrupted (Ctrl-C, ``kill -9``) after writing
    articles, or the index was lost or replaced. Each article names the run that wrote it
    (``pipeline.run_id``), and a committed run left ``runs/<run_id>/manifest.json`` or ``run.json``
    (never pruned): an article whose run left neither is a leftover of an interrupted run. The
    others belong to committed runs the index forgot, and are never removed.
    """
    orphans, others = [], 0
    for e in _scan(out_dir / "articles"):
        if not e.name.endswith(".json") or e.name.startswith("."):
            continue
        try:
            run_id = json.loads(Path(e.path).read_text(encoding="utf-8"))["pipeline"]["run_id"]
        except (OSError, ValueError, KeyError, TypeError):
            run_id = None
        run_dir = out_dir / "runs" / str(run_id)
        if (isinstance(run_id, str) and run_id and Path(run_id).name == run_id
                and not (run_dir / "manifest.json").exists() and not (run_dir / "run.json").exists()):
            orphans.append(Path(e.path))
        else:
            others += 1
    return sorted(orphans), others


def committed_runs(conn: sqlite3.Connection) -> set[str]:
    try:
        return {r[0] for r in conn.execute("SELECT run_id FROM runs")}
    except sqlite3.OperationalError:  # an empty or foreign database
        return set()


def stale_articles(out_dir: Path, conn: sqlite3.Connection, since: float | None,
                   files: dict[str, Path] | None = None) -> list[Path]:
    """Committed articles that a run which never committed wrote again (their ``pipeline.run_id``).

    A run killed between writing and committing leaves the articles it *rewrote* (an input
    changed, a copy found, a verdict applied) with content no committed run stands for. They
    cannot be removed like the articles it created: an earlier run committed them.
    """
    files = article_files(out_dir, since) if files is None else files
    if not files:
        return []
    runs = committed_runs(conn)
    out = []
    for aid in sorted(committed(conn, sorted(files))):
        try:
            run_id = json.loads(files[aid].read_text(encoding="utf-8"))["pipeline"]["run_id"]
        except (OSError, ValueError, KeyError, TypeError):
            continue  # validate reports a damaged article on its own
        if run_id not in runs:
            out.append(files[aid])
    return out


def restore_stale(conn: sqlite3.Connection, stale: list[Path]) -> int:
    """Make the next processing redo what a killed run left rewritten; return how many articles.

    The sources the killed run added to ``duplicates.also_seen_at`` go (it never committed
    them), and the inputs the index records for these articles are forgotten, so this run
    processes them again and writes each article from its input as it is now: the change
    feed then carries the article, which the killed run's rewrite never reached.
    """
    runs = committed_runs(conn)
    ids = []
    for path in stale:
        try:
            obj = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        seen = (obj.get("duplicates") or {}).get("also_seen_at")
        if isinstance(seen, list):
            kept = [x for x in seen if not isinstance(x, dict) or x.get("run_id") in runs or x.get("run_id") is None]
            if len(kept) != len(seen):
                obj["duplicates"]["also_seen_at"] = kept
                from pipeline.write import atomic_write_text, dump_json

                atomic_write_text(path, dump_json(obj))
        ids.append(path.stem)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        conn.execute(f"DELETE FROM inputs WHERE article_id IN ({','.join('?' * len(chunk))})", chunk)
    return len(ids)


def find(out_dir: Path, conn: sqlite3.Connection, *, since: datetime | None = None,
         runs: list[str] | None = None) -> Debris:
    """Debris under ``out_dir``: everything, or what appeared since a killed run started.

    Orphan articles are only ever looked for among files written since the newest
    committed run started: anything older was there when that run committed, which
    cleans up after the runs killed before it. An index that lists no committed
    run at all (lost, emptied, replaced) makes no article an orphan: deleting
    published articles because the index forgot them would be the worst repair.
    """
    t = since.timestamp() - 1 if since is not None else None
    staging = sorted(p for p in (out_dir / ".staging").glob("*") if p.is_dir()) if since is None else []
    if since is not None:
        return Debris(staging=staging, temp=temp_files(out_dir, t, runs), orphans=orphan_articles(out_dir, conn, t),
                      stale=stale_articles(out_dir, conn, t))
    newest = _newest_commit(conn)
    if newest is None:
        orphans, n = never_committed(out_dir)
        return Debris(staging=staging, temp=temp_files(out_dir, None, runs), orphans=orphans, unindexed=n)
    return Debris(staging=staging, temp=temp_files(out_dir, None, runs),
                  orphans=orphan_articles(out_dir, conn, newest.timestamp() - 1),
                  stale=stale_articles(out_dir, conn, newest.timestamp() - 1))


def _newest_commit(conn: sqlite3.Connection, column: str = "started_at") -> datetime | None:
    """When the newest committed run started, or finished (None: the index lists none, or has no runs table)."""
    assert column in ("started_at", "finished_at")
    try:
        row = conn.execute(f"SELECT max({column}) FROM runs").fetchone()
    except sqlite3.OperationalError:  # an empty or foreign database: no tables
        return None
    if not row or not row[0]:
        return None
    try:
        return datetime.fromisoformat(str(row[0]).replace("Z", "+00:00"))
    except ValueError:
        return None


def clean_after(killed: list[str], paths: dict[str, Path], conn: sqlite3.Connection, logger) -> None:
    """Undo what interrupted runs left: temp files, articles a run that never committed created
    (removed) or rewrote (their inputs processed again, :func:`restore_stale`).

    Only files written since the earliest interrupted run started, or since the newest
    commit finished, are looked at: a directory scan when every run finished, little more
    after a kill.
    """
    out = paths["runs"].parent
    recent = sorted(d.name for d in paths["runs"].glob("*") if d.is_dir())[-3:]
    starts = [t for t in map(run_started, killed) if t is not None]
    if starts:
        debris = find(out, conn, since=min(starts), runs=sorted(set(killed + recent)))
    else:
        debris = Debris(temp=temp_files(out, runs=recent, articles=False))
    if debris:
        n = debris.remove()
        logger.info("removed %d leftovers of interrupted runs (%d temp files, %d uncommitted articles)",
                    n, len(debris.temp), len(debris.orphans))
    # what a run that never committed left, whether or not its staging survived (Ctrl-C removes it, and
    # so does validate --repair): among the files written since the newest commit finished (runs take
    # turns under the lock: a later run's writes come after it), the articles it created (removed) and
    # those it rewrote; before any commit, the articles whose run left no manifest (an interrupted
    # first run)
    finished = _newest_commit(conn, "finished_at")
    since_commit = article_files(out, finished.timestamp() - 1) if finished is not None else {}
    left = orphan_articles(out, conn, files=since_commit) if finished is not None else never_committed(out)[0]
    if left:
        n = Debris(orphans=left).remove()
        logger.info("removed %d articles a run created and never committed", n)
    gone = {p.stem for p in left}
    stale = stale_articles(out, conn, None, files={k: v for k, v in since_commit.items() if k not in gone})
    if stale:
        n = restore_stale(conn, stale)
        logger.info("%d articles were rewritten by a run that never committed: their inputs are processed again", n)
