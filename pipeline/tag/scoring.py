"""Lexicon scoring: sentences -> paragraphs -> a document score in [0, 1] per topic, with evidence.

See the header of ``topics.yaml`` for the model in words. Everything here is a
pure function of the text units and the taxonomy, so the evaluation and the
pipeline run exactly the same code.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pipeline.record import Document, Evidence, TopicTag
from pipeline.tag.taxonomy import Dampener, Negation, Taxonomy, Topic

if TYPE_CHECKING:
    from pipeline.tag.linemodel import LineModel

# A sentence ends at 。！？；!?; or a line break; the closing quote/bracket stays with it.
_SENT_END = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)]?|\n|$)")
_FINAL_PUNCT = re.compile(r"[。！？!?；;：:，,]")
_INLINE_HEADING = re.compile(
    r"^\s*(?:\d{1,2}[.、．]\s*|[一二三四五六七八九十]{1,3}[、.．]\s*|[（(][一二三四五六七八九十\d]{1,2}[）)]\s*|第[一二三四五六七八九十]{1,3}[,，、:：]?\s*)?"
    r"([^，,。！？!?：:；;\n]{2,14})[:：]\s*(?=\S)"
)
_NUMBERING = re.compile(
    r"^\s*(?:#{1,6}\s*|[一二三四五六七八九十]+[、.．]|\d+(?:\.\d+)*[、.．\s]|[（(][一二三四五六七八九十\d]+[）)])"
)


@dataclass(slots=True)
class Unit:
    """A piece of the document that is scored on its own."""

    kind: str  # "title" | "heading" | "inline" (a "label:" lead of a paragraph) | "paragraph"
    text: str
    paragraph: int | None  # index into doc.paragraphs (None for title and section headings)
    heading_like: bool = False  # headings, and short numbered paragraphs that are headings in disguise
    section: int = -1
    list_item: bool = False  # a short numbered line ("3. 主动联系银行申请分期。"): a list entry, not a point made


@dataclass(slots=True)
class TopicResult:
    score: float
    total: float  # the evidence mass: weighted, capped and decayed lexicon hits
    sentences: int = 0  # substantive sentences: full body sentences that score >= substantive_min
    evidence: list[Evidence] = field(default_factory=list)
    hits: list[int] = field(default_factory=list)  # sentences (indices into Prepared.spans) with a lexicon hit


def sentence_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, sentence)`` of each non-empty sentence of ``text`` (sentence stripped)."""
    out = []
    for m in _SENT_END.finditer(text):
        seg = m.group(0)
        stripped = seg.strip()
        if stripped:
            out.append((m.start(), m.end(), stripped))
    return out


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph (non-empty, stripped)."""
    return [t for _, _, t in sentence_spans(text)]


def is_list_item(text: str) -> bool:
    """A short numbered line: an entry of a list ("2. 联系客服:看看能否申请分期。"), at most 40 characters."""
    t = text.strip()
    return len(t) <= 40 and _NUMBERING.match(t) is not None


def looks_like_heading(text: str) -> bool:
    """A short line without sentence punctuation, or a short numbered line: a heading left as a paragraph."""
    t = text.strip()
    if not t or len(t) > 40:
        return False
    if _NUMBERING.match(t) and len(t) <= 30 and not re.search(r"[。！？!?]", t[:-1]):
        return True
    return len(t) <= 30 and not _FINAL_PUNCT.search(t)


def document_units(doc: Document) -> list[Unit]:
    """Title, section headings and body paragraphs in reading order; comments are not the article."""
    units: list[Unit] = []
    if doc.title:
        units.append(Unit("title", doc.title, None, False, -1))
    index = 0
    for si, sec in enumerate(doc.sections):
        if sec.heading:
            units.append(Unit("heading", sec.heading, None, True, si))
        for p in sec.paragraphs:
            m = _INLINE_HEADING.match(p)
            listed = is_list_item(p)
            if m and not looks_like_heading(p):
                # "2. 个人信息保护:期间, ..." - a labelled point: the label is a heading of its own paragraph
                units.append(Unit("inline", m.group(1), index, True, si))
                units.append(Unit("paragraph", p[m.end() :], index, False, si, listed))
            else:
                units.append(Unit("paragraph", p, index, looks_like_heading(p), si, listed))
            index += 1
    return units


@dataclass(slots=True)
class _Hits:
    """Lexicon hits of one topic in one sentence (offsets into the scanned text)."""

    # term -> (weight, start); and (pattern index, start, end, matched text)
    terms: dict[str, tuple[float, int]] = field(default_factory=dict)
    patterns: list[tuple[int, int, int, str]] = field(default_factory=list)


def _unit_hits(
    topic: Topic, text: str, spans: list[tuple[int, int, str]], negation: Negation
) -> dict[int, _Hits]:
    """All hits of ``topic`` in ``text`` by sentence index (into ``spans``): one regex pass per term list / cue."""
    hits: dict[int, _Hits] = {}
    starts = [a for a, _, _ in spans]
    if topic.term_regex is not None:
        for m in topic.term_regex.finditer(text):
            si = bisect_right(starts, m.start()) - 1
            if si < 0:
                continue
            term = m.group(0)
            w = topic.terms.get(term)
            if w is None:  # case-insensitive hit on an ASCII term
                term = topic.terms_folded[term.lower()]
                w = topic.terms[term]
            if term in topic.negatable and _negated(text, m.start(), max(starts[si], 0), negation):
                w *= negation.factor
            h = hits.setdefault(si, _Hits())
            if term not in h.terms or w > h.terms[term][0]:
                h.terms[term] = (w, m.start())
    for i in topic.pattern_order:
        regex = topic.patterns[i].regex
        last = -1
        for m in regex.finditer(text):
            si = bisect_right(starts, m.start()) - 1
            if si == last or si < 0:
                continue  # one hit per pattern and sentence
            last = si
            hits.setdefault(si, _Hits()).patterns.append((i, m.start(), m.end(), m.group(0)))
    return hits


def _negated(text: str, start: int, floor: int, negation: Negation) -> bool:
    if negation.regex is None or start <= floor:
        return False
    return negation.regex.search(text, max(floor, start - negation.window), start) is not None


def _score_hits(
    topic: Topic,
    sentence: str,
    h: _Hits,
    term_seen: Counter[str],
    pat_seen: Counter[int],
    general_dampen: list[Dampener] | tuple[Dampener, ...],
) -> tuple[float, list[str]]:
    """One sentence's score from its hits; updates the document-wide repeat counters."""
    p = topic.params
    decay = p["repeat_decay"]
    overlap = p["overlap_factor"]
    spans: list[tuple[int, int]] = []
    total = 0.0
    matched_patterns: list[str] = []
    for i, a, b, text in h.patterns:  # strongest first: a weaker cue over the same words adds only a little
        w = topic.patterns[i].weight * decay ** pat_seen[i]
        if any(a < y and x < b for x, y in spans):
            w *= overlap
        total += w
        pat_seen[i] += 1
        spans.append((a, b))
        matched_patterns.append(text)
    for term, (w, start) in h.terms.items():
        if any(a <= start < b for a, b in spans):
            w *= overlap  # the pattern already says it: the term inside it only adds a little
        total += w * decay ** term_seen[term]
        term_seen[term] += 1
    matched = list(h.terms) + [t for t in matched_patterns if t not in h.terms]
    if total > 0:
        for d in topic.dampen:
            if d.regex.search(sentence):
                total *= d.factor
        for d in general_dampen:
            if d.regex.search(sentence):
                total *= d.factor
    return min(total, p["sentence_cap"]), matched


