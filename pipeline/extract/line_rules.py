"""Line families that scraped pages carry around the article body, beyond the CMS stock phrases.

:func:`pipeline.extract.boilerplate.classify_line` asks :func:`classify_extra`
when none of its own families matched. Each rule here describes a family by
shape and cue words, as there, on the folded key (NFKC, Simplified, lower case):

=============  =====================================================================
``caption``    image stubs: ``![]()``, ``x.jpg``, ``(资料图)``, ``图片来源:…``, ``第1张图片``, ``添加图片描述``,
               ``…-logo``, ``封面图``; players and galleries (``[视频]``, ``点击播放``, ``第2张/共6张``,
               ``图片仅为示意``) (credited photo captions and figure labels ``图 2：…``:
               :func:`is_photo_caption`, text scrapes only)
``byline``     role-and-name lines with ``/``, ``|``, ``丨`` separators (``记者 / 某某``,
               ``撰文丨某 编辑丨某``), ``(某台/某某 台北报导)``, ``独家报道:某某``
``dateline``   English dates (``17 Jul, 2025``), relative times (``3 小时前``), short lines whose date is numeric
               (``2024-07-03``) or labelled (``更新时间:``) beside a few words
``widget``     reading counters and times (``阅读()``, ``点赞(12) 收藏(3)``, ``56 跟贴 56``, ``12人觉得有用``,
               ``阅读 5 分钟``), document-sharing cards
               (``文档格式:pdf``, ``剩余 8 页未读``, ``立即下载``), lawyer/expert cards (``帮助过 120 人``,
               ``好评率``, ``咨询TA``, ``擅长:``), player and loading stubs (``00:12 / 03:25``, ``加载中``),
               share hints (``点击右上角…微信好友``, ``请使用浏览器分享功能``), ``文档简介``, feedback prompts
               (``以上内容是否解决了您的问题？ 是 否``), search boxes (``请输入您要搜索的问题``), empty
               calculator fields (``应还罚息：-- 元``), preview and page-count widgets (``第 3 页 / 共 18 页``)
``navigation`` symbol-only lines (``:::``), ``正在阅读:…``, next-page prompts, skip links,
               English UI words (``close``, ``menu``), bare URLs and link labels, ``<栏目> 正文``,
               menu strips separated by spaces (five items, or four with ``首页``/``下一页``…, or after a
               link-list label: ``热门城市：北京 上海 …``) or ``|``, forum and Q&A furniture (``楼主``, ``5楼``,
               ``收起回复``, ``最佳答案``, ``共3个回答``, ``我有更好的答案``, ``向TA咨询``), report links and end
               marks (``举报/反馈``, ``举报作者``, ``- END -``), calculator buttons (``开始计算``),
               section-navigation labels (``栏目导航``, ``扫一扫在手机上阅读``)
``related``    ``更多新闻:…``, ``热搜:…``, ``内容推荐``, ``大家还在问``, bullet strips with three ``▪`` items,
               teasers closed by their link (``…农户在采摘蓝莓...【详细】``, ``…详情>>``)
``marketing``  ``- advertisement -``, ``点击复制微信号``, ``欢迎咨询我们``, ``欢迎在评论区留言``,
               ``关注某某网/号/财经`` (short), ``点击下方…`` calls, app and loan promotions
               (``下载APP``, ``立即领取``, ``最高可借 20 万``), consultancies' calls as whole short lines
               (``想了解更多…欢迎咨询``, ``扫码添加…``), asking for likes (``觉得有用就点个赞吧``), sponsor
               labels (``推广链接``), ``点击上方蓝字…关注``, ``限时福利：``, ``最快 3 分钟到账``
``contact``    site footer fields (``技术支持:``, ``主办单位:``, ``客服热线:``, ``咨询电话:``)
``disclaimer`` ``郑重声明``, ``版权说明``, ``与本网站无关``, ``禁止转载``/``违者必究``, ``援引自互联网``,
               ``本站信息仅供参考``, reprint notes (``本文转载自…``, ``谢绝转载``)
``noise``      server error messages printed into the page (``warning: … on line 12``)
=============  =====================================================================

Besides these, :data:`pipeline.extract.ui_lines.UI_LINES` holds page furniture whose whole line is the cue (prev/next
links, a references header, Q&A widgets, related and comment headers), shared with the
HTML extractor's own line families.

All of them are narrow on length (a sentence that mentions 图片 or 阅读 stays
content) and none names a site.
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.chars import HAN_RE
from pipeline.extract.dates import ENGLISH_DATE, ENGLISH_HINT
from pipeline.extract.names import WRITER_ROLE, credit_names, is_name_line
from pipeline.extract.thread_lines import classify_thread_line
from pipeline.extract.ui_lines import UI_LINES

#: A folded line that ends like a sentence, or holds one before more text.
SENTENCE_END = re.compile(r"[。;!?…]$|[。;](?=.)")
_QUOTED = re.compile(r"“[^”]{0,60}”|\"[^\"]{0,60}\"|「[^」]{0,60}」|‘[^’]{0,60}’")


def unquoted(f: str) -> str:
    """A folded line without its quoted spans: a sentence quoting a site's notice ("文末写着“如有侵权请联系
    删除”，但这句话…") or an ad's words ("“低息秒批”的广告") talks about them and is the article's."""
    return _QUOTED.sub("“”", f) if "“" in f or '"' in f or "「" in f or "‘" in f else f

