"""Furniture of forum threads, Q&A pages and embedded tools, judged one folded line at a time.

Forum software, Q&A communities and calculator widgets print the same few kinds of line
around every post, whatever the site: a thread's view and reply counts, a floor number on
its own, a signature, a user's level, vote counters, a system note about a folded floor,
an English board's ``Posted by … on <date>``, a BBS header (PTT's ``作者`` / ``看板`` / ``時間`` /
``※ 發信站``; a Firebird-style post's ``发信人`` lines and the header of a quoted post), a share strip, a Q&A answer's header (``采纳率86%`` / ``来自手机知道``); and a
calculator's empty fields, its radio choices, its buttons and its placeholder results.
Each pattern is anchored to the whole line and sized so that a post's or an article's own
sentence (``这个帖子的回复很有帮助``, ``分期期数越多，利息越高。``) never matches.

Lines arrive folded by :func:`pipeline.extract.fold.fold` (NFKC, lower case, Simplified).
"""

from __future__ import annotations

import re

# "查看: 3862|回复: 27", "浏览 1,024 / 评论 3": a thread's or an article's counters and nothing else
_COUNT_FIELD = r"(?:查看|浏览|阅读|回复|评论|点赞|收藏|人气)\s*[::]?\s*\d[\d,.]*[万wk]?"
_COUNTS_ONLY = re.compile(rf"{_COUNT_FIELD}(?:\s*[|/·,]?\s*{_COUNT_FIELD})+")
# a floor on its own line: "2#", "#3" ("5楼", "楼主" are the navigation's, :mod:`.widget_lines`)
_FLOOR_ALONE = re.compile(r"#?\s*\d{1,4}\s*#|#\s*\d{1,4}")
# (a how-to's "签名：借款人、出借人双方亲笔签名并按手印。" is the article's)
_SIGNATURE = re.compile(r"(?:个性)?签名\s*[::](?!.*(?:借款人|出借人|双方|亲笔|手印|签字))[^。]{1,40}")
# "有帮助(8)", "赞同 12 反对 0", "👍 4 👎 0": a post's vote buttons with their counts
_VOTE = (r"(?:(?:👍|👎|💬|❤️?|♥)\s*(?:有帮助|没帮助|有用|没用|赞同|反对|点赞|评论)?|有帮助|没帮助|有用|没用|赞同|反对|点赞|踩|顶)"
         r"\s*[(（]?\s*\d[\d,]*\s*[)）]?")
