"""Who wrote a page, as its markup shows it (:mod:`pipeline.extract.html.authors`), on pages a code
reviewer wrote to break the twentieth session's rules (``tests/data/extraction/review_authors``):
what each gave before the fixes is in the comment."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.extract.html import extract_html
from pipeline.record import Document

CASES = Path(__file__).resolve().parents[1] / "data" / "extraction" / "review_authors"
THREAD_URL = "https://bbs.example.com/thread-123-1-1.html"


def _extract(name: str) -> Document:
    doc = Document(path=name, media_type="html", raw=(CASES / name).read_text(encoding="utf-8"),
                   url=THREAD_URL if name in ("f2a.html", "f6.html", "f8.html") else None)
    extract_html(doc, Settings())
    return doc


@pytest.mark.parametrize(("name", "author"), [
    ("f1a.html", None),  # <span class="author">来源：新华网</span>: a source's field, not a name
    ("f1b.html", None),  # an editor's field in the author element
    ("f1c.html", None),  # "原创"
    ("f1d.html", None),  # a commenter's author element under the body, in a list named in pinyin
    ("f2a.html", None),  # a guest's opening post: the first reply's writer is not its author
    ("f2b.html", None),  # "@人民日报" linked in the first paragraph
    ("f2c.html", None),  # an attachment under an upload path ("/u/cms/…/x.docx")
    ("f4a.html", None),  # "责任编辑：<a href='/user/…'>王五</a>"
    ("f4b.html", None),  # an outlet linked from its 来源 field
    ("f5.html", None),  # an answering lawyer's link ("张明远律师")
    ("f6.html", "阿飞不飞"),  # a board notice above the first post: the starter still writes the thread
    ("f8.html", "阿飞不飞"),  # the opening post holds a "我来回答" bar: it is no answer
])
def test_only_a_writer_s_name_is_the_author(name: str, author: str | None) -> None:
    assert _extract(name).author == author


def test_a_guest_s_opening_post_keeps_no_name_from_the_reply_under_it() -> None:
    doc = _extract("f2a.html")
    assert [s.post.author for s in doc.sections if s.post] == [None, "路人甲", "老王"]


@pytest.mark.parametrize(("name", "source"), [
    ("f1a.html", "新华网"),
    ("f3a.html", "中国新闻网"),  # "据新京报报道，…" opening the body, "来源：中国新闻网" under it: the stated source
    ("f3b.html", "中国新闻网"),  # the same with <meta name="source">
    ("f9a.html", None),  # "来源：本站原创", and the paper's own reporters at work: no report retold
])
def test_a_stated_source_wins_over_the_report_the_first_line_cites(name: str, source: str | None) -> None:
    assert _extract(name).source_name == source


def test_a_timeline_s_headings_are_no_date_line() -> None:
    doc = _extract("f7.html")
    assert doc.published_at is None and doc.text.startswith("2021年\n3月15日")


def test_a_question_s_asker_linked_over_it_writes_the_page_and_its_first_post() -> None:
    """A question that is no post, its asker linked above its text, and answers not named so: before,
    the first answerer was taken for the thread's starter."""
    doc = _extract("f11.html")
    assert doc.author == "夏天不吃冰"
    assert [s.post.author for s in doc.sections if s.post] == ["夏天不吃冰", "热心网友", "路人乙"]
