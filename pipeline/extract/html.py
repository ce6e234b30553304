"""HTML main-content extraction.

Pipeline of one page (all on one ``lxml`` tree, parsed once):

1. **Prepare** - strip a crawl-dump wrapper (``<text id=URL title=...>`` with no
   ``<html>``; its title and URL are kept as fallbacks), an XML declaration and
   control characters; parse with ``lxml.etree.HTMLParser`` (comments and
   processing instructions dropped by the parser).
2. **Metadata** (:mod:`.html_meta`) - meta tags, Open Graph, JSON-LD, canonical
   link, ``<time>``, ``<h1>``/``<title>`` - read before the head is dropped.
3. **Segment** - drop non-content elements (script, style, form controls,
   hidden elements ...) and cut the visible text into *blocks* at block-level
   tags and ``<br>``. Each block knows its text, its token count (Han
   characters + Latin words, as the benchmark counts), how much of it is link
   text, its sentence-punctuation count (full-width ``，。！？；``) and the
   element that owns it.
4. **Choose the container** - every block gets a value: positive for prose
   (tokens outside links; full value with sentence punctuation, half without,
   slightly negative for short unpunctuated lines), negative for link text and
   for text under boilerplate-named elements (``comment``, ``related``,
   ``footer``, ``nav`` ... in class/id, ``<nav>``/``<footer>``/``<aside>``,
   or a boilerplate line). Values are summed up the ancestor chain; the best
   element is the main content - a maximum-subtree search: adding a menu or a
   comment list to the article costs more than it brings. A class/id cue is
   ignored when its region holds the title or most of the page's prose (a
   comment-list page's comments *are* its content). The top candidates are
   compared after a readability-style sibling merge (table layouts put the
   paragraphs straight into a cell full of link tables); repeated same-class
   siblings (the posts of a thread) are taken together.
5. **Clean inside** - a leading byline/dateline strip, blocks under
   boilerplate-named sub-regions, link lists, share bars, captions like
   ``资料图片仅供参考``, boilerplate lines, everything after a closing header line
   (``相关新闻``, ``参考资料`` ...) in the second half, and a repeated copy of the
   body are removed with their family as ``kind`` (and counted in ``doc.removed``).
6. **Structure** - headings (``<h1>``-``<h6>`` inside the body, bold-only
   paragraphs, ``一、`` lines) open sections; a comment region outside the body
   becomes ``doc.comments``; every block of the page is kept in ``doc.blocks``
   with its verdict. JSON-LD ``articleBody`` replaces the DOM body when it is
   clearly more complete. When no container is found the page keeps every
   prose-like block and is flagged ``low_confidence`` - never an empty body for
   a page with text.

The hot path uses ``lxml`` directly, not BeautifulSoup: one parse plus one
Python pass over the tree; building a bs4 tree of a 200 KB page alone costs
several times the whole extraction, and the scoring pass must visit every
element. bs4 (with Python's ``html.parser``) is the fallback for the pages
libxml2 cannot use - no tree, or a tree without text (nesting deeper than 256
levels loses everything below; content only inside ``<noscript>``): their
visible lines are kept and flagged ``low_confidence`` instead of a quarantine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from pipeline.config import Settings
from pipeline.extract import html_meta
from pipeline.record import Block, Comment, Document, Post, Section

try:  # the plain-text path's line classifier (shared boilerplate vocabulary), when it exists
    from pipeline.extract.boilerplate import classify_line as _shared_classify_line  # type: ignore[import-not-found]
except Exception:  # noqa: BLE001 - optional sibling module
    _shared_classify_line = None

try:  # shared heading detection for plain-text lines (``一、`` ...)
    from pipeline.extract.sections import heading_level as _shared_heading_level  # type: ignore[import-not-found]
except Exception:  # noqa: BLE001 - optional sibling module
    _shared_heading_level = None

try:  # comment meta lines ("name-role date") shared with the plain-text path
    from pipeline.extract.comments import parse_meta as _parse_comment_meta  # type: ignore[import-not-found]
except Exception:  # noqa: BLE001 - optional sibling module
    _parse_comment_meta = None

MAX_BLOCKS = 400

# ----------------------------------------------------------------------------- vocabulary

_DROP_TAGS = (
    "script", "style", "noscript", "iframe", "svg", "canvas", "template", "object", "embed",
    "select", "option", "button", "input", "textarea", "head", "link", "meta", "map", "audio",
    "video", "source", "math", "label",
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
            r"related|relate|recommend|recom|tuijian|xiangguan|guess|youlike|like-list|more-?news|"
            r"hot-?news|hotnews|\bhot\b|rank|popular|latest|news-?list|feed|read-?more|extend|"
            r"next-?article|\bprev\b|prev-?next|pagination|pager|\bpage-?nav|\bmore\b|stream|\bfeeds?\b"
        ),
    ),
    (
        "share",
        re.compile(
            r"share|social|fenxiang|bdshare|sns|toolbar|tool-?bar|\btools?\b|action|favorite|"
            r"collect|\blike\b|zan|digg|print|qrcode|ewm|erweima|follow|subscribe"
        ),
    ),
    (
        "ad",
        re.compile(
            r"\bads?\b|advert|adv\b|advertisement|banner|sponsor|promo|guanggao|\bgg\b|adsense|"
            r"ad-?box|ad-?wrap|\bad[-_]"
        ),
    ),
    ("breadcrumb", re.compile(r"breadcrumb|crumb|\bpath\b|\bposition\b|\blocation\b|\bweizhi|daohang")),
    ("copyright", re.compile(r"copyright|copy-?right|disclaimer|statement|shengming|banquan|license")),
    ("footer", re.compile(r"footer|\bfoot\b|\bbottom\b|site-?info|\bft\b")),
    (
        "nav",
        re.compile(
            r"\bnav|navbar|menu|\btopbar|top-?bar|channel-?list|\bheader\b|\bhead\b|masthead|login|"
            r"\bsearch|logo"
        ),
    ),
    ("sidebar", re.compile(r"sidebar|side-?bar|\baside|widget|col-?right|right-?col")),
    ("tags", re.compile(r"\btags?\b|keywords?|tag-?list|label-?list")),
]
_LAYOUT_SIDE = frozenset(
    ("left", "right", "side", "fr", "rt", "r", "aside", "sidebar", "col-right", "right-col")
)
# negative words that win over a positive one in the same class ("article-comment", "content--recommend")
_POS_OVERRIDE = re.compile(r"comment|reply|related|recommend|share|footer")
_STRONG_FAMILIES = frozenset(("comment", "related", "share", "ad", "copyright"))
# a short header line of these families in the second half of the body closes the body
_TAIL_KINDS = frozenset(
    ("related", "comment", "copyright", "takedown", "disclaimer", "friend_links", "references")
)
_SCORING_LINE_KINDS = frozenset(("copyright", "share", "nav", "related", "comment"))
_NEG_TAG_FAMILY = {"nav": "nav", "footer": "footer", "aside": "sidebar", "form": "form"}
_POS_CUES = re.compile(
    r"article|content|\bpost|entry|\bmain\b|\bbody\b|\btext\b|detail|story|news-?txt|blog|answer|question|thread|"
    r"\bcont\b|zhengwen|neirong|rich ?text|markdown|\bartic|page-?content"
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
    (
        "nav",
        re.compile(
            r"^(?:首页|返回首页|上一篇|下一篇|上一页|下一页|返回顶部|返回列表|更多>*|查看更多|点击加载更多|加载更多|"
            r"展开全文|展开阅读全文|阅读全文|登录|注册|网站地图|联系我们|关于我们)\s*[>》]*$"
        ),
    ),
    (
        "references",
        re.compile(r"^(?:参考资料|参考文献|参考来源|引用资料|參考資料|參考文獻|references)\s*[:：]?$", re.I),
    ),
    (
        "widget",
        re.compile(
            r"^(?:展开全部|展开|收起|收起全文|正在加载\.*|加载中\.*|\d+\s*个回答|更多回答.{0,8}|抢首赞.*|"
            r"已赞过.*|你对这个回答的评价是[？?]?|查看全部\s*\d*\s*条?评论|写回答|邀请回答|好问题\s*\d*|"
            r"\d+\s*(?:赞|人赞同|条评论|次浏览|阅读|浏览)|赞同\s*\d*|反对|喜欢|不喜欢|复制链接|[<>]+)$"
        ),
    ),
    (
        "widget",
        re.compile(r"请先?登录|登录后(?:才能|可以|即可|进行)|还未登录|跳转到登录|^轮播图|^#[^#\s]{1,8}#\s"),
    ),
    ("dateline", re.compile(r"^(?:发布于|IP属地|ip属地|IP 属地)\s*[:：]\s*\S{1,12}$")),
    (
        "related",
        re.compile(
            r"^(?:相关(?:新闻|阅读|文章|推荐|链接|报道)|热门(?:推荐|文章|新闻)|推荐阅读|延伸阅读|猜你喜欢|"
            r"为你推荐|精彩推荐|热点推荐|更多精彩|今日推荐|相關新聞|延伸閱讀|推薦閱讀)\s*[:：]?$"
        ),
    ),
    (
        "comment",
        re.compile(
            r"^(?:网友评论|发表评论|我要评论|评论\s*\(?\d*\)?|已有\d+人(?:参与|评论)|查看全部评论|热门评论|最新评论|"
            r"网友留言)\s*[:：]?$"
        ),
    ),
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
_COMMENT_UI = re.compile(
    r"沙发|请先登录|登录后|评论已关闭|该评论已|文明上网|理性发言|\d+\s*条评论|\d+\s*人参与|仅供其表达个人看法|"
    r"暂无评论|还没有评论|发表评论|查看更多评论|回复贴|共\d+页|采纳数|获赞数|没有跟贴|欢迎你发表观点"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DATETIME = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*\d{1,2}:\d{2}")
_WRAPPER_OPEN = re.compile(r"^\s*(?:\ufeff)?\s*<text\b[^>]*>", re.I)
_WRAPPER_CLOSE = re.compile(r"</text>\s*$", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


# ----------------------------------------------------------------------------- helpers


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
    tokens = [t for t in attrs.split() if not _UTILITY_CLASS.match(t.lower())]
    return " ".join(w.lower() for t in tokens for w in _CUE_SPLIT.split(t) if w)


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
    if _CAPTION_RE.search(s):
        return "caption"
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


# ----------------------------------------------------------------------------- preparation


_WRAPPER_ATTR = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def _prepare(raw: str) -> tuple[str, dict[str, str]]:
    """Clean the source for the parser; return it and the crawl-dump wrapper's attributes (if any)."""
    raw = _CONTROL.sub("", raw)
    raw = _XML_DECL.sub("", raw, count=1)
    attrs: dict[str, str] = {}
    m = _WRAPPER_OPEN.match(raw)
    if m:  # crawl dump: <text id=URL title=... encoding=...> page </text>
        for a in _WRAPPER_ATTR.finditer(m.group(0)[m.group(0).lower().index("<text") + 5 :]):
            attrs[a.group(1).lower()] = a.group(2) or a.group(3) or a.group(4) or ""
        raw = raw[m.end() :]
        raw = _WRAPPER_CLOSE.sub("", raw)
    return raw, attrs


