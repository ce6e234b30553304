"""The scrape line families of pipeline.extract.line_rules, and the context rules built on them in text.py."""

from __future__ import annotations

import pytest

from pipeline.extract.boilerplate import classify_line
from pipeline.extract.fold import fold
from pipeline.extract.names import is_name_line
from pipeline.extract.text import segment_lines, table_rows

PROSE_TITLE = "逾期以后怎么和平台协商"
PROSE = "逾期以后应当主动联系平台说明情况，并提出分期还款的具体方案，保留好每一次沟通的记录。"

POSITIVE = [
    ("caption", "![]()"),
    ("caption", "IMG_2031 (2).jpg"),
    ("caption", "（資料圖）"),
    ("caption", "▲图源：网络"),
    ("caption", "图片来源：某某官方"),
    ("caption", "图片由读者投稿分享"),
    ("caption", "信用卡逾期怎么办-第2张图片-某某网"),
    ("byline", "记者 / 张某某 实习生 / 李某"),
    ("byline", "撰文丨王某 编辑丨刘某"),
    ("byline", "□通讯员 赵某某"),
    ("byline", "（某某新闻/陈某 台北报导）"),
    ("dateline", "12 Mar, 2024"),
    ("dateline", "某某用户 更新时间：2025-02-11 09:30:00"),
    ("dateline", "小明说财经 2023-08-09"),
    ("dateline", "發布日期：民國113年5月2日　發布單位：法制處"),  # Taiwan's 民國 calendar
    ("dateline", "最近更新：2024年9月"),  # a date to the month, after its label
    ("dateline", "本文更新于2023-11"),
    ("dateline", "Last updated: September 2024"),
    ("dateline", "資料更新日期：113-05-02 瀏覽人次：1234"),
    ("widget", "阅读()"),
    ("widget", "更新 发布 阅读 3 分钟"),
    ("widget", "點擊右上角分享給微信好友"),
    ("widget", "文档简介"),
    ("navigation", ":::"),
    ("navigation", "正在阅读：网贷逾期后如何与平台沟通"),
    ("navigation", "本章未完，请点击下一页继续阅读"),
    ("navigation", "按 Enter 到主內容區"),
    ("navigation", "close"),
    ("navigation", "本文链接："),
    ("navigation", "https://example.com/news/123.html"),
    ("navigation", "财经 正文"),
    ("related", "更多新聞：某地警方破获一起暴力催收案"),
    ("related", "热搜：信用卡 分期 征信"),
    ("related", "内容推荐"),
    ("related", "你可能還想看"),
    ("related", "为您推荐"),
    ("comment", "最热评论"),
    ("comment", "暂无评论"),
    ("comment", "登录后发表评论"),
    ("widget", "点赞(12) 收藏(3) 分享"),
    ("widget", "12人觉得有用"),
    ("widget", "已有1234人咨询"),
    ("widget", "擅长：债务纠纷、合同纠纷"),
    ("widget", "正在加载..."),
    ("navigation", "最佳答案"),
    ("navigation", "共3个回答"),
    ("navigation", "本文链接：https://www.example.com/a/123.html"),
    ("byline", "回答者：张律师"),
    ("related", "大家还在问"),
    ("tag", "所属分类：法律知识"),
    ("marketing", "想了解更多债务问题，欢迎咨询"),
    ("marketing", "扫码添加专属顾问"),
    # promotions and calls of self-media and loan sites
    ("marketing", "长按二维码关注我们"), ("marketing", "打开APP，阅读体验更佳"), ("marketing", "点击下载APP"),
    ("marketing", "免费获取债务规划方案"), ("marketing", "点击咨询债务优化方案"), ("marketing", "点赞关注不迷路"),
    ("marketing", "想了解更多，关注我，每天分享上岸干货"), ("marketing", "喜欢这篇文章就点个在看吧"),
    ("marketing", "欢迎关注、转发、点赞"), ("marketing", "↓↓↓ 点击下方链接免费咨询 ↓↓↓"),
    ("marketing", "广告 ×"), ("marketing", "[广告]"), ("marketing", "赞助商广告"), ("marketing", "新用户专享"),
    ("marketing", "3分钟审批，当天放款"), ("marketing", "不看征信，黑户可贷"), ("marketing", "有逾期问题可以找我"),
    ("marketing", "需要帮助的朋友可以私信"), ("marketing", "想要协商模板的朋友评论区扣1"),
    ("marketing", "某某博188入口"),
    ("disclaimer", "温馨提示：本站信息仅供参考"),
    ("contact", "咨询电话：400-888-8888"),
    ("widget", "页数：12"),
    ("widget", "文档价格：2积分"),
    ("widget", "被浏览 12,345"),
    ("widget", "浏览 1234 次"),
    ("caption", "点击添加图片描述（最多60个字）"),
    ("disclaimer", "本文转载自微信公众号"),
    ("navigation", "举报/反馈"),
    ("navigation", "- END -"),
    ("navigation", "开始计算"),
    ("marketing", "觉得有用就点个赞吧"),
    ("marketing", "码字不易，请点赞收藏"),
    ("related", "本周热门"),
    ("dateline", "IP属地：北京"),
    ("widget", "图片加载中，请稍候..."),
    ("navigation", "– END –"),
    ("disclaimer", "本文转载自人民网。"),
    ("marketing", "别忘了点赞哦"),
    ("navigation", "上一篇 网贷逾期怎么办"),
    ("navigation", "下一篇文章：信用卡逾期"),
    ("comment", "243条评论|3,930人参与网友评论"),
    ("related", "5月20日，某地农户在田间采摘草莓，当地草莓种植已有十余年历史...【详细】"),
    ("related", "某市发布信用修复新规 详情>>"),
    ("related", "▪ 逾期多久上征信？ ▪ 协商还款怎么谈？ ▪ 催收打电话给家人违法吗？"),
    ("marketing", "- Advertisement -"),
    ("marketing", "专业团队一对一服务（微信：点击复制微信号）"),
    ("marketing", "有任何债务问题，欢迎咨询我们。"),
    ("marketing", "还有疑问欢迎在评论区留言，我们会及时回复。"),
    ("marketing", "关注某某财经"),
    ("marketing", "点击下方链接，查询你的可借额度"),
    ("disclaimer", "郑重声明：本文内容来自用户投稿。"),
    ("disclaimer", "版权说明：本文档由用户上传，如有侵权请举报。"),
    ("disclaimer", "本文观点仅代表作者本人，与本网站无关。"),
    ("disclaimer", "本文由某某网发布，禁止采集与转载，违者必究。"),
    ("disclaimer", "以上内容援引自互联网，仅供参考。"),
    ("widget", "文档格式：PDF"),
    ("widget", "剩余 12 页未读，继续阅读"),
    ("widget", "VIP专享文档"),
    # more of a document-sharing site's card and preview widgets
    ("widget", "文档热度："), ("widget", "文档标签：合同 范本"), ("widget", "需要金币：50"),
    ("widget", "认证主体：某某科技有限公司"), ("widget", "内容提供方：某某"),
    ("widget", "本文档不支持在线阅读，请下载后查看"), ("widget", "试读结束，如需完整阅读请下载"),
    ("widget", "分享文档"), ("widget", "文档贡献者"), ("widget", "付费文档"), ("widget", "开通VIP"),
    ("widget", "阅读了该文档的用户还阅读了这些文档"), ("widget", "此文档下载收益归作者所有"),
    ("widget", "该用户很懒，什么也没介绍"), ("widget", "预览与下载："),
    # Q&A answer cards and their widgets
    ("byline", "郑某峰律师　浙江某某律师事务所"), ("byline", "马某律师　执业12年"), ("byline", "答主：财经老李"),
    ("navigation", "本回答由网友推荐"), ("navigation", "律师解答 · 共2条"),
    ("widget", "帮助过 320 人 好评率 99%"),
    ("widget", "00:15 / 02:40"),
    ("dateline", "3 小时前"),
    ("navigation", "楼主"),
    ("navigation", "12楼"),
    ("navigation", "首页 新闻 财经 法律 问答 关于"),
    ("marketing", "下载APP 查看更多"),
    ("marketing", "最高可借20万 秒到账"),
    ("contact", "技术支持：某某网络科技"),
    ("widget", "56 跟贴 56"),
    ("widget", "阅读 1.2万 · 评论 3"),
    ("widget", "采纳数：1451 获赞数：249608"),
    ("widget", "主题 1 帖子 5 积分 5"),
    ("navigation", "关于我们 | 服务协议 | 隐私政策 | 联系我们 | 网站地图"),
    ("navigation", "关于本站｜About us｜广告服务｜诚聘英才"),
    ("noise", "Notice: Undefined index: id in /www/site/func.php on line 88"),
    # families from a written set of page beginnings (Q&A, forums, document libraries, self-media)
    ("navigation", "我有更好的答案"),
    ("navigation", "免费向专家提问 >>"),
    ("navigation", "向TA咨询"),
    ("navigation", "联系在线客服"),
    ("navigation", "举报作者"),
    ("navigation", "返回上一頁"),
    ("navigation", "首頁　關於我　理財筆記　聯絡我"),
    ("navigation", "共5页 1 2 3 下一页"),
    ("navigation", "热门城市：北京 天津 重庆 西安 南京"),
    ("navigation", "分享至："),
    ("navigation", "分享：Facebook LINE Twitter"),
    ("navigation", "« 下一篇：停息挂账的三个误区"),
    ("widget", "本回答是否解决了您的问题？ 是 否"),
    ("widget", "这篇文章对你有帮助吗？ 有用 没用"),
    ("widget", "请输入您想咨询的问题"),
    ("widget", "🔍 搜一搜，比如“征信修复”"),
    ("widget", "月供金额：-- 元"),
    ("widget", "贡献者：某某法务"),
    ("widget", "温馨提示：当前处于预览模式，仅展示部分内容"),
    ("widget", "预览已结束，下载完整版需 5 积分"),
    ("widget", "第 3 页 / 共 18 页"),
    ("widget", "字号：T | T"),
    ("widget", "【字型】大 中 小"),
    ("related", "你可能还想看："),
    ("related", "相关经验推荐"),
    ("related", "其他类似问题"),
    ("related", "你可能关心的问题"),
    ("disclaimer", "本文仅代表作者个人观点，不构成投资建议。"),
    ("disclaimer", "本論壇言論僅代表發言者個人意見，與本站立場無關。"),
    ("disclaimer", "经验内容仅供参考，如需解决具体问题，建议咨询专业人士。"),
    ("disclaimer", "作者声明：本文为原创，谢绝转载。"),
    ("disclaimer", "本文转自微信公众号“某某说法”，作者：某某"),
    ("takedown", "如发现本站文章存在版权问题，请联系我们删除。"),
    ("marketing", "点击上方蓝字，关注我们"),
    ("marketing", "下载某某借APP，还款提醒不错过 >"),
    ("marketing", "🎁 限时福利：免费领取征信解读"),
    ("caption", "封面图"),
    ("byline", "2024年1月8日 · 编辑：小周 · 1,204 人看过"),
    ("dateline", "发帖人：夜猫子 | 2024-02-03 22:14 | 阅读 812 回复 6"),
    ("byline", "何某律师 | 执业9年 | 平均响应 3 分钟"),
    # players, galleries, sponsor labels and calls known from the web at large
    ("caption", "[视频]"),
    ("caption", "您的浏览器不支持 video 标签。"),
    ("caption", "点击播放"),
    ("caption", "第2张/共6张"),
    ("caption", "图片仅为示意"),
    ("caption", "查看原图"),
    ("marketing", "推广链接"),
    ("marketing", "马上申请，最快5分钟到账"),
    ("marketing", "长按识别二维码"),
    ("marketing", "扫码加入交流群"),
    ("navigation", "栏目导航"),
    ("navigation", "扫一扫在手机上阅读"),
    ("contact", "免费咨询热线：400-123-4567"),
    ("byline", "摄影：张某"),
]

