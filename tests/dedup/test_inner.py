"""Repeated blocks inside one article (pipeline.dedup.inner)."""

from __future__ import annotations

import pytest

from pipeline import dedup
from pipeline.dedup.inner import drop_repeats, line_key
from pipeline.record import Document, Section

P1 = "在面对支付宝人员上门时，首先要保持冷静，不要表现出慌乱和激动的情绪。"
P2 = "必须先核实对方的身份，要求出示工作证件或其他官方授权文件。"
P3 = "如果确实存在逾期，应主动与平台协商还款计划，避免产生更多的罚息。"


def test_line_key_ignores_numbering_space_and_punctuation():
    assert line_key("二、核实人员身份") == line_key("2. 核实人员身份") == line_key("（二）核实 人员身份！")
    assert line_key("1.1 资金周转不灵") == line_key("资金周转不灵")
    assert line_key("#### 三、冷静应对") == line_key("冷静应对")
    assert line_key("2024年的新规") == "2024年的新规"  # a year is not numbering


def test_title_repeated_as_first_paragraphs_is_dropped(dd):
    doc = dd.make_doc("a", ["支付宝逾期了要上门如何应对", "支付宝逾期了要上门如何应对！", P1, P2], title="支付宝逾期了要上门如何应对")
    assert drop_repeats(doc) == 2
    assert doc.paragraphs == [P1, P2]
    assert doc.removed["repeat"] == {"count": 2, "chars": 13 + 14}


def test_block_pasted_twice_keeps_first_occurrence_and_order(dd):
    doc = dd.make_doc("a", [P1, P2, P3, P1, P2 + " ", P3.replace("，", ",")])
    drop_repeats(doc)
    assert doc.paragraphs == [P1, P2, P3]


def test_short_lines_repeated_apart_are_kept_but_immediate_repeats_go(dd):
    doc = dd.make_doc("a", [P1, "图片", P2, "图片", P3, P3])
    drop_repeats(doc)
    assert doc.paragraphs == [P1, "图片", P2, "图片", P3]


def test_an_item_two_lists_share_stays_in_both_but_a_list_pasted_twice_goes(dd):
    """Rule 3 drops a repeat; a short list item alone among items of its own is a shared item, not a paste."""
    split = ["申请分期需要准备：", "1. 身份证原件及复印件", "2. 近半年的收入证明", "申请停息挂账需要准备：",
             "1. 身份证原件及复印件", "2. 失业或疾病的困难证明"]
    doc = dd.make_doc("a", split)
    assert drop_repeats(doc) == 0 and doc.paragraphs == split
    pasted = [P1, "1. 身份证原件及复印件", "2. 近半年的收入证明", P2, "1. 身份证原件及复印件", "2. 近半年的收入证明"]
    doc = dd.make_doc("b", pasted)
    assert drop_repeats(doc) == 2 and doc.paragraphs == pasted[:4]
    # unnumbered, or a long item: a repeat as before
    doc = dd.make_doc("c", ["身份证原件及复印件", P1, "身份证原件及复印件", P2])
    assert drop_repeats(doc) == 1
    doc = dd.make_doc("d", [f"1. {P1}", P2, f"1. {P1}", P3])
    assert drop_repeats(doc) == 1


def test_table_of_contents_repeating_the_headings_is_dropped():
    doc = Document(
        path="a",
        title="支付宝逾期怎么办",
        sections=[
            Section(None, ["目录", "一、保持冷静", "二、核实身份", "三、协商还款", P1]),
            Section("一、保持冷静", [P1 + "这一点非常重要。"]),
            Section("二、核实身份", [P2]),
            Section("三、协商还款", [P3]),
        ],
    )
    drop_repeats(doc)
    assert [s.heading for s in doc.sections] == [None, "一、保持冷静", "二、核实身份", "三、协商还款"]
    # "目录" stays (short label), the heading list goes, P1 is contained in the longer paragraph below
    assert doc.sections[0].paragraphs == ["目录"]
    assert doc.sections[1].paragraphs == [P1 + "这一点非常重要。"]


