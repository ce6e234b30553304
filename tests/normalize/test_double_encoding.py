"""Chinese read as Latin-1 and saved again: repaired inside a page (normalise) and as a whole file (ingest)."""

from __future__ import annotations

from pathlib import Path

import ftfy.bad_codecs  # noqa: F401 - registers sloppy-windows-1252
import opencc
import pytest

from pipeline.config import Settings
from pipeline.ingest import load
from pipeline.normalize import normalize_text
from pipeline.normalize.mojibake import repair_double_encoded

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
    (tmp_path / f"{name}.txt").write_text(garble(TEXT), encoding="utf-8")
    (doc,) = load(f"{name}.txt", tmp_path, Settings())
    assert doc.status == "pending"
    assert "要求对方出示工作证" in doc.raw or "要求對方出示工作證" in doc.raw


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