_STYLED = etree.XPath("//*[@style or @hidden]")
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, recover=True, no_network=True)


def _parse(raw: str) -> etree._Element | None:
    try:
        root = etree.fromstring(raw, _PARSER)
    except (etree.ParserError, ValueError):
        try:
            root = etree.fromstring(raw.encode("utf-8", "replace"), etree.HTMLParser(encoding="utf-8"))
        except (etree.ParserError, ValueError):
            return None
    return root


def _drop_invisible(root: etree._Element) -> None:
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, *_DROP_TAGS, with_tail=False)
    hidden = []
    for el in _STYLED(root):  # libxml2 finds the few elements with a style or hidden attribute
        st = el.get("style")
        if (st and _HIDDEN_STYLE.search(st)) or el.get("hidden") is not None:
            hidden.append(el)
    for el in hidden:
        parent = el.getparent()
        if parent is None:
            continue
        # hidden-by-script article bodies exist: never drop a large prose region
        txt = "".join(el.itertext())
        if len(_HAN.findall(txt)) > 200 and len(_SENT_PUNCT.findall(txt)) > 5:
            continue
        tail = el.tail
        if tail:  # keep the text that follows the hidden element
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        parent.remove(el)


# ----------------------------------------------------------------------------- segmentation


@dataclass(slots=True)
class _Blk:
    text: str
    owner: etree._Element
    ntok: int
    link_tok: int
    punct: int
    bold_tok: int
    heading: int  # 1-6 for <hN>, 0 otherwise
    value: float = 0.0
    family: str | None = None  # boilerplate family from an ancestor cue
    family_el: etree._Element | None = None