def test_one_line_heading_list_and_heading_only_list_sections():
    doc = Document(
        path="a",
        title="t",
        sections=[
            Section(None, ["本文目录：1.保持冷静 2.核实身份 3.协商还款"]),
            Section("保持冷静", []),
            Section("核实身份", []),
            Section("一、保持冷静", [P1]),
            Section("二、核实身份", [P2]),
            Section("三、协商还款", [P3]),
        ],
    )
    drop_repeats(doc)
    assert [s.heading for s in doc.sections] == ["一、保持冷静", "二、核实身份", "三、协商还款"]
    assert doc.paragraphs == [P1, P2, P3]


def test_repeated_section_loses_heading_and_paragraphs():
    doc = Document(
        path="a",
        title="t",
        sections=[Section("一、保持冷静", [P1, P2]), Section("二、协商", [P3]), Section("一、保持冷静", [P1, P2])],
    )
    drop_repeats(doc)
    assert [(s.heading, s.paragraphs) for s in doc.sections] == [("一、保持冷静", [P1, P2]), ("二、协商", [P3])]


def test_teaser_before_full_paragraph_keeps_the_full_one(dd):
    teaser = P1[:-1] + "..."
    doc = dd.make_doc("a", [teaser, P2, P1 + P3])
    drop_repeats(doc)
    assert doc.paragraphs == [P2, P1 + P3]


@pytest.mark.parametrize("label", ["摘要：", "导读 ", "核心提示："])
def test_a_labelled_teaser_goes_too_and_a_labelled_abstract_of_its_own_stays(dd, label):
    doc = dd.make_doc("a", [label + P1[:30] + "...", P2, P1 + P3])
    drop_repeats(doc)
    assert doc.paragraphs == [P2, P1 + P3]
    doc = dd.make_doc("a", [label + P1, P2, P1, P3])  # the whole first paragraph under the label: the label's copy goes
    drop_repeats(doc)
    assert doc.paragraphs == [P2, P1, P3]
    abstract = label + "本文介绍逾期以后如何与平台协商还款，以及遇到暴力催收时怎样保护自己的合法权益。"
    doc = dd.make_doc("a", [abstract, P2, P1 + P3])
    drop_repeats(doc)
    assert doc.paragraphs == [abstract, P2, P1 + P3]


def test_lines_inside_a_paragraph(dd):
    doc = dd.make_doc("a", [P1 + "\n" + P2 + "\n" + P1, P3])
    drop_repeats(doc)
    assert doc.paragraphs == [P1 + "\n" + P2, P3]


def test_real_seed_caption_repeats(dd, seeds, settings):
    lines = [ln.strip() for ln in seeds["000"].splitlines() if ln.strip()]
    doc = dd.make_doc("000.txt", lines[4:], title=lines[3])
    before = doc.text
    dedup.prepare_document(doc, settings)
    assert doc.removed["repeat"]["count"] >= 2
    assert "支付宝逾期了要上门如何应对" not in doc.paragraphs
    # nothing else changed: what is left is the original in the original order
    it = iter(before.split("\n"))
    assert all(any(line == b for b in it) for line in doc.text.split("\n"))


def test_distinct_paragraphs_untouched(dd, zh003):
    doc = dd.make_doc("003.txt", zh003, title="支付宝逾期可以协商流程")
    keep = list(doc.paragraphs)
    drop_repeats(doc)
    assert doc.paragraphs == keep


def test_dropped_repeats_are_shown_in_the_blocks():
    from pipeline.record import Block

    doc = Document(
        path="a",
        title="支付宝逾期了要上门如何应对",
        sections=[Section(None, ["支付宝逾期了要上门如何应对", P1, P2, P1])],
        blocks=[
            Block("支付宝逾期了要上门如何应对", "title", True),
            Block("支付宝逾期了要上门如何应对", "paragraph", True),
            Block(P1, "paragraph", True),
            Block("责任编辑：某某", "footer", False),
            Block(P2, "paragraph", True),
            Block(P1, "paragraph", True),
        ],
    )
    drop_repeats(doc)
    assert [(b.kind, b.kept) for b in doc.blocks] == [
        ("title", True), ("repeat", False), ("paragraph", True), ("footer", False), ("paragraph", True), ("repeat", False),
    ]
