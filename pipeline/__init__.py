"""Cleaning pipeline for scraped Chinese web articles.

Data flows one way over :class:`pipeline.record.Document`:
ingest -> extract -> normalize -> dedup -> tag/redact -> write -> report.
Every stage is a plain function over a batch of records (see each module);
:mod:`pipeline.flows` only wires them into Prefect tasks.
"""

__version__ = "0.1.0"
SCHEMA_VERSION = "1.3"
