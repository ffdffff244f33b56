""""it" (and "its" of "its CEO said") standing for an organisation or institution that speaks."""

from __future__ import annotations

from storytrace.claims.quotes import extract_quotes


def _speakers(text: str, cue: str) -> list[str | None]:
    return [q.speaker for q in extract_quotes(text) if q.cue == cue]


def test_it_after_a_quote_is_the_organisation_the_article_opened_with():
    text = ("Tunecast is backtracking on a recent policy after criticism from music figures.\n\n"
            "The policy 'created confusion and concern' when it was announced on May 10 and Tunecast "
            "'didn't spend enough time getting input from our own team', it said in a blog post.")
    speakers = _speakers(text, "said")
    assert speakers and all(s == "Tunecast" for s in speakers)


def test_it_is_the_court_that_was_the_subject_before_not_the_lower_court():
    text = ("On the more modest part of the law on disposal of waste, the court reverses the lower court "
            "and says that law is acceptable. But it says, at the same time, it's not really a health law.")
    quotes = [q for q in extract_quotes(text) if q.text.startswith("at the same time")]
    assert [q.speaker for q in quotes] == ["the court"]


def test_it_after_another_subject_stays_unresolved():
    # "It" is the reporting, not the court named before it
    text = ("The Supreme Court of Veldoria is poised to decide the case. Shocking new reporting offers "
            "support to the plaintiffs. It strongly suggests that the justification was false.")
    quotes = [q for q in extract_quotes(text) if q.text.startswith("that the justification")]
    assert [q.speaker for q in quotes] == ["it"]


def test_an_unparsed_sentence_about_something_else_breaks_the_chain():
    text = ("Kelvar Logistics runs depots in six states. The warehouses employ nine hundred people. "
            "It said profits fell last year.")
    assert _speakers(text, "said") == ["it"]
    text = ("Kelvar Logistics runs depots in six states. Kelvar Logistics employs nine hundred people. "
            "It said profits fell last year.")
    assert _speakers(text, "said") == ["Kelvar Logistics"]


def test_an_outlet_is_not_what_it_stands_for():
    text = "The Daily Planet reported on Monday that the mill would close. It said the owners had run out of money."
    assert "Daily Planet" not in _speakers(text, "said")


def test_it_inside_a_quotation_is_the_quoted_speakers_own():
    text = ('Tunecast announced a new plan on Monday. "We think it will work, and it says so in our filings," '
            "a spokesman said.")
    assert _speakers(text, "says") == []
    assert _speakers(text, "said") == ["a spokesman"]


def test_its_ceo_is_the_ceo_of_the_organisation_before():
    text = "Tunecast opened an office in Lagos. Its chief executive said the move would pay off."
    assert _speakers(text, "said") == ["Tunecast's chief executive"]
    text = ("Tunecast made a mistake by playing “moral police” when it pulled the songs of the singer Bo Trant "
            "from its popular playlists, its CEO said Thursday.")
    assert set(_speakers(text, "said")) == {"Tunecast's CEO"}



def test_a_scare_quote_of_another_verb_is_no_content_of_the_cue():
    # "accused" (of "accused abuser", parsed as a verb sharing "it") does not report "moral police",
    # the object of "playing"
    text = ("Streamify made a mistake by playing “moral police” when it yanked the music of alleged sex fiend "
            "R. Kelton and accused abuser XXXTentacular from its popular playlists, its CEO said Thursday.")
    quotes = extract_quotes(text)
    assert not [q for q in quotes if q.cue == "accused"]
    assert [q.speaker for q in quotes if q.text == "moral police"] in ([], ["its CEO"])


def test_an_organisation_opening_the_sentence_is_its_subject_whatever_the_parse():
    # (invented; the parser hangs a sentence-opening "Spotify" from the verb as a clause of its own)
    text = ("Spotify made a mistake by playing “moral police” when it removed the songs of two rappers "
            "from its playlists, its chief executive said on Friday.")
    speakers = _speakers(text, "said")
    assert speakers and all(s == "Spotify's chief executive" for s in speakers)


def test_a_person_the_tagger_took_for_an_organisation_is_not_what_it_stands_for():
    # (a hand-built parse: "Korver defeated her challenger." with "Korver" tagged ORG, as the
    # tagger does with some surnames; the article named Nadia Korver before)
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from storytrace.claims.quotes import _register_institutions, _Speakers

    doc = Doc(Vocab(), words=["Korver", "defeated", "her", "challenger", "."],
              heads=[1, 1, 3, 1, 1], deps=["nsubj", "ROOT", "poss", "dobj", "punct"],
              tags=["NNP", "VBD", "PRP$", "NN", "."], ents=["B-ORG", "O", "O", "O", "O"])
    speakers = _Speakers()
    speakers.add("Nadia Korver", 0, 12)
    _register_institutions(doc, 100, [], speakers)
    assert all(name != "Korver" for name, _, _ in speakers.subjects)


def test_a_quotation_of_the_verb_an_as_clause_hangs_from_is_the_as_clauses_speakers():
    text = ('The campaign team, in the spin room after the debate, focused on repeating the theme that, as '
            'Dalton said, Vance showed "passion" and that he showed "a great concern for the middle class."')
    assert [q.speaker for q in extract_quotes(text) if q.text == "passion"] == ["Dalton"]
