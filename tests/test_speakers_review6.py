"""Who said what, a sixth careful reader's review: speakers that were wrong on the PAC left/right
article pairs (a subject "he" never registered as a mention, names listed as examples taking a
later "he said", a title-case headline's words taken for people, an organisation cut to its last
word, a place set off by commas kept in the speaker, a possessive about somebody else's view
making a woman a man). Invented sentences modelled on those errors."""

from __future__ import annotations

from storytrace.claims.quotes import extract_quotes


def _speakers(text: str, cue: str) -> list[str | None]:
    """The speakers of the quotes whose cue contains ``cue``, each once, in text order."""
    return list(dict.fromkeys(q.speaker for q in extract_quotes(text) if q.cue and cue in q.cue))


def test_a_subject_he_nobody_quoted_is_a_mention():
    text = (
        "Judge Carl Benton grew up in Ohio. He studied law at Yale. He later spent a year clerking for "
        "Chief Justice Warren Burger. At one point, he urged the court to hear more cases."
    )
    assert _speakers(text, "urged") == ["Carl Benton"]


def test_people_listed_as_examples_do_not_take_the_next_he():
    text = (
        "\u201cTurnout will decide this race,\u201d pollster Dan Mercer said.\n\nDuring the spring, several "
        "candidates \u2014 including Ann Hale, Tom Ruiz and Blake Dorner \u2014 won their primaries but lost in "
        "the fall.\n\n\u201cIn general, voters want hope,\u201d he said."
    )
    assert _speakers(text, "said") == ["Dan Mercer"]


def test_a_title_case_headline_names_nobody_without_a_cue():
    text = (
        "Mayor Vetoes Harbor-Dredging Plan, Calls It a Gift to Developers\n\nThe mayor rejected the plan on "
        "Friday, and council members vowed an override. \u201cThis plan is wasteful,\u201d he said."
    )
    speakers = [q.speaker for q in extract_quotes(text) if q.cue == "said"]
    assert speakers and not any(s and ("Plan" in s or "Gift" in s) for s in speakers)


def test_an_organisation_with_of_and_for_is_its_whole_name():
    text = "The sprinter appealed to the Court of Arbitration for Sport, which ruled that the ban was \u201cfair.\u201d"
    assert _speakers(text, "ruled") == ["Court of Arbitration for Sport"]


def test_a_place_set_off_by_commas_is_not_the_speaker():
    text = "Two farmers, near Dayton, said they were \u201cleft out\u201d of the talks."
    assert _speakers(text, "said") == ["Two farmers"]


def test_a_possessive_about_the_objects_view_says_nothing_of_her_gender():
    text = (
        "Judge Maria Ocampo asked the county's attorney to explain his view that the rule was lawful.\n\n"
        "\u201cThat is still disputed,\u201d she said."
    )
    assert _speakers(text, "said") == ["Maria Ocampo"]


def test_a_female_first_name_outweighs_one_male_clue():
    text = "Dr. Maria Ocampo said he would testify next week.\n\n\u201cWe are ready,\u201d she said."
    assert _speakers(text, "said")[-1] == "Maria Ocampo"


def test_a_long_heading_with_a_name_is_no_speakers_label():
    text = (
        "Mayor Jane Ruiz spoke on Monday. \u201cThe review was thorough,\u201d Ruiz added.\n\nRUIZ AIDES ACCUSED OF "
        "\u2018STONEWALLING\u2019 COUNCIL ON KEY BUDGET MEMO: \u2018IT RAISES MY SUSPICION\u2019\n\nThe city says the "
        "deficit was large."
    )
    speakers = [q.speaker for q in extract_quotes(text) if q.cue == ":"]
    assert speakers in ([], [None])


def test_a_speakers_name_ends_before_a_preposition():
    text = "\u201cVICTORY for the coast!\u201d tweeted Friends of the Earth on April 3, 2020."
    assert _speakers(text, "tweeted") == ["Friends of the Earth"]


def test_a_platform_as_subject_is_the_company():
    text = (
        "Twitter has quietly changed its privacy rules, as spotted by the nonprofit Electronic Frontier "
        "Foundation (EFF).\n\nIn a section that bans harassment, Twitter removed a line that protected "
        "\u201cusers' locations.\u201d\n\nThe company had initially adjusted the same policy back in 2018 to "
        "clarify that its protections applied to locations."
    )
    assert _speakers(text, "adjusted") == ["Twitter"]
