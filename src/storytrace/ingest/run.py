"""The ingest stage: sources → readers → (HTML extraction) → normalize → store, in batches.

A bad input never stops the run: it becomes a :class:`~storytrace.models.Rejection` with a stable
code, written in the same transaction as the batch it belongs to.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO
from urllib.parse import urlsplit

from ..errors import (
    BadRecordError,
    DocumentTimeoutError,
    DuplicateInputError,
    LinkNotFollowedError,
    NoArticleError,
    StorytraceError,
    StorytraceOutputError,
)
from ..models import Article, RawDocument, Rejection
from ..normalize import document_hash, outlet_key, publication_hash
from ..settings import IngestOptions
from ..store import Store
from .feeds import FULL_CONTENT_WORDS
from .limits import Overtime, deadline
from .pool import DocumentPipeline, default_workers, internal_rejection
from .records import Item, Skipped, UrlRef, rejection_from_error
from .sources import Source, discover, read_bytes_as, read_source

__all__ = ["IngestSummary", "ingest"]

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, str], None]

#: URLs found in fetched content (a fetched URL list, the link-only items of a fetched feed) are
#: fetched too, one level deep; links found in those are not followed.
_MAX_FETCH_DEPTH = 1

#: A source whose records are refused one after another (more than this many, and more than ten
#: for every record read) is not read further: one more rejection says so.
MAX_REFUSED_RECORDS = 1000


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestSummary:
    sources: int
    new: tuple[int, ...]
    updated: tuple[int, ...]
    unchanged: tuple[int, ...]
    rejections: tuple[Rejection, ...]
    links_not_followed: tuple[str, ...]
    skipped_records: int
    seconds: float

    @property
    def stored(self) -> int:
        """Articles this run accounted for in the store (new, updated or already there)."""
        return len(self.new) + len(self.updated) + len(self.unchanged)

    @property
    def failures(self) -> tuple[Rejection, ...]:
        """Rejections that are failures (not a kept feed link, not a duplicate of another input)."""
        informative = {LinkNotFollowedError.reason, DuplicateInputError.reason, StorytraceOutputError.reason}
        return tuple(r for r in self.rejections if r.reason not in informative)


@dataclass(slots=True)
class _Run:
    store: Store
    options: IngestOptions
    articles: list[Article] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    all_rejections: list[Rejection] = field(default_factory=list)
    pending_hashes: set[str] = field(default_factory=set)
    new: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    skipped: int = 0
    pipeline: DocumentPipeline = field(default_factory=lambda: DocumentPipeline(workers=1, min_words=0))
    submitted: dict[str, str] = field(default_factory=dict)
    """Content hash → the source it was first read from in this run."""
    outlets: dict[str, str | None] = field(default_factory=dict)
    """Content hash → the (folded) outlet of the document first read with it in this run."""

    def take(self, prepared: Article | Rejection) -> None:
        if isinstance(prepared, Rejection):
            self.reject(prepared)
        else:
            self.add(prepared)

    def reject(self, rejection: Rejection) -> None:
        self.rejections.append(rejection)
        self.all_rejections.append(rejection)
        if len(self.rejections) + len(self.articles) >= self.options.batch_size:
            self.flush()

    def add(self, article: Article) -> None:
        self.articles.append(article)
        self.pending_hashes.add(article.content_hash)
        if len(self.articles) + len(self.rejections) >= self.options.batch_size:
            self.flush()

    def flush(self) -> None:
        if not self.articles and not self.rejections:
            return
        result = self.store.write_batch(self.articles, self.rejections, replace=self.options.force)
        self.new.extend(result.inserted)
        self.updated.extend(result.updated)
        self.unchanged.extend(result.unchanged)
        self.articles.clear()
        self.rejections.clear()
        self.pending_hashes.clear()


def ingest(
    inputs: Sequence[str],
    store: Store,
    options: IngestOptions | None = None,
    *,
    progress: ProgressCallback | None = None,
    stdin: BinaryIO | None = None,
) -> IngestSummary:
    """Ingest every input into ``store``. Returns what happened; raises only for store failures."""
    options = options or IngestOptions()
    started = time.perf_counter()
    sources = list(discover(inputs))
    workers = options.workers or default_workers()
    with DocumentPipeline(workers=workers, min_words=options.min_words, time_limit=options.time_limit) as pipeline:
        run = _Run(store=store, options=options, pipeline=pipeline)
        for done, source in enumerate(sources, start=1):
            _ingest_source(run, source, stdin=stdin)
            if progress is not None:
                progress(done, len(sources), source.spec)
        for prepared in pipeline.drain():
            run.take(prepared)
    run.flush()
    return IngestSummary(
        sources=len(sources),
        new=tuple(run.new),
        updated=tuple(run.updated),
        unchanged=tuple(run.unchanged),
        rejections=tuple(run.all_rejections),
        links_not_followed=tuple(run.links),
        skipped_records=run.skipped,
        seconds=time.perf_counter() - started,
    )


def _ingest_source(run: _Run, source: Source, *, stdin: BinaryIO | None) -> None:
    # Only the reader is guarded: a store failure while a batch is written (inside _ingest_item)
    # must end the run, not be recorded as a rejection of whichever source happened to be open.
    items = read_source(source, run.options, stdin=stdin)
    produced = skipped = refused = 0
    while True:
        try:
            # Each step of a reader (decoding, parsing a feed or a table, the next WARC record)
            # is under the per-document time cap too; not standard input or another pipe, which may
            # be slow to write (the size cap still bounds what is read from it).
            with deadline(run.options.time_limit if source.kind not in {"stdin", "stream"} else 0):
                item = next(items)
        except StopIteration:
            if produced == 0:
                # Every input is accounted for: a source that yielded nothing (a table with a
                # header only, a crawl of 404s) is recorded, not silently dropped.
                detail = f" ({skipped} records skipped: not HTML or not HTTP 200)" if skipped else ""
                nothing = NoArticleError(f"{source.spec}: no article and no record in it{detail}")
                run.reject(rejection_from_error(nothing, source=source.spec))
            return
        except Overtime:
            error = DocumentTimeoutError(
                f"{source.spec}: reading took longer than the time cap of {run.options.time_limit:g} s; "
                "the rest of it is not read",
                hint="raise it with --time-limit",
            )
            run.reject(rejection_from_error(error, source=source.spec))
            return
        except StorytraceError as error:
            run.reject(rejection_from_error(error, source=source.spec))
            return
        except Exception as exc:
            logger.debug("unexpected error reading %s", source.spec, exc_info=True)
            run.reject(internal_rejection(source.spec, None, exc))
            return
        if isinstance(item, Skipped):
            skipped += 1
        else:
            produced += 1
        if isinstance(item, Rejection):
            refused += 1
            if refused > MAX_REFUSED_RECORDS and refused > 10 * (produced - refused):
                # A "table" of garbage lines would otherwise flood the store with one rejection per line.
                flood = BadRecordError(
                    f"{source.spec}: {refused - 1:,} records refused and few read; the rest of it is not read"
                )
                run.reject(rejection_from_error(flood, source=source.spec))
                return
        _ingest_item(run, item)


def _ingest_item(run: _Run, item: Item, *, depth: int = 0) -> None:
    if isinstance(item, Rejection):
        run.reject(item)
    elif isinstance(item, Skipped):
        run.skipped += 1
    elif isinstance(item, UrlRef):
        _ingest_url(run, item, depth=depth)
    else:
        _ingest_document(run, item)


def _ingest_document(run: _Run, document: RawDocument) -> None:
    digest = _publication_hash(run, document, document_hash(document))
    if digest in run.submitted:
        first = run.submitted[digest]
        error = DuplicateInputError(f"same content as {first}, already read in this run")
        run.reject(rejection_from_error(error, source=document.source, locator=document.locator))
        return
    if not run.options.force:
        known = run.store.known_hashes([digest])
        # (an article stored by an older normalizer is normalized again: headers and body move with it)
        if digest in known and not run.store.stale_hashes([digest]):
            run.unchanged.append(known[digest])
            return
    run.submitted[digest] = document.source + (f" [{document.locator}]" if document.locator else "")
    run.outlets.setdefault(digest, outlet_key(document.outlet_hint))
    run.pipeline.submit(document, digest)
    for prepared in run.pipeline.ready():
        run.take(prepared)


def _publication_hash(run: _Run, document: RawDocument, digest: str) -> str:
    """The content hash an article from ``document`` is stored under (:func:`publication_hash`): the
    outlet it is compared with is that of the document first read with ``digest`` in this run, else
    of the article stored under it."""
    outlet = outlet_key(document.outlet_hint)
    if outlet is None:
        return digest
    if digest in run.outlets:
        first = run.outlets[digest]
    else:
        stored = run.store.known_outlets([digest])
        if digest not in stored:
            return digest
        first = outlet_key(stored[digest])
    return publication_hash(digest, outlet, first)


def _ingest_url(run: _Run, ref: UrlRef, *, depth: int) -> None:
    if ref.from_feed and not run.options.follow_links:
        run.links.append(ref.url)
        # an item with a summary is not "only a link" to the reader who sees text in the feed: say why it is not kept
        teaser = (f" and a summary of {ref.summary_words} words (under {FULL_CONTENT_WORDS}: a teaser, not the article)"
                  if ref.summary_words else "")
        error = LinkNotFollowedError(
            f"feed item has only a link{teaser}: {ref.url}", hint="rerun with --follow-links to fetch it"
        )
        run.reject(rejection_from_error(error, source=ref.source, locator=ref.url))
        return
    if depth > _MAX_FETCH_DEPTH:
        # A link found in a page that was itself reached through a fetched link: not followed.
        logger.debug("not following %s (found %d fetches deep)", ref.url, depth)
        run.skipped += 1
        return
    from .fetch import fetch_url

    # A feed item's link belongs to the feed it came from; a typed or listed URL is its own source.
    source, locator = (ref.source, ref.url) if ref.from_feed else (ref.url, None)
    try:
        page = fetch_url(ref.url, run.options.fetch)
        name = urlsplit(page.url).path.rsplit("/", 1)[-1] or "index"
        with deadline(run.options.time_limit):
            items = list(
                read_bytes_as(
                    page.body, name=name, source=ref.url if not ref.from_feed else ref.source,
                    options=run.options, content_type=page.content_type, charset=page.charset,
                    url=page.url, fetched_at=page.date,
                )
            )
    except Overtime:
        overtime = DocumentTimeoutError(
            f"{ref.url}: reading the page took longer than the time cap of {run.options.time_limit:g} s",
            hint="raise it with --time-limit",
        )
        run.reject(rejection_from_error(overtime, source=source, locator=locator))
        return
    except StorytraceError as error:
        run.reject(rejection_from_error(error, source=source, locator=locator))
        return
    except Exception as exc:
        logger.debug("unexpected error fetching %s", ref.url, exc_info=True)
        run.reject(internal_rejection(source, locator, exc))
        return
    for item in items:
        if isinstance(item, RawDocument) and ref.from_feed:
            from dataclasses import replace

            item = replace(
                item, title_hint=item.title_hint or ref.title, outlet_hint=item.outlet_hint or ref.outlet,
                date_hint=item.date_hint or ref.date,
            )
        _ingest_item(run, item, depth=depth + 1)
