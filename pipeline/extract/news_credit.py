"""News credits: the outlet and reporters a news article names in its opening or closing line.

``某某晚报讯（记者 张伟 实习生 李娜）``, ``【某某网专讯】``, ``（评论员 郑凯 孙磊）``,
``（民视新闻/沈某、黄国诚 屏东县报导）``, ``某某日报记者 王某 李某``, and the unlabelled outlet of a
dateline (``2024-01-24 18:02 某某社``), read only when it is named like one. Labelled fields
(``来源：…``, ``作者：…``) are :mod:`pipeline.extract.byline`'s.
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.chars import HAN_BMP_RE
from pipeline.extract.boilerplate import COUNTER_TOKEN, META_FIELD
from pipeline.extract.byline import VALUE_EDGE, fold_byline, parse_byline
from pipeline.extract.credit_lines import CREDIT_NAMES, CREDIT_ROLE
from pipeline.extract.dates import find_date, leading_date_span, parse_date
from pipeline.extract.folded_line import plain_len
from pipeline.extract.names import is_outlet, writer_names
from pipeline.normalize._resources import converter

_DATE_PART = r"(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?"
# "某某晚报讯（记者 张伟 实习生 李娜）", "新华社北京2月19日电（记者 刘洋、陈静）"
_OPENING = re.compile(
    rf"^[【\[]?(?P<src>[^\s【】\[\]()]{{2,24}}?)(?P<date>{_DATE_PART})(?P<kind>专讯|專訊|讯|訊|电|電)[】\]]?\s*"
    r"\((?P<inner>[^()]{2,60})\)"
)
# the same credit without brackets, alone on its line: "本报北京3月12日电 记者 常某"
_OPENING_PLAIN = re.compile(rf"^\S{{1,16}}?{_DATE_PART}(?:讯|訊|电|電)\s+(?P<inner>{CREDIT_ROLE}\s+{CREDIT_NAMES})$")
# a wire credit's outlet before its place: "新华社北京", "中新网上海"
_WIRE = re.compile(r"^(.{1,10}?(?:通讯社|新闻社|社|网|網))\S{2,6}$")
# what names the outlet of such a credit: "新华社北京…电", "某某新闻网讯" (not "市民来电")
_OUTLET_WORD = re.compile(r"社|网|網|台|报|報|新闻|新聞|客户端|客戶端")
# "新华社北京5月19日电（刘洋、陈静）": the reporters' names alone
_BARE_NAMES = re.compile(r"[\u4e00-\u9fff·]{2,3}(?:[\s、,]+[\u4e00-\u9fff·]{2,3}){0,4}")
# "【某某网专讯】", "【某某新闻报道】" opening the article, without reporters
_BRACKETED = re.compile(r"^【(?P<src>[^【】\s]{2,16}?)(?:专讯|專訊|讯|訊|报道|報道|报导|報導)】")
# "（评论员 张伟 刘洋）" closing the article: the role, then only names, spaces and commas (read by writer_names)
_CLOSING = re.compile(rf"\(\s*{CREDIT_ROLE}[\s、,\u4e00-\u9fff·]{{2,60}}\)\s*$")
# Taiwan's credit, alone, opening or closing: "（王某／台北報導）", "〔記者王某／台北報導〕",
# "記者張某／台北報導", "聯合報／記者林某／台北即時報導"
_SLASH_CREDIT = re.compile(
    rf"[(〔【]?(?:(?P<src>[^/\s()〔〕【】]{{2,8}})\s*/\s*)?(?:{CREDIT_ROLE}\s*)?"
    r"(?P<names>[\u4e00-\u9fff·]{2,4}(?:[、,][\u4e00-\u9fff·]{2,4}){0,3})\s*/\s*[\u4e00-\u9fff]{2,6}?(?:即時)?"
    r"(?:报导|報導|报道|報道)[)〕】]?"
)
# "□通讯员 李娜", "某某日报记者 王某 李某": a line of the role and names (credit_lines' byline too)
_ROLE_LINE = re.compile(rf"^[□■◎●]?\s*(?P<src>[^\s\d]{{2,12}}?)?{CREDIT_ROLE}\s+{CREDIT_NAMES}$")
# "文/图 本报记者 某某", "整合 某某日报记者 某某": what the reporters did, before the credit
_REPORTERS_DID = re.compile(r"^(?:文\s*/\s*图|图\s*/\s*文|图文|整合|整理|综合整理|综合|编译)\s+")
# "（某某新闻/张伟、刘洋 屏东县报导）"
_SLASHED = re.compile(r"^\((?P<src>[^()/\s]{2,12})/(?P<rest>[^()]{2,40}?)(?:报导|報導|报道|報道)\)")


def _outlet(src: str | None) -> str | None:
    """A credit's outlet, when it is named like one (not "本报", not a place)."""
    if not src:
        return None
    src = VALUE_EDGE.sub("", re.sub(r"^(?:据|據)", "", src))
    if converter("t2s").convert(src) in ("本报", "本台", "本刊", "本网") or not is_outlet(src):
        return None
    return src


