"""HTML main-content extraction: one crafted page per heuristic."""

from __future__ import annotations

import pytest

from pipeline.config import Settings
from pipeline.extract import extract_document
from pipeline.extract.html import extract_html
from pipeline.record import Document

PARAS = [
    "今年以来，当地持续推进农村人居环境整治，村容村貌发生了明显变化，村民的获得感不断增强。",
    "记者在现场看到，新修的道路两旁种满了花草，垃圾分类收集点整齐排列，保洁员正在清扫路面。",
    "村党支部书记介绍，村里成立了专门的保洁队伍，并通过积分制鼓励村民参与环境卫生管理。",
    "专家表示，农村环境治理需要长效机制，既要有资金投入，也要充分调动村民的积极性和主动性。",
    "下一步，当地将继续完善基础设施建设，推动乡村振兴各项工作落到实处，让群众生活更加美好。",
]

NAV = """<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/a">新闻</a></li>
<li><a href="/b">财经</a></li><li><a href="/c">体育</a></li><li><a href="/d">娱乐</a></li></ul></div>"""

FOOTER = """<div class="footer"><p><a href="/about">关于我们</a> | <a href="/contact">联系我们</a> |
<a href="/map">网站地图</a></p><p>Copyright © 2024 示例网 版权所有 京ICP证000000号</p></div>"""


def page(body: str, head: str = "<title>乡村环境整治见成效_示例网</title>") -> str:
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{NAV}{body}{FOOTER}</body></html>"


def article(paras: list[str] = PARAS, extra: str = "") -> str:
    ps = "".join(f"<p>{p}</p>" for p in paras)
    return f'<div class="main"><h1>乡村环境整治见成效</h1><div class="article-body">{ps}{extra}</div></div>'


def run(html: str, url: str | None = None) -> Document:
    doc = Document(path="x.html", media_type="html", raw=html, url=url)
    extract_html(doc, Settings())
    return doc


# ----------------------------------------------------------------------------- body


def test_body_is_the_article_without_nav_and_footer():
    doc = run(page(article()))
    assert doc.status == "pending"
    assert doc.paragraphs == PARAS
    assert "首页" not in doc.text and "版权所有" not in doc.text
    assert doc.removed["nav"]["count"] >= 1
    assert doc.removed["footer"]["count"] >= 1 or doc.removed.get("copyright")
    assert doc.extraction_confidence > 0.5 and "low_confidence" not in doc.flags


def test_title_is_not_repeated_in_body_and_blocks_carry_verdicts():
    doc = run(page(article()))
    assert "乡村环境整治见成效" not in doc.text
    kinds = {(b.kind, b.kept) for b in doc.blocks}
    assert ("title", True) in kinds and ("paragraph", True) in kinds and ("nav", False) in kinds
    assert [b.text for b in doc.blocks if b.kind == "paragraph"] == PARAS
    # every removed block is counted
    assert sum(v["count"] for v in doc.removed.values()) == sum(1 for b in doc.blocks if not b.kept)


def test_scripts_styles_and_hidden_elements_are_not_text():
    extra = '<script>var x = "脚本里的中文不能出现";</script><style>.a{}</style><div style="display:none">隐藏的提示文字。</div>'
    doc = run(page(article(extra=extra)))
    assert "脚本" not in doc.text and "隐藏" not in doc.text
    assert doc.paragraphs == PARAS


def test_related_list_with_class_is_removed():
    related = (
        '<div class="related-news"><h3>相关新闻</h3><ul>'
        + "".join(f'<li><a href="/n{i}">第{i}条相关报道的标题文字比较长一些</a></li>' for i in range(6))
        + "</ul></div>"
    )
    doc = run(page(article(extra=related)))
    assert doc.paragraphs == PARAS
    assert "相关报道" not in doc.text
    assert doc.removed["related"]["count"] >= 1


def test_related_header_without_class_closes_the_body():
    extra = "<p>相关阅读</p>" + "".join(
        f"<p>另一篇文章的摘要内容，讲述了第{i}个村庄的变化。</p>" for i in range(3)
    )
    doc = run(page(article(extra=extra)))
    assert doc.paragraphs == PARAS


