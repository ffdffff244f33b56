"""AllSides headline roundups (as crawled for the framing-bias metric): story clustering.

Data (read from ``--data DIR``): ``*.jsonl`` files, one roundup per line, with ``news.{left,center,
right}`` articles carrying ``newsSource``, ``newsTitle`` and ``newBody`` (a list of the first
paragraphs only). Every article of every roundup goes into one pile — title plus the paragraphs
joined by blank lines — and is clustered with the ``text`` parameters of
:mod:`storytrace.compare.stories`. B-cubed precision/recall/F1 against the gold story = the roundup.

Dates: the articles carry none, and the roundup's date is the gold story's, so it is not used. The
publication date is read from ``newsLink`` where the address spells a full date (``/2021/10/15/``),
as ``ingest`` would from the page address; otherwise it stays unknown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import EvalDataError

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


def load_allsides(data_dir: str | Path) -> tuple[list[Any], list[str]]:
    """Every article as a :class:`~storytrace.compare.stories.StoryItem`, and its roundup label."""
    from ..compare.stories import StoryItem

    root = Path(data_dir)
    if not root.is_dir():
        raise EvalDataError(f"{root} not found", hint="--data must hold the roundups as *.jsonl")
    paths = sorted(root.glob("*.jsonl"))
    if not paths:
        raise EvalDataError(f"no *.jsonl roundups in {root}")
    items: list[StoryItem] = []
    gold: list[str] = []
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise EvalDataError(f"{path} is not readable ({exc})") from exc
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                roundup = json.loads(line)
            except ValueError as exc:
                raise EvalDataError(f"{path}:{number} is not JSON ({exc})") from exc
            news = roundup.get("news") if isinstance(roundup, dict) else None
            if not isinstance(news, dict):
                raise EvalDataError(f"{path}:{number} has no 'news' object")
            label = f"{path.name}:{roundup.get('id', number)}"
            for side in _SIDES:
                article = news.get(side)
                if not isinstance(article, dict):
                    continue
                body = article.get("newBody") or []
                text = "\n\n".join(str(p) for p in body) if isinstance(body, list) else str(body)
                items.append(
                    StoryItem(
                        title=str(article.get("newsTitle") or ""),
                        text=text,
                        published=date_from_url(str(article.get("newsLink") or "")),
                    )
                )
                gold.append(label)
    if not items:
        raise EvalDataError(f"no articles in the roundups under {root}")
    return items, gold


def evaluate_allsides(
    data_dir: str | Path, *, progress: Callable[[int, int, str], None] | None = None
) -> dict[str, Any]:
    from ..compare.stories import load_params
    from .bcubed import score_clustering

    items, gold = load_allsides(data_dir)
    result = score_clustering(items, gold, load_params("text"))
    if progress is not None:
        progress(1, 1, "clustered")
    return result
