"""HTML main-content extraction (placeholder: whole-page text)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from pipeline.config import Settings
from pipeline.record import Document, Section


def extract_html(doc: Document, settings: Settings) -> None:
    soup = BeautifulSoup(doc.raw, "lxml")
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    doc.title = soup.title.get_text(strip=True) if soup.title else None
    lines = [ln.strip() for ln in soup.get_text("\n").splitlines()]
    lines = [ln for ln in lines if ln and re.search(r"[\u4e00-\u9fff]", ln)]
    doc.sections = [Section(heading=None, paragraphs=lines)]
