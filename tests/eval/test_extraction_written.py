"""The written HTML pages kept in the repository (``tests/data/extraction/written_html_*``).

Forum threads of many kinds of software, Q&A pages and articles of the genre, written for the
project by helpers from the written gold guide alone; the extractor's thread and
forum-chrome rules were written from the ``tune`` to ``tune8`` sets (each measured blind before
it was tuned on), the ``heldout`` set (written last) is only measured.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.config import Settings
from pipeline.eval import extraction
from pipeline.extract import extract_document
from pipeline.record import Document

DATA = Path(__file__).resolve().parents[1] / "data" / "extraction"
TUNE, TUNE2, TUNE3, TUNE4, TUNE5, TUNE6, TUNE7, TUNE8 = (
    DATA / f"written_html_{name}" for name in ("tune", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8"))
HELDOUT = DATA / "written_html_heldout"


def test_written_pages_have_their_gold_and_manifest() -> None:
    for corpus in (TUNE, TUNE2, TUNE3, TUNE4, TUNE5, TUNE6, TUNE7, TUNE8, HELDOUT):
        rows = extraction.load_manifest(corpus)
        assert len(rows) == 14
        for row in rows:
            page = extraction.read_page(corpus, row)
            assert page.html and page.gold, row["name"]


def test_written_tune_stays_where_the_rules_put_it() -> None:
    """A regression guard on the pages the thread rules were written from (fit, not quality)."""
    for corpus, floor in ((TUNE, 0.97), (TUNE2, 0.92), (TUNE3, 0.9), (TUNE4, 0.9)):
        results, _seconds, _docs = extraction.run(corpus)
        summary = extraction.summarize(results, (1.0, 1.0))
        assert summary["mean_f1"] >= floor, corpus.name
        assert summary["empty_outputs"] == 0


def test_written_tune_threads_come_out_as_posts() -> None:
    threads = posts = dated = 0
    for row in extraction.load_manifest(TUNE):
        if extraction.page_kind(row) != "forum":
            continue
        page = extraction.read_page(TUNE, row)
        doc = Document(path=page.name, media_type="html", raw=page.html)
        extract_document(doc, Settings())
        found = [s.post for s in doc.sections if s.post is not None]
        threads += doc.page_kind == "thread"
        posts += len(found)
        dated += sum(1 for p in found if p.author and p.date)
    assert threads >= 8
    assert posts >= 45 and dated >= 0.75 * posts


def test_post_structure_on_the_tuning_pages(tmp_path) -> None:
    """Posts one by one against the annotation of every post (a regression guard: fit, not quality)."""
    import json

    from pipeline.eval import posts

    out = tmp_path / "posts.json"
    assert posts.main(["--corpus", str(TUNE), "--json", str(out)]) == 0
    f = json.loads(out.read_text(encoding="utf-8"))["written_html_tune"]
    assert f["pages"] == 10 and f["post_recall"] >= 0.75 and f["author"] >= 0.8 and f["date"] >= 0.8


def test_same_date_compares_the_minute_as_the_page_shows_it() -> None:
    from pipeline.eval.posts import same_date

    assert same_date("2023-09-14T14:17:22+00:00", "2023-09-14 22:17")  # UTC in the output, China time on the page
    assert same_date("2023-11-02T08:41:10+00:00", "2023-11-02 08:41")  # or as the output gives it
    assert not same_date("2023-09-14T14:17:22+00:00", "2023-09-14 15:17")
    assert same_date("2023-05-06", "2023-05-06 12:01") and not same_date(None, "2023-05-06")
