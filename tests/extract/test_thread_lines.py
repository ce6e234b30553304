"""Thread, Q&A and tool furniture (`pipeline.extract.thread_lines`), and the posts' own lines that look like it."""

from __future__ import annotations

import pytest

from pipeline.extract.boilerplate import classify_line
from pipeline.extract.fold import fold
from pipeline.extract.text import segment_lines
from pipeline.extract.thread_lines import classify_thread_line

FURNITURE = [
    ("byline", "查看: 3862|回复: 27"),
    ("byline", "浏览 1,024 / 评论 3"),
    ("byline", "2#"),
    ("byline", "#14"),
    ("byline", "贝壳里的鱼 Lv.6"),
    ("byline", "Posted by Editorial Team on 12 May 2024 · 6 min read"),
    ("byline", "Posted by Lily_Manchester » Thu Feb 15, 2024 10:32 pm"),
    ("byline", "作者 kaka0917 (小卡)"),
    ("byline", "看板 Debt"),
    ("byline", "時間 Sun Jun 16 01:23:45 2024"),
    ("byline", "※ 發信站: 某某實業坊(example.tw), 來自: 61.220.xx.xx (臺灣)"),
    ("byline", "lawyer_zhang2019 | 来自手机知道 | 采纳率86%"),
    ("byline", "投诉编号：17356628410"),
    ("byline", "黃某婷律師|台中|民事、家事"),
    ("byline", "广东 · 婚姻家事/债务 | 平均响应 3 分钟"),
    ("widget", "签名:三年之内必上岸,加油!"),
    ("widget", "有帮助(8)"),
    ("widget", "👍 4  👎 0"),
    ("widget", "该楼层疑似违规已被系统折叠 隐藏此楼查看此楼"),
    ("widget", "Share this:"),
    ("widget", "Facebook · WhatsApp · Email"),
    ("widget", "已有 23 人点亮“我也遇到”"),
    ("widget", "我也要問律師"),
    ("widget", "我也要咨询 >"),
    ("widget", "只看楼主  收藏  回复"),
    ("widget", "分期金额（元）："),
    ("widget", "分期期数：3期 6期 12期 18期 24期"),
    ("widget", "○ 5万以下  ○ 5-20万  ○ 20万以上"),
    ("widget", "开始计算  重置"),
    ("widget", "每期应还本金：--  每期手续费：--  总手续费：--"),
    ("widget", "在线评估:您的欠款总额是?"),
    ("navigation", "热门计算器：房贷计算器 | 个税计算器 | 公积金贷款计算器"),
    ("byline", "共 3 位律师回答"),
    ("byline", "投诉编号：26840013572  发起人：用户7x9Kq  2024/05/09 14:22"),
    ("byline", "03-14 10:41 · 有用 27"),
    ("byline", "發問者：KenL*** ｜ 2024年2月18日 下午11:32 ｜ 瀏覽 2,451"),
    ("byline", "李 婷律师 / 执业8年 / 响应 < 5min"),
    ("byline", "张?远律师  河南??律师事务所"),
    ("byline", "编辑于 03-14 广东"),
    ("widget", "👍 有用(58)  💬 12"),
    ("widget", "★★★★☆ 4.2（126人评价）"),
    ("widget", "分享 Facebook LINE 列印"),
    ("widget", "收藏 | 分享 | 编辑词条"),
    ("widget", "还有疑问？立即免费咨询律师"),
    ("widget", "欠款金额（元）：请输入金额"),
    ("widget", "计算结果：利息 ___ 元　违约金 ___ 元"),
    ("tag", "#信用卡逾期 #负债上岸 #停息挂账 #个性化分期"),
]

# the posts' and articles' own lines that share the furniture's words
OWN_LINES = [
    "这个帖子的回复很有帮助，谢谢大家。",
    "分期期数越多，利息越高。",
    "签名的时候一定要看清楚合同条款。",
    "我的签名被人冒用了，怎么办？",
    "楼主说的2#方案我也试过，确实有用。",
    "查看征信报告：可以在人民银行征信中心官网申请。",
    "投诉编号要保存好，后面查询进度要用。",
    "posted by 的意思是发布者。",
    "律师说分享到朋友圈的聊天记录也能当证据。",
    "回复催收短信时不要透露家人的信息。",
    "计算",
    "每期应还本金怎么算？",
    "已有不少人因此被骗，请大家提高警惕。",
    "共3个回答",  # (the navigation's)
    "提问者：女，32岁，欠款8万",
    "有用的方法只有一个：和银行协商。",
    "#1 就是这样",
]


@pytest.mark.parametrize(("family", "line"), FURNITURE)
def test_furniture(family: str, line: str) -> None:
    assert classify_thread_line(fold(line)) == family
    assert classify_line(line) is not None  # and the text path removes it


@pytest.mark.parametrize("line", OWN_LINES)
def test_own_lines_stay(line: str) -> None:
    assert classify_thread_line(fold(line)) is None


PROSE = "逾期以后应当主动联系平台说明情况，并提出分期还款的具体方案，保留好每一次沟通的记录。"


def test_posters_over_floor_lines_and_a_one_line_last_reply() -> None:
    lines = ["分享一下和银行协商的经过", "kk_8823", "2#", PROSE, "老刘不欠钱", "3#", "谢谢分享，学到了"]
    kinds = segment_lines(lines).kinds
    assert kinds[1] == kinds[4] == "byline" and kinds[2] == kinds[5] == "byline", kinds
    assert kinds[6] == "paragraph"  # the last reply, short, right under its floor


