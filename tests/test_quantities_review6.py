"""A sixth review of the quantities: a capitalized bound inside a name, sizes written "A-by-B", heights in feet
and inches, an abbreviation's plural as the counted thing, and nicknames made of a number ("the big four").

The sentences are written for these tests; they copy the shapes found in the corpora, not their words."""

from __future__ import annotations

import pytest

from storytrace.claims.quantities import extract_quantities


def _texts(text: str) -> list[str]:
    return [q.text for q in extract_quantities(text)]


def test_a_capitalized_bound_inside_a_name_is_no_amount():
    text = "She was invited to speak at the Bloomfield Under 40 Forum Europe in Lisbon later this spring."
    assert _texts(text) == []
    assert _texts("The company said it will hire over 30 engineers in the coming year.") == ["over 30 engineers"]
    assert _texts('He told the paper:\n\n"More than 2,000 Rebel fighters will be moved to the south."') == [
        "More than 2,000 Rebel fighters"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The notices were printed on 8-by-11-inch sheets and taped to every door in the building.",
        "Each voter was handed a 3-by-5 card to write down a question for the panel.",
        "The old tapestry, 6 by 9 feet, hung in the hallway of the town museum for decades.",
    ],
)
def test_a_size_written_by_is_no_count(text):
    assert extract_quantities(text) == []


def test_a_height_in_feet_and_inches_is_one_measure():
    (height, weight) = extract_quantities("The suspect is described as 5’9” and about 150 pounds, the sheriff said.")
    assert (height.text, height.unit, height.value) == ("5’9”", "foot", 5.75)
    assert weight.text == "about 150 pounds"
    (height,) = extract_quantities("The guard, who stands 6'2\" in his boots, was not hurt in the scuffle.")
    assert (height.unit, height.value) == ("foot", round(6 + 2 / 12, 4))


def test_an_abbreviations_plural_is_the_counted_thing():
    (votes,) = extract_quantities("By midnight the governor had locked up 112 e.v.’s across the Midwest and the South.")
    assert votes.text == "112 e.v.’s"
    assert votes.counted == "e.v.’s"


@pytest.mark.parametrize(
    "text",
    [
        "The deal fell apart when the big four” lenders refused to sign the final draft of the plan.",
        "She was one of the original “big five” senators who wrote the bill, her office said.",
        "Talks among the big three stalled again on Tuesday, an aide to the mayor said.",
        "The school has not reached the Final Four since its coach retired after a long career.",
        "Both teams left the Big Ten conference after the scandal, officials in the state said.",
    ],
)
def test_a_nickname_made_of_a_number_is_no_count(text):
    assert [q.value for q in extract_quantities(text)] == []


def test_a_number_that_counts_a_plural_after_the_adjective_stays():
    assert _texts("Since then the big five have met twice, and the big five banks lent more.") == ["five banks"]
    assert _texts("The mayor met the big three automakers in the afternoon, his office said.") == ["three automakers"]


def test_a_capitalized_number_word_after_a_capitalized_word_ends_a_name():
    text = "The former Radio One presenter was fined by a Dutch court, and a Formula One team was sold."
    assert _texts(text) == []
    assert _texts("The navy sent 300 Marine staff, and Two officers stayed behind.") == ["300 Marine staff", "Two officers"]
    assert _texts("The board met again.\nSixty-one percent of all members voted.")[0].startswith("Sixty-one percent")


def test_an_age_after_a_name_may_close_its_sentence():
    text = "The jury heard from the victim's brother, Owen Pryce, 31. He said he saw the van."
    assert _texts(text) == []
    assert _texts("The bus carried Walsh, 34, and two others.") == ["two others"]


def test_a_figure_after_turned_is_an_age():
    (age,) = extract_quantities("Voters could sign up before they turned 18, the clerk said.")
    assert (age.text, age.unit) == ("18", "years old")
    assert [q.unit for q in extract_quantities("The senator turns 70 on Friday.")] == ["years old"]
    assert _texts("The county turned 12 seats over to the other party.") == ["12 seats"]
