"""Labelled bylines read for their source, author and editor."""

from __future__ import annotations

import pytest

from pipeline.extract.byline import clean_name, label_alone, parse_byline
from pipeline.extract.news_credit import credit


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("来源:某某日报", {"source": "某某日报"}),
        ("作者：张三 来源：某网 2024-01-31 10:00", {"author": "张三", "source": "某网"}),
        ("【纠错】 【责任编辑:李四】", {"editor": "李四"}),
        ("來源:某報 記者:王五", {"source": "某報", "author": "王五"}),
        ("独家报道:黄皆善", {"author": "黄皆善"}),
        ("采写：刘某某", {"author": "刘某某"}),
        ("文/赵六", {"author": "赵六"}),
        ("字体:", {}),
        # a Q&A page's asker writes it; its answerer is no author of it
        ("咨询人：刘先生 | 2023-04-03 10:21", {"author": "刘先生"}),
        ("提问者：木子李0823", {"author": "木子李0823"}),
        ("网友采纳答案 | 回答者：刘律师 | 2021-12-12", {"answerer": "刘律师"}),
        # the next field's label glued on by the page's spans is no part of the value
        ("来源：区司法局浏览次数：88", {"source": "区司法局"}),
        ("发布时间：2023-01-01来源：某某日报点击数：12", {"source": "某某日报"}),
        # a reposted account's note names the account it comes from
        ("以下文章来源于临江法院 ，作者小法", {"source": "临江法院", "author": "小法"}),  # WeChat's repost card
        ("编者按：本文来自微信公众号“消金观察室”（ID：xjgcs），作者：孟某某，经授权发布。", {"author": "孟某某", "source": "消金观察室"}),
        ("本文来自微信公众号：逾期观察室（ID：yuqi_gcs），作者：苏某", {"author": "苏某", "source": "逾期观察室"}),
        ("本文经授权转载自微信公众号“逾期观察室”", {"source": "逾期观察室"}),
        ("转载自公众号：逾期观察室", {"source": "逾期观察室"}),
    ],
)
def test_parse_byline(line: str, expected: dict[str, str]) -> None:
    assert parse_byline(line) == expected


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


def test_clean_name_joins_a_padded_name_and_collapses_space() -> None:
    assert clean_name("赵 培") == "赵培"
    assert clean_name("\n青灯教育笔记\n") == "青灯教育笔记"
    assert clean_name("赵磊  方 某") == "赵磊 方某"
    assert clean_name("  ") is None
    assert clean_name("佚名") is None and clean_name("Unknown") is None


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


@pytest.mark.parametrize("nobody", ["网络整理", "admin", "小编", "本站编辑", "管理员"])
def test_the_site_or_its_staff_in_the_author_field_is_no_author(nobody: str) -> None:
    assert clean_name(parse_byline(f"作者：{nobody}").get("author")) is None


def test_the_vertical_em_dash_form_separates_a_label_from_its_name() -> None:
    """``作者︱春春``: pages print U+FE31 as the stroke 丨; NFKC made it a dash, so the line stayed in the
    body as a heading and its author went unread."""
    from pipeline.extract.boilerplate import classify_line

    assert parse_byline("作者︱春春") == {"author": "春春"}
    assert parse_byline("撰文︲李四 编辑︱王五") == {"author": "李四", "editor": "王五"}
    assert classify_line("作者︱春春") == "byline" and classify_line("出品︱某某栏目组 胖胖") == "byline"
    assert classify_line("这一次︱我们选择了协商还款，平台同意分期。") is None


def test_a_sources_quotes_go_but_not_those_it_holds_inside() -> None:
    assert parse_byline("来源：光明网-《光明日报》") == {"source": "光明网-《光明日报》"}  # was cut to "光明网-《光明日报"
    assert parse_byline("来源：《光明日报》") == {"source": "光明日报"}
    assert parse_byline("来源：微信公众号“债务那些事儿”") == {"source": "债务那些事儿"}
