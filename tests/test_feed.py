"""What a downstream app and a reviewer see across runs: the change feed, verdicts applied, the export.

Runs the flow several times on one output directory (session Prefect harness),
then reads the feed the way a consumer would: ``pipeline export --since``.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from pipeline import SCHEMA_VERSION
from pipeline.cli import main
from pipeline.export import ExportError, export
from pipeline.review import import_verdicts
from pipeline.validate import validate_dir
from tests.flowkit import manifest, run

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]

SEED = "000_4b4f681a9806a910.txt"


def feed(out: Path, since: str | None = None) -> list[dict]:
    buf = io.StringIO()
    export(out / "index.sqlite", out / "articles", since=since, stream=buf)
    return [json.loads(line) for line in buf.getvalue().splitlines()]


def article(out: Path, article_id: str) -> dict:
    return json.loads((out / "articles" / f"{article_id}.json").read_text(encoding="utf-8"))


def test_feed_follows_new_copies_and_reviews_across_ordinary_runs(raw_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run(raw_copy, out)
    m1 = manifest(first)
    written = {e["article_id"] for e in m1["entries"].values() if e["status"] == "written"}
    everything = feed(out)
    assert {r["id"] for r in everything} == written  # every article, once
    assert all(r["change"] == "created" and r["reasons"] == ["new"] and r["run_id"] == first["run_id"]
               for r in everything)
    assert m1["articles_changed"]["created"] == len(written) and m1["reviews_applied"] == 0

    # an unchanged rerun changes nothing and feeds nothing
    second = run(raw_copy, out)
    assert feed(out, since=first["run_id"]) == []
    assert manifest(second)["articles_changed"] == {"created": 0, "rewritten": 0, "reasons": {}}

    # a later copy of an article: the article is rewritten, says by which run, and is fed
    seed_id = m1["entries"][SEED]["article_id"] or m1["entries"][SEED]["duplicate_of"]
    before = article(out, seed_id)
    (raw_copy / "later").mkdir()
    (raw_copy / "later" / "copy.txt").write_bytes((raw_copy / SEED).read_bytes() + "\n转载请注明。\n".encode())
    third = run(raw_copy, out)
    after = article(out, seed_id)
    assert after["pipeline"]["run_id"] == third["run_id"] != before["pipeline"]["run_id"]
    assert after["pipeline"]["processed_at"] == before["pipeline"]["processed_at"]  # its text was not redone
    assert after["pipeline"]["updated_at"] > before["pipeline"]["updated_at"]
    changed = feed(out, since=second["run_id"])
    assert [(r["id"], r["change"], r["reasons"], r["run_id"]) for r in changed] == [
        (seed_id, "rewritten", ["new_duplicate_source"], third["run_id"])]
    assert manifest(third)["articles_changed"]["reasons"] == {"new_duplicate_source": 1}

    # verdicts imported between runs apply at the next ordinary run, without reprocessing anything
    tagged = next(a for a in (article(out, i) for i in sorted(written)) if a["topics"])
    wrong = tagged["topics"][0]["label"]
    missing = next(lbl for lbl in tagged["topic_scores"] if lbl not in {t["label"] for t in tagged["topics"]})
    verdicts = tmp_path / "verdicts.json"
    verdicts.write_text(json.dumps({"reviewer": "ana", "exported_at": "2026-12-01T10:00:00Z", "verdicts": [
        {"article_id": tagged["id"], "label": wrong, "verdict": "wrong"},
        {"article_id": tagged["id"], "label": missing, "verdict": "missing"},
    ]}), encoding="utf-8")
    assert import_verdicts(verdicts, out / "reviews").stored == 2
    fourth = run(raw_copy, out)
    m4 = manifest(fourth)
    assert m4["totals"]["unchanged"] == m4["totals"]["inputs"]  # no input was processed again
    assert m4["reviews_applied"] == 2 and fourth["run"]["reviews_applied"] == 2
    reviewed = article(out, tagged["id"])
    labels = {t["label"]: t for t in reviewed["topics"]}
    assert wrong not in labels and labels[missing]["source"] == "review"
    assert [(r["label"], r["verdict"], r["reviewer"]) for r in reviewed["reviews"]] == sorted(
        [(wrong, "wrong", "ana"), (missing, "missing", "ana")])
    assert reviewed["pipeline"]["run_id"] == fourth["run_id"]
    assert [(r["id"], r["reasons"]) for r in feed(out, since=third["run_id"])] == [(tagged["id"], ["review_applied"])]
    report = Path(fourth["report"]).read_text(encoding="utf-8")
    assert "verdicts applied" in report
    # the report of the run that wrote the article (where the fourth run's report sends the analyst) shows them
    first_report = (out / "reports" / first["run_id"] / "index.html").read_text(encoding="utf-8")
    assert "removed by ana" in first_report

    # applied once: the next run leaves the article alone
    snapshot = (out / "articles" / f"{tagged['id']}.json").read_bytes()
    fifth = run(raw_copy, out)
    assert manifest(fifth)["reviews_applied"] == 0
    assert (out / "articles" / f"{tagged['id']}.json").read_bytes() == snapshot
    assert feed(out, since=fourth["run_id"]) == []

    # a consumer that started after the first run has seen every change once it reads since that run
    since_first = {r["id"]: r for r in feed(out, since=first["run_id"])}
    assert set(since_first) == {seed_id, tagged["id"]}
    # and the full export still lists every article, each with its latest state
    assert {r["id"] for r in feed(out)} == written
    assert validate_dir(out)[0] == []


def test_a_reprocessed_or_restored_article_is_fed_with_its_reason(raw_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run(raw_copy, out)
    ids = sorted(r["id"] for r in feed(out))
    (out / "articles" / f"{ids[0]}.json").unlink()  # deleted by hand: the next run restores it
    old = out / "articles" / f"{ids[1]}.json"  # written by an older schema version: rewritten in the new form
    old.write_text(old.read_text(encoding="utf-8").replace(f'"schema_version": "{SCHEMA_VERSION}"',
                                                           '"schema_version": "1.0"'), encoding="utf-8")
    second = run(raw_copy, out)
    got = {r["id"]: (r["change"], r["reasons"]) for r in feed(out, since=first["run_id"])}
    assert got == {ids[0]: ("created", ["new"]), ids[1]: ("rewritten", ["reprocessed"])}
    assert article(out, ids[1])["schema_version"] == SCHEMA_VERSION
    third = run(raw_copy, out, reprocess=True)
    got = feed(out, since=second["run_id"])
    assert {r["id"] for r in got} == set(ids) and {tuple(r["reasons"]) for r in got} == {("reprocessed",)}
    assert all(r["run_id"] == third["run_id"] for r in got)


def test_export_command(raw_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    first = run(raw_copy, out)
    dest = tmp_path / "feed.jsonl"
    assert main(["export", "--dir", str(out), "--out", str(dest)]) == 0
    lines = dest.read_text(encoding="utf-8").splitlines()
    assert len(lines) == manifest(first)["totals"]["written"]
    assert f"last run {first['run_id']}" in capsys.readouterr().err
    assert main(["export", "--dir", str(out), "--since", first["run_id"]]) == 0
    assert capsys.readouterr().out == ""
    assert main(["export", "--dir", str(out), "--since", "20990101T000000Z-0000"]) == 2
    assert "no committed run" in capsys.readouterr().err
    assert main(["export", "--dir", str(tmp_path / "nothing")]) == 2
    pq = pytest.importorskip("pyarrow.parquet")
    assert main(["export", "--dir", str(out), "--format", "parquet", "--out", str(tmp_path / "f.parquet")]) == 0
    table = pq.read_table(tmp_path / "f.parquet")
    assert table.num_rows == len(lines)
    assert sorted(table.column("id").to_pylist()) == sorted(json.loads(x)["id"] for x in lines)
    with pytest.raises(ExportError, match="needs --out"):
        export(out / "index.sqlite", out / "articles", fmt="parquet")
    # a path that is no file: one line, exit 2
    assert main(["export", "--dir", str(out), "--out", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err
    # an article the export cannot deliver: every other line, then exit 1, so a consumer keeps its cursor
    victim = sorted((out / "articles").glob("*.json"))[0]
    victim.write_text("{", encoding="utf-8")
    assert main(["export", "--dir", str(out), "--out", str(dest)]) == 1
    assert len(dest.read_text(encoding="utf-8").splitlines()) == len(lines) - 1
    assert "1 indexed articles have no readable file" in capsys.readouterr().err


def test_an_edited_copy_that_stays_a_copy_changes_nothing_a_consumer_sees(raw_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run(raw_copy, out)
    copy = raw_copy / "mirror" / "000_copy.txt"
    copy.write_bytes(copy.read_bytes() + "\n（完）\n".encode())  # edited, still a copy of the same article
    second = run(raw_copy, out)
    assert manifest(second)["entries"]["mirror/000_copy.txt"]["status"] == "duplicate"
    assert manifest(second)["articles_changed"] == {"created": 0, "rewritten": 0, "reasons": {}}
    assert feed(out, since=first["run_id"]) == []


COPY = "mirror/000_copy.txt"


def sources(out: Path, article_id: str) -> set[str]:
    """The paths an article lists in ``duplicates.also_seen_at``."""
    return {s["path"] for s in article(out, article_id)["duplicates"]["also_seen_at"]}


def another_article(raw: Path) -> bytes:
    """The bytes of an article that is no copy of the seed's (the other bundled one, punctuation changed)."""
    return (raw / "003_6b3c3bd5d17d6661.txt").read_bytes().replace("。".encode(), "！".encode())


