"""Metadata on real pages: title, publication date, author and source, field by field: ``pipeline eval metadata``.

Downstream apps read ``title``, ``published_at``, ``author`` and ``source_name`` as much
as the body, so they are measured the same way: against what annotators, who worked
from the written guidelines (``tests/data/metadata/guidelines.md``) and never saw the
extractor, read on the page. The labels (``tests/data/metadata/labels.jsonl``) name
pages by id; the pages stay in ``../shared/corpus/`` and are read there by path:

* **text** pages: the real page texts of ``pages/pages.jsonl`` (ids ``p0001`` ...),
  through the extraction a scraped ``.txt`` goes through, in the site-based split of
  the other real labels (``real_tune`` / ``real_blind``);
* **HTML** pages: the pages of the extraction corpora (ids ``corpus/path.html``),
  through the HTML extraction with the page's address, split ``html_tune`` /
  ``html_blind`` (frozen with the labels; see the labels' README);
* **written** HTML pages: the project's own (``tests/data/metadata/written_html/SET/NN.html``,
  ids ``SET/NN``), written by helpers in the metadata markup of many site families with the
  values they state, in the clear; a set named ``blind_…`` is ``written_blind``, the others
  ``written_tune``.

A field is scored per page: **correct** when the page states nothing and the
extractor gives nothing, or both give the same value. Values are compared after
NFKC, Traditional-to-Simplified conversion and removal of spaces and punctuation
(a title's ``?`` against ``？`` is not an error); a date by its day; an author as
the set of its names. Reported per field: accuracy over pages, precision (of the
values given, how many are right), recall (of the values stated, how many were
found), with a 95 % bootstrap interval over pages for the accuracy.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pipeline.config import Settings
from pipeline.eval.real import DEFAULT_PAGES, load_texts, read_jsonl
from pipeline.extract import extract_document
from pipeline.extract.dates import canonical
from pipeline.record import Document

REPO = Path(__file__).resolve().parents[2]
LABELS = REPO / "tests" / "data" / "metadata" / "labels.jsonl"
WRITTEN = REPO / "tests" / "data" / "metadata" / "written_html"
CORPORA = REPO.parent / "shared" / "corpus"
FIELDS = ("title", "published", "author", "source")
BLIND = ("real_blind", "html_blind", "written_blind")
TUNE = ("real_tune", "html_tune", "written_tune")

_DROP = re.compile(r"[\s\W_]+", re.UNICODE)
_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NAME_SEP = re.compile(r"[\s、，,/;；|]+")


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def squash(value: str) -> str:
    """A value as compared: NFKC, Simplified script, no spaces or punctuation, lower case."""
    return _DROP.sub("", _t2s().convert(unicodedata.normalize("NFKC", value))).lower()


def comparable(name: str, value: str | None) -> str | None:
    """The form in which two values of field ``name`` are compared; None when there is no value.

    A date is its day; an author the sorted set of its names, joined by ``|``; a title or
    a source its :func:`squash`. A value stored as a digest (``sha256:…``) is compared as
    :func:`digest` of the other side.
    """
    if value is None or not str(value).strip():
        return None
    value = str(value)
    if name == "published":
        m = _DAY.search(value)
        return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}" if m else squash(value)
    if name == "author":
        names = {squash(n) for n in _NAME_SEP.split(unicodedata.normalize("NFKC", value))} - {""}
        return "|".join(sorted(names)) or None
    return squash(value) or None


def digest(name: str, value: str | None) -> str | None:
    """How a label stores a title, author or source: the sha256 of its comparable form.

    The labels name pages of other sites and real people; a digest scores the extractor
    exactly without a page's words or a reporter's name in the clear in the repository. It
    pseudonymises, no more: unsalted, a guessed value can be checked against it.
    """
    form = comparable(name, value)
    return None if form is None else "sha256:" + hashlib.sha256(form.encode("utf-8")).hexdigest()[:20]


def _pair(name: str, gold: str | None, got: str | None) -> tuple[str | None, str | None]:
    """The gold value and the extractor's, each in the form the gold is stored in."""
    if gold is not None and str(gold).startswith("sha256:"):
        return str(gold), digest(name, got)
    return comparable(name, gold), comparable(name, got)


