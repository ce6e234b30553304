"""Comment meta lines and comment sections."""

from __future__ import annotations

import pytest

from pipeline.extract.boilerplate import classify_line
from pipeline.extract.comments import parse_comments, parse_meta


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("头像 王某-律师助理 2023-05-06", ("王某", "律师助理", "2023-05-06", "")),
        ("頭像 陳某—顧問 2023-05-06 10:20", ("陳某", "顧問", "2023-05-06T10:20:00+08:00", "")),
        ("网友小李 2023年5月6日 发表：说得很对", ("网友小李", None, "2023-05-06", "说得很对")),
        ("张某 律师 2023/05/06", ("张某", "律师", "2023-05-06", "")),
        ("头像 2023-05-06", (None, None, "2023-05-06", "")),
        # a blog's comment header: its anchor and a subject quoting the post, the name after the date
        ("# re: 很高兴入住博客堂 2004-12-27 12:46 flyingbirds",
         ("flyingbirds", None, "2004-12-27T12:46:00+08:00", "")),
        ("#1楼 2024-01-01 10:00 张三", ("张三", None, "2024-01-01T10:00:00+08:00", "")),
        # a Latin name of words, a name with its nick or badge in brackets, after the anchor
        ("# re: 很高兴入住博客堂 2004-12-28 9:45 Eric Lliu", ("Eric Lliu", None, "2004-12-28T09:45:00+08:00", "")),
        ("# re: 很高兴入住博客堂 2004-12-28 9:45 buaaytt(Nicholas)",
         ("buaaytt(Nicholas)", None, "2004-12-28T09:45:00+08:00", "")),
        ("# re: 很高兴入住博客堂 2004-12-28 9:45 JGTM'2004 [MVP]",
         ("JGTM'2004 [MVP]", None, "2004-12-28T09:45:00+08:00", "")),
        ("# re: 协商还款 2004-12-28 9:45 我觉得这个 说法不对",
         (None, None, "2004-12-28T09:45:00+08:00", "我觉得这个 说法不对")),
        ("#3楼 [楼主] 2023-05-06 12:01 李四", ("李四", "楼主", "2023-05-06T12:01:00+08:00", "")),
        # the word between the name and the date is neither; a Latin name's space splits no role off
        ("Sheila Teng 於 2015/11/20 10:05 說：", ("Sheila Teng", None, "2015-11-20T10:05:00+08:00", "")),
        ("张三 发表于 2024-01-01 10:00", ("张三", None, "2024-01-01T10:00:00+08:00", "")),
        ("Tom on 2024-01-01 10:00 said:", ("Tom", None, "2024-01-01T10:00:00+08:00", "")),
        ("于 2024-01-01 10:00", ("于", None, "2024-01-01T10:00:00+08:00", "")),  # a surname alone stays
        # a date's label is no name; the name after the date under "by" or "作者：" is
        ("发布时间 2005/05/17 22:11:42 by 眉间尺", ("眉间尺", None, "2005-05-17T22:11:42+08:00", "")),
        ("时间：2024-01-01 10:00 作者：张三", ("张三", None, "2024-01-01T10:00:00+08:00", "")),
        ("Posted on 2024-01-01 by Tom", ("Tom", None, "2024-01-01", "")),
        ("发表于 2024-01-01 10:00", (None, None, "2024-01-01T10:00:00+08:00", "")),
        # a floor alone says nothing of where the name is: the word after the date is the reply's
        ("2楼 2024-01-01 10:00 顶", (None, None, "2024-01-01T10:00:00+08:00", "顶")),
        ("# re: 协商还款的经验 2004-12-27 12:46 谢谢分享，很有用。",
         (None, None, "2004-12-27T12:46:00+08:00", "谢谢分享,很有用。")),
    ],
)
def test_parse_meta(line: str, expected: tuple) -> None:
    assert parse_meta(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "2024年1月31日，央行宣布下调存款准备金率。",  # prose after the date, nothing before it
        "据报道，某公司于2023-05-06发布了公告",  # prose before the date
        "没有日期的普通一行",
    ],
)
def test_not_meta(line: str) -> None:
    assert parse_meta(line) is None


def test_require_avatar() -> None:
    assert parse_meta("张某 2023-05-06", require_avatar=True) is None
    assert parse_meta("头像 张某 2023-05-06", require_avatar=True) is not None