def score_sentence(
    topic: Topic,
    sentence: str,
    negation: Negation,
    term_seen: Counter[str] | None = None,
    pat_seen: Counter[int] | None = None,
    general_dampen: list[Dampener] | tuple[Dampener, ...] = (),
) -> tuple[float, list[str]]:
    """Score one sentence on its own for one topic (the scorer's inner step, for inspection and tests)."""
    spans = [(0, len(sentence), sentence)]
    h = _unit_hits(topic, sentence, spans, negation).get(0)
    if h is None:
        return 0.0, []
    return _score_hits(topic, sentence, h, term_seen or Counter(), pat_seen or Counter(), general_dampen)


@dataclass(slots=True)
class Prepared:
    """A document split once for every topic: its units, their sentences, and the text scanned."""

    units: list[Unit]
    text: str  # the unit texts joined by newlines: one regex pass per cue over the whole document
    spans: list[tuple[int, int, str]]  # sentences, offsets into ``text``
    ranges: list[tuple[int, int]]  # per unit, its slice of ``spans``


def prepare(doc_or_units: Document | list[Unit]) -> Prepared:
    units = document_units(doc_or_units) if isinstance(doc_or_units, Document) else doc_or_units
    spans: list[tuple[int, int, str]] = []
    ranges: list[tuple[int, int]] = []
    offset = 0
    for u in units:
        first = len(spans)
        spans.extend((offset + a, offset + b, t) for a, b, t in sentence_spans(u.text))
        ranges.append((first, len(spans)))
        offset += len(u.text) + 1
    return Prepared(units, "\n".join(u.text for u in units), spans, ranges)


