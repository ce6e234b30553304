"""Fault injection: kills, full disks, concurrent runs, broken state files and hostile inputs.

Every scenario runs the real CLI as a separate process on the bundled ``raw/``
plus the hostile corpus of :mod:`tests.hostile`, then (where the scenario broke
the run) runs it again, and checks what the README promises:

* every input accounted for exactly once in the rerun's manifest;
* ``pipeline validate`` clean: valid articles and manifests, and no debris
  (staging, temporary files, articles no committed run wrote);
* none of the planted personal data anywhere under the output directory,
  SQLite files included;
* no process of the run left behind (its Prefect server, its workers).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from pipeline.config import Settings
from pipeline.ingest import discover, public_paths
from pipeline.validate import validate_dir
from tests import hostile
from tests.flowkit import manifest as read_manifest

pytestmark = pytest.mark.faults

REPO = Path(__file__).resolve().parents[1]
PIPELINE = [sys.executable, "-m", "pipeline"]
DRIVER = [sys.executable, str(REPO / "tests" / "fault_driver.py")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pipeline.eval.bundled import copy_bundled_raw

    raw = copy_bundled_raw(REPO, tmp_path_factory.mktemp("faults") / "raw")
    hostile.build(raw / "hostile")
    return raw


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("prefect-home")
    _HOME.append(str(home))
    e = dict(os.environ, PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    for k in ("PREFECT_API_URL", "PREFECT_PROFILES_PATH"):
        e.pop(k, None)
    return e


@pytest.fixture
def config(tmp_path: Path) -> str:
    """Small batches, so that a kill lands with some batches done and others not."""
    cfg = tmp_path / "faults.yaml"
    cfg.write_text("run:\n  batch_size: 12\n  workers: 1\n", encoding="utf-8")
    return str(cfg)


def cli(args: list[str], env: dict[str, str], *, kill_at: tuple[str, int] | None = None,
        timeout: float = 300) -> subprocess.CompletedProcess:
    cmd = [*DRIVER, kill_at[0], str(kill_at[1])] if kill_at else PIPELINE
    return subprocess.run([*cmd, *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=timeout)


_HOME: list[str] = []  # the PREFECT_HOME of this module's runs (set by the env fixture)


def _servers() -> set[int]:
    """Prefect servers started by this module's runs (other test sessions on the machine have their own)."""
    found = set()
    for p in psutil.process_iter(["cmdline"]):
        try:
            if "prefect.server.api.server:create_app" in " ".join(p.info["cmdline"] or []) and (
                not _HOME or p.environ().get("PREFECT_HOME") in _HOME
            ):
                found.add(p.pid)
        except psutil.Error:
            continue
    return found


def _leftovers(out: Path, before: set[int]) -> list[str]:
    """Processes of our runs still alive: Prefect servers started since, anything naming the output dir."""
    deadline = time.monotonic() + 15  # a server told to stop by its dead parent gets a few seconds
    while True:
        left = [f"prefect server {pid}" for pid in _servers() - before]
        for p in psutil.process_iter(["cmdline"]):
            try:
                if str(out) in " ".join(p.info["cmdline"] or []):
                    left.append(" ".join(p.info["cmdline"]))
            except psutil.Error:
                continue
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.5)


def _planted_anywhere(out: Path) -> list[str]:
    hits = []
    needles = [v.encode() for v in hostile.PLANTED]
    for path in out.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            hits += [f"{path.relative_to(out)}: {n.decode()}" for n in needles if n in data]
    return hits


def check_clean(raw: Path, out: Path, result: subprocess.CompletedProcess, servers_before: set[int]) -> None:
    """What must hold after any scenario and a successful rerun."""
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    newest = sorted((out / "runs").glob("*/manifest.json"))[-1]
    m = read_manifest({"manifest": str(newest)})
    expected = set(public_paths(discover(raw, Settings())))
    bases = [k.split("#")[0] if "#" in k and k.split("#")[0] in expected else k for k in m["entries"]]
    assert set(bases) == expected  # every input has an entry, nothing else does
    assert not [k for k in expected if k in m["entries"] and f"{k}#1" in m["entries"]]  # once, not twice
    problems, _ = validate_dir(out)
    assert problems == []
    assert _planted_anywhere(out) == []
    assert _leftovers(out, servers_before) == []


