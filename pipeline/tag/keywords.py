"""Top keywords per article: TF-IDF over the tagger's jieba tokens with a domain-adjusted IDF.

The IDF of a word is jieba's general-purpose table (``analyse/idf.txt`` of the
installed jieba), blended with a domain table built from this genre's corpus
(``idf_domain.txt``, rebuilt with ``python -m pipeline.tag.build_idf``): the
general IDF of a word is multiplied by ``sqrt(domain_idf / max_domain_idf)``, so
words every overdue-debt article uses (逾期, 还款, 平台 ...) rank below the words
that tell one article from another. Loaded once per process.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from pathlib import Path

from pipeline.tag import segment

DOMAIN_IDF = Path(__file__).resolve().parent / "idf_domain.txt"
DOMAIN_POWER = 0.5  # general IDF x (domain IDF / max domain IDF) ** DOMAIN_POWER

_WORD = re.compile(r"^(?:[\u4e00-\u9fff]{2,}|[A-Za-z][A-Za-z0-9.+-]{2,}|[A-Z]{2})$")

STOPWORDS = frozenset(
    """
    我们 你们 他们 自己 可以 如果 因为 所以 但是 而且 或者 以及 进行 需要 一个 没有 什么 这种 那种 这些 那些
    这样 那样 通过 情况 问题 相关 时候 可能 应该 然后 其他 对于 已经 同时 方式 一定 不会 不是 比如 这个 那个
    那么 一些 不要 非常 就是 还是 只是 只要 还有 还会 还能 以及 并且 不过 因此 为了 由于 虽然 尽管 如何 怎么
    怎样 为什么 是否 是不是 能否 有些 有的 很多 许多 各种 任何 所有 每个 之后 之前 以后 以前 目前 现在 当前
    之一 之间 其中 其实 确实 真的 一般 主要 重要 首先 其次 最后 总之 另外 此外 例如 包括 以下 以上 方面 过程
    时间 方法 部分 内容 本文 小编 大家 用户 朋友 人们 我们 今天 一下 出现 产生 导致 影响 造成 保持 及时 尽量
    尽快 已经 能够 不能 无法 可能会 也是 就会 就是说 这里 那里 哪些 多少 有点 还要 要求 根据 按照 采取 使用
    作为 成为 认为 表示 得到 提供 发生 具有 属于 存在 以免 避免 注意 了解 知道 希望 帮助 选择 一旦 如果说
    """.split()  # noqa: SIM905 - a word list reads better as text
)

_LOCK = threading.Lock()
_IDF: dict[str, float] | None = None
_MEDIAN = 10.0


def _read_table(path: Path) -> dict[str, float]:
    table: dict[str, float] = {}
    if not path.is_file():
        return table
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 2:
                try:
                    table[parts[0]] = float(parts[1])
                except ValueError:
                    continue
    return table


def idf_table() -> tuple[dict[str, float], float]:
    """The blended IDF table and the value used for unknown words (loaded once; derived once per machine)."""
    global _IDF, _MEDIAN
    if _IDF is None:
        with _LOCK:
            if _IDF is None:
                from pipeline import resource_cache

                general_path = segment.jieba_dir() / "analyse" / "idf.txt"
                key = resource_cache.digest(code=[_blend, _read_table], packages=[],
                                            files=[general_path, DOMAIN_IDF])
                _IDF, _MEDIAN = resource_cache.cached("idf", key, lambda: _blend(general_path))
    return _IDF, _MEDIAN


def _blend(general_path: Path) -> tuple[dict[str, float], float]:
    general = _read_table(general_path)
    values = sorted(general.values())
    median = values[len(values) // 2] if values else 10.0
    domain = _read_table(DOMAIN_IDF)
    top = max(domain.values(), default=1.0)
    for word, d in domain.items():
        # words every article of the genre uses are damped, rare ones keep the general IDF
        general[word] = general.get(word, median) * (d / top) ** DOMAIN_POWER
    return general, median


_CANDIDATE: dict[str, bool] = {}


def candidate(word: str) -> bool:
    """A keyword candidate: two or more Han characters (or a Latin word), not a stop word (memoised)."""
    ok = _CANDIDATE.get(word)
    if ok is None:
        ok = bool(_WORD.match(word)) and word not in STOPWORDS
        if len(_CANDIDATE) < 500_000:
            _CANDIDATE[word] = ok
    return ok


def top_keywords(tokens: list[str], n: int) -> list[tuple[str, float]]:
    """The ``n`` best (word, weight) by TF-IDF, weight = tf/total * idf, rounded to 4 places."""
    if n <= 0:
        return []
    counts = Counter(tokens)
    for w in [w for w in counts if not candidate(w)]:
        del counts[w]
    total = sum(counts.values())
    if not total:
        return []
    idf, median = idf_table()
    scored = [(w, c / total * idf.get(w, median)) for w, c in counts.items()]
    scored.sort(key=lambda x: (-x[1], x[0]))
    return [(w, round(s, 4)) for w, s in scored[:n]]
