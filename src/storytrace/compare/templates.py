"""Pages whose text is their site's template, not their article.

A scrape that failed to find a page's article often keeps the same short block of site furniture
for every page of that site — a promotion ("How To Easily Understand The Difference Between …"), a
paywall or cookie notice — while each row still has its own headline. Read as articles, such
pages form a "story" of unrelated headlines and count as that many independent origins of a text
none of them wrote. :func:`template_texts` finds them, so that ``analyze`` leaves them out of the
stories, the reuse pairs and the claims, and says so.

The rule: at least :data:`MIN_PAGES` pages of one outlet carry the same clean text (whitespace
and case aside) under at least two different headlines, and that text is at most
:data:`MAX_WORDS` words long. One article printed again under a new headline is longer than that
(a wire story, a press release) and stays an article; two pages are not enough to call a text a
template.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Article

__all__ = ["MAX_WORDS", "MIN_PAGES", "TemplateText", "template_texts"]

MIN_PAGES = 3
"""Pages of one outlet that must share the text."""

MAX_WORDS = 60
"""Longest shared text still taken for a template (a news article's body is longer)."""

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class TemplateText:
    """One template text of one outlet and the pages (article ids, ascending) that carry it."""

    outlet: str
    text: str
    articles: tuple[int, ...]


def template_texts(articles: Iterable[Article]) -> list[TemplateText]:
    """The template texts of a pile (see the module docstring), ordered by their first page's id.
    Articles need ids (stored articles) and an outlet; others are never taken for templates."""
    groups: dict[tuple[str, str], list[Article]] = {}
    for article in articles:
        text = _SPACE.sub(" ", article.text or "").strip()
        if article.id is None or not article.outlet or not text or len(text.split()) > MAX_WORDS:
            continue
        groups.setdefault((article.outlet.casefold(), text.casefold()), []).append(article)
    found = []
    for members in groups.values():
        titles = {_SPACE.sub(" ", a.title or "").strip().casefold() for a in members}
        if len(members) >= MIN_PAGES and len(titles - {""}) >= 2:
            ordered = sorted(members, key=lambda a: a.id or 0)
            found.append(TemplateText(outlet=str(ordered[0].outlet),
                                      text=_SPACE.sub(" ", ordered[0].text).strip(),
                                      articles=tuple(a.id or 0 for a in ordered)))
    return sorted(found, key=lambda t: t.articles[0])