NEGATIVE = [
    "记者从银行了解到，逾期后应尽快联系客服说明情况，协商分期还款。",
    "收到催收短信后，可以拍照保留证据，图片要包含发送号码和时间。",
    "阅读合同条款时，要注意利息和违约金的计算方式。",
    "2024年3月1日起施行的新规明确了催收的时间限制",
    "未经授权擅自获取并使用借款人通讯录，构成侵犯隐私。",
    "如果平台同意分期，请让对方把方案发到你的邮箱或短信里，并保存好。",
    "典型案例",
    "一、协商还款的步骤",
    "关注还款日",
    "分享一个真实的协商经历：我先打了客服电话。",
    "3个月前我开始逾期，每天都接到电话。",
    "律师帮助过很多像你一样的借款人，关键是保留证据。",
    "下载的合同文件要妥善保存，不要随意删除。",
    "专家点评",
    "把这份文档分享给家人之前，先删掉身份证号。",
    "不看征信的贷款都是骗局",  # the article's warning about a promotion's words
    "当天放款的平台要警惕",
    "新用户专享的优惠券要注意使用期限，过期作废。",
    "免费评估的机构往往会在后期收费，要小心。",
    "我关注我的征信报告已经三年了",
    "12368诉讼服务热线",
    # a code review's look-alikes of this session's promotion, widget and caption rules
    "关注我国个人破产制度的进展。", "关注我市老旧小区改造进度", "有同事找我借钱怎么拒绝？", "有朋友找我借五万块",
    "有人私信我要身份证号", "有家公司联系我说可以贷款。", "需要注意的是平台会联系我", "免费获取个人信用报告的渠道",
    "免费获取征信报告，每年两次。", "助学贷款不查征信", "哪些贷款不看征信", "当日放款的网贷有哪些", "提前还款当天到账",
    "正规银行不可能当天放款", "转发评论也违法！", "转发评论要担责", "评论点赞也能赚钱", "关注转发的风险",
    "图片上传失败怎么办", "试读结束后自动扣费怎么退", "免费试读结束后平台自动扣了30元会员费。", "提供方：甲方",
    "银保监会12378官网", "个税汇算2024入口", "小编：然后呢", "小编：谢谢您", "首页 / 我的 / 设置 / 账户与安全",
    "合同全文阅读需要20分钟",
    "王牌律师", "周边律师", "答主：这个问题，我来说说",  # a document mentioned in advice
    "开通VIP会员后才发现自动续费，可以向平台申请退款。",
    "律师点评：",
    "本金 5000 利息 300",
    "原创 2024",
    "不要扫码加陌生人好友，也不要点击短信里的链接。",
    "对方说可以免费获取额度，这是典型的骗局",
    "已有300多人因此被骗",
    "分类：按照逾期时间长短，可以分为三种情况。",
    "最佳答案是先和平台协商",
    "网友：这个方法真的有用",
    "他给我点了个赞",
    "贷款利率",
    "还款方式：等额本息",
    # a code review's hunt for content the furniture rules took: warnings and stories that use the ads' words
    "扫码加群的都是骗子",
    "微信扫一扫付款码就被盗刷了",
    "打开app阅读借款协议里的利率条款",
    "专业的律师会为你解答这些问题",
    "了解更多情况后，欢迎咨询当地法律援助中心",
    "刷单点赞都是诈骗",
    "点赞不等于同意",
    "对方说系统正在加载，让我再转一笔解冻金",
    "车辆成交价格：85000元",
    "提问者：女，32岁，欠款8万",
    "答主：先别慌，把账单列出来",
    "分类：正常、关注、次级",
    "咨询热线：12348",
    "热点问题",
    "文章来源于真实案例",
    "上一篇文章我们讲了信用卡逾期的后果",
    "征信查询网站信息仅供参考，以人民银行征信中心出具的报告为准。",
    "贷款平台网站资料仅供参考，最终以合同为准。",
    "协商结果 | 平台同意分期，每月还款1500元 | 共12期 | 免除罚息",
    # look-alikes of the written set's families that are content
    "下载正规平台app前先查它的放款资质",
    "搜索引擎里的“代还”广告不要信",
    "输入验证码之前，先确认对方的身份",
    "以上方法是否有效，要看平台的态度",
    "相关问题的处理方式见下文",
    "律师回答：",
    "本报记者调查发现，很多催收公司没有资质。",
    "2023年5月起征信新规实施",
    "第二步：联系客服说明情况",
    "通讯员 李某 说，这类案件越来越多",
    "工具/原料",
    "逾期1-3天会怎样",
    "视频里催收员的话能当证据吗",
    "播放录音时对方承认了暴力催收",
    "最快的办法是直接和银行协商",
    "额度最高的平台不一定最划算",
    "扫码加入所谓的“上岸群”后就被骗了",
    "1/3的借款人选择了协商分期",
    # a false-positive hunt on the first version of these families (each was removed by it)
    "晚上9:30 接到电话",
    "05-12 21:03 催收员打给我妈",
    "2023年3月 来自平安普惠的催收短信",
    "2023年6月 律师 介入",
    "时间：晚上十点以后",
    "关注 8 个平台",
    "支持 5 票",
    "协商难度 4 分",
    "何时找律师",
    "执业律师",
    "陈某某 律师",
    "所需材料：身份证 银行卡 收入证明 借款合同",
    "注册 登录 绑卡 借款",
    "输入身份证号和验证码",
    "打开支付宝 搜索",
    "征信报告上仅显示部分账户信息，想看完整的记录可以去人民银行网点打印。",
    "记得向平台下载完整版借款合同",
    "积分：650 分以上才算良好",
    "下载国家反诈中心APP",
    "骗子常用限时福利诱导你点链接",
    "客服说她的承诺仅代表个人意见，不代表平台。",
    "支付宝 ▶ 我的 ▶ 花呗 ▶ 账单",
    "协商 » 停息挂账",
    "3楼 说得对",
    "#1 不要接陌生电话",
    "相关问题",
    # a code review's cases
    "6/15",
    "🔍 重点：逾期后先联系平台",
    "比如发现版权问题，可以发邮件给平台要求删除",
    "民國38年5月20日 台灣省戒嚴令",  # a date of history, before the web: no byline
    "個人資料保護法（民國104年12月30日修正公布）",  # a law's title and its date, no date label
    "2024年9月",  # a timeline's part
    "更新了2024年9月的数据",
]


@pytest.mark.parametrize(("family", "line"), POSITIVE)
def test_family_positive(family: str, line: str) -> None:
    assert classify_line(line) == family


@pytest.mark.parametrize("line", NEGATIVE)
def test_content_stays_content(line: str) -> None:
    assert classify_line(line) is None


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
    assert seg.kinds[4] == "paragraph" and seg.kinds[8] == "paragraph"
    assert seg.kinds[10] == seg.kinds[11] == "caption"  # an alt text followed by its caption


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
