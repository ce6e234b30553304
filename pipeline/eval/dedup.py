"""``pipeline eval dedup`` / ``python -m pipeline.eval.dedup``: precision and recall of near-duplicate detection.

A synthetic benchmark built from real text, with a fixed RNG seed:

* a sentence/clause pool from the real scrapes (``tests/data/seeds``, ``raw/``)
  and the gold texts of the extraction corpus, Traditional text converted with
  OpenCC ``t2s`` and pinyin annotations removed;
* ``--distinct`` distinct articles built by recombining clauses into new
  sentences and sentences into paragraphs. They come in title families: every
  family shares one (or a near-identical) title and the same opening formula
  (``随着移动支付的普及…``) and closing line, and differs in body - the trap:
  they are NOT duplicates;
* planted copies of some of them with known edits: sentence swaps,
  insertions, deletions, changed words, header/footer boilerplate,
  Traditional twins (``s2t`` -> ``t2s`` and ``s2twp`` -> ``tw2sp``, as the
  normalise stage would), clipped copies, and mixes; most get another title,
  site, URL and date.

Every document goes through :func:`pipeline.dedup.prepare_document` and one
:func:`pipeline.dedup.resolve` (``--mode single``), or the originals are
indexed by a first run in a real SQLite file and the copies resolved by a
second run (``--mode cross``). A planted copy counts as found when it ends in
the same predicted cluster as its original; a duplicate decision is correct
when both documents belong to the same planted cluster. Recall is reported by
edit kind and by the true Jaccard of (copy, original) shingle sets; precision
overall; and the merges between distinct articles of one title family.

Exit status 1 when a target is missed (``--check``): recall >= 0.98 for
copies with Jaccard >= 0.8 and for Traditional twins, precision >= 0.99,
no merged title-family siblings.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.config import Settings

REPO = Path(__file__).resolve().parents[2]
SOURCES = [
    REPO / "tests" / "data" / "seeds",
    REPO / "raw",
    REPO / "benchmarks" / "corpus" / "extraction",
]
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)", re.I)
_SENT = re.compile(r"(?<=[。！？!?；;])|\n")
_HAN = re.compile(r"[\u4e00-\u9fff]")

TITLES = [
    "支付宝逾期了要上门如何应对", "信用卡逾期协商还款流程", "网贷逾期会不会影响征信",
    "移动支付安全指南", "花呗逾期一天有影响吗", "个人征信报告怎么查询", "新能源汽车补贴政策解读",
    "夏季养生注意事项", "孩子近视怎么办", "小微企业贷款申请条件", "房贷提前还款划算吗",
    "老人防诈骗十大提醒", "春运抢票攻略", "医保异地报销流程", "电动自行车新国标解读",
    "考研复习时间规划", "跨境电商入门指南", "短视频运营技巧", "家庭理财的基本原则", "高温天气防暑指南",
]
OPENINGS = [
    "随着移动支付的普及，越来越多的人开始使用手机完成日常消费和转账。",
    "近年来，随着互联网金融的快速发展，各类借贷产品层出不穷，给人们的生活带来了便利。",
    "在当今社会，信息技术的迅猛发展深刻改变了人们的生产生活方式。",
    "随着生活水平的不断提高，人们对健康和品质生活的关注度越来越高。",
    "近日，不少网友在社交平台上咨询相关问题，引发了广泛关注和讨论。",
]
CLOSINGS = [
    "以上就是本文的全部内容，希望对大家有所帮助。",
    "总之，遇到问题时要冷静应对，必要时寻求专业人士的帮助。",
    "更多相关资讯，请持续关注本站的后续报道。",
]
HEADERS = [
    "来源：{site} 编辑：{editor} 发布时间：{date}",
    "本文转载自{site}，版权归原作者所有，如有侵权请联系删除。",
    "点击上方蓝字关注我们，获取更多精彩内容",
    "【{site}】讯",
]
FOOTERS = [
    "声明：本文内容来源于网络，仅供参考，不构成任何投资建议。",
    "责任编辑：{editor}",
    "版权声明：未经授权禁止转载，违者必究。",
    "扫描下方二维码，关注官方公众号，了解更多资讯。",
    "相关阅读：{title}（二）",
    "举报/反馈",
]
SITES = ["新浪财经", "搜狐网", "网易新闻", "腾讯新闻", "今日头条", "凤凰网", "东方财富网", "百家号", "澎湃新闻", "中华网"]
EDITORS = ["王磊", "李娜", "张伟", "刘洋", "陈静"]


# --------------------------------------------------------------------------- pool


def load_texts() -> list[str]:
    import opencc

    t2s = opencc.OpenCC("t2s")
    texts = []
    for root in SOURCES:
        if not root.exists():
            continue
        files = [root] if root.is_file() else sorted(
            p for p in root.rglob("*") if p.is_file() and (p.suffix == ".txt") and not p.name.startswith(".")
        )
        for p in files:
            try:
                texts.append(t2s.convert(_PINYIN.sub("", p.read_text(encoding="utf-8"))))
            except (OSError, UnicodeDecodeError):
                continue
    return texts


def sentence_pool(texts: list[str]) -> tuple[list[str], list[str]]:
    """(sentences, clauses) of mostly-Han text, deduplicated, in a stable order."""
    sents: dict[str, None] = {}
    clauses: dict[str, None] = {}
    for t in texts:
        for s in _SENT.split(t):
            s = s.strip().lstrip("#*-•>0123456789.、 ")
            if not 10 <= len(s) <= 140:
                continue
            if len(_HAN.findall(s)) < 0.7 * len(s):
                continue
            sents[s] = None
            for c in re.split(r"[，,；;。！？!?：:]", s):
                c = c.strip()
                if 5 <= len(c) <= 40 and len(_HAN.findall(c)) >= 0.8 * len(c):
                    clauses[c] = None
    return list(sents), list(clauses)


# --------------------------------------------------------------------------- corpus


@dataclass
class Item:
    path: str
    title: str
    paragraphs: list[str]
    site: str
    date: str
    url: str
    cluster: str  # planted truth: copies share their original's cluster
    family: int  # title family of the original
    kind: str = "original"  # original | sibling-check | <edit kind>
    level: float = 0.0  # edit intensity (kind-specific)
    base: str | None = None  # path of the original for a planted copy
    meta: dict = field(default_factory=dict)


class Generator:
    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.sents, self.clauses = sentence_pool(load_texts())
        if len(self.clauses) < 200:
            raise SystemExit(f"too little source text for the benchmark ({len(self.clauses)} clauses)")

    def sentence(self) -> str:
        r = self.rng
        if r.random() < 0.25:
            s = r.choice(self.sents)
            return s if s[-1] in "。！？!?；;" else s + "。"
        k = r.choice((2, 2, 3, 3, 4))
        return "，".join(r.choice(self.clauses) for _ in range(k)) + r.choice("。。。。！？")

    def paragraphs(self, n_chars: int) -> list[str]:
        out, total = [], 0
        while total < n_chars:
            p = "".join(self.sentence() for _ in range(self.rng.randint(2, 5)))
            out.append(p)
            total += len(p)
        return out

    def article(self, i: int, family: int) -> Item:
        r = self.rng
        title = TITLES[family % len(TITLES)]
        if r.random() < 0.3:  # near-identical title
            title = r.choice(["", "【干货】", "最新："]) + title + r.choice(["", "？", "（附流程）", "，一文看懂"])
        body = self.paragraphs(r.randint(700, 2200))
        body[0] = OPENINGS[family % len(OPENINGS)] + body[0]
        body.append(CLOSINGS[family % len(CLOSINGS)])
        site = r.choice(SITES)
        date = f"2024-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
        return Item(f"orig/{i:05d}.txt", title, body, site, date, f"https://{i}.example.com/a/{i}.html", f"c{i}", family)


def _split_sents(paragraphs: list[str]) -> list[list[str]]:
    return [[s for s in re.split(r"(?<=[。！？!?])", p) if s] for p in paragraphs]


def _join(sents: list[list[str]]) -> list[str]:
    return ["".join(p) for p in sents if p]


class Editor:
    """Planted edits; ``level`` is the kind's intensity."""

    def __init__(self, gen: Generator, seed: int) -> None:
        self.gen = gen
        self.rng = random.Random(seed)
        import opencc

        self.s2t = opencc.OpenCC("s2t")
        self.t2s = opencc.OpenCC("t2s")
        self.s2twp = opencc.OpenCC("s2twp")
        self.tw2sp = opencc.OpenCC("tw2sp")

    def swap(self, paras: list[str], level: float) -> list[str]:
        sents = _split_sents(paras)
        flat = [(i, j) for i, p in enumerate(sents) for j in range(len(p))]
        for _ in range(max(1, int(level * len(flat)))):
            (a, b), (c, d) = self.rng.sample(flat, 2)
            sents[a][b], sents[c][d] = sents[c][d], sents[a][b]
        return _join(sents)

    def insert(self, paras: list[str], level: float) -> list[str]:
        sents = _split_sents(paras)
        n = sum(len(p) for p in sents)
        for _ in range(max(1, int(level * n))):
            p = self.rng.randrange(len(sents))
            sents[p].insert(self.rng.randint(0, len(sents[p])), self.gen.sentence())
        return _join(sents)

    def delete(self, paras: list[str], level: float) -> list[str]:
        sents = _split_sents(paras)
        flat = [(i, j) for i, p in enumerate(sents) for j in range(len(p))]
        drop = set(self.rng.sample(flat, max(1, int(level * len(flat)))))
        return _join([[s for j, s in enumerate(p) if (i, j) not in drop] for i, p in enumerate(sents)])

    def words(self, paras: list[str], level: float) -> list[str]:
        """Change ``level`` of the characters in short runs (a changed word every few sentences)."""
        out = []
        for p in paras:
            chars = list(p)
            han = [k for k, ch in enumerate(chars) if _HAN.match(ch)]
            for _ in range(int(level * len(han) / 2 + self.rng.random())):
                if not han:
                    break
                k = self.rng.choice(han)
                repl = self.rng.choice(self.gen.clauses)
                w = self.rng.randint(1, 3)
                chars[k : k + 2] = list(repl[:w])
            out.append("".join(chars))
        return out

    def boilerplate(self, paras: list[str], level: float, item: Item) -> list[str]:
        ctx = {"site": self.rng.choice(SITES), "editor": self.rng.choice(EDITORS), "date": item.date, "title": item.title}
        k = max(1, int(level))
        head = [h.format(**ctx) for h in self.rng.sample(HEADERS, min(k, len(HEADERS)))]
        foot = [f.format(**ctx) for f in self.rng.sample(FOOTERS, min(k + 1, len(FOOTERS)))]
        return head + list(paras) + foot

    def clip(self, paras: list[str], level: float) -> list[str]:
        text_len = sum(len(p) for p in paras)
        out, n = [], 0
        for p in paras:
            if n >= level * text_len:
                break
            out.append(p)
            n += len(p)
        return out + (["（未完，点击阅读全文）"] if self.rng.random() < 0.5 else [])

    def trad(self, paras: list[str], level: float) -> tuple[list[str], str]:
        if level >= 1:  # Taiwan phrasing, normalised back with the regional config
            return [self.tw2sp.convert(self.s2twp.convert(p)) for p in paras], "tw"
        return [self.t2s.convert(self.s2t.convert(p)) for p in paras], "t"


