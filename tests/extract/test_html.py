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


# ----------------------------------------------------------------------------- threads

REPLIES = (
    '<section class="comments"><h3>全部回复</h3>'
    '<div class="comment-item"><span class="uname">张三</span> <span class="time">2024-11-20</span>'
    "<p>我也遇到过，先打客服电话说明情况，再申请分期。</p></div>"
    '<div class="comment-item"><span class="uname">李四</span> <span class="time">2024-11-21</span>'
    "<p>按照楼上的方法去做，平台同意延期了。</p></div></section>"
)


def test_thread_keeps_every_post_in_order_with_author_and_date():
    doc = run(page(article() + REPLIES), url="https://bbs.example.com/forum.php?mod=viewthread&tid=12")
    assert doc.page_kind == "thread" and doc.comments == []
    posts = [s.post for s in doc.sections if s.post is not None]
    assert [p.author for p in posts[1:]] == ["张三", "李四"]
    assert posts[1].date.startswith("2024-11-20")
    assert doc.text.index(PARAS[0]) < doc.text.index("先打客服电话") < doc.text.index("平台同意延期了")


def test_replies_with_name_and_date_in_blocks_of_their_own_keep_short_words():
    """"鹿小町" / "2021-01-01 10:34:38" / "羡慕！！！": a reply under its own meta lines needs no full sentence."""
    replies = "".join(
        f'<div class="comment-item"><div class="comment-meta"><a href="/user/{i}" class="nick">{name}</a>'
        f'<div><time>2021-01-0{i + 1} 10:3{i}:38</time></div></div>'
        f'<div class="comment-body"><p>{text}</p></div><div class="ops"><span>点赞</span></div></div>'
        for i, (name, text) in enumerate([("鹿小町", "羡慕！！！"), ("李特", "我们放一天上一天再放一天"),
                                          ("Akira", "元旦快乐")])
    )
    doc = run(page(article() + f'<div class="comments"><h3>3条评论</h3>{replies}</div>'),
              url="https://example.com/topic/1666")
    assert doc.page_kind == "thread"
    posts = [s.post for s in doc.sections if s.post is not None][1:]
    assert [p.author for p in posts] == ["鹿小町", "李特", "Akira"]
    assert posts[0].date.startswith("2021-01-01T10:30:38")
    assert "羡慕！！！" in doc.text and "我们放一天上一天再放一天" in doc.text and "元旦快乐" in doc.text
    assert "点赞" not in doc.text


def test_posts_with_numbered_ids_in_table_frames_are_all_kept():
    """Discuz-style: each post is a numbered frame whose text box (``postmessage_<n>``) sits deep in a table."""
    def post(n: int, user: str, text: str) -> str:
        profile = "".join(f'<a href="/space/{n}/{k}">{k}</a>' for k in ("主题", "帖子", "积分", "发消息"))
        return (f'<div id="post_{n}"><table id="pid{n}" class="plhin"><tr><td class="pls">'
                f'<a href="/u/{n}">{user}</a>{profile}</td><td class="plc"><div class="pi">发表于 2024-4-5 23:20</div>'
                f'<div class="pct"><div class="pcb"><table><tr><td id="postmessage_{n}">{text}</td></tr></table>'
                f'</div></div></td></tr></table></div>')
    thread = post(101, "楼主", PARAS[0] + PARAS[1]) + post(102, "甲", "同质化太严重了就没意思了") + post(
        103, "乙", "顶你，这个建议不错。")
    doc = run(page(f'<div id="postlist"><h1>建议改版</h1>{thread}</div>'),
              url="https://bbs.example.com/forum.php?mod=viewthread&tid=12")
    assert "同质化太严重了就没意思了" in doc.text and "顶你，这个建议不错。" in doc.text
    assert "发消息" not in doc.text
    # a question and its one answer: two numbered twins are enough
    doc = run(page(f'<div id="postlist"><h1>建议改版</h1>{post(101, "楼主", PARAS[0] + PARAS[1])}'
                   f'{post(102, "甲", "我知道，只有回去翻下之前的浏览记录了")}</div>'),
              url="https://bbs.example.com/forum.php?mod=viewthread&tid=12")
    assert "只有回去翻下之前的浏览记录了" in doc.text


def test_same_class_boxes_elsewhere_on_the_page_are_not_posts():
    """An article in div.content and a sidebar of div.content teasers: the teasers are not the article's."""
    teasers = "".join(f'<div class="content"><p>侧栏简介第{k}条：这是一段推广的内容，与本文没有关系，请勿阅读。</p></div>'
                      for k in range(3))
    body = (f'<div class="main"><h1>乡村环境整治见成效</h1><div class="content">{"".join(f"<p>{p}</p>" for p in PARAS)}'
            f'</div></div><div class="side">{teasers}</div>')
    doc = run(page(body))
    assert doc.paragraphs == PARAS


def test_same_replies_under_an_article_stay_comments():
    doc = run(page(article() + REPLIES), url="https://news.example.com/2024/11/20/123.html")
    assert doc.page_kind == "article"
    assert [c.author for c in doc.comments] == ["张三", "李四"]
    assert "平台同意延期了" not in doc.text


# ----------------------------------------------------------------------------- families named by the issue


def test_wiki_banners_fact_boxes_and_references_go():
    wiki = (
        '<div id="content"><h1>乡村环境整治</h1>'
        '<table class="plainlinks metadata ambox ambox-content"><tr><td>本条目需要补充更多来源，请协助补充可靠来源。</td></tr></table>'
        '<table class="infobox"><tr><th>中文名</th><td>乡村环境整治</td></tr><tr><th>主管部门</th><td>某某部</td></tr></table>'
        f'<div class="mw-parser-output">{"".join(f"<p>{p}</p>" for p in PARAS)}'
        '<h2>参考资料</h2><ol class="references"><li>某某：《村庄整治》，某出版社，2013年。</li></ol>'
        '<div class="navbox"><a>农村</a> · <a>环境</a> · <a>规划</a></div></div></div>'
    )
    doc = run(page(wiki))
    assert PARAS[0] in doc.text
    for gone in ("补充更多来源", "主管部门", "某出版社", "规划"):
        assert gone not in doc.text


def test_a_feed_of_teasers_after_a_short_article_goes_even_without_class_names():
    """No class names to say so: a related header followed by linked headlines, each with its summary."""
    feed = "".join(
        f"<div><div>{src}·</div><div><a href='/n/{k}'>{head}</a></div><div>{summary}</div></div>"
        for k, (src, head, summary) in enumerate([
            ("财经频道", "多地出台新规规范催收行为", PARAS[1] + PARAS[2]),
            ("法治频道", "律师解读：协商还款的三个要点", PARAS[3] + PARAS[4]),
            ("民生频道", "乡村道路改造进入收尾阶段", PARAS[2] + PARAS[0]),
        ])
    )
    body = f"<div><h1>乡村环境整治见成效</h1><div>2024年5月22日</div><div>{PARAS[0]}</div>" \
           f"<div>你可能还想看</div>{feed}</div>"
    doc = run(f"<html><head><meta charset='utf-8'><title>t</title></head><body>{body}</body></html>")
    assert doc.paragraphs == [PARAS[0]]
    assert "协商还款的三个要点" not in doc.text


