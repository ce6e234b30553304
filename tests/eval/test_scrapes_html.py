"""`pipeline eval scrapes --from-html`: whole-page text scrapes made from a corpus written for the test."""

from __future__ import annotations

import io
from pathlib import Path

from pipeline.eval import scrapes, scrapes_html

PARAS = [f"第{i}段：逾期以后应当主动联系平台客服说明情况，协商分期还款的具体方案，保留好沟通记录。" for i in range(4)]
MENU = ["首页", "财经", "科技", "房产", "汽车"]
HTML = ("<html><head><meta charset='utf-8'><title>逾期怎么办</title></head><body>"
        + "".join(f"<a href='/{i}'>{m}</a><br>" for i, m in enumerate(MENU))
        + "<h1>逾期怎么办</h1>" + "".join(f"<p>{p}</p>" for p in PARAS)
        + "<div>关于本站</div><div>网站地图</div><div>意见反馈</div></body></html>")
GOLD = "\n".join(PARAS)


def _corpus(tmp_path: Path) -> Path:
    (tmp_path / "a.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "a.gold.txt").write_text(GOLD, encoding="utf-8")
    cols = ["name", "local_html", "local_gold", "kind", "script"]
    (tmp_path / "MANIFEST.tsv").write_text("\t".join(cols) + "\na\ta.html\ta.gold.txt\tarticle\tzh-Hans\n",
                                           encoding="utf-8")
    return tmp_path


def test_lines_are_the_visible_blocks_and_labels_come_from_the_gold() -> None:
    lines, titles = scrapes_html.page_lines(HTML)
    assert lines[:5] == MENU and PARAS[0] in lines and lines[-1] == "意见反馈"
    assert titles == {"逾期怎么办"}
    labels = scrapes_html.label_lines(lines, GOLD, titles)
    assert [line for line, content in zip(lines, labels, strict=True) if content] == ["逾期怎么办", *PARAS]
    assert scrapes_html.label_lines(["首页"], "首页的内容很多。") == [False]  # a short line needs a gold line of its own


def test_figures_per_corpus_and_kind(tmp_path: Path) -> None:
    out = io.StringIO()
    figures = scrapes_html.evaluate([_corpus(tmp_path)], out=out)
    for key in ("all", tmp_path.name, "article"):
        assert figures[key]["pages"] == 1 and figures[key]["boilerplate_lines"] == 8  # menu and footer
    assert figures["all"]["content_kept"] == 1.0 and figures["all"]["removed"] == 1.0
    assert "from the HTML corpora" in out.getvalue()


def test_cli_from_html_and_missing_corpus(tmp_path: Path, capsys) -> None:
    assert scrapes.main(["--from-html", "--corpus", str(_corpus(tmp_path))]) == 0
    assert "article" in capsys.readouterr().out
    assert scrapes.main(["--from-html", "--corpus", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--corpus" in err[0]