class _Segmenter:
    """Cut visible text into blocks at block-level tags and <br>."""

    def __init__(self) -> None:
        self.blocks: list[_Blk] = []
        self.buf: list[str] = []
        self.link_buf: list[str] = []
        self.bold_buf: list[str] = []
        self.stack: list[etree._Element] = []
        self.heading: list[int] = []

    def flush(self) -> None:
        if not self.buf:
            return
        text = _norm("".join(self.buf))
        self.buf = []
        links = "".join(self.link_buf)
        self.link_buf = []
        bold = "".join(self.bold_buf)
        self.bold_buf = []
        if not text:
            return
        ntok = _ntok(text)
        if ntok == 0 and len(text) < 3:
            return
        self.blocks.append(
            _Blk(
                text=text,
                owner=self.stack[-1],
                ntok=ntok,
                link_tok=min(ntok, _ntok(links)) if links else 0,
                punct=len(_SENT_PUNCT.findall(text)),
                bold_tok=_ntok(bold) if bold else 0,
                heading=self.heading[-1] if self.heading else 0,
            )
        )

    def add(self, text: str | None, in_link: bool, in_bold: bool) -> None:
        if not text:
            return
        if self.buf and text[0].isdigit() and self.buf[-1][-1:].isdigit():
            text = " " + text  # two numbers in two elements (a user name, then a date) stay two numbers
        self.buf.append(text)
        if in_link:
            self.link_buf.append(text)
        if in_bold:
            self.bold_buf.append(text)

    def walk(self, root: etree._Element) -> None:
        """Visit ``root``'s subtree in document order: text, children, tails (one C-driven pass, no recursion)."""
        flush, add, stack, heading = self.flush, self.add, self.stack, self.heading
        links = bolds = 0  # open <a> / <b>,<strong> elements around the current position
        for event, el in etree.iterwalk(root, events=("start", "end")):
            tag = el.tag
            if event == "start":
                if not isinstance(tag, str):
                    continue
                if tag == "br":
                    flush()
                    continue
                if tag in _BLOCK_TAGS:
                    flush()
                    stack.append(el)
                    if tag in _HEADING_TAGS:
                        heading.append(int(tag[1]))
                if tag == "a":
                    links += 1
                elif tag == "b" or tag == "strong":
                    bolds += 1
                if el.text:
                    add(el.text, links > 0, bolds > 0)
                continue
            if isinstance(tag, str) and tag != "br":
                if tag == "a":
                    links -= 1
                elif tag == "b" or tag == "strong":
                    bolds -= 1
                if tag in _BLOCK_TAGS:
                    flush()
                    stack.pop()
                    if tag in _HEADING_TAGS:
                        heading.pop()
            if el.tail and el is not root:
                add(el.tail, links > 0, bolds > 0)


def _segment(body: etree._Element) -> list[_Blk]:
    seg = _Segmenter()
    seg.stack.append(body)
    seg.walk(body)
    seg.flush()
    return seg.blocks


# ----------------------------------------------------------------------------- scoring


def _ancestors(el: etree._Element, cache: dict[etree._Element, tuple[etree._Element, ...]]):
    got = cache.get(el)
    if got is not None:
        return got
    parent = el.getparent()
    chain = (el,) if parent is None else (el, *_ancestors(parent, cache))
    cache[el] = chain
    return chain


