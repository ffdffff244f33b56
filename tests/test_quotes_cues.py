"""Cues that report no speech: the tagger, trained on PolNeAR, also tags "is backtracking on", "is
projected", "has been known", "was accused of", "appears to be" — nobody said anything there."""

from __future__ import annotations

import pytest

from storytrace.claims.quotes import extract_quotes


@pytest.mark.parametrize(
    "text",
    [
        "Spotify is backtracking on its new policy of not promoting artists with histories of “hateful conduct,” after "
        "criticism from labels.",
        "The feed amino acids market is projected to grow at a rate of 4.4% a year to reach $6.66 billion by 2022.",
        "Kelly was later accused of child pornography after a videotape surfaced in 2002.",
        "The European Union appears to be unable to curb migration flows across the Mediterranean.",
        "Memory foam has been known to improve the quality of sleep for people with back pain.",
        "This process was called an initiative if the change originated with citizens.",
    ],
    ids=["backtracking", "projected", "accused-of", "appears-to-be", "has-been-known", "was-called"],
)
def test_a_cue_that_reports_no_speech_gives_no_quote(text):
    # (a term in quotation marks may stay, as a quotation nobody is credited with)
    assert [(q.cue, q.speaker) for q in extract_quotes(text) if q.cue or q.speaker] == []


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("In a speech on Monday, Trump appeared to suggest that veterans who suffer from PTSD are not as strong "
         "as others.", "appeared to suggest"),
        ("The losing side in the appeals court ruling could be expected to take the case to the Supreme Court.",
         "could be expected"),
        ("The FBI officials appeared at first to be deceptive with the group by claiming they could not locate "
         "any records.", "claiming"),
    ],
    ids=["appeared-to-suggest", "is-expected-as-polnear-marks-it", "a-speech-verb-in-the-cue"],
)
def test_seeming_to_say_and_expectations_stay(text, cue):
    assert cue in [q.cue for q in extract_quotes(text)]
