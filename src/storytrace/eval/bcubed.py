"""B-cubed precision, recall and F1 of a clustering against gold labels (EVAL.md).

For each item, precision = |own cluster ∩ gold cluster| / |own cluster| and recall = the same over
|gold cluster|; both are averaged over items and F1 is taken of the two averages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..compare.stories import StoryItem, StoryParams

__all__ = ["bcubed", "score_clustering"]


def bcubed(clusters: Sequence[Sequence[int]], gold: Sequence[Hashable]) -> dict[str, float]:
    """Score ``clusters`` (lists of item positions covering every item once) against ``gold[i]`` labels."""
    n = len(gold)
    predicted = [-1] * n
    for number, members in enumerate(clusters):
        for item in members:
            if not 0 <= item < n:
                raise ValueError(f"cluster {number} holds item {item}, outside 0..{n - 1}")
            if predicted[item] != -1:
                raise ValueError(f"item {item} is in clusters {predicted[item]} and {number}")
            predicted[item] = number
    if -1 in predicted:
        raise ValueError(f"item {predicted.index(-1)} is in no cluster")
    if n == 0:
        return {"bcubed_precision": 0.0, "bcubed_recall": 0.0, "bcubed_f1": 0.0}
    both = Counter(zip(predicted, gold, strict=True))
    own = Counter(predicted)
    truth = Counter(gold)
    precision = sum(both[(predicted[i], gold[i])] / own[predicted[i]] for i in range(n)) / n
    recall = sum(both[(predicted[i], gold[i])] / truth[gold[i]] for i in range(n)) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"bcubed_precision": precision, "bcubed_recall": recall, "bcubed_f1": f1}


def score_clustering(
    items: Sequence[StoryItem], gold: Sequence[Hashable], params: StoryParams | None = None
) -> dict[str, Any]:
    """Cluster ``items`` with :func:`storytrace.compare.stories.cluster_stories` and B-cube it against ``gold``."""
    from ..compare.stories import cluster_stories

    clusters = cluster_stories(items, params)
    scores = bcubed(clusters, gold)
    return {
        "items": len(items),
        "gold_stories": len(set(gold)),
        "predicted_stories": len(clusters),
        **{key: round(value, 4) for key, value in scores.items()},
    }