_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_IMAGE_FILE = re.compile(r"[^。,]{0,60}\.(?:jpe?g|png|gif|webp|bmp|svg)")
_IMAGE_STUB = re.compile(
    r"(?:相关|资料|档案|示意|配|网络|网友|原创|新闻|封面|题|头)*(?:图|图片|照片|图像|配图)(?:仅供参考|来源\s*[::]?.{0,20}|源\s*[::].{0,20})?"
    r"|图片(?:由|来自|来源).{0,20}|点击(?:添加|查看)(?:图片|大图)\S{0,6}|(?:点击)?添加图片(?:描述|注释|说明).{0,24}"
    r"|(?:文中|文内|本文|封面|头)?(?:图片|配图|插图)均?(?:来自|源自|源于|取自)网络.{0,12}|(?:本图|图片|配图|封面)(?:由|为)\s*ai\s*(?:生成|绘制).{0,6}"
    r"|图片(?:上传|加载)失败(?:[.…]+\s*(?:\(image-[\w-]+\))?)?|(?:请)?点击输入图片(?:描述|注释|说明).{0,12}"
    r"|photo by .{1,30} on (?:unsplash|pexels|pixabay)"
)
_CAPTION_LABEL = re.compile(
    r"(?:相关|资料|档案|示意|新闻|插|配)?(?:图|图片|照片)\s*(?:[::/丨|]|由.{0,12}(?:提供|分享)).{0,40}"
    r"|(?:上|下|左|右)?图(?:为|中为)(?!什么|了|例|何|啥)[^。;!?,]{2,40}"  # "▲图为催收短信截图" (the bullet is stripped)
    r"|图源\s*[::].{1,30}|资料图\s*[((]\s*(?:图源|来源|图片来源)\s*[::][^()]{1,20}[))]"  # "资料图(图源:网络)"
)
_BULLETS = "▲△▼■□●◆◇*·•※→"
_PHOTO_CREDIT = re.compile(
    r"(?:[((][^()]{0,30}(?:摄|提供|图片|档案照|资料照|供图|翻摄)[^()]{0,20}[))]"
    r"|(?:图|摄|摄影|图片|照片)\s*[/|丨]\s*[^\s/|丨]{1,20}[))]?"
    r"|(?:通讯员|记者|受访者|警方|受访单位|本报|网友|市民|读者)\s*供图"
    r"|(?:记者|通讯员|摄影)\s*[\u4e00-\u9fff·]{2,4}\s*摄"  # "…记者 宁某 摄"
    r"|^[▲△▼]\s*(?!.*(?:保存|留存|收集|记得|注意|一定|要|请|可以|应))\S.{0,80}(?:截图|示意图|资料图|照片))$"
    # "▲某机构发布的引流广告截图" (not "▲ 保存好催收短信、通话录音和聊天截图", a bullet of advice)
)
_IMAGE_NUMBER = re.compile(r"第\s*\d+\s*张图片")
# A figure's label and caption: "图1", "图 2：催收短信截图" (a caption, so for text scrapes only)
_FIGURE_LABEL = re.compile(r"^图\s*\d{1,2}(?:\s*[::.、]\s*[^。;!?]{1,30})?$")
# Players and galleries as whole lines: "[视频]", "点击播放", "您的浏览器不支持 video 标签",
# "第1张/共5张", "图片仅为示意".
_MEDIA_LINE = re.compile(
    r"^[\[【(](?:视频|图片|图|音频|动图)(?:截图)?[\]】)]$"
    r"|^(?:点击|立即)?播放(?:视频)?$|^播放\s*暂停|不支持\s*(?:video|audio|html5)|^视频\s*[::]\s*\S{1,16}$"
    r"|^上一张\s*下一张$|^第\s*\d+\s*张\s*/\s*共\s*\d+\s*张$|^(?:查看原图|查看大图|全部图片|查看全部图片|高清大图)$"
    r"|^(?:图文无关|图片(?:仅为|仅作|仅供)?示意(?:图)?|(?:图片|配图)(?:与|和)(?:本文|正文|文章)无关)\S{0,4}$"
)
_LOGO = re.compile(r"\S{0,24}[-_ ]?logo")

_ROLE = r"(?:本报)?(?:记者|实习记者|编辑|责任编辑|责编|撰文|撰稿|作者|来源|通讯员|出品|摄影|策划|监制|审核|校对|统筹|设计|制图)"
_ROLE_SEP = re.compile(rf"(?:^|\s){_ROLE}\s*[/|丨]\s*\S")
_ROLE_BOX = re.compile(rf"^[□■◎]\s*{_ROLE}")
_REPORT_PAREN = re.compile(r"[((][^()]{1,30}(?:报导|报道|电)[))]"
                           r"|[((]\s*(?:编辑|责编|责任编辑|校对|审核|审校|统筹)\s*[::]?\s*[\u4e00-\u9fff·]{2,4}"
                           r"(?:[\s、]+[\u4e00-\u9fff·]{2,4}){0,3}\s*[))]")  # "（编辑 卢某彤）"
# a credit line of reporters' names and nothing else: "某某日报记者 王某 李某", "本报记者 王某 方 某",
# "（评论员 张伟 刘洋）"; a space after the role, so a column's name ("记者手记", "记者调查") is no credit.
# Both scripts: pipeline.extract.byline reads the names off unfolded text with the same patterns.
CREDIT_ROLE = (r"(?:本报|本台|本刊)?(?:特约|见习|見習|首席|实习|實習|融媒|全媒|融媒体)?"
               r"(?:记者|記者|通讯员|通訊員|实习生|實習生|评论员|評論員|特派员|特派員)")
