"""Reuse across a pile: candidates → alignment → classification → direction, one pair at a time.

Boilerplate shared by one outlet's pages is not reuse: word trigrams found in three or more
articles of the same outlet, or in the last paragraphs of both of two of its articles (a poster's
signature), never anchor a passage between those articles.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from ..claims.quotes import QuoteMark, find_quote_marks
from ..language import detect_language, is_english
from ..models import Article, Passage, Reuse
from ..provenance import decide_direction
from .align import AlignOptions, Match, align_tokens, covered_tokens, to_passages
from .candidates import CandidateOptions, find_candidates
from .classify import derivation_features, load_params, score_label
from .embed import DEFAULT_ENCODER, ENCODERS, Encoder, load_encoder
from .paraphrase import (
    EncoderParams,
    SentenceIndex,
    align_cosines,
    cosine_matrix,
    encoder_params,
    gate_words,
    passages_from_cosines,
    sentence_spans,
    shared_word_counts,
)
from .quoted import echoed_words, quote_frames, quoted_words, statement_words
from .tokens import Tokens, tokenize

__all__ = [
    "ReuseOptions", "SentenceVectors", "boilerplate_grams", "find_reuse", "footer", "outlet_gram_counts", "paraphrase_applies", "relate_pair",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReuseOptions:
    candidates: CandidateOptions = field(default_factory=CandidateOptions)
    align: AlignOptions = field(default_factory=AlignOptions)
    min_coverage_for_derived: float = 0.05
    """A pair is only called derived when at least this share of the copy is in shared passages
    outside quotation (``storytrace.reuse.quoted``: quotation marks, a direct quotation's reporting
    clause, a statement the source prints bare): same-event articles share vocabulary, and quote
    the same statements, without one being written from the other."""
    min_words_for_derived: int = 15
    """…and at least this many of the copy's words (about a sentence): one shared phrase ("add a
    citizenship question to the") in a short article is the event's wording, not a copy."""
    min_sentences_restated: int = 2
    """Words of sentences restated by meaning count among the copy's own words only when at least
    this many of its sentences (outside quotation) restate the source's: two reports of one event
    restate each other's lead ("Spotify reneged on its … policy" / "Spotify initiated a new policy
    …", cosine 0.79) without one being written from the other."""
    min_source_share_for_derived: float = 0.5
    """A target that reproduces, in word-for-word and near-verbatim passages, at least this share of
    the source's words outside quotation — and at least ``2 × min_words_for_derived`` of its own
    words in them — is at least partially derived, however small a share of the target that is:
    a long story built around a whole wire copy (reworded, interleaved with other material) takes
    in the source, though most of it is not the source's. METER's classifier looks only at the
    target's side and calls such stories non-derived; on the shared METER half 70 of the 71
    stories that reproduce half their PA source's own words (30 or more) are derived."""
    paraphrase: bool = True
    """Also align the sentences of each candidate pair by meaning (sentence embeddings)."""
    paraphrase_encoder: str = DEFAULT_ENCODER
    """Which shipped sentence encoder (``storytrace.reuse.embed.ENCODERS``): ``"minilm"`` (the
    default: the int8 transformer, ≈ 350 sentences per CPU second) or ``"static"`` (a table
    distilled from it: ~30× cheaper per sentence, the reuse stage on a 600-article pile 2.5 s
    instead of 29 s, but weaker on rewritten copies; figures in docs/reuse.md). Each comes with its own
    fitted cut-offs (``storytrace.reuse.paraphrase.ENCODER_PARAMS``), used unless the three options
    below are given."""
    paraphrase_threshold: float | None = None
    """Cosine from which two sentences are a paraphrase passage; None: the encoder's fitted value."""
    paraphrase_max_articles: int = 500
    """Sentence embeddings run when at most this many articles are in candidate pairs; larger piles
    get verbatim and near-verbatim passages only unless this is raised. On the 600-article pile of
    benchmarks/pipeline.py (211 articles in the layer) it costs ≈ 27 s with MiniLM, ≈ 1 s with the
    static encoder (``benchmarks/embed.py --pile 600``)."""
    paraphrase_skip_coverage: float = 0.8
    """Pairs where one side is at least this share in word-for-word passages are copies already:
    the (costly) meaning layer is skipped for them."""
    paraphrase_min_shared_words: int = 1
    """Two sentences get a cosine only when they share at least this many words that carry content
    (:func:`~storytrace.reuse.paraphrase.gate_words`: three letters or more, function words left
    out); the others count as unrelated, and a sentence unrelated to every sentence of the articles
    it is paired with is never encoded. On the 600-article pile of benchmarks/pipeline.py every
    sentence pair MiniLM puts at cosine ≥ 0.7 (the rewritten-copy rule's) shares such a word, but
    for lines of a time stamp alone ("9:10 p.m.", which MiniLM scores 0.73–0.94 against one
    another). 0: every pair of sentences."""
    spun_cosine: float | None = None
    spun_min_share: float | None = None
    spun_min_sentences: int = 5
    """A rewritten ("spun") copy is wholly derived whatever its lexical overlap (METER's classifier
    sees only words): when at least ``spun_min_share`` of the target's sentences, and at least
    ``spun_min_sentences`` of them, align by meaning (cosine ≥ ``spun_cosine``) with the source's
    in order — sentences mostly inside quotation marks not counted (two articles quoting one
    statement restate its speaker, not each other). Cosine and share (None: the encoder's fitted values) were chosen per encoder by
    5-fold cross-validation on the Clough & Stevenson rewrite corpus (``scripts/fit_spun.py``;
    rewritten answers vs answers written independently on the same topic)."""

    def __post_init__(self) -> None:
        if self.paraphrase_encoder not in ENCODERS:
            raise ValueError(
                f"unknown paraphrase_encoder {self.paraphrase_encoder!r}: expected one of {', '.join(ENCODERS)}"
            )
        if self.paraphrase_min_shared_words < 0:
            raise ValueError(f"paraphrase_min_shared_words must be 0 or more, not {self.paraphrase_min_shared_words}")

    def paraphrase_params(self) -> EncoderParams:
        """The encoder's fitted cut-offs, with any given in these options instead."""
        fitted = encoder_params(self.paraphrase_encoder)
        return EncoderParams(
            threshold=fitted.threshold if self.paraphrase_threshold is None else self.paraphrase_threshold,
            spun_cosine=fitted.spun_cosine if self.spun_cosine is None else self.spun_cosine,
            spun_min_share=fitted.spun_min_share if self.spun_min_share is None else self.spun_min_share,
        )


