"""The labelled set and the evaluation command."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from pipeline.eval import tagging

GOLD = Path(__file__).resolve().parents[1] / "data" / "tagging" / "gold.jsonl"
TOPICS = ("identity_verification", "negotiation", "privacy")


def rows() -> list[dict]:
    return tagging.load_gold(GOLD)


def test_gold_set_shape() -> None:
    data = rows()
    assert len(data) >= 80
    assert len({r["id"] for r in data}) == len(data)
    splits = Counter(r["split"] for r in data)
    # tune, tune2, tune3 (batches 1-4, batches 2-4 each once a blind split) are for tuning;
    # heldout3 (batch 5) is the blind split (see tests/data/tagging/README.md)
    assert set(splits) == {"tune", "tune2", "tune3", "heldout3"}, splits
    assert splits["heldout3"] >= 70
    assert {r["origin"] for r in data} >= {"seed", "written"}
    for r in data:
        assert set(r["labels"]) == set(TOPICS)
        assert r["text"].strip() and r["title"]
    for split in (("tune", "tune2", "tune3"), ("heldout3",)):
        for topic in TOPICS:
            c = Counter(r["labels"][topic] for r in data if r["split"] in split)
            assert c["yes"] >= 5 and c["no"] >= 5 and c["borderline"] >= 2, (split, topic, c)


def test_counts_and_f1() -> None:
    c = tagging.Counts()
    for gold, pred in [(True, True), (True, False), (False, True), (False, False), (True, True)]:
        c.add(gold, pred)
    assert (c.tp, c.fn, c.fp, c.tn) == (2, 1, 1, 1)
    assert (
        c.precision == pytest.approx(2 / 3)
        and c.recall == pytest.approx(2 / 3)
        and c.f1 == pytest.approx(2 / 3)
    )


def test_strict_and_lenient_treat_borderline_differently() -> None:
    from pipeline.record import Document, TopicTag

    def doc(score: float) -> Document:
        d = Document(path="x")
        d.topics = [TopicTag(label="t", name="t", score=score, threshold=0.5, assigned=score >= 0.5)]
        return d

    results = [
        ({"labels": {"t": "yes"}, "id": "a"}, doc(0.9)),
        ({"labels": {"t": "borderline"}, "id": "b"}, doc(0.9)),
    ]
    strict, lenient, errors = tagging.evaluate(results, ["t"])["t"]
    assert (strict.tp, strict.fp) == (1, 1) and strict.f1 < 1
    assert (lenient.tp, lenient.fp) == (1, 0) and lenient.f1 == 1
    assert errors == [("b", "borderline", True, 0.9)]


# Blind held-out split heldout3 (batch 5, 72 texts written and labelled by two annotators who
# never saw the tagger), evaluated once with the lexicon and the fitted models frozen (commit
# "Tagging: fitted logistic document model ..."). Measured (strict F1, lenient F1):
#   identity_verification 0.909 / 0.976   negotiation 0.939 / 0.979   privacy 0.926 / 0.980
# which meets the targets (strict >= 0.90, lenient >= 0.95); the floors are the targets.
# This guards against regressions; it is not a target to tune on. A change made while looking at
# heldout3's errors turns it into a tuning split, and the figure needs a new blind batch.
TARGETS = (0.90, 0.95)


def test_heldout3_meets_the_targets(tmp_path: Path) -> None:
    out = tmp_path / "eval.json"
    assert tagging.main(["--gold", str(GOLD), "--split", "heldout3", "--json", str(out)]) == 0
    summary = json.loads(out.read_text(encoding="utf-8"))["summary"]
    for topic in TOPICS:
        assert summary[topic]["strict"]["f1"] >= TARGETS[0], (topic, summary[topic])
        assert summary[topic]["lenient"]["f1"] >= TARGETS[1], (topic, summary[topic])
        low, high = summary[topic]["strict"]["f1_ci95"]
        assert low <= summary[topic]["strict"]["f1"] <= high


def test_fit_on_the_tuning_splits(tmp_path: Path) -> None:
    # the fitted models on their own training texts (not a quality estimate): borderline texts
    # are the errors, so strict sits below lenient
    out = tmp_path / "eval.json"
    assert tagging.main(["--gold", str(GOLD), "--split", "tune,tune2,tune3", "--json", str(out)]) == 0
    summary = json.loads(out.read_text(encoding="utf-8"))["summary"]
    for topic in TOPICS:
        assert summary[topic]["strict"]["f1"] >= 0.90, (topic, summary[topic])
        assert summary[topic]["lenient"]["f1"] >= 0.98, (topic, summary[topic])


def test_bootstrap_interval_and_kappa() -> None:
    pairs = [("yes", True)] * 18 + [("yes", False)] * 2 + [("no", False)] * 30 + [("borderline", True)] * 3
    low, high = tagging.bootstrap_f1(pairs, strict=True)
    c = tagging.Counts()
    for gold, predicted in pairs:
        c.add(gold == "yes", predicted)
    assert low < c.f1 < high <= 1.0
    assert tagging.bootstrap_f1(pairs, strict=False)[0] > low  # borderline false positives left out
    assert tagging.cohen_kappa(["yes", "no", "no"], ["yes", "no", "no"]) == 1.0
    assert tagging.cohen_kappa(["yes", "no"] * 5, ["no", "yes"] * 5) < 0


def test_second_annotator_labels_replace_the_gold_labels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = [r for r in rows() if r["split"] == "heldout3"][:6]
    flipped = {"yes": "no", "no": "yes", "borderline": "borderline"}
    second = tmp_path / "second.jsonl"
    second.write_text(
        "".join(
            json.dumps({"id": r["id"], "labels": {t: flipped[v] for t, v in r["labels"].items()}}) + "\n"
            for r in gold
        ),
        encoding="utf-8",
    )
    out = tmp_path / "eval.json"
    assert tagging.main(["--split", "heldout3", "--labels", str(second), "--json", str(out)]) == 0
    text = capsys.readouterr().out
    assert "documents=6" in text and "kappa" in text
    docs = json.loads(out.read_text(encoding="utf-8"))["documents"]
    assert [d["labels"] for d in docs] == [
        {t: flipped[v] for t, v in r["labels"].items()} for r in gold
    ]


def test_bad_gold_file_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert tagging.main(["--gold", str(tmp_path / "missing.jsonl")]) == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps({"id": "x", "text": "t", "labels": {"privacy": "maybe"}, "split": "tune"}) + "\n"
    )
    with pytest.raises(ValueError, match="maybe"):
        tagging.main(["--gold", str(bad), "--split", "all"])
