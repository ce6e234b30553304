"""One review card of the report: an article's tags, their evidence placed on its lines, its raw blocks.

The report reads articles written by any earlier version of the pipeline, so
every field is read defensively (:func:`as_number`, :func:`as_text`): a missing
or odd value shows as empty, never as a crash of the report.
"""

from __future__ import annotations

import math
from typing import Any, Protocol
from urllib.parse import urlsplit

from pipeline.report.figures import line_span, locate

NEAR_MARGIN = 0.1  # an unassigned topic this close below its threshold is shown as a candidate
CARD_CHARS = 4000  # characters of clean text and of raw blocks shown per card
CARD_BLOCKS = 80  # raw blocks shown per card (a real page has hundreds of tiny navigation blocks)


class CardContext(Protocol):
    """What a card needs of its run: topic names and thresholds, and the stored review verdicts."""

    records: dict[tuple[str, str], dict[str, Any]]
    records_by_article: dict[str, dict[str, dict[str, Any]]]

    def topic_name(self, label: str) -> str: ...

    def threshold(self, label: str) -> float: ...


def as_number(value: Any, default: float = 0.0) -> float:
    """A finite number read from JSON, or ``default`` (booleans, NaN, strings and None are not numbers)."""
    if isinstance(value, bool):
        return default
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    return default


def as_text(value: Any) -> str:
    """A JSON value as text for the page; None is empty."""
    return "" if value is None else str(value)


def shown_date(value: Any, precision: Any) -> str:
    """A date as a reviewer reads it: ``2024-05-21``, or ``2024-05-21 09:30`` when the page gave a time.

    The JSON's one form gives a date alone as its midnight; shown so, it would claim a time the
    page never stated. An article of a schema before 1.3 gives a comment's date as the extractor
    read it, without a precision: shown to the minute, as before.
    """
    text = as_text(value)
    return text[:10] if precision == "day" else text[:16].replace("T", " ")


def site_of(art: dict[str, Any]) -> str:
    """The site an article was found on, as the review queue shows and filters it: its ``site_name``,
    else its address's host. Never the outlet it credits (``source_name``): a Sohu page crediting
    经济日报 was shown and filtered as 经济日报."""
    if art.get("site_name"):
        return as_text(art["site_name"])
    source = art.get("source") if isinstance(art.get("source"), dict) else {}
    for url in (art.get("url"), source.get("url")):
        if isinstance(url, str):
            try:
                host = urlsplit(url.strip()).hostname
            except ValueError:
                continue
            if host:
                return host.removeprefix("www.")
    return ""


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


def article_topics(art: dict[str, Any]) -> tuple[dict[str, float], list[tuple[dict[str, Any], str, float]]]:
    """An article's topic scores, and its assigned topics as (entry, label, score), read defensively.

    An assigned topic missing from ``topic_scores`` (an older article) adds its score there.
    """
    raw_scores = art.get("topic_scores") or {}
    scores = {str(k): as_number(v) for k, v in raw_scores.items()} if isinstance(raw_scores, dict) else {}
    assigned = []
    for t in art.get("topics") or []:
        if not isinstance(t, dict) or not t.get("label"):
            continue
        label = str(t["label"])
        score = as_number(t.get("score"), scores.get(label, 0.0))
        scores.setdefault(label, score)
        assigned.append((t, label, score))
    return scores, assigned