def outlet_gram_counts(texts: Iterable[str], seed: int) -> Counter[tuple[str, ...]]:
    """For each word ``seed``-gram, how many of ``texts`` (one outlet's articles) contain it.

    Counts add up over disjoint sets of articles, so a cluster job can count partition by partition.
    """
    counts: Counter[tuple[str, ...]] = Counter()
    for text in texts:
        words = tokenize(text).words
        counts.update({words[i : i + seed] for i in range(len(words) - seed + 1)})
    return counts


def footer(text: str) -> str:
    """The last paragraph of a clean text: where an outlet's furniture the normalizer kept sits (a
    sign-up pitch, "Our journalism takes a lot of time …")."""
    return text.rstrip().rsplit("\n\n", 1)[-1]


def boilerplate_grams(
    members: int, counts: Counter[tuple[str, ...]], footer_counts: Counter[tuple[str, ...]] | None = None
) -> set[tuple[str, ...]]:
    """The n-grams that are an outlet's furniture, given its ``members`` articles' ``counts``
    (:func:`outlet_gram_counts` of their texts) and ``footer_counts`` (of their footers, :func:`footer`):
    those in 3 or more of its articles, or — of an outlet with two articles — in both footers.

    Two articles of one outlet share every trigram one copies from the other, so being in both is
    no evidence of furniture: an outlet's update of its own story had been "no shared passages"
    (two CNET articles of the Spotify pile, one reusing whole paragraphs of the other), and
    ``storytrace diff`` of any two articles of one outlet found nothing.
    """
    if members < 2:
        return set()
    if members == 2:
        return {gram for gram, count in (footer_counts or Counter()).items() if count >= 2}
    return {gram for gram, count in counts.items() if count >= 3}


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
        texts = [articles[index].text for index in members]
        boilerplate[outlet] = boilerplate_grams(
            len(members), outlet_gram_counts(texts, seed), outlet_gram_counts(map(footer, texts), seed))
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


