"""The learned document model: the shipped weights, their use in scoring, evidence from words."""

from __future__ import annotations

import json

import pytest

from pipeline.config import Settings
from pipeline.record import Document, Section
from pipeline.redact import redact_document
from pipeline.tag import tag_document, wordmodel
from pipeline.tag.taxonomy import load_taxonomy


def test_shipped_model_matches_the_taxonomy_and_is_sane(settings: Settings) -> None:
    data = json.loads(wordmodel.MODEL_PATH.read_text(encoding="utf-8"))
    labels = {t.label for t in load_taxonomy(settings.tag.topics_file).topics}
    assert set(data["topics"]) <= labels and data["topics"]
    for label, m in data["topics"].items():
        assert 0 < m["threshold"] < 1, label
        assert m["evidence"] > 0 and m["sentences"] >= 0, label  # more evidence never lowers the score
        assert all(wordmodel.usable(w) for w in m["words"]), label
        assert all(wordmodel.usable(w) for w in m.get("window", {})), label
        assert len(m["words"]) <= 4000 and len(m.get("window", {})) <= 4000
        assert m["uses_words"] or not m["words"]
        assert m.get("uses_window", False) or not m.get("window")
        assert m["cv"]["real"] > 0  # fitted on real pages, not only on written texts


def test_vector_is_length_one_and_ignores_digits_and_single_characters() -> None:
    vec = wordmodel.vector(wordmodel.word_counts(["协商", "协商", "还款", "我", "2024", "ok", "还款计划"]))
    assert set(vec) == {"协商", "还款", "ok", "还款计划"}
    assert abs(sum(v * v for v in vec.values()) - 1) < 1e-9
    assert vec["协商"] > vec["还款"]


def test_window_is_the_hit_sentences_and_their_neighbours() -> None:
    assert wordmodel.window_sentences([0, 5], 7) == {0, 1, 4, 5, 6}
    assert wordmodel.window_sentences([], 7) == frozenset()
    tokens = [["今天", "天气"], ["催收", "上门"], ["要求", "出示", "授权书"], ["晚饭", "好吃"], ["明天", "下雨"]]
    bag, picked = wordmodel.window_bag(tokens, [1])
    assert picked == {0, 1, 2}
    assert set(bag.vec) == {"今天", "天气", "催收", "上门", "要求", "出示", "授权书"}
    assert "晚饭" not in bag.counts


def test_window_weights_count_only_the_words_around_the_hits() -> None:
    """The same word moves the score when it sits beside the topic's hits, not elsewhere on the page."""
    model = wordmodel.TopicModel(intercept=-1.0, evidence=1.0, sentences=0.0, threshold=0.5, words={},
                                 window={"冒充": -2.0, "授权书": 2.0})
    tokens = [["催收", "上门"], ["要求", "出示", "授权书"], ["其他"], ["其他"], ["冒充", "客服", "诈骗"]]
    page = wordmodel.Bag.of([t for ts in tokens for t in ts])
    around, window = wordmodel.window_bag(tokens, [0])
    near = model.probability((1.0, 0.0), page, around)
    assert near > model.probability((1.0, 0.0), page) == 0.5  # 授权书 beside the hit pushes up; 冒充 is far away
    weights = model.sentence_weights(tokens, page, around, window)
    assert weights[1] > 0 and weights[4] == 0  # and the evidence points at the sentence that holds it
    far, _ = wordmodel.window_bag(tokens, [4])
    assert model.probability((1.0, 0.0), page, far) < 0.5


def test_word_evidence_names_the_sentence_and_its_words(settings: Settings) -> None:
    """A tag decided partly by words still says which sentences drove it, and by which words."""
    paragraphs = [
        "收到催收电话以后，先别慌。",
        "如果确实还不上，可以主动联系平台客服，如实说明收入下降的情况，申请延期还款或者分期偿还，争取减免部分罚息。",
        "和对方谈妥以后，一定要让对方出具书面的还款协议，按约定的计划按时还款。",
    ]
    doc = Document(path="t", title="网贷逾期了还不上怎么办", sections=[Section(None, paragraphs)])
    redact_document(doc, settings)
    tag_document(doc, settings)
    tag = next(t for t in doc.topics if t.label == "negotiation")
    assert tag.assigned
    assert tag.evidence and all(0 <= e.paragraph < len(paragraphs) for e in tag.evidence)
    assert all(e.sentence in paragraphs[e.paragraph] for e in tag.evidence)
    assert any(e.terms for e in tag.evidence)


def test_no_model_file_means_the_lexicon_model(settings: Settings, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(wordmodel, "MODEL_PATH", tmp_path / "missing.json")
    wordmodel.load.cache_clear()
    try:
        doc = Document(path="t", title="逾期", sections=[Section(None, ["征信记录会保留五年。"])])
        tag_document(doc, settings)
        assert all(t.score == 0 for t in doc.topics)  # no evidence: the lexicon model says 0
    finally:
        wordmodel.load.cache_clear()


def test_thresholds_are_the_ones_the_tagger_assigns_at() -> None:
    """run.json and the report take their thresholds from here; the tagger must agree with them."""
    from pipeline.config import Settings
    from pipeline.record import Document, Section
    from pipeline.tag import tag_document, thresholds

    settings = Settings()
    th = thresholds(settings)
    models = wordmodel.load()
    assert models and th == {label: m.threshold for label, m in models.items()}
    doc = Document(path="x.txt", title="网贷逾期怎么协商还款",
                   sections=[Section(None, ["逾期后可以主动联系平台，说明困难，申请分期或延期还款。"], 0)])
    tag_document(doc, settings)
    assert {t.label: t.threshold for t in doc.topics} == th


def test_sentence_weights_split_each_word_over_its_uses() -> None:
    """A use of a word carries weight x vector value / count; inside the window its window share too."""
    model = wordmodel.TopicModel(intercept=0.0, evidence=0.0, sentences=0.0, threshold=0.5,
                                 words={"协商": 2.0, "app": 1.0}, window={"协商": 4.0})
    tokens = [["协商", "还款"], ["协商", "APP"], ["其他"]]
    page = wordmodel.Bag.of([t for ts in tokens for t in ts])
    around, window = wordmodel.window_bag(tokens, [0])  # the window: sentences 0 and 1
    per_use = 2.0 * page.vec["协商"] / 2
    near = 4.0 * around.vec["协商"] / 2
    weights = model.sentence_weights(tokens, page, around, window)
    assert weights[0] == pytest.approx(per_use + near)
    assert weights[1] == pytest.approx(per_use + near + 1.0 * page.vec["app"])  # APP counts as app
    assert weights[2] == 0
    outside = model.sentence_weights(tokens, page, around, frozenset({0}))
    assert outside[1] == pytest.approx(per_use + page.vec["app"])
    lexicon_only = wordmodel.TopicModel(0.0, 0.0, 0.0, 0.5, {})
    assert lexicon_only.sentence_weights(tokens, page) == [0.0, 0.0, 0.0]
