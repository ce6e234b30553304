"""Topic-tagging evaluation: ``python -m pipeline.eval.tagging [--real-split real_blind] [--split heldout3]``.

First table: the blind split of the REAL labelled set (:mod:`pipeline.eval.real`: real page
texts through the whole chain, beside a keyword-list baseline). Second table: the
texts written for the project (``--gold``), as below.

The gold file is JSONL, one labelled article or excerpt per line::

    {"id": "w001", "title": "...", "text": "paragraph\\nparagraph ...",
     "labels": {"identity_verification": "yes|no|borderline", ...},
     "split": "tune|tune2|tune3|heldout3|review", "origin": "seed|written|review"}

Each record becomes a :class:`~pipeline.record.Document` with one section
(``Section(heading=None, paragraphs=text.split("\\n"))``) and runs through the
pipeline's own ``redact_document`` and ``tag_document`` (no Prefect). For every
topic two scores are printed:

* strict: a borderline case counts as "should not be tagged";
* lenient: borderline cases are left out.

``--show`` lists the errors with scores and evidence; ``--json`` writes the
per-document scores, ``--sweep`` prints F1 over a range of thresholds on the
chosen split (the models themselves are fitted by ``python -m pipeline.tag.calibrate``),
``--labels`` scores against a second annotator's labels and prints the agreement.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import Settings
from pipeline.record import Document, Section
from pipeline.redact import redact_document
from pipeline.tag import tag_document
from pipeline.tag.taxonomy import load_taxonomy

REPO = Path(__file__).resolve().parents[2]
DEFAULT_GOLD = REPO / "tests" / "data" / "tagging" / "gold.jsonl"
LABEL_VALUES = ("yes", "no", "borderline")


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: bool, predicted: bool) -> None:
        if gold and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif gold:
            self.fn += 1
        else:
            self.tn += 1


def load_gold(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            for key in ("id", "text", "labels", "split"):
                if key not in row:
                    raise ValueError(f"{path}:{n}: missing {key!r}")
            for topic, value in row["labels"].items():
                if value not in LABEL_VALUES:
                    raise ValueError(f"{path}:{n}: label {topic}={value!r} not in {LABEL_VALUES}")
            rows.append(row)
    return rows


def select(rows: list[dict], split: str) -> list[dict]:
    """Rows of the comma-separated split names (``all``: every row)."""
    if split == "all":
        return rows
    wanted = {s.strip() for s in split.split(",") if s.strip()}
    return [r for r in rows if r["split"] in wanted]


def gold_document(row: dict) -> Document:
    paragraphs = [p.strip() for p in row["text"].split("\n") if p.strip()]
    return Document(
        path=f"gold:{row['id']}",
        title=row.get("title"),
        sections=[Section(heading=None, paragraphs=paragraphs)],
    )


def run(rows: list[dict], settings: Settings) -> list[tuple[dict, Document]]:
    out = []
    for row in rows:
        doc = gold_document(row)
        redact_document(doc, settings)
        tag_document(doc, settings)
        out.append((row, doc))
    return out


def evaluate(
    results: list[tuple[dict, Document]], labels: list[str], thresholds: dict[str, float] | None = None
):
    """Per topic: (strict Counts, lenient Counts, errors list)."""
    table = {}
    for label in labels:
        strict, lenient, errors = Counts(), Counts(), []
        for row, doc in results:
            gold = row["labels"].get(label)
            if gold is None:
                continue
            tag = next(t for t in doc.topics if t.label == label)
            predicted = tag.score >= thresholds[label] if thresholds else tag.assigned
            strict.add(gold == "yes", predicted)
            if gold != "borderline":
                lenient.add(gold == "yes", predicted)
            if predicted != (gold == "yes"):
                errors.append((row["id"], gold, predicted, tag.score))
        table[label] = (strict, lenient, errors)
    return table


def bootstrap_f1(
    pairs: list[tuple[str, bool]], strict: bool, rounds: int = 1000, seed: int = 0
) -> tuple[float, float]:
    """95 % percentile interval of F1 over documents resampled with replacement.

    ``pairs`` are (gold label, predicted) per document. With a few dozen positives per
    topic one error moves F1 by ~0.02, so a point figure alone overstates what is known.
    """
    if not strict:
        pairs = [p for p in pairs if p[0] != "borderline"]
    if not pairs:
        return (0.0, 0.0)
    rng = random.Random(seed)
    values = []
    for _ in range(rounds):
        c = Counts()
        for gold, predicted in rng.choices(pairs, k=len(pairs)):
            c.add(gold == "yes", predicted)
        values.append(c.f1)
    values.sort()
    return values[int(0.025 * rounds)], values[int(0.975 * rounds) - 1]


def cohen_kappa(a: list, b: list) -> float:
    """Agreement of two annotators beyond chance (1 = identical, 0 = chance; nan without labels)."""
    n = len(a)
    if n == 0:
        return float("nan")
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def load_second_labels(path: Path) -> dict[str, dict[str, str]]:
    """``{id: labels}`` of a second annotator (JSONL lines with ``id`` and ``labels``)."""
    out = {}
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                row = json.loads(line)
                for topic, value in row["labels"].items():
                    if value not in LABEL_VALUES:
                        raise ValueError(f"{path}:{n}: label {topic}={value!r} not in {LABEL_VALUES}")
                out[row["id"]] = row["labels"]
    return out


def _fmt(c: Counts) -> str:
    return f"P={c.precision:.3f} R={c.recall:.3f} F1={c.f1:.3f} (tp={c.tp} fp={c.fp} fn={c.fn} tn={c.tn})"


def real_report(args: argparse.Namespace, settings: Settings) -> dict | None:
    """The real-page table: tagger and keyword-list baseline on a split of the real labelled set."""
    from pipeline.eval import real

    rows = [r for r in real.load_labels(args.real_labels) if r["split"] in set(args.real_split.split(","))]
    try:
        texts = real.load_texts(args.pages)
    except FileNotFoundError:
        print(f"(real pages not found at {args.pages}: pass --pages; the real-page table is skipped)")
        return None
    taxonomy = load_taxonomy(settings.tag.topics_file)
    labels = [t.label for t in taxonomy.topics if all(t.label in r["labels"] for r in rows)]
    docs = real.pipeline_documents(rows, texts, settings)
    print(f"real pages: split={args.real_split} documents={len(rows)} "
          f"(quarantined by extraction: {sum(d.done for d in docs)}) labels={args.real_labels.name}")
    print(f"  {'topic':<22} {'pos':>4} {'strict P/R/F1':>18} {'95% CI':>11} {'lenient F1':>10} {'95% CI':>11} "
          f"{'keywords strict/lenient F1':>27}")
    out = {}
    for label in labels:
        model = [(r["labels"][label], real.predictions(d, [label])[label][0]) for r, d in zip(rows, docs, strict=True)]
        base = [(r["labels"][label], real.keyword_baseline(d, taxonomy, [label])[label])
                for r, d in zip(rows, docs, strict=True)]
        cells = {}
        for name, pairs in (("model", model), ("keywords", base)):
            st, le = Counts(), Counts()
            for gold, pred in pairs:
                st.add(gold == "yes", pred)
                if gold != "borderline":
                    le.add(gold == "yes", pred)
            cells[name] = (st, le, bootstrap_f1(pairs, True), bootstrap_f1(pairs, False))
        st, le, cs, cl = cells["model"]
        bst, ble = cells["keywords"][:2]
        positives = sum(g == "yes" for g, _ in model)
        print(f"  {label:<22} {positives:>4} {st.precision:.2f}/{st.recall:.2f}/{st.f1:.3f}  {cs[0]:.2f}-{cs[1]:.2f} "
              f"{le.f1:>10.3f} {cl[0]:.2f}-{cl[1]:.2f} {bst.f1:>14.3f} / {ble.f1:.3f}")
        if args.show:
            for r, d, (gold, pred) in zip(rows, docs, model, strict=True):
                if pred != (gold == "yes"):
                    score = real.predictions(d, [label])[label][1]
                    print(f"      {r['id']} gold={gold} predicted={pred} score={score:.2f}")
        out[label] = {"strict": {"precision": st.precision, "recall": st.recall, "f1": st.f1, "f1_ci95": list(cs)},
                      "lenient": {"precision": le.precision, "recall": le.recall, "f1": le.f1, "f1_ci95": list(cl)},
                      "keywords": {"strict_f1": bst.f1, "lenient_f1": ble.f1}, "positives": positives}
    print()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="pipeline.eval.tagging", description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="labelled JSONL (default: %(default)s)")
    ap.add_argument("--real-split", default="real_blind",
                    help="split of the real labelled set for the first table (default: %(default)s); 'none' skips it")
    ap.add_argument("--pages", type=Path, default=None,
                    help="the real page texts (default: ../shared/corpus/pages/pages.jsonl)")
    ap.add_argument("--real-labels", type=Path, default=None, help="real labels (default: tests/data/tagging/real_labels.jsonl)")
    ap.add_argument(
        "--split",
        default="heldout3",
        help="split name as in the gold file, several comma-separated (tune,tune2,tune3), or 'all' (default: %(default)s)",
    )
    ap.add_argument("--batch", type=int, default=None, help="only records of this labelling batch")
    ap.add_argument("--topics-file", default=None, help="taxonomy YAML (default: settings)")
    ap.add_argument("--show", action="store_true", help="list the misclassified documents with evidence")
    ap.add_argument(
        "--sweep", action="store_true", help="strict/lenient F1 per topic over thresholds 0.05..0.95"
    )
    ap.add_argument(
        "--json", type=Path, default=None, help="write per-document scores and the summary as JSON"
    )
    ap.add_argument(
        "--labels",
        type=Path,
        default=None,
        help="a second annotator's labels (JSONL: id, labels): print the agreement with the gold "
        "labels, then score against the second annotator's labels on the documents it covers",
    )
    args = ap.parse_args(argv)
    if not args.gold.is_file():
        print(f"gold file not found: {args.gold}", file=sys.stderr)
        return 2
    settings = Settings()
    if args.topics_file:
        settings.tag.topics_file = args.topics_file
    from pipeline.eval import real

    args.pages = args.pages or real.DEFAULT_PAGES
    args.real_labels = args.real_labels or real.REAL_LABELS
    real_summary = None
    if args.real_split != "none" and not args.labels and args.batch is None:
        real_summary = real_report(args, settings)
        print("written texts (a second table):")
    rows = load_gold(args.gold)
    rows = select(rows, args.split)
    if args.batch is not None:
        rows = [r for r in rows if r.get("batch") == args.batch]
    if args.labels:
        second = load_second_labels(args.labels)
        missing = sorted(set(second) - {r["id"] for r in rows})
        rows = [r for r in rows if r["id"] in second]
        print(f"second annotator {args.labels}: {len(rows)} documents of the split")
        if missing:
            print(f"  not in the split (ignored): {', '.join(missing[:10])}{' ...' if len(missing) > 10 else ''}")
        for topic in sorted({t for r in rows for t in r["labels"]}):
            pairs = [(r["labels"].get(topic), second[r["id"]].get(topic)) for r in rows]
            pairs = [(a, b) for a, b in pairs if a is not None and b is not None]
            if len(pairs) < len(rows):
                print(f"  {topic}: labelled by one annotator only in {len(rows) - len(pairs)} documents")
            a, b = [x for x, _ in pairs], [y for _, y in pairs]
            binary = cohen_kappa([x == "yes" for x in a], [y == "yes" for y in b])
            same = sum(x == y for x, y in pairs)
            print(
                f"  {topic}: same label {same}/{len(pairs)}, kappa {cohen_kappa(a, b):.3f} "
                f"(yes vs rest {binary:.3f})"
            )
        rows = [{**r, "labels": {**r["labels"], **second[r["id"]]}} for r in rows]
    if not rows:
        print(f"no documents in split {args.split!r}", file=sys.stderr)
        return 2
    taxonomy = load_taxonomy(settings.tag.topics_file)
    labels = [t.label for t in taxonomy.topics if any(t.label in r["labels"] for r in rows)]
    results = run(rows, settings)
    table = evaluate(results, labels)
    batch = "" if args.batch is None else f" batch={args.batch}"
    print(f"gold={args.gold} split={args.split}{batch} documents={len(rows)}")
    summary: dict[str, dict] = {}
    for label in labels:
        strict, lenient, errors = table[label]
        thr = next(t for t in results[0][1].topics if t.label == label).threshold if results else 0.5
        print(f"\n{label} (threshold {thr:g})")
        pairs = [
            (row["labels"][label], next(t for t in doc.topics if t.label == label).assigned)
            for row, doc in results
            if label in row["labels"]
        ]
        ci_s, ci_l = bootstrap_f1(pairs, strict=True), bootstrap_f1(pairs, strict=False)
        print(f"  strict : {_fmt(strict)} 95% CI {ci_s[0]:.2f}-{ci_s[1]:.2f}")
        print(f"  lenient: {_fmt(lenient)} 95% CI {ci_l[0]:.2f}-{ci_l[1]:.2f}")
        fps = [e for e in errors if e[2]]
        fns = [e for e in errors if not e[2]]
        print("  false positives: " + (", ".join(f"{i}[{g}] {s:.2f}" for i, g, _, s in fps) or "-"))
        print("  false negatives: " + (", ".join(f"{i}[{g}] {s:.2f}" for i, g, _, s in fns) or "-"))
        summary[label] = {
            "threshold": thr,
            "strict": {"precision": strict.precision, "recall": strict.recall, "f1": strict.f1,
                       "f1_ci95": list(ci_s)},
            "lenient": {"precision": lenient.precision, "recall": lenient.recall, "f1": lenient.f1,
                        "f1_ci95": list(ci_l)},
            "errors": [{"id": i, "gold": g, "predicted": p, "score": s} for i, g, p, s in errors],
        }
    if args.sweep:
        print("\nthreshold sweep (strict F1 / lenient F1)")
        grid = [round(0.05 * k, 2) for k in range(1, 20)]
        for label in labels:
            cells = []
            for thr in grid:
                st, le, _ = evaluate(results, [label], {label: thr})[label]
                cells.append(f"{thr:.2f}:{st.f1:.2f}/{le.f1:.2f}")
            print(f"  {label}: " + " ".join(cells))
    if args.show:
        by_id = {row["id"]: doc for row, doc in results}
        for label in labels:
            for i, g, p, s in table[label][2]:
                doc = by_id[i]
                tag = next(t for t in doc.topics if t.label == label)
                print(f"\n--- {label} {i} gold={g} predicted={p} score={s:.3f} title={doc.title}")
                for e in tag.evidence:
                    print(f"    [{e.paragraph}] {e.score:.2f} {e.terms} {e.sentence[:80]}")
    if args.json:
        payload = {
            "real": real_summary,
            "summary": summary,
            "documents": [
                {"id": row["id"], "labels": row["labels"], "scores": {t.label: t.score for t in doc.topics}}
                for row, doc in results
            ],
        }
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
