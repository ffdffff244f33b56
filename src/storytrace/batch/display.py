"""Terminal display of a batch job: the dashboard link, one rich progress bar per stage, a summary."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from .job import STAGES, BatchSummary

__all__ = ["dashboard_line", "stage_progress", "summary_lines"]


def dashboard_line(client: Any) -> str:
    """Where the Dask dashboard is, or why there is none."""
    link = getattr(client, "dashboard_link", None)
    scheduler = getattr(getattr(client, "scheduler", None), "address", "?")
    if link and importlib.util.find_spec("bokeh") is not None:
        return f"scheduler {scheduler} · dashboard {link}"
    return f"scheduler {scheduler} · no dashboard: pip install 'storytrace[dashboard]' (bokeh) to get one"


@contextmanager
def stage_progress(enabled: bool, stages: tuple[str, ...] = STAGES) -> Iterator[Callable[[str, int, int], None] | None]:
    """A progress callback drawing one bar per stage on standard error (None when not a terminal)."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("[bold]{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=Console(stderr=True),
    ) as progress:
        tasks: dict[str, Any] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(stage, total=total)
            progress.update(tasks[stage], completed=done, total=total)

        yield update


def summary_lines(summary: BatchSummary) -> list[str]:
    """The end-of-run summary, one line each."""
    lines = [f"{'stage':<11}{'status':<9}{'tasks':>7}{'seconds':>10}"]
    for stage in summary.stages:
        lines.append(f"{stage.stage:<11}{stage.status:<9}{stage.tasks:>7}{stage.seconds:>10.1f}")
    ran = {stage.stage for stage in summary.stages}
    relations = ", ".join(f"{name} {count:,}" for name, count in summary.relations.items()) or "none"
    lines.append(
        f"documents read: {summary.documents:,}; articles: {summary.articles:,}; rejections: {summary.rejections:,}"
    )
    if "candidates" in ran:
        related = f"{summary.pairs:,} ({relations})" if "reuse" in ran else "not run (--stop-after)"
        lines.append(f"candidate pairs: {summary.candidates:,}; related pairs: {related}")
    if "claims" in ran:
        lines.append(f"articles with claims extracted: {summary.claims:,}")
    lines.append(f"output: {summary.output} ({summary.seconds:.1f} s)")
    return lines
