"""Scoring behaviour: substantive points vs passing mentions, evidence, cues, headings, repeats."""

from __future__ import annotations

from collections import Counter

import pytest

from pipeline.config import Settings
from pipeline.record import Comment, Document, Section
from pipeline.redact import redact_document
from pipeline.tag import tag_batch, tag_document
from pipeline.tag.scoring import (
    document_score,
    document_units,
    looks_like_heading,
    prepare,
    score_sentence,
    score_topic,
    split_sentences,
)
from pipeline.tag.taxonomy import load_taxonomy

IDENTITY = [
    "遇到有人上门,先请对方出示工作证和催收委托书,看清委托方和委托期限。",
    "然后自己拨打官方客服核实,询问这家公司是否确实受平台委托。",
    "对方拒绝出示证件的,可以拒绝沟通并报警。",
]
NEGOTIATION = [
    "可以联系银行申请个性化分期,说明失业等困难,提供困难证明。",
    "争取停息挂账,请求减免罚息和违约金,分36期偿还本金。",
    "达成一致后,要求银行出具书面的还款协议。",
]
PRIVACY = [
    "催收人员不得向与债务无关的第三人泄露借款人的个人信息。",
    "爆通讯录、给亲友群发欠款信息,侵犯了借款人的隐私权。",
    "可以依据《个人信息保护法》投诉,并保留亲友收到的短信作为证据。",
]
FILLER = ["逾期后要尽快还款,避免产生更多费用。", "征信记录会保留五年。"]


def doc_of(paragraphs: list[str], title: str = "逾期了怎么办", comments: list[str] | None = None) -> Document:
    return Document(
        path="t",
        title=title,
        sections=[Section(None, list(paragraphs))],
        comments=[Comment(text=c) for c in comments or []],
    )


def tagged(paragraphs: list[str], settings: Settings, **kw) -> dict:
    doc = doc_of(paragraphs, **kw)
    redact_document(doc, settings)
    tag_document(doc, settings)
    return {t.label: t for t in doc.topics}


@pytest.mark.parametrize(
    ("label", "paragraphs"),
    [("identity_verification", IDENTITY), ("negotiation", NEGOTIATION), ("privacy", PRIVACY)],
)
def test_substantive_point_is_tagged_with_evidence(
    label: str, paragraphs: list[str], settings: Settings
) -> None:
    tags = tagged(FILLER + paragraphs, settings)
    tag = tags[label]
    assert tag.assigned and tag.threshold <= tag.score <= 1.0
    assert tag.evidence
    for e in tag.evidence:
        body = (FILLER + paragraphs)[e.paragraph]
        assert e.sentence in body and e.terms and e.score > 0
        assert all(t in e.sentence for t in e.terms)
    assert {e.paragraph for e in tag.evidence} >= {len(FILLER)}
    others = [
        t
        for name, t in tags.items()
        if name != label and name in {"identity_verification", "negotiation", "privacy"}
    ]
    assert not any(t.assigned for t in others), [(t.label, t.score) for t in others]


@pytest.mark.parametrize(
    ("label", "sentence"),
    [
        ("identity_verification", "协商时需要准备身份证、收入证明和银行流水等材料。"),
        ("negotiation", "总之,逾期后要积极面对,实在困难可以和平台协商。"),
        ("privacy", "逾期前记得在APP里更新个人信息,比如手机号和地址。"),
        pytest.param(
            "identity_verification",
            "上门时对方一般会出示工作证。",
            marks=pytest.mark.xfail(
                strict=True,
                reason="known miss: one strong factual sentence (labelled borderline, w006) scores 0.66 "
                "under the fitted document model, which also has to tag one-sentence `yes` texts",
            ),
        ),
    ],
)
def test_passing_mention_is_not_enough(label: str, sentence: str, settings: Settings) -> None:
    tag = tagged(FILLER + [sentence] + FILLER, settings)[label]
    assert not tag.assigned, tag.score
    assert tag.evidence == []


def test_comments_do_not_count(settings: Settings) -> None:
    tags = tagged(FILLER, settings, comments=IDENTITY + NEGOTIATION + PRIVACY)
    alone = tagged(FILLER, settings)
    assert all(not t.assigned for t in tags.values())
    assert {k: t.score for k, t in tags.items()} == {k: t.score for k, t in alone.items()}


def test_evidence_never_carries_personal_data(settings: Settings) -> None:
    paras = [p.replace("拨打官方客服", "拨打官方客服13812345678") for p in IDENTITY]
    tags = tagged(paras, settings)
    ev = tags["identity_verification"].evidence
    assert ev and not any("13812345678" in e.sentence for e in ev)
    assert any("[电话]" in e.sentence for e in ev)


def _topic(label: str, settings: Settings):
    tax = load_taxonomy(settings.tag.topics_file)
    return tax.get(label), tax


def test_negation_cue_weakens_a_negatable_term(settings: Settings) -> None:
    topic, tax = _topic("privacy", settings)
    plain, _ = score_sentence(topic, "这篇文章讨论隐私。", tax.negation, Counter(), Counter())
    negated, _ = score_sentence(topic, "这篇文章不涉及隐私。", tax.negation, Counter(), Counter())
    assert 0 < negated < plain


