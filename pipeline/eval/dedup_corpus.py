"""The synthetic corpus of ``pipeline eval dedup``: real sentences recombined, copies planted with known edits.

Built from the real scrapes kept in the repository (``tests/data/seeds``,
``raw/``), Traditional text converted with OpenCC ``t2s`` and pinyin
annotations removed. :func:`build_corpus` makes the distinct articles in title
families (same title, opening and closing, different body: the trap) and the
planted copies (sentence swaps, insertions, deletions, changed words,
header/footer boilerplate, Traditional twins, clipped copies, mixes), each
:class:`Item` knowing the cluster it belongs to. The evaluation is in
:mod:`pipeline.eval.dedup`.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.eval.bundled import bundled_raw

REPO = Path(__file__).resolve().parents[2]
SOURCES = [
    REPO / "tests" / "data" / "seeds",
    REPO / "raw",
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
        listed = [root / p for p in bundled_raw(REPO)] if root == REPO / "raw" else root.rglob("*")
        files = [root] if root.is_file() else sorted(
            p for p in listed if p.is_file() and (p.suffix == ".txt") and not p.name.startswith(".")
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
    ("clip", [0.25, 0.4, 0.55, 0.7, 0.85]),
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
