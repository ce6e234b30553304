"""Bylines and datelines read for their source, author and editor."""

from __future__ import annotations

import pytest

from pipeline.extract.byline import (
    clean_name,
    credit,
    dateline_source,
    label_alone,
    leading_date,
    line_date,
    parse_byline,
    publication_date,
)


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


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("作者|齊某? 來源|某某財經", {"author": "齊某", "source": "某某財經"}),  # bars; a lost character at the edge
        ("撰文丨祁某 编辑丨金某", {"author": "祁某", "editor": "金某"}),  # the vertical stroke 丨
        ("2022-11-10 09:26:58 來源:某某實(shí)驗(yàn)室", {"source": "某某實驗室"}),  # a reading glued in
        ("作者：宋某 杨某", {"author": "宋某 杨某"}),  # every name of the byline
        ("作者：张三 阅读 123", {"author": "张三"}),  # a counter is no second name
        ("作者：张三 北京报道", {"author": "张三"}),
        ("作者：记者王某某", {"author": "王某某"}),  # the role is no part of the name
        ("法律法规网 作者: 来源 来源: 法律法规网", {"source": "法律法规网"}),  # a blank author is no "来源"
        ("图片来源：视觉中国", {}),  # a picture's source, not the article's
        ("来源：{getone name='x'}", {}),  # a template's placeholder
        ("来源：转载文章", {}),  # names no outlet
    ],
)
def test_parse_byline_reads_the_shapes_of_real_bylines(line: str, expected: dict[str, str]) -> None:
    assert parse_byline(line) == expected


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


def test_clean_name_joins_a_padded_name_and_collapses_space() -> None:
    assert clean_name("赵 培") == "赵培"
    assert clean_name("\n青灯教育笔记\n") == "青灯教育笔记"
    assert clean_name("赵磊  方 某") == "赵磊 方某"
    assert clean_name("  ") is None
    assert clean_name("佚名") is None and clean_name("Unknown") is None


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


def test_labels_of_data_devices_and_nobody_give_nothing() -> None:
    assert parse_byline("数据来源：某某协会") == {} and parse_byline("图表来源：国家统计局") == {}
    assert parse_byline("来自: Android客户端") == {} and parse_byline("来自：某某财经") == {"source": "某某财经"}
    assert parse_byline("来源：人民网，作者：张伟") == {"source": "人民网", "author": "张伟"}
    assert parse_byline("作者：张伟 律师") == {"author": "张伟"}


def test_a_source_named_by_a_verb_opening_the_line() -> None:
    assert parse_byline("本文来源于某某统计局 2024-05-11 09:36:26") == {"source": "某某统计局"}
    assert parse_byline("摘自《某某日报》") == {"source": "某某日报"}
    assert parse_byline("來源於：某某網") == {"source": "某某網"}
    # inside a sentence it names no source, and a label with nothing after it gives nothing
    assert parse_byline("他的收入来源于工资和奖金") == {} and parse_byline("摘自：") == {}


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("（摘自《某某社会科学学刊》2000年第2期，原文约15，000字）", "某某社会科学学刊"),  # the periodical, not its issue
        ("转自《某某科技报》", "某某科技报"),
        ("某某健康网(www.example.net)专稿，未经书面授权请勿转载。", "某某健康网"),  # an outlet's own piece
        ("某某日报独家专稿", "某某日报"),
    ],
)
def test_a_source_credited_by_a_verb_a_title_mark_or_an_exclusive(line: str, source: str) -> None:
    assert parse_byline(line) == {"source": source}


@pytest.mark.parametrize("line", ["转自己的账户里的钱要小心", "文章专稿费用怎么算", "本站专稿", "约稿专稿"])
def test_a_transfer_to_oneself_or_a_fee_names_no_source(line: str) -> None:
    assert "source" not in parse_byline(line)
    assert parse_byline("来源：某某网") == {"source": "某某网"}  # the labelled field is unchanged


def test_the_publication_date_of_several_meta_lines() -> None:
    assert publication_date(["本文最后更新于 2024-03-08", "首发于 2024-03-05"]) == "2024-03-05"
    assert publication_date(["最后修改：2024-03-08 发表：2024-03-05"]) == "2024-03-05"
    assert publication_date(["今天是2025年1月8日 星期三", "发布时间：2024-03-05"]) == "2024-03-05"
    assert publication_date(["更新时间：2024-03-08"]) == "2024-03-08"  # the only date given


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


def test_writer_labels_with_a_slash_and_a_role_before_the_name() -> None:
    assert parse_byline("记者/李某") == {"author": "李某"} and parse_byline("撰文／林某某") == {"author": "林某某"}
    assert parse_byline("来源/首页") == {}
    assert parse_byline("作者：律师 张某") == {"author": "张某"}
    assert clean_name("张某、李某") == "张某 李某" and clean_name("网友") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("作者：研究员徐某某", "徐某某"),
        ("作者：副教授王某某", "王某某"),
        ("作者：某某中心研究部部长、研究员徐某某", "徐某某"),
        ("作者：某某中心世界经济研究部部长，“某某”研究部部长、研究员徐某某", "徐某某"),  # past the comma
        ("作者：王某某，李某某", "王某某 李某某"),  # two names: no titled chain
        ("作者：律师事务所", "律师事务所"),  # no name after the title: the value as it stands
        ("作者：主任医师", "主任医师"),
    ],
)
def test_a_title_glued_before_the_authors_name_is_not_part_of_it(line: str, expected: str) -> None:
    assert parse_byline(line) == {"author": expected}


@pytest.mark.parametrize("line", ["2024-03-05 10:20 举报", "2024-03-05 河北邢台", "2024-03-05 10:20 IP属地：烟台"])
def test_a_button_a_place_or_an_ip_location_beside_a_date_is_no_source(line: str) -> None:
    assert dateline_source(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("王某國/某地院法官", {"author": "王某國"}),
        ("林某某／台大法律系教授", {"author": "林某某"}),
        ("最高法院/法官", {}),  # a court, not a writer's name
        ("某某區/里長", {}),  # no writer's position
        ("黃律師／主任", {}),  # a role after a surname, not a name
        ("馬偕醫院/醫師", {}),  # an institution
        ("林業署/主任", {}),
        ("許可/律師", {}),  # two characters could be a word
    ],
)
def test_an_opinion_pages_writer_and_position(line: str, expected: dict[str, str]) -> None:
    """Taiwan's opinion pages sign a piece with the writer and position: "王某某／某地院法官"."""
    assert parse_byline(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("作者：", "author"), ("文章來源:", "source"), ("来源 ：", "source"), ("责任编辑：", "editor"),
     ("来源：新华网", None), ("作者", None), ("作者：李明", None)],
)
def test_a_label_alone(line: str, expected: str | None) -> None:
    assert label_alone(line) == expected


def test_a_credit_after_a_compilation_word_names_its_reporter() -> None:
    """"整合 某某日报记者 某某": who compiled the piece, then the usual credit."""
    assert credit("整合 某某日报记者 徐某某")["author"] == "徐某某"
    assert credit("综合整理 本报记者 王某某")["author"] == "王某某"
    assert credit("整合 各地资讯") == {}  # no credit after the word
    assert parse_byline("（本文来源：某某日报 作者：某某中心部长，研究员徐某某）") == {
        "source": "某某日报", "author": "徐某某"}
