"""Who wrote an HTML page, as its markup shows it: an element marked as the author, or the account a
line under the headline links to.

Labelled bylines and news credits (``作者：…``, ``某某日报记者 …``) are read from the text by
:mod:`pipeline.extract.byline` and :mod:`pipeline.extract.news_credit`; this module reads what only the
markup says (``<span class="author">``, ``<a href="/c/user/…">某某说债</a>``). The metadata guidelines
decide whose name counts: the writer or the posting account, never an editor, an answerer, a
commenter, a quoted lawyer or the site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from lxml import etree

from pipeline.extract.byline import NO_SOURCE, NOBODY, clean_name, parse_byline
from pipeline.extract.dates import RELATIVE_DATE, find_date
from pipeline.extract.fold import fold
from pipeline.extract.html.cues import _SENT_PUNCT, ANSWER_NAMES, NOT_A_NAME, PROFILE_HREF, names_of
from pipeline.extract.html.segment import _Blk
from pipeline.extract.meta_line import is_answerer_card_line
from pipeline.extract.names import is_name_line, is_outlet
from pipeline.extract.news_credit import credit
from pipeline.normalize._resources import converter
from pipeline.record import Document, Post

# how a page marks its author element: rel="author", itemprop="author", an id or class named so
_AUTHOR_MARK = re.compile(r"^(?:author|byline|writer|(?:art|article|post|news|story)[_-]?(?:author|writer|byline)|author[_-]?(?:name|baidu))$")
# an author element inside these is a comment's, a recommendation's or a card's, not the page's
_NOT_THE_AUTHORS = re.compile(r"comment|reply|recommend|related|subscribe|follow|card|avatar")
# an element named for a response to the page: its writer's card is no author of it ("AnswerItem", "reply-item")
_RESPONSE_NAMES = re.compile(r"answer|reply|replies|comment", re.I)
# a Q&A site's answering lawyer or firm: an answerer, no author of the question
_LAWYER = re.compile(r"/lawyers?/|^律[师師]|律[师師]$|律所|律[师師]事务所|律[師师]事務所|团队$|團隊$", re.I)
# what a link or a marked element says when it names nobody: a button, a menu's entry, a counter, a
# badge ("查看TA的文章>", "我的主页", "+关注", "手机版", "免费注册", "加入收藏", "0条评论", "VIP会员")
_PROFILE_UI = re.compile(
    r"^(?:点击|查看|进入|登[录陆]|注册|关注|下载|返回|订阅|收藏|分享|评论|留言|更多|首页|加入|开通|我的|我要|网站|个人|免费"
    r"|会员|微信|关闭|小编|[+＋]|a[+-])"
    r"|(?:中心|主页|[手电]脑?机?版|客户端|文章|大图|注册|登[录陆]|收藏|评论|首页|资料|空间|消息|推荐|纠错|广告|置顶|精华"
    r"|会员|认证|账号|窗口|扫一扫|vip|默认)$|[>»›]|^\d+条?|^人物$", re.I)
# what a field of a byline says beside a name: the element's text is a field or a role, not a name
_FIELD_WORD = re.compile(r"[:：]|来源|編輯|编辑|责编|摄影|攝影|摄像|\s摄$|审核|審核|校对|浏览|瀏覽|阅读|閱讀|次数|打印|投稿|综合"
                         r"|记者|記者|评论员|評論員|通讯员|[\s/]文$|报道$|報導$")
# any field's label right before a link ("主编：", "图：", "版主：", "编辑 | "), or a greeting of the
# reader ("欢迎您，", "Hi，"): the link names no writer, unless the label is a writer's
_LABEL_BEFORE = re.compile(r"(?P<label>[^\s:：/|丨，,·]{1,6})\s*[:：/|丨]\s*$|[，,]\s*$")
# (a profile link after "来自:" names the poster: a group's topic header, "来自: <a href='/people/…'>某某</a>")
_WRITER_LABELS = frozenset({"作者", "文", "撰文", "撰稿", "记者", "記者", "发布者", "發布者", "发布人", "发帖人", "楼主", "樓主",
                            "提问者", "提问人", "咨询人", "博主", "up主", "by", "来自", "來自"})
# what follows a photographer's or a reporter's name in a caption: "王五 摄", "王五 报道"
_ROLE_AFTER = re.compile(r"^\s*(?:摄|攝|摄影|攝影|报道|報導|编辑|編輯|/摄)")
_FILE = re.compile(r"\.(?:docx?|xlsx?|pdf|zip|rar|jpe?g|png|gif|txt)(?:$|[?#])", re.I)


def _is_author_mark(el: etree._Element) -> bool:
    if el.get("rel") == "author" or el.get("itemprop") == "author":
        return True
    return any(_AUTHOR_MARK.match(t) for t in names_of(el).split())


def in_response(el: etree._Element, names: re.Pattern[str] = _RESPONSE_NAMES) -> bool:
    """Inside an element named a response (a Q&A page's "AnswerItem" holds its writer's card a few levels
    down); the page's own wrappers (<body>, <html>) are not looked at."""
    return any(names.search(names_of(up)) for up in islice(el.iterancestors(), 8) if up.tag not in ("body", "html"))


