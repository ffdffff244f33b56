"""HTML pages: main text with trafilatura, metadata from JSON-LD / meta tags, then trafilatura's.

Structured metadata (JSON-LD ``NewsArticle``, ``article:published_time``, ``og:site_name``) wins
over trafilatura's guesses: it keeps full timestamps and author lists that trafilatura drops or
mangles. Publication dates come only from explicit markup or htmldate's *non-extensive* search,
so a copyright year or a page render time in the body text is never taken for one.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from ..dates import parse_iso_datetime
from ..errors import NoArticleError
from ..models import RawDocument

__all__ = ["extract_html", "structured_metadata"]

logger = logging.getLogger(__name__)

_ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "blogposting",
    "opinionnewsarticle",
    "webpage",
    "report",
    "backgroundnewsarticle",
    "socialmediaposting",
}

_META_DATE = (
    "article:published_time",
    "article:published",
    "og:article:published_time",
    "datePublished",
    "date",
    "dc.date.issued",
    "DC.date.issued",
    "pubdate",
    "publishdate",
    "sailthru.date",
    "parsely-pub-date",
    "cXenseParse:recs:publishtime",
)


#: A comma before a closing bracket, which JSON forbids and page templates print
#: (``"keywords": ["Smart News", "Science", ],``): the whole block, dates and all, was lost.
_TRAILING_COMMA = re.compile(r",(\s*[\]}])")


def _loads_lenient(raw: str) -> Any:
    """JSON-LD as parsed, or as parsed without trailing commas; ``None`` when neither parses."""
    for text in (raw, _TRAILING_COMMA.sub(r"\1", raw)):
        try:
            return json.loads(text)
        except (ValueError, RecursionError):
            continue
    return None


def _jsonld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    for node in tree.xpath('//script[@type="application/ld+json"]'):
        raw = (node.text or "").strip()
        if not raw:
            continue
        data = _loads_lenient(raw)
        if data is None:  # bad or absurdly nested JSON-LD: ignored
            continue
        stack: list[Any] = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                yield item


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        out: list[str] = []
        for item in value:
            out.extend(_names(item))
        return out
    return []


_TITLE_SEPARATORS = re.compile(r"\s+[|–—·•]\s+|\s+-\s+|\s+::\s+")


def _page_title(tree: Any, metas: dict[str, str]) -> str | None:
    """og:title / twitter:title, else a single <h1>, else <title> without its " | Site" part, else a
    single <h2> (a page saved without its head, or a blog theme that heads its post with an <h2>)."""
    for key in ("og:title", "twitter:title", "dc.title", "DC.title", "headline"):
        if metas.get(key):
            return metas[key]
    headings = [" ".join(h.text_content().split()) for h in tree.xpath("//h1")]
    headings = [h for h in headings if h]
    if len(headings) == 1 and len(headings[0].split()) >= 3:
        return headings[0]
    titles = tree.xpath("//head/title/text()")
    if titles and titles[0].strip():
        parts = [p.strip() for p in _TITLE_SEPARATORS.split(" ".join(titles[0].split())) if p.strip()]
        return max(parts, key=len) if parts else None
    # one <h2> only: several are the sections of a page, not its headline
    headings = [h for h in (" ".join(h.text_content().split()) for h in tree.xpath("//h2")) if h]
    if len(headings) == 1 and len(headings[0].split()) >= 3:
        return headings[0]
    return None


def _with_clock(date: str | None, others: list[str]) -> str | None:
    """A date without a time of day ("November 19, 2019" in JSON-LD) replaced by another statement
    of the same day that has one ("2019-11-19T11:21:08+00:00" in a meta tag), which keeps the time
    and zone the page states."""
    parsed = parse_iso_datetime(date)
    if parsed is None or parsed.time is not None:
        return date
    for other in others:
        timed = parse_iso_datetime(other)
        if timed is not None and timed.time is not None and timed.date == parsed.date:
            return other
    return date


def structured_metadata(tree: Any) -> dict[str, str | None]:
    """Title, author(s), publication time and site name from JSON-LD and meta tags."""
    found: dict[str, str | None] = {"title": None, "byline": None, "date": None, "outlet": None}
    for obj in _jsonld_objects(tree):
        kind = obj.get("@type")
        kinds = {k.lower() for k in ([kind] if isinstance(kind, str) else kind or []) if isinstance(k, str)}
        if not kinds & _ARTICLE_TYPES:
            continue
        if not found["date"] and isinstance(obj.get("datePublished"), str):
            found["date"] = obj["datePublished"].strip() or None
        if not found["title"] and isinstance(obj.get("headline"), str):
            found["title"] = obj["headline"].strip() or None
        if not found["byline"]:
            authors = [n for n in _names(obj.get("author")) if not n.lower().startswith("http")]
            if authors:
                found["byline"] = ", ".join(dict.fromkeys(authors))
        if not found["outlet"]:
            publisher = _names(obj.get("publisher"))
            if publisher:
                found["outlet"] = publisher[0]
    metas: dict[str, str] = {}
    for node in tree.xpath("//meta[@content]"):
        key = node.get("property") or node.get("name") or node.get("itemprop")
        if key and key not in metas:
            metas[key] = node.get("content", "").strip()
    if not found["date"]:
        for key in _META_DATE:
            if metas.get(key):
                found["date"] = metas[key]
                break
    # itemprop holds a list of names ("datePublished dateCreated")
    stated = [(node.get("datetime") or node.get("content") or "").strip() for node in tree.xpath(
        '//*[contains(concat(" ", normalize-space(@itemprop), " "), " datePublished ")]')]
    stated = [value for value in stated if value]
    if not found["date"] and stated:
        found["date"] = stated[0]
    found["date"] = _with_clock(found["date"], [metas.get(key, "") for key in _META_DATE] + stated)
    if not found["title"]:
        found["title"] = _page_title(tree, metas)
    if not found["outlet"] and metas.get("og:site_name"):
        found["outlet"] = metas["og:site_name"]
    if not found["byline"]:
        author = metas.get("author") or metas.get("article:author") or metas.get("sailthru.author")
        if author and not author.lower().startswith("http"):
            found["byline"] = author
    return found



#: trafilatura's precision/recall trade-off. Tuned on the shared half of the article-extraction
#: benchmark (``storytrace eval aeb``); rerun it after changing this or the normalizer.
FAVOR_PRECISION = True



_BYLINE_XPATHS = (
    '//*[@itemprop="author"]//*[@itemprop="name"]',
    '//*[@itemprop="author"]',
    '//*[@rel="author"]',
    '//*[contains(concat(" ", normalize-space(@class), " "), " byline ")]',
    '//*[contains(@class, "author-name") or contains(@class, "byline__name") or contains(@class, "author__name")]',
    '//*[@class="author" or @id="author"]',
)
_BY_PREFIX = re.compile(r"^(?:by|written by|posted by|author)\s*:?\s+", re.IGNORECASE)


def _byline_from_markup(tree: Any) -> str | None:
    for xpath in _BYLINE_XPATHS:
        for node in tree.xpath(xpath)[:3]:
            text = _BY_PREFIX.sub("", " ".join(node.text_content().split())).strip(" ,|")
            if text and 1 <= len(text.split()) <= 8 and not text.lower().startswith("http"):
                return text
    return None


def _htmldate(tree: Any, url: str | None) -> str | None:
    from htmldate import find_date

    try:
        return find_date(  # type: ignore[no-any-return]
            tree, url=url, extensive_search=False, original_date=True, outputformat="%Y-%m-%d"
        )
    except Exception:
        logger.debug("htmldate failed", exc_info=True)
        return None


def extract_html(document: RawDocument) -> RawDocument:
    """Fill ``extracted_text`` and metadata hints of an HTML document.

    Raises :class:`NoArticleError` when the page holds no article text.
    """
    import lxml.html
    import trafilatura
    from lxml.etree import ParserError

    source = document.source
    from .feeds import XML_INCOMPATIBLE

    try:
        tree = lxml.html.fromstring(XML_INCOMPATIBLE.sub("", document.raw))
    except (ParserError, ValueError) as exc:
        raise NoArticleError(f"{source}: HTML could not be parsed ({exc})") from exc
    if tree is None:
        raise NoArticleError(f"{source}: HTML has no document")
    structured = structured_metadata(tree)
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    og_url = tree.xpath('//meta[@property="og:url"]/@content')
    page_url = (
        document.url
        or (canonical[0].strip() if canonical else None)
        or (og_url[0].strip() if og_url else None)
    )
    extracted = trafilatura.bare_extraction(
        tree,
        url=page_url,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
        favor_precision=FAVOR_PRECISION,
    )
    text = (getattr(extracted, "text", None) or "").strip() if extracted is not None else ""
    if not text:
        raise NoArticleError(f"{source}: no article text found in the HTML")
    found = {
        "title": document.title_hint or structured["title"],
        "byline": document.byline_hint or structured["byline"],
        "date": document.date_hint or structured["date"],
        "outlet": document.outlet_hint or structured["outlet"],
    }
    if found["date"] and parse_iso_datetime(found["date"]) is None:
        found["date"] = None  # placeholder values such as "0001-01-01T00:00:00Z" are not dates
    if not found["date"]:
        found["date"] = _htmldate(tree, page_url)
    if not found["byline"]:
        found["byline"] = _byline_from_markup(tree)
    return replace(
        document,
        url=page_url,
        title_hint=found["title"],
        byline_hint=found["byline"],
        date_hint=found["date"],
        outlet_hint=found["outlet"],
        extracted_text=_tidy_extracted(text),
    )


def _tidy_extracted(text: str) -> str:
    # trafilatura prints one block per line; we use blank lines between paragraphs everywhere.
    lines = [line.strip() for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)
