"""Threads and message boards whose markup misleads the first reading (crafted pages)."""

from __future__ import annotations

from pipeline.record import Document
from tests.extract.test_html import PARAS, page, run

REPLIES = [
    "打给你领导这种肯定违规，录音截图都留好，然后向平台客服投诉催收人员。",
    "工号问过了，对方直接挂了电话，那个号码就是个普通手机号，这样投诉也有用吗？",
    "有用的，手机号加上通话时间和录音，投诉的时候一起提交，平台有义务去查外包公司。",
]


def _comment(name: str, text: str, starter: bool = False) -> str:
    label = '<span class="badge">OP</span>' if starter else ""
    return (f'<div class="comment"><div class="meta"><a href="/user/{name}/">{name}</a>{label}'
            f'<span>•</span><time datetime="2024-01-15T14:40:12Z">1y ago</time></div><p>{text}</p></div>')


def test_a_reply_labelled_as_the_starters_makes_the_comments_a_thread() -> None:
    """"name<span>OP</span>": the starter answers under the post, so the replies are the thread's posts."""
    comments = (_comment("tea_4410", REPLIES[0]) + _comment("pin_8812", REPLIES[1], starter=True)
                + _comment("tea_4410", REPLIES[2]))
    post = "".join(f"<p>{p}</p>" for p in PARAS[:3])
    doc = run(page(f'<div class="post"><h1>乡村环境整治见成效</h1>{post}</div>'
                   f'<div class="comments">{comments}</div>'))
    assert doc.page_kind == "thread" and not doc.comments
    assert all(r in doc.text for r in REPLIES)
    # "1y ago" on the page, the full date in <time datetime>; the "OP" label is no part of the name
    assert [(s.post.author, (s.post.date or "")[:10]) for s in doc.sections if s.post][1:] == [
        ("tea_4410", "2024-01-15"), ("pin_8812", "2024-01-15"), ("tea_4410", "2024-01-15")]


def test_without_the_label_the_replies_stay_comments() -> None:
    comments = "".join(_comment(f"reader{k}", r) for k, r in enumerate(REPLIES))
    post = "".join(f"<p>{p}</p>" for p in PARAS)
    doc = run(page(f'<div class="post"><h1>乡村环境整治见成效</h1>{post}</div><div class="comments">{comments}</div>'))
    assert doc.page_kind != "thread" and [c.text for c in doc.comments] == REPLIES


def test_a_message_board_whose_own_text_is_named_reply_keeps_it() -> None:
    """A citizen's message in "replyContent" and the official answer in "replyHandle": every prose
    block of the page sits under a comment-like name, and the body is no longer only the title."""
    message = "".join(f"<p>{p}</p>" for p in PARAS[:3])
    answer = "".join(f"<p>{p}</p>" for p in PARAS[3:])
    body = (f'<div class="threads-content"><h1>乡村环境整治见成效</h1>'
            f'<ul class="msg-info"><li>留言时间：2023-03-27 21:16</li><li>编号：14906532</li></ul>'
            f'<div class="replyInfo"><div class="replyInfo-tit">留言内容</div><div class="replyContent">{message}</div></div>'
            f'<div class="replyHandle"><div class="replyInfo-tit">回复内容</div>'
            f'<div class="handleContent">{answer}</div></div>'
            f'<div class="tools"><a class="btn-share" href="#">分享</a><a class="btn-fav" href="#">收藏</a></div></div>')
    doc = run(page(body))
    assert "low_confidence" not in doc.flags
    assert [p for p in doc.paragraphs if p in PARAS] == PARAS
    assert "首页" not in doc.text and "收藏" not in doc.text and "版权所有" not in doc.text


def _post(k: int, card: list[str], text: str, quote: str = "") -> str:
    fields = "".join(f"<li>{f}</li>" for f in card)
    return (f'<table class="post_table"><tr><td class="post_user"><div class="user_name">网友{k}</div>'
            f'<ul class="user_info">{fields}</ul></td><td class="post_info">{k + 1}楼发表于 2023-05-06 12:{k:02d} '
            f'只看该作者</td></tr><tr><td class="post_body"><div class="reply_content">{quote}{text}</div></td></tr>'
            '</table>')


