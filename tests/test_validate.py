"""Debris of interrupted runs, and what ``validate --repair`` may remove: never articles the index forgot."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from pipeline import store
from pipeline.validate import UnusableIndex, debris_of


def output(tmp_path: Path, n_articles: int) -> Path:
    (tmp_path / "articles").mkdir()
    for i in range(n_articles):
        (tmp_path / "articles" / f"{i:016x}.json").write_text("{}", encoding="utf-8")
    return tmp_path


def test_an_emptied_index_makes_no_article_an_orphan(tmp_path: Path) -> None:
    """It used to: ``validate --repair`` then deleted every published article."""
    out = output(tmp_path, 3)
    (out / "index.sqlite").write_bytes(b"")
    debris = debris_of(out)
    assert debris.orphans == [] and debris.unindexed == 3
    assert "index.sqlite lists no committed run" in debris.describe()[0]
    debris.remove()
    assert len(list((out / "articles").iterdir())) == 3
    assert (out / "index.sqlite").stat().st_size == 0  # looking wrote nothing


def test_only_articles_written_since_the_newest_commit_can_be_orphans(tmp_path: Path) -> None:
    out = output(tmp_path, 2)
    old, new = sorted((out / "articles").iterdir())
    conn = store.connect(out / "index.sqlite")
    started = time.time() - 3600
    conn.execute("INSERT INTO runs VALUES (?, ?, ?, ?, ?, 1)", (
        "20261206T000000Z-aaaa", time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(started)),
        time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(started + 60)), "raw", str(out)))
    conn.close()
    os.utime(old, (started - 3600, started - 3600))  # there before that run committed: not debris
    assert debris_of(out).orphans == [new]


def test_an_index_that_is_not_a_database_is_one_clear_error(tmp_path: Path) -> None:
    out = output(tmp_path, 1)
    (out / "index.sqlite").write_bytes(os.urandom(20_000))
    with pytest.raises(UnusableIndex, match="not usable"):
        debris_of(out)


def test_evidence_that_points_elsewhere_is_a_problem(tmp_path: Path) -> None:
    """The README promises ``text[start:end] == sentence`` and the line that holds it; the schema cannot check it."""
    import json

    from pipeline.validate import evidence_problems, validate_article_file

    good = json.loads((Path(__file__).resolve().parents[1] / "docs" / "example-article.json").read_text("utf-8"))
    assert evidence_problems(good) == []
    path = tmp_path / f"{good['id']}.json"
    path.write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    assert validate_article_file(path) == []
    ev = good["topics"][0]["evidence"][0]
    ev["line"] = 99
    assert evidence_problems(good) == ["topics[negotiation].evidence[0]: line 99 does not hold the sentence at 190"]
    ev["start"] += 5
    ev["end"] += 5
    path.write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    [problem] = validate_article_file(path)
    assert problem.endswith("text[195:235] is not its sentence")


def test_looking_leaves_no_wal_files_beside_the_index(tmp_path: Path) -> None:
    """A read-only connection could not checkpoint, so every ``validate`` left ``-wal``/``-shm`` behind."""
    out = output(tmp_path, 1)
    store.connect(out / "index.sqlite").close()
    assert sorted(p.name for p in out.iterdir()) == ["articles", "index.sqlite"]
    debris_of(out)
    assert sorted(p.name for p in out.iterdir()) == ["articles", "index.sqlite"]


def test_looking_never_writes_to_the_index(tmp_path: Path) -> None:
    from pipeline.store import look

    out = output(tmp_path, 0)
    store.connect(out / "index.sqlite").close()
    conn = look(out / "index.sqlite")
    with pytest.raises(Exception, match="readonly"):
        conn.execute("CREATE TABLE t (a)")
    conn.close()
    with pytest.raises(Exception, match="unable to open"):
        look(out / "missing.sqlite")  # never created by looking
    assert not (out / "missing.sqlite").exists()


def test_a_running_runs_staging_is_work_not_debris(tmp_path: Path) -> None:
    """A monitor that validates while the nightly run writes must not raise an alarm: only once the lock is
    free is an unfinished run's staging a leftover."""
    import fcntl

    from pipeline.validate import validate_dir

    out = output(tmp_path, 0)
    conn = store.connect(out / "index.sqlite")
    conn.close()
    (out / ".staging" / "20261208T000000Z-abcd").mkdir(parents=True)
    problems, checked = validate_dir(out)
    assert any("did not finish" in p for p in problems) and not checked["live"]
    with (out / ".lock").open("w") as held:  # another run's lock (a description of its own, as another process)
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        problems, checked = validate_dir(out)
        assert problems == [] and checked["live"]
    problems, _ = validate_dir(out)
    assert any("did not finish" in p for p in problems)
