"""Redaction: a table of positive and negative cases, the real seed's takedown line, documents."""

from __future__ import annotations

import re

import pytest

from pipeline.record import Block, Comment, Document, Section
from pipeline.redact import redact_batch, redact_document, redact_text

# (input, expected output, expected counts)
POSITIVE = [
    ("联系电话:13812345678", "联系电话:[电话]", {"phone": 1}),
    # a tester's leaks (seventeenth session): spaced dashes, 4-3-4 groups, QQ and WeChat cues, glued IDs
    ("联系电话：138 - 1234 - 5678，打不通再试。", "联系电话：[电话]，打不通再试。", {"phone": 1}),
    ("号码:138 — 1234 — 5678", "号码:[电话]", {"phone": 1}),
    ("号码：1381-234-5678", "号码：[电话]", {"phone": 1}),
    ("Q:12345678，加好友请备注。", "Q:[QQ]，加好友请备注。", {"qq": 1}),
    ("QQ/微信：12345678，加好友请备注。", "QQ/微信：[QQ]，加好友请备注。", {"qq": 1}),
    ("加我Q 12345678 备注花呗", "加我Q [QQ] 备注花呗", {"qq": 1}),
    ("联系QQ：12345678 或 87654321", "联系QQ：[QQ] 或 [QQ]", {"qq": 2}),
    ("点击 http://wpa.qq.com/msgrd?v=3&uin=12345678&site=qq 联系客服",
     "点击 http://wpa.qq.com/msgrd?v=3&uin=[QQ]&site=qq 联系客服", {"qq": 1}),
    ("加微：zs123456咨询。", "加微：[微信]咨询。", {"wechat": 1}),
    ("身份证号码:ID11010519491231002X", "身份证号码:ID[身份证号]", {"id_number": 1}),
    ("sfz11010519491231002X", "sfz[身份证号]", {"id_number": 1}),
    ("美国运通卡378282246310005", "美国运通卡[银行卡号]", {"bank_card": 1}),  # American Express: 15 digits
    ("身分證字號：A123456789", "身分證字號：[身份证号]", {"id_number": 1}),  # Taiwan's, check digit valid
    ("身份證號碼：A123456(7)", "身份證號碼：[身份证号]", {"id_number": 1}),  # Hong Kong's
    # a code review's: a person's document under a 编号 label, full-width cues, a space before the dash
    ("身份证编号：110105491231002", "身份证编号：[身份证号]", {"id_number": 1}),
    ("银行卡编号：6222021234567894", "银行卡编号：[银行卡号]", {"bank_card": 1}),
    ("Ｑ：52345678", "Ｑ：[QQ]", {"qq": 1}),
    ("ｕｉｎ＝52345678", "ｕｉｎ＝[QQ]", {"qq": 1}),
    ("1381 - 234 - 5678", "[电话]", {"phone": 1}),
    ("QQ：12345678 或 87654321、23456789和34567890元", "QQ：[QQ] 或 [QQ]、[QQ]和34567890元", {"qq": 3}),
    ("手机 138 1234 5678 随时联系", "手机 [电话] 随时联系", {"phone": 1}),
    ("手机138-1234-5678。", "手机[电话]。", {"phone": 1}),
    ("请拨打+86 13812345678咨询", "请拨打[电话]咨询", {"phone": 1}),
    ("电话:+86-138-1234-5678", "电话:[电话]", {"phone": 1}),
    ("电话(+86)19912345678", "电话[电话]", {"phone": 1}),
    ("号码0086 15912345678", "号码[电话]", {"phone": 1}),
    ("全角号码１３８１２３４５６７８", "全角号码[电话]", {"phone": 1}),
    ("全角带横线１３９－１２３４－５６７８。", "全角带横线[电话]。", {"phone": 1}),
    ("点分隔 139.1234.5678 找我", "点分隔 [电话] 找我", {"phone": 1}),
    ("国家码 8613912345678", "国家码 [电话]", {"phone": 1}),
    ("老身份证号110105491231002已作废", "老身份证号[身份证号]已作废", {"id_number": 1}),
    ("全角邮箱：ｆｕｌｌ＠ｅｘａｍｐｌｅ．ｃｏｍ，谢谢", "全角邮箱：[邮箱]，谢谢", {"email": 1}),
    ("座机:010-62345678", "座机:[电话]", {"phone": 1}),
    ("座机 0755 2345 6789", "座机 [电话]", {"phone": 1}),
    ("请致电(021)52345678转801", "请致电[电话]", {"phone": 1}),
    ("客服热线400-820-8888", "客服热线[电话]", {"phone": 1}),
    ("免费电话 800 810 8888 。", "免费电话 [电话] 。", {"phone": 1}),
    ("热线4008208888", "热线[电话]", {"phone": 1}),
    ("邮箱:zhangsan@163.com", "邮箱:[邮箱]", {"email": 1}),
    ("投稿 li.si_2020@company.com.cn 谢谢", "投稿 [邮箱] 谢谢", {"email": 1}),
    ("联系abc123#qq.com(把#换成@)即可", "联系[邮箱]即可", {"email": 1}),
    ("邮箱 wang(at)163.com", "邮箱 [邮箱]", {"email": 1}),
    ("发到 12345678[at]qq[dot]com", "发到 [邮箱]", {"email": 1}),
    ("QQ:123456789", "QQ:[QQ]", {"qq": 1}),
    ("加QQ号 987654321 咨询", "加QQ号 [QQ] 咨询", {"qq": 1}),
    ("扣扣：20251234", "扣扣：[QQ]", {"qq": 1}),
    ("加我Q号 77889900咨询", "加我Q号 [QQ]咨询", {"qq": 1}),
    ("QQ：7788 9900", "QQ：[QQ]", {"qq": 1}),
    ("QQ群 778-899-001 进群", "QQ群 [QQ] 进群", {"qq": 1}),
    ("q q:12345678", "q q:[QQ]", {"qq": 1}),
    ("QQ：12345678 2024年3月", "QQ：[QQ] 2024年3月", {"qq": 1}),
    ("身份证号110105194912310021，", "身份证号[身份证号]，", {"id_number": 1}),  # wrong check digit, after its cue
    ("校验失败的身份证110101199003074257", "校验失败的身份证[身份证号]", {"id_number": 1}),  # (it was left, once)
    ("身份证：110105 19491231 0021", "身份证：[身份证号]", {"id_number": 1}),
    ("证件号码为11010519491231002x", "证件号码为[身份证号]", {"id_number": 1}),
    ("微信:zhang_san88", "微信:[微信]", {"wechat": 1}),
    ("老师微信:fawu-2024", "老师微信:[微信]", {"wechat": 1}),
    ("加VX：lawyer_li666 免费咨询", "加VX：[微信] 免费咨询", {"wechat": 1}),
    ("微信号 wxid_abc123", "微信号 [微信]", {"wechat": 1}),
    ("有问题加V:debt_help99", "有问题加V:[微信]", {"wechat": 1}),
    ("私v hk_lawyer2023 了解", "私v [微信] 了解", {"wechat": 1}),
    ("微信同号13912345678", "微信同号[电话]", {"phone": 1}),
    ("身份证号11010519491231002X已登记", "身份证号[身份证号]已登记", {"id_number": 1}),
    ("证件 110101199003074258", "证件 [身份证号]", {"id_number": 1}),
    ("身份证 110101 19900307 4258", "身份证 [身份证号]", {"id_number": 1}),
    ("卡号6222021234567890128", "卡号[银行卡号]", {"bank_card": 1}),
    ("卡号 6228 4800 1234 5678 903", "卡号 [银行卡号]", {"bank_card": 1}),
    ("信用卡4111111111111111到期", "信用卡[银行卡号]到期", {"bank_card": 1}),
    (
        "陈先生:13912345678 87654321@qq.com 微信:chen_xs2024",
        "陈先生:[电话] [邮箱] 微信:[微信]",
        {"phone": 1, "email": 1, "wechat": 1},
    ),
    ("两个号码13812345678和13987654321", "两个号码[电话]和[电话]", {"phone": 2}),
    # Taiwan and Hong Kong, as Traditional pages write them
    ("聯絡電話：03-584-7231 行動：0937-141993", "聯絡電話：[电话] 行動：[电话]", {"phone": 2}),
    ("請洽(02)2345-6789轉12", "請洽[电话]", {"phone": 1}),
    ("客服專線 02-2345-6789 週一至週五", "客服專線 [电话] 週一至週五", {"phone": 1}),
    ("手機0912 345 678", "手機[电话]", {"phone": 1}),
    ("請撥+886 912-345-678", "請撥[电话]", {"phone": 1}),
    ("台中總機 04-2345-6789", "台中總機 [电话]", {"phone": 1}),
    ("南投 049-2345678", "南投 [电话]", {"phone": 1}),
    ("查詢熱線：+852 2345 6789", "查詢熱線：[电话]", {"phone": 1}),
    ("WhatsApp: 9123 4567 回覆", "WhatsApp: [电话] 回覆", {"phone": 1}),
    ("如有疑問請致電 3456-7890 與我們聯絡", "如有疑問請致電 [电话] 與我們聯絡", {"phone": 1}),
    ("(852) 6123-4567", "[电话]", {"phone": 1}),
    # an address ends with its top-level domain, whatever is glued after it
    ("催收的邮箱是cs01@163.com2024年3月起", "催收的邮箱是[邮箱]2024年3月起", {"email": 1}),
    ("对方留的是zs@qq.com13912345678", "对方留的是[邮箱][电话]", {"email": 1, "phone": 1}),
    ("zhangsan@example.org2024-04-03", "[邮箱]2024-04-03", {"email": 1}),
    ("写信给zhang.san+loan@example.co.uk吧", "写信给[邮箱]吧", {"email": 1}),
    ("邮箱 wang(at)163.com.QQ群也行", "邮箱 [邮箱].QQ群也行", {"email": 1}),
    ("写 wang01 at mysite dot com", "写 [邮箱]", {"email": 1}),
    # at and dot spelled out: with the dot spelled too, or a mail service's name
    ("或者lisi at qq.com、", "或者[邮箱]、", {"email": 1}),
    ("邮箱写成zhaoliu AT 126 DOT com", "邮箱写成[邮箱]", {"email": 1}),
    # the separators people type between a mobile's groups, brackets, spaces anywhere
    ("电话139—4444—5501或139–4444–5502", "电话[电话]或[电话]", {"phone": 2}),
    ("139~4444~5503、139·4444·5504", "[电话]、[电话]", {"phone": 2}),
    ("139_2222_3305或139～2222～3306或139＿2222＿3307或139・2222・3308", "[电话]或[电话]或[电话]或[电话]", {"phone": 4}),
    ("号码(139)22223308", "号码[电话]", {"phone": 1}),
    ("座机写作010—6234—5506。", "座机写作[电话]。", {"phone": 1}),
    ("号码 1 3 9 1 2 3 4 5 6 7 1 别打", "号码 [电话] 别打", {"phone": 1}),
    # landlines with the country code
    ("或+86 755 8345 2204，或+86-10-62342205，或86-10-62342206", "或[电话]，或[电话]，或[电话]", {"phone": 3}),
    # Chinese numerals, other digit forms
    ("他说打一三九一二三四五六七八找他", "他说打[电话]找他", {"phone": 1}),
    ("壹叁捌壹贰叁肆伍陆柒玖", "[电话]", {"phone": 1}),
    ("幺三七 一二三四 五六七零", "[电话]", {"phone": 1}),
    ("粗体𝟏𝟑𝟗𝟑𝟑𝟑𝟑𝟒𝟒𝟎𝟔", "粗体[电话]", {"phone": 1}),
    ("①13812345678②", "①[电话]②", {"phone": 1}),  # circled digits mark list items: never part of a number
    # old bank debit cards (ICBC 9558 …)
    ("卡号9558801001234567896也在", "卡号[银行卡号]也在", {"bank_card": 1}),
]