def test_a_rank_left_alone_in_a_card_still_goes_with_it() -> None:
    """"等级：老山民" is no field a rule knows, but the card around it (积分, 帖子, 注册) is a card."""
    posts = [_post(k, [f"等级：{rank}", f"积分：{43 * k + 7}", f"帖子：{11 * k + 5}", "注册：2014-09-12"], p)
             for k, (rank, p) in enumerate(zip(("山民", "老山民", "新山民"), PARAS[:3], strict=True))]
    doc = run(page(f'<div class="thread"><h1>乡村环境整治见成效</h1>{"".join(posts)}</div>'),
              url="https://club.example.com/thread/71920590")
    assert doc.page_kind == "thread" and "山民" not in doc.text
    assert doc.paragraphs == PARAS[:3]


def test_a_quote_cut_short_with_an_ellipsis_is_the_earlier_posts() -> None:
    first = "来得及，越早越好。做过几年消费金融，说点实在的："
    cut = PARAS[1][:20] + "……"
    quote = (f'<div class="quote"><div class="quote_title">引用 <b>网友1</b> 在 2楼 的发言：</div>'
             f'<div class="quote_content">{first}<br>{cut}</div></div>')
    posts = [_post(0, [], PARAS[0]), _post(1, [], f"{first}<br>{PARAS[1]}"), _post(2, [], PARAS[2], quote=quote)]
    doc = run(page(f'<div class="thread"><h1>乡村环境整治见成效</h1>{"".join(posts)}</div>'),
              url="https://club.example.com/thread/71920590")
    assert doc.page_kind == "thread"
    assert cut not in doc.text and doc.text.count(first) == 1 and PARAS[2] in doc.text


def _floor(k: int, name: str, when: str, text: str, card: str = "") -> str:
    """A post of hashed-class forum software: "#k name • 3 日前" (the full time in an attribute)."""
    return (f'<div class="_36ZEk" data-post-id="9:{k}"><div class="_37Xy"><span class="_3SqN"><span>#</span>{k}'
            f'</span><span class="ZZtO"><a href="/profile/{900 + k}">{name}</a></span><span>•</span>'
            f'<span class="Ahi8" data-tip="{when}">3 日前</span></div>{card}'
            f'<div class="_2cNs"><div class="GAag">{text}</div></div></div>')


def test_posts_dated_only_in_an_attribute_are_posts_and_their_header_lines_go() -> None:
    posts = [_floor(k + 1, f"網友{k}", f"2023-11-0{k + 1} 23:1{k}", p) for k, p in enumerate(PARAS[:3])]
    doc = run(page(f'<div class="_1pX"><h1>乡村环境整治见成效</h1>{"".join(posts)}</div>'))
    assert doc.page_kind == "thread"
    assert [(s.post.author, s.post.date[:10]) for s in doc.sections if s.post] == [
        ("網友0", "2023-11-01"), ("網友1", "2023-11-02"), ("網友2", "2023-11-03")]
    assert doc.paragraphs == PARAS[:3]


def test_a_sentence_quoted_from_an_earlier_post_in_a_blockquote_goes() -> None:
    asked = "想问一下会不会影响工作？"
    posts = [_floor(1, "甲", "2023-11-01 23:10", PARAS[0] + asked),
             _floor(2, "乙", "2023-11-01 23:20", f"<blockquote>{asked}</blockquote>{PARAS[1]}"),
             _floor(3, "丙", "2023-11-01 23:30", f"<blockquote>请问一下这样可以吗？</blockquote>{PARAS[2]}")]
    doc = run(page(f'<div class="_1pX"><h1>乡村环境整治见成效</h1>{"".join(posts)}</div>'))
    assert doc.text.count(asked) == 1
    assert "请问一下这样可以吗？" in doc.text  # quoting nothing said before: the reply's own words


