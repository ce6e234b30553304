"""Fitting the line model (:mod:`pipeline.tag.linemodel`) from the rationale lines; used by ``pipeline.tag.learn``.

Training lines: every line of the real tuning pages that have rationales
(``tests/data/tagging/real_rationales.jsonl``), or that need none (every topic ``no``),
normalised and redacted as a run would; a line is positive for a topic when an annotator
marked it ``advice``, negative otherwise (``mention`` lines are the hard negatives). The
inverse document frequencies are counted once over all training lines (they use no label).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import Settings
from pipeline.tag import segment
from pipeline.tag.linemodel import LineModel, line_counts, tfidf

RATIONALES = Path(__file__).resolve().parents[2] / "tests" / "data" / "tagging" / "real_rationales.jsonl"
LINE_C = 10.0  # chosen by nested cross-validation on real_tune (1, 3 and 10 tried: 10 best or level on every topic)
MIN_DF = 2


@dataclass(frozen=True, slots=True)
class Line:
    doc: str  # the text id
    group: str  # its site (cross-validation group)
    counts: Counter[str]
    advice: frozenset[str]  # topics this line advises on


def load_lines(rows: list[dict], texts: dict[str, str], settings: Settings, path: Path = RATIONALES) -> list[Line]:
    """The training lines of the ``rows`` (real_tune labels) that have rationales or need none."""
    from pipeline.normalize import normalize_texts
    from pipeline.redact import redact_text

    rationales = {r["id"]: r for r in (json.loads(t) for t in path.read_text(encoding="utf-8").splitlines() if t.strip())}
    out: list[Line] = []
    for row in rows:
        rat = rationales.get(row["id"])
        if rat is None and any(v != "no" for v in row["labels"].values()):
            continue  # a page with a topic but no rationale: its lines' labels are unknown
        lines, _script, _flags = normalize_texts(texts[row["id"]].splitlines(), settings)
        topics = (rat or {}).get("topics", {})
        for i, text in enumerate(lines):
            if not text.strip():
                continue
            advice = frozenset(t for t, marks in topics.items() if i in marks.get("advice", []))
            counts = line_counts(segment.words(redact_text(text)[0]))
            out.append(Line(row["id"], "site:" + row.get("host", row["id"]), counts, advice))
    return out


def idf_of(lines: list[Line]) -> dict[str, float]:
    """scikit-learn's smoothed idf, ``ln((1 + n) / (1 + df)) + 1``, of the words in ``MIN_DF`` lines or more."""
    df = Counter(w for line in lines for w in line.counts)
    n = len(lines)
    return {w: math.log((1 + n) / (1 + d)) + 1.0 for w, d in df.items() if d >= MIN_DF}


def fit_line_model(lines: list[Line], topic: str, idf: dict[str, float], c: float = LINE_C) -> LineModel:
    """Logistic regression (L2, balanced classes) over the lines' TF-IDF vectors, as the pipeline computes them."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([tfidf(line.counts, idf) or {"__empty": 0.0} for line in lines])
    y = [topic in line.advice for line in lines]
    m = LogisticRegression(C=c, class_weight="balanced", max_iter=3000).fit(x, y)
    weights = {w: round(float(v), 4) for w, v in zip(vec.get_feature_names_out(), m.coef_[0], strict=True)
               if w != "__empty" and abs(v) >= 1e-3}
    return LineModel(round(float(m.intercept_[0]), 4), weights, idf)


def out_of_fold_models(lines: list[Line], topic: str, idf: dict[str, float],
                       folds: list[tuple[list[int], list[int]]], docs: list[str]) -> dict[str, LineModel]:
    """Per text id, a line model fitted without that text's site (``folds`` over ``docs``)."""
    out: dict[str, LineModel] = {}
    for _train, test in folds:
        held = {docs[i] for i in test}
        model = fit_line_model([line for line in lines if line.doc not in held], topic, idf)
        out.update(dict.fromkeys(held, model))
    return out