def score_topic(
    topic: Topic,
    prepared: Prepared,
    negation: Negation,
    general_dampen: list[Dampener] | tuple[Dampener, ...] = (),
) -> TopicResult:
    """The document score of one topic (cues never cross a sentence end, so one pass serves all units)."""
    p = topic.params
    term_seen: Counter[str] = Counter()
    pat_seen: Counter[int] = Counter()
    unit_scores: list[float] = []
    candidates: list[Evidence] = []
    supporting = 0  # sentences (title and headings included) scoring at least 0.5
    substantive = 0  # body sentences that make the point: long enough, not a list entry, strong enough
    context_section, context_hit = -2, False
    spans = prepared.spans
    hits = _unit_hits(topic, prepared.text, spans, negation) if spans else {}
    for unit, (first, last) in zip(prepared.units, prepared.ranges, strict=True):
        raw = 0.0
        for si in range(first, last):
            if si not in hits:
                continue
            sentence = spans[si][2]
            s, terms = _score_hits(topic, sentence, hits[si], term_seen, pat_seen, general_dampen)
            if s <= 0:
                continue
            raw += s
            supporting += s >= 0.5
            if (
                unit.kind == "paragraph"
                and not unit.heading_like
                and not unit.list_item
                and s >= p["substantive_min"]
                and len(sentence) >= p["substantive_chars"]
            ):
                substantive += 1
            if unit.paragraph is not None and s >= p["evidence_min"]:
                candidates.append(Evidence(unit.paragraph, sentence, terms, round(s, 3)))
        raw = min(raw, p["paragraph_cap"])
        if unit.kind == "title":
            weight = p["title_weight"]
        elif unit.kind == "inline":
            weight = p["heading_weight"]  # weighted up, but its reach ends with its own paragraph
        elif unit.heading_like:
            weight = p["heading_weight"]
            context_section, context_hit = unit.section, raw >= 0.5
        else:
            if unit.section != context_section and unit.kind == "paragraph" and context_section >= 0:
                # a new extractor section without its own heading ends the old heading's reach
                context_hit = False
            weight = p["context_boost"] if context_hit else 1.0
        if raw > 0:
            unit_scores.append(raw * weight)
    unit_scores.sort(reverse=True)
    total = sum(s * p["paragraph_decay"] ** i for i, s in enumerate(unit_scores))
    if supporting == 1:
        total *= p["single_sentence_factor"]  # one sentence, however strong, is a passing mention
    if total > 0 and topic.context is not None and not topic.context.regex.search(prepared.text):
        total *= topic.context.factor  # e.g. identity checks outside any debt/collection setting
    score = document_score(topic.model, total, substantive)
    candidates.sort(key=lambda e: (-e.score, e.paragraph))
    evidence = sorted(candidates[: int(p["max_evidence"])], key=lambda e: e.paragraph)
    return TopicResult(score=round(score, 4), total=total, sentences=substantive, evidence=evidence, hits=sorted(hits))


def features(total: float, sentences: int) -> tuple[float, float]:
    """The two inputs of the document model: evidence mass and substantive sentences, both log1p.

    Mass alone favours long pages that mention a topic often in passing; the count of
    full sentences that make the point is what tells "a substantive point" (the
    definition) from a list entry or a clause.
    """
    return math.log1p(total), math.log1p(sentences)


def document_score(model: dict[str, float], total: float, sentences: int) -> float:
    """Logistic score in [0, 1]; 0 without any evidence (the intercept never tags an empty text)."""
    if total <= 0:
        return 0.0
    ev, se = features(total, sentences)
    z = model["intercept"] + model["evidence"] * ev + model["sentences"] * se
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)  # the same, without overflow for very negative z
    return e / (1.0 + e)


