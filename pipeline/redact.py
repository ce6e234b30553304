"""Redaction stage: personal data out of title, body and comments before anything is written.

Every hit is replaced by a typed placeholder and counted by type (never by
value) in ``doc.redactions``:

=========== ============ ==========================================================
key         placeholder  what
=========== ============ ==========================================================
email       ``[邮箱]``   e-mail addresses, also obfuscated (``abc#qq.com(把#换成@)``,
                         ``abc(at)163.com``, ``abc@qq点com``, ``lisi at qq.com``)
id_number   ``[身份证号]`` 18-digit resident ID numbers whose date and ISO 7064 check
                         digit are valid (groups may be split by spaces or dashes);
                         right after an ID cue (``身份证号:``) the date alone will do;
                         after such a cue also Taiwan's (``A123456789``, check digit
                         valid) and Hong Kong's (``A123456(7)``)
bank_card   ``[银行卡号]`` 16-19 digit card numbers starting 3-6 (or 95) that pass the Luhn
                         check, American Express's 15 (34/37); not under a record's label
                         (``订单号``, ``IMEI``)
wechat      ``[微信]``   a WeChat ID right after a cue (``微信:``, ``老师微信:``, ``VX:``, ``加微`` ...)
qq          ``[QQ]``     a QQ number right after a cue (``QQ:``, ``Q:``, ``扣扣``, ``QQ号``, ``Q号``,
                         ``加我Q``, ``uin=``), also in groups of three or four digits, and
                         the further numbers of a list after one
phone       ``[电话]``   mainland mobiles (spaces, dots, dashes, ~ · _, +86/0086, a digit
                         at a time, Chinese numerals), landlines with an area code
                         (also +86), 400/800 service numbers; Taiwan mobiles (09XX,
                         +886 9XX) and landlines (02-2345-6789, (03)584-7231); Hong
                         Kong numbers with +852, or eight digits after a phone cue
=========== ============ ==========================================================

The order matters: e-mails first (their local part is often a QQ or phone
number), then long digit runs (ID and card numbers contain phone-shaped
substrings), then the cued IDs, then phones. Dates, amounts, years, ICP
numbers (``粤ICP备12345678号``, ``京B2-20090001-1``) and article numbers
are left alone: every numeric pattern refuses to start or end inside a longer
digit run, and amounts (``元``/``万``) are excluded.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote

from pipeline.config import Settings
from pipeline.id_checks import (
    ID_SHAPE,
    digits,
    luhn_ok,
    valid_card,
    valid_id_number,
    valid_old_id_number,
    valid_taiwan_id,
)
from pipeline.record import Document
from pipeline.redact_patterns import (
    CANDIDATE,
    CN_MOBILE,
    EMAIL_OBF,
    EMAIL_PLAIN,
    EMAIL_WORDS,
    FOLD,
    HK_CUED,
    HK_PREFIXED,
    ID_CUED,
    ID_CUED_TW_HK,
    ID_GLUED,
    LANDLINE,
    LANDLINE_INTL,
    LONG_RUN,
    MOBILE,
    MOBILE_434,
    MOBILE_SPACED,
    PLACEHOLDERS,
    QQ,
    QQ_LIST_NUMBER,
    QQ_MORE,
    SERVICE,
    TW_LANDLINE,
    TW_MOBILE,
    WECHAT,
    WIDE,
    spelled_email,
)


def _folded(text: str) -> str:
    """``text`` with its full-width forms as their ASCII twins, one character for one (:data:`FOLD`)."""
    return text.translate(FOLD) if WIDE.search(text) else text


def _replace(pattern: re.Pattern[str], text: str, counts: dict[str, int], decide) -> str:
    """Replace group ``g`` of each match ``decide(m)`` returns ``(kind, g)`` for with ``kind``'s placeholder."""
    folded = _folded(text)
    pieces: list[str] = []
    last = 0
    for m in pattern.finditer(folded):
        got = decide(m)
        if got is None:
            continue
        kind, g = got
        pieces += [text[last:m.start(g)], PLACEHOLDERS[kind]]
        last = m.end(g)
        counts[kind] = counts.get(kind, 0) + 1
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


# a label that says what a long number is when it is no one's card or ID: an order, a parcel, a
# company's registration, a device (a Luhn digit or a date-shaped middle is there by chance)
_RECORD_LABEL = re.compile(
    r"(?:订单|交易|流水|快递|运单|物流|单号|编号|注册号|执照|信用代码|序列号|批准文号|案号|合同号|IMEI|MEID)"
    r"(?:号码|号|编号)?\s*(?:[:：=]|是|为)?\s*$",
    re.IGNORECASE,
)


# ... unless the label is a person's document's: 身份证编号, 证件编号, 银行卡编号, 账户编号
_PERSONAL_LABEL = re.compile(r"身份|證件|证件|卡|账户|帳戶|账号|帳號")


