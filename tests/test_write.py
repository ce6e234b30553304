"""Writer: schema-valid JSON, atomic files, idempotent also_seen_at updates."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from pipeline.record import Document, Evidence, Section, SeenAt, TopicTag
from pipeline.write import add_seen_at, article_json, schema_errors, write_article


def make_doc() -> Document:
    doc = Document(path="a/b.html", sha256="0" * 64, media_type="html", encoding="gb18030", url="https://x.example/1")
    doc.title = "标题"
    doc.sections = [Section(None, ["导语。"]), Section("一、核实身份", ["要求出示工作证。"], level=2)]
    doc.id = "0123456789abcdef"
    doc.published_at = "2024-12-08T11:31:43+08:00"
    doc.topics = [
        TopicTag("identity_verification", "身份核实", 0.8, 0.5, True, [Evidence(1, "要求出示工作证。", ["工作证"], 0.8)]),
        TopicTag("privacy", "隐私", 0.1, 0.5, False),
    ]
    doc.redactions = Counter(phone=2)
    doc.also_seen_at = [SeenAt("c.txt", similarity=0.93)]
    return doc


def test_article_json_is_valid_and_complete() -> None:
    obj = article_json(make_doc(), "run1", "2026-01-01T00:00:00Z")
    assert schema_errors(obj) == []
    assert obj["text"] == "导语。\n一、核实身份\n要求出示工作证。"
    assert [t["label"] for t in obj["topics"]] == ["identity_verification"]
    assert obj["topic_scores"] == {"identity_verification": 0.8, "privacy": 0.1}
    assert obj["redactions"] == {"phone": 2}


def test_evidence_points_into_text_by_line_and_offsets() -> None:
    doc = make_doc()
    doc.sections[1].paragraphs.append("第二段。先核实对方身份，再谈还款。")
    doc.topics[0].evidence.append(Evidence(2, "再谈还款。", ["还款"], 0.6))
    doc.topics[0].evidence.append(Evidence(0, "not in the paragraph", [], 0.5))  # falls back to the paragraph
    obj = article_json(doc, "run1", "t")
    lines = obj["text"].split("\n")
    for ev in obj["topics"][0]["evidence"]:
        assert ev["sentence"] in lines[ev["line"]] or ev["sentence"] == "not in the paragraph"
    first, second, third = obj["topics"][0]["evidence"]
    assert (first["paragraph"], first["line"]) == (1, 2)  # headings are lines of text, not paragraphs
    assert obj["text"][first["start"]:first["end"]] == "要求出示工作证。"
    assert obj["text"][second["start"]:second["end"]] == "再谈还款。" and second["line"] == 3
    assert obj["text"][third["start"]:third["end"]] == "导语。"
    assert schema_errors(obj) == []


def test_published_at_has_one_comparable_form() -> None:
    from datetime import datetime

    forms = {"2024-12-08": ("2024-12-08T00:00:00+08:00", "day"),
             "2024-12-08T11:31:43+08:00": ("2024-12-08T11:31:43+08:00", "time"),
             "2024-12-08T01:00:00+00:00": ("2024-12-08T09:00:00+08:00", "time"),
             "2024-12-08T10:00:00Z": ("2024-12-08T18:00:00+08:00", "time"),
             None: (None, None)}
    values = []
    for given, (want, precision) in forms.items():
        doc = make_doc()
        doc.published_at = given
        obj = article_json(doc, "run1", "t")
        assert (obj["published_at"], obj["published_precision"]) == (want, precision)
        assert schema_errors(obj) == []
        if want:
            values.append(obj["published_at"])
    # the consumer's complaint: sorting mixed dates and datetimes raised; now strings and datetimes agree
    assert sorted(values) == sorted(values, key=datetime.fromisoformat)


def test_post_and_comment_dates_have_the_form_of_published_at() -> None:
    """Schema 1.3: a text page's comment gave ``2024-12-08`` and an HTML page's a time with its offset."""
    from pipeline.record import Comment, Post

    doc = make_doc()
    doc.page_kind = "thread"
    doc.sections[0].post = Post(author="楼主", date="2024-12-08")
    doc.comments = [Comment(text="同问", author="甲", date="2024-12-08T01:00:00+00:00"),
                    Comment(text="顶", author="乙", date=None)]
    obj = article_json(doc, "run1", "t")
    assert [(p["date"], p["date_precision"]) for p in obj["posts"]] == [("2024-12-08T00:00:00+08:00", "day")]
    assert [(c["date"], c["date_precision"]) for c in obj["comments"]] == [
        ("2024-12-08T09:00:00+08:00", "time"), (None, None)]
    assert schema_errors(obj) == []
    obj["comments"][1]["date"] = "2024-12-08"  # the old form is no longer valid
    assert any("comments/1/date" in e for e in schema_errors(obj))


def test_schema_enumerates_flags_and_counter_keys() -> None:
    from pipeline import vocabulary as V
    from pipeline.redact import PLACEHOLDERS
    from pipeline.write import SCHEMA_PATH

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    props = schema["properties"]
    assert set(props["flags"]["items"]["enum"]) == set(V.FLAGS)
    assert set(props["stats"]["properties"]["removed"]["propertyNames"]["enum"]) == set(V.REMOVED_KINDS)
    assert set(props["stats"]["properties"]["normalize"]["propertyNames"]["enum"]) == set(V.NORMALIZE_KEYS)
    assert set(props["redactions"]["propertyNames"]["enum"]) == set(V.REDACTION_TYPES) == set(PLACEHOLDERS)
    assert props["schema_version"]["const"] == __import__("pipeline").SCHEMA_VERSION
    assert set(schema["$defs"]["date_precision"]["enum"]) == {*V.DATE_PRECISIONS, None}
    obj = article_json(make_doc(), "run1", "t")
    assert schema_errors(obj | {"flags": ["made_up"]})
    assert schema_errors(obj | {"stats": obj["stats"] | {"normalize": {"made_up": 1}}})
    assert schema_errors(obj | {"stats": obj["stats"] | {"removed": {"made_up": {"count": 1, "chars": 2}}}})
    assert schema_errors(obj | {"redactions": {"made_up": 1}})


def test_schema_rejects_what_downstream_must_never_see() -> None:
    obj = article_json(make_doc(), "run1", "t")
    assert schema_errors(obj | {"text": ""})
    assert schema_errors(obj | {"published_at": "12/08/2024"})
    assert schema_errors(obj | {"published_at": "2024-12-08"})  # only the one comparable form
    assert schema_errors(obj | {"id": "not-an-id"})
    assert schema_errors(obj | {"extra": 1})


def test_write_article_is_atomic_and_refuses_invalid(tmp_path: Path) -> None:
    doc = make_doc()
    path = write_article(doc, tmp_path, "run1", "t")
    assert path and json.loads(path.read_text(encoding="utf-8"))["id"] == doc.id
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temp files left
    bad = make_doc()
    bad.id = "a1b2c3d4e5f6a7b8"
    bad.flags.append("not_a_published_flag")
    assert write_article(bad, tmp_path, "run1", "t") is None
    assert bad.status == "quarantined" and "schema" in bad.reason
    assert not (tmp_path / "a1b2c3d4e5f6a7b8.json").exists()


def test_add_seen_at_is_idempotent(tmp_path: Path) -> None:
    path = write_article(make_doc(), tmp_path, "run1", "t")
    assert add_seen_at(path, [SeenAt("d.txt", similarity=0.9)], "run2", "2026-01-02T00:00:00Z")
    assert add_seen_at(path, [SeenAt("d.txt", similarity=0.9), SeenAt("a/b.html")], "run3", "later") is False
    assert add_seen_at(tmp_path / "0000000000000000.json", [SeenAt("e.txt")], "run3", "later") is None
    obj = json.loads(path.read_text(encoding="utf-8"))
    assert [s["path"] for s in obj["duplicates"]["also_seen_at"]] == ["c.txt", "d.txt"]
    # the rewrite says which run changed the article, and when; processing time stays
    assert obj["pipeline"] | {"version": None} == {"version": None, "run_id": "run2", "processed_at": "t",
                                                   "updated_at": "2026-01-02T00:00:00Z"}
    assert schema_errors(obj) == []
    # a source that replaces a listed one (the same copy, moved) takes its place, in place
    assert add_seen_at(path, [SeenAt("moved/d.txt", similarity=0.9, replaces="d.txt")], "run4", "t4") == "moved"
    paths = [s["path"] for s in json.loads(path.read_text(encoding="utf-8"))["duplicates"]["also_seen_at"]]
    assert paths == ["c.txt", "moved/d.txt"]


def test_rewriting_an_article_keeps_sources_from_earlier_runs(tmp_path: Path) -> None:
    path = write_article(make_doc(), tmp_path, "run1", "t")
    add_seen_at(path, [SeenAt("from/run1.txt", similarity=0.9)], "run1", "t")
    write_article(make_doc(), tmp_path, "run2", "t")  # e.g. --reprocess
    obj = json.loads(path.read_text(encoding="utf-8"))
    assert [s["path"] for s in obj["duplicates"]["also_seen_at"]] == ["c.txt", "from/run1.txt"]


def test_outputs_are_readable_by_other_users(tmp_path: Path) -> None:
    import os

    umask = os.umask(0o022)
    os.umask(umask)
    path = write_article(make_doc(), tmp_path, "run1", "t")
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_fast_validator_agrees_with_jsonschema_on_every_kind_of_violation() -> None:
    """The compiled validator on the write path must reject exactly what the reference validator rejects."""
    import copy

    from pipeline.write import fast_validator, validator

    good = json.loads((Path(__file__).resolve().parents[1] / "docs" / "example-article.json").read_text("utf-8"))
    assert validator().is_valid(good)
    fast_validator()(good)

    def mutations(obj, path=()):
        """Per field: removed, wrong type (several), an extra key, and an out-of-range number."""
        if isinstance(obj, dict):
            yield path + ("<extra>",), lambda o: o.__setitem__("unexpected_key", 1)
            for k, v in obj.items():
                yield path + (k,), lambda o, k=k: o.pop(k)
                for bad in (None, 7, "x", [], {}, -1.5, 2.5, True):
                    yield path + (k, repr(bad)), lambda o, k=k, bad=bad: o.__setitem__(k, bad)
                yield from ((p, (lambda o, k=k, f=f: f(o[k]))) for p, f in mutations(v, path + (k,)))
        elif isinstance(obj, list) and obj:
            yield path + ("<item>",), lambda o: o.append(None)
            yield from ((p, (lambda o, f=f: f(o[0]))) for p, f in mutations(obj[0], path + (0,)))

    import fastjsonschema

    checked = 0
    for where, mutate in mutations(good):
        obj = copy.deepcopy(good)
        mutate(obj)
        reference = validator().is_valid(obj)
        try:
            fast_validator()(obj)
            fast = True
        except fastjsonschema.JsonSchemaException:
            fast = False
        assert fast == reference, where
        checked += 1
    assert checked > 300


def test_thread_posts_in_json_cover_the_text_in_order() -> None:
    from pipeline.record import Post
    from pipeline.write import posts_json

    doc = Document(path="t.html", page_kind="thread", sections=[
        Section(None, ["第一段。", "第二段。"], post=Post("楼主", None, "2024-01-01")),
        Section("补充", ["第三段。"]),
        Section(None, ["回复一。"], post=Post("网友", "版主", None)),
    ])
    posts = posts_json(doc)
    assert [p["author"] for p in posts] == ["楼主", "网友"]
    assert posts[0]["text"] == "第一段。\n第二段。\n补充\n第三段。" and posts[1]["text"] == "回复一。"
    assert posts_json(Document(path="a.html", sections=[Section(None, ["正文。"])])) == []


def test_page_kinds_are_the_vocabulary() -> None:
    from pipeline import vocabulary as V
    from pipeline.write import SCHEMA_PATH

    props = json.loads(SCHEMA_PATH.read_text("utf-8"))["properties"]
    assert tuple(props["page_kind"]["enum"]) == V.PAGE_KINDS


def test_every_url_field_is_a_web_address_or_null() -> None:
    """Downstream apps link these fields: a scraped javascript: link or markup must not reach them."""
    doc = make_doc()
    doc.url, doc.canonical_url = "javascript:alert(7)", 'https://ex.com/"><script>alert(9)</script>'
    doc.also_seen_at = [SeenAt("c.txt", url="/relative/only.html"), SeenAt("d.txt", url="https://y.example/2")]
    obj = article_json(doc, "run1", "2026-01-01T00:00:00Z")
    assert obj["url"] is None and obj["source"]["url"] is None
    assert [s["url"] for s in obj["duplicates"]["also_seen_at"]] == [None, "https://y.example/2"]
    doc.canonical_url = "https://ex.com/a.html"
    assert article_json(doc, "run1", "2026-01-01T00:00:00Z")["url"] == "https://ex.com/a.html"


def test_fetched_at_has_the_one_comparable_form_of_published_at() -> None:
    doc = make_doc()
    for given, written in [("2024-12-01T00:00:00Z", "2024-12-01T08:00:00+08:00"),
                           ("2024-12-01T10:00:00+08:00", "2024-12-01T10:00:00+08:00"),
                           ("2024-12-01", "2024-12-01T00:00:00+08:00"), ("yesterday", None)]:
        doc.fetched_at = given
        assert article_json(doc, "run1", "2026-01-01T00:00:00Z")["source"]["fetched_at"] == written
