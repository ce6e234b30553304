"""Pages a code review wrote against the seventh session's thread rules (tests/data/extraction/review_pages).

Each once came out wrong under a first version of those rules; each line says what it must give.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.extract import extract_document
from pipeline.record import Document

PAGES = Path(__file__).resolve().parents[1] / "data" / "extraction" / "review_pages"


def extract(name: str) -> Document:
    raw = (PAGES / name).read_text(encoding="utf-8")
    doc = Document(path=name, media_type="text" if name.endswith(".txt") else "html", raw=raw)
    extract_document(doc, Settings())
    return doc


@pytest.mark.parametrize(("name", "comments"), [
    ("p01_twentytwenty.html", 3),  # <body class="showing-comments">: a page-wide name names no region
    ("p02c_brief_comments.html", 19),  # a news brief drawing 19 comments in two lists stays an article
    ("p04_law_article.html", 3),  # one comment answered by a lawyer (律师回复) is no consultation
    ("p19_ogurl_p.html", 3),  # og:url ".../p/2691958843219462": a column article, no thread
])
def test_an_articles_comments_stay_comments(name: str, comments: int) -> None:
    doc = extract(name)
    assert doc.page_kind != "thread"
    assert len(doc.comments) == comments


def test_a_page_wide_feed_wrapper_does_not_bring_in_the_related_box() -> None:
    """A WordPress page wrapped in "hfeed site": "feed" names the related family, not this region."""
    doc = extract("p14b_wp_hfeed.html")
    assert "免揉面包的做法" not in doc.text and "夏天自制草莓果酱" not in doc.text


def test_a_wikis_tagline_stays_out_under_a_page_wide_action_class() -> None:
    assert "来自美食百科" not in extract("p18_mediawiki.html").text


def test_a_statute_cited_again_in_a_later_answer_is_no_quote() -> None:
    """The second answer cites the article's first clause in a paragraph of its own: no ellipsis,
    no quote markup, not at the head of the reply."""
    doc = extract("p06b_lawqa_prefix.html")
    assert "《民法典》第六百七十六条规定：借款人未按照约定的期限返还借款的\n" in doc.text + "\n"


def test_a_faqs_repeated_heading_opens_no_second_copy() -> None:
    """"问题现象" heads every issue; the h1 is outside the body. Each issue keeps its headings (issue
    2's closing lines repeat issue 1's two-line run word for word and go once, as they always did)."""
    doc = extract("p16_support_faq.html")
    assert [doc.text.count(h) for h in ("问题现象", "原因分析", "解决方案")] == [3, 3, 3]
    assert doc.text.count("如问题仍未解决，请备份好数据，携带购机凭证前往客户服务中心检测。") == 2


def test_a_posters_own_fields_under_the_card_stay() -> None:
    """A matchmaking thread (text path): each poster lists 身高 / 学历 / 职业 under the forum card."""
    text = extract("t02b_xiangqin.txt").text
    assert all(f in text for f in ("身高：165cm", "学历：本科", "职业：软件工程师", "所在地：杭州滨江"))


@pytest.mark.parametrize("name", ["p07_volunteers.html", "t01_volunteers.txt"])
def test_a_notices_people_keep_their_names(name: str) -> None:
    """An award notice lists each volunteer as 姓名 / … / 服务单位: the names are its content."""
    text = extract(name).text
    assert all(f in text for f in ("姓名：张丽华", "服务单位：北山街道社区服务中心", "姓名：王建国"))
