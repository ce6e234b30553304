"""The stages composed over one batch of inputs, with no Prefect in sight.

A run has two per-batch halves around one global step (dedup needs to see
every document of the run before any is written):

* :func:`prepare` - ingest -> extract -> normalize -> redact -> dedup.prepare, per batch;
* ``dedup.resolve`` - global, in :mod:`pipeline.flows`;
* :func:`finish` - apply the dedup decisions, tag -> reviews -> write, per batch.

Each stage runs per document inside :func:`run_stage`, which turns an
exception into a quarantine entry naming the stage, so one bad page never
takes the run down, and which times the stage for the report.
"""

from __future__ import annotations

import json
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import SCHEMA_VERSION, budget, dedup, ingest, store
from pipeline.config import Settings
from pipeline.crawl_parts import Part
from pipeline.extract import extract_document
from pipeline.normalize import normalize_batch
from pipeline.record import Document, SeenAt
from pipeline.redact import redact_document
from pipeline.store import Entry, Seen
from pipeline.tag import tag_document
from pipeline.write import write_article, written_whole

StageFn = Callable[[Document, Settings], None]
INTERNAL_ERROR = "internal error in "  # a quarantine reason's start when a stage raised: the pipeline's bug
QUARANTINED_EARLIER = "quarantined earlier: "  # an unchanged input an earlier run quarantined: it still is


