"""Stress benchmark: how each stage's time grows with hostile shapes of input.

A stage that is linear in its input takes about 4x as long when the input is 4x as long; one that
is quadratic takes 16x, and a pattern that backtracks takes far more. Each case below is one
shape pages do arrive in (a scrape with no line breaks, a list of thousands of short lines, one
line repeated, numbers with separators, a deeply nested or very wide HTML page, ...), built at
three sizes, each 4x the last, and run through the stages of a batch one document at a time
(ingest -> extract -> normalise -> redact -> dedup fingerprint -> tag), without time budgets.

    .venv/bin/python benchmarks/stress.py                 # every case, sizes 16k, 64k, 256k characters
    .venv/bin/python benchmarks/stress.py --base 4000 --case one_line_prose --case many_short_lines

For each case and stage it prints the seconds at each size and the growth of the last step
(``x4.1``: linear); a growth over ``--flag`` (default 8, i.e. well past linear) on a stage that
takes more than ``--min-seconds`` at the largest size is marked ``<-- superlinear`` (the stages
after extraction are judged against the growth of the body they get). Found with it: the title
search of text scrapes compared every short line of a long list with every other. The run
budget (``run.doc_seconds_per_mb``, at least ``run.doc_seconds_min``) stops such a document in a
real run and quarantines it; this benchmark finds the shapes before a real page does.
A benchmark, not a test: nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import functools
import gc
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline import dedup, ingest  # noqa: E402
from pipeline.config import Settings  # noqa: E402
from pipeline.extract import extract_document  # noqa: E402
from pipeline.normalize import normalize_batch  # noqa: E402
from pipeline.record import Document  # noqa: E402
from pipeline.redact import redact_document  # noqa: E402
from pipeline.tag import tag_document  # noqa: E402

PROSE = "逾期以后应当主动联系平台说明情况，并提出分期还款的具体方案，保留好每一次沟通的记录。"
VARIED = "第{i}次逾期以后应当主动联系平台说明情况，并提出分期还款的具体方案，保留好每一次沟通的记录。"
TITLE = "网贷逾期后如何与平台协商还款\n"


def _fill(unit: str, n: int) -> str:
    """``unit`` repeated to ``n`` characters, ``{i}`` in it counting the repeats: a copy of a
    sentence is collapsed by the in-article dedup and would stress nothing after it."""
    out: list[str] = []
    total, i = 0, 0
    while total < n:
        piece = unit.replace("{i}", str(i)) if "{i}" in unit else unit
        out.append(piece)
        total += len(piece)
        i += 1
    return "".join(out)[:n]


# name -> (suffix, builder of the file's text at about n characters)
CASES: dict[str, tuple[str, Callable[[int], str]]] = {
    "one_line_prose": (".txt", lambda n: TITLE + _fill(VARIED, n)),
    "one_line_no_punctuation": (".txt", lambda n: TITLE + _fill("逾期以后应当主动联系平台说明情况{i}", n)),
    "many_short_lines": (".txt", lambda n: TITLE + _fill("首页\n逾期{i}\n12\n", n)),
    "one_line_repeated": (".txt", lambda n: TITLE + _fill(PROSE + "\n", n)),
    "many_paragraphs": (".txt", lambda n: TITLE + _fill(VARIED + "\n", n)),
    "many_headings": (".txt", lambda n: TITLE + _fill("第{i}条 逾期后的协商\n" + VARIED + "\n", n)),
    "comment_thread": (".txt", lambda n: TITLE + PROSE + "\n网友评论\n"
                       + _fill("用户{i} 2024-01-01 12:00\n我也逾期了第{i}天，怎么和平台协商？\n回复\n", n)),
    "many_comment_headers": (".txt", lambda n: TITLE + _fill(VARIED + "\n发表评论\n", n)),
    "forum_floors": (".txt", lambda n: TITLE + _fill("{i}#\n楼主 发表于 2024-01-01 12:00\n" + VARIED + "\n", n)),
    "counters_with_separators": (".txt", lambda n: TITLE + PROSE + "\n" + _fill("阅读 12,3{i} 评论 1,234 ", n)),
    "dates_and_bars": (".txt", lambda n: TITLE + PROSE + "\n" + _fill("2024-01-01 12:30 | 来源：某某网 | ", n)),
    "digit_runs": (".txt", lambda n: TITLE + PROSE + "\n" + _fill("13800138000 6222021234567890123 ", n)),
    "spaced_characters": (".txt", lambda n: TITLE + _fill("逾 期 协 商 还 款 {i} ", n)),
    "pinyin_glued": (".txt", lambda n: TITLE + _fill("第{i}次協(xié)商(shāng)還(huán)款(kuǎn)，", n)),
    "lost_characters": (".txt", lambda n: TITLE + _fill("逾期?后如何?平台协?{i}，", n)),
    "nested_brackets": (".txt", lambda n: TITLE + PROSE + "\n" + "（" * (n // 2) + "）" * (n // 2)),
    "emails_and_urls": (".txt", lambda n: TITLE + PROSE + "\n" + _fill("a.b@c.d https://e.f/g?h=1 ", n)),
    "html_one_paragraph": (".html", lambda n: f"<html><body><h1>{TITLE}</h1><p>{_fill(VARIED, n)}</p></body></html>"),
    "html_many_paragraphs": (".html", lambda n: f"<html><body><h1>{TITLE}</h1>"
                             + _fill(f"<p>{VARIED}</p>", n) + "</body></html>"),
    "html_short_blocks": (".html", lambda n: f"<html><body><h1>{TITLE}</h1><p>{PROSE}</p>"
                          + _fill("<div>逾期{i}款</div>", n) + "</body></html>"),
    "html_comment_list": (".html", lambda n: f"<html><body><article><h1>{TITLE}</h1>"
                          + "".join(f"<p>{VARIED.replace('{i}', str(i))}</p>" for i in range(5)) + "</article>"
                          '<div class="comments"><h3>网友评论</h3>'
                          + _fill('<div class="comment"><span class="user">用户{i}</span><span class="time">'
                                  "2024-01-01 12:00</span><p>我也逾期了第{i}天，怎么和平台协商？</p></div>", n)
                          + "</div></body></html>"),
    "html_deep_nesting": (".html", lambda n: "<html><body>" + "<div>" * (n // 12) + PROSE
                          + "</div>" * (n // 12) + "</body></html>"),
    "html_link_farm": (".html", lambda n: f"<html><body><p>{PROSE}</p>"
                       + _fill('<a href="/x">友情链接</a> ', n) + "</body></html>"),
    "html_long_table": (".html", lambda n: f"<html><body><p>{PROSE}</p><table>"
                        + _fill("<tr><td>第{i}期</td><td>还款1,234元</td><td>利息56元</td></tr>", n)
                        + "</table></body></html>"),
}

STAGES = ("ingest", "extract", "normalize", "redact", "dedup", "tag")


@dataclass
class Outcome:
    """Seconds (process time) of each stage on one document, and what became of it."""

    seconds: dict[str, float]
    fate: str
    kept: int  # body characters: a stage that drops the page is no faster for it
    comments: int


def _clear_line_caches() -> None:
    """Empty the bounded caches of lines and paragraphs (``lru_cache(maxsize=N)``), so that a size
    does not find the smaller sizes' lines there; the unbounded ones hold loaded resources."""
    for obj in gc.get_objects():
        if isinstance(obj, functools._lru_cache_wrapper) and obj.cache_info().maxsize is not None:
            obj.cache_clear()


