"""Page furniture whose whole line is the cue, shared by the text and HTML extractors.

Prev/next links, a references header, Q&A widgets, related and comment headers
look the same whether a scraper saved the page's text or the HTML extractor
reads its blocks, so both paths take them from here.
"""

from __future__ import annotations

import re

#: Page-furniture lines whose whole text is the cue (anchored, so a sentence never matches),
#: shared with the HTML extractor's line families (:mod:`pipeline.extract.html.cues`, which
#: calls navigation ``nav``): prev/next and more links, a references header, Q&A widgets,
#: ``发布于:``/``IP属地:``, related and comment headers. Patterns see the folded line here
#: (lower case, Simplified) and the raw one there.
UI_LINES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "nav",
        re.compile(
            r"^(?:首页|返回首页|上一篇|下一篇|上一页|下一页|返回顶部|返回列表|更多>*|查看更多|点击加载更多|加载更多|"
            r"展开全文|展开阅读全文|阅读全文|登录|注册|网站地图|联系我们|关于我们|登录\s*[|/]\s*注册|搜索|"
            r"手机版|电脑版|(?:繁|简|繁体|简体|en|english|中文)(?:\s*[|/]\s*(?:繁|简|繁体|简体|en|english|中文)){1,3}|(?:切换到?)?(?:繁體|繁体|简体)(?:中文|版)?(?:(?:\s*[|/]\s*|\s+)(?:繁體|繁体|简体)(?:中文|版)?)?|"
            r"阅读模式|夜间模式|全屏阅读|全屏|一键复制|扫码阅读|手机阅读|所在位置|(?:当前|您的|你的|您现在的)位置\s*[:：]?|"
            r"第\s*\d+\s*页|共\s*\d+\s*页)\s*[>》]*$"
        ),
    ),
    (
        "references",
        # the heading alone, or with the works it cites: "参考资料：《某某法》《某某条例》"
        re.compile(r"^(?:参考资料|参考文献|参考来源|引用资料|參考資料|參考文獻|references)\s*[:：]?"
                   r"(?:\s*《[^》]{2,40}》(?:\s*[、,;]?\s*《[^》]{2,40}》)*)?$", re.I),
    ),
    (
        "widget",
        re.compile(
            r"^(?:展开全部(?:\s*\d+\s*条(?:回答|回复|评论))?|展开|收起|收起全文|正在加载\.*|加载中\.*|\d+\s*个回答|更多回答.{0,8}|抢首赞.*|"
            r"已赞过.*|你对这个回答的评价是[？?]?|查看全部\s*\d*\s*条?评论|写回答|邀请回答|好问题\s*\d*|"
            r"\d+\s*(?:赞|人赞同|条评论|次浏览|阅读|浏览)|赞同\s*\d*|反对|喜欢|不喜欢|复制链接|[<>]+)$"
        ),
    ),
    ("dateline", re.compile(r"^(?:发布于|ip\s?属地)\s*[:：]\s*\S{1,12}$", re.I)),
    (
        "related",
        re.compile(
            r"^(?:相关(?:新闻|阅读|文章|推荐|链接|报道)|热门(?:推荐|文章|新闻)|推荐阅读|延伸阅读|猜你喜欢|"
            r"为你推荐|精彩推荐|热点推荐|更多精彩|今日推荐|相關新聞|延伸閱讀|推薦閱讀)\s*[:：]?$"
        ),
    ),
    (
        "comment",
        re.compile(
            r"^(?:网友评论|发表评论|我要评论|评论\s*\(?\d*\)?|已有\d+人(?:参与|评论)|查看全部评论|热门评论|最新评论|"
            r"网友留言)\s*[:：]?$"
        ),
    ),
)
