"""Advertising on a scraped page: ad labels, consultancies' and apps' calls, loan and campaign bait.

Line family ``marketing`` of :mod:`.line_rules`. An article of this genre warns about
exactly these calls ("加微信免费咨询的多半是骗子"), so every rule here gives way to a line
that warns, reports what someone said, or describes such promotions (:func:`warns`,
``ADVICE``, ``_DESCRIBED``, ``_REPORTED``).
"""

from __future__ import annotations

import re

from pipeline.extract.folded_line import ADVICE, BAR, SENTENCE_END, unquoted

_AD_LABEL = re.compile(
    r"[-–—\s\[【(]*(?:advertisement|advertising|sponsored|(?:赞助商?)?广告|赞助内容|推广)[\]】)]?\s*(?:[×x✕]|关闭)?[-–—\s]*"
)
_AD_COPY_ID = re.compile(r"点击复制(?:微信号?|号码)|复制微信号|微信\s*[::]\s*点击")
_AD_WELCOME = re.compile(r"欢迎(?:来电|致电|私信)?咨询(?:我们|本站|我司|小编)|欢迎(?:在评论区|在下方)?留言")
_AD_FOLLOW = re.compile(r"(?:请|欢迎)?关注(?:我们|[^\s,。]{1,10}(?:网|号|财经|频道|app|官方|新闻|资讯|头条|在线|日报|报))")
# Asking for likes and follows, as a whole line: "觉得有用就点个赞吧", "码字不易，请点赞收藏", "点个在看".
_ENGAGE = re.compile(
    r"^(?:[^,]{0,10},)?(?:觉得.{0,8}(?:就|的话)?)?(?:请|记得|别忘了|求|麻烦)?(?:点个赞|点赞|点个在看|一键三连)(?:收藏|关注|支持)?"
    r"(?:吧|哦|一下|支持一下)?[!~。]*$"
    r"|^(?:欢迎|记得|请)?(?:点赞|关注|收藏|转发|评论)(?:\s*[、,+]?\s*(?:点赞|关注|收藏|转发|评论|在看)){1,4}"
    r"(?:不迷路|一下|支持一下|走一波|吧|哦|呀)?[!~。]*$"  # "点赞关注不迷路" (not "转发评论也违法")
    r"|^(?:喜欢|觉得有用)\S{0,8}(?:点个(?:赞|在看)|点赞)\S{0,4}$|^点个(?:赞|在看)再走\S{0,2}$|^(?:点个)?在看$|^点击关注(?:我们|本号|公众号)?(?:,?了解更多\S{0,4})?[!~。]*$"
)
# Consultancies' and apps' calls, as a whole short line ("扫码添加专属顾问"); a line that goes on
# ("扫码加群的都是骗子") or warns (ADVICE) is the article's advice about such calls.
_AD_CTA = re.compile(
    r"^(?:(?:想|如需|如果想)?了解更多.{0,16}欢迎(?:咨询|留言|私信|联系)(?:我们|小编|本站|客服|顾问)?"
    r"|(?:想了解更多[^\s,。!?]{0,6},?\s*)?关注我(?:不迷路|,[^。!?]{0,14}|获取[^\s,。!?]{0,8}|看更多[^\s,。!?]{0,6})?"
    r"|(?:点击|免费)咨询[^\s,。!?的]{0,10}方案|免费评估"
    # "有逾期问题可以找我", "需要帮助的朋友可以私信": the call closes the line (not "有同事找我借钱")
    r"|(?:有|如有|需要|想要)[^\s,。!?]{0,12}(?:(?:可以|请|欢迎|直接)(?:私信(?:我|小编)?|找我|联系我)"
    r"|(?:可以|请|欢迎|直接)?在?评论区(?:留言|扣\s*1))"
    r"|扫码(?:添加|关注|咨询|加)(?:专属)?(?:顾问|客服|老师|微信|好友|公众号|我们)?|微信扫一扫(?:关注|添加)?"
    # a follow call, also as spun copy words it: "留意咱们解锁更多避坑技巧"
    r"|(?:关注|留意|订阅)(?:我们|咱们|小编|本号)\S{0,4}(?:解锁|获取|了解|看)更多\S{0,8}"
    r"|长按(?:识别|扫描)二维码(?:关注|添加)?(?:我们|公众号)?|点击上方.{0,6}关注(?:我们)?"
    r"|(?:下载|打开)\s*app\s*,?\s*(?:看|阅读|查看)(?:更多)?(?:精彩)?(?:内容|全文|原文|详情)?|赞助商链接"
    r"|(?:立即|马上|免费)(?:获取|定制)(?:专属)?[^\s,。!?的]{0,6}(?:方案|额度)|专业.{0,8}(?:为您|为你)(?:解答|服务|定制)(?:方案)?"
    r"|(?:免费|在线|一对一)咨询(?:律师|专家|顾问))[!~。]*$"
)
# a consultancy's call to its chat account or free line: "加line「@某某」专人一对一免费试算", "☎ 免付费专线 0800-…"
_CHAT_CALL = re.compile(r"加\s*(?:line|微信|vx|wx|v信|好友|qq)\S{0,24}(?:免费|一对一|专人|咨询|评估|试算)"
                        r"|私信(?:回复|发送)?\s*[【\[「]\S{1,8}[】\]」]\s*(?:自动)?(?:领取|获取|免费)"
                        r"|^\W{0,3}(?:免付费|免费)(?:咨询)?(?:专线|热线|电话)\s*[::]?\s*[\d-]{7,}")

