"""Pinyin annotations (``協(xié)商``) and characters lost behind them (``中?guó)``).

Some converters (and "pseudo-original" spinning tools) write a character's
reading after it in parentheses. We remove a parenthesised pinyin syllable that
follows a Han character only when it really is one syllable of Mandarin:
validated against the set of syllables in pypinyin's data, lower case only, and
-- when it carries no tone mark -- only if it is a reading of the character it
follows. That is what lets ``(原标题:…)``, ``(ABC)``, ``(2024)``, ``(an English
aside)`` and enumerations like ``条款(a)`` through untouched.

When the character itself was lost to ``?`` and only its reading survived
(``中?guó)``, ``中?(guó)``), the reading narrows the character down to a handful of
candidates and jieba's dictionary picks the one that makes a word with its
neighbours; without one clear winner we write ``□`` and count a placeholder.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache

from pipeline.chars import HAN_BMP, HAN_BMP_RE
from pipeline.normalize._resources import pinyin_tables, readings_of, strip_tone
from pipeline.normalize.restore import PLACEHOLDER, choose

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_LETTERS = f"a-zü{_TONED}"
# Fast-path trigger: a parenthesis that closes right after a lower-case letter.
TRIGGER_RE = re.compile(f"[{_LETTERS}1-5][)）\\]】]")

# Starts with the parenthesis (fast class scan); the Han character before it is checked by a
# lookbehind placed after the parenthesis.
# Brackets an annotation is written in: parentheses, half or full width, and square ones (协[xié]商)
_OPEN, _CLOSE = "(（\\[【", ")）\\]】"
ANNOTATION_RE = re.compile(f"[{_OPEN}](?<=[{HAN_BMP}][{_OPEN}])([{_LETTERS}]{{1,6}}[1-5]?)[{_CLOSE}]")
# an annotation the scrape cut off at a unit's end: "份子錢現(xiàn" (toned only: "(a" may be anything)
_CUT_RE = re.compile(f"[(（](?<=[{HAN_BMP}][(（])([{_LETTERS}]{{1,6}}[1-5]?)(?=\n|$)", re.M)
LOST_RE = re.compile(f"[?？\ufffd][(（]?([{_LETTERS}]{{1,6}}[1-5]?)[)）]")
_TONE_MARK_RE = re.compile(f"[{_TONED}]")


@lru_cache(maxsize=8192)
def _syllable(raw: str) -> tuple[str, bool] | None:
    """('xie', has_tone) if ``raw`` is one valid pinyin syllable, else None."""
    tone_digit = raw[-1].isdigit()
    body = raw[:-1] if tone_digit else raw
    has_mark = bool(_TONE_MARK_RE.search(body))
    if tone_digit and has_mark:
        return None
    base = strip_tone(body)
    if base not in pinyin_tables()[0]:
        return None
    return base, has_mark or tone_digit


def _trie_regex(words: list[str]) -> str:
    """A regex alternation of ``words`` shaped as a trie, so matching costs O(length), not O(count)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            body = "(?:" + body + ")?"
        return body

    return emit(trie)


@cache
def _toned_re() -> re.Pattern[str]:
    """Every tone-marked valid syllable in parentheses after a Han character, as one trie regex.

    Tone-marked syllables need no check against the preceding character, so they
    are removed by a plain ``subn`` with no Python callback (the Traditional spam
    seed has an annotation every ~25 characters). The pattern starts with the
    parenthesis (a fast class scan) and checks the Han character with a
    lookbehind placed after it.
    """
    syll, toned, _ = pinyin_tables()
    words = sorted(t for t in toned if _TONE_MARK_RE.search(t) and strip_tone(t) in syll)
    return re.compile(f"[{_OPEN}](?<=[{HAN_BMP}][{_OPEN}]){_trie_regex(words)}[{_CLOSE}]")


