"""The patterns of personal data the redaction stage (:mod:`pipeline.redact`) replaces, in one place.

Each is a precompiled regex over text whose full-width forms are folded to ASCII (:data:`FOLD`);
which match is kept, in what order and with which check digit, is :mod:`pipeline.redact`'s. A
necessary condition of them all (:data:`CANDIDATE`) lets most lines skip every substitution.
"""

from __future__ import annotations

import re

PLACEHOLDERS: dict[str, str] = {
    "phone": "[电话]",
    "email": "[邮箱]",
    "qq": "[QQ]",
    "wechat": "[微信]",
    "id_number": "[身份证号]",
    "bank_card": "[银行卡号]",
}

_D = r"[0-9０-９]"  # ASCII and full-width digits (normalize may not have run on every field)
_NOT_AMOUNT = r"(?!\s*(?:[.．]\d+\s*)?(?:元|万|亿|千|百|块|%|％|美元|人民币))"

# --- e-mail ---------------------------------------------------------------
_TLD = r"(?:com|cn|net|org|edu|gov|cc|top|vip|me|io|info|biz|co|hk|tw|xyz|site|club|ltd|mobi)"
_LOCAL = r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}"
# a file's extension where a top-level domain would stand: ``/1680@2723871.htm`` is a page's file name
_FILE_EXT = r"(?:s?html?|php\d?|aspx?|jsp|cgi|xml|json|txt|pdf|docx?|xlsx?|pptx?|jpe?g|png|gif|webp|bmp|svg|js|css|zip|rar)"
EMAIL_PLAIN = re.compile(
    _LOCAL + r"\s?[@＠]\s?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?!" + _FILE_EXT + r"(?![A-Za-z]))[A-Za-z]{2,10}(?![A-Za-z])",
    re.IGNORECASE,
)  # an address ends with its top-level domain, whatever follows: digits glued to it (a date, a phone) too
_AT = r"(?:#|＃|\[at\]|\(at\)|（at）|\{at\}|艾特)"
_DOT = r"(?:\.|。|．|点|\[dot\]|\(dot\)|（dot）)"
EMAIL_OBF = re.compile(
    _LOCAL
    + r"\s?(?:[@＠]|"
    + _AT
    + r")\s?[A-Za-z0-9-]+(?:"
    + _DOT
    + r"[A-Za-z0-9-]+)*"
    + _DOT
    + _TLD
    + r"(?:\.(?:uk|jp|au|nz|sg|my|tw|hk|cn|mo|kr|de|fr|ca|us|in))?"  # example.co.uk, 163.com.cn: the whole domain
    + r"(?![A-Za-z])"
    + r"(?:\s?[(（][^()（）\n]{0,12}(?:换成|替换|改成|改为)[^()（）\n]{0,6}[)）])?",
    re.IGNORECASE,
)

# ``lisi at qq.com``, ``zhaoliu AT 126 DOT com``: the words are also English words, so the address
# must spell its dot out too, or name a mail service (``look at example.com`` stays)
_MAIL_HOSTS = r"(?:qq|163|126|yeah|139|189|sina|sohu|foxmail|aliyun|gmail|hotmail|outlook|live|yahoo|icloud|msn)"
EMAIL_WORDS = re.compile(
    _LOCAL
    + r"\s+at\s+(?:[A-Za-z0-9-]+(?:\s+dot\s+|\s?\.\s?))+"
    + _TLD
    + r"(?![A-Za-z])",
    re.IGNORECASE,
)
_SPELLED_DOT = re.compile(r"\sdot\s", re.IGNORECASE)
_KNOWN_HOST = re.compile(r"\sat\s+" + _MAIL_HOSTS + r"\s?\.", re.IGNORECASE)
_KNOWN_HOST_SPELLED = re.compile(r"\sat\s+" + _MAIL_HOSTS + r"\s+dot\s", re.IGNORECASE)


_LOWER_LOCAL = re.compile(r"[a-z0-9][a-z0-9._%+-]*")


def spelled_email(m: re.Match[str]) -> tuple[str, int] | None:
    """An address only in the shape people give theirs: a lower-case local part (``Register at qq.com``
    is a sentence), and a mail service's name or a digit in it (``look at the dot com`` is too)."""
    value = m.group(0)
    local = value.split(None, 1)[0]
    if not _LOWER_LOCAL.fullmatch(local):
        return None
    known = _KNOWN_HOST.search(value) or _KNOWN_HOST_SPELLED.search(value)
    return ("email", 0) if known or any(c.isdigit() for c in local) and _SPELLED_DOT.search(value) else None