def test_parse_comment_section_stops_at_boilerplate() -> None:
    lines = [
        "头像 甲某-法务 2023-05-06",
        "第一条评论的内容。",
        "头像 乙某-律师 2023-05-07",
        "第二条评论，",
        "还有第二段。",
        "丙某 2023-05-08 09:00 直接写在同一行的评论",
        "【纠错】",
        "Copyright © 2020 某网",
    ]
    comments, consumed = parse_comments(lines, is_end=lambda s: classify_line(s) is not None)
    assert consumed == 6
    assert [(c.author, c.role, c.date) for c in comments] == [
        ("甲某", "法务", "2023-05-06"),
        ("乙某", "律师", "2023-05-07"),
        ("丙某", None, "2023-05-08T09:00:00+08:00"),
    ]
    assert comments[0].text == "第一条评论的内容。"
    assert comments[1].text == "第二条评论，\n还有第二段。"
    assert comments[2].text == "直接写在同一行的评论"


def test_anonymous_comments_one_per_line() -> None:
    comments, consumed = parse_comments(["好文章。", "学到了。"])
    assert consumed == 2
    assert [c.text for c in comments] == ["好文章。", "学到了。"]
    assert all(c.author is None for c in comments)


def test_the_line_after_a_meta_line_is_its_text_even_if_it_looks_like_a_heading() -> None:
    lines = ["头像 甲某 2023-05-06", "1. 先核实身份", "一、结尾的标题"]

    def is_end(line: str) -> bool:
        return line[0].isdigit() or line.startswith("一、")

    comments, consumed = parse_comments(lines, is_end=is_end)
    assert consumed == 2
    assert comments[0].text == "1. 先核实身份"


def test_a_hyphen_inside_a_latin_user_name_is_no_role_separator() -> None:
    assert parse_meta("Sufficient-Tea-4410 2024-01-15 14:40")[:2] == ("Sufficient-Tea-4410", None)
    assert parse_meta("张三-律师 2024-12-08")[:2] == ("张三", "律师")
    assert parse_meta("王五 - 网友 2024-12-08 10:00")[:2] == ("王五", "网友")


def test_a_floor_number_before_the_name_is_no_part_of_it() -> None:
    assert parse_meta("1楼老猫不吃鱼 2012-05-06 21:20")[:2] == ("老猫不吃鱼", None)
    assert parse_meta("#3 张三 2023-01-01 10:00")[:2] == ("张三", None)
    assert parse_meta("2楼 2023-01-01 10:00")[:3] == (None, None, "2023-01-01T10:00:00+08:00")
    assert parse_meta("2019网友 2023-01-01 10:00")[0] == "2019网友"  # a year in a name is no floor


def _is_end(line: str) -> bool:
    return classify_line(line) is not None


def _is_button(line: str) -> bool:
    from pipeline.extract.text_context import _comment_button

    return _comment_button(line)


def test_a_comments_buttons_are_its_furniture_not_the_sections_end() -> None:
    """A section of 40 signed comments, each with its 回复 button, used to end at the first button:
    the other 39 comments fell back into the article's body."""
    lines = []
    for i in range(40):
        lines += [f"用户{i} 2024-01-01 12:00", f"我也逾期了第{i}天，怎么和平台协商？", "赞(2) 回复" if i % 2 else "回复"]
    lines += ["相关文章", "信用卡逾期怎么办"]
    comments, consumed = parse_comments(lines, is_end=_is_end, is_button=_is_button)
    assert consumed == 120
    assert [c.author for c in comments] == [f"用户{i}" for i in range(40)]
    assert comments[7].text == "我也逾期了第7天，怎么和平台协商？"  # the buttons are no comment's words
    assert parse_comments(lines, is_end=_is_end)[1] == 2  # without is_button: the old end


def test_after_a_comments_buttons_a_line_in_no_shape_of_the_section_ends_it() -> None:
    lines = ["甲某 2024-01-01 12:00", "写得很好。", "回复", "以上就是全部内容，欢迎转发。", "乙某 2024-01-02 12:00", "顶", "回复"]
    comments, consumed = parse_comments(lines, is_end=_is_end, is_button=_is_button)
    assert consumed == 3 and [c.author for c in comments] == ["甲某"]


def test_after_a_comments_buttons_a_named_reply_and_the_next_buttoned_comment_go_on() -> None:
    """Found by a tester: a reply with no date under a fold ended the section, and the comments after it
    were in neither the comments nor the body."""
    lines = ["张三 2024-03-01 10:00", "会影响征信吗？", "查看全部3条回复", "李四：会的，但比一直逾期好。",
             "赵六 2024-03-01 12:00", "我协商成功了。", "赞(1) 回复", "钱七 2024-03-01 13:00", "求经验分享", "回复"]
    comments, consumed = parse_comments(lines, is_end=_is_end, is_button=_is_button)
    assert consumed == 10
    assert [(c.author, c.text) for c in comments] == [
        ("张三", "会影响征信吗？"), ("李四", "会的，但比一直逾期好。"), ("赵六", "我协商成功了。"), ("钱七", "求经验分享")]


