"""Page metadata for the HTML extractor: title, date, author, source, site, canonical URL.

Works on the parsed ``lxml`` tree *before* the head and scripts are dropped.
Sources, strongest first: Open Graph / article meta tags, JSON-LD
(``application/ld+json``), ``<link rel=canonical>``, ``<time datetime>``,
``<h1>`` / ``<title>``; the caller adds text cues near the title
(``来源：``, ``作者：``, a date line) through :func:`text_cues`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

from pipeline.extract.byline import parse_byline, plausible_source
from pipeline.extract.dates import parse_date as _shared_parse_date
from pipeline.extract.dates import publication_date
from pipeline.extract.news_credit import credit

_WS = re.compile(r"\s+")
_SHANGHAI = timezone(timedelta(hours=8))

# ----------------------------------------------------------------------------- dates

_DATE_RE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:[-/.年])\s*(?P<m>\d{1,2})\s*(?:[-/.月])\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?:T|\s)?\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{2})(?:\s*[:：分]\s*(?P<S>\d{2}))?)?"
    r"(?:\.\d+)?\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?"
)


def _local_parse_date(s: str) -> str | None:
    """Parse a date or date-time string; naive times are Asia/Shanghai (+08:00)."""
    s = s.strip()
    if not s:
        return None
    if re.fullmatch(r"\d{10}(\d{3})?", s):  # epoch seconds / milliseconds
        try:
            dt = datetime.fromtimestamp(int(s[:10]), _SHANGHAI)
        except (OverflowError, OSError, ValueError):
            return None
        return dt.isoformat()
    m = _DATE_RE.search(s)
    if not m:
        return _rfc2822(s)
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    hh = int(m["H"]) if m["H"] else 0
    mi = int(m["M"]) if m["M"] else 0
    ss = int(m["S"]) if m["S"] else 0
    try:
        datetime(y, mo, d, hh, mi, ss)
    except ValueError:
        return None
    tz = m["tz"]
    if not tz:
        tzs = "+08:00"
    elif tz == "Z":
        tzs = "+00:00"
    else:
        tzs = tz if ":" in tz else tz[:3] + ":" + tz[3:]
    return f"{y:04d}-{mo:02d}-{d:02d}T{hh:02d}:{mi:02d}:{ss:02d}{tzs}"


def _rfc2822(s: str) -> str | None:
    """``Mon, 20 May 2024 08:30:00 GMT`` (HTTP / RSS style meta values)."""
    if not re.search(r"\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", s):
        return None
    try:
        dt = parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError):
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=_SHANGHAI)
    return dt.replace(microsecond=0).isoformat()


def parse_date(s: str | None) -> str | None:
    """ISO 8601 date-time (``+08:00`` unless the input states a zone), or None."""
    if not s:
        return None
    try:
        out = _shared_parse_date(s)
    except Exception:  # noqa: BLE001 - fall back to the local parser
        out = None
    return out or _local_parse_date(s)


# ----------------------------------------------------------------------------- titles

_STRONG_SEP = re.compile(r"\s+[|｜\-–—]{1,2}\s+|\s*(?:::|»|›|\|\||｜|\||--+|——)\s*|\s+@\s+")
_WEAK_SEP = re.compile(r"\s*_\s*")
_SITE_LIKE = re.compile(
    r"(?:网|網|站|报|報|频道|頻道|首页|首頁|新闻|新聞|财经|財經|百科|博客|论坛|論壇|社区|社區|客户端|在线|在線|官网|电视台|電視台|日报|晚报|"
    r"\.com|\.cn|\.net|\.org|\.hk|\.tw)$|^[A-Za-z0-9 .!\-]+$",
    re.I,
)
# which page of a long article this is: "(页 1)", "（第2页）", "- 第 3 页"
_PAGE_NUMBER = re.compile(r"\s*(?:[-–—_|]\s*)?[(（]?\s*(?:第\s*\d+\s*[页頁]|[页頁]\s*\d+)\s*[)）]?$")
_UNSPACED_SUFFIX = re.compile(r"^(.{4,}?)\s*[-–—]\s*([^-–—\s]{2,12})$")
# what forum software prints before a copy of the title: a post's subject ("Re: 标题", "回复：标题")
# or the thread's category tag ("[求助] 标题")
REPLY_SUBJECT = re.compile(r"^\s*(?:(?:re|回复|回覆|答复)\s*[:：]|\[[^\]]{1,8}\]|【[^】]{1,8}】)\s*", re.I)
# the rest of a <title> after the article's words: a separator and a short site or board name
_SUFFIX_REST = re.compile(r"\s*[-–—_|｜·]+\s*(\S.{0,15})")


_SENTENCE_MARK = re.compile(r"[，。！？；,!?;]")  # never in a site's name
_SOFTWARE_CREDIT = re.compile(r"\s*(?:[|｜_\-–—]{1,2}|::|»|,)?\s*(?<![A-Za-z])powered\s+by\b.*$", re.I)


def split_title(raw: str) -> tuple[str, str | None]:
    """Split ``文章标题_频道_网站名`` / ``Title - Site`` / ``站名 » 标题`` into (title, site name).

    The title is the first part that does not look like a site or channel name
    (site-like: ends in 网/站/报/频道/.com ..., or is all Latin); the site is the
    last site-like part, else the suffix of a two-part title.
    """
    raw = _WS.sub(" ", raw).strip()
    # the board software's credit closing a forum's title ("… - powered by Discuz! Archiver") names no site
    raw = _SOFTWARE_CREDIT.sub("", raw) or raw
    parts = [p.strip() for p in _STRONG_SEP.split(raw) if p and p.strip()]
    if len(parts) <= 1:
        parts = [p.strip() for p in _WEAK_SEP.split(raw) if p and p.strip()]
    if len(parts) <= 1:
        m = _UNSPACED_SUFFIX.match(raw)
        if m and _SITE_LIKE.search(m.group(2)):
            return m.group(1).strip(), m.group(2)
        return _PAGE_NUMBER.sub("", raw) or raw, None
    non_site = [p for p in parts if len(p) >= 2 and not _SITE_LIKE.search(p)]
    # when every part looks like a name (e.g. all Latin), titles come first
    title = next((p for p in non_site if len(p) >= 4), max(non_site, key=len)) if non_site else parts[0]
    if "_" in title:  # "标题_频道_网站" inside a strongly separated part
        sub = [p.strip() for p in _WEAK_SEP.split(title) if p.strip()]
        if any(_SITE_LIKE.search(p) for p in sub[1:]):
            title, rest = sub[0], sub[1:]
            parts = [title, *rest, *[p for p in parts if p not in (title, "_".join(sub))]]
    parts = [q for p in parts for q in ([p] if p == title else _WEAK_SEP.split(p)) if q.strip()]
    sites = [p for p in parts if p != title and _SITE_LIKE.search(p)]
    if sites:
        site: str | None = sites[-1]
    elif len(parts) == 2:
        site = parts[1] if parts[0] == title else parts[0]
        if _SENTENCE_MARK.search(site):  # "栏目名 | 奋马扬鞭争春色，…": a headline after its column, not a site
            return _PAGE_NUMBER.sub("", raw) or raw, None
    else:
        site = None
    if site:  # "标题_【快资讯】": the brackets are the site's decoration, as in og:site_name
        site = site.strip("【】[]「」 ") or site
    return _PAGE_NUMBER.sub("", title) or title, site


# ----------------------------------------------------------------------------- JSON-LD

_ARTICLE_TYPES = ("article", "newsarticle", "blogposting", "report", "posting", "webpage", "qapage")


def _ld_objects(data: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    stack = [data]
    while stack:
        x = stack.pop()
        if isinstance(x, list):
            stack.extend(x)
        elif isinstance(x, dict):
            out.append(x)
            if "@graph" in x:
                stack.append(x["@graph"])
            for key in ("mainEntity", "mainEntityOfPage"):
                if isinstance(x.get(key), dict):
                    stack.append(x[key])
    return out


def _name(x: Any, depth: int = 0) -> str | None:
    """A person's or publisher's name from JSON-LD (a string, ``{"name": …}`` or a list of them).

    Real markup nests two or three levels; deeper nesting is junk and is not followed.
    """
    if isinstance(x, str):
        return x.strip() or None
    if depth >= 4:
        return None
    if isinstance(x, dict):
        return _name(x.get("name"), depth + 1)
    if isinstance(x, list):
        names = [n for n in (_name(i, depth + 1) for i in x) if n]
        return "、".join(names) if names else None
    return None


@dataclass
class PageMeta:
    """What the head and structured data say about the page."""

    meta: dict[str, str] = field(default_factory=dict)
    title_tag: str | None = None
    h1: str | None = None
    ld: dict[str, Any] = field(default_factory=dict)
    canonical: str | None = None
    time_datetime: str | None = None

    @property
    def article_body(self) -> str | None:
        body = self.ld.get("articleBody")
        return body if isinstance(body, str) and body.strip() else None


def read_meta(root: Any) -> PageMeta:
    """Collect meta tags, JSON-LD, canonical link, <title>, first <h1> and <time datetime>."""
    pm = PageMeta()
    for el in root.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        val = el.get("content")
        if key and val and val.strip():
            pm.meta.setdefault(key.strip().lower(), _WS.sub(" ", val).strip())
    for el in root.iter("link"):
        rel = (el.get("rel") or "").lower().split()
        if "canonical" in rel and el.get("href"):
            pm.canonical = el.get("href").strip()
            break
    for el in root.iter("title"):
        t = _WS.sub(" ", "".join(el.itertext())).strip()
        if t:
            pm.title_tag = t
            break
    for el in root.iter("h1"):
        t = _WS.sub(" ", "".join(el.itertext())).strip()
        if t:
            pm.h1 = t
            break
    for el in root.iter("time"):
        dt = el.get("datetime") or el.get("pubdate")
        if dt and dt.strip():
            pm.time_datetime = dt.strip()
            break
    for el in root.iter("script"):
        if (el.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(el.text or "", strict=False)
        except (ValueError, TypeError, RecursionError):  # broken or absurdly nested JSON-LD: the page's HTML still speaks
            continue
        for obj in _ld_objects(data):
            typ = obj.get("@type")
            types = [t.lower() for t in (typ if isinstance(typ, list) else [typ]) if isinstance(t, str)]
            if not any(t.endswith(a) for t in types for a in _ARTICLE_TYPES):
                continue
            for k in (
                "headline",
                "name",
                "datePublished",
                "dateCreated",
                "author",
                "publisher",
                "articleBody",
                "url",
            ):
                if k in obj and k not in pm.ld:
                    pm.ld[k] = obj[k]
    return pm


def meta_date(pm: PageMeta) -> str | None:
    keys = (
        "article:published_time",
        "og:article:published_time",
        "og:published_time",
        "published_time",
        "pubdate",
        "publishdate",
        "publish_date",
        "publishtime",
        "publish-date",
        "og:release_date",
        "datepublished",
        "date",
        "dc.date.issued",
        "dc.date",
        "dcterms.created",
        "sailthru.date",
        "weibo:article:create_at",
        "article:modified_time",
    )
    for k in keys:
        d = parse_date(pm.meta.get(k))
        if d:
            return d
    for k in ("datePublished", "dateCreated"):
        v = pm.ld.get(k)
        if isinstance(v, str):
            d = parse_date(v)
            if d:
                return d
    return parse_date(pm.time_datetime)


def meta_author(pm: PageMeta) -> str | None:
    for k in ("article:author", "og:article:author", "author", "byl", "dc.creator", "sailthru.author"):
        v = pm.meta.get(k)
        if _plausible_author(v):
            return v
    v = _name(pm.ld.get("author"))
    return v if _plausible_author(v) else None


def meta_source(pm: PageMeta) -> str | None:
    """The source a meta tag names: ``source``, or ``ContentSource``, which government sites' CMS
    (TRS) fills with the outlet an article came from (``<meta name="ContentSource" content="某某日报">``)."""
    for k in ("source", "contentsource"):
        if plausible_source(v := pm.meta.get(k)):
            return v
    return None


def _plausible_author(v: str | None) -> bool:
    """A name for the author: not a URL or a domain, not a number, not a software credit, not a
    keyword list filed under author (several comma-separated parts, one of them no name)."""
    if not v or len(v) > 40 or v.startswith(("http", "www.")):
        return False
    if not re.search(r"[^\W\d_]", v):  # digits / ids only
        return False
    parts = re.split(r"\s*[,，]\s*", v)
    if re.search(r"\.(?:com|cn|net|org|gov|edu)(?:\.|$)", v, re.I) or (
        len(parts) >= 3 and any(len(p) > 6 or re.search(r"[A-Za-z]", p) for p in parts)
    ):
        return False  # a domain ("w3school.com.cn"), or keywords ("学术期刊,某某出版社,Publishers")
    return not re.search(r"\b(?:team|inc|ltd|powered|corporation)\b", v, re.I)


def meta_site(pm: PageMeta) -> str | None:
    # "SiteName": government sites' CMS (TRS) names the site so
    for k in ("og:site_name", "sitename", "application-name", "apple-mobile-web-app-title"):
        v = pm.meta.get(k)
        if v:
            return v.strip("【】[]「」 ") or v
    return _name(pm.ld.get("publisher"))


def _sq(text: str | None) -> str:
    return re.sub(r"[\W_]+", "", text or "")


def meta_title(pm: PageMeta) -> tuple[str | None, str | None]:
    """(title, site suffix from the <title>)."""
    tag = pm.title_tag
    site_hint = pm.meta.get("og:site_name")
    tag_title, tag_site = (None, None)
    if tag:
        tag_title, tag_site = split_title(tag)
        if tag_site is None:
            # "标题 站名": a site name (og:site_name, or an <h1> logo) glued after a space
            for cand in (site_hint, pm.h1):
                if cand and len(tag) > len(cand) + 3 and tag.endswith(" " + cand):
                    tag_title, tag_site = tag[: -len(cand)].rstrip(" -_|｜·:：—–"), cand
                    break
    # "ArticleTitle": government sites' CMS (TRS) gives the bare headline so
    og = pm.meta.get("og:title") or pm.meta.get("twitter:title") or pm.meta.get("articletitle")
    headline = pm.ld.get("headline") if isinstance(pm.ld.get("headline"), str) else None
    h1 = pm.h1 if pm.h1 and 2 <= len(pm.h1) <= 120 else None
    if h1 and tag and tag_site is None:
        # "[求助]标题" over "标题-杭州19楼": the <h1> without its tag says where the site's name starts
        bare = REPLY_SUBJECT.sub("", h1)
        tagged = bare != h1  # only a tag removed from the <h1> says the <title> goes on with the site
        m = _SUFFIX_REST.fullmatch(tag[len(bare):]) if tagged and len(bare) >= 4 and tag.startswith(bare) else None
        if m:
            return bare, m.group(1)
    if h1 and tag_title:
        # an <h1> that is the <title>'s article part is the title without decoration
        a, b = _sq(h1), _sq(tag_title)
        if a and (a == b or b in a or (a in b and len(a) >= 0.6 * len(b))):
            return h1, tag_site
    for cand in (og, headline):
        if cand:
            t, s = split_title(cand)
            return t, tag_site or s
    if tag_title:
        return tag_title, tag_site
    return h1, tag_site


def canonical_url(pm: PageMeta, url: str | None) -> str | None:
    for cand in (
        pm.canonical,
        pm.meta.get("og:url"),
        pm.ld.get("url") if isinstance(pm.ld.get("url"), str) else None,
    ):
        if cand and not cand.startswith(("javascript:", "#")):
            return urljoin(url, cand) if url else cand
    return url


# ----------------------------------------------------------------------------- text cues

def text_cues(lines: list[str], date_lines: list[str] | None = None) -> dict[str, str]:
    """``source`` / ``author`` / ``editor`` / ``date`` found in lines near the title or at the body's ends.

    Fields are read by :mod:`pipeline.extract.byline` and :mod:`pipeline.extract.news_credit`, the
    text extractor's readers (labelled fields first, then a news credit); the first line that gives a
    field wins.
    The date comes from ``date_lines`` when the caller gives them (the lines around a title
    that are not the body's own sentences), else from the short ``lines``.
    """
    out: dict[str, str] = {}
    dated = date_lines if date_lines is not None else [line for line in lines if len(line) <= 200]
    if day := publication_date(dated):
        out["date"] = day
    for line in lines:
        fields = credit(line)
        if len(line) <= 200:
            fields.update(parse_byline(line))
        for key, value in fields.items():
            out.setdefault(key, value)
    return out
