"""Classify how a target article derives from its candidate source(s): METER's three classes.

Features (all in [0, 1], computed on word tokens of the clean texts):

- ``containment_1``: share of the target's distinct words found in the source(s);
- ``containment_chars``: the same, each distinct word weighted by its length in characters, so
  shared long (rarer, content) words count more than shared short function words;
- ``containment_2`` / ``containment_3``: the same for word bigrams / trigrams;
- ``coverage``: share of the target's words inside aligned passages (verbatim + near-verbatim);
- ``longest``: the longest aligned passage, as a share of the target;
- ``paraphrase``: share of target words in sentences aligned by meaning only (0 until the
  paraphrase layer is on);
- ``weakest_window``: ``containment_chars`` of the target's least-sourced stretch of
  ``WINDOW`` consecutive words (every word counted, weighted by its length; the whole target when
  it is shorter) — low when some passage of the target was written without the source.

A two-stage threshold model turns them into a label: ``Σ derived.weights[f] × features[f] <
derived.threshold`` → non_derived; otherwise ``features[wholly.feature] ≥ wholly.threshold`` →
wholly_derived, else partially_derived. The shipped ``params.json`` holds the weights, the feature,
the two thresholds and how they were fitted (``scripts/fit_meter.py``: features and thresholds chosen on
training stories, grouped 10-fold cross-validation on the shared METER half only). Parameters in
the older ordinal form (``weights`` + ``thresholds``: ``score = Σ weight × feature``, ``score ≥
wholly`` → wholly_derived, ``≥ partially`` → partially_derived) are still read. Rerun that
script, then ``storytrace eval meter``, after changing a feature.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from .align import AlignOptions, Match, align_tokens, covered_tokens
from .tokens import Tokens, tokenize

__all__ = ["FEATURES", "Decision", "classify_derivation", "derivation_features", "load_params", "score_label"]

FEATURES = (
    "containment_1", "containment_chars", "containment_2", "containment_3", "coverage", "longest", "paraphrase",
    "weakest_window",
)
WINDOW = 20
"""Words per stretch for ``weakest_window`` (about one news sentence; on the shared METER half,
windows of 12–30 words gave the same cross-validated figure within 0.005)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Decision:
    label: str
    """wholly_derived | partially_derived | non_derived"""
    score: float
    features: dict[str, float]
    matches: tuple[tuple[Match, ...], ...] = field(default=())
    """Aligned passages against each source, in the order of the sources."""


def _grams(words: tuple[str, ...], n: int) -> set[tuple[str, ...]]:
    return {words[i : i + n] for i in range(len(words) - n + 1)}


def _weakest_window(words: tuple[str, ...], vocabulary: set[tuple[str, ...]]) -> float:
    if not words:
        return 0.0
    lengths = np.array([len(word) for word in words], dtype=float)
    found = np.array([len(word) if (word,) in vocabulary else 0 for word in words], dtype=float)
    if len(words) <= WINDOW:
        return float(found.sum() / lengths.sum())
    kernel = np.ones(WINDOW)
    shares = np.convolve(found, kernel, mode="valid") / np.convolve(lengths, kernel, mode="valid")
    return float(shares.min())


def derivation_features(
    target: Tokens,
    sources: Sequence[Tokens],
    *,
    options: AlignOptions | None = None,
    paraphrase_covered: set[int] | None = None,
) -> tuple[dict[str, float], tuple[tuple[Match, ...], ...]]:
    """Features of ``target`` against the union of ``sources`` (and the alignments found)."""
    length = max(1, len(target))
    covered: set[int] = set()
    longest = 0
    all_matches: list[tuple[Match, ...]] = []
    source_grams: dict[int, set[tuple[str, ...]]] = {1: set(), 2: set(), 3: set()}
    for source in sources:
        matches = tuple(align_tokens(source, target, options))
        all_matches.append(matches)
        covered |= covered_tokens(list(matches), side="target")
        longest = max([longest, *(m.target_last - m.target_first + 1 for m in matches)])
        for n, grams in source_grams.items():
            grams |= _grams(source.words, n)
    features: dict[str, float] = {}
    for n, grams in source_grams.items():
        own = _grams(target.words, n)
        features[f"containment_{n}"] = len(own & grams) / len(own) if own else 0.0
        if n == 1:
            total = sum(len(gram[0]) for gram in own)
            shared = sum(len(gram[0]) for gram in own & grams)
            features["containment_chars"] = shared / total if total else 0.0
    features["weakest_window"] = _weakest_window(target.words, source_grams[1])
    features["coverage"] = len(covered) / length
    features["longest"] = longest / length
    extra = (paraphrase_covered or set()) - covered
    features["paraphrase"] = len(extra) / length
    return features, tuple(all_matches)


@cache
def load_params() -> dict[str, Any]:
    text = resources.files("storytrace.reuse").joinpath("params.json").read_text(encoding="utf-8")
    params: dict[str, Any] = json.loads(text)
    return params


def score_label(features: dict[str, float], params: dict[str, Any] | None = None) -> tuple[str, float]:
    """The label and the score that decided derived vs not (see the module docstring)."""
    params = params or load_params()
    if "derived" in params:
        weights = params["derived"]["weights"]
        score = sum(float(weight) * features.get(name, 0.0) for name, weight in weights.items())
        if score < params["derived"]["threshold"]:
            return "non_derived", score
        if features.get(params["wholly"]["feature"], 0.0) >= params["wholly"]["threshold"]:
            return "wholly_derived", score
        return "partially_derived", score
    score = sum(float(weight) * features.get(name, 0.0) for name, weight in params["weights"].items())
    if score >= params["thresholds"]["wholly"]:
        return "wholly_derived", score
    if score >= params["thresholds"]["partially"]:
        return "partially_derived", score
    return "non_derived", score


def classify_derivation(target_text: str, source_texts: Sequence[str]) -> Decision:
    """Label one target text against its candidate sources (clean texts)."""
    target = tokenize(target_text)
    sources = [tokenize(text) for text in source_texts]
    features, matches = derivation_features(target, sources)
    label, score = score_label(features)
    return Decision(label=label, score=score, features=features, matches=matches)
