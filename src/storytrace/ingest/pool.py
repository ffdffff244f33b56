"""Document preparation (HTML extraction + normalization), inline or on worker processes.

HTML extraction is the expensive step of ingest and is CPU-bound, so large runs spread it over
worker processes; results are taken back **in submission order**, so article ids do not depend
on the number of workers. Small runs never pay for starting workers: the pool starts only once
:data:`POOL_START_AFTER` HTML documents have been seen.

Every document gets a time cap (``IngestOptions.time_limit``): a ``SIGALRM`` deadline around its
preparation, inline and in the workers (:mod:`storytrace.ingest.limits`); a document over it is
rejected with ``E114 timeout``. In the pool there is also a hard cap: a worker that does not
answer within the cap plus :data:`HARD_CAP_GRACE` (stuck inside a C library) is killed, its
document rejected, and the other documents in flight are prepared again on fresh workers.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import re
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeoutError
from concurrent.futures.process import BrokenProcessPool

from ..errors import DocumentTimeoutError, InputError, NoArticleError
from ..models import Article, RawDocument, Rejection
from ..normalize import normalize
from .limits import Overtime, deadline
from .records import rejection_from_error

__all__ = ["HARD_CAP_GRACE", "POOL_START_AFTER", "DocumentPipeline", "default_workers", "prepare_document"]

logger = logging.getLogger(__name__)

#: HTML documents handled inline before worker processes are started (start-up costs ~0.5 s).
POOL_START_AFTER = 16

#: Seconds past the time cap after which a silent worker is killed (its deadline did not fire).
HARD_CAP_GRACE = 5.0


def default_workers() -> int:
    """One worker per core available to this process, at most 8."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(8, cores))


def prepare_document(document: RawDocument, digest: str, min_words: int, time_limit: float = 0.0) -> Article | Rejection:
    """Extract (HTML) and normalize one document within ``time_limit`` seconds (0: no cap).

    Never raises: failures become rejections.
    """
    try:
        with deadline(time_limit):
            return _prepare(document, digest, min_words)
    except Overtime:
        return timeout_rejection(document, time_limit)


def timeout_rejection(document: RawDocument, time_limit: float) -> Rejection:
    error = DocumentTimeoutError(
        f"{document.source}: extraction and cleaning took longer than the time cap of {time_limit:g} s",
        hint="raise it with --time-limit",
    )
    return rejection_from_error(error, source=document.source, locator=document.locator)


def _prepare(document: RawDocument, digest: str, min_words: int) -> Article | Rejection:
    try:
        if document.raw_format == "html":
            from .html import extract_html

            document = extract_html(document)
        article = normalize(document, known_hash=digest)
        if article.words < min_words:
            words = f"{article.words} word{'' if article.words == 1 else 's'}"
            raise NoArticleError(f"{document.source}: only {words} of article text after cleaning")
        notice = error_page(article)
        if notice is not None:
            raise NoArticleError(f"{document.source}: an error page, not an article (“{notice}”)",
                                 hint="the page was not served: fetch it again, or find a saved copy")
        return article
    except InputError as error:
        return rejection_from_error(error, source=document.source, locator=document.locator)
    except Exception as exc:  # one bad page must not end the run
        logger.debug("unexpected error preparing %s", document.source, exc_info=True)
        return internal_rejection(document.source, document.locator, exc)


#: How a page that was not served says so in its first line or title ("ERROR", "404 Not Found",
#: "Page not found", "Sorry, this page isn't available", "Access denied").
_ERROR_NOTICE = re.compile(
    r"^(?:error(?:\s*\d{3})?|\d{3}(?:\s*[-:–—]?\s*(?:error|not found|page not found|forbidden))?|(?:the\s+)?page not found"
    r"|not found|file not found|access denied|forbidden|(?:sorry|oops)\b.{0,40}\b(?:page|content)\b.{0,40}?"
    r"(?:\bnot\b|n['’]t\b|\bno longer\b).{0,30}|(?:this|the) page (?:is not|isn['’]t|cannot be|can['’]t be|could not be|"
    r"was not|no longer) \w+|we can(?:not|['’]t|no longer) find (?:the|that|this) page)\W*$",
    re.IGNORECASE,
)
#: The most words an error page has: a real article that mentions an error is longer.
_ERROR_PAGE_WORDS = 80


