"""Normalisation stage: mojibake, pinyin, lost characters, Traditional -> Simplified, width/punctuation/space.

Runs on the extracted text of a document -- ``doc.title``, every section heading
and paragraph, every ``doc.comments[].text`` -- and rewrites it in place. What
changed is counted by kind in ``doc.normalize_changes``; what the stage could
only mark raises a flag: ``mojibake`` (an unrepairable run was cut out),
``lost_characters`` (a ``□`` placeholder was written), ``gap`` (a space between
two Han characters was removed -- maybe a deleted word).

Order of the steps, and why:

1. **invisible** characters out (zero-width, controls): they would split the
   patterns every later step looks for (``協\u200b(xié)``).
2. **mojibake** (:mod:`.mojibake`): needs the text exactly as decoded -- the
   ``?`` and ``?nèi)`` debris around an out-of-step GBK run, full-width forms, the
   original characters (t2s would turn mojibake characters into other ones and
   their bytes would be lost).
3. **pinyin** (:mod:`.pinyin`): annotations out, then lost characters restored
   from their surviving reading. Before script conversion, because the phrase
   converter must see ``軟體`` and not ``軟(ruǎn)體``; before punctuation, because
   ``?`` must still be recognisable as a lost character.
4. **script** (:mod:`.script`): detect per paragraph, convert with OpenCC.
5. **width / punctuation / whitespace** (:mod:`.width`): last, purely typographic.

Every step is a pure ``str -> (str, Counter)`` function with its own fast path
(it returns at once when its trigger characters are absent). The stage joins a
document's text units with ``\n`` and runs each step once over the whole
document, which keeps per-call overhead out of the hot path; no step creates or
removes a newline, so the units are split back afterwards. One combined
character-class scan decides whether steps 1-4 have anything to do at all:
clean Simplified text only pays for that scan plus punctuation and spaces.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from pipeline import budget
from pipeline.chars import HAN, HAN_BMP_RE, HAN_RE, INVISIBLE
from pipeline.config import Settings
from pipeline.normalize._resources import converter, rare_re, t2s_chars
from pipeline.normalize.latin1 import fix_latin1
from pipeline.normalize.mojibake import fix_cjk, fix_mojibake
from pipeline.normalize.pinyin import fix_pinyin
from pipeline.normalize.restore import PLACEHOLDER, REPLACEMENT_RUN, restore_lost_marks
from pipeline.normalize.script import (
    HANS,
    OTHER,
    Block,
    convert_text,
    fix_account_zhang,
    fix_particle_zhe,
    plan,
    traditional_re,
)
from pipeline.normalize.width import clean_invisible, fix_punctuation, fix_spaces, fold_width, normalize_width
from pipeline.record import Document

__all__ = [
    "clean_invisible",
    "convert_text",
    "fix_mojibake",
    "fix_pinyin",
    "fix_punctuation",
    "fix_spaces",
    "fold_width",
    "normalize_batch",
    "normalize_document",
    "normalize_text",
    "normalize_texts",
    "normalize_width",
]

_SQUARE_PINYIN_RE = re.compile("[a-z\u0101-\u01dc1-5][\\]】]")
_NUMBER_SIGN_RE = re.compile("[0-9][．％]")
_SPACE = re.compile(r"\s+")

# Which counter keys raise which document flag.
_FLAGS = {
    "mojibake_removed": "mojibake",
    "placeholder": "lost_characters",
    "gap": "gap",
}


@cache
def _trigger_re() -> re.Pattern[str]:
    """One character class covering the trigger characters of steps 1-4 and width folding.

    A document without any of them (the common case for clean Simplified text)
    skips those steps after a single scan instead of one scan per step.
    """
    parts = [
        _class_body(rare_re()),  # mojibake: rare Han, private use, kana ...
        _class_body(traditional_re()),  # script: Traditional-only characters
        "\u00c2-\u00ef",  # Latin-1 mojibake lead characters
        ")）\ufffd",  # pinyin annotations and lost characters end with a parenthesis
        INVISIBLE,
        "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\r",  # odd spaces
        "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a",  # full-width letters and digits
    ]
    return re.compile("[" + "".join(parts) + "]")


@cache
def _repair_trigger_re() -> re.Pattern[str]:
    """The trigger class without the Traditional characters: whether steps 1-3 and width folding
    have anything to do on a Traditional page (clean Traditional text needs only conversion)."""
    parts = [
        _class_body(rare_re()),
        "\u00c2-\u00ef",
        ")）\ufffd",
        INVISIBLE,
        "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\r",
        "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a",
    ]
    return re.compile("[" + "".join(parts) + "]")


def _class_body(pattern: re.Pattern[str]) -> str:
    src = pattern.pattern
    assert src.startswith("[") and src.endswith("]")
    return src[1:-1]


_BREAK_IN_WORDS = re.compile(f"(?<=[{HAN}])[ \t]*\r?\n\\s*(?=[{HAN}])")


def _one_line(text: str) -> str:
    """A unit on one line (the stage joins units with newlines): a break between Han characters is no
    space in Chinese, any other one a space."""
    if "\n" not in text:
        return text
    return _BREAK_IN_WORDS.sub("", text).replace("\r\n", " ").replace("\n", " ")


@dataclass(slots=True)
class _Work:
    """One document between the per-document steps and the batch-wide OpenCC pass."""

    n_units: int
    blocks: list[Block]
    script: str
    changes: Counter[str]
    repairs: bool


def _prepare(texts: list[str], settings: Settings) -> _Work:
    """Steps 1-3 and the script plan for one document's text units."""
    changes: Counter[str] = Counter()
    joined = "\n".join(_one_line(t) for t in texts)
    # rarer forms whose characters are too common to be triggers on their own: pinyin in square
    # brackets (``协[xié]商``; 】 opens half the headings of the genre), a number's ． and ％
    rare = (("]" in joined or "】" in joined) and _SQUARE_PINYIN_RE.search(joined) is not None) or (
        ("．" in joined or "％" in joined) and _NUMBER_SIGN_RE.search(joined) is not None
    )
    if not rare and not _trigger_re().search(joined):
        script = HANS if HAN_BMP_RE.search(joined) or HAN_RE.search(joined) else OTHER
        return _Work(len(texts), [(joined, None)], script, changes, False)
    repairs = rare or _repair_trigger_re().search(joined) is not None
    if repairs:
        # Latin-1 mojibake first: UTF-8 read as Latin-1 holds C1 controls (\x85, \x8f ...) that are
        # half of its characters, and cleaning the invisible ones first would leave it beyond repair.
        for step in (fix_latin1, clean_invisible, fix_cjk, fix_pinyin):
            joined, c = step(joined)
            changes.update(c)
    cfg = settings.normalize
    blocks, script, c = plan(joined, cfg.opencc_config, cfg.regional_config)
    changes.update(c)
    return _Work(len(texts), blocks, script, changes, repairs)