def _prose(b: _Blk) -> int:
    """Tokens of sentence-like, mostly unlinked text."""
    return b.ntok - b.link_tok if b.punct and b.link_tok * 2 < b.ntok else 0


def _make_cache(blocks: list[_Blk]) -> dict:
    cache: dict = {"anc": {}, "cue": {}, "prose": {}, "total_prose": 0, "title_anc": set(), "link": {}}
    prose = cache["prose"]
    links = cache["link"]
    for b in blocks:
        if b.link_tok:
            for anc in _ancestors(b.owner, cache["anc"]):
                links[anc] = links.get(anc, 0) + b.link_tok
        p = _prose(b)
        if p:
            cache["total_prose"] += p
            for anc in _ancestors(b.owner, cache["anc"]):
                prose[anc] = prose.get(anc, 0) + p
    return cache


def _block_value(b: _Blk) -> float:
    """Prose is positive, link text and boilerplate negative."""
    if b.family is not None:
        return -0.6 * b.ntok
    plain = b.ntok - b.link_tok
    ld = b.link_tok / b.ntok if b.ntok else 0.0
    if ld > 0.5:
        return -1.0 * b.link_tok
    if b.punct:
        v = plain - b.link_tok
    elif b.ntok < 15:
        v = -0.3 * b.ntok + 0.0
    else:
        v = 0.5 * plain - b.link_tok
    return v


def _family_of(
    el: etree._Element, stop: etree._Element | None, cache: dict
) -> tuple[str | None, etree._Element | None]:
    """The nearest boilerplate-named ancestor (owner inclusive) below ``stop``."""
    for anc in _ancestors(el, cache["anc"]):
        if anc is stop:
            break
        fam = cache["cue"].get(anc, 0)
        if fam == 0:
            fam = _cue_family(anc)
            if fam:
                # judge the whole region: climb while the ancestors carry the same family
                # (a list "comments" of items "comment-item")
                top = anc
                parent = top.getparent()
                while parent is not None and _cue_family(parent) == fam:
                    top, parent = parent, parent.getparent()
                # a region holding most of the page's prose is not boilerplate, whatever its name
                # (strongly named regions only when they hold nearly all of it), nor one holding the title
                share = cache["prose"].get(top, 0) / cache["total_prose"] if cache["total_prose"] else 0.0
                if top in cache["title_anc"]:
                    fam = None
                elif fam in _STRONG_FAMILIES:
                    # a named comment/related/... region is trusted unless the page has no other prose
                    # (a comment-list page: then the comments are the content)
                    outside = cache["total_prose"] - cache["prose"].get(top, 0)
                    if share > 0.9 and outside < 80:
                        fam = None
                elif share > 0.4:
                    fam = None
            cache["cue"][anc] = fam
        if fam:
            return fam, anc
    return None, None


def _choose_container(blocks: list[_Blk], cache: dict) -> tuple[etree._Element | None, dict]:
    scores: dict[etree._Element, float] = {}
    for b in blocks:
        b.value = _block_value(b)
        for anc in _ancestors(b.owner, cache["anc"]):
            scores[anc] = scores.get(anc, 0.0) + b.value
    if not scores:
        return None, scores
    top5 = sorted(scores, key=scores.__getitem__, reverse=True)[:5]
    best = top5[0]
    if scores[best] <= 0:
        return None, scores
    # a paragraph whose siblings are the rest of the article beats a compact boilerplate box
    merged = {el: _merged_roots(el, scores, cache)[1] for el in top5 if scores[el] > 0}
    best = max(merged, key=merged.__getitem__)
    # near tie with a positive-cue descendant/ancestor: prefer the one named like an article body
    top = scores[best]
    if not _has_pos_cue(best):
        related = [*_ancestors(best, cache["anc"])[1:4], *(d for d in best.iter() if d in scores)]
        for el in related:
            if el is not best and scores.get(el, 0.0) >= 0.97 * top and _has_pos_cue(el):
                best = el
                break
    return best, scores


# ----------------------------------------------------------------------------- main entry


def _visible_blocks(root: etree._Element) -> list[_Blk]:
    body = root.find(".//body")
    if body is None:
        body = root
    return _segment(body)


