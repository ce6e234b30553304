"""The command line: help on every command, fatal problems as one line with exit status 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import build_parser, main


@pytest.mark.parametrize(
    "argv",
    [[], ["run"], ["serve"], ["validate"], ["report"], ["review", "import"], ["dedup", "rebuild"], ["eval"]],
)
def test_every_command_has_help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args([*argv, "--help"])
    assert exc.value.code == 0
    assert "usage: pipeline" in capsys.readouterr().out


def test_bad_config_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = tmp_path / "bad.yaml"
    cfg.write_text("ingest:\n  max_bytez: 3\n", encoding="utf-8")
    assert main(["run", "--raw", str(tmp_path), "--out", str(tmp_path / "o"), "--config", str(cfg)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: config file") and "max_bytez" in err
    assert "\n" not in err and "Traceback" not in err


def test_missing_config_and_raw_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--raw", str(tmp_path), "--config", str(tmp_path / "nope.yaml")]) == 2
    assert "config file not found" in capsys.readouterr().err
    assert main(["run", "--raw", str(tmp_path / "missing")]) == 2
    assert "raw directory not found" in capsys.readouterr().err


def test_output_folder_that_is_the_raw_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("支付宝逾期了要上门如何应对？首先要保持冷静，要求对方出示工作证和委托书。", encoding="utf-8")
    assert main(["run", "--raw", str(tmp_path), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "the output directory is the raw directory" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # nothing written there first


def test_a_raw_folder_inside_the_output_or_that_is_an_output_is_refused(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A run would read the index, manifests and reports that runs write there as inputs."""
    out = tmp_path / "out"
    (out / "runs").mkdir(parents=True)
    (out / "runs" / "x.json").write_text("{}", encoding="utf-8")
    assert main(["run", "--raw", str(out / "runs"), "--out", str(out)]) == 2
    assert "is inside the output directory" in capsys.readouterr().err
    (out / "articles").mkdir()
    (out / "index.sqlite").write_bytes(b"")
    assert main(["run", "--raw", str(out), "--out", str(tmp_path / "other")]) == 2
    assert "is an output directory of this pipeline" in capsys.readouterr().err


def test_discovery_skips_any_output_folder_inside_raw(tmp_path: Path) -> None:
    """Left by an earlier run with another --out: its articles, manifests and reports are no inputs."""
    from pipeline.config import Settings
    from pipeline.ingest import discover

    (tmp_path / "a.txt").write_text("正文", encoding="utf-8")
    old = tmp_path / "processed"
    (old / "articles").mkdir(parents=True)
    (old / "articles" / "0123456789abcdef.json").write_text("{}", encoding="utf-8")
    (old / "reports" / "r").mkdir(parents=True)
    (old / "reports" / "r" / "index.html").write_text("<html></html>", encoding="utf-8")
    (old / "index.sqlite").write_bytes(b"")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "articles").mkdir()  # a folder named articles alone is an input folder like any
    (tmp_path / "notes" / "articles" / "b.txt").write_text("正文", encoding="utf-8")
    assert discover(tmp_path, Settings()) == ["a.txt", "notes/articles/b.txt"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["run", "--workers", "-1"], "run.workers: Input should be greater than or equal to 0"),
        (["validate", "/nonexistent/folder"], "is not a directory"),
        (["run", "--dask-address", "notaurl"], "is not a scheduler address"),
        (["run", "--engine", "local", "--dask-address", "tcp://h:8786"], "drop --engine local"),
    ],
)
def test_bad_options_are_one_line(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and "Traceback" not in err


def test_unwritable_output_is_fatal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["run", "--raw", str(tmp_path), "--out", str(blocker / "out")]) == 2
    err = capsys.readouterr().err
    assert "not writable" in err and "Traceback" not in err


def test_python_dash_m_entry_point() -> None:
    proc = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and "validate" in proc.stdout


