"""Lines made only of metadata fields: bylines, post headers, counters and answerer cards.

Article, forum and Q&A templates print one line of fields above or under a text,
in any order and with any separator::

    2023年4月3日 · 编辑：阿杰 · 2,718 人看过
    发帖人：深夜不睡觉 | 2023-06-21 01:14 | 阅读 2,311 回复 19
    理财君 · 05-06 · 阅读 4.1k
    何佳律师 | 执业7年 | 平均响应 5 分钟

The single-pattern rules of :mod:`pipeline.extract.boilerplate` know a few such
orders; this module reads the line as a sequence of fields instead. Each field
is a date (with its time), a labelled field (``来源：…``), a counter (``阅读 4.1k``,
``2,341 人赞同了该回答``), a byline role (``本报记者``, ``原创``) or a credential
(``执业7年``, ``满意度 98%``). A line is a meta line when such fields make it up and
what is left is at most two short name-like tokens (the author, the site) and plain
role words (``律师``, ``记者``). A sentence or a clause never qualifies, and neither do
the shapes a timeline or an answer shares with a byline: a time without its date, a
lone ``label：value``, a date beside a name (:func:`is_meta_line` says which).
"""

from __future__ import annotations

import re

from pipeline.extract.folded_line import SENTENCE_END, plain_len