def test_a_card_without_figures_printed_with_every_post_goes() -> None:
    """"職業：魔法師 / 種族：精靈" beside each post's words: the board's own card, though no figure is in it."""
    cards = [("魔法師", "精靈"), ("初心者", "人類"), ("弓箭手", "獸人")]
    posts = [_floor(k + 1, f"網友{k}", f"2023-11-0{k + 1} 23:1{k}", p,
                    card=f'<div class="card"><div>職業：{job}</div><div>種族：{race}</div></div>')
             for k, (p, (job, race)) in enumerate(zip(PARAS[:3], cards, strict=True))]
    doc = run(page(f'<div class="_1pX"><h1>乡村环境整治见成效</h1>{"".join(posts)}</div>'))
    assert "職業" not in doc.text and "種族" not in doc.text
    assert doc.paragraphs == PARAS[:3]


def test_the_same_labels_in_two_posts_only_stay() -> None:
    from pipeline.extract.meta_line import repeated_field_lines

    two = [["职业：教师", "地区：北京"], ["职业：司机", "地区：上海"]]
    assert repeated_field_lines(two) == [set(), set()]
    assert repeated_field_lines([*two, ["职业：护士", "地区：广州"]]) == [{0, 1}, {0, 1}, {0, 1}]


def test_an_official_answer_under_a_complaint_is_content() -> None:
    """A complaint platform prints the company's answers in its progress list, labelled 官方回复."""
    answer = "尊敬的用户您好，关于您反映的问题，我司已高度重视并进行了核查，已为您办理分期还款。"
    progress = "".join(f'<div class="comment-list"><div class="comment-item"><div class="meta">速享分期 '
                       f'<span class="u-badge">{{label}}</span> 2023-05-1{k} 15:46</div><p>{answer}</p></div></div>'
                       for k in range(2))
    complaint = "".join(f"<p>{p}</p>" for p in PARAS)
    html = page(f'<div class="detail"><h1>乡村环境整治见成效</h1>{complaint}</div>{progress}')
    doc = run(html.replace("{label}", "官方回复"))
    assert doc.page_kind == "thread" and answer in doc.text and not doc.comments
    doc = run(html.replace("{label}", "热评"))
    assert answer not in doc.text and [c.text for c in doc.comments] == [answer, answer]
    # one labelled answer alone is an article's comment answered (tests/extract/test_review_pages.py)
    doc = run(html.replace("{label}", "官方回复", 1).replace("{label}", "热评"))
    assert answer not in doc.text


def test_a_bracketed_starter_label_in_a_reply_meta_line_makes_a_thread() -> None:
    metas = ["1楼老猫不吃鱼 2012-05-06 21:20", "2楼夜猫子阿杰 [楼主] 2012-05-06 22:10", "3楼蓝色星期八 2012-05-06 22:33"]
    replies = "".join(f'<div class="reply"><div class="reply-meta">{m}</div><p>{r}</p></div>'
                      for m, r in zip(metas, REPLIES, strict=True))
    post = "".join(f"<p>{p}</p>" for p in PARAS)
    doc = run(page(f'<div class="post"><h1>乡村环境整治见成效</h1>{post}</div><div class="replies">{replies}</div>'))
    assert doc.page_kind == "thread" and all(r in doc.text for r in REPLIES)
    doc = run(page(f'<div class="post"><h1>乡村环境整治见成效</h1>{post}</div>'
                   f'<div class="replies">{replies.replace(" [楼主]", "")}</div>'))
    assert doc.page_kind != "thread" and not any(r in doc.text for r in REPLIES)


def test_a_quote_of_an_earlier_posts_first_sentence_without_a_mark_is_the_earlier_posts() -> None:
    """Tianya-style inline quotes: the first sentence of an earlier floor, no quote element, no ellipsis."""
    said = "真正上门的很少，上门成本很高，你这点金额大概率是吓唬你。就算真来了，全程录音录像。"
    posts = [_post(0, [], PARAS[0]), _post(1, [], said), _post(2, [], f"{said[:28]}<br>{PARAS[2]}")]
    doc = run(page(f'<div class="thread"><h1>乡村环境整治见成效</h1>{"".join(posts)}</div>'),
              url="https://club.example.com/thread/71920590")
    assert doc.page_kind == "thread" and doc.text.count(said[:28]) == 1 and PARAS[2] in doc.text


