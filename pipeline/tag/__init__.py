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
from pipeline.tag.scoring import prepare, score_document
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
    """Set ``doc.topics`` (every topic, assigned or not) and ``doc.keywords``.

    One segmentation serves both: the words of every sentence the scorer sees
    (title, headings, paragraphs) feed the learned model, its evidence, and the keywords.
    """
    taxonomy = load_taxonomy(settings.tag.topics_file)
    prepared = prepare(doc)
    if segment.HMM:
        doc.topics = score_document(doc, taxonomy, prepared)
        doc.keywords = top_keywords(document_tokens(doc), settings.tag.top_keywords)
        return
    sentence_tokens = [segment.words(sentence) for _a, _b, sentence in prepared.spans]
    doc.topics = score_document(doc, taxonomy, prepared, sentence_tokens)
    doc.keywords = top_keywords([t for ts in sentence_tokens for t in ts], settings.tag.top_keywords)


def thresholds(settings: Settings) -> dict[str, float]:
    """The score at which each topic is assigned: the learned model's threshold, else the taxonomy's.

    The one answer for everything that shows or applies a threshold (``run.json``,
    the report's histograms and review queue, verdicts applied to old articles), so
    none of them can disagree with :func:`score_document`, which tags by it.
    """
    from pipeline.tag import wordmodel

    models = {} if segment.HMM else wordmodel.load()  # with the HMM on, the lexicon model decides
    return {t.label: models[t.label].threshold if t.label in models else t.threshold
            for t in load_taxonomy(settings.tag.topics_file).topics}


def model_digest(settings: Settings) -> str:
    """What the tags depend on, as a digest: the taxonomy, and the learned model when it decides.

    Recorded per run (``run.json`` ``tag_model``), so a run can say when the articles written
    before it were tagged by another model (a refit, an edited taxonomy): they keep their tags
    until ``--reprocess``.
    """
    import hashlib
    from pathlib import Path

    from pipeline.tag import wordmodel

    h = hashlib.sha256(Path(settings.tag.topics_file).read_bytes())
    if not segment.HMM and wordmodel.MODEL_PATH.is_file():
        h.update(wordmodel.MODEL_PATH.read_bytes())
    return h.hexdigest()[:16]


def tag_batch(docs: list[Document], settings: Settings) -> list[Document]:
    for doc in docs:
        if not doc.done:
            tag_document(doc, settings)
    return docs
