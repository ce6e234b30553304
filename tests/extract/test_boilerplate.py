"""Line classifier: one positive and one negative per family, and the contact/list helpers."""

from __future__ import annotations

import pytest

from pipeline.extract.boilerplate import (
    FAMILIES,
    classify_line,
    is_contact_line,
    is_list_title,
)

# --------------------------------------------------------------------------- families

POSITIVE = [
    # a blog's and a pager's furniture, a site's follow note
    ("navigation", "第1页/共1页 << 上一页 | 下一页 >>"),
    ("widget", "本文通告引用(Trackback)链接：/wp-trackback.php?p=1700"),
    ("widget", "（本文发表于首页批评与建议，已被阅读178次）"),
    ("related", "精彩视频推荐"),
    ("marketing", "（更多内容请继续关注某某报纸网 www.example.com.cn）"),
    ("noise", "&nbsp;"),
    ("noise", "</p>"),
    ("references", "参考资料：《中华人民共和国个人信息保护法》"),
    ("disclaimer", "*本文仅为个人经验分享，不构成法律意见。"),
    ("marketing", "🎁 某某交易所新春狂欢季：新用户注册即领盲盒，最高1000 USDT"),
    ("marketing", "报名即送《协商还款话术手册》，前100名抽奖送蓝牙耳机"),
    ("marketing", "立即参与 >>"),
    ("related", "新闻资讯 ▪ 农村党员党龄超过50年有哪些补贴政策?"),
    ("related", "热门资讯 • 网贷逾期怎么办 • 信用卡逾期后果"),
    ("marketing", "扫描二维码"),
    ("widget", "默认 大 超大"),
    ("widget", "【字体：小 大】【简体 繁體】"),
    ("widget", "A  A  A  🖨 列印"),
    ("widget", "影片播放器載入中..."),
    ("widget", "共 24 页 | 3.6MB | PPT"),
    ("dateline", "发布日期：2025-03-06  信息来源：市公安局刑侦支队  浏览次数：1520"),
    ("takedown", "如涉及作品内容、版权等问题，请在30日内与本网联系，我们将第一时间删除。"),
    ("disclaimer", "以上内容仅供参考，具体以我行最新公告及领用合约为准。"),
    ("marketing", "👉 不知道自己能談到多少?加LINE「@debt-easy」專人一對一免費試算"),
    ("marketing", "☎ 免付費專線 0800-000-123(週一至週六 9:00-21:00)"),
    ("marketing", "正规律所团队 | 一对一协商 | 不成功不收费"),
    ("marketing", "🔥 负债人专属:征信花了也能借,点我查看额度"),
    ("marketing", "▼ 长按识别二维码 关注某某说 ▼"),
    ("related", "您可能也想知道：信用卡循環利率如何計算？｜如何辦理停卡？"),
    ("related", "相關文件：更生聲請狀範本｜清算聲請狀範本｜前置調解聲請書"),
    ("widget", "文件編號 #A-20240311-8823｜PDF｜6頁｜214 KB"),
    ("widget", "7页 | Word | 文档ID：58210376"),
    ("widget", "⋯⋯ 試閱結束，完整內容請下載 ⋯⋯"),
    ("widget", "需 10 點數（會員免費）"),
    ("widget", "以上为预览内容，完整文档共3页，请下载后查看"),
    ("widget", "展开全部 5 条回答"),
    ("widget", "瀏覽人次：12876"),
    ("widget", "正在播放 · 时长 03:42"),
    ("widget", "江苏某律师事务所 ｜ 平均响应 3分钟 ｜ 帮助 12,806 人"),
    ("navigation", "繁 | 简 | EN"),
    ("navigation", "扫一扫在手机打开当前页"),
    ("takedown", "本站文件皆由會員上傳，若有侵權請來信客服信箱檢舉"),
    ("disclaimer", "平台声明：该文观点仅代表作者本人，本平台系信息发布平台，仅提供信息存储空间服务。"),
    ("disclaimer", "计算结果仅供参考，具体以发卡银行账单为准。"),
    ("marketing", "👉 需要协商话术模板的朋友，关注后私信回复【分期】自动领取～"),
    ("byline", "（编辑 卢思彤）"),
    ("marketing", "留意咱们解锁更多避坑技巧,💡"),
    ("byline", "（融媒记者 胡晓蓓　通讯员 钱一帆）"),
    ("dateline", "浏览次数：48,217次　编辑次数：23次　最近更新：2024-02-06"),
    ("noise", "var _hmt = _hmt || []; (function() { var hm = document.createElement(\"script\");"),
    ("greeting", "您好，欢迎来到财经频道！"),
    ("caption", "（资料图片仅供参考）"),
    ("references", "参考资料："),
    ("widget", "写回答"),
    ("noise", "Warning: include(header.php): failed to open stream in /var/www/site/index.php on line 12"),
    ("greeting", "歡迎光臨(lín)本站"),
    ("greeting", "感谢您的访问！"),
    ("breadcrumb", "首页 > 理财 > 正文"),
    ("breadcrumb", "当前位置：首页 > 新闻中心"),
    ("breadcrumb", "2023热点 > > 正文"),
    ("breadcrumb", "首页 » 汽车 » 新车"),
    ("dateline", "2024-01-31 16:45 来源:人民网"),
    ("dateline", "发布时间：2024年1月31日"),
    ("dateline", "2023 07/ 15 09:10:11"),
    ("dateline", "2024-01-31 某某日报"),
    ("dateline", "2024-01-31 星期三 阅读 1.2万"),
    ("byline", "来源：某某日报"),
    ("byline", "作者:张三  责任编辑:李四"),
    ("byline", "文/王五"),
    ("byline", "來源:某報"),
    ("widget", "字体：大 中 小"),
    ("widget", "字体:"),
    ("widget", "人气:1234"),
    ("widget", "浏览次数:567"),
    ("widget", "推荐排序 时间排序"),
    ("navigation", "理财师回答（3）"),
    ("navigation", "回复 引用 举报"),  # a post's buttons, spaced or glued
    ("marketing", "想看更多新闻吗？欢迎下载某某新闻APP，看新闻还能抽奖"),  # the site's own app
    ("marketing", "海量资讯、精准解读，尽在某某财经APP"),
    ("marketing", "订阅某某报网上版，即可阅读全文"),  # a paywall's prompt
    ("widget", "默认 时间"),
    ("widget", "3 分钟 (阅读时间)"),
    ("related", "更多某某新闻网报导"),  # a label over the outlet's other stories
    ("disclaimer", "未经正式授权严禁转载本文，侵权必究。"),
    ("disclaimer", "（本文仅供参考，具体问题请咨询专业律师）"),
    ("navigation", "在我们的社区注册一个新帐号。非常简单！"),  # a forum's chrome as text
    ("navigation", "已有帐号？在此登录。"),
    ("navigation", "0 会员 和 2 游客 正在查看此主题."),
    ("marketing", "下载某某新闻"),
    ("byline", "发信人: lightrain (小雨), 信区: Law"),  # a Firebird-style BBS post's header and footer
    ("byline", "标  题: Re: 信用卡逾期，催收打到单位"),
    ("byline", "发信站: 水木社区 (Sat May 6 12:01:23 2023), 站内"),
    ("byline", "※ 来源:·水木社区 http://www.newsmth.net·[FROM: 114.246.*.*]"),
    ("duplicate", "【 在 lightrain (小雨) 的大作中提到: 】"),
    ("byline", "每经记者 卢某 每经编辑 孔某"),
    ("takedown", "特别提醒：如果我们使用了您的图片，请作者与本站联系索取稿酬。如您不希望作品出现在本站，可联系我们要求撤下您的作品。"),
    ("contact", "投诉电话：400-123-4567"),
    ("navigation", "评论分享举报"),  # a Q&A page's answer count header
    ("navigation", "问题补充："),  # sort toggles over answers or comments
    ("widget", "只看楼主 倒序看帖"),
    ("widget", "阅读 1.2万"),
    ("widget", "财经 12℃ 3"),
    ("widget", "平臺(tái)資訊 8℃ 2"),
    ("widget", "分享到："),
    ("takedown", "如有侵权请联系删除"),
    ("takedown", "本站部分内容来源于网络，如有侵权，请联系我们，我们将及时删除。"),
    ("takedown", "內容侵權(quán)、刪帖舉報(bào)聯系方式:"),
    ("takedown", "侵权投诉邮箱：someone@example.com"),
    ("contact", "联系邮箱：someone@example.com"),
    ("contact", "商务合作：someone@example.com"),
    ("disclaimer", "声明：本文仅代表作者观点，不代表本站立场。"),
    ("disclaimer", "免责声明"),
    ("disclaimer", "声明"),
    ("disclaimer", "版权声明：本文为原创，转载请注明出处"),
    ("disclaimer", "【免责声明】本站内容仅供参考，不构成投资建议。"),
    ("disclaimer", "本文不代表本站观点和立场"),
    ("comment", "精彩评论"),
    ("comment", "网友评论(12)"),
    ("comment", "发表评论"),
    ("comment", "共8条评论"),
    ("tag", "标签：理财 贷款"),
    ("tag", "关键词: 信用卡"),
    ("marketing", "加微信免费咨询"),
    ("marketing", "老师微信：abc12345"),
    ("marketing", "扫码关注公众号"),
    ("marketing", "添加客服微信，领取资料"),
    ("original_title", "原标题：某某公司发布年报"),
    ("original_title", "【原标题】某地出台新规"),
    ("navigation", "返回顶部"),
    ("navigation", "点击阅读全文"),
    ("navigation", "上一篇：如何办理信用卡"),
    ("navigation", "下一篇"),
    ("navigation", "打印本页 关闭窗口"),
    ("navigation", "首页 | 新闻 | 财经 | 股票 | 基金"),
    ("navigation", "某某简介|广告服务|联系我们"),
    ("takedown", "如发现本站文章存在版权问题，请发送邮件至 jubao@example.com，我们会在24小时内处理。"),
    ("byline", "小编：张伟"), ("byline", "原创 张伟 理财小助手 2024年01月02日 10:00 北京"),
    ("widget", "热度：88℃"), ("widget", "字数：1200"), ("widget", "已关注"), ("widget", "本文共1200字，阅读约需3分钟"),
    ("breadcrumb", "首页 / 资讯 / 正文"),  # a trail from the home link, with slashes or spaced dashes
    ("breadcrumb", "首页 - 新闻中心 - 行业动态"),
    ("navigation", "手机版"), ("navigation", "切换到繁體中文"), ("navigation", "简体 | 繁體"),
    ("navigation", "登录 | 注册"), ("navigation", "阅读模式"), ("navigation", "共3页"), ("navigation", "当前位置："),
    ("copyright", "Copyright © 2010-2024 某某网 版权所有"),
    ("copyright", "Copyright © 2000 - 2023 All Rights Reserved."),
    ("licence", "京ICP备12345678号-1"),
    ("licence", "粤ICP备2020123456号"),
    ("licence", "沪B2-20200001"),
    ("licence", "京公网安备 11010502000001号"),
    ("friend_links", "友情链接：某网 某站 某频道"),
    ("friend_links", "友情链接"),
    ("related", "最新文章"),
    ("related", "随机看看"),
    ("related", "相关文章推荐"),
    ("related", "猜你喜欢"),
    ("related", "热门阅读"),
    ("correction", "【纠错】"),
    ("correction", "【纠错】 【责任编辑:某人】"),
    ("editor_label", "小编导语"),
    ("editor_label", "小編導(dǎo)語(yǔ)"),
    ("editor_label", "编者按："),
    ("toc", "目录"),
    ("toc", "文章目录"),
]

