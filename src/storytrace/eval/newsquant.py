"""NewsQuant (the CQE paper's news benchmark): quantities extracted from single news sentences.

Data (read from ``--data DIR``): ``NewsQuant.json``, a list of ``{text, quantities: [{value, unit,
change, referred_concepts}]}``; a range's value is written ``"a-b"``; ``change`` is ``=``, ``~``, ``>``,
``<`` (and ``up``/``down`` for movements).

Scoring (EVAL.md): a prediction matches a gold quantity of the same sentence when the numeric values
are equal — both ends for ranges, after scale words — one to one; precision, recall and F1 over all
sentences; ``qualifier_accuracy`` on the matched pairs whose gold ``change`` maps to a qualifier
(``=`` exact, ``~`` approximately, ``>`` at_least, ``<`` at_most, any range → range; ``up``/``down``
say which way a figure moved, not how exact it is, and are left out).

An entry of a held-out half without text or with unreadable gold quantities is left out and counted
(``skipped_items``, :mod:`storytrace.eval.robust`); a file cut short is scored on the entries before
the cut, and the cut is counted too.
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
from .robust import Skips, read_text

__all__ = [
    "evaluate_newsquant",
    "gold_values",
    "json_list_prefix",
    "load_newsquant",
    "match_sentence",
    "predicted_values",
]

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


_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def _after_space(text: str, position: int) -> int:
    match = _JSON_SPACE.match(text, position)
    return match.end() if match else position


def _entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


def json_list_prefix(text: str) -> tuple[list[Any], str | None]:
    """The items of a JSON list read one by one, and why reading stopped early (``None`` when the whole
    list was read): a file cut short (a truncated copy) still gives every item before the cut.
    Raises :class:`ValueError` when the text does not start a JSON list."""
    decoder = json.JSONDecoder()
    position = _after_space(text, 0)
    if not text.startswith("[", position):
        raise ValueError("not a JSON list")
    position = _after_space(text, position + 1)
    items: list[Any] = []
    if text.startswith("]", position):
        return items, None
    while True:
        try:
            item, position = decoder.raw_decode(text, position)
        except ValueError as exc:
            return items, f"the list breaks off after {_entries(len(items))} ({exc})"
        items.append(item)
        position = _after_space(text, position)
        if text.startswith(",", position):
            position = _after_space(text, position + 1)
        elif text.startswith("]", position):
            return items, None
        else:
            return items, f"the list breaks off after {_entries(len(items))}"


def _salvage(text: str) -> tuple[list[Any], str | None]:
    """What :func:`json_list_prefix` can read of a file that is not valid JSON (nothing if it is no list)."""
    try:
        return json_list_prefix(text)
    except ValueError:
        return [], None


def _sentence_problem(item: Any) -> str | None:
    """Why one entry cannot be scored, or ``None``: it needs a non-empty ``text`` and its ``quantities``
    (if any) must be a list of objects — a sentence with unreadable gold would count right answers wrong."""
    if not isinstance(item, dict):
        return "not an object"
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        return "no 'text'"
    quantities = item.get("quantities")
    if quantities is not None and not isinstance(quantities, list):
        return "'quantities' is not a list"
    if any(not isinstance(quantity, dict) for quantity in quantities or []):
        return "a quantity is not an object"
    return None


def load_newsquant(data_dir: str | Path, skips: Skips | None = None) -> list[dict[str, Any]]:
    """The sentences of ``NewsQuant.json`` that can be scored.

    An entry without text or with unreadable gold quantities is left out and noted in ``skips``, and
    a file cut short gives the entries before the cut (the cut is noted). Raises
    :class:`EvalDataError` when the file is missing, is not a JSON list, or holds no usable sentence."""
    path = Path(data_dir) / "NewsQuant.json"
    skips = skips if skips is not None else Skips(data_dir)
    if not path.is_file():
        raise EvalDataError(f"{path} not found", hint="--data must hold NewsQuant.json")
    try:
        text = read_text(path, skips)
    except (OSError, ValueError) as exc:
        raise EvalDataError(f"{path} is not readable ({exc})") from exc
    try:
        items = json.loads(text)
    except ValueError as exc:
        items, cut = _salvage(text)
        if not items:
            raise EvalDataError(f"{path} is not readable JSON ({exc})") from exc
        skips.add(path, cut or str(exc))
    if not isinstance(items, list):
        raise EvalDataError(f"{path} must be a list of objects with a 'text' field")
    usable = []
    for number, item in enumerate(items):
        problem = _sentence_problem(item)
        if problem is None:
            usable.append(item)
        else:
            skips.add(path, f"item {number}: {problem}")
    if not usable:
        raise skips.nothing_left("sentences", hint="NewsQuant.json must be a list of objects with a 'text' field")
    return usable


def evaluate_newsquant(
    data_dir: str | Path, *, progress: Callable[[int, int, str], None] | None = None
) -> dict[str, Any]:
    skips = Skips(data_dir)
    items = load_newsquant(data_dir, skips)
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
        **skips.report(),
    }
