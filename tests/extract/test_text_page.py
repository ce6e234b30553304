"""The whole-page rules of pipeline.extract.text_page on crafted scrapes: short-line runs, listings,
related boxes, a page's foot and what it must never take."""

from __future__ import annotations

import pytest

from pipeline.extract.text import segment_lines
from tests.extract.textkit import P1 as _P1
from tests.extract.textkit import P2 as _P2
from tests.extract.textkit import P3 as _P3
from tests.extract.textkit import line_kinds as _kinds_of

# ----------------------------------------------------------------------------- whole-page scrapes: short-line runs


def test_menus_and_headline_lists_of_a_whole_page_go() -> None:
    lines = ["网贷逾期被催收怎么办", "财经", "科技", "房产", "汽车", "2024-05-20 10:00 来源：某某网", _P1,
             "一、核实身份", _P2, _P3, "城市更新专题", "拜登迎接肯尼亚总统", "北京南站开始自动驾驶实车测试",
             "江苏发布一批任免名单", "首钢股份发布年度报告", _P1[::-1] + "。", "关于本站", "网站地图", "意见反馈"]
    kinds = _kinds_of(lines)
    assert kinds[0] == "title"
    for i in (1, 2, 3, 4, 10, 11, 12, 13, 16, 17, 18):
        assert kinds[i] not in ("paragraph", "heading"), (lines[i], kinds[i])
    assert kinds[6] == kinds[8] == kinds[9] == "paragraph" and kinds[7] == "heading"
    # the line right before prose is taken for its heading, even in a menu
    assert _kinds_of([*lines[:5], _P1, *lines[7:]])[4] == "heading"


def test_short_lines_that_read_as_content_stay() -> None:
    # short lines with function words (a story told line by line), a list under its lead-in (the
    # lead-in itself short, so it opens the run), a heading just before prose, and a page cut off
    # after one short line
    lines = ["她欠钱以后的那一年", _P1, "她说你们不用管我", "我自己处理", "后来有一天在群里发了消息",
             "我想着她现在比谁都难受", _P2, "需要准备的材料:", "身份证", "银行卡", "户口本", "收入证明",
             "工作证明", _P3, "协商时机", _P1, "第二步主动"]
    kinds = _kinds_of(lines)
    for i in range(1, len(lines)):
        assert kinds[i] in ("paragraph", "heading"), (lines[i], kinds[i])


def test_a_table_of_contents_between_title_and_prose_is_left_to_the_toc_rule() -> None:
    heads = ["逾期后果", "协商步骤", "注意事项", "维权途径", "常见问题"]
    lines = ["网贷逾期被催收怎么办", *heads, _P1]
    for h in heads:
        lines += [h, _P2]
    seg = segment_lines(lines, title_hint=lines[0])
    assert seg.kinds[0] == "title" and seg.kinds[1:6] == ["toc"] * 5
    assert [seg.kinds[i] for i, line in enumerate(lines) if i > 6 and line in heads] == ["heading"] * 5


def test_numbers_need_their_separator_and_nouns_are_not_function_words() -> None:
    from pipeline.extract.text_page import _protected

    assert _protected("1. 核实身份") and _protected("第一步") and _protected("我自己处理")
    for chrome in ("24小时热点", "5G专题", "律师事务所", "苹果", "行为规范"):
        assert not _protected(chrome), chrome


