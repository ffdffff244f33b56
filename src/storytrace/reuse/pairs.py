"""Reuse across a pile: candidates → alignment → classification → direction, one pair at a time.

Boilerplate shared by one outlet's pages is not reuse: word trigrams found in three or more
articles of the same outlet (or in every one of two) never anchor a passage between two of that
outlet's articles.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..models import Article, Reuse
from ..provenance import decide_direction
from .align import AlignOptions, align_tokens, covered_tokens, to_passages
from .candidates import CandidateOptions, find_candidates
from .classify import derivation_features, load_params, score_label
from .tokens import Tokens, tokenize

__all__ = ["ReuseOptions", "find_reuse"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReuseOptions:
    candidates: CandidateOptions = field(default_factory=CandidateOptions)
    align: AlignOptions = field(default_factory=AlignOptions)
    min_coverage_for_derived: float = 0.05
    """A pair is only called derived when at least this share of the copy is in shared passages:
    same-event articles share vocabulary without one being written from the other."""


def _outlet_boilerplate(
    articles: Sequence[Article], involved: Sequence[int], seed: int
) -> dict[str, set[tuple[str, ...]]]:
    """Seed n-grams repeated across one outlet's articles, for outlets with a pair to align."""
    wanted = {articles[i].outlet.casefold() for i in involved if articles[i].outlet}  # type: ignore[union-attr]
    by_outlet: dict[str, list[int]] = defaultdict(list)
    for index, article in enumerate(articles):
        if article.outlet and article.outlet.casefold() in wanted:
            by_outlet[article.outlet.casefold()].append(index)
    boilerplate: dict[str, set[tuple[str, ...]]] = {}
    for outlet, members in by_outlet.items():
        if len(members) < 2:
            continue
        counts: Counter[tuple[str, ...]] = Counter()
        for index in members:
            words = tokenize(articles[index].text).words
            counts.update({words[i : i + seed] for i in range(len(words) - seed + 1)})
        floor = 2 if len(members) == 2 else 3
        boilerplate[outlet] = {gram for gram, count in counts.items() if count >= floor}
    return boilerplate


def find_reuse(
    articles: Sequence[Article],
    options: ReuseOptions | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> list[Reuse]:
    """Every related pair of ``articles`` (which must carry ids), strongest first within source id."""
    options = options or ReuseOptions()
    params = load_params()
    candidates = find_candidates((tokenize(article.text).words for article in articles), options.candidates)
    involved = sorted({c.first for c in candidates} | {c.second for c in candidates})
    # Only articles in a candidate pair are tokenized again (with offsets) for alignment.
    tokens: dict[int, Tokens] = {index: tokenize(articles[index].text) for index in involved}
    boilerplate = _outlet_boilerplate(articles, involved, options.align.seed)
    results: list[Reuse] = []
    for done, candidate in enumerate(candidates, start=1):
        first, second = articles[candidate.first], articles[candidate.second]
        first_tokens, second_tokens = tokens[candidate.first], tokens[candidate.second]
        ignore: set[tuple[str, ...]] = set()
        if first.outlet and second.outlet and first.outlet.casefold() == second.outlet.casefold():
            ignore = boilerplate.get(first.outlet.casefold(), set())
        matches = align_tokens(first_tokens, second_tokens, options.align, ignore=ignore)
        if progress is not None:
            progress(done, len(candidates))
        if not matches:
            continue
        first_coverage = len(covered_tokens(matches, side="source")) / max(1, len(first_tokens))
        second_coverage = len(covered_tokens(matches, side="target")) / max(1, len(second_tokens))
        direction = decide_direction(first, second, first_coverage=first_coverage, second_coverage=second_coverage)
        if direction.source_is_first:
            source, target, source_tokens, target_tokens = first, second, first_tokens, second_tokens
            passages = to_passages(matches, first_tokens, second_tokens, options.align,
                                   source_text=first.text, target_text=second.text)
            target_coverage, source_coverage = second_coverage, first_coverage
        else:
            source, target, source_tokens, target_tokens = second, first, second_tokens, first_tokens
            flipped = align_tokens(second_tokens, first_tokens, options.align, ignore=ignore)
            passages = to_passages(flipped, second_tokens, first_tokens, options.align,
                                   source_text=second.text, target_text=first.text)
            target_coverage, source_coverage = first_coverage, second_coverage
        features, _ = derivation_features(target_tokens, [source_tokens], options=options.align)
        label, _ = score_label(features, params)
        if label != "non_derived" and target_coverage < options.min_coverage_for_derived:
            label = "non_derived"
        relation = "shared_passages" if label == "non_derived" else label
        assert source.id is not None and target.id is not None
        results.append(
            Reuse(
                source=source.id,
                target=target.id,
                relation=relation,
                mode="verbatim",
                target_coverage=round(target_coverage, 4),
                source_coverage=round(source_coverage, 4),
                direction_confidence=direction.confidence,
                evidence=direction.evidence,
                passages=tuple(passages),
            )
        )
    return sorted(results, key=lambda r: (r.source, r.target))
