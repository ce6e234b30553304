"""extract_text on crafted scrapes: every family in context, TOC, lists, titles, fallbacks."""

from __future__ import annotations

import pytest

from pipeline.config import Settings
from pipeline.extract.text import extract_text, near_duplicate, segment_lines
from pipeline.record import Document

PAGE = """\
您好，欢迎访问房贷频道！
首页 > 房产 > 正文
房贷提前还款要注意什么
2023-06-18 09:30:00 来源：某某财经 作者：周某
字体：大 中 小
人气：2301
房贷提前还款要注意什么
房贷提前还款要注意什么
原标题：提前还房贷，这几点要想清楚
目录
一、先看合同条款
二、选择还款方式
三、算清利息账

不少购房者手头宽裕后会考虑提前还款，但提前还款并不总是划算，需要结合合同和自身情况综合判断。
一、先看合同条款
部分银行规定贷款满一年后才可提前还款，提前还款前应先查看合同中关于违约金的约定。
如果借款人发现银行的收费构成侵权，可以向金融监管部门投诉。
二、选择还款方式
1. 缩短年限：月供不变，还款期限缩短，节省的利息更多。
2. 减少月供：期限不变，月供降低，适合现金流紧张的家庭。
房贷提前还款要注意什么
三、算清利息账
等额本息的前期还款以利息为主，越早提前还款越划算；等额本金则相反。
本文仅供参考，不构成投资建议，不代表本站观点。
标签：房贷 提前还款
加微信免费咨询
如有侵权请联系删除
刘先生：13900001111 someone@example.com
相关文章
公积金贷款额度怎么算
二手房交易流程详解
买房首付比例是多少
网友评论(2)
头像 某网友-购房者 2023-06-19
讲得很清楚，谢谢。
头像 另一位网友-理财师 2023-06-20
还要注意银行的预约时间。
返回顶部
上一篇：公积金贷款额度怎么算
友情链接：某房产网 某财经网
Copyright © 2015-2023 某某网 版权所有
京ICP备10000000号-1
"""


def _run(raw: str, **fields: object) -> Document:
    doc = Document(path="x.txt", raw=raw, **fields)
    extract_text(doc, Settings())
    return doc


def _kinds(doc: Document) -> dict[str, str]:
    return {b.text: b.kind for b in doc.blocks}


def test_full_page_body() -> None:
    doc = _run(PAGE)
    assert doc.status == "pending"
    assert doc.title == "房贷提前还款要注意什么"
    assert doc.text.splitlines() == [
        "不少购房者手头宽裕后会考虑提前还款，但提前还款并不总是划算，需要结合合同和自身情况综合判断。",
        "一、先看合同条款",
        "部分银行规定贷款满一年后才可提前还款，提前还款前应先查看合同中关于违约金的约定。",
        "如果借款人发现银行的收费构成侵权，可以向金融监管部门投诉。",
        "二、选择还款方式",
        "1. 缩短年限：月供不变，还款期限缩短，节省的利息更多。",
        "2. 减少月供：期限不变，月供降低，适合现金流紧张的家庭。",
        "三、算清利息账",
        "等额本息的前期还款以利息为主，越早提前还款越划算；等额本金则相反。",
    ]
    assert [s.heading for s in doc.sections] == [
        None,
        "一、先看合同条款",
        "二、选择还款方式",
        "三、算清利息账",
    ]


def test_full_page_metadata_and_comments() -> None:
    doc = _run(PAGE)
    assert doc.published_at == "2023-06-18T09:30:00+08:00"
    assert doc.source_name == "某某财经"
    assert doc.author == "周某"
    assert [(c.author, c.role, c.date, c.text) for c in doc.comments] == [
        ("某网友", "购房者", "2023-06-19", "讲得很清楚，谢谢。"),
        ("另一位网友", "理财师", "2023-06-20", "还要注意银行的预约时间。"),
    ]
    assert "low_confidence" not in doc.flags


