"""Script detection (Simplified / Traditional / mixed) and conversion with OpenCC.

**Detection** counts, per paragraph, the characters OpenCC ``t2s`` changes
(evidence of Traditional) and those ``s2t`` changes (evidence of Simplified).
Characters written the same in both scripts count for neither, so a short
neutral line does not tip a Traditional page into "mixed". The two character
sets are obtained once per process by running every CJK code point through
OpenCC's own ``t2s`` and ``s2t`` (so they agree with the converter), and are
used as lookup tables: a regex search for the fast path (a page without a
single Traditional character is Simplified and is never converted), numpy
lookups for per-paragraph counts. Running full OpenCC conversions only to count
would triple the cost on Traditional input (``s2t`` is the slowest config).

**Conversion** is chosen per paragraph:

* **Traditional** paragraphs (and neutral ones on a Traditional page) go through
  the *regional*, phrase-level config (``tw2sp`` by default: ``軟體`` -> ``软件``,
  ``資料庫`` -> ``数据库``), which includes the character-level t2s step;
* **mixed** paragraphs (Simplified text quoting some Traditional) get
  character-level ``t2s`` only, because ``tw2sp`` also rewrites Simplified
  vocabulary (``文件`` -> ``文档``, ``使用者`` -> ``用户``) and must not see it;
* **Simplified** and neutral paragraphs of a Simplified page are left alone, so
  converting Simplified text is a no-op by construction.

Consecutive paragraphs with the same treatment are converted in one OpenCC call.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import numpy as np

from pipeline.chars import HAN_RE
from pipeline.normalize._resources import converter

HANS, HANT, MIXED, OTHER = "zh-Hans", "zh-Hant", "mixed", "other"
NEUTRAL = "neutral"  # Han text written the same in both scripts

# Share of the evidence above which a paragraph (or page) belongs to one script.
_SHARE = 0.8


# Bits of the per-code-point lookup table.
_TRAD, _SIMP, _HAN = 1, 2, 4


@cache
def _tables() -> tuple[re.Pattern[str], np.ndarray, re.Pattern[str]]:
    """(regex of Traditional-only BMP chars, uint8 LUT of _TRAD/_SIMP/_HAN bits per code point,
    regex of Simplified-only BMP chars)."""
    cps = list(range(0x3400, 0x4DC0)) + list(range(0x4E00, 0xA000)) + list(range(0x20000, 0x2A6E0))
    chars = [chr(c) for c in cps]
    joined = "\n".join(chars)
    t2s = converter("t2s").convert(joined).split("\n")
    s2t = converter("s2t").convert(joined).split("\n")
    trad = {c for c, x in zip(chars, t2s, strict=True) if x != c}
    simp = {c for c, x in zip(chars, s2t, strict=True) if x != c}
    both = trad & simp  # ambiguous (麽, 乾 ...): evidence for neither
    trad -= both
    simp -= both
    lut = np.zeros(0x110000, dtype=np.uint8)
    lut[cps] |= _HAN
    lut[0xF900:0xFB00] |= _HAN
    lut[[ord(c) for c in trad]] |= _TRAD
    lut[[ord(c) for c in simp]] |= _SIMP
    # BMP only: a character class with astral members makes the regex engine fall back
    # to a linear scan of the class (100x slower); astral Traditional-only characters
    # still count through the lookup table.
    pattern = re.compile("[" + "".join(sorted(c for c in trad if c < "\U00010000")) + "]")
    simp_pattern = re.compile("[" + "".join(sorted(c for c in simp if c < "\U00010000")) + "]")
    return pattern, lut, simp_pattern


def traditional_re() -> re.Pattern[str]:
    """Regex matching one Traditional-only (BMP) character."""
    return _tables()[0]


def has_traditional(text: str) -> bool:
    """True if ``text`` holds at least one character that only Traditional Chinese uses."""
    return _tables()[0].search(text) is not None


def line_evidence(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per line of ``text``: (Traditional chars, Simplified chars, Han chars) as integer arrays.

    One LUT gather and one ``bincount`` over (line, bits) pairs: no Python loop per character.
    """
    lut = _tables()[1]
    arr = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    newline = arr == 10
    n_lines = int(newline.sum()) + 1
    line_id = np.cumsum(newline, dtype=np.int64)
    counts = np.bincount(line_id * 8 + lut[arr], minlength=n_lines * 8).reshape(n_lines, 8)
    bits = np.arange(8)
    trad = counts[:, (bits & _TRAD) > 0].sum(axis=1)
    simp = counts[:, (bits & _SIMP) > 0].sum(axis=1)
    han = counts[:, (bits & _HAN) > 0].sum(axis=1)
    return trad, simp, han


def label(trad: int, simp: int, han: int) -> str:
    """The script of one paragraph from its evidence counts."""
    if trad:
        return HANT if trad >= _SHARE * (trad + simp) else MIXED
    if simp:
        return HANS
    return NEUTRAL if han else OTHER


