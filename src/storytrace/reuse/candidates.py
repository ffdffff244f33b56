"""Candidate pairs that scale: an inverted index over hashed word 5-grams, scored by containment.

Whole-document Jaccard misses a short story built from a long wire copy (on METER, wholly derived
stories have a median 5-gram Jaccard of 0.06 with their source); containment — shared n-grams
over the *smaller* side's n-grams — does not. Each article contributes its distinct 5-gram hashes;
sorting all (hash, article) pairs groups the articles that share each n-gram; n-grams shared by
more than ``max_df`` articles (boilerplate, stock phrases) are dropped; every remaining group adds
one shared n-gram to each pair in it. Memory and time grow with the number of n-grams, not with
the number of pairs of articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .tokens import shingle_hashes

__all__ = ["Candidate", "CandidateOptions", "document_keys", "find_candidates", "shared_key_counts", "verify_pairs"]


@dataclass(frozen=True, slots=True, kw_only=True)
class CandidateOptions:
    n: int = 5
    """Words per n-gram."""
    max_df: int = 100
    """An n-gram in more articles than this is too common to suggest copying."""
    min_shared: int = 2
    """Fewest shared n-grams for a pair to be aligned."""
    min_containment: float = 0.02
    """Fewest shared n-grams as a share of the smaller article's n-grams."""


@dataclass(frozen=True, slots=True)
class Candidate:
    first: int
    second: int
    shared: int
    containment: float


def document_keys(words: Sequence[str], n: int) -> np.ndarray:
    """The band keys of one article: its distinct word ``n``-gram hashes, sorted (uint64).

    Pure and stable across processes, so the in-process path and a cluster job emit the same keys.
    """
    return np.unique(shingle_hashes(list(words), n))


_EMPTY = np.zeros(0, dtype=np.int64)


def shared_key_counts(
    keys: np.ndarray, owners: np.ndarray, max_df: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(first, second, shared)``: for each pair of owners (first < second) the number of keys they share.

    ``keys`` and ``owners`` are parallel arrays of (key, article) rows. Every row of a key must be in
    the arrays (a cluster job sends all rows of a key to one place: the shuffle); keys held by more
    than ``max_df`` articles are dropped. Pairs come out sorted by (first, second). ``keys`` and
    ``owners`` are reordered in place (sorted by key).
    """
    if len(keys) == 0:
        return _EMPTY, _EMPTY, _EMPTY
    owners = owners.astype(np.int64, copy=False)
    total = int(owners.max()) + 1
    # Sorted in place: the caller's arrays are the biggest thing in memory; no second copy is kept.
    order = np.argsort(keys, kind="stable")
    keys[:] = keys[order]
    owners[:] = owners[order]
    del order
    boundaries = np.flatnonzero(np.diff(keys)) + 1
    starts = np.concatenate(([0], boundaries))
    ends = np.concatenate((boundaries, [len(keys)]))
    counts = ends - starts
    keep = (counts >= 2) & (counts <= max_df)
    pair_keys: list[np.ndarray] = []
    # Groups of the same size are expanded together: all pairs (i < j) inside each group.
    for size in np.unique(counts[keep]):
        group_starts = starts[keep & (counts == size)]
        members = owners[group_starts[:, None] + np.arange(size)[None, :]]
        first_index, second_index = np.triu_indices(int(size), k=1)
        first = members[:, first_index]
        second = members[:, second_index]
        pair_keys.append((np.minimum(first, second) * total + np.maximum(first, second)).ravel())
    if not pair_keys:
        return _EMPTY, _EMPTY, _EMPTY
    unique, shared = np.unique(np.concatenate(pair_keys), return_counts=True)
    return unique // total, unique % total, shared.astype(np.int64)


def verify_pairs(
    shared: np.ndarray, first_sizes: np.ndarray, second_sizes: np.ndarray, options: CandidateOptions
) -> tuple[np.ndarray, np.ndarray]:
    """``(chosen, containment)``: which pairs share enough n-grams (count and containment).

    Containment is shared n-grams over the smaller article's distinct n-grams.
    """
    smaller = np.maximum(1, np.minimum(first_sizes, second_sizes))
    containment = shared / smaller
    chosen = (shared >= options.min_shared) & (containment >= options.min_containment)
    return chosen, containment


def find_candidates(
    token_lists: Iterable[Sequence[str]], options: CandidateOptions | None = None
) -> list[Candidate]:
    """Pairs ``(first < second)`` of positions in ``token_lists`` that share enough rare n-grams.

    ``token_lists`` may be a generator: only each article's distinct n-gram hashes are kept.
    """
    options = options or CandidateOptions()
    hashes: list[np.ndarray] = []
    size_list: list[int] = []
    for words in token_lists:
        distinct = document_keys(words, options.n)
        size_list.append(len(distinct))
        hashes.append(distinct)
    if not hashes:
        return []
    sizes = np.array(size_list, dtype=np.int64)
    all_hashes = np.concatenate(hashes)
    del hashes
    all_owners = np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)
    first_ids, second_ids, shared = shared_key_counts(all_hashes, all_owners, options.max_df)
    if len(shared) == 0:
        return []
    chosen, containment = verify_pairs(shared, sizes[first_ids], sizes[second_ids], options)
    return [
        Candidate(int(a), int(b), int(s), float(c))
        for a, b, s, c in zip(first_ids[chosen], second_ids[chosen], shared[chosen], containment[chosen], strict=True)
    ]