def account_name(text: str) -> bool:
    """A person's or an account's name: 2-20 characters, one or two words, no sentence, no date, no
    field's label or value ("来源：…", "编辑 王五", "浏览次数 88"), no outlet, no "nobody" ("原创",
    "匿名用户"), no button."""
    if not 2 <= len(text) <= 20 or len(text.split()) > 2 or _SENT_PUNCT.search(text):
        return False
    simple = converter("t2s").convert(text).lower()
    return not (NOT_A_NAME.search(text) or _PROFILE_UI.search(text) or _FIELD_WORD.search(simple)
                or simple in NOBODY or simple in NO_SOURCE or simple.endswith(("用户", "网友", "游客"))
                or is_outlet(text) or RELATIVE_DATE.search(text) or find_date(text))


def marked_author(blocks: list[_Blk], accounts: bool = True) -> str | None:
    """The author a short block marks as such (``<span class="author">某某</span>``): its labelled field,
    its credit, or its text when that is a person's name (or, with ``accounts``, an account's, which no
    surname starts: near the headline, not under the body, where a list's or a comment's marks sit).
    Inside a marked card, the name its profile link shows, without the card's badges. Only the blocks
    at hand are looked at, never the whole tree."""
    for b in blocks:
        if b.ntok > 40 or not isinstance(b.owner.tag, str):
            continue
        chain = [b.owner, *islice(b.owner.iterancestors(), 2)]
        found = next((el for el in chain if _is_author_mark(el)), None)
        if found is None:
            inside = islice(b.owner.iterdescendants(), 30)  # a short block's own spans, not a container's tree
            found = next((el for el in inside if isinstance(el.tag, str) and _is_author_mark(el)), None)
            text = " ".join("".join(found.itertext()).split()) if found is not None else None
        else:
            text = b.text
        around = [found, *islice(found.iterancestors(), 4)] if found is not None else []
        if any(_NOT_THE_AUTHORS.search(names_of(el)) for el in around) or \
                (found is not None and in_response(found, ANSWER_NAMES)):
            continue  # a comment's, a recommendation's or an answer's author (the element's own names included)
        if not text or len(text) > 30:
            continue
        fields = {**credit(text), **parse_byline(text)}
        if fields.get("author"):
            return fields["author"]
        if is_name_line(fold(text)):
            return text
        if not accounts or fields:
            continue
        # an account's name: the profile link inside the mark (a card's "老周说债 Lv.5 粉丝 1.2万"), or
        # the text of the marked element itself, never a block the mark only contains ("加入收藏")
        link = next((t for a in found.iter("a") if (t := " ".join("".join(a.itertext()).split()).lstrip("@"))
                     and account_name(t)), None)
        if link:
            return link
        if found is b.owner and account_name(text):
            return text
    return None


@dataclass(frozen=True)
class HeaderLinks:
    """The account the lines under the headline link to: ``above`` the body's first block (the header),
    or ``below`` it, among the first lines that are not the body's (a question's asker line under its
    text)."""

    above: str | None = None
    below: str | None = None
    below_el: etree._Element | None = None  # the element of the line that links to ``below``
    below_body: bool = False  # that line is the one right under the body's last block


