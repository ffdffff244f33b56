"""UCI News Aggregator: clustering headlines into stories.

Data (read from ``--data DIR``): ``*.csv`` files with ``TITLE``, ``PUBLISHER``, ``STORY`` and
``TIMESTAMP`` (milliseconds since the epoch). Headlines only: each row is clustered from its title
and its timestamp with the ``headline`` parameters of :mod:`storytrace.compare.stories`; B-cubed
precision/recall/F1 against the gold ``STORY``. Every usable row of every file is used (no sampling).

Column names are matched without regard to case or a byte-order mark. A row of a held-out half whose
fields do not line up with the header (an unquoted comma in a title shifts every later column), or
without a title or a story, is left out and counted (``skipped_items``, :mod:`storytrace.eval.robust`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import EvalDataError
from .robust import Skips, read_text

__all__ = ["evaluate_uci_news", "load_uci_news"]

_NEEDED = ("TITLE", "STORY", "TIMESTAMP")


def _columns(header: list[str]) -> dict[str, int]:
    """Where each needed column is, matched without regard to case or stray spaces."""
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = name.strip().upper()
        if key in _NEEDED and key not in found:
            found[key] = index
    return found


def _fit(row: list[str], header: list[str]) -> list[str] | None:
    """The row cut to the header's width when only blank fields stick out (a trailing comma), or
    ``None`` when its fields do not line up with the header (an unquoted comma in a title, a lost
    field): then every later column holds another column's value."""
    if len(row) == len(header):
        return row
    if len(row) > len(header) and not any(field.strip() for field in row[len(header) :]):
        return row[: len(header)]
    return None


def _row_problem(row: list[str], header: list[str], columns: dict[str, int]) -> str | None:
    """Why a row (already fitted to the header) cannot be scored, or ``None``."""
    if [field.strip().upper() for field in row] == [name.strip().upper() for name in header]:
        return "the header again"
    if not row[columns["TITLE"]].strip():
        return "empty TITLE"
    if not row[columns["STORY"]].strip():
        return "empty STORY"
    return None


def _day(stamp: str) -> float | None:
    stamp = stamp.strip()
    try:
        return int(stamp) / 86_400_000 if stamp else None
    except ValueError:
        return None


def _read_csv(path: Path, skips: Skips, items: list[Any], gold: list[str]) -> None:
    """Append the usable rows of one CSV file; rows (and a file) that cannot be used are noted."""
    from ..compare.stories import StoryItem

    try:
        text = read_text(path, skips)
    except (OSError, ValueError) as exc:
        skips.add(path, f"not readable ({exc})")
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    columns = _columns(header or [])
    missing = [name for name in _NEEDED if name not in columns]
    if header is None or missing:
        skips.add(path, "empty file" if header is None else f"lacks the column(s) {', '.join(missing)}")
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            skips.add(path, f"not CSV ({exc})", line=reader.line_num)
            continue
        if not row:
            continue
        fitted = _fit(row, header)
        if fitted is None:
            skips.add(path, f"{len(row)} fields where the header has {len(header)}", line=reader.line_num)
            continue
        row = fitted
        problem = _row_problem(row, header, columns)
        if problem is not None:
            skips.add(path, problem, line=reader.line_num)
            continue
        items.append(StoryItem(title=row[columns["TITLE"]], published=_day(row[columns["TIMESTAMP"]])))
        gold.append(row[columns["STORY"]])


def load_uci_news(data_dir: str | Path, skips: Skips | None = None) -> tuple[list[Any], list[str]]:
    """Every headline as a :class:`~storytrace.compare.stories.StoryItem`, and its gold story.

    A row whose fields do not line up with the header, or without a title or a story, is left out and
    noted in ``skips``, and so is a CSV without the needed columns. Raises :class:`EvalDataError` when
    there is no CSV or no usable row is left."""
    root = Path(data_dir)
    skips = skips if skips is not None else Skips(root)
    paths = sorted(root.glob("*.csv")) if root.is_dir() else []
    if not paths:
        raise EvalDataError(f"no *.csv under {root}", hint="--data must hold the UCI News Aggregator CSV")
    items: list[Any] = []
    gold: list[str] = []
    for path in paths:
        _read_csv(path, skips, items, gold)
    if not items:
        raise skips.nothing_left("rows in the CSV files", hint="--data must hold the UCI News Aggregator CSV")
    return items, gold


def evaluate_uci_news(
    data_dir: str | Path, *, progress: Callable[[int, int, str], None] | None = None
) -> dict[str, Any]:
    from ..compare.stories import load_params
    from .bcubed import score_clustering

    skips = Skips(data_dir)
    items, gold = load_uci_news(data_dir, skips)
    result = score_clustering(items, gold, load_params("headline"))
    if progress is not None:
        progress(1, 1, "clustered")
    return {**result, **skips.report()}
