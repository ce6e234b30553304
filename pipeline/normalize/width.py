"""Width, punctuation and whitespace: the last, purely typographic step.

It runs last because every earlier step needs the raw signal: the mojibake
repair needs full-width forms and ``?`` debris as they were, the lost-character
step needs ``?`` before it is turned into ``？``.

Rules (each a precompiled regex or translate table; a paragraph without the
trigger characters costs one C-level scan):

* invisible characters (zero-width, BOM, soft hyphen, C0/C1 controls) are removed;
  U+3000, NBSP, the other Unicode spaces and tabs become one ASCII space;
* full-width ASCII letters and digits (``Ａ``, ``１``) become half-width;
  Chinese punctuation stays full-width;
* ASCII ``, ; : ! ?`` right after a Han character become ``，；：！？``, except
  ``:`` starting ``://`` and ``?`` followed by ASCII (``页面?id=3``); ASCII
  punctuation inside Latin text, numbers (``1,000``, ``12:30``), URLs
  (``http://a.com/?q=1``) and e-mail addresses is never preceded by a Han
  character, so it is untouched;
* ``, ; : ! ?`` between a Latin word, a code or a quote and a Han character
  (``App,随后``) become full-width too: the mark belongs to the Chinese sentence;
* ASCII parentheses whose content contains Han become ``（）``; ``(2024)``,
  ``(ABC)`` keep ASCII parentheses;
* quotes pair up within a text unit: straight ``"`` around Chinese become ``“”``, and
  a unit that writes both ends with the closing mark (``”暴力”``) gets its opening
  marks back; Markdown's ``**emphasis**`` marks around Chinese go;
* spaces: runs collapse to one, none at the ends or next to Chinese punctuation;
  letter-spaced characters (``中 国 人 民``) are joined.

**Gaps.** Chinese does not separate words with spaces, so a space between two
Han characters is a separator the page meant: between a headline's phrases
(``李强在新疆调研时强调 彰显特色优势 提高开放水平``), between names
(``记者 岳品瑜 董晗萱``), a caption's credit (``李尕 摄``), a poster's pause in
place of a comma - or the place where a word was deleted (``打 说要上门``: a
censored or stripped term). Joining it runs phrases and names together (an
earlier version did, and a review of real output found it on a fifth of the
pages), so it stays, as one space. Inside a sentence (a line holding ``，。；！？``)
it may be a deleted word: the document is flagged ``gap`` with
``normalize_changes['gap']`` counting such spaces, for the reviewer to look at.
"""

from __future__ import annotations

import re
from collections import Counter

from pipeline.chars import HAN, INVISIBLE

_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
_SPACE_RE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\r]")
_FW_ALNUM_RE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_FW_TABLE = {cp: cp - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for cp in range(r[0], r[1] + 1)}

_H = f"[{HAN}□]"
# Left context for punctuation: Han, or a Chinese closing quote/bracket (“客服中心”,选择).
_HL = f"[{HAN}□”’」』）】》]"
# Each pattern starts with a literal (so the regex engine scans with a fast literal
# search) and checks the preceding Han character with a fixed-width lookbehind
# placed *after* the literal; a leading lookbehind would be tried at every position.
# ... or a Latin word, a code, a straight quote or an emphasis mark closing right before Chinese
# ("App,随后", "134XXXXXXXX,后", "…调查",这"): the mark belongs to the Chinese sentence that goes on
_LL = '[A-Za-z0-9%"*]'
_PUNCT_RULES = [
    (",", re.compile(f",(?:(?<={_HL},)|(?<={_HL} ,)|(?<=[0-9%],)(?= ?{_H})|(?<={_LL},)(?={_H})) ?"), "，"),
    (";", re.compile(f";(?:(?<={_HL};)|(?<={_HL} ;)|(?<=[0-9%];)(?= ?{_H})|(?<={_LL};)(?={_H})) ?"), "；"),
    ("!", re.compile(f"!(?:(?<={_HL}!)|(?<={_HL} !)|(?<={_LL}!)(?={_H})) ?"), "！"),
    (":", re.compile(f":(?:(?<={_HL}:)|(?<={_HL} :)|(?<=[0-9%]:)(?= ?{_H})|(?<={_LL}:)(?={_H}))(?!//) ?"), "："),
    # (not before ASCII, "页面?id=3", but before a straight quote closing the speech: "怎么办啊?"听得")
    ("?", re.compile(f"\\?(?:(?:(?<={_HL}\\?)|(?<={_HL} \\?))(?![\\x21\\x23-\\x7e])|(?<={_LL}\\?)(?={_H})) ?"), "？"),
]
# Markdown's emphasis left in a scrape ("1. **平台的催收政策**:"): the marks go, the words stay. Only
# around words with Chinese, opening after a space, a mark or the line's start: a masked number or
# name (138****1234, 张**和李**) keeps its stars.
_EMPHASIS_RE = re.compile(
    f"(?<![*0-9A-Za-z{HAN}])\\*\\*(?=[^*\\s])([^*\\n]{{0,80}}?[{HAN}][^*\\n]{{0,80}}?)(?<=[^*\\s])\\*\\*(?!\\*)"
)
_HAN_CHAR = re.compile(f"[{HAN}]")
_PAREN_RE = re.compile(f"\\(([^()\\n]{{0,200}}?[{HAN}][^()\\n]{{0,200}}?)\\)")

