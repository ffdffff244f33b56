"""Reuse across a pile: candidates → alignment → classification → direction, one pair at a time.

Boilerplate shared by one outlet's pages is not reuse: word trigrams found in three or more
articles of the same outlet (or in every one of two) never anchor a passage between two of that
outlet's articles.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..models import Article, Passage, Reuse
from ..provenance import decide_direction
from .align import AlignOptions, Match, align_tokens, covered_tokens, to_passages
from .candidates import CandidateOptions, find_candidates
from .classify import derivation_features, load_params, score_label
from .paraphrase import DEFAULT_THRESHOLD, SentenceIndex, index_sentences, passages_between
from .tokens import Tokens, tokenize

__all__ = ["ReuseOptions", "find_reuse"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReuseOptions:
    candidates: CandidateOptions = field(default_factory=CandidateOptions)
    align: AlignOptions = field(default_factory=AlignOptions)
    min_coverage_for_derived: float = 0.05
    """A pair is only called derived when at least this share of the copy is in shared passages:
    same-event articles share vocabulary without one being written from the other."""
    paraphrase: bool = True
    """Also align the sentences of each candidate pair by meaning (sentence embeddings)."""
    paraphrase_threshold: float = DEFAULT_THRESHOLD
    paraphrase_max_articles: int = 500
    """Sentence embeddings run (≈ 800 sentences/s on 2 cores, ~30 sentences an article) when at
    most this many articles are in candidate pairs; larger piles get verbatim and near-verbatim
    passages only unless this is raised (a pile of 500 such articles costs ≈ 20 s more)."""


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


def _tokens_in_spans(tokens: Tokens, spans: Sequence[tuple[int, int]]) -> set[int]:
    inside: set[int] = set()
    for start, end in spans:
        inside.update(i for i, (a, b) in enumerate(zip(tokens.starts, tokens.ends, strict=True)) if start <= a and b <= end)
    return inside


def _mostly_inside(passage: Passage, matches: Sequence[Match], target: Tokens) -> bool:
    """Whether a paraphrase passage is mostly words the lexical alignment already covers."""
    words = _tokens_in_spans(target, [passage.target_span])
    return bool(words) and len(words & covered_tokens(list(matches), side="target")) >= 0.5 * len(words)


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
    encoder = None
    if options.paraphrase and 0 < len(involved) <= options.paraphrase_max_articles:
        from .embed import SentenceEncoder

        encoder = SentenceEncoder.load()
    sentences: dict[int, SentenceIndex] = {}

    def paraphrases(source_index: int, target_index: int) -> list[Passage]:
        if encoder is None:
            return []
        for index in (source_index, target_index):
            if index not in sentences:
                sentences[index] = index_sentences(articles[index].text, encoder)
        return passages_between(sentences[source_index], sentences[target_index], threshold=options.paraphrase_threshold)

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
            source_index, target_index = candidate.first, candidate.second
            oriented = matches
        else:
            source_index, target_index = candidate.second, candidate.first
            oriented = align_tokens(second_tokens, first_tokens, options.align, ignore=ignore)
        source, target = articles[source_index], articles[target_index]
        source_tokens, target_tokens = tokens[source_index], tokens[target_index]
        passages = to_passages(oriented, source_tokens, target_tokens, options.align,
                               source_text=source.text, target_text=target.text)
        lexical = covered_tokens(oriented, side="target")
        added = [p for p in paraphrases(source_index, target_index) if not _mostly_inside(p, oriented, target_tokens)]
        paraphrased = _tokens_in_spans(target_tokens, [p.target_span for p in added]) - lexical
        covered = lexical | paraphrased
        target_coverage = len(covered) / max(1, len(target_tokens))
        source_coverage = first_coverage if source_index == candidate.first else second_coverage
        features, _ = derivation_features(
            target_tokens, [source_tokens], options=options.align, paraphrase_covered=paraphrased
        )
        label, _ = score_label(features, params)
        if label != "non_derived" and target_coverage < options.min_coverage_for_derived:
            label = "non_derived"
        relation = "shared_passages" if label == "non_derived" else label
        share = len(paraphrased) / len(covered) if covered else 0.0
        mode = "paraphrase" if share >= 0.8 else "verbatim" if share <= 0.2 else "mixed"
        passages = sorted([*passages, *added], key=lambda p: p.target_span)
        assert source.id is not None and target.id is not None
        results.append(
            Reuse(
                source=source.id,
                target=target.id,
                relation=relation,
                mode=mode,
                target_coverage=round(target_coverage, 4),
                source_coverage=round(source_coverage, 4),
                direction_confidence=direction.confidence,
                evidence=direction.evidence,
                passages=tuple(passages),
            )
        )
    return sorted(results, key=lambda r: (r.source, r.target))
