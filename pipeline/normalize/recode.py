"""The decodings a mis-decoded run may have been: its bytes again, read with the right codec.

A run of CJK mojibake is text that went through the wrong codec: UTF-8 read as GBK
(``鏃ュ父``), Big5 and GBK read as each other, GBK read one byte out of step. Encoding the
run back with the codec that produced it gives the bytes; decoding them with the codec they
were written in gives the candidate text (:func:`candidates`). Which candidate, if any, is
the repair is :mod:`pipeline.normalize.mojibake`'s decision; an orphan byte at the edge of an
out-of-step run is restored from the dictionary (:func:`choose_byte_candidate`).
"""

from __future__ import annotations

import contextlib
from functools import cache
from itertools import product

from pipeline.chars import HAN_RE
from pipeline.normalize.restore import choose

_SENTENCE_PUNCT = "。，、；：？！"


def _enc_char(ch: str, codec: str) -> list[bytes]:
    """Byte alternatives for one character of a run.

    ASCII letters, digits and '?' may be genuine single bytes (a trail byte of a
    GBK pair can be 0x40-0x7E) or full-width forms folded to ASCII by an earlier
    tool (``Ｉ`` = A3C9): both are tried.
    """
    out: list[bytes] = []
    try:
        out.append(ch.encode(codec))
    except UnicodeEncodeError:
        if codec == "gbk":
            try:
                out.append(ch.encode("gb18030"))
            except UnicodeEncodeError:
                return []
        else:
            return []
    if ch == "\u20ac" and codec == "gbk":
        out.append(b"\x80")  # cp936 maps 0x80 to the euro sign; Python's gbk uses A2E3
    if "!" <= ch <= "~":
        with contextlib.suppress(UnicodeEncodeError):
            out.append(chr(ord(ch) + 0xFEE0).encode(codec))
    return out


def _encodings(run: str, codec: str) -> list[bytes]:
    """Every byte string ``run`` may have been, at most 8 (3 ambiguous ASCII characters)."""
    parts = []
    n_alt = 0
    for ch in run:
        alts = _enc_char(ch, codec)
        if not alts:
            return []
        if len(alts) > 1:
            n_alt += 1
            if n_alt > 3:
                alts = alts[:1]
        parts.append(alts)
    return [b"".join(p) for p in product(*parts)]


@cache
def _gbk_pairs(byte: int, first: bool) -> tuple[str, ...]:
    """GBK characters whose first (``first``) or second byte is ``byte``: the other byte was lost."""
    out = []
    for other in range(0x40, 0xFF) if first else range(0x81, 0xFF):
        with contextlib.suppress(UnicodeDecodeError):
            out.append(bytes([byte, other] if first else [other, byte]).decode("gbk"))
    return tuple(out)


def trail_candidates(trail: int) -> tuple[str, ...]:
    """GBK characters whose second byte is ``trail`` (the first byte was lost)."""
    return _gbk_pairs(trail, first=False)


def lead_candidates(lead: int) -> tuple[str, ...]:
    """GBK characters whose first byte is ``lead`` (the second byte was lost)."""
    return _gbk_pairs(lead, first=True)


def choose_byte_candidate(cands: tuple[str, ...], before: str, after: str) -> str | None:
    """Dictionary choice, falling back to the single sentence punctuation mark among the candidates."""
    hit = choose(cands, before, after)
    if hit is not None:
        return hit
    punct = [c for c in cands if c in _SENTENCE_PUNCT]
    if len(punct) == 1 and before[-1:] and HAN_RE.match(before[-1]) and after[:1] and HAN_RE.match(after[0]):
        return punct[0]
    return None


def _decode_plain(data: bytes, codec: str) -> str | None:
    try:
        out = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return out


def _decode_utf8_edges(data: bytes) -> tuple[str, int, int] | None:
    """UTF-8 decode allowing up to 2 stray bytes at each end (a character cut by the run boundary)."""
    for lo in range(3):
        for hi in range(3):
            chunk = data[lo : len(data) - hi]
            if not chunk:
                continue
            try:
                return chunk.decode("utf-8"), lo, hi
            except UnicodeDecodeError:
                continue
    return None


def candidates(run: str) -> list[tuple[str, str, dict]]:
    """(decoded text, method, orphan info) for every decoding that yields clean text."""
    found: list[tuple[str, str, dict]] = []
    for shown, other in (("gbk", "big5"), ("big5", "gbk")):  # the codec the run was shown in, the other one
        for data in _encodings(run, shown):
            dec = _decode_utf8_edges(data)
            if dec is not None and dec[0]:
                text, lo, hi = dec
                found.append((text, f"utf8-as-{shown}", {"lost_left": lo > 0, "lost_right": hi > 0}))
            dec2 = _decode_plain(data, other)
            if dec2:
                found.append((dec2, f"{other}-as-{shown}", {}))
            if shown == "gbk" and len(data) >= 3:
                # One byte out of step: data[0] is the orphan second byte of a character whose
                # first byte was lost; if the rest is odd, its last byte is an orphan first byte.
                odd_tail = len(data) % 2 == 0
                body = data[1:-1] if odd_tail else data[1:]
                dec3 = _decode_plain(body, "gbk")
                if dec3:
                    info = {"trail": data[0], "lead": data[-1] if odd_tail else None}
                    found.append((dec3, "gbk-shift", info))
    return found
