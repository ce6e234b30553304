"""The line model: how likely one line of a page is to *advise* on a topic, not merely mention it.

The topic definitions ask for "at least a sentence of advice or explanation"; a page's
words as a whole (:mod:`pipeline.tag.wordmodel`) cannot tell one sentence of advice among
twenty lines of a fraud report from a passing mention. This model is trained on lines
annotators marked as the advice that makes a page ``yes`` (``tests/data/tagging/
real_rationales.jsonl``), against every other line, mentions included, of the real
tuning pages. Per topic a logistic regression over the line's words (TF-IDF: log term
frequency times the inverse document frequency over the training lines, the vector
scaled to length 1), fitted by ``python -m pipeline.tag.learn`` with scikit-learn and
read here without it. The page's *best line* (its highest probability) is one more
feature of the document model, and the line that sets it is evidence for the tag.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from pipeline.tag.segment import usable


def line_counts(tokens: list[str]) -> Counter[str]:
    """The words of one line as the model counts them (as :func:`wordmodel.word_counts`)."""
    return Counter(t.lower() for t in tokens if usable(t))


def tfidf(counts: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    """scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` of one line: known words only, length 1."""
    raw = {w: (1.0 + math.log(c)) * idf[w] for w, c in counts.items() if w in idf}
    norm = math.sqrt(sum(v * v for v in raw.values()))
    return {w: v / norm for w, v in raw.items()} if norm else {}


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True, slots=True)
class LineModel:
    intercept: float
    weights: dict[str, float]
    idf: dict[str, float]  # shared by the topics (one vocabulary over the training lines)

    def probability(self, counts: Counter[str]) -> float:
        vec = tfidf(counts, self.idf)
        return _sigmoid(self.intercept + sum(self.weights.get(w, 0.0) * x for w, x in vec.items()))

    def best(self, lines: list[Counter[str]]) -> tuple[float, int]:
        """The highest line probability of a page and the index of its line (-1 for a page without lines)."""
        best, at = self.probability(Counter()), -1  # an empty page: the intercept alone
        for i, counts in enumerate(lines):
            if counts:
                p = self.probability(counts)
                if p > best:
                    best, at = p, i
        return best, at


PROB_FLOOR = 1e-4  # the best line's probability enters the document model as a clipped logit


def feature(probability: float) -> float:
    """The document model's input for a page's best line: its log-odds, clipped to ±9.2."""
    p = min(max(probability, PROB_FLOOR), 1.0 - PROB_FLOOR)
    return math.log(p / (1.0 - p))


def page_lines(units_of_line: list[list[int]], ranges: list[tuple[int, int]],
               sentence_tokens: list[list[str]]) -> list[Counter[str]]:
    """Each line's word counts from the tokens of its sentences (no second segmentation).

    ``units_of_line`` groups the scorer's units into the page's lines (a paragraph split
    into a label and its text is one line); ``ranges`` gives each unit's sentences.
    """
    out = []
    for units in units_of_line:
        toks = [t for u in units for s in range(*ranges[u]) for t in sentence_tokens[s]]
        out.append(line_counts(toks))
    return out
