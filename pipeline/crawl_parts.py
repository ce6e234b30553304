"""Large crawl files cut into parts, so a crawl of any size runs in the memory of one batch.

A crawler delivers its pages as a few big JSON-lines files rather than one file a
page. Read whole, one such file is one batch however many pages it holds: a
256 MB file of 2,000 pages took 3.4 GB in one worker and kept the other idle. A
file over ``ingest.crawl_part_bytes`` is therefore cut, before the run, into parts
of at most ``run.batch_size`` records and ``ingest.crawl_part_bytes`` bytes; every
part is a batch of its own (or shares one with small files), read by seeking to its
byte range.

A part changes nothing a record becomes: records keep the keys the whole file gives
them (``file.jsonl#N``, N its line counted from the first line that is not blank), their
digests (the record's own bytes) and so whether a re-run finds them unchanged. Cutting
needs only the positions of line feeds, which no ASCII-compatible encoding (UTF-8,
GB18030, Big5) uses inside a character. Files that are not JSON lines (one JSON
document or array, UTF-16, binary) are read whole, as before, under
``ingest.max_crawl_file_bytes``. A gzipped JSON-lines file is inflated into the run's staging
folder and cut there (:func:`gunzip` reads gzip for both paths); WARC files are cut by
:func:`pipeline.warc.split`.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from pipeline.config import Settings

_CHUNK = 1 << 23  # 8 MB reads while looking for line feeds
_BLANK = b" \t\r\n\x0b\x0c"
_BOM = b"\xef\xbb\xbf"
_GZ_READ = 1 << 16


class Part(NamedTuple):
    """The records of a crawl file that lie in bytes ``[start, end)``; ``first`` is the number of the
    part's first line (the numbering the whole file gives); ``records`` counts its lines (the batch
    planner's weight); ``last`` marks the file's last part, so progress counts each file once;
    ``source`` is the file the bytes are in when it is not the input itself (a gzipped crawl file
    inflated into the run's staging folder)."""

    start: int
    end: int
    first: int
    records: int
    last: bool
    source: str = ""


def _first_lines(path: Path, limit: int) -> tuple[int, list[bytes]] | None:
    """Offset of the first byte that is not blank (nor a UTF-8 BOM), and the first two lines from it
    that are not blank (each read up to ``limit`` bytes); None when the file cannot be read."""
    try:
        with path.open("rb") as fh:
            offset = 0
            head = fh.read(1 << 16)
            while head:
                start = len(head) - len(head.lstrip(_BLANK)) if offset else len(head) - len(
                    head.removeprefix(_BOM).lstrip(_BLANK))
                if start < len(head):
                    offset += start
                    break
                offset += len(head)
                head = fh.read(1 << 16)
            else:
                return None  # nothing but blanks
            fh.seek(offset)
            lines: list[bytes] = []
            while len(lines) < 2 and (line := fh.readline(limit)):
                if line.strip(_BLANK):
                    lines.append(line)
                if not line.endswith(b"\n"):
                    break  # a line longer than a record may be: judged by its start
            return offset, lines
    except OSError:
        return None


def json_lines_shape(lines: list[bytes], cut: bool = False) -> bool:
    """True when the first two lines that are not blank each open a JSON object: JSON lines (also
    indented, or with blank lines between records), never a pretty-printed document, an array, or
    UTF-16 (NUL bytes). ``cut``: the read stopped inside the first line (longer than a record may
    be), which is then judged by its start alone."""
    heads = [line.strip(_BLANK).removeprefix(_BOM) for line in lines]
    return (
        (len(heads) == 2 or cut and len(heads) == 1)
        and all(h.startswith(b"{") for h in heads)
        and b"\x00" not in b"".join(lines)
    )


def first_lines(data: bytes, n: int = 2) -> list[bytes]:
    """The first ``n`` lines of ``data`` that are not blank."""
    out: list[bytes] = []
    pos = 0
    while len(out) < n and pos < len(data):
        end = data.find(b"\n", pos)
        end = len(data) if end < 0 else end + 1
        if data[pos:end].strip(_BLANK):
            out.append(data[pos:end])
        pos = end
    return out


def split(path: Path, settings: Settings) -> list[Part] | None:
    """The parts of a large JSON-lines crawl file, or None when the file is read whole (small enough,
    not JSON lines, unreadable: the ordinary path quarantines what needs it, with its reason)."""
    cap = settings.ingest.crawl_part_bytes
    try:
        size = path.stat().st_size
    except OSError:
        return None
    if size <= cap:
        return None
    found = _first_lines(path, settings.ingest.max_bytes + 1)
    if found is None or not json_lines_shape(found[1], cut=bool(found[1]) and not found[1][0].endswith(b"\n")):
        return None
    per_part = settings.run.batch_size
    parts: list[Part] = []
    # the whole-file reader strips what precedes the first record and counts lines from it: so do the parts
    part_start = pos = found[0]
    line_base, lines, tail = 1, 0, b""
    with path.open("rb") as fh:
        fh.seek(pos)
        while chunk := fh.read(_CHUNK):
            i = chunk.find(b"\n")
            while i >= 0:
                lines += 1
                end = pos + i + 1
                if lines >= per_part or end - part_start >= cap:
                    parts.append(Part(part_start, end, line_base, lines, False))
                    part_start, line_base, lines = end, line_base + lines, 0
                i = chunk.find(b"\n", i + 1)
            pos, tail = pos + len(chunk), chunk[-1:]
    if pos > part_start:  # the rest, and its last line if no line feed ends it
        parts.append(Part(part_start, pos, line_base, lines + (tail != b"\n"), False))
    if len(parts) < 2:
        return None
    parts[-1] = parts[-1]._replace(last=True)
    return parts


def plan(files: list[str], raw_dir: Path, settings: Settings, inflate_dir: Path | None = None,
         on_inflate: Callable[[str, int], None] | None = None) -> list[tuple[int, Part | None]]:
    """The run's units of work in input order: ``(index into files, part)``, the part None for a file
    read whole; a large crawl file (JSON lines or WARC) gives one unit per part.

    A gzipped JSON-lines file (``x.jsonl.gz``) that may hold more than a part is inflated into
    ``inflate_dir`` (the run's private staging folder, removed with it) and cut there; without
    ``inflate_dir``, or when it is smaller, it is read whole (inflated in memory, under
    ``ingest.max_crawl_file_bytes``). ``on_inflate(rel, bytes)`` is told before each inflation.
    """
    from pipeline import warc  # (both read Part from here)
    from pipeline.ingest import media_type_for

    units: list[tuple[int, Part | None]] = []
    for i, rel in enumerate(files):
        path = raw_dir / rel
        kind = media_type_for(path, settings)
        if path.is_symlink():  # read whole, where a link out of raw/ is refused (ingest._entry_problem)
            parts = None
        elif kind == "warc":
            parts = warc.split(path, settings)
        elif kind == "record" and path.suffix.lower() == ".gz":
            parts = None if inflate_dir is None else _split_gzipped(
                path, rel, inflate_dir / f"{i}.jsonl", settings, on_inflate)
        elif kind == "record":
            parts = split(path, settings)
        else:
            parts = None
        units.extend((i, p) for p in parts) if parts else units.append((i, None))
    return units


def gunzip(read: Callable[[int], bytes]) -> Iterator[bytes]:
    """The inflated bytes of a gzip stream, member after member (zero padding after the last is
    allowed), a chunk at a time; ValueError (``invalid gzip: ...``) when it is broken or cut.

    The input is read in small pieces: at each member's end zlib copies what is left of the piece,
    so a file of many tiny members costs its members times the piece (1 MB pieces: 40 s for 400,000).
    """
    pending = read(_GZ_READ)
    started = False
    while pending:
        if started:
            pending = pending.lstrip(b"\x00")  # zero padding after a member
            while not pending:
                more = read(_GZ_READ)
                if not more:
                    return
                pending = more.lstrip(b"\x00")
        started = True
        d = zlib.decompressobj(31)
        try:
            while not d.eof:
                out = d.decompress(pending, 1 << 22)
                pending = d.unconsumed_tail
                if out:
                    yield out
                if not pending and not d.eof:
                    pending = read(_GZ_READ)
                    if not pending:
                        raise ValueError("invalid gzip: the file breaks off (cut short while downloaded or copied)")
        except zlib.error as exc:
            raise ValueError(f"invalid gzip: {exc}") from None
        pending = d.unused_data + (b"" if d.unused_data else read(_GZ_READ))


def _split_gzipped(path: Path, rel: str, target: Path, settings: Settings,
                   on_inflate: Callable[[str, int], None] | None) -> list[Part] | None:
    """The parts of a gzipped JSON-lines file, inflated to ``target``; None to read it whole (small,
    not JSON lines, a gzip that does not inflate or inflates a hundredfold past the crawl-file cap:
    the whole read says why).

    Inflated with the reader the whole read uses (:func:`gunzip`), so both judge a gzip alike.
    """
    try:
        size = path.stat().st_size
    except OSError:
        return None
    if size <= min(1 << 20, settings.ingest.crawl_part_bytes // 4):  # inflated in memory, as one unit
        return None
    cap = max(settings.ingest.max_crawl_file_bytes, 100 * size)  # more than a hundredfold: a gzip bomb
    if on_inflate is not None:
        on_inflate(rel, size)
    written = 0
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with path.open("rb") as src, target.open("wb") as dst:
            for chunk in gunzip(src.read):
                if written == 0 and not json_lines_shape(first_lines(chunk), cut=b"\n" not in chunk):
                    raise ValueError("not JSON lines")
                written += len(chunk)
                if written > cap:
                    raise ValueError("inflates past the cap")
                dst.write(chunk)
    except (OSError, ValueError):
        target.unlink(missing_ok=True)
        return None
    parts = split(target, settings)
    if not parts:
        target.unlink(missing_ok=True)
        return None
    return [p._replace(source=str(target)) for p in parts]


def read(path: Path, part: Part) -> bytes:
    """The bytes of one part."""
    with path.open("rb") as fh:
        fh.seek(part.start)
        return fh.read(part.end - part.start)