# Accents typed as combining marks (``xie\u0301``): composed first, so a syllable is one spelling.
_COMBINING = re.compile("[A-Za-zü][\u0300-\u036f]+")
# Several syllables for a word (``贷款(dài kuǎn)``), or capitals with a tone mark (``協(XIÉ)``).
# Their triggers: two syllables apart (a space, an apostrophe or a dash between letters) in a text
# with annotations, or a capital with a tone mark before a closing parenthesis. Single lower-case
# syllables, by far the most common, are removed before and never pull the slower pass in.
_EXTRA_TRIGGER = re.compile(f"[{_LETTERS}1-5][ '\\-][{_LETTERS}]", re.IGNORECASE)
_UPPER_TONED = "ĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙǕǗǙǛ"
_UPPER_TRIGGER = re.compile(f"[{_UPPER_TONED}][A-Z]{{0,5}}[{_CLOSE}]")
_COMBINING_MARKS = ("\u0300", "\u0301", "\u0304", "\u030c", "\u0308")  # the tones' accents and ü's dots
_SYL = f"[{_LETTERS}]{{1,6}}[1-5]?"
_EXTRA_RE = re.compile(f"[{_OPEN}](?<=[{HAN_BMP}][{_OPEN}])({_SYL}(?:[ '\\-]{_SYL}){{0,7}})[{_CLOSE}]", re.IGNORECASE)
_SEPARATORS = re.compile("[ '\\-]")


def _compose_accents(text: str) -> str:
    return _COMBINING.sub(lambda m: unicodedata.normalize("NFC", m.group(0)), text)


def _strip_words(text: str, changes: Counter[str]) -> str:
    """``贷款(dài kuǎn)`` -> ``贷款``, ``協(XIÉ)`` -> ``協``: one syllable for each Han character before it.

    Every syllable must be a real one; a toneless one must be a reading of its character;
    capitals only count with a tone mark (an acronym never has one: ``条款(AN)`` stays).
    """

    def repl(m: re.Match[str]) -> str:
        raw = m.group(1)
        parts = _SEPARATORS.split(raw.lower())
        if len(parts) == 1 and raw.islower():
            return m.group(0)  # one lower-case syllable: the passes before decided it
        before = m.string[max(0, m.start() - len(parts)) : m.start()]
        if len(before) != len(parts) or not all(HAN_BMP_RE.match(c) for c in before):
            return m.group(0)
        for ch, part in zip(before, parts, strict=True):
            syl = _syllable(part)
            if syl is None:
                return m.group(0)
            base, toned = syl
            if not toned and (not raw.islower() or base not in readings_of(ch)):
                return m.group(0)
        changes["pinyin"] += 1
        return ""

    return _EXTRA_RE.sub(repl, text)


# A word's syllables written joined, as Hanyu Pinyin spells words (``征信(zhēngxìn)``, ``协商(xie2shang1)``):
# lower case, with a tone mark or digit (a toneless joined word is as often a brand's romanisation:
# ``花呗(huabei)`` stays), read as one reading of each Han character before it.
_JOINED_RE = re.compile(f"[{_OPEN}](?<=[{HAN_BMP}][{_OPEN}])([{_LETTERS}1-5]{{4,30}})[{_CLOSE}]")
_MAX_JOINED = 4  # syllables, so characters before the annotation


def _split_joined(raw: str, chars: str) -> bool:
    """Whether ``raw`` is one syllable per character of ``chars``, each a reading of its character."""

    @cache
    def fits(at: int, k: int) -> bool:
        if k == len(chars):
            return at == len(raw)
        for end in range(at + 1, min(len(raw), at + 7) + 1):
            part = raw[at:end]
            if end < len(raw) and raw[end].isdigit():
                continue  # a tone digit belongs to the syllable before it
            syl = _syllable(part)
            if syl is not None and syl[0] in readings_of(chars[k]) and fits(end, k + 1):
                return True
        return False

    return fits(0, 0)


def _strip_joined(text: str, changes: Counter[str]) -> str:
    def repl(m: re.Match[str]) -> str:
        raw = m.group(1)
        digits = sum(c.isdigit() for c in raw)
        if not (digits or _TONE_MARK_RE.search(raw)) or _syllable(raw) is not None:
            return m.group(0)
        for k in range(2, _MAX_JOINED + 1):
            if digits and digits != k:
                continue  # tone digits on every syllable or none: "wangwei1" is a user name
            before = m.string[max(0, m.start() - k) : m.start()]
            if len(before) == k and all(HAN_BMP_RE.match(c) for c in before) and _split_joined(raw, before):
                changes["pinyin"] += 1
                return ""
        return m.group(0)

    return _JOINED_RE.sub(repl, text)


