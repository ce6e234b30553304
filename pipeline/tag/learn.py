"""Fit the learned document model: ``python -m pipeline.tag.learn [--write]``.

Training data (never the blind split ``real_blind``):

* the real labelled pages of split ``real_tune`` (``tests/data/tagging/real_labels.jsonl``;
  their texts are read from ``--pages``, by default ``../shared/corpus/pages/pages.jsonl``),
  each put through extraction, normalisation and redaction as in a run;
* the texts written for the project, splits ``tune,tune2,tune3`` of ``gold.jsonl``;
* with ``--written-pages`` (not used for the stored model): the page beginnings written as
  hard cases (``written_pages.jsonl``: a topic only mentioned, or advised on without the
  lexicon's words), put through the extraction like the real pages since they carry page
  furniture. They raised the cross-validated figures within their noise and moved the
  blind split both ways (``tests/data/tagging/README.md``), so they stay out by default;
* optionally reviewers' verdicts (``--reviews OUT/reviews --articles OUT/articles``):
  a reviewed article becomes an example (split ``review``), ``correct``/``missing``
  as ``yes``, ``wrong`` as ``no``.

Per topic: logistic regression (scikit-learn, L2, balanced classes) over the two
lexicon features and the page's words (:mod:`pipeline.tag.wordmodel`), or over the
two lexicon features alone. Which of the two, the regularisation, the weight of a
real page against a written text and the decision threshold are chosen by 5-fold
cross-validation, folds grouped by site for the real pages, maximising strict F1
on the real pages of the held-out folds. ``--write`` stores the weights in ``pipeline/tag/wordmodel.json``
(the largest 4,000 word weights per topic); the pipeline reads that file and
never imports scikit-learn.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import Settings
from pipeline.eval import real
from pipeline.eval.tagging import DEFAULT_GOLD, gold_document, load_gold, select
from pipeline.record import Document
from pipeline.redact import redact_document
from pipeline.tag import segment, wordmodel
from pipeline.tag.scoring import features, prepare, score_topic
from pipeline.tag.taxonomy import load_taxonomy
from pipeline.write import atomic_write_text

WRITTEN_PAGES = Path(__file__).resolve().parents[2] / "tests" / "data" / "tagging" / "written_pages.jsonl"
C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
REAL_WEIGHTS = (1.0, 2.0, 4.0)  # how much more a real page counts than a written text
THRESHOLDS = tuple(round(0.3 + 0.05 * k, 2) for k in range(9))  # 0.30 .. 0.70
MAX_WORDS = 4000
MIN_DF = 2


@dataclass
class Example:
    id: str
    group: str  # cross-validation group: the site for real pages, the text for written ones
    origin: str  # real | written | review
    labels: dict[str, str]
    lexicon: dict[str, tuple[float, float]]
    words: dict[str, float]


def example(doc: Document, row_id: str, group: str, origin: str, labels: dict[str, str], taxonomy) -> Example:
    prepared = prepare(doc)
    tokens = [t for _a, _b, s in prepared.spans for t in segment.words(s)]
    lex = {}
    for topic in taxonomy.topics:
        res = score_topic(topic, prepared, taxonomy.negation, taxonomy.dampen)
        lex[topic.label] = features(res.total, res.sentences)
    return Example(row_id, group, origin, labels, lex, wordmodel.vector(wordmodel.word_counts(tokens)))


def load_examples(args: argparse.Namespace, settings: Settings, taxonomy) -> list[Example]:
    out: list[Example] = []
    rows = [r for r in real.load_labels(args.real_labels) if r["split"] == "real_tune"]
    texts = real.load_texts(args.pages)
    for r, doc in zip(rows, real.pipeline_documents(rows, texts, settings), strict=True):
        if doc.done:
            continue  # nothing for the tagger to see (it is scored as untagged in the evaluation)
        out.append(example(doc, r["id"], "site:" + r.get("host", r["id"]), "real", r["labels"], taxonomy))
    for row in select(load_gold(args.gold), "tune,tune2,tune3"):
        doc = gold_document(row)
        redact_document(doc, settings)
        out.append(example(doc, row["id"], "text:" + row["id"], "written", row["labels"], taxonomy))
    if args.written_pages:
        pages = real.read_jsonl(args.written_pages)
        page_texts = {r["id"]: f"{r['title']}\n{r['text']}" for r in pages}
        for r, doc in zip(pages, real.pipeline_documents(pages, page_texts, settings), strict=True):
            if not doc.done:
                out.append(example(doc, r["id"], "text:" + r["id"], "written", r["labels"], taxonomy))
    if args.reviews:
        out.extend(review_examples(args.reviews, args.articles, taxonomy))
    return out


def review_examples(reviews: Path, articles: Path, taxonomy) -> list[Example]:
    """Reviewed articles as examples: their stored verdicts are the labels."""
    from pipeline.record import Section
    from pipeline.review import load_verdicts

    by_article: dict[str, dict[str, str]] = {}
    for (aid, label), verdict in load_verdicts(reviews).items():
        by_article.setdefault(aid, {})[label] = "no" if verdict == "wrong" else "yes"
    out = []
    for aid, labels in sorted(by_article.items()):
        path = articles / f"{aid}.json"
        if not path.is_file():
            continue
        art = json.loads(path.read_text(encoding="utf-8"))
        doc = Document(path=f"review:{aid}", title=art.get("title"),
                       sections=[Section(s.get("heading"), list(s.get("paragraphs") or []), int(s.get("level") or 0))
                                 for s in art.get("sections") or []])
        out.append(example(doc, aid, "review:" + aid, "review", labels, taxonomy))
    return out


def _matrix(examples: list[Example], label: str, words: bool = True):
    from sklearn.feature_extraction import DictVectorizer

    df = Counter(w for e in examples for w in e.words)
    vocab = {w for w, n in df.items() if n >= MIN_DF} if words else set()
    rows = [{"__evidence": e.lexicon[label][0], "__sentences": e.lexicon[label][1],
             **{w: x for w, x in e.words.items() if w in vocab}} for e in examples]
    vec = DictVectorizer()
    return vec, vec.fit_transform(rows)


def _f1(gold: list[bool], pred: list[bool]) -> float:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


@dataclass(frozen=True)
class Setting:
    c: float
    real_weight: float
    words: bool  # False: the two lexicon features alone, refitted


def choose(examples: list[Example], label: str) -> tuple[Setting, float, dict]:
    """The setting and threshold maximising strict F1 on the real pages of held-out folds (5 folds by site).

    Ties go to the simpler model (no words), then to a threshold nearer 0.5.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    ex = [e for e in examples if label in e.labels]
    y = np.array([e.labels[label] == "yes" for e in ex])
    groups = [e.group for e in ex]
    real_rows = np.array([e.origin == "real" for e in ex])
    folds = list(GroupKFold(n_splits=5).split(np.zeros(len(ex)), y, groups))
    results = {}
    for words in (False, True):
        _, x = _matrix(ex, label, words)
        for c in C_GRID if words else (1.0,):
            for wr in REAL_WEIGHTS:
                sw = np.where(real_rows, wr, 1.0)
                proba = np.zeros(len(ex))
                for train, test in folds:
                    m = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)
                    m.fit(x[train], y[train], sample_weight=sw[train])
                    proba[test] = m.predict_proba(x[test])[:, 1]
                for t in THRESHOLDS:
                    pred = proba >= t
                    results[(Setting(c, wr, words), t)] = (_f1(list(y[real_rows]), list(pred[real_rows])),
                                                           _f1(list(y), list(pred)))
    (setting, t), (f_real, f_all) = max(
        results.items(), key=lambda kv: (round(kv[1][0], 3), not kv[0][0].words, -abs(kv[0][1] - 0.5)))
    return setting, t, {"cv_strict_f1_real": round(f_real, 3), "cv_strict_f1_all": round(f_all, 3),
                        "examples": len(ex), "real": int(real_rows.sum()), "positives": int(y.sum())}


