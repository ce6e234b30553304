"""Read what a run wrote and shape it for the report template.

Everything here is plain data (dicts, lists, numbers, strings); escaping is the
template's job (Jinja2 autoescape). Nothing scraped is ever marked safe.
"""

from __future__ import annotations

import heapq
import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pipeline.report.figures import _evidence, histogram, line_span, locate
from pipeline.review import load_verdict_records, reviewed_metrics

NEAR_MARGIN = 0.1  # an unassigned topic this close below its threshold is shown as a candidate
FATES = ("written", "duplicate", "unchanged", "quarantined")
STAGE_ORDER = ["ingest", "extract", "normalize", "dedup", "dedup_prepare", "dedup_resolve", "redact", "tag",
               "review", "write", "commit", "report"]
PALETTE_SIZE = 8
MAX_CARDS = 200  # review cards rendered (nearest a threshold first); the page stays light on big runs
MAX_TOPIC_LIST = 200  # articles listed under each topic (highest scores first); the count covers all
MAX_QUARANTINED = 500  # quarantined inputs listed by path; every one is counted and in the manifest
MAX_CLUSTERS = 200  # duplicate clusters listed (largest first)
CARD_CHARS = 4000  # characters of clean text and of raw blocks shown per card
CARD_BLOCKS = 80  # raw blocks shown per card (a real page has hundreds of tiny navigation blocks)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _num(value: Any, default: float = 0.0) -> float:
    if isinstance(value, bool):
        return default
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    return default


def _str(value: Any) -> str:
    return "" if value is None else str(value)


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


def newest_run(out_dir: Path) -> str:
    runs = list_runs(out_dir)
    if not runs:
        raise FileNotFoundError(f"no runs under {Path(out_dir) / 'runs'} (expected runs/<run_id>/run.json)")
    return runs[-1]


