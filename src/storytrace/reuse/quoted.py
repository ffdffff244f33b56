"""Which words of an article are quotation rather than the writer's own: a pair is only called
derived on the copy's own words (two outlets quoting one statement share it without one copying
the other).

Three kinds, all counted as quotation:

1. words inside quotation marks;
2. the reporting clause of a direct quotation: in a sentence that quotes somebody directly — the
   quotation set off by punctuation (“…,” Ek said / Ek said: “…”) — and holds a reporting verb
   outside the marks, the words outside are the quotation's frame ("Daniel Ek said at the Code
   Conference on Wednesday in Rancho Palos Verdes, California"): two outlets reporting one remark
   both say who said it, where and when;
3. a statement the source prints bare (a block quote: "It reads, in part:" and the statement's
   paragraph) and the target quotes: a source paragraph without quotation marks into which a
   passage's worth of the target's quoted words align is quotation, and so is every target word
   aligned into it (the target's indirect speech of the statement, "the company said");
4. the words a source quotes, where the target prints them outside quotation marks in a passage
   it quotes part of: its indirect speech around a partial quote ("saying that the governor
   believes vaccines are … there is “no question” …"), or a quotation whose closing mark the page
   lost: the words are the speaker's, and a second outlet that has them from the speaker did not
   take them from the source.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from ..claims.quotes import QuoteMark, reporting_verbs
from ..models import Passage
from .paraphrase import split_sentences
from .tokens import Tokens

__all__ = ["echoed_words", "paragraph_spans", "quote_frames", "quoted_words", "statement_words", "words_in_span"]

_DIRECT_CLOSE = re.compile(r"[,.!?…:;—–-]\s*$")
"""A quotation ending in punctuation inside its marks is a whole utterance (“…,” he said)."""
_DIRECT_OPEN = re.compile(r"[,:]\s*$")
"""…and so is one opened after a comma or colon (he said, “…” / he said: “…”)."""


def words_in_span(tokens: Tokens, start: int, end: int) -> range:
    """The word positions of ``tokens`` inside ``[start, end)`` characters."""
    return range(bisect.bisect_left(tokens.starts, start), bisect.bisect_left(tokens.starts, end))


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of the paragraphs of a clean text (separated by blank lines)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text)]


def quoted_words(tokens: Tokens, marks: Sequence[QuoteMark]) -> set[int]:
    """The word positions inside quotation marks."""
    inside: set[int] = set()
    for mark in marks:
        inside.update(words_in_span(tokens, mark.start, mark.end))
    return inside


def _is_direct(text: str, mark: QuoteMark) -> bool:
    """Whether a quotation is set off as a whole utterance rather than woven into the sentence
    (a partial quote: promoting artists “in the rare cases of …”)."""
    return bool(_DIRECT_CLOSE.search(text[mark.start : mark.end]) or _DIRECT_OPEN.search(text[: max(0, mark.start - 1)]))


def quote_frames(text: str, tokens: Tokens, marks: Sequence[QuoteMark]) -> set[int]:
    """The word positions of the reporting clauses of direct quotations (kind 2 above)."""
    inside = quoted_words(tokens, marks)
    verbs = reporting_verbs()
    frames: set[int] = set()
    for start, end in split_sentences(text):
        sentence_marks = [m for m in marks if start <= m.start < end]
        if not any(_is_direct(text, m) for m in sentence_marks):
            continue
        outside = [i for i in words_in_span(tokens, start, end) if i not in inside]
        if any(tokens.words[i] in verbs for i in outside):
            frames.update(outside)
    return frames


def _word_map(passages: Sequence[Passage], source_tokens: Tokens, target_tokens: Tokens) -> list[tuple[int, int]]:
    """(target word, source word) of ``passages`` (source → target); inside one passage, target
    words map to source words proportionally."""
    pairs: list[tuple[int, int]] = []
    for passage in passages:
        source_words = words_in_span(source_tokens, *passage.source_span)
        target_words = words_in_span(target_tokens, *passage.target_span)
        if not source_words or not target_words:
            continue
        for offset, target_word in enumerate(target_words):
            pairs.append((target_word, source_words[offset * len(source_words) // len(target_words)]))
    return pairs


def echoed_words(
    passages: Sequence[Passage], *, source_tokens: Tokens, target_tokens: Tokens, source_quoted: set[int],
    target_quoted: set[int],
) -> set[int]:
    """The target's word positions outside its quotation marks that align into words the source
    has inside quotation marks (kind 4 above), in passages where the target quotes some of the
    words itself (a partial quote inside its indirect speech, a quotation whose closing mark is
    lost): the speaker's words, not the source's. Indirect speech without any marks stays the
    target's own: a newspaper retelling a wire's court quotes in reported speech took them from
    the wire (METER)."""
    found: set[int] = set()
    for passage in passages:
        pairs = _word_map([passage], source_tokens, target_tokens)
        if any(target_word in target_quoted for target_word, _ in pairs):
            found.update(target_word for target_word, source_word in pairs
                         if source_word in source_quoted and target_word not in target_quoted)
    return found


def statement_words(
    passages: Sequence[Passage],
    *,
    source_tokens: Tokens,
    target_tokens: Tokens,
    source_quoted: set[int],
    target_quoted: set[int],
    source_text: str,
    min_words: int,
) -> set[int]:
    """The target's word positions aligned into source paragraphs that print bare a statement the
    target quotes (kind 3 above). ``passages`` run source → target; inside one, target words are
    mapped to source words proportionally. A source paragraph prints a statement bare when it has
    no quotation marks of its own and at least ``min_words`` (a passage's worth) of the target's
    quoted words map into it."""
    bare_paragraphs = [
        span for span in paragraph_spans(source_text)
        if not any(i in source_quoted for i in words_in_span(source_tokens, *span))
    ]
    if not bare_paragraphs:
        return set()
    starts = [start for start, _ in bare_paragraphs]
    mapped: dict[int, set[int]] = {}  # bare paragraph (by number) → target words mapped into it
    for target_word, source_word in _word_map(passages, source_tokens, target_tokens):
        number = bisect.bisect_right(starts, source_tokens.starts[source_word]) - 1
        if number >= 0 and source_tokens.starts[source_word] < bare_paragraphs[number][1]:
            mapped.setdefault(number, set()).add(target_word)
    found: set[int] = set()
    for words in mapped.values():
        if len(words & target_quoted) >= min_words:
            found |= words
    return found