def test_full_page_verdicts() -> None:
    kinds = _kinds(_run(PAGE))
    expected = {
        "您好，欢迎访问房贷频道！": "greeting",
        "首页 > 房产 > 正文": "breadcrumb",
        "2023-06-18 09:30:00 来源：某某财经 作者：周某": "dateline",
        "字体：大 中 小": "widget",
        "人气：2301": "widget",
        "原标题：提前还房贷，这几点要想清楚": "original_title",
        "目录": "toc",
        "本文仅供参考，不构成投资建议，不代表本站观点。": "disclaimer",
        "标签：房贷 提前还款": "tag",
        "加微信免费咨询": "marketing",
        "如有侵权请联系删除": "takedown",
        "刘先生：13900001111 someone@example.com": "contact",
        "相关文章": "related",
        "公积金贷款额度怎么算": "related",
        "买房首付比例是多少": "related",
        "网友评论(2)": "comment",
        "讲得很清楚，谢谢。": "comment",
        "返回顶部": "navigation",
        "上一篇：公积金贷款额度怎么算": "navigation",
        "友情链接：某房产网 某财经网": "friend_links",
        "Copyright © 2015-2023 某某网 版权所有": "copyright",
        "京ICP备10000000号-1": "licence",
    }
    for line, kind in expected.items():
        assert kinds[line] == kind, line


def test_title_repeats_and_toc_blocks() -> None:
    doc = _run(PAGE)
    title_blocks = [b.kind for b in doc.blocks if b.text == "房贷提前还款要注意什么"]
    assert title_blocks == ["title", "title_repeat", "title_repeat", "title_repeat"]
    toc = [b.text for b in doc.blocks if b.kind == "toc"]
    assert toc == ["目录", "一、先看合同条款", "二、选择还款方式", "三、算清利息账"]
    assert doc.removed["toc"] == {"count": 4, "chars": sum(len(t) for t in toc)}
    # the headings themselves (second occurrence) are kept
    assert [b.kind for b in doc.blocks if b.text == "一、先看合同条款"] == ["toc", "heading"]


def test_toc_without_header_needs_a_run() -> None:
    raw = "\n".join(
        [
            "一份说明",
            "（一）适用范围",
            "（二）办理流程",
            "本说明介绍了办理业务时需要准备的材料和办理的具体流程，供参考使用。",
            "（一）适用范围",
            "适用于在本市缴纳社保满一年的职工，首次办理的需要本人到场。",
            "（二）办理流程",
            "先在线预约，再携带材料到窗口办理，一般五个工作日内办结。",
        ]
    )
    doc = _run(raw)
    assert [b.kind for b in doc.blocks][1:3] == ["toc", "toc"]
    assert [s.heading for s in doc.sections if s.heading] == ["（一）适用范围", "（二）办理流程"]


def test_single_repeated_short_line_is_not_a_toc() -> None:
    raw = "\n".join(
        [
            "办理指南",
            "这是第一段正文，说明办理的背景和适用的对象，内容较长，足以构成段落。",
            "一、准备材料",
            "身份证、户口本和近期照片各一份，复印件需要本人签字确认。",
            "一、准备材料",
            "重复出现的小标题在抓取页面中并不少见，但单独一行不是目录。",
        ]
    )
    doc = _run(raw)
    assert "toc" not in doc.removed
    assert [s.heading for s in doc.sections if s.heading] == ["一、准备材料", "一、准备材料"]


