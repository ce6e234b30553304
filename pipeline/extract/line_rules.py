"""Line families that scraped pages carry around the article body, beyond the CMS stock phrases.

:func:`pipeline.extract.boilerplate.classify_line` asks :func:`classify_extra`
when none of its own families matched. Each rule here describes a family by
shape and cue words, as there, on the folded key (NFKC, Simplified, lower case):

=============  =====================================================================
``caption``    image stubs: ``![]()``, ``x.jpg``, ``(资料图)``, ``图片来源:…``, ``第1张图片``,
               ``…-logo`` (credited photo captions: :func:`is_photo_caption`, text scrapes only)
``byline``     role-and-name lines with ``/``, ``|``, ``丨`` separators (``记者 / 某某``,
               ``撰文丨某 编辑丨某``), ``(某台/某某 台北报导)``, ``独家报道:某某``
``dateline``   English dates (``17 Jul, 2025``), short lines whose date is numeric
               (``2024-07-03``) or labelled (``更新时间:``) beside a few words
``widget``     reading counters and times (``阅读()``, ``阅读 5 分钟``),
               share hints (``点击右上角…微信好友``, ``请使用浏览器分享功能``), ``文档简介``
``navigation`` symbol-only lines (``:::``), ``正在阅读:…``, next-page prompts, skip links,
               English UI words (``close``, ``menu``), bare URLs and link labels, ``<栏目> 正文``
``related``    ``更多新闻:…``, ``热搜:…``, ``内容推荐``, bullet strips with three ``▪`` items
``marketing``  ``- advertisement -``, ``点击复制微信号``, ``欢迎咨询我们``, ``欢迎在评论区留言``,
               ``关注某某网/号/财经`` (short), ``点击下方…`` calls
``disclaimer`` ``郑重声明``, ``版权说明``, ``与本网站无关``, ``禁止转载``/``违者必究``, ``援引自互联网``
``noise``      server error messages printed into the page (``warning: … on line 12``)
=============  =====================================================================

All of them are narrow on length (a sentence that mentions 图片 or 阅读 stays
content) and none names a site.
"""

from __future__ import annotations

import re
import unicodedata

_SENTENCE_END = re.compile(r"[。;!?…]$|[。;](?=.)")

_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_IMAGE_FILE = re.compile(r"[^。,]{0,60}\.(?:jpe?g|png|gif|webp|bmp|svg)")
_IMAGE_STUB = re.compile(
    r"(?:相关|资料|档案|示意|配|网络|网友|原创|新闻)*(?:图|图片|照片|图像|配图)(?:仅供参考|来源\s*[::]?.{0,20}|源\s*[::].{0,20})?"
    r"|图片(?:由|来自|来源).{0,20}|点击(?:添加|查看)(?:图片|大图)\S{0,6}"
)
_CAPTION_LABEL = re.compile(r"(?:相关|资料|档案|示意|新闻)?(?:图|图片|照片)\s*(?:[::/丨|]|由.{0,12}(?:提供|分享)).{0,40}")
_BULLETS = "▲△▼■□●◆◇*·•※→"
_PHOTO_CREDIT = re.compile(
    r"(?:[((][^()]{0,30}(?:摄|提供|图片|档案照|资料照|供图|翻摄)[^()]{0,20}[))]"
    r"|(?:图|摄|摄影|图片|照片)\s*[/|丨]\s*[^\s/|丨]{1,20}[))]?)$"
)
_IMAGE_NUMBER = re.compile(r"第\s*\d+\s*张图片")
_LOGO = re.compile(r"\S{0,24}[-_ ]?logo")

_ROLE = r"(?:本报)?(?:记者|实习记者|编辑|责任编辑|责编|撰文|撰稿|作者|来源|通讯员|出品|摄影|策划|监制|审核|校对|统筹|设计|制图)"
_ROLE_SEP = re.compile(rf"(?:^|\s){_ROLE}\s*[/|丨]\s*\S")
_ROLE_BOX = re.compile(rf"^[□■◎]\s*{_ROLE}")
_REPORT_PAREN = re.compile(r"[((][^()]{1,30}(?:报导|报道|电)[))]")
_EXCLUSIVE = re.compile(r"^(?:独家|专题|特约)?(?:报道|报导|采写|文字|图文)\s*[::/丨]\s*\S{1,12}$")