_NUM = r"[\d][\d,.]*\s*[万千wk]?\+?"
_DATE = (
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}(?:\s*[-/.月]\s*\d{1,2}\s*日?|\s*月)"
    r"|(?<!\d)\d{1,2}\s*[-/月]\s*\d{1,2}\s*日?(?!\d)"
    r"|(?:\d+\s*(?:秒|分钟|小时|天|周|个月|年)\s*){1,2}前|刚刚|昨天|前天|今天"
)
_TIME = r"(?:上午|下午|晚上|凌晨|早上)?\s*\d{1,2}:\d{2}(?::\d{2})?"
_STAMP = rf"(?:{_DATE})(?:\s*{_TIME})?"  # a time counts with its date only: "晚上9:30 接到电话" is a timeline's
# label: value, the value running to the next separator
_LABEL = (
    r"(?:本文|文章)?(?:来源|作者|编辑|责任编辑|责编|记者|通讯员|出处|稿源|发布者|发布人|发帖人|楼主|答主|提问者"
    r"|回答者|分类|栏目|所属分类|问题分类|地区|时间|提问时间|发布时间|发表时间|更新时间|回复时间|发布|更新|悬赏"
    r"|咨询量|执业机构|认证|字数|阅读|浏览|人气|热度)"
)
_LABELLED = rf"{_LABEL}\s*[::]\s*[^\s|·・•丨/:：,、]{{1,20}}"
_COUNTER_WORD = (
    r"(?:阅读|浏览|浏览量|点击|评论|回复|回答|点赞|赞|赞同|收藏|分享|转发|关注|关注者|被浏览|粉丝|下载|投票|有得"
    r"|我有疑问|支持|反对|跟帖|跟贴|views?|likes?|comments?|replies)"
)
# "关注 8 个平台", "支持 5 票", "回复 2 楼": a count of things, not a counter (but "评论 12 点赞 34" is two counters)
_NOT_COUNTED = r"(?!\s*(?:[个条次票项种天元位件步招份楼年月]|点(?!赞|击)|小时|分钟))"
_COUNTER = (
    rf"{_COUNTER_WORD}\s*[::]?\s*(?:{_NUM}|\(\s*{_NUM}\s*\))\s*(?:次|条|人)?{_NOT_COUNTED}"
    rf"|{_NUM}\s*(?:次|条|个|人)?\s*{_COUNTER_WORD}"
    rf"|{_NUM}\s*人(?:看过|赞同了该(?:回答|文章)|觉得有用|读过|已读)"
    r"|约?\s*\d+\s*分钟(?:读完|阅读)|共\s*\d+\s*条|(?:悬赏|奖励)\s*[¥$]?\s*\d+\s*(?:元|积分|金币)?"
)
_CREDENTIAL = (
    r"擅长(?:领域)?\s*[::]\s*[^\s|·・•丨/:：,]{1,30}|(?:执业|从业)\s*\d+\s*年|\d+\s*年(?:执业|从业)(?:经验)?"
    r"|(?:已|累计)(?:解答|回答|帮助|服务)(?:过)?\s*\d[\d,]*\s*(?:个|次|位|人)?(?:问题|用户|人)?"
    r"|满意度\s*\d+(?:\.\d+)?\s*%|好评率\s*\d+(?:\.\d+)?\s*%|[★☆]{3,}\s*\d(?:\.\d)?\s*分|评分\s*[::]?\s*\d(?:\.\d)?"
    r"|(?:平均|近\d+天)(?:响应|回复)\s*\d+\s*(?:分钟|次|小时)"
)
# roles that make a byline with a date or another role: "原创", "文 /", "本报记者", "来自 江苏 南京 的网友"
_BYLINE_ROLE = (
    r"原创|已关注|匿名用户|文|ip\s*属地\s*\S{1,8}|(?:本报|本刊|特约)(?:记者|通讯员)|通讯员|实习生"
    r"|来自\s*(?:\S{1,6}\s*){1,3}的网友"
    r"|第?\s*\d{1,4}\s*楼|#\s*\d{1,4}|b\d{1,4}|沙发|板凳|地板"  # a floor: "5楼 · 3月6日 20:58", "B1 · 3月6日"
    # a reporter's line: "华夏时报记者 陈晓 北京报道", "每经记者 某某 每经编辑 某某", "记者陈昱婷/台北报导"
    r"|[^\s|·・•丨/]{0,8}(?:社|报|台|网|新闻|财经|日报|晚报|时报|周刊|经)(?:记者|编辑|通讯员)"
    r"|记者[\u4e00-\u9fff]{2,3}|[^\s|·・•丨/]{2,6}报[道导]"
)
# words a byline may hold besides its fields, which make none by themselves: "刘某 律师 | 执业8年 | 浙江"
_PLAIN_ROLE = (
    r"记者|编辑|作者|(?:专职|执业|兼职|实习)?律师|网友|热心网友|楼主|\S{2,6}报道|[^\s|·・•丨/]{2,14}(?:律师事务所|律所)"
    r"|(?:优质)?[^\s|·・•丨/]{0,6}领域创作者|(?:优质|认证)?创作者"  # self-media titles: "优质财经领域创作者"
)
_L, _R = r"(?<![^\s|·・•丨/])", r"(?=$|[\s|·・•丨/])"  # a field is a whole segment of the line
_STAMPS = re.compile(rf"{_L}(?:{_STAMP}){_R}")
_TIMES = re.compile(rf"{_L}{_TIME}{_R}")
_FIELDS = re.compile(rf"{_L}(?:{_LABELLED}|{_COUNTER}|{_CREDENTIAL}){_R}")
_LONE_LABEL = re.compile(_LABELLED)
_CREDENTIALS = re.compile(rf"{_L}(?:{_CREDENTIAL}){_R}")
_CARD_SEP = re.compile(r"[|·・•丨]")
_BYLINE_ROLES = re.compile(rf"{_L}(?:{_BYLINE_ROLE}){_R}")
_PLAIN_ROLES = re.compile(rf"{_L}(?:{_PLAIN_ROLE}){_R}")
_FIELD = re.compile(  # a field anywhere, for the title choice; also glued counters: "249人参与49评论"
    _FIELDS.pattern + rf"|{_L}\d[\d,.]*\s*[万千wk]?\s*(?:人|条|次)(?:参与|评论|阅读|浏览|点赞|回复|收藏)(?:\d[\d,.]*\s*(?:评论|回复))?{_R}"
)
_SEP = re.compile(r"[\s|·・•丨/]+")
PROVINCES = ("北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南"
             "|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门")
_PLACE_LAST = re.compile(rf"(?<=\s)(?:{PROVINCES})\s*$")
_NAME_TOKEN = re.compile(r"[^\s,。;!?:：、“”\"()（）]{1,10}")
_CLAUSE = re.compile(r",(?!\d)|、")


