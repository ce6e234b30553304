"""HTML metadata: meta tags, Open Graph, JSON-LD, <time>, title suffixes, text cues."""

from __future__ import annotations

import pytest

from pipeline.config import Settings
from pipeline.extract.html import extract_html
from pipeline.extract.html_meta import split_title
from pipeline.record import Document

BODY = "".join(
    f"<p>{p}</p>"
    for p in (
        "今年以来，当地持续推进农村人居环境整治，村容村貌发生了明显变化，村民的获得感不断增强。",
        "记者在现场看到，新修的道路两旁种满了花草，垃圾分类收集点整齐排列，保洁员正在清扫路面。",
        "专家表示，农村环境治理需要长效机制，既要有资金投入，也要充分调动村民的积极性和主动性。",
    )
)


def run(head: str = "", top: str = "", url: str | None = None) -> Document:
    html = f"<html><head>{head}</head><body>{top}<div class='article'>{BODY}</div></body></html>"
    doc = Document(path="m.html", media_type="html", raw=html, url=url)
    extract_html(doc, Settings())
    return doc


@pytest.mark.parametrize(
    "raw,title,site",
    [
        ("乡村环境整治见成效_示例网", "乡村环境整治见成效", "示例网"),
        ("乡村环境整治见成效 - 示例日报", "乡村环境整治见成效", "示例日报"),
        ("乡村环境整治见成效|示例新闻网", "乡村环境整治见成效", "示例新闻网"),
        ("乡村环境整治见成效_地方_示例网", "乡村环境整治见成效", "示例网"),
        ("示例博客 » 乡村环境整治见成效", "乡村环境整治见成效", "示例博客"),
        ("乡村环境整治见成效-新华网", "乡村环境整治见成效", "新华网"),
        ("蔡某某_示例百科", "蔡某某", "示例百科"),
        ("乡村环境整治见成效", "乡村环境整治见成效", None),
        # a board software's credit names no site
        ("协商还款求助(页 1) - 债务问答 - 某某论坛 - powered by Discuz! Archiver", "协商还款求助", "某某论坛"),
        ("协商还款求助_某某论坛_Powered by phpwind", "协商还款求助", "某某论坛"),
        ("某某论坛 - Powered by Discuz!", "某某论坛", None),
        ("网贷逾期被催收怎么办_【快资讯】", "网贷逾期被催收怎么办", "快资讯"),
        ("民间资本路在何方-某某财经", "民间资本路在何方", "某某财经"),  # a portal's channel
        # a headline after its column: the part with a comma is no site's name
        ("书记市长这一周 | 奋马扬鞭争春色，实干开局", "书记市长这一周 | 奋马扬鞭争春色，实干开局", None),
        ("Empowered by AI：协商还款的新工具", "Empowered by AI：协商还款的新工具", None),
    ],
)
def test_split_title(raw, title, site):
    assert split_title(raw) == (title, site)


def test_og_title_and_site_name():
    doc = run(
        '<title>乡村环境整治见成效_频道_示例网</title><meta property="og:title" content="乡村环境整治见成效">'
        '<meta property="og:site_name" content="示例网站">'
    )
    assert doc.title == "乡村环境整治见成效"
    assert doc.site_name == "示例网站"


def test_a_tagged_h1_shows_where_an_unspaced_site_suffix_starts():
    doc = run("<title>乡村环境整治见成效-杭州19楼</title>", top="<h1>[求助]乡村环境整治见成效</h1>")
    assert doc.title == "乡村环境整治见成效"
    assert doc.site_name == "杭州19楼"
    doc = run("<title>乡村环境整治见成效-杭州19楼</title>")  # without the h1 the suffix is not site-like: kept
    assert doc.title == "乡村环境整治见成效-杭州19楼"
    doc = run("<title>网贷逾期三年-我是怎么一步步上岸的</title>", top="<h1>网贷逾期三年</h1>")  # untagged: no site suffix
    assert doc.site_name != "我是怎么一步步上岸的"


