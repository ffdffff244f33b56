"""Paraphrase layer: rewritten ("spun") passages found by sentence meaning rather than shared words.

Both texts are split into sentences (:func:`split_sentences`), every sentence is embedded (an
:class:`~storytrace.reuse.embed.Encoder`: the static model by default, or MiniLM), and the two sentence sequences are aligned
monotonically (:func:`align_sentences`): a dynamic programme over the cosine matrix, like
Smith–Waterman with free gaps, where a pair may only be aligned when its cosine reaches the
threshold, either side may skip sentences, and each sentence is used at most once. Runs of
consecutive aligned pairs become :class:`~storytrace.models.Passage` records of kind
``paraphrase`` (:func:`paraphrase_passages`).

Sentences copied verbatim align too (cosine ≈ 1): callers that already hold lexical passages
decide which evidence to keep.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from ..models import Passage
from .embed import DEFAULT_ENCODER

if TYPE_CHECKING:
    from .embed import Encoder

__all__ = [
    "DEFAULT_THRESHOLD",
    "ENCODER_PARAMS",
    "MIN_WORDS",
    "EncoderParams",
    "align_cosines",
    "align_sentences",
    "cosine_matrix",
    "encoder_params",
    "gate_words",
    "paraphrase_passages",
    "passages_from_cosines",
    "sentence_spans",
    "shared_word_counts",
    "split_sentences",
]


@dataclass(frozen=True, slots=True)
class EncoderParams:
    """The cut-offs fitted for one sentence encoder (their cosines are on different scales).

    ``threshold``: the cosine from which two sentences count as the same statement (paraphrase
    passages). Rule, for every encoder, measured on the shared MRPC half only (4,076 news sentence
    pairs, 68 % paraphrases): the lowest cut-off (0.005 grid) whose balanced accuracy is within 0.005
    of the best. Best plain accuracy sits lower, but only because MRPC is two-thirds paraphrases,
    while between two articles almost every sentence pair is not one; balanced accuracy ignores
    that prior. The plateau's low end is taken for recall: MRPC's negatives are same-event sentences
    with heavy word overlap (the hardest case), and the one-to-one monotone alignment already
    rejects most chance matches.

    ``spun_cosine`` and ``spun_min_share``: the rewritten-copy rule (``ReuseOptions.spun_*``): a
    target is a rewritten copy when at least ``spun_min_share`` of its sentences align by meaning,
    in order, at cosine ≥ ``spun_cosine`` with the source's (and at least ``spun_min_sentences`` of
    them). Chosen by stratified 5-fold cross-validation on the Clough & Stevenson rewrite corpus
    (``scripts/fit_spun.py --encoder``).
    """

    threshold: float
    spun_cosine: float
    spun_min_share: float


ENCODER_PARAMS: dict[str, EncoderParams] = {
    # MRPC: ROC-AUC 0.748; balanced accuracy peaks at 0.684 (cut-off 0.794), within 0.005 of that
    # from 0.75 to 0.80 (reuse/model/PROVENANCE.md). Clough & Stevenson: held-out balanced accuracy
    # 0.926 (with the word gate, ReuseOptions.paraphrase_min_shared_words).
    "minilm": EncoderParams(threshold=0.75, spun_cosine=0.7, spun_min_share=0.3),
    # MRPC: ROC-AUC 0.751; balanced accuracy peaks at 0.680 (cut-off 0.841), within 0.005 of that
    # from 0.835 (reuse/model/PROVENANCE-static.md). Clough & Stevenson: held-out balanced accuracy
    # 0.907 (MiniLM, same folds: 0.926; ROC-AUC of the aligned share at the best cosine, no fitting:
    # 0.969 vs 0.968).
    "static": EncoderParams(threshold=0.835, spun_cosine=0.875, spun_min_share=0.15),
}


def encoder_params(name: str) -> EncoderParams:
    """The fitted cut-offs of the encoder called ``name`` (``ValueError`` for an unknown one)."""
    try:
        return ENCODER_PARAMS[name]
    except KeyError:
        raise ValueError(f"no fitted cut-offs for sentence encoder {name!r}: expected one of "
                         f"{', '.join(ENCODER_PARAMS)}") from None


DEFAULT_THRESHOLD = ENCODER_PARAMS[DEFAULT_ENCODER].threshold
"""The default encoder's paraphrase threshold (see :class:`EncoderParams`)."""

