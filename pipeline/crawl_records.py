"""JSON crawl files (``.json``, ``.jsonl``, ``.jsonl.gz``): one document per record.

A crawl file holds a JSON object, a JSON list of objects or JSON lines, each record
``{"url", "html" or "text", "fetched_at"}`` with an optional ``title``. What goes wrong costs as
little as it can: a record that does not parse, is too large or has no page is one quarantined
entry keyed ``file.jsonl#N``; a line that cannot be decoded costs its own record (each line is
then decoded alone). Large files are read in parts (:mod:`pipeline.crawl_parts`), each part's
records numbered as the whole file numbers them.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

from pipeline import crawl_parts
from pipeline.config import Settings
from pipeline.crawl_parts import Part
from pipeline.decoding import Decoded, InputError, decode, utf8_with_damage
from pipeline.inputs import check_text, oversized, quarantined, timestamp
from pipeline.normalize.misread import repair_double_encoded, repair_lines
from pipeline.record import Document


def inflate(data: bytes, cap: int) -> bytes:
    """A gzipped crawl file's bytes, inflated (every member); :class:`InputError` when the gzip is
    broken or inflates past ``cap``."""
    out: list[bytes] = []
    total = 0
    try:
        for chunk in crawl_parts.gunzip(io.BytesIO(data).read):
            out.append(chunk)
            total += len(chunk)
            if total > cap:
                raise InputError(f"oversized: a gzipped crawl file that inflates to more than {cap:,} bytes "
                                 "(ingest.max_crawl_file_bytes)")
    except ValueError as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(str(exc)) from None
    return b"".join(out)


def load_part(rel: str, path: Path, part: Part, settings: Settings) -> list[Document]:
    """The records of one part of a large JSON-lines file, each as the whole file gives it."""
    try:
        data = crawl_parts.read(path, part)
    except OSError as exc:
        return [quarantined(f"{rel}#{part.first}", f"unreadable: {exc.strerror or exc}")]
    try:
        decoded = decode(data, "record")
    except InputError:  # damage in one record spoils no other (as read whole)
        return by_line(rel, data, part.first, settings, utf8_damaged=False)
    if decoded.replaced and decoded.encoding == "utf-8":
        return by_line(rel, data, part.first, settings, utf8_damaged=True)
    text = decoded.text.replace("\x00", "")
    text = repair_double_encoded(text) or text
    docs = list(records(rel, text.rstrip() if part.last else text, decoded.encoding, data,
                         settings.ingest.max_bytes, part.first))
    if decoded.replaced:
        for doc in docs:
            doc.flag("decode_errors")
    return docs


def by_line(rel: str, data: bytes, first: int, settings: Settings, utf8_damaged: bool) -> list[Document]:
    """The records of JSON lines each decoded alone, so that damage costs its own record only.

    ``utf8_damaged``: the whole is UTF-8 with a few damaged places, so a line that is not clean
    UTF-8 is read as UTF-8 with U+FFFD and flagged, as the whole would have been; otherwise each
    line's encoding is found on its own (a GB18030 file with a bad byte, a record in another
    encoding than the rest).
    """
    return [doc for i, line in enumerate(data.split(b"\n")) if line.strip()
            for doc in _load_line(rel, line, first + i, settings, utf8_damaged)]


def _load_line(rel: str, line: bytes, number: int, settings: Settings, utf8_damaged: bool) -> list[Document]:
    """One line of JSON lines decoded on its own (see :func:`by_line`)."""
    try:
        decoded = Decoded(line.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:  # (a record in another encoding among UTF-8 ones is no damage: decoded below)
        decoded = utf8_with_damage(line, mostly=True) if utf8_damaged else None
    try:
        decoded = decoded or decode(line, "record")
    except InputError as exc:
        # a short record with a few bad bytes is still UTF-8 (too short for decode to judge the rest)
        decoded = utf8_with_damage(line, mostly=True)
        if decoded is None:
            return [quarantined(f"{rel}#{number}", str(exc), line.rstrip(b"\r"))]
    docs = list(records(rel, decoded.text.replace("\x00", ""), decoded.encoding, line, settings.ingest.max_bytes,
                         number))
    if decoded.replaced:
        for doc in docs:
            doc.flag("decode_errors")
    return docs


def _json(text: str, line: int | None = None) -> object:
    """``json.loads`` with every way it can fail on hostile input turned into :class:`InputError`.

    ``line``: the crawl file's line the text is (JSON lines), named in the message instead of
    a position inside the record.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        at = f"column {exc.colno} of line {line}" if line is not None else f"line {exc.lineno}, column {exc.colno}"
        # "Unterminated string starting at" + " at ..." would say "at" twice
        raise InputError(f"invalid JSON: {exc.msg.removesuffix(' at')} at {at}") from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply" + (f" (line {line})" if line else "")) from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise InputError(f"invalid JSON: {str(exc).split(';')[0]}" + (f" (line {line})" if line else "")) from None