def test_h1_that_is_the_title_part_wins_over_decorated_title():
    doc = run("<title>乡村环境整治见成效 | 示例网</title>", top="<h1>乡村环境整治见成效</h1>")
    assert doc.title == "乡村环境整治见成效"
    assert doc.site_name == "示例网"


def test_logo_h1_is_not_the_title():
    doc = run("<title>乡村环境整治见成效 示例网</title>", top="<h1>示例网</h1>")
    assert doc.title == "乡村环境整治见成效"
    assert doc.site_name == "示例网"


def test_meta_published_time_naive_is_shanghai():
    doc = run('<meta property="article:published_time" content="2024-05-20 08:30:00">')
    assert doc.published_at == "2024-05-20T08:30:00+08:00"


def test_meta_published_time_with_zone_is_kept():
    doc = run('<meta property="article:published_time" content="2024-05-20T00:30:00Z">')
    assert doc.published_at is not None and doc.published_at.startswith("2024-05-20T00:30:00")
    assert doc.published_at.endswith(("Z", "+00:00"))


def test_pubdate_meta_name():
    doc = run('<meta name="pubdate" content="2023-01-02T09:05:00+08:00">')
    assert doc.published_at == "2023-01-02T09:05:00+08:00"


def test_a_minguo_date_line_under_the_title():
    """A Taiwan government page dates its notice in the 民國 calendar, beside its issuing unit."""
    doc = run(top="<h1>乡村环境整治见成效</h1><div class='info'>發布日期：民國113年5月2日　發布單位：農業處</div>")
    assert doc.published_at == "2024-05-02"


def test_json_ld_date_author_headline():
    ld = (
        '<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@context":"https://schema.org",'
        '"@type":"NewsArticle","headline":"乡村新貌","datePublished":"2022-02-11T08:52:00+08:00",'
        '"author":[{"name":"李四"},{"name":"王五"}],"publisher":{"name":"示例日报"}}]</script>'
    )
    doc = run(ld)
    assert doc.published_at == "2022-02-11T08:52:00+08:00"
    assert doc.author == "李四 王五"  # names are space-separated, whichever way the page lists them
    assert doc.site_name == "示例日报"
    assert doc.title == "乡村新貌"


def test_time_element_datetime():
    doc = run(
        "<title>标题文字_示例网</title>",
        top='<time datetime="2021-10-19T19:45:23+08:00">2021年10月19日</time>',
    )
    assert doc.published_at == "2021-10-19T19:45:23+08:00"


def test_date_source_and_author_text_near_title():
    top = "<h1>乡村环境整治见成效</h1><div class='info'>2024年05月20日 08:30 来源：示例日报 作者：张三</div>"
    doc = run("<title>乡村环境整治见成效_示例网</title>", top=top)
    assert doc.published_at == "2024-05-20T08:30:00+08:00"
    assert doc.source_name == "示例日报"
    assert doc.author == "张三"
    assert "来源" not in doc.text  # the dateline is not body text


def test_numeric_or_software_meta_author_is_ignored():
    assert run('<meta name="author" content="105464">').author is None
    assert run('<meta name="author" content="Discuz! Team and Comsenz UI Team">').author is None


def test_canonical_link_og_url_and_fallback():
    assert run(
        '<link rel="canonical" href="/a/1.html">', url="https://ex.com/a/1.html?x=1"
    ).canonical_url == ("https://ex.com/a/1.html")
    assert run('<meta property="og:url" content="https://ex.com/b">').canonical_url == "https://ex.com/b"
    assert run("", url="https://ex.com/c").canonical_url == "https://ex.com/c"


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2024-05-20T08:30:00.000+0800", "2024-05-20T08:30:00+08:00"),
        ("2024/5/20 8:30", "2024-05-20T08:30:00+08:00"),
        ("Mon, 20 May 2024 08:30:00 +0800", "2024-05-20T08:30:00+08:00"),
    ],
)
def test_meta_date_formats_are_normalised(value, expected):
    doc = run(f'<meta name="publishdate" content="{value}">')
    assert doc.published_at == expected


