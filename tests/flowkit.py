"""Helpers shared by the flow tests: run the flow in this process and read what it wrote."""

from __future__ import annotations

import json
from pathlib import Path


def run(raw: Path, out: Path, **kw) -> dict:
    from pipeline.flows import clean_articles

    return clean_articles(raw_dir=str(raw), out_dir=str(out), **kw)


def manifest(result: dict) -> dict:
    return json.loads(Path(result["manifest"]).read_text(encoding="utf-8"))


def comparable_output(out: Path) -> dict[str, object]:
    """Every article and the newest manifest's entries, without what differs between two runs (ids, times)."""
    arts = {}
    for p in sorted((out / "articles").glob("*.json")):
        a = json.loads(p.read_text(encoding="utf-8"))
        a.pop("pipeline", None)
        for s in a.get("duplicates", {}).get("also_seen_at", []):
            s.pop("run_id", None)
        arts[p.name] = a
    newest = sorted((out / "runs").glob("*/manifest.json"))[-1]
    return {"articles": arts, "entries": json.loads(newest.read_text(encoding="utf-8"))["entries"]}