def test_headlines_each_with_their_date_or_counter_line_are_a_listing() -> None:
    """Other articles' headlines, each followed by its own date line, go whatever their words."""
    heads = ["他说：我在学校是被欺负的", "积欠罚款9万元 男子的房子被查封", "夫妻失和！丈夫动念险涉官司",
             "老人遇假侄女借钱 机警行员保住36万"]
    listing = [x for h in heads for x in (h, "2019-04-12 16:11")]
    lines = ["网贷逾期被催收怎么办", _P1, _P2, *listing, _P3]  # prose after it: not the footer
    kinds = _kinds_of(lines)
    assert kinds[1:3] == ["paragraph"] * 2 and kinds[-1] == "paragraph"
    assert all(kinds[3 + 2 * k] not in ("paragraph", "heading") for k in range(len(heads))), kinds
    # two dated lines are not a listing, and a thread's dated posts are not one either
    assert _kinds_of(["网贷逾期被催收怎么办", _P1, _P2, *listing[:4], _P3])[3] == "paragraph"
    posts = [x for h in heads for x in (h, "2楼 2022-11-26 15:19 回复")]
    assert _kinds_of(["网贷逾期被催收怎么办", _P1, _P2, *posts, _P3])[3] == "paragraph"
    # a thread copied as text: name, date, words; the names recur, so it is not a listing
    replies = ["羡慕！！！", "我们放一天上一天再放一天", "元旦快乐", "这放假方式有点奇特啊"]
    thread = [x for k, r in enumerate(replies) for x in (("鹿小町", "李特")[k % 2], f"2021-01-0{k + 1} 10:34", r)]
    kinds = _kinds_of(["网贷逾期被催收怎么办", _P1, _P2, *thread, _P3])
    assert "related" not in kinds, kinds
    # a timeline under its lead-in is the article's
    events = ["武汉宣布离汉通道关闭", "春晚节目临时调整", "全国多地启动一级响应", "医疗队陆续驰援湖北"]
    timeline = [x for k, e in enumerate(events) for x in (f"2020-01-2{k + 3}", e)]
    kinds = _kinds_of(["疫情初期大事记", _P1, "事件经过:", *timeline, _P3])
    assert "related" not in kinds, kinds
    # ... but a removed related header does not announce a timeline
    kinds = _kinds_of(["网贷逾期被催收怎么办", _P1, _P2, "相关文章:", *listing, _P3])
    assert all(kinds[4 + 2 * k] not in ("paragraph", "heading") for k in range(len(heads))), kinds


def test_a_share_bar_repeated_at_the_foot_is_not_a_table_of_contents() -> None:
    bar = ["Facebook", "Twitter", "人人", "开心网", "打印文稿"]
    lines = ["网贷逾期被催收怎么办", "2024-05-20 10:00", *bar, "协商的第一步", _P1, _P2, "点击 页首", *bar,
             "与内文相关的链接", _P3]
    kinds = _kinds_of(lines)
    assert kinds[0] == "title"  # a line of the repeated bar is not the title for its repeat
    assert kinds[7] in ("heading", "paragraph")
    assert all(k not in ("paragraph", "heading") for k in kinds[2:7]), kinds


def test_a_menu_above_a_wrongly_guessed_title_still_goes() -> None:
    menu = [f"{topic}资讯频道" for topic in ("财经", "科技", "法律", "文化", "体育", "健康", "教育", "旅游",
                                             "汽车", "房产", "军事", "国际", "时政", "娱乐")]
    lines = [*menu, "栏目检索", "同步收听", "栏目检索", _P1, _P2]
    kinds = _kinds_of(lines)
    assert kinds[len(menu)] == "title"  # the guess is wrong; the menu above it goes all the same
    assert all(k not in ("paragraph", "heading") for k in kinds[: len(menu)]), kinds
    assert kinds[-2:] == ["paragraph", "paragraph"]


def test_a_references_section_goes_with_its_list() -> None:
    refs = ["[1] 《中华人民共和国民法典》第六百七十六条", "[2] 《互联网金融逾期债务催收自律公约》", "[3] 某某网：网贷逾期怎么办"]
    # in the middle, where the footer rule does not reach: the header takes its list
    kinds = _kinds_of(["网贷逾期被催收怎么办", _P1, _P2, "参考资料", *refs, _P3])
    assert kinds[1:3] == ["paragraph"] * 2 and kinds[-1] == "paragraph"
    assert all(k not in ("paragraph", "heading") for k in kinds[3:-1]), kinds


# ----------------------------------------------------------------------------- thread scrapes: profile cards