def test_unparseable_meta_date_falls_back_to_visible_dateline():
    top = "<h1>乡村环境整治见成效</h1><p>发布时间：2023-03-04 10:00</p>"
    doc = run('<title>乡村环境整治见成效_示例网</title><meta name="pubdate" content="yesterday">', top=top)
    assert doc.published_at == "2023-03-04T10:00:00+08:00"


def test_absurdly_nested_json_ld_is_ignored_and_the_page_kept():
    """A JSON-LD block nested past the parser's recursion limit used to cost the page ('internal error')."""
    doc = run('<script type="application/ld+json">' + "[" * 1200 + "]" * 1200 + "</script>")
    assert doc.status != "quarantined"
    assert "农村人居环境整治" in doc.text


def test_deeply_nested_json_ld_author_is_not_followed():
    author = '{"name":' * 300 + '"李四"' + "}" * 300
    doc = run(f'<script type="application/ld+json">{{"@type":"NewsArticle","author":{author}}}</script>')
    assert doc.author is None
    assert "农村人居环境整治" in doc.text


def test_json_ld_body_over_the_body_cap_falls_back_to_the_visible_text():
    body = "这是一句很长的正文。" * 2000
    head = f'<script type="application/ld+json">{{"@type":"NewsArticle","articleBody":"{body}"}}</script>'
    html = f"<html><head>{head}</head><body><div class='article'>{BODY}</div></body></html>"
    doc = Document(path="m.html", media_type="html", raw=html)
    extract_html(doc, Settings.model_validate({"extract": {"max_body_chars": 10_000}}))
    assert "body_from_json_ld" not in doc.flags
    assert "农村人居环境整治" in doc.text and "这是一句很长的正文" not in doc.text


def test_an_editor_filed_as_meta_author_is_not_the_author() -> None:
    head = "<meta charset='utf-8'><meta name='author' content='张某某'><title>乡村环境整治见成效_示例网</title>"
    top = "<h1>乡村环境整治见成效</h1><p>新华社北京5月19日电（周敏、吴刚）</p>"
    html = (f"<html><head>{head}</head><body>{top}<div class='article'>{BODY}</div>"
            "<p>责任编辑：张某某</p></body></html>")
    doc = Document(path="m.html", media_type="html", raw=html)
    extract_html(doc, Settings())
    assert doc.author == "周敏 吴刚"
    assert run("<meta charset='utf-8'><meta name='author' content='w3school.com.cn'>").author is None


def test_the_byline_the_page_shows_wins_over_a_meta_author() -> None:
    """A CMS fills ``<meta name="author">`` with whoever uploaded the page (an editor the page may not
    name as such); the credit the reader sees names the writer."""
    head = "<meta charset='utf-8'><meta name='author' content='张某某'><title>乡村环境整治见成效_示例网</title>"
    top = "<h1>乡村环境整治见成效</h1><p>新华社北京5月19日电（记者 周敏、吴刚）</p>"
    html = f"<html><head>{head}</head><body>{top}<div class='article'>{BODY}</div></body></html>"
    doc = Document(path="m.html", media_type="html", raw=html)
    extract_html(doc, Settings())
    assert doc.author == "周敏 吴刚"
    assert run("<meta charset='utf-8'><meta name='author' content='张三'>").author == "张三"  # alone, it stands
    for shown in ("作者：佚名", "作者：未知"):  # a placeholder shown on the page leaves the tag's name standing
        doc = run("<meta charset='utf-8'><meta name='author' content='张某某'>", top=f"<h1>乡村环境整治见成效</h1><p>{shown}</p>")
        assert doc.author == "张某某"


def test_a_meta_author_that_is_the_pages_editor_under_a_desk_name_is_no_author() -> None:
    """README: an editor is never the author. The tag gave the desk and the editor's name together."""
    for name, author in (("青网校园崔宁宁", None), ("崔宁宁", None), ("王五", "王五")):
        html = (f"<html><head><meta charset='utf-8'><meta name='author' content='{name}'></head><body>"
                f"<h1>乡村环境整治见成效</h1><div class='article'>{BODY}</div><div><span>责任编辑：崔宁宁</span></div>"
                "</body></html>")
        doc = Document(path="m.html", media_type="html", raw=html)
        extract_html(doc, Settings())
        assert doc.author == author, name


