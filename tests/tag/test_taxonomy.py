"""The taxonomy is configuration: shipped topics, schema errors, a new topic without code."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.config import Settings
from pipeline.record import Document, Section
from pipeline.tag import tag_document
from pipeline.tag.taxonomy import TaxonomyError, load_taxonomy, parse_taxonomy

SHIPPED = {"identity_verification": "身份核实", "negotiation": "协商", "privacy": "隐私"}


def test_shipped_topics(settings: Settings) -> None:
    tax = load_taxonomy(settings.tag.topics_file)
    names = {t.label: t.name for t in tax.topics}
    for label, name in SHIPPED.items():
        assert names[label] == name
    for t in tax.topics:
        assert t.definition, t.label
        assert 0 < t.threshold < 1
        assert t.terms and t.patterns


def test_every_topic_is_reported_assigned_or_not(settings: Settings) -> None:
    doc = Document(
        path="x", title="余额宝收益", sections=[Section(None, ["余额宝的七日年化收益率在2%左右。"])]
    )
    tag_document(doc, settings)
    tax = load_taxonomy(settings.tag.topics_file)
    assert [t.label for t in doc.topics] == [t.label for t in tax.topics]
    for t in doc.topics:
        assert not t.assigned and t.evidence == [] and 0.0 <= t.score < t.threshold


def _minimal(**topic) -> dict:
    base = {"label": "demo", "name": "演示", "terms": {"演示": 1.0}}
    base.update(topic)
    return {"topics": [base]}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_minimal(label="Bad-Label"), "label"),
        (_minimal(threshold=1.5), "threshold"),
        (_minimal(colour="red"), "unknown keys"),
        (_minimal(patterns=[{"pattern": "(未闭合", "weight": 1}]), "bad regular expression"),
        (_minimal(terms={}, patterns=[]), "needs terms or patterns"),
        (_minimal(name=""), "name"),
        ({"topics": []}, "non-empty"),
        ({"defaults": {"paragraph_cap": "big"}, "topics": _minimal()["topics"]}, "paragraph_cap"),
        (_minimal(model={"intercept": -1, "slope": 2}), "model"),
        ({"defaults": {"model": {"evidence": "x"}}, "topics": _minimal()["topics"]}, "model.evidence"),
    ],
)
def test_schema_errors_name_the_problem(data: dict, message: str) -> None:
    with pytest.raises(TaxonomyError, match=message):
        parse_taxonomy(data, "t.yaml")


def test_duplicate_labels_are_refused() -> None:
    t = _minimal()["topics"][0]
    with pytest.raises(TaxonomyError, match="duplicate"):
        parse_taxonomy({"topics": [t, dict(t)]}, "t.yaml")


def test_a_new_topic_needs_only_configuration(tmp_path: Path, settings: Settings) -> None:
    data = yaml.safe_load(Path(settings.tag.topics_file).read_text(encoding="utf-8"))
    data["topics"].append(
        {
            "label": "lawsuit",
            "name": "起诉",
            "definition": "Being sued over a debt: summons, court, enforcement.",
            "threshold": 0.5,
            "terms": {"起诉": 1.0, "传票": 1.5, "强制执行": 1.5},
            "patterns": [{"pattern": "(法院|平台).{0,6}(起诉|立案)", "weight": 1.5}],
        }
    )
    path = tmp_path / "topics.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    settings.tag.topics_file = str(path)
    doc = Document(
        path="x",
        title="网贷逾期被起诉怎么办",
        sections=[
            Section(
                None,
                [
                    "平台向法院起诉后,法院会送达传票,收到传票要按时出庭。",
                    "判决生效后拒不履行的,会被强制执行,银行卡可能被冻结。",
                ],
            )
        ],
    )
    tag_document(doc, settings)
    tag = next(t for t in doc.topics if t.label == "lawsuit")
    assert tag.name == "起诉" and tag.assigned
    assert {e.paragraph for e in tag.evidence} == {0, 1}
    assert len(doc.topics) == len(data["topics"])


def test_taxonomy_is_cached_until_the_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(yaml.safe_dump(_minimal(), allow_unicode=True), encoding="utf-8")
    first = load_taxonomy(path)
    assert load_taxonomy(path) is first
    data = _minimal(threshold=0.3)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    import os

    st = path.stat()
    os.utime(path, (st.st_atime, st.st_mtime + 5))
    second = load_taxonomy(path)
    assert second is not first and second.topics[0].threshold == 0.3


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError, match="not found"):
        load_taxonomy(tmp_path / "nope.yaml")
