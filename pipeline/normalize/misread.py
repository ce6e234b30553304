"""Chinese text decoded with the wrong codec and saved again: repaired at ingest, as the decoding error it is.

Two shapes reach the extractor unreadable, so they are repaired before it runs:

* a **whole text** read as Latin-1/cp1252 (:func:`repair_double_encoded`): nothing
  in it looks Chinese, so the extractor would find no body at all;
* **runs** so garbled inside a clean page (:func:`repair_lines`): a paragraph,
  a heading or part of one, of GBK or Big5 read as Latin-1 (``Ê×ÏÈÒªÈ·ÈÏ``), or of
  UTF-8 read as GBK or Big5 (``二、缃戣捶閫炬湡``). The extractor would judge such a
  line by its look (a Latin line in a Chinese page reads like a link or a teaser)
  and drop it, with the heading after it. A run is replaced only when its bytes
  decode *exactly*, with no byte to spare, in the codec it was written in and give
  common Chinese characters: ordinary text never does (UTF-8 is too strict a code
  for GBK bytes of real text to pass it by chance).

Runs garbled with bytes lost, or in the middle of a clean line, are left to
normalisation's finer search (:mod:`pipeline.normalize.mojibake`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from contextlib import suppress
from functools import cache

from pipeline.chars import HAN_RE
from pipeline.normalize._resources import RARE_LOGP, char_logp
from pipeline.normalize.latin1 import _C1252_SIGNS, LATIN1_RE, fix_latin1
from pipeline.normalize.restore import REPLACEMENT_RUN

_HIGH_LATIN = re.compile(f"[\u0080-\u00ff{_C1252_SIGNS}]")


def repair_double_encoded(text: str) -> str | None:
    """A whole text of Chinese read as Latin-1/cp1252 and saved again, repaired; None when it is not one.

    UTF-8 so misread (``æ\x94¯ä»\x98…``) goes back through ftfy; GBK or Big5 so misread
    (``¹ØÓÚÍø´û``) has its bytes recovered and decoded as what they were. Normalisation
    repairs such runs inside a Chinese page, but a page garbled through and through
    shows the extractor no Chinese at all (no body, "not Chinese"), so ingest repairs
    it right after decoding, as the decoding error it is. Only when Latin-1 letters
    outnumber the Han characters, and only when the repair yields mostly Han text.
    Line by line (:func:`repair_lines`, every line with a Latin-1 letter tried): a
    file may hold lines garbled from UTF-8 and others from GBK, which one repair of
    the whole would ruin.
    """
    sample = text[:16384]
    high = len(_HIGH_LATIN.findall(sample))
    if high < 20 or high <= 2 * len(HAN_RE.findall(sample)):
        return None
    fixed, n = repair_lines(text, whole=True)
    if not n:
        return None
    han = HAN_RE.findall(fixed[:16384])
    if len(han) < max(10, high // 6):  # a Han character was 3 Latin-1 letters in UTF-8, 2 in GBK or Big5
        return None
    logp = char_logp()
    return fixed if sum(1 for c in han if logp.get(c, -99.0) >= RARE_LOGP) >= 0.9 * len(han) else None


_NOT_LATIN = re.compile(f"[^\x00-\u00ff{_C1252_SIGNS}\ufffd]")  # U+FFFD: a byte the misreading lost
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
MIN_LINE_CHARS = 4  # non-ASCII characters a garbled run of a clean page has at least
MIN_LINE_HAN = 3  # ... and the Han characters its repair must give


def _common_han(candidate: str, least: int) -> bool:
    """At least ``least`` Han characters, nine in ten of them common ones, and Han most of the non-ASCII.

    German read as GBK also gives Han (``Müller`` -> ``M黮ler``), but rare characters.
    """
    han = HAN_RE.findall(candidate)
    if len(han) < least or len(han) * 2 < len(_NON_ASCII.findall(candidate)):
        return False
    logp = char_logp()
    return sum(1 for c in han if logp.get(c, -99.0) >= RARE_LOGP) >= 0.9 * len(han)


def _varied(run: str) -> bool:
    """Chinese bytes read as Latin-1 give varied letters; a mask (``××××××``, ``¥¥¥¥``, ``°°°°``) or a
    rule of signs is one sign repeated, which GBK would read as a Han character repeated (鬃鬃鬃)."""
    high = [c for c in run if c > "\x7f"]
    return len(set(high)) >= 3 and sum(1 for c in high if c.isalpha()) >= 2


def _latin_decoding(run: str, least: int, whole: bool = False) -> str | None:
    """A run of Latin-1/cp1252 letters decoded as the UTF-8, GBK or Big5 bytes it was, exactly.

    ``whole``: the text is known to be garbled through and through, so a short run (``Ò»¡¢``,
    ``一、``) is tried although it is not varied enough to say so by itself.
    """
    if not whole and not _varied(run):
        return None
    non_ascii = len(_NON_ASCII.findall(run))
    for latin in ("latin-1", "cp1252"):  # exact decodings first: ftfy would ruin GBK read as Latin-1
        try:
            raw = run.encode(latin)
        except UnicodeEncodeError:
            continue
        for codec in ("utf-8", "gb18030", "big5"):
            try:
                candidate = raw.decode(codec)
            except UnicodeDecodeError:
                continue
            if candidate != run and _common_han(candidate, least if codec == "utf-8" else max(least, non_ascii // 3)):
                return candidate
    if LATIN1_RE.search(run):  # UTF-8 with cp1252's gaps: ftfy's sloppy decoding
        fixed, _ = fix_latin1(run)
        if fixed != run and _common_han(fixed, least):
            return fixed
    return None


def _cjk_decoding(run: str) -> str | None:
    """A run of Han (and the like) decoded as the UTF-8 it was before GBK or Big5 read it, exactly;
    or, when the reading lost bytes (U+FFFD in the run), all but the characters those bytes were in."""
    if not _lead_pair_re().search(run):
        return None  # no lead characters three apart: no such run
    for codec in ("gbk", "big5"):
        try:
            candidate = run.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        if candidate != run and _common_han(candidate, MIN_LINE_HAN):
            return candidate
    return _lossy_cjk_decoding(run) if "\ufffd" in run else None


_MAX_LOST_SHARE = 0.34  # characters lost to a repair's Han at most: beyond, the run is left to normalisation


def _lossy_cjk_decoding(run: str) -> str | None:
    """UTF-8 read as GBK or Big5 with replacement (``鑺卞憲閫炬湡浜嗘�庝箞``, what a browser or a crawler
    gives): the bytes around each U+FFFD decode again, and each character whose bytes were lost
    is one U+FFFD (normalisation then marks it □ and flags it, ``mojibake``). Kept when the rest is
    common Chinese and at most a third of it was lost."""
    for codec in ("gbk", "big5"):
        try:
            data = b"".join(c.encode(codec) for c in run if c != "\ufffd")
        except UnicodeEncodeError:
            continue
        candidate = REPLACEMENT_RUN.sub("\ufffd", data.decode("utf-8", errors="replace"))
        lost = candidate.count("\ufffd")
        if _common_han(candidate.replace("\ufffd", ""), MIN_LINE_HAN) and lost <= _MAX_LOST_SHARE * len(
                HAN_RE.findall(candidate)):
            return candidate
    return None
    return None




# Runs examined: Latin-1/cp1252 letters (Chinese bytes read one per character), and stretches
# without spaces, ASCII or CJK punctuation (UTF-8 read two bytes per character as GBK or Big5).
_LATIN_RUN = re.compile(f"[\u0080-\u00ff{_C1252_SIGNS}]{{{MIN_LINE_CHARS},}}")
# (full-width signs that are not Chinese punctuation stay in a run: GBK's A3 row is made of them, ＄ = A3A4)
_CJK_RUN = re.compile(r"[^\x00-\x7f\s\u3000-\u303f\uff01\uff08\uff09\uff0c\uff0e\uff1a\uff1b\uff1f\u00a0-\u00ff]{6,}")


# A Latin run's first letter: a UTF-8 lead byte or a GB2312/Big5 lead byte, as Latin-1 (a
# character class this narrow lets the scan skip Chinese text at full speed)
_LATIN_TRIGGER = re.compile(f"[\u00a1-\u00ff][\u0080-\u00ff{_C1252_SIGNS}]{{{MIN_LINE_CHARS - 1},}}")


@cache
def _lead_pair_re() -> re.Pattern[str]:
    """Two characters three apart of those GBK or Big5 make of a UTF-8 lead byte of a Han
    character (E4-E9) and the byte after it.

    UTF-8 bytes ``L C C L C C`` read two at a time give ``LC CL CC LC …``: every third character
    of a UTF-8-as-GBK run is such a character. They are rare characters, so most lines of a clean
    page hold no such pair and are never tried.
    """
    chars = set()
    for codec in ("gbk", "big5"):
        for lead in range(0xE4, 0xEA):
            for trail in range(0x40, 0xFF):
                with suppress(UnicodeDecodeError):
                    chars.add(bytes([lead, trail]).decode(codec))
    lead = "".join(sorted(re.escape(c) for c in chars if len(c) == 1))
    return re.compile(f"[{lead}][^\\s]{{2}}[{lead}]")


def _repair_line(line: str, whole: bool) -> str | None:
    if whole:  # the text is garbled as a whole: each line as one run
        if _NOT_LATIN.search(line) or not _NON_ASCII.search(line):
            return None
        return _latin_decoding(line, 1, whole=True)
    out = line
    for pattern, decode in ((_LATIN_RUN, lambda r: _latin_decoding(r, MIN_LINE_HAN)), (_CJK_RUN, _cjk_decoding)):
        pieces, last = [], 0
        for m in pattern.finditer(out):
            fixed = decode(m.group(0))
            if fixed is not None:
                pieces += [out[last : m.start()], fixed]
                last = m.end()
        if pieces:
            out = "".join(pieces) + out[last:]
    return out if out != line else None


def repair_lines(text: str, whole: bool = False) -> tuple[str, int]:
    """``text`` with the garbled runs of its lines repaired; and how many lines were.

    ``whole``: the text is known to be garbled as a whole (:func:`repair_double_encoded`),
    so short lines (``一、``) are repaired too.
    """
    if text.isascii():
        return text, 0
    lines = text.split("\n")
    if whole:
        starts: list[int] | range = range(len(lines))
    else:  # only the lines a garbled run may be in (most texts: one scan, no line tried)
        hits = [m.start() for pattern in (_LATIN_TRIGGER, _lead_pair_re()) for m in pattern.finditer(text)]
        if not hits:
            return text, 0
        offsets, pos = [], 0
        for line in lines:
            offsets.append(pos)
            pos += len(line) + 1
        starts = sorted({bisect_right(offsets, h) - 1 for h in hits})
    n = 0
    for i in starts:
        fixed = _repair_line(lines[i], whole)
        if fixed is not None:
            lines[i] = fixed
            n += 1
    return ("\n".join(lines), n) if n else (text, 0)
