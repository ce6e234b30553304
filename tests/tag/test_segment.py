"""Segmentation: one private tokenizer with the domain dictionary; keywords from its tokens."""

from __future__ import annotations

import pytest

from pipeline.config import Settings
from pipeline.record import Document, Section
from pipeline.tag import document_tokens, segment, tag_document
from pipeline.tag.keywords import top_keywords


@pytest.mark.parametrize(
    "term",
    [
        "花呗",
        "借呗",
        "支付宝",
        "催收",
        "上门核实",
        "委托书",
        "停息挂账",
        "个性化分期",
        "爆通讯录",
        "个人信息保护法",
    ],
)
def test_domain_terms_stay_whole(term: str) -> None:
    tokens = segment.cut(f"关于{term}的问题,很多人不了解{term}。")
    assert tokens.count(term) == 2, tokens


def test_tokenizer_is_built_once_and_private() -> None:
    import jieba

    a = segment.tokenizer()
    b = segment.tokenizer()
    assert a is b
    assert a is not jieba.dt  # the global default tokenizer is left alone
    assert segment.backend() in {"jieba", "jieba_fast"}


def test_userdict_is_in_the_package() -> None:
    words = {
        line.split()[0] for line in segment.USERDICT.read_text(encoding="utf-8").splitlines() if line.strip()
    }
    assert {"花呗", "停息挂账", "个性化分期", "爆通讯录", "个人信息保护法", "委托书"} <= words


def test_placeholders_are_not_tokens() -> None:
    tokens = segment.cut("电话[电话],邮箱[邮箱],微信:[微信]")
    assert tokens.count("电话") == 1 and tokens.count("邮箱") == 1 and tokens.count("微信") == 1
    assert "[" not in tokens


def test_keywords_rank_the_article_subject_not_the_genre(settings: Settings) -> None:
    paras = [
        "停息挂账是持卡人与银行协商停止计息、分期偿还本金的安排。",
        "申请停息挂账需要提供困难证明,银行审核后签订个性化分期协议。",
        "停息挂账最长可以分60期,期间按协议还款。",
        "信用卡逾期后,要尽快还款。",
    ]
    doc = Document(path="x", title="信用卡停息挂账怎么申请", sections=[Section(None, paras)])
    tag_document(doc, settings)
    words = [w for w, _ in doc.keywords]
    assert words[0] == "停息挂账"
    assert len(doc.keywords) <= settings.tag.top_keywords
    weights = [w for _, w in doc.keywords]
    assert weights == sorted(weights, reverse=True) and all(w > 0 for w in weights)
    assert not any(w in {"我们", "可以", "需要"} for w in words)


def test_top_n_is_respected() -> None:
    tokens = segment.cut("花呗 借呗 网贷 信用卡 停息挂账 个性化分期 爆通讯录 委托书 工作证 催收")
    assert len(top_keywords(tokens, 3)) == 3
    assert top_keywords(tokens, 0) == []
    assert top_keywords([], 5) == []


def test_document_tokens_cover_title_and_body_but_not_comments() -> None:
    from pipeline.record import Comment

    doc = Document(
        path="x",
        title="花呗逾期",
        sections=[Section("协商还款", ["停息挂账的申请方法。"])],
        comments=[Comment(text="爆通讯录太可怕了")],
    )
    tokens = document_tokens(doc)
    assert {"花呗", "协商", "停息挂账"} <= set(tokens) or {"花呗", "协商还款", "停息挂账"} <= set(tokens)
    assert "爆通讯录" not in tokens


def test_words_fast_path_equals_jieba_precise_mode(seeds: dict[str, str]) -> None:
    import json
    from pathlib import Path

    gold = Path(__file__).resolve().parents[1] / "data" / "tagging" / "gold.jsonl"
    texts = list(seeds.values()) + [
        json.loads(line)["text"] for line in gold.read_text(encoding="utf-8").splitlines()[:40]
    ]
    texts.append("打开APP和QQ,iPhone 15 Pro售价5999元,花呗分3期,A股+港股 100%")
    tok = segment.tokenizer()
    for text in texts:
        expected = [t for t in tok.lcut(text, HMM=False) if segment.is_word(t)]
        assert segment.words(text) == expected
