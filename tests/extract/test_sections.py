"""Heading detection (levels and traps) and section building."""

from __future__ import annotations

import pytest

from pipeline.extract.sections import build_sections, heading_key, heading_level, strip_heading_marker
from pipeline.record import Block


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("一、保持冷静理性应对", 1),
        ("十二、附则", 1),
        ("六、预防风险,养成习惯", 1),  # one comma is fine in a heading
        ("（一）基本情况", 2),
        ("(二) 主要做法", 2),
        ("1.1 资金周转不灵", 2),
        ("1.1.1资金来源", 3),
        ("1. 核实身份", 3),
        ("2、查看证明", 3),
        ("（1）准备材料", 4),
        ("1) 准备材料", 4),
        ("① 准备材料", 4),
        ("第一章 总则", 1),
        ("第二节 适用范围", 2),
        ("第三部分", 1),
        ("### 小标题", 3),
        ("#### 二、核实人员身份", 4),  # the explicit markdown depth wins
        ("# 标题 #", 1),
        ("三、逾期后如何处理？", 1),  # a question is a heading
    ],
)
def test_heading_levels(line: str, level: int) -> None:
    assert heading_level(line) == level


@pytest.mark.parametrize(
    "line",
    [
        # numbered list items that are full sentences (label: explanation) are paragraphs
        "1. 请求出示相关证件:须要对方出示工作证件或其他官方授权文件。",
        "2. 查看委托证明：仔细查看是否有正式的委托书",
        "1、先核实身份，再核对金额，最后协商还款方案",
        "一、二级市场联动明显，投资者需要关注风险。",
        "（一）按照规定，相关部门应当在十个工作日内答复。",
        "第一章的内容到此结束。",
        "具体做法如下：",
        "1.5倍的违约金",  # a decimal, not a numbering
        "2024.01.31",  # a date
        "2024年1月31日",
        "100. 这个编号太大",
        "随着移动支付的普及，支付宝已成为日常生活的一部分。",
        "延长还款期限",  # a short unnumbered line is not a heading in plain text
        "### 这一行是一个完整的句子。",
        "一、",
        "",
    ],
)
def test_not_a_heading(line: str) -> None:
    assert heading_level(line) is None


def test_strip_heading_marker_and_key() -> None:
    assert strip_heading_marker("#### 一、总结") == "一、总结"
    assert strip_heading_marker("## 标题 ##") == "标题"
    assert strip_heading_marker("普通 # 段落") == "普通 # 段落"
    assert heading_key("一、基本情况 ........ 3") == heading_key("#### 一、基本情况")
    assert heading_key("一、基本情況") == heading_key("一、基本情况")


def test_build_sections_groups_paragraphs_under_headings() -> None:
    sections = build_sections(
        [
            ("导语段落。", None),
            ("#### 一、背景", 4),
            ("第一段。", None),
            ("第二段。", None),
            ("二、空小节", 1),
            ("三、做法", 1),
            ("第三段。", None),
        ]
    )
    assert [(s.heading, s.level, s.paragraphs) for s in sections] == [
        (None, 0, ["导语段落。"]),
        ("一、背景", 4, ["第一段。", "第二段。"]),
        ("二、空小节", 1, []),
        ("三、做法", 1, ["第三段。"]),
    ]


def test_build_sections_without_lead_and_from_blocks() -> None:
    blocks = [
        Block("标题", "title", True),
        Block("一、背景", "heading", True),
        Block("正文。", "paragraph", True),
        Block("返回顶部", "navigation", False),
        Block("  ", "paragraph", True),
    ]
    sections = build_sections(blocks)
    assert len(sections) == 1
    assert sections[0].heading == "一、背景"
    assert sections[0].level == 1
    assert sections[0].paragraphs == ["正文。"]
    assert build_sections([]) == []