def test_link_farm_footer_is_removed():
    farm = (
        '<div class="links">'
        + " ".join(f'<a href="http://s{i}.example.com">合作网站{i}</a>' for i in range(40))
        + "</div>"
    )
    doc = run(page(article() + farm))
    assert "合作网站" not in doc.text
    assert doc.paragraphs == PARAS


def test_captions_and_share_bar_are_removed():
    extra = (
        '<p class="pic"><img src="a.jpg"/></p><p>资料图片仅供参考</p>'
        "<p>乡村新貌-第1张图片-示例网</p>"
        '<div class="share-bar"><a>分享到</a><a>微信</a><a>微博</a></div>'
    )
    doc = run(page(article(extra=extra)))
    assert doc.paragraphs == PARAS
    assert doc.removed["caption"]["count"] == 2
    assert doc.removed.get("share")


def test_comment_block_is_kept_apart():
    comments = (
        '<div id="comments" class="comment-list"><h3>网友评论</h3>'
        + "".join(
            f'<div class="comment-item"><span class="user">网友{i}</span><p>说得很好，我们村里也是这样变化的，支持！{i}</p></div>'
            for i in range(3)
        )
        + "</div>"
    )
    doc = run(page(article() + comments))
    assert doc.paragraphs == PARAS
    assert len(doc.comments) == 3
    assert all("支持" in c.text for c in doc.comments)
    assert "支持" not in doc.text
    assert any(b.kind == "comment" and not b.kept for b in doc.blocks)


def test_comment_list_page_keeps_the_comments_as_content():
    # a page that *is* a list of comments: they are the content, not boilerplate
    items = "".join(
        f'<div class="comment-item"><p>这部电影的节奏很好，演员的表演也很自然，值得一看，推荐给大家。第{i}条</p></div>'
        for i in range(8)
    )
    doc = run(page(f'<h1>某电影 短评</h1><div class="comments">{items}</div>'))
    assert len(doc.paragraphs) == 8


def test_table_layout_keeps_all_sibling_paragraphs():
    links = "".join(
        f'<tr><td><a href="/x{i}">·其他新闻标题第{i}条比较长的标题</a></td></tr>' for i in range(30)
    )
    cell = (
        "<p>资料图：新修的村道</p>"
        + "".join(f"<p>{p}</p>" for p in PARAS[:3])
        + "<p>保洁队伍</p>"
        + "".join(f"<p>{p}</p>" for p in PARAS[3:])
        + f"<table>{links}</table>"
    )
    html = f"<html><body><table><tr><td>{NAV}</td></tr><tr><td>{cell}</td></tr></table></body></html>"
    doc = run(html)
    for p in PARAS:
        assert p in doc.paragraphs
    assert "保洁队伍" in doc.text
    assert "其他新闻标题" not in doc.text


def test_repeated_copy_of_the_body_is_dropped_but_repeated_caption_is_kept():
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    doc = run(page(f'<div class="article">{body}</div><div class="article-print">{body}</div>'))
    assert doc.paragraphs == PARAS
    cap = "图为村民在新修的道路上散步。新华社记者 摄"
    doc2 = run(page(article(extra=f"<p>{cap}</p><p>{cap}</p>")))
    assert doc2.paragraphs.count(cap) == 2


# ----------------------------------------------------------------------------- never empty / quarantine


def test_never_empty_when_the_page_has_prose_in_odd_places():
    # every region is named like boilerplate: the cues must not empty the page
    html = (
        "<html><body>" + "".join(f'<div class="sidebar"><p>{p}</p></div>' for p in PARAS) + "</body></html>"
    )
    doc = run(html)
    assert doc.status == "pending"
    assert len(doc.paragraphs) >= 3


def test_short_page_is_kept_but_flagged():
    doc = run("<html><body><div><p>通知：明天停水。</p></div></body></html>")
    assert doc.status == "pending"
    assert "通知" in doc.text
    assert "low_confidence" in doc.flags


@pytest.mark.parametrize(
    "html", ["", "<html><body></body></html>", "<html><body><script>var a=1;</script></body></html>"]
)
def test_no_text_is_quarantined(html):
    doc = run(html)
    assert doc.status == "quarantined"
    assert doc.reason == "no article body found in HTML"