NEGATIVE = [
    "这篇文章已被阅读178次，说明大家很关心逾期协商的问题。",
    "（更多详情，请关注法院后续的判决结果）",
    # markup around an article's own heading or sentence is no breadcrumb
    "<strong>一、逾期的后果</strong>",
    "逾期后怎么办</p>",
    "&amp; 公司",
    # references and disclaimers inside the article's sentences
    "参考资料：《民法典》第680条规定借款利率不得违反国家规定。",
    "*本文所述情况不构成违约。",
    # sentences about campaigns, not campaigns
    "很多平台打着注册即送红包的旗号，最高送888元",
    "不要相信注册即领、最高返现5000元的广告，都是骗局。",
    "邀请好友可以获得返佣吗",
    "新闻资讯行业的发展 • 很快",
    "不要扫描二维码",
    "默认设置",
    "【重要】【通知】",
    "如果对方让你加微信免费咨询，多半是骗子。",
    "他让我加微信，说可以一对一免费评估",
    "以上内容仅供参考价值很高的案例，我们一起来看。",
    "一对一协商的好处是什么",
    "征信花了也能借吗？不能，都是骗子。",
    "variable rate 的意思是浮动利率。",
    "首页 / 我的 / 设置",  # an app's path in a how-to
    "关注我们的生活，也关注身边的骗局。",
    "（编辑认为这是对的）",
    "相关问题还有很多，我们下期再聊。",
    "需要10个工作日才能到账。",
    # greeting / breadcrumb
    "欢迎政策出台后，市场反应积极。",
    "收入 > 支出 的家庭才能储蓄。",
    "他把路线写成 北京 > 天津 > 上海，一路向南。",
    "打开App，进入“我的”>“设置”>“支付设置”",
    # dateline / byline
    "2024年1月31日，央行宣布下调存款准备金率0.5个百分点。",
    "来源不明的资金要谨慎对待，以免触犯法律。",
    "他的作者身份受到质疑。",
    "2024年1月31日 召开发布会",  # a timeline entry: date + event
    "2024年1月31日 央行宣布降准",
    "阅读理解能力需要长期培养",
    # takedown (a sentence that merely mentions 侵权 / 删除 / 举报)
    "消费者遇到侵权行为可以向市场监管部门举报。",
    "如果遇到侵权，请联系律师维权。",
    "法院判决被告删除侵权内容并赔偿损失。",
    "消费者可以拨打举报电话12315维权。",
    # disclaimer
    "公司昨日发布声明称，将全面整改。",
    "声明指出，公司将全面整改。",
    "例如侵权内容被平台删除后，权利人仍可起诉。",
    "文章来源于生活，又高于生活。",
    # comment
    "律师表示，评论区的言论同样受法律约束。",
    # marketing
    "骗子通常会要求受害人加微信转账。",
    "不要轻信陌生人的微信好友申请。",
    # tag / original title / related / friend links
    "标签上的成分表要仔细阅读。",
    "原标题和新标题差别很大，读者可以对比。",
    "最新文章显示，这一趋势仍在延续。",
    "友情提示：还款日前请确认余额充足。",
    # copyright / licence / navigation / correction / editor label
    "版权问题一直困扰着内容平台。",
    "该公司已取得增值电信业务牌照多年，经营稳定。",
    "下一步该怎么做？",
    "返回的款项会在三个工作日内到账。",
    "报道中的错误已由编辑部纠错并公开致歉。",
    "小编导语中提到的方法并不适用于所有人。",
    "六、小编总结",
    # widget
    "第一季度营收 5 亿元，同比增长 12%。",
    "iPhone 15",
    "姓名 | 年龄 | 职业",  # a table row is not a menu
    "按时间排序后，最早的那笔欠款要先还。",
    "问题补充：我已经还了一半",
    "回复：可以的，先打客服电话。",
    "建议下载国家反诈中心APP，开启来电预警。",  # advice to install an app
    "订阅会员后可以享受更多权益",
    "我想注册一个新账号，但是手机号被占用了",
    "下载国家反诈中心APP",  # advice, not the site's button
    "以上仅为个人观点，我也是这么处理的。",
    "最新消息",
    "标题：信用卡逾期怎么办。我来说说",  # a label in a sentence, not a BBS header
    "投诉电话：12315，也可以发邮件反映。",  # a public complaint hotline is advice
    "投诉电话：12378",
    "投诉电话：95588",  # a bank's public line
    "消费者投诉举报电话：12315",
    "他多次要求撤下贴在家门口的催收通知，对方置之不理。",
    "对方未经本人授权复制通讯录信息，属于侵犯个人信息。",
    "在银行APP中订阅电子账单，即可查看完整的消费明细。",
    "订阅后即可查看更多还款技巧",
    "千万不要下载陌生人推荐的APP，新闻里这样被骗的太多了。",
    "下载云闪付app",  # a how-to step
    "他让我注册一个新账号。",
    "使用快速回复功能时注意不要泄露身份证号",
    "联系电话：0571-88886666，电子邮箱：service@example.com",  # a notice's contact line is its content
    "删除记录要多久？",
    "扫描二维码支付时要注意安全。",
    # ordinary body lines
    "延长还款期限",
    "一、保持冷静",
    "1. 请求出示证件：须要对方出示工作证件。",
    "首先要核实对方身份。",
    "目录中列出的条款均已生效。",
    "小编：今天说说逾期以后怎么办",  # the author talking, not a label
    "2024年1月31日 召开发布会 北京",  # a place after a timeline's date without a byline
    "阅读需要耐心",
    "和/或",  # a slash alone is no trail
    "上海 - 北京 - 广州",  # nor are dashes without the home link
    "首页显示的额度和实际可借的不一样。",
    "搜索一下平台的名字，看看有没有被投诉。",
]


