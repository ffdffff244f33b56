"""Who said what and by which cue, an eighth careful reader's review (the census and Spotify event piles,
the FakeNewsCorpus sample): a cue run on into a time, a document or a colon, a quotation taken by a
cue above the one that governs it, "add" with an object read as speech, and an emoji glued to a
speaker. Invented sentences modelled on those errors."""

from __future__ import annotations

from storytrace.claims.quotes import extract_quotes
from storytrace.models import Quote


def _quotes(text: str, words: str) -> list[Quote]:
    """The quotes whose text holds ``words``."""
    return [q for q in extract_quotes(text) if words in q.text]


def test_a_quotation_goes_to_the_cue_below_that_governs_it():
    text = (
        "They point to a newly disclosed 2015 study written by Dr. Ann Kessler, a Republican redistricting "
        "expert, who wrote that using \"citizen voting age\" population as the base would be \"advantageous "
        "to Republicans and rural voters.\""
    )
    quotes = [q for q in _quotes(text, "advantageous to Republicans") if q.direct]
    assert quotes and all(q.speaker == "Ann Kessler" and q.cue == "wrote" for q in quotes)


def test_a_cue_below_with_a_thing_for_subject_takes_no_quotation():
    text = "Abe, Trump said after the meeting has agreed \u201cto purchase massive amounts of military equipment\u201d soon."
    quotes = [q for q in _quotes(text, "massive amounts") if q.direct]
    assert quotes and all(q.speaker != "the meeting" for q in quotes)


def test_adding_a_thing_is_no_cue():
    text = (
        "The consultant had long advocated adding the question on the ground it would give an advantage to "
        "\u201clandlords and developers.\u201d"
    )
    assert not [q for q in extract_quotes(text) if q.cue and "adding" in q.cue]


def test_an_added_quotation_keeps_its_cue():
    quotes = _quotes("\u201cWe will appeal the ruling,\u201d she added.", "We will appeal")
    assert quotes and quotes[0].cue == "added"


def test_a_cue_leaves_the_time_and_colon_after_it():
    text = "A harbor spokesperson said Thursday night: \"The pier will reopen in June.\""
    quotes = _quotes(text, "The pier will reopen")
    assert quotes and all(q.cue == "said" for q in quotes)
    cue_span = quotes[0].cue_span
    assert cue_span is not None and text[cue_span[0] : cue_span[1]] == "said"


def test_a_document_the_words_were_said_in_is_the_channel_not_the_cue():
    quotes = _quotes("Neuman said in the deposition that Kessler had told him it would help the party.", "Kessler had told")
    assert quotes and quotes[0].cue == "said" and quotes[0].channel == "deposition"


def test_a_document_written_is_the_channel():
    text = (
        "Justice Mara Lind agreed with that decision but wrote a separate opinion that \"leaves states free "
        "to choose.\""
    )
    quotes = _quotes(text, "leaves states free")
    assert quotes and quotes[0].cue == "wrote" and quotes[0].channel == "separate opinion"


def test_a_documents_participle_is_the_cue():
    quotes = _quotes("The tenants filed a letter explaining that the landlord had ignored repairs for years.", "ignored")
    assert quotes and quotes[0].cue == "explaining" and quotes[0].channel == "letter"
    assert quotes[0].speaker == "The tenants"


def test_an_emoji_is_no_part_of_a_speaker():
    text = (
        "From a reporter:\n\n\U0001f6a8\U0001f6a8New docs show that the architect of the plan was behind the push for "
        "the question, said it \"would clearly be a disadvantage to the Democrats.\""
    )
    speakers = {q.speaker for q in extract_quotes(text) if q.speaker}
    assert speakers and all(s[0].isalnum() for s in speakers)


def test_they_is_the_plural_subject_just_before():
    text = (
        "The Supreme Court is due to rule by the end of June.\n\nThe challengers notified the high court about the "
        "new documents in a letter filed on Thursday. They did not ask the court to take any specific action."
    )
    quotes = [q for q in extract_quotes(text) if q.cue and "ask" in q.cue]
    assert quotes and all(q.speaker == "The challengers" for q in quotes)


def test_they_is_the_plural_subject_before_it_in_its_own_sentence():
    text = (
        "The governor is working to build the fence and keep out smugglers to protect the ranchers. Democrats have "
        "different idea: they prefer open borders and permissive immigration to welcome future voters."
    )
    quotes = [q for q in extract_quotes(text) if q.cue and "prefer" in q.cue]
    assert quotes and all(q.speaker == "Democrats" for q in quotes)


def test_they_after_another_subject_in_its_sentence_is_not_guessed():
    text = (
        "Optimists think that if it is a bad thing it is a fluke. If it is a good thing, they tend to think it is "
        "permanent."
    )
    quotes = [q for q in extract_quotes(text) if q.cue and "tend" in q.cue]
    assert all(q.speaker in {None, "they"} for q in quotes)
