"""Ingest stage: every file under the raw directory becomes one or more :class:`Document`.

Nothing is parsed here beyond what is needed to decode the bytes; everything
that cannot become an article is quarantined with a reason a person can act
on, so the run goes on and the manifest accounts for the file.

How bytes become text is :mod:`pipeline.decoding`; large crawl files are read in parts
(:mod:`pipeline.crawl_parts`), WARC archives by :mod:`pipeline.warc`.
"""

from __future__ import annotations

import fnmatch
import hashlib
import io
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from pipeline import crawl_parts, warc
from pipeline.config import Settings
from pipeline.crawl_parts import Part
from pipeline.decoding import Decoded, InputError, decode, sniff_binary, utf8_with_damage, utf16_without_bom
from pipeline.normalize.misread import repair_double_encoded, repair_lines
from pipeline.record import Document

_FEED_ROOTS = ("<rss", "<feed", "<rdf:rdf")


def _is_feed(text: str) -> bool:
    """An RSS, Atom or RDF feed saved under a page's name: its first element, after any XML
    declaration, doctype, comments or processing instructions, is the feed's root.

    A plain scan, not a regex: a pattern skipping comments lazily backtracks without end on a
    page that opens with many of them (it once cost 30 ms per page).
    """
    head = text[:4096].lstrip("\ufeff")
    i = 0
    while True:
        while i < len(head) and head[i].isspace():
            i += 1
        for opener, closer in (("<!--", "-->"), ("<?", "?>"), ("<!", ">")):
            if head.startswith(opener, i):
                end = head.find(closer, i + len(opener))
                if end < 0:
                    return False
                i = end + len(closer)
                break
        else:
            low = head[i : i + 10].lower()
            for root in _FEED_ROOTS:
                if low.startswith(root):
                    after = low[len(root) : len(root) + 1]
                    return after == "" or after in " >\n\t\r/"
            return False


def _oversized(size: int, cap: int, what: str, setting: str) -> str:
    """The quarantine reason of an input over its cap, in bytes (the unit of the setting), both exact."""
    return f"oversized: {what} of {size:,} bytes is over the {cap:,}-byte cap ({setting})"


def media_type_for(path: Path, settings: Settings) -> str | None:
    """``html``, ``text``, ``record``, ``warc`` or None (unsupported) from the file suffix."""
    if path.name.lower().endswith(tuple(s.lower() for s in settings.ingest.warc_suffixes)):
        return "warc"  # before the suffix: x.warc.gz ends in .gz
    suffix = path.suffix.lower()
    if suffix == ".gz" and Path(path.stem).suffix.lower() in settings.ingest.record_suffixes:
        return "record"  # a gzipped crawl file (x.jsonl.gz): inflated when read
    if suffix in settings.ingest.html_suffixes:
        return "html"
    if suffix in settings.ingest.text_suffixes:
        return "text"
    if suffix in settings.ingest.record_suffixes:
        return "record"
    return None


def discover(raw_dir: Path, settings: Settings, exclude: Path | None = None) -> list[str]:
    """Every entry under ``raw_dir`` that is not a directory (recursively, sorted), relative to it.

    Files matching ``ingest.ignore`` (hidden files, README.md by default) are
    not inputs; everything else is, whatever its suffix or kind, so that an
    unsupported file, a broken or outside-pointing symlink, a FIFO or a device
    is quarantined and visible (:func:`load` says why) instead of silently
    skipped. Symlinked directories are not descended into: the inputs are what
    ``raw_dir`` holds. ``exclude`` (the run's output folder, when it sits inside
    ``raw_dir``) is not descended into: a run never reads what it wrote.
    """
    out: list[str] = []
    skip = exclude.resolve() if exclude is not None else None

    def unreadable(exc: OSError) -> None:  # a folder we may not list is an input of its own, quarantined
        if exc.filename and Path(exc.filename) != Path(raw_dir):
            out.append(Path(exc.filename).relative_to(raw_dir).as_posix())

    for dirpath, dirnames, filenames in os.walk(raw_dir, onerror=unreadable, followlinks=False):
        base = Path(dirpath).relative_to(raw_dir)
        keep_dirs = []
        for d in dirnames:
            if any(fnmatch.fnmatch(d, pat) for pat in settings.ingest.ignore):
                continue
            if (Path(dirpath) / d).is_symlink():
                filenames.append(d)  # an entry of its own: quarantined, never followed
            elif skip is not None and (Path(dirpath) / d).resolve() == skip:
                continue
            else:
                keep_dirs.append(d)
        dirnames[:] = keep_dirs
        for name in filenames:
            if any(fnmatch.fnmatch(name, pat) for pat in settings.ingest.ignore):
                continue
            out.append((base / name).as_posix())
    return sorted(out)


