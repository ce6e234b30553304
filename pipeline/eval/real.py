"""Tagging measured on real pages: the labelled real set, read through the whole chain.

The labels (``tests/data/tagging/real_labels.jsonl``) name texts of
``../shared/corpus/pages/pages.jsonl`` by id; the texts stay there and are read
by path (``--pages``). Each text goes through what a scraped ``.txt`` input goes
through in a run - text extraction (boilerplate out), normalisation, redaction,
tagging - so the figure is the pipeline's, not the tagger's on clean text. A text
the extractor quarantines is scored as tagged with nothing.

Beside the tagger, the keyword-list baseline: a topic is tagged when any of its
lexicon terms appears in the cleaned body.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline.config import Settings
from pipeline.extract import extract_document
from pipeline.normalize import normalize_batch
from pipeline.record import Document
from pipeline.redact import redact_document
from pipeline.tag import tag_document
from pipeline.tag.taxonomy import Taxonomy

REPO = Path(__file__).resolve().parents[2]
REAL_LABELS = REPO / "tests" / "data" / "tagging" / "real_labels.jsonl"
DEFAULT_PAGES = REPO.parent / "shared" / "corpus" / "pages" / "pages.jsonl"


def read_jsonl(path: Path) -> list[dict]:
    """The JSON objects of a JSON-lines file (blank lines skipped)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_labels(path: Path = REAL_LABELS) -> list[dict]:
    return read_jsonl(path)


def add_line_label_options(ap: argparse.ArgumentParser, labels: Path) -> None:
    """``--pages``, ``--labels`` and ``--split`` of an eval over the line-labelled real texts."""
    ap.add_argument("--pages", type=Path, default=DEFAULT_PAGES, help="the real page texts (pages.jsonl)")
    ap.add_argument("--labels", type=Path, default=labels)
    ap.add_argument("--split", default="real_blind", help="real_blind (default), real_tune or all")


def labelled_texts(pages: Path, rows: list[dict]) -> dict[str, str] | None:
    """``{id: text}`` for line-labelled rows (each with its text's count of non-empty ``lines``), or None
    after a one-line message when the corpus is not at ``pages`` or a text is not the one labelled."""
    if not pages.is_file():
        print(f"no page texts at {pages}: point --pages at shared/corpus/pages/pages.jsonl", file=sys.stderr)
        return None
    texts = load_texts(pages)
    changed = [r["id"] for r in rows if r["id"] not in texts
               or sum(1 for x in texts[r["id"]].split("\n") if x.strip()) != r["lines"]]
    if changed:
        print(f"{len(changed)} labelled texts are missing from {pages} or differ from the ones labelled "
              f"(first: {changed[0]})", file=sys.stderr)
        return None
    return texts


def load_texts(pages: Path) -> dict[str, str]:
    """``{id: text}`` of the real pages (raises FileNotFoundError when the corpus is not here)."""
    with pages.open(encoding="utf-8") as fh:
        return {row["id"]: row["text"] for row in map(json.loads, fh) if row.get("id")}


def pipeline_documents(rows: list[dict], texts: dict[str, str], settings: Settings) -> list[Document]:
    """One document per labelled row, through extract -> normalize -> redact -> tag."""
    docs = [Document(path=f"real:{r['id']}", media_type="text", raw=texts[r["id"]],
                     size=len(texts[r["id"]].encode("utf-8"))) for r in rows]
    for doc in docs:
        extract_document(doc, settings)
    normalize_batch(docs, settings)
    for doc in docs:
        if not doc.done:
            redact_document(doc, settings)
            tag_document(doc, settings)
    return docs


def predictions(doc: Document, labels: list[str]) -> dict[str, tuple[bool, float]]:
    """``{label: (assigned, score)}``; a quarantined document has no tags."""
    tags = {t.label: t for t in doc.topics}
    return {lb: (tags[lb].assigned, tags[lb].score) if lb in tags else (False, 0.0) for lb in labels}


def keyword_baseline(doc: Document, taxonomy: Taxonomy, labels: list[str]) -> dict[str, bool]:
    """Tagged when any lexicon term of the topic appears in the cleaned title and body."""
    if doc.done:
        return dict.fromkeys(labels, False)
    text = ((doc.title or "") + "\n" + doc.text).lower()
    return {lb: any(term.lower() in text for term in taxonomy.get(lb).terms) for lb in labels}