def predicted(doc: Document) -> dict[str, str | None]:
    """The four fields as the written article gives them (nothing for a quarantined page): the
    date as ``published_at`` is published, in China Standard Time (:func:`~pipeline.extract.dates.canonical`)."""
    if doc.status == "quarantined":
        return dict.fromkeys(FIELDS)
    return {"title": doc.title or None, "published": canonical(doc.published_at)[0], "author": doc.author,
            "source": doc.source_name}


@dataclass
class PageResult:
    id: str
    split: str
    kind: str  # "text" or "html"
    gold: dict[str, object] = field(default_factory=dict)
    got: dict[str, object] = field(default_factory=dict)
    shown: dict[str, str | None] = field(default_factory=dict)  # the extractor's values as given
    gold_time: str | None = None  # "HH:MM" when the page states a time of day

    def correct(self, name: str) -> bool:
        return self.gold[name] == self.got[name]

    def same_minute(self) -> bool | None:
        """Whether the publication time of day is right, when the page states one and the day is right."""
        gold, got = self.gold_time, _clock(self.shown["published"])
        if gold is None or not self.correct("published"):
            return None
        return gold == got


def score(row: dict, doc: Document) -> PageResult:
    got = predicted(doc)
    pairs = {f: _pair(f, row.get(f), got[f]) for f in FIELDS}
    return PageResult(row["id"], row["split"], row["kind"], {f: g for f, (g, _) in pairs.items()},
                      {f: p for f, (_, p) in pairs.items()}, got, _clock(row.get("published")))


_CLOCK = re.compile(r"(?:T|\s)(\d{1,2}):(\d{2})")


def _clock(value: str | None) -> str | None:
    """``HH:MM`` of a date with a time of day (a label's ``2023-04-03 10:21``, a record's ISO form)."""
    m = _CLOCK.search(value or "")
    return f"{int(m[1]):02d}:{m[2]}" if m else None


def text_document(row: dict, texts: dict[str, str]) -> Document:
    return Document(path=f"real:{row['id']}", media_type="text", raw=texts[row["id"]])


def html_document(row: dict, corpora: Path) -> Document | None:
    """The HTML page ``corpus/path`` with its manifest address; None when its corpus is not here."""
    from pipeline.eval.extraction import decode

    corpus, _, rel = row["id"].partition("/")
    base = corpora / corpus
    if not (base / rel).is_file():
        return None
    html = decode((base / rel).read_bytes())
    doc = Document(path=row["id"], media_type="html", raw=html or "", url=_urls(base).get(rel))
    if html is None:
        doc.quarantine("undecodable")
    return doc


@cache
def _urls(base: Path) -> dict[str, str]:
    """``{local_html: url}`` of a corpus's manifest (pages without an address left out)."""
    from pipeline.eval.extraction import load_manifest

    return {r["local_html"]: r["url"] for r in load_manifest(base) if r.get("url")}


def written_rows(folder: Path = WRITTEN) -> list[dict]:
    """The labels of the written pages, one row per page (``labels.jsonl`` of each set).

    A set whose pages a second annotator labelled too (``second.jsonl``) keeps both readings
    (``first``, ``second``) for :func:`agreement`; ``adjudicated.jsonl`` gives the values that
    stand where the two differed.
    """
    rows = []
    for labels in sorted(folder.glob("*/labels.jsonl")):
        name = labels.parent.name
        split = "written_blind" if name.startswith("blind") else "written_tune"
        extra = {f: {r["id"]: r for r in read_jsonl(labels.parent / f"{f}.jsonl")}
                 for f in ("second", "adjudicated") if (labels.parent / f"{f}.jsonl").is_file()}
        for r in read_jsonl(labels):
            row = {"id": f"{name}/{r['id']}", "kind": "written", "split": split, **{f: r.get(f) for f in FIELDS}}
            if (second := extra.get("second", {}).get(r["id"])) is not None:
                row["first"] = {f: r.get(f) for f in FIELDS}
                row["second"] = {f: second.get(f) for f in FIELDS}
            row.update({f: v for f, v in extra.get("adjudicated", {}).get(r["id"], {}).items() if f in FIELDS})
            rows.append(row)
    return rows


