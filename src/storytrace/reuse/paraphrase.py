"""Paraphrase layer: rewritten ("spun") passages found by sentence meaning rather than shared words.

Both texts are split into sentences (:func:`split_sentences`), every sentence is embedded
(:class:`~storytrace.reuse.embed.SentenceEncoder`), and the two sentence sequences are aligned
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

if TYPE_CHECKING:
    from .embed import SentenceEncoder

__all__ = ["DEFAULT_THRESHOLD", "MIN_WORDS", "align_sentences", "paraphrase_passages", "split_sentences"]

DEFAULT_THRESHOLD = 0.75
"""Cosine from which two sentences count as the same statement.

Measured on the shared MRPC half only (4,076 news sentence pairs, 68 % paraphrases; shipped int8
model, see ``reuse/model/PROVENANCE.md``): ROC-AUC 0.748; balanced accuracy peaks at 0.684 (cut-off
0.794) and stays within 0.005 of that from 0.75 to 0.80 (at 0.75: precision 0.795, recall 0.774,
accuracy 0.712; at 0.80: 0.825 / 0.646 / 0.668). Best plain accuracy sits lower (0.645), but only
because MRPC is two-thirds paraphrases, while between two articles almost every sentence pair is
not one; balanced accuracy ignores that prior. Within the plateau we take its low end, 0.75, for
recall: MRPC's negatives are same-event sentences with heavy word overlap (the hardest case), and the
one-to-one monotone alignment already rejects most chance matches."""

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
    cosine = source @ target.T
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


def index_sentences(text: str, encoder: SentenceEncoder, *, min_words: int = MIN_WORDS) -> SentenceIndex:
    spans = tuple(s for s in split_sentences(text) if _word_count(text, s) >= min_words)
    vectors = encoder.encode([text[a:b] for a, b in spans]) if spans else np.zeros((0, 384), dtype=np.float32)
    return SentenceIndex(spans, vectors)


def passages_between(source: SentenceIndex, target: SentenceIndex, *, threshold: float = DEFAULT_THRESHOLD) -> list[Passage]:
    """Paraphrase passages from two indexed texts (see :func:`paraphrase_passages`)."""
    if not source.spans or not target.spans:
        return []
    pairs = align_sentences(source.vectors, target.vectors, threshold=threshold)
    return [_passage(run, source.spans, target.spans) for run in _runs(pairs)]


def paraphrase_passages(
    source_text: str,
    target_text: str,
    encoder: SentenceEncoder,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    min_words: int = MIN_WORDS,
) -> list[Passage]:
    """Passages of ``target_text`` that restate ``source_text`` sentence by sentence, in order.

    Sentences of at least ``min_words`` words are aligned with :func:`align_sentences`; each run
    of pairs consecutive on both sides (among those sentences) becomes one ``paraphrase`` passage
    whose spans run from its first to its last sentence in each text and whose score is the mean
    cosine of its pairs.
    """
    return passages_between(
        index_sentences(source_text, encoder, min_words=min_words),
        index_sentences(target_text, encoder, min_words=min_words),
        threshold=threshold,
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