# ----------------------------------------------------------------------------- hostile inputs
def test_hostile_inputs_cost_only_themselves(corpus: Path, env, config, tmp_path: Path) -> None:
    before = _servers()
    out = tmp_path / "out"
    first = cli(["run", "--raw", str(corpus), "--out", str(out), "--config", config], env)
    check_clean(corpus, out, first, before)
    m = read_manifest({"manifest": str(sorted((out / "runs").glob("*/manifest.json"))[-1])})
    fate = {k: e for k, e in m["entries"].items() if k.startswith("hostile/")}
    reasons = {k: (e["reason"] or "") for k, e in fate.items() if e["status"] == "quarantined"}
    assert reasons["hostile/json/huge_int.json"].startswith("invalid JSON")
    assert reasons["hostile/json/deep.json"] == "invalid JSON: nested too deeply"
    assert reasons["hostile/json/empty_list.json"].startswith("empty crawl file")
    assert reasons["hostile/bad/digits.txt"].startswith("oversized body")
    assert reasons["hostile/links/outside.txt"].startswith("symlink to a file outside")
    assert reasons["hostile/links/loop.txt"].startswith("symlink loop")
    assert reasons["hostile/links/dangling.txt"].startswith("broken symlink")
    assert reasons["hostile/links/fifo.txt"].startswith("not a regular file")
    assert not any(r.startswith("internal error") for r in reasons.values()), reasons
    assert reasons["hostile/warc/garbage.warc.gz"].startswith("not a WARC file")
    cut = sorted((k for k in fate if k.startswith("hostile/warc/cut.warc.gz#")), key=lambda k: int(k.split("#")[1]))
    assert len(cut) == 2 and fate[cut[0]]["status"] != "quarantined"  # the page before the cut is kept
    assert reasons[cut[1]].startswith(("truncated", "invalid WARC"))
    for k in ("hostile/charset/rot13.html", "hostile/charset/undefined.html", "hostile/charset/utf16_no_bom.txt",
              "hostile/charset/utf8_damaged.txt", "hostile/bad/deep_nesting.html", "hostile/bad/bad\\xff\\xfename.txt",
              "hostile/pii/body.html", "hostile/pii/comment_author.html", "hostile/links/inside.txt"):
        assert fate[k]["status"] in ("written", "duplicate"), (k, fate[k])
    assert "hostile/pii/张三_[电话].txt" in fate and "hostile/pii/[身份证号].txt" in fate
    assert not any(k.startswith("hostile/.hidden") for k in m["entries"])
    second = cli(["run", "--raw", str(corpus), "--out", str(out), "--config", config], env)
    check_clean(corpus, out, second, before)
    again = read_manifest({"manifest": str(sorted((out / "runs").glob("*/manifest.json"))[-1])})
    assert again["totals"]["unchanged"] == again["totals"]["inputs"]  # re-running changes nothing


# ----------------------------------------------------------------------------- kill -9
@pytest.mark.parametrize(
    "kill_at",
    [
        ("pipeline.batch:extract_document", 40),  # in the middle of the first half
        ("pipeline.batch:write_article", 15),  # articles written, nothing committed
        ("pipeline.commit:write_manifest", 1),  # committed, manifest not written
        ("pipeline.report:render_report", 1),  # committed, report not built
    ],
    ids=["extract", "write", "after-commit", "report"],
)
def test_kill_9_then_rerun(kill_at, corpus: Path, env, config, tmp_path: Path) -> None:
    before = _servers()
    out = tmp_path / "out"
    killed = cli(["run", "--raw", str(corpus), "--out", str(out), "--config", config], env, kill_at=kill_at)
    assert killed.returncode == -9, killed.stderr[-2000:]
    if kill_at[0].endswith("write_article"):
        assert list((out / "articles").glob("*.json")), "the kill came before any article was written"
    rerun = cli(["run", "--raw", str(corpus), "--out", str(out), "--config", config], env)
    check_clean(corpus, out, rerun, before)
    if kill_at[0].endswith(("write_manifest", "render_report")):  # the committed run is complete too
        for run_dir in (out / "runs").iterdir():
            assert (run_dir / "manifest.json").is_file()
            assert (out / "reports" / run_dir.name / "index.html").is_file(), run_dir.name
    latest = out / "reports" / "latest" / "index.html"
    assert latest.is_file() and latest.read_text(encoding="utf-8").rstrip().endswith("</html>")


