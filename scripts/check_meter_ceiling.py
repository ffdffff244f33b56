"""How well can *any* derived-share score separate METER's classes? Scored with the annotators' own token labels.

    .venv/bin/python scripts/check_meter_ceiling.py --data ../shared/data/meter [--json] [--no-engine]

Why: the shipped classifier (``scripts/fit_meter.py``) thresholds how much of a story is found in its
Press Association sources. METER's ``newspapers/annotated/**/*.sgml`` mark, for some stories, every
stretch of text as ``<Verbatim>``, ``<Rewrite>`` or ``<New>`` relative to the PA copy. The share the
annotators themselves call derived is the best such score any text-matching engine could recover;
thresholding it shows how far a share score can go at all (the figure docs/reuse.md quotes as "A
ceiling").

Gold derived share of a story: words inside ``<Verbatim>`` or ``<Rewrite>`` over words inside any of
the three tags (words as :func:`storytrace.reuse.tokens.tokenize` counts them, SGML entities decoded).
Nested tags: a word counts for its innermost tag. Text outside the three tags (``<unclassified>``, stray
text between tags) is left out of the share and only reported (``untagged_words``). A file that has no
such tag (METER annotated only part of its stories at token level; the rest are one ``<unclassified>``
block), whose tags hold no word, whose tags do not nest properly, or that cannot be read is skipped
and counted by reason. Label and story group come from ``pairs.jsonl`` through
:func:`storytrace.eval.meter.load_meter`, as for ``fit_meter.py``; the file's ``classification``
attribute is only checked against the label (disagreements are counted; the pairs.jsonl label is used).

Printed: per class, n and the 10th / 50th / 90th percentiles of the share; the best in-sample 3-class
macro-F1 with two thresholds (``share ≥ high`` → wholly, ``≥ low`` → partially, else non-derived) and
the best in-sample binary macro-F1 (derived = wholly or partially) with one threshold, both searched
exhaustively (every cut between two neighbouring observed values, plus all-above / all-below; ties go
to the lowest cuts); the same two figures under grouped cross-validation, with the folds and seeds of
``fit_meter.py`` and thresholds chosen on the training folds; and, unless ``--no-engine``, the shipped
engine's figures on the same stories: in-sample with the shipped parameters, and ``fit_meter.py``'s own
held-out labels (fitted on all its stories, as for its headline figure) scored on this subset.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from fit_meter import FOLDS, SEEDS, fold_numbers

from storytrace.errors import EvalDataError
from storytrace.eval.meter import LABELS, MeterItem, load_meter, macro_f1
from storytrace.eval.robust import Skips
from storytrace.reuse.tokens import tokenize

KINDS = ("verbatim", "rewrite", "new")
"""The token-level tags of METER's annotated files; the first two count as derived from PA."""
DERIVED_KINDS = ("verbatim", "rewrite")
BINARY = ("derived", "non_derived")

_TAG = re.compile(r"<(/?)([A-Za-z][\w.-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_DECLARATION = re.compile(r"<!--.*?-->|<![^>]*(?:\[[^\]]*\])?\s*>", re.S)
_CLASSIFICATION = re.compile(r"\bclassification\s*=\s*[\"']([^\"']*)[\"']", re.I)


class AnnotationError(ValueError):
    """An annotated file that gives no gold share; the message (no path in it) is the skip reason."""


@dataclass(frozen=True, slots=True)
class Annotation:
    """Word counts of one annotated story by tag, and its ``classification`` attribute (normalised)."""

    verbatim: int
    rewrite: int
    new: int
    untagged: int
    classification: str | None

    @property
    def tagged(self) -> int:
        return self.verbatim + self.rewrite + self.new

    @property
    def share(self) -> float:
        """Verbatim + rewrite words over all tagged words (the annotators' derived share)."""
        return (self.verbatim + self.rewrite) / self.tagged if self.tagged else 0.0


@dataclass(frozen=True, slots=True)
class Story:
    key: str
    label: str
    group: str
    share: float


def _normal_label(raw: str) -> str:
    return re.sub(r"[\s-]+", "_", raw.strip().lower())


