"""Page furniture around a scraped article: widgets, navigation and related-content lists.

Line families ``widget``, ``navigation`` and ``related`` of :mod:`.line_rules`: counters,
document-sharing cards, lawyer cards, forms, comment prompts, players; menus, link bars,
Q&A and forum labels, bare links; teaser lists and their headers. Each is a whole short
line whose words are the furniture's own, so a sentence that mentions 阅读 or 下载 stays.
"""

from __future__ import annotations

import re

from pipeline.chars import HAN_RE
from pipeline.extract.folded_line import ADVICE, BAR, COUNTERS, SENTENCE_END, plain_len

_BUTTON = r"(?:阅读|浏览|评论|点赞|收藏|分享|有用|没用|赞同|反对|举报|顶|踩)"
_READ_COUNTER = re.compile(  # buttons, at least one with its count in brackets: "阅读()", "点赞(12) 收藏(3) 分享"
    rf"(?:{_BUTTON}\s*(?:\(\s*\d*\s*\))?\s*[|·/]?\s*)*{_BUTTON}\s*\(\s*\d*\s*\)\s*"
    rf"(?:[|·/]?\s*{_BUTTON}\s*(?:\(\s*\d*\s*\))?\s*)*"
)
# "12人觉得有用", "已有1234人咨询": a count of readers doing something
_PEOPLE_COUNT = re.compile(r"(?:已有|共有|累计)?\s*[\d.,]+\s*[万千wk]?\+?\s*人(?:觉得|认为)?(?:有用|有帮助|咨询|关注|阅读|浏览|下载|购买|领取|参与|看过|收藏|点赞)")
_READ_TIME = re.compile(
    r".{0,12}阅读\s*(?:时间|时长)?\s*[::]?\s*(?:约\s*需?\s*)?\d+\s*分钟.{0,6}|约?\s*\d+\s*分钟\s*[(（]?\s*阅读(?:时间|时长)\s*[)）]?"
)

_SHARE_HINT = re.compile(r"分享|转发|点击右上角")
_DOC_WIDGET = re.compile(r"文档(?:简介|介绍|信息|预览|详情|格式|页数|大小)\s*[::]?")
_SHARE_TARGET = re.compile(r"微信|朋友圈|微博|浏览器|好友|qq")

# report links, end markers, the contributor's corner, calculator buttons
_UI_LABEL_EXTRA = re.compile(
    r"举报\s*/?\s*反馈|侵权投诉|我要(?:举报|纠错|投稿)|展开剩余\s*\d+\s*%|[-–—\s]*end[-–—\s]*"
    r"|(?:开始|重新|立即)计算|计算结果仅供参考\S{0,4}|匿名用户|添加评论|关注问题"
    r"|举报(?:作者|该?用户|此文|本文|该文)|我有更好的答案|(?:我要|我来)(?:回答|提问)|(?:联系|咨询)(?:在线)?客服"
    r"|本回答由\S{1,16}(?:推荐|提供|认证)|(?:律师)?(?:解答|回答|回复)\s*[·|]?\s*共\s*\d+\s*条"
    r"|(?:免费|在线|立即)?(?:向|问)(?:ta|他|她|律师|专家|顾问)(?:咨询|提问)\s*>*|(?:回|返回)上一?页"
)
# "以上内容是否解决了您的问题？ 是 否", "这个回答对您有帮助吗？ 有帮助 没帮助": a feedback prompt and its buttons
_FEEDBACK = re.compile(
    r"^(?:以上|本篇|本|这篇|这个|此|该)?(?:内容|回答|文章|答案|经验|页面)?(?:是否|对您|对你)(?:有)?(?:帮助|有用|解决了您的问题)[?吗]*"
    r"(?:\s*\S{0,2}\s*(?:是|否|有帮助|没帮助|有用|没用|没有帮助))*$"
)
# a search box left as text: "请输入您要搜索的问题 搜索", "🔍 搜索问题，如“提前还款”"
_SEARCH_BOX = re.compile(
    r"^🔍\s*(?:搜索|搜一搜|搜一下|请输入)|^🔍\s*[^::,。]{0,16}$|^请输入(?:您|你)?(?:要|想)?(?:搜索|查询|咨询|提问|查找)的?\S{0,10}$|(?:…|\.{3})\s*(?:搜索|提问)$|^搜索\S{0,6},\s*如"
)
# sort toggles over a list of answers or comments: "推荐排序 时间排序", "按热度排序 | 按时间排序"
_SORT_TOGGLE = re.compile(
    r"(?:(?:按)?(?:时间|热度|最新|最热|推荐|默认|点赞|赞同|回复|评论|智能|楼层)(?:排序|优先|倒序|正序)[\s|/·]*){1,4}"
    r"|(?:(?:只看楼主|倒序看帖|正序看帖|倒序浏览|正序浏览)[\s|/·]*){2,3}"
    r"|(?:默认|最新|最热|热门|时间|热度)(?:[\s|/·]*(?:默认|最新|最热|热门|时间|热度)){1,3}"  # "默认 时间", "最新|最热"
)
# an empty result field of a calculator: "应还罚息：-- 元"
_EMPTY_FIELD = re.compile(r"^[^\s::]{1,12}\s*[::]\s*-{2,}\s*\S{0,2}$")
# Q&A page furniture: status and answer labels around the question and its answers
_QA_LABEL = re.compile(
    r"已解决|待解决|已采纳|提问者采纳|最佳答案|满意答案|推荐答案|精选回答|其他回答|全部回答|更多回答"
    r"|网友回答|热心网友|(?:共\s*)?\d+\s*(?:个|条)回答"
    r"|[^\s\d]{0,4}(?:回答|解答|答案)\s*[(（]\s*\d+\s*[)）]|问题补充\s*[:：]?"  # "理财师回答（3）", a bare "问题补充："
)
_READING_NOW = re.compile(r"^(?:正在阅读|当前阅读|您正在阅读)\s*[::]")
_NEXT_PAGE = re.compile(r"(?:请)?点击下一页(?:继续)?阅读|本(?:小)?章(?:还)?未完")
_SKIP_LINK = re.compile(r"按\s*enter\s*到主内容区|跳(?:到|至)(?:主要|主)?内容|skip to (?:main )?content")
_LINK_LABEL = re.compile(
    r"(?:本文|本题|原文|文章|本页)?(?:链接|网址|地址)\s*[::]\s*(?:https?://\S+)?|https?://\S+|\S{1,6}\s+正文|原文链接|阅读原文"
)
_UI_WORD = re.compile(
    r"close|menu|search|share|print|login|log in|sign in|sign up|register|home|top|back to top|more|next|previous"
)

