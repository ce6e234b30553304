"""Helpers the text extractor's tests share: run a scrape through extract_text, read its verdicts."""

from __future__ import annotations

from pipeline.config import Settings
from pipeline.extract.text import extract_text, segment_lines
from pipeline.record import Document

# two lines of an article's body, for the tests that put metadata or titles around one
BODY_LINES = (
    "在现代金融体系中，贷款逾期是一个常见但棘手的问题，很多借款人不知道该如何与平台沟通。\n"
    "本文将详细介绍如何找到官方客服、说明自己的困难，并提出切实可行的还款方案。\n"
)

# three paragraphs of the genre, for the tests that surround them with furniture
P1 = "网贷逾期以后，借款人首先要做的是核实催收方的身份，确认对方确实是平台委托的机构，再谈还款安排。"
P2 = "如果暂时无力偿还，可以主动联系平台说明情况，提出延期或者分期的请求，并保留好所有的沟通记录。"
P3 = "遇到威胁、辱骂或者向家人朋友透露欠款信息的情况，可以向监管部门投诉，必要时报警处理。"


def run_text(raw: str, **fields: object) -> Document:
    """A text document extracted with the default settings."""
    doc = Document(path="x.txt", raw=raw, **fields)
    extract_text(doc, Settings())
    return doc


def block_kinds(doc: Document) -> dict[str, str]:
    """``{block text: kind}`` of an extracted document."""
    return {b.text: b.kind for b in doc.blocks}


def line_kinds(lines: list[str]) -> list[str]:
    """The segmenter's verdict for each line."""
    return segment_lines(lines).kinds
