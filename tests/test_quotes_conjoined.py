"""A reported content ends before ", and/but" + a conjoined clause that is a report of its own, with
its own subject ("…, and the opposition called the plan a betrayal"); that clause's content is its
own subject's, not the first speaker's. A conjoined clause that goes on with what was said stays."""

from __future__ import annotations

import pytest

from storytrace.claims.quotes import extract_quotes


def _reported(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotes(text) if not q.direct]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The mayor said the bridge would reopen in March, and the council called the delay unacceptable.",
         "the bridge would reopen in March"),
        ("The coach said the team would play on Sunday, but the league said the match was off.",
         "the team would play on Sunday"),
    ],
    ids=["and-called", "but-said"],
)
def test_a_content_stops_before_a_conjoined_report(text, content):
    assert content in [t for t, _ in _reported(text)]
    assert not any("," in t and content in t for t, _ in _reported(text))


def test_the_second_report_is_its_own_subjects():
    text = ("The offensive continued Tuesday, as leading participants acknowledged the fighting could take months, "
            "and aid organizations issued dire warnings of the impact on the civilians living in the city.")
    found = _reported(text)
    assert ("the fighting could take months", "leading participants") in found
    assert [speaker for t, speaker in found if t.startswith("dire warnings")] == ["aid organizations"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The minister said the economy is growing and unemployment is falling.",
         "the economy is growing and unemployment is falling"),
        ("The minister said the economy is growing, and unemployment is falling.",
         "the economy is growing, and unemployment is falling"),
        ("Democrats complained that the governor agreed to extend the tax cuts for the wealthy, and that he agreed to "
         "lower the estate tax.",
         "that the governor agreed to extend the tax cuts for the wealthy, and that he agreed to lower the estate tax"),
    ],
    ids=["no-comma", "comma-no-cue", "and-that"],
)
def test_a_conjoined_clause_that_goes_on_with_the_report_stays(text, content):
    assert content in [t for t, _ in _reported(text)]