CREDIT_NAMES = rf"[\u4e00-\u9fff·]{{2,4}}(?:[\s、,]+(?:{CREDIT_ROLE}\s*)?[\u4e00-\u9fff·]{{1,4}}){{0,5}}"
# a news credit standing alone on its line: "某某日报讯（记者 周某）", "本报讯（记者 何某 通讯员 杨某）",
# "某某社北京6月5日电（记者 吴某）", "本报北京3月12日电 记者 常某", "【某某日报专讯】", "〔记者陈某／新北报导〕"
_CREDIT_ALONE = re.compile(
    rf"^\S{{1,16}}?(?:\d{{1,2}}月\d{{1,2}}日)?(?:讯|电|专讯)\s*(?:\(\s*(?P<inner>[^()]{{2,40}})\)|(?P<tail>{CREDIT_ROLE}\s+{CREDIT_NAMES}))$"
    r"|^【[^【】\s]{2,16}?(?:专讯|讯)】$"
    rf"|^[(〔【]?(?:{CREDIT_ROLE}\s*)?(?P<tw>[\u4e00-\u9fff·]{{2,4}}(?:[、,][\u4e00-\u9fff·]{{2,4}}){{0,3}})/[\u4e00-\u9fff]{{2,6}}?(?:即时)?(?:报导|报道)[)〕】]?$"
)
_REPORTER_LINE = re.compile(
    rf"^(?:[^\s\d(),。]{{2,12}}?)?{CREDIT_ROLE}\s+{CREDIT_NAMES}$|^\(\s*{CREDIT_ROLE}\s+{CREDIT_NAMES}\s*\)$"
)
_EXCLUSIVE = re.compile(r"^(?:独家|专题|特约)?(?:报道|报导|采写|文字|图文)\s*[::/丨]\s*\S{1,12}$")

_EN_DATE = ENGLISH_DATE  # "16 Sep, 2025", "September 10th, 2005 10:56 am"
_NUMERIC_DATE = re.compile(r"(?<!\d)(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?")
_LABELLED_DATE = re.compile(
    r"(?:发布|发表|更新|上传|原|录入|编辑)?(?:时间|日期)\s*[::]\s*(?:19|20)\d{2}\s*[年/.-]\s*\d{1,2}\s*[月/.-]\s*\d{1,2}\s*日?"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)

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
# "56 跟贴 56", "阅读 1.2万 · 评论 3", "👍 12": counters with no words of their own
_COUNT = r"(?>[\d.,]+)\s*[万千wWkK]?\+?\s*次?"  # atomic: "12,345" has one reading, not 2^n
_COUNTER_WORD = (
    r"(?:(?:跟贴|跟帖|评论|阅读|浏览|点赞|获赞|赞|收藏|分享|转发|回复|回答|提问|关注|粉丝|文章|采纳|主题|帖子|积分"
    r"|访问|排名|点击|人气|热度|被浏览|关注者|赞同|好问题)[数量率]?|人看过|次浏览|次阅读|views?|likes?|comments?|replies"
    r"|followers)"
)
_COUNTERS = re.compile(
    rf"(?>(?:{_COUNT})?\s*{_COUNTER_WORD}\s*[::]?\s*(?:{_COUNT})?\s*[|·•/,]?\s*)+"
)
_SHARE_HINT = re.compile(r"分享|转发|点击右上角")
_DOC_WIDGET = re.compile(r"文档(?:简介|介绍|信息|预览|详情|格式|页数|大小)\s*[::]?")
_SHARE_TARGET = re.compile(r"微信|朋友圈|微博|浏览器|好友|qq")

# "回答者：张律师", "答主：财经老李": the label and a short value without a clause ("提问者：女，32岁，欠款8万"
# is the question)
_ANSWERER = re.compile(r"^(?:回答者|提问者|答主)\s*[::]\s*(\S{1,8})$")
# an answer card's header on a Q&A page: "孙某 律师 浙江某某律师事务所", "马某律师 执业12年" (the bare
# "王某某律师" is also a letter's signature: :func:`is_lawyer_name` leaves it to the context rules)
_LAWYER_LINE = re.compile(
    r"^([\u4e00-\u9fff]{2,4})\s*律师(\s+\S{2,20}(?:律师事务所|律所))?(\s*[|·]?\s*执业\s*\d+\s*年)?$"
)


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

