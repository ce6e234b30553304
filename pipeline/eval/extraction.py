"""Main-content extraction benchmark: ``python -m pipeline.eval.extraction``.

Runs the pipeline's extractor (:func:`pipeline.extract.extract_document`) over
every page listed in each corpus's ``MANIFEST.tsv`` (``--corpus DIR``, repeatable;
by default ``../shared/corpus/extraction/`` and ``../shared/corpus/extraction-dev/``
when they exist, read there by path: the pages belong to their publishers and are
never copied into this repository) and scores the extracted body against the gold
text, per corpus, per kind (article, forum, ...) and per script, beside the anchor
extractors measured by ``benchmarks/extraction_anchors.py`` (``anchors.json``).
The page bytes are decoded by the pipeline's own decoder; a page it rejects scores 0.

Metric: bag-of-tokens precision / recall / F1 per page. A token is one Han
(or kana / hangul) character or one run of Latin letters / digits, after NFKC
and lower-casing; whitespace and punctuation are ignored. The scored text is
the body only (``Document.text``: section headings and paragraphs), *not* the
title, since most gold texts exclude the page title; where the manifest says the
gold starts with the title (``gold_has_title``), title + body is scored. Pages with full gold text are
macro-averaged; pages with ``with``/``without`` snippets (trafilatura's
evaluation format) are counted separately: every ``with`` snippet must be
found and no ``without`` snippet may appear (both compared after NFKC with
whitespace removed).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.config import Settings
from pipeline.extract import extract_document
from pipeline.record import Document

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "extraction"
CORPUS_DEV = REPO.parent / "shared" / "corpus" / "extraction-dev"
ANCHORS_FILE = Path(__file__).with_name("anchors.json")

# Anchors the corpora publish (same metric), for the tools not measured here:
# magic-html needs Python >= 3.12. {corpus: {tool: {"all"|kind: F1}}}
QUOTED: dict[str, dict[str, dict[str, float]]] = {
    "extraction": {"magic-html": {"all": 0.892, "zh-Hant": 0.998}, "justext": {"all": 0.748}, "gne": {"all": 0.695}},
    "extraction-dev": {"magic-html": {"all": 0.926, "forum": 0.798}},
}


def default_corpora() -> list[Path]:
    """The shared corpora that exist on this machine."""
    return [c for c in (CORPUS, CORPUS_DEV) if (c / "MANIFEST.tsv").is_file()]


def page_kind(row: dict[str, str]) -> str:
    """article / forum / ... from either manifest layout (``kind`` or ``page_type``)."""
    return (row.get("kind") or row.get("page_type") or "article").strip() or "article"

_TOKEN = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # Han
    r"\u3040-\u309f\u30a0-\u30ff"  # kana
    r"\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]"  # hangul
    r"|[a-z0-9]+"
)


def tokens(text: str) -> Counter[str]:
    """Bag of tokens: Han/kana/hangul characters and Latin/digit runs, after NFKC + lower-casing."""
    return Counter(_TOKEN.findall(unicodedata.normalize("NFKC", text).lower()))


def prf(pred: Counter[str], gold: Counter[str]) -> tuple[float, float, float]:
    """Precision, recall, F1 of two token bags (multiset overlap)."""
    overlap = sum((pred & gold).values())
    np_, ng = sum(pred.values()), sum(gold.values())
    p = overlap / np_ if np_ else 0.0
    r = overlap / ng if ng else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def decode(data: bytes) -> str | None:
    """The page as the pipeline reads it (:func:`pipeline.decoding.decode`); None when it rejects the bytes."""
    from pipeline.decoding import InputError
    from pipeline.decoding import decode as ingest_decode

    try:
        return ingest_decode(data, "html").text
    except InputError:
        return None


@dataclass
class Page:
    name: str
    html: str
    gold: str | None  # full gold text, or None for snippet pages
    with_title: bool
    snippets: dict[str, list[str]] = field(default_factory=dict)


def read_page(corpus: Path, row: dict[str, str]) -> Page:
    """One manifest row's page and gold; ``html`` is empty when the pipeline rejects the bytes (scored 0)."""
    golds = _gold_files(row)
    html = decode((corpus / row["local_html"]).read_bytes())
    txt_gold = next((g for g in golds if g.endswith(".gold.txt")), None)
    json_gold = next((g for g in golds if g.endswith(".gold.json")), None)
    gold = (corpus / txt_gold).read_text(encoding="utf-8") if txt_gold else None
    spec = json.loads((corpus / json_gold).read_text(encoding="utf-8")) if json_gold and not txt_gold else {}
    with_title = row.get("gold_has_title", "").strip().lower() in ("yes", "true", "1")
    return Page(row["local_html"], html if html is not None else "", gold, with_title, spec)


