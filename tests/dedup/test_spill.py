"""Spilled candidates: what a run keeps per document until its global dedup step is small and fixed."""

from __future__ import annotations

import pickle
import sqlite3

from pipeline import dedup


def test_spilled_candidate_is_small_whatever_the_body(settings, tmp_path) -> None:
    import random

    rng = random.Random(5)
    body = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(30_000))  # 30,000 distinct 5-grams
    full = dedup.candidate_from_text(body, settings, path="raw/big.html", url="https://example.com/a/1.html",
                                     site="某某网", date="2024-05-01T08:00:00+08:00")
    assert len(pickle.dumps(full)) > 20_000  # the shingle set grows with the body ...
    (light,) = dedup.spill([full], tmp_path / "shingles.bin")
    assert len(pickle.dumps(light)) < 2048  # ... the candidate a run keeps does not
    assert dedup.shingles_of(light) == full.shingles


def test_resolve_reads_spilled_shingles(settings, tmp_path, zh000) -> None:
    """Near copies are still verified on the real shingle sets when those sit on disk."""
    text = "\n".join(zh000)
    edited = text.replace("保持冷静", "保持镇定", 1) + "\n更多精彩内容请关注我们。"
    cands = [dedup.candidate_from_text(t, settings, path=p) for p, t in (("a.txt", text), ("b.txt", edited))]
    light = dedup.spill(cands, tmp_path / "s.bin")
    conn = sqlite3.connect(":memory:")
    dedup.ensure_schema(conn)
    res = dedup.resolve(light, conn, settings)
    copies = {p: d.duplicate_of for p, d in res.decisions.items() if d.duplicate_of}
    assert len(copies) == 1 and set(copies.values()) <= {c.id for c in cands}
    assert res.stats["verified_pairs"] >= 1
