"""Build a raw/ directory of N documents for scale and throughput benchmarks.

The mix, by default (every share is a parameter):

* 30 % real-size HTML pages (150 KB or more): the real pages of
  ``../shared/corpus/extraction*/`` that are that large, read there by path (never
  copied into this repository), with every run of Han characters replaced by
  prose drawn at random from this repository's own texts, so the markup, the
  boilerplate layout and the size are real while no two pages are duplicates.
  Without the corpus, pages of the same size are generated (navigation, inline
  scripts and styles, related lists, comments, footer around a sectioned body).
* 15 % smaller real HTML pages (the rest of the corpus), prose swapped the same way;
* 45 % plain-text scrapes shaped like ``raw/`` and the seeds (title, breadcrumb,
  date and source lines, sectioned body, disclaimer, ICP footer);
* 8 % near copies of earlier documents (a few sentences changed, another frame);
* 2 % bad inputs (empty, binary, English).

The prose pool is the repository's own text: ``tests/data/tagging/gold.jsonl``
(written for this project), ``tests/data/seeds`` and ``raw/``.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
REAL_SIZE = 150_000

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_SENT = re.compile(r"[^。！？\n]+[。！？]")


def prose_pool() -> str:
    """Chinese prose from the repository's own texts, as one string of sentences."""
    texts: list[str] = []
    gold = REPO / "tests" / "data" / "tagging" / "gold.jsonl"
    if gold.is_file():
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line).get("text", ""))
    for folder in (REPO / "tests" / "data" / "seeds", REPO / "raw"):
        for p in sorted(folder.glob("*.txt")):
            texts.append(p.read_text(encoding="utf-8", errors="ignore"))
    sentences = [s.strip() for t in texts for s in _SENT.findall(t) if 8 <= len(s.strip()) <= 120]
    if not sentences:
        raise SystemExit("no prose found in tests/data or raw/")
    return "".join(sentences)


@dataclass
class Template:
    name: str
    parts: list[str]  # the page split on tags: text at even positions, tags at odd ones
    size: int


def load_templates(corpus: Path) -> list[Template]:
    """Real pages of the extraction corpora (decoded; their bytes are never written as they are)."""
    from pipeline.eval.extraction import decode

    out = []
    for manifest in sorted(corpus.glob("extraction*/MANIFEST.tsv")):
        base = manifest.parent
        for line in manifest.read_text(encoding="utf-8").splitlines()[1:]:
            cols = line.split("\t")
            html = next((c for c in cols if c.endswith((".html", ".htm"))), None)
            if not html or not (base / html).is_file():
                continue
            text = decode((base / html).read_bytes())
            if text is None:
                continue
            out.append(Template(f"{base.name}/{html}", _TAG_OR_TEXT.split(text), len(text.encode("utf-8"))))
    return out


