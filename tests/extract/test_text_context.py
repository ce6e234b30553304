"""The context rules of text scrapes (text_context.py, names.py): a line read with its neighbours,
where one line alone cannot say what it is (a poster over a date, a caption under a photo's
sentence, a lawyer's name over an answer)."""

from __future__ import annotations

import pytest

from pipeline.extract.boilerplate import classify_line
from pipeline.extract.fold import fold
from pipeline.extract.names import is_name_line
from pipeline.extract.text import segment_lines, table_rows

PROSE_TITLE = "逾期以后怎么和平台协商"
PROSE = "逾期以后应当主动联系平台说明情况，并提出分期还款的具体方案，保留好每一次沟通的记录。"


@pytest.mark.parametrize("line", [
    "银行网点的自助柜员机前排起了队。（本报记者李某摄）",
    "市民在服务大厅办理业务。图/某某图库",
    "资料图：某地的催收公司办公室",
    "社区民警在宣讲防诈骗知识。受访者供图",
    "图 2：某银行的催收短信截图",
    "▲图为某平台发出的催收短信截图",
    "插图：某某",
    "▲农民工领到被拖欠的工资。通讯员 供图",
    "资料图(图源:网络)",
])
def test_photo_captions_are_removed_from_scrapes_only(line: str) -> None:
    assert classify_line(line) is None  # the HTML extractor keeps a figure's caption
    seg = segment_lines([PROSE_TITLE, PROSE, line, PROSE])
    assert seg.kinds[2] == "caption"


@pytest.mark.parametrize("line", ["图为什么这么重要", "下图为某平台的还款计划表，可以看到利息是按日计算的。",
                                  "下图为我的征信报告截图,大家帮忙看看", "上图为例,月供是3000元", "图为何会模糊"])
def test_a_sentence_about_a_figure_is_no_caption(line: str) -> None:
    seg = segment_lines([PROSE_TITLE, PROSE, line, PROSE])
    assert seg.kinds[2] in ("paragraph", "heading")


@pytest.mark.parametrize(("line", "expected"), [
    ("魏某", True), ("陈安某", True), ("王某某/某地法院法官", True),
    ("方法", False), ("前言", False), ("典型案例", False), ("张先生说他不知道", False),
])
def test_name_line(line: str, expected: bool) -> None:
    assert is_name_line(fold(line)) is expected


def test_thread_posters_above_their_dates_are_bylines() -> None:
    lines = ["负债三年终于上岸，说说经过", "还款路上", "发表于 2023-3-1 20:15", PROSE,
             "momo酱", "发表于 2023-3-2 08:01", "楼主加油，我也在协商中，平台同意分24期了，每月还两千左右。"]
    seg = segment_lines(lines)
    assert seg.kinds[0] == "title"
    assert seg.kinds[1] == seg.kinds[4] == "byline"
    assert seg.kinds[6] == "paragraph"


def test_timeline_headings_and_speakers_over_dates_stay() -> None:
    # a timeline's dates carry no time: the lines over them are its headings, or the people of a case
    story = ["我在某平台借了三万元，说是年化利率很低，实际算下来远远超过了法律保护的上限。",
             "因为公司停工，我第一次逾期，催收当天就打电话给我的紧急联系人，让我非常难堪。",
             "她收到催收短信后没有慌张，而是先核实了对方的身份，再打平台的官方客服电话。",
             "最后平台同意免除罚息，本金分二十四期偿还，她每个月按时还款，没有再被催收。",
             "回头看，主动沟通比逃避有用得多，这也是很多律师给借款人的第一条建议。"]
    lines = [PROSE_TITLE, PROSE, "借款", "2021年6月15日", story[0], "逾期", "2022年1月3日", story[1],
             "张女士", "2023年8月12日", *story[2:]]
    seg = segment_lines(lines)
    assert all(seg.kinds[i] in ("heading", "paragraph") for i in (2, 5, 8)), seg.kinds


def test_posters_count_with_names_another_rule_took() -> None:
    lines = ["网贷逾期怎么办", PROSE, "张某某", "2023-3-1 20:15", "我也遇到过这种情况，后来打了平台的官方客服电话核实身份。",
             "momo酱", "2023-3-2 08:01", "楼主加油，我也在协商中，平台同意分24期了，每月还两千左右。"]
    seg = segment_lines(lines)
    assert seg.kinds[2] == seg.kinds[5] == "byline"


def test_a_post_header_above_the_title_is_not_the_title() -> None:
    lines = ["理财君 · 阅读 812 · 评论 12", "网贷逾期三个月怎么协商", PROSE]
    seg = segment_lines(lines)
    assert seg.kinds[1] == "title" and seg.kinds[0] != "title"


