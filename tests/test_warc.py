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
    """records: (type, url, payload bytes, http status or None, content type[, extra HTTP headers])."""
    with path.open("wb") as fh:
        _write_to(fh, records, gz)
    return path


def _write_to(fh, records: list[tuple], gz: bool) -> None:
    writer = WARCWriter(fh, gzip=gz)
    for rec_type, url, payload, status, ctype, *extra in records:
        headers = dict(extra[0]) if extra else {}
        if status is None:
            record = writer.create_warc_record(url, rec_type, payload=BytesIO(payload), warc_content_type=ctype)
        else:
            http = StatusAndHeaders(status, [("Content-Type", ctype), *headers.items()], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, rec_type, payload=BytesIO(payload), http_headers=http)
        writer.write_record(record)


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
    # beside them at most one entry: the first part's, when its records (here a warcinfo) hold no page
    extra = [d for d in by_parts if d not in pages]
    assert len(extra) <= 1 and all(d.path == name and d.reason.startswith("no page") for d in extra)


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


def test_a_warc_gzipped_as_one_member_is_read_as_a_stream(tmp_path: Path) -> None:
    plain = _write(tmp_path / "a.warc", _crawl(3), gz=False).read_bytes()
    (tmp_path / "one.warc.gz").write_bytes(gzip.compress(plain))  # `gzip a.warc`, not a record a member
    docs = load("one.warc.gz", tmp_path, Settings())
    assert [d.url for d in docs] == [f"https://a.example/{i}" for i in range(3)]
    assert [d.path.split("#")[1] for d in docs] == [d.path.split("#")[1] for d in load("a.warc", tmp_path, Settings())]
    assert warc.split(tmp_path / "one.warc.gz", Settings.model_validate({"ingest": {"crawl_part_bytes": 1}})) is None


def test_a_page_quoting_a_warc_record_is_never_taken_for_a_record(tmp_path: Path) -> None:
    """An uncompressed file is cut at record starts found by walking the headers, never by a scan that
    would take a record quoted inside a page (with its CRLFs and a right Content-Length) for a real one."""
    inner = BytesIO()
    _write_to(inner, [("response", "https://quoted.example/", _page("引用").encode(), "200 OK", "text/html")], gz=False)
    quoting = _page("怎样写WARC", "<pre>\r\n\r\n" + inner.getvalue().decode() + "\r\n\r\n</pre>" + BODY).encode()
    records = _crawl(2)
    records.insert(3, ("response", "https://blog.example/warc", quoting, "200 OK", "text/html"))
    path = _write(tmp_path / "q.warc", records, gz=False)
    whole = load("q.warc", tmp_path, Settings())
    for part_bytes in (200, 900, 2_500):
        settings = Settings.model_validate({"ingest": {"crawl_part_bytes": part_bytes}})
        parts = warc.split(path, settings)
        assert parts and all(path.read_bytes()[p.start:].startswith(b"WARC/1.") for p in parts)
        by_parts = [d for p in parts for d in load("q.warc", tmp_path, settings, part=p)]
        assert [(d.path, d.url) for d in by_parts] == [(d.path, d.url) for d in whole]
    assert "https://quoted.example/" not in [d.url for d in whole]


@pytest.mark.parametrize("gz", [True, False])
def test_garbage_between_records_costs_one_entry_whole_and_in_parts(tmp_path: Path, gz: bool) -> None:
    first = _write(tmp_path / "x1", _crawl(2), gz).read_bytes()
    rest = _write(tmp_path / "x2", _crawl(4)[1:], gz).read_bytes()  # no second warcinfo
    name = "g.warc.gz" if gz else "g.warc"
    (tmp_path / name).write_bytes(first + b"GARBAGE GARBAGE\r\n" * 3 + rest)
    whole = load(name, tmp_path, Settings())
    broken = [d for d in whole if d.status == "quarantined"]
    assert len(broken) == 1 and broken[0].reason.startswith("invalid WARC record at byte")
    pages = [d.url for d in whole if d.status != "quarantined"]
    # gzip: reading goes on at the next member; uncompressed: nothing after the garbage is a record
    assert pages == [f"https://a.example/{i}" for i in (0, 1, 0, 1, 2, 3)] if gz else pages == [
        "https://a.example/0", "https://a.example/1"]
    settings = Settings.model_validate({"ingest": {"crawl_part_bytes": 600}})
    parts = warc.split(tmp_path / name, settings)
    assert parts
    described = [(d.path, d.status, (d.reason or "")[:28]) for d in whole]
    assert [(d.path, d.status, (d.reason or "")[:28]) for p in parts
            for d in load(name, tmp_path, settings, part=p)] == described