def _card(k: int) -> list[str]:
    return ["主题", str(k + 3), "帖子", str(40 + k), "积分", str(300 + k)]



# ----------------------------------------------------------------------------- whole-page scrapes: the page's foot

_TEASERS = [
    "城投公司公布年度审计结果，多个项目的资金使用情况首次向社会公开，涉及金额超过十亿元，引发热议。",
    "一季度全市新增就业岗位三万多个，其中灵活就业占比明显上升，专家建议完善相应的社会保障制度。",
    "新一轮消费券将于本周五发放，覆盖餐饮、零售和文旅等领域，市民可通过官方应用程序领取使用。",
]


def _whole_page(*foot: str) -> list[str]:
    return ["网贷逾期被催收怎么办", "2024-05-20 10:00 来源：某某网", _P1, "一、核实身份", _P2, _P3, *foot]


def test_other_articles_summaries_at_a_whole_pages_foot_go() -> None:
    """Teasers read like prose; among the foot's chrome they are not the article's."""
    foot = ["分享到：", "相关阅读"]
    for t in _TEASERS:
        foot += [t, "2024-05-19 08:00", "评论 12"]
    foot += ["关于我们", "联系我们", "网站地图", "Copyright © 2024 某某网 版权所有", "京ICP备12345678号"]
    lines = _whole_page(*foot)
    kinds = _kinds_of(lines)
    assert kinds[2] == kinds[4] == kinds[5] == "paragraph" and kinds[3] == "heading"
    for t in _TEASERS:
        assert kinds[lines.index(t)] not in ("paragraph", "heading"), t


def test_a_foot_with_little_chrome_or_a_passage_of_the_article_keeps_its_prose() -> None:
    # a page beginning cut off after a share bar: too little chrome to be a page's foot
    lines = _whole_page("分享到：", "微信", _TEASERS[0], "评论 12", _TEASERS[1])
    kinds = _kinds_of(lines)
    assert kinds[-1] == kinds[-3] == "paragraph", kinds
    # widgets end no article (questions and answers after a calculator stay, with or without
    # the passage rule); after a related list's header, a teaser alone among chrome goes
    widget = ["分享到：", "微信", "微博", "评论 12", "收藏", "举报"]
    passage = ["逾期后该怎么补救？", _P2, "借呗和花呗哪个更严重？", _P3]
    lines = _whole_page(*widget, *passage, "相关阅读", _TEASERS[0], "评论 3", "关于我们", "联系我们", "网站地图",
                        "Copyright © 2024 某某网 版权所有", "京ICP备12345678号")
    kinds = _kinds_of(lines)
    assert [kinds[lines.index(x)] for x in (_P2, _P3)] == ["paragraph", "paragraph"], kinds
    assert kinds[lines.index(_TEASERS[0])] not in ("paragraph", "heading")


def test_a_passage_of_the_article_after_a_related_box_stays() -> None:
    """A related box inside an article: the paragraphs after it, two or more in a row, are the article's."""
    import pipeline.extract.text_page as text_page

    box = ["相关阅读", "网贷逾期怎么协商", "评论 3", "信用卡逾期多久上征信", "评论 5", "花呗逾期的后果", "评论 8"]
    more = [_P1 + _P2 + _P3, _P3 + _P2 + _P1]  # the article holds more prose than the passage
    foot = [*more, *box, _P2 + _P3, _P3 + _P1, "分享到：", "微信", "微博", "关于我们", "联系我们",
            "Copyright © 2024 某某网 版权所有", "京ICP备12345678号"]
    lines = _whole_page(*foot)
    at = len(_whole_page()) + len(more) + len(box)  # the passage: two paragraphs after the box
    assert _kinds_of(lines)[at:at + 2] == ["paragraph", "paragraph"]
    with pytest.MonkeyPatch.context() as mp:  # without the passage rule, the foot would take them
        mp.setattr(text_page, "_MIN_KEPT_PASSAGE", 10**6)
        assert _kinds_of(lines)[at:at + 2] == ["footer", "footer"]