def test_the_pages_own_address_in_og_url_names_a_thread() -> None:
    comments = "".join(f'<div class="comment"><div class="meta">网友{k} #{k + 1} · 2023-11-20 21:4{k}</div>'
                       f'<p>{r}</p></div>' for k, r in enumerate(REPLIES))
    post = "".join(f"<p>{p}</p>" for p in PARAS)

    def with_address(url: str) -> Document:
        head = f'<title>乡村环境整治见成效</title><meta property="og:url" content="{url}" />'
        return run(page(f'<div class="topic"><h1>乡村环境整治见成效</h1>{post}</div>'
                        f'<div class="comments">{comments}</div>', head=head))

    assert with_address("https://ruby-china.org/topics/43612").page_kind == "thread"
    # "/p/…" is a blog's or a column's article as often as a thread: its comments stay comments
    for url in ("https://www.jianshu.com/p/3c8e1f7a9b2d", "https://zhuanlan.example.com/p/2691958843219462"):
        doc = with_address(url)
        assert doc.page_kind != "thread" and len(doc.comments) == 3


def test_a_second_copy_of_the_page_goes_with_its_short_lines() -> None:
    """Single-page forums print their crawler view twice: title, names, replies, then all again."""
    copy = "".join(f"<h3>网友{k}</h3><p>{p}</p><p>顶一下</p>" for k, p in enumerate(PARAS[:3]))
    doc = run(page(f'<div class="container"><h1>乡村环境整治见成效</h1>{copy}'
                   f'<h1>乡村环境整治见成效</h1>{copy}</div>'))
    assert doc.text.count(PARAS[1]) == 1 and doc.text.count("网友1") <= 1 and doc.text.count("顶一下") == 3


def test_a_post_dated_in_an_attribute_is_not_dated_by_its_posters_card() -> None:
    """"注册时间 / 2022-6-18" on lines of their own is the poster's; "前天 21:36" keeps the post's date in a title."""
    def post(k: int, text: str) -> str:
        return (f'<table id="pid{k}" class="plhin"><tr><td class="pls"><div class="authi">'
                f'<a href="space-uid-{k}.html">网友{k}</a></div><dl class="pil"><dt>注册时间</dt><dd>2019-3-{k + 1}</dd>'
                f'</dl></td><td class="plc"><div class="authi"><em>发表于 <span title="2023-10-{k + 1} 21:36">前天 21:36'
                f'</span></em></div><div class="t_f" id="postmessage_{k}">{text}</div></td></tr></table>')
    quote = '<blockquote>去年开服那会儿为了抽限定坐骑 ...</blockquote>'
    body = post(0, PARAS[0] + "去年开服那会儿为了抽限定坐骑和时装，花了不少钱。") + post(1, quote + PARAS[1]) + post(2, PARAS[2])
    doc = run(page(f'<div id="postlist"><h1>乡村环境整治见成效</h1>{body}</div>'),
              url="https://bbs.example.com/thread-9-1-1.html")
    assert [(s.post.date or "")[:10] for s in doc.sections if s.post] == ["2023-10-01", "2023-10-02", "2023-10-03"]
    assert "前天" not in doc.text and doc.text.count("去年开服那会儿为了抽限定坐骑") == 1


def test_a_retry_that_finds_no_body_keeps_the_first_reading() -> None:
    """A car forum's page (written for the project): the posts in side-named columns ("conright"),
    the replies under "reply" names. Setting the comment names aside finds only the cards' lines
    ("精华：6帖"), a body without half the page's prose, so the first reading (the replies) stands."""
    from pathlib import Path

    doc = _written("written_html_tune10", "m03")
    gold = (Path(__file__).resolve().parents[1] / "data" / "extraction" / "written_html_tune10" / "m03.gold.txt"
            ).read_text(encoding="utf-8").splitlines()
    assert sum(line in doc.text for line in gold) >= len(gold) // 2
    assert "精华：" not in doc.text


