"""Fit each topic's document model on labelled texts: ``python -m pipeline.tag.calibrate``.

The lexicon (terms, cues, dampeners in ``topics.yaml``) finds and weighs
evidence; whether that evidence adds up to "a substantive point" is decided
by a logistic model over two features (:func:`pipeline.tag.scoring.features`):
the evidence mass and the number of full sentences that make the point. Its
three weights are fitted here with scikit-learn's ``LogisticRegression``
(L2, balanced class weights, so 0.5 is the decision point whatever the share
of ``yes`` texts) on the chosen splits of the gold file, with ``yes`` as the
positive class and ``borderline``/``no`` as the negative one (the strict
reading: a passing mention must not be tagged).

Prints the fitted ``model:`` lines; ``--write`` puts them into the topics file
(each topic's one-line ``model: {...}``). Only this command needs scikit-learn
(a dev dependency); the pipeline itself evaluates the formula from the YAML.

Why not the old rule (threshold at the midpoint between the best non-``yes``
and the worst ``yes`` on the tuning texts): once the lexicon has been tuned
on those texts they separate perfectly and the midpoint lands too high for
unseen texts; a regularised fit of the boundary generalised better on the
next blind batch (see tests/data/tagging/README.md).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

from pipeline.config import Settings
from pipeline.eval.tagging import DEFAULT_GOLD, gold_document, load_gold, select
from pipeline.redact import redact_document
from pipeline.tag.scoring import features, prepare, score_topic
from pipeline.tag.taxonomy import Taxonomy, load_taxonomy, parse_taxonomy
from pipeline.write import atomic_write_text


def feature_table(rows: list[dict], taxonomy: Taxonomy, settings: Settings) -> dict[str, list[tuple]]:
    """Per topic label: ``(features, gold label)`` of every row labelled for it."""
    table: dict[str, list[tuple]] = {t.label: [] for t in taxonomy.topics}
    for row in rows:
        doc = gold_document(row)
        redact_document(doc, settings)  # the pipeline tags redacted text
        prepared = prepare(doc)
        for topic in taxonomy.topics:
            gold = row["labels"].get(topic.label)
            if gold is None:
                continue
            res = score_topic(topic, prepared, taxonomy.negation, taxonomy.dampen)
            table[topic.label].append((features(res.total, res.sentences), gold))
    return table


def fit(samples: list[tuple], c: float = 1.0) -> dict[str, float]:
    """Logistic weights for one topic: ``yes`` against everything else."""
    from sklearn.linear_model import LogisticRegression  # dev dependency, only for fitting

    x = [list(f) for f, _ in samples]
    y = [gold == "yes" for _, gold in samples]
    if len(set(y)) < 2:
        raise ValueError("need both yes and non-yes examples to fit a topic")
    m = LogisticRegression(C=c, class_weight="balanced", max_iter=1000).fit(x, y)
    ev, se = m.coef_[0]
    return {"intercept": round(float(m.intercept_[0]), 3), "evidence": round(float(ev), 3),
            "sentences": round(float(se), 3)}


def model_line(model: dict[str, float]) -> str:
    return "model: {" + ", ".join(f"{k}: {model[k]}" for k in ("intercept", "evidence", "sentences")) + "}"


def write_models(path: Path, models: dict[str, dict[str, float]]) -> None:
    """Replace (or add after ``name:``) the one-line ``model:`` of each fitted topic in the YAML text.

    A line edit keeps the file's comments and layout. It expects the shipped layout
    (``- label: x`` first, then ``name:``); the edited text is parsed and checked before it
    replaces the file, so any other layout is an error, never weights on the wrong topic.
    """
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    label_re, model_re, name_re = r"^\s*- label:\s*(\S+)", r"^(\s+)model:\s*\{", r"^(\s+)name:\s"
    has_model, current = set(), None
    for line in lines:  # first pass: which topics already have a model line
        if m := re.match(label_re, line):
            current = m.group(1)
        elif current and re.match(model_re, line):
            has_model.add(current)
    current, out, placed = None, [], set()
    for line in lines:
        if m := re.match(label_re, line):
            current = m.group(1)
        if (mm := re.match(model_re, line)) and current in models:
            out.append(f"{mm.group(1)}{model_line(models[current])}\n")
            placed.add(current)
            continue
        out.append(line)
        mn = re.match(name_re, line)
        if mn and current in models and current not in has_model and current not in placed:
            out.append(f"{mn.group(1)}{model_line(models[current])}\n")
            placed.add(current)
    text = "".join(out)
    try:
        written = parse_taxonomy(yaml.safe_load(text), str(path))
        wrong = [
            label for label, model in models.items() if written.get(label).model != model
        ] + sorted(set(models) - placed)
    except (yaml.YAMLError, ValueError, KeyError) as exc:
        raise ValueError(f"{path}: could not place the fitted models ({exc}); edit the file by hand") from None
    if wrong:
        raise ValueError(
            f"{path}: could not place the fitted models of {sorted(set(wrong))} (expected '- label: x' "
            "then 'name:' and a one-line 'model: {...}'); edit the file by hand"
        )
    atomic_write_text(path, text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="pipeline.tag.calibrate", description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="labelled JSONL (default: %(default)s)")
    ap.add_argument("--split", default="tune,tune2,tune3", help="splits to fit on (default: %(default)s)")
    ap.add_argument("--topics-file", type=Path, default=None, help="taxonomy YAML (default: settings)")
    ap.add_argument("--c", type=float, default=1.0, help="inverse L2 strength (default: %(default)s)")
    ap.add_argument("--write", action="store_true", help="write the fitted models into the topics file")
    args = ap.parse_args(argv)
    settings = Settings()
    path = args.topics_file or Path(settings.tag.topics_file)
    rows = select(load_gold(args.gold), args.split)
    if not rows:
        print(f"no documents in split {args.split!r}", file=sys.stderr)
        return 2
    taxonomy = load_taxonomy(path)
    table = feature_table(rows, taxonomy, settings)
    models = {}
    for label, samples in table.items():
        if not samples:
            print(f"{label}: no labelled texts, left as it is")
            continue
        models[label] = fit(samples, args.c)
        n_yes = sum(g == "yes" for _, g in samples)
        print(f"{label} ({len(samples)} texts, {n_yes} yes): {model_line(models[label])}")
    if args.write:
        write_models(path, models)
        print(f"written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
