"""Who said what, a seventh careful reader's review: an outlet named by "according to" taking a later
"he", a document or reporter after "according to" competing with a subject that has its own speaking
cue, a passive participle read as a cue, and a shouted headline's subject kept in capitals. Invented
sentences modelled on those errors."""

from __future__ import annotations

from storytrace.claims.quotes import extract_quotes


def _speakers(text: str, cue: str) -> list[str | None]:
    """The speakers of the quotes whose cue contains ``cue``, each once, in text order."""
    return list(dict.fromkeys(q.speaker for q in extract_quotes(text) if q.cue and cue in q.cue))


def test_an_outlet_after_according_to_is_never_a_he():
    text = (
        "According to C-SPAN, the mayor was giving a talk in Dover, Delaware, in which he described the "
        "flooding as a \u201cclear and growing danger.\u201d"
    )
    speakers = [q.speaker for q in extract_quotes(text) if "danger" in q.text]
    assert speakers and "C-SPAN" not in speakers


def test_a_quoted_promise_told_according_to_a_document_is_the_tellers():
    text = (
        "The recruiters told the workers that they would be \u201cpaid in full every week,\u201d according "
        "to the indictment."
    )
    quotes = [q for q in extract_quotes(text) if "paid in full" in q.text]
    assert quotes and all(q.speaker == "The recruiters" for q in quotes)


def test_a_reporter_after_according_to_is_the_channel_not_the_speaker():
    text = (
        "The governor's office quickly responded that the letter was \u201ca crude forgery,\u201d according to a "
        "reporter."
    )
    quotes = [q for q in extract_quotes(text) if "forgery" in q.text]
    assert quotes and all(q.speaker == "The governor's office" for q in quotes)
    assert any(q.channel == "a reporter" for q in quotes)


def test_a_participle_with_being_is_no_cue():
    text = "The merger being announced will close four plants in the state."
    assert not [q for q in extract_quotes(text) if q.cue and "announced" in q.cue]


def test_a_shouted_headline_subject_is_no_capitalised_speaker():
    text = (
        "ECONOMISTS WARN THE TARIFF WILL RAISE GROCERY PRICES\n\nThe tariff takes effect in June. Several "
        "economists said it would hurt families."
    )
    speakers = _speakers(text, "WARN")
    assert speakers in ([], [None], ["economists"])


def test_a_shouted_name_takes_the_articles_own_spelling():
    text = "SENATOR PALMER VOWS THE BILL WILL PASS\n\nSenator Ruth Palmer spoke to reporters on Monday."
    assert all(s != "PALMER" for s in _speakers(text, "VOWS"))
