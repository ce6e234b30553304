"""WARC crawl files (``.warc``, ``.warc.gz``, Common Crawl's ``.wet.gz``): one document per page record.

Crawlers (Heritrix, Browsertrix, ``wget --warc-file``, Common Crawl) archive what they fetch
as WARC. Read with warcio, a record becomes a document when it is a page:

* a ``response`` with HTTP status 200 and an HTML (``text/html``, XHTML) or ``text/plain``
  body, its transfer and content encodings (chunked, gzip, deflate) undone;
* a ``resource`` or ``conversion`` record of those types (a WET file's extracted text is
  ``conversion`` ``text/plain``).

Requests, metadata, redirects, error pages, images, scripts and style sheets are not pages
and are skipped. The document's key is ``file.warc.gz#OFFSET``, the byte offset of its record
in the file (stable while the file is, and found without reading what precedes it); its url is
the record's ``WARC-Target-URI``, its ``fetched_at`` the ``WARC-Date``, its sha256 that of the
page's bytes, so the same page in a later crawl is an exact copy. The charset of the HTTP
``Content-Type`` is tried first, then what ingest tries for any page.

A file (or a part of one) that holds records but no page is one quarantined entry saying so;
a file that is not WARC, or breaks off, is quarantined where reading failed, and the pages
before that are kept. Large files are read in parts of about ``run.batch_size`` pages
(:func:`split`): a part holds the records that *start* in its byte
range; a gzip member (every record of a ``.warc.gz`` is one) or, uncompressed, a header
block whose ``Content-Length`` ends at a record boundary, is where the first one starts.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import Counter
from pathlib import Path
from typing import BinaryIO

from pipeline.config import Settings
from pipeline.crawl_parts import Part
from pipeline.normalize.misread import repair_lines
from pipeline.record import Document

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_PAGE_RECORDS = ("response", "resource", "conversion")
_SCAN = 1 << 20
_GZIP_MEMBER = b"\x1f\x8b\x08"
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)
_CONTENT_LENGTH = re.compile(rb"\r\nContent-Length:\s*(\d+)", re.IGNORECASE)


def is_warc(name: str, settings: Settings) -> bool:
    """True for a file name with one of ``ingest.warc_suffixes`` (``x.warc.gz``: its suffix is ``.gz``)."""
    return name.lower().endswith(tuple(s.lower() for s in settings.ingest.warc_suffixes))


def split(path: Path, settings: Settings) -> list[Part] | None:
    """Byte ranges of a WARC file of more than ``run.batch_size`` pages, each to hold about that many
    (and at most ``ingest.crawl_part_bytes``), or None to read the file whole. How many bytes a page takes is
    measured on the file's first records (a compressed file's pages take a fifth of their size, and
    requests, metadata and images sit between them); no pass over the whole file is needed, since
    the reader of a range finds the first record that starts in it (:func:`load`)."""
    cap = settings.ingest.crawl_part_bytes
    try:
        size = path.stat().st_size
    except OSError:
        return None
    if size <= min(cap, 1 << 20):
        return None
    per_page = _bytes_per_page(path)
    step = cap if per_page is None else max(1, min(cap, int(per_page * settings.run.batch_size)))
    if size <= step:
        return None
    return [Part(a, min(a + step, size), 0, settings.run.batch_size, a + step >= size) for a in range(0, size, step)]


def _bytes_per_page(path: Path, records: int = 400, window: int = 1 << 23) -> float | None:
    """File bytes per page record over the first ``records`` records or ``window`` bytes, or None."""
    from warcio.archiveiterator import ArchiveIterator

    pages = 0
    end = 0
    try:
        with path.open("rb") as fh:
            it = ArchiveIterator(fh)
            for n, record in enumerate(it):
                pages += _page(record) is not None
                if n + 1 >= records or it.offset >= window:
                    break
            it.read_to_end()
            end = it.offset
    except Exception:  # noqa: BLE001 - a file warcio cannot read is read whole, and quarantined there
        return None
    return end / pages if pages and end else None


def _gzip_start(fh: BinaryIO, start: int, end: int) -> int | None:
    """Offset of the first gzip member at or after ``start`` (and before ``end``) that holds a WARC record."""
    pos = start
    while pos < end:
        fh.seek(pos)
        data = fh.read(_SCAN + 64)
        if not data:
            return None
        i = data.find(_GZIP_MEMBER)
        while 0 <= i < _SCAN and pos + i < end:
            try:
                head = zlib.decompressobj(31).decompress(data[i:i + 4096], 16)
            except zlib.error:
                head = b""
            if head.startswith(b"WARC/"):
                return pos + i
            i = data.find(_GZIP_MEMBER, i + 1)
        pos += _SCAN
    return None


def _plain_start(fh: BinaryIO, start: int, end: int) -> int | None:
    """Offset of the first uncompressed WARC record at or after ``start`` (and before ``end``): a
    ``WARC/1.x`` line after a blank line whose ``Content-Length`` lands on the record's end."""
    if start == 0:
        return 0
    pos = max(0, start - 4)
    while pos < end:
        fh.seek(pos)
        data = fh.read(_SCAN + 64)
        if not data:
            return None
        i = data.find(b"\r\n\r\nWARC/1.")
        while 0 <= i < _SCAN and pos + i + 4 < end:
            at = pos + i + 4
            fh.seek(at)
            head = fh.read(16384)
            block_end = head.find(b"\r\n\r\n")
            length = _CONTENT_LENGTH.search(head, 0, block_end) if block_end > 0 else None
            if length:
                fh.seek(at + block_end + 4 + int(length.group(1)))
                if fh.read(4) == b"\r\n\r\n":
                    return at
            i = data.find(b"\r\n\r\nWARC/1.", i + 1)
        pos += _SCAN
    return None


