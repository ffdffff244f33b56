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
  ``speaker_by_gold`` breaks the found phrases and right speakers down by gold speaker label, so a reader
  can see which labels the misses come from (a group label such as ``Obama_campaign`` is never the
  surname of the person the article quotes: "Lis Smith, a campaign spokeswoman, said").
* **stories** — all articles are clustered with :mod:`storytrace.compare.stories`; B-cubed
  precision/recall/F1 against the gold story ``triplet-uuid``.

A held-out half may hold records ours do not: an article that is not readable JSON, has no usable
``body-paragraphs`` or an empty one is left out; an unreadable annotation file costs its article's gold
quotes, and a gold quote that is not in the text (an offset past its end) costs that quote. Each is
counted (``skipped_items``, :mod:`storytrace.eval.robust`); any year folder is read.
"""

from __future__ import annotations

import glob
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvalDataError
from ..models import Quote
from .robust import Skips, read_text

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


_UNREADABLE = object()


def _read_json(path: Path, skips: Skips, what: str) -> Any:
    """The JSON in ``path``, or :data:`_UNREADABLE` (noted in ``skips``) when it cannot be read."""
    try:
        return json.loads(read_text(path, skips))
    except (OSError, ValueError) as exc:
        skips.add(path, f"{what} not readable JSON ({exc})")
        return _UNREADABLE


def _body_problem(paragraphs: Any) -> str | None:
    """Why ``body-paragraphs`` cannot be rebuilt into a text, or ``None`` when it can."""
    if not isinstance(paragraphs, list):
        return "no 'body-paragraphs' list"
    for paragraph in paragraphs:
        if not isinstance(paragraph, (str, list)):
            return f"a paragraph is a {type(paragraph).__name__}, not sentences"
    return None


def _annotation_path(root: Path, article: Path) -> Path | None:
    """The annotation file of an article: beside it under ``annotations/<year>/`` as in the data set,
    else in any year folder (a held-out half may file one elsewhere)."""
    annotations = root / "annotations"
    name = f"{article.stem}_ann.json"
    if article.parent != root / "articles" and (annotations / article.parent.name / name).is_file():
        return annotations / article.parent.name / name
    if (annotations / name).is_file():
        return annotations / name
    found = sorted(annotations.glob(f"*/{glob.escape(name)}")) if annotations.is_dir() else []
    return found[0] if found else None


def _gold_quotes(
    path: Path, text: str, sentences: Sequence[tuple[int, str]], skips: Skips
) -> list[GoldQuote]:
    """The named quotes of one annotation file; an unreadable file or phrase, and a quote that is not in
    the text (an offset past its end, another version of the article), is noted in ``skips``."""
    annotation = _read_json(path, skips, "annotation")
    if annotation is _UNREADABLE:
        return []
    phrases = annotation.get("phrase-level-annotations") if isinstance(annotation, dict) else None
    if not isinstance(phrases, list):
        skips.add(path, "no 'phrase-level-annotations' list")
        return []
    quotes: list[GoldQuote] = []
    for number, phrase in enumerate(phrases):
        if not isinstance(phrase, dict):
            skips.add(path, f"phrase {number} is not an object")
            continue
        speaker = str(phrase.get("speaker") or "")
        if str(phrase.get("quote", "")).lower() != "yes" or not _named(speaker):
            continue
        span = find_gold_quote(text, sentences, phrase)
        if span is None:
            skips.add(path, f"quote {phrase.get('id', number)} is not in the article text")
            continue
        quotes.append(GoldQuote(text=text[span[0] : span[1]], span=span, speaker=speaker))
    return quotes


def _article(root: Path, path: Path, skips: Skips) -> BasilArticle | None:
    """One article with its gold quotes, or ``None`` (noted in ``skips``) when it cannot be used."""
    article = _read_json(path, skips, "article")
    if article is _UNREADABLE:
        return None
    if not isinstance(article, dict):
        skips.add(path, "not a JSON object")
        return None
    problem = _body_problem(article.get("body-paragraphs"))
    if problem is not None:
        skips.add(path, problem)
        return None
    text, sentences = _text_and_sentences(article["body-paragraphs"])
    if not text.strip():
        skips.add(path, "empty body")
        return None
    annotation_path = _annotation_path(root, path)
    quotes = _gold_quotes(annotation_path, text, sentences, skips) if annotation_path is not None else []
    date = article.get("date")
    year = "" if path.parent == root / "articles" else f"{path.parent.name}/"
    return BasilArticle(
        key=f"{year}{path.stem}",
        source=str(article.get("source") or ""),
        title=str(article.get("title") or ""),
        date=str(date) if date else None,
        text=text,
        story=str(article.get("triplet-uuid") or path.stem.rsplit("_", 1)[0]),
        quotes=tuple(quotes),
    )


def load_basil(data_dir: str | Path, skips: Skips | None = None) -> list[BasilArticle]:
    """Read every article (sorted by path) with its annotations.

    An article that cannot be used (unreadable, no body, an empty one) is left out and noted in
    ``skips``; so is a gold quote that cannot be located (the article stays, for the story part).
    Raises :class:`EvalDataError` when there is no ``articles/`` folder or no usable article in it."""
    root = Path(data_dir)
    skips = skips if skips is not None else Skips(root)
    articles_dir = root / "articles"
    if not articles_dir.is_dir():
        raise EvalDataError(f"{articles_dir} not found", hint="--data must hold articles/<year>/*.json")
    paths = sorted(articles_dir.glob("*/*.json")) + sorted(articles_dir.glob("*.json"))
    if not paths:
        raise EvalDataError(f"no articles/<year>/*.json under {root}")
    out = [article for path in paths if (article := _article(root, path, skips)) is not None]
    if not out:
        raise skips.nothing_left("articles", hint="--data must hold articles/<year>/*.json")
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
    by_gold: dict[str, dict[str, int]] = {}
    scored = [a for a in articles if a.quotes]
    for done, article in enumerate(scored, start=1):
        predicted = extract_quotes(article.text)
        for quote in article.quotes:
            gold += 1
            match = _containing(predicted, quote.span)
            if match is None:
                continue
            found += 1
            right = bool(match.speaker) and surname(match.speaker or "") == surname(quote.speaker)
            speaker_right += right
            tally = by_gold.setdefault(quote.speaker, {"found": 0, "right": 0})
            tally["found"] += 1
            tally["right"] += right
        if progress is not None:
            progress(done, len(scored), article.key)
    return {
        "quote_articles": len(scored),
        "quote_gold": gold,
        "quote_found": found,
        "quote_recall": round(found / gold, 4) if gold else 0.0,
        "speaker_right": speaker_right,
        "speaker_accuracy": round(speaker_right / found, 4) if found else 0.0,
        "speaker_by_gold": {label: by_gold[label] for label in sorted(by_gold, key=lambda k: (k.casefold(), k))},
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
    skips = Skips(data_dir)
    articles = load_basil(data_dir, skips)
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
    result.update(skips.report())
    return result
