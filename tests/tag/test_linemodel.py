"""The line model: fitted with scikit-learn, read without it, the same probabilities either way."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.record import Document, Section
from pipeline.tag import learn_lines, linemodel, scoring, wordmodel
from pipeline.tag.taxonomy import load_taxonomy

ADVICE = ["遇到催收上门，要求对方出示工作证和委托书，核实身份后再沟通。",
          "可以拨打平台官方客服电话，核实来人是否真的是平台委托的机构。",
          "不要轻信自称律师的来电，先到律所官网查询执业证号核实身份。"]
OTHER = ["很多人逾期以后都会接到催收电话。", "冒充客服的电话最近很多。", "信用卡逾期会影响征信记录。",
         "催收人员说要上门拜访。", "网贷逾期以后利息越来越高。", "银行会先发短信提醒还款。"]


def _lines() -> list[learn_lines.Line]:
    from pipeline.tag import segment

    out = []
    for i, text in enumerate(ADVICE * 3 + OTHER * 3):
        advice = frozenset({"identity_verification"}) if text in ADVICE else frozenset()
        out.append(learn_lines.Line(f"p{i % 7}", f"site:{i % 5}", linemodel.line_counts(segment.words(text)), advice))
    return out


def test_the_pipeline_reads_the_fitted_model_as_scikit_learn_does() -> None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    lines = _lines()
    idf = learn_lines.idf_of(lines)
    # the idf and the vectors are scikit-learn's TfidfVectorizer(sublinear_tf=True, min_df=2)
    docs = [list(line.counts.elements()) for line in lines]
    ref = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, min_df=2).fit(docs)
    assert idf == pytest.approx(dict(zip(ref.get_feature_names_out(), ref.idf_, strict=True)))
    want = ref.transform([docs[0]]).toarray()[0]
    got = linemodel.tfidf(lines[0].counts, idf)
    assert got == pytest.approx({w: want[i] for w, i in ref.vocabulary_.items() if want[i]})
    # the probabilities are the regression's, within the rounding of the stored weights
    model = learn_lines.fit_line_model(lines, "identity_verification", idf)
    vec = DictVectorizer()
    x = vec.fit_transform([linemodel.tfidf(line.counts, idf) for line in lines])
    m = LogisticRegression(C=learn_lines.LINE_C, class_weight="balanced", max_iter=3000).fit(
        x, ["identity_verification" in line.advice for line in lines])
    for line, p in zip(lines, m.predict_proba(x)[:, 1], strict=True):
        assert model.probability(line.counts) == pytest.approx(p, abs=2e-3)
    # advice lines score above the others, and the best line of a page is its advice
    page = [lines[len(ADVICE) * 3].counts, lines[1].counts, lines[-1].counts]
    assert model.best(page)[1] == 1
    assert model.best([]) == (model.probability(Counter()), -1)


def test_feature_is_a_clipped_log_odds() -> None:
    assert linemodel.feature(0.5) == 0.0
    assert linemodel.feature(1.0) == pytest.approx(-linemodel.feature(0.0)) and linemodel.feature(1.0) < 9.3


def test_a_model_file_with_line_blocks_is_read_and_scored(tmp_path: Path, monkeypatch) -> None:
    """The stored form ``learn --lines --write`` writes: the best line moves the score and is evidence."""
    lines = _lines()
    idf = learn_lines.idf_of(lines)
    line = learn_lines.fit_line_model(lines, "identity_verification", idf)
    data = {"line_idf": idf, "topics": {"identity_verification": {
        "intercept": -1.0, "evidence": 0.1, "sentences": 0.0, "threshold": 0.5, "words": {},
        "line": {"intercept": line.intercept, "weights": line.weights}, "line_weight": 1.5}}}
    path = tmp_path / "wordmodel.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    models = wordmodel.load.__wrapped__(str(path))
    learned = models["identity_verification"]
    assert learned.line is not None and learned.line_weight == 1.5 and learned.line.idf == idf
    monkeypatch.setattr(wordmodel, "load", lambda path=None: models)

    taxonomy = load_taxonomy(Settings().tag.topics_file)
    doc = Document(path="x.txt", title="催收上门怎么办",
                   sections=[Section(None, [OTHER[0], ADVICE[0], OTHER[2]], 0)])
    prepared = scoring.prepare(doc)
    from pipeline.tag import segment

    tokens = [segment.words(s) for _a, _b, s in prepared.spans]
    tag = next(t for t in scoring.score_document(doc, taxonomy, prepared, tokens) if t.label == "identity_verification")
    best_p = line.best(linemodel.page_lines(scoring.unit_lines(prepared.units), prepared.ranges, tokens))[0]
    assert best_p > 0.5
    assert tag.assigned and any(e.sentence == ADVICE[0] for e in tag.evidence)


def test_unit_lines_keep_a_labelled_paragraph_together() -> None:
    doc = Document(path="x.txt", title="标题", sections=[Section("一、核实身份", ["2. 个人信息保护：催收方在催收期间不得向无关第三人泄露借款人的个人信息，否则要承担法律责任。", "正文。"], 2)])
    units = scoring.document_units(doc)
    grouped = scoring.unit_lines(units)
    assert [[units[i].kind for i in g] for g in grouped] == [["title"], ["heading"], ["inline", "paragraph"], ["paragraph"]]
