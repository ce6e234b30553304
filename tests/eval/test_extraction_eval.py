"""`pipeline eval extraction` on a corpus written for the test: layouts, title-in-gold, decoding, groups."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.eval import extraction

BODY = "".join(f"<p>第{i}段：逾期以后应当主动联系平台客服说明情况，协商分期还款的具体方案，保留沟通记录。</p>" for i in range(6))
ARTICLE = f"<html><head><title>逾期怎么办</title></head><body><nav>首页 | 资讯</nav><article><h1>逾期怎么办</h1>{BODY}</article><footer>版权所有 ICP备12345号</footer></body></html>"
GOLD = "\n".join(f"第{i}段：逾期以后应当主动联系平台客服说明情况，协商分期还款的具体方案，保留沟通记录。" for i in range(6))


def _corpus(tmp_path: Path, rows: list[dict[str, str]], files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    cols = ["name", "local_html", "local_gold", "kind", "script", "gold_kind", "gold_has_title"]
    lines = ["\t".join(cols)] + ["\t".join(r.get(c, "") for c in cols) for r in rows]
    (tmp_path / "MANIFEST.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_scores_pages_per_kind_and_script_and_reads_gbk_like_the_pipeline(tmp_path: Path) -> None:
    gbk = ARTICLE.replace("<head>", '<head><meta charset="gbk">').encode("gbk")
    corpus = _corpus(
        tmp_path,
        [
            {"name": "a", "local_html": "a.html", "local_gold": "a.gold.txt", "kind": "article", "script": "zh-Hans"},
            {"name": "b", "local_html": "b.html", "local_gold": "b.gold.txt", "kind": "forum", "script": "zh-Hans",
             "gold_has_title": "yes"},
            {"name": "c", "local_html": "c.html", "local_gold": "c.gold.txt", "kind": "article", "script": "zh-Hans"},
        ],
        {"a.html": ARTICLE.encode(), "a.gold.txt": GOLD.encode(), "b.html": gbk,
         "b.gold.txt": ("逾期怎么办\n" + GOLD).encode(), "c.html": b"\x00\x01\x02" * 100, "c.gold.txt": GOLD.encode()},
    )
    results, _, _ = extraction.run(corpus)
    by = {r.page: r for r in results}
    assert by["a.html"].f1 > 0.95
    assert by["b.html"].f1 > 0.95  # GBK decoded; the title counted because the gold starts with it
    assert by["c.html"].f1 == 0.0 and by["c.html"].empty  # bytes the pipeline rejects score nothing
    groups = extraction.summarize(results, (1.0, 1.0))["groups"]
    assert groups["forum"]["pages"] == 1 and groups["article"]["pages"] == 2
    assert abs(groups["all"]["f1"] - (by["a.html"].f1 + by["b.html"].f1) / 3) < 1e-9


def test_missing_corpus_is_one_line(tmp_path: Path, capsys) -> None:
    assert extraction.main(["--corpus", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--corpus" in err[0]


def test_anchor_table_reads_measured_pages(tmp_path: Path, monkeypatch) -> None:
    f = tmp_path / "anchors.json"
    f.write_text(json.dumps({"mini": {"measured": {"tool": {}}, "pages": {"x.html": {"tool": 0.5}}}}))
    monkeypatch.setattr(extraction, "ANCHORS_FILE", f)
    res = [extraction.PageResult(page="x.html", script="zh-Hant", gold_kind="", kind="full", page_kind="forum")]
    table = extraction.anchor_table("mini", res)
    assert table["tool"] == {"all": 0.5, "forum": 0.5, "zh-Hant": 0.5}


def test_no_urls_extracts_without_the_manifest_address(tmp_path: Path) -> None:
    cols = {"name": "a", "local_html": "a.html", "local_gold": "a.gold.txt", "kind": "article", "script": "zh-Hans"}
    corpus = _corpus(tmp_path, [cols], {"a.html": ARTICLE.encode(), "a.gold.txt": GOLD.encode()})
    manifest = corpus / "MANIFEST.tsv"
    head, row = manifest.read_text(encoding="utf-8").splitlines()
    manifest.write_text(f"{head}\turl\n{row}\thttps://example.com/a.html\n", encoding="utf-8")
    _, _, with_urls = extraction.run(corpus)
    _, _, without = extraction.run(corpus, urls=False)
    assert with_urls["a.html"].url == "https://example.com/a.html"
    assert without["a.html"].url is None and without["a.html"].text == with_urls["a.html"].text


def test_no_classes_strips_class_and_id_attributes_before_extracting(tmp_path: Path) -> None:
    page = ARTICLE.replace("<article>", '<article class="post-content" id=main>').replace(
        "<footer>", "<footer class='site-footer'>")
    assert extraction.strip_class_names(page) == ARTICLE
    corpus = _corpus(tmp_path, [{"name": "a", "local_html": "a.html", "local_gold": "a.gold.txt", "kind": "article",
                                 "script": "zh-Hans"}], {"a.html": page.encode(), "a.gold.txt": GOLD.encode()})
    _, _, docs = extraction.run(corpus, classes=False)
    assert 'class="post-content"' not in docs["a.html"].raw and docs["a.html"].text == GOLD
