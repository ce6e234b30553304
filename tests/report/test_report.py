"""The HTML report: files, content, self-containment and escaping of scraped values."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest

from pipeline.report import build_report, json_for_script
from pipeline.review import import_verdicts

RUN = "20261123T090000Z-3c4d"
OLD = "20261122T080000Z-1a2b"


def _data_block(html: str) -> str:
    m = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', html, re.S)
    assert m
    return m.group(1)


def _scripts(html: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S)


def test_build_report_newest_run_and_latest_copy(out_dir: Path) -> None:
    path = build_report(out_dir)
    assert path == out_dir / "reports" / RUN / "index.html"
    latest = out_dir / "reports" / "latest" / "index.html"
    assert latest.is_file() and not latest.is_symlink()
    assert latest.read_bytes() == path.read_bytes()
    html = path.read_text(encoding="utf-8")
    assert RUN in html
    # an older run renders its own report and leaves latest alone
    old = build_report(out_dir, OLD)
    assert old == out_dir / "reports" / OLD / "index.html"
    assert "旧文章" in old.read_text(encoding="utf-8")
    assert latest.read_bytes() == path.read_bytes()


def test_no_runs_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no runs"):
        build_report(tmp_path)


def test_unknown_run_is_a_clear_error(out_dir: Path) -> None:
    with pytest.raises(FileNotFoundError, match="not found"):
        build_report(out_dir, "nope")
    with pytest.raises(ValueError, match="run id"):
        build_report(out_dir, "../articles")


def test_self_contained(out_dir: Path) -> None:
    html = build_report(out_dir).read_text(encoding="utf-8")
    assert "<link" not in html
    assert not re.search(r"\bsrc\s*=", html), "no external (or any) src= resources"
    assert "@import" not in html and "url(" not in html
    assert "cdn" not in html.lower()
    assert "<style>" in html and "<svg" in html
    # the only http(s) references are links to the scraped articles themselves
    for m in re.finditer(r'(?:href|action)="([^"]*)"', html):
        assert m.group(1).startswith(("#", "https://")), m.group(1)


def test_csp_allows_exactly_the_page_script(out_dir: Path) -> None:
    html = build_report(out_dir).read_text(encoding="utf-8")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    code = [s for s in _scripts(html) if "use strict" in s]
    assert len(code) == 1
    digest = base64.b64encode(hashlib.sha256(code[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_summary_sections(out_dir: Path) -> None:
    html = build_report(out_dir).read_text(encoding="utf-8")
    for text in ("Run summary", "Time per stage", "extract", "61.5 s", "Boilerplate removed",
                 "breadcrumb", "footer", "extract: body shorter than 30 characters",
                 "ingest: oversized", "sites/broken/huge.html", "zh-Hant", "converted",
                 "mojibake_repaired", "mojibake_suspect", "Redactions by type", "id_card"):
        assert text in html, text
    # totals by fate: 6 written, 3 duplicates, 1 unchanged, 4 quarantined
    kpis = dict(re.findall(r'<div class="kpi fate-(\w+)"><span class="k">\w+</span><span class="v">(\d+)', html))
    assert kpis == {"written": "6", "duplicate": "3", "unchanged": "1", "quarantined": "4"}


def test_topics_histograms_and_lists(out_dir: Path) -> None:
    html = build_report(out_dir).read_text(encoding="utf-8")
    assert html.count('<svg class="hist"') == 5
    assert html.count('class="thr"') == 5
    assert "金融理财" in html and "法律维权" in html
    # finance histogram: 0.55 threshold line for law at 55% of the plot
    assert 'aria-label="Score distribution for law: 6 articles, 2 at or above threshold 0.55"' in html
    # articles per topic link to their cards
    assert 'href="#card-b2e1d4c3f5a6b788"' in html


def test_review_queue_order_evidence_and_raw_vs_clean(out_dir: Path) -> None:
    html = build_report(out_dir).read_text(encoding="utf-8")
    ids = re.findall(r'<article class="card" id="card-([0-9a-f]+)"', html)
    assert len(ids) == 6
    # closest to a threshold first: f6a5 (finance 0.52 vs 0.50 / law 0.50 vs 0.55) before health 0.95
    assert ids[0] in ("f6a5b8d7e9fa0bcc", "d4c3f6a5b7c8d9aa")
    assert ids.index("c3d2e5f4a6b7c899") > ids.index("f6a5b8d7e9fa0bcc")
    # evidence sentence highlighted inside its paragraph, terms emphasised
    assert re.search(r'<mark class="c\d" title="evidence for health"><b>高血压</b></mark>', html)
    assert "专家建议每日食盐摄入量不超过5克。" in html
    # raw vs clean: collapsed, removed blocks struck through and labelled with their kind
    assert html.count('<details class="rawclean">') == 6 and "<details class=\"rawclean\" open" not in html
    assert re.search(r'<li class="blk removed"><span class="kind">breadcrumb</span><del class="txt">首页 &gt; 行业资讯 &gt; 正文</del>', html)
    assert '<span class="kind">paragraph</span><span class="txt">' in html
    # near-threshold candidate shown
    assert re.search(r'<button type="button" class="near-add" data-label="law"[^>]*>\+ 法律维权 0.50/0.55</button>', html)


def test_duplicates_section(out_dir: Path) -> None:
    html = build_report(out_dir).read_text(encoding="utf-8")
    section = html.split('id="duplicates"', 1)[1]
    assert "sites/mirror1/zfb-yuqi.html" in section and "0.94" in section and "转载之家" in section
    assert 'href="#card-a1f0c3d2e4b5a697"' in section


def test_reviewed_precision_shown(out_dir: Path, tmp_path: Path) -> None:
    f = tmp_path / "v.json"
    f.write_text(json.dumps({"reviewer": "alice", "exported_at": "2026-11-23T10:00:00Z", "verdicts": [
        {"article_id": "a1f0c3d2e4b5a697", "label": "finance", "verdict": "correct", "reviewer": "alice", "at": "2026-11-23T10:00:00Z"},
        {"article_id": "f6a5b8d7e9fa0bcc", "label": "finance", "verdict": "wrong", "reviewer": "alice", "at": "2026-11-23T10:00:00Z"},
        {"article_id": "f6a5b8d7e9fa0bcc", "label": "law", "verdict": "missing", "reviewer": "alice", "at": "2026-11-23T10:00:00Z"},
    ]}), encoding="utf-8")
    import_verdicts(f, out_dir / "reviews")
    html = build_report(out_dir).read_text(encoding="utf-8")
    assert re.search(r'data-topic-metrics="finance">P <b>50%</b> · R <b>100%</b> · n=2', html)
    assert re.search(r'data-topic-metrics="law">P <b>–</b> · R <b>0%</b> · n=1', html)
    assert "imported: correct · alice" in html


def test_json_for_script_escapes_markup() -> None:
    s = json_for_script({"t": "</script><script>alert(1)</script>&amp;", "u": "\u2028"})
    assert "<" not in s and ">" not in s and "&" not in s and "\u2028" not in s
    assert json.loads(str(s)) == {"t": "</script><script>alert(1)</script>&amp;", "u": "\u2028"}


def test_crafted_values_are_escaped(crafted_out: Path) -> None:
    html = build_report(crafted_out).read_text(encoding="utf-8")
    crafted_id = "9e8d7c6b5a4f3e21"
    assert f'id="card-{crafted_id}"' in html
    # nothing hostile appears as markup
    assert "<img src=x" not in html.lower()
    assert "<svg onload" not in html.lower()
    stripped = re.sub(r"(&lt;|\\u003c)img src=x onerror=", "", html)
    assert "onerror=" not in stripped and "onload=" not in re.sub(r"(&lt;|\\u003c)svg onload=", "", stripped)
    # the search folds, the data, the code: nothing scraped opened a script of its own
    assert len(_scripts(html)) == 3 and html.count("<script") == 3 and html.count("</script>") == 3
    # ... but the values are shown, escaped
    assert "测试标题&lt;img src=x onerror=window.__xss=1;alert(1)&gt;{{7*7}}" in html
    assert "&lt;/script&gt;&lt;script&gt;window.__xss=2;alert(2)&lt;/script&gt;" in html
    assert "{{7*7}}" in html and "测试标题&lt;img src=x onerror=window.__xss=1;alert(1)&gt;49" not in html
    # a javascript: URL is never a link
    assert 'href="javascript' not in html.lower()
    # data for the script: parseable, no raw markup characters
    data = _data_block(html)
    assert "<" not in data and ">" not in data
    parsed = json.loads(data)
    assert any(a["site"].endswith("<img src=x onerror=window.__xss=1;alert(1)>") for a in parsed["articles"])


def test_fixture_script_cli(tmp_path: Path, fixture_info) -> None:
    assert fixture_info.main([str(tmp_path / "o"), "--crafted"]) == 0
    assert (tmp_path / "o" / "runs" / RUN / "blocks.jsonl").is_file()
    assert build_report(tmp_path / "o").is_file()


def test_evidence_paragraph_is_located_by_its_sentence() -> None:
    from pipeline.report.figures import _segments, locate

    paras = ["甲。乙。", "丙丁。", "戊。"]
    assert locate(paras, 1, "丙丁。") == 1
    assert locate(paras, 0, "戊。") == 2  # off by one (e.g. headings counted): found by the sentence
    assert locate(paras, 7, "不存在") == 7
    segs, unlocated = _segments("甲。乙丙。", [("乙丙。", ["丙"], ["x"], None)])
    assert [(s["text"], s["labels"], s["term"]) for s in segs] == [
        ("甲。", (), False), ("乙", ("x",), False), ("丙", ("x",), True), ("。", ("x",), False)]
    assert unlocated == []
    assert _segments("甲", [("乙", [], ["x"], None)])[1] == [{"sentence": "乙", "labels": ["x"]}]


def test_evidence_is_highlighted_where_its_offsets_say() -> None:
    """A sentence said twice in a line: the offsets pick the occurrence the tagger scored, not the first."""
    from pipeline.report.figures import _segments, line_span

    text = "标题\n先核实。再协商。先核实。"
    starts = [0, 3]
    start = text.rindex("先核实。")
    line, span = line_span(starts, start, start + 4)
    assert line == 1 and span == (8, 12)
    segs, _ = _segments(text.split("\n")[1], [("先核实。", [], ["x"], span)])
    assert [(s["text"], s["labels"]) for s in segs] == [("先核实。再协商。", ()), ("先核实。", ("x",))]
    assert line_span(starts, 1, 5) is None  # crosses a line end


def test_missing_pieces_degrade_gracefully(out_dir: Path) -> None:
    run_dir = out_dir / "runs" / RUN
    (run_dir / "blocks.jsonl").unlink()
    (out_dir / "articles" / "b2e1d4c3f5a6b788.json").unlink()
    (run_dir / "manifest.json").write_text("{not json", encoding="utf-8")
    html = build_report(out_dir).read_text(encoding="utf-8")
    assert "article b2e1d4c3f5a6b788 is listed in the run but its JSON is missing" in html
    assert html.count('<article class="card"') == 5
    assert "No block verdicts recorded for this article." in html


def test_corrupt_review_store_is_reported_not_fatal(out_dir: Path) -> None:
    (out_dir / "reviews").mkdir()
    (out_dir / "reviews" / "verdicts.json").write_text("[]", encoding="utf-8")
    html = build_report(out_dir).read_text(encoding="utf-8")
    assert "is not a verdicts store" in html


def test_max_cards_keeps_the_nearest(out_dir: Path) -> None:
    html = build_report(out_dir, max_cards=2).read_text(encoding="utf-8")
    assert html.count('<article class="card"') == 2
    assert "Showing the 2 articles nearest a threshold out of 6" in html
    assert html.count('<svg class="hist"') == 5
    assert "高血压患者饮食要注意哪些" in html  # still listed under its topic


def test_sparse_article_renders(out_dir: Path) -> None:
    """An article with only the required minimum (and odd types) still renders."""
    aid = "b2e1d4c3f5a6b788"
    (out_dir / "articles" / f"{aid}.json").write_text(json.dumps({
        "id": aid, "title": None, "sections": [{"paragraphs": ["只有一段。"]}], "topics": [{"label": "law"}],
        "topic_scores": {"law": "high"}, "comments": [{"text": "无名评论"}], "duplicates": {"also_seen_at": [{}]},
        "keywords": [{}], "redactions": {"phone": None}, "flags": None, "stats": None, "source": None,
    }), encoding="utf-8")
    html = build_report(out_dir).read_text(encoding="utf-8")
    assert "(untitled)" in html and "只有一段。" in html and "无名评论" in html


def test_stages_in_pipeline_order_and_run_flags(out_dir: Path) -> None:
    run_json = out_dir / "runs" / RUN / "run.json"
    run = json.loads(run_json.read_text(encoding="utf-8"))
    run["timings"] = {"write": 1.0, "commit": 0.1, "extract": 2.0, "ingest": 0.5, "custom": 0.2}
    run["flags"] = {"lost_characters": 2, "mojibake": 1}
    run_json.write_text(json.dumps(run), encoding="utf-8")
    html = build_report(out_dir).read_text(encoding="utf-8")
    stages = re.findall(r'<tr><th scope="row">(\w+)</th><td class="barcell"><span class="bar" ', html)
    assert stages == ["ingest", "extract", "write", "commit", "custom"]
    assert "lost_characters ×2" in html and "flag mojibake: 1 articles" in html


def test_scores_near_a_threshold_show_which_side_they_are_on() -> None:
    from pipeline.report import margin_text, score_pair

    assert score_pair(0.4971, 0.5) == "0.497/0.500"  # was 0.50/0.50 on a tag not assigned
    assert score_pair(0.49996, 0.5) == "0.5000/0.5000"  # at most four decimals
    assert score_pair(0.73, 0.5) == "0.73/0.50"
    assert score_pair(0.5, 0.5) == "0.50/0.50"
    assert margin_text(0.0029) == "0.003 from a threshold"  # was "0.00 from a threshold"
    assert margin_text(0.12) == "0.12 from a threshold"
    assert margin_text(0.0) == "at a threshold"


def test_a_report_missing_articles_is_written_but_the_command_says_so(out_dir: Path, capsys) -> None:
    from pipeline.cli import main

    assert main(["report", "--out", str(out_dir)]) == 0
    assert capsys.readouterr().err == ""
    gone = sorted((out_dir / "articles").glob("*.json"))
    for p in gone:
        p.unlink()
    assert main(["report", "--out", str(out_dir)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("warning: article ") and "and 5 more" in err  # the newest run lists six
    assert "pipeline validate" in err and "\n" not in err
    assert (out_dir / "reports" / RUN / "index.html").is_file()  # the report itself lists them


def test_report_intact_reads_the_ending(out_dir: Path) -> None:
    from pipeline.report import report_intact
    from pipeline.validate import damaged_reports

    path = build_report(out_dir)
    assert report_intact(path) and damaged_reports(out_dir) == []
    path.write_bytes(path.read_bytes()[:10])
    assert not report_intact(path) and damaged_reports(out_dir) == [path]
    assert not report_intact(out_dir / "reports" / "nope" / "index.html")


def test_thresholds_are_the_ones_the_articles_were_tagged_at(out_dir: Path) -> None:
    """Older runs wrote the taxonomy's 0.5 into run.json while the learned model tagged at its own."""
    run_json = out_dir / "runs" / RUN / "run.json"
    run = json.loads(run_json.read_text(encoding="utf-8"))
    run["thresholds"] = dict.fromkeys(run["thresholds"], 0.5)
    run_json.write_text(json.dumps(run), encoding="utf-8")
    data = json.loads(_data_block(build_report(out_dir).read_text(encoding="utf-8")))
    shown = {t["label"]: t["threshold"] for t in data["topics"]}
    assert shown["law"] == 0.55 and shown["tech"] == 0.6  # as the articles' topics[].threshold say