_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_EN_DATE = re.compile(rf"(?:\d{{1,2}}\s+{_MONTHS},?\s+\d{{4}}|{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}})")
_NUMERIC_DATE = re.compile(r"(?<!\d)(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?")
_LABELLED_DATE = re.compile(
    r"(?:发布|发表|更新|上传|原|录入|编辑)?(?:时间|日期)\s*[::]\s*(?:19|20)\d{2}\s*[年/.-]\s*\d{1,2}\s*[月/.-]\s*\d{1,2}\s*日?"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)

_READ_COUNTER = re.compile(r"(?:阅读|浏览|评论|点赞|收藏|分享)\s*\(\s*\d*\s*\)")
_READ_TIME = re.compile(r".{0,12}阅读\s*(?:时间|时长)?\s*[::]?\s*(?:约\s*)?\d+\s*分钟.{0,6}")
_SHARE_HINT = re.compile(r"分享|转发|点击右上角")
_DOC_WIDGET = re.compile(r"文档(?:简介|介绍|信息|预览|详情|格式|页数|大小)\s*[::]?")
_SHARE_TARGET = re.compile(r"微信|朋友圈|微博|浏览器|好友|qq")

_READING_NOW = re.compile(r"^(?:正在阅读|当前阅读|您正在阅读)\s*[::]")
_NEXT_PAGE = re.compile(r"(?:请)?点击下一页(?:继续)?阅读|本(?:小)?章(?:还)?未完")
_SKIP_LINK = re.compile(r"按\s*enter\s*到主内容区|跳(?:到|至)(?:主要|主)?内容|skip to (?:main )?content")
_LINK_LABEL = re.compile(r"(?:本文|本题|原文|文章|本页)?(?:链接|网址|地址)\s*[::]|https?://\S+|\S{1,6}\s+正文")
_UI_WORD = re.compile(
    r"close|menu|search|share|print|login|log in|sign in|sign up|register|home|top|back to top|more|next|previous"
)

_RELATED_PREFIX = re.compile(r"^(?:更多新闻|更多资讯|延伸阅读|推荐阅读|热搜|热门搜索|相关搜索|大家都在搜)\s*[::]")
_RELATED_HEADER = re.compile(r"(?:内容|精选|热门|编辑|新闻|今日)推荐|新闻资讯|推荐内容")
_BULLET_ITEM = re.compile(r"[▪▸►•·]")

_AD_LABEL = re.compile(r"[-–—\s]*(?:advertisement|advertising|sponsored|广告|赞助内容|推广)[-–—\s]*")
_AD_COPY_ID = re.compile(r"点击复制(?:微信号?|号码)|复制微信号|微信\s*[::]\s*点击")
_AD_WELCOME = re.compile(r"欢迎(?:来电|致电|私信)?咨询(?:我们|本站|我司|小编)|欢迎(?:在评论区|在下方)?留言")
_AD_FOLLOW = re.compile(r"(?:请|欢迎)?关注(?:我们|[^\s,。]{1,10}(?:网|号|财经|频道|app|官方|新闻|资讯|头条|在线|日报|报))")
_AD_CLICK = re.compile(r"^点击(?:下方|上方|这里|此处|链接)\S{0,30}(?:申请|领取|查询|下载|选择|注册|咨询|额度)")

_DISCLAIMER_EXTRA = re.compile(
    r"^[【\[(]?\s*(?:郑重|重要)?(?:声明|申明)\s*[】\])]?\s*[::]|^[【\[(]?\s*版权说明\s*[】\])]?\s*[::]"
    r"|与本(?:网站|站|网|平台)无关|禁止(?:采集|转载)|违者必究|转载请注明|未经(?:本站|本网|作者)?(?:许可|授权)\S{0,2}(?:转载|复制)"
    r"|(?:援引|引用|转载|摘编)自(?:互联网|网络)|不代表本(?:网站|站|网|平台)(?:[。,;]|$)"
)
_SERVER_ERROR = re.compile(r"^(?:warning|notice|fatal error|deprecated|parse error)\s*:.*\bon line \d+")


