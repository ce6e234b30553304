"""The whole stage: on the real seed scrapes (raw lines as paragraphs) and on Document records."""

from __future__ import annotations

import re

import opencc
import pytest

from pipeline.normalize import normalize_batch, normalize_document, normalize_text, normalize_texts
from pipeline.normalize._resources import rare_re
from pipeline.normalize.pinyin import ANNOTATION_RE, LOST_RE
from pipeline.record import Comment, Document, Section

# Full-width punctuation back to ASCII: "unchanged apart from width" compares modulo this.
_FOLD = str.maketrans("，；：！？（）", ",;:!?()")


@pytest.fixture(scope="module")
def t2s() -> opencc.OpenCC:
    """OpenCC's stock t2s (with every dictionary): the judge of "fully Simplified"."""
    return opencc.OpenCC("t2s")


@pytest.fixture(scope="module")
def seed003(seeds: dict[str, str], settings_module) -> tuple[list[str], list[str], str, dict]:
    lines = seeds["003"].split("\n")
    out, script, changes = normalize_texts(lines, settings_module)
    return lines, out, script, changes


@pytest.fixture(scope="module")
def settings_module():
    from pipeline.config import Settings

    return Settings()


def test_seed003_is_fully_simplified(seed003, t2s) -> None:
    _, out, script, _ = seed003
    text = "\n".join(out)
    assert script == "zh-Hant"
    assert t2s.convert(text) == text


def test_seed003_has_no_pinyin_left(seed003) -> None:
    _, out, _, _ = seed003
    text = "\n".join(out)
    assert not ANNOTATION_RE.search(text)
    assert not LOST_RE.search(text)
    assert not re.search(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]", text)


def test_seed003_has_no_unflagged_question_mark_or_mojibake(seed003) -> None:
    _, out, _, changes = seed003
    text = "\n".join(out)
    # Every '?' left is a placeholder (□, counted) or a real question mark (？ after Han).
    assert "?" not in text
    assert "\ufffd" not in text
    assert text.count("□") == changes["placeholder"]
    # The three GBK runs are repaired, not cut.
    assert changes["mojibake_fixed"] == 3
    assert not changes["mojibake_removed"]
    assert "人们日常生活中不可或缺的一部分。" in text
    assert "可能因为突发的资金需求" in text
    assert "经济状况等。客服人员会根据" in text
    assert not rare_re().search(text)
    assert "中国最大的电子支付平台" in text
    assert "严重影响个人信用分数。信用分数下降" in text  # split 數: debris dropped, not □


def test_seed003_regional_phrases(seed003) -> None:
    _, out, _, _ = seed003
    text = "\n".join(out)
    # 訊息/資訊-type Taiwan phrases go through tw2sp; the first line reads as Simplified Chinese.
    assert out[0] == "您好！欢迎访问逾期频道！"
    assert "支付宝逾期可以协商流程" in text


def test_seed000_unchanged_apart_from_width_and_whitespace(seeds, settings_module) -> None:
    lines = seeds["000"].split("\n")
    out, script, changes = normalize_texts(lines, settings_module)
    assert script == "zh-Hans"
    assert len(out) == len(lines)
    for before, after in zip(lines, out, strict=True):
        assert re.sub(r"\s", "", after.translate(_FOLD)) == re.sub(r"\s", "", before)
    assert set(changes) <= {"punctuation", "space", "gap", "width", "space_folded", "invisible"}


def test_simplified_text_is_a_no_op(seeds, settings_module) -> None:
    """Clean Simplified text (the normalised 000 seed) passes through unchanged and unreported (the spaces
    it keeps between Han characters are counted again as ``gap``: a finding, not a change)."""
    once, _, first = normalize_texts(seeds["000"].split("\n"), settings_module)
    twice, script, changes = normalize_texts(once, settings_module)
    assert twice == once
    assert script == "zh-Hans"
    assert changes["gap"] == first["gap"]
    del changes["gap"]
    assert not +changes


def test_idempotent_on_traditional_seed(seed003, settings_module) -> None:
    _, out, _, _ = seed003
    again, script, changes = normalize_texts(out, settings_module)
    assert again == out
    assert script == "zh-Hans"
    assert not changes["traditional_chars"]


def test_whole_stage_order() -> None:
    # pinyin out before the converter; '?' restored before it could become '？'. Characters are
    # converted, words kept (軟體 -> 软体, not 软件: the phrase converter is an explicit setting).
    assert normalize_text("協(xié)商軟(ruǎn)體")[0] == "协商软体"
    assert normalize_text("中?guó)的問(wèn)題?")[0] == "中国的问题？"
    assert normalize_text("我们使用文件和使用者")[0] == "我们使用文件和使用者"