_RELATED_PREFIX = re.compile(r"^(?:更多新闻|更多资讯|延伸阅读|推荐阅读|热搜|热门搜索|相关搜索|大家都在搜)\s*[::]"
                             # a list of titles after its label, no sentence ("相关问题：很多网友关心的是，…" is one)
                             r"|^(?:(?:您|你)?可能(?:也|还)?(?:想知道|感兴趣|想看|喜欢)|相关(?:文件|问题|文档|资料|阅读|文章|咨询))"
                             r"\s*[::](?=[^,。]+$)")
# "更多三立新闻网报导": a label over the outlet's other stories
_MORE_FROM = re.compile(r"更多\S{2,10}(?:报导|报道|新闻|文章)")
# a forum's chrome printed as text: sign-up and log-in prompts, who is viewing, the quick-reply
# notice, a removed topic's notice (an edit note without its date is a thread's: html/posts.py)
_FORUM_CHROME = re.compile(
    r"在(?:我们的|本)\S{0,6}注册一个新(?:帐|账)号[。.!]?\s*(?:(?:非常|很)(?:简单|容易))?"
    r"|注册一个新(?:帐|账)号[。.!]?\s*(?:非常|很)(?:简单|容易)|已有(?:帐|账)号[?？]?\s*(?:在此|立即|马上|请)?登录[。.!]?"
    r"|\d+\s*(?:位|个|名)?会员\s*(?:和|与|,|，)?\s*\d+\s*(?:位|个|名)?游客\s*正在(?:查看|浏览)\S{0,6}"
    r"|使用快速回复(?:你|您)可以\S{0,60}|此主题已被删除\S{0,40}"
    r"|登录后(?:你|您)?(?:可以|即可|才能)(?:查看|浏览|阅读|发言|回复|评论)?\S{0,10}"  # a log-in wall's prompt
)
_RELATED_HEADER = re.compile(
    r"(?:内容|精选|热门|编辑|新闻|今日)推荐|新闻资讯|推荐内容|(?:热门|相关|精选)问答|大家(?:还|都)在问|猜你想问"
    r"|(?:本周|本月|今日|24小时)热门|热门标签"
)
_BULLET_ITEM = re.compile(r"[▪▸►•·]")
_RELATED_LEAD = re.compile(
    rf"(?:{_RELATED_HEADER.pattern}|(?:相关|热门|最新|推荐|精彩|热点)(?:资讯|文章|阅读|新闻|问答))\s*[▪▸►•]")