_AD_LABEL = re.compile(
    r"[-–—\s\[【(]*(?:advertisement|advertising|sponsored|(?:赞助商?)?广告|赞助内容|推广)[\]】)]?\s*(?:[×x✕]|关闭)?[-–—\s]*"
)
_AD_COPY_ID = re.compile(r"点击复制(?:微信号?|号码)|复制微信号|微信\s*[::]\s*点击")
_AD_WELCOME = re.compile(r"欢迎(?:来电|致电|私信)?咨询(?:我们|本站|我司|小编)|欢迎(?:在评论区|在下方)?留言")
_AD_FOLLOW = re.compile(r"(?:请|欢迎)?关注(?:我们|[^\s,。]{1,10}(?:网|号|财经|频道|app|官方|新闻|资讯|头条|在线|日报|报))")
# Asking for likes and follows, as a whole line: "觉得有用就点个赞吧", "码字不易，请点赞收藏", "点个在看".
_ENGAGE = re.compile(
    r"^(?:[^,]{0,10},)?(?:觉得.{0,8}(?:就|的话)?)?(?:请|记得|别忘了|求|麻烦)?(?:点个赞|点赞|点个在看|一键三连)(?:收藏|关注|支持)?"
    r"(?:吧|哦|一下|支持一下)?[!~。]*$"
    r"|^(?:欢迎|记得|请)?(?:点赞|关注|收藏|转发|评论)(?:\s*[、,+]?\s*(?:点赞|关注|收藏|转发|评论|在看)){1,4}"
    r"(?:不迷路|一下|支持一下|走一波|吧|哦|呀)?[!~。]*$"  # "点赞关注不迷路" (not "转发评论也违法")
    r"|^(?:喜欢|觉得有用)\S{0,8}(?:点个(?:赞|在看)|点赞)\S{0,4}$|^点个(?:赞|在看)再走\S{0,2}$|^(?:点个)?在看$|^点击关注(?:我们|本号|公众号)?(?:,?了解更多\S{0,4})?[!~。]*$"
)
# Consultancies' and apps' calls, as a whole short line ("扫码添加专属顾问"); a line that goes on
# ("扫码加群的都是骗子") or warns (_ADVICE) is the article's advice about such calls.
_AD_CTA = re.compile(
    r"^(?:(?:想|如需|如果想)?了解更多.{0,16}欢迎(?:咨询|留言|私信|联系)(?:我们|小编|本站|客服|顾问)?"
    r"|(?:想了解更多[^\s,。!?]{0,6},?\s*)?关注我(?:不迷路|,[^。!?]{0,14}|获取[^\s,。!?]{0,8}|看更多[^\s,。!?]{0,6})?"
    r"|(?:点击|免费)咨询[^\s,。!?的]{0,10}方案|免费评估"
    # "有逾期问题可以找我", "需要帮助的朋友可以私信": the call closes the line (not "有同事找我借钱")
    r"|(?:有|如有|需要|想要)[^\s,。!?]{0,12}(?:(?:可以|请|欢迎|直接)(?:私信(?:我|小编)?|找我|联系我)"
    r"|(?:可以|请|欢迎|直接)?在?评论区(?:留言|扣\s*1))"
    r"|扫码(?:添加|关注|咨询|加)(?:专属)?(?:顾问|客服|老师|微信|好友|公众号|我们)?|微信扫一扫(?:关注|添加)?"
    # a follow call, also as spun copy words it: "留意咱们解锁更多避坑技巧"
    r"|(?:关注|留意|订阅)(?:我们|咱们|小编|本号)\S{0,4}(?:解锁|获取|了解|看)更多\S{0,8}"
    r"|长按(?:识别|扫描)二维码(?:关注|添加)?(?:我们|公众号)?|点击上方.{0,6}关注(?:我们)?"
    r"|(?:下载|打开)\s*app\s*,?\s*(?:看|阅读|查看)(?:更多)?(?:精彩)?(?:内容|全文|原文|详情)?|赞助商链接"
    r"|(?:立即|马上|免费)(?:获取|定制)(?:专属)?[^\s,。!?的]{0,6}(?:方案|额度)|专业.{0,8}(?:为您|为你)(?:解答|服务|定制)(?:方案)?"
    r"|(?:免费|在线|一对一)咨询(?:律师|专家|顾问))[!~。]*$"
)
# a consultancy's call to its chat account or free line: "加line「@某某」专人一对一免费试算", "☎ 免付费专线 0800-…"
_CHAT_CALL = re.compile(r"加\s*(?:line|微信|vx|wx|v信|好友|qq)\S{0,24}(?:免费|一对一|专人|咨询|评估|试算)"
                        r"|私信(?:回复|发送)?\s*[【\[「]\S{1,8}[】\]」]\s*(?:自动)?(?:领取|获取|免费)"
                        r"|^\W{0,3}(?:免付费|免费)(?:咨询)?(?:专线|热线|电话)\s*[::]?\s*[\d-]{7,}")
_ADVICE = re.compile(r"骗|诈|不要|别(?!忘)|千万|小心|谨慎|警惕|对方|时候|吗")
# a site's own app promoted to its readers: "欢迎下载某某新闻APP", "想看更多新闻？下载某某APP，看新闻还能抽奖"
# (advice to install an app, "下载国家反诈中心APP", names neither the reader's news nor a welcome)
_APP_PROMO = re.compile(
    r"欢迎下载\S{1,14}app|(?:看|想看|阅读)更多\S{0,6}(?:新闻|资讯|精彩|内容)\S{0,8}下载\S{1,14}app"
    r"|[,，]\s*尽在\S{1,14}app$"  # "海量资讯、精准解读，尽在某某财经APP"
    r"|下载\S{1,14}(?:新闻|资讯)\S{0,4}app\s*[,，]\s*(?:新闻|资讯)(?:即时|随时|抢先|第一时间)"  # "下载某某新闻云APP，新闻即时看"
    # a paywall's prompt: "订阅某某报网上版，即可阅读全文" (not "订阅电子账单，即可查看完整的消费明细")
    r"|订阅\S{0,10}(?:网上版|电子版|数字版|会员|vip|专栏|杂志|周刊)\S{0,4}[,，]?\s*(?:即可|就可|便可|可)?"
    r"(?:阅读|查看|浏览|收看)(?:全文|完整内容|更多内容)"
)
_APP_BUTTON = re.compile(r"下载\S{2,8}(?:新闻|财经)(?:app|客户端)?")  # "下载某某新闻" as a button
_AD_CLICK = re.compile(r"^[↓↑→▼\s]*点击(?:下方|上方|这里|此处|链接)\S{0,30}(?:申请|领取|查询|下载|选择|注册|咨询|额度)")