def test_dispatch_from_extract_document():
    doc = Document(path="a.html", media_type="html", raw=page(article()))
    extract_document(doc, Settings())
    assert doc.paragraphs == PARAS


# ----------------------------------------------------------------------------- crawl dump


def test_crawl_dump_wrapper_is_stripped():
    raw = (
        '<text id="http://news.example.com/2005/a.html" title="乡村环境整治见成效--示例新闻" encoding="gb2312">\n'
        + NAV
        + '<table><tr><td class="body">'
        + "".join(f"<p>{p}</p>" for p in PARAS)
        + "</td></tr></table></text>"
    )
    doc = run(raw)
    assert doc.paragraphs == PARAS
    assert doc.title == "乡村环境整治见成效"
    assert doc.canonical_url == "http://news.example.com/2005/a.html"
    assert "<text" not in doc.text


# ----------------------------------------------------------------------------- sections


def test_sections_from_h2_bold_and_numbered_lines():
    body = (
        f"<p>{PARAS[0]}</p><h2>道路变宽了</h2><p>{PARAS[1]}</p>"
        f"<p><strong>环境变美了</strong></p><p>{PARAS[2]}</p>"
        f"<p>三、长效机制</p><p>{PARAS[3]}</p>"
    )
    doc = run(page(f'<div class="article-content">{body}</div>'))
    heads = [s.heading for s in doc.sections]
    assert heads == [None, "道路变宽了", "环境变美了", "三、长效机制"]
    assert doc.sections[0].paragraphs == [PARAS[0]]
    assert doc.sections[1].level == 2
    assert doc.sections[3].paragraphs == [PARAS[3]]
    assert any(b.kind == "heading" and b.kept for b in doc.blocks)


def test_json_ld_article_body_used_when_dom_is_thin():
    ld = (
        '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
        '"headline":"乡村环境整治见成效","datePublished":"2024-05-20T08:30:00+08:00",'
        '"author":{"@type":"Person","name":"张三"},"articleBody":"' + "\\n".join(PARAS) + '"}</script>'
    )
    html = f"<html><head>{ld}</head><body>{NAV}<div id='app'><p>{PARAS[0]}</p></div>{FOOTER}</body></html>"
    doc = run(html)
    assert doc.paragraphs == PARAS
    assert doc.author == "张三"
    assert doc.published_at == "2024-05-20T08:30:00+08:00"
    assert doc.title == "乡村环境整治见成效"


def test_nesting_deeper_than_the_parser_keeps_still_gives_text():
    html = (
        "<html><head><title>标题_站</title></head><body>"
        + "<div>" * 3000
        + f"<p>{PARAS[0]}</p>"
        + "</div>" * 3000
    )
    doc = run(html + "</body></html>")
    assert doc.status == "pending"
    assert doc.paragraphs == [PARAS[0]]
    assert "low_confidence" in doc.flags


def test_forum_thread_keeps_every_post():
    posts = "".join(
        f'<div class="post-item"><div class="user"><a href="/u{i}">用户{i}</a></div>'
        f'<div class="post-body">{text}</div></div>'
        for i, text in enumerate([PARAS[0] + PARAS[1] + PARAS[2], "随缘吧", "我也是这么想的", "顶一下楼主"])
    )
    doc = run(page(f"<h1>一个问题</h1><div class='thread'>{posts}</div>"))
    assert "随缘吧" in doc.text and "我也是这么想的" in doc.text and "顶一下楼主" in doc.text
    assert "用户1" not in doc.text


def test_comment_author_and_date_from_meta_line():
    comments = (
        '<section class="comments"><h3>精彩评论</h3>'
        '<div class="comment-item"><span class="uname">张三</span> <span class="time">2024-11-20</span>'
        "<p>文章写得很清楚，对我帮助很大，谢谢作者。</p></div>"
        '<div class="comment-item"><span class="uname">李四</span> <span class="time">2024-11-21</span>'
        "<p>按照文中的方法去做，问题已经解决了。</p></div></section>"
    )
    doc = run(page(article() + comments))
    assert [c.author for c in doc.comments] == ["张三", "李四"]
    assert doc.comments[0].date is not None and doc.comments[0].date.startswith("2024-11-20")


