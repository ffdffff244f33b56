"""A cue is the verb of saying, not the where, when or how after it (SAYING_ADJUNCTS)."""

from __future__ import annotations

import pytest

from storytrace.claims.quotes import _cut_cue, extract_quotes


def _cues(text: str) -> list[str | None]:
    return [q.cue for q in extract_quotes(text)]


@pytest.mark.parametrize("text, cue", [
    ("“We are confident this is the right choice,” Governor Alvarez said at a late-morning press conference.",
     "said"),
    ("Senator Okafor said Monday afternoon on the Senate floor that the bill would pass within a week.", "said"),
    ("Mr. Varga said following a vote in 2001 that he had “very serious concerns” about the law.", "said"),
    ("“You know what I mean,” he said with a wry smile.", "said"),
    ("Ms. Lindqvist said through a spokesman that the plan would not go ahead.", "said"),
])
def test_where_and_how_it_was_said_is_no_part_of_the_cue(text, cue):
    cues = _cues(text)
    assert cues and set(cues) == {cue}


@pytest.mark.parametrize("cue", [
    "said of some Democrats",  # "of": the person spoken of, no adjunct
    "said four years ago about",  # "about" introduces the content
    "pointed to",
    "remarked on",  # nothing after the particle
    "said at a recent news conference announcing",  # the participle introduces the content
])
def test_particles_and_the_content_s_own_verb_stay(cue):
    assert _cut_cue(cue)[0] == cue