def test_traditional_page_with_pinyin_annotations() -> None:
    raw = "\n".join(
        [
            "您好!歡迎訪問(wèn)理財(cái)頻道!",
            "信用卡分期怎麼(me)選",
            "本站刪帖舉報(bào)郵箱:someone@example.com",
            "信用卡分期怎麼(me)選",
            "選擇分期之前,應(yīng)該先比較各家銀行的手續(xù)費(fèi)率和總成本,避免被低月供吸引。",
            "相關(guān)閱讀",
            "信用卡逾期怎麼辦",
            "版權(quán)所有 © 某網",
        ]
    )
    doc = _run(raw)
    kinds = [b.kind for b in doc.blocks]
    assert kinds == [
        "greeting",
        "title",
        "takedown",
        "title_repeat",
        "paragraph",
        "related",
        "related",
        "copyright",
    ]
    assert doc.title == "信用卡分期怎麼(me)選"  # original text; normalisation is a later stage


def test_body_mentions_of_keywords_are_kept() -> None:
    raw = "\n".join(
        [
            "网络侵权怎么维权",
            "如果遇到侵权，请联系律师维权，并保存好相关证据，必要时向法院起诉。",
            "公司昨日发布声明称，已删除涉事内容并向用户致歉。",
            "评论区的言论同样受法律约束，不能因为匿名就随意发表不实信息。",
        ]
    )
    doc = _run(raw)
    assert len(doc.paragraphs) == 3
    assert doc.removed == {}


def test_contact_line_is_removed_only_after_a_takedown_line() -> None:
    raw = "\n".join(
        [
            "社保卡补办指南",
            "社保卡丢失后应第一时间挂失，然后携带身份证到服务网点办理补卡手续。",
            "联系人：李先生 电话：010-12345678",
        ]
    )
    doc = _run(raw)
    assert doc.paragraphs[-1] == "联系人：李先生 电话：010-12345678"


def test_a_comment_link_above_the_article_opens_no_comment_section() -> None:
    """"发表评论" under the title, then the article with a name and a date in it: the article stays the body."""
    raw = "\n".join([
        "网贷逾期被催收怎么办", "2024-05-20 10:00 来源：某某网", "发表评论",
        "网贷逾期以后，借款人首先要做的是核实催收方的身份，确认对方确实是平台委托的机构，再谈还款安排。",
        "某某 2023-03-01 10:20",
        "如果暂时无力偿还，可以主动联系平台说明情况，提出延期或者分期的请求，并保留好所有的沟通记录。",
    ])
    doc = _run(raw)
    assert len(doc.paragraphs) >= 2 and not doc.comments, (doc.paragraphs, doc.comments)


def test_comments_without_header_start_at_avatar_lines() -> None:
    raw = "\n".join(
        [
            "装修合同注意事项",
            "签订装修合同时要写明材料品牌、型号和施工工期，并约定延期的违约责任。",
            "头像 某业主 2023-03-01",
            "很有用。",
        ]
    )
    doc = _run(raw)
    assert len(doc.paragraphs) == 1
    assert [(c.author, c.text) for c in doc.comments] == [("某业主", "很有用。")]


def test_only_boilerplate_is_quarantined() -> None:
    raw = "\n".join(["首页 > 新闻 > 正文", "返回顶部", "Copyright © 2020 某网", "京ICP备10000000号"])
    doc = _run(raw)
    assert doc.status == "quarantined"
    assert doc.reason == "no article body found in text"
    assert [b.kept for b in doc.blocks] == [False] * 4


def test_empty_input_is_quarantined() -> None:
    doc = _run("\n  \n")
    assert doc.status == "quarantined"
    assert doc.blocks == []


def test_prose_is_restored_when_nothing_else_is_left() -> None:
    prose = "声明：本市将于下月起调整公积金缴存基数，职工和单位的缴存比例保持不变，具体标准以公告为准。"
    doc = _run(prose)
    assert doc.status == "pending"
    assert doc.paragraphs == [prose]
    assert "low_confidence" in doc.flags
    assert doc.extraction_confidence < 0.6


@pytest.mark.parametrize("title", ["医疗费用怎么报", "社保断缴怎么补报", "如何退出合作社", "怎么登录裁判文书网"])
def test_a_question_ending_like_an_outlet_is_still_a_title(title: str) -> None:
    assert segment_lines([title, _P1, _P2]).kinds[0] == "title"


