"""Who said what, read the way a fact-checker reads it: a reported "statement" needs somebody who
made it. Invented sentences modelled on errors seen in the Spotify, census and FakeNewsCorpus piles."""

from __future__ import annotations

import pytest

from storytrace.claims.quotes import extract_quotes


def _reported(text: str) -> list[tuple[str | None, str | None, str]]:
    return [(q.speaker, q.cue, q.text) for q in extract_quotes(text) if not q.direct]


@pytest.mark.parametrize(
    "text",
    [
        "The singer, who had a top ten hit with \"Blue Monday\" and saw his second album reach No. 1 this month, "
        "is awaiting trial on charges that he assaulted a neighbour.",
        "The fiddler, who has played at the fair since 1990, was arrested in May on charges that he stole a van "
        "from the county garage.",
    ],
    ids=["relative-clause", "charges-that"],
)
def test_a_reported_content_with_neither_cue_nor_source_is_no_quote(text):
    assert [(s, c, t) for s, c, t in _reported(text) if s is None and c is None] == []
