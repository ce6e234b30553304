"""The Prefect flow end to end, under a session-scoped ``prefect_test_harness``.

These are the slow tests (one temporary Prefect server for the session); the
stages themselves are tested without Prefect next to their modules.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import store
from pipeline.config import Settings
from pipeline.ingest import discover
from pipeline.validate import validate_dir
from tests.flowkit import comparable_output, manifest, run

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]


def canonical_of(m: dict, key: str) -> str:
    """The article an input ended up in: its own, or the one it duplicates."""
    e = m["entries"][key]
    return e["article_id"] if e["status"] == "written" else e["duplicate_of"]


def article_bytes(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "articles").glob("*.json"))}


def test_bundled_raw_accounts_for_every_file_and_rerun_is_unchanged(raw_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run(raw_copy, out)
    m = manifest(first)
    inputs = discover(raw_copy, Settings())
    keys = set(m["entries"])
    # every file is in the manifest (records of a .jsonl as file#N)
    assert {k.split("#")[0] for k in keys} == set(inputs)
    statuses = {e["status"] for e in m["entries"].values()}
    assert statuses <= {"written", "duplicate", "quarantined"}
    assert {"written", "duplicate", "quarantined"} <= statuses
    for key, e in m["entries"].items():
        if e["status"] == "quarantined":
            assert e["reason"], key
        if e["status"] == "duplicate":
            assert e["duplicate_of"], key
            assert (out / "articles" / f"{e['duplicate_of']}.json").is_file()
    assert canonical_of(m, "mirror/000_copy.txt") == canonical_of(m, "000_4b4f681a9806a910.txt")
    assert "duplicate" in {m["entries"][k]["status"] for k in ("mirror/000_copy.txt", "000_4b4f681a9806a910.txt")}
    problems, counts = validate_dir(out)
    assert problems == []
    assert counts["articles"] == m["totals"]["written"] >= 12
    before = article_bytes(out)
    # the thresholds the run records (and its report draws) are the ones its articles were tagged at
    recorded = json.loads((out / "runs" / first["run_id"] / "run.json").read_text(encoding="utf-8"))["thresholds"]
    carried = {t["label"]: t["threshold"] for b in before.values() for t in json.loads(b)["topics"]}
    assert carried and all(recorded[label] == th for label, th in carried.items())

    second = run(raw_copy, out)
    m2 = manifest(second)
    assert m2["totals"]["unchanged"] == m2["totals"]["inputs"] == m["totals"]["inputs"]
    for key, e in m2["entries"].items():  # a quarantined input still says why
        first_entry = m["entries"][key]
        expected = f"quarantined earlier: {first_entry['reason']}" if first_entry["status"] == "quarantined" else None
        assert e["reason"] == expected, key
    assert article_bytes(out) == before
    assert not (out / ".staging" / second["run_id"]).exists()
    # the all-unchanged run's report sends reviewers to the run that wrote the articles
    latest = (out / "reports" / "latest" / "index.html").read_text(encoding="utf-8")
    assert f'href="../{first["run_id"]}/index.html"' in latest
    # ... and says which inputs are still quarantined: "quarantined 0" alone hid them
    still = json.loads((out / "runs" / second["run_id"] / "run.json").read_text(encoding="utf-8"))["still_quarantined"]
    assert sum(still.values()) == m["totals"]["quarantined"] > 0
    assert f"Still quarantined from earlier runs: {m['totals']['quarantined']} unchanged inputs" in latest


def test_canonical_lists_its_copies(raw_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    m = manifest(run(raw_copy, out))
    seed = canonical_of(m, "000_4b4f681a9806a910.txt")
    art = json.loads((out / "articles" / f"{seed}.json").read_text(encoding="utf-8"))
    sources = {art["source"]["path"]} | {s["path"] for s in art["duplicates"]["also_seen_at"]}
    assert {"mirror/000_copy.txt", "000_4b4f681a9806a910.txt"} <= sources


def test_edited_copy_in_a_later_run_joins_the_earlier_article(raw_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    m1 = manifest(run(raw_copy, out))
    seed_id = canonical_of(m1, "000_4b4f681a9806a910.txt")
    original = (raw_copy / "000_4b4f681a9806a910.txt").read_text(encoding="utf-8")
    edited = original.replace("保持冷静", "保持镇定", 1).replace("核实人员身份", "核实来人身份", 1)
    assert edited != original
    (raw_copy / "later").mkdir()
    (raw_copy / "later" / "edited_copy.txt").write_text("转载自某网站\n" + edited, encoding="utf-8")

    m2 = manifest(run(raw_copy, out))
    entry = m2["entries"]["later/edited_copy.txt"]
    assert entry["status"] == "duplicate", entry
    assert entry["duplicate_of"] == seed_id
    art = json.loads((out / "articles" / f"{seed_id}.json").read_text(encoding="utf-8"))
    sources = {art["source"]["path"]} | {s["path"] for s in art["duplicates"]["also_seen_at"]}
    assert {"000_4b4f681a9806a910.txt", "later/edited_copy.txt"} <= sources
    assert len([s for s in art["duplicates"]["also_seen_at"] if s["path"] == "later/edited_copy.txt"]) == 1
    assert validate_dir(out)[0] == []


def test_run_killed_before_commit_leaves_no_phantom_state(raw_copy: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"

    def crash(*a, **k):
        raise KeyboardInterrupt("killed")  # what a SIGINT mid-run looks like to the code

    with monkeypatch.context() as mp:
        mp.setattr(store, "commit_run", crash)
        with pytest.raises(BaseException):  # noqa: B017 - whatever Prefect wraps it in
            run(raw_copy, out)
    conn = store.connect(out / "index.sqlite")
    try:
        assert conn.execute("SELECT COUNT(*) FROM inputs").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM manifest").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM dedup_articles").fetchone()[0] == 0
    finally:
        conn.close()
    # no half-written JSON anywhere
    assert not list(out.rglob("*.tmp"))

    result = run(raw_copy, out)
    m = manifest(result)
    assert m["totals"]["unchanged"] == 0 and m["totals"]["written"] >= 12
    assert validate_dir(out)[0] == []
    conn = store.connect(out / "index.sqlite")
    try:
        indexed = {r[0] for r in conn.execute("SELECT id FROM dedup_articles")}
    finally:
        conn.close()
    written = {e["article_id"] for e in m["entries"].values() if e["status"] == "written"}
    assert indexed == written


def test_an_interrupted_first_run_leaves_articles_repair_and_the_next_run_remove(raw_copy: Path, tmp_path: Path,
                                                                                  monkeypatch) -> None:
    """No run has committed yet: the articles the first one wrote are its leftovers, not a lost index's."""
    from pipeline.validate import debris_of

    def crash(*a, **k):
        raise KeyboardInterrupt("killed")

    for how in ("repair", "next run"):
        out = tmp_path / how.replace(" ", "_")
        with monkeypatch.context() as mp:
            mp.setattr(store, "commit_run", crash)
            with pytest.raises(BaseException):  # noqa: B017 - whatever Prefect wraps it in
                run(raw_copy, out)
        left = sorted((out / "articles").glob("*.json"))
        assert left
        problems, counts = validate_dir(out)
        assert counts["orphans"] == len(left) and counts["articles"] == 0
        assert problems and all("orphan article" in p or "staging" in p or "temporary" in p for p in problems), [p for p in problems if "orphan" not in p]
        if how == "repair":
            debris = debris_of(out)
            assert sorted(debris.orphans) == left and debris.unindexed == 0
            debris.remove()
            assert not list((out / "articles").glob("*.json"))
        m = manifest(run(raw_copy, out))
        # every article is new to a consumer: none was ever committed, so none is "reprocessed"
        assert set(m["articles_changed"]["reasons"]) == {"new"}, m["articles_changed"]
        assert validate_dir(out)[0] == []


