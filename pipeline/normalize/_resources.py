"""Process-wide, lazily built resources shared by the normalisation steps.

Everything here is expensive to build and cheap to share, so each resource is
built once per process on first use (:func:`functools.cache`). The word model is
the ONE jieba dictionary of the process: the tagging stage's tokenizer
(:func:`pipeline.tag.segment.tokenizer`), domain words included. The tables
derived from dictionaries (the character model, the pinyin indexes) are also
kept on disk by :mod:`pipeline.resource_cache`, so a worker process loads them in
milliseconds instead of deriving them again.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from functools import cache, lru_cache

import opencc

from pipeline.chars import CJK_PUNCT

# Log-probability given to non-Han characters when scoring text: ASCII and
# punctuation are neither evidence for nor against a decoding.
NEUTRAL_LOGP = -7.0
UNKNOWN_LOGP = -20.0
STRAY_ASCII_LOGP = -11.0
BIG5_COMMON_LOGP = -12.0


@cache
def converter(config: str) -> opencc.OpenCC:
    """An OpenCC converter for ``config`` ('t2s', 'tw2sp', 's2t', ...), created once per process."""
    name = config if config.endswith(".json") else f"{config}.json"
    return opencc.OpenCC(name)


@cache
def t2s_map() -> dict[str, str]:
    """Character-level t2s for every CJK character OpenCC changes (one conversion, then dict lookups)."""
    chars = [chr(cp) for cp in range(0x4E00, 0xA000)] + [chr(cp) for cp in range(0x3400, 0x4DC0)]
    simp = converter("t2s").convert("\n".join(chars)).split("\n")
    return {c: s for c, s in zip(chars, simp, strict=True) if s != c and len(s) == 1}


def t2s_chars(text: str) -> str:
    """Character-level t2s of a short string via :func:`t2s_map` (no OpenCC call)."""
    m = t2s_map()
    return "".join(m.get(c, c) for c in text)


@cache
def word_freq() -> dict[str, int]:
    """jieba's dictionary with the domain words (word -> frequency): the word model for restorations.

    The same dictionary object the tagging stage segments with, so a process loads one.
    """
    from pipeline.tag.segment import tokenizer

    return tokenizer().FREQ


@cache
def char_logp() -> dict[str, float]:
    """Unigram log-probability of every Han character (cached on disk, see the module docstring)."""
    from pipeline import resource_cache
    from pipeline.tag.segment import USERDICT

    key = resource_cache.digest(code=[_build_char_logp, _big5_level1, t2s_map],
                                packages=["jieba", "jieba-fast", "opencc"], files=[USERDICT])
    return resource_cache.cached("char_logp", key, _build_char_logp)


def _build_char_logp() -> dict[str, float]:
    """From jieba's word frequencies. Traditional characters get the probability of their
    Simplified form (via OpenCC t2s) so that genuine Traditional text does not look like mojibake.
    """
    counts: dict[str, int] = defaultdict(int)
    for word, f in word_freq().items():
        if f <= 0:
            continue
        for ch in word:
            if ch >= "\u3400":
                counts[ch] += f
    total = sum(counts.values())
    logp = {ch: math.log(n / total) for ch, n in counts.items()}
    # Map every CJK character through t2s once; a Traditional char inherits its Simplified frequency.
    t2s = t2s_map()
    chars = [chr(cp) for cp in range(0x4E00, 0xA000)] + [chr(cp) for cp in range(0x3400, 0x4DC0)]
    simp = [t2s.get(ch, ch) for ch in chars]
    back = [converter(cfg).convert("\n".join(simp)).split("\n") for cfg in ("s2t", "s2tw", "s2hk")]
    for i, (ch, s) in enumerate(zip(chars, simp, strict=False)):
        # Only a standard Traditional form inherits (t2s also folds rare variants such as
        # 鏃 -> 族, and those must stay rare: they are typical of GBK mojibake).
        if s != ch and len(s) == 1 and s in logp and (any(b[i] == ch for b in back) or _big5_level1(ch)):
            logp[ch] = max(logp[s], logp.get(ch, UNKNOWN_LOGP))
    # Big5's frequently-used level that t2s leaves alone (瞭, used in 瞭解) is ordinary
    # Traditional text, not a sign of mis-decoding: floor it just above "rare".
    for ch in chars:
        if ch not in t2s and logp.get(ch, UNKNOWN_LOGP) < BIG5_COMMON_LOGP and _big5_level1(ch):
            logp[ch] = BIG5_COMMON_LOGP
    return logp


# A character whose log-probability is below this is "rare". Calibrated so that
# ordinary news text has a rare char only every few hundred characters, while
# GBK/Big5 mis-decodings (which draw almost uniformly from the code table) are
# dense with them.
RARE_LOGP = -12.5


@cache
def rare_re() -> re.Pattern[str]:
    """A regex matching one "suspicious" character: rare Han, private use, kana, replacement chars.

    Searching a whole document with it is the mojibake step's fast path.
    """
    logp = char_logp()
    common = {ch for ch, lp in logp.items() if lp >= RARE_LOGP}
    ranges: list[str] = []
    start = prev = None
    for cp in list(range(0x3400, 0x4DC0)) + [-1] + list(range(0x4E00, 0xA000)) + [-1]:
        is_rare = cp >= 0 and chr(cp) not in common
        if is_rare and start is None:
            start = cp
        elif not is_rare and start is not None:
            end = prev
            ranges.append(chr(start) if start == end else f"{chr(start)}-{chr(end)}")
            start = None
        prev = cp
    # Private use area, kana (UTF-8 read as GBK yields many), Cyrillic/Greek/box drawing from GBK
    # symbol rows, the euro sign (cp936 0x80), U+FFFD.
    extra = "\ue000-\uf8ff\u3040-\u30ff\uff61-\uff9f\u0400-\u04ff\u2500-\u257f\u20ac\ufffd"
    return re.compile("[" + "".join(ranges) + extra + "]")


def _big5_level1(ch: str) -> bool:
    """True for characters of Big5's frequently-used level (A440-C67E): real Traditional text.

    Catches one-to-many conversions whose round trip fails (託 -> 托 -> 托, 週 -> 周 -> 周).
    """
    try:
        b = ch.encode("big5")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and b"\xa4\x40" <= b <= b"\xc6\x7e"


def logp_of(ch: str) -> float:
    """Log-probability of one character for scoring candidate decodings."""
    lp = char_logp().get(ch)
    if lp is not None:
        return lp
    if ch.isascii() and (ch.isalnum() or ch == "?"):
        # A stray letter or '?' inside Han text is mildly suspicious: GBK trail bytes
        # 0x40-0x7E show up as ASCII, lost bytes as '?'.
        return STRAY_ASCII_LOGP
    if ch.isascii() or ch in CJK_PUNCT or ch in "□":
        return NEUTRAL_LOGP
    return UNKNOWN_LOGP


def mean_logp(text: str) -> float:
    """Mean character log-probability of ``text`` (higher is more plausible Chinese)."""
    if not text:
        return UNKNOWN_LOGP
    return sum(logp_of(c) for c in text) / len(text)


@lru_cache(maxsize=4096)
def strip_tone(syllable: str) -> str:
    """'xié' -> 'xie', 'lǜ' -> 'lv' (ü written v, as in pypinyin's NORMAL style)."""
    s = unicodedata.normalize("NFD", syllable.lower())
    s = "".join(c for c in s if not unicodedata.combining(c) or c == "\u0308")
    return unicodedata.normalize("NFC", s).replace("ü", "v").replace("u\u0308", "v")


@cache
def pinyin_tables() -> tuple[frozenset[str], dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """(toneless syllables, toned syllable -> chars, toneless syllable -> chars) from pypinyin's data.

    The syllable set is what separates ``(xié)`` from ``(ABC)`` or ``(2024)``; the
    indexes give the candidates when a character was lost and only its pinyin is left.
    Cached on disk (see the module docstring).
    """
    from pipeline import resource_cache

    key = resource_cache.digest(code=[_build_pinyin_tables, strip_tone], packages=["pypinyin"])
    return resource_cache.cached("pinyin_tables", key, _build_pinyin_tables)


def _build_pinyin_tables() -> tuple[frozenset[str], dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    from pypinyin.pinyin_dict import pinyin_dict

    toned: dict[str, set[str]] = defaultdict(set)
    toneless: dict[str, set[str]] = defaultdict(set)
    for cp, readings in pinyin_dict.items():
        ch = chr(cp)
        for r in readings.split(","):
            r = r.strip()
            if not r:
                continue
            toned[r].add(ch)
            toneless[strip_tone(r)].add(ch)
    # Keep only regular syllables (letters a-z plus v); drops interjection oddities like 'ḿ', 'hm'.
    syll = frozenset(s for s in toneless if re.fullmatch(r"[a-z]*[aeiouv][a-z]*", s) and s not in {"hm", "hng"})
    return (
        syll,
        {k: frozenset(v) for k, v in toned.items()},
        {k: frozenset(v) for k, v in toneless.items()},
    )


@lru_cache(maxsize=16384)
def readings_of(ch: str) -> frozenset[str]:
    """Toneless readings of one character (empty when pypinyin does not know it)."""
    from pypinyin.pinyin_dict import pinyin_dict

    r = pinyin_dict.get(ord(ch))
    if not r:
        return frozenset()
    return frozenset(strip_tone(x) for x in r.split(","))


