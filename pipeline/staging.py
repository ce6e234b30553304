"""A run's staging files: ``OUT/.staging/<run_id>/``, what batches hand each other between tasks.

Tasks pass paths, never documents: Prefect (and Dask) would otherwise hash,
serialise and hold every batch in the flow's process. Per batch ``N``:

* ``prepared-N.pkl`` - the batch's documents after ingest -> extract -> normalize -> fingerprint;
* ``cands-N.pkl`` / ``shingles-N.bin`` - its dedup candidates (~1 KB each) and their shingle sets;
* ``resolution-N.pkl`` - the run-wide dedup decisions that concern the batch;
* ``finished-N.pkl`` - manifest entries, written candidates, blocks and counters, for the commit.

The folder is removed when the run is committed. Staging files hold text before
redaction, so a folder left by a killed run is removed by the next run (under
the run lock no other run can own it).
"""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path
from typing import Any

KINDS = ("prepared", "cands", "shingles", "bytes", "resolution", "finished")


def file(stage_dir: str | Path, kind: str, batch_no: int) -> Path:
    assert kind in KINDS, kind
    suffix = ".bin" if kind == "shingles" else ".pkl"
    return Path(stage_dir) / f"{kind}-{batch_no:05d}{suffix}"


def dump(obj: Any, path: Path) -> str:
    """Pickle ``obj`` to ``path`` atomically (a retried task never reads half a file)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as fh:
        pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    return str(path)


def load(path: str | Path) -> Any:
    with open(path, "rb") as fh:
        return pickle.load(fh)  # noqa: S301 - our own staging files, written by this run


def remove_stale(staging_root: Path) -> list[str]:
    """Remove every staging folder (called under the run lock: none belongs to a live run)."""
    removed = []
    if staging_root.is_dir():
        for d in staging_root.iterdir():
            shutil.rmtree(d, ignore_errors=True) if d.is_dir() else d.unlink(missing_ok=True)
            removed.append(d.name)
    return removed
