"""News credits and datelines read for their outlet and reporters."""

from __future__ import annotations

import pytest

from pipeline.extract.news_credit import credit, dateline_source, reported_by


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("某某晚报讯(记者 张伟 实习生 李娜)“双11”临近，太原市反诈中心发布预警。",
         {"source": "某某晚报", "author": "张伟 李娜"}),
        ("某某云—某某新闻网讯（记者 刘洋 通讯员 陈静）近期，诈骗分子冒充客服。",
         {"source": "某某云—某某新闻网", "author": "刘洋 陈静"}),
        ("新华社北京5月19日电（周敏、吴刚）中国科学院专家19日介绍。", {"author": "周敏 吴刚", "source": "新华社"}),
        ("【某某東網專訊】個人資料私隱專員公署今日發表工作報告。", {"source": "某某東網"}),
        ("（某某新聞/沈某、黃某 某某縣報導）防疫期間不少人借錢紓困。", {"source": "某某新聞", "author": "沈某 黃某"}),
        ("□通讯员 李娜", {"author": "李娜"}),
        ("本报记者 赵磊 方 某", {"author": "赵磊 方某"}),  # a padded two-character name
        ("某某日报记者 王某 李某", {"author": "王某 李某", "source": "某某日报"}),
        ("这一点值得关注。（评论员 郑凯 孙磊）", {"author": "郑凯 孙磊"}),
        ("警方已報請相驗。（王某／某地報導）", {"author": "王某"}),
        ("【平安文化建设】务必注意冒充客服的诈骗。", {}),  # a column's name
        ("记者在现场看到，新修的道路两旁种满了花草。", {}),  # a reporter in the story is no credit
        ("本报讯 近日，某地发布通知。", {}),  # no names, and "本报" names no outlet
    ],
)
def test_credit_reads_the_news_credit_an_article_opens_or_closes_with(text: str, expected: dict[str, str]) -> None:
    assert credit(text) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("交通银行 2024-01-17 18:25:42", None),  # a category tag beside the date
        ("2025-10-29 14:51:00     简体|繁體", None),
        ("2022-12-14 15:49:38    羊城晚報", "羊城晚報"),
    ],
)
def test_dateline_source_is_named_like_an_outlet(line: str, expected: str | None) -> None:
    assert dateline_source(line) == expected


def test_a_credit_with_its_full_date_gives_the_date() -> None:
    assert credit("某某客戶端?某某新聞網(wǎng)2023年1月16日訊(記者 湯某)近日，警方發布提醒。") == {
        "source": "某某客戶端?某某新聞網", "author": "湯某", "date": "2023-01-16"}
    assert "date" not in credit("新华社北京5月19日电（周敏、吴刚）中国科学院专家19日介绍。")  # no year
    assert credit(" date 2026-02-03 【某某東網專訊】個人資料私隱專員公署今日發表報告。") == {"source": "某某東網"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("某某报记者 张伟 编辑 李娜 校对 王芳", {"author": "张伟", "source": "某某报"}),  # an editor and a proofreader are no writers
        ("某某周末记者 张伟 发自北京", {"author": "张伟"}),
        ("这一点值得关注。（记者 张伟 实习生 李娜 采写）", {"author": "张伟 李娜"}),
        ("图为某催收公司的办公现场。（记者 王芳 摄）", {}),  # the photographer
        ("今天又接到网贷催收来电（有录音），对方说要上门。", {}),  # no credit: no names
        ("昨天收到網路平台的催繳簡訊（如下圖），說我逾期了。", {}),
        ("楼主是记者 不是催收", {}),
        ("本报记者 提醒您", {}),
    ],
)
def test_credit_names_only_writers(text: str, expected: dict[str, str]) -> None:
    assert credit(text) == expected


def test_a_channel_beside_a_date_is_no_source() -> None:
    assert dateline_source("2024-03-05 10:20 社会新闻") is None
    assert dateline_source("2024-03-05 10:20 头条号") is None
    assert dateline_source("2024-03-05 10:20 某某晚报") == "某某晚报"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（林某某／台北報導）", {"author": "林某某"}),
        ("（記者王某某／台北報導）", {"author": "王某某"}),
        ("記者張某某／台北報導", {"author": "張某某"}),
        ("聯合報／記者林某某／台北即時報導", {"author": "林某某", "source": "聯合報"}),
        ("〔記者吳某某／台北報導〕北市府今天宣布新的防詐措施。", {"author": "吳某某"}),
        ("本报记者 常某", {"author": "常某"}),  # a surname that also starts everyday words
        ("記者 麥某某", {"author": "麥某某"}),
        ("新华社北京3月5日电（记者 安某）", {"author": "安某", "source": "新华社"}),  # the wire's outlet, its place cut off
        ("对方自称是都市报记者 刘某", {}),  # a sentence about a reporter
        ("谢谢记者 张老师", {}),
        ("楼主是记者 王某吗", {}),
        ("中国青年报·中青在线记者 王某", {"author": "王某"}),  # an outlet named "…在线" is no sentence
        ("我在线上问过记者 王某", {}),
    ],
)
def test_credits_of_taiwan_and_rarer_surnames_and_sentences_that_are_none(text: str, expected: dict[str, str]) -> None:
    assert credit(text) == expected


@pytest.mark.parametrize("line", ["2024-03-05 10:20 举报", "2024-03-05 河北邢台", "2024-03-05 10:20 IP属地：烟台"])
def test_a_button_a_place_or_an_ip_location_beside_a_date_is_no_source(line: str) -> None:
    assert dateline_source(line) is None


@pytest.mark.parametrize(("paragraph", "source"), [
    ("据东江晚报5月9日报道，东江市城南区人民法院近日审结一起信用卡纠纷案件。", "东江晚报"),
    ("據中央社報導，金管會今天表示，", "中央社"),
    ("据了解，该平台已对涉事催收人员作出处理。", None),  # credits nobody's report
    ("据警方通报，两名嫌疑人已被刑事拘留。", None),  # no outlet
    ("记者了解到，据东江晚报报道，该案已经审结。", None),  # not the opening of the paragraph
    ("据《东江晚报》报道称：东江市城南区人民法院近日审结一起案件。", "东江晚报"),  # title marks, 报道称, a colon
    ("据路透社报道，美联储将维持利率不变。对此，本报记者采访了多位经济学家。", None),  # its own reporters at work
])
def test_an_article_opening_with_an_outlet_s_report_retells_it(paragraph: str, source: str | None) -> None:
    assert reported_by(paragraph) == source


def test_a_taiwan_credit_may_space_its_slashes() -> None:
    assert credit("經濟日報 / 記者廖某某／台北即時報導") == {"author": "廖某某", "source": "經濟日報"}
    assert credit("〔記者林某某 ／台北報導〕") == {"author": "林某某"}


def test_a_page_that_calls_itself_its_own_retells_no_report() -> None:
    assert reported_by("据东江晚报报道，东江市城南区人民法院近日审结。", ["来源：本站原创"]) is None
