"""Does normalisation keep the words? ``pipeline eval conversion [--pages FILE]``.

Most Traditional pages of this genre are mainland articles that the site
converted. So: take the real Simplified texts of ``../shared/corpus/pages``
(read by path; a text counts as Simplified when OpenCC ``t2s`` changes under
0.5 % of its Han characters), convert each with OpenCC ``s2t``, ``s2tw`` and
``s2hk`` as republishing sites do, run the pipeline's normalisation on the
result, and count the Han characters that differ from the original (in its
``t2s`` form). OpenCC ``t2s`` alone on the same converted text is the yardstick:
the pipeline may differ from the original in no more Han characters than ``t2s``
alone does, plus 0.01 % of the Han characters.

Differences are counted on the Han characters only, aligned with
:class:`difflib.SequenceMatcher` (a replaced, dropped or added character counts once).
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

import opencc

from pipeline.chars import HAN_RE
from pipeline.config import Settings, load_settings
from pipeline.normalize import normalize_text

REPO = Path(__file__).resolve().parents[2]
DEFAULT_PAGES = REPO.parent / "shared" / "corpus" / "pages" / "pages.jsonl"
CONFIGS = ("s2t", "s2tw", "s2hk")
ALLOWANCE = 0.0001  # 0.01 % of the Han characters


def han(text: str) -> str:
    return "".join(HAN_RE.findall(text))


def han_diff(a: str, b: str) -> int:
    """Han characters that differ between two texts (replacements, deletions and insertions)."""
    sm = difflib.SequenceMatcher(None, han(a), han(b), autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal")


def simplified_texts(pages: Path) -> list[tuple[str, str]]:
    t2s = opencc.OpenCC("t2s.json")
    out = []
    with pages.open(encoding="utf-8") as fh:
        for row in map(json.loads, fh):
            text = row["text"]
            n = len(han(text))
            if n and han_diff(text, t2s.convert(text)) < 0.005 * n:
                out.append((row["id"], text))
    return out


def measure(texts: list[tuple[str, str]], settings: Settings) -> dict[str, dict[str, int]]:
    t2s = opencc.OpenCC("t2s.json")
    results = {}
    for cfg in CONFIGS:
        to_trad = opencc.OpenCC(f"{cfg}.json")
        total = pipe = alone = 0
        for _id, text in texts:
            reference = t2s.convert(text)
            converted = to_trad.convert(text)
            out, _ = normalize_text(converted, settings)
            total += len(han(reference))
            pipe += han_diff(reference, out)
            alone += han_diff(reference, t2s.convert(converted))
        results[cfg] = {"han": total, "pipeline": pipe, "t2s_alone": alone}
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="pipeline.eval.conversion", description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path, default=DEFAULT_PAGES, help="real page texts (JSONL with id and text)")
    ap.add_argument("--config", default=None, help="YAML settings (e.g. normalize.regional_config)")
    args = ap.parse_args(argv)
    if not args.pages.is_file():
        print(f"real page texts not found at {args.pages} (pass --pages)", file=sys.stderr)
        return 2
    settings = load_settings(args.config)
    texts = simplified_texts(args.pages)
    print(f"{len(texts)} Simplified texts from {args.pages}; normalize.opencc_config="
          f"{settings.normalize.opencc_config}, regional_config={settings.normalize.regional_config}")
    ok = True
    for cfg, r in measure(texts, settings).items():
        limit = r["t2s_alone"] + ALLOWANCE * r["han"]
        met = r["pipeline"] <= limit
        ok &= met
        print(f"  {cfg:5}: {r['han']:,} Han characters; differing after the pipeline {r['pipeline']:,} "
              f"({100 * r['pipeline'] / r['han']:.3f} %), after OpenCC t2s alone {r['t2s_alone']:,} "
              f"({100 * r['t2s_alone'] / r['han']:.3f} %): {'met' if met else 'NOT met'} (limit {limit:.1f})")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
