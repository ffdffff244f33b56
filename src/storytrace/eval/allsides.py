"""AllSides headline roundups (as crawled for the framing-bias metric): story clustering.

Data (read from ``--data DIR``): ``*.jsonl`` files, one roundup per line, with ``news.{left,center,
right}`` articles carrying ``newsSource``, ``newsTitle`` and ``newBody`` (a list of the first
paragraphs only). Every article of every roundup goes into one pile — title plus the paragraphs
joined by blank lines — and is clustered with the ``text`` parameters of
:mod:`storytrace.compare.stories`. B-cubed precision/recall/F1 against the gold story = the roundup.

Dates: the articles carry none, and the roundup's date is the gold story's, so it is not used. The
publication date is read from ``newsLink`` where the address spells a full date (``/2021/10/15/``),
as ``ingest`` would from the page address; otherwise it stays unknown.

A line of a held-out half that is not JSON or has no ``news`` object, and an article with neither
title nor text, is left out and counted (``skipped_items``, :mod:`storytrace.eval.robust`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import EvalDataError
from .robust import Skips, read_text

__all__ = ["date_from_url", "evaluate_allsides", "load_allsides"]

_SIDES = ("left", "center", "right")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?=[/.-]|$)")


def date_from_url(url: str) -> str | None:
    """The ISO date a news address spells (``/2021/10/15/``), or ``None``."""
    match = _URL_DATE.search(url or "")
    if match is None:
        return None
    year, month, day = (int(group) for group in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _article_item(article: dict[str, Any]) -> Any:
    """One side's article as a story item, or ``None`` when it has neither title nor text."""
    from ..compare.stories import StoryItem

    body = article.get("newBody") or []
    text = "\n\n".join(str(p) for p in body) if isinstance(body, list) else str(body)
    title = str(article.get("newsTitle") or "")
    if not title.strip() and not text.strip():
        return None
    return StoryItem(title=title, text=text, published=date_from_url(str(article.get("newsLink") or "")))


def _read_lines(path: Path, skips: Skips) -> list[str]:
    try:
        return read_text(path, skips).splitlines()
    except (OSError, ValueError) as exc:
        skips.add(path, f"not readable ({exc})")
        return []


def load_allsides(data_dir: str | Path, skips: Skips | None = None) -> tuple[list[Any], list[str]]:
    """Every article as a :class:`~storytrace.compare.stories.StoryItem`, and its roundup label.

    A line that is not JSON or has no ``news`` object, and an article that is not an object or has
    neither title nor text, is left out and noted in ``skips``; a roundup without one of the three
    sides is normal and not noted."""
    from ..compare.stories import StoryItem

    root = Path(data_dir)
    skips = skips if skips is not None else Skips(root)
    if not root.is_dir():
        raise EvalDataError(f"{root} not found", hint="--data must hold the roundups as *.jsonl")
    paths = sorted(root.glob("*.jsonl"))
    if not paths:
        raise EvalDataError(f"no *.jsonl roundups in {root}")
    items: list[StoryItem] = []
    gold: list[str] = []
    for path in paths:
        for number, line in enumerate(_read_lines(path, skips), start=1):
            if not line.strip():
                continue
            try:
                roundup = json.loads(line)
            except ValueError as exc:
                skips.add(path, f"not JSON ({exc})", line=number)
                continue
            news = roundup.get("news") if isinstance(roundup, dict) else None
            if not isinstance(news, dict):
                skips.add(path, "no 'news' object", line=number)
                continue
            label = f"{path.name}:{roundup.get('id', number)}"
            for side in _SIDES:
                article = news.get(side)
                if article is None:
                    continue  # a roundup without this side: normal
                if not isinstance(article, dict):
                    skips.add(path, f"the {side} article is a {type(article).__name__}, not an object", line=number)
                    continue
                item = _article_item(article)
                if item is None:
                    skips.add(path, f"the {side} article has neither title nor text", line=number)
                    continue
                items.append(item)
                gold.append(label)
    if not items:
        raise skips.nothing_left("articles in the roundups", hint="--data must hold the roundups as *.jsonl")
    return items, gold


def evaluate_allsides(
    data_dir: str | Path, *, progress: Callable[[int, int, str], None] | None = None
) -> dict[str, Any]:
    from ..compare.stories import load_params
    from .bcubed import score_clustering

    skips = Skips(data_dir)
    items, gold = load_allsides(data_dir, skips)
    result = score_clustering(items, gold, load_params("text"))
    if progress is not None:
        progress(1, 1, "clustered")
    return {**result, **skips.report()}
