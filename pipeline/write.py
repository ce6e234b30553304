"""Write stage: a finished :class:`Document` becomes ``OUT/articles/<id>.json``.

The JSON is the contract with downstream apps (``pipeline/schema/article.schema.json``):
every article is validated before it is written, so an invalid file never
reaches them, and every file is written atomically (temp file + rename in the
same directory), so a killed run never leaves half a JSON behind.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from pipeline import SCHEMA_VERSION, __version__
from pipeline.extract.dates import canonical
from pipeline.record import Document, Evidence, SeenAt

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "article.schema.json"
_UMASK = os.umask(0)
os.umask(_UMASK)


@cache
def validator():  # noqa: ANN201 - jsonschema's validator type
    """The article schema validator, built once per process."""
    from jsonschema import Draft202012Validator

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@cache
def fast_validator():  # noqa: ANN201 - a generated function
    """The same schema compiled to Python code by fastjsonschema: ~10x faster on the valid path.

    Every article is validated before it is written, so validation sits on the hot
    path; jsonschema still produces the messages when an object is invalid, and a
    test checks the two agree on every kind of violation.
    """
    import fastjsonschema

    return fastjsonschema.compile(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def schema_errors(obj: Any) -> list[str]:
    """Human-readable schema violations of an article object (empty when valid)."""
    import fastjsonschema

    try:
        fast_validator()(obj)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    errors = sorted(validator().iter_errors(obj), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}" for e in errors]


_WEB_ADDRESS = re.compile(r"https?://[^\s\"'<>\\]+", re.IGNORECASE)


def web_address(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) address, else None.

    Downstream apps link these fields: a crawl record's ``javascript:`` or a
    canonical link with markup in it must not reach them as an address.
    """
    return url if url and _WEB_ADDRESS.fullmatch(url) else None


def seen_at_json(s: SeenAt) -> dict[str, Any]:
    return {
        "path": s.path,
        "url": web_address(s.url),
        "site": s.site,
        "date": canonical(s.date)[0],
        "similarity": round(float(s.similarity), 4),
        "run_id": s.run_id,
    }


def paragraph_lines(doc: Document) -> list[tuple[int, int]]:
    """Per body paragraph (headings not counted): its line index in ``doc.text`` and that line's offset."""
    out: list[tuple[int, int]] = []
    line = offset = 0
    for section in doc.sections:
        if section.heading:
            line, offset = line + 1, offset + len(section.heading) + 1
        for p in section.paragraphs:
            out.append((line, offset))
            line, offset = line + 1, offset + len(p) + 1
    return out


def evidence_json(e: Evidence, doc: Document, where: list[tuple[int, int]]) -> dict[str, Any]:
    """One evidence sentence with where it is: ``text[start:end] == sentence``, on line ``line`` of ``text``.

    The scorer names the paragraph; the sentence is found in it (it is a stripped
    slice of it). Should it not be there, the whole paragraph is the span.
    """
    line, offset = where[e.paragraph] if 0 <= e.paragraph < len(where) else (0, 0)
    paragraph = doc.paragraphs[e.paragraph] if 0 <= e.paragraph < len(where) else ""
    at = paragraph.find(e.sentence) if e.sentence else -1
    start, end = (offset + at, offset + at + len(e.sentence)) if at >= 0 else (offset, offset + len(paragraph))
    return {"paragraph": e.paragraph, "line": line, "start": start, "end": end, "sentence": e.sentence,
            "terms": list(e.terms), "score": round(float(e.score), 4)}


def article_json(doc: Document, run_id: str, processed_at: str) -> dict[str, Any]:
    """The published form of a document (see the README's output contract)."""
    assert doc.id, "dedup must assign an id before writing"
    published_at, precision = canonical(doc.published_at)
    where = paragraph_lines(doc)
    return {
        "schema_version": SCHEMA_VERSION,
        "id": doc.id,
        "title": doc.title or "",
        "text": doc.text,
        "sections": [{"heading": s.heading, "level": s.level, "paragraphs": list(s.paragraphs)} for s in doc.sections],
        "published_at": published_at,
        "published_precision": precision,
        "author": doc.author,
        "source_name": doc.source_name,
        "site_name": doc.site_name,
        "url": web_address(doc.canonical_url) or web_address(doc.url),
        "source": {
            "path": doc.path,
            "url": web_address(doc.url),
            "sha256": doc.sha256,
            "encoding": doc.encoding,
            "media_type": doc.media_type,
            "original_script": doc.original_script,
            "fetched_at": canonical(doc.fetched_at)[0],  # one comparable form, as published_at
        },
        "topics": [
            {
                "label": t.label,
                "name": t.name,
                "score": round(float(t.score), 4),
                "threshold": round(float(t.threshold), 4),
                "source": t.source,
                "model_score": None if t.model_score is None else round(float(t.model_score), 4),
                "evidence": [evidence_json(e, doc, where) for e in t.evidence],
            }
            for t in doc.topics
            if t.assigned
        ],
        "topic_scores": {t.label: round(float(t.score), 4) for t in doc.topics},
        "keywords": [{"word": w, "weight": round(float(x), 4)} for w, x in doc.keywords],
        "page_kind": doc.page_kind,
        "posts": posts_json(doc),
        "comments": [{"author": c.author, "role": c.role, **_dated(c.date), "text": c.text} for c in doc.comments],
        "duplicates": {"also_seen_at": [seen_at_json(s) for s in doc.also_seen_at]},
        "redactions": dict(sorted(doc.redactions.items())),
        "reviews": sorted(doc.reviews, key=lambda r: r["label"]),
        "flags": list(doc.flags),
        "stats": {
            "chars": len(doc.text),
            "removed": {k: dict(v) for k, v in sorted(doc.removed.items())},
            "normalize": dict(sorted(doc.normalize_changes.items())),
            "extraction_confidence": round(float(doc.extraction_confidence), 3),
        },
        "pipeline": {"version": __version__, "run_id": run_id, "processed_at": processed_at, "updated_at": processed_at},
    }