# A teaser of another article: a line cut short and closed by its "more" link.
_TEASER = re.compile(r"(?:[【\[](?:详细|详情|全文|更多|阅读全文|查看全文)[】\]]|(?:详细|详情|更多|全文)\s*(?:>>|»|>))$")

_DOC_TOKEN = (r"(?:共?\s*\d+\s*页|[\d.]+\s*(?:kb|mb|gb|k|m)|docx?|pdf|pptx?|xlsx?|txt|wps|word|excel|\d+\s*(?:积分|下载券|金币)"
              r"|(?:文件|文档)(?:编号|id)\s*[::#]?\s*[#a-z0-9-]{4,24})")
# Document-sharing sites: the file's card and its download / preview widgets.
_DOC_CARD = re.compile(
    r"(?:文档|资料|文件)(?:编号|格式|页数|大小|类型|分类|贡献者|星级|评分|下载量)\s*[::]"
    r"|(?:下载|上传)(?:积分|券|次数|时间)\s*[::]|上传于\s*\d|(?:立即|免费|高速)下载|下载(?:文档|本文档|此文档|全文)"
    r"|(?:本|此|该)文档(?:共|由|为)|(?:剩余|还剩|余下)\s*\d+\s*页|预览(?:已结束|结束|本文档|全文)|举报(?:该|此|本)文档"
    r"|^(?!.*[,。!?]).*vip\s*(?:专享|免费|会员|下载)|格式\s*[::]\s*(?:docx?|pdf|pptx?|xlsx?|txt)"
    r"|\d+\s*页\s*[\d.]+\s*[km]b|^(?:docx?|pdf|pptx?|xlsx?)$|^[\d.]+\s*(?:kb|mb|k|m)$"
    r"|^页数\s*[::]\s*\d+\s*页?$|^大小\s*[::]\s*[\d.]+\s*[kmg]?b?$|^上传(?:者|人|用户)\s*[::]"
    r"|^(?:文档)?价格\s*[::]\s*[\d.]+\s*(?:积分|下载券|金币)$|^[\d.]+\s*(?:积分|下载券|金币)$|^下载券$"
    r"|^(?:文档)?贡献者\s*[::][^,。]{1,20}$|\s贡献者\s*[::]|^积分\s*[::]\s*\d+$|^(?:温馨提示\s*[::]\s*)?当前(?:为|处于)?预览模式"
    r"|(?:本|此|该)?文档\S{0,6}仅(?:展示|显示|预览)(?:部分|前\s*\d+\s*页)|^(?:预览|阅读)已结束(?:\s*,\s*(?:下载|继续|如需|查看|开通)|[。.!]?$)"
    r"|下载(?:完整版|完整文档|原文档)(?:需要?|需)\s*\d+\s*(?:积分|下载券|金币)|^(?:立即)?下载(?:完整版|完整文档|原文档)$"
    r"|^第\s*\d+\s*页\s*/?\s*共\s*\d+\s*页$"
    rf"|^{_DOC_TOKEN}(?:\s*[|·/]\s*{_DOC_TOKEN}){{1,4}}$"  # "共 24 页 | 3.6mb | ppt"
    r"|(?:文档|资料|文件)(?:热度|标签|提供方)\s*[::]|^内容提供方\s*[::]|^认证主体\s*[::]|^需要?(?:金币|积分|下载券)\s*[::]"
    r"|(?:本|此|该)文档(?:不支持|无法)在线(?:阅读|预览|查看)|^(?:\d+\s*[::.、]\s*)?试读(?:已经?)?结束\s*(?:,\s*(?:如需|下载|继续|查看|开通)[^。]{0,14})?$|^(?:分享|收藏)(?:该|此|本)?文档$"
    r"|^(?:文档贡献者|文档助手|(?:付费|精品|优质)文档|预览与下载\s*[::]?|开通\s*vip(?:会员)?)$"
    r"|阅读了(?:该|此|本)文档的用户还|(?:本|此|该)文档下载收益归"
    r"|^以上为预览内容|完整文档共\s*\d+\s*页|请下载后(?:查看|阅读)|试(?:阅|读)结束\S{0,2}完整内容请下载"
    r"|^需\s*\d+\s*(?:积分|点数|下载券|金币)(?:\s*[(（][^()（）]{1,10}[)）])?$"
    r"|^该用户很懒\s*,?\s*什么也没(?:有)?(?:介绍|留下|说)"
)
# Lawyer / expert cards and consultation buttons.
_PROFILE = re.compile(
    r"帮助(?:过)?\s*\d[\d,]*\s*(?:人|位|次|个)|好评率|满意度\s*\d|响应(?:时间|速度)|回复率|执业(?:证号|年限|机构)\s*[::]?"
    r"|\d+\s*年执业|(?:咨询|联系|关注)\s*(?:ta|他|她)$|在线律师|律师在线|(?:立即|免费|一对一|在线)咨询$|^擅长(?:领域)?\s*[::]"
)
# more of a card: badges, follower and answer counts, the profile's links
_PROFILE_MORE = re.compile(
    r"实名认证|^认证(?:专家|律师|用户|作者)$|领域创作者|其他回答\s*\(\s*\d+\s*\)|查看(?:ta|他|她)的主页"
    r"|回复速度\s*[::]|已解答\s*[\d,]+\s*[则条个]|[\d.,]+\s*[万w]?\s*粉丝|已发布文章\s*[\d,]+\s*篇|^(?:服务地区|最近服务)\s*[::]"
)