# what every credit holds: a writer's role, an outlet's "…讯（" / "…电（" / "【…讯】", a report's "报道"
_CREDIT_MARK = re.compile(
    r"记者|記者|通讯员|通訊員|实习生|實習生|评论员|評論員|特派|报道|報道|报导|報導|[讯訊电電](?:[】\]]|\s*[（(])"
)


def credit(text: str) -> dict[str, str]:
    """The source and authors a news credit gives, at the start of ``text`` or as its close.

    ``{"source": ..., "author": "name name", "date": ...}`` (those found; a date only when the
    credit states one with its year). A wire credit (``…电``)
    names its place with its outlet, so only its reporters are read.
    """
    if not (_CREDIT_MARK.search(text[:200]) or _CREDIT_MARK.search(text[-100:])):
        return {}  # most paragraphs: no role, no "…讯（" or "…报道）" at either end
    f = fold_byline(text[:200] + ("\n" + text[-100:] if len(text) > 200 else "")).strip()
    if span := leading_date_span(f):  # " date 2026-02-03 【某某网专讯】……"
        f = f[span[1] :].strip()
    out: dict[str, str] = {}
    head, tail = f[:160], f[-80:]  # a credit opens or closes a paragraph: long lines are not read whole
    if (m := _OPENING.match(head)) and _OUTLET_WORD.search(m.group("src")):
        inner = m.group("inner").strip()
        names = writer_names(inner) or (writer_names("记者 " + inner) if _BARE_NAMES.fullmatch(inner) else [])
        if names:
            out["author"] = " ".join(names)
            src = m.group("src")
            if m.group("kind") in ("电", "電") and (wire := _WIRE.match(src)):
                src = wire.group(1)  # "新华社北京": the outlet, its place cut off
            if src := _outlet(src):
                out["source"] = src
            if (day := parse_date(m.group("date"))) and len(day) == 10:
                out["date"] = day  # "某某网2023年1月16日讯": a full date in the credit
        return out
    if (m := _OPENING_PLAIN.match(f)) and (names := writer_names(m.group("inner"))):
        out["author"] = " ".join(names)  # "本报北京3月12日电 记者 常某"
        return out
    if m := _BRACKETED.match(head):
        if src := _outlet(m.group("src")):
            out["source"] = src
        return out
    if (m := _SLASH_CREDIT.match(head) or _SLASH_CREDIT.search(tail)) and (names := writer_names("记者 " + m.group("names"))):
        out["author"] = " ".join(names)
        if src := _outlet(m.group("src")):
            out["source"] = src
        return out
    if m := _SLASHED.match(head):
        names = [n for n in re.split(r"[\s、,]+", m.group("rest"))[:-1] if re.fullmatch(r"[\u4e00-\u9fff·]{2,4}", n)]
        if names:
            out["author"] = " ".join(names)
        if src := _outlet(m.group("src")):
            out["source"] = src
        return out
    line = _REPORTERS_DID.sub("", f)
    if len(line) <= 40 and (m := _ROLE_LINE.match(line)):
        if names := writer_names(line):
            out["author"] = " ".join(names)
            if src := _outlet(m.group("src")):
                out["source"] = src  # "某某晚报记者 叶某"
        return out
    if (m := _CLOSING.search(tail)) and (names := writer_names(m.group(0))):
        out["author"] = " ".join(names)
    return out