def _convert_all(works: list[_Work]) -> list[str]:
    """Convert every planned block of the batch, one OpenCC call per config; the joined texts."""
    pending: dict[str, list[tuple[int, int]]] = {}
    for wi, work in enumerate(works):
        for bi, (_, cfg) in enumerate(work.blocks):
            if cfg:
                pending.setdefault(cfg, []).append((wi, bi))
    converted: dict[tuple[int, int], str] = {}
    for cfg, keys in pending.items():
        sources = [works[wi].blocks[bi][0] for wi, bi in keys]
        lines = converter(cfg).convert("\n".join(sources)).split("\n")
        pos = 0
        ok = True
        outs = []
        for src in sources:
            n = src.count("\n") + 1
            outs.append("\n".join(lines[pos : pos + n]))
            pos += n
        ok = pos == len(lines)
        if not ok:  # defensive: OpenCC never adds or drops newlines, but never misalign documents
            outs = [converter(cfg).convert(src) for src in sources]
        for key, src, out in zip(keys, sources, outs, strict=True):
            converted[key] = fix_account_zhang(src, out)
    return [
        "\n".join(converted.get((wi, bi), text) for bi, (text, _) in enumerate(work.blocks))
        for wi, work in enumerate(works)
    ]


def _finish(joined: str, work: _Work) -> list[str]:
    """Step 5 and the split back into text units."""
    changes = work.changes
    if work.repairs:
        joined, c = fold_width(joined)
        changes.update(c)
    if "\ufffd" in joined:  # bytes the decoding lost and no repair placed: one marker per run, flagged
        joined, n = REPLACEMENT_RUN.subn(PLACEHOLDER, joined)
        changes["placeholder"] += n
    for step in (fix_particle_zhe, restore_lost_marks, fix_punctuation, fix_spaces):
        joined, c = step(joined)
        changes.update(c)
    out = joined.split("\n")
    if len(out) != work.n_units:  # a step broke the newline invariant: never lose text silently
        raise RuntimeError("normalize: text unit count changed")
    return out


def normalize_texts(texts: list[str], settings: Settings) -> tuple[list[str], str, Counter[str]]:
    """Normalise one document's text units together: (new texts, original_script, counts by kind)."""
    work = _prepare(texts, settings)
    joined = _convert_all([work])[0]
    return _finish(joined, work), work.script, work.changes


def normalize_text(text: str, settings: Settings | None = None) -> tuple[str, Counter[str]]:
    """The whole stage on one string (for tests, tools and the benchmark)."""
    out, _, changes = normalize_texts([text], settings or Settings())
    return out[0], changes


def _units(doc: Document) -> list[str]:
    texts: list[str] = []
    if doc.title is not None:
        texts.append(doc.title)
    for section in doc.sections:
        if section.heading is not None:
            texts.append(section.heading)
        texts.extend(section.paragraphs)
    texts.extend(c.text for c in doc.comments)
    return texts