def linked_account(header: list[_Blk]) -> str | None:
    """The account a line links to its profile page (``2023-08-19 07:15 · <a href="/c/user/…">某某说债</a>``,
    a question's asker ``<a href="/usercenter?uid=…">``): the link's whole text must be a name and part
    of the line's own text (not a link deeper in the element the line is loose text of); not behind a
    field's label other than a writer's ("责任编辑：", "主编：", "图："), a greeting, or before a
    photographer's or reporter's "摄"; not an answerer's (a lawyer, a response's writer) or a file's."""
    for b in header:
        if b.ntok > 40 or not isinstance(b.owner.tag, str) or b.family in ("comment", "related") \
                or is_answerer_card_line(b.text):
            continue
        wrapper = next((up for up in islice(b.owner.iterancestors(), 3) if up.tag == "a"), None)
        for a in [*islice(b.owner.iter("a"), 10), *([wrapper] if wrapper is not None else [])]:  # a link around the name too
            href = a.get("href") or ""
            text = " ".join("".join(a.itertext()).split()) if a is not wrapper else b.text
            if not PROFILE_HREF.search(href) or _FILE.search(href) or _LAWYER.search(href) or _LAWYER.search(text):
                continue
            if a is not wrapper:
                at = b.text.find(text) if text else -1
                if at < 0:
                    continue  # a link of another block inside this one's element
                before, after = b.text[max(0, at - 12) : at], b.text[at + len(text) :]
                label = _LABEL_BEFORE.search(before)
                if (label and (label.group("label") or "").lower() not in _WRITER_LABELS) or _ROLE_AFTER.match(after):
                    continue
            text = text.lstrip("@")
            if account_name(text) and not in_response(a):
                return text
    return None


def settle_author(doc: Document, header: HeaderLinks, answer_first: bool,
                  posts: tuple[etree._Element, etree._Element] | None = None) -> None:
    """The page's author (and a thread's date), once it is known whether the page is a thread.

    An article that names no writer gets the account linked between its headline and its body (or
    on a question's own line under its text). A thread's author and date are its opening post's:

    * a question shown above the posts (the lead, no post of its own, asking) is the opening post,
      written by the asker linked over it or under it, outside the first post's frame; the posts
      under it answer (a board's notice above the posts asks nothing, and the first post stays the
      opening one);
    * else the first post, and when it names nobody, the writer linked between the title and its
      text or under its text inside its own frame (``posts``: an element of the first post and one
      of the second, when found as posts; never a link inside a later post);
    * a Q&A page whose question shows no asker and whose posts are named answers: only the asker's
      link counts.
    """
    if doc.page_kind != "thread":  # under an article's end: a comment's or a list's line
        doc.author = doc.author or header.above or (None if header.below_body else header.below)
        return
    if answer_first:
        doc.author = doc.author or header.above or header.below
        return
    in_first = header.below_el is not None and posts is not None and _closer(header.below_el, *posts)
    lead = doc.sections[0] if doc.sections else None
    if lead is not None and lead.post is None and any(ASKS.search(p) for p in lead.paragraphs):
        asker = header.above or (header.below if header.below_el is not None and not in_first else None)
        lead.post = Post(author=asker, date=doc.published_at)
        doc.author = doc.author or asker
        return
    opening = next((s.post for s in doc.sections if s.post), None)
    if opening is None:
        return
    if not opening.author:
        below_ok = header.below_el is not None and (posts is None or in_first)
        opening.author = header.above or (header.below if below_ok else None)
    doc.author = doc.author or clean_name(opening.author)
    doc.published_at = doc.published_at or opening.date


# a question's words: it asks ("请问…", "…怎么办", "…吗？")
ASKS = re.compile(r"[？?]\s*$|请问|請問|怎么办|怎麼辦|[吗嗎][？?。]?\s*$")


def _closer(el: etree._Element, first: etree._Element, second: etree._Element) -> bool:
    """``el`` sits in the first post's frame: it shares a deeper ancestor with ``first`` than ``first``
    shares with ``second``."""
    def chain(x: etree._Element) -> list[etree._Element]:
        return [x, *x.iterancestors()]

    def depth_of_common(a: etree._Element, b: etree._Element) -> int:
        mine = set(chain(b))
        common = next((x for x in chain(a) if x in mine), None)
        return -1 if common is None else sum(1 for _ in common.iterancestors())

    return depth_of_common(el, first) > depth_of_common(first, second)