def _page(record) -> str | None:
    """``html`` or ``text`` when the record is a page, else None."""
    if record.rec_type not in _PAGE_RECORDS:
        return None
    if record.http_headers is not None:
        if record.http_headers.get_statuscode() != "200":
            return None
        ctype = record.http_headers.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    ctype = ctype.split(";")[0].strip().lower()
    if ctype in _HTML_TYPES:
        return "html"
    if ctype == "text/plain":
        return "text"
    return None


def _charset(record) -> str | None:
    headers = record.http_headers if record.http_headers is not None else record.rec_headers
    m = _CHARSET.search(headers.get_header("Content-Type") or "")
    return m.group(1) if m else None


def load(rel: str, path: Path, part: Part | None, settings: Settings) -> list[Document]:
    """The page documents of a WARC file, or of the records that start in ``part`` of it."""
    from warcio.archiveiterator import ArchiveIterator

    from pipeline import ingest

    max_bytes = settings.ingest.max_bytes
    docs: list[Document] = []
    skipped: Counter[str] = Counter()
    first: int | None = None  # offset of the part's first record
    with path.open("rb") as fh:
        gz = fh.read(3) == _GZIP_MEMBER
        start, end = (0, float("inf")) if part is None else (part.start, part.end)
        if part is not None:
            begin = (_gzip_start if gz else _plain_start)(fh, part.start, part.end)
            if begin is None:
                return []  # a record begun in an earlier part fills this one: that part reads it
            start = begin
        fh.seek(start)
        records = ArchiveIterator(fh)
        offset = start
        try:
            for record in records:
                offset = records.offset  # where this record starts (get_record_offset() would read it first)
                if offset >= end:
                    break
                first = offset if first is None else first
                kind = _page(record)
                if kind is None:
                    skipped[f"{record.rec_type} {(_content_type(record) or 'no type')}"] += 1
                    continue
                docs.append(_document(f"{rel}#{offset}", record, kind, max_bytes, ingest))
            else:  # the end of the file: what warcio could not read as a record (a cut one) is said so
                offset = records.offset
                fh.seek(offset)
                if fh.read(64).strip(b"\r\n\x00"):
                    raise ValueError("the file breaks off inside a record (cut short while downloaded or copied)")
        except Exception as exc:  # noqa: BLE001 - a broken archive costs its rest, never the pages before
            why = (str(exc).strip() or type(exc).__name__)[:160]
            if part is None and first is None:
                docs.append(ingest._quarantined(rel, f"not a WARC file: {why}"))
                return docs
            else:
                docs.append(ingest._quarantined(f"{rel}#{offset}", f"invalid WARC from byte {offset:,} on: {why}; "
                                                                  "the pages before it are kept"))
    if part is None and first is None:  # (a gzip warcio reads nothing from raises nothing)
        return [ingest._quarantined(rel, "not a WARC file: no WARC record in it")]
    if not docs:
        what = ", ".join(f"{n} {k}" for k, n in skipped.most_common(4))
        key = rel if part is None or first is None else f"{rel}#{first}"
        doc = Document(path=key, sha256=hashlib.sha256(what.encode()).hexdigest(), size=0)
        doc.quarantine(f"no page: the WARC records here ({what or 'none'}) hold no HTML or text response"
                       if part is None else f"no page in this part of the WARC file ({what or 'no record'})")
        docs.append(doc)
    return docs


def _content_type(record) -> str:
    headers = record.http_headers if record.http_headers is not None else record.rec_headers
    return (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _document(key: str, record, kind: str, max_bytes: int, ingest) -> Document:
    """One page record as a document, decoded as ingest decodes a page, with the HTTP charset first."""
    url = record.rec_headers.get_header("WARC-Target-URI")
    data = record.content_stream().read(max_bytes + 1)
    digest = hashlib.sha256(data).hexdigest()
    doc = Document(path=key, sha256=digest, size=len(data), media_type=kind, url=url or None,
                   fetched_at=ingest._timestamp(record.rec_headers.get_header("WARC-Date")))
    if len(data) > max_bytes:
        doc.quarantine(ingest._oversized(len(data), max_bytes, "a WARC page", "ingest.max_bytes") + " or more")
        return doc
    while record.raw_stream.read(1 << 16):  # what the page's encodings left: the record's end, or none
        pass
    if getattr(record.raw_stream, "limit", 0) > 0:
        doc.quarantine("truncated: the WARC record breaks off before its end (a download or copy cut short)")
        return doc
    decoded = None
    codec = ingest._codec(_charset(record) or "")
    if codec and codec not in ("utf-8", "latin-1", "iso8859-1", "cp1252", "ascii") and not _utf8(data):
        try:  # valid UTF-8 stays UTF-8 whatever the server said, as with a page's own declaration
            decoded = ingest.Decoded(data.decode(codec), codec)
        except (UnicodeDecodeError, LookupError):
            decoded = None
    if decoded is None:
        try:
            decoded = ingest.decode(data, kind)
        except ingest.InputError as exc:
            doc.quarantine(str(exc))
            return doc
    doc.encoding = decoded.encoding
    doc.raw = repair_lines(decoded.text.replace("\x00", ""))[0]
    if decoded.replaced:
        doc.flag("decode_errors")
    if not data.strip():
        doc.quarantine("empty: the page has no content")
    else:
        ingest._check_text(doc)
    return doc
