"""Mojibake: text that went through the wrong codec, repaired by re-encoding or cut out.

Two families:

* **Latin-1 / cp1252** (``ä¸­æ–‡``): UTF-8 bytes shown one byte per character.
  ftfy repairs these reliably; we call it only when such a sequence is present,
  with width folding and quote/punctuation options off so Chinese punctuation
  survives (:func:`pipeline.normalize.latin1.fix_latin1`, a module of its own).
* **CJK double-byte** (``鏃ュ父鐢熸椿`` = UTF-8 ``日常生活`` read as GBK; Big5 <-> GBK;
  GBK read one byte out of step). The result is made of real Han characters, so
  ftfy cannot see it. We find *runs* dense in rare characters (a GBK/Big5
  mis-decoding draws almost uniformly from the code table, ordinary text does
  not), re-encode each run with the codec that produced it, decode it with the
  codec it was written in (:mod:`pipeline.normalize.recode`), and keep the decoding only when it scores far better
  under a character-frequency model (:func:`fix_cjk`). A run that no decoding
  rescues and that is unmistakably garbage (private-use characters, kana in Han
  text, several distinct rare characters) is removed and counted.

The out-of-step case, as found in the Traditional seed (``人們?nèi)粘I钪胁豢苫蛉钡囊徊糠?``):
the page was GBK-encoded ``人們日常生活中不可或缺的一部分。``. A pinyin annotation
``(nèi)`` was inserted *between the two bytes* of ``日`` (C8|D5), so the decoder
read ``C8 28`` (``C8`` + ``(``) as one invalid pair -> ``?``, then ``nèi)``, then
every following byte paired with its neighbour's: ``D5B3``=粘, ``A3C9``=Ｉ (later
folded to ``I``), ``FABB``=private use, ``EED6``=钪 ... until ``B7`` (first byte of
``分``) was left without its partner -> ``?``. Re-encoding the run and decoding it
one byte later gives back ``常生活中不可或缺的一部``; the orphan trail byte ``D5``
and orphan lead byte ``B7`` are restored from the dictionary (``日常``, ``一部分``),
and the ``?nèi)`` / ``?`` markers, being the debris of the split, are consumed.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from pipeline.chars import CANTONESE, HAN_RE
from pipeline.normalize._resources import logp_of, rare_re
from pipeline.normalize.latin1 import fix_latin1
from pipeline.normalize.recode import candidates, choose_byte_candidate, lead_candidates, trail_candidates
from pipeline.normalize.restore import PLACEHOLDER, REPLACEMENT_RUN

# ---------------------------------------------------------------- CJK double-byte

# Characters that can belong to a mis-decoded run (no spaces, newlines or CJK punctuation).
_RUN_CHAR = re.compile(r"[^\s\u3000-\u303f\uff0c\uff1a\uff1b\uff01\uff08\uff09,.;:!()\[\]<>\"'“”‘’]")
# Debris left where a multi-byte character was split: '?' (or U+FFFD), optionally with a stray pinyin tail.
_LOST_LEFT = re.compile(r"[?？\ufffd](?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\))?\Z")
_LOST_RIGHT = re.compile(r"^[?？\ufffd]")
# The debris of a pinyin annotation written between the two bytes of a GBK character:
# '?' for the broken pair, then the annotation without its '(' (the byte it was paired
# with). What follows is out of step however common its characters look (``真?zhèn)慰梢酝``
# = ``真偽可以通``), so the run after it is examined even when nothing in it is rare.
_SPLIT_ANNOTATION = re.compile(r"[?？\ufffd][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")
# Characters after such debris examined as a run (the search then grows it).
_SEED_LEN = 4
_STRONG = re.compile("[\ue000-\uf8ff\u3040-\u30ff\uff61-\uff9f\ufffd]")
# Evidence that a run is mojibake beyond its characters' rarity (:func:`_evident`); a name (炜炜,
# 陈燚, 王芃) is one or two characters rarer than any mojibake, a mis-decoded passage is longer:
# * what text nobody garbled never holds: private use and U+FFFD (a U+FFFD among common characters
#   is a lost one, marked □ by :func:`_lost_in_clean`);
# * a split character's debris beside the run: U+FFFD, a '?' with the annotation's tail (?nèi)), or
#   an ASCII '?' beside two uncommon characters (a '？' after 吗 is a question);
# * a character of GBK's symbol rows (ュ, Д, ─) between Han characters, not part of a foreign word;
# * three distinct uncommon characters, or, read in step, a run of four (鏃ュ父鐢熸椿, 笢恅竭疑); out
#   of step (gbk-shift), which invents the characters at both ends, only the three.
_NEVER_CLEAN = re.compile("[\ue000-\uf8ff\ufffd]")
_PINYIN_TAIL = "[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\\)"
_DEBRIS_LEFT = re.compile(f"(?:\ufffd|[?？]{_PINYIN_TAIL})\\Z")
_DEBRIS_RIGHT = re.compile("^\ufffd")
_BARE_QUESTION_LEFT = re.compile("\\?\\Z")
_BARE_QUESTION_RIGHT = re.compile("^\\?")
_SYMBOL_ROW = re.compile("[\u3040-\u30ff\uff61-\uff9f\u0400-\u04ff\u2500-\u257f]")  # (not €: clean text has it)
_UNCOMMON_LOGP = -10.5
_MIN_UNCOMMON_WITHOUT_EVIDENCE = 3
_MIN_RUN_WITHOUT_EVIDENCE = 4
# Words of other scripts clean Chinese text quotes, not mojibake: a kana word (「カード」), a
# Russian or Ukrainian word (Сбербанк, Київ; not the historic letters past U+045F), box drawing
# (┌─┐), a lone ・, ー or の, the euro beside its amount (€100). A mis-decoding draws such
# characters one at a time between rare Han characters.
_FOREIGN_WORD = re.compile(
    "[\u3040-\u30ff\uff66-\uff9f]{2,}|[\u30fb\u30fc\u306e]|[\u0400-\u045f\u0490\u0491]{3,}|[\u2500-\u257f]{2,}"
    "|\u20ac(?=\\s?\\d)|\\d\\s?\u20ac"  # (the digit in the match: a lookbehind first is tried everywhere)
)
# the first characters of those words: most texts have none, and skip the word scan
_FOREIGN_START = re.compile("[\u3040-\u30ff\uff66-\uff9f\u0400-\u045f\u0490\u0491\u2500-\u257f\u20ac]")
_CANTONESE_RE = re.compile(f"[{CANTONESE}]")

# Score shift: a character's log-probability plus this is > 0 for common characters
# and strongly negative for rare ones, so decodings are compared without favouring
# shorter outputs.
_SHIFT = 9.0
# A repair must improve the window's score by at least this much.
_MIN_GAIN = 12.0
# ... and the repaired text must on average look like ordinary Chinese.
_MIN_MEAN_LOGP = -9.5
# Bonus for each lost-byte marker found exactly where the decoding predicts one.
_MARKER_BONUS = 6.0
# Context kept on each side of a cluster: the longest run we can repair and the cache key.
_WINDOW = 14
# Clusters: suspicious characters at most this far apart belong to one run.
_MAX_GAP = 3
# A lone suspicious character is examined only if it is this rare.
_LONE_LOGP = -14.5


def _score(text: str) -> float:
    return sum(logp_of(c) + _SHIFT for c in text)


def _foreign_positions(text: str) -> set[int]:
    """Positions of :data:`_FOREIGN_WORD` matches whose neighbours are not suspicious themselves,
    and of Cantonese characters (:data:`pipeline.chars.CANTONESE`): not suspicious."""
    rare = rare_re()
    out: set[int] = set()
    for m in _FOREIGN_WORD.finditer(text) if _FOREIGN_START.search(text) else ():
        a, b = m.start(), m.end()
        if (a == 0 or not rare.match(text[a - 1])) and (b == len(text) or not rare.match(text[b])):
            out.update(range(a, b))
    if _CANTONESE_RE.search(text):
        out.update(m.start() for m in _CANTONESE_RE.finditer(text))
    return out


def _clusters(text: str, foreign: set[int]) -> list[tuple[int, int]]:
    """Spans [start, end) of text around clustered suspicious characters (``foreign``: not suspicious)."""
    spans: list[tuple[int, int]] = []
    positions = [m.start() for m in rare_re().finditer(text) if m.start() not in foreign]
    if not positions:
        return spans
    start = prev = positions[0]
    count = 1

    def close(s: int, e: int, n: int) -> None:
        seg = text[s:e]
        if n >= 2 or _STRONG.search(seg) or logp_of(text[s]) <= _LONE_LOGP:
            spans.append((s, e))

    for pos in positions[1:]:
        between = text[prev + 1 : pos]
        if pos - prev <= _MAX_GAP + 1 and all(_RUN_CHAR.match(c) for c in between):
            prev = pos
            count += 1
            continue
        close(start, prev + 1, count)
        start = prev = pos
        count = 1
    close(start, prev + 1, count)
    return spans


def _seeds(text: str) -> list[tuple[int, int]]:
    """Spans [start, end) right after split-annotation debris: runs to examine whatever their characters."""
    out = []
    for m in _SPLIT_ANNOTATION.finditer(text):
        n = _extend(text, m.end() - 1, +1, _SEED_LEN)
        if n:
            out.append((m.end(), m.end() + n))
    return out


def _extend(text: str, i: int, step: int, limit: int) -> int:
    """How far (up to ``limit`` chars) a run may extend from ``i`` in direction ``step``."""
    n = 0
    j = i
    while n < limit:
        k = j + step if step > 0 else j - 1
        if k < 0 or k >= len(text) or not _RUN_CHAR.match(text[k]):
            break
        j = j + step
        n += 1
    return n


@lru_cache(maxsize=8192)
def _eval_run(run: str) -> tuple[float, str, str, dict] | None:
    """Best decoding of exactly ``run``: (gain over leaving it, decoded, method, orphan info).

    Cached on the run text: scraped spam repeats the same corrupted sentences
    across thousands of pages.
    """
    base = _score(run)
    best: tuple[float, str, str, dict] | None = None
    for decoded, method, info in candidates(run):
        if decoded == run:
            continue
        mean = sum(logp_of(c) for c in decoded) / len(decoded)
        if mean < _MIN_MEAN_LOGP:
            continue
        # A repair restores Chinese text: mostly Han characters, not a stray '[' from a lone icon glyph.
        if len(HAN_RE.findall(decoded)) * 2 < len(decoded) or not HAN_RE.search(decoded):
            continue
        # Orphans count as one neutral character each (they will be restored or marked).
        orphans = sum(1 for k in ("trail", "lead") if info.get(k) is not None)
        orphans += sum(1 for k in ("lost_left", "lost_right") if info.get(k))
        gain = _score(decoded) + orphans * 1.0 - base
        if best is None or gain > best[0]:
            best = (gain, decoded, method, info)
    return best


def _best_span(text: str, s: int, e: int, floor: int) -> tuple[int, int, str, str, dict] | None:
    """Search run boundaries around the cluster text[s:e] for the best repair.

    First every boundary within 3 characters of the cluster, then grow greedily
    (by 1 or 2 characters, since UTF-8-as-GBK turns 2 characters into 3 and a
    shifted run must keep its byte parity) while the repair keeps improving.
    """

    def gain_at(a: int, b: int) -> tuple[float, int, int, str, str, dict] | None:
        r = _eval_run(text[a:b])
        if r is None:
            return None
        gain, decoded, method, info = r
        # Debris of a split character right where the decoding says a byte is missing
        # ('?', '?nèi)') is independent evidence that the run is a mis-decoding.
        if (info.get("trail") is not None or info.get("lost_left")) and _LOST_LEFT.search(text[floor:a]):
            gain += _MARKER_BONUS
        if (info.get("lead") is not None or info.get("lost_right")) and _LOST_RIGHT.match(text[b:]):
            gain += _MARKER_BONUS
        return gain, a, b, decoded, method, info

    lo_min = max(s - _extend(text, s, -1, 3), floor)
    hi_max = e + _extend(text, e - 1, +1, 3)
    best: tuple[float, int, int, str, str, dict] | None = None
    for a in range(lo_min, s + 1):
        for b in range(e, hi_max + 1):
            r = gain_at(a, b)
            if r is not None and (best is None or r[0] > best[0]):
                best = r
    if best is None:
        return None
    for _ in range(60):
        gain, a, b = best[0], best[1], best[2]
        improved = False
        for na, nb in ((a - 1, b), (a, b + 1), (a - 2, b), (a, b + 2), (a - 1, b + 1)):
            if na < floor or nb > len(text):
                continue
            if not all(_RUN_CHAR.match(c) for c in text[na:a] + text[b:nb]):
                continue
            r = gain_at(na, nb)
            if r is not None and r[0] > gain:
                best = r
                improved = True
                break
        if not improved:
            break
    gain, a, b, decoded, method, info = best
    if gain < _MIN_GAIN:
        return None
    return a, b, decoded, method, info


@lru_cache(maxsize=8192)
def _best_span_cached(window: str, s: int, e: int) -> tuple[int, int, str, str, dict] | None:
    """:func:`_best_span` on a window around the cluster (runs cannot grow past it), cached."""
    return _best_span(window, s, e, 0)


def _lost_in_clean(text: str, s: int, e: int) -> bool:
    """U+FFFD in Chinese text with only common Han characters between them (花呗逾期了�么办):
    characters a decoding lost, not garbage (binary debris or a misread page has no Han beside it,
    mojibake has uncommon characters between: 我今天��暹��了)."""
    if not all(c == "\ufffd" or (HAN_RE.match(c) and logp_of(c) > _UNCOMMON_LOGP) for c in text[s:e]):
        return False
    return any(0 <= i < len(text) and HAN_RE.match(text[i]) for i in (s - 1, e))


def _is_garbage(seg: str) -> bool:
    """True for a run that is mojibake beyond doubt (safe to cut out of the clean text)."""
    if _STRONG.search(seg):
        return True
    rare = {c for c in seg if rare_re().match(c)}
    return len(rare) >= 3 and sum(logp_of(c) for c in seg) / len(seg) < -11.0


def _evident(text: str, pos: int, a: int, b: int, method: str, foreign: set[int]) -> bool:
    """Whether the run text[a:b] is mojibake beyond its characters' rarity (see :data:`_NEVER_CLEAN`)."""
    run = text[a:b]
    if _NEVER_CLEAN.search(run) or _DEBRIS_LEFT.search(text[pos:a]) or _DEBRIS_RIGHT.match(text[b:]):
        return True
    if any(a + m.start() not in foreign for m in _SYMBOL_ROW.finditer(run)):
        return True  # 鏃ュ父: a kana where no Japanese word stands
    # (Han and the like only: ASCII letters have no frequency, and "BOT" beside 邛崃 is no evidence)
    uncommon = {c for i, c in enumerate(run, a) if c > "\x7f" and logp_of(c) <= _UNCOMMON_LOGP and i not in foreign}
    if len(uncommon) >= _MIN_UNCOMMON_WITHOUT_EVIDENCE:
        return True
    if len(uncommon) >= 2 and (_BARE_QUESTION_LEFT.search(text[pos:a]) or _BARE_QUESTION_RIGHT.match(text[b:])):
        return True  # an ASCII '?' the decoder wrote beside two uncommon characters
    return method != "gbk-shift" and len(run) >= _MIN_RUN_WITHOUT_EVIDENCE