def where(exc: BaseException) -> str:
    """Where in the pipeline's code an exception was raised (``at pipeline/extract/html/structure.py:418 in
    _header_links``): the innermost frame of this package, so a quarantine reason is enough to report a bug."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return "no traceback"
    root = Path(__file__).resolve().parent
    ours = [f for f in frames if Path(f.filename).is_relative_to(root)]
    frame = (ours or frames)[-1]
    path = Path(frame.filename)
    shown = path.relative_to(root.parent).as_posix() if ours else path.name
    return f"at {shown}:{frame.lineno} in {frame.name}"


def run_stage(name: str, fn: StageFn, docs: list[Document], settings: Settings, timings: Counter[str]) -> None:
    """Apply ``fn`` to every pending document; a raised exception quarantines that document only.

    Each document runs under its time budget: one that takes too long is stopped
    and quarantined. ``timings`` gets the stage's CPU seconds in this process:
    summed over workers they say where the work goes, which wall time cannot
    when batches run side by side.
    """
    start = time.process_time()
    for doc in docs:
        if doc.done:
            continue
        try:
            with budget.limit(budget.for_document(doc.size, settings.run), f"in {name}"):
                fn(doc, settings)
        except budget.OverBudget as exc:
            doc.quarantine(str(exc))
        except Exception as exc:  # noqa: BLE001 - any stage bug must cost one document, not the run
            doc.quarantine(f"{INTERNAL_ERROR}{name}: {type(exc).__name__}: {str(exc)[:300]} ({where(exc)})")
    timings[name] += time.process_time() - start


@dataclass(slots=True)
class Prepared:
    """What the first half of a batch hands on (pickled to a staging file between tasks)."""

    docs: list[Document]
    candidates: list[dedup.Candidate]
    timings: Counter[str] = field(default_factory=Counter)


SeenLookup = Callable[[list[str]], dict[str, Seen]]


_HEAD = f'{{\n  "schema_version": "{SCHEMA_VERSION}",'.encode()


def _current(path: Path) -> bool:
    """The article file exists, is of this schema version and ends as every article file ends.

    A cut-short file or one written under an older schema is not current. A few
    bytes read, not the whole file: this runs for every unchanged input of every run.
    """
    return written_whole(path, b"}\n", _HEAD)


def _source_sha256(article_path: Path) -> str | None:
    """The input hash an existing article records (``source.sha256``), or None."""
    try:
        return json.loads(article_path.read_text(encoding="utf-8"))["source"]["sha256"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def mark_unchanged(docs: list[Document], seen: dict[str, Seen], articles_dir: Path, reprocess: bool = False) -> None:
    """Inputs an earlier run committed with the same bytes are ``unchanged`` and not processed again.

    A written input whose article file has since disappeared, been cut short or
    was written under an older schema version is processed again, so deleting or
    damaging an output file and rerunning restores it, and an upgrade rewrites
    the articles in the new form without ``--reprocess``. So is an input an
    internal error quarantined: the fault was the pipeline's, and an upgrade that
    fixed it writes the article on the next run (while it is not fixed, the input
    is quarantined again with the same reason).
    """
    for doc in docs:
        if doc.status not in ("pending", "quarantined"):
            continue
        prev = seen.get(doc.path)
        if prev is None:
            continue
        if prev.sha256 != doc.sha256 or reprocess:
            if prev.status == "duplicate":
                doc.was_duplicate_of = prev.duplicate_of  # if it is no longer a copy of it, that article must forget it
            continue
        if prev.status == "written" and not _current(articles_dir / f"{prev.article_id}.json"):
            doc.reprocessed = True
            continue
        if prev.status == "quarantined" and (prev.reason or "").startswith(INTERNAL_ERROR):
            continue  # the pipeline's own bug, which an upgrade may have fixed: tried again every run
        doc.status = "unchanged"
        # a quarantined input stays quarantined: its entry keeps saying why, run after run
        doc.reason = f"{QUARANTINED_EARLIER}{prev.reason}" if prev.status == "quarantined" and prev.reason else None
        doc.id = prev.article_id
        doc.duplicate_of = prev.duplicate_of
        doc.raw = ""


def move_check(current: dict[str, str], articles_dir: Path, conn) -> dedup.MoveCheck:
    """Whether a candidate is an indexed article's own input, moved (see :func:`pipeline.dedup.resolve`).

    ``current`` maps every input of this run (record keys included) to the hash of the
    bytes it holds now. Moved means: the candidate holds the very bytes the article was
    written from (its ``source.sha256``, or the index's record of that input when the
    file is gone), and the path it was written from holds them no more (gone, or other
    bytes: a renamed file or folder, a crawl file whose records shifted). While the old
    path still holds them, a byte-identical input elsewhere is a copy.
    """

    def moved(c: dedup.Candidate, article_id: str, old_path: str) -> bool:
        if not c.input_sha256:
            return False
        then = _source_sha256(articles_dir / f"{article_id}.json") or store.recorded_sha256(conn, old_path)
        return then == c.input_sha256 and current.get(old_path) != then

    return moved


def mark_moved_copies(res: dedup.Resolution, cands: list[dedup.Candidate], conn, current: dict[str, str]) -> None:
    """Copies that are an earlier copy moved to a new path replace that copy's entry.

    The decision gets ``moved_from`` (the manifest says so, the index forgets the old
    path) and the article's new source entry ``replaces`` the old one, so reorganising
    the raw folder neither doubles ``also_seen_at`` nor feeds new sources that are not.
    """
    sha = {c.path: c.input_sha256 for c in cands}
    copies = [(p, sha.get(p, ""), d.duplicate_of) for p, d in res.decisions.items() if d.duplicate_of]
    for path, old in store.moved_copies(conn, copies, current).items():
        decision = res.decisions[path]
        decision.moved_from = old
        for s in res.seen_at.get(decision.duplicate_of or "", []):
            if s.path == path:
                s.replaces = old


def prepare(
    rels: list[str],
    raw_dir: Path,
    settings: Settings,
    seen: dict[str, Seen] | SeenLookup,
    articles_dir: Path,
    shown: list[str] | None = None,
    parts: list[Part | None] | None = None,
    reprocess: bool = False,
) -> Prepared:
    """Ingest, extract, normalise, redact and fingerprint one batch of input files.

    ``seen`` is what earlier runs recorded, or a function that looks it up for
    the batch's own inputs (so a batch never reads the whole history); with
    ``reprocess`` nothing is ``unchanged``, and ``seen`` only says which inputs were copies;
    ``shown`` the inputs' public names (:func:`pipeline.ingest.public_paths`);
    ``parts`` the part of each that is read, for large crawl files (:mod:`pipeline.crawl_parts`).
    Redaction comes before fingerprinting: nothing a batch hands on (staging
    files, the dedup index) holds the personal data, and copies that differ
    only in a phone number are exact copies.
    """
    timings: Counter[str] = Counter()
    start = time.process_time()
    docs = ingest.load_all(rels, raw_dir, settings, shown, parts)
    known = seen([d.path for d in docs]) if callable(seen) else seen
    mark_unchanged(docs, known, articles_dir, reprocess)
    timings["ingest"] += time.process_time() - start
    run_stage("extract", extract_document, docs, settings, timings)
    for doc in docs:
        doc.raw = ""  # the blocks keep what the report needs; the page itself is not carried further
    start = time.process_time()
    normalize_batch(docs, settings)  # one OpenCC call per config for the batch; quarantines per document itself
    timings["normalize"] += time.process_time() - start
    run_stage("redact", redact_document, docs, settings, timings)
    run_stage("dedup", dedup.prepare_document, docs, settings, timings)
    candidates = [dedup.candidate(d) for d in docs if not d.done]
    return Prepared(docs, candidates, timings)


@dataclass(slots=True)
class Finished:
    """What the second half of a batch hands to the run's commit."""

    entries: list[Entry]
    written: list[dedup.Candidate]
    blocks: list[dict]
    stats: dict[str, Counter]
    timings: Counter[str]
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (article id, change, reason): the feed
    departed: list[tuple[str, str]] = field(default_factory=list)  # (article id, path): no longer a copy of it


def apply_decisions(docs: list[Document], resolution: dedup.Resolution, run_id: str) -> None:
    """Turn the run-wide dedup decisions into document states and ``also_seen_at`` lists."""
    for doc in docs:
        if doc.done:
            continue
        decision = resolution.decisions.get(doc.path)
        if decision is not None:
            doc.moved_from = decision.moved_from
        if decision is not None and decision.duplicate_of is not None:
            doc.status = "duplicate"
            doc.duplicate_of = decision.duplicate_of
            doc.similarity = decision.similarity
            continue
        for s in resolution.seen_at.get(doc.id or "", []):
            if all(s.path != known.path for known in doc.also_seen_at):
                doc.also_seen_at.append(
                    SeenAt(s.path, s.url, s.site, s.date, s.similarity, s.run_id or run_id, s.replaces)
                )