def test_a_government_cms_names_the_source_in_its_contentsource_meta() -> None:
    doc = run("<meta charset='utf-8'><meta name='ContentSource' content='某某日报'><title>乡村环境整治见成效_示例网</title>")
    assert doc.source_name == "某某日报"
    for junk in ("http://www.example.gov.cn", "本网", "本站"):
        assert run(f"<meta charset='utf-8'><meta name='ContentSource' content='{junk}'>").source_name is None


def test_the_notice_right_under_the_body_credits_the_piece_and_a_later_one_does_not() -> None:
    def page(after: str) -> Document:
        html = (f"<html><head><meta charset='utf-8'></head><body><h1>乡村环境整治见成效</h1><div class='article'>{BODY}"
                f"</div>{after}</body></html>")
        doc = Document(path="m.html", media_type="html", raw=html)
        extract_html(doc, Settings())
        return doc

    assert page("<p>某某健康网(www.example.net)专稿，未经书面授权请勿转载。</p>").source_name == "某某健康网"
    assert page("<ul><li><a href='/a'>相关阅读</a></li></ul><p>某某健康网专稿，未经书面授权请勿转载。</p>"
                ).source_name is None  # not the body's own notice


def test_a_byline_table_after_the_body_gives_author_and_source() -> None:
    html = (f"<html><head><meta charset='utf-8'></head><body><h1>乡村环境整治见成效</h1><div class='article'>{BODY}"
            "</div><table><tr><td>编辑：金金</td><td>来源：二十一世纪经济报道</td><td>作者：宋某 杨某</td></tr>"
            "</table></body></html>")
    doc = Document(path="m.html", media_type="html", raw=html)
    extract_html(doc, Settings())
    assert (doc.author, doc.source_name) == ("宋某 杨某", "二十一世纪经济报道")


@pytest.mark.parametrize(
    ("raw", "title"),
    [("社会资本与下岗职工的再就业(页 1)", "社会资本与下岗职工的再就业"), ("乡村环境整治见成效（第2页）_示例网", "乡村环境整治见成效"),
     ("第1页", "第1页")],
)
def test_a_page_number_is_no_part_of_the_title(raw: str, title: str) -> None:
    assert split_title(raw)[0] == title


def test_an_outlet_filed_as_meta_author_is_no_author() -> None:
    """Usually the site's own brand: not the writer, and not a source the page credits either."""
    doc = run("<meta charset='utf-8'><meta name='author' content='某某日报'><title>乡村环境整治见成效_示例网</title>")
    assert (doc.author, doc.source_name) == (None, None)
    assert run("<meta charset='utf-8'><meta name='author' content='张三'>").author == "张三"


def test_the_date_under_the_title_wins_over_one_above_it() -> None:
    def page_with(top: str) -> Document:
        html = f"<html><head><meta charset='utf-8'></head><body>{top}<div class='article'>{BODY}</div></body></html>"
        doc = Document(path="m.html", media_type="html", raw=html)
        extract_html(doc, Settings())
        return doc

    doc = page_with("<p>首页 &gt; 法律</p><p>2019-03-01</p><h1>乡村环境整治见成效</h1><p>2024-05-01 10:00 来源：人民网</p>")
    assert doc.published_at == "2024-05-01T10:00:00+08:00" and doc.source_name == "人民网"
    # a forum archive: the date only between the breadcrumb and the title
    doc = page_with("<p>某某论坛 » 学术前沿 » 乡村环境整治见成效</p><p>2003-5-29 09:07</p><h1>乡村环境整治见成效</h1>")
    assert doc.published_at == "2003-05-29T09:07:00+08:00"


