"""Who made a page and when: image captions, bylines and answer cards, datelines.

Line families ``caption``, ``byline`` and ``dateline`` of :mod:`.line_rules` (see its table),
judged on one folded line. Credits and captions are short and carry no sentence; the
names they hold must read as names (:mod:`pipeline.extract.names`), so a column's title
("记者手记") or a sentence about a photo stays content.
"""

from __future__ import annotations

import re

from pipeline.extract.dates import ENGLISH_DATE, ENGLISH_HINT, minguo_date
from pipeline.extract.folded_line import AGO, SENTENCE_END, plain_len, strip_frame
from pipeline.extract.names import WRITER_ROLE, credit_names, is_name_line

_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_IMAGE_FILE = re.compile(r"[^。,]{0,60}\.(?:jpe?g|png|gif|webp|bmp|svg)")
_IMAGE_STUB = re.compile(
    r"(?:相关|资料|档案|示意|配|网络|网友|原创|新闻|封面|题|头)*(?:图|图片|照片|图像|配图)(?:仅供参考|来源\s*[::]?.{0,20}|源\s*[::].{0,20})?"
    r"|图片(?:由|来自|来源).{0,20}|点击(?:添加|查看)(?:图片|大图)\S{0,6}|(?:点击)?添加图片(?:描述|注释|说明).{0,24}"
    r"|(?:文中|文内|本文|封面|头)?(?:图片|配图|插图)均?(?:来自|源自|源于|取自)网络.{0,12}|(?:本图|图片|配图|封面)(?:由|为)\s*ai\s*(?:生成|绘制).{0,6}"
    r"|图片(?:上传|加载)失败(?:[.…]+\s*(?:\(image-[\w-]+\))?)?|(?:请)?点击输入图片(?:描述|注释|说明).{0,12}"
    r"|photo by .{1,30} on (?:unsplash|pexels|pixabay)"
)
_CAPTION_LABEL = re.compile(
    r"(?:相关|资料|档案|示意|新闻|插|配)?(?:图|图片|照片)\s*(?:[::/丨|]|由.{0,12}(?:提供|分享)).{0,40}"
    r"|(?:上|下|左|右)?图(?:为|中为)(?!什么|了|例|何|啥)[^。;!?,]{2,40}"  # "▲图为催收短信截图" (the bullet is stripped)
    r"|图源\s*[::].{1,30}|资料图\s*[((]\s*(?:图源|来源|图片来源)\s*[::][^()]{1,20}[))]"  # "资料图(图源:网络)"
)

_PHOTO_CREDIT = re.compile(
    r"(?:[((][^()]{0,30}(?:摄|提供|图片|档案照|资料照|供图|翻摄)[^()]{0,20}[))]"
    r"|(?:图|摄|摄影|图片|照片)\s*[/|丨]\s*[^\s/|丨]{1,20}[))]?"
    r"|(?:通讯员|记者|受访者|警方|受访单位|本报|网友|市民|读者)\s*供图"
    r"|(?:记者|通讯员|摄影)\s*[\u4e00-\u9fff·]{2,4}\s*摄"  # "…记者 宁某 摄"
    r"|^[▲△▼]\s*(?!.*(?:保存|留存|收集|记得|注意|一定|要|请|可以|应))\S.{0,80}(?:截图|示意图|资料图|照片))$"
    # "▲某机构发布的引流广告截图" (not "▲ 保存好催收短信、通话录音和聊天截图", a bullet of advice)
)
_IMAGE_NUMBER = re.compile(r"第\s*\d+\s*张图片")
# A figure's label and caption: "图1", "图 2：催收短信截图" (a caption, so for text scrapes only)
_FIGURE_LABEL = re.compile(r"^图\s*\d{1,2}(?:\s*[::.、]\s*[^。;!?]{1,30})?$")
# Players and galleries as whole lines: "[视频]", "点击播放", "您的浏览器不支持 video 标签",
# "第1张/共5张", "图片仅为示意".
_MEDIA_LINE = re.compile(
    r"^[\[【(](?:视频|图片|图|音频|动图)(?:截图)?[\]】)]$"
    r"|^(?:点击|立即)?播放(?:视频)?$|^播放\s*暂停|不支持\s*(?:video|audio|html5)|^视频\s*[::]\s*\S{1,16}$"
    r"|^上一张\s*下一张$|^第\s*\d+\s*张\s*/\s*共\s*\d+\s*张$|^(?:查看原图|查看大图|全部图片|查看全部图片|高清大图)$"
    r"|^(?:图文无关|图片(?:仅为|仅作|仅供)?示意(?:图)?|(?:图片|配图)(?:与|和)(?:本文|正文|文章)无关)\S{0,4}$"
)
_LOGO = re.compile(r"\S{0,24}[-_ ]?logo")

