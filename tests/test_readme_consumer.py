"""The README's ten-line consumer, run as written, between runs of the flow.

A downstream developer writes their consumer from the README alone; this runs
that block (only the path of the ``pipeline`` command is this test's) and checks
it gets every article on its first call, then exactly the new and changed ones.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

from tests.flowkit import run

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]

REPO = Path(__file__).resolve().parents[1]


def consumer_block() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- consumer:begin -->\n```python\n(.*?)```\n<!-- consumer:end -->", readme, re.S)
    assert m, "the README's consumer block is missing"
    code = m.group(1)
    assert len(code.strip().splitlines()) <= 15
    return code


def consume(workdir: Path) -> dict:
    code = consumer_block().replace('[".venv/bin/pipeline", ', f"[{sys.executable!r}, '-m', 'pipeline', ")
    scope: dict = {}
    here = Path.cwd()
    os.chdir(workdir)
    try:
        env_path = os.environ.get("PYTHONPATH")
        os.environ["PYTHONPATH"] = str(REPO) + (os.pathsep + env_path if env_path else "")
        exec(compile(code, "README consumer", "exec"), scope)  # noqa: S102 - our own README
    finally:
        os.chdir(here)
        if env_path is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = env_path
    return scope["store"]


def test_the_readme_consumer_gets_everything_then_only_changes(raw_copy: Path, tmp_path: Path) -> None:
    work = tmp_path / "consumer"
    work.mkdir()
    out = work / "processed"
    first = run(raw_copy, out)
    got = consume(work)
    assert set(got) == {p.stem for p in (out / "articles").glob("*.json")} and got
    assert (work / "consumer.cursor").read_text() == first["run_id"]

    assert consume(work) == {}  # nothing new
    seed = raw_copy / "000_4b4f681a9806a910.txt"  # a seed article of the bundled raw/
    (raw_copy / "copy-of-a-seed.txt").write_bytes(seed.read_bytes() + "\n来源：另一个网站\n".encode())
    second = run(raw_copy, out)
    changed = consume(work)
    rewritten = {e["duplicate_of"] for e in json.loads(Path(second["manifest"]).read_text())["entries"].values()
                 if e["status"] == "duplicate" and e["duplicate_of"]}
    assert set(changed) == rewritten and len(changed) == 1
    article = next(iter(changed.values()))
    assert "copy-of-a-seed.txt" in {s["path"] for s in article["duplicates"]["also_seen_at"]}
    assert (work / "consumer.cursor").read_text() == second["run_id"]
