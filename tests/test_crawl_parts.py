"""Large JSON-lines crawl files read in parts: every record exactly as the whole file gives it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import crawl_parts
from pipeline.config import Settings
from pipeline.ingest import load

ARTICLE = "逾期之后应该如何与平台协商还款？首先要核实对方身份，再提出分期方案。" * 3


def _settings(part_bytes: int = 600, batch_size: int = 3) -> Settings:
    return Settings.model_validate({"ingest": {"crawl_part_bytes": part_bytes}, "run": {"batch_size": batch_size}})


def _record(i: int, **extra) -> str:
    return json.dumps({"url": f"https://a.example/{i}", "text": ARTICLE + f"第{i}篇。", **extra}, ensure_ascii=False)


def _described(docs) -> list[tuple]:
    return [(d.path, d.sha256, d.size, d.raw, d.url, d.fetched_at, d.reason, sorted(d.flags))
            for d in docs]


def _by_parts(path: Path, raw: Path, settings: Settings) -> list:
    parts = crawl_parts.split(path, settings)
    assert parts, "the file should have been cut"
    return [d for p in parts for d in load(path.name, raw, settings, part=p)]


# a crawl file with everything a line can be: blank lines before and between records, CRLF,
# a raw U+2028 inside a string, a line that is not JSON, one that is not an object, no final
# line feed, trailing spaces
MESSY = (
    "\n\r\n"
    + "\r\n".join(_record(i) for i in range(1, 5))
    + "\r\n\r\n"
    + _record(5, title="标题\u2028第二行")
    + "\n{not json\n[1, 2]\n"
    + "\n".join(_record(i, fetched_at="2026-12-01T08:00:00Z") for i in range(6, 12))
    + "\n" + _record(12) + "   "
)


@pytest.mark.parametrize("part_bytes,batch_size", [(1, 1), (600, 3), (2_000, 2), (700, 50)])
def test_parts_give_the_records_the_whole_file_gives(tmp_path: Path, part_bytes: int, batch_size: int) -> None:
    path = tmp_path / "day.jsonl"
    path.write_bytes(MESSY.encode("utf-8"))
    whole = load("day.jsonl", tmp_path, Settings())
    assert len(whole) == 14 and whole[0].path == "day.jsonl#1"
    assert _described(_by_parts(path, tmp_path, _settings(part_bytes, batch_size))) == _described(whole)


def test_parts_cover_the_file_once_and_hold_at_most_a_batch(tmp_path: Path) -> None:
    path = tmp_path / "day.jsonl"
    path.write_bytes(("\n" + "\n".join(_record(i) for i in range(1, 40)) + "\n").encode("utf-8"))
    parts = crawl_parts.split(path, _settings(part_bytes=2_000, batch_size=4))
    assert parts[0].start == 1 and parts[-1].end == path.stat().st_size  # the blank first line is no record
    assert all(a.end == b.start for a, b in zip(parts, parts[1:], strict=False))
    assert all(p.records <= 4 for p in parts[:-1]) and all(p.end - p.start < 2_000 + 400 for p in parts)
    assert [p.last for p in parts] == [False] * (len(parts) - 1) + [True]
    assert [p.first for p in parts] == [1 + sum(q.records for q in parts[:i]) for i in range(len(parts))]


@pytest.mark.parametrize("name,data", [
    ("small.jsonl", "\n".join(_record(i) for i in range(3))),  # under crawl_part_bytes
    ("list.json", json.dumps([json.loads(_record(i)) for i in range(30)], ensure_ascii=False, indent=1)),
    ("one.json", json.dumps(json.loads(_record(1)), ensure_ascii=False, indent=2) * 1),
    ("cr.jsonl", "\r".join(_record(i) for i in range(30))),  # no line feed to cut at
    ("spaced.jsonl", "\n".join(" " + _record(i) for i in range(30))[1:].replace("\n ", "\n x")),
])
def test_files_that_are_not_json_lines_are_read_whole(tmp_path: Path, name: str, data: str) -> None:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8"))
    settings = _settings(part_bytes=2_000 if name == "small.jsonl" and len(data) < 2_000 else 500)
    assert crawl_parts.split(path, settings) is None


def test_utf16_json_lines_are_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "wide.jsonl"
    path.write_bytes("\n".join(_record(i) for i in range(30)).encode("utf-16"))
    assert crawl_parts.split(path, _settings(part_bytes=500)) is None


def test_an_undecodable_part_accounts_for_each_of_its_records(tmp_path: Path, monkeypatch) -> None:
    from pipeline import crawl_records, ingest
    from pipeline.decoding import InputError

    real_decode = ingest.decode

    def decode(data: bytes, media_type: str = "text"):
        if b"\xff" in data:
            raise InputError("undecodable: the bytes are not valid UTF-8, GB18030, Big5 or UTF-16 text")
        return real_decode(data, media_type)

    for module in (ingest, crawl_records):  # a file read whole, and a part or a line read alone
        monkeypatch.setattr(module, "decode", decode)
    path = tmp_path / "day.jsonl"
    good = [_record(i).encode() for i in range(1, 4)]
    bad = [_record(i).encode().replace("协商".encode(), b"\xff\xff") for i in range(4, 7)]
    path.write_bytes(b"\n".join(good) + b"\n\n" + b"\n".join(bad) + b"\n")
    docs = _by_parts(path, tmp_path, _settings(part_bytes=len(b"\n".join(good)) + 1, batch_size=3))
    assert [d.path for d in docs] == [f"day.jsonl#{i}" for i in (1, 2, 3, 5, 6, 7)]  # line 4 is blank
    assert [d.status != "quarantined" for d in docs] == [True] * 3 + [False] * 3
    assert all(d.reason.startswith("undecodable") for d in docs[3:])
    assert [d.size for d in docs[3:]] == [len(line) for line in bad]
    assert _described(load("day.jsonl", tmp_path, Settings())) == _described(docs)  # read whole: the same


def test_plan_cuts_only_large_crawl_files_and_keeps_input_order(tmp_path: Path) -> None:
    (tmp_path / "big.jsonl").write_text("\n".join(_record(i) for i in range(20)) + "\n", encoding="utf-8")
    (tmp_path / "page.txt").write_text(ARTICLE * 50, encoding="utf-8")  # large, but not a crawl file
    (tmp_path / "small.jsonl").write_text(_record(1), encoding="utf-8")
    units = crawl_parts.plan(["big.jsonl", "page.txt", "small.jsonl"], tmp_path, _settings(part_bytes=1_000))
    indices = [i for i, _ in units]
    assert indices == sorted(indices) and indices.count(0) > 1 and indices.count(1) == indices.count(2) == 1
    assert [p is None for i, p in units if i > 0] == [True, True]
    assert sum(p.records for i, p in units if i == 0) == 20


def test_damage_in_one_record_costs_that_record_alone(tmp_path: Path) -> None:
    """A few hundred bad bytes in one record: whole or in parts, that record is the only one touched."""
    lines = [_record(i) for i in range(1, 31)]
    bad = lines[14].encode().replace("协商".encode(), b"\xff\xfe" * 30)
    data = b"\n".join(line.encode() for line in lines[:14]) + b"\n" + bad + b"\n" + b"\n".join(
        line.encode() for line in lines[15:]) + b"\n"
    path = tmp_path / "day.jsonl"
    path.write_bytes(data)
    whole = load("day.jsonl", tmp_path, Settings())
    assert _described(_by_parts(path, tmp_path, _settings(part_bytes=2_000, batch_size=4))) == _described(whole)
    touched = [d.path for d in whole if d.status == "quarantined" or d.flags]
    assert touched == ["day.jsonl#15"]


def test_indented_records_and_a_bom_mid_file_are_json_lines_whole_and_in_parts(tmp_path: Path) -> None:
    lines = [_record(i) for i in range(1, 13)]
    path = tmp_path / "day.jsonl"
    path.write_bytes(("\n".join("  " + line for line in lines[:6]) + "\n").encode()  # every line indented
                     + "\ufeff".encode() + ("\n".join(lines[6:]) + "\n").encode())  # a second file joined by cat
    whole = load("day.jsonl", tmp_path, Settings())
    assert [d.status for d in whole] == ["pending"] * 12
    assert _described(_by_parts(path, tmp_path, _settings(part_bytes=700, batch_size=2))) == _described(whole)


def test_a_link_is_never_cut_so_a_link_out_of_raw_stays_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "big.jsonl").write_text("\n".join(_record(i) for i in range(40)) + "\n", encoding="utf-8")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "link.jsonl").symlink_to(outside / "big.jsonl")
    assert crawl_parts.plan(["link.jsonl"], raw, _settings(part_bytes=500)) == [(0, None)]
    [doc] = load("link.jsonl", raw, Settings())
    assert doc.reason.startswith("symlink to a file outside")


def test_a_json_array_with_a_damaged_byte_keeps_its_records(tmp_path: Path) -> None:
    """Line-by-line decoding is for JSON lines only: an array written an object a line stays an array."""
    objs = [json.loads(_record(i)) for i in range(5)]
    data = ("[\n" + ",\n".join(json.dumps(o, ensure_ascii=False) for o in objs) + "\n]\n").encode()
    (tmp_path / "a.json").write_bytes(data.replace("协商".encode(), b"\xff\xfe", 1))
    docs = load("a.json", tmp_path, Settings())
    assert [d.path for d in docs] == [f"a.json#{i}" for i in range(1, 6)]
    assert [d.status for d in docs] == ["pending"] * 5 and "decode_errors" in docs[0].flags


def test_a_short_damaged_record_is_kept_flagged_and_other_encodings_lose_no_neighbour(tmp_path: Path) -> None:
    short = [json.dumps({"url": f"https://a.example/{i}", "text": f"还款协商第{i}篇"}, ensure_ascii=False)
             for i in range(12)]
    data = "\n".join(short).encode().replace("协商第5篇".encode(), "协商第5篇".encode()[:-2] + b"\xff\xff", 1)
    (tmp_path / "short.jsonl").write_bytes(data)
    gb = "\n".join(_record(i) for i in range(12)).encode("gb18030").replace("协商".encode("gb18030"), b"\xff\x20", 1)
    (tmp_path / "gb.jsonl").write_bytes(gb)
    for name in ("short.jsonl", "gb.jsonl"):
        whole = load(name, tmp_path, Settings())
        assert len(whole) == 12 and sum(d.status == "quarantined" for d in whole) <= 1, name
        assert _described(_by_parts(tmp_path / name, tmp_path, _settings(part_bytes=300, batch_size=3))) == \
            _described(whole), name
    flagged = [d for d in load("short.jsonl", tmp_path, Settings()) if d.flags]
    assert [(d.path, d.status, d.flags) for d in flagged] == [("short.jsonl#6", "pending", ["decode_errors"])]


def test_json_lines_with_blank_lines_between_records_are_cut(tmp_path: Path) -> None:
    path = tmp_path / "day.jsonl"
    path.write_text("\r\n\r\n".join(_record(i) for i in range(30)) + "\r\n", encoding="utf-8")
    assert crawl_parts.split(path, _settings(part_bytes=2_000, batch_size=4))
    assert _described(_by_parts(path, tmp_path, _settings(part_bytes=2_000, batch_size=4))) == _described(
        load("day.jsonl", tmp_path, Settings()))


def test_a_gzipped_crawl_file_gives_what_the_plain_one_gives_whole_and_in_parts(tmp_path: Path) -> None:
    import gzip

    lines = [_record(i) for i in range(1, 41)]
    data = ("\n".join(lines) + "\n").encode()
    (tmp_path / "day.jsonl").write_bytes(data)
    (tmp_path / "day.jsonl.gz").write_bytes(gzip.compress(data[:5000]) + gzip.compress(data[5000:]))  # 2 members
    plain = _described(load("day.jsonl", tmp_path, Settings()))
    rename = [(d[0].replace("day.jsonl", "day.jsonl.gz"), *d[1:]) for d in plain]
    assert _described(load("day.jsonl.gz", tmp_path, Settings())) == rename
    settings = _settings(part_bytes=2_000, batch_size=4)
    units = crawl_parts.plan(["day.jsonl.gz"], tmp_path, settings, tmp_path / "stage")
    assert len(units) > 3 and all(p is not None and p.source for _, p in units)
    by_parts = [d for _, p in units for d in load("day.jsonl.gz", tmp_path, settings, part=p)]
    assert _described(by_parts) == rename
    assert crawl_parts.plan(["day.jsonl.gz"], tmp_path, settings) == [(0, None)]  # no staging folder: whole


@pytest.mark.parametrize("data,reason", [
    (b"\x1f\x8b\x08\x00" + bytes(range(200)), "invalid gzip"),
    (b"not gzip at all\n", "invalid gzip"),
])
def test_a_broken_gzip_is_one_entry_saying_so(tmp_path: Path, data: bytes, reason: str) -> None:
    (tmp_path / "x.jsonl.gz").write_bytes(data)
    [doc] = load("x.jsonl.gz", tmp_path, Settings())
    assert doc.path == "x.jsonl.gz" and doc.reason.startswith(reason)
    assert crawl_parts.plan(["x.jsonl.gz"], tmp_path, _settings(part_bytes=1), tmp_path / "stage") == [(0, None)]


def test_a_gzip_bomb_stops_at_the_cap(tmp_path: Path) -> None:
    import gzip

    (tmp_path / "bomb.jsonl.gz").write_bytes(gzip.compress(b"{" + b" " * 50_000_000 + b"}\n"))
    [doc] = load("bomb.jsonl.gz", tmp_path, Settings.model_validate({"ingest": {"max_crawl_file_bytes": 1_000_000}}))
    assert doc.reason.startswith("oversized: a gzipped crawl file that inflates to more than 1,000,000 bytes")


def test_a_gzip_bomb_is_not_inflated_to_disk_past_a_hundredfold(tmp_path: Path) -> None:
    import gzip

    (tmp_path / "bomb.jsonl.gz").write_bytes(gzip.compress(b"{}\n" * 20_000_000))  # 60 MB of empty records
    settings = Settings.model_validate({"ingest": {"crawl_part_bytes": 4_000, "max_crawl_file_bytes": 1_000_000}})
    assert crawl_parts.plan(["bomb.jsonl.gz"], tmp_path, settings, tmp_path / "stage") == [(0, None)]
    assert not list((tmp_path / "stage").glob("*"))  # nothing left, and never 60 MB written
    [doc] = load("bomb.jsonl.gz", tmp_path, settings)
    assert doc.reason.startswith("oversized: a gzipped crawl file that inflates to more than 1,000,000 bytes")


def test_both_paths_judge_a_gzip_alike(tmp_path: Path) -> None:
    import gzip

    data = bytearray(gzip.compress(("\n".join(_record(i) for i in range(200)) + "\n").encode()))
    data[3] |= 0x80  # a reserved header flag: gzip -t refuses the file
    (tmp_path / "odd.jsonl.gz").write_bytes(bytes(data))
    [doc] = load("odd.jsonl.gz", tmp_path, Settings())
    assert doc.reason.startswith("invalid gzip")
    settings = _settings(part_bytes=4_000, batch_size=4)
    assert crawl_parts.plan(["odd.jsonl.gz"], tmp_path, settings, tmp_path / "stage") == [(0, None)]


def test_a_file_that_changes_encoding_midway_reads_the_same_in_parts(tmp_path: Path) -> None:
    data = ("\n".join(_record(i) for i in range(1, 21)) + "\n").encode() + (
        "\n".join(_record(i) for i in range(21, 41)) + "\n").encode("gb18030")
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(data)
    whole = load("mixed.jsonl", tmp_path, Settings())
    assert [d.status for d in whole] == ["pending"] * 40 and not any(d.flags for d in whole)
    for part_bytes, batch in ((2_000, 4), (5_000, 7)):
        assert _described(_by_parts(path, tmp_path, _settings(part_bytes, batch))) == _described(whole)