_ROLE = r"(?:本报)?(?:记者|实习记者|编辑|责任编辑|责编|撰文|撰稿|作者|来源|通讯员|出品|摄影|策划|监制|审核|校对|统筹|设计|制图)"
_ROLE_SEP = re.compile(rf"(?:^|\s){_ROLE}\s*[/|丨]\s*\S")
_ROLE_BOX = re.compile(rf"^[□■◎]\s*{_ROLE}")
_REPORT_PAREN = re.compile(r"[((][^()]{1,30}(?:报导|报道|电)[))]"
                           r"|[((]\s*(?:[\u4e00-\u9fff]{1,6}(?:网|报|台|社))?\s*(?:编辑|责编|责任编辑|校对|审核|审校|统筹)"
                           r"\s*[::]?\s*[\u4e00-\u9fff·]{2,4}"
                           r"(?:[\s、]+[\u4e00-\u9fff·]{2,4}){0,3}\s*[))]")  # "（编辑 卢某彤）", "（某某网编辑 孙某芳）"
# a credit line of reporters' names and nothing else: "某某日报记者 王某 李某", "本报记者 王某 方 某",
# "（评论员 张伟 刘洋）"; a space after the role, so a column's name ("记者手记", "记者调查") is no credit.
# Both scripts: pipeline.extract.byline reads the names off unfolded text with the same patterns.
CREDIT_ROLE = (r"(?:本报|本台|本刊)?(?:特约|见习|見習|首席|实习|實習|融媒|全媒|融媒体)?"
               r"(?:记者|記者|通讯员|通訊員|实习生|實習生|评论员|評論員|特派员|特派員)")
CREDIT_NAMES = rf"[\u4e00-\u9fff·]{{2,4}}(?:[\s、,]+(?:{CREDIT_ROLE}\s*)?[\u4e00-\u9fff·]{{1,4}}){{0,5}}"
# a news credit standing alone on its line: "某某日报讯（记者 周某）", "本报讯（记者 何某 通讯员 杨某）",
# "某某社北京6月5日电（记者 吴某）", "本报北京3月12日电 记者 常某", "【某某日报专讯】", "〔记者陈某／新北报导〕"
_CREDIT_ALONE = re.compile(
    rf"^\S{{1,16}}?(?:\d{{1,2}}月\d{{1,2}}日)?(?:讯|电|专讯)\s*(?:\(\s*(?P<inner>[^()]{{2,40}})\)|(?P<tail>{CREDIT_ROLE}\s+{CREDIT_NAMES}))$"
    r"|^【[^【】\s]{2,16}?(?:专讯|讯)】$"
    rf"|^[(〔【]?(?:{CREDIT_ROLE}\s*)?(?P<tw>[\u4e00-\u9fff·]{{2,4}}(?:[、,][\u4e00-\u9fff·]{{2,4}}){{0,3}})/[\u4e00-\u9fff]{{2,6}}?(?:即时)?(?:报导|报道)[)〕】]?$"
)
_REPORTER_LINE = re.compile(
    rf"^(?:[^\s\d(),。]{{2,12}}?)?{CREDIT_ROLE}\s+{CREDIT_NAMES}$|^\(\s*{CREDIT_ROLE}\s+{CREDIT_NAMES}\s*\)$"
)
_EXCLUSIVE = re.compile(r"^(?:独家|专题|特约)?(?:报道|报导|采写|文字|图文)\s*[::/丨]\s*\S{1,12}$")

_EN_DATE = ENGLISH_DATE  # "16 Sep, 2025", "September 10th, 2005 10:56 am"
_NUMERIC_DATE = re.compile(r"(?<!\d)(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?")
# a date's label before a 民國 date: a law's title with its date ("某某條例(民國96年7月11日公布)") has none
_DATE_WORD = re.compile(r"日期|时间|发布|更新|发表|公告")
_LABELLED_DATE = re.compile(
    r"(?:发布|发表|更新|上传|原|录入|编辑)?(?:时间|日期)\s*[::]\s*(?:19|20)\d{2}\s*[年/.-]\s*\d{1,2}\s*[月/.-]\s*\d{1,2}\s*日?"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)
# a page's date given to the month only, after its label: "最后更新：2024年9月", "更新时间：2024-09",
# "last updated: september 2024" (a bare "2024年9月" heads a timeline's part, and stays)
_MONTH_DATELINE = re.compile(
    r"(?:本文|本页|文章|页面)?(?:最后更新|最近更新|更新|发布|发表|上传)(?:时间|日期|于)?\s*[:]?\s*(?:19|20)\d{2}\s*(?:年\s*(?:0?[1-9]|1[0-2])\s*月份?|[-/.]\s*(?:0?[1-9]|1[0-2]))"
    r"|(?:last\s+)?(?:updated|published|posted)(?:\s+on)?\s*:?\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?"
    r"\s+(?:19|20)\d{2}"
)

# "回答者：张律师", "答主：财经老李": the label and a short value without a clause ("提问者：女，32岁，欠款8万"
# is the question)
_ANSWERER = re.compile(r"^(?:回答者|提问者|答主)\s*[::]\s*(\S{1,8})$")
# an answer card's header on a Q&A page: "孙某 律师 浙江某某律师事务所", "马某律师 执业12年" (the bare
# "王某某律师" is also a letter's signature: :func:`is_lawyer_name` leaves it to the context rules)
_LAWYER_LINE = re.compile(
    r"^([\u4e00-\u9fff]{2,4})\s*律师(\s+\S{2,20}(?:律师事务所|律所))?(\s*[|·]?\s*执业\s*\d+\s*年)?$"
)

