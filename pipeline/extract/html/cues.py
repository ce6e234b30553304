"""What the HTML extractor recognises: tag sets, class/id cue families, line patterns, token counts.

Shared by every step of :mod:`pipeline.extract.html`; one place for the vocabulary, so a
rule is changed once. ``classify_line`` is the HTML variant of the line classifier
(the shared text-path families plus HTML-only ones such as captions and share bars).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from lxml import etree

from pipeline.extract.boilerplate import classify_line as _shared_classify_line
from pipeline.extract.sections import heading_level as _shared_heading_level
from pipeline.extract.ui_lines import UI_LINES

if TYPE_CHECKING:
    from pipeline.extract.html.segment import _Blk

MAX_BLOCKS = 400
_DROP_TAGS = (
    "script", "style", "noscript", "iframe", "svg", "canvas", "template", "object", "embed",
    "select", "option", "button", "input", "textarea", "head", "link", "meta", "map", "audio",
    "video", "source", "math", "label",
    "rt", "rp",  # a ruby's reading (pinyin, zhuyin) and its fallback brackets: never the text itself
)  # fmt: skip


_BLOCK_TAGS = frozenset((
    "p", "div", "section", "article", "main", "aside", "header", "footer", "nav", "ul", "ol", "li", "dl", "dt",
    "dd", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "pre", "form", "figure", "figcaption", "center", "address", "hr", "body", "html", "caption", "fieldset",
    "details", "summary", "menu", "dir", "noframes", "frameset", "frame", "legend",
))  # fmt: skip


_HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
# class/id words that name boilerplate regions -> block family
_NEG_FAMILIES: list[tuple[str, re.Pattern[str]]] = [
    ("comment", re.compile(r"comment|reply|replies|discuss|pinglun|review-list|disqus|评论")),
    (
        "related",
        re.compile(
            r"related|relate|recommend|recom|tuijian|xiangguan|guess|youlike|\blike ?list|\bmore ?news|"
            r"\bhot ?news|hotnews|\bhot\b|rank|popular|latest|\bnews ?list|feed|\bread ?more|extend|"
            r"\bnext ?article|\bprev\b|\bprev ?next|pagination|pager|\bpage ?nav|\bmore\b|stream|\bfeeds?\b"
        ),
    ),
    (
        "share",
        re.compile(
            r"share|social|fenxiang|bdshare|sns|toolbar|\btool ?bar|\btools?\b|action|favorite|"
            r"collect|\blike\b|zan|digg|print|qrcode|ewm|erweima|follow|subscribe"
        ),
    ),
    (
        "ad",
        re.compile(
            r"\bads?\b|advert|adv\b|advertisement|banner|sponsor|promo|guanggao|\bgg\b|adsense|"
            r"\bad ?box|\bad ?wrap"
        ),
    ),
    ("breadcrumb", re.compile(r"breadcrumb|crumb|\bpath\b|\bposition\b|\blocation\b|\bweizhi|daohang")),
    ("copyright", re.compile(r"copyright|\bcopy ?right|disclaimer|statement|shengming|banquan|license")),
    ("footer", re.compile(r"footer|\bfoot\b|\bbottom\b|\bsite ?info|\bft\b")),
    (
        "nav",
        re.compile(
            r"\bnav|navbar|menu|\btopbar|\btop ?bar|\bchannel ?list|\bheader\b|\bhead\b|masthead|login|"
            r"\bsearch|logo"
        ),
    ),
    ("sidebar", re.compile(r"sidebar|\bside ?bar|\baside|widget|\bcol ?right|\bright ?col")),
    ("tags", re.compile(r"\btags?\b|keywords?|\btag ?list|\blabel ?list")),
    # wiki software (MediaWiki and its kin): fact boxes, maintenance banners, reference lists, link boxes
    ("sidebar", re.compile(r"infobox|\binfo ?box|\bbasic ?info|\bfact ?box")),
    ("noise", re.compile(r"\bambox|\bmbox|hatnote|\bmetadata\b|noprint|\bmw ?editsection|\bedit ?section")),
    ("references", re.compile(r"reflist|\breferences\b|\bcitation|footnotes?\b")),
    ("nav", re.compile(r"navbox|catlinks|\bcategories\b")),
    # forum software: the signature under each post (Discuz "sign", phpBB "signature", vBulletin "signaturecontainer")
    ("signature", re.compile(r"signature|\bsign\b|\bsig\d*\b|usersig|\bqianming")),
]


_LAYOUT_SIDE = frozenset(
    ("left", "right", "side", "fr", "rt", "r", "aside", "sidebar", "col-right", "right-col")
)
# negative words that win over a positive one in the same class ("article-comment", "content--recommend")
_POS_OVERRIDE = re.compile(
    r"comment|reply|related|recommend|share|footer|ambox|mbox|infobox|navbox|hatnote|signature"
)
_STRONG_FAMILIES = frozenset(("comment", "related", "share", "ad", "copyright"))
# a short header line of these families in the second half of the body closes the body
_TAIL_KINDS = frozenset(
    ("related", "comment", "copyright", "takedown", "disclaimer", "friend_links", "references")
)


_SCORING_LINE_KINDS = frozenset(("copyright", "share", "nav", "related", "comment"))
_NEG_TAG_FAMILY = {"nav": "nav", "footer": "footer", "aside": "sidebar", "form": "form"}
_POS_CUES = re.compile(
    r"article|content|\bpost|entry|\bmain\b|\bbody\b|\btext\b|detail|story|\bnews ?txt|blog|answer|question|thread|"
    r"\bcont\b|zhengwen|neirong|\brich ?text|markdown|\bartic|\bpage ?content"
)
# utility classes of CSS frameworks ("text-center", "position-relative", "d-flex") say nothing about content
_UTILITY_CLASS = re.compile(
    r"^(?:text|bg|d|p[xytblrse]?|m[xytblrse]?|col|row|flex|justify|align|position|border|rounded|shadow|w|h|"
    r"fs|fw|lh|g[xy]?|order|float|overflow|font|gap|grid|z|top|bottom|start|end|visible|invisible)-[\w-]*$"
)
# cue words that also occur inside perfectly good content class names
_CUE_SPLIT = re.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]")
_LATIN = re.compile(r"[A-Za-z0-9]+")
_TOKEN = re.compile(_HAN.pattern + r"|[A-Za-z0-9]+")  # both at once: one scan per block
_SENT_PUNCT = re.compile(r"[，。！？；]|[,.!?;](?=\s|$)")
_WS = re.compile(r"[\s\u00a0\u3000\u200b\u200c\u200d\ufeff]+")
_CAPTION_RE = re.compile(
    r"资料图片?仅供参考|图片仅供参考|图片来源[:：]|圖片來源|图源[:：]|^\s*\(?图片?[:：]?\s*(?:来自)?网络\)?\s*$|"
    r"第\s*\d+\s*张图片|第\s*\d+\s*張圖片|^\s*(?:点击|點擊)(?:图片|圖片|查看大图|放大)|查看原图|查看大图|^\s*\d+\s*/\s*\d+\s*$"
)


# a photo credit closing a line: "（示意圖／記者林育賢攝）", "(图/资料照)", "（受访者提供）"
_CREDIT_END = re.compile(r"[（(][^（()）]{0,24}(?:摄|攝|提供|资料照|資料照|图片|圖片|翻摄|翻攝|[图圖]\s*[/／])[^（()）]{0,20}[)）]\s*$")
_FIGURE_PREFIX = re.compile(r"\s*[图圖]\s*[:：]")  # "图：整理好的欠款明细表": a caption, when short
_SENTENCE_END = re.compile(r"[。！？]")
_UI_LINES = dict(UI_LINES)  # whole-line furniture families, by name
_LINE_BOILER: list[tuple[str, re.Pattern[str]]] = [
    (
        "share",
        re.compile(
            r"^(?:分享到|分享至|分享|转发到|收藏|点赞|打印|举报|微信扫一扫|扫一扫|扫码|关闭窗口|"
            r"【?打印本页】?|【?关闭】?|字号[:：]?|字体[:：]?\s*[大中小])"
        ),
    ),
    ("share", re.compile(r"^(?:[【\[]?(?:大|中|小)[】\]]?\s*){2,3}$")),
    (
        "copyright",
        re.compile(
            r"版权所有|版權所有|Copyright|©|\(c\)\s*\d{4}|ICP[证備备]|未经(?:授权|许可).{0,10}(?:转载|使用)|"
            r"不得转载|禁止转载|违法和不良信息举报|网络文化经营许可证|互联网新闻信息服务许可证|仅提供信息存储(?:空间)?服务",
            re.I,
        ),
    ),
    (
        "copyright",
        re.compile(
            r"^[【\[]?(?:反侵权公告|侵权声明|版权声明|免责声明|法律声明|版權聲明|免責聲明)[】\]]?\s*[:：]?$"
        ),
    ),
    *((family, _UI_LINES[family]) for family in ("nav", "references", "widget")),  # shared with the text path
    (
        "widget",
        re.compile(r"请先?登录|登录后(?:才能|可以|即可|进行)|还未登录|跳转到登录|^轮播图|^#[^#\s]{1,8}#\s"),
    ),
    *((family, _UI_LINES[family]) for family in ("dateline", "related", "comment")),
    # forum furniture: an attachment's file line, a thread's view and reply counts
    ("widget", re.compile(r"^\S{1,60}\.(?:jpe?g|png|gif|webp|pdf|docx?|xlsx?|zip|rar|7z|txt)\s*[(（]\s*[\d.]+\s*[KMG]B?\b.{0,30}[)）]$", re.I)),
    ("widget", re.compile(r"^(?:查看|浏览|瀏覽)\s*[:：]\s*\d+\s*[|｜]\s*(?:回复|回覆)\s*[:：]\s*\d+$")),
]
# one search answers "does any family match?" (most lines match none), then the families in order
_LINE_ANY = re.compile("|".join(
    f"(?{'i' if rx.flags & re.I else ''}:{rx.pattern})" if rx.flags & re.I else f"(?:{rx.pattern})"
    for _, rx in _LINE_BOILER
))


_CN_NUM_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|"
    r"第[一二三四五六七八九十百\d]+[章节部分篇]|\d{1,2}[、.．]\s*\S)"
)


# words a comment's or a reply's meta line carries beside the name and the date
_REPLY_CUE = re.compile(r"\bre\s*:|回复|回覆|举报|引用|\d+\s*楼|#\d+|沙发|板凳|网友|发表于|评论于|留言于|\bsays?\b", re.I)
# a comment widget's own words; `第3条评论：` is a reader's comment numbered by the widget, not a counter
_COMMENT_UI = re.compile(
    r"沙发|请先登录|登录后|评论已关闭|该评论已|文明上网|理性发言|(?<!第)\d+\s*条评论|\d+\s*人参与|仅供其表达个人看法|"
    r"暂无评论|还没有评论|发表评论|查看更多评论|回复贴|共\d+页|采纳数|获赞数|没有跟贴|欢迎你发表观点"
    # the placeholder a deleted or hidden reply leaves, the whole block: "此回帖已被删除", "该楼层已被屏蔽"
    r"|^(?:此|该|本)(?:回帖|回复|评论|楼层?|帖子?|留言)(?:内容)?已?被?(?:作者|管理员|版主)?(?:删除|屏蔽|隐藏)[。.!！]?$"
)


MAX_COMMENT_UI_TOKENS = 40  # a widget's line is short; a reader's comment that says 登录后 in passing is not one


def comment_ui(text: str) -> bool:
    """A comment region's widget line (login prompt, counter, house rules), not a reader's words."""
    return _COMMENT_UI.search(text) is not None and _ntok(text) <= MAX_COMMENT_UI_TOKENS


_DATETIME = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*\d{1,2}:\d{2}")


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _ntok(text: str) -> int:
    """Tokens as the metric counts them: Han/kana/hangul chars + Latin/digit runs."""
    return len(_TOKEN.findall(text))


def _cue_family(el: etree._Element) -> str | None:
    """Boilerplate family named by an element's tag or class/id, or None."""
    tag = el.tag
    fam = _NEG_TAG_FAMILY.get(tag) if isinstance(tag, str) else None
    if fam:
        return fam
    cls, eid = el.get("class"), el.get("id")
    if not cls and not eid:
        return None
    return _attr_family(f"{cls or ''} {eid or ''}")


