"""Metadata of text scrapes (pipeline.extract.text's reading of pipeline.extract.byline): dates,
authors and sources from meta lines, credits, a label over its value, 民國 dates."""

from __future__ import annotations

import pytest

from tests.extract.textkit import BODY_LINES
from tests.extract.textkit import block_kinds as _kinds
from tests.extract.textkit import run_text as _run


def test_credits_in_the_body_give_author_and_source_and_an_editor_is_no_author() -> None:
    doc = _run("警惕冒充京东客服的诈骗\n"
               "某某晚报讯（记者 张伟 实习生 李娜）“双11”临近，太原市反诈中心向社会发布紧急预警，提醒市民注意。\n"
               "几天前，吴先生接到自称是京东工作人员打来的电话，对方告知其注册信息不完整。\n"
               "责任编辑：张某\n")
    assert (doc.author, doc.source_name) == ("张伟 李娜", "某某晚报")
    doc = _run("网贷逾期怎么办\n时间：2018-11-09 编辑：admin\n" + BODY_LINES)
    assert doc.author is None and doc.published_at == "2018-11-09"


def test_the_header_s_date_wins_over_a_labelled_date_after_the_body() -> None:
    doc = _run("网贷逾期怎么办\n2024-03-05 10:20 来源：某某日报\n" + BODY_LINES
               + "相关阅读\n逾期三个月会怎样\n发布时间：2023-01-02\n")
    assert doc.published_at == "2024-03-05T10:20:00+08:00"


def test_a_wechat_byline_with_the_vertical_stroke() -> None:
    doc = _run("网贷逾期怎么办\n文丨李某\n" + BODY_LINES)
    assert doc.author == "李某" and "文丨李某" not in doc.text


def test_a_minguo_date_line_is_the_publication_date() -> None:
    """A Taiwan government page's date field ("發布日期：民國113年5月2日") is a dateline, and the
    article's date."""
    doc = _run("首頁 > 消費者保護 > 債務協商\n債務協商常見問題\n發布日期：民國113年5月2日\n"
               "如果您積欠多家銀行的信用卡債務，可以向最大債權銀行申請前置協商。協商成立後，依約繳款即可避免強制執行。\n"
               "申請時請攜帶身分證明文件與財產資料，銀行會在收件後通知您協商的時間。")
    assert doc.published_at == "2024-05-02"
    assert _kinds(doc)["發布日期：民國113年5月2日"] == "dateline"


_FIELD_BODY = ("网贷逾期以后，平台一般会先联系借款人本人，督促其尽快还款，只有失联时才会联系紧急联系人。\n"
               "借款人应该主动沟通，说明自己的困难，争取延期或者分期的还款安排，避免逾期带来的更多麻烦。\n")


@pytest.mark.parametrize(
    ("head", "tail", "author", "source"),
    [
        ("来源：\n某某日报\n", "", None, "某某日报"),
        ("作者：\n张强\n2024-03-01\n", "", "张强", None),
        ("", "文章來源:\n某某財經網\n", None, "某某財經網"),
        ("", "来源：\n中国经济网\n责任编辑：\n王芳", None, "中国经济网"),  # an editor is no author
        ("", "来源：\n国家统计局\n", None, "国家统计局"),  # an organisation
        ("", "文章来源：\nadmin\n", None, "admin"),  # a site's account
    ],
)
def test_a_label_over_its_value_is_one_field(head: str, tail: str, author: str | None, source: str | None) -> None:
    """A page that prints a byline's label and value in two elements leaves them on two lines:
    the value is read as the field and leaves the body with its label."""
    doc = _run("网贷逾期多久通知家人？\n" + head + _FIELD_BODY + tail)
    assert (doc.author, doc.source_name) == (author, source)
    assert all(b.text in _FIELD_BODY for b in doc.blocks if b.kind in ("paragraph", "heading"))


def test_a_follow_button_under_a_blank_author_label_is_no_author() -> None:
    doc = _run("网贷逾期多久通知家人？\n2024-03-01\n作者：\n关注某某高考\n" + _FIELD_BODY)
    assert doc.author is None


@pytest.mark.parametrize(
    "lines",
    [
        "记者：\n那么借款人该怎么办？",  # an interview's speaker label on its own line
        "记者：\n那么借款人该怎么办",
        "來源：\n一、逾期的後果",  # a template's blank source field over a heading
        "来源：\n近日，一则消息引发热议。",
        "出处：\n《民法典》第680条",
        "证据名称：\n来源：\n证明目的：",  # a blank form
        "来源：\n前言",  # a heading under a template's blank field
        "來源：\n案例分析",
        "作者：\n2024",  # a number
    ],
)
def test_a_label_alone_over_content_leaves_the_content(lines: str) -> None:
    """Only a name, a handle or a source's name under a blank label is read as its value (a tester's cases)."""
    doc = _run("网贷逾期多久通知家人？\n" + _FIELD_BODY + lines + "\n" + _FIELD_BODY.replace("平台", "机构"))
    assert (doc.author, doc.source_name) == (None, None)
    value = lines.split("\n")[-1]
    assert value in _kinds(doc) and _kinds(doc)[value] not in ("byline", "dateline")


def test_a_panel_of_names_and_positions_names_no_writer() -> None:
    panel = "與談人：\n陳大文／執業律師\n李小華／某地院法官\n"
    assert _run("支付命令淪為詐騙工具？\n" + panel + _FIELD_BODY).author is None
    assert _run("支付命令淪為詐騙工具？\n王某國／某地院法官\n" + _FIELD_BODY).author == "王某國"


def test_a_name_alone_above_the_body_is_the_writer_and_a_signature_below_is_not_read() -> None:
    """A page that prints its writer's name on a line of its own under the headline names the author."""
    doc = _run("网贷逾期怎么办\n魏某\n" + BODY_LINES)
    assert doc.author == "魏某" and "魏某" not in doc.text
    doc = _run("网贷逾期怎么办\n" + BODY_LINES + "魏某\n")  # below the body: a signature or a replier, unread
    assert doc.author is None
    doc = _run("网贷逾期怎么办\n作者：李某\n魏某\n" + BODY_LINES)  # a labelled byline wins
    assert doc.author == "李某"
    assert _run("网贷逾期怎么办\n责任编辑：\n魏某\n" + BODY_LINES).author is None  # an editor under its label
    assert _run("网贷逾期怎么办\n魏(wèi)某\n" + BODY_LINES).author == "魏某"  # without its pinyin gloss


def test_a_date_label_opening_the_body_is_read_and_leaves_the_first_sentence() -> None:
    doc = _run("\n".join(["骗案手法层出不穷 市民须提高警觉",
                          " date 2026-03-12 【骗案/收数/追债】骗案手法层出不穷，市民须时刻提高警觉，切勿轻信陌生来电。",
                          *BODY_LINES]))
    assert doc.published_at == "2026-03-12"
    assert doc.sections[0].paragraphs[0].startswith("【骗案/收数/追债】骗案手法")


def test_a_saved_browser_title_gives_its_headline_when_the_text_restates_it() -> None:
    headline = "平安信用卡逾期上门走访是真的吗？逾期上门走访怎么应对？"
    doc = _run(f"{headline}_全国资讯网(第一时间发布热点话题)\n{headline}\n2025-10-29 14:51:00\n" + BODY_LINES)
    assert doc.title == headline
    assert "全国资讯网" not in "".join(doc.paragraphs)
    # without the restatement the line is no title of this kind
    alone = _run("信用卡逾期了怎么办？这几点要记牢_某某资讯网\n" + BODY_LINES)
    assert alone.title != "信用卡逾期了怎么办？这几点要记牢"
