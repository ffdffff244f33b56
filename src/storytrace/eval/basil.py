"""BASIL (Fan et al. 2019): events covered by three outlets, with phrase annotations incl. quotes.

Data (read from ``--data DIR``): ``articles/<year>/<event>_<n>.json`` (``source``, ``title``, ``date``,
``body-paragraphs`` — a list of paragraphs, each a list of sentences — and ``triplet-uuid``) and
``annotations/<year>/<event>_<n>_ann.json`` (``phrase-level-annotations`` with ``quote``, ``speaker``,
``txt`` and ``start``/``end``, offsets of ``txt`` inside one *sentence* of the body).

The article text is rebuilt as the sentences of a paragraph joined by one space and the paragraphs
joined by a blank line — the clean-text shape ``ingest`` produces. A gold phrase is located in that
text by finding the sentence where ``sentence[start:end] == txt`` (every phrase of the shared half is
found that way; ``text.find(txt)`` is the fallback).

Two parts (EVAL.md):

* **quotes** — every gold phrase with ``quote == "yes"`` and a named speaker (not ``other_*``) is
  looked up among the quotes of :func:`storytrace.claims.quotes.extract_quotes`: it is *found* when
  a system quote's span contains the phrase's span once quote marks, spaces and edge punctuation are
  trimmed from the phrase (the innermost such quote when several do). ``quote_recall`` = found /
  gold; ``speaker_accuracy`` = on found phrases, the predicted speaker's surname equals the gold
  one. The "surname" is the last word of the name after case folding, accent stripping and
  dropping possessives, generational suffixes ("Jr.", "III") and a trailing "himself"; for group speakers (gold
  ``Obama_campaign``, ``Democratic_Lawmakers``) that is the head word ("campaign", "lawmakers").
* **stories** — all articles are clustered with :mod:`storytrace.compare.stories`; B-cubed
  precision/recall/F1 against the gold story ``triplet-uuid``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvalDataError
from ..models import Quote

__all__ = [
    "PARTS",
    "BasilArticle",
    "GoldQuote",
    "evaluate_basil",
    "evaluate_quotes",
    "find_gold_quote",
    "load_basil",
    "story_items",
    "surname",
]

PARTS = ("quotes", "stories", "all")

Progress = Callable[[int, int, str], None]

_EDGE = "\"'“”‘’«»„‟‹›`.,;:!?()[]— –-"
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "himself", "herself", "themselves"})


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldQuote:
    """One annotated quote with a named speaker, located in the rebuilt article text."""

    text: str
    span: tuple[int, int]
    """Span of the phrase in the article text, quote marks and edge punctuation trimmed."""
    speaker: str
    """The gold speaker as annotated (``Michael_Steele``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class BasilArticle:
    """One BASIL article: rebuilt text, metadata, gold story and gold quotes."""

    key: str
    """``<year>/<event>_<n>``."""
    source: str
    title: str
    date: str | None
    text: str
    story: str
    """The gold story: the article's ``triplet-uuid``."""
    quotes: tuple[GoldQuote, ...]


def _text_and_sentences(paragraphs: Sequence[Any]) -> tuple[str, list[tuple[int, str]]]:
    """The article text and every sentence with its start offset in it."""
    parts: list[str] = []
    sentences: list[tuple[int, str]] = []
    offset = 0
    for p_index, paragraph in enumerate(paragraphs):
        chunks = [paragraph] if isinstance(paragraph, str) else [str(s) for s in paragraph]
        if p_index:
            parts.append("\n\n")
            offset += 2
        for s_index, sentence in enumerate(chunks):
            if s_index:
                parts.append(" ")
                offset += 1
            sentences.append((offset, sentence))
            parts.append(sentence)
            offset += len(sentence)
    return "".join(parts), sentences


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def find_gold_quote(text: str, sentences: Sequence[tuple[int, str]], phrase: dict[str, Any]) -> tuple[int, int] | None:
    """Where an annotated phrase sits in the article text (trimmed), or ``None`` if it is not there."""
    txt = str(phrase.get("txt") or "")
    if not txt.strip():
        return None
    start, end = phrase.get("start"), phrase.get("end")
    found: int | None = None
    if isinstance(start, int) and isinstance(end, int):
        for offset, sentence in sentences:
            if sentence[start:end] == txt:
                found = offset + start
                break
    if found is None:
        position = text.find(txt)
        if position < 0:
            return None
        found = position
    span = _trim_span(text, found, found + len(txt))
    return span if span[0] < span[1] else None


def _named(speaker: str) -> bool:
    return bool(speaker.strip()) and not speaker.lower().startswith("other")


def load_basil(data_dir: str | Path) -> list[BasilArticle]:
    """Read every article (sorted by path) with its annotations; raise :class:`EvalDataError` if unusable."""
    root = Path(data_dir)
    articles_dir = root / "articles"
    if not articles_dir.is_dir():
        raise EvalDataError(f"{articles_dir} not found", hint="--data must hold articles/<year>/*.json")
    paths = sorted(articles_dir.glob("*/*.json"))
    if not paths:
        raise EvalDataError(f"no articles/<year>/*.json under {root}")
    out: list[BasilArticle] = []
    for path in paths:
        try:
            article = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise EvalDataError(f"{path} is not readable JSON ({exc})") from exc
        if not isinstance(article, dict) or not isinstance(article.get("body-paragraphs"), list):
            raise EvalDataError(f"{path} has no 'body-paragraphs' list")
        text, sentences = _text_and_sentences(article["body-paragraphs"])
        annotation_path = root / "annotations" / path.parent.name / f"{path.stem}_ann.json"
        quotes: list[GoldQuote] = []
        if annotation_path.is_file():
            try:
                annotation = json.loads(annotation_path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise EvalDataError(f"{annotation_path} is not readable JSON ({exc})") from exc
            for phrase in annotation.get("phrase-level-annotations") or []:
                speaker = str(phrase.get("speaker") or "")
                if str(phrase.get("quote", "")).lower() != "yes" or not _named(speaker):
                    continue
                span = find_gold_quote(text, sentences, phrase)
                if span is not None:
                    quotes.append(GoldQuote(text=text[span[0] : span[1]], span=span, speaker=speaker))
        date = article.get("date")
        out.append(
            BasilArticle(
                key=f"{path.parent.name}/{path.stem}",
                source=str(article.get("source") or ""),
                title=str(article.get("title") or ""),
                date=str(date) if date else None,
                text=text,
                story=str(article.get("triplet-uuid") or path.stem.rsplit("_", 1)[0]),
                quotes=tuple(quotes),
            )
        )
    return out


def surname(name: str) -> str:
    """The last word of a name, case-folded, accents stripped, possessive and "Jr."-like suffixes dropped."""
    plain = unicodedata.normalize("NFKD", name.replace("_", " "))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()
    plain = re.sub(r"['’]s\b", "", plain)
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", plain)
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    return words[-1] if words else ""


def _containing(quotes: Sequence[Quote], span: tuple[int, int]) -> Quote | None:
    around = [q for q in quotes if q.span[0] <= span[0] and span[1] <= q.span[1]]
    if not around:
        return None
    # innermost first; among equal spans one with a speaker
    return min(around, key=lambda q: (q.span[1] - q.span[0], q.speaker is None))


def evaluate_quotes(articles: Sequence[BasilArticle], *, progress: Progress | None = None) -> dict[str, Any]:
    """Quote recall and speaker accuracy (see the module docstring) over the given articles."""
    from ..claims.quotes import extract_quotes

    gold = found = speaker_right = 0
    scored = [a for a in articles if a.quotes]
    for done, article in enumerate(scored, start=1):
        predicted = extract_quotes(article.text)
        for quote in article.quotes:
            gold += 1
            match = _containing(predicted, quote.span)
            if match is None:
                continue
            found += 1
            speaker_right += bool(match.speaker) and surname(match.speaker or "") == surname(quote.speaker)
        if progress is not None:
            progress(done, len(scored), article.key)
    return {
        "quote_articles": len(scored),
        "quote_gold": gold,
        "quote_found": found,
        "quote_recall": round(found / gold, 4) if gold else 0.0,
        "speaker_right": speaker_right,
        "speaker_accuracy": round(speaker_right / found, 4) if found else 0.0,
    }


def story_items(articles: Sequence[BasilArticle]) -> tuple[list[Any], list[str]]:
    """The articles as :class:`~storytrace.compare.stories.StoryItem` (title, text, date) and their gold stories."""
    from ..compare.stories import StoryItem

    items = [StoryItem(title=a.title, text=a.text, published=a.date) for a in articles]
    return items, [a.story for a in articles]


def evaluate_basil(
    data_dir: str | Path, *, part: str = "all", progress: Progress | None = None
) -> dict[str, Any]:
    """Score the quote part, the story part or both on a BASIL-format folder."""
    if part not in PARTS:
        raise EvalDataError(f"unknown part {part!r}", hint=f"choose one of {', '.join(PARTS)}")
    articles = load_basil(data_dir)
    result: dict[str, Any] = {"articles": len(articles)}
    if part in ("stories", "all"):
        from ..compare.stories import load_params
        from .bcubed import score_clustering

        items, gold = story_items(articles)
        scores = score_clustering(items, gold, load_params("text"))
        result.update({"gold_stories": scores["gold_stories"], "predicted_stories": scores["predicted_stories"]})
        result.update({key: value for key, value in scores.items() if key.startswith("bcubed_")})
    if part in ("quotes", "all"):
        result.update(evaluate_quotes(articles, progress=progress))
    return result