# a site's own app promoted to its readers: "欢迎下载某某新闻APP", "想看更多新闻？下载某某APP，看新闻还能抽奖"
# (advice to install an app, "下载国家反诈中心APP", names neither the reader's news nor a welcome)
_APP_PROMO = re.compile(
    r"欢迎下载\S{1,14}app|(?:看|想看|阅读)更多\S{0,6}(?:新闻|资讯|精彩|内容)\S{0,8}下载\S{1,14}app"
    r"|[,，]\s*尽在\S{1,14}app$"  # "海量资讯、精准解读，尽在某某财经APP"
    r"|下载\S{1,14}(?:新闻|资讯)\S{0,4}app\s*[,，]\s*(?:新闻|资讯)(?:即时|随时|抢先|第一时间)"  # "下载某某新闻云APP，新闻即时看"
    # a paywall's prompt: "订阅某某报网上版，即可阅读全文" (not "订阅电子账单，即可查看完整的消费明细")
    r"|订阅\S{0,10}(?:网上版|电子版|数字版|会员|vip|专栏|杂志|周刊)\S{0,4}[,，]?\s*(?:即可|就可|便可|可)?"
    r"(?:阅读|查看|浏览|收看)(?:全文|完整内容|更多内容)"
)
_APP_BUTTON = re.compile(r"下载\S{2,8}(?:新闻|财经)(?:app|客户端)?")  # "下载某某新闻" as a button
_AD_CLICK = re.compile(r"^[↓↑→▼\s]*点击(?:下方|上方|这里|此处|链接)\S{0,30}(?:申请|领取|查询|下载|选择|注册|咨询|额度)")

# App and loan promotions.
_AD_PROMO = re.compile(
    r"^(?:下载|打开)\s*app(?:\s*(?:查看|阅读|领取)\S{0,6})?$|app\s*(?:下载|内打开|专享)|扫码(?:下载|领取)|(?:立即|点击|免费)领取|限时(?:优惠|免费|特惠)"
    r"|最高可(?:借|贷)\s*\d|(?:日|月|年)(?:息|利率)低至|秒(?:到账|放款|批)|^\W{0,3}限时福利\s*[::]|^\W{0,3}点击(?:上方)?蓝字[^,。]{0,12}关注"
    r"|^下载[^\s,。]{1,8}app\s*,[^。]{0,16}>+\s*$"
    r"|^(?:赞助|赞助商|推广链接|广告位|ads?)$|最快\s*\d+\s*分钟(?:到账|放款|审批)|^(?:额度)?最高(?:额度)?\s*\d+\s*万$"
    r"|^(?:扫描|扫一扫|微信扫描|手机扫描)(?:下方|上方|左侧|右侧|图中)?二维码$|^\W{0,2}二维码\W{0,2}$"  # a QR code's stub
    r"|^长按(?:识别|扫描)?(?:图中)?二维码|^扫码(?:加入|进入)\S{0,6}群$|^专业\S{0,8}一对一服务$"
    r"|^(?:点击)?(?:下载|打开)\s*app$|^打开\s*app\s*,?\s*(?:阅读|浏览|观看)?体验更(?:佳|好)|^新用户专享\S{0,8}$"
    r"|^[^\d\s]{2,8}\d{2,3}(?:入口|官网|官方网站)$"  # "某某188入口": a gambling link (not "个税汇算2024入口")
    r"|首存送|首刷有礼|注册(?:就|即)?送\s*\d+\s*元|新客专享|马上抢|一键比价|app\s*内(?:开启|打开)|加入\s*line\s*好友"
    r"|^代写\S|^微信搜索|点击测一测"
)
# A loan's promises, two of them on one short line ("不看征信，黑户可贷", "3分钟审批，当天放款"); one
# alone is as often a fact or a question ("助学贷款不查征信", "哪些贷款不看征信"), and the article's
# warning about them has ADVICE words ("当天放款的平台要警惕").
_LOAN_BAIT = re.compile(
    r"不看征信|无视征信|不查征信|黑户可(?:贷|下款)|(?:当天|当日|极速)(?:放款|到账|下款)|低至万[一二三四五]|秒(?:批|下款)"
    r"|\d+\s*分钟(?:审批|到账|放款|下款)|无抵押|免审核|有身份证就(?:能|可以)(?:贷|借)|随借随还|按日计息"
    # a debt consultancy's: "停息挂账、分期协商，专业团队一对一服务，免费咨询热线：400…"
    r"|征信修复|逾期记录消除|包成功|全国受理|成功(?:后)?再收费|不成功不收费|停息挂账|一对一服务|免费咨询热线"
    r"|征信花了?(?:也|都)?(?:能|可以?)(?:借|贷|下款)|(?:点我|点击|立即)查看(?:我的)?额度|负债人专属"
)
# an event campaign's promise (an exchange's, a course's, an app's): "新用户注册即领盲盒，最高1000 USDT",
# two of them to a line, as with the loans' bait
_CAMPAIGN = re.compile(
    r"注册即(?:领|送|得|享)|新用户(?:专享|福利|礼包|注册)|新人(?:礼包|福利|专享)|(?:领|抽|开)盲盒|瓜分|奖池|邀请好友|返佣"
    r"|最高(?:可)?(?:领|得|送|赢|返)?\s*\d[\d,.]*\s*(?:元|usdt|u|积分|红包|现金)|报名即(?:送|领|得)|抽奖(?:送|赢)?"
    r"|狂欢(?:季|节|购)|体验券|免费领取|限时(?:免费|领取|福利|优惠|报名)|前\s*\d+\s*名"
)
# a sentence about such promotions, not one: "很多平台打着注册即送红包的旗号"
_DESCRIBED = re.compile(r"打着|旗号|声称|号称|所谓|宣称|这类|此类|很多|一些|有的|某些|往往|通常")
_REPORTED = re.compile(r"[让叫](?:我|你|他|她)|他|她|说(?:可以|能|会|要|是|帮|让)|声称|表示")  # "他让我加微信，说可以免费评估": a story, not the call
# a campaign's or an offer's button on a line of its own: "立即参与 >>", "马上领取→"
_CALL_BUTTON = re.compile(r"(?:立即|马上|现在|点击|免费)(?:参与|报名|领取|抢购|抢|开户|体验|加入|预约)\s*[>》→»]*")