def extract_html(doc: Document, settings: Settings) -> None:
    """Fill title, metadata, sections, comments, blocks, removed and confidence from ``doc.raw``."""
    raw, wrapper = _prepare(doc.raw or "")
    if not raw.strip():
        _no_body(doc)
        return
    root = _parse(raw)
    if root is None:  # libxml2 could not make a tree at all
        _text_fallback(doc, raw, None, settings)
        return
    pm = html_meta.read_meta(root)
    if not pm.title_tag and wrapper.get("title", "").strip():
        pm.title_tag = _norm(wrapper["title"])
    if not pm.canonical and wrapper.get("id", "").startswith(("http://", "https://")):
        pm.canonical = wrapper["id"]
    _drop_invisible(root)
    blocks = _visible_blocks(root)
    if not any(b.ntok for b in blocks):
        _text_fallback(doc, raw, pm, settings)
        return

    cache = _make_cache(blocks)
    title, title_site = html_meta.meta_title(pm)
    ti = _title_block(blocks, title)
    if ti is not None:
        cache["title_anc"] = set(_ancestors(blocks[ti].owner, cache["anc"]))
    for b in blocks:
        b.family, b.family_el = _family_of(b.owner, None, cache)
        if b.family is None and b.ntok <= 200:
            line_kind = classify_line(b.text, shared=False)
            if line_kind in _SCORING_LINE_KINDS:
                b.family = line_kind
    container, scores = _choose_container(blocks, cache)
    if container is None:  # cues may be wrong (e.g. the whole page is under a 'comment' id): retry without
        for b in blocks:
            b.family, b.family_el = None, None
        container, scores = _choose_container(blocks, cache)

    doc.title = title or doc.title
    in_container = _members(blocks, container, scores, cache)
    kept_idx = _clean_inside(blocks, in_container, container, cache)

    # confidence: how much prose was dropped *without* a named reason (a boilerplate cue or line family)
    kept_prose = sum(blocks[i].ntok - blocks[i].link_tok for i in kept_idx if blocks[i].punct)
    kept_set0 = set(kept_idx)
    unexplained = sum(_prose(b) for i, b in enumerate(blocks) if i not in kept_set0 and b.family is None)
    total_prose = kept_prose + unexplained
    low = False
    if not kept_idx or sum(blocks[i].ntok for i in kept_idx) < 10:
        # never return an empty body for a page with text: keep every prose-like block
        kept_idx = [
            i
            for i, b in enumerate(blocks)
            if b.ntok >= 5 and b.link_tok * 2 < b.ntok and not classify_line(b.text, False)
        ]
        low = True

    # JSON-LD articleBody when it is clearly more complete than what the DOM gave
    ld_body = pm.article_body
    ld_paragraphs: list[str] | None = None
    kept_tok = sum(blocks[i].ntok for i in kept_idx)
    if ld_body and _ntok(ld_body) > 1.5 * max(kept_tok, 1) and _ntok(ld_body) >= 50:
        ld_paragraphs = [_norm(p) for p in re.split(r"\n+", ld_body) if _norm(p)]
        doc.flag("body_from_json_ld")
        low = False
        kept_prose = total_prose = max(kept_prose, 1)  # the publisher's own body: trust it

    _fill_metadata(doc, pm, title_site, blocks, kept_idx)
    title_norm = _squash(doc.title or "")
    title_tok = _ntok(doc.title or "")

    def is_title(b: _Blk) -> bool:
        return bool(title_norm) and abs(b.ntok - title_tok) <= 2 and _squash(b.text) == title_norm

    # leading lines of the body that are pieces of the title (title / subtitle split over two elements)
    title_parts: set[int] = set()
    for i in kept_idx[:3]:
        sq = _squash(blocks[i].text)
        if not (
            title_norm and blocks[i].ntok <= 60 and len(sq) >= 0.3 * len(title_norm) and sq in title_norm
        ):
            break
        title_parts.add(i)

    keep_set = set(kept_idx)
    # -- sections
    sections: list[Section] = [Section(heading=None, paragraphs=[], level=0)]
    if ld_paragraphs is not None:
        sections[0].paragraphs.extend(ld_paragraphs)
    else:
        for i in kept_idx:
            b = blocks[i]
            if is_title(b) or i in title_parts:
                continue
            lvl = _heading_of(b)
            if lvl:
                sections.append(Section(heading=b.text, paragraphs=[], level=lvl))
            else:
                sections[-1].paragraphs.append(b.text)
    doc.sections = [s for s in sections if s.heading or s.paragraphs]

    # -- comments: a comment-named region outside the body holding prose
    doc.comments = _comments(blocks, keep_set)
    if doc.comments and _THREAD_URL.search(doc.url or pm.canonical or ""):
        _as_thread(doc)

    # -- blocks with verdicts, removed counters
    out_blocks: list[Block] = []
    for i, b in enumerate(blocks):
        if i in keep_set:
            kind = (
                "title" if is_title(b) or i in title_parts else "heading" if _heading_of(b) else "paragraph"
            )
            if len(out_blocks) < MAX_BLOCKS:
                out_blocks.append(Block(text=b.text, kind=kind, kept=True))
            continue
        if is_title(b):
            if len(out_blocks) < MAX_BLOCKS:
                out_blocks.append(Block(text=b.text, kind="title", kept=True))
            continue
        kind = _removed_kind(b)
        doc.count_removed(kind, len(b.text))
        if len(out_blocks) < MAX_BLOCKS:
            out_blocks.append(Block(text=b.text, kind=kind, kept=False))
    doc.blocks = out_blocks if settings.extract.keep_blocks else []

    # -- confidence
    body_chars = len(re.sub(r"\s", "", doc.text))
    conf = _confidence(kept_prose, total_prose, blocks, kept_idx, low)
    doc.extraction_confidence = round(conf, 3)
    if body_chars < settings.extract.min_body_chars:
        if body_chars == 0:  # nothing the main path could use: what bs4 recovers, or a quarantine
            doc.removed, doc.comments = {}, []
            _text_fallback(doc, raw, pm, settings)
            return
        doc.flag("low_confidence")
        doc.extraction_confidence = min(doc.extraction_confidence, 0.3)
    if doc.extraction_confidence < 0.5 or low:
        doc.flag("low_confidence")


# Addresses of forum and Q&A threads: the words thread software puts in its URLs (Discuz
# forum.php?mod=viewthread, phpBB viewtopic, /topic/, /thread/, bbs., /question/, /d/123, /p/123).
_THREAD_URL = re.compile(
    r"thread|topic|forum|bbs|question|answer|/d/\d|/p/\d|board|announce|archiver|message/read", re.I
)


