"""METER (Clough et al. 2002): is each newspaper story wholly, partially or non-derived from the
Press Association copy it could have used? Scored with the reuse engine used by ``analyze``.

Data (read from ``--data DIR``): ``pairs.jsonl`` — one labelled newspaper story per line with
``label``, ``text_path`` and ``pa_source_paths`` — and the latin-1 files under ``PA/`` and
``newspapers/``. PA files carry wire headers and hard-wrapped lines ending in ``<``; they are
turned into plain text here (that is the data set's format, not something ``analyze`` meets) and
then go through the same normalizer as every input.

A row of a held-out half that is not JSON, lacks a field, has an unknown label or names a missing or
empty file is left out and counted (``skipped_items``, :mod:`storytrace.eval.robust`).
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
from .robust import Skips, read_text

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


def _label(raw: object) -> str | None:
    """A row's label as one of :data:`LABELS` (``Wholly-derived`` spelt otherwise is the same label)."""
    label = re.sub(r"[\s-]+", "_", str(raw or "").strip().lower())
    return label if label in LABELS else None


class _Texts:
    """The cleaned texts of a METER folder, each file read once; a missing or empty one is ``None``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cache: dict[tuple[str, bool], str | None] = {}
        self.problem: dict[str, str] = {}

    def get(self, relative: str, *, pa: bool) -> str | None:
        if (relative, pa) not in self.cache:
            self.cache[relative, pa] = self._read(relative, pa=pa)
        return self.cache[relative, pa]

    def _read(self, relative: str, *, pa: bool) -> str | None:
        path = self.root / relative
        if not path.is_file():
            self.problem[relative] = "not found"
            return None
        try:
            raw = path.read_text(encoding="latin-1")
        except OSError as exc:
            self.problem[relative] = f"not readable ({exc.strerror or exc})"
            return None
        if not raw.strip():
            self.problem[relative] = "empty"
            return None
        return _clean(read_pa_text(raw) if pa else raw, source=relative)


def _item(row: Any, texts: _Texts) -> MeterItem | str:
    """One labelled story with its PA sources, or why the row cannot be scored."""
    if not isinstance(row, dict):
        return "not a JSON object"
    label = _label(row.get("label"))
    if label is None:
        return f"unknown label {row.get('label')!r}"
    target, sources = row.get("text_path"), row.get("pa_source_paths")
    if not isinstance(target, str) or not target:
        return "no text_path"
    if not isinstance(sources, list) or not all(isinstance(p, str) and p for p in sources):
        return "pa_source_paths is not a list of paths"
    texts_of = [texts.get(target, pa=False), *(texts.get(p, pa=True) for p in sources)]
    for relative, text in zip([target, *sources], texts_of, strict=True):
        if text is None:
            return f"{relative} {texts.problem[relative]}"
    return MeterItem(
        key=target,
        label=label,
        group=f"{row.get('domain')}/{row.get('date')}/{row.get('catchline')}",
        target=texts_of[0] or "",
        sources=tuple(text or "" for text in texts_of[1:]),
    )


def load_meter(data_dir: str | Path, skips: Skips | None = None) -> list[MeterItem]:
    """The labelled stories of ``pairs.jsonl`` with their texts.

    A row that is not JSON, has an unknown label or a missing field, or names a file that is missing
    or empty is left out and noted in ``skips`` (a story is scored against all its candidate sources
    or not at all). Raises :class:`EvalDataError` when there is no ``pairs.jsonl`` or no usable row."""
    root = Path(data_dir)
    skips = skips if skips is not None else Skips(root)
    pairs = root / "pairs.jsonl"
    if not pairs.is_file():
        raise EvalDataError(f"{pairs} not found", hint="--data must hold pairs.jsonl, PA/ and newspapers/")
    try:
        lines = read_text(pairs, skips).splitlines()
    except (OSError, ValueError) as exc:
        raise EvalDataError(f"{pairs} is not readable ({exc})") from exc
    texts = _Texts(root)
    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            skips.add(pairs, f"not JSON ({exc})", line=number)
            continue
        item = _item(row, texts)
        if isinstance(item, str):
            skips.add(pairs, item, line=number)
            continue
        items.append(item)
    if not items:
        raise skips.nothing_left("stories in pairs.jsonl", hint="--data must hold pairs.jsonl, PA/ and newspapers/")
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

    skips = Skips(data_dir)
    items = load_meter(data_dir, skips)
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
        **skips.report(),
    }
