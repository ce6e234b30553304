"""The persistent index: cross-run, idempotence, rollback, rebuild, parameter changes."""

from __future__ import annotations

import json
import sqlite3

import pytest

from pipeline import dedup
from pipeline.config import Settings


def _run(dd, conn, docs, settings, run_id):
    """What the flow does: prepare, resolve, then index the written ones in the commit transaction."""
    cands = dd.prepared(docs, settings)
    res = dedup.resolve(cands, conn, settings)
    written = [c for c in cands if res.decisions[c.path].duplicate_of is None]
    dd.commit_index(conn, written, run_id)
    return res, {c.path: c for c in cands}


def test_cross_run_copy_found_in_a_real_db_file(dd, zh000, zh003, tmp_path, settings):
    db = tmp_path / "index.sqlite"
    conn = dd.open_db(db)
    res1, c1 = _run(dd, conn, [dd.make_doc("run1/a.txt", zh000, url="https://a"), dd.make_doc("run1/b.txt", zh003)], settings, "r1")
    assert all(d.duplicate_of is None for d in res1.decisions.values())
    conn.close()

    conn = dd.open_db(db)  # a later run, a new connection
    longer = ["编者按：本文转自网络。"] + zh000 + ["更多精彩内容请关注我们的公众号。"]
    exact = dd.make_doc("run2/exact.html", zh000, title="另一个标题", url="https://c", site_name="C", published_at="2025-02-01")
    near = dd.make_doc("run2/near.html", longer, title="另一个标题")
    new = dd.make_doc("run2/new.txt", zh003[:5] + zh000[-3:] + ["全新的内容，与之前的文章毫无关系，这是另外一篇独立的报道。"] * 1)
    res2, _ = _run(dd, conn, [exact, near, new], settings, "r2")
    a_id = c1["run1/a.txt"].id
    assert res2.decisions["run2/exact.html"].duplicate_of == a_id
    assert res2.decisions["run2/exact.html"].method == "exact"
    # the longer copy does NOT become canonical: the indexed article's id is public
    assert res2.decisions["run2/near.html"].duplicate_of == a_id
    assert res2.decisions["run2/new.txt"].duplicate_of is None
    assert sorted(s.path for s in res2.seen_at[a_id]) == ["run2/exact.html", "run2/near.html"]
    assert conn.execute("SELECT run_id FROM dedup_articles WHERE id = ?", (a_id,)).fetchone() == ("r1",)
    conn.close()


def test_rerun_is_idempotent(dd, zh000, zh003, tmp_path, settings):
    conn = dd.open_db(tmp_path / "i.sqlite")
    docs = lambda: [dd.make_doc("a.txt", zh000), dd.make_doc("b.txt", zh003), dd.make_doc("c.txt", zh000)]  # noqa: E731
    res1, _ = _run(dd, conn, docs(), settings, "r1")
    rows = conn.execute("SELECT COUNT(*) FROM dedup_articles").fetchone()[0], conn.execute("SELECT COUNT(*) FROM dedup_bands").fetchone()[0]
    assert rows[0] == 2 and rows[1] > 0
    res2, _ = _run(dd, conn, docs(), settings, "r2")  # the same inputs again
    assert res2.decisions == res1.decisions
    assert res2.seen_at == res1.seen_at
    after = conn.execute("SELECT COUNT(*) FROM dedup_articles").fetchone()[0], conn.execute("SELECT COUNT(*) FROM dedup_bands").fetchone()[0]
    assert after == rows
    assert {r[0] for r in conn.execute("SELECT run_id FROM dedup_articles")} == {"r1"}


def test_rolled_back_index_leaves_nothing(dd, zh000, zh003, tmp_path, settings):
    db = tmp_path / "i.sqlite"
    conn = dd.open_db(db)
    cands = dd.prepared([dd.make_doc("a.txt", zh000), dd.make_doc("b.txt", zh003)], settings)
    conn.execute("CREATE TABLE manifest (path TEXT)")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO manifest VALUES ('a.txt')")
    dedup.index_articles(conn, cands, "r1")
    assert conn.execute("SELECT COUNT(*) FROM dedup_articles").fetchone()[0] == 2
    conn.execute("ROLLBACK")  # the run died before its commit
    conn.close()
    conn = sqlite3.connect(db)
    for table in ("manifest", "dedup_articles", "dedup_bands", "dedup_meta"):
        assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
    # and the next run does not see the rolled-back articles
    dedup.ensure_schema(conn)
    res = dedup.resolve(dd.prepared([dd.make_doc("x.txt", zh000)], settings), conn, settings)
    assert res.decisions["x.txt"].duplicate_of is None


def test_index_articles_does_not_commit(dd, zh000, tmp_path, settings):
    db = tmp_path / "i.sqlite"
    conn = sqlite3.connect(db)  # default (implicit transactions)
    dedup.ensure_schema(conn)
    dedup.index_articles(conn, dd.prepared([dd.make_doc("a.txt", zh000)], settings), "r1")
    other = sqlite3.connect(db)
    assert other.execute("SELECT COUNT(*) FROM dedup_articles").fetchone()[0] == 0
    conn.rollback()
    assert conn.execute("SELECT COUNT(*) FROM dedup_articles").fetchone()[0] == 0