def test_short_replies_above_their_dates_stay() -> None:
    # "text / date" threads: the short line above a date is the reply itself
    lines = [PROSE_TITLE, PROSE, "说得对", "2023-3-2 08:01", "有点道理", "2023-3-2 09:12", PROSE]
    seg = segment_lines(lines)
    assert seg.kinds[2] != "byline" and seg.kinds[4] != "byline"


def test_references_header_takes_its_long_entries() -> None:
    refs = ["[1]《中华人民共和国个人信息保护法》，2021年8月20日通过。",
            "2. 某某协会：《互联网金融逾期债务催收自律公约（试行）》，2018年3月。"]
    seg = segment_lines([PROSE_TITLE, PROSE, "参考资料：", *refs])
    assert seg.kinds[2:] == ["references"] * 3
    seg = segment_lines([PROSE_TITLE, PROSE, "二、协商的步骤", "1. 先整理全部欠款，列出平台、金额和逾期天数。"])
    assert seg.kinds[3] == "paragraph"  # a numbered list without a references header stays
    steps = ["2. 先确认借款合同的年化利率是否超过法律保护的上限。", "3. 再和平台协商减免罚息。"]
    seg = segment_lines([PROSE_TITLE, PROSE, "参考资料：", refs[0], *steps])
    assert seg.kinds[3] == "references" and seg.kinds[4:] == ["paragraph"] * 2  # advice steps are not entries
    many = [f"[{k}]《某某规定第{k}号》，某某出版社，2021年{k}月出版，第{k}页至第{k + 3}页，另见某某公报第{k}期。"
            for k in range(1, 13)]
    seg = segment_lines([PROSE_TITLE, PROSE, "参考文献", *many])
    assert seg.kinds[2:] == ["references"] * 13  # a long list is as long as its works


def test_title_is_not_a_post_header() -> None:
    lines = ["问：网贷被起诉了还能协商吗？", "来自 江苏 苏州 的网友 | 提问时间：09-18 14:22 | 悬赏 ¥20",
             PROSE, "孙某某 律师", "某某律师事务所 · 擅长：债权债务、合同纠纷", PROSE]
    seg = segment_lines(lines)
    assert seg.kinds[0] == "title"
    assert seg.kinds[1] == seg.kinds[4] == "byline"


def test_author_name_next_to_prose_is_a_byline_but_a_heading_is_not() -> None:
    seg = segment_lines(["李某某", PROSE, "方法", PROSE])
    assert seg.kinds[0] == "byline"
    assert seg.kinds[2] != "byline"


def test_text_tables_stay_content_even_with_short_cells() -> None:
    lines = ["| 步骤 | 做法 | 材料 |", "---|---|---", "| 1 | 报警 | 身份证 |", "| 2 | 联系平台 | 合同 |", PROSE]
    assert table_rows(lines) == {0, 1, 2, 3}
    seg = segment_lines([PROSE, *lines])
    assert all(k == "paragraph" for k in seg.kinds[1:5])
    assert table_rows(["首页 | 新闻 | 法律 | 关于我们", PROSE]) == set()  # a menu is one line


def test_image_alts_repeated_in_the_body_are_captions_but_a_twice_used_heading_is_not() -> None:
    title = "白条逾期多久会催收"
    lines = [title, PROSE, "白条逾期多久会催收", PROSE, "典型案例", PROSE, "白条逾期多久会催收", PROSE,
             "典型案例", PROSE, "逾期", "逾期", PROSE]
    seg = segment_lines(lines)
    assert seg.kinds[0] == "title"
    assert seg.kinds[2] in ("title_repeat", "caption") and seg.kinds[6] in ("title_repeat", "caption")
    assert seg.kinds[4] == "heading" and seg.kinds[8] == "heading"  # kept: a section's heading, used twice
    assert seg.kinds[10] == seg.kinds[11] == "caption"  # an alt text followed by its caption


def test_a_short_sentence_said_three_times_is_a_refrain_and_a_keyword_three_times_an_alt() -> None:
    lines = ["白条逾期多久会催收", PROSE, "欠债还钱，天经地义。", PROSE, "欠债还钱，天经地义。", PROSE,
             "欠债还钱，天经地义。", PROSE, "逾期催收", PROSE, "逾期催收", PROSE, "逾期催收", PROSE]
    kinds = segment_lines(lines).kinds
    assert [kinds[i] for i in (2, 4, 6)] == ["paragraph"] * 3
    assert [kinds[i] for i in (8, 10, 12)] == ["caption"] * 3
    alt = "催收电话录音截图，来源：受访者"  # an alt with a comma, no sentence's end
    kinds = segment_lines(["白条逾期多久会催收", PROSE, alt, PROSE, alt, PROSE, alt, PROSE]).kinds
    assert [kinds[i] for i in (2, 4, 6)] == ["caption"] * 3