def test_a_copy_overwritten_with_another_article_leaves_the_first_ones_sources(raw_copy: Path, tmp_path: Path) -> None:
    """mirror/000_copy.txt was a copy of the seed's article; now it holds another article: it is written, and
    the seed's article no longer lists it (the feed says why); the next run changes nothing."""
    out = tmp_path / "out"
    first = run(raw_copy, out)
    seed_id = manifest(first)["entries"][COPY]["duplicate_of"]
    assert COPY in sources(out, seed_id)
    (raw_copy / COPY).write_bytes(another_article(raw_copy))
    second = run(raw_copy, out)
    entry = manifest(second)["entries"][COPY]
    assert entry["status"] in ("written", "duplicate") and entry.get("duplicate_of") != seed_id
    assert COPY not in sources(out, seed_id)
    fed = {r["id"]: (r["change"], r["reasons"]) for r in feed(out, since=first["run_id"])}
    assert fed[seed_id] == ("rewritten", ["duplicate_source_gone"])
    run(raw_copy, out)
    assert feed(out, since=second["run_id"]) == []
    assert validate_dir(out)[0] == []


def test_a_copy_that_moved_while_its_old_path_took_another_article_is_listed_once(raw_copy: Path,
                                                                                   tmp_path: Path) -> None:
    """The copy's entry follows it to its new path (``moved``); its old path, now another article, is not listed."""
    out = tmp_path / "out"
    first = run(raw_copy, out)
    seed_id = manifest(first)["entries"][COPY]["duplicate_of"]
    (raw_copy / COPY).rename(raw_copy / "mirror" / "moved.txt")
    (raw_copy / COPY).write_bytes(another_article(raw_copy))
    run(raw_copy, out)
    assert "mirror/moved.txt" in sources(out, seed_id) and COPY not in sources(out, seed_id)
    fed = {r["id"]: (r["change"], r["reasons"]) for r in feed(out, since=first["run_id"])}
    assert fed[seed_id] == ("rewritten", ["moved"])


