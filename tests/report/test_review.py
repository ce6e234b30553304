"""Review verdicts: import, override, apply to tagged documents, metrics, gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.record import Document, TopicTag
from pipeline.review import (
    ReviewImportError,
    apply_reviews,
    gold_rows,
    import_verdicts,
    load_verdict_records,
    load_verdicts,
    reviewed_metrics,
    verdicts_as_gold,
)

# article ids as the pipeline makes them (16 hex digits), one per letter
A = "aaaaaaaaaaaaaaaa"
B = "bbbbbbbbbbbbbbbb"
C = "cccccccccccccccc"
D = "dddddddddddddddd"
Z = "ffffffffffffffff"


def _export(path: Path, verdicts: list[dict], reviewer: str | None = "alice") -> Path:
    payload = {"reviewer": reviewer, "exported_at": "2026-11-23T10:00:00Z", "verdicts": verdicts}
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return path


def _v(aid: str, label: str, verdict: str, **kw) -> dict:
    return {"article_id": aid, "label": label, "verdict": verdict, "reviewer": kw.get("reviewer", "alice"),
            "at": kw.get("at", "2026-11-23T09:59:00Z")}


def test_import_stores_one_decision_per_pair(tmp_path: Path) -> None:
    reviews = tmp_path / "reviews"
    f = _export(tmp_path / "a.json", [_v(A, "finance", "correct"), _v(A, "law", "wrong"),
                                      _v(B, "health", "missing"), _v(A, "finance", "wrong")])
    assert import_verdicts(f, reviews).stored == 3  # the later entry for (A, finance) wins inside one file
    assert load_verdicts(reviews) == {(A, "finance"): "wrong", (A, "law"): "wrong", (B, "health"): "missing"}
    rec = load_verdict_records(reviews)[(B, "health")]
    assert rec["reviewer"] == "alice" and rec["at"] == "2026-11-23T17:59:00+08:00" and rec["imported_at"]
    assert json.loads((reviews / "verdicts.json").read_text(encoding="utf-8"))["imports"][0]["count"] == 3


def test_later_import_overrides_earlier(tmp_path: Path) -> None:
    reviews = tmp_path / "reviews"
    import_verdicts(_export(tmp_path / "1.json", [_v(A, "finance", "correct"), _v(A, "law", "wrong")]), reviews)
    n = import_verdicts(_export(tmp_path / "2.json", [_v(A, "finance", "wrong", reviewer="bob")], "bob"), reviews)
    assert n.stored == 1
    recs = load_verdict_records(reviews)
    assert recs[(A, "finance")]["verdict"] == "wrong" and recs[(A, "finance")]["reviewer"] == "bob"
    assert recs[(A, "law")]["reviewer"] == "alice"
    assert len(recs) == 2


def test_reviewer_and_time_default_from_the_file(tmp_path: Path) -> None:
    f = _export(tmp_path / "a.json", [{"article_id": "aaaaaaaaaaaaaaaa", "label": "law", "verdict": "correct"}], reviewer="carol")
    import_verdicts(f, tmp_path / "r")
    rec = load_verdict_records(tmp_path / "r")[(A, "law")]
    assert rec["reviewer"] == "carol" and rec["at"] == "2026-11-23T18:00:00+08:00"


@pytest.mark.parametrize(
    "content, message",
    [
        ("not json", "not valid JSON"),
        ('{"verdicts": 3}', '"verdicts" list'),
        ('{"verdicts": [{"article_id": "aaaaaaaaaaaaaaaa", "label": "x", "verdict": "maybe", "reviewer": "a"}]}', "verdict must be"),
        ('{"verdicts": [{"label": "x", "verdict": "wrong", "reviewer": "a"}]}', "article_id is missing"),
        ('{"verdicts": [{"article_id": "aaaaaaaaaaaaaaaa", "label": "x", "verdict": "wrong"}]}', "no reviewer"),
    ],
)
def test_bad_files_are_refused_whole(tmp_path: Path, content: str, message: str) -> None:
    reviews = tmp_path / "reviews"
    import_verdicts(_export(tmp_path / "ok.json", [_v(A, "finance", "correct")]), reviews)
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ReviewImportError, match=message):
        import_verdicts(bad, reviews)
    assert load_verdicts(reviews) == {(A, "finance"): "correct"}


def test_missing_file_and_empty_store(tmp_path: Path) -> None:
    with pytest.raises(ReviewImportError, match="not found"):
        import_verdicts(tmp_path / "nope.json", tmp_path / "r")
    assert load_verdicts(tmp_path / "r") == {}
    assert reviewed_metrics(tmp_path / "r") == {}


def _doc(aid: str, scores: dict[str, float], threshold: float = 0.5) -> Document:
    doc = Document(path=f"{aid}.html", id=aid)
    doc.topics = [TopicTag(label=k, name=k.upper(), score=v, threshold=threshold, assigned=v >= threshold)
                  for k, v in scores.items()]
    return doc


def test_apply_reviews(tmp_path: Path) -> None:
    reviews = tmp_path / "reviews"
    import_verdicts(_export(tmp_path / "v.json", [
        _v(A, "finance", "correct"), _v(A, "law", "wrong"), _v(A, "health", "missing"),
        _v(B, "tech", "missing"), _v(Z, "finance", "wrong"),
    ]), reviews)
    a = _doc(A, {"finance": 0.8, "law": 0.6, "health": 0.3, "tech": 0.1})
    b = _doc(B, {"finance": 0.9})
    untouched = _doc(C, {"finance": 0.7})
    done = _doc(A, {"law": 0.9})
    done.status = "duplicate"
    out = apply_reviews([a, b, untouched, done], reviews)
    assert out[0] is a
    tags = {t.label: t for t in a.topics}
    assert tags["finance"].assigned and tags["finance"].source == "review" and tags["finance"].model_score == 0.8
    assert not tags["law"].assigned and tags["law"].source == "review" and tags["law"].score == 0.6
    assert tags["health"].assigned and tags["health"].model_score == 0.3 and tags["health"].score == 0.3
    assert tags["tech"].source == "model" and not tags["tech"].assigned
    added = [t for t in b.topics if t.label == "tech"]
    assert added and added[0].assigned and added[0].source == "review"
    assert all(t.source == "model" for t in untouched.topics)
    assert done.topics[0].assigned and done.topics[0].source == "model"
    # idempotent: applying twice keeps the model's score
    apply_reviews([a], reviews)
    assert {t.label: t.model_score for t in a.topics}["law"] == 0.6


def test_reviewed_metrics_and_gold(tmp_path: Path) -> None:
    reviews = tmp_path / "reviews"
    import_verdicts(_export(tmp_path / "v.json", [
        _v(A, "finance", "correct"), _v(B, "finance", "correct"), _v(C, "finance", "wrong"),
        _v(D, "finance", "missing"), _v(A, "law", "wrong"),
    ]), reviews)
    m = reviewed_metrics(reviews)
    assert m["finance"]["precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert m["finance"]["recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert m["finance"]["n"] == 4
    assert m["law"] == {"precision": 0.0, "recall": None, "n": 1, "tp": 0, "fp": 1, "fn": 0}
    gold = verdicts_as_gold(reviews)
    assert gold[A] == {"finance": "yes", "law": "no"}
    assert gold[D] == {"finance": "yes"}
    assert gold[C] == {"finance": "no"}


def test_gold_rows_for_the_tagging_eval(tmp_path: Path, out_dir: Path) -> None:
    reviews = tmp_path / "reviews"
    import_verdicts(_export(tmp_path / "v.json", [
        _v("a1f0c3d2e4b5a697", "law", "wrong"), _v("a1f0c3d2e4b5a697", "finance", "correct"),
        _v("0000000000000000", "finance", "missing"),
    ]), reviews)
    rows = gold_rows(reviews, out_dir / "articles")
    assert len(rows) == 1
    row = rows[0]
    assert row["labels"] == {"finance": "yes", "law": "no"} and row["split"] == "review"
    assert row["text"].split("\n")[0].startswith("随着移动支付的日益普及")
    assert set(row) >= {"id", "text", "labels", "split"}


def test_published_schema_describes_what_import_accepts(tmp_path: Path) -> None:
    """The verdicts file format is published as a JSON Schema; import refuses what it refuses."""
    from pipeline.review import SCHEMA_PATH, VERDICTS, schema_problem

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["properties"]["verdicts"]["items"]["properties"]["verdict"]["enum"] == list(VERDICTS)
    good = {"reviewer": "alice", "exported_at": "2026-11-23T10:00:00Z", "verdicts": [_v(A, "finance", "correct")]}
    assert schema_problem(good) is None
    nameless = {"verdicts": [_v(A, "finance", "correct") | {"reviewer": None}]}
    assert "reviewer" in (schema_problem(nameless) or "")  # a name here or at the top level
    assert schema_problem(nameless | {"reviewer": "bob"}) is None
    not_an_id = {"reviewer": "a", "verdicts": [_v("A", "finance", "correct")]}
    assert "article_id" in (schema_problem(not_an_id) or "")
    with pytest.raises(ReviewImportError, match="verdicts.schema.json: verdicts/0/article_id"):
        import_verdicts(_export(tmp_path / "v.json", not_an_id["verdicts"]), tmp_path / "r")


def _article(articles: Path, aid: str, topics: list[tuple[str, str]], reviews: list[tuple[str, str]] = ()) -> None:
    articles.mkdir(exist_ok=True)
    art = {"id": aid, "topics": [{"label": lbl, "source": src} for lbl, src in topics],
           "reviews": [{"label": lbl, "verdict": v} for lbl, v in reviews]}
    (articles / f"{aid}.json").write_text(json.dumps(art), encoding="utf-8")


@pytest.mark.parametrize(
    ("verdict", "label", "message"),
    [
        ("wrong", "privacy", "never assigned"),  # nothing to unassign
        ("correct", "privacy", "never assigned"),
        ("missing", "negotiation", "the tagger did assign"),  # it was not missed
        ("missing", "identity", "the tagger did assign"),  # the model's tag, unassigned by an earlier 'wrong'
    ],
)
def test_a_verdict_contradicting_the_article_is_refused(tmp_path: Path, verdict: str, label: str, message: str) -> None:
    articles = tmp_path / "articles"
    _article(articles, A, [("negotiation", "model")], reviews=[("identity", "wrong")])
    f = _export(tmp_path / "v.json", [_v(A, label, verdict)])
    with pytest.raises(ReviewImportError, match=message):
        import_verdicts(f, tmp_path / "reviews", articles_dir=articles)


def test_verdicts_that_fit_the_article_are_stored(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    _article(articles, A, [("negotiation", "model"), ("privacy", "review")], reviews=[("identity", "wrong"),
                                                                                     ("privacy", "missing")])
    verdicts = [_v(A, "negotiation", "wrong"), _v(A, "identity", "correct"), _v(A, "privacy", "wrong"),
                _v(A, "scam", "missing")]
    assert import_verdicts(_export(tmp_path / "v.json", verdicts), tmp_path / "reviews", articles_dir=articles).stored == 4


def test_reviewer_personal_data_and_bad_times(tmp_path: Path) -> None:
    f = _export(tmp_path / "v_13912345678.json", [_v(A, "negotiation", "correct", reviewer="张三 13912345678")])
    import_verdicts(f, tmp_path / "reviews")
    stored = (tmp_path / "reviews" / "verdicts.json").read_text(encoding="utf-8")
    assert "13912345678" not in stored and "张三 [电话]" in stored
    bad = _export(tmp_path / "v2.json", [_v(A, "negotiation", "correct", at="not a date")])
    with pytest.raises(ReviewImportError, match="ISO 8601"):
        import_verdicts(bad, tmp_path / "reviews")
    future = _export(tmp_path / "v3.json", [_v(A, "negotiation", "correct", at="2099-01-01T00:00:00Z")])
    with pytest.raises(ReviewImportError, match="in the future"):
        import_verdicts(future, tmp_path / "reviews")


def test_a_verdict_file_saved_with_a_bom_is_read(tmp_path: Path) -> None:
    f = _export(tmp_path / "bom.json", [_v(A, "law", "correct")])
    f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes())
    assert import_verdicts(f, tmp_path / "r").stored == 1


def test_the_same_decision_without_a_time_imported_again_keeps_its_first_time(tmp_path: Path, monkeypatch) -> None:
    """A file with no times is stamped at import; importing it again must not look like a new review."""
    import pipeline.review as review

    reviews = tmp_path / "r"
    f = tmp_path / "a.json"
    f.write_text(json.dumps({"reviewer": "carol", "verdicts": [
        {"article_id": A, "label": "law", "verdict": "correct"},
        {"article_id": B, "label": "law", "verdict": "wrong"}]}), encoding="utf-8")
    monkeypatch.setattr(review, "_now", lambda: "2026-11-23T10:00:00Z")
    import_verdicts(f, reviews)
    monkeypatch.setattr(review, "_now", lambda: "2026-11-24T08:00:00Z")
    import_verdicts(f, reviews)
    recs = load_verdict_records(reviews)
    assert recs[(A, "law")]["at"] == recs[(B, "law")]["at"] == "2026-11-23T18:00:00+08:00"
    assert "_stamped" not in recs[(A, "law")]
    # a changed decision is news, with the time of its import
    f.write_text(json.dumps({"reviewer": "carol", "verdicts": [
        {"article_id": A, "label": "law", "verdict": "wrong"}]}), encoding="utf-8")
    import_verdicts(f, reviews)
    recs = load_verdict_records(reviews)
    assert recs[(A, "law")]["verdict"] == "wrong" and recs[(A, "law")]["at"] == "2026-11-24T16:00:00+08:00"
    assert recs[(B, "law")]["at"] == "2026-11-23T18:00:00+08:00"


def test_the_newest_decision_stands_whatever_the_order_of_imports(tmp_path: Path) -> None:
    """Reviewer A decided at 11:00, B at 10:00; B's file imported last must not turn back A's decision."""
    reviews = tmp_path / "r"
    a = _export(tmp_path / "a.json", [_v(A, "law", "correct", at="2026-11-23T11:00:00+08:00")], "alice")
    b = _export(tmp_path / "b.json", [_v(A, "law", "wrong", reviewer="bob", at="2026-11-23T10:00:00+08:00")], "bob")
    assert import_verdicts(a, reviews).stored == 1
    result = import_verdicts(b, reviews)
    assert (result.stored, result.older) == (0, 1)
    assert "1 verdict decided before the verdict already stored" in result.message(reviews)
    rec = load_verdict_records(reviews)[(A, "law")]
    assert (rec["verdict"], rec["reviewer"], rec["at"]) == ("correct", "alice", "2026-11-23T11:00:00+08:00")
    # in the other order, the newer decision replaces the older one
    reviews2 = tmp_path / "r2"
    import_verdicts(b, reviews2)
    assert import_verdicts(a, reviews2).stored == 1 and load_verdicts(reviews2)[(A, "law")] == "correct"
    # inside one file too: the newest entry stands, not the last one
    both = _export(tmp_path / "both.json", [_v(A, "law", "correct", at="2026-11-23T11:00:00Z"),
                                            _v(A, "law", "wrong", at="2026-11-23T10:00:00Z")])
    import_verdicts(both, tmp_path / "r3")
    assert load_verdicts(tmp_path / "r3")[(A, "law")] == "correct"


def test_times_are_stored_in_the_outputs_one_form_and_the_message_counts(tmp_path: Path) -> None:
    reviews = tmp_path / "r"
    f = _export(tmp_path / "a.json", [_v(A, "law", "correct", at="2026-11-23 10:00"),
                                      _v(B, "law", "wrong", at="20261123T020000Z"),
                                      _v(C, "law", "missing", at="2026-11-23T10:00:00+0800")])
    result = import_verdicts(f, reviews)
    assert {r["at"] for r in load_verdict_records(reviews).values()} == {"2026-11-23T18:00:00+08:00",
                                                                          "2026-11-23T10:00:00+08:00"}
    assert result.message("R") == "3 verdicts stored in R; the next run applies them"
    again = import_verdicts(f, reviews)
    assert again.message("R") == "0 verdicts stored in R; 3 verdicts already stored"
    one = import_verdicts(_export(tmp_path / "b.json", [_v(D, "law", "correct")]), reviews)
    assert one.message("R") == "1 verdict stored in R; the next run applies them"


def test_an_article_id_in_capitals_is_a_format_error(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    f = _export(tmp_path / "a.json", [_v("7E8085DE45FCCE92", "law", "correct")])
    with pytest.raises(ReviewImportError, match="16 lower-case hex digits"):
        import_verdicts(f, tmp_path / "r", articles_dir=articles)