MIN_WORDS = 4
"""Sentences shorter than this ("He declined.", a dateline) are not aligned: short generic
sentences reach high cosines with one another by chance."""

# --- sentence splitting -------------------------------------------------------------------------

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# A full stop, question or exclamation mark (or an ellipsis), then any closing quotes or brackets,
# then whitespace: a candidate boundary, confirmed by the word before it and the word after it.
_CANDIDATE = re.compile(r"(?:\.\.\.|…|[.!?])+[\"'”’»)\]]*(?=\s)")
_CLOSERS = "\"'”’»)]"
_NEXT = re.compile(r"\s+([\"'“‘«(\[]*)(\S*)")

_TITLES = frozenset(
    {
        "Mr", "Mrs", "Ms", "Messrs", "Mmes", "Dr", "Prof", "Gen", "Maj", "Col", "Lt", "Sgt", "Cpl", "Pvt",
        "Spc", "Capt", "Cmdr", "Cmdt", "Adm", "Brig", "Gov", "Sen", "Rep", "Reps", "Sens", "Rev", "Hon",
        "Pres", "Supt", "Insp", "Det", "Fr", "Msgr", "Amb", "Atty", "Gens", "Cols", "Rt", "vs", "v", "cf",
        "approx",
    }
)
"""Abbreviations that never end a sentence: titles stand before a name (matched with a capital
first letter, so "a sales rep." is a word; "MR." counts as "Mr.")."""

_SOMETIMES_FINAL = frozenset(
    {
        "Inc", "Corp", "Co", "Ltd", "Llc", "Plc", "Bros", "Jr", "Sr", "St", "Ave", "Blvd", "Rd", "Ft",
        "Mt", "etc", "al", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
        "Dec", "No", "Nos", "Art", "Fig", "Vol",
    }
)
"""Abbreviations that may end a sentence: a boundary only when a typical sentence opener follows."""

_OPENERS = frozenset(
    {
        "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our",
        "my", "this", "that", "these", "those", "there", "here", "but", "and", "or", "so", "yet", "in",
        "on", "at", "as", "after", "before", "when", "while", "if", "although", "though", "however",
        "meanwhile", "still", "then", "now", "last", "earlier", "later", "for", "from", "by", "with",
        "some", "many", "most", "several", "one", "two", "three", "both", "all", "each", "no", "none",
        "what", "why", "how", "who", "where", "according",
    }
)
"""Words that typically open a sentence; after an ambiguous abbreviation they mark a boundary."""

_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
"""U.S, a.m, U.N: a dotted acronym without its final dot."""
_INITIAL = re.compile(r"[A-Z]")


def _word_before(text: str, start: int, end: int) -> str:
    """The whitespace-delimited token ending at ``end``, without opening quotes or brackets."""
    first = end
    while first > start and not text[first - 1].isspace():
        first -= 1
    return text[first:end].lstrip("\"'“‘«([")


