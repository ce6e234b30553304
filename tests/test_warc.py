"""WARC crawl files: one document per page record, the rest skipped, every file accounted for."""

from __future__ import annotations

import gzip
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline import warc
from pipeline.config import Settings
from pipeline.ingest import load, media_type_for

BODY = "<p>逾期之后应该如何与平台协商还款？首先要核实对方身份，再提出分期方案，并保留沟通记录。</p>"


def _page(title: str, body: str = BODY) -> str:
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"


def _write(path: Path, records: list[tuple], gz: bool = True) -> Path:
    """records: (type, url, payload bytes, http status or None, content type)."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for rec_type, url, payload, status, ctype, *extra in records:
            headers = dict(extra[0]) if extra else {}
            if status is None:
                record = writer.create_warc_record(url, rec_type, payload=BytesIO(payload),
                                                   warc_content_type=ctype)
            else:
                http = StatusAndHeaders(status, [("Content-Type", ctype), *headers.items()], protocol="HTTP/1.1")
                record = writer.create_warc_record(url, rec_type, payload=BytesIO(payload), http_headers=http)
            writer.write_record(record)
    return path


def _crawl(n: int = 4) -> list[tuple]:
    out: list[tuple] = [("warcinfo", "", b"software: test", None, "application/warc-fields")]
    for i in range(n):
        url = f"https://a.example/{i}"
        out.append(("request", url, b"GET / HTTP/1.1\r\n\r\n", None, "application/http; msgtype=request"))
        out.append(("response", url, _page(f"第{i}篇").encode(), "200 OK", "text/html; charset=utf-8"))
        out.append(("response", url + ".png", b"\x89PNG" + bytes(300), "200 OK", "image/png"))
    return out


@pytest.mark.parametrize("gz", [True, False])
def test_page_records_become_documents_and_the_rest_is_skipped(tmp_path: Path, gz: bool) -> None:
    name = "day.warc.gz" if gz else "day.warc"
    records = _crawl(2) + [
        ("response", "https://a.example/gone", _page("不见了").encode(), "404 Not Found", "text/html"),
        ("response", "https://a.example/moved", b"", "301 Moved Permanently", "text/html"),
        ("response", "https://a.example/gbk", _page("国标").encode("gbk"), "200 OK", "text/html; charset=GBK"),
        ("response", "https://a.example/utf8", _page("其实是").encode(), "200 OK", "text/html; charset=gbk"),
        ("response", "https://a.example/t.txt", "纯文本的文章，讲逾期协商。".encode(), "200 OK", "text/plain"),
        ("resource", "https://a.example/r", _page("资源").encode(), None, "text/html"),
        ("conversion", "https://a.example/wet", "提取出的正文文字。".encode(), None, "text/plain"),
        ("response", "https://a.example/zip", gzip.compress(_page("压缩").encode()), "200 OK", "text/html",
         {"Content-Encoding": "gzip"}),
    ]
    _write(tmp_path / name, records, gz)
    docs = load(name, tmp_path, Settings())
    assert [d.url for d in docs] == [
        "https://a.example/0", "https://a.example/1", "https://a.example/gbk", "https://a.example/utf8",
        "https://a.example/t.txt", "https://a.example/r", "https://a.example/wet", "https://a.example/zip"]
    assert all(d.path.startswith(f"{name}#") and d.path[len(name) + 1:].isdigit() for d in docs)
    assert [d.media_type for d in docs] == ["html"] * 4 + ["text", "html", "text", "html"]
    assert "<title>国标</title>" in docs[2].raw and docs[2].encoding == "gb18030"  # the HTTP charset
    assert "<title>其实是</title>" in docs[3].raw and docs[3].encoding == "utf-8"  # valid UTF-8 stays UTF-8
    assert "<title>压缩</title>" in docs[7].raw  # the content encoding undone
    assert all(d.fetched_at and d.fetched_at.endswith("Z") for d in docs)
    data = (tmp_path / name).read_bytes()
    offset = int(docs[0].path.split("#")[1])
    assert data[offset:].startswith(b"\x1f\x8b\x08" if gz else b"WARC/1.")  # the key is where the record starts


def test_the_same_page_in_two_crawls_has_one_digest(tmp_path: Path) -> None:
    a = load(_write(tmp_path / "a.warc.gz", _crawl(1)).name, tmp_path, Settings())
    b = load(_write(tmp_path / "b.warc", _crawl(1)[:1] + _crawl(1), gz=False).name, tmp_path, Settings())
    assert a[0].sha256 == b[0].sha256 and a[0].path != b[0].path  # an exact copy for dedup


def test_a_warc_without_pages_is_one_entry_saying_what_it_held(tmp_path: Path) -> None:
    _write(tmp_path / "img.warc.gz", [r for r in _crawl(2) if r[0] != "response" or r[4] == "image/png"])
    [doc] = load("img.warc.gz", tmp_path, Settings())
    assert doc.path == "img.warc.gz" and doc.status == "quarantined"
    assert doc.reason.startswith("no page:") and "2 response image/png" in doc.reason


@pytest.mark.parametrize("gz", [True, False])
def test_a_cut_file_keeps_the_pages_before_the_cut(tmp_path: Path, gz: bool) -> None:
    records = _crawl(5) + [("response", "https://a.example/last", _page("最后").encode(), "200 OK", "text/html")]
    whole = _write(tmp_path / ("full.warc.gz" if gz else "full.warc"), records, gz)
    last = int(load(whole.name, tmp_path, Settings())[-1].path.split("#")[1])
    name = "cut.warc.gz" if gz else "cut.warc"
    (tmp_path / name).write_bytes(whole.read_bytes()[: last + 300])  # inside the last page's record
    docs = load(name, tmp_path, Settings())
    assert [d.url for d in docs if d.status != "quarantined"] == [f"https://a.example/{i}" for i in range(5)]
    assert docs[-1].path == f"{name}#{last}" and docs[-1].status == "quarantined"
    assert docs[-1].reason.startswith(("truncated", "invalid WARC"))


@pytest.mark.parametrize("data", [b"hello, not a crawl\n", bytes(range(256)) * 8, b"\x1f\x8b\x08\x00garbage"])
def test_what_is_not_warc_is_quarantined_whole(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "x.warc.gz").write_bytes(data)
    [doc] = load("x.warc.gz", tmp_path, Settings())
    assert doc.path == "x.warc.gz" and doc.status == "quarantined" and doc.reason.startswith("not a WARC file")


def test_warc_names_are_told_by_their_whole_suffix(tmp_path: Path) -> None:
    s = Settings()
    assert [media_type_for(Path(n), s) for n in ("a.warc.gz", "CC-1.warc.wet.gz", "b.WARC", "c.gz")] == [
        "warc", "warc", "warc", None]


@pytest.mark.parametrize("gz", [True, False])
@pytest.mark.parametrize("part_bytes", [1, 700, 3_000, 9_000])
def test_parts_give_the_pages_the_whole_file_gives(tmp_path: Path, gz: bool, part_bytes: int) -> None:
    big = "<p>" + "长段落，讲协商还款的每一步。" * 400 + "</p>"  # one record longer than several parts
    records = _crawl(8)
    records.insert(5, ("response", "https://a.example/big", _page("长文", big).encode(), "200 OK", "text/html"))
    name = "day.warc.gz" if gz else "day.warc"
    path = _write(tmp_path / name, records, gz)
    whole = load(name, tmp_path, Settings())
    settings = Settings.model_validate({"ingest": {"crawl_part_bytes": part_bytes}})
    parts = warc.split(path, settings)
    assert parts and parts[-1].end == path.stat().st_size and parts[-1].last
    by_parts = [d for p in parts for d in load(name, tmp_path, settings, part=p)]
    pages = [d for d in by_parts if not (d.reason or "").startswith("no page")]
    assert [(d.path, d.sha256, d.raw, d.url) for d in pages] == [(d.path, d.sha256, d.raw, d.url) for d in whole]
    # a part whose records are none of them pages says so; one filled by a record begun earlier is silent
    assert all(d.path.split("#")[1].isdigit() for d in by_parts)


def test_ranges_hold_about_a_batch_of_pages_whatever_the_compression(tmp_path: Path) -> None:
    """Bytes per page are measured on the file's first records: a gzipped WARC's ranges are not a
    crawl_part_bytes of compressed pages (five times a batch), but about run.batch_size pages each."""
    path = _write(tmp_path / "day.warc.gz", _crawl(60))
    settings = Settings.model_validate({"ingest": {"crawl_part_bytes": path.stat().st_size - 1},
                                        "run": {"batch_size": 10}})
    parts = warc.split(path, settings)
    assert parts and 5 <= len(parts) <= 7
    pages = [sum(d.status != "quarantined" for d in load("day.warc.gz", tmp_path, settings, part=p)) for p in parts]
    assert sum(pages) == 60 and max(pages) <= 12
    small = Settings.model_validate({"run": {"batch_size": 100}})
    assert warc.split(path, small) is None  # fewer pages than a batch: read whole