def score_document(
    doc: Document,
    taxonomy: Taxonomy,
    prepared: Prepared | None = None,
    sentence_tokens: list[list[str]] | None = None,
) -> list[TopicTag]:
    """A :class:`TopicTag` for every topic of the taxonomy; evidence only on assigned ones.

    With a fitted word model for a topic (:mod:`pipeline.tag.wordmodel`) and the
    tokens of every sentence of ``prepared``, the document score is that model's
    (lexicon features, the page's words and the words around the topic's hits);
    otherwise the lexicon's logistic model.
    """
    from pipeline.tag import linemodel, wordmodel

    prepared = prepared or prepare(doc)
    models = wordmodel.load() if sentence_tokens is not None else {}
    page = wordmodel.Bag.of([t for ts in sentence_tokens for t in ts]) if models else wordmodel.EMPTY
    grouped = unit_lines(prepared.units) if any(m.line for m in models.values()) else []
    lines = linemodel.page_lines(grouped, prepared.ranges, sentence_tokens) if grouped else []
    tags: list[TopicTag] = []
    for topic in taxonomy.topics:
        res = score_topic(topic, prepared, taxonomy.negation, taxonomy.dampen)
        learned = models.get(topic.label)
        if learned is None:
            score, threshold, evidence = res.score, topic.threshold, res.evidence
        else:
            around, window = (wordmodel.window_bag(sentence_tokens, res.hits) if learned.window
                              else (wordmodel.EMPTY, frozenset()))
            best_p, best_at = learned.line.best(lines) if learned.line else (0.5, -1)
            score = round(learned.probability(features(res.total, res.sentences), page, around,
                                              linemodel.feature(best_p) if learned.line else 0.0), 4)
            threshold = learned.threshold
            weights = learned.sentence_weights(sentence_tokens, page, around, window)
            best = _line_evidence(learned.line, best_p, grouped[best_at], prepared, sentence_tokens) if (
                learned.line and best_at >= 0 and learned.line_weight > 0) else []
            evidence = _word_evidence(res, learned, prepared, sentence_tokens, weights, window, topic, best)
        assigned = score >= threshold
        tags.append(
            TopicTag(
                label=topic.label,
                name=topic.name,
                score=score,
                threshold=threshold,
                assigned=assigned,
                evidence=evidence if assigned else [],
                model_score=score,
            )
        )
    return tags


def unit_lines(units: list[Unit]) -> list[list[int]]:
    """The page's lines as the line model learned them: the title, each heading, each paragraph
    (a labelled paragraph's label and text, two units, are one line)."""
    out: list[list[int]] = []
    line_of_paragraph: dict[int, int] = {}
    for i, u in enumerate(units):
        if u.paragraph is None:
            out.append([i])
        elif u.paragraph in line_of_paragraph:
            out[line_of_paragraph[u.paragraph]].append(i)
        else:
            line_of_paragraph[u.paragraph] = len(out)
            out.append([i])
    return out


def _line_evidence(model: LineModel, probability: float, units: list[int], prepared: Prepared,
                   sentence_tokens: list[list[str]]) -> list[Evidence]:
    """The sentences of the page's best line, with the words that make it advice (a body line only)."""
    out = []
    for ui in units:
        unit = prepared.units[ui]
        if unit.paragraph is None:
            continue
        for si in range(*prepared.ranges[ui]):
            words = {t.lower() for t in sentence_tokens[si]}
            top = sorted((w for w in words if model.weights.get(w, 0.0) > 0), key=lambda w: (-model.weights[w], w))
            out.append(Evidence(unit.paragraph, prepared.spans[si][2], top[:3], round(probability, 3)))
    return out


def _word_evidence(res: TopicResult, learned, prepared: Prepared, sentence_tokens: list[list[str]],
                   weights: list[float], window: frozenset[int], topic: Topic,
                   best_line: list[Evidence] = ()) -> list[Evidence]:
    """The lexicon's evidence, the page's best line (the line model's), then the body sentences
    whose words (``weights``) push the score up most."""
    limit = int(topic.params["max_evidence"])
    chosen = list(res.evidence)
    have = {(e.paragraph, e.sentence) for e in chosen}
    for e in best_line:
        if len(chosen) < limit and (e.paragraph, e.sentence) not in have:
            chosen.append(e)
            have.add((e.paragraph, e.sentence))
    unit_of = [ui for ui, (a, b) in enumerate(prepared.ranges) for _ in range(a, b)]
    ranked = sorted(range(len(weights)), key=lambda si: -weights[si])
    for si in ranked:
        if len(chosen) >= limit or weights[si] <= 0:
            break
        unit = prepared.units[unit_of[si]]
        sentence = prepared.spans[si][2]
        if unit.paragraph is None or (unit.paragraph, sentence) in have:
            continue
        near = learned.window if si in window else {}
        pushes = {w: learned.words.get(w, 0.0) + near.get(w, 0.0) for w in {t.lower() for t in sentence_tokens[si]}}
        words = sorted((w for w, v in pushes.items() if v > 0), key=lambda w: (-pushes[w], w))[:3]
        chosen.append(Evidence(unit.paragraph, sentence, words, round(weights[si], 3)))
        have.add((unit.paragraph, sentence))
    return sorted(chosen, key=lambda e: e.paragraph)