def test_the_article_after_a_related_box_stays_when_the_site_foot_is_not_reached() -> None:
    """A related box inside the article and no site foot after it (a code review's case): the closing text stays."""
    box = ["相关阅读", "网贷逾期怎么协商", "信用卡逾期多久上征信", "花呗逾期的后果", "借呗逾期怎么办", "催收上门怎么应对"]
    for closing in ([_P3], ["三、投诉渠道", _P3, "四、结语", _P1 + _P2]):
        lines = ["网贷逾期被催收怎么办", _P1, _P2, *box, *closing]
        kinds = _kinds_of(lines)
        assert all(k in ("heading", "paragraph") for k in kinds[3 + len(box):]), kinds


def _page_foot_cases() -> list[dict]:
    import json
    from pathlib import Path

    path = Path(__file__).parents[1] / "data" / "extraction" / "page_foot_cases.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("case", _page_foot_cases(), ids=lambda c: c["id"])
def test_the_page_foot_rule_never_takes_the_articles_lines(case: dict) -> None:
    """Whole pages a tester wrote to break the rule (Q&A answers, forum replies, an article's second half
    after a calculator or an ad, FAQ toggles, a transcript after a video player): whatever the rule
    leaves in, it takes no content line (``tests/data/extraction/page_foot_cases.jsonl``)."""
    import pipeline.extract.text as text_module

    seg = segment_lines(case["lines"])
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(text_module, "_mark_page_end", lambda *args: None)
        without = segment_lines(case["lines"])
    taken = [case["lines"][i] for i in case["content"]
             if seg.kinds[i] not in ("title", "heading", "paragraph", "title_repeat")
             and without.kinds[i] in ("title", "heading", "paragraph", "title_repeat")]
    assert not taken, taken


@pytest.mark.xfail(strict=True, reason="known gap: teasers whose summaries outweigh their chrome, or under a header "
                   "the rules do not know, stay (the rule is kept conservative for Q&A and forum pages)")
@pytest.mark.parametrize("case", [c for c in _page_foot_cases() if c["kind"] == "false_negative"], ids=lambda c: c["id"])
def test_the_teasers_the_page_foot_rule_still_leaves_in(case: dict) -> None:
    kinds = segment_lines(case["lines"]).kinds
    left = [line for i, line in enumerate(case["lines"])
            if i not in case["content"] and kinds[i] in ("heading", "paragraph")]
    assert not left


def test_the_foot_is_not_cut_before_the_title() -> None:
    """When the title stands after the densest prose, that prose is a sidebar: nothing is cut after it."""
    from pipeline.extract.text_page import _mark_page_end

    lines = [_P1, _P2, "相关阅读", *(["网站地图"] * 6), "网贷逾期被催收怎么办", _TEASERS[0], "京ICP备12345678号"]
    kinds: list[str | None] = [None, None, "related", *(["navigation"] * 6), "title", None, "licence"]
    _mark_page_end(lines, kinds, title_index=9)
    assert kinds[-2] is None
    _mark_page_end(lines, kinds, title_index=0)
    assert kinds[-2] == "footer"


def test_each_related_header_judges_its_own_list() -> None:
    """Two link lists in a row: the second header starts a list of its own, so neither runs past its limit."""
    heads = [f"第{k}季度{topic}报价维持不变" for k in range(1, 5) for topic in ("贷款", "存款", "理财")]
    lines = ["网贷逾期被催收怎么办", _P1, _P2, "相关阅读", *heads[:10], "热门文章", *heads[:11], "热门推荐",
             *heads[:10]]
    kinds = _kinds_of(lines)
    assert all(k == "related" for k in kinds[4:14]), kinds[4:14]
    assert all(k == "related" for k in kinds[15:26]), kinds[15:26]
    assert all(k == "related" for k in kinds[27:37]), kinds[27:37]