def parse_annotation(text: str) -> Annotation:
    """Count the words under each token-level tag of one METER sgml text.

    Only the three token tags are tracked (other tags such as ``<body>`` or ``<unclassified>`` are
    transparent), so a stray or unclosed structural tag costs nothing; a token tag that is closed by
    another name, closed without being opened or never closed makes the file unusable, because which
    words it covers is then a guess. Raises :class:`AnnotationError` for that, for a text without any
    token tag, and for token tags that hold no word."""
    classification = _CLASSIFICATION.search(text)
    text = _DECLARATION.sub(" ", text)
    counts = dict.fromkeys((*KINDS, "untagged"), 0)
    stack: list[str] = []
    seen_tag = False
    position = 0
    for match in _TAG.finditer(text):
        words = len(tokenize(html.unescape(text[position : match.start()])))
        counts[stack[-1] if stack else "untagged"] += words
        position = match.end()
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name not in KINDS:
            continue
        seen_tag = True
        if closing:
            if not stack:
                raise AnnotationError(f"</{name}> closes no open token tag")
            if stack[-1] != name:
                raise AnnotationError(f"</{name}> closes <{stack[-1]}>")
            stack.pop()
        elif not match.group(3).rstrip().endswith("/"):
            stack.append(name)
    counts["untagged"] += len(tokenize(html.unescape(text[position:])))
    if stack:
        raise AnnotationError(f"<{stack[-1]}> is never closed")
    if not seen_tag:
        raise AnnotationError("no token-level tags (Verbatim / Rewrite / New)")
    annotation = Annotation(
        verbatim=counts["verbatim"],
        rewrite=counts["rewrite"],
        new=counts["new"],
        untagged=counts["untagged"],
        classification=_normal_label(classification.group(1)) if classification else None,
    )
    if not annotation.tagged:
        raise AnnotationError("token-level tags hold no words")
    return annotation