_DISCLAIMER_EXTRA = re.compile(
    r"^[【\[(]?\s*(?:郑重|重要)?(?:声明|申明)\s*[】\])]?\s*[::]|^[【\[(]?\s*版权说明\s*[】\])]?\s*[::]"
    r"|与本(?:网站|站|网|平台)无关|禁止(?:采集|转载)|违者必究|转载请注明"
    r"|未经(?:本站|本网|作者|本平台|本公众号|正式)?(?:书面)?(?:许可|授权)\S{0,2}(?:转载|复制)"
    r"|^\S{0,8}严禁转载\S{0,6}[,，]?\s*侵权必究[。.!]?$"
    r"|(?:援引|引用|转载|摘编)自(?:互联网|网络)|不代表本(?:网站|站|网|平台)(?:[。,;]|$)"
    r"|^(?:温馨提示\s*[::]\s*)?(?:本站|本网|本平台|网站)(?:信息|内容|文章|资料)?(?:仅供|只供)参考|评论仅供其?表达个人看法"
    r"|^(?:本文|文章)(?:转载自|转自|摘自|来源于)[^\s,。;!?]{0,16}(?:网|报|号|平台|新闻|杂志|电台|电视台)[。.]?$"
    r"|^[【\[(]?\s*原创声明\s*[】\])]?\s*[::]?$|谢绝(?:任何)?(?:形式的?)?转载[。.!]?$"
    r"|^(?:本文|文章|此文)(?:转载自|转自|摘自)[^。!?]{0,40}$"
    # reprint notes: "本文经授权转载自…", "转载请联系作者…", "本文首发于…", "经授权刊登", "原文标题为《…》，有删改"
    r"|^(?:本文|文章|此文)?(?:经授权)?转载自|转载请(?:联系|注明|保留)|^(?:本文|此文|原文)\S{0,10}首发(?:于|在)"
    r"|经(?:作者|原作者)?(?:授权|同意)(?:转载|刊登|发布)|^(?:本文|此文)已获授权|任何媒体和个人不得转载"
    r"|^(?:本文|文章)(?:内容)?(?:综合|编译|整理)自|^原文标题(?:为|是)?\s*[::《]|(?:略有|有)删改[。.]?$"
    r"|^著作权归\S{0,6}所有[。.]?$|^原创声明\s*[::]|^编者按\s*[::]\s*本文(?:转载|转)自"
)
_SERVER_ERROR = re.compile(r"^(?:warning|notice|fatal error|deprecated|parse error)\s*:.*\bon line \d+")
# a page's script left in its text: "var _hmt = _hmt || []; (function() {…"
_SCRIPT_LINE = re.compile(r"^(?:var\s|let\s|const\s|function\s*\(|\(function|window\.|document\.|<script|\$\(|jquery\()"
                          r".*(?:document\.|window\.|function\s*\(|createelement|\.push\(|_hmt|gtag|datalayer|cnzz)")
