"""What ``pipeline run`` prints when it ends: the summary screen, or the one line naming a failure.

Kept apart from the argument parsing in :mod:`pipeline.cli` so that what an operator reads after a
run is found, and changed, in one place.
"""

from __future__ import annotations

from pathlib import Path


def describe_failure(exc: BaseException, out: Path) -> str:
    """One line naming what went wrong: a full disk and a database error say so, with the space left."""
    import errno
    import shutil
    import sqlite3

    first = (str(exc).strip().splitlines() or [""])[0][:300]
    try:
        free = f"{shutil.disk_usage(out).free // 1024:,} KB free under {out}"
    except OSError:
        free = f"free space under {out} unknown"
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return f"the disk is full ({free}; {first})"
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorname", type(exc).__name__)
        if code == "SQLITE_FULL" or code.startswith("SQLITE_IOERR"):
            # a full disk often reaches SQLite as an I/O error, and the rollback frees the space again
            return f"the index database could not write to the disk: full or failing ({code}: {first}; {free})"
        return f"the index database failed ({code}: {first})"
    return f"{type(exc).__name__}: {first}"


def print_summary(result: dict, seconds: float, out: Path) -> None:
    """One screen: inputs by fate, quarantine reasons, topics, where to look next."""
    run = result["run"]
    t = run["totals"]
    lines = [
        "",
        f"Run {run['run_id']} finished in {seconds:.1f} s ({run['seconds']:.1f} s in the flow)",
        f"  inputs       {t['inputs']:>6}",
        f"  written      {t['written']:>6}   articles processed and written",
        f"  duplicate    {t['duplicate']:>6}   copies of an article (see duplicates.also_seen_at)",
        f"  unchanged    {t['unchanged']:>6}   same bytes as an earlier run",
        f"  quarantined  {t['quarantined']:>6}",
    ]
    for reason, n in sorted(run.get("quarantine_reasons", {}).items(), key=lambda kv: -kv[1]):
        lines.append(f"      {n:>4} x {reason}")
    still = run.get("still_quarantined") or {}
    if still:
        lines.append(f"  still quarantined {sum(still.values())} from earlier runs (unchanged inputs; the manifest gives "
                     "each reason): " + ", ".join(f"{k} {v}" for k, v in sorted(still.items(), key=lambda kv: -kv[1])))
    changed = run.get("articles_changed") or {}
    if changed.get("created") or changed.get("rewritten"):
        reasons = changed.get("reasons") or {}
        why = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in reasons.items())
        if sum(reasons.values()) > changed.get("created", 0) + changed.get("rewritten", 0):
            why += "; an article may have two reasons"
        lines.append(f"  changed      {changed.get('created', 0)} created, {changed.get('rewritten', 0)} rewritten"
                     f" ({why}); pipeline export --since <run> lists them")
    if run.get("reviews_applied"):
        lines.append(f"  reviews      {run['reviews_applied']} verdicts applied")
    if run.get("topics"):
        lines.append("  topics       " + ", ".join(f"{k} {v}" for k, v in sorted(run["topics"].items())))
    if run.get("redactions"):
        lines.append("  redacted     " + ", ".join(f"{k} {v}" for k, v in sorted(run["redactions"].items())))
    order = ["prepare", "resolve", "finish", "commit", "report"]
    wall = dict(run.get("wall", {})) | ({"report": result["report_seconds"]} if "report_seconds" in result else {})
    phases = ", ".join(f"{k} {wall[k]:.1f}s" for k in order if k in wall)
    if phases:
        lines.append(f"  wall time    {phases}")
    stages = ", ".join(f"{k} {v:.1f}s" for k, v in sorted(run.get("timings", {}).items(), key=lambda kv: -kv[1]))
    if stages:
        where = run.get("runner") or "1 process"
        lines.append(f"  CPU time     {stages}  (summed over {where})")
    for notice in run.get("notices") or []:
        lines.append(f"  notice       {notice}")
    lines.append(f"  articles     {out / 'articles'}")
    lines.append(f"  manifest     {result['manifest']}")
    if result.get("report"):
        lines.append(f"  report       {result['report']}")
    print("\n".join(lines))