def test_a_post_spaced_into_phrases_is_prose() -> None:
    post = "欠款三十万元 每月工资五千元 信用卡八张 网贷十几个 现在每天被催收电话打爆 求各位大神指点迷津 谢谢大家"
    assert segment_lines(["网贷逾期被催收怎么办", _P1, post, _P2]).kinds[2] == "paragraph"


def test_an_outlets_name_alone_is_not_the_title() -> None:
    # the headline went with the list above it; the outlet's line beside the date must not stand in
    lines = ["内容推荐", "高校辅导员揭不良校园贷 学生成下线", "2018-01-11", "某某青年报", "作者:", _P1, _P2]
    assert segment_lines(lines).kinds[3] != "title"


def test_title_hint_from_the_record_is_respected() -> None:
    raw = "\n".join(
        [
            "某某网",
            "社保转移怎么办理",
            "跨省转移社保关系需要先在新参保地登记，再由转出地办理转出手续。",
            "社保转移怎么办理",
        ]
    )
    doc = _run(raw, title="社保转移怎么办理")
    assert doc.title == "社保转移怎么办理"
    assert [b.kind for b in doc.blocks][1:] == ["title", "paragraph", "title_repeat"]


def test_keep_blocks_off() -> None:
    doc = Document(path="x.txt", raw=PAGE)
    settings = Settings()
    settings.extract.keep_blocks = False
    extract_text(doc, settings)
    assert doc.blocks == []
    assert doc.removed["title_repeat"]["count"] == 3


def test_segment_lines_is_reusable() -> None:
    seg = segment_lines(
        ["返回顶部", "标题一行", "这是一段很长的正文内容，用来说明分段函数可以独立于文档对象使用。"]
    )
    assert seg.kinds == ["navigation", "title", "paragraph"]
    assert seg.title_index == 1


def test_near_duplicate() -> None:
    assert near_duplicate("公积金贷款额度怎么算", "公积金贷款额度怎样算")
    assert not near_duplicate("公积金贷款额度怎么算", "二手房交易流程详解")


NEWS = """\
某某财经
首页 | 新闻 | 财经 | 股票 | 基金
央行：下调存款准备金率0.5个百分点
2024年01月24日 18:02 某某通讯社
分享到：微信 微博
　　本报北京1月24日电 人民银行负责人24日在新闻发布会上表示，将于2月5日下调存款准备金率0.5个百分点。
　　他说，此次下调后，将向市场提供长期流动性约1万亿元，总体保持流动性合理充裕。
　　（记者 王某）
责任编辑：张某 SF001
热门推荐
收起
24小时滚动播报最新的财经资讯和视频
更多粉丝福利扫描二维码关注（somefinance）
电话：400-000-0000 欢迎批评指正
某某简介|广告服务|About Us
Copyright © 1996-2024 Some Corporation
"""


def test_news_page_menu_footer_and_unlabelled_source() -> None:
    doc = _run(NEWS)
    assert doc.title == "央行：下调存款准备金率0.5个百分点"
    assert doc.published_at == "2024-01-24T18:02:00+08:00"
    assert doc.source_name == "某某通讯社"
    assert doc.author == "王某"  # the reporter's credit; the editor (张某) is not the author
    assert len(doc.paragraphs) == 2
    assert _kinds(doc)["（记者 王某）"] == "byline"  # the reporter's credit after the body
    kinds = _kinds(doc)
    assert kinds["某某财经"] == "preamble"
    assert kinds["首页 | 新闻 | 财经 | 股票 | 基金"] == "navigation"
    assert kinds["分享到：微信 微博"] == "widget"
    assert kinds["24小时滚动播报最新的财经资讯和视频"] == "footer"
    assert kinds["电话：400-000-0000 欢迎批评指正"] == "footer"
    assert kinds["更多粉丝福利扫描二维码关注（somefinance）"] == "marketing"
    assert kinds["某某简介|广告服务|About Us"] == "navigation"
    assert doc.extraction_confidence >= 0.6


