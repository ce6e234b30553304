"""Bytes to text: how every input is decoded, or refused with the reason.

Order, each step verified by a strict decode: BOM, UTF-8, the CJK charset the file
declares (``<meta charset>`` / ``http-equiv`` / XML declaration), then charset-normalizer
limited to the encodings these sites use. GB2312 and GBK are decoded as GB18030 (a strict
superset), Big5 as CP950 (Big5 plus the Microsoft extensions real pages use). A file that
decodes except at a few places is read with U+FFFD there and flagged, not refused.
"""

from __future__ import annotations

import codecs
import re
from contextlib import suppress
from dataclasses import dataclass

# Declared names mapped to the codec that decodes everything they are used for in practice.
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "gb18030": "gb18030",
    "big5": "cp950",
    "big5-hkscs": "big5hkscs",
    "x-big5": "cp950",
    "utf8": "utf-8",
    "unicode": "utf-16",
}
_DETECTABLE = ["utf_8", "gb18030", "cp950", "big5hkscs", "utf_16", "utf_32", "cp1252", "latin_1"]
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
)


class InputError(ValueError):
    """A file (or record) that cannot become an article; the message is the quarantine reason."""


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format of ``data``, or None if it may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    head = data[:8192]
    from bs4.dammit import EncodingDetector

    if EncodingDetector.strip_byte_order_mark(head[:4])[1]:
        return None  # UTF-16/32 text legitimately holds NUL bytes
    nuls = head.count(b"\x00")
    if nuls >= 2 and (nuls >= 16 or nuls * 1000 >= len(head)):  # random bytes: one in 256 is NUL
        return "binary data (NUL bytes)"
    return None  # no NUL, or a stray one or two in a text: debris, dropped after decoding


def codec_for(name: str) -> str | None:
    """The Python text codec for a declared charset name, or None (unknown, or not a text encoding)."""
    name = name.strip().lower()
    name = _ALIASES.get(name, name)
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    # rot13, base64, zlib ... are codecs too, but not text encodings ('undefined' decodes nothing):
    # a page declaring one is lying
    if not getattr(info, "_is_text_encoding", True) or info.name == "undefined":
        return None
    return info.name


# A file that decodes except at a few places is that encoding with a few bytes damaged (a truncated
# download, a bad copy): it is read with U+FFFD there and flagged, not quarantined. A place is a run
# of undecodable bytes (one damaged byte inside a multi-byte character spoils the whole character).
MAX_DAMAGE_SHARE = 0.0005  # places per byte
MAX_DAMAGE_MIN = 16
# charsets servers and pages name by default, whatever the bytes are: they decide nothing
_NOT_A_DECLARATION = ("latin-1", "iso8859-1", "cp1252", "ascii")
_BOM_FAMILY = {"utf-16le": "utf-16", "utf-16be": "utf-16", "utf-32le": "utf-32", "utf-32be": "utf-32"}


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    replaced: int = 0  # places where bytes did not decode and became U+FFFD