_VOTES_ONLY = re.compile(rf"{_VOTE}(?:\s*{_VOTE})*")
# an answer's time and votes: "03-14 10:41 · 有用 27"
_STAMP_VOTES = re.compile(rf"(?:\d{{4}}-)?\d{{1,2}}-\d{{1,2}}\s+\d{{1,2}}:\d{{2}}\s*[·|]?\s*{_VOTE}")
# "共 3 位律师回答", "已有4位律师解答", "3个回答"
_ANSWER_COUNT = re.compile(r"(?:共|已有)?\s*\d+\s*(?:位|个|名)?(?:律师|专家|网友|用户)(?:回答|解答|回复)")
# the asker's or complainant's line: "发问者：kenl*** | 2024年2月18日 下午11:32 | 浏览 2,451"
_ASKER = re.compile(r"(?:发问者|提问者|提问人|投诉人|发起人|咨询人)\s*[::]\s*[^\s,，。]{1,20}(?:\s*[|·]\s*.{1,40}){1,3}")
# (alone, "投诉人：张某某" signs a complaint letter)
_RATING = re.compile(r"[★☆]{3,5}\s*\d(?:\.\d)?\s*分?\s*(?:[(（]\s*[\d,]+\s*人(?:评价|评分)\s*[)）])?")
# "贝壳里的鱼 lv.6", "lv9": a user's level after the name
_USER_LEVEL = re.compile(r"(?:\S{1,16}\s+)?lv\.?\d{1,2}")
# an English board's or blog's header: "posted by 老伦敦 » fri feb 16, 2024 9:05 am", "posted by team on 12 may 2024"
_POSTED_BY = re.compile(r"posted\s+by\s+\S.{0,40}?(?:\s+(?:on|»|at|\||·|-)\s+.{0,60})?")
# a Firebird-style BBS post (水木, 未名, 小百合 and their kin) as text: its header lines, its
# "※ 来源"/"※ 修改" footer, and the header of a quoted earlier post
_BBS_HEADER = re.compile(
    r"(?:发信人|發信人)\s*[:：]\s*\S.{0,60}(?:信区|看版|版面)\s*[:：]|(?:发信站|發信站)\s*[:：]\s*\S"
    r"|标\s+题\s*[:：]\s*\S.{0,80}$|标题\s*[:：]\s*re\s*[:：]|※\s*(?:来源|來源|修改|转载|轉載)\s*[:：·]"
)
_BBS_QUOTE_HEADER = re.compile(r"[【\[]\s*在\s*\S{1,20}(?:\s*[(（][^)）]{0,20}[)）])?\s*的大作中提到\s*[:：]?\s*[】\]]")
_EN_DATE = re.compile(r"\b(?:19|20)\d{2}\b|\d{1,2}:\d{2}")
# a PTT-style BBS header: "作者 kaka0917 (小卡)", "看板 debt", "时间 sun jun 16 01:23:45 2024", "※ 发信站: …"
_PTT_HEADER = re.compile(
    r"作者\s+[a-z0-9_.-]{2,20}(?:\s*[(（][^()（）]{1,16}[)）])?|看板\s+[a-z0-9_-]{2,20}"
    r"|时间\s+(?:mon|tue|wed|thu|fri|sat|sun)\s+[a-z]{3}\s+\d{1,2}\s.{0,20}"
    r"|※\s*(?:发信站|文章网址|编辑|引述)\s*[::].{0,120}"
)
# a share strip: "share this:", "facebook · whatsapp · email", "分享到 微信 微博 qq空间"
_SHARE_TARGET = (r"(?:facebook|whatsapp|email|e-mail|twitter|x|line|telegram|linkedin|wechat|weibo|pinterest|reddit"
                 r"|print|copy\s+link|微信|朋友圈|微博|qq空间|qq|豆瓣|列印|打印)")
_SHARE_STRIP = re.compile(rf"(?:share\s+(?:this|on)\s*:?|分享(?:到)?\s*[::]?)?\s*{_SHARE_TARGET}(?:\s*[·|/,]?\s*{_SHARE_TARGET})+"
                          r"|share\s+(?:this|on|via)\s*:?")
# a system note about a hidden floor or post
_FOLDED = re.compile(r"(?:该|此)(?:楼层|楼|帖子?|回复|回答|内容)\S{0,6}已被(?:系统)?(?:折叠|屏蔽|隐藏|删除).{0,20}"
                     r"|隐藏此楼\s*查看此楼|查看此楼|隐藏此楼")
# a Q&A answer's header split by bars: "lawyer_zhang2019 | 来自手机知道 | 采纳率86%"
_QA_PART = re.compile(r"采纳率\s*\d{1,3}%|来自\S{1,8}(?:知道|客户端|app)|回答于\s*\S.{0,20}|[a-z0-9_.-]{3,24}"
                      r"|\d[\d,]*\s*(?:个回答|回答|粉丝|获赞)")
_BAR_SPLIT = re.compile(r"\s*[|｜·]\s*")
# a lawyer's card: "黄郁婷律师|台中|民事、家事", "广东 · 婚姻家事/债务 | 平均响应 3 分钟"
_LAWYER_CARD = re.compile(r"[\u4e00-\u9fff?](?:\s?[\u4e00-\u9fff?]){1,3}\s*律师\s*"
                          r"(?:[|｜·/]\s*(?=.*(?:执业|响应|擅长|帮助|好评|评分|认证|\d|[|｜·]))\S.{0,30}|已认证)"
                          r"|.{0,30}(?:平均响应|响应(?:时间|速度)\s*[::]?|响应\s*[<＜])\s*\d+\s*(?:分钟|秒|小时|min).{0,10}"
                          r"|[\u4e00-\u9fff?]{2,4}\s*律师\s+[\u4e00-\u9fff?]{2,12}律师事务所")
# a post's action bar: "只看楼主  收藏  回复", "回复 引用 举报"
_ACTION = (r"(?:只看楼主|只看该作者|倒序看帖|收藏|回复|引用|举报|分享|点赞|楼中楼|复制链接|评分|使用道具|支持|反对|顶|踩|编辑|删除"
           r"|编辑词条|在看)")
