"""Crawl files (JSON, JSON lines): one document per record, and what goes wrong costs its record only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.crawl_records import records
from pipeline.ingest import load
from pipeline.inputs import timestamp
from tests.test_ingest import ARTICLE, write
from tests.test_ingest import HTML as INGEST_HTML

HTML = INGEST_HTML.format(meta="")


def test_jsonl_yields_one_document_per_record_and_quarantines_bad_lines(tmp_path: Path, settings: Settings) -> None:
    lines = [
        json.dumps({"url": "https://a.example/1", "html": HTML, "fetched_at": "2024-12-08T10:00:00+08:00"}),
        "{not json",
        json.dumps({"url": "https://a.example/3", "text": ARTICLE}),
        json.dumps({"url": "https://a.example/4"}),
    ]
    docs = load(write(tmp_path, "crawl/day.jsonl", "\n".join(lines).encode()), tmp_path, settings)
    assert [d.path for d in docs] == [f"crawl/day.jsonl#{i}" for i in (1, 2, 3, 4)]
    assert [d.status for d in docs] == ["pending", "quarantined", "pending", "quarantined"]
    assert docs[0].media_type == "html" and docs[0].url == "https://a.example/1"
    assert docs[0].fetched_at == "2024-12-08T10:00:00+08:00"
    assert docs[2].media_type == "text" and docs[2].raw == ARTICLE
    assert docs[1].reason == "invalid JSON: Expecting property name enclosed in double quotes at column 2 of line 2"
    assert "no 'html' or 'text'" in docs[3].reason
    assert len({d.sha256 for d in docs}) == 4


@pytest.mark.parametrize("sep", ["\n", "\r\n", "\r\r\n", "\r"])
def test_json_lines_split_at_line_feeds_only(tmp_path: Path, settings: Settings, sep: str) -> None:
    """JSON allows a raw U+2028, U+0085 or form feed inside a string (``ensure_ascii=False`` writes them):
    such a record is one record. However the file was saved, its records keep their numbers."""
    recs = [{"url": f"https://a.example/{i}", "text": ARTICLE.replace("。", ch, 1)}
            for i, ch in enumerate(["\u2028", "\x85", "\x0c"], 1)]
    data = sep.join(json.dumps(r, ensure_ascii=False) for r in recs).encode()
    docs = load(write(tmp_path, "day.jsonl", data), tmp_path, settings)
    assert [(d.path, d.status, d.url) for d in docs] == [
        (f"day.jsonl#{i}", "pending", f"https://a.example/{i}") for i in (1, 2, 3)
    ]
    assert docs[0].raw == recs[0]["text"]


def test_a_whole_json_file_says_where_it_breaks(tmp_path: Path, settings: Settings) -> None:
    [doc] = load(write(tmp_path, "x.json", b'{"url": "x",\n "text": "abc'), tmp_path, settings)
    assert doc.reason == "invalid JSON: Unterminated string starting at line 2, column 10"


def test_single_record_json_keeps_the_plain_path(tmp_path: Path, settings: Settings) -> None:
    rec = {"url": "https://a.example/x", "html": HTML}
    (doc,) = load(write(tmp_path, "rec.json", json.dumps(rec).encode()), tmp_path, settings)
    assert doc.path == "rec.json" and doc.status == "pending" and doc.url == rec["url"]


def test_record_title_is_passed_on_as_a_hint(tmp_path: Path, settings: Settings) -> None:
    rec = {"url": "https://a.example/x", "text": ARTICLE, "title": " 催收上门怎么办 "}
    (doc,) = load(write(tmp_path, "rec.json", json.dumps(rec, ensure_ascii=False).encode()), tmp_path, settings)
    assert doc.title == "催收上门怎么办"


def test_a_crawl_file_over_the_file_cap_is_read_record_by_record(tmp_path: Path) -> None:
    settings = Settings.model_validate({"ingest": {"max_bytes": 2_000}})
    lines = [json.dumps({"url": f"https://a.example/{i}", "text": ARTICLE}, ensure_ascii=False) for i in range(30)]
    lines.append(json.dumps({"url": "https://a.example/big", "text": ARTICLE * 40}, ensure_ascii=False))
    docs = load(write(tmp_path, "day.jsonl", "\n".join(lines).encode()), tmp_path, settings)
    assert len(docs) == 31
    assert all(d.status == "pending" for d in docs[:30])
    assert docs[30].status == "quarantined"
    assert docs[30].reason.startswith("oversized: a crawl record of ") and "2,000-byte cap (ingest.max_bytes)" in docs[30].reason


def test_a_json_list_is_one_record_an_item_numbered_from_one() -> None:
    text = json.dumps([{"url": "u1", "text": ARTICLE}, ["not", "an", "object"], {"html": "  "}], ensure_ascii=False)
    docs = list(records("day.json", text, "utf-8", text.encode(), 10_000))
    assert [d.path for d in docs] == ["day.json#1", "day.json#2", "day.json#3"]
    assert [d.status for d in docs] == ["pending", "quarantined", "quarantined"]
    assert "expected a JSON object" in docs[1].reason
    assert "no 'html' or 'text'" in docs[2].reason  # a blank html and no text: no page


def test_a_fetch_time_that_is_no_time_is_dropped_and_flagged() -> None:
    text = json.dumps({"url": "u", "text": ARTICLE, "fetched_at": "yesterday"}, ensure_ascii=False)
    [doc] = records("rec.json", text, "utf-8", text.encode(), 10_000)
    assert doc.fetched_at is None and "invalid_fetched_at" in doc.flags and doc.status == "pending"


@pytest.mark.parametrize(("value", "kept"), [
    ("2024-12-08T10:00:00+08:00", True), ("2024-12-08T02:00:00Z", True), ("2024-12-08", True),
    ("yesterday", False), ("2024-13-01", False), (1733623200, False), ("2024-12-08T10:00:00" + " " * 40, True),
])
def test_timestamp_keeps_real_iso_dates_only(value: object, kept: bool) -> None:
    assert (timestamp(value) is not None) is kept


def test_a_json_lines_file_of_one_record_keys_it_by_number_so_appending_keeps_it(tmp_path: Path, settings: Settings) -> None:
    """A day's crawl file opened early holds one record, then more: the first keeps its key and its digest."""
    first = json.dumps({"url": "https://a.example/1", "text": ARTICLE}, ensure_ascii=False)
    (one,) = load(write(tmp_path, "day.jsonl", first.encode()), tmp_path, settings)
    second = json.dumps({"url": "https://a.example/2", "text": ARTICLE + "再补充一句。"}, ensure_ascii=False)
    grown = load(write(tmp_path, "day.jsonl", (first + "\n" + second).encode()), tmp_path, settings)
    assert one.path == grown[0].path == "day.jsonl#1" and one.sha256 == grown[0].sha256
    # a JSON list of one object is numbered as well; one object alone is the file's record
    (listed,) = load(write(tmp_path, "list.json", f"[{first}]".encode()), tmp_path, settings)
    assert listed.path == "list.json#1"
