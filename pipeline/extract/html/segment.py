"""Step 3, segment: cut the visible text into blocks at block-level tags and ``<br>``.

Each block knows its text, token count (Han characters + Latin words), link tokens,
sentence punctuation, bold tokens, heading level and the element that owns it.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from pipeline.extract.html.cues import _BLOCK_TAGS, _HEADING_TAGS, _SENT_PUNCT, _norm, _ntok


@dataclass(slots=True)
class _Blk:
    text: str
    owner: etree._Element
    ntok: int
    link_tok: int
    punct: int
    bold_tok: int
    heading: int  # 1-6 for <hN>, 0 otherwise
    value: float = 0.0
    family: str | None = None  # boilerplate family from an ancestor cue
    family_el: etree._Element | None = None


class _Segmenter:
    """Cut visible text into blocks at block-level tags and <br>."""

    def __init__(self, data_cells: frozenset[etree._Element] = frozenset()) -> None:
        self.data_cells = data_cells  # cells of data tables: a row is one block, cells joined by " | "
        self.blocks: list[_Blk] = []
        self.buf: list[str] = []
        self.link_buf: list[str] = []
        self.bold_buf: list[str] = []
        self.stack: list[etree._Element] = []
        self.heading: list[int] = []

    def flush(self) -> None:
        if not self.buf:
            return
        text = _norm("".join(self.buf))
        self.buf = []
        links = "".join(self.link_buf)
        self.link_buf = []
        bold = "".join(self.bold_buf)
        self.bold_buf = []
        if not text:
            return
        ntok = _ntok(text)
        if ntok == 0 and len(text) < 3:
            return
        self.blocks.append(
            _Blk(
                text=text,
                owner=self.stack[-1],
                ntok=ntok,
                link_tok=min(ntok, _ntok(links)) if links else 0,
                punct=len(_SENT_PUNCT.findall(text)),
                bold_tok=_ntok(bold) if bold else 0,
                heading=self.heading[-1] if self.heading else 0,
            )
        )

    def add(self, text: str | None, in_link: bool, in_bold: bool) -> None:
        if not text:
            return
        if self.buf and text[0].isdigit() and self.buf[-1][-1:].isdigit():
            text = " " + text  # two numbers in two elements (a user name, then a date) stay two numbers
        self.buf.append(text)
        if in_link:
            self.link_buf.append(text)
        if in_bold:
            self.bold_buf.append(text)

    def walk(self, root: etree._Element) -> None:
        """Visit ``root``'s subtree in document order: text, children, tails (one C-driven pass, no recursion)."""
        flush, add, stack, heading, cells = self.flush, self.add, self.stack, self.heading, self.data_cells
        links = bolds = 0  # open <a> / <b>,<strong> elements around the current position
        for event, el in etree.iterwalk(root, events=("start", "end")):
            tag = el.tag
            if event == "start":
                if not isinstance(tag, str):
                    continue
                if tag == "br":
                    flush()
                    continue
                if el in cells:
                    if el.getprevious() is not None:
                        add(" | ", False, False)
                elif tag in _BLOCK_TAGS:
                    flush()
                    stack.append(el)
                    if tag in _HEADING_TAGS:
                        heading.append(int(tag[1]))
                if tag == "a":
                    links += 1
                elif tag == "b" or tag == "strong":
                    bolds += 1
                if el.text:
                    add(el.text, links > 0, bolds > 0)
                continue
            if isinstance(tag, str) and tag != "br":
                if tag == "a":
                    links -= 1
                elif tag == "b" or tag == "strong":
                    bolds -= 1
                if tag in _BLOCK_TAGS and el not in cells:
                    flush()
                    stack.pop()
                    if tag in _HEADING_TAGS:
                        heading.pop()
            if el.tail and el is not root:
                add(el.tail, links > 0, bolds > 0)


_CELL_BLOCKS = etree.XPath(
    ".//*[self::p or self::div or self::table or self::ul or self::ol or self::h1 or self::h2 or self::h3"
    " or self::h4 or self::br or self::section or self::blockquote or self::dl]"
)
_MAX_DATA_CELL_CHARS = 60


def _data_cells(body: etree._Element) -> frozenset[etree._Element]:
    """Cells of the data tables: two or more rows of two or more short cells holding only inline text.

    A layout table (cells holding paragraphs, lists or other tables, or long text) keeps every
    cell a block of its own, since its cells are page regions, not values.
    """
    cells: set[etree._Element] = set()
    for table in body.iter("table"):
        rows = [tr for tr in table.iter("tr") if tr.getparent() is table or tr.getparent().getparent() is table]
        grid = [[c for c in tr if c.tag in ("td", "th")] for tr in rows]
        if len(grid) < 2 or any(len(r) < 2 for r in grid):
            continue
        flat = [c for r in grid for c in r]
        if any(_CELL_BLOCKS(c) for c in flat):
            continue
        if sum(len("".join(c.itertext()).strip()) for c in flat) > _MAX_DATA_CELL_CHARS * len(flat):
            continue
        cells.update(flat)
    return frozenset(cells)


def _segment(body: etree._Element) -> list[_Blk]:
    seg = _Segmenter(_data_cells(body))
    seg.stack.append(body)
    seg.walk(body)
    seg.flush()
    return seg.blocks


def _visible_blocks(root: etree._Element) -> list[_Blk]:
    body = root.find(".//body")
    if body is None:
        body = root
    return _segment(body)