_ACTION_BAR = re.compile(rf"{_ACTION}(?:(?:\s*[|·/]\s*|\s+){_ACTION})+")
# a comment's buttons on their own line, each with its count or none: "回复", "赞(3) 回复 举报",
# "12 回复", "顶[2] 踩[0]"; and the thread's fold: "查看全部3条回复", "收起回复"
# (a comment's own buttons only: a share strip's 收藏 / 复制链接 ends a comment section; a lone 顶, 支持 or 赞
# right under a meta line is still that comment's words, :func:`pipeline.extract.comments.parse_comments`)
_COMMENT_ACTION = r"(?:回复|引用|举报|点赞|赞|支持|反对|顶|踩|删除)"
_COUNTED_ACTION = rf"(?:\d{{1,6}}\s*)?{_COMMENT_ACTION}\s*(?:[(\[]\s*\d{{1,6}}\s*[)\]]|\d{{1,6}})?"
_POST_ACTIONS = re.compile(rf"{_COUNTED_ACTION}(?:(?:\s*[|·/]\s*|\s+){_COUNTED_ACTION})*"
                           r"|(?:查看|展开)(?:全部|更多)?\s*\d{1,6}\s*条回复|收起回复")
# more buttons, which make a comment's row only beside a reply or vote button or with a count
# ("有用(2) 回复", "分享 回复", "收藏 评论(3)"): alone, "喜欢" can be a reader's one-word reply,
# and "收藏 分享" is the article's own bar
_ROW_ACTION = r"(?:分享|收藏|有用|没用|有帮助|没帮助|赞同|喜欢|评论)"
_ROW_ITEM = rf"(?:\d{{1,6}}\s*)?(?:{_COMMENT_ACTION}|{_ROW_ACTION})\s*(?:[(\[]\s*\d{{1,6}}\s*[)\]]|\d{{1,6}})?"
_ACTION_ROW = re.compile(rf"(?=.*(?:\d|{_COMMENT_ACTION})){_ROW_ITEM}(?:(?:\s*[|·/]\s*|\s+){_ROW_ITEM})+")
_ASK_BUTTON = re.compile(r"(?:(?:还有疑问[?？]?\s*)?(?:立即|马上)?免费咨询(?:律师|专家|顾问)"
                         r"|我(?:也)?要(?:问律师|咨询|投诉|提问|回答|举报|评论|回复)|我来回答|我也来说两句)\s*[>》→»]*")
# hashtags and nothing else: "#信用卡逾期 #负债上岸 #停息挂账"
_HASHTAGS = re.compile(r"(?:#[^\s#]{1,16}#?\s*){2,}")
# a note's edit stamp with its place: "编辑于 03-14 广东", "发布于 2024-03-14 12:08 浙江"
_EDITED_AT = re.compile(r"(?:编辑|发布|发表|更新)于\s*(?:\d{4}-)?\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2})?(?:\s+[\u4e00-\u9fff]{2,6})?")
# "投诉编号：17356628410", "已有 23 人点亮“我也遇到”": a complaint platform's record fields
_RECORD_ID = re.compile(r"(?:投诉|案件|问题|帖子|工单|订单)?编号\s*[::]\s*[a-z0-9-]{5,24}"
                        r"(?:\s+(?:(?:发起人|投诉人|用户|时间|状态)\s*[::]\s*\S+|\d{4}[/-]\d{1,2}[/-]\d{1,2}(?:\s+\d{1,2}:\d{2})?))*")
_PEOPLE_LIT = re.compile(r"已有\s*\d[\d,]*\s*人(?:点亮|围观|关注|收藏|点赞)(?:\s*[“\"「][^”\"」]{1,8}[”\"」])?")

# Calculators and consultation forms.
# an empty labelled field: "分期金额（元）：", "每期手续费率（%）："
_EMPTY_UNIT_FIELD = re.compile(r"\S{2,10}\s*[(（](?:元|万元|%|个月|月|年|天|期)[)）]\s*[::]\s*(?:请(?:输入|选择|填写)\S{0,6})?")
# a result waiting for input: "计算结果：利息 ___ 元　违约金 ___ 元"
_BLANK_RESULT = re.compile(r"(?:计算)?结果\s*[::].{0,40}_{2,}.{0,20}")
# choices of a field: "分期期数：3期 6期 12期 18期 24期", "○ 5万以下 ○ 5-20万 ○ 20万以上"
_CHOICES = re.compile(r"\S{2,8}\s*[::]\s*\d{1,3}\s*\S{0,2}(?:\s+\d{1,3}\s*\S{0,2}){2,}"
                      r"|(?:[○◯●◉□☐■]\s*\S{1,10}\s*){2,}")