def _is_boundary(text: str, paragraph_start: int, terminator: tuple[int, int], limit: int) -> bool:
    """Whether the terminator ``text[terminator[0]:terminator[1]]`` ends a sentence."""
    begin, stop = terminator
    following = _NEXT.match(text, stop, limit)
    if following is None or not following.group(2):
        return True  # end of the paragraph (or only an opening quote left)
    word = following.group(2)
    if not (word[0].isupper() or word[0].isdigit()):
        return False  # goes on in lower case: "e.g. the", '"Why?" he asked', "5 p.m. on Friday"
    marks = text[begin:stop].rstrip(_CLOSERS)
    if not marks.endswith(".") or marks.endswith(".."):
        return True  # ?, ! and ellipses before a capital end a sentence
    token = _word_before(text, paragraph_start, begin)
    key = token[:1] + token[1:].lower() if token[:1].isupper() else token
    if key in _TITLES:
        return False
    if key in _SOMETIMES_FINAL or _ACRONYM.fullmatch(token) or _INITIAL.fullmatch(token):
        # "U.S. Army", "J. Smith", "Jan. 5", "No. 10", "Acme Inc. said": not a boundary unless a
        # sentence opener follows ("... in the U.S. The ..."); "J. A. Smith": "A." is an initial.
        bare = re.sub(r"\W", "", word).lower()
        return bare in _OPENERS and not _INITIAL.fullmatch(word.rstrip("."))
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` character spans of the sentences of ``text``, in order.

    Paragraphs (separated by blank lines) never share a sentence. Inside a paragraph a sentence ends
    at ``.``, ``!``, ``?`` or an ellipsis, with any closing quotes or brackets (``."``, ``.”``,
    ``?'``), followed by whitespace and a capital, digit or opening quote. A full stop after a title
    (Mr., Maj. Gen.), an initial (J. Smith), a dotted acronym (U.S.) or another abbreviation does not
    end a sentence unless a typical sentence opener follows the acronym or abbreviation. Decimals
    ("1.5") and dots inside tokens never split. Spans exclude surrounding whitespace; text without
    any non-space character gives ``[]``.
    """
    spans: list[tuple[int, int]] = []
    paragraph_start = 0
    breaks = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)] + [(len(text), len(text))]
    for break_start, break_end in breaks:
        _split_paragraph(text, paragraph_start, break_start, spans)
        paragraph_start = break_end
    return spans


def _split_paragraph(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    sentence_start = start
    for match in _CANDIDATE.finditer(text, start, end):
        if _is_boundary(text, start, (match.start(), match.end()), end):
            _add_span(text, sentence_start, match.end(), spans)
            sentence_start = match.end()
    _add_span(text, sentence_start, end, spans)


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


# --- alignment ----------------------------------------------------------------------------------

_EPSILON = 1e-6
"""Added to every allowed pair's gain, so that a pair exactly at the threshold still counts."""


def align_sentences(
    source_vectors: npt.NDArray[np.floating], target_vectors: npt.NDArray[np.floating], *, threshold: float
) -> list[tuple[int, int, float]]:
    """Best monotone one-to-one alignment of two sentence sequences, as ``(source, target, cosine)``.

    Rows of both arrays are unit vectors (dot product = cosine). A pair may be aligned only when its
    cosine is ``>= threshold``; its gain is ``cosine - threshold`` (plus a tiny epsilon), so one
    strong pair outweighs several pairs that barely pass. Skipping a sentence on either side costs
    nothing. The alignment maximises the total gain subject to order: if (i, j) and (k, l) are both
    aligned then i < k exactly when j < l, and no sentence appears twice. Pairs come back in order.
    """
    source = np.asarray(source_vectors, dtype=np.float64)
    target = np.asarray(target_vectors, dtype=np.float64)
    if source.ndim != 2 or target.ndim != 2:
        raise ValueError("sentence vectors must be 2-d arrays (sentences x dimensions)")
    n, m = source.shape[0], target.shape[0]
    if n == 0 or m == 0:
        return []
    if source.shape[1] != target.shape[1]:
        raise ValueError(f"vector sizes differ: {source.shape[1]} vs {target.shape[1]}")
    return align_cosines(source @ target.T, threshold=threshold)


def align_cosines(cosines: npt.NDArray[np.floating], *, threshold: float) -> list[tuple[int, int, float]]:
    """:func:`align_sentences` on a given (source x target) cosine matrix."""
    cosine = np.asarray(cosines, dtype=np.float64)
    if cosine.ndim != 2:
        raise ValueError("cosines must be a 2-d array (source x target sentences)")
    n, m = cosine.shape
    if n == 0 or m == 0:
        return []
    gain = np.where(cosine >= threshold, cosine - threshold + _EPSILON, -np.inf)

    # best[i, j]: best total gain aligning the first i source with the first j target sentences.
    # Row by row: best[i, j] = max(best[i-1, j], best[i, j-1], best[i-1, j-1] + gain[i-1, j-1]);
    # as best[i-1] is non-decreasing along j, the best[i, j-1] term is a running maximum.
    best = np.zeros((n + 1, m + 1), dtype=np.float64)
    for i in range(1, n + 1):
        candidate = np.maximum(best[i - 1, 1:], best[i - 1, :-1] + gain[i - 1])
        best[i, 1:] = np.maximum.accumulate(candidate)

    pairs: list[tuple[int, int, float]] = []
    i, j = n, m
    while i > 0 and j > 0:
        if best[i, j] == best[i - 1, j]:
            i -= 1
        elif best[i, j] == best[i, j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1, float(cosine[i - 1, j - 1])))
            i -= 1
            j -= 1
    pairs.reverse()
    return pairs


# --- passages -----------------------------------------------------------------------------------


def _word_count(text: str, span: tuple[int, int]) -> int:
    return len(re.findall(r"\w+", text[span[0] : span[1]]))


@dataclass(frozen=True, slots=True)
class SentenceIndex:
    """A text's sentences (of at least ``min_words`` words) and their embeddings, computed once."""

    spans: tuple[tuple[int, int], ...]
    vectors: npt.NDArray[np.float32]


def sentence_spans(text: str, *, min_words: int = MIN_WORDS) -> tuple[tuple[int, int], ...]:
    """The sentences :func:`index_sentences` embeds: those of at least ``min_words`` words."""
    return tuple(s for s in split_sentences(text) if _word_count(text, s) >= min_words)


def index_sentences(text: str, encoder: Encoder, *, min_words: int = MIN_WORDS) -> SentenceIndex:
    """The sentences of ``text`` with at least ``min_words`` words, embedded with ``encoder``."""
    spans = sentence_spans(text, min_words=min_words)
    if not spans:
        return SentenceIndex(spans, np.zeros((0, encoder.dimension), dtype=np.float32))
    return SentenceIndex(spans, encoder.encode([text[a:b] for a, b in spans]))


def passages_between(source: SentenceIndex, target: SentenceIndex, *, threshold: float) -> list[Passage]:
    """Paraphrase passages from two indexed texts (see :func:`paraphrase_passages`)."""
    if not source.spans or not target.spans:
        return []
    return passages_from_cosines(source.spans, target.spans, cosine_matrix(source, target), threshold=threshold)


# --- which sentence pairs are worth a cosine --------------------------------------------------------

_GATE_WORD = re.compile(r"\w+(?:['’]\w+)*")
_POSSESSIVE = re.compile(r"'s$")
_GATE_STOP_WORDS = frozenset(
    """about above after again against all also and any are because been before being below between both but
    can could did does doing down during each few for from further had has have having her here hers herself
    him himself his how into its itself just more most myself nor not now off once only other our ours
    ourselves out over own same she should some such than that the their theirs them themselves then there
    these they this those through too under until very was were what when where which while who whom why will
    with would you your yours yourself yourselves says said say told tells according""".split()  # noqa: SIM905
)
"""Function words (and the commonest reporting verbs) that two unrelated sentences share by chance."""


def gate_words(text: str, spans: Sequence[tuple[int, int]]) -> tuple[frozenset[str], ...]:
    """Per sentence of ``text``: its words that can show two sentences say the same thing —
    lower-cased words and numbers of three or more characters, function words left out, a
    possessive's "'s" taken off ("Pelosi's" is "pelosi")."""
    found = []
    for start, end in spans:
        words = (_POSSESSIVE.sub("", w.lower().replace("’", "'")) for w in _GATE_WORD.findall(text, start, end))
        found.append(frozenset(w for w in words if len(w) > 2 and w not in _GATE_STOP_WORDS))
    return tuple(found)


def shared_word_counts(
    first: Sequence[frozenset[str]], second: Sequence[frozenset[str]]
) -> npt.NDArray[np.int32]:
    """(first x second) how many :func:`gate_words` each pair of sentences shares."""
    vocabulary: dict[str, int] = {}
    for words in second:
        for word in words:
            vocabulary.setdefault(word, len(vocabulary))
    right = np.zeros((len(second), len(vocabulary)), dtype=np.float32)
    for row, words in enumerate(second):
        right[row, [vocabulary[w] for w in words]] = 1
    left = np.zeros((len(first), len(vocabulary)), dtype=np.float32)
    for row, words in enumerate(first):
        left[row, [vocabulary[w] for w in words if w in vocabulary]] = 1
    counts: npt.NDArray[np.int32] = np.rint(left @ right.T).astype(np.int32)  # float products: BLAS, exact here
    return counts


def cosine_matrix(source: SentenceIndex, target: SentenceIndex) -> npt.NDArray[np.float64]:
    """(source x target) sentence cosines, computed in float64 as :func:`align_sentences` does."""
    return np.asarray(source.vectors, dtype=np.float64) @ np.asarray(target.vectors, dtype=np.float64).T


def passages_from_cosines(
    source_spans: Sequence[tuple[int, int]],
    target_spans: Sequence[tuple[int, int]],
    cosines: npt.NDArray[np.floating],
    *,
    threshold: float,
) -> list[Passage]:
    """Paraphrase passages from the sentence spans of two texts and their cosine matrix."""
    pairs = align_cosines(cosines, threshold=threshold)
    return [_passage(run, source_spans, target_spans) for run in _runs(pairs)]


def paraphrase_passages(
    source_text: str,
    target_text: str,
    encoder: Encoder,
    *,
    threshold: float | None = None,
    min_words: int = MIN_WORDS,
) -> list[Passage]:
    """Passages of ``target_text`` that restate ``source_text`` sentence by sentence, in order.

    ``threshold`` defaults to the one fitted for ``encoder`` (:data:`ENCODER_PARAMS`). Sentences
    of at least ``min_words`` words are aligned with :func:`align_sentences`; each run
    of pairs consecutive on both sides (among those sentences) becomes one ``paraphrase`` passage
    whose spans run from its first to its last sentence in each text and whose score is the mean
    cosine of its pairs.
    """
    return passages_between(
        index_sentences(source_text, encoder, min_words=min_words),
        index_sentences(target_text, encoder, min_words=min_words),
        threshold=encoder_params(encoder.name).threshold if threshold is None else threshold,
    )


def _runs(pairs: Sequence[tuple[int, int, float]]) -> list[list[tuple[int, int, float]]]:
    runs: list[list[tuple[int, int, float]]] = []
    for pair in pairs:
        if runs and pair[0] == runs[-1][-1][0] + 1 and pair[1] == runs[-1][-1][1] + 1:
            runs[-1].append(pair)
        else:
            runs.append([pair])
    return runs


def _passage(
    run: Sequence[tuple[int, int, float]], source_spans: Sequence[tuple[int, int]], target_spans: Sequence[tuple[int, int]]
) -> Passage:
    return Passage(
        source_span=(source_spans[run[0][0]][0], source_spans[run[-1][0]][1]),
        target_span=(target_spans[run[0][1]][0], target_spans[run[-1][1]][1]),
        kind="paraphrase",
        score=round(sum(c for _, _, c in run) / len(run), 4),
    )