NEGATIVE = [
    # a record's number under its label, an IMEI, a 15-digit number no card network issues, an amount
    "订单号690743915000806已发货",
    "订单号4834585966208001779已发货",
    "IMEI：352099001761481",
    "工商注册号：310115000802811",
    "营业执照注册号：110108000123456",
    "流水690743915000806",
    "金额：13000000000.00元",
    "比例为0.6818136464519934",  # a number's decimal places pass the Luhn check by chance
    "比例为0.651414530515986",  # ... or are fifteen digits, a first-generation ID's length
    "Q：10000元的额度怎么还",
    "Q: 2023年的问题",
    "FAQ:12345678",
    "加微博关注我们",
    "身分證字號：A123456788",  # the check digit is wrong: no one's number
    "订单编号：6222021234567894",
    "[QQ]、123456789012𝟗",  # thirteen digits: no QQ number (an earlier version looped forever on this)
    "型号A123456789",
    "QQ 2024 年的新功能",
    "QQ:1234 5678元",
    "BBQ号12345678",
    "身份证号码是18位数字",
    "证件号123456789012345678",  # no birth date where an ID has one
    "发布时间:2024-12-08 11:31:43",
    "2024 12/ 08 11:31:43",
    "粤ICP备12345678号-1",
    "辽B2-20140004-27.您好!欢迎访问",
    "京公网安备 11010502030143号",
    "根据《个人信息保护法》第55条规定",
    "依据民法典第一千零三十二条",
    "逾期金额13800000000元属于虚构",
    "借款金额为50000元,年利率24%",
    "2023年逾期人数超过1000万",
    "支付宝客服电话95188",
    "订单号2024120811314300012",
    "随机数字1234567890123456不是卡号",
    "校验失败的编号110101199003074257",  # the shape of an ID with a wrong check digit, but no ID cue before it
    "日期20241208与时间113143",
    "版本号v1.2.3,价格¥1299.00",
    "第12345678号判决书",
    "QQ音乐会员、微信支付和支付宝都可以",
    "微信:请添加客服",
    "#支付宝逾期# 话题讨论",
    "Copyright © 2000 - 2023 All Rights Reserved.",
    "手机尾号5678的用户",
    "年化利率0.05%,分12期,每期1380元",
    "时间戳1732851234567",
    "单价 135.2345 元，汇率 7.1234",
    "编号 8612345678901",
    "订单号 202412081131430",
    "流水号 110105491331002",
    "服务器地址 139.123.45.67",
    "版本V2.0.1发布,支持iOS 17",
    "维生素V:C含量100mg",
    # regional look-alikes that are not phone numbers
    "民國113年02月15日公告",
    "欠款金額 2345 6789 港元以上",
    "貸款總額2000-3000萬元",
    "電話費每月約 350 元",
    "統一編號 23456789",
    "金管銀法字第11201234567號函",
    "2024-02-15 至 2024-03-15",
    # English words and Chinese numerals that are not contacts
    "look at example.com today",
    "meet at 9 dot 30",
    "一九四九年十月一日成立",
    "一五一十地说了出来",
    "第一三九条规定",
    "1 3 5 7 9 11 13",
    "共 13 9 1 2 3 4 5 6 7 8 9 项",
    "得分 139/1234/5673 元",
    "138/2023/1234",
    "Register at qq.com now",
    "look at the dot com boom",
    "1 3 5 7 9 11 13 15 17 19",
    "86 20 1234 5678",
    "198/1998/2998",
    "附件 scan@2x.PNG 与 1680@2723871.htm",
]


