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
