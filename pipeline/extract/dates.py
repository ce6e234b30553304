"""Find a publication date/time in a line of scraped text.

:func:`parse_date` returns ISO 8601: ``YYYY-MM-DD`` for a date alone,
``YYYY-MM-DDTHH:MM[:SS]±HH:MM`` when a time is present. Times without a stated
zone are taken as Asia/Shanghai (``+08:00``), the zone of the sites we scrape.

Accepted shapes (separators may be surrounded by spaces, full-width forms are
folded by NFKC first)::

    2024-01-31 16:45:12      2024/01/31      2024.01.31      2024 12/ 08 11:31:43
    2024年1月31日 16:45       2024年01月31日16时45分      2024-01-31T16:45:12Z
    2024-01-31 16:45 UTC+8   2024-01-31 下午4:45

Taiwan's 民國 years: ``民國113年5月2日``, ``資料更新日期：113-05-02`` (a three-digit year needs the era
or a date label before it). The en-US ``9/17/2004 5:54:13 AM`` when its day is past 12.

Not handled (returns ``None``): relative dates (``3小时前``, ``昨天``), other dates
without a four-digit year, day-first / month-first numeric dates that could be either
(``10/09/2005``, ``5/6/2021 12:30 PM``), Chinese-numeral years (``二〇二四年``).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone

from pipeline.chars import WELCOME

SHANGHAI = timezone(timedelta(hours=8))

_DATE = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d{2})"
    r"(?:\s*(?P<s1>[-/.年])\s*|\s+(?P<s1w>))"
    r"(?P<m>\d{1,2})"
    r"(?:\s*(?P<s2>[-/.月])\s*|\s+)"
    # (an ISO date's two-digit day glued to a counter: "要账2024-06-232193", 2193 views)
    r"(?P<d>\d{1,2}(?!\d)|(?<=\d-\d\d-)\d\d(?=\d{1,6}(?![\d:])))\s*(?:日|号)?"
    # the weekday Taiwan and Hong Kong pages print between date and time: "週二", "(二)", "星期二"
    r"(?:\s*[(（]?(?:星期|週|周|礼拜|禮拜)[一二三四五六日天][)）]?|\s*[(（][一二三四五六日][)）])?"
    r"(?:(?:\s*|T|\s*[,,]\s*)(?P<ampm>上午|下午|晚上|凌晨|早上|中午|am|pm)?\s*"
    r"(?P<H>\d{1,2})\s*[:时点]\s*(?P<M>\d{2})"
    r"(?:\s*[:分]\s*(?P<S>\d{2})(?:\.\d+)?\s*秒?)?(?!\d)"
    r"(?:\s*(?P<z>(?:UTC|GMT)\s*[+-]\d{1,2}(?::?\d{2})?(?!\d)|UTC|GMT)|(?P<z2>Z(?![a-z])|[+-]\d{2}:?\d{2}(?!\d)))?)?",
    re.IGNORECASE,
)


def _zone(text: str | None) -> timezone:
    if not text:
        return SHANGHAI
    t = text.strip().upper().replace("UTC", "").replace("GMT", "").strip()
    if t in ("", "Z"):
        return UTC
    m = re.fullmatch(r"([+-])(\d{1,2})(?::?(\d{2}))?", t)
    if not m:
        return SHANGHAI
    sign = -1 if m.group(1) == "-" else 1
    hours, minutes = int(m.group(2)), int(m.group(3) or 0)
    if hours > 14 or minutes > 59:
        return SHANGHAI
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _consistent(m: re.Match[str]) -> bool:
    """Reject shapes that are not dates: ``年`` must go with ``月``; mixed numeric separators only with spaces."""
    s1, s2 = m.group("s1"), m.group("s2")
    if s1 == "年" or s2 == "月":
        return s1 == "年" and s2 == "月"
    if s1 == "." or s2 == ".":
        # 2024.01.31 - a dotted date keeps dots (avoids version numbers / decimals like 2024.5 3)
        return s1 == s2 == "."
    return True


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MON = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
        r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?")
# a weekday a blog prints between the day and the year: "Dec 28 Sat 2013 00:28"
_WEEKDAY = (r"(?:\s+(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs?(?:day)?)?|fri(?:day)?|sat(?:urday)?"
            r"|sun(?:day)?)\.?,?)?")
# English dates, as Hong Kong, Taiwan and blog software print them: "16 Sep, 2025", "23 JUN 2025",
# "September 10th, 2005 10:56 am", "Dec 28 Sat 2013 00:28" (a month name is never ambiguous, unlike 10/09/2005)
ENGLISH_DATE = re.compile(
    rf"(?<![\w])(?:(?P<d1>\d{{1,2}})\s+{_MON},?|{_MON.replace('mon>', 'mon2>')}\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?{_WEEKDAY})"
    r"\s+(?P<y>(?:19|20)\d{2})(?![\da-z])"
    r"(?:,?\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>am|pm)?"
    r"(?:\s*(?P<z>(?:GMT|UTC)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|Z|[+-]\d{2}:?\d{2}))?(?![\w]))?",
    re.IGNORECASE,
)


# a cheap test first (a single character class, no alternation): an English date puts a day and a
# month's name side by side ("16 Sep", "Sep. 16"); most lines of a Chinese page have no such pair
ENGLISH_HINT = re.compile(r"\d\s+[A-Za-z]|[A-Za-z]\.?\s+\d")


def _english_date(folded: str) -> tuple[str, tuple[int, int]] | None:
    if not ENGLISH_HINT.search(folded):
        return None
    for m in ENGLISH_DATE.finditer(folded):
        month = _MONTHS.index((m.group("mon") or m.group("mon2"))[:3].lower()) + 1
        try:
            day = date(int(m.group("y")), month, int(m.group("d1") or m.group("d2")))
        except ValueError:
            continue
        if m.group("H") is None:
            return day.isoformat(), m.span()
        hour, ampm = int(m.group("H")), (m.group("ampm") or "").lower()
        hour += 12 if ampm == "pm" and hour < 12 else -12 if ampm == "am" and hour == 12 else 0
        try:
            stamp = datetime(day.year, day.month, day.day, hour, int(m.group("M")), int(m.group("S") or 0),
                             tzinfo=_zone(m.group("z")))  # "Mon, 20 May 2024 23:30:00 GMT": HTTP's form
        except ValueError:
            return day.isoformat(), (m.start(), m.start("H"))
        return stamp.isoformat(), m.span()
    return None


# Taiwan's official calendar counts years from 1912 (民國 1): "民國113年5月2日", and a labelled field of a
# government page, "資料更新日期：113-05-02", "發布時間：113/05/02". A three-digit year alone is not a date
# ("113-05-02" may be a number), so it needs the era, or a date label right before it, a zero-padded
# month and day (a version "更新:113.1.2" is no date) and three digits (a mainland "发布时间：99-05-20" is 1999).
_ROC_ERA = 1911
_ROC_DATE = re.compile(
    r"(?:中華民國|中华民国|民國|民国)\s*(?P<y>\d{2,3})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    r"|(?:日期|時間|时间|更新|發布|发布|發佈)\s*[:]\s*(?P<y2>1\d{2})\s*(?P<s>[-/.])\s*(?P<m2>\d{2})\s*(?P=s)\s*(?P<d2>\d{2})(?![\d.])"
)
_ROC_FIRST_YEAR = 80  # 1991: older pages are not on the web with a dated byline


def minguo_date(folded: str) -> tuple[str, tuple[int, int]] | None:
    """``(iso, span)`` of the first 民國 date in an NFKC-folded line whose year the web can hold, or ``None``."""
    if "民" not in folded and ":" not in folded:
        return None
    for m in _ROC_DATE.finditer(folded):
        year = int(m.group("y") or m.group("y2"))
        if not _ROC_FIRST_YEAR <= year <= date.today().year - _ROC_ERA + 1:
            continue
        try:
            day = date(year + _ROC_ERA, int(m.group("m") or m.group("m2")), int(m.group("d") or m.group("d2")))
        except ValueError:
            continue
        # the span holds the era ("民國113年5月2日") but not a label ("日期:" before "113-05-02"), as a
        # Gregorian date's holds no label: what is left of a dateline is its labels and fields
        return day.isoformat(), (m.start() if m.group("y") else m.start("y2"), m.end())
    return None


# the en-US form of .NET and other server defaults, month first with a 12-hour clock: "9/17/2004 5:54:13 AM";
# only when the day cannot be the month (Hong Kong's en-HK prints "5/6/2021 12:30 PM" day first)
_US_CLOCK_DATE = re.compile(
    r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d{2})\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?"
    r"\s*(?P<ampm>am|pm)(?![a-z])(?:\s*(?P<z>(?:GMT|UTC)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?))?",
    re.IGNORECASE,
)


def _us_clock_date(folded: str) -> tuple[str, tuple[int, int]] | None:
    if "/" not in folded:
        return None
    for m in _US_CLOCK_DATE.finditer(folded):
        hour = int(m.group("H"))
        if not 1 <= hour <= 12 or int(m.group("d")) <= 12:
            continue
        hour = hour % 12 + (12 if m.group("ampm").lower() == "pm" else 0)
        try:
            stamp = datetime(int(m.group("y")), int(m.group("m")), int(m.group("d")), hour, int(m.group("M")),
                             int(m.group("S") or 0), tzinfo=_zone(m.group("z")))
        except ValueError:
            continue
        return stamp.isoformat(), m.span()
    return None


def find_date(text: str) -> tuple[str, tuple[int, int]] | None:
    """Return ``(iso, (start, end))`` for the first valid date in ``text`` (span in the NFKC-folded text).

    Numeric and Chinese forms first; then an English date with its month's name, the en-US
    ``9/17/2004 5:54:13 AM``, and a date of Taiwan's 民國 calendar (with the era, or a date label
    before a three-digit year).
    """
    folded = unicodedata.normalize("NFKC", text)
    for reader in (_numeric_date, _english_date, _us_clock_date, minguo_date):
        if (found := reader(folded)) is not None:
            return found
    return None


def _numeric_date(folded: str) -> tuple[str, tuple[int, int]] | None:
    for m in _DATE.finditer(folded):
        if not _consistent(m):
            continue
        try:
            day = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        if m.group("H") is None:
            return day.isoformat(), m.span()
        hour, minute = int(m.group("H")), int(m.group("M"))
        second = int(m.group("S") or 0)
        ampm = (m.group("ampm") or "").lower()
        if ampm in ("下午", "晚上", "pm") and hour < 12:
            hour += 12
        elif ampm in ("凌晨", "am", "上午", "早上") and hour == 12:
            hour = 0
        try:
            stamp = datetime(
                day.year,
                day.month,
                day.day,
                hour,
                minute,
                second,
                tzinfo=_zone(m.group("z") or m.group("z2")),
            )
        except ValueError:
            return day.isoformat(), (m.start(), m.start("H"))
        return stamp.isoformat(), m.span()
    return None


def parse_date(text: str) -> str | None:
    """The first date/time found in ``text`` as ISO 8601 (``+08:00`` unless a zone is stated), or ``None``."""
    found = find_date(text)
    return found[0] if found else None


def canonical(iso: str | None) -> tuple[str | None, str | None]:
    """``(timestamp, precision)``: one comparable form for every date the pipeline publishes.

    Always ``YYYY-MM-DDTHH:MM:SS+08:00``: a date alone becomes its midnight in
    China Standard Time (precision ``day``), a time with another offset is
    converted (precision ``time``). With a single offset every value compares
    with every other, as datetimes and as plain strings; mixing ``2024-01-31``
    with ``2024-01-31T09:00:00+00:00`` made sorting raise for consumers.
    """
    if not iso:
        return None, None
    try:
        if len(iso) == 10:
            day = date.fromisoformat(iso)
            return datetime(day.year, day.month, day.day, tzinfo=SHANGHAI).isoformat(), "day"
        stamp = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None, None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=SHANGHAI)
    try:
        return stamp.astimezone(SHANGHAI).replace(microsecond=0).isoformat(), "time"
    except OverflowError:  # year 1 or 9999 shifted out of range
        return None, None


# a date shown relative to the reader's day ("3 日前", "1y ago", "前天"); never resolved here (the
# crawl time is not the page's), only recognised where a page keeps the full date beside it
RELATIVE_DATE = re.compile(
    r"\d+\s*(?:秒|分钟|分鐘|小时|小時|天|日|周|週|个月|個月|年)前|\d+\s*[smhdwy]\s+ago|刚刚|剛剛|昨天|前天", re.I
)
# attributes where page software keeps the full form of a date it shows as "3 日前" / "1y ago"
_DATE_ATTR = re.compile(r"^(?:title|created|ts)$|time|date|tip", re.I)


def attribute_date(attrib: dict[str, str]) -> tuple[str, str] | None:
    """``(iso, value)`` of the first date held in an element's date-like attribute
    (``datetime``, ``title``, ``data-tip``, ``created``), or ``None``."""
    for name, value in attrib.items():
        if _DATE_ATTR.search(name) and (found := find_date(value)):
            return found[0], value
    return None


# ----------------------------------------------------------------------------- the publication's date among a page's

# the label of the first publication, which wins over an update time on the same line
_PUBLISHED_LABEL = re.compile(
    r"(?:发布|發布|發佈|发表|發表|首发|首發)(?:时间|時間|日期|于|於)?\s*[:：]?|原(?:时间|時間|日期)\s*[:：]?"
)
# an update's label ("最后更新于", "修改时间"): a date after it is the publication's only when no other is given
_UPDATE_LABEL = re.compile(r"更新|修改|編輯於|编辑于|最后编辑")
# today's date in a page header ("今天是2025年1月8日 星期三"): never the article's
_TODAY = re.compile(r"^\s*(?:今天是|今日是|今天|今日\s*[:：]|当前日期|當前日期|现在是|現在是)")
# ... or beside the site's greeting: "2023年5月1日 星期一 欢迎访问某某网"
_WELCOME = re.compile(WELCOME)
# a date label opening a line, in English or Chinese: " date 2026-01-23 年近岁晚……"
LEADING_DATE_LABEL = re.compile(r"^\s*(?:date|日期|发布日期|發布日期|發佈日期)\s*[:：]?\s*(?=\d)", re.I)


def line_date(line: str) -> str | None:
    """The publication date a meta line gives: after its publication label when it has one
    (``更新时间:2026-01-28 14:09 ,原时间:2026-01-27 14:58`` -> the 27th), else its first date."""
    if _TODAY.match(line) or _WELCOME.search(line):
        return None
    if m := _PUBLISHED_LABEL.search(line):
        found = parse_date(line[m.end() :])
        if found:
            return found
    return parse_date(line)


def publication_date(lines: list[str]) -> str | None:
    """The publication date of a page's meta lines: a line labelled as the publication's first,
    then one that is no update's, then any (``本文最后更新于 …`` above ``首发于 …``)."""
    dated = [(line, d) for line in lines if (d := line_date(line))]
    for wanted in (lambda x: _PUBLISHED_LABEL.search(x), lambda x: not _UPDATE_LABEL.search(x), lambda x: True):
        found = next((d for line, d in dated if wanted(line)), None)
        if found:
            return found
    return None


