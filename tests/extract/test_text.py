"""extract_text on crafted scrapes: every family in context, TOC, lists, titles, fallbacks (whole-page rules:
test_text_page.py; metadata: test_text_metadata.py)."""

from __future__ import annotations

import pytest

from pipeline.config import Settings
from pipeline.extract.text import extract_text, near_duplicate, segment_lines
from pipeline.record import Document
from tests.extract.textkit import BODY_LINES
from tests.extract.textkit import P1 as _P1
from tests.extract.textkit import P2 as _P2
from tests.extract.textkit import block_kinds as _kinds
from tests.extract.textkit import run_text as _run

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


def test_a_lead_question_and_bracketed_metadata_are_no_title() -> None:
    lead = "你是否也曾因为网贷逾期而被催收电话骚扰得夜不能寐、不敢接听任何陌生来电？"
    assert _run(lead + "\n" + BODY_LINES).title != lead
    for first in ("【本文来源：某某网】去年我在网上借了一笔钱，到期以后没能按时还上，从此开始接到催收电话。",
                  "【2024年3月5日 星期二】去年我在网上借了一笔钱，到期以后没能按时还上，从此开始接到催收电话。",
                  "【防范电信网络诈骗】近期冒充客服的诈骗电话增多，请广大市民提高警惕，不要轻信陌生来电。"):
        assert _run(first + "\n" + BODY_LINES).title is None, first
    assert _run("一、二线城市房贷断供潮：谁在逾期？\n" + BODY_LINES).title == "一、二线城市房贷断供潮：谁在逾期？"


def test_the_title_search_grows_with_the_page_not_its_square(monkeypatch: pytest.MonkeyPatch) -> None:
    """A list of thousands of short lines and no prose (a table or a menu saved as text) is one long
    header zone: every title-like line was compared with every other, and a 1 MB list took longer
    than its time budget. Counted in comparisons, not seconds: 4x the lines, about 4x the work."""
    import pipeline.extract.text as text_module

    calls = 0
    real = text_module.near_duplicate

    def counted(a: str, b: str, threshold: float = 0.7) -> bool:
        nonlocal calls
        calls += 1
        return real(a, b, threshold)

    monkeypatch.setattr(text_module, "near_duplicate", counted)

    def comparisons(rows: int) -> int:
        nonlocal calls
        calls = 0
        segment_lines(["逾期" + chr(0x4E00 + i) + "款" for i in range(rows)])  # short, title-like, no two alike
        return calls

    small, large = comparisons(500), comparisons(2000)
    assert small > 0 and large <= 5 * small
