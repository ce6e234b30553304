"""The change feed as a Parquet file, for analysts' tools (``pipeline export --format parquet``).

One row per feed record, columns flat enough for SQL engines and dataframes;
``article`` holds the whole article JSON as a string for anything not lifted
into a column. Rows are written in row groups of :data:`ROW_GROUP` records, so
memory stays flat. pyarrow is an optional dependency (``pip install
'.[parquet]'``); only this format needs it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

ROW_GROUP = 2000


def _schema():  # noqa: ANN202 - pyarrow type
    import pyarrow as pa

    return pa.schema([
        ("id", pa.string()), ("run_id", pa.string()), ("change", pa.string()), ("reasons", pa.list_(pa.string())),
        ("title", pa.string()), ("text", pa.string()), ("published_at", pa.timestamp("s", tz="+08:00")),
        ("published_precision", pa.string()), ("url", pa.string()), ("site_name", pa.string()),
        ("source_name", pa.string()), ("topics", pa.list_(pa.string())),
        ("topic_scores", pa.map_(pa.string(), pa.float64())), ("updated_at", pa.string()), ("article", pa.string()),
    ])


def _row(rec: dict) -> dict:
    from datetime import datetime

    a = rec["article"]
    published = a.get("published_at")
    return {
        "id": rec["id"], "run_id": rec["run_id"], "change": rec["change"], "reasons": rec["reasons"],
        "title": a.get("title"), "text": a.get("text"),
        "published_at": datetime.fromisoformat(published) if published else None,
        "published_precision": a.get("published_precision"), "url": a.get("url"), "site_name": a.get("site_name"),
        "source_name": a.get("source_name"), "topics": [t.get("label") for t in a.get("topics") or []],
        "topic_scores": list((a.get("topic_scores") or {}).items()),
        "updated_at": (a.get("pipeline") or {}).get("updated_at"),
        "article": json.dumps(a, ensure_ascii=False, separators=(",", ":")),
    }


def write_parquet(records: Iterable[dict], out: Path) -> None:
    """Write ``records`` to ``out`` (a temporary file renamed when complete)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        from pipeline.export import ExportError

        raise ExportError("--format parquet needs pyarrow: pip install -c constraints.txt -e '.[parquet]'") from None
    schema = _schema()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
            batch: list[dict] = []
            for rec in records:
                batch.append(_row(rec))
                if len(batch) >= ROW_GROUP:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch = []
            if batch:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        tmp.replace(out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
