"""A corpus of hostile inputs for the fault-injection suite, written into a raw directory.

Every file is one kind of trouble seen on real crawls or planted on purpose:
parser bombs, lying charsets, broken and escaping symlinks, special files,
damaged bytes, invisible characters, bad timestamps, and personal data in
every place it can hide (body, title, metadata, comment authors, URLs, file
names). :data:`PLANTED` lists the personal data: none of it may appear anywhere
under the output directory, SQLite files included.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

PHONE = "13912345678"
EMAIL = "zhangsan.test@example.com"
ID_NUMBER = "11010519491231002X"  # valid check digit
CARD = "6222600260001072444"  # Luhn-valid
QQ = "87654321"
PLANTED = (PHONE, EMAIL, ID_NUMBER, CARD, QQ)

ARTICLE = (
    "借款人逾期后，催收人员可能会打电话或者上门。首先要保持冷静，核实对方的身份，要求出示工作证和委托书。"
    "其次可以与平台协商还款，说明自己的实际困难，申请分期或者延期。最后注意保护个人隐私，不要把身份证照片随意发给陌生人。"
)


_SENTENCES = [
    "网贷逾期之后，平台通常会先发短信提醒。", "如果收到律师函，要先核实律师事务所是否真实存在。",
    "协商分期时，最好保留通话录音和书面记录。", "催收人员不得向借款人的亲友透露债务情况。",
    "遇到暴力催收，可以向银保监会或者互联网金融协会投诉。", "上门催收必须出示工作证件和委托授权书。",
    "征信上的逾期记录在还清欠款五年后才会消除。", "不要轻信所谓的征信修复广告，很多都是骗局。",
    "申请延期还款时，要说明收入下降的具体原因。", "保管好自己的身份证和银行卡，不要借给他人使用。",
    "花呗逾期会产生罚息，时间越长金额越大。", "借呗的还款日可以在支付宝里查看和提醒。",
    "有些平台允许停息挂账，但需要提供困难证明。", "不要为了还款去借高利贷，以免越陷越深。",
    "家人的电话被骚扰时，可以保留证据报警处理。", "和客服沟通时，态度要诚恳，但不要做做不到的承诺。",
]


def _unique(seed: int) -> str:
    """A paragraph of its own per file, so that the hostile pages are not copies of each other."""
    picks = [_SENTENCES[(seed * 7 + k * 5) % len(_SENTENCES)] for k in range(6)]
    return f"第{seed}篇补充说明：" + "".join(picks)


_counter = iter(range(10_000))


def page(body: str, head: str = "", extra: str = "") -> str:
    n = next(_counter)
    return (f"<html><head><meta charset='utf-8'>{head}<title>逾期后如何应对催收（{n}）</title></head>"
            f"<body><div class='article'><h1>逾期后如何应对催收（{n}）</h1><p>{body}</p><p>{_unique(n)}</p>"
            f"<p>{ARTICLE}</p></div>{extra}</body></html>")


def build(raw: Path) -> dict[str, str]:
    """Write the corpus under ``raw``; return {name: what it is} (names relative to ``raw``)."""
    raw.mkdir(parents=True, exist_ok=True)
    made: dict[str, str] = {}

    def put(name: str | bytes, data: bytes | str, what: str) -> None:
        path = os.path.join(os.fsencode(raw), name if isinstance(name, bytes) else name.encode())
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        made[os.fsdecode(name) if isinstance(name, bytes) else name] = what

    # parser bombs and broken JSON
    put("json/huge_int.json", '{"url": "https://a.example/1", "html": "<p>x</p>", "n": ' + "9" * 5000 + "}", "huge integer")
    put("json/deep.json", "[" * 100_000 + "]" * 100_000, "deep nesting")
    put("json/deep.jsonl", "[" * 100_000 + "]" * 100_000 + "\n", "deep nesting, JSON lines")
    put("json/empty_list.json", "[]", "crawl file with no record")
    put("json/empty_object.json", "{}", "record with no html or text")
    put("json/html_not_string.json", '{"url": "u", "html": 42}', "record whose html is a number")
    put("json/blank_lines.jsonl", "\n\n\n", "JSON lines with no line")
    put("json/one_bad_line.jsonl",
        json.dumps({"url": "https://b.example/2", "text": ARTICLE + "第一条。"}, ensure_ascii=False) + "\n{oops\n",
        "JSON lines with one broken line")
    put("json/bad_times.jsonl", "\n".join(json.dumps({"url": f"https://c.example/{i}", "text": ARTICLE + f"第{i}篇。",
                                                       "fetched_at": t}, ensure_ascii=False)
                                           for i, t in enumerate(["9999-99-99T99:99:99Z", "yesterday"])) + "\n",
        "records with impossible fetch times")
    put("json/url_query.jsonl", json.dumps({"url": f"https://d.example/a?tel={PHONE}&mail={EMAIL}",
                                            "text": ARTICLE + "网址里的电话。"}, ensure_ascii=False) + "\n",
        "personal data in a URL's query string")
    # WARC archives: personal data in a page and its URL; a file cut inside its second record; gzip garbage
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i, body in enumerate((f"网页里的邮箱{EMAIL}。", "第二个网页，被截断了。")):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://f.example/p{i}?tel={PHONE}", "response",
                                                      payload=BytesIO(page(body).encode()), http_headers=http))
    put("warc/pii.warc.gz", buf.getvalue(), "personal data in a WARC page and its URL")
    put("warc/cut.warc.gz", buf.getvalue()[:-60], "WARC file cut inside its second record")
    put("warc/garbage.warc.gz", b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4, "gzip garbage named .warc.gz")
    # lying and non-text charsets
    gbk = page("这是GBK编码的网页。").replace("charset='utf-8'", "charset='{cs}'")
    for cs in ("rot13", "base64", "hex", "zlib", "bz2", "uu", "quopri", "undefined"):
        put(f"charset/{cs}.html", gbk.replace("{cs}", cs).encode("gb18030"), f"declares charset {cs}")
    put("charset/utf16_no_bom.txt", ("逾期了怎么办\n" + ARTICLE).encode("utf-16-le"), "UTF-16 without a BOM")
    damaged = bytearray((ARTICLE * 3).encode("utf-8"))
    for k in range(4):
        damaged[20 + k * 97] = 0xFF
    put("charset/utf8_damaged.txt", bytes(damaged), "UTF-8 with 4 damaged bytes")
    put("charset/invisible.txt", "标题\u202e反转\n" + ARTICLE.replace("。", "\ufffe。", 2), "bidi override, noncharacters")
    # personal data everywhere it can hide
    put("pii/author_meta.html", page("作者信息在元数据里。", head=f"<meta name='author' content='张三 {PHONE}'>"),
        "phone in the author meta")
    put("pii/site_name.html", page("站点名称里有邮箱。", head=f"<meta property='og:site_name' content='{EMAIL} 的博客'>"),
        "e-mail in the site name")
    put("pii/comment_author.html", page("评论区的用户名是手机号。", extra=(
        f"<div class='comments'><h3>网友评论</h3><div class='comment'><span class='user'>{PHONE}</span>"
        "<span class='time'>2024-05-01</span><p>说得很对，我也遇到过这种情况，后来协商成功了。</p></div></div>")),
        "phone as a commenter's name")
    put("pii/canonical_query.html", page("规范链接带参数。",
                                         head=f"<link rel='canonical' href='https://e.example/p?id={ID_NUMBER}'>"),
        "ID number in the canonical URL's query")
    put("pii/body.html", page(f"联系电话{PHONE}，邮箱{EMAIL}，身份证号{ID_NUMBER}，银行卡{CARD}，QQ：{QQ}。"),
        "every kind in the body")
    put("pii/title.txt", f"张三的电话{PHONE}\n" + ARTICLE, "phone in the title")
    put(f"pii/张三_{PHONE}.txt", ARTICLE + "文件名里有电话。", "phone in the file name")
    put(f"pii/{ID_NUMBER}.txt", b"", "ID number in the name of an empty (quarantined) file")
    # files that are not articles
    put("bad/empty.txt", b"", "empty")
    put("bad/image.png.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary")
    put("bad/nul.txt", b"abc\x00def" * 50, "NUL bytes")
    put("bad/english.html", "<html><body><p>" + "An English page about loans. " * 30 + "</p></body></html>", "not Chinese")
    put("bad/no_body.html", "<html><head><script>var x=1;</script></head><body><div></div></body></html>", "no text")
    put("bad/digits.txt", "1" * 4_000_000, "4 MB of digits")
    put("bad/data.csv", "a,b\n1,2\n", "unsupported type")
    put("bad/deep_nesting.html", "<html><body>" + "<div>" * 400 + f"<p>{ARTICLE}</p>" + "</div>" * 400 + "</body></html>",
        "nesting deeper than libxml2 keeps")
    put(b"bad/bad\xff\xfename.txt", ARTICLE + "文件名不是UTF-8。", "file name that is not UTF-8")
    put(".hidden/secret.txt", ARTICLE, "hidden directory (ignored)")
    # links and special files
    links = raw / "links"
    links.mkdir(exist_ok=True)
    os.symlink("does-not-exist.txt", links / "dangling.txt")
    os.symlink("loop.txt", links / "loop.txt")
    os.symlink("/etc/passwd", links / "outside.txt")
    os.symlink("/dev/null", links / "device.txt")
    os.symlink("../pii/title.txt", links / "inside.txt")
    os.symlink("../bad", links / "dir_link")
    made.update({"links/dangling.txt": "dangling symlink", "links/loop.txt": "symlink loop",
                 "links/outside.txt": "symlink out of raw/", "links/device.txt": "symlink to a device",
                 "links/inside.txt": "symlink to a file inside raw/", "links/dir_link": "symlink to a directory"})
    os.mkfifo(links / "fifo.txt")
    made["links/fifo.txt"] = "FIFO"
    return made