def _mostly_boilerplate(passage: Passage, target: Tokens, ignore: set[tuple[str, ...]]) -> bool:
    """Whether a paraphrase passage between two articles of one outlet is mostly that outlet's
    boilerplate (``ignore``: its trigrams): the meaning layer must not bring back the page furniture
    the lexical alignment leaves out ("Headline: Bitcoin & Blockchain Searches Exceed Trump!")."""
    if not ignore:
        return False
    words = sorted(_tokens_in_spans(target, [passage.target_span]))
    if not words:
        return False
    size = len(next(iter(ignore)))
    covered: set[int] = set()
    for start in range(len(words) - size + 1):
        window = words[start : start + size]
        if tuple(target.words[i] for i in window) in ignore:
            covered.update(window)
    return len(covered) >= 0.5 * len(words)


class SentenceVectors(Protocol):
    """Sentence embeddings remembered between runs, by text, for one encoder (the store's)."""

    def get(self, text: str, dimension: int) -> npt.NDArray[np.float32] | None:
        """The vectors (``dimension`` wide) of ``text``'s
        :func:`~storytrace.reuse.paraphrase.sentence_spans`, if known."""
        ...

    def put(self, text: str, vectors: npt.NDArray[np.float32]) -> None:
        """Remember the vectors of ``text`` (kept until the caller saves them)."""
        ...


def paraphrase_applies(involved: int, options: ReuseOptions) -> bool:
    """Whether the paraphrase layer runs for a pile with ``involved`` articles in candidate pairs."""
    return options.paraphrase and 0 < involved <= options.paraphrase_max_articles