@dataclass
class PageResult:
    page: str
    script: str
    gold_kind: str
    kind: str  # "full" or "snippets"
    page_kind: str = "article"
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    chars: int = 0
    empty: bool = False
    status: str = "pending"
    confidence: float = 0.0
    seconds: float = 0.0
    with_found: int = 0
    with_total: int = 0
    without_leaked: list[str] = field(default_factory=list)
    with_missing: list[str] = field(default_factory=list)


def load_manifest(corpus: Path) -> list[dict[str, str]]:
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _gold_files(row: dict[str, str]) -> list[str]:
    return [g for g in row["local_gold"].split(",") if g]


_CLASS_ID = re.compile(r"""\s(?:class|id)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)


def strip_class_names(html: str) -> str:
    """The page without its ``class`` and ``id`` attributes: what a site with hashed,
    meaningless class names (CSS modules, minified templates) gives the extractor."""
    return _CLASS_ID.sub("", html)


def run(
    corpus: Path = CORPUS, only: str | None = None, urls: bool = True, classes: bool = True
) -> tuple[list[PageResult], tuple[float, float], dict[str, Document]]:
    """Extract and score every manifest page; return results, (wall, CPU) extraction seconds, documents.

    ``urls=False`` extracts every page without the manifest's address (what a page saved
    without its URL gives; the page's own canonical link still counts). ``classes=False``
    strips every ``class`` and ``id`` attribute first (:func:`strip_class_names`), to see
    what the extraction does on structure and text alone.
    """
    settings = Settings()
    # warm-up outside the timing: module imports (the shared boilerplate classifier loads OpenCC)
    extract_document(Document(path="warmup.html", media_type="html", raw="<p>预热。</p>"), settings)
    results: list[PageResult] = []
    docs: dict[str, Document] = {}
    total = cpu = 0.0
    for row in load_manifest(corpus):
        if only and only not in row["local_html"]:
            continue
        page = read_page(corpus, row)
        html = page.html if classes or not page.html else strip_class_names(page.html)
        doc = Document(path=page.name, media_type="html", raw=html,
                       url=(row.get("url") or None) if urls else None)
        t0, c0 = time.perf_counter(), time.process_time()
        if html:
            extract_document(doc, settings)
        else:
            doc.quarantine("undecodable")
        dt = time.perf_counter() - t0
        total += dt
        cpu += time.process_time() - c0
        docs[page.name] = doc
        text = doc.text if doc.status != "quarantined" else ""
        if page.with_title and text:
            text = (doc.title or "") + "\n" + text
        res = PageResult(
            page=page.name,
            script=row.get("script", ""),
            gold_kind=row.get("gold_kind", ""),
            kind="full" if page.gold is not None else "snippets",
            page_kind=page_kind(row),
            chars=len(text),
            empty=not text.strip(),
            status=doc.status,
            confidence=doc.extraction_confidence,
            seconds=dt,
        )
        if page.gold is not None:
            res.precision, res.recall, res.f1 = prf(tokens(text), tokens(page.gold))
        else:
            flat = _squash(text)
            res.with_total = len(page.snippets.get("with", []))
            for snippet in page.snippets.get("with", []):
                if _squash(snippet) in flat:
                    res.with_found += 1
                else:
                    res.with_missing.append(snippet)
            res.without_leaked = [x for x in page.snippets.get("without", []) if _squash(x) in flat]
        results.append(res)
    return results, (total, cpu), docs


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def _group_f1(results: list[PageResult]) -> dict[str, dict[str, float]]:
    """Mean F1 and page count over all full-gold pages, per kind and per script."""
    full = [r for r in results if r.kind == "full"]
    groups: dict[str, list[float]] = {"all": [r.f1 for r in full]}
    for r in full:
        groups.setdefault(r.page_kind, []).append(r.f1)
        groups.setdefault(r.script, []).append(r.f1)
    return {g: {"f1": _mean(v), "pages": len(v)} for g, v in groups.items() if g}


def summarize(results: list[PageResult], seconds: tuple[float, float]) -> dict[str, object]:
    full = [r for r in results if r.kind == "full"]
    hand = [r for r in full if "hand-copied" in r.gold_kind]
    snip = [r for r in results if r.kind == "snippets"]
    return {
        "pages": len(results),
        "full_gold_pages": len(full),
        "mean_f1": _mean([r.f1 for r in full]),
        "mean_precision": _mean([r.precision for r in full]),
        "mean_recall": _mean([r.recall for r in full]),
        "groups": _group_f1(results),
        "hand_copied_f1": _mean([r.f1 for r in hand]),
        "hand_copied_pages": len(hand),
        "snippets_with_found": sum(r.with_found for r in snip),
        "snippets_with_total": sum(r.with_total for r in snip),
        "snippets_without_leaked": sum(len(r.without_leaked) for r in snip),
        "empty_outputs": sum(r.empty for r in results),
        "seconds": seconds[0],
        "cpu_seconds": seconds[1],
        "pages_per_second": len(results) / seconds[0] if seconds[0] else 0.0,
        "pages_per_cpu_second": len(results) / seconds[1] if seconds[1] else 0.0,
    }


def anchor_table(corpus: str, results: list[PageResult]) -> dict[str, dict[str, float]]:
    """``{tool: {group: mean F1}}`` over the pages scored here, from anchors.json and the quoted figures."""
    table: dict[str, dict[str, float]] = {}
    stored = json.loads(ANCHORS_FILE.read_text(encoding="utf-8")).get(corpus, {}) if ANCHORS_FILE.exists() else {}
    pages = stored.get("pages", {})
    scored = [r for r in results if r.kind == "full" and r.page in pages]
    for tool in stored.get("measured", {}):
        groups: dict[str, list[float]] = {"all": []}
        for r in scored:
            f1 = pages[r.page][tool]
            groups["all"].append(f1)
            groups.setdefault(r.page_kind, []).append(f1)
            groups.setdefault(r.script, []).append(f1)
        table[tool] = {g: _mean(v) for g, v in groups.items() if v}
    for tool, figures in QUOTED.get(corpus, {}).items():
        table.setdefault(f"{tool} (published)", dict(figures))
    return table


def print_report(results: list[PageResult], summary: dict[str, object], out=sys.stdout, corpus: str = "",
                 pages: bool = True) -> None:
    if pages:
        w = max((len(r.page) for r in results), default=10)
        print(f"{'page':<{w}}  {'P':>5} {'R':>5} {'F1':>5}  {'chars':>6} {'conf':>4} {'ms':>6}  note", file=out)
        for r in sorted(results, key=lambda r: (r.kind != "full", r.f1)):
            ms = r.seconds * 1000
            if r.kind == "full":
                note = "EMPTY" if r.empty else ("" if r.status != "quarantined" else "quarantined")
                print(
                    f"{r.page:<{w}}  {r.precision:5.3f} {r.recall:5.3f} {r.f1:5.3f}  {r.chars:6d} "
                    f"{r.confidence:4.2f} {ms:6.1f}  {r.page_kind} {r.script} {note}",
                    file=out,
                )
            else:
                note = f"with {r.with_found}/{r.with_total}"
                if r.with_missing:
                    note += f" missing={r.with_missing}"
                if r.without_leaked:
                    note += f" LEAKED={r.without_leaked}"
                print(
                    f"{r.page:<{w}}  {'':5} {'':5} {'':5}  {r.chars:6d} {r.confidence:4.2f} {ms:6.1f}  {note}",
                    file=out,
                )
        print(file=out)
    s = summary
    groups: dict[str, dict[str, float]] = s["groups"]  # type: ignore[assignment]
    names = ["all"] + sorted(g for g in groups if g != "all")
    print(f"== {corpus}: mean F1 {s['mean_f1']:.3f} (P {s['mean_precision']:.3f} R {s['mean_recall']:.3f}) "
          f"over {s['full_gold_pages']} full-gold pages", file=out)
    head = "".join(f"{g + ' (' + str(int(groups[g]['pages'])) + ')':>18}" for g in names)
    print(f"  {'extractor':<30}{head}", file=out)
    print(f"  {'this pipeline':<30}" + "".join(f"{groups[g]['f1']:>18.3f}" for g in names), file=out)
    for tool, figures in anchor_table(corpus, results).items():
        cells = "".join(f"{figures[g]:>18.3f}" if g in figures else f"{'-':>18}" for g in names)
        print(f"  {tool:<30}{cells}", file=out)
    if s["hand_copied_pages"]:
        print(f"  hand-copied gold F1 {s['hand_copied_f1']:.3f} ({s['hand_copied_pages']} pages)", file=out)
    if s["snippets_with_total"]:
        print(f"  snippets: with {s['snippets_with_found']}/{s['snippets_with_total']} found, "
              f"without leaked {s['snippets_without_leaked']}", file=out)
    print(f"  empty outputs {s['empty_outputs']}; speed {s['pages_per_cpu_second']:.1f} pages/s per core "
          f"(CPU {s['cpu_seconds']:.2f} s for {s['pages']} pages, 1 process)", file=out)


def usable_corpora(given: list[Path] | None) -> list[Path] | None:
    """The corpora to read (``given``, else the shared ones that exist), or None after a one-line message."""
    corpora = given or default_corpora()
    missing = [c for c in corpora if not (c / "MANIFEST.tsv").is_file()]
    if not corpora or missing:
        where = missing[0] if missing else CORPUS
        print(f"no MANIFEST.tsv under {where}: the extraction corpus is not here "
              "(point --corpus at a folder in its layout, e.g. a copy of shared/corpus/extraction)",
              file=sys.stderr)
        return None
    return corpora


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="pipeline.eval.extraction", description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, action="append", default=None,
                    help="corpus directory holding MANIFEST.tsv (repeatable; default: the shared "
                         "extraction and extraction-dev corpora when present)")
    ap.add_argument(
        "--json", type=Path, default=None, help="also write per-page results and the summary as JSON"
    )
    ap.add_argument("--only", default=None, help="only pages whose path contains this string")
    ap.add_argument(
        "--show", default=None, help="print the extracted text of pages whose path contains this string"
    )
    ap.add_argument("--pages", action="store_true", help="also print one line per page")
    ap.add_argument("--repeat", type=int, default=1, help="run the extraction N times (timing: best run)")
    ap.add_argument("--no-urls", action="store_true",
                    help="extract without the manifest's page addresses (checks that nothing hangs on URL words)")
    ap.add_argument("--no-classes", action="store_true",
                    help="strip every class and id attribute first (a stress test: sites with hashed class names)")
    args = ap.parse_args(argv)
    corpora = usable_corpora(args.corpus)
    if corpora is None:
        return 2
    payload: dict[str, object] = {}
    if args.no_classes:
        print("class and id attributes stripped from every page; the anchors' rows are their figures on the pages as they are")
    for corpus in corpora:
        best: tuple[list[PageResult], tuple[float, float], dict[str, Document]] | None = None
        for _ in range(max(1, args.repeat)):
            out = run(corpus, args.only, urls=not args.no_urls, classes=not args.no_classes)
            if best is None or out[1][1] < best[1][1]:
                best = out
        assert best is not None
        results, seconds, docs = best
        summary = summarize(results, seconds)
        print_report(results, summary, corpus=corpus.name, pages=args.pages or bool(args.only))
        print()
        if args.show:
            for page, doc in docs.items():
                if args.show in page:
                    print(f"\n===== {page} | title={doc.title!r} date={doc.published_at} author={doc.author!r}")
                    print(f"      source={doc.source_name!r} site={doc.site_name!r} "
                          f"canonical={doc.canonical_url!r}")
                    print(f"      flags={doc.flags} removed={doc.removed}")
                    print(doc.text)
        payload[corpus.name] = {"summary": summary, "pages": [r.__dict__ for r in results]}
    if args.json:
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
