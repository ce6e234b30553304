"""parse_date: every accepted shape, zones, and strings that are not dates; the publication's date among meta lines."""

from __future__ import annotations

import pytest

from pipeline.extract.dates import find_date, leading_date, line_date, parse_date, publication_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024 12/ 08 11:31:43", "2024-12-08T11:31:43+08:00"),
        ("2024-01-31 16:45:12", "2024-01-31T16:45:12+08:00"),
        ("2024年1月31日 16:45", "2024-01-31T16:45:00+08:00"),
        ("2024年01月31日16时45分", "2024-01-31T16:45:00+08:00"),
        ("2024/01/31", "2024-01-31"),
        ("2024.01.31", "2024-01-31"),
        ("2024-1-5", "2024-01-05"),
        ("2024年1月31日", "2024-01-31"),
        ("发布时间：２０２４－０１－３１　０９：０５", "2024-01-31T09:05:00+08:00"),
        ("来源:某网 2023-11-02 08:00 阅读 12", "2023-11-02T08:00:00+08:00"),
        ("2024-01-31 下午4:45", "2024-01-31T16:45:00+08:00"),
        ("要账2024-06-232193", "2024-06-23"),  # an ISO date glued to its view counter
    ],
)
def test_formats(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-31T16:45:12Z", "2024-01-31T16:45:12+00:00"),
        ("2024-01-31 16:45 UTC+1", "2024-01-31T16:45:00+01:00"),
        ("2024-01-31 16:45 GMT", "2024-01-31T16:45:00+00:00"),
        ("2024-01-31T16:45:12.250+05:30", "2024-01-31T16:45:12+05:30"),
        ("2024-01-31 16:45:00-0400", "2024-01-31T16:45:00-04:00"),
    ],
)
def test_stated_zone_wins_over_shanghai(text: str, expected: str) -> None:
    assert parse_date(text) == expected


def test_a_loose_number_after_the_time_is_not_a_zone() -> None:
    assert parse_date("2024-01-31 16:45 -3 阅读") == "2024-01-31T16:45:00+08:00"


@pytest.mark.parametrize(
    "text",
    [
        "Copyright © 2000 - 2023 All Rights Reserved.",
        "某B2-20140004-27.",
        "20240131",
        "2024-02-30",  # no such day
        "2024-13-01",  # no such month
        "1.1 资金周转",
        "2024.5 3",  # decimal then a number
        "2024年1月",  # month only
        "3小时前",
        "电话 15012345678",
        "订单号2024-06-23123456789",  # a long number after the day: no counter, a code
        "2024-6-232193",  # glued digits after a one-digit month: no ISO date
        "",
    ],
)
def test_not_a_date(text: str) -> None:
    assert parse_date(text) is None


def test_invalid_time_keeps_the_date() -> None:
    assert parse_date("2024-01-31 25:61") == "2024-01-31"


def test_find_date_returns_the_span() -> None:
    iso, (start, end) = find_date("作者:某 2024-01-31 来源:某")
    assert iso == "2024-01-31"
    assert "作者:某 2024-01-31 来源:某"[start:end].strip() == "2024-01-31"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16 Sep, 2025", "2025-09-16"),
        ("23 JUN 2025 张某律师", "2025-06-23"),
        ("Saturday, September 10th, 2005 10:56 am", "2005-09-10T10:56:00+08:00"),
        ("posted Dec. 5, 2019", "2019-12-05"),
        ("Mar 3, 2024 9:05 pm", "2024-03-03T21:05:00+08:00"),
    ],
)
def test_english_dates_with_a_month_name(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["May I 2025", "31 Feb 2024", "in Sep 2025", "12 Mayor 2025x"])
def test_not_an_english_date(text: str) -> None:
    assert parse_date(text) is None


def test_a_numeric_date_wins_over_an_english_one() -> None:
    assert parse_date("16 Sep, 2025 更新 2025-09-17") == "2025-09-17"


