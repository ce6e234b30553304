"""Crafted cases for each normalisation step, traps included.

Every row: (step, input, expected output, counter keys that must be non-zero).
The traps are the rows whose expected output equals the input: legitimate
parentheses, ASCII question marks in Latin text and URLs, numbers with commas,
e-mail addresses, Latin names, rare-but-real Han words.
"""

from __future__ import annotations

import pytest

from pipeline.normalize import normalize_text
from pipeline.normalize.mojibake import fix_mojibake
from pipeline.normalize.pinyin import fix_pinyin
from pipeline.normalize.script import to_simplified
from pipeline.normalize.width import normalize_width

PUA = "\ue30a"

CASES = [
    # --- 1. script detection and conversion ------------------------------------------
    ("script", "軟體", "软件", {"script_zh-Hant"}),  # regional phrase (tw2sp), not 软体
    ("script", "資料庫", "数据库", {"script_zh-Hant"}),
    ("script", "網路程式設計", "网络编程", {"traditional_chars"}),
    ("script", "這是一個問題", "这是一个问题", {"traditional_chars"}),
    ("script", "我们使用文件", "我们使用文件", set()),  # Simplified: no-op, tw2sp never sees it
    ("script", "使用者", "使用者", set()),  # neutral chars: not Traditional, left alone
    ("script", "我们的文件和這個", "我们的文件和这个", {"script_mixed"}),  # mixed: t2s only, 文件 stays
    ("script", "Hello world 2024", "Hello world 2024", set()),
    # --- 2. pinyin annotations ----------------------------------------------------------
    ("pinyin", "協(xié)商", "協商", {"pinyin"}),
    ("pinyin", "問（wèn）題", "問題", {"pinyin"}),  # full-width parentheses
    ("pinyin", "問(wen4)題", "問題", {"pinyin"}),  # tone digit
    ("pinyin", "愛(ai)情", "愛情", {"pinyin"}),  # toneless, but a reading of 愛
    ("pinyin", "條款(a)", "條款(a)", set()),  # toneless and not a reading of 款: an enumeration
    ("pinyin", "(原标题:支付宝逾期)", "(原标题:支付宝逾期)", set()),
    ("pinyin", "产品(ABC)上市", "产品(ABC)上市", set()),
    ("pinyin", "报告(2024)显示", "报告(2024)显示", set()),
    ("pinyin", "他说(an English aside)", "他说(an English aside)", set()),
    ("pinyin", "作者(Li)", "作者(Li)", set()),  # capitalised: a name, not an annotation
    ("pinyin", "好(hǎox)", "好(hǎox)", set()),  # not a syllable
    ("pinyin", "贷款(dài kuǎn)逾期", "贷款逾期", {"pinyin"}),  # a word's syllables
    ("pinyin", "恐吓(kǒng-hè)", "恐吓", {"pinyin"}),
    ("pinyin", "借呗(jie bei)和花呗", "借呗和花呗", {"pinyin"}),  # toneless: each a reading of its character
    ("pinyin", "協(XIÉ)商", "協商", {"pinyin"}),  # capitals with a tone mark
    ("pinyin", "協(xie\u0301)商", "協商", {"pinyin"}),  # the accent typed as a combining mark
    ("pinyin", "方案(AN)", "方案(AN)", set()),  # capitals without a tone mark: an acronym
    ("pinyin", "协[xié]商", "协商", {"pinyin"}),  # square brackets
    ("pinyin", "协【xié】商", "协商", {"pinyin"}),
    ("pinyin", "见注释[1]和条款[a]", "见注释[1]和条款[a]", set()),  # references, enumerations
    ("pinyin", "北京(Beijing)", "北京(Beijing)", set()),
    ("pinyin", "银行(bank loan)", "银行(bank loan)", set()),  # not syllables
    ("pinyin", "公司(da xue)", "公司(da xue)", set()),  # toneless, but not these characters' readings
    ("pinyin", "逾期(yú qī xx)", "逾期(yú qī xx)", set()),  # more syllables than characters before
    # --- 3. lost characters ---------------------------------------------------------------
    ("pinyin", "中?guó)最大", "中国最大", {"restored"}),
    ("pinyin", "中?(guó)人", "中国人", {"restored"}),
    ("pinyin", "信用分?jǐn)?shù)下降", "信用分数下降", {"restored", "split_debris"}),  # 數 split in two
    ("pinyin", "好?ǎ)坏", "好□坏", {"placeholder"}),  # no word vouches for a candidate
    ("pinyin", "是吗?(ok)", "是吗?(ok)", set()),  # '?' is a question mark here
    # a word's syllables written joined, with a tone: one reading per character before them
    ("pinyin", "征信(zhēngxìn)报告。", "征信报告。", {"pinyin"}),
    ("pinyin", "和银行协商(xie2shang1)还款。", "和银行协商还款。", {"pinyin"}),
    ("pinyin", "花呗(huabei)逾期", "花呗(huabei)逾期", set()),  # toneless: a brand's romanisation
    ("pinyin", "征信(zhēngxìnbào)报告", "征信(zhēngxìnbào)报告", set()),  # a syllable too many
    ("pinyin", "联系人王伟(wangwei1)", "联系人王伟(wangwei1)", set()),  # one tone digit for two syllables: a user name
    ("pinyin", "好?xyz)", "好?xyz)", set()),
    # --- 4. mojibake -------------------------------------------------------------------------
    ("mojibake", "我们的鏃ュ父鐢熸椿很好", "我们的日常生活很好", {"mojibake_utf8-as-gbk"}),
    ("mojibake", "这是涓€閮ㄥ垎内容", "这是一部分内容", {"mojibake_fixed"}),
    ("mojibake", "我们笢恅竭疑的问题", "我们中文很好的问题", {"mojibake_gbk-as-big5"}),
    ("mojibake", "我們妒Μ筿杠很多", "我們催收電話很多", {"mojibake_big5-as-gbk"}),
    # clean text with a name's rare characters, a foreign word, a drawing or an amount is left alone
    # (before: 炜炜 -> 快快快, 陈燚 -> □听□, カード -> 市奈玉, €100 -> 、悖保安0)
    ("mojibake", "我儿子叫炜炜。", "我儿子叫炜炜。", set()),
    ("mojibake", "我叫陈燚，欠了信用卡。", "我叫陈燚，欠了信用卡。", set()),
    ("mojibake", "王芃说：喜欢芃字。", "王芃说：喜欢芃字。", set()),
    ("mojibake", "律师：周珩珩", "律师：周珩珩", set()),
    ("mojibake", "珺珺借了花呗。", "珺珺借了花呗。", set()),
    ("mojibake", "所谓“カード”就是卡。", "所谓“カード”就是卡。", set()),
    ("mojibake", "这款App的日文名叫「ペイペイ」。", "这款App的日文名叫「ペイペイ」。", set()),
    ("mojibake", "俄罗斯的Сбербанк银行", "俄罗斯的Сбербанк银行", set()),
    ("mojibake", "说明：┌─┐表格，以上。", "说明：┌─┐表格，以上。", set()),
    ("mojibake", "欠款€100元，罚款100 €。", "欠款€100元，罚款100 €。", set()),
    ("mojibake", "玛丽・居里说ー好", "玛丽・居里说ー好", set()),
    ("mojibake", "我の天", "我の天", set()),
    # a code review's: a question mark is no debris, Cantonese is not mojibake, nor is Ukrainian
    ("mojibake", "真的吗？炜炜也去了。", "真的吗？炜炜也去了。", set()),
    ("mojibake", "为什么？冇問題啦。", "为什么？冇問題啦。", set()),
    ("mojibake", "千祈唔好搵廣告嗰啲「一筆清」，佢哋收好貴手續費。", "千祈唔好搵廣告嗰啲「一筆清」，佢哋收好貴手續費。", set()),
    ("mojibake", "乌克兰首都Київ很美", "乌克兰首都Київ很美", set()),
    ("mojibake", "€花呗逾期怎么办", "€花呗逾期怎么办", set()),
    ("mojibake", "1、民营资本BOT邛崃新城", "1、民营资本BOT邛崃新城", set()),  # a real line: ASCII letters are no evidence
    # lost characters among common ones are marked; among uncommon ones the run is mojibake, cut
    ("mojibake", "花呗逾期了\ufffd么办，\ufffd收\ufffd\ufffd上门", "花呗逾期了□么办，□收□上门", {"placeholder"}),
    ("mojibake", "我今天\ufffd\ufffd暹\ufffd\ufffd了", "我今天了", {"mojibake_removed"}),
    ("mojibake", "ä¸­æ–‡å­—ç¬¦", "中文字符", {"mojibake_fixed"}),  # Latin-1 family: ftfy
    (
        "mojibake",
        f"人們?nèi)粘I{PUA}钪胁豢苫蛉钡囊徊糠?。支付",
        "人們日常生活中不可或缺的一部分。支付",
        {"mojibake_gbk-shift", "restored"},
    ),
    ("mojibake", "可能因?yàn)橥话l(fā)的", "可能因为突發(fā)的", {"mojibake_gbk-shift"}),
    ("mojibake", "狀況等??头\ue48f藛T會(huì)", "狀況等。客服人員會(huì)", {"mojibake_gbk-shift"}),
    # after split-annotation debris the run is out of step though its characters are common
    # (GBK 真偽可以通過 with "(wěi)" written inside 偽): found by the debris, not by rarity
    ("mojibake", "内容的真?wěi)慰梢酝ㄟ^搜索律師", "内容的真伪可以通過搜索律師", {"mojibake_gbk-shift", "restored"}),
    ("mojibake", "价格?yuán)一百元", "价格?yuán)一百元", set()),  # the same debris before text in step
    ("mojibake", "正文\ue000\ue001\ue002结束", "正文结束", {"mojibake_removed"}),
    ("mojibake", "邋遢的人", "邋遢的人", set()),  # rare but real
    ("mojibake", "泸州泸州", "泸州泸州", set()),
    ("mojibake", "café “quoted” naïve", "café “quoted” naïve", set()),
    # --- 5. width, punctuation, whitespace ---------------------------------------------------
    ("width", "是吗?", "是吗？", {"punctuation"}),
    ("width", "What? Really!", "What? Really!", set()),
    ("width", "见 http://a.com/?q=1", "见 http://a.com/?q=1", set()),
    ("width", "共1,000元", "共1,000元", set()),
    ("width", "每期还款1375．50元，大约是18．2％", "每期还款1375.50元，大约是18.2%", {"width"}),
    ("width", "时间：１０：３０", "时间：10：30", {"width"}),  # colons stay: a time's or a label's
    ("width", "Ｗｉ－Ｆｉ密码", "Wi-Fi密码", {"width"}),  # the signs between folded Latin letters fold with them
    ("width", "第１～３天", "第1～3天", {"width"}),  # the Chinese range sign stays
    ("width", "见ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ", "见https://example.com", {"width"}),
    ("width", "第三．其次％的说法", "第三．其次％的说法", set()),  # not between digits
    ("width", "情形1：3个月以上", "情形1：3个月以上", set()),  # a label's colon, not a time
    ("width", "支付宝,如何应对呢?本文", "支付宝，如何应对呢？本文", {"punctuation"}),
    ("width", "来源:国俊艾", "来源：国俊艾", {"punctuation"}),
    ("width", "网址:http://a.com", "网址：http://a.com", {"punctuation"}),
    ("width", "联系 3590931873@qq.com", "联系 3590931873@qq.com", set()),
    ("width", "支付宝(中国)有限公司", "支付宝（中国）有限公司", {"punctuation"}),
    ("width", "报告(2024)显示", "报告(2024)显示", set()),
    ("width", "ＡＢＣ１２３", "ABC123", {"width"}),
    ("width", "打 说要上门，怎么办", "打 说要上门，怎么办", {"gap"}),  # kept: a deleted word, or a separator
    ("width", "强调 彰显特色优势 提高开放水平", "强调 彰显特色优势 提高开放水平", set()),  # a headline's phrases
    ("width", "字体：大 中 小", "字体：大中小", {"space"}),  # letter-spaced
    ("width", "甲 乙 丙三方", "甲 乙 丙三方", set()),
    ("width", "冲突。 无论", "冲突。无论", {"space"}),
    ("width", "土豆不“土” 土豆无“土”", "土豆不“土” 土豆无“土”", set()),  # a headline's two phrases
    ("width", "他说： “ 好的 ” 。", "他说：“好的”。", {"space"}),  # inside the quotes, next to a colon: gone
    ("width", "全角\u3000空格", "全角 空格", {"space_folded"}),
    ("width", "价格\u00a0100元", "价格 100元", {"space_folded"}),
    ("width", "中\u200b文\x07", "中文", {"invisible"}),
    ("width", "使用 Python 编程", "使用 Python 编程", set()),
    ("width", "张三 Zhang San, 李四", "张三 Zhang San, 李四", set()),
    ("width", "12:30开会", "12:30开会", set()),
    ("width", "页面?id=3", "页面?id=3", set()),
    # a mark after a Latin word, a code or a quote, before Chinese, belongs to the Chinese sentence
    ("width", "号码为134XXXXXXXX,后韩某逾期", "号码为134XXXXXXXX，后韩某逾期", {"punctuation"}),
    ("width", "下载了App,随后对方", "下载了App，随后对方", {"punctuation"}),
    ("width", "IVA,DRP是两种方案", "IVA,DRP是两种方案", set()),  # between two Latin words: left
    # straight quotes around Chinese pair up as “”; a quote written with its closing mark twice is mended
    ("width", '短信称要"上户籍地调查",这是真的吗?', "短信称要“上户籍地调查”，这是真的吗？", {"punctuation"}),
    ("width", '怎么办啊?"他说', "怎么办啊？\"他说", {"punctuation"}),  # an odd count: the quote is left
    ("width", '{"a": "b"}', '{"a": "b"}', set()),
    ("width", "贴着”暴力不是手段”的标语", "贴着“暴力不是手段”的标语", {"punctuation"}),
    # Markdown's emphasis goes; a masked number or name keeps its stars
    ("width", "1. **平台的催收政策**:不同平台", "1. 平台的催收政策：不同平台", {"punctuation"}),
    ("width", "手机138****1234，借款人张**和李**", "手机138****1234，借款人张**和李**", set()),
]

