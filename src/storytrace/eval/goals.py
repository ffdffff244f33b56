"""Every benchmark of ../shared/EVAL.md in one run, each figure next to the goal its issue sets.

``storytrace eval all --data ../shared/data`` runs the seven evaluations on the folders of the shared
data (``aeb``, ``allsides_roundups``, ``basil``, ``meter``, ``newsquant``, ``polnear``, ``uci_news``) and
reports each acceptance figure with its goal, so the state of the project is one command away. The
goals are the acceptance lines of the issues (numbers in :data:`GOALS`); nothing here fits or tunes
anything, and a folder that is missing is reported as skipped, never scored. An evaluation that fails
(its data unusable) is reported as failed and its goals as not measured; the others still run, since
one broken folder of a held-out half must not cost the figures of the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["EVALS", "GOALS", "Goal", "goal_rows"]

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class Goal:
    """One acceptance figure: ``metric`` of evaluation ``name`` must reach ``at_least`` (issue ``issue``)."""

    name: str
    metric: str
    at_least: float
    issue: int


GOALS: tuple[Goal, ...] = (
    Goal("aeb", "f1", 0.95, 2),
    Goal("meter", "macro_f1_3class", 0.75, 3),
    Goal("meter", "macro_f1_binary", 0.90, 3),
    Goal("polnear", "content_f1_overlap", 0.65, 4),
    Goal("polnear", "source_f1_overlap", 0.65, 4),
    Goal("newsquant", "value_f1", 0.85, 4),
    Goal("basil", "quote_recall", 0.80, 4),
    Goal("basil", "speaker_accuracy", 0.85, 4),
    Goal("basil", "bcubed_f1", 0.95, 5),
    Goal("allsides", "bcubed_f1", 0.88, 5),
    Goal("uci_news", "bcubed_f1", 0.80, 5),
)
"""The quality goals of the issues' acceptance lines, in issue order."""


def _aeb(folder: Path, progress: Progress | None) -> dict[str, Any]:
    from .aeb import evaluate_aeb

    return evaluate_aeb(folder, progress=progress)


def _meter(folder: Path, progress: Progress | None) -> dict[str, Any]:
    from .meter import evaluate_meter

    return evaluate_meter(folder, progress=progress)


def _polnear(folder: Path, progress: Progress | None) -> dict[str, Any]:
    from .polnear import evaluate_polnear

    return evaluate_polnear(folder, split=None, progress=progress)  # dev, or test where there is no dev/


def _newsquant(folder: Path, progress: Progress | None) -> dict[str, Any]:
    from .newsquant import evaluate_newsquant

    return evaluate_newsquant(folder, progress=progress)


def _basil(folder: Path, progress: Progress | None) -> dict[str, Any]:
    from .basil import evaluate_basil

    return evaluate_basil(folder, part="all", progress=progress)


def _allsides(folder: Path, progress: Progress | None) -> dict[str, Any]:
    from .allsides import evaluate_allsides

    return evaluate_allsides(folder, progress=progress)


def _uci_news(folder: Path, progress: Progress | None) -> dict[str, Any]:
    from .uci_news import evaluate_uci_news

    return evaluate_uci_news(folder, progress=progress)


EVALS: dict[str, tuple[str, Callable[[Path, Progress | None], dict[str, Any]]]] = {
    "aeb": ("aeb", _aeb),
    "meter": ("meter", _meter),
    "polnear": ("polnear", _polnear),
    "newsquant": ("newsquant", _newsquant),
    "basil": ("basil", _basil),
    "allsides": ("allsides_roundups", _allsides),
    "uci_news": ("uci_news", _uci_news),
}
"""Evaluation name → (its folder under the shared data, how it is run)."""


def goal_rows(
    results: Mapping[str, Mapping[str, Any]], skipped: Mapping[str, str], failed: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Each goal of :data:`GOALS` whose evaluation ran, was skipped or failed: its figure and whether it
    is met (``None``: not measured, because the evaluation did not run, failed or did not give it)."""
    failed = failed or {}
    rows = []
    for goal in GOALS:
        if goal.name not in results and goal.name not in skipped and goal.name not in failed:
            continue
        figure = results.get(goal.name, {}).get(goal.metric)
        value = float(figure) if isinstance(figure, (int, float)) else None
        rows.append({"eval": goal.name, "metric": goal.metric, "figure": value, "goal": goal.at_least,
                     "issue": goal.issue, "met": None if value is None else value >= goal.at_least})
    return rows
