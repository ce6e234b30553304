"""Boilerplate lines of six families and their look-alikes, written for the project.

``tests/data/extraction/written_family_lines.jsonl``: 180 lines of forms, profile cards,
disclaimers, ads, comment sections and reprint notes, and 60 content lines that look like them
(the article's advice about forms, lawyers, disclaimers, ads, comments and reposting), written
by a helper from the annotation guidelines alone. The thirteenth session's family rules were
written from them, so this is a regression guard (fit, not quality): the look-alikes stay, and
the boilerplate lines keep leaving the body.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from pipeline.extract.text import segment_lines

ROWS = [json.loads(x) for x in (Path(__file__).resolve().parents[1] / "data" / "extraction"
                                / "written_family_lines.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
_TITLE = "网贷逾期被催收怎么办"
_P1 = "网贷逾期以后，借款人首先要做的是核实催收方的身份，确认对方确实是平台委托的机构，再谈还款安排。"
_P2 = "如果暂时无力偿还，可以主动联系平台说明情况，提出延期或者分期的请求，并保留好所有的沟通记录。"


def _removed(line: str) -> bool:
    """Whether the line leaves the body between two paragraphs of an article."""
    return segment_lines([_TITLE, _P1, line, _P2]).kinds[2] not in ("title", "heading", "paragraph")


def test_the_written_set_is_whole() -> None:
    counts = Counter(r["label"] for r in ROWS)
    assert counts["content"] == 60 and sum(counts.values()) == 240


def test_the_look_alikes_stay() -> None:
    taken = [r["line"] for r in ROWS if r["label"] == "content" and _removed(r["line"])]
    assert not taken, taken


def test_the_boilerplate_lines_leave_the_body() -> None:
    removed = Counter(r["label"] for r in ROWS if r["label"] != "content" and _removed(r["line"]))
    assert sum(removed.values()) >= 150, removed  # 157 of 180 when written (form 24, profile 27,
    # disclaimer 28, ad 28, comments 20 of 30: the readers' own comments are left to the section rule)
