"""Line families that scraped pages carry around the article body, beyond the CMS stock phrases.

:func:`pipeline.extract.boilerplate.classify_line` asks :func:`classify_extra`
when none of its own families matched. Each rule describes a family by shape and
cue words, as there, on the folded key (NFKC, Simplified, lower case). The rules
live by family: captions, bylines and datelines in :mod:`.credit_lines`; widgets,
navigation and related lists in :mod:`.widget_lines`; marketing in :mod:`.ad_lines`;
forum, Q&A and tool furniture in :mod:`.thread_lines`; the measures they share
(sentence ends, plain length, counters) in :mod:`.folded_line`. Footer fields,
disclaimers and noise, short enough to read at once, stay here with the order in
which :func:`classify_extra` asks them:

=============  =====================================================================
``caption``    image stubs: ``![]()``, ``x.jpg``, ``(资料图)``, ``图片来源:…``, ``第1张图片``, ``添加图片描述``,
               ``…-logo``, ``封面图``; players and galleries (``[视频]``, ``点击播放``, ``第2张/共6张``,
               ``图片仅为示意``) (credited photo captions and figure labels ``图 2：…``:
               :func:`.credit_lines.is_photo_caption`, text scrapes only)
``byline``     role-and-name lines with ``/``, ``|``, ``丨`` separators (``记者 / 某某``,
               ``撰文丨某 编辑丨某``), ``(某台/某某 台北报导)``, ``独家报道:某某``
``dateline``   English dates (``17 Jul, 2025``), relative times (``3 小时前``), short lines whose date is numeric
               (``2024-07-03``) or labelled (``更新时间:``) beside a few words, a 民國 date after its label
               (``發布日期：民國113年5月2日``), a month after its label (``最後更新：2024年9月``)
``widget``     reading counters and times (``阅读()``, ``点赞(12) 收藏(3)``, ``56 跟贴 56``, ``12人觉得有用``,
               ``阅读 5 分钟``), document-sharing cards
               (``文档格式:pdf``, ``剩余 8 页未读``, ``立即下载``), lawyer/expert cards (``帮助过 120 人``,
               ``好评率``, ``咨询TA``, ``擅长:``), player and loading stubs (``00:12 / 03:25``, ``加载中``),
               share hints (``点击右上角…微信好友``, ``请使用浏览器分享功能``), ``文档简介``, feedback prompts
               (``以上内容是否解决了您的问题？ 是 否``), search boxes (``请输入您要搜索的问题``), empty
               calculator fields (``应还罚息：-- 元``), preview and page-count widgets (``第 3 页 / 共 18 页``)
``navigation`` symbol-only lines (``:::``), ``正在阅读:…``, next-page prompts, skip links,
               English UI words (``close``, ``menu``), bare URLs and link labels, ``<栏目> 正文``,
               menu strips separated by spaces (five items, or four with ``首页``/``下一页``…, or after a
               link-list label: ``热门城市：北京 上海 …``) or ``|``, forum and Q&A furniture (``楼主``, ``5楼``,
               ``收起回复``, ``最佳答案``, ``共3个回答``, ``我有更好的答案``, ``向TA咨询``), report links and end
               marks (``举报/反馈``, ``举报作者``, ``- END -``), calculator buttons (``开始计算``),
               section-navigation labels (``栏目导航``, ``扫一扫在手机上阅读``)
``related``    ``更多新闻:…``, ``热搜:…``, ``内容推荐``, ``大家还在问``, bullet strips with three ``▪`` items,
               teasers closed by their link (``…农户在采摘蓝莓...【详细】``, ``…详情>>``)
``marketing``  ``- advertisement -``, ``点击复制微信号``, ``欢迎咨询我们``, ``欢迎在评论区留言``,
               ``关注某某网/号/财经`` (short), ``点击下方…`` calls, app and loan promotions
               (``下载APP``, ``立即领取``, ``最高可借 20 万``), consultancies' calls as whole short lines
               (``想了解更多…欢迎咨询``, ``扫码添加…``), asking for likes (``觉得有用就点个赞吧``), sponsor
               labels (``推广链接``), ``点击上方蓝字…关注``, ``限时福利：``, ``最快 3 分钟到账``
``contact``    site footer fields (``技术支持:``, ``主办单位:``, ``客服热线:``, ``咨询电话:``)
``disclaimer`` ``郑重声明``, ``版权说明``, ``与本网站无关``, ``禁止转载``/``违者必究``, ``援引自互联网``,
               ``本站信息仅供参考``, reprint notes (``本文转载自…``, ``谢绝转载``)
``noise``      server error messages printed into the page (``warning: … on line 12``)
=============  =====================================================================

Besides these, :data:`pipeline.extract.ui_lines.UI_LINES` holds page furniture whose whole line is the cue (prev/next
links, a references header, Q&A widgets, related and comment headers), shared with the
HTML extractor's own line families.

All of them are narrow on length (a sentence that mentions 图片 or 阅读 stays
content) and none names a site.
"""

from __future__ import annotations

import re

from pipeline.extract.ad_lines import is_marketing
from pipeline.extract.credit_lines import is_answerer, is_byline, is_caption, is_dateline
from pipeline.extract.folded_line import unquoted
from pipeline.extract.thread_lines import classify_thread_line
from pipeline.extract.ui_lines import UI_LINES
from pipeline.extract.widget_lines import is_navigation, is_related, is_widget