def _doc(title: str, paragraphs: list[str], comments: list[str] = ()) -> Document:
    return Document(
        path="x.txt",
        title=title,
        sections=[Section(heading="小編導語", paragraphs=list(paragraphs))],
        comments=[Comment(text=c) for c in comments],
    )


def test_document_fields_flags_and_counts(settings) -> None:
    doc = _doc(
        "支付寶逾期可以協(xié)商流程",
        ["嚴重影響個人信用分?jǐn)?shù)。", "正文\ue000\ue001\ue002结束", "打 说要上门，怎么办", "好?ǎ)坏"],
        ["問(wèn)題是什麼?"],
    )
    normalize_document(doc, settings)
    assert doc.title == "支付宝逾期可以协商流程"
    assert doc.sections[0].heading == "小编导语"
    assert doc.sections[0].paragraphs == ["严重影响个人信用分数。", "正文结束", "打 说要上门，怎么办", "好□坏"]
    assert doc.comments[0].text == "问题是什么？"
    assert doc.original_script == "mixed"  # 说/门/结束 are Simplified paragraphs
    assert set(doc.flags) == {"lost_characters", "mojibake", "gap"}
    assert doc.normalize_changes["placeholder"] == 1
    assert doc.normalize_changes["split_debris"] == 1
    assert doc.normalize_changes["restored"] == 1
    assert doc.normalize_changes["mojibake_removed_chars"] == 3
    assert doc.normalize_changes["gap"] == 1


def test_mixed_page(settings) -> None:
    doc = _doc("标题", ["这是简体段落，讨论文件管理。", "這是繁體段落，討論軟體。"])
    normalize_document(doc, settings)
    assert doc.original_script == "mixed"
    # Simplified paragraph untouched (no 文件 -> 文档); the Traditional one converted character by character.
    assert doc.sections[0].paragraphs == ["这是简体段落，讨论文件管理。", "这是繁体段落，讨论软体。"]


def test_accounts_are_written_with_the_account_zhang() -> None:
    """OpenCC writes every 帳 as 帐; accounts are 账 in Simplified (the tagger's words are too), tents 帐."""
    out, _ = normalize_text("請查看帳單並按時還款，帳戶、轉帳、記帳，還有蚊帳和帳篷。")
    assert out == "请查看账单并按时还款，账户、转账、记账，还有蚊帐和帐篷。"
    assert normalize_text("蚊帐和帐户")[0] == "蚊帐和帐户"  # Simplified text is never converted
    assert normalize_text("芙蓉帳暖度春宵")[0] == "芙蓉帐暖度春宵"  # no account's word: a curtain
    assert normalize_text("他在帐中坐着，查看帳本")[0] == "他在帐中坐着，查看账本"  # the source's own 帐 stays


def test_other_script_and_empty(settings) -> None:
    doc = _doc("Title", ["Only English here."])
    doc.sections[0].heading = None
    normalize_document(doc, settings)
    assert doc.original_script == "other"
    empty = Document(path="e.txt")
    normalize_document(empty, settings)
    assert empty.original_script == "other"


def test_words_kept_by_default_phrase_conversion_by_setting(settings) -> None:
    doc = _doc("軟體資料", [])
    normalize_document(doc, settings)
    assert doc.title == "软体资料"  # character level: the words stay (no 资料 -> 数据)
    settings.normalize.regional_config = "tw2sp"
    doc = _doc("軟體", [])
    normalize_document(doc, settings)
    assert doc.title == "软件"  # Taiwan phrases, when an operator asks for them


def test_batch_skips_terminal_documents(settings) -> None:
    done = _doc("軟體", [])
    done.status = "duplicate"
    pending = _doc("軟體", [])
    out = normalize_batch([done, pending], settings)
    assert out == [done, pending]
    assert done.title == "軟體"
    assert pending.title == "软体"


def test_newlines_inside_a_unit_are_folded(settings) -> None:
    doc = _doc("标题", ["第一行\n第二行 English\nline"])
    normalize_document(doc, settings)
    assert doc.sections[0].paragraphs == ["第一行第二行 English line"]