class Generator:
    def __init__(self, seed: int = 7, corpus: Path | None = DEFAULT_CORPUS) -> None:
        self.rng = random.Random(seed)
        self.pool = prose_pool()
        self.templates = load_templates(corpus) if corpus is not None and corpus.is_dir() else []
        self.big = [t for t in self.templates if t.size >= REAL_SIZE]
        self.small = [t for t in self.templates if t.size < REAL_SIZE]
        self.sentences = _SENT.findall(self.pool)

    # ------------------------------------------------------------------ pieces
    def prose(self, n_chars: int) -> str:
        start = self.rng.randrange(0, max(1, len(self.pool) - n_chars))
        return self.pool[start : start + n_chars]

    def paragraph(self, lo: int = 2, hi: int = 6) -> str:
        return "".join(self.rng.choice(self.sentences) for _ in range(self.rng.randint(lo, hi)))

    def swap_prose(self, t: Template, sentences: bool = False, stretch: float = 1.0) -> str:
        """The template with every Han run of its text replaced by pool prose.

        By default a run gets a slice of the pool of the same length (the page keeps its size and its
        text density); with ``sentences`` every run of 8 characters or more gets whole sentences of
        at least ``stretch`` times its length instead (pages grow and carry more prose, as a page of
        long paragraphs).
        """
        def one(m: re.Match) -> str:
            n = len(m.group())
            if not sentences or n < 8:
                return self.prose(n)
            out = ""
            while len(out) < n * stretch:
                out += self.rng.choice(self.sentences)
            return out

        parts = list(t.parts)
        for i in range(0, len(parts), 2):  # text between tags (even positions after re.split with a group)
            if parts[i]:
                parts[i] = _HAN_RUN.sub(one, parts[i])
        return "".join(parts)

    def synthetic_page(self, target: int) -> str:
        """A generated page of about ``target`` bytes: real-page furniture around a sectioned body."""
        r = self.rng
        title = self.prose(r.randint(10, 24))
        nav = "".join(f'<li><a href="/c/{i}.html">{self.prose(4)}</a></li>' for i in range(r.randint(20, 60)))
        body = "".join(
            f"<h2>{'一二三四五六七八'[k]}、{self.prose(r.randint(6, 14))}</h2>"
            + "".join(f"<p>{self.paragraph()}</p>" for _ in range(r.randint(2, 5)))
            for k in range(r.randint(3, 7))
        )
        related = "".join(f'<li><a href="/a/{r.randrange(10**6)}.html">{self.prose(r.randint(12, 24))}</a></li>'
                          for _ in range(r.randint(10, 30)))
        comments = "".join(f'<div class="comment"><span class="user">网友{r.randrange(10**4)}</span>'
                           f"<p>{self.paragraph(1, 2)}</p></div>" for _ in range(r.randint(0, 6)))
        head = (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}_{self.prose(4)}网</title>"
                f"<style>{'.c%d{margin:0;padding:%dpx}' * 8}</style></head><body>")
        page = (f'{head}<div id="nav"><ul>{nav}</ul></div><div class="crumb"><a href="/">首页</a> &gt; '
                f'{self.prose(4)}</div><div class="article"><h1>{title}</h1><div class="info">2024-0{r.randint(1, 9)}-1'
                f'{r.randint(0, 9)} 来源：{self.prose(4)}</div><div class="content">{body}</div></div>'
                f'<div class="related"><h3>相关文章</h3><ul>{related}</ul></div><div class="comments">{comments}</div>'
                f'<div class="footer">Copyright © 2024 {self.prose(4)}网 版权所有 京ICP备{r.randrange(10**8)}号</div>')
        pad = []
        size = len(page.encode("utf-8"))
        while size < target:  # inline scripts and data blobs, as real pages carry
            chunk = "<script>var d=" + json.dumps([r.randrange(10**9) for _ in range(400)]) + ";</script>"
            pad.append(chunk)
            size += len(chunk)
        return page + "".join(pad) + "</body></html>"

    def text_scrape(self) -> str:
        r = self.rng
        title = self.prose(r.randint(10, 24))
        lines = [title, f"首页 > {self.prose(4)} > {self.prose(4)}",
                 f"2024-{r.randint(1, 12):02d}-{r.randint(1, 28):02d} 来源：{self.prose(4)} 阅读：{r.randrange(10**4)}",
                 title]
        for k in range(r.randint(2, 6)):
            lines.append(f"{'一二三四五六'[k]}、{self.prose(r.randint(6, 14))}")
            lines += [self.paragraph() for _ in range(r.randint(1, 4))]
        lines += ["免责声明：本文内容来源于网络，仅供参考，如有侵权请联系删除。",
                  f"Copyright © 2024 {self.prose(4)}网 版权所有 京ICP备{r.randrange(10**8)}号"]
        return "\n".join(lines) + "\n"

    def near_copy(self, text: str) -> str:
        """A republication: a few sentences changed, a different frame line on top."""
        if text.lstrip().startswith("<"):  # a page: change a few runs of its text, never its markup
            runs = list(_HAN_RUN.finditer(text))
            for m in sorted(self.rng.sample(runs, min(len(runs), max(1, len(runs) // 40))),
                            key=lambda m: -m.start()):
                text = text[: m.start()] + self.prose(len(m.group())) + text[m.end():]
            return text
        sents = _SENT.findall(text)
        for _ in range(max(1, len(sents) // 25)):
            if sents:
                old = self.rng.choice(sents)
                text = text.replace(old, self.rng.choice(self.sentences), 1)
        return f"转载自{self.prose(4)}网\n{text}"

    # ------------------------------------------------------------------ corpus
    def write(self, raw: Path, n: int, real_share: float = 0.30, small_html_share: float = 0.15,
              dup_share: float = 0.08, bad_share: float = 0.02) -> dict:
        """Write ``n`` inputs under ``raw``; returns counts and bytes by kind."""
        raw.mkdir(parents=True, exist_ok=True)
        counts: dict[str, int] = {}
        nbytes: dict[str, int] = {}
        recent: list[tuple[str, str]] = []  # (suffix, text) of recent documents, for near copies
        kinds = (["real"] * int(round(real_share * 1000)) + ["small_html"] * int(round(small_html_share * 1000))
                 + ["dup"] * int(round(dup_share * 1000)) + ["bad"] * int(round(bad_share * 1000)))
        kinds += ["text"] * max(0, 1000 - len(kinds))
        order = [kinds[i % 1000] for i in range(n)]
        self.rng.shuffle(order)
        for i, kind in enumerate(order):
            if kind == "dup" and not recent:
                kind = "text"
            if kind == "real":
                body = self.swap_prose(self.rng.choice(self.big)) if self.big else self.synthetic_page(
                    self.rng.randint(REAL_SIZE, 260_000))
                suffix = ".html"
            elif kind == "small_html":
                body = self.swap_prose(self.rng.choice(self.small)) if self.small else self.synthetic_page(
                    self.rng.randint(20_000, 120_000))
                suffix = ".html"
            elif kind == "dup":
                suffix, src = self.rng.choice(recent)
                body = self.near_copy(src)
            elif kind == "bad":
                suffix, body = self.rng.choice([(".txt", ""), (".html", "<html><body><p>" + "Plain English page. " * 40
                                                                  + "</p></body></html>"), (".bin.txt", None)])
            else:
                body, suffix = self.text_scrape(), ".txt"
            path = raw / f"{i // 1000:03d}" / f"doc{i:06d}{suffix}"
            path.parent.mkdir(exist_ok=True)
            data = bytes(self.rng.randrange(256) for _ in range(2048)) if body is None else body.encode("utf-8")
            path.write_bytes(data)
            counts[kind] = counts.get(kind, 0) + 1
            nbytes[kind] = nbytes.get(kind, 0) + len(data)
            if kind in ("real", "small_html", "text") and self.rng.random() < 0.05:
                recent.append((suffix, body))
                recent = recent[-50:]
        return {"docs": n, "counts": counts, "bytes": nbytes, "total_bytes": sum(nbytes.values()),
                "templates": len(self.templates), "real_size_templates": len(self.big)}