def _dated(iso: str | None) -> dict[str, str | None]:
    """A post's or a comment's ``date`` in the one form of ``published_at``, with its ``date_precision``.

    Before schema 1.3 they were the extractor's ISO strings: a date alone on a text page, a time
    with its offset on an HTML page, which a consumer could not sort together.
    """
    date, precision = canonical(iso)
    return {"date": date, "date_precision": precision}


def posts_json(doc: Document) -> list[dict[str, Any]]:
    """A thread's posts in order: who, when, and the post's text (its sections, as in ``text``)."""
    posts: list[dict[str, Any]] = []
    for s in doc.sections:
        if s.post is not None:
            posts.append({"author": s.post.author, "role": s.post.role, **_dated(s.post.date), "text": []})
        if posts:
            posts[-1]["text"].extend(([s.heading] if s.heading else []) + list(s.paragraphs))
    for post in posts:
        post["text"] = "\n".join(post["text"])
    return posts


def written_whole(path: Path, tail: bytes, head: bytes = b"") -> bool:
    """The file exists, starts with ``head`` and ends with ``tail``: written whole, not cut short since.

    A few bytes read, not the file: it runs for every unchanged input, manifest and report.
    """
    try:
        with path.open("rb") as fh:
            if head and fh.read(len(head)) != head:
                return False
            fh.seek(-len(tail), 2)
            return fh.read(len(tail)) == tail
    except OSError:  # missing, or shorter than its ending
        return False


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so readers see the old file or the new one, never a part."""
    atomic_write_chunks(path, (text,))


def atomic_write_chunks(path: Path, chunks: Iterable[str]) -> None:
    """Like :func:`atomic_write_text` for text produced piece by piece (a manifest of any size)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are for other programs to read
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.writelines(chunks)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def dump_json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def write_article(doc: Document, articles_dir: Path, run_id: str, processed_at: str) -> Path | None:
    """Validate and atomically write one article; quarantine the document instead of writing an invalid file."""
    obj = article_json(doc, run_id, processed_at)
    errors = schema_errors(obj)
    if errors:
        doc.quarantine(f"internal: output failed schema validation ({errors[0]})")
        return None
    path = articles_dir / f"{doc.id}.json"
    _keep_earlier_sources(obj, path, {s.replaces for s in doc.also_seen_at if s.replaces})
    atomic_write_text(path, dump_json(obj))
    return path


def _keep_earlier_sources(obj: dict[str, Any], path: Path, moved: set[str] = frozenset()) -> None:
    """Rewriting an article (``--reprocess``) keeps the sources earlier runs recorded for it.

    Those in ``moved`` are not kept: a copy there moved, and the article lists it at its new path.
    """
    if not path.is_file():
        return
    try:
        old = json.loads(path.read_text(encoding="utf-8"))["duplicates"]["also_seen_at"]
    except (OSError, ValueError, KeyError, TypeError):
        return
    seen = obj["duplicates"]["also_seen_at"]
    known = {s["path"] for s in seen} | {obj["source"]["path"]}
    seen.extend(s for s in old if isinstance(s, dict) and s.get("path") not in known | moved)


def add_seen_at(article_path: Path, new: list[SeenAt], run_id: str, now: str) -> str | bool | None:
    """Add sources to an already written article's ``duplicates.also_seen_at`` (idempotent by path).

    A source that ``replaces`` a listed one (the same copy, moved) takes its place.
    ``None`` when the article file is missing; False when nothing changed; else
    the file was rewritten (``pipeline.run_id`` and ``pipeline.updated_at`` set to
    this run) and the reason is returned: ``new_duplicate_source`` when a source
    was added, else ``moved``.
    """
    if not article_path.is_file():
        return None
    obj = json.loads(article_path.read_text(encoding="utf-8"))
    seen = obj.setdefault("duplicates", {}).setdefault("also_seen_at", [])
    known = {s["path"] for s in seen} | {obj.get("source", {}).get("path")}
    fresh = [s for s in new if s.path not in known]
    if not fresh:
        return False
    at = {s.get("path"): i for i, s in enumerate(seen) if isinstance(s, dict)}
    moved = [s for s in fresh if s.replaces in at]
    for s in moved:
        seen[at[s.replaces]] = seen_at_json(s)
    added = [seen_at_json(s) for s in fresh if s not in moved]
    seen.extend(added)
    rewrite(article_path, obj, run_id, now)
    return "new_duplicate_source" if added else "moved"


def drop_seen_at(article_path: Path, paths: set[str], run_id: str, now: str) -> bool:
    """Take ``paths`` out of an article's ``duplicates.also_seen_at``: inputs that held a copy of it
    and now hold something else (another article, or nothing the run could read). True when the file
    changed."""
    if not article_path.is_file():
        return False
    obj = json.loads(article_path.read_text(encoding="utf-8"))
    seen = (obj.get("duplicates") or {}).get("also_seen_at") or []
    kept = [s for s in seen if not (isinstance(s, dict) and s.get("path") in paths)]
    if len(kept) == len(seen):
        return False
    obj["duplicates"]["also_seen_at"] = kept
    rewrite(article_path, obj, run_id, now)
    return True


def rewrite(article_path: Path, obj: dict[str, Any], run_id: str, now: str) -> None:
    """Write back an article changed after it was written: it now carries the run and time of the change."""
    obj.setdefault("pipeline", {}).update(run_id=run_id, updated_at=now)
    atomic_write_text(article_path, dump_json(obj))
