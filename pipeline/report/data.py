"""Read what a run wrote and shape it for the report template.

Everything here is plain data (dicts, lists, numbers, strings); escaping is the
template's job (Jinja2 autoescape). Nothing scraped is ever marked safe.
"""

from __future__ import annotations

import heapq
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.report.cards import article_topics, as_number, as_text, build_card, site_of
from pipeline.report.figures import _evidence, histogram
from pipeline.review import load_verdict_records, reviewed_metrics

FATES = ("written", "duplicate", "unchanged", "quarantined")
STAGE_ORDER = ["ingest", "extract", "normalize", "dedup", "dedup_prepare", "dedup_resolve", "redact", "tag",
               "review", "write", "commit", "report"]
PALETTE_SIZE = 8
MAX_CARDS = 200  # review cards rendered (nearest a threshold first); the page stays light on big runs
MAX_TOPIC_LIST = 200  # articles listed under each topic (highest scores first); the count covers all
MAX_QUARANTINED = 500  # quarantined inputs listed by path; every one is counted and in the manifest
MAX_CLUSTERS = 200  # duplicate clusters listed (largest first)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def list_runs(out_dir: Path) -> list[str]:
    """Run ids under ``OUT/runs`` (those with a run.json or manifest.json), oldest first.

    Run ids start with their UTC start time and runs of one output directory never
    overlap (the run lock), so the id order is the time order; nothing is read.
    """
    runs_dir = Path(out_dir) / "runs"
    if not runs_dir.is_dir():
        return []
    return sorted(d.name for d in runs_dir.iterdir()
                  if d.is_dir() and ((d / "run.json").is_file() or (d / "manifest.json").is_file()))


def written_in(out_dir: Path, run_id: str) -> int:
    """How many articles a run wrote (0 when unknown)."""
    run_dir = Path(out_dir) / "runs" / run_id
    meta = _read_json(run_dir / "run.json") or _read_json(run_dir / "manifest.json")
    totals = meta.get("totals") if isinstance(meta, dict) and isinstance(meta.get("totals"), dict) else {}
    n = totals.get("written", 0)
    return n if isinstance(n, int) else 0


def last_writing_run(out_dir: Path, runs: list[str], before: str | None = None) -> str | None:
    """The newest of ``runs`` (oldest first) that wrote articles, earlier than ``before`` when given."""
    return next((r for r in reversed(runs) if (before is None or r < before) and written_in(out_dir, r) > 0), None)


def newest_run(out_dir: Path) -> str:
    runs = list_runs(out_dir)
    if not runs:
        raise FileNotFoundError(f"no runs under {Path(out_dir) / 'runs'} (expected runs/<run_id>/run.json)")
    return runs[-1]


@dataclass(slots=True)
class Row:
    """What the summary, histograms, topic lists and queue order need of one article: no text.

    A run of 100,000 articles keeps 100,000 of these while its report is built (about
    1 KB each); only the articles shown as cards are read in full, a second time.
    """

    id: str
    title: str
    site: str
    scores: dict[str, float]
    tags: tuple[tuple[str, float, str], ...]  # (label, score, source) of every assigned topic
    flags: tuple[str, ...]


def _row(art: dict[str, Any], names: dict[str, str], thresholds: dict[str, float]) -> Row:
    """The row of an article; labels' names and thresholds it carries are noted in passing."""
    scores, topics = article_topics(art)
    tags = []
    for t, label, score in topics:
        tags.append((label, score, as_text(t.get("source")) or "model"))
        if t.get("name"):
            names.setdefault(label, str(t["name"]))
        if t.get("threshold") is not None:
            thresholds.setdefault(label, as_number(t.get("threshold"), 0.5))
    return Row(
        id=as_text(art.get("id")),
        title=as_text(art.get("title")) or "(untitled)",
        site=site_of(art),
        scores=scores,
        tags=tuple(tags),
        flags=tuple(str(f) for f in art.get("flags") or []),
    )


