"""UCI News Aggregator: clustering headlines into stories.

Data (read from ``--data DIR``): ``*.csv`` files with ``TITLE``, ``PUBLISHER``, ``STORY`` and
``TIMESTAMP`` (milliseconds since the epoch). Headlines only: each row is clustered from its title
and its timestamp with the ``headline`` parameters of :mod:`storytrace.compare.stories`; B-cubed
precision/recall/F1 against the gold ``STORY``. Every row of every file is used (no sampling).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import EvalDataError

__all__ = ["evaluate_uci_news", "load_uci_news"]

_NEEDED = ("TITLE", "STORY", "TIMESTAMP")


def load_uci_news(data_dir: str | Path) -> tuple[list[Any], list[str]]:
    """Every headline as a :class:`~storytrace.compare.stories.StoryItem`, and its gold story."""
    from ..compare.stories import StoryItem

    root = Path(data_dir)
    paths = sorted(root.glob("*.csv")) if root.is_dir() else []
    if not paths:
        raise EvalDataError(f"no *.csv under {root}", hint="--data must hold the UCI News Aggregator CSV")
    items: list[StoryItem] = []
    gold: list[str] = []
    for path in paths:
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle)
                missing = [name for name in _NEEDED if name not in (reader.fieldnames or [])]
                if missing:
                    raise EvalDataError(f"{path} lacks the column(s) {', '.join(missing)}")
                for row in reader:
                    stamp = (row.get("TIMESTAMP") or "").strip()
                    try:
                        day: float | None = int(stamp) / 86_400_000 if stamp else None
                    except ValueError:
                        day = None
                    items.append(StoryItem(title=row.get("TITLE") or "", published=day))
                    gold.append(row.get("STORY") or "")
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise EvalDataError(f"{path} is not a readable CSV ({exc})") from exc
    if not items:
        raise EvalDataError(f"no rows in the CSV files under {root}")
    return items, gold


def evaluate_uci_news(
    data_dir: str | Path, *, progress: Callable[[int, int, str], None] | None = None
) -> dict[str, Any]:
    from ..compare.stories import load_params
    from .bcubed import score_clustering

    items, gold = load_uci_news(data_dir)
    result = score_clustering(items, gold, load_params("headline"))
    if progress is not None:
        progress(1, 1, "clustered")
    return result