def test_toc_promotes_unnumbered_body_headings() -> None:
    raw = "\n".join(
        [
            "欠款起诉流程是怎样的",
            "本文目录一览：",
            "1、起诉前需要准备什么",
            "2、去哪个法院起诉",
            "起诉前需要准备什么",
            "起诉前应当准备好身份证明、借条或欠条、转账记录等证据材料，并写好民事起诉状。",
            "去哪个法院起诉",
            "一般由被告住所地人民法院管辖，合同纠纷也可以由合同履行地法院管辖。",
        ]
    )
    doc = _run(raw)
    assert [b.kind for b in doc.blocks] == [
        "title",
        "toc",
        "toc",
        "toc",
        "heading",
        "paragraph",
        "heading",
        "paragraph",
    ]
    assert [s.heading for s in doc.sections] == ["起诉前需要准备什么", "去哪个法院起诉"]


def test_title_with_question_mark_and_site_name_first() -> None:
    raw = "\n".join(
        [
            "某某生活服务网",
            "信用卡逾期了怎么办？三招教你应对",
            "2024-03-02 来源：某某生活服务网",
            "信用卡逾期后应尽快还清欠款，并主动联系银行说明情况，必要时申请个性化分期。",
            "逾期记录会在还清后保留五年，期间应保持良好的用卡习惯。",
        ]
    )
    doc = _run(raw)
    assert doc.title == "信用卡逾期了怎么办？三招教你应对"
    assert [b.kind for b in doc.blocks] == ["preamble", "title", "dateline", "paragraph", "paragraph"]


def test_anonymous_comments_never_swallow_the_body() -> None:
    body = [
        "这是一篇关于影评写作的文章，开头只有一句简短的介绍。",
        "写好影评首先要看懂电影，至少完整观看两遍，记录关键情节和人物关系。",
        "其次要有自己的观点，不要复述剧情，而是分析导演想表达什么、表达得好不好。",
        "最后注意结构清晰，开头亮明观点，中间分析论证，结尾总结升华。",
    ]
    raw = "\n".join(["影评怎么写", body[0], "评论", *body[1:]])
    doc = _run(raw)
    assert doc.comments == []
    assert doc.paragraphs == body


def test_anonymous_comments_after_a_long_body_are_comments() -> None:
    body = [
        "写好影评首先要看懂电影，至少完整观看两遍，记录关键情节和人物关系，再动笔。",
        "其次要有自己的观点，不要复述剧情，而是分析导演想表达什么、表达得好不好。",
    ]
    raw = "\n".join(["影评怎么写", *body, "网友评论", "写得好。", "学习了。"])
    doc = _run(raw)
    assert doc.paragraphs == body
    assert [c.text for c in doc.comments] == ["写得好。", "学习了。"]


def test_a_long_run_of_short_lines_under_a_related_header_is_content() -> None:
    captions = [f"第{i}张照片：山谷里的枫叶又红了一些" for i in range(1, 26)]
    raw = "\n".join(["秋天的山谷里枫叶正红", "相关文章", *captions])
    doc = _run(raw)
    assert doc.paragraphs == captions
    assert doc.title == "秋天的山谷里枫叶正红"
    assert doc.removed == {"related": {"count": 1, "chars": 4}}  # only the header


# ----------------------------------------------------------------------------- whole-page scrapes: short-line runs

_P1 = "网贷逾期以后，借款人首先要做的是核实催收方的身份，确认对方确实是平台委托的机构，再谈还款安排。"
_P2 = "如果暂时无力偿还，可以主动联系平台说明情况，提出延期或者分期的请求，并保留好所有的沟通记录。"
_P3 = "遇到威胁、辱骂或者向家人朋友透露欠款信息的情况，可以向监管部门投诉，必要时报警处理。"