def test_an_english_date_keeps_its_stated_zone() -> None:
    """HTTP and RSS dates (RFC 2822) are in GMT: read as Beijing time they would move by eight hours."""
    assert parse_date("Mon, 20 May 2024 23:30:00 GMT") == "2024-05-20T23:30:00+00:00"
    assert parse_date("Mon, 20 May 2024 23:30:00 +0000") == "2024-05-20T23:30:00+00:00"
    assert parse_date("20 May 2024 23:30") == "2024-05-20T23:30:00+08:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年3月5日 週二 上午10:12", "2024-03-05T10:12:00+08:00"),
        ("2024年3月5日 星期二 10:30", "2024-03-05T10:30:00+08:00"),
        ("2024/3/5 (二) 14:20", "2024-03-05T14:20:00+08:00"),
    ],
)
def test_a_weekday_between_date_and_time(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("民國113年5月2日", "2024-05-02"),
        ("中華民國 112 年 12 月 1 日 公告", "2023-12-01"),
        ("發布日期：民国 99 年 1 月 15 日", "2010-01-15"),
        ("資料更新日期：113-05-02", "2024-05-02"),
        ("最後更新：113/05/02", "2024-05-02"),
        ("日期：113.05.02", "2024-05-02"),
    ],
)
def test_taiwan_minguo_dates(text: str, expected: str) -> None:
    """Taiwan's government pages count years from 1912; the era or a date label marks the short year."""
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "民國38年",  # a year alone
        "民國38年5月1日",  # before the web: a history, not a byline
        "编号：113-05-02",  # no date label: a number
        "版本更新:113.1.2",  # a version
        "日期：113-02-30",  # no such day
        "民國150年1月1日",  # after next year
        "发布时间：99-05-20",  # a mainland page's two-digit 1999, not 民國 99
        "日期：98.12.31",
    ],
)
def test_not_a_minguo_date(text: str) -> None:
    assert parse_date(text) is None


def test_a_gregorian_date_wins_over_a_minguo_one() -> None:
    assert parse_date("民國113年5月2日（2024-05-03 更正）") == "2024-05-03"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("发布日期： 9/17/2004 5:54:13 AM", "2004-09-17T05:54:13+08:00"),  # .NET's en-US default
        ("12/31/2023 11:05 PM", "2023-12-31T23:05:00+08:00"),
        ("5/16/2021 12:30 am", "2021-05-16T00:30:00+08:00"),
        ("Dec 28 Sat 2013 00:28", "2013-12-28T00:28:00+08:00"),  # a blog's weekday between day and year
        ("Mar 4 Monday 2024", "2024-03-04"),
    ],
)
def test_us_clock_dates_and_a_weekday_inside_an_english_date(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["10/09/2005", "13/25/2020 1:00 AM", "5/16/2021 13:30 pm", "May 5 sundae 2024",
     "最後更新日期：5/6/2021 12:30:00 PM"],  # Hong Kong's en-HK puts the day first: 5 June or 6 May?
)
def test_not_a_us_or_weekday_date(text: str) -> None:
    """Without the 12-hour clock, 10/09/2005 could be either order; with it, a day of 12 or less still
    could (en-US and en-HK disagree), so only a day past 12 is read."""
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("莘某 更新时间:2026-01-28 14:09:01 ,原时间:2026-01-27 14:58:29", "2026-01-27T14:58:29+08:00"),
        ("发布时间：2024-03-12 更新时间：2024-05-01", "2024-03-12"),
        ("2024-01-24 18:02 某某社", "2024-01-24T18:02:00+08:00"),
        ("16 Sep, 2025", "2025-09-16"),
    ],
)
def test_line_date_prefers_the_publication_to_an_update(line: str, expected: str) -> None:
    assert line_date(line) == expected


def test_leading_date_only_after_a_date_label_at_the_start() -> None:
    assert leading_date(" date 2026-01-23 年近岁晚，慎防骗案。") == "2026-01-23"
    assert leading_date("日期：2024年3月1日 某地发布通知") == "2024-03-01"
    assert leading_date("2026-01-23 年近岁晚，慎防骗案。") is None  # no label: the line rules' business
    assert leading_date("据统计 date 2026-01-23") is None


def test_the_publication_date_of_several_meta_lines() -> None:
    assert publication_date(["本文最后更新于 2024-03-08", "首发于 2024-03-05"]) == "2024-03-05"
    assert publication_date(["最后修改：2024-03-08 发表：2024-03-05"]) == "2024-03-05"
    assert publication_date(["今天是2025年1月8日 星期三", "发布时间：2024-03-05"]) == "2024-03-05"
    assert publication_date(["更新时间：2024-03-08"]) == "2024-03-08"  # the only date given


@pytest.mark.parametrize("banner", ["今日：2023-05-01", "2023年5月1日 星期一 欢迎访问示例网", "歡迎光臨示例網 2023年5月1日",
                                    "2023年5月1日 谢谢您浏览示例网"])
def test_a_headers_today_banner_is_no_publication_date(banner: str) -> None:
    assert line_date(banner) is None
    assert publication_date([banner, "发布时间：2024-03-05"]) == "2024-03-05"
    assert line_date("今日，2023年5月1日起施行的新规") == "2023-05-01"  # a sentence opening with 今日 is no banner


def test_the_body_line_keeps_what_follows_its_leading_date() -> None:
    from pipeline.extract.dates import without_leading_date

    assert without_leading_date(" date 2026-01-23 年近岁晚，慎防骗案。") == "年近岁晚，慎防骗案。"
    assert without_leading_date("2026-01-23 年近岁晚") == "2026-01-23 年近岁晚"  # no label: as it was
    assert without_leading_date("date 2026-03-12") == "date 2026-03-12"  # nothing after it: the line rules' business
