"""RSS and Atom feeds (feedparser). Items with full content are articles; link-only items are URLs.

An item counts as full content when it carries ``content:encoded`` / Atom ``content`` or a summary
of at least :data:`FULL_CONTENT_WORDS` words; a teaser is not an article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import BadFeedError, BadRecordError
from ..models import RawDocument
from .records import Item, UrlRef, rejection_from_error

__all__ = ["FULL_CONTENT_WORDS", "XML_INCOMPATIBLE", "html_fragment_to_text", "read_feed"]

FULL_CONTENT_WORDS = 120

#: Characters lxml refuses in any string (C0 controls but tab and line ends, U+FFFE/U+FFFF,
#: lone surrogates).
XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

_BLOCKS = (
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "section", "article",
    "header", "footer", "figure", "figcaption", "table", "tr", "ul", "ol", "dl", "dt", "dd", "hr",
)  # fmt: skip


def html_fragment_to_text(fragment: str) -> str:
    """An HTML fragment (feed content, a CSV cell) → paragraphs separated by blank lines."""
    import lxml.html
    from lxml.etree import ParserError

    fragment = XML_INCOMPATIBLE.sub("", fragment)  # lxml refuses such strings outright
    try:
        tree = lxml.html.fromstring(f"<div>{fragment}</div>")
    except (ParserError, ValueError):
        return fragment
    for bad in tree.xpath("//script|//style|//noscript|//iframe"):
        bad.drop_tree()
    for element in tree.iter(*_BLOCKS):
        element.text = "\n\n" + (element.text or "")
        element.tail = "\n\n" + (element.tail or "")
    for br in tree.iter("br"):
        br.tail = "\n" + (br.tail or "")
    text = tree.text_content()
    paragraphs = [" ".join(part.split()) for part in text.split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def read_feed(data: bytes, *, source: str) -> Iterator[Item]:
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser crashes on some broken feeds (e.g. "&#2000000;")
        raise BadFeedError(f"{source} could not be parsed as a feed ({exc.__class__.__name__}: {exc})") from exc
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        detail = f": {problem}" if problem else ""
        raise BadFeedError(f"{source} is not an RSS/Atom feed with items{detail}")
    channel = parsed.get("feed") or {}
    outlet = channel.get("title")
    for index, entry in enumerate(entries, start=1):
        link = entry.get("link")
        title = entry.get("title")
        date = entry.get("published") or entry.get("updated") or entry.get("dc_date")
        parsed_date = entry.get("published_parsed") or entry.get("updated_parsed")
        if parsed_date is not None:
            date = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}+00:00".format(*parsed_date[:6])
        contents = [c.get("value", "") for c in entry.get("content") or [] if c.get("value")]
        body_html = max(contents, key=len) if contents else ""
        summary = entry.get("summary", "") or ""
        body_text = html_fragment_to_text(body_html) if body_html else ""
        summary_text = html_fragment_to_text(summary) if summary else ""
        if not body_text and len(summary_text.split()) >= FULL_CONTENT_WORDS:
            body_text = summary_text
        author = entry.get("author")
        if body_text:
            yield RawDocument(
                source=source,
                locator=link or entry.get("id") or f"item {index}",
                source_kind="feed",
                raw=body_text,
                raw_format="text",
                url=link,
                title_hint=title,
                byline_hint=author,
                date_hint=date,
                outlet_hint=outlet,
                external_id=entry.get("id"),
            )
        elif link:
            yield UrlRef(source=source, url=link, title=title, from_feed=True, outlet=outlet, date=date,
                         summary_words=len(summary_text.split()))
        else:
            locator = entry.get("id") or f"item {index}"
            error = BadRecordError(f"{source} {locator}: feed item has neither full content nor a link")
            yield rejection_from_error(error, source=source, locator=locator)