def test_comments_without_class_names_are_found_by_their_dated_name_lines():
    """"# re: 标题 2004-12-27 12:46 张三" over each comment: the comments start at their header."""
    replies = "".join(
        f"<div># re: 乡村环境整治见成效 2004-12-27 1{k}:46 {name}</div><div>{text}</div>"
        for k, (name, text) in enumerate([("flyingbirds", "呵呵，又来了一位大哥啊"), ("寒星", "拜读了，写得很清楚。"),
                                          ("scong", "名人来了，我等看客有福了"), ("王勇", "怎么不来开道欢迎啊！")])
    )
    body = f"<div><h1>乡村环境整治见成效</h1>{''.join(f'<div>{p}</div>' for p in PARAS[:3])}" \
           f"<div>发表于 2004年12月27日 12:40</div><div>评论</div>{replies}</div>"
    doc = run(f"<html><head><meta charset='utf-8'><title>t</title></head><body>{body}</body></html>")
    assert doc.paragraphs == PARAS[:3]
    assert len(doc.comments) == 4 and "名人来了，我等看客有福了" in doc.comments[2].text


def test_a_live_blog_or_a_timeline_keeps_its_dated_entries():
    """Dated lines with words beside the date ("北京", "北京时间") but no reply word are not comments."""
    intro = "<div>" + PARAS[0] + PARAS[1] + "</div>"
    for stamp in ("2024-05-20 1{k}:30 北京", "北京时间 2024-05-20 1{k}:30", "2023年3月{k}日 10:00 上海"):
        entries = "".join(f"<div>{stamp.format(k=k + 1)}</div><div>{p}</div>" for k, p in enumerate(PARAS))
        doc = run(f"<html><head><meta charset='utf-8'><title>t</title></head><body><div><h1>直播</h1>{intro}"
                  f"{entries}</div></body></html>")
        assert doc.paragraphs[-5:] == PARAS and doc.comments == [], stamp


def test_a_statement_about_the_content_above_ends_the_article():
    """Without class names: "以上内容为用户上传..." closes the body, and the next article after it goes."""
    second = "".join(f"<div>{p}</div>" for p in PARAS[2:])
    body = (f"<div><h1>乡村环境整治见成效</h1><div>{PARAS[0]}</div><div>{PARAS[1]}</div>"
            "<div>以上内容（包括图片及视频）为平台用户上传并发布，本平台仅提供信息存储服务</div>"
            f"<div>31岁一炮而红的歌手</div><div>2023-06-01 00:48</div>{second}</div>")
    doc = run(f"<html><head><meta charset='utf-8'><title>t</title></head><body>{body}</body></html>")
    assert doc.paragraphs == PARAS[:2]


def test_a_page_of_dated_posts_without_an_article_stays_the_discussion():
    names = ["楼主小王", "李特", "鹿小町", "张三丰", "王五"]
    posts = "".join(f"<div>{n} 2021-01-0{k + 1} 10:34 回复</div><div>{p}</div>"
                    for k, (n, p) in enumerate(zip(names, PARAS, strict=True)))
    doc = run(page(f'<div class="main"><h1>逾期怎么办</h1>{posts}</div>'))
    assert all(p in doc.text for p in PARAS) and doc.comments == []


def test_a_shared_by_users_note_under_each_answer_ends_nothing():
    note = "以上内容来自网友分享，仅供参考，不构成法律意见。"
    answers = "".join(f"<div><div>律师{k}</div><p>{p}</p><p>{note}</p></div>" for k, p in enumerate(PARAS[:4]))
    doc = run(page(f'<div class="main"><h1>逾期怎么办</h1>{answers}</div>'))
    assert all(p in doc.text for p in PARAS[:4])


def test_a_note_under_each_answer_ends_nothing():
    """"以上内容仅供参考" under every answer of a Q&A page says nothing about who posted it."""
    answers = "".join(f"<div><div>律师{k}</div><p>{p}</p><p>以上内容仅供参考，不构成法律意见。</p></div>"
                      for k, p in enumerate(PARAS[:3]))
    doc = run(page(f'<div class="main"><h1>逾期怎么办</h1>{answers}</div>'))
    assert all(p in doc.text for p in PARAS[:3])


def test_a_related_box_inside_an_article_does_not_end_it():
    box = '<p>相关阅读</p><p><a href="/n/1">多地出台新规规范催收行为</a></p>'
    paras = PARAS + [p[::-1] for p in PARAS]
    body = "".join(f"<p>{p}</p>" + (box if k in (1, 3) else "") for k, p in enumerate(paras))
    doc = run(page(f'<div class="main"><h1>乡村环境整治见成效</h1><div class="article-body">{body}</div></div>'))
    assert all(p in doc.paragraphs for p in paras)


def test_a_list_under_its_lead_in_at_the_end_stays():
    items = "".join(f"<li>{w}</li>" for w in ("身份证原件", "户口本", "结婚证", "收入证明", "银行流水"))
    doc = run(page(article(extra=f"<p>办理时需要准备以下材料：</p><ul>{items}</ul>")))
    assert all(w in doc.text for w in ("身份证原件", "户口本", "结婚证", "收入证明", "银行流水"))


def test_a_reply_is_its_sentence_not_the_device_line_under_the_name():
    replies = "".join(
        f'<div class="comment-item"><div>{name} 2021-01-0{k + 1} 10:34</div><div>来自Android客户端</div>'
        f"<p>{text}</p></div>"
        for k, (name, text) in enumerate([("鹿小町", "我也遇到过，先打客服电话说明情况。"), ("李特", "平台同意延期了，谢谢。")])
    )
    doc = run(page(article() + f'<div class="comments"><h3>全部评论</h3>{replies}</div>'))
    assert [(c.author, c.text) for c in doc.comments] == [
        ("鹿小町", "我也遇到过，先打客服电话说明情况。"), ("李特", "平台同意延期了，谢谢。")]


def test_expert_commentary_is_part_of_the_article():
    extra = "<h3>专家点评</h3><p>专家认为，整治要尊重村民意愿，资金使用要公开透明，长效管护机制比一次性投入更重要。</p>"
    doc = run(page(article(extra=extra)))
    assert "长效管护机制" in doc.text and doc.comments == []