STEPS = {
    "script": to_simplified,
    "pinyin": fix_pinyin,
    "mojibake": fix_mojibake,
    "width": normalize_width,
}


@pytest.mark.parametrize(
    ("step", "text", "expected", "keys"),
    CASES,
    ids=[f"{i:02d}-{c[0]}-{c[1][:12]}" for i, c in enumerate(CASES)],
)
def test_step(step: str, text: str, expected: str, keys: set[str]) -> None:
    out, changes = STEPS[step](text)
    assert out == expected
    for key in keys:
        assert changes[key] > 0, (key, changes)
    if out == text:
        # Nothing changed: nothing may be reported either (but a space kept inside a sentence, a finding)
        changes.pop("gap", None)
        assert not +changes, changes


def test_case_count() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize(
    ("text", "expected", "n"),
    [
        ("随著利率上升，他过著拮据的生活，意味著要协商。", "随着利率上升，他过着拮据的生活，意味着要协商。", 3),
        ("睡不著，接著打开手机，身著职业装，著实辛苦。", "睡不着，接着打开手机，身着职业装，着实辛苦。", 4),
        # zhù stays: 著名, 著作权, 显著, 名著, 土著, 卓著, 著称, 编著
        ("著名律师说侵犯著作权会显著增加风险，名著与土著文化卓著，以勤勉著称，某某编著。",
         "著名律师说侵犯著作权会显著增加风险，名著与土著文化卓著，以勤勉著称，某某编著。", 0),
    ],
)
def test_the_particle_zhe_a_character_level_conversion_left_is_simplified(text: str, expected: str, n: int) -> None:
    from pipeline.normalize.script import fix_particle_zhe

    out, changes = fix_particle_zhe(text)
    assert out == expected and changes.get("zhe", 0) == n