def fit(examples: list[Example], label: str, setting: Setting, threshold: float) -> dict:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    ex = [e for e in examples if label in e.labels]
    vec, x = _matrix(ex, label, setting.words)
    y = [e.labels[label] == "yes" for e in ex]
    sw = np.array([setting.real_weight if e.origin == "real" else 1.0 for e in ex])
    m = LogisticRegression(C=setting.c, class_weight="balanced", max_iter=3000).fit(x, y, sample_weight=sw)
    names = vec.get_feature_names_out()
    weights = dict(zip(names, m.coef_[0], strict=True))
    words = {w: v for w, v in weights.items() if not w.startswith("__") and abs(v) >= 1e-3}
    words = dict(sorted(words.items(), key=lambda kv: -abs(kv[1]))[:MAX_WORDS])
    return {"intercept": round(float(m.intercept_[0]), 4), "evidence": round(float(weights["__evidence"]), 4),
            "sentences": round(float(weights["__sentences"]), 4), "threshold": threshold,
            "C": setting.c, "real_weight": setting.real_weight, "uses_words": setting.words,
            "words": {w: round(float(v), 4) for w, v in sorted(words.items())}}


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="pipeline.tag.learn", description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path, default=real.DEFAULT_PAGES, help="the real page texts")
    ap.add_argument("--real-labels", type=Path, default=real.REAL_LABELS)
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="the written labelled texts")
    ap.add_argument("--written-pages", type=Path, nargs="?", const=WRITTEN_PAGES, default=None,
                    help=f"also learn from written page beginnings with their furniture (default file: {WRITTEN_PAGES.name})")
    ap.add_argument("--reviews", type=Path, default=None, help="a review store (OUT/reviews) to learn from too")
    ap.add_argument("--articles", type=Path, default=None, help="the articles the reviews refer to (OUT/articles)")
    ap.add_argument("--write", action="store_true", help=f"store the fitted model in {wordmodel.MODEL_PATH}")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not args.pages.is_file():
        print(f"real page texts not found at {args.pages} (pass --pages)", file=sys.stderr)
        return 2
    if args.written_pages and not args.written_pages.is_file():
        print(f"written pages not found at {args.written_pages}", file=sys.stderr)
        return 2
    if args.reviews and not args.articles:
        args.articles = args.reviews.parent / "articles"
    settings = Settings()
    taxonomy = load_taxonomy(settings.tag.topics_file)
    examples = load_examples(args, settings, taxonomy)
    origins = Counter(e.origin for e in examples)
    print(f"examples: {dict(origins)}")
    model = {"description": "learned document model: pipeline/tag/wordmodel.py; refit with python -m pipeline.tag.learn",
             "trained_on": dict(origins), "topics": {}}
    for topic in taxonomy.topics:
        setting, t, cv = choose(examples, topic.label)
        model["topics"][topic.label] = fit(examples, topic.label, setting, t) | {"cv": cv}
        w = model["topics"][topic.label]
        print(f"{topic.label}: {'words + lexicon' if setting.words else 'lexicon only'}, C={setting.c}, "
              f"real pages x{setting.real_weight}, threshold {t}: CV strict F1 on real pages "
              f"{cv['cv_strict_f1_real']} (all {cv['cv_strict_f1_all']}); {len(w['words'])} words")
    if args.write:
        atomic_write_text(wordmodel.MODEL_PATH, json.dumps(model, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
        print(f"written to {wordmodel.MODEL_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