def _simplify_metadata(doc: Document) -> None:
    """Names and labels (author, source, site, commenters, thread posters) in Simplified script too.

    They are short and never carry pinyin or mojibake, so character-level t2s
    is enough; it is a no-op on Simplified text.
    """
    doc.author, doc.source_name, doc.site_name = (
        t2s_chars(v) if v else v for v in (doc.author, doc.source_name, doc.site_name)
    )
    people = [*doc.comments, *(s.post for s in doc.sections if s.post is not None)]
    for who in people:
        who.author = t2s_chars(who.author) if who.author else who.author
        who.role = t2s_chars(who.role) if who.role else who.role


def _store(doc: Document, out: list[str], work: _Work) -> None:
    _simplify_metadata(doc)
    it = iter(out)
    if doc.title is not None:
        doc.title = next(it)
    for section in doc.sections:
        if section.heading is not None:
            section.heading = next(it)
        section.paragraphs = [next(it) for _ in section.paragraphs]
    for comment in doc.comments:
        comment.text = next(it)
    doc.original_script = work.script
    doc.normalize_changes.update(work.changes)
    for key, flag in _FLAGS.items():
        if work.changes.get(key):
            doc.flag(flag)


def normalize_document(doc: Document, settings: Settings) -> None:
    """Rewrite ``doc``'s title, headings, paragraphs and comments in place, count and flag.

    Raises on an internal error (the pipeline's ``run_stage`` quarantines the document).
    """
    texts = _units(doc)
    if not texts:
        doc.original_script = OTHER
        return
    work = _prepare(texts, settings)
    _store(doc, _finish(_convert_all([work])[0], work), work)


def normalize_batch(docs: list[Document], settings: Settings) -> list[Document]:
    """Normalise every pending document of the batch (terminal ones are skipped).

    Three passes: per document (steps 1-3 and the script plan), one OpenCC call
    per config for the whole batch, per document again (step 5, write back).
    As everywhere in the pipeline, a bug triggered by one document quarantines
    that document only.
    """
    todo: list[tuple[Document, _Work]] = []
    for doc in docs:
        if doc.done:
            continue
        texts = _units(doc)
        if not texts:
            doc.original_script = OTHER
            continue
        try:
            with budget.limit(budget.for_document(doc.size, settings.run), "in normalize"):
                todo.append((doc, _prepare(texts, settings)))
        except Exception as exc:  # noqa: BLE001 - one document's bug must not cost the batch
            _quarantine(doc, exc)
    try:
        joined = _convert_all([work for _, work in todo])
    except Exception:  # noqa: BLE001 - retry one by one to pin the failure on its document
        joined = []
        for doc, work in todo:
            try:
                joined.append(_convert_all([work])[0])
            except Exception as exc:  # noqa: BLE001
                _quarantine(doc, exc)
                joined.append("")
    for (doc, work), text in zip(todo, joined, strict=True):
        if doc.done:
            continue
        # the body's size before normalisation, for the garbled gate: only where garbage was cut
        cut = bool(work.changes.get("mojibake_removed_chars"))
        before = _body_chars(doc) if cut else 0
        try:
            with budget.limit(budget.for_document(doc.size, settings.run), "in normalize"):
                _store(doc, _finish(text, work), work)
        except Exception as exc:  # noqa: BLE001
            _quarantine(doc, exc)
            continue
        if cut:
            garbled(doc, settings, before)
    return docs


def _body_chars(doc: Document) -> int:
    """Non-space characters of the body (headings and paragraphs), counted as extraction's gate counts them."""
    return len(_SPACE.sub("", doc.text))


def garbled(doc: Document, settings: Settings, before: int) -> None:
    """Quarantine a body that was mostly garbage: what is left of it is no article.

    Extraction's gate saw the body before the garbled runs that could not be repaired
    were removed (``before``: its characters then). When what is left is shorter than
    a body may be (``extract.min_body_chars``), or less than what went, the input is
    quarantined as garbled rather than published as fragments. Only the body counts:
    garbage removed from comments or the title never quarantines a clean body. Called only
    for a document whose garbled runs were cut.
    """
    left = _body_chars(doc)
    if left < settings.extract.min_body_chars or before - left > left:
        doc.quarantine(
            f"garbled: {before - left:,} of the body's {before:,} characters were mojibake that could not be "
            f"repaired, {left:,} are left (an article needs more than went, and at least "
            f"{settings.extract.min_body_chars}, extract.min_body_chars)"
        )


def _quarantine(doc: Document, exc: Exception) -> None:
    if isinstance(exc, budget.OverBudget):
        doc.quarantine(str(exc))
        return
    doc.quarantine(f"internal error in normalize: {type(exc).__name__}: {exc}"[:500])