def test_a_reply_between_its_poster_and_its_date_stays() -> None:
    lines = ["网贷逾期三个月说要上门，是真的吗", "贝壳里的鱼 Lv.6", PROSE, "来自Android客户端 1楼 2024-05-06 08:12",
             "吃土少年 Lv.9", PROSE, "来自iPhone客户端 2楼 2024-05-06 08:30", "贝壳里的鱼 Lv.6", "谢谢吧友",
             "3楼 2024-05-06 08:41", "楼中楼 回复(7)", "返回列表", "发表回复", "快速回复"]
    kinds = segment_lines(lines).kinds
    assert kinds[8] == "paragraph", kinds
    # (in a page's last four lines a short line beside a date may still be read as a name: "谢" is a surname)


def test_bbs_pushes_and_a_letters_close_stay_after_the_body() -> None:
    lines = ["前置協商失敗了怎麼辦", PROSE, PROSE + "還有什麼辦法？", "※ 發信站: 某某實業坊(example.tw), 來自: 1.2.3.4",
             "推 kevin0812: 先找法扶吧，收入符合的話律師費可以全免 03/10 22:20",
             "→ minghao0922: 謝謝各位，明天就去法扶預約 03/11 08:12"]
    kinds = segment_lines(lines).kinds
    assert kinds[4] == kinds[5] == "paragraph", kinds
    letter = ["个人债务协商还款申请书", "致：某某银行信用卡中心", PROSE, "本人承诺将严格按照协商后的还款计划按时足额还款。",
              "此致", "敬礼", "预览已结束，剩余1页可下载查看", "下载文档"]
    kinds = segment_lines(letter).kinds
    assert kinds[4] == kinds[5] == "paragraph", kinds


def test_a_document_card_in_bars_is_no_table() -> None:
    lines = ["防范电信网络诈骗宣传课件.ppt", "共 24 页 | 3.6MB | PPT", "0 积分  |  下载 36 次  |  浏览 1,520 次", PROSE]
    kinds = segment_lines(lines).kinds
    assert kinds[1] not in ("paragraph", "heading") and kinds[2] not in ("paragraph", "heading"), kinds
    table = ["逾期多久会被起诉", PROSE, "| 逾期时间 | 常见后果 | 建议 |", "| 1-30天 | 催收电话 | 尽快还款 |",
             "| 90天以上 | 可能起诉 | 协商分期 |", PROSE]
    assert segment_lines(table).kinds[2:5] == ["paragraph"] * 3


def test_a_breadcrumb_ending_in_the_title_is_not_the_title() -> None:
    lines = ["某某论坛 › 生活 › 社会新闻 › 差点被骗！假民警说我涉嫌洗钱", "查看: 3472|回复: 28",
             "差点被骗！假民警说我涉嫌洗钱，还让我下载APP", "老街坊阿强", "发表于 2024-4-18 20:31", PROSE]
    seg = segment_lines(lines)
    assert seg.title_index == 2, seg.kinds


def test_the_name_opening_each_post_below_the_last_posts_header() -> None:
    lines = ["求助，逾期第47天，催收说明天要上门", "只看楼主　收藏　回复", "半夜不睡的柚子", "楼主", PROSE, "1楼 · 2024-06-11 23:08",
             "老沈不借了", "别慌。正规外访一般要提前通知，来的人要出示工作证和委托书，你可以要求看。", "2楼 · 2024-06-11 23:21",
             "溪边的石头", "“法律文书”十有八九是他们自己打印的，真要起诉会有法院的短信和传票。", "3楼 · 2024-06-12 00:02"]
    kinds = segment_lines(lines).kinds
    assert kinds[2] == kinds[6] == kinds[9] == "byline", kinds


def test_a_notices_issuer_and_date_close_its_text() -> None:
    lines = ["关于警惕冒用我院名义发送虚假短信的公告", "发布时间：2024-03-18 16:40", PROSE, PROSE + "特此提醒。",
             "特此公告。", "江某市清河区人民法院", "2024年3月18日", "【打印本页】【关闭窗口】"]
    kinds = segment_lines(lines).kinds
    assert kinds[5] == kinds[6] == "paragraph", kinds
    roc = ["前置協商注意事項", PROSE, PROSE + "請多加留意。", "臺灣○○地方法院　啟", "中華民國113年5月", "回首頁"]
    assert segment_lines(roc).kinds[3:5] == ["paragraph", "paragraph"]
    # a date under the site's footer is still the page's
    page = ["逾期怎么办", PROSE, PROSE, "关于我们 | 联系我们", "某某网络科技有限公司", "2024年3月18日"]
    assert segment_lines(page).kinds[5] != "paragraph"


def test_tables_with_full_width_bars_stay() -> None:
    lines = ["更生聲請狀範本", PROSE, "債權銀行｜債務種類｜欠款金額", "＿＿銀行｜信用卡｜＿＿元", "＿＿銀行｜信用貸款｜＿＿元", PROSE]
    assert segment_lines(lines).kinds[2:5] == ["paragraph"] * 3
    strip = ["逾期怎么办", "登录 | 注册", "繁 | 简", PROSE]
    assert segment_lines(strip).kinds[1] != "paragraph"
