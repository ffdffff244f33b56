"""Who said what, a fourth careful reader's review: speakers that were wrong on the PAC left/right
article pairs, the census pile and AllSides roundups (a person quoted further on lending a "he" or
"she" their name, "Who" taken for a name, a "her" making the man who asked her a woman, a possessive
kept in a name, "they" in a clause its plural subject reports, a name printed in a sentence nobody
parsed, a name used as a modifier taken for a mention of the person). Invented sentences modelled on
those errors."""

from __future__ import annotations

from storytrace.claims.quotes import extract_quotes


def _speakers(text: str, cue: str) -> list[str | None]:
    """The speakers of the quotes whose cue contains ``cue``."""
    return [q.speaker for q in extract_quotes(text) if q.cue and cue in q.cue]


def test_a_pronoun_is_nobody_quoted_further_on():
    text = (
        "Sen. Joe Marlow appeared on three talk shows on Sunday to explain his opposition to the bill. The "
        "senator came with plenty of excuses. He expressed concern that the debt would grow. He rejected the idea that the "
        "two bills must move together. Last year, Sens. Joe Marlow and Bernard Sands shared their views on the "
        "bill, and Sands said it was \u201ca fair deal.\u201d"
    )
    assert _speakers(text, "rejected") == ["Joe Marlow"]
    assert _speakers(text, "expressed") == ["Joe Marlow"]


def test_who_opening_a_sentence_is_no_name():
    # (the judge quoted further on is not "he" either)
    text = (
        "To be clear, while Judge Alvarez's draft is authentic, we do not yet know whether other judges have "
        "signed on to this version. Who agrees with Alvarez's draft may matter, as the text of Alvarez's "
        "argument leans heavily on one claim. He states that the city never had a history of such taxes. Judge "
        "Bo Kim wrote that the draft \"is simply wrong.\""
    )
    assert _speakers(text, "states") == ["Alvarez"]


def test_her_as_the_object_of_a_mans_question_does_not_make_him_a_woman():
    text = (
        "Judge Ann Park spoke on the third day of the hearings. Sen. Patrick Leahy asked her why the courts "
        "should \"reflect the diversity of our nation.\" What she's saying: \"The judicial branch is the "
        "protection of the rule of law.\""
    )
    assert _speakers(text, "saying") == ["Ann Park"]


def test_a_curly_possessive_is_no_part_of_the_name():
    text = (
        "The crowd loved Ray Dunmore\u2019s speech on Friday. He said the plan was \u201ca step forward for a "
        "civil society.\u201d"
    )
    assert set(_speakers(text, "said")) == {"Ray Dunmore"}


def test_they_in_a_clause_its_plural_subject_reports_is_that_subject():
    text = (
        "WASHINGTON - Challengers to the mayor's plan to add a toll to the bridge informed the state court on "
        "Monday that they believe they have \"new evidence\" that the toll was politically motivated."
    )
    speakers = [q.speaker for q in extract_quotes(text)]
    assert "they" not in speakers
    assert "Challengers" in speakers


def test_a_person_named_in_a_sentence_nobody_parsed_is_whom_he_stands_for():
    text = (
        "Sen. Tom Orr spoke on Monday. Marcus Hale was born in Leeds in 1950 and trained as an engineer. He said "
        "the bridge \"was built to last.\""
    )
    assert set(_speakers(text, "said")) == {"Marcus Hale"}


def test_a_person_opening_an_unparsed_lede_is_whom_he_stands_for():
    text = "Tom Orr spoke on Monday.\n\nTed Crane isn't shy. He's combative. He rejects compromise as \"the mushy middle.\""
    assert set(_speakers(text, "rejects")) == {"Ted Crane"}


def test_a_name_modifying_a_noun_is_no_mention_of_the_person():
    text = (
        "Barack Obama spoke in May. Mayor Tom Reyes met the board on Monday. Later, Obama campaign officials "
        "complained about the fee. \u201cWe will not pay a cent more,\u201d he said."
    )
    assert _speakers(text, "said") == ["Tom Reyes"]


def test_a_brand_modifying_a_noun_is_no_person():
    text = (
        "Mayor Tom Reyes spoke first. His wife sat nearby holding a pair of green Converse sneakers: They "
        "belonged to a slain girl, he explained."
    )
    assert _speakers(text, "explained") == ["Tom Reyes"]


def test_a_known_surname_modifying_a_noun_in_an_unparsed_sentence_is_no_mention():
    text = (
        "Barack Obama spoke in May. Mayor Tom Reyes met the board on Monday. The Obama campaign officials were "
        "in town for a week. \u201cWe will not pay a cent more,\u201d he said."
    )
    assert _speakers(text, "said") == ["Tom Reyes"]


def test_he_is_the_person_a_relative_clause_describes_not_one_named_in_it():
    text = (
        "Judge Jesse Furman ruled in January.\n\nIn the letter to Furman, the lawyers attached a copy of a "
        "deposition of A. Mark Neuman, who they say was Ross' expert adviser on the matter.\n\nHe testified that "
        "the plan \"was never about voting rights.\""
    )
    assert set(_speakers(text, "testified")) == {"A. Mark Neuman"}


def test_an_organisations_name_with_from_in_it_is_the_whole_name():
    text = (
        "Briefs came from many groups. The Liberty from Taxation Foundation argues that the levy is \"at the "
        "heart\" of the dispute."
    )
    assert set(_speakers(text, "argues")) == {"Liberty from Taxation Foundation"}


def test_he_is_not_the_person_named_inside_what_somebody_argued():
    text = (
        "Paul Lee spoke at the convention on Wednesday.\n\nThe line was an unscripted addition to a speech in "
        "which Lee criticized his party, but argued that Tom Hart was a \u201creckless gambler\u201d and a bad "
        "manager. \u201cI know a con when I see one,\u201d he said."
    )
    assert _speakers(text, "said") == ["Paul Lee"]


def test_a_possessive_in_an_unparsed_sentence_is_a_mention():
    text = (
        "President Trump vetoed the bill on Tuesday. Senate Majority Leader Mitch McConnell had urged lawmakers "
        "to reject the resolution, saying it was \u201cinappropriate.\u201d The veto was Trump\u2019s second of his "
        "term. He issued his first last month, blocking the attempt to end the emergency."
    )
    assert _speakers(text, "issued") == ["Trump"]
