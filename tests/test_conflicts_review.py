"""Conflict rules found on real piles (rev-h1), each on texts written here."""

from __future__ import annotations

from storytrace.compare.conflicts import person_key_from, speaker_conflicts, wording_changes, wording_conflicts
from storytrace.compare.matching import QuoteItem
from storytrace.models import Quote


def qitem(number: int, article: int, text: str, speaker: str | None = None) -> QuoteItem:
    quote = Quote(text=text, span=(0, len(text)), speaker=speaker, speaker_span=None, cue="said", direct=True)
    return QuoteItem(id=f"q{number}", article=article, quote=quote)


def test_a_british_spelling_is_not_a_wording_change():
    # a British outlet reprints an American statement in its own spelling: the same words
    american = qitem(1, 1, "Streaming platforms that promote abusers normalize violence and honor the wrong people "
                           "at the center of the scene")
    british = qitem(2, 2, "Streaming platforms that promote abusers normalise violence and honour the wrong people "
                          "at the centre of the scene")
    assert wording_conflicts([american, british]) == []
    # a changed word still counts, and a spelling rule never makes two words one ("four" / "for")
    changed = qitem(3, 3, "Streaming platforms that promote abusers excuse violence and honour the wrong people "
                          "at the centre of the scene")
    (conflict,) = wording_conflicts([american, changed])
    assert "“normalize” → “excuse”" in conflict.detail
    counted = qitem(4, 1, "We waited four hours at the gate before anyone told us anything at all")
    other = qitem(5, 2, "We waited for hours at the gate before anyone told us anything at all")
    (conflict,) = wording_conflicts([counted, other])
    assert "“four” → “for”" in conflict.detail


def test_a_lone_word_in_common_past_where_two_printings_part_is_not_a_change():
    # the two printings share "we have won before" and "do it again", then go separate ways; their "that"
    # at the end is a coincidence, not the place where "this is so much bigger" became "by making"
    first = qitem(1, 1, "We have won before and we'll do it again. This is so much bigger that politics")
    second = qitem(2, 2, "We have won before. We will do it again by making that difference")
    assert wording_changes(first, second) == [("and we'll", "We will")]
    # the same at the start: a lone "a" far back in the longer printing
    longer = qitem(3, 3, "That study had no role in a decision. These claims are an unfortunate attempt to derail "
                         "the court's review of this case")
    shorter = qitem(4, 4, "a attempt to derail the court's review of this case")
    assert wording_changes(longer, shorter) == []
    # a lone word where both printings end (or start) still closes the stretch: a changed word before it counts
    ends = qitem(5, 5, "We have won before and the economy is strong now")
    other_end = qitem(6, 6, "We have won before and the economy is weak now")
    assert wording_changes(ends, other_end) == [("strong", "weak")]
