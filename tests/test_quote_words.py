"""quote_words: the remembered words claim matching reads, the same as the tokens' (no ellipses)."""

from __future__ import annotations

import pytest

from storytrace.compare.matching import quote_tokens, quote_words


@pytest.mark.parametrize(
    "text",
    ["We will win … and [the army] will stay", "Safe, effective, & our best defense...", "Pelosi’s “plan”",
     "", "[Daesh]", "Ça va? Très bien — merci"],
)
def test_quote_words_are_the_tokens_without_ellipses(text: str) -> None:
    assert quote_words(text) == tuple(t.norm for t in quote_tokens(text) if t.norm != "…")


def test_quote_tokens_gives_a_fresh_list_each_time() -> None:
    first = quote_tokens("one two three")
    first.clear()
    assert [t.norm for t in quote_tokens("one two three")] == ["one", "two", "three"]