# (an analytics snippet's marks: a programming article's "var rate = 0.049 / 12;" is its text)
# a line of HTML left over and nothing else ("&nbsp;", "</p>", "<br/>"): empty once the markup is gone
_MARKUP_ONLY = re.compile(r"(?:&(?:[a-z]{2,8}|#\d{2,6}|#x[0-9a-f]{2,5});?|</?[a-z][a-z0-9]{0,9}(?:\s[^<>]{0,80})?/?>|\s)+")


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
_BIO_LABEL = re.compile(r"(?:作者|律师|专家|答主)(?:简介|介绍)\s*[::]")  # lines are folded to Simplified
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
# Site footer fields.
_FOOTER_FIELD = re.compile(
    r"^(?:技术支持|主办单位|承办单位|主管单位|运营单位|网站备案|备案号|客服热线|服务热线|工作时间|客服时间"
    r"|投稿邮箱|投稿信箱)\s*[::]|^(?:免费)?咨询(?:电话|热线)\s*[::]\s*(?:400|800)"  # not a public 123xx hotline
    r"|^投诉电话\s*[::]\s*(?!(?:12|95)\d{3}\b)"
)
# Forum furniture and relative times.
_FORUM_META = re.compile(r"^(?:楼主|沙发|板凳|地板)\s*[::]?\s*\S{0,16}$|^#?\d+\s*楼$|^(?:收起|展开)(?:回复|全部)?$")
_AGO = r"\d+\s*(?:秒|分钟|小时|天|周|个月)前"  # "3 小时前"
# "3 小时前", "前天 21:36", "发表于 昨天 08:15" (a post's header)
_RELATIVE_TIME = re.compile(
    rf"{_AGO}|^(?:(?:发表|發表|发布|發佈|回复|回覆|更新)[于於]\s*)?(?:刚刚|昨天|前天|今天)\s*\d{{1,2}}:\d{{2}}"
)
_PLAYER = re.compile(
    r"^\d{1,2}:\d{2}\s*/\s*\d{1,2}:\d{2}$|^(?:图片|视频|内容|页面)?(?:加载中|正在加载)[.…]*(?:,?请稍[候等][.…]*)?$"
    r"|^点击(?:图片)?查看大图$|^(?:视频|影片)?播放器(?:加载|载入)中[.…]*$"
    r"|^正在播放\s*[·|]?\s*(?:时长\s*)?\d{1,2}:\d{2}$|^时长\s*[::]?\s*\d{1,2}:\d{2}$"
    r"|^(?:点击|上拉)?加载更多\S{0,4}$"
)  # whole lines: "系统正在加载，让我再转一笔" is a victim's story
# App and loan promotions.
_AD_PROMO = re.compile(
    r"^(?:下载|打开)\s*app(?:\s*(?:查看|阅读|领取)\S{0,6})?$|app\s*(?:下载|内打开|专享)|扫码(?:下载|领取)|(?:立即|点击|免费)领取|限时(?:优惠|免费|特惠)"
    r"|最高可(?:借|贷)\s*\d|(?:日|月|年)(?:息|利率)低至|秒(?:到账|放款|批)|^\W{0,3}限时福利\s*[::]|^\W{0,3}点击(?:上方)?蓝字[^,。]{0,12}关注"
    r"|^下载[^\s,。]{1,8}app\s*,[^。]{0,16}>+\s*$"
    r"|^(?:赞助|赞助商|推广链接|广告位|ads?)$|最快\s*\d+\s*分钟(?:到账|放款|审批)|^(?:额度)?最高(?:额度)?\s*\d+\s*万$"
    r"|^(?:扫描|扫一扫|微信扫描|手机扫描)(?:下方|上方|左侧|右侧|图中)?二维码$|^\W{0,2}二维码\W{0,2}$"  # a QR code's stub
    r"|^长按(?:识别|扫描)?(?:图中)?二维码|^扫码(?:加入|进入)\S{0,6}群$|^专业\S{0,8}一对一服务$"
    r"|^(?:点击)?(?:下载|打开)\s*app$|^打开\s*app\s*,?\s*(?:阅读|浏览|观看)?体验更(?:佳|好)|^新用户专享\S{0,8}$"
    r"|^[^\d\s]{2,8}\d{2,3}(?:入口|官网|官方网站)$"  # "某某188入口": a gambling link (not "个税汇算2024入口")
    r"|首存送|首刷有礼|注册(?:就|即)?送\s*\d+\s*元|新客专享|马上抢|一键比价|app\s*内(?:开启|打开)|加入\s*line\s*好友"
    r"|^代写\S|^微信搜索|点击测一测"
)
# A loan's promises, two of them on one short line ("不看征信，黑户可贷", "3分钟审批，当天放款"); one
# alone is as often a fact or a question ("助学贷款不查征信", "哪些贷款不看征信"), and the article's
# warning about them has _ADVICE words ("当天放款的平台要警惕").
_LOAN_BAIT = re.compile(
    r"不看征信|无视征信|不查征信|黑户可(?:贷|下款)|(?:当天|当日|极速)(?:放款|到账|下款)|低至万[一二三四五]|秒(?:批|下款)"
    r"|\d+\s*分钟(?:审批|到账|放款|下款)|无抵押|免审核|有身份证就(?:能|可以)(?:贷|借)|随借随还|按日计息"
    # a debt consultancy's: "停息挂账、分期协商，专业团队一对一服务，免费咨询热线：400…"
    r"|征信修复|逾期记录消除|包成功|全国受理|成功(?:后)?再收费|不成功不收费|停息挂账|一对一服务|免费咨询热线"
    r"|征信花了?(?:也|都)?(?:能|可以?)(?:借|贷|下款)|(?:点我|点击|立即)查看(?:我的)?额度|负债人专属"
)
# an event campaign's promise (an exchange's, a course's, an app's): "新用户注册即领盲盒，最高1000 USDT",
# two of them to a line, as with the loans' bait
_CAMPAIGN = re.compile(
    r"注册即(?:领|送|得|享)|新用户(?:专享|福利|礼包|注册)|新人(?:礼包|福利|专享)|(?:领|抽|开)盲盒|瓜分|奖池|邀请好友|返佣"
    r"|最高(?:可)?(?:领|得|送|赢|返)?\s*\d[\d,.]*\s*(?:元|usdt|u|积分|红包|现金)|报名即(?:送|领|得)|抽奖(?:送|赢)?"
    r"|狂欢(?:季|节|购)|体验券|免费领取|限时(?:免费|领取|福利|优惠|报名)|前\s*\d+\s*名"
)
# a sentence about such promotions, not one: "很多平台打着注册即送红包的旗号"
_DESCRIBED = re.compile(r"打着|旗号|声称|号称|所谓|宣称|这类|此类|很多|一些|有的|某些|往往|通常")
_REPORTED = re.compile(r"[让叫](?:我|你|他|她)|他|她|说(?:可以|能|会|要|是|帮|让)|声称|表示")  # "他让我加微信，说可以免费评估": a story, not the call
# a campaign's or an offer's button on a line of its own: "立即参与 >>", "马上领取→"
_CALL_BUTTON = re.compile(r"(?:立即|马上|现在|点击|免费)(?:参与|报名|领取|抢购|抢|开户|体验|加入|预约)\s*[>》→»]*")
_BAR = re.compile(r"\s*[|｜︱]\s*")
_ITEM_SENTENCE = re.compile(r"[,。;!?]")
_SPACE_MENU_ITEM = re.compile(r"[^\s,。;:!?、]{1,6}")
_NAV_LINE = re.compile(
    r"^(?:栏目|网站|频道|站内)导航$|^点击进入专题$|^手机(?:看|阅读|浏览)$|扫(?:一扫|描二维码)\S{0,4}在?手机(?:上)?(?:打开|阅读|查看|浏览|看)"
    r"|^回复$"
)
_MENU_ITEM = re.compile(r"首页|主页|社区首页|网站首页|关于(?:我们|本站)|联系我们|上一页|下一页|尾页|共\d+页")
# labels of link lists: "热门城市：北京 上海 …" (not "所需材料：身份证 银行卡 …")
_NAV_LABEL = re.compile(r"(?:热门|相关|全部|更多)?(?:城市|地区|频道|栏目|导航|标签|搜索|话题|专题)")