def test_validate_reports_a_broken_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "0123456789abcdef.json").write_text('{"id": "0123456789abcdef"}', encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "required property" in out and "23 problems" in out


def test_broken_taxonomy_is_a_config_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    topics = tmp_path / "topics.yaml"
    topics.write_text("topics: [ {label: x", encoding="utf-8")
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"tag:\n  topics_file: {topics}\n", encoding="utf-8")
    assert main(["run", "--raw", str(tmp_path), "--out", str(tmp_path / "o"), "--config", str(cfg)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "topics.yaml" in err and "Traceback" not in err


def test_broken_yaml_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = tmp_path / "bad.yaml"
    cfg.write_text("ingest:\n  max_bytes: [1, 2\n", encoding="utf-8")
    assert main(["run", "--raw", str(tmp_path), "--config", str(cfg)]) == 2
    err = capsys.readouterr().err.strip()
    assert "not valid YAML" in err and "line" in err and "\n" not in err


def test_locked_output_is_refused_before_prefect_starts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import fcntl

    out = tmp_path / "out"
    out.mkdir()
    with (out / ".lock").open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        assert main(["run", "--raw", str(tmp_path), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "another run is writing" in err and "Traceback" not in err and "starting Prefect" not in err


def test_report_for_an_unknown_run_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "runs").mkdir()
    assert main(["report", "--out", str(tmp_path), "--run", "nope"]) == 2
    assert capsys.readouterr().err.startswith("error:")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("pipeline ")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--distinct", "-5"], "argument --distinct: must be at least 1"),
        (["--copies", "x"], "'x' is not a whole number"),
        (["--bands", "7"], "bands (7) must divide num_perm (128)"),
        (["--num-perm", "0"], "--num-perm: Input should be greater than or equal to"),
    ],
)
def test_eval_dedup_refuses_bad_numbers_as_a_usage_error(argv: list[str], message: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline.eval.dedup import main as eval_dedup

    with pytest.raises(SystemExit) as exc:
        eval_dedup(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_review_import_into_a_folder_without_articles_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    verdicts = tmp_path / "v.json"
    verdicts.write_text('{"reviewer": "a", "verdicts": [{"article_id": "0123456789abcdef", "label": "privacy",'
                        ' "verdict": "correct"}]}', encoding="utf-8")
    wrong = tmp_path / "not-an-output"
    wrong.mkdir()
    assert main(["review", "import", "--out", str(wrong), str(verdicts)]) == 2
    err = capsys.readouterr().err
    assert f"no articles under {wrong}" in err and "is not a verdict export" not in err
    assert list(wrong.iterdir()) == []  # no reviews/ folder made in the wrong place


def test_a_run_may_wait_for_the_lock_another_run_holds(tmp_path: Path, monkeypatch) -> None:
    """The deployments wait for a manual run (``lock_wait``); without a wait the lock is refused at once."""
    import fcntl
    import threading

    from pipeline import housekeeping
    from pipeline.runner import FatalError

    monkeypatch.setattr(housekeeping, "LOCK_POLL_SECONDS", 0.05)
    out = tmp_path / "out"
    out.mkdir()
    fh = (out / ".lock").open("w")
    fcntl.flock(fh, fcntl.LOCK_EX)  # another run
    waited = []
    with pytest.raises(FatalError, match="after waiting"), housekeeping.run_lock(out, wait=0.2,
                                                                                 on_wait=lambda: waited.append(1)):
        pass
    assert waited == [1]
    threading.Timer(0.3, lambda: fcntl.flock(fh, fcntl.LOCK_UN)).start()
    with housekeeping.run_lock(out, wait=10):
        pass  # taken once the other run let go
    fh.close()


def test_the_deployments_parameters_are_the_flows() -> None:
    """A parameter prefect.yaml gives that the flow does not take would fail every scheduled run."""
    import inspect

    import yaml

    from pipeline.flows import clean_articles

    accepted = set(inspect.signature(clean_articles.fn).parameters)
    spec = yaml.safe_load((Path(__file__).resolve().parents[1] / "prefect.yaml").read_text(encoding="utf-8"))
    for dep in spec["deployments"]:
        assert set(dep["parameters"]) <= accepted, dep["name"]
        assert dep["parameters"].get("lock_wait", 0) > 0, dep["name"]  # a manual run must not cost the night


def test_prefects_home_is_the_projects_wherever_the_command_starts(tmp_path: Path, monkeypatch) -> None:
    """A cron job started in $HOME must not start (and migrate) a Prefect database of its own there."""
    import os

    from pipeline.cli import _prefect_env

    for var in ("PREFECT_HOME", "PREFECT_API_URL", "PIPELINE_PROJECT_DIR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)
    _prefect_env()
    assert os.environ["PREFECT_HOME"] == str(Path(__file__).resolve().parents[1] / ".prefect")
    monkeypatch.delenv("PREFECT_HOME")
    monkeypatch.setenv("PIPELINE_PROJECT_DIR", str(tmp_path / "proj"))
    _prefect_env()
    assert os.environ["PREFECT_HOME"] == str(tmp_path / "proj" / ".prefect")


def test_an_output_path_that_is_a_file_is_named_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "raw").mkdir()
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    assert main(["run", "--raw", str(tmp_path / "raw"), "--out", str(tmp_path / "afile")]) == 2
    assert "is a file: give --out a folder" in capsys.readouterr().err


def test_a_dask_scheduler_that_does_not_answer_is_refused_before_any_work(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "raw").mkdir()
    assert main(["run", "--raw", str(tmp_path / "raw"), "--out", str(tmp_path / "out"),
                 "--dask-address", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert "the Dask scheduler tcp://127.0.0.1:9 does not answer" in err and "\n" not in err.strip()
    assert not (tmp_path / "out" / "runs").exists()


def test_a_ctrl_c_while_prefect_shuts_down_after_the_commit_is_no_failure(tmp_path: Path, monkeypatch,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """The run committed and printed nothing yet: a Ctrl-C in Prefect's shutdown must not exit 130 (a cron wrapper
    would think the run was cut off)."""
    import contextlib

    from pipeline import flows, runner

    @contextlib.contextmanager
    def api_cut_at_exit():
        yield None
        raise KeyboardInterrupt

    done = {"run": {"run_id": "r1", "seconds": 0.1, "totals": {"inputs": 0, "written": 0, "duplicate": 0,
                                                               "unchanged": 0, "quarantined": 0}},
            "manifest": str(tmp_path / "o" / "runs" / "r1" / "manifest.json")}
    monkeypatch.setattr(runner, "prefect_api", api_cut_at_exit)
    monkeypatch.setattr(flows, "clean_articles", lambda **kw: done)
    (tmp_path / "raw").mkdir()
    assert main(["run", "--raw", str(tmp_path / "raw"), "--out", str(tmp_path / "o")]) == 0
    err = capsys.readouterr().err
    assert "after the run committed" in err
