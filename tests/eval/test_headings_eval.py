"""`pipeline eval headings`: heading lines of text scrapes against labels, on texts written for the test."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.eval import headings
from pipeline.eval.real import read_jsonl

P = "逾期以后应当主动联系平台客服说明情况，协商分期还款的具体方案，保留好沟通记录。"
TEXT = "\n".join(["网贷逾期了怎么办", P, "一、逾期的后果", P, "", "二、协商的办法", P, "怎么和催收沟通", P])


def _files(tmp_path: Path, rows: list[dict]) -> tuple[Path, Path]:
    pages = tmp_path / "pages.jsonl"
    pages.write_text(json.dumps({"id": "t1", "text": TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    labels.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return pages, labels


def test_found_headings_are_scored_against_the_labelled_lines(tmp_path: Path, capsys) -> None:
    # line 7 ("怎么和催收沟通") is labelled a heading too; whether it is found or not, the figures must add up
    pages, labels = _files(tmp_path, [{"id": "t1", "split": "real_tune", "lines": 8, "headings": [2, 5, 7]}])
    result = headings.score_text(read_jsonl(labels)[0], TEXT, headings.Settings())
    assert {2, 5} <= result.found and result.gold == {2, 5, 7}
    p, r, _ = headings.prf([result])
    assert p == result.hits / len(result.found) and r == result.hits / 3
    assert headings.main(["--pages", str(pages), "--labels", str(labels), "--split", "real_tune", "--show"]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "3 labelled" in out


def test_agreement_counts_the_lines_both_annotators_saw(tmp_path: Path, capsys) -> None:
    row = {"id": "t1", "split": "real_tune", "lines": 8, "headings": [2, 5], "second_annotator": [2, 5, 7]}
    pages, labels = _files(tmp_path, [row])
    assert headings.main(["--pages", str(pages), "--labels", str(labels), "--agreement"]) == 0
    out = capsys.readouterr().out
    assert "8 lines" in out and "2 and 3 headings, 2 in common" in out


def test_missing_pages_say_where_to_point(tmp_path: Path, capsys) -> None:
    assert headings.main(["--pages", str(tmp_path / "none.jsonl")]) == 2
    assert "--pages" in capsys.readouterr().err


def test_the_repository_labels_point_at_lines_of_text() -> None:
    rows = read_jsonl(headings.LABELS)
    assert len(rows) == 465 and {r["split"] for r in rows} == {"real_tune", "real_blind"}
    assert all(all(isinstance(i, int) and i >= 0 for i in r["headings"]) for r in rows)
    assert sum("second_annotator" in r for r in rows) >= 40