# --- long digit runs: ID numbers and bank cards -----------------------------
# (never a number's decimal places: 0.6818136464519934)
LONG_RUN = re.compile(
    r"(?<![0-9０-９A-Za-z])(?<![0-9０-９][.．])" + _D + r"(?:[ -]?" + _D + r"){13,17}(?:[ -]?[0-9０-９Xx])?(?![0-9０-９A-Za-z])"
)

# --- cued QQ / WeChat ---------------------------------------------------------
QQ = re.compile(
    # QQ, 扣扣, 企鹅, Q号 / Q群, a bare "Q:" with digits after it, 加我Q, QQ's own chat link (uin=), and a
    # cue shared with WeChat (QQ/微信：)
    # (at most three spaces around the colon: a pattern with two unbounded runs of spaces is quadratic)
    r"(?<![A-Za-z])(?:[Qq]\s?[Qq]|扣扣|企鹅|[Qq](?=号|群|\s{0,3}[:：])|(?<=加)[Qq]|(?<=加我)[Qq]|uin(?=\s{0,3}=))"
    r"(?:号码|号|群号?|账号)?(?:\s{0,3}/\s{0,3}(?:微信|[Vv][Xx]|[Ww][Xx]|[Vv]信))?\s{0,3}(?:[:：=]|是|为)?\s{0,3}("
    + r"[1-9]" + _D + r"{4,11}(?!" + _D + r")" + _NOT_AMOUNT
    # after the cue, groups of three or four digits too (7788 9900); never a year or an amount after them
    + r"|[1-9]" + _D + r"{2,3}(?:[ -]" + _D + r"{3,4}){1,2}(?![0-9０-９年月日号])" + _NOT_AMOUNT
    + r")"
)
# more numbers after a cued one: "QQ：12345678 或 87654321"
_QQ_LIST_ITEM = r"[ ]{0,2}(?:或者?|、|/|,|，|和|及)[ ]{0,2}[1-9]" + _D + r"{4,11}(?!" + _D + r")" + _NOT_AMOUNT
QQ_MORE = re.compile(r"(?<=\[QQ\])(?:" + _QQ_LIST_ITEM + r")+")  # the whole list, read in one pass
QQ_LIST_NUMBER = re.compile(r"[1-9]" + _D + r"{4,11}")
# a resident ID number glued to the letters before it (ID11010519491231002X, sfz…): with its check digit
ID_GLUED = re.compile(r"(?<=[A-Za-z])" + _D + r"{17}[0-9０-９Xx](?![0-9０-９A-Za-z])")
# a resident ID number right after its cue: the check digit may be wrong (mistyped, or made up for an
# example), the number is still given as someone's ID; a birth date where it belongs is required
ID_CUED = re.compile(
    r"(?:身份证|身份證|证件|證件)(?:号码|號碼|编号|編號|号|號)?\s{0,3}(?:[:：=]|是|为|為)?\s{0,3}("
    + _D + r"{6}[ -]?" + _D + r"{8}[ -]?" + _D + r"{3}[0-9０-９Xx]|" + _D + r"{15})(?![0-9０-９A-Za-z])"
)
# a Taiwan or Hong Kong identity card number after its cue: A123456789 (with its check digit), A123456(7)
ID_CUED_TW_HK = re.compile(
    r"(?:身分證|身份證|身分证|身份证|證件|证件)(?:字號|字号|號碼|号码|編號|编号|號|号)?[ ]{0,3}(?:[:：=]|是|為|为)?[ ]{0,3}"
    r"([A-Z][12]\d{8}|[A-Z]{1,2}\d{6}\s?[(（][0-9A][)）])(?![0-9A-Za-z])"
)
WECHAT = re.compile(
    r"(?:(?<![A-Za-z])(?:微信|威信|薇信|V信|v信|WeChat|wechat|Wechat|weixin|VX|vx|Vx|WX|wx)"
    r"(?:号码|号|账号|ID|id)?\s{0,3}(?:[:：=]|是|为)?"
    r"|(?:加|私|联系)[Vv]\s{0,3}[:：]?|(?:加|私)微(?![信博])[:：]?|(?<![A-Za-z0-9])[Vv]\s{0,3}[:：])\s{0,3}"
    r"([A-Za-z][A-Za-z0-9_-]{5,19}(?![A-Za-z0-9_-])|1[3-9]\d{9}(?!\d))"
)