def _as_thread(doc: Document) -> None:
    """A thread page: its replies are posts of the body, in order, not comments under an article."""
    doc.page_kind = "thread"
    if doc.sections:  # the opening post, found as the article body (else the posts are all there is)
        doc.sections[0].post = Post(author=doc.author, date=doc.published_at)
    for c in doc.comments:
        doc.sections.append(Section(heading=None, paragraphs=[c.text], post=Post(c.author, c.role, c.date)))
    doc.comments = []


def _no_body(doc: Document) -> None:
    doc.extraction_confidence = 0.0
    doc.quarantine("no article body found in HTML")


def _spaced_meta(b: _Blk):  # noqa: ANN202 - parse_meta's tuple
    """Re-read a comment meta line with its inline elements apart.

    Blocks join inline text without spaces (right for prose), which glues
    ``<span>name</span><span>role</span>`` into one word; the owner's text
    pieces, when they make up exactly this block, keep name and role apart.
    """
    target = b.text.replace(" ", "")
    pieces: list[str] = []
    joined = ""
    for t in b.owner.itertext():  # the block may be the first part of its owner (meta spans, then <p>)
        t = t.strip()
        if not t:
            continue
        pieces.append(t)
        joined += t.replace(" ", "")
        if not target.startswith(joined) or joined == target:
            break
    if len(pieces) < 2 or joined != target:
        return None
    try:
        parsed = _parse_comment_meta(" ".join(pieces))
    except Exception:  # noqa: BLE001
        return None
    return parsed if parsed is not None and parsed[1] is not None else None


def _comments(blocks: list[_Blk], keep_set: set[int]) -> list[Comment]:
    """Comments from comment-family blocks outside the body: a meta line (name, role, date) then the text."""
    out: list[Comment] = []
    meta: tuple[str | None, str | None, str] | None = None
    for i, b in enumerate(blocks):
        if i in keep_set or b.family != "comment":
            meta = None if i in keep_set else meta
            continue
        parsed = None
        if _parse_comment_meta is not None and b.ntok <= 40:
            try:
                parsed = _parse_comment_meta(b.text)
            except Exception:  # noqa: BLE001 - a sibling module's bug must not lose the page
                parsed = None
        text = b.text
        if parsed is not None and parsed[1] is None:
            parsed = _spaced_meta(b) or parsed
        if parsed is not None:
            author, role, date, trailing = parsed
            meta = (author, role, date)
            if not (trailing and _SENT_PUNCT.search(trailing)):
                continue
            text = trailing
        if (
            b.ntok >= 6
            and b.link_tok * 2 < b.ntok
            and _SENT_PUNCT.search(text)
            and not _COMMENT_UI.search(text)
            and not classify_line(text)
        ):
            author, role, date = meta if meta else (None, None, None)
            out.append(Comment(text=text, author=author, role=role, date=date))
            meta = None
    return out


# What the fallback parse drops: never text a reader sees. <noscript> stays: some pages (single-page
# forums) put their whole server-rendered content there.
_SOUP_DROP = ["head", "script", "style", "template", "svg", "canvas", "iframe", "object", "embed", "select",
              "option", "button", "textarea", "math", "audio", "video"]


def _soup_lines(raw: str) -> tuple[list[str], str | None]:
    """Visible lines and ``<title>`` of a page, through bs4 with Python's ``html.parser``.

    libxml2 gives up on some pages (nesting deeper than it keeps: every element
    past depth 256 is lost, often the whole body; markup it cannot recover);
    ``html.parser`` is slower but keeps going, so a broken page yields its text.
    """
    from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

    soup = BeautifulSoup(raw, "html.parser")
    title = _norm(soup.title.get_text()) if soup.title else None
    for el in soup(_SOUP_DROP):
        el.decompose()
    parts: list[str] = []
    for node in soup.descendants:
        if isinstance(node, Tag):
            if node.name in _BLOCK_TAGS or node.name == "br":
                parts.append("\n")
        elif isinstance(node, NavigableString) and not isinstance(
            node, Comment | Declaration | Doctype | ProcessingInstruction
        ):
            parts.append(str(node))
    return [_norm(x) for x in "".join(parts).splitlines()], title or None


def _text_fallback(doc: Document, raw: str, pm: html_meta.PageMeta | None, settings: Settings) -> None:
    """Last resort when lxml yields no text: the lines bs4 recovers, boilerplate lines left out."""
    lines, soup_title = _soup_lines(raw)
    lines = [x for x in lines if _ntok(x) >= 2 and not classify_line(x, False)]
    if pm is not None:
        title, site = html_meta.meta_title(pm)
        doc.title = title or doc.title
        doc.site_name = html_meta.meta_site(pm) or site or doc.site_name
        doc.canonical_url = html_meta.canonical_url(pm, doc.url)
        doc.published_at = html_meta.meta_date(pm) or doc.published_at
    doc.title = doc.title or soup_title
    if not lines:
        _no_body(doc)
        return
    doc.sections = [Section(heading=None, paragraphs=lines, level=0)]
    doc.blocks = (
        [Block(text=x, kind="paragraph", kept=True) for x in lines[:MAX_BLOCKS]]
        if settings.extract.keep_blocks
        else []
    )
    doc.extraction_confidence = 0.2
    doc.flag("low_confidence")


_NON_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=16384)  # the same blocks are squashed for the title, the duplicate-body and the title-line checks
def _squash(text: str) -> str:
    return _NON_WORD.sub("", text)