def test_manifest_lost_after_commit_is_recovered_by_the_next_run(raw_copy: Path, tmp_path: Path, monkeypatch) -> None:
    from pipeline import commit

    out = tmp_path / "out"
    real = commit.write_manifest
    calls = {"n": 0}

    def die_once(conn, runs_dir, run_id):
        calls["n"] += 1
        if calls["n"] == 1:
            raise KeyboardInterrupt("killed between commit and manifest")
        return real(conn, runs_dir, run_id)

    with monkeypatch.context() as mp:
        mp.setattr(commit, "write_manifest", die_once)
        with pytest.raises(BaseException):  # noqa: B017
            run(raw_copy, out)
    runs = list((out / "runs").glob("*/manifest.json"))
    assert runs == []
    second = run(raw_copy, out)
    manifests = sorted((out / "runs").glob("*/manifest.json"))
    assert len(manifests) == 2
    first_m = json.loads(manifests[0].read_text(encoding="utf-8"))
    assert first_m["totals"]["written"] >= 12
    assert manifest(second)["totals"]["unchanged"] == manifest(second)["totals"]["inputs"]


def test_oversize_cap_and_bad_config_key(raw_copy: Path, tmp_path: Path) -> None:
    cfg = tmp_path / "small.yaml"
    cfg.write_text("ingest:\n  max_bytes: 7000\n", encoding="utf-8")
    m = manifest(run(raw_copy, tmp_path / "out", config=str(cfg)))
    oversized = [k for k, e in m["entries"].items() if (e["reason"] or "").startswith("oversized")]
    assert oversized
    import re

    for k in oversized:  # the size it names is over the cap; a whole file names its own size
        size = int(re.search(r"of ([\d,]+) bytes", m["entries"][k]["reason"]).group(1).replace(",", ""))
        assert size > 7000 and ("#" in k or (raw_copy / k).stat().st_size == size), k