def test_a_date_line_with_its_time_refines_a_meta_date_of_the_same_day() -> None:
    doc = run("<meta charset='utf-8'><meta name='publishdate' content='2017-03-10'>",
              top="<h1>乡村环境整治见成效</h1><p>2017-03-10 09:58 来源：某某网</p>")
    assert doc.published_at == "2017-03-10T09:58:00+08:00"
    doc = run("<meta charset='utf-8'><meta name='publishdate' content='2017-03-10'>",
              top="<h1>乡村环境整治见成效</h1><p>2017-03-12 09:58 来源：某某网</p>")
    assert doc.published_at.startswith("2017-03-10")  # another day: the meta tag stands


def test_the_body_s_first_sentence_date_and_a_related_list_s_byline_are_not_the_page_s() -> None:
    story = "".join(f"<p>{p}</p>" for p in ("2023年12月5日，我第一次接到催收电话，对方说要上门核实情况。",
                                             "后来我打了平台官方客服的电话，才知道那是冒充的外包公司。",
                                             "平台的客服告诉我，正规的催收不会要求把钱转到个人账户。"))
    html = (f"<html><head><meta charset='utf-8'></head><body><h1>乡村环境整治见成效</h1><div class='article'>{story}</div>"
            "<ul class='related'><li>信用卡逾期协商技巧 作者：王律师</li></ul></body></html>")
    doc = Document(path="m.html", media_type="html", raw=html)
    extract_html(doc, Settings())
    assert doc.published_at is None and doc.author is None


def test_a_closing_byline_with_its_date_and_a_brand_filed_as_author() -> None:
    html = (f"<html><head><meta charset='utf-8'></head><body><h1>乡村环境整治见成效</h1><div class='article'>{BODY}"
            "</div><div>2024-03-05 10:20 来源：某某日报 作者：李某</div></body></html>")
    doc = Document(path="m.html", media_type="html", raw=html)
    extract_html(doc, Settings())
    assert (doc.author, doc.source_name) == ("李某", "某某日报")
    doc = run("<meta charset='utf-8'><meta name='author' content='法律快车'><meta property='og:site_name' content='法律快车网'>")
    assert doc.author is None


def _page(top: str = "", under: str = "") -> Document:
    """A page with its title, ``top`` under the title, the article, and ``under`` after it."""
    html = (f"<html><head><meta charset='utf-8'></head><body><h1>乡村环境整治见成效</h1>{top}"
            f"<div class='article'>{BODY}</div>{under}</body></html>")
    doc = Document(path="m.html", media_type="html", raw=html)
    extract_html(doc, Settings())
    return doc


def test_an_element_marked_as_the_author_gives_a_name_and_nothing_else() -> None:
    assert _page("<p>2024-05-01 <span class='author'>王某某</span></p>").author == "王某某"
    assert _page("<p>2024-05-01 <span id='author_baidu'>来源：某某网 作者：李某</span></p>").author == "李某"
    # the ids of Baidu's news-source convention (pubtime_baidu, source_baidu, author_baidu) around a bare name
    assert _page("<p><span id='source_baidu'>来源：某某网</span> <span id='author_baidu'>王某帆</span></p>").author == "王某帆"
    assert _page("<p><span class='author'>成就一亿技术人!</span></p>").author is None  # a slogan
    assert _page("<div class='comment-author'><span class='author'>张某</span></div>").author is None
    # an account's name, which no surname starts, and a link to the mobile site that is none
    assert _page("<div class='article-desc'><p class='author-name'>消金观察员</p></div>").author == "消金观察员"
    assert _page("<p><a class='author-name' href='/m/'>手机版</a></p>").author is None


def test_a_post_footer_under_the_text_dates_the_post() -> None:
    """Old blog engines date a post in its footer: "发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)"."""
    doc = _page(under="<div class='footer'>发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)</div>"
                "<div class='comments'><h3>评论</h3><p># re: 很高兴入住博客堂 2004-12-28 9:45 某网友</p></div>")
    assert doc.published_at == "2004-12-27T12:40:00+08:00"


