"""NewsQuant (the CQE paper's news benchmark): quantities extracted from single news sentences.

Data (read from ``--data DIR``): ``NewsQuant.json``, a list of ``{text, quantities: [{value, unit,
change, referred_concepts}]}``; a range's value is written ``"a-b"``; ``change`` is ``=``, ``~``, ``>``,
``<`` (and ``up``/``down`` for movements).

Scoring (EVAL.md): a prediction matches a gold quantity of the same sentence when the numeric values
are equal — both ends for ranges, after scale words — one to one; precision, recall and F1 over all
sentences; ``qualifier_accuracy`` on the matched pairs whose gold ``change`` maps to a qualifier
(``=`` exact, ``~`` approximately, ``>`` at_least, ``<`` at_most, any range → range; ``up``/``down``
say which way a figure moved, not how exact it is, and are left out).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..claims.quantities import extract_quantities
from ..errors import EvalDataError
from ..models import Quantity

__all__ = ["evaluate_newsquant", "gold_values", "load_newsquant", "match_sentence", "predicted_values"]

Values = tuple[float, float]
"""A quantity as (low, high); a single value is (v, v)."""

_CHANGE_TO_QUALIFIER = {"=": "exact", "~": "approximately", ">": "at_least", "<": "at_most"}
_RANGE = re.compile(r"^\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*-\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*$")


def _parse_gold_value(raw: object) -> Values | None:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return float(raw), float(raw)
    if not isinstance(raw, str):
        return None
    try:
        value = float(raw.replace(",", ""))
        return value, value
    except ValueError:
        pass
    match = _RANGE.match(raw.replace(",", ""))
    if match is None:
        return None
    try:
        low, high = float(match.group(1)), float(match.group(2))
    except ValueError:
        return None
    return min(low, high), max(low, high)


def gold_values(item: dict[str, Any]) -> list[tuple[Values, str | None]]:
    """The gold quantities of one sentence as ``((low, high), qualifier or None)``."""
    out: list[tuple[Values, str | None]] = []
    for quantity in item.get("quantities") or []:
        values = _parse_gold_value(quantity.get("value"))
        if values is None:
            continue
        is_range = values[0] != values[1]
        qualifier = "range" if is_range else _CHANGE_TO_QUALIFIER.get(str(quantity.get("change", "")).strip())
        out.append((values, qualifier))
    return out


def predicted_values(quantities: Sequence[Quantity]) -> list[tuple[Values, str]]:
    out: list[tuple[Values, str]] = []
    for quantity in quantities:
        if quantity.qualifier == "range" and quantity.low is not None and quantity.high is not None:
            out.append(((quantity.low, quantity.high), "range"))
        elif quantity.value is not None:
            out.append(((quantity.value, quantity.value), quantity.qualifier))
    return out


def _equal(a: Values, b: Values) -> bool:
    return all(math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-9) for x, y in zip(a, b, strict=True))


def match_sentence(
    gold: Sequence[tuple[Values, str | None]], predicted: Sequence[tuple[Values, str]]
) -> list[tuple[int, int]]:
    """One-to-one pairs ``(gold index, predicted index)`` with equal values; among equal candidates the one
    with the same qualifier is taken first (value equality is transitive, so greedy is maximal)."""
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for g_index, (g_values, g_qualifier) in enumerate(gold):
        options = [p for p, (p_values, _) in enumerate(predicted) if p not in used and _equal(g_values, p_values)]
        if not options:
            continue
        options.sort(key=lambda p: predicted[p][1] != g_qualifier)
        used.add(options[0])
        pairs.append((g_index, options[0]))
    return pairs


def load_newsquant(data_dir: str | Path) -> list[dict[str, Any]]:
    path = Path(data_dir) / "NewsQuant.json"
    if not path.is_file():
        raise EvalDataError(f"{path} not found", hint="--data must hold NewsQuant.json")
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalDataError(f"{path} is not readable JSON ({exc})") from exc
    if not isinstance(items, list) or not all(isinstance(i, dict) and isinstance(i.get("text"), str) for i in items):
        raise EvalDataError(f"{path} must be a list of objects with a 'text' field")
    return items


def evaluate_newsquant(
    data_dir: str | Path, *, progress: Callable[[int, int, str], None] | None = None
) -> dict[str, Any]:
    items = load_newsquant(data_dir)
    gold_total = predicted_total = matched = 0
    qualifier_scored = qualifier_right = 0
    for done, item in enumerate(items, start=1):
        gold = gold_values(item)
        predicted = predicted_values(extract_quantities(item["text"]))
        pairs = match_sentence(gold, predicted)
        gold_total += len(gold)
        predicted_total += len(predicted)
        matched += len(pairs)
        for g_index, p_index in pairs:
            expected = gold[g_index][1]
            if expected is not None:
                qualifier_scored += 1
                qualifier_right += predicted[p_index][1] == expected
        if progress is not None:
            progress(done, len(items), item["text"][:40])
    precision = matched / predicted_total if predicted_total else 0.0
    recall = matched / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "sentences": len(items),
        "gold": gold_total,
        "predicted": predicted_total,
        "matched": matched,
        "value_precision": round(precision, 4),
        "value_recall": round(recall, 4),
        "value_f1": round(f1, 4),
        "qualifier_accuracy": round(qualifier_right / qualifier_scored, 4) if qualifier_scored else 0.0,
        "qualifier_scored": qualifier_scored,
    }
