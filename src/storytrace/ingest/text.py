"""Plain text and markdown files (and stdin). A file of nothing but URLs is a URL list.

A YAML front matter block at the top (``---`` / ``title: …`` / ``date: …`` / ``---``) gives the
document's title, date, byline, outlet and URL hints; the normalizer drops the block from the text
(``raw`` keeps it, as it keeps everything).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..models import RawDocument
from ..normalize import read_front_matter
from .records import UrlRef

__all__ = ["read_text"]

_URL_LINE = re.compile(r"^\s*https?://\S+\s*$", re.IGNORECASE)


def read_text(
    text: str, *, source: str, markdown: bool, source_kind: str | None = None
) -> Iterator[RawDocument | UrlRef]:
    front_matter = read_front_matter(text)
    body = text[front_matter.end :] if front_matter else text
    lines = [line for line in body.splitlines() if line.strip() and not line.lstrip().startswith("#!")]
    if lines and all(_URL_LINE.match(line) for line in lines):
        for line in lines:
            yield UrlRef(source=source, url=line.strip())
        return
    yield RawDocument(
        source=source,
        source_kind=source_kind or ("markdown" if markdown else "text"),
        raw=text,
        raw_format="markdown" if markdown else "text",
        url=front_matter.url if front_matter else None,
        title_hint=front_matter.title if front_matter else None,
        byline_hint=front_matter.byline if front_matter else None,
        date_hint=front_matter.date if front_matter else None,
        outlet_hint=front_matter.outlet if front_matter else None,
    )