def read_annotation(path: Path) -> Annotation:
    """:func:`parse_annotation` of a file (METER's files are latin-1, which decodes any byte)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise AnnotationError(f"not readable ({exc.strerror or exc})") from exc
    return parse_annotation(raw.decode("latin-1"))


def _annotated_paths(root: Path) -> dict[str, str]:
    """``text_path`` → ``annotated_path`` from pairs.jsonl (rows load_meter already vetted)."""
    paths: dict[str, str] = {}
    for line in (root / "pairs.jsonl").read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            row = json.loads(line)
        except ValueError:
            continue
        if isinstance(row, dict) and isinstance(row.get("annotated_path"), str) and row["annotated_path"]:
            paths[str(row.get("text_path"))] = row["annotated_path"]
    return paths


def load_stories(data_dir: str | Path) -> tuple[list[Story], list[MeterItem], Counter[str], int]:
    """The stories with a gold share, every METER item of ``pairs.jsonl`` (annotated or not), the skip
    reasons counted, and how many files' ``classification`` attribute disagrees with the pairs.jsonl
    label."""
    root = Path(data_dir)
    skips = Skips(root)
    items = load_meter(root, skips)
    skipped: Counter[str] = Counter(f"pairs.jsonl row: {skip.why}" for skip in skips.items)
    annotated = _annotated_paths(root)
    stories, disagreements = [], 0
    for item in items:
        relative = annotated.get(item.key)
        if relative is None:
            skipped["no annotated_path"] += 1
            continue
        path = root / relative
        if not path.is_file():
            skipped["annotated file not found"] += 1
            continue
        try:
            annotation = read_annotation(path)
        except AnnotationError as exc:
            skipped[str(exc)] += 1
            continue
        if annotation.classification is not None and annotation.classification != item.label:
            disagreements += 1
        stories.append(Story(item.key, item.label, item.group, annotation.share))
    return stories, items, skipped, disagreements


def cut_points(values: Sequence[float] | np.ndarray) -> np.ndarray:
    """Every distinct way to split ``values`` by one threshold: −inf, the midpoints between
    neighbouring distinct values, +inf (midpoints, so a cut fitted on training stories does not sit
    on one of them)."""
    distinct = np.unique(np.asarray(values, dtype=float))
    return np.concatenate(([-np.inf], (distinct[:-1] + distinct[1:]) / 2, [np.inf]))


def _f1_of_blocks(blocks: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """Macro-F1 from ``blocks[..., predicted, gold]`` counts (as ``macro_f1`` scores it: 0 for a label
    with no true positive)."""
    classes = blocks.shape[-1]
    total: np.ndarray = np.zeros(blocks.shape[:-2])
    for label in range(classes):
        tp = blocks[..., label, label]
        fp = blocks[..., label, :].sum(-1) - tp
        fn = totals[label] - tp
        total = total + np.where(tp > 0, 2 * tp / np.maximum(1, 2 * tp + fp + fn), 0.0)
    mean: np.ndarray = total / classes
    return mean


def _below(shares: np.ndarray, gold: np.ndarray, cuts: np.ndarray, classes: int) -> np.ndarray:
    """``[cut, gold class]`` → how many stories of that class have a share below the cut."""
    under = shares[None, :] < cuts[:, None]
    return np.stack([(under & (gold == label)[None, :]).sum(-1) for label in range(classes)], axis=-1)


def best_three(shares: np.ndarray, gold: np.ndarray) -> tuple[float, float, float]:
    """(macro-F1, low, high) of the best two thresholds: ``share ≥ high`` → wholly (0), ``≥ low`` →
    partially (1), else non-derived (2); ``gold`` indexes :data:`LABELS`. Exhaustive over
    :func:`cut_points`, counted from prefix sums so every pair costs O(1)."""
    cuts = cut_points(shares)
    below = _below(shares, gold, cuts, 3)
    totals = np.bincount(gold, minlength=3)
    non = below[:, None, :]
    partially = below[None, :, :] - below[:, None, :]
    wholly = totals[None, None, :] - below[None, :, :]
    blocks = np.stack(np.broadcast_arrays(wholly, partially, non), axis=-2)
    scores = _f1_of_blocks(blocks, totals)
    scores[np.tril_indices(len(cuts), -1)] = -1.0
    low, high = np.unravel_index(int(scores.argmax()), scores.shape)
    return float(scores[low, high]), float(cuts[low]), float(cuts[high])


def best_binary(shares: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    """(macro-F1, cut) of the best single threshold: ``share ≥ cut`` → derived (wholly or partially)."""
    derived = np.where(gold < 2, 0, 1)
    cuts = cut_points(shares)
    below = _below(shares, derived, cuts, 2)
    totals = np.bincount(derived, minlength=2)
    blocks = np.stack([totals[None, :] - below, below], axis=-2)
    scores = _f1_of_blocks(blocks, totals)
    best = int(scores.argmax())
    return float(scores[best]), float(cuts[best])


def label_three(shares: np.ndarray, low: float, high: float) -> np.ndarray:
    """0 (wholly) from ``high`` up, 1 (partially) from ``low`` up, else 2 (non-derived)."""
    labels: np.ndarray = np.where(shares >= high, 0, np.where(shares >= low, 1, 2))
    return labels


def cross_validated(
    shares: np.ndarray, gold: np.ndarray, groups: Sequence[str], seed: int, folds: int = FOLDS
) -> tuple[np.ndarray, np.ndarray]:
    """Held-out 3-class labels and binary labels (0 derived, 1 non) with thresholds fitted on the
    other folds."""
    fold = fold_numbers(groups, seed, folds)
    three = np.zeros(len(gold), dtype=int)
    two = np.zeros(len(gold), dtype=int)
    for number in range(folds):
        train, test = np.where(fold != number)[0], np.where(fold == number)[0]
        if not len(test):
            continue
        _, low, high = best_three(shares[train], gold[train])
        _, cut = best_binary(shares[train], gold[train])
        three[test] = label_three(shares[test], low, high)
        two[test] = np.where(shares[test] >= cut, 0, 1)
    return three, two


def f1_three(gold: np.ndarray, predicted: np.ndarray) -> float:
    return macro_f1([LABELS[g] for g in gold], [LABELS[p] for p in predicted], LABELS)


def f1_binary(gold: np.ndarray, derived_predicted: np.ndarray) -> float:
    """Binary macro-F1; ``derived_predicted`` is 0 for derived, 1 for non-derived."""
    return macro_f1([BINARY[int(g >= 2)] for g in gold], [BINARY[p] for p in derived_predicted], BINARY)


def _finite(value: float) -> float | None:
    return round(value, 4) if np.isfinite(value) else None


def share_summary(stories: Sequence[Story]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for label in LABELS:
        values = np.array([story.share for story in stories if story.label == label])
        p10, p50, p90 = np.percentile(values, [10, 50, 90]) if len(values) else (np.nan,) * 3
        out[label] = {"n": len(values), "p10": _finite(p10), "p50": _finite(p50), "p90": _finite(p90)}
    return out


def _spread(values: list[float]) -> dict[str, Any]:
    return {"mean": round(float(np.mean(values)), 4), "range": [round(min(values), 4), round(max(values), 4)]}


def ceiling(stories: Sequence[Story]) -> dict[str, Any]:
    """The in-sample and grouped-CV figures of the gold share as the only score."""
    shares = np.array([story.share for story in stories])
    gold = np.array([LABELS.index(story.label) for story in stories])
    groups = [story.group for story in stories]
    three_score, low, high = best_three(shares, gold)
    two_score, cut = best_binary(shares, gold)
    cv3, cv2 = [], []
    for seed in SEEDS:
        three, two = cross_validated(shares, gold, groups, seed)
        cv3.append(f1_three(gold, three))
        cv2.append(f1_binary(gold, two))
    return {
        "in_sample": {
            "macro_f1_3class": round(three_score, 4),
            "thresholds_3class": {"partially_from": _finite(low), "wholly_from": _finite(high)},
            "macro_f1_binary": round(two_score, 4),
            "threshold_binary": _finite(cut),
        },
        "cv": {
            "protocol": f"grouped {FOLDS}-fold CV (groups domain/date/catchline) x seeds {list(SEEDS)}, "
            "thresholds chosen on the training folds",
            "macro_f1_3class": _spread(cv3),
            "macro_f1_binary": _spread(cv2),
        },
    }


def engine(every: list[MeterItem], subset: set[str]) -> dict[str, Any]:
    """The shipped engine on the same stories: in-sample (shipped parameters) and held-out (the labels
    ``fit_meter.cross_validate`` gives every story of the data, scored on ``subset`` only)."""
    from fit_meter import cross_validate

    from storytrace.reuse.classify import classify_derivation, derivation_features

    mask = np.array([item.key in subset for item in every])
    gold = np.array([LABELS.index(item.label) for item in every])
    shipped = np.array(
        [LABELS.index(classify_derivation(item.target, item.sources).label) for item in every if item.key in subset]
    )
    table: dict[str, list[float]] = {}
    for item in every:
        values, _ = derivation_features(tokenize(item.target), [tokenize(s) for s in item.sources])
        for name, value in values.items():
            table.setdefault(name, []).append(value)
    features = {name: np.array(values) for name, values in table.items()}
    cv3, cv2 = [], []
    for seed in SEEDS:
        predicted, _ = cross_validate(features, gold, [item.group for item in every], seed)
        cv3.append(f1_three(gold[mask], predicted[mask]))
        cv2.append(f1_binary(gold[mask], np.where(predicted[mask] < 2, 0, 1)))
    return {
        "in_sample": {
            "macro_f1_3class": round(f1_three(gold[mask], shipped), 4),
            "macro_f1_binary": round(f1_binary(gold[mask], np.where(shipped < 2, 0, 1)), 4),
        },
        "cv": {
            "protocol": f"fit_meter.py's held-out labels over all {len(every)} stories, scored on these",
            "macro_f1_3class": _spread(cv3),
            "macro_f1_binary": _spread(cv2),
        },
    }


def _print(result: dict[str, Any]) -> None:
    print(f"{result['stories']} annotated stories with token-level tags; skipped: {result['skipped']}")
    print(f"classification attribute disagreeing with pairs.jsonl label: {result['label_disagreements']}")
    print("gold derived share (verbatim + rewrite words / tagged words), per class: n, p10 / p50 / p90")
    for label, row in result["per_class"].items():
        print(f"  {label:18} {row['n']:4}  {row['p10']} / {row['p50']} / {row['p90']}")
    inside, cv = result["ceiling"]["in_sample"], result["ceiling"]["cv"]
    print(
        f"in-sample best: macro_f1_3class {inside['macro_f1_3class']:.4f} (thresholds "
        f"{inside['thresholds_3class']}), macro_f1_binary {inside['macro_f1_binary']:.4f} "
        f"(derived from {inside['threshold_binary']})"
    )
    print(
        f"{cv['protocol']}: macro_f1_3class {cv['macro_f1_3class']['mean']:.4f} {cv['macro_f1_3class']['range']}, "
        f"macro_f1_binary {cv['macro_f1_binary']['mean']:.4f} {cv['macro_f1_binary']['range']}"
    )
    if "engine" in result:
        shipped, held = result["engine"]["in_sample"], result["engine"]["cv"]
        print(
            f"shipped engine on the same stories, in-sample: macro_f1_3class {shipped['macro_f1_3class']:.4f}, "
            f"macro_f1_binary {shipped['macro_f1_binary']:.4f}"
        )
        print(
            f"shipped engine, {held['protocol']}: macro_f1_3class {held['macro_f1_3class']['mean']:.4f} "
            f"{held['macro_f1_3class']['range']}, macro_f1_binary {held['macro_f1_binary']['mean']:.4f} "
            f"{held['macro_f1_binary']['range']}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="the METER folder (pairs.jsonl, PA/, newspapers/)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--no-engine", action="store_true", help="skip the shipped engine's figures (~15 s)")
    args = parser.parse_args()
    data = Path(args.data)
    try:
        stories, items, skipped, disagreements = load_stories(data)
    except EvalDataError as exc:
        print(f"check_meter_ceiling: {exc}", file=sys.stderr)
        return 2
    if not stories:
        print(f"no annotated story with token-level tags under {data}; skipped: {dict(skipped)}", file=sys.stderr)
        return 1
    result: dict[str, Any] = {
        "stories": len(stories),
        "skipped": dict(skipped.most_common()),
        "label_disagreements": disagreements,
        "per_class": share_summary(stories),
        "ceiling": ceiling(stories),
    }
    if not args.no_engine:
        result["engine"] = engine(items, {story.key for story in stories})
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        _print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