PLAN: list[tuple[str, list[float]]] = [
    ("exact", [0.0]),
    ("swap", [0.05, 0.15, 0.3]),
    ("insert", [0.05, 0.1, 0.2, 0.35, 0.5]),
    ("delete", [0.05, 0.1, 0.2, 0.3, 0.4]),
    ("words", [0.005, 0.01, 0.02, 0.03, 0.05, 0.08]),
    ("boilerplate", [1, 2, 3]),
    ("trad", [0, 1]),
    ("clip", [0.4, 0.55, 0.7, 0.85]),
    ("mixed", [1, 2, 3, 4]),
]


def build_corpus(distinct: int = 400, copies: int = 900, seed: int = 7) -> list[Item]:
    gen = Generator(seed)
    ed = Editor(gen, seed + 1)
    families = max(1, len(TITLES))
    items = [gen.article(i, i % families) for i in range(distinct)]
    # template families: a third of the originals reuse their family's whole lead paragraph and closing
    # paragraph (spun SEO articles from one template): ~20-30 % shared text, still different articles
    first_of: dict[int, Item] = {}
    for it in items:
        lead = first_of.setdefault(it.family, it)
        if lead is not it and it.family % 3 == 0:
            it.paragraphs = [lead.paragraphs[0]] + it.paragraphs[1:-1] + lead.paragraphs[-2:]
            it.kind = "template"
    rng = random.Random(seed + 2)
    kinds = [(k, lv) for k, lvs in PLAN for lv in lvs]
    out = list(items)
    for n in range(copies):
        base = items[rng.randrange(distinct)]
        kind, level = kinds[n % len(kinds)]
        paras = list(base.paragraphs)
        meta: dict = {}
        if kind == "swap":
            paras = ed.swap(paras, level)
        elif kind == "insert":
            paras = ed.insert(paras, level)
        elif kind == "delete":
            paras = ed.delete(paras, level)
        elif kind == "words":
            paras = ed.words(paras, level)
        elif kind == "boilerplate":
            paras = ed.boilerplate(paras, level, base)
        elif kind == "clip":
            paras = ed.clip(paras, level)
        elif kind == "trad":
            paras, meta["variant"] = ed.trad(paras, level)
        elif kind == "mixed":
            paras = ed.words(paras, 0.005 * level)
            paras = ed.delete(paras, 0.04 * level)
            paras = ed.insert(paras, 0.04 * level)
            paras = ed.boilerplate(paras, 1, base)
        title = base.title if rng.random() < 0.3 else rng.choice(["转载：", "", "【热点】"]) + rng.choice(TITLES)
        site = rng.choice(SITES)
        date = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        out.append(
            Item(
                f"copy/{n:05d}.txt", title, paras, site, date, f"https://{site}.example.com/{n}",
                base.cluster, base.family, kind, float(level), base.path, meta,
            )
        )
    rng.shuffle(out)
    return out