@pytest.mark.parametrize(("text", "expected", "counts"), POSITIVE)
def test_redacts_positive_cases(text: str, expected: str, counts: dict[str, int]) -> None:
    out, got = redact_text(text)
    assert out == expected
    assert got == counts


@pytest.mark.parametrize("text", NEGATIVE)
def test_leaves_negative_cases_alone(text: str) -> None:
    out, got = redact_text(text)
    assert out == text
    assert got == {}


def test_table_is_big_enough() -> None:
    assert len(POSITIVE) + len(NEGATIVE) >= 40


_ANY_PHONE = re.compile(r"1[3-9]\d{9}")
_ANY_EMAIL = re.compile(r"@[A-Za-z0-9-]+\.")


def _takedown_line(raw: str) -> str:
    for line in raw.splitlines():
        if "@" in line and _ANY_PHONE.search(line):
            return line
    raise AssertionError("seed 003 no longer has its contact line")


def test_real_seed_takedown_line(seeds: dict[str, str]) -> None:
    line = _takedown_line(seeds["003"])
    out, counts = redact_text(line)
    assert not _ANY_PHONE.search(out)
    assert "@" not in out and not _ANY_EMAIL.search(out)
    assert not re.search(r"\d{5,}", out)  # neither the phone nor the QQ-number local part survives
    assert counts == {"phone": 1, "email": 1}
    assert "[电话]" in out and "[邮箱]" in out