_BUTTON = r"(?:开始计算|立即计算|重新计算|计算|重置|清空|查询|提交)"
_BUTTONS = re.compile(rf"{_BUTTON}(?:\s+{_BUTTON})+")  # one button alone is the navigation's
# result fields waiting for input: "每期应还本金：--  每期手续费：--"
_PLACEHOLDER_RESULTS = re.compile(r"(?:\S{2,10}\s*[::]\s*(?:--|——|-|—|0\.00)\s*(?:元|%)?\s*)+")
_TOOL_INVITE = re.compile(r"(?:在线|免费)(?:评估|测评|测试|试算)\s*[::][^,，。]{0,16}")
_TOOL_LIST = re.compile(r"(?:热门|相关|常用|更多)(?:计算器|工具)\s*[::][^,，。、]{0,80}")


def _qa_header(f: str) -> bool:
    parts = [p for p in _BAR_SPLIT.split(f) if p]
    return len(parts) >= 2 and all(_QA_PART.fullmatch(p) for p in parts) and any(
        not re.fullmatch(r"[a-z0-9_.-]+", p) for p in parts)


def is_post_action(f: str) -> bool:
    """A folded line of nothing but a comment's buttons and their counts. Between the comments of
    a section it is their furniture, not the section's end."""
    return len(f) <= 40 and bool(_POST_ACTIONS.fullmatch(f) or _VOTES_ONLY.fullmatch(f) or _ACTION_ROW.fullmatch(f))


def classify_thread_line(f: str) -> str | None:
    """The family of a folded line of thread, Q&A or tool furniture, or ``None``."""
    if len(f) > 160:
        return None
    if _COUNTS_ONLY.fullmatch(f) or _FLOOR_ALONE.fullmatch(f) or _USER_LEVEL.fullmatch(f) or _EDITED_AT.fullmatch(f):
        return "byline"
    if len(f) <= 80 and (_STAMP_VOTES.fullmatch(f) or _ANSWER_COUNT.fullmatch(f) or _ASKER.fullmatch(f)):
        return "byline"
    if (_POSTED_BY.fullmatch(f) and _EN_DATE.search(f)) or _PTT_HEADER.fullmatch(f) or _RECORD_ID.fullmatch(f):
        return "byline"
    if len(f) <= 60 and _qa_header(f):
        return "byline"
    if len(f) <= 60 and (_SIGNATURE.match(f) or _VOTES_ONLY.fullmatch(f) or _FOLDED.fullmatch(f)
                         or _SHARE_STRIP.fullmatch(f) or _PEOPLE_LIT.fullmatch(f)):
        return "widget"
    if len(f) <= 40 and _RATING.fullmatch(f):
        return "widget"
    if len(f) <= 50 and _LAWYER_CARD.fullmatch(f):
        return "byline"  # as the other answer cards
    if len(f) <= 50 and (_ACTION_BAR.fullmatch(f) or _ASK_BUTTON.fullmatch(f)):
        return "widget"
    if len(f) <= 60 and (_EMPTY_UNIT_FIELD.fullmatch(f) or _CHOICES.fullmatch(f) or _BUTTONS.fullmatch(f)
                         or _PLACEHOLDER_RESULTS.fullmatch(f) or _TOOL_INVITE.fullmatch(f) or _BLANK_RESULT.fullmatch(f)):
        return "widget"
    if len(f) <= 100 and _HASHTAGS.fullmatch(f):
        return "tag"
    if _TOOL_LIST.fullmatch(f):
        return "navigation"  # links to the site's other tools (not a related header: no list follows it)
    if _BBS_HEADER.match(f):
        return "byline"
    if len(f) <= 80 and _BBS_QUOTE_HEADER.fullmatch(f):
        return "duplicate"  # the header of a quoted earlier post
    return None
