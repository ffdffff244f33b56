"""Quote marks and attributions: the hard cases."""

from __future__ import annotations

import pytest

from storytrace.claims.quotes import extract_quotes, find_quote_marks


def _quoted(text: str) -> list[str]:
    return [text[m.start : m.end] for m in find_quote_marks(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we will win” and left.", ["we will win"]),
        ('He said "we will win" and left.', ["we will win"]),
        ("Il a dit « nous gagnerons » hier.", [" nous gagnerons "]),
        ("“Outer ‘inner words here’ outer,” she said.", ["Outer ‘inner words here’ outer,"]),
    ],
    ids=["curly", "straight", "guillemets", "nested-single"],
)
def test_quote_marks(text, expected):
    assert _quoted(text) == expected


def test_multi_paragraph_quote_without_closing_mark_continues():
    text = ("“The first paragraph of the statement goes on\n\n"
            "“and the second paragraph ends it,” the minister said.\n\nThe next paragraph is plain.")
    quoted = _quoted(text)
    assert len(quoted) == 1
    assert quoted[0].startswith("The first paragraph") and quoted[0].endswith("ends it,")


def test_unbalanced_mark_stops_at_its_paragraph():
    text = "He said “this never closes.\n\nThis paragraph is plain text and must not be swallowed."
    quoted = _quoted(text)
    assert quoted == ["this never closes."]


@pytest.mark.parametrize("text", ["", "“", '"""', "“”", "\n\n“\n\n"], ids=["empty", "lone", "triple", "empty-pair", "lone-para"])
def test_odd_marks_never_crash(text):
    find_quote_marks(text)
    extract_quotes(text)


def test_direct_quote_with_postposed_cue_and_surname():
    text = ("Russian foreign minister Sergey Lavrov noted that the Pentagon has many advisers in the region.\n\n"
            "“Well, 5,000 advisers is a large number,” Lavrov added.")
    quotes = [q for q in extract_quotes(text) if q.direct]
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote.text == "Well, 5,000 advisers is a large number"
    assert text[slice(*quote.span)] == quote.text
    assert quote.speaker == "Sergey Lavrov" and quote.cue == "added"


def test_title_is_kept_apart_and_channel_is_found():
    text = "Maj. Gen. Gary Volesky told reporters on Wednesday that the fighters had left the city."
    quote = extract_quotes(text)[0]
    assert quote.speaker == "Gary Volesky"
    assert quote.speaker_title == "Maj. Gen."
    assert quote.channel == "reporters"
    assert quote.text == "that the fighters had left the city" and not quote.direct


def test_according_to():
    text = "The real goal is to flood the region with fighters, according to the strategists."
    quote = extract_quotes(text)[0]
    assert quote.cue == "according to"
    assert quote.speaker_span is not None and text[slice(*quote.speaker_span)] == "the strategists"
    assert quote.text.startswith("The real goal")


def test_pronoun_resolves_to_the_last_speaker():
    text = ("Robert Fisk, a foreign correspondent, warned that the war could spread.\n\n"
            "“The real purpose is to push the fighters west,” he wrote.")
    quote = next(q for q in extract_quotes(text) if q.direct)
    assert quote.speaker == "Robert Fisk"
