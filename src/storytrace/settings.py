"""Options objects with their documented defaults. One per stage; keyword-only and validated."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import UsageError

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_TIME_LIMIT", "FetchOptions", "IngestOptions", "TableFields"]

#: Default size cap for one input file, one decompressed stream, or one HTTP body (20 MB).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

#: Default time cap for reading, extracting and cleaning one document (seconds). The slowest
#: real page measured (a 17 MB HTML page) takes about 4 s; hostile inputs are cut off here.
DEFAULT_TIME_LIMIT = 30.0

USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0 Safari/537.36 storytrace/0.1"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class TableFields:
    """Column names for CSV/JSONL inputs. ``None`` means: try the usual names in order."""

    text: str | None = None
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    id: str | None = None
    byline: str | None = None
    fetched: str | None = None
    """When the row was fetched or scraped (``RawDocument.fetched_at``): never a publication date, but a
    date printed without its year is placed against it."""

    DEFAULTS = {
        "text": ("text", "body", "content", "article", "articleBody", "maintext", "newBody"),
        "title": ("title", "headline", "newsTitle"),
        "outlet": ("outlet", "publisher", "source", "site", "site_name", "domain", "newsSource"),
        "date": ("date", "published", "published_at", "date_publish", "pubdate", "timestamp"),
        "url": ("url", "link", "uri"),
        "id": ("id", "uuid", "doc_id", "guid"),
        "byline": ("byline", "author", "authors"),
        "fetched": ("fetched_at", "fetched", "scraped_at", "scrape_time", "crawled_at", "retrieved_at", "downloaded_at"),
    }

    def candidates(self, name: str) -> tuple[str, ...]:
        chosen = getattr(self, name)
        return (chosen,) if chosen else self.DEFAULTS[name]


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchOptions:
    """How URLs are fetched. Private and loopback addresses are refused unless allowed."""

    timeout: float = 20.0
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    allow_private: bool = False

    def __post_init__(self) -> None:
        if self.timeout <= 0:
            raise UsageError(f"fetch timeout must be positive, got {self.timeout}")
        if self.max_redirects < 0:
            raise UsageError(f"max_redirects must be >= 0, got {self.max_redirects}")


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestOptions:
    """Options for ``storytrace ingest``.

    ``max_bytes`` caps each input file and each decompressed stream; ``batch_size`` is how many
    articles go into one store transaction; ``follow_links`` fetches feed items that carry only a
    link; ``force`` re-normalizes content already in the store; ``min_words`` is the fewest words
    of clean text an article may have.
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = 200
    follow_links: bool = False
    force: bool = False
    fields: TableFields = TableFields()
    fetch: FetchOptions = FetchOptions()
    min_words: int = 5
    workers: int = 0
    """Processes for HTML extraction; 0 = one per available core (started only for larger runs)."""
    time_limit: float = DEFAULT_TIME_LIMIT
    """Seconds one document may take to be read, extracted and cleaned (0 = no cap); over it: E114."""

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise UsageError(f"max_bytes must be positive, got {self.max_bytes}")
        if self.time_limit < 0:
            raise UsageError(f"time_limit must be >= 0, got {self.time_limit}")
        if self.workers < 0:
            raise UsageError(f"workers must be >= 0, got {self.workers}")
        if self.batch_size <= 0:
            raise UsageError(f"batch_size must be positive, got {self.batch_size}")
