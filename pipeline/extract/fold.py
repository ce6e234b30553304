"""The matching key every line rule compares: :func:`fold`.

Scraped lines arrive in either script, in full or half width, with pinyin glued
after characters (``協(xié)商``). The rules are written once, in Simplified lower
case, and compared against this key, so each rule matches every spelling of its
line without listing them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.chars import HAN_BMP
from pipeline.normalize._resources import converter
from pipeline.normalize.script import traditional_re

_PINYIN_LETTERS = "a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêếềńňǹḿ"
_TONED = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜếềńňǹḿ]")
# Parenthesised pinyin glued after a Han character: 學習(xí), 調整(tiáo zhěng).
_PINYIN_PAREN = re.compile(
    rf"(?<=[{HAN_BMP}])\(\s*([{_PINYIN_LETTERS}]+(?:\s+[{_PINYIN_LETTERS}]+)*)\s*\)"
)
_SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|an|ao|ei|en|er|ia|ie|in|iu|ou|ua|ue|ui|un|uo|ve|a|e|i|o|u|v)"
)
_SPACES = re.compile(r"\s+")
# the vertical em and en dash presentation forms, which pages print as the stroke 丨 between a label and a
# name ("作者︱某某"); NFKC would make them dashes, which no rule reads as a separator
VERTICAL_BARS = str.maketrans("︱︲", "丨丨")


def _strip_tones(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.replace("ü", "v"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _is_pinyin(group: str) -> bool:
    words = group.split()
    if _TONED.search(group):
        return all(_SYLLABLE.fullmatch(_strip_tones(w.lower())) for w in words)
    # Toneless annotations are accepted only in lower case (``(de)``), never ``(App)``/``(VIP)``.
    return all(w.islower() and _SYLLABLE.fullmatch(_strip_tones(w)) for w in words)


def strip_pinyin(text: str) -> str:
    """Remove parenthesised pinyin annotations glued after Han characters (``習(xí)`` -> ``習``)."""
    return _PINYIN_PAREN.sub(lambda m: "" if _is_pinyin(m.group(1)) else m.group(0), text)


@lru_cache(maxsize=65536)
def fold(line: str) -> str:
    """The matching key of ``line``: NFKC, pinyin annotations removed, Traditional->Simplified, lower case.

    Whitespace runs collapse to one space; the result is stripped. Each step runs
    only when it has something to do (most lines are NFKC already, have no
    parenthesis and no Traditional character).
    """
    text = line if unicodedata.is_normalized("NFKC", line) else unicodedata.normalize("NFKC", line.translate(VERTICAL_BARS))
    if "(" in text:
        text = strip_pinyin(text)
    if traditional_re().search(text):
        text = converter("t2s").convert(text)
    return _SPACES.sub(" ", text).strip().lower()