def _cue_words(attrs: str) -> str:
    """class/id split into lower-case words, framework utility classes left out."""
    tokens = [_unhooked(t) for t in attrs.split() if not _UTILITY_CLASS.match(t.lower())]
    return " ".join(w.lower() for t in tokens for w in _CUE_SPLIT.split(t) if w)


def _unhooked(token: str) -> str:
    """A script hook's class: camel-cased ones name behaviour ("js-replyNewMessageContainer",
    "js-selectToQuote": nothing), hyphenated ones still name the region ("js-comment-list")."""
    if token[:3].lower() not in ("js-", "js_"):
        return token
    rest = token[3:]
    return "" if any(ch.isupper() for ch in rest) else rest


@lru_cache(maxsize=8192)
def _attr_family(attrs: str) -> str | None:
    words = _cue_words(attrs)
    if not words:
        return None
    if _POS_CUES.search(words) and not _POS_OVERRIDE.search(words):
        return None
    for fam, rx in _NEG_FAMILIES:
        if rx.search(words):
            return fam
    # bare layout words count only as a whole class/id token ("right", not "arrow-right")
    if not _LAYOUT_SIDE.isdisjoint(attrs.lower().split()):
        return "sidebar"
    return None


def _has_pos_cue(el: etree._Element) -> bool:
    attrs = (el.get("class") or "") + " " + (el.get("id") or "")
    if el.tag in ("article", "main"):
        return True
    if not attrs.strip():
        return False
    return bool(_POS_CUES.search(_cue_words(attrs)))


