"""What readers yield besides documents: URLs still to fetch, and records they had to refuse."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import StorytraceError
from ..models import RawDocument, Rejection

__all__ = ["Item", "Skipped", "UrlRef", "rejection_from_error"]


@dataclass(frozen=True, slots=True, kw_only=True)
class UrlRef:
    """A URL to fetch: given on the command line, listed in a URL file, or a link-only feed item."""

    source: str
    url: str
    title: str | None = None
    from_feed: bool = False
    outlet: str | None = None
    date: str | None = None
    #: Words of the summary a feed item carried, too short to be the article (a teaser): 0 for none.
    summary_words: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Skipped:
    """A container record that is not an article and not an error (a WARC image, a 404 record)."""

    source: str
    locator: str | None
    why: str


Item = RawDocument | Rejection | UrlRef | Skipped


def rejection_from_error(error: StorytraceError, *, source: str, locator: str | None = None) -> Rejection:
    return Rejection(source=source, locator=locator, code=error.code, reason=error.reason, message=str(error))