class RunData:
    """Everything the template needs for one run."""

    def __init__(self, out_dir: Path, run_id: str, reviews_dir: Path, max_cards: int = MAX_CARDS):
        self.max_cards = max(0, int(max_cards))
        self.out_dir = Path(out_dir)
        self.run_id = run_id
        self.run_dir = self.out_dir / "runs" / run_id
        if not self.run_dir.is_dir():
            raise FileNotFoundError(f"run {run_id!r} not found under {self.out_dir / 'runs'}")
        self.run = _read_json(self.run_dir / "run.json") or {}
        if not isinstance(self.run, dict):
            self.run = {}
        self._manifest: dict | None = None
        self.reviews_dir = Path(reviews_dir)
        self.warnings: list[str] = []
        self._names: dict[str, str] = {}
        self._thresholds: dict[str, float] = {}
        self._seen_names: dict[str, str] = {}  # what the articles say, when run.json does not
        self._seen_thresholds: dict[str, float] = {}
        self.rows = self._load_rows()
        try:
            self.records = {
                key: {f: as_text(rec.get(f)) for f in ("article_id", "label", "verdict", "reviewer", "at")}
                for key, rec in load_verdict_records(self.reviews_dir).items()
            }
            self.metrics = reviewed_metrics(self.reviews_dir)
        except ValueError as exc:
            self.warnings.append(str(exc))
            self.records, self.metrics = {}, {}
        self.records_by_article: dict[str, dict[str, dict[str, str]]] = {}
        for (aid, label), rec in self.records.items():
            self.records_by_article.setdefault(aid, {})[label] = rec

    # ------------------------------------------------------------ loading
    @property
    def manifest(self) -> dict:
        """The run's manifest, read only when run.json lacks what the page needs (runs of older versions)."""
        if self._manifest is None:
            m = _read_json(self.run_dir / "manifest.json")
            self._manifest = m if isinstance(m, dict) else {}
        return self._manifest

    def _load_blocks(self, ids: set[str]) -> dict[str, list[dict[str, Any]]]:
        """The recorded blocks of the articles ``ids`` (the file is streamed: it holds every article of the run)."""
        out: dict[str, list[dict[str, Any]]] = {}
        path = self.run_dir / "blocks.jsonl"
        if not ids or not path.is_file():
            return out
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if '"id"' not in line[:40] or not any(i in line[:60] for i in ids):
                    continue
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue
                if isinstance(rec, dict) and str(rec.get("id")) in ids and isinstance(rec.get("blocks"), list):
                    out[str(rec["id"])] = [b for b in rec["blocks"] if isinstance(b, dict)]
        return out

    def _article_ids(self) -> list[str]:
        ids = self.run.get("articles")
        if isinstance(ids, list) and ids:
            return [str(i) for i in ids]
        if isinstance(ids, list) and isinstance(self.run.get("totals"), dict):
            return []  # the run wrote nothing
        entries = self.manifest.get("entries") or {}
        return [str(e["article_id"]) for e in entries.values()
                if isinstance(e, dict) and e.get("status") == "written" and e.get("article_id")]

    def _read_article(self, aid: str) -> dict[str, Any] | None:
        art = _read_json(self.out_dir / "articles" / f"{Path(aid).name}.json")
        return art if isinstance(art, dict) else None

    def _load_rows(self) -> list[Row]:
        """A :class:`Row` per written article, read one article at a time."""
        rows = []
        for aid in dict.fromkeys(self._article_ids()):
            art = self._read_article(aid)
            if art is None:
                self.warnings.append(f"article {aid} is listed in the run but its JSON is missing or unreadable")
                continue
            rows.append(_row(art, self._seen_names, self._seen_thresholds))
        return rows

    # ------------------------------------------------------------ topics
    def topic_labels(self) -> list[str]:
        labels: dict[str, None] = {}
        for src in (self.run.get("thresholds"), self.run.get("topic_names"), self.run.get("topics")):
            if isinstance(src, dict):
                labels.update(dict.fromkeys(map(str, src)))
        for row in self.rows:
            labels.update(dict.fromkeys(row.scores))
        labels.update({label: None for _aid, label in self.records})
        return list(labels)

    def topic_name(self, label: str) -> str:
        if label not in self._names:
            self._names[label] = self._topic_name(label)
        return self._names[label]

    def threshold(self, label: str) -> float:
        if label not in self._thresholds:
            self._thresholds[label] = self._threshold(label)
        return self._thresholds[label]

    def _topic_name(self, label: str) -> str:
        names = self.run.get("topic_names") or {}
        if isinstance(names, dict) and names.get(label):
            return str(names[label])
        return self._seen_names.get(label, label)

    def _threshold(self, label: str) -> float:
        """What the run's articles were tagged at (rows are read first); else run.json (older runs wrote the taxonomy's)."""
        if label in self._seen_thresholds:
            return self._seen_thresholds[label]
        th = self.run.get("thresholds") or {}
        if isinstance(th, dict) and label in th:
            return as_number(th[label], 0.5)
        return 0.5

    # ------------------------------------------------------------ context
    def context(self) -> dict[str, Any]:
        labels = self.topic_labels()
        colors = {label: i % PALETTE_SIZE for i, label in enumerate(labels)}
        def margin(r: Row) -> tuple[float, str]:
            return round(min((abs(s - self.threshold(lbl)) for lbl, s in r.scores.items()), default=1.0), 4), r.title

        picked = [r.id for r in heapq.nsmallest(self.max_cards, self.rows, key=margin)]
        blocks = self._load_blocks(set(picked))
        cards = []
        for aid in picked:  # only the rendered cards are read in full
            art = self._read_article(aid)
            if art is None:
                self.warnings.append(f"article {aid} disappeared while the report was built")
                continue
            c = build_card(art, labels, colors, self, blocks=blocks.get(aid, []))
            c["evidence"] = _evidence(c.pop("_marks"), c.pop("_paragraphs"))
            cards.append(c)
        shown = {c["id"] for c in cards}
        topics = self._topics(labels, colors, shown)
        sites = sorted({c["site"] for c in cards if c["site"]})
        return {
            "run_id": self.run_id,
            "started_at": as_text(self.run.get("started_at") or self.manifest.get("started_at")),
            "finished_at": as_text(self.run.get("finished_at") or self.manifest.get("finished_at")),
            "seconds": as_number(self.run.get("seconds")),
            "raw_dir": as_text(self.run.get("raw_dir") or self.manifest.get("raw_dir")),
            "summary": self._summary(),
            "topics": topics,
            "cards": cards,
            "n_articles": len(self.rows),
            "sites": sites,
            "clusters": self._clusters(),
            "warnings": self.warnings,
            "n_reviewed": len(self.records),
            "colors": colors,
            "data": {
                "run_id": self.run_id,
                # the output directory's own name for the browser's saved verdicts: its first run, which
                # stays (runs are never pruned) and moves with it; two directories never share one
                "output": next(iter(list_runs(self.out_dir)), self.run_id),
                "topics": [{"label": t["label"], "name": t["name"], "threshold": t["threshold"]} for t in topics],
                "articles": [
                    {"id": c["id"], "site": c["site"], "assigned": [t["label"] for t in c["tags"]],
                     "scores": c["scores"]}
                    for c in cards
                ],
                "stored": [
                    {k: as_text(rec.get(k)) for k in ("article_id", "label", "verdict", "reviewer", "at")}
                    for (aid, _label), rec in self.records.items() if aid in shown
                ],
            },
        }

    def _summary(self) -> dict[str, Any]:
        totals = self.run.get("totals") if isinstance(self.run.get("totals"), dict) else None
        sample = self.run.get("quarantined")
        if totals is not None and isinstance(sample, list):  # run.json has the counts and a sample
            entries: dict = {}
            listed = [q for q in sample if isinstance(q, dict)]
            n_quarantined = int(as_number(totals.get("quarantined"), len(listed)))
        else:  # an older run: everything comes from its manifest
            totals = self.manifest.get("totals") or {}
            entries = self.manifest.get("entries") or {}
            if not isinstance(entries, dict):
                entries = {}
            listed = [{"path": p, "reason": e.get("reason")} for p, e in entries.items()
                      if isinstance(e, dict) and e.get("status") == "quarantined"]
            n_quarantined = len(listed)
        counted = Counter(str(e.get("status")) for e in entries.values() if isinstance(e, dict))
        inputs = int(as_number(totals.get("inputs"), len(entries)))
        fates = []
        for fate in FATES:
            n = int(as_number(totals.get(fate), counted.get(fate, 0)))
            fates.append({"fate": fate, "n": n, "pct": round(100 * n / inputs, 1) if inputs else 0})
        quarantined = sorted(
            ({"path": as_text(q.get("path")), "reason": as_text(q.get("reason")) or "(no reason given)"} for q in listed),
            key=lambda q: (q["reason"], q["path"]),
        )
        reasons = Counter(q["reason"] for q in quarantined)
        run_reasons = self.run.get("quarantine_reasons")
        if len(quarantined) < n_quarantined and isinstance(run_reasons, dict):  # a sample: count by family
            reasons = Counter({str(k): int(as_number(v)) for k, v in run_reasons.items()})
        quarantined = quarantined[:MAX_QUARANTINED]
        timings = self.run.get("timings") or {}
        timing_rows = [{"stage": str(k), "seconds": as_number(v)} for k, v in timings.items()] if isinstance(timings, dict) else []
        timing_rows.sort(key=lambda t: (STAGE_ORDER.index(t["stage"]) if t["stage"] in STAGE_ORDER else len(STAGE_ORDER)))
        tmax = max([t["seconds"] for t in timing_rows] + [0]) or 1
        for t in timing_rows:
            t["pct"] = round(100 * t["seconds"] / tmax, 1)
        removed = self.run.get("removed") or {}
        removed_rows = []
        if isinstance(removed, dict):
            for kind, v in removed.items():
                v = v if isinstance(v, dict) else {}
                removed_rows.append({"kind": str(kind), "count": int(as_number(v.get("count"))), "chars": int(as_number(v.get("chars")))})
        removed_rows.sort(key=lambda r: -r["chars"])
        rmax = max([r["chars"] for r in removed_rows] + [0]) or 1
        for r in removed_rows:
            r["pct"] = round(80 * r["chars"] / rmax, 1)  # leave room for the label
        normalize = self.run.get("normalize") or {}
        normalize_rows = sorted(((str(k), int(as_number(v))) for k, v in normalize.items()), key=lambda kv: -kv[1]) \
            if isinstance(normalize, dict) else []
        flags = Counter(f for r in self.rows for f in r.flags)
        run_flags = self.run.get("flags")
        if isinstance(run_flags, dict) and run_flags:  # the run's own aggregate wins over what we can count
            flags = Counter({str(k): int(as_number(v)) for k, v in run_flags.items()})
        mojibake_flags = {k: v for k, v in flags.items() if "mojibake" in k.lower()}
        mojibake = [{"what": k, "n": v, "unit": "changes"} for k, v in normalize_rows if "mojibake" in k.lower()]
        mojibake += [{"what": f"flag {k}", "n": v, "unit": "articles"} for k, v in sorted(mojibake_flags.items())]
        scripts = self.run.get("scripts") or {}
        script_rows = sorted(((str(k), int(as_number(v))) for k, v in scripts.items()), key=lambda kv: -kv[1]) \
            if isinstance(scripts, dict) else []
        converted = sum(n for k, n in script_rows if k in ("zh-Hant", "mixed"))
        redactions = self.run.get("redactions") or {}
        redaction_rows = sorted(((str(k), int(as_number(v))) for k, v in redactions.items()), key=lambda kv: -kv[1]) \
            if isinstance(redactions, dict) else []
        changed = self.run.get("articles_changed") or {}
        reasons_changed = changed.get("reasons") if isinstance(changed, dict) else None
        reasons_changed = reasons_changed if isinstance(reasons_changed, dict) else {}
        still = self.run.get("still_quarantined")
        n_still = sum(int(as_number(v)) for v in still.values()) if isinstance(still, dict) else 0
        return {
            "inputs": inputs, "fates": fates, "quarantined": quarantined, "n_quarantined": n_quarantined,
            "n_still_quarantined": n_still,
            "reasons": reasons.most_common(), "timings": timing_rows,
            "total_seconds": as_number(self.run.get("seconds"), sum(t["seconds"] for t in timing_rows)),
            "removed": removed_rows, "removed_chars": sum(r["chars"] for r in removed_rows),
            "normalize": normalize_rows, "mojibake": mojibake, "flags": sorted(flags.items(), key=lambda kv: -kv[1]), "scripts": script_rows, "converted": converted,
            "redactions": redaction_rows, "redacted": sum(n for _k, n in redaction_rows),
            "rewritten": int(as_number(changed.get("rewritten"))) if isinstance(changed, dict) else 0,
            "rewritten_why": sorted((str(k).replace("_", " "), int(as_number(v))) for k, v in reasons_changed.items()),
            "reviews_applied": int(as_number(self.run.get("reviews_applied"))),
        }

    def _topics(self, labels: list[str], colors: dict[str, int], shown: set[str]) -> list[dict[str, Any]]:
        counts = self.run.get("topics") or {}
        out = []
        for label in labels:
            th = self.threshold(label)
            scores = [r.scores[label] for r in self.rows if label in r.scores]
            assigned = [(score, r, source) for r in self.rows for lbl, score, source in r.tags if lbl == label]
            top = heapq.nlargest(MAX_TOPIC_LIST, assigned, key=lambda a: a[0])
            arts = [{"id": r.id, "title": r.title, "site": r.site, "score": score, "source": source,
                     "in_queue": r.id in shown} for score, r, source in top]
            m = self.metrics.get(label) or {}
            out.append({
                "label": label, "name": self.topic_name(label), "threshold": th, "color": colors[label],
                "count": int(as_number(counts.get(label), len(assigned))) if isinstance(counts, dict) else len(assigned),
                "hist": histogram(scores, th), "articles": arts, "n_articles": len(assigned),
                "precision": m.get("precision"), "recall": m.get("recall"), "n": m.get("n", 0),
                "tp": m.get("tp", 0), "fp": m.get("fp", 0), "fn": m.get("fn", 0),
            })
        return out

    def _clusters(self) -> list[dict[str, Any]]:
        clusters = self.run.get("clusters") or []
        titles = {r.id: r.title for r in self.rows}
        out = []
        for c in clusters if isinstance(clusters, list) else []:
            if not isinstance(c, dict):
                continue
            canonical = as_text(c.get("canonical"))
            copies = [
                {"path": as_text(x.get("path")), "site": as_text(x.get("site")), "similarity": as_number(x.get("similarity"))}
                for x in c.get("copies") or [] if isinstance(x, dict)
            ]
            copies.sort(key=lambda x: -x["similarity"])
            out.append({"canonical": canonical, "title": as_text(c.get("title")) or titles.get(canonical, ""),
                        "in_run": canonical in titles, "copies": copies})
        out.sort(key=lambda c: -len(c["copies"]))
        return out[:MAX_CLUSTERS]