def test_stage_bug_costs_one_document_not_the_run(raw_copy: Path, tmp_path: Path, monkeypatch) -> None:
    from pipeline import batch

    real = batch.tag_document

    def flaky(doc, settings):
        if doc.path.endswith("000_4b4f681a9806a910.txt"):
            raise RuntimeError("boom")
        real(doc, settings)

    monkeypatch.setattr(batch, "tag_document", flaky)
    m = manifest(run(raw_copy, tmp_path / "out"))
    e = m["entries"]["000_4b4f681a9806a910.txt"]
    assert e["status"] == "quarantined"
    assert "internal error in tag" in e["reason"] and "boom" in e["reason"]
    assert "(at pipeline/batch.py:" in e["reason"]  # where it was raised, the innermost frame of the pipeline's code
    assert m["totals"]["written"] >= 12
    # the bug fixed, the next run tries that input again (the others are unchanged) and writes it
    monkeypatch.setattr(batch, "tag_document", real)
    again = manifest(run(raw_copy, tmp_path / "out"))["entries"]
    assert again["000_4b4f681a9806a910.txt"]["status"] == "written"
    assert {e["status"] for k, e in again.items() if k != "000_4b4f681a9806a910.txt"} <= {"unchanged"}


def test_small_batches_on_dask_match_one_local_batch(raw_copy: Path, tmp_path: Path) -> None:
    """Cross-batch dedup and the Dask runner give the same fates as one big local batch."""
    cfg = tmp_path / "small-batches.yaml"
    cfg.write_text("run:\n  batch_size: 4\n  workers: 2\nreport:\n  enabled: false\n", encoding="utf-8")
    local = manifest(run(raw_copy, tmp_path / "local"))
    dask = manifest(run(raw_copy, tmp_path / "dask", config=str(cfg), engine="dask"))
    assert {k: e["status"] for k, e in dask["entries"].items()} == {k: e["status"] for k, e in local["entries"].items()}
    assert sorted(p.name for p in (tmp_path / "dask" / "articles").glob("*.json")) == sorted(
        p.name for p in (tmp_path / "local" / "articles").glob("*.json")
    )


