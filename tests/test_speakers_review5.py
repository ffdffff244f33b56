"""Who said what, a fifth careful reader's review: speakers that were wrong on the PAC left/right
article pairs, BASIL and the census and Spotify piles (a statement by several people credited to the
first, "As for X, he …", unnamed people lent a name, a descriptor or a title cut to its last word, a
surname the tagger took for a nationality, a relative "who" after "was the first person", "Smith of
Texas", a resolved "he" that was no mention of its person, "Dr." and two people of one surname, a
quotation begun at an earlier mark). Invented sentences modelled on those errors."""

from __future__ import annotations

from storytrace.claims.quotes import extract_quotes


def _speakers(text: str, cue: str) -> list[str | None]:
    """The speakers of the quotes whose cue contains ``cue``, each once, in text order."""
    return list(dict.fromkeys(q.speaker for q in extract_quotes(text) if q.cue and cue in q.cue))


def test_a_coordinated_subject_is_every_person_in_it():
    text = (
        "The vote was close. Sens. Ann Lee, Bo Park and Cy Dunn Smith released a statement on Monday "
        "saying: \u201cThis bill is a betrayal of the farmers we serve.\u201d"
    )
    speakers = [q.speaker for q in extract_quotes(text) if q.direct]
    assert speakers == ["Ann Lee, Bo Park and Cy Dunn Smith"]


def test_as_for_a_person_he_is_that_person():
    text = (
        "Judge Ray Molina wrote the opinion for the panel. He argued that the rule was too broad. As for "
        "Carver, he also dissented from the ruling, but he wrote his own dissent. He said the rule was "
        "\u201cplainly lawful.\u201d"
    )
    assert _speakers(text, "said") == ["Carver"]


def test_an_unnamed_staffer_keeps_no_name():
    text = (
        "Network chief Jordan Lyle defended the broadcast on Thursday. \u201cThis is so bad,\u201d one on-air "
        "anchor told the Daily Post as the show was still airing. Another network staffer was even more "
        "blunt. \u201cOne of the worst hours I have ever seen,\u201d she sighed."
    )
    assert _speakers(text, "sighed") in (["Another network staffer"], ["she"], [None])


def test_a_descriptor_ending_in_a_party_name_is_not_the_party():
    text = (
        "Sen. Mara Quill voted against the bill. \u201cThis is not the deal we were promised,\u201d the Ohio "
        "Democrat said on Tuesday."
    )
    speaker = _speakers(text, "said")
    assert speaker and speaker[0] != "Democrat"


def test_an_organisation_with_a_possessive_is_its_whole_name():
    text = "\u201cWe will not be silent,\u201d the Children\u2019s Parade said in a statement on Monday."
    assert _speakers(text, "said") == ["Children\u2019s Parade"]


def test_who_after_was_the_first_person_is_the_subject():
    text = (
        "Lawyers for the plaintiffs filed the files on Thursday. Emma Dorsey, the group's director, attended. "
        "Grant Hollis was the first person who suggested that the state \u201cadd a citizenship question\u201d "
        "to the form."
    )
    assert _speakers(text, "suggested") == ["Grant Hollis"]


def test_a_member_of_congress_of_a_state_is_the_person():
    text = (
        "Rep. Wes Tolliver spoke first at the hearing. Tolliver of Texas said the agency had \u201cfailed "
        "the taxpayers.\u201d"
    )
    assert _speakers(text, "said") == ["Wes Tolliver"]


def test_a_resolved_he_is_a_mention_of_that_person():
    text = (
        "Donald Trump spoke on Friday. \u201cWe need unity,\u201d Trump said. Then, on Friday night, he endorsed "
        "House Speaker Paul D. Ryan's reelection after declining to do so days before. Oh, and he also "
        "endorsed Sen. Kelly Ayotte, whom he had snubbed."
    )
    assert _speakers(text, "also endorsed") == ["Donald Trump"]


def test_a_title_with_a_surname_is_the_person_given_that_title():
    text = (
        "The files were left by Dr. Thomas Hendry, a consultant who drew maps for the party. His estranged "
        "daughter, Stella Hendry, found them after his death. Stella Hendry said she \u201cknew they "
        "mattered.\u201d Dr. Hendry wrote in 2015 that the plan would be \u201cadvantageous to Republicans.\u201d"
    )
    assert _speakers(text, "wrote") == ["Thomas Hendry"]


def test_a_quotation_starts_at_its_own_mark():
    text = (
        "The mayor said the parade was a \"tradition\u201d. \u201cIt\u2019s a long story, and we love it,\u201d "
        "Ms. Dale added."
    )
    quotes = [q for q in extract_quotes(text) if q.cue == "added"]
    assert quotes and quotes[0].text.startswith("It\u2019s a long story")


def test_a_bare_surname_is_the_father_not_the_junior():
    text = (
        "Donald Trump spoke at the rally on Monday. His son Donald Trump Jr. spoke at a dinner on Tuesday. "
        "\u201cI hope all the sharks die,\u201d Trump said."
    )
    assert _speakers(text, "said") == ["Donald Trump"]


def test_a_second_relative_clause_speaks_for_the_same_noun():
    text = (
        "The main rival is Florida Governor Ron DeSantis, who still trails slightly behind Trump in most polls "
        "and who has yet to announce an official 2024 bid."
    )
    assert _speakers(text, "announce") == ["Ron DeSantis"]


def test_the_possessor_inside_a_source_is_not_the_speaker():
    text = (
        "Lia Thomas won the race in March. Sixteen of Thomas\u2019s teammates, who wrote an open letter arguing "
        "that \u201cLia holds an unfair advantage over the field,\u201d don\u2019t agree."
    )
    assert "Lia Thomas" not in _speakers(text, "wrote")


def test_that_said_is_no_statement():
    text = (
        "Sen. Jo Marr once called him a \u201cwacko bird.\u201d That said, Cruz is worth watching for his skill as "
        "a debater."
    )
    assert [q.speaker for q in extract_quotes(text) if q.speaker in {"That", "this"}] == []
