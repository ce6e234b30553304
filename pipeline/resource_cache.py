"""Derived tables built once per machine, not once per process.

Some tables take a second or so to derive (the character model walks jieba's
350,000-word dictionary; the pinyin indexes walk pypinyin's 40,000 readings)
while loading the result takes milliseconds. Every worker process of a run
would otherwise pay the building again before its first document. A table is
stored as a pickle under the cache directory, keyed by a digest of everything
it is derived from (the code that builds it, the package versions, the input
files), so a change to any of them rebuilds it. When the directory cannot be
written the table is simply built in memory.

Directory: ``$PIPELINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/zh-article-pipeline``,
else ``~/.cache/zh-article-pipeline``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    if os.environ.get("PIPELINE_CACHE_DIR"):
        return Path(os.environ["PIPELINE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "zh-article-pipeline"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "-"


def digest(*, code: list[Callable[..., Any]], packages: list[str], files: list[Path] = ()) -> str:
    """A key over the source of the building functions, package versions and input files."""
    import inspect

    h = hashlib.sha256()
    for fn in code:
        h.update(inspect.getsource(fn).encode("utf-8"))
    for dist in packages:
        h.update(f"{dist}={_version(dist)};".encode())
    for f in files:
        h.update(Path(f).read_bytes())
    return h.hexdigest()[:20]


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """``build()``'s result, from ``<cache dir>/<name>-<key>.pkl`` when present, else built and stored."""
    path = cache_dir() / f"{name}-{key}.pkl"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)  # noqa: S301 - written by this module, under the user's own cache dir
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home: build per process, as before
    return value
