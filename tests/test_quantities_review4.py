"""A fourth review of the quantities, read on PAC, PolNeAR and the AllSides roundups (and spot checks of the
event piles): age groups, street numbers in capitals, shares per a currency, tallies with a spaced dash,
quarters of a year, years that "roll around", list items inside a sentence, nouns coordinated with the counted
one that it does not count, "zero tolerance", age bounds written "65 and older", a level of "percent".

The sentences are written for these tests; they copy the shapes found in the corpora, not their words."""

from __future__ import annotations

import pytest

from storytrace.claims.quantities import extract_quantities


def _texts(text: str) -> list[str]:
    return [q.text for q in extract_quantities(text)]


def _counted(text: str) -> list[str | None]:
    return [q.counted for q in extract_quantities(text)]


def test_a_count_of_children_of_an_age_counts_the_age_group_not_olds():
    quantities = extract_quantities("The shelter took in two 4-year-olds and a puppy last week.")
    assert [(q.value, q.counted) for q in quantities] == [(2.0, "4-year-olds")]
    assert "olds" not in _counted("Officers found three 10-year-olds near the pier.")


def test_an_age_group_written_as_a_range_is_no_amount():
    assert _texts("A new survey of 18-to-29-year-olds found little enthusiasm.") == []
    assert _texts("Turnout among 25-to-40-year-olds rose.") == []


def test_a_house_number_before_a_street_in_capitals_is_no_amount():
    assert _texts("FIRE CLOSES OFFICES AT 12 MAPLE AVENUE") == []
    assert _texts("BANK MOVES TO 40 HARBOR ST TODAY") == []


def test_a_share_takes_no_currency_as_its_denominator():
    quantities = extract_quantities("Bourses closed mixed: the Hang Seng UP 0.44%/Chinese yuan closed firmer at 7.1")
    assert (quantities[0].text, quantities[0].unit) == ("0.44%", "percent")
    assert [q.unit for q in extract_quantities("Prices climbed 1.5%/month last year.")] == ["percent per month"]


@pytest.mark.parametrize(
    "text",
    [
        "The measure cleared the chamber 71 - 28 on Tuesday.",
        "The panel voted 9 – 2 to advance it.",
        "Their 5 - 4 ruling stood.",
    ],
    ids=["spaced-hyphen", "spaced-en-dash", "ruling"],
)
def test_a_tally_with_a_spaced_dash_is_no_pair_of_amounts(text):
    assert _texts(text) == []
    # an ascending pair stays a range
    assert [q.qualifier for q in extract_quantities("Each box holds 10 - 12 eggs.")] == ["range"]


def test_quarters_of_a_year_are_counted_not_a_fraction():
    quantities = extract_quantities("Sales shrank in each of the last three quarters.")
    assert [(q.value, q.unit, q.counted) for q in quantities] == [(3.0, None, "quarters")]
    assert [q.value for q in extract_quantities("Three quarters of the members agreed.")] == [0.75]


def test_a_year_that_rolls_around_is_a_year():
    assert _texts("Much may change by the time 2030 rolls around, analysts say.") == []


def test_list_items_numbered_inside_a_sentence_are_no_amounts():
    assert _texts("The choice is simple: 1) sell the land or 2) lease it.") == []
    assert _texts("She 1) read the memo, 2) called the mayor and 3) resigned.") == []
    # a figure closing a bracket that opens before it stays a figure
    assert _texts("The fee (now 40) rose again.") == ["40"]


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("The court found one firm guilty of six felonies and Brightline Shipping Corporation guilty of two.",
         "felonies"),
        ("Lawyers from 23 states and the District of Columbia signed the brief.", "states"),
        ("The blast killed four soldiers and a local interpreter.", "soldiers"),
        ("The farm grows eight of 10 pears and half of the apples sold here.", "pears"),
        ("Three rival unions, the Pilots and the Machinists, signed on.", "rival unions"),
    ],
    ids=["name-after-common-noun", "the-district", "own-article", "number-word", "apposed-with-article"],
)
def test_a_coordinated_noun_the_figure_does_not_count_stays_out(text, counted):
    assert counted in _counted(text)
    assert all(c is None or c == counted or (" and " not in c and "," not in c) for c in _counted(text))
    # coordinated common nouns are still counted together
    assert "officers and volunteers" in _counted("The city sent 40 officers and volunteers to the site.")


def test_zero_tolerance_is_no_amount():
    assert _texts("The agency kept its zero tolerance policy at the border.") == []
    assert _texts("Critics called it a zero-sum game.") == []
    assert [q.value for q in extract_quantities("The clinic reported zero cases last week.")] == [0]


@pytest.mark.parametrize(
    ("text", "qualifier", "low", "high"),
    [
        ("Boosters are open to adults 65 and older this fall.", "at_least", 65.0, None),
        ("The card is free for residents 14 and up.", "at_least", 14.0, None),
        ("Riders aged 5 and under travel free.", "at_most", None, 5.0),
        ("Half the crowd was 50 or older.", "at_least", 50.0, None),
    ],
    ids=["and-older", "and-up", "and-under", "or-older"],
)
def test_an_age_bound_after_the_figure_is_a_qualifier(text, qualifier, low, high):
    quantity = extract_quantities(text)[-1]
    assert (quantity.qualifier, quantity.low, quantity.high) == (qualifier, low, high)
    # "and over" before another figure is no bound
    assert extract_quantities("The plant hired 5 and over 300 workers later.")[0].qualifier == "exact"


def test_a_figure_after_a_share_of_people_is_no_level_of_percent():
    quantities = extract_quantities("In the state, 61 percent of voters were 45 or older.")
    assert [(q.value, q.unit) for q in quantities] == [(61.0, "percent"), (45.0, None)]