def test_a_content_table_stays():
    table = ("<table><tr><th>项目</th><th>资金（万元）</th><th>完成时间</th></tr>"
             "<tr><td>污水管网</td><td>120</td><td>2024年6月</td></tr>"
             "<tr><td>垃圾分类站</td><td>45</td><td>2024年9月</td></tr></table>")
    doc = run(page(article(extra=table)))
    lines = doc.text.split("\n")
    assert "项目 | 资金（万元） | 完成时间" in lines  # one row, one line
    assert "污水管网 | 120 | 2024年6月" in lines and "垃圾分类站 | 45 | 2024年9月" in lines


def test_a_layout_table_keeps_its_cells_apart():
    cells = "".join(f"<td><p>{p}</p></td>" for p in PARAS[:2])
    layout = f"<table><tr>{cells}</tr><tr>{cells}</tr></table>"
    doc = run(page(f'<div class="main"><h1>乡村环境整治见成效</h1>{layout}</div>'))
    assert " | " not in doc.text and PARAS[0] in doc.text.split("\n")


@pytest.mark.parametrize(("url", "thread"), [
    ("https://bbs.example.com/forum.php?mod=viewthread&tid=12", True),
    ("https://example.com/topic/1666", True),
    ("https://example.com/question/651439951/answer/3452", True),
    ("https://discuss.example.org/d/15648", True),
    ("http://example.com/wj/ShowAnnounce.asp?boardID=2", True),
    ("https://example.com/keyboard/review-2024.html", False),
    ("https://example.com/announcement/2024/05/notice.html", False),
    ("https://news.example.com/2024/11/20/123.html", False),
])
def test_thread_addresses(url: str, thread: bool):
    doc = run(page(article() + REPLIES), url=url)
    assert (doc.page_kind == "thread") is thread


def test_a_short_post_with_replies_is_a_thread_whatever_its_address():
    """An opening post too short to be an article, with replies under it: the replies are the content."""
    post = '<div class="main"><h1>元旦放假了</h1><div class="article-body"><p>提前祝大家元旦快乐！放假放假放假！</p></div></div>'
    doc = run(page(post + f'<div id="comment-list">{REPLIES}</div>'), url="https://example.com/detail/171")
    assert doc.page_kind == "thread"
    assert "先打客服电话" in doc.text and "平台同意延期了" in doc.text


def test_replies_outweighing_a_real_article_stay_comments():
    """A short news item can draw long comments: without a thread address they stay comments."""
    long_replies = REPLIES.replace("</section>", "".join(
        f'<div class="comment-item"><span class="uname">网友{i}</span> <span class="time">2024-11-2{i}</span>'
        f"<p>{PARAS[i % 5]}{PARAS[(i + 1) % 5]}</p></div>" for i in range(6)) + "</section>")
    doc = run(page(article(PARAS[:2]) + long_replies), url="https://news.example.com/2024/11/20/123.html")
    assert doc.page_kind == "article" and len(doc.comments) >= 6


def test_reads_as_thread_measures_the_body_as_the_quarantine_does():
    from pipeline.extract.html.structure import _reads_as_thread
    from pipeline.record import Section

    def doc(*paras: str, heading: str | None = None) -> Document:
        return Document(path="x.html", sections=[Section(heading=heading, paragraphs=list(paras))])

    settings = Settings()  # min_body_chars 30
    assert not _reads_as_thread(doc(), settings)  # nothing found: the text fallback gets its chance
    assert _reads_as_thread(doc("元旦 快乐 ！ " * 3), settings)  # 15 characters without the spaces
    assert not _reads_as_thread(doc("元旦 快乐 ！ " * 3, heading="提前祝大家元旦快乐放假放假放假"), settings)
    assert not _reads_as_thread(doc(PARAS[0]), settings)


# ----------------------------------------------------------------------------- posts of a thread, one by one

_POSTS = [
    ("青柠不加糖", "2023-09-14 22:17", "花呗欠了一万六，借呗欠了四万三，逾期半年了，支付宝那边能谈个性化分期吗？"),
    ("北方的狼", "2023-09-14 22:40", "可以直接打官方客服转人工，说你要申请个性化分期，客服会给你登记，一般几个工作日回电。"),
    ("小鱼干", "2023-09-15 09:12", "请问登记之后多久有回复？我登记了两次，都说会有专员联系，结果一直没人打来。"),
]


def _phpbb_post(k: int, name: str, when: str, text: str, quote: str = "") -> str:
    return (
        f'<div id="p{100 + k}" class="post has-profile bg{1 + k % 2}"><div class="inner">'
        f'<dl class="postprofile"><dt><a href="./memberlist.php?mode=viewprofile&amp;u={k}">{name}</a></dt>'
        f"<dd><strong>帖子:</strong> {10 * k + 3}</dd><dd><strong>注册时间:</strong> 2019-05-06</dd></dl>"
        f'<div class="postbody"><h3>Re: 逾期半年能谈个性化分期吗</h3>'
        f'<p class="author">由 <strong>{name}</strong> » <time datetime="{when.replace(" ", "T")}:00+08:00">{when}</time></p>'
        f'<div class="content">{quote}{text}</div>'
        f'<div class="signature">每一笔欠款，都是下一次出发的理由。</div></div></div></div>'
    )


def _phpbb_thread() -> str:
    quote = (f'<blockquote><div><cite>{_POSTS[1][0]} 写了：</cite>{_POSTS[1][2]}</div></blockquote>')
    posts = "".join(_phpbb_post(k, n, w, t, quote if k == 2 else "") for k, (n, w, t) in enumerate(_POSTS))
    return (f"<html><head><meta charset='utf-8'><title>逾期半年能谈个性化分期吗 - 还款互助论坛</title></head><body>"
            f"{NAV}<div id='page-body'><h2 class='topic-title'>逾期半年能谈个性化分期吗</h2>{posts}</div>"
            f"{FOOTER}</body></html>")


def test_thread_posts_keep_their_author_and_date_in_order() -> None:
    doc = run(_phpbb_thread(), url="https://bbs.example.org/viewtopic.php?t=2817")
    assert doc.page_kind == "thread"
    posts = [s.post for s in doc.sections if s.post is not None]
    assert [p.author for p in posts] == [n for n, _w, _t in _POSTS]
    assert [p.date[:16] for p in posts] == [w.replace(" ", "T") for _n, w, _t in _POSTS]
    for _n, _w, text in _POSTS:
        assert doc.text.count(text) == 1  # the quote of post 2 inside post 3 is not a second copy


def test_thread_chrome_stays_out_of_the_posts() -> None:
    doc = run(_phpbb_thread())
    assert "每一笔欠款" not in doc.text  # signature
    assert "Re:" not in doc.text  # each post's subject line repeating the title
    assert "注册时间" not in doc.text and "帖子:" not in doc.text  # profile card