def _strip_cut(text: str, changes: Counter[str]) -> str:
    """``份子錢現(xiàn`` at the end of a text unit: an annotation whose closing bracket the scrape cut."""
    def repl(m: re.Match[str]) -> str:
        syl = _syllable(m.group(1))
        if syl is None or not syl[1]:
            return m.group(0)
        changes["pinyin"] += 1
        return ""

    return _CUT_RE.sub(repl, text)


def strip_annotations(text: str) -> tuple[str, Counter[str]]:
    """``協(xié)商`` -> ``協商``: drop a pinyin syllable in parentheses right after a Han character.

    Also a word's syllables (``贷款(dài kuǎn)``), capitals with tone marks and accents typed
    as combining marks (:func:`_strip_words`), and a word's syllables written joined
    (``征信(zhēngxìn)``, :func:`_strip_joined`).
    """
    changes: Counter[str] = Counter()
    if any(mark in text for mark in _COMBINING_MARKS) and _COMBINING.search(text):
        text = _compose_accents(text)
    lower = TRIGGER_RE.search(text)
    if lower:
        text, n = _toned_re().subn("", text)  # the common case, with no Python callback
        if n:
            changes["pinyin"] += n
    if (lower and _EXTRA_TRIGGER.search(text)) or _UPPER_TRIGGER.search(text):
        text = _strip_words(text, changes)  # words and capitals; toneless single syllables below
    if lower:
        text = _strip_joined(text, changes)
    if "(" in text or "（" in text:
        text = _strip_cut(text, changes)
    if not TRIGGER_RE.search(text):
        return text, changes

    # What is left: toneless or digit-toned syllables, checked against the character's readings.
    def repl(m: re.Match[str]) -> str:
        syl = _syllable(m.group(1))
        if syl is None:
            return m.group(0)
        base, toned = syl
        if not toned and base not in readings_of(m.string[m.start() - 1]):
            return m.group(0)
        changes["pinyin"] += 1
        return ""

    return ANNOTATION_RE.sub(repl, text), changes


@lru_cache(maxsize=8192)
def _candidates(raw: str) -> frozenset[str]:
    syll, toned, toneless = pinyin_tables()
    if _TONE_MARK_RE.search(raw):
        return toned.get(raw, frozenset())
    return toneless.get(strip_tone(raw.rstrip("12345")), frozenset())


def restore_lost(text: str) -> tuple[str, Counter[str]]:
    """``中?guó)`` -> ``中国``; ``X?ǎ)`` with no clear candidate -> ``X□``.

    Runs after :func:`strip_annotations` so the neighbours used as context are clean.

    Two markers back to back, the first unrestorable and the second restorable
    (``信用分?jǐn)?shù)`` -> ``信用分数``), are one character split in two: an
    annotation was inserted *between the two bytes* of a GBK character (数 =
    94 B5: ``94`` + ``(`` decoded to ``?``, then ``jǐn)``, then ``B5`` + ``(`` to
    ``?``, then its own ``shù)``) -- the same accident as the out-of-step runs
    the mojibake step repairs. The first marker is then debris, dropped and
    counted as ``split_debris``, not a lost character.
    """
    changes: Counter[str] = Counter()
    if "?" not in text and "？" not in text and "\ufffd" not in text:
        return text, changes
    if not TRIGGER_RE.search(text):
        return text, changes
    out: list[str] = []
    pos = 0
    pending = -1  # index in ``out`` of a placeholder written for the marker that ended at ``pos``
    for m in LOST_RE.finditer(text):
        syl = _syllable(m.group(1))
        if syl is None:
            continue
        adjacent = pending >= 0 and m.start() == pos
        out.append(text[pos : m.start()])
        before = "".join(out[-6:])[-8:].replace(PLACEHOLDER, "")
        ch = choose(_candidates(m.group(1)), before, text[m.end() :])
        if ch is None:
            out.append(PLACEHOLDER)
            changes["placeholder"] += 1
            pending = len(out) - 1
        else:
            if adjacent:
                out[pending] = ""
                changes["placeholder"] -= 1
                changes["split_debris"] += 1
            out.append(ch)
            changes["restored"] += 1
            pending = -1
        pos = m.end()
    if not out:
        return text, changes
    out.append(text[pos:])
    return "".join(out), +changes


def fix_pinyin(text: str) -> tuple[str, Counter[str]]:
    """Both pinyin repairs, annotations first (see :func:`restore_lost`)."""
    text, c1 = strip_annotations(text)
    text, c2 = restore_lost(text)
    return text, c1 + c2