def written_document(row: dict, folder: Path = WRITTEN) -> Document | None:
    """The written page ``SET/NN``; None when its file is not there."""
    from pipeline.eval.extraction import decode

    path = folder / f"{row['id']}.html"
    if not path.is_file():
        return None
    html = decode(path.read_bytes())
    doc = Document(path=row["id"], media_type="html", raw=html or "")
    if html is None:
        doc.quarantine("undecodable")
    return doc


def evaluate(rows: list[dict], texts: dict[str, str] | None, corpora: Path,
             settings: Settings | None = None, written: Path = WRITTEN) -> tuple[list[PageResult], list[str]]:
    """Each labelled page through the extraction; also the ids whose page is not here."""
    settings = settings or Settings()
    results, absent = [], []
    for row in rows:
        if row["kind"] == "text":
            doc = text_document(row, texts) if texts is not None and row["id"] in texts else None
        elif row["kind"] == "written":
            doc = written_document(row, written)
        else:
            doc = html_document(row, corpora)
        if doc is None:
            absent.append(row["id"])
            continue
        if doc.status != "quarantined":
            extract_document(doc, settings)
        results.append(score(row, doc))
    return results, absent


def field_figures(results: list[PageResult], name: str) -> dict[str, float | int]:
    """Accuracy, precision, recall and the counts behind them for one field."""
    stated = [r for r in results if r.gold[name] is not None]
    given = [r for r in results if r.got[name] is not None]
    right = [r for r in given if r.correct(name)]
    n = len(results)
    return {
        "pages": n,
        "stated": len(stated),
        "given": len(given),
        "accuracy": sum(r.correct(name) for r in results) / n if n else 0.0,
        "precision": len(right) / len(given) if given else None,  # None: nothing to measure it on
        "recall": len(right) / len(stated) if stated else None,
    }


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def bootstrap_accuracy(results: list[PageResult], name: str, rounds: int = 1000, seed: int = 7) -> tuple[float, float]:
    """95 % interval of the field's accuracy, pages resampled as if independent (the text split
    is by site, and pages of one site err alike: the interval is somewhat narrow)."""
    rng = random.Random(seed)
    flags = [r.correct(name) for r in results]
    if not flags:
        return 0.0, 0.0
    stats = sorted(sum(rng.choice(flags) for _ in flags) / len(flags) for _ in range(rounds))
    return stats[int(0.025 * rounds)], stats[int(0.975 * rounds) - 1]


def report(results: list[PageResult], title: str, out=sys.stdout, show: bool = False) -> dict[str, dict]:
    print(f"{title}: {len(results)} pages", file=out)
    print(f"  {'field':<10} {'stated':>6} {'given':>6} {'accuracy':>9} {'95% CI':>13} {'precision':>9} {'recall':>7}",
          file=out)
    figures = {}
    for name in FIELDS:
        f = field_figures(results, name)
        lo, hi = bootstrap_accuracy(results, name)
        f["accuracy_ci"] = [lo, hi]
        figures[name] = f
        print(f"  {name:<10} {f['stated']:6d} {f['given']:6d} {f['accuracy']:9.3f} {lo:6.3f}-{hi:.3f} "
              f"{_figure(f['precision']):>9} {_figure(f['recall']):>7}", file=out)
    minutes = [m for r in results if (m := r.same_minute()) is not None]
    figures["published_time"] = {"pages": len(minutes), "right": sum(minutes)}
    if minutes:
        print(f"  published time of day right on {sum(minutes)} of {len(minutes)} pages that state one "
              "(with the right day)", file=out)
    if show:
        for r in results:
            for name in FIELDS:
                if not r.correct(name):
                    gold = r.gold[name]
                    if gold is not None and gold.startswith("sha256:"):
                        gold = "(stated; stored as a digest)"
                    print(f"  WRONG {r.id} {name}: gold={gold!r} got={r.shown[name]!r}", file=out)
    return figures


