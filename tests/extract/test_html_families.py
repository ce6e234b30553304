"""HTML extraction: the failure families an issue named (wiki furniture, teaser feeds, content tables, comments without class names)."""

from __future__ import annotations

import pytest

from pipeline.config import Settings
from pipeline.record import Document
from tests.extract.test_html import PARAS, article, page, run
from tests.extract.test_html_posts import REPLIES

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


def test_under_a_comment_header_a_name_beside_a_date_is_a_comments_meta_line():
    """No class names and no reply word: the header says they are comments. Fifteen short comments
    outweighed the article's prose, and its header then cut nothing (it stood in the first half)."""
    replies = "".join(f"<p>用户{k} 2024-01-0{1 + k % 9} 12:{10 + k}</p><p>我也逾期了第{k}天，怎么和平台协商？</p>"
                      for k in range(15))
    body = f"<div><h1>乡村环境整治见成效</h1>{''.join(f'<p>{p}</p>' for p in PARAS[:2])}<h3>网友评论</h3>{replies}</div>"
    doc = run(f"<html><head><meta charset='utf-8'><title>t</title></head><body>{body}</body></html>")
    assert doc.paragraphs == PARAS[:2]
    assert [c.author for c in doc.comments] == [f"用户{k}" for k in range(15)]


def test_a_comment_header_right_under_the_title_heads_no_comments():
    """A "发表评论" link under the title, then dated entries: no article before it, nothing is cut."""
    entries = "".join(f"<p>用户{k} 2024-01-0{1 + k} 12:00</p><p>{p}</p>" for k, p in enumerate(PARAS))
    body = f"<div><h1>乡村环境整治见成效</h1><p>发表评论</p>{entries}</div>"
    doc = run(f"<html><head><meta charset='utf-8'><title>t</title></head><body>{body}</body></html>")
    assert doc.paragraphs[-5:] == PARAS


_LEAD = "近日，市民张先生向本报反映，他因网贷逾期，亲友接连收到催收短信，内容涉及辱骂和威胁。张先生表示，自己并非不愿还款，只是暂时失业，希望平台能够协商延期。"
_QUOTED = [("江南小雨 2024-03-05 10:21", "应该报警。"), ("北方的狼 2024-03-05 10:45", "催收也要守规矩。"),
           ("小鱼儿 2024-03-05 11:02", "支持维权。")]


def _quoting(header: str, lines: list[tuple[str, str]] = _QUOTED) -> Document:
    quoted = "".join(f"<p>{meta}</p><p>{words}</p>" for meta, words in lines)
    body = (f"<div><h1>男子欠网贷被爆通讯录</h1><p>{_LEAD}</p>{header}{quoted}<h3>律师：可向监管部门投诉</h3>"
            + "".join(f"<p>{p}</p>" for p in PARAS[:3]) + "</div>")
    return run(f"<html><head><meta charset='utf-8'><title>t</title></head><body>{body}</body></html>")


def test_a_headed_comment_section_ends_where_its_shape_does():
    """Found by a tester: the cut ran to the container's end and the article under its next heading
    went into the last comment."""
    doc = _quoting("<h3>网友评论</h3>")
    assert doc.paragraphs[-3:] == PARAS[:3]
    assert [c.text for c in doc.comments] == ["应该报警。", "催收也要守规矩。", "支持维权。"]


def test_a_headed_section_takes_its_last_comments_words_and_no_more():
    """Found by a code review: the article's paragraph between the last comment and the next heading
    went into that comment; and a last comment as long as the others lost its second paragraph."""
    doc = _quoting("<h3>网友评论</h3>", [*_QUOTED[:2], (_QUOTED[2][0], _QUOTED[2][1] + "</p><p>" + PARAS[4])])
    assert PARAS[4] in doc.paragraphs and doc.comments[-1].text == "支持维权。"
    two = [(meta, f"{words}</p><p>我也遇到过第{k}次催收，后来和平台协商成功了。") for k, (meta, words) in enumerate(_QUOTED)]
    doc = _quoting("<h3>网友评论</h3>", two)
    assert "后来和平台协商成功了" in doc.comments[-1].text and doc.paragraphs[-3:] == PARAS[:3]
    assert not any("协商成功" in p for p in doc.paragraphs)


def test_reply_words_on_the_meta_lines_under_a_header_end_the_section_too():
    """Found by a code review: with "回复" on the meta lines the older rule cut to the container's end."""
    doc = _quoting("<h3>网友评论</h3>", [(f"{meta} 回复", words) for meta, words in _QUOTED])
    assert doc.paragraphs[-3:] == PARAS[:3] and len(doc.comments) == 3


def test_an_experts_commentary_or_a_log_with_its_dates_first_is_the_articles():
    """专家评论 heads the article's own commentary; "2024-03-01 10:00 客服回复" is a log of one's own
    correspondence, its date first: both stay, as before."""
    experts = _quoting("<h2>专家评论</h2>", [("刘教授 2024-03-08 14:00", "新规明确了催收边界。"),
                                         ("陈研究员 2024-03-08 15:20", "银行要管好外包机构。"),
                                         ("王律师 2024-03-08 16:05", "持卡人可依规投诉。")])
    assert "银行要管好外包机构。" in experts.paragraphs and experts.comments == []
    log = _quoting("<h3>留言</h3>", [("2024-03-01 10:00 本人留言", "我失业了，希望分期。"),
                                   ("2024-03-01 15:30 客服回复", "请提供失业证明。"),
                                   ("2024-03-05 11:00 客服回复", "同意分12期还款。")])
    assert "同意分12期还款。" in log.paragraphs and log.comments == []


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
