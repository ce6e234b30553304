"""Step 1, prepare: unwrap crawl dumps, strip declarations and control characters, parse once
with ``lxml.etree``, and drop what a reader never sees (scripts, styles, hidden elements).
"""

from __future__ import annotations

import re

from lxml import etree

from pipeline.extract.html.cues import _DROP_TAGS, _HAN, _SENT_PUNCT, _SENTENCE_END

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WRAPPER_OPEN = re.compile(r"^\s*(?:\ufeff)?\s*<text\b[^>]*>", re.I)
_WRAPPER_CLOSE = re.compile(r"</text>\s*$", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WRAPPER_ATTR = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def _prepare(raw: str) -> tuple[str, dict[str, str]]:
    """Clean the source for the parser; return it and the crawl-dump wrapper's attributes (if any)."""
    raw = _CONTROL.sub("", raw)
    raw = _XML_DECL.sub("", raw, count=1)
    attrs: dict[str, str] = {}
    m = _WRAPPER_OPEN.match(raw)
    if m:  # crawl dump: <text id=URL title=... encoding=...> page </text>
        for a in _WRAPPER_ATTR.finditer(m.group(0)[m.group(0).lower().index("<text") + 5 :]):
            attrs[a.group(1).lower()] = a.group(2) or a.group(3) or a.group(4) or ""
        raw = raw[m.end() :]
        raw = _WRAPPER_CLOSE.sub("", raw)
    opener = raw.rfind("<!--")
    if opener != -1 and raw.find("-->", opener + 4) == -1:
        # a comment that never closes: lxml would keep the rest of the page as raw text, tags and all,
        # and a browser would hide it; the page's text is behind it, so the stray opener goes
        raw = raw[:opener] + raw[opener + 4 :]
    return raw, attrs


_STYLED = etree.XPath("//*[@style or @hidden]")
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, recover=True, no_network=True)


def _parse(raw: str) -> etree._Element | None:
    try:
        root = etree.fromstring(raw, _PARSER)
    except (etree.ParserError, ValueError):
        try:
            root = etree.fromstring(raw.encode("utf-8", "replace"), etree.HTMLParser(encoding="utf-8"))
        except (etree.ParserError, ValueError):
            return None
    return root


_NOSCRIPT_MIN_HAN = 100  # a sentence or two: a "please enable JavaScript" notice is shorter


def _han(el: etree._Element) -> int:
    return len(_HAN.findall("".join(el.itertext())))


def _drop_invisible(root: etree._Element) -> None:
    """Drop scripts, styles, comments and hidden elements; keep ``<noscript>`` only when it holds the page.

    Single-page forums (Discourse, Flarum) render the whole thread for crawlers inside
    ``<noscript>`` beside an empty app shell. When the ``<noscript>`` elements hold most of
    the page's Han text (and more than a notice's worth), they are unwrapped instead of
    dropped; an ordinary page's ``<noscript>`` (a tracking pixel, a lazy image, "please
    enable JavaScript") is dropped as before.
    """
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction,
                         *(t for t in _DROP_TAGS if t != "noscript"), with_tail=False)
    noscripts = list(root.iter("noscript"))
    if noscripts:
        outer = [n for n in noscripts if not any(a.tag == "noscript" for a in n.iterancestors())]
        inside = sum(_han(n) for n in outer)
        sentences = sum(len(_SENTENCE_END.findall("".join(n.itertext()))) for n in outer)
        # prose, not a keyword list stuffed there for search engines
        if inside >= _NOSCRIPT_MIN_HAN and sentences >= 2 and inside * 2 >= _han(root):
            etree.strip_tags(root, "noscript")
        else:
            etree.strip_elements(root, "noscript", with_tail=False)
    hidden = []
    for el in _STYLED(root):  # libxml2 finds the few elements with a style or hidden attribute
        st = el.get("style")
        if (st and _HIDDEN_STYLE.search(st)) or el.get("hidden") is not None:
            hidden.append(el)
    for el in hidden:
        parent = el.getparent()
        if parent is None:
            continue
        # hidden-by-script article bodies exist: never drop a large prose region
        txt = "".join(el.itertext())
        if len(_HAN.findall(txt)) > 200 and len(_SENT_PUNCT.findall(txt)) > 5:
            continue
        tail = el.tail
        if tail:  # keep the text that follows the hidden element
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        parent.remove(el)