# --------------------------------------------------------------------------- evaluation


def to_document(item: Item):
    from pipeline.record import Document, Section

    return Document(
        path=item.path, title=item.title, url=item.url, site_name=item.site, published_at=item.date,
        sections=[Section(heading=None, paragraphs=list(item.paragraphs))],
    )


def true_jaccard(a: Item, b: Item, settings: Settings) -> tuple[float, float]:
    from pipeline.dedup import minhash as mh

    sa = mh.shingle_set(mh.shingle_hashes(mh.body_key("\n".join(a.paragraphs)), settings.dedup.ngram))
    sb = mh.shingle_set(mh.shingle_hashes(mh.body_key("\n".join(b.paragraphs)), settings.dedup.ngram))
    return mh.overlap(sa, sb)


def bucket(j: float) -> str:
    if j >= 0.9:
        return "0.90-1.00"
    for lo in (0.8, 0.7, 0.6, 0.5):
        if j >= lo:
            return f"{lo:.2f}-{lo + 0.1:.2f}"
    return "<0.50"


def evaluate(items: list[Item], settings: Settings, mode: str = "single", db: Path | None = None) -> dict:
    from pipeline import dedup

    by_path = {it.path: it for it in items}
    t0 = time.perf_counter()
    docs = [to_document(it) for it in items]
    dedup.prepare_batch(docs, settings)
    t_prep = time.perf_counter() - t0
    cands = {d.path: dedup.candidate(d) for d in docs}
    ids = {d.path: d.id for d in docs}

    with tempfile.TemporaryDirectory() as tmp:
        path = db or Path(tmp) / "index.sqlite"
        conn = sqlite3.connect(path, isolation_level=None)
        dedup.ensure_schema(conn)
        t1 = time.perf_counter()
        decisions: dict[str, object] = {}
        if mode == "cross":
            first = [cands[it.path] for it in items if it.base is None]
            second = [cands[it.path] for it in items if it.base is not None]
            r1 = dedup.resolve(first, conn, settings)
            conn.execute("BEGIN")
            dedup.index_articles(conn, [c for c in first if r1.decisions[c.path].duplicate_of is None], "run-1")
            conn.execute("COMMIT")
            r2 = dedup.resolve(second, conn, settings)
            decisions = {**r1.decisions, **r2.decisions}
            verified = r1.stats.get("verified_pairs", 0) + r2.stats.get("verified_pairs", 0)
        else:
            r = dedup.resolve(list(cands.values()), conn, settings)
            decisions = dict(r.decisions)
            verified = r.stats.get("verified_pairs", 0)
        t_res = time.perf_counter() - t1
        conn.close()

    # predicted cluster label: the canonical id; map ids of canonicals back to their documents
    canon_doc: dict[str, str] = {}
    for p, d in decisions.items():
        if d.duplicate_of is None:
            canon_doc.setdefault(ids[p], p)
    label = {p: (d.duplicate_of or ids[p]) for p, d in decisions.items()}

    def target_doc(p: str) -> str | None:
        d = decisions[p]
        if d.duplicate_of is None:
            return None
        t = canon_doc.get(d.duplicate_of)
        if t is None:  # exact copy of a canonical with the same id
            t = next((q for q, i in ids.items() if i == d.duplicate_of and decisions[q].duplicate_of is None), None)
        return t

    dup_total = dup_wrong = 0
    sibling_merges = 0
    wrong_examples = []
    for p, d in decisions.items():
        if d.duplicate_of is None:
            continue
        dup_total += 1
        target = target_doc(p)
        if target is None or by_path[target].cluster != by_path[p].cluster:
            dup_wrong += 1
            if target is not None and by_path[target].family == by_path[p].family:
                sibling_merges += 1
            if len(wrong_examples) < 10:
                wrong_examples.append({"doc": p, "kind": by_path[p].kind, "target": target, "sim": d.similarity, "method": d.method})

    rec_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    rec_bucket: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    kind_j: dict[str, list[float]] = defaultdict(list)
    for it in items:
        if it.base is None:
            continue
        base = by_path[it.base]
        j, c = true_jaccard(it, base, settings)
        # found: in the original's predicted cluster, or verified duplicate of another copy of the same original
        # (two expanded republications that are not copies of each other can each be canonical)
        tgt = target_doc(it.path)
        found = label[it.path] == label[base.path] or (tgt is not None and by_path[tgt].cluster == it.cluster)
        kind = f"{it.kind}:{it.level:g}" + (f":{it.meta['variant']}" if it.meta.get("variant") else "")
        for key, table in ((kind, rec_kind), (bucket(j), rec_bucket)):
            table[key][0] += int(found)
            table[key][1] += 1
        kind_j[kind].append(j)
        it.meta["j"], it.meta["c"] = j, c
        if not found and (j >= 0.8 or it.kind == "trad") and len(misses) < 10:
            misses.append({"doc": it.path, "kind": kind, "jaccard": round(j, 3), "containment": round(c, 3)})

    # the hardest negatives: distinct originals of one title family (same title, opening, closing)
    from pipeline.dedup import minhash as mh

    sets = {
        it.path: mh.shingle_set(mh.shingle_hashes(mh.body_key("\n".join(it.paragraphs)), settings.dedup.ngram))
        for it in items
        if it.base is None
    }
    fam: dict[int, list[str]] = defaultdict(list)
    for it in items:
        if it.base is None:
            fam[it.family].append(it.path)
    neg_j = neg_c = 0.0
    for paths in fam.values():
        for a in range(len(paths)):
            for b in range(a + 1, len(paths)):
                j, c = mh.overlap(sets[paths[a]], sets[paths[b]])
                neg_j, neg_c = max(neg_j, j), max(neg_c, c)

    def rate(t: dict) -> dict:
        return {k: {"recall": round(v[0] / v[1], 4), "n": v[1]} for k, v in sorted(t.items())}

    hi = [sum(rec_bucket[b][i] for b in ("0.80-0.90", "0.90-1.00") if b in rec_bucket) for i in (0, 1)]
    trad = [sum(v[i] for k, v in rec_kind.items() if k.startswith("trad")) for i in (0, 1)]
    return {
        "mode": mode,
        "params": settings.dedup.model_dump(exclude={"index_path"}),
        "documents": len(items),
        "originals": sum(1 for it in items if it.base is None),
        "planted_copies": sum(1 for it in items if it.base is not None),
        "precision": round(1 - dup_wrong / dup_total, 4) if dup_total else 1.0,
        "duplicates_reported": dup_total,
        "false_merges": dup_wrong,
        "title_family_merges": sibling_merges,
        "title_family_max_jaccard": round(neg_j, 4),
        "title_family_max_containment": round(neg_c, 4),
        "recall_jaccard_ge_0.8": round(hi[0] / hi[1], 4) if hi[1] else None,
        "recall_trad": round(trad[0] / trad[1], 4) if trad[1] else None,
        "recall_by_jaccard": rate(rec_bucket),
        "recall_by_edit": {
            k: {**v, "jaccard_mean": round(sum(kind_j[k]) / len(kind_j[k]), 3), "jaccard_min": round(min(kind_j[k]), 3)}
            for k, v in rate(rec_kind).items()
        },
        "misses": misses,
        "false_merge_examples": wrong_examples,
        "seconds": {"prepare": round(t_prep, 3), "resolve": round(t_res, 3)},
        "verified_pairs": verified,
    }


