"""The written hard-case pages (tests/data/tagging/written_pages.jsonl) and learn's option to use them."""

from __future__ import annotations

import contextlib
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


def test_written_pages_are_opt_in(monkeypatch) -> None:
    seen = []

    def fake_load(args, settings, taxonomy):
        seen.append(args.written_pages)
        raise SystemExit(0)

    monkeypatch.setattr(learn, "load_examples", fake_load)
    for argv in ([], ["--written-pages"]):
        with contextlib.suppress(SystemExit):
            learn.main(argv)
    assert seen == [None, learn.WRITTEN_PAGES]
