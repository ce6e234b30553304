"""The written hard-case pages (tests/data/tagging/written_pages.jsonl) and learn's option to use them."""

from __future__ import annotations

import json

from pipeline.tag import learn

TOPICS = {"identity_verification", "negotiation", "privacy"}


def test_written_pages_are_labelled_for_every_topic() -> None:
    rows = [json.loads(x) for x in learn.WRITTEN_PAGES.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(rows) == 120 and len({r["id"] for r in rows}) == 120
    for r in rows:
        assert set(r["labels"]) == TOPICS, r["id"]
        assert set(r["labels"].values()) <= {"yes", "borderline", "no"}, r["id"]
        assert r["title"] and r["text"], r["id"]
    # hard cases on both sides of the line: mentions and advice, for every topic
    for topic in TOPICS:
        kinds = {r["labels"][topic] for r in rows}
        assert kinds == {"yes", "borderline", "no"}, topic


def test_written_pages_are_opt_in(tmp_path) -> None:
    assert learn.build_parser().parse_args([]).written_pages is None
    assert learn.build_parser().parse_args(["--written-pages"]).written_pages == learn.WRITTEN_PAGES
    pages = tmp_path / "pages.jsonl"
    pages.write_text("", encoding="utf-8")
    assert learn.main(["--pages", str(pages), "--written-pages", str(tmp_path / "missing.jsonl")]) == 2
