"""Throughput of the normalisation stage, Simplified vs Traditional input (a benchmark, not a test).

Assembles >= 20 MB (UTF-8) of documents per script from the seed scrapes,
repeated and varied (paragraphs shuffled and recombined across documents,
digits changed, sentences rotated), runs the whole stage over them on one core
and reports MB/s of input text, two ways: :func:`pipeline.normalize.normalize_batch`
on batches of ``settings.run.batch_size`` documents (one OpenCC call per config
per batch) and :func:`pipeline.normalize.normalize_document` document by
document (how ``pipeline/batch.py``'s ``run_stage`` drives the stage today).

* **Simplified**: paragraphs of ``tests/data/seeds/000_*`` plus the clean
  Simplified form of ``003_*`` (so both vocabularies occur), ASCII punctuation,
  stray spaces and gaps as scraped.
* **Traditional (clean)**: the same paragraphs converted to Traditional with
  OpenCC ``s2twp`` -- ordinary Traditional pages; the cost is script detection
  and the phrase-level conversion.
* **Traditional (damaged)**: the raw lines of ``003_*`` (pinyin annotations every
  ~25 characters, lost characters, the GBK mojibake runs) plus ``000_*`` in
  Traditional with pinyin annotations added the way the spam site does: the
  worst case, every step has work on every document.

MB/s is computed on CPU time of this process (``time.process_time``), i.e. per
core, so other load on a shared machine does not count; wall-clock MB/s is
printed alongside. OpenCC alone on the clean Traditional corpus is printed as a
reference for the speed of the machine.

Targets: >= 20 MB/s on Simplified, >= 10 MB/s on Traditional input.

    .venv/bin/python benchmarks/bench_normalize.py [--mb 20] [--repeat 3]

Resource loading (jieba dictionary, OpenCC configs, character model) happens
once per process and is reported separately, outside the timed runs.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.config import Settings  # noqa: E402
from pipeline.normalize import normalize_batch, normalize_document, normalize_texts  # noqa: E402
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


def build(mb: float) -> dict[str, list[Document]]:
    """The three corpora, ``mb`` MB each: Simplified, clean Traditional, damaged Traditional."""
    s000, s003 = _lines("000"), _lines("003")
    settings = Settings()
    clean003, _, _ = normalize_texts(s003, settings)
    simp_pool = s000 + [x for x in clean003 if x]
    rng = random.Random(7)
    s2t = converter("s2twp")
    clean_trad_pool = [s2t.convert(x) for x in simp_pool]
    damaged_pool = s003 + [_annotate(s2t.convert(x), rng) for x in s000]
    target = int(mb * 1_000_000)
    return {
        "Simplified": _corpus(simp_pool, target, 1),
        "Traditional (clean, s2twp of the seeds)": _corpus(clean_trad_pool, target, 3),
        "Traditional (damaged like seed 003)": _corpus(damaged_pool, target, 2),
    }


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
    corpora = build(args.mb)
    sizes = {name: _size(docs) for name, docs in corpora.items()}
    print(
        f"corpora built in {time.perf_counter() - t0:.1f} s: "
        + ", ".join(f"{name} {sizes[name] / 1e6:.1f} MB in {len(d)} docs" for name, d in corpora.items())
    )
    batch_size = settings.run.batch_size

    def run_batched(batch: list[Document]) -> None:
        for i in range(0, len(batch), batch_size):
            normalize_batch(batch[i : i + batch_size], settings)

    def run_per_document(batch: list[Document]) -> None:
        for doc in batch:  # how pipeline/batch.py's run_stage drives the stage today
            normalize_document(doc, settings)

    for name, docs in corpora.items():
        size = sizes[name]
        for mode, fn in ((f"normalize_batch x{batch_size}", run_batched), ("normalize_document", run_per_document)):
            best_wall = best_cpu = float("inf")
            for _ in range(args.repeat):
                batch = _clone(docs)
                w0, c0 = time.perf_counter(), time.process_time()
                fn(batch)
                best_cpu = min(best_cpu, time.process_time() - c0)
                best_wall = min(best_wall, time.perf_counter() - w0)
            scripts: dict[str, int] = {}
            for d in batch:
                scripts[d.original_script] = scripts.get(d.original_script, 0) + 1
            print(
                f"{name:40s} {mode:20s} {size / 1e6:5.1f} MB  CPU {best_cpu:6.2f} s = "
                f"{size / 1e6 / best_cpu:6.1f} MB/s per core  (wall {size / 1e6 / best_wall:5.1f} MB/s)  {scripts}"
            )
    trad = corpora["Traditional (clean, s2twp of the seeds)"]
    # Reference: OpenCC alone on the clean Traditional text, to tell a slow machine from a slow
    # stage (the issue quotes ~88 MB/s for t2s on its reference machine).
    texts = ["\n".join(d.paragraphs) for d in _clone(trad)]
    size = sum(len(t.encode("utf-8")) for t in texts)
    for cfg in (settings.normalize.opencc_config, settings.normalize.regional_config):
        if not cfg:
            continue
        conv = converter(cfg)
        c0 = time.process_time()
        for t in texts:
            conv.convert(t)
        cpu = time.process_time() - c0
        print(f"reference: OpenCC {cfg} alone on the clean Traditional corpus: {size / 1e6 / cpu:6.1f} MB/s per core")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")

if __name__ == "__main__":
    main()