def test_a_consultation_whose_answers_are_labelled_by_lawyers_keeps_them() -> None:
    """A question and its lawyers' answers, all inside a "stream" (a feed's name), each answer in
    an item named alike under an unnamed wrapper, each labelled 律师回复: the stream is the page."""
    question = "".join(f"<p>{p}</p>" for p in PARAS)

    def answer(k: int, text: str) -> str:
        return (f'<div class="yh_huan"><div class="stream_left"><p class="name">律师{k}</p></div>'
                f'<div class="stream_right"><div class="icon"><span class="time">发表于 2021-10-19 21:3{k}</span>'
                f'<span class="role">律师回复</span></div><div class="cons"><p>{text}</p></div></div></div>')
    stream = (f'<div class="zx_stream"><div class="yh_huan"><div class="stream_right">{question}</div></div>'
              + "".join(answer(k, r) for k, r in enumerate(REPLIES)) + "</div>")
    doc = run(page(f'<div class="zx_title"><h1>乡村环境整治见成效</h1></div>{stream}'))
    assert all(p in doc.text for p in PARAS) and all(r in doc.text for r in REPLIES)


def _written(corpus: str, name: str) -> Document:
    from pathlib import Path

    from pipeline.eval.extraction import decode

    return run(decode((Path(__file__).resolve().parents[1] / "data" / "extraction" / corpus / f"{name}.html").read_bytes()))




def _answer(frame_class: str, name_class: str, name: str, text: str, day: str) -> str:
    return (f'<div class="{frame_class}"><div class="info"><a href="/usercenter?uid={name}" class="{name_class}">\n{name}\n</a>'
            f'<span class="time">{day} 10:21</span></div><p>{text}</p></div>')


def test_a_question_shown_without_its_asker_has_no_author_from_its_answers() -> None:
    """A Q&A page whose question is its title alone: the first post found is an answer, and its writer
    answers the page; the thread has no author. Answers keep their writers (line breaks of the
    markup gone)."""
    # frames named answers, or frames named nothing whose writers are named repliers
    for frame_class, name_class in (("bd answer", "user-name"), ("line content", "wgt-replyer-all-uname")):
        answers = "".join(_answer(frame_class, name_class, name, text, day) for name, text, day in (
            ("青灯笔记", REPLIES[0], "2023-04-03"), ("莫九牧", REPLIES[2], "2023-04-04"), ("南山", REPLIES[1], "2023-04-05")))
        doc = run(page(f'<div class="question"><h1>乡村环境整治见成效</h1></div><div class="answers">{answers}</div>'))
        assert doc.page_kind == "thread"
        assert [s.post.author for s in doc.sections if s.post] == ["青灯笔记", "莫九牧", "南山"], frame_class
        assert doc.author is None, frame_class
    # a thread opening with its starter's post keeps the starter as its author
    posts = "".join(_answer("post", "user-name", name, text, day) for name, text, day in (
        ("青灯笔记", PARAS[0] + PARAS[1], "2023-04-03"), ("莫九牧", REPLIES[0], "2023-04-04"),
        ("青灯笔记", REPLIES[1], "2023-04-05")))
    doc = run(page(f'<div class="subject"><h1>乡村环境整治见成效</h1></div><div class="postlist">{posts}</div>'))
    assert doc.page_kind == "thread" and doc.author == "青灯笔记"


def test_a_question_s_asker_linked_under_it_writes_the_thread_s_opening_post() -> None:
    comments = (_comment("tea_4410", REPLIES[0]) + _comment("pin_8812", REPLIES[1], starter=True)
                + _comment("tea_4410", REPLIES[2]))
    question = f"<p>{PARAS[0]}</p><p>催收说下周要上门，这种情况我该怎么办？</p>"  # the question asks
    doc = run(page(f'<div class="post"><h1>乡村环境整治见成效</h1>{question}'
                   '<div class="ask-info"><a href="/usercenter?uid=4f5c">pin_8812</a> | 2021-03-08 | 浏览2741次</div>'
                   f'</div><div class="comments">{comments}</div>'))
    assert doc.page_kind == "thread"
    assert doc.author == "pin_8812" and doc.sections[0].post.author == "pin_8812"
