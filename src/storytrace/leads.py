"""A readable label for an article without a title: its first sentence of prose.

The first line of a clean text is often not prose: a date ("May 31, 2019 8:00 a.m. ET"), a photo
caption with its credit, a share bar. Stories and report rows of untitled articles are labelled
with the first paragraph that reads like a sentence instead.
"""

from __future__ import annotations

import re

__all__ = ["lead_line"]

_CREDIT = re.compile(r"\b(?:photo|image|picture|getty|reuters|ap photo|afp)\s*/|\((?:ap|afp|reuters) photo", re.I)
_DATE_ONLY = re.compile(
    r"^[\W\d_]*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|\d{1,2}|\d{4}|[ap]\.?m\.?|"
    r"updated|published|posted|et|edt|est|gmt|utc|bst|at|on|[\W\d_])+$",
    re.I,
)


def lead_line(text: str, *, limit: int = 120) -> str:
    """The first sentence of the first paragraph of ``text`` that reads like prose (at least eight
    words, some in lower case, not a dateline or a photo credit), cut to ``limit`` characters;
    the first non-empty line when none does."""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    for paragraph in paragraphs:
        words = paragraph.split()
        if len(words) < 8 or _DATE_ONLY.match(paragraph) or _CREDIT.search(paragraph):
            continue
        if sum(w[:1].islower() for w in words) < 3:
            continue
        return _cut(_first_sentence(paragraph), limit)
    return _cut(paragraphs[0], limit) if paragraphs else ""


_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
                            "jr", "sr", "vs", "no", "inc", "co", "corp", "ltd", "jan", "feb", "aug", "sept", "oct",
                            "nov", "dec", "prof", "rev", "maj", "adm"})


def _first_sentence(paragraph: str) -> str:
    """Up to the first full stop that ends a sentence (not "U.S.", "R. Kelly" or "Mr.")."""
    for match in re.finditer(r"[.!?]\s+(?=[A-Z“\"‘'])", paragraph):
        before = re.search(r"(\S+)$", paragraph[: match.start()])
        word = before.group(1) if before else ""
        if match.group(0)[0] == "." and (len(word.strip("(\"“")) <= 1 or "." in word
                                          or word.casefold().strip("(\"“") in _ABBREVIATIONS):
            continue
        return paragraph[: match.start() + 1]
    return paragraph


def _cut(line: str, limit: int) -> str:
    if len(line) <= limit:
        return line
    cut = line[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"
