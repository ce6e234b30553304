"""Headings of text scrapes known by their place: a short line alone with the section's text right under it."""

from __future__ import annotations

import pytest

from pipeline.extract.text import segment_lines
from pipeline.extract.text_headings import heading_shape

P1 = "逾期以后应当主动联系平台客服说明情况，协商分期还款的具体方案，保留好沟通记录。"
P2 = "催收人员不得在晚上十点以后拨打电话，也不得向借款人的亲友透露欠款信息，否则可以投诉。"
P3 = "如果对方冒充公检法机关，可以直接拨打110报警，并把通话录音和短信截图保存下来作为证据。"


def _kinds(lines: list[str]) -> list[str]:
    return segment_lines(lines).kinds


@pytest.mark.parametrize(
    "line",
    ["催收的原理", "常见误区与法律底线", "第一招：核实号码", "1. 盘点债务：用Excel列出明细", "問題摘要：",
     "【风险提示】", "什么是催收？", "找对沟通渠道，别和催收纠缠", "▶ 套路 1：“不还钱就找你父母”"],
)
def test_heading_shapes(line: str) -> None:
    assert heading_shape(line)


@pytest.mark.parametrize(
    "line",
    [P1, "需要准备以下材料：", "具体步骤如下：", "2024年3月18日", "判断维度 | 正规催收 | 诈骗陷阱 |", "正文：",
     "京东白条逾期后一般会先短信通知，再过二到三天就会有人工介入电话联系你", "详情：https://www.example.com/a/1"],
)
def test_sentences_lead_ins_dates_and_table_rows_are_no_headings(line: str) -> None:
    assert not heading_shape(line)


def test_unnumbered_headings_over_their_text_open_sections() -> None:
    lines = ["网贷逾期了怎么办", P1, "催收的原理", P2, "常见误区与法律底线", P3, "問題摘要：", P1]
    kinds = _kinds(lines)
    assert kinds[2] == kinds[4] == kinds[6] == "heading"
    assert kinds[1] == kinds[3] == kinds[5] == "paragraph"


def test_numbered_points_with_a_phrase_after_the_colon_over_their_text_are_headings() -> None:
    lines = ["网贷逾期了怎么办", P1, "1. 盘点债务：用Excel列出明细", P2, "2. 主动联系平台：争取减免与分期", P3]
    assert _kinds(lines)[2] == _kinds(lines)[4] == "heading"


def test_a_section_heading_over_its_first_sub_heading() -> None:
    lines = ["网贷逾期了怎么办", P1, "四、应对逾期的建议", "及时与平台沟通", P2, "保留证据", P3]
    kinds = _kinds(lines)
    assert kinds[2:7] == ["heading", "heading", "paragraph", "heading", "paragraph"]


def test_lists_and_outlines_are_no_headings() -> None:
    # short items under a lead-in, and numbered points three in a row with nothing between them
    items = ["网贷逾期了怎么办", P1, "需要准备的材料有以下几种，请提前备好：", "身份证复印件", P2]
    assert _kinds(items)[3] == "paragraph"
    points = ["网贷逾期了怎么办", P1, "1. 每月坚持还款（哪怕只还100元）", "2. 保持通讯畅通不失联",
              "3. 主动与银行协商分期方案", P2]
    assert _kinds(points)[2:5] == ["paragraph"] * 3
    # an outline at the top, before the first prose, repeating sections of mixed levels
    outline = ["网贷逾期了怎么办", "一、了解逾期情况", "1.1 确认逾期金额", "二、联系平台客服", P1, "一、了解逾期情况", P2]
    assert "heading" not in _kinds(outline)[1:4]


def test_a_short_reply_in_a_thread_and_a_notices_issuer_are_no_headings() -> None:
    # a removed line (a poster's name, a date) between the short line and the text: not its section
    thread = ["分享一下我和银行协商成功的过程", "上岸的老王", "楼主　发表于 2023-2-7 22:41", P1,
              "小鱼不吐泡", "地板　发表于 2023-2-8 09:40", "加油兄弟", "债务人阿伟", "5#　发表于 2023-2-8 12:30", P2]
    assert _kinds(thread)[6] == "paragraph"
    notice = ["关于警惕虚假短信的公告", P1, P2 + "特此提醒。", "江某市清河区人民法院", "2024年3月18日"]
    assert _kinds(notice)[3] == "paragraph"


def test_a_pages_body_label_is_no_lead_in() -> None:
    lines = ["京东白条逾期催收按程序走", "正文:", "问题回答:", P1, "详细解答:", P2]
    kinds = _kinds(lines)
    assert kinds[2] == kinds[4] == "heading"


def test_a_first_section_that_lost_its_mark_is_no_title() -> None:
    lines = ["一明确催收行为的违法性", P1, "二立即采取的应对措施", P2, "三正式投诉与法律维权途径", P3]
    seg = segment_lines(lines)
    assert seg.title_index is None and seg.kinds[0] == seg.kinds[2] == "heading"
    # a title starting with 一 stays one when no section 二 follows
    assert segment_lines(["一张欠条引发的纠纷", P1, P2]).title_index == 0


