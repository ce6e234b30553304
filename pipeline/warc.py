"""WARC crawl files (``.warc``, ``.warc.gz``, Common Crawl's ``.wet.gz``): one document per page record.

Crawlers (Heritrix, Browsertrix, ``wget --warc-file``, Common Crawl) archive what they fetch
as WARC. Read with warcio, a record becomes a document when it is a page:

* a ``response`` with HTTP status 200 and an HTML (``text/html``, XHTML) or ``text/plain``
  body, its transfer and content encodings (chunked, gzip, deflate, brotli) undone;
* a ``resource`` or ``conversion`` record of those types (a WET file's extracted text is
  ``conversion`` ``text/plain``).

Requests, metadata, redirects, error pages, images, scripts and style sheets are not pages
and are skipped. The document's key is ``file.warc.gz#OFFSET``, the byte offset of its record
in the file (stable while the file is, and found without reading what precedes it); its url is
the record's ``WARC-Target-URI``, its ``fetched_at`` the ``WARC-Date``, its sha256 that of the
page's bytes, so the same page in a later crawl is an exact copy. Strict UTF-8 is tried first,
then the charset of the HTTP ``Content-Type``, then what ingest tries for any page.

A file that holds records but no page is one quarantined entry saying so; a file that is not
WARC says so; a record that does not parse, or where the file breaks off, is one entry keyed
where it starts, and the pages before it are kept (in a gzipped file, those after it too).
Large files are read in parts of about ``run.batch_size`` pages (:func:`split`), each holding
the records that *start* in it.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import re
import zlib
from collections import Counter
from pathlib import Path
from typing import BinaryIO

from pipeline.config import Settings
from pipeline.crawl_parts import Part, gunzip
from pipeline.decoding import InputError, decode
from pipeline.inputs import check_text, oversized, quarantined, timestamp
from pipeline.normalize.misread import repair_lines
from pipeline.record import Document

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_PAGE_RECORDS = ("response", "resource", "conversion")
_SCAN = 1 << 20
_GZIP_MEMBER = b"\x1f\x8b\x08"
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)
_CONTENT_LENGTH = re.compile(rb"\r\nContent-Length:\s*(\d+)", re.IGNORECASE)


def split(path: Path, settings: Settings) -> list[Part] | None:
    """Parts of a WARC file of more than ``run.batch_size`` pages, each to hold about that many (and at
    most ``ingest.crawl_part_bytes``), or None to read the file whole.

    How many bytes a page takes is measured on the file's first records (a compressed file's pages
    take a fifth of their size, and requests, metadata and images sit between them). A gzipped file
    is cut into plain byte ranges, whose reader finds its first gzip member (:func:`load`): no pass
    over the file is needed. An uncompressed file is cut at record starts found by walking the
    record headers (a seek over each record's ``Content-Length``, no content read), since a page may
    quote a whole WARC record and no scan could tell it from a real one. Only a file that starts
    with a WARC record and has pages among its first records is cut: an ARC file, a gzipped page,
    a file gzipped as one member or of no page is read whole, as warcio reads it (so every file
    cut has entries: its pages).
    """
    cap = settings.ingest.crawl_part_bytes
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    if size <= min(cap, 1 << 20):
        return None
    gz = head.startswith(_GZIP_MEMBER)
    if not (_inflates_to_warc(head) if gz else head.startswith(b"WARC/1.")):
        return None
    per_page = _bytes_per_page(path)
    if per_page is None:  # no page among the first records, or records warcio cannot read: read whole
        return None
    step = max(1, min(cap, int(per_page * settings.run.batch_size)))
    if size <= step:
        return None
    cuts = list(range(step, size, step)) if gz else _record_cuts(path, size, step)
    bounds = [0, *cuts, size]
    batch = settings.run.batch_size
    return [Part(a, b, 0, batch, b == size) for a, b in zip(bounds, bounds[1:], strict=False)] if cuts else None


def _inflates_to_warc(data: bytes) -> bool:
    """True when ``data`` starts a gzip member whose content starts a WARC record."""
    try:
        return zlib.decompressobj(31).decompress(data[:4096], 16).startswith(b"WARC/1.")
    except zlib.error:
        return False


def _record_cuts(path: Path, size: int, step: int) -> list[int]:
    """Record starts of an uncompressed WARC file about ``step`` bytes apart, found by walking its
    record headers; the walk stops where a header does not parse (the reader of the last part
    reports what is there, as reading the whole file would)."""
    cuts: list[int] = []
    pos, next_cut = 0, step
    with path.open("rb") as fh:
        while pos < size:
            fh.seek(pos)
            head = fh.read(8192)
            block_end = head.find(b"\r\n\r\n")
            if block_end < 0 and head.startswith(b"WARC/1."):
                head += fh.read(1 << 16)
                block_end = head.find(b"\r\n\r\n")
            length = _CONTENT_LENGTH.search(head, 0, block_end) if block_end > 0 else None
            if not head.startswith(b"WARC/1.") or length is None:
                break
            pos += block_end + 4 + int(length.group(1))
            fh.seek(pos)
            while (gap := fh.read(64)) and not gap.lstrip(b" \t\r\n"):  # the blank lines between records
                pos += len(gap)
            pos += len(gap) - len(gap.lstrip(b" \t\r\n"))
            if pos >= next_cut and pos < size:
                cuts.append(pos)
                next_cut = pos + step
    return cuts


def _bytes_per_page(path: Path, records: int = 400, window: int = 1 << 23) -> float | None:
    """File bytes per page record over the first ``records`` records or ``window`` bytes, or None."""
    from warcio.archiveiterator import ArchiveIterator

    pages = 0
    end = 0
    it = None
    try:
        with path.open("rb") as fh:
            it = ArchiveIterator(fh)
            for n, record in enumerate(it):
                pages += _page(record) is not None
                if n + 1 >= records or it.offset >= window:
                    break
            it.read_to_end()
            end = it.offset
    except Exception as exc:  # noqa: BLE001 - a broken record later on: the records before it tell
        if "non-chunked gzip" in str(exc):  # gzipped as one member: read whole, as a stream
            return None
        end = it.offset if it is not None else 0
    return end / pages if pages and end > 0 else None


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
            candidate = data[i:i + 4096]
            if len(candidate) < 4096:  # near the window's end: read the member's start from the file
                fh.seek(pos + i)
                candidate = fh.read(4096)
            if _inflates_to_warc(candidate):
                return pos + i
            i = data.find(_GZIP_MEMBER, i + 1)
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
    """The page documents of a WARC file, or of the records that start in ``part`` of it.

    A record that does not parse is one quarantined entry keyed by where it starts (by the part
    it starts in); in a gzipped file reading goes on at the next gzip member that holds a record,
    so a broken record costs itself. A page whose body cannot be read costs that page.
    """
    with path.open("rb") as fh:
        gz = fh.read(3) == _GZIP_MEMBER
        start, end = (0, path.stat().st_size) if part is None else (part.start, part.end)
        if start == 0 and not gz:  # blank lines before the first record (a writer's stray CRLF)
            fh.seek(0)
            head = fh.read(4096)
            start = len(head) - len(head.lstrip(b" \t\r\n")) if head.lstrip(b" \t\r\n") else 0
        if part is not None and gz and start > 0:
            start = _gzip_start(fh, part.start, part.end)
            if start is None:
                return []  # a record begun in an earlier part fills this one: that part reads it
        read = _Reader(rel, settings.ingest.max_bytes, float("inf") if part is None else end)
        try:
            read(fh, start, gz)
        except _OneMember:  # ``gzip file.warc``, or such a file joined to another: read as a stream
            if part is not None:
                return []  # (split() never cuts such a file)
            read = _Reader(rel, settings.ingest.max_bytes, float("inf"))
            with gzip.open(path, "rb") as stream:
                read(stream, 0, False)
    docs, first = read.docs, read.first
    if part is None and first is None:  # (a gzip warcio reads nothing from raises nothing)
        return docs or [quarantined(rel, "not a WARC file: no WARC record in it")]
    if not docs and first is not None and part is None:  # (a file in parts has pages: see split())
        what = ", ".join(f"{n} {k}" for k, n in read.skipped.most_common(4))
        doc = Document(path=rel, sha256=hashlib.sha256(what.encode()).hexdigest(), size=0)
        doc.quarantine(f"no page: the WARC records here ({what or 'none'}) hold no HTML or text response")
        docs.append(doc)
    return docs


class _OneMember(Exception):
    """A gzipped WARC with a gzip member holding several records (``gzip x.warc``, or such a file
    joined to another): no record in it can be found by its offset."""


class _Reader:
    """Reads the records that start before ``end`` into ``docs``; a record that does not parse is one
    entry keyed by where it starts, and in a gzipped file reading goes on at the next member."""

    def __init__(self, rel: str, max_bytes: int, end: float) -> None:
        self.rel, self.max_bytes, self.end = rel, max_bytes, end
        self.docs: list[Document] = []
        self.skipped: Counter[str] = Counter()
        self.first: int | None = None  # offset of the first record read
        self.read = 0  # records read

    def __call__(self, fh: BinaryIO, pos: int | None, gz: bool) -> None:
        from warcio.archiveiterator import ArchiveIterator

        while pos is not None:
            fh.seek(pos)
            records = ArchiveIterator(fh)
            try:
                last_at = self._records(fh, records, gz)
                if last_at is None or not gz or last_at < pos:
                    return
                # warcio ends without a word at a member whose compressed bytes are damaged: go on after it
                pos = _gzip_start(fh, last_at + 1, self.end)
                continue
            except Exception as exc:  # noqa: BLE001 - a broken record costs itself, never the pages before
                if "non-chunked gzip" in str(exc):
                    if self.end == float("inf") or pos == 0 and self.read == 1:  # read whole: as a stream
                        raise _OneMember from exc
                    # members holding several records, after members of one: no record can be found
                    # by its offset any more; said once, keyed where no page of this part is
                    at = min(max([pos, *self._offsets()]) + 1, int(self.end) - 1)  # (a part: end is finite)
                    self.docs.append(quarantined(
                        f"{self.rel}#{at}", f"invalid WARC from byte {at:,} on: gzip members holding several "
                        "records each, whose pages are not read (`warcio recompress` gives one record a member)"))
                    return
                at = exc.at if isinstance(exc, _CutShort) else records.offset  # the failing record's start
                at = max(at, pos)
                if at >= self.end and (not gz or self._member_at(fh, at)):
                    return  # a record starting in the next part: that part reads it and reports it
                # (bytes that are no record right after this part's last one: no part would find them)
                why = _why(exc, fh, at)
                if self.first is None and at == 0:
                    self.docs.append(quarantined(self.rel, f"not a WARC file: {why}"))
                    return
                self.docs.append(quarantined(f"{self.rel}#{at}", f"invalid WARC record at byte {at:,}: {why}"))
                self.first = at if self.first is None else self.first
                pos = _gzip_start(fh, at + 1, self.end) if gz else None

    def _offsets(self) -> list[int]:
        return [int(d.path.rsplit("#", 1)[1]) for d in self.docs if "#" in d.path]

    @staticmethod
    def _member_at(fh: BinaryIO, at: int) -> bool:
        fh.seek(at)
        return _inflates_to_warc(fh.read(4096))

    def _records(self, fh: BinaryIO, records, gz: bool) -> int | None:
        """Read until the end of the part (None) or of what warcio reads (the last record's offset)."""
        last, last_page, offset = None, False, -1
        for record in records:
            offset = records.offset  # where this record starts (get_record_offset() would read it)
            if offset >= self.end:
                return None
            self.first = offset if self.first is None else self.first
            self.read += 1
            last, last_page = record, False
            kind = _page(record)
            if kind is None:
                self.skipped[f"{record.rec_type} {(_content_type(record) or 'no type')}"] += 1
                continue
            last_page = True
            key = f"{self.rel}#{offset}"
            try:
                self.docs.append(_document(key, record, kind, self.max_bytes))
            except Exception as exc:  # noqa: BLE001 - a body warcio cannot undo costs its page
                self.docs.append(quarantined(key, f"unreadable page: {_printable(str(exc))}"))
        _check_end(fh, records, last, last_page, gz)  # the end of the file: a record cut short is said so
        return offset

def _check_end(fh: BinaryIO, records, last, last_page: bool, gz: bool) -> None:
    """Raise when the file ends inside a record that is not a page (a page cut short is its own entry,
    ``truncated``), or with bytes warcio could not read as a record."""
    if last is not None and not last_page:
        records.read_to_end()
        headers_cut = last.rec_type is None or last.rec_headers.get_header("Content-Length") is None
        if headers_cut or getattr(last.raw_stream, "limit", 0) > 0:
            raise _CutShort(records.member_info[0])
    fh.seek(records.offset)
    tail = fh.read(64)
    if tail.strip(b"\r\n\x00") and not (gz and _empty_members(fh, records.offset)):
        raise _CutShort(records.offset)


def _empty_members(fh: BinaryIO, at: int) -> bool:
    """True when what follows ``at`` is gzip members of nothing but blanks (an empty member a writer
    closed the file with)."""
    fh.seek(at)
    try:
        return not b"".join(gunzip(io.BytesIO(fh.read(1 << 16)).read)).strip()
    except ValueError:  # not gzip, or more than a closing member
        return False


def _printable(text: str, limit: int = 160) -> str:
    """A message fit for a reason: control characters and binary bytes shown as ``·``, one per run."""
    return re.sub(r"[^\S ]+|[\x00-\x1f\x7f-\x9f\ufffd]+", "·", text.strip())[:limit] or "no message"


def _why(exc: Exception, fh: BinaryIO, at: int) -> str:
    """What is wrong with the record at ``at``, in words (never a Python message from warcio's inside)."""
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    if isinstance(exc, ArchiveLoadFailed | StatusAndHeadersParserException | _CutShort):
        return _printable(str(exc) or type(exc).__name__)
    fh.seek(at)
    rest = fh.read(1 << 16)
    if len(rest) < 1 << 16 and b"\r\n\r\n" not in rest:
        return "the file breaks off inside this record's headers (cut short while downloaded or copied)"
    return f"its headers do not parse ({type(exc).__name__})"


class _CutShort(ValueError):
    """The file ends inside the record that starts at ``at``."""

    def __init__(self, at: int) -> None:
        super().__init__("the file breaks off inside this record (cut short while downloaded or copied)")
        self.at = at


def _content_type(record) -> str:
    headers = record.http_headers if record.http_headers is not None else record.rec_headers
    return (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()


def _unbrotli(stream, limit: int) -> bytes:
    """A brotli body undone up to ``limit`` bytes (a small body can expand to gigabytes)."""
    import brotli

    d = brotli.Decompressor()
    out = bytearray()
    while len(out) < limit and not d.is_finished():
        chunk = stream.read(1 << 16) if d.can_accept_more_data() else b""
        if not chunk and d.can_accept_more_data():
            break
        out += d.process(chunk, output_buffer_limit=limit - len(out))
    if len(out) < limit and not d.is_finished():
        raise ValueError("its brotli body breaks off")
    return bytes(out[:limit])


def _document(key: str, record, kind: str, max_bytes: int) -> Document:
    """One page record as a document, decoded as ingest decodes a page, with the HTTP charset after UTF-8."""
    url = record.rec_headers.get_header("WARC-Target-URI")
    encoding = (record.http_headers.get_header("Content-Encoding") or "") if record.http_headers else ""
    if encoding.strip().lower() == "br":  # warcio's own brotli hook expects another brotli binding
        data = _unbrotli(record.raw_stream, max_bytes + 1)
    else:
        data = record.content_stream().read(max_bytes + 1)
    digest = hashlib.sha256(data).hexdigest()
    doc = Document(path=key, sha256=digest, size=len(data), media_type=kind, url=url or None,
                   fetched_at=timestamp(record.rec_headers.get_header("WARC-Date")))
    if len(data) > max_bytes:
        doc.quarantine(oversized(len(data), max_bytes, "a WARC page", "ingest.max_bytes") + " or more")
        return doc
    while record.raw_stream.read(1 << 16):  # what the page's encodings left: the record's end, or none
        pass
    if getattr(record.raw_stream, "limit", 0) > 0:
        doc.quarantine("truncated: the WARC record breaks off before its end (cut short, or its compressed "
                       "bytes are damaged)")
        return doc
    try:
        decoded = decode(data, kind, charset=_charset(record))
    except InputError as exc:
        doc.quarantine(str(exc))
        return doc
    doc.encoding = decoded.encoding
    doc.raw = repair_lines(decoded.text.replace("\x00", ""))[0]
    if decoded.replaced:
        doc.flag("decode_errors")
    if not data.strip():
        doc.quarantine("empty: the page has no content")
    else:
        check_text(doc)
    return doc
