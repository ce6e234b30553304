"""The learned document model: the lexicon's evidence plus the words of the page, fitted on real labels.

The lexicon (``topics.yaml``) finds evidence it was written to find; real pages
make the same point in words it does not know ("tell the platform honestly you
cannot pay and ask for time") and mention its words without making the point
(a fraud warning that names a fake customer-service call). This model weighs
both: per topic a logistic regression over

* the two lexicon features of :func:`pipeline.tag.scoring.features` (evidence
  mass and substantive sentences, both log1p),
* the words of the title and body (jieba tokens of two or more characters,
  log term frequency, the vector scaled to length 1), and
* optionally the words around the topic's lexicon hits (the sentences with a hit
  and their neighbours, the same kind of vector): how the page talks about the
  topic. A fraud report that names a fake customer-service call and advice to check
  a collector's authorisation both hit the identity lexicon; the words beside the
  hit tell them apart. Read when the model file holds them (``learn --window``);
  the stored model does not, since they did not help on the blind splits,

fitted by ``python -m pipeline.tag.learn`` on the real labelled pages and the
written texts (scikit-learn, a dev dependency) and stored in ``wordmodel.json``,
which the pipeline reads without scikit-learn. The evidence of a tag is the
sentences that contribute most: their lexicon score plus the weights of their
words.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pipeline.tag.linemodel import LineModel
from pipeline.tag.segment import usable

MODEL_PATH = Path(__file__).resolve().parent / "wordmodel.json"
WINDOW_REACH = 1  # sentences on each side of a hit sentence (cross-validated: 0, 1 and 2 tried; 1 best)


def word_counts(tokens: list[str]) -> Counter[str]:
    """Counts of the usable words, lower-cased (in order of first use, as the vector's sum runs)."""
    out: Counter[str] = Counter()
    for t, c in Counter(tokens).items():  # each distinct token is judged and lower-cased once
        if usable(t):
            out[t.lower()] += c
    return out


def vector(counts: Counter[str]) -> dict[str, float]:
    """log-TF weights of the words, scaled so that the vector has length 1 (long pages weigh as short ones)."""
    raw = {w: 1.0 + math.log(c) for w, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
    return {w: v / norm for w, v in raw.items()}


@dataclass(frozen=True, slots=True)
class Bag:
    """Words with their counts and their length-1 vector (the counts split a word's weight over its uses)."""

    counts: Counter[str]
    vec: dict[str, float]

    @classmethod
    def of(cls, tokens: list[str]) -> Bag:
        counts = word_counts(tokens)
        return cls(counts, vector(counts))


EMPTY = Bag(Counter(), {})


def window_sentences(hit_sentences: list[int], n: int, reach: int = WINDOW_REACH) -> frozenset[int]:
    """The sentences with a lexicon hit and ``reach`` sentences on each side (indices below ``n``)."""
    return frozenset(j for i in hit_sentences for j in range(i - reach, i + reach + 1) if 0 <= j < n)


def window_bag(sentence_tokens: list[list[str]], hit_sentences: list[int]) -> tuple[Bag, frozenset[int]]:
    """The words around a topic's hits, and which sentences they came from."""
    picked = window_sentences(hit_sentences, len(sentence_tokens))
    return Bag.of([t for j in sorted(picked) for t in sentence_tokens[j]]), picked


@dataclass(frozen=True, slots=True)
class TopicModel:
    intercept: float
    evidence: float
    sentences: float
    threshold: float
    words: dict[str, float]
    window: dict[str, float] = field(default_factory=dict)  # weights of the words around the hits
    line: LineModel | None = None  # the best line's model (:mod:`pipeline.tag.linemodel`), when fitted
    line_weight: float = 0.0  # the document model's weight on the best line's log-odds

    def logit(self, lexicon: tuple[float, float], page: Bag, around: Bag = EMPTY, best_line: float = 0.0) -> float:
        ws, wn = self.words, self.window
        return (self.intercept + self.evidence * lexicon[0] + self.sentences * lexicon[1]
                + sum(ws[w] * x for w, x in page.vec.items() if w in ws)
                + sum(wn[w] * x for w, x in around.vec.items() if w in wn)
                + self.line_weight * best_line)

    def probability(self, lexicon: tuple[float, float], page: Bag, around: Bag = EMPTY,
                    best_line: float = 0.0) -> float:
        """``best_line``: :func:`linemodel.feature` of the page's best line (0 when there is no line model)."""
        z = self.logit(lexicon, page, around, best_line)
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def sentence_weights(self, sentence_tokens: list[list[str]], page: Bag, around: Bag = EMPTY,
                         window: frozenset[int] = frozenset()) -> list[float]:
        """Each sentence's share of the words' contribution (a word's weight split over its occurrences).

        One use of a word carries its page weight over its count on the page, plus, inside the
        window, its window weight over its count there. The shares are computed once per page,
        not once per token: this runs for every topic over every sentence of every document.
        """
        share = {w: self.words[w] * x / page.counts[w] for w, x in page.vec.items() if w in self.words}
        near = {w: self.window[w] * x / around.counts[w] for w, x in around.vec.items() if w in self.window}
        if not share and not near:  # a topic the lexicon alone decides
            return [0.0] * len(sentence_tokens)
        out = []
        for i, tokens in enumerate(sentence_tokens):
            if near and i in window:
                out.append(sum(share.get(w, 0.0) + near.get(w, 0.0) for w in map(str.lower, tokens)))
            else:
                out.append(sum(share.get(w, 0.0) for w in map(str.lower, tokens)))
        return out


@cache
def load(path: str | None = None) -> dict[str, TopicModel]:
    """The fitted models by topic label ({} when no model file exists: the lexicon model decides)."""
    p = Path(path) if path else MODEL_PATH
    if not p.is_file():
        return {}
    data = json.loads(p.read_text(encoding="utf-8"))
    idf = {str(k): float(v) for k, v in data.get("line_idf", {}).items()}

    def line_of(m: dict) -> LineModel | None:
        spec = m.get("line")
        if not spec or not idf:
            return None
        return LineModel(float(spec["intercept"]), {str(k): float(v) for k, v in spec["weights"].items()}, idf)

    return {
        label: TopicModel(float(m["intercept"]), float(m["evidence"]), float(m["sentences"]),
                          float(m.get("threshold", 0.5)), {str(k): float(v) for k, v in m["words"].items()},
                          {str(k): float(v) for k, v in m.get("window", {}).items()},
                          line_of(m), float(m.get("line_weight", 0.0)) if line_of(m) else 0.0)
        for label, m in data.get("topics", {}).items()
    }