def safe_url(url: Any) -> str | None:
    """The URL if it is plain http(s), else None (never link javascript:, data: ...)."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None


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
    raw_scores = art.get("topic_scores") or {}
    scores = {str(k): _num(v) for k, v in raw_scores.items()} if isinstance(raw_scores, dict) else {}
    tags = []
    for t in art.get("topics") or []:
        if not isinstance(t, dict) or not t.get("label"):
            continue
        label = str(t["label"])
        score = _num(t.get("score"), scores.get(label, 0.0))
        scores.setdefault(label, score)
        tags.append((label, score, _str(t.get("source")) or "model"))
        if t.get("name"):
            names.setdefault(label, str(t["name"]))
        if t.get("threshold") is not None:
            thresholds.setdefault(label, _num(t.get("threshold"), 0.5))
    return Row(
        id=_str(art.get("id")),
        title=_str(art.get("title")) or "(untitled)",
        site=_str(art.get("site_name") or art.get("source_name")),
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
                key: {f: _str(rec.get(f)) for f in ("article_id", "label", "verdict", "reviewer", "at")}
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
        th = self.run.get("thresholds") or {}
        if isinstance(th, dict) and label in th:
            return _num(th[label], 0.5)
        return self._seen_thresholds.get(label, 0.5)

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
            c = self._card(art, labels, colors, blocks=blocks.get(aid, []))
            c["evidence"] = _evidence(c.pop("_marks"), c.pop("_paragraphs"))
            cards.append(c)
        shown = {c["id"] for c in cards}
        topics = self._topics(labels, colors, shown)
        sites = sorted({c["site"] for c in cards if c["site"]})
        return {
            "run_id": self.run_id,
            "started_at": _str(self.run.get("started_at") or self.manifest.get("started_at")),
            "finished_at": _str(self.run.get("finished_at") or self.manifest.get("finished_at")),
            "seconds": _num(self.run.get("seconds")),
            "raw_dir": _str(self.run.get("raw_dir") or self.manifest.get("raw_dir")),
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
                "topics": [{"label": t["label"], "name": t["name"], "threshold": t["threshold"]} for t in topics],
                "articles": [
                    {"id": c["id"], "site": c["site"], "assigned": [t["label"] for t in c["tags"]],
                     "scores": c["scores"]}
                    for c in cards
                ],
                "stored": [
                    {k: _str(rec.get(k)) for k in ("article_id", "label", "verdict", "reviewer", "at")}
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
            n_quarantined = int(_num(totals.get("quarantined"), len(listed)))
        else:  # an older run: everything comes from its manifest
            totals = self.manifest.get("totals") or {}
            entries = self.manifest.get("entries") or {}
            if not isinstance(entries, dict):
                entries = {}
            listed = [{"path": p, "reason": e.get("reason")} for p, e in entries.items()
                      if isinstance(e, dict) and e.get("status") == "quarantined"]
            n_quarantined = len(listed)
        counted = Counter(str(e.get("status")) for e in entries.values() if isinstance(e, dict))
        inputs = int(_num(totals.get("inputs"), len(entries)))
        fates = []
        for fate in FATES:
            n = int(_num(totals.get(fate), counted.get(fate, 0)))
            fates.append({"fate": fate, "n": n, "pct": round(100 * n / inputs, 1) if inputs else 0})
        quarantined = sorted(
            ({"path": _str(q.get("path")), "reason": _str(q.get("reason")) or "(no reason given)"} for q in listed),
            key=lambda q: (q["reason"], q["path"]),
        )
        reasons = Counter(q["reason"] for q in quarantined)
        run_reasons = self.run.get("quarantine_reasons")
        if len(quarantined) < n_quarantined and isinstance(run_reasons, dict):  # a sample: count by family
            reasons = Counter({str(k): int(_num(v)) for k, v in run_reasons.items()})
        quarantined = quarantined[:MAX_QUARANTINED]
        timings = self.run.get("timings") or {}
        timing_rows = [{"stage": str(k), "seconds": _num(v)} for k, v in timings.items()] if isinstance(timings, dict) else []
        timing_rows.sort(key=lambda t: (STAGE_ORDER.index(t["stage"]) if t["stage"] in STAGE_ORDER else len(STAGE_ORDER)))
        tmax = max([t["seconds"] for t in timing_rows] + [0]) or 1
        for t in timing_rows:
            t["pct"] = round(100 * t["seconds"] / tmax, 1)
        removed = self.run.get("removed") or {}
        removed_rows = []
        if isinstance(removed, dict):
            for kind, v in removed.items():
                v = v if isinstance(v, dict) else {}
                removed_rows.append({"kind": str(kind), "count": int(_num(v.get("count"))), "chars": int(_num(v.get("chars")))})
        removed_rows.sort(key=lambda r: -r["chars"])
        rmax = max([r["chars"] for r in removed_rows] + [0]) or 1
        for r in removed_rows:
            r["pct"] = round(80 * r["chars"] / rmax, 1)  # leave room for the label
        normalize = self.run.get("normalize") or {}
        normalize_rows = sorted(((str(k), int(_num(v))) for k, v in normalize.items()), key=lambda kv: -kv[1]) \
            if isinstance(normalize, dict) else []
        flags = Counter(f for r in self.rows for f in r.flags)
        run_flags = self.run.get("flags")
        if isinstance(run_flags, dict) and run_flags:  # the run's own aggregate wins over what we can count
            flags = Counter({str(k): int(_num(v)) for k, v in run_flags.items()})
        mojibake_flags = {k: v for k, v in flags.items() if "mojibake" in k.lower()}
        mojibake = [{"what": k, "n": v, "unit": "changes"} for k, v in normalize_rows if "mojibake" in k.lower()]
        mojibake += [{"what": f"flag {k}", "n": v, "unit": "articles"} for k, v in sorted(mojibake_flags.items())]
        scripts = self.run.get("scripts") or {}
        script_rows = sorted(((str(k), int(_num(v))) for k, v in scripts.items()), key=lambda kv: -kv[1]) \
            if isinstance(scripts, dict) else []
        converted = sum(n for k, n in script_rows if k in ("zh-Hant", "mixed"))
        redactions = self.run.get("redactions") or {}
        redaction_rows = sorted(((str(k), int(_num(v))) for k, v in redactions.items()), key=lambda kv: -kv[1]) \
            if isinstance(redactions, dict) else []
        changed = self.run.get("articles_changed") or {}
        reasons_changed = changed.get("reasons") if isinstance(changed, dict) else None
        reasons_changed = reasons_changed if isinstance(reasons_changed, dict) else {}
        return {
            "inputs": inputs, "fates": fates, "quarantined": quarantined, "n_quarantined": n_quarantined,
            "reasons": reasons.most_common(), "timings": timing_rows,
            "total_seconds": _num(self.run.get("seconds"), sum(t["seconds"] for t in timing_rows)),
            "removed": removed_rows, "removed_chars": sum(r["chars"] for r in removed_rows),
            "normalize": normalize_rows, "mojibake": mojibake, "flags": sorted(flags.items(), key=lambda kv: -kv[1]), "scripts": script_rows, "converted": converted,
            "redactions": redaction_rows, "redacted": sum(n for _k, n in redaction_rows),
            "rewritten": int(_num(changed.get("rewritten"))) if isinstance(changed, dict) else 0,
            "rewritten_why": sorted((str(k).replace("_", " "), int(_num(v))) for k, v in reasons_changed.items()),
            "reviews_applied": int(_num(self.run.get("reviews_applied"))),
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
                "count": int(_num(counts.get(label), len(assigned))) if isinstance(counts, dict) else len(assigned),
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
            canonical = _str(c.get("canonical"))
            copies = [
                {"path": _str(x.get("path")), "site": _str(x.get("site")), "similarity": _num(x.get("similarity"))}
                for x in c.get("copies") or [] if isinstance(x, dict)
            ]
            copies.sort(key=lambda x: -x["similarity"])
            out.append({"canonical": canonical, "title": _str(c.get("title")) or titles.get(canonical, ""),
                        "in_run": canonical in titles, "copies": copies})
        out.sort(key=lambda c: -len(c["copies"]))
        return out[:MAX_CLUSTERS]

    def _card(self, art: dict[str, Any], labels: list[str], colors: dict[str, int],
              blocks: list[dict] | None = None) -> dict[str, Any]:
        """A review card (of a light row: only what ranking needs; of a full article: everything shown)."""
        aid = _str(art.get("id"))
        raw_scores = art.get("topic_scores") or {}
        scores = {str(k): _num(v) for k, v in raw_scores.items()} if isinstance(raw_scores, dict) else {}
        tags = []
        for t in art.get("topics") or []:
            if not isinstance(t, dict) or not t.get("label"):
                continue
            label = str(t["label"])
            score = _num(t.get("score"), scores.get(label, 0.0))
            scores.setdefault(label, score)
            th = _num(t.get("threshold"), self.threshold(label))
            tags.append({
                "label": label, "name": _str(t.get("name")) or self.topic_name(label), "score": score,
                "threshold": th, "source": _str(t.get("source")) or "model",
                "model_score": t.get("model_score") if isinstance(t.get("model_score"), int | float) else None,
                "color": colors.get(label, 0), "evidence": t.get("evidence") or [],
                "verdict": self.records.get((aid, label)),
            })
        assigned = {t["label"] for t in tags}
        margins = [abs(s - self.threshold(lbl)) for lbl, s in scores.items()]
        near = [
            {"label": lbl, "name": self.topic_name(lbl), "score": s, "threshold": self.threshold(lbl)}
            for lbl, s in sorted(scores.items(), key=lambda kv: -kv[1])
            if lbl not in assigned and self.threshold(lbl) - NEAR_MARGIN <= s < self.threshold(lbl)
        ]
        removed_by_review = [
            {"label": lbl, "name": self.topic_name(lbl), "score": scores.get(lbl, 0.0), "verdict": rec}
            for lbl, rec in self.records_by_article.get(aid, {}).items()
            if lbl not in assigned and rec.get("verdict") == "wrong"
        ]
        # evidence per line of text, placed by its offsets (older articles: found by its sentence)
        sections = [s for s in art.get("sections") or [] if isinstance(s, dict)]
        paragraphs = [str(p) for s in sections for p in s.get("paragraphs") or []]
        text = _str(art.get("text"))
        lines = text.split("\n")
        starts = [0]
        for ln in lines[:-1]:
            starts.append(starts[-1] + len(ln) + 1)
        para_line, n = [], 0  # the line of text of each body paragraph (headings are lines too)
        for sec in sections:
            n += 1 if sec.get("heading") else 0
            for _p in sec.get("paragraphs") or []:
                para_line.append(n)
                n += 1
        marks: dict[int, list] = {}
        for t in tags:
            for ev in t["evidence"]:
                if not isinstance(ev, dict):
                    continue
                sentence = _str(ev.get("sentence"))
                terms = [str(x) for x in ev.get("terms") or []]
                start, end = ev.get("start"), ev.get("end")
                placed = line_span(starts, start, end) if isinstance(start, int) and isinstance(end, int) else None
                if placed is not None and text[start:end] == sentence:
                    marks.setdefault(placed[0], []).append((sentence, terms, [t["label"]], placed[1]))
                    continue
                idx = locate(paragraphs, int(_num(ev.get("paragraph"), -1)), sentence)
                line = para_line[idx] if 0 <= idx < len(para_line) else len(lines) + idx
                marks.setdefault(line, []).append((sentence, terms, [t["label"]], None))
        clean, budget = [], CARD_CHARS  # a long article shows its beginning; the JSON has it all
        for s in sections:
            if budget <= 0:
                break
            paras = []
            for p in s.get("paragraphs") or []:
                if budget <= 0:
                    break
                paras.append(str(p)[:budget])
                budget -= len(paras[-1])
            clean.append({"heading": _str(s.get("heading")) or None, "paragraphs": paras})
        clipped = sum(len(p) for c in clean for p in c["paragraphs"]) < sum(map(len, paragraphs))
        source = art.get("source") if isinstance(art.get("source"), dict) else {}
        stats = art.get("stats") if isinstance(art.get("stats"), dict) else {}
        dups = (art.get("duplicates") or {}).get("also_seen_at") if isinstance(art.get("duplicates"), dict) else []
        shown_blocks, budget = [], CARD_CHARS
        for b in blocks or []:
            if budget <= 0 or len(shown_blocks) >= CARD_BLOCKS:
                break
            text = _str(b.get("text"))[:budget]
            budget -= len(text)
            shown_blocks.append({"text": text, "kind": _str(b.get("kind")) or "?", "kept": bool(b.get("kept"))})
        return {
            "id": aid,
            "title": _str(art.get("title")) or "(untitled)",
            "site": _str(art.get("site_name") or art.get("source_name")),
            "date": _str(art.get("published_at"))[:16].replace("T", " "),
            "path": _str(source.get("path")),
            "url": _str(art.get("url") or source.get("url")),
            "href": safe_url(art.get("url") or source.get("url")),
            "script": _str(source.get("original_script")),
            "tags": tags,
            "near": near,
            "removed_by_review": removed_by_review,
            "scores": scores,
            "margin": round(min(margins), 4) if margins else 1.0,
            "evidence": [],  # filled by _evidence for the cards that are rendered
            "_marks": marks,
            "_paragraphs": lines,
            "comments": [{k: _str(c.get(k)) for k in ("author", "role", "date", "text")}
                         for c in art.get("comments") or [] if isinstance(c, dict)],
            "keywords": [_str(k.get("word")) for k in art.get("keywords") or [] if isinstance(k, dict)][:8],
            "flags": [str(f) for f in art.get("flags") or []],
            "redactions": {str(k): int(_num(v)) for k, v in art["redactions"].items()}
            if isinstance(art.get("redactions"), dict) else {},
            "chars": int(_num(stats.get("chars"))),
            "confidence": stats.get("extraction_confidence"),
            "removed_chars": sum(int(_num(v.get("chars"))) for v in (stats.get("removed") or {}).values()
                                 if isinstance(v, dict)),
            "also_seen_at": [{"site": _str(d.get("site")), "path": _str(d.get("path")),
                              "similarity": _num(d.get("similarity"))} for d in dups or [] if isinstance(d, dict)],
            "blocks": shown_blocks,
            "n_blocks": len(blocks or []),
            "clean": clean,
            "clipped": clipped,
        }