def test_whole_real_seed_keeps_icp_and_dates(seeds: dict[str, str]) -> None:
    out, counts = redact_text(seeds["000"])
    assert "辽B2-20140004-27" in out
    assert "2024-12-08" in out
    assert counts == {}


def test_redact_document_counts_types_not_values(seeds: dict[str, str]) -> None:
    line = _takedown_line(seeds["003"])
    doc = Document(
        path="x.txt",
        title="联系13812345678",
        sections=[Section(heading="加微信:abc_def123", paragraphs=["正文没有号码。", line])],
        comments=[Comment(text="我的QQ:123456789")],
        blocks=[Block(text=line, kind="footer", kept=False)],
    )
    redact_document(doc, None)
    assert doc.title == "联系[电话]"
    assert doc.sections[0].heading == "加微信:[微信]"
    assert doc.comments[0].text == "我的QQ:[QQ]"
    assert not _ANY_PHONE.search(doc.blocks[0].text)
    assert dict(doc.redactions) == {"phone": 2, "email": 1, "wechat": 1, "qq": 1}
    for key in doc.redactions:
        assert key in {"phone", "email", "qq", "wechat", "id_number", "bank_card"}


def test_redact_batch_skips_terminal_docs() -> None:
    live = Document(path="a", sections=[Section(None, ["电话13812345678"])])
    dead = Document(path="b", sections=[Section(None, ["电话13812345678"])], status="duplicate")
    redact_batch([live, dead], None)
    assert live.paragraphs == ["电话[电话]"]
    assert dead.paragraphs == ["电话13812345678"]