def run_case(path: Path, settings: Settings) -> Outcome:
    """Run the stages on the one document in ``path``, its line caches emptied first."""
    _clear_line_caches()
    times: dict[str, float] = {}
    start = time.process_time()
    [doc] = ingest.load(path.name, path.parent, settings)
    times["ingest"] = time.process_time() - start
    steps: list[tuple[str, Callable[[Document, Settings], None]]] = [
        ("extract", extract_document),
        ("normalize", lambda d, s: normalize_batch([d], s)),
        ("redact", redact_document),
        ("dedup", dedup.prepare_document),
        ("tag", tag_document),
    ]
    for name, fn in steps:
        start = time.process_time()
        if not doc.done:
            fn(doc, settings)
        times[name] = time.process_time() - start
    return Outcome(times, doc.status, len(doc.text) if not doc.done else 0, len(doc.comments) if not doc.done else 0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", type=int, default=16_000, help="characters of the smallest size (default 16,000)")
    ap.add_argument("--steps", type=int, default=3, help="sizes, each 4x the last (default 3)")
    ap.add_argument("--case", action="append", choices=sorted(CASES), help="only these cases (repeatable)")
    ap.add_argument("--flag", type=float, default=8.0, help="growth per 4x size marked superlinear (default 8)")
    ap.add_argument("--min-seconds", type=float, default=0.2, help="ignore stages faster than this at the largest size")
    args = ap.parse_args()
    settings = Settings.model_validate({"ingest": {"max_bytes": 64_000_000}})
    sizes = [args.base * 4**i for i in range(args.steps)]
    flagged = 0
    print(f"sizes (characters): {', '.join(f'{s:,}' for s in sizes)}; seconds of process time per stage\n")
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.txt"  # dictionaries and models load on first use: not a case's cost
        warm.write_text(TITLE + PROSE, encoding="utf-8")
        run_case(warm, settings)
        for name in args.case or list(CASES):
            suffix, build = CASES[name]
            rows = []
            for size in sizes:
                path = Path(tmp) / f"{name}_{size}{suffix}"
                path.write_text(build(size), encoding="utf-8")
                rows.append(run_case(path, settings))
                path.unlink()
            fates = sorted({r.fate for r in rows})
            kept = ", ".join(f"{r.kept:,}" for r in rows)
            comments = ", ".join(f"{r.comments:,}" for r in rows)
            print(f"{name}  (fates: {', '.join(fates)}; body characters kept: {kept}; comments: {comments})")
            # the stages after extraction work on the body kept, which need not grow as the page does
            body_growth = rows[-1].kept / rows[-2].kept if len(rows) > 1 and rows[-2].kept > 0 else 4.0
            for stage in STAGES:
                secs = [r.seconds[stage] for r in rows]
                growth = secs[-1] / secs[-2] if len(secs) > 1 and secs[-2] > 1e-4 else float("nan")
                allowed = args.flag * (1.0 if stage in ("ingest", "extract") else max(1.0, body_growth / 4))
                mark = ""
                if secs[-1] >= args.min_seconds and growth > allowed:
                    mark, flagged = "  <-- superlinear", flagged + 1
                print(f"  {stage:<10}" + "".join(f"{s:>9.3f}" for s in secs) + f"   x{growth:.1f}{mark}")
            print()
    print(f"{flagged} stage(s) grow past x{args.flag:g} per 4x size" if flagged else "every stage grows about linearly")


if __name__ == "__main__":
    main()
