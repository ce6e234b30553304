"""HTML extraction: pages from code reviews that the thread, comment and cleaning rules must leave right."""

from __future__ import annotations

import pytest

from tests.extract.test_html import PARAS, article, page, run
from tests.extract.test_html_posts import _thread, _topic_with_replies

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