def _kinds_of(lines: list[str]) -> list[str]:
    return segment_lines(lines).kinds


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
    assert _kinds_of([*lines[:5], _P1, *lines[7:]])[4] == "paragraph"


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


BODY_LINES = (
    "在现代金融体系中，贷款逾期是一个常见但棘手的问题，很多借款人不知道该如何与平台沟通。\n"
    "本文将详细介绍如何找到官方客服、说明自己的困难，并提出切实可行的还款方案。\n"
)


def test_a_section_heading_on_the_first_line_is_no_title() -> None:
    """A scrape starting inside the article: its first section's heading is not the article's title."""
    for first in ("一、催收电话打到家门口：真实案例引发的法律疑问", "引言：理解逾期还款的挑战与协商的重要性",
                  "案件摘要", "第一步：了解自己的逾期情况", "壹、支付命令及流程"):
        assert _run(first + "\n" + BODY_LINES).title is None, first
    assert _run("2025年信用卡逾期怎么办\n" + BODY_LINES).title == "2025年信用卡逾期怎么办"  # a year is no number


def test_a_headline_of_questions_is_the_title_however_long() -> None:
    title = "支付命令是什么？收到的话该如何是好？执行命令又是什么？被扣薪了怎么办？"
    doc = _run(title + "\n" + BODY_LINES)
    assert doc.title == title


def test_a_title_label_is_no_part_of_the_title() -> None:
    assert _run("标题：逾期了发消息说要起诉，这可咋办？\n" + BODY_LINES).title == "逾期了发消息说要起诉，这可咋办？"


def test_a_bracketed_headline_before_the_first_sentence_is_the_title() -> None:
    doc = _run("【被他人冒用身份贷款应该如何处理】在日常生活中，个人信息安全越来越受到重视，一旦发现身份被冒用要及时处理。\n"
               + BODY_LINES)
    assert doc.title == "被他人冒用身份贷款应该如何处理"
    assert _run("【骗案/收数/追债】骗案手法层出不穷，但其实万变不离其宗，利用人们恐惧的心理作案。\n"
                + BODY_LINES).title is None  # a list of tags
    assert _run("【某某网讯】近日，某地发布通知，提醒市民警惕冒充客服的诈骗电话。\n" + BODY_LINES).title is None


def test_credits_in_the_body_give_author_and_source_and_an_editor_is_no_author() -> None:
    doc = _run("警惕冒充京东客服的诈骗\n"
               "某某晚报讯（记者 张伟 实习生 李娜）“双11”临近，太原市反诈中心向社会发布紧急预警，提醒市民注意。\n"
               "几天前，吴先生接到自称是京东工作人员打来的电话，对方告知其注册信息不完整。\n"
               "责任编辑：张某\n")
    assert (doc.author, doc.source_name) == ("张伟 李娜", "某某晚报")
    doc = _run("网贷逾期怎么办\n时间：2018-11-09 编辑：admin\n" + BODY_LINES)
    assert doc.author is None and doc.published_at == "2018-11-09"


def test_a_lead_question_and_bracketed_metadata_are_no_title() -> None:
    lead = "你是否也曾因为网贷逾期而被催收电话骚扰得夜不能寐、不敢接听任何陌生来电？"
    assert _run(lead + "\n" + BODY_LINES).title != lead
    for first in ("【本文来源：某某网】去年我在网上借了一笔钱，到期以后没能按时还上，从此开始接到催收电话。",
                  "【2024年3月5日 星期二】去年我在网上借了一笔钱，到期以后没能按时还上，从此开始接到催收电话。",
                  "【防范电信网络诈骗】近期冒充客服的诈骗电话增多，请广大市民提高警惕，不要轻信陌生来电。"):
        assert _run(first + "\n" + BODY_LINES).title is None, first
    assert _run("一、二线城市房贷断供潮：谁在逾期？\n" + BODY_LINES).title == "一、二线城市房贷断供潮：谁在逾期？"


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