def test_a_traditional_page_comes_out_with_the_particle_simplified() -> None:
    out, changes = normalize_text("隨著逾期時間拉長，催收人員接著打電話給他的家人。")
    assert out == "随着逾期时间拉长，催收人员接着打电话给他的家人。" and changes["zhe"] == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("登月的巴兹?奥尔德林说", "登月的巴兹·奥尔德林说"),  # a real page's lost interpunct
        ("他叫約翰？史密斯。", "他叫约翰·史密斯。"),  # Traditional, converted first, then read
        ("你是谁?我是马丁", "你是谁？我是马丁"),  # a question: 谁 is no name's syllable
        ("你去过巴黎吗?亚特兰大呢", "你去过巴黎吗？亚特兰大呢"),
        ("网址是 http://a.com/?q=1 ，安娜?卡列尼娜", "网址是 http://a.com/?q=1，安娜·卡列尼娜"),
    ],
)
def test_a_lost_interpunct_inside_a_foreign_name_comes_back(text: str, expected: str) -> None:
    out, changes = normalize_text(text)
    assert out == expected
    assert changes["restored"] == ("·" in expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“當時收到的彩禮錢和份子錢現(xiàn", "“当时收到的彩礼钱和份子钱现"),  # a real scrape's cut end
        ("協(xié)商好了，詳見附件(a", "协商好了，详见附件(a"),  # no tone: not pinyin
        ("協(xié)商還款(dǎo", "协商还款"),  # (the step runs on pages holding annotations)
    ],
)
def test_an_annotation_cut_at_the_end_of_a_unit_goes(text: str, expected: str) -> None:
    assert normalize_text(text)[0] == expected


def test_a_question_mark_opening_a_clause_is_a_lost_character() -> None:
    out, changes = normalize_text("向银行申请个人经营性贷款时，?要提供个人或单位的担保")
    assert out == "向银行申请个人经营性贷款时，□要提供个人或单位的担保" and changes["placeholder"] == 1
    assert normalize_text("什么是“骚扰催收”?说白了")[0] == "什么是“骚扰催收”？说白了"  # after a closing quote: a question
