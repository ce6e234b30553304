"""Tag stage: topics with scores and evidence, and top keywords.

* ``topics.yaml`` is the taxonomy (configuration: a topic is an entry, no code);
* :mod:`pipeline.tag.segment` holds the process-wide jieba tokenizer with the
  domain dictionary ``userdict.txt``;
* :mod:`pipeline.tag.scoring` turns lexicon hits into sentence, paragraph and
  document scores with evidence;
* :mod:`pipeline.tag.keywords` ranks TF-IDF keywords over the same tokens.

Runs after redaction, so evidence sentences never carry personal data. Only
the title and the body count: comments are not the article.
"""

from __future__ import annotations

from pipeline.config import Settings
from pipeline.record import Document
from pipeline.tag import segment
from pipeline.tag.keywords import top_keywords
from pipeline.tag.scoring import score_document
from pipeline.tag.taxonomy import load_taxonomy


def document_tokens(doc: Document) -> list[str]:
    """Word tokens of the title, headings and paragraphs (one segmentation over the lines joined).

    ``segment.HMM`` off (the default): :func:`segment.words`, jieba's precise mode on the fast
    path; on: jieba's ``cut`` with the HMM, punctuation and whitespace dropped.
    """
    text = doc.text
    if doc.title:
        text = doc.title + "\n" + text
    if not segment.HMM:
        return segment.words(text)
    return [t for t in segment.cut(text) if not t.isspace() and segment.is_word(t)]


def tag_document(doc: Document, settings: Settings) -> None:
    """Set ``doc.topics`` (every topic, assigned or not) and ``doc.keywords``."""
    taxonomy = load_taxonomy(settings.tag.topics_file)
    doc.topics = score_document(doc, taxonomy)
    doc.keywords = top_keywords(document_tokens(doc), settings.tag.top_keywords)


def tag_batch(docs: list[Document], settings: Settings) -> list[Document]:
    for doc in docs:
        if not doc.done:
            tag_document(doc, settings)
    return docs