# ----------------------------------------------------------------------------- concurrency
def test_two_concurrent_runs(corpus: Path, env, config, tmp_path: Path) -> None:
    before = _servers()
    out = tmp_path / "out"
    args = [*PIPELINE, "run", "--raw", str(corpus), "--out", str(out), "--config", config]
    procs = [subprocess.Popen(args, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [p.communicate(timeout=300) for p in procs]
    codes = sorted(p.returncode for p in procs)
    refused = [err for p, (_, err) in zip(procs, results, strict=True) if p.returncode == 2]
    assert codes == [0, 2], results
    assert len(refused[0].strip().splitlines()) == 1 and "another run is writing" in refused[0]
    rerun = cli(["run", "--raw", str(corpus), "--out", str(out), "--config", config], env)
    check_clean(corpus, out, rerun, before)


# ----------------------------------------------------------------------------- broken state files
def test_broken_review_store_or_index_stops_before_any_work(corpus: Path, env, config, tmp_path: Path) -> None:
    before = _servers()
    out = tmp_path / "out"
    assert cli(["run", "--raw", str(corpus), "--out", str(out), "--config", config], env).returncode == 0
    runs_before = sorted(p.name for p in (out / "runs").iterdir())
    store = out / "reviews" / "verdicts.json"
    store.parent.mkdir(exist_ok=True)
    for broken, what in ((store, "{not json"), (out / "index.sqlite", "this is not a database")):
        saved = broken.read_bytes() if broken.exists() else None
        broken.write_text(what, encoding="utf-8")
        for extra in ("-wal", "-shm"):
            Path(f"{broken}{extra}").unlink(missing_ok=True)
        r = cli(["run", "--raw", str(corpus), "--out", str(out), "--config", config], env)
        assert r.returncode == 2, r.stderr
        assert r.stderr.strip().startswith("error:") and "Traceback" not in r.stderr
        assert sorted(p.name for p in (out / "runs").iterdir()) == runs_before  # nothing ran
        if saved is None:
            broken.unlink()
        else:
            broken.write_bytes(saved)
    rerun = cli(["run", "--raw", str(corpus), "--out", str(out), "--config", config], env)
    check_clean(corpus, out, rerun, before)


# ----------------------------------------------------------------------------- full disk
@pytest.fixture
def small_disk(tmp_path: Path):
    """An output directory on a tmpfs whose size the test sets (root only; skipped elsewhere)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    ok = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if ok.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({ok.stderr.decode().strip() or 'not root'}): full-disk test skipped")

    def resize(size: str) -> None:
        subprocess.run(["mount", "-o", f"remount,size={size}", str(mount)], check=True)

    try:
        yield mount, resize
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


@pytest.mark.parametrize("size", ["64k", "600k", "2m"])
def test_full_disk_then_rerun_with_space(size: str, small_disk, corpus: Path, env, config) -> None:
    before = _servers()
    mount, resize = small_disk
    resize(size)
    out = mount / "out"
    r = cli(["run", "--raw", str(corpus), "--out", str(out), "--config", config], env)
    if r.returncode != 0:
        lines = r.stderr.strip().splitlines()
        assert lines and lines[-1].startswith("error:") and "Traceback" not in r.stderr, r.stderr[-2000:]
        assert "disk is full" in lines[-1] or "not writable" in lines[-1] or "full or failing" in lines[-1], lines[-1]
    resize("64m")
    rerun = cli(["run", "--raw", str(corpus), "--out", str(out), "--config", config], env)
    check_clean(corpus, out, rerun, before)