def classify_line(line: str, shared: bool = True) -> str | None:
    """Boilerplate family of one visible line, or None when it may be content.

    Local patterns first (fast, used while scoring every block of the page); with
    ``shared`` also the plain-text path's classifier (used on body candidates only).
    """
    s = line.strip()
    if not s:
        return "empty"
    if _CAPTION_RE.search(s) or (len(s) <= 60 and _FIGURE_PREFIX.match(s) and len(_SENTENCE_END.findall(s)) <= 1):
        return "caption"
    if len(s) <= 120 and s[0] in "▲△▼" and _CREDIT_END.search(s):
        return "caption"  # "▲卡债族遭催收电话轰炸。（示意图／记者某某摄）": a marked photo caption with its credit
    if len(s) <= 60:
        if _LINE_ANY.search(s):
            for fam, rx in _LINE_BOILER:
                if rx.search(s):
                    return fam
    elif len(s) <= 200 and _LINE_BOILER[2][1].search(s) and len(_SENT_PUNCT.findall(s)) <= 2:
        return "copyright"
    if shared and _shared_classify_line is not None:
        try:
            kind = _shared_classify_line(s)
        except Exception:  # noqa: BLE001 - a sibling module's bug must not lose the article
            kind = None
        if kind:
            return kind
    return None


