"""What every scrape line family reads off a folded line: sentence ends, quotes, plain length, counters, stamps.

The family modules (:mod:`.credit_lines`, :mod:`.ad_lines`, :mod:`.widget_lines`) and the
context rules measure a folded line the same way; these helpers live here once so that
"a sentence", "a bare date" or "a counter" mean the same thing in every rule.
"""

from __future__ import annotations

import re
import unicodedata

#: A folded line that ends like a sentence, or holds one before more text.
SENTENCE_END = re.compile(r"[。;!?…]$|[。;](?=.)")
_QUOTED = re.compile(r"“[^”]{0,60}”|\"[^\"]{0,60}\"|「[^」]{0,60}」|‘[^’]{0,60}’")


def unquoted(f: str) -> str:
    """A folded line without its quoted spans: a sentence quoting a site's notice ("文末写着“如有侵权请联系
    删除”，但这句话…") or an ad's words ("“低息秒批”的广告") talks about them and is the article's."""
    return _QUOTED.sub("“”", f) if "“" in f or '"' in f or "「" in f or "‘" in f else f


BULLETS = "▲△▼■□●◆◇*·•※→"

# "56 跟贴 56", "阅读 1.2万 · 评论 3", "👍 12": counters with no words of their own
_COUNT = r"(?>[\d.,]+)\s*[万千wWkK]?\+?\s*次?"  # atomic: "12,345" has one reading, not 2^n
_COUNTER_WORD = (
    r"(?:(?:跟贴|跟帖|评论|阅读|浏览|点赞|获赞|赞|收藏|分享|转发|回复|回答|提问|关注|粉丝|文章|采纳|主题|帖子|积分"
    r"|访问|排名|点击|人气|热度|被浏览|关注者|赞同|好问题)[数量率]?|人看过|次浏览|次阅读|views?|likes?|comments?|replies"
    r"|followers)"
)
COUNTERS = re.compile(
    rf"(?>(?:{_COUNT})?\s*{_COUNTER_WORD}\s*[::]?\s*(?:{_COUNT})?\s*[|·•/,]?\s*)+"
)

AGO = r"\d+\s*(?:秒|分钟|小时|天|周|个月)前"  # "3 小时前"

BAR = re.compile(r"\s*[|｜︱]\s*")

ADVICE = re.compile(r"骗|诈|不要|别(?!忘)|千万|小心|谨慎|警惕|对方|时候|吗")

_STAMP = re.compile(
    r"(?:(?:19|20)\d{2}\s*[-/.年]\s*)?\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}:\d{2}(?::\d{2})?|"
    rf"{AGO}|刚刚|昨天|前天|今天"
)


def is_bare_stamp(f: str) -> bool:
    """A folded line that is only a date, a time or a count: the meta line of a list entry."""
    if not f or len(f) > 40:
        return False
    if f.isdigit() or (any(c.isdigit() for c in f) and COUNTERS.fullmatch(f)):
        return True
    rest = _STAMP.sub("", f)
    return rest != f and plain_len(rest) == 0


def plain_len(f: str) -> int:
    """Length without spaces and punctuation (what a reader would call the line's text)."""
    return sum(1 for c in f if not c.isspace() and unicodedata.category(c)[0] not in "PSZ")


def strip_frame(f: str) -> str:
    """The line without leading bullets and one pair of enclosing parentheses/brackets."""
    f = f.lstrip(BULLETS + " ")
    if len(f) >= 2 and f[0] in "([【" and f[-1] in ")]】":
        f = f[1:-1].strip()
    return f
