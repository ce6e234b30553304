"""HTML extraction: the headline above the body when the <title> names only the site (old portals, boards, blogs)."""

from __future__ import annotations

import pytest

from pipeline.extract.html.headline import GREETING
from tests.extract.test_html import PARAS, page, run


def _old_page(headline_html: str, title: str, between: str = "") -> str:
    ps = "".join(f"<p>{p}</p>" for p in PARAS)
    body = f'<table><tr><td align="center">{headline_html}</td></tr><tr><td>{between}{ps}</td></tr></table>'
    return page(body, head=f"<title>{title}</title>")


@pytest.mark.parametrize("title", ["谢谢您访问〖城乡观察中心〗", "欢迎光临示例网", "歡迎光臨示例網", "示例论坛"])
def test_a_bold_line_above_the_body_is_the_headline_when_the_title_names_the_site(title: str) -> None:
    doc = run(_old_page('<b><font size="3" color="blue">村里修通了第一条柏油路</font></b>', title))
    assert doc.title == "村里修通了第一条柏油路"
    assert "村里修通了第一条柏油路" not in doc.text and PARAS[0] in doc.text


def test_the_site_name_title_becomes_the_site_greetings_do_not() -> None:
    assert run(_old_page("<h2>村里修通了第一条柏油路</h2>", "示例论坛")).site_name == "示例论坛"
    assert run(_old_page("<h2>村里修通了第一条柏油路</h2>", "谢谢您访问示例网")).site_name != "谢谢您访问示例网"
    assert GREETING.match("感谢您的访问") and not GREETING.match("谢谢你的陪伴：一位老师的来信")


def test_a_subject_repeated_by_the_replies_is_the_headline() -> None:
    """A board's subject line in plain coloured text: its replies' ``Re: 标题`` mark it."""
    ps = "".join(f"<p>{p}</p>" for p in PARAS[:2])
    body = (f'<table><tr><td><font color="#FFFBB5">旧城改造的得与失</font></td></tr><tr><td>{ps}</td></tr>'
            f'<tr><td><font color="#FFFBB5">Re:旧城改造的得与失</font></td></tr><tr><td><p>{PARAS[2]}</p></td></tr></table>')
    assert run(page(body, head="<title>示例论坛</title>")).title == "旧城改造的得与失"


def test_a_category_before_a_linked_headline_is_dropped() -> None:
    """A blog's post header links its category and its headline; the body restates the headline."""
    head = '<font size="4"><strong><a href="/c/5">[城乡文化]</a><a href="/p/9">村里的戏台</a></strong></font>'
    doc = run(_old_page(head, "某某的博客", between="<p>村里的戏台</p>"))
    assert doc.title == "村里的戏台"


@pytest.mark.parametrize(
    ("title", "headline_html"),
    [
        # a real headline in the <title>, the page's bold line above the body is something else
        ("乡村环境整治见成效_示例网", "<b>本站原创</b>"),
        ("乡村环境整治见成效_示例网", "<b>村里修通了第一条柏油路</b>"),
        # a short headline printed right above the body is the headline
        ("1", "<b>1</b>"),
    ],
)
def test_a_title_that_reads_as_a_headline_stays(title: str, headline_html: str) -> None:
    doc = run(_old_page(headline_html, title))
    assert doc.title == title.split("_")[0]


def test_a_short_title_printed_as_a_heading_anywhere_stays() -> None:
    """An encyclopaedia's entry name (``蔡健雅_百度百科``) is a title, though widgets sit between it and the body."""
    ps = "".join(f"<p>{p}</p>" for p in PARAS)
    body = f"<div><p><b>领取鲜花</b></p><p>送花</p><h1>刘老汉</h1>{ps}</div>"
    assert run(page(body, head="<title>刘老汉_示例百科</title>")).title == "刘老汉"


@pytest.mark.parametrize(
    "line",
    ["发布日期：2005-07-05", "村里修通了第一条柏油路。全村人都来看了。", "首页 > 新闻 > 正文", "正文"],
)
def test_dates_sentences_and_page_furniture_are_no_headline(line: str) -> None:
    doc = run(_old_page(f"<b>{line}</b>", "示例论坛"))
    assert doc.title in ("示例论坛", "")
