"""Line-level boilerplate classifier shared by the text and HTML extractors.

Everything here works on one line (one visible block) at a time and never names
a site: each family is described by the *shape* of its lines (stock phrases of
Chinese CMS templates, counters, separators, licence numbers), so a rule that
fires on one scrape fires on every site using the same template idiom.

Matching happens on a folded key (:func:`pipeline.extract.fold.fold`): width,
script, pinyin annotations and case folded away. The caller keeps the original
text for output; normalising the output is the normalize stage's job.

Families (what :func:`classify_line` returns):

=================  ==============================================================
``greeting``       ``您好，欢迎访问/光临/来到…``
``breadcrumb``     ``首页 > 栏目 > 正文``, ``当前位置：…``, ``X > > 正文``
``dateline``       a date/time plus only labelled fields (来源/作者/浏览…) or a media name
``byline``         ``来源：`` / ``作者：`` / ``责任编辑：`` / ``文/某`` lines; lines made of metadata fields
                   (``理财君 · 05-06 · 阅读 4.1k``, :mod:`pipeline.extract.meta_line`)
``widget``         ``字体：大 中 小``, ``人气：123``, ``阅读 1.2万``, ``分享到：``, ``<栏目> 5℃ 0`` counters
``takedown``       ``删帖``/``侵删``/``如有侵权…删除``/``侵权投诉邮箱：``
``contact``        ``联系邮箱：``, ``商务合作：`` (and, with context, the contact line after a takedown line)
``disclaimer``     ``声明：``, ``免责声明``, ``不代表本站观点``, ``仅供参考，不构成…建议``
``comment``        comment-section headers: ``精彩评论``, ``网友评论(12)``, ``发表评论``
``tag``            ``标签：`` / ``关键词：``
``marketing``      ``加微信…``, ``老师微信：``, ``扫码关注公众号``
``original_title`` ``原标题：``
``navigation``     ``返回顶部``, ``点击阅读全文``, ``上一篇：…``, menu strips ``首页 | 新闻 | …``
``copyright``      ``Copyright ©``, ``版权所有``, ``All Rights Reserved``
``licence``        ``X ICP备…号``, ``XB2-…``, ``公网安备…``, ``…经营许可证``
``friend_links``   ``友情链接：``
``related``        ``最新文章``, ``相关文章``, ``随机看看``, ``猜你喜欢``, ``热门排行``
``correction``     ``【纠错】``
``editor_label``   a standalone ``小编导语``, ``编者按``, ``导读``, ``摘要``
``toc``            a standalone ``目录`` / ``本文目录一览``
=================  ==============================================================

Public helpers:

* :func:`classify_line` - the boilerplate family of a line, or ``None`` for content.
* :func:`is_contact_line` - a name/phone/e-mail line (removed after a takedown line).
* :func:`is_list_title` - a short link-title line (removed under a related-articles or links header).
* :data:`META_FIELD`, :data:`COUNTER_TOKEN` - the labelled fields and counters of a metadata line
  (read by :mod:`pipeline.extract.byline`, which parses bylines for their values).
* :data:`LIST_HEADERS` - families whose header line owns the short lines listed under it.

Context rules (the contact line after a takedown line, the list under a
"related articles" header, comments under a comment header, repeated titles,
tables of contents) need the neighbouring lines and live in the extractor
(:mod:`pipeline.extract.text`), built on these helpers.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.chars import HAN_BMP, WELCOME
from pipeline.extract.ad_lines import warns
from pipeline.extract.dates import find_date
from pipeline.extract.fold import fold
from pipeline.extract.folded_line import SENTENCE_END as _SENTENCE_END
from pipeline.extract.folded_line import plain_len as _plain_len
from pipeline.extract.folded_line import unquoted
from pipeline.extract.line_rules import classify_extra
from pipeline.extract.meta_line import is_meta_line
from pipeline.extract.names import is_name_line

# --------------------------------------------------------------------------- helpers

_EMAIL = re.compile(r"[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}")
_PHONE = re.compile(
    r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)"  # mobile
    r"|(?<!\d)0\d{2,3}[- ]?\d{7,8}(?!\d)"  # landline
    r"|(?<!\d)[48]00[- ]?\d{3}[- ]?\d{4}(?!\d)"  # 400/800 hotlines
)
_QQ = re.compile(r"(?:qq|扣扣)\s*[::号]?\s*\d{5,11}|(?<![\d.])\d{5,11}(?=@)")


def _sentence_like(f: str) -> bool:
    return bool(_SENTENCE_END.search(f))


# --------------------------------------------------------------------------- families

# Licences printed in site footers: ICP filings, value-added telecom permits, public-security filings.
_LICENCE = re.compile(
    r"icp\s*[备证]|icp\s*(?:license|licence)"
    rf"|[{HAN_BMP}]\s*b[12]\s*-\s*\d{{6,}}"
    r"|公网安备|网安备\s*\d"
    r"|(?:增值电信|电信与信息服务|网络文化|信息网络传播视听|互联网新闻信息|出版物)\S{0,8}(?:许可证|经营许可)"
)
_COPYRIGHT = re.compile(r"copyright|©|\(c\)\s*\d{4}|all rights reserved|版权所有|保留所有权利")
_GREETING = re.compile(r"^(?:(?:您|你)好|hi|hello|亲爱的\S{0,6})?\s*[,!。~ ]*\s*" + WELCOME)
_BREADCRUMB_SEP = re.compile(r"\s*(?:>>?|»|›|→|/)\s*")
# "首页 - 新闻中心 - 行业动态", "首页 / 资讯 / 正文" (slashes only to 正文: "首页 / 我的 / 设置" is an app's path)
_HOME_TRAIL = re.compile(r"^(?:网站)?(?:首页|主页)\s*(?:\s[-—]\s|/(?=.*/\s*正文$))")
_TRAIL_SEP = re.compile(r"\s*(?:/|\s[-—]\s)\s*")
_BREADCRUMB_HINT = re.compile(
    r"^(?:当前位置|您的位置|你的位置|你现在的位置|您现在的位置|所在位置|位置)\s*[::]|首页|主页|正文$"
)
# Takedown notices: the site asks rights holders to contact it for removal.
_TAKEDOWN_STRONG = re.compile(r"删帖|侵删|侵权必删|不良信息举报|违法和不良信息|索取稿酬|撤下(?:您的)?作品")
# advice sending the reader to the authorities' reporting centres, whose names hold the site footer's words
# ("举报至12321网络不良信息举报平台", "向中央网信办违法和不良信息举报中心举报")
_REPORT_TO_AUTHORITY = re.compile(
    r"(?:向|至|到|拨打|登录|通过)\S{0,8}(?:12321|12377|网信办|(?:网络|违法和)不良信息举报(?:受理)?(?:平台|中心))"
)
_TAKEDOWN_COND = re.compile(r"(?<![例比正诸犹])(?:如|若|如果|倘若)(?:有|涉及|涉|存在|发现)?\S{0,10}(?:侵权|侵犯)")
# the condition and the way to tell the site in one clause: "如发现版权问题，请发送邮件至…"
_TAKEDOWN_ASK = re.compile(
    r"(?<![例比正诸犹])(?:如|若|如果)(?:发现|涉及)?\S{0,10}版权(?:等)?问题\S{0,12}(?:请)?\S{0,8}"
    r"(?:(?:与|联系)(?:我们|本站|本网|站长|小编)|告知我们|发送?邮件|邮件至)"
)
_TAKEDOWN_SITE = re.compile(
    r"删除|来信|客服信箱|联系(?:我们|本站|本网|站长|小编|管理员|平台)|(?:告知|通知)(?:我们|本站|本网|站长)|发送\S{0,8}(?:材料|证明|邮件)至"
)
_TAKEDOWN_CHANNEL = re.compile(
    r"(?:侵权|删帖|举报)\S{0,6}(?:联系方式|邮箱|电话|热线|qq|渠道|方式)\s*[::](?!\s*(?:12|95)\d{3}\b)"
    r"|投诉\S{0,4}(?:联系方式|邮箱|qq|渠道)\s*[::]"  # (a complaint hotline, "投诉电话：12378", is advice)
)
_CONTACT_LABEL = re.compile(
    r"^(?:联系(?:我们|邮箱|信箱|方式)|投稿(?:邮箱|信箱|方式)|商务合作|广告(?:合作|服务|投放)|合作(?:邮箱|联系)"
    r"|客服(?:邮箱|qq)|站长(?:邮箱|qq)|意见反馈)\s*[::]?"
)
_DISCLAIMER_START = re.compile(
    r"^[【\[(]?\s*(?:免责|版权|特别|风险)?(?:声明|申明)\s*(?:[】\])]\s*[::]?|[::])"
)
_DISCLAIMER_LABEL = re.compile(r"[【\[(]?\s*(?:免责|版权|特别|风险)?(?:声明|申明)\s*[】\])]?\s*[::]?")
_NOTE_MARK = re.compile(r"^(?:[*※#＊]+|注\s*[:：])\s*")  # a note's mark before a disclaimer
_DISCLAIMER = re.compile(
    r"免责(?:声明|条款)\s*(?:[::】\]]|$)"  # the label (not "平台的免责声明不能免除其法律责任")
    r"|市场有风险\s*,?\s*投资需谨慎|由\s*ai\s*生成\S{0,3}\s*,?\s*仅供参考"
    r"|^(?:以上|本文|本站|本网站?|本平台|本回答|(?:律师)?(?:回复|解答))[^。]{0,30}不构成\S{0,4}(?:正式|任何)?(?:法律|投资|专业)(?:意见|建议)"
    r"|(?:本站|本网站?|本平台)(?:不对|不保证)\S{0,12}(?:真实性|准确性|完整性)|概不负责|尽速移除"
    r"|^(?:投诉\s*/\s*举报|举报该(?:回答|评论|内容|问题)|\S{0,8}点击举报)$|点此举报"
    r"|(?:理财|借款|贷款|投资)有风险\s*,?\s*(?:借款|投资|理财|贷款)需(?:理性|谨慎)|^(?:本站|本网站?|本平台)不提供任何"
    r"|如有错误\S{0,4}欢迎.{0,30}(?:指正|反馈)|^(?:本站|本平台)\S{0,30}仅代表\S{0,6}个人(?:观点|意见)"
    r"|不代表(?:本|我)?(?:站|网|平台|号|刊|报|公司)?\S{0,6}(?:观点|立场)"
    r"|(?:仅供|只供)(?:参考|学习|交流|阅读)\S{0,24}(?:不构成|不作为|不代表)|仅提供信息(?:存储|发布)空间服务"
    r"|^计算结果仅供参考"
    r"|^(?:以上|上述)(?:内容|信息|回答|解答|资料|数据)?(?:仅供|只供)参考\s*(?:[,，]\s*(?:具体|一切|实际|最终)?[^,，。]{0,24}为准)?[。.!]?$"
    r"|(?:转载|转自)\S{0,20}(?:版权|著作权)\S{0,6}(?:归|属于)"
    r"|(?:文章|内容|本文)\S{0,12}(?:来源于|来自|整理自)(?:网络|互联网)"
    r"|^(?:本文|文章|以上|本帖|本站|本网站?|本论坛|本平台|\S{0,4}言论)\S{0,10}仅代表(?:作者|发言者|发布者|本人)?个人(?:观点|意见|看法|立场)"
    r"|^[(（【\[]?(?:经验|以上|本文|文章|回答)(?:内容)?仅供参考\S{0,4},.{0,40}(?:专业人士|律师|专业机构|咨询)"
)
_COMMENT_HEADER = re.compile(
    # 点评 heads a comment section only when readers write it: 专家点评 / 律师点评 is the article's own commentary
    r"[【\[]?(?:(?:精彩|热门|最热|最新|网友|全部|相关|用户|读者|专家|律师|文章|本文)?(?:评论|留言)|(?:精彩|热门|最热|最新|网友|全部|用户|读者)?点评)"
    r"(?:区|列表|精选)?"
    r"[】\]]?\s*(?:\(\d+\)|\d+\s*条)?\s*[::]?"
    r"|(?:发表|我要|查看|写|参与)(?:评论|留言)(?:\s*\(\d+\))?\s*[::]?|暂无(?:评论|留言)|还没有(?:评论|留言)\S{0,10}"
    r"|(?:请)?(?:先)?登录后(?:才能)?(?:发表|参与)?(?:评论|留言)\S{0,4}"
    r"|(?:共|已有)?\s*\d+\s*(?:条|人)(?:评论|留言|参与)\s*[::]?"
    r"|[\d,]+\s*条(?:评论|留言|跟帖|跟贴)\s*[|/]\s*[\d,]+\s*人参与\S{0,6}"  # "243条评论|3,930人参与网友评论"
)
_TAG = re.compile(
    r"^[【\[]?(?:本文)?(?:标签|关键词|关键字|tags?|热门标签|相关标签|文章标签)[】\]]?\s*[::]"
    r"|^(?:所属)?(?:分类|栏目)\s*[::]\s*[^\s,。;、]{1,12}$"  # "分类：债务纠纷" (not "分类：正常、关注、次级")
)
_MARKETING_START = re.compile(
    r"^(?:请|可|欢迎|立即|马上|免费|长按|点击)?\s*(?:加|添加|扫码|扫描|扫一扫|长按|识别|关注|私信)"
)
_MARKETING_TARGET = re.compile(r"微信|公众号|v信|vx|wx|qq群|视频号")
_MARKETING_ANY = re.compile(
    r"(?:微信|v信|vx|wx)\s*号?\s*[::]\s*[a-z0-9_-]{5,}"
    r"|(?:老师|客服|小编|律师|顾问|专家|助理|经理|导师)(?:的)?\s*(?:微信|v信|vx)"
    r"|(?:加|添加)\s*(?:微信|v信|vx)\s*(?:咨询|领取|获取|了解|免费)"
    r"|(?:扫描|扫|识别)\s*(?:下方|上方|图中)?\s*(?:二维码)?\s*(?:即可|立即|免费)?\s*关注"
    r"|关注\S{0,8}(?:公众号|微信号|视频号|官方微信|抖音号)"
)
_MENU_SEP = re.compile(r"\s*[|·•]\s*")
_MENU_WORD = re.compile(
    r"首页|主页|网站首页|关于我们|联系我们|广告服务|广告合作|网站地图|站点地图|帮助中心|帮助|隐私政策|用户协议"
    r"|法律声明|免责声明|意见反馈|加入我们|招聘信息|网站导航|about\s*\S*|contact\s*\S*|\S{1,6}简介"
)
_ORIGINAL_TITLE = re.compile(r"^[【\[(]?\s*原(?:标题|题|文标题)\s*(?:[】\])]\s*[::]?|[::])")
_NAV_PREFIX = re.compile(  # a label ("上一篇：标题", "上一篇文章：标题", "上一篇 标题"), not "上一篇文章我们讲了…"
    r"^[«‹<\s]*(?:上一篇|下一篇|上一页|下一页|上一条|下一条|前一篇|后一篇)(?:文章)?(?:\s*[::]|\s*$|\s+[^。!?]{1,40}$)"
)
_NAV_WORD = re.compile(
    r"返回(?:顶部|首页|列表|上一页|目录|上级|栏目)?|回到顶部|top"
    r"|(?:点击|继续)?(?:阅读|查看|浏览)(?:全文|原文|更多|详情)|展开(?:全文|阅读|更多)?|收起(?:全文)?"
    r"|首页|尾页|上一页|下一页|打印(?:本页|此文|本文)?|关闭(?:窗口|本页)?|更多(?:>+)?|more(?:>+)?"
    r"|(?:加入|添加)?收藏(?:本文|本页|本站)?|设为首页|分享(?:到|至)?\s*:?|转发|点赞|举报|纠错|顶|踩|>+|<+|\|"
    r"|回复|评论|引用|删除|只看该?作者|复制链接|私信"  # a post's buttons: "回复 引用 举报", "回复分享举报"
    r"|facebook|whatsapp|telegram|twitter|line|微信|微博|qq空间|朋友圈"
)
_FRIEND_LINKS = re.compile(r"^[【\[]?(?:友情链接|友链|合作伙伴|合作媒体|合作网站|链接交换)[】\]]?\s*[::]?")
_RELATED = re.compile(
    r"(?:[【\[]?(?:最新|相关|热门|推荐|随机|精彩|延伸|更多|热点|往期|同类|其他|本站|今日|本周|大家都在)"
    r"(?:文章|阅读|推荐|资讯|内容|新闻|话题|帖子|看看|专题|问答|咨询|攻略|知识|案例|经验|看|关注)"
    r"(?:推荐|列表|排行|阅读)?[】\]]?"
    r"|猜你(?:喜欢|想看)|为[你您]推荐|你(?:也|还)?可能(?:还|也)?(?:感兴趣|会喜欢|喜欢|想看|想读|关心|关注)(?:的问题)?"
    r"|(?:大家|其他人|别人|网友|更多人)(?:都|也|还)?在(?:看|读)|看了(?:本文|这篇文章)的人还看了"
    r"|(?:热门|阅读|点击|热度)排行(?:榜)?|排行榜|(?:其他|更多)?(?:类似|相似)问题|(?:其他|更多)相关问题"
    r"|(?:精彩|热门|相关|最新|推荐)(?:视频|图片|图集|音频)(?:推荐|列表)?)\s*[::]?\s*(?:更多\s*>*)?"  # "精彩视频推荐"
)
# a pager: its place, then its links ("第1页/共1页 << 上一页 | 下一页 >>"); the place alone is a document
# viewer's counter (a widget)
_PAGER = re.compile(r"第\s*\d+\s*页\s*/\s*共\s*\d+\s*页(?:\s*[«‹<>»›|]*\s*(?:上一页|下一页|首页|尾页)\s*[«‹<>»›|]*)+")
# a blog post's furniture under its text: its trackback address, its reading count in a note
# ("（本文发表于首页某栏目，已被阅读178次）"), a site's follow promotion ("（更多内容请继续关注某某网 www…）")
_TRACKBACK = re.compile(r"(?:引用|通告)?\s*[(（]?\s*trackback\b", re.I)
_READ_NOTE = re.compile(r"[(（][^()（）]{0,40}已被(?:阅读|浏览|查看|点击)\s*[\d,]+\s*次[)）]")
_FOLLOW_NOTE = re.compile(r"[(（]\s*(?:更多|欲知)(?:内容|资讯|精彩内容|精彩|详情)?\s*(?:请|敬请)?(?:继续)?关注"
                          r"[^()（）]{0,30}(?:网|站|号|app|www\.|微信|频道|客户端|平台)[^()（）]{0,30}[)）]")
_CORRECTION = re.compile(r"[【\[]\s*纠错\s*[】\]]|^纠错\s*[::]?$|我要纠错")
_EDITOR_LABEL = re.compile(
    r"[【\[(]?\s*(?:(?:小编|编者|编辑)(?:导语|导读|按|寄语|提示|推荐|说|有话说)|导语|导读|核心提示|阅读提示"
    r"|内容摘要|摘要|本文导读|文章导读|编者的话)\s*[】\])]?\s*[::]?"
)
_BYLINE = re.compile(
    r"^[【\[(]?\s*(?:本文|文章)?(?:来源|作者|撰文|撰稿|编辑|责任编辑|责编|记者|通讯员|出处|稿源|发布者|发布人|供稿|审核|校对|监制|编审|编辑整理|整理|摄影|摄像|转自|转载自|回答者)"
    r"\s*[::]"
    r"|^(?:图\s*[/|丨]\s*\S{1,12}\s+)?文\s*[/|丨]\s*\S{1,12}(?:\s+图\s*[/|丨]\s*\S{1,12})?$"
)
# "小编：某某", when a name follows (no pronoun or particle: "小编：谢谢您" is an interview's line)
_EDITOR_NAME = re.compile(r"小编\s*[::]\s*([^\s,。!?您你我他她们吗呢吧啊了]{2,8})")
MEDIA_NAME = re.compile(
    r"(?:通讯社|新闻社|社|日报|晚报|晨报|早报|时报|商报|周刊|周报|杂志|报|网|台|频道|客户端|app|号|新闻|财经|在线|观察|资讯)$"
)
# Labelled metadata fields and counters of date/byline/widget lines; each starts and ends at a token edge.
_B = r"(?<![^\s【\[(|,:])"
_E = r"(?=$|[\s::】\])|,])"
META_FIELD = re.compile(
    rf"{_B}(?:本文|文章|资料|信息|数据|页面)?(?:发布|发表|更新|上传|录入)?(?:时间|日期)(?:\s*[::]|{_E})"
    rf"|{_B}(?:本文|文章|信息|新闻|稿件)?(?:来源|作者|编辑|责任编辑|责编|记者|出处|稿源|发布者|发布人)\s*[::]\s*[^\s::]*"
    rf"|{_B}(?:浏览|阅读|点击|人气|评论|点赞|收藏|热度|字数)(?:量|数|次数|人次)?\s*[::]?\s*[\d,.]*[万wk]?\+?(?:次|人|°c?|字)?{_E}"
    rf"|{_B}编辑次数\s*[::]?\s*[\d,]+\s*次?{_E}|{_B}(?:最近|最后)更新(?:于)?\s*[::]?"
    rf"|{_B}[\d,.]+[万wk]?\+?\s*(?:次|人)?(?:浏览|阅读|点击|评论|点赞|收藏){_E}"
    rf"|{_B}[【\[]?(?:字体|字号|字型)[】\]]?\s*[::]?\s*(?:大\s*中\s*小|[大中小a]\s*|t\s*\|?\s*)*"
    rf"|{_B}(?:发布|发表)于?{_E}|{_B}北京时间|{_B}(?:星期|周)[一二三四五六日天]{_E}"
)
_WIDGET_WORD = re.compile(
    r"(?:字体|字号|文字)\s*[::]?(?:\s*[大中小默认]+)*|人气|热度|浏览|阅读量|点击量|点击数|评论数|分享到?|打印|收藏|关闭"
    r"|[大中小]|默认|超大|特大|较大|a[+-]?|t[+-]|已?关注|列印|🖨"
    r"|微信|朋友圈|微博|新浪微博|腾讯微博|qq空间|qq好友|qq|豆瓣|人人网|复制链接|二维码"
)
COUNTER_TOKEN = re.compile(r"[\d,.]+\s*(?:℃|°c?|度|次|人|万|w|k|\+)?")
_TOC_HEADER = re.compile(
    r"[【\[]?(?:本文|文章|内容|全文)?目录(?:一览|导航|索引|大纲)?[】\]]?\s*[::]?|contents|table of contents"
)

#: Families whose header line owns the short title lines listed under it.
LIST_HEADERS: frozenset[str] = frozenset({"related", "friend_links", "references"})

#: Every family :func:`classify_line` can return, plus the context families of the extractor.
FAMILIES: tuple[str, ...] = (
    "licence",
    "copyright",
    "greeting",
    "breadcrumb",
    "takedown",
    "contact",
    "disclaimer",
    "comment",
    "tag",
    "marketing",
    "original_title",
    "navigation",
    "friend_links",
    "related",
    "correction",
    "editor_label",
    "byline",
    "dateline",
    "widget",
    "toc",
    # pipeline.extract.line_rules (and its family modules):
    "caption",
    "noise",
    "references",
    # assigned with context by the extractor:
    "title_repeat",
    "preamble",
    "footer",
)


_HTML_TAG = re.compile(r"</?[a-z][a-z0-9]{0,9}(?:\s[^<>]{0,80})?/?>")


def _is_breadcrumb(f: str) -> bool:
    f = _HTML_TAG.sub("", f)  # a tag left in the text is no separator ("<strong>一、逾期的后果</strong>")
    if len(f) > 80 or _sentence_like(f) or re.search(r"[,“”\"「」『』]", f):
        return False  # an instruction like 打开App,进入“我的”>“设置” is prose
    if _HOME_TRAIL.match(f):
        f = _TRAIL_SEP.sub(" > ", f)  # "首页 / 资讯 / 正文", "首页 - 新闻中心 - 行业动态": a trail from the home link
    parts = _BREADCRUMB_SEP.split(f)
    if len(parts) < 2 or "/" in f and not re.search(r">|»|›|→", f):
        # A slash alone separates too many ordinary things (dates, "和/或"); require an arrow-like separator.
        return False
    segments = [p for p in parts if p]
    if not segments or any(len(p) > 16 for p in segments):
        return False
    if _BREADCRUMB_HINT.search(f):
        return True
    return len(parts) - 1 >= 2 and all(len(p) <= 10 for p in segments)


def _is_dateline(f: str) -> bool:
    if len(f) > 100:
        return False
    found = find_date(f)
    if not found:
        return False
    start, end = found[1]
    rest = f[:start] + " " + f[end:]
    rest = META_FIELD.sub(" ", rest)
    if _plain_len(rest) <= 4:
        return True
    # "date  <publisher>": one unlabelled token that is named like a media outlet.
    tokens = [t for t in rest.split() if _plain_len(t)]
    return len(tokens) == 1 and len(tokens[0]) <= 16 and bool(MEDIA_NAME.search(tokens[0]))


_BRACKET_CHUNK = re.compile(r"【([^【】]{1,16})】")


def _is_widget(f: str) -> bool:
    if len(f) > 40 or _sentence_like(f):
        return False  # "记者：您当时为什么会选择借网贷？": an interview's question, not a field
    chunks = _BRACKET_CHUNK.findall(f)
    if len(chunks) >= 2 and not _BRACKET_CHUNK.sub("", f).strip() and all(
            classify_line(c) in ("widget", "navigation") for c in chunks):
        return True  # "【字体：小 大】【简体 繁體】", "【打印】【关闭】": the page's tools in brackets
    rest = META_FIELD.sub(" ", f)
    rest = _WIDGET_WORD.sub(" ", rest)
    if _plain_len(rest) == 0 and _plain_len(f) > 0 and f != rest:
        return True
    # Category / heat / counter strip: "<category> 5℃ 0" - one short label followed only by counters.
    tokens = f.split()
    if 2 <= len(tokens) <= 5 and len(tokens[0]) <= 10 and not COUNTER_TOKEN.fullmatch(tokens[0]):
        counters = tokens[1:]
        if all(COUNTER_TOKEN.fullmatch(t) for t in counters) and (
            len(counters) >= 2 or re.search(r"℃|°|度", counters[0])
        ):
            return True
    return False


def _is_menu(f: str) -> bool:
    """A menu strip: at least three short items separated by ``|``/``｜``/``·``/``•``."""
    if len(f) > 100 or _sentence_like(f):
        return False
    parts = [p.strip() for p in _MENU_SEP.split(f)]
    parts = [p for p in parts if p]
    if len(parts) < 3 or any(len(p) > 12 for p in parts):
        return False
    return len(parts) >= 4 or any(_MENU_WORD.fullmatch(p) for p in parts)


def _is_navigation(f: str) -> bool:
    if _NAV_PREFIX.match(f) and len(f) <= 80:
        return True
    if _is_menu(f):
        return True
    if len(f) > 40:
        return False
    rest = _NAV_WORD.sub(" ", f)
    return _plain_len(rest) == 0 and _plain_len(f) > 0


def _is_takedown(f: str) -> bool:
    f = unquoted(f)
    if len(f) > 100:
        return False
    if _TAKEDOWN_STRONG.search(f) or _TAKEDOWN_CHANNEL.search(f) or _TAKEDOWN_ASK.search(f):
        return not _REPORT_TO_AUTHORITY.search(f)
    return bool(_TAKEDOWN_COND.search(f) and _TAKEDOWN_SITE.search(f))


def _is_disclaimer(f: str) -> bool:
    f = _NOTE_MARK.sub("", unquoted(f))  # "*本文仅为个人经验分享，不构成法律意见。"
    if _DISCLAIMER_START.match(f) or _DISCLAIMER_LABEL.fullmatch(f):
        return True
    return len(f) <= 200 and bool(_DISCLAIMER.search(f))


def _is_marketing(f: str) -> bool:
    f = unquoted(f)
    if len(f) > 60:
        return False
    if _MARKETING_START.match(f) and _MARKETING_TARGET.search(f):
        return True
    return bool(_MARKETING_ANY.search(f)) and not warns(f)


@lru_cache(maxsize=65536)  # sites repeat their navigation, footers and widgets on every page
def classify_line(line: str) -> str | None:
    """The boilerplate family of one line, or ``None`` when it may be article content.

    Context-free: a line is judged alone. Rules are deliberately narrow (stock
    phrases, shapes, length limits) so a body sentence that merely mentions a
    keyword (``侵权``, ``声明``, ``评论``) stays content.
    """
    f = fold(line)
    if not f:
        return None
    if len(f) <= 150 and _LICENCE.search(f):
        return "licence"
    if len(f) <= 150 and _COPYRIGHT.search(f) and not _sentence_like(f.rstrip(".")):
        return "copyright"
    if len(f) <= 60 and _GREETING.match(f):
        return "greeting"
    if _is_breadcrumb(f):
        return "breadcrumb"
    if _is_takedown(f):
        return "takedown"
    if len(f) <= 80 and _CONTACT_LABEL.match(f):
        return "contact"
    if _is_disclaimer(f):
        return "disclaimer"
    if len(f) <= 30 and _COMMENT_HEADER.fullmatch(f):
        return "comment"
    if len(f) <= 200 and _TAG.match(f):
        return "tag"
    if _is_marketing(f):
        return "marketing"
    if len(f) <= 200 and _ORIGINAL_TITLE.match(f):
        return "original_title"
    if len(f) <= 300 and _FRIEND_LINKS.match(f):
        return "friend_links"
    if len(f) <= 30 and _RELATED.fullmatch(f):
        return "related"
    if len(f) <= 80 and _CORRECTION.search(f):
        return "correction"
    if len(f) <= 20 and _EDITOR_LABEL.fullmatch(f):
        return "editor_label"
    if len(f) <= 20 and _TOC_HEADER.fullmatch(f):
        return "toc"
    if _is_dateline(f):
        return "dateline"
    if len(f) <= 80 and _BYLINE.search(f) and not _sentence_like(f):
        return "byline"
    if len(f) <= 14 and (m := _EDITOR_NAME.fullmatch(f)) and is_name_line(m.group(1)):
        return "byline"  # not an interview's "小编：然后呢"
    if len(f) <= 60 and _PAGER.fullmatch(f):
        return "navigation"
    if _is_widget(f) or (len(f) <= 120 and _TRACKBACK.search(f)) or (len(f) <= 60 and _READ_NOTE.fullmatch(f)):
        return "widget"
    if len(f) <= 80 and _FOLLOW_NOTE.fullmatch(f):
        return "marketing"
    if _is_navigation(f):
        return "navigation"
    extra = classify_extra(f)
    if extra is None and is_meta_line(f):
        return "byline"
    return extra


# --------------------------------------------------------------------------- context helpers

_CONTACT_REST = re.compile(
    r"联系人|联系方式|联系电话|电话|手机|座机|邮箱|电子邮件|e-?mail|mail|qq|微信|wechat|tel|phone|传真|地址"
    r"|先生|女士|小姐|老师|经理"
)


def is_contact_line(line: str) -> bool:
    """A short line made of a name/label plus a phone number, e-mail or QQ number (no prose)."""
    f = fold(line)
    if len(f) > 80 or _sentence_like(f):
        return False
    found = _EMAIL.search(f) or _PHONE.search(f) or _QQ.search(f)
    if not found:
        return False
    rest = _QQ.sub(" ", _PHONE.sub(" ", _EMAIL.sub(" ", f)))
    rest = _CONTACT_REST.sub(" ", rest)
    return _plain_len(rest) <= 6


def is_list_title(line: str) -> bool:
    """A line that can be one entry of a link list: short, one sentence at most, no prose punctuation."""
    f = fold(line)
    if not f or len(f) > 48:
        return False
    return "。" not in f and f.count(",") < 2