_STAMP = re.compile(
    r"(?:(?:19|20)\d{2}\s*[-/.年]\s*)?\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}:\d{2}(?::\d{2})?|"
    rf"{_AGO}|刚刚|昨天|前天|今天"
)


def is_bare_stamp(f: str) -> bool:
    """A folded line that is only a date, a time or a count: the meta line of a list entry."""
    if not f or len(f) > 40:
        return False
    if f.isdigit() or (any(c.isdigit() for c in f) and _COUNTERS.fullmatch(f)):
        return True
    rest = _STAMP.sub("", f)
    return rest != f and plain_len(rest) == 0


def plain_len(f: str) -> int:
    """Length without spaces and punctuation (what a reader would call the line's text)."""
    return sum(1 for c in f if not c.isspace() and unicodedata.category(c)[0] not in "PSZ")


def _strip_frame(f: str) -> str:
    """The line without leading bullets and one pair of enclosing parentheses/brackets."""
    f = f.lstrip(_BULLETS + " ")
    if len(f) >= 2 and f[0] in "([【" and f[-1] in ")]】":
        f = f[1:-1].strip()
    return f


def _is_caption(f: str) -> bool:
    if len(f) > 150:
        return False
    if _MARKDOWN_IMAGE.fullmatch(f) or _IMAGE_FILE.fullmatch(f) or _IMAGE_NUMBER.search(f):
        return True
    if len(f) <= 40 and _MEDIA_LINE.search(f):
        return True
    core = _strip_frame(f)
    if len(core) <= 40 and _IMAGE_STUB.fullmatch(core):
        return True
    return len(f) <= 30 and bool(_LOGO.fullmatch(f))


def is_photo_caption(f: str) -> bool:
    """A real photo's caption, credited (``…(记者某某摄)``, ``…图/某机构``) or labelled (``资料图:…``).

    Only for text scrapes: there a caption is page furniture (the annotators' rule), while
    the HTML extractor keeps a figure's caption with its article, as the HTML gold texts do.
    """
    if len(f) > 120:
        return False
    return bool(_PHOTO_CREDIT.search(f) or _CAPTION_LABEL.fullmatch(_strip_frame(f)) or _FIGURE_LABEL.match(f))


def _is_answerer(f: str) -> bool:
    m = _ANSWERER.match(f)
    if m:  # the label says a name follows; a sentence has its punctuation
        return not SENTENCE_END.search(m.group(1)) and "," not in m.group(1)
    m = _lawyer_line(f)
    return bool(m and (m.group(2) or m.group(3)))  # with its firm or years: a card, wherever it stands


def _lawyer_line(f: str) -> re.Match[str] | None:
    """The match of a line that is a lawyer's name, maybe with firm and years, or None."""
    m = _LAWYER_LINE.match(f)
    return m if m and is_name_line(m.group(1)) else None


def is_lawyer_name(f: str, firm_below: bool = False) -> bool:
    """A folded line that is a lawyer's name and nothing else: "王某某律师", "马某 律师".

    A two-character name needs the space ("王牌律师", "周边律师" are words), unless a firm's
    line right below vouches for it (an answer card: "张明律师 / 某某律师事务所 已帮助 2,316 人").
    """
    m = _lawyer_line(f)
    return bool(m) and not (m.group(2) or m.group(3)) and (
        firm_below or len(m.group(1)) > 2 or len(f) > len(m.group(1)) + 2)


def _is_byline(f: str) -> bool:
    if len(f) > 60 or SENTENCE_END.search(f):
        return False
    if _ROLE_SEP.search(f) or _ROLE_BOX.match(f) or _EXCLUSIVE.match(f):
        return True
    return len(f) <= 40 and bool(_REPORT_PAREN.fullmatch(f) or (_REPORTER_LINE.match(f) and credit_names(f))
                                 or _credit_alone(f))


def _credit_alone(f: str) -> bool:
    """A news credit with nothing after it (see _CREDIT_ALONE); its names must be names."""
    m = _CREDIT_ALONE.match(f)
    if not m:
        return False
    names = m.group("inner") or m.group("tail") or m.group("tw")
    if names is None:
        return True  # "【某某日报专讯】"
    return bool(credit_names(names if m.group("tail") or m.group("inner") and WRITER_ROLE.search(names)
                             else "记者 " + names))


def _is_dateline(f: str) -> bool:
    if len(f) > 80 or SENTENCE_END.search(f):
        return False
    if ENGLISH_HINT.search(f) and _EN_DATE.search(f) and plain_len(_EN_DATE.sub(" ", f)) <= 12:
        return True
    if len(f) <= 40 and _RELATIVE_TIME.search(f) and plain_len(_RELATIVE_TIME.sub(" ", f)) <= 12:
        return True
    rest = _LABELLED_DATE.sub(" ", f)
    rest = _NUMERIC_DATE.sub(" ", rest)
    return rest != f and plain_len(rest) <= 16