def test_batch_equals_per_document(seeds, settings) -> None:
    """The batched OpenCC pass gives exactly what document-by-document normalisation gives."""
    lines = seeds["003"].split("\n") + seeds["000"].split("\n")
    docs_a = [_doc(line[:10], [line, "這是繁體，文件。", "这是简体，文件。"]) for line in lines if line]
    docs_b = [_doc(line[:10], [line, "這是繁體，文件。", "这是简体，文件。"]) for line in lines if line]
    normalize_batch(docs_a, settings)
    for d in docs_b:
        normalize_document(d, settings)
    assert [(d.title, d.paragraphs, d.original_script, d.flags) for d in docs_a] == [
        (d.title, d.paragraphs, d.original_script, d.flags) for d in docs_b
    ]


def test_batch_quarantines_only_the_failing_document(settings, monkeypatch) -> None:
    import pipeline.normalize as stage

    real = stage.fix_pinyin

    def boom(text: str):
        if "炸" in text:
            raise ValueError("boom")
        return real(text)

    monkeypatch.setattr(stage, "fix_pinyin", boom)
    bad = _doc("炸(zhà)", [])
    good = _doc("協(xié)商", [])
    normalize_batch([bad, good], settings)
    assert bad.status == "quarantined" and "normalize" in bad.reason
    assert good.status == "pending" and good.title == "协商"


def test_metadata_and_commenters_come_out_simplified(settings) -> None:
    from pipeline.normalize import normalize_batch
    from pipeline.record import Comment, Document, Section

    doc = Document(path="x.html", media_type="html")
    doc.title = "支付寶逾期協商"
    doc.author, doc.source_name, doc.site_name = "陳思遠", "臺新理財網", "臺新理財網"
    doc.sections = [Section(None, ["逾期還款會影響個人信用記錄。"])]
    doc.comments = [Comment("這篇很有用。", author="黃志明", role="律師")]
    normalize_batch([doc], settings)
    assert (doc.author, doc.source_name, doc.site_name) == ("陈思远", "台新理财网", "台新理财网")
    assert (doc.comments[0].author, doc.comments[0].role) == ("黄志明", "律师")
    assert doc.title == "支付宝逾期协商"


def test_a_text_that_was_mostly_unrepairable_garbage_is_quarantined(settings) -> None:
    """Big5 bytes read as GBK with replacement: the garbage goes, and the fragments left are no article."""
    clean = ["很多持卡人在信用卡逾期以後，會收到銀行的律師函，甚至被銀行起訴到法院。這時候應該怎麼辦呢？"] * 3
    garbage = [p.encode("big5").decode("gbk", errors="replace") for p in clean]
    doc = _doc("信用卡逾期", garbage)
    normalize_batch([doc], settings)
    assert doc.status == "quarantined" and doc.reason.startswith("garbled: ")
    # one garbled paragraph among clean ones: the article stays, flagged
    doc = _doc("信用卡逾期", [*clean, garbage[0]])
    normalize_batch([doc], settings)
    assert doc.status == "pending" and "mojibake" in doc.flags


def test_no_replacement_character_is_left_in_the_text(settings) -> None:
    """UTF-8 read as GBK with replacement, inside a clean page: what no repair places becomes □, flagged."""
    para = "首先要确认银行主张的欠款金额是否正确，包括本金、利息、违约金和滞纳金。如果利息过高，可以向法院提出调整。"
    garbled = para.encode("utf-8").decode("gbk", errors="replace")
    assert "\ufffd" in garbled
    doc = _doc("信用卡逾期", ["很多持卡人在信用卡逾期以后，会收到银行的律师函。", garbled, "总之要积极面对。"])
    normalize_batch([doc], settings)
    assert all("\ufffd" not in p for s in doc.sections for p in s.paragraphs)


def test_garbage_in_the_comments_never_quarantines_a_clean_body(settings) -> None:
    body = ["很多持卡人在信用卡逾期以后，会收到银行的律师函，甚至被银行起诉到法院。这时候应该怎么办呢？"] * 2
    lost = ("催收人员上门了怎么办，不要慌张，先核实对方身份。" * 6).encode("utf-8").decode("cp1252", errors="replace")
    doc = _doc("信用卡逾期", body, comments=[lost])
    normalize_batch([doc], settings)
    assert doc.status == "pending"


def test_new_forms_reach_the_whole_stage() -> None:
    """The stage skips steps a text gives no trigger for: a number's full-width signs and square-bracket
    pinyin must trigger them (the steps alone were right, the stage never called them)."""
    assert normalize_text("每期还款1375．50元，大约是18．2％")[0] == "每期还款1375.50元，大约是18.2%"
    assert normalize_text("要主动协[xié]商还款")[0] == "要主动协商还款"