_LONG_REPLY = "我也遇到过这种情况，后来和平台协商分期还款了，大家可以试试。"


def _signed_comments(paragraphs_of) -> Document:  # noqa: ANN001 - i -> that comment's paragraphs
    """The article with a readers' section of three comments, 网友0..2 each over a dated meta line."""
    items = "".join(
        f'<div class="comment-item"><span class="uname">网友{i}</span> <span class="time">2024-11-2{i}</span>'
        + "".join(f"<p>{p}</p>" for p in paragraphs_of(i)) + "</div>"
        for i in range(3)
    )
    return run(page(article() + f'<section class="comments"><h3>网友评论</h3>{items}</section>'))


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["谢谢分享"], "谢谢分享"),  # a short reply alone under its meta line is the reply, not the poster's place
        (["学习了"], "学习了"),
        (["谢谢楼主！", _LONG_REPLY], "谢谢楼主！\n" + _LONG_REPLY),  # it ends a sentence: no device line
        ([_LONG_REPLY, "加油！"], _LONG_REPLY + "\n加油！"),  # a short last paragraph that ends a sentence
        (["来自iPhone客户端", _LONG_REPLY], _LONG_REPLY),  # the poster's device stays out
        (["LV5 江苏", _LONG_REPLY], _LONG_REPLY),
        ([_LONG_REPLY, "来自华为客户端~"], _LONG_REPLY),  # a device line ending in "~" is no sentence's end
    ],
)
def test_a_comments_short_paragraphs_stay_with_it(paragraphs: list[str], expected: str) -> None:
    doc = _signed_comments(lambda i: paragraphs)
    assert [(c.author, c.text) for c in doc.comments] == [(f"网友{i}", expected) for i in range(3)]


@pytest.mark.parametrize("place", ["广东", "IP属地：浙江"])
def test_a_place_alone_under_a_meta_line_is_no_reply(place: str) -> None:
    doc = _signed_comments(lambda i: [place])
    assert doc.comments == []


@pytest.mark.parametrize("placeholder", ["此回帖已被删除", "该楼层已被屏蔽", "该评论已被管理员删除。"])
def test_a_deleted_replys_placeholder_is_not_a_comment(placeholder: str) -> None:
    doc = _signed_comments(lambda i: [placeholder if i == 1 else _LONG_REPLY])
    assert [c.author for c in doc.comments] == ["网友0", "网友2"]


def test_comments_numbered_by_the_widget_are_kept_and_its_counter_is_not():
    """`第3条评论：…` is a reader's comment the widget numbered; `共3条评论` and house rules are the widget."""
    items = "".join(
        f'<div class="comment-item"><span class="uname">网友{i}</span> <span class="time">2024-11-0{i + 1}</span>'
        f"<p>第{i}条评论：我也遇到了同样的问题，催收天天打电话，后来和银行协商分期了。</p></div>" for i in range(3)
    )
    comments = (f'<section class="comments"><h3>网友评论</h3><div>共3条评论</div>{items}'
                "<div>文明上网理性发言，请遵守新闻评论服务协议</div></section>")
    doc = run(page(article() + comments))
    assert [c.text[:6] for c in doc.comments] == ["第0条评论：", "第1条评论：", "第2条评论："]
    assert [c.author for c in doc.comments] == ["网友0", "网友1", "网友2"]


def test_leading_byline_strip_is_not_body():
    extra_top = '<div class="info"><span>示例日报</span></div><div class="time">2024年5月22日 上午8:21</div>'
    ps = "".join(f"<p>{p}</p>" for p in PARAS)
    doc = run(page(f'<div class="article-body">{extra_top}{ps}</div>'))
    assert doc.paragraphs == PARAS


def test_title_split_over_title_and_subtitle_is_not_body():
    top = "<h1>乡村环境整治见成效</h1><div class='sub'>垃圾分类覆盖全部村庄</div>"
    ps = "".join(f"<p>{p}</p>" for p in PARAS)
    doc = run(
        page(
            f"<div class='article'>{top}{ps}</div>",
            head="<title>乡村环境整治见成效垃圾分类覆盖全部村庄_示例网</title>",
        )
    )
    assert doc.paragraphs == PARAS
    assert [b.kind for b in doc.blocks if b.text == "垃圾分类覆盖全部村庄"] == ["title"]


