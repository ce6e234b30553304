"""Metadata read off byline and dateline lines: source, author, editor.

The line rules only say *that* a line is a byline; the text extractor then
reads the article's source and author from it (``来源：某某网 作者：小周``), in
either script, and the unlabelled source of a dateline (``2024-01-24 18:02
某某社``).
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.chars import HAN_BMP_RE
from pipeline.extract.boilerplate import COUNTER_TOKEN, META_FIELD
from pipeline.extract.dates import find_date
from pipeline.extract.line_rules import plain_len
from pipeline.normalize._resources import converter

_BYLINE_LABELS = {
    "本文来源": "source",
    "文章来源": "source",
    "来源": "source",
    "稿源": "source",
    "出处": "source",
    "作者": "author",
    "撰文": "author",
    "撰稿": "author",
    "记者": "author",
    "责任编辑": "editor",
    "责编": "editor",
    "编辑": "editor",
}


def _label_alternatives() -> str:
    s2t = converter("s2t")
    labels: set[str] = set()
    for simp in _BYLINE_LABELS:
        labels.add(simp)
        labels.add(s2t.convert(simp))
    return "|".join(sorted(labels, key=len, reverse=True))


_BYLINE_FIELD = re.compile(
    rf"(?P<label>{_label_alternatives()})\s*[::]\s*"
    r"(?P<value>[^\s::【】\[\]()|]+)"
)


_VALUE_EDGE = re.compile(r"^[\s\-—|/,.。]+|[\s\-—|/,.。]+$")


def parse_byline(line: str) -> dict[str, str]:
    """Metadata fields of a byline/dateline: ``{"source": ..., "author": ..., "editor": ...}`` (those present).

    Labels are matched in either script; values are cut from the line (NFKC width
    folding only) at the next field, bracket or separator; a trailing date is not
    part of a value.
    """
    text = unicodedata.normalize("NFKC", line)
    out: dict[str, str] = {}
    for m in _BYLINE_FIELD.finditer(text):
        kind = _BYLINE_LABELS[converter("t2s").convert(m.group("label"))]
        value = m.group("value").strip()
        found = find_date(value)
        if found:
            value = value[: found[1][0]].strip()
        value = _VALUE_EDGE.sub("", value)
        if value and kind not in out:
            out[kind] = value
    if not out:
        m = re.match(r"^文\s*[/|]\s*(\S{1,12})$", text.strip())
        if m:
            out["author"] = m.group(1)
    return out


def dateline_source(line: str) -> str | None:
    """The unlabelled source name of a dateline (``2024-01-24 18:02 某某社`` -> ``某某社``), if any.

    Only when, after the date and every labelled/counter field is removed, exactly
    one short token with at least two Han characters is left.
    """
    text = unicodedata.normalize("NFKC", line).strip()
    found = find_date(text)
    if not found:
        return None
    start, end = found[1]
    rest_original = (text[:start] + " " + text[end:]).strip()
    if parse_byline(rest_original):
        return None
    tokens = [t for t in META_FIELD.sub(" ", rest_original).split() if plain_len(t)]
    if len(tokens) != 1:
        return None
    if tokens[0].rstrip().endswith((":", "：")):
        return None  # a field's label whose value was the date (``發佈時間：``): a label in any script
    token = _VALUE_EDGE.sub("", tokens[0])
    han = len(HAN_BMP_RE.findall(token))
    if han < 2 or len(token) > 16 or COUNTER_TOKEN.fullmatch(token):
        return None
    return token
