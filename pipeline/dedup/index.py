"""The persistent cross-run dedup index: tables in the run-state SQLite DB.

Tables (all prefixed ``dedup_``; the store's own tables are untouched):

* ``dedup_articles`` - one row per written article: id, body hash (exact
  copies), source path/url/site/date, the comparison-key length, the MinHash
  signature (uint32 blob) and the packed shingle set used to verify candidates
  (:func:`pipeline.dedup.minhash.pack_shingles`: one-way hashes, no text).
* ``dedup_bands`` - ``(key, id)``: the LSH band keys and opening keys of every article
  (:func:`pipeline.dedup.opening_keys`).
* ``dedup_meta`` - the fingerprint parameters the index was built with
  (``ngram``, ``num_perm``, ``bands``, scheme). Band keys are only comparable
  under the same parameters; :func:`check_params` refuses a mismatch and
  ``pipeline dedup rebuild`` (:func:`rebuild`) re-derives the index.

Nothing here commits: :func:`index_articles` runs inside the caller's
transaction (the run's commit), so a run killed before it leaves the index as
it was, and re-indexing the same articles is a no-op (``INSERT OR IGNORE``).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from pipeline.dedup import minhash as mh

if TYPE_CHECKING:
    from pipeline.config import DedupSettings, Settings
    from pipeline.dedup import Candidate

SCHEME = "oph-densified-v1"
CHUNK = 500  # bound parameters per IN (...) query

SCHEMA = """
CREATE TABLE IF NOT EXISTS dedup_articles (
    id TEXT PRIMARY KEY,
    body_hash TEXT NOT NULL,
    path TEXT,
    url TEXT,
    site TEXT,
    date TEXT,
    key_len INTEGER NOT NULL DEFAULT 0,
    nshingles INTEGER NOT NULL DEFAULT 0,
    minhash BLOB,
    shingles BLOB,
    run_id TEXT
);
CREATE INDEX IF NOT EXISTS dedup_articles_body_hash ON dedup_articles (body_hash);
CREATE TABLE IF NOT EXISTS dedup_bands (
    key INTEGER NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (key, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dedup_meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
"""


class IndexMismatch(RuntimeError):
    """The index was built with other fingerprint parameters than the current settings."""


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Create the index tables if missing (no commit; DDL only)."""
    for stmt in SCHEMA.split(";"):
        if stmt.strip():
            conn.execute(stmt)


def params_of(ds: DedupSettings) -> dict:
    return {"scheme": SCHEME, "ngram": ds.ngram, "num_perm": ds.num_perm, "bands": ds.bands}


def stored_params(conn: sqlite3.Connection) -> dict | None:
    row = conn.execute("SELECT v FROM dedup_meta WHERE k = 'params'").fetchone()
    return json.loads(row[0]) if row else None


def check_params(conn: sqlite3.Connection, ds: DedupSettings) -> None:
    """Raise :class:`IndexMismatch` when the index holds articles fingerprinted differently."""
    stored = stored_params(conn)
    if stored is None or stored == params_of(ds):
        return
    if conn.execute("SELECT 1 FROM dedup_articles LIMIT 1").fetchone() is None:
        return
    raise IndexMismatch(
        f"the dedup index was built with {stored}, the settings ask for {params_of(ds)}; "
        "run `pipeline dedup rebuild` (or restore the settings)"
    )


def _chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def exact_matches(conn: sqlite3.Connection, hashes: Iterable[str]) -> dict[str, tuple[str, str | None]]:
    """body_hash -> (article id, source path) of indexed articles (smallest id when several)."""
    out: dict[str, tuple[str, str | None]] = {}
    for chunk in _chunks(sorted(set(hashes))):
        q = f"SELECT body_hash, id, path FROM dedup_articles WHERE body_hash IN ({','.join('?' * len(chunk))})"
        for h, aid, path in conn.execute(q, chunk):
            if h not in out or aid < out[h][0]:
                out[h] = (aid, path)
    return out


def band_matches(conn: sqlite3.Connection, keys: Iterable[int] | np.ndarray) -> dict[int, list[str]]:
    """band key -> ids of indexed articles carrying it.

    The keys stay a NumPy array until each chunk is queried: a run of 100,000
    documents asks about 3.2 million keys, which as a Python set would cost ~250 MB.
    """
    if conn.execute("SELECT 1 FROM dedup_bands LIMIT 1").fetchone() is None:
        return {}  # an empty index (a first run) matches nothing
    unique = np.unique(np.asarray(keys if isinstance(keys, np.ndarray) else list(keys), dtype=np.int64))
    out: dict[int, list[str]] = {}
    for lo in range(0, len(unique), CHUNK):
        chunk = unique[lo : lo + CHUNK].tolist()
        q = f"SELECT key, id FROM dedup_bands WHERE key IN ({','.join('?' * len(chunk))})"
        for k, aid in conn.execute(q, chunk):
            out.setdefault(k, []).append(aid)
    return out


class IndexedArticle:
    """What verification needs of an indexed article (shingles unpacked lazily)."""

    __slots__ = ("id", "path", "url", "site", "date", "key_len", "nshingles", "minhash", "_packed", "_set")

    def __init__(self, row: tuple) -> None:
        self.id, self.path, self.url, self.site, self.date, self.key_len, self.nshingles, sig, self._packed = row
        self.minhash = np.frombuffer(sig, dtype="<u4") if sig else np.empty(0, dtype=np.uint32)
        self._set: np.ndarray | None = None

    @property
    def shingles(self) -> np.ndarray:
        if self._set is None:
            self._set = mh.unpack_shingles(self._packed)
        return self._set


def load_articles(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, IndexedArticle]:
    out: dict[str, IndexedArticle] = {}
    for chunk in _chunks(sorted(set(ids))):
        q = (
            "SELECT id, path, url, site, date, key_len, nshingles, minhash, shingles FROM dedup_articles"
            f" WHERE id IN ({','.join('?' * len(chunk))})"
        )
        for row in conn.execute(q, chunk):
            out[row[0]] = IndexedArticle(row)
    return out


def _cand_band_keys(c: Candidate, bands: int) -> np.ndarray:
    if c.nshingles <= 0 or not c.minhash:
        return np.empty(0, dtype=np.int64)
    if c.bands == bands and c.band_keys:
        return np.frombuffer(c.band_keys, dtype="<i8")
    return mh.band_keys(np.frombuffer(c.minhash, dtype="<u4"), bands)


def index_articles(
    conn: sqlite3.Connection, cands: list[Candidate], run_id: str, settings: Settings | None = None
) -> int:
    """Add written articles to the index inside the caller's transaction; returns rows added.

    Idempotent: an id already indexed is left as it is (its first source stays
    the canonical one). Never commits. The fingerprint parameters are taken
    from ``settings`` when given, else from the index, else from the candidates.
    """
    if not cands:
        return 0
    stored = stored_params(conn)
    if settings is not None:
        params = params_of(settings.dedup)
    elif stored is not None:
        params = stored
    else:
        first = next((c for c in cands if c.nshingles > 0), cands[0])
        params = {"scheme": SCHEME, "ngram": first.ngram, "num_perm": first.num_perm, "bands": first.bands}
    if stored is None:
        conn.execute("INSERT OR REPLACE INTO dedup_meta (k, v) VALUES ('params', ?)", (json.dumps(params),))
    elif stored != params and conn.execute("SELECT 1 FROM dedup_articles LIMIT 1").fetchone() is not None:
        raise IndexMismatch(f"the dedup index was built with {stored}, not {params}; run `pipeline dedup rebuild`")
    elif stored != params:
        conn.execute("INSERT OR REPLACE INTO dedup_meta (k, v) VALUES ('params', ?)", (json.dumps(params),))
    from pipeline.dedup.resolver import priority

    # exact copies share an id; index the one resolve made canonical (same priority order)
    best: dict[str, Candidate] = {}
    for c in cands:
        if c.id not in best or priority(c) < priority(best[c.id]):
            best[c.id] = c
    added = 0
    for c in best.values():
        if c.nshingles > 0 and (c.ngram != params["ngram"] or c.num_perm != params["num_perm"]):
            raise IndexMismatch(
                f"candidate {c.path} was fingerprinted with ngram={c.ngram}, num_perm={c.num_perm}; index uses {params}"
            )
        cur = conn.execute(
            "INSERT OR IGNORE INTO dedup_articles"
            " (id, body_hash, path, url, site, date, key_len, nshingles, minhash, shingles, run_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (c.id, c.body_hash, c.path, c.url, c.site, c.date, c.key_len, c.nshingles, c.minhash, c.shingles, run_id),
        )
        if cur.rowcount != 1:
            continue
        added += 1
        keys = _cand_band_keys(c, params["bands"])
        if keys.size:
            conn.executemany(
                "INSERT OR IGNORE INTO dedup_bands (key, id) VALUES (?, ?)", [(int(k), c.id) for k in keys]
            )
    return added


def rebuild(conn: sqlite3.Connection, articles_dir: str | Path, settings: Settings) -> int:
    """Recreate the index from ``articles_dir/*.json``; returns the number of articles indexed.

    Uses each file's ``id``, ``text``, ``published_at``, ``source.path``,
    ``source.url``/``url``, ``site_name`` and ``pipeline.run_id``. The body hash
    is recomputed from ``text`` (the written, redacted body: an exact copy of a
    redacted article is still found as a near-duplicate with Jaccard ~1).
    Runs in its own transaction unless the caller has one open.
    """
    from pipeline.dedup import candidate_from_text

    ensure_schema(conn)
    # the runs' manifests, when there are any, say which articles were committed: other files are
    # leftovers of a run killed before its commit, not articles
    committed: set[str] = set()
    with contextlib.suppress(sqlite3.OperationalError):  # an index without the run tables
        committed.update(r[0] for r in conn.execute("SELECT DISTINCT article_id FROM manifest WHERE article_id IS NOT NULL"))
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")
    try:
        conn.execute("DELETE FROM dedup_bands")
        conn.execute("DELETE FROM dedup_articles")
        conn.execute("DELETE FROM dedup_meta")
        conn.execute("INSERT INTO dedup_meta (k, v) VALUES ('params', ?)", (json.dumps(params_of(settings.dedup)),))
        n = 0
        batch: dict[str, list[Candidate]] = {}
        for p in sorted(Path(articles_dir).glob("*.json")):
            if committed and p.stem not in committed:
                continue
            try:
                obj = json.loads(p.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if not isinstance(obj, dict) or not obj.get("id") or not isinstance(obj.get("text"), str):
                continue
            writer = (obj.get("pipeline") or {}).get("run_id")
            if not committed and isinstance(writer, str) and not _run_committed(Path(articles_dir).parent / "runs", writer):
                continue  # written by a run that never committed (an interrupted first run): no article
            run_id = writer or "rebuild"
            src = obj.get("source") or {}
            c = candidate_from_text(
                obj["text"],
                settings,
                path=src.get("path") or p.name,
                url=src.get("url") or obj.get("url"),
                site=obj.get("site_name"),
                date=obj.get("published_at"),
                article_id=str(obj["id"]),
            )
            batch.setdefault(run_id, []).append(c)
            if sum(len(v) for v in batch.values()) >= 1000:
                for rid, cs in batch.items():
                    n += index_articles(conn, cs, rid, settings)
                batch.clear()
        for rid, cs in batch.items():
            n += index_articles(conn, cs, rid, settings)
        if own:
            conn.execute("COMMIT")
    except BaseException:
        if own:
            conn.execute("ROLLBACK")
        raise
    return n


def _run_committed(runs_dir: Path, run_id: str) -> bool:
    """A committed run leaves its manifest or run.json (never pruned); without ``runs/`` nothing can be told."""
    if not runs_dir.is_dir():
        return True
    run_dir = runs_dir / run_id
    return Path(run_id).name != run_id or (run_dir / "manifest.json").exists() or (run_dir / "run.json").exists()


def stats(conn: sqlite3.Connection) -> dict:
    """Row counts and parameters, for ``pipeline dedup`` diagnostics."""
    return {
        "articles": conn.execute("SELECT COUNT(*) FROM dedup_articles").fetchone()[0],
        "band_keys": conn.execute("SELECT COUNT(*) FROM dedup_bands").fetchone()[0],
        "params": stored_params(conn),
    }