def _title_block(blocks: list[_Blk], title: str | None) -> int | None:
    """Index of the block showing the article title (an <h1>/<h2> first), or None."""
    sq = _squash(title or "")
    if len(sq) < 4:
        return None
    fallback = None
    for i, b in enumerate(blocks):
        if b.ntok > 120:
            continue
        bs = _squash(b.text)
        if bs == sq or (len(bs) >= 6 and bs in sq and len(bs) * 2 >= len(sq)):
            if b.heading in (1, 2):
                return i
            if fallback is None:
                fallback = i
    return fallback


def _heading_of(b: _Blk) -> int:
    if b.heading >= 2 and b.ntok <= 60:
        return b.heading
    if b.heading == 1:
        return 1 if b.ntok <= 60 else 0
    if b.ntok and b.bold_tok >= b.ntok * 0.9 and b.ntok <= 40 and not re.search(r"[。！？]$", b.text):
        return 3
    return _heading_level_text(b.text) or 0


def _merged_roots(container: etree._Element, scores: dict, cache: dict) -> tuple[set[etree._Element], float]:
    """The container and its prose-bearing siblings, with their summed score."""
    parent = container.getparent()
    best = scores.get(container, 0.0)
    if parent is None or container.tag in ("body", "html"):
        return {container}, best
    children = [c for c in parent if isinstance(c.tag, str)]
    kept = [c is container or scores.get(c, 0.0) >= max(10.0, 0.15 * best) for c in children]
    changed = True
    while changed:  # grow over adjacent positive, unlinked siblings
        changed = False
        for k, c in enumerate(children):
            if kept[k]:
                continue
            near = (k > 0 and kept[k - 1]) or (k + 1 < len(children) and kept[k + 1])
            if near and scores.get(c, 0.0) > 0 and cache["link"].get(c, 0) == 0:
                kept[k] = changed = True
    roots = {c for c, k in zip(children, kept, strict=True) if k}
    return roots, sum(scores.get(c, 0.0) for c in roots)


def _repeated_items(container: etree._Element, cache: dict) -> set[etree._Element]:
    """Posts of a thread: when the body sits in one of several same-class siblings, take them all.

    Forum and Q&A pages repeat one item template per post; the best-scoring post is
    only the first of them. Items must be mostly unlinked text and not named like
    boilerplate.
    """
    el = container
    for _ in range(5):
        parent = el.getparent()
        if parent is None or el.tag in ("body", "html") or parent.tag in ("body", "html"):
            return set()
        cls = (el.get("class") or "").split()
        if cls:
            sig = (el.tag, frozenset(c for c in cls if not c[-1].isdigit()))
            same = [
                c
                for c in parent
                if c.tag == el.tag
                and frozenset(x for x in (c.get("class") or "").split() if not x[-1].isdigit()) == sig[1]
            ]
            if len(same) >= 3:
                prose = sum(cache["prose"].get(c, 0) for c in same)
                links = sum(cache["link"].get(c, 0) for c in same)
                named = any(cache["cue"].get(c) for c in same)
                if not named and prose > 2 * links:
                    return set(same)
        el = parent
    return set()


def _members(blocks: list[_Blk], container: etree._Element | None, scores: dict, cache: dict) -> list[int]:
    """Blocks of the container, plus prose-bearing siblings (readability-style sibling merge).

    Table layouts often put the article's paragraphs directly into a cell that also
    holds link tables; then the best single element is one paragraph, and its good
    siblings (and the short unlinked sub-headings between them) belong to the body.
    """
    if container is None:
        return []
    anc = cache["anc"]
    parent = container.getparent()
    roots = _merged_roots(container, scores, cache)[0]
    roots |= _repeated_items(container, cache)
    members = [i for i, b in enumerate(blocks) if not roots.isdisjoint(_ancestors(b.owner, anc))]
    if len(roots) > 1 and members:
        # fill the span: parent-owned text and short unlinked lines between the kept siblings
        first, last = members[0], members[-1]
        mset = set(members)
        for i in range(first, last + 1):
            b = blocks[i]
            if i in mset or parent not in _ancestors(b.owner, anc):
                continue
            if (b.owner is parent and b.value > 0) or (b.link_tok == 0 and b.ntok <= 30 and b.family is None):
                mset.add(i)
        members = sorted(mset)
    return members


