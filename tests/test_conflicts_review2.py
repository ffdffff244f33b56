"""Conflict rules found on the PAC, BASIL and AllSides piles (rev-h10), each on texts written here."""

from __future__ import annotations

from storytrace.compare.conflicts import person_key_from, speaker_conflicts, wording_changes, wording_conflicts
from storytrace.compare.matching import QuoteItem
from storytrace.models import Quote


def qitem(number: int, article: int, text: str, speaker: str | None = None, title: str | None = None) -> QuoteItem:
    quote = Quote(text=text, span=(0, len(text)), speaker=speaker, speaker_span=None, speaker_title=title, cue="said",
                  direct=True)
    return QuoteItem(id=f"q{number}", article=article, quote=quote)


def test_a_spokesperson_s_words_credited_to_the_person_they_speak_for_are_no_speaker_conflict():
    # one outlet prints the senator's statement as his ("he said in a statement"), the other names the
    # spokeswoman who sent it out: the same statement, not the same words credited to two people
    person = person_key_from({"erik halvorsen": "e1", "halvorsen": "e1", "dana voss": "e2", "tom birch": "e3"})
    words = "This plan is a cynical ploy to stall the vote until after the holidays"
    principal = qitem(1, 1, words, "Erik Halvorsen")
    spokeswoman = qitem(2, 2, words, "Dana Voss", "spokeswoman for Sen. Halvorsen")
    assert speaker_conflicts([principal, spokeswoman], person) == []
    possessive = qitem(3, 2, words, "Dana Voss", "Halvorsen's longtime spokeswoman")
    assert speaker_conflicts([principal, possessive], person) == []
    # and an organisation's lawyer speaks for the organisation
    firm = qitem(4, 1, words, "Birch Holdings")
    lawyer = qitem(5, 2, words, "Tom Birch", "lawyer for Birch Holdings")
    assert speaker_conflicts([firm, lawyer], person) == []
    # someone else's spokeswoman, or a title that names no one she speaks for, still makes the conflict
    other = qitem(6, 2, words, "Dana Voss", "spokeswoman for the governor")
    (conflict,) = speaker_conflicts([principal, other], person)
    assert conflict.kind == "speaker"
    (conflict,) = speaker_conflicts([principal, qitem(7, 3, words, "Tom Birch")], person)
    assert conflict.kind == "speaker"


def test_words_an_editor_put_in_brackets_are_not_a_wording_change():
    # "[the]" is the editor's word where the speaker's was unclear or left out; another outlet prints "the"
    bracketed = qitem(1, 1, "As we have said all along, every one of [the] mayor's decisions was lawful and proper")
    plain = qitem(2, 2, "As we have said all along, every one of the mayor's decisions was lawful and proper")
    assert wording_changes(bracketed, plain) == []
    assert wording_conflicts([bracketed, plain]) == []
    # a bracket that stands for the speaker's pronoun is no change either
    named = qitem(3, 3, "If [the council] doesn't pass this budget in the next two weeks the schools will close")
    pronoun = qitem(4, 4, "If they doesn't pass this budget in the next two weeks the schools will close")
    assert wording_changes(named, pronoun) == []
    # a changed word next to the bracket still counts
    changed = qitem(5, 2, "As we have said all along, every one of the mayor's choices was lawful and proper")
    assert wording_changes(bracketed, changed) == [("decisions", "choices")]


def test_an_ampersand_is_the_word_and():
    # a tweet's "&" printed as "and" by another outlet (and the reverse) is the same word
    tweet = qitem(1, 1, "The new bridge is safe, cheap, & the fastest way across the river, but tolls should stay low "
                        "& fair")
    spelled = qitem(2, 2, "The new bridge is safe, cheap, and the fastest way across the river, but tolls should stay "
                          "low and fair")
    assert wording_changes(tweet, spelled) == []
    assert wording_conflicts([tweet, spelled]) == []
    # a word added next to it still counts, alone
    added = qitem(3, 3, "The new bridge is safe, cheap, and the fastest way across the river, but tolls should always "
                        "stay low and fair")
    assert wording_changes(tweet, added) == [("", "always")]


def test_a_repeated_word_is_matched_where_the_shorter_printing_ends():
    # "all care" against "and care, all crews …": the first printing lost its second "all", it did not
    # gain a "care" before a lone "all" in common
    short = qitem(1, 1, "The rescue goes on with all speed and all care")
    longer = qitem(2, 2, "The rescue goes on with all speed and care, all crews are being sent from across the state")
    assert wording_changes(short, longer) == [("all", "")]
    (conflict,) = wording_conflicts([short, longer])
    assert "“all” left out" in conflict.detail