# Embedded forms: placeholders, code and captcha prompts, submit buttons and notices, result fields
_FORM_FIELD = re.compile(
    r"^请(?:输入|填写|选择)(?:您的?)?\S{0,12}$|获取(?:短信)?验证码|验证码已发送|看不清\S{0,3}换一张"
    r"|^(?:立即|马上)?(?:提交|送出|提交申请|提交咨询|送出咨询)$|^提交成功|格式不正确|请重新输入"
    r"|^我已阅读并同意《|^字数\s*[::]\s*\d+\s*/\s*\d+$|[(（](?:选填|必填)[)）]$|^匿名提问$"
    r"|(?:——|--|—)\s*(?:元|万元|%)\s*(?:,|$)|^\S{2,8}[(（](?:万元|元|%|个月|月|年|天)[)）]$|[(（]\d+\s*-\s*\d+\s*字[)）]$"
    r"|^提交(?:后|成功后)\S{0,16}(?:联系您|回复您|回电)|先生\s+女士$|请选择(?:省份|城市|地区)"
)
# comment sections' prompts and notices (not the comments, not a header that opens a section)
_COMMENT_PROMPT = re.compile(
    r"抢沙发|写下你的(?:评论|想法|看法)|说说你的(?:看法|想法)|文明上网|理性发言|登[录入]后即可(?:留言|评论|发言)"
    r"|展开全部\s*\d+\s*条回复|审核后(?:才会)?显示|^精选留言$|^共\s*\d+\s*条评论"
    r"|^按(?:热度|时间|最新|最热)\s+按(?:热度|时间|最新|最热)$"
)

# Forum furniture and relative times.
_FORUM_META = re.compile(r"^(?:楼主|沙发|板凳|地板)\s*[::]?\s*\S{0,16}$|^#?\d+\s*楼$|^(?:收起|展开)(?:回复|全部)?$")

_PLAYER = re.compile(
    r"^\d{1,2}:\d{2}\s*/\s*\d{1,2}:\d{2}$|^(?:图片|视频|内容|页面)?(?:加载中|正在加载)[.…]*(?:,?请稍[候等][.…]*)?$"
    r"|^点击(?:图片)?查看大图$|^(?:视频|影片)?播放器(?:加载|载入)中[.…]*$"
    r"|^正在播放\s*[·|]?\s*(?:时长\s*)?\d{1,2}:\d{2}$|^时长\s*[::]?\s*\d{1,2}:\d{2}$"
    r"|^(?:点击|上拉)?加载更多\S{0,4}$"
)  # whole lines: "系统正在加载，让我再转一笔" is a victim's story

_ITEM_SENTENCE = re.compile(r"[,。;!?]")
_SPACE_MENU_ITEM = re.compile(r"[^\s,。;:!?、]{1,6}")
_NAV_LINE = re.compile(
    r"^(?:栏目|网站|频道|站内)导航$|^点击进入专题$|^手机(?:看|阅读|浏览)$|扫(?:一扫|描二维码)\S{0,4}在?手机(?:上)?(?:打开|阅读|查看|浏览|看)"
    r"|^回复$"
)
_MENU_ITEM = re.compile(r"首页|主页|社区首页|网站首页|关于(?:我们|本站)|联系我们|上一页|下一页|尾页|共\d+页")
# labels of link lists: "热门城市：北京 上海 …" (not "所需材料：身份证 银行卡 …")
_NAV_LABEL = re.compile(r"(?:热门|相关|全部|更多)?(?:城市|地区|频道|栏目|导航|标签|搜索|话题|专题)")

