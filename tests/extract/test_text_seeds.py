"""The two real seed scrapes: body kept whole, boilerplate gone, comments apart, metadata found.

Expectations are written against line numbers of the seed files (1-based, as
shown by ``cat -n``), so the assertions say *which* lines are body and which
are not without copying the pages into rules.
"""

from __future__ import annotations

import pytest

from pipeline.config import Settings
from pipeline.extract.text import extract_text
from pipeline.record import Document


def _run(raw: str) -> Document:
    doc = Document(path="seed.txt", raw=raw)
    extract_text(doc, Settings())
    return doc


def _line(raw: str, number: int) -> str:
    return raw.splitlines()[number - 1].strip()


def _lines(raw: str, first: int, last: int) -> list[str]:
    return [ln.strip() for ln in raw.splitlines()[first - 1 : last] if ln.strip()]


# --------------------------------------------------------------------------- seed 000 (Simplified)


@pytest.fixture(scope="module")
def seed000(seeds: dict[str, str]) -> tuple[str, Document]:
    raw = seeds["000"]
    return raw, _run(raw)


def test_000_title_and_metadata(seed000: tuple[str, Document]) -> None:
    raw, doc = seed000
    assert doc.status == "pending"
    assert doc.title == _line(raw, 5)
    assert doc.published_at == "2024-12-08T11:31:43+08:00"
    source = _line(raw, 3).split(":", 1)[1]
    assert doc.source_name == source
    assert doc.author is None  # only the editor is named, and an editor is not the author
    assert doc.extraction_confidence >= 0.8
    assert "low_confidence" not in doc.flags


def test_000_body_is_whole_and_clean(seed000: tuple[str, Document]) -> None:
    raw, doc = seed000
    title = _line(raw, 5)
    expected = [ln.lstrip("#").strip() for ln in _lines(raw, 11, 75) if ln != title]
    assert doc.text.splitlines() == expected
    # the title repeated inside the body (lines 17 and 19) is gone, as a title_repeat
    assert title not in doc.text
    assert doc.removed["title_repeat"]["count"] == 3  # lines 9 (near copy), 17, 19


def test_000_headings(seed000: tuple[str, Document]) -> None:
    _, doc = seed000
    headings = [s.heading for s in doc.sections if s.heading]
    assert len(headings) == 7
    assert all(not h.startswith("#") for h in headings)
    assert doc.sections[0].heading is None and len(doc.sections[0].paragraphs) == 1
    # numbered list items with "label: explanation" are paragraphs, not headings
    assert sum(len(s.paragraphs) for s in doc.sections) == 24


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        (1, "breadcrumb"),
        (2, "dateline"),
        (3, "byline"),
        (5, "title"),
        (7, "widget"),
        (9, "title_repeat"),
        (17, "title_repeat"),
        (19, "title_repeat"),
        (77, "comment"),
        (79, "comment"),
        (90, "comment"),
        (91, "correction"),
        (93, "copyright"),
        (95, "licence"),
    ],
)
def test_000_line_verdicts(seed000: tuple[str, Document], number: int, kind: str) -> None:
    raw, doc = seed000
    line = _line(raw, number)
    verdicts = {b.kind for b in doc.blocks if b.text == line}
    assert kind in verdicts


def test_000_boilerplate_absent_from_body(seed000: tuple[str, Document]) -> None:
    raw, doc = seed000
    body = doc.text
    for number in (1, 2, 3, 7, 9, 77, 91, 93, 95):
        assert _line(raw, number).lstrip("#").strip() not in body
    for number in range(79, 91):
        assert _line(raw, number) not in body


def test_000_comments(seed000: tuple[str, Document]) -> None:
    raw, doc = seed000
    assert len(doc.comments) == 6
    for k, comment in enumerate(doc.comments):
        meta = _line(raw, 79 + 2 * k)
        assert comment.text == _line(raw, 80 + 2 * k)
        assert comment.date == "2024-12-08"
        assert comment.author and comment.author in meta
        assert comment.role and comment.role in meta
        assert "-" not in comment.author
    assert not any(c.text in doc.text for c in doc.comments)


def test_000_blocks_cover_every_line(seed000: tuple[str, Document]) -> None:
    raw, doc = seed000
    assert [b.text for b in doc.blocks] == [ln.strip() for ln in raw.splitlines() if ln.strip()]
    removed = sum(1 for b in doc.blocks if not b.kept)
    assert sum(v["count"] for v in doc.removed.values()) == removed
    assert all(b.kept == (b.kind in ("title", "heading", "paragraph")) for b in doc.blocks)


# --------------------------------------------------------------------------- seed 003 (Traditional, pinyin)


@pytest.fixture(scope="module")
def seed003(seeds: dict[str, str]) -> tuple[str, Document]:
    raw = seeds["003"]
    return raw, _run(raw)


def test_003_title(seed003: tuple[str, Document]) -> None:
    raw, doc = seed003
    assert doc.status == "pending"
    assert doc.title == _line(raw, 3)
    assert doc.published_at is None  # the page prints no date
    assert doc.comments == []


def test_003_body_is_whole_and_clean(seed003: tuple[str, Document]) -> None:
    raw, doc = seed003
    assert doc.text.splitlines() == _lines(raw, 14, 120)
    for number in (1, 5, 6, 8, 10):
        assert _line(raw, number) not in doc.text
    assert doc.text.count(_line(raw, 3)) == 0  # title (line 3) and its repeat (line 12) are not body


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        (1, "greeting"),
        (3, "title"),
        (5, "takedown"),
        (6, "contact"),
        (8, "widget"),
        (10, "editor_label"),
        (12, "title_repeat"),
        (118, "heading"),  # a numbered section heading that mentions the editor is a heading
    ],
)
def test_003_line_verdicts(seed003: tuple[str, Document], number: int, kind: str) -> None:
    raw, doc = seed003
    line = _line(raw, number)
    assert kind in {b.kind for b in doc.blocks if b.text == line}


def test_003_sections(seed003: tuple[str, Document]) -> None:
    _, doc = seed003
    levels = [s.level for s in doc.sections if s.heading]
    assert levels.count(1) == 6  # 一、 .. 六、
    assert levels.count(2) == 19  # 1.1 .. 5.4
    # short unnumbered list lines stay paragraphs
    assert len(doc.paragraphs) == 29