# --- phones ---------------------------------------------------------------------
# between a mobile's groups: a space, a dot, dashes of every kind (spaces around them too), a tilde
# (not a slash: 138/2023/1234)
_SEP = r"(?:\s?[\-—–~·_]\s?|[ .])"
MOBILE = re.compile(
    r"(?<![0-9０-９])(?:(?:\+|00)\s?86[ -]?|[(（]\+?86[)）]\s?|86(?=1[3-9]\d{9}(?!\d)))?"
    r"(?:[1１][3-9３-９]" + _D + _SEP + r"?|[(（][1１][3-9３-９]" + _D + r"[)）]\s?)"
    + _D + r"{4}" + _SEP + r"?" + _D + r"{4}(?!" + _D + r")" + _NOT_AMOUNT
)
# grouped 4-3-4 (1381-234-5678), a separator between every group
MOBILE_434 = re.compile(
    r"(?<![0-9０-９])(?:(?:\+|00)\s?86[ -]?)?[1１][3-9３-９]" + _D + "{2}" + _SEP + _D + "{3}" + _SEP + _D + r"{4}(?!"
    + _D + r")" + _NOT_AMOUNT
)
# a digit at a time: 1 3 9 1 2 3 4 5 6 7 8 (any other grouping is as often a list of numbers)
MOBILE_SPACED = re.compile(r"(?<![0-9０-９] )(?<![0-9０-９])1 [3-9](?: \d){9}(?! ?\d)" + _NOT_AMOUNT)
# in Chinese numerals, as collectors' messages write them to pass filters: 一三九一二三四五六七八, 壹叁捌…
_CN_DIGITS = "零〇一二三四五六七八九幺壹贰貳叁參肆伍陆陸柒捌玖"
CN_MOBILE = re.compile(
    f"(?<![{_CN_DIGITS}])[一幺壹][三四五六七八九叁參肆伍陆陸柒捌玖](?:[ -]?[{_CN_DIGITS}]){{9}}(?![{_CN_DIGITS}])"
)
LANDLINE = re.compile(
    r"(?<![0-9０-９A-Za-z])(?:[(（]0(?:10|2\d|[3-9]\d{2})[)）]\s?|0(?:10|2\d|[3-9]\d{2})[ \-—–]?)"
    r"[1-9]\d{2,3}[ \-—–]?\d{4}(?:\s?(?:转|-|ext\.?)\s?\d{1,5})?(?!\d)" + _NOT_AMOUNT
)
# a landline with the country code: +86 755 8345 2204, +86-10-62342205, 86-10-62342206 (the area code loses its 0)
LANDLINE_INTL = re.compile(
    r"(?<![0-9０-９A-Za-z])(?:(?:\+|00)\s?86[ -]?|[(（]\+?86[)）]\s?|86-)(?:10|2\d|[3-9]\d{2})[ -]?"
    r"[1-9]\d{2,3}[ -]?\d{4}(?!\d)" + _NOT_AMOUNT
)
SERVICE = re.compile(r"(?<![0-9０-９A-Za-z])[48]00(?:[ -]?" + _D + r"){7}(?!" + _D + r")" + _NOT_AMOUNT)

# --- Taiwan and Hong Kong --------------------------------------------------------
# Taiwan mobiles 09XX-XXX-XXX (+886 9XX ...); landlines with a one- or two-digit area code:
# 02-2345-6789, (02)2345-6789, 03-584-7231, 049-2345678.
TW_MOBILE = re.compile(
    r"(?<![0-9０-９A-Za-z])(?:(?:\+|00)\s?886[ -]?|[(（]\+?886[)）]\s?)9\d{2}[ -]?\d{3}[ -]?\d{3}(?!\d)"
    r"|(?<![0-9０-９A-Za-z])09\d{2}[ -]?\d{3}[ -]?\d{3}(?!\d)" + _NOT_AMOUNT
)
TW_LANDLINE = re.compile(
    r"(?<![0-9０-９A-Za-z])(?:(?:\+|00)\s?886[ -]?[2-8]\d?[ -]?|[(（]0[2-8]\d?[)）]\s?|0[2-8]\d?[ -])"
    r"\d{3,4}[ -]?\d{4}(?:\s?(?:轉|转|#|ext\.?)\s?\d{1,5})?(?!\d)" + _NOT_AMOUNT
)
# Hong Kong: eight digits from 2, 3, 5, 6, 7, 8 or 9 - with +852 always, without it only after a
# phone cue (a bare eight-digit number is as often an amount or a reference).
HK_PREFIXED = re.compile(r"(?:(?:\+|00)\s?852[ -]?|[(（]\+?852[)）]\s?)[235-9]\d{3}[ -]?\d{4}(?!\d)")
HK_CUED = re.compile(
    r"(?:電話|电话|聯絡|联络|聯繫|联系|熱線|热线|手機|手机|致電|致电|傳真|传真|WhatsApp|Whatsapp|whatsapp|Tel|TEL|tel)"
    r"[^0-9\n]{0,6}?([235-9]\d{3}[ -]?\d{4})(?!\d)" + _NOT_AMOUNT
)