def test_ui_lines_inside_the_body_are_removed():
    extra = "<p>发布于：北京市</p><p>您还未登录，请登录后进行收藏！</p><p>展开全部</p>"
    doc = run(page(article(extra=extra)))
    assert doc.paragraphs == PARAS


def test_references_section_closes_an_encyclopedia_body():
    extra = "<h3>参考资料</h3>" + "".join(
        f"<p>{i}. 某报道标题，某网站[引用日期2014-05-19]</p>" for i in range(1, 4)
    )
    extra += "<p>网友印象：即网友对人物的客观印象反馈，每天更新一次。</p>"
    doc = run(page(article(extra=extra)))
    assert doc.paragraphs == PARAS
    assert doc.removed["references"]["count"] >= 1


@pytest.mark.parametrize("meta_wrapper", [True, False])
def test_comment_author_and_role_in_separate_spans_stay_apart(settings, meta_wrapper: bool) -> None:
    from pipeline.extract import extract_document
    from pipeline.record import Document

    body = "".join(f"<p>第{i}段：遇到催收上门时，先要求对方出示工作证和委托书，再通过官方客服核实其身份，切勿轻信。</p>" for i in range(6))
    html = (
        "<html><head><title>催收上门怎么办_某网</title></head><body>"
        f"<div class='article'><h1>催收上门怎么办</h1>{body}</div>"
        "<div class='comments'><h3>网友评论</h3>"
        + ("<div class='item'><div class='meta'>" if meta_wrapper else "<div class='item'><img alt='头像'>")
        + "<span class='uname'>司马晓雯</span><span class='role'>法务助理</span><span class='time'>2024-12-08</span>"
        + ("</div>" if meta_wrapper else "")
        + "<p>核实身份这一步确实很重要，我之前就遇到过冒充的人。</p></div>"
        "</div></body></html>"
    )
    doc = Document(path="c.html", media_type="html", raw=html)
    extract_document(doc, settings)
    assert doc.comments, doc.blocks
    c = doc.comments[0]
    assert (c.author, c.role, c.date) == ("司马晓雯", "法务助理", "2024-12-08")
    assert "冒充" in c.text and "冒充" not in doc.text


# ----------------------------------------------------------------------------- bs4 fallback
_PROSE = "借款人应当主动与平台协商还款计划，说明自己的实际困难，并核实对方的身份。"


def test_page_only_bs4_recovers_deep_nesting(settings) -> None:
    """libxml2 drops everything below 256 levels of nesting; the bs4 fallback keeps the text."""
    from lxml import etree

    html = ("<html><head><title>深层嵌套的页面</title></head><body>" + "<div>" * 400 + f"<p>{_PROSE}</p>"
            + "</div>" * 400 + f"<p>{_PROSE[::-1]}</p></body></html>")
    root = etree.fromstring(html, etree.HTMLParser(recover=True))
    assert "".join(root.find("body").itertext()).strip() == ""  # the main path really gets no body text
    doc = Document(path="deep.html", media_type="html", raw=html)
    extract_document(doc, settings)
    assert doc.status == "pending", doc.reason
    assert _PROSE in doc.text
    assert doc.title == "深层嵌套的页面"
    assert "low_confidence" in doc.flags


def test_content_only_in_noscript_is_recovered(settings) -> None:
    html = (f"<html><body><div id='app'></div><noscript><h1>论坛帖子</h1><p>{_PROSE}</p><p>{_PROSE}再说一遍。</p>"
            "</noscript><script>var app = 1;</script></body></html>")
    doc = Document(path="spa.html", media_type="html", raw=html)
    extract_document(doc, settings)
    assert doc.status == "pending", doc.reason
    assert _PROSE in doc.text and "var app" not in doc.text


