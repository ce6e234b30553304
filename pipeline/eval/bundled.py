"""The sample inputs the repository ships in ``raw/``: git's list, not whatever an operator added.

``raw/`` is also where an operator puts a crawl. The tests and the dedup benchmark build on the
bundled samples only: copying a crawl of thousands of files into every test made ``make test``
run for tens of minutes, and the benchmark's corpus would change with the crawl. Outside a git
checkout (an unpacked archive) every file of ``raw/`` is taken, as the archive holds the samples.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def bundled_raw(repo: Path) -> list[Path]:
    """The shipped files of ``repo/raw``, relative to it, sorted."""
    raw = repo / "raw"
    if (repo / ".git").exists() and shutil.which("git"):
        try:
            out = subprocess.run(["git", "-C", str(repo), "ls-files", "-z", "--", "raw"], capture_output=True,
                                 check=True, timeout=60).stdout
        except (OSError, subprocess.SubprocessError):
            out = None
        if out:
            names = [Path(n.decode("utf-8", "surrogateescape")) for n in out.split(b"\0") if n]
            return sorted(n.relative_to("raw") for n in names if (repo / n).is_file())
    return sorted(p.relative_to(raw) for p in raw.rglob("*") if p.is_file() or p.is_symlink())


def copy_bundled_raw(repo: Path, dst: Path) -> Path:
    """A private copy of the shipped ``raw/`` samples at ``dst`` (tests add and change files in it)."""
    for rel in bundled_raw(repo):
        target = dst / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(repo / "raw" / rel, target, follow_symlinks=False)
    dst.mkdir(parents=True, exist_ok=True)
    return dst
