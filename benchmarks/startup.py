"""What a new worker process pays before its first document: imports, then resource loading.

    .venv/bin/python benchmarks/startup.py [--repeat 5]

Each measurement is a fresh ``python`` process (as a process-pool or Dask worker
is) that imports the task module and the modules the stages import lazily
(compiling their regular expressions), then pushes one small HTML page and one
Traditional text through every stage, which loads every resource (jieba's
dictionary with the domain words, OpenCC, the character model, the pinyin
tables, the taxonomy, the JSON Schema validator). CPU seconds of each part are
printed; the first run may build the on-disk table cache
(:mod:`pipeline.resource_cache`), so the median of ``--repeat`` runs is the figure.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

CHILD = r"""
import json, time
t0 = time.process_time()
import pipeline.flows  # what a worker imports to run a batch task, and the stage modules it imports lazily
import pipeline.extract.html, pipeline.extract.text, pipeline.dedup.resolver, pipeline.review, jieba_fast, jsonschema
t1 = time.process_time()
from pathlib import Path
import tempfile
from pipeline.batch import finish, prepare
from pipeline import dedup
from pipeline.config import Settings
import sqlite3
s = Settings()
raw = Path(tempfile.mkdtemp())
(raw / "a.html").write_text("<html><body><h1>借款逾期怎么办</h1><p>" + "借款人可以与平台协商还款，核实催收人员身份，保护个人隐私。" * 4
                            + "</p></body></html>", encoding="utf-8")
(raw / "b.txt").write_text("網貸逾期了怎麼辦\n" + "借款人可以與平臺協(xié)商還款，核實催收人員的身份。\n" * 4, encoding="utf-8")
p = prepare(["a.html", "b.txt"], raw, s, {}, raw / "out")
conn = sqlite3.connect(":memory:")
dedup.ensure_schema(conn)
finish(p, dedup.resolve(p.candidates, conn, s), s, run_id="r", processed_at="x", articles_dir=raw / "out")
t2 = time.process_time()
print(json.dumps({"imports": t1 - t0, "resources": t2 - t1}))
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    runs = []
    for i in range(args.repeat):
        out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        runs.append(r)
        print(f"run {i + 1}: imports {r['imports']:.2f} s CPU, resources + first documents {r['resources']:.2f} s CPU")
    med = {k: statistics.median(r[k] for r in runs) for k in ("imports", "resources")}
    print(f"median: imports {med['imports']:.2f} s CPU, resource loading {med['resources']:.2f} s CPU "
          f"(target <= 1 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