def _checked(m: re.Match[str]) -> tuple[str, int] | None:
    """A long digit run that is a resident ID or a card number (check digits valid); others stay.

    An 18-digit ID's check digit is evidence enough; a card number or a 15-digit old ID (no check
    digit) under a record's label (``订单号``, ``工商注册号``, ``IMEI``) is that record's number."""
    value = m.group(0)
    if valid_id_number(value):
        return "id_number", 0
    before = m.string[max(0, m.start() - 12) : m.start()]
    if _RECORD_LABEL.search(before) and not _PERSONAL_LABEL.search(before):
        return None
    if valid_card(value):
        return "bank_card", 0
    if valid_old_id_number(value):
        return "id_number", 0
    return None


def redact_text(text: str) -> tuple[str, dict[str, int]]:
    """Return ``text`` with personal data replaced by typed placeholders, and the counts per type."""
    if not text:
        return text, {}
    out, counts = _redact_cached(text)
    return out, dict(counts)


@lru_cache(maxsize=8192)  # a page's blocks repeat its paragraphs, and sites repeat their footers
def _redact_cached(text: str) -> tuple[str, tuple[tuple[str, int], ...]]:
    out, counts = _redact(text)
    return out, tuple(counts.items())


def _cued_tw_hk_id(m: re.Match[str]) -> tuple[str, int] | None:
    value = m.group(1)
    return ("id_number", 1) if "(" in value or "（" in value or valid_taiwan_id(value) else None


def _cued_id(m: re.Match[str]) -> tuple[str, int] | None:
    n = digits(m.group(1))
    return ("id_number", 1) if ID_SHAPE.fullmatch(n) or valid_old_id_number(n) else None


def _more_qq(text: str, counts: dict[str, int]) -> str:
    """The further numbers of a list after a redacted QQ number ("[QQ] 或 87654321、12345678")."""
    folded = _folded(text)
    pieces: list[str] = []
    last = 0
    for m in QQ_MORE.finditer(folded):
        for n in QQ_LIST_NUMBER.finditer(folded, m.start(), m.end()):
            pieces += [text[last : n.start()], PLACEHOLDERS["qq"]]
            last = n.end()
            counts["qq"] = counts.get("qq", 0) + 1
    return "".join(pieces) + text[last:] if pieces else text


def _redact(text: str, prefilter: bool = True) -> tuple[str, dict[str, int]]:
    counts: dict[str, int] = {}
    if prefilter and not CANDIDATE.search(_folded(text)):
        return text, counts
    for pat in (EMAIL_OBF, EMAIL_PLAIN):
        text = _replace(pat, text, counts, lambda m: ("email", 0))
    text = _replace(EMAIL_WORDS, text, counts, spelled_email)
    text = _replace(LONG_RUN, text, counts, _checked)
    text = _replace(ID_GLUED, text, counts, lambda m: ("id_number", 0) if valid_id_number(m.group(0)) else None)
    text = _replace(ID_CUED, text, counts, _cued_id)
    text = _replace(ID_CUED_TW_HK, text, counts, _cued_tw_hk_id)
    text = _replace(WECHAT, text, counts, lambda m: ("wechat", 1))  # the value after its cue; the cue stays
    text = _replace(QQ, text, counts, lambda m: ("qq", 1))
    if "[QQ]" in text:
        text = _more_qq(text, counts)
    for pat in (HK_PREFIXED, TW_MOBILE, MOBILE, MOBILE_434, MOBILE_SPACED, CN_MOBILE, SERVICE, TW_LANDLINE,
                LANDLINE_INTL, LANDLINE):
        text = _replace(pat, text, counts, lambda m: ("phone", 0))
    text = _replace(HK_CUED, text, counts, lambda m: ("phone", 1))
    return text, counts


_URL_PARTS = re.compile(r"^([a-z][a-z0-9+.-]*://)([^/?#]*)(.*)$", re.I | re.S)


_PATH_TOKEN = re.compile(r"(?<![0-9A-Za-z])\d{11,19}(?![0-9A-Za-z])")
_CARD_PREFIX = re.compile(r"62|4|5[1-5]|3[47]|95")  # UnionPay, Visa, Mastercard, American Express, old bank debit cards (9558 …)


def _path_number(m: re.Match[str]) -> tuple[str, int] | None:
    """A number standing alone in a path (between ``/``, ``-``, ``_`` or ``.``) that is a mobile or
    a card number by its shape and check digit; other ids stay (ID numbers went in the pass before)."""
    n = m.group(0)
    if len(n) == 11 and n[0] == "1" and n[1] in "3456789":
        return "phone", 0
    if len(n) >= 16 and _CARD_PREFIX.match(n) and luhn_ok(n):
        return "bank_card", 0
    return None


