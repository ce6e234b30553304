"""Section headings found in real text scrapes, line by line: ``pipeline eval headings``.

The labels (``tests/data/extraction/heading_lines.jsonl``) name texts of
``../shared/corpus/pages/pages.jsonl`` by id and list the lines that are headings of the
article's body, as annotators read them from the written guidelines beside them
(``heading_guidelines.md``) without seeing the extractor; the texts stay in ``../shared`` and
are read by path (``--pages``). Each text goes through the extraction a scraped ``.txt``
goes through, and a line is *found* as a heading when its block comes out a ``heading``
(it opens a section of the article's JSON).

Reported per split (``real_blind`` by default, the split of the boilerplate labels: sites
never looked at while the heading rules were written): precision, recall and F1 over heading
lines, each with a 95 % bootstrap interval over texts. ``--agreement``: how two annotators
agree on the texts both labelled (Cohen's kappa over lines, and F1 of one against the other).
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.config import Settings
from pipeline.eval.real import add_line_label_options, labelled_texts, read_jsonl
from pipeline.eval.scrapes import verdicts
from pipeline.eval.tagging import cohen_kappa

REPO = Path(__file__).resolve().parents[2]
LABELS = REPO / "tests" / "data" / "extraction" / "heading_lines.jsonl"


@dataclass
class TextHeadings:
    id: str
    found: set[int] = field(default_factory=set)
    gold: set[int] = field(default_factory=set)

    @property
    def hits(self) -> int:
        return len(self.found & self.gold)


def score_text(row: dict, text: str, settings: Settings) -> TextHeadings:
    kinds, status = verdicts(text, settings)
    found = {i for i, kind in kinds.items() if kind == "heading"} if status != "quarantined" else set()
    return TextHeadings(row["id"], found, set(row["headings"]))


def prf(results: list[TextHeadings]) -> tuple[float, float, float]:
    hits = sum(r.hits for r in results)
    found, gold = sum(len(r.found) for r in results), sum(len(r.gold) for r in results)
    p = hits / found if found else float("nan")
    r = hits / gold if gold else float("nan")
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _interval(results: list[TextHeadings], which: int, rounds: int = 1000, seed: int = 7) -> tuple[float, float]:
    rng = random.Random(seed)
    vals = sorted(v for v in (prf([rng.choice(results) for _ in results])[which] for _ in range(rounds)) if v == v)
    if not vals:
        return float("nan"), float("nan")
    return vals[int(0.025 * len(vals))], vals[min(len(vals) - 1, int(0.975 * len(vals)))]


def report(results: list[TextHeadings], lines: dict[str, list[str]], out=None, show: bool = False) -> dict:
    out = out or sys.stdout
    p, r, f = prf(results)
    figures = {"texts": len(results), "gold": sum(len(x.gold) for x in results),
               "found": sum(len(x.found) for x in results), "precision": p, "recall": r, "f1": f}
    for name, which, value in (("precision", 0, p), ("recall", 1, r), ("F1", 2, f)):
        lo, hi = _interval(results, which)
        figures[f"{name.lower()}_ci"] = [lo, hi]
        print(f"  {name:<9} {value:.3f} (95% CI {lo:.3f}-{hi:.3f})", file=out)
    print(f"  heading lines: {figures['gold']} labelled, {figures['found']} found, "
          f"{sum(x.hits for x in results)} both; texts with headings {sum(1 for x in results if x.gold)} "
          f"of {len(results)}", file=out)
    if show:
        for x in results:
            for i in sorted(x.gold - x.found):
                print(f"  MISSED   {x.id}:{i} {lines[x.id][i][:80]}", file=out)
            for i in sorted(x.found - x.gold):
                print(f"  EXTRA    {x.id}:{i} {lines[x.id][i][:80]}", file=out)
    return figures


def agreement(rows: list[dict], texts: dict[str, str], out=None) -> dict:
    """Cohen's kappa over the non-empty lines of the texts two annotators labelled."""
    out = out or sys.stdout
    a, b = [], []
    pairs = [r for r in rows if "second_annotator" in r]
    for r in pairs:
        first, second = set(r["headings"]), set(r["second_annotator"])
        for i, line in enumerate(texts[r["id"]].split("\n")):
            if line.strip():
                a.append(i in first)
                b.append(i in second)
    both = sum(x and y for x, y in zip(a, b, strict=True))
    f1 = 2 * both / (sum(a) + sum(b)) if sum(a) + sum(b) else float("nan")
    kappa = cohen_kappa(a, b)
    print(f"agreement on {len(pairs)} texts labelled twice ({len(a)} lines): kappa {kappa:.3f}, "
          f"F1 of one annotator against the other {f1:.3f} ({sum(a)} and {sum(b)} headings, {both} in common)",
          file=out)
    return {"texts": len(pairs), "lines": len(a), "kappa": kappa, "f1": f1}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="pipeline eval headings", description=__doc__.splitlines()[0])
    add_line_label_options(ap, LABELS)
    ap.add_argument("--show", action="store_true", help="list the headings missed and the lines wrongly taken")
    ap.add_argument("--agreement", action="store_true", help="instead: agreement of the two annotators")
    args = ap.parse_args(argv)
    rows = read_jsonl(args.labels)
    texts = labelled_texts(args.pages, rows)
    if texts is None:
        return 2
    if args.agreement:
        agreement(rows, texts)
        return 0
    if args.split != "all":
        rows = [r for r in rows if r["split"] == args.split]
    settings = Settings()
    print(f"headings in text scrapes: split={args.split} texts={len(rows)} labels={args.labels.name}")
    results = [score_text(r, texts[r["id"]], settings) for r in rows]
    report(results, {r["id"]: texts[r["id"]].split("\n") for r in rows}, show=args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
