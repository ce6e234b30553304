"""Hard-wrapped paragraphs (a line break every 76 columns) joined back; lists, poems and prose left alone."""

from __future__ import annotations

from pipeline.config import Settings
from pipeline.extract import extract_document
from pipeline.extract.unwrap import columns, unwrap
from pipeline.record import Document

# two paragraphs of an old post, wrapped at 38 Han characters (76 columns); each ends on a shorter line
_PARAGRAPHS = [
    "那年春天我在县城的中学教书，每天早上六点起床，先到操场上跑两圈，然后回到宿舍备课。学校离家有"
    "二十多里路，周末才能回去一次。那时候没有手机，家里有什么事情都是写信，一封信要走上好几天才能到，"
    "所以每次收到信都格外高兴。",
    "后来学校通了电话，就放在校长办公室里，老师们排着队打电话，每人只能说三分钟。我记得第一次给家里"
    "打电话的时候，母亲在那头半天说不出话来，只是一遍一遍地问我吃得好不好，冬天的被子够不够厚。",
]


def _wrap(text: str, width: int = 38) -> list[str]:
    return [text[k : k + width] for k in range(0, len(text), width)]


def _wrapped() -> list[str]:
    return [line for p in _PARAGRAPHS for line in _wrap(p)]


def test_a_wrapped_text_becomes_its_paragraphs_again() -> None:
    lines = _wrapped()
    assert len(lines) > 4 and columns(lines[0]) == 76
    assert unwrap(lines) == _PARAGRAPHS


def test_latin_words_split_by_the_wrap_keep_a_space() -> None:
    lines = _wrapped()
    lines[1] = lines[1][:-2] + "John"
    lines[2] = "Mill" + lines[2][2:]
    assert "John Mill" in unwrap(lines)[0]


def test_a_document_gets_its_paragraphs_whatever_its_input() -> None:
    text = "村里的旧学校\n\n" + "\n".join(_wrapped())
    doc = Document(path="x.txt", media_type="text", raw=text)
    extract_document(doc, Settings())
    assert [p for s in doc.sections for p in s.paragraphs] == _PARAGRAPHS


def test_lines_of_one_width_ending_with_their_punctuation_stay() -> None:
    """A poem, or a list of sentences that happen to be of one length."""
    poem = ["长夜漫漫何时旦，寒窗苦读不知年，一灯如豆照残卷，万卷诗书伴我眠。"] * 5
    assert unwrap(poem) == poem


def test_list_items_of_one_width_stay() -> None:
    items = [
        "根据实测数据，热线接通高峰期集中在工作日上午，此时段接通率较高，建议采取以下策略：",
        "- 提前准备材料:合同编号、交易流水、沟通记录",
        "- 明确表述要点:用时间事件诉求的结构陈述清楚",
        "- 善用语音导航:根据提示按3转接贷款投诉专线",
        "需特别注意，通话全程将被录音存档",
    ]
    assert unwrap(items) == items


def test_ordinary_paragraphs_stay() -> None:
    paras = [p[:n] for p, n in zip(_PARAGRAPHS * 3, (30, 45, 60, 41, 52, 38), strict=True)]
    assert unwrap(paras) == paras
    assert unwrap(_PARAGRAPHS) == _PARAGRAPHS and unwrap([]) == []


def test_short_lines_of_one_width_are_no_wrap() -> None:
    """A menu or a table of contents: many lines of one narrow width."""
    toc = ["第一章 村里的旧学校", "第二章 县城的新中学", "第三章 母亲的电话声", "第四章 冬天的厚被子"]
    assert unwrap(toc) == toc
