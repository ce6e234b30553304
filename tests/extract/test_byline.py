"""Bylines and datelines read for their source, author and editor."""

from __future__ import annotations

import pytest

from pipeline.extract.byline import dateline_source, parse_byline


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("来源:某某日报", {"source": "某某日报"}),
        ("作者：张三 来源：某网 2024-01-31 10:00", {"author": "张三", "source": "某网"}),
        ("【纠错】 【责任编辑:李四】", {"editor": "李四"}),
        ("來源:某報 記者:王五", {"source": "某報", "author": "王五"}),
        ("文/赵六", {"author": "赵六"}),
        ("字体:", {}),
    ],
)
def test_parse_byline(line: str, expected: dict[str, str]) -> None:
    assert parse_byline(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2024-01-24 18:02 某某社", "某某社"),
        ("2024-01-24 18:02 来源：某某网", None),  # labelled: parse_byline's, not an unlabelled source
        ("2024-01-24 18:02 阅读 1234", None),  # a counter is no source
        ("2024-01-24 18:02 甲乙 丙丁", None),  # two tokens: no single name
        ("某某社", None),  # no date: not a dateline
        ("發佈時間：2024-03-12 10:20", None),  # the date's own label, in Traditional: no source
        ("發布時間: 2024-03-12", None),
    ],
)
def test_dateline_source(line: str, expected: str | None) -> None:
    assert dateline_source(line) == expected