_DISCLAIMER_EXTRA = re.compile(
    r"^[【\[(]?\s*(?:郑重|重要)?(?:声明|申明)\s*[】\])]?\s*[::]|^[【\[(]?\s*版权说明\s*[】\])]?\s*[::]"
    r"|与本(?:网站|站|网|平台)无关|禁止(?:采集|转载)|违者必究|转载请注明"
    r"|未经(?:本站|本网|作者|本平台|本公众号|正式)?(?:书面)?(?:许可|授权)\S{0,2}(?:转载|复制)"
    r"|^\S{0,8}严禁转载\S{0,6}[,，]?\s*侵权必究[。.!]?$"
    r"|(?:援引|引用|转载|摘编)自(?:互联网|网络)|不代表本(?:网站|站|网|平台)(?:[。,;]|$)"
    r"|^(?:温馨提示\s*[::]\s*)?(?:本站|本网|本平台|网站)(?:信息|内容|文章|资料)?(?:仅供|只供)参考|评论仅供其?表达个人看法"
    r"|^(?:本文|文章)(?:转载自|转自|摘自|来源于)[^\s,。;!?]{0,16}(?:网|报|号|平台|新闻|杂志|电台|电视台)[。.]?$"
    r"|^[【\[(]?\s*原创声明\s*[】\])]?\s*[::]?$|谢绝(?:任何)?(?:形式的?)?转载[。.!]?$"
    r"|^(?:本文|文章|此文)(?:转载自|转自|摘自)[^。!?]{0,40}$"
    # reprint notes: "本文经授权转载自…", "转载请联系作者…", "本文首发于…", "经授权刊登", "原文标题为《…》，有删改"
    r"|^(?:本文|文章|此文)?(?:经授权)?转载自|转载请(?:联系|注明|保留)|^(?:本文|此文|原文)\S{0,10}首发(?:于|在)"
    r"|经(?:作者|原作者)?(?:授权|同意)(?:转载|刊登|发布)|^(?:本文|此文)已获授权|任何媒体和个人不得转载"
    r"|^(?:本文|文章)(?:内容)?(?:综合|编译|整理)自|^原文标题(?:为|是)?\s*[::《]|(?:略有|有)删改[。.]?$"
    r"|^著作权归\S{0,6}所有[。.]?$|^原创声明\s*[::]|^编者按\s*[::]\s*本文(?:转载|转)自"
    # where the text was taken from, alone on its line: "转自《北京科技报》", "（摘自《某某学刊》2000年第2期）"
    r"|^[(（]?(?:转自|摘自|选自|原载于?|转载于|刊于)\s*《[^》]{1,30}》[^。!?《]{0,30}(?:《[^》]{1,20}》[^。!?]{0,12})?[)）]?$"
)
_SERVER_ERROR = re.compile(r"^(?:warning|notice|fatal error|deprecated|parse error)\s*:.*\bon line \d+")
# a page's script left in its text: "var _hmt = _hmt || []; (function() {…"
_SCRIPT_LINE = re.compile(r"^(?:var\s|let\s|const\s|function\s*\(|\(function|window\.|document\.|<script|\$\(|jquery\()"
                          r".*(?:document\.|window\.|function\s*\(|createelement|\.push\(|_hmt|gtag|datalayer|cnzz)")
# (an analytics snippet's marks: a programming article's "var rate = 0.049 / 12;" is its text)
# a line of HTML left over and nothing else ("&nbsp;", "</p>", "<br/>"): empty once the markup is gone
_MARKUP_ONLY = re.compile(r"(?:&(?:[a-z]{2,8}|#\d{2,6}|#x[0-9a-f]{2,5});?|</?[a-z][a-z0-9]{0,9}(?:\s[^<>]{0,80})?/?>|\s)+")

_BIO_LABEL = re.compile(r"(?:作者|律师|专家|答主)(?:简介|介绍)\s*[::]")  # lines are folded to Simplified

# Site footer fields.
_FOOTER_FIELD = re.compile(
    r"^(?:技术支持|主办单位|承办单位|主管单位|运营单位|网站备案|备案号|客服热线|服务热线|工作时间|客服时间"
    r"|投稿邮箱|投稿信箱)\s*[::]|^(?:免费)?咨询(?:电话|热线)\s*[::]\s*(?:400|800)"  # not a public 123xx hotline
    r"|^投诉电话\s*[::]\s*(?!(?:12|95)\d{3}\b)"
)


def classify_extra(f: str) -> str | None:
    """The family of a folded line (see the module table), or ``None``."""
    if _SERVER_ERROR.match(f) or _MARKUP_ONLY.fullmatch(f) or _SCRIPT_LINE.match(f):
        return "noise"
    if family := classify_thread_line(f):
        return family
    if len(f) <= 80 and _FOOTER_FIELD.match(f):
        return "contact"
    if is_caption(f):
        return "caption"
    if len(f) <= 120 and _BIO_LABEL.match(f):
        return "widget"  # the author's or lawyer's card: "作者简介：某某，前银行信贷员…"
    if len(f) <= 120 and _DISCLAIMER_EXTRA.search(unquoted(f)):
        return "disclaimer"
    if is_marketing(f):
        return "marketing"
    if is_byline(f) or is_answerer(f):
        return "byline"
    if is_dateline(f):
        return "dateline"
    if is_widget(f):
        return "widget"
    if is_related(f):
        return "related"
    if is_navigation(f):
        return "navigation"
    if len(f) <= 60:
        for family, rx in UI_LINES:
            if rx.search(f):
                return "navigation" if family == "nav" else family
    return None