def fix_cjk(text: str) -> tuple[str, Counter[str]]:
    """Repair GBK/Big5/UTF-8 mis-decoded runs; cut out and count the hopeless ones.

    Counter keys: ``mojibake_fixed`` (runs repaired), ``mojibake_removed`` (runs cut),
    ``mojibake_removed_chars``, ``restored`` / ``placeholder`` (orphan bytes restored
    from the dictionary or marked with ``□``).
    """
    changes: Counter[str] = Counter()
    if not rare_re().search(text) and not _SPLIT_ANNOTATION.search(text):
        return text, changes
    foreign = _foreign_positions(text)
    spans = sorted(set(_clusters(text, foreign)) | set(_seeds(text)))
    if not spans:
        return text, changes
    out: list[str] = []
    pos = 0
    for s, e in spans:
        if s < pos:
            continue
        w0 = max(pos, s - _WINDOW)
        w1 = min(len(text), e + _WINDOW)
        rel = _best_span_cached(text[w0:w1], s - w0, e - w0)
        hit = None if rel is None else (rel[0] + w0, rel[1] + w0, rel[2], rel[3], rel[4])
        if hit is None:
            seg = text[s:e]
            if len(seg) == 1 and "\ue000" <= seg <= "\uf8ff":
                # A lone private-use character is an icon-font glyph (share, back-to-top ...),
                # not mojibake: drop it without flagging the document.
                out.append(text[pos:s])
                changes["private_use"] += 1
                pos = e
            elif "\ufffd" in seg and _lost_in_clean(text, s, e):
                # characters a decoding lost among clean ones (花呗逾期了�么办): each marked, the rest kept
                out.append(text[pos:s])
                marked, n = REPLACEMENT_RUN.subn(PLACEHOLDER, seg)
                out.append(marked)
                changes["placeholder"] += n
                changes["mojibake_removed"] += 1
                changes["mojibake_removed_chars"] += n
                pos = e
            elif _is_garbage(seg):
                out.append(text[pos:s])
                changes["mojibake_removed"] += 1
                changes["mojibake_removed_chars"] += len(seg)
                pos = e
            continue
        a, b, decoded, method, info = hit
        if not _evident(text, pos, a, b, method, foreign):
            continue  # a name's rare character or two, nothing else wrong: left as written
        before = text[pos:a]
        after_text = text[b:]
        prefix = suffix = ""
        consumed_right = 0
        if method == "gbk-shift":
            m = _LOST_LEFT.search(before)
            if m:
                before = before[: m.start()]
            if info.get("lead") is not None and _LOST_RIGHT.match(after_text):
                consumed_right = 1
            ctx_before = text[max(0, pos - 8) : pos] + before
            ch = choose_byte_candidate(trail_candidates(info["trail"]), ctx_before, decoded)
            prefix = ch if ch else PLACEHOLDER
            changes["restored" if ch else "placeholder"] += 1
            if info.get("lead") is not None:
                ch = choose_byte_candidate(
                    lead_candidates(info["lead"]), ctx_before + prefix + decoded, after_text[consumed_right:]
                )
                suffix = ch if ch else PLACEHOLDER
                changes["restored" if ch else "placeholder"] += 1
        else:
            if info.get("lost_left"):
                m = _LOST_LEFT.search(before)
                if m:
                    before = before[: m.start()]
                prefix = PLACEHOLDER
                changes["placeholder"] += 1
            if info.get("lost_right"):
                if _LOST_RIGHT.match(after_text):
                    consumed_right = 1
                suffix = PLACEHOLDER
                changes["placeholder"] += 1
        out.append(before)
        out.append(prefix + decoded + suffix)
        changes["mojibake_fixed"] += 1
        changes["mojibake_" + method] += 1
        pos = b + consumed_right
    out.append(text[pos:])
    return "".join(out), changes


def fix_mojibake(text: str) -> tuple[str, Counter[str]]:
    """Both mojibake repairs: Latin-1 family first (ftfy), then CJK double-byte runs."""
    text, c1 = fix_latin1(text)
    text, c2 = fix_cjk(text)
    return text, c1 + c2