def test_a_board_that_heads_every_message_with_its_time_gives_no_footer_date() -> None:
    """A message board heads each message with "发布时间 …": the line under the body is the next message's."""
    doc = _page(under="<div>发布时间 2005/07/23 10:46:32 by 某网友</div><div>发布时间 2005/07/24 11:00:00 by 另一位网友</div>")
    assert doc.published_at is None
    # one such line alone under the body is the post's own footer
    assert _page(under="<div>发布时间 2005/07/23 10:46:32 by 某网友</div>").published_at == "2005-07-23T10:46:32+08:00"


@pytest.mark.parametrize(
    "under",
    [
        "<div class='c'>小王 发表于 2019-03-02 10:00</div><p>谢谢分享，很有用。</p>",  # a comment's header
        "<div>2楼 网友小张 发表于 2021-3-4 10:22</div>",  # a reply's
        "<div>上一篇：最高法发布民间借贷典型案例 2016-08-24</div>",  # the next article's
        "<div>相关阅读：银保监会发布催收新规（2021-03-04）</div>",
    ],
)
def test_a_line_under_the_body_that_is_not_the_post_s_footer_gives_no_date(under: str) -> None:
    """Only a line that opens with the publication's label is the post's footer (a tester's cases)."""
    assert _page(under=under).published_at is None


def test_a_byline_under_a_headline_kept_in_the_body_is_read() -> None:
    # the headline sits inside the article element, so the body starts with it; the credit two lines
    # under it is still the page's byline, not a paragraph of the body
    top = ("<h1>乡村环境整治见成效</h1><p>2024-02-26 18:12 发布于：浙江省</p>"
           "<p>原标题：农村人居环境整治见实效</p><p>东江晚报全媒体记者 孙某某</p>")
    html = f"<html><head><title>乡村环境整治见成效_示例网</title></head><body><div class='article'>{top}{BODY}</div></body></html>"
    doc = Document(path="m.html", media_type="html", raw=html)
    extract_html(doc, Settings())
    assert doc.title == "乡村环境整治见成效" and doc.author == "孙某某"


def test_a_government_cms_gives_the_headline_and_the_site_in_its_meta_tags() -> None:
    # TRS pages: "ArticleTitle" holds the bare headline (shown in an <h2>, the <title> glues the column
    # and the site on with unspaced hyphens), "SiteName" the site, which "Author" often repeats
    head = ('<title>乡村环境整治见成效-部门动态-示例市人民政府</title><meta name="ArticleTitle" content="乡村环境整治见成效">'
            '<meta name="SiteName" content="示例市人民政府"><meta name="Author" content="示例市人民政府">')
    doc = run(head, top="<h2>乡村环境整治见成效</h2>")
    assert (doc.title, doc.site_name, doc.author) == ("乡村环境整治见成效", "示例市人民政府", None)


def test_an_account_named_in_og_article_author_is_the_author() -> None:
    doc = run('<title>乡村环境整治见成效</title><meta property="og:article:author" content="乡村观察笔记">')
    assert doc.author == "乡村观察笔记"


@pytest.mark.parametrize(("under", "author"), [
    # an account's profile link in the date line under the headline (news apps' self-media pages)
    ('<p>原创 2023-08-19 07:15 · <a href="https://www.example.com/c/user/token/MS4wL/">老周聊债务</a> · 发布于 湖北</p>',
     "老周聊债务"),
    ('<p><a href="https://author.example.com/home?app_id=172">生活法律速递</a> 2023-08-19 07:15</p>', "生活法律速递"),
    # the link around the element that holds the name
    ('<div class="media-info"><a href="https://news.example.com/omn/author/8QMc"><p class="media-name">环球新媒体</p></a>'
     '<p class="media-meta">2024-05-18 16:56发布于北京</p></div>', "环球新媒体"),
    # what a profile link says when it names nobody, and a lawyer's card (an answerer)
    ('<p>2023-08-19 07:15 <a href="/u/1e7a88">查看TA的文章&gt;</a></p>', None),
    ('<p>2023-08-19 07:15 <a href="/lawyer/123">王律师</a></p>', None),
    ('<p>2023-08-19 07:15 <a href="home.php?mod=spacecp&amp;ac=usergroup">新手上路</a></p>', None),  # a rank
    ('<p>2023-08-19 07:15 <a href="/u/12">Happy理财</a></p>', "Happy理财"),  # "app" inside a name is no button
    ('<div class="userbar">欢迎您，<a href="/member/index.php?uid=88">小明同学</a></div>', None),  # the reader, logged in
    # an answer's writer, a few levels inside an element named an answer
    ('<div class="AnswerItem"><div class="meta"><span><a href="/people/lin">林间听雨</a></span></div></div>', None),
])
def test_a_profile_link_between_the_headline_and_the_body_names_the_account(under: str, author: str | None) -> None:
    assert run("<title>乡村环境整治见成效</title>", top=f"<h1>乡村环境整治见成效</h1>{under}").author == author