def test_repeated_paragraph_boxes_without_names_or_dates_stay_an_article() -> None:
    ps = "".join(f'<p class="para">{p}</p>' for p in PARAS)
    doc = run(page(f'<div class="main"><h1>乡村环境整治见成效</h1><div class="article-body">{ps}</div></div>'))
    assert doc.page_kind == "article"
    assert all(s.post is None for s in doc.sections)
    assert all(p in doc.text for p in PARAS)


def test_profile_card_blocks_beside_posts_are_removed() -> None:
    def post(k: int, text: str) -> str:
        card = "".join(f"<dt>{a}</dt><dd>{b}</dd>" for a, b in (("主题", k + 2), ("帖子", 40 + k), ("积分", 300 + k),
                                                                  ("注册时间", f"2019-7-2{k}")))
        return (f'<table id="pid{k}" class="plhin"><tr><td class="pls"><div class="authi"><a href="home.php?mod=space&amp;uid={k}">'
                f'用户{k}</a></div><dl class="pil">{card}</dl><p>在线时间 {k + 3} 小时</p></td>'
                f'<td class="plc"><div class="pi"><em>发表于 2023-5-{6 + k} 12:0{k}</em></div>'
                f'<div class="t_f" id="postmessage_{k}">{text}</div></td></tr></table>')
    body = "".join(post(k, PARAS[k]) for k in range(3))
    doc = run(page(f'<div id="postlist">{body}</div>'), url="https://bbs.example.org/thread-1-1-1.html")
    assert all(PARAS[k] in doc.text for k in range(3))
    lines = doc.text.split("\n")
    assert not {"主题", "帖子", "积分", "302"} & set(lines) and "在线时间" not in doc.text
    assert [s.post.author for s in doc.sections if s.post] == ["用户0", "用户1", "用户2"]
    # the post's own date, not the poster's registration date on the card
    assert [s.post.date[:16] for s in doc.sections if s.post] == [f"2023-05-0{6 + k}T12:0{k}" for k in range(3)]


def test_noscript_holding_the_thread_beside_an_app_shell_is_read() -> None:
    shell = '<div id="app"><header>还款互助社区</header><p>正在加载……</p></div>'
    inner = "".join(f"<div class='post'><p>{p}</p></div>" for p in PARAS[:3])
    doc = run(f"<html><body>{shell}<noscript><h1>论坛帖子</h1>{inner}</noscript></body></html>")
    assert all(p in doc.text for p in PARAS[:3])


def test_a_small_noscript_notice_is_still_dropped() -> None:
    doc = run(page(article(extra="<noscript>您的浏览器禁用了JavaScript，请开启后刷新页面以获得更好的阅读体验。</noscript>")))
    assert "JavaScript" not in doc.text


# a code review's cases: pages of other kinds that the thread rules must leave alone

def test_faq_boxes_with_dates_stay_an_article() -> None:
    items = "".join(f'<div class="faq-item"><h3>问题{k}：如何申请退款？</h3><p>{p}</p>'
                    f'<span class="time">更新于 2023-05-1{k}</span></div>' for k, p in enumerate(PARAS[:3]))
    doc = run(page(f'<div class="faq"><h1>常见问题</h1>{items}</div>'))
    assert doc.page_kind == "article"


def _thread(messages: list[str], names: list[str] | None = None, dates: list[str] | None = None,
            title: str = "逾期了怎么办") -> Document:
    """A thread of ``div.post`` boxes (author link, date line, message), run with a thread's address."""
    names = names or [f"网友{k}" for k in range(len(messages))]
    dates = dates or [f"发表于 2023-06-0{k + 1} 21:00" for k in range(len(messages))]
    posts = "".join(
        f'<div class="post"><div class="author"><a href="/u/{k}">{n}</a></div><div class="time">{d}</div>'
        f'<div class="message">{m}</div></div>' for k, (n, d, m) in enumerate(zip(names, dates, messages, strict=True)))
    return run(page(f'<div id="thread"><h1>{title}</h1>{posts}</div>'), url="https://bbs.example.org/thread-9-1-1.html")


def test_a_bold_first_line_stays_in_its_post() -> None:
    doc = _thread([f"<p><strong>我的经验{k}</strong></p><p>{p}</p>" for k, p in enumerate(PARAS[:3])])
    starts = [s for s in doc.sections if s.post is not None]
    assert [s.post.author for s in starts] == ["网友0", "网友1", "网友2"]
    assert all(s.paragraphs for s in starts)


def test_an_article_list_of_game_stats_is_not_a_profile_card() -> None:
    stats = "<ul><li>等级：60</li><li>经验：125000</li><li>金币：3000</li></ul>"
    doc = run(page(article(extra=stats)))
    assert "等级：60" in doc.text and "金币：3000" in doc.text


def test_one_sign_box_is_a_notice_sign_off_not_a_signature() -> None:
    doc = run(page(article(extra='<div class="sign"><p>某某市交通运输局</p><p>2023年6月20日</p></div>')))
    assert "某某市交通运输局" in doc.text


def test_a_short_stock_reply_repeated_is_not_a_quote() -> None:
    replies = ["感谢楼主分享，学习了", "感谢楼主分享，学习了！收藏慢慢看"]
    doc = _thread([f"<p>{t}</p>" for t in (PARAS[0], *replies)])
    assert all(t in doc.text for t in replies)
    assert len([s for s in doc.sections if s.post is not None]) == 3


def test_a_keyword_list_in_noscript_stays_out() -> None:
    keywords = "，".join(["深圳装修公司", "深圳装修设计", "深圳家装", "深圳装修报价", "深圳旧房翻新"] * 8)
    doc = run(page(article(paras=PARAS[:2]) + f"<noscript>{keywords}</noscript>"))
    assert "深圳装修公司" not in doc.text


def _topic_with_replies(label: str) -> str:
    items = "".join(
        f'<li class="comment-item"><div class="meta"><a href="/people/u{k}">网友{k}</a>'
        f'{"<span>" + label + "</span>" if k == 1 else ""} <span>2023-04-1{k} 21:15</span></div>'
        f'<p class="reply-content">{p}</p></li>' for k, p in enumerate(PARAS[1:4]))
    return page(f'<div class="main"><h1>被催收打电话到老家，我该怎么办</h1><div class="topic-content"><p>{PARAS[0]}</p>'
                f'<p>{PARAS[4]}</p></div><ul id="comments" class="comments">{items}</ul></div>')


def test_replies_labelled_as_the_starters_make_a_thread() -> None:
    doc = run(_topic_with_replies("楼主"))
    assert doc.page_kind == "thread" and not doc.comments
    assert all(p in doc.text for p in PARAS[1:4])


