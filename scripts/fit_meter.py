"""Fit the derivation classifier's weights and thresholds on the shared METER half.

    .venv/bin/python scripts/fit_meter.py --data ../shared/data/meter [--write]

Protocol: story groups (domain/date/catchline) are shuffled with a fixed seed and dealt into 10
folds, so no story group straddles training and testing. For each fold, a grid over feature
weights and the two thresholds (quantiles of the training scores) is searched for the best
3-class macro-F1 on the other 9 folds, and the held-out fold is labelled with it. The printed
cross-validated figures are the honest estimate; ``--write`` then fits the same grid on all of
the shared half and writes ``src/storytrace/reuse/params.json`` with this protocol and the figures.
Nothing from the held-out half is ever seen here.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from pathlib import Path

import numpy as np

from storytrace.eval.meter import LABELS, load_meter, macro_f1
from storytrace.reuse.classify import derivation_features
from storytrace.reuse.tokens import tokenize

BASE = "containment_1"
SEARCHED = ("coverage", "containment_3")
WEIGHT_GRID = (0.0, 0.5, 1.0, 2.0)
QUANTILES = np.linspace(0.02, 0.98, 49)


def _predict(score: np.ndarray, partially: float, wholly: float) -> np.ndarray:
    return np.where(score >= wholly, 0, np.where(score >= partially, 1, 2))


def _f1(gold: np.ndarray, predicted: np.ndarray) -> float:
    return macro_f1([LABELS[g] for g in gold], [LABELS[p] for p in predicted], LABELS)


def fit(features: dict[str, np.ndarray], gold: np.ndarray, rows: np.ndarray) -> tuple[dict[str, float], float, float]:
    best: tuple[float, dict[str, float], float, float] = (-1.0, {}, 0.0, 0.0)
    for weights in itertools.product(WEIGHT_GRID, repeat=len(SEARCHED)):
        chosen = {BASE: 1.0, **dict(zip(SEARCHED, weights, strict=True))}
        score = sum(w * features[name][rows] for name, w in chosen.items())
        cuts = np.quantile(score, QUANTILES)
        for partially, wholly in itertools.combinations(cuts, 2):
            value = _f1(gold[rows], _predict(score, partially, wholly))
            if value > best[0]:
                best = (value, chosen, float(partially), float(wholly))
    return best[1], best[2], best[3]


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
    groups = sorted({item.group for item in items})
    random.Random(13).shuffle(groups)
    fold_of = {group: index % 10 for index, group in enumerate(groups)}
    folds = np.array([fold_of[item.group] for item in items])
    predicted = np.zeros(len(items), dtype=int)
    for fold in range(10):
        train, test = np.where(folds != fold)[0], np.where(folds == fold)[0]
        weights, partially, wholly = fit(features, gold, train)
        score = sum(w * features[name][test] for name, w in weights.items())
        predicted[test] = _predict(score, partially, wholly)
    cv_3class = _f1(gold, predicted)
    binary = macro_f1(
        ["derived" if g < 2 else "non" for g in gold], ["derived" if p < 2 else "non" for p in predicted],
        ("derived", "non"),
    )
    print(f"grouped 10-fold CV on {len(items)} stories: macro_f1_3class {cv_3class:.3f}, macro_f1_binary {binary:.3f}")
    if args.write:
        weights, partially, wholly = fit(features, gold, np.arange(len(items)))
        params = {
            "weights": weights,
            "thresholds": {"partially": round(partially, 6), "wholly": round(wholly, 6)},
            "fitted": {
                "data": "shared METER half (pairs.jsonl), all stories",
                "protocol": "grid search (weights of " + ", ".join(SEARCHED) + f" in {list(WEIGHT_GRID)}, "
                "thresholds at 49 quantiles of the score) maximising 3-class macro-F1; estimate by grouped "
                "10-fold CV (story groups = domain/date/catchline, seed 13)",
                "cv_macro_f1_3class": round(cv_3class, 4),
                "cv_macro_f1_binary": round(binary, 4),
                "script": "scripts/fit_meter.py --data ../shared/data/meter --write",
            },
        }
        target = Path(__file__).resolve().parents[1] / "src" / "storytrace" / "reuse" / "params.json"
        target.write_text(json.dumps(params, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {target}: {params['weights']} {params['thresholds']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