def test_prefilter_never_hides_a_value() -> None:
    """The one-search prefilter must be a necessary condition: with or without it, the same output."""
    import random

    from pipeline.redact import _redact

    rng = random.Random(20261206)
    pieces = ["1", "3", "8", "0", "4", "9", "2", "５", "１", " ", "-", "(", ")", "（", "）", "+86", "0086", "@", "#",
              "qq", "QQ:", "Q Q", "Q号", "q q", "身份证号", "证件", "扣扣", "微信", "VX", "v:", "加V", "x", "abc", ".com", "点com", "年", "元", "电话",
              "转", "ext", "13812345678", "010-62345678", "400-820-1234", "11010519491231002X", "6222600260001072444",
              "09", "(02)", "03-", "+886", "+852", "(852)", "電話", "WhatsApp", "致電", "轉", "萬",
              "－", "．", "＠", "ａｂ", "８６", "86", "—", "–", "~", "·", "/", "_", "一", "三", "九", "幺", "壹",
              "叁", "零", " at ", " dot ", "qq", "①", "⓪", "𝟏", "𝟑", "+86 ", "86-", "10-", "755 ", "～", "＿", "・",
              " - ", " — ", "uin=", "Q:", "Q：", "加我Q", "加Q", "加微", "/微信", "或", "、", "ID", "sfz", "订单号",
              "身分證", "身份证", "字號", "A", "Z", "(7)", "A123456789", "Ｑ", "ｕｉｎ", "＝", "编号", "[QQ]", "𝟗"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        assert _redact(text) == _redact(text, prefilter=False), text


def test_thread_posters_are_redacted() -> None:
    from pipeline.record import Post

    doc = Document(path="t.html", page_kind="thread",
                   sections=[Section(None, ["回复内容。"], post=Post("13812345678", "微信 abc12345", None))])
    redact_document(doc, None)
    post = doc.sections[0].post
    assert "13812345678" not in (post.author or "")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # the path: e-mail addresses and ID numbers with a valid check digit go ...
        ("https://a.example/user/11010519491231002X/x.html", "https://a.example/user/[身份证号]/x.html"),
        ("https://a.example/u/zhang.san@example.com/p", "https://a.example/u/[邮箱]/p"),
        # ... and so do numbers that stand alone in it and are a mobile or a card number by their shape ...
        ("https://a.example/user/13812345678/", "https://a.example/user/[电话]/"),
        ("https://a.example/u_13812345678.html", "https://a.example/u_[电话].html"),
        ("https://a.example/p/6222021001123459/x.html", "https://a.example/p/[银行卡号]/x.html"),
        # ... other ids stay: a Toutiao id, a 10-digit id, a 16-digit number failing Luhn or without a card prefix
        ("https://www.toutiao.com/article/7301234567890123456/", "https://www.toutiao.com/article/7301234567890123456/"),
        ("https://a.example/news/1395678901.html", "https://a.example/news/1395678901.html"),
        ("https://a.example/p/6222021001123458/", "https://a.example/p/6222021001123458/"),
        ("https://a.example/p/9222021001123453/", "https://a.example/p/9222021001123453/"),  # Luhn-valid
        ("https://a.example/a138123456789.html", "https://a.example/a138123456789.html"),
        # the host is redacted as text, the user info goes whole
        ("https://17799998888.example.com/a.html", "https://[电话].example.com/a.html"),
        ("https://user:15987654321@example.org/x", "https://example.org/x"),
        # query and fragment as before
        ("https://a.example/p?tel=13812345678#qq123456789", "https://a.example/p?tel=[电话]#qq[QQ]"),
        # ... also when escaped; other escapes stay as they were
        ("https://a.example/s?from=user%40example.com&tel=139%201234%205678&n=%E5%BC%A0",
         "https://a.example/s?from=[邮箱]&tel=[电话]&n=%E5%BC%A0"),
        ("https://a.example/u/zhang%40example.com/p%20q", "https://a.example/u/[邮箱]/p%20q"),
        ("https://a.example/a%20b?q=%E8%8A%B1%E5%91%97", "https://a.example/a%20b?q=%E8%8A%B1%E5%91%97"),
        # only the escapes of what addresses and numbers are written with: & = " stay escaped
        ("https://a.example/p?m=a%40b.com&q=%22x%22%26y%3D1", "https://a.example/p?m=[邮箱]&q=%22x%22%26y%3D1"),
        ("https://a.example:8080/p", "https://a.example:8080/p"),
        # a file name with an @ is no address: a news site's page ids (1680@2723871.htm)
        ("http://auto.example.com/36/2005/07/18/1680@2723871.htm", "http://auto.example.com/36/2005/07/18/1680@2723871.htm"),
        ("https://a.example/u/wang@example.com/photo@2x.png", "https://a.example/u/[邮箱]/photo@2x.png"),
        # a cue in UTF-8 escapes glued to the number, "+" for a space in a query, an escaped colon
        ("https://www.baidu.com/s?wd=%E8%BA%AB%E4%BB%BD%E8%AF%81%E5%8F%B7310115198506152343",
         "https://www.baidu.com/s?wd=%E8%BA%AB%E4%BB%BD%E8%AF%81%E5%8F%B7[身份证号]"),
        ("https://example.com/?card=6228+4800+1234+5671", "https://example.com/?card=[银行卡号]"),
        ("https://e.com/?q=QQ+52345678", "https://e.com/?q=QQ%20[QQ]"),
        ("https://example.com/s?wd=qq%3A12345678", "https://example.com/s?wd=qq:[QQ]"),
        ("http://wpa.qq.com/msgrd?v=3&uin=12345678&site=qq", "http://wpa.qq.com/msgrd?v=3&uin=[QQ]&site=qq"),
        ("https://a.example/p/6+8?q=%B5%E7%BB%B0", "https://a.example/p/6+8?q=%B5%E7%BB%B0"),  # GBK escapes stay
    ],
)
def test_redact_url_part_by_part(url: str, expected: str) -> None:
    """(Expected values name the placeholders; in an address their brackets are written escaped.)"""
    from pipeline.redact import PLACEHOLDERS, redact_url

    for placeholder in PLACEHOLDERS.values():
        expected = expected.replace(placeholder, placeholder.replace("[", "%5B").replace("]", "%5D"))
    assert redact_url(url)[0] == expected
    assert "[" not in redact_url(url)[0] or "[" in url


