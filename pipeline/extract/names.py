"""Is this short line a person's name? A surname test for bylines, posters and answerers.

Scraped pages print reporters, posters and lawyers on lines of their own; the
line rules and the text extractor's context rules drop such a line only when it
reads as a name, which this module decides without a name list.
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.normalize._resources import converter

# Common Chinese surnames (Simplified), leaving out characters that also start everyday words
# (方, 高, 时, 文, 应, 全, ...), so that a two-character heading is not read as a name.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖董袁潘蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范廖贾夏韦付邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔"
    "汤施牛樊葛邢乔伍庞颜倪庄聂章鲁岳翟殷詹欧耿焦俞柳祝阮柯纪梅凌裴霍涂苗翁冉骆蓝辛靳柴蒙鲍喻祁"
    "蒲滕饶牟艾尤穆卓缪褚娄窦戚岑邝"
)
_NAME = re.compile(r"[\u4e00-\u9fff]{1,3}")
_NAME_TITLE = re.compile(r"([\u4e00-\u9fff]{2,3})\s*/\s*[\u4e00-\u9fff]{2,12}")


def is_name_line(f: str) -> bool:
    """A folded line that is a person's name (2-4 Han characters starting with a surname), or ``name/title``."""
    m = _NAME_TITLE.fullmatch(f)
    name = m.group(1) if m else f
    return 2 <= len(name) <= 4 and name[0] in SURNAMES and bool(_NAME.fullmatch(name[1:]))


# ----------------------------------------------------------------------------- the names of a news credit

# After a reporter's role a name may carry any surname of the Hundred Family Surnames (百家姓, its
# single-character ones), less those that mostly start everyday words ("有录音", "都被骗了",
# "上门催收", "通知"): the role says a name follows, the surname checks that one does.
_BAIJIAXING = (
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎"
    "鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄"
    "和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭"
    "梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚"
    "程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫"
    "宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴郁胥能苍双"
    "闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍却璩桑桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容"
    "向古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空"
    "曾毋沙乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公晋楚闫法汝鄢涂钦归海岳帅缑亢况郈有琴商牟佘佴伯赏"
    "墨哈谯笪年爱阳佟言福肖"
)
_CREDIT_SURNAMES = SURNAMES | (frozenset(_BAIJIAXING + "麦区冼苑迟隋丛") - frozenset("有都上国能通后空那养须从怀终居步满利越师广言福爱年和平乐全家水云花山红海法"))
# what a name never ends with: a particle or a form of address ("王某吗", "张老师")
_NOT_A_NAME_END = ("吗", "呢", "吧", "啊", "了", "的", "老师", "先生", "女士", "小姐", "同学", "律师")
# what the words before a role never hold when they name an outlet ("对方自称是都市报记者", "我老婆是记者")
_NOT_AN_OUTLET = re.compile(r"[的了是在和有就不也都被把这那我你他她们说对自称谢请问]")
# a two-character name printed with a space to line up with three-character ones: "方 敏"
_PADDED_NAME = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]) ([\u4e00-\u9fff])(?![\u4e00-\u9fff])")
# the roles whose names wrote the article, and the roles (or marks) whose names did not
WRITER_ROLE = re.compile(
    r"(?:本报|本台|本刊)?(?:特约|见习|首席|实习)?(?:记者|通讯员|实习生|评论员|特派员)"
)
_OTHER_ROLE = re.compile(r"编辑|责编|责任编辑|校对|审校|审核|摄影|摄像|视频|制图|设计|统筹|监制|采写|编译|翻译|整理|文图|图文|文字|文")
# a photographer's mark after the name ("记者 王某 摄"), or the name's place ("发自北京")
_PHOTO_MARK = re.compile(r"摄|摄影|供图|图")


def join_padded(text: str) -> str:
    """``本报记者 王某某 方 某`` -> ``本报记者 王某某 方某``: a padded two-character name joined."""
    return _PADDED_NAME.sub(r"\1\2", text)


def credit_names(simplified: str) -> list[str] | None:
    """The writers a credit names, in order ("记者 张伟 实习生 李娜 摄影 王某" -> 张伟, 李娜), from
    Simplified text; None when a word that is neither a role nor a name stands among them (a
    sentence: "楼主是记者 不是催收", "本报记者 提醒您").

    Names follow a writer's role (记者, 通讯员, 实习生, 评论员); another role (编辑, 校对, 摄影)
    ends the writers; a photographer's mark after a name (``王某 摄``) takes that name back; a
    place (``发自北京``) ends the list.
    """
    names: list[str] = []
    writing = False
    for token in re.split(r"[\s、,，()（）【】\[\]/／]+", join_padded(simplified).strip()):
        if not token:
            continue
        role = WRITER_ROLE.search(token)  # "新京报记者": the outlet glued before the role
        if role:
            if _NOT_AN_OUTLET.search(token[: role.start()].replace("在线", "")):  # "中青在线记者" is an outlet
                return None  # "我老婆是记者 张丽": a sentence about a reporter, no credit
            writing, token = True, token[role.end() :]
            if not token:
                continue
        if _OTHER_ROLE.fullmatch(token) or token.startswith("发自") or token.endswith(("报道", "报导")):
            writing = False
            continue
        if _PHOTO_MARK.fullmatch(token):
            if writing and names:
                names.pop()
            writing = False
            continue
        if (writing and 2 <= len(token) <= 4 and token[0] in _CREDIT_SURNAMES and _NAME.fullmatch(token[1:])
                and not token.endswith(_NOT_A_NAME_END)):
            if token not in names:
                names.append(token)
            continue
        if writing:
            return None  # a word where a name belongs: no credit
    return names


def writer_names(text: str) -> list[str]:
    """The writers a credit names ("记者 刘洋、陈静 通讯员 李娜" -> 刘洋, 陈静, 李娜), in the page's
    script: see :func:`pipeline.extract.names.credit_names`; none when a word that is no name
    stands among them."""
    text = join_padded(text)
    simp = converter("t2s").convert(text)
    names = credit_names(simp) or []
    if len(simp) != len(text):
        return names
    out, at = [], 0
    for name in names:  # the same characters of the page's own text (the conversion kept its length)
        at = simp.find(name, at)
        out.append(text[at : at + len(name)])
        at += len(name)
    return out


# how an outlet's name ends ("…网", "…日报", "…社", "…新闻", "…电视台"); narrower than the line
# rules' MEDIA_NAME, which also takes accounts ("…号") and columns ("…观察")
_OUTLET_END = re.compile(r"(?:社|报|网|电视台|电台|广播台|新闻|周刊|杂志|客户端|电视|广播)$")
# words that end like an outlet and are none: a report button, a forecast, going online
_NOT_OUTLET = re.compile(r"(?:举报|快报|情报|汇报|预报|海报|申报|上报|通报|上网|联网|入网|平台)$")


def is_outlet(name: str) -> bool:
    """A name that ends like a media outlet's ("…网", "…日报", "…新闻", "…社"), in either script."""
    simp = converter("t2s").convert(unicodedata.normalize("NFKC", name).strip()).lower()
    return len(simp) >= 3 and bool(_OUTLET_END.search(simp)) and not _NOT_OUTLET.search(simp) and ":" not in simp
