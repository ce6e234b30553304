"""The topic taxonomy, read from YAML (``settings.tag.topics_file``).

The file is configuration: a new topic is a new entry, no code change. The
schema is checked strictly (unknown keys, bad regexes, thresholds outside
[0, 1] are errors with the topic named) and the parsed, compiled taxonomy is
cached per file path and modification time.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_DEFAULT_KEYS = {
    "sentence_cap": 4.0,
    "paragraph_cap": 5.0,
    "heading_weight": 1.5,
    "title_weight": 1.0,
    "context_boost": 1.25,
    "repeat_decay": 0.6,
    "paragraph_decay": 0.7,
    "evidence_min": 1.0,
    "max_evidence": 5,
    "overlap_factor": 0.5,
    "single_sentence_factor": 1.0,
    "substantive_min": 0.8,
    "substantive_chars": 12,
}
# The document score is a logistic model over two features of the lexicon hits (see
# scoring.score_topic); its weights are fitted by ``python -m pipeline.tag.calibrate``.
_MODEL_KEYS = ("intercept", "evidence", "sentences")
_DEFAULT_MODEL = {"intercept": -5.0, "evidence": 3.0, "sentences": 1.5}
_TOPIC_KEYS = {
    "label",
    "name",
    "definition",
    "threshold",
    "terms",
    "patterns",
    "dampen",
    "negatable",
    "context",
    "model",
} | set(_DEFAULT_KEYS)


class TaxonomyError(ValueError):
    """The topics file is invalid; the message names the file and the topic."""


@dataclass(slots=True)
class Pattern:
    regex: re.Pattern[str]
    weight: float


@dataclass(slots=True)
class Dampener:
    regex: re.Pattern[str]
    factor: float


@dataclass(slots=True)
class Topic:
    label: str
    name: str
    definition: str
    threshold: float
    terms: dict[str, float]
    patterns: list[Pattern]
    dampen: list[Dampener]
    negatable: frozenset[str]
    params: dict[str, float]
    # logistic weights: intercept, evidence (log1p of the evidence mass), sentences (log1p of the count)
    model: dict[str, float] = field(default_factory=lambda: dict(_DEFAULT_MODEL))
    # the document must match context.regex, else its score is multiplied by context.factor
    context: Dampener | None = None
    term_regex: re.Pattern[str] | None = None
    pattern_order: list[int] = field(default_factory=list)
    terms_folded: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.terms_folded = {t.lower(): t for t in self.terms}
        self.pattern_order = sorted(range(len(self.patterns)), key=lambda i: -self.patterns[i].weight)
        if self.terms:
            alts = sorted(self.terms, key=len, reverse=True)  # longest first: 协商还款 before 协商
            self.term_regex = re.compile("|".join(re.escape(t) for t in alts), re.IGNORECASE)


@dataclass(slots=True)
class Negation:
    cues: tuple[str, ...] = ()
    window: int = 3
    factor: float = 0.4
    regex: re.Pattern[str] | None = field(default=None)

    def __post_init__(self) -> None:
        if self.cues:
            alts = sorted(self.cues, key=len, reverse=True)
            self.regex = re.compile("(?:" + "|".join(re.escape(c) for c in alts) + ")")


@dataclass(slots=True)
class Taxonomy:
    topics: list[Topic]
    negation: Negation
    path: str = ""
    dampen: list[Dampener] = field(default_factory=list)

    def labels(self) -> list[str]:
        return [t.label for t in self.topics]

    def get(self, label: str) -> Topic:
        for t in self.topics:
            if t.label == label:
                return t
        raise KeyError(label)


def _num(where: str, key: str, value: Any, lo: float = 0.0, hi: float = math.inf) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= float(value) <= hi:
        raise TaxonomyError(f"{where}: {key} must be a number in [{lo}, {hi}], got {value!r}")
    return float(value)


# "." in a cue pattern never crosses a sentence end, so cues match within one sentence
# even when the scorer runs them over a whole paragraph.
_BARE_DOT = re.compile(r"(?<!\\)\.(?=[{*+?])")
_IN_SENTENCE = "[^。！？!?；;\\n]"


def _regex(where: str, pattern: Any) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise TaxonomyError(f"{where}: pattern must be a non-empty string")
    try:
        re.compile(pattern)
        return re.compile(_BARE_DOT.sub(lambda _: _IN_SENTENCE, pattern), re.IGNORECASE)
    except re.error as exc:
        raise TaxonomyError(f"{where}: bad regular expression {pattern!r}: {exc}") from None


def parse_taxonomy(data: Any, path: str = "<topics>") -> Taxonomy:
    """Validate and compile a taxonomy mapping (the parsed YAML)."""
    if not isinstance(data, dict) or set(data) - {"defaults", "topics"}:
        raise TaxonomyError(f"{path}: top level must be a mapping with 'defaults' and 'topics'")
    defaults_in = data.get("defaults") or {}
    neg_in = defaults_in.get("negation") or {}
    unknown = set(defaults_in) - set(_DEFAULT_KEYS) - {"negation", "dampen", "model"}
    if unknown:
        raise TaxonomyError(f"{path}: defaults: unknown keys {sorted(unknown)}")
    if set(neg_in) - {"cues", "window", "factor"}:
        raise TaxonomyError(
            f"{path}: defaults.negation: unknown keys {sorted(set(neg_in) - {'cues', 'window', 'factor'})}"
        )
    negation = Negation(
        cues=tuple(str(c) for c in neg_in.get("cues", ())),
        window=int(_num(f"{path}: negation", "window", neg_in.get("window", 3), 0, 50)),
        factor=_num(f"{path}: negation", "factor", neg_in.get("factor", 0.4), 0, 1),
    )
    defaults = dict(_DEFAULT_KEYS)
    for k, v in defaults_in.items():
        if k not in ("negation", "dampen", "model"):
            defaults[k] = _num(f"{path}: defaults", k, v)
    default_model = _model(f"{path}: defaults", defaults_in.get("model"), _DEFAULT_MODEL)
    general_dampen = _dampeners(f"{path}: defaults", defaults_in.get("dampen"))
    topics_in = data.get("topics")
    if not isinstance(topics_in, list) or not topics_in:
        raise TaxonomyError(f"{path}: 'topics' must be a non-empty list")
    topics: list[Topic] = []
    seen: set[str] = set()
    for i, t in enumerate(topics_in):
        where = f"{path}: topic #{i + 1}"
        if not isinstance(t, dict):
            raise TaxonomyError(f"{where}: must be a mapping")
        label = t.get("label")
        if not isinstance(label, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", label):
            raise TaxonomyError(f"{where}: label must match [a-z][a-z0-9_]*, got {label!r}")
        where = f"{path}: topic {label}"
        if label in seen:
            raise TaxonomyError(f"{where}: duplicate label")
        seen.add(label)
        unknown = set(t) - _TOPIC_KEYS
        if unknown:
            raise TaxonomyError(f"{where}: unknown keys {sorted(unknown)}")
        name = t.get("name")
        if not isinstance(name, str) or not name:
            raise TaxonomyError(f"{where}: name (Chinese display name) is required")
        terms_in = t.get("terms") or {}
        if not isinstance(terms_in, dict):
            raise TaxonomyError(f"{where}: terms must be a mapping term -> weight")
        terms = {str(k): _num(where, f"terms.{k}", v, 0, 10) for k, v in terms_in.items()}
        patterns = []
        for j, p in enumerate(t.get("patterns") or []):
            if not isinstance(p, dict) or set(p) - {"pattern", "weight"}:
                raise TaxonomyError(f"{where}: patterns[{j}] must be {{pattern, weight}}")
            patterns.append(
                Pattern(
                    _regex(f"{where}: patterns[{j}]", p.get("pattern")),
                    _num(where, "weight", p.get("weight", 1.0), 0, 10),
                )
            )
        dampen = _dampeners(where, t.get("dampen"))
        if not terms and not patterns:
            raise TaxonomyError(f"{where}: needs terms or patterns")
        context = None
        if t.get("context") is not None:
            c = t["context"]
            if not isinstance(c, dict) or set(c) - {"pattern", "factor"}:
                raise TaxonomyError(f"{where}: context must be {{pattern, factor}}")
            context = Dampener(
                _regex(f"{where}: context", c.get("pattern")),
                _num(where, "context.factor", c.get("factor", 0.5), 0, 1),
            )
        params = dict(defaults)
        for k in _DEFAULT_KEYS:
            if k in t:
                params[k] = _num(where, k, t[k])
        topics.append(
            Topic(
                label=label,
                name=name,
                definition=str(t.get("definition") or "").strip(),
                threshold=_num(where, "threshold", t.get("threshold", 0.5), 0, 1),
                terms=terms,
                patterns=patterns,
                dampen=dampen,
                negatable=frozenset(str(x) for x in t.get("negatable") or []),
                params=params,
                model=_model(where, t.get("model"), default_model),
                context=context,
            )
        )
    return Taxonomy(topics=topics, negation=negation, path=path, dampen=general_dampen)


def _model(where: str, items: Any, base: dict[str, float]) -> dict[str, float]:
    """``{intercept, evidence, sentences}``: given keys override ``base``."""
    if items is None:
        return dict(base)
    if not isinstance(items, dict) or set(items) - set(_MODEL_KEYS):
        raise TaxonomyError(f"{where}: model must be a mapping with keys {list(_MODEL_KEYS)}")
    out = dict(base)
    for k, v in items.items():
        # more evidence must never lower the score: feature weights are >= 0
        out[k] = _num(where, f"model.{k}", v, -100 if k == "intercept" else 0, 100)
    return out


def _dampeners(where: str, items: Any) -> list[Dampener]:
    out = []
    for j, d in enumerate(items or []):
        if not isinstance(d, dict) or set(d) - {"pattern", "factor"}:
            raise TaxonomyError(f"{where}: dampen[{j}] must be {{pattern, factor}}")
        out.append(
            Dampener(
                _regex(f"{where}: dampen[{j}]", d.get("pattern")),
                _num(where, "factor", d.get("factor", 0.3), 0, 1),
            )
        )
    return out


_CACHE: dict[str, tuple[int, Taxonomy]] = {}


def load_taxonomy(path: str | Path) -> Taxonomy:
    """The compiled taxonomy in ``path``, re-read only when the file changes (one ``stat`` per call)."""
    key = str(path)
    try:
        mtime = os.stat(key).st_mtime_ns
    except OSError:
        raise TaxonomyError(f"topics file not found: {path}") from None
    hit = _CACHE.get(key)
    if hit and hit[0] == mtime:
        return hit[1]
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise TaxonomyError(f"{p}: not valid YAML: {exc}") from None
    tax = parse_taxonomy(data, str(p))
    _CACHE[key] = (mtime, tax)
    return tax
