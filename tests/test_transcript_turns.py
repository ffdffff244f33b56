"""Transcripts: a labelled speaker is named in full when the article names the person, and "I" in a
paragraph without a label belongs to whoever holds the turn."""

from __future__ import annotations

from storytrace.claims.quotes import extract_quotes

INTERVIEW = """Harbor engineer explains the bridge closure

This is CITY DESK. I'm Maria Chen. My guest today is Tomas Okafor, the chief engineer of the Harbor Bridge, which was closed on Monday.

CHEN: Tell us what your inspectors found on Monday.

OKAFOR: They found a crack in a steel girder near the north tower. It was about a meter long.

And I think the girder will have to be replaced before the bridge can reopen to trucks.

CHEN: How long will that take?

OKAFOR: I would say six weeks at the very least.

I know commuters are angry, and they have every right to be.

But as you said, Maria, the city has no other way across the harbor for trucks.

CHEN: Tomas Okafor, thank you for joining us.
"""


def _speakers_of(text: str, needle: str) -> list[str | None]:
    return [q.speaker for q in extract_quotes(text) if needle in q.text]


def test_labelled_speakers_are_named_in_full() -> None:
    quotes = extract_quotes(INTERVIEW)
    labelled = {q.speaker for q in quotes if q.cue == ":"}
    assert labelled <= {"Maria Chen", "Tomas Okafor"} and "Tomas Okafor" in labelled
    assert not {q.speaker for q in quotes} & {"Okafor", "OKAFOR", "Chen", "CHEN"}


def test_i_in_a_paragraph_without_a_label_is_the_speaker_whose_turn_it_is() -> None:
    assert _speakers_of(INTERVIEW, "girder will have to be replaced") == ["Tomas Okafor"]
    assert _speakers_of(INTERVIEW, "commuters are angry") == ["Tomas Okafor"]


def test_you_in_a_paragraph_without_a_label_is_the_other_speaker() -> None:
    assert _speakers_of(INTERVIEW, "no other way across the harbor") == ["Maria Chen"]


def test_a_full_label_names_the_later_short_ones() -> None:
    text = INTERVIEW.replace("My guest today is Tomas Okafor, the chief engineer", "My guest today is the chief engineer")
    text = text.replace("Tomas Okafor, thank you", "Thank you").replace(
        "OKAFOR: They found", "TOMAS OKAFOR: They found")
    quotes = extract_quotes(text)
    assert "Tomas Okafor" in {q.speaker for q in quotes if q.cue == ":"}
    assert _speakers_of(text, "commuters are angry") == ["Tomas Okafor"]


def test_one_label_is_no_transcript() -> None:
    # a single "LONDON:"-style label line does not make the article a transcript
    text = "Storm hits the coast\n\nLONDON: A storm hit the coast on Monday.\n\nI think it will pass soon, the forecaster said."
    assert "London" not in _speakers_of(text, "pass soon")