def _redact_path(path: str, counts: dict[str, int]) -> str:
    """A URL path's e-mail addresses, and the numbers in it that are personal data by their shape.

    A number is read whole, as a path part: an 11-digit mobile (``/user/13912345678/``), a
    resident ID, a 16-19 digit card number with a card network's prefix and a valid Luhn
    digit. Other long numbers stay: they are article ids (a Toutiao id has 19 digits and
    starts with 6 or 7, never 62 with a valid check digit by more than chance).
    """
    if not CANDIDATE.search(path):
        return path
    for pat in (EMAIL_OBF, EMAIL_PLAIN):
        path = _replace(pat, path, counts, lambda m: ("email", 0))
    path = _replace(LONG_RUN, path, counts, lambda m: ("id_number", 0) if valid_id_number(m.group(0)) else None)
    return _replace(_PATH_TOKEN, path, counts, _path_number)


def redact_url(url: str | None) -> tuple[str | None, dict[str, int]]:
    """A URL with its personal data replaced, part by part.

    The user info (``user:pass@``) goes whole: credentials or a login, never needed
    downstream. The host and the query string and fragment are redacted as text (a
    phone number as a sub-domain is a phone number). The path loses e-mail addresses
    and the numbers :func:`_redact_path` reads as personal data; its other long
    numbers are article ids far more often than phone or card numbers. Path and query
    are also read with their ASCII escapes decoded (:func:`_unescaping`).
    """
    if not url:
        return url, {}
    counts: dict[str, int] = {}
    m = _URL_PARTS.match(url)
    scheme, authority, rest = (m.group(1), m.group(2), m.group(3)) if m else ("", "", url)
    if "@" in authority:
        authority = authority.rsplit("@", 1)[1]
    if authority:
        authority, found = redact_text(authority)
        for k, v in found.items():
            counts[k] = counts.get(k, 0) + v
    cut = min((i for i in (rest.find("?"), rest.find("#")) if i >= 0), default=len(rest))
    path, found = _unescaping(rest[:cut], _path_counted)
    tail, found2 = _unescaping(rest[cut:], redact_text, query=True)
    for k, v in (*found.items(), *found2.items()):
        counts[k] = counts.get(k, 0) + v
    out = authority + path + tail
    if counts:  # "[电话]" in an address: brackets are not allowed there (RFC 3986), their escapes are
        for placeholder in PLACEHOLDERS.values():
            out = out.replace(placeholder, placeholder.replace("[", "%5B").replace("]", "%5D"))
    return scheme + out, counts


def _path_counted(path: str) -> tuple[str, dict[str, int]]:
    counts: dict[str, int] = {}
    return _redact_path(path, counts), counts


# The escapes of the characters an address or a number is written with (``@ + - . _ ( ) :`` and the
# space), and of letters and digits: decoding them changes no URL's structure (``& = / # ?`` and
# quotes stay escaped).
_CONTACT_ESCAPE = re.compile(r"%(2[0BDEbde89]|40|5[Ff]|3[0-9Aa]|[46][1-9A-Fa-f]|[57][0-9Aa])")


def _unescaping(part: str, redact, query: bool = False) -> tuple[str, dict[str, int]]:
    """``redact(part)``, or of ``part`` with its ASCII escapes decoded when that finds more.

    A URL writes ``@`` as ``%40`` and a space as ``%20`` (``?from=user%40example.com``,
    ``tel=139%201234%205678``); read escaped, they would pass. When the decoded form
    holds personal data, it is what is kept (its spaces escaped again): privacy wins
    over the URL's exact spelling, as for numbers in a path. Only the escapes of the
    characters addresses and numbers are written with are decoded, so the URL keeps
    its structure.
    """
    out, found = redact(part)
    plus = query and "+" in part
    if "%" not in part and not plus:
        return out, found
    decoded = _CONTACT_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), part)
    decoded = _UTF8_ESCAPES.sub(_utf8_text, decoded)
    if plus:
        decoded = decoded.replace("+", " ")  # a query writes a space as "+": card=6228+4800+…, q=QQ+52345678
    if decoded == part:
        return out, found
    out2, found2 = redact(decoded)
    if sum(found2.values()) > sum(found.values()):
        out2 = _TO_ESCAPE.sub(lambda m: m.group(1) or quote(m.group(0)), out2)  # the cue's words escaped again
        return out2.replace(" ", "%20"), found2
    return out, found


# a character's UTF-8 escapes (%E8%BA%AB = 身): decoded so a cue reads as one (身份证号310115…); never
# the escapes of a URL's structure, which are ASCII
_UTF8_ESCAPES = re.compile(r"(?:%[C-Fc-f][0-9A-Fa-f](?:%[89ABab][0-9A-Fa-f]){1,3})+")
_TO_ESCAPE = re.compile("(" + "|".join(re.escape(p) for p in PLACEHOLDERS.values()) + r")|[^\x00-\x7f]+")


