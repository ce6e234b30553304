"""Lines made only of metadata fields: bylines, post headers, counters and answerer cards.

Article, forum and Q&A templates print one line of fields above or under a text,
in any order and with any separator::

    2023年4月3日 · 编辑：阿杰 · 2,718 人看过
    发帖人：深夜不睡觉 | 2023-06-21 01:14 | 阅读 2,311 回复 19
    理财君 · 05-06 · 阅读 4.1k
    何佳律师 | 执业7年 | 平均响应 5 分钟

The single-pattern rules of :mod:`pipeline.extract.boilerplate` know a few such
orders; this module reads the line as a sequence of fields instead. Each field
is a date or time, a labelled field (``来源：…``), a counter (``阅读 4.1k``,
``2,341 人赞同了该回答``), a role (``本报记者``, ``原创``) or a credential
(``执业7年``, ``满意度 98%``). A line is a meta line when fields make it up and
what is left is at most two short name-like tokens (the author, the site), with
at least one field that no sentence is made of (a date, a counter, a label).
A sentence never qualifies: the line may not hold sentence punctuation.
"""

from __future__ import annotations

import re

from pipeline.extract.line_rules import SENTENCE_END, SURNAMES, plain_len
from pipeline.normalize._resources import HAN_BMP

_NUM = r"[\d][\d,.]*\s*[万千wk]?\+?"
_DATE = (
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}(?:\s*[-/.月]\s*\d{1,2}\s*日?|\s*月)"
    r"|(?<!\d)\d{1,2}\s*[-/月]\s*\d{1,2}\s*日?(?!\d)"
    r"|\d+\s*(?:秒|分钟|小时|天|周|个月|年)前|刚刚|昨天|前天|今天"
)
_TIME = r"(?:上午|下午|晚上|凌晨|早上)?\s*\d{1,2}:\d{2}(?::\d{2})?"
# label: value, the value running to the next separator
_LABEL = (
    r"(?:本文|文章)?(?:来源|作者|编辑|责任编辑|责编|记者|通讯员|出处|稿源|发布者|发布人|发帖人|楼主|答主|提问者"
    r"|回答者|分类|栏目|所属分类|问题分类|地区|时间|提问时间|发布时间|发表时间|更新时间|回复时间|发布|更新|悬赏"
    r"|咨询量|执业机构|认证|字数|阅读|浏览|人气|热度)"
)
_LABELLED = rf"{_LABEL}\s*[::]\s*[^\s|·・•丨/:：,、]{{1,20}}"
_COUNTER_WORD = (
    r"(?:阅读|浏览|浏览量|点击|评论|回复|回答|点赞|赞|赞同|收藏|分享|转发|关注|关注者|被浏览|粉丝|下载|投票|有得"
    r"|我有疑问|支持|反对|跟帖|跟贴|参与|views?|likes?|comments?|replies)"
)
_COUNTER = (
    rf"{_COUNTER_WORD}\s*[::]?\s*(?:{_NUM}|\(\s*{_NUM}\s*\))\s*(?:次|条|人)?"
    rf"|{_NUM}\s*(?:次|条|个|人)?\s*{_COUNTER_WORD}"
    rf"|{_NUM}\s*人(?:看过|赞同了该(?:回答|文章)|觉得有用|读过|已读)"
    r"|约?\s*\d+\s*分钟(?:读完|阅读)|共\s*\d+\s*条|(?:悬赏|奖励)\s*[¥$]?\s*\d+\s*(?:元|积分|金币)?"
)
_CREDENTIAL = (
    r"擅长(?:领域)?\s*[::]\s*[^\s|·・•丨/:：,]{1,30}|执业\s*\d+\s*年|\d+\s*年执业|(?:专职|执业|兼职|实习)律师|\S{2,16}(?:律师事务所|律所)"
    r"|(?:已|累计)?(?:解答|回答|帮助|服务)(?:过)?\s*\d[\d,]*\s*(?:个|次|位|人)?(?:问题|用户|人)?"
    r"|满意度\s*\d+(?:\.\d+)?\s*%|好评率\s*\d+(?:\.\d+)?\s*%|[★☆]{3,}\s*(?:\d(?:\.\d)?\s*分)?|\d(?:\.\d)?\s*分"
    r"|(?:平均|近\d+天)?(?:响应|回复)\s*\d+\s*(?:分钟|次|小时)"
)
_ROLE = (
    r"(?:本报|本刊|特约)?(?:记者|通讯员|实习生|编辑|作者)|律师|原创|已关注|匿名用户|热心网友|网友|楼主|文|图"
    r"|ip\s*属地\s*\S{1,8}|来自\s*(?:\S{1,6}\s*){1,3}的网友|来自\s*\S{1,10}|\S{2,6}报道"
)
_L, _R = r"(?<![^\s|·・•丨/])", r"(?=$|[\s|·・•丨/])"  # a field is a whole segment of the line
_STRONG = re.compile(rf"{_L}(?:{_DATE}|{_TIME}|{_LABELLED}|{_COUNTER}|{_CREDENTIAL}){_R}")
_FIELD = re.compile(
    rf"{_L}(?:{_TIME}|{_LABELLED}|{_COUNTER}|{_CREDENTIAL}){_R}"
    r"|\d[\d,.]*\s*[万千wk]?\s*(?:人|条|次)(?:参与|评论|阅读|浏览|点赞|回复|收藏)"  # glued: "249人参与49评论"
)
_STAMPS = re.compile(rf"{_L}(?:{_DATE}|{_TIME}){_R}")
_WEAK = re.compile(rf"{_L}(?:{_ROLE}){_R}")
_SEP = re.compile(r"[\s|·・•丨/]+")
_NAME_TOKEN = re.compile(r"[^\s,。;!?:：、“”\"()（）]{1,10}")
_CLAUSE = re.compile(r",(?!\d)|、")
_LAWYER_NAME = re.compile(rf"([{HAN_BMP}]{{2,3}})\s?律师")


def is_meta_line(f: str) -> bool:
    """True for a folded line made of metadata fields and at most two short name-like tokens."""
    if not f or len(f) > 100 or SENTENCE_END.search(f):
        return False
    m = _LAWYER_NAME.fullmatch(f)
    if m and m.group(1)[0] in SURNAMES:
        return True  # an answerer's card: "孙浩然 律师"
    rest, strong = _STRONG.subn(" ", f)
    if not strong or not plain_len(_STAMPS.sub(" ", f)):
        return False  # nothing but dates and times: a notice's signature date is the context rules' call
    if _CLAUSE.search(rest):
        return False  # a clause outside the fields ("擅长：债权、合同" is one field)
    rest, roles = _WEAK.subn(" ", rest)
    if not roles and not _FIELD.search(f):
        return False  # dates and names only ("2024年1月31日 召开发布会"): the dateline rule's call
    names = [t for t in _SEP.split(rest) if plain_len(t)]
    if len(names) > 2 or not all(_NAME_TOKEN.fullmatch(t) for t in names):
        return False
    # a lone field must be most of the line ("阅读 4.1k"), not a short word next to a number
    return strong >= 2 or plain_len(rest) <= max(4, plain_len(f) // 2)


def has_meta_field(f: str) -> bool:
    """True when a folded line holds a labelled field, a counter, a time or a credential as a segment of its own.

    A headline may hold a date ("2023年征信新规") but not "提问时间：09-18 14:22" or
    "阅读 2,311": the title choice uses this to pass over post headers.
    """
    return bool(_FIELD.search(f))