def test_comments_without_a_starter_label_stay_comments() -> None:
    doc = run(_topic_with_replies("作者"))  # an article's author answering under it
    assert doc.page_kind == "article" and len(doc.comments) == 3
    assert PARAS[1] not in doc.text


def test_a_category_tag_before_the_title_is_a_title_copy() -> None:
    doc = run(page(article(paras=["[求助] 乡村环境整治见成效", *PARAS])))
    assert "[求助]" not in doc.text


def test_answerer_cards_of_a_lawyer_qa_page_go() -> None:
    answers = "".join(
        f'<div class="answer-item"><div class="lawyer-card"><a href="/lawyer/{k}">{n}金牌律师</a><p>{firm}律师事务所</p></div>'
        f'<span class="time">2023-04-1{k} 19:40</span><div class="answer-text"><p>{p}</p></div></div>'
        for k, (n, firm, p) in enumerate((("王建峰", "湖北楚衡", PARAS[1]), ("李晓敏", "广东粤衡", PARAS[2]),
                                           ("陈立群", "浙江明衡", PARAS[3]))))
    doc = run(page(f'<div class="question"><h1>花呗逾期一年多会被起诉吗</h1><p>{PARAS[0]}</p></div>'
                   f'<div class="answers">{answers}</div>'), url="https://www.example.com/ask/question_1.html")
    assert all(p in doc.text for p in PARAS[:4])
    assert "律师事务所" not in doc.text and "金牌律师" not in doc.text
    posts = [s.post for s in doc.sections if s.post is not None]
    assert [(p.author, p.role) for p in posts] == [(n, "金牌律师") for n in ("王建峰", "李晓敏", "陈立群")]


def test_script_hook_classes_name_no_region() -> None:
    """"js-replyNewMessageContainer" is a script hook on a thread's post list, not a reply region."""
    posts = "".join(
        f'<article class="message js-post"><div class="message-user"><a href="/members/u.{k}/">网友{k}</a></div>'
        f'<time datetime="2023-05-0{k + 1}T12:00:00+0800">5月{k + 1}日</time>'
        f'<div class="message-body js-selectToQuote"><p>{p}</p></div></article>' for k, p in enumerate(PARAS[:3]))
    doc = run(page(f'<h1>逾期了怎么办</h1><div class="block-body js-replyNewMessageContainer">{posts}</div>'))
    assert all(p in doc.text for p in PARAS[:3])
    assert [s.post.author for s in doc.sections if s.post] == ["网友0", "网友1", "网友2"]


def test_a_comment_quoting_another_keeps_its_own_words_only() -> None:
    quote = f'<div class="reply-quote">{PARAS[1]}</div>'
    items = "".join(
        f'<li class="comment-item"><span class="uname">网友{k}</span> <span class="time">2024-11-2{k} 10:00</span>'
        f'{quote if k == 1 else ""}<p>{p}</p></li>' for k, p in enumerate(PARAS[1:3]))
    doc = run(page(article(paras=PARAS[:1] + PARAS[3:]) + f'<ul class="comments">{items}</ul>'))
    texts = [c.text for c in doc.comments]
    assert texts == [PARAS[1], PARAS[2]]


def test_a_posts_own_header_line_in_an_unknown_date_form_goes() -> None:
    posts = "".join(
        f'<div class="topic-body crawler-post"><div class="crawler-post-meta"><span itemprop="author">'
        f'<a href="/u/user{k}"><span itemprop="name">user{k}</span></a></span>'
        f'<time datetime="2023-11-0{k + 1}T08:41:10Z">十一月 {k + 1}, 2023, 8:41上午</time> {k + 1}</div>'
        f'<div class="post"><p>{p}</p></div></div>' for k, p in enumerate(PARAS[:3]))
    doc = run(page(f'<div id="main-outlet"><h1>逾期了怎么办</h1>{posts}</div>'))
    assert [s.post.author for s in doc.sections if s.post] == ["user0", "user1", "user2"]
    assert "十一月" not in doc.text


def test_an_opening_post_with_a_class_more_and_labelled_authors() -> None:
    """Tianya-style: "atl-item host-item" opens, "atl-item" replies; "作者：name" and "时间：…" label the meta."""
    def item(k: int, text: str) -> str:
        cls = "atl-item host-item" if k == 0 else "atl-item"
        return (f'<div class="{cls}"><div class="atl-info"><span>作者：<a href="http://bbs.example.cn/{k}">网友{k}</a></span>'
                f'<span>时间：2022-09-1{k} 22:53:40</span></div><div class="bbs-content">{text}</div></div>')
    doc = run(page('<div class="atl-main"><h1>逾期了怎么办</h1>' + "".join(item(k, p) for k, p in enumerate(PARAS[:4]))
                   + "</div>"))
    posts = [s.post for s in doc.sections if s.post is not None]
    assert [p.author for p in posts] == [f"网友{k}" for k in range(4)]
    assert [p.date[:16] for p in posts] == [f"2022-09-1{k}T22:53" for k in range(4)]


# a second review's cases

def _news_with_comments(comment_list_attrs: str, comment: str = "这个线路开通后确实方便多了，点赞。") -> str:
    items = "".join(
        f'<div class="item"><div><a href="/u/{k}">读者{k}</a> <span>2023-06-12 10:2{k}</span></div><p>{c}</p></div>'
        for k, c in enumerate([comment, "希望早点把末班车时间延后一些，晚上加班回家不方便。", "支持，期待二期工程。"]))
    return page(article() + f"<div {comment_list_attrs}>{items}</div>")


@pytest.mark.parametrize("attrs", ['class="js-comment-list"', 'id="js-comments"', 'class="js-comment-box"'])
def test_hyphenated_script_hooks_still_name_a_comment_region(attrs) -> None:
    doc = run(_news_with_comments(attrs))
    assert doc.page_kind == "article" and len(doc.comments) == 3
    assert "末班车" not in doc.text


def test_op_in_a_readers_comment_does_not_make_a_thread() -> None:
    doc = run(_news_with_comments('class="comment-list"', comment="这个角色太 OP 了，谢谢 楼主 分享。"))
    assert doc.page_kind == "article" and len(doc.comments) == 3


def test_a_page_wide_quote_wrapper_hides_no_comments() -> None:
    html = _news_with_comments('class="comment-list"').replace("<body>", '<body><div class="quote-page">', 1)
    doc = run(html.replace("</body>", "</div></body>", 1))
    assert len(doc.comments) == 3


