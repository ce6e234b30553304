"""HTML extraction of threads: every post kept, in order, with its author and date (crafted pages)."""

from __future__ import annotations

from pipeline.record import Document
from tests.extract.test_html import FOOTER, NAV, PARAS, article, page, run

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


def test_the_starters_label_before_the_name_is_the_posts_role() -> None:
    from pipeline.extract.html.posts import _role_apart

    assert _role_apart("楼主：无奈的小张") == ("无奈的小张", "楼主")
    assert _role_apart("[楼主] 张三") == ("张三", "楼主") == _role_apart("【楼主】张三")
    assert _role_apart("OP: someone") == ("someone", "OP")
    assert _role_apart("OPPO手机用户") == ("OPPO手机用户", None)  # a name that starts like the label
    assert _role_apart("楼主") == ("楼主", None)
