"""Lines made of metadata fields (pipeline.extract.meta_line): post headers, counters, answerer cards."""

from __future__ import annotations

import pytest

from pipeline.extract.fold import fold
from pipeline.extract.meta_line import has_meta_field, is_meta_line, repeated_field_lines


@pytest.mark.parametrize("line", [
    "2024年1月8日 · 编辑：小周 · 1,204 人看过",
    "理财君 · 05-06 · 阅读 4.1k",
    "发表于 2022年12月3日 | 分类：负债日记 | 3 条评论",
    "发帖人：夜猫子　|　2024-02-03 22:14　|　阅读 812　回复 6",
    "2023-10-26 08:47 | 来源：某某晨报 | 作者：通讯员 马某 记者 罗某",
    "原创　某某说法　2023年7月9日 21:00",
    "文｜周某　2023年5月30日 · 约6分钟读完",
    "已关注 · 1,847 人赞同了该文章",
    "2,341 人赞同了该回答",
    "匿名用户 | 浏览 2839 次",
    "问题分类：债务继承　地区：四川成都　时间：2天前",
    "来自 江苏 南京 的网友 | 提问时间：09-18 14:22 | 悬赏 ¥20",
    "何某律师 | 执业7年 | 平均响应 5 分钟",
    "某某律师事务所 | 专职律师 | 已解答 2,906 个问题 | 满意度 98%",
    "★★★★★ 4.9分　近30天回复 286 次",
    "刘某 律师 | 执业8年 | 浙江",
    "理财君 · 05-06 · 评论 12 点赞 34",  # a count before 点赞 is its own counter
    "浏览量 3,287　下载 211　收藏 59",
    "投票(126)　有得(0)　我有疑问(0)",
    "B1 · 3月6日 20:58",  # a floor with its date
    "5楼 · 2023-03-06 20:58",
    "#3 · 3月6日 20:58",
    "某某财富管理公司 | 从业8年 | 已解答 120 个问题",
    "金融法务老郑 优质财经领域创作者 粉丝 3.6万",  # a self-media answerer's card line
    "上海 · 从业5年",  # a credential names its holder
    "记者 陈晓 北京报道",  # a reporter's line
    "华夏时报记者 陈晓 北京报道",
    "記者陳昱婷／台北報導",
    "刘某 | 执业8年",
])
def test_meta_lines(line: str) -> None:
    assert is_meta_line(fold(line))


@pytest.mark.parametrize("line", [
    "2023年5月起征信新规实施",  # a date inside a headline
    "2023年10月9日",  # a notice's signature date alone is left to the context rules
    "逾期1-3天会怎样",
    "第二步：联系客服说明情况",
    "3000人被骗，警方提醒：不要相信陌生来电。",
    "本报记者调查发现，很多催收公司没有资质。",
    "律师回答：",
    "张律师说，协商时要保留录音。",
    "阅读合同条款时要注意利率",
    "协商 分期 停息 挂账",
    "GPS: N24 39 16.4 E121 18 19.5",
    "客服 回复 2 次",  # a lone counter beside a word is a sentence's
    "回复 2 楼",
    "关注 8 个平台",
    "5楼的邻居 3月6日 说要上门",  # a floor word inside a sentence
    "2楼说得对",
    "从业8年的老律师告诉我",
    "我是财经领域创作者，粉丝不多",
    "我执业 8 年了",
    "记者发现，很多催收公司没有资质",
    "新华社北京报道",  # one role alone is a dateline's, left to its own rule
    "致敬一线记者 11月8日",
    "从业10年 谈谈协商",
])
def test_content_is_not_a_meta_line(line: str) -> None:
    assert not is_meta_line(fold(line))


def test_meta_field_marks_post_headers_not_headlines() -> None:
    assert has_meta_field(fold("来自 江苏 南京 的网友 | 提问时间：09-18 14:22"))
    assert has_meta_field(fold("249人参与49评论"))
    assert not has_meta_field(fold("2023年征信新规：逾期记录保留五年"))
    assert not has_meta_field(fold("网贷逾期三个月，催收说要上门怎么办？"))
    assert not has_meta_field(fold("10万人阅读的上岸攻略"))  # a glued count inside a headline


def test_counter_lines_do_not_backtrack() -> None:
    """Numbers with separators ("12,345") once had 2^n readings in the counter pattern."""
    import time

    from pipeline.extract.boilerplate import classify_line

    start = time.process_time()
    classify_line("赞 1,2,3,4,5 赞 1,2,3,4,5 赞 1,2,3,4,5 赞 1,2,3,4,5 赞 1,2,3,4,5")
    classify_line("浏览 3,287 回复 1,204 收藏 2,059 分享 118 楼主")
    assert time.process_time() - start < 1.0  # was about 10 s each: a hang, not a speed figure


