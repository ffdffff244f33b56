"""A speaker is never a word of somebody's quoted words (quotes.SPEAKERS_OUTSIDE_QUOTATIONS)."""

from __future__ import annotations

import pytest

import storytrace.claims.quotes as quotes_module
from storytrace.claims.quotes import extract_quotes

TRUMP = ("The arrest operation drew scrutiny on social media, even from President Donald Trump, who said “Border "
         "Coyotes, Drug Dealers and Human Traffickers are treated better,” and questioned “who alerted CNN to be there?”")


def _speakers(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in extract_quotes(text)}


def test_a_second_quotation_of_joined_cues_is_the_first_ones_speakers() -> None:
    speakers = _speakers(TRUMP)
    assert speakers["who alerted CNN to be there?"] == "Donald Trump"
    assert speakers["Border Coyotes, Drug Dealers and Human Traffickers are treated better"] == "Donald Trump"


def test_without_the_rule_a_word_of_the_quotation_was_the_speaker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quotes_module, "SPEAKERS_OUTSIDE_QUOTATIONS", False)
    assert _speakers(TRUMP)["who alerted CNN to be there?"] == "Human Traffickers"


def test_a_speaker_inside_another_quotation_is_dropped_not_guessed() -> None:
    text = ("At the agency, where Ann Talley works for a branch that handles emergencies abroad, “we have staff "
            "around the world responding.”\n\nThe mayor left.")
    for quote in extract_quotes(text):
        assert quote.speaker is None or "staff" not in quote.speaker, quote


def test_a_speaker_between_two_quotations_stays() -> None:
    text = ("“This ad highlights the doubts of many voters,” the coalition’s director, Matt Brooks, said in a "
            "statement. “These ads give voice to those doubts.”")
    assert set(_speakers(text).values()) == {"Matt Brooks"}