# a post's footer opens with its label: "发表于 2004年12月27日 12:40 - (阅读:3727)", "发布于 2024-04-03 09:55・IP 属地重庆"
_POSTED = re.compile(r"\s*(?:posted\s+(?:on|at)|(?:发表|發表|发布|發布|發佈)(?:于|於|时间|時間|日期)\s*[:：]?)", re.I)


def posted_date(lines: list[str]) -> str | None:
    """The date of a post's footer under its text, a line that opens with the publication's label
    (``发表于 2004年12月27日 12:40 - (阅读:3727)``): a comment's header names its writer first
    (``小王 发表于 …``), a related or next article its title (``上一篇：…发布… 2016-08-24``)."""
    for line in lines:
        if (m := _POSTED.match(line)) and (found := parse_date(line[m.end() :])):
            return found
    return None


def leading_date_span(line: str) -> tuple[str, int] | None:
    """``(date, end)`` of the date a body line opens with after a date label (``date 2026-01-23 年近岁晚……``):
    the date and where the rest of the line begins, or None."""
    m = LEADING_DATE_LABEL.match(line)
    if not m:
        return None
    found = find_date(line[m.end() : m.end() + 30])
    return (found[0], m.end() + found[1][1]) if found and found[1][0] == 0 else None


def leading_date(line: str) -> str | None:
    """The date a body line opens with after a date label (``date 2026-01-23 年近岁晚……``), if any."""
    span = leading_date_span(line)
    return span[0] if span else None


def without_leading_date(line: str) -> str:
    """The line without the date label and date it opens with (``date 2026-01-23 年近岁晚……`` -> ``年近岁晚……``):
    the date is the page's metadata, the rest its first sentence."""
    span = leading_date_span(line)
    return (line[span[1] :].strip() or line) if span else line