class _Pile:
    """What aligning pairs of one pile needs once: tokens, sentence vectors, boilerplate, params."""

    def __init__(
        self,
        articles: Sequence[Article] | Mapping[int, Article],
        involved: Sequence[int],
        options: ReuseOptions,
        *,
        boilerplate: dict[str, set[tuple[str, ...]]] | None = None,
        paraphrase: bool | None = None,
        encoder: Encoder | None = None,
        vectors: SentenceVectors | None = None,
    ) -> None:
        """``articles`` by index; ``involved``: the indexes in candidate pairs.

        A cluster job passes only the articles of its pairs (a mapping by global index), the outlet
        ``boilerplate`` counted over the whole pile, and ``paraphrase`` decided on the whole pile's
        involved articles, so each pair gets the same result as in one process.
        """
        self.articles = articles
        self.options = options
        self.params = load_params()
        self.tokens: dict[int, Tokens] = {index: tokenize(articles[index].text) for index in involved}
        if boilerplate is None:
            assert isinstance(articles, Sequence)
            boilerplate = _outlet_boilerplate(articles, involved, options.align.seed)
        self.boilerplate = boilerplate
        self.encoder = encoder
        if paraphrase is None:
            paraphrase = paraphrase_applies(len(involved), options)
        if paraphrase and self.encoder is None:
            self.encoder = load_encoder(options.paraphrase_encoder)
        if self.encoder is not None and self.encoder.name != options.paraphrase_encoder:
            raise ValueError(f"encoder {self.encoder.name!r} given, options ask for {options.paraphrase_encoder!r}")
        self.cutoffs = options.paraphrase_params()
        self.sentences: dict[int, SentenceIndex] = {}
        """Each article's sentences and their vectors, a row of NaN for a sentence not encoded yet."""
        self._gate_words: dict[int, tuple[frozenset[str], ...]] = {}
        self._encoded: dict[str, npt.NDArray[np.float32]] = {}
        """Vectors by sentence text: a sentence copied into several articles is encoded once."""
        self.vectors = vectors
        self._cosines: dict[tuple[int, int], Any] = {}
        self._quoted: dict[int, set[int]] = {}
        self._quotation: dict[int, set[int]] = {}
        self._quote_marks: dict[int, list[QuoteMark]] = {}
        self._english: dict[int, bool] = {}

    def cosines(self, source_index: int, target_index: int) -> Any:
        """The sentence cosine matrix of two articles (source rows, target columns), computed once.
        Sentence pairs that share no content word (``ReuseOptions.paraphrase_min_shared_words``) get
        0, and only sentences with a partner are encoded."""
        assert self.encoder is not None
        if (target_index, source_index) in self._cosines:
            return self._cosines[target_index, source_index].T
        if (source_index, target_index) not in self._cosines:
            for index in (source_index, target_index):
                if index not in self.sentences:
                    self._index(index)
            source, target = self.sentences[source_index], self.sentences[target_index]
            wanted = self.options.paraphrase_min_shared_words
            if wanted > 0:
                near = shared_word_counts(self._gate_words[source_index], self._gate_words[target_index]) >= wanted
            else:
                near = np.ones((len(source.spans), len(target.spans)), dtype=bool)
            self._encode(source_index, np.asarray(near.any(axis=1), dtype=bool))
            self._encode(target_index, np.asarray(near.any(axis=0), dtype=bool))
            cosines = cosine_matrix(SentenceIndex(source.spans, np.nan_to_num(source.vectors)),
                                    SentenceIndex(target.spans, np.nan_to_num(target.vectors)))
            self._cosines[source_index, target_index] = np.where(near, cosines, 0.0)
        return self._cosines[source_index, target_index]

    def _index(self, index: int) -> None:
        """An article's sentences, with the vectors ``vectors`` remembers for them (NaN rows: not
        encoded yet)."""
        assert self.encoder is not None
        text = self.articles[index].text
        spans = sentence_spans(text)
        self._gate_words[index] = gate_words(text, spans)
        known = None if self.vectors is None else self.vectors.get(text, self.encoder.dimension)
        if known is None or known.shape != (len(spans), self.encoder.dimension):
            known = np.full((len(spans), self.encoder.dimension), np.nan, dtype=np.float32)
        self.sentences[index] = SentenceIndex(spans, np.array(known, dtype=np.float32))

    def _encode(self, index: int, rows: npt.NDArray[np.bool_]) -> None:
        """Encode the sentences of an article at ``rows`` that have no vector yet (the encoder
        embeds each sentence alone: its vector does not depend on what is encoded with it)."""
        assert self.encoder is not None
        text, sentences = self.articles[index].text, self.sentences[index]
        todo = [int(row) for row in np.flatnonzero(rows) if np.isnan(sentences.vectors[row, 0])]
        if not todo:
            return
        texts = [text[sentences.spans[row][0] : sentences.spans[row][1]] for row in todo]
        unknown = [t for t in dict.fromkeys(texts) if t not in self._encoded]
        if unknown:
            self._encoded.update(zip(unknown, self.encoder.encode(unknown), strict=True))
        for row, sentence in zip(todo, texts, strict=True):
            sentences.vectors[row] = self._encoded[sentence]
        if self.vectors is not None:
            self.vectors.put(text, sentences.vectors)

    def quoted(self, index: int) -> set[int]:
        """The word positions of an article that lie inside quotation marks, found once."""
        if index not in self._quoted:
            self._quoted[index] = quoted_words(self.tokens[index], self._marks(index))
        return self._quoted[index]

    def quotation(self, index: int) -> set[int]:
        """The word positions of an article inside quotation marks or in a direct quotation's
        reporting clause ("…,” Ek said at the conference on Wednesday"), found once."""
        if index not in self._quotation:
            text = self.articles[index].text
            self._quotation[index] = self.quoted(index) | quote_frames(text, self.tokens[index], self._marks(index))
        return self._quotation[index]

    def _marks(self, index: int) -> list[QuoteMark]:
        if index not in self._quote_marks:
            self._quote_marks[index] = find_quote_marks(self.articles[index].text)
        return self._quote_marks[index]

    def english(self, index: int) -> bool:
        """Whether an article is English (or of undetermined language): the sentence encoders are
        English models, and on other languages unrelated sentences score high (two French reports of
        one event: cosines of 0.6–0.7 between different sentences)."""
        if index not in self._english:
            self._english[index] = is_english(detect_language(self.articles[index].text))
        return self._english[index]

    def paraphrases(self, source_index: int, target_index: int) -> list[Passage]:
        if self.encoder is None or not (self.english(source_index) and self.english(target_index)):
            return []
        cosines = self.cosines(source_index, target_index)
        return passages_from_cosines(self.sentences[source_index].spans, self.sentences[target_index].spans,
                                     cosines, threshold=self.cutoffs.threshold)

    def _shared_footer(self, first_index: int, second_index: int) -> set[tuple[str, ...]]:
        """The seed n-grams in the last paragraphs (:func:`footer`) of both of two articles of one
        outlet: where a poster's or a desk's signature sits, whatever else the outlet publishes (an
        outlet of two articles has no other furniture, :func:`boilerplate_grams`)."""
        seed = self.options.align.seed
        counts = outlet_gram_counts((footer(self.articles[i].text) for i in (first_index, second_index)), seed)
        return {gram for gram, count in counts.items() if count >= 2}

    def sentences_restated(self, source_index: int, target_index: int) -> tuple[int, int]:
        """(target sentences aligned by meaning with the source's in order, target sentences)."""
        if self.encoder is None or not (self.english(source_index) and self.english(target_index)):
            return 0, 0
        pairs = align_cosines(self.cosines(source_index, target_index), threshold=self.cutoffs.spun_cosine)
        spans = self.sentences[target_index].spans
        quoted = self._quoted_sentences(target_index)
        # a sentence quoted in both restates the speaker, not the other article
        return len({j for _, j, _ in pairs if j not in quoted}), len(spans)

    def _restated(self, index: int, passages: Sequence[Passage]) -> int:
        """How many embedded sentences of an article, not mostly quoted, lie inside the
        (paraphrase) ``passages``' spans on its side (their target spans)."""
        if not passages or index not in self.sentences:
            return 0
        quoted = self._quoted_sentences(index)
        return sum(
            1 for number, (start, end) in enumerate(self.sentences[index].spans)
            if number not in quoted and any(p.target_span[0] <= start and end <= p.target_span[1] for p in passages)
        )

    def _quoted_sentences(self, index: int) -> set[int]:
        """The embedded sentences of an article that lie mostly inside quotation marks."""
        tokens, inside = self.tokens[index], self.quoted(index)
        found = set()
        for number, (start, end) in enumerate(self.sentences[index].spans):
            first, last = bisect.bisect_left(tokens.starts, start), bisect.bisect_left(tokens.starts, end)
            if last > first and 2 * sum(i in inside for i in range(first, last)) > last - first:
                found.add(number)
        return found

    def _source_taken_in(self, source_index: int, matches: Sequence[Match], target_own: int) -> str | None:
        """Evidence that the target reproduces most of the source's own words (its words outside
        quotation, ``ReuseOptions.min_source_share_for_derived``) in lexical passages, with
        ``target_own`` of its own words outside quotation in them; None when it does not."""
        options = self.options
        quotation = self.quotation(source_index)
        source_own = len(self.tokens[source_index]) - len(quotation)
        reproduced = len(covered_tokens(list(matches), side="source") - quotation)
        if (source_own <= 0 or reproduced < options.min_source_share_for_derived * source_own
                or min(reproduced, target_own) < 2 * options.min_words_for_derived):
            return None
        label = self.articles[source_index].outlet or f"article {self.articles[source_index].id}"
        return (f"source taken in: {reproduced} of the {source_own} words {label} writes outside quotation"
                f" ({reproduced / source_own:.0%}) are in the target")

    def relate(self, first_index: int, second_index: int) -> Reuse | None:
        """The relation of two articles of the pile, or None when they share no passage."""
        options = self.options
        first, second = self.articles[first_index], self.articles[second_index]
        first_tokens, second_tokens = self.tokens[first_index], self.tokens[second_index]
        ignore: set[tuple[str, ...]] = set()
        same_outlet = bool(first.outlet and second.outlet and first.outlet.casefold() == second.outlet.casefold())
        if same_outlet:
            ignore = self.boilerplate.get((first.outlet or "").casefold(), set())
        matches = align_tokens(first_tokens, second_tokens, options.align, ignore=ignore)
        if same_outlet and matches and max(
                len(covered_tokens(matches, side="source")) / max(1, len(first_tokens)),
                len(covered_tokens(matches, side="target")) / max(1, len(second_tokens))) < options.paraphrase_skip_coverage:
            # two of one outlet's articles that are not copies of each other: the end both share is a
            # signature (a copy keeps its last paragraph)
            ignore = ignore | self._shared_footer(first_index, second_index)
            matches = align_tokens(first_tokens, second_tokens, options.align, ignore=ignore)
        if not matches:
            return None
        # Sentences restated by meaning count for coverage, and so for direction, too — except for a
        # word-for-word copy, where they would add little and cost the most (sentence embeddings).
        lexical_share = max(
            len(covered_tokens(matches, side="source")) / max(1, len(first_tokens)),
            len(covered_tokens(matches, side="target")) / max(1, len(second_tokens)),
        )
        para = [] if lexical_share >= options.paraphrase_skip_coverage else [
            p for p in self.paraphrases(first_index, second_index)
            if not _mostly_inside(p, matches, second_tokens) and not _mostly_boilerplate(p, second_tokens, ignore)
        ]
        first_covered = covered_tokens(matches, side="source") | _tokens_in_spans(
            first_tokens, [p.source_span for p in para])
        second_covered = covered_tokens(matches, side="target") | _tokens_in_spans(
            second_tokens, [p.target_span for p in para])
        first_coverage = len(first_covered) / max(1, len(first_tokens))
        second_coverage = len(second_covered) / max(1, len(second_tokens))
        direction = decide_direction(first, second, first_coverage=first_coverage, second_coverage=second_coverage)
        if direction.source_is_first:
            source_index, target_index = first_index, second_index
            oriented = matches
            added = para
        else:
            source_index, target_index = second_index, first_index
            oriented = align_tokens(second_tokens, first_tokens, options.align, ignore=ignore)
            added = [replace(p, source_span=p.target_span, target_span=p.source_span) for p in para]
        source, target = self.articles[source_index], self.articles[target_index]
        source_tokens, target_tokens = self.tokens[source_index], self.tokens[target_index]
        passages = to_passages(oriented, source_tokens, target_tokens, options.align,
                               source_text=source.text, target_text=target.text)
        lexical = covered_tokens(oriented, side="target")
        paraphrased = _tokens_in_spans(target_tokens, [p.target_span for p in added]) - lexical
        covered = lexical | paraphrased
        target_coverage = len(covered) / max(1, len(target_tokens))
        source_coverage = first_coverage if source_index == first_index else second_coverage
        features, _ = derivation_features(
            target_tokens, [source_tokens], options=options.align, paraphrase_covered=paraphrased
        )
        label, _ = score_label(features, self.params)
        evidence = direction.evidence
        if label != "wholly_derived" and lexical_share < options.paraphrase_skip_coverage:
            aligned, total = self.sentences_restated(source_index, target_index)
            if aligned >= options.spun_min_sentences and aligned >= self.cutoffs.spun_min_share * total:
                label = "wholly_derived"
                evidence = (*(e for e in evidence if e != "no direction evidence"), f"rewritten copy: {aligned} of {total} sentences restate the source's, in order")
        # Derived only on the writer's own words: two articles quoting one statement share it
        # (quoted, framed by "X said at …", printed bare by the source and quoted by the target, or
        # quoted by the source and printed outside marks by the target: its indirect speech).
        statement = statement_words(
            [*passages, *added], source_tokens=source_tokens, target_tokens=target_tokens,
            source_quoted=self.quoted(source_index), target_quoted=self.quoted(target_index), source_text=source.text,
            min_words=options.align.min_words,
        ) | echoed_words(
            [*passages, *added], source_tokens=source_tokens, target_tokens=target_tokens,
            source_quoted=self.quoted(source_index), target_quoted=self.quoted(target_index),
        )
        # one restated sentence is what two reports of one event share; a rewrite restates more
        mine = covered if self._restated(target_index, added) >= options.min_sentences_restated else lexical
        own = len(mine - self.quotation(target_index) - statement)
        # …or on the source's: a target that takes in most of the source's own words is built on it
        taken = self._source_taken_in(source_index, oriented, len(lexical - self.quotation(target_index) - statement))
        # …or it says whose report it retells ("the Associated Press reported") and shares at least a
        # sentence of its words outside quotation marks (restated ones count) with that report — the
        # statements that report quotes too: saying whose report it is says where they came from
        retold = len(covered - self.quoted(target_index)) if direction.attributed else 0
        attributed = (retold >= options.min_words_for_derived
                      and retold >= options.min_coverage_for_derived * len(target_tokens))
        if label == "non_derived" and taken:
            label = "partially_derived"
            evidence = (*(e for e in evidence if e != "no direction evidence"), taken)
        elif label == "non_derived" and attributed:
            label = "partially_derived"
            evidence = (*evidence, f"attributed and shared: {retold} of the target's words outside quotation marks are"
                                   " in passages shared with the report it attributes")
        elif label != "non_derived" and not taken and not attributed and (
                own < options.min_coverage_for_derived * len(target_tokens) or own < options.min_words_for_derived):
            label = "non_derived"
        share = len(paraphrased) / len(covered) if covered else 0.0
        if source.id is None or target.id is None:
            raise ValueError("articles must carry ids (store them first)")
        return Reuse(
            source=source.id,
            target=target.id,
            relation="shared_passages" if label == "non_derived" else label,
            mode="paraphrase" if share >= 0.8 else "verbatim" if share <= 0.2 else "mixed",
            target_coverage=round(target_coverage, 4),
            source_coverage=round(source_coverage, 4),
            direction_confidence=direction.confidence,
            evidence=evidence,
            passages=tuple(sorted([*passages, *added], key=lambda p: p.target_span)),
        )


