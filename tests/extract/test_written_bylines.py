"""Metadata lines and their look-alikes written for the project (tests/data/metadata/written_bylines.jsonl).

A regression guard on the lines the last byline rules were written from (fit, not quality): the
metadata lines leave the body and give their author, source and date; the content lines stay
and give nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.eval.metadata import comparable
from pipeline.extract.boilerplate import classify_line
from pipeline.extract.byline import clean_name, parse_byline
from pipeline.extract.dates import line_date
from pipeline.extract.news_credit import credit, dateline_source

ROWS = [json.loads(x) for x in (Path(__file__).resolve().parents[1] / "data" / "metadata" / "written_bylines.jsonl")
        .read_text(encoding="utf-8").splitlines() if x.strip()]


def _read(line: str) -> dict[str, str | None]:
    """What the text extractor reads off one removed meta line (labelled fields over a credit)."""
    fields = {**credit(line), **parse_byline(line)}
    return {"author": clean_name(fields.get("author")), "source": fields.get("source") or dateline_source(line),
            "published": line_date(line)}


def test_the_written_set_is_whole() -> None:
    assert sum(r["kind"] == "meta" for r in ROWS) == 80 and sum(r["kind"] == "content" for r in ROWS) == 50


def test_metadata_lines_leave_the_body_and_give_their_fields() -> None:
    meta = [r for r in ROWS if r["kind"] == "meta"]
    removed = sum(classify_line(r["line"]) is not None for r in meta)
    right = {f: sum(comparable(f, r[key]) == comparable(f, _read(r["line"])[f]) for r in meta)
             for f, key in (("author", "author"), ("source", "source"), ("published", "date"))}
    assert removed >= 76, removed  # 77 of 80 when written
    assert right["author"] >= 74 and right["source"] >= 78 and right["published"] >= 78, right


def test_content_lines_stay_and_give_nothing() -> None:
    for r in (r for r in ROWS if r["kind"] == "content"):
        assert classify_line(r["line"]) is None, r["line"]
        assert not {**credit(r["line"]), **parse_byline(r["line"])}, r["line"]