def decode(data: bytes, media_type: str = "text", charset: str | None = None) -> Decoded:
    """Decode raw bytes, or raise :class:`InputError` saying why they are not text.

    Order, each step verified by a strict decode: a byte-order mark; UTF-8; the
    ``charset`` the page came with (an HTTP ``Content-Type``, as a WARC keeps it); for
    HTML the charset the page declares (``<meta charset>``, ``http-equiv``, the
    XML declaration), found by bs4's ``EncodingDetector``, with GB2312/GBK read as
    GB18030 and Big5 as CP950; then, before guessing, UTF-8 or the declared
    charset with a handful of damaged bytes replaced (see ``MAX_DAMAGE_SHARE``);
    then charset-normalizer limited to the encodings these sites use.
    ``encoding`` names the codec that decoded the bytes, so the record says
    truthfully how the input was read.
    """
    from bs4.dammit import EncodingDetector

    body, bom = EncodingDetector.strip_byte_order_mark(data)
    if bom:
        try:
            return Decoded(body.decode(bom), _BOM_FAMILY.get(bom, bom))
        except UnicodeDecodeError as exc:
            raise InputError(f"undecodable: starts with a {bom} byte-order mark but is not valid {bom}") from exc
    try:
        # Valid UTF-8 with multi-byte sequences is practically never another
        # encoding by chance, while pages that declare latin-1 or the wrong GB
        # charset are common; so UTF-8 is tried before the declaration.
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if b"~{" in data[:16384] and data.isascii():  # HZ (RFC 1843): GB2312 in 7-bit ASCII, old mail
            with suppress(UnicodeDecodeError):
                hz = data.decode("hz")
                if sum(1 for c in hz[:20000] if 0x4E00 <= ord(c) <= 0x9FFF) >= 20:
                    return Decoded(hz, "hz")
        return Decoded(text, "utf-8")
    sent = codec_for(charset) if charset else None
    if sent and sent not in _NOT_A_DECLARATION:
        with suppress(UnicodeDecodeError):
            return Decoded(data.decode(sent), sent)
    declared = None
    if media_type == "html":
        name = EncodingDetector.find_declared_encoding(data[:4096], is_html=True)
        codec = codec_for(name) if name else None
        if codec and codec not in _NOT_A_DECLARATION:
            declared = codec
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError:
                pass  # the declaration lies, or a few bytes are damaged
    for codec in (declared, "utf-8"):
        if codec:
            nearly = _nearly(data, codec)
            if nearly is not None:
                return nearly
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_DETECTABLE).best()
    if best is None or best.encoding in ("cp1252", "latin_1") and not _mostly_ascii(data):
        raise InputError("undecodable: the bytes are not valid UTF-8, GB18030, Big5 or UTF-16 text")
    codec = codec_for(best.encoding) or best.encoding
    try:
        return Decoded(data.decode(codec), codec)
    except (UnicodeDecodeError, LookupError) as exc:  # pragma: no cover - charset-normalizer verified it
        raise InputError(f"undecodable: detected {codec} but the bytes do not decode") from exc


_DAMAGE = re.compile("\ufffd+")


def _nearly(data: bytes, codec: str) -> Decoded | None:
    """``data`` in ``codec`` with its undecodable bytes replaced, when the damage is small and the rest is text."""
    text = data.decode(codec, errors="replace")
    places = len(_DAMAGE.findall(text))
    if places > max(MAX_DAMAGE_MIN, MAX_DAMAGE_SHARE * len(data)):
        return None
    if sum(1 for c in text[:20000] if 0x2E80 <= ord(c) < 0xFFFD) < 20:  # too little CJK to trust the guess
        return None
    return Decoded(text, codec, places)


def utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text saved without a byte-order mark (its NUL bytes look binary): mostly CJK, no controls."""
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        sample = text[:5000]
        if any(c < " " and c not in "\n\r\t" for c in sample):
            continue
        cjk = [c for c in sample if 0x2E80 <= ord(c) < 0xFFFD]
        if len(cjk) < 0.3 * max(1, len(sample.strip())):
            continue
        # ASCII read as UTF-16 also gives CJK code points, but rare ones: real text is mostly common characters
        from pipeline.normalize._resources import RARE_LOGP, char_logp

        logp = char_logp()
        if sum(1 for c in cjk if logp.get(c, -99.0) >= RARE_LOGP) >= 0.8 * len(cjk):
            return Decoded(text, "utf-16")
    return None


def decode_bytes(data: bytes, media_type: str = "text") -> tuple[str, str]:
    """``(text, encoding)`` of :func:`decode` (kept for callers that do not need the damage count)."""
    d = decode(data, media_type)
    return d.text, d.encoding


def _mostly_ascii(data: bytes) -> bool:
    high = sum(1 for b in data[:65536] if b >= 0x80)
    return high <= len(data[:65536]) * 0.02


def utf8_with_damage(line: bytes, mostly: bool = False) -> Decoded | None:
    """``line`` as UTF-8 with its undecodable places as U+FFFD (``mostly``: only when they are at most
    one character in fifty)."""
    text = line.decode("utf-8", "replace")
    places = len(_DAMAGE.findall(text)) - len(_DAMAGE.findall(line.decode("utf-8", "ignore")))
    if mostly and places > max(2, len(text) // 50):
        return None
    return Decoded(text, "utf-8", places)