_MULTI_SPACE_RE = re.compile("  +")
# quotes and title marks may stand after a separating space: a headline's two phrases ("土豆不“土” 土豆无“土”"),
# "中国 《民法典》"; a space next to other punctuation, or inside the marks, goes
_OPEN = "“‘「『《〈"
_CLOSE = "”’」』》〉"
_P_OTHER = "[，。、；：？！（）【】…]"
_PUNCT_SPACE_RE = re.compile(
    f" (?={_P_OTHER})|(?<![{HAN}□{_CLOSE}]) (?=[{_OPEN}])| (?<={_P_OTHER} )| (?<=[{_CLOSE}] )(?![{HAN}□{_OPEN}])"
    f"| (?<=[{_OPEN}] )| (?=[{_CLOSE}])"
)
_GAP_RE = re.compile(f" (?<={_H} )(?={_H})")
# three or more single characters, one space between each: letter-spacing, not separated phrases
_LETTER_SPACED_RE = re.compile(f"(?<!{_H}){_H}(?: {_H}(?!{_H})){{2,}}")
_SENTENCE_MARK_RE = re.compile("[，。；！？]")
_INVISIBLE_OR_SPACE_RE = re.compile(f"[{INVISIBLE}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\r]")


def clean_invisible(text: str) -> tuple[str, Counter[str]]:
    """Remove zero-width and control characters; fold U+3000, NBSP and other spaces to ' '."""
    changes: Counter[str] = Counter()
    if not _INVISIBLE_OR_SPACE_RE.search(text):
        return text, changes
    text, n = _INVISIBLE_RE.subn("", text)
    if n:
        changes["invisible"] += n
    text, n = _SPACE_RE.subn(" ", text)
    if n:
        changes["space_folded"] += n
    return text, changes


# A number's own signs written full-width: the point between digits, the percent sign after a digit
# (``1375．50元``, ``18．2％``). The colon stays: between digits it is a time's as often as a label's
# (``情形1：3个月``).
_FW_NUMBER_SIGN_RE = re.compile("(?<=[0-9])．(?=[0-9])|(?<=[0-9])％")
_FW_NUMBER_SIGNS = {"．": ".", "％": "%"}


# A word's or an address's own signs written full-width between Latin letters or digits (``Ｗｉ－Ｆｉ``,
# ``ｅｘａｍｐｌｅ．ｃｏｍ``, ``ｈｔｔｐｓ：／／``): they belong to the Latin text, as its letters do.
# (not ～: between numbers it is the Chinese range sign, 第1～3天)
_FW_LATIN_SIGN_RE = re.compile("(?<=[0-9A-Za-z])[－／．＿＠＃＆＋＝](?=[0-9A-Za-z])|(?<=[A-Za-z])：／／(?=[0-9A-Za-z])")
_FW_SIGN_TABLE = {ord(c): ord(c) - 0xFEE0 for c in "－／．＿＠＃＆＋＝："}


def fold_width(text: str) -> tuple[str, Counter[str]]:
    """Full-width ASCII letters and digits to half-width (``ＡＢＣ１２３`` -> ``ABC123``), and a number's
    full-width point and percent sign with them (``18．2％`` -> ``18.2%``), and the signs between
    Latin letters (``Ｗｉ－Ｆｉ`` -> ``Wi-Fi``)."""
    changes: Counter[str] = Counter()
    folded = False
    if _FW_ALNUM_RE.search(text):
        changes["width"] += len(_FW_ALNUM_RE.findall(text))
        text = text.translate(_FW_TABLE)
        folded = True
    if "．" in text or "％" in text:
        text, n = _FW_NUMBER_SIGN_RE.subn(lambda m: _FW_NUMBER_SIGNS[m.group(0)], text)
        changes["width"] += n
    if folded:
        text, n = _FW_LATIN_SIGN_RE.subn(lambda m: m.group(0).translate(_FW_SIGN_TABLE), text)
        changes["width"] += n
    return text, changes


