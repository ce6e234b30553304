"""The gate after extraction: too short, too long, or not Chinese (Latin, Hangul, Japanese kana)."""

from __future__ import annotations

import pytest

from pipeline.config import Settings
from pipeline.extract import check_body
from pipeline.record import Document, Section

CHINESE = "支付宝逾期了要上门如何应对？在面对催收人员上门时，首先要保持冷静，要求对方出示工作证和委托书。"


def gate(text: str) -> Document:
    doc = Document(path="x.txt", media_type="text", raw=text, sections=[Section(heading=None, paragraphs=[text])])
    check_body(doc, Settings())
    return doc


def test_chinese_passes() -> None:
    assert gate(CHINESE * 2).status != "quarantined"


def test_a_borrowed_kana_or_middle_dot_does_not_make_a_page_japanese() -> None:
    assert gate(CHINESE * 2 + "新开的の小店，老板迈克尔・乔丹说：欢迎光临。").status != "quarantined"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("借金の返済が遅れたら、まず担当者に連絡して、分割払いの相談をしてください。" * 3, "not Chinese: Japanese"),
        ("대출 연체가 되면 먼저 담당자에게 연락하여 분할 상환을 상담하십시오. 감사합니다." * 3, "not Chinese: 0% of the letters"),
        ("An English page about loans and repayment plans, nothing else. " * 3, "not Chinese: 0% of the letters"),
        ("1234567890 " * 10, "not Chinese: the extracted text has no letters"),
    ],
)
def test_other_languages_are_not_chinese(text: str, reason: str) -> None:
    doc = gate(text)
    assert doc.status == "quarantined"
    assert doc.reason.startswith(reason), doc.reason


def test_a_keyword_stuffed_title_is_cut() -> None:
    from pipeline.extract import extract_document

    html = f"<html><head><title>{'网贷逾期怎么办' * 5000}</title></head><body><p>{CHINESE * 3}</p></body></html>"
    doc = Document(path="t.html", media_type="html", raw=html)
    extract_document(doc, Settings())
    assert doc.title is not None and len(doc.title) == 200 and doc.title.endswith("…")