def test_a_question_s_asker_linked_under_the_question_is_its_author() -> None:
    question = ('<div class="question"><h1>乡村环境整治见成效</h1><div class="q-content">欠了两万多，催收说今天下午就到我家走访，'
                '我要不要开门？</div><div class="ask-info"><a href="https://www.example.com/usercenter?uid=8a3c2f">'
                '网友8a3c2f</a> | 2019-11-11 | 浏览913次</div></div>')
    assert run("<title>乡村环境整治见成效</title>", top=question).author == "网友8a3c2f"


def test_a_date_line_printed_in_pieces_under_the_headline_dates_the_page_and_leaves_the_body() -> None:
    top = ('<h1>乡村环境整治见成效</h1><div class="year through"><span>2021</span></div><div class="md">12/09</div>'
           '<div class="time">11:36</div>')
    html = f"<html><head><title>乡村环境整治见成效</title></head><body><div class='article'>{top}{BODY}</div></body></html>"
    doc = Document(path="m.html", media_type="html", raw=html)
    extract_html(doc, Settings())
    assert doc.published_at == "2021-12-09T11:36:00+08:00"
    assert doc.paragraphs[0].startswith("今年以来") and "11:36" not in doc.text


def test_a_date_line_three_lines_above_the_headline_dates_the_page() -> None:
    top = ('<div class="header-time"><span class="year"><em>2024</em></span><span class="day"><em>03</em>/<em>15</em>'
           '</span><span class="time">10:21:35</span></div><div class="source">来源：新华社</div>'
           '<div class="setFont">字体：<span>大</span><span>小</span></div><h1>乡村环境整治见成效</h1>')
    doc = run("<title>乡村环境整治见成效</title>", top=top)
    assert doc.published_at == "2024-03-15T10:21:35+08:00" and doc.source_name == "新华社"


def test_a_thread_s_type_before_the_headline_is_no_part_of_the_title() -> None:
    assert run("<title>[债务求助] 乡村环境整治见成效 - 某某论坛</title>", top="<h1>[债务求助] 乡村环境整治见成效</h1>").title \
        == "乡村环境整治见成效"
    # a bracket that is no thread type stays: a topic's "[C++]", a year
    assert run("<title>[C++]智能指针的用法</title>", top="<h1>[C++]智能指针的用法</h1>").title == "[C++]智能指针的用法"
    # a label in 【】 may be a column's or the story's own (a fandom's): kept as the page shows it
    assert run("<title>【赛马娘】情人节赠礼</title>", top="<h1>【赛马娘】情人节赠礼</h1>").title == "【赛马娘】情人节赠礼"


def test_the_headline_is_found_before_a_line_that_quotes_it() -> None:
    # a reposted blog entry: "[转载]" before the headline, its date under it, then the original's address line
    top = ("<h2>[转载]乡村环境整治见成效</h2><div>(2019-03-02 10:17:45)</div><div>转载▼</div><h3>标签：</h3>"
           "<div>网贷 家庭</div><h3>分类：</h3><div>家事</div><div>原文地址：乡村环境整治见成效作者：老兵说法</div>")
    doc = run("<title>[转载]乡村环境整治见成效_某某的博客</title>", top=top)
    assert doc.title == "乡村环境整治见成效" and doc.published_at == "2019-03-02T10:17:45+08:00"
