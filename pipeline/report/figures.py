"""Figures of the report: score histograms (inline SVG geometry) and evidence highlighted in its paragraph.

Plain data in, plain data out; the template draws and escapes.
"""

from __future__ import annotations

import math
from typing import Any


def histogram(scores: list[float], threshold: float, bins: int = 20) -> dict[str, Any]:
    """Geometry of an inline-SVG histogram of ``scores`` on [0, 1] (wider if scores exceed 1)."""
    top = max([1.0, *scores])
    top = math.ceil(top * 10) / 10
    width, height, pad_l, pad_b, pad_t = 300, 110, 26, 18, 8
    plot_w, plot_h = width - pad_l - 6, height - pad_b - pad_t
    counts = [0] * bins
    for s in scores:
        i = min(bins - 1, max(0, int(s / top * bins)))
        counts[i] += 1
    peak = max(counts) or 1
    bw = plot_w / bins
    bars = []
    for i, c in enumerate(counts):
        lo, hi = top * i / bins, top * (i + 1) / bins
        h = plot_h * c / peak
        bars.append({
            "x": round(pad_l + i * bw + 0.5, 2), "y": round(pad_t + plot_h - h, 2), "w": round(bw - 1, 2),
            "h": round(h, 2), "count": c, "lo": round(lo, 3), "hi": round(hi, 3), "above": lo >= threshold - 1e-9,
        })
    tx = pad_l + plot_w * min(max(threshold, 0.0), top) / top
    ticks = [{"x": round(pad_l + plot_w * v / top, 2), "label": f"{v:g}"} for v in (0, top / 2, top)]
    return {
        "width": width, "height": height, "bars": bars, "threshold": threshold, "tx": round(tx, 2),
        "top": pad_t, "base": pad_t + plot_h, "left": pad_l, "right": pad_l + plot_w, "ticks": ticks,
        "peak": peak, "n": len(scores), "above": sum(1 for s in scores if s >= threshold),
    }


Mark = tuple[str, list[str], list[str], "tuple[int, int] | None"]  # sentence, terms, labels, span in its line


def _segments(paragraph: str, marks: list[Mark]) -> tuple[list[dict], list[dict]]:
    """Split ``paragraph`` (a line of ``text``) into segments flagged as evidence sentence and/or term.

    ``marks`` holds ``(sentence, terms, labels, span)``: the span is where the
    article's evidence offsets put the sentence in this line; without one (an
    article of schema 1.0) the sentence is searched for. Returns the segments
    and the evidence sentences that could not be located in the line.
    """
    sentences: list[tuple[int, int, list[str]]] = []
    terms: list[tuple[int, int]] = []
    unlocated = []
    for sentence, words, labels, span in marks:
        if span is not None and 0 <= span[0] <= span[1] <= len(paragraph):
            start, end = span
        else:
            start = paragraph.find(sentence) if sentence else -1
            end = start + len(sentence)
        if start < 0:
            unlocated.append({"sentence": sentence, "labels": labels})
            continue
        sentences.append((start, end, labels))
        for w in words:
            if not w:
                continue
            j = paragraph.find(w, start, end)
            while j >= 0:
                terms.append((j, j + len(w)))
                j = paragraph.find(w, j + len(w), end)
    cuts = sorted({0, len(paragraph), *(a for a, _b, _l in sentences), *(b for _a, b, _l in sentences),
                   *(a for a, _b in terms), *(b for _a, b in terms)})
    segs: list[dict] = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        if lo >= hi:
            continue
        labels = tuple(sorted({lb for a, b, ls in sentences if a <= lo and hi <= b for lb in ls}))
        term = any(a <= lo and hi <= b for a, b in terms)
        if segs and (segs[-1]["labels"], segs[-1]["term"]) == (labels, term):
            segs[-1]["text"] += paragraph[lo:hi]
        else:
            segs.append({"text": paragraph[lo:hi], "labels": labels, "term": term})
    return segs, unlocated


EVIDENCE_CONTEXT = 160  # characters of unmarked text shown on each side of a mark
EVIDENCE_MARK = 600  # characters of one marked piece shown


def _trim(segs: list[dict]) -> list[dict]:
    """The segments of one evidence line with long unmarked stretches cut to the context around the marks.

    A scrape without line breaks is one line of tens of thousands of characters: shown whole, one
    card's evidence weighed 90 KB and hid its marks in a wall of text. The marks stay (a marked piece
    beyond ``EVIDENCE_MARK`` is cut too), with ``EVIDENCE_CONTEXT`` characters on each side.
    """
    out = []
    last = len(segs) - 1
    for i, s in enumerate(segs):
        t, c = s["text"], EVIDENCE_CONTEXT
        if s["labels"] or s["term"]:
            t = t if len(t) <= EVIDENCE_MARK else t[:EVIDENCE_MARK] + "…"
        elif i == 0 and i != last:
            t = t if len(t) <= c else "…" + t[-c:]
        elif i == last and i != 0:
            t = t if len(t) <= c else t[:c] + "…"
        elif len(t) > 2 * c:
            t = t[:c] + " … " + t[-c:]
        out.append({**s, "text": t})
    return out


def _evidence(marks: dict[int, list[Mark]], lines: list[str]) -> list[dict]:
    """Evidence lines in order, each split into highlighted segments (long unmarked text cut: :func:`_trim`)."""
    out = []
    for idx in sorted(marks):
        if 0 <= idx < len(lines):
            segs, unlocated = _segments(lines[idx], marks[idx])
            segs = _trim(segs)
        else:
            segs, unlocated = [], [{"sentence": s, "labels": lb} for s, _t, lb, _sp in marks[idx]]
        out.append({"index": idx, "segments": segs, "unlocated": unlocated})
    return out


def line_span(line_starts: list[int], start: int, end: int) -> tuple[int, tuple[int, int]] | None:
    """The line of ``text`` holding ``[start, end)`` and the span relative to that line (None if it crosses one)."""
    import bisect

    i = bisect.bisect_right(line_starts, start) - 1
    if i < 0 or (i + 1 < len(line_starts) and end > line_starts[i + 1] - 1):
        return None
    return i, (start - line_starts[i], end - line_starts[i])


def locate(paragraphs: list[str], index: int, sentence: str) -> int:
    """The paragraph that holds ``sentence``: ``index`` if it does, else the first one that does, else ``index``."""
    if 0 <= index < len(paragraphs) and sentence in paragraphs[index]:
        return index
    if sentence:
        for i, p in enumerate(paragraphs):
            if sentence in p:
                return i
    return index
