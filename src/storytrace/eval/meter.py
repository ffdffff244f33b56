"""METER (Clough et al. 2002): is each newspaper story wholly, partially or non-derived from the
Press Association copy it could have used? Scored with the reuse engine used by ``analyze``.

Data (read from ``--data DIR``): ``pairs.jsonl`` — one labelled newspaper story per line with
``label``, ``text_path`` and ``pa_source_paths`` — and the latin-1 files under ``PA/`` and
``newspapers/``. PA files carry wire headers and hard-wrapped lines ending in ``<``; they are
turned into plain text here (that is the data set's format, not something ``analyze`` meets) and
then go through the same normalizer as every input.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvalDataError
from ..models import RawDocument
from ..normalize import normalize

__all__ = ["MeterItem", "evaluate_meter", "load_meter", "read_pa_text"]

LABELS = ("wholly_derived", "partially_derived", "non_derived")

_PA_HEADER = re.compile(r"^\s*(?:-{10,}|\d{1,2}:\d{2} \d{2}/\d{2}/\d{2}: .*|END\s*$|MORE\s*$)")


@dataclass(frozen=True, slots=True)
class MeterItem:
    key: str
    label: str
    group: str
    """Story group (domain/date/catchline): cross-validation folds never split a group."""
    target: str
    sources: tuple[str, ...]


def read_pa_text(raw: str) -> str:
    """A PA wire file → plain paragraphs (headers dropped, ``<`` line ends, ``\\`\\`…''`` quotes)."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in raw.splitlines():
        if _PA_HEADER.match(line):
            continue
        stripped = line.strip()
        ends_paragraph = stripped.endswith("<")
        stripped = stripped.rstrip("<").strip()
        if stripped:
            current.append(stripped)
        if (ends_paragraph or not stripped) and current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    text = "\n\n".join(paragraphs)
    return text.replace("``", "“").replace("''", "”")


def _clean(raw: str, *, source: str) -> str:
    return normalize(RawDocument(source=source, source_kind="text", raw=raw, raw_format="text")).text


def load_meter(data_dir: str | Path) -> list[MeterItem]:
    root = Path(data_dir)
    pairs = root / "pairs.jsonl"
    if not pairs.is_file():
        raise EvalDataError(f"{pairs} not found", hint="--data must hold pairs.jsonl, PA/ and newspapers/")
    cache: dict[str, str] = {}

    def text_of(relative: str, *, pa: bool) -> str:
        if relative not in cache:
            path = root / relative
            if not path.is_file():
                raise EvalDataError(f"{path} not found")
            raw = path.read_text(encoding="latin-1")
            cache[relative] = _clean(read_pa_text(raw) if pa else raw, source=relative)
        return cache[relative]

    items = []
    for line in pairs.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row["label"] not in LABELS:
            raise EvalDataError(f"unknown label {row['label']!r} in {pairs}")
        items.append(
            MeterItem(
                key=row["text_path"],
                label=row["label"],
                group=f"{row.get('domain')}/{row.get('date')}/{row.get('catchline')}",
                target=text_of(row["text_path"], pa=False),
                sources=tuple(text_of(p, pa=True) for p in row["pa_source_paths"]),
            )
        )
    return items


def macro_f1(gold: list[str], predicted: list[str], labels: tuple[str, ...]) -> float:
    scores = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)


def evaluate_meter(
    data_dir: str | Path, *, progress: Callable[[int, int, str], None] | None = None
) -> dict[str, Any]:
    """Score the shipped classifier on a METER directory.

    ``fitted`` repeats how the shipped parameters were fitted (protocol and held-out CV figures):
    on the shared half the other figures are in-sample.
    """
    from ..reuse.classify import classify_derivation, load_params

    items = load_meter(data_dir)
    gold: list[str] = []
    predicted: list[str] = []
    for done, item in enumerate(items, start=1):
        decision = classify_derivation(item.target, item.sources)
        gold.append(item.label)
        predicted.append(decision.label)
        if progress is not None:
            progress(done, len(items), item.key[-40:])
    binary_gold = ["derived" if g != "non_derived" else "non_derived" for g in gold]
    binary_predicted = ["derived" if p != "non_derived" else "non_derived" for p in predicted]
    confusion = {g: {p: 0 for p in LABELS} for g in LABELS}
    for g, p in zip(gold, predicted, strict=True):
        confusion[g][p] += 1
    return {
        "n": len(items),
        "macro_f1_3class": macro_f1(gold, predicted, LABELS),
        "macro_f1_binary": macro_f1(binary_gold, binary_predicted, ("derived", "non_derived")),
        "accuracy": sum(1 for g, p in zip(gold, predicted, strict=True) if g == p) / len(items) if items else 0.0,
        "confusion": confusion,
        "fitted": load_params().get("fitted", {}),
    }
