"""Plain text and markdown files (and stdin). A file of nothing but URLs is a URL list."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..models import RawDocument
from .records import UrlRef

__all__ = ["read_text"]

_URL_LINE = re.compile(r"^\s*https?://\S+\s*$", re.IGNORECASE)


def read_text(
    text: str, *, source: str, markdown: bool, source_kind: str | None = None
) -> Iterator[RawDocument | UrlRef]:
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#!")]
    if lines and all(_URL_LINE.match(line) for line in lines):
        for line in lines:
            yield UrlRef(source=source, url=line.strip())
        return
    yield RawDocument(
        source=source,
        source_kind=source_kind or ("markdown" if markdown else "text"),
        raw=text,
        raw_format="markdown" if markdown else "text",
    )
