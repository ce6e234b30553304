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
    html = (CASES / name).read_text(encoding="utf-8")
    url = html[8 : html.index("-->")].strip() if html.startswith("<!--url:") else None  # a page's own address
    doc = Document(path=name, media_type="html", raw=html,
                   url=THREAD_URL if name in ("f2a.html", "f6.html", "f8.html") else url)
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
    # a second reviewer's pages, after the fixes for the first
    ("r2_n1a.html", None),  # a date line loose in the article wrapper: the editor's link under the body
    ("r2_n1b.html", None),  # ... a weibo account linked in the body
    ("r2_n1c.html", None),  # ... a share link
    ("r2_n1d.html", None),  # ... a law firm in the author's bio
    ("r2_n2a.html", None),  # a one-paragraph article: its first commenter
    ("r2_n2b.html", None),  # a one-paragraph blog post: its first commenter
    ("r2_n3a.html", None),  # a question showing no asker, answers not named so: no answerer
    ("r2_n3b.html", "夏天不吃冰"),  # the asker linked under the question's text
    ("r2_n3c.html", None),  # the asker not linked: unread, and no answerer instead
    ("r2_n4a.html", "阿飞不飞"),  # a moderator linked above a board notice: the starter still writes the thread
    ("r2_n4b.html", "阿飞不飞"),  # a recommender linked above a summary box
    ("r2_n5a.html", None),  # "主编：" before the link
    ("r2_n5b.html", None),  # "翻译："
    ("r2_n5c.html", None),  # "攝影："
    ("r2_n5d.html", None),  # a photo caption's "王五 摄"
    ("r2_n6.html", None),  # a lawyer linked by name alone, under a question
    ("r2_n6b.html", None),  # "律师张明远"
    ("r2_n8a.html", "老周说债"),  # a marked card: its link's name, not "老周说债 Lv.5"
    ("r2_n8b.html", "老周说债"),  # not "原创老周说债"
    ("r2_n8c.html", "老周说债"),  # not "老周说债粉丝 1.2万"
    ("r2_n8e.html", None),  # "加入收藏" in a marked byline container
    ("r2_n9a.html", None),  # "免费注册" linked to /user/register
    ("r2_n9b.html", None),  # "我要评论" marked as the author
    ("r2_n9c.html", None),  # "网站首页" linked to /home/index.html
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
    for name in ("f7.html", "r2_n7a.html"):  # headings, and entries in <p>: each year over its day, again
        doc = _extract(name)
        assert doc.published_at is None and doc.text.startswith("2021年\n3月15日"), name
    assert _extract("r2_n7b.html").text.startswith("2021年\n3月15日")  # a dated page keeps its timeline too


def test_a_date_printed_in_pieces_under_three_bylines_is_read() -> None:
    doc = _extract("r2_n7c.html")
    assert doc.published_at == "2021-12-09T11:36:00+08:00" and not doc.text.startswith("2021")


def test_a_question_s_asker_linked_over_it_writes_the_page_and_its_first_post() -> None:
    """A question that is no post, its asker linked above its text, and answers not named so: before,
    the first answerer was taken for the thread's starter."""
    doc = _extract("f11.html")
    assert doc.author == "夏天不吃冰"
    assert [s.post.author for s in doc.sections if s.post] == ["夏天不吃冰", "热心网友", "路人乙"]