def display_path(rel: str) -> str:
    """``rel`` as valid Unicode for the manifest, the index and the JSON: undecodable bytes of a file
    name (which the OS hands over as lone surrogates) are written as ``\\xNN``."""
    try:
        rel.encode("utf-8")
        return rel
    except UnicodeEncodeError:
        return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _entry_problem(path: Path, raw_dir: Path) -> str | None:
    """Why ``path`` is not a regular file inside ``raw_dir`` we may read, or None when it is."""
    try:
        st = path.lstat()
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
    if stat.S_ISDIR(st.st_mode):  # listed by discover only when it could not be read
        try:
            with os.scandir(path):
                pass
        except OSError as exc:
            return f"unreadable folder: {exc.strerror or exc}; the files in it were not read"
        return "a folder, not a file"
    if stat.S_ISLNK(st.st_mode):
        try:
            target = path.resolve(strict=True)
        except RuntimeError:
            return "symlink loop: the link points back at itself"
        except OSError:
            return "broken symlink: its target does not exist"
        root = raw_dir.resolve()
        if target != root and root not in target.parents:
            return "symlink to a file outside the raw directory (not followed)"
        st = target.stat()
    if stat.S_ISDIR(st.st_mode):
        return "symlink to a directory (not followed)"
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file (FIFO, socket or device)"
    return None


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _quarantined(rel: str, reason: str, data: bytes = b"", sha256: str | None = None) -> Document:
    doc = Document(path=rel, sha256=sha256 or hashlib.sha256(data).hexdigest(), size=len(data))
    doc.quarantine(reason)
    return doc


def _check_text(doc: Document) -> None:
    if not doc.raw.strip():
        doc.quarantine("empty: no text after decoding")


_RECORD_KEY = re.compile(r"(.+)#\d+")


def public_name(path: str) -> str:
    """A path as every output shows it: valid Unicode, personal data in its names replaced
    (``张三_13800138000.txt`` -> ``张三_[电话].txt``; also the run's raw and output folders)."""
    from pipeline.redact import redact_text

    name = display_path(path)
    # "_" joins the fields of a file name but is a letter to the e-mail pattern: redact field by field
    parts = [redact_text(part) for part in name.split("_")]
    if any(counts for _text, counts in parts):
        name = "_".join(text for text, _counts in parts)
    return name


def public_paths(rels: list[str]) -> list[str]:
    """The name each input has in every output (manifest, index, articles, reports), in order.

    Valid Unicode (:func:`display_path`), with personal data in a file name
    replaced as in the text (``张三_13800138000.txt`` -> ``张三_[电话].txt``); two
    names that become the same are told apart by ``~2``, ``~3`` ... in sorted
    order, so every input keeps an entry of its own, run after run. A file
    literally named like a crawl file's record (``x.jsonl#1`` beside ``x.jsonl``)
    is told apart the same way: the record keeps the key.
    """
    names = [public_name(rel) for rel in rels]
    present = set(names)
    taken: dict[str, int] = {}
    for name in names:  # record keys (crawl file + "#N") are spoken for
        m = _RECORD_KEY.fullmatch(name)
        if m and m.group(1) in present:
            taken[name] = 1
    out: list[str] = []
    for name in names:
        n = taken[name] = taken.get(name, 0) + 1
        out.append(name if n == 1 else f"{name}~{n}")
    return out


