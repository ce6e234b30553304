"""Throughput of the normalisation stage, Simplified vs Traditional input (a benchmark, not a test).

Assembles >= 20 MB (UTF-8) of documents per script from the seed scrapes,
repeated and varied (paragraphs shuffled and recombined across documents,
digits changed, sentences rotated), runs :func:`pipeline.normalize.normalize_batch`
over them on one core and reports MB/s of input text.

* Simplified corpus: paragraphs of ``tests/data/seeds/000_*`` plus the clean
  Simplified form of ``003_*`` (so both vocabularies occur), ASCII punctuation,
  stray spaces and gaps as scraped.
* Traditional corpus: the raw lines of ``003_*`` (pinyin annotations, lost
  characters, the GBK mojibake runs) plus ``000_*`` converted to Traditional with
  OpenCC ``s2twp`` and pinyin-annotated like the spam site does.

Targets: >= 20 MB/s on Simplified, >= 10 MB/s on Traditional input.

    .venv/bin/python benchmarks/bench_normalize.py [--mb 20] [--repeat 3]

Resource loading (jieba dictionary, OpenCC configs, character model) happens
once per process and is reported separately, outside the timed runs.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.config import Settings  # noqa: E402
from pipeline.normalize import normalize_batch, normalize_texts  # noqa: E402
from pipeline.normalize._resources import converter  # noqa: E402
from pipeline.record import Comment, Document, Section  # noqa: E402

SEEDS = REPO / "tests" / "data" / "seeds"


def _lines(prefix: str) -> list[str]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def _vary(line: str, rng: random.Random) -> str:
    """A variant of a paragraph: digits changed, sentences rotated."""
    chars = [str(rng.randrange(10)) if c.isdigit() and rng.random() < 0.5 else c for c in line]
    line = "".join(chars)
    parts = line.split("。")
    if len(parts) > 2 and rng.random() < 0.5:
        k = rng.randrange(1, len(parts) - 1)
        line = "。".join(parts[k:-1] + parts[:k]) + "。" + parts[-1]
    return line


def _corpus(pool: list[str], target_bytes: int, seed: int) -> list[Document]:
    rng = random.Random(seed)
    docs: list[Document] = []
    total = 0
    i = 0
    while total < target_bytes:
        n = rng.randint(20, 60)
        paras = [_vary(rng.choice(pool), rng) for _ in range(n)]
        title = rng.choice(pool)[:30]
        comments = [Comment(text=_vary(rng.choice(pool), rng)) for _ in range(rng.randint(0, 4))]
        doc = Document(path=f"bench/{seed}/{i}.txt", title=title, sections=[Section(heading=None, paragraphs=paras)])
        doc.comments = comments
        total += sum(len(t.encode("utf-8")) for t in [title, *paras, *(c.text for c in comments)])
        docs.append(doc)
        i += 1
    return docs


def _annotate(line: str, rng: random.Random) -> str:
    """Add pinyin after some characters, as the Traditional spam seed does."""
    from pypinyin import Style, pinyin

    out = []
    for ch in line:
        out.append(ch)
        if "\u4e00" <= ch <= "\u9fff" and rng.random() < 0.08:
            out.append("(" + pinyin(ch, style=Style.TONE)[0][0] + ")")
    return "".join(out)


def build(mb: float) -> tuple[list[Document], list[Document], int, int]:
    s000, s003 = _lines("000"), _lines("003")
    settings = Settings()
    clean003, _, _ = normalize_texts(s003, settings)
    simp_pool = s000 + [x for x in clean003 if x]
    rng = random.Random(7)
    s2t = converter("s2twp")
    trad_pool = s003 + [_annotate(s2t.convert(x), rng) for x in s000]
    target = int(mb * 1_000_000)
    simp = _corpus(simp_pool, target, 1)
    trad = _corpus(trad_pool, target, 2)
    return simp, trad, _size(simp), _size(trad)


def _size(docs: list[Document]) -> int:
    return sum(
        len(t.encode("utf-8"))
        for d in docs
        for t in [d.title or "", *d.paragraphs, *(c.text for c in d.comments)]
    )


def _clone(docs: list[Document]) -> list[Document]:
    return [
        Document(
            path=d.path,
            title=d.title,
            sections=[Section(heading=s.heading, paragraphs=list(s.paragraphs)) for s in d.sections],
            comments=[Comment(text=c.text) for c in d.comments],
        )
        for d in docs
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=20.0, help="MB of input per script (default 20)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per corpus; the best is reported")
    args = ap.parse_args()
    settings = Settings()

    t0 = time.perf_counter()
    normalize_texts(["預熱 warm-up 鏃ュ父 協(xié)商 中?guó)"], settings)
    print(f"resource loading (once per process): {time.perf_counter() - t0:.2f} s")

    t0 = time.perf_counter()
    simp, trad, simp_bytes, trad_bytes = build(args.mb)
    print(
        f"corpus built in {time.perf_counter() - t0:.1f} s: "
        f"Simplified {simp_bytes / 1e6:.1f} MB in {len(simp)} docs, "
        f"Traditional {trad_bytes / 1e6:.1f} MB in {len(trad)} docs"
    )
    for name, docs, size in (("Simplified", simp, simp_bytes), ("Traditional", trad, trad_bytes)):
        best = float("inf")
        for _ in range(args.repeat):
            batch = _clone(docs)
            t0 = time.perf_counter()
            normalize_batch(batch, settings)
            best = min(best, time.perf_counter() - t0)
        scripts: dict[str, int] = {}
        for d in batch:
            scripts[d.original_script] = scripts.get(d.original_script, 0) + 1
        print(f"{name:12s} {size / 1e6:6.1f} MB  best {best:6.2f} s  {size / 1e6 / best:6.1f} MB/s  scripts={scripts}")


if __name__ == "__main__":
    main()
