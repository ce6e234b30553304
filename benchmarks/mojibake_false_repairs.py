"""Clean text the mojibake repair must leave alone, and mojibake it must still repair (a measure, not a test).

The CJK run repair (:func:`pipeline.normalize.mojibake.fix_cjk`) re-decodes runs of uncommon
characters; rare but real characters (names, Cantonese, kana, Russian words, euro amounts) look
like such runs. This counts, on generated and real text:

* **clean sentences changed**: rare name characters (each alone, doubled and in a name), kana and
  Russian words, box drawing, euro amounts, Cantonese clauses, each inside a Chinese sentence;
* **real paragraphs changed**: every line of ``../shared/corpus/pages/pages.jsonl`` and of the gold
  texts of the HTML corpora that the CJK repair changes, listed with ``--show`` (read there by
  path; a one-line message when absent);
* **mojibake repaired**: common two-character words (jieba's dictionary) as UTF-8 read as GBK
  inside a clean sentence, exactly repaired; and whole sentences so garbled with replacement
  characters, through ingest and normalisation, repaired but for the lost characters' □.

    .venv/bin/python benchmarks/mojibake_false_repairs.py [--show]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from difflib import SequenceMatcher
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.eval import extraction  # noqa: E402
from pipeline.eval.real import DEFAULT_PAGES  # noqa: E402
from pipeline.normalize import normalize_text  # noqa: E402
from pipeline.normalize.misread import repair_lines  # noqa: E402
from pipeline.normalize.mojibake import fix_cjk  # noqa: E402

NAME_CHARS = "彧燚犇淼垚鑫喆堃昶玥珺祎翀赟龑旻琇婧妘铖锟镕嫣翊湉沅芃轩皓晟骞婕岚瑄璟琰瑾玮禛钰铠昕晔炜烜焱煜熠珩琛瑜璐晗"
WORDS = ["カード", "ペイペイ", "サラ金", "ドラえもん", "ありがとう", "Сбербанк", "Київ", "┌─┐", "€100", "100€", "€ 30"]
CANTONESE = ["佢哋喺網上買嘢", "我哋冇慳到錢", "千祈唔好搵廣告嗰啲一筆清", "咁樣比較易批", "你可以點做呢"]
SENTENCES = ["花呗逾期了怎么办，催收说要上门找我的家人。", "信用卡逾期三个月，银行打电话说要起诉我。",
             "网贷平台的催收人员每天打电话骚扰我的通讯录联系人。", "借呗逾期后个人征信会受到影响，建议尽快联系客服申请分期。"]


def clean_cases() -> list[str]:
    out = []
    for c in NAME_CHARS:
        out += [f"我的律师叫王{c}，他说逾期不用怕。", f"{c}{c}借了花呗。", f"喜欢{c}字。"]
    out += [f"所谓「{w}」就是这个意思，欠款要还。" for w in WORDS]
    out += [f"{c}，呢个问题要问清楚。" for c in CANTONESE]
    return out


def planted_words() -> list[tuple[str, str]]:
    import jieba

    words = sorted(((int(f), w) for w, f, *_ in (ln.split() for ln in jieba.get_dict_file().read().decode("utf-8").splitlines())
                    if re.fullmatch(r"[\u4e00-\u9fff]{2}", w)), reverse=True)
    out = []
    for _f, w in words[:600]:
        try:
            out.append((w, w.encode("utf-8").decode("gbk")))
        except UnicodeDecodeError:
            continue
    return out


def real_lines(pages: Path) -> list[str]:
    lines: list[str] = []
    if pages.exists():
        lines += [ln for row in (json.loads(x) for x in pages.open(encoding="utf-8")) for ln in row["text"].split("\n")]
    for corpus in extraction.default_corpora():
        for gold in sorted(corpus.rglob("*.txt")):
            lines += gold.read_text(encoding="utf-8", errors="replace").split("\n")
    return [ln for ln in lines if ln.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path, default=DEFAULT_PAGES, help="the real page texts (pages.jsonl)")
    ap.add_argument("--show", action="store_true", help="list every changed clean sentence and real line")
    args = ap.parse_args(argv)

    cases = clean_cases()
    changed = [(c, fix_cjk(c)[0]) for c in cases if fix_cjk(c)[0] != c]
    print(f"clean sentences changed:  {len(changed)} of {len(cases)}")
    lines = real_lines(args.pages)
    if not lines:
        print(f"real lines: none found (pass --pages, and put the corpora at {extraction.default_corpora()})")
    real_changed = [(ln, fix_cjk(ln)[0]) for ln in lines if fix_cjk(ln)[0] != ln]
    print(f"real lines changed:       {len(real_changed)} of {len(lines)}")
    planted = planted_words()
    exact = sum(fix_cjk(f"我们今天讨论{g}这个问题。")[0] == f"我们今天讨论{w}这个问题。" for w, g in planted)
    print(f"a garbled word repaired:  {exact} of {len(planted)} (a common two-character word, UTF-8 read as GBK, alone in a clean sentence)")
    whole = [(s, s.encode("utf-8").decode("gbk", errors="replace")) for s in SENTENCES]
    fixed = 0
    for s, g in whole:  # as a page gives them: repaired at ingest, then normalised
        out, _ = normalize_text(repair_lines(g)[0])
        fixed += SequenceMatcher(None, out, s).ratio() >= 0.75 and all(c in s for c in out if c != "□")
    print(f"a garbled sentence:       {fixed} of {len(whole)} repaired but for □ (UTF-8 read as GBK with replacement, ingest + normalise)")
    if args.show:
        for before, after in changed + real_changed:
            print(f"  {before[:80]!r} -> {after[:80]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
