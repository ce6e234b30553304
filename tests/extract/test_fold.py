"""The matching key of the line rules: width, script, pinyin and case folded away."""

from __future__ import annotations

from pipeline.extract.fold import fold, strip_pinyin


def test_fold_strips_glued_pinyin_converts_script_and_width() -> None:
    assert fold("您好！歡迎訪問(wèn)本頻道！") == "您好!欢迎访问本频道!"
    assert fold("刪帖舉報(bào)") == "删帖举报"
    assert fold("ＡＢＣ　Ｘ") == "abc x"


def test_fold_keeps_parentheses_that_are_not_pinyin() -> None:
    assert fold("支付应用(App)的设置") == "支付应用(app)的设置"
    assert strip_pinyin("型号(VIP)") == "型号(VIP)"
    assert strip_pinyin("数字(2024)") == "数字(2024)"
    # multi-syllable and toneless lower-case annotations are pinyin
    assert strip_pinyin("協調(xié tiáo)好") == "協調好"
    assert strip_pinyin("我的(de)书") == "我的书"
    # pinyin only counts right after a Han character
    assert strip_pinyin("abc (wèn)") == "abc (wèn)"
