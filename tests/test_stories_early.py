"""With the shipped story parameters (entity weight 0) the stories do not depend on the entities, so
`analyze` clusters them while the claim workers parse instead of after entity resolution."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import storytrace.claims.entities as entities_module
import storytrace.compare.stories as stories_module
from conftest import CliInvoker, analyze_files
from storytrace.compare.stories import StoryItem, StoryParams, cluster_stories, load_params


def test_shipped_parameters_give_entities_no_weight() -> None:
    assert load_params("text").entity_weight == 0
    assert load_params("headline").entity_weight == 0


def test_at_weight_zero_entities_change_no_story() -> None:
    weightless = StoryParams(threshold=0.2, lead_words=0, title_weight=1, entity_weight=0.0, date_weight=0.0)
    a = StoryItem(title="Minister resigns after budget vote", entities=("Ana Lopes",))
    b = StoryItem(title="Resignation shakes coalition", entities=("Ana Lopes", "Coalition Party"))
    bare = [replace(item, entities=()) for item in (a, b)]
    assert cluster_stories([a, b], weightless) == cluster_stories(bare, weightless) == [[0], [1]]
    # (the same pile joins when entities weigh in: tests/test_stories.py)
    assert cluster_stories([a, b], replace(weightless, entity_weight=0.5)) == [[0, 1]]


FIRST = """Harbor Bridge closed after crack found in main span

The Harbor Bridge was closed on Monday after inspectors found a crack in the main span, the city transport department said.

"We will not reopen it until the girder has been examined," said Mayor Ana Lopes.
"""

SECOND = """Crack in girder shuts Harbor Bridge

Inspectors found a crack in the main span of the Harbor Bridge on Monday, and the bridge was closed to traffic.

"We will not reopen it until the girder has been examined," Mayor Ana Lopes told reporters.
"""


def _record_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any]]:
    calls: list[tuple[str, Any]] = []
    cluster, resolve = stories_module.cluster_articles, entities_module.resolve_entities

    def recorded_cluster(articles: Any, entities: Any = (), params: Any = None) -> Any:
        calls.append(("stories", tuple(entities)))
        return cluster(articles, entities, params)

    def recorded_resolve(*args: Any, **kwargs: Any) -> Any:
        calls.append(("entities", kwargs.get("stories")))
        return resolve(*args, **kwargs)

    monkeypatch.setattr(stories_module, "cluster_articles", recorded_cluster)
    monkeypatch.setattr(entities_module, "resolve_entities", recorded_resolve)
    return calls


def test_analyze_clusters_before_the_entities_are_resolved(
    cli: CliInvoker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _record_calls(monkeypatch)
    dossier = analyze_files(cli, tmp_path, {"a.txt": FIRST, "b.txt": SECOND})
    assert [name for name, _ in calls] == ["stories", "entities"]
    assert calls[0][1] == ()
    assert len(dossier["stories"]) == 1
    # the entity stage is told each article's story (acronyms no article spells out are read within it)
    ids = [int(a[1:]) for a in dossier["stories"][0]["articles"]]
    assert calls[1][1] == {article_id: 0 for article_id in ids}


def test_with_weighted_entities_the_stories_wait_for_them(
    cli: CliInvoker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _record_calls(monkeypatch)
    story_params = stories_module.story_params
    monkeypatch.setattr(stories_module, "story_params", lambda articles: replace(story_params(articles), entity_weight=0.3))
    dossier = analyze_files(cli, tmp_path, {"a.txt": FIRST, "b.txt": SECOND})
    assert [name for name, _ in calls] == ["entities", "stories"]
    assert calls[0][1] is None, "no stories are known yet"
    assert calls[1][1], "the resolved entities are given to the clustering"
    assert len(dossier["stories"]) == 1