def finish(
    prepared: Prepared,
    resolution: dedup.Resolution,
    settings: Settings,
    *,
    run_id: str,
    processed_at: str,
    articles_dir: Path,
    reviews_dir: Path | None = None,
    reprocess: bool = False,
) -> Finished:
    """Tag and write the batch's unique articles; account for every input.

    Each written article is also a change for the feed: ``created`` when no file
    of that id existed, else ``rewritten`` (``reprocessed``, ``input_changed``
    or ``moved``: its input is now at another path).
    """
    docs = prepared.docs
    timings = prepared.timings
    apply_decisions(docs, resolution, run_id)
    run_stage("tag", tag_document, docs, settings, timings)
    if reviews_dir is not None and reviews_dir.is_dir():  # nothing to apply before the first import
        from pipeline.review import apply_reviews

        start = time.process_time()
        apply_reviews([d for d in docs if not d.done], reviews_dir)
        timings["review"] += time.process_time() - start

    start = time.process_time()
    written_paths: set[str] = set()
    changes: list[tuple[str, str, str]] = []
    for doc in docs:
        if doc.done:
            continue
        try:
            existed = (articles_dir / f"{doc.id}.json").is_file()
            same_bytes = existed and _source_sha256(articles_dir / f"{doc.id}.json") == doc.sha256
            if write_article(doc, articles_dir, run_id, processed_at) is not None:
                doc.status = "written"
                written_paths.add(doc.path)
                assert doc.id
                if not existed:
                    changes.append((doc.id, "created", "new"))
                else:
                    again = reprocess or doc.reprocessed or same_bytes  # same_bytes: the index had lost the input
                    why = "moved" if doc.moved_from else "reprocessed" if again else "input_changed"
                    changes.append((doc.id, "rewritten", why))
        except OSError as exc:
            doc.quarantine(f"write failed: {exc}")
    timings["write"] += time.process_time() - start

    stats = collect_stats(docs)
    entries = [entry_for(d) for d in docs]
    written = [c for c in prepared.candidates if c.path in written_paths]
    blocks = [
        {"id": d.id, "path": d.path, "blocks": [{"text": b.text, "kind": b.kind, "kept": b.kept} for b in d.blocks]}
        for d in docs
        if d.status == "written"
    ]
    # an input that was a copy of an article and now demonstrably holds something else (another article, a
    # copy of one); one quarantined now (unreadable, over its time budget) may hold the copy still
    departed = [(d.was_duplicate_of, d.path) for d in docs if d.was_duplicate_of
                and (d.status == "written" or (d.status == "duplicate" and d.duplicate_of != d.was_duplicate_of))]
    return Finished(entries, written, blocks, stats, timings, changes, departed)


def entry_for(doc: Document) -> Entry:
    """The manifest row of a document in its final state."""
    status = doc.status if doc.status != "pending" else "quarantined"
    reason = doc.reason if status in ("quarantined", "unchanged") else None
    if doc.status == "pending":  # a stage left it undecided: say so rather than lose it
        reason = "internal: no stage decided this input's fate"
    moved_from = doc.moved_from if status in ("written", "duplicate") else None
    if moved_from:
        reason = f"moved from {moved_from}"
    return Entry(
        path=doc.path,
        status=status,
        sha256=doc.sha256 or None,
        article_id=doc.id if status in ("written", "unchanged") else None,
        duplicate_of=doc.duplicate_of if status in ("duplicate", "unchanged") else None,
        similarity=doc.similarity if status == "duplicate" else None,
        reason=reason,
        moved_from=moved_from,
    )


def collect_stats(docs: list[Document]) -> dict[str, Counter]:
    """Counters the run summary and the report show, summed over written articles."""
    stats: dict[str, Counter] = {
        k: Counter() for k in ("removed_count", "removed_chars", "normalize", "scripts", "redactions", "topics", "flags",
                               "quarantine", "still_quarantined")
    }
    for doc in docs:
        if doc.status == "quarantined":
            stats["quarantine"][(doc.reason or "unknown").split(":")[0]] += 1
        elif doc.status == "unchanged" and (doc.reason or "").startswith(QUARANTINED_EARLIER):
            stats["still_quarantined"][doc.reason[len(QUARANTINED_EARLIER):].split(":")[0]] += 1
        if doc.status != "written":
            continue
        for kind, v in doc.removed.items():
            stats["removed_count"][kind] += v["count"]
            stats["removed_chars"][kind] += v["chars"]
        stats["normalize"].update(doc.normalize_changes)
        stats["scripts"][doc.original_script] += 1
        stats["redactions"].update(doc.redactions)
        stats["topics"].update(t.label for t in doc.topics if t.assigned)
        stats["flags"].update(doc.flags)
    return stats