def test_a_numbered_line_twice_in_a_row_is_no_alt_and_caption() -> None:
    """A sub-heading pasted twice is kept (the inner dedup keeps one copy); an image's alt and caption both go."""
    from pipeline.dedup.inner import drop_repeats
    from tests.extract.textkit import run_text

    doc = run_text("网贷逾期后催收电话打到家里怎么办\n" + PROSE + "\n1.1 核实来电身份\n1.1 核实来电身份\n" + PROSE
                   + "\n催收现场\n催收现场\n" + PROSE + "\n")
    assert "催收现场" not in doc.text
    drop_repeats(doc)
    assert doc.text.count("核实来电身份") == 1
    for caption in ("3月15日，市民在人民公园观赏盛开的樱花", "12315投诉电话截图"):  # a date or a figure, no number
        assert caption not in run_text("网贷逾期后催收电话打到家里怎么办\n" + PROSE + f"\n{caption}\n{caption}\n" + PROSE).text


def test_a_post_header_with_a_relative_date_is_a_dateline() -> None:
    from pipeline.extract.boilerplate import classify_line

    assert classify_line("发表于 前天 21:36 | 只看该作者") == "dateline"
    assert classify_line("发表于 昨天 08:15") == "dateline"
    assert classify_line("前天晚上我给客服打了电话，对方说可以分期。") is None


@pytest.mark.parametrize(
    ("line", "family"),
    [
        ("某某日报记者 王某 李某", "byline"),
        ("本报记者 赵磊 方 某", "byline"),
        ("（评论员 郑凯 孙磊）", "byline"),
        ("特约评论员 张三 李四", "byline"),
        ("记者手记", None),  # a column's name
        ("记者调查发现问题", None),
        ("记者在现场看到，新修的道路两旁种满了花草。", None),
    ],
)
def test_a_line_of_reporters_names_is_a_byline(line: str, family: str | None) -> None:
    assert classify_line(line) == family


@pytest.mark.parametrize("line", ["楼主是记者 不是催收", "我是实习生 被催收了", "自称记者 上门催收", "本报记者 提醒您"])
def test_a_forum_line_spaced_like_a_credit_stays(line: str) -> None:
    assert classify_line(line) is None


def test_a_lawyers_name_above_an_answer_is_a_card_and_at_a_letters_end_a_signature() -> None:
    card = segment_lines([PROSE_TITLE, PROSE, "孙某然 律师", PROSE + "律师的回答。"])
    assert card.kinds[2] == "byline"
    letter = segment_lines([PROSE_TITLE, PROSE, PROSE + "特此函告。", "陈某某 律师"])
    assert letter.kinds[3] in ("paragraph", "heading")


def test_posters_over_floor_headers_with_chrome_and_one_line_replies() -> None:
    lines = ["分享一下我和银行协商成功的过程", "上岸的老王", "楼主　发表于 2023-2-7 22:41", "只看该作者", PROSE,
             "小鱼不吐泡", "地板　发表于 2023-2-8 09:40", "加油兄弟",
             "债务人阿伟", "5#　发表于 2023-2-8 12:30", "谢谢老王，我明天也去试试，有结果了回来反馈。"]
    kinds = segment_lines(lines).kinds
    assert kinds[1] == kinds[5] == kinds[8] == "byline", kinds
    assert kinds[7] == "paragraph" and kinds[10] == "paragraph"  # the replies, one of them a line long


def test_text_over_floor_dates_stays_the_reply() -> None:
    # "text / floor and date" threads: the short line is the reply, not a name
    lines = [PROSE_TITLE, PROSE, "说得对", "沙发 2023-3-2 08:01", "有点道理", "板凳 2023-3-2 09:12", PROSE]
    kinds = segment_lines(lines).kinds
    assert kinds[2] != "byline" and kinds[4] != "byline", kinds


def test_an_answer_card_with_its_firm_line_names_a_two_character_lawyer() -> None:
    answer = "催收说的“移交司法部门”多数是吓唬人的说法，平台真的起诉你会收到法院的传票。"
    lines = ["催收说要上门还要走司法程序，是真的吗？", PROSE, "张明律师", "北京某某律师事务所　已帮助 2,316 人", answer]
    assert segment_lines(lines).kinds[2] == "byline"
    # without the firm line a two-character "X律师" may be a word ("王牌律师") and stays
    # (in the page's middle: a name-like line at its edges is the author's by another rule)
    lines = ["催收说要上门，是真的吗？", PROSE, PROSE, PROSE, PROSE, "王牌律师", answer, PROSE, PROSE, PROSE, PROSE]
    assert segment_lines(lines).kinds[5] != "byline"


