"""Traditional characters a reviewer may type, folded to the Simplified ones the report shows.

The report shows normalised (Simplified) text, so a reviewer who types ``協商`` found nothing.
The report carries a small map, built with OpenCC for the characters the report holds: for each
Simplified character, its Traditional forms (OpenCC's ``s2t``, ``s2tw`` and ``s2hk``) that ``t2s``
takes back to it. The search box folds a query through the map before it matches.
"""

from __future__ import annotations

from pipeline.chars import HAN_BMP_RE
from pipeline.normalize._resources import converter as _converter

_TO_TRADITIONAL = ("s2t", "s2tw", "s2hk")


def traditional_folds(text: str) -> dict[str, str]:
    """``{Traditional: Simplified}`` for the Han characters of ``text`` that have another form."""
    chars = sorted(set(HAN_BMP_RE.findall(text)))  # BMP: the page folds one UTF-16 unit at a time
    if not chars:
        return {}
    column = "\n".join(chars)  # one character a line: no phrase of OpenCC spans two of them
    folds: dict[str, str] = {}
    for config in _TO_TRADITIONAL:
        for simplified, traditional in zip(chars, _converter(config).convert(column).split("\n"), strict=True):
            if len(traditional) == 1 and traditional != simplified:
                folds.setdefault(traditional, simplified)
    if not folds:
        return {}
    back = _converter("t2s").convert("\n".join(folds)).split("\n")
    return {t: s for (t, s), b in zip(folds.items(), back, strict=True) if b == s}