def test_a_cut_inside_the_headers_of_the_last_record_is_said(tmp_path: Path) -> None:
    data = _write(tmp_path / "full.warc", _crawl(2), gz=False).read_bytes()
    last = data.rindex(b"WARC/1.")
    (tmp_path / "cut.warc").write_bytes(data[:last + 40])  # inside the image response's WARC headers
    docs = load("cut.warc", tmp_path, Settings())
    assert docs[-1].path == f"cut.warc#{last}" and "breaks off" in docs[-1].reason
    assert [d.url for d in docs[:-1]] == ["https://a.example/0", "https://a.example/1"]


def test_brotli_bodies_are_undone(tmp_path: Path) -> None:
    import brotli

    body = brotli.compress(_page("布罗特利").encode())
    _write(tmp_path / "br.warc.gz", [("response", "https://a.example/br", body, "200 OK", "text/html",
                                      {"Content-Encoding": "br"})])
    [doc] = load("br.warc.gz", tmp_path, Settings())
    assert doc.status != "quarantined" and "<title>布罗特利</title>" in doc.raw


def test_a_damaged_member_costs_its_page_and_reading_goes_on(tmp_path: Path) -> None:
    """Damaged compressed bytes deep in a large page's member: warcio ends its iteration there without
    raising; the page is an entry and the pages after it are read, whole and in parts."""
    import random

    rng = random.Random(3)
    big = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(60_000))
    records = _crawl(8)
    records.insert(8, ("response", "https://a.example/big", _page("大", f"<p>{big}</p>").encode(), "200 OK", "text/html"))
    data = bytearray(_write(tmp_path / "full.warc.gz", records).read_bytes())
    big_at = int(next(d for d in load("full.warc.gz", tmp_path, Settings()) if d.url.endswith("big")).path.split("#")[1])
    end = data.index(b"\x1f\x8b\x08", big_at + 1)
    for k in range(big_at + (end - big_at) * 9 // 10, big_at + (end - big_at) * 9 // 10 + 20):
        data[k] ^= 0x5A
    (tmp_path / "bad.warc.gz").write_bytes(bytes(data))
    docs = load("bad.warc.gz", tmp_path, Settings())
    assert [d.url for d in docs if d.status != "quarantined"] == [f"https://a.example/{i}" for i in range(8)]
    assert [d.path for d in docs if d.status == "quarantined"] == [f"bad.warc.gz#{big_at}"]
    settings = Settings.model_validate({"ingest": {"crawl_part_bytes": 50_000}, "run": {"batch_size": 3}})
    parts = warc.split(tmp_path / "bad.warc.gz", settings)
    assert parts and [d.path for p in parts for d in load("bad.warc.gz", tmp_path, settings, part=p)] == [
        d.path for d in docs]


def test_blank_edges_are_no_records(tmp_path: Path) -> None:
    """A stray CRLF before the first record, an empty gzip member after the last: neither is an entry."""
    plain = _write(tmp_path / "a.warc", _crawl(2), gz=False).read_bytes()
    (tmp_path / "lead.warc").write_bytes(b"\r\n" + plain)
    gz = _write(tmp_path / "b.warc.gz", _crawl(2)).read_bytes()
    (tmp_path / "tail.warc.gz").write_bytes(gz + gzip.compress(b""))
    for name in ("lead.warc", "tail.warc.gz"):
        docs = load(name, tmp_path, Settings())
        assert [(d.url, d.status) for d in docs] == [(f"https://a.example/{i}", "pending") for i in range(2)], name


def test_a_brotli_bomb_stops_at_the_cap(tmp_path: Path) -> None:
    import brotli

    body = brotli.compress(b"<p>" + "重复".encode() * 3_000_000 + b"</p>")  # 18 MB from a few KB
    _write(tmp_path / "bomb.warc.gz", [("response", "https://a.example/b", body, "200 OK", "text/html",
                                        {"Content-Encoding": "br"})])
    import tracemalloc

    tracemalloc.start()
    [doc] = load("bomb.warc.gz", tmp_path, Settings.model_validate({"ingest": {"max_bytes": 100_000}}))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert doc.reason.startswith("oversized") and doc.size == 100_001
    assert peak < 5_000_000  # never the whole 18 MB


def test_reasons_show_no_binary(tmp_path: Path) -> None:
    gz = _write(tmp_path / "b.warc.gz", _crawl(2)).read_bytes()
    (tmp_path / "nul.warc.gz").write_bytes(gz + gzip.compress(b"\x00\x01\x02garbage\x00" * 5))
    reasons = [d.reason for d in load("nul.warc.gz", tmp_path, Settings()) if d.reason]
    assert reasons and all(r.isprintable() for r in reasons)


def test_a_brotli_body_cut_short_is_said(tmp_path: Path) -> None:
    import brotli

    body = brotli.compress(_page("布罗特利", "<p>" + "内容" * 5000 + "</p>").encode())[:-40]
    _write(tmp_path / "cut.warc.gz", [("response", "https://a.example/br", body, "200 OK", "text/html",
                                       {"Content-Encoding": "br"})])
    [doc] = load("cut.warc.gz", tmp_path, Settings())
    assert doc.status == "quarantined" and "brotli body breaks off" in doc.reason