def relate_pair(first: Article, second: Article, options: ReuseOptions | None = None) -> Reuse | None:
    """How two given articles relate, whether or not they would be candidates in a pile."""
    return _Pile([first, second], [0, 1], options or ReuseOptions()).relate(0, 1)


def find_reuse(
    articles: Sequence[Article],
    options: ReuseOptions | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    vectors: SentenceVectors | None = None,
) -> list[Reuse]:
    """Every related pair of ``articles`` (which must carry ids), ordered by source then target id.

    ``vectors``: sentence embeddings remembered from earlier runs (by text and encoder), read before
    encoding a text and given every text encoded: the paraphrase layer's cost on a pile analysed
    again. The pairs are the same with or without it."""
    options = options or ReuseOptions()
    candidates = find_candidates((tokenize(article.text).words for article in articles), options.candidates)
    # Only articles in a candidate pair are tokenized again (with offsets) for alignment.
    pile = _Pile(articles, sorted({c.first for c in candidates} | {c.second for c in candidates}), options,
                 vectors=vectors)
    results: list[Reuse] = []
    for done, candidate in enumerate(candidates, start=1):
        reuse = pile.relate(candidate.first, candidate.second)
        if reuse is not None:
            results.append(reuse)
        if progress is not None:
            progress(done, len(candidates))
    return sorted(results, key=lambda r: (r.source, r.target))