def test_plain_mentions_of_lawyers_are_not_answerer_cards() -> None:
    from pipeline.extract.meta_line import is_answerer_card_line

    assert is_answerer_card_line("王建峰金牌律师") and is_answerer_card_line("湖北楚衡律师事务所")
    assert is_answerer_card_line("王磊认证理财师")  # other professions' Q&A sites print the same card
    assert is_answerer_card_line("理财小马哥优质财经领域创作者")  # a self-media answerer's name and title
    assert not is_answerer_card_line("我是财经领域创作者")
    assert not any(is_answerer_card_line(t) for t in ("建议咨询认证理财师", "感谢这位优质财经领域创作者", "可以找资深理财师"))
    assert not any(is_answerer_card_line(t) for t in ("请教理财师", "谢谢理财师", "找个理财规划师"))
    assert not any(is_answerer_card_line(t) for t in ("建议咨询当地律师", "谢谢律师", "咨询专业律师", "张三律师"))


def test_a_first_line_naming_the_poster_without_a_date_stays() -> None:
    doc = _thread([f"<p>小米14 Pro 使用报告第{k + 1}篇</p><p>{p}</p>" for k, p in enumerate(PARAS[:3])],
                  names=["小米"] * 3, title="小米14使用报告")
    assert "小米14 Pro 使用报告第2篇" in doc.text


def test_an_edit_stamp_is_not_the_posts_date() -> None:
    doc = _thread([f'<i class="pstatus">本帖最后由 网友{k} 于 2023-5-1{k} 12:00 编辑</i><p>{p}</p>'
                   for k, p in enumerate(PARAS[:3])], dates=[f"2023-05-0{k + 1}" for k in range(3)])
    assert [s.post.date for s in doc.sections if s.post] == [f"2023-05-0{k + 1}" for k in range(3)]


def test_a_long_paragraph_opening_with_figure_is_content() -> None:
    long_para = "图：记者在现场看到，早高峰时段的接驳车上乘客不多，车辆按时刻表准点发车。随后记者又走访了沿线的三个站点，情况大体相同。"
    doc = run(page(article(extra=f"<p>{long_para}</p><p>图：整理好的欠款明细表（示意）</p>")))
    assert long_para in doc.text and "欠款明细表" not in doc.text


def test_a_starter_label_beside_the_opening_posts_name_makes_a_thread() -> None:
    html = _topic_with_replies("").replace(
        '<div class="topic-content">', '<div class="topic-user"><a href="/people/op">夜跑的老周</a><span class="tip">楼主</span>'
        '<span>2023-05-06 12:01</span></div><div class="topic-content">', 1)
    doc = run(html)
    assert doc.page_kind == "thread" and not doc.comments
    assert all(p in doc.text for p in PARAS[1:4])


def test_a_reply_of_several_paragraphs_under_one_meta_line_is_one_comment() -> None:
    items = "".join(
        f'<div class="comment-item"><div class="meta"><a class="user-name" href="/u/{k}">读者{k}</a></div>'
        f'<div class="meta2"><span>2023-05-06 12:1{k}</span><span>浙江</span><span>{k + 1}楼</span></div>'
        + "".join(f"<p>{p}</p>" for p in ps) + "</div>"
        for k, ps in enumerate([PARAS[1:3], PARAS[3:4]]))
    doc = run(page(article(paras=PARAS[:1] + PARAS[4:]) + f'<div class="comment-list">{items}</div>'))
    assert [(c.author, c.text) for c in doc.comments] == [("读者0", f"{PARAS[1]}\n{PARAS[2]}"), ("读者1", PARAS[3])]
    assert doc.comments[0].date.startswith("2023-05-06T12:10")


def test_profile_fields_glued_on_one_line_and_quote_headers_leave_posts() -> None:
    from pipeline.extract.html.posts import _QUOTE_HEADER
    from pipeline.extract.meta_line import is_profile_field_line

    assert is_profile_field_line("文章 1,204積分 3,876註冊 2011-03") and is_profile_field_line("在线时间 3 小时")
    assert not is_profile_field_line("文章写得很好，积分规则也清楚。")
    assert _QUOTE_HEADER.fullmatch("阿德123 wrote:") and _QUOTE_HEADER.fullmatch("引用 @巴特勒的咖啡 发表的：")
    assert not _QUOTE_HEADER.fullmatch("他在信里写道：我会按时还款。")


def test_page_sections_sharing_a_class_are_not_posts() -> None:
    """"pl bm" / "pl bm bmw" / "bm" are a Discuz page's sections, none repeated: the post list is inside one."""
    posts = "".join(
        f'<div id="post_{k}"><table id="pid{k}" class="plhin"><tr><td class="pls"><div class="authi">'
        f'<a href="home.php?mod=space&amp;uid={k}">网友{k}</a></div></td><td class="plc"><div class="pi">'
        f'<em>发表于 2023-5-6 12:0{k}</em></div><div class="pct"><div class="t_fsz"><table><tr>'
        f'<td class="t_f" id="postmessage_{k}">{p}</td></tr></table></div></div></td></tr></table></div>'
        for k, p in enumerate(PARAS[:3]))
    body = (f'<div class="pl bm" id="postlist">{posts}</div><div class="pl bm bmw" id="f_pst"><p>快速回复</p></div>'
            '<div class="bm"><p>相关帖子</p></div>')
    doc = run(page(f"<h1>逾期了怎么办</h1>{body}"), url="https://bbs.example.org/thread-9-1-1.html")
    assert [s.post.author for s in doc.sections if s.post] == ["网友0", "网友1", "网友2"]


def test_forum_attachment_and_thread_count_lines_are_furniture() -> None:
    from pipeline.extract.html.cues import classify_line

    assert classify_line("微信图片_20230506115722.jpg (142.35 KB, 下载次数: 7)") == "widget"
    assert classify_line("查看: 2617|回复: 6") == "widget"
    assert classify_line("我把截图.jpg发给客服了（2张），对方说要核实。") is None


def test_traditional_profile_cards_are_cards() -> None:
    from pipeline.extract.meta_line import profile_card_lines

    assert profile_card_lines(["UID", "2093388", "帖子", "6120", "積分", "9873", "註冊時間", "2015-3-2"]) == set(range(8))


def test_labels_in_the_name_place_are_roles_not_authors() -> None:
    items = "".join(
        f'<div class="comment-item"><div class="meta">{who} {when}</div><p>{p}</p></div>'
        for who, when, p in (("追问", "2023-05-08 10:40", PARAS[1]), ("回复", "2023-05-08 10:52", PARAS[2]),
                             ("读者甲", "2023-05-08 11:05", PARAS[3])))
    doc = run(page(article(paras=PARAS[:1] + PARAS[4:]) + f'<div class="comment-list">{items}</div>'))
    assert [(c.author, c.role) for c in doc.comments] == [(None, "追问"), (None, "回复"), ("读者甲", None)]


