"""Content that looks like the furniture the fourteenth session's rules remove (a tester's cases).

Each page here lost a line to a first version of those rules: a headline with a dash, a thread's
title over "楼主", an answer's first short line, a lawyer's cited statute, a heading of advice, a
bullet ending in 截图, English prose and code, a how-to's "签名：" step, dated table rows, a
letter's signer, a quoted statement, copyright advice. The rules were narrowed; these keep them so.
"""

from __future__ import annotations

import pytest

from pipeline.extract.boilerplate import classify_line
from pipeline.extract.text import segment_lines

KEPT = ("title", "heading", "paragraph")
PROSE = "逾期以后应当主动联系平台说明情况，并提出分期还款的具体方案，保留好每一次沟通的记录。"

PAGES = [
    # (lines, indices that must be kept)
    (["反诈宣传进社区——民警上门讲解防骗知识", "2024-03-14 来源：某某区公安分局",
      "为提高居民防范电信网络诈骗的意识，3月13日，某某派出所民警走进辖区某某社区，开展反诈宣传活动。", PROSE], [0]),
    (["信用卡逾期三个月银行要起诉", "楼主", "最近信用卡账单有点多，逾期三个月了，真的不知道怎么办才好，大家帮我出出主意。",
      "老会计", "沙发 发表于 2024-3-12 21:40", "主动联系银行协商个性化分期，别躲着不接电话，越躲越被动。",
      "路人乙", "板凳 发表于 2024-3-13 08:15", "同问"], [0]),
    (["信用卡逾期5万会坐牢吗？", "提问时间：2024-03-14 09:12", "张律师", "2024-03-14 10:30", "不会坐牢",
      "信用卡逾期属于民事纠纷，只要没有恶意透支的情形，一般不会涉及刑事责任。", "李律师", "2024-03-14 11:02",
      "可以协商分期", "建议您主动联系银行信用卡中心，说明收入情况，申请个性化分期还款。"], [4, 8]),
    (["央行下调存款准备金率0.5个百分点", "2024-02-05 09:00 来源：某某财经", "中国人民银行今日宣布下调存款准备金率。",
      "2024-02-05 10:30", "市场反应", "消息公布后，债券市场收益率小幅下行，股市高开。", "2024-02-05 11:45", "专家解读",
      "某某证券首席经济学家表示，此次降准释放长期资金约一万亿元。"], [4, 7]),
    (["网贷逾期两年了会被起诉吗？", PROSE,
      "相关法规：《中华人民共和国民法典》第六百七十五条 借款人应当按照约定的期限返还借款。", PROSE], [2]),
    (["信用卡停息挂账怎么办理", PROSE, "一、停息挂账、一对一协商怎么申请", "持卡人可以拨打银行信用卡中心的客服电话，说明困难情况。"],
     [2]),
    (["遭遇暴力催收怎么办", PROSE, "▲ 保存好催收短信、通话录音和聊天截图", "警方提醒，遇到暴力催收要及时报警。"], [2]),
    (["借条怎么写才有效？律师教你6个要素", PROSE, "还款日期：写明具体的年月日", "签名：借款人、出借人双方亲笔签名并按手印。",
      "只要具备了以上要素，借条在法律上就是有效的。"], [3]),
    (["我的网贷还款记录，大家帮我看看是不是被多收了利息", "借了1万，分12期，每期还款记录如下：",
      "2024-01-15 10:30 | 还款 | 1050元", "2024-02-15 10:31 | 还款 | 1050元", "2024-03-15 09:58 | 还款 | 1050元",
      "这样算下来年化利率是不是超过了24%？"], [2, 3, 4]),
    (["关于暴力催收的投诉信（范本）", "某某监管局：", "本人张某某，因某平台暴力催收，特此投诉，请求依法查处。", "此致", "敬礼",
      "投诉人：张某某"], [3, 4, 5]),
    (["某平台回应催收争议", PROSE, "对此，该平台于3月13日发布声明。",
      "平台声明：我司已终止与涉事催收机构的合作，并将配合监管部门调查。", PROSE], [3]),
    (["自媒体文章被抄袭了怎么办？", PROSE, "如果网络上有人盗用你的版权作品，可以通知平台删除。",
      "若涉及著作权纠纷，当事人也可以向版权局检举。", PROSE], [2, 3]),
]


@pytest.mark.parametrize(("lines", "kept"), PAGES)
def test_lookalike_content_is_kept(lines: list[str], kept: list[int]) -> None:
    kinds = segment_lines(lines).kinds
    assert all(kinds[i] in KEPT for i in kept), kinds


@pytest.mark.parametrize("line", [
    "Let us assume the debt is £5,000; the agency still cannot harass you.",
    "Various lenders charge late fees; check your contract.",
    "var rate = 0.049 / 12;",
    "订单编号：DD2024031412 借款金额5000元，到手只有3500元，砍头息1500元",
    "已有 3 人参与过这个众筹，都没拿回钱",
    "加QQ咨询后专人一对一对接，他说可以帮我停息挂账",
    "银行客服承诺响应30分钟内回电",
    "张某律师 / 李某律师共同代理此案",
    "在线测评：你的负债是否已经超过警戒线？下面这张表可以帮你判断",
    "相关工具：房贷计算器、公积金计算器、个税计算器都可以在银行官网找到。",
    "我在这个论坛混到了 lv 8",
    "相关问题：很多网友关心的是，逾期多久会上征信？答案是因平台而异。",
    "您可能想知道：逾期后银行会怎么处理？下面逐一说明。",
])
def test_lookalike_lines_are_no_furniture(line: str) -> None:
    assert classify_line(line) is None
