"""A speaker span that crosses a quotation's edge is cut at the unpaired mark."""

from __future__ import annotations

import pytest

from storytrace.claims.quotes import _speaker_outside_marks, _unbalanced_marks
from storytrace.models import Quote


@pytest.mark.parametrize(
    ("piece", "loose"),
    [("This is so bad,” one network anchor", [15]), ("the art of saying “no", [18]), ("The “landmark” study", []),
     ('his "Keepin\' It Real" radio show', []), ('">Sanders', [0]), ("plain words", [])],
)
def test_unpaired_marks_are_found(piece: str, loose: list[int]) -> None:
    assert _unbalanced_marks(piece) == loose


def _quote(text: str, speaker: str, speaker_span: tuple[int, int], cue: str) -> Quote:
    at = text.index(cue, speaker_span[1] - 1 if cue != "said" else 0)
    return Quote(text="x", span=(0, 1), speaker=speaker, speaker_span=speaker_span, cue=cue,
                 cue_span=(at, at + len(cue)), direct=False)


def test_a_printed_speaker_across_a_closing_mark_keeps_the_side_toward_the_cue() -> None:
    text = "“This is so bad,” one network anchor told reporters as the debate went on."
    span = (1, text.index(" told"))
    fixed = _speaker_outside_marks(text, _quote(text, text[span[0] : span[1]], span, "told"))
    assert fixed.speaker == "one network anchor"
    assert fixed.speaker_span is not None and text[fixed.speaker_span[0] : fixed.speaker_span[1]] == "one network anchor"


def test_page_markup_before_a_name_is_cut_off() -> None:
    text = 'we rate it Mostly True.">Sanders said that the plan would pass.'
    span = (text.index('">'), text.index(" said"))
    assert _speaker_outside_marks(text, _quote(text, '">Sanders', span, "said")).speaker == "Sanders"


def test_a_clean_resolved_name_keeps_its_name_and_only_its_span_is_cut() -> None:
    text = "“A great day,” said Ed Whelan, who called it a “remarkable record."
    span = (text.index("Ed"), text.index("record"))
    fixed = _speaker_outside_marks(text, _quote(text, "Ed Whelan", span, "said"))
    assert fixed.speaker == "Ed Whelan"
    assert fixed.speaker_span is not None and "“" not in text[fixed.speaker_span[0] : fixed.speaker_span[1]]


def test_a_name_printed_across_a_mark_with_a_clean_span_is_the_spans_part() -> None:
    text = "“This is so bad,” one network anchor told reporters."
    span = (text.index("one"), text.index(" told"))
    quote = _quote(text, "This is so bad,” one network anchor", span, "told")
    assert _speaker_outside_marks(text, quote).speaker == "one network anchor"


def test_a_speaker_holding_a_whole_quotation_stays() -> None:
    text = "The “landmark” study found that the plan works."
    span = (0, text.index(" found"))
    quote = _quote(text, "The “landmark” study", span, "found")
    assert _speaker_outside_marks(text, quote) == quote
