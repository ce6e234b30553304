"""Ingest stage: every file under the raw directory becomes one or more :class:`Document`.

Nothing is parsed here beyond what is needed to decode the bytes; everything
that cannot become an article is quarantined with a reason a person can act
on, so the run goes on and the manifest accounts for the file.

How bytes become text is :mod:`pipeline.decoding`; JSON crawl files are read into records by
:mod:`pipeline.crawl_records` (large ones in parts, :mod:`pipeline.crawl_parts`), WARC archives by
:mod:`pipeline.warc`; what they share when an input fails is :mod:`pipeline.inputs`.
"""

from __future__ import annotations

import fnmatch
import hashlib
import logging
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from pipeline import crawl_parts, crawl_records, warc
from pipeline.config import Settings
from pipeline.crawl_parts import Part
from pipeline.decoding import InputError, decode, sniff_binary, utf16_without_bom
from pipeline.inputs import check_text, oversized, quarantined
from pipeline.normalize.misread import repair_double_encoded, repair_lines
from pipeline.record import Document

log = logging.getLogger(__name__)

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


def is_output_dir(path: Path) -> bool:
    """A folder a run of this pipeline wrote: its index beside its articles."""
    return (path / "index.sqlite").is_file() and (path / "articles").is_dir()


def dirs_problem(raw: Path, out: Path) -> str | None:
    """Why ``raw`` and ``out`` cannot be a run's input and output folders, or None.

    The same folder, or the input inside the output, would make the run read what runs write
    (index, manifests, reports, articles); the output inside the input is fine (never read).
    """
    raw_r, out_r = raw.resolve(), out.resolve()
    if out_r == raw_r:
        return f"the output directory is the raw directory ({raw}): give --out a folder of its own"
    if out_r in raw_r.parents:
        return f"the raw directory {raw} is inside the output directory {out}: give --raw a folder outside it"
    if is_output_dir(raw_r):
        return f"the raw directory {raw} is an output directory of this pipeline: give --raw the folder of inputs"
    return None


def discover(raw_dir: Path, settings: Settings, exclude: Path | None = None) -> list[str]:
    """Every entry under ``raw_dir`` that is not a directory (recursively, sorted), relative to it.

    Files matching ``ingest.ignore`` (hidden files, README.md by default) are
    not inputs; everything else is, whatever its suffix or kind, so that an
    unsupported file, a broken or outside-pointing symlink, a FIFO or a device
    is quarantined and visible (:func:`load` says why) instead of silently
    skipped. Symlinked directories are not descended into: the inputs are what
    ``raw_dir`` holds. ``exclude`` (the run's output folder, when it sits inside
    ``raw_dir``) is not descended into: a run never reads what it wrote; nor is any other folder
    a run of this pipeline wrote (:func:`is_output_dir`: its index beside its articles), which an
    earlier run with another ``--out`` may have left inside ``raw_dir``.
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
            elif is_output_dir(Path(dirpath) / d):
                log.info("%s is an output folder of this pipeline: not read as input", base / d)
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
        return [quarantined(shown, f"internal error in ingest: {type(exc).__name__}: {exc}"[:500])]
    if shown != rel:
        for doc in docs:
            doc.path = shown + doc.path[len(rel):]
    return docs


def _load(rel: str, raw_dir: Path, settings: Settings) -> list[Document]:
    path = raw_dir / rel
    problem = _entry_problem(path, raw_dir)
    if problem:
        return [quarantined(rel, problem)]
    kind = media_type_for(path, settings)
    cap, setting = (
        (settings.ingest.max_crawl_file_bytes, "ingest.max_crawl_file_bytes") if kind in ("record", "warc")
        else (settings.ingest.max_bytes, "ingest.max_bytes")
    )
    try:
        size = path.stat().st_size
        if size > cap:
            what = "a crawl file" if kind in ("record", "warc") else "a file"
            return [quarantined(rel, oversized(size, cap, what, setting), sha256=_file_sha256(path))]
        if kind == "warc" and size:
            return warc.load(rel, path, None, settings)
        data = path.read_bytes()
    except OSError as exc:
        return [quarantined(rel, f"unreadable: {exc.strerror or exc}")]
    if kind == "record" and path.suffix.lower() == ".gz":
        try:
            data = crawl_records.inflate(data, cap)
        except InputError as exc:
            return [quarantined(rel, str(exc), data)]
    if kind is None:  # (the suffixes are settings; listing all 17 in every reason buried the report's list)
        return [quarantined(rel, f"unsupported: file type '{path.suffix or '(none)'}' is not an input (inputs are HTML, "
                                 "text, crawl-record and WARC files: ingest.*_suffixes)", data)]
    if not data.strip():
        return [quarantined(rel, "empty: the file has no content", data)]
    binary = sniff_binary(data)
    has_nul = b"\x00" in data[:8192]
    decoded = utf16_without_bom(data) if has_nul and (binary is None or "NUL" in binary) else None
    if binary and decoded is None:
        return [quarantined(rel, f"binary: looks like {binary}, not text", data)]
    lines = kind == "record" and crawl_parts.json_lines_shape(crawl_parts.first_lines(data))
    try:
        decoded = decoded or decode(data, kind)
    except InputError as exc:
        if lines:  # JSON lines: what cannot be decoded is some records', each line decoded alone
            return crawl_records.by_line(rel, data.strip(), 1, settings, utf8_damaged=False)
        return [quarantined(rel, str(exc), data)]
    text, encoding = decoded.text, decoded.encoding
    if lines and decoded.replaced and encoding == "utf-8":  # the damage is its records', not the file's
        return crawl_records.by_line(rel, data.strip(), 1, settings, utf8_damaged=True)
    if "\x00" in text:  # a stray NUL byte in a text page is debris, not content
        text = text.replace("\x00", "")
    # Chinese saved after a misreading (as Latin-1, or UTF-8 as GBK): a decoding error, repaired as one;
    # a record's lines are JSON: its page is repaired once read out of it
    text = repair_double_encoded(text) or (repair_lines(text)[0] if kind != "record" else text)
    if kind == "record":
        docs = list(crawl_records.records(rel, text, encoding, data, settings.ingest.max_bytes)) or [
            quarantined(rel, "empty crawl file: it holds no record", data)
        ]
    elif kind == "html" and _is_feed(text):
        return [quarantined(rel, "unsupported: an RSS/Atom feed, not a page (its items link to the articles)", data)]
    else:
        docs = [Document(path=rel, sha256=hashlib.sha256(data).hexdigest(), size=len(data), media_type=kind,
                         encoding=encoding, raw=text)]
        check_text(docs[0])
    if decoded.replaced:
        for doc in docs:
            doc.flag("decode_errors")
    return docs


def _load_part(rel: str, path: Path, part: Part, settings: Settings) -> list[Document]:
    """The records of one part of a large crawl file, each as the whole file gives it."""
    if media_type_for(path, settings) == "warc":
        return warc.load(rel, path, part, settings)
    return crawl_records.load_part(rel, path, part, settings)


def load_all(rels: Iterable[str], raw_dir: Path, settings: Settings, shown: list[str] | None = None,
             parts: list[Part | None] | None = None) -> list[Document]:
    """:func:`load` over many files, in order (``shown``: their public names, see :func:`public_paths`;
    ``parts``: for each, the part of a large crawl file to read, or None for the whole file)."""
    docs: list[Document] = []
    rels = list(rels)
    for rel, name, part in zip(rels, shown or [None] * len(rels), parts or [None] * len(rels), strict=True):
        docs.extend(load(rel, raw_dir, settings, name, part))
    return docs