def fix_quotes(line: str) -> tuple[str, int]:
    """Quotation marks in pairs (one text unit): straight ``"`` around Chinese become ``“”``, and a unit
    that writes both ends of its quotes with the same curly mark (``贴着”暴力不是手段”的标语``) gets
    its opening ones back. Only where the marks pair up in the unit; an odd count is left alone."""
    n = 0
    if line.count('"') >= 2 and line.count('"') % 2 == 0:
        parts = line.split('"')
        out = [parts[0]]
        for k in range(1, len(parts), 2):
            inner, after = parts[k], parts[k + 1]
            if _HAN_CHAR.search(inner) or _HAN_CHAR.match(after[:1]) or _HAN_CHAR.match(out[-1][-1:]):
                out.append(f"“{inner}”{after}")
                n += 2
            else:
                out.append(f'"{inner}"{after}')
        line = "".join(out)
    for wrong, right, keep in (("”", "“", "“"), ("“", "”", "”")):
        if keep not in line and line.count(wrong) >= 2 and line.count(wrong) % 2 == 0:
            parts = line.split(wrong)
            line = parts[0] + "".join((right if k % 2 else wrong) + parts[k] for k in range(1, len(parts)))
            n += line.count(right)
    return line, n


def fix_punctuation(text: str) -> tuple[str, Counter[str]]:
    """ASCII ``, ; : ! ?`` right after a Han character (or a space after one) to full-width, and ``, ; :``
    between a number and Chinese (``下跌7%,主要``); parentheses around Han to ``（）``.

    Never touches punctuation preceded by Latin letters or symbols, or between digits, so
    ``1,000``, ``12:30``, ``What?``, ``http://a.com/?q=1`` and e-mail addresses survive;
    ``:`` before ``//`` and ``?`` before ASCII (``页面?id=3``) stay ASCII as well.
    """
    changes: Counter[str] = Counter()
    if "**" in text:
        text, n = _EMPHASIS_RE.subn(r"\1", text)
        if n:
            changes["punctuation"] += 2 * n
    # (a text whose curly quotes balance and that has no straight ones has nothing to pair up)
    if '"' in text or text.count("“") != text.count("”"):
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if '"' in line or "”" in line or "“" in line:
                lines[i], n = fix_quotes(line)
                changes["punctuation"] += n
        text = "\n".join(lines)
        if not changes["punctuation"]:
            del changes["punctuation"]
    if "(" in text:  # first: a mark after the brackets then follows a Chinese one ("（…）,否则")
        text, n = _PAREN_RE.subn(r"（\1）", text)
        if n:
            changes["punctuation"] += 2 * n
    for mark, pattern, full in _PUNCT_RULES:
        if mark in text:
            text, n = pattern.subn(full, text)
            if n:
                changes["punctuation"] += n
    return text, changes


def fix_spaces(text: str) -> tuple[str, Counter[str]]:
    """Collapse spaces; none at line ends or next to Chinese punctuation. A space between two Han
    characters stays (counted as ``gap`` inside a sentence); letter-spaced characters are joined."""
    changes: Counter[str] = Counter()
    if " " not in text:
        return text, changes
    n = 0
    if "  " in text:
        text, k = _MULTI_SPACE_RE.subn(" ", text)
        n += k
    if " \n" in text or "\n " in text:
        k = text.count(" \n") + text.count("\n ")
        text = text.replace(" \n", "\n").replace("\n ", "\n")
        n += k
    if text[:1] == " " or text[-1:] == " ":
        n += 1
        text = text.strip(" ")
    text, k = _PUNCT_SPACE_RE.subn("", text)
    n += k
    if n:
        changes["space"] += n
    if _LETTER_SPACED_RE.search(text):  # "中 国 人 民 银 行": a heading spaced out letter by letter
        text, k = _LETTER_SPACED_RE.subn(lambda m: m.group(0).replace(" ", ""), text)
        changes["space"] += k
    k = sum(1 for line in text.split("\n") if _SENTENCE_MARK_RE.search(line) for _ in _GAP_RE.finditer(line)) \
        if _GAP_RE.search(text) else 0
    if k:
        changes["gap"] += k
    return text, changes


def normalize_width(text: str) -> tuple[str, Counter[str]]:
    """All typographic rules in their order: invisible, width, punctuation, spaces."""
    total: Counter[str] = Counter()
    for step in (clean_invisible, fold_width, fix_punctuation, fix_spaces):
        text, c = step(text)
        total.update(c)
    return text, total
