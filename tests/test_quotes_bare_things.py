"""A reported content that is only a noun phrase naming a thing is no statement (BARE_THINGS)."""

from __future__ import annotations

import pytest

from storytrace.claims.quotes import extract_quotes


def _reported(text: str) -> list[tuple[str | None, str]]:
    return [(q.cue, q.text) for q in extract_quotes(text) if not q.direct]


@pytest.mark.parametrize("text, topic", [
    ("In a 2015 essay, the historian wrote about the war.", "the war"),
    ("Ms. Patel spoke at length about the budget.", "the budget"),
    # the parser hangs "about" on the noun here, not the noun on "about"
    ("Mr. Diaz was calling really about another legal matter.", "another legal matter"),
])
def test_a_short_topic_after_a_preposition_is_no_statement(text, topic):
    assert topic not in [content for _, content in _reported(text)]


@pytest.mark.parametrize("text, subject", [
    ("That view is shared by many economists.", "That view"),
    ("As this number is only expected to grow, the county will hire more staff.", "As this number"),
])
def test_the_subject_of_a_predicate_is_no_statement(text, subject):
    assert subject not in [content for _, content in _reported(text)]


@pytest.mark.parametrize("text, cue, content", [
    ("Ms. Lee says Congress wins either way.", "says", "Congress wins either way"),
    ("Jones called it unfair.", "called", "it unfair"),
    ("The union threatened to boycott the service.", "threatened", "to boycott the service"),
    ("He thought about leaving his family.", "thought about", "leaving his family"),
])
def test_a_short_statement_belief_or_intention_stays(text, cue, content):
    assert (cue, content) in _reported(text)


def test_a_topic_sentence_reported_whole_stays():
    text = "The lawyer said the call was really about another legal matter."
    assert ("said", "the call was really about another legal matter") in _reported(text)
