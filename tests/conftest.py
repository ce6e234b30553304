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
        # Prefect configures logging at its first flow run and replaces the root logger's handlers,
        # pytest's caplog handler among them: configured now, before any test, the first flow test
        # of a session (run alone, say) captures its records as every later one does
        from prefect.logging.configuration import ensure_logging_setup

        ensure_logging_setup()
        yield


@pytest.fixture
def raw_copy(repo: Path, tmp_path: Path) -> Path:
    """A private copy of the bundled raw/ (tests add and change files in it): the shipped samples, not
    a crawl an operator put there."""
    from pipeline.eval.bundled import copy_bundled_raw

    return copy_bundled_raw(repo, tmp_path / "raw")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Once every result is reported, the session must end, even if an exit handler waits for ever.

    Twice in many sessions a multiprocessing queue left by a Prefect process pool made
    Python's exit wait on its feeder thread after the summary was printed (the project's
    pool is guarded against it; see ``runner._process_pool_class``). A watchdog ends the
    process with the session's own status two minutes after the session finished, so CI
    never waits out its timeout on a suite that has already passed or failed.
    """
    import contextlib
    import os
    import sys
    import threading
    import time

    def end() -> None:
        time.sleep(120)
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):  # exiting anyway
                stream.flush()
        os._exit(int(exitstatus))

    threading.Thread(target=end, name="session-exit-watchdog", daemon=True).start()