def test_posters_names_over_their_date_lines_go_without_a_template() -> None:
    """Hashed class names name nothing: the name over a dated line with a time, then words, twice or more."""
    replies = [("國立臺北科技大學", "B1 · 3月6日 20:58", "我也是卡債族，前置協商真的可以談，記得先準備收入證明。"),
               ("輔仁大學", "B2 · 3月6日 21:07", "討債公司打到公司是違法的，可以錄音之後向金管會檢舉。"),
               ("國立中興大學", "B3 · 3月7日 09:15", "建議直接找最大債權銀行談，利率可以降到很低。")]
    comments = "".join(f'<div class="sc-a1b2"><div class="sc-c3d4">{n}</div><div class="sc-e5f6">{m}</div>'
                       f'<div class="sc-g7h8">{t}</div></div>' for n, m, t in replies)
    body = "".join(f'<div class="sc-x9y8">{p}</div>' for p in PARAS)
    doc = run(page(f'<div class="sc-k1l2"><h1>乡村环境整治见成效</h1>{body}<div class="sc-m3n4">{comments}</div></div>'))
    text = doc.text + "\n".join(c.text for c in doc.comments)
    assert all(t in text for _n, _m, t in replies)
    assert not any(n in doc.text for n, _m, _t in replies)
    assert "B1 · 3月6日" not in doc.text
    assert all(p in doc.text for p in PARAS)


def test_a_dated_heading_over_a_paragraph_is_not_a_poster() -> None:
    """One name-over-date pair is a heading and its dated paragraph; the rule needs two."""
    body = "".join(f"<p>{p}</p>" for p in PARAS[:2]) + "<p>第一阶段</p><p>2023年3月6日 20:58</p>" + "".join(
        f"<p>{p}</p>" for p in PARAS[2:])
    doc = run(page(f'<div class="main"><h1>乡村环境整治见成效</h1><div class="article-body">{body}</div></div>'))
    assert "第一阶段" in doc.text


def _card(uid: str, posts: str, points: str) -> str:
    return "".join(f"<p>{x}</p>" for x in ("UID", uid, "帖子", posts, "積分", points, "註冊時間", "2015-3-2"))


def test_profile_cards_go_from_a_thread_no_template_names() -> None:
    """Two cards or more in one run of paragraphs are a thread's, found or not as posts."""
    body = f"<p>{PARAS[0]}</p>" + _card("2093388", "6120", "9873") + "".join(f"<p>{p}</p>" for p in PARAS[1:3]) + _card(
        "5520914", "902", "1166") + "".join(f"<p>{p}</p>" for p in PARAS[3:])
    doc = run(page(f'<div class="main"><h1>乡村环境整治见成效</h1><div class="article-body">{body}</div></div>'))
    assert all(p in doc.text for p in PARAS)
    assert not any(x in doc.text for x in ("UID", "2093388", "積分", "註冊時間"))


def test_one_list_of_figures_in_an_article_stays() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAS[:3]) + _card("2093388", "6120", "9873") + "".join(
        f"<p>{p}</p>" for p in PARAS[3:])
    doc = run(page(f'<div class="main"><h1>乡村环境整治见成效</h1><div class="article-body">{body}</div></div>'))
    assert "2093388" in doc.text


@pytest.mark.parametrize(("attrs", "family"), [
    ("basic-info J-basic-info", "sidebar"),  # a wiki's infobox
    ("basicInfo-block", "sidebar"),
    ("side-bar", "sidebar"),
    ("site-info", "footer"),
    ("news-list", "related"),
    ("tool-bar", "share"),
    ("ad-box", "ad"),
    ("edit-section", "noise"),
    ("credit-section", None),  # a word inside a longer one names nothing
    ("lead-box", None),
    ("download-box", None),
])
def test_hyphenated_and_camel_cased_class_names_name_their_region(attrs: str, family: str) -> None:
    """Class names are read as words ("basic-info", "basicInfo" -> "basic info"): the cues match the words."""
    from pipeline.extract.html.cues import _attr_family

    assert _attr_family(attrs) == family


def test_linked_headlines_under_a_reading_label_inside_the_article_go() -> None:
    box = ('<p><strong>延伸阅读</strong><br><a href="/n/1">►信用卡循环利息怎么算？一张表看懂最低还款的代价</a><br>'
           '<a href="/n/2">►接到“法院公文”短信要你汇款？警方：诈骗新手法</a></p>')
    body = "".join(f"<p>{p}</p>" for p in PARAS[:2]) + box + "".join(f"<p>{p}</p>" for p in PARAS[2:])
    doc = run(page(f'<div class="main"><h1>乡村环境整治见成效</h1><div class="article-body">{body}</div></div>'))
    assert doc.paragraphs == PARAS
    assert "循环利息" not in doc.text


def test_a_marked_photo_caption_with_its_credit_goes() -> None:
    cap = "<p><strong>▲村民在新修的道路旁清扫落叶。（示意图／记者王某摄）</strong></p>"
    body = "".join(f"<p>{p}</p>" for p in PARAS[:2]) + cap + "".join(f"<p>{p}</p>" for p in PARAS[2:])
    doc = run(page(f'<div class="main"><h1>乡村环境整治见成效</h1><div class="article-body">{body}</div></div>'))
    assert doc.paragraphs == PARAS
    assert all(s.heading is None or "▲" not in s.heading for s in doc.sections)


def test_an_edit_note_without_its_date_leaves_the_post() -> None:
    from pipeline.extract.html.posts import _EDIT_NOTE

    assert _EDIT_NOTE.fullmatch("星河 最后由 编辑") and _EDIT_NOTE.fullmatch("本帖最后由 星河 于 2023-5-6 12:30 编辑")
    assert not _EDIT_NOTE.fullmatch("最后由我来编辑这份协议，大家看看有没有问题")


def test_one_teaser_with_its_label_does_not_end_the_article() -> None:
    """"延伸阅读：某文" late in an article, with prose after it: one teaser goes, the article goes on."""
    body = "".join(f"<p>{p}</p>" for p in PARAS[:4]) + "<p>延伸阅读：信用卡逾期后怎样与银行协商还款</p>" + f"<p>{PARAS[4]}</p>"
    doc = run(page(f'<div class="main"><h1>乡村环境整治见成效</h1><div class="article-body">{body}</div></div>'))
    assert doc.paragraphs == PARAS


def test_a_count_alone_on_its_line_is_a_widget() -> None:
    body = "".join(f"<p>{p}</p><p>{n}</p>" for p, n in zip(PARAS, ("12", "0", "5", "3", "7"), strict=True))
    doc = run(page(f'<div class="main"><h1>乡村环境整治见成效</h1><div class="article-body">{body}</div></div>'))
    assert doc.paragraphs == PARAS


def test_a_posters_rank_alone_is_a_card_field() -> None:
    from pipeline.extract.meta_line import is_profile_field_line

    assert all(is_profile_field_line(t) for t in ("资深会员", "新手上路", "版主", "Lv.5"))
    assert not any(is_profile_field_line(t) for t in ("我是资深会员了", "会员"))