# a campaign's call with its link, as a whole line: "立即报名:https://…/questionnaire/7396", "下载地址：www.…"
CALL_LINK = re.compile(
    r"^\W{0,3}(?:立即|马上|现在|点击)?(?:报名|参与|参加|领取|注册|下载|抢购|开户)(?:链接|地址|入口)?\s*[:：]\s*"
    r"(?:https?://|www\.)\S+$"
)

_WARNING = re.compile(r"骗|诈|不要|(?<![识区特分级类告个性鉴辨判])别(?!忘)|千万|小心|谨慎|警惕|对方|吗")


def warns(f: str) -> bool:
    """The line warns about or tells of such a call ("如果对方让你加微信免费咨询，多半是骗子。"): the article's.

    (Not "识别" or "特别": a QR code's "长按识别二维码" is the call itself.)"""
    return bool(_WARNING.search(f) or _REPORTED.search(f))


def is_marketing(f: str) -> bool:
    """An ad's label, a consultancy's or an app's call, loan or campaign bait; never a line that warns of them."""
    f = unquoted(f)
    if len(f) <= 30 and _AD_LABEL.fullmatch(f):
        return True
    if len(f) <= 200 and _AD_COPY_ID.search(f):
        return True
    if len(f) <= 120 and _AD_WELCOME.search(f) and len(SENTENCE_END.findall(f)) <= 2:
        return True  # an author's paragraph may close with "欢迎在评论区留言": three sentences are content
    if len(f) <= 12 and _AD_FOLLOW.fullmatch(f):
        return True
    if len(f) <= 40 and _AD_PROMO.search(f):
        return True
    if len(f) <= 40 and len(set(_LOAN_BAIT.findall(f))) >= 2 and "。" not in f and not ADVICE.search(f):
        return True
    parts = [p for p in BAR.split(f) if p]
    if len(parts) >= 3 and all(len(p) <= 10 for p in parts) and any(_LOAN_BAIT.search(p) for p in parts):
        return True  # a consultancy's slogan strip: "正规律所团队 | 一对一协商 | 不成功不收费"
    if (len(f) <= 80 and len(set(_CAMPAIGN.findall(f))) >= 2 and "。" not in f and not ADVICE.search(f)
            and not _DESCRIBED.search(f)):
        return True
    if len(f) <= 10 and _CALL_BUTTON.fullmatch(f):
        return True
    if len(f) <= 200 and CALL_LINK.match(f):
        return True
    if len(f) <= 80 and _CHAT_CALL.search(f) and not ADVICE.search(f) and not _DESCRIBED.search(f) \
            and not _REPORTED.search(f):
        return True
    if len(f) <= 80 and _APP_PROMO.search(f):
        return True
    if len(f) <= 14 and _APP_BUTTON.fullmatch(f) and not ADVICE.search(f):
        return True  # (advice to install one, "下载国家反诈中心APP", is the article's)
    if len(f) <= 30 and (_AD_CTA.match(f) or _ENGAGE.match(f)) and not ADVICE.search(f):
        return True
    return len(f) <= 60 and bool(_AD_CLICK.match(f))