# ----------------------------------------------------------------------------- posters' profile cards

def test_profile_card_runs_are_found() -> None:
    from pipeline.extract.meta_line import profile_card_lines

    lines = ["这是帖子的正文，说明了逾期后的处理经过。", "主题", "帖子", "积分", "注册时间", "在线时间", "41 小时", "回复正文。"]
    assert profile_card_lines(lines) == {1, 2, 3, 4, 5, 6}
    assert profile_card_lines(["资深会员", "注册日期", "2016-03", "帖子", "4,718", "正文"]) == {0, 1, 2, 3, 4}
    assert profile_card_lines(["来自 江苏", "积分: 30", "UID 1234"]) == {0, 1, 2}


@pytest.mark.parametrize("lines", [
    ["经验分享", "积分规则", "帖子发布规范"],  # headings that start with a label word
    ["来自 江苏", "2019", "正文很长的一句话。"],  # one label
    ["1", "2", "3"],  # numbers without labels
    ["性别", "男"],  # too short a run
])
def test_content_is_not_a_profile_card(lines) -> None:
    from pipeline.extract.meta_line import profile_card_lines

    assert profile_card_lines(lines) == set()


def test_a_compound_relative_time_is_a_date_field() -> None:
    assert is_meta_line(fold("kevinwu92 · 4 小时 28 分钟前 · 1846 次点击"))


def test_a_card_with_labels_of_its_own_is_told_by_coming_back_in_every_post() -> None:
    posts = [
        ["铁杆木虫 (正式写手)", "虫号: 6081347", "金币: 1,863.4\n散金: 120", "专业: 电化学", "各位好，想请教一个征信的问题。"],
        ["金虫 (职业作家)", "虫号: 3714520", "金币: 9,472.6", "专业: 高等教育学", "不会影响，放心。"],
        ["新虫", "虫号: 7240155", "在线: 12.6小时", "同问。"],  # 在线 in one post only: not a card label
    ]
    assert repeated_field_lines(posts) == [{0, 1, 2, 3}, {0, 1, 2, 3}, set()]


def test_fields_written_in_one_post_or_without_figures_stay() -> None:
    one = [["我的情况：", "欠款: 32,000 元", "逾期: 95 天", "月收入: 4,500"], ["建议先和银行协商。"]]
    assert repeated_field_lines(one) == [set(), set()]  # the labels never come back in another post
    words = [["问：能延期吗", "答：可以申请"], ["问：要材料吗", "答：要收入证明"]]
    assert repeated_field_lines(words) == [set(), set()]  # no figures: a Q&A written as such
    single = [["额度: 5000", "第一段正文。"], ["额度: 8000", "第二段正文。"]]
    assert repeated_field_lines(single) == [set(), set()]  # one field alone is not a card


def test_profile_labels_spaced_to_a_column_width_still_make_a_card() -> None:
    from pipeline.extract.meta_line import profile_card_lines

    assert profile_card_lines(["lightrain", "身 份", "用户", "文 章", "12", "积 分", "340", "等 级", "5"]) >= {1, 2, 3, 5, 7}
    assert not profile_card_lines(["文章写得很好", "积分制鼓励村民参与环境卫生管理。"])


def test_thread_cards_are_the_forum_card_runs_only() -> None:
    from pipeline.extract.meta_line import thread_card_lines

    lines = ["发表于：2006-5-6 12:01:20", "IP：已设置保密", "等级：侠之大者", "文章：2871", "积分：9630",
             "门派：价值投资派", "楼主别慌，先跟银行联系。", "发表于：2006-5-6 13:45:02", "等级：论坛游民",
             "文章：58", "积分：311", "门派：无门无派", "顶一下"]
    # the board's own fields glued to the cards stay: a matchmaking thread's posters list
    # 身高 / 学历 / 职业 there too (tests/extract/test_review_pages.py)
    assert sorted(thread_card_lines(lines)) == [2, 3, 4, 8, 9, 10]
    # one card alone is no thread's: an article may list a character's or a person's fields
    assert thread_card_lines(lines[:7]) == set()

def test_traditional_units_are_card_values() -> None:
    from pipeline.extract.meta_line import profile_card_lines

    card = ["主題", "12", "帖子", "356", "註冊時間", "2015-8-12", "在線時間", "326 小時"]
    assert profile_card_lines(card) == set(range(len(card)))


def test_a_forum_currency_in_coins_is_a_card_value() -> None:
    from pipeline.extract.meta_line import profile_card_lines

    card = ["积分", "412", "金钱", "1037 枚", "贡献", "9 点", "注册时间", "2022-6-18"]
    assert profile_card_lines(card) == set(range(len(card)))