def load(rel: str, raw_dir: Path, settings: Settings, shown: str | None = None, part: Part | None = None) -> list[Document]:
    """Read one input into documents; never raises: whatever goes wrong costs this input only.

    ``shown`` is the input's public name (:func:`public_paths`; default: ``rel``
    as valid Unicode): every document is known by it, never by ``rel`` itself.
    A crawl file (``.json``/``.jsonl``) yields one document per record, with
    ``path`` ``file.jsonl#N`` (N counted from 1) when the file holds more than
    one record; a crawl file with no record is one quarantined entry. ``part``: only the
    records of that part of a large crawl file, JSON lines or WARC (:mod:`pipeline.crawl_parts`).
    """
    shown = shown or display_path(rel)
    try:
        docs = (_load(rel, raw_dir, settings) if part is None
                else _load_part(rel, Path(part.source) if part.source else raw_dir / rel, part, settings))
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one input, one quarantine
        return [_quarantined(shown, f"internal error in ingest: {type(exc).__name__}: {exc}"[:500])]
    if shown != rel:
        for doc in docs:
            doc.path = shown + doc.path[len(rel):]
    return docs


def _load(rel: str, raw_dir: Path, settings: Settings) -> list[Document]:
    path = raw_dir / rel
    problem = _entry_problem(path, raw_dir)
    if problem:
        return [_quarantined(rel, problem)]
    kind = media_type_for(path, settings)
    cap, setting = (
        (settings.ingest.max_crawl_file_bytes, "ingest.max_crawl_file_bytes") if kind in ("record", "warc")
        else (settings.ingest.max_bytes, "ingest.max_bytes")
    )
    try:
        size = path.stat().st_size
        if size > cap:
            what = "a crawl file" if kind in ("record", "warc") else "a file"
            return [_quarantined(rel, _oversized(size, cap, what, setting), sha256=_file_sha256(path))]
        if kind == "warc" and size:
            return warc.load(rel, path, None, settings)
        data = path.read_bytes()
    except OSError as exc:
        return [_quarantined(rel, f"unreadable: {exc.strerror or exc}")]
    if kind == "record" and path.suffix.lower() == ".gz":
        try:
            data = _inflate(data, cap)
        except InputError as exc:
            return [_quarantined(rel, str(exc), data)]
    if kind is None:
        supported = ", ".join(settings.ingest.html_suffixes + settings.ingest.text_suffixes
                              + settings.ingest.record_suffixes + [f"{s}.gz" for s in settings.ingest.record_suffixes]
                              + settings.ingest.warc_suffixes)
        return [_quarantined(rel, f"unsupported: file type '{path.suffix or '(none)'}' is not an input (expected one of {supported})", data)]
    if not data.strip():
        return [_quarantined(rel, "empty: the file has no content", data)]
    binary = sniff_binary(data)
    has_nul = b"\x00" in data[:8192]
    decoded = utf16_without_bom(data) if has_nul and (binary is None or "NUL" in binary) else None
    if binary and decoded is None:
        return [_quarantined(rel, f"binary: looks like {binary}, not text", data)]
    lines = kind == "record" and crawl_parts.json_lines_shape(crawl_parts.first_lines(data))
    try:
        decoded = decoded or decode(data, kind)
    except InputError as exc:
        if lines:  # JSON lines: what cannot be decoded is some records', each line decoded alone
            return _by_line(rel, data.strip(), 1, settings, utf8_damaged=False)
        return [_quarantined(rel, str(exc), data)]
    text, encoding = decoded.text, decoded.encoding
    if lines and decoded.replaced and encoding == "utf-8":  # the damage is its records', not the file's
        return _by_line(rel, data.strip(), 1, settings, utf8_damaged=True)
    if "\x00" in text:  # a stray NUL byte in a text page is debris, not content
        text = text.replace("\x00", "")
    # Chinese saved after a misreading (as Latin-1, or UTF-8 as GBK): a decoding error, repaired as one;
    # a record's lines are JSON: its page is repaired once read out of it
    text = repair_double_encoded(text) or (repair_lines(text)[0] if kind != "record" else text)
    if kind == "record":
        docs = list(_records(rel, text, encoding, data, settings.ingest.max_bytes)) or [
            _quarantined(rel, "empty crawl file: it holds no record", data)
        ]
    elif kind == "html" and _is_feed(text):
        return [_quarantined(rel, "unsupported: an RSS/Atom feed, not a page (its items link to the articles)", data)]
    else:
        docs = [Document(path=rel, sha256=hashlib.sha256(data).hexdigest(), size=len(data), media_type=kind,
                         encoding=encoding, raw=text)]
        _check_text(docs[0])
    if decoded.replaced:
        for doc in docs:
            doc.flag("decode_errors")
    return docs


def _inflate(data: bytes, cap: int) -> bytes:
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


