"""Mojibake of the Latin-1 family: UTF-8 bytes shown one per character as Latin-1 or cp1252 (``ä¸­æ–‡``).

ftfy repairs these reliably; it is called only when such a sequence is present, with width
folding and quote/punctuation options off so Chinese punctuation survives. The CJK double-byte
family (UTF-8 read as GBK or Big5, GBK out of step) is :mod:`pipeline.normalize.mojibake`'s.
"""

from __future__ import annotations

import re
from collections import Counter

import ftfy

# cp1252's letters and signs at 0x80-0x9f (Latin-1 has C1 controls there).
_C1252_SIGNS = "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_C1252_CONT = "\u0080-\u00bf" + _C1252_SIGNS
# A UTF-8 lead byte (as Latin-1/cp1252) followed by a continuation byte (as Latin-1/cp1252).
LATIN1_RE = re.compile(f"[\u00c2-\u00ef][{_C1252_CONT}]")

_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


# Three or more such pairs in a row (a lost byte may have left a space): garbled Chinese, never
# real text, not even French or German (their accented letters are not followed by these).
_LATIN1_RUN = re.compile(f"(?:[\u00c2-\u00ef][{_C1252_CONT}]{{1,2}}[ \u00a0]?){{3,}}")


def fix_latin1(text: str) -> tuple[str, Counter[str]]:
    """Repair UTF-8 shown as Latin-1/cp1252 (``ä¸­æ–‡`` -> ``中文``) with ftfy, when present.

    What ftfy cannot repair (bytes were lost on the way: ``æ— è®ºé‡åˆ°``) is cut
    and counted as removed mojibake, so the article is flagged instead of carrying it.
    """
    if not LATIN1_RE.search(text):
        return text, Counter()
    fixed = ftfy.fix_text(text, config=_FTFY_CONFIG)
    changes: Counter[str] = Counter()
    if fixed != text:
        changes["mojibake_fixed"] += 1
    for m in reversed(list(_LATIN1_RUN.finditer(fixed))):
        changes["mojibake_removed"] += 1
        changes["mojibake_removed_chars"] += len(m.group(0))
        fixed = fixed[: m.start()] + fixed[m.end() :]
    return fixed, changes