def test_a_reading_box_late_in_the_article_does_not_end_it() -> None:
    """A bare "延伸阅读" label with its linked headlines in the second half, then the article again."""
    box = ('<p>延伸阅读</p><p><a href="/n/1">冒名“法务部”催债 讨债集团恐吓债务人家属遭起诉</a></p>'
           '<p><a href="/n/2">信用卡循环利率上限下调 民众可主动申请调降</a></p>')
    body = "".join(f"<p>{p}</p>" for p in PARAS[:4]) + box + f"<p>{PARAS[4]}</p>"
    doc = run(page(f'<div class="main"><h1>乡村环境整治见成效</h1><div class="article-body">{body}</div></div>'))
    assert doc.paragraphs == PARAS
    assert "讨债集团" not in doc.text


def _answer(k: int, name: str, when: str, text: str, follow: str = "") -> str:
    return (f'<div class="answer-item" id="answer_{k}"><div class="lawyer-card"><a class="lawyer-name" '
            f'href="/lawyer/{k}/">{name}</a></div><div class="answer-content"><p>{text}</p></div>'
            f'<div class="answer-foot"><span class="time">{when}</span> <a href="#">有帮助(<em>9</em>)</a> '
            f'<a href="#">举报</a></div>{follow}</div>')


def test_follow_up_questions_under_one_answer_do_not_swallow_the_next_answers() -> None:
    """Dated 追问/回复 lines after an answer's words, with more answers after it, are that answer's
    follow-ups, not a comment section closing the page."""
    follow = "".join(
        f'<div class="zw-item"><div class="zw-hd"><span>追问</span><span>用户135****882{k}</span>'
        f'<span>2023-05-06 12:{40 + 2 * k}</span></div><p>谢谢律师，那我现在只能先还三千，还能谈吗？第{k}次追问。</p></div>'
        f'<div class="zw-item"><div class="zw-hd"><span>律师回复</span><span>骆律师</span>'
        f'<span>2023-05-06 12:{41 + 2 * k}</span></div><p>可以再谈，如实说明情况并提出每月固定还款的方案。</p></div>'
        for k in range(3))
    answers = [_answer(1, "骆律师", "2023-05-06 12:26", PARAS[1], follow),
               _answer(2, "唐律师", "2023-05-06 13:20", PARAS[2]), _answer(3, "方律师", "2023-05-06 14:02", PARAS[3])]
    body = (f'<div class="question"><h1>乡村环境整治见成效</h1><p>{PARAS[0]}</p></div>'
            f'<div class="answer-wrap">{"".join(answers)}</div>')
    doc = run(page(f'<div class="main">{body}</div>'))
    assert all(p in doc.text for p in PARAS[:4])


def _debt_post(name: str, when: str, figures: list[str], words: str) -> str:
    lines = "".join(f"<p>{x}</p>" for x in figures)
    return (f'<div class="post"><div class="pls"><a class="xw1" href="/space-uid-{len(name)}.html">{name}</a></div>'
            f'<div class="plc"><div class="pi">发表于 {when}</div><div class="t_f">{lines}<p>{words}</p></div></div></div>')


def test_figures_every_post_lists_in_its_own_words_are_the_words() -> None:
    """A "晒负债" thread: each post opens with the same labels and the poster's figures, inside its message."""
    posts = [_debt_post("小林", "2023-05-06 12:01", ["总负债：23万", "信用卡：6张", "网贷：9万"], PARAS[0]),
             _debt_post("老周", "2023-05-06 12:14", ["总负债：8万", "信用卡：2张", "网贷：3万"], PARAS[1]),
             _debt_post("阿强", "2023-05-06 12:20", ["总负债：15万", "信用卡：4张", "网贷：6万"], PARAS[2])]
    doc = run(page(f'<div class="main"><h1>乡村环境整治见成效</h1><div class="postlist">{"".join(posts)}</div></div>'))
    assert "总负债：23万" in doc.text and "网贷：3万" in doc.text
    assert all(p in doc.text for p in PARAS[:3])


def test_a_notices_two_persons_are_no_posters_cards() -> None:
    persons = "".join(f"<p>被执行人：{n}</p><p>性别：男</p><p>生日：1978年5月</p><p>所在地：某某镇</p>" for n in ("张某", "李某"))
    body = f"<p>{PARAS[0]}</p>{persons}" + "".join(f"<p>{p}</p>" for p in PARAS[1:])
    doc = run(page(f'<div class="main"><h1>乡村环境整治见成效</h1><div class="article-body">{body}</div></div>'))
    assert doc.text.count("生日：1978年5月") == 2


def test_year_headings_are_no_counts() -> None:
    body = "".join(f"<h3>{y}</h3><p>{p}</p>" for y, p in zip(("2014", "2017", "2020", "2022", "2024"), PARAS, strict=True))
    doc = run(page(f'<div class="main"><h1>乡村环境整治见成效</h1><div class="article-body">{body}</div></div>'))
    assert [s.heading for s in doc.sections if s.heading] == ["2014", "2017", "2020", "2022", "2024"]


def test_a_senders_heading_over_a_quoted_dated_text_stays() -> None:
    sms = "".join(f"<h3>{n}</h3><p>2024-03-06 20:5{k}</p><p>您的欠款已严重逾期，请于今日内还款，否则将上报征信并联系您的紧急联系人。</p>"
                  for k, n in enumerate(("某消费金融公司", "某网贷平台")))
    body = f"<p>{PARAS[0]}</p>{sms}" + "".join(f"<p>{p}</p>" for p in PARAS[1:])
    doc = run(page(f'<div class="main"><h1>乡村环境整治见成效</h1><div class="article-body">{body}</div></div>'))
    assert "某消费金融公司" in doc.text and "某网贷平台" in doc.text


def test_a_comment_that_never_closes_does_not_turn_the_page_into_raw_markup():
    html = page("\n<!--" + article())
    doc = run(html)
    assert doc.status != "quarantined"
    assert "<!--" not in doc.text and "<div" not in doc.text
    assert "农村人居环境整治" in doc.text


def test_a_rubys_reading_is_not_text_with_or_without_its_brackets():
    """``<rt>`` holds a reading (pinyin, zhuyin); without ``<rp>`` it was glued to the text (``催cuī收shōu``)."""
    ruby = "<ruby>催<rt>cuī</rt></ruby><ruby>收<rp>(</rp><rt>shōu</rt><rp>)</rp></ruby>"
    doc = run(page(article([*PARAS[:2], f"{ruby}人员上门时，先要求对方出示证件和委托书，再决定是否沟通。"])))
    assert doc.paragraphs[-1] == "催收人员上门时，先要求对方出示证件和委托书，再决定是否沟通。"