def test_a_numbered_heading_with_a_phrase_after_its_colon_keeps_its_numberings_level() -> None:
    lines = ["网贷逾期了怎么办", P1, "一、法律定性：催收行为的边界", P2, "二、违法情形", P3]
    seg = segment_lines(lines)
    assert seg.kinds[2] == seg.kinds[4] == "heading" and seg.levels[2] == seg.levels[4] == 1


def test_a_line_numbered_as_its_heading_siblings_is_one_too() -> None:
    # under a lead-in, and over its sibling when its own text was lost
    lines = ["这种催收短信千万别点", P1, "一些不法分子冒充金融机构发送虚假短信，有以下几种诈骗形式：",
             "陷阱一：假冒网站骗盗刷", "陷阱二：虚假催收逼转账", P2, "陷阱三：虚假协商骗信任", P3]
    kinds = _kinds(lines)
    assert kinds[3] == kinds[4] == kinds[6] == "heading"
    # a legal text's 壹、贰、
    legal = ["支付命令", P1, "壹、支付命令及流程", P2, "贰、督促程序自动化平台", P3]
    assert _kinds(legal)[2] == _kinds(legal)[4] == "heading"


def test_an_inline_list_after_a_label_is_no_heading() -> None:
    assert not heading_shape("准备材料：1：被骚扰的电话截图 2：对方身份信息 3：时间线")


def test_a_short_point_numbered_as_the_sentence_next_to_it_is_an_item_of_the_same_list() -> None:
    # "1." a sentence, "2." and "3." short: all three are the list's points, not headings over the text below
    lines = ["网贷逾期应对指南", P1, "二、必须明确的三个法律常识", "1. 上门催收需持法院授权文件，普通商业机构无权调查户籍信息",
             "2. 催收人员若冒充公检法机关可直接报警", "3. 泄露借款人隐私信息涉嫌违法", P2]
    kinds = _kinds(lines)
    assert kinds[2] == "heading" and kinds[3:6] == ["paragraph"] * 3
    # the last point cut off by the scrape, under its sentence sibling
    cut = ["失业证明怎么办理", P1, "(1)失业证明的有效期一般为6个月，过期后需重新办理。", "(2)办理失业证明时务必提供真实、完整的"]
    assert _kinds(cut)[3] == "paragraph"


def test_a_short_bullet_under_a_bullet_sentence_is_the_lists_last_item() -> None:
    lines = ["逾期了怎么办", P1, "这里要纠正几个常见误区：", "- 逾期≠失信：银行通常给1-3个月宽限期，网贷平台也允许短期逾期",
             "- 暂时困难≠终身污点：结清后征信会修复", P2]
    assert _kinds(lines)[4] == "paragraph"


def test_the_points_under_a_lead_in_stay_items_down_their_run() -> None:
    lines = ["逾期的影响", P1, "修复信用的核心逻辑就两点：", "结清欠款后保持24个月正常还款记录", "控制征信查询次数", P2]
    assert _kinds(lines)[3:5] == ["paragraph", "paragraph"]


def test_a_point_under_a_lead_in_numbered_as_a_heading_sibling_is_a_heading_too() -> None:
    # "第一步" sits under the lead-in, "第二步" over its text: both open sections
    lines = ["逾期了怎么办", P1, "照着这个流程走准没错：", "第一步：按下暂停键整理数据", P2, "第二步：主动出击联系平台", P3]
    kinds = _kinds(lines)
    assert kinds[3] == kinds[5] == "heading"


def test_a_sibling_with_a_longer_label_before_its_colon_is_a_heading_like_the_others() -> None:
    lines = ["身份信息泄露被贷款怎么办", P1, "1. 立即停止贷款：", P2, "2. 报警：", P3, "3. 监控银行账户和信用记录：", P1]
    assert _kinds(lines)[6] == "heading"


def test_a_points_bare_number_between_a_heading_and_its_text_does_not_hide_the_heading() -> None:
    lines = ["冒充客服诈骗", P1, "手法解析", "01", P2, "02", P3]
    assert _kinds(lines)[2] == "heading"


def test_a_decimal_outlines_sub_sections_sit_under_their_section() -> None:
    lines = ["宜人贷逾期会上门催收吗", P1, "1. 逾期催收的基本流程", P2, "1.1 初期提醒", P3, "1.2 联系借款人协商", P1,
             "2. 上门催收的真实情况", P2, "2.1 上门催收的频率", P3]
    seg = segment_lines(lines)
    levels = {line: level for line, kind, level in zip(lines, seg.kinds, seg.levels, strict=True) if kind == "heading"}
    assert levels["1.1 初期提醒"] > levels["1. 逾期催收的基本流程"]
    assert levels["2.1 上门催收的频率"] > levels["2. 上门催收的真实情况"]