# A necessary condition for any pattern above, derived from each of them: the start of a mobile
# (1[3-9] and five digits), of a landline (0, an area code, a local number), of a 400/800 number,
# fourteen digits (ID and card numbers), an @ or an obfuscated at, a QQ or WeChat cue. Most lines of
# a page have none of these (dates and counts do not qualify) and skip every substitution. It is
# searched in the folded text, as the patterns are (ＱＱ：, ｕｉｎ＝).
CANDIDATE = re.compile(
    r"[1１][3-9３-９]\d[ .\-－．—–~·_～＿・]?\d{4}|[(（][1１][3-9３-９]\d[)）]|1 [3-9](?: \d){9}"
    r"|[1１][3-9３-９]\d\s?[\-－—–~·_～＿・]\s?\d|[1１][3-9３-９]\d{2}\s?[ .\-－．—–~·_～＿・]\s?\d{3}"
    r"|uin\s*=|(?<![A-Za-z])Q\s*[:：]|加我?Q|(?:加|私)微|身[分份][證证][^0-9\n]{0,12}[A-Z]|[證证]件[^0-9\n]{0,12}[A-Z]"
    r"|0\d{2,3}\D{0,2}[1-9]\d{2}|[48４８][0０]{2}[ -]?\d|\d(?:[ -]?\d){13}"
    r"|(?:\+|00)\s?86|86-\d|[一幺壹][三四五六七八九叁參肆伍陆陸柒捌玖]|[\U0001d7ce-\U0001d7ff]"
    r"|Q\s?Q|Q号|Q群|扣扣|企鹅|[@＠#＃]|艾特|[\[(（{]at[\])）}]|\sat\s|微信|威信|薇信|[Vv]信|wechat|weixin|vx|wx"
    r"|[Vv]\s*[:：]|(?:加|私|联系)[Vv]"
    r"|09\d{2}[ -]?\d{3}|0[2-8]\d?[ )）-]\s?\d{3}|886|852"
    r"|電話|电话|聯絡|联络|聯繫|联系|熱線|热线|手機|手机|致電|致电|傳真|传真|whatsapp|tel",
    re.IGNORECASE,
)


# Full-width letters, digits and signs (ｆｕｌｌ＠ｅｘａｍｐｌｅ．ｃｏｍ, １３９－１２３４) match as their ASCII
# twins: the patterns run over a folded copy of the text, one character for one, so a match's
# span is the same in the original, which is where the placeholder goes (the rest keeps its form).
FOLD = (
    {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
    | {0x3000: 0x20}
    | {0x1D7CE + i: 0x30 + i % 10 for i in range(50)}  # mathematical bold, double-struck, sans-serif, monospace digits
    | {0xFF3F: 0x5F, 0xFF5E: 0x7E, 0x30FB: 0xB7}  # ＿ ～ and the katakana middle dot, typed between a number's groups
)  # circled digits are not folded: ① marks a list item or a footnote, and would join the number beside it
# the forms that need it: digits, letters, ＠ ＃ ＋ － ． ［ ］ and the ideographic space; the punctuation of
# running Chinese text (，：；！？（）) is read by the patterns as it is, and folding every line that has a
# comma cost a third of redaction's time
WIDE = re.compile(
    "[\uff03\uff0b\uff0d\uff0e\uff10-\uff19\uff20-\uff3b\uff3d\uff3f\uff41-\uff5a\uff5e\u30fb\u3000\U0001d7ce-\U0001d7ff]"
)