def agreement(rows: list[dict], out=sys.stdout, title: str = "agreement between two annotators") -> dict[str, dict]:
    """How often the two annotators of the doubly labelled pages gave the same value, per field.

    Such a row keeps each annotator's values (``first``, ``second``) beside the adjudicated ones.
    """
    pairs = [r for r in rows if r.get("first") and r.get("second")]
    print(f"{title}: {len(pairs)} pages labelled twice", file=out)
    figures = {}
    for name in FIELDS:
        values = [(_pair(name, r["first"].get(name), None)[0], _pair(name, r["second"].get(name), None)[0])
                  for r in pairs]
        same = sum(a == b for a, b in values)
        either = [(a, b) for a, b in values if a is not None or b is not None]
        same_stated = sum(a == b for a, b in either)
        figures[name] = {"pages": len(pairs), "agree": same / len(pairs) if pairs else 0.0,
                         "stated_by_either": len(either),
                         "agree_where_stated": same_stated / len(either) if either else None}
        print(f"  {name:<10} agree {figures[name]['agree']:.3f} ({same} of {len(pairs)}); where either "
              f"annotator gave a value {_figure(figures[name]['agree_where_stated'])} "
              f"({same_stated} of {len(either)})", file=out)
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="pipeline eval metadata", description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="blind",
                    help="blind (default: real_blind, html_blind and written_blind), tune (real_tune, "
                         "html_tune and written_tune), one split's name, or all")
    ap.add_argument("--pages", type=Path, default=DEFAULT_PAGES, help="the real page texts (pages.jsonl)")
    ap.add_argument("--corpora", type=Path, default=CORPORA,
                    help="the folder holding the extraction corpora (extraction/, extraction-dev/)")
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--written", type=Path, default=WRITTEN,
                    help="the folder of the written pages' sets (each SET/labels.jsonl beside SET/NN.html)")
    ap.add_argument("--show", action="store_true", help="list every wrong field")
    ap.add_argument("--agreement", action="store_true", help="also print the annotators' agreement")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    args = ap.parse_args(argv)
    every = read_jsonl(args.labels) + written_rows(args.written)
    wanted = {"blind": set(BLIND), "tune": set(TUNE)}.get(args.split, {args.split})
    rows = every if args.split == "all" else [r for r in every if r["split"] in wanted]
    if not rows:
        names = ", ".join(["blind", "tune", "all", *sorted({r["split"] for r in every})])
        print(f"no labelled pages in split {args.split!r} (splits: {names})", file=sys.stderr)
        return 2
    texts = load_texts(args.pages) if args.pages.is_file() else None
    results, absent = evaluate(rows, texts, args.corpora, written=args.written)
    written_gone = [a for a in absent if a in {r["id"] for r in rows if r["kind"] == "written"}]
    if written_gone:  # the project's own pages: a file lost from the checkout, named
        print(f"{len(written_gone)} written pages have a label but no file under {args.written}: "
              f"{', '.join(written_gone[:5])}", file=sys.stderr)
        absent = [a for a in absent if a not in written_gone]
    if absent:
        texts_gone = sum(1 for a in absent if "/" not in a)
        where = []
        if texts_gone:
            where.append(f"point --pages at shared/corpus/pages/pages.jsonl (not found: {args.pages})"
                         if texts is None else f"{texts_gone} ids are not in {args.pages}")
        if len(absent) > texts_gone:
            where.append(f"point --corpora at shared/corpus (not found: {args.corpora})" if not args.corpora.is_dir()
                         else f"{len(absent) - texts_gone} files are missing under {args.corpora}")
        after = f"the figures below are over the {len(results)} here" if results else "nothing to measure"
        print(f"{len(absent)} labelled pages are not here: {'; '.join(where)}; {after}", file=sys.stderr)
    figures: dict[str, object] = {}
    for kind, label in (("text", "text pages"), ("html", "HTML pages"), ("written", "written HTML pages")):
        part = [r for r in results if r.kind == kind]
        if part:
            splits = ", ".join(sorted({r.split for r in part}))
            figures[kind] = report(part, f"metadata, {label} ({splits})", show=args.show)
    if args.agreement:  # over every page labelled twice, whatever the split
        figures["agreement"] = agreement([r for r in every if r["kind"] != "written"])
        if any(r.get("second") for r in every if r["kind"] == "written"):
            figures["agreement_written"] = agreement([r for r in every if r["kind"] == "written"],
                                                     title="agreement on the written pages (writer and a second annotator)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0 if results else 2  # a part that is here is measured; nothing here is an error


if __name__ == "__main__":
    raise SystemExit(main())