def error_page(article: Article) -> str | None:
    """The notice of a page that was not served (a soft 404 kept by a crawl or a scrape), else ``None``:
    a short text whose title or first line is only such a notice."""
    if article.words > _ERROR_PAGE_WORDS:
        return None
    first = next((line.strip() for line in article.text.splitlines() if line.strip()), "")
    for candidate in (article.title or "", first):
        if candidate and len(candidate) <= 120 and _ERROR_NOTICE.match(candidate.strip()):
            return candidate.strip()
    return None


def internal_rejection(source: str, locator: str | None, exc: BaseException) -> Rejection:
    return Rejection(
        source=source, locator=locator, code="E000", reason="internal",
        message=f"[E000] unexpected {exc.__class__.__name__} while reading: {exc}",
    )


#: What prepares one document: (document, digest, min_words, time_limit) → article or rejection.
#: A module-level function (it is sent to the worker processes by name).
Preparer = Callable[[RawDocument, str, int, float], Article | Rejection]


class DocumentPipeline:
    """Prepare documents in order, on worker processes once there is enough HTML to pay for them.

    ``submit`` queues a document; ``ready`` yields finished results in submission order without
    waiting (except to keep at most ``4 × workers`` documents in flight); ``drain`` waits for all.
    """

    def __init__(
        self, *, workers: int, min_words: int, time_limit: float = 0.0, prepare: Preparer = prepare_document
    ) -> None:
        self._prepare = prepare
        self._workers = workers
        self._min_words = min_words
        self._time_limit = time_limit
        self._executor: ProcessPoolExecutor | None = None
        self._queue: deque[tuple[RawDocument, str, Future[Article | Rejection]]] = deque()
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
        self._queue.append((document, digest, self._start(document, digest)))

    def _start(self, document: RawDocument, digest: str) -> Future[Article | Rejection]:
        executor = self._pool() if document.raw_format == "html" else None
        if executor is None:
            future: Future[Article | Rejection] = Future()
            future.set_result(self._prepare(document, digest, self._min_words, self._time_limit))
            return future
        return executor.submit(self._prepare, document, digest, self._min_words, self._time_limit)

    def ready(self) -> Iterator[Article | Rejection]:
        limit = 4 * self._workers
        while self._queue and (self._queue[0][2].done() or len(self._queue) > limit):
            yield self._take()

    def drain(self) -> Iterator[Article | Rejection]:
        while self._queue:
            yield self._take()

    def _take(self) -> Article | Rejection:
        document, _, future = self._queue.popleft()
        hard_cap = self._time_limit + HARD_CAP_GRACE if self._time_limit > 0 else None
        try:
            return future.result(timeout=hard_cap)
        except FutureTimeoutError:
            # The worker's own deadline did not fire (stuck in C code): kill the workers.
            logger.warning("%s: worker over the hard time cap; restarting the workers", document.source)
            self._restart()
            return timeout_rejection(document, self._time_limit)
        except BrokenProcessPool as exc:
            # A worker died (out of memory, a crash in a C library): lose that document only.
            self._restart()
            return internal_rejection(document.source, document.locator, exc)

    def _restart(self) -> None:
        """Kill the workers and prepare again every queued document that has no result yet."""
        executor, self._executor = self._executor, None
        if executor is not None:
            processes = getattr(executor, "_processes", None) or {}
            for process in list(processes.values()):
                with contextlib.suppress(OSError, ValueError, AttributeError):  # already gone
                    process.kill()
            executor.shutdown(wait=True, cancel_futures=True)
        pending = list(self._queue)
        self._queue.clear()
        for document, digest, future in pending:
            if future.done() and not future.cancelled() and future.exception() is None:
                self._queue.append((document, digest, future))
            else:
                self._queue.append((document, digest, self._start(document, digest)))

    def _pool(self) -> ProcessPoolExecutor | None:
        if self._workers <= 1 or self._html_seen <= POOL_START_AFTER:
            return None
        if self._executor is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["storytrace.ingest.html", "storytrace.normalize"])
            self._executor = ProcessPoolExecutor(max_workers=self._workers, mp_context=context)
        return self._executor
