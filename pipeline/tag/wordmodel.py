"""The learned document model: the lexicon's evidence plus the words of the page, fitted on real labels.

The lexicon (``topics.yaml``) finds evidence it was written to find; real pages
make the same point in words it does not know ("tell the platform honestly you
cannot pay and ask for time") and mention its words without making the point
(a fraud warning that names a fake customer-service call). This model weighs
both: per topic a logistic regression over

* the two lexicon features of :func:`pipeline.tag.scoring.features` (evidence
  mass and substantive sentences, both log1p), and
* the words of the title and body (jieba tokens of two or more characters,
  log term frequency, the vector scaled to length 1),

fitted by ``python -m pipeline.tag.learn`` on the real labelled pages and the
written texts (scikit-learn, a dev dependency) and stored in ``wordmodel.json``,
which the pipeline reads without scikit-learn. The evidence of a tag is the
sentences that contribute most: their lexicon score plus the weights of their
words.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent / "wordmodel.json"
_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def usable(word: str) -> bool:
    """A word feature: two or more characters with a Han character, or a Latin word (not digits)."""
    return len(word) >= 2 and (_HAN.search(word) is not None or _LATIN_WORD.fullmatch(word) is not None)


def word_counts(tokens: list[str]) -> Counter[str]:
    return Counter(t.lower() for t in tokens if usable(t))


def vector(counts: Counter[str]) -> dict[str, float]:
    """log-TF weights of the words, scaled so that the vector has length 1 (long pages weigh as short ones)."""
    raw = {w: 1.0 + math.log(c) for w, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
    return {w: v / norm for w, v in raw.items()}


@dataclass(frozen=True, slots=True)
class TopicModel:
    intercept: float
    evidence: float
    sentences: float
    threshold: float
    words: dict[str, float]

    def logit(self, lexicon: tuple[float, float], vec: dict[str, float]) -> float:
        ws = self.words
        return (self.intercept + self.evidence * lexicon[0] + self.sentences * lexicon[1]
                + sum(ws[w] * x for w, x in vec.items() if w in ws))

    def probability(self, lexicon: tuple[float, float], vec: dict[str, float]) -> float:
        z = self.logit(lexicon, vec)
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def sentence_weights(self, sentence_tokens: list[list[str]], vec: dict[str, float],
                         counts: Counter[str]) -> list[float]:
        """Each sentence's share of the words' contribution (a word's weight split over its occurrences)."""
        ws = self.words
        out = []
        for tokens in sentence_tokens:
            s = 0.0
            for t in tokens:
                w = t.lower()
                if w in ws and w in vec:
                    s += ws[w] * vec[w] / counts[w]
            out.append(s)
        return out


@cache
def load(path: str | None = None) -> dict[str, TopicModel]:
    """The fitted models by topic label ({} when no model file exists: the lexicon model decides)."""
    p = Path(path) if path else MODEL_PATH
    if not p.is_file():
        return {}
    data = json.loads(p.read_text(encoding="utf-8"))
    return {
        label: TopicModel(float(m["intercept"]), float(m["evidence"]), float(m["sentences"]),
                          float(m.get("threshold", 0.5)), {str(k): float(v) for k, v in m["words"].items()})
        for label, m in data.get("topics", {}).items()
    }
