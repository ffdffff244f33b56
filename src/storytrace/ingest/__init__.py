"""Ingest: one reader per format, all yielding :class:`~storytrace.models.RawDocument` records.

Readers: ``html`` (trafilatura + structured metadata), ``text`` (plain text, markdown, URL lists),
``warc`` (FastWARC), ``feeds`` (feedparser), ``tables`` (CSV/TSV, JSONL, JSON), ``fetch`` (http(s)).
``sources`` picks the reader; ``run`` drives readers → normalizer → store.
"""

from __future__ import annotations

from .run import IngestSummary, ingest

__all__ = ["IngestSummary", "ingest"]