# an article that opens by crediting an outlet's report: "据某某晚报5月9日报道，…", "據《某某新聞》報導：…"
_REPORTED = re.compile(r"^(?:据|據)[《“\"「]?(?P<src>[^\s,，。:：“”\"「」《》\d]{2,16}?)[》”\"」]?" + _DATE_PART
                       + r"(?:报道|報道|报导|報導|消息)(?:称|稱)?[,，:：]")
# the article's own reporters at work: it retells no one's report ("对此，本报记者采访了…")
_OWN_REPORTING = re.compile(r"本[报報台网網]记者|本[报報台网網]記者")  # not the retold outlet's ("新京报记者采访…")
# a page's 来源 naming the page itself ("来源：本站原创"): the article is its own
_SELF_SOURCE = re.compile(r"(?:来源|來源|出处|出處|稿源)\s*[:：]\s*(?:本站|本网|本網|本报|本報|原创|原創)")


def reported_by(paragraph: str, page_lines: list[str] = ()) -> str | None:
    """The outlet whose report the article's first paragraph says it retells (``据某某晚报报道，…``): the
    whole article's source, as the metadata guidelines read it. Only an outlet's name counts ("据警方
    通报" and "据了解" credit nobody's report); only the opening is read, never a later paragraph that
    quotes one fact; not when the paragraph's own reporters are at work or the page's lines
    (``page_lines``) call the article its own (``来源：本站原创``)."""
    text = unicodedata.normalize("NFKC", paragraph).strip()
    m = _REPORTED.match(text)
    if not m or _OWN_REPORTING.search(text) or any(_SELF_SOURCE.search(line) for line in page_lines):
        return None
    return _outlet(m.group("src"))


# a channel's name beside a date ("社会新闻", "国内新闻"), not an outlet
_CATEGORY = re.compile(r"(?:社会|国内|国际|本地|地方|财经|娱乐|体育|科技|军事|时政|滚动|热点|即时|最新|今日|法治)新闻")


def dateline_source(line: str) -> str | None:
    """The unlabelled source name of a dateline (``2024-01-24 18:02 某某社`` -> ``某某社``), if any.

    Only when, after the date and every labelled/counter field is removed, exactly
    one short token with at least two Han characters is left, named like an outlet
    (``…社``, ``…报``, ``…网``): a category tag, a channel or a script switch beside the date
    (``交通银行``, ``社会新闻``, ``简体|繁體``) is no source.
    """
    text = unicodedata.normalize("NFKC", line).strip()
    found = find_date(text)
    if not found:
        return None
    start, end = found[1]
    rest_original = (text[:start] + " " + text[end:]).strip()
    if parse_byline(rest_original):
        return None
    tokens = [t for t in META_FIELD.sub(" ", rest_original).split() if plain_len(t)]
    if len(tokens) != 1:
        return None
    if tokens[0].rstrip().endswith((":", "：")):
        return None  # a field's label whose value was the date (``發佈時間：``): a label in any script
    token = VALUE_EDGE.sub("", tokens[0])
    han = len(HAN_BMP_RE.findall(token))
    if han < 2 or len(token) > 16 or COUNTER_TOKEN.fullmatch(token):
        return None
    simp = converter("t2s").convert(token).lower()
    return token if is_outlet(simp) and not _CATEGORY.fullmatch(simp) else None
