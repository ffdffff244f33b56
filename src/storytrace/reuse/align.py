"""Local alignment of two word sequences: the verbatim and near-verbatim passages they share.

Seed and extend, as text-reuse aligners do: every word trigram the two texts share seeds a match;
matches on (nearly) the same diagonal and close together chain into segments, so small edits and
inserted words do not break a passage; segments are then chosen greedily, longest first, without
overlap on either side (a one-to-one tiling that survives reordered paragraphs); neighbouring tiles
in the same order merge into passages. Each passage gets character spans in both texts and a score,
the share of its words that match exactly.

Tuned constants say what they were tuned on; rerun ``storytrace eval meter`` after changing them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from ..models import Passage
from .tokens import Tokens

__all__ = ["AlignOptions", "Match", "align_tokens", "covered_tokens"]


@dataclass(frozen=True, slots=True, kw_only=True)
class AlignOptions:
    seed: int = 3
    """Words per seed; shorter seeds find more edited copies, and more chance matches."""
    max_gap: int = 6
    """Unmatched words allowed inside a segment on either side (small edits, inserted words)."""
    max_shift: int = 3
    """Diagonal drift allowed inside a segment (words inserted or deleted on one side)."""
    merge_gap: int = 12
    """Words between two tiles that still merge into one passage (same order on both sides)."""
    min_words: int = 6
    """Fewest matched words for a passage to count."""
    max_occurrences: int = 20
    """A seed occurring more often than this in the source is too common to anchor anything."""
    verbatim_score: float = 0.97
    """Score from which a passage is called verbatim rather than near-verbatim."""


@dataclass(frozen=True, slots=True)
class Match:
    """A passage in token coordinates: inclusive token ranges in source and target."""

    source_first: int
    source_last: int
    target_first: int
    target_last: int
    matched: int

    @property
    def length(self) -> int:
        return max(self.source_last - self.source_first, self.target_last - self.target_first) + 1

    @property
    def score(self) -> float:
        return min(1.0, self.matched / self.length)


def _seeds(
    source: Tokens, target: Tokens, options: AlignOptions, ignore: Collection[tuple[str, ...]]
) -> list[tuple[int, int]]:
    n = options.seed
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    words = source.words
    for i in range(len(words) - n + 1):
        index[words[i : i + n]].append(i)
    seeds: list[tuple[int, int]] = []
    target_words = target.words
    for j in range(len(target_words) - n + 1):
        gram = target_words[j : j + n]
        positions = index.get(gram)
        if positions and len(positions) <= options.max_occurrences and gram not in ignore:
            seeds.extend((i, j) for i in positions)
    return seeds


def _chain(seeds: list[tuple[int, int]], options: AlignOptions) -> list[Match]:
    """Chain seeds into segments along (nearly) one diagonal."""
    n = options.seed
    by_diagonal: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, j in seeds:
        by_diagonal[j - i].append((i, j))
    # Walk diagonals in order; a segment may continue onto a neighbouring diagonal.
    open_segments: list[list[int]] = []  # [s_first, s_last, t_first, t_last, matched, diagonal]
    segments: list[Match] = []
    for i, j in sorted(seeds, key=lambda s: (s[0], s[1])):
        diagonal = j - i
        best = None
        for segment in open_segments:
            if (
                abs(segment[5] - diagonal) <= options.max_shift
                and segment[0] < i
                and segment[2] < j
                and i - segment[1] - 1 <= options.max_gap
                and j - segment[3] - 1 <= options.max_gap
            ):
                best = segment
                break
        if best is None:
            open_segments.append([i, i + n - 1, j, j + n - 1, n, diagonal])
        else:
            new_words = min(n, i + n - 1 - best[1], j + n - 1 - best[3])
            best[4] += max(0, new_words)
            best[1] = max(best[1], i + n - 1)
            best[3] = max(best[3], j + n - 1)
            best[5] = diagonal
        # Close segments the walk has left behind.
        still_open = []
        for segment in open_segments:
            if i - segment[1] - 1 > options.max_gap:
                segments.append(Match(segment[0], segment[1], segment[2], segment[3], segment[4]))
            else:
                still_open.append(segment)
        open_segments = still_open
    segments.extend(Match(s[0], s[1], s[2], s[3], s[4]) for s in open_segments)
    return segments


def _tile(segments: list[Match]) -> list[Match]:
    """Greedy one-to-one tiling: longest segments first, no overlap in source or target."""
    used_source: list[tuple[int, int]] = []
    used_target: list[tuple[int, int]] = []
    chosen: list[Match] = []

    def overlaps(first: int, last: int, used: list[tuple[int, int]]) -> bool:
        return any(first <= u_last and u_first <= last for u_first, u_last in used)

    for segment in sorted(segments, key=lambda m: (-m.matched, m.target_first, m.source_first)):
        if overlaps(segment.source_first, segment.source_last, used_source):
            continue
        if overlaps(segment.target_first, segment.target_last, used_target):
            continue
        chosen.append(segment)
        used_source.append((segment.source_first, segment.source_last))
        used_target.append((segment.target_first, segment.target_last))
    return sorted(chosen, key=lambda m: m.target_first)


def _merge(tiles: list[Match], options: AlignOptions) -> list[Match]:
    merged: list[Match] = []
    for tile in tiles:
        if merged:
            last = merged[-1]
            target_gap = tile.target_first - last.target_last - 1
            source_gap = tile.source_first - last.source_last - 1
            if 0 <= target_gap <= options.merge_gap and 0 <= source_gap <= options.merge_gap:
                merged[-1] = Match(
                    last.source_first, tile.source_last, last.target_first, tile.target_last,
                    last.matched + tile.matched,
                )
                continue
        merged.append(tile)
    return merged


def align_tokens(
    source: Tokens,
    target: Tokens,
    options: AlignOptions | None = None,
    *,
    ignore: Collection[tuple[str, ...]] = (),
) -> list[Match]:
    """Passages shared by ``source`` and ``target`` in token coordinates, in target order.

    ``ignore`` holds seed n-grams that must not anchor a passage (an outlet's boilerplate).
    """
    options = options or AlignOptions()
    if len(source) < options.seed or len(target) < options.seed:
        return []
    seeds = _seeds(source, target, options, ignore)
    if not seeds:
        return []
    tiles = _tile(_chain(seeds, options))
    return [m for m in _merge(tiles, options) if m.matched >= options.min_words]


_OPENING = "“«„"
_CLOSING = "”»"


def inside_quotation(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside one quotation (curly, guillemets or straight marks),
    within its paragraph."""
    paragraph_start = text.rfind("\n\n", 0, start) + 1
    paragraph_end = text.find("\n\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    before, after = text[paragraph_start:start], text[end:paragraph_end]
    last_open = max(before.rfind(mark) for mark in _OPENING)
    last_close = max(before.rfind(mark) for mark in _CLOSING)
    if last_open > last_close and any(mark in after for mark in _CLOSING):
        return True
    straight_before = before.count('"')
    return straight_before % 2 == 1 and '"' in after and '"' not in text[start:end]


def to_passages(
    matches: list[Match], source: Tokens, target: Tokens, options: AlignOptions | None = None,
    *, source_text: str | None = None, target_text: str | None = None,
) -> list[Passage]:
    """Passages with character spans. Given both texts, a passage quoted in both is kind ``quote``:
    the same words reported by two outlets, not one copying the other's prose."""
    options = options or AlignOptions()
    passages = []
    for m in matches:
        source_span = source.span(m.source_first, m.source_last)
        target_span = target.span(m.target_first, m.target_last)
        kind = "verbatim" if m.score >= options.verbatim_score else "near_verbatim"
        if (
            source_text is not None
            and target_text is not None
            and inside_quotation(source_text, *source_span)
            and inside_quotation(target_text, *target_span)
        ):
            kind = "quote"
        passages.append(Passage(source_span=source_span, target_span=target_span, kind=kind, score=round(m.score, 4)))
    return passages


def covered_tokens(matches: list[Match], *, side: str) -> set[int]:
    """Token positions covered by the matches on one side ("source" or "target")."""
    covered: set[int] = set()
    for m in matches:
        if side == "target":
            covered.update(range(m.target_first, m.target_last + 1))
        else:
            covered.update(range(m.source_first, m.source_last + 1))
    return covered