def test_pruning_keeps_the_report_that_quiet_runs_send_reviewers_to(tmp_path: Path) -> None:
    """``report.keep_runs`` quiet runs after the last one that wrote: its report is the review queue, kept."""
    from pipeline.report import prune_reports

    out = tmp_path / "out"
    runs = [f"20261201T{h:02d}0000Z-aaaa" for h in range(6)]
    for i, run in enumerate(runs):
        (out / "runs" / run).mkdir(parents=True)
        written = 5 if i in (0, 1) else 0  # the first two runs wrote articles, the four after them nothing
        (out / "runs" / run / "run.json").write_text(json.dumps({"totals": {"written": written}}), encoding="utf-8")
        (out / "runs" / run / "blocks.jsonl").write_text("{}\n", encoding="utf-8")
        (out / "reports" / run).mkdir(parents=True)
        (out / "reports" / run / "index.html").write_text("<html></html>", encoding="utf-8")
    assert prune_reports(out, 2) == [runs[0], runs[2], runs[3]]
    assert sorted(p.name for p in (out / "reports").iterdir()) == [runs[1], runs[4], runs[5]]
    assert (out / "runs" / runs[1] / "blocks.jsonl").is_file() and not (out / "runs" / runs[0] / "blocks.jsonl").exists()


def test_an_evidence_line_of_a_scrape_without_line_breaks_shows_its_marks_in_context() -> None:
    """A 30,000-character line: the marks stay, with some context each side, not the whole line."""
    from pipeline.report.figures import EVIDENCE_CONTEXT, _evidence

    before, sentence, after = "前文。" * 5000, "要先核实对方身份再谈还款。", "后文。" * 5000
    line = before + sentence + after
    start = len(before)
    [ev] = _evidence({0: [(sentence, ["核实"], ["identity"], (start, start + len(sentence)))]}, [line])
    shown = "".join(s["text"] for s in ev["segments"])
    assert sentence in shown and len(shown) < len(sentence) + 2 * EVIDENCE_CONTEXT + 10
    assert shown.startswith("…") and shown.endswith("…")
    assert [s["text"] for s in ev["segments"] if s["term"]] == ["核实"]
    # a short line is shown whole
    [ev] = _evidence({0: [("先核实。", [], ["x"], (0, 4))]}, ["先核实。再协商。"])
    assert "".join(s["text"] for s in ev["segments"]) == "先核实。再协商。"


def test_dates_are_shown_as_precise_as_the_page_gave_them() -> None:
    from pipeline.report.cards import shown_date

    assert shown_date("2024-05-21T00:00:00+08:00", "day") == "2024-05-21"  # not a midnight the page never said
    assert shown_date("2024-05-21T09:30:12+08:00", "time") == "2024-05-21 09:30"
    assert shown_date("2024-05-21T09:30:00+08:00", None) == "2024-05-21 09:30"  # schema 1.2's comments
    assert shown_date(None, None) == ""


def test_the_site_shown_is_where_the_page_was_found_never_the_outlet_it_credits() -> None:
    from pipeline.report.cards import site_of

    assert site_of({"site_name": "搜狐", "source_name": "经济日报"}) == "搜狐"
    assert site_of({"site_name": None, "source_name": "经济日报", "url": "https://www.sohu.com/a/1"}) == "sohu.com"
    assert site_of({"source_name": "经济日报", "url": None, "source": {"url": "http://news.example.cn/x"}}) == "news.example.cn"
    assert site_of({"source_name": "经济日报", "source": {"path": "a.txt", "url": None}}) == ""
