"""Helpers for the dedup tests: documents from the real seeds, a settings object, a DB in tmp_path."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import opencc
import pytest

from pipeline import dedup
from pipeline.record import Document, Section


def make_doc(path: str, paragraphs: list[str], title: str = "标题", **kw) -> Document:
    return Document(path=path, title=title, sections=[Section(heading=None, paragraphs=list(paragraphs))], **kw)


def body_lines(raw: str) -> list[str]:
    """Non-empty lines of a seed after its first 8 (site chrome), converted to Simplified."""
    t2s = opencc.OpenCC("t2s")
    raw = re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)", "", raw)
    lines = [t2s.convert(ln.strip()) for ln in raw.splitlines() if ln.strip()]
    return [ln for ln in lines[8:] if len(ln) >= 8]


def prepared(docs: list[Document], settings) -> list[dedup.Candidate]:
    dedup.prepare_batch(docs, settings)
    return [dedup.candidate(d) for d in docs]


def open_db(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    dedup.ensure_schema(conn)
    return conn


def commit_index(conn: sqlite3.Connection, cands: list[dedup.Candidate], run_id: str) -> None:
    conn.execute("BEGIN IMMEDIATE")
    dedup.index_articles(conn, cands, run_id)
    conn.execute("COMMIT")


@pytest.fixture
def zh000(seeds) -> list[str]:
    return body_lines(seeds["000"])


@pytest.fixture
def zh003(seeds) -> list[str]:
    return body_lines(seeds["003"])


@pytest.fixture(scope="session")
def corpus():
    """A small synthetic corpus from the benchmark generator (fixed seed)."""
    from pipeline.eval.dedup_corpus import build_corpus

    return build_corpus(distinct=60, copies=0, seed=3)


@pytest.fixture(scope="session")
def dd():
    """The helpers above (test modules cannot import conftest under --import-mode=importlib)."""
    from types import SimpleNamespace

    return SimpleNamespace(
        make_doc=make_doc, body_lines=body_lines, prepared=prepared, open_db=open_db, commit_index=commit_index
    )