def _clean_inside(blocks: list[_Blk], members: list[int], container, cache: dict) -> list[int]:
    """Indices of the kept blocks among the container's members; removed ones get their family.

    Removed: a leading byline strip, blocks under boilerplate-named sub-regions (when
    those are a minor part of the container), link lists, boilerplate lines (local and
    shared classifiers), everything after a closing header line (相关新闻, 参考资料 ...) in
    the second half, and a repeated copy of the body.
    """
    if not members:
        return []
    total = sum(max(0.0, blocks[i].value) for i in members) or 1.0
    # boilerplate-named sub-regions inside the container (only when they are a minor part of it)
    region_value: dict[etree._Element, float] = {}
    for i in members:
        b = blocks[i]
        fam, el = _family_of(b.owner, container, cache)
        b.family, b.family_el = fam, el
        if el is not None:
            region_value[el] = region_value.get(el, 0.0) + max(
                0.0, _block_value(_Blk(b.text, b.owner, b.ntok, b.link_tok, b.punct, 0, 0))
            )
    members = _trim_edges(blocks, members)
    kept: list[int] = []
    member_prose = sum(_prose(blocks[i]) for i in members) or 1
    seen_prose = 0
    cut, cut_kind = False, "related"
    for i in members:
        b = blocks[i]
        if cut:  # everything after a closing 'related' / 'copyright' / 'comments' header line
            b.family = b.family or cut_kind
            continue
        seen_prose += _prose(b)
        if b.family_el is not None:
            limit = 0.7 if b.family in _STRONG_FAMILIES else 0.3
            if region_value.get(b.family_el, 0.0) < limit * total:
                continue
        b.family, b.family_el = None, None
        ld = b.link_tok / b.ntok if b.ntok else 0.0
        if ld > 0.5 and not (b.punct and b.ntok >= 20):
            b.family = "nav"
            continue
        kind = classify_line(b.text)
        if kind is None and not b.punct and b.ntok <= 30 and _DATETIME.search(b.text):
            kind = "dateline"  # a byline / post-meta strip: "用户名 2024-04-09 09:36:18 浙江"
        if kind:
            b.family = kind
            if kind in _TAIL_KINDS and 4 <= b.ntok <= 20 and seen_prose >= 0.5 * member_prose:
                cut, cut_kind = True, kind
            continue
        if b.ntok == 0:
            b.family = "noise"
            continue
        kept.append(i)
    # the same paragraph twice (print/mobile copies of the body in one template) is kept once
    # (a repeated *sequence* of different paragraphs; one caption under several photos stays)
    keys = [_squash(blocks[i].text) if blocks[i].ntok >= 8 else f"#{i}" for i in kept]
    first: dict[str, int] = {}
    for k, key in enumerate(keys):
        first.setdefault(key, k)
    unique: list[int] = []
    for k, i in enumerate(kept):
        p = first[keys[k]]
        dup = False
        if p != k:
            nxt = k + 1 < len(keys) and p + 1 < k and keys[k + 1] == keys[p + 1] and keys[k + 1] != keys[k]
            prv = k > 0 and p > 0 and keys[k - 1] == keys[p - 1] and keys[k - 1] != keys[k]
            dup = nxt or prv
        if dup:
            blocks[i].family = "duplicate"
        else:
            unique.append(i)
    return unique


_DATELINE = re.compile(
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|来源[:：]|來源[:：]|作者[:：]|编辑[:：]|发布时间|發布時間|阅读[:：(（]?\s*\d|浏览"
)


def _trim_edges(blocks: list[_Blk], kept: list[int]) -> list[int]:
    """Drop a leading byline / dateline strip: a run of short unpunctuated lines holding a date or 来源/作者."""
    last = -1
    for k, i in enumerate(kept[:10]):
        b = blocks[i]
        if b.heading == 1:  # the title itself (handled by the caller) may sit inside the strip
            continue
        if b.ntok > 40 or b.punct > 1 or b.heading:
            break
        if _DATELINE.search(b.text):
            last = k
    strip = {i for i in kept[: last + 1] if blocks[i].heading != 1}
    for i in strip:
        blocks[i].family = blocks[i].family or "dateline"
    return [i for i in kept if i not in strip]


def _removed_kind(b: _Blk) -> str:
    """The family a removed block is counted under."""
    if b.family:
        return b.family
    kind = classify_line(b.text, False)
    if kind:
        return kind
    if _DATELINE.search(b.text) and b.ntok <= 40:
        return "dateline"
    if b.ntok and b.link_tok * 2 >= b.ntok:
        return "nav"
    return "boilerplate"


def _confidence(
    kept_prose: int, total_prose: int, blocks: list[_Blk], kept_idx: list[int], low: bool
) -> float:
    if low or not kept_idx:
        return 0.2
    share = kept_prose / total_prose if total_prose else 0.0
    n_par = sum(1 for i in kept_idx if blocks[i].punct)
    size = min(1.0, kept_prose / 150)
    conf = 0.45 * share + 0.35 * size + 0.2 * min(1.0, n_par / 3)
    return max(0.0, min(1.0, conf))


def _fill_metadata(
    doc: Document, pm: html_meta.PageMeta, title_site: str | None, blocks: list[_Blk], kept_idx: list[int]
) -> None:
    # short lines near the title / at the top of the body carry 来源 / 作者 / date
    start = kept_idx[0] if kept_idx else 0
    title_sq = _squash(doc.title or "")
    ti = None
    if title_sq:
        for i, b in enumerate(blocks[: start + 1]):
            if _squash(b.text) == title_sq or (
                len(title_sq) >= 6 and title_sq in _squash(b.text) and b.ntok < 80
            ):
                ti = i
    lo = ti if ti is not None else max(0, start - 12)
    near = [b.text for b in blocks[lo : start + 3] if b.ntok <= 80]
    cues = html_meta.text_cues(near)
    tail = [blocks[i].text for i in kept_idx[-3:]] if kept_idx else []
    tail_cues = html_meta.text_cues(tail)

    doc.published_at = html_meta.meta_date(pm) or cues.get("date") or doc.published_at
    doc.author = html_meta.meta_author(pm) or cues.get("author") or tail_cues.get("author") or doc.author
    doc.source_name = (
        cues.get("source") or pm.meta.get("source") or tail_cues.get("source") or doc.source_name
    )
    doc.site_name = html_meta.meta_site(pm) or title_site or doc.site_name
    doc.canonical_url = html_meta.canonical_url(pm, doc.url)