def test_profile_cards_beside_each_post_go() -> None:
    lines = ["信用卡逾期后能协商分期吗", *_card(0), _P1, *_card(1), _P2]
    kinds = _kinds_of(lines)
    assert all(k == "byline" for k in kinds[1:7]) and all(k == "byline" for k in kinds[8:14])
    assert kinds[7] == "paragraph" and kinds[14] == "paragraph"


def test_one_stats_list_in_an_article_stays() -> None:
    lines = ["游戏角色养成攻略", _P1, "等级：60", "经验：125000", "金币：3000", _P2]
    kinds = _kinds_of(lines)
    assert "byline" not in kinds[2:5]


def test_a_paragraph_closing_with_a_comment_invitation_is_content() -> None:
    closing = "最后想说，负债不可怕，可怕的是逃避。只要还有收入，就一定有办法一点点还上。大家有什么问题，欢迎在评论区留言。"
    kinds = _kinds_of(["负债上岸的五点经验", _P1, _P2, closing, "欢迎在评论区留言！"])
    assert kinds[3] == "paragraph" and kinds[4] not in ("paragraph", "heading")


def test_a_sentence_the_scrape_cut_mid_word_after_a_caption_stays() -> None:
    cut = "三个月后，当银行对她提起诉讼时，李女士才惊觉：债务分文未减，征"
    kinds = _kinds_of(["网贷逾期被催收怎么办", _P1, _P2, "▲图源:小红书", cut])
    assert kinds[-1] == "paragraph"
    # a short line of the site's foot after the same caption still goes
    assert _kinds_of(["网贷逾期被催收怎么办", _P1, _P2, "▲图源:小红书", "关于我们", "联系方式", "网站地图"])[-1] != "paragraph"


def test_short_lines_over_the_sentence_the_scrape_cut_are_the_articles_not_a_foot() -> None:
    # the closing section's heading, its step number and its point, then the cut: the article went on
    kinds = _kinds_of(["警惕冒充客服诈骗", _P1, _P2, "警方提醒", "1", "核实身份官网认证", "如接到自称京东、支付宝工作人员的电话，"])
    assert all(k in ("paragraph", "heading") for k in kinds[3:])
    # the same short lines before a whole sentence that ends the text are still a foot
    foot = _kinds_of(["警惕冒充客服诈骗", _P1, _P2, "关于我们", "联系方式", "网站地图", "版权所有，转载请注明出处。"])
    assert all(k not in ("paragraph", "heading") for k in foot[3:6])


def test_a_counters_zero_over_the_body_heads_nothing_but_a_steps_number_does() -> None:
    header = _kinds_of(["这种催收短信千万别点", "创始人", "2026-03-17 22:09:21", "0", _P1, _P2])
    assert header[1] != "paragraph" and header[3] != "paragraph"
    steps = _kinds_of(["如何查询个人征信报告", _P1, "方法/步骤", "1", _P2, "2", _P3])
    assert steps[3] in ("paragraph", "heading") and steps[5] in ("paragraph", "heading")


def test_a_platforms_promotion_above_the_article_it_carries_goes() -> None:
    promo = ["某某广场“新星计划”正式上线！", "开启创作之旅，瓜分月度 $10,000 奖励！", "立即报名：https://www.example.com/q/7396",
             "💰 1,000 USDT 月度创作奖池 + 首帖体验券", "详情：https://www.example.com/announcements/49672"]
    kinds = _kinds_of([*promo, "债务减免行业的隐藏危机", _P1, _P2, _P3])
    assert all(k not in ("paragraph", "heading", "title") for k in kinds[:5])
    assert kinds[5] == "title" and kinds[6:] == ["paragraph"] * 3
    # one call with its link among the article's own lines takes nothing else with it
    app = _kinds_of(["反诈APP怎么安装", _P1, "下载地址：https://www.example.gov.cn/app", _P2, _P3])
    assert app[0] == "title" and app[1] == app[3] == app[4] == "paragraph"