def is_widget(f: str) -> bool:
    """Counters, document cards, lawyer cards, forms, comment prompts, players, share hints, feedback buttons."""
    if len(f) > 40:
        return False
    if _READ_COUNTER.fullmatch(f) or _READ_TIME.fullmatch(f) or (len(f) <= 30 and _PEOPLE_COUNT.fullmatch(f)):
        return True
    if len(f) <= 30 and any(c.isdigit() for c in f) and COUNTERS.fullmatch(f):
        return True
    if len(f) <= 12 and _DOC_WIDGET.fullmatch(f):
        return True
    if len(f) <= 60 and (_DOC_CARD.search(f) or _PLAYER.search(f)):
        return True
    if len(f) <= 60 and (_PROFILE.search(f) or _PROFILE_MORE.search(f)) and not SENTENCE_END.search(f):
        return True  # a card's field, not a sentence about ratings ("好评率…可以刷出来的，不要迷信。")
    if len(f) <= 40 and (_FORM_FIELD.search(f) or _COMMENT_PROMPT.search(f)) and not ADVICE.search(f):
        return True
    if len(f) <= 40 and (_FEEDBACK.match(f) or _SEARCH_BOX.search(f) or _EMPTY_FIELD.match(f)):
        return True
    if len(f) <= 24 and _SORT_TOGGLE.fullmatch(f):
        return True
    return len(f) <= 30 and bool(_SHARE_HINT.search(f) and _SHARE_TARGET.search(f))


def is_navigation(f: str) -> bool:
    """Menus and link bars, skip links, bare links, Q&A and forum labels, layout left as symbols."""
    if plain_len(f) == 0:
        return True  # ":::", "|", "———": layout left as text
    if len(f) <= 120 and (_READING_NOW.match(f) or _SKIP_LINK.search(f)):
        return True
    if len(f) <= 40 and _FORUM_META.match(f):
        return True
    if len(f) <= 12 and _QA_LABEL.fullmatch(f):
        return True
    if len(f) <= 16 and _UI_LABEL_EXTRA.fullmatch(f):
        return True
    if len(f) <= 80 and _FORUM_CHROME.fullmatch(f.rstrip("。.!！")):
        return True
    bar = [x.strip() for x in BAR.split(f)]
    if (
        not f.startswith("|") and len(bar) >= 4
        and all(0 < plain_len(x) <= 12 and not _ITEM_SENTENCE.search(x) for x in bar)
    ):
        return True  # a link bar: "关于我们 | 服务协议 | 隐私政策 | 联系我们" (a "| 月份 | 本金 |" row is a table's)
    head, colon, tail = f.partition(":")
    label, listed = (head, tail) if colon and _NAV_LABEL.fullmatch(head.strip()) else ("", f)
    items = listed.strip().split(" ")
    strip = len(f) <= 80 and 4 <= len(items) <= 15 and all(_SPACE_MENU_ITEM.fullmatch(x) and plain_len(x) for x in items)
    if strip and (
        (len(items) >= 5 and not label)
        or any(_MENU_ITEM.fullmatch(x) for x in items)
        or (label and all(HAN_RE.search(x) for x in items))
    ):
        return True  # a menu strip separated by spaces ("首页 归档 分类 关于", "热门城市:北京 上海 广州 深圳")
    if len(f) <= 40 and (_NEXT_PAGE.search(f) or _NAV_LINE.search(f)):
        return True
    if len(f) <= 120 and _LINK_LABEL.fullmatch(f):
        return True  # a label without its link, a bare URL, "<channel> 正文"
    return len(f) <= 16 and bool(_UI_WORD.fullmatch(f))


def is_related(f: str) -> bool:
    """A related list's label or header, a teaser closed by its link, a strip of bulleted titles."""
    if len(f) <= 16 and _MORE_FROM.fullmatch(f):
        return True
    if len(f) <= 300 and _RELATED_PREFIX.match(f):
        return True
    if len(f) <= 150 and _TEASER.search(f):
        return True
    if len(f) <= 12 and _RELATED_HEADER.fullmatch(f):
        return True
    if len(f) <= 300 and _RELATED_LEAD.match(f):
        return True  # "新闻资讯 ▪ <another article's title>": a list's header with its first item
    return len(_BULLET_ITEM.findall(f)) >= 3 and not SENTENCE_END.search(f.rstrip("?"))