def classify(text: str) -> str:
    """The script label of one paragraph (``zh-Hans``, ``zh-Hant``, ``mixed``, ``neutral``, ``other``)."""
    t, s, h = line_evidence(text.replace("\n", " "))
    return label(int(t[0]), int(s[0]), int(h[0]))


def document_script(labels: list[str], trad: int = 0, simp: int = 0) -> str:
    """Combine paragraph labels and evidence into the document's ``original_script``.

    Neutral paragraphs do not vote; a page of only neutral Han text is
    Simplified (converting it is a no-op). When both scripts occur, page-wide
    evidence decides: sloppy converters leave a few Simplified characters
    (``采``, ``后``) in an otherwise Traditional page, which is still ``zh-Hant``;
    only a real share of both makes it ``mixed``.
    """
    present = set(labels) - {OTHER, NEUTRAL}
    if not present:
        return HANS if NEUTRAL in labels else OTHER
    if present == {HANS}:
        return HANS
    if present == {HANT}:
        return HANT
    total = trad + simp
    if total and trad >= _SHARE * total:
        return HANT
    if total and simp >= _SHARE * total:
        return HANS
    return MIXED


Block = tuple[str, "str | None"]  # (newline-separated lines, OpenCC config or None to keep)


def plan(text: str, opencc_config: str = "t2s", regional: str | None = "tw2sp") -> tuple[list[Block], str, Counter[str]]:
    """Detect and decide, without converting: (blocks, original_script, counts).

    ``blocks`` partition ``text`` by lines, in order; each carries the config
    that converts it (None: leave as is). Separating the decision from the
    OpenCC call lets :func:`pipeline.normalize.normalize_batch` convert the
    blocks of a whole batch in one call per config, which is markedly faster
    than one call per document (per-call set-up, and the converter's
    dictionaries stay in cache).

    Counter keys: ``traditional_chars`` (Traditional characters seen),
    ``script_<label>`` (paragraphs converted, by label).
    """
    changes: Counter[str] = Counter()
    if not has_traditional(text):
        # Fast path: nothing Traditional anywhere, conversion would be the identity.
        has_han = HAN_RE.search(text) is not None
        return [(text, None)], (HANS if has_han else OTHER), changes
    phrase_cfg = regional or opencc_config
    if not _tables()[2].search(text):
        # No Simplified-only character anywhere: every line is Traditional or neutral, so the
        # page is zh-Hant and one phrase-level call converts it all (no per-line analysis).
        lut = _tables()[1]
        arr = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        changes["traditional_chars"] += int(np.count_nonzero(lut[arr] & _TRAD))
        changes["script_" + HANT] += 1
        return [(text, phrase_cfg)], HANT, changes
    quick = _plan_mostly_traditional(text, opencc_config, phrase_cfg, changes)
    if quick is not None:
        return quick, HANT, changes
    trad, simp, han = line_evidence(text)
    # Labels per line, vectorised (same rules as :func:`label`).
    is_t = trad > 0
    hant = is_t & (trad >= _SHARE * (trad + simp))
    mixed = is_t & ~hant
    hans = ~is_t & (simp > 0)
    neutral = ~is_t & ~hans & (han > 0)
    other = ~is_t & ~hans & ~neutral
    masks = ((HANT, hant), (MIXED, mixed), (HANS, hans), (NEUTRAL, neutral), (OTHER, other))
    labels = [lab for lab, mask in masks if mask.any()]
    script = document_script(labels, int(trad.sum()), int(simp.sum()))
    # Treatment per line: 0 keep, 1 character-level config, 2 phrase-level (regional) config.
    treat = np.where(hant, 2, np.where(mixed, 1, 0))
    if script == HANT:
        treat = np.where(neutral | other, 2, treat)
    cfgs = (None, opencc_config, regional or opencc_config)
    if hant.any():
        changes["script_" + HANT] += int(hant.sum())
    if mixed.any():
        changes["script_" + MIXED] += int(mixed.sum())
    changes["traditional_chars"] += int(trad.sum())
    cuts = np.flatnonzero(np.diff(treat)) + 1
    if cuts.size == 0:
        return [(text, cfgs[int(treat[0])])], script, changes
    lines = text.split("\n")
    bounds = [0, *cuts.tolist(), len(lines)]
    blocks = [("\n".join(lines[a:b]), cfgs[int(treat[a])]) for a, b in zip(bounds, bounds[1:], strict=False)]
    return blocks, script, changes


