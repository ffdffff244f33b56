"""Document preparation (HTML extraction + normalization), inline or on worker processes.

HTML extraction is the expensive step of ingest and is CPU-bound, so large runs spread it over
worker processes; results are taken back **in submission order**, so article ids do not depend
on the number of workers. Small runs never pay for starting workers: the pool starts only once
:data:`POOL_START_AFTER` HTML documents have been seen.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..errors import InputError, NoArticleError
from ..models import Article, RawDocument, Rejection
from ..normalize import normalize
from .records import rejection_from_error

__all__ = ["POOL_START_AFTER", "DocumentPipeline", "default_workers", "prepare_document"]

logger = logging.getLogger(__name__)

#: HTML documents handled inline before worker processes are started (start-up costs ~0.5 s).
POOL_START_AFTER = 16


def default_workers() -> int:
    """One worker per core available to this process, at most 8."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(8, cores))


def prepare_document(document: RawDocument, digest: str, min_words: int) -> Article | Rejection:
    """Extract (HTML) and normalize one document. Never raises: failures become rejections."""
    try:
        if document.raw_format == "html":
            from .html import extract_html

            document = extract_html(document)
        article = normalize(document, known_hash=digest)
        if article.words < min_words:
            raise NoArticleError(f"{document.source}: only {article.words} words of article text after cleaning")
        return article
    except InputError as error:
        return rejection_from_error(error, source=document.source, locator=document.locator)
    except Exception as exc:  # one bad page must not end the run
        logger.debug("unexpected error preparing %s", document.source, exc_info=True)
        return internal_rejection(document.source, document.locator, exc)


def internal_rejection(source: str, locator: str | None, exc: BaseException) -> Rejection:
    return Rejection(
        source=source, locator=locator, code="E000", reason="internal",
        message=f"[E000] unexpected {exc.__class__.__name__} while reading: {exc}",
    )


class DocumentPipeline:
    """Prepare documents in order, on worker processes once there is enough HTML to pay for them.

    ``submit`` queues a document; ``ready`` yields finished results in submission order without
    waiting (except to keep at most ``4 × workers`` documents in flight); ``drain`` waits for all.
    """

    def __init__(self, *, workers: int, min_words: int) -> None:
        self._workers = workers
        self._min_words = min_words
        self._executor: ProcessPoolExecutor | None = None
        self._queue: deque[tuple[RawDocument, Future[Article | Rejection]]] = deque()
        self._html_seen = 0

    def __enter__(self) -> DocumentPipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def submit(self, document: RawDocument, digest: str) -> None:
        if document.raw_format == "html":
            self._html_seen += 1
        executor = self._pool() if document.raw_format == "html" else None
        if executor is None:
            future: Future[Article | Rejection] = Future()
            future.set_result(prepare_document(document, digest, self._min_words))
        else:
            future = executor.submit(prepare_document, document, digest, self._min_words)
        self._queue.append((document, future))

    def ready(self) -> Iterator[Article | Rejection]:
        limit = 4 * self._workers
        while self._queue and (self._queue[0][1].done() or len(self._queue) > limit):
            yield self._take()

    def drain(self) -> Iterator[Article | Rejection]:
        while self._queue:
            yield self._take()

    def _take(self) -> Article | Rejection:
        document, future = self._queue.popleft()
        try:
            return future.result()
        except BrokenProcessPool as exc:
            # A worker died (out of memory, a crash in a C library): lose that document only.
            self.close()
            return internal_rejection(document.source, document.locator, exc)

    def _pool(self) -> ProcessPoolExecutor | None:
        if self._workers <= 1 or self._html_seen <= POOL_START_AFTER:
            return None
        if self._executor is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["storytrace.ingest.html", "storytrace.normalize"])
            self._executor = ProcessPoolExecutor(max_workers=self._workers, mp_context=context)
        return self._executor


