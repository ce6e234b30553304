"""Normalisation stage: mojibake, pinyin, lost characters, Traditional -> Simplified, width/punctuation/space.

Runs on the extracted text of a document -- ``doc.title``, every section heading
and paragraph, every ``doc.comments[].text`` -- and rewrites it in place. What
changed is counted by kind in ``doc.normalize_changes``; problems the stage could
only mark are raised as flags (``mojibake``, ``lost_characters``, ``gap``).

Order of the steps, and why:

1. **invisible** characters out (zero-width, controls): they would split the
   patterns every later step looks for (``協\u200b(xié)``).
2. **mojibake** (:mod:`.mojibake`): needs the text exactly as decoded -- the
   ``?`` and ``?nèi)`` debris around an out-of-step GBK run, full-width forms, the
   original characters (t2s would turn mojibake characters into other ones and
   the bytes would be lost).
3. **pinyin** (:mod:`.pinyin`): annotations out, then lost characters restored
   from their surviving reading. Before script conversion, because the phrase
   converter must see ``軟體`` and not ``軟(ruǎn)體``; before punctuation, because
   ``?`` must still be recognisable as a lost character.
4. **script** (:mod:`.script`): detect per paragraph, convert with OpenCC.
5. **width / punctuation / whitespace** (:mod:`.width`): last, purely typographic.

Every step is a pure ``str -> (str, Counter)`` function with its own fast path
(skips the work when its trigger characters are absent). The stage joins all of
a document's text units with ``\\n`` and runs each step once over the whole
document, which keeps per-call overhead out of the hot path; no step creates or
removes a newline, so the units are split back afterwards.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from pipeline.config import Settings
from pipeline.normalize._resources import HAN_BMP_RE, HAN_RE, rare_re
from pipeline.normalize.mojibake import fix_mojibake
from pipeline.normalize.pinyin import fix_pinyin
from pipeline.normalize.script import HANS, OTHER, convert_text, traditional_re
from pipeline.normalize.width import clean_invisible, fix_punctuation, fix_spaces, fold_width, normalize_width

__all__ = [
    "normalize_batch",
    "normalize_document",
    "normalize_text",
    "normalize_texts",
]

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
        "\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0b-\x1f\x7f-\x9f",  # invisible
        "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\r",  # odd spaces
        "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a",  # full-width letters and digits
    ]
    return re.compile("[" + "".join(parts) + "]")


def _class_body(pattern: re.Pattern[str]) -> str:
    src = pattern.pattern
    assert src.startswith("[") and src.endswith("]")
    return src[1:-1]


def normalize_texts(texts: list[str], settings: Settings) -> tuple[list[str], str, Counter[str]]:
    """Normalise a document's text units together: (new texts, original_script, counts by kind)."""
    changes: Counter[str] = Counter()
    joined = "\n".join(t.replace("\r\n", " ").replace("\n", " ") for t in texts)
    if _trigger_re().search(joined):
        for step in (clean_invisible, fix_mojibake, fix_pinyin):
            joined, c = step(joined)
            changes.update(c)
        cfg = settings.normalize
        joined, script, c = convert_text(joined, cfg.opencc_config, cfg.regional_config)
        changes.update(c)
        joined, c = fold_width(joined)
        changes.update(c)
    else:
        script = HANS if HAN_BMP_RE.search(joined) or HAN_RE.search(joined) else OTHER
    for step in (fix_punctuation, fix_spaces):
        joined, c = step(joined)
        changes.update(c)
    out = joined.split("\n")
    if len(out) != len(texts):  # a step broke the newline invariant: never lose text silently
        raise RuntimeError("normalize: text unit count changed")
    return out, script, changes


def normalize_text(text: str, settings: Settings | None = None) -> tuple[str, Counter[str]]:
    """The whole stage on one string (for tests, tools and the benchmark)."""
    out, _, changes = normalize_texts([text], settings or Settings())
    return out[0], changes


def normalize_document(doc, settings: Settings) -> None:  # doc: pipeline.record.Document
    """Rewrite ``doc``'s title, headings, paragraphs and comments in place, count and flag."""
    texts: list[str] = []
    if doc.title is not None:
        texts.append(doc.title)
    for section in doc.sections:
        if section.heading is not None:
            texts.append(section.heading)
        texts.extend(section.paragraphs)
    texts.extend(c.text for c in doc.comments)
    if not texts:
        doc.original_script = OTHER
        return
    out, script, changes = normalize_texts(texts, settings)
    it = iter(out)
    if doc.title is not None:
        doc.title = next(it)
    for section in doc.sections:
        if section.heading is not None:
            section.heading = next(it)
        section.paragraphs = [next(it) for _ in section.paragraphs]
    for comment in doc.comments:
        comment.text = next(it)
    doc.original_script = script
    doc.normalize_changes.update(changes)
    for key, flag in _FLAGS.items():
        if changes.get(key):
            doc.flag(flag)


def normalize_batch(docs, settings: Settings):
    """Run :func:`normalize_document` on every pending document of the batch."""
    for doc in docs:
        if not doc.done:
            normalize_document(doc, settings)
    return docs


# Re-exported for callers that want the typographic step alone.
normalize_width = normalize_width
