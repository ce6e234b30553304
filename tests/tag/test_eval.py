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
    # tune (batch 1) and tune2 (batches 2-3, the former blind held-out split) are for tuning;
    # heldout2 (batch 4) is the blind split (see tests/data/tagging/README.md)
    assert set(splits) == {"tune", "tune2", "heldout2"}, splits
    assert splits["heldout2"] >= 40
    assert {r["origin"] for r in data} >= {"seed", "written"}
    for r in data:
        assert set(r["labels"]) == set(TOPICS)
        assert r["text"].strip() and r["title"]
    for split in (("tune", "tune2"), ("heldout2",)):
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


# Blind held-out split heldout2 (batch 4, 45 records), evaluated once with lexicon and thresholds
# frozen after tuning on tune + tune2. Measured (strict F1, lenient F1, strict precision):
#   identity_verification 0.818 / 0.818 / 1.000 (baseline lexicon before that tuning: 0.700 / 0.700)
#   negotiation           0.778 / 0.824 / 0.875 (baseline: 0.778 / 0.824, unchanged)
#   privacy               0.800 / 0.800 / 1.000 (baseline: 0.696 / 0.696)
# The targets (strict >= 0.90, lenient >= 0.95 per topic) are NOT met on heldout2, and the old
# strict-precision floor of 0.9 is not met for negotiation (one borderline false positive), so
# these floors are the levels actually reached, not the targets.
FLOORS = {
    "identity_verification": (0.81, 0.81, 1.0),
    "negotiation": (0.77, 0.82, 0.87),
    "privacy": (0.79, 0.79, 1.0),
}


def test_heldout2_quality_floors(tmp_path: Path) -> None:
    out = tmp_path / "eval.json"
    assert tagging.main(["--gold", str(GOLD), "--split", "heldout2", "--json", str(out)]) == 0
    summary = json.loads(out.read_text(encoding="utf-8"))["summary"]
    for topic, (strict, lenient, precision) in FLOORS.items():
        assert summary[topic]["strict"]["f1"] >= strict, (topic, summary[topic])
        assert summary[topic]["lenient"]["f1"] >= lenient, (topic, summary[topic])
        assert summary[topic]["strict"]["precision"] >= precision, (topic, summary[topic])


def test_tuning_splits_are_separated_by_the_calibrated_thresholds(tmp_path: Path) -> None:
    # thresholds are the midpoint between the highest non-yes and the lowest yes score on
    # tune + tune2, which the current lexicon separates completely (not a quality estimate)
    out = tmp_path / "eval.json"
    assert tagging.main(["--gold", str(GOLD), "--split", "tune,tune2", "--json", str(out)]) == 0
    summary = json.loads(out.read_text(encoding="utf-8"))["summary"]
    for topic in TOPICS:
        assert summary[topic]["strict"]["f1"] == 1.0, (topic, summary[topic])


def test_bad_gold_file_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert tagging.main(["--gold", str(tmp_path / "missing.jsonl")]) == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps({"id": "x", "text": "t", "labels": {"privacy": "maybe"}, "split": "tune"}) + "\n"
    )
    with pytest.raises(ValueError, match="maybe"):
        tagging.main(["--gold", str(bad), "--split", "all"])
