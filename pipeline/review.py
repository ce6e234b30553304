"""Human review of topic tags: import verdicts, apply them to later runs, measure the tagger.

The report page lets a reviewer mark each tag ``correct`` or ``wrong`` and add
``missing`` tags; it exports a JSON file::

    {"reviewer": "...", "exported_at": "...",
     "verdicts": [{"article_id", "label", "verdict", "reviewer", "at"}]}

The format is published as ``pipeline/schema/verdicts.schema.json``.
``pipeline review import FILE`` calls :func:`import_verdicts`, which keeps one
decision per ``(article_id, label)`` in ``REVIEWS/verdicts.json``: the newest by
the time the reviewer decided (``at``; an import without times counts as made
now), so a reviewer's older decision imported later never replaces a newer one.
The next run applies them:
:func:`apply_reviews` to the articles it processes, :func:`apply_to_json` to
articles already written (their inputs unchanged), and the report shows
:func:`reviewed_metrics`: the tagger's precision and recall against every
reviewed decision so far.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pipeline.extract.dates import SHANGHAI
from pipeline.record import Document, TopicTag
from pipeline.redact import redact_text
from pipeline.write import atomic_write_text

VERDICTS = ("correct", "wrong", "missing")
STORE_NAME = "verdicts.json"
STORE_VERSION = 1


class ReviewImportError(ValueError):
    """The verdicts file cannot be imported; the message is shown to the operator as is."""




def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _published_form(when: datetime) -> str:
    """A time in the form every other time of the output has: ``YYYY-MM-DDTHH:MM:SS+08:00``."""
    return when.astimezone(SHANGHAI).replace(microsecond=0).isoformat()


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did with the file's decisions (one per article and topic)."""

    stored: int  # new, or replacing an older decision: the next run applies them
    unchanged: int = 0  # the same verdict by the same reviewer was stored already
    older: int = 0  # decided before the decision already stored for the same tag: not stored

    def message(self, where: Path | str) -> str:
        def n(k: int, what: str) -> str:
            return f"{k} {what}{'' if k == 1 else 's'}"

        parts = [f"{n(self.stored, 'verdict')} stored in {where}"
                 + ("; the next run applies them" if self.stored else "")]
        if self.unchanged:
            parts.append(f"{n(self.unchanged, 'verdict')} already stored")
        if self.older:
            parts.append(f"{n(self.older, 'verdict')} decided before the verdict already stored for the same "
                         "article and topic (by another reviewer or another time): not stored, the newer stands")
        return "; ".join(parts)


def _store_path(reviews_dir: Path) -> Path:
    return Path(reviews_dir) / STORE_NAME