def _write_article(directory, doc, run_id="r1"):
    obj = {
        "id": doc.id,
        "title": doc.title,
        "text": doc.text,
        "published_at": doc.published_at,
        "site_name": doc.site_name,
        "url": doc.url,
        "source": {"path": doc.path, "url": doc.url},
        "duplicates": {"also_seen_at": []},
        "pipeline": {"run_id": run_id},
    }
    (directory / f"{doc.id}.json").write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")


def test_rebuild_from_article_files(dd, zh000, zh003, tmp_path, settings):
    articles = tmp_path / "articles"
    articles.mkdir()
    docs = [dd.make_doc("a.txt", zh000, url="https://a", published_at="2024-01-01"), dd.make_doc("b.txt", zh003)]
    dedup.prepare_batch(docs, settings)
    for d in docs:
        _write_article(articles, d)
    (articles / "broken.json").write_text("{not json", encoding="utf-8")
    conn = dd.open_db(tmp_path / "i.sqlite")
    conn.execute("INSERT INTO dedup_articles (id, body_hash) VALUES ('stale', 'x')")
    assert dedup.rebuild(conn, articles, settings) == 2
    assert {r[0] for r in conn.execute("SELECT id FROM dedup_articles")} == {d.id for d in docs}
    assert conn.execute("SELECT path, url, date FROM dedup_articles WHERE id = ?", (docs[0].id,)).fetchone() == (
        "a.txt", "https://a", "2024-01-01",
    )
    copy = dd.make_doc("copy.txt", ["转载自某网站"] + zh000[2:], title="不同标题")
    res = dedup.resolve(dd.prepared([copy, dd.make_doc("same.txt", zh003)], settings), conn, settings)
    assert res.decisions["copy.txt"].duplicate_of == docs[0].id
    assert res.decisions["same.txt"].duplicate_of == docs[1].id
    assert res.decisions["same.txt"].method == "exact"


def test_changed_parameters_are_refused_until_rebuild(dd, zh000, tmp_path, settings):
    conn = dd.open_db(tmp_path / "i.sqlite")
    _run(dd, conn, [dd.make_doc("a.txt", zh000)], settings, "r1")
    other = Settings.model_validate({"dedup": {"bands": 16}})
    with pytest.raises(dedup.IndexMismatch):
        dedup.resolve(dd.prepared([dd.make_doc("b.txt", zh000)], other), conn, other)
    articles = tmp_path / "articles"
    articles.mkdir()
    d = dd.make_doc("a.txt", zh000)
    dedup.prepare_document(d, other)
    _write_article(articles, d)
    assert dedup.rebuild(conn, articles, other) == 1
    res = dedup.resolve(dd.prepared([dd.make_doc("b.txt", zh000[1:])], other), conn, other)
    assert res.decisions["b.txt"].duplicate_of == d.id


def test_exact_copies_passed_as_written_index_the_canonical_source(dd, zh000, tmp_path, settings):
    """The flow may pass every candidate whose id was written: the canonical's path must be indexed."""
    conn = dd.open_db(tmp_path / "i.sqlite")
    docs = [dd.make_doc("z-late.txt", zh000, published_at="2025-05-01"), dd.make_doc("a-early.txt", zh000, published_at="2024-01-01")]
    cands = dd.prepared(docs, settings)
    res = dedup.resolve(cands, conn, settings)
    canonical = [p for p, d in res.decisions.items() if d.duplicate_of is None]
    assert canonical == ["a-early.txt"]
    dd.commit_index(conn, cands, "r1")
    assert conn.execute("SELECT path FROM dedup_articles").fetchall() == [("a-early.txt",)]
    again = dedup.resolve(dd.prepared([dd.make_doc("a-early.txt", zh000, published_at="2024-01-01")], settings), conn, settings)
    assert again.decisions["a-early.txt"].duplicate_of is None and not again.seen_at


def test_eval_smoke(settings):
    """The benchmark on a small corpus: planted copies found, nothing distinct merged."""
    from pipeline.eval.dedup import evaluate
    from pipeline.eval.dedup_corpus import build_corpus

    report = evaluate(build_corpus(distinct=40, copies=80, seed=5), settings, "single")
    assert report["precision"] >= 0.99
    assert report["title_family_merges"] == 0
    assert report["recall_jaccard_ge_0.8"] >= 0.98


def test_rebuild_leaves_out_articles_of_a_run_that_never_committed(dd, zh000, zh003, tmp_path, settings):
    """Before any commit, an article whose run left no manifest or run.json is a killed run's leftover."""
    articles = tmp_path / "articles"
    articles.mkdir()
    docs = [dd.make_doc("a.txt", zh000), dd.make_doc("b.txt", zh003)]
    dedup.prepare_batch(docs, settings)
    for d, run_id in zip(docs, ("20261201T000000Z-aaaa", "20261202T000000Z-bbbb"), strict=True):
        _write_article(articles, d)
        p = articles / f"{d.id}.json"
        obj = json.loads(p.read_text(encoding="utf-8"))
        obj["pipeline"] = {"run_id": run_id}
        p.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "runs" / "20261201T000000Z-aaaa").mkdir(parents=True)
    (tmp_path / "runs" / "20261201T000000Z-aaaa" / "run.json").write_text("{}", encoding="utf-8")
    (tmp_path / "runs" / "20261202T000000Z-bbbb").mkdir()  # the killed run's folder, without its files
    conn = dd.open_db(tmp_path / "i.sqlite")
    assert dedup.rebuild(conn, articles, settings) == 1
    assert {r[0] for r in conn.execute("SELECT id FROM dedup_articles")} == {docs[0].id}