def _load_part(rel: str, path: Path, part: Part, settings: Settings) -> list[Document]:
    """The records of one part of a large crawl file (JSON lines or WARC), each as the whole file gives it."""
    if media_type_for(path, settings) == "warc":
        return warc.load(rel, path, part, settings)
    try:
        data = crawl_parts.read(path, part)
    except OSError as exc:
        return [_quarantined(f"{rel}#{part.first}", f"unreadable: {exc.strerror or exc}")]
    try:
        decoded = decode(data, "record")
    except InputError:  # damage in one record spoils no other (as read whole)
        return _by_line(rel, data, part.first, settings, utf8_damaged=False)
    if decoded.replaced and decoded.encoding == "utf-8":
        return _by_line(rel, data, part.first, settings, utf8_damaged=True)
    text = decoded.text.replace("\x00", "")
    text = repair_double_encoded(text) or text
    docs = list(_records(rel, text.rstrip() if part.last else text, decoded.encoding, data,
                         settings.ingest.max_bytes, part.first))
    if decoded.replaced:
        for doc in docs:
            doc.flag("decode_errors")
    return docs


def _by_line(rel: str, data: bytes, first: int, settings: Settings, utf8_damaged: bool) -> list[Document]:
    """The records of JSON lines each decoded alone, so that damage costs its own record only.

    ``utf8_damaged``: the whole is UTF-8 with a few damaged places, so a line that is not clean
    UTF-8 is read as UTF-8 with U+FFFD and flagged, as the whole would have been; otherwise each
    line's encoding is found on its own (a GB18030 file with a bad byte, a record in another
    encoding than the rest).
    """
    return [doc for i, line in enumerate(data.split(b"\n")) if line.strip()
            for doc in _load_line(rel, line, first + i, settings, utf8_damaged)]


def _load_line(rel: str, line: bytes, number: int, settings: Settings, utf8_damaged: bool) -> list[Document]:
    """One line of JSON lines decoded on its own (see :func:`_by_line`)."""
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
            return [_quarantined(f"{rel}#{number}", str(exc), line.rstrip(b"\r"))]
    docs = list(_records(rel, decoded.text.replace("\x00", ""), decoded.encoding, line, settings.ingest.max_bytes,
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


def _records(rel: str, text: str, encoding: str, data: bytes, max_bytes: int,
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
    if first is None and (stripped.startswith("[") or (
            stripped.startswith("{") and "\n{" not in stripped and "\r{" not in stripped)):
        try:
            parsed = _json(stripped)
        except InputError as exc:
            if not (stripped.startswith("{") and "Extra data" in str(exc)):
                yield _quarantined(rel, str(exc), data)
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
    single = first is None and len(items) == 1
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
            doc.quarantine(_oversized(len(raw_bytes), max_bytes, "a crawl record", "ingest.max_bytes"))
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
            fetched_at=_timestamp(obj.get("fetched_at")),
            title=obj.get("title").strip() or None if isinstance(obj.get("title"), str) else None,
        )
        if obj.get("fetched_at") is not None and doc.fetched_at is None:
            doc.flag("invalid_fetched_at")  # kept out of the article: 'yesterday' is not a time
        if content is None:
            doc.quarantine("invalid crawl record: no 'html' or 'text' field")
        else:
            _check_text(doc)
        yield doc


def _timestamp(value: object) -> str | None:
    """A crawl record's ``fetched_at`` if it is a real ISO 8601 date or date-time, else None."""
    if not isinstance(value, str) or not 10 <= len(value.strip()) <= 40:
        return None
    v = value.strip()
    try:
        datetime.fromisoformat(v[:-1] + "+00:00" if v.endswith(("Z", "z")) else v)
    except ValueError:
        return None
    return v


def load_all(rels: Iterable[str], raw_dir: Path, settings: Settings, shown: list[str] | None = None,
             parts: list[Part | None] | None = None) -> list[Document]:
    """:func:`load` over many files, in order (``shown``: their public names, see :func:`public_paths`;
    ``parts``: for each, the part of a large crawl file to read, or None for the whole file)."""
    docs: list[Document] = []
    rels = list(rels)
    for rel, name, part in zip(rels, shown or [None] * len(rels), parts or [None] * len(rels), strict=True):
        docs.extend(load(rel, raw_dir, settings, name, part))
    return docs