def test_a_copy_that_became_another_article_leaves_the_list_in_a_reprocess_run_too(raw_copy: Path,
                                                                                     tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run(raw_copy, out)
    seed_id = manifest(first)["entries"][COPY]["duplicate_of"]
    (raw_copy / COPY).write_bytes(another_article(raw_copy))
    run(raw_copy, out, reprocess=True)
    assert COPY not in sources(out, seed_id)
    run(raw_copy, out)
    assert COPY not in sources(out, seed_id)


def test_a_renamed_file_or_folder_keeps_its_article_with_the_new_path(raw_copy: Path, tmp_path: Path) -> None:
    """A rename is not a copy of itself: the article follows its input, and the feed says it moved."""
    out = tmp_path / "out"
    first = run(raw_copy, out)
    m1 = manifest(first)["entries"]
    aid = m1[SEED]["article_id"]
    records = {k: v["article_id"] for k, v in m1.items() if k.startswith("crawl/") and v["status"] == "written"}
    assert records
    sources = article(out, aid)["duplicates"]["also_seen_at"]
    (raw_copy / SEED).rename(raw_copy / "renamed.txt")
    (raw_copy / "crawl").rename(raw_copy / "crawl2")
    second = run(raw_copy, out)
    m2 = manifest(second)["entries"]
    assert m2["renamed.txt"] == {**m1[SEED], "reason": f"moved from {SEED}"}
    for old, rid in records.items():
        new = "crawl2/" + old.removeprefix("crawl/")
        assert (m2[new]["status"], m2[new]["article_id"], m2[new]["reason"]) == ("written", rid, f"moved from {old}")
        assert article(out, rid)["source"]["path"] == new
    moved = article(out, aid)
    assert moved["source"]["path"] == "renamed.txt"
    assert "renamed.txt" not in {s["path"] for s in moved["duplicates"]["also_seen_at"]}
    assert moved["duplicates"]["also_seen_at"] == sources  # its copies stay listed
    got = {r["id"]: (r["change"], r["reasons"]) for r in feed(out, since=first["run_id"])}
    assert got == {i: ("rewritten", ["moved"]) for i in {aid, *records.values()}}
    # settled: the next run finds every input unchanged, and the index forgot the old paths
    third = run(raw_copy, out)
    assert {v["status"] for v in manifest(third)["entries"].values()} == {"unchanged"}
    assert feed(out, since=second["run_id"]) == []
    assert validate_dir(out)[0] == []
    # and a file copied back to the old path is a copy again, not a second source
    (raw_copy / SEED).write_bytes((raw_copy / "renamed.txt").read_bytes())
    fourth = manifest(run(raw_copy, out))["entries"]
    assert (fourth[SEED]["status"], fourth[SEED]["duplicate_of"]) == ("duplicate", aid)
    assert article(out, aid)["source"]["path"] == "renamed.txt"


def test_a_moved_copy_takes_the_place_of_its_old_entry(raw_copy: Path, tmp_path: Path) -> None:
    """A folder of copies moved: each copy's entry in also_seen_at follows it, fed as moved, nothing doubled."""
    out = tmp_path / "out"
    first = run(raw_copy, out)
    copy = manifest(first)["entries"]["mirror/000_copy.txt"]
    aid = copy["duplicate_of"]
    before = [s["path"] for s in article(out, aid)["duplicates"]["also_seen_at"]]
    (raw_copy / "mirror").rename(raw_copy / "archive")
    second = run(raw_copy, out)
    entry = manifest(second)["entries"]["archive/000_copy.txt"]
    assert (entry["status"], entry["duplicate_of"], entry["reason"]) == ("duplicate", aid, "moved from mirror/000_copy.txt")
    after = [s["path"] for s in article(out, aid)["duplicates"]["also_seen_at"]]
    assert after == [p.replace("mirror/", "archive/") for p in before]
    assert {r["id"]: r["reasons"] for r in feed(out, since=first["run_id"])} == {aid: ["moved"]}
    assert {v["status"] for v in manifest(run(raw_copy, out))["entries"].values()} == {"unchanged"}
    # the original and its copy moved together: the original keeps the article, the copy its entry
    (raw_copy / "top").mkdir()
    (raw_copy / SEED).rename(raw_copy / "top" / SEED)
    (raw_copy / "archive").rename(raw_copy / "mirror")
    third = manifest(run(raw_copy, out))["entries"]
    assert (third[f"top/{SEED}"]["status"], third[f"top/{SEED}"]["article_id"]) == ("written", aid)
    assert third["mirror/000_copy.txt"]["reason"] == "moved from archive/000_copy.txt"
    final = article(out, aid)
    assert final["source"]["path"] == f"top/{SEED}"
    assert [s["path"] for s in final["duplicates"]["also_seen_at"]] == before
    assert validate_dir(out)[0] == []


def test_a_copy_beside_its_original_stays_a_copy(raw_copy: Path, tmp_path: Path) -> None:
    """While the article's input is still there, a file with the very same bytes elsewhere is a copy."""
    out = tmp_path / "out"
    run(raw_copy, out)
    (raw_copy / "again.txt").write_bytes((raw_copy / SEED).read_bytes())
    entries = manifest(run(raw_copy, out))["entries"]
    assert entries["again.txt"]["status"] == "duplicate" and entries[SEED]["status"] == "unchanged"


def test_records_that_shift_in_a_crawl_file_keep_their_articles(raw_copy: Path, tmp_path: Path) -> None:
    """A crawler dropped the first line: every record's key shifts by one. Each article follows its record
    to its new key (moved), none becomes a copy of itself, and the next run settles."""
    out = tmp_path / "out"
    crawl = raw_copy / "crawl" / "2024-12-08.jsonl"
    lines = crawl.read_text(encoding="utf-8").splitlines()
    first = manifest(run(raw_copy, out))["entries"]
    by_line = {i: first[f"crawl/2024-12-08.jsonl#{i}"] for i in range(1, len(lines) + 1)}
    crawl.write_text("\n".join(lines[1:]) + "\n", encoding="utf-8")
    second = manifest(run(raw_copy, out))["entries"]
    for i in range(2, len(lines) + 1):
        old, new = by_line[i], second[f"crawl/2024-12-08.jsonl#{i - 1}"]
        if old["status"] == "written":
            assert (new["status"], new["article_id"]) == ("written", old["article_id"])
            assert new["reason"] == f"moved from crawl/2024-12-08.jsonl#{i}"
            assert article(out, old["article_id"])["source"]["path"] == f"crawl/2024-12-08.jsonl#{i - 1}"
    third = manifest(run(raw_copy, out))["entries"]
    assert {v["status"] for v in third.values()} == {"unchanged"}
    assert validate_dir(out)[0] == []


def test_a_moved_input_whose_article_was_deleted_gets_it_back(raw_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    aid = manifest(run(raw_copy, out))["entries"][SEED]["article_id"]
    (out / "articles" / f"{aid}.json").unlink()
    (raw_copy / SEED).rename(raw_copy / "renamed.txt")
    entry = manifest(run(raw_copy, out))["entries"]["renamed.txt"]
    assert (entry["status"], entry["article_id"]) == ("written", aid)
    assert article(out, aid)["source"]["path"] == "renamed.txt"
