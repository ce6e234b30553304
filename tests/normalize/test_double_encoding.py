"""Chinese read as Latin-1 and saved again: repaired inside a page (normalise) and as a whole file (ingest)."""

from __future__ import annotations

from difflib import SequenceMatcher
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401 - registers sloppy-windows-1252
import opencc
import pytest

from pipeline.config import Settings
from pipeline.ingest import load
from pipeline.normalize import normalize_text
from pipeline.normalize.misread import repair_double_encoded, repair_lines

TEXT = "支付宝逾期了要上门如何应对？在面对催收人员上门时，首先要保持冷静，要求对方出示工作证和委托书。" * 4


def test_a_latin1_misread_paragraph_keeps_its_c1_bytes_until_repaired() -> None:
    """Latin-1 (not cp1252) turns half of UTF-8's bytes into C1 controls; cleaning them first ruined it."""
    garbled = "支付宝逾期了要上门如何应对？".encode().decode("latin-1")
    assert any("\x80" <= c <= "\x9f" for c in garbled)
    text, changes = normalize_text("正文第一段。" + garbled + "第三段。")
    assert text == "正文第一段。支付宝逾期了要上门如何应对？第三段。"
    assert changes["mojibake_fixed"] == 1


@pytest.mark.parametrize(
    ("name", "garble"),
    [
        ("utf8_as_latin1", lambda s: s.encode("utf-8").decode("latin-1")),
        ("utf8_as_cp1252", lambda s: s.encode("utf-8").decode("sloppy-windows-1252")),  # as browsers misread
        ("gbk_as_latin1", lambda s: s.encode("gbk").decode("latin-1")),
        ("big5_as_latin1", lambda s: opencc.OpenCC("s2t").convert(s).encode("big5").decode("latin-1")),
    ],
)
def test_a_whole_file_misread_as_latin1_is_repaired_at_ingest(tmp_path: Path, name: str, garble) -> None:
    text = "\n".join(["一、", TEXT, "二、", TEXT])  # short heading lines too
    (tmp_path / f"{name}.txt").write_text("\n".join(garble(line) for line in text.split("\n")), encoding="utf-8")
    (doc,) = load(f"{name}.txt", tmp_path, Settings())
    assert doc.status == "pending"
    assert "要求对方出示工作证" in doc.raw or "要求對方出示工作證" in doc.raw
    assert doc.raw.split("\n")[0] in ("一、", "一、")


@pytest.mark.parametrize(
    "text",
    [
        TEXT,  # Chinese: nothing to repair
        "Le café était fermé, alors nous sommes allés à la crêperie près de l'église. " * 10,  # French
        "Müller, Größe, Straße, übermäßig, Äpfel und Öl sind deutsche Wörter mit Umlauten. " * 10,
    ],
)
def test_real_text_is_left_alone(text: str) -> None:
    assert repair_double_encoded(text) is None


def test_latin1_garble_beyond_repair_is_cut_and_counted() -> None:
    """Bytes lost on the way (a space where one was): ftfy cannot repair it, so it goes, counted."""
    text, changes = normalize_text("正文第一段。æ— è®ºé‡åˆ°ä½•ç§æƒ å†µ,都应保持镇定。")
    assert "è" not in text and "都应保持镇定" in text
    assert changes["mojibake_removed"] == 1


def test_accented_latin_text_is_not_garble() -> None:
    text = "Société Générale à Paris, Müller Größe Straße. 中文正文。"
    assert normalize_text(text) == (text, {})


CLEAN = "很多持卡人在信用卡逾期以后，会收到银行的律师函，甚至被银行起诉到法院。"


@pytest.mark.parametrize(
    ("garble", "where"),
    [
        (lambda s: s.encode("gbk").decode("latin-1"), "line"),  # GBK read as Latin-1
        (lambda s: s.encode("utf-8").decode("latin-1"), "line"),  # UTF-8 read as Latin-1
        (lambda s: s.encode("utf-8").decode("gbk"), "line"),  # UTF-8 read as GBK, no byte lost
        (lambda s: s.encode("utf-8").decode("gbk"), "run"),  # ... after a clean heading number
        (lambda s: s.encode("gbk").decode("latin-1"), "run"),  # ... before clean text
    ],
)
def test_a_garbled_line_or_run_inside_a_clean_page_is_repaired_at_ingest(garble, where) -> None:
    """Left garbled, the extractor took such a paragraph for a teaser and dropped it with the heading after it."""
    heading, para = "逾期之后会影响子女上学吗", "网贷逾期多久会上征信记录"  # their UTF-8 is whole GBK pairs
    if where == "line":
        lines = [CLEAN, garble(heading), garble(para), CLEAN]
        want = [CLEAN, heading, para, CLEAN]
    else:
        lines = [CLEAN, "二、" + garble(heading), garble(para) + "，这时候一定要保持冷静。", CLEAN]
        want = [CLEAN, "二、" + heading, para + "，这时候一定要保持冷静。", CLEAN]
    text, n = repair_lines("\n".join(lines))
    assert text.split("\n") == want and n == 2


