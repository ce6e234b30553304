"""Metadata read off labelled bylines: source, author, editor.

The line rules only say *that* a line is a byline; both extractors (text and HTML)
then read the article's source and author here, in either script, from labelled
fields (``来源：某某网 作者：小周``, ``作者|齐一 来源|柒财经``, ``撰文丨某某``) and the
shapes that name a source or writer without a label (``摘自《某某学刊》``, ``某某网专稿``,
``某某中心部长，研究员徐某某``). A news article's credit (``某某晚报讯（记者 张伟）``) and a
dateline's outlet are :mod:`pipeline.extract.news_credit`'s; which of a page's dates is the
publication's, :mod:`pipeline.extract.dates`'.

An editor (``责任编辑``) is read as such and never stands in for the author: downstream
``author`` means who wrote the article.
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.extract.boilerplate import META_FIELD
from pipeline.extract.credit_lines import CREDIT_ROLE
from pipeline.extract.dates import find_date
from pipeline.extract.fold import VERTICAL_BARS, strip_pinyin
from pipeline.extract.names import SURNAMES, is_name_line, is_outlet, join_padded, writer_names
from pipeline.normalize._resources import converter

_BYLINE_LABELS = {
    "本文来源": "source",
    "文章来源": "source",
    "来源": "source",
    "稿源": "source",
    "出处": "source",
    "来自": "source",
    "转自": "source",
    "转载自": "source",
    "本文来自": "source",
    "原文来自": "source",
    "作者": "author",
    "本文作者": "author",
    "文章作者": "author",
    "撰文": "author",
    "撰稿": "author",
    "采写": "author",
    "独家报道": "author",  # "独家报道：黄皆善": an exclusive's reporter ("据某某报道：" is no label: no 独家)
    "记者": "author",
    "通讯员": "author",
    "发布者": "author",
    "发布人": "author",
    "楼主": "author",
    # a Q&A page's asker writes the page; its answerer only answers (a label still, so that its name
    # is read as a field's value, never as the author)
    "提问者": "author",
    "提问人": "author",
    "咨询人": "author",
    "回答者": "answerer",
    "责任编辑": "editor",
    "责编": "editor",
    "编辑": "editor",
}
# a label these words stand right before names what a picture or a video came from, not the article
_NOT_THE_ARTICLE = ("图片", "圖片", "图", "圖", "照片", "视频", "視頻", "封面", "配图", "配圖", "题图", "題圖",
                    "数据", "數據", "图表", "圖表")  # a chart's or a figure's data: not the article's source


def _label_alternatives() -> str:
    s2t = converter("s2t")
    labels: set[str] = set()
    for simp in _BYLINE_LABELS:
        labels.add(simp)
        labels.add(s2t.convert(simp))
    return "|".join(sorted(labels, key=len, reverse=True))


# "作者：", "作者 | ", "撰文丨": a label, then a colon, a bar or the vertical stroke 丨
_BYLINE_FIELD = re.compile(
    rf"(?P<label>{_label_alternatives()})\s*(?P<sep>[:|丨/])\s*"
    r"(?P<value>[^\s:【】\[\]()|丨,，;；/]+)"
)
# a field's label alone on its line, its value on the next ("来源：" / "某某日报"): a header whose label and
# value sat in two elements of the page
_LABEL_ALONE = re.compile(rf"(?P<label>{_label_alternatives()})\s*:")
# more names after an author's first, one space or 、 apart: "作者：宋某 杨某"
_MORE_NAMES = re.compile(r"(?:[\s、,]+(?P<name>[\u4e00-\u9fff·]{2,4})(?=$|[\s、,|丨]))")
# a field's label that a page's spans glue onto the value before it ("来源：某某日报点击数：12")
_GLUED_LABEL = re.compile(r"(?:浏览次数|浏览量|浏览|瀏覽次數|瀏覽|阅读量|阅读数|阅读|閱讀|点击数|点击量|点击|點擊|访问量|人气|字号|字體|字体"
                          r"|评论数|评论|发布时间|发布日期|时间|日期|作者|来源|编辑|责任编辑)$")
VALUE_EDGE = re.compile(r"^[\s\-—|/,.。?]+|[\s\-—|/,.。?]+$")  # "?": a character lost before the crawl
_NOT_A_VALUE = re.compile(r"[{}<>=]|^https?:|^www\.|[，。！？；,!?;]")
# what a 来源 field says when it names no outlet: "转载文章", "原创", "未知"
# a forum post's "来自: Android客户端": the poster's device
_DEVICE = re.compile(r"(?:android|iphone|ipad|ios|手机|移动)", re.I)
_ACCOUNT_KIND = re.compile(r"^(?:微信公众号|公众号|微信号|头条号|百家号|企鹅号|搜狐号|网易号)[:：]?")
NO_SOURCE = frozenset({"转载", "转载文章", "转帖", "原创", "本站原创", "未知", "佚名", "不详", "本站"})


def fold_byline(line: str) -> str:
    """NFKC, a reading glued after a character dropped ("實(shí)驗(yàn)室"), a padded name joined."""
    return join_padded(strip_pinyin(unicodedata.normalize("NFKC", line.translate(VERTICAL_BARS))))


# what a byline says when it names nobody: "佚名" (anonymous), "未知"
NOBODY = frozenset({"佚名", "匿名", "未知", "不详", "无", "暂无", "网友", "匿名网友", "unknown", "anonymous",
                    # the site or its staff, not a writer: "作者：网络整理", "作者：admin", "作者：小编"
                    "网络", "网络整理", "互联网", "本站", "本站编辑", "小编", "编辑部", "admin", "administrator", "管理员"})


def label_alone(line: str) -> str | None:
    """The field (``"author"``, ``"source"``, ``"editor"``) of a byline's label left alone with its colon
    (``作者：``, ``文章來源：``), whose value is the next line; ``None`` for any other line."""
    m = _LABEL_ALONE.fullmatch(fold_byline(line).strip())
    return _BYLINE_LABELS[converter("t2s").convert(m.group("label"))] if m else None


def _unquoted(value: str) -> str:
    """A source's name without the quotes around it (``“某某说债”``, ``《某某日报》``), but with those it
    holds inside (``光明网-《光明日报》``, which stripping the edges cut to ``光明网-《光明日报``)."""
    bare = value.strip("“”\"「」『』《》")
    for opening, closing in ("《》", "「」", "『』", "“”"):
        if bare.count(opening) != bare.count(closing) and value.count(opening) == value.count(closing):
            return value
    return bare


def clean_name(value: str | None) -> str | None:
    """An author as published: one space between words, a padded name joined ("方 某"); None for "佚名"."""
    if not value:
        return None
    name = join_padded(" ".join(value.split()))
    if re.fullmatch(r"[\u3400-\u9fff·]{2,4}(?:\s*[、,，]\s*[\u3400-\u9fff·]{2,4})+", name):
        name = re.sub(r"\s*[、,，]\s*", " ", name)  # "张三、李四": names are space-separated everywhere
    return None if not name or converter("t2s").convert(name).lower() in NOBODY else name


def _plausible(kind: str, value: str) -> bool:
    """A name, not a label, markup (``{getone``, ``size="20"``) or a clause."""
    if not value or _NOT_A_VALUE.search(value) or not re.search(r"[^\W\d_]", value):
        return False
    simp = converter("t2s").convert(value).lower()
    if simp in _BYLINE_LABELS:
        return False  # "作者： 来源：某网": the author's value left blank
    if kind == "source" and (simp in NO_SOURCE or _DEVICE.match(simp)):
        return False
    if kind == "author" and re.fullmatch(r"[\u3400-\u9fff]{11,}", value):
        return False  # "某某中心某某研究部部长": a position, not a name (names and accounts are shorter)
    return len(value) <= (20 if kind == "author" else 30)


# the site or outlet naming itself: no source it credits
_SELF = re.compile(r"本[网站报台刊網臺]|本站原创|本网原创")


def plausible_source(value: str | None) -> bool:
    """A source's name as a page's own markup gives it (``<meta name="ContentSource">``): not an address,
    a placeholder or the site itself (``本网``)."""
    return bool(value) and _plausible("source", value) and _SELF.fullmatch(value.strip()) is None


# an author field's value read on past commas, to the bracket or the end: a chain of positions
_POSITION_CHAIN = re.compile(r"[^\s:【】\[\]()|丨;；/]*")
# a writer's title glued before the name, after the position it may close: "研究员徐某某",
# "某某研究部部长、研究员徐某某", "副教授王某某" (a name of three or four characters only)
_TITLED_NAME = re.compile(
    r"(?:\S{0,40}[、,])?(?:副|助理|高级|首席|特聘|客座)?(?:研究员|教授|讲师|博士|律师|律師|分析师|经济师|会计师|主任|院长|所长)"
    r"(?P<name>[\u4e00-\u9fff·]{3,4})")

_LEADING_ROLE = re.compile(rf"^{CREDIT_ROLE}\s*")  # "记者 某某": the role before a name


def parse_byline(line: str) -> dict[str, str]:
    """Metadata fields of a byline/dateline: ``{"source": ..., "author": ..., "editor": ...}`` (those present;
    also ``"answerer"``, a Q&A page's, who is no author of it).

    Labels are matched in either script; values are cut from the line (NFKC width
    folding, pinyin glosses dropped) at the next field, bracket or separator; a
    trailing date is not part of a value; an author keeps the names that follow
    its first one; a source of a picture or video (``图片来源：``) is not the article's.
    """
    text = fold_byline(line)
    out: dict[str, str] = {}
    for m in _BYLINE_FIELD.finditer(text):
        if text[: m.start()].endswith(_NOT_THE_ARTICLE):
            continue
        kind = _BYLINE_LABELS[converter("t2s").convert(m.group("label"))]
        if m.group("sep") == "/" and kind != "author":
            continue  # "记者/李明", "撰文／林某" name a writer; "来源/…" is a path or a list
        value = m.group("value").strip()
        if text[m.end() : m.end() + 1] in (":", "："):  # the next field's label glued on: "区司法局浏览次数：88"
            value = _GLUED_LABEL.sub("", value) or value
        found = find_date(value)
        if found:
            value = value[: found[1][0]].strip()
        value = VALUE_EDGE.sub("", value)
        if kind == "source":  # "微信公众号“债务那些事儿”": the account's name
            value = _unquoted(_ACCOUNT_KIND.sub("", value)) or value
        if kind == "author":
            value = _LEADING_ROLE.sub("", value) or value
            chain = _POSITION_CHAIN.match(text, m.start("value"))
            if (titled := _TITLED_NAME.fullmatch(value) or _TITLED_NAME.fullmatch(chain.group(0).rstrip(","))) \
                    and _writer_name(titled.group("name")):
                # "作者：研究员徐某某", "作者：某某中心部长,某某部研究员徐某某": the name, its titles before it
                value = titled.group("name")
        if kind == "author" and value and not found and (crew := writer_names(text[m.start() :])) and len(crew) > 1:
            value = " ".join(crew)  # "记者 / 杨某 实习记者 / 蒋某 孙某": every writer of the credit
        elif kind == "author" and value and not found:
            rest, names = text[m.end() :], [value]
            if value in _ROLE_ONLY and (more := _MORE_NAMES.match(rest)):
                names, rest = [more.group("name")], rest[more.end() :]  # "作者：律师 张伟": the name after the role
            while (more := _MORE_NAMES.match(rest)) and _a_name(more.group("name")):
                names.append(more.group("name"))
                rest = rest[more.end() :]
            value = " ".join(names)
        if kind not in out and _plausible(kind, value):
            out[kind] = value
    if "source" not in out and (m := _SOURCE_VERB.match(text.strip())):
        value = m.group("value")
        if found := find_date(value):
            value = value[: found[1][0]]
        if (titled := _TITLED_WORK.match(value)) is not None:
            value = titled.group(1)  # "摘自《某某学刊》2000年第2期": the publication, not its issue
        value = _unquoted(VALUE_EDGE.sub("", value))
        if _plausible("source", value):
            out["source"] = value  # "本文来源于国家统计局 2024-05-11": the source without a colon
    if (m := _REPOST_CARD.match(text.strip())) and _plausible("author", m.group("author")):
        out.setdefault("author", m.group("author"))
    if "source" not in out and (m := _FROM_ACCOUNT.search(text)) and _plausible("source", m.group("value")):
        out["source"] = m.group("value")  # "编者按：本文来自微信公众号“某某”（ID：…），作者：…"
    if "source" not in out and (m := _EXCLUSIVE.match(text.strip())) and is_outlet(m.group("src")):
        out["source"] = m.group("src")  # "某某网(www.…)专稿，未经授权请勿转载": the outlet's own piece
    if "author" not in out:
        for pattern in _UNLABELLED_AUTHOR:
            if (m := pattern.search(text.strip())) and _plausible("author", m.group("name")) \
                    and not _label_next(m.group("name")) and (not m.groupdict().get("position") or _writer_name(m.group("name"))):
                out["author"] = m.group("name")
                if m.groupdict().get("account") and "source" not in out and _plausible("source", m.group("account")):
                    out["source"] = m.group("account")
                break
    return out


# a source named by a verb at the start of a byline: "本文来源于某某网", "文章转载自某某报" (never
# "收入来源于工资" inside a sentence: the line must open with it)
_SOURCE_VERB = re.compile(r"^[(（]?(?:本文|文章|本文章|此文|以下文章)?(?:来源于|來源於|转载于|轉載於|转自于|摘自|选自|選自"
                          r"|(?:转自|轉自|转载自|轉載自)(?=[《“]))[:：]?\s*"
                          r"(?P<value>[^\s:：【】\[\]()|丨,，;；。/]+)")

# an account a reposted article comes from, anywhere in its note: "本文来自微信公众号：某某（ID：…）",
# "本文转载自公众号“某某”"
_FROM_ACCOUNT = re.compile(r"(?:(?:本文|文章|以下文章)(?:经授权)?(?:来自于?|来源于|來源於|转载自|轉載自|转自|原载于)"
                           r"|^(?:经授权)?(?:转载自|轉載自|转自))\s*(?:微信)?公众号\s*[:：]?\s*"
                           r"[“\"「『]?(?P<value>(?!的)[^\s“”\"「」『』:：,，。()]{2,20})")
# WeChat's card over a reposted article: "以下文章来源于某某说债 ，作者某某" (no colon after 作者)
_REPOST_CARD = re.compile(r"^以下文章来源于\s*(?P<source>[^\s,，]{2,20})\s*[,，]\s*作者\s*(?P<author>[^\s,，。]{2,12})\s*$")
# a periodical's or a book's name in title marks, before its issue: "《某某学刊》2000年第2期"
_TITLED_WORK = re.compile(r"《([^《》]{2,30})》")
# an outlet's exclusive piece, credited as such: "某某网专稿", "某某健康网(www.….net)独家专稿"
_EXCLUSIVE = re.compile(r"^(?P<src>[^\s(（,，。:：]{2,16}?)(?:[(（][^()（）]{0,40}[)）])?(?:独家)?(?:专稿|專稿)(?:$|[,，。\s])")

# an opinion page's writer and position: "王某某/某地院法官", "林某／台大法律系教授"
_WRITER_POSITION = re.compile(
    r"^(?P<name>[\u4e00-\u9fff]{2,4})\s*/\s*(?P<position>[^\s/]{0,12}(?:法官|检察官|檢察官|律师|律師|教授|讲师|講師|医师|醫師"
    r"|研究员|研究員|主任|作家|会计师|會計師|顾问|顧問|理事长|理事長|执行长|執行長|董事长|董事長))$")
# bylines without a label: "文/某某" (also after "图/某某"), a forum's "网名 发表于 2020-3-15",
# "By 某某", WeChat's "原创 某某 公众号名 2023-08-02"
_UNLABELLED_AUTHOR = (
    re.compile(r"(?:^|\s)文\s*[/|丨]\s*(?![图圖](?:\s|$))(?P<name>[^\s/|丨]{1,12})(?:\s|$)"),
    re.compile(r"^(?P<name>[^\s:：|]{2,12})\s+(?:发表于|發表於|发布于|發佈於|发表在)\s*(?:19|20)\d{2}"),
    re.compile(r"^by\s+(?P<name>[^\s|]{2,16})(?:\s|$)", re.I),
    re.compile(r"^原创\s+(?P<name>[^\s]{2,8})\s+(?P<account>[^\s\d]{2,12})\s+(?:19|20)\d{2}"),
    _WRITER_POSITION,
)


def writer_position(line: str) -> bool:
    """A line of a name and a position (``王某某／某地院法官``): an opinion page's writer, or one entry
    of a panel's list when such lines stand together."""
    return bool(_WRITER_POSITION.search(fold_byline(line).strip()))


_FIELD_WORD_END = ("报道", "报导", "摄", "整理", "编译", "编辑", "供图", "制图")  # "北京报道", "某某 摄"
_ROLE_ONLY = frozenset({"律师", "律師", "记者", "記者", "博士", "教授", "老师", "老師", "专家", "專家"})


def _a_name(word: str) -> bool:
    """A further name of a byline ("作者：宋某 杨某"): it starts with a surname and opens no field,
    so "律师", "上海" or "原创" after the name is not taken for one."""
    return converter("t2s").convert(word[0]) in SURNAMES and not _label_next(word)


# what ends an institution's or a role's name, not a person's: "馬偕醫院/醫師", "林業署/主任", "黃律師/主任"
_NOT_A_PERSON_END = ("医院", "院", "署", "局", "部", "会", "大学", "中心", "公司", "所", "处", "科", "厅", "长庚",
                     "医师", "法官", *_ROLE_ONLY)


def _writer_name(word: str) -> bool:
    """An opinion page's writer ("王某某／某地院法官"): a person's full name by its shape (three or four
    characters: two could be a word, "許可／律師"), not an institution's ("馬偕醫院") or a role after a
    surname ("黃律師")."""
    simp = converter("t2s").convert(word)
    return len(simp) >= 3 and is_name_line(simp) and not simp.endswith(_NOT_A_PERSON_END)


def _label_next(word: str) -> bool:
    """A word that opens another field, a counter or a credit rather than naming someone
    ("阅读", "来源", "北京报道")."""
    simp = converter("t2s").convert(word)
    return (simp in _BYLINE_LABELS or bool(META_FIELD.match(simp)) or simp.endswith(_FIELD_WORD_END)
            or any(simp.startswith(k) for k in _BYLINE_LABELS))