@pytest.mark.parametrize(("family", "line"), POSITIVE)
def test_family_positive(family: str, line: str) -> None:
    assert classify_line(line) == family


@pytest.mark.parametrize("line", NEGATIVE)
def test_body_sentence_is_content(line: str) -> None:
    assert classify_line(line) is None


def test_every_family_has_a_positive_case() -> None:
    covered = {family for family, _ in POSITIVE}
    context_only = {"title_repeat", "preamble", "footer"}
    assert set(FAMILIES) - context_only <= covered


def test_empty_line_is_not_classified() -> None:
    assert classify_line("   ") is None


# --------------------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    "line",
    [
        "王女士:13800138000 someone@example.com",
        "联系人：李先生 电话：010-12345678",
        "QQ：123456789",
        "someone@example.com",
    ],
)
def test_contact_line(line: str) -> None:
    assert is_contact_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "如需帮助，请拨打13800138000咨询客服人员的具体意见。",
        "客服会在三个工作日内回复",
        "联系客服协商",
    ],
)
def test_not_contact_line(line: str) -> None:
    assert not is_contact_line(line)


def test_list_title() -> None:
    assert is_list_title("信用卡逾期怎么办？")
    assert not is_list_title("这是一段很长的正文，包含多个句子。它不应被当作链接标题，因为它是正文。")


