"""Choosing a lost character from a candidate set with a word dictionary.

Shared by the lost-character step (candidates: every character with the surviving
pinyin) and the mojibake step (candidates: every character whose encoding shares
the surviving byte). A candidate is *good* when, together with its neighbours, it
forms a word of jieba's dictionary; we restore only when exactly one candidate is
good, or one is far more frequent than the runner-up. Anything less certain
becomes a visible placeholder rather than a plausible-looking guess.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from pipeline.chars import HAN, HAN_RE, TRANSLITERATION
from pipeline.normalize._resources import t2s_chars, t2s_map, word_freq

PLACEHOLDER = "□"
# U+FFFD, one or more: bytes a decoding lost (one □ stands for a run of them)
REPLACEMENT_RUN = re.compile("\ufffd+")

# A dictionary word must be at least this frequent to vouch for a candidate.
MIN_WORD_FREQ = 5
# The best candidate must beat the runner-up by this factor to be "the one good candidate".
DOMINANCE = 8.0


# a lost character between two foreign names' syllables: the interpunct of "巴兹·奥尔德林"
_NAME_DOT = re.compile(f"(?<=[{TRANSLITERATION}]{{2}})[?？](?=[{TRANSLITERATION}]{{2}})")


# a question mark never opens a clause: right after a comma, a colon or an opening quote it stands for a
# character the page lost ("向银行申请贷款时，?要提供担保")
_LOST_AFTER_MARK = re.compile(f"(?<=[，、；：。“])[?？](?=[{HAN}])")


def restore_lost_marks(text: str) -> tuple[str, Counter[str]]:
    """``巴兹?奥尔德林`` -> ``巴兹·奥尔德林``: GBK has the interpunct, but a page passed through a code page
    without it (or a Big5 one, whose dot differs) loses it to ``?``, and a question mark inside a foreign
    name reads as the end of a question. Counted as ``restored``. A ``?`` opening a clause (after a comma,
    a colon or an opening quote) is a lost character too, but which one is unknown: ``□``, counted as
    ``placeholder``."""
    if "?" not in text and "？" not in text:
        return text, Counter()
    text, n = _NAME_DOT.subn("·", text)
    text, lost = _LOST_AFTER_MARK.subn(PLACEHOLDER, text)
    return text, +Counter({"restored": n, "placeholder": lost})


_TAIL_HAN = re.compile(f"[{HAN}]{{1,3}}\\Z")
_HEAD_HAN = re.compile(f"[{HAN}]{{1,3}}")


def _context_left(text: str) -> str:
    """Up to 3 Han characters immediately before the gap, in Simplified form."""
    m = _TAIL_HAN.search(text[-3:])
    return t2s_chars(m.group()) if m else ""


def _context_right(text: str) -> str:
    """Up to 3 Han characters immediately after the gap, in Simplified form."""
    m = _HEAD_HAN.match(text, 0, 3)
    return t2s_chars(m.group()) if m else ""


def word_score(cand: str, left: str, right: str) -> int:
    """Frequency of the best dictionary word the (Simplified) candidate forms with its neighbours."""
    freq = word_freq()
    best = 0
    for k in range(1, len(left) + 1):
        best = max(best, freq.get(left[-k:] + cand, 0))
    for k in range(1, len(right) + 1):
        best = max(best, freq.get(cand + right[:k], 0))
    if left and right:
        best = max(best, freq.get(left[-1] + cand + right[0], 0))
    return best


def choose(candidates: frozenset[str] | tuple[str, ...], before: str, after: str) -> str | None:
    """The one good candidate for a gap between ``before`` and ``after`` text, or None.

    Returns the candidate in its Simplified form (the stage converts to Simplified
    anyway, and the dictionary vouched for that form). ``candidates`` must be
    hashable: decisions are cached on (candidates, context), since scraped spam
    repeats the same damaged sentences.
    """
    left = _context_left(before)
    right = _context_right(after)
    if not left and not right:
        return None
    return _choose(candidates, left, right)


@lru_cache(maxsize=65536)
def _simplified_candidates(candidates: frozenset[str] | tuple[str, ...]) -> tuple[str, ...]:
    m = t2s_map()
    seen: dict[str, None] = {}
    for cand in candidates:
        if HAN_RE.match(cand):
            seen.setdefault(m.get(cand, cand), None)
    return tuple(seen)


@lru_cache(maxsize=65536)
def _choose(candidates: frozenset[str] | tuple[str, ...], left: str, right: str) -> str | None:
    scores = [(word_score(simp, left, right), simp) for simp in _simplified_candidates(candidates)]
    scores.sort(reverse=True)
    if not scores or scores[0][0] < MIN_WORD_FREQ:
        return None
    if len(scores) > 1 and scores[1][0] * DOMINANCE > scores[0][0]:
        return None
    return scores[0][1]
