"""The shipped samples of raw/ that tests and the dedup benchmark build on."""

from __future__ import annotations

from pathlib import Path


def test_bundled_raw_is_what_git_ships_not_what_an_operator_added(tmp_path: Path) -> None:
    """Tests and the dedup benchmark copy the shipped samples: a crawl dropped into raw/ stays out."""
    import subprocess

    from pipeline.eval.bundled import bundled_raw, copy_bundled_raw

    (tmp_path / "raw" / "sites").mkdir(parents=True)
    (tmp_path / "raw" / "a.txt").write_text("样本", encoding="utf-8")
    (tmp_path / "raw" / "sites" / "b.html").write_text("<p>样本</p>", encoding="utf-8")
    assert bundled_raw(tmp_path) == [Path("a.txt"), Path("sites/b.html")]  # not a checkout: every file
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "add", "raw"], check=True)
    (tmp_path / "raw" / "crawl-0001.txt").write_text("运营者放进来的", encoding="utf-8")
    assert bundled_raw(tmp_path) == [Path("a.txt"), Path("sites/b.html")]
    copy = copy_bundled_raw(tmp_path, tmp_path / "copy")
    assert sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*") if p.is_file()) == ["a.txt", "sites/b.html"]