def _heading_level_text(text: str) -> int | None:
    """Heading level of a numbered line (``一、`` ...): the shared plain-text rules, else a local fallback."""
    if _shared_heading_level is not None:
        try:
            return _shared_heading_level(text)
        except Exception:  # noqa: BLE001 - fall back to the local rule
            pass
    if len(text) <= 40 and _CN_NUM_HEADING.match(text) and not re.search(r"[。！？]$", text):
        return 2
    return None


_NON_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=16384)  # the same blocks are squashed for the title, the duplicate-body and the title-line checks
def _squash(text: str) -> str:
    return _NON_WORD.sub("", text)


def _heading_of(b: _Blk) -> int:
    if b.heading >= 2 and b.ntok <= 60:
        return b.heading
    if b.heading == 1:
        return 1 if b.ntok <= 60 else 0
    if b.ntok and b.bold_tok >= b.ntok * 0.9 and b.ntok <= 40 and not re.search(r"[。！？]$", b.text):
        return 3
    return _heading_level_text(b.text) or 0


_QUOTE_WORD = re.compile(r"(?:^|[\s_\-])(?:block)?quote(?:$|[\s_\-])|quote$", re.I)


def is_quote_element(el: etree._Element) -> bool:
    """A quote of another post or comment: ``<blockquote>``, or a class word ``quote``
    (``reply-quote``, ``bbCodeBlock--quote``); script hooks (``js-selectToQuote``) are not."""
    if el.tag == "blockquote":
        return True
    return any(not c.startswith("js") and _QUOTE_WORD.search(c) for c in (el.get("class") or "").split())


def names_of(el: etree._Element) -> str:
    """An element's class and id, lower-cased: the words a template names it by."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower()


# profile links: "space-uid-123.html", "home.php?mod=space&uid=", "memberlist.php?mode=viewprofile", "/u/123",
# "/people/x", a Q&A site's "/lawyer/123", an account's "/author/…", "/profile?xpt=…", "author.example.com/home"
PROFILE_HREF = re.compile(
    r"space-uid|mod=space(?!cp)|[?&]uid=|viewprofile|/profile\?|//author\."
    # the segment names a user by an id or a handle, a path's last one or two: not an upload's
    # "/u/cms/www/2023/a.docx", not a framework's "/Home/Article/detail/id/52.html"
    r"|/(?:u|user|users|member|members|people|profile|home|lawyers?|author)/"
    r"(?!(?:register|login|logout|signup|favou?rites?|index|message|messages|news|settings?|\d{4}/)(?:$|[/.?#]))"
    r"[\w.=%-]+(?:/[\w.=%-]+)?/?(?:$|[?#])", re.I
)
# an element named an answer ("bd answer", "AnswerItem", "answer-3790968386"): its writer answers the page
ANSWER_NAMES = re.compile(r"answer", re.I)
# labels printed where a poster's name goes: the exchange under an answer ("追问" / "回复"), role tags
NOT_A_NAME = re.compile(r"追问|追答|回复|回覆|回答|提问|提问者|楼主|樓主|作者|答主|最佳答案|满意回答|采纳|举报|引用")
