"""Self-contained HTML review report per run.

``build_report(out_dir, run_id)`` reads ``OUT/runs/<run_id>/{run,manifest}.json``,
``blocks.jsonl`` and the run's ``OUT/articles/*.json`` and renders
``OUT/reports/<run_id>/index.html`` (copied to ``OUT/reports/latest/index.html``
when it is the newest run). The page opens from disk with no network: CSS and
JS are inlined from ``static/``, charts are inline SVG, the data the script
needs sits in a ``<script type="application/json">`` block.

Safety: the template is rendered by Jinja2 with autoescaping, nothing scraped is
marked safe, JSON for the script is escaped for ``<``, ``>``, ``&``, links are
only made for http(s) URLs, and a Content-Security-Policy allows only the
page's own script (by hash) - so even a value that slipped through could not run.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from pipeline.report.data import MAX_CARDS, RunData, last_writing_run, list_runs, newest_run
from pipeline.report.search_folds import traditional_folds
from pipeline.write import atomic_write_text, written_whole

__all__ = ["build_report", "render_report", "json_for_script", "prune_reports"]

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


def json_for_script(data: Any) -> Markup:
    """JSON safe to place inside ``<script type="application/json">``: ``<``, ``>``, ``&`` escaped."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def _fmt_num(value: Any, digits: int = 0) -> str:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return "–"
    return f"{v:,.{digits}f}"


def _fmt_pct(value: Any) -> str:
    if value is None:
        return "–"
    try:
        return f"{100 * float(value):.0f}%"
    except (TypeError, ValueError):
        return "–"


def score_pair(score: float, threshold: float) -> str:
    """``score/threshold`` with as many decimals (2 to 4) as it takes to tell which side the score is on.

    A score of 0.4971 under a threshold of 0.5 shows as ``0.497/0.500``, never as
    ``0.50/0.50`` beside a tag that is not assigned.
    """
    digits = 2
    while digits < 4 and score != threshold and round(score, digits) == round(threshold, digits):
        digits += 1
    return f"{score:.{digits}f}/{threshold:.{digits}f}"


def margin_text(margin: float) -> str:
    """The distance to the nearest threshold, never rounded to a misleading 0.00."""
    if margin <= 0:
        return "at a threshold"
    digits = 2 if margin >= 0.005 else 3 if margin >= 0.0005 else 4
    return f"{margin:.{digits}f} from a threshold"


def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html", "j2", "svg"), default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = _fmt_num
    env.filters["pct"] = _fmt_pct
    env.filters["margin"] = margin_text
    env.globals["score_pair"] = score_pair
    return env


def _csp_hash(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")


def render_report(out_dir: Path, run_id: str, reviews_dir: Path | None = None,
                  max_cards: int = MAX_CARDS, warnings: list[str] | None = None) -> str:
    """The report HTML for one run, as a string (its warnings added to ``warnings`` when given)."""
    out_dir = Path(out_dir)
    reviews_dir = Path(reviews_dir) if reviews_dir is not None else out_dir / "reviews"
    ctx = RunData(out_dir, run_id, reviews_dir, max_cards=max_cards).context()
    if warnings is not None:
        warnings.extend(ctx["warnings"])
    runs = list_runs(out_dir)
    css = (STATIC / "report.css").read_text(encoding="utf-8")
    js = (STATIC / "report.js").read_text(encoding="utf-8")
    if "</" in js or "</" in css:  # our own assets must not be able to close their element
        raise ValueError("report static assets must not contain '</'")
    ctx.update(
        css=Markup(css),  # vendored, trusted
        js=Markup(js),  # vendored, trusted
        csp_script=_csp_hash(js),
        data_json=json_for_script(ctx.pop("data")),
        generated_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        runs=runs,
        # a run that wrote nothing (all unchanged) points reviewers at the newest earlier run that did
        last_writing_run=None if ctx["n_articles"] else last_writing_run(out_dir, runs, before=run_id),
    )
    html = _env().get_template("report.html.j2").render(**ctx)
    # the folds cover the characters the rendered report holds, so they are added after rendering
    folds = f'<script type="application/json" id="search-folds">{json_for_script(traditional_folds(html))}</script>\n'
    data_at = '<script type="application/json" id="report-data">'
    return html.replace(data_at, folds + data_at, 1)


def report_intact(path: Path) -> bool:
    """The report exists and ends as every report ends (a few bytes read; reports are large)."""
    return written_whole(path, b"</html>")


def build_report(out_dir: Path, run_id: str | None = None, *, reviews_dir: Path | None = None,
                 max_cards: int = MAX_CARDS, warnings: list[str] | None = None) -> Path:
    """Render ``OUT/reports/<run_id>/index.html`` and return its path.

    ``run_id=None`` means the newest run in ``OUT/runs`` (by ``finished_at``).
    When the run is the newest one, ``OUT/reports/latest/index.html`` is
    refreshed with a copy (not a symlink). Reviews are read from
    ``reviews_dir`` (default ``OUT/reviews``). At most ``max_cards`` review
    cards are rendered (those nearest a threshold); every article still counts
    in the summary, the histograms and the per-topic lists. ``warnings``, when
    given, receives what the report could not show (articles gone missing), so
    a caller can say so rather than silently replace a good report.
    """
    out_dir = Path(out_dir)
    newest = newest_run(out_dir)
    run_id = run_id or newest
    if run_id in (".", "..", "latest") or Path(run_id).name != run_id or "\\" in run_id:
        raise ValueError(f"invalid run id {run_id!r}")
    html = render_report(out_dir, run_id, reviews_dir, max_cards, warnings)
    target = out_dir / "reports" / run_id / "index.html"
    atomic_write_text(target, html)
    if run_id == newest:
        latest = out_dir / "reports" / "latest" / "index.html"
        if latest.is_symlink():
            latest.unlink()
        atomic_write_text(latest, html)  # a copy, not a link: it must open from anywhere
    return target


def prune_reports(out_dir: Path, keep: int) -> list[str]:
    """Keep the reports of the newest ``keep`` runs; delete older ones and their runs' ``blocks.jsonl``.

    ``blocks.jsonl`` only feeds the report's raw-vs-clean view and is the largest
    file of a run; manifests, run.json and articles are never pruned. The report of
    the newest run that wrote articles is kept whatever its age: a run that writes
    nothing sends its reviewers there (``reports/latest``), and after a quiet day of
    hourly runs that link must still lead to the review cards.
    """
    out_dir = Path(out_dir)
    reports = out_dir / "reports"
    if not reports.is_dir():
        return []
    runs = sorted(d.name for d in reports.iterdir() if d.is_dir() and d.name != "latest")
    old = runs[: max(0, len(runs) - max(1, keep))]
    last_writing = last_writing_run(out_dir, runs) if old else None
    pruned = []
    for run_id in old:
        if run_id == last_writing:
            continue
        shutil.rmtree(reports / run_id, ignore_errors=True)
        (out_dir / "runs" / run_id / "blocks.jsonl").unlink(missing_ok=True)
        pruned.append(run_id)
    return pruned