def test_dampening_cue_weakens_the_sentence(settings: Settings) -> None:
    topic, tax = _topic("identity_verification", settings)
    alone, _ = score_sentence(topic, "请对方出示证件。", tax.negation)
    listed, _ = score_sentence(topic, "请准备以下材料:身份证、户口本、收入证明,并出示证件。", tax.negation)
    assert listed < alone * 0.5


def test_repeated_evidence_has_diminishing_returns(settings: Settings) -> None:
    one = tagged(["可以申请停息挂账。"], settings)["negotiation"].score
    three = tagged(["可以申请停息挂账。"] * 3, settings)["negotiation"].score
    nine = tagged(["可以申请停息挂账。"] * 9, settings)["negotiation"].score
    assert one < three < nine <= 1.0
    assert (nine - three) < (three - one)


def test_headings_are_weighted_up(settings: Settings) -> None:
    body = ["可以向客服说明情况。", "申请延期还款。"]
    flat = tagged(["处理建议"] + body, settings)["negotiation"].score
    headed = tagged(["协商还款方案"] + body, settings)["negotiation"].score
    assert headed > flat


def test_real_section_headings_count_and_units_keep_paragraph_indices() -> None:
    doc = Document(
        path="t",
        title="标题",
        sections=[
            Section(None, ["导语。"]),
            Section(
                "二、核实身份",
                ["第一段。", "2. 个人信息保护:期间,人员不得泄露或滥用债务人的个人信息,否则将承担法律责任。"],
            ),
        ],
    )
    units = document_units(doc)
    kinds = [(u.kind, u.paragraph) for u in units]
    assert kinds == [
        ("title", None),
        ("paragraph", 0),
        ("heading", None),
        ("paragraph", 1),
        ("inline", 2),
        ("paragraph", 2),
    ]


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("二、核实人员身份", True),
        ("### 支付宝逾期怎么办", True),
        ("1.1 资金周转不灵", True),
        ("逾期后要尽快还款,避免费用。", False),
    ],
)
def test_heading_detection(text: str, heading: bool) -> None:
    assert looks_like_heading(text) is heading


def test_sentence_split() -> None:
    assert split_sentences("第一句。第二句!第三句?“引号。”最后") == [
        "第一句。",
        "第二句!",
        "第三句?",
        "“引号。”",
        "最后",
    ]


def test_tag_batch_skips_terminal_docs(settings: Settings) -> None:
    live, dead = doc_of(NEGOTIATION), doc_of(NEGOTIATION)
    dead.status = "quarantined"
    tag_batch([live, dead], settings)
    assert live.topics and live.keywords
    assert dead.topics == [] and dead.keywords == []


def test_seed_000_identity_and_negotiation(seeds: dict[str, str], settings: Settings) -> None:
    lines = [line.strip().lstrip("#").strip() for line in seeds["000"].splitlines() if line.strip()]
    body = lines[lines.index("支付宝逾期了要上门怎样去应对") + 1 : lines.index("精彩评论")]
    comments = lines[lines.index("精彩评论") + 1 :]
    tags = tagged(body, settings, title="支付宝逾期了要上门如何应对", comments=comments)
    assert tags["identity_verification"].assigned and tags["negotiation"].assigned
    ev = tags["identity_verification"].evidence
    assert any("工作证" in " ".join(e.terms) or "委托书" in " ".join(e.terms) for e in ev)


def test_seed_003_negotiation_but_not_identity(seeds: dict[str, str], settings: Settings) -> None:
    """The ID card in the list of documents to bring is a passing mention, the 协商 process is the point."""
    import re

    import opencc

    # what normalisation does first: Traditional -> Simplified, the "(pinyin)" glosses of the mojibake out
    text = opencc.OpenCC("t2s").convert(seeds["003"])
    text = re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", "", text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    body = lines[lines.index("小编导语") + 2 :]
    tags = tagged(body, settings, title="支付宝逾期可以协商流程")
    assert tags["negotiation"].assigned
    assert not tags["identity_verification"].assigned
    assert not tags["privacy"].assigned  # "更新个人信息" is not about privacy


def test_list_entries_are_not_substantive_sentences(settings: Settings) -> None:
    # the same advice as a short numbered list line and as a sentence of its own paragraph
    taxonomy = load_taxonomy(settings.tag.topics_file)
    topic = taxonomy.get("negotiation")
    listed = doc_of(["1. 先算清欠款总额。", "2. 主动联系银行申请分期和减免罚息。", "3. 保持手机畅通。"])
    prose = doc_of(["如果实在还不上,可以主动联系银行申请分期和减免罚息,说明失业等困难。"])
    res_list = score_topic(topic, prepare(listed), taxonomy.negation, taxonomy.dampen)
    res_prose = score_topic(topic, prepare(prose), taxonomy.negation, taxonomy.dampen)
    assert res_list.total > 0 and res_list.sentences == 0
    assert res_prose.sentences == 1
    assert res_prose.score > res_list.score


def test_document_score_is_monotone_and_zero_without_evidence() -> None:
    model = {"intercept": -5.0, "evidence": 3.0, "sentences": 2.0}
    assert document_score(model, 0.0, 0) == 0.0
    scores = [document_score(model, total, n) for total, n in [(0.5, 0), (2.0, 0), (2.0, 1), (5.0, 1), (5.0, 3)]]
    assert all(0 < s < 1 for s in scores)
    assert scores == sorted(scores) and len(set(scores)) == len(scores)