# "3 小时前", "前天 21:36", "发表于 昨天 08:15" (a post's header)
_RELATIVE_TIME = re.compile(
    rf"{AGO}|^(?:(?:发表|發表|发布|發佈|回复|回覆|更新)[于於]\s*)?(?:刚刚|昨天|前天|今天)\s*\d{{1,2}}:\d{{2}}"
)


def is_caption(f: str) -> bool:
    """An image stub or a player's line: ``![]()``, ``x.jpg``, ``(资料图)``, ``点击播放``, ``…-logo``."""
    if len(f) > 150:
        return False
    if _MARKDOWN_IMAGE.fullmatch(f) or _IMAGE_FILE.fullmatch(f) or _IMAGE_NUMBER.search(f):
        return True
    if len(f) <= 40 and _MEDIA_LINE.search(f):
        return True
    core = strip_frame(f)
    if len(core) <= 40 and _IMAGE_STUB.fullmatch(core):
        return True
    return len(f) <= 30 and bool(_LOGO.fullmatch(f))


def is_photo_caption(f: str) -> bool:
    """A real photo's caption, credited (``…(记者某某摄)``, ``…图/某机构``) or labelled (``资料图:…``).

    Only for text scrapes: there a caption is page furniture (the annotators' rule), while
    the HTML extractor keeps a figure's caption with its article, as the HTML gold texts do.
    """
    if len(f) > 120:
        return False
    return bool(_PHOTO_CREDIT.search(f) or _CAPTION_LABEL.fullmatch(strip_frame(f)) or _FIGURE_LABEL.match(f))


def is_answerer(f: str) -> bool:
    """A Q&A page's answerer or asker (``回答者：张律师``), or a lawyer's card with its firm or years."""
    m = _ANSWERER.match(f)
    if m:  # the label says a name follows; a sentence has its punctuation
        return not SENTENCE_END.search(m.group(1)) and "," not in m.group(1)
    m = _lawyer_line(f)
    return bool(m and (m.group(2) or m.group(3)))  # with its firm or years: a card, wherever it stands


def _lawyer_line(f: str) -> re.Match[str] | None:
    """The match of a line that is a lawyer's name, maybe with firm and years, or None."""
    m = _LAWYER_LINE.match(f)
    return m if m and is_name_line(m.group(1)) else None


def is_lawyer_name(f: str, firm_below: bool = False) -> bool:
    """A folded line that is a lawyer's name and nothing else: "王某某律师", "马某 律师".

    A two-character name needs the space ("王牌律师", "周边律师" are words), unless a firm's
    line right below vouches for it (an answer card: "张明律师 / 某某律师事务所 已帮助 2,316 人").
    """
    m = _lawyer_line(f)
    return bool(m) and not (m.group(2) or m.group(3)) and (
        firm_below or len(m.group(1)) > 2 or len(f) > len(m.group(1)) + 2)


def is_byline(f: str) -> bool:
    """A credit of who wrote or shot it: ``记者 / 某某``, ``撰文丨某``, ``本报讯（记者 某某）``, ``（某某／台北報導）``."""
    if len(f) > 60 or SENTENCE_END.search(f):
        return False
    if _ROLE_SEP.search(f) or _ROLE_BOX.match(f) or _EXCLUSIVE.match(f):
        return True
    return len(f) <= 40 and bool(_REPORT_PAREN.fullmatch(f) or (_REPORTER_LINE.match(f) and credit_names(f))
                                 or _credit_alone(f))


def _credit_alone(f: str) -> bool:
    """A news credit with nothing after it (see _CREDIT_ALONE); its names must be names."""
    m = _CREDIT_ALONE.match(f)
    if not m:
        return False
    names = m.group("inner") or m.group("tail") or m.group("tw")
    if names is None:
        return True  # "【某某日报专讯】"
    return bool(credit_names(names if m.group("tail") or m.group("inner") and WRITER_ROLE.search(names)
                             else "记者 " + names))


def is_dateline(f: str) -> bool:
    """A date with little else: English, relative, numeric or labelled, 民國 after a label, a month after its label."""
    if len(f) > 80 or SENTENCE_END.search(f):
        return False
    if ENGLISH_HINT.search(f) and _EN_DATE.search(f) and plain_len(_EN_DATE.sub(" ", f)) <= 12:
        return True
    if len(f) <= 40 and _RELATIVE_TIME.search(f) and plain_len(_RELATIVE_TIME.sub(" ", f)) <= 12:
        return True
    if len(f) <= 40 and _MONTH_DATELINE.fullmatch(f.strip()):
        return True
    rest = _LABELLED_DATE.sub(" ", f)
    rest = _NUMERIC_DATE.sub(" ", rest)
    if rest == f and (roc := minguo_date(f)) and _DATE_WORD.search(f[: roc[1][0]]):
        rest = f[: roc[1][0]] + " " + f[roc[1][1] :]  # "发布日期:民国113年5月2日 发布单位:法制处"
    return rest != f and plain_len(rest) <= 16