def _is_widget(f: str) -> bool:
    if len(f) > 40:
        return False
    if _READ_COUNTER.fullmatch(f) or _READ_TIME.fullmatch(f) or (len(f) <= 30 and _PEOPLE_COUNT.fullmatch(f)):
        return True
    if len(f) <= 30 and any(c.isdigit() for c in f) and _COUNTERS.fullmatch(f):
        return True
    if len(f) <= 12 and _DOC_WIDGET.fullmatch(f):
        return True
    if len(f) <= 60 and (_DOC_CARD.search(f) or _PLAYER.search(f)):
        return True
    if len(f) <= 60 and (_PROFILE.search(f) or _PROFILE_MORE.search(f)) and not SENTENCE_END.search(f):
        return True  # a card's field, not a sentence about ratings ("好评率…可以刷出来的，不要迷信。")
    if len(f) <= 40 and (_FORM_FIELD.search(f) or _COMMENT_PROMPT.search(f)) and not _ADVICE.search(f):
        return True
    if len(f) <= 40 and (_FEEDBACK.match(f) or _SEARCH_BOX.search(f) or _EMPTY_FIELD.match(f)):
        return True
    if len(f) <= 24 and _SORT_TOGGLE.fullmatch(f):
        return True
    return len(f) <= 30 and bool(_SHARE_HINT.search(f) and _SHARE_TARGET.search(f))


def _is_navigation(f: str) -> bool:
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
    bar = [x.strip() for x in _BAR.split(f)]
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


def _is_related(f: str) -> bool:
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


_WARNING = re.compile(r"骗|诈|不要|(?<![识区特分级类告个性鉴辨判])别(?!忘)|千万|小心|谨慎|警惕|对方|吗")


def warns(f: str) -> bool:
    """The line warns about or tells of such a call ("如果对方让你加微信免费咨询，多半是骗子。"): the article's.

    (Not "识别" or "特别": a QR code's "长按识别二维码" is the call itself.)"""
    return bool(_WARNING.search(f) or _REPORTED.search(f))


def _is_marketing(f: str) -> bool:
    f = unquoted(f)
    if len(f) <= 30 and _AD_LABEL.fullmatch(f):
        return True
    if len(f) <= 200 and _AD_COPY_ID.search(f):
        return True
    if len(f) <= 120 and _AD_WELCOME.search(f) and len(SENTENCE_END.findall(f)) <= 2:
        return True  # an author's paragraph may close with "欢迎在评论区留言": three sentences are content
    if len(f) <= 12 and _AD_FOLLOW.fullmatch(f):
        return True
    if len(f) <= 40 and _AD_PROMO.search(f):
        return True
    if len(f) <= 40 and len(set(_LOAN_BAIT.findall(f))) >= 2 and "。" not in f and not _ADVICE.search(f):
        return True
    parts = [p for p in _BAR.split(f) if p]
    if len(parts) >= 3 and all(len(p) <= 10 for p in parts) and any(_LOAN_BAIT.search(p) for p in parts):
        return True  # a consultancy's slogan strip: "正规律所团队 | 一对一协商 | 不成功不收费"
    if (len(f) <= 80 and len(set(_CAMPAIGN.findall(f))) >= 2 and "。" not in f and not _ADVICE.search(f)
            and not _DESCRIBED.search(f)):
        return True
    if len(f) <= 10 and _CALL_BUTTON.fullmatch(f):
        return True
    if len(f) <= 80 and _CHAT_CALL.search(f) and not _ADVICE.search(f) and not _DESCRIBED.search(f) \
            and not _REPORTED.search(f):
        return True
    if len(f) <= 80 and _APP_PROMO.search(f):
        return True
    if len(f) <= 14 and _APP_BUTTON.fullmatch(f) and not _ADVICE.search(f):
        return True  # (advice to install one, "下载国家反诈中心APP", is the article's)
    if len(f) <= 30 and (_AD_CTA.match(f) or _ENGAGE.match(f)) and not _ADVICE.search(f):
        return True
    return len(f) <= 60 and bool(_AD_CLICK.match(f))


def classify_extra(f: str) -> str | None:
    """The family of a folded line (see the module table), or ``None``."""
    if _SERVER_ERROR.match(f) or _MARKUP_ONLY.fullmatch(f) or _SCRIPT_LINE.match(f):
        return "noise"
    if family := classify_thread_line(f):
        return family
    if len(f) <= 80 and _FOOTER_FIELD.match(f):
        return "contact"
    if _is_caption(f):
        return "caption"
    if len(f) <= 120 and _BIO_LABEL.match(f):
        return "widget"  # the author's or lawyer's card: "作者简介：某某，前银行信贷员…"
    if len(f) <= 120 and _DISCLAIMER_EXTRA.search(unquoted(f)):
        return "disclaimer"
    if _is_marketing(f):
        return "marketing"
    if _is_byline(f) or _is_answerer(f):
        return "byline"
    if _is_dateline(f):
        return "dateline"
    if _is_widget(f):
        return "widget"
    if _is_related(f):
        return "related"
    if _is_navigation(f):
        return "navigation"
    if len(f) <= 60:
        for family, rx in UI_LINES:
            if rx.search(f):
                return "navigation" if family == "nav" else family
    return None
