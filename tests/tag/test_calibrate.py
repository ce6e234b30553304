"""Fitting the document model: the shipped weights are what the command fits, and --write edits only them."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.eval.tagging import load_gold, select
from pipeline.tag import calibrate
from pipeline.tag.taxonomy import load_taxonomy

GOLD = Path(__file__).resolve().parents[1] / "data" / "tagging" / "gold.jsonl"


def test_shipped_models_are_the_fit_on_the_tuning_splits() -> None:
    # topics.yaml must hold what `python -m pipeline.tag.calibrate --write` produces from the
    # labelled tuning splits (no hand-edited weights, and a lexicon change needs a refit)
    settings = Settings()
    taxonomy = load_taxonomy(settings.tag.topics_file)
    rows = select(load_gold(GOLD), "tune,tune2,tune3")
    table = calibrate.feature_table(rows, taxonomy, settings)
    for topic in taxonomy.topics:
        fitted = calibrate.fit(table[topic.label])
        for key, value in fitted.items():
            assert topic.model[key] == pytest.approx(value, abs=0.01), (topic.label, key, topic.model)


def test_fit_learns_that_more_evidence_means_yes() -> None:
    samples = [((0.2 * i, 0.0), "no") for i in range(6)] + [((0.9 + 0.2 * i, 0.7), "yes") for i in range(6)]
    samples += [((0.8, 0.0), "borderline"), ((1.0, 0.7), "yes")]
    model = calibrate.fit(samples)
    assert model["evidence"] > 0 and model["sentences"] > 0 and model["intercept"] < 0
    with pytest.raises(ValueError, match="both"):
        calibrate.fit([((1.0, 1.0), "yes")] * 3)


def test_write_models_replaces_or_adds_the_model_line(tmp_path: Path) -> None:
    path = tmp_path / "topics.yaml"
    path.write_text(
        "topics:\n"
        "  - label: alpha\n    name: 甲\n    model: {intercept: 0, evidence: 0, sentences: 0}\n"
        "    terms: {甲: 1.0}\n"
        "  - label: beta\n    name: 乙\n    terms: {乙: 1.0}\n",
        encoding="utf-8",
    )
    models = {
        "alpha": {"intercept": -4.0, "evidence": 2.5, "sentences": 1.25},
        "beta": {"intercept": -3.0, "evidence": 1.5, "sentences": 0.5},
    }
    calibrate.write_models(path, models)
    taxonomy = load_taxonomy(path)
    assert taxonomy.get("alpha").model == models["alpha"]
    assert taxonomy.get("beta").model == models["beta"]
    assert path.read_text(encoding="utf-8").count("model:") == 2


def test_write_models_refuses_a_layout_it_cannot_edit_safely(tmp_path: Path) -> None:
    # label not the first key: a line edit would give this topic the previous topic's weights
    path = tmp_path / "topics.yaml"
    original = (
        "topics:\n"
        "  - label: alpha\n    name: 甲\n    terms: {甲: 1.0}\n"
        "  - name: 乙\n    label: beta\n    terms: {乙: 1.0}\n"
    )
    path.write_text(original, encoding="utf-8")
    models = {
        "alpha": {"intercept": -4.0, "evidence": 2.5, "sentences": 1.25},
        "beta": {"intercept": -3.0, "evidence": 1.5, "sentences": 0.5},
    }
    with pytest.raises(ValueError, match="beta"):
        calibrate.write_models(path, models)
    assert path.read_text(encoding="utf-8") == original  # nothing half-written


def test_negative_feature_weights_are_rejected_and_extremes_do_not_overflow() -> None:
    from pipeline.tag.scoring import document_score
    from pipeline.tag.taxonomy import TaxonomyError, parse_taxonomy

    topic = {"label": "demo", "name": "演示", "terms": {"演示": 1.0}}
    with pytest.raises(TaxonomyError, match="model.evidence"):
        parse_taxonomy({"topics": [{**topic, "model": {"evidence": -1.0}}]})
    assert document_score({"intercept": -100.0, "evidence": 0.0, "sentences": 0.0}, 1.0, 0) < 1e-40
    assert document_score({"intercept": 100.0, "evidence": 100.0, "sentences": 100.0}, 1e6, 100) == 1.0
