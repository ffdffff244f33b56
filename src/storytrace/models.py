"""Typed records passed between stages. All are frozen; stages build new records, never mutate.

Spans everywhere are ``(start, end)`` character offsets, end exclusive, into ``Article.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "CREDIT_KINDS",
    "Article",
    "Claim",
    "Conflict",
    "Credit",
    "Entity",
    "Mention",
    "Passage",
    "Quantity",
    "Quote",
    "RawDocument",
    "RawFormat",
    "Rejection",
    "Removed",
    "Reuse",
    "Story",
]

RawFormat = Literal["html", "text", "markdown"]

#: The structured kinds a credit line can carry (dossier contract ``storytrace.dossier/1``).
CREDIT_KINDS = ("syndicated_from", "originally_published_by", "via", "copyright")


@dataclass(frozen=True, slots=True, kw_only=True)
class RawDocument:
    """One document as a reader found it, before normalization.

    ``raw`` is the document's content as decoded text (HTML markup for ``raw_format="html"``).
    The ``*_hint`` fields are metadata that the container supplied (a CSV column, a feed item,
    HTML metadata); the normalizer prefers them over what it can infer from the text.
    """

    source: str
    """Path or URL exactly as the user gave it (for containers: the container's path)."""
    locator: str | None = None
    """Where inside the source: a WARC record id, a CSV row, a feed item link, an HTTP final URL."""
    source_kind: str
    """Reader that produced it: html, text, markdown, warc, feed, jsonl, csv, url, stdin."""
    raw: str
    raw_format: RawFormat
    url: str | None = None
    title_hint: str | None = None
    byline_hint: str | None = None
    date_hint: str | None = None
    outlet_hint: str | None = None
    external_id: str | None = None
    fetched_at: str | None = None
    """Crawl or fetch time (WARC-Date, HTTP Date). Never a publication date."""
    extracted_text: str | None = None
    """For HTML: the main text found by the boilerplate remover, one paragraph per line."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Credit:
    """A structured credit line taken out of the article body."""

    kind: str
    """One of :data:`CREDIT_KINDS`."""
    name: str
    line: str
    """The line it came from, as printed."""
    role: str | None = None
    """Finer role where the line says it, e.g. ``translator`` for "Translated by X" (kind ``via``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Removed:
    """A piece of page furniture removed from the clean text, with why (kept for audit)."""

    text: str
    why: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """A normalized article: clean text plus the metadata a careful reader would fill in.

    Null (``None``) means the document does not say; nothing here is guessed.
    """

    source: str
    locator: str | None
    source_kind: str
    url: str | None
    title: str | None
    byline: str | None
    published: str | None
    """Publication date, ISO ``YYYY-MM-DD``."""
    published_time: str | None
    """Full ISO timestamp where the document states one."""
    dateline: str | None
    outlet: str | None
    credits: tuple[Credit, ...]
    text: str
    """Clean text; paragraphs separated by a blank line. Offsets of later stages point here."""
    paragraphs: tuple[tuple[int, int], ...]
    words: int
    raw: str
    raw_format: RawFormat
    content_hash: str
    """sha256 of the raw content (whitespace-normalized): equal hashes mean the same input."""
    text_hash: str
    """sha256 of the clean text: equal hashes mean the same article body."""
    removed: tuple[Removed, ...] = ()
    external_id: str | None = None
    fetched_at: str | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Rejection:
    """A source (or a record inside one) that could not become an article, and why."""

    source: str
    locator: str | None
    code: str
    reason: str
    message: str
    at: str = field(default="")


@dataclass(frozen=True, slots=True, kw_only=True)
class Passage:
    """A stretch of text shared by two articles: spans into each article's clean ``text``."""

    source_span: tuple[int, int]
    target_span: tuple[int, int]
    kind: str
    """verbatim | near_verbatim | paraphrase | quote"""
    score: float
    """Share of the passage's words that match (lexical) or the mean sentence similarity (paraphrase)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Reuse:
    """How one article relates to another, with the evidence. ``source`` is the originating side
    when the direction is known (``direction_confidence`` > 0.5), else the earlier id."""

    source: int
    target: int
    relation: str
    """wholly_derived | partially_derived | shared_passages"""
    mode: str
    """verbatim | paraphrase | mixed"""
    target_coverage: float
    source_coverage: float
    direction_confidence: float
    evidence: tuple[str, ...]
    passages: tuple[Passage, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """Something an article reports somebody said: a direct quote or reported speech."""

    text: str
    """The quoted words (direct) or the content clause (reported), as printed."""
    span: tuple[int, int]
    """Span of ``text`` in the article's clean text."""
    speaker: str | None
    """The speaker's name as resolved (full name where the article gives one), else the mention."""
    speaker_span: tuple[int, int] | None
    """Span of the speaker mention the cue is attached to (may be a pronoun or role noun)."""
    speaker_title: str | None = None
    """Title kept apart from the name ("Maj. Gen.", "Foreign Minister")."""
    cue: str | None
    """The reporting verb or phrase ("said", "according to")."""
    cue_span: tuple[int, int] | None = None
    channel: str | None = None
    """Through whom it reached the article: "told Politico" → Politico; "RT quoted" → RT."""
    direct: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity:
    """A numeric claim: value or range, qualifier, unit and the thing counted."""

    text: str
    span: tuple[int, int]
    value: float | None
    low: float | None = None
    high: float | None = None
    qualifier: str
    """exact | approximately | at_least | at_most | range"""
    unit: str | None = None
    counted: str | None = None
    """The counted thing as a noun phrase ("Iraqi officers and volunteers")."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """One named-entity mention in one article's clean text."""

    text: str
    span: tuple[int, int]
    type: str
    """spaCy label: PERSON, ORG, GPE, NORP, LOC, FAC, EVENT …"""


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """One actor across a pile, with every name it goes by ("UN", "U.N.", "United Nations")."""

    name: str
    """Canonical name: the longest full form used (titles stripped)."""
    type: str
    aliases: tuple[str, ...]
    """Every other surface form seen or declared, sorted."""
    mentions: tuple[tuple[int, Mention], ...]
    """``(article id, mention)`` pairs, in article then text order."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Conflict:
    """A disagreement between members of one claim."""

    kind: str
    """speaker | value | wording"""
    detail: str
    members: tuple[str, ...]
    """Dossier ids of the quotes or quantities that disagree."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """The same quote or numeric claim as printed by several articles."""

    kind: str
    """quote | quantity"""
    members: tuple[str, ...]
    """Dossier ids of the quotes (``q…``) or quantities (``n…``)."""
    articles: tuple[int, ...]
    independent_origins: int
    first_seen: int | None
    """Article id of the earliest member by publication date; None when any date needed is unknown."""
    conflicts: tuple[Conflict, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    """Articles about one event."""

    title: str
    articles: tuple[int, ...]