# Common Chinese surnames (Simplified), leaving out characters that also start everyday words
# (方, 高, 时, 文, 应, 全, ...), so that a two-character heading is not read as a name.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖董袁潘蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范廖贾夏韦付邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔"
    "汤施牛樊葛邢乔伍庞颜倪庄聂章鲁岳翟殷詹欧耿焦俞柳祝阮柯纪梅凌裴霍涂苗翁冉骆蓝辛靳柴蒙鲍喻祁"
    "蒲滕饶牟艾尤穆卓缪褚娄窦戚岑邝"
)
_NAME = re.compile(r"[\u4e00-\u9fff]{1,3}")
_NAME_TITLE = re.compile(r"([\u4e00-\u9fff]{2,3})\s*/\s*[\u4e00-\u9fff]{2,12}")


def is_name_line(f: str) -> bool:
    """A folded line that is a person's name (2-4 Han characters starting with a surname), or ``name/title``."""
    m = _NAME_TITLE.fullmatch(f)
    name = m.group(1) if m else f
    return 2 <= len(name) <= 4 and name[0] in SURNAMES and bool(_NAME.fullmatch(name[1:]))


def _plain_len(f: str) -> int:
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
    return bool(_PHOTO_CREDIT.search(f) or _CAPTION_LABEL.fullmatch(_strip_frame(f)))


def _is_byline(f: str) -> bool:
    if len(f) > 60 or _SENTENCE_END.search(f):
        return False
    if _ROLE_SEP.search(f) or _ROLE_BOX.match(f) or _EXCLUSIVE.match(f):
        return True
    return len(f) <= 40 and bool(_REPORT_PAREN.fullmatch(f))


def _is_dateline(f: str) -> bool:
    if len(f) > 80 or _SENTENCE_END.search(f):
        return False
    if _EN_DATE.search(f) and _plain_len(_EN_DATE.sub(" ", f)) <= 12:
        return True
    rest = _LABELLED_DATE.sub(" ", f)
    rest = _NUMERIC_DATE.sub(" ", rest)
    return rest != f and _plain_len(rest) <= 16


def _is_widget(f: str) -> bool:
    if len(f) > 40:
        return False
    if _READ_COUNTER.fullmatch(f) or _READ_TIME.fullmatch(f):
        return True
    if len(f) <= 12 and _DOC_WIDGET.fullmatch(f):
        return True
    return len(f) <= 30 and bool(_SHARE_HINT.search(f) and _SHARE_TARGET.search(f))


def _is_navigation(f: str) -> bool:
    if _plain_len(f) == 0:
        return True  # ":::", "|", "———": layout left as text
    if len(f) <= 120 and (_READING_NOW.match(f) or _SKIP_LINK.search(f)):
        return True
    if len(f) <= 40 and _NEXT_PAGE.search(f):
        return True
    if len(f) <= 120 and _LINK_LABEL.fullmatch(f):
        return True  # a label without its link, a bare URL, "<channel> 正文"
    return len(f) <= 16 and bool(_UI_WORD.fullmatch(f))


def _is_related(f: str) -> bool:
    if len(f) <= 300 and _RELATED_PREFIX.match(f):
        return True
    if len(f) <= 12 and _RELATED_HEADER.fullmatch(f):
        return True
    return len(_BULLET_ITEM.findall(f)) >= 3 and not _SENTENCE_END.search(f.rstrip("?"))


def _is_marketing(f: str) -> bool:
    if len(f) <= 30 and _AD_LABEL.fullmatch(f):
        return True
    if len(f) <= 200 and _AD_COPY_ID.search(f):
        return True
    if len(f) <= 120 and _AD_WELCOME.search(f):
        return True
    if len(f) <= 12 and _AD_FOLLOW.fullmatch(f):
        return True
    return len(f) <= 60 and bool(_AD_CLICK.match(f))


def classify_extra(f: str) -> str | None:
    """The family of a folded line (see the module table), or ``None``."""
    if _SERVER_ERROR.match(f):
        return "noise"
    if _is_caption(f):
        return "caption"
    if len(f) <= 120 and _DISCLAIMER_EXTRA.search(f):
        return "disclaimer"
    if _is_marketing(f):
        return "marketing"
    if _is_byline(f):
        return "byline"
    if _is_dateline(f):
        return "dateline"
    if _is_widget(f):
        return "widget"
    if _is_related(f):
        return "related"
    if _is_navigation(f):
        return "navigation"
    return None