def test_a_placeholder_in_an_address_has_its_brackets_escaped() -> None:
    from pipeline.redact import redact_url

    assert redact_url("https://x.example.com/a/1.html?tel=13912345678")[0] == (
        "https://x.example.com/a/1.html?tel=%5B电话%5D")
    assert redact_url("https://x.example.com/s?a[]=1")[0] == "https://x.example.com/s?a[]=1"  # not a placeholder


def test_raw_blocks_lose_full_width_contacts_too() -> None:
    """The report's raw view shows blocks as scraped, before normalisation made them ASCII."""

    doc = Document(path="p.html", sections=[Section(None, ["正文。"], 0)],
                   blocks=[Block("全角邮箱：ｆｕｌｌ＠ｅｘａｍｐｌｅ．ｃｏｍ 电话：１３９－１２３４－５６７８", "p", False)])
    redact_document(doc, None)
    assert doc.blocks[0].text == "全角邮箱：[邮箱] 电话：[电话]"


def test_a_number_cut_by_a_line_break_is_redacted_across_it() -> None:
    """Hard-wrapped text and ``<br>`` cut a number in two paragraphs; neither half is a number alone."""
    doc = Document(path="w.txt", sections=[Section(None, ["请尽快联系13912", "345678处理。", "对方还用过139",
                                                         "3333 4403", "身份证110101", "199003074258已登记。"])],
                   blocks=[Block("请尽快联系13912", "p", True), Block("345678处理。", "p", True)])
    redact_document(doc, None)
    assert doc.sections[0].paragraphs == ["请尽快联系[电话]", "处理。", "对方还用过[电话]", "身份证[身份证号]", "已登记。"]
    assert doc.redactions == {"phone": 2, "id_number": 1}
    assert [b.text for b in doc.blocks] == ["请尽快联系[电话]", "处理。"]
    # a comment's own lines too
    doc = Document(path="c.html", sections=[Section(None, ["正文。"])], comments=[Comment(text="我的号码13912\n345678有事找我")])
    redact_document(doc, None)
    assert doc.comments[0].text == "我的号码[电话]\n有事找我" and doc.redactions == {"phone": 1}


@pytest.mark.parametrize("pair", [["借款13800", "000000元"], ["2023年", "12月1日"], ["第1", "2条"],
                                  ["共计1391234", "5678元"]])
def test_numbers_on_two_lines_that_are_not_one_contact_stay(pair: list[str]) -> None:
    from pipeline.redact import join_cut_numbers

    lines = list(pair)
    assert join_cut_numbers(lines) == {} and lines == pair


def test_joining_cut_numbers_reads_only_the_ends_of_lines() -> None:
    """A line of 300,000 digits and spaces: the tail is looked for in its last characters, not by a scan
    from every position (that took two minutes), and a window that cuts into a longer run is no half."""
    from pipeline.redact import join_cut_numbers

    lines = ["1 " * 300_000 + "3", "12345678处理"]
    assert join_cut_numbers(lines) == {}
    lines = ["编号" + "7" * 40 + "139", "12345678处理"]
    assert join_cut_numbers(lines) == {}