def test_a_page_garbled_from_two_codecs_is_repaired_line_by_line(tmp_path: Path) -> None:
    """One repair of the whole text (ftfy) ruined the GBK lines of a page that also had UTF-8 ones."""
    gbk = "首先要确认银行主张的欠款金额是否正确，包括本金、利息、违约金和滞纳金。"
    utf8 = "收到法院传票后一定要按时出庭，如实陈述自己的困难，争取和银行达成调解协议。"
    text = "\n\n".join([gbk.encode("gbk").decode("latin-1"), utf8.encode("utf-8").decode("latin-1")] * 3)
    (tmp_path / "two.txt").write_text(text, encoding="utf-8")
    (doc,) = load("two.txt", tmp_path, Settings())
    assert doc.raw.split("\n\n") == [gbk, utf8] * 3


@pytest.mark.parametrize(
    "line",
    [
        CLEAN,
        "Le café était fermé, alors nous sommes allés à la crêperie près de l'église.",
        "Müller, Größe, Straße, übermäßig, Äpfel und Öl.",
        "温度 25°C，价格 ¥1,299.00 × 2 ＝ ¥2,598，约 €330。",
        "马克·吐温说：“……”——这是一段引文。",
        "涓浜浼浠 are rare characters, not a garbled run.",
        "身份证号110101××××××××1234，案号（2023）×××民初××××××号",  # masks: one sign repeated
        "¥¥¥¥¥¥ °°°°°° §§§§§§ ±±±±±±",
    ],
)
def test_clean_lines_are_left_alone(line: str) -> None:
    assert repair_lines(f"{CLEAN}\n{line}\n{CLEAN}") == (f"{CLEAN}\n{line}\n{CLEAN}", 0)


def test_a_whole_file_misread_with_bytes_lost_is_still_mostly_repaired(tmp_path: Path) -> None:
    """cp1252 has no letter for five bytes: a misreading with replacement lost them (U+FFFD), and such
    lines still go through ftfy's sloppy repair rather than stay Latin-1 garbage."""
    text = TEXT.encode("utf-8").decode("cp1252", errors="replace")
    assert "\ufffd" in text
    (tmp_path / "lossy.txt").write_text(text, encoding="utf-8")
    (doc,) = load("lossy.txt", tmp_path, Settings())
    assert "上门如何应对" in doc.raw and "æ" not in doc.raw


@pytest.mark.parametrize("sentence", [
    "花呗逾期了怎么办，催收说要上门找我的家人。",
    "信用卡逾期三个月，银行打电话说要起诉我，我该怎么和银行协商还款？",
    "首先要确认银行主张的欠款金额是否正确，包括本金、利息、违约金和滞纳金。",
])
def test_utf8_read_as_gbk_with_replacement_is_repaired_but_for_the_lost_characters(sentence: str) -> None:
    """What a browser or a crawler gives (鑺卞憲閫炬湡浜嗘�庝箞): before, the garbage stayed and went through
    OpenCC; now each character whose bytes were lost is one □, flagged, and the rest is the sentence."""
    garbled = sentence.encode("utf-8").decode("gbk", errors="replace")
    assert "\ufffd" in garbled
    text, n = repair_lines(f"{CLEAN}\n{garbled}\n{CLEAN}")
    assert n == 1
    out, changes = normalize_text(text.split("\n")[1])
    assert changes["placeholder"] >= 1 and changes["mojibake_removed"] >= 1  # flagged
    assert SequenceMatcher(None, out, sentence).ratio() >= 0.75  # one □ for a run of lost characters
    assert all(c in sentence for c in out if c != "□")


def test_a_lost_character_among_clean_ones_is_marked_not_cut() -> None:
    out, changes = normalize_text("花呗逾期了\ufffd么办，\ufffd收\ufffd\ufffd上门")
    assert out == "花呗逾期了□么办，□收□上门" and changes["placeholder"] == 3
