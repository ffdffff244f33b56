"""Fit the derivation classifier (two features, two thresholds) on the shared METER half.

    .venv/bin/python scripts/fit_meter.py --data ../shared/data/meter [--write]

Model (``storytrace.reuse.classify.score_label``): ``containment_chars + w × weakest_window <
t_derived`` → non_derived; else ``features[wholly] ≥ t_wholly`` → wholly_derived; else
partially_derived.

Fitting (``fit``), on a set of training stories only: for every weight ``w`` in ``MIX`` and every
candidate ``wholly`` feature (``WHOLLY``), both thresholds are searched jointly over 49 quantiles of
each score's training values for the best 3-class macro-F1; the weight, feature and thresholds with
the best training macro-F1 win. These choices are part of the fit and are cross-validated with it.

Protocol: story groups (domain/date/catchline) are shuffled with a seed and dealt into 10 folds, so
no story group straddles training and testing; each fold is labelled by a model fitted on the other
nine. This is repeated for the seeds in ``SEEDS`` and the held-out figures are averaged (the spread
is printed too). ``--write`` then fits on all of the shared half and writes
``src/storytrace/reuse/params.json`` with this protocol and the figures. Nothing from the held-out
half is ever seen here.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np

from storytrace.eval.meter import LABELS, load_meter, macro_f1
from storytrace.reuse.classify import WINDOW, derivation_features
from storytrace.reuse.tokens import tokenize

DERIVED = "containment_chars"
MIXED = "weakest_window"
MIX = (-0.5, -0.3, -0.2, -0.1, 0.0, 0.1, 0.2)
WHOLLY = ("weakest_window", "containment_chars", "containment_1", "containment_3", "coverage")
QUANTILES = np.linspace(0.02, 0.98, 49)
SEEDS = (13, 1, 2, 3, 4)
FOLDS = 10


def _f1(gold: np.ndarray, predicted: np.ndarray) -> float:
    return macro_f1([LABELS[g] for g in gold], [LABELS[p] for p in predicted], LABELS)


def _binary(gold: np.ndarray, predicted: np.ndarray) -> float:
    return macro_f1(
        ["derived" if g < 2 else "non" for g in gold], ["derived" if p < 2 else "non" for p in predicted],
        ("derived", "non"),
    )


def _macro_f1_grid(gold: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    """3-class macro-F1 of every row of predictions (last axis = stories), as ``macro_f1`` computes it."""
    total = np.zeros(predicted.shape[:-1])
    for label in range(len(LABELS)):
        tp = ((predicted == label) & (gold == label)).sum(-1)
        fp = ((predicted == label) & (gold != label)).sum(-1)
        fn = ((predicted != label) & (gold == label)).sum(-1)
        total += np.where(tp > 0, 2 * tp / np.maximum(1, 2 * tp + fp + fn), 0.0)
    return total / len(LABELS)


def _label(derived: np.ndarray, wholly: np.ndarray, t_derived: float, t_wholly: float) -> np.ndarray:
    return np.where(derived >= t_derived, np.where(wholly >= t_wholly, 0, 1), 2)


def fit(features: dict[str, np.ndarray], gold: np.ndarray, rows: np.ndarray) -> tuple[float, float, str, float]:
    """The (weight, derived threshold, wholly feature, wholly threshold) with the best macro-F1 on ``rows``."""
    best: tuple[float, float, float, str, float] = (-1.0, 0.0, 0.0, "", 0.0)
    for mix in MIX:
        values = features[DERIVED][rows] + mix * features[MIXED][rows]
        cuts = np.quantile(values, QUANTILES)
        for second in WHOLLY:
            other = features[second][rows]
            other_cuts = np.quantile(other, QUANTILES)
            predicted = np.where(
                values[None, None, :] >= cuts[:, None, None],
                np.where(other[None, None, :] >= other_cuts[None, :, None], 0, 1),
                2,
            )
            scores = _macro_f1_grid(gold[rows], predicted)
            i, j = np.unravel_index(int(scores.argmax()), scores.shape)
            if scores[i, j] > best[0]:
                best = (float(scores[i, j]), mix, float(cuts[i]), second, float(other_cuts[j]))
    return best[1], best[2], best[3], best[4]


def fold_numbers(groups: list[str], seed: int, folds: int = FOLDS) -> np.ndarray:
    """Each story's fold: the sorted distinct groups shuffled with ``random.Random(seed)``, group ``i``
    in fold ``i % folds`` (a group's stories never split across folds)."""
    shuffled = sorted(set(groups))
    random.Random(seed).shuffle(shuffled)
    fold_of = {group: index % folds for index, group in enumerate(shuffled)}
    return np.array([fold_of[group] for group in groups])


def cross_validate(
    features: dict[str, np.ndarray], gold: np.ndarray, groups: list[str], seed: int
) -> tuple[np.ndarray, list[str]]:
    """Held-out labels of grouped ``FOLDS``-fold CV, and the feature chosen in each fold."""
    folds = fold_numbers(groups, seed)
    predicted = np.zeros(len(gold), dtype=int)
    chosen = []
    for fold in range(FOLDS):
        train, test = np.where(folds != fold)[0], np.where(folds == fold)[0]
        mix, t_first, second, t_second = fit(features, gold, train)
        chosen.append(f"w={mix}/{second}")
        score = features[DERIVED][test] + mix * features[MIXED][test]
        predicted[test] = _label(score, features[second][test], t_first, t_second)
    return predicted, chosen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True)
    parser.add_argument("--write", action="store_true", help="write src/storytrace/reuse/params.json")
    args = parser.parse_args()
    items = load_meter(args.data)
    table: dict[str, list[float]] = {}
    for item in items:
        values, _ = derivation_features(tokenize(item.target), [tokenize(s) for s in item.sources])
        for name, value in values.items():
            table.setdefault(name, []).append(value)
    features = {name: np.array(values) for name, values in table.items()}
    gold = np.array([LABELS.index(item.label) for item in items])
    groups = [item.group for item in items]
    three, two = [], []
    for seed in SEEDS:
        predicted, chosen = cross_validate(features, gold, groups, seed)
        three.append(_f1(gold, predicted))
        two.append(_binary(gold, predicted))
        print(f"seed {seed}: macro_f1_3class {three[-1]:.3f}, macro_f1_binary {two[-1]:.3f}; chosen {sorted(set(chosen))}")
        if seed == SEEDS[0]:
            confusion = np.zeros((3, 3), dtype=int)
            for g, p in zip(gold, predicted, strict=True):
                confusion[g, p] += 1
            print(f"  held-out confusion (rows gold, columns predicted; {', '.join(LABELS)}):\n{confusion}")
    cv_3class, cv_binary = float(np.mean(three)), float(np.mean(two))
    print(
        f"grouped {FOLDS}-fold CV x {len(SEEDS)} seeds on {len(items)} stories: macro_f1_3class {cv_3class:.3f} "
        f"(range {min(three):.3f}-{max(three):.3f}), macro_f1_binary {cv_binary:.3f} "
        f"(range {min(two):.3f}-{max(two):.3f})"
    )
    if args.write:
        mix, t_first, second, t_second = fit(features, gold, np.arange(len(items)))
        params = {
            "derived": {"weights": {DERIVED: 1.0, MIXED: mix}, "threshold": round(t_first, 6)},
            "wholly": {"feature": second, "threshold": round(t_second, 6)},
            "fitted": {
                "data": f"shared METER half (pairs.jsonl), all {len(items)} stories",
                "protocol": (
                    f"non_derived when {DERIVED} + w * {MIXED} is below the derived threshold, else "
                    "wholly_derived when the wholly feature is at or above the wholly threshold; "
                    f"w from {list(MIX)}, wholly feature from {list(WHOLLY)} and both thresholds (49 "
                    "quantiles of the training values each) chosen jointly for the best 3-class macro-F1 on "
                    "the training stories; "
                    f"estimate by grouped {FOLDS}-fold CV (story groups = domain/date/catchline) repeated "
                    f"for seeds {list(SEEDS)}, feature choice and thresholds refitted inside every fold; "
                    f"weakest_window uses {WINDOW}-word windows"
                ),
                "cv_macro_f1_3class": round(cv_3class, 4),
                "cv_macro_f1_binary": round(cv_binary, 4),
                "script": "scripts/fit_meter.py --data ../shared/data/meter --write",
            },
        }
        target = Path(__file__).resolve().parents[1] / "src" / "storytrace" / "reuse" / "params.json"
        target.write_text(json.dumps(params, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {target}: {params['derived']} {params['wholly']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
