"""All configuration in one place, with defaults that work.

``Settings()`` is the embedded default; ``load_settings(path)`` overlays a YAML
file (see ``pipeline.example.yaml``) whose keys mirror these models. Unknown
keys are an error, so a typo in a config file fails loudly instead of being
ignored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

PACKAGE_DIR = Path(__file__).resolve().parent


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IngestSettings(_Strict):
    """What is read and what is refused before any parsing."""

    max_bytes: int = Field(
        5_000_000, gt=0, description="Files (and crawl records) larger than this are quarantined as oversized."
    )
    max_crawl_file_bytes: int = Field(
        200_000_000, gt=0,
        description="A crawl file read whole (one JSON document or array, or JSON lines in UTF-16) holds many "
        "pages, so it has a cap of its own; each record in it is still held to max_bytes. JSON lines over "
        "crawl_part_bytes are read in parts and have no cap.",
    )
    crawl_part_bytes: int = Field(
        32_000_000, gt=0,
        description="A JSON-lines crawl file larger than this is read in parts of at most this many bytes and "
        "run.batch_size records, each a batch of its own, so a crawl file of any size runs in one batch's memory; "
        "a WARC file in byte ranges of about run.batch_size pages (measured on its first records), at most this.",
    )
    html_suffixes: list[str] = [".html", ".htm", ".shtml", ".xhtml"]
    text_suffixes: list[str] = [".txt", ".text", ".md"]
    record_suffixes: list[str] = [".json", ".jsonl", ".ndjson"]
    warc_suffixes: list[str] = Field(
        [".warc", ".warc.gz", ".wet", ".wet.gz"],
        description="WARC crawl archives (and Common Crawl's WET text extracts): one document per page record.",
    )
    ignore: list[str] = Field(
        [".*", "README.md", "README"], description="File or directory name patterns that are not inputs."
    )
    min_han_ratio: float = Field(
        0.2, ge=0, le=1, description="Below this share of Han characters among letters the body is 'not Chinese'."
    )
    max_kana_ratio: float = Field(
        0.1, ge=0, le=1,
        description="Above this share of Japanese kana among Han and kana the body is Japanese, 'not Chinese' "
        "(Japanese prose is a third kana or more; a Chinese page borrows a の at most).",
    )


class ExtractSettings(_Strict):
    """Main-content extraction."""

    min_body_chars: int = Field(30, ge=0, description="A body shorter than this (in non-space characters) is quarantined.")
    keep_blocks: bool = Field(True, description="Keep every block with its verdict for the report's raw-vs-clean view.")
    max_title_chars: int = Field(
        200, gt=0, description="A longer title (a keyword-stuffed <title>) is cut to this many characters, ending in '…'."
    )
    max_body_chars: int = Field(
        500_000, gt=0, description="A body longer than this is quarantined (no article is that long; a runaway input is)."
    )


class NormalizeSettings(_Strict):
    """Script normalisation."""

    opencc_config: str = Field("t2s", description="OpenCC config for character-level Traditional->Simplified.")
    regional_config: str | None = Field(
        None,
        description="Phrase-level config (e.g. tw2sp: 軟體 -> 软件) for text detected as Traditional; None keeps "
        "the words and converts characters only (most Traditional pages are mainland articles a site converted).",
    )

    @field_validator("opencc_config", "regional_config", mode="after")
    @classmethod
    def _known_opencc_config(cls, v: str | None) -> str | None:
        """Checked here, before any work: an unknown config would otherwise fail every Traditional page."""
        if v is None:
            return v
        from pipeline.normalize._resources import converter

        try:
            converter(v)
        except Exception:  # noqa: BLE001 - opencc raises its own error types
            raise ValueError(f"unknown OpenCC config {v!r} (for example t2s, tw2sp, hk2s)") from None
        return v


class DedupSettings(_Strict):
    """Near-duplicate detection (MinHash + LSH) and the persistent cross-run index."""

    ngram: int = Field(5, ge=1, le=12)
    num_perm: int = Field(128, ge=8, le=1024)
    bands: int = Field(32, ge=1)
    threshold: float = Field(
        0.7, gt=0, le=1, description="Verified Jaccard (or containment) at or above which two bodies are copies."
    )
    containment_threshold: float = Field(0.85, gt=0, le=1)
    index_path: str | None = Field(None, description="SQLite index; default OUT/index.sqlite.")

    @model_validator(mode="after")
    def _bands_fit(self) -> DedupSettings:
        if self.bands > self.num_perm or self.num_perm % self.bands:
            raise ValueError(f"bands ({self.bands}) must divide num_perm ({self.num_perm}) evenly")
        return self


class TagSettings(_Strict):
    """Topic tagging and keyword extraction."""

    topics_file: str | None = Field(
        None, validate_default=True, description="Topic taxonomy YAML; null means the packaged pipeline/tag/topics.yaml."
    )
    top_keywords: int = Field(10, ge=0, le=100)

    @field_validator("topics_file", mode="after")
    @classmethod
    def _packaged_taxonomy(cls, v: str | None) -> str:
        return v or str(PACKAGE_DIR / "tag" / "topics.yaml")


class RunSettings(_Strict):
    """How a flow run is executed."""

    batch_size: int = Field(200, ge=1, description="Documents per Prefect task; never one task per document.")
    workers: int = Field(
        0, ge=0, description="Worker processes (local) or LocalCluster workers (dask); 0 means one per core."
    )
    queue: int = Field(
        1, ge=0, description="Batches queued per worker beyond the one it works on; bounds a run's memory."
    )
    engine: Literal["local", "dask"] = Field(
        "local", description="local: this machine's cores (process pool). dask: prefect-dask DaskTaskRunner."
    )
    dask_address: str | None = Field(
        None, description="Scheduler address of an existing Dask cluster (tcp://HOST:PORT); None starts a LocalCluster."
    )
    progress_seconds: float = Field(10.0, gt=0, description="At most this long between progress lines.")
    doc_seconds_per_mb: float = Field(
        5.0, ge=0, description="Time budget of one document in one stage, per MB of input; 0 turns budgets off."
    )
    doc_seconds_min: float = Field(10.0, gt=0, description="The budget of a small document (a floor).")


class ReportSettings(_Strict):
    """The HTML review report built after each run."""

    enabled: bool = Field(True, description="Build the report after each run.")
    keep_runs: int = Field(
        30, ge=1, description="Reports (and their runs' blocks.jsonl) kept; older ones are pruned after each run."
    )


class Settings(_Strict):
    """Top-level settings; every section has working defaults."""

    ingest: IngestSettings = IngestSettings()
    extract: ExtractSettings = ExtractSettings()
    normalize: NormalizeSettings = NormalizeSettings()
    dedup: DedupSettings = DedupSettings()
    tag: TagSettings = TagSettings()
    run: RunSettings = RunSettings()
    report: ReportSettings = ReportSettings()


class ConfigError(Exception):
    """A configuration file is missing or invalid; the message is shown to the operator as is."""


def load_settings(path: str | Path | None = None) -> Settings:
    """Return the defaults overlaid with the YAML file at ``path`` (if any)."""
    if path is None:
        return Settings()
    p = Path(path)
    if p.is_dir():
        raise ConfigError(f"config file {p} is a directory, not a YAML file")
    if not p.is_file():
        raise ConfigError(f"config file not found: {p}")
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except UnicodeDecodeError:
        raise ConfigError(f"config file {p} is not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"config file {p} cannot be read: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" (line {where.line + 1}, column {where.column + 1})" if where else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"config file {p} is not valid YAML: {problem}{at}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"config file {p} must hold a mapping at the top level")
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise ConfigError(f"config file {p}: {where}: {first['msg']}") from None
