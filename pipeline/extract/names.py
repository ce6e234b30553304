"""Is this short line a person's name? A surname test for bylines, posters and answerers.

Scraped pages print reporters, posters and lawyers on lines of their own; the
line rules and the text extractor's context rules drop such a line only when it
reads as a name, which this module decides without a name list.
"""

from __future__ import annotations

import re

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