def _json_lines(text: str, sep: str | None = None) -> list[str]:
    """The lines of a JSON-lines file, split at line feeds only.

    ``str.splitlines`` would also split at U+2028, U+0085, form feeds ... which JSON
    allows raw inside a string (``json.dumps(..., ensure_ascii=False)`` writes them so):
    a record quoting a page with one of them would break in two. A stray carriage
    return before the line feed (CRLF, also doubled) is not part of the record; a file
    separated by carriage returns alone is split at them.
    """
    sep = sep or ("\n" if "\n" in text else "\r")
    return [line.rstrip("\r") for line in text.split(sep)]


_LINES_FILE = re.compile(r"\.(?:jsonl|ndjson)(?:\.gz)?$", re.IGNORECASE)


def records(rel: str, text: str, encoding: str, data: bytes, max_bytes: int,
             first: int | None = None) -> Iterator[Document]:
    """Documents from a crawl file: a JSON object, a JSON list of objects, or JSON lines.

    A record is ``{"url", "html" or "text", "fetched_at"}``; an optional
    ``title`` is passed on as the extractor's hint. A record over ``max_bytes``
    (the cap of a single file) is quarantined on its own. ``first``: ``text`` is a
    part of a JSON-lines file whose first line has that number.
    """
    stripped = text.strip() if first is None else text
    items: list[tuple[int, str | None, object]] = []
    parsed: object = None
    # one object on the one line of a .jsonl is a JSON line (its bytes are its digest, as when more follow)
    lines_file = _LINES_FILE.search(rel) is not None
    one_line = lines_file and "\n" not in stripped and "\r" not in stripped
    if first is None and (stripped.startswith("[") or (
            not one_line and stripped.startswith("{") and "\n{" not in stripped and "\r{" not in stripped)):
        try:
            parsed = _json(stripped)
        except InputError as exc:
            if not (stripped.startswith("{") and "Extra data" in str(exc)):
                yield quarantined(rel, str(exc), data)
                return
            parsed = None  # objects one a line, each indented: JSON lines after all
    if parsed is not None:
        objs = parsed if isinstance(parsed, list) else [parsed]
        for i, o in enumerate(objs, 1):
            try:
                items.append((i, json.dumps(o, ensure_ascii=False, sort_keys=True), o))
            except (ValueError, RecursionError) as exc:  # a value JSON can parse but not write back
                items.append((i, None, InputError(f"invalid crawl record: {str(exc).split(';')[0]}")))
    else:
        for i, line in enumerate(_json_lines(stripped, None if first is None else "\n"), first or 1):
            line = line.removeprefix("\ufeff")  # files joined with cat: a BOM where the second began
            if not line.strip():
                continue
            try:
                items.append((i, line, _json(line, i)))
            except InputError as exc:
                items.append((i, line, exc))
    # a file that is one JSON object is the record: keyed by its path. A JSON-lines file or a list keys every
    # record by its number, one record too, since such files grow (a day's file appended to: its first
    # record must keep its key, not become a copy of itself)
    single = first is None and len(items) == 1 and isinstance(parsed, dict) and not lines_file
    for i, line, obj in items:
        key = rel if single else f"{rel}#{i}"
        raw_bytes = (line or "").encode("utf-8")
        digest = hashlib.sha256(data if single else raw_bytes).hexdigest()
        if isinstance(obj, InputError):
            doc = Document(path=key, sha256=digest, size=len(raw_bytes))
            doc.quarantine(str(obj))
            yield doc
            continue
        if len(raw_bytes) > max_bytes:
            doc = Document(path=key, sha256=digest, size=len(raw_bytes))
            doc.quarantine(oversized(len(raw_bytes), max_bytes, "a crawl record", "ingest.max_bytes"))
            yield doc
            continue
        if not isinstance(obj, dict):
            doc = Document(path=key, sha256=digest, size=len(raw_bytes))
            doc.quarantine("invalid crawl record: expected a JSON object with 'html' or 'text'")
            yield doc
            continue
        html, body = obj.get("html"), obj.get("text")
        content = html if isinstance(html, str) and html.strip() else body if isinstance(body, str) else None
        doc = Document(
            path=key,
            sha256=digest,
            size=len(raw_bytes),
            media_type="html" if content is html and content is not None else "text",
            encoding=encoding,
            raw=repair_lines(content)[0] if content else "",
            url=obj.get("url") if isinstance(obj.get("url"), str) else None,
            fetched_at=timestamp(obj.get("fetched_at")),
            title=obj.get("title").strip() or None if isinstance(obj.get("title"), str) else None,
        )
        if obj.get("fetched_at") is not None and doc.fetched_at is None:
            doc.flag("invalid_fetched_at")  # kept out of the article: 'yesterday' is not a time
        if content is None:
            doc.quarantine("invalid crawl record: no 'html' or 'text' field")
        else:
            check_text(doc)
        yield doc