@pytest.mark.parametrize("after", [
    ["调查结果 2024-03-05 18:00", "超过七成的网友认为应当积极协商还款。", "专家指出，负债人应当正视债务问题。"],
    ["最新进展 2024年3月8日", "多家银行已上线线上协商通道，持卡人可以在手机银行App中提交申请。"],
    ["小编 2024-03-05 12:00 整理", "以上就是信用卡协商还款的全部流程，如果还有疑问可以咨询专业律师。"],
])
def test_after_a_comments_buttons_a_dated_update_with_the_articles_text_is_no_comment(after: list[str]) -> None:
    """Found by a tester: a meta line goes on only when its comment has its buttons too."""
    lines = ["小陈 2024-03-02 10:00", "躺平不可取。", "支持 1203 反对 56", *after]
    comments, consumed = parse_comments(lines, is_end=_is_end, is_button=_is_button)
    assert consumed == 3 and [c.author for c in comments] == ["小陈"]


def test_an_anonymous_comments_button_still_ends_the_section() -> None:
    """With no meta line to say where each comment starts, running on past the buttons could take the page."""
    lines = ["好文章。", "回复", "下面是正文的继续部分。"]
    comments, consumed = parse_comments(lines, is_end=_is_end, is_button=_is_button)
    assert consumed == 1 and [c.text for c in comments] == ["好文章。"]


def test_the_line_right_under_a_meta_line_is_its_text_even_when_it_reads_as_a_button() -> None:
    comments, consumed = parse_comments(["甲某 2024-01-01 12:00", "顶", "回复"], is_end=_is_end, is_button=_is_button)
    assert consumed == 3 and comments[0].text == "顶"  # a reader's one-word bump is their comment


@pytest.mark.parametrize(("line", "expected"), [
    ("回复", True), ("赞(3) 回复 举报", True), ("12 回复", True), ("顶[2] 踩[0]", True), ("查看全部3条回复", True),
    ("收起回复", True), ("回复 | 举报", True), ("赞同 12 反对 0", True),
    ("分享 回复", True), ("有用(2) 回复", True), ("收藏 评论(3)", True), ("喜欢", False), ("评论 分享", False),
    ("回复：我也是这样", False), ("举报该评论", False), ("收藏 分享", False), ("复制链接", False),
    ("我也逾期了", False), ("支持一下楼主，写得很好", False),
])
def test_post_action_lines(line: str, expected: bool) -> None:
    assert _is_button(line) is expected


@pytest.mark.parametrize("after", [
    ["责任编辑：王五", "来源：新华网"],  # the page's own fields, before a colon too
    ["问：逾期多久会上征信？", "答：一般逾期后就会上报。", "问：能协商吗？", "答：可以。"],  # a Q&A after the comments
    ["https://example.com/a：原文链接", "乙某 2024-01-02 12:00", "顶", "回复"],
])
def test_after_a_comments_buttons_a_label_or_a_qa_is_no_named_reply(after: list[str]) -> None:
    """Found by a code review: any word before a colon was read as a reply's writer."""
    lines = ["甲某 2024-01-01 12:00", "写得很好。", "回复", *after]
    comments, consumed = parse_comments(lines, is_end=_is_end, is_button=_is_button)
    assert consumed == 3 and [c.author for c in comments] == ["甲某"]


def test_many_comment_headers_on_a_long_page_cost_the_section_not_the_page(monkeypatch) -> None:
    """Found by a code review: every line of the rest of the page was parsed for each section.
    Counted in meta-line parses, not seconds."""
    import pipeline.extract.comments as comments_module
    from pipeline.extract.text import segment_lines

    calls = 0
    real = comments_module.parse_meta

    def counted(line: str, *, require_avatar: bool = False):
        nonlocal calls
        calls += 1
        return real(line, require_avatar=require_avatar)

    monkeypatch.setattr(comments_module, "parse_meta", counted)

    def parses(entries: int) -> int:
        nonlocal calls
        calls = 0
        lines = ["某某网文章列表"]
        for i in range(entries):
            lines += [f"第{i}篇：逾期以后应当主动联系平台说明情况，并提出分期还款的具体方案。", "发表评论"]
        segment_lines(lines)
        return calls

    small, large = parses(200), parses(800)
    assert large <= 5 * max(small, 1)


def test_after_a_named_reply_the_comments_go_on_with_or_without_buttons() -> None:
    lines = ["张三 2024-03-01 10:00", "会影响征信吗？", "查看全部3条回复", "李四：会的，但比一直逾期好。",
             "赵六 2024-03-01 12:00", "我协商成功了。", "钱七 2024-03-01 13:00", "求经验分享"]
    comments, consumed = parse_comments(lines, is_end=_is_end, is_button=_is_button)
    assert consumed == 8 and [c.author for c in comments] == ["张三", "李四", "赵六", "钱七"]