def test_channel_names_run_together_are_not_prose() -> None:
    """Fifty Han characters with no punctuation and no function word are a menu, not a sentence."""
    from pipeline.extract.line_shape import is_paragraph_like

    assert not is_paragraph_like("首页学习进行时高层时政人事国际财经网评港澳台湾思客智库全球连线教育科技科普体育文化健康军事访谈视频图片中央文件")
    # a sentence without punctuation still has a function word; English titles are left alone
    assert is_paragraph_like("网贷逾期以后借款人首先要做的是核实催收方的身份确认对方确实是平台委托的机构再谈还款安排和后续的计划以及具体的时间")
    assert is_paragraph_like("Study on Problems and Countermeasures of Logistics Distribution in Taobao Stores")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("举报至12321网络不良信息举报平台。", None),  # advice: where the reader reports harassment
        ("可以拨打12321网络不良信息举报受理中心电话举报", None),
        ("向中央网信办违法和不良信息举报中心举报", None),
        ("违法和不良信息举报电话：12377", "takedown"),  # the site's own footer
        ("网站违法和不良信息举报中心", "takedown"),
        ("不良信息举报邮箱：jubao@x.com", "takedown"),
    ],
)
def test_reporting_to_the_authorities_is_advice_not_a_takedown_line(line: str, kind: str | None) -> None:
    assert classify_line(line) == kind


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("转自《北京科技报》", "disclaimer"),  # where the text was taken from, alone on its line
        ("（摘自《某某社会科学学刊》2000年第2期，原文约15，000字）《某某文摘》2000年第09期", "disclaimer"),
        ("摘自《民法典》第一千零三十四条：自然人的个人信息受法律保护。", None),  # a quotation's source, in the text
        ("（松花江网编辑 孙某芳）", "byline"),  # an editor under an outlet's name, in brackets
        ("登录后你可以", "navigation"),  # a log-in wall's prompt
        ("登录后可以在个人中心查看逾期记录和还款计划，具体步骤如下。", None),
    ],
)
def test_source_notes_editors_and_login_prompts(line: str, kind: str | None) -> None:
    assert classify_line(line) == kind
