"""The closed vocabularies of the published JSON: every flag, counter key and change kind.

Downstream apps switch on these names, so they are part of the contract: the
article schema (``pipeline/schema/article.schema.json``) enumerates exactly
these sets and a test keeps the two equal. A stage that starts emitting a new
name must add it here and to the schema (and bump ``SCHEMA_VERSION``);
otherwise the article fails validation and is quarantined, which the tests over
real pages catch.
"""

from __future__ import annotations

#: ``flags``: what a consumer may want to filter on or look at twice.
FLAGS: dict[str, str] = {
    "low_confidence": "the extractor is unsure it found the article body (short or mostly link text)",
    "body_from_json_ld": "the body came from the page's JSON-LD articleBody, not from its HTML",
    "decode_errors": "the input had bytes invalid in its encoding; they became U+FFFD",
    "invalid_fetched_at": "the crawl record's fetched_at was not a valid timestamp and was dropped",
    "mojibake": "garbled text that could not be repaired was removed",
    "lost_characters": "characters lost before the crawl ('?' in place of a character) are marked with the placeholder",
    "gap": "a space between two Han characters inside a sentence (kept): a separator, or where a word was deleted; worth a look",
}

#: ``stats.removed`` keys: the family of boilerplate a removed block belonged to.
REMOVED_KINDS: tuple[str, ...] = (
    # line families (pipeline/extract/boilerplate.py and the HTML line rules)
    "licence", "copyright", "greeting", "breadcrumb", "takedown", "contact", "disclaimer", "comment", "tag",
    "marketing", "original_title", "navigation", "friend_links", "related", "correction", "editor_label",
    "byline", "dateline", "widget", "toc", "references", "caption", "empty",
    # families found with context (title repeats, the lead before the title, a footer run)
    "title_repeat", "preamble", "footer",
    # forum threads: posters' profile cards and signatures
    "profile", "signature",
    # HTML regions named by class/id or tag
    "share", "ad", "nav", "sidebar", "tags", "form",
    # extractor and dedup decisions
    "noise", "duplicate", "repeat", "boilerplate",
)

#: ``stats.normalize`` keys: what script normalisation changed, counted.
MOJIBAKE_METHODS: tuple[str, ...] = ("utf8-as-gbk", "big5-as-gbk", "gbk-shift", "utf8-as-big5", "gbk-as-big5")
NORMALIZE_KEYS: tuple[str, ...] = (
    "traditional_chars", "script_zh-Hant", "script_mixed", "pinyin", "width", "punctuation", "space",
    "space_folded", "invisible", "gap", "split_debris", "private_use", "placeholder", "restored",
    "mojibake_fixed", "mojibake_removed", "mojibake_removed_chars", "zhe",
    *(f"mojibake_{m}" for m in MOJIBAKE_METHODS),
)

#: ``redactions`` keys (the placeholders are in :data:`pipeline.redact.PLACEHOLDERS`).
REDACTION_TYPES: tuple[str, ...] = ("phone", "email", "qq", "wechat", "id_number", "bank_card")

#: ``page_kind``: an article, or a forum / Q&A thread whose replies are posts of the body.
PAGE_KINDS: tuple[str, ...] = ("article", "thread")

#: ``published_precision`` and a post's or a comment's ``date_precision``: what the page said about when.
DATE_PRECISIONS: tuple[str, ...] = ("day", "time")

#: The change feed (``pipeline export``): what a run did to an article, and why.
CHANGES: tuple[str, ...] = ("created", "rewritten")
CHANGE_REASONS: dict[str, str] = {
    "new": "first written (a new input, or one whose article file had gone missing)",
    "input_changed": "an input with new bytes produced an article that already existed",
    "reprocessed": "processed again from the same bytes: --reprocess, or its file was damaged or of an older schema",
    "moved": "its input or a copy of it, the same bytes, is now at another path (renamed or moved): "
             "source.path or an also_seen_at path changed",
    "new_duplicate_source": "another input carries the same article: duplicates.also_seen_at grew",
    "duplicate_source_gone": "an input listed in duplicates.also_seen_at now holds something else: it left the list",
    "review_applied": "a reviewer's verdict changed its topics",
}