def test_reprocess_ignores_earlier_runs_and_keeps_ids(raw_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = manifest(run(raw_copy, out))
    again = manifest(run(raw_copy, out, reprocess=True))
    assert again["totals"]["unchanged"] == 0
    assert {k: e["status"] for k, e in again["entries"].items()} == {k: e["status"] for k, e in first["entries"].items()}
    ids = lambda m: {e["article_id"] for e in m["entries"].values() if e["status"] == "written"}  # noqa: E731
    assert ids(again) == ids(first)


def test_a_changed_tagging_model_is_noticed_until_a_reprocess(raw_copy: Path, tmp_path: Path) -> None:
    """Articles of unchanged inputs keep the tags of the model that wrote them: the run says so, until --reprocess."""
    from pipeline.config import Settings

    out = tmp_path / "out"
    assert run(raw_copy, out)["run"]["notices"] == []
    topics = tmp_path / "topics.yaml"
    topics.write_text(Path(Settings().tag.topics_file).read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"tag:\n  topics_file: {topics}\n", encoding="utf-8")
    second = run(raw_copy, out, config=str(cfg))["run"]
    assert second["totals"]["written"] == 0 and "--reprocess" in second["notices"][0]
    assert run(raw_copy, out, config=str(cfg))["run"]["notices"] == second["notices"]  # still true a run later
    assert run(raw_copy, out, config=str(cfg), reprocess=True)["run"]["notices"] == []
    assert run(raw_copy, out, config=str(cfg))["run"]["notices"] == []


def test_an_empty_raw_folder_is_said_not_a_quiet_success(tmp_path: Path) -> None:
    """An unmounted share looks like an empty folder: the run succeeds and says so."""
    (tmp_path / "raw").mkdir()
    notices = run(tmp_path / "raw", tmp_path / "out")["run"]["notices"]
    assert any("holds no inputs" in n for n in notices)


def test_changed_fingerprint_settings_stop_the_run_with_advice(raw_copy: Path, tmp_path: Path) -> None:
    from pipeline.flows import FatalError

    out = tmp_path / "out"
    run(raw_copy, out)
    cfg = tmp_path / "c.yaml"
    cfg.write_text("dedup:\n  ngram: 4\n", encoding="utf-8")
    with pytest.raises(FatalError, match="dedup rebuild"):
        run(raw_copy, out, config=str(cfg))


def test_worker_process_killed_mid_run_is_replaced(raw_copy: Path, tmp_path: Path, monkeypatch) -> None:
    """A local worker process that dies costs its batches a resubmission on a new pool, not the run."""
    from pipeline import runner
    from tests.faults import install

    marker = tmp_path / "kill-one-worker"
    marker.write_text("kill")
    pool = runner._process_pool_class()  # the pool runs use, with a fault installed in its workers
    monkeypatch.setattr(runner, "task_runner", lambda settings, n: pool(
        max_workers=2, initializer=install, initargs=(str(marker),)))
    cfg = tmp_path / "c.yaml"
    cfg.write_text("run:\n  batch_size: 5\nreport:\n  enabled: false\n", encoding="utf-8")
    killed = manifest(run(raw_copy, tmp_path / "pool", config=str(cfg), workers=2))
    assert not marker.exists(), "no worker died: the fault was never injected"
    monkeypatch.undo()
    whole = manifest(run(raw_copy, tmp_path / "one", config=str(cfg), workers=1))
    assert killed["totals"] == whole["totals"]
    assert comparable_output(tmp_path / "pool") == comparable_output(tmp_path / "one")


def test_progress_lines_and_honest_timings(raw_copy: Path, tmp_path: Path, caplog) -> None:
    """Progress says done/total, docs/s and ETA; run.json separates wall time per phase from CPU per stage."""
    import logging

    cfg = tmp_path / "c.yaml"
    cfg.write_text("run:\n  batch_size: 4\n  progress_seconds: 0.01\nreport:\n  enabled: false\n", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="pipeline.progress"):
        result = run(raw_copy, tmp_path / "out", config=str(cfg), workers=1)
    lines = [r.getMessage() for r in caplog.records if r.name == "pipeline.progress"]
    assert any(line.startswith("prepare: 25/25 files (100%), 28 documents") for line in lines), lines
    assert any(line.startswith("finish: 7/7 batches (100%)") for line in lines), lines
    assert all("docs/s" in line and "ETA" in line for line in lines if line.startswith(("prepare:", "finish:")))
    info = result["run"]
    assert info["timings_kind"] == "cpu_seconds_summed_over_workers"
    assert {"ingest", "extract", "normalize", "dedup", "redact", "tag", "write"} <= set(info["timings"])
    assert {"prepare", "resolve", "finish", "commit", "flow"} <= set(info["wall"])
    phases = sum(v for k, v in info["wall"].items() if k != "flow")
    assert phases <= info["wall"]["flow"] + 0.01  # wall times of the phases add up; CPU may exceed wall


def test_a_manifest_lost_after_the_run_is_flagged_and_written_again(raw_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run(raw_copy, out)
    path = Path(first["manifest"])
    original = path.read_bytes()
    path.write_bytes(original[: len(original) // 2])  # cut short
    problems, _ = validate_dir(out)
    assert any("committed run without its manifest" in p for p in problems)
    run(raw_copy, out)
    assert path.read_bytes() == original
    path.unlink()  # gone
    run(raw_copy, out)
    assert path.read_bytes() == original


def test_a_lost_index_rebuilt_from_the_articles_finds_the_inputs_unchanged(raw_copy: Path, tmp_path: Path) -> None:
    """After the index is lost, `dedup rebuild` restores what the articles say of their inputs."""
    import subprocess
    import sys

    out = tmp_path / "out"
    first = manifest(run(raw_copy, out))
    before = article_bytes(out)
    (out / "index.sqlite").write_bytes(b"")
    rebuild = subprocess.run([sys.executable, "-m", "pipeline", "dedup", "rebuild", "--out", str(out)],
                             capture_output=True, text=True, check=False)  # the CLI, as the operator runs it
    assert rebuild.returncode == 0, rebuild.stderr
    assert f"the inputs of {first['totals']['written']} articles restored" in rebuild.stdout
    again = manifest(run(raw_copy, out))
    assert again["totals"]["written"] == 0
    assert again["totals"]["unchanged"] == first["totals"]["written"]
    assert again["articles_changed"]["reasons"].keys() <= {"new_duplicate_source"}  # copies are matched afresh
    assert article_bytes(out) == before


def test_a_lost_index_without_a_rebuild_rewrites_as_reprocessed_not_changed(raw_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = manifest(run(raw_copy, out))
    for name in ("index.sqlite", "index.sqlite-wal", "index.sqlite-shm"):
        (out / name).unlink(missing_ok=True)
    again = manifest(run(raw_copy, out))
    assert again["articles_changed"]["rewritten"] == first["totals"]["written"]
    assert set(again["articles_changed"]["reasons"]) == {"reprocessed"}  # the bytes are the ones written from


def test_a_report_cut_short_is_written_again_by_the_next_run(raw_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run(raw_copy, out)
    report = out / "reports" / first["run_id"] / "index.html"
    whole = report.read_bytes()
    report.write_bytes(whole[:10])
    assert any("report cut short" in p for p in validate_dir(out)[0])
    run(raw_copy, out)
    assert report.read_bytes().endswith(b"</html>") and len(report.read_bytes()) > len(whole) // 2


def test_personal_data_in_the_run_folders_names_stays_out_of_the_output(raw_copy: Path, tmp_path: Path) -> None:
    import shutil

    raw = tmp_path / "raw_13912340010"
    shutil.copytree(raw_copy, raw)
    out = tmp_path / "out_zhang.san@example.com"
    run(raw, out)
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"13912340010" not in data and b"zhang.san@example.com" not in data, path


def test_a_rewrite_left_by_a_run_killed_before_its_commit_is_redone_and_fed(raw_copy: Path, tmp_path: Path,
                                                                           monkeypatch) -> None:
    """The killed run rewrote a committed article; the input changes back; the article must follow it."""
    from pipeline.export import export

    out = tmp_path / "out"
    first = run(raw_copy, out)
    m1 = manifest(first)
    name = "sites/fazhidao_lvshihan_utf8bom.txt"
    aid = m1["entries"][name]["article_id"]
    committed_bytes = (out / "articles" / f"{aid}.json").read_bytes()
    source = raw_copy / name
    original = source.read_bytes()
    text = original.decode("utf-8-sig")
    title = json.loads(committed_bytes)["title"]
    source.write_text(text.replace(title, "【最新】" + title), encoding="utf-8")  # the title changes, not the id

    def crash(*a, **k):
        raise KeyboardInterrupt("killed")

    with monkeypatch.context() as mp:
        mp.setattr(store, "commit_run", crash)
        with pytest.raises(BaseException):  # noqa: B017 - whatever Prefect wraps it in
            run(raw_copy, out)
    assert "【最新】" in json.loads((out / "articles" / f"{aid}.json").read_text(encoding="utf-8"))["title"]
    assert any("rewritten by a run that never committed" in p for p in validate_dir(out)[0])

    source.write_bytes(original)  # the crawler puts the page back
    again = run(raw_copy, out)
    assert json.loads((out / "articles" / f"{aid}.json").read_bytes())["title"] == json.loads(committed_bytes)["title"]
    assert manifest(again)["entries"][name]["status"] == "written"
    assert validate_dir(out)[0] == []
    import io

    buf = io.StringIO()
    export(out / "index.sqlite", out / "articles", since=first["run_id"], stream=buf)
    assert aid in {json.loads(line)["id"] for line in buf.getvalue().splitlines()}  # fed: consumers follow


def manifest_entries(out: Path) -> dict:
    return json.loads(sorted((out / "runs").glob("*/manifest.json"))[-1].read_text(encoding="utf-8"))["entries"]


def test_a_crawl_file_read_in_parts_gives_what_it_gives_read_whole(raw_copy: Path, tmp_path: Path) -> None:
    """A large JSON-lines crawl file is cut into parts, batches of their own: same articles, same manifest,
    and the next run finds every record unchanged."""
    cfg = tmp_path / "parts.yaml"
    cfg.write_text("ingest:\n  crawl_part_bytes: 1500\nrun:\n  batch_size: 2\n  workers: 2\nreport:\n  enabled: false\n",
                   encoding="utf-8")
    from pipeline import crawl_parts
    from pipeline.config import load_settings

    assert len(crawl_parts.split(raw_copy / "crawl" / "2024-12-08.jsonl", load_settings(str(cfg))) or []) > 2
    import gzip

    (raw_copy / "gz").mkdir()  # the same records gzipped: inflated into staging and cut there
    (raw_copy / "gz" / "day.jsonl.gz").write_bytes(gzip.compress((raw_copy / "crawl" / "2024-12-08.jsonl").read_bytes()))
    run(raw_copy, tmp_path / "whole")
    run(raw_copy, tmp_path / "parts", config=str(cfg))
    assert comparable_output(tmp_path / "parts") == comparable_output(tmp_path / "whole")
    assert any(k.startswith("gz/day.jsonl.gz#") for k in manifest_entries(tmp_path / "parts"))
    again = manifest(run(raw_copy, tmp_path / "parts", config=str(cfg)))
    assert {e["status"] for e in again["entries"].values()} == {"unchanged"}
    assert not (tmp_path / "parts" / ".staging").exists()  # the inflated copy went with the run's staging


def test_an_internal_errors_reason_names_where_in_the_pipeline_it_was_raised() -> None:
    from collections import Counter

    from pipeline import batch
    from pipeline.extract import sections
    from pipeline.record import Document

    def stage(doc: Document, settings: Settings) -> None:
        sections.build_sections(None)  # type: ignore[arg-type]  # a bug inside the pipeline's own code

    doc = Document(path="a.txt", media_type="text", raw="x", size=1)
    batch.run_stage("extract", stage, [doc], Settings(), Counter())
    assert doc.status == "quarantined"
    assert doc.reason.startswith("internal error in extract: TypeError")
    assert "(at pipeline/extract/sections.py:" in doc.reason and "in build_sections)" in doc.reason


def test_a_run_says_what_it_recovered_from_an_interrupted_one(raw_copy: Path, tmp_path: Path) -> None:
    """The cleanup after a Ctrl-C or a kill is the next run's notice (summary and run.json), not only a log line."""
    out = tmp_path / "out"
    assert run(raw_copy, out)["run"]["notices"] == []
    (out / ".staging" / "20261208T000000Z-dead").mkdir(parents=True)  # what a killed run leaves
    (out / ".staging" / "20261208T000000Z-dead" / "prepared-00000.pkl").write_bytes(b"x")
    notices = run(raw_copy, out)["run"]["notices"]
    assert notices == ["recovered from an interrupted run: removed staging files of interrupted runs: 20261208T000000Z-dead"]
    assert run(raw_copy, out)["run"]["notices"] == []  # said once
