"""``pipeline eval dedup`` / ``python -m pipeline.eval.dedup``: precision and recall of near-duplicate detection.

A synthetic benchmark built from real text, with a fixed RNG seed:

* a sentence/clause pool from the real scrapes kept in the repository
  (``tests/data/seeds``, ``raw/``), Traditional text converted with OpenCC
  ``t2s`` and pinyin annotations removed;
* ``--distinct`` distinct articles built by recombining clauses into new
  sentences and sentences into paragraphs. They come in title families: every
  family shares one (or a near-identical) title and the same opening formula
  (``随着移动支付的普及…``) and closing line, and differs in body - the trap:
  they are NOT duplicates;
* planted copies of some of them with known edits: sentence swaps,
  insertions, deletions, changed words, header/footer boilerplate,
  Traditional twins (``s2t`` -> ``t2s`` and ``s2twp`` -> ``tw2sp``, as the
  normalise stage would), clipped copies, and mixes; most get another title,
  site, URL and date (built in :mod:`pipeline.eval.dedup_corpus`).

Every document goes through :func:`pipeline.dedup.prepare_document` and one
:func:`pipeline.dedup.resolve` (``--mode single``), or the originals are
indexed by a first run in a real SQLite file and the copies resolved by a
second run (``--mode cross``). A planted copy counts as found when it ends in
the same predicted cluster as its original; a duplicate decision is correct
when both documents belong to the same planted cluster. Recall is reported by
edit kind and by the true Jaccard of (copy, original) shingle sets; precision
overall; and the merges between distinct articles of one title family.

Exit status 1 when a target is missed (``--check``): recall >= 0.98 for
copies with Jaccard >= 0.8 and for Traditional twins, precision >= 0.99,
no merged title-family siblings.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from pydantic import ValidationError

from pipeline.config import DedupSettings, Settings
from pipeline.eval.dedup_corpus import Item, build_corpus

# --------------------------------------------------------------------------- evaluation


def to_document(item: Item):
    from pipeline.record import Document, Section

    return Document(
        path=item.path, title=item.title, url=item.url, site_name=item.site, published_at=item.date,
        sections=[Section(heading=None, paragraphs=list(item.paragraphs))],
    )


def true_jaccard(a: Item, b: Item, settings: Settings) -> tuple[float, float]:
    from pipeline.dedup import minhash as mh

    sa = mh.shingle_set(mh.shingle_hashes(mh.body_key("\n".join(a.paragraphs)), settings.dedup.ngram))
    sb = mh.shingle_set(mh.shingle_hashes(mh.body_key("\n".join(b.paragraphs)), settings.dedup.ngram))
    return mh.overlap(sa, sb)


def bucket(j: float) -> str:
    if j >= 0.9:
        return "0.90-1.00"
    for lo in (0.8, 0.7, 0.6, 0.5):
        if j >= lo:
            return f"{lo:.2f}-{lo + 0.1:.2f}"
    return "<0.50"


def evaluate(items: list[Item], settings: Settings, mode: str = "single", db: Path | None = None) -> dict:
    from pipeline import dedup

    by_path = {it.path: it for it in items}
    t0 = time.perf_counter()
    docs = [to_document(it) for it in items]
    dedup.prepare_batch(docs, settings)
    t_prep = time.perf_counter() - t0
    cands = {d.path: dedup.candidate(d) for d in docs}
    ids = {d.path: d.id for d in docs}

    with tempfile.TemporaryDirectory() as tmp:
        path = db or Path(tmp) / "index.sqlite"
        conn = sqlite3.connect(path, isolation_level=None)
        dedup.ensure_schema(conn)
        t1 = time.perf_counter()
        decisions: dict[str, object] = {}
        if mode == "cross":
            first = [cands[it.path] for it in items if it.base is None]
            second = [cands[it.path] for it in items if it.base is not None]
            r1 = dedup.resolve(first, conn, settings)
            conn.execute("BEGIN")
            dedup.index_articles(conn, [c for c in first if r1.decisions[c.path].duplicate_of is None], "run-1")
            conn.execute("COMMIT")
            r2 = dedup.resolve(second, conn, settings)
            decisions = {**r1.decisions, **r2.decisions}
            verified = r1.stats.get("verified_pairs", 0) + r2.stats.get("verified_pairs", 0)
        else:
            r = dedup.resolve(list(cands.values()), conn, settings)
            decisions = dict(r.decisions)
            verified = r.stats.get("verified_pairs", 0)
        t_res = time.perf_counter() - t1
        conn.close()

    # predicted cluster label: the canonical id; map ids of canonicals back to their documents
    canon_doc: dict[str, str] = {}
    for p, d in decisions.items():
        if d.duplicate_of is None:
            canon_doc.setdefault(ids[p], p)
    label = {p: (d.duplicate_of or ids[p]) for p, d in decisions.items()}

    def target_doc(p: str) -> str | None:
        d = decisions[p]
        if d.duplicate_of is None:
            return None
        t = canon_doc.get(d.duplicate_of)
        if t is None:  # exact copy of a canonical with the same id
            t = next((q for q, i in ids.items() if i == d.duplicate_of and decisions[q].duplicate_of is None), None)
        return t

    dup_total = dup_wrong = 0
    sibling_merges = 0
    wrong_examples = []
    for p, d in decisions.items():
        if d.duplicate_of is None:
            continue
        dup_total += 1
        target = target_doc(p)
        if target is None or by_path[target].cluster != by_path[p].cluster:
            dup_wrong += 1
            if target is not None and by_path[target].family == by_path[p].family:
                sibling_merges += 1
            if len(wrong_examples) < 10:
                wrong_examples.append({"doc": p, "kind": by_path[p].kind, "target": target, "sim": d.similarity, "method": d.method})

    rec_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    rec_bucket: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    kind_j: dict[str, list[float]] = defaultdict(list)
    for it in items:
        if it.base is None:
            continue
        base = by_path[it.base]
        j, c = true_jaccard(it, base, settings)
        # found: in the original's predicted cluster, or verified duplicate of another copy of the same original
        # (two expanded republications that are not copies of each other can each be canonical)
        tgt = target_doc(it.path)
        found = label[it.path] == label[base.path] or (tgt is not None and by_path[tgt].cluster == it.cluster)
        kind = f"{it.kind}:{it.level:g}" + (f":{it.meta['variant']}" if it.meta.get("variant") else "")
        for key, table in ((kind, rec_kind), (bucket(j), rec_bucket)):
            table[key][0] += int(found)
            table[key][1] += 1
        kind_j[kind].append(j)
        it.meta["j"], it.meta["c"] = j, c
        if not found and (j >= 0.8 or it.kind == "trad") and len(misses) < 10:
            misses.append({"doc": it.path, "kind": kind, "jaccard": round(j, 3), "containment": round(c, 3)})

    # the hardest negatives: distinct originals of one title family (same title, opening, closing)
    from pipeline.dedup import minhash as mh

    sets = {
        it.path: mh.shingle_set(mh.shingle_hashes(mh.body_key("\n".join(it.paragraphs)), settings.dedup.ngram))
        for it in items
        if it.base is None
    }
    fam: dict[int, list[str]] = defaultdict(list)
    for it in items:
        if it.base is None:
            fam[it.family].append(it.path)
    neg_j = neg_c = 0.0
    for paths in fam.values():
        for a in range(len(paths)):
            for b in range(a + 1, len(paths)):
                j, c = mh.overlap(sets[paths[a]], sets[paths[b]])
                neg_j, neg_c = max(neg_j, j), max(neg_c, c)

    def rate(t: dict) -> dict:
        return {k: {"recall": round(v[0] / v[1], 4), "n": v[1]} for k, v in sorted(t.items())}

    hi = [sum(rec_bucket[b][i] for b in ("0.80-0.90", "0.90-1.00") if b in rec_bucket) for i in (0, 1)]
    trad = [sum(v[i] for k, v in rec_kind.items() if k.startswith("trad")) for i in (0, 1)]
    return {
        "mode": mode,
        "params": settings.dedup.model_dump(exclude={"index_path"}),
        "documents": len(items),
        "originals": sum(1 for it in items if it.base is None),
        "planted_copies": sum(1 for it in items if it.base is not None),
        "precision": round(1 - dup_wrong / dup_total, 4) if dup_total else 1.0,
        "duplicates_reported": dup_total,
        "false_merges": dup_wrong,
        "title_family_merges": sibling_merges,
        "title_family_max_jaccard": round(neg_j, 4),
        "title_family_max_containment": round(neg_c, 4),
        "recall_jaccard_ge_0.8": round(hi[0] / hi[1], 4) if hi[1] else None,
        "recall_trad": round(trad[0] / trad[1], 4) if trad[1] else None,
        "recall_by_jaccard": rate(rec_bucket),
        "recall_by_edit": {
            k: {**v, "jaccard_mean": round(sum(kind_j[k]) / len(kind_j[k]), 3), "jaccard_min": round(min(kind_j[k]), 3)}
            for k, v in rate(rec_kind).items()
        },
        "misses": misses,
        "false_merge_examples": wrong_examples,
        "seconds": {"prepare": round(t_prep, 3), "resolve": round(t_res, 3)},
        "verified_pairs": verified,
    }


def check(report: dict) -> list[str]:
    fails = []
    if (report["recall_jaccard_ge_0.8"] or 0) < 0.98:
        fails.append(f"recall(J>=0.8) {report['recall_jaccard_ge_0.8']} < 0.98")
    if (report["recall_trad"] or 0) < 0.98:
        fails.append(f"recall(trad) {report['recall_trad']} < 0.98")
    if report["precision"] < 0.99:
        fails.append(f"precision {report['precision']} < 0.99")
    if report["title_family_merges"]:
        fails.append(f"{report['title_family_merges']} distinct same-title articles merged")
    return fails


def format_report(r: dict) -> str:
    lines = [
        f"mode={r['mode']} params={r['params']}",
        f"documents={r['documents']} originals={r['originals']} planted copies={r['planted_copies']}",
        f"precision={r['precision']} (duplicates reported {r['duplicates_reported']}, false merges "
        f"{r['false_merges']}, same-title-family merges {r['title_family_merges']})",
        f"recall J>=0.8: {r['recall_jaccard_ge_0.8']}   recall Trad twins: {r['recall_trad']}",
        f"distinct same-title articles: max Jaccard {r['title_family_max_jaccard']}, "
        f"max containment {r['title_family_max_containment']} (thresholds {r['params']['threshold']}, "
        f"{r['params']['containment_threshold']})",
        "recall by true Jaccard of (copy, original):",
    ]
    lines += [f"  {k:10s} {v['recall']:.4f}  (n={v['n']})" for k, v in r["recall_by_jaccard"].items()]
    lines.append("recall by edit kind:level:")
    lines += [
        f"  {k:18s} {v['recall']:.4f}  (n={v['n']}, Jaccard mean {v['jaccard_mean']:.3f}, min {v['jaccard_min']:.3f})"
        for k, v in r["recall_by_edit"].items()
    ]
    lines.append(
        f"time: prepare {r['seconds']['prepare']}s, resolve {r['seconds']['resolve']}s; "
        f"pairs verified on shingle sets: {r['verified_pairs']}"
    )
    if r["misses"]:
        lines.append(f"misses (J>=0.8 or trad): {r['misses']}")
    if r["false_merge_examples"]:
        lines.append(f"false merges: {r['false_merge_examples']}")
    return "\n".join(lines)


def _option_error(error: dict) -> str:
    """One pydantic error in the words of the command line (``--num-perm: ...``)."""
    where = "--" + "-".join(map(str, error["loc"])).replace("_", "-") + ": " if error["loc"] else ""
    return where + error["msg"]


def _count(least: int):
    """An argparse type: a whole number of at least ``least`` (a usage error, not a traceback)."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < least:
            raise argparse.ArgumentTypeError(f"must be at least {least}, got {value}")
        return value
    return parse


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="pipeline eval dedup", description=__doc__.split("\n\n")[0])
    ap.add_argument("--distinct", type=_count(1), default=400, help="distinct original articles")
    ap.add_argument("--copies", type=_count(0), default=900, help="planted copies")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--mode", choices=["single", "cross", "both"], default="both")
    ap.add_argument("--ngram", type=int)
    ap.add_argument("--num-perm", type=int)
    ap.add_argument("--bands", type=int)
    ap.add_argument("--threshold", type=float)
    ap.add_argument("--containment-threshold", type=float)
    ap.add_argument("--json", type=Path, help="also write the full report as JSON here")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args(argv)

    settings = Settings()
    over = {
        k: v
        for k, v in {
            "ngram": args.ngram, "num_perm": args.num_perm, "bands": args.bands,
            "threshold": args.threshold, "containment_threshold": args.containment_threshold,
        }.items()
        if v is not None
    }
    if over:  # validated as a config file's values are (bands must divide num_perm, ...)
        try:
            dedup = DedupSettings.model_validate({**settings.dedup.model_dump(), **over})
        except ValidationError as exc:
            ap.error("; ".join(_option_error(e) for e in exc.errors()))
        settings = settings.model_copy(update={"dedup": dedup})
    items = build_corpus(args.distinct, args.copies, args.seed)
    modes = ["single", "cross"] if args.mode == "both" else [args.mode]
    reports = []
    failed = False
    for mode in modes:
        import copy

        r = evaluate(copy.deepcopy(items), settings, mode)
        reports.append(r)
        print(format_report(r))
        fails = check(r)
        if fails:
            failed = True
            print("TARGET MISSED: " + "; ".join(fails))
        print()
    if args.json:
        args.json.write_text(json.dumps(reports, ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if (failed and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())

