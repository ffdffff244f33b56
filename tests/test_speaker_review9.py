"""Quotes, a ninth review: channels cut to the addressee's own name, and "remind … of" / "offer someone
something" read as no speech (docs/claims.md). The texts are written for these tests."""

from __future__ import annotations

from storytrace.claims.quotes import extract_quotes


def _triples(text: str) -> list[tuple[str | None, str | None, str | None]]:
    return [(q.speaker, q.cue, q.channel) for q in extract_quotes(text)]


def test_a_channel_is_the_addressee_not_the_compounds_of_its_modifiers():
    # the compounds of "snowy Windham, New Hampshire" had been run into it: "crowd snowy New"
    text = "Kasich is telling a packed crowd in snowy Windham, New Hampshire, that he has few memories of 1999."
    assert _triples(text) == [("Kasich", "is telling", "crowd")]


def test_a_hyphenated_paper_keeps_its_whole_name():
    text = "Christine Todd Whitman told The Star-Ledger of Newark last week she would rather vote for Clinton."
    assert _triples(text) == [("Christine Todd Whitman", "told", "The Star-Ledger")]


def test_a_compound_name_before_the_addressee_is_kept():
    assert _triples("“We will win,” Smith told the Fox News crew on Monday.") == [("Smith", "told", "Fox News crew")]


def test_reminding_of_a_likeness_is_no_speech():
    assert extract_quotes("Meanwhile, John Kasich reminds us of the houseguest who won't leave.") == []
    # reminding someone that something is the case stays a report
    assert _triples("Kasich reminded reporters that the deficit matters.") == [("Kasich", "reminded", None)]


def test_offering_someone_something_is_no_speech():
    text = "Kasich jokingly offered the man a job as Secretary of Defense, then said he would welcome advice."
    assert [(q.speaker, q.cue, q.text) for q in extract_quotes(text)] == [
        ("Kasich", "said", "he would welcome advice")]


def test_quotations_joined_by_and_share_their_speaker():
    # the higher cue ("wrote an open letter …") gives the quotations to "saying", which took one of them
    text = ("Elizabeth Lauten, a spokeswoman for a congressman, wrote an open letter to Sasha and Malia Obama on "
            "her Facebook page, saying they should “try showing a little class” and “dress like you deserve "
            "respect, not a spot at a bar.”\n")
    direct = [(q.text, q.speaker) for q in extract_quotes(text) if q.direct]
    assert direct == [("try showing a little class", "Elizabeth Lauten"),
                      ("dress like you deserve respect, not a spot at a bar.", "Elizabeth Lauten")]


def test_a_quotation_joined_by_more_than_a_conjunction_keeps_no_borrowed_speaker():
    from storytrace.claims.quotes import _coordinated_quotations
    from storytrace.models import Quote

    text = "Posters read “No more war” in the hall, and “We want peace,” Ms. Lee said. “Or else,” and “Go home.”"

    def quote(words: str, speaker: str | None) -> Quote:
        start = text.index(words)
        cue = (text.index("said"), text.index("said") + 4) if speaker else None
        return Quote(text=words, span=(start, start + len(words)), speaker=speaker, speaker_span=None,
                     cue="said" if speaker else None, cue_span=cue, direct=True)

    quotes = [quote("No more war", None), quote("We want peace,", "Ms. Lee"), quote("Or else,", None),
              quote("Go home.", None)]
    out = _coordinated_quotations(text, quotes)
    assert [q.speaker for q in out] == [None, "Ms. Lee", None, None]  # (a sentence apart, or no speaker at all)
    text = text.replace("” in the hall, and “", "” and “")
    joined = [quote("No more war", None), quote("We want peace,", "Ms. Lee")]
    assert [q.speaker for q in _coordinated_quotations(text, joined)] == ["Ms. Lee", "Ms. Lee"]