def test_a_body_opening_with_its_news_credit_keeps_that_line_and_ends_the_header_above_it() -> None:
    """The header strip (a dated line, a subtitle, the author's name) ran into the body's first line,
    which carries a date in its credit, so the article began mid-sentence: "会议。按照惯例…"."""
    first = "【某某网2005年07月03日报道】一九八九年四月，我在湖南张家界参加一个全省教学研究"
    rest = ["会议。按照惯例，会议安排了一天时间，让与会者去风景点游玩观赏，那一天正好是四月十五日。",
            "张家界的春天美得让人眩目，长期过着从家门到校门的机械生活，一下子置身于翠绿的森林之中。",
            "傍晚回到招待所时，一位同事告诉我一个消息，像突然被泼了一瓢冷水，我顿时清醒过来了。"]
    html = ("<html><head><meta charset='utf-8'><title>谢谢您访问某某中心</title></head><body>"
            "<div class='art'><p>某某：我是怎样卷入那场运动的</p><p>作者：某某 来源：某某网 发布日期：2005-07-05</p>"
            "<p>我是怎样卷入那场运动的</p><p>某某</p>"
            + "".join(f"<p>{p}</p>" for p in [first, *rest]) + "</div></body></html>")
    doc = Document(path="a.html", media_type="html", raw=html)
    extract_html(doc, Settings())
    assert doc.text.split("\n")[0] == first
    assert "作者" not in doc.text and "我是怎样卷入那场运动的" not in doc.text.split("\n")[0]


def test_a_one_word_reply_alone_under_its_header_is_a_comment() -> None:
    """A blog's comments: "哇" and "welcome！" under their headers, nothing else before the next one (an
    emoticon alone, ":)", is still read as a symbol line and dropped: a known gap)."""
    items = "".join(f"<div class='post'><div class='postTitle'># re: 乡村环境整治见成效 2004-12-28 9:4{k} 读者{k}</div>"
                    f"<div class='postText'>{t}</div></div>" for k, t in enumerate(["哇", "welcome！", "写得很好，学习了。"]))
    doc = run(page(article() + f"<div class='comments'><h3>评论</h3>{items}</div>"))
    assert [c.text for c in doc.comments] == ["哇", "welcome！", "写得很好，学习了。"]
    assert [c.author for c in doc.comments] == ["读者0", "读者1", "读者2"]


@pytest.mark.parametrize("paragraphs", [1, 2])
@pytest.mark.parametrize("headline", ["网贷逾期怎么办", "信用卡逾期怎么办？"])
def test_a_short_page_under_a_question_headline_is_written(headline: str, paragraphs: int) -> None:
    # a question's headline looks for the asker's line under the body: past the page's last block there is none
    body = "".join("<p>逾期之后要主动联系平台说明情况，协商分期还款，并保留好沟通记录和还款凭证。</p>" for _ in range(paragraphs))
    doc = run(f"<html><body><h1>{headline}</h1>{body}</body></html>")
    assert doc.status != "quarantined"
    assert doc.title in (headline, headline.rstrip("？"))
    assert "主动联系平台" in doc.text


_SHAPES_HEADLINES = ["网贷逾期怎么办", "网贷逾期如何处理", "信用卡逾期了怎么办？_某某资讯网", ""]
_SHAPES_EXTRAS = ["", "<p>2024-03-05 10:00 来源：某某网 作者：张三</p>", "<div class='meta'>提问者：小王 2024-03-05</div>",
                  "<ul><li><a href='/a'>相关文章一</a></li><li><a href='/b'>相关文章二</a></li></ul>"]


@pytest.mark.parametrize("extra", _SHAPES_EXTRAS)
@pytest.mark.parametrize("headline", _SHAPES_HEADLINES)
def test_small_pages_of_every_common_shape_extract_without_an_internal_error(headline: str, extra: str) -> None:
    """Short pages are where index arithmetic runs off the end: every mix of headline, 0-3 paragraphs,
    a wrapper and a meta line or a link list before or after the body extracts (or is quarantined with
    a reason), never raises."""
    para = "<p>逾期之后要主动联系平台说明情况，协商分期还款，并保留好沟通记录。</p>"
    for n in range(4):
        for wrap in ("{}", "<article>{}</article>", "<div class='article'>{}</div>"):
            for before in (True, False):
                head = f"<h1>{headline}</h1>" if headline else ""
                inner = (extra + head + para * n) if before else (head + para * n + extra)
                html = f"<html><head><title>{headline}</title></head><body>{wrap.format(inner)}</body></html>"
                doc = run(html)
                assert doc.status != "quarantined" or "internal" not in (doc.reason or "")
