"""`pipeline eval metadata`: field comparison, scoring and the command on pages written for the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.eval import metadata
from pipeline.eval.metadata import comparable, field_figures, score
from pipeline.record import Document

TEXT = "信用卡逾期收到律師函怎么辦？\n發布時間：2023年4月3日 10:21 來源：新闻晨报\n信用卡逾期后，收到律師函不要緊張，先核實發函機構是否真實存在。\n"


@pytest.mark.parametrize(("name", "a", "b", "same"), [
    ("title", "信用卡逾期收到律師函怎么辦?", "信用卡逾期收到律师函怎么办？", True),  # script, width, punctuation
    ("title", "信用卡逾期怎么办", "信用卡逾期怎么办 _某某网", False),  # a site suffix left on is an error
    ("published", "2023-04-03", "2023-04-03T10:21:00+08:00", True),  # compared by the day
    ("published", "2023-4-3 10:21", "2023-04-03", True),
    ("published", "2023-04-03", "2023-04-04", False),
    ("author", "宋某 杨某", "杨某、宋某", True),  # a set of names
    ("author", "宋某 杨某", "宋某", False),
    ("source", "新闻晨报", "新聞晨報", True),
    ("source", "新闻晨报", "新闻晨报网", False),
])
def test_values_compare_by_what_they_say(name: str, a: str, b: str, same: bool) -> None:
    assert (comparable(name, a) == comparable(name, b)) is same


def test_a_label_stored_as_a_digest_scores_as_the_plain_value() -> None:
    doc = Document(path="x.txt", media_type="text", title="信用卡逾期收到律师函怎么办？", author="杨某、宋某",
                   source_name="新闻晨报网")
    plain = _row(title="信用卡逾期收到律師函怎么辦?", author="宋某 杨某", source="新闻晨报")
    hashed = {**plain, **{f: metadata.digest(f, plain[f]) for f in ("title", "author", "source")}}
    assert hashed["title"].startswith("sha256:") and "律" not in json.dumps(hashed, ensure_ascii=False)
    a, b = score(plain, doc), score(hashed, doc)
    assert [a.correct(f) for f in metadata.FIELDS] == [b.correct(f) for f in metadata.FIELDS] == [
        True, True, True, False]


def test_nothing_stated_is_none_whatever_its_spelling() -> None:
    assert comparable("title", None) is None
    assert comparable("author", "  ") is None
    assert comparable("source", "") is None


def _row(**values) -> dict:
    return {"id": "p1", "kind": "text", "split": "real_tune", **dict.fromkeys(metadata.FIELDS), **values}


def test_a_value_given_where_the_page_states_none_costs_precision_not_recall() -> None:
    doc = Document(path="x.txt", media_type="text", title="标题", published_at="2023-04-03")
    results = [score(_row(title="标题"), doc)]
    f = field_figures(results, "published")
    assert (f["stated"], f["given"], f["accuracy"], f["precision"], f["recall"]) == (0, 1, 0.0, 0.0, None)
    t = field_figures(results, "title")
    assert (t["accuracy"], t["precision"], t["recall"]) == (1.0, 1.0, 1.0)


def test_a_quarantined_page_gives_nothing() -> None:
    doc = Document(path="x.txt", media_type="text", title="标题")
    doc.quarantine("empty")
    r = score(_row(title="标题"), doc)
    assert r.got["title"] is None and not r.correct("title") and r.correct("author")


def test_the_command_scores_text_and_html_pages_from_their_folders(tmp_path: Path, capsys) -> None:
    pages = tmp_path / "pages.jsonl"
    pages.write_text(json.dumps({"id": "p0001", "text": TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    corpus = tmp_path / "corpora" / "mini"
    corpus.mkdir(parents=True)
    (corpus / "MANIFEST.tsv").write_text("local_html\tlocal_gold\turl\na.html\ta.gold.txt\thttps://example.com/a\n",
                                         encoding="utf-8")
    body = "".join(f"<p>{TEXT.splitlines()[2]}这是第{i}段。</p>" for i in range(4))
    (corpus / "a.html").write_text(
        "<html><head><meta charset='utf-8'><title>律师函怎么办_示例网</title></head><body>"
        f"<h1>律师函怎么办</h1><p>作者：王五 时间：2022-02-13 09:57</p>{body}</body></html>", encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    rows = [
        _row(id="p0001", split="real_blind", title="信用卡逾期收到律師函怎么辦？", published="2023-04-03 10:21",
             source="新闻晨报", first={"title": "信用卡逾期收到律師函怎么辦？"}, second={"title": None}),
        _row(id="mini/a.html", kind="html", split="html_blind", title="律师函怎么办", published="2022-02-13 09:57",
             author="王五"),
        _row(id="mini/b.html", kind="html", split="html_tune", title="不在这里"),
    ]
    labels.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "figures.json"
    argv = ["--labels", str(labels), "--pages", str(pages), "--corpora", str(tmp_path / "corpora"),
            "--written", str(tmp_path / "none"), "--json", str(out), "--agreement"]
    assert metadata.main(argv) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["text"]["title"]["pages"] == 1 and figures["html"]["title"]["pages"] == 1
    assert figures["html"]["title"]["accuracy"] == 1.0 and figures["html"]["published"]["accuracy"] == 1.0
    assert figures["text"]["source"]["recall"] == 1.0
    assert figures["agreement"]["title"]["agree"] == 0.0
    assert figures["agreement"]["author"] == {"pages": 1, "agree": 1.0, "stated_by_either": 0,
                                              "agree_where_stated": None}
    assert figures["html"]["published_time"] == {"pages": 1, "right": 1}  # 09:57 stated and found
    # the tuning split holds a page whose file is absent: said in one line, the rest still scored
    assert metadata.main([*argv[:8], "--split", "all", "--json", str(out)]) == 0
    assert "1 labelled pages are not here" in capsys.readouterr().err
    assert json.loads(out.read_text(encoding="utf-8"))["html"]["title"]["pages"] == 1
    assert metadata.main([*argv[:8], "--split", "nonesuch"]) == 2
    assert "splits: blind, tune, all" in capsys.readouterr().err


def test_written_pages_are_scored_in_the_clear_with_their_second_reading(tmp_path: Path) -> None:
    written = tmp_path / "written"
    for name, author in (("tune_x", "王五"), ("blind_y", "赵六")):
        (written / name).mkdir(parents=True)
        (written / name / "01.html").write_text(
            "<html><head><meta charset='utf-8'><title>律师函怎么办_示例网</title></head><body>"
            f"<h1>律师函怎么办</h1><p>作者：{author}</p>"
            + "".join(f"<p>{TEXT.splitlines()[2]}这是第{i}段。</p>" for i in range(4)) + "</body></html>",
            encoding="utf-8")
        (written / name / "labels.jsonl").write_text(json.dumps(
            {"id": "01", "title": "律师函怎么办", "published": None, "author": author, "source": None}) + "\n",
            encoding="utf-8")
    # the blind set was labelled again; the two readings differ on the author, adjudicated for the writer
    (written / "blind_y" / "second.jsonl").write_text(json.dumps(
        {"id": "01", "title": "律师函怎么办", "published": None, "author": None, "source": None}) + "\n",
        encoding="utf-8")
    (written / "blind_y" / "adjudicated.jsonl").write_text(json.dumps({"id": "01", "author": "赵六"}) + "\n",
                                                           encoding="utf-8")
    rows = metadata.written_rows(written)
    assert [(r["id"], r["split"], r["author"]) for r in rows] == [
        ("blind_y/01", "written_blind", "赵六"), ("tune_x/01", "written_tune", "王五")]
    assert rows[0]["first"]["author"] == "赵六" and rows[0]["second"]["author"] is None
    labels = tmp_path / "labels.jsonl"
    labels.write_text("", encoding="utf-8")
    out = tmp_path / "figures.json"
    argv = ["--labels", str(labels), "--pages", str(tmp_path / "none.jsonl"), "--corpora", str(tmp_path),
            "--written", str(written), "--json", str(out), "--agreement"]
    assert metadata.main(argv) == 0  # blind by default: the blind written set only
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["written"]["author"]["pages"] == 1 and figures["written"]["author"]["accuracy"] == 1.0
    assert figures["agreement_written"]["author"]["agree"] == 0.0
    assert figures["agreement_written"]["title"]["agree"] == 1.0
    assert metadata.main([*argv[:8], "--split", "written_tune", "--json", str(out)]) == 0
    tuned = json.loads(out.read_text(encoding="utf-8"))["written"]
    assert tuned["author"]["pages"] == 1 and tuned["author"]["recall"] == 1.0  # 王五's page alone


def test_without_the_pages_it_says_where_to_point(tmp_path: Path, capsys) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps(_row(split="real_blind")) + "\n", encoding="utf-8")
    assert metadata.main(["--labels", str(labels), "--pages", str(tmp_path / "none.jsonl"),
                          "--corpora", str(tmp_path), "--written", str(tmp_path)]) == 2  # nothing here to measure
    assert "point --pages" in capsys.readouterr().err