def build_card(art: dict[str, Any], labels: list[str], colors: dict[str, int], run: CardContext,
               blocks: list[dict] | None = None) -> dict[str, Any]:
    """A review card (of a light row: only what ranking needs; of a full article: everything shown)."""
    aid = as_text(art.get("id"))
    scores, topics = article_topics(art)
    tags = []
    for t, label, score in topics:
        th = as_number(t.get("threshold"), run.threshold(label))
        tags.append({
            "label": label, "name": as_text(t.get("name")) or run.topic_name(label), "score": score,
            "threshold": th, "source": as_text(t.get("source")) or "model",
            "model_score": t.get("model_score") if isinstance(t.get("model_score"), int | float) else None,
            "color": colors.get(label, 0), "evidence": t.get("evidence") or [],
            "verdict": run.records.get((aid, label)),
        })
    assigned = {t["label"] for t in tags}
    margins = [abs(s - run.threshold(lbl)) for lbl, s in scores.items()]
    near = [
        {"label": lbl, "name": run.topic_name(lbl), "score": s, "threshold": run.threshold(lbl)}
        for lbl, s in sorted(scores.items(), key=lambda kv: -kv[1])
        if lbl not in assigned and run.threshold(lbl) - NEAR_MARGIN <= s < run.threshold(lbl)
    ]
    removed_by_review = [
        {"label": lbl, "name": run.topic_name(lbl), "score": scores.get(lbl, 0.0), "verdict": rec}
        for lbl, rec in run.records_by_article.get(aid, {}).items()
        if lbl not in assigned and rec.get("verdict") == "wrong"
    ]
    # evidence per line of text, placed by its offsets (older articles: found by its sentence)
    sections = [s for s in art.get("sections") or [] if isinstance(s, dict)]
    paragraphs = [str(p) for s in sections for p in s.get("paragraphs") or []]
    text = as_text(art.get("text"))
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
            sentence = as_text(ev.get("sentence"))
            terms = [str(x) for x in ev.get("terms") or []]
            start, end = ev.get("start"), ev.get("end")
            placed = line_span(starts, start, end) if isinstance(start, int) and isinstance(end, int) else None
            if placed is not None and text[start:end] == sentence:
                marks.setdefault(placed[0], []).append((sentence, terms, [t["label"]], placed[1]))
                continue
            idx = locate(paragraphs, int(as_number(ev.get("paragraph"), -1)), sentence)
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
        clean.append({"heading": as_text(s.get("heading")) or None, "paragraphs": paras})
    clipped = sum(len(p) for c in clean for p in c["paragraphs"]) < sum(map(len, paragraphs))
    source = art.get("source") if isinstance(art.get("source"), dict) else {}
    stats = art.get("stats") if isinstance(art.get("stats"), dict) else {}
    dups = (art.get("duplicates") or {}).get("also_seen_at") if isinstance(art.get("duplicates"), dict) else []
    shown_blocks, budget = [], CARD_CHARS
    for b in blocks or []:
        if budget <= 0 or len(shown_blocks) >= CARD_BLOCKS:
            break
        text = as_text(b.get("text"))[:budget]
        budget -= len(text)
        shown_blocks.append({"text": text, "kind": as_text(b.get("kind")) or "?", "kept": bool(b.get("kept"))})
    return {
        "id": aid,
        "title": as_text(art.get("title")) or "(untitled)",
        "site": site_of(art),
        "credited": as_text(art.get("source_name")),
        "date": shown_date(art.get("published_at"), art.get("published_precision")),
        "path": as_text(source.get("path")),
        "url": as_text(art.get("url") or source.get("url")),
        "href": safe_url(art.get("url") or source.get("url")),
        "script": as_text(source.get("original_script")),
        "tags": tags,
        "near": near,
        "removed_by_review": removed_by_review,
        "scores": scores,
        "margin": round(min(margins), 4) if margins else 1.0,
        "evidence": [],  # filled by _evidence for the cards that are rendered
        "_marks": marks,
        "_paragraphs": lines,
        "comments": [{k: as_text(c.get(k)) for k in ("author", "role", "text")}
                     | {"date": shown_date(c.get("date"), c.get("date_precision"))}
                     for c in art.get("comments") or [] if isinstance(c, dict)],
        "keywords": [as_text(k.get("word")) for k in art.get("keywords") or [] if isinstance(k, dict)][:8],
        "flags": [str(f) for f in art.get("flags") or []],
        "redactions": {str(k): int(as_number(v)) for k, v in art["redactions"].items()}
        if isinstance(art.get("redactions"), dict) else {},
        "chars": int(as_number(stats.get("chars"))),
        "confidence": stats.get("extraction_confidence"),
        "removed_chars": sum(int(as_number(v.get("chars"))) for v in (stats.get("removed") or {}).values()
                             if isinstance(v, dict)),
        "also_seen_at": [{"site": as_text(d.get("site")), "path": as_text(d.get("path")),
                          "similarity": as_number(d.get("similarity"))} for d in dups or [] if isinstance(d, dict)],
        "blocks": shown_blocks,
        "n_blocks": len(blocks or []),
        "clean": clean,
        "clipped": clipped,
    }