def _read_store(reviews_dir: Path) -> dict[str, Any]:
    path = _store_path(reviews_dir)
    if not path.is_file():
        return {"schema_version": STORE_VERSION, "verdicts": [], "imports": []}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ReviewImportError(f"review store {path} is unreadable: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("verdicts"), list):
        raise ReviewImportError(f"review store {path} is not a verdicts store")
    data.setdefault("imports", [])
    return data


def _write_store(reviews_dir: Path, data: dict[str, Any]) -> None:
    reviews_dir = Path(reviews_dir)
    reviews_dir.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    atomic_write_text(_store_path(reviews_dir), text)


def _clean_str(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "verdicts.schema.json"


def schema_problem(payload: Any) -> str | None:
    """The first violation of the published verdicts schema, or None."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    error = next(iter(sorted(validator.iter_errors(payload), key=lambda e: list(e.absolute_path))), None)
    if error is None:
        return None
    where = "/".join(str(p) for p in error.absolute_path) or "(root)"
    return f"{where}: {error.message}"[:300]


MAX_FILE_BYTES = 20_000_000
MAX_VERDICTS = 200_000
MAX_FIELD = 200  # characters of a reviewer name, a label, an id, a time
_ARTICLE_ID = re.compile(r"[0-9a-f]{16}")


def _assignments(article_file: Path) -> tuple[set[str], set[str]]:
    """(labels assigned now, labels the model assigned) of a written article.

    The model's own decision survives a review: a tag it assigned is in ``topics``
    with ``source: "model"``, or was reviewed ``correct``/``wrong`` (``reviews``).
    """
    try:
        art = json.loads(article_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set(), set()
    topics = [t for t in art.get("topics") or [] if isinstance(t, dict)]
    now = {str(t.get("label")) for t in topics}
    model = {str(t.get("label")) for t in topics if t.get("source") == "model"}
    model |= {str(r.get("label")) for r in art.get("reviews") or []
              if isinstance(r, dict) and r.get("verdict") in ("correct", "wrong")}
    return now, model


def _parse_time(value: str) -> datetime | None:
    """An ISO 8601 time (``Z`` allowed; no zone read as UTC), or None."""
    try:
        t = datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value)
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=UTC)


FUTURE_SLACK = timedelta(days=1)  # clocks and zones differ; a verdict from next year is a typo


def when_later_or_equal(a: str | None, b: str | None) -> bool:
    """``a`` was decided no earlier than ``b`` (a time that does not parse counts as the earliest)."""
    ta, tb = _parse_time(a) if a else None, _parse_time(b) if b else None
    if tb is None:
        return True
    return ta is not None and ta >= tb


def _parse_file(file: Path, labels: set[str] | None = None, articles_dir: Path | None = None) -> list[dict[str, str]]:
    """Validate an exported verdicts file; return one record per pair (the last entry wins).

    Always: size limits. With ``labels`` (the taxonomy's) every label must be one
    of them; with ``articles_dir`` every article id must be an article's id
    (16 hex digits) whose file exists.
    """
    file = Path(file)
    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            raise ReviewImportError(f"verdicts file {file} is larger than {MAX_FILE_BYTES // 1_000_000} MB")
        payload = json.loads(file.read_text(encoding="utf-8-sig"))  # a Windows editor's BOM is no error
    except FileNotFoundError:
        raise ReviewImportError(f"verdicts file not found: {file}") from None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ReviewImportError(f"verdicts file {file} is not valid JSON: {exc}") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("verdicts"), list):
        raise ReviewImportError(f'verdicts file {file} must hold an object with a "verdicts" list')
    if len(payload["verdicts"]) > MAX_VERDICTS:
        raise ReviewImportError(f"verdicts file {file} holds more than {MAX_VERDICTS:,} verdicts")
    top_reviewer = _clean_str(payload.get("reviewer"))
    exported_at = _clean_str(payload.get("exported_at"))
    records: dict[tuple[str, str], dict[str, str]] = {}
    for i, entry in enumerate(payload["verdicts"]):
        where = f"verdicts file {file}: verdicts[{i}]"
        if not isinstance(entry, dict):
            raise ReviewImportError(f"{where} is not an object")
        article_id = _clean_str(entry.get("article_id"))
        label = _clean_str(entry.get("label"))
        verdict = _clean_str(entry.get("verdict"))
        reviewer = _clean_str(entry.get("reviewer")) or top_reviewer
        if not article_id:
            raise ReviewImportError(f"{where}: article_id is missing")
        if not label:
            raise ReviewImportError(f"{where}: label is missing")
        if verdict not in VERDICTS:
            raise ReviewImportError(f"{where}: verdict must be one of {', '.join(VERDICTS)}, got {verdict!r}")
        if not reviewer:
            raise ReviewImportError(f"{where}: no reviewer name (neither in the entry nor at the top level)")
        if any(len(v) > MAX_FIELD for v in (article_id, label, reviewer)):
            raise ReviewImportError(f"{where}: a field is longer than {MAX_FIELD} characters")
        if labels is not None and label not in labels:
            raise ReviewImportError(f"{where}: unknown topic {label!r} (the taxonomy has {', '.join(sorted(labels))})")
        if articles_dir is not None and not _ARTICLE_ID.fullmatch(article_id):
            raise ReviewImportError(f"{where}: article_id must be 16 lower-case hex digits, got {article_id!r}")
        if articles_dir is not None and not (articles_dir / f"{article_id}.json").is_file():
            raise ReviewImportError(f"{where}: no article {article_id!r} in {articles_dir}")
        if articles_dir is not None:  # a verdict must be about a decision the article shows
            now, model = _assignments(articles_dir / f"{article_id}.json")
            if verdict in ("correct", "wrong") and label not in now | model:
                raise ReviewImportError(f"{where}: {verdict!r} for {label!r}, a topic article {article_id} was "
                                        "never assigned (use 'missing' for a topic the tagger missed)")
            if verdict == "missing" and label in model:
                raise ReviewImportError(f"{where}: 'missing' for {label!r}, a topic the tagger did assign to "
                                        f"article {article_id} (use 'correct' or 'wrong')")
        at = _clean_str(entry.get("at"))
        when = _parse_time(at) if at else None
        if at and when is None:
            raise ReviewImportError(f"{where}: at must be an ISO 8601 date-time, got {at!r}")
        if when is not None and when > datetime.now(UTC) + FUTURE_SLACK:
            raise ReviewImportError(f"{where}: at {at!r} is in the future")
        key = (article_id, label)
        when = when or (_parse_time(exported_at) if exported_at else None)
        stamp = _published_form(when or _parse_time(_now()) or datetime.now(UTC))
        if key in records and not when_later_or_equal(stamp, records[key]["at"]):
            continue  # an older decision of the same file: the newer one stands
        records.pop(key, None)  # keep file order of the winning entry
        records[key] = {
            "article_id": article_id,
            "label": label,
            "verdict": verdict,
            "reviewer": redact_text(reviewer)[0],  # a name, never a phone number or an e-mail address
            "at": stamp,
        }
    problem = schema_problem(payload)  # the checks above say it in the operator's words; this is the contract
    if problem:
        raise ReviewImportError(f"verdicts file {file} does not match {SCHEMA_PATH.name}: {problem}")
    return list(records.values())


def import_verdicts(file: Path, reviews_dir: Path, *, labels: set[str] | None = None,
                    articles_dir: Path | None = None) -> ImportResult:
    """Store the verdicts of an exported file in ``reviews_dir``; say what became of them.

    One decision is kept per ``(article_id, label)``: the newest by the reviewer's time
    (``at``), so the order files are imported in does not decide between two reviewers;
    a file's decision as new as the stored one replaces it. The file is validated as a
    whole first: a bad entry raises :class:`ReviewImportError` and nothing is stored.
    """
    incoming = _parse_file(Path(file), labels, articles_dir)
    reviews_dir = Path(reviews_dir)
    reviews_dir.mkdir(parents=True, exist_ok=True)
    with _locked(reviews_dir):
        return _merge(reviews_dir, incoming, Path(file).name)


@contextlib.contextmanager
def _locked(reviews_dir: Path):
    """Serialise read-modify-write of the store between concurrent imports (POSIX only)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - non-POSIX
        yield
        return
    with open(reviews_dir / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _merge(reviews_dir: Path, incoming: list[dict[str, str]], file_name: str) -> ImportResult:
    store = _read_store(reviews_dir)
    imported_at = _now()
    file_name = redact_text(file_name)[0]  # a file named after its reviewer's phone is still personal data
    by_key: dict[tuple[str, str], dict[str, Any]] = {
        (r["article_id"], r["label"]): r for r in store["verdicts"] if isinstance(r, dict)
    }
    stored = unchanged = older = 0
    for rec in incoming:
        key = (rec["article_id"], rec["label"])
        old = by_key.get(key)
        if old and (old.get("verdict"), old.get("reviewer")) == (rec["verdict"], rec["reviewer"]):
            unchanged += 1  # the same decision imported again: keep its first time, so no article is rewritten
            continue
        if old and not when_later_or_equal(rec["at"], old.get("at")):
            older += 1  # decided before the stored one: a later import must not turn back a newer decision
            continue
        stored += 1
        by_key.pop(key, None)
        by_key[key] = {**rec, "imported_at": imported_at, "source_file": file_name}
    store["verdicts"] = list(by_key.values())
    store["imports"].append({"file": file_name, "imported_at": imported_at, "count": len(incoming),
                             "stored": stored, "unchanged": unchanged, "older": older})
    store["schema_version"] = STORE_VERSION
    _write_store(reviews_dir, store)
    return ImportResult(stored, unchanged, older)


def load_verdict_records(reviews_dir: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """Every stored decision with its reviewer and times, keyed by ``(article_id, label)``."""
    store = _read_store(Path(reviews_dir))
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for rec in store["verdicts"]:
        if isinstance(rec, dict) and rec.get("verdict") in VERDICTS:
            out[(str(rec.get("article_id")), str(rec.get("label")))] = rec
    return out


def load_verdicts(reviews_dir: Path) -> dict[tuple[str, str], str]:
    """``{(article_id, label): "correct" | "wrong" | "missing"}`` for every stored decision."""
    return {key: rec["verdict"] for key, rec in load_verdict_records(reviews_dir).items()}


def apply_reviews(docs: list[Document], reviews_dir: Path) -> list[Document]:
    """Apply stored verdicts to tagged documents (in place; also returned).

    ``correct`` keeps the tag assigned, ``wrong`` unassigns it, ``missing``
    assigns it. A reviewed tag gets ``source="review"``; ``score`` and
    ``model_score`` keep the model's score. A ``missing`` tag for a topic the
    model did not score at all is added with score 0.
    """
    records = load_verdict_records(Path(reviews_dir))
    if not records:
        return docs
    by_doc: dict[str, dict[str, str]] = {}
    for (article_id, label), rec in records.items():
        by_doc.setdefault(article_id, {})[label] = rec["verdict"]
    for doc in docs:
        if doc.done or not doc.id or doc.id not in by_doc:
            continue
        reviewed = by_doc[doc.id]
        doc.reviews = [applied_json(records[(doc.id, label)]) for label in sorted(reviewed)]
        seen: set[str] = set()
        for tag in doc.topics:
            verdict = reviewed.get(tag.label)
            if verdict is None:
                continue
            seen.add(tag.label)
            model_score = tag.model_score if tag.source == "review" and tag.model_score is not None else tag.score
            tag.assigned = verdict != "wrong"
            tag.source = "review"
            tag.model_score = model_score
            tag.score = model_score
        for label, verdict in reviewed.items():
            if label in seen or verdict == "wrong":
                continue
            doc.topics.append(
                TopicTag(label=label, name=label, score=0.0, threshold=1.0, assigned=True,
                         source="review", model_score=0.0)
            )
    return docs


def applied_json(rec: dict[str, Any]) -> dict[str, str]:
    """A stored verdict as the article's ``reviews`` entry."""
    return {"label": str(rec["label"]), "verdict": str(rec["verdict"]), "reviewer": str(rec.get("reviewer") or ""),
            "at": str(rec.get("at") or "")}


def apply_to_json(obj: dict[str, Any], records: list[dict[str, Any]], names: dict[str, str],
                  thresholds: dict[str, float]) -> bool:
    """Apply one article's verdicts to its published JSON (in place); True when anything changed.

    The same decisions as :func:`apply_reviews`, for an article whose input is
    unchanged and so is not processed again: ``correct`` marks the tag
    ``source: "review"``, ``wrong`` removes it from ``topics``, ``missing`` adds it
    (with the score the model gave, and no evidence: the model found none above
    its threshold). ``reviews`` lists the verdicts applied, so applying the same
    verdicts again changes nothing.
    """
    want = sorted((applied_json(r) for r in records), key=lambda r: r["label"])
    have = obj.get("reviews") or []
    merged = {r["label"]: r for r in have if isinstance(r, dict) and "label" in r} | {r["label"]: r for r in want}
    if [merged[k] for k in sorted(merged)] == have:
        return False
    scores = obj.get("topic_scores") or {}
    topics = [t for t in obj.get("topics") or [] if isinstance(t, dict)]
    for rec in want:
        label = rec["label"]
        tag = next((t for t in topics if t.get("label") == label), None)
        if rec["verdict"] == "wrong":
            if tag is not None:
                topics.remove(tag)
            continue
        if tag is None:
            score = float(scores.get(label, 0.0))
            topics.append({"label": label, "name": names.get(label, label), "score": score,
                           "threshold": thresholds.get(label, 1.0), "source": "review", "model_score": score,
                           "evidence": []})
        elif tag.get("source") != "review":
            tag["source"], tag["model_score"] = "review", tag.get("score")
    obj["topics"] = topics
    obj["reviews"] = [merged[k] for k in sorted(merged)]
    return True


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def reviewed_metrics(reviews_dir: Path) -> dict[str, dict[str, Any]]:
    """Per topic: the tagger's precision and recall against every reviewed decision so far.

    A ``correct`` verdict on a model-assigned tag is a true positive, ``wrong``
    a false positive, ``missing`` a false negative. ``precision``/``recall`` are
    ``None`` while their denominator is 0; ``n`` is the number of decisions.
    Also returns ``tp``, ``fp``, ``fn``.
    """
    counts: dict[str, dict[str, int]] = {}
    for (_article_id, label), verdict in load_verdicts(Path(reviews_dir)).items():
        c = counts.setdefault(label, {"tp": 0, "fp": 0, "fn": 0})
        c[{"correct": "tp", "wrong": "fp", "missing": "fn"}[verdict]] += 1
    return {
        label: {
            "precision": _ratio(c["tp"], c["tp"] + c["fp"]),
            "recall": _ratio(c["tp"], c["tp"] + c["fn"]),
            "n": c["tp"] + c["fp"] + c["fn"],
            **c,
        }
        for label, c in sorted(counts.items())
    }


def verdicts_as_gold(reviews_dir: Path) -> dict[str, dict[str, str]]:
    """Reviewed decisions as gold labels: ``{article_id: {label: "yes" | "no"}}``.

    ``yes`` when the reviewer says the topic applies (``correct`` or
    ``missing``), ``no`` when it does not (``wrong``) - the label values of
    ``pipeline.eval.tagging``. Pairs nobody reviewed are absent: evaluate only
    on those present.
    """
    gold: dict[str, dict[str, str]] = {}
    for (article_id, label), verdict in load_verdicts(Path(reviews_dir)).items():
        gold.setdefault(article_id, {})[label] = "no" if verdict == "wrong" else "yes"
    return gold


def gold_rows(reviews_dir: Path, articles_dir: Path, split: str = "review") -> list[dict[str, Any]]:
    """Reviewed articles as rows of a ``pipeline.eval.tagging`` gold JSONL file.

    Split ``review`` by default: real crawled articles judged by an analyst, scored with
    ``pipeline eval tagging --split review``.

    ``{"id", "title", "text", "labels", "split", "origin": "review"}``, one per
    reviewed article whose ``articles_dir/<id>.json`` exists; ``text`` is the
    body paragraphs joined by newlines, as the evaluation expects.
    """
    rows = []
    for article_id, labels in sorted(verdicts_as_gold(reviews_dir).items()):
        path = Path(articles_dir) / f"{Path(article_id).name}.json"
        try:
            art = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        paragraphs = [str(p) for sec in art.get("sections") or [] if isinstance(sec, dict)
                      for p in sec.get("paragraphs") or []]
        rows.append({"id": article_id, "title": art.get("title"), "text": "\n".join(paragraphs),
                     "labels": dict(sorted(labels.items())), "split": split, "origin": "review"})
    return rows