def test_a_site_name_with_its_slogan_heads_the_page_and_the_question_below_is_the_title() -> None:
    lines = ["某某知识网 - 专注消费信贷知识分享", "花呗逾期了一天有影响吗？会不会上征信", PROSE, PROSE_TITLE]
    seg = segment_lines(lines)
    assert seg.kinds[0] == "navigation" and seg.title_index == 1
    # below the page's head the same shape is the article's line ("某某网 - 使用指南" as a heading)
    lines = [PROSE_TITLE, PROSE, PROSE, PROSE, "裁判文书网 - 使用指南", PROSE]
    assert segment_lines(lines).kinds[4] != "navigation"


@pytest.mark.parametrize("buttons", ["回复 举报", "分享 回复", "有用(2) 回复", "赞同 12 回复", "收藏 | 评论(3) | 分享"])
def test_a_comment_section_with_buttons_under_each_comment_stays_apart_from_the_body(buttons: str) -> None:
    lines = [PROSE_TITLE, PROSE, PROSE.replace("逾期以后", "协商之前"), "网友评论"]
    for i in range(12):
        lines += [f"网友{i} 2024-03-0{1 + i % 9} 10:2{i % 10}", f"我的情况差不多，第{i}次打电话才协商成功。", buttons]
    lines.append("相关文章")
    seg = segment_lines(lines)
    assert [c.author for c in seg.comments] == [f"网友{i}" for i in range(12)]
    assert seg.kinds[4:-1] == ["comment"] * 36
    assert seg.kinds[1:3] == ["paragraph", "paragraph"]


_ENTRIES = [
    "网贷逾期以后，借款人首先要做的是主动联系平台说明情况，争取协商分期还款。",
    "催收人员上门时，要求对方出示工作证件和委托授权书，核实身份后再沟通。",
    "个人信息被泄露给通讯录联系人的，可以向监管部门投诉，保留好相关证据。",
    "与银行协商个性化分期时，需要准备收入证明、困难证明等材料，如实说明。",
]


@pytest.mark.parametrize("link", ["发表评论", "评论(3)", "我要评论", "查看评论"])
def test_a_comment_link_under_every_entry_leaves_the_entries_in_the_body(link: str) -> None:
    """A list page's entries each with its own comment link: no comment section, nothing lost."""
    lines = [PROSE_TITLE]
    for i, entry in enumerate(_ENTRIES):
        lines += [entry, link.replace("3", str(i + 2))]
    seg = segment_lines(lines)
    assert seg.comments == []
    assert [seg.kinds[k] for k in range(1, len(lines), 2)] == ["paragraph"] * 4


def test_one_comment_header_or_two_still_opens_the_section() -> None:
    """The same header twice (over the comments and again over the form) is the page's one section."""
    lines = [PROSE_TITLE, PROSE, PROSE.replace("逾期以后", "协商之前"), "发表评论",
             "说得很对，我也是这样和平台谈下来的。", "发表评论"]
    seg = segment_lines(lines)
    assert [c.text for c in seg.comments] == ["说得很对，我也是这样和平台谈下来的。"]
    lines = [PROSE_TITLE, PROSE, PROSE.replace("逾期以后", "协商之前"), "10条评论",
             "说得很对，我也是这样和平台谈下来的。"]
    assert [c.text for c in segment_lines(lines).comments] == ["说得很对，我也是这样和平台谈下来的。"]


def test_the_pages_comment_section_opens_though_entries_below_repeat_its_header() -> None:
    """A code review's case: the article's 评论(12) over two comments, then related entries with 评论(3),
    评论(5). Counting the three headers alone closed the real section; an entry's link has one line under it."""
    lines = [PROSE_TITLE, PROSE, PROSE.replace("逾期以后", "协商之前"), PROSE.replace("逾期以后", "还款之后"), "评论(12)",
             "说得很对，我也是这样和平台谈下来的，分了十二期。", "谢谢分享，明天就去打客服电话试试看。",
             "相关文章", _ENTRIES[0], "评论(3)", _ENTRIES[1], "评论(5)"]
    seg = segment_lines(lines)
    assert [c.text[:4] for c in seg.comments] == ["说得很对", "谢谢分享"]
    assert seg.kinds[10] == "paragraph"  # the entry under the next 评论(3) stays where it was
