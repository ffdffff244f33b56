"""Fit the story-clustering parameters on the shared halves by cross-validation; write stories_params.json.

Two parameter sets (src/storytrace/compare/stories.py):

* ``text`` — articles with a body: fitted on BASIL (full text, dates) and AllSides (first
  paragraphs, dates only where the address spells one) together; the objective is the mean of the
  two B-cubed F1 scores, so neither set dominates by size;
* ``headline`` — headlines only: fitted on UCI News (titles and timestamps).

Protocol: repeated 2-fold cross-validation over *gold stories* (every story's articles fall in the
same fold, so no story straddles train and test — the shape of the shared/held-out split).
For each of ``--repeats`` shuffles (seed ``--seed``), the stories of each set are split into two
halves; for each half as test, the grid point with the best objective on the *other* half
(clustered as its own pile) is chosen and scored on the test half (clustered as its own pile).
The report gives the held-out F1 per set as mean ± sd over the 2 × repeats test halves. The shipped
parameters are the grid point with the best objective on the whole shared half (in-sample figure
reported next to the held-out one).

    .venv/bin/python scripts/fit_stories.py --data ../shared/data [--write] [--entity-check]
    .venv/bin/python scripts/fit_stories.py --data ../shared/data --nearest-neighbours
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from storytrace.compare.stories import StoryIndex, StoryItem, StoryParams, cluster_stories, load_params, terms
from storytrace.eval.allsides import load_allsides
from storytrace.eval.basil import load_basil, story_items
from storytrace.eval.bcubed import bcubed
from storytrace.eval.uci_news import load_uci_news

PARAMS_PATH = Path(__file__).resolve().parents[1] / "src" / "storytrace" / "compare" / "stories_params.json"

Pile = tuple[list[StoryItem], list[str]]

TEXT_GRID: dict[str, Sequence[Any]] = {
    "threshold": (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4),
    "lead_words": (60, 200),
    "candidate_terms": (30,),
    "title_weight": (2,),
    "date_weight": (0.5,),
    "date_scale_days": (7.0,),
    "date_bonus": (0.0, 0.1),
    "refine_passes": (0, 2),
    # not tuned: lets a small pile's common event words count (see StoryParams); neutral on these sets
    "background_documents": (100.0,),
}
HEADLINE_GRID: dict[str, Sequence[Any]] = {
    "threshold": (0.02, 0.04, 0.06, 0.08, 0.1, 0.15, 0.2),
    "lead_words": (0,),
    "candidate_terms": (30,),
    "title_weight": (1,),
    "date_weight": (0.5,),
    "date_scale_days": (7.0,),
    "date_bonus": (0.0, 0.1),
    "refine_passes": (0, 2),
    # not tuned: lets a small pile's common event words count (see StoryParams); neutral on these sets
    "background_documents": (100.0,),
}


def grid(spec: dict[str, Sequence[Any]]) -> list[StoryParams]:
    keys = list(spec)
    return [StoryParams(**dict(zip(keys, values, strict=True))) for values in itertools.product(*spec.values())]


def subset(pile: Pile, stories: set[str]) -> Pile:
    items, gold = pile
    keep = [i for i, label in enumerate(gold) if label in stories]
    return [items[i] for i in keep], [gold[i] for i in keep]


def f1(pile: Pile, params: StoryParams) -> float:
    items, gold = pile
    return bcubed(cluster_stories(items, params), gold)["bcubed_f1"]


def choose(piles: Sequence[Pile], candidates: Sequence[StoryParams]) -> tuple[StoryParams, list[float]]:
    """The candidate with the best mean F1 over ``piles`` (ties: the earlier, i.e. smaller, grid point)."""
    best: tuple[float, StoryParams, list[float]] | None = None
    for params in candidates:
        scores = [f1(pile, params) for pile in piles]
        mean = sum(scores) / len(scores)
        if best is None or mean > best[0] + 1e-12:
            best = (mean, params, scores)
    assert best is not None
    return best[1], best[2]


def cross_validate(
    names: Sequence[str], piles: Sequence[Pile], candidates: Sequence[StoryParams], *, repeats: int, seed: int
) -> dict[str, Any]:
    rng = random.Random(seed)
    held_out: dict[str, list[float]] = {name: [] for name in names}
    chosen: list[dict[str, Any]] = []
    for repeat in range(repeats):
        halves = []
        for pile in piles:
            stories = sorted(set(pile[1]))
            rng.shuffle(stories)
            halves.append((set(stories[: len(stories) // 2]), set(stories[len(stories) // 2 :])))
        for test_half in (0, 1):
            train = [subset(pile, half[1 - test_half]) for pile, half in zip(piles, halves, strict=True)]
            test = [subset(pile, half[test_half]) for pile, half in zip(piles, halves, strict=True)]
            params, _train_scores = choose(train, candidates)
            chosen.append(asdict(params))
            for name, pile in zip(names, test, strict=True):
                held_out[name].append(f1(pile, params))
            print(f"  repeat {repeat} test half {test_half}: {params} → "
                  + ", ".join(f"{n} {held_out[n][-1]:.4f}" for n in names), file=sys.stderr, flush=True)
    return {
        "held_out_f1_mean": {n: round(statistics.mean(v), 4) for n, v in held_out.items()},
        "held_out_f1_sd": {n: round(statistics.stdev(v), 4) if len(v) > 1 else 0.0 for n, v in held_out.items()},
        "folds": 2 * repeats,
        "chosen_thresholds": sorted({c["threshold"] for c in chosen}),
    }


def fit(names: Sequence[str], piles: Sequence[Pile], spec: dict[str, Sequence[Any]], *, repeats: int, seed: int
        ) -> dict[str, Any]:
    candidates = grid(spec)
    started = time.time()
    cv = cross_validate(names, piles, candidates, repeats=repeats, seed=seed)
    params, scores = choose(piles, candidates)
    return {
        "params": {k: v for k, v in asdict(params).items() if k != "entity_weight"} | {"entity_weight": 0.0},
        "in_sample_f1": {n: round(s, 4) for n, s in zip(names, scores, strict=True)},
        "cross_validation": cv,
        "grid": {k: list(v) for k, v in spec.items()},
        "seconds": round(time.time() - started, 1),
    }


def entity_check(piles: dict[str, Pile], params: StoryParams) -> dict[str, dict[str, float]]:
    """In-sample best F1 (over the text threshold grid) per entity weight, with spaCy mentions of the title and
    first 200 words as the entities: does the entity signal add anything on these sets?"""
    from dataclasses import replace

    from storytrace.claims.entities import extract_mentions_many

    out: dict[str, dict[str, float]] = {}
    for name, (items, gold) in piles.items():
        mentions = extract_mentions_many([f"{i.title}\n\n{' '.join(i.text.split()[:200])}" for i in items])
        with_names = [
            replace(item, entities=tuple(sorted({m.text.casefold() for m in found})))
            for item, found in zip(items, mentions, strict=True)
        ]
        out[name] = {
            str(weight): round(max(f1((with_names, gold), replace(params, threshold=t, entity_weight=weight))
                                   for t in TEXT_GRID["threshold"]), 4)
            for weight in (0.0, 0.05, 0.1, 0.2, 0.3)
        }
        print(f"  entities {name}: {out[name]}", file=sys.stderr, flush=True)
    return out


def nearest_neighbours(pile: Pile, params: StoryParams) -> dict[str, float]:
    """How separable a pile is by the clustering's own cosine (pile document frequencies, no dates): the share
    of articles whose nearest other article is from another gold story, and whose best same-story cosine is
    below 0.2 (articles with a same-story partner only)."""
    import numpy as np

    index = StoryIndex(params)
    items, gold = pile
    for number, item in enumerate(items):
        index.prime(number, item.title, item.text)
    vectors = [index._vector(terms(item.title, item.text, params)) for item in items]
    vocabulary = {term: k for k, term in enumerate(sorted({t for v in vectors for t in v}))}
    matrix = np.zeros((len(items), len(vocabulary)))
    for row, vector in enumerate(vectors):
        for term, weight in vector.items():
            matrix[row, vocabulary[term]] = weight
    similarity = matrix @ matrix.T
    np.fill_diagonal(similarity, -1.0)
    labels = np.array(gold)
    sizes = Counter(gold)
    paired = np.array([sizes[label] > 1 for label in gold])
    nearest_other = labels[similarity.argmax(axis=1)] != labels
    best_same = np.array([similarity[i][labels == labels[i]].max() if paired[i] else np.nan for i in range(len(gold))])
    return {
        "nearest_is_other_story": round(float(nearest_other[paired].mean()), 4),
        "best_same_story_cosine_below_0.2": round(float(np.nanmean(best_same < 0.2)), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="../shared/data", help="folder holding basil/, allsides_roundups/, uci_news/")
    parser.add_argument("--repeats", type=int, default=5, help="shuffles of the repeated 2-fold CV")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--write", action="store_true", help=f"write {PARAMS_PATH.name}")
    parser.add_argument("--nearest-neighbours", action="store_true",
                        help="only print how separable each set is by the shipped parameters' cosine, then stop")
    parser.add_argument("--entity-check", action="store_true",
                        help="also measure the entity signal (spaCy mentions) at the fitted text parameters")
    args = parser.parse_args()
    data = Path(args.data)
    basil = story_items(load_basil(data / "basil"))
    allsides = load_allsides(data / "allsides_roundups")
    uci = load_uci_news(data / "uci_news")
    if args.nearest_neighbours:
        text_params, headline_params = load_params("text"), load_params("headline")
        for name, pile, params in (("basil", basil, text_params), ("allsides", allsides, text_params),
                                   ("uci_news", uci, headline_params)):
            print(name, json.dumps(nearest_neighbours(pile, params)))
        return
    print("text: BASIL + AllSides", file=sys.stderr)
    text = fit(("basil", "allsides"), (basil, allsides), TEXT_GRID, repeats=args.repeats, seed=args.seed)
    print("headline: UCI News", file=sys.stderr)
    headline = fit(("uci_news",), (uci,), HEADLINE_GRID, repeats=args.repeats, seed=args.seed)
    if args.entity_check:
        text["entity_check_in_sample_f1"] = entity_check(
            {"basil": basil, "allsides": allsides}, StoryParams(**text["params"])
        )
    out = {
        "params": {"text": text.pop("params"), "headline": headline.pop("params")},
        "fitted": {
            "script": "scripts/fit_stories.py --data ../shared/data --write",
            "data": {
                "text": f"shared halves of BASIL ({len(basil[0])} articles, {len(set(basil[1]))} stories) and "
                f"AllSides roundups ({len(allsides[0])} articles, {len(set(allsides[1]))} stories)",
                "headline": f"shared half of UCI News ({len(uci[0])} headlines, {len(set(uci[1]))} stories)",
            },
            "protocol": (
                f"grid search; objective = mean B-cubed F1 over the sets of the kind; estimate by repeated 2-fold "
                f"cross-validation over gold stories ({args.repeats} shuffles, seed {args.seed}): choose on one "
                f"half, score the other, each half clustered as its own pile; shipped = best grid point on the "
                f"whole shared half"
            ),
            "text": text,
            "headline": headline,
        },
    }
    print(json.dumps(out, indent=1))
    if args.write:
        PARAMS_PATH.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {PARAMS_PATH}", file=sys.stderr)


if __name__ == "__main__":
    main()