def _plan_mostly_traditional(
    text: str, char_cfg: str, phrase_cfg: str, changes: Counter[str]
) -> list[Block] | None:
    """Plan for a page that is Traditional apart from a few Simplified characters, or None.

    The common Traditional case (sloppy converters leave ``后``, ``采`` ...): only
    the few lines holding a Simplified-only character need a per-line verdict;
    every other line of a zh-Hant page takes the phrase-level config. Returns None
    when the page is not clearly zh-Hant, for the general per-line analysis.
    """
    trad_re, lut, simp_re = _tables()
    lines = text.split("\n")
    # Lines holding a Simplified-only character: one scan of the page, newlines counted between hits.
    special_lines: list[int] = []
    line_no = last = 0
    for m in simp_re.finditer(text):
        line_no += text.count("\n", last, m.start())
        last = m.start()
        if not special_lines or special_lines[-1] != line_no:
            special_lines.append(line_no)
    counts = {i: (len(trad_re.findall(lines[i])), len(simp_re.findall(lines[i]))) for i in special_lines}
    n_simp = sum(sp for _, sp in counts.values())
    # Page-wide Traditional count: one table lookup over the page (the regex only knows BMP).
    arr = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    n_trad = int(np.count_nonzero(lut[arr] & _TRAD))
    if n_trad < _SHARE * (n_trad + n_simp):
        return None
    special: dict[int, str | None] = {}
    n_mixed = 0
    for i, (t, sp) in counts.items():
        lab = label(t, sp, 1)
        if lab == MIXED:
            n_mixed += 1
        special[i] = phrase_cfg if lab == HANT else (char_cfg if lab == MIXED else None)
    changes["traditional_chars"] += n_trad
    changes["script_" + HANT] += len(lines) - len(special) + sum(1 for c in special.values() if c == phrase_cfg)
    if n_mixed:
        changes["script_" + MIXED] += n_mixed
    if all(cfg == phrase_cfg for cfg in special.values()):
        return [(text, phrase_cfg)]
    blocks: list[Block] = []
    run: list[str] = []
    run_cfg: str | None = phrase_cfg
    for i, line in enumerate(lines):
        cfg = special.get(i, phrase_cfg)
        if cfg != run_cfg and run:
            blocks.append(("\n".join(run), run_cfg))
            run = []
        run_cfg = cfg
        run.append(line)
    blocks.append(("\n".join(run), run_cfg))
    return blocks


# OpenCC writes every 帳 as 帐; the Simplified standard writes accounts with 账 (账单, 账户, 转账, the
# genre's own words) and keeps 帐 for curtains and tents (蚊帐, 帐篷, 芙蓉帐): 帐 in an account's word
_ACCOUNT_ZHANG = re.compile("帐(?=[单户号目款本务簿册面期])|(?<=[转记对查算结入到出还欠赖销挂做过收付理清])帐")


def fix_account_zhang(source: str, converted: str) -> str:
    """``converted`` (OpenCC's output for ``source``) with 账 for the 帳 of an account's word (帳單 -> 账单);
    a 帐 the source wrote itself, and a tent's, stay."""
    if "帳" not in source:
        return converted
    if len(source) != len(converted):  # OpenCC kept the length on every text seen; if not, by the words alone
        return _ACCOUNT_ZHANG.sub("账", converted)
    chars = list(converted)
    for m in _ACCOUNT_ZHANG.finditer(converted):
        if source[m.start()] == "帳":
            chars[m.start()] = "账"
    return "".join(chars)


# 著 written for the particle 着 (随著, 过著, 意味著, 睡不著): Traditional writes both with 著, and a
# character-level conversion (OpenCC t2s, or the site's own converter before the crawl) keeps 著, which
# Simplified keeps only where it is pronounced zhù: the words below, and a name's credit "某某著"
_ZHU_BEFORE = "显卓名原专编论巨土昭遗译合拙新大"  # 显著, 卓著, 名著, 原著, 专著, 编著, 论著, 巨著, 土著 ...
_ZHU_AFTER = "名作称述录"  # 著名, 著作(权), 著称, 著述, 著录
_PARTICLE_ZHE = re.compile(f"(?<![{_ZHU_BEFORE}])著(?![{_ZHU_AFTER}])")


def fix_particle_zhe(text: str) -> tuple[str, Counter[str]]:
    """``随著`` -> ``随着``: every 著 but those of the zhù words (counted as ``zhe``).

    Measured on the 465 real page texts and the extraction corpora's gold texts (after t2s): 98 of
    99 changes right (the one wrong: a 著 meaning "wrote" before 了), every zhù word kept.
    """
    if "著" not in text:
        return text, Counter()
    out, n = _PARTICLE_ZHE.subn("着", text)
    return out, Counter({"zhe": n} if n else {})


def apply(blocks: list[Block]) -> str:
    """Convert planned blocks one by one and join them (the single-document path)."""
    return "\n".join(fix_account_zhang(b, converter(cfg).convert(b)) if cfg else b for b, cfg in blocks)


def convert_text(
    text: str, opencc_config: str = "t2s", regional: str | None = "tw2sp"
) -> tuple[str, str, Counter[str]]:
    """Convert newline-separated paragraphs to Simplified: (text, original_script, counts)."""
    blocks, script, changes = plan(text, opencc_config, regional)
    return apply(blocks), script, changes


def to_simplified(text: str, regional: str | None = "tw2sp") -> tuple[str, Counter[str]]:
    """The script step as a pure ``str -> (str, Counter)`` function; a no-op on Simplified input."""
    out, _, changes = convert_text(text, "t2s", regional)
    return out, changes