def _utf8_text(m: re.Match[str]) -> str:
    try:
        return bytes.fromhex(m.group(0).replace("%", "")).decode("utf-8")
    except UnicodeDecodeError:
        return m.group(0)  # GBK escapes or broken ones: left as they are


_CUT_SPAN = 32  # the longest a cut number's half can be (19 digits and separators): never scan a whole line
_TAIL_DIGITS = re.compile(r"(?:\+|[(（])?[0-9０-９][0-9０-９ \-]*$")
_HEAD_DIGITS = re.compile(r"[0-9０-９ \-]*[0-9０-９]")


def join_cut_numbers(lines: list[str]) -> dict[str, int]:
    """Redact, in place, numbers a line break cut in two (``…联系13912`` / ``345678处理``); return the counts.

    Each line was redacted on its own, so what is left at the end of one and the start
    of the next are the halves of no number a line alone shows. When the two halves
    together (and what follows them, for the amount check) are personal data, the
    first half becomes the placeholder and the second goes.
    """
    counts: dict[str, int] = {}
    for i in range(len(lines) - 1):
        first, second = lines[i], lines[i + 1]
        if not first or not second or not first[-1].isdigit() or not (second[0].isdigit() or second[0] in " -"):
            continue  # most lines: a glance at two characters
        tail = _TAIL_DIGITS.search(first, max(0, len(first) - _CUT_SPAN))  # a number's tail: its last characters
        if tail is not None and tail.start() > 0 and first[tail.start() - 1].isdigit():
            continue  # the window cut into a longer run of digits: not a number's half
        head = _HEAD_DIGITS.match(second[:_CUT_SPAN]) if tail else None
        if tail is None or head is None:
            continue
        peek = second[head.end() : head.end() + 4]
        out, found = redact_text(tail.group(0) + head.group(0) + peek)
        if not found or not out.endswith(peek) or any(ch.isdigit() for ch in out[: len(out) - len(peek)]):
            continue
        lines[i] = first[: tail.start()] + out[: len(out) - len(peek)]
        lines[i + 1] = second[head.end() :]
        for k, v in found.items():
            counts[k] = counts.get(k, 0) + v
    return counts


def redact_document(doc: Document, settings: Settings | None = None) -> None:
    """Redact every text field of ``doc`` in place; add the counts to ``doc.redactions``.

    Title, headings, paragraphs, comments and their authors, thread posters, the byline fields
    (author, source, site) and the query strings of its URLs. The extractor's
    ``blocks`` (shown in the report's raw-vs-clean view) are redacted too,
    without counting: they repeat the body, and the removed ones (e.g. a
    takedown contact line) must not leak into the report either. The input's
    path is redacted once for the whole run (:func:`pipeline.ingest.public_paths`).
    """

    def apply(s: str | None, count: bool = True) -> str | None:
        if not s:
            return s
        out, counts = redact_text(s)
        if count and counts:
            doc.redactions.update(counts)
        return out

    def url(u: str | None) -> str | None:
        out, counts = redact_url(u)
        if counts:
            doc.redactions.update(counts)
        return out

    doc.title = apply(doc.title)
    for field in ("author", "source_name", "site_name"):
        setattr(doc, field, apply(getattr(doc, field)))
    doc.url, doc.canonical_url = url(doc.url), url(doc.canonical_url)
    for sec in doc.sections:
        if sec.heading:
            sec.heading = apply(sec.heading)
        sec.paragraphs = [apply(p) for p in sec.paragraphs]
        joined = join_cut_numbers(sec.paragraphs)
        if joined:
            doc.redactions.update(joined)
            sec.paragraphs = [p for p in sec.paragraphs if p.strip()]
        if sec.post is not None:
            sec.post.author, sec.post.role = apply(sec.post.author), apply(sec.post.role)
    for c in doc.comments:
        c.text = apply(c.text)
        if c.text and "\n" in c.text:  # a comment's own lines, hard-wrapped like a body's
            lines = c.text.split("\n")
            joined = join_cut_numbers(lines)
            if joined:
                doc.redactions.update(joined)
                c.text = "\n".join(line for line in lines if line.strip())
        c.author, c.role = apply(c.author), apply(c.role)
    for b in doc.blocks:
        b.text = apply(b.text, count=False)
    texts = [b.text for b in doc.blocks]
    if join_cut_numbers(texts):
        for b, t in zip(doc.blocks, texts, strict=True):
            b.text = t


def redact_batch(docs: list[Document], settings: Settings) -> list[Document]:
    for doc in docs:
        if not doc.done:
            redact_document(doc, settings)
    return docs


__all__ = ["redact_text", "redact_url", "redact_document", "redact_batch"]
