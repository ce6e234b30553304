"""Shared fixtures: real inputs (seeds, raw/) and default settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import Settings

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    """The two real seed scrapes, keyed by their 3-digit prefix ("000", "003")."""
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted((DATA / "seeds").glob("*.txt"))}


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect server for the session's flow tests."""
    import os

    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture
def raw_copy(repo: Path, tmp_path: Path) -> Path:
    """A private copy of the bundled raw/ (tests add and change files in it)."""
    import shutil

    dst = tmp_path / "raw"
    shutil.copytree(repo / "raw", dst)
    return dst