def check(report: dict) -> list[str]:
    fails = []
    if (report["recall_jaccard_ge_0.8"] or 0) < 0.98:
        fails.append(f"recall(J>=0.8) {report['recall_jaccard_ge_0.8']} < 0.98")
    if (report["recall_trad"] or 0) < 0.98:
        fails.append(f"recall(trad) {report['recall_trad']} < 0.98")
    if report["precision"] < 0.99:
        fails.append(f"precision {report['precision']} < 0.99")
    if report["title_family_merges"]:
        fails.append(f"{report['title_family_merges']} distinct same-title articles merged")
    return fails


def format_report(r: dict) -> str:
    lines = [
        f"mode={r['mode']} params={r['params']}",
        f"documents={r['documents']} originals={r['originals']} planted copies={r['planted_copies']}",
        f"precision={r['precision']} (duplicates reported {r['duplicates_reported']}, false merges "
        f"{r['false_merges']}, same-title-family merges {r['title_family_merges']})",
        f"recall J>=0.8: {r['recall_jaccard_ge_0.8']}   recall Trad twins: {r['recall_trad']}",
        f"distinct same-title articles: max Jaccard {r['title_family_max_jaccard']}, "
        f"max containment {r['title_family_max_containment']} (thresholds {r['params']['threshold']}, "
        f"{r['params']['containment_threshold']})",
        "recall by true Jaccard of (copy, original):",
    ]
    lines += [f"  {k:10s} {v['recall']:.4f}  (n={v['n']})" for k, v in r["recall_by_jaccard"].items()]
    lines.append("recall by edit kind:level:")
    lines += [
        f"  {k:18s} {v['recall']:.4f}  (n={v['n']}, Jaccard mean {v['jaccard_mean']:.3f}, min {v['jaccard_min']:.3f})"
        for k, v in r["recall_by_edit"].items()
    ]
    lines.append(
        f"time: prepare {r['seconds']['prepare']}s, resolve {r['seconds']['resolve']}s; "
        f"pairs verified on shingle sets: {r['verified_pairs']}"
    )
    if r["misses"]:
        lines.append(f"misses (J>=0.8 or trad): {r['misses']}")
    if r["false_merge_examples"]:
        lines.append(f"false merges: {r['false_merge_examples']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="pipeline eval dedup", description=__doc__.split("\n\n")[0])
    ap.add_argument("--distinct", type=int, default=400, help="distinct original articles")
    ap.add_argument("--copies", type=int, default=900, help="planted copies")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--mode", choices=["single", "cross", "both"], default="both")
    ap.add_argument("--ngram", type=int)
    ap.add_argument("--num-perm", type=int)
    ap.add_argument("--bands", type=int)
    ap.add_argument("--threshold", type=float)
    ap.add_argument("--containment-threshold", type=float)
    ap.add_argument("--json", type=Path, help="also write the full report as JSON here")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args(argv)

    settings = Settings()
    over = {
        k: v
        for k, v in {
            "ngram": args.ngram, "num_perm": args.num_perm, "bands": args.bands,
            "threshold": args.threshold, "containment_threshold": args.containment_threshold,
        }.items()
        if v is not None
    }
    if over:
        settings = settings.model_copy(update={"dedup": settings.dedup.model_copy(update=over)})
    items = build_corpus(args.distinct, args.copies, args.seed)
    modes = ["single", "cross"] if args.mode == "both" else [args.mode]
    reports = []
    failed = False
    for mode in modes:
        import copy

        r = evaluate(copy.deepcopy(items), settings, mode)
        reports.append(r)
        print(format_report(r))
        fails = check(r)
        if fails:
            failed = True
            print("TARGET MISSED: " + "; ".join(fails))
        print()
    if args.json:
        args.json.write_text(json.dumps(reports, ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if (failed and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())