def is_meta_line(f: str) -> bool:
    """True for a folded line made of metadata fields and at most two short name-like tokens.

    What makes one: a labelled field, counter or credential next to another field, a
    date or a byline role (a lone ``label：value`` is left to the label's own rule: "时间：晚上十点以后" is
    an answer); a counter or credential alone ("阅读 4.1k"); or a byline role with a date
    or another role. Dates with names only ("2024年1月31日 召开发布会", "05-12 21:03 催收员打给我妈")
    are a timeline's, and left to the dateline rule.
    """
    if not f or len(f) > 100 or SENTENCE_END.search(f):
        return False
    rest, fields = _FIELDS.subn(" ", f)
    rest, stamps = _STAMPS.subn(" ", rest)
    if stamps:
        rest = _PLACE_LAST.sub(" ", rest)  # WeChat's "原创 某某 账号 2024年1月2日 10:00 北京": where it was posted
    rest = _TIMES.sub(" ", rest)  # a time beside the fields counts for nothing and is no name either
    if _CLAUSE.search(rest):
        return False  # a clause outside the fields ("擅长：债权、合同" is one field)
    rest, roles = _BYLINE_ROLES.subn(" ", rest)
    rest, plain = _PLAIN_ROLES.subn(" ", rest)
    found = fields + stamps + roles
    if fields == 1 and found == 1 and _LONE_LABEL.fullmatch(f.strip()):
        return False
    if not (fields >= 1 or (roles >= 1 and (stamps >= 1 or roles + plain >= 2))):
        return False
    names = [t for t in _SEP.split(rest) if plain_len(t)]
    # a credential names its holder in a card's layout: "上海 · 从业5年" (not "从业10年 谈谈协商")
    allowed = 2 if found + plain >= 2 or (_CREDENTIALS.search(f) and _CARD_SEP.search(f)) else 0
    if len(names) > allowed or not all(_NAME_TOKEN.fullmatch(t) for t in names):
        return False  # a lone counter stands alone ("阅读 4.1k"); "客服 回复 2 次" is a sentence's
    # with one field, the names beside it must be short ("刘某 律师 | 执业8年 | 浙江")
    return found >= 2 or plain_len(rest) <= max(4, plain_len(f) // 2)


def has_meta_field(f: str) -> bool:
    """True when a folded line holds a labelled field, a counter or a credential as a segment of its own.

    A headline may hold a date ("2023年征信新规") but not "提问时间：09-18 14:22" or
    "阅读 2,311": the title choice uses this to pass over post headers.
    """
    return bool(_FIELD.search(f))


# A poster's profile card beside each post of a forum thread, one field per block or line
# (Discuz, vBulletin, phpBB and their kin): "主题 / 帖子 / 积分 / 注册时间 2019-5-6 / 在线时间 41 小时",
# "资深会员 / 注册日期 / 2016-03 / 帖子 / 4,718".
_PROFILE_LABEL = (
    r"(?:主题|主題|帖子|回帖|发帖|發帖|积分|積分|威望|金钱|金錢|金币|金幣|铜币|贡献|貢獻|精华|精華|魅力|经验|經驗|声望"
    r"|聲望|好友|听众|聽眾|收听|粉丝|粉絲|性别|性別|生日|星座|来自|來自|所在地|居住地|用户组|用戶組|等级|等級|阅读权限"
    r"|閱讀權限|UID|注册|註冊|注册于|註冊於|注册时间|註冊時間|注册日期|註冊日期|加入时间|加入時間|最后登录|最後登入"
    r"|上次登录|在线时间|在線時間|(?:帖子|发帖|發帖|回帖|主题|主題|回复|回覆)数|身份|身分|文章)"
)
# a poster's rank: "资深会员", "版主", "新手上路", "Lv.5"
_RANK_WORDS = (
    r"(?:资深|高级|中级|初级|注册|新手|普通|正式|荣誉|核心|金牌|银牌|铜牌|資深|高級|中級|初級|註冊)(?:会员|會員)"
    r"|(?:超级|实习|實習)?(?:版主|管理员|管理員)|新手上路|(?:LV|Lv|lv)\.?\s*\d+"
)
_PROFILE_VALUE = (
    r"(?:-?[\d][\d,.]*\s*(?:小时|小時|分钟|分鐘|天|个|個|篇|点|點|元|枚)?|(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}(?:\s*[-/.月]\s*\d{1,2}\s*日?)?"
    rf"|{_RANK_WORDS}|禁止发言|VIP\s*\d*|[男女保密]{{1,2}}|用户|用戶)"
)
# a label alone, with a value, or with a short free value after a separator ("来自 江苏", not "积分规则")
_PROFILE_LABEL_LINE = re.compile(
    rf"{_PROFILE_LABEL}(?:\s*[:：]?\s*(?:{_PROFILE_VALUE})|\s*[:：]\s*[^\s,，。；;]{{1,12}}|\s+[^\s,，。；;]{{1,12}})?"
)
_PROFILE_VALUE_LINE = re.compile(_PROFILE_VALUE)
_PROFILE_LABEL_ALONE = re.compile(_PROFILE_LABEL)
_MIN_CARD_LINES = 3
_SPACED_LABEL = 8
_MIN_CARD_LABELS = 2


# labels that belong to a profile card only: one such field on its line is a card's remnant in a thread
_CARD_ONLY_LABEL = (
    r"(?:注册时间|註冊時間|注册日期|註冊日期|注册于|註冊於|注册|註冊|加入时间|加入時間|在线时间|在線時間|最后登录"
    r"|最後登入|上次登录|阅读权限|閱讀權限|用户组|用戶組|积分|積分|威望|金钱|金錢|UID|精华|精華|文章|发文|發文"
    r"|(?:帖子|发帖|發帖|回帖|主题|主題)数)"
)
_CARD_FIELDS = re.compile(rf"(?:{_CARD_ONLY_LABEL}\s*[:：]?\s*(?:{_PROFILE_VALUE})\s*)+")
_FORUM_LABEL = re.compile(rf"{_CARD_ONLY_LABEL}", re.I)


def is_forum_card(lines: list[str]) -> bool:
    """A card run holds a label only forum software prints (``积分``, ``注册时间``, ``UID``), not
    only fields a notice or a profile may list about a person (``性别``, ``生日``, ``所在地``)."""
    return any(_FORUM_LABEL.match(line.replace(" ", "").replace("\u3000", "")) for line in lines)


_RANK = re.compile(_RANK_WORDS)


def is_profile_field_line(line: str) -> bool:
    """Profile-card fields with their values, one or several glued on a line ("在线时间 3 小时",
    "注册时间 2019-7-20", "文章 1,204積分 3,876註冊 2011-03"), or a poster's rank alone ("资深会员")."""
    s = line.strip()
    return _CARD_FIELDS.fullmatch(s) is not None or _RANK.fullmatch(s) is not None


def profile_card_runs(lines: list[str]) -> list[list[int]]:
    """The runs of :func:`profile_card_lines`, one list of indices per card."""
    runs: list[list[int]] = []
    run: list[int] = []
    labels = 0
    for i, line in enumerate([*lines, ""]):
        s = line.strip()
        squashed = s.replace(" ", "").replace("\u3000", "") if len(s) <= _SPACED_LABEL else ""
        is_label = bool(s) and (  # a label, or one spaced to a column's width ("积 分", "等 级")
            _PROFILE_LABEL_LINE.fullmatch(s) is not None or _PROFILE_LABEL_ALONE.fullmatch(squashed) is not None
        )
        if is_label or (s and _PROFILE_VALUE_LINE.fullmatch(s)):
            run.append(i)
            labels += is_label
            continue
        if len(run) >= _MIN_CARD_LINES and labels >= _MIN_CARD_LABELS:
            runs.append(run)
        run, labels = [], 0
    return runs


def profile_card_lines(lines: list[str]) -> set[int]:
    """Indices of the lines that make up posters' profile cards.

    A card is a run of three or more consecutive lines, each a profile label with or
    without its value (``积分``, ``注册时间 2019-5-6``) or a bare value (``4,718``,
    ``41 小时``, ``资深会员``), holding at least two labels. A lone ``来自 江苏`` or a number
    on its own line is never a card; an article's table of figures has no such labels.
    """
    return {i for run in profile_card_runs(lines) for i in run}


def thread_card_lines(lines: list[str]) -> set[int]:
    """Indices of the posters' cards of a thread whose posts no template names: two forum card
    runs or more (:func:`profile_card_runs` with a label only forum software prints, see
    :func:`is_forum_card`). One run alone may be an article's own list; the fields glued to a
    card are not taken (a matchmaking thread's posters list 身高 / 学历 / 职业 right under it,
    every post alike)."""
    runs = [run for run in profile_card_runs(lines) if is_forum_card([lines[k] for k in run])]
    return {i for run in runs for i in run} if len(runs) >= 2 else set()


# a short label and a short value, nothing else: "虫号: 6081347", "散金: 120", "专业: 电化学"
_LABEL_VALUE = re.compile(
    r"([^\s:：,，。；;!?！？]{1,6})\s*[:：]\s*([^\s,，。；;!?！？](?:[^,，。；;!?！？]|(?<=\d),(?=\d)){0,11})"
)
_DIGIT = re.compile(r"\d")
_SENTENCE_MARK = re.compile(r"[，。！？；,!?;：:]")
_CARD_HEAD_CHARS = 16


def _field_labels(block: str) -> list[str] | None:
    """The labels of a block made only of short ``label: value`` lines (one or several), else None."""
    labels = []
    for line in block.splitlines():
        if line.strip():
            m = _LABEL_VALUE.fullmatch(line.strip())
            if m is None:
                return None
            labels.append(m.group(1))
    return labels or None


_TEMPLATE_POSTS = 3  # posts that print the same figure-less labels beside their words: the board's card


def repeated_field_lines(posts: list[list[str]]) -> list[set[int]]:
    """Per post, the blocks of a card the software prints with every post, whatever its labels.

    The label lists above know the common forum software; a board of its own prints its
    own fields ("虫号: 6081347 / 金币: 1,863.4 / 散金: 120 / 专业: 电化学"). Such a card is
    told by its template: short ``label: value`` lines in a row (in one block or
    consecutive ones), half of them with a figure and half of them, two at least, with a
    label found in such lines of another post too; without figures, every label found beside
    three posts or more. The caller passes only the blocks outside
    the element holding each post's sentences, since a thread's posts may all list the same
    figures in their own words ("总负债：23万"). The short unpunctuated line right above such
    a card (the poster's rank, "铁杆木虫 (正式写手)") goes with it when two or more cards have one.
    """
    fields = [{i: labels for i, block in enumerate(blocks) if (labels := _field_labels(block))} for blocks in posts]
    seen: dict[str, int] = {}
    for f in fields:
        for label in {x for labels in f.values() for x in labels}:
            seen[label] = seen.get(label, 0) + 1
    out: list[set[int]] = []
    heads: list[tuple[int, int]] = []  # (post, block) of a short line right above a card
    for p, (blocks, f) in enumerate(zip(posts, fields, strict=True)):
        mine: set[int] = set()
        run: list[int] = []
        for i in [*range(len(blocks)), len(blocks)]:
            if i in f:
                run.append(i)
                continue
            lines = [line for k in run for line in blocks[k].splitlines() if line.strip()]
            shared = sum(seen[x] >= 2 for k in run for x in f[k])
            figures = 2 * sum(bool(_DIGIT.search(line)) for line in lines) >= len(lines)
            # without figures ("職業：魔法師 / 種族：精靈"), only a template printed with three posts or more
            every_post = all(seen[x] >= _TEMPLATE_POSTS for k in run for x in f[k])
            if shared >= 2 and 2 * shared >= len(lines) and (figures or every_post):
                mine.update(run)
                above = blocks[run[0] - 1].strip() if run[0] > 0 else ""
                if 0 < len(above) <= _CARD_HEAD_CHARS and not _SENTENCE_MARK.search(above):
                    heads.append((p, run[0] - 1))
            run = []
        out.append(mine)
    if len(heads) >= 2:
        for p, i in heads:
            out[p].add(i)
    return out


# an answerer's card on a lawyer Q&A page, line by line: "王建峰金牌律师", "湖北楚衡律师事务所"
_ANSWERER_CARD = re.compile(  # a name with a title word ("谢谢律师", "咨询当地律师" have none)
    r"[\u4e00-\u9fffA-Za-z·]{2,8}?\s*(?:金牌|银牌|铜牌|资深|认证|签约|执业|专职|兼职|实习|首席|主任)"
    r"(?:律师|理财师|理财规划师|规划师|咨询师|会计师|税务师|分析师)"
    r"|[^\s,，。；;:：]{2,20}律师事务所(?:[^\s,，。；;:：]{0,8}分所)?"
    r"|(?!我)[\u4e00-\u9fffA-Za-z0-9_·]{2,12}?(?:优质)?[\u4e00-\u9fff]{0,4}领域创作者"  # "理财小马哥优质财经领域创作者"
)


# words of a sentence about such people, never of a card: "建议咨询认证理财师", "感谢这位优质财经领域创作者"
_ADVISING = re.compile(r"咨询|建议|找|请|感谢|谢谢|问问|一下|这位|可以|最好")


def is_answerer_card_line(line: str) -> bool:
    """A line that is only an answerer's name with a professional title, or a law firm's name.

    "王建峰金牌律师", "王磊认证理财师": the title needs its qualifier, so "谢谢律师" is no card.

    Asked of the lines of a thread's posts only: in an article "张三律师" on a line of
    its own may be a heading.
    """
    s = line.strip()
    return _ANSWERER_CARD.fullmatch(s) is not None and not _ADVISING.search(s)
